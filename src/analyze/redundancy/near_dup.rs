//! Near-duplicate sentences. Two measures: the exact Jaccard similarity of the sentences'
//! character 3-shingle sets, which sees clauses moved about, and, for a pair whose Jaccard
//! falls short of the threshold, the share of characters that the fewest edits leave unchanged (1 − Levenshtein distance / the longer
//! length), which sees a word put in or left out (每月都开展 for 每月开展): each such edit
//! breaks three shingles. Candidate pairs come from an index of rare shingles (prefix
//! filtering, Bayardo et al. 2007) instead of comparing all pairs, from a Jaccard of half the
//! threshold: a pair alike by edits that shares fewer shingles than that is not found. Edits
//! are counted only between sentences of 20 to 150 letters and digits, nine-tenths Han, whose
//! lengths without their figures differ (a word put in or left out), and must reach halfway
//! from the threshold to 1.
//!
//! Both are taken over a sentence's letters and digits (Han characters included) with
//! punctuation and spaces removed, so a changed comma does not hide a copy.

use rustc_hash::FxHashMap as FastMap;

use crate::analyze::structure::marker;
use crate::analyze::structure::numeral::is_numeral_char;
use crate::analyze::work::{self, Step};

/// Characters per shingle.
pub const SHINGLE: usize = 3;

/// A later sentence that nearly repeats an earlier one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NearDuplicate {
    /// Index of the earlier sentence.
    pub first: usize,
    /// Index of the later sentence.
    pub second: usize,
    /// The Jaccard when it reaches the threshold, else the edit similarity; in [threshold, 1].
    pub similarity: f64,
    /// Which measure gave it.
    pub measure: Measure,
}

/// The measure a similarity comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Jaccard similarity of the character 3-shingle sets.
    Shingles,
    /// 1 − Levenshtein distance / the longer length, in characters.
    Edits,
}

/// Candidate pairs are looked for from this share of the threshold, in Jaccard.
const CANDIDATE_SHARE: f64 = 0.5;

/// The most index entries one sentence looks at for its candidates. Many sentences alike but
/// for a figure (第1项工作已经完成…, 第2项…) share all their shingles but one, and without a
/// bound each would be compared with every earlier one: quadratic. With it, a sentence finds
/// its near-duplicate among the latest sentences that share its rarest shingles. A draft has
/// far fewer candidates than this for any sentence, so none is missed there: in the 313
/// reports of the test corpus no sentence looks at more than 161.
pub const PROBE_BUDGET: usize = 512;

/// The most earlier sentences one sentence is compared with; in the 313 reports of the test
/// corpus none is compared with more than 60.
pub const COMPARE_BUDGET: usize = 128;

/// The shingle sets of a list of sentences, stored one after another in one
/// buffer (a sentence has a few dozen shingles; one allocation each was a
/// large part of the time).
#[derive(Debug, Clone, Default)]
pub struct ShingleSets {
    shingles: Vec<u64>,
    /// Where each set ends in `shingles`; it starts where the previous one ends.
    ends: Vec<usize>,
    /// The letters and digits of the sentences that have shingles, one after another.
    letters: Vec<char>,
    /// Where each sentence's letters end in `letters`.
    letter_ends: Vec<usize>,
}

impl ShingleSets {
    /// The sorted, deduplicated 3-shingles of each sentence's letters and
    /// digits; an empty set for a sentence with fewer than `min_chars` (or 3)
    /// of them. A shingle is its three code points packed into one integer,
    /// so shingles never collide.
    pub fn new(sentences: &[&str], min_chars: usize) -> ShingleSets {
        let min_chars = min_chars.max(SHINGLE);
        let mut shingles: Vec<u64> = Vec::new();
        let mut ends = Vec::with_capacity(sentences.len());
        let mut letters = Vec::new();
        let mut letter_ends = Vec::with_capacity(sentences.len());
        for sentence in sentences {
            let start = shingles.len();
            let letters_start = letters.len();
            // The two characters before the current one, and how many so far.
            let (mut first, mut second, mut count) = (0u64, 0u64, 0usize);
            for c in sentence.chars().filter(|&c| is_letter_or_digit(c)) {
                letters.push(c);
                let c = u64::from(u32::from(c));
                count += 1;
                if count >= SHINGLE {
                    shingles.push((first << 42) | (second << 21) | c);
                }
                (first, second) = (second, c);
            }
            if count < min_chars {
                shingles.truncate(start);
                letters.truncate(letters_start);
            } else {
                let set = &mut shingles[start..];
                set.sort_unstable();
                let kept = dedup_sorted(set);
                shingles.truncate(start + kept);
            }
            ends.push(shingles.len());
            letter_ends.push(letters.len());
        }
        ShingleSets {
            shingles,
            ends,
            letters,
            letter_ends,
        }
    }

