//! The structure analyzer end to end: drafts written here → `shengao check --format json` →
//! outline, findings, `metrics.structure`, `scores.structure`; the samples against golden JSON;
//! and, when `../shared/corpus` is present, real reports with and without injected faults.

use std::path::Path;

use shengao::analyze::structure::{Issue, Para, enumeration, numbering, outline, parallel};
use shengao::report::Report;

mod common;
use common::shengao;

/// The JSON report of `text`, written to a file first.
fn check(text: &str, extra: &[&str]) -> Report {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.txt");
    std::fs::write(&path, text).unwrap();
    let out = shengao()
        .args(["check", "--format", "json", "--fail-on", "never"])
        .args(extra)
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The structure findings as `rule line:column`.
fn structure_findings(report: &Report) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("structure/"))
        .map(|f| format!("{} {}:{}", f.rule, f.span.line, f.span.column))
        .collect()
}

/// Every rule, with a draft that shows it and where.
#[test]
fn each_rule_fires_at_its_heading() {
    let body = "　　要统一思想，提高认识，狠抓落实，确保各项任务落地见效。".repeat(8);
    let cases: Vec<(String, Vec<&str>)> = vec![
        (
            "一、总体要求\n二、主要任务\n四、保障措施\n".to_string(),
            vec!["structure/numbering-gap 3:1"],
        ),
        (
            "一、总体要求\n（一）指导思想\n（二）基本原则\n（二）工作目标\n二、主要任务\n"
                .to_string(),
            vec!["structure/numbering-duplicate 4:1"],
        ),
        (
            "一、总体要求\n三、保障措施\n二、主要任务\n".to_string(),
            vec!["structure/numbering-order 2:1"],
        ),
        (
            "一、总体要求\n（二）基本原则\n（三）工作目标\n二、主要任务\n".to_string(),
            vec!["structure/numbering-start 2:1"],
        ),
        (
            "　　（一）指导思想\n　　（二）基本原则\n".to_string(),
            vec![],
        ),
        (
            "(一)指导思想\n(二)基本原则\n".to_string(),
            vec!["structure/marker-form 1:1", "structure/marker-form 2:1"],
        ),
        (
            "一、总体要求\n（一）指导思想\n（二）基本原则\n二、主要任务\n（1）甲\n（2）乙\n"
                .to_string(),
            vec!["structure/level-skip 5:1"],
        ),
        (
            "一、总体要求\n（一）指导思想\n二、主要任务\n".to_string(),
            vec!["structure/lone-child 2:1"],
        ),
        (
            "一、总体要求\n1.甲\n2.乙\n3、丙\n4.丁\n5.戊\n二、主要任务\n".to_string(),
            vec!["structure/marker-form 4:1"],
        ),
        (
            "一、总体要求\n　　一是加强领导；二是落实责任；四是严格考核。\n".to_string(),
            vec!["structure/enumeration-gap 2:17", "structure/lone-child 1:1"],
        ),
        (
            "　　第一，提高认识；第二，压实责任；第二，严格考核。\n".to_string(),
            vec!["structure/enumeration-duplicate 1:19"],
        ),
        (
            "　　一要提高站位，三要强化督导，二要压实责任。\n".to_string(),
            vec!["structure/enumeration-order 1:10"],
        ),
        (
            "　　一是要提高政治站位，切实增强责任感。\n".to_string(),
            vec!["structure/enumeration-single 1:3"],
        ),
        (
            format!(
                "一、进一步发挥好参谋助手作用\n{body}\n二、进一步发挥好督促检查作用\n{body}\n\
                 三、进一步发挥好协调服务作用\n{body}\n四、切实加强自身建设\n{body}\n"
            ),
            vec!["structure/parallel-break 7:1"],
        ),
        (
            format!(
                "一、统一思想\n{body}\n二、落实责任\n{body}\n三、严格考核\n{body}\n\
                 四、以更加有力有效的举措推动各项任务落地见效\n{body}\n"
            ),
            vec!["structure/title-length 7:1"],
        ),
        (
            format!(
                "一、统一思想\n{body}\n二、落实责任\n{body}{body}{body}{body}\n三、严格考核\n{body}\n\
                 四、加强领导\n{body}\n"
            ),
            vec!["structure/section-balance 3:1"],
        ),
    ];
    for (text, expected) in cases {
        let report = check(&text, &[]);
        let mut got = structure_findings(&report);
        got.sort();
        let mut expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        expected.sort();
        assert_eq!(got, expected, "{text}");
    }
}

