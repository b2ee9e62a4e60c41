//! Summaries of length lists: mean, median and percentiles.

use serde::{Deserialize, Serialize};

/// Summary of a list of lengths (of sentences or clauses, in Han characters
/// or in word tokens). All zero for an empty list.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct LengthStats {
    /// How many units were measured.
    pub count: usize,
    /// Arithmetic mean.
    pub mean: f64,
    /// 50th percentile.
    pub median: f64,
    /// 90th percentile.
    pub p90: f64,
    /// The longest.
    pub max: usize,
}

impl LengthStats {
    /// Summarise `lengths` (any order).
    pub fn of(lengths: &[usize]) -> LengthStats {
        if lengths.is_empty() {
            return LengthStats::default();
        }
        let mut sorted = lengths.to_vec();
        sorted.sort_unstable();
        let sum: usize = sorted.iter().sum();
        LengthStats {
            count: sorted.len(),
            mean: sum as f64 / sorted.len() as f64,
            median: percentile(&sorted, 50.0),
            p90: percentile(&sorted, 90.0),
            max: sorted[sorted.len() - 1],
        }
    }
}

/// The `p`-th percentile (0–100) of a sorted list, interpolating linearly
/// between the two nearest ranks (the default of numpy and R type 7).
/// 0 for an empty list; `p` outside 0–100 is clamped.
pub fn percentile(sorted: &[usize], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let p = if p.is_nan() {
        50.0
    } else {
        p.clamp(0.0, 100.0)
    };
    let rank = p / 100.0 * (sorted.len() - 1) as f64;
    let low = rank.floor() as usize;
    let high = rank.ceil() as usize;
    let fraction = rank - low as f64;
    sorted[low] as f64 + (sorted[high] as f64 - sorted[low] as f64) * fraction
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_interpolate() {
        let cases: &[(&[usize], f64, f64)] = &[
            (&[], 50.0, 0.0),
            (&[7], 90.0, 7.0),
            (&[1, 2, 3, 4], 50.0, 2.5),
            (&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90.0, 9.1),
            (&[1, 2, 3], 0.0, 1.0),
            (&[1, 2, 3], 100.0, 3.0),
            (&[1, 2, 3], 250.0, 3.0),
            (&[1, 2, 3], f64::NAN, 2.0),
        ];
        for &(list, p, expected) in cases {
            assert!(
                (percentile(list, p) - expected).abs() < 1e-12,
                "{list:?} {p}"
            );
        }
    }

    #[test]
    fn stats_of_t1_sentences() {
        // T1's sentences: 69, 14, 44 Han characters.
        let stats = LengthStats::of(&[69, 14, 44]);
        assert_eq!(stats.count, 3);
        assert!((stats.mean - 127.0 / 3.0).abs() < 1e-12);
        assert_eq!(stats.median, 44.0);
        assert!((stats.p90 - 64.0).abs() < 1e-12);
        assert_eq!(stats.max, 69);
        assert_eq!(LengthStats::of(&[]), LengthStats::default());
    }
}
