//! The readability indices of 徐巍、姚振晔、陈冬华 (2021, 《会计研究》):
//! R1 = mean Han characters per clause, R2 = mean share of adverbs and
//! conjunctions per sentence, R3 = (R1 + R2) / 2. Higher is harder; the paper
//! gives no grade scale.

use serde::{Deserialize, Serialize};

/// R1, R2 and R3 of one text.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Indices {
    /// Mean Han characters per clause.
    pub r1: f64,
    /// Mean over sentences of (adverb and conjunction tokens) / (word tokens).
    pub r2: f64,
    /// (R1 + R2) / 2.
    pub r3: f64,
}

/// The jieba tags counted by R2: adverbs (d, ad, dg, df) and conjunctions (c).
pub fn is_adverb_or_conjunction(tag: &str) -> bool {
    matches!(tag, "d" | "ad" | "dg" | "df" | "c")
}

/// The indices from the Han-character count of every clause and, for every
/// sentence, the tags of its word tokens (punctuation excluded).
///
/// Clauses without Han characters and sentences without words are left out of
/// the means (a bare number or a line of dashes is not a clause); with none
/// left, the index is 0.
pub fn indices<'a, S>(clause_han: &[usize], sentence_tags: S) -> Indices
where
    S: IntoIterator,
    S::Item: IntoIterator<Item = &'a str>,
{
    let clauses: Vec<usize> = clause_han.iter().copied().filter(|&n| n > 0).collect();
    let r1 = if clauses.is_empty() {
        0.0
    } else {
        clauses.iter().sum::<usize>() as f64 / clauses.len() as f64
    };
    let mut shares = 0.0;
    let mut sentences = 0usize;
    for tags in sentence_tags {
        let (mut words, mut hits) = (0usize, 0usize);
        for tag in tags {
            words += 1;
            if is_adverb_or_conjunction(tag) {
                hits += 1;
            }
        }
        if words > 0 {
            shares += hits as f64 / words as f64;
            sentences += 1;
        }
    }
    let r2 = if sentences == 0 {
        0.0
    } else {
        shares / sentences as f64
    };
    Indices {
        r1,
        r2,
        r3: (r1 + r2) / 2.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Word tags of T1–T3 per sentence from jieba-rs 0.11.0 `tag(text, true)`.
    const T1_TAGS: &[&[&str]] = &[
        &[
            "v", "d", "n", "uj", "v", "n", "d", "v", "v", "n", "n", "uj", "n", "n", "p", "n", "uj",
            "n", "c", "n", "v", "v", "n", "vn", "n", "n", "n", "p", "l", "p", "n", "v", "c", "a",
            "uj", "vn", "c", "n", "v",
        ],
        &["v", "p", "n", "v", "f", "v", "n", "n"],
        &[
            "n", "n", "v", "n", "n", "n", "v", "n", "vn", "uj", "a", "n", "n", "n", "uj", "a", "t",
            "v", "uz", "m", "n", "uj", "n", "c", "n",
        ],
    ];
    const T2_TAGS: &[&[&str]] = &[
        &["f", "r", "v", "m", "n"],
        &["v", "v", "v", "n", "n", "l", "v", "n"],
        &["v", "v", "n", "vn", "n", "a", "v", "l", "a"],
        &["v", "v", "v", "nr", "v", "r", "vn", "i"],
        &["f", "n", "i", "v", "n"],
    ];
    const T3_TAGS: &[&[&str]] = &[
        &["r", "n", "t", "v", "m", "ul", "y"],
        &["r", "v", "d", "v", "n", "d", "v", "ul"],
    ];

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    fn check(clauses: &[usize], tags: &[&[&str]], r1: f64, r2: f64, r3: f64) {
        let found = indices(clauses, tags.iter().map(|s| s.iter().copied()));
        assert!(close(found.r1, r1), "r1 {}", found.r1);
        assert!(close(found.r2, r2), "r2 {}", found.r2);
        assert!(close(found.r3, r3), "r3 {}", found.r3);
    }

    #[test]
    fn reference_texts() {
        assert_eq!(
            T1_TAGS.iter().map(|s| s.len()).collect::<Vec<_>>(),
            [39, 8, 25]
        );
        check(
            &[10, 13, 24, 22, 14, 22, 22],
            T1_TAGS,
            18.142857,
            0.056068,
            9.099463,
        );
        check(&[2, 6, 9, 8, 9, 10, 9, 10, 4, 4, 6], T2_TAGS, 7.0, 0.0, 3.5);
        check(&[2, 6, 2, 8], T3_TAGS, 4.5, 0.125, 2.3125);
    }

    #[test]
    fn empty_parts_are_left_out() {
        let none: &[&[&str]] = &[];
        assert_eq!(
            indices(&[], none.iter().map(|s| s.iter().copied())),
            Indices::default()
        );
        // A clause with no Han character and a sentence with no word.
        let tags: &[&[&str]] = &[&[], &["d", "v"]];
        let found = indices(&[0, 4], tags.iter().map(|s| s.iter().copied()));
        assert_eq!(
            found,
            Indices {
                r1: 4.0,
                r2: 0.5,
                r3: 2.25
            }
        );
    }
}
