//! Hard-wrapped text: paragraphs broken into lines of one width, as text copied from a PDF
//! or wrapped by hand arrives. Each line break inside such a paragraph would end a sentence
//! and split the word across it (产业链 as 产 / 业链), so the lines are joined before the
//! document is cut, and every position is mapped back to the text as read.

use std::ops::Range;

use crate::analyze::structure::{marker, outline};

/// Lines narrower than this are not counted when finding the wrap width. Widths are in
/// columns, as the line was laid out: 2 for a Han char or a full-width mark, 1 for ASCII.
const MIN_WIDTH: usize = 40;
/// Lines wider than this are paragraphs of their own, not wrapped lines.
const MAX_WIDTH: usize = 160;
/// How many columns a wrapped line may fall short of the width, or pass it: justified lines
/// of proportional type differ a little.
const SLACK: usize = 4;
/// A text is hard-wrapped when at least this many lines are of the wrap width…
const MIN_FULL_LINES: usize = 10;
/// … and they are at least this share of its non-empty lines…
const MIN_FULL_SHARE: f64 = 0.4;
/// … and at least this share of them stop inside a word or number (no mark at their end)…
const MIN_OPEN_SHARE: f64 = 0.5;
/// … and at least this many paragraphs end as wrapped ones do: a full line, then a shorter
/// one that ends a sentence.
const MIN_PARAGRAPH_ENDS: usize = 2;

/// One line of the text as read.
struct Line {
    /// The line without its line break.
    range: Range<usize>,
    /// The line without leading and trailing white space; empty for a blank line.
    content: Range<usize>,
    /// Columns of `content` ([`MIN_WIDTH`]).
    width: usize,
    /// Whether `content` is laid out rather than running text: it holds a tab, two spaces
    /// or a full-width space, or is a line of a table of contents.
    layout: bool,
}

/// What to remove from `text` to join the lines of its hard-wrapped paragraphs: the line
/// breaks (and page-number lines) between them. Empty when `text` does not look hard-wrapped,
/// as most drafts do not.
///
/// A text is hard-wrapped when many of its lines have one width (within [`SLACK`] columns),
/// most of those stop inside a word, and paragraphs end as wrapped ones do (see the limits
/// above); lines laid out with spaces never count. A line of that width then runs on into the
/// next unless it ends a sentence (。？！ and the like), it is a heading without a clause mark
/// (a title), the next line is blank, indented or starts with a heading number, or both sides
/// of the break are ASCII letters or digits. A page-number line between two such lines (1,
/// - 2 -, — 3 —) is removed with the break.
///
/// `lines` are the text's lines as the document's line index cuts them (breaks excluded).
pub fn breaks(text: &str, lines: impl Iterator<Item = Range<usize>>) -> Vec<Range<usize>> {
    let lines = self::lines(text, lines);
    let Some(width) = wrap_width(text, &lines) else {
        return Vec::new();
    };
    let mut breaks = Vec::new();
    let mut i = 0;
    while i + 1 < lines.len() {
        let line = &lines[i];
        let (next, skipped) = match lines.get(i + 2) {
            Some(after) if is_page_number(&text[lines[i + 1].content.clone()]) => (after, 2),
            _ => (&lines[i + 1], 1),
        };
        if line.is_full(width) && runs_on(text, line, next) {
            breaks.push(line.content.end..next.content.start);
            i += skipped;
        } else {
            i += 1;
        }
    }
    breaks
}

impl Line {
    /// Whether the line is as wide as the text is wrapped, within [`SLACK`], and is prose: a
    /// line laid out with spaces (a table row, a list of names) or a contents line is not.
    fn is_full(&self, width: usize) -> bool {
        self.width + SLACK >= width && self.width <= width + SLACK && !self.layout
    }
}

/// The lines of `text`, given as the document's line index cuts them (line breaks excluded).
fn lines(text: &str, ranges: impl Iterator<Item = Range<usize>>) -> Vec<Line> {
    (ranges)
        .map(|range| {
            let content = super::trim_range(text, range.clone()).unwrap_or(range.end..range.end);
            let shown = &text[content.clone()];
            let width = shown
                .chars()
                .map(|c| if c.is_ascii() { 1 } else { 2 })
                .sum();
            let layout = shown.contains(['\t', '\u{3000}'])
                || shown.contains("  ")
                || outline::is_contents_line(shown);
            Line {
                range,
                content,
                width,
                layout,
            }
        })
        .collect()
}

