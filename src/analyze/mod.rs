//! The analyzers. Each reads the [`Document`] and adds findings, metrics and scores to an
//! [`Analysis`]; none prints. [`review`] runs them all and builds the [`Report`].

pub mod phrases;

use std::collections::BTreeMap;

use crate::config::Config;
use crate::doc::{Document, count_han};
use crate::input::{self, Input};
use crate::report::{Finding, Metrics, OutlineNode, Report, SCHEMA_VERSION, Score, Stats, Tool};

/// What the analyzers have found so far.
#[derive(Debug, Default)]
pub struct Analysis {
    pub findings: Vec<Finding>,
    pub outline: Vec<OutlineNode>,
    pub metrics: Metrics,
    pub scores: BTreeMap<String, Score>,
}

/// Reviews one decoded input with every analyzer.
pub fn review(mut input: Input, config: &Config) -> Report {
    let doc = Document::new(std::mem::take(&mut input.text));
    let mut out = Analysis::default();
    input::analyze(&input, &doc, &mut out);
    phrases::analyze(&doc, config, &mut out);
    let _ = config;
    finish(&input, &doc, out)
}

fn finish(input: &Input, doc: &Document, mut out: Analysis) -> Report {
    out.findings.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
    });
    Report {
        schema_version: SCHEMA_VERSION,
        tool: Tool::current(),
        source: input::source(input, doc),
        stats: stats(doc),
        outline: out.outline,
        findings: out.findings,
        metrics: out.metrics,
        scores: out.scores,
    }
}

/// Counts of the model's units.
pub fn stats(doc: &Document) -> Stats {
    Stats {
        paragraphs: doc.paragraphs.len() as u64,
        sentences: doc.sentences.len() as u64,
        clauses: doc.clauses.len() as u64,
        tokens: doc.tokens.iter().filter(|t| t.is_word()).count() as u64,
        han_chars: count_han(&doc.text) as u64,
    }
}
