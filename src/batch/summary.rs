//! The running tally behind the summary record, in memory that does not grow with the archive.
//!
//! A worker boils each report down to a [`Digest`] (a few numbers and the document's stock
//! phrases); the writer adds digests to a [`Tally`] in input order, so ties resolve the same way
//! on every run whatever `--jobs` is.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap, HashMap};

use super::record::{Distribution, Id, PhraseCount, Ranked, Summary};
use crate::config::Config;
use crate::report::{Report, SeverityCounts};

/// Stock phrases listed in the summary.
const TOP_PHRASES: usize = 20;
/// Worst documents listed per score.
const WORST: usize = 10;
/// Distinct phrase texts kept; past this the rarest are dropped (see [`PhraseTally`]).
const PHRASE_CAP: usize = 50_000;
/// Histogram buckets per score point: quantiles are exact to 1/RESOLUTION.
const RESOLUTION: f64 = 10.0;

/// What the summary needs of one input.
#[derive(Debug, Clone, PartialEq)]
pub enum Digest {
    Report(Box<ReportDigest>),
    Error,
}

/// What the summary needs of one report.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportDigest {
    pub path: String,
    pub id: Option<Id>,
    pub bytes: u64,
    pub findings: SeverityCounts,
    /// A finding at or above `--fail-on`.
    pub failing: bool,
    /// Findings by rule id.
    pub rules: Vec<(String, u64)>,
    /// Finite scores by name.
    pub scores: Vec<(String, f64)>,
    /// The texts of `phrase/…` findings, with their counts in this document.
    pub phrases: Vec<(String, u64)>,
}

impl Digest {
    pub fn of(report: &Report, id: Option<&Id>, config: &Config) -> Digest {
        let mut findings = SeverityCounts::default();
        let mut rules: BTreeMap<&str, u64> = BTreeMap::new();
        let mut phrases: HashMap<&str, u64> = HashMap::new();
        let mut failing = false;
        for f in &report.findings {
            findings.count(f.severity);
            failing |= config.fail_on.fails(f.severity);
            *rules.entry(&f.rule).or_default() += 1;
            if f.rule.split('/').next() == Some("phrase") && !f.text.trim().is_empty() {
                *phrases.entry(f.text.trim()).or_default() += 1;
            }
        }
        Digest::Report(Box::new(ReportDigest {
            path: report.source.path.clone(),
            id: id.cloned(),
            bytes: report.source.bytes,
            findings,
            failing,
            rules: rules.into_iter().map(|(r, n)| (r.to_string(), n)).collect(),
            scores: report
                .scores
                .iter()
                .filter(|(_, s)| s.value.is_finite())
                .map(|(name, s)| (name.clone(), s.value))
                .collect(),
            phrases: phrases
                .into_iter()
                .map(|(p, n)| (p.to_string(), n))
                .collect(),
        }))
    }
}

/// The summary so far.
#[derive(Debug, Default)]
pub struct Tally {
    documents: u64,
    reports: u64,
    errors: u64,
    failing: u64,
    bytes: u64,
    findings: SeverityCounts,
    by_rule: BTreeMap<String, u64>,
    scores: BTreeMap<String, ScoreTally>,
    phrases: PhraseTally,
}

impl Tally {
    /// Adds the next input, in input order.
    pub fn add(&mut self, digest: Digest) {
        let order = self.documents;
        self.documents += 1;
        let d = match digest {
            Digest::Error => {
                self.errors += 1;
                return;
            }
            Digest::Report(d) => *d,
        };
        self.reports += 1;
        self.failing += u64::from(d.failing);
        self.bytes += d.bytes;
        self.findings.add(d.findings);
        for (rule, n) in d.rules {
            *self.by_rule.entry(rule).or_default() += n;
        }
        for (name, value) in d.scores {
            let worst = Worst {
                value,
                order,
                path: d.path.clone(),
                id: d.id.clone(),
            };
            self.scores.entry(name).or_default().add(worst);
        }
        self.phrases.add(d.phrases);
    }

