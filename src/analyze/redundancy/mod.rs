//! Redundancy: lexical diversity, repeated character n-grams and word phrases, overused
//! words, near-duplicate sentences, and a 0–100 score built from them.

pub mod diversity;
pub mod near_dup;
pub mod repeats;

use std::ops::Range;

use rustc_hash::{FxHashMap as FastMap, FxHashSet as FastSet};
use serde::{Deserialize, Serialize};

use crate::analyze::readability::difficulty;
use crate::analyze::structure::marker;
use crate::analyze::work::{self, Step};
use crate::analyze::{Analysis, memo};
use crate::config::Config;
use crate::doc::{Document, Token, count_han, inside, is_han, is_terminator};
use crate::report::{Finding, Score, ScorePart, linear_points};
use crate::rules::{Rule, Severity, Topic};
use crate::segment;

use self::repeats::{OveruseLimits, Scope, WordUse};

/// Settings of the redundancy analyzer: flags, or the `[redundancy]` table of shengao.toml.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct RedundancySettings {
    /// Window of MATTR in words (`--mattr-window`).
    pub mattr_window: usize,
    /// Similarity (the 3-shingle Jaccard, or below it the edit similarity, which must reach
    /// halfway to 1) at or above which two sentences are near-duplicates (`--near-duplicate`).
    pub near_duplicate: f64,
}

/// The MATTR window of `lexical-diversity`.
pub const DEFAULT_MATTR_WINDOW: usize = 50;

/// The issue's threshold: a copy with one small edit in a 35-character sentence scores about
/// 0.87; see `shengao explain redundancy`.
pub const DEFAULT_NEAR_DUPLICATE: f64 = 0.8;

/// A phrase is reported when it occurs this many times.
pub const PHRASE_MIN_COUNT: usize = 3;

/// Phrases are grown up to this many words.
pub const PHRASE_MAX_WORDS: usize = 12;

/// A phrase needs this many Han characters to be reported.
pub const PHRASE_MIN_HAN: usize = 4;

/// Sentences with fewer letters and digits are not compared.
pub const NEAR_DUPLICATE_MIN_CHARS: usize = 10;

impl RedundancySettings {
    /// Checks values the type alone cannot: the key and what is wrong with it.
    pub fn validate(&self) -> Result<(), String> {
        if self.mattr_window == 0 {
            return Err("key `mattr-window`: must be at least 1".to_string());
        }
        if !(self.near_duplicate > 0.0 && self.near_duplicate <= 1.0) {
            return Err("key `near-duplicate`: must be a similarity in (0, 1]".to_string());
        }
        Ok(())
    }
}

/// The `[redundancy]` table `shengao init` writes: the defaults, commented.
pub const CONFIG_TEMPLATE: &str = "
[redundancy]
# Window of the moving-average type-token ratio (MATTR), in words.
mattr-window = 50
# Similarity (3-shingle Jaccard, or below it edits) from which two sentences are near-duplicates.
near-duplicate = 0.8
";

impl Default for RedundancySettings {
    fn default() -> Self {
        RedundancySettings {
            mattr_window: DEFAULT_MATTR_WINDOW,
            near_duplicate: DEFAULT_NEAR_DUPLICATE,
        }
    }
}

/// `metrics.redundancy`: what the redundancy analyzer measured.
///
/// Diversity is computed over the words (jieba-rs tokens that are not punctuation), compared
/// after lower-casing. MTLD and HD-D are unstable below about 100 words: read them with `words`.
///
/// ```json
/// {"words": 72, "types": 53, "ttr": 0.736111, "root_ttr": 6.246110,
///  "mattr_window": 50, "mattr": 0.795652, "mtld": 59.197895, "mtld_forward": 42.0,
///  "mtld_backward": 76.395789, "mtld_min10": 59.197895, "mtld_threshold": 0.72, "hdd": 0.795903,
///  "repeated_2gram_share": 0.140351, "repeated_3gram_share": 0.029703,
///  "repeated_4gram_share": 0.0, "repeated_phrases": 0, "phrase_coverage": 0.0,
///  "near_duplicate_threshold": 0.8, "sentences_compared": 3, "near_duplicates": 0,
///  "overused_words": 0, "frequent_words": 0}
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedundancyMetrics {
    /// N: words.
    pub words: usize,
    /// V: distinct words.
    pub types: usize,
    /// V / N.
    pub ttr: f64,
    /// V / √N.
    pub root_ttr: f64,
    /// `--mattr-window`: MATTR's window in words.
    pub mattr_window: usize,
    /// Mean TTR over every window of `mattr_window` words (the whole-text TTR when
    /// N < window).
    pub mattr: f64,
    /// MTLD: mean of the forward and backward passes.
    pub mtld: f64,
    pub mtld_forward: f64,
    pub mtld_backward: f64,
    /// MTLD as lexical-diversity 0.1.1 computes it: a factor closes only below 0.72 and with
    /// at least 10 words (the lexicalrichness form above has no minimum).
    pub mtld_min10: f64,
    /// The TTR at which MTLD closes a factor.
    pub mtld_threshold: f64,
    /// HD-D with a sample of 42 words; absent below 42 words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hdd: Option<f64>,
    /// Share of Han character 2-gram occurrences (within runs of Han characters) whose
    /// 2-gram occurs more than once.
    pub repeated_2gram_share: f64,
    /// The same for 3-grams.
    pub repeated_3gram_share: f64,
    /// The same for 4-grams.
    pub repeated_4gram_share: f64,
    /// Phrases reported by `redundancy/repeated-phrase`.
    pub repeated_phrases: usize,
    /// Share of words inside an occurrence of a reported phrase.
    pub phrase_coverage: f64,
    /// `--near-duplicate`: the similarity that makes two sentences near-duplicates.
    pub near_duplicate_threshold: f64,
    /// Sentences long enough to compare (at least 10 letters and digits).
    pub sentences_compared: usize,
    /// Sentences that nearly repeat an earlier one.
    pub near_duplicates: usize,
    /// Findings of `redundancy/overused-word` (a word crowded into a sentence or paragraph).
    pub overused_words: usize,
    /// Findings of `redundancy/frequent-word` (a word far more frequent than usual).
    pub frequent_words: usize,
}

pub static OVERUSED_WORD: Rule = Rule {
    id: "redundancy/overused-word",
    severity: Severity::Warning,
    summary: "A content word used 3 times in one sentence or 4 times in one paragraph",
    explanation: "\
Reports a verb, adjective, adverb or set phrase of two or more Han characters that a sentence
uses 3 or more times, or a paragraph 4 or more times, with every place it is used. Nouns are
left out: a paragraph about 企业 has to name them, and so are uses right before a figure
(增长5.3%, 达到300亿元), which each figure needs again. So are modal, negation, question and limit
words (必须, 不能, 严禁, 没有, 是否, 至少, 不超过 …), which a demand, a checklist or a rule
repeats on purpose (不能等、不能拖，更不能捂着; 是否熟悉预案、是否到过现场), uses inside
quotation marks, where a formula is quoted, not worded, the uses that name the cases a
rule of action covers (能整改的 and 不能当场整改的 in 能整改的当场整改，不能当场整改的限期
整改), and a word of the subject a heading over the paragraph names (预算 under （一）预算编制和执行; the words that open a heading to say
what to do, 加强 or 扎实推进, name no subject).

Repeating the same 切实, 进一步 or 确保 flattens the emphasis it was meant to add and makes the
listener stop hearing it.

Example: 要切实加强领导，切实压实责任，切实抓好落实 uses 切实 three times; say it once, or
replace the later ones with what is actually required.",
};

pub static FREQUENT_WORD: Rule = Rule {
    id: "redundancy/frequent-word",
    severity: Severity::Info,
    summary: "A word used far more often than a text of this length warrants",
    explanation: "\
Reports a verb, adjective, adverb or set phrase used at least 5 times in the document and at
least 50 times as often as its frequency in jieba's dictionary predicts for a text of this many
words (expected = words × frequency / 60,101,964; words not in the frequency list count as
frequency 50), and at least 5 times as often as official texts use it (the rate per million
words in the 313 government reports and policy documents shengao was calibrated on), so 落实
nine times in a 2,000-word speech is the genre, not a pet word. Every place it is used is
listed. A word that is part of the subject the title or a section heading names (制造 under
a title on 智能制造, 采购 with a heading （二）政府采购管理) is left out, and so is a word with
fewer than 5 uses outside the repeated phrases (those redundancy/repeated-phrase reports, and
the terms and statistics it leaves out): 扎实 used 7 times, 6 of them in 扎实推进, is that
phrase's repetition, reported with every place.

Drafts lean on a few pet words (推动, 打造, 扎实, 确保); once noticed, they are easy to vary
or to cut where they add nothing.

Example: 确保 (dictionary frequency 1,965) used 7 times in a 2,000-word speech, where about 0.07
uses are expected.",
};

