//! `shengao.toml` end to end: discovery, precedence (defaults < file < flags), rules turned
//! off and re-graded, skipped files, error messages, and `shengao init`.

use predicates::prelude::*;
use shengao::input::Encoding;
use shengao::report::Report;

mod common;
use common::{shengao, write};

/// A lost character (warning) and mixed line endings (info).
const DAMAGED: &str = "数据丢失\u{FFFD}了。\r\n第二行。\n";

/// Exit code and the reports of `check --format json` (always an array: two paths or more
/// give one; a single path is wrapped here).
fn run(args: &[&str]) -> (i32, Vec<Report>) {
    let out = shengao()
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let code = out.status.code().unwrap();
    assert!(code <= 1, "{out:?}");
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let reports = match value {
        serde_json::Value::Array(_) => serde_json::from_value(value).unwrap(),
        one => vec![serde_json::from_value(one).unwrap()],
    };
    (code, reports)
}

fn rules_of(report: &Report) -> Vec<(&str, &str)> {
    report
        .findings
        .iter()
        .map(|f| (f.rule.as_str(), f.severity.as_str()))
        .collect()
}

#[test]
fn precedence_is_defaults_then_file_then_flags() {
    let dir = tempfile::tempdir().unwrap();
    let draft = write(dir.path(), "drafts/a.txt", DAMAGED);
    // Defaults: fail on errors only; a warning passes.
    assert_eq!(run(&["--no-config", &draft]).0, 0);
    // The file, found from the input's folder upward: fail on warnings.
    write(dir.path(), "shengao.toml", "fail-on = \"warning\"\n");
    assert_eq!(run(&[&draft]).0, 1);
    // The flag beats the file.
    assert_eq!(run(&["--fail-on", "error", &draft]).0, 0);
    // --no-config ignores the file; --config names another.
    assert_eq!(run(&["--no-config", &draft]).0, 0);
    let other = write(dir.path(), "other/strict.toml", "fail-on = \"info\"\n");
    let clean = write(
        dir.path(),
        "drafts/ok.gbk.txt",
        Encoding::Gb18030.encode("数据齐全。", false).unwrap(),
    );
    assert_eq!(
        run(&[&clean]).0,
        0,
        "an info notice does not fail at warning"
    );
    assert_eq!(run(&["--config", &other, &clean]).0, 1);
}

#[test]
fn the_nearest_file_applies_to_each_input() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "shengao.toml",
        "[rules]\n\"input/replacement-character\" = \"error\"\n",
    );
    write(
        dir.path(),
        "team/shengao.toml",
        "[rules]\ninput = \"off\"\n",
    );
    let outer = write(dir.path(), "a.txt", DAMAGED);
    let inner = write(dir.path(), "team/sub/b.txt", DAMAGED);
    let (code, reports) = run(&[&outer, &inner]);
    assert_eq!(code, 1, "the outer file makes the lost character an error");
    assert_eq!(
        rules_of(&reports[0]),
        [
            ("input/replacement-character", "error"),
            ("input/mixed-line-endings", "info"),
        ]
    );
    assert_eq!(rules_of(&reports[1]), []);
}

#[test]
fn rules_turn_off_by_id_or_area_and_change_severity() {
    let dir = tempfile::tempdir().unwrap();
    let draft = write(dir.path(), "a.txt", DAMAGED);
    let table = [
        (
            "",
            vec![
                ("input/replacement-character", "warning"),
                ("input/mixed-line-endings", "info"),
            ],
        ),
        (
            "\"input/mixed-line-endings\" = \"off\"",
            vec![("input/replacement-character", "warning")],
        ),
        ("input = \"off\"", vec![]),
        (
            "input = \"off\"\n\"input/mixed-line-endings\" = \"on\"",
            vec![("input/mixed-line-endings", "info")],
        ),
        (
            "input = \"error\"\n\"input/replacement-character\" = \"info\"",
            vec![
                ("input/replacement-character", "info"),
                ("input/mixed-line-endings", "error"),
            ],
        ),
    ];
    for (rules, expected) in table {
        let config = write(dir.path(), "shengao.toml", format!("[rules]\n{rules}\n"));
        let (_, reports) = run(&["--config", &config, &draft]);
        assert_eq!(rules_of(&reports[0]), expected, "{rules}");
    }
}