/// The width the text is wrapped at, if it is hard-wrapped.
fn wrap_width(text: &str, lines: &[Line]) -> Option<usize> {
    let mut counts = vec![0usize; MAX_WIDTH + 1];
    let mut non_empty = 0;
    for line in lines.iter().filter(|l| !l.content.is_empty()) {
        non_empty += 1;
        if (MIN_WIDTH..=MAX_WIDTH).contains(&line.width) {
            counts[line.width] += 1;
        }
    }
    // The width of the most lines, a few chars either side counted in; the wider of equals.
    let near = |w: usize| -> usize {
        counts[w.saturating_sub(SLACK)..=(w + SLACK).min(MAX_WIDTH)]
            .iter()
            .sum()
    };
    let width = (MIN_WIDTH..=MAX_WIDTH).max_by_key(|&w| (near(w), counts[w], w))?;
    let full: Vec<&Line> = (lines.iter()).filter(|l| l.is_full(width)).collect();
    let open = (full.iter())
        .filter(|l| {
            let end = text[l.content.clone()].trim_end_matches(super::is_closer);
            end.chars().next_back().is_some_and(char::is_alphanumeric)
        })
        .count();
    let paragraph_ends = (lines.windows(2))
        .filter(|pair| {
            let (last, end) = (&pair[0], &pair[1]);
            last.is_full(width)
                && !end.content.is_empty()
                && end.width + SLACK < width
                && ends_sentence(&text[end.content.clone()])
        })
        .count();
    let is_wrapped = full.len() >= MIN_FULL_LINES
        && full.len() as f64 >= MIN_FULL_SHARE * non_empty as f64
        && open as f64 >= MIN_OPEN_SHARE * full.len() as f64
        && paragraph_ends >= MIN_PARAGRAPH_ENDS;
    is_wrapped.then_some(width)
}

/// Whether the wrapped `line` runs on into `next` (see [`join`]).
fn runs_on(text: &str, line: &Line, next: &Line) -> bool {
    let this = &text[line.content.clone()];
    let after = &text[next.content.clone()];
    let ascii_word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    // A heading as wide as the lines is a title of its own unless it runs on in a clause.
    let title = starts_like_heading(this) && !this.contains(['，', '；', '：', '。']);
    let glues_words = ascii_word(this.chars().next_back()) && ascii_word(after.chars().next());
    let indented = next.content.start != next.range.start;
    !(next.content.is_empty()
        || indented
        || ends_sentence(this)
        || title
        || starts_like_heading(after)
        || glues_words)
}

/// Whether a line ends a sentence: its last char, after closing quotes and brackets, is
/// 。？！?!, an ellipsis or a full stop `.` (which typography then reports half-width).
fn ends_sentence(line: &str) -> bool {
    (line.trim_end_matches(super::is_closer).chars().next_back())
        .is_some_and(|c| super::is_terminator(c) || c == '…' || c == '.')
}

/// Whether a line starts with a heading number as the outline reads them (一、 （一） 1.
/// 第一章 附件1 and their faulty forms).
fn starts_like_heading(line: &str) -> bool {
    marker::parse(line).is_some() || outline::attachment(line).is_some()
}

