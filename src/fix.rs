//! Applying suggestions to text: `shengao fix`.
//!
//! Only findings that carry a suggestion are applied; a suggestion is the exact
//! replacement for its span. Edits that overlap an earlier one are left for the next
//! pass, and fixing repeats until the text no longer changes, so fixing a fixed text
//! changes nothing.

use std::ops::Range;

/// One replacement: `range` (bytes) of the text becomes `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

/// Applies the edits that fit: in bounds, on character boundaries, changing something, and
/// not overlapping an edit before them (by start, then by length). Returns the new text and
/// how many edits were applied.
pub fn apply_edits(text: &str, edits: &[Edit]) -> (String, usize) {
    let mut order: Vec<&Edit> = edits
        .iter()
        .filter(|e| {
            e.range.start <= e.range.end
                && text.is_char_boundary(e.range.start)
                && text.is_char_boundary(e.range.end)
                && text.get(e.range.clone()) != Some(e.replacement.as_str())
        })
        .collect();
    order.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut done = 0; // bytes of `text` already copied or replaced
    let mut applied = 0;
    for e in order {
        // An insertion at the very end of an earlier replacement is an overlap too.
        if e.range.start < done || (applied > 0 && e.range.start == done && e.range.is_empty()) {
            continue;
        }
        out.push_str(&text[done..e.range.start]);
        out.push_str(&e.replacement);
        done = e.range.end;
        applied += 1;
    }
    out.push_str(&text[done..]);
    (out, applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(range: Range<usize>, replacement: &str) -> Edit {
        Edit {
            range,
            replacement: replacement.to_string(),
        }
    }

    #[test]
    fn applies_in_order_and_skips_overlaps() {
        let text = "我们,要坚持。。";
        let cases: &[(&[Edit], &str, usize)] = &[
            (&[], "我们,要坚持。。", 0),
            (&[edit(6..7, "，")], "我们，要坚持。。", 1),
            (&[edit(16..22, "。"), edit(6..7, "，")], "我们，要坚持。", 2),
            // Overlapping: the first by position wins; the other waits for the next pass.
            (
                &[edit(6..10, "，要"), edit(6..7, "，")],
                "我们，要坚持。。",
                1,
            ),
            (
                &[edit(3..7, "们，"), edit(6..10, "X")],
                "我们，要坚持。。",
                1,
            ),
            // Out of bounds, inside a character, or changing nothing: ignored.
            (&[edit(20..40, "")], "我们,要坚持。。", 0),
            (&[edit(1..3, "")], "我们,要坚持。。", 0),
            (&[edit(6..7, ",")], "我们,要坚持。。", 0),
            // Insertions and deletions.
            (&[edit(0..0, "　　")], "　　我们,要坚持。。", 1),
            (&[edit(19..22, "")], "我们,要坚持。", 1),
        ];
        for (edits, want, count) in cases {
            assert_eq!(
                apply_edits(text, edits),
                (want.to_string(), *count),
                "{edits:?}"
            );
        }
    }
}
