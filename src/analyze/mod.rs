//! The analyzers. Each reads the [`Document`] and adds findings, metrics and scores to an
//! [`Analysis`]; none prints. [`review`] runs them all and builds the [`Report`].

mod memo;
pub mod phrases;
pub mod readability;
pub mod redundancy;
pub mod structure;
pub mod typography;
pub mod wording;

use std::collections::BTreeMap;

use crate::config::Config;
use crate::doc::Document;
use crate::input::{self, Input};
use crate::report::{
    Finding, Metrics, OutlineNode, Report, SCHEMA_VERSION, Score, Source, Stats, Tool,
};
use crate::segment;

/// What the analyzers have found so far.
#[derive(Debug, Default)]
pub struct Analysis {
    pub findings: Vec<Finding>,
    pub outline: Vec<OutlineNode>,
    pub metrics: Metrics,
    pub scores: BTreeMap<String, Score>,
}

/// The segmenter being built on a thread of its own, from [`start_preparing`].
pub struct Preparing(Option<std::thread::JoinHandle<()>>);

/// Starts building every table a review needs: the segmenter, the slowest, on a thread of
/// its own, so that the caller can resolve its settings meanwhile; [`Preparing::finish`]
/// builds the stock-phrase, wording and word-frequency tables and the tagger's model on this
/// one and waits for the segmenter. Building them all takes longer than reviewing a draft, so
/// a one-file `check` waits for the slower of the two, not for their sum. If the settings are
/// bad, the caller simply returns: the thread ends with the process. Without this each table
/// is built on first use.
pub fn start_preparing() -> Preparing {
    // A thread that cannot start leaves the segmenter to be built on first use.
    let segmenter = std::thread::Builder::new().spawn(|| {
        segment::jieba();
    });
    Preparing(segmenter.ok())
}

impl Preparing {
    /// Builds every other table on this thread, then waits for the segmenter.
    pub fn finish(self) {
        phrases::lexicon::builtin();
        wording::prepare();
        readability::difficulty::prepare();
        segment::load_tagger();
        // A thread that panicked leaves the segmenter to be built on first use.
        if let Some(segmenter) = self.0 {
            let _ = segmenter.join();
        }
    }
}

/// Reviews one decoded input with every analyzer.
pub fn review(input: Input, config: &Config) -> Report {
    review_with_text(input, config).0
}

/// [`review`], handing back the decoded text too: the emitters need it for byte columns and
/// the line under a finding.
pub fn review_with_text(mut input: Input, config: &Config) -> (Report, String) {
    let doc = Document::read(std::mem::take(&mut input.text), !config.keep_lines);
    let source = input::source(&input, &doc);
    let mut out = Analysis::default();
    input::analyze(&input, &source, &doc, &mut out);
    phrases::analyze(&doc, config, &mut out);
    readability::analyze(&doc, config, &mut out);
    redundancy::analyze(&doc, config, &mut out);
    structure::analyze(&doc, config, &mut out);
    typography::analyze(&doc, config, &mut out);
    wording::analyze(&doc, config, &mut out);
    let report = finish(source, &doc, config, out);
    (report, doc.into_source())
}

fn finish(source: Source, doc: &Document, config: &Config, mut out: Analysis) -> Report {
    // Rules the configuration turns off or re-grades, in one place for every analyzer.
    config.rules.apply(&mut out.findings);
    out.findings.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
    });
    Report {
        schema_version: SCHEMA_VERSION,
        tool: Tool::current(),
        source,
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
        han_chars: doc.han_chars as u64,
    }
}