#[test]
fn a_lone_numbered_line_in_data_is_running_text() {
    let text = "一、主要指标\n　　据统计，全年情况如下：\n1.全省地区生产总值增长5%。\n\
                二、存在问题\n　　附件：1.指标表\n2.说明\n";
    let report = check(text, &[]);
    assert_eq!(structure_findings(&report), Vec::<String>::new());
    let markers: Vec<&str> = report.outline.iter().map(|n| n.marker.as_str()).collect();
    assert_eq!(markers, ["一、", "二、"]);
    assert!(report.outline.iter().all(|n| n.children.is_empty()));
}

#[test]
fn the_outline_nests_with_titles_spans_and_sizes() {
    let text = "关于做好年度工作的讲话\n一、提高认识。要统一思想。\n（一）学习文件\n（二）开展讨论\n二、狠抓落实\n";
    let report = check(text, &[]);
    let json = serde_json::to_value(&report.outline).unwrap();
    let first = &json[0];
    assert_eq!(first["level"], 1);
    assert_eq!(first["marker"], "一、");
    assert_eq!(first["number"], 1);
    assert_eq!(first["title"], "提高认识");
    assert_eq!(first["span"]["line"], 2);
    assert_eq!(first["span"]["column"], 1);
    assert_eq!(first["span"]["end_column"], 7);
    // 一、提高认识。要统一思想。 (13) + （一）学习文件 (7) + （二）开展讨论 (7).
    assert_eq!(first["chars"], 27);
    let children: Vec<&str> = first["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["marker"].as_str().unwrap())
        .collect();
    assert_eq!(children, ["（一）", "（二）"]);
    assert_eq!(json[1]["children"].as_array().unwrap().len(), 0);
    let keys: Vec<&String> = first.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "chars", "children", "level", "marker", "number", "span", "title"
        ]
    );
}

#[test]
fn metrics_and_score_are_reported() {
    let text = "一、着力扩大内需\n　　一是稳投资；二是促消费。\n二、着力稳定就业\n三、着力防范风险\n（一）甲\n（二）乙\n";
    let report = check(text, &[]);
    let m = report
        .metrics
        .structure
        .as_ref()
        .expect("metrics.structure");
    assert_eq!(m.headings, 5);
    assert_eq!(m.headings_per_level, [0, 3, 2, 0, 0]);
    assert_eq!(m.depth, 2);
    assert_eq!(m.enumeration_groups, 1);
    assert_eq!(m.enumeration_items, 2);
    assert_eq!(m.enumerations[0].kind, "一是");
    assert_eq!(m.enumerations[0].items[1].marker, "二是");
    assert_eq!(m.enumerations[0].items[1].span.line, 2);
    assert_eq!(m.templates.len(), 1);
    assert_eq!(m.templates[0].pattern, "着力…");
    assert_eq!(m.templates[0].matched, ["一、", "二、", "三、"]);
    assert_eq!(
        m.sections.iter().map(|s| s.level).collect::<Vec<_>>(),
        [1, 2]
    );
    let score = &report.scores["structure"];
    assert_eq!(score.value, 100.0);
    assert_eq!(score.band, "规范");
    let faulty = check("一、甲\n三、丙\n", &[]);
    let score = &faulty.scores["structure"];
    assert_eq!(score.value, 90.0);
    let part = score
        .parts
        .iter()
        .find(|p| p.name == "numbering_faults")
        .unwrap();
    assert_eq!((part.value, part.contribution), (1.0, -10.0));
}

