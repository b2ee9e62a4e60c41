//! The analyzers. Each reads the [`Document`] and adds findings, metrics and scores to an
//! [`Analysis`]; none prints. [`review`] runs them all and builds the [`Report`].

mod memo;
pub mod phrases;
pub mod readability;
pub mod redundancy;
pub mod structure;
pub mod typography;
pub mod typos;
pub mod wording;
pub mod work;

use std::collections::BTreeMap;

use crate::config::Config;
use crate::doc::{Document, Reading};
use crate::input::{self, Input};
use crate::report::{
    Finding, Metrics, OutlineNode, Report, SCHEMA_VERSION, Score, Source, SourceKind, Stats, Tool,
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
        typos::prepare();
        readability::difficulty::prepare();
        segment::load_tagger();
        // A thread that panicked leaves the segmenter to be built on first use.
        if let Some(segmenter) = self.0 {
            let _ = segmenter.join();
        }
    }
}

/// The most findings of one rule a report lists; past it, one more finding of the rule says
/// how many were left out ([`cap_findings`]). A draft has a few hundred at most (484 of
/// readability/uncommon-char in the largest of the 313 reports of the test corpus); a file
/// of ten thousand near-identical lines would otherwise give a report many times its size.
pub const MAX_FINDINGS_PER_RULE: usize = 1_000;

/// Reviews one decoded input with every analyzer.
pub fn review(input: Input, config: &Config) -> Report {
    review_with_text(input, config).0
}

/// [`review`], handing back the decoded text too: the emitters need it for byte columns and
/// the line under a finding. At most [`MAX_FINDINGS_PER_RULE`] findings of a rule are listed.
pub fn review_with_text(input: Input, config: &Config) -> (Report, String) {
    let (mut report, text) = review_every_finding(input, config);
    cap_findings(&mut report.findings, MAX_FINDINGS_PER_RULE);
    (report, text)
}

/// [`review_with_text`] with every finding listed, however many: for `fix`, which applies
/// every certain fix, and prints text, not findings.
pub fn review_every_finding(mut input: Input, config: &Config) -> (Report, String) {
    let reading = Reading {
        join_wrapped: !config.keep_lines,
        markdown: input.kind == SourceKind::Markdown,
    };
    let doc = Document::read(std::mem::take(&mut input.text), reading);
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
    // A text without a Han character is not scored: 100 would say nothing
    // (input/no-chinese-text says why).
    if doc.han_chars == 0 {
        out.scores.clear();
    }
    // Rules the configuration turns off or re-grades, in one place for every analyzer; an
    // area turned off whole has no score either.
    config.rules.apply(&mut out.findings);
    out.scores
        .retain(|name, _| !config.rules.area_is_off(score_area(name)));
    drop_repeats_reported_twice(&mut out.findings);
    drop_mixed_list_note(&mut out.findings);
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

/// Keeps the first `max` findings of each rule, in text order, and puts one finding in place
/// of the rest: at the first one left out, with its severity, saying how many were left out.
/// The findings are sorted by place, and stay so.
fn cap_findings(findings: &mut Vec<Finding>, max: usize) {
    if findings.len() <= max {
        return;
    }
    let mut count: rustc_hash::FxHashMap<String, usize> = Default::default();
    let mut kept = Vec::with_capacity(findings.len().min(64 * max));
    // For each rule over the cap: the first finding left out, and how many were.
    let mut left_out: Vec<(Finding, usize)> = Vec::new();
    let mut left_out_of: rustc_hash::FxHashMap<String, usize> = Default::default();
    for finding in std::mem::take(findings) {
        let seen = count.entry(finding.rule.clone()).or_insert(0);
        *seen += 1;
        if *seen <= max {
            kept.push(finding);
        } else if let Some(&at) = left_out_of.get(&finding.rule) {
            left_out[at].1 += 1;
        } else {
            left_out_of.insert(finding.rule.clone(), left_out.len());
            left_out.push((finding, 1));
        }
    }
    for (mut first, more) in left_out {
        first.message =
            format!("此规则另有 {more} 处未列出（每份文稿每条规则最多列出 {max} 处），自此处起");
        first.suggestion = None;
        kept.push(first);
    }
    kept.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
    });
    *findings = kept;
}

