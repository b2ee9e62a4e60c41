//! Announced counts: a speech that says 下面，我讲三点意见 promises three parts, and the headings
//! or the enumeration that come next should have three.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::enumeration::{Group, marker_at};
use super::marker;
use super::numeral::{is_numeral_char, parse_arabic, parse_chinese, to_chinese};
use super::outline::Outline;
use super::{ANNOUNCED_COUNT, Issue, Para};

/// Verbs that announce the parts of what follows (讲三点, 提出四点, 汇报三个方面, 分为三个部分),
/// longest first where one starts another.
const VERBS: &[&str] = &[
    "谈谈", "谈", "讲", "强调", "提出", "提", "说", "汇报", "报告", "介绍", "交流", "补充", "分为",
    "有",
];

/// Words a count may follow its verb with: 讲以下三点.
const BETWEEN: &[&str] = &["以下", "如下", "这么"];

/// What is counted: 三点, 三条, 三项, 三个方面, 三个问题, 三个部分, 两件事, 三句话.
const UNITS: &[&str] = &[
    "点",
    "条",
    "项",
    "个方面",
    "方面",
    "个问题",
    "个部分",
    "部分",
    "件事",
    "句话",
];

/// Finds the [`UNITS`] in a text, the longest at each place.
static UNIT_FINDER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(UNITS)
        .expect("a few short literal units")
});

/// Nouns an announcement may end with: 三点意见, 三个方面的情况.
const NOUNS: &[&str] = &[
    "意见", "看法", "要求", "体会", "建议", "希望", "想法", "认识", "情况", "工作", "内容", "问题",
    "做法", "经验", "措施",
];

/// One announcement: its document bytes, its paragraph, its count as written (三, 十二, 3)
/// and its value, and the unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Announcement {
    pub range: Range<usize>,
    pub para: usize,
    pub written: String,
    pub count: u32,
    pub unit: &'static str,
    /// Another group is named after the counted one (三个方面的做法和几点体会): more parts
    /// than counted may follow.
    pub more_after: bool,
}

/// The count at `at` in `text`, where a run of digits or numerals starts: Arabic digits, 两,
/// or a Chinese numeral (三, 十二), with its length in bytes.
fn count_at(text: &str, at: usize) -> Option<(u32, usize)> {
    let rest = &text[at..];
    match rest.chars().next()? {
        c if c.is_ascii_digit() => parse_arabic(rest),
        '两' => Some((2, '两'.len_utf8())),
        _ => parse_chinese(rest),
    }
}

/// The announcing verb that `before` ends with, and whether 以下 (or 如下, 这么) stands
/// between it and the count: their length in bytes, and whether the verb and those words
/// promise a list of 条 or 项.
fn verb_before(before: &str) -> Option<(usize, bool)> {
    let (rest, between) = match BETWEEN.iter().find(|w| before.ends_with(*w)) {
        Some(w) => (&before[..before.len() - w.len()], w.len()),
        None => (before, 0),
    };
    let verb = VERBS.iter().find(|v| rest.ends_with(*v))?;
    Some((verb.len() + between, between > 0 || SPEAKING.contains(verb)))
}

/// Verbs of speaking: after them a count of 条 or 项 announces points too (讲三条); after
/// 提出 or 汇报 it may count anything (提出22项主要指标), unless 以下 says a list follows.
const SPEAKING: &[&str] = &["谈谈", "谈", "讲", "强调", "说", "补充"];

/// The length in bytes of the noun a count may be followed by (意见, 的情况), or 0.
fn noun_after(rest: &str) -> usize {
    let noun_at = usize::from(rest.starts_with('的')) * '的'.len_utf8();
    NOUNS
        .iter()
        .find(|n| rest[noun_at..].starts_with(*n))
        .map_or(0, |noun| noun_at + noun.len())
}

/// The most Han characters between a count's unit and a colon (四方面的探索：, 的 included).
const MAX_COLON_NOUN: usize = 7;

/// When `rest`, what follows a count and its unit, is a short noun (or nothing) and then a
/// colon (三项措施：, 四方面的探索：), the length in bytes up to the colon: a count that a
/// colon follows introduces the list after it.
fn colon_after(rest: &str) -> Option<usize> {
    let mut len = 0;
    for (k, c) in rest.chars().enumerate() {
        match c {
            '：' | ':' => return Some(len),
            c if crate::doc::is_han(c) && k < MAX_COLON_NOUN => len += c.len_utf8(),
            _ => return None,
        }
    }
    None
}

