//! Quote style, the protection of quoted text, and 顿号 between quoted items.

use std::collections::HashMap;

use super::chars::Chars;
use super::pairs::{Kind, Pair, Pairing, is_quote_mark, is_space_at};
use super::{Hit, QUOTE_STYLE, QUOTED_LIST_COMMA, QUOTED_LIST_COMMA_MIXED};

/// A run of two or more adjacent quoted or 书名号 items in a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotedList {
    /// Byte range of the list's first 顿号, or (without 顿号) of its second item's opening
    /// mark.
    pub range: std::ops::Range<usize>,
    /// Whether 顿号 stand between the items.
    pub with_commas: bool,
}

#[derive(Debug, Default)]
pub struct QuoteScan {
    pub hits: Vec<Hit>,
    pub lists: Vec<QuotedList>,
}

/// Checks quote style and 顿号 between quoted items, then marks quoted text, which later
/// checks report on but never change.
pub fn check(ch: &mut Chars, pairing: &Pairing) -> QuoteScan {
    let mut scan = QuoteScan::default();
    style(ch, pairing, &mut scan.hits);
    lists(ch, pairing, &mut scan);
    for p in pairing.pairs.iter().filter(|p| p.kind.is_quote()) {
        let mut from = p.open + 1;
        let mut to = p.close;
        while from < to && is_space_at(ch, from) {
            from += 1;
        }
        while to > from && is_space_at(ch, to - 1) {
            to -= 1;
        }
        if from < to {
            ch.quote(ch.range(from, to));
        }
    }
    scan
}

/// Quote pairs sorted by opening position, each with its nesting depth among quotes.
fn depths(pairing: &Pairing) -> Vec<(Pair, usize)> {
    let mut quotes: Vec<Pair> = pairing
        .pairs
        .iter()
        .copied()
        .filter(|p| p.kind.is_quote())
        .collect();
    quotes.sort_by_key(|p| p.open);
    let mut open: Vec<usize> = Vec::new(); // closing positions of enclosing pairs
    let mut out = Vec::with_capacity(quotes.len());
    for p in quotes {
        while open.last().is_some_and(|&close| close < p.open) {
            open.pop();
        }
        out.push((p, open.len()));
        open.push(p.close);
    }
    out
}

fn expected(depth: usize) -> (char, char) {
    if depth % 2 == 0 {
        ('“', '”')
    } else {
        ('‘', '’')
    }
}

fn reason(open: char, close: char, depth: usize) -> &'static str {
    let straight = |c| matches!(c, '"' | '\'' | '＂' | '＇');
    if straight(open) || straight(close) {
        "中文里用了直引号"
    } else if matches!(open, '「' | '『') {
        "直角引号用于竖排文字"
    } else if depth % 2 == 0 {
        "单引号只用在双引号之内"
    } else {
        "双引号里又套了双引号"
    }
}

fn style(ch: &Chars, pairing: &Pairing, hits: &mut Vec<Hit>) {
    let pairs = depths(pairing);
    // The expected mark for every paired quote mark, and where its partner stands.
    let mut want: HashMap<usize, (char, usize)> = HashMap::new();
    for &(p, depth) in &pairs {
        let (o, c) = expected(depth);
        want.insert(p.open, (o, p.close));
        want.insert(p.close, (c, p.open));
    }
    let mut covered_to = 0; // char index up to which a reported pair's fix reaches
    for &(p, depth) in &pairs {
        let (o, c) = expected(depth);
        let (open, close) = (ch.get(p.open).unwrap_or(o), ch.get(p.close).unwrap_or(c));
        // A closing quote opening a pair (”好”) or a pair closed with the other curly
        // mark (“六五’) is the unbalanced-marks check's finding.
        let reversed = matches!(open, '”' | '’');
        let crossed = matches!((open, close), ('“', '’') | ('‘', '”'));
        if (open, close) == (o, c) || p.open < covered_to || reversed || crossed {
            continue;
        }
        covered_to = p.close + 1;
        let mut fixed = String::new();
        let mut certain = true;
        let inside = p.open..=p.close;
        for k in inside.clone() {
            match want.get(&k) {
                Some(&(w, partner)) if inside.contains(&partner) => fixed.push(w),
                // A mark unpaired, or paired across the span's edge: rewriting only this
                // side of a crossing pair would change what the next review pairs.
                Some(_) => certain = false,
                None if is_quote_mark(ch, k) => certain = false,
                None => fixed.push(ch.get(k).unwrap_or(' ')),
            }
        }
        let hit = Hit::new(
            &QUOTE_STYLE,
            ch.range(p.open, p.close + 1),
            format!(
                "{}：应写作 {o}…{c}，不写作 {open}…{close}",
                reason(open, close, depth)
            ),
        );
        hits.push(if certain { hit.fix(fixed) } else { hit });
    }
}

