//! Typing slips no fixed list can hold (part of the wording area).
//!
//! - **A wrong character inside a word** (`wording/confusable-char`). An input method puts a
//!   same-sound or look-alike character inside an ordinary term: 规划编至 for 编制, 营商环竟
//!   for 环境, 肓目 for 盲目, 国务阮办公厅 for 国务院办公厅. Where the segmentation falls apart
//!   there (a word the dictionary does not know, or a rare character standing alone), each
//!   character of that piece is replaced by each of its confusables
//!   (`dictionaries/wording/confusion.tsv`: same syllable, near syllable, similar shape), alone
//!   and together with the words beside it. When exactly one change gives a frequent word of
//!   jieba's dictionary, an official term (`terms.tsv`) or the name of an official body
//!   (`bodies.txt`), the character is reported with that fix. Names, numbers, Latin letters and
//!   quoted text are left alone.
//! - **A same-sound word inside a term** (`wording/term-slip`): 建设法制政府 for 法治政府, where
//!   every word is a word and only the term shows the slip. A list built from the terms and
//!   counts of official prose (`term-slips.tsv`) holds each such change that official prose
//!   never writes while it writes the term often.
//! - **A character typed twice** (`wording/doubled-char`): 各各部门, 工作的的重点, 完成了了 —
//!   two one-character words of the same function character, which no word of the dictionary
//!   and no reduplication (看看, 常常, 研究研究, 干干净净) explains.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use crate::analyze::Analysis;
use crate::analyze::memo;
use crate::analyze::readability::difficulty;
use crate::doc::{Document, Token, inside, is_han};
use crate::report::Finding;
use crate::rules::{Rule, Severity};
use crate::segment;

pub static CONFUSABLE_CHAR: Rule = Rule {
    id: "wording/confusable-char",
    severity: Severity::Warning,
    summary: "A same-sound or look-alike character typed inside a word, e.g. 营商环竟 for 营商环境",
    explanation: "\
Finds a character an input method put in place of a same-sound or look-alike one inside an \
ordinary word or term: 规划编至 (编制), 营商环竟 (营商环境), 乡村振心 (乡村振兴), 肓目 (盲目), \
中央记委 (中央纪委), 国务阮办公厅 (国务院办公厅).

How: where the segmenter cannot read a piece of the sentence as known words (a word missing \
from its dictionary, or a rare character standing alone), every character of that piece is \
replaced in turn by each character of the same syllable, a near syllable (zh/z, ing/in, n/l …) \
or a similar shape, alone and together with the words beside it. A change counts when it gives \
a frequent word of the dictionary, an official term or the name of an official body. Its \
evidence, the finding's `score`, adds two things in natural log: how much likelier the words \
become as the dictionary counts them, and half of how much likelier the character becomes \
between its neighbours as official prose pairs characters (counts of character pairs in \
government reports and policy documents, built into shengao). 营商环竟 → 营商环境 scores about \
33, 规划编至 → 规划编制 17, 空件 → 空间 15. A slip is reported from a score of 15 on (about \
3.3 million times likelier), when no other change comes close; `[wording] confidence` in \
shengao.toml sets that least score. Only from a score of 22 on (30 when the written character \
is not a common one, since a rare character is seldom typed by mistake) is the change a certain fix that `shengao fix` applies; below it the message \
names the likely word and the writer decides. A word the draft uses twice or more, and a word \
official prose uses that the dictionary lacks (数智, 抗疫, 储销: a list built into shengao), is \
the writer's word, not a slip; so are a document number's issuer code (民函〔2021〕), a firm's \
name (贵旅集团) and a province's one-character name opening a word (冀货出海). Names (as the \
segmenter tags them), numbers, Latin letters, quoted text and paragraphs in traditional \
characters are never changed, and a piece that is itself an official term or body name is left \
alone.

Why it matters: these are the slips proofreaders are paid to catch; a spelling list cannot hold \
them, since any character of any word can be mistyped.

Example: `进一步优化营商环竟` → `营商环境`.",
};

pub static DOUBLED_CHAR: Rule = Rule {
    id: "wording/doubled-char",
    severity: Severity::Warning,
    summary: "A function character typed twice, e.g. 各各部门, 工作的的重点",
    explanation: "\
Finds one of the characters 的 了 是 在 各 对 把 被 将 从 与 及 和 等 并 也 都 要 就 typed twice in \
a row where the segmenter reads two words of one character each, so that no word (等等, 的确) \
and no reduplication (的的确确) explains it: 工作的的重点; also 各 before a word that begins \
with 各 (各各部门), and 了了 right after a verb (已经完成了了; 不甚了了 is a word). The fix \
deletes the second one.

Why it matters: a doubled character is a plain typing slip and the easiest one for a reader to \
spot.

Example: `落实各各部门的责任` → `落实各部门的责任`.",
};

pub static TERM_SLIP: Rule = Rule {
    id: "wording/term-slip",
    severity: Severity::Warning,
    summary: "A same-sound word typed inside an official term, e.g. 建设法制政府 for 法治政府",
    explanation: "\
Finds a real word of the same sound typed inside a fixed term of official prose, where the \
segmenter reads every word and only the term shows the slip: 建设法制政府 (法治政府), 专向债券 \
(专项债券), 世界经纪 (世界经济).

How: shengao carries a list of such slips, built from the official terms it knows and counts \
of government reports and policy documents: each change of one character of a term to a \
same-sound character that still gives a word of the dictionary, kept only when official prose \
writes the term five times or more and the changed form never (法治政府 73 times, 法制政府 \
never; 法制建设 is written 71 times, so 法治建设 → 法制建设 is no slip). The finding's `score` \
is the natural log of one more than the term's count, the evidence that the writer meant the \
term: `[wording] term-confidence` in shengao.toml sets the least one reported (default 2.4: \
the term written at least 10 times). From a score of 3.9 on (50 times) the change is a certain \
fix that `shengao fix` applies. Quoted text is left alone.

Why it matters: a spelling list cannot hold these, and a reader who knows the term stops at \
once: 法制 and 法治 are different policies.

Example: `加快建设法制政府` → `法治政府`.",
};

pub static RULES: &[&Rule] = &[&CONFUSABLE_CHAR, &DOUBLED_CHAR, &TERM_SLIP];

/// The characters a doubling of which is reported.
const DOUBLED: &str = "的了是在各对把被将从与及和等并也都要就";

/// The least frequency (in jieba's dictionary) of a word a change may give.
const MIN_WORD_FREQUENCY: u32 = 100;

/// The longest run of characters (the suspicious piece and the words beside it) looked up.
const MAX_WINDOW_CHARS: usize = 8;

/// The most words in a window looked up.
const MAX_WINDOW_WORDS: usize = 4;