    /// The number of sentences.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are no sentences.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The shingles of sentence `i`, sorted.
    pub fn get(&self, i: usize) -> &[u64] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.shingles[start..self.ends[i]]
    }

    /// The letters and digits of sentence `i` (none when it has no shingles).
    pub fn letters(&self, i: usize) -> &[char] {
        let start = if i == 0 { 0 } else { self.letter_ends[i - 1] };
        &self.letters[start..self.letter_ends[i]]
    }

    /// The sentences long enough to have shingles.
    pub fn compared(&self) -> usize {
        (0..self.len()).filter(|&i| !self.get(i).is_empty()).count()
    }
}

/// Moves the distinct values of a sorted slice to its front; returns how many.
fn dedup_sorted(set: &mut [u64]) -> usize {
    let mut kept = 0;
    for i in 0..set.len() {
        if kept == 0 || set[i] != set[kept - 1] {
            set[kept] = set[i];
            kept += 1;
        }
    }
    kept
}

/// How alike sentences `i` and `j` are, when they are near-duplicates at `threshold`: their
/// Jaccard similarity when that reaches it, else their edit similarity when their Jaccard
/// is at least the candidates' floor and the edits reach the threshold.
fn alike(sets: &ShingleSets, i: usize, j: usize, threshold: f64) -> Option<(f64, Measure)> {
    let jaccard = jaccard(sets.get(i), sets.get(j));
    if jaccard + 1e-12 >= threshold {
        return Some((jaccard, Measure::Shingles));
    }
    if jaccard + 1e-12 < threshold * CANDIDATE_SHARE {
        return None;
    }
    let (a, b) = (sets.letters(i), sets.letters(j));
    if !is_prose(a) || !is_prose(b) {
        return None;
    }
    // Edits are for a word put in or left out. Sentences as long as each other once their
    // figures are set aside state parallel facts (先进集体 / 先进个人, 到二〇二五年…百分之四十二 /
    // 到二〇二七年…百分之四十五); a word changed in a longer sentence breaks few shingles.
    let words = |s: &[char]| s.iter().filter(|&&c| !is_figure(c)).count();
    if words(a) == words(b) {
        return None;
    }
    let edits = edit_similarity(a, b, edit_bar(threshold))?;
    Some((edits, Measure::Edits))
}

/// Whether a sentence's letters and digits may be compared by edits: short lines and lines
/// of codes and figures (GB/T 40654-2021, 责任单位：…) differ in few characters by nature.
fn is_prose(s: &[char]) -> bool {
    let han = s.iter().filter(|&&c| crate::doc::is_han(c)).count();
    han >= EDIT_MIN_HAN && han * 10 >= s.len() * 9 && s.len() <= EDIT_MAX_CHARS
}

/// The edit similarity a pair needs at `threshold`: halfway from it to 1 (0.9 at 0.8). A
/// sentence with a word put in keeps more of its characters than a parallel
/// sentence with another fact (东城区…十二个 / 西城区…九个, 能立即整改…当场 / 不能立即整改…限期).
fn edit_bar(threshold: f64) -> f64 {
    (1.0 + threshold) / 2.0
}

/// Digits (half- and full-width) and Chinese numerals, with 〇 and the large units 万 and 亿.
fn is_figure(c: char) -> bool {
    marker::is_digit(c) || is_numeral_char(c) || matches!(c, '〇' | '万' | '亿')
}

/// The fewest Han characters a sentence needs to be compared by edits.
const EDIT_MIN_HAN: usize = 20;

/// The most letters and digits a sentence may have to be compared by edits, which cost the
/// product of the two lengths. In a longer sentence a few edits break few of its shingles,
/// and the Jaccard sees them.
const EDIT_MAX_CHARS: usize = 150;

