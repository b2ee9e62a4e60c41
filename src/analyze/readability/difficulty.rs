//! Word and character difficulty from data that ships with shengao:
//! jieba's dictionary frequencies (dictionaries/readability/word-frequency.txt)
//! and the 3,500 level-1 characters of 通用规范汉字表
//! (dictionaries/readability/tgh-level1.txt). See dictionaries/README-readability.md.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use crate::analyze::memo;
use crate::doc::is_han;

/// A word of 2–3 Han characters is rare when jieba's dictionary gives it a
/// frequency below this (the dictionary's frequencies total 60,101,964, so
/// the cut-off is about 0.83 per million).
pub const RARE_BELOW: u32 = 50;

static WORD_FREQUENCY_TEXT: &str =
    include_str!("../../../dictionaries/readability/word-frequency.txt");
static LEVEL1_TEXT: &str = include_str!("../../../dictionaries/readability/tgh-level1.txt");
static GONGWEN_RATE_TEXT: &str = include_str!("../../../dictionaries/readability/gongwen-rate.txt");

/// Frequencies of the Han words of 2–4 characters that jieba's dictionary lists with a
/// frequency of at least [`RARE_BELOW`], by [`memo::key`]: a lookup hashes one integer and
/// compares no bytes.
static WORD_FREQUENCY: LazyLock<FxHashMap<u128, u32>> =
    LazyLock::new(|| word_table(WORD_FREQUENCY_TEXT));

/// A `word<TAB>number` list as a table by [`memo::key`].
fn word_table(text: &'static str) -> FxHashMap<u128, u32> {
    let mut table = FxHashMap::default();
    for line in data_lines(text) {
        let Some((word, number)) = line.split_once('\t') else {
            continue;
        };
        if let (Ok(number), Some(key)) = (number.parse(), memo::key(word)) {
            table.insert(key, number);
        }
    }
    table
}

/// The block of CJK Unified Ideographs, where every level-1 character lies (a test checks).
const LEVEL1_BLOCK: std::ops::RangeInclusive<u32> = 0x4E00..=0x9FFF;

/// The level-1 characters of 通用规范汉字表, one bit per character of [`LEVEL1_BLOCK`]: the
/// check runs on every Han character of the text.
static LEVEL1: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut bits = vec![0u64; (*LEVEL1_BLOCK.end() - *LEVEL1_BLOCK.start()) as usize / 64 + 1];
    for c in data_lines(LEVEL1_TEXT).filter_map(|line| line.chars().next()) {
        if let Some(i) = level1_bit(c) {
            bits[i / 64] |= 1 << (i % 64);
        }
    }
    bits
});

fn level1_bit(c: char) -> Option<usize> {
    let code = u32::from(c);
    LEVEL1_BLOCK
        .contains(&code)
        .then(|| (code - LEVEL1_BLOCK.start()) as usize)
}

/// Builds the word-frequency and character tables now rather than on first use.
pub fn prepare() {
    LazyLock::force(&WORD_FREQUENCY);
    LazyLock::force(&LEVEL1);
    LazyLock::force(&GONGWEN_RATE);
}

fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// A word's frequency in jieba's dictionary, for Han words of 2–4 characters
/// at or above [`RARE_BELOW`]; `None` otherwise.
pub fn word_frequency(word: &str) -> Option<u32> {
    WORD_FREQUENCY.get(&memo::key(word)?).copied()
}

/// How often words occur in official texts, per million words, by [`memo::key`]
/// (dictionaries/readability/gongwen-rate.txt).
static GONGWEN_RATE: LazyLock<FxHashMap<u128, u32>> =
    LazyLock::new(|| word_table(GONGWEN_RATE_TEXT));

/// How many times per million words a word occurs in the 313 official texts of the corpus,
/// if 20 times or more there: 推进 4,148, 落实 1,296, 赋能 329.
pub fn gongwen_rate(word: &str) -> Option<u32> {
    GONGWEN_RATE.get(&memo::key(word)?).copied()
}

/// Whether a word is rare: 2–3 Han characters, listed in jieba's dictionary
/// (`in_dictionary`, which the caller asks of the segmenter) with a frequency
/// below [`RARE_BELOW`], and with a character outside the 3,500 level-1 ones
/// ([`has_uncommon_char`]). Words missing from the dictionary are counted apart,
/// as unknown.
///
/// The frequency alone is no measure: the dictionary's counts below 50 are as low for
/// 最多, 停车位 and 物业费 (3, 16, 11) as for 笃行, 擘画 and 福祉 (3, 6, 38). What sets the
/// second kind apart is a character a reader meets seldom.
pub fn is_rare_word(word: &str, in_dictionary: bool) -> bool {
    let chars = word.chars().count();
    in_dictionary
        && (2..=3).contains(&chars)
        && word.chars().all(is_han)
        && word_frequency(word).is_none()
        && has_uncommon_char(word)
}

/// Whether a word holds a Han character outside the 3,500 level-1 characters: a word
/// missing from the dictionary counts as unknown only then (赓续, 踔厉), since one built
/// of common characters (网格员, 获得感) reads as plainly as its parts.
pub fn has_uncommon_char(word: &str) -> bool {
    word.chars().any(|c| is_han(c) && !is_level1(c))
}