/// The area whose rules a score goes with: `phrases` is the `phrase` area's score.
fn score_area(score: &str) -> &str {
    match score {
        "phrases" => "phrase",
        other => other,
    }
}

/// Where `phrase/repeated` and `redundancy/repeated-phrase` report one repeat, keeps one:
/// - the same words at the same place: the redundancy one, which lists every place;
/// - words around a stock phrase that it makes at least half of (要高度重视 around 高度重视):
///   the stock-phrase one, which counts every use of the phrase (or of its template, which
///   may be more).
///
/// Run after the configuration, so that turning either rule off brings the other one back.
fn drop_repeats_reported_twice(findings: &mut Vec<Finding>) {
    let spans = |rule: &str| -> Vec<(u64, u64)> {
        (findings.iter())
            .filter(|f| f.rule == rule)
            .map(|f| (f.span.start, f.span.end))
            .collect()
    };
    let listed = spans(redundancy::REPEATED_PHRASE.id);
    if listed.is_empty() {
        return;
    }
    let listed: rustc_hash::FxHashSet<(u64, u64)> = listed.into_iter().collect();
    let mut counted = spans(phrases::REPEATED.id);
    counted.sort_unstable();
    let mostly = |inner: (u64, u64), outer: (u64, u64)| {
        outer.0 <= inner.0 && inner.1 <= outer.1 && 2 * (inner.1 - inner.0) >= outer.1 - outer.0
    };
    // The counted spans that start inside `span`, found by their sorted starts: looking at
    // every one for every listed span cost the product of their numbers.
    let starting_inside = |span: (u64, u64)| {
        let from = counted.partition_point(|c| c.0 < span.0);
        counted[from..].iter().take_while(move |c| c.0 < span.1)
    };
    findings.retain(|f| {
        let span = (f.span.start, f.span.end);
        if f.rule == phrases::REPEATED.id {
            !listed.contains(&span)
        } else if f.rule == redundancy::REPEATED_PHRASE.id {
            !starting_inside(span).any(|&c| c != span && mostly(c, span))
        } else {
            true
        }
    });
}

