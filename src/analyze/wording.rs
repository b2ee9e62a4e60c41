//! Common misspellings and misused words (易错字词).
//!
//! The lists live in `dictionaries/wording/` as data (format in
//! `dictionaries/README-wording.md`) and are compiled into the binary. One Aho-Corasick
//! automaton over every wrong form and every allowed string, built once, finds them all in a
//! single leftmost-longest pass: linear in the text, whatever the list's size. A finding covers
//! only the wrong characters and its `suggestion` is exactly what replaces them, so applying
//! the suggestions turns the wrong form into the right one.
//!
//! Two patterns are read from the tokens instead of a list: 的 before a complement of degree
//! (做的很好。 → 做得很好。, [`complement_particles`]), and 的 between a word of manner and its
//! verb (要认真的学习 → 认真地学习, [`adverbial_particles`]). After a verb such as 说 or 写 the
//! first may be right (他说的很好: what he said), so those findings carry no fix.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::{Deserialize, Serialize};

use crate::analyze::Analysis;
use crate::analyze::work::{self, Step};
use crate::config::Config;
use crate::doc::{Document, Token, is_han};
use crate::report::Finding;
use crate::rules::{Rule, Severity, Topic};

pub static MISSPELLING: Rule = Rule {
    id: "wording/misspelling",
    severity: Severity::Error,
    summary: "A wrong character in a fixed word or idiom (错别字), e.g. 己经 for 已经",
    explanation: "\
Finds characters written for a look-alike or sound-alike inside a fixed word or idiom: 己/已, \
末/未, 励/厉, 步/部, 急/及, 候/侯, 璧/壁, 籍/藉, 竟/竞, 辨/辩, 即/既 and hundreds more, from a \
built-in list. The finding covers only the wrong characters \
and suggests the right ones.

Why it matters: a 错别字 in a report is the first thing a reader notices and the surest sign \
that a draft was not proofread; offices run every draft through a proofreading tool for \
exactly these.

Example: `我们要再接再励，严于律已` → `再接再厉`, `严于律己`.",
};

pub static MISUSE: Rule = Rule {
    id: "wording/misuse",
    severity: Severity::Warning,
    summary: "A word confused with its near twin where the context settles it, e.g. 截止目前",
    explanation: "\
Finds a word used where its near twin belongs and the surrounding words make the right choice \
certain: 截止目前 (截至目前), 截止到 (截至), 做为一名 (作为一名), 必需遵守 (必须遵守), 既使如此 \
(即使如此). Each entry of the built-in list carries the note shown in the message.

Why it matters: these pairs are both real words, so a spelling checker that only knows words \
passes them; the reader still stumbles, and a reviewer marks them.

Example: `截止目前，全市已完成…` → `截至目前`.",
};

pub static PARTICLE: Rule = Rule {
    id: "wording/particle",
    severity: Severity::Warning,
    summary: "的/地/得 used where the construction requires another, e.g. 值的一提, 牢牢的把握",
    explanation: "\
Finds 的, 地 or 得 in constructions that admit only one of them: 得 in fixed words and \
complements (值得一提, 舍不得, 得天独厚), 地 after a reduplicated adverb before its verb \
(牢牢地把握) and in idioms (因地制宜); 地 between a word of manner and its verb, after a \
personal pronoun or a modal word (我们要认真的学习 → 认真地学习), or before a preposition \
(虚心的向群众请教); and 得 before a complement of degree that ends its clause: a verb or \
adjective, then 很, 非常, 比较, 不够, 不 … and 好, 到位, 扎实, 紧, 深 … (做的很好。 → \
做得很好。), a reduplicated word (做的实实在在。), or 好, 不错, 怎么样 and 如何 alone (办的好。). \
Only patterns that never occur in correct text are reported; ambiguous ones are left alone \
(认真的态度, 进行深入的研究, 他做的很好吃, 取得的很好成绩, 所做的很好, 有的很好, \
去年买的很好, 还是自己做的好, 比预想的好), except after 说, 讲, 写, 想 …, where 他说的很好 may \
mean what he said: that finding is a note (info) with no fix.

Why it matters: 的地得 slips are the commonest grammar error marked in official drafts.

Example: `值的注意的是` → `值得注意的是`; `牢牢的把握主动权` → `牢牢地把握主动权`.",
};

pub static VARIANT: Rule = Rule {
    id: "wording/variant",
    severity: Severity::Info,
    summary: "An old or non-standard written form, e.g. 帐户 for 账户, 莫明其妙 for 莫名其妙",
    explanation: "\
Finds forms that were once common or are non-recommended variants under the 《第一批异形词整理表》 \
and the 《通用规范汉字表》: 帐 for money matters (帐户, 坏帐 → 账户, 坏账), 想像 (想象), 狼籍 \
(狼藉), 颠复 (颠覆); and 做出 before an abstract object (做出贡献, 做出了部署 → 作出…), as \
official style writes it.

Why it matters: current editorial standards use one form; a draft that mixes them looks \
unedited. Older documents used some of these forms legitimately, hence the lower severity.

Example: `个人帐户` → `个人账户`.",
};

/// What the wording area checks, for `shengao explain wording`.
pub static TOPIC: Topic = Topic {
    name: "wording",
    text: "\
Wording: the misspellings and confused words proofreaders catch.

From lists compiled into shengao: misspellings (错别字: 己经, 再接再励), words confused with a twin where the context settles it (截止目前, 做为一名),
的/地/得 in fixed patterns, and variant forms the standard lists do not recommend (异形词:
重迭 → 重叠; 做出 → 作出 before an abstract object). Each finding names the right form as a
suggestion, which `shengao fix` applies; forms allowed in context (做风险评估, 按装机容量) are
never reported.

Beyond the lists: a same-sound or look-alike character typed inside a word, found where the
segmenter cannot read the words and one change of a character gives a frequent word, an
official term or an official body's name (营商环竟 → 营商环境, 国务阮办公厅 → 国务院办公厅;
`wording/confusable-char`), a same-sound word inside an official term (建设法制政府 →
法治政府; `wording/term-slip`), and a function character typed twice (各各部门;
`wording/doubled-char`).",
};

