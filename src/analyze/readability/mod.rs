//! Readability: sentence and clause length, the 徐巍–姚振晔–陈冬华 indices R1–R3, word
//! and character difficulty, and a 0–100 score built from them.

pub mod difficulty;
pub mod indices;
pub mod stats;

use std::ops::Range;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::analyze::{Analysis, memo};
use crate::config::Config;
use crate::doc::{Document, count_han, is_han};
use crate::report::{Finding, Score, ScorePart, linear_points};
use crate::rules::{Rule, Severity, Topic};
use crate::segment;

use self::indices::Indices;
use self::stats::LengthStats;

/// Settings of the readability analyzer: flags, or the `[readability]` table of shengao.toml.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct ReadabilitySettings {
    /// A sentence with more Han characters than this is reported (`--long-sentence`).
    pub long_sentence: usize,
    /// A clause with more Han characters than this is reported (`--long-clause`).
    pub long_clause: usize,
}

/// About the 93rd percentile of sentences in 313 official reports (p90 70, p95 90 Han
/// characters); see `shengao explain readability`.
pub const DEFAULT_LONG_SENTENCE: usize = 80;

/// About the 95th percentile of clauses in the same reports (p90 24, p95 29).
pub const DEFAULT_LONG_CLAUSE: usize = 30;

impl ReadabilitySettings {
    /// Checks values the type alone cannot: the key and what is wrong with it.
    pub fn validate(&self) -> Result<(), String> {
        if self.long_sentence == 0 {
            return Err("key `long-sentence`: must be at least 1".to_string());
        }
        if self.long_clause == 0 {
            return Err("key `long-clause`: must be at least 1".to_string());
        }
        Ok(())
    }
}

/// The `[readability]` table `shengao init` writes: the defaults, commented.
pub const CONFIG_TEMPLATE: &str = "
[readability]
# Report sentences / clauses (split at ，；：) with more Han characters than this.
long-sentence = 80
long-clause = 30
";

impl Default for ReadabilitySettings {
    fn default() -> Self {
        ReadabilitySettings {
            long_sentence: DEFAULT_LONG_SENTENCE,
            long_clause: DEFAULT_LONG_CLAUSE,
        }
    }
}

/// `metrics.readability`: what the readability analyzer measured.
///
/// Sentences and clauses without a Han character (a bare number, a line of dashes) are left
/// out of every length and index; "words" are jieba-rs tokens that are not punctuation.
///
/// ```json
/// {"long_sentence_threshold": 80, "long_clause_threshold": 30,
///  "sentence_han": {"count": 3, "mean": 42.33, "median": 44.0, "p90": 64.0, "max": 69},
///  "sentence_words": {"count": 3, "mean": 24.0, "median": 25.0, "p90": 36.2, "max": 39},
///  "clause_han": {"count": 7, "mean": 18.14, "median": 22.0, "p90": 23.2, "max": 24},
///  "clause_words": {"count": 7, "mean": 10.29, "median": 11.0, "p90": 13.4, "max": 14},
///  "clauses_per_sentence": 2.33, "r1": 18.142857, "r2": 0.056068, "r3": 9.099463,
///  "han_words": 70, "rare_words": 0, "rare_word_share": 0.0, "rare_word_cutoff": 50,
///  "unknown_words": 0, "unknown_word_share": 0.0, "idioms": 1, "idiom_share": 0.0139,
///  "han_chars": 127, "non_level1_chars": 0, "non_level1_share": 0.0}
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadabilityMetrics {
    /// `--long-sentence`: sentences with more Han characters are reported.
    pub long_sentence_threshold: usize,
    /// `--long-clause`: clauses with more Han characters are reported.
    pub long_clause_threshold: usize,
    /// Sentence length in Han characters.
    pub sentence_han: LengthStats,
    /// Sentence length in words.
    pub sentence_words: LengthStats,
    /// Clause length in Han characters.
    pub clause_han: LengthStats,
    /// Clause length in words.
    pub clause_words: LengthStats,
    /// Mean number of clauses per sentence.
    pub clauses_per_sentence: f64,
    /// R1: mean Han characters per clause.
    pub r1: f64,
    /// R2: mean over sentences of the share of adverbs (d, ad, dg, df) and conjunctions (c)
    /// among the sentence's words.
    pub r2: f64,
    /// R3 = (R1 + R2) / 2.
    pub r3: f64,
    /// Words that contain a Han character: the denominator of the two word shares.
    pub han_words: usize,
    /// Words of 2–3 Han characters that jieba's dictionary lists with a frequency below
    /// `rare_word_cutoff`.
    pub rare_words: usize,
    /// `rare_words / han_words`.
    pub rare_word_share: f64,
    /// The frequency cut-off for rare words (of the dictionary's 60,101,964 in total).
    pub rare_word_cutoff: u32,
    /// Words with a Han character that jieba's dictionary does not list (its HMM found them).
    pub unknown_words: usize,
    /// `unknown_words / han_words`.
    pub unknown_word_share: f64,
    /// Four-character words tagged `i` (成语) or `l` (习用语).
    pub idioms: usize,
    /// `idioms` / all words.
    pub idiom_share: f64,
    /// Han characters in the text.
    pub han_chars: usize,
    /// Han characters outside the 3,500 level-1 characters of 通用规范汉字表.
    pub non_level1_chars: usize,
    /// `non_level1_chars / han_chars`.
    pub non_level1_share: f64,
}