fn is_item(kind: Kind) -> bool {
    kind.is_quote() || kind == Kind::Title
}

/// Whether a quoted item ends a sentence of its own (。” ！” ？”): two such quotations
/// side by side are consecutive quotations, not a list.
fn ends_sentence(ch: &Chars, p: &Pair) -> bool {
    p.close > 0 && matches!(ch.before(p.close), Some('。' | '！' | '？' | '…'))
}

/// How two quoted items side by side are joined: `Some(None)` when nothing stands between
/// them, `Some(Some(k))` when a 顿号 at `k` does, with stray spaces around it or not
/// (“快”、 “实”: the space is a finding of its own, and `fix` takes both away), and `None`
/// when anything else does.
fn joint(ch: &Chars, a: &Pair, b: &Pair) -> Option<Option<usize>> {
    let mut comma = None;
    for k in a.close + 1..b.open {
        match ch.get(k)? {
            '、' if comma.is_none() => comma = Some(k),
            ' ' | '\u{3000}' | '\t' => {}
            _ => return None,
        }
    }
    // Spaces alone make no joint: 。” “ is two quotations.
    if comma.is_none() && b.open != a.close + 1 {
        return None;
    }
    Some(comma)
}

fn lists(ch: &Chars, pairing: &Pairing, scan: &mut QuoteScan) {
    let mut items: Vec<Pair> = pairing
        .pairs
        .iter()
        .copied()
        .filter(|p| is_item(p.kind))
        .collect();
    items.sort_by_key(|p| p.open);
    let mut i = 0;
    while i < items.len() {
        // Grow a run of items joined all by 、 or all by nothing.
        let mut j = i;
        let mut with_commas = None;
        while j + 1 < items.len() {
            let (a, b) = (&items[j], &items[j + 1]);
            let Some(joined) = joint(ch, a, b).map(|comma| comma.is_some()) else {
                break;
            };
            if with_commas.is_some_and(|w| w != joined) || ends_sentence(ch, a) {
                break;
            }
            with_commas = Some(joined);
            j += 1;
        }
        let Some(with_commas) = with_commas else {
            i += 1;
            continue;
        };
        let (first, last) = (items[i], items[j]);
        // A series that goes on with unquoted items keeps its 顿号 throughout.
        let mixed_series =
            ch.before(first.open) == Some('、') || ch.get(last.close + 1) == Some('、');
        if !(with_commas && mixed_series) {
            // Where the list shows its form: its first 顿号, or where its first two items meet.
            let comma = with_commas
                .then(|| joint(ch, &first, &items[i + 1]).flatten())
                .flatten();
            let first_joint = match comma {
                Some(k) => ch.range(k, k + 1),
                None => ch.range(items[i + 1].open, items[i + 1].open + 1),
            };
            scan.lists.push(QuotedList {
                range: first_joint,
                with_commas,
            });
            if with_commas {
                for (item, next) in items[i..j].iter().zip(&items[i + 1..=j]) {
                    let Some(Some(comma)) = joint(ch, item, next) else {
                        continue;
                    };
                    scan.hits.push(
                        Hit::new(
                            &QUOTED_LIST_COMMA,
                            ch.range(comma, comma + 1),
                            "各自带引号或书名号的并列项之间不用顿号（GB/T 15834 4.5.3.5）"
                                .to_string(),
                        )
                        .fix(""),
                    );
                }
            }
        }
        i = j + 1;
    }
}

/// The draft-wide check: lists of quoted items written both with and without 顿号.
/// Takes each list with its paragraph's index and returns one hit, at the first list
/// written the less common way, in that paragraph's coordinates.
pub fn mixed_list_commas(lists: &[(usize, QuotedList)]) -> Option<(usize, Hit)> {
    let with = lists.iter().filter(|(_, l)| l.with_commas).count();
    let without = lists.len() - with;
    if with == 0 || without == 0 {
        return None;
    }
    let minority_with_commas = with <= without;
    let (i, list) = lists
        .iter()
        .find(|(_, l)| l.with_commas == minority_with_commas)?;
    Some((
        *i,
        Hit::new(
            &QUOTED_LIST_COMMA_MIXED,
            list.range.clone(),
            format!(
                "本文带引号或书名号的并列项，{with} 处加了顿号，{without} 处没有加，应统一\
                 （GB/T 15834 4.5.3.5 主张不加）"
            ),
        ),
    ))
}