pub static REPEATED_PHRASE: Rule = Rule {
    id: "redundancy/repeated-phrase",
    severity: Severity::Info,
    summary: "A phrase of two or more words repeated 3 or more times",
    explanation: "\
Reports a phrase of 2 to 12 words (at least 4 Han characters, not starting or ending with a
particle, preposition, conjunction, pronoun or number, and holding a verb, adjective, adverb or
set phrase, so that terms of the subject such as 营商环境 are left alone, as are an adjective
and a noun, 一般公共预算 or 老旧小区) that occurs 3 or more
times and cannot be extended to the left or right without losing an occurrence, with every
location. A phrase used fewer than 3 times outside the uses of a longer reported phrase is left
out: 老旧小区 is not reported beside 老旧小区改造 for its one use of its own. Phrases never cross
punctuation or a sentence end. A phrase that starts with a noun and stands in the title block
(the short lines before the body: title, ——subtitle, speaker) is the subject and is left out:
乡村振兴 in a speech titled 以党建引领激活乡村振兴新动能. So is a phrase a section heading
names (政府采购 with a heading （三）政府采购管理), less the words that open the heading to say
what to do (加强, 扎实推进). A phrase a figure follows at every use (年均增长5.2%, 由子女照料
的占35%) is the grammar of the figures, not reported either.

Repeated phrases are the clearest sign of a draft assembled from templates; three identical
openings or closings are better merged or varied.

Example: 确保各项任务落到实处 closing three sections in a row.",
};

pub static NEAR_DUPLICATE: Rule = Rule {
    id: "redundancy/near-duplicate",
    severity: Severity::Warning,
    summary: "A sentence nearly repeats an earlier one",
    explanation: "\
Reports a sentence at least `--near-duplicate` (default 0.8) alike an earlier one, naming the
earlier sentence's line and column. Two measures are taken over the letters and digits
(punctuation removed): the Jaccard similarity of the character 3-shingles (字符三元组
Jaccard), which sees clauses moved about, and, for a pair whose Jaccard falls short, the share
of characters the fewest edits leave unchanged (字符编辑相似度, 1 − Levenshtein distance / the longer length),
which sees a word put in or left out: each such edit breaks three shingles. By edits a pair must
reach halfway from the threshold to 1 (0.9 at the default): parallel sentences with another fact
(东城区…十二个 / 西城区…九个) differ in a little more. Sentences with fewer than 10 letters and
digits are not compared; edits are counted only between sentences of 20 to 150 characters,
nine-tenths Han (not lines of codes and figures; in a longer sentence a few edits break few
shingles), whose lengths without figures differ (a word put in or left out: a word changed in a
sentence as long, 先进集体 / 先进个人, is a parallel sentence), and pairs are looked for among
those sharing at least half the threshold in Jaccard.

A sentence said twice with small edits is usually a leftover from merging drafts, and the
listener notices.

Example: 街道始终坚持把党建引领基层治理作为全局工作的重要抓手，健全网格化管理体系，推动各项工作落地见效。
and, later, the same sentence with 任务 for 工作 (Jaccard 0.83). Without 健全网格化管理体系 and
with 将 added too, the pair shares only 0.68 of its shingles but differs by 3 edits in 38
characters (edits 0.92), and is reported by edits.",
};

/// Every rule of this module.
pub static RULES: &[&Rule] = &[
    &OVERUSED_WORD,
    &FREQUENT_WORD,
    &REPEATED_PHRASE,
    &NEAR_DUPLICATE,
];

/// One part of the redundancy score: its weight, the value that scores 100 (`good`) and the
/// value that scores 0 (`bad`), linear between.
struct Part {
    name: &'static str,
    weight: f64,
    good: f64,
    bad: f64,
}

/// The parts of the redundancy score. The weights sum to 1.
const PARTS: [Part; 4] = [
    Part {
        name: "mattr",
        weight: 0.35,
        good: 0.90,
        bad: 0.70,
    },
    Part {
        name: "phrase_coverage",
        weight: 0.25,
        good: 0.0,
        bad: 0.30,
    },
    Part {
        name: "near_duplicate_share",
        weight: 0.20,
        good: 0.0,
        bad: 0.10,
    },
    Part {
        name: "overused_per_1000_words",
        weight: 0.20,
        good: 0.0,
        bad: 15.0,
    },
];

/// The bands of the redundancy score, from the top.
const BANDS: [(f64, &str); 4] = [
    (75.0, "精炼"),
    (50.0, "略有重复"),
    (25.0, "重复较多"),
    (0.0, "冗余"),
];

/// `shengao explain redundancy`.
pub const TOPIC: &str = "\
Redundancy (metrics.redundancy, scores.redundancy)

Lexical diversity over the words (jieba-rs tokens without punctuation, lower-cased), each printed
with N, as lexical-diversity 0.1.1 defines them:
  TTR = V/N; root TTR = V/√N;
  MATTR(w) = mean TTR over every window of w words (`--mattr-window`, default 50 as in
    lexical-diversity; lexicalrichness and quanteda use 100); the whole-text TTR when N < w;
  MTLD (McCarthy & Jarvis 2010): walk the words, close a factor whenever the running TTR falls to
    0.72, add the partial factor (1 − TTR)/(1 − 0.72) at the end, MTLD = N / factors; the mean of
    a forward and a backward pass (as lexicalrichness 0.5.1 computes it); mtld_min10 is
    lexical-diversity 0.1.1's form, where a factor closes only below 0.72 with at least 10
    words, and the last word always ends in the partial factor (the two differ by up to 7% on
    long reports);
  HD-D: the expected TTR of a random sample of 42 words (hypergeometric), from 42 words up.
MTLD and HD-D are unstable below about 100 words.

Repetition:
  repeated n-gram share (n = 2, 3, 4): of all occurrences of Han character n-grams (within runs
    of Han characters), the share whose n-gram occurs more than once;
  repeated phrases: maximal word sequences (2–12 words, ≥ 4 Han characters, holding a verb,
    adjective, adverb or set phrase) occurring ≥ 3 times, found by growing left-maximal phrases
    one word at a time (linear in the text); longest first, a phrase is reported only if it
    occurs ≥ 3 times outside the occurrences of longer reported phrases;
  overused words: a verb, adjective, adverb or set phrase ≥ 3 times in a sentence or ≥ 4 times
    in a paragraph (redundancy/overused-word), or ≥ 5 times in the document and ≥ 50 times its
    expected count from jieba's dictionary frequency (redundancy/frequent-word);
  near-duplicate sentences: the exact Jaccard similarity of character 3-shingle sets, or where
    it falls short the edit similarity (1 − Levenshtein distance / longer length), ≥ `--near-duplicate`
    (default 0.8; by edits halfway from it to 1), sentences of ≥ 10 letters and digits (edits:
    20 to 150, nine-tenths Han, lengths without figures differing). Candidates come from an
    index of each sentence's rarest shingles (prefix filtering at half the threshold), not from
    comparing all pairs. A copy of a 35-character sentence with
    one word inserted and one replaced shares only 0.68 of its shingles; by edits it scores 0.92.

Score: 0–100, higher is less redundant. Each part scores 100 at its `good` value and 0 at its
`bad` value, linear between and clamped; the score is the weighted sum, and each part's
contribution (weight × part score) is in scores.redundancy.parts.
  part                                   weight  good   bad
  MATTR                                  0.35    0.90   0.70
  phrase coverage (share of words)       0.25    0      0.30
  near-duplicate share of sentences      0.20    0      0.10
  overused/frequent words per 1000 words 0.20    0      15
Bands: 精炼 ≥ 75, 略有重复 ≥ 50, 重复较多 ≥ 25, 冗余 below. On the 313 official reports the score
has p10 45, median 68, p90 83, and MATTR(50) p10 0.76, median 0.82, p90 0.88.";

