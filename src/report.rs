//! The one report type, and its wire format.
//!
//! Every output format is rendered from [`Report`]; `--format json` is its serde form. The key
//! names below are a public contract (review tools and scripts rely on them): a change to them
//! raises [`SCHEMA_VERSION`]. `tests/json.rs` reads the output back with
//! `deny_unknown_fields`, so an unannounced change fails the tests.
//!
//! ```json
//! {
//!   "schema_version": 1,
//!   "tool": {"name": "shengao", "version": "0.1.0"},
//!   "source": {"path": "samples/jianghua-gao.txt", "kind": "text", "encoding": "UTF-8",
//!              "bytes": 7812, "chars": 2650, "lines": 41, "line_endings": "LF"},
//!   "stats": {"paragraphs": 38, "sentences": 97, "clauses": 260, "tokens": 1712, "han_chars": 2401},
//!   "outline": [],
//!   "findings": [
//!     {"rule": "input/legacy-encoding", "severity": "info", "message": "…",
//!      "span": {"start": 0, "end": 0, "line": 1, "column": 1, "end_line": 1, "end_column": 1},
//!      "text": ""}
//!   ],
//!   "metrics": {},
//!   "scores": {}
//! }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::doc::Document;
use crate::rules::{Rule, Severity};

/// Raised whenever a key of the wire format changes meaning or disappears.
pub const SCHEMA_VERSION: u32 = 1;

/// What shengao found in one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// The wire format's version, [`SCHEMA_VERSION`].
    pub schema_version: u32,
    pub tool: Tool,
    pub source: Source,
    pub stats: Stats,
    /// The heading tree (filled by the structure analyzer; empty without headings).
    pub outline: Vec<OutlineNode>,
    /// Every finding, sorted by position, then rule id; at most 1,000 of one rule
    /// ([`crate::analyze::MAX_FINDINGS_PER_RULE`]), and past that one more of the rule, at the
    /// first one left out, whose message says how many were left out.
    pub findings: Vec<Finding>,
    /// Measurements by area; an area that did not run is absent.
    pub metrics: Metrics,
    /// 0–100 scores by area (`readability`, `phrases`, …), each with its parts.
    pub scores: BTreeMap<String, Score>,
}

/// The program that wrote the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    /// Always `shengao`.
    pub name: String,
    /// The crate version, e.g. `0.1.0`.
    pub version: String,
}

impl Tool {
    pub fn current() -> Tool {
        Tool {
            name: env!("CARGO_PKG_NAME").to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }
}

/// Where the text came from and how it was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The path as given on the command line; `-` for standard input. A path that is not
    /// UTF-8 (a Unix file name may hold any bytes) is shown with U+FFFD � where its bytes
    /// do not decode, and `path_bytes` gives it exactly.
    pub path: String,
    /// The path's bytes, one number (0–255) each, present only when the path is not UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<Vec<u8>>,
    /// What was read: `text` (a text file or standard input), `markdown` (a text file named
    /// .md or .markdown, whose markup is left out of the review; spans point into the file as
    /// written) or `docx` (a Word document). For `docx` the text is one line per paragraph of the document, so every `line` in a
    /// span is a paragraph number (empty paragraphs and table cells count; see
    /// `shengao explain input`).
    pub kind: SourceKind,
    /// The encoding the bytes were decoded with: `UTF-8`, `UTF-16LE`, `UTF-16BE` or `GB18030`
    /// (which covers GBK and GB2312), or whatever `--encoding` forced.
    pub encoding: String,
    /// Size of the input in bytes, as read.
    pub bytes: u64,
    /// Size of the decoded text in Unicode scalar values (chars), byte-order mark excluded.
    pub chars: u64,
    /// Number of lines (0 for an empty text; a final line break does not start a new line).
    pub lines: u64,
    /// `LF`, `CRLF`, `CR`, `mixed`, or `none` when the text has no line break.
    pub line_endings: String,
    /// Paragraphs a .docx marks as headings through an outline level (Word's 标题 1–9
    /// styles, or 大纲级别 set on the paragraph), in order. Absent when there are none, and
    /// always for text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub heading_hints: Vec<HeadingHint>,
}

/// The kind of file a text was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    Text,
    /// A text file named .md or .markdown: its markup is left out of the review.
    Markdown,
    Docx,
}

/// A paragraph that a .docx's styles mark as a heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadingHint {
    /// The paragraph's line (1-based), as in spans.
    pub line: u64,
    /// The outline level, 1 (top, 标题 1) to 9.
    pub level: u8,
}

