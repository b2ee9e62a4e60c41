//! Typography findings end to end: exact positions and suggestions in the JSON report, the
//! metrics, the rule registry, the samples, and (when present) the real-report corpus.

use std::path::PathBuf;

use predicates::prelude::*;
use shengao::report::Report;

mod common;
use common::shengao;

fn report_of(path: &str) -> Report {
    let out = shengao()
        .args(["check", "--format", "json", "--fail-on", "never", path])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

fn report_of_text(text: &str) -> Report {
    let out = shengao()
        .args(["check", "--format", "json", "--fail-on", "never", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// (line, column, rule, text, suggestion) of the typography findings.
fn typography(report: &Report) -> Vec<(u64, u64, &str, &str, Option<&str>)> {
    report
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("typography/"))
        .map(|f| {
            (
                f.span.line,
                f.span.column,
                f.rule.as_str(),
                f.text.as_str(),
                f.suggestion.as_deref(),
            )
        })
        .collect()
}

#[test]
fn findings_carry_exact_spans_and_suggestions() {
    let text = "　　各位代表:\n　　我们要坚持稳中求进,推动“十四五”规划落地。他强调：“要抓落实。\n　　国办发[2024]01号于二〇二六年5月印发。\n";
    let report = report_of_text(text);
    assert_eq!(
        typography(&report),
        [
            (1, 7, "typography/halfwidth-punctuation", ":", Some("：")),
            (2, 12, "typography/halfwidth-punctuation", ",", Some("，")),
            (2, 29, "typography/unbalanced-marks", "“", None),
            (
                3,
                6,
                "typography/document-number",
                "[2024]01号",
                Some("〔2024〕1号")
            ),
            (
                3,
                16,
                "typography/mixed-date-numerals",
                "二〇二六年5月",
                None
            ),
        ]
    );
    let metrics = report.metrics.typography.expect("typography metrics");
    assert_eq!(metrics.findings, 5);
    assert_eq!(metrics.fixable, 3);
    assert_eq!(metrics.by_rule["typography/halfwidth-punctuation"], 2);
    assert_eq!(metrics.marks, 9, "{metrics:?}");
    // 5 findings over 41 Han characters: the 〇 of 二〇二六年 is not one of them, as in every
    // area's Han count.
    assert_eq!(metrics.per_thousand_han, 122.0);
}

#[test]
fn characters_outside_the_basic_plane_keep_columns_right() {
    // 𠀀 is one character (two UTF-16 units, four UTF-8 bytes): the comma is column 4.
    let report = report_of_text("𠀀我们,要\n");
    assert_eq!(
        typography(&report),
        [(1, 4, "typography/halfwidth-punctuation", ",", Some("，"))]
    );
}

#[test]
fn rules_and_explain_list_every_typography_rule() {
    let out = shengao().arg("rules").output().unwrap();
    let listed = String::from_utf8(out.stdout).unwrap();
    for rule in shengao::analyze::typography::RULES {
        assert!(listed.contains(rule.id), "{} not listed", rule.id);
        shengao()
            .args(["explain", rule.id])
            .assert()
            .success()
            .stdout(predicate::str::contains("Example:"));
    }
}

fn sample(name: &str) -> String {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "samples", name]
        .iter()
        .collect();
    path.to_str().unwrap().to_string()
}

#[test]
fn the_faulty_sample_gives_its_typography_faults_at_their_places() {
    // samples/FAULTS.md lists these (line, column) for the typography area.
    let report = report_of(&sample("gongzuo-zongjie.txt"));
    let got: Vec<(u64, u64, &str)> = typography(&report)
        .into_iter()
        .map(|(line, column, rule, _, _)| (line, column, rule))
        .collect();
    assert_eq!(
        got,
        [
            (5, 60, "typography/halfwidth-punctuation"),
            (6, 104, "typography/halfwidth-punctuation"),
            (6, 224, "typography/ellipsis"),
            (7, 115, "typography/stray-space"),
            (9, 106, "typography/quoted-list-comma"),
            (10, 39, "typography/halfwidth-punctuation"),
            (10, 46, "typography/halfwidth-punctuation"),
            (10, 74, "typography/mixed-date-numerals"),
            (11, 48, "typography/repeated-punctuation"),
            (11, 100, "typography/dash"),
            (13, 68, "typography/halfwidth-punctuation"),
            (14, 25, "typography/short-year"),
            (24, 16, "typography/unbalanced-marks"),
        ]
    );
}

#[test]
fn the_clean_samples_give_no_typography_findings() {
    for name in ["jianghua-gao.txt", "dianxing-fayan.txt"] {
        let report = report_of(&sample(name));
        assert_eq!(typography(&report), [], "{name}");
    }
}

/// Optional: real reports from ../shared/corpus (skipped when the folder is absent). An
/// edited government work report should give almost nothing.
#[test]
fn clean_real_reports_give_few_findings() {
    let corpus: PathBuf = [env!("CARGO_MANIFEST_DIR"), "..", "shared", "corpus"]
        .iter()
        .collect();
    if !corpus.is_dir() {
        eprintln!("skipped: no corpus at {}", corpus.display());
        return;
    }
    for (name, at_most) in [
        ("gwr_national/000.txt", 2),
        ("gwr_national/002.txt", 3),
        ("gwr_prov2026/010.txt", 2),
    ] {
        let path = corpus.join(name);
        if !path.is_file() {
            continue;
        }
        let report = report_of(path.to_str().unwrap());
        let found = typography(&report);
        assert!(found.len() <= at_most, "{name}: {found:?}");
    }
}
