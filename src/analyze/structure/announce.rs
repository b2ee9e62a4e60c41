//! Announced counts: a speech that says 下面，我讲三点意见 promises three parts, and the headings
//! or the enumeration that come next should have three.

use std::ops::Range;

use super::enumeration::Group;
use super::outline::Outline;
use super::{ANNOUNCED_COUNT, Issue, Para};

/// Verbs that announce the parts of what follows (讲三点, 提出四点, 汇报三个方面), longest
/// first where one starts another.
const VERBS: &[&str] = &[
    "谈谈", "谈", "讲", "强调", "提出", "提", "说", "汇报", "报告", "介绍", "交流",
];

/// Words a count may follow its verb with: 讲以下三点.
const BETWEEN: &[&str] = &["以下", "如下", "这么"];

/// What is counted: 三点, 三个方面, 三个问题.
const UNITS: &[&str] = &["点", "个方面", "个问题"];

/// Nouns an announcement may end with: 三点意见, 三个方面的情况.
const NOUNS: &[&str] = &[
    "意见", "看法", "要求", "体会", "建议", "希望", "想法", "认识", "情况", "工作", "内容", "问题",
    "做法", "经验",
];

/// One announcement: its document bytes, its count as written (三) and its value, and the unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Announcement {
    pub range: Range<usize>,
    pub numeral: char,
    pub count: u32,
    pub unit: &'static str,
}

/// The value of a count written in one character: 两 and 二 … 十.
fn count_of(c: char) -> Option<u32> {
    match c {
        '两' | '二' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        '十' => Some(10),
        _ => None,
    }
}

/// The announcing verb (and a 以下 after it) that `before` ends with: its length in bytes.
fn verb_before(before: &str) -> Option<usize> {
    let (rest, between) = match BETWEEN.iter().find(|w| before.ends_with(*w)) {
        Some(w) => (&before[..before.len() - w.len()], w.len()),
        None => (before, 0),
    };
    let verb = VERBS.iter().find(|v| rest.ends_with(*v))?;
    Some(verb.len() + between)
}

/// Every announcement of a paragraph: a verb, a count and a unit (讲三点意见, 谈两点体会, 汇报
/// 三个方面的情况), or 从 with a count of 方面 and a verb after it (从三个方面汇报). A count
/// after anything else (抓好三个方面, 讲了三点) is no promise about what comes next.
pub fn announcements(para: &Para) -> Vec<Announcement> {
    let text = para.text;
    let mut found = Vec::new();
    for (at, c) in text.char_indices() {
        let Some(count) = count_of(c) else { continue };
        let after = at + c.len_utf8();
        let Some(unit) = UNITS.iter().find(|u| text[after..].starts_with(*u)) else {
            continue;
        };
        let mut end = after + unit.len();
        let before = &text[..at];
        let start = if let Some(len) = verb_before(before) {
            let rest = &text[end..];
            let noun_at = usize::from(rest.starts_with('的')) * '的'.len_utf8();
            if let Some(noun) = NOUNS.iter().find(|n| rest[noun_at..].starts_with(*n)) {
                end += noun_at + noun.len();
            }
            at - len
        } else if before.ends_with('从') && *unit == "个方面" {
            let rest = &text[end..];
            let lead = ["作", "进行", "来"]
                .iter()
                .find(|w| rest.starts_with(*w))
                .map_or(0, |w| w.len());
            let verb = VERBS.iter().find(|v| rest[lead..].starts_with(*v));
            let Some(verb) = verb else { continue };
            end += lead + verb.len();
            at - '从'.len_utf8()
        } else {
            continue;
        };
        found.push(Announcement {
            range: para.start + start..para.start + end,
            numeral: c,
            count,
            unit,
        });
    }
    found
}

/// What comes after an announcement: the run of sibling headings that starts with the next
/// heading, or the next enumeration group, whichever starts first; its markers as written.
fn parts_after(
    at: usize,
    outline: &Outline,
    groups: &[Group],
) -> Option<(&'static str, Vec<String>)> {
    let heading = outline.headings.iter().position(|h| h.marker.start >= at);
    let group = groups.iter().find(|g| g.items[0].marker_range.start >= at);
    let heading_first = match (heading, group) {
        (Some(h), Some(g)) => outline.headings[h].marker.start < g.items[0].marker_range.start,
        (Some(_), None) => true,
        (None, Some(_)) => false,
        (None, None) => return None,
    };
    if heading_first {
        let first = &outline.headings[heading?];
        if first.is_attachment() || first.number != 1 {
            return None;
        }
        let siblings = outline.children(first.parent);
        let from = siblings.iter().position(|&s| s == heading.unwrap())?;
        let run: Vec<String> = siblings[from..]
            .iter()
            .map(|&s| &outline.headings[s])
            .filter(|h| !h.is_attachment() && h.level() == first.level())
            .enumerate()
            .take_while(|(k, h)| *k == 0 || h.number != 1)
            .map(|(_, h)| h.written.clone())
            .collect();
        Some(("标题", run))
    } else {
        let g = group?;
        if g.items[0].number != 1 || g.items.iter().all(|i| i.number == 1) {
            return None;
        }
        Some(("列举", g.items.iter().map(|i| i.marker.clone()).collect()))
    }
}

