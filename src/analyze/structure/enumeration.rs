//! Enumerations inside paragraphs: 一是…二是…三是, 第一，…第二，, 首先…其次…再次…最后,
//! 其一…其二, 一要…二要, 一方面…另一方面.
//!
//! A marker counts only at the start of a clause (the paragraph's start or after punctuation),
//! so 统一是 or 之一是 is no 一是. Items of one kind form a group within one section (the text
//! under the nearest heading); a group may run over several paragraphs, goes on past a heading
//! when its numbering does (第一，… 第二，), and a new 一 starts a new group.

use std::collections::HashMap;
use std::ops::Range;

use super::numbering::{Fault, run_faults};
use super::numeral::{parse_chinese, to_chinese};
use super::{ENUMERATION_DUPLICATE, ENUMERATION_GAP, ENUMERATION_ORDER, ENUMERATION_SINGLE};
use super::{Issue, Para};

/// The kind of an enumeration, by the way its items are marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// 一是 二是 三是
    Shi,
    /// 第一， 第二，
    Di,
    /// 首先 其次 再次 最后
    Ordinal,
    /// 其一 其二
    Qi,
    /// 一要 二要
    Yao,
    /// 一方面 另一方面
    Aspect,
}

impl Kind {
    /// The kind's name as its first marker: `一是`, `第一`, `首先`, `其一`, `一要`, `一方面`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Shi => "一是",
            Kind::Di => "第一",
            Kind::Ordinal => "首先",
            Kind::Qi => "其一",
            Kind::Yao => "一要",
            Kind::Aspect => "一方面",
        }
    }

    /// The marker of item `n`.
    pub fn write(self, n: u32) -> String {
        match self {
            Kind::Shi => format!("{}是", to_chinese(n)),
            Kind::Di => format!("第{}", to_chinese(n)),
            Kind::Qi => format!("其{}", to_chinese(n)),
            Kind::Yao => format!("{}要", to_chinese(n)),
            Kind::Ordinal => ["首先", "其次", "再次"]
                .get(n as usize - 1)
                .map_or("最后".to_string(), |s| s.to_string()),
            Kind::Aspect => if n == 1 { "一方面" } else { "另一方面" }.to_string(),
        }
    }

    /// Whether a group of this kind needs a second item (一是 does; 首先 alone is a common way
    /// to begin and is not reported).
    fn needs_pair(self) -> bool {
        self != Kind::Ordinal
    }
}

/// One marker found in a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub kind: Kind,
    /// 1 for 一是/第一/首先/一方面 …; 最后 is 0 until grouped (it takes the next number).
    pub number: u32,
    /// Paragraph bytes of the marker.
    pub range: Range<usize>,
}

/// Characters after which a clause starts.
fn is_boundary(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '；'
            | '：'
            | '！'
            | '？'
            | '、'
            | '…'
            | '）'
            | '“'
            | '”'
            | '（'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | '('
    ) || c.is_whitespace()
}