/// Drops the draft-wide `typography/quoted-list-comma-mixed` note while
/// `typography/quoted-list-comma` reports the lists written with 顿号: that rule's fixes
/// already make the draft consistent. Run after the configuration, so that the note stays for
/// a draft whose writer keeps the 顿号 and turns that rule off.
fn drop_mixed_list_note(findings: &mut Vec<Finding>) {
    if findings
        .iter()
        .any(|f| f.rule == typography::QUOTED_LIST_COMMA.id)
    {
        findings.retain(|f| f.rule != typography::QUOTED_LIST_COMMA_MIXED.id);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn rules_of(text: &str) -> Vec<(String, String)> {
        let (report, _) = review_with_text(Input::plain("t", text.to_string()), &Config::default());
        (report.findings.into_iter())
            .filter(|f| f.rule.ends_with("repeated") || f.rule.ends_with("repeated-phrase"))
            .map(|f| (f.rule, f.text))
            .collect()
    }

    use crate::config::file::RuleLevel;
    use crate::rules;

    #[test]
    fn an_area_turned_off_has_no_score() {
        let text = "我们要高度重视，扎实推进。".to_string();
        let scores = |config: &Config| -> Vec<String> {
            let report = review(Input::plain("t", text.clone()), config);
            report.scores.into_keys().collect()
        };
        let all = ["phrases", "readability", "redundancy", "structure"];
        assert_eq!(scores(&Config::default()), all);
        let mut config = Config::default();
        config.rules.set("phrase", RuleLevel::Off);
        assert_eq!(scores(&config), all[1..]);
        // One rule of the area back on keeps the score.
        config.rules.set("phrase/intensifier", RuleLevel::On);
        assert_eq!(scores(&config), all);
        // Every score names an area.
        for name in all {
            assert!(rules::AREAS.contains(&score_area(name)), "{name}");
        }
    }

    #[test]
    fn a_mixed_list_note_only_when_the_commas_are_not_reported() {
        let text = "推进“煤改气”“煤改电”。做好“六稳”、“六保”工作。进行“三反”“五反”斗争。";
        let rules = |config: &Config| -> Vec<String> {
            let (report, _) = review_with_text(Input::plain("t", text.to_string()), config);
            (report.findings.into_iter())
                .filter(|f| f.rule.starts_with("typography/quoted-list"))
                .map(|f| f.rule)
                .collect()
        };
        assert_eq!(
            rules(&Config::default()),
            [typography::QUOTED_LIST_COMMA.id]
        );
        let mut keeps_commas = Config::default();
        (keeps_commas.rules).set(typography::QUOTED_LIST_COMMA.id, RuleLevel::Off);
        assert_eq!(
            rules(&keeps_commas),
            [typography::QUOTED_LIST_COMMA_MIXED.id]
        );
    }

    #[test]
    fn findings_past_the_cap_are_counted_in_one() {
        let doc = Document::new("甲乙丙丁戊己庚辛".to_string());
        let rule = |r: &'static rules::Rule, at: usize| Finding::new(r, &doc, at..at + 3, "m");
        let mut findings: Vec<Finding> = (0..8)
            .map(|i| rule(&redundancy::NEAR_DUPLICATE, 3 * i))
            .collect();
        findings.insert(1, rule(&phrases::REPEATED, 3));
        cap_findings(&mut findings, 3);
        let listed: Vec<(&str, u64)> = (findings.iter())
            .map(|f| (f.rule.as_str(), f.span.start))
            .collect();
        let near = redundancy::NEAR_DUPLICATE.id;
        assert_eq!(
            listed,
            [
                (near, 0),
                (phrases::REPEATED.id, 1),
                (near, 1),
                (near, 2),
                (near, 3)
            ]
        );
        assert!(
            findings[4].message.contains("另有 5 处未列出"),
            "{}",
            findings[4].message
        );
    }

    #[test]
    fn a_repeat_is_reported_once_with_its_places() {
        // 扎实推进 is both a stock phrase and a repeated phrase: one finding, the one that
        // lists every place.
        let found = rules_of(
            "今年扎实推进农村改革。\n（三）扎实推进和美乡村建设。\n压实责任，扎实推进乡村全面振兴。",
        );
        assert_eq!(
            found,
            [(
                redundancy::REPEATED_PHRASE.id.to_string(),
                "扎实推进".to_string()
            )]
        );
        // A repeated phrase made mostly of a stock phrase is the stock phrase's repeat.
        let found = rules_of("领导要高度重视甲。部门要高度重视乙。干部要高度重视丙。");
        assert_eq!(
            found,
            [(phrases::REPEATED.id.to_string(), "高度重视".to_string())]
        );
        // Where only the stock-phrase rule fires, it stays.
        let doc = Document::new("扎实推进甲，扎实推进乙".to_string());
        let mut findings = vec![
            Finding::new(&phrases::REPEATED, &doc, 0..12, "m"),
            Finding::new(&redundancy::REPEATED_PHRASE, &doc, 18..30, "m"),
        ];
        drop_repeats_reported_twice(&mut findings);
        assert_eq!(findings.len(), 2);
        // Nor is it dropped for a longer repeat that it is less than half of.
        let long = Document::new("扎实推进甲乙丙丁戊".to_string());
        let mut longer = vec![
            Finding::new(&phrases::REPEATED, &long, 0..12, "m"),
            Finding::new(&redundancy::REPEATED_PHRASE, &long, 0..27, "m"),
        ];
        drop_repeats_reported_twice(&mut longer);
        assert_eq!(longer.len(), 2);
        findings.push(Finding::new(&phrases::REPEATED, &doc, 18..30, "m"));
        drop_repeats_reported_twice(&mut findings);
        let rules: Vec<&str> = findings.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(
            rules,
            [phrases::REPEATED.id, redundancy::REPEATED_PHRASE.id]
        );
    }
}