/// Topics for `shengao explain`.
pub static TOPICS: &[&Topic] = &[&Topic {
    name: "redundancy",
    text: TOPIC,
}];

/// Tags of words that may not start or end a reported phrase: particles, prepositions,
/// conjunctions, pronouns, numbers, measure words, modal and sound words.
fn is_function_tag(tag: &str) -> bool {
    tag.starts_with('u')
        || tag.starts_with('r')
        || tag.starts_with('m')
        || tag.starts_with('q')
        || matches!(tag, "p" | "c" | "y" | "e" | "o" | "x")
}

/// Tags of nouns, verbal and adjectival nouns and abbreviations: what a subject is named by.
fn is_noun_tag(tag: &str) -> bool {
    tag.starts_with('n') || matches!(tag, "vn" | "an" | "j")
}

/// Tags of verbs (not verbal nouns), adjectives, adverbs, idioms and set phrases. A repeated
/// phrase without one (营商环境, 企业和群众) is a term of the subject, not repeated wording.
fn is_wording_tag(tag: &str) -> bool {
    (tag.starts_with('v') && tag != "vn") || matches!(tag, "a" | "ad" | "d" | "i" | "l")
}

/// Whether a word is checked for overuse: two or more Han characters, tagged as a verb (not a
/// verbal noun), adjective, adverb, idiom or set phrase, and none of the [`MODALS`].
fn is_overuse_candidate(word: &str, tag: &str) -> bool {
    is_wording_tag(tag)
        && word.chars().count() >= 2
        && word.chars().all(is_han)
        && !MODALS.contains(&word)
}

/// Modal, negation, question and limit words: said again and again on purpose (不能等、不能
/// 拖，更不能捂着; 是否熟悉预案、是否到过现场; 每月至少…每季度至少…), as the grammar of a demand,
/// a checklist or a rule rather than a choice of wording.
const MODALS: &[&str] = &[
    "不能",
    "不要",
    "不得",
    "不可",
    "不准",
    "不许",
    "没有",
    "严禁",
    "禁止",
    "一律",
    "必须",
    "务必",
    "应当",
    "应该",
    "需要",
    "能够",
    "可以",
    "是否",
    "能否",
    "可否",
    "有无",
    "有没有",
    "是不是",
    "至少",
    "最多",
    "超过",
    "低于",
    "高于",
    "少于",
    "多于",
    "不少",
    "不少于",
    "不超过",
    "不低于",
];

/// The two halves of a four-Han-character word, with their byte offsets, when both are in
/// the frequency list (words of 2–4 Han characters with jieba frequency ≥ 50).
fn compound_halves(word: &str) -> Vec<(&str, usize)> {
    let mut chars = word.char_indices();
    let (Some(_), Some(_), Some((mid, _)), Some(_), None) = (
        chars.next(),
        chars.next(),
        chars.next(),
        chars.next(),
        chars.next(),
    ) else {
        return Vec::new();
    };
    let (head, tail) = word.split_at(mid);
    let known = |w: &str| w.chars().all(is_han) && difficulty::word_frequency(w).is_some();
    if known(head) && known(tail) {
        vec![(head, 0), (tail, mid)]
    } else {
        Vec::new()
    }
}

/// Measures the document, reports overused words, repeated phrases and near-duplicate
/// sentences, and scores redundancy.
pub fn analyze(doc: &Document, config: &Config, out: &mut Analysis) {
    let settings = &config.redundancy;
    let vocabulary = Vocabulary::new(doc);
    let lexical = diversity::Words::from_numbered(
        vocabulary.of_token.iter().flatten().copied(),
        &vocabulary.texts,
    );
    let word_count = lexical.len();
    let (mtld_forward, mtld_backward) = lexical.mtld_passes();

    let mut title = Title::of(doc);
    let sections = Sections::of(doc);
    let reported = phrases(doc, &vocabulary, (&mut title, &sections), out);
    let (overused, frequent) = overuse(
        doc,
        &vocabulary,
        word_count,
        (&title, &sections),
        &reported,
        out,
    );
    let (sentences_compared, near_duplicates) = duplicates(doc, settings.near_duplicate, out);

    let ngram_shares = repeats::repeated_ngram_shares(&doc.text, 2..=4);
    let metrics = RedundancyMetrics {
        words: word_count,
        types: lexical.types(),
        ttr: lexical.ttr(),
        root_ttr: lexical.root_ttr(),
        mattr_window: settings.mattr_window,
        mattr: lexical.mattr(settings.mattr_window),
        mtld: (mtld_forward + mtld_backward) / 2.0,
        mtld_forward,
        mtld_backward,
        mtld_min10: lexical.mtld_min10(),
        mtld_threshold: diversity::MTLD_THRESHOLD,
        hdd: lexical.hdd(),
        repeated_2gram_share: ngram_shares[0],
        repeated_3gram_share: ngram_shares[1],
        repeated_4gram_share: ngram_shares[2],
        repeated_phrases: reported.count,
        phrase_coverage: ratio(reported.covered_words, word_count),
        near_duplicate_threshold: settings.near_duplicate,
        sentences_compared,
        near_duplicates,
        overused_words: overused,
        frequent_words: frequent,
    };
    out.scores.insert("redundancy".to_string(), score(&metrics));
    out.metrics.redundancy = Some(metrics);
}

/// At most this many leading paragraphs make up a title block.
const TITLE_MAX_PARAGRAPHS: usize = 4;

/// A title block's paragraphs have at most this many characters.
const TITLE_MAX_CHARS: usize = 60;

/// What the document's title block names: its leading short paragraphs (a title, a
/// ——subtitle, the speaker) up to the first that ends with a stop or colon, is an outline
/// heading, or is longer than a title. Empty when the text starts with its body.
///
/// The title names the subject, and a subject is expected to recur: 乡村振兴 in a speech
/// titled 以党建引领激活乡村振兴新动能 is its topic, not a repetition. Only what the title
/// uses as a noun counts, so the 加强 of 关于进一步加强安全生产的讲话 is still a word to watch.
struct Title<'a> {
    text: &'a str,
    /// The title's words tagged as nouns, and the repeated phrases it names (智能制造).
    subjects: Vec<&'a str>,
}

impl<'a> Title<'a> {
    fn of(doc: &'a Document) -> Title<'a> {
        let mut block = 0..0;
        for paragraph in doc.paragraphs.iter().take(TITLE_MAX_PARAGRAPHS) {
            let text = doc.str(paragraph.range.clone());
            let ends_sentence =
                text.ends_with(|c| is_terminator(c) || matches!(c, '；' | '：' | '.' | ';' | ':'));
            if ends_sentence
                || text.chars().count() > TITLE_MAX_CHARS
                || marker::parse(text).is_some()
            {
                break;
            }
            block.end = paragraph.sentences.end;
        }
        let sentences = &doc.sentences[block];
        let (text, tokens) = match (sentences.first(), sentences.last()) {
            (Some(first), Some(last)) => (
                doc.str(first.range.start..last.range.end),
                first.tokens.start..last.tokens.end,
            ),
            _ => ("", 0..0),
        };
        let subjects = (doc.tokens[tokens].iter())
            .filter(|t| is_noun_tag(t.tag))
            .map(|t| doc.str(t.range.clone()))
            .collect();
        Title { text, subjects }
    }

    /// Whether a repeated phrase names the subject: the title holds it, and it starts with
    /// a noun (智能制造标准体系, not 加快数字化).
    fn names_phrase(&self, text: &str, head_tag: &str) -> bool {
        is_noun_tag(head_tag) && self.text.contains(text)
    }

    /// Whether a frequent word is part of a subject (制造 of 智能制造).
    fn names_word(&self, word: &str) -> bool {
        self.subjects.iter().any(|subject| subject.contains(word))
    }
}

/// The headings of a document's sections (一、 （一） 1. （1） and a short title), whose
/// words are the subjects of the paragraphs under them: 预算 seven times under （一）预算编制和
/// 执行 is the section's subject, not a word the writer could vary.
struct Sections<'a> {
    /// What each heading names ([`subject`]), in text order.
    subjects: Vec<&'a str>,
    /// For each paragraph, the headings it stands under (its own included) as indices into
    /// `subjects`, outermost first.
    under: Vec<Vec<usize>>,
}

