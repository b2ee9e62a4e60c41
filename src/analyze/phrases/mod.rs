//! Stock phrases (套话): the formulas an editor cuts first.
//!
//! The lexicon is data (`dictionaries/phrases/*.tsv`, format in `dictionaries/README.md`),
//! compiled once; see [`lexicon`] for how it matches. This module turns hits into findings
//! (one per hit, with the entry's category, severity and advice), the `phrases` metrics and
//! the `phrases` score.

pub mod lexicon;

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::analyze::{Analysis, structure};
use crate::config::Config;
use crate::doc::{Document, inside, is_han, is_sentence_mark};
use crate::report::{Finding, Score, ScorePart};
use crate::rules::{Rule, Severity, Topic};

pub use lexicon::{Advice, AllowList, Category, Entry, Hit, Lexicon, List, ListError};

/// Settings of the stock-phrase analyzer.
#[derive(Debug, Clone)]
pub struct PhrasesSettings {
    /// The built-in list, then the `--dict` lists, and the `--allow`ed phrases.
    pub lexicon: Lexicon,
    /// The severity of a stock phrase inside quotation marks (a quoted slogan is usually
    /// deliberate); `None` reports none of them. Default: info.
    pub quoted: Option<Severity>,
    /// A phrase used this many times or more gets one `phrase/repeated` finding; 0: never.
    pub repeat: usize,
}

/// The `[phrases]` table `shengao init` writes: the defaults, commented.
pub const CONFIG_TEMPLATE: &str = "
[phrases]
# More stock-phrase lists (one entry a line: phrase, category, severity and advice separated by
# tabs; `shengao explain phrase`) and lists of phrases never to report (one a line), relative
# to this file's folder.
dict = []
allow = []
# Severity of stock phrases inside quotation marks: \"error\", \"warning\", \"info\" or \"off\".
quoted = \"info\"
# A phrase used this many times or more gets one phrase/repeated finding; 0 never.
repeat = 3
";

impl Default for PhrasesSettings {
    fn default() -> PhrasesSettings {
        PhrasesSettings {
            lexicon: Lexicon::default(),
            quoted: Some(Severity::Info),
            repeat: 3,
        }
    }
}

impl PhrasesSettings {
    /// Adds the lists of `--dict` (or the file's `dict`) and the phrases of `--allow` (or
    /// `allow`) to the lexicon.
    pub fn add_lists(&mut self, dicts: &[Arc<List>], allows: &[Arc<AllowList>]) {
        self.lexicon.lists.extend(dicts.iter().cloned());
        if allows.is_empty() {
            return;
        }
        let mut allow = AllowList::clone(&self.lexicon.allow);
        for list in allows {
            allow.0.extend(list.0.iter().cloned());
        }
        self.lexicon.allow = Arc::new(allow);
    }
}

/// `--quoted-phrases error|warning|info|off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuotedSeverity(pub Option<Severity>);

/// Parses `--quoted-phrases`.
pub fn parse_quoted(s: &str) -> Result<QuotedSeverity, String> {
    match s {
        "off" => Ok(QuotedSeverity(None)),
        s => s
            .parse()
            .map(|s| QuotedSeverity(Some(s)))
            .map_err(|e| format!("{e} or off")),
    }
}

/// Reads a `--dict FILE`: the whole list is checked before any draft is read.
pub fn parse_dict(path: &str) -> Result<Arc<List>, String> {
    List::read(path).map(Arc::new).map_err(|e| e.to_string())
}

/// Reads an `--allow FILE`.
pub fn parse_allow(path: &str) -> Result<Arc<AllowList>, String> {
    AllowList::read(path)
        .map(Arc::new)
        .map_err(|e| e.to_string())
}