/// The marker starting at byte `at` of `text`, if there is one.
pub(super) fn marker_at(text: &str, at: usize) -> Option<Marker> {
    let rest = &text[at..];
    let found = |kind, number, len: usize| {
        Some(Marker {
            kind,
            number,
            range: at..at + len,
        })
    };
    let next_after = |len: usize| rest[len..].chars().next();
    for (word, number) in [("首先", 1), ("其次", 2), ("再次", 3), ("最后", 0)] {
        if rest.starts_with(word) {
            let ok: &[char] = if word == "再次" {
                &['，', '、', '：', ',']
            } else {
                &['，', '、', '：', ',', '是', '要']
            };
            if next_after(word.len()).is_some_and(|c| ok.contains(&c)) {
                return found(Kind::Ordinal, number, word.len());
            }
            return None;
        }
    }
    if rest.starts_with("一方面") {
        return found(Kind::Aspect, 1, "一方面".len());
    }
    if rest.starts_with("另一方面") {
        return found(Kind::Aspect, 2, "另一方面".len());
    }
    if let Some(tail) = rest.strip_prefix('第') {
        let (number, len) = parse_chinese(tail)?;
        let end = '第'.len_utf8() + len;
        let next = next_after(end)?;
        // 第一点，… 第一句话是… 第一件事：… and 第一是… count as 第一，… does.
        if let Some(unit) = ["点", "句话", "件事", "个方面"]
            .iter()
            .find(|u| rest[end..].starts_with(*u))
        {
            let end = end + unit.len();
            return matches!(next_after(end)?, '，' | '、' | '：' | ',' | '是')
                .then(|| found(Kind::Di, number, end))?;
        }
        if next == '是' {
            return found(Kind::Di, number, end + '是'.len_utf8());
        }
        // 第一、 makes an item only at the start of a paragraph: 居全国第二、第七 and 第一、二季度
        // are ranks and series (a higher number follows; 第二、一定要… is an item).
        let series =
            || parse_chinese(&rest[end + next.len_utf8()..]).is_some_and(|(n, _)| n > number);
        if next == '、' && (at > 0 || series()) {
            return None;
        }
        return matches!(next, '，' | '、' | '：' | ',').then(|| found(Kind::Di, number, end))?;
    }
    if let Some(tail) = rest.strip_prefix('其') {
        let (number, len) = parse_chinese(tail)?;
        let end = '其'.len_utf8() + len;
        let next = next_after(end)?;
        return matches!(next, '，' | '、' | '：' | ',' | '是')
            .then(|| found(Kind::Qi, number, end))?;
    }
    let (number, len) = parse_chinese(rest)?;
    let numeral = &rest[..len];
    let suffix = next_after(len)?;
    let end = len + suffix.len_utf8();
    match suffix {
        // 一是一，二是二 is an idiom, not an enumeration.
        '是' if !rest[end..].starts_with(numeral) => found(Kind::Shi, number, end),
        // 二要素 and 一要求 are words.
        '要' if !next_after(end).is_some_and(|c| matches!(c, '素' | '求' | '件')) => {
            found(Kind::Yao, number, end)
        }
        _ => None,
    }
}

/// Characters before 一方面 that make it a phrase, not a marker (这一方面, 某一方面, 任何一方面).
const NOT_BEFORE_ASPECT: &[char] = &[
    '另', '某', '这', '那', '哪', '每', '单', '同', '何', '统', '唯', '第', '之', '其',
];

/// Every enumeration marker of a paragraph, in order. Markers start clauses, except 一方面 and
/// 另一方面, which often follow their subject (我们一方面…，另一方面…), and a first 一是 or 一要
/// right after 我们, 他们 or 我局, 我市 and the like (我们一是…，二是…).
pub fn markers(text: &str) -> Vec<Marker> {
    let mut found = Vec::new();
    let mut previous: Option<char> = None;
    let mut before_previous: Option<char> = None;
    let mut skip_to = 0;
    for (at, c) in text.char_indices() {
        let after_subject = c == '一'
            && (previous == Some('们') || before_previous == Some('我'))
            && (text[at..].starts_with("一是") || text[at..].starts_with("一要"));
        let aspect = match c {
            '一' => {
                text[at..].starts_with("一方面")
                    && !previous.is_some_and(|p| NOT_BEFORE_ASPECT.contains(&p))
            }
            '另' => {
                text[at..].starts_with("另一方面")
                    && !previous.is_some_and(|p| NOT_BEFORE_ASPECT.contains(&p))
            }
            _ => false,
        };
        if at >= skip_to
            && (aspect || after_subject || previous.is_none_or(is_boundary))
            && let Some(m) = marker_at(text, at)
        {
            skip_to = m.range.end;
            found.push(m);
        }
        before_previous = previous;
        previous = Some(c);
    }
    found
}

