//! Structure: the outline by GB/T 9704 levels, numbering faults, enumerations, parallel headings.
//!
//! The work is done by pure functions over paragraph text ([`Para`]): [`outline`] reads the
//! headings, [`numbering`] checks their numbers, [`enumeration`] finds 一是…二是… groups, and
//! [`parallel`] compares sibling headings. [`analyze`] ties them to the [`Document`] and fills
//! the report's outline, findings, `metrics.structure` and `scores.structure`.

pub mod announce;
pub mod enumeration;
pub mod marker;
pub mod numbering;
pub mod numeral;
pub mod outline;
pub mod parallel;

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::analyze::Analysis;
use crate::config::Config;
use crate::doc::Document;
use crate::report::{Finding, OutlineNode, Score, ScorePart, Span};
use crate::rules::{Rule, Severity, Topic};

/// A paragraph as the structure analyzer reads it: its text (leading indentation excluded) and
/// where that text starts in the document, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Para<'a> {
    pub text: &'a str,
    pub start: usize,
}

/// A finding before it is tied to the document: a rule, document bytes, a message, and a
/// certain fix if there is one.
#[derive(Debug, Clone)]
pub struct Issue {
    pub rule: &'static Rule,
    pub range: Range<usize>,
    pub message: String,
    pub suggestion: Option<String>,
}

impl Issue {
    pub fn new(rule: &'static Rule, range: Range<usize>, message: impl Into<String>) -> Issue {
        Issue {
            rule,
            range,
            message: message.into(),
            suggestion: None,
        }
    }

    pub fn with_suggestion(mut self, replacement: impl Into<String>) -> Issue {
        self.suggestion = Some(replacement.into());
        self
    }
}

/// How a numbered line is told from a heading; quoted by the numbering rules.
macro_rules! weak_markers {
    () => {
        "\
Headings are read at the start of paragraphs. Chinese-numeral markers (一、 （一） and their \
wrong forms), part headings (第一部分, 第一章) and articles (第一条) are always headings. An \
Arabic-numbered line (1. （1） 1、 (1) 1）) is a heading only when the numbering around it makes \
a list: another line under the same heading has the next or the previous number, or its number \
continues a list of the same level under an earlier heading (documents numbered straight \
through). Once a section has such a list, every line of that level in it numbered from 1 to one \
past the list's highest number counts too, so a missing or repeated number still shows. A lone \
1. or （1） that is a short title line of its own (（1）食堂改造, no punctuation, text after it) \
is a heading too; a lone 1. inside a paragraph of quoted data, or a 2. left over from a list of \
attachments, is read as running text and never reported. A line alone on its line as 附件, 附件1 or 附件 2： starts an \
attachment, whose numbering starts afresh."
    };
}

pub static MARKER_FORM: Rule = Rule {
    id: "structure/marker-form",
    severity: Severity::Warning,
    summary: "A heading marker is not written the GB/T 9704 way: (一) （一）、 一. 1、 1． (1) 1）",
    explanation: "\
Checks how each heading's number is written. GB/T 9704-2012 7.3.3 sets the four levels as 一、 \
→ （一） → 1. → （1）: Chinese numerals take a 顿号, bracketed numbers take full-width brackets and \
no punctuation after them, and Arabic numerals take a half-width period. A marker typed twice \
(三、三、保障措施) is reported too. The fix (the standard marker) comes with the finding.

Why it matters: a wrong marker is the first thing a reviewing office sends a draft back for, \
and half-width brackets or a stray 、 after （一） show the text was pasted together without a \
final check.

Example: `(一)加强组织领导` → `（一）加强组织领导`; `（二）、完善制度` → `（二）完善制度`; `一.总体要求` → \
`一、总体要求`; `1、通用标准` → `1.通用标准`.",
};

pub static NUMBERING_GAP: Rule = Rule {
    id: "structure/numbering-gap",
    severity: Severity::Warning,
    summary: "Heading numbers skip one: 二、 is followed by 四、",
    explanation: concat!(
        "\
Checks that the headings of one level under one parent count up without a gap (GB/T 9704 \
7.3.3: numbering restarts under each parent and runs without gaps or repeats). Lists numbered \
straight through a document (3. under （二） after 1. 2. under （一）) are accepted.

",
        weak_markers!(),
        "

Why it matters: a gap usually means a section was deleted or moved in revision and the \
numbers were not redone; readers then look for the missing part.

Example: `二、狠抓落实` followed by `四、加强领导` reports that `三、` is missing."
    ),
};