/// 1 − Levenshtein distance / the longer length, when that reaches `threshold` (the lengths
/// alone may rule it out).
fn edit_similarity(a: &[char], b: &[char], threshold: f64) -> Option<f64> {
    let longer = a.len().max(b.len());
    if longer == 0 || (a.len().min(b.len()) as f64) < threshold * longer as f64 - 1e-9 {
        return None;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &x) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (k, &y) in b.iter().enumerate() {
            let substituted = diagonal + usize::from(x != y);
            diagonal = row[k + 1];
            row[k + 1] = substituted.min(row[k] + 1).min(diagonal + 1);
        }
    }
    let similarity = 1.0 - row[b.len()] as f64 / longer as f64;
    (similarity + 1e-12 >= threshold).then_some(similarity)
}

/// For every sentence that has an earlier near-duplicate (a similarity ≥ `threshold`), the
/// most similar earlier one (the first of equals). Sentences without shingles (shorter than
/// [`ShingleSets::new`]'s minimum) are skipped. A threshold at or below 0 is taken as the
/// smallest positive similarity. Output is sorted by the later sentence.
pub fn near_duplicates_of(sets: &ShingleSets, threshold: f64) -> Vec<NearDuplicate> {
    let threshold = if threshold.is_nan() {
        1.0
    } else {
        threshold.clamp(f64::MIN_POSITIVE, 1.0)
    };
    // The Jaccard from which pairs are candidates.
    let floor = threshold * CANDIDATE_SHARE;

    // Number the distinct shingles, and count the sets each is in (a set
    // holds a shingle at most once).
    let all = &sets.shingles;
    let mut number: FastMap<u64, u32> =
        FastMap::with_capacity_and_hasher(all.len(), Default::default());
    let mut ids: Vec<u32> = Vec::with_capacity(all.len());
    let mut document_frequency: Vec<u32> = Vec::new();
    for &shingle in all {
        let next = document_frequency.len() as u32;
        let id = *number.entry(shingle).or_insert(next);
        if id == next {
            document_frequency.push(0);
        }
        document_frequency[id as usize] += 1;
        ids.push(id);
    }
    let ids_of = |i: usize| {
        let start = if i == 0 { 0 } else { sets.ends[i - 1] };
        &ids[start..sets.ends[i]]
    };

    // A sentence with the same shingles as an earlier one repeats it exactly
    // (Jaccard 1, the best possible): pair it with the first such sentence and
    // keep it out of the index, so many copies of one line cost no more than one.
    let mut best: Vec<Option<(usize, f64, Measure)>> = vec![None; sets.len()];
    let mut first_with: FastMap<&[u64], usize> = FastMap::default();
    let mut order: Vec<usize> = Vec::new();
    for (i, found) in best.iter_mut().enumerate() {
        let set = sets.get(i);
        if set.is_empty() {
            continue;
        }
        match first_with.get(set) {
            Some(&first) => *found = Some((first, 1.0, Measure::Shingles)),
            None => {
                first_with.insert(set, i);
                order.push(i);
            }
        }
    }
    // Visit sets from small to large, so every candidate in the index is no
    // larger than the set that probes it.
    order.sort_by_key(|&i| (sets.get(i).len(), i));

    // Each set's prefix: its `prefix_len` rarest shingles, the rarest first by
    // (document frequency, shingle number); only which shingles are in it matters. Any one
    // order of all shingles finds every pair, and both halves fit in one integer.
    let mut prefixes: Vec<u32> = Vec::new();
    let mut prefix_ends: Vec<usize> = Vec::with_capacity(order.len());
    let mut keyed: Vec<u64> = Vec::new();
    // Only two sentences of prose can be alike by edits, which needs a Jaccard of `floor`;
    // any other pair needs the threshold, and a shorter prefix finds it. (A pair of Jaccard ≥
    // the threshold shares a shingle of the two prefixes at the threshold, and a prefix at
    // `floor` holds the one at the threshold.)
    let prose: Vec<bool> = (0..sets.len()).map(|i| is_prose(sets.letters(i))).collect();
    let least_jaccard = |i: usize| if prose[i] { floor } else { threshold };
    let bar = edit_bar(threshold);
    for &i in &order {
        let set = sets.get(i);
        keyed.clear();
        keyed.extend(
            (ids_of(i).iter())
                .map(|&id| (u64::from(document_frequency[id as usize]) << 32) | u64::from(id)),
        );
        let prefix = prefix_len(set.len(), least_jaccard(i));
        keyed.select_nth_unstable(prefix - 1);
        prefixes.extend(keyed[..prefix].iter().map(|&key| key as u32));
        prefix_ends.push(prefixes.len());
    }

    // The index: for each shingle, the sets visited so far whose prefix holds
    // it, in one buffer with room reserved per shingle.
    let mut slot_start: Vec<usize> = vec![0; document_frequency.len() + 1];
    for &id in &prefixes {
        slot_start[id as usize + 1] += 1;
    }
    for id in 1..slot_start.len() {
        slot_start[id] += slot_start[id - 1];
    }
    let mut slot_end: Vec<usize> = slot_start[..document_frequency.len()].to_vec();
    let mut slots: Vec<usize> = vec![0; prefixes.len()];

    let mut seen_from: Vec<usize> = vec![usize::MAX; sets.len()];
    let mut prefix_start = 0;
    let (mut looked_at, mut compared) = (0u64, 0u64);
    for (&i, &prefix_end) in order.iter().zip(&prefix_ends) {
        let set = sets.get(i);
        let prefix = &prefixes[prefix_start..prefix_end];
        prefix_start = prefix_end;
        let min_size = least_jaccard(i) * set.len() as f64 - 1e-9;
        // A candidate this much smaller cannot reach the threshold by shingles.
        let alike_size = threshold * set.len() as f64 - 1e-6;
        let letters = sets.letters(i).len() as f64;
        // The entries this sentence may still look at: the rarest shingles come first, and
        // in each the latest sets, the nearest in size.
        let (mut budget, mut comparisons) = (PROBE_BUDGET, COMPARE_BUDGET);
        'probe: for &id in prefix {
            let id = id as usize;
            for &j in slots[slot_start[id]..slot_end[id]].iter().rev() {
                if budget == 0 || comparisons == 0 {
                    break 'probe;
                }
                budget -= 1;
                let other = sets.get(j);
                if seen_from[j] == i || (other.len() as f64) < min_size {
                    continue;
                }
                // Too small to be alike by shingles, and not two sentences of prose about as
                // long as each other, as a pair alike by edits is.
                if (other.len() as f64) < alike_size
                    && !(prose[i] && prose[j] && {
                        let other = sets.letters(j).len() as f64;
                        other.min(letters) >= bar * other.max(letters) - 1e-6
                    })
                {
                    continue;
                }
                seen_from[j] = i;
                comparisons -= 1;
                compared += (set.len() + other.len()) as u64;
                let Some((similarity, measure)) = alike(sets, i, j, threshold) else {
                    continue;
                };
                let (first, second) = if j < i { (j, i) } else { (i, j) };
                let entry = best[second].get_or_insert((first, similarity, measure));
                if similarity > entry.1 || (similarity == entry.1 && first < entry.0) {
                    *entry = (first, similarity, measure);
                }
            }
        }
        looked_at += (PROBE_BUDGET - budget) as u64;
        for &id in prefix {
            let id = id as usize;
            slots[slot_end[id]] = i;
            slot_end[id] += 1;
        }
    }
    work::add(Step::NearDuplicateCandidates, looked_at);
    work::add(Step::NearDuplicateComparisons, compared);
    best.into_iter()
        .enumerate()
        .filter_map(|(second, found)| {
            found.map(|(first, similarity, measure)| NearDuplicate {
                first,
                second,
                similarity,
                measure,
            })
        })
        .collect()
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