pub static LONG_SENTENCE: Rule = Rule {
    id: "readability/long-sentence",
    severity: Severity::Warning,
    summary: "A sentence has more Han characters than --long-sentence (default 80)",
    explanation: "\
Reports a sentence whose Han characters exceed the `--long-sentence` threshold (default 80).
Sentences end at 。？！ (see `shengao explain document`); the count ignores digits, Latin
letters and punctuation, and the titles the sentence cites in 《》, which the writer cannot
shorten (the metrics count them). A sentence that joins three or more items with ；
(一是…；二是…；三是…。) is advised to list them as items or end each with 。.

A listener holds one sentence in mind at a time. Past about 80 characters, the subject and the
verb drift apart and the speaker runs out of breath; in 313 official reports only about 7% of
sentences are this long.

Example: a 110-character sentence that opens a speech with the meeting's purpose, its tasks and
the call to action is easier to follow as three sentences.",
};

pub static LONG_CLAUSE: Rule = Rule {
    id: "readability/long-clause",
    severity: Severity::Info,
    summary: "A clause has more Han characters than --long-clause (default 30)",
    explanation: "\
Reports a clause (a stretch between ，；： or a sentence end) whose Han characters exceed the
`--long-clause` threshold (default 30), not counting the titles it cites in 《》. A one-clause
sentence already reported as a long sentence is not reported again.

Long clauses stack modifiers in front of a noun (…的…的…的工作) and make the reader parse
the whole chain before reaching the head; in 313 official reports only about 5% of clauses
are this long.

Example: 进一步完善以企业为主体、市场为导向、产学研深度融合的技术创新体系建设工作机制 (33)
reads better as 完善技术创新体系，以企业为主体、市场为导向，推动产学研深度融合。",
};

pub static UNCOMMON_CHAR: Rule = Rule {
    id: "readability/uncommon-char",
    severity: Severity::Info,
    summary: "A Han character outside the 3,500 level-1 characters of 通用规范汉字表",
    explanation: "\
Reports each distinct Han character that is not among the 3,500 level-1 (常用) characters of
通用规范汉字表 (2013), once, at its first use, with the number of uses.

A speech is read aloud: a rare character makes the speaker stumble and the listener guess. The
level-1 table covers almost all of the text of official reports (a median of 0.04% of their
characters fall outside it), so a character outside it is usually a name, a term, or a slip.

Example: 耄耋之年 uses 耄 and 耋, both outside level 1; 高龄 says the same plainly.",
};

