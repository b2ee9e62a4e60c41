//! Drafts written in Markdown (.md): the markup is removed before the document is cut, so
//! `## 一、总体要求` is an outline heading, `**一是**` starts an enumeration and `- ` is no
//! stray space, and every position is mapped back to the file as read.
//!
//! The markup read is CommonMark's and GitHub's, as drafts use it: headings (`#` and
//! underlined), emphasis and strikethrough, block quotes, bullet lists and task boxes, code
//! (fenced blocks and inline code are left out whole), links and images, HTML tags, entities
//! and comments, tables' delimiter rows and the padding around their pipes, link and footnote
//! definitions, front matter (YAML or TOML) and backslash escapes. Numbered lists are left as written: 1. is the outline's third
//! level. Lines indented by four spaces are read as text, not code: drafts indent paragraphs so.

use std::ops::Range;

/// The byte ranges of Markdown markup in `text`, to remove; `lines` are the text's lines
/// (line breaks excluded). Line breaks are never removed, so every line keeps its number.
pub fn markup(text: &str, lines: impl Iterator<Item = Range<usize>>) -> Vec<Range<usize>> {
    let lines: Vec<Range<usize>> = lines.collect();
    let mut out = Vec::new();
    let mut i = front_matter(text, &lines).map_or(0, |end| {
        out.extend(lines[..end].iter().cloned());
        end
    });
    // The fence char and length of an open code block.
    let mut fence: Option<(u8, usize)> = None;
    let mut in_comment = false;
    let mut after_text = false;
    while i < lines.len() {
        let line = lines[i].clone();
        i += 1;
        let s = &text[line.clone()];
        let body = s.trim_start_matches([' ', '\t']);
        let indent = line.start + (s.len() - body.len());
        if let Some((c, len)) = fence {
            if fence_of(body).is_some_and(|(d, n)| d == c && n >= len && is_fence_end(body)) {
                fence = None;
            }
            out.push(line);
            after_text = false;
            continue;
        }
        if in_comment {
            let Some(end) = s.find("-->") else {
                out.push(line);
                continue;
            };
            out.push(line.start..line.start + end + 3);
            in_comment = false;
            inline(
                text,
                line.start + end + 3..line.end,
                &mut out,
                &mut in_comment,
            );
            after_text = true;
            continue;
        }
        if let Some(f) = fence_of(body) {
            fence = Some(f);
            out.push(line);
            after_text = false;
            continue;
        }
        if is_rule_line(body, after_text) || is_table_delimiter(body) || is_definition(body) {
            out.push(line);
            after_text = false;
            continue;
        }
        after_text = !body.trim().is_empty();
        let table_row = body.starts_with('|')
            || (body.contains('|')
                && [i.checked_sub(2), Some(i)].into_iter().flatten().any(|k| {
                    (lines.get(k)).is_some_and(|l| is_table_delimiter(text[l.clone()].trim()))
                }));
        if table_row {
            cell_padding(text, indent..line.end, &mut out);
        }
        let start = block_prefix(text, indent..line.end, &mut out);
        inline(text, start..line.end, &mut out, &mut in_comment);
    }
    out
}

/// A space or a tab: the blanks Markdown's syntax uses.
fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// The blanks around a table row's pipes: `| 一、 | 表格 |` pads its cells, and the padding is
/// no stray space.
fn cell_padding(text: &str, row: Range<usize>, out: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    for (at, _) in text[row.clone()].match_indices('|') {
        let pipe = row.start + at;
        let mut before = pipe;
        while before > row.start && is_blank(bytes[before - 1]) {
            before -= 1;
        }
        let mut after = pipe + 1;
        while after < row.end && is_blank(bytes[after]) {
            after += 1;
        }
        out.push(before..pipe);
        out.push(pipe + 1..after);
    }
}

