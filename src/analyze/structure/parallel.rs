//! Parallel structure of sibling headings: a shared title template (进一步发挥好…作用), the
//! sibling that breaks it, title lengths far from the others', and section sizes far from the
//! others'.

use std::collections::HashMap;

use super::marker::Style;
use super::numbering::runs;
use super::outline::{Heading, Outline};
use super::{Issue, PARALLEL_BREAK, SECTION_BALANCE, TITLE_LENGTH};

/// Sibling groups smaller than this are not compared.
pub const MIN_SIBLINGS: usize = 3;

/// A title template shared by sibling headings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// The parent heading (None for the top level).
    pub parent: Option<usize>,
    pub level: u8,
    /// The shared start and end of the titles (either may be empty).
    pub prefix: String,
    pub suffix: String,
    /// The siblings whose titles fit, by heading index.
    pub matched: Vec<usize>,
    /// How many siblings the group has.
    pub siblings: usize,
}

impl Template {
    /// The template as `进一步发挥好…作用`.
    pub fn pattern(&self) -> String {
        format!("{}…{}", self.prefix, self.suffix)
    }
}

/// A title without the punctuation that may end it.
pub fn bare(title: &str) -> Vec<char> {
    title
        .trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '，' | '。' | '；' | '：' | ',' | '.' | ';' | ':')
        })
        .chars()
        .collect()
}

/// The longest start (or, with `from_end`, end) of at least `min` of `titles` that each leave at
/// least `room` chars beside it; None when no such start of two chars or more exists. A
/// template never cuts a number (2024年 and 2025年 share no `202`).
fn shared(titles: &[&[char]], min: usize, room: usize, from_end: bool) -> Option<Vec<char>> {
    let part = |t: &[char], k: usize| -> Vec<char> {
        if from_end {
            t[t.len() - k..].to_vec()
        } else {
            t[..k].to_vec()
        }
    };
    let mut best: Option<Vec<char>> = None;
    for k in 1.. {
        let mut counts: HashMap<Vec<char>, usize> = HashMap::new();
        for t in titles.iter().filter(|t| t.len() >= k + room) {
            *counts.entry(part(t, k)).or_default() += 1;
        }
        // The most common part; ties go to the smallest, so the result does not depend on the
        // map's order.
        match counts
            .into_iter()
            .max_by(|(p, n), (q, m)| n.cmp(m).then_with(|| q.cmp(p)))
        {
            Some((p, n)) if n >= min => best = Some(p),
            _ => break,
        }
    }
    let mut best = best?;
    // Do not cut inside a number: drop digits at the cut if a fitting title goes on with one.
    let cut_digit = titles.iter().any(|t| {
        t.len() > best.len()
            && part(t, best.len()) == best
            && if from_end {
                t[t.len() - best.len() - 1].is_ascii_digit()
            } else {
                t[best.len()].is_ascii_digit()
            }
    });
    if cut_digit {
        if from_end {
            let keep = best.iter().take_while(|c| c.is_ascii_digit()).count();
            best.drain(..keep);
        } else {
            while best.last().is_some_and(char::is_ascii_digit) {
                best.pop();
            }
        }
    }
    (best.len() >= 2).then_some(best)
}

/// Titles ending in ； are clauses of a list of conditions, not titles.
fn is_clause(title: &str) -> bool {
    title.ends_with(['；', ';'])
}

/// The template most of `titles` (each [`bare`]) share: a start and/or an end common to at
/// least `max(3, 60%)` of them. Returns the prefix, the suffix and which titles fit.
pub fn template(titles: &[Vec<char>]) -> Option<(String, String, Vec<bool>)> {
    let all: Vec<&[char]> = titles.iter().map(Vec::as_slice).collect();
    let min = MIN_SIBLINGS.max((titles.len() * 3).div_ceil(5));
    if titles.len() < MIN_SIBLINGS {
        return None;
    }
    let prefix = shared(&all, min, 1, false).unwrap_or_default();
    let with_prefix: Vec<&[char]> = all
        .iter()
        .copied()
        .filter(|t| t.starts_with(&prefix))
        .collect();
    let suffix = shared(&with_prefix, min, prefix.len(), true).unwrap_or_default();
    if prefix.is_empty() && suffix.is_empty() {
        return None;
    }
    let fits = all
        .iter()
        .map(|t| {
            t.len() >= prefix.len() + suffix.len() && t.starts_with(&prefix) && t.ends_with(&suffix)
        })
        .collect();
    Some((prefix.iter().collect(), suffix.iter().collect(), fits))
}

/// The median of `values` (0 for none).
pub(super) fn median(values: &mut [usize]) -> f64 {
    values.sort_unstable();
    match values.len() {
        0 => 0.0,
        n if n % 2 == 1 => values[n / 2] as f64,
        n => (values[n / 2 - 1] + values[n / 2]) as f64 / 2.0,
    }
}

