//! The wording analyzer end to end: findings with exact suggestions, fixes that give the right
//! text, and (ignored by default) a run over the shared corpus of edited official prose.

use std::path::Path;

use assert_cmd::Command;
use shengao::analyze::wording;
use shengao::report::{Finding, Report};

fn check_json(text: &str) -> Report {
    let out = Command::cargo_bin("shengao")
        .unwrap()
        .args(["check", "--format", "json", "--fail-on", "never"])
        .write_stdin(text.as_bytes().to_vec())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    serde_json::from_slice(&out.stdout).expect("one JSON report")
}

/// The findings of the wording lists (not of the slip detectors, which weigh evidence).
fn wording_findings(report: &Report) -> Vec<&Finding> {
    report
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("wording/") && f.score.is_none())
        .filter(|f| f.rule != "wording/doubled-char")
        .collect()
}

/// Applies the suggestions of `findings` to `text` by their char spans, back to front, as a
/// `fix` command does.
fn apply(text: &str, findings: &[&Finding]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let mut findings = findings.to_vec();
    findings.sort_by_key(|f| std::cmp::Reverse(f.span.start));
    for f in findings {
        let suggestion = f
            .suggestion
            .as_deref()
            .expect("wording findings carry a suggestion");
        let (start, end) = (f.span.start as usize, f.span.end as usize);
        let under: String = chars[start..end].iter().collect();
        assert_eq!(under, f.text, "the span covers the finding's text");
        chars.splice(start..end, suggestion.chars());
    }
    chars.into_iter().collect()
}

const DRAFT: &str = "　　同志们：
　　截止目前，全市己经完成年度目标的九成。做为一名党员，必需遵守纪律，严于律已、再接再励。
　　值的注意的是，个别单位按步就班，对群众反映的问题迫不急待地应付了事，银行帐户管理不规范。
";

const FIXED: &str = "　　同志们：
　　截至目前，全市已经完成年度目标的九成。作为一名党员，必须遵守纪律，严于律己、再接再厉。
　　值得注意的是，个别单位按部就班，对群众反映的问题迫不及待地应付了事，银行账户管理不规范。
";

#[test]
fn findings_cover_only_the_wrong_chars() {
    let report = check_json(DRAFT);
    let found: Vec<(&str, &str, &str, u64, u64)> = wording_findings(&report)
        .iter()
        .map(|f| {
            (
                f.rule.as_str(),
                f.text.as_str(),
                f.suggestion.as_deref().unwrap_or(""),
                f.span.line,
                f.span.column,
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("wording/misuse", "止", "至", 2, 4),
            ("wording/misspelling", "己", "已", 2, 10),
            ("wording/misuse", "做", "作", 2, 22),
            ("wording/misuse", "需", "须", 2, 30),
            ("wording/misspelling", "已", "己", 2, 39),
            ("wording/misspelling", "励", "厉", 2, 44),
            ("wording/particle", "的", "得", 3, 4),
            ("wording/misspelling", "步", "部", 3, 15),
            ("wording/misspelling", "急", "及", 3, 29),
            ("wording/variant", "帐", "账", 3, 39),
        ]
    );
    let metrics = report.metrics.wording.expect("wording metrics");
    assert_eq!(
        (
            metrics.misspellings,
            metrics.misuses,
            metrics.particles,
            metrics.variants
        ),
        (5, 3, 1, 1)
    );
}

#[test]
fn applying_every_suggestion_gives_the_right_text() {
    let report = check_json(DRAFT);
    let findings = wording_findings(&report);
    assert_eq!(apply(DRAFT, &findings), FIXED);
    assert!(wording_findings(&check_json(FIXED)).is_empty());
}

#[test]
fn every_entry_is_fixed_by_its_suggestion_through_the_cli() {
    // Documents holding every wrong form, each on its own line between neutral marks; as
    // many in one as a report lists of one rule.
    let (entries, errors) = wording::parse_lists();
    assert!(errors.is_empty(), "{errors:?}");
    for entries in entries.chunks(shengao::analyze::MAX_FINDINGS_PER_RULE) {
        let wrong: String = entries
            .iter()
            .map(|e| format!("【{}】\n", e.wrong))
            .collect();
        let right: String = entries
            .iter()
            .map(|e| format!("【{}】\n", e.right))
            .collect();
        let report = check_json(&wrong);
        let findings = wording_findings(&report);
        assert_eq!(findings.len(), entries.len());
        assert_eq!(apply(&wrong, &findings), right);
        assert!(wording_findings(&check_json(&right)).is_empty());
    }
}

#[test]
fn rules_and_explain_know_the_wording_rules() {
    let out = Command::cargo_bin("shengao")
        .unwrap()
        .arg("rules")
        .output()
        .unwrap();
    let listing = String::from_utf8(out.stdout).unwrap();
    for id in [
        "wording/misspelling",
        "wording/misuse",
        "wording/particle",
        "wording/variant",
    ] {
        assert!(listing.contains(id), "{id} missing from `rules`");
        let explained = Command::cargo_bin("shengao")
            .unwrap()
            .args(["explain", id])
            .output()
            .unwrap();
        assert!(explained.status.success(), "explain {id}");
        assert!(String::from_utf8_lossy(&explained.stdout).contains("Example:"));
    }
}

/// The whole list over ../shared/corpus (edited official prose). Prints every hit with its
/// context; run with `cargo test --test wording -- --ignored --nocapture`.
#[test]
#[ignore = "reads ../shared/corpus, which is not part of the repository"]
fn corpus_gives_near_zero_hits() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let Ok(manifest) = std::fs::read_to_string(root.join("manifest.jsonl")) else {
        eprintln!("skipped: {} not found", root.display());
        return;
    };
    let mut total = 0;
    for line in manifest.lines() {
        let entry: serde_json::Value = serde_json::from_str(line).unwrap();
        let path = entry["path"].as_str().unwrap();
        let text = std::fs::read_to_string(root.join(path)).unwrap();
        for hit in wording::hits(&text) {
            total += 1;
            let before: String = text[..hit.range.start].chars().rev().take(8).collect();
            let before: String = before.chars().rev().collect();
            let after: String = text[hit.range.end..].chars().take(8).collect();
            println!(
                "{path}\t{}\t{before}[{}→{}]{after}",
                hit.entry.kind.rule().id,
                &text[hit.range.clone()],
                hit.entry.replacement
            );
        }
    }
    println!("{total} hits");
    // Each hit was reviewed: old forms in pre-2003 reports (帐 for 账, 颠复) and one
    // 截止到目前. A new hit means an entry matches correct text or a new real error.
    assert!(total <= 25, "{total} hits in the corpus; review them");
}