/// One item of a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub para: usize,
    pub number: u32,
    /// The marker as written.
    pub marker: String,
    /// Document bytes of the marker.
    pub marker_range: Range<usize>,
    /// Document bytes of the item: from its marker to the next item's marker in the same
    /// paragraph; the last item in a paragraph runs to the end of its sentence, or the whole
    /// paragraph when its marker starts it.
    pub range: Range<usize>,
}

/// A group of enumeration items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub kind: Kind,
    /// The heading whose section holds the group (None before the first heading).
    pub section: Option<usize>,
    pub items: Vec<Item>,
}

/// Where an item that is last in its paragraph ends: after the first full-width 。！？ past
/// its marker.
///
/// This is not the document's sentence end ([`crate::doc::is_terminator`],
/// [`crate::doc::split_sentences`]): ASCII ? and ! do not end an item here, a run of marks or
/// the closing quotes and brackets after the 。 are not taken in, and a 。 inside 《…》 ends
/// it. Going over to the document's sentences would change the item spans in
/// `metrics.structure.enumerations`, so it is left as it is.
fn item_end(text: &str, marker: &Range<usize>) -> usize {
    if marker.start == 0 {
        return text.trim_end().len();
    }
    text[marker.end..]
        .find(['。', '！', '？'])
        .map_or(text.trim_end().len(), |i| marker.end + i + '。'.len_utf8())
}

/// Finds the enumeration groups of a document. `sections[p]` is the heading whose section
/// holds paragraph `p`.
pub fn groups(paras: &[Para], sections: &[Option<usize>]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    // The open groups of each kind, innermost last: a list inside an item (一是…，一是成绩，
    // 二是问题，三是差距。二是…) opens a group above the item's own.
    let mut open: HashMap<Kind, Vec<usize>> = HashMap::new();
    // The group that 最后 ended last, to which a 其次 or 再次 after it still belongs (out of
    // order) while in the same section.
    let mut ended: Option<usize> = None;
    // Whether every item of a group so far is number 1 (the older 一是…一是… style).
    let mut all_ones: Vec<bool> = Vec::new();
    for (p, para) in paras.iter().enumerate() {
        let section = sections.get(p).copied().flatten();
        let found = markers(para.text);
        // Where the next marker of the same kind starts, for each marker.
        let mut next_start: Vec<Option<usize>> = vec![None; found.len()];
        let mut seen: HashMap<Kind, usize> = HashMap::new();
        for (k, m) in found.iter().enumerate().rev() {
            next_start[k] = seen.insert(m.kind, m.range.start);
        }
        for (k, m) in found.iter().enumerate() {
            let end = next_start[k].unwrap_or_else(|| item_end(para.text, &m.range));
            // The open group goes on in its section, and past a heading when the number goes
            // on (第一， … a list with its own headings … 第二，).
            let continues = |g: usize| {
                groups[g]
                    .items
                    .last()
                    .is_some_and(|i| i.number + 1 == m.number)
            };
            let stack = open.entry(m.kind).or_default();
            // An inner list has ended when the number goes on with a group under it.
            if let Some(at) = stack.iter().rposition(|&g| continues(g))
                && m.number > 1
            {
                stack.truncate(at + 1);
            }
            let current = stack
                .last()
                .copied()
                .filter(|&g| groups[g].section == section || continues(g));
            // The next marker of this kind in the paragraph is a 2: this 1 starts a list.
            let starts_a_list = found[k + 1..]
                .iter()
                .find(|n| n.kind == m.kind)
                .is_some_and(|n| n.number == 2);
            // 一是…，一是… and 一方面…，一方面… in one paragraph: the older style of a pair.
            let repeated_first = |g: usize| {
                let items = &groups[g].items;
                all_ones[g] && items.last().is_some_and(|i| i.para == p) && !starts_a_list
            };
            let group = match current {
                Some(g) if m.number != 1 || repeated_first(g) => g,
                _ if m.number == 1 || m.kind.needs_pair() && m.kind != Kind::Aspect => {
                    groups.push(Group {
                        kind: m.kind,
                        section,
                        items: Vec::new(),
                    });
                    all_ones.push(true);
                    let nested = current.is_some_and(|g| {
                        starts_a_list && groups[g].items.last().is_some_and(|i| i.para == p)
                    });
                    if !nested {
                        stack.clear();
                    }
                    stack.push(groups.len() - 1);
                    groups.len() - 1
                }
                // 其次 after 最后 in the same section: the list's order is wrong. Otherwise 其次
                // or 另一方面 without a first item is a plain connective.
                _ => match ended {
                    Some(g)
                        if m.kind == Kind::Ordinal
                            && m.number > 1
                            && groups[g].section == section =>
                    {
                        g
                    }
                    _ => continue,
                },
            };
            let number = if m.number == 0 {
                groups[group].items.last().map_or(1, |i| i.number + 1)
            } else {
                m.number
            };
            all_ones[group] &= number == 1;
            groups[group].items.push(Item {
                para: p,
                number,
                marker: para.text[m.range.clone()].to_string(),
                marker_range: para.start + m.range.start..para.start + m.range.end,
                range: para.start + m.range.start..para.start + end,
            });
            if m.kind == Kind::Ordinal && m.number == 0 {
                open.remove(&m.kind);
                ended = Some(group);
            }
        }
    }
    groups.retain(|g| g.kind.needs_pair() || g.items.len() > 1);
    groups
}