/// For each value, the median of the others (one sort for all).
fn medians_of_others(values: &[usize]) -> Vec<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let m = sorted.len().saturating_sub(1);
    values
        .iter()
        .map(|&v| {
            if m == 0 {
                return 0.0;
            }
            // Remove one copy of v: the others are `sorted` without index j.
            let j = sorted.partition_point(|&x| x < v);
            let at = |r: usize| sorted[if r < j { r } else { r + 1 }] as f64;
            if m % 2 == 1 {
                at(m / 2)
            } else {
                (at(m / 2 - 1) + at(m / 2)) / 2.0
            }
        })
        .collect()
}

/// Sections whose median size is smaller than this are list entries; their balance is not
/// checked.
pub const MIN_SECTION_CHARS: f64 = 200.0;

/// Section balance is reported when a section is over `ratio` times, or under 1/`ratio` of, the
/// median of its siblings.
pub const BALANCE_RATIO: f64 = 3.0;

/// Templates of the outline's sibling groups, and the parallel-structure issues: a sibling
/// breaking a template three quarters of the others share (lists of clauses ending in ； are
/// not checked), a title far longer or shorter than its siblings', and
/// a section far larger or smaller than its siblings (`ratio`, see [`BALANCE_RATIO`]).
pub fn check(outline: &Outline, ratio: f64) -> (Vec<Template>, Vec<Issue>) {
    let mut templates = Vec::new();
    let mut issues = Vec::new();
    for group in outline.sibling_groups() {
        // Articles (第一条) are clauses of a regulation, not parallel parts.
        let articles = outline.headings[group[0]].style == Some(Style::Article);
        if group.len() < MIN_SIBLINGS || articles {
            continue;
        }
        let heads: Vec<_> = group.iter().map(|&i| &outline.headings[i]).collect();
        // Each title once: bare, and whether it is a clause.
        let titles: Vec<Vec<char>> = heads.iter().map(|h| bare(&h.title)).collect();
        let clause: Vec<bool> = heads.iter().map(|h| is_clause(&h.title)).collect();
        if let Some((prefix, suffix, fits)) = template(&titles) {
            let matched: Vec<usize> = group
                .iter()
                .zip(&fits)
                .filter_map(|(&i, &f)| f.then_some(i))
                .collect();
            let template = Template {
                parent: heads[0].parent,
                level: heads[0].level(),
                prefix,
                suffix,
                matched,
                siblings: group.len(),
            };
            let shared = template.matched.len();
            let clauses = clause.iter().any(|&c| c);
            if !clauses && shared < group.len() && shared * 4 >= group.len() * 3 {
                for (h, _) in heads.iter().zip(&fits).filter(|(_, f)| !**f) {
                    issues.push(Issue::new(
                        &PARALLEL_BREAK,
                        h.span(),
                        format!(
                            "「{}{}」不合「{}」的句式，同级 {} 个标题中有 {shared} 个用这一句式",
                            h.written,
                            h.title,
                            template.pattern(),
                            group.len()
                        ),
                    ));
                }
            }
            templates.push(template);
        }
        // Arabic-numbered items (1. （1）) are list items; their titles and sizes vary by nature.
        if heads[0].level() > 2 {
            continue;
        }
        // Lengths and sizes are compared within one list (a second 一、 series under the same
        // parent is another list).
        let numbers: Vec<u32> = heads.iter().map(|h| h.number).collect();
        for run in runs(&numbers, false) {
            if run.len() >= MIN_SIBLINGS {
                let lengths: Vec<usize> = run.iter().map(|&k| titles[k].len()).collect();
                let clauses = run.iter().any(|&k| clause[k]);
                let run: Vec<&Heading> = run.iter().map(|&k| heads[k]).collect();
                compare_run(&run, &lengths, clauses, ratio, &mut issues);
            }
        }
    }
    (templates, issues)
}