/// Every rule of this module.
pub static RULES: &[&Rule] = &[&LONG_SENTENCE, &LONG_CLAUSE, &UNCOMMON_CHAR];

/// One part of the readability score: its weight and the values at which it gives full
/// ease (100) and none (0), interpolated linearly between.
struct Part {
    name: &'static str,
    weight: f64,
    easy: f64,
    hard: f64,
}

/// The parts of the readability score. The weights sum to 1.
const PARTS: [Part; 6] = [
    Part {
        name: "mean_sentence_han",
        weight: 0.30,
        easy: 15.0,
        hard: 60.0,
    },
    Part {
        name: "r1_mean_clause_han",
        weight: 0.25,
        easy: 8.0,
        hard: 22.0,
    },
    Part {
        name: "r2_adverb_conjunction_share",
        weight: 0.10,
        easy: 0.02,
        hard: 0.10,
    },
    Part {
        name: "rare_or_unknown_word_share",
        weight: 0.15,
        easy: 0.0,
        hard: 0.02,
    },
    Part {
        name: "non_level1_char_share",
        weight: 0.10,
        easy: 0.0,
        hard: 0.01,
    },
    Part {
        name: "idiom_share",
        weight: 0.10,
        easy: 0.0,
        hard: 0.05,
    },
];

/// The bands of the readability score, from the top.
const BANDS: [(f64, &str); 4] = [(75.0, "易读"), (50.0, "适中"), (25.0, "较难"), (0.0, "难")];

/// `shengao explain readability`.
pub const TOPIC: &str = "\
Readability (metrics.readability, scores.readability)

Lengths. Sentence and clause length in Han characters and in words (jieba-rs tokens that are not
punctuation): count, mean, median, p90 (linear interpolation), max; and clauses per sentence.
Units without a Han character are left out. `--long-sentence N` (default 80) and `--long-clause N`
(default 30) set when a sentence or clause is reported; both are printed in the metrics.
The defaults come from 313 official reports (72,272 sentences, 175,597 clauses): sentences p50 26, p90 70, p95 90, p99 146 Han characters; clauses p50 12, p90 24,
p95 29, p99 43. 80 flags about 7% of their sentences, 30 about 4% of their clauses; a speech
should sit well below a written report.

Indices of 徐巍、姚振晔、陈冬华 (2021, 《会计研究》). Higher is harder; there is no grade scale.
  R1 = mean Han characters per clause (clauses split at ，；：, sentences at 。？！)
  R2 = mean over sentences of (words tagged d, ad, dg, df or c) / (words)
  R3 = (R1 + R2) / 2
Tags are jieba-rs 0.11's own (tag, HMM on), which differ from Python jieba's posseg in places.
How this differs from cntext (readability() in 1.6–1.9): cntext splits text with its own
sentence splitter, which drops the first character of each following sentence, and measures its
first index per sentence rather than per clause (分句): for the reference text T1 its R1 is
45.333333 = 136/3 over 3 sentences, where the paper's definition gives 18.142857 over 7 clauses.
Its R2 uses its own word list and changed between versions (T1: 0.096970 in 1.8.4, 3.0 in
1.9.2, no longer a share). shengao follows the paper: T1 gives R1 18.142857, R2 0.056068,
R3 9.099463 (cntext 1.8.4: 45.333333, 0.096970, 22.715152; 1.9.2: 45.333333, 3.0, 24.166667).
cntext 2.x has no Chinese indices.

Word difficulty, from data built into shengao:
  rare words: words of 2–3 Han characters that jieba's dictionary lists with a frequency below
    50 (of 60,101,964 in total, under 0.83 per million) and that hold a character outside the
    3,500 level-1 characters (福祉, 擘画). The frequency alone does not tell 最多, 停车位 or 物业费
    (3, 16, 11) from 笃行 or 擘画 (3, 6); an uncommon character does;
  unknown words: words that jieba's dictionary does not list and that hold a character outside
    the level-1 characters (赓续, 踔厉); 网格员 and 获得感, built of common characters, read
    as plainly as their parts;
  idioms: four-character words tagged i (成语) or l (习用语), as a share of all words;
  non-level-1 characters: Han characters outside the 3,500 level-1 characters of 通用规范汉字表
    (Unihan kTGH, Unicode 14).