/// What the stock-phrase analyzer measured (`metrics.phrases`).
///
/// ```json
/// {"hits": 31, "quoted": 2, "by_category": {"cliche": 6, "intensifier": 9, "marker": 7},
///  "density": 14.9, "marker_density": 3.4, "sentence_share": 0.38,
///  "repeated": [{"phrase": "扎实推进", "category": "intensifier", "count": 3, "example": "扎实推进"}],
///  "opening": ["下面，我讲几点意见"], "closing": ["作出新的更大贡献"]}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhrasesMetrics {
    /// Stock phrases outside quotation marks, discourse markers not counted.
    pub hits: u64,
    /// Stock phrases of any category inside quotation marks (counted nowhere else).
    pub quoted: u64,
    /// Hits outside quotation marks by category id (`opening`, `humility`, `closing`,
    /// `intensifier`, `slogan`, `cliche`, `metaphor`, `evasive`, `marker`); a category
    /// without hits is absent.
    pub by_category: BTreeMap<String, u64>,
    /// `hits` per 1,000 Han characters (0 for a text without Han characters).
    pub density: f64,
    /// Discourse markers (一是, 首先, 同时, …) per 1,000 Han characters.
    pub marker_density: f64,
    /// The share of sentences (0–1) with at least one hit, markers not counted.
    pub sentence_share: f64,
    /// Entries used more than once outside quotation marks, most used first (ties in list
    /// order), at most 10; markers not counted.
    pub repeated: Vec<RepeatedPhrase>,
    /// Opening formulas and self-deprecation in the first paragraphs, as written.
    pub opening: Vec<String>,
    /// Closing formulas and closing humility in the last paragraphs, as written.
    pub closing: Vec<String>,
}

/// One entry of [`PhrasesMetrics::repeated`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RepeatedPhrase {
    /// The entry as written in its list (a template shows its slots, e.g. `进一步<2>好?`).
    pub phrase: String,
    /// The entry's category id.
    pub category: String,
    /// How many times it was used.
    pub count: u64,
    /// The text of its first use.
    pub example: String,
}

/// How many paragraphs at the start count as the opening, and at the end as the closing.
const OPENING_PARAGRAPHS: usize = 5;
const CLOSING_PARAGRAPHS: usize = 3;
const MAX_REPEATED: usize = 10;

macro_rules! category_rule {
    ($name:ident, $id:literal, $summary:literal, $explanation:literal) => {
        pub static $name: Rule = Rule {
            id: $id,
            severity: Severity::Warning,
            summary: $summary,
            explanation: $explanation,
        };
    };
}

category_rule!(
    OPENING,
    "phrase/opening",
    "An opening formula (开场套语) that delays the first point",
    "\
Finds the formulas a speech or report opens with before it says anything: announcing the \
points to come, praising the meeting, restating the occasion. Each entry of the list has its \
own severity (transitions such as 现将有关情况汇报如下 are only notes) and advice. Formulas a \
procedure requires (向大会报告工作，请予审议) are not listed.

Why it matters: editors ask for drafts that are 短、实、新; the first lines are read most \
closely, and a formula there tells the audience nothing they did not know.

Example: 「下面，我讲几点意见。」 → start with the first point."
);

category_rule!(
    HUMILITY,
    "phrase/humility",
    "Self-deprecation or closing humility (谦辞) that adds nothing",
    "\
Finds ritual modesty: 抛砖引玉, 一孔之见, 不敢奢谈什么经验, 不当之处，敬请批评指正, 仅供参考.

Why it matters: the reader cannot act on it, and it weakens what follows. When comments are \
really wanted, say whose and by when.

Example: 「以上发言不当之处，敬请批评指正。」 → drop it, or 请各单位于5月10日前反馈意见。"
);

category_rule!(
    CLOSING,
    "phrase/closing",
    "A closing formula (结束套语): sign-off, wishes or rally cry",
    "\
Finds the sign-offs, wishes and rally cries drafts end on: 以上汇报, 谢谢大家, \
预祝会议圆满成功, 作出新的更大贡献, 再创新的辉煌.

Why it matters: the last lines are what the audience takes away; a formula there replaces the \
one concrete thing they should do next.

Example: 「为全区高质量发展作出新的更大贡献！」 → end on the most important task and its date."
);

category_rule!(
    INTENSIFIER,
    "phrase/intensifier",
    "An empty intensifier (空泛强调) that claims weight instead of showing it",
    "\
Finds adverbs and set phrases that assert importance or effort: 高度重视, 切实加强, 亲自过问, \
取得了明显成效, 具有十分重要的意义, 摆在突出位置. Where a plainer word does the same job the \
message offers it (高度重视 → 可改为「重视」; offered, not applied by `shengao fix`). Emphasis \
whose advice asks what is meant (认真学习: 写明学了什么) is let be when a cited title follows it \
(认真学习《条例》).

Why it matters: every draft claims to take its subject seriously; readers skip the claim and \
look for the measure, the number, the date.

Example: 「领导高度重视，亲自过问。」 → 「区长两次召开专题会，定了三项措施。」"
);

