//! Checks on single marks: half-width punctuation, stray spaces, repeated marks,
//! ellipses and dashes.

use super::chars::{Chars, chinese_digit, is_chinese, is_cjk_punct, is_han, is_invisible, is_space};
use super::pairs::{Kind, Pairing};
use super::{DASH, ELLIPSIS, HALFWIDTH_PUNCTUATION, Hit, REPEATED_PUNCTUATION, STRAY_SPACE};

pub fn check(ch: &Chars, pairing: &Pairing) -> Vec<Hit> {
    let mut hits = halfwidth(ch, pairing);
    hits.extend(spaces(ch));
    hits.extend(runs(ch));
    hits.extend(pause_clusters(ch));
    hits
}

fn is_line_break(c: Option<char>) -> bool {
    matches!(c, None | Some('\n' | '\r'))
}

fn full_width(c: char) -> char {
    match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        '.' => '。',
        other => other,
    }
}

/// Whether the text from `k` to the end of its line is only spaces.
fn ends_line(ch: &Chars, k: usize) -> bool {
    is_line_break(ch.get(ch.skip_spaces(k)))
}

/// A bracketed heading number at the start of the paragraph, such as (1) or (一): the
/// structure checks judge its form.
fn is_heading_number(ch: &Chars, open: usize, close: usize) -> bool {
    ch.skip_spaces(0) == open
        && (2..=4).contains(&(close - open))
        && (open + 1..close).all(|k| {
            ch.get(k)
                .is_some_and(|c| c.is_ascii_digit() || chinese_digit(c).is_some() || c == '十')
        })
}

/// Half-width marks that stand in Chinese text, by character index.
fn halfwidth_marks(ch: &Chars, pairing: &Pairing) -> Vec<usize> {
    let mut found = Vec::new();
    for k in 0..ch.len() {
        if ch.is_masked(k) {
            continue;
        }
        let c = ch.get(k).unwrap_or(' ');
        let before = ch.before(ch.skip_spaces_back(k));
        let after = ch.get(ch.skip_spaces(k + 1));
        let chinese = match c {
            ',' | ';' | ':' | '?' | '!' => {
                before.is_some_and(is_chinese) || after.is_some_and(is_han)
            }
            // A period only where it ends a Chinese sentence at the end of a line: inside
            // a line it may be a reference list's separator (李卫.医疗器械…).
            '.' => {
                ch.before(k).is_some_and(is_han)
                    && ch.get(k + 1) != Some('.')
                    && ends_line(ch, k + 1)
            }
            _ => false,
        };
        if chinese {
            found.push(k);
        }
    }
    for p in pairing.pairs.iter().filter(|p| p.kind == Kind::Round) {
        let (open, close) = (ch.get(p.open), ch.get(p.close));
        let (ascii_open, ascii_close) = (open == Some('('), close == Some(')'));
        if !(ascii_open || ascii_close) || is_heading_number(ch, p.open, p.close) {
            continue;
        }
        let chinese = !(ascii_open && ascii_close)
            || ch.before(ch.skip_spaces_back(p.open)).is_some_and(is_chinese)
            || ch.get(ch.skip_spaces(p.close + 1)).is_some_and(is_chinese)
            || (p.open + 1..p.close).any(|k| ch.get(k).is_some_and(is_han));
        if chinese {
            found.extend([p.open].into_iter().filter(|_| ascii_open));
            found.extend([p.close].into_iter().filter(|_| ascii_close));
        }
    }
    for &k in &pairing.stray_ascii {
        let c = ch.get(k);
        if !matches!(c, Some('(' | ')')) || ch.is_masked(k) {
            continue;
        }
        // 1) at the start of a paragraph is a list number, for the structure checks.
        if c == Some(')') && ch.skip_spaces(0) < k && k <= 3 {
            continue;
        }
        let before = ch.before(ch.skip_spaces_back(k));
        let after = ch.get(ch.skip_spaces(k + 1));
        if before.is_some_and(is_han) || after.is_some_and(is_han) {
            found.push(k);
        }
    }
    found.sort_unstable();
    found.dedup();
    found
}

fn halfwidth(ch: &Chars, pairing: &Pairing) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut claimed = 0; // characters before this index belong to an earlier hit
    for k in halfwidth_marks(ch, pairing) {
        let mut from = ch.skip_spaces_back(k).max(claimed);
        if from == 0 || is_line_break(ch.before(from)) {
            from = k; // leading indentation is not ours
        }
        let to = ch.skip_spaces(k + 1);
        claimed = to;
        let c = ch.get(k).unwrap_or(' ');
        let fixed = full_width(c);
        hits.push(
            Hit::new(
                &HALFWIDTH_PUNCTUATION,
                ch.range(from, to),
                format!("half-width {c} in Chinese text; use {fixed}"),
            )
            .fix(fixed.to_string()),
        );
    }
    hits
}

/// Whether the paragraph reads as prose (it has sentence punctuation), as opposed to a
/// title, a name line or a table row, where spaces may be layout.
fn is_prose(ch: &Chars) -> bool {
    ch.chars
        .iter()
        .any(|&(_, c)| matches!(c, '，' | '。' | '；' | '？' | '！' | ',' | ';'))
}