pub static NUMBERING_DUPLICATE: Rule = Rule {
    id: "structure/numbering-duplicate",
    severity: Severity::Warning,
    summary: "Two sibling headings have the same number",
    explanation: "\
Checks that no number is used twice among the headings of one level under one parent. Arabic \
lists may start again at 1 under one heading after a list of two or more (a second list, or a \
list inside an item's text); a second （一） under one 一、 is a repeat, reported once where the \
numbering starts again. At the top level a report in several unnumbered parts may number each \
part from 一、, so a second 一、 there is read as a new part (but not after a lone 一、 that \
nothing continued); a number written twice in a row (三、 三、) is a repeat wherever it stands.

Why it matters: a repeated number usually comes from a section copied in and not renumbered, \
and cross-references such as “第（二）项” become ambiguous.

Example: `（一）` `（二）` `（二）` under one `一、` reports the second `（二）`; `（一）` `（二）` `（一）` \
`（二）` under one `一、` reports the second `（一）`.",
};

pub static NUMBERING_ORDER: Rule = Rule {
    id: "structure/numbering-order",
    severity: Severity::Warning,
    summary: "A heading number comes out of order: 三、 before 二、",
    explanation: "\
Checks that sibling headings come in the order of their numbers. A swap of two headings is \
reported once, on the heading that comes too early.

Why it matters: sections moved in revision keep their old numbers; the reader then meets 三 \
before 二.

Example: `一、` `三、` `二、` reports that `三、` comes before `二、`.",
};

pub static NUMBERING_START: Rule = Rule {
    id: "structure/numbering-start",
    severity: Severity::Warning,
    summary: "The first heading of a level under a parent is not numbered 一 or 1",
    explanation: concat!(
        "\
Checks that the first heading of each level under a parent is 一、, （一）, 1. or （1）, unless \
its number continues the same level of the previous section (documents numbered straight \
through).

",
        weak_markers!(),
        "

Why it matters: a list that starts at （二） has lost its first item, or was cut from a longer \
list.

Example: `一、总体要求` followed directly by `（二）工作目标` reports `（二）`."
    ),
};

pub static LEVEL_SKIP: Rule = Rule {
    id: "structure/level-skip",
    severity: Severity::Warning,
    summary: "A heading is more than one level below its parent: （1） directly under 一、",
    explanation: "\
Checks that a heading sits one level below its parent in the order 第一部分 → 一、 → （一） → 1. → \
（1）, reporting the first such heading under each parent. A document that never uses （一） may \
go from 一、 straight to 1. (a two-level document, which GB/T 9704 allows in practice), so that \
skip is not reported there; headings right under an attachment are not checked, nor Arabic \
items that are the sentences of a list (one of them ends in ； or runs on past a comma: \
1.招聘医生4名，选派6名医生进修；2.完成设备更新。).

Why it matters: a skipped level breaks the reader's sense of where they are in the text, and \
usually means a level was removed in revision; it is a warning, not an error, because some \
offices number short documents with two levels.

Example: `一、总体要求` followed by `（1）指导思想` reports that the `（一）` level is missing.",
};

pub static LONE_CHILD: Rule = Rule {
    id: "structure/lone-child",
    severity: Severity::Info,
    summary: "A heading is the only one of its level under its parent: （一） with no （二）",
    explanation: concat!(
        "\
Notes a heading numbered 一 or （一） that has no sibling of its level under the same parent \
(Arabic-numbered lines are never reported: a lone 1. is usually running text).

",
        weak_markers!(),
        "

Why it matters: numbering exists to divide; a single subdivision is either a leftover of a \
deleted sibling or a level that is not needed, and its title can usually become the parent's \
first sentence.

Example: `一、提高认识` → `（一）统一思想` → `二、狠抓落实` notes the lone `（一）`."
    ),
};

pub static MIXED_MARKERS: Rule = Rule {
    id: "structure/mixed-markers",
    severity: Severity::Warning,
    summary: "Headings of one level use more than one marker style",
    explanation: "\
Notes a level whose headings are written in more than one style (（一） and (一), 1. and 1、, \
第一部分 and 第一章), once for each style other than the most used one, at its first heading. \
A style that is not the level's standard form ((一), 1、) is left to structure/marker-form, \
which names each such heading with its right form, so one stray 2、 is reported once.

Why it matters: mixed styles show a text assembled from several drafts; they also make the \
levels hard to tell apart at a glance.

Example: six `1、` headings and one `1.` heading report the `1.` here (and each `1、` as \
structure/marker-form).",
};