Score: 0–100, higher reads more easily. Each part gives an ease of 100 at or below its `easy`
value and 0 at or above its `hard` value, linear between; the score is the weighted sum of the
eases, and each part's contribution (weight × ease) is in scores.readability.parts.
  part                          weight  easy   hard
  mean sentence length (Han)    0.30    15     60
  R1 mean clause length (Han)   0.25    8      22
  R2 adverb/conjunction share   0.10    0.02   0.10
  rare + unknown word share     0.15    0      0.02
  non-level-1 character share   0.10    0      0.01
  idiom share                   0.10    0      0.05
Bands: 易读 ≥ 75, 适中 ≥ 50, 较难 ≥ 25, 难 below. Across the 313 reports the scores have p10 46,
median 61 (适中), p90 72; the reference passage T2 (下面，我讲几点意见。一是要提高政治站位，
切实加强组织领导。…), short and plain in its words, scores about 90; T1 about 56.";

/// Topics for `shengao explain`.
pub static TOPICS: &[&Topic] = &[&Topic {
    name: "readability",
    text: TOPIC,
}];

thread_local! {
    /// [`word_kind`] of the words met so far.
    static WORD_KINDS: memo::Table<(bool, bool)> = Default::default();
}

/// Whether a Han word is in jieba's dictionary, and whether it is rare: a dictionary walk and
/// a frequency lookup, done once per word and thread.
fn word_kind(word: &str) -> (bool, bool) {
    memo::remembered(&WORD_KINDS, word, || {
        // 一是、二是… are missing from jieba's dictionary but are plain enumerators.
        let known = segment::jieba().has_word(word) || difficulty::is_enumerator(word);
        (known, difficulty::is_rare_word(word, known))
    })
}

