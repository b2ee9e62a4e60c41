//! Text removed before the document is cut (line breaks inside hard-wrapped paragraphs,
//! Markdown markup), and the map that takes each position back to the text as read.

use std::ops::Range;

/// Where bytes were removed from a text: for each cut, in order, its byte offset in the text
/// that is left and the bytes removed up to and including it.
#[derive(Debug, Default)]
pub struct Cuts(Vec<(usize, usize)>);

impl Cuts {
    /// The offset in the text as read of a byte offset in the text that is left. At a cut, the
    /// start of a range lies after what was removed and its end before.
    pub fn source_offset(&self, byte: usize, is_end: bool) -> usize {
        let before = if is_end {
            self.0.partition_point(|&(at, _)| at < byte)
        } else {
            self.0.partition_point(|&(at, _)| at <= byte)
        };
        byte + before.checked_sub(1).map_or(0, |i| self.0[i].1)
    }

    /// The byte range in the text as read that `range` of the text that is left covers, with
    /// whatever was removed at either end: as an end, a start lies before what was removed
    /// there, and an end after.
    pub fn widest_source_range(&self, range: Range<usize>) -> Range<usize> {
        self.source_offset(range.start, true)..self.source_offset(range.end, false)
    }
}

/// `text` without the byte ranges in `removed` (in any order, overlapping or touching; each on
/// char boundaries), and the cuts that map the rest back. `None` when nothing is removed.
pub fn remove(text: &str, mut removed: Vec<Range<usize>>) -> Option<(String, Cuts)> {
    removed.retain(|r| !r.is_empty());
    if removed.is_empty() {
        return None;
    }
    removed.sort_unstable_by_key(|r| r.start);
    let mut left = String::with_capacity(text.len());
    let mut cuts: Vec<(usize, usize)> = Vec::with_capacity(removed.len());
    let mut copied = 0;
    let mut total = 0;
    for range in removed {
        let start = range.start.max(copied);
        if range.end <= start {
            continue;
        }
        left.push_str(&text[copied..start]);
        total += range.end - start;
        match cuts.last_mut() {
            // Touches the cut before: one cut.
            Some((at, sum)) if *at == left.len() => *sum = total,
            _ => cuts.push((left.len(), total)),
        }
        copied = range.end;
    }
    left.push_str(&text[copied..]);
    Some((left, Cuts(cuts)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_char_left_maps_back_to_itself() {
        let text = "## 一、**总体**要求\n正文";
        let (left, cuts) = remove(text, vec![0..3, 17..19, 9..11, 9..10]).unwrap();
        assert_eq!(left, "一、总体要求\n正文");
        for (i, c) in left.char_indices() {
            let at = cuts.source_offset(i, false);
            assert_eq!(text[at..].chars().next(), Some(c), "{i}");
        }
        assert_eq!(cuts.source_offset(left.len(), false), text.len());
    }

    #[test]
    fn ends_stay_before_a_cut_and_starts_go_after_it() {
        let text = "甲**乙**丙";
        let (left, cuts) = remove(text, vec![3..5, 8..10]).unwrap();
        assert_eq!(left, "甲乙丙");
        // 乙 as a range: its end stays before the closing **.
        assert_eq!(cuts.source_offset(3, false), 5);
        assert_eq!(cuts.source_offset(6, true), 8);
        // Widened, it takes the markup on both sides.
        assert_eq!(cuts.widest_source_range(3..6), 3..10);
    }

    #[test]
    fn touching_and_overlapping_ranges_make_one_cut() {
        let (left, cuts) = remove("abcdefgh", vec![2..4, 4..5, 3..6]).unwrap();
        assert_eq!(left, "abgh");
        assert_eq!(cuts.0, [(2, 4)]);
        assert!(remove("abc", vec![1..1, 2..2]).is_none());
        assert!(remove("abc", Vec::new()).is_none());
    }
}