#[test]
fn the_balance_ratio_is_a_setting() {
    let body = "　　要统一思想，提高认识，狠抓落实，确保各项任务落地见效。".repeat(8);
    let text = format!("一、甲\n{body}\n二、乙\n{body}{body}\n三、丙\n{body}\n四、丁\n{body}\n");
    let rule = |r: &Report| {
        r.findings
            .iter()
            .filter(|f| f.rule == "structure/section-balance")
            .count()
    };
    assert_eq!(rule(&check(&text, &[])), 0);
    assert_eq!(
        rule(&check(&text, &["--structure-balance-ratio", "1.5"])),
        1
    );
    shengao()
        .args(["check", "--structure-balance-ratio", "0.5", "-"])
        .write_stdin("一、甲\n")
        .assert()
        .code(2);
}

#[test]
fn explain_knows_the_rules_and_the_area() {
    let out = shengao()
        .args(["explain", "structure/numbering-gap"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("running text"), "{text}");
    let out = shengao().args(["explain", "structure"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("scores.structure"), "{text}");
    let out = shengao().args(["rules"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.matches("structure/").count(), 16, "{text}");
}

/// Every structure fault that `samples/FAULTS.md` lists for gongzuo-zongjie.txt, at its line
/// and column.
#[test]
fn the_sample_faults_are_found() {
    let path = format!("{}/samples/gongzuo-zongjie.txt", env!("CARGO_MANIFEST_DIR"));
    let report = check(&std::fs::read_to_string(path).unwrap(), &[]);
    let got = structure_findings(&report);
    for expected in [
        "structure/enumeration-gap 4:174",
        "structure/numbering-duplicate 6:3",
        "structure/marker-form 7:3",
        "structure/numbering-gap 12:3",
        "structure/lone-child 13:3",
        "structure/level-skip 17:3",
        "structure/marker-form 18:3",
        "structure/marker-form 24:3",
        "structure/marker-form 25:3",
    ] {
        assert!(
            got.iter().any(|g| g == expected),
            "{expected} not in {got:?}"
        );
    }
    // The complete 一是…二是…三是 group on line 6 is no fault.
    assert!(
        !got.iter()
            .any(|g| g.starts_with("structure/enumeration") && g.contains(" 6:"))
    );
}

/// Paragraphs as the document model cuts them (non-empty lines, trimmed), without segmenting.
fn paras(text: &str) -> Vec<Para<'_>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        let start = offset + line.len() - trimmed.len();
        let body = trimmed.trim_end_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if !body.is_empty() {
            out.push(Para { text: body, start });
        }
        offset += line.len();
    }
    out
}

/// Every structure issue of `text`, from the pure functions (no segmentation).
fn all_issues(text: &str) -> Vec<Issue> {
    let paras = paras(text);
    let tree = outline::outline(&paras);
    let groups = enumeration::groups(&paras, &tree.sections(paras.len()));
    let mut found = numbering::check(&tree);
    found.extend(enumeration::check(&groups));
    found.extend(parallel::check(&tree, parallel::BALANCE_RATIO).1);
    found
}

/// Rule ids of every structure issue of `text`, with their lines.
fn issues(text: &str) -> Vec<(&'static str, usize)> {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    all_issues(text)
        .into_iter()
        .map(|i| {
            (
                i.rule.id,
                line_starts.partition_point(|&s| s <= i.range.start),
            )
        })
        .collect()
}

fn corpus() -> Option<Vec<(String, String)>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let manifest = std::fs::read_to_string(root.join("manifest.jsonl")).ok()?;
    let docs = manifest
        .lines()
        .filter_map(|line| {
            let entry: serde_json::Value = serde_json::from_str(line).ok()?;
            let path = entry["path"].as_str()?.to_string();
            let text = std::fs::read_to_string(root.join(&path)).ok()?;
            Some((path, text))
        })
        .collect();
    Some(docs)
}

