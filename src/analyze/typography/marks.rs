//! Checks on single marks: half-width punctuation, stray spaces, repeated marks,
//! ellipses and dashes.

use std::sync::LazyLock;

use regex::Regex;

use super::chars::{
    Chars, chinese_digit, is_chinese, is_cjk_close, is_cjk_open, is_cjk_punct, is_han,
    is_invisible, is_quote_or_title, is_space,
};
use super::pairs::{Kind, Pairing, closes_list_number};
use super::{DASH, ELLIPSIS, HALFWIDTH_PUNCTUATION, Hit, REPEATED_PUNCTUATION, STRAY_SPACE, quote};

pub fn check(ch: &Chars, pairing: &Pairing) -> Vec<Hit> {
    let mut hits = halfwidth(ch, pairing);
    let lines = prose_lines(ch);
    hits.extend(spaces(ch, &lines));
    hits.extend(runs(ch, &lines));
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

/// A bracketed heading number at the start of a line, such as (1) or (一): the
/// structure checks judge its form.
fn is_heading_number(ch: &Chars, open: usize, close: usize) -> bool {
    ch.line_text_start(open) == open
        && (2..=4).contains(&(close - open))
        && (open + 1..close).all(|k| {
            ch.get(k).is_some_and(|c| {
                c.is_ascii_alphanumeric() || chinese_digit(c).is_some() || c == '十'
            })
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
        let chinese = match c {
            ',' | ';' | ':' | '?' | '!' => {
                ch.before(ch.skip_spaces_back(k)).is_some_and(is_chinese)
                    || ch.get(ch.skip_spaces(k + 1)).is_some_and(is_han)
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
            || ch
                .before(ch.skip_spaces_back(p.open))
                .is_some_and(is_chinese)
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
        // 1) at the start of a line is a list number, for the structure checks.
        if c == Some(')') && closes_list_number(ch, k) {
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
                format!("中文里用了半角{}，应为{}", quote(c), quote(fixed)),
            )
            .fix(fixed.to_string()),
        );
    }
    hits
}

/// For each line (by the index of its first character), whether it reads as prose (it
/// has sentence punctuation), as opposed to a title, a name line or a table row, where
/// spaces may be layout.
fn prose_lines(ch: &Chars) -> Vec<(usize, bool)> {
    let mut lines: Vec<(usize, bool)> = Vec::new();
    for (k, &(_, c)) in ch.chars.iter().enumerate() {
        let start = ch.line_start(k);
        if lines.last().is_none_or(|&(s, _)| s != start) {
            lines.push((start, false));
        }
        // A comma between digits groups thousands (1,234.5).
        let thousands = c == ','
            && ch.before(k).is_some_and(|b| b.is_ascii_digit())
            && ch.get(k + 1).is_some_and(|n| n.is_ascii_digit());
        if is_sentence_punct(c) && !thousands {
            if let Some(last) = lines.last_mut() {
                last.1 = true;
            }
        }
    }
    lines
}

/// Whether character `k` stands in a line that reads as prose, by [`prose_lines`].
fn is_prose(ch: &Chars, lines: &[(usize, bool)], k: usize) -> bool {
    let start = ch.line_start(k);
    let at = lines.partition_point(|&(s, _)| s < start);
    lines.get(at).is_some_and(|&(_, prose)| prose)
}

/// A heading number at the start of a line: 一、 （一） (1) 1. 1、 ①.
static HEADING_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|[①-⑳])",
    )
    .expect("heading number pattern")
});

/// An article, chapter or section number, which a space conventionally follows:
/// 第二十四条　各级平台监管部门…
static ARTICLE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^第[一二三四五六七八九十百千零〇\d]+[条章节款编]$").expect("article pattern")
});

/// Whether a space after `before` (the line's text up to the space) separates a heading
/// from its text: after 第十条, or after a numbered title (（五）加强能力建设 充分利用…).
/// The structure checks judge these; a space right after the number is still ours.
fn separates_heading(before: &str) -> bool {
    if ARTICLE_NUMBER.is_match(before) {
        return true;
    }
    HEADING_NUMBER.find(before).is_some_and(|m| {
        let title = &before[m.end()..];
        !title.is_empty()
            && !title.contains(|c: char| {
                is_space(c) || matches!(c, '，' | '。' | '；' | '：' | '？' | '！')
            })
    })
}