/// Whether the rest of the sentence that `rest` starts holds `words`.
fn sentence_says(rest: &str, words: &str) -> bool {
    rest.split(crate::doc::is_terminator)
        .next()
        .is_some_and(|sentence| sentence.contains(words))
}

/// Whether `rest`, what follows an announcement, names another group of parts: 和, 及 or
/// 以及, then a vague or a second count or what comes next (和几点体会, 以及下一步打算, 和两点建议).
fn names_more(rest: &str) -> bool {
    let Some(group) = ["以及", "和", "及"]
        .iter()
        .find_map(|w| rest.strip_prefix(w))
    else {
        return false;
    };
    group.starts_with(is_numeral_char)
        || group.starts_with(|c: char| c.is_ascii_digit())
        || ["几", "一些", "若干", "下一步", "下步", "今后", "存在的"]
            .iter()
            .any(|w| group.starts_with(w))
}

/// Whether an announcement ending at `end` is answered in its own sentence: a colon and then
/// the items themselves (三项改革：行政审批、国企改革和财政体制改革), not a first marker (：一是…,
/// ：（一）…) or the end of the paragraph.
fn answered_inline(text: &str, end: usize) -> bool {
    // The colon may come after a noun the announcement did not take in (四个方面的数据：).
    let Some(noun) = colon_after(&text[end..]) else {
        return false;
    };
    let colon = end + noun;
    let after = colon + text[colon..].chars().next().map_or(0, char::len_utf8);
    let items = text[after..].trim_start();
    let at = text.len() - items.len();
    !items.is_empty() && marker_at(text, at).is_none() && marker::parse(items).is_none()
}

/// Every announcement of paragraph `index`: a verb, a count of two or more and a unit
/// (讲三点意见, 谈两点体会, 提出以下十二条措施, 汇报三个方面的情况, 分为三个部分, 有四点体会),
/// 从 with a count of 方面 and a verb after it (从三个方面汇报), 以下 before a count (做好以下四
/// 项工作), or a count that a colon follows (做了四方面的探索：). A count after anything else
/// (抓好三个方面, 讲了三点) is no promise about what comes next.
pub fn announcements(para: &Para, index: usize) -> Vec<Announcement> {
    let text = para.text;
    let mut found = Vec::new();
    // Units are rarer than characters: they are found by one automaton over the text, and
    // the count is read back from each.
    for m in UNIT_FINDER.find_iter(text) {
        let (after, unit) = (m.start(), UNITS[m.pattern().as_usize()]);
        let digits = text[..after]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_ascii_digit() || is_numeral_char(c))
            .last();
        // The whole run was walked back over, so the count starts there; after 第 it is an
        // ordinal (第三点).
        let Some((at, _)) = digits else { continue };
        if text[..at].ends_with('第') {
            continue;
        }
        let Some((count, len)) = count_at(text, at) else {
            continue;
        };
        if at + len != after || count < 2 {
            continue;
        }
        let mut end = after + unit.len();
        let before = &text[..at];
        let colon = colon_after(&text[end..]);
        let start = if let Some((verb, lists)) = verb_before(before) {
            if matches!(unit, "条" | "项") && !lists && colon.is_none() {
                continue;
            }
            end += noun_after(&text[end..]);
            at - verb
        } else if before.ends_with('从') && unit == "个方面" {
            let rest = &text[end..];
            let lead = ["作", "进行", "来"]
                .iter()
                .find(|w| rest.starts_with(*w))
                .map_or(0, |w| w.len());
            let verb = VERBS.iter().find(|v| rest[lead..].starts_with(*v));
            let Some(verb) = verb else { continue };
            end += lead + verb.len();
            at - '从'.len_utf8()
        } else if let Some(w) = ["以下", "如下"].iter().find(|w| before.ends_with(*w)) {
            end += noun_after(&text[end..]);
            at - w.len()
        } else if before.ends_with("现将") && sentence_says(&text[end..], "如下") {
            // 现将三个方面的做法汇报如下
            end += noun_after(&text[end..]);
            at - "现将".len()
        } else if let Some(len) = colon
            && unit != "条"
        {
            end += len;
            at
        } else {
            continue;
        };
        if answered_inline(text, end) {
            continue;
        }
        found.push(Announcement {
            range: para.start + start..para.start + end,
            para: index,
            written: text[at..after].to_string(),
            count,
            unit,
            more_after: names_more(&text[end + noun_after(&text[end..])..]),
        });
    }
    found
}

