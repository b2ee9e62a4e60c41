//! Faults of the outline's numbering: wrong marker forms, gaps, repeats, order, a wrong first
//! number, skipped levels, lone subdivisions, and mixed marker styles at one level.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::marker::{Numeral, Shape, Style};
use super::outline::{Heading, Outline};
use super::{
    Issue, LEVEL_SKIP, LONE_CHILD, MARKER_FORM, MIXED_MARKERS, NUMBERING_DUPLICATE, NUMBERING_GAP,
    NUMBERING_ORDER, NUMBERING_START,
};

/// Every numbering fault of the outline, in no particular order.
pub fn check(outline: &Outline) -> Vec<Issue> {
    let mut issues = Vec::new();
    marker_forms(outline, &mut issues);
    sequences(outline, &mut issues);
    level_skips(outline, &mut issues);
    mixed_styles(outline, &mut issues);
    issues
}

/// Why a marker's written form is wrong, in a phrase.
fn form_fault(style: Style) -> &'static str {
    match style {
        Style::Numbered(_, Shape::HalfParen) => "括号应为全角（）",
        Style::Numbered(_, Shape::ParenPunct) => "右括号后不加标点",
        Style::Numbered(_, Shape::CloseParen) => "序号应放在全角（）之中",
        Style::Numbered(Numeral::Chinese, Shape::Dun) => "「、」前不空格",
        Style::Numbered(Numeral::Chinese, _) => "汉字数字序号后用「、」",
        Style::Numbered(Numeral::Arabic, Shape::Dot) => "「.」前不空格",
        Style::Numbered(Numeral::Arabic, _) => "阿拉伯数字序号后用半角「.」",
        Style::Part(_) | Style::Article => "",
    }
}

fn marker_forms(outline: &Outline, issues: &mut Vec<Issue>) {
    for h in &outline.headings {
        let Some(style) = h.style else { continue };
        let canonical = style.standard().write(h.number);
        // The marker typed twice: 三、三、保障措施; not 1. 1.5倍以上, where the number goes on.
        let again = super::marker::parse(&h.title).filter(|m| m.number == h.number);
        if h.title.starts_with(&h.written) && again.is_some() {
            let twice = h.marker.start..h.title_range.start + h.written.len();
            issues.push(
                Issue::new(
                    &MARKER_FORM,
                    twice,
                    format!("序号「{}」输入了两次，应为「{canonical}」", h.written),
                )
                .with_suggestion(canonical),
            );
            continue;
        }
        if h.written == canonical {
            continue;
        }
        issues.push(
            Issue::new(
                &MARKER_FORM,
                h.marker.clone(),
                format!(
                    "「{}」应为「{canonical}」：第 {} 层，{}（GB/T 9704 7.3.3）",
                    h.written,
                    h.level(),
                    form_fault(style)
                ),
            )
            .with_suggestion(canonical),
        );
    }
}

/// A heading's number written in its own style.
fn write(h: &Heading, number: u32) -> String {
    h.style
        .map_or_else(|| number.to_string(), |s| s.write(number))
}

/// A fault of a run of numbers that should count up by one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// The numbers in `missing` were skipped before this item.
    Gap { missing: std::ops::Range<u32> },
    /// This number was used before in the run. `meant` is the number it stands in place of,
    /// when it repeats the number just before and the next item goes on from that one:
    /// in （一）（一）（三） the second is （二）, and （三） is no gap.
    Duplicate { meant: Option<u32> },
    /// This item comes before the lower number `before`.
    TooEarly { before: u32 },
    /// This item comes after the higher number `after`.
    TooLate { after: u32 },
}

/// How far ahead a number that comes too early looks for the lower numbers it jumped over (a
/// swap is local; the bound keeps the check linear).
const LOOKAHEAD: usize = 8;

