//! Answers about words remembered per thread, across documents: a batch meets the same
//! words in every report, and asking the dictionary or the tagger again cost more than the
//! rest of the check that asked.

use std::cell::RefCell;
use std::thread::LocalKey;

use rustc_hash::FxHashMap;

/// One thread's remembered answers, by [`key`].
pub type Table<V> = RefCell<FxHashMap<u128, V>>;

/// The most answers a table holds before it starts again, so that an archive full of names
/// and numbers cannot grow it without end.
pub const MAX_ENTRIES: usize = 1 << 20;

/// The longest word [`key`] numbers.
pub const MAX_KEY_CHARS: usize = 6;

/// A word of up to [`MAX_KEY_CHARS`] characters as one number, 21 bits per character: hashing
/// it hashes one integer and compares no bytes. Each character is stored as its code plus 1,
/// so no two words share a number, whatever their length. `None` for longer words.
pub fn key(word: &str) -> Option<u128> {
    let mut key = 0u128;
    for (i, c) in word.chars().enumerate() {
        if i == MAX_KEY_CHARS {
            return None;
        }
        key = (key << 21) | u128::from(u32::from(c) + 1);
    }
    Some(key)
}

/// The answer for `word` from this thread's `table`, worked out by `answer` the first time
/// (and for every word too long to be a key).
pub fn remembered<V: Copy + 'static>(
    table: &'static LocalKey<Table<V>>,
    word: &str,
    answer: impl FnOnce() -> V,
) -> V {
    let Some(key) = key(word) else {
        return answer();
    };
    table.with_borrow_mut(|known| {
        if known.len() >= MAX_ENTRIES {
            known.clear();
        }
        *known.entry(key).or_insert_with(answer)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_tell_every_short_word_apart() {
        let words = [
            "",
            "\0",
            "\0\0",
            "a",
            "\0a",
            "a\0",
            "发展",
            "发展发展",
            "发展发展发展",
            "𠀀",
            "\u{10FFFF}",
            "\u{10FFFF}\u{10FFFF}",
        ];
        let keys: Vec<u128> = words.iter().map(|w| key(w).unwrap()).collect();
        for (i, a) in keys.iter().enumerate() {
            for (j, b) in keys.iter().enumerate() {
                assert_eq!(a == b, i == j, "{:?} {:?}", words[i], words[j]);
            }
        }
        assert_eq!(key("一二三四五六七"), None);
    }

    thread_local! {
        static LENGTHS: Table<usize> = Default::default();
    }

    #[test]
    fn answers_are_worked_out_once_per_word() {
        let mut asked = 0;
        for word in ["发展", "改革", "发展", "发展"] {
            let length = remembered(&LENGTHS, word, || {
                asked += 1;
                word.chars().count()
            });
            assert_eq!(length, 2);
        }
        assert_eq!(asked, 2);
        // Too long to be a key: asked every time.
        for _ in 0..2 {
            remembered(&LENGTHS, "一二三四五六七", || {
                asked += 1;
                7
            });
        }
        assert_eq!(asked, 4);
    }
}