/// Whether a token is a four-character idiom or set phrase: jieba tag `i`
/// (成语) or `l` (习用语) and exactly four Han characters.
pub fn is_idiom(word: &str, tag: &str) -> bool {
    matches!(tag, "i" | "l") && word.chars().count() == 4 && word.chars().all(is_han)
}

/// Whether a word is an enumerator such as 一是 or 十二是 (Chinese numerals and 是).
pub fn is_enumerator(word: &str) -> bool {
    word.strip_suffix('是').is_some_and(|number| {
        !number.is_empty() && number.chars().all(|c| "一二三四五六七八九十".contains(c))
    })
}

/// Whether a Han character is among the 3,500 level-1 characters.
pub fn is_level1(c: char) -> bool {
    level1_bit(c).is_some_and(|i| LEVEL1[i / 64] & (1 << (i % 64)) != 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustc_hash::FxHashSet;

    #[test]
    fn level1_table_is_complete_and_clean() {
        let chars: Vec<char> = data_lines(LEVEL1_TEXT)
            .map(|l| l.chars().next().unwrap())
            .collect();
        assert_eq!(chars.len(), 3500);
        let set: FxHashSet<char> = chars.iter().copied().collect();
        assert_eq!(set.len(), 3500, "duplicates");
        let bits: u32 = LEVEL1.iter().map(|w| w.count_ones()).sum();
        assert_eq!(bits, 3500, "a character outside the block");
        for line in data_lines(LEVEL1_TEXT) {
            assert_eq!(line.chars().count(), 1, "{line}");
            assert!(is_han(line.chars().next().unwrap()), "{line}");
        }
        assert_eq!(chars[0], '一');
        for c in ['的', '国', '发', '展', '领', '导'] {
            assert!(is_level1(c), "{c}");
        }
        // Level 2 and 3 characters, a traditional form, and characters outside the block.
        for c in ['邴', '璩', '鬲', '國', '㐀', '𠀀', 'a', '〇'] {
            assert!(!is_level1(c), "{c}");
        }
    }

    #[test]
    fn frequency_list_is_sorted_and_clean() {
        let mut previous = "";
        let mut count = 0;
        for line in data_lines(WORD_FREQUENCY_TEXT) {
            let (word, freq) = line.split_once('\t').expect(line);
            let freq: u32 = freq.parse().expect(line);
            assert!(freq >= RARE_BELOW, "{line}");
            assert!((2..=4).contains(&word.chars().count()), "{line}");
            assert!(word.chars().all(is_han), "{line}");
            assert!(word > previous, "not sorted or duplicated: {line}");
            previous = word;
            count += 1;
        }
        assert_eq!(WORD_FREQUENCY.len(), count);
        // Every listed word is found by its text.
        for line in data_lines(WORD_FREQUENCY_TEXT) {
            let (word, freq) = line.split_once('\t').unwrap();
            assert_eq!(word_frequency(word), freq.parse().ok(), "{word}");
        }
        assert_eq!(word_frequency(""), None);
        assert_eq!(word_frequency("发展发展发"), None);
        assert_eq!(word_frequency("发展"), Some(68_664));
        assert_eq!(word_frequency("确保"), Some(1_965));
        assert_eq!(word_frequency("的"), None);
    }

    #[test]
    fn gongwen_rates_are_sorted_and_clean() {
        let mut previous = "";
        for line in data_lines(GONGWEN_RATE_TEXT) {
            let (word, rate) = line.split_once('\t').expect(line);
            assert!(rate.parse::<u32>().is_ok_and(|r| r >= 1), "{line}");
            assert!((2..=4).contains(&word.chars().count()), "{line}");
            assert!(word.chars().all(is_han), "{line}");
            assert!(word > previous, "not sorted or duplicated: {line}");
            previous = word;
        }
        assert_eq!(gongwen_rate("推进"), Some(4_148));
        assert_eq!(gongwen_rate("落实"), Some(1_296));
        assert_eq!(gongwen_rate("审稿"), None);
    }

    #[test]
    fn rare_words() {
        let cases = [
            ("发展", true, false),
            ("福祉", true, true),      // frequency 38, 祉 not level 1
            ("擘画", true, true),      // frequency 6, 擘 not level 1
            ("撬动", true, false),     // frequency 26, but level-1 characters
            ("停车位", true, false),   // frequency 16, level-1 characters
            ("新质", false, false),    // not in the dictionary: unknown, not rare
            ("的", true, false),       // one character
            ("贯彻落实", true, false), // four characters
            ("3.5%", true, false),
        ];
        for (word, in_dictionary, rare) in cases {
            assert_eq!(is_rare_word(word, in_dictionary), rare, "{word}");
        }
    }

    #[test]
    fn uncommon_characters() {
        assert!(has_uncommon_char("赓续") && has_uncommon_char("踔厉奋发"));
        assert!(!has_uncommon_char("网格员") && !has_uncommon_char("获得感"));
        assert!(!has_uncommon_char("GDP") && !has_uncommon_char(""));
    }

    #[test]
    fn enumerators() {
        for (word, expected) in [
            ("一是", true),
            ("十二是", true),
            ("是", false),
            ("但是", false),
        ] {
            assert_eq!(is_enumerator(word), expected, "{word}");
        }
    }

    #[test]
    fn idioms() {
        assert!(is_idiom("取得实效", "i"));
        assert!(is_idiom("切实加强", "l"));
        assert!(!is_idiom("各个方面", "n"));
        assert!(!is_idiom("实事求是地", "l"));
    }
}