/// The faults of one run of numbers, each with the index of the item it is reported on. The
/// run is read as counting up from its first number; an item that comes too early is not taken
/// as the new count, so a swap of two items gives one fault, not a gap and a repeat.
pub fn run_faults(numbers: &[u32]) -> Vec<(usize, Fault)> {
    let mut faults = Vec::new();
    let Some(&first) = numbers.first() else {
        return faults;
    };
    let mut seen: HashSet<u32> = HashSet::from([first]);
    let mut high = first;
    for (i, &n) in numbers.iter().enumerate().skip(1) {
        if seen.contains(&n) {
            let stands_in = n == high && numbers.get(i + 1) == Some(&(high + 2));
            let meant = stands_in.then_some(high + 1);
            if stands_in {
                high += 1;
            }
            faults.push((i, Fault::Duplicate { meant }));
            continue;
        }
        seen.insert(n);
        if n > high + 1 {
            let later_missing = numbers[i + 1..]
                .iter()
                .take(LOOKAHEAD)
                .copied()
                .filter(|&m| m > high && m < n)
                .min();
            match later_missing {
                Some(before) => {
                    faults.push((i, Fault::TooEarly { before }));
                    continue;
                }
                None => faults.push((
                    i,
                    Fault::Gap {
                        missing: high + 1..n,
                    },
                )),
            }
        } else if n < high {
            faults.push((
                i,
                Fault::TooLate {
                    after: numbers[i - 1],
                },
            ));
            continue;
        }
        high = n;
        while seen.contains(&(high + 1)) {
            high += 1;
        }
    }
    faults
}

/// Cuts a sibling group into runs that each count up from their first number.
///
/// Numbering that goes back to 1 — a 1 followed by 2, or a 1 ending the group — starts a new
/// list: a second series under an unnumbered heading, or a list inside an item's text, which
/// official documents often number in the same style as the items around it. When a later
/// number fits none of the open list but continues an earlier one (1. [1. … 8.] 2.), the inner
/// list has ended and the outer one goes on. A 1 dropped into a series by mistake (一 二 一 四)
/// starts nothing and shows as a repeat.
///
/// A number written twice in a row may be an inner list's last and the outer list's next
/// (1. [1. 2.] 2.) when the list is `arabic`, as lists inside an item's text are; in Chinese
/// numerals (一 二 [一 二 三] 三) it is a repeat in the open list.
pub fn runs(numbers: &[u32], arabic: bool) -> Vec<Vec<usize>> {
    let mut runs: Vec<(Vec<usize>, u32)> = Vec::new();
    // Open runs, innermost last.
    let mut open: Vec<usize> = Vec::new();
    for (k, &n) in numbers.iter().enumerate() {
        let next = numbers.get(k + 1).copied();
        let current = open.last().copied();
        let fits = |r: usize| runs[r].1 + 1 == n;
        let restart = n == 1 && next.is_none_or(|m| m == 2);
        let repeat = !arabic && !restart && k > 0 && numbers[k - 1] == n;
        let target = match current {
            Some(r) if fits(r) || repeat => r,
            Some(_) if restart => {
                runs.push((Vec::new(), 0));
                open.push(runs.len() - 1);
                runs.len() - 1
            }
            Some(r) => match open
                .iter()
                .enumerate()
                .rev()
                .take(LOOKAHEAD)
                .find(|&(_, &o)| fits(o))
                .map(|(pos, _)| pos)
            {
                Some(pos) => {
                    open.truncate(pos + 1);
                    open[pos]
                }
                None => r,
            },
            None => {
                runs.push((Vec::new(), 0));
                open.push(0);
                0
            }
        };
        runs[target].0.push(k);
        runs[target].1 = runs[target].1.max(n);
    }
    runs.into_iter().map(|(items, _)| items).collect()
}

