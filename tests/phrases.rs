//! Stock phrases end to end: findings, metrics and score in the report, user lists, the
//! quoted-phrase switch, and the rule registry.

use std::path::Path;

use predicates::prelude::*;
use shengao::report::Report;

mod common;
use common::{check_json, sample, shengao, write};

const DRAFT: &str = "　　同志们：\n　　下面，我讲几点意见。\n　　近年来，区委高度重视，扎实推进“放管服”改革，争当全省改革的排头兵。\n　　以上讲话，不当之处，敬请批评指正。\n";

fn phrase_findings(report: &Report) -> Vec<(String, String)> {
    report
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("phrase/"))
        .map(|f| (f.rule.clone(), f.text.clone()))
        .collect()
}

#[test]
fn text_output_names_category_and_advice() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "draft.txt", DRAFT);
    shengao().args(["check", &path]).assert().success().stdout(
        predicate::str::contains(":2:3: info[phrase/opening] 开场套语：")
            .and(predicate::str::contains("2 | 　　下面，我讲几点意见。"))
            .and(predicate::str::contains("空泛强调：可改为「重视」"))
            .and(predicate::str::contains("scores: phrases ")),
    );
    // Warnings fail the run only when asked.
    shengao()
        .args(["check", "--fail-on", "warning", &path])
        .assert()
        .code(1);
}

#[test]
fn json_report_carries_metrics_and_score() {
    let dir = tempfile::tempdir().unwrap();
    let report = check_json(&[&write(&dir, "draft.txt", DRAFT)]);
    assert_eq!(
        phrase_findings(&report),
        [
            (
                "phrase/opening".to_string(),
                "下面，我讲几点意见".to_string()
            ),
            ("phrase/intensifier".into(), "高度重视".into()),
            ("phrase/intensifier".into(), "扎实推进".into()),
            ("phrase/metaphor".into(), "排头兵".into()),
            ("phrase/closing".into(), "以上讲话".into()),
            ("phrase/humility".into(), "不当之处，敬请批评指正".into()),
        ]
    );
    let m = report.metrics.phrases.expect("metrics.phrases");
    assert_eq!(m.hits, 6);
    assert_eq!(m.by_category["intensifier"], 2);
    assert_eq!(m.by_category["marker"], 1); // 同志们
    assert_eq!(m.opening, ["下面，我讲几点意见"]);
    assert_eq!(m.closing, ["以上讲话", "不当之处，敬请批评指正"]);
    let score = &report.scores["phrases"];
    assert!(score.value < 50.0, "{score:?}");
    assert_eq!(score.parts.len(), 5);
}

#[test]
fn the_shipped_speech_shows_its_stock_phrases() {
    let report = check_json(&[&sample("jianghua-gao.txt")]);
    let texts: Vec<String> = phrase_findings(&report)
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    for want in [
        "下面，我讲几点意见",
        "狠抓落实",
        "压舱石",
        "出发点和落脚点",
        "认识到位、责任到位、措施到位",
        "高度重视",
        "推诿扯皮",
        "落到实处",
        "排头兵",
        "领头雁",
        "自觉性、主动性和坚定性",
        "作出新的更大贡献",
    ] {
        assert!(
            texts.iter().any(|t| t == want),
            "{want} not found in {texts:?}"
        );
    }
    // 在…的坚强领导下，在…的大力支持下，在…的共同努力下 is found as one template.
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("在市委、市政府的坚强领导下，在社会各界的大力支持下"))
    );
    // “最后一公里” is quoted: reported apart.
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.rule == "phrase/quoted" && f.text == "最后一公里")
    );
}

#[test]
fn the_shipped_statement_opens_and_closes_with_formulas() {
    let report = check_json(&[&sample("dianxing-fayan.txt")]);
    let m = report.metrics.phrases.unwrap();
    for want in ["根据会议安排", "不敢奢谈什么经验", "权当抛砖引玉"] {
        assert!(
            m.opening.iter().any(|t| t == want),
            "{want}: {:?}",
            m.opening
        );
    }
    // The sign-off is one closing formula, not a closing and a humility phrase.
    for want in ["以上发言不当之处，敬请批评指正", "谢谢大家"] {
        assert!(
            m.closing.iter().any(|t| t == want),
            "{want}: {:?}",
            m.closing
        );
    }
    // Three uses, one in the heading （三）扎实推进和美乡村建设, which is not counted.
    assert!(
        m.repeated
            .iter()
            .any(|r| r.phrase == "扎实推进" && r.count == 2),
        "{:?}",
        m.repeated
    );
}

#[test]
fn user_lists_add_and_allow_silences() {
    let dir = tempfile::tempdir().unwrap();
    let draft = write(
        &dir,
        "draft.txt",
        "　　我们坚持三个一批，争当排头兵，高度重视。\n",
    );
    let dict = write(
        &dir,
        "mine.tsv",
        "# our own\n三个一批\tslogan\twarning\t写明是哪三个一批\n高度重视\tintensifier\terror\t写明措施\n",
    );
    let allow = write(&dir, "allow.txt", "排头兵\n");
    let first = check_json(&["--dict", &dict, "--allow", &allow, &draft]);
    let got: Vec<(String, String, String)> = first
        .findings
        .iter()
        .map(|f| (f.rule.clone(), f.severity.to_string(), f.text.clone()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "phrase/slogan".to_string(),
                "warning".to_string(),
                "三个一批".to_string()
            ),
            (
                "phrase/intensifier".into(),
                "error".into(),
                "高度重视".into()
            ),
        ]
    );
    // A repeated flag adds another list.
    let more = write(&dir, "more.tsv", "争当\tcliche\tinfo\n");
    let second = check_json(&["--dict", &dict, "--dict", &more, &draft]);
    assert!(second.findings.iter().any(|f| f.text == "争当"));
}

