//! Near-duplicate sentences: exact Jaccard similarity of character 3-shingle
//! sets, with candidate pairs found through an index of rare shingles
//! (prefix filtering, Bayardo et al. 2007) instead of comparing all pairs.
//!
//! Shingles are taken over a sentence's letters and digits (Han characters
//! included) with punctuation and spaces removed, so a changed comma does not
//! hide a copy.

use rustc_hash::FxHashMap as FastMap;

/// Characters per shingle.
pub const SHINGLE: usize = 3;

/// A later sentence that nearly repeats an earlier one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NearDuplicate {
    /// Index of the earlier sentence.
    pub first: usize,
    /// Index of the later sentence.
    pub second: usize,
    /// Jaccard similarity of their shingle sets, in [threshold, 1].
    pub jaccard: f64,
}

/// For every sentence that has an earlier near-duplicate (Jaccard ≥
/// `threshold`), the most similar earlier one (the first of equals).
///
/// Sentences with fewer than `min_chars` letters and digits are skipped.
/// A threshold at or below 0 is taken as the smallest positive similarity.
/// Output is sorted by the later sentence.
pub fn near_duplicates(sentences: &[&str], threshold: f64, min_chars: usize) -> Vec<NearDuplicate> {
    let threshold = if threshold.is_nan() {
        1.0
    } else {
        threshold.clamp(f64::MIN_POSITIVE, 1.0)
    };
    let sets: Vec<Vec<u64>> = sentences
        .iter()
        .map(|s| shingles(s, min_chars.max(SHINGLE)))
        .collect();

    // Order each set by how rare its shingles are in this document.
    let mut document_frequency: FastMap<u64, u32> = FastMap::default();
    for set in &sets {
        for &shingle in set {
            *document_frequency.entry(shingle).or_default() += 1;
        }
    }
    let ordered: Vec<Vec<u64>> = sets
        .iter()
        .map(|set| {
            let mut keyed: Vec<(u32, u64)> =
                set.iter().map(|s| (document_frequency[s], *s)).collect();
            keyed.sort_unstable();
            keyed.into_iter().map(|(_, s)| s).collect()
        })
        .collect();

    // A sentence with the same shingles as an earlier one repeats it exactly
    // (Jaccard 1, the best possible): pair it with the first such sentence and
    // keep it out of the index, so many copies of one line cost no more than one.
    let mut best: FastMap<usize, (usize, f64)> = FastMap::default();
    let mut first_with: FastMap<&[u64], usize> = FastMap::default();
    let mut order: Vec<usize> = Vec::new();
    for (i, set) in sets.iter().enumerate() {
        if set.is_empty() {
            continue;
        }
        match first_with.get(set.as_slice()) {
            Some(&first) => {
                best.insert(i, (first, 1.0));
            }
            None => {
                first_with.insert(set, i);
                order.push(i);
            }
        }
    }
    // Visit sets from small to large, so every candidate in the index is no
    // larger than the set that probes it.
    order.sort_by_key(|&i| (sets[i].len(), i));

    let mut index: FastMap<u64, Vec<usize>> = FastMap::default();
    let mut seen_from: Vec<usize> = vec![usize::MAX; sets.len()];
    for &i in &order {
        let size = sets[i].len();
        let prefix = prefix_len(size, threshold);
        let min_size = threshold * size as f64 - 1e-9;
        for shingle in &ordered[i][..prefix] {
            let Some(list) = index.get(shingle) else {
                continue;
            };
            for &j in list {
                if seen_from[j] == i || (sets[j].len() as f64) < min_size {
                    continue;
                }
                seen_from[j] = i;
                let similarity = jaccard(&sets[i], &sets[j]);
                if similarity + 1e-12 < threshold {
                    continue;
                }
                let (first, second) = if j < i { (j, i) } else { (i, j) };
                let entry = best.entry(second).or_insert((first, similarity));
                if similarity > entry.1 || (similarity == entry.1 && first < entry.0) {
                    *entry = (first, similarity);
                }
            }
        }
        for &shingle in &ordered[i][..prefix] {
            index.entry(shingle).or_default().push(i);
        }
    }
    let mut out: Vec<NearDuplicate> = best
        .into_iter()
        .map(|(second, (first, jaccard))| NearDuplicate {
            first,
            second,
            jaccard,
        })
        .collect();
    out.sort_by_key(|d| d.second);
    out
}

/// Jaccard similarity of two sorted, deduplicated shingle lists.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common as f64 / (a.len() + b.len() - common) as f64
}