/// Parts that may answer an announcement: the headings of one run, or the items of one
/// enumeration, by their markers as written.
struct Parts {
    headings: bool,
    markers: Vec<String>,
    start: usize,
}

/// What may answer an announcement: the run of sibling headings that starts with the next
/// heading (when that is a first one: 一、 （一） 1., in the paragraph right after the
/// announcement's), and an enumeration that starts in the
/// announcement's paragraph after it, or at the start of the next paragraph (我讲三点：第一，…).
/// A list inside a later paragraph belongs to one of the points, not to the announcement.
fn answers(a: &Announcement, paras: &[Para], outline: &Outline, groups: &[Group]) -> Vec<Parts> {
    let mut found = Vec::new();
    let heading = outline
        .headings
        .iter()
        .position(|h| h.marker.start >= a.range.end);
    if let Some(h) = heading {
        let first = &outline.headings[h];
        // Headings further on belong to what comes between.
        if !first.is_attachment() && first.number == 1 && first.para == a.para + 1 {
            let siblings = outline.children(first.parent);
            let from = (siblings.iter().position(|&s| s == h))
                .expect("a heading is among its parent's children");
            let markers: Vec<String> = siblings[from..]
                .iter()
                .map(|&s| &outline.headings[s])
                .filter(|s| !s.is_attachment() && s.level() == first.level())
                .enumerate()
                .take_while(|(k, s)| *k == 0 || s.number != 1)
                .map(|(_, s)| s.written.clone())
                .collect();
            found.push(Parts {
                headings: true,
                markers,
                start: first.marker.start,
            });
        }
    }
    let group = groups.iter().find(|g| {
        let first = &g.items[0];
        let starts_next = first.para == a.para + 1
            && paras
                .get(first.para)
                .is_some_and(|p| p.start == first.marker_range.start);
        first.marker_range.start >= a.range.end && (first.para == a.para || starts_next)
    });
    if let Some(g) = group
        && g.items[0].number == 1
        && !g.items.iter().all(|i| i.number == 1)
    {
        found.push(Parts {
            headings: false,
            markers: g.items.iter().map(|i| i.marker.clone()).collect(),
            start: g.items[0].marker_range.start,
        });
    }
    found.sort_by_key(|p| p.start);
    found
}

/// A number of things in words, as a count: 两 for 2, else the Chinese numeral.
fn count_word(n: u32) -> String {
    match n {
        2 => "两".to_string(),
        n => to_chinese(n),
    }
}

/// An announcement whose count differs from every answer that comes right after it: the
/// next run of headings and the enumeration that opens right after it. Reported against the
/// one that comes first.
pub fn check(paras: &[Para], outline: &Outline, groups: &[Group]) -> Vec<Issue> {
    let mut issues = Vec::new();
    for (index, para) in paras.iter().enumerate() {
        for a in announcements(para, index) {
            let found = answers(&a, paras, outline, groups);
            let Some(parts) = found.first() else { continue };
            if found.iter().any(|p| p.markers.len() as u32 == a.count) {
                continue;
            }
            let made = parts.markers.len() as u32;
            if a.more_after && made > a.count {
                continue;
            }
            let written = &para.text[a.range.start - para.start..a.range.end - para.start];
            let listed = match parts.markers.as_slice() {
                [one] => format!("「{one}」"),
                [first, .., last] => format!("「{first}」至「{last}」"),
                [] => unreachable!("a heading run holds its first heading, a group its first item"),
            };
            let fewer = made < a.count;
            let what = match (parts.headings, fewer) {
                (true, true) => format!("后面的标题只有{}个", count_word(made)),
                (true, false) => format!("后面的标题却有{}个", count_word(made)),
                (false, true) => format!("后面只列了{}项", count_word(made)),
                (false, false) => format!("后面却列了{}项", count_word(made)),
            };
            issues.push(Issue::new(
                &ANNOUNCED_COUNT,
                a.range.clone(),
                format!("「{written}」说有{}{}，{what}：{listed}", a.written, a.unit),
            ));
        }
    }
    issues
}