fn sequences(outline: &Outline, issues: &mut Vec<Issue>) {
    // Highest numbers of the runs seen so far, by attachment and level: a run may continue one.
    let mut ends: HashSet<(Option<usize>, u8, u32)> = HashSet::new();
    for group in outline.sibling_groups() {
        let first = &outline.headings[group[0]];
        let part = outline.part_of(group[0]);
        let level = first.level();
        let numbers: Vec<u32> = group.iter().map(|&i| outline.headings[i].number).collect();
        let runs: Vec<Vec<usize>> = runs(&numbers, first.style.is_some_and(Style::is_weak))
            .into_iter()
            .map(|run| run.into_iter().map(|k| group[k]).collect())
            .collect();
        let continues = first.number > 1 && ends.contains(&(part, level, first.number - 1));
        if first.number != 1 && !continues {
            issues.push(Issue::new(
                &NUMBERING_START,
                first.span(),
                format!(
                    "「{}」是这一层的第一个标题，序号应从「{}」开始",
                    first.written,
                    write(first, 1)
                ),
            ));
        }
        if group.len() == 1 && first.number == 1 && !first.style.is_some_and(Style::is_weak) {
            let under = first.parent.map_or("全文".to_string(), |p| {
                format!("「{}」下", outline.headings[p].written)
            });
            issues.push(Issue::new(
                &LONE_CHILD,
                first.span(),
                format!(
                    "「{}」是{under}这一层唯一的标题，没有「{}」",
                    first.written,
                    write(first, 2)
                ),
            ));
        }
        for (k, run) in runs.iter().enumerate() {
            let restart = &outline.headings[run[0]];
            // Numbering that starts again at 1. After a lone 1. or 一、 that nothing continued,
            // the second is a repeat wherever it stands. After a longer list, under a numbered
            // heading, a second （一） under one 一、 is a repeat, said once where the numbering
            // starts again; Arabic lists may start again (a second list, or one inside an
            // item's text), and so may 一、 at the top level, where a report in several
            // unnumbered parts numbers each from 一、.
            let restarts = k > 0 && restart.number == 1;
            let after_lone_first =
                restarts && matches!(runs[k - 1][..], [lone] if outline.headings[lone].number == 1);
            let numbered_parent = first
                .parent
                .filter(|&p| !outline.headings[p].is_attachment());
            if after_lone_first {
                issues.push(Issue::new(
                    &NUMBERING_DUPLICATE,
                    restart.span(),
                    format!("「{}」与这一层前面的序号重复", restart.written),
                ));
            } else if let Some(parent) = numbered_parent
                && restarts
                && !restart.style.is_some_and(Style::is_weak)
            {
                let before = &runs[k - 1];
                let last = &outline.headings[before[before.len() - 1]];
                let message = format!(
                    "「{}」与这一层前面的序号重复：「{}」下已编到「{}」，又从「{}」编起",
                    restart.written,
                    outline.headings[parent].written,
                    last.written,
                    restart.written
                );
                issues.push(Issue::new(&NUMBERING_DUPLICATE, restart.span(), message));
            }
            let numbers: Vec<u32> = run.iter().map(|&i| outline.headings[i].number).collect();
            if let Some(&high) = numbers.iter().max() {
                ends.insert((part, level, high));
            }
            for (at, fault) in run_faults(&numbers) {
                let h = &outline.headings[run[at]];
                let (rule, message) = match fault {
                    Fault::Gap { missing } => {
                        let names: Vec<String> = missing.map(|n| write(h, n)).collect();
                        (
                            &NUMBERING_GAP,
                            format!(
                                "「{}」接在「{}」之后，缺{}",
                                h.written,
                                outline.headings[run[at - 1]].written,
                                if names.len() == 1 {
                                    format!("「{}」", names[0])
                                } else {
                                    format!("「{}」至「{}」", names[0], names[names.len() - 1])
                                }
                            ),
                        )
                    }
                    Fault::Duplicate { meant } => (
                        &NUMBERING_DUPLICATE,
                        match meant {
                            Some(m) => format!(
                                "「{}」与这一层前面的序号重复，应为「{}」",
                                h.written,
                                write(h, m)
                            ),
                            None => format!("「{}」与这一层前面的序号重复", h.written),
                        },
                    ),
                    Fault::TooEarly { before } => (
                        &NUMBERING_ORDER,
                        format!("「{}」排在了「{}」之前", h.written, write(h, before)),
                    ),
                    Fault::TooLate { after } => (
                        &NUMBERING_ORDER,
                        format!("「{}」排在了「{}」之后", h.written, write(h, after)),
                    ),
                };
                issues.push(Issue::new(rule, h.span(), message));
            }
        }
    }
}