#[test]
fn skip_globs_leave_files_out() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "shengao.toml",
        "skip = [\"archive/**\", \"*.bak.txt\"]\n",
    );
    let kept = write(dir.path(), "drafts/a.txt", DAMAGED);
    let old = write(dir.path(), "archive/2023/b.txt", DAMAGED);
    let backup = write(dir.path(), "drafts/a.bak.txt", DAMAGED);
    let (_, reports) = run(&[&kept, &old, &backup]);
    let paths: Vec<&str> = reports.iter().map(|r| r.source.path.as_str()).collect();
    assert_eq!(paths, [kept.as_str()]);
}

#[test]
fn check_says_so_when_every_input_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "shengao.toml", "skip = [\"*.bak.txt\"]\n");
    let kept = write(dir.path(), "a.txt", DAMAGED);
    let backup = write(dir.path(), "a.bak.txt", DAMAGED);
    // Only skipped inputs: each is named on stderr, and nothing else is said.
    let out = shengao().args(["check", &backup]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("a.bak.txt: skipped") && stderr.contains("*.bak.txt"),
        "{stderr}"
    );
    // Beside a reviewed input, a skip stays quiet (a hook passes every file).
    let out = shengao().args(["check", &kept, &backup]).output().unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn encoding_from_the_file_and_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    // Valid UTF-8 that is also valid GB18030: the forced encoding decides.
    let draft = write(dir.path(), "a.txt", "数据");
    write(dir.path(), "shengao.toml", "encoding = \"gbk\"\n");
    assert_eq!(run(&[&draft]).1[0].source.encoding, "GB18030");
    assert_eq!(
        run(&["--encoding", "utf-8", &draft]).1[0].source.encoding,
        "UTF-8"
    );
}

#[test]
fn bad_files_are_errors_naming_the_file_the_place_and_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let draft = write(dir.path(), "a.txt", DAMAGED);
    let table = [
        (
            "fail-on = \"warning\"\ncolour = true\n",
            ":2:1: key `colour`: unknown field `colour`",
        ),
        (
            "fail-on = \"sometimes\"\n",
            ":1:11: key `fail-on`: unknown variant `sometimes`, expected one of",
        ),
        (
            "[rules]\n\"input/replacment-character\" = \"off\"\n",
            ":2:1: key `rules.\"input/replacment-character\"`: no rule or area",
        ),
        (
            "[rules]\n\"input/legacy-encoding\" = \"loud\"\n",
            ":2:27: key `rules.\"input/legacy-encoding\"`: unknown variant `loud`",
        ),
        ("skip = [\"[\"]\n", ":1:9: key `skip`: bad glob `[`"),
        ("[rules\n", ":1:7:"),
    ];
    for (text, expected) in table {
        let config = write(dir.path(), "shengao.toml", text);
        let out = shengao().args(["check", &draft]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{text}");
        assert!(out.stdout.is_empty(), "nothing is reviewed with a bad file");
        let stderr = String::from_utf8(out.stderr).unwrap();
        let want = format!("shengao: error: {config}{expected}");
        assert!(
            stderr.starts_with(&want),
            "{text}\n got: {stderr}\nwant: {want}"
        );
    }
    shengao()
        .args(["check", "--config", "/no/such/shengao.toml", &draft])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "/no/such/shengao.toml: cannot read the configuration file: no such file",
        ));
}

#[test]
fn a_bad_file_stops_check_batch_and_fix_with_one_line_and_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let draft = write(dir.path(), "a.txt", DAMAGED);
    let config = write(dir.path(), "shengao.toml", b"fail-on = \"\xff\"\n");
    // The message as the resolver names the file it found (a canonical path).
    let config = std::fs::canonicalize(config).unwrap();
    let want = format!(
        "shengao: error: {}: not UTF-8 (TOML files must be UTF-8)\n",
        config.display()
    );
    for command in ["check", "batch", "fix"] {
        shengao()
            .current_dir(dir.path())
            .args([command, &draft])
            .assert()
            .code(2)
            .stdout("")
            .stderr(want.clone());
    }
    assert_eq!(std::fs::read_to_string(&draft).unwrap(), DAMAGED);
}