/// Counts of the document model's units.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stats {
    /// Non-empty lines.
    pub paragraphs: u64,
    /// Sentences (see `shengao explain input` for the splitting rules).
    pub sentences: u64,
    /// Clauses: sentences split at ，；：.
    pub clauses: u64,
    /// jieba-rs tokens that are words (punctuation and spaces excluded).
    pub tokens: u64,
    /// Han characters (CJK Unified Ideographs, including extensions).
    pub han_chars: u64,
}

/// A range of the decoded text.
///
/// `start`/`end` are char offsets (Unicode scalar values, end exclusive) into the decoded text,
/// byte-order mark excluded. `line`/`column` are 1-based, columns count chars; `end_line` and
/// `end_column` name the position just past the last char (so an empty span has
/// `end_column == column`). A CRLF counts as one line break.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Span {
    pub start: u64,
    pub end: u64,
    pub line: u64,
    pub column: u64,
    pub end_line: u64,
    pub end_column: u64,
}

/// One problem or notice, tied to a rule and a span.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// The rule id, `area/name`; `shengao explain RULE` explains it.
    pub rule: String,
    /// `error`, `warning` or `info`.
    pub severity: Severity,
    /// One sentence saying what is wrong here.
    pub message: String,
    pub span: Span,
    /// The text under the span, as the analyzers read it: in a hard-wrapped text whose lines
    /// were joined, a span across two lines covers a line break this text does not hold.
    pub text: String,
    /// The exact replacement for the span's text, present only when the fix is certain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
    /// How sure the rule is, where it weighs evidence; present only for such rules. For
    /// `wording/confusable-char`: how much likelier (natural log) the fix makes the words
    /// and characters around it, compared with `[wording] confidence` (default 15).
    /// `wording/term-slip`: the natural log of one more than the times official prose writes
    /// the term, compared with `[wording] term-confidence` (default 2.4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
}

impl Finding {
    /// A finding of `rule` at its default severity over `range` (bytes) of `doc`.
    pub fn new(
        rule: &Rule,
        doc: &Document,
        range: std::ops::Range<usize>,
        message: impl Into<String>,
    ) -> Finding {
        Finding::at(rule, doc.span(range.clone()), doc.str(range), message)
    }

    /// A finding over `range` (bytes) of the text as read ([`Document::source_text`]), for
    /// what the analyzers' text may not hold: the line breaks of a hard-wrapped text.
    pub fn in_source(
        rule: &Rule,
        doc: &Document,
        range: std::ops::Range<usize>,
        message: impl Into<String>,
    ) -> Finding {
        let text = &doc.source_text()[range.clone()];
        Finding::at(rule, doc.source_span(range), text, message)
    }

    fn at(rule: &Rule, span: Span, text: &str, message: impl Into<String>) -> Finding {
        Finding {
            rule: rule.id.to_string(),
            severity: rule.severity,
            message: message.into(),
            span,
            text: text.to_string(),
            suggestion: None,
            score: None,
        }
    }

    /// The same finding with a certain fix; none when the span runs across lines the
    /// document model joined, where the fix would also delete the line break between them.
    pub fn with_suggestion(mut self, replacement: impl Into<String>) -> Finding {
        if !self.spans_joined_lines() {
            self.suggestion = Some(replacement.into());
        }
        self
    }

    /// Whether the span runs across lines the document model joined (see `shengao explain
    /// document`): the text as read there holds more chars than [`Finding::text`].
    pub fn spans_joined_lines(&self) -> bool {
        self.span.end - self.span.start != self.text.chars().count() as u64
    }

    /// The same finding with how sure its rule is ([`Finding::score`]).
    pub fn with_score(mut self, score: f64) -> Finding {
        self.score = Some(score);
        self
    }

    /// The same finding at another severity.
    pub fn with_severity(mut self, severity: Severity) -> Finding {
        self.severity = severity;
        self
    }
}

/// Findings counted by severity: a document's (the text format's summary line, a CSV row) or
/// a whole run's (`batch`'s summary record, the text format's total).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeverityCounts {
    pub error: u64,
    pub warning: u64,
    pub info: u64,
}

impl SeverityCounts {
    /// The counts of `findings`.
    pub fn of(findings: &[Finding]) -> SeverityCounts {
        let mut counts = SeverityCounts::default();
        for f in findings {
            counts.count(f.severity);
        }
        counts
    }