/// How the name of an issuing body ends (中共中央, 国务院办公厅, 省委, 财政部).
const ISSUER_ENDS: &[&str] = &[
    "中央",
    "国务院",
    "办公厅",
    "办公室",
    "委员会",
    "政府",
    "委",
    "部",
    "署",
    "局",
    "银行",
    "法院",
    "检察院",
    "政协",
];

/// How the name of an issuing body begins, for the second of two joint issuers.
const ISSUER_STARTS: &[&str] = &[
    "中共",
    "中央",
    "国务院",
    "全国",
    "国家",
    "最高",
    "中国",
    "省",
    "市",
    "县",
    "区",
    "共青团",
    "财政部",
    "教育部",
    "科技部",
    "工业和信息化部",
    "公安部",
    "民政部",
    "司法部",
    "人力资源",
    "自然资源部",
    "生态环境部",
    "住房",
    "交通运输部",
    "水利部",
    "农业农村部",
    "商务部",
    "文化和旅游部",
    "应急管理部",
    "审计署",
    "海关总署",
    "税务总局",
    "市场监管总局",
    "金融监管总局",
    "证监会",
    "外交部",
    "国防部",
    "退役军人事务部",
];

/// Whether a space separates two joint issuers (中共中央 国务院, 省委 省政府), as official
/// titles write them: `before` is the line up to the space, `after` the text after it.
fn separates_issuers(before: &str, after: &str) -> bool {
    ISSUER_ENDS.iter().any(|end| before.ends_with(end))
        && ISSUER_STARTS.iter().any(|start| after.starts_with(start))
}

/// A page number as PDF text keeps it: — 23 —, - 5 -.
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[—－-][ \t\u{3000}]*\d+[ \t\u{3000}]*[—－-]$").expect("page number pattern")
});

/// Whether character `k` stands in a line that is only a page number.
fn in_page_number(ch: &Chars, k: usize) -> bool {
    const LONGEST: usize = 16;
    let start = ch.line_text_start(k);
    let end = (start..start + LONGEST).find(|&j| is_line_break(ch.get(j)));
    end.is_some_and(|end| {
        PAGE_NUMBER.is_match(ch.text[ch.range(start, end)].trim_end_matches(is_space))
    })
}

/// Lines with more spaces than this between Han characters, at least one for every two Han
/// characters from the first such space to the last, are letter-spaced (text copied out of a
/// PDF): one finding for the line, not one per gap. Stray spaces scattered over a long line
/// (or over the joined lines of a hard-wrapped paragraph) are reported one by one, each with
/// its fix.
const LETTER_SPACED: usize = 3;

#[derive(Debug)]
struct SpaceRun {
    from: usize,
    to: usize,
    between_han: bool,
    message: String,
}