pub static TOPICS: &[&Topic] = &[&TOPIC];

pub static RULES: &[&Rule] = &[
    &MISSPELLING,
    &MISUSE,
    &PARTICLE,
    &VARIANT,
    &super::typos::CONFUSABLE_CHAR,
    &super::typos::DOUBLED_CHAR,
    &super::typos::TERM_SLIP,
];

/// What the wording analyzer counted in one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordingMetrics {
    /// `wording/misspelling` findings.
    pub misspellings: u64,
    /// `wording/misuse` findings.
    pub misuses: u64,
    /// `wording/particle` findings.
    pub particles: u64,
    /// `wording/variant` findings.
    pub variants: u64,
    /// `wording/confusable-char` findings.
    pub confusable_chars: u64,
    /// `wording/doubled-char` findings.
    pub doubled_chars: u64,
    /// `wording/term-slip` findings.
    #[serde(default)]
    pub term_slips: u64,
    /// All wording findings per 10,000 Han characters (0 for a text without Han characters).
    pub per_10k_han: f64,
}

/// Which list an entry comes from; each list is one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Misspelling,
    Misuse,
    Particle,
    Variant,
}

impl Kind {
    pub fn rule(self) -> &'static Rule {
        match self {
            Kind::Misspelling => &MISSPELLING,
            Kind::Misuse => &MISUSE,
            Kind::Particle => &PARTICLE,
            Kind::Variant => &VARIANT,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Kind::Misspelling => "错别字",
            Kind::Misuse => "用词不当",
            Kind::Particle => "“的、地、得”误用",
            Kind::Variant => "不规范写法",
        }
    }
}

/// One line of a list: the wrong form as matched, the right form, and which part is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub kind: Kind,
    /// The text to find (brackets removed).
    pub wrong: String,
    /// The whole right form, context included.
    pub right: String,
    /// The bytes of `wrong` that are wrong: the finding's span.
    pub span: Range<usize>,
    /// What replaces `wrong[span]`.
    pub replacement: String,
    /// Why, shown in the message; may be empty.
    pub note: String,
}

/// The lists, compiled in.
pub const LISTS: &[(Kind, &str, &str)] = &[
    (
        Kind::Misspelling,
        "misspellings.tsv",
        include_str!("../../dictionaries/wording/misspellings.tsv"),
    ),
    (
        Kind::Misuse,
        "misuse.tsv",
        include_str!("../../dictionaries/wording/misuse.tsv"),
    ),
    (
        Kind::Particle,
        "particles.tsv",
        include_str!("../../dictionaries/wording/particles.tsv"),
    ),
    (
        Kind::Variant,
        "variants.tsv",
        include_str!("../../dictionaries/wording/variants.tsv"),
    ),
];

/// Correct strings that contain a wrong form; compiled in.
pub const ALLOW: &str = include_str!("../../dictionaries/wording/allow.txt");

/// The data lines of a list: not blank, not a `#` comment.
pub fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim_end_matches('\r')))
        .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
}

/// Parses one line `wrong<TAB>right[<TAB>note]`. `wrong` may mark its wrong part with one
/// pair of brackets, `截止[到]`; without brackets the wrong part is what remains after the
/// prefix and suffix that `wrong` and `right` share are taken off.
pub fn parse_line(kind: Kind, line: &str) -> Result<Entry, String> {
    let mut fields = line.split('\t');
    let (Some(marked), Some(right)) = (fields.next(), fields.next()) else {
        return Err("expected wrong<TAB>right[<TAB>note]".to_string());
    };
    let note = fields.next().unwrap_or("").to_string();
    if fields.next().is_some() {
        return Err("more than three fields".to_string());
    }
    if marked.is_empty() || right.is_empty() {
        return Err("empty field".to_string());
    }
    if right.contains(['[', ']']) {
        return Err("brackets belong in the wrong form only".to_string());
    }
    let (wrong, span, replacement) = match (marked.find('['), marked.find(']')) {
        (None, None) => {
            let (span, replacement) = difference(marked, right);
            (marked.to_string(), span, replacement.to_string())
        }
        (Some(open), Some(close)) if open < close => {
            let (before, inner, after) = (
                &marked[..open],
                &marked[open + 1..close],
                &marked[close + 1..],
            );
            if inner.is_empty() || after.contains(['[', ']']) || inner.contains('[') {
                return Err("one non-empty [..] group expected".to_string());
            }
            let Some(middle) = right
                .strip_prefix(before)
                .and_then(|rest| rest.strip_suffix(after))
            else {
                return Err(format!(
                    "the context outside the brackets must also surround the right form `{right}`"
                ));
            };
            let wrong = format!("{before}{inner}{after}");
            (wrong, open..open + inner.len(), middle.to_string())
        }
        _ => return Err("unbalanced brackets".to_string()),
    };
    if wrong == right {
        return Err("wrong and right forms are the same".to_string());
    }
    if span.is_empty() || replacement.is_empty() {
        return Err("the wrong part and its replacement must both be non-empty".to_string());
    }
    Ok(Entry {
        kind,
        wrong,
        right: right.to_string(),
        span,
        replacement,
        note,
    })
}