pub static ENUMERATION_GAP: Rule = Rule {
    id: "structure/enumeration-gap",
    severity: Severity::Warning,
    summary: "An enumeration skips an item: 一是、二是、四是",
    explanation: "\
Checks that the items of an enumeration inside paragraphs (一是…二是…, 第一，…第二，, 其一…其二, \
一要…二要, 首先…其次…再次…最后) count up without a gap and start at the first. A marker counts \
only at the start of a clause (统一是 and 之一是 are no 一是); the items of one kind under one \
heading form one group, which may run over several paragraphs, and a new 一是 starts a new \
group.

Why it matters: a missing 三是 usually means an item was cut in revision and the rest were not \
renumbered; listeners of a speech notice it at once.

Example: `一是加强领导；二是落实责任；四是严格考核。` reports that `三是` is missing.",
};

pub static ENUMERATION_DUPLICATE: Rule = Rule {
    id: "structure/enumeration-duplicate",
    severity: Severity::Warning,
    summary: "An enumeration uses one item marker twice: 一是、二是、二是",
    explanation: "\
Checks that no item marker is used twice in one enumeration group (see \
structure/enumeration-gap for how groups are formed).

Why it matters: a repeated 二是 comes from an item pasted in from another draft; the audience \
then loses count.

Example: `第一，提高认识；第二，压实责任；第二，严格考核。` reports the second `第二`.",
};

pub static ENUMERATION_ORDER: Rule = Rule {
    id: "structure/enumeration-order",
    severity: Severity::Warning,
    summary: "Enumeration items come out of order: 三是 before 二是",
    explanation: "\
Checks that the items of an enumeration group come in the order of their numbers; a swap of \
two items is reported once, and so is a 其次 or 再次 after 最后 in the same section.

Why it matters: items moved in revision keep their old numbers.

Example: `一要提高站位，三要强化督导，二要压实责任。` reports that `三要` comes before `二要`.",
};

pub static ENUMERATION_SINGLE: Rule = Rule {
    id: "structure/enumeration-single",
    severity: Severity::Warning,
    summary: "An enumeration has one item: 一是 with no 二是, 一方面 with no 另一方面",
    explanation: "\
Finds an enumeration marker (一是, 第一，, 其一, 一要, 一方面) with no second item in the same \
section. 首先 alone is not reported: it is a common way to open a speech.

Why it matters: 一是 promises a list; without 二是 the sentence reads as cut off, and 一方面 \
without 另一方面 is a broken pair of connectives.

Example: `一是要提高政治站位，切实增强责任感。` with no `二是` before the next heading.",
};

pub static ANNOUNCED_COUNT: Rule = Rule {
    id: "structure/announced-count",
    severity: Severity::Warning,
    summary: "A count announced (我讲三点意见) differs from the headings or items that follow",
    explanation: "\
Finds an announcement of how many parts follow — a verb, a count of two or more and a unit, as \
in 讲三点意见, 谈两点体会, 有四点体会, 提出以下十二条措施, 汇报三个方面的情况, 分为三个部分, 讲三句话, or \
从三个方面汇报; 以下 before a count (做好以下四项工作); or a count a colon follows (做了四方面的探\
索：) — and counts what answers it: the run of sibling headings that starts with the next heading (when \
that is a first one, 一、 （一） 1., in the next paragraph), and an enumeration (一是…, 第一，…) that starts in the \
announcing paragraph or at the start of the next one. It reports a count that none of them \
has. A count after other verbs (抓好三个方面) or looking back (刚才讲了三点) promises nothing \
and is not read; a list inside a later paragraph belongs to one of the points, not to the \
announcement; a count answered in its own sentence (三项改革：行政审批、国企改革和财政体制改革) \
promises nothing more; when another group is named after the count (三个方面的做法和几点体会, \
…的情况以及下一步打算), only fewer parts than counted are reported; points written as \
unnumbered paragraphs are not counted.

Why it matters: listeners of a speech count along; a speech that announces three points and \
makes two sounds as if a part was cut, which is usually what happened in revision.

Example: `下面，我讲三点意见。` followed by only `一、` and `二、` reports that the headings number two.",
};

