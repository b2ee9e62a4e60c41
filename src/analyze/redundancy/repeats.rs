//! Repetition: the share of repeated character n-grams, maximal repeated word
//! phrases, and words used far more often than a text of this length warrants.

use std::ops::RangeInclusive;

use rustc_hash::FxHashMap as FastMap;

use crate::doc::is_han;

/// For every `n` (from 1) in `lengths`, the share of character n-gram occurrences (Han
/// characters only, within runs of Han characters) whose n-gram occurs more than once; 0 when
/// the text has no n-gram.
///
/// An n-gram is numbered by the pair (number of its first n − 1 characters, number of its
/// last character). The places of the n-grams are sorted by that pair with two counting
/// sorts, and equal pairs, side by side, get one number: work in proportion to the text for
/// each length, reading memory in order where a table of every n-gram of a long text did not
/// fit in the caches and cost most of the time.
pub fn repeated_ngram_shares(text: &str, lengths: RangeInclusive<usize>) -> Vec<f64> {
    /// No n-gram starts here: it would cross a run's end.
    const NONE: u32 = u32::MAX;
    // The number of each Han character, in order of first use; NONE between runs.
    let mut numbers: FastMap<char, u32> = FastMap::default();
    let mut chars: Vec<u32> = Vec::with_capacity(text.len() / 3 + 1);
    for c in text.chars() {
        if is_han(c) {
            let next = numbers.len() as u32;
            chars.push(*numbers.entry(c).or_insert(next));
        } else if chars.last().is_some_and(|&last| last != NONE) {
            chars.push(NONE);
        }
    }
    let mut shares = Vec::with_capacity(lengths.clone().count());
    // The number of the (n − 1)-gram at each place, and how many numbers there are.
    let mut ids = chars.clone();
    let mut kinds = numbers.len();
    let mut by_last: Vec<u32> = Vec::with_capacity(chars.len());
    let mut sorted: Vec<u32> = Vec::with_capacity(chars.len());
    for n in 1..=*lengths.end() {
        // The places where an n-gram starts.
        let last_of = |i: u32| -> u32 {
            match n {
                1 => 0,
                _ => chars.get(i as usize + n - 1).copied().unwrap_or(NONE),
            }
        };
        let places =
            (0..ids.len() as u32).filter(|&i| ids[i as usize] != NONE && last_of(i) != NONE);
        by_last.clear();
        by_last.extend(places);
        counting_sort(&by_last, last_of, numbers.len(), &mut sorted);
        std::mem::swap(&mut by_last, &mut sorted);
        counting_sort(&by_last, |i| ids[i as usize], kinds, &mut sorted);
        // Equal pairs are side by side: one number each, and their counts.
        let mut next = vec![NONE; ids.len()];
        let (mut number, mut grams, mut repeated) = (0u32, 0usize, 0usize);
        for group in
            sorted.chunk_by(|&a, &b| ids[a as usize] == ids[b as usize] && last_of(a) == last_of(b))
        {
            for &i in group {
                next[i as usize] = number;
            }
            number += 1;
            grams += group.len();
            if group.len() > 1 {
                repeated += group.len();
            }
        }
        if lengths.contains(&n) {
            shares.push(if grams == 0 {
                0.0
            } else {
                repeated as f64 / grams as f64
            });
        }
        kinds = number as usize;
        ids = next;
    }
    shares
}

/// `items` sorted by `key` (each below `keys`) into `out`, stably, in time linear in their
/// number and `keys`.
fn counting_sort(items: &[u32], key: impl Fn(u32) -> u32, keys: usize, out: &mut Vec<u32>) {
    let mut starts = vec![0usize; keys + 1];
    for &item in items {
        starts[key(item) as usize + 1] += 1;
    }
    for k in 1..starts.len() {
        starts[k] += starts[k - 1];
    }
    out.clear();
    out.resize(items.len(), 0);
    for &item in items {
        let slot = &mut starts[key(item) as usize];
        out[*slot] = item;
        *slot += 1;
    }
}

/// A word sequence that occurs at least the minimum number of times and cannot
/// be extended left or right without losing an occurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepeatedPhrase {
    /// Index into the word list of each occurrence's first word, ascending.
    pub starts: Vec<usize>,
    /// Number of words.
    pub len: usize,
}