/// The faults of the groups: a gap, a repeat, an item out of order, a group of one.
pub fn check(groups: &[Group]) -> Vec<Issue> {
    let mut issues = Vec::new();
    for g in groups {
        let first = &g.items[0];
        if g.items.len() > 1 && g.items.iter().all(|i| i.number == 1) {
            continue;
        }
        if g.items.len() == 1 && first.number == 1 {
            issues.push(Issue::new(
                &ENUMERATION_SINGLE,
                first.marker_range.clone(),
                format!(
                    "「{}」之后，本节没有「{}」",
                    first.marker,
                    g.kind.write(first.number + 1)
                ),
            ));
            continue;
        }
        if first.number > 1 {
            issues.push(Issue::new(
                &ENUMERATION_GAP,
                first.marker_range.clone(),
                format!("列举从「{}」开始，缺「{}」", first.marker, g.kind.write(1)),
            ));
        }
        // Items after 最后 (其次 put after it) are out of order; the rest are checked as a run.
        let last = g.items.iter().position(|i| i.marker == "最后");
        let checked = match last {
            Some(at) if at + 1 < g.items.len() => {
                let late = &g.items[at + 1];
                issues.push(Issue::new(
                    &ENUMERATION_ORDER,
                    late.marker_range.clone(),
                    format!("「{}」排在了「最后」之后", late.marker),
                ));
                at + 1
            }
            _ => g.items.len(),
        };
        let numbers: Vec<u32> = g.items[..checked].iter().map(|i| i.number).collect();
        for (at, fault) in run_faults(&numbers) {
            let item = &g.items[at];
            let (rule, message) = match fault {
                Fault::Gap { missing } => {
                    let names: Vec<String> = missing.map(|n| g.kind.write(n)).collect();
                    (
                        &ENUMERATION_GAP,
                        format!(
                            "「{}」接在「{}」之后，缺「{}」",
                            item.marker,
                            g.items[at - 1].marker,
                            names.join("」「")
                        ),
                    )
                }
                Fault::Duplicate { meant } => (
                    &ENUMERATION_DUPLICATE,
                    match meant {
                        Some(m) => format!(
                            "「{}」在这组列举中用了两次，应为「{}」",
                            item.marker,
                            g.kind.write(m)
                        ),
                        None => format!("「{}」在这组列举中用了两次", item.marker),
                    },
                ),
                Fault::TooEarly { before } => (
                    &ENUMERATION_ORDER,
                    format!("「{}」排在了「{}」之前", item.marker, g.kind.write(before)),
                ),
                Fault::TooLate { after } => (
                    &ENUMERATION_ORDER,
                    format!("「{}」排在了「{}」之后", item.marker, g.kind.write(after)),
                ),
            };
            issues.push(Issue::new(rule, item.marker_range.clone(), message));
        }
    }
    issues
}