/// The least evidence (natural log: the dictionary's gain plus the weighted context gain) a
/// slip is reported with by default (`[wording] confidence`): e^15 ≈ 3.3 million times.
/// Measured on 3,000 sentences of held-out documents (every fifth of ../shared/corpus, left
/// out of every table built from it), each once as written and once with an input-method
/// slip in a frequent word, the wrong character drawn as often as the language uses it: 15
/// finds 53 % of the slips and flags 0.07 % of the correct sentences; 14 finds 57 % and flags
/// 0.13 %; 12 finds 65 % and flags 0.27 %.
pub const DEFAULT_CONFIDENCE: f64 = 15.0;

/// The least evidence (the natural log of one more than the term's count in official prose)
/// a `wording/term-slip` is reported with by default: the term written 10 times or more.
pub const DEFAULT_TERM_CONFIDENCE: f64 = 2.4;

/// From this evidence on a term slip is a certain fix: the term written 50 times or more.
const TERM_CERTAIN: f64 = 3.9;

/// The wording area's settings (`[wording]` in shengao.toml).
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct WordingSettings {
    /// The least confidence (`score` of a `wording/confusable-char` finding: how much
    /// likelier, in natural log, the fix makes its words and its neighbours) a slip is
    /// reported with.
    pub confidence: f64,
    /// The least `score` of a `wording/term-slip` finding reported: the natural log of one
    /// more than the number of times official prose writes the term.
    pub term_confidence: f64,
}

impl Default for WordingSettings {
    fn default() -> WordingSettings {
        WordingSettings {
            confidence: DEFAULT_CONFIDENCE,
            term_confidence: DEFAULT_TERM_CONFIDENCE,
        }
    }
}

impl WordingSettings {
    /// Checks values the type alone cannot: the key and what is wrong with it.
    pub fn validate(&self) -> Result<(), String> {
        for (key, value) in [
            ("confidence", self.confidence),
            ("term-confidence", self.term_confidence),
        ] {
            if !(value >= 0.0 && value.is_finite()) {
                return Err(format!("key `{key}`: must be a number of 0 or more"));
            }
        }
        Ok(())
    }
}

/// The `[wording]` table of the commented configuration file.
pub const CONFIG_TEMPLATE: &str = "
[wording]
# The least confidence a wording/confusable-char finding is reported with: how much likelier
# (natural log) its fix makes the words and the characters beside it, the finding's `score`.
# 15 is about 3.3 million times; lower finds more slips and more false alarms (11: 0.6 % of
# correct sentences), higher fewer.
confidence = 15.0
# The least evidence a wording/term-slip finding (法制政府 for 法治政府) is reported with: the
# natural log of one more than the times official prose writes the term. 2.4 is 10 times;
# 1.8 (5 times) reports every slip shengao knows.
term-confidence = 2.4
";

/// A change must beat any other change of the same piece by this much (e^2.3 ≈ 10 times)
/// to be the one suggested.
const CLEAR_LEAD: f64 = 2.3;

/// From this score on, when the written character is a common one (通用规范汉字表 level 1), a
/// change is a certain fix, which `shengao fix` applies (基拙设施 → 基础设施 scores 43,
/// 营商环竟 → 营商环境 33; 肓目 → 盲目 is named but not fixed). On held-out sentences no
/// correct one scored 18 or more, but in the corpus 公钥 (a key in cryptography) scored 21
/// against 公约 and 单品 22 against 产品: a fix applied unseen must clear more.
const CERTAIN: f64 = 22.0;

/// From this score on a change of a character that is not a common one is a certain fix
/// (国务阮办公厅 → 国务院办公厅 scores 36). A rare character is seldom typed by mistake:
/// 钽酸锂 (22) is a material, not 碳酸锂.
const CERTAIN_RARE: f64 = 30.0;

const CONFUSION_TSV: &str = include_str!("../../dictionaries/wording/confusion.tsv");
const TERMS_TSV: &str = include_str!("../../dictionaries/wording/terms.tsv");
const BODIES_TXT: &str = include_str!("../../dictionaries/wording/bodies.txt");
const CHAR_FREQUENCY_TSV: &str = include_str!("../../dictionaries/wording/char-frequency.tsv");
const OFFICIAL_WORDS_TSV: &str = include_str!("../../dictionaries/wording/official-words.tsv");
const CHAR_BIGRAMS_TSV: &str = include_str!("../../dictionaries/wording/char-bigrams.tsv");
const TERM_SLIPS_TSV: &str = include_str!("../../dictionaries/wording/term-slips.tsv");
const WORD_FREQUENCY_TXT: &str = include_str!("../../dictionaries/readability/word-frequency.txt");

/// The sum of the frequencies of jieba's dictionary, the denominator of every probability.
const DICTIONARY_TOTAL: f64 = 60_101_964.0;

/// Words per million in official prose that `terms.tsv` counts against (its corpus had
/// 1.25 million words), scaled to the dictionary's frequencies.
const TERM_SCALE: f64 = DICTIONARY_TOTAL / 1_250_000.0;

fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(|line| line.trim_end_matches('\r'))
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
}

/// The confusables of every character, in one string each: the three columns joined.
static CONFUSION: LazyLock<FxHashMap<char, String>> = LazyLock::new(|| {
    data_lines(CONFUSION_TSV)
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let mut key = fields.next()?.chars();
            let c = key.next().filter(|_| key.next().is_none())?;
            Some((c, fields.collect::<String>()))
        })
        .collect()
});

/// Official terms and the names of official bodies, with a frequency on the dictionary's
/// scale: what a changed window may become.
static TERMS: LazyLock<FxHashMap<&'static str, f64>> = LazyLock::new(|| {
    let terms = data_lines(TERMS_TSV).filter_map(|line| {
        let (term, count) = line.split_once('\t')?;
        Some((term, count.trim().parse::<f64>().ok()? * TERM_SCALE))
    });
    // A body's name is as likely as a term seen 20 times.
    let bodies = data_lines(BODIES_TXT).map(|name| (name.trim(), 20.0 * TERM_SCALE));
    terms.chain(bodies).filter(|(t, _)| !t.is_empty()).collect()
});

/// Words of official prose that jieba's dictionary lacks (数智, 储销, 抗疫), and runs of
/// one-character words it reads as no word (勠力): not slips.
static OFFICIAL_WORDS: LazyLock<rustc_hash::FxHashSet<&'static str>> = LazyLock::new(|| {
    data_lines(OFFICIAL_WORDS_TSV)
        .filter_map(|line| line.split('\t').next())
        .collect()
});

/// The frequency of every one-character word of jieba's dictionary.
static CHAR_FREQUENCY: LazyLock<FxHashMap<char, u32>> = LazyLock::new(|| {
    data_lines(CHAR_FREQUENCY_TSV)
        .filter_map(|line| {
            let (c, f) = line.split_once('\t')?;
            Some((c.chars().next()?, f.trim().parse().ok()?))
        })
        .collect()
});