/// The number of leading lines that are front matter (YAML `---` … `---`, or TOML `+++` …
/// `+++`), if any.
fn front_matter(text: &str, lines: &[Range<usize>]) -> Option<usize> {
    let fence = text[lines.first()?.clone()].trim_end();
    if fence != "---" && fence != "+++" {
        return None;
    }
    let close = (lines.iter().skip(1).take(100)).position(|l| {
        let line = text[l.clone()].trim_end();
        line == fence || (fence == "---" && line == "...")
    })?;
    let fields = &lines[1..close + 1];
    (fields.iter())
        .all(|l| {
            let s = &text[l.clone()];
            s.trim().is_empty()
                || s.starts_with([' ', '-', '#', '['])
                || s.contains(':')
                || s.contains('=')
        })
        .then_some(close + 2)
}

/// The char and length of a code fence that `body` opens or closes: ``` or ~~~, at least three.
fn fence_of(body: &str) -> Option<(u8, usize)> {
    let c = *body.as_bytes().first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let len = body.bytes().take_while(|&b| b == c).count();
    // An opening ``` may not have a backtick in its info string.
    let info = &body[len..];
    (len >= 3 && !(c == b'`' && info.contains('`'))).then_some((c, len))
}

fn is_fence_end(body: &str) -> bool {
    body.trim_start_matches(['`', '~']).trim().is_empty()
}

/// A thematic break (`---`, `* * *`, `___`) or a heading's underline (`===`, or `---` under a
/// line of text).
fn is_rule_line(body: &str, after_text: bool) -> bool {
    let marks: String = body.chars().filter(|c| !matches!(c, ' ' | '\t')).collect();
    let Some(c) = marks.chars().next() else {
        return false;
    };
    let all_same = marks.chars().all(|m| m == c);
    all_same
        && match c {
            '-' | '*' | '_' => marks.len() >= 3 || (c == '-' && after_text),
            '=' => after_text,
            _ => false,
        }
}

/// A table's delimiter row: `| --- | :---: |`.
fn is_table_delimiter(body: &str) -> bool {
    let body = body.trim_end();
    body.contains('-')
        && body.contains('|')
        && body
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// A link reference definition, `[name]: https://…`, which shows nothing.
fn is_definition(body: &str) -> bool {
    let Some(rest) = body.strip_prefix('[') else {
        return false;
    };
    rest.find("]:").is_some_and(|close| {
        let label = &rest[..close];
        let target = rest[close + 2..].trim();
        // The target, then at most a title in quotes or brackets: [1]: https://… "统计数据"
        let (url, title) = target.split_once([' ', '\t']).unwrap_or((target, ""));
        let title = title.trim();
        let titled = title.is_empty()
            || [('"', '"'), ('\'', '\''), ('(', ')')]
                .iter()
                .any(|&(open, close)| title.starts_with(open) && title.ends_with(close));
        !label.is_empty() && !label.starts_with('^') && !url.is_empty() && titled
    })
}

/// Removes the block markup at the start of `line` (which starts after the indentation):
/// quote marks, a bullet and its task box, a heading's #s (and closing #s), a footnote's label.
/// Returns where the line's text starts.
fn block_prefix(text: &str, line: Range<usize>, out: &mut Vec<Range<usize>>) -> usize {
    let bytes = text.as_bytes();
    let mut at = line.start;
    let skip_blanks = |mut at: usize| {
        while at < line.end && is_blank(bytes[at]) {
            at += 1;
        }
        at
    };
    // Quote marks, nested or not: `> `, `>> `, `> > `.
    while at < line.end && bytes[at] == b'>' {
        let end = skip_blanks(at + 1);
        out.push(at..end);
        at = end;
    }
    let rest = &text[at..line.end];
    let first = rest.as_bytes().first().copied();
    let second = rest.as_bytes().get(1).copied();
    if matches!(first, Some(b'-' | b'*' | b'+')) && matches!(second, Some(b' ' | b'\t')) {
        let mut end = skip_blanks(at + 1);
        for task in ["[ ]", "[x]", "[X]"] {
            if text[end..line.end].starts_with(task) {
                end = skip_blanks(end + task.len());
            }
        }
        out.push(at..end);
        return end;
    }
    let hashes = rest.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) {
        let after = &rest[hashes..];
        // CommonMark wants a space after the #s; drafts often leave it out (##一、总体要求),
        // which is taken as a heading unless another # follows (#话题#).
        let heading = after.is_empty()
            || after.starts_with([' ', '\t'])
            || (!after.starts_with(|c: char| c.is_ascii()) && !after.contains('#'));
        if heading {
            let end = skip_blanks(at + hashes);
            out.push(at..end);
            closing_hashes(text, end..line.end, out);
            return end;
        }
    }
    if let Some(label) = rest.strip_prefix("[^")
        && let Some(close) = label.find("]:")
    {
        let end = skip_blanks(at + 2 + close + 2);
        out.push(at..end);
        return end;
    }
    at
}