pub static PARALLEL_BREAK: Rule = Rule {
    id: "structure/parallel-break",
    severity: Severity::Info,
    summary: "A heading breaks the title pattern its siblings share (进一步发挥好…作用)",
    explanation: "\
Looks for a template shared by the titles of sibling headings (three or more under one parent): \
a common start and/or end of two chars or more that at least three and 60% of them have, such \
as `进一步发挥好…作用` or `着力…`. The templates found are listed in \
`metrics.structure.templates`. When at least three quarters of the siblings fit, each sibling \
that does not is noted (lists of clauses ending in ；, and articles 第一条, are not checked).

Why it matters: parallel headings (排比式标题) are how a 讲话稿 or 工作报告 shows that its parts \
carry equal weight; one heading in another shape looks like a late addition or a lapse.

Example: `一、进一步发挥好参谋助手作用` `二、进一步发挥好督促检查作用` `三、进一步发挥好协调服务作用` \
`四、切实加强自身建设` notes the fourth.",
};

pub static TITLE_LENGTH: Rule = Rule {
    id: "structure/title-length",
    severity: Severity::Info,
    summary: "A heading's title is far longer or shorter than its siblings'",
    explanation: "\
Compares the length of each title with the median of the other titles in its list of siblings \
(three or more headings of levels 0–2 under one parent, numbered in one series): it is noted \
when it is at least three times as long and 15 chars longer, or at most a third as long and 10 \
chars shorter. Lists of clauses ending in ； and Arabic-numbered items (1. （1）) are not checked.

Why it matters: sibling headings read as a set; one much longer title usually carries content \
that belongs in the text, and one much shorter title usually lost its parallel wording.

Example: `一、统一思想` `二、落实责任` `三、严格考核` `四、以更加有力有效的举措推动各项任务落地见效` notes the \
fourth.",
};

pub static SECTION_BALANCE: Rule = Rule {
    id: "structure/section-balance",
    severity: Severity::Info,
    summary: "A section is over 3× or under 1/3 of the median size of its sibling sections",
    explanation: "\
Compares the size of each section (its chars, heading and subsections included) with the median \
size of its list of siblings (three or more headings of levels 0–2 under one parent, numbered in \
one series), and notes a section over 3× or under 1/3 of it. Lists whose median is under 200 \
chars are entries, not sections, and are not checked; Arabic-numbered items (1. （1）) neither. \
The sizes are listed in `metrics.structure.sections`; the ratio is the \
`structure.balance_ratio` setting.

Why it matters: parts that carry equal weight in the outline should carry comparable weight in \
the text; a very short part is often a placeholder, a very long one often needs its own \
subdivision.

Example: three sections of 400, 1,500 and 380 chars note the second.",
};

pub static RULES: &[&Rule] = &[
    &MARKER_FORM,
    &NUMBERING_GAP,
    &NUMBERING_DUPLICATE,
    &NUMBERING_ORDER,
    &NUMBERING_START,
    &LEVEL_SKIP,
    &LONE_CHILD,
    &MIXED_MARKERS,
    &ENUMERATION_GAP,
    &ENUMERATION_DUPLICATE,
    &ENUMERATION_ORDER,
    &ENUMERATION_SINGLE,
    &ANNOUNCED_COUNT,
    &PARALLEL_BREAK,
    &TITLE_LENGTH,
    &SECTION_BALANCE,
];

/// An issue as the unit tests compare it: the rule id without `structure/`, and the message.
#[cfg(test)]
pub fn shown(issue: &Issue) -> String {
    format!(
        "{}: {}",
        issue.rule.id.trim_start_matches("structure/"),
        issue.message
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_have_the_area_prefix_and_three_part_explanations() {
        for rule in RULES {
            assert!(rule.id.starts_with("structure/"), "{}", rule.id);
            assert!(rule.explanation.split("\n\n").count() >= 3, "{}", rule.id);
            assert!(rule.explanation.contains("Example:"), "{}", rule.id);
        }
        assert!(NUMBERING_GAP.explanation.contains("running text"));
    }
}

/// The structure analyzer's settings.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct StructureSettings {
    /// A section over this many times, or under its inverse of, the median size of its
    /// siblings is noted (structure/section-balance). Greater than 1; default 3.
    pub balance_ratio: f64,
}