/// The byte range of `wrong` that differs from `right`, and the part of `right` that replaces
/// it, after the longest shared prefix and then the longest shared suffix (whole chars).
fn difference<'a>(wrong: &str, right: &'a str) -> (Range<usize>, &'a str) {
    let prefix: usize = wrong
        .chars()
        .zip(right.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let suffix: usize = wrong[prefix..]
        .chars()
        .rev()
        .zip(right[prefix..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    (
        prefix..wrong.len() - suffix,
        &right[prefix..right.len() - suffix],
    )
}

/// Every entry of every list, with the file and line of any line that does not parse.
pub fn parse_lists() -> (Vec<Entry>, Vec<String>) {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for &(kind, name, text) in LISTS {
        for (line_no, line) in data_lines(text) {
            match parse_line(kind, line) {
                Ok(entry) => entries.push(entry),
                Err(e) => errors.push(format!("{name}:{line_no}: {e}")),
            }
        }
    }
    (entries, errors)
}

/// The allowed strings.
pub fn allowed() -> impl Iterator<Item = &'static str> {
    data_lines(ALLOW).map(|(_, line)| line.trim())
}

struct Matcher {
    entries: Vec<Entry>,
    /// Patterns `0..entries.len()` are the entries' wrong forms; the rest are allowed strings.
    automaton: AhoCorasick,
}

/// Builds the wording automaton now rather than on first use.
pub fn prepare() {
    LazyLock::force(&MATCHER);
}

static MATCHER: LazyLock<Matcher> = LazyLock::new(|| {
    // The lists are compiled in and checked by the tests, so a bad line is a build mistake;
    // it is skipped rather than allowed to stop a review.
    let (entries, _errors) = parse_lists();
    let mut patterns: Vec<&str> = entries.iter().map(|e| e.wrong.as_str()).collect();
    for allowed in allowed() {
        patterns.push(allowed);
    }
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .expect("the wording lists are small enough for an Aho-Corasick automaton");
    drop(patterns);
    Matcher { entries, automaton }
});

/// One wrong form found in a text: the byte range of the wrong characters and its entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit<'a> {
    pub range: Range<usize>,
    pub entry: &'a Entry,
}

/// Every wrong form in `text`, left to right, non-overlapping.
pub fn hits(text: &str) -> Vec<Hit<'static>> {
    let matcher = &*MATCHER;
    matcher
        .automaton
        .find_iter(text)
        .filter_map(|m| {
            let entry = matcher.entries.get(m.pattern().as_usize())?;
            let range = m.start() + entry.span.start..m.start() + entry.span.end;
            Some(Hit { range, entry })
        })
        .collect()
}

/// The message of a finding for `entry`: the wrong and right forms with their context, less
/// the punctuation some entries match on (。做为 is shown as 做为).
fn message(entry: &Entry) -> String {
    fn words(s: &str) -> &str {
        s.trim_matches(|c: char| !c.is_alphanumeric())
    }
    let mut message = format!(
        "{}：「{}」应为「{}」",
        entry.kind.label(),
        words(&entry.wrong),
        words(&entry.right)
    );
    if !entry.note.is_empty() {
        message.push_str(&format!("（{}）", entry.note));
    }
    message
}

/// Degree words that open a complement of degree: 做得很好, 落实得不到位.
const DEGREE: &[&str] = &[
    "很",
    "非常",
    "十分",
    "比较",
    "特别",
    "相当",
    "更加",
    "更",
    "越来越",
    "不够",
    "不太",
    "不",
];

/// What the complement says: 好, 到位, 扎实 … (好吃 and 多 are not here: 他做的很好吃 and
/// 做的很多 are right).
const COMPLEMENT: &[&str] = &[
    "好", "到位", "扎实", "出色", "不错", "细致", "深入", "深刻", "有效", "突出", "实", "细", "快",
    "及时", "认真", "充分", "全面", "规范", "成功", "圆满", "顺利", "精彩", "透彻", "踏实", "彻底",
    "周到", "漂亮", "辛苦", "紧", "深", "透", "准", "严", "稳", "牢", "高", "清楚", "明白", "具体",
    "精准", "严格", "有力", "妥当", "得当", "完善", "合理", "主动", "积极", "热烈", "生动", "到家",
    "实在", "明显",
];

/// The most Han characters a complement after 的 has, with its 都, 也 or 还 and its degree
/// word (都越来越到位); a test checks the lists against it.
const COMPLEMENT_MAX_CHARS: usize = 8;

/// Complements that need no degree word: 做的不错。 落实的怎么样？
const WHOLE_COMPLEMENTS: &[&str] = &["不错", "怎么样", "如何"];

/// Words that make `X的好` a preference or a comparison (还是早点去的好, 比预想的好,
/// 没有想象的好), where 的 is right.
const PREFERENCE: &[&str] = &[
    "还是",
    "不如",
    "最好",
    "倒不如",
    "宁可",
    "比",
    "没有",
    "不及",
];

/// Verbs whose `X的` often names what was done (他说的很好: what he said): 的 before a
/// complement after them is reported without a fix.
const AMBIGUOUS_VERBS: &[&str] = &["说", "讲", "写", "想", "吃", "买", "看", "听", "穿"];

/// Reduplicated words that, after a verb and 的 ending the clause, are a complement too:
/// 做的实实在在。 → 做得实实在在。 A list, not the AABB shape: 方方面面 and 家家户户 are
/// nouns (服务的方方面面).
const REDUPLICATED: &[&str] = &[
    "实实在在",
    "扎扎实实",
    "踏踏实实",
    "清清楚楚",
    "明明白白",
    "干干净净",
    "整整齐齐",
    "认认真真",
    "仔仔细细",
    "稳稳当当",
    "妥妥当当",
    "圆圆满满",
    "顺顺利利",
    "完完整整",
    "彻彻底底",
    "红红火火",
    "轰轰烈烈",
    "快快乐乐",
    "热热闹闹",
    "规规矩矩",
];