impl<'a> Sections<'a> {
    fn of(doc: &'a Document) -> Sections<'a> {
        let mut subjects = Vec::new();
        // The headings open at the paragraph at hand: (level, index into `subjects`).
        let mut open: Vec<(u8, usize)> = Vec::new();
        let mut under = Vec::with_capacity(doc.paragraphs.len());
        for paragraph in &doc.paragraphs {
            let text = doc.str(paragraph.range.clone());
            if let Some(heading) = marker::parse(text) {
                let title = marker::title(text, heading.range.end);
                let written = &text[title.clone()];
                // A list item that runs on (1.新招聘医生4名，选派6名医生进修；) names no section.
                let short = written.chars().count() <= SECTION_TITLE_MAX_CHARS;
                if !written.is_empty() && short && !written.contains(['，', '；', ',', ';']) {
                    let level = heading.level();
                    open.retain(|&(l, _)| l < level);
                    open.push((level, subjects.len()));
                    let start = paragraph.range.start + title.start;
                    subjects.push(subject(doc, start..start + written.len()));
                }
            }
            under.push(open.iter().map(|&(_, i)| i).collect());
        }
        Sections { subjects, under }
    }

    /// Whether a heading over paragraph `paragraph` names `word`.
    fn names(&self, paragraph: usize, word: &str) -> bool {
        self.under[paragraph]
            .iter()
            .any(|&i| self.subjects[i].contains(word))
    }

    /// For each of `words`, whether any heading names it. Each word is looked up among the
    /// sorted suffixes of the distinct headings (a word a heading holds starts one of them):
    /// asking heading by heading for each word cost the product of their numbers, and a draft
    /// of many headings has many repeated phrases too.
    fn any_name(&self, words: &[&str]) -> Vec<bool> {
        if self.subjects.is_empty() {
            return vec![false; words.len()];
        }
        let mut distinct: FastSet<&str> = FastSet::default();
        let mut suffixes: Vec<&str> = Vec::new();
        for &subject in &self.subjects {
            if distinct.insert(subject) {
                suffixes.extend(subject.char_indices().map(|(at, _)| &subject[at..]));
                // The empty suffix, which every heading holds.
                suffixes.push("");
            }
        }
        suffixes.sort_unstable();
        suffixes.dedup();
        let mut read = suffixes.len() as u64;
        let named = (words.iter())
            .map(|&word| {
                read += word.len() as u64;
                let at = suffixes.partition_point(|&suffix| suffix < word);
                suffixes
                    .get(at)
                    .is_some_and(|suffix| suffix.starts_with(word))
            })
            .collect();
        work::add(Step::HeadingSearch, read);
        named
    }
}

/// What a heading title names: the title without the words that open it to say what to do
/// about the subject ([`HEADING_VERBS`] and adverbs): 加强科技创新 → 科技创新, 统筹推进城乡融合
/// 发展 → 城乡融合发展. 推进 five times under 扎实推进新型工业化 is still a word to vary.
fn subject(doc: &Document, title: Range<usize>) -> &str {
    let mut words = doc.tokens[doc.tokens.partition_point(|t| t.range.start < title.start)..]
        .iter()
        .take_while(|t| t.range.end <= title.end)
        .filter(|t| t.is_word())
        .peekable();
    let mut start = title.start;
    while let Some(word) =
        words.next_if(|t| t.tag.starts_with('d') || says_what_to_do(doc.str(t.range.clone())))
    {
        if words.peek().is_none() {
            break;
        }
        start = word.range.end;
    }
    doc.str(start..title.end)
}

/// Whether a word of a heading's opening says what to do: one of [`HEADING_VERBS`], or two
/// run together (jieba keeps 切实加强 whole).
fn says_what_to_do(word: &str) -> bool {
    HEADING_VERBS.contains(&word)
        || (HEADING_VERBS.iter()).any(|v| {
            word.strip_prefix(v)
                .is_some_and(|rest| HEADING_VERBS.contains(&rest))
        })
}

/// Verbs, and words of manner, that open a heading to say what to do (加强, 扎实推进, 统筹推进).
const HEADING_VERBS: &[&str] = &[
    "加强",
    "推进",
    "加快",
    "完善",
    "提升",
    "深化",
    "强化",
    "健全",
    "推动",
    "促进",
    "落实",
    "坚持",
    "提高",
    "优化",
    "扩大",
    "构建",
    "打造",
    "实施",
    "抓好",
    "做好",
    "统筹",
    "协同",
    "持续",
    "全面",
    "深入",
    "扎实",
    "着力",
    "大力",
    "积极",
    "稳步",
    "奋力",
    "切实",
    "不断",
    "进一步",
    "加大",
    "聚焦",
    "围绕",
    "突出",
    "狠抓",
    "筑牢",
    "守住",
    "用好",
    "办好",
    "建好",
    "管好",
];

/// The longest heading title that names a section's subject, in characters.
const SECTION_TITLE_MAX_CHARS: usize = 30;

/// The words of a document numbered by their text (0, 1, 2, … in order of first use), once
/// for the measures that compare words.
struct Vocabulary<'a> {
    /// Each token's number; `None` for punctuation, white space and symbols.
    of_token: Vec<Option<u32>>,
    /// The text of each number.
    texts: Vec<&'a str>,
}