    /// Reports with a finding at or above `--fail-on` so far.
    pub fn failing(&self) -> u64 {
        self.failing
    }

    /// Inputs that yielded an error record so far.
    pub fn errors(&self) -> u64 {
        self.errors
    }

    pub fn documents(&self) -> u64 {
        self.documents
    }

    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// The summary record.
    pub fn summary(&self, seconds: f64, jobs: usize) -> Summary {
        Summary {
            documents: self.documents,
            reports: self.reports,
            errors: self.errors,
            failing: self.failing,
            bytes: self.bytes,
            seconds,
            mb_per_second: if seconds > 0.0 {
                self.bytes as f64 / seconds / 1e6
            } else {
                0.0
            },
            jobs,
            findings: self.findings,
            findings_by_rule: self.by_rule.clone(),
            scores: self
                .scores
                .iter()
                .map(|(name, t)| (name.clone(), t.distribution()))
                .collect(),
            stock_phrases: self.phrases.top(TOP_PHRASES),
            worst: self
                .scores
                .iter()
                .map(|(name, t)| (name.clone(), t.worst()))
                .collect(),
        }
    }
}

/// One score over the archive: exact sum, min and max; a histogram for quantiles; the lowest
/// few documents.
#[derive(Debug)]
struct ScoreTally {
    count: u64,
    sum: f64,
    min: f64,
    max: f64,
    /// Count per 1/RESOLUTION of a point, from 0 to 100.
    buckets: Vec<u64>,
    bands: [u64; 10],
    /// The WORST lowest so far; the top of the heap is the highest of them.
    worst: BinaryHeap<Worst>,
}

impl Default for ScoreTally {
    fn default() -> ScoreTally {
        ScoreTally {
            count: 0,
            sum: 0.0,
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
            buckets: vec![0; (100.0 * RESOLUTION) as usize + 1],
            bands: [0; 10],
            worst: BinaryHeap::new(),
        }
    }
}

impl ScoreTally {
    fn add(&mut self, worst: Worst) {
        let value = worst.value;
        self.count += 1;
        self.sum += value;
        self.min = self.min.min(value);
        self.max = self.max.max(value);
        let clamped = value.clamp(0.0, 100.0);
        self.buckets[(clamped * RESOLUTION).round() as usize] += 1;
        self.bands[((clamped / 10.0) as usize).min(9)] += 1;
        if self.worst.len() < WORST {
            self.worst.push(worst);
        } else if self.worst.peek().is_some_and(|top| worst < *top) {
            self.worst.pop();
            self.worst.push(worst);
        }
    }

    /// The value at quantile `q` by nearest rank, to 1/RESOLUTION of a point.
    fn quantile(&self, q: f64) -> f64 {
        let rank = ((q * self.count as f64).ceil() as u64).max(1);
        let mut seen = 0;
        for (i, n) in self.buckets.iter().enumerate() {
            seen += n;
            if seen >= rank {
                return (i as f64 / RESOLUTION).clamp(self.min, self.max);
            }
        }
        self.max
    }

    fn distribution(&self) -> Distribution {
        Distribution {
            count: self.count,
            mean: two_decimals(self.sum / self.count as f64),
            min: two_decimals(self.min),
            p10: two_decimals(self.quantile(0.1)),
            median: two_decimals(self.quantile(0.5)),
            p90: two_decimals(self.quantile(0.9)),
            max: two_decimals(self.max),
            histogram: self.bands,
        }
    }

    fn worst(&self) -> Vec<Ranked> {
        self.worst
            .clone()
            .into_sorted_vec()
            .into_iter()
            .map(|w| Ranked {
                path: w.path,
                id: w.id,
                value: two_decimals(w.value),
            })
            .collect()
    }
}