/// Measures the document, reports long sentences, long clauses and uncommon characters, and
/// scores readability.
pub fn analyze(doc: &Document, config: &Config, out: &mut Analysis) {
    let settings = &config.readability;

    let mut sentence_han = Vec::new();
    let mut sentence_words = Vec::new();
    let mut clause_han = Vec::new();
    let mut clause_words = Vec::new();
    let mut clauses_counted = 0usize;
    let mut flagged_sentences = Vec::new();
    // The sentences with Han characters, for R2 below.
    let mut measured = Vec::new();
    // The Han characters of each clause of the sentence at hand; the clauses cover it whole.
    let mut hans = Vec::new();
    for (index, sentence) in doc.sentences.iter().enumerate() {
        let clauses = &doc.clauses[sentence.clauses.clone()];
        hans.clear();
        hans.extend(clauses.iter().map(|c| count_han(doc.str(c.range.clone()))));
        let han: usize = hans.iter().sum();
        if han == 0 {
            continue;
        }
        measured.push(sentence);
        sentence_han.push(han);
        sentence_words.push(doc.words_of(sentence).count());
        if let Some(own) = too_long(doc, &sentence.range, han, settings.long_sentence) {
            flagged_sentences.push(index);
            out.findings.push(Finding::new(
                &LONG_SENTENCE,
                doc,
                trimmed(doc, sentence.range.clone()),
                format!(
                    "句子{own}，超过 {} 字（--long-sentence），{}",
                    settings.long_sentence,
                    split_advice(doc.str(sentence.range.clone()))
                ),
            ));
        }
        let mut words = doc.words_of(sentence).peekable();
        for (clause, &han) in clauses.iter().zip(&hans) {
            // Words belong to the clause they start in.
            let mut count = 0;
            while words
                .next_if(|t| t.range.start < clause.range.end)
                .is_some()
            {
                count += 1;
            }
            if han == 0 {
                continue;
            }
            clauses_counted += 1;
            clause_han.push(han);
            clause_words.push(count);
            let whole_sentence_flagged =
                clauses.len() == 1 && flagged_sentences.last() == Some(&index);
            if whole_sentence_flagged {
                continue;
            }
            if let Some(own) = too_long(doc, &clause.range, han, settings.long_clause) {
                out.findings.push(Finding::new(
                    &LONG_CLAUSE,
                    doc,
                    trimmed(doc, clause.range.clone()),
                    format!(
                        "分句{own}，超过 {} 字（--long-clause），修饰语过长时宜拆开",
                        settings.long_clause
                    ),
                ));
            }
        }
    }

    let index = indices::indices(
        &clause_han,
        measured.iter().map(|s| doc.words_of(s).map(|t| t.tag)),
    );

    let (mut han_words, mut rare, mut unknown, mut idioms, mut words) = (0, 0, 0, 0, 0);
    for token in doc.tokens.iter().filter(|t| t.is_word()) {
        words += 1;
        let word = doc.str(token.range.clone());
        if difficulty::is_idiom(word, token.tag) {
            idioms += 1;
        }
        if !word.chars().any(is_han) {
            continue;
        }
        han_words += 1;
        let (known, is_rare) = word_kind(word);
        if !known {
            unknown += usize::from(difficulty::has_uncommon_char(word));
        } else if is_rare {
            rare += 1;
        }
    }

    let han_chars = doc.han_chars;
    let non_level1 = uncommon_chars(doc, out);

    let metrics = ReadabilityMetrics {
        long_sentence_threshold: settings.long_sentence,
        long_clause_threshold: settings.long_clause,
        sentence_han: LengthStats::of(&sentence_han),
        sentence_words: LengthStats::of(&sentence_words),
        clause_han: LengthStats::of(&clause_han),
        clause_words: LengthStats::of(&clause_words),
        clauses_per_sentence: ratio(clauses_counted, sentence_han.len()),
        r1: index.r1,
        r2: index.r2,
        r3: index.r3,
        han_words,
        rare_words: rare,
        rare_word_share: ratio(rare, han_words),
        rare_word_cutoff: difficulty::RARE_BELOW,
        unknown_words: unknown,
        unknown_word_share: ratio(unknown, han_words),
        idioms,
        idiom_share: ratio(idioms, words),
        han_chars,
        non_level1_chars: non_level1,
        non_level1_share: ratio(non_level1, han_chars),
    };
    out.scores
        .insert("readability".to_string(), score(&metrics, &index));
    out.metrics.readability = Some(metrics);
}

/// Whether a unit of `han` Han characters is longer than `limit`, not counting those of the
/// titles it cites in 《》 (the writer cannot shorten a title), and if so its length in words:
/// 有 45 个汉字, or 除书名号内的文字外有 35 个汉字.
fn too_long(doc: &Document, range: &Range<usize>, han: usize, limit: usize) -> Option<String> {
    if han <= limit {
        return None;
    }
    let titles = doc.cited_titles();
    let first = titles.partition_point(|t| t.end <= range.start);
    let cited: usize = (titles[first..].iter())
        .take_while(|t| t.start < range.end)
        .map(|t| count_han(doc.str(t.start.max(range.start)..t.end.min(range.end))))
        .sum();
    match han - cited {
        own if own <= limit => None,
        own if cited > 0 => Some(format!("除书名号内的文字外有 {own} 个汉字")),
        own => Some(format!("有 {own} 个汉字")),
    }
}

/// How to split a long sentence: a list joined by semicolons (一是…；二是…；三是…。) reads best
/// as numbered items or separate sentences.
fn split_advice(sentence: &str) -> &'static str {
    if sentence.matches('；').count() >= 2 {
        "分号连接的各项可分条列出或改用句号断开"
    } else {
        "宜拆分"
    }
}