#[cfg(test)]
mod tests {
    use super::super::{paras_of, shown};
    use super::*;
    use crate::doc::Document;

    #[test]
    fn markers_start_clauses() {
        let cases: &[(&str, &[&str])] = &[
            (
                "一是加强领导；二是落实责任；三是严格考核。",
                &["一是", "二是", "三是"],
            ),
            (
                "要做到三点：第一，提高认识；第二，狠抓落实。",
                &["第一", "第二"],
            ),
            (
                "首先，统一思想。其次，明确任务。再次，落实责任。最后，加强考核。",
                &["首先", "其次", "再次", "最后"],
            ),
            ("其一，成本高；其二，周期长。", &["其一", "其二"]),
            ("一要提高站位，二要压实责任。", &["一要", "二要"]),
            (
                "第一点，提高认识。第二点是狠抓落实。第三是加强领导。",
                &["第一点", "第二点", "第三是"],
            ),
            (
                "一方面要稳增长，另一方面要防风险。",
                &["一方面", "另一方面"],
            ),
            (
                "第一句话，要讲政治。第二件事是抓项目。第三个方面：作风。",
                &["第一句话", "第二件事", "第三个方面"],
            ),
            ("十一是完善制度。", &["十一是"]),
            (
                "我们一是健全体系，二是开展排查。我局一要压实责任，二要严格考核。",
                &["一是", "二是", "一要", "二要"],
            ),
            // Not markers.
            ("全国统一是大势所趋，原因之一是成本。", &[]),
            ("一是一，二是二，实事求是。", &[]),
            ("他们一是一，我们二是二，我们统一是前提，我们一方案。", &[]),
            ("第一次会议，第一批项目，第三世界。", &[]),
            ("第一点钟，第二点的高度。", &[]),
            ("第一句话说完，第一件事情，第一个方面的工作。", &[]),
            ("第一、二季度增长较快，居全国第二、第七。", &[]),
            ("第一、", &["第一"]),
            ("第二、一定要用在生产建设上。", &["第二"]),
            ("再次强调，最后一公里，首先的问题。", &[]),
            ("二要素认证，统一要求。", &[]),
            ("在这一方面，任何一方面，某一方面。", &[]),
        ];
        for &(text, expected) in cases {
            let got: Vec<&str> = markers(text)
                .iter()
                .map(|m| &text[m.range.clone()])
                .collect();
            assert_eq!(got, expected, "{text}");
        }
    }

    /// Groups as `kind: markers` and their issues as `rule: message`.
    fn run(text: &str, sections: &[Option<usize>]) -> (Vec<String>, Vec<String>) {
        let doc = Document::new(text.to_string());
        let paras = paras_of(&doc);
        let groups = groups(&paras, sections);
        let found = groups
            .iter()
            .map(|g| {
                let items: Vec<&str> = g.items.iter().map(|i| &text[i.range.clone()]).collect();
                format!("{}: {}", g.kind.name(), items.join(" | "))
            })
            .collect();
        let issues = check(&groups).iter().map(shown).collect();
        (found, issues)
    }