category_rule!(
    SLOGAN,
    "phrase/slogan",
    "A slogan template (口号句式): 进一步+动词, 以…为抓手, X好、Y好、Z好, 迈上新台阶",
    "\
Finds the parallel and slot formulas of official prose, matched as templates: 进一步加强, \
以…为抓手, 在…上突出…意识, 实现好、维护好、发展好, 要…要…要…, 重要性和紧迫性, \
新水平/新台阶/新局面.

Why it matters: the formula fits any subject, so it says nothing about this one; a string \
of them is what readers mean by 千篇一律.

Example: 「以项目建设为抓手，推动各项工作迈上新台阶。」 → 「今年开工12个项目，投资比去年多8亿元。」"
);

category_rule!(
    CLICHE,
    "phrase/cliche",
    "A four-character cliché (四字格套语) of reports",
    "\
Finds set four-character phrases that reports use as filler: 统一思想, 狠抓落实, 真抓实干, \
攻坚克难, 凝心聚力, 砥砺前行, 兢兢业业, 如火如荼.

Why it matters: one may be fine; a paragraph of them reads as boilerplate and hides what was \
actually done.

Example: 「全体干部兢兢业业、任劳任怨，各项工作扎实有效。」 → say who did what, with numbers."
);

category_rule!(
    METAPHOR,
    "phrase/metaphor",
    "A stock metaphor (套用比喻): 排头兵, 压舱石, 最后一公里, 组合拳",
    "\
Finds worn figures of official prose: 排头兵, 领头雁, 压舱石, 牛鼻子, 抓手, 最后一公里, \
组合拳, 一盘棋, 弯道超车, 参谋部、推进部、作战部.

Why it matters: a metaphor used by every draft no longer shows anything; the plain statement \
of the role or the problem is shorter and checkable.

Example: 「打通政策落实的最后一公里」 → 「惠企资金从申请到拨付由30天缩短到10天」."
);

category_rule!(
    EVASIVE,
    "phrase/evasive",
    "Evasive officialese (官腔): no one, no deadline, no measure",
    "\
Finds answers and hedges that avoid saying who does what by when: 已转交相关部门, \
此事正在调查中, 视情况而定, 由于种种原因, 取得了一定成效, 还存在一定差距, 有待进一步加强.

Why it matters: the reader is left without a name, a date or a number to hold on to; in a \
report's problem section it makes the problems look smaller than they are.

Example: 「还存在一定差距」 → 「审批时限比全市平均多3天」."
);

pub static QUOTED: Rule = Rule {
    id: "phrase/quoted",
    severity: Severity::Info,
    summary: "A stock phrase inside quotation marks (often a deliberate quotation)",
    explanation: "\
Finds stock phrases that stand inside quotation marks (“…”, 「…」, ‘…’, \"…\"). They are \
reported apart from the others, at info by default (`--quoted-phrases` sets the severity or \
turns them off), and not counted in the density or the score.

Why it matters: a quoted slogan is usually deliberate — a name of a campaign or a quotation \
— but a writer who quotes stock phrases to distance himself from them still uses them.

Example: 「把“一把手”工程落到实处」 reports 一把手 … as quoted.",
};

pub static REPEATED: Rule = Rule {
    id: "phrase/repeated",
    severity: Severity::Info,
    summary: "The same stock phrase is used again and again",
    explanation: "\
Reports a stock phrase (or template) used three times or more outside quotation marks, once, \
at its first use, with the count. Discourse markers are not counted. Where \
redundancy/repeated-phrase reports the same words at the same place, that finding (which lists \
every place) stands for both.

Why it matters: a phrase that recurs becomes the tic of the text; readers notice the third \
扎实推进 long before they notice what was pushed forward.

Example: 扎实推进 on lines 4, 9, 14 and 19 gives one finding on line 4: used 4 times.",
};

/// Every rule of the analyzer.
pub static RULES: &[&Rule] = &[
    &OPENING,
    &HUMILITY,
    &CLOSING,
    &INTENSIFIER,
    &SLOGAN,
    &CLICHE,
    &METAPHOR,
    &EVASIVE,
    &QUOTED,
    &REPEATED,
];