/// An announcement whose count differs from the number of headings or enumeration items that
/// come right after it.
pub fn check(paras: &[Para], outline: &Outline, groups: &[Group]) -> Vec<Issue> {
    let mut issues = Vec::new();
    for para in paras {
        for a in announcements(para) {
            let Some((what, parts)) = parts_after(a.range.end, outline, groups) else {
                continue;
            };
            let made = parts.len() as u32;
            if made == a.count || parts.is_empty() {
                continue;
            }
            let written = &para.text[a.range.start - para.start..a.range.end - para.start];
            let listed = match parts.as_slice() {
                [one] => format!("「{one}」"),
                [first, .., last] => format!("「{first}」至「{last}」"),
                [] => unreachable!("an empty run is skipped above"),
            };
            issues.push(Issue::new(
                &ANNOUNCED_COUNT,
                a.range.clone(),
                format!(
                    "「{written}」说有{}{}，后面的{what}{} {made} 个：{listed}",
                    a.numeral,
                    a.unit,
                    if made < a.count { "只有" } else { "却有" },
                ),
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
        (announcements(&para).into_iter())
            .map(|a| (text[a.range].to_string(), a.count))
            .collect()
    }

    #[test]
    fn reads_announcements() {
        assert_eq!(
            found("下面，我讲三点意见。"),
            [("讲三点意见".to_string(), 3)]
        );
        assert_eq!(found("我谈两点体会："), [("谈两点体会".to_string(), 2)]);
        assert_eq!(
            found("提出以下四点要求。"),
            [("提出以下四点要求".to_string(), 4)]
        );
        assert_eq!(
            found("汇报三个方面的情况。"),
            [("汇报三个方面的情况".to_string(), 3)]
        );
        assert_eq!(
            found("下面从五个方面作汇报。"),
            [("从五个方面作汇报".to_string(), 5)]
        );
        // Counts that promise nothing about what follows.
        assert!(found("刚才讲了三点。").is_empty());
        assert!(found("重点抓好三个方面工作。").is_empty());
        assert!(found("从三个方面入手。").is_empty());
        assert!(found("这是第三点。").is_empty());
    }

    #[test]
    fn compares_with_the_headings_that_follow() {
        let two = "下面，我讲三点意见。\n一、提高认识\n正文。\n二、狠抓落实\n正文。";
        assert_eq!(
            issues(two),
            ["announced-count: 「讲三点意见」说有三点，后面的标题只有 2 个：「一、」至「二、」"]
        );
        let three = "下面，我讲三点意见。\n一、提高认识\n二、狠抓落实\n三、加强领导";
        assert!(issues(three).is_empty());
        // Inside a section, its subheadings count; the next 一、 does not end the count early.
        let nested = "一、总体要求\n我强调两点。\n（一）统一思想\n（二）压实责任\n（三）严格考核\n二、保障措施";
        assert_eq!(
            issues(nested),
            ["announced-count: 「强调两点」说有两点，后面的标题却有 3 个：「（一）」至「（三）」"]
        );
        // A next heading that does not start a list says nothing.
        assert!(issues("一、总体要求\n讲三点。\n二、保障措施\n三、其他").is_empty());
    }

    #[test]
    fn compares_with_the_enumeration_that_follows() {
        let text = "我讲三点意见：一是提高认识；二是狠抓落实。\n一、下一步工作";
        assert_eq!(
            issues(text),
            ["announced-count: 「讲三点意见」说有三点，后面的列举只有 2 个：「一是」至「二是」"]
        );
        assert!(issues("我讲两点：第一，提高认识；第二，狠抓落实。").is_empty());
        // Nothing numbered after it: nothing to compare.
        assert!(issues("我讲三点意见。要提高认识，狠抓落实。").is_empty());
    }
}