/// On the real, edited reports of the shared corpus (skipped when it is absent): numbering
/// warnings are rare, and faults injected into them are found at their line.
#[test]
fn corpus_reports_are_mostly_clean_and_injected_faults_are_found() {
    let Some(docs) = corpus() else {
        eprintln!("../shared/corpus not found: skipped");
        return;
    };
    let numbering_rules = [
        "structure/numbering-gap",
        "structure/numbering-duplicate",
        "structure/numbering-order",
        "structure/numbering-start",
        "structure/level-skip",
    ];
    let clean = docs
        .iter()
        .filter(|(_, text)| {
            !issues(text)
                .iter()
                .any(|(rule, _)| numbering_rules.contains(rule))
        })
        .count();
    assert!(
        clean * 100 >= docs.len() * 85,
        "only {clean} of {} reports without numbering warnings",
        docs.len()
    );

    // Inject faults around the second level-1 heading of documents whose 一、 二、 三、 are
    // clean: a wrong marker, a deleted heading, a swapped number.
    let (mut tried, mut found) = (0, 0);
    for (path, text) in &docs {
        let lines: Vec<&str> = text.split('\n').collect();
        // The first 一、 二、 三、 in a row (table-of-contents lines are not headings), with no
        // other 一、 between them.
        let heading = |n: &str, from: usize| {
            (from..lines.len()).find(|&i| {
                let line = lines[i].trim_start_matches([' ', '　']);
                line.starts_with(n) && !outline::is_contents_line(line)
            })
        };
        let Some(one) = heading("一、", 0) else {
            continue;
        };
        let (Some(two), Some(three)) = (
            heading("二、", one),
            heading("二、", one).and_then(|two| heading("三、", two)),
        ) else {
            continue;
        };
        let restarts = heading("一、", one + 1).is_some_and(|again| again < three);
        let faulty = issues(text)
            .iter()
            .any(|(_, l)| *l == two + 1 || *l == three + 1);
        if restarts || faulty {
            continue;
        }
        let with = |edit: &dyn Fn(&mut Vec<String>)| {
            let mut changed: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            edit(&mut changed);
            changed.join("\n")
        };
        let wrong_marker = with(&|l| l[two] = l[two].replacen("二、", "二.", 1));
        let removed = with(&|l| l[two] = String::new());
        let swapped = with(&|l| {
            l[two] = l[two].replacen("二、", "三、", 1);
            l[three] = l[three].replacen("三、", "二、", 1);
        });
        let cases = [
            (wrong_marker, "structure/marker-form", two + 1),
            (removed, "structure/numbering-gap", three + 1),
            (swapped, "structure/numbering-order", two + 1),
        ];
        for (changed, rule, line) in cases {
            tried += 1;
            if issues(&changed).contains(&(rule, line)) {
                found += 1;
            } else {
                eprintln!("{path}: {rule} not found at line {line}");
            }
        }
    }
    eprintln!(
        "corpus: {clean} of {} reports without numbering warnings; {found} of {tried} injected faults found",
        docs.len()
    );
    assert!(tried >= 150, "only {tried} injections");
    assert!(
        found * 100 >= tried * 95,
        "found {found} of {tried} injected faults"
    );
}

/// Work stays linear on long and odd inputs: many siblings, many restarts, long enumerations.
#[test]
fn long_inputs_stay_fast() {
    let mut text = String::new();
    for i in 1..=20_000u32 {
        text.push_str(&format!("{}.第{i}项任务\n", i % 97 + 1));
        text.push_str("　　一是甲，一是乙；二是丙，四是丁。\n");
        if i % 5 == 0 {
            text.push_str("1.甲\n2.乙\n");
        }
    }
    text.push_str(&"一要，".repeat(20_000));
    let started = std::time::Instant::now();
    let found = all_issues(&text);
    assert!(!found.is_empty());
    assert!(
        started.elapsed().as_secs() < 10,
        "took {:?}",
        started.elapsed()
    );
}