/// The rule that reports a category; markers are counted, never reported.
fn rule_of(category: Category) -> Option<&'static Rule> {
    Some(match category {
        Category::Opening => &OPENING,
        Category::Humility => &HUMILITY,
        Category::Closing => &CLOSING,
        Category::Intensifier => &INTENSIFIER,
        Category::Slogan => &SLOGAN,
        Category::Cliche => &CLICHE,
        Category::Metaphor => &METAPHOR,
        Category::Evasive => &EVASIVE,
        Category::Marker => return None,
    })
}

/// What `metrics.phrases` and `scores.phrases` mean, for `shengao explain phrase`.
pub static TOPIC: Topic = Topic {
    name: "phrase",
    text: "\
Stock phrases (套话): how shengao finds them and what it measures.

The lexicon is a built-in list, each entry with its category, severity and advice. Categories:
opening (开场套语), humility (谦辞), closing (结束套语), intensifier (空泛强调), slogan (口号句式),
cliche (四字格套语), metaphor (套用比喻), evasive (官腔), marker (话语标记: counted for density
only, never reported).
Templates with slots (进一步<2>好?, 以…为抓手, (<1-3>好、){2,}<1-3>好) sit in the same lists.
Matching ignores spaces and ，,、；;：: inside a phrase, so 不当之处，敬请 and 不当之处敬请 are
one phrase, but never crosses 。！？ or a line break. A phrase of up to three characters must
start and end on a jieba word boundary (so 新动能 is not found in 创新动能), as must a
one-character part next to a free slot (要…要…要 does not match 重要 or 需要); of
overlapping hits the leftmost, then the longest, is kept. Clichés, intensifiers, slogans and
metaphors in a heading's title (the paragraph after 一、 （一） 1. and the like, up to its first
full stop, when no longer than 40 characters) are neither reported nor counted: a heading such
as 二、压紧压实各方责任 is a slogan by design.
--dict FILE adds a list (its entries override built-in ones with the same phrase): UTF-8 text,
one entry a line, four fields separated by tabs: the phrase or template; its category (an id
above); its severity (error, warning or info; none counts a marker without reporting it); and
advice, which may be left off: =WORDS offers a plainer wording (可改为「WORDS」), anything else
is shown as it is. Lines starting with # and blank lines are ignored. In a template, … is a
free slot of 1 to 16 characters, <n> or <m-n> that many Han characters, (a|b) one of the
alternatives, ? makes the character or group before it optional, and {m,} or {m,n} repeats the
group before it. --allow FILE silences phrases, one a line; --quoted-phrases sets the severity
of hits inside quotation marks, or turns them off.

metrics.phrases: hits (outside quotation marks, markers excluded), quoted, by_category,
density (hits per 1,000 Han chars), marker_density, sentence_share (sentences with a hit),
repeated (entries used more than once), opening / closing (formulas in the first 5 and the
last 3 paragraphs; in a short text, the first half and up to 3 of the rest).

scores.phrases starts at 100 and loses points for: density (up to 45 points, all of them at
20 hits per 1,000 Han chars), sentence_share (up to 25, all at half the sentences),
repetition (up to 10: uses beyond the first of each entry, per 1,000 Han chars, all at 8),
formulas in the opening and closing paragraphs (up to 10, all at 4), and marker density
above 8 per 1,000 Han chars (up to 10, all at 24). Bands: 简洁 ≥ 85 > 尚可 ≥ 70 > 套话较多
≥ 50 > 套话连篇.",
};

/// The topics of this module, for `shengao explain`.
pub static TOPICS: &[&Topic] = &[&TOPIC];

/// One hit with what the analyzer needs to know about it.
struct Use<'a> {
    range: Range<usize>,
    entry: &'a Entry,
    /// Which list and entry, to group repeats.
    key: (usize, usize),
    quoted: bool,
}