/// Title lengths and section sizes within one list of sibling headings: `lengths` are the
/// chars of their [`bare`] titles; when `clauses`, some title is a clause ([`is_clause`]) and
/// lengths are not compared.
fn compare_run(
    heads: &[&Heading],
    lengths: &[usize],
    clauses: bool,
    ratio: f64,
    issues: &mut Vec<Issue>,
) {
    if !clauses {
        for ((h, &len), median) in heads.iter().zip(lengths).zip(medians_of_others(lengths)) {
            let len_f = len as f64;
            let long = len_f >= 3.0 * median && len_f - median >= 15.0;
            let short = len_f * 3.0 <= median && median - len_f >= 10.0;
            if long || short {
                issues.push(Issue::new(
                    &TITLE_LENGTH,
                    h.span(),
                    format!(
                        "「{}」的标题有 {len} 个字，同级标题的中位数是 {median} 个字",
                        h.written
                    ),
                ));
            }
        }
    }
    let mut sizes: Vec<usize> = heads.iter().map(|h| h.chars).collect();
    let median = median(&mut sizes);
    // Items of a few dozen chars are list entries, not sections.
    if median < MIN_SECTION_CHARS {
        return;
    }
    for h in heads {
        let (size, size_f) = (h.chars, h.chars as f64);
        let (big, small) = (size_f > ratio * median, size_f * ratio < median);
        if big || small {
            issues.push(Issue::new(
                &SECTION_BALANCE,
                h.span(),
                format!(
                    "「{}」这一部分有 {size} 个字，{}（本层 {} 个部分，中位数 {median} 个字）",
                    h.written,
                    if big {
                        format!("超过本层中位数的 {ratio} 倍")
                    } else {
                        format!("不到本层中位数的 1/{ratio}")
                    },
                    heads.len()
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{outline::outline, paras_of, shown};
    use super::*;
    use crate::doc::Document;

    #[test]
    fn medians_leave_each_value_out() {
        assert_eq!(medians_of_others(&[1, 2, 3, 10]), [3.0, 3.0, 2.0, 2.0]);
        assert_eq!(medians_of_others(&[5, 5, 9]), [7.0, 7.0, 5.0]);
        assert_eq!(medians_of_others(&[4]), [0.0]);
        assert!(medians_of_others(&[]).is_empty());
    }

    #[test]
    fn templates_of_titles() {
        type Case<'a> = (&'a [&'a str], Option<(&'a str, &'a str, &'a [bool])>);
        let cases: &[Case] = &[
            (
                &[
                    "进一步发挥好参谋助手作用",
                    "进一步发挥好督促检查作用",
                    "进一步发挥好协调服务作用",
                    "进一步发挥好桥梁纽带作用",
                    "切实加强自身建设",
                ],
                Some(("进一步发挥好", "作用", &[true, true, true, true, false])),
            ),
            (
                &["着力扩大内需", "着力稳定就业", "着力防范风险"],
                Some(("着力", "", &[true, true, true])),
            ),
            (
                &["数字基础设施体系", "数据资源体系", "数字安全体系"],
                Some(("", "体系", &[true, true, true])),
            ),
            // A year shared in part is no template.
            (
                &["2024年工作回顾", "2025年总体要求", "2025年政府工作任务"],
                None,
            ),
            // Too few share anything.
            (&["加强领导", "落实责任", "严格考核"], None),
            (&["加强领导", "加强考核"], None),
        ];
        for &(titles, expected) in cases {
            let bare_titles: Vec<Vec<char>> = titles.iter().map(|t| bare(t)).collect();
            let got = template(&bare_titles);
            let expected = expected.map(|(p, s, f)| (p.to_string(), s.to_string(), f.to_vec()));
            assert_eq!(got, expected, "{titles:?}");
        }
    }

    fn issues(text: &str) -> Vec<String> {
        let doc = Document::new(text.to_string());
        let paras = paras_of(&doc);
        let (_, found) = check(&outline(&paras), BALANCE_RATIO);
        found.iter().map(shown).collect()
    }

    #[test]
    fn siblings_that_stand_out() {
        let body = "要统一思想，提高认识。".repeat(20);
        let text = format!(
            "一、进一步发挥好参谋助手作用\n{body}\n二、进一步发挥好督促检查作用\n{body}\n\
             三、进一步发挥好协调服务作用\n{body}\n四、切实加强自身建设\n{body}"
        );
        assert_eq!(
            issues(&text),
            [
                "parallel-break: 「四、切实加强自身建设」不合「进一步发挥好…作用」的句式，同级 4 个标题中有 3 个用这一句式"
            ]
        );
        // A list of clauses ending in ； is not checked.
        let text = format!(
            "一、进一步发挥好参谋助手作用；\n{body}\n二、进一步发挥好督促检查作用；\n{body}\n\
             三、进一步发挥好协调服务作用；\n{body}\n四、切实加强自身建设。\n{body}"
        );
        assert!(issues(&text).is_empty(), "{:?}", issues(&text));
        let text = format!(
            "一、统一思想\n{body}\n二、落实责任\n{body}\n三、严格考核\n{body}\n\
             四、以更加有力有效的举措推动各项任务落地见效\n{body}"
        );
        assert_eq!(
            issues(&text),
            ["title-length: 「四、」的标题有 20 个字，同级标题的中位数是 4 个字"]
        );
        let long = body.repeat(5);
        let text = format!(
            "一、统一思想\n{body}\n二、落实责任\n{long}\n三、严格考核\n{body}\n四、加强领导\n{body}"
        );
        assert_eq!(
            issues(&text),
            [
                "section-balance: 「二、」这一部分有 1106 个字，超过本层中位数的 3 倍（本层 4 个部分，中位数 226 个字）"
            ]
        );
    }
}