/// `char::is_alphanumeric`, with the common characters of a Chinese text (ASCII,
/// the main Han blocks, CJK and full-width punctuation) answered without the
/// Unicode table search, which is slow for Han. A test checks every char.
fn is_letter_or_digit(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' => true,
        '\u{2000}'..='\u{206F}'
        | '\u{3000}'..='\u{3004}'
        | '\u{3008}'..='\u{3011}'
        | '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}' => false,
        _ => c.is_alphanumeric(),
    }
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

    fn near_duplicates(sentences: &[&str], threshold: f64, min_chars: usize) -> Vec<NearDuplicate> {
        near_duplicates_of(&ShingleSets::new(sentences, min_chars), threshold)
    }

    fn shingles(sentence: &str, min_chars: usize) -> Vec<u64> {
        ShingleSets::new(&[sentence], min_chars).get(0).to_vec()
    }

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
        assert_eq!(found[0].similarity, 1.0);
        assert!(found[1].similarity >= 0.8 && found[1].similarity < 1.0);
        assert_eq!(found[1].measure, Measure::Shingles);
    }

    #[test]
    fn words_put_in_are_seen_by_edits() {
        let sentences = [
            "学校每月开展一次应急疏散演练，每学期对全体学生进行防溺水专题教育。",
            "学校每月都开展一次应急疏散演练，每学期都对全体学生进行防溺水专题教育。",
        ];
        let sets = ShingleSets::new(&sentences, 10);
        // Two characters put in break six shingles: their Jaccard stays below 0.8.
        assert!(jaccard(sets.get(0), sets.get(1)) < 0.8);
        let found = near_duplicates(&sentences, 0.8, 10);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].measure, Measure::Edits);
        // 2 edits in 33 characters.
        assert!((found[0].similarity - (1.0 - 2.0 / 33.0)).abs() < 1e-9);
        // Parallel sentences with other facts or other figures are no copies.
        for pair in [
            [
                "东城区今年新建社区养老服务中心十二个，覆盖全部街道。",
                "西城区今年新建社区养老服务中心九个，覆盖全部街道。",
            ],
            [
                "对于能立即整改的问题，要督促相关企业当场整改到位。",
                "对于不能立即整改的问题，要督促相关企业限期整改到位。",
            ],
            [
                "到二〇二五年，全市森林覆盖率达到百分之四十二，湿地保护率达到百分之五十五。",
                "到二〇二七年，全市森林覆盖率达到百分之四十五，湿地保护率达到百分之六十。",
            ],
            [
                "我代表市委、市政府，向受到表彰的先进集体表示热烈的祝贺！",
                "我代表市委、市政府，向受到表彰的先进个人表示热烈的祝贺！",
            ],
        ] {
            assert!(near_duplicates(&pair, 0.8, 10).is_empty(), "{pair:?}");
        }
        // Lines of codes and figures, and short lines, are compared by shingles only.
        let codes = ["GB/T 36211.1-2018 已发布", "GB/T 36211.2-2019 已发布"];
        assert!(near_duplicates(&codes, 0.8, 10).is_empty());
        // Nor are sentences too long to compare by edits in little time. A sentence of
        // distinct characters with 都 put in every 16: alike by edits (0.94), not by shingles
        // (about 0.7); found at 80 characters, not at 160.
        let with_du = |len: u32| {
            let base: String = (0..len)
                .map(|k| char::from_u32(0x4E10 + 7 * k).unwrap())
                .collect();
            let mut edited = String::new();
            for (k, c) in base.chars().enumerate() {
                edited.push(c);
                if k % 16 == 15 {
                    edited.push('都');
                }
            }
            ShingleSets::new(&[base.as_str(), edited.as_str()], 10)
        };
        assert_eq!(
            alike(&with_du(80), 0, 1, 0.8).map(|(_, m)| m),
            Some(Measure::Edits)
        );
        assert_eq!(alike(&with_du(160), 0, 1, 0.8), None);
    }

    #[test]
    fn edit_similarity_counts_the_fewest_edits() {
        let chars = |s: &str| s.chars().collect::<Vec<char>>();
        let e = |a: &str, b: &str| edit_similarity(&chars(a), &chars(b), 0.0);
        assert_eq!(e("abcd", "abcd"), Some(1.0));
        assert_eq!(e("abcd", "abxd"), Some(0.75));
        assert_eq!(e("abcd", "abd"), Some(0.75));
        assert_eq!(e("kitten", "sitting").map(|s| (s * 7.0).round()), Some(4.0));
        // The lengths alone rule a pair out.
        assert_eq!(edit_similarity(&chars("ab"), &chars("abcdefgh"), 0.8), None);
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
            let sets = ShingleSets::new(&refs, 10);
            let mut expected = Vec::new();
            for second in 0..refs.len() {
                let mut best: Option<(usize, f64, Measure)> = None;
                for first in 0..second {
                    if let Some((s, measure)) = alike(&sets, first, second, threshold)
                        && best.is_none_or(|(_, b, _)| s > b)
                    {
                        best = Some((first, s, measure));
                    }
                }
                if let Some((first, similarity, measure)) = best {
                    expected.push(NearDuplicate {
                        first,
                        second,
                        similarity,
                        measure,
                    });
                }
            }
            // Edits find pairs that shingles alone miss.
            if threshold == 0.9 {
                assert!(found.iter().any(|d| d.measure == Measure::Edits));
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
        assert!(found.iter().all(|d| d.first == 0 && d.similarity == 1.0));
    }

    #[test]
    fn letters_and_digits_as_the_standard_library_says() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn prefix_lengths() {
        assert_eq!(prefix_len(10, 0.8), 3);
        assert_eq!(prefix_len(1, 0.8), 1);
        assert_eq!(prefix_len(10, 1.0), 1);
    }
}