/// Finds the stock phrases of `doc` and adds findings, `metrics.phrases` and
/// `scores.phrases` to `out`.
pub fn analyze(doc: &Document, config: &Config, out: &mut Analysis) {
    let settings = &config.phrases;
    let boundaries = word_boundaries(doc);
    let quotes = doc.quotations();
    let titles = heading_titles(doc);
    let cited = doc.cited_titles();
    let hits = settings
        .lexicon
        .find(&doc.text, &|b| boundaries.get(b).copied().unwrap_or(false));
    let uses: Vec<Use> = hits
        .iter()
        .map(|hit| Use {
            range: hit.range.clone(),
            entry: settings.lexicon.entry(hit),
            key: (hit.list, hit.entry),
            quoted: inside(quotes, &hit.range),
        })
        // A heading is a slogan by design (二、压紧压实各方责任): its set phrases are the
        // genre's, and advice such as 写明谁负什么责 cannot apply to it.
        .filter(|u| !(fits_a_heading(u.entry.category) && inside(&titles, &u.range)))
        // The title of a cited document (《关于进一步加强…的意见》) is not the writer's to
        // reword.
        .filter(|u| !inside(cited, &u.range))
        // Emphasis on a named document (认真学习《条例》, 认真学习贯彻《条例》) says what is
        // studied: advice such as 写明学了什么 is answered. A plainer wording (认真贯彻《条例》
        // → 贯彻) still holds.
        .filter(|u| {
            !(u.entry.category == Category::Intensifier
                && matches!(u.entry.advice, Advice::Text(_))
                && names_a_title(doc, u.range.end))
        })
        .collect();

    for u in &uses {
        if let Some(finding) = finding(doc, settings, u) {
            out.findings.push(finding);
        }
    }
    let han = doc.han_chars;
    let metrics = measure(doc, &uses, han);
    let repeats = repeats(&uses);
    if settings.repeat > 0 {
        repeated_findings(doc, settings.repeat, &uses, &repeats, &mut out.findings);
    }
    let extra_uses = repeats.iter().map(|&(_, count)| count - 1).sum();
    out.scores
        .insert("phrases".to_string(), score(&metrics, han, extra_uses));
    out.metrics.phrases = Some(metrics);
}

fn finding(doc: &Document, settings: &PhrasesSettings, u: &Use) -> Option<Finding> {
    let entry = u.entry;
    let rule = rule_of(entry.category)?;
    let severity = entry.severity?;
    let kind = entry.category.label();
    if u.quoted {
        let severity = settings.quoted?;
        return Some(
            Finding::new(
                &QUOTED,
                doc,
                u.range.clone(),
                format!("{kind}（在引号内，如系有意引用可不改）"),
            )
            .with_severity(severity),
        );
    }
    let finding = match &entry.advice {
        Advice::None => Finding::new(rule, doc, u.range.clone(), kind.to_string()),
        Advice::Text(advice) => {
            Finding::new(rule, doc, u.range.clone(), format!("{kind}：{advice}"))
        }
        // A plainer word is offered, not attached as a suggestion: suggestions are certain
        // fixes that `shengao fix` applies, and a change of style is the writer's call
        // (对此给予高度重视 does not simply become 对此重视).
        Advice::Replace(plain) => Finding::new(
            rule,
            doc,
            u.range.clone(),
            format!("{kind}：可改为「{plain}」"),
        ),
    };
    Some(finding.with_severity(severity))
}

fn repeated_findings(
    doc: &Document,
    threshold: usize,
    uses: &[Use],
    repeats: &[(usize, usize)],
    out: &mut Vec<Finding>,
) {
    for &(first, count) in repeats {
        if count >= threshold {
            let u = &uses[first];
            // A template (进一步<2>好?) is shown as a reader writes it, with its first use.
            let message = if u.entry.is_template() {
                format!(
                    "「{}」句式全文用了 {count} 次，如「{}」",
                    u.entry.shape(),
                    doc.str(u.range.clone())
                )
            } else {
                format!("「{}」全文用了 {count} 次", u.entry.phrase)
            };
            out.push(Finding::new(&REPEATED, doc, u.range.clone(), message));
        }
    }
}

/// For each entry used outside quotes (markers excluded): the index of its first use and its
/// count, in order of first use.
fn repeats(uses: &[Use]) -> Vec<(usize, usize)> {
    let mut index: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (i, u) in uses.iter().enumerate() {
        if u.quoted || u.entry.category == Category::Marker {
            continue;
        }
        match index.get(&u.key) {
            Some(&k) => out[k].1 += 1,
            None => {
                index.insert(u.key, out.len());
                out.push((i, 1));
            }
        }
    }
    out
}

