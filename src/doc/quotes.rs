//! Wording that is not the writer's own: quotations and the titles cited in 《》. Analyzers
//! leave their words alone (a quoted formula's parallelism is no repetition, a document's
//! title is no stock phrase), so the ranges are found once per document.

use std::ops::Range;

use super::Paragraph;

/// The quotation marks that open a quotation; the ASCII `"` also closes one it opened.
const OPENING_MARKS: [char; 5] = ['“', '‘', '「', '『', '"'];
/// The quotation marks that close any open quotation.
const CLOSING_MARKS: [char; 4] = ['”', '’', '」', '』'];

/// Whether a byte can begin a quotation mark (a test checks every mark): only there is a
/// character decoded.
fn may_begin_mark(b: u8) -> bool {
    matches!(b, b'"' | 0xE2 | 0xE3)
}

/// The byte ranges inside quotation marks (marks included), outermost only, in order. A
/// quotation left open ends with its paragraph.
pub(super) fn quotations(text: &str, paragraphs: &[Paragraph]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for p in paragraphs {
        let mut open: Vec<char> = Vec::new();
        let mut start = 0;
        let text = &text[p.range.clone()];
        let marks = (text.bytes().enumerate())
            .filter(|&(_, b)| may_begin_mark(b))
            .filter_map(|(i, _)| Some((i, text[i..].chars().next()?)));
        for (i, c) in marks {
            let at = p.range.start + i;
            let closes = match c {
                '"' => open.last() == Some(&'"'),
                _ => CLOSING_MARKS.contains(&c) && !open.is_empty(),
            };
            if closes {
                open.pop();
                if open.is_empty() {
                    out.push(start..at + c.len_utf8());
                }
            } else if OPENING_MARKS.contains(&c) {
                if open.is_empty() {
                    start = at;
                }
                open.push(c);
            }
        }
        if !open.is_empty() {
            out.push(start..p.range.end);
        }
    }
    out
}

/// The byte ranges of the titles in 《》 (marks included), in order. A 《 left open in its
/// paragraph cites nothing (typography reports it).
pub(super) fn cited_titles(text: &str, paragraphs: &[Paragraph]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for p in paragraphs {
        let text = &text[p.range.clone()];
        let mut from = 0;
        while let Some(open) = text[from..].find('《').map(|i| from + i) {
            let Some(close) = text[open..].find('》').map(|i| open + i + '》'.len_utf8()) else {
                break;
            };
            out.push(p.range.start + open..p.range.start + close);
            from = close;
        }
    }
    out
}

/// Whether `r` lies inside one of `ranges` (in order, not overlapping).
pub fn inside(ranges: &[Range<usize>], r: &Range<usize>) -> bool {
    let i = ranges.partition_point(|q| q.end <= r.start);
    ranges
        .get(i)
        .is_some_and(|q| q.start <= r.start && r.end <= q.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Document;

    #[test]
    fn quotation_ranges() {
        let doc = Document::new("甲“乙「丙」丁”戊\"己\"庚『辛\n壬“癸".to_string());
        let texts: Vec<&str> = doc
            .quotations()
            .iter()
            .map(|r| doc.str(r.clone()))
            .collect();
        assert_eq!(texts, ["“乙「丙」丁”", "\"己\"", "『辛", "“癸"]);
    }

    #[test]
    fn every_quotation_mark_begins_with_a_byte_the_scan_decodes() {
        for mark in OPENING_MARKS.iter().chain(&CLOSING_MARKS) {
            let mut buf = [0; 4];
            let lead = mark.encode_utf8(&mut buf).as_bytes()[0];
            assert!(may_begin_mark(lead), "{mark}");
        }
    }

    #[test]
    fn cited_titles_close_in_their_paragraph() {
        let doc = Document::new("学习《条例》和《规定》。\n《未完\n》".to_string());
        let texts: Vec<&str> = doc
            .cited_titles()
            .iter()
            .map(|r| doc.str(r.clone()))
            .collect();
        assert_eq!(texts, ["《条例》", "《规定》"]);
    }

    #[test]
    fn inside_needs_the_whole_range() {
        let ranges = [2..5, 8..12];
        assert!(inside(&ranges, &(2..5)));
        assert!(inside(&ranges, &(9..10)));
        assert!(!inside(&ranges, &(4..6)));
        assert!(!inside(&ranges, &(0..1)));
        assert!(!inside(&ranges, &(12..13)));
    }
}