#[test]
fn init_writes_a_default_that_parses_back_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().to_str().unwrap();
    shengao()
        .args(["init", folder])
        .assert()
        .success()
        .stdout(predicate::str::contains("shengao.toml"));
    let written = std::fs::read_to_string(dir.path().join("shengao.toml")).unwrap();
    assert!(written.contains("[rules]") && written.contains("\"input/legacy-encoding\""));
    // The written file changes nothing: same findings as with no file.
    let draft = write(dir.path(), "a.txt", DAMAGED);
    let with_file = run(&[&draft]);
    let without = run(&["--no-config", &draft]);
    assert_eq!(with_file.0, without.0);
    assert_eq!(rules_of(&with_file.1[0]), rules_of(&without.1[0]));
    // Uncommenting a rule line turns it into a setting.
    let edited: String = written
        .lines()
        .map(|line| {
            if line.starts_with("# \"input/mixed-line-endings\"") {
                "\"input/mixed-line-endings\" = \"off\"\n".to_string()
            } else {
                format!("{line}\n")
            }
        })
        .collect();
    assert_ne!(edited, written);
    std::fs::write(dir.path().join("shengao.toml"), edited).unwrap();
    assert_eq!(
        rules_of(&run(&[&draft]).1[0]),
        [("input/replacement-character", "warning")]
    );

    shengao().args(["init", folder]).assert().code(2).stderr(
        predicate::str::contains("already exists").and(predicate::str::contains("--force")),
    );
    shengao()
        .args(["init", "--force", folder])
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(dir.path().join("shengao.toml")).unwrap(),
        written
    );
}

#[test]
fn area_tables_set_thresholds_under_the_flags() {
    let dir = tempfile::tempdir().unwrap();
    let draft = write(
        dir.path(),
        "a.txt",
        "一二三四五六七八九十一二三四五六七八九十。\n",
    );
    let threshold = |args: &[&str]| {
        let (_, reports) = run(args);
        let readability = reports[0].metrics.readability.as_ref().unwrap();
        (
            readability.long_sentence_threshold,
            reports[0]
                .findings
                .iter()
                .filter(|f| f.rule == "readability/long-sentence")
                .count(),
        )
    };
    assert_eq!(threshold(&["--no-config", &draft]), (80, 0));
    write(
        dir.path(),
        "shengao.toml",
        "[readability]\nlong-sentence = 12\n\n[redundancy]\nmattr-window = 20\n\n[structure]\nbalance-ratio = 2.5\n",
    );
    assert_eq!(threshold(&[&draft]), (12, 1));
    assert_eq!(threshold(&["--long-sentence", "40", &draft]), (40, 0));
}

#[test]
fn area_table_errors_name_the_key_and_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let draft = write(dir.path(), "a.txt", "正文。\n");
    let config = write(
        dir.path(),
        "shengao.toml",
        "[readability]\nlong-sentense = 12\n",
    );
    shengao()
        .args(["check", &draft])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(&config))
        .stderr(predicate::str::contains("long-sentense"));
    write(
        dir.path(),
        "shengao.toml",
        "[redundancy]\nnear-duplicate = 1.5\n",
    );
    shengao()
        .args(["check", &draft])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "key `near-duplicate`: must be a similarity",
        ));
}

#[test]
fn the_phrases_table_adds_lists_relative_to_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let draft = write(dir.path(), "drafts/a.txt", "我们要大抓特抓落实。\n");
    let count = |args: &[&str]| {
        let (_, reports) = run(args);
        reports[0]
            .findings
            .iter()
            .filter(|f| f.text == "大抓特抓")
            .count()
    };
    assert_eq!(count(&["--no-config", &draft]), 0);
    write(
        dir.path(),
        "lists/team.tsv",
        "大抓特抓\tintensifier\twarning\t=抓\n",
    );
    write(
        dir.path(),
        "shengao.toml",
        "[phrases]\ndict = [\"lists/team.tsv\"]\n",
    );
    assert_eq!(count(&[&draft]), 1);
    write(
        dir.path(),
        "shengao.toml",
        "[phrases]\ndict = [\"lists/none.tsv\"]\n",
    );
    shengao()
        .args(["check", &draft])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("[phrases] key `dict`"))
        .stderr(predicate::str::contains("none.tsv"));
}