impl StructureSettings {
    /// Checks values the type alone cannot: the key and what is wrong with it.
    pub fn validate(&self) -> Result<(), String> {
        if !(self.balance_ratio > 1.0 && self.balance_ratio.is_finite()) {
            return Err("key `balance-ratio`: must be a ratio greater than 1".to_string());
        }
        Ok(())
    }
}

/// The `[structure]` table `shengao init` writes: the defaults, commented.
pub const CONFIG_TEMPLATE: &str = "
[structure]
# Note a section over this many times, or under its inverse of, the median size of its
# sibling sections (structure/section-balance).
balance-ratio = 3.0
";

impl Default for StructureSettings {
    fn default() -> StructureSettings {
        StructureSettings {
            balance_ratio: parallel::BALANCE_RATIO,
        }
    }
}

/// `metrics.structure`: what the structure analyzer measured.
///
/// ```json
/// {"headings": 12, "headings_per_level": [0, 4, 6, 2, 0], "depth": 3, "attachments": 0,
///  "enumeration_groups": 2, "enumeration_items": 5,
///  "enumerations": [{"kind": "一是", "items": [{"marker": "一是", "number": 1, "span": {…}}]}],
///  "sections": [{"level": 1, "count": 4, "min": 310, "median": 655.0, "max": 1420}],
///  "templates": [{"level": 1, "parent": null, "pattern": "进一步发挥好…作用",
///                 "matched": ["一、", "二、", "三、"], "siblings": 4}]}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StructureMetrics {
    /// Headings in the outline, attachment headings (附件1) included.
    pub headings: u64,
    /// Headings by level: `[0]` parts and attachments (第一部分, 附件1), `[1]` 一、 and 第一条,
    /// `[2]` （一）, `[3]` 1., `[4]` （1）, wrong forms counted at the level they stand for.
    pub headings_per_level: Vec<u64>,
    /// How deep the outline nests: 0 without headings, 1 with headings of one level, …
    pub depth: u64,
    /// Attachments (附件, 附件1 alone on a line); each restarts the numbering.
    pub attachments: u64,
    /// Enumeration groups inside paragraphs (一是…二是…, 第一，…, 首先…其次…, 其一…, 一要…,
    /// 一方面…另一方面).
    pub enumeration_groups: u64,
    /// Items in those groups.
    pub enumeration_items: u64,
    /// The groups, in document order.
    pub enumerations: Vec<EnumerationGroup>,
    /// Section sizes (chars, heading and subsections included) by outline level.
    pub sections: Vec<SectionSizes>,
    /// Title templates shared by sibling headings.
    pub templates: Vec<TemplateFound>,
}

/// One enumeration group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumerationGroup {
    /// The kind, named by its first marker: `一是`, `第一`, `首先`, `其一`, `一要` or `一方面`.
    pub kind: String,
    pub items: Vec<EnumerationItem>,
}

/// One item of an enumeration group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumerationItem {
    /// The marker as written, e.g. `二是`, `其次`.
    pub marker: String,
    /// Its place: 1 for 一是/第一/首先/其一/一要/一方面, 2 for 二是/其次/另一方面, …; 最后
    /// takes the number after the item before it.
    pub number: u32,
    /// The item: from its marker to the next item's marker in the same paragraph, or to the end
    /// of its sentence (of its paragraph, when the marker starts the paragraph).
    pub span: Span,
}

/// Section sizes at one outline level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionSizes {
    /// The outline level (0–4).
    pub level: u8,
    /// Sections at this level.
    pub count: u64,
    /// Chars of the smallest, median and largest section.
    pub min: u64,
    pub median: f64,
    pub max: u64,
}

/// A title template shared by sibling headings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateFound {
    /// The siblings' level.
    pub level: u8,
    /// The parent heading's marker (`null` at the top level).
    pub parent: Option<String>,
    /// The shared start and end with `…` between them, e.g. `进一步发挥好…作用`.
    pub pattern: String,
    /// The markers of the siblings that fit it.
    pub matched: Vec<String>,
    /// How many siblings there are.
    pub siblings: u64,
}

/// The paragraphs of a document as the structure functions read them.
pub fn paras_of(doc: &Document) -> Vec<Para<'_>> {
    doc.paragraphs
        .iter()
        .map(|p| Para {
            text: doc.str(p.range.clone()),
            start: p.range.start,
        })
        .collect()
}