/// A score statistic as the summary writes it: rounded to two decimals (44.32, not
/// 44.32471438516472), as the CSV writes scores.
fn two_decimals(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// A document's value for one score, ordered by value, then input order.
#[derive(Debug, Clone)]
struct Worst {
    value: f64,
    order: u64,
    path: String,
    id: Option<Id>,
}

impl Ord for Worst {
    fn cmp(&self, other: &Self) -> Ordering {
        self.value
            .total_cmp(&other.value)
            .then(self.order.cmp(&other.order))
    }
}

impl PartialOrd for Worst {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Worst {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Worst {}

/// Phrase counts over the archive. Exact while there are at most [`PHRASE_CAP`] distinct
/// texts (a lexicon has far fewer); past that, the texts with the lowest counts are dropped
/// so memory stays bounded, and a dropped text starts again from zero if it comes back.
#[derive(Debug, Default)]
struct PhraseTally {
    counts: HashMap<String, (u64, u64)>,
}

impl PhraseTally {
    fn add(&mut self, phrases: Vec<(String, u64)>) {
        for (phrase, n) in phrases {
            let entry = self.counts.entry(phrase).or_default();
            entry.0 += n;
            entry.1 += 1;
        }
        while self.counts.len() > PHRASE_CAP {
            let floor = self.counts.values().map(|c| c.0).min().unwrap_or(0);
            self.counts.retain(|_, c| c.0 > floor);
        }
    }

    fn top(&self, n: usize) -> Vec<PhraseCount> {
        let mut all: Vec<(&String, &(u64, u64))> = self.counts.iter().collect();
        all.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
        all.into_iter()
            .take(n)
            .map(|(phrase, &(count, documents))| PhraseCount {
                phrase: phrase.clone(),
                count,
                documents,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digest(path: &str, scores: &[(&str, f64)], phrases: &[(&str, u64)]) -> Digest {
        Digest::Report(Box::new(ReportDigest {
            path: path.to_string(),
            id: None,
            bytes: 100,
            findings: SeverityCounts {
                error: 0,
                warning: 1,
                info: 2,
            },
            failing: false,
            rules: vec![("input/x".to_string(), 3)],
            scores: scores.iter().map(|(n, v)| (n.to_string(), *v)).collect(),
            phrases: phrases.iter().map(|(p, n)| (p.to_string(), *n)).collect(),
        }))
    }

    #[test]
    fn counts_add_up_and_errors_count_as_documents() {
        let mut tally = Tally::default();
        tally.add(digest("a", &[], &[]));
        tally.add(Digest::Error);
        tally.add(digest("b", &[], &[]));
        let s = tally.summary(2.0, 2);
        assert_eq!((s.documents, s.reports, s.errors), (3, 2, 1));
        assert_eq!(s.bytes, 200);
        assert_eq!(s.mb_per_second, 200.0 / 2.0 / 1e6);
        assert_eq!((s.findings.warning, s.findings.info), (2, 4));
        assert_eq!(s.findings_by_rule["input/x"], 6);
    }

    #[test]
    fn distributions_and_worst_documents() {
        let mut tally = Tally::default();
        // 1..=100 once each, then a second document scoring 5.
        for v in 1..=100 {
            tally.add(digest(
                &format!("d{v:03}"),
                &[("readability", v as f64)],
                &[],
            ));
        }
        tally.add(digest("late", &[("readability", 5.0)], &[]));
        let s = tally.summary(1.0, 1);
        let d = &s.scores["readability"];
        assert_eq!(d.count, 101);
        assert_eq!((d.min, d.max), (1.0, 100.0));
        // (5050 + 5) / 101 = 50.0495…
        assert_eq!(d.mean, 50.05);
        assert_eq!(d.median, 50.0);
        assert_eq!(d.p10, 10.0);
        assert_eq!(d.p90, 90.0);
        assert_eq!(d.histogram, [10, 10, 10, 10, 10, 10, 10, 10, 10, 11]);
        let worst: Vec<(&str, f64)> = s.worst["readability"]
            .iter()
            .map(|r| (r.path.as_str(), r.value))
            .collect();
        assert_eq!(worst.len(), WORST);
        // The earlier document wins a tie.
        assert_eq!(
            &worst[..6],
            &[
                ("d001", 1.0),
                ("d002", 2.0),
                ("d003", 3.0),
                ("d004", 4.0),
                ("d005", 5.0),
                ("late", 5.0)
            ]
        );
        assert_eq!(worst[9], ("d009", 9.0));
    }

    #[test]
    fn quantiles_are_exact_to_a_tenth() {
        let mut tally = Tally::default();
        for v in [72.34, 72.36, 99.99] {
            tally.add(digest("x", &[("s", v)], &[]));
        }
        let d = &tally.summary(1.0, 1).scores["s"];
        assert_eq!((d.min, d.median, d.max), (72.34, 72.4, 99.99));
        assert_eq!(d.histogram[9], 1);
    }

    #[test]
    fn every_statistic_and_worst_value_has_two_decimals_at_most() {
        let mut tally = Tally::default();
        for v in [44.32471438516472, 61.005, 87.123456] {
            tally.add(digest("x", &[("s", v)], &[]));
        }
        let s = tally.summary(1.0, 1);
        let d = &s.scores["s"];
        assert_eq!((d.min, d.max), (44.32, 87.12));
        assert_eq!(d.mean, 64.15);
        assert_eq!(s.worst["s"][0].value, 44.32);
        assert_eq!(two_decimals(61.004), 61.0);
        assert_eq!(two_decimals(100.0), 100.0);
    }

    #[test]
    fn stock_phrases_are_counted_across_documents() {
        let mut tally = Tally::default();
        tally.add(digest("a", &[], &[("高度重视", 3), ("狠抓落实", 1)]));
        tally.add(digest("b", &[], &[("高度重视", 1), ("扎实推进", 4)]));
        let top = tally.summary(1.0, 1).stock_phrases;
        let got: Vec<(&str, u64, u64)> = top
            .iter()
            .map(|p| (p.phrase.as_str(), p.count, p.documents))
            .collect();
        assert_eq!(
            got,
            [("扎实推进", 4, 1), ("高度重视", 4, 2), ("狠抓落实", 1, 1)]
        );
    }

    #[test]
    fn phrase_table_stays_bounded() {
        let mut tally = PhraseTally::default();
        tally.add(vec![("常用".to_string(), 5)]);
        for i in 0..PHRASE_CAP + 10 {
            tally.add(vec![(format!("p{i}"), 1)]);
        }
        assert!(tally.counts.len() <= PHRASE_CAP);
        assert_eq!(tally.top(1)[0].phrase, "常用");
    }

    #[test]
    fn a_digest_reads_severities_rules_phrases_and_scores() {
        use crate::doc::Document;
        use crate::report::{Finding, Score};
        use crate::rules::{Rule, Severity};
        static PHRASE: Rule = Rule {
            id: "phrase/test",
            severity: Severity::Warning,
            summary: "",
            explanation: "",
        };
        let input =
            crate::input::from_bytes("a.txt", "高度重视，高度重视。".as_bytes(), None).unwrap();
        let mut report = crate::analyze::review(input, &Config::default());
        // Only what this test puts in counts.
        report.findings.clear();
        report.scores.clear();
        let doc = Document::new("高度重视，高度重视。".to_string());
        report
            .findings
            .push(Finding::new(&PHRASE, &doc, 0..12, "m"));
        report
            .findings
            .push(Finding::new(&PHRASE, &doc, 15..27, "m"));
        report.scores.insert(
            "phrases".to_string(),
            Score {
                value: 40.0,
                band: "b".to_string(),
                parts: vec![],
            },
        );
        report.scores.insert(
            "broken".to_string(),
            Score {
                value: f64::NAN,
                band: "b".to_string(),
                parts: vec![],
            },
        );
        let config = Config {
            fail_on: crate::config::FailOn::Warning,
            ..Config::default()
        };
        let Digest::Report(d) = Digest::of(&report, None, &config) else {
            panic!("a report")
        };
        assert_eq!(d.findings.warning, 2);
        assert!(d.failing);
        assert_eq!(d.rules, [("phrase/test".to_string(), 2)]);
        assert_eq!(d.phrases, [("高度重视".to_string(), 2)]);
        assert_eq!(d.scores, [("phrases".to_string(), 40.0)]);
    }
}