/// How often official prose writes each Han character, and each pair of Han characters seen
/// in two documents or more (`char-bigrams.tsv`), keyed by [`pair_key`]; a character alone
/// is keyed with `'\0'` second. The total of the characters' counts.
static CHAR_BIGRAMS: LazyLock<(FxHashMap<u64, u32>, f64)> = LazyLock::new(|| {
    let mut counts = FxHashMap::default();
    let mut total = 0.0;
    for line in data_lines(CHAR_BIGRAMS_TSV) {
        let Some((key, count)) = line.split_once('\t') else {
            continue;
        };
        let Ok(count) = count.trim().parse::<u32>() else {
            continue;
        };
        let mut chars = key.chars();
        let (Some(a), b) = (chars.next(), chars.next()) else {
            continue;
        };
        if b.is_none() {
            total += f64::from(count);
        }
        counts.insert(pair_key(a, b.unwrap_or('\0')), count);
    }
    (counts, total)
});

fn pair_key(a: char, b: char) -> u64 {
    (u64::from(u32::from(a)) << 32) | u64::from(u32::from(b))
}

/// How much a change counts in natural log next to the dictionary's gain: half, since the
/// characters beside it are already part of the words the dictionary scores.
const CONTEXT_WEIGHT: f64 = 0.5;

/// The log-probability of `c` between the characters `before` and `after` (each a Han
/// character or `None`), as official prose writes pairs of characters: P(c | before) ·
/// P(after | c), each smoothed towards the character's own frequency.
fn context_score(before: Option<char>, c: char, after: Option<char>) -> f64 {
    let (counts, total) = &*CHAR_BIGRAMS;
    let count = |a: char, b: char| f64::from(counts.get(&pair_key(a, b)).copied().unwrap_or(0));
    let alone = |c: char| (count(c, '\0') + 0.5) / (total + 0.5 * counts.len() as f64);
    // P(b | a) = (n(ab) + P(b)) / (n(a) + 1).
    let follows = |a: char, b: char| (count(a, b) + alone(b)) / (count(a, '\0') + 1.0);
    let left = before.map_or_else(|| alone(c), |a| follows(a, c));
    let right = after.map_or(1.0, |b| follows(c, b));
    left.ln() + right.ln()
}

/// How much likelier official prose makes `right` than `wrong` at byte `at` of the text,
/// between the Han characters beside it.
fn context_gain(doc: &Document, at: usize, wrong: char, right: char) -> f64 {
    let before = doc.text[..at].chars().next_back().filter(|&c| is_han(c));
    let after = doc.text[at + wrong.len_utf8()..]
        .chars()
        .next()
        .filter(|&c| is_han(c));
    context_score(before, right, after) - context_score(before, wrong, after)
}

/// The term slips (`term-slips.tsv`): an automaton over the slips as written, and for each
/// the term and how often official prose writes it.
struct TermSlips {
    automaton: aho_corasick::AhoCorasick,
    terms: Vec<(&'static str, &'static str, u32)>,
}

static TERM_SLIPS: LazyLock<TermSlips> = LazyLock::new(|| {
    let terms: Vec<_> = data_lines(TERM_SLIPS_TSV)
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let (written, term, uses) = (fields.next()?, fields.next()?, fields.next()?);
            Some((written, term, uses.trim().parse().ok()?))
        })
        .collect();
    let automaton = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(terms.iter().map(|t| t.0))
        .expect("the term slips are few enough for an Aho-Corasick automaton");
    TermSlips { automaton, terms }
});

/// The term slips of the document outside quotations, each as a [`Change`] whose gain is
/// the term's evidence, the natural log of one more than its count.
fn term_slips(doc: &Document, quoted: &[std::ops::Range<usize>]) -> Vec<Change> {
    let slips = &*TERM_SLIPS;
    let mut out = Vec::new();
    for m in slips.automaton.find_iter(&doc.text) {
        if inside(quoted, &m.range()) {
            continue;
        }
        let (written, term, uses) = slips.terms[m.pattern().as_usize()];
        let Some((at, (wrong, right))) = written
            .char_indices()
            .zip(term.chars())
            .map(|((at, w), r)| (at, (w, r)))
            .find(|(_, (w, r))| w != r)
        else {
            continue;
        };
        let start = m.start() + at;
        out.push(Change {
            range: start..start + wrong.len_utf8(),
            right,
            written: written.to_string(),
            word: term.to_string(),
            gain: f64::from(uses + 1).ln(),
        });
    }
    out
}

/// Builds the tables now rather than on first use.
pub fn prepare() {
    LazyLock::force(&CONFUSION);
    LazyLock::force(&TERMS);
    LazyLock::force(&CHAR_FREQUENCY);
    LazyLock::force(&OFFICIAL_WORDS);
    LazyLock::force(&MASKED);
    LazyLock::force(&LONG_MASKED);
    LazyLock::force(&CHAR_BIGRAMS);
    LazyLock::force(&TERM_SLIPS);
}

fn ln_probability(frequency: f64) -> f64 {
    (frequency.max(1.0) / DICTIONARY_TOTAL).ln()
}

/// One target word with one character taken out: the key of the rest (the character's
/// place holding 0, which no character is), where it was, what it was, and the word's
/// log-probability (a term's own count, else the dictionary's frequency).
type Masked = (u128, u8, char, f64);

/// Every target a key holds (the frequent words of the dictionary, the terms and the bodies'
/// names), once for each of its characters taken out, sorted by key: one binary search
/// gives every target one change away from a window, however many confusables its
/// characters have. This is the detector's inner loop.
static MASKED: LazyLock<Vec<Masked>> = LazyLock::new(|| {
    let words = data_lines(WORD_FREQUENCY_TXT).filter_map(|line| {
        let (word, frequency) = line.split_once('\t')?;
        let frequency: u32 = frequency.trim().parse().ok()?;
        (frequency >= MIN_WORD_FREQUENCY).then(|| (word, ln_probability(f64::from(frequency))))
    });
    let terms = TERMS.iter().map(|(&word, &f)| (word, ln_probability(f)));
    let mut scores: FxHashMap<&str, f64> = words.collect();
    // A term's own count wins over the dictionary's.
    scores.extend(terms);
    let mut masked = Vec::new();
    for (word, score) in scores {
        let chars: Vec<char> = word.chars().collect();
        if chars.len() > memo::MAX_KEY_CHARS {
            continue;
        }
        for (i, &c) in chars.iter().enumerate() {
            masked.push((masked_key(&chars, i), i as u8, c, score));
        }
    }
    masked.sort_unstable_by_key(|m| (m.0, m.1, m.2));
    masked
});