/// The closing #s of a heading (`## 标题 ##`) and the blanks before them.
fn closing_hashes(text: &str, heading: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = text[heading.clone()].trim_end_matches([' ', '\t']);
    let without = s.trim_end_matches('#');
    if without.len() < s.len() && (without.is_empty() || without.ends_with([' ', '\t'])) {
        let kept = without.trim_end_matches([' ', '\t']).len();
        out.push(heading.start + kept..heading.end);
    }
}

/// One run of emphasis marks (`*`, `**`, `_`, `~~`) and what it may do.
struct Delimiter {
    range: Range<usize>,
    mark: u8,
    opens: bool,
    closes: bool,
}

/// Removes the inline markup of `span`: escapes, code marks, links and images, HTML tags and
/// comments, and emphasis marks that pair up.
fn inline(text: &str, span: Range<usize>, out: &mut Vec<Range<usize>>, in_comment: &mut bool) {
    let bytes = text.as_bytes();
    let end = span.end;
    let mut delimiters: Vec<Delimiter> = Vec::new();
    // The `](target)` of the link whose text is being read: skipped when reached.
    let mut target: Option<Range<usize>> = None;
    let mut next = Next::new(text, end);
    let mut i = span.start;
    while i < end {
        if let Some(skipped) = target.take_if(|t| i >= t.start) {
            i = i.max(skipped.end);
            continue;
        }
        match bytes[i] {
            b'\\' if i + 1 < end && bytes[i + 1].is_ascii_punctuation() => {
                out.push(i..i + 1);
                i += 2;
            }
            b'`' => {
                let len = run_length(bytes, i, end);
                let stop = (i + len + CODE_LOOK_AHEAD).min(end);
                match find_run(bytes, b'`', len, i + len, stop) {
                    Some(close) => {
                        // Code is no prose of the draft's: it goes whole, with the blanks
                        // that set it apart (运行 `make` 即可 reads 运行即可).
                        let mut from = i;
                        while from > span.start && is_blank(bytes[from - 1]) {
                            from -= 1;
                        }
                        let mut to = close + len;
                        while to < end && is_blank(bytes[to]) {
                            to += 1;
                        }
                        out.push(from..to);
                        i = to;
                    }
                    None => i += len,
                }
            }
            b'&' => match entity_length(&text[i..end]) {
                Some(len) => {
                    out.push(i..i + len);
                    i += len;
                }
                None => i += 1,
            },
            b'!' if bytes.get(i + 1) == Some(&b'[') => match link(text, i + 1, &mut next) {
                Some(link) => {
                    // An image shows no text of the draft's: all of it goes.
                    out.push(i..link.end);
                    i = link.end;
                }
                None => i += 1,
            },
            b'[' => match link(text, i, &mut next) {
                Some(link) if link.footnote => {
                    out.push(i..link.end);
                    i = link.end;
                }
                Some(link) => {
                    out.push(i..i + 1);
                    out.push(link.text_end..link.end);
                    target = Some(link.text_end..link.end);
                    i += 1;
                }
                None => i += 1,
            },
            b'<' => {
                if text[i..end].starts_with("<!--") {
                    match text[i + 4..end].find("-->") {
                        Some(close) => {
                            out.push(i..i + 4 + close + 3);
                            i += 4 + close + 3;
                        }
                        None => {
                            out.push(i..end);
                            *in_comment = true;
                            i = end;
                        }
                    }
                } else if let Some(len) = tag_length(text, i, &mut next) {
                    out.push(i..i + len);
                    i += len;
                } else if let Some(len) = autolink_length(text, i, &mut next) {
                    out.push(i..i + 1);
                    out.push(i + len - 1..i + len);
                    i += len;
                } else {
                    i += 1;
                }
            }
            mark @ (b'*' | b'_' | b'~') => {
                let len = run_length(bytes, i, end);
                let before = text[span.start..i].chars().next_back();
                let after = text[i + len..end].chars().next();
                let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
                let blank = |c: Option<char>| c.is_none_or(char::is_whitespace);
                let (mut opens, mut closes) = (!blank(after), !blank(before));
                if mark == b'_' {
                    // snake_case and ____ blanks to fill in are no emphasis.
                    opens &= !word(before);
                    closes &= !word(after);
                }
                let fits = match mark {
                    b'~' => len == 2,
                    _ => len <= 3,
                };
                if fits && (opens || closes) {
                    delimiters.push(Delimiter {
                        range: i..i + len,
                        mark,
                        opens,
                        closes,
                    });
                }
                i += len;
            }
            _ => i += 1,
        }
    }
    pair_emphasis(&delimiters, out);
}