/// Counts the Han characters outside level 1, and reports each distinct one at its first use.
fn uncommon_chars(doc: &Document, out: &mut Analysis) -> usize {
    let mut outside = 0;
    // (char, first byte offset, uses), in order of first use.
    let mut seen: Vec<(char, usize, usize)> = Vec::new();
    let mut position: FxHashMap<char, usize> = FxHashMap::default();
    for (offset, c) in doc.text.char_indices() {
        if !is_han(c) || difficulty::is_level1(c) {
            continue;
        }
        outside += 1;
        match position.get(&c) {
            Some(&i) => seen[i].2 += 1,
            None => {
                position.insert(c, seen.len());
                seen.push((c, offset, 1));
            }
        }
    }
    for (c, offset, uses) in seen {
        out.findings.push(Finding::new(
            &UNCOMMON_CHAR,
            doc,
            offset..offset + c.len_utf8(),
            format!("「{c}」不在通用规范汉字表一级字（3500 字）内，全文用了 {uses} 次，注意读音或换用常用字"),
        ));
    }
    outside
}

/// The readability score from the measured values.
fn score(metrics: &ReadabilityMetrics, index: &Indices) -> Score {
    let values = [
        metrics.sentence_han.mean,
        index.r1,
        index.r2,
        metrics.rare_word_share + metrics.unknown_word_share,
        metrics.non_level1_share,
        metrics.idiom_share,
    ];
    let parts = PARTS.iter().zip(values).map(|(part, value)| {
        let ease = linear_points(value, part.easy, part.hard);
        ScorePart {
            name: part.name.to_string(),
            value,
            weight: part.weight,
            contribution: part.weight * ease,
            note: format!(
                "ease {ease:.0}: 100 at ≤ {}, 0 at ≥ {}, linear between; × weight {}",
                part.easy, part.hard, part.weight
            ),
        }
    });
    Score::from_parts(parts.collect(), band)
}

fn band(value: f64) -> &'static str {
    BANDS
        .iter()
        .find(|(floor, _)| value >= *floor)
        .map_or("难", |(_, name)| name)
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// A range with leading white space removed (a sentence may start with the blank that
/// follows the previous one).
fn trimmed(doc: &Document, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let s = doc.str(range.clone());
    let start = range.start + (s.len() - s.trim_start().len());
    start..range.end
}

#[cfg(test)]
mod tests {
    use super::*;

    const T1: &str = "要当好领导的参谋助手，首先要确立领导视角的大局观，时刻以领导的视角和眼光去看待问题、分析问题、谋划问题，在各个方面为领导提供及时准确的服务和决策参考。一是在公文写作上突出“精品”意识。讲话文稿是领导计划、总结、安排部署工作的重要载体，文稿质量的高低往往体现着一个领导的风格和思路。";
    const T2: &str = "下面，我讲几点意见。一是要提高政治站位，切实加强组织领导。二是要压实工作责任，扎实推进各项任务落实！三是要强化督促检查，确保各项工作取得实效。以上意见，不当之处，敬请批评指正。";
    const T3: &str = "他问：“今年增长3.5%了吗？”我说：“还没有……”大家都笑了。";

    fn run(text: &str, settings: ReadabilitySettings) -> Analysis {
        let doc = Document::new(text.to_string());
        let config = Config {
            readability: settings,
            ..Config::default()
        };
        let mut out = Analysis::default();
        analyze(&doc, &config, &mut out);
        out
    }

    fn metrics(out: &Analysis) -> &ReadabilityMetrics {
        out.metrics.readability.as_ref().unwrap()
    }

