//! The one shared jieba-rs instance.
//!
//! Loading jieba's dictionary takes a noticeable fraction of a second, so it happens once per
//! process, on first use, and every thread shares the result.

use std::sync::LazyLock;

use jieba_rs::Jieba;

/// Terms of the genre jieba's own dictionary splits (碳中和, 一网通办); see dictionaries/README.md.
const USER_DICT: &str = include_str!("../dictionaries/user.dict");

static JIEBA: LazyLock<Jieba> = LazyLock::new(|| {
    let mut jieba = Jieba::new();
    jieba
        .load_dict(&mut USER_DICT.as_bytes())
        .expect("dictionaries/user.dict is checked by its test");
    jieba
});

/// The shared segmenter: jieba's default dictionary plus `dictionaries/user.dict`.
pub fn jieba() -> &'static Jieba {
    &JIEBA
}

/// Loads jieba-rs's part-of-speech HMM, which it otherwise reads on the first tagged word it
/// does not know. The model is global, so an empty segmenter (every character unknown) loads
/// it without waiting for the dictionary.
pub fn load_tagger() {
    std::hint::black_box(Jieba::empty().tag("审稿", true));
}

/// Every part-of-speech tag jieba-rs 0.11 can produce (dictionary tags, the tags its HMM
/// guesses, and `eng`/`m`/`x` for non-Han text): what [`static_tag`] must know.
#[cfg(test)]
const TAGS: &[&str] = &[
    "a", "ad", "ag", "an", "b", "bg", "c", "d", "df", "dg", "e", "en", "eng", "f", "g", "h", "i",
    "in", "j", "jn", "k", "l", "ln", "m", "mg", "mq", "n", "ng", "nr", "nrfg", "nrt", "ns", "nt",
    "nz", "o", "p", "q", "qe", "qg", "r", "rg", "rr", "rz", "s", "t", "tg", "u", "ud", "ug", "uj",
    "ul", "uv", "uz", "v", "vd", "vg", "vi", "vn", "vq", "w", "x", "y", "yg", "z", "zg",
];

/// The `'static` copy of a tag, so tokens need not borrow the segmenter's output. A tag
/// outside the known set (possible only with a user dictionary) becomes `x`. A `match`, not a
/// search: it runs once per token.
pub fn static_tag(tag: &str) -> &'static str {
    match tag {
        "a" => "a",
        "ad" => "ad",
        "ag" => "ag",
        "an" => "an",
        "b" => "b",
        "bg" => "bg",
        "c" => "c",
        "d" => "d",
        "df" => "df",
        "dg" => "dg",
        "e" => "e",
        "en" => "en",
        "eng" => "eng",
        "f" => "f",
        "g" => "g",
        "h" => "h",
        "i" => "i",
        "in" => "in",
        "j" => "j",
        "jn" => "jn",
        "k" => "k",
        "l" => "l",
        "ln" => "ln",
        "m" => "m",
        "mg" => "mg",
        "mq" => "mq",
        "n" => "n",
        "ng" => "ng",
        "nr" => "nr",
        "nrfg" => "nrfg",
        "nrt" => "nrt",
        "ns" => "ns",
        "nt" => "nt",
        "nz" => "nz",
        "o" => "o",
        "p" => "p",
        "q" => "q",
        "qe" => "qe",
        "qg" => "qg",
        "r" => "r",
        "rg" => "rg",
        "rr" => "rr",
        "rz" => "rz",
        "s" => "s",
        "t" => "t",
        "tg" => "tg",
        "u" => "u",
        "ud" => "ud",
        "ug" => "ug",
        "uj" => "uj",
        "ul" => "ul",
        "uv" => "uv",
        "uz" => "uz",
        "v" => "v",
        "vd" => "vd",
        "vg" => "vg",
        "vi" => "vi",
        "vn" => "vn",
        "vq" => "vq",
        "w" => "w",
        "x" => "x",
        "y" => "y",
        "yg" => "yg",
        "z" => "z",
        "zg" => "zg",
        _ => "x",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_tag_maps_to_itself() {
        for tag in TAGS {
            assert_eq!(static_tag(tag), *tag);
        }
    }

    #[test]
    fn an_unknown_tag_becomes_x() {
        assert_eq!(static_tag("zz-unknown"), "x");
    }

    #[test]
    fn the_user_dictionary_is_loaded() {
        let words: Vec<&str> = jieba()
            .cut("推进一网通办，实现碳中和。", true)
            .iter()
            .map(|t| t.word)
            .collect();
        assert!(
            words.contains(&"一网通办") && words.contains(&"碳中和"),
            "{words:?}"
        );
    }

    #[test]
    fn tags_come_from_the_known_set() {
        for tag in jieba().tag("我们要进一步加强组织领导，GDP增长3.5%。", true) {
            assert_eq!(
                static_tag(tag.tag),
                tag.tag,
                "tag {} of {}",
                tag.tag,
                tag.word
            );
        }
    }
}