/// Removes the emphasis marks that pair up: a closing run with the nearest open run of the
/// same mark and length before it.
fn pair_emphasis(delimiters: &[Delimiter], out: &mut Vec<Range<usize>>) {
    let mut open: Vec<&Delimiter> = Vec::new();
    for d in delimiters {
        let opener = d
            .closes
            .then(|| {
                (open.iter()).rposition(|o| o.mark == d.mark && o.range.len() == d.range.len())
            })
            .flatten();
        match opener {
            Some(at) => {
                out.push(open[at].range.clone());
                out.push(d.range.clone());
                open.truncate(at);
            }
            None if d.opens => open.push(d),
            None => {}
        }
    }
}

/// How far ahead of a code mark its closing mark is looked for: a line of 50 MB of unmatched
/// backticks of many lengths is still read in linear time.
const CODE_LOOK_AHEAD: usize = 2048;

/// The next place of a few bytes in one span, each search picking up where the last search
/// for that byte ended: a link's `]` and `)`, a tag's `>`. Marks that pair nothing (a line
/// full of `[`) then cost linear time, however far apart the halves are.
struct Next<'t> {
    bytes: &'t [u8],
    end: usize,
    /// For each byte asked about: where its last search started, and what it found (`end`
    /// for nothing).
    found: Vec<(u8, usize, usize)>,
}