fn spaces(ch: &Chars, lines: &[(usize, bool)]) -> Vec<Hit> {
    let is_prose = |k: usize| is_prose(ch, lines, k);
    let mut runs: Vec<SpaceRun> = Vec::new();
    let mut line_seen = usize::MAX; // the line whose first space run has been seen
    let mut text_start = 0; // where that line's text starts, after its indentation
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
        if matches!(before, Some('…' | '.' | '·' | '⋯')) && is_leader(ch, from, 1) {
            continue; // a dot leader and its page number
        }
        let (before, after) = (before.unwrap_or(' '), after.unwrap_or(' '));
        let line_start = ch.line_start(from);
        let first_in_line = line_seen != line_start;
        if first_in_line {
            // Once a line: the indentation is walked over only here.
            (line_seen, text_start) = (line_start, ch.line_text_start(from));
        }
        let line_before = &ch.text[ch.range(text_start, from)];
        let heading = first_in_line && separates_heading(line_before);
        // Right after a heading number (（一）⇥指导思想) a gap is no column but a stray space.
        let columns = is_column_gap(ch, from, to, is_prose(from))
            && !(first_in_line
                && HEADING_NUMBER
                    .find(line_before)
                    .is_some_and(|m| m.end() == line_before.len()));
        let page_number = [before, after]
            .iter()
            .any(|&c| matches!(c, '—' | '－' | '-'))
            && in_page_number(ch, from);
        // A blank to fill in: a long run of spaces, or an empty pair of brackets (（ ）).
        let blank = to - from >= 3 || (is_cjk_open(before) && is_cjk_close(after));
        if blank || page_number || heading || columns {
            continue; // a page number — 23 —, a heading and its text, a table's columns
        }
        // A title line spaces its halves apart, quotes and all: 用好“小网格” 服务“大民生”.
        if (is_quote_or_title(before) || is_quote_or_title(after)) && !is_prose(from) {
            continue;
        }
        let (between_han, message) = if (from..to).all(|j| ch.get(j).is_some_and(is_invisible)) {
            (false, "不可见的零宽字符".to_string())
        } else if is_cjk_punct(before) {
            (false, format!("全角{}后多了空格", quote(before)))
        } else if is_cjk_punct(after) {
            (false, format!("全角{}前多了空格", quote(after)))
        } else if is_han(before) && is_han(after) && is_prose(from) {
            let next = &ch.text[ch.range(to, (to + 8).min(ch.len()))];
            if separates_issuers(line_before, next) {
                continue;
            }
            (true, "汉字之间多了空格".to_string())
        } else {
            continue;
        };
        runs.push(SpaceRun {
            from,
            to,
            between_han,
            message,
        });
    }
    let mut hits = Vec::new();
    let mut i = 0;
    while i < runs.len() {
        let line = ch.line_start(runs[i].from);
        let mut j = i;
        while j < runs.len() && ch.line_start(runs[j].from) == line {
            j += 1;
        }
        let spaced: Vec<&SpaceRun> = runs[i..j].iter().filter(|r| r.between_han).collect();
        let gaps = spaced.len();
        // The Han characters from the first of these gaps to the last.
        let han = || match (spaced.first(), spaced.last()) {
            (Some(first), Some(last)) => (first.from..last.to)
                .filter(|&k| ch.get(k).is_some_and(is_han))
                .count(),
            _ => 0,
        };
        if gaps > LETTER_SPACED && gaps * 2 >= han() {
            let first = runs[i..j]
                .iter()
                .find(|r| r.between_han)
                .unwrap_or(&runs[i]);
            hits.push(Hit::new(
                &STRAY_SPACE,
                ch.range(first.from, first.to),
                format!("这一行字间加了空格：汉字之间共 {gaps} 个空格"),
            ));
        } else {
            for r in &runs[i..j] {
                hits.push(
                    Hit::new(&STRAY_SPACE, ch.range(r.from, r.to), r.message.clone()).fix(""),
                );
            }
        }
        i = j;
    }
    hits
}

/// Whether the spaces `from..to` separate the cells of a table row: a tab, or two spaces or
/// more in a line that is not prose (设施类型　　数量（个）　　床位（张）). A cell may hold a
/// sentence, so a tab separates cells in any line.
fn is_column_gap(ch: &Chars, from: usize, to: usize, prose: bool) -> bool {
    (from..to).any(|j| ch.get(j) == Some('\t')) || (!prose && to - from >= 2)
}

/// Whether the character at `k` is a cell of a table row by itself: a column gap or the
/// line's edge on either side (村卫生室　　231　　—　　—, where — stands for no data).
fn is_table_cell(ch: &Chars, lines: &[(usize, bool)], k: usize) -> bool {
    let prose = is_prose(ch, lines, k);
    let (gap_start, gap_end) = (ch.skip_spaces_back(k), ch.skip_spaces(k + 1));
    let edge_before = gap_start == ch.line_start(k) || is_column_gap(ch, gap_start, k, prose);
    let edge_after = is_line_break(ch.get(gap_end)) || is_column_gap(ch, k + 1, gap_end, prose);
    (gap_start < k || gap_end > k + 1) && edge_before && edge_after
}