/// The key of `chars` with `chars[at]` taken out, as [`memo::key`] builds keys.
fn masked_key(chars: &[char], at: usize) -> u128 {
    chars.iter().enumerate().fold(0u128, |key, (i, &c)| {
        let code = if i == at { 0 } else { u32::from(c) + 1 };
        (key << 21) | u128::from(code)
    })
}

/// The targets one change of `chars[at]` away: each character that makes one, with its
/// score.
fn targets_of(chars: &[char], at: usize) -> impl Iterator<Item = (char, f64)> + '_ {
    let key = masked_key(chars, at);
    let first = MASKED.partition_point(|m| m.0 < key);
    MASKED[first..]
        .iter()
        .take_while(move |m| m.0 == key)
        .filter(move |m| usize::from(m.1) == at && m.2 != chars[at])
        .map(|m| (m.2, m.3))
}

/// A term longer than [`memo::MAX_KEY_CHARS`] with one character taken out: the hash of the
/// rest ([`masked_hash`]), where it was, what it was, the log-probability of the term, and the
/// term.
type LongMasked = (u64, u8, char, f64, &'static str);

/// Every term too long for a key and short enough for a window, once for each of its
/// characters taken out, sorted by hash: [`MASKED`] for long terms.
static LONG_MASKED: LazyLock<Vec<LongMasked>> = LazyLock::new(|| {
    let mut masked = Vec::new();
    for (&term, &frequency) in TERMS.iter() {
        let chars: Vec<char> = term.chars().collect();
        if chars.len() <= memo::MAX_KEY_CHARS || chars.len() > MAX_WINDOW_CHARS {
            continue;
        }
        for (i, &c) in chars.iter().enumerate() {
            let score = ln_probability(frequency);
            masked.push((masked_hash(&chars, i), i as u8, c, score, term));
        }
    }
    masked.sort_unstable_by(|a, b| (a.0, a.1, a.2, a.4).cmp(&(b.0, b.1, b.2, b.4)));
    masked
});

/// A hash of `chars` with `chars[at]` taken out.
fn masked_hash(chars: &[char], at: usize) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    for (i, &c) in chars.iter().enumerate() {
        hasher.write_u32(if i == at { 0 } else { u32::from(c) + 1 });
    }
    hasher.finish()
}

/// The long terms one change of `chars[at]` away, as [`targets_of`] finds short targets.
fn long_targets_of(chars: &[char], at: usize) -> impl Iterator<Item = (char, f64)> + '_ {
    let key = masked_hash(chars, at);
    let first = LONG_MASKED.partition_point(|m| m.0 < key);
    LONG_MASKED[first..]
        .iter()
        .take_while(move |m| m.0 == key)
        .filter(move |m| {
            usize::from(m.1) == at
                && m.2 != chars[at]
                && m.4.chars().count() == chars.len()
                && (m.4.chars().zip(chars).enumerate()).all(|(i, (a, &b))| i == at || a == b)
        })
        .map(|m| (m.2, m.3))
}

/// The log-probability of a word as written: a word of the dictionary by its frequency (50,
/// the least the frequency list holds, for a rarer one), anything else as its characters.
fn written_score(word: &str) -> f64 {
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return ln_probability(CHAR_FREQUENCY.get(&c).map_or(1.0, |&f| f64::from(f)));
    }
    if let Some(&frequency) = TERMS.get(word) {
        return ln_probability(frequency);
    }
    if let Some(frequency) = difficulty::word_frequency(word) {
        return ln_probability(f64::from(frequency));
    }
    if segment::jieba().has_word(word) {
        return ln_probability(50.0);
    }
    word.chars()
        .map(|c| ln_probability(CHAR_FREQUENCY.get(&c).map_or(1.0, |&f| f64::from(f))))
        .sum()
}

/// A token made only of Han characters.
fn is_han_word(doc: &Document, token: &Token) -> bool {
    let word = doc.str(token.range.clone());
    !word.is_empty() && word.chars().all(is_han)
}

/// A name as the tagger tags it: a person (nr), a place (ns), an organisation (nt), another
/// proper noun (nz), of two characters or more (a character alone tagged nr is as often a
/// slip as a surname: 国务阮办公厅).
fn is_name(doc: &Document, token: &Token) -> bool {
    (token.tag.starts_with("nr") || matches!(token.tag, "ns" | "nt" | "nz"))
        && doc.str(token.range.clone()).chars().nth(1).is_some()
}

/// Whether the segmenter could not read this token as a known word: a word of 2–4 Han
/// characters missing from the dictionary and from the terms, or a word of one character
/// (which may stand in a run the dictionary reads as no word: 编/至). Names are not.
fn is_suspicious(doc: &Document, token: &Token) -> bool {
    if !is_han_word(doc, token) || is_name(doc, token) {
        return false;
    }
    let word = doc.str(token.range.clone());
    match word.chars().count() {
        1 => true,
        // The frequency table answers for most words before the dictionary's trie is asked.
        2..=4 => {
            difficulty::word_frequency(word).is_none()
                && !segment::jieba().has_word(word)
                && !TERMS.contains_key(word)
        }
        _ => false,
    }
}

/// One change that turns a window into a known word: the byte range of the wrong
/// character in the text, the character that should stand there, the window as written and
/// as changed, and how much likelier the change makes it.
#[derive(Debug, Clone, PartialEq)]
struct Change {
    range: std::ops::Range<usize>,
    right: char,
    written: String,
    word: String,
    gain: f64,
}

/// The changes of one character inside `tokens[piece]` that make a known word of the
/// window `tokens[from..to]`, with their gain.
fn changes_in(
    doc: &Document,
    tokens: &[Token],
    piece: &std::ops::Range<usize>,
    from: usize,
    to: usize,
    out: &mut Vec<Change>,
) {
    let start = tokens[from].range.start;
    let end = tokens[to - 1].range.end;
    let window = doc.str(start..end);
    let mut chars = [' '; MAX_WINDOW_CHARS];
    let mut len = 0;
    for c in window.chars() {
        if len == MAX_WINDOW_CHARS {
            return;
        }
        chars[len] = c;
        len += 1;
    }
    let chars = &chars[..len];
    if TERMS.contains_key(window) {
        return;
    }
    let inside =
        tokens[piece.start].range.start.max(start)..tokens[piece.end - 1].range.end.min(end);
    let mut written = None;
    let mut at = start;
    for (i, &c) in chars.iter().enumerate() {
        let here = at;
        at += c.len_utf8();
        if !inside.contains(&here) {
            continue;
        }
        // A province's one-character name opening a word is an abbreviation (冀货出海,
        // 津融, 京张), not a slip.
        if ABBREVIATIONS.contains(c) && tokens[from..to].iter().any(|t| t.range.start == here) {
            continue;
        }
        let Some(confusables) = CONFUSION.get(&c) else {
            continue;
        };
        // Only terms are longer than a key holds: they have their own table.
        let long = chars.len() > memo::MAX_KEY_CHARS;
        let keyed = (!long).then(|| targets_of(chars, i));
        let hashed = long.then(|| long_targets_of(chars, i));
        let found = keyed
            .into_iter()
            .flatten()
            .chain(hashed.into_iter().flatten())
            .filter(|(right, _)| confusables.contains(*right));
        for (right, score) in found {
            let written = *written.get_or_insert_with(|| {
                (from..to)
                    .map(|t| written_score(doc.str(tokens[t].range.clone())))
                    .sum::<f64>()
            });
            let mut word: String = chars.iter().collect();
            word.replace_range(
                here - start..here - start + c.len_utf8(),
                right.encode_utf8(&mut [0; 4]),
            );
            out.push(Change {
                range: here..here + c.len_utf8(),
                right,
                written: window.to_string(),
                word,
                gain: score - written + CONTEXT_WEIGHT * context_gain(doc, here, c, right),
            });
        }
    }
}