impl<'a> Vocabulary<'a> {
    fn new(doc: &'a Document) -> Vocabulary<'a> {
        let mut numbers: FastMap<&str, u32> = FastMap::default();
        let mut texts = Vec::new();
        let of_token = (doc.tokens.iter())
            .map(|token| {
                token.is_word().then(|| {
                    let word = doc.str(token.range.clone());
                    *numbers.entry(word).or_insert_with(|| {
                        texts.push(word);
                        (texts.len() - 1) as u32
                    })
                })
            })
            .collect();
        Vocabulary { of_token, texts }
    }
}

/// The repeated phrases reported, and where they and the phrases left unreported as terms or
/// statistics stand.
struct Reported {
    count: usize,
    /// How many words their occurrences cover.
    covered_words: usize,
    /// The byte range of every occurrence, sorted by start; with the uses of the terms and
    /// statistics' phrases left unreported (老旧小区, 年均增长), whose words they hold too.
    occurrences: Vec<std::ops::Range<usize>>,
}

impl Reported {
    /// Whether the byte at `at` lies inside an occurrence of a repeated phrase, reported or
    /// left unreported as a term or a statistic: its words are that phrase's repetition.
    fn covers(&self, at: usize) -> bool {
        let after = self.occurrences.partition_point(|r| r.start <= at);
        // Occurrences may nest (协调发展 inside 区域协调发展); look back over a few.
        self.occurrences[..after]
            .iter()
            .rev()
            .take(PHRASE_MAX_WORDS + 1)
            .any(|r| r.contains(&at))
    }
}

/// Reports repeated phrases.
fn phrases<'a>(
    doc: &'a Document,
    vocabulary: &Vocabulary,
    (title, sections): (&mut Title<'a>, &Sections),
    out: &mut Analysis,
) -> Reported {
    let blank: Vec<bool> = (vocabulary.texts.iter())
        .map(|word| word.trim().is_empty())
        .collect();
    // One entry per word token, `None` between sentences and for punctuation.
    let mut seq: Vec<Option<u32>> = Vec::with_capacity(doc.tokens.len() + doc.sentences.len());
    let mut token_of: Vec<usize> = Vec::with_capacity(seq.capacity());
    for sentence in &doc.sentences {
        for index in sentence.tokens.clone() {
            let word = vocabulary.of_token[index].filter(|&word| !blank[word as usize]);
            seq.push(word);
            token_of.push(index);
        }
        seq.push(None);
        token_of.push(usize::MAX);
    }
    // The phrases worth reporting, longest first: a phrase is reported only if it occurs
    // PHRASE_MIN_COUNT times outside the occurrences of longer reported phrases, so 协调发展
    // is not reported again beside 区域协调发展 for the one use of its own.
    // Each phrase, its first use, and whether it is reported.
    let mut found: Vec<(repeats::RepeatedPhrase, std::ops::Range<usize>, bool)> = Vec::new();
    for phrase in repeats::repeated_phrases(&seq, PHRASE_MIN_COUNT, PHRASE_MAX_WORDS) {
        let first = phrase.starts[0];
        let tokens: Vec<&Token> = (first..first + phrase.len)
            .map(|i| &doc.tokens[token_of[i]])
            .collect();
        let (Some(head), Some(tail)) = (tokens.first(), tokens.last()) else {
            continue;
        };
        if is_function_tag(head.tag)
            || is_function_tag(tail.tag)
            || !tokens.iter().any(|t| is_wording_tag(t.tag))
        {
            continue;
        }
        // An adjective before a noun names a kind of it (一般公共预算, 重点项目): a term, not
        // reported, whose uses still hold its adjective's (老旧 of 老旧小区). Before a verbal
        // noun it is wording (健康发展).
        let term = tail.tag.starts_with('n')
            && !(tokens.iter()).any(|t| is_wording_tag(t.tag) && t.tag != "a");
        let range = head.range.start..tail.range.end;
        let text = doc.str(range.clone());
        if count_han(text) < PHRASE_MIN_HAN {
            continue;
        }
        // Every use inside one quotation is the quoted formula's own parallelism
        // (“管行业必须管安全、管业务必须管安全、管生产经营必须管安全”), not the writer's.
        let last_start = phrase.starts[phrase.starts.len() - 1];
        let last_end = doc.tokens[token_of[last_start + phrase.len - 1]].range.end;
        if inside(doc.quotations(), &(range.start..last_end)) {
            continue;
        }
        // A figure after every use is the grammar of a breakdown (由子女照料的占35%，由配偶
        // 照料的占28%), which each figure needs again: not reported, and its uses do not make
        // a shorter phrase's (城镇新增 of 城镇新增就业1150万人).
        let end_of = |start: usize| doc.tokens[token_of[start + phrase.len - 1]].range.end;
        let statistic = (phrase.starts.iter()).all(|&start| states_a_figure(doc, end_of(start)));
        if title.names_phrase(text, head.tag) {
            // The subject itself: no repetition, and its words are no frequent words.
            title.subjects.push(text);
        } else {
            found.push((phrase, range, !statistic && !term));
        }
    }
    // A phrase a heading names is the section's subject.
    let texts: Vec<&str> = (found.iter())
        .map(|(_, range, _)| doc.str(range.clone()))
        .collect();
    let named = sections.any_name(&texts);
    let mut named = named.into_iter();
    found.retain(|_| !named.next().unwrap_or(false));
    found.sort_by_key(|(phrase, ..)| std::cmp::Reverse(phrase.len));
    let mut covered = vec![false; seq.len()];
    // The end of the longest reported occurrence starting at each place.
    let mut reach = vec![0; seq.len()];
    let mut reported = 0;
    let mut occurrences = Vec::new();
    for (phrase, range, report) in found {
        let inside_longer = |&start: &usize| {
            (start.saturating_sub(PHRASE_MAX_WORDS)..=start).any(|b| reach[b] >= start + phrase.len)
        };
        let own = phrase.starts.iter().filter(|s| !inside_longer(s)).count();
        if own < PHRASE_MIN_COUNT {
            continue;
        }
        let mut places = Vec::with_capacity(phrase.starts.len());
        for &start in &phrase.starts {
            reach[start] = reach[start].max(start + phrase.len);
            let first = &doc.tokens[token_of[start]].range;
            let last = &doc.tokens[token_of[start + phrase.len - 1]].range;
            occurrences.push(first.start..last.end);
            if report {
                covered[start..start + phrase.len].fill(true);
                places.push(first.start);
            }
        }
        if !report {
            continue;
        }
        reported += 1;
        let text = doc.str(range.clone()).to_string();
        out.findings.push(Finding::new(
            &REPEATED_PHRASE,
            doc,
            range,
            format!(
                "「{text}」重复出现 {} 次：{}",
                phrase.starts.len(),
                places_text(doc, &places)
            ),
        ));
    }
    occurrences.sort_unstable_by_key(|r| r.start);
    Reported {
        count: reported,
        covered_words: covered.iter().filter(|&&c| c).count(),
        occurrences,
    }
}

/// What the overuse check counts of a word: the word itself, or the halves of a set phrase
/// such as 切实加强 (with the byte offset of the second half) that are candidates themselves.
#[derive(Debug, Clone, Copy)]
enum Counted {
    Whole,
    Halves { mid: usize, head: bool, tail: bool },
}

thread_local! {
    /// Whether a two-character half, tagged alone, is one overuse candidate.
    static HALF_IS_CANDIDATE: memo::Table<bool> = Default::default();
}

impl Counted {
    fn of(word: &str) -> Counted {
        let jieba = segment::jieba();
        let halves = compound_halves(word);
        let [(head, _), (tail, mid)] = halves.as_slice() else {
            return Counted::Whole;
        };
        // Tagging a half alone cost more than the rest of the overuse check; the answer
        // depends on the half only, and the halves are the two-character words of the
        // frequency list, so the table of them stays small.
        let candidate = |half: &str| {
            memo::remembered(&HALF_IS_CANDIDATE, half, || {
                let tags = jieba.tag(half, false);
                matches!(tags.as_slice(), [only] if is_overuse_candidate(half, only.tag))
            })
        };
        Counted::Halves {
            mid: *mid,
            head: candidate(head),
            tail: candidate(tail),
        }
    }
}

/// Reports overused and frequent words; returns how many of each. Uses inside quotation
/// marks do not count: a quoted formula is not the writer's to vary. A word is frequent only
/// by its uses outside the repeated phrases ([`Reported::covers`]): 提升 used five times, each
/// inside 全面提升基层治理水平, is that phrase's repetition, already reported with every place.
fn overuse<'d>(
    doc: &'d Document,
    vocabulary: &Vocabulary,
    total_words: usize,
    (title, sections): (&Title, &Sections),
    reported: &Reported,
    out: &mut Analysis,
) -> (usize, usize) {
    // Each distinct word is examined once: halves cost dictionary look-ups and a tagging.
    let mut counted: Vec<Option<Counted>> = vec![None; vocabulary.texts.len()];
    // Words inside quotation marks or a cited title (《…》) are not the writer's to vary.
    let (quotes, cited) = (doc.quotations(), doc.cited_titles());
    let mut uses = Vec::new();
    for (s, sentence) in doc.sentences.iter().enumerate() {
        let mut add = |word: &'d str, start: usize| {
            let range = start..start + word.len();
            if inside(quotes, &range)
                || inside(cited, &range)
                || states_a_figure(doc, range.end)
                || names_what_can_be_done(doc, start, word)
            {
                return;
            }
            uses.push(WordUse {
                word,
                start,
                sentence: s,
                paragraph: sentence.paragraph,
            })
        };
        for index in sentence.tokens.clone() {
            let token = &doc.tokens[index];
            let word = doc.str(token.range.clone());
            // jieba keeps set phrases such as 切实加强 or 确保安全 whole; count their halves
            // when both are words of their own.
            let what = match vocabulary.of_token[index] {
                Some(number) => *counted[number as usize].get_or_insert_with(|| Counted::of(word)),
                None => Counted::of(word),
            };
            match what {
                Counted::Whole => {
                    if is_overuse_candidate(word, token.tag) {
                        add(word, token.range.start);
                    }
                }
                Counted::Halves { mid, head, tail } => {
                    if head {
                        add(&word[..mid], token.range.start);
                    }
                    if tail {
                        add(&word[mid..], token.range.start + mid);
                    }
                }
            }
        }
    }
    let limits = OveruseLimits {
        document_ratio: 50.0,
        ..OveruseLimits::default()
    };
    let found = repeats::overused_words(&uses, total_words, difficulty::word_frequency, limits);
    let words: Vec<&str> = found.iter().map(|item| item.word).collect();
    let named_anywhere = sections.any_name(&words);
    let (mut overused, mut frequent) = (0, 0);
    for (item, named_anywhere) in found.into_iter().zip(named_anywhere) {
        let subject = match item.scope {
            Scope::Sentence(s) => sections.names(doc.sentences[s].paragraph, item.word),
            Scope::Paragraph(p) => sections.names(p, item.word),
            Scope::Document => named_anywhere,
        };
        if subject {
            continue;
        }
        if item.scope == Scope::Document
            && (title.names_word(item.word)
                || (item.starts.iter())
                    .filter(|&&at| !reported.covers(at))
                    .count()
                    < limits.document_min
                || item.starts.len() < usual_in_official_texts(item.word, total_words))
        {
            continue;
        }
        let places = &item.starts;
        let first = places[0]..places[0] + item.word.len();
        let count = places.len();
        let word = item.word;
        let (rule, message) = match item.scope {
            Scope::Sentence(_) => {
                overused += 1;
                (&OVERUSED_WORD, format!("「{word}」在一句中用了 {count} 次"))
            }
            Scope::Paragraph(_) => {
                overused += 1;
                (&OVERUSED_WORD, format!("「{word}」在一段中用了 {count} 次"))
            }
            Scope::Document => {
                frequent += 1;
                (
                    &FREQUENT_WORD,
                    format!(
                        "「{word}」全文用了 {count} 次，按一般用词频率这样长的文稿{}{}",
                        about_times(item.expected),
                        official_count(word, total_words)
                            .map_or(String::new(), |n| format!("，公文中{}", about_times(n)))
                    ),
                )
            }
        };
        out.findings.push(Finding::new(
            rule,
            doc,
            first,
            format!("{message}：{}", places_text(doc, places)),
        ));
    }
    (overused, frequent)
}