/// Maximal repeated phrases of 2 to `max_len` words occurring at least
/// `min_count` times.
///
/// `words` has one entry per token in text order: `Some(number)` for a word
/// (equal words, equal numbers; numbers are small, as a vocabulary gives them, since a table
/// has one entry per number), `None` for punctuation or any other break that a phrase may
/// not cross. A phrase of `max_len` words is reported even when it could grow further.
///
/// The search grows phrases one word at a time, keeping only phrases that are
/// left-maximal (not every occurrence has the same word before it): a phrase
/// that is not left-maximal cannot grow into a maximal one, so a passage
/// repeated in full costs time proportional to its length, not its square.
/// Work is at most proportional to `words.len() * max_len` (times a log for
/// the sorting that groups occurrences).
pub fn repeated_phrases(
    words: &[Option<u32>],
    min_count: usize,
    max_len: usize,
) -> Vec<RepeatedPhrase> {
    let min_count = min_count.max(2);
    let at = |i: usize| words.get(i).copied().flatten();

    // The places of each word, grouped by a counting sort (linear, where sorting every pair
    // of words was a sixth of the analyzer); a phrase can only start with a word used
    // `min_count` times, and only those groups are split further by the next word.
    let numbers = words.iter().flatten().max().map_or(0, |&n| n as usize + 1);
    let mut group_end = vec![0usize; numbers + 1];
    for &word in words.iter().flatten() {
        group_end[word as usize + 1] += 1;
    }
    for n in 1..group_end.len() {
        group_end[n] += group_end[n - 1];
    }
    let mut places = vec![0usize; group_end[numbers]];
    let mut next_slot = group_end[..numbers].to_vec();
    for (i, word) in words.iter().enumerate() {
        if let Some(word) = *word {
            places[next_slot[word as usize]] = i;
            next_slot[word as usize] += 1;
        }
    }

    let mut pending: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut by_next: Vec<(u32, usize)> = Vec::new();
    // Splits the places of a phrase of `len` words by the word after it, and queues each
    // longer phrase used often enough.
    let mut grow = |starts: &[usize], len: usize, pending: &mut Vec<(usize, Vec<usize>)>| {
        by_next.clear();
        by_next.extend(starts.iter().filter_map(|&s| Some((at(s + len)?, s))));
        by_next.sort_unstable();
        for longer in by_next.chunk_by(|a, b| a.0 == b.0) {
            if longer.len() >= min_count {
                pending.push((len + 1, longer.iter().map(|&(_, s)| s).collect()));
            }
        }
    };
    for word in 0..numbers {
        let starts = &places[group_end[word]..group_end[word + 1]];
        if starts.len() >= min_count {
            grow(starts, 1, &mut pending);
        }
    }

    let mut found = Vec::new();
    while let Some((len, starts)) = pending.pop() {
        let before = |s: usize| if s == 0 { None } else { at(s - 1) };
        let first_before = before(starts[0]);
        if first_before.is_some() && starts.iter().all(|&s| before(s) == first_before) {
            continue;
        }
        let first_after = at(starts[0] + len);
        let right_maximal = len >= max_len
            || first_after.is_none()
            || starts.iter().any(|&s| at(s + len) != first_after);
        if len < max_len {
            grow(&starts, len, &mut pending);
        }
        if right_maximal {
            found.push(RepeatedPhrase { starts, len });
        }
    }
    for phrase in &mut found {
        phrase.starts.sort_unstable();
    }
    found.sort_by(|a, b| a.starts[0].cmp(&b.starts[0]).then(b.len.cmp(&a.len)));
    found
}

/// One use of a word, as the overuse check sees it.
#[derive(Debug, Clone, Copy)]
pub struct WordUse<'a> {
    pub word: &'a str,
    /// Byte offset of the use in the document.
    pub start: usize,
    pub sentence: usize,
    pub paragraph: usize,
}

/// Where a word is overused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    Sentence(usize),
    Paragraph(usize),
    Document,
}

/// A word used too often in one scope, with the byte offset of every use there.
#[derive(Debug, Clone, PartialEq)]
pub struct Overuse<'a> {
    pub word: &'a str,
    pub scope: Scope,
    pub starts: Vec<usize>,
    /// For [`Scope::Document`]: the count a text of this length would have at
    /// the word's frequency in jieba's dictionary; 0 otherwise.
    pub expected: f64,
}