impl<'t> Next<'t> {
    fn new(text: &'t str, end: usize) -> Next<'t> {
        Next {
            bytes: text.as_bytes(),
            end,
            found: Vec::with_capacity(8),
        }
    }

    /// Where `byte` next occurs at or after `from`, before the span's end.
    fn at(&mut self, byte: u8, from: usize) -> Option<usize> {
        let (bytes, end) = (self.bytes, self.end);
        let search = |from: usize| {
            (bytes[from.min(end)..end].iter())
                .position(|&b| b == byte)
                .map_or(end, |p| from + p)
        };
        let found = match self.found.iter_mut().find(|(b, _, _)| *b == byte) {
            // What a search from an earlier place found is also the first from here on.
            Some((_, start, found)) if *start <= from && *found >= from => *found,
            Some(slot) => {
                *slot = (byte, from, search(from));
                slot.2
            }
            None => {
                let found = search(from);
                self.found.push((byte, from, found));
                found
            }
        };
        (found < end).then_some(found)
    }

    /// Whether `byte` occurs in `range`.
    fn within(&mut self, byte: u8, range: Range<usize>) -> bool {
        self.at(byte, range.start).is_some_and(|at| at < range.end)
    }
}

/// How many times the byte at `at` repeats from there, up to `end`.
fn run_length(bytes: &[u8], at: usize, end: usize) -> usize {
    let c = bytes[at];
    bytes[at..end].iter().take_while(|&&b| b == c).count()
}

/// Where the next run of exactly `len` `mark`s in `from..end` starts.
fn find_run(bytes: &[u8], mark: u8, len: usize, from: usize, end: usize) -> Option<usize> {
    let mut i = from;
    while i < end {
        if bytes[i] == mark {
            let n = run_length(bytes, i, end);
            if n == len {
                return Some(i);
            }
            i += n;
        } else {
            i += 1;
        }
    }
    None
}

/// The length of the HTML entity `s` starts with (`&nbsp;`, `&amp;`, `&#12288;`, `&#x3000;`),
/// if any.
fn entity_length(s: &str) -> Option<usize> {
    let body = s.get(1..)?;
    let name_len = match body.strip_prefix('#') {
        Some(number) => {
            let digits = match number.strip_prefix(['x', 'X']) {
                Some(hex) => 1 + hex.bytes().take_while(u8::is_ascii_hexdigit).count(),
                None => number.bytes().take_while(u8::is_ascii_digit).count(),
            };
            (digits > 0).then_some(1 + digits)?
        }
        // A named entity starts with a letter and has two or more (R&D; is no entity).
        None if body.starts_with(|c: char| c.is_ascii_alphabetic()) => {
            let len = body.bytes().take_while(u8::is_ascii_alphanumeric).count();
            (len >= 2).then_some(len)?
        }
        None => return None,
    };
    (name_len <= 32 && body.as_bytes().get(name_len) == Some(&b';')).then_some(1 + name_len + 1)
}

/// A link starting at its `[`.
struct Link {
    /// The `]` after the link's text.
    text_end: usize,
    /// After the `(target)` or `[reference]`, or the footnote's `]`.
    end: usize,
    /// A footnote reference, `[^1]`: it shows no text of the draft's.
    footnote: bool,
}

/// The link `[text](target)`, `[text][ref]` or footnote reference `[^1]` at `open`, if any.
fn link(text: &str, open: usize, next: &mut Next) -> Option<Link> {
    let close = next.at(b']', open + 1)?;
    if next.within(b'[', open + 1..close) {
        return None;
    }
    if text[open + 1..close].starts_with('^') && close > open + 2 {
        return Some(Link {
            text_end: close,
            end: close + 1,
            footnote: true,
        });
    }
    let (opening, closing) = match text.as_bytes().get(close + 1) {
        Some(b'(') => (b'(', b')'),
        Some(b'[') => (b'[', b']'),
        _ => return None,
    };
    let target_end = next.at(closing, close + 2)?;
    if next.within(opening, close + 2..target_end) || (opening == b'(' && target_end == close + 2) {
        return None;
    }
    Some(Link {
        text_end: close,
        end: target_end + 1,
        footnote: false,
    })
}

/// The length of the HTML tag at `open` (`<br>`, `<span class="x">`, `</p>`), if any.
fn tag_length(text: &str, open: usize, next: &mut Next) -> Option<usize> {
    let s = &text[open..];
    let name = s[1..].strip_prefix('/').unwrap_or(&s[1..]);
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let close = next.at(b'>', open + 1)?;
    if next.within(b'<', open + 1..close) {
        return None;
    }
    let inside = &text[open + 1..close];
    let name_len = name
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
        .count();
    let after_name = &name[name_len..];
    (after_name.starts_with(['>', ' ', '/']) && inside.is_ascii()).then_some(close + 1 - open)
}

/// The length of the autolink at `open` (`<https://example.com>`), if any.
fn autolink_length(text: &str, open: usize, next: &mut Next) -> Option<usize> {
    let close = next.at(b'>', open + 1)?;
    if next.within(b'<', open + 1..close) || next.within(b' ', open + 1..close) {
        return None;
    }
    let inside = &text[open + 1..close];
    let is_url = inside.split_once(':').is_some_and(|(scheme, _)| {
        scheme.len() >= 2 && scheme.bytes().all(|b| b.is_ascii_alphabetic())
    });
    (is_url || inside.contains('@')).then_some(close + 1 - open)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::cuts;

    /// `text` with its markup removed.
    fn strip(text: &str) -> String {
        let lines = crate::doc::line_starts(text);
        let ranges = lines.iter().enumerate().map(|(i, &start)| {
            let end = lines.get(i + 1).copied().unwrap_or(text.len());
            start..start + text[start..end].trim_end_matches(['\r', '\n']).len()
        });
        let removed = markup(text, ranges);
        cuts::remove(text, removed).map_or(text.to_string(), |(left, _)| left)
    }

    #[test]
    fn block_markup_goes_and_numbered_lists_stay() {
        let cases = [
            ("# 关于安全生产的汇报", "关于安全生产的汇报"),
            ("## 一、主要工作 ##", "一、主要工作"),
            ("###（一）压实责任", "（一）压实责任"),
            ("  - 完成培训3000人次；", "  完成培训3000人次；"),
            ("* [x] 已完成", "已完成"),
            ("> 安全生产只有起点。", "安全生产只有起点。"),
            ("> > 引文中的引文", "引文中的引文"),
            ("- > 列表里的引文", "> 列表里的引文"),
            ("1. 健全制度。", "1. 健全制度。"),
            ("（1）细化措施。", "（1）细化措施。"),
            ("[^1]: 数据来自统计局。", "数据来自统计局。"),
            ("#话题#不是标题", "#话题#不是标题"),
            ("#hashtag", "#hashtag"),
        ];
        for (text, want) in cases {
            assert_eq!(strip(text), want, "{text}");
        }
    }

    #[test]
    fn inline_markup_goes_and_the_text_stays() {
        let cases = [
            (
                "我们**一是**健全体系，*二是*开展排查。",
                "我们一是健全体系，二是开展排查。",
            ),
            ("~~删去~~保留", "删去保留"),
            ("运行 `shengao check` 即可", "运行即可"),
            ("加强&nbsp;领导，A&amp;B，&#12288;空", "加强领导，AB，空"),
            ("见[通知](https://example.com/a)。", "见通知。"),
            ("见[通知][1]。", "见通知。"),
            ("图：![示意图](a.png)如上", "图：如上"),
            ("增长3%[^2]。", "增长3%。"),
            ("第一行<br>第二行", "第一行第二行"),
            ("<span style=\"color:red\">红字</span>", "红字"),
            ("网址<https://example.com>", "网址https://example.com"),
            ("注释<!-- 待核 -->之后", "注释之后"),
            ("转义\\*号", "转义*号"),
        ];
        for (text, want) in cases {
            assert_eq!(strip(text), want, "{text}");
        }
    }

    #[test]
    fn look_alikes_of_markup_stay() {
        for text in [
            "姓名：________",
            "file_name_x 与 a_b",
            "3*4=12，5 * 6",
            "增速<5%，比例>3",
            "单独一个**不成对",
            "[注]见附件",
            "引用[1]所述",
            "研发&创新，R&D; 甲&乙",
        ] {
            assert_eq!(strip(text), text, "{text}");
        }
    }

    #[test]
    fn code_rules_tables_and_front_matter_leave_blank_lines() {
        let text = "---\ntitle: 汇报\n---\n标题\n===\n正文一\n\n```\nlet x = 1;\n```\n\n---\n| 项目 | 数量 |\n| --- | ---: |\n| 培训 | 30 |\n[1]: https://example.com\n<!-- 多行\n注释 -->正文二";
        assert_eq!(
            strip(text),
            "\n\n\n标题\n\n正文一\n\n\n\n\n\n\n|项目|数量|\n\n|培训|30|\n\n\n正文二"
        );
    }

    #[test]
    fn titled_definitions_toml_front_matter_and_table_padding_go() {
        let text = "+++\ntitle = \"汇报, 稿\"\n+++\n正文\n[1]: https://a.cn/x?m=6 \"统计 数据\"\n| 序号 | 内容 |\n|---|---|\n| 一、 | 表格 |\n项目 | 数量\n";
        assert_eq!(
            strip(text),
            "\n\n\n正文\n\n|序号|内容|\n\n|一、|表格|\n项目 | 数量\n"
        );
    }

    #[test]
    fn an_unclosed_fence_runs_to_the_end() {
        assert_eq!(strip("正文\n```\n代码\n代码"), "正文\n\n\n");
    }
}