/// The sorted, deduplicated 3-shingles of a sentence's letters and digits;
/// empty when it has fewer than `min_chars` of them. A shingle is its three
/// code points packed into one integer, so shingles never collide.
pub fn shingles(sentence: &str, min_chars: usize) -> Vec<u64> {
    let chars: Vec<u64> = sentence
        .chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| u64::from(u32::from(c)))
        .collect();
    if chars.len() < min_chars.max(SHINGLE) {
        return Vec::new();
    }
    let mut out: Vec<u64> = chars
        .windows(SHINGLE)
        .map(|w| (w[0] << 42) | (w[1] << 21) | w[2])
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// How many of a set's rarest shingles must be indexed and probed so that any
/// two sets with Jaccard ≥ `threshold` share one of them:
/// size − ⌈threshold · size⌉ + 1.
fn prefix_len(size: usize, threshold: f64) -> usize {
    let overlap = (threshold * size as f64 - 1e-9).ceil().max(1.0) as usize;
    (size + 1).saturating_sub(overlap).clamp(1, size)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingles_skip_punctuation() {
        assert_eq!(shingles("加强，领导。", 3), shingles("加强领导", 3));
        assert_eq!(shingles("加强领导", 3).len(), 2);
        assert!(shingles("好的", 3).is_empty());
        assert!(shingles("加强领导", 5).is_empty());
    }

    #[test]
    fn jaccard_of_shingles() {
        let a = shingles("一二三四五", 3); // 一二三 二三四 三四五
        let b = shingles("一二三四六", 3); // 一二三 二三四 三四六
        assert!((jaccard(&a, &b) - 0.5).abs() < 1e-12);
        assert_eq!(jaccard(&a, &a), 1.0);
        assert_eq!(jaccard(&[], &[]), 0.0);
    }

    #[test]
    fn finds_near_duplicates() {
        let sentences = [
            "要切实加强组织领导，压实工作责任，确保各项任务落到实处。",
            "下面我讲三点意见。",
            "要切实加强组织领导，压实工作责任，确保各项任务落到实处！",
            "要加强组织领导，压实工作责任，确保各项任务落到实处。",
            "今年经济运行总体平稳，发展质量稳步提升。",
        ];
        let found = near_duplicates(&sentences, 0.8, 10);
        let pairs: Vec<(usize, usize)> = found.iter().map(|d| (d.first, d.second)).collect();
        assert_eq!(pairs, vec![(0, 2), (0, 3)]);
        assert_eq!(found[0].jaccard, 1.0);
        assert!(found[1].jaccard >= 0.8 && found[1].jaccard < 1.0);
    }

    #[test]
    fn matches_all_pairs_on_a_mixed_list() {
        // Every variant of a base sentence against the brute-force answer.
        let base = "全面推进乡村振兴加快建设农业强国扎实推动高质量发展";
        let mut sentences: Vec<String> = Vec::new();
        for (i, c) in base.chars().enumerate() {
            let mut s: String = base.chars().take(i).collect();
            s.extend(base.chars().skip(i + 1));
            sentences.push(s);
            if i % 3 == 0 {
                sentences.push(base.replace(c, "新"));
            }
        }
        sentences.push(base.to_string());
        let refs: Vec<&str> = sentences.iter().map(String::as_str).collect();
        for threshold in [0.5, 0.7, 0.8, 0.9] {
            let found = near_duplicates(&refs, threshold, 10);
            let sets: Vec<Vec<u64>> = refs.iter().map(|s| shingles(s, 10)).collect();
            let mut expected = Vec::new();
            for second in 0..refs.len() {
                let mut best: Option<(usize, f64)> = None;
                for first in 0..second {
                    let j = jaccard(&sets[first], &sets[second]);
                    if j >= threshold && best.is_none_or(|(_, b)| j > b) {
                        best = Some((first, j));
                    }
                }
                if let Some((first, jaccard)) = best {
                    expected.push(NearDuplicate {
                        first,
                        second,
                        jaccard,
                    });
                }
            }
            assert_eq!(found, expected, "threshold {threshold}");
        }
    }

    #[test]
    fn odd_thresholds_do_not_panic() {
        let s = ["加强组织领导压实责任", "加强组织领导压实责任"];
        for t in [f64::NAN, -1.0, 0.0, 2.0, 1.0] {
            let _ = near_duplicates(&s, t, 3);
        }
        assert_eq!(near_duplicates(&s, 1.0, 3).len(), 1);
        assert!(near_duplicates(&[], 0.8, 3).is_empty());
    }

    #[test]
    fn many_copies_pair_with_the_first() {
        let line = "确保各项任务落到实处";
        let sentences: Vec<&str> = std::iter::repeat_n(line, 50_000).collect();
        let found = near_duplicates(&sentences, 0.8, 3);
        assert_eq!(found.len(), 49_999);
        assert!(found.iter().all(|d| d.first == 0 && d.jaccard == 1.0));
    }

    #[test]
    fn prefix_lengths() {
        assert_eq!(prefix_len(10, 0.8), 3);
        assert_eq!(prefix_len(1, 0.8), 1);
        assert_eq!(prefix_len(10, 1.0), 1);
    }
}