/// The metrics of the uses; `han` is the text's count of Han characters.
fn measure(doc: &Document, uses: &[Use], han: usize) -> PhrasesMetrics {
    let per_mille = |n: usize| {
        if han == 0 {
            0.0
        } else {
            n as f64 * 1000.0 / han as f64
        }
    };
    let mut by_category: BTreeMap<String, u64> = BTreeMap::new();
    let (mut hits, mut markers, mut quoted) = (0usize, 0usize, 0usize);
    let mut sentences_hit = vec![false; doc.sentences.len()];
    for u in uses {
        if u.quoted {
            quoted += 1;
            continue;
        }
        *by_category
            .entry(u.entry.category.id().to_string())
            .or_default() += 1;
        if u.entry.category == Category::Marker {
            markers += 1;
            continue;
        }
        hits += 1;
        let s = doc
            .sentences
            .partition_point(|s| s.range.end <= u.range.start);
        if let Some(flag) = sentences_hit.get_mut(s) {
            *flag = true;
        }
    }
    let sentence_share = if doc.sentences.is_empty() {
        0.0
    } else {
        sentences_hit.iter().filter(|&&f| f).count() as f64 / doc.sentences.len() as f64
    };

    let mut repeated: Vec<RepeatedPhrase> = repeats(uses)
        .into_iter()
        .filter(|&(_, count)| count > 1)
        .map(|(first, count)| RepeatedPhrase {
            phrase: uses[first].entry.phrase.clone(),
            category: uses[first].entry.category.id().to_string(),
            count: count as u64,
            example: doc.str(uses[first].range.clone()).to_string(),
        })
        .collect();
    repeated.sort_by_key(|r| std::cmp::Reverse(r.count));
    repeated.truncate(MAX_REPEATED);

    let (opening_zone, closing_zone) = zones(doc);
    let in_zone = |zone: &Range<usize>, categories: &[Category]| -> Vec<String> {
        uses.iter()
            .filter(|u| {
                !u.quoted
                    && categories.contains(&u.entry.category)
                    && zone.start <= u.range.start
                    && u.range.end <= zone.end
            })
            .map(|u| doc.str(u.range.clone()).to_string())
            .collect()
    };
    PhrasesMetrics {
        hits: hits as u64,
        quoted: quoted as u64,
        by_category,
        density: round(per_mille(hits)),
        marker_density: round(per_mille(markers)),
        sentence_share: round(sentence_share),
        repeated,
        opening: in_zone(&opening_zone, &[Category::Opening, Category::Humility]),
        closing: in_zone(&closing_zone, &[Category::Closing, Category::Humility]),
    }
}