fn spaces(ch: &Chars) -> Vec<Hit> {
    let prose = is_prose(ch);
    let mut hits = Vec::new();
    let mut k = 0;
    while k < ch.len() {
        if !ch.get(k).is_some_and(is_space) {
            k += 1;
            continue;
        }
        let from = k;
        let to = ch.skip_spaces(k);
        k = to;
        let range = ch.range(from, to);
        let (before, after) = (ch.before(from), ch.get(to));
        if is_line_break(before) || is_line_break(after) || ch.any_masked(&range) {
            continue; // indentation, trailing space, quoted text
        }
        if matches!(before, Some('…' | '.' | '·' | '⋯')) && is_leader(ch, from) {
            continue; // a dot leader and its page number
        }
        let (before, after) = (before.unwrap_or(' '), after.unwrap_or(' '));
        let message = if (from..to).all(|j| ch.get(j).is_some_and(is_invisible)) {
            "invisible zero-width character".to_string()
        } else if is_cjk_punct(before) {
            format!("space after full-width {before}")
        } else if is_cjk_punct(after) {
            format!("space before full-width {after}")
        } else if prose && is_han(before) && is_han(after) {
            "space between Han characters".to_string()
        } else {
            continue;
        };
        hits.push(Hit::new(&STRAY_SPACE, range, message).fix(""));
    }
    hits
}

/// Whether the run ending before `k` is a dot leader of a table of contents: nothing but
/// a page number follows it on its line.
fn is_leader(ch: &Chars, k: usize) -> bool {
    let mut j = ch.skip_spaces(k);
    let digits = j;
    while ch.get(j).is_some_and(|c| c.is_ascii_digit()) {
        j += 1;
    }
    j > digits && ends_line(ch, j)
}

/// Runs of one repeated character: ellipses and dashes.
fn runs(ch: &Chars) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut k = 0;
    while k < ch.len() {
        let c = ch.get(k).unwrap_or(' ');
        let start = k;
        k += 1;
        while ch.get(k) == Some(c) {
            k += 1;
        }
        let (end, len) = (k, k - start);
        let range = ch.range(start, end);
        if ch.any_masked(&range) {
            continue;
        }
        let beside_chinese =
            ch.before(start).is_some_and(is_chinese) || ch.get(end).is_some_and(is_chinese);
        let written = c.to_string().repeat(len);
        let ellipsis = |fixed: &str| {
            Hit::new(
                &ELLIPSIS,
                range.clone(),
                format!("ellipsis written {written}; use {fixed}"),
            )
            .fix(fixed)
        };
        let dash = |what: &str| {
            Hit::new(&DASH, range.clone(), format!("dash written {what}; use ——")).fix("——")
        };
        let hit = match c {
            '…' if len != 2 && len != 4 && !is_leader(ch, end) => ellipsis("……"),
            '⋯' if !is_leader(ch, end) => ellipsis(if len == 4 { "…………" } else { "……" }),
            '。' | '．' | '·' | '・' if len >= 3 && !is_leader(ch, end) => ellipsis("……"),
            '.' if len >= 3 && beside_chinese && !is_leader(ch, end) => ellipsis("……"),
            '-' if len >= 2 && beside_chinese => dash(&written),
            '－' | '―' if len >= 2 => dash(&written),
            '—' if len >= 3 => dash(&written),
            '—' if len == 1 && single_dash_is_dash(ch, start) => dash("as a single —"),
            _ => continue,
        };
        hits.push(hit);
    }
    hits
}

fn is_pause(c: char) -> bool {
    matches!(c, '，' | '、' | '；' | '：' | '。')
}

/// Clusters of pause marks: one mark doubled (，，) or two different ones (，。).
fn pause_clusters(ch: &Chars) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut k = 0;
    while k < ch.len() {
        let start = k;
        while ch.get(k).is_some_and(is_pause) && !ch.is_masked(k) {
            k += 1;
        }
        if k == start {
            k += 1;
            continue;
        }
        let marks: String = (start..k).filter_map(|j| ch.get(j)).collect();
        let first = marks.chars().next().unwrap_or('，');
        if k - start < 2 || marks.contains("。。。") {
            continue; // a single mark, or an ellipsis written 。。。
        }
        let range = ch.range(start, k);
        hits.push(if marks.chars().all(|c| c == first) {
            Hit::new(
                &REPEATED_PUNCTUATION,
                range,
                format!("{first} written {} times", k - start),
            )
            .fix(first.to_string())
        } else {
            Hit::new(
                &REPEATED_PUNCTUATION,
                range,
                format!("clashing marks {marks}: keep the one that was meant"),
            )
        });
    }
    hits
}

/// A single — is the connecting mark between words or numbers (中国—东盟, 2021—2025年);
/// it can only be a dash where it opens or ends a line or touches a full-width mark.
fn single_dash_is_dash(ch: &Chars, k: usize) -> bool {
    let before = ch.before(k);
    let after = ch.get(k + 1);
    let opens_line = ch.skip_spaces_back(k) == 0 || is_line_break(ch.before(ch.skip_spaces_back(k)));
    opens_line
        || ends_line(ch, k + 1)
        || before.is_some_and(|c| is_cjk_punct(c) && c != '—')
        || after.is_some_and(|c| is_cjk_punct(c) && c != '—')
}