/// A heading more than one level below its parent (（1） right under 一、). Reported once per
/// parent and level. A document (or attachment) without any （一） may go from 一、 straight to
/// `1.` (GB/T 9704 allows two-level documents to), so that skip is not reported there; children
/// of an attachment heading are not checked, nor Arabic items that are the sentences of a list
/// (one ends in ； or runs on past a comma).
fn level_skips(outline: &Outline, issues: &mut Vec<Issue>) {
    // The attachments (None for the main text) that use level 2 anywhere.
    let level_two: HashSet<Option<usize>> = (0..outline.headings.len())
        .filter(|&i| outline.headings[i].level() == 2)
        .map(|i| outline.part_of(i))
        .collect();
    let mut reported: HashSet<(usize, u8)> = HashSet::new();
    // Whether the items of a (parent, level) are a list of sentences: decided once per pair.
    let mut sentence_lists: HashMap<(usize, u8), bool> = HashMap::new();
    for (i, h) in outline.headings.iter().enumerate() {
        let Some(p) = h.parent else { continue };
        let parent = &outline.headings[p];
        let (level, parent_level) = (h.level(), parent.level());
        if parent.is_attachment() || level <= parent_level + 1 {
            continue;
        }
        if parent_level == 1 && level == 3 && !level_two.contains(&outline.part_of(i)) {
            continue;
        }
        // Arabic items that end in ； or run on past a comma, under 二、下一步打算, are the
        // sentences of a list, not headings of a level: 1.新招聘医生4名，选派6名医生进修；
        let sentence_list = || {
            parent.children.iter().any(|&c| {
                let item = &outline.headings[c];
                item.level() == level
                    && (item.title.ends_with(['；', ';']) || item.title.contains(['，', ',']))
            })
        };
        if h.style.is_some_and(Style::is_weak)
            && *sentence_lists
                .entry((p, level))
                .or_insert_with(sentence_list)
        {
            continue;
        }
        if !reported.insert((p, level)) {
            continue;
        }
        let between = ["第一部分", "一、", "（一）", "1.", "（1）"][parent_level as usize + 1];
        issues.push(Issue::new(
            &LEVEL_SKIP,
            h.span(),
            format!(
                "「{}」（第 {level} 层）直接位于「{}」（第 {parent_level} 层）之下，中间缺少「{between}」这一层",
                h.written, parent.written
            ),
        ));
    }
}