#[cfg(test)]
mod tests {
    use super::super::{enumeration, outline, paras_of, shown};
    use super::*;
    use crate::doc::Document;

    fn issues(text: &str) -> Vec<String> {
        let doc = Document::new(text.to_string());
        let paras = paras_of(&doc);
        let tree = outline::outline(&paras);
        let groups = enumeration::groups(&paras, &tree.sections(paras.len()));
        check(&paras, &tree, &groups).iter().map(shown).collect()
    }

    fn found(text: &str) -> Vec<(String, u32)> {
        let para = Para { text, start: 0 };
        (announcements(&para, 0).into_iter())
            .map(|a| (text[a.range].to_string(), a.count))
            .collect()
    }

    #[test]
    fn reads_announcements() {
        let cases: &[(&str, &str, u32)] = &[
            ("下面，我讲三点意见。", "讲三点意见", 3),
            ("我谈两点体会：", "谈两点体会", 2),
            ("提出以下四点要求。", "提出以下四点要求", 4),
            ("汇报三个方面的情况。", "汇报三个方面的情况", 3),
            ("下面从五个方面作汇报。", "从五个方面作汇报", 5),
            ("提出以下十二条措施：", "提出以下十二条措施", 12),
            ("我讲3点意见。", "讲3点意见", 3),
            ("本报告分为三个部分。", "分为三个部分", 3),
            ("我再补充两点。", "补充两点", 2),
            ("我们有四点体会。", "有四点体会", 4),
            ("做好以下四项工作：", "以下四项工作", 4),
            ("着重做了四方面的探索：一是", "四方面的探索", 4),
            ("采取三项措施：", "三项措施", 3),
            ("提出三项要求：", "提出三项要求", 3),
        ];
        for &(text, announcement, count) in cases {
            assert_eq!(found(text), [(announcement.to_string(), count)], "{text}");
        }
        // Counts that promise nothing about what follows.
        for text in [
            "刚才讲了三点。",
            "重点抓好三个方面工作。",
            "从三个方面入手。",
            "这是第三点。",
            "我讲一点看法。",
            "细化提出22项主要指标。",
            "汇报三项工作。",
            "全年实施三项工程，完成投资十亿元。",
            "建成三个方面的示范项目和配套设施：",
        ] {
            assert_eq!(found(text), [], "{text}");
        }
        // 二十三 is one number, not 三 after 二十.
        assert_eq!(
            found("提出以下二十三条。"),
            [("提出以下二十三条".to_string(), 23)]
        );
    }

    #[test]
    fn xianjiang_with_a_count_announces_what_follows() {
        let text = "现将三个方面的做法汇报如下。\n一、甲\n二、乙";
        assert_eq!(
            issues(text),
            [
                "announced-count: 「现将三个方面的做法」说有三个方面，后面的标题只有两个：「一、」至「二、」"
            ]
        );
        // Without 如下 the count looks back or aside.
        assert!(issues("现将三个方面的做法予以推广。\n一、甲\n二、乙").is_empty());
    }

    #[test]
    fn things_and_sentences_are_counted_too() {
        let text = "今年重点做好两件事：一是抓项目，二是抓民生，三是抓作风。";
        assert_eq!(
            issues(text),
            ["announced-count: 「两件事」说有两件事，后面却列了三项：「一是」至「三是」"]
        );
        let text = "我讲三句话。\n一、甲\n二、乙\n三、丙";
        assert!(issues(text).is_empty(), "{:?}", issues(text));
        assert_eq!(issues("我讲三句话。\n一、甲\n二、乙").len(), 1);
    }

    #[test]
    fn another_group_named_after_the_count_may_add_parts() {
        let text = "下面，我汇报三个方面的做法和几点体会。\n一、甲\n二、乙\n三、丙\n四、几点体会";
        assert!(issues(text).is_empty(), "{:?}", issues(text));
        // Fewer parts than counted are still reported.
        let fewer = "下面，我汇报三个方面的做法和几点体会。\n一、甲\n二、乙";
        assert_eq!(issues(fewer).len(), 1);
        // The group may follow the verb, and its noun.
        let after_verb = "下面，我从三个方面汇报做法和几点体会。\n一、甲\n二、乙\n三、丙\n四、丁";
        assert!(issues(after_verb).is_empty(), "{:?}", issues(after_verb));
        // 意见和要求 name the same three points.
        let same = "下面，我讲三点意见和要求。\n一、甲\n二、乙\n三、丙\n四、丁";
        assert_eq!(issues(same).len(), 1);
        for (rest, more) in [
            ("和几点体会。", true),
            ("以及下一步打算。", true),
            ("和两点建议。", true),
            ("和要求。", false),
            ("。", false),
        ] {
            assert_eq!(names_more(rest), more, "{rest}");
        }
    }