/// The pieces of a sentence the segmenter could not read as known words: an unknown word
/// alone, or a run of one-character words.
fn pieces(doc: &Document, tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !is_suspicious(doc, &tokens[i]) {
            i += 1;
            continue;
        }
        let single = |t: &Token| doc.str(t.range.clone()).chars().count() == 1;
        let mut end = i + 1;
        if single(&tokens[i]) {
            while end < tokens.len() && is_suspicious(doc, &tokens[end]) && single(&tokens[end]) {
                end += 1;
            }
            // A lone common character is no piece: 他/是 reads as words.
            let lone_common = end == i + 1
                && difficulty::is_level1(
                    doc.str(tokens[i].range.clone())
                        .chars()
                        .next()
                        .unwrap_or(' '),
                );
            if lone_common {
                i = end;
                continue;
            }
        }
        out.push(i..end);
        i = end;
    }
    out
}

/// One-character names of provinces that open abbreviated words (冀货, 津融, 京张, 黔货).
/// The commonest (新, 云, 青 …) are left out: they are slips as often as names.
const ABBREVIATIONS: &str = "京津沪渝冀晋蒙辽皖闽赣鲁豫鄂湘粤桂琼蜀黔滇陕陇";

/// Words after which an unknown word is the name of a firm or a product (贵旅集团, 玖德化学),
/// not a slip.
const FIRM_WORDS: &[&str] = &[
    "集团", "公司", "股份", "控股", "化学", "科技", "实业", "银行", "药业", "医药", "电子", "汽车",
    "能源", "材料", "时代", "品牌", "国际",
];

/// Whether a piece names something rather than says it: the issuer's code of a document
/// number (民函〔2021〕742号, 国科函规〔2020〕15号) or a firm's name (贵旅集团).
fn names(doc: &Document, tokens: &[Token], piece: &std::ops::Range<usize>) -> bool {
    let end = tokens[piece.end - 1].range.end;
    if doc.text[end..].starts_with(['〔', '[', '［']) {
        return true;
    }
    tokens
        .get(piece.end)
        .is_some_and(|t| FIRM_WORDS.contains(&doc.str(t.range.clone())))
}

/// Whether a paragraph is written in traditional characters (or is full of rare ones): two
/// or more Han characters outside 通用规范汉字表, whose confusables shengao does not know.
/// Its 於 and 麽 are the characters of its script, not slips.
fn traditional(doc: &Document, paragraph: usize) -> bool {
    doc.str(doc.paragraphs[paragraph].range.clone())
        .chars()
        .filter(|&c| is_han(c) && !CONFUSION.contains_key(&c))
        .nth(1)
        .is_some()
}

/// The slips of one sentence: for each piece, every window of up to [`MAX_WINDOW_WORDS`]
/// Han words that holds part of it is tried; the change with the largest gain is reported
/// when it gains at least `confidence` and leads every other change by [`CLEAR_LEAD`].
fn confusable_chars(
    doc: &Document,
    tokens: &[Token],
    pieces: Vec<std::ops::Range<usize>>,
    quoted: &[std::ops::Range<usize>],
    confidence: f64,
    known: &dyn Fn(&str) -> bool,
) -> Vec<Change> {
    let mut out = Vec::new();
    for piece in pieces {
        let range = tokens[piece.start].range.start..tokens[piece.end - 1].range.end;
        if inside(quoted, &range) || known(doc.str(range.clone())) || names(doc, tokens, &piece) {
            continue;
        }
        let usable = |i: usize| is_han_word(doc, &tokens[i]) && !is_name(doc, &tokens[i]);
        let mut changes = Vec::new();
        let lowest = piece.start.saturating_sub(MAX_WINDOW_WORDS - 1);
        for from in lowest..piece.end {
            if !(from..piece.start).all(usable) {
                continue;
            }
            let highest = (from + MAX_WINDOW_WORDS).min(tokens.len());
            for to in (from + 1).max(piece.start + 1)..=highest {
                if !usable(to - 1) {
                    break;
                }
                changes_in(doc, tokens, &piece, from, to, &mut changes);
            }
        }
        changes.sort_by(|a, b| b.gain.total_cmp(&a.gain));
        let Some(best) = changes.first() else {
            continue;
        };
        let rival = changes
            .iter()
            .find(|c| c.range != best.range || c.right != best.right);
        if best.gain >= confidence && rival.is_none_or(|r| best.gain - r.gain >= CLEAR_LEAD) {
            out.push(best.clone());
        }
    }
    out
}

/// A function character typed twice: the range of the second one. Two one-character words
/// of the same character (工作的的重点), 各 before a word of 各 (各各部门 read 各/各部门), and
/// 了了 read as one word right after a verb (完成了了; 不甚了了 is a word).
fn doubled_chars(doc: &Document, tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let word = doc.str(token.range.clone());
        if word == "了了" {
            let after_verb = i > 0 && tokens[i - 1].tag.starts_with('v');
            if after_verb {
                out.push(token.range.start + '了'.len_utf8()..token.range.end);
            }
            continue;
        }
        let mut chars = word.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            continue;
        };
        let Some(next) = tokens.get(i + 1) else {
            continue;
        };
        let following = doc.str(next.range.clone());
        if !DOUBLED.contains(c) || token.range.end != next.range.start {
            continue;
        }
        let doubled = if following.chars().count() == 1 {
            following.starts_with(c)
        } else {
            c == '各' && following.starts_with(c)
        };
        // AABB: 的的确确 or 是是非非 read as 的/的/确确.
        let reduplicated = tokens.get(i + 2).is_some_and(|t| {
            let mut n = doc.str(t.range.clone()).chars();
            let first = n.next();
            first.is_some() && n.next() == first
        });
        if doubled && !reduplicated {
            out.push(next.range.start..next.range.start + c.len_utf8());
        }
    }
    out
}