/// Thresholds of the overuse check.
#[derive(Debug, Clone, Copy)]
pub struct OveruseLimits {
    /// Flag a word used this many times in one sentence.
    pub per_sentence: usize,
    /// Flag a word used this many times in one paragraph.
    pub per_paragraph: usize,
    /// Flag a word used at least this many times in the document ...
    pub document_min: usize,
    /// ... and at least this many times its expected count.
    pub document_ratio: f64,
}

impl Default for OveruseLimits {
    fn default() -> Self {
        OveruseLimits {
            per_sentence: 3,
            per_paragraph: 4,
            document_min: 5,
            document_ratio: 25.0,
        }
    }
}

/// Sum of all frequencies in jieba's dictionary (dict.txt of jieba-rs 0.11.0).
pub const DICTIONARY_TOTAL: f64 = 60_101_964.0;

/// Frequency assumed for a word missing from the frequency list (words below
/// the list's cut-off of 50, or not in jieba's dictionary at all): the cut-off
/// itself, which keeps the expected count an over-estimate.
pub const FREQUENCY_FLOOR: u32 = 50;

/// Words overused in a sentence, a paragraph, or the whole document.
///
/// `uses` are the candidate words in text order (the caller decides which
/// words count); `total_words` is the document's number of word tokens;
/// `frequency` gives a word's frequency in jieba's dictionary.
/// A word flagged in a paragraph is not flagged again in that paragraph's
/// sentences. Output is sorted by scope then first use.
pub fn overused_words<'a>(
    uses: &[WordUse<'a>],
    total_words: usize,
    frequency: impl Fn(&str) -> Option<u32>,
    limits: OveruseLimits,
) -> Vec<Overuse<'a>> {
    let mut by_word: FastMap<&str, Vec<&WordUse>> = FastMap::default();
    for u in uses {
        by_word.entry(u.word).or_default().push(u);
    }
    let mut out = Vec::new();
    for (word, list) in by_word {
        let mut flagged_paragraphs = Vec::new();
        for group in list.chunk_by(|a, b| a.paragraph == b.paragraph) {
            // Every use in one sentence: the sentence check below reports them.
            let one_sentence = group.iter().all(|u| u.sentence == group[0].sentence);
            if group.len() >= limits.per_paragraph.max(1) && !one_sentence {
                flagged_paragraphs.push(group[0].paragraph);
                out.push(Overuse {
                    word,
                    scope: Scope::Paragraph(group[0].paragraph),
                    starts: group.iter().map(|u| u.start).collect(),
                    expected: 0.0,
                });
            }
        }
        for group in list.chunk_by(|a, b| a.sentence == b.sentence) {
            // The paragraphs are flagged in text order: a search, not a scan.
            if group.len() >= limits.per_sentence.max(1)
                && flagged_paragraphs
                    .binary_search(&group[0].paragraph)
                    .is_err()
            {
                out.push(Overuse {
                    word,
                    scope: Scope::Sentence(group[0].sentence),
                    starts: group.iter().map(|u| u.start).collect(),
                    expected: 0.0,
                });
            }
        }
        let freq = frequency(word)
            .unwrap_or(FREQUENCY_FLOOR)
            .max(FREQUENCY_FLOOR);
        let expected = total_words as f64 * f64::from(freq) / DICTIONARY_TOTAL;
        let count = list.len();
        if count >= limits.document_min.max(1) && count as f64 >= limits.document_ratio * expected {
            out.push(Overuse {
                word,
                scope: Scope::Document,
                starts: list.iter().map(|u| u.start).collect(),
                expected,
            });
        }
    }
    out.sort_by(|a, b| a.scope.cmp(&b.scope).then(a.starts[0].cmp(&b.starts[0])));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The share for one length; 0 for `n` outside 1–6.
    fn repeated_ngram_share(text: &str, n: usize) -> f64 {
        if !(1..=6).contains(&n) {
            return 0.0;
        }
        repeated_ngram_shares(text, n..=n)[0]
    }

    const T1: &str = "要当好领导的参谋助手，首先要确立领导视角的大局观，时刻以领导的视角和眼光去看待问题、分析问题、谋划问题，在各个方面为领导提供及时准确的服务和决策参考。一是在公文写作上突出“精品”意识。讲话文稿是领导计划、总结、安排部署工作的重要载体，文稿质量的高低往往体现着一个领导的风格和思路。";

    #[test]
    fn repeated_ngram_share_matches_the_reference() {
        let close = |a: f64, b: f64| (a - b).abs() < 1e-6;
        assert!(
            close(repeated_ngram_share(T1, 2), 0.140351),
            "{}",
            repeated_ngram_share(T1, 2)
        );
        assert!(
            close(repeated_ngram_share(T1, 3), 0.029703),
            "{}",
            repeated_ngram_share(T1, 3)
        );
        assert_eq!(repeated_ngram_share(T1, 4), 0.0);
    }

    #[test]
    fn repeated_ngram_share_edges() {
        assert_eq!(repeated_ngram_share("", 2), 0.0);
        assert_eq!(repeated_ngram_share("好", 2), 0.0);
        assert_eq!(repeated_ngram_share("abc abc", 2), 0.0);
        assert_eq!(repeated_ngram_share("发展，发展", 2), 1.0);
        assert_eq!(repeated_ngram_share("发展", 0), 0.0);
        assert_eq!(repeated_ngram_share("发展发展", 7), 0.0);
        assert_eq!(repeated_ngram_share("发展", 1), 0.0);
        assert_eq!(repeated_ngram_share("发发", 1), 1.0);
    }

    /// The definition, counted the plain way: every n-gram of every run, sorted.
    fn share_by_sorting(text: &str, n: usize) -> f64 {
        let mut grams: Vec<String> = Vec::new();
        for run in text.split(|c: char| !is_han(c)) {
            let chars: Vec<char> = run.chars().collect();
            grams.extend(chars.windows(n).map(|w| w.iter().collect()));
        }
        if grams.is_empty() {
            return 0.0;
        }
        grams.sort_unstable();
        let repeated: usize = (grams.chunk_by(|a, b| a == b))
            .filter(|group| group.len() > 1)
            .map(<[String]>::len)
            .sum();
        repeated as f64 / grams.len() as f64
    }

    #[test]
    fn repeated_ngram_shares_match_the_definition() {
        let texts = [
            T1,
            "发展发展发展，发展a发展 发展展发",
            "一二三四一二三四五一二三。一二三四",
            "𠀀𠀁𠀀𠀁丽丽丽",
            "",
            "abc",
        ];
        for text in texts {
            let all = repeated_ngram_shares(text, 1..=6);
            for n in 1..=6 {
                let expected = share_by_sorting(text, n);
                assert_eq!(all[n - 1], expected, "{text} {n}");
                assert_eq!(repeated_ngram_share(text, n), expected, "{text} {n}");
            }
            assert_eq!(repeated_ngram_shares(text, 2..=4), all[1..4], "{text}");
        }
    }

    fn split(text: &str) -> Vec<Option<&str>> {
        text.split(' ')
            .map(|w| if w == "|" { None } else { Some(w) })
            .collect()
    }

    /// Each word's number: its first place in the list.
    fn numbered(words: &[Option<&str>]) -> Vec<Option<u32>> {
        (words.iter())
            .map(|w| w.map(|w| words.iter().position(|&o| o == Some(w)).unwrap() as u32))
            .collect()
    }

    fn phrases(text: &str, min: usize, max: usize) -> Vec<(String, Vec<usize>)> {
        let words = split(text);
        repeated_phrases(&numbered(&words), min, max)
            .into_iter()
            .map(|p| {
                let s = p.starts[0];
                let text: Vec<&str> = words[s..s + p.len].iter().map(|w| w.unwrap()).collect();
                (text.join(" "), p.starts)
            })
            .collect()
    }

    #[test]
    fn finds_maximal_phrases() {
        type Expected<'a> = &'a [(&'a str, &'a [usize])];
        let cases: &[(&str, Expected)] = &[
            // 确保 各项 工作 three times; 各项 工作 a fourth time.
            (
                "确保 各项 工作 | 确保 各项 工作 | 确保 各项 工作 | 推动 各项 工作",
                &[
                    ("确保 各项 工作", &[0, 4, 8]),
                    ("各项 工作", &[1, 5, 9, 13]),
                ],
            ),
            // Only twice: nothing.
            ("加强 领导 | 加强 领导", &[]),
            // A break splits the phrase.
            ("加强 | 领导 加强 | 领导 加强 | 领导", &[]),
            // A passage repeated in full is one phrase.
            (
                "一 二 三 四 五 | 一 二 三 四 五 | 一 二 三 四 五",
                &[("一 二 三 四 五", &[0, 6, 12])],
            ),
        ];
        for (text, expected) in cases {
            let expected: Vec<(String, Vec<usize>)> = expected
                .iter()
                .map(|(p, s)| (p.to_string(), s.to_vec()))
                .collect();
            assert_eq!(phrases(text, 3, 10), expected, "{text}");
        }
    }

    #[test]
    fn phrase_length_is_capped() {
        let found = phrases("a b c d | a b c d | a b c d", 3, 3);
        assert_eq!(found, vec![("a b c".to_string(), vec![0, 5, 10])]);
    }

    #[test]
    fn a_long_run_of_one_word_stays_cheap() {
        let words = vec![Some(0); 20_000];
        let found = repeated_phrases(&words, 3, 8);
        assert!(found.iter().all(|p| p.len <= 8));
        assert!(!found.is_empty());
    }

    fn uses<'a>(list: &[(&'a str, usize, usize)]) -> Vec<WordUse<'a>> {
        list.iter()
            .enumerate()
            .map(|(start, &(word, sentence, paragraph))| WordUse {
                word,
                start,
                sentence,
                paragraph,
            })
            .collect()
    }

    #[test]
    fn overuse_in_sentence_and_paragraph() {
        let limits = OveruseLimits::default();
        let freq = |_: &str| Some(100_000);
        // 切实 three times in sentence 0; 确保 four times in paragraph 1 (two sentences).
        let list = uses(&[
            ("切实", 0, 0),
            ("切实", 0, 0),
            ("切实", 0, 0),
            ("确保", 1, 1),
            ("确保", 1, 1),
            ("确保", 2, 1),
            ("确保", 2, 1),
            ("落实", 3, 2),
            ("落实", 3, 2),
        ]);
        let found = overused_words(&list, 1000, freq, limits);
        let got: Vec<(&str, Scope, Vec<usize>)> = found
            .iter()
            .map(|o| (o.word, o.scope, o.starts.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("切实", Scope::Sentence(0), vec![0, 1, 2]),
                ("确保", Scope::Paragraph(1), vec![3, 4, 5, 6]),
            ]
        );
    }

    #[test]
    fn paragraph_overuse_hides_sentence_overuse() {
        let list = uses(&[
            ("确保", 0, 0),
            ("确保", 0, 0),
            ("确保", 0, 0),
            ("确保", 1, 0),
        ]);
        let found = overused_words(&list, 1000, |_| Some(100_000), OveruseLimits::default());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].scope, Scope::Paragraph(0));
    }

    #[test]
    fn a_paragraph_overuse_within_one_sentence_is_the_sentence_s() {
        // (word, sentence, paragraph)
        let list = uses(&[
            ("确保", 0, 0),
            ("确保", 0, 0),
            ("确保", 0, 0),
            ("确保", 0, 0),
        ]);
        let found = overused_words(&list, 1000, |_| Some(100_000), OveruseLimits::default());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].scope, Scope::Sentence(0));
        assert_eq!(found[0].starts.len(), 4);
    }

    #[test]
    fn document_overuse_depends_on_frequency_and_length() {
        // Five uses spread over five paragraphs of a 2,000-word text.
        let list = uses(&[
            ("确保", 0, 0),
            ("确保", 1, 1),
            ("确保", 2, 2),
            ("确保", 3, 3),
            ("确保", 4, 4),
        ]);
        let limits = OveruseLimits::default();
        // 确保 at 1,965 per 60 M: expected 0.065, 5 ≥ 25 × 0.065.
        let found = overused_words(&list, 2000, |_| Some(1965), limits);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].scope, Scope::Document);
        assert!((found[0].expected - 2000.0 * 1965.0 / DICTIONARY_TOTAL).abs() < 1e-12);
        // A common word (发展, 68,664) is expected 2.3 times: not flagged.
        assert!(overused_words(&list, 2000, |_| Some(68_664), limits).is_empty());
        // In a long text, five uses are ordinary.
        assert!(overused_words(&list, 2_000_000, |_| Some(1965), limits).is_empty());
    }
}