/// Whether the use of `word` at byte `at` names the cases it can (or cannot) be done in, as a
/// rule of action does on purpose; such a use is not counted (能整改的 and 不能当场整改的 in
/// 能整改的当场整改，不能当场整改的限期整改; 解决不了的). The use is followed by 不了的, or by 的 with the word
/// 能 or 不能 before it in its clause (not the 能 of 智能).
fn names_what_can_be_done(doc: &Document, at: usize, word: &str) -> bool {
    let after = &doc.text[at + word.len()..];
    if after.starts_with("不了的") {
        return true;
    }
    if !after.starts_with('的') {
        return false;
    }
    let first = doc.tokens.partition_point(|t| t.range.end <= at);
    (doc.tokens[..first].iter().rev())
        .take_while(|t| t.is_word())
        .any(|t| matches!(doc.str(t.range.clone()), "能" | "不能" | "能够"))
}

/// Whether a figure follows byte `at`, maybe after 了 or 到: a word that states one (增长5.3%,
/// 下降了2个百分点, 达到300亿元) is the grammar of a statistic, which each figure needs again.
fn states_a_figure(doc: &Document, at: usize) -> bool {
    let rest = doc.text[at..].trim_start_matches(['了', '到']);
    rest.starts_with(marker::is_digit)
}

/// How many uses a text is expected to have, to two decimals: 约 0.44 次, or 不到 0.01 次
/// where that would print 0.00.
fn about_times(expected: f64) -> String {
    if expected < 0.005 {
        "不到 0.01 次".to_string()
    } else {
        format!("约 {expected:.2} 次")
    }
}

/// A document uses a word this many times or more before it is frequent by the standard of
/// official texts: [`GONGWEN_RATIO`] times its rate there (0 for a word rarer there).
fn usual_in_official_texts(word: &str, total_words: usize) -> usize {
    official_count(word, total_words).map_or(0, |n| (GONGWEN_RATIO * n).ceil() as usize)
}

/// How many times official texts would use `word` in a text of `total_words` words, by its
/// rate per million there; `None` for a word rarer there than the rate list goes.
fn official_count(word: &str, total_words: usize) -> Option<f64> {
    difficulty::gongwen_rate(word).map(|rate| total_words as f64 * f64::from(rate) / 1e6)
}

/// How many times its rate in official texts a word must be used to be frequent: 落实 nine
/// times in 2,000 words is the genre (its rate gives 2.6), 赋能 six times is not (0.7).
const GONGWEN_RATIO: f64 = 5.0;

/// Reports near-duplicate sentences; returns how many sentences were compared and how many
/// repeat an earlier one.
fn duplicates(doc: &Document, threshold: f64, out: &mut Analysis) -> (usize, usize) {
    let texts: Vec<&str> = doc
        .sentences
        .iter()
        .map(|s| doc.str(s.range.clone()))
        .collect();
    let sets = near_dup::ShingleSets::new(&texts, NEAR_DUPLICATE_MIN_CHARS);
    // A sentence of 10 or more letters and digits has at least one shingle.
    let compared = sets.compared();
    let found = near_dup::near_duplicates_of(&sets, threshold);
    for pair in &found {
        let first = trimmed(doc, doc.sentences[pair.first].range.clone());
        let second = trimmed(doc, doc.sentences[pair.second].range.clone());
        let span = doc.span(first.clone());
        out.findings.push(Finding::new(
            &NEAR_DUPLICATE,
            doc,
            second,
            format!(
                "与第 {} 行第 {} 列的句子近似重复（{} {:.2}）：「{}」",
                span.line,
                span.column,
                match pair.measure {
                    near_dup::Measure::Shingles => "字符三元组 Jaccard",
                    near_dup::Measure::Edits => "字符编辑相似度",
                },
                pair.similarity,
                shorten(doc.str(first), 30)
            ),
        ));
    }
    (compared, found.len())
}

/// The redundancy score from the measured values.
fn score(metrics: &RedundancyMetrics) -> Score {
    let sentences = metrics.sentences_compared;
    let values = [
        metrics.mattr,
        metrics.phrase_coverage,
        ratio(metrics.near_duplicates, sentences),
        ratio(
            (metrics.overused_words + metrics.frequent_words) * 1000,
            metrics.words,
        ),
    ];
    let parts = PARTS.iter().zip(values).map(|(part, value)| {
        // An empty text has MATTR 0: nothing to repeat, so nothing redundant.
        let points = if metrics.words == 0 {
            100.0
        } else {
            linear_points(value, part.good, part.bad)
        };
        ScorePart {
            name: part.name.to_string(),
            value,
            weight: part.weight,
            contribution: part.weight * points,
            note: format!(
                "part score {points:.0}: 100 at {}, 0 at {}, linear between; × weight {}",
                part.good, part.bad, part.weight
            ),
        }
    });
    Score::from_parts(parts.collect(), band)
}

fn band(value: f64) -> &'static str {
    BANDS
        .iter()
        .find(|(floor, _)| value >= *floor)
        .map_or("冗余", |(_, name)| name)
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// `第 3 行第 5 列、第 7 行第 2 列…`, at most 10 places, then a count of the rest.
fn places_text(doc: &Document, starts: &[usize]) -> String {
    const MAX: usize = 10;
    let mut parts: Vec<String> = starts
        .iter()
        .take(MAX)
        .map(|&b| {
            let span = doc.span(b..b);
            format!("第 {} 行第 {} 列", span.line, span.column)
        })
        .collect();
    if starts.len() > MAX {
        parts.push(format!("等 {} 处", starts.len()));
    }
    parts.join("、")
}

/// A range with leading white space removed.
fn trimmed(doc: &Document, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let s = doc.str(range.clone());
    let start = range.start + (s.len() - s.trim_start().len());
    start..range.end
}