    /// Counts one more finding of `severity`.
    pub fn count(&mut self, severity: Severity) {
        *match severity {
            Severity::Error => &mut self.error,
            Severity::Warning => &mut self.warning,
            Severity::Info => &mut self.info,
        } += 1;
    }

    /// Adds `other`'s counts to these.
    pub fn add(&mut self, other: SeverityCounts) {
        self.error += other.error;
        self.warning += other.warning;
        self.info += other.info;
    }
}

/// One heading of the outline, with the headings under it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutlineNode {
    /// 0 for part headings (第一部分), 1 for 一、, 2 for （一）, 3 for 1., 4 for （1）.
    pub level: u8,
    /// The marker as written, e.g. `（一）`.
    pub marker: String,
    /// The marker's number, e.g. 1 for `（一）`.
    pub number: u32,
    /// The heading's title, up to its first 。？！ or the line end.
    pub title: String,
    /// The heading's span (marker and title).
    pub span: Span,
    /// Chars in the whole section, heading included, up to the next heading at the same or a
    /// higher level.
    pub chars: u64,
    pub children: Vec<OutlineNode>,
}

/// Measurements by area. Each analyzer owns its field's type and documents it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metrics {
    /// Misspellings and misused words: see [`crate::analyze::wording::WordingMetrics`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wording: Option<crate::analyze::wording::WordingMetrics>,
    /// The structure analyzer's measurements (see `shengao explain structure`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub structure: Option<crate::analyze::structure::StructureMetrics>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typography: Option<crate::analyze::typography::TypographyMetrics>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub readability: Option<crate::analyze::readability::ReadabilityMetrics>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redundancy: Option<crate::analyze::redundancy::RedundancyMetrics>,
    /// Stock phrases: see `shengao explain phrase`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phrases: Option<crate::analyze::phrases::PhrasesMetrics>,
}

/// A 0–100 score (higher is better) with the parts it is built from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Score {
    /// 0–100, higher is better.
    pub value: f64,
    /// A word for the range the value falls in, e.g. `易读`.
    pub band: String,
    /// The parts; their `contribution`s explain the value.
    pub parts: Vec<ScorePart>,
}

impl Score {
    /// The sum of the parts' contributions, clamped to 0–100, with the band `band` names for it.
    pub fn from_parts(parts: Vec<ScorePart>, band: impl Fn(f64) -> &'static str) -> Score {
        let value = parts
            .iter()
            .map(|p| p.contribution)
            .sum::<f64>()
            .clamp(0.0, 100.0);
        Score {
            value,
            band: band(value).to_string(),
            parts,
        }
    }
}

/// Points for a measured value: 100 at `full`, 0 at `zero`, linear between and clamped (either
/// direction); 100 for NaN or when the two anchors coincide.
pub fn linear_points(value: f64, full: f64, zero: f64) -> f64 {
    if value.is_nan() || full == zero {
        return 100.0;
    }
    (100.0 * (zero - value) / (zero - full)).clamp(0.0, 100.0)
}

/// One part of a score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScorePart {
    /// What is measured, e.g. `mean_sentence_chars`.
    pub name: String,
    /// The measured value.
    pub value: f64,
    /// The part's weight in the score.
    pub weight: f64,
    /// Points this part adds to (positive) or takes from (negative) the score.
    pub contribution: f64,
    /// How the value becomes the contribution, in a phrase.
    pub note: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_counts_count_add_and_serialise() {
        static ERROR: Rule = Rule {
            id: "test/error",
            severity: Severity::Error,
            summary: "",
            explanation: "",
        };
        let doc = Document::new("坏\u{FFFD}".to_string());
        let findings = [
            Finding::new(&crate::input::REPLACEMENT_CHARACTER, &doc, 3..6, "m"),
            Finding::new(&ERROR, &doc, 0..3, "m"),
            Finding::new(&crate::input::REPLACEMENT_CHARACTER, &doc, 3..6, "m"),
        ];
        let counts = SeverityCounts::of(&findings);
        assert_eq!(
            serde_json::to_string(&counts).unwrap(),
            r#"{"error":1,"warning":2,"info":0}"#
        );
        let mut total = counts;
        total.count(Severity::Info);
        total.add(counts);
        assert_eq!(
            (total.error, total.warning, total.info),
            (2, 4, 1),
            "{total:?}"
        );
    }
}