    #[test]
    fn indices_match_the_reference_on_the_document() {
        let cases = [
            (T1, 18.142857, 0.056068, 9.099463),
            (T2, 7.0, 0.0, 3.5),
            (T3, 4.5, 0.125, 2.3125),
        ];
        for (text, r1, r2, r3) in cases {
            let out = run(text, ReadabilitySettings::default());
            let m = metrics(&out);
            assert!((m.r1 - r1).abs() < 1e-6, "{text}: r1 {}", m.r1);
            assert!((m.r2 - r2).abs() < 1e-6, "{text}: r2 {}", m.r2);
            assert!((m.r3 - r3).abs() < 1e-6, "{text}: r3 {}", m.r3);
        }
    }

    #[test]
    fn lengths_of_t1() {
        let out = run(T1, ReadabilitySettings::default());
        let m = metrics(&out);
        assert_eq!(m.sentence_han.count, 3);
        assert_eq!(m.sentence_han.max, 69);
        assert_eq!(m.sentence_han.median, 44.0);
        assert_eq!(m.sentence_words.max, 39);
        assert_eq!(m.clause_han.count, 7);
        assert_eq!(m.clause_han.max, 24);
        assert!((m.clauses_per_sentence - 7.0 / 3.0).abs() < 1e-12);
        assert_eq!(m.clause_words.count, 7);
        assert_eq!(
            m.clause_words.mean * 7.0,
            72.0,
            "every word of T1 lies in one clause"
        );
        assert_eq!(m.han_chars, 127);
        assert_eq!(m.non_level1_chars, 0);
    }

    #[test]
    fn long_units_are_reported_at_the_threshold() {
        // (text, long sentence, long clause, expected rules in order)
        let cases: &[(&str, usize, usize, &[&str])] = &[
            (T1, 80, 30, &[]),
            (T1, 60, 30, &["readability/long-sentence"]),
            (
                T1,
                68,
                23,
                &["readability/long-sentence", "readability/long-clause"],
            ),
            (T1, 69, 24, &[]),
            // A one-clause sentence flagged as long is not flagged again as a clause.
            (
                "一二三四五六七八九十。",
                5,
                5,
                &["readability/long-sentence"],
            ),
            (
                "一二三四五六七八九十。",
                20,
                5,
                &["readability/long-clause"],
            ),
        ];
        for &(text, long_sentence, long_clause, expected) in cases {
            let out = run(
                text,
                ReadabilitySettings {
                    long_sentence,
                    long_clause,
                },
            );
            let rules: Vec<&str> = out.findings.iter().map(|f| f.rule.as_str()).collect();
            assert_eq!(rules, expected, "{text} {long_sentence} {long_clause}");
        }
        let out = run(
            T1,
            ReadabilitySettings {
                long_sentence: 60,
                long_clause: 30,
            },
        );
        let finding = &out.findings[0];
        assert_eq!(finding.span.start, 0);
        assert!(finding.text.ends_with("参考。"));
        assert!(finding.message.contains("69") && finding.message.contains("60"));
    }

    #[test]
    fn a_long_list_of_semicolon_items_is_advised_as_items() {
        let settings = ReadabilitySettings {
            long_sentence: 20,
            long_clause: 30,
        };
        let list = "一是加强学习提高认识；二是完善制度规范流程；三是强化督查狠抓落实。";
        let out = run(list, settings.clone());
        assert!(
            out.findings[0]
                .message
                .ends_with("分号连接的各项可分条列出或改用句号断开")
        );
        let plain = "我们要在加强学习提高认识的基础上完善制度规范流程，强化督查狠抓落实。";
        let out = run(plain, settings);
        assert!(
            out.findings[0].message.ends_with("宜拆分"),
            "{}",
            out.findings[0].message
        );
    }