/// 的 written for 得 before a complement of degree: a verb (or an adjective of two chars or
/// more), 的, a degree word (很, 不够 …, after 都, 也 or 还 if any) and what the complement says,
/// a reduplicated word, a [`WHOLE_COMPLEMENTS`] word, or 好 alone unless the clause compares or
/// prefers ([`PREFERENCE`]: 比预想的好); and then the clause ends (工作做的很好。 落实的还不到位，
/// 办的好。). The range of each 的, with the words from the verb to the clause end as written.
///
/// `X的` also names a thing (the X one), and then 的 is right: 有的很好，有的不够好; 新的很好;
/// 用过的很好; 进口的很好; 去年买的很好; 我们所做的很不够. So the verb must have a word before it
/// in its clause that is not a time word, an adverb, a conjunction or a number (a subject, an
/// object, 把…), or open a clause that continues an earlier one ([`continues_a_clause`]), and
/// it may not be 有, end in 来, 去 or 过, or follow 所. The clause must end
/// after the complement: 他做的很好吃 and 取得的很好成绩 are right. Whether the verb is one of
/// the [`AMBIGUOUS_VERBS`] comes third.
fn complement_particles(doc: &Document) -> Vec<(Range<usize>, String, bool)> {
    let mut found = Vec::new();
    let mut lookahead = 0u64;
    for sentence in &doc.sentences {
        let tokens = &doc.tokens[sentence.tokens.clone()];
        for (i, pair) in tokens.windows(2).enumerate() {
            let (before, de) = (&pair[0], &pair[1]);
            // 的 is tagged uj; the tag is looked at first, as most tokens are not 的.
            if de.tag != "uj" {
                continue;
            }
            let verb = doc.str(before.range.clone());
            let verb_like = before.tag.starts_with('v')
                || (before.tag.starts_with('a') && verb.chars().count() >= 2);
            if doc.str(de.range.clone()) != "的"
                || !verb_like
                || verb == "有"
                || verb.ends_with(['来', '去', '过', '所'])
                || verb.starts_with('所')
                || doc.text[..before.range.start].ends_with('所')
                || !(has_subject(&tokens[..i]) || continues_a_clause(doc, &tokens[..i]))
            {
                continue;
            }
            let rest = &doc.text[de.range.end..];
            // The Han characters after 的, read no further than a complement reaches: a text
            // without punctuation would otherwise be read to its end after every 的.
            lookahead += COMPLEMENT_MAX_CHARS as u64 + 1;
            let Some(run) = (rest.char_indices().take(COMPLEMENT_MAX_CHARS + 1))
                .find(|&(_, c)| !is_han(c))
                .map(|(i, _)| i)
                .or((rest.chars().nth(COMPLEMENT_MAX_CHARS).is_none()).then_some(rest.len()))
            else {
                continue;
            };
            if rest[run..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let words = &rest[..run];
            let words = ["都", "也", "还"]
                .iter()
                .find_map(|a| words.strip_prefix(a))
                .unwrap_or(words);
            let fits = DEGREE.iter().any(|d| {
                words
                    .strip_prefix(d)
                    .is_some_and(|c| COMPLEMENT.contains(&c))
            });
            // 做的好。 but not 还是自己做的好 (it is better to do it oneself).
            let good_alone = words == "好"
                && !(tokens[..i].iter().rev())
                    .take_while(|t| t.is_word())
                    .any(|t| PREFERENCE.contains(&doc.str(t.range.clone())));
            if fits
                || good_alone
                || REDUPLICATED.contains(&words)
                || WHOLE_COMPLEMENTS.contains(&words)
            {
                let wrong = doc.str(before.range.start..de.range.end + run).to_string();
                found.push((de.range.clone(), wrong, AMBIGUOUS_VERBS.contains(&verb)));
            }
        }
    }
    work::add(Step::Lookahead, lookahead);
    found
}

/// Words of manner that modify a verb, where 地 joins them to it (认真地学习, 虚心地向群众请教).
/// Before a noun they take 的 (认真的态度), so the word after 的 decides.
const MANNER: &[&str] = &[
    "稳步",
    "稳妥",
    "有序",
    "精准",
    "全力",
    "有效",
    "逐步",
    "尽快",
    "妥善",
    "高效",
    "坚定",
    "认真",
    "虚心",
    "清醒",
    "积极",
    "主动",
    "深入",
    "全面",
    "扎实",
    "切实",
    "努力",
    "严格",
    "坚决",
    "深刻",
    "充分",
    "不断",
    "持续",
    "大力",
    "广泛",
    "及时",
    "热情",
    "耐心",
    "细致",
    "自觉",
    "彻底",
    "客观",
    "冷静",
    "迅速",
    "仔细",
    "反复",
    "默默",
    "悄悄",
    "静静",
    "紧紧",
    "好好",
    "慢慢",
    "渐渐",
    "真切",
    "由衷",
    "深深",
    "牢牢",
    "进一步",
    "坚持不懈",
    "高兴",
    "满意",
    "辛勤",
];

/// What may stand right before a word of [`MANNER`] when it modifies a verb: a personal
/// pronoun ([`PERSONS`]) or one of these modal words and adverbs. After anything else the
/// phrase may be a noun (进行认真的学习, 经过认真的学习和讨论), and after a degree word it is
/// one more often than not (实行更加积极的就业政策, 比较充分的就业).
const BEFORE_MANNER: &[&str] = &[
    "要", "能", "能够", "应", "应该", "应当", "必须", "会", "将", "务必", "一定", "都", "也", "还",
    "正在", "已经", "始终", "一直",
];

/// Personal pronouns, the subjects of a verb a word of [`MANNER`] may modify (我们认真的学习了…).
/// Other pronouns determine a noun: 任何积极的批评, 这种深入的研究.
const PERSONS: &[&str] = &[
    "我", "我们", "你", "你们", "他", "他们", "她", "她们", "大家", "咱们", "自己", "各位",
];

/// Prepositions a verb phrase may open with after 地 (虚心地向群众学习).
const PREPOSITIONS: &[&str] = &[
    "向", "对", "把", "从", "与", "同", "跟", "给", "为", "就", "对照", "按照", "围绕",
];

/// 的 written for 地 between a word of manner and its verb (我们要认真的学习。 →
/// 认真地学习): a word of [`MANNER`], 的, and a preposition; or after a personal pronoun or a
/// modal word ([`BEFORE_MANNER`]), a word of [`MANNER`], 的, and a verb (tag v) that 的 does
/// not follow, nor a noun after a pronoun. The range of each 的, and the words from the manner
/// word to the verb as written.
fn adverbial_particles(doc: &Document) -> Vec<(Range<usize>, String)> {
    let word = |t: &Token| doc.str(t.range.clone());
    let mut found = Vec::new();
    for sentence in &doc.sentences {
        let tokens = &doc.tokens[sentence.tokens.clone()];
        for (i, window) in tokens.windows(3).enumerate() {
            let [manner, de, verb] = window else {
                continue;
            };
            if de.tag != "uj" || word(de) != "的" || !MANNER.contains(&word(manner)) {
                continue;
            }
            let before = i.checked_sub(1).map(|b| word(&tokens[b]));
            let modal = before.is_some_and(|b| BEFORE_MANNER.contains(&b));
            let person = before.is_some_and(|b| PERSONS.contains(&b));
            // 这是他主动的选择, 需要的是扎实的推进: after 是 the phrase is a noun.
            // The verb 是, alone or run into one word (这是); not 但是 or 还是.
            let after_copula = (tokens[..i].iter().rev())
                .take_while(|t| t.is_word())
                .any(|t| t.tag.starts_with('v') && word(t).ends_with('是'));
            if after_copula {
                continue;
            }
            // 认真的学习的态度, and after a pronoun 我们认真的学习成果: a noun phrase. After a
            // modal word a verb phrase follows (要认真的学习文件). A preposition opens one
            // wherever the phrase stands (，虚心的向群众请教).
            let after = tokens.get(i + 3);
            // jieba tags a verb after 的 as an adjective at times (要积极的落实/a), and a verb
            // with its object as a set phrase (要稳步的推进改革/l).
            let verb_tag = verb.tag.starts_with('v') || (modal && matches!(verb.tag, "a" | "l"));
            let verb_phrase = if PREPOSITIONS.contains(&word(verb)) {
                true
            } else if verb_tag {
                (modal || person)
                    && !after.is_some_and(|t| word(t) == "的" || (!modal && t.tag.starts_with('n')))
            } else {
                false
            };
            if verb_phrase {
                let wrong = doc.str(manner.range.start..verb.range.end).to_string();
                found.push((de.range.clone(), wrong));
            }
        }
    }
    found
}

/// Whether the clause before a verb (`before`: its sentence's tokens up to the verb) holds a
/// word that can be its subject or object: anything but a time word, an adverb, a
/// conjunction, a particle or a number, back to the last punctuation mark.
fn has_subject(before: &[Token]) -> bool {
    (before.iter().rev())
        .take_while(|t| t.is_word())
        .any(|t| !t.tag.starts_with(['t', 'd', 'c', 'u', 'm']))
}

/// Whether a verb opens a clause that goes on from an earlier one of its sentence, whose
/// subject it shares (八位所长作了发言，讲的都很实在; 办得了、办的好): the token before it is
/// ， or 、 and a word comes earlier.
fn continues_a_clause(doc: &Document, before: &[Token]) -> bool {
    before.split_last().is_some_and(|(mark, earlier)| {
        matches!(doc.str(mark.range.clone()), "，" | "、") && earlier.iter().any(|t| t.is_word())
    })
}

/// Findings for every wrong form in the document, and the counts.
pub fn analyze(doc: &Document, config: &Config, out: &mut Analysis) {
    let mut metrics = WordingMetrics::default();
    // Where the lists found something, in text order: the token patterns below must not
    // report the same 的 again.
    let mut listed = Vec::new();
    for hit in hits(&doc.text) {
        let entry = hit.entry;
        listed.push(hit.range.start);
        match entry.kind {
            Kind::Misspelling => metrics.misspellings += 1,
            Kind::Misuse => metrics.misuses += 1,
            Kind::Particle => metrics.particles += 1,
            Kind::Variant => metrics.variants += 1,
        }
        out.findings.push(
            Finding::new(entry.kind.rule(), doc, hit.range, message(entry))
                .with_suggestion(entry.replacement.clone()),
        );
    }
    for (range, wrong, either) in complement_particles(doc) {
        if listed.binary_search(&range.start).is_ok() {
            continue;
        }
        metrics.particles += 1;
        let right = wrong.replacen('的', "得", 1);
        // After 说, 讲, 写, 想, 吃 … the 的 may name what was said, written or eaten (他说的很好:
        // what he said is good): reported, but not fixed.
        let note = if either {
            "；若“的”指说的、写的内容，则不改"
        } else {
            ""
        };
        let finding = Finding::new(
            &PARTICLE,
            doc,
            range,
            format!(
                "{}：「{wrong}」应为「{right}」（动词、形容词后带程度补语用“得”{note}）",
                Kind::Particle.label()
            ),
        );
        out.findings.push(if either {
            finding.with_severity(Severity::Info)
        } else {
            finding.with_suggestion("得")
        });
    }
    for (range, wrong) in adverbial_particles(doc) {
        if listed.binary_search(&range.start).is_ok() {
            continue;
        }
        metrics.particles += 1;
        let right = wrong.replacen('的', "地", 1);
        out.findings.push(
            Finding::new(
                &PARTICLE,
                doc,
                range,
                format!(
                    "{}：「{wrong}」应为「{right}」（修饰动词用“地”）",
                    Kind::Particle.label()
                ),
            )
            .with_suggestion("地"),
        );
    }
    let slips = super::typos::analyze(doc, &config.wording, &listed, out);
    metrics.confusable_chars = slips.confusable;
    metrics.doubled_chars = slips.doubled;
    metrics.term_slips = slips.term;
    let total = metrics.misspellings
        + metrics.misuses
        + metrics.particles
        + metrics.variants
        + metrics.confusable_chars
        + metrics.doubled_chars
        + metrics.term_slips;
    let han = doc.han_chars;
    if han > 0 {
        metrics.per_10k_han = total as f64 * 10_000.0 / han as f64;
    }
    out.metrics.wording = Some(metrics);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Applies every hit's replacement to `text`, back to front.
    fn fixed(text: &str) -> String {
        let mut out = text.to_string();
        for hit in hits(text).iter().rev() {
            out.replace_range(hit.range.clone(), &hit.entry.replacement);
        }
        out
    }

    #[test]
    fn every_complement_fits_in_its_bound() {
        let longest = |list: &[&str]| list.iter().map(|w| w.chars().count()).max().unwrap_or(0);
        let with_degree = longest(DEGREE) + longest(COMPLEMENT);
        let longest = 1 + with_degree
            .max(longest(REDUPLICATED))
            .max(longest(WHOLE_COMPLEMENTS));
        assert!(longest <= COMPLEMENT_MAX_CHARS, "{longest}");
    }

    /// `(text, wrong chars, replacement)` of every hit.
    fn found(text: &str) -> Vec<(&str, &str)> {
        hits(text)
            .into_iter()
            .map(|h| (&text[h.range.clone()], h.entry.replacement.as_str()))
            .collect()
    }

    fn entries() -> Vec<Entry> {
        let (entries, errors) = parse_lists();
        assert!(errors.is_empty(), "{errors:#?}");
        entries
    }

    /// The wording analysis of `text` with the default settings.
    fn analyzed(text: &str) -> Analysis {
        let doc = Document::new(text.to_string());
        let mut out = Analysis::default();
        analyze(&doc, &Config::default(), &mut out);
        out
    }

    /// (text, suggestion) of the findings of `text` whose message holds `says`.
    fn findings_saying(text: &str, says: &str) -> Vec<(String, String)> {
        (analyzed(text).findings.into_iter())
            .filter(|f| f.message.contains(says))
            .map(|f| (f.text, f.suggestion.unwrap_or_default()))
            .collect()
    }

    /// The degree-complement findings of `text`.
    fn complements(text: &str) -> Vec<(String, String)> {
        findings_saying(text, "程度补语")
    }

    /// The 的 reported before a verb.
    fn adverbials(text: &str) -> Vec<(String, String)> {
        findings_saying(text, "修饰动词")
    }

    #[test]
    fn de_between_a_word_of_manner_and_its_verb_is_de4() {
        for wrong in [
            "我们清醒的看到存在的问题。",
            "要虚心的向群众学习。",
            "我们要认真的学习文件精神。",
            "他积极的参与各项活动。",
            "对于存在的问题，虚心的向专家请教。",
            "我们要好好的干。",
            // jieba tags 落实 here as an adjective; after a modal word it is the verb.
            "我们要积极的落实各项政策。",
            "我们要进一步的加强监管。",
            "各村要认真的对照任务。",
            "他高兴的跳了起来。",
            "要稳步的推进改革。",
            "将主动的对接企业需求。",
            "各地要有序的开展复工复产。",
            "必须妥善的处理好这些矛盾。",
        ] {
            assert_eq!(
                adverbials(wrong),
                [("的".to_string(), "地".to_string())],
                "{wrong}"
            );
        }
        // Listed forms are reported once, by the list.
        for listed in [
            "我们要牢牢的把握。",
            "情况变的越来越好。",
            "工作变的更加扎实。",
        ] {
            let out = analyzed(listed);
            assert_eq!(out.findings.len(), 1, "{:?}", out.findings);
            assert_eq!(out.metrics.wording.as_ref().unwrap().particles, 1);
        }
        // 但是 and 还是 are no copula.
        assert_eq!(adverbials("但是我们要认真的学习文件。").len(), 1);
        // Before a noun, or where the phrase may be a noun, 的 is right.
        for right in [
            "我们认真的态度赢得了信任。",
            "这是我们认真的学习成果。",
            "经过认真的学习和讨论。",
            "实行更加积极的就业政策。",
            "实现比较充分的就业。",
            "对于任何积极的批评，都要欢迎。",
            "保持认真的学习态度。",
            "进行了深入的研究。",
            "要有认真的学习的态度。",
            // After 是 the phrase is a noun.
            "这是他主动的选择，不是被迫的。",
            "这是我们认真的思考和总结。",
            "他高兴的样子。",
            "保持稳步的增长势头。",
            "进行认真的研究。",
            "创造更好的条件。",
            "采取有效的措施。",
            "这是一个有序的过程。",
        ] {
            assert!(adverbials(right).is_empty(), "{right}");
        }
    }

    #[test]
    fn de_before_a_complement_of_degree_is_de2() {
        let text = "工作做的很好。任务落实的还不到位，我们认识的不够深刻；他讲的非常好！";
        let found: Vec<String> = complements(text).into_iter().map(|(t, _)| t).collect();
        assert_eq!(found, ["的"; 4]);
        assert_eq!(complements("大家干的很好，")[0].1, "得");
        // 他说的很好 may mean what he said is good: a note without a fix.
        assert_eq!(
            complements("他说的很好。"),
            [("的".to_string(), String::new())]
        );
        assert_eq!(
            analyzed("他说的很好。").findings[0].severity,
            Severity::Info
        );
        assert_eq!(complements("我们做的都很好，工作做的越来越好。").len(), 2);
        assert_eq!(complements("工作做的实实在在。").len(), 1);
        assert_eq!(complements("工作做的不错，任务落实的怎么样？").len(), 2);
        // Complements of one character, and of manner (抓得很紧, 讲得很具体).
        for wrong in [
            "各项工作抓的很紧。",
            "我们对政策理解的不够深。",
            "任务定的很高，",
            "这个问题分析的比较透。",
            "大家参与的很积极。",
            "会议组织的很得当。",
        ] {
            assert_eq!(complements(wrong).len(), 1, "{wrong}");
        }
        // 好 alone ends the clause; a clause that goes on from an earlier one shares its
        // subject.
        assert_eq!(complements("这项工作办的好。").len(), 1);
        assert_eq!(complements("关键是办得了、办的好。").len(), 1);
        assert_eq!(complements("八位所长作了发言，讲的都很实在。").len(), 1);
        for right in [
            "还是自己做的好。",
            "结果比预想的好。",
            "效果没有想象的好。",
            "进口的很好。",
        ] {
            assert!(complements(right).is_empty(), "{right}");
        }
        assert!(complements("做的实实在在的工作。").is_empty());
        assert!(complements("覆盖服务的方方面面。").is_empty());
        // The clause goes on, or 的 names a thing: right as written.
        for right in [
            "他做的很好吃。",
            "取得的很好成绩。",
            "我们做的很多。",
            "我们所做的很不够。",
            "所做的很好。",
            // X的 names a thing: the one X, or the ones that X.
            "各地的做法，有的很好，有的还不够好。",
            "新的很好，旧的不好。",
            "用过的很好。",
            "进口的很好，国产的也不差。",
            "报上来的比较好。",
            "去年买的很好。",
            "送来的很及时。",
        ] {
            assert!(complements(right).is_empty(), "{right}");
        }
    }

    #[test]
    fn lists_parse_and_are_large_enough() {
        let entries = entries();
        assert!(entries.len() >= 800, "{} entries", entries.len());
        for kind in [
            Kind::Misspelling,
            Kind::Misuse,
            Kind::Particle,
            Kind::Variant,
        ] {
            assert!(
                entries.iter().any(|e| e.kind == kind),
                "{kind:?} list is empty"
            );
        }
    }

    #[test]
    fn misspellings_a_blind_test_found_missing() {
        let text = "不能墨守陈规，要防患于未燃、众志成诚，加强工作做风，统筹按排资金，提高效律。";
        assert_eq!(
            fixed(text),
            "不能墨守成规，要防患于未然、众志成城，加强工作作风，统筹安排资金，提高效率。"
        );
        let text = "令人震憾，编篡史志，病入膏盲，发韧于此，鼎立相助，安份守己。";
        assert_eq!(
            fixed(text),
            "令人震撼，编纂史志，病入膏肓，发轫于此，鼎力相助，安分守己。"
        );
        // The same characters in correct words stay: 按排名, 做风险评估, 激发韧劲.
        assert!(found("按排名先后，做风险评估，激发韧劲").is_empty());
    }

    #[test]
    fn abstract_objects_are_made_with_zuo_chu() {
        // 作出 with a 贡献, 决定 or 部署; 做出 stays with what is made (做出显著成绩).
        assert_eq!(found("为全县发展做出应有的贡献"), [("做", "作")]);
        assert_eq!(found("党中央做出了部署"), [("做", "作")]);
        assert!(found("做出显著成绩，做出样品").is_empty());
    }

    #[test]
    fn messages_show_the_forms_without_the_punctuation_matched_on() {
        let entries = entries();
        let find = |wrong: &str| entries.iter().find(|e| e.wrong == wrong).unwrap();
        assert_eq!(
            message(find("再接再励")),
            "错别字：「再接再励」应为「再接再厉」"
        );
        let misuse = message(find("。做为"));
        assert!(
            misuse.starts_with("用词不当：「做为」应为「作为」（"),
            "{misuse}"
        );
    }

    #[test]
    fn lists_are_sorted_and_unique() {
        let mut seen = HashSet::new();
        for &(_, name, text) in LISTS {
            let wrongs: Vec<&str> = data_lines(text)
                .map(|(_, line)| line.split('\t').next().unwrap_or(""))
                .collect();
            for pair in wrongs.windows(2) {
                assert!(pair[0] < pair[1], "{name}: `{}` ≥ `{}`", pair[0], pair[1]);
            }
        }
        for entry in entries() {
            assert!(
                seen.insert(entry.wrong.clone()),
                "`{}` listed twice",
                entry.wrong
            );
        }
        let allowed: Vec<&str> = allowed().collect();
        for pair in allowed.windows(2) {
            assert!(
                pair[0] < pair[1],
                "allow.txt: `{}` ≥ `{}`",
                pair[0],
                pair[1]
            );
        }
    }

    #[test]
    fn lines_are_well_formed() {
        for entry in entries() {
            let chars = |s: &str| s.chars().all(|c| !c.is_whitespace() && c != '\u{3000}');
            assert!(chars(&entry.wrong) && chars(&entry.right), "{entry:?}");
            assert!(!entry.note.contains('\t'), "{entry:?}");
            let mut fixed = entry.wrong.clone();
            fixed.replace_range(entry.span.clone(), &entry.replacement);
            assert_eq!(fixed, entry.right, "{entry:?}");
        }
    }

    #[test]
    fn every_allowed_string_covers_a_wrong_form_and_fires_nothing() {
        let wrongs: Vec<String> = entries().into_iter().map(|e| e.wrong).collect();
        for allowed in allowed() {
            assert!(
                !wrongs.iter().any(|w| w == allowed),
                "`{allowed}` is also wrong"
            );
            assert!(
                wrongs.iter().any(|w| allowed.contains(w.as_str())),
                "`{allowed}` contains no wrong form"
            );
            assert_eq!(found(allowed), [], "`{allowed}`");
        }
    }

    #[test]
    fn every_wrong_form_fires_once_and_its_fix_gives_the_right_form() {
        for entry in entries() {
            let text = format!("【{}】", entry.wrong);
            let hits = hits(&text);
            assert_eq!(hits.len(), 1, "`{}`: {hits:?}", entry.wrong);
            assert_eq!(hits[0].entry, &entry);
            let start = "【".len();
            assert_eq!(
                hits[0].range,
                start + entry.span.start..start + entry.span.end
            );
            assert_eq!(fixed(&text), format!("【{}】", entry.right));
        }
    }

    #[test]
    fn no_right_form_fires() {
        for entry in entries() {
            let text = format!("【{}】", entry.right);
            assert_eq!(found(&text), [], "right form `{}` fires", entry.right);
        }
    }

    #[test]
    fn wrong_forms_in_context() {
        type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a str);
        let table: &[Case] = &[
            (
                "我们己经完成了全年目标任务。",
                &[("己", "已")],
                "我们已经完成了全年目标任务。",
            ),
            (
                "全体干部要严于律已、再接再励，按步就班地推进工作。",
                &[("已", "己"), ("励", "厉"), ("步", "部")],
                "全体干部要严于律己、再接再厉，按部就班地推进工作。",
            ),
            (
                "截止目前，全市共建成基站1200个；截止到2024年底，累计投资5亿元。",
                &[("止", "至"), ("止到", "至")],
                "截至目前，全市共建成基站1200个；截至2024年底，累计投资5亿元。",
            ),
            (
                "做为一名党员，必需遵守党的纪律，既使如此也不能松懈。",
                &[("做", "作"), ("需", "须"), ("既", "即")],
                "作为一名党员，必须遵守党的纪律，即使如此也不能松懈。",
            ),
            (
                "值的注意的是，我们要牢牢的把握主动权，因的制宜。",
                &[("的", "得"), ("的", "地"), ("的", "地")],
                "值得注意的是，我们要牢牢地把握主动权，因地制宜。",
            ),
            (
                "这些问题迫在眉捷，事关当务之及，不能迫不急待。",
                &[("捷", "睫"), ("及", "急"), ("急", "及")],
                "这些问题迫在眉睫，事关当务之急，不能迫不及待。",
            ),
            (
                "要清理银行帐户，核销呆帐。",
                &[("帐", "账"), ("帐", "账")],
                "要清理银行账户，核销呆账。",
            ),
            (
                "努力提高市场竟争力，办好全运会竞技体育比赛。",
                &[("竟", "竞")],
                "努力提高市场竞争力，办好全运会竞技体育比赛。",
            ),
        ];
        for &(text, expected, right) in table {
            assert_eq!(found(text), expected, "{text}");
            assert_eq!(fixed(text), right);
            assert_eq!(found(right), [], "{right}");
        }
    }

    #[test]
    fn correct_text_that_contains_a_wrong_form_is_left_alone() {
        for text in [
            "我们绝不愿意让自己经过千辛万苦取得的成果遭到破坏。",
            "培育悦己经济、票根经济等新业态。",
            "报名完毕竞赛正式开始。",
            "对厉行节约的单位给予奖励，嘉奖厉行节约先进。",
            "既便于加强监督，又便于基层操作。",
            "建立既与企业已有标识兼容又统一的体系。",
            "惠民生、促消费，重点增加转移支付和困难地区财力补助。",
            "打造一批覆盖全链条的平台，开展生态综合补偿试点。",
            "多做为群众办实事、为全省发展谋长远的好事。",
            "截止日期为6月30日，逾期不再受理；申报于3月1日截止。",
            "必需品供应充足，这是生产所必需的。",
            "有价值的研究成果，产值的增长，数值的变化。",
        ] {
            assert_eq!(found(text), [], "{text}");
        }
    }

    #[test]
    fn bracketed_context_marks_the_wrong_part() {
        let entry = parse_line(Kind::Misuse, "[截止到]目前\t截至目前\tnote").unwrap();
        assert_eq!(entry.wrong, "截止到目前");
        assert_eq!(&entry.wrong[entry.span.clone()], "截止到");
        assert_eq!(
            (entry.replacement.as_str(), entry.note.as_str()),
            ("截至", "note")
        );
        // A deletion has nothing to suggest a fix with: rejected.
        assert!(parse_line(Kind::Misuse, "截止[到]目前\t截止目前").is_err());
        let entry = parse_line(Kind::Misuse, "[截止]目前\t截至目前").unwrap();
        assert_eq!(&entry.wrong[entry.span.clone()], "截止");
        assert_eq!(entry.replacement, "截至");
        assert!(parse_line(Kind::Misuse, "[截止目前\t截至目前").is_err());
        assert!(parse_line(Kind::Misuse, "[截止]目前\t截至今年").is_err());
        assert!(parse_line(Kind::Misuse, "[]目前\t截至目前").is_err());
    }

    #[test]
    fn bad_lines_are_rejected() {
        assert!(parse_line(Kind::Misspelling, "己经").is_err());
        assert!(parse_line(Kind::Misspelling, "已经\t已经").is_err());
        assert!(parse_line(Kind::Misspelling, "\t已经").is_err());
        assert!(parse_line(Kind::Misspelling, "a\tb\tc\td").is_err());
        let entry = parse_line(Kind::Misspelling, "己经\t已经").unwrap();
        assert_eq!((entry.span, entry.replacement.as_str()), (0..3, "已"));
    }

    #[test]
    fn any_text_is_safe() {
        for text in [
            "",
            "己",
            "\u{FFFD}己经\r\n",
            "截止",
            "abc己经𠀀已经",
            "【】[]\t",
        ] {
            let hits = hits(text);
            for hit in &hits {
                assert!(text.is_char_boundary(hit.range.start));
                assert!(text.is_char_boundary(hit.range.end));
            }
            let _ = fixed(text);
        }
    }

    #[test]
    fn analyze_counts_findings_and_sets_suggestions() {
        let out = analyzed("我们己经截止目前做好了。银行帐户");
        let rules: Vec<&str> = out.findings.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(
            rules,
            ["wording/misspelling", "wording/misuse", "wording/variant"]
        );
        assert_eq!(out.findings[0].text, "己");
        assert_eq!(out.findings[0].suggestion.as_deref(), Some("已"));
        assert_eq!(out.findings[0].span.column, 3);
        let metrics = out.metrics.wording.unwrap();
        assert_eq!(
            (
                metrics.misspellings,
                metrics.misuses,
                metrics.particles,
                metrics.variants
            ),
            (1, 1, 0, 1)
        );
        assert!((metrics.per_10k_han - 30_000.0 / 15.0).abs() < 1e-9);
    }
}
