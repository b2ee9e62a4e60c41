//! Readability and redundancy end to end: oracle numbers through `check --format json`,
//! the flags, `explain`, the samples' known faults, and properties on arbitrary input.

use predicates::prelude::*;
use proptest::prelude::*;
use shengao::analyze::{self, Analysis};
use shengao::config::Config;
use shengao::doc::Document;
use shengao::report::{Finding, Report};

mod common;
use common::shengao;

const T1: &str = "要当好领导的参谋助手，首先要确立领导视角的大局观，时刻以领导的视角和眼光去看待问题、分析问题、谋划问题，在各个方面为领导提供及时准确的服务和决策参考。一是在公文写作上突出“精品”意识。讲话文稿是领导计划、总结、安排部署工作的重要载体，文稿质量的高低往往体现着一个领导的风格和思路。";
const T2: &str = "下面，我讲几点意见。一是要提高政治站位，切实加强组织领导。二是要压实工作责任，扎实推进各项任务落实！三是要强化督促检查，确保各项工作取得实效。以上意见，不当之处，敬请批评指正。";
const T3: &str = "他问：“今年增长3.5%了吗？”我说：“还没有……”大家都笑了。";

fn check_json(text: &str, flags: &[&str]) -> Report {
    let out = shengao()
        .args(["check", "--format", "json"])
        .args(flags)
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
    serde_json::from_slice(&out.stdout).expect("one JSON report")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

fn rules_of(report: &Report, prefix: &str) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|f| f.rule.starts_with(prefix))
        .map(|f| f.rule.clone())
        .collect()
}

#[test]
fn oracle_indices_through_the_cli() {
    for (text, r1, r2, r3) in [
        (T1, 18.142857, 0.056068, 9.099463),
        (T2, 7.0, 0.0, 3.5),
        (T3, 4.5, 0.125, 2.3125),
    ] {
        let report = check_json(text, &[]);
        let m = report.metrics.readability.expect("readability metrics");
        assert!(
            close(m.r1, r1) && close(m.r2, r2) && close(m.r3, r3),
            "{text}: {m:?}"
        );
        assert_eq!(m.long_sentence_threshold, 80);
        assert_eq!(m.long_clause_threshold, 30);
    }
}

#[test]
fn oracle_diversity_through_the_cli() {
    let m = check_json(T1, &[])
        .metrics
        .redundancy
        .expect("redundancy metrics");
    assert_eq!((m.words, m.types, m.mattr_window), (72, 53, 50));
    assert!(close(m.ttr, 0.736111) && close(m.root_ttr, 6.246110));
    assert!(close(m.mattr, 0.795652));
    assert!(close(m.mtld_forward, 42.0) && close(m.mtld_backward, 76.395789));
    assert!(close(m.mtld, 59.197895));
    assert!(close(m.repeated_2gram_share, 0.140351));

    let m = check_json(T2, &["--mattr-window", "20"])
        .metrics
        .redundancy
        .unwrap();
    assert_eq!((m.words, m.types, m.mattr_window), (35, 31, 20));
    assert!(close(m.mattr, 0.921875) && close(m.mtld, 85.75));
}

#[test]
fn thresholds_come_from_the_flags() {
    assert!(rules_of(&check_json(T1, &[]), "readability/long").is_empty());
    let report = check_json(T1, &["--long-sentence", "60", "--long-clause", "23"]);
    assert_eq!(
        rules_of(&report, "readability/long"),
        ["readability/long-sentence", "readability/long-clause"]
    );
    let m = report.metrics.readability.unwrap();
    assert_eq!(
        (m.long_sentence_threshold, m.long_clause_threshold),
        (60, 23)
    );
}

#[test]
fn bad_flag_values_are_usage_errors() {
    for flags in [
        ["--long-sentence", "0"],
        ["--long-clause", "-3"],
        ["--mattr-window", "abc"],
        ["--near-duplicate", "1.5"],
        ["--near-duplicate", "0"],
    ] {
        shengao()
            .arg("check")
            .args(flags)
            .write_stdin(T1)
            .assert()
            .code(2);
    }
}

#[test]
fn scores_have_parts_that_add_up() {
    let report = check_json(T1, &[]);
    for name in ["readability", "redundancy"] {
        let score = &report.scores[name];
        assert!((0.0..=100.0).contains(&score.value));
        let sum: f64 = score.parts.iter().map(|p| p.contribution).sum();
        assert!((sum - score.value).abs() < 1e-9, "{name}");
        assert!(!score.band.is_empty());
        assert!(score.parts.iter().all(|p| !p.note.is_empty()));
    }
    assert_eq!(report.scores["readability"].parts.len(), 6);
    assert_eq!(report.scores["redundancy"].parts.len(), 4);
}