/// Reads the outline, checks it and the enumerations, and adds the findings, the outline,
/// `metrics.structure` and `scores.structure` to `out`.
pub fn analyze(doc: &Document, config: &Config, out: &mut Analysis) {
    let paras = paras_of(doc);
    let tree = outline::outline(&paras);
    let groups = enumeration::groups(&paras, &tree.sections(paras.len()));
    let (templates, parallel_issues) = parallel::check(&tree, config.structure.balance_ratio);
    let mut issues = numbering::check(&tree);
    issues.extend(enumeration::check(&groups));
    issues.extend(announce::check(&paras, &tree, &groups));
    issues.extend(parallel_issues);

    out.scores
        .insert("structure".to_string(), score(doc, &tree, &issues));
    out.outline = tree.roots.iter().map(|&r| node(doc, &tree, r)).collect();
    out.metrics.structure = Some(metrics(doc, &tree, &groups, &templates));
    out.findings.extend(issues.into_iter().map(|issue| {
        let finding = Finding::new(issue.rule, doc, issue.range, issue.message);
        match issue.suggestion {
            Some(fix) => finding.with_suggestion(fix),
            None => finding,
        }
    }));
}

fn node(doc: &Document, tree: &outline::Outline, i: usize) -> OutlineNode {
    let h = &tree.headings[i];
    OutlineNode {
        level: h.level(),
        marker: h.written.clone(),
        number: h.number,
        title: h.title.clone(),
        span: doc.span(h.span()),
        chars: h.chars as u64,
        children: h.children.iter().map(|&c| node(doc, tree, c)).collect(),
    }
}

fn metrics(
    doc: &Document,
    tree: &outline::Outline,
    groups: &[enumeration::Group],
    templates: &[parallel::Template],
) -> StructureMetrics {
    let mut per_level = vec![0u64; 5];
    let mut sizes: Vec<Vec<usize>> = vec![Vec::new(); 5];
    for h in &tree.headings {
        per_level[h.level() as usize] += 1;
        sizes[h.level() as usize].push(h.chars);
    }
    fn depth(tree: &outline::Outline, i: usize) -> u64 {
        1 + tree.headings[i]
            .children
            .iter()
            .map(|&c| depth(tree, c))
            .max()
            .unwrap_or(0)
    }
    let sections = sizes
        .into_iter()
        .enumerate()
        .filter(|(_, s)| !s.is_empty())
        .map(|(level, mut s)| {
            let median = parallel::median(&mut s);
            let n = s.len();
            SectionSizes {
                level: level as u8,
                count: n as u64,
                min: s[0] as u64,
                median,
                max: s[n - 1] as u64,
            }
        })
        .collect();
    StructureMetrics {
        headings: tree.headings.len() as u64,
        headings_per_level: per_level,
        depth: tree
            .roots
            .iter()
            .map(|&r| depth(tree, r))
            .max()
            .unwrap_or(0),
        attachments: tree.headings.iter().filter(|h| h.is_attachment()).count() as u64,
        enumeration_groups: groups.len() as u64,
        enumeration_items: groups.iter().map(|g| g.items.len() as u64).sum(),
        enumerations: groups
            .iter()
            .map(|g| EnumerationGroup {
                kind: g.kind.name().to_string(),
                items: g
                    .items
                    .iter()
                    .map(|i| EnumerationItem {
                        marker: i.marker.clone(),
                        number: i.number,
                        span: doc.span(i.range.clone()),
                    })
                    .collect(),
            })
            .collect(),
        sections,
        templates: templates
            .iter()
            .map(|t| TemplateFound {
                level: t.level,
                parent: t.parent.map(|p| tree.headings[p].written.clone()),
                pattern: t.pattern(),
                matched: t
                    .matched
                    .iter()
                    .map(|&i| tree.headings[i].written.clone())
                    .collect(),
                siblings: t.siblings as u64,
            })
            .collect(),
    }
}

/// Han chars above which a text without any heading loses points.
const LONG_WITHOUT_HEADINGS: usize = 1500;