/// At most `max` chars of `s`, with … when cut.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        s.chars().take(max).chain(['…']).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T1: &str = "要当好领导的参谋助手，首先要确立领导视角的大局观，时刻以领导的视角和眼光去看待问题、分析问题、谋划问题，在各个方面为领导提供及时准确的服务和决策参考。一是在公文写作上突出“精品”意识。讲话文稿是领导计划、总结、安排部署工作的重要载体，文稿质量的高低往往体现着一个领导的风格和思路。";
    const T2: &str = "下面，我讲几点意见。一是要提高政治站位，切实加强组织领导。二是要压实工作责任，扎实推进各项任务落实！三是要强化督促检查，确保各项工作取得实效。以上意见，不当之处，敬请批评指正。";

    fn run_with(text: &str, settings: RedundancySettings) -> Analysis {
        let doc = Document::new(text.to_string());
        let config = Config {
            redundancy: settings,
            ..Config::default()
        };
        let mut out = Analysis::default();
        analyze(&doc, &config, &mut out);
        out
    }

    fn run(text: &str) -> Analysis {
        run_with(text, RedundancySettings::default())
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    #[test]
    fn diversity_matches_the_reference_on_the_document() {
        let out = run(T1);
        let m = out.metrics.redundancy.as_ref().unwrap();
        assert_eq!((m.words, m.types), (72, 53));
        assert!(close(m.ttr, 0.736111) && close(m.root_ttr, 6.246110));
        assert!(close(m.mattr, 0.795652), "{}", m.mattr);
        assert!(close(m.mtld_forward, 42.0) && close(m.mtld_backward, 76.395789));
        assert!(close(m.mtld, 59.197895));
        assert!(close(m.hdd.unwrap(), 0.795903));
        assert!(close(m.repeated_2gram_share, 0.140351));
        assert!(close(m.repeated_3gram_share, 0.029703));
        assert_eq!(m.repeated_4gram_share, 0.0);

        let out = run_with(
            T2,
            RedundancySettings {
                mattr_window: 20,
                ..RedundancySettings::default()
            },
        );
        let m = out.metrics.redundancy.as_ref().unwrap();
        assert_eq!((m.words, m.types), (35, 31));
        assert!(close(m.ttr, 0.885714) && close(m.root_ttr, 5.239956));
        assert!(close(m.mattr, 0.921875), "{}", m.mattr);
        assert_eq!(m.mattr_window, 20);
        assert!(close(m.mtld, 85.75));
        assert_eq!(m.hdd, None);
        let m = run(T2).metrics.redundancy.unwrap();
        assert!(close(m.mattr, 0.885714), "N < window: whole-text TTR");
    }

    /// (text, rule, text of each finding's span)
    fn findings(text: &str, rule: &str) -> Vec<(String, String)> {
        run(text)
            .findings
            .into_iter()
            .filter(|f| f.rule == rule)
            .map(|f| (f.text, f.message))
            .collect()
    }

    #[test]
    fn overused_words() {
        let cases: &[(&str, &[&str])] = &[
            ("要切实加强领导，切实压实责任，切实抓好落实。", &["切实"]),
            // Twice is fine.
            ("要切实加强领导，切实压实责任。", &[]),
            // Four times across the sentences of one paragraph.
            (
                "要确保安全。要确保质量。要确保进度。要确保实效。",
                &["确保"],
            ),
            // Nouns are left out.
            ("企业要服务企业，企业要依靠企业。", &[]),
            // Four times, but in four paragraphs.
            ("确保安全。\n确保质量。\n确保进度。\n确保实效。", &[]),
        ];
        for &(text, expected) in cases {
            let found = findings(text, OVERUSED_WORD.id);
            let words: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
            assert_eq!(words, expected, "{text}");
        }
        let found = findings(
            "要确保安全。要确保质量。要确保进度。要确保实效。",
            OVERUSED_WORD.id,
        );
        assert!(found[0].1.contains("4 次"), "{}", found[0].1);
        assert!(found[0].1.contains("第 1 行第 2 列") && found[0].1.contains("第 1 行第 20 列"));
    }

    #[test]
    fn the_subject_a_heading_names_is_no_overuse() {
        let body = "全年支付资金，支付流程缩短，支付差错为零，支付效率提高。";
        // 支付 four times under a heading on 支付: the section's subject.
        let under = format!("（一）国库集中支付\n{body}");
        assert!(findings(&under, OVERUSED_WORD.id).is_empty(), "{under}");
        // The same paragraph under another heading, or after the section closed.
        let other = format!("（一）政府采购管理\n{body}");
        assert_eq!(findings(&other, OVERUSED_WORD.id).len(), 1, "{other}");
        let closed = format!("一、财政管理\n（一）国库集中支付\n二、其他工作\n{body}");
        assert_eq!(findings(&closed, OVERUSED_WORD.id).len(), 1, "{closed}");
        // The verb that opens a heading says what to do; it names no subject.
        let opening = "（二）切实加强监督\n要切实压实责任，切实抓好落实，切实改进作风。";
        assert_eq!(findings(opening, OVERUSED_WORD.id).len(), 1, "{opening}");
    }

    #[test]
    fn a_phrase_a_heading_names_is_no_repetition() {
        let body = "政府采购规模扩大。政府采购流程规范。政府采购监督加强。";
        let under = format!("（三）政府采购管理\n{body}");
        assert!(findings(&under, REPEATED_PHRASE.id).is_empty(), "{under}");
        let other = format!("（三）财政监督\n{body}");
        assert_eq!(findings(&other, REPEATED_PHRASE.id).len(), 1, "{other}");
    }

    #[test]
    fn an_adjective_and_a_noun_are_a_term() {
        let terms = "老旧小区有三个。老旧小区已改造。老旧小区要管好。";
        assert!(findings(terms, REPEATED_PHRASE.id).is_empty());
        let wording = "推动健康发展。实现健康发展。促进健康发展。";
        assert_eq!(findings(wording, REPEATED_PHRASE.id).len(), 1);
    }

    #[test]
    fn a_phrase_before_every_figure_is_no_repetition() {
        let breakdown = "由子女照料的占35%，由配偶照料的占28%，由亲属照料的占12%。";
        assert!(findings(breakdown, REPEATED_PHRASE.id).is_empty());
        let once_without = "由子女照料的占35%，由配偶照料的占28%，由亲属照料的占一定比例。";
        assert_eq!(findings(once_without, REPEATED_PHRASE.id).len(), 1);
    }

    #[test]
    fn a_heading_names_what_follows_its_opening_verbs() {
        let cases = [
            ("（一）加强科技创新", "科技创新"),
            ("（二）统筹推进城乡融合发展", "城乡融合发展"),
            ("（三）切实加强组织领导", "组织领导"),
            ("（四）国库集中支付", "国库集中支付"),
            ("（五）加强", "加强"),
        ];
        for (heading, subject) in cases {
            let doc = Document::new(heading.to_string());
            let sections = Sections::of(&doc);
            assert_eq!(sections.subjects, [subject], "{heading}");
            assert_eq!(sections.under, [[0]], "{heading}");
        }
    }

    #[test]
    fn a_rule_of_action_repeats_its_verb_on_purpose() {
        for text in [
            "能整改的当场整改，不能当场整改的限期整改。",
            "能解决的，马上解决；一时解决不了的，说明情况。",
            "能自己处理的马上处理，处理不了的当天报告。",
        ] {
            assert!(findings(text, OVERUSED_WORD.id).is_empty(), "{text}");
        }
        // 的 after the verb alone does not make the rule.
        let text = "整改的问题要整改到位，整改的结果要公开。";
        assert_eq!(findings(text, OVERUSED_WORD.id).len(), 1, "{text}");
    }

    #[test]
    fn expected_uses_never_read_zero() {
        assert_eq!(about_times(0.0004), "不到 0.01 次");
        assert_eq!(about_times(0.005), "约 0.01 次");
        assert_eq!(about_times(0.4412), "约 0.44 次");
    }

    #[test]
    fn frequent_by_the_standard_of_official_texts() {
        // In 2,000 words: 落实 (1,296 per million) is usual up to 13 uses, 赋能 (329) up to
        // 4; a word the official texts rarely use has no such allowance.
        assert_eq!(usual_in_official_texts("落实", 2_000), 13);
        assert_eq!(usual_in_official_texts("赋能", 2_000), 4);
        assert_eq!(usual_in_official_texts("审稿", 2_000), 0);
    }

    #[test]
    fn quoted_formulas_and_modal_words_are_no_overuse() {
        let overused = |text: &str| findings(text, OVERUSED_WORD.id);
        let formula = "加快推进改革、加快推进开放、加快推进创新";
        assert!(
            !overused(&format!("{formula}。")).is_empty(),
            "加快推进 three times"
        );
        assert!(overused(&format!("坚持“{formula}”。")).is_empty());
        // Nor are the words of a cited title: 治理 twice in it, once outside.
        let cited = "落实《关于加强基层治理体系和治理能力现代化建设的意见》，提升治理效能。";
        assert!(overused(cited).is_empty());
        // Modal and negation words repeat on purpose; other words do not.
        assert!(overused("隐患不能等、不能拖，更不能捂着盖着。").is_empty());
        assert!(overused("抽查责任人是否熟悉预案、是否到过现场、是否知道转移路线。").is_empty());
        assert!(overused("每月至少开一次会，每季度至少汇报一次，每年至少联系三人。").is_empty());
        assert!(overused("每户不超过两间，每间不超过二十平方米，每层不超过三米。").is_empty());
        // Words that state figures are the grammar of a statistic.
        let figures = "粮油类增长5.3%，服装类增长9.6%，通讯器材类增长了21.4%，汽车类增长38.2%。";
        assert!(overused(figures).is_empty());
        let banned = overused("严禁超员超载，严禁擅自改装，严禁无证上岗，严禁私拉乱接。");
        assert!(banned.is_empty(), "{banned:?}");
        let careless = overused("要切实加强领导，切实压实责任，切实抓好落实。");
        assert_eq!(careless.len(), 1, "{careless:?}");
    }

    #[test]
    fn frequent_words_depend_on_length() {
        // 扎实 six times in six paragraphs of a short text.
        let text = "扎实推进改革。\n扎实推进发展。\n扎实做好民生。\n扎实开展工作。\n扎实抓好安全。\n扎实落实责任。";
        let found = findings(text, FREQUENT_WORD.id);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "扎实");
        assert!(found[0].1.contains("6 次"));
        // Both expectations are shown: the general language's and official texts' (扎实 329
        // per million).
        assert!(found[0].1.contains("公文中约 0.01 次"), "{}", found[0].1);
        // 5 uses of a very common word are not unusual.
        let text = "要发展经济。\n要发展教育。\n要发展文化。\n要发展科技。\n要发展体育。";
        assert!(findings(text, FREQUENT_WORD.id).is_empty());
        // 扎实 six times, five of them inside one repeated phrase: that phrase is the finding.
        let text = "扎实推进各项工作。\n".repeat(5) + "扎实做好民生。";
        assert_eq!(findings(&text, REPEATED_PHRASE.id).len(), 1);
        assert!(findings(&text, FREQUENT_WORD.id).is_empty());
    }

    #[test]
    fn repeated_phrases_with_every_location() {
        let text =
            "我们要确保各项任务落到实处。\n二要确保各项任务落到实处。\n三要确保各项任务落到实处！";
        let found = findings(text, REPEATED_PHRASE.id);
        let phrases: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(phrases, ["确保各项任务落到实处"], "{found:?}");
        let message = &found[0].1;
        assert!(message.contains("3 次"), "{message}");
        for place in ["第 1 行第 4 列", "第 2 行第 3 列", "第 3 行第 3 列"] {
            assert!(message.contains(place), "{message} lacks {place}");
        }
        // Terms of the subject (nouns only) are left alone.
        assert!(
            findings(
                "优化营商环境。营商环境很重要。营商环境要更好。",
                REPEATED_PHRASE.id
            )
            .is_empty()
        );
        // Function words do not start a reported phrase; two uses are not enough.
        assert!(
            findings(
                "的重要组成部分。的重要组成部分。的重要组成部分。",
                REPEATED_PHRASE.id
            )
            .iter()
            .all(|(t, _)| !t.starts_with('的'))
        );
        assert!(
            findings(
                "确保各项任务落到实处。确保各项任务落到实处。",
                REPEATED_PHRASE.id
            )
            .is_empty()
        );
    }

    #[test]
    fn a_phrase_inside_a_longer_one_needs_three_uses_of_its_own() {
        let phrases = |text: &str| -> Vec<String> {
            findings(text, REPEATED_PHRASE.id)
                .into_iter()
                .map(|(t, _)| t)
                .collect()
        };
        let longer = "加快推进老旧小区改造。";
        // Three uses inside 加快推进老旧小区改造 and one more: 加快推进 is not reported.
        let once_more = format!("{longer}{longer}{longer}要加快推进。");
        assert_eq!(phrases(&once_more), ["加快推进老旧小区改造"]);
        // Three more uses of its own, and it is.
        let thrice_more = format!("{once_more}必须加快推进。还要加快推进。");
        assert_eq!(phrases(&thrice_more), ["加快推进老旧小区改造", "加快推进"]);
    }

    #[test]
    fn the_subject_named_in_the_title_is_no_repetition() {
        let body = "我们抓乡村振兴。\n以乡村振兴为主线。\n乡村振兴要见效。\n振兴，振兴，振兴乡村，振兴产业，振兴人才。";
        let reported = |text: &str| -> Vec<String> {
            let mut found = findings(text, REPEATED_PHRASE.id);
            found.extend(findings(text, FREQUENT_WORD.id));
            found.into_iter().map(|(t, _)| t).collect()
        };
        // Without a title, the phrase and its word are reported.
        let untitled = reported(body);
        assert!(untitled.contains(&"乡村振兴".to_string()), "{untitled:?}");
        assert!(untitled.contains(&"振兴".to_string()), "{untitled:?}");
        // Under a title that names 乡村振兴 (and a speaker line), neither is.
        let titled = format!("激活乡村振兴新动能\n——在全市工作会议上的发言\n{body}");
        let found = reported(&titled);
        assert!(found.is_empty(), "{found:?}");
        // A title's verbs are still words to watch: 进一步加强 heads no subject.
        let stock = "要进一步加强领导。\n必须进一步加强监管。\n进一步加强宣传。";
        let titled = format!("关于进一步加强安全生产的讲话\n{stock}");
        assert_eq!(reported(&titled), ["进一步加强"]);
        // A first line that ends a sentence is body, not title.
        let found = reported(&format!("乡村振兴是大事。\n{body}"));
        assert!(found.contains(&"乡村振兴".to_string()), "{found:?}");
    }

    /// A phrase repeated only inside one quotation is the quoted formula's own parallelism.
    #[test]
    fn a_quoted_formula_repeats_nothing() {
        let formula = "管行业必须管安全、管业务必须管安全、管生产经营必须管安全";
        let quoted = format!("我们坚持“{formula}”的要求，各部门要把安全工作管起来。");
        assert!(findings(&quoted, REPEATED_PHRASE.id).is_empty());
        let unquoted = format!("我们坚持{formula}的要求，各部门要把安全工作管起来。");
        let found = findings(&unquoted, REPEATED_PHRASE.id);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "必须管安全");
    }

    #[test]
    fn near_duplicates_name_both_places() {
        let text = "街道始终坚持把党建引领基层治理作为全局工作的重要抓手，推动各项工作落地见效。\n今年我们做了三件事。\n街道将始终坚持把党建引领基层治理作为全局工作的重要抓手，推动各项任务落地见效。";
        // The pair shares 0.68 of its shingles; by edits (将 put in, 工作 → 任务) it is 0.92.
        let strict = RedundancySettings {
            near_duplicate: 0.95,
            ..RedundancySettings::default()
        };
        assert!(
            (run_with(text, strict).findings.iter()).all(|f| f.rule != NEAR_DUPLICATE.id),
            "not reported from 0.95"
        );
        let out = run_with(text, RedundancySettings::default());
        let found: Vec<&Finding> = (out.findings.iter())
            .filter(|f| f.rule == NEAR_DUPLICATE.id)
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].text.starts_with("街道将"));
        assert!(
            found[0].message.contains("第 1 行第 1 列")
                && found[0].message.contains("字符编辑相似度"),
            "{}",
            found[0].message
        );
        assert_eq!(out.metrics.redundancy.unwrap().near_duplicates, 1);
        // The explanation's example: one word changed in a longer sentence, 0.83.
        let example = "街道始终坚持把党建引领基层治理作为全局工作的重要抓手，健全网格化管理体系，推动各项工作落地见效。\n今年我们做了三件事。\n街道始终坚持把党建引领基层治理作为全局工作的重要抓手，健全网格化管理体系，推动各项任务落地见效。";
        let found = findings(example, NEAR_DUPLICATE.id);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(NEAR_DUPLICATE.explanation.contains("0.83"));
    }

    #[test]
    fn scores_stay_in_range() {
        for text in [T1, T2, "", "好", "。", "发展发展发展发展发展。", "a b c"] {
            let out = run(text);
            let score = &out.scores["redundancy"];
            assert!(
                (0.0..=100.0).contains(&score.value),
                "{text}: {}",
                score.value
            );
            let sum: f64 = score.parts.iter().map(|p| p.contribution).sum();
            assert!((sum - score.value).abs() < 1e-9);
            assert!(score.parts.iter().all(|p| p.value.is_finite()), "{text}");
            let m = out.metrics.redundancy.unwrap();
            for v in [m.ttr, m.root_ttr, m.mattr, m.mtld, m.phrase_coverage] {
                assert!(v.is_finite(), "{text}");
            }
        }
        assert_eq!(run("").scores["redundancy"].value, 100.0);
        let repetitive = "确保各项任务落到实处。".repeat(8);
        assert!(run(&repetitive).scores["redundancy"].value < run(T1).scores["redundancy"].value);
    }

    #[test]
    fn scale_and_bands() {
        assert_eq!(linear_points(0.90, 0.90, 0.70), 100.0);
        assert!(close(linear_points(0.80, 0.90, 0.70), 50.0));
        assert_eq!(linear_points(0.5, 0.90, 0.70), 0.0);
        assert_eq!(linear_points(0.0, 0.0, 0.3), 100.0);
        assert_eq!(band(80.0), "精炼");
        assert_eq!(band(10.0), "冗余");
    }
}