/// The marks that make a line prose rather than a title, a name line or a table row.
fn is_sentence_punct(c: char) -> bool {
    matches!(c, '，' | '。' | '；' | '？' | '！' | ',' | ';')
}

/// Whether the run of `len` dots ending before `k` is a dot leader of a table of contents:
/// a page number follows it, and ends the line or follows a long run (a table of contents
/// flattened into one line).
fn is_leader(ch: &Chars, k: usize, len: usize) -> bool {
    let mut j = ch.skip_spaces(k);
    let digits = j;
    while ch.get(j).is_some_and(|c| c.is_ascii_digit()) {
        j += 1;
    }
    j > digits && (len >= 6 || ends_line(ch, j))
}

/// Runs of one repeated character: ellipses and dashes.
fn runs(ch: &Chars, lines: &[(usize, bool)]) -> Vec<Hit> {
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
        let beside_chinese =
            || ch.before(start).is_some_and(is_chinese) || ch.get(end).is_some_and(is_chinese);
        // Built only for a hit: this runs for every character of the text.
        let written = || c.to_string().repeat(len);
        let range = || ch.range(start, end);
        let ellipsis = |fixed: &str| {
            Hit::new(
                &ELLIPSIS,
                range(),
                format!("省略号写成了「{}」，应为「{fixed}」", written()),
            )
            .fix(fixed)
        };
        let dash = |what: &str| {
            Hit::new(&DASH, range(), format!("破折号写成了{what}，应为「——」")).fix("——")
        };
        let hit = match c {
            '…' if len != 2 && len != 4 && !is_leader(ch, end, len) => ellipsis("……"),
            '⋯' if !is_leader(ch, end, len) => {
                ellipsis(if len == 4 { "…………" } else { "……" })
            }
            '。' | '．' | '·' | '・' if len >= 3 && !is_leader(ch, end, len) => ellipsis("……"),
            '.' if len >= 3 && beside_chinese() && !is_leader(ch, end, len) => ellipsis("……"),
            // --jobs in running text is a command-line option, not a dash.
            '-' if len >= 2
                && beside_chinese()
                && !ch.get(end).is_some_and(|n| n.is_ascii_alphanumeric()) =>
            {
                dash(&format!("「{}」", written()))
            }
            '－' | '―' if len >= 2 => dash(&format!("「{}」", written())),
            '—' if len >= 3 => dash(&format!("「{}」", written())),
            '—' if len == 1 && single_dash_is_dash(ch, lines, start) => dash("单个「—」"),
            // Most runs: a character of no ellipsis or dash.
            _ => continue,
        };
        if !ch.any_masked(&hit.range) {
            hits.push(hit);
        }
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
                format!("{}连用了 {} 个", quote(first), k - start),
            )
            .fix(first.to_string())
        } else {
            Hit::new(
                &REPEATED_PUNCTUATION,
                range,
                format!("标点{}连用，只留下要用的那一个", quote(&marks)),
            )
        });
    }
    hits
}

/// A single — is the connecting mark between words or numbers (中国—东盟, 2021—2025年);
/// it can only be a dash where it opens or ends a line, touches a full-width mark or stands
/// between spaces in a sentence, and is not a table cell by itself (— for no data).
fn single_dash_is_dash(ch: &Chars, lines: &[(usize, bool)], k: usize) -> bool {
    let before = ch.before(k);
    let after = ch.get(k + 1);
    let opens_line =
        ch.skip_spaces_back(k) == 0 || is_line_break(ch.before(ch.skip_spaces_back(k)));
    !in_page_number(ch, k)
        && !is_table_cell(ch, lines, k)
        && (opens_line
            || ends_line(ch, k + 1)
            || before.is_some_and(|c| is_cjk_punct(c) && c != '—')
            || after.is_some_and(|c| is_cjk_punct(c) && c != '—')
            // Set apart by spaces in a sentence: 这项工作 — 我认为 — 还要加强.
            || (before.is_some_and(is_space)
                && after.is_some_and(is_space)
                && is_prose(ch, lines, k)))
}