    #[test]
    fn compares_with_the_headings_that_follow() {
        let two = "下面，我讲三点意见。\n一、提高认识\n正文。\n二、狠抓落实\n正文。";
        assert_eq!(
            issues(two),
            ["announced-count: 「讲三点意见」说有三点，后面的标题只有两个：「一、」至「二、」"]
        );
        let three = "下面，我讲三点意见。\n一、提高认识\n二、狠抓落实\n三、加强领导";
        assert!(issues(three).is_empty());
        // Inside a section, its subheadings count; the next 一、 does not end the count early.
        let nested = "一、总体要求\n我强调两点。\n（一）统一思想\n（二）压实责任\n（三）严格考核\n二、保障措施";
        assert_eq!(
            issues(nested),
            ["announced-count: 「强调两点」说有两点，后面的标题却有三个：「（一）」至「（三）」"]
        );
        // A next heading that does not start a list says nothing.
        assert!(issues("一、总体要求\n讲三点。\n二、保障措施\n三、其他").is_empty());
        // Headings further on belong to what comes between.
        assert!(issues("下面，我讲三点意见。\n同志们要重视。\n一、甲\n二、乙").is_empty());
        // A count answered in its own sentence promises nothing more.
        let inline = "一年来，全局重点推进了三项改革：行政审批、国企改革和财政体制改革。\n一、主要成效\n内容。\n二、存在问题\n内容。";
        assert!(issues(inline).is_empty());
        assert!(issues("条例共六章四十二条：\n第一章 总则\n第二章 附则").is_empty());
        let data = "一、基本情况\n全市共有四个方面的数据：人口、经济、社会、生态。\n（一）人口\n内容。\n（二）经济";
        assert!(issues(data).is_empty());
        // A preview of the points in the announcing sentence does not outweigh the headings.
        let preview = "我讲三点意见，一是来自调研，二是来自座谈。\n一、甲\n二、乙\n三、丙";
        assert!(issues(preview).is_empty());
    }

    #[test]
    fn compares_with_the_enumeration_that_follows() {
        let text = "我讲三点意见：一是提高认识；二是狠抓落实。\n一、下一步工作";
        assert_eq!(
            issues(text),
            ["announced-count: 「讲三点意见」说有三点，后面只列了两项：「一是」至「二是」"]
        );
        assert!(issues("我讲两点：第一，提高认识；第二，狠抓落实。").is_empty());
        let next = "我讲三点意见。\n第一，提高认识。\n第二，狠抓落实。";
        assert_eq!(issues(next).len(), 1, "{:?}", issues(next));
        // A count that a colon follows, and 有 with a count, announce too.
        let colon =
            "我们着重做了四方面的探索：一是推行网格化管理；二是开展院坝议事；三是加强法治宣传。";
        assert_eq!(
            issues(colon),
            ["announced-count: 「四方面的探索」说有四方面，后面只列了三项：「一是」至「三是」"]
        );
        let had = "回头看，我们有四点体会。\n一是党建要跟着生产走。\n二是党员作用要看得见。\n三是书记要懂业务。";
        assert_eq!(issues(had).len(), 1, "{:?}", issues(had));
        // A list inside one of the points is not counted with them.
        let nested =
            "我讲两点。一是要提高认识。我们要看到，一是成绩，二是问题，三是差距。二是要狠抓落实。";
        assert!(issues(nested).is_empty(), "{:?}", issues(nested));
        // Nothing numbered after it: nothing to compare.
        assert!(issues("我讲三点意见。要提高认识，狠抓落实。").is_empty());
        // A list inside one of the points, later on, is not the announced one.
        let inside = "我讲三点意见。\n要提高认识。\n要加强领导，一是定期听取汇报，二是带队检查。\n要严格考核。";
        assert!(issues(inside).is_empty());
    }
}