/// The byte ranges of the opening paragraphs (the first 5, at most half of them) and the
/// closing ones (the last 3 of the rest).
fn zones(doc: &Document) -> (Range<usize>, Range<usize>) {
    let ps = &doc.paragraphs;
    let opening = OPENING_PARAGRAPHS.min(ps.len().div_ceil(2));
    let closing = CLOSING_PARAGRAPHS.min(ps.len() - opening);
    let open_end = opening.checked_sub(1).map_or(0, |i| ps[i].range.end);
    let close_start = ps
        .get(ps.len() - closing)
        .map_or(doc.text.len(), |p| p.range.start);
    (0..open_end, close_start..doc.text.len())
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// One part of the score: `points` lost in proportion to `value` beyond `free`, all of them
/// at `full`.
fn part(name: &str, value: f64, points: f64, free: f64, full: f64, note: &str) -> ScorePart {
    let ratio = ((value - free) / (full - free)).clamp(0.0, 1.0);
    ScorePart {
        name: name.to_string(),
        value: round(value),
        weight: points / 100.0,
        // + 0.0 turns −0 into 0.
        contribution: round(-points * ratio) + 0.0,
        note: note.to_string(),
    }
}

/// The score from the metrics, the Han character count and the uses of entries beyond
/// their first.
fn score(m: &PhrasesMetrics, han: usize, extra_uses: usize) -> Score {
    let repetition = if han > 0 {
        extra_uses as f64 * 1000.0 / han as f64
    } else {
        0.0
    };
    let formulas = (m.opening.len() + m.closing.len()) as f64;
    let parts = vec![
        part(
            "density",
            m.density,
            45.0,
            0.0,
            20.0,
            "stock phrases per 1,000 Han chars; −45 at 20",
        ),
        part(
            "sentence_share",
            m.sentence_share,
            25.0,
            0.0,
            0.5,
            "share of sentences with a stock phrase; −25 at 0.5",
        ),
        part(
            "repetition",
            repetition,
            10.0,
            0.0,
            8.0,
            "repeat uses per 1,000 Han chars; −10 at 8",
        ),
        part(
            "formulas",
            formulas,
            10.0,
            0.0,
            4.0,
            "formulas in the opening and closing paragraphs; −10 at 4",
        ),
        part(
            "marker_density",
            m.marker_density,
            10.0,
            8.0,
            24.0,
            "discourse markers per 1,000 Han chars beyond 8; −10 at 24",
        ),
    ];
    let value =
        round((100.0 + parts.iter().map(|p| p.contribution).sum::<f64>()).clamp(0.0, 100.0));
    let band = match value {
        v if v >= 85.0 => "简洁",
        v if v >= 70.0 => "尚可",
        v if v >= 50.0 => "套话较多",
        _ => "套话连篇",
    };
    Score {
        value,
        band: band.to_string(),
        parts,
    }
}

/// The most Han characters between a phrase and the title it names (学习了《, 学习贯彻落实《).
const MAX_BEFORE_TITLE: usize = 4;

/// Whether a cited title (《…》) follows byte `at`, after at most [`MAX_BEFORE_TITLE`] Han
/// characters (了, 贯彻, 领会) and spaces.
fn names_a_title(doc: &Document, at: usize) -> bool {
    let mut han = 0;
    for (i, c) in doc.text[at..].char_indices() {
        match c {
            '《' => {
                return (doc.cited_titles())
                    .binary_search_by_key(&(at + i), |t| t.start)
                    .is_ok();
            }
            ' ' | '\u{3000}' => {}
            c if is_han(c) && han < MAX_BEFORE_TITLE => han += 1,
            _ => return false,
        }
    }
    false
}

/// `b[i]`: whether a word may start or end at byte `i` (every token edge).
fn word_boundaries(doc: &Document) -> Vec<bool> {
    let mut b = vec![false; doc.text.len() + 1];
    for t in &doc.tokens {
        b[t.range.start] = true;
        b[t.range.end] = true;
    }
    b
}

/// Whether `r` lies inside one of the sorted, disjoint `ranges`.
/// Categories a heading's title may use by design: set wording (clichés, intensifiers,
/// slogans, metaphors) and the names of a report's parts (二、存在的问题和不足, which in the text
/// would hedge), as opposed to the formulas that open or close a text.
fn fits_a_heading(category: Category) -> bool {
    matches!(
        category,
        Category::Cliche
            | Category::Intensifier
            | Category::Slogan
            | Category::Metaphor
            | Category::Evasive
    )
}

/// The titles of the outline's headings: each paragraph that starts with a heading marker
/// (一、 （一） 1. 第一章), from its start to the end of its first sentence (a run-in heading,
/// （一）压实责任。各级要…, has its body after that), when that is no longer than a title; and
/// each title line without a marker (a document's title, 存在的问题和不足 or `## 工作打算` alone
/// on its line): a paragraph of one short sentence with no punctuation, followed by another.
fn heading_titles(doc: &Document) -> Vec<Range<usize>> {
    const MAX_TITLE_CHARS: usize = 40;
    let mut titles = Vec::new();
    for (i, p) in doc.paragraphs.iter().enumerate() {
        let Some(first) = doc.sentences.get(p.sentences.start) else {
            continue;
        };
        let title = doc.str(first.range.clone());
        // Longer than a title: counted no further than that, as a first sentence may be long.
        if title.chars().nth(MAX_TITLE_CHARS).is_some() {
            continue;
        }
        let marked = structure::marker::parse(doc.str(p.range.clone())).is_some();
        // A line cut from a paragraph (a hard wrap not joined) follows a line that does not
        // end a sentence; a title follows the end of one, another title, or nothing.
        let after_an_end = i.checked_sub(1).is_none_or(|previous| {
            let previous = doc.str(doc.paragraphs[previous].range.clone());
            previous.ends_with(['。', '！', '？', '：', '；', '!', '?', ':', ';'])
                || !previous.contains(is_sentence_mark)
        });
        let bare_line = p.sentences.len() == 1
            && i + 1 < doc.paragraphs.len()
            && after_an_end
            && !title.contains(is_sentence_mark)
            && !title.ends_with(['《', '（', '“', '‘', '【', '(']);
        if marked || bare_line {
            titles.push(first.range.clone());
        }
    }
    titles
}

#[cfg(test)]
mod tests;