/// Adds the findings of the three rules, except where the wording lists found something already
/// (`listed`: the start of each such span, in order).
pub fn analyze(
    doc: &Document,
    settings: &WordingSettings,
    listed: &[usize],
    out: &mut Analysis,
) -> Counts {
    let quoted = doc.quotations();
    let mut counts = Counts::default();
    // Where a slip was reported: a term slip there is the same one.
    let mut reported = Vec::new();
    // How often each unknown word is written in the document, in one pass.
    let mut uses: FxHashMap<&str, usize> = FxHashMap::default();
    let mut pieces_of = Vec::with_capacity(doc.sentences.len());
    // Whether the last paragraph asked is [`traditional`]: sentences come in paragraph
    // order, and only one with a piece asks.
    let mut script: Option<(usize, bool)> = None;
    for sentence in &doc.sentences {
        let tokens = &doc.tokens[sentence.tokens.clone()];
        let mut found = pieces(doc, tokens);
        if !found.is_empty() {
            let paragraph = sentence.paragraph;
            let in_traditional = match script {
                Some((p, answer)) if p == paragraph => answer,
                _ => traditional(doc, paragraph),
            };
            script = Some((paragraph, in_traditional));
            if in_traditional {
                found.clear();
            }
        }
        for piece in &found {
            let range = tokens[piece.start].range.start..tokens[piece.end - 1].range.end;
            *uses.entry(doc.str(range)).or_default() += 1;
        }
        pieces_of.push(found);
    }
    // A word the writer uses again is the writer's word (产链, 沙盒), not a slip; so is a word
    // of official prose the dictionary lacks.
    let known =
        |piece: &str| uses.get(piece).is_some_and(|&n| n > 1) || OFFICIAL_WORDS.contains(piece);
    for (sentence, found) in doc.sentences.iter().zip(pieces_of) {
        let tokens = &doc.tokens[sentence.tokens.clone()];
        let changes = confusable_chars(doc, tokens, found, quoted, settings.confidence, &known);
        let doubles = doubled_chars(doc, tokens);
        for change in changes {
            // A character typed twice is that slip, not a wrong character as well.
            // A change on the doubled pair (d is its second character) or touching it.
            let doubling = doubles
                .iter()
                .any(|d| change.range.start < d.end && d.start <= change.range.end + d.len());
            if doubling || listed.binary_search(&change.range.start).is_ok() {
                continue;
            }
            counts.confusable += 1;
            reported.push(change.range.start);
            let wrong = doc.str(change.range.clone()).to_string();
            let finding = Finding::new(
                &CONFUSABLE_CHAR,
                doc,
                change.range,
                format!(
                    "错别字：「{}」疑为「{}」（「{wrong}」应为「{}」）",
                    change.written, change.word, change.right
                ),
            )
            .with_score((change.gain * 100.0).round() / 100.0);
            let common = wrong.chars().all(difficulty::is_level1);
            let certain = if common { CERTAIN } else { CERTAIN_RARE };
            out.findings.push(if change.gain >= certain {
                finding.with_suggestion(change.right.to_string())
            } else {
                finding
            });
        }
        for range in doubles {
            counts.doubled += 1;
            let c = doc.str(range.clone()).to_string();
            out.findings.push(
                Finding::new(
                    &DOUBLED_CHAR,
                    doc,
                    range,
                    format!("「{c}{c}」：「{c}」重复了一次"),
                )
                .with_suggestion(""),
            );
        }
    }
    for slip in term_slips(doc, quoted) {
        let start = slip.range.start;
        if slip.gain < settings.term_confidence
            || reported.contains(&start)
            || listed.binary_search(&start).is_ok()
        {
            continue;
        }
        counts.term += 1;
        let wrong = doc.str(slip.range.clone()).to_string();
        let finding = Finding::new(
            &TERM_SLIP,
            doc,
            slip.range,
            format!(
                "错别字：「{}」疑为「{}」（「{wrong}」应为「{}」）",
                slip.written, slip.word, slip.right
            ),
        )
        .with_score((slip.gain * 100.0).round() / 100.0);
        out.findings.push(if slip.gain >= TERM_CERTAIN {
            finding.with_suggestion(slip.right.to_string())
        } else {
            finding
        });
    }
    counts
}