#[test]
fn the_samples_known_near_duplicate_is_found() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/gongzuo-zongjie.txt");
    let out = shengao()
        .args(["check", "--format", "json", path])
        .output()
        .unwrap();
    let report: Report = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.rule == "redundancy/near-duplicate")
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].span.line, found[0].span.column), (22, 15));
    assert!(
        found[0].message.contains("第 4 行第 16 列"),
        "{}",
        found[0].message
    );
}

#[test]
fn text_output_names_rules_and_scores() {
    shengao()
        .args(["check", "--long-sentence", "60"])
        .write_stdin(T1)
        .assert()
        .stdout(predicate::str::contains(
            "1:1: warning[readability/long-sentence]",
        ))
        .stdout(predicate::str::contains("readability"))
        .stdout(predicate::str::contains("redundancy"));
}

#[test]
fn explain_topics_and_rules() {
    shengao()
        .args(["explain", "readability"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "R1 = mean Han characters per clause",
        ))
        .stdout(predicate::str::contains("cntext"))
        .stdout(predicate::str::contains("weight"))
        .stdout(predicate::str::contains("readability/long-sentence"));
    shengao()
        .args(["explain", "redundancy"])
        .assert()
        .success()
        .stdout(predicate::str::contains("MTLD"))
        .stdout(predicate::str::contains("redundancy/near-duplicate"));
    shengao()
        .args(["explain", "redundancy/repeated-phrase"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Example:"));
    shengao()
        .arg("rules")
        .assert()
        .success()
        .stdout(predicate::str::contains("readability/uncommon-char"))
        .stdout(predicate::str::contains("redundancy/overused-word"));
}

fn analyze_all(text: &str) -> (Document, Analysis) {
    let doc = Document::new(text.to_string());
    let config = Config::default();
    let mut out = Analysis::default();
    analyze::readability::analyze(&doc, &config, &mut out);
    analyze::redundancy::analyze(&doc, &config, &mut out);
    (doc, out)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn scores_in_range_and_spans_inside(
        text in "[一是要切实加强领导确保任务落实发展耄耋，。！？、：；“”《》\n a1.%]{0,300}"
    ) {
        let (doc, out) = analyze_all(&text);
        let chars = doc.text.chars().count() as u64;
        for score in out.scores.values() {
            prop_assert!((0.0..=100.0).contains(&score.value));
            for part in &score.parts {
                prop_assert!(part.value.is_finite() && part.contribution.is_finite());
            }
        }
        for finding in &out.findings {
            prop_assert!(finding.span.start <= finding.span.end && finding.span.end <= chars);
            let text: String = doc
                .text
                .chars()
                .skip(finding.span.start as usize)
                .take((finding.span.end - finding.span.start) as usize)
                .collect();
            prop_assert_eq!(&text, &finding.text);
        }
        let r = out.metrics.readability.unwrap();
        prop_assert!(r.r1.is_finite() && r.r2.is_finite() && r.r3.is_finite());
        let d = out.metrics.redundancy.unwrap();
        prop_assert!(d.mtld.is_finite() && d.mattr.is_finite() && d.root_ttr.is_finite());
    }
}

#[test]
fn empty_and_one_word_inputs() {
    for text in ["", "好", "发展", "\n\n", "。"] {
        let (_, out) = analyze_all(text);
        assert!(out.findings.is_empty(), "{text:?}: {:?}", out.findings);
        for score in out.scores.values() {
            assert!(score.value.is_finite() && (0.0..=100.0).contains(&score.value));
        }
    }
}

/// Optional acceptance run on ../shared/corpus: every document analyzes, scores stay in range.
/// Skips when the corpus is absent.
#[test]
fn corpus_documents_analyze_when_present() {
    let root =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/gwr_national");
    let Ok(entries) = std::fs::read_dir(&root) else {
        eprintln!("skipped: {} not found", root.display());
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    for path in paths.iter().take(3) {
        let text = std::fs::read_to_string(path).unwrap();
        let (_, out) = analyze_all(&text);
        for score in out.scores.values() {
            assert!((0.0..=100.0).contains(&score.value), "{}", path.display());
        }
    }
}