#[test]
fn a_bad_list_is_a_usage_error_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let draft = write(&dir, "draft.txt", "高度重视。\n");
    let dict = write(
        &dir,
        "bad.tsv",
        "高度重视\tintensifier\twarning\n以…为\tslogan\tloud\n",
    );
    shengao()
        .args(["check", "--dict", &dict, &draft])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "bad.tsv:2: unknown severity `loud`",
        ));
    shengao()
        .args(["check", "--dict", "/no/such/list.tsv", &draft])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/no/such/list.tsv: no such file"));
}

#[test]
fn quoted_phrases_can_be_raised_or_turned_off() {
    let dir = tempfile::tempdir().unwrap();
    let draft = write(&dir, "draft.txt", "他们喊出“撸起袖子加油干”的口号。\n");
    let quoted = |args: &[&str]| -> Vec<String> {
        let mut all = args.to_vec();
        all.push(&draft);
        check_json(&all)
            .findings
            .iter()
            .filter(|f| f.rule == "phrase/quoted")
            .map(|f| f.severity.to_string())
            .collect()
    };
    assert_eq!(quoted(&[]), ["info"]);
    assert_eq!(quoted(&["--quoted-phrases", "warning"]), ["warning"]);
    assert!(quoted(&["--quoted-phrases", "off"]).is_empty());
    shengao()
        .args(["check", "--quoted-phrases", "loud", &draft])
        .assert()
        .code(2);
}

#[test]
fn rules_and_explain_know_the_area() {
    shengao().arg("rules").assert().success().stdout(
        predicate::str::contains("phrase/opening")
            .and(predicate::str::contains("phrase/slogan"))
            .and(predicate::str::contains("phrase/quoted")),
    );
    shengao()
        .args(["explain", "phrase"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("metrics.phrases")
                .and(predicate::str::contains("scores.phrases"))
                .and(predicate::str::contains("phrase/evasive")),
        );
    shengao()
        .args(["explain", "phrase/humility"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Example:"));
}

/// Acceptance on the shared corpus, when it is there: every report is measured, the scores
/// stay in range, and government work reports (dense in formulas) score below policy
/// documents on average.
#[test]
fn corpus_density_is_plausible() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !root.is_dir() {
        eprintln!("../shared/corpus not found: skipped");
        return;
    }
    let mean_score = |dir: &str| -> f64 {
        let mut paths: Vec<String> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .flatten()
            .map(|e| e.path().to_str().unwrap().to_string())
            .filter(|p| p.ends_with(".txt"))
            .collect();
        paths.sort();
        paths.truncate(20);
        let out = shengao()
            .args(["check", "--format", "json", "--fail-on", "never"])
            .args(&paths)
            .output()
            .unwrap();
        let reports: Vec<Report> = serde_json::from_slice(&out.stdout).unwrap();
        let scores: Vec<f64> = reports
            .iter()
            .map(|r| {
                assert!(r.metrics.phrases.is_some(), "{}", r.source.path);
                r.scores["phrases"].value
            })
            .collect();
        assert!(scores.iter().all(|s| (0.0..=100.0).contains(s)));
        scores.iter().sum::<f64>() / scores.len() as f64
    };
    let reports = mean_score("gwr_prov2026");
    let policies = mean_score("policy_docs");
    assert!(
        reports < policies,
        "reports {reports:.1} vs policies {policies:.1}"
    );
}

mod properties {
    use proptest::prelude::*;
    use shengao::analyze::{self, Analysis};
    use shengao::config::Config;
    use shengao::doc::Document;

    /// Text made of pieces of stock phrases, punctuation, quotes and line breaks, or anything.
    fn drafts() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "高度重视",
            "进一步",
            "加强",
            "好",
            "、",
            "，",
            ",",
            "。",
            "要",
            "以",
            "为抓手",
            "在",
            "上突出",
            "意识",
            "“",
            "”",
            "「",
            "」",
            "\"",
            "\n",
            "\r\n",
            "　",
            " ",
            "性",
            "化",
            "不当之处",
            "敬请批评指正",
            "下面",
            "我讲几点意见",
            "𠀀",
            "a",
            "新台阶",
            "一是",
        ]);
        prop_oneof![
            prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat()),
            any::<String>(),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Any text: no panic, findings on the text and in order, hits never overlapping,
        /// every number in range.
        #[test]
        fn any_text_gives_a_sane_analysis(text in drafts()) {
            let doc = Document::new(text.clone());
            let config = Config::default();
            let mut out = Analysis::default();
            analyze::phrases::analyze(&doc, &config, &mut out);
            let m = out.metrics.phrases.as_ref().unwrap();
            prop_assert!(m.density >= 0.0 && m.density.is_finite());
            prop_assert!((0.0..=1.0).contains(&m.sentence_share));
            let score = &out.scores["phrases"];
            prop_assert!((0.0..=100.0).contains(&score.value));
            let chars = text.chars().count() as u64;
            let mut end = 0;
            for f in out.findings.iter().filter(|f| f.rule != "phrase/repeated") {
                prop_assert!(f.span.start < f.span.end && f.span.end <= chars);
                prop_assert!(f.span.start >= end, "overlap at {}", f.span.start);
                end = f.span.end;
                let text_of_span: String = text
                    .chars()
                    .skip(f.span.start as usize)
                    .take((f.span.end - f.span.start) as usize)
                    .collect();
                prop_assert_eq!(&text_of_span, &f.text);
            }
        }
    }
}