/// How many findings of each rule [`analyze`] added.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub confusable: u64,
    pub doubled: u64,
    pub term: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (rule, text under the span, the right character the message names, the suggestion).
    fn found(text: &str) -> Vec<(String, String, String, Option<String>)> {
        let doc = Document::new(text.to_string());
        let mut out = Analysis::default();
        analyze(&doc, &WordingSettings::default(), &[], &mut out);
        out.findings
            .iter()
            .map(|f| {
                let right = f.message.rsplit('「').next().unwrap_or("");
                let right = right.split('」').next().unwrap_or("").to_string();
                (f.rule.clone(), f.text.clone(), right, f.suggestion.clone())
            })
            .collect()
    }

    #[test]
    fn slips_inside_words_are_found_with_the_right_character() {
        for (text, wrong, right, certain) in [
            ("进一步优化营商环竟。", "竟", "境", true),
            ("全面推进乡村振心。", "心", "兴", true),
            ("不能肓目追求速度。", "肓", "盲", false),
            ("根据国务阮办公厅的通知。", "阮", "院", true),
            ("中央记委的部署要落实。", "记", "纪", false),
            ("完善基拙设施体系。", "拙", "础", true),
        ] {
            let got = found(text);
            let fix = certain.then(|| right.to_string());
            assert!(
                got.iter().any(|(rule, w, r, s)| rule == CONFUSABLE_CHAR.id
                    && w == wrong
                    && r == right
                    && *s == fix),
                "{text}: {got:?}"
            );
        }
    }

    #[test]
    fn a_word_the_draft_uses_again_is_no_slip() {
        assert!(found("全面推进乡村振心。").len() == 1);
        assert!(found("全面推进乡村振心。乡村振心要扎实。").is_empty());
    }

    #[test]
    fn confidence_sets_the_least_score_reported() {
        let doc = Document::new("全面推进乡村振心。".to_string());
        let mut out = Analysis::default();
        let strict = WordingSettings {
            confidence: 100.0,
            ..WordingSettings::default()
        };
        analyze(&doc, &strict, &[], &mut out);
        assert!(out.findings.is_empty());
        for bad in [
            WordingSettings {
                confidence: -1.0,
                ..WordingSettings::default()
            },
            WordingSettings {
                term_confidence: f64::NAN,
                ..WordingSettings::default()
            },
        ] {
            assert!(bad.validate().is_err());
        }
    }

    #[test]
    fn correct_text_and_names_are_left_alone() {
        for text in [
            "进一步优化营商环境，全面推进乡村振兴。",
            "国务院办公厅印发通知。",
            "我们要认真研究研究，看看效果。",
            "这是的的确确的事实。",
            "张志刚同志在会上讲话。",
            "“编至”二字不通。",
            "他把“营商环竟”四个字写错了。",
        ] {
            let got = found(text);
            assert!(got.is_empty(), "{text}: {got:?}");
        }
    }

    #[test]
    fn doubled_characters_are_found_and_deleted() {
        for (text, c) in [
            ("落实各各部门的责任。", "各"),
            ("要求各各方面加强协作。", "各"),
            ("这是工作的的重点。", "的"),
            ("这项任务已经完成了了。", "了"),
        ] {
            let got = found(text);
            // The doubling only: no wrong character reported on the same place.
            assert!(
                matches!(&got[..], [(rule, w, _, s)] if rule == DOUBLED_CHAR.id
                    && w == c
                    && s.as_deref() == Some("")),
                "{text}: {got:?}"
            );
        }
        for text in [
            "他说的的确是事实。",
            "对此不甚了了。",
            "我们对对方的意见很重视。",
            "大家要常常看看。",
        ] {
            let got = found(text);
            assert!(got.is_empty(), "{text}: {got:?}");
        }
    }

    #[test]
    fn the_characters_beside_a_slip_are_evidence() {
        // 空件 reads as two common words, so the dictionary alone gains little; official
        // prose never writes 空件 and often 空间.
        let doc = Document::new("拓展农村劳动力就业空件。".to_string());
        let at = doc.text.find('件').unwrap();
        assert!(context_gain(&doc, at, '件', '间') > 5.0);
        let got = found("拓展农村劳动力就业空件。");
        assert!(
            got.iter()
                .any(|(rule, w, r, _)| rule == CONFUSABLE_CHAR.id && w == "件" && r == "间"),
            "{got:?}"
        );
    }

    #[test]
    fn a_same_sound_word_inside_a_term_is_a_term_slip() {
        let got = found("加快建设法制政府。");
        assert_eq!(
            got,
            [(
                TERM_SLIP.id.to_string(),
                "制".to_string(),
                "治".to_string(),
                Some("治".to_string())
            )]
        );
        // Both forms are written in official prose (法制建设 71 times), quoted text is the
        // writer's, and the term itself is right.
        for text in [
            "加强法制建设。",
            "“法制政府”的提法已经不用。",
            "加快建设法治政府。",
        ] {
            let got = found(text);
            assert!(got.is_empty(), "{text}: {got:?}");
        }
        // Below the least evidence asked for, nothing is reported.
        let doc = Document::new("加快建设法制政府。".to_string());
        let mut out = Analysis::default();
        let strict = WordingSettings {
            term_confidence: 10.0,
            ..WordingSettings::default()
        };
        analyze(&doc, &strict, &[], &mut out);
        assert!(out.findings.is_empty());
    }

    #[test]
    fn names_numbers_and_traditional_text_are_no_slips() {
        // At confidence 0 only the guards keep these quiet; where a text without the guard's
        // trigger exists, it shows the detector does look there.
        let any = WordingSettings {
            confidence: 0.0,
            ..WordingSettings::default()
        };
        let confusables = |text: &str| {
            let doc = Document::new(text.to_string());
            let mut out = Analysis::default();
            analyze(&doc, &any, &[], &mut out);
            (out.findings.iter())
                .filter(|f| f.rule == CONFUSABLE_CHAR.id)
                .count()
        };
        for (guarded, control) in [
            // A document number's issuer code.
            (
                "按照民函〔2021〕742号文件执行。",
                Some("按照民函742号文件执行。"),
            ),
            // A firm's name.
            (
                "贵旅集团等一批企业加快发展。",
                Some("贵旅等一批企业加快发展。"),
            ),
            // A province's one-character name opening a word.
            ("深入实施冀货出海等行动。", None),
            // A paragraph in traditional characters: 於 is its 于.
            ("這是由於國家建設的需要。", Some("这是由於国家建设的需要。")),
        ] {
            assert_eq!(confusables(guarded), 0, "{guarded}");
            if let Some(control) = control {
                assert_eq!(confusables(control), 1, "{control}");
            }
        }
    }

    /// The documents of ../shared/corpus the data files are built from, in manifest order:
    /// the 1954 report in traditional characters left out, and with SHENGAO_HOLD_OUT=1
    /// every fifth document (index % 5 == 0), the held-out set the typo measurements use.
    /// None when the corpus is not there.
    fn corpus_texts() -> Option<Vec<String>> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let corpus = root.join("../shared/corpus");
        let manifest = std::fs::read_to_string(corpus.join("manifest.jsonl")).ok()?;
        let hold_out = std::env::var_os("SHENGAO_HOLD_OUT").is_some();
        let mut texts = Vec::new();
        for (i, line) in manifest.lines().enumerate() {
            let entry: serde_json::Value = serde_json::from_str(line).unwrap();
            let path = entry["path"].as_str().unwrap();
            if path == "gwr_national/068.txt" || (hold_out && i % 5 == 0) {
                continue;
            }
            texts.push(std::fs::read_to_string(corpus.join(path)).unwrap());
        }
        Some(texts)
    }

    /// Writes a data file of dictionaries/wording.
    fn write_data(file: &str, text: String) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        std::fs::write(root.join("dictionaries/wording").join(file), text).unwrap();
    }

    /// Regenerates dictionaries/wording/char-bigrams.tsv from ../shared/corpus:
    /// `cargo test --release --lib -- --ignored char_bigrams`. Every Han character with its
    /// count, and every pair of adjacent Han characters seen in two documents or more with
    /// its count (a pair seen in one document only may be a slip).
    #[test]
    #[ignore = "writes a data file from ../shared/corpus"]
    fn char_bigrams() {
        let Some(texts) = corpus_texts() else {
            eprintln!("skipped: no ../shared/corpus");
            return;
        };
        let mut count: std::collections::BTreeMap<String, (u64, usize)> = Default::default();
        for text in &texts {
            let mut seen = rustc_hash::FxHashSet::default();
            let mut add = |key: String| {
                let entry = count.entry(key.clone()).or_default();
                entry.0 += 1;
                if seen.insert(key) {
                    entry.1 += 1;
                }
            };
            let mut before = None;
            for c in text.chars() {
                if !is_han(c) {
                    before = None;
                    continue;
                }
                add(c.to_string());
                if let Some(a) = before {
                    add(format!("{a}{c}"));
                }
                before = Some(c);
            }
        }
        let mut out = String::from(
            "# How often official prose writes each Han character and each pair of adjacent Han characters:\n\
             # counts over the documents of ../shared/corpus (the 1954 report in traditional characters left\n\
             # out). A pair is listed when seen in at least two documents. Counts only ship, no text.\n\
             # Format: characters<TAB>count, sorted by code point. Regenerate: see README-wording.md.\n",
        );
        for (key, (uses, docs)) in &count {
            if key.chars().count() == 1 || *docs >= 2 {
                out.push_str(&format!("{key}\t{uses}\n"));
            }
        }
        write_data("char-bigrams.tsv", out);
    }

    /// Regenerates dictionaries/wording/term-slips.tsv from the terms, the bodies' names and
    /// ../shared/corpus: `cargo test --release --lib -- --ignored term_slips`. Each term of two
    /// words or more has each character of a word of two characters or more changed in turn to
    /// a same-sound character; the change is kept when the changed word is still a word of the
    /// dictionary (so the detector of unknown words cannot see it), the changed form is no
    /// term, and the corpus writes the term five times or more and the changed form never.
    #[test]
    #[ignore = "writes a data file from ../shared/corpus"]
    fn term_slips() {
        let Some(texts) = corpus_texts() else {
            eprintln!("skipped: no ../shared/corpus");
            return;
        };
        let same: FxHashMap<char, &str> = data_lines(CONFUSION_TSV)
            .filter_map(|line| {
                let mut fields = line.split('\t');
                let c = fields.next()?.chars().next()?;
                Some((c, fields.next()?))
            })
            .collect();
        let mut candidates: Vec<(String, &str)> = Vec::new();
        let mut terms: Vec<&str> = TERMS.keys().copied().collect();
        terms.sort_unstable();
        for &term in &terms {
            let words = segment::jieba().cut(term, false);
            if words.len() < 2 {
                continue;
            }
            let mut start = 0;
            for word in words {
                let chars: Vec<char> = word.word.chars().collect();
                for (i, &c) in chars.iter().enumerate() {
                    for right in same.get(&c).copied().unwrap_or("").chars() {
                        let mut changed = chars.clone();
                        changed[i] = right;
                        let changed: String = changed.into_iter().collect();
                        let is_word = difficulty::word_frequency(&changed).is_some()
                            || segment::jieba().has_word(&changed);
                        if chars.len() < 2 || !is_word {
                            continue;
                        }
                        let mut written = term.to_string();
                        let at = start + chars[..i].iter().map(|c| c.len_utf8()).sum::<usize>();
                        written.replace_range(at..at + c.len_utf8(), &right.to_string());
                        if !TERMS.contains_key(written.as_str()) {
                            candidates.push((written, term));
                        }
                    }
                }
                start += word.word.len();
            }
        }
        // One pass over the corpus counts every term and every changed form.
        let mut patterns: Vec<&str> = candidates.iter().map(|(w, _)| w.as_str()).collect();
        patterns.extend(terms.iter().copied());
        patterns.sort_unstable();
        patterns.dedup();
        let automaton = aho_corasick::AhoCorasick::new(&patterns).unwrap();
        let mut count = vec![0u32; patterns.len()];
        for text in &texts {
            for m in automaton.find_overlapping_iter(text) {
                count[m.pattern().as_usize()] += 1;
            }
        }
        let uses = |s: &str| patterns.binary_search(&s).map_or(0, |i| count[i]);
        let mut out = String::from(
            "# Same-sound words typed inside official terms (法制政府 for 法治政府): the changed form, the term,\n\
             # and how often the 313 documents of ../shared/corpus write the term (they never write the\n\
             # changed form). Built from terms.tsv, bodies.txt, confusion.tsv and the corpus; counts only.\n\
             # Format: written<TAB>term<TAB>uses, sorted by code point. Regenerate: see README-wording.md.\n",
        );
        let mut kept: Vec<_> = candidates
            .iter()
            .filter(|(written, term)| uses(written) == 0 && uses(term) >= 5)
            .map(|(written, term)| format!("{written}\t{term}\t{}\n", uses(term)))
            .collect();
        kept.sort_unstable();
        kept.dedup();
        out.extend(kept);
        write_data("term-slips.tsv", out);
    }

    /// Regenerates dictionaries/wording/official-words.tsv from ../shared/corpus:
    /// `cargo test --release --lib -- --ignored official_words`. Words are the unknown
    /// words of 2–4 Han characters as shengao segments them, seen in two documents or more.
    /// SHENGAO_HOLD_OUT=1 leaves out every fifth document of the manifest (index % 5 == 0),
    /// the held-out set the typo measurements use.
    #[test]
    #[ignore = "writes a data file from ../shared/corpus"]
    fn official_words() {
        let Some(texts) = corpus_texts() else {
            eprintln!("skipped: no ../shared/corpus");
            return;
        };
        let mut count: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
        for text in texts {
            let doc = Document::new(text);
            let mut seen = rustc_hash::FxHashSet::default();
            let mut add = |word: &str| {
                count.entry(word.to_string()).or_default().0 += 1;
                if seen.insert(word.to_string()) {
                    count.get_mut(word).unwrap().1 += 1;
                }
            };
            for token in &doc.tokens {
                let word = doc.str(token.range.clone());
                let chars = word.chars().count();
                if (2..=4).contains(&chars)
                    && word.chars().all(is_han)
                    && !segment::jieba().has_word(word)
                {
                    add(word);
                }
            }
            // Runs of one-character words that would pass for a slip (勠/力 → 努力).
            for sentence in &doc.sentences {
                let tokens = &doc.tokens[sentence.tokens.clone()];
                let found = pieces(&doc, tokens);
                for change in confusable_chars(&doc, tokens, found, &[], 3.0, &|_| false) {
                    let piece = pieces(&doc, tokens).into_iter().find(|p| {
                        tokens[p.start].range.start <= change.range.start
                            && change.range.end <= tokens[p.end - 1].range.end
                    });
                    if let Some(p) = piece.filter(|p| p.len() > 1) {
                        add(doc.str(tokens[p.start].range.start..tokens[p.end - 1].range.end));
                    }
                }
            }
        }
        let mut out = String::from(
            "# Words of official prose that jieba's dictionary lacks (数智, 储销, 抗疫, 视情): tokens of 2-4 Han\n\
             # characters that shengao's segmenter (jieba-rs with dictionaries/user.dict) cuts from the 313\n\
             # documents of ../shared/corpus but does not know, seen in at least two documents (the 1954\n\
             # report in traditional characters left out). Counts only ship, no text.\n\
             # Format: word<TAB>uses, sorted by code point. Regenerate: see README-wording.md.\n",
        );
        for (word, (uses, docs)) in &count {
            if *docs >= 2 {
                out.push_str(&format!("{word}\t{uses}\n"));
            }
        }
        write_data("official-words.tsv", out);
    }
}