    #[test]
    fn groups_and_their_faults() {
        type Case<'a> = (&'a str, &'a [Option<usize>], &'a [&'a str], &'a [&'a str]);
        let cases: &[Case] = &[
            // Items split at the next marker; the last runs to its sentence end.
            (
                "一是加强领导；二是落实责任。其他工作照常。",
                &[],
                &["一是: 一是加强领导； | 二是落实责任。"],
                &[],
            ),
            // A group over several paragraphs of one section.
            (
                "一是加强领导。要统一思想。\n二是落实责任。\n三是严格考核。",
                &[Some(0), Some(0), Some(0)],
                &["一是: 一是加强领导。要统一思想。 | 二是落实责任。 | 三是严格考核。"],
                &[],
            ),
            // A group goes on past a heading when its numbering does.
            (
                "第一，甲。\n第二，乙。",
                &[Some(0), Some(1)],
                &["第一: 第一，甲。 | 第二，乙。"],
                &[],
            ),
            // 其次 after 最后: out of order, once; a 其次 in another section is a connective.
            (
                "首先，甲。最后，乙。其次，丙。",
                &[],
                &["首先: 首先，甲。 | 最后，乙。 | 其次，丙。"],
                &["enumeration-order: 「其次」排在了「最后」之后"],
            ),
            (
                "首先，甲。最后，乙。\n其次，丙。",
                &[Some(0), Some(1)],
                &["首先: 首先，甲。 | 最后，乙。"],
                &[],
            ),
            // A list inside an item opens a group of its own; the item's list goes on after.
            (
                "一是要提高认识。要看到，一是成绩，二是问题，三是差距。二是要狠抓落实。",
                &[],
                &[
                    "一是: 一是要提高认识。要看到， | 二是要狠抓落实。",
                    "一是: 一是成绩， | 二是问题， | 三是差距。",
                ],
                &[],
            ),
            // A new section starts a new group.
            (
                "一是甲。\n一是乙。二是丙。",
                &[Some(0), Some(1)],
                &["一是: 一是甲。", "一是: 一是乙。 | 二是丙。"],
                &["enumeration-single: 「一是」之后，本节没有「二是」"],
            ),
            (
                "一是甲；二是乙；四是丁。",
                &[],
                &["一是: 一是甲； | 二是乙； | 四是丁。"],
                &["enumeration-gap: 「四是」接在「二是」之后，缺「三是」"],
            ),
            (
                "第一，甲；第二，乙；第二，丙。",
                &[],
                &["第一: 第一，甲； | 第二，乙； | 第二，丙。"],
                &["enumeration-duplicate: 「第二」在这组列举中用了两次"],
            ),
            (
                "一要甲，三要丙，二要乙。",
                &[],
                &["一要: 一要甲， | 三要丙， | 二要乙。"],
                &["enumeration-order: 「三要」排在了「二要」之前"],
            ),
            (
                "二是乙；三是丙。",
                &[],
                &["一是: 二是乙； | 三是丙。"],
                &["enumeration-gap: 列举从「二是」开始，缺「一是」"],
            ),
            (
                "一方面要稳增长。",
                &[],
                &["一方面: 一方面要稳增长。"],
                &["enumeration-single: 「一方面」之后，本节没有「另一方面」"],
            ),
            // The older pair style.
            (
                "我们一方面控制通胀；一方面适时预调。",
                &[],
                &["一方面: 一方面控制通胀； | 一方面适时预调。"],
                &[],
            ),
            (
                "五是坚持动态更新。",
                &[],
                &["一是: 五是坚持动态更新。"],
                &["enumeration-gap: 列举从「五是」开始，缺「一是」"],
            ),
            // 首先 alone, or 其次 alone, is no enumeration; 首先 … 再次 skips 其次.
            ("首先，感谢大家。", &[], &[], &[]),
            ("其次，另一方面，也要看到。", &[], &[], &[]),
            (
                "首先，甲。再次，丙。最后，丁。",
                &[],
                &["首先: 首先，甲。 | 再次，丙。 | 最后，丁。"],
                &["enumeration-gap: 「再次」接在「首先」之后，缺「其次」"],
            ),
        ];
        for &(text, sections, groups, issues) in cases {
            let (got_groups, got_issues) = run(text, sections);
            assert_eq!(got_groups, groups, "{text}");
            assert_eq!(got_issues, issues, "{text}");
        }
    }
}