/// More than one marker style at one level of the main text or of one attachment: reported
/// once for each style other than the most used one, at its first heading. A style that is
/// not the level's standard form is left to [`marker_forms`], which already names each of its
/// headings with the right form: one stray 2、 among 1. 3. is one fault, not two.
fn mixed_styles(outline: &Outline, issues: &mut Vec<Issue>) {
    type Styles = Vec<(Style, usize, usize)>;
    let mut by_level: BTreeMap<(Option<usize>, u8), Styles> = BTreeMap::new();
    for (i, h) in outline.headings.iter().enumerate() {
        let Some(style) = h.style else { continue };
        let styles = by_level.entry((outline.part_of(i), h.level())).or_default();
        match styles.iter_mut().find(|(s, _, _)| *s == style) {
            Some(entry) => entry.1 += 1,
            None => styles.push((style, 1, i)),
        }
    }
    for ((_, level), styles) in by_level {
        let Some(&(main, main_count, main_first)) =
            styles.iter().max_by_key(|&&(style, count, first)| {
                (count, style == style.standard(), std::cmp::Reverse(first))
            })
        else {
            continue;
        };
        for &(style, count, first) in &styles {
            if style == main || style != style.standard() {
                continue;
            }
            issues.push(Issue::new(
                &MIXED_MARKERS,
                outline.headings[first].span(),
                // Each style by its first heading as written (「二.」式), not by a 一 the
                // draft may never write.
                format!(
                    "第 {level} 层标题混用「{}」式（{count} 处）和「{}」式（{main_count} 处）",
                    outline.headings[first].written, outline.headings[main_first].written
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{outline::outline, paras_of};
    use super::*;
    use crate::doc::Document;

    /// `rule-name@line: message` for each issue of `text`, sorted by position.
    fn issues(text: &str) -> Vec<String> {
        let doc = Document::new(text.to_string());
        let paras = paras_of(&doc);
        let mut found = check(&outline(&paras));
        found.sort_by_key(|i| (i.range.start, i.rule.id));
        found
            .iter()
            .map(|i| {
                let line = text[..i.range.start].matches('\n').count() + 1;
                let name = i.rule.id.trim_start_matches("structure/");
                format!("{name}@{line}: {}", i.message)
            })
            .collect()
    }

    #[test]
    fn groups_split_into_runs() {
        let chinese: &[(&[u32], &[&[usize]])] = &[
            // A number written twice in a row is a repeat in the open list, even where an
            // earlier list would take it.
            (&[1, 2, 1, 2, 3, 3], &[&[0, 1], &[2, 3, 4, 5]]),
        ];
        for &(numbers, expected) in chinese {
            let expected: Vec<Vec<usize>> = expected.iter().map(|r| r.to_vec()).collect();
            assert_eq!(runs(numbers, false), expected, "{numbers:?}");
        }
        let cases: &[(&[u32], &[&[usize]])] = &[
            (&[1, 2, 3], &[&[0, 1, 2]]),
            // A second list.
            (&[1, 2, 1, 2, 3], &[&[0, 1], &[2, 3, 4]]),
            // A list inside item 1, then the outer list goes on.
            (&[1, 1, 2, 3, 2, 3], &[&[0, 4, 5], &[1, 2, 3]]),
            // In Arabic numerals it may end an inner list and go on with the outer one.
            (&[1, 2, 1, 2, 3, 3], &[&[0, 1, 5], &[2, 3, 4]]),
            // Two inner lists in a row; the outer list closes both.
            (&[1, 1, 2, 1, 2, 3, 2], &[&[0, 6], &[1, 2], &[3, 4, 5]]),
            // A stray 1 starts nothing.
            (&[1, 2, 1, 4, 5], &[&[0, 1, 2, 3, 4]]),
            (&[], &[]),
        ];
        for &(numbers, expected) in cases {
            let expected: Vec<Vec<usize>> = expected.iter().map(|r| r.to_vec()).collect();
            assert_eq!(runs(numbers, true), expected, "{numbers:?}");
            if !numbers.windows(2).any(|w| w[0] == w[1] && w[0] != 1) {
                assert_eq!(runs(numbers, false), expected, "{numbers:?}");
            }
        }
    }

    #[test]
    fn runs_count_up_by_one() {
        type Case<'a> = (&'a [u32], &'a [(usize, Fault)]);
        let cases: &[Case] = &[
            (&[1, 2, 3], &[]),
            (&[1, 2, 4], &[(2, Fault::Gap { missing: 3..4 })]),
            (&[1, 5], &[(1, Fault::Gap { missing: 2..5 })]),
            (&[1, 2, 2, 3], &[(2, Fault::Duplicate { meant: None })]),
            // The repeat stands in for the missing number: no gap after it.
            (&[1, 1, 3], &[(1, Fault::Duplicate { meant: Some(2) })]),
            (
                &[1, 2, 2, 4, 5],
                &[(2, Fault::Duplicate { meant: Some(3) })],
            ),
            (&[1, 3, 2, 4], &[(1, Fault::TooEarly { before: 2 })]),
            (&[1, 2, 4, 3, 5], &[(2, Fault::TooEarly { before: 3 })]),
            (&[1, 2, 3, 1], &[(3, Fault::Duplicate { meant: None })]),
            (&[3, 4, 5], &[]),
            (&[1, 3, 2], &[(1, Fault::TooEarly { before: 2 })]),
            (&[2, 1, 3], &[(1, Fault::TooLate { after: 2 })]),
            (&[], &[]),
        ];
        for &(numbers, expected) in cases {
            assert_eq!(run_faults(numbers), expected, "{numbers:?}");
        }
    }

    /// One table for every rule: text in, findings out.
    #[test]
    fn outline_faults() {
        let cases: &[(&str, &[&str])] = &[
            // A clean four-level outline.
            (
                "一、甲\n（一）子\n1.天\n（1）地\n（2）人\n2.日\n（二）丑\n二、乙",
                &[],
            ),
            // Wrong forms, each with its standard form.
            (
                "一.甲\n(一)子\n（二）、丑\n1、天\n2、地\n二、乙",
                &[
                    "marker-form@1: 「一.」应为「一、」：第 1 层，汉字数字序号后用「、」（GB/T 9704 7.3.3）",
                    "marker-form@2: 「(一)」应为「（一）」：第 2 层，括号应为全角（）（GB/T 9704 7.3.3）",
                    "marker-form@3: 「（二）、」应为「（二）」：第 2 层，右括号后不加标点（GB/T 9704 7.3.3）",
                    "marker-form@4: 「1、」应为「1.」：第 3 层，阿拉伯数字序号后用半角「.」（GB/T 9704 7.3.3）",
                    "marker-form@5: 「2、」应为「2.」：第 3 层，阿拉伯数字序号后用半角「.」（GB/T 9704 7.3.3）",
                ],
            ),
            // Mostly a wrong form, once the right one: the right one is where the mix shows.
            (
                "一、甲\n1、天\n2、地\n3.人\n二、乙",
                &[
                    "marker-form@2: 「1、」应为「1.」：第 3 层，阿拉伯数字序号后用半角「.」（GB/T 9704 7.3.3）",
                    "marker-form@3: 「2、」应为「2.」：第 3 层，阿拉伯数字序号后用半角「.」（GB/T 9704 7.3.3）",
                    "mixed-markers@4: 第 3 层标题混用「3.」式（1 处）和「1、」式（2 处）",
                ],
            ),
            // A gap, a repeat, a swap.
            (
                "一、甲\n二、乙\n四、丁",
                &["numbering-gap@3: 「四、」接在「二、」之后，缺「三、」"],
            ),
            (
                "一、甲\n二、乙\n五、戊",
                &["numbering-gap@3: 「五、」接在「二、」之后，缺「三、」至「四、」"],
            ),
            (
                "一、甲\n（一）子\n（二）丑\n（二）寅\n二、乙",
                &["numbering-duplicate@4: 「（二）」与这一层前面的序号重复"],
            ),
            // Numbering that starts again under one heading: said once, where it starts again;
            // a repeat inside the new run still shows. At the top level, parts numbered each
            // from 一、 are left alone, and an Arabic list may start again anywhere.
            (
                "一、甲\n（一）子\n（二）丑\n（一）寅\n（二）卯\n（二）辰\n二、乙",
                &[
                    "numbering-duplicate@4: 「（一）」与这一层前面的序号重复：「一、」下已编到「（二）」，又从「（一）」编起",
                    "numbering-duplicate@6: 「（二）」与这一层前面的序号重复",
                ],
            ),
            ("一、甲\n二、乙\n一、丙\n二、丁", &[]),
            (
                "一、甲\n（一）子\n（一）丑\n（二）寅\n二、乙",
                &["numbering-duplicate@3: 「（一）」与这一层前面的序号重复"],
            ),
            ("一、甲\n1.天\n2.地\n1.人\n2.和\n二、乙", &[]),
            // A repeat the next heading goes on from: one fault, with the number meant.
            (
                "一、甲\n（一）子\n（一）丑\n（三）寅\n二、乙",
                &["numbering-duplicate@3: 「（一）」与这一层前面的序号重复，应为「（二）」"],
            ),
            (
                "一、甲\n三、丙\n二、乙",
                &["numbering-order@2: 「三、」排在了「二、」之前"],
            ),
            // Not starting at 一 / 1.
            (
                "一、甲\n（二）丑\n（三）寅\n二、乙",
                &["numbering-start@2: 「（二）」是这一层的第一个标题，序号应从「（一）」开始"],
            ),
            // Numbering straight through the document is no fault.
            (
                "一、甲\n（一）子\n（二）丑\n二、乙\n（三）寅\n（四）卯",
                &[],
            ),
            // A lone subdivision.
            (
                "一、甲\n（一）子\n二、乙",
                &["lone-child@2: 「（一）」是「一、」下这一层唯一的标题，没有「（二）」"],
            ),
            // A skipped level, reported once per parent.
            (
                "一、甲\n（一）子\n（二）丑\n二、乙\n（1）天\n（2）地",
                &[
                    "level-skip@5: 「（1）」（第 4 层）直接位于「二、」（第 1 层）之下，中间缺少「（一）」这一层",
                ],
            ),
            // A lone （1） on a title line is a heading, one level too deep; a lone （1） in a
            // sentence is text.
            (
                "一、甲\n（一）子\n（1）食堂改造\n今年完成了改造。\n（二）丑\n（1）招聘医生4名，选派进修。\n正文。\n二、乙",
                &[
                    "level-skip@3: 「（1）」（第 4 层）直接位于「（一）」（第 2 层）之下，中间缺少「1.」这一层",
                ],
            ),
            // Items of a sentence list may stand under 一、 in any document.
            (
                "一、甲\n（一）子\n（二）丑\n二、乙\n1.新建充电桩二千个，覆盖所有乡镇。\n2.新增泊位五千个。",
                &[],
            ),
            (
                "一、甲\n（一）子\n（二）丑\n二、乙\n1.招聘医生4名，选派6名医生进修；\n2.完成设备更新。",
                &[],
            ),
            // A two-level document may go from 一、 to 1.
            ("一、甲\n1.天\n2.地\n二、乙\n1.日\n2.月", &[]),
            // ... and so may an attachment of a document that uses （一）.
            (
                "一、甲\n（一）子\n（二）丑\n二、乙\n附件\n一、丙\n1.日\n2.月\n二、丁",
                &[],
            ),
            // ... but not when it uses （一） elsewhere.
            (
                "一、甲\n（一）子\n（二）丑\n二、乙\n1.日\n2.月",
                &[
                    "level-skip@5: 「1.」（第 3 层）直接位于「二、」（第 1 层）之下，中间缺少「（一）」这一层",
                ],
            ),
            // Arabic lists may restart at 1 under one parent,
            ("（一）甲\n1.天\n2.地\n1.日\n2.月\n3.星\n（二）乙", &[]),
            // ... and inside item 1, when the outer list goes on,
            ("（一）甲\n1.天\n1.日\n2.月\n2.地\n（二）乙", &[]),
            // ... but not after a lone 1.
            (
                "（一）甲\n1.天\n1.地\n2.日\n（二）乙",
                &["numbering-duplicate@3: 「1.」与这一层前面的序号重复"],
            ),
            // ... nor after a lone 一、 at the top level.
            (
                "一、总体要求\n正文。\n一、主要任务\n正文。\n二、保障措施",
                &["numbering-duplicate@3: 「一、」与这一层前面的序号重复"],
            ),
            // The marker typed twice on one line.
            (
                "一、甲\n二、乙\n三、三、保障措施",
                &["marker-form@3: 序号「三、」输入了两次，应为「三、」"],
            ),
            // A title that starts with a number is no marker typed twice.
            ("1. 甲\n2. 2.5倍以上的增长", &[]),
            // Parts of a report may each start at 一、, but 三、 twice in a row is a repeat.
            (
                "一、甲\n二、乙\n一、丙\n二、丁\n三、戊\n三、己",
                &["numbering-duplicate@6: 「三、」与这一层前面的序号重复"],
            ),
            // An attachment restarts the numbering.
            ("一、甲\n二、乙\n附件\n一、丙\n二、丁", &[]),
        ];
        for &(text, expected) in cases {
            assert_eq!(issues(text), expected, "{text}");
        }
    }
}