    #[test]
    fn cited_titles_do_not_make_a_unit_long() {
        let settings = ReadabilitySettings {
            long_sentence: 12,
            long_clause: 8,
        };
        // 6 Han characters of the writer's own, 15 in the title.
        let cited = "认真学习《关于加强基层治理体系建设的意见》精神。";
        assert!(run(cited, settings.clone()).findings.is_empty());
        // The same length in the writer's words is long.
        let own = "认真学习关于加强基层治理体系建设的意见精神。";
        let out = run(own, settings.clone());
        let rules: Vec<&str> = out.findings.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(rules, ["readability/long-sentence"]);
        assert!(out.findings[0].message.starts_with("句子有 21 个汉字"));
        // Long even without the title: said so.
        let out = run("各部门要认真学习并且全面贯彻落实《条例》精神。", settings);
        assert!(
            (out.findings[0].message).starts_with("句子除书名号内的文字外有 18 个汉字"),
            "{}",
            out.findings[0].message
        );
    }

    #[test]
    fn uncommon_characters_once_each() {
        let out = run("年届耄耋，耄耋老人。", ReadabilitySettings::default());
        let found: Vec<(&str, u64)> = out
            .findings
            .iter()
            .filter(|f| f.rule == UNCOMMON_CHAR.id)
            .map(|f| (f.text.as_str(), f.span.start))
            .collect();
        assert_eq!(found, [("耄", 2), ("耋", 3)]);
        assert!(out.findings[0].message.contains("2 次"));
        assert_eq!(metrics(&out).non_level1_chars, 4);
    }

    #[test]
    fn word_difficulty() {
        // 福祉 (38, 祉 not level 1) is rare; 撬动 (26) and 停车位 (16) are made of common
        // characters. 数智 is in no dictionary but plain; 赓续 is in none and not plain.
        let out = run(
            "增进民生福祉，撬动社会投资，推进数智赋能，新增停车位。",
            ReadabilitySettings::default(),
        );
        let m = metrics(&out);
        assert_eq!((m.rare_words, m.unknown_words), (1, 0), "{m:?}");
        let out = run("赓续红色血脉。", ReadabilitySettings::default());
        assert_eq!(metrics(&out).unknown_words, 1, "{:?}", metrics(&out));
        assert_eq!(m.rare_word_cutoff, 50);
        let out = run(T2, ReadabilitySettings::default());
        let m = metrics(&out);
        assert_eq!(m.idioms, 4, "切实加强 各项任务 取得实效 不当之处");
        assert!((m.idiom_share - 4.0 / 35.0).abs() < 1e-12);
    }

    #[test]
    fn score_parts_add_up_and_bands_follow() {
        for text in [T1, T2, T3, "", "好", "。。。", "abc"] {
            let out = run(text, ReadabilitySettings::default());
            let score = &out.scores["readability"];
            assert!((0.0..=100.0).contains(&score.value), "{text}");
            let sum: f64 = score.parts.iter().map(|p| p.contribution).sum();
            assert!((sum - score.value).abs() < 1e-9, "{text}");
            let weights: f64 = score.parts.iter().map(|p| p.weight).sum();
            assert!((weights - 1.0).abs() < 1e-12);
            assert!(score.parts.iter().all(|p| p.value.is_finite()));
            assert_eq!(score.band, band(score.value));
        }
        // The plain spoken T2 reads easily; T1 is harder.
        let t1 = run(T1, ReadabilitySettings::default()).scores["readability"].value;
        let t2 = run(T2, ReadabilitySettings::default()).scores["readability"].value;
        assert!(t2 >= 70.0 && t1 < t2, "{t1} {t2}");
        let plain = run(
            "我们开了个会。大家都说了话。会开得很好。",
            ReadabilitySettings::default(),
        );
        assert_eq!(plain.scores["readability"].band, "易读");
    }

    #[test]
    fn ease_and_bands() {
        assert_eq!(linear_points(10.0, 15.0, 60.0), 100.0);
        assert_eq!(linear_points(37.5, 15.0, 60.0), 50.0);
        assert_eq!(linear_points(90.0, 15.0, 60.0), 0.0);
        assert_eq!(linear_points(f64::NAN, 15.0, 60.0), 100.0);
        assert_eq!(band(75.0), "易读");
        assert_eq!(band(74.9), "适中");
        assert_eq!(band(25.0), "较难");
        assert_eq!(band(0.0), "难");
    }
}