/// `scores.structure`: 100 less points for each kind of fault, each kind capped.
fn score(doc: &Document, tree: &outline::Outline, issues: &[Issue]) -> Score {
    let count = |rules: &[&Rule]| {
        issues
            .iter()
            .filter(|i| rules.iter().any(|r| r.id == i.rule.id))
            .count() as f64
    };
    let numbered = tree.headings.iter().filter(|h| !h.is_attachment()).count() as f64;
    let wrong_forms = count(&[&MARKER_FORM]);
    let form_share = if numbered > 0.0 {
        wrong_forms / numbered
    } else {
        0.0
    };
    let numbering = count(&[
        &NUMBERING_GAP,
        &NUMBERING_DUPLICATE,
        &NUMBERING_ORDER,
        &NUMBERING_START,
        &LEVEL_SKIP,
        &MIXED_MARKERS,
        &ANNOUNCED_COUNT,
    ]);
    let enumerations = count(&[
        &ENUMERATION_GAP,
        &ENUMERATION_DUPLICATE,
        &ENUMERATION_ORDER,
        &ENUMERATION_SINGLE,
    ]);
    let notes = count(&[
        &LONE_CHILD,
        &PARALLEL_BREAK,
        &TITLE_LENGTH,
        &SECTION_BALANCE,
    ]);
    let han = doc.han_chars;
    let unstructured = if tree.headings.is_empty() && han > LONG_WITHOUT_HEADINGS {
        1.0
    } else {
        0.0
    };
    let part = |name: &str, value: f64, weight: f64, per: f64, note: &str| ScorePart {
        name: name.to_string(),
        value,
        weight,
        contribution: -(value * per).min(weight),
        note: note.to_string(),
    };
    let parts = vec![
        part(
            "numbering_faults",
            numbering,
            40.0,
            10.0,
            "gaps, repeats, order, first numbers, skipped levels, mixed styles, announced counts: −10 each, at most −40",
        ),
        part(
            "wrong_marker_share",
            form_share,
            20.0,
            20.0,
            "share of headings with a non-standard marker, times 20",
        ),
        part(
            "enumeration_faults",
            enumerations,
            20.0,
            5.0,
            "enumeration gaps, repeats, order, groups of one: −5 each, at most −20",
        ),
        part(
            "structure_notes",
            notes,
            10.0,
            1.0,
            "lone subdivisions, broken patterns, title lengths, section balance: −1 each, at most −10",
        ),
        part(
            "long_without_headings",
            unstructured,
            10.0,
            10.0,
            "−10 when a text of over 1500 Han chars has no heading at all",
        ),
    ];
    let value = (100.0 + parts.iter().map(|p| p.contribution).sum::<f64>()).clamp(0.0, 100.0);
    let band = match value {
        v if v >= 90.0 => "规范",
        v if v >= 75.0 => "基本规范",
        v if v >= 60.0 => "需修改",
        _ => "结构混乱",
    };
    Score {
        value,
        band: band.to_string(),
        parts,
    }
}

/// `shengao explain structure`: the outline, the metrics and the score.
pub static STRUCTURE: Topic = Topic {
    name: "structure",
    text: concat!(
        "\
How shengao reads a draft's skeleton.

Headings. The outline follows GB/T 9704-2012 7.3.3: level 1 一、, level 2 （一）, level 3 1., level
4 （1）, with part headings (第一部分, 第一章, 第一篇, 第一编) and attachments (附件, 附件1 alone on a
line) at level 0 and articles (第一条) at level 1. The wrong forms writers use — (一) （一）、 一） 一.
一， 一． 1、 1． (1) （1）、 1） — are read at the level they stand for and reported by
structure/marker-form. A heading may run into its paragraph: its title ends at the first 。？！ or
the line end; a marker alone on its line takes the next line as its title. Lines of a table of
contents (a title with dot leaders) are not headings.

",
        weak_markers!(),
        "

Outline. Each heading's section runs to the next heading of the same or a higher level; `chars`
counts the section's paragraphs (indentation and line breaks excluded).

Metrics (metrics.structure): headings, headings_per_level ([parts, 一、, （一）, 1., （1）]), depth,
attachments, enumeration_groups and enumeration_items with every group's items and spans,
sections (min, median and max chars by level), and templates (title patterns shared by sibling
headings, e.g. 进一步发挥好…作用).

Score (scores.structure, 0–100): 100, less 10 per numbering fault (gap, repeat, order, first
number, skipped level, mixed styles, announced count; at most 40), less 20 times the share of headings with a
non-standard marker, less 5 per enumeration fault (at most 20), less 1 per note (lone
subdivision, broken pattern, title length, section balance; at most 10), and less 10 for a text
of over 1500 Han chars without any heading. Bands: 90 and above 规范, 75 基本规范, 60 需修改,
below 60 结构混乱."
    ),
};

pub static TOPICS: &[&Topic] = &[&STRUCTURE];