/// A line that is only a page number, as PDF text keeps it: 12, - 3 -, — 4 —.
fn is_page_number(line: &str) -> bool {
    let digits = line.trim_matches(|c: char| matches!(c, '-' | '—' | '－' | ' ' | '\u{3000}'));
    !digits.is_empty() && digits.len() <= 4 && digits.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::cuts::{self, Cuts};

    /// The text with the [`breaks`] the document's line index finds removed.
    fn join(text: &str) -> Option<(String, Cuts)> {
        cuts::remove(text, breaks(text))
    }

    fn breaks(text: &str) -> Vec<Range<usize>> {
        super::breaks(text, crate::doc::PositionIndex::new(text).lines(text))
    }

    /// Two paragraphs of `n / 2` lines of `width` Han chars, each ended by a short line.
    fn wrapped(n: usize, width: usize) -> String {
        let mut out = String::new();
        for i in 0..n {
            let c = char::from_u32(0x4E00 + i as u32).unwrap();
            out.extend(std::iter::repeat_n(c, width));
            out.push('\n');
            if i + 1 == n / 2 {
                out.push_str("完。\n");
            }
        }
        out + "完。\n"
    }

    #[test]
    fn wrapped_lines_are_joined_and_mapped_back() {
        let text = wrapped(12, 20);
        assert_eq!(breaks(&text).len(), 12);
        let (joined, cuts) = join(&text).expect("hard-wrapped");
        assert_eq!(joined.replace('\n', ""), text.replace('\n', ""));
        assert_eq!(joined.matches('\n').count(), 2, "{joined}");
        // Every char of the joined text maps to the same char of the text as read.
        for (i, c) in joined.char_indices() {
            let at = cuts.source_offset(i, false);
            assert_eq!(text[at..].chars().next(), Some(c), "{i}");
        }
        // At a cut, an end stays before the removed break and a start goes after it.
        let cut = breaks(&text)[0].start;
        assert_eq!(cuts.source_offset(cut, true), cut);
        assert_eq!(cuts.source_offset(cut, false), cut + 1);
    }

    #[test]
    fn laid_out_lines_and_one_ended_paragraph_are_not_hard_wrapping() {
        // Names in columns, a table with aligned columns, a contents page.
        let names = "张三　李四　王五　赵六　孙七　周八　吴九　郑十　陈一　林二\n".repeat(14);
        let table = "加强组织领导  各部门  2025年12月底前  持续推进工作落实\n".repeat(14);
        let contents = "一、总体要求和主要目标任务……………………………………………1\n".repeat(14);
        for text in [names, table, contents] {
            assert!(join(&text).is_none(), "{text}");
        }
        // One paragraph's worth of lines: no second paragraph end to show the wrapping.
        let one = wrapped(12, 20);
        let one = &one[one.find("完。").unwrap() + "完。\n".len()..];
        assert!(join(one).is_none());
    }

    #[test]
    fn drafts_with_a_line_per_paragraph_are_left_alone() {
        let text = "一、总体要求\n".to_string()
            + &"坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。\n".repeat(3)
            + &"加快构建新发展格局，着力推动高质量发展，统筹发展和安全，推进中国式现代化。\n"
                .repeat(20);
        assert!(breaks(&text).is_empty());
        assert!(breaks("").is_empty());
        assert!(breaks("短\n").is_empty());
    }

    #[test]
    fn breaks_before_headings_indents_and_blank_lines_stay() {
        let line = "甲".repeat(20);
        let text = format!(
            "{}{line}\n一、总体要求\n{line}\n　　缩进的新段\n{line}\n\n{line}\n（二）标题\n{line}\nabc\n",
            wrapped(12, 20)
        );
        let (joined, _) = join(&text).expect("hard-wrapped");
        let tail = &joined[joined.rfind("完。").unwrap()..];
        assert_eq!(
            tail,
            format!(
                "完。\n{line}\n一、总体要求\n{line}\n　　缩进的新段\n{line}\n\n{line}\n（二）标题\n{line}abc\n"
            )
        );
    }

    #[test]
    fn a_title_as_wide_as_the_lines_is_not_joined() {
        let title = format!("（三）{}", "乙".repeat(17));
        let clause = format!("（四）{}，{}", "丙".repeat(8), "丁".repeat(8));
        let text = format!(
            "{}{title}\n{}\n{clause}\n{}\n",
            wrapped(12, 20),
            "甲".repeat(20),
            "戊".repeat(5)
        );
        let (joined, _) = join(&text).expect("hard-wrapped");
        assert!(joined.contains(&format!("{title}\n")), "{joined}");
        assert!(joined.contains(&format!("{clause}戊")), "{joined}");
    }

    #[test]
    fn page_numbers_between_wrapped_lines_are_removed() {
        let mut text = wrapped(12, 20);
        let second_break = text.match_indices('\n').nth(1).unwrap().0;
        text.insert_str(second_break + 1, "— 2 —\n");
        let (joined, _) = join(&text).expect("hard-wrapped");
        assert!(!joined.contains("— 2 —"), "{joined}");
        assert_eq!(joined.matches('\n').count(), 2, "{joined}");
        // The second break takes the page number and the break after it.
        assert_eq!(breaks(&text)[1].len(), "\n— 2 —\n".len());
    }

    #[test]
    fn ascii_words_are_not_glued() {
        let mut text = wrapped(12, 20);
        let first_break = text.find('\n').unwrap();
        text.replace_range(first_break - 3..first_break, "GDP");
        text.insert_str(first_break + 1, "abc");
        let (joined, _) = join(&text).expect("hard-wrapped");
        assert!(joined.contains("GDP\nabc"), "{joined}");
    }

    #[test]
    fn headings_are_recognised() {
        for heading in [
            "一、总体要求",
            "（一）指导思想",
            "(2)目标",
            "1.范围",
            "12、任务",
            "3）要求",
            "三）要求",
            "第三章 保障",
        ] {
            assert!(starts_like_heading(heading), "{heading}");
        }
        for prose in ["一是加强", "（注）", "2024年", "第一", "加强领导"] {
            assert!(!starts_like_heading(prose), "{prose}");
        }
        assert!(is_page_number("12") && is_page_number("— 3 —") && is_page_number("- 4 -"));
        assert!(!is_page_number("2024年") && !is_page_number("") && !is_page_number("—"));
    }
}
