//! `shengao batch` end to end: one record per input in sorted order, errors that do not stop
//! the run, exit codes, atomic `--output`, CSV, `--stdin-jsonl`, and the walk's rules.

use std::fs;
use std::path::Path;
use std::process::Stdio;

use predicates::prelude::*;
use serde_json::Value;
use shengao::batch::record::{Record, Summary};
use shengao::report::Report;

mod common;
use common::shengao;

const DRAFT: &str = "　　一、总体要求\n　　今年以来，我们坚持问题导向，扎实推进各项工作。\n";

fn put(root: &Path, rel: &str, bytes: &[u8]) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

/// Runs `batch` and reads every output line back into the record types (which deny unknown
/// keys); checks that the summary is last and only last.
fn run(args: &[&str], stdin: Option<&str>) -> (i32, Vec<Record>, Summary) {
    let mut cmd = shengao();
    cmd.arg("batch").args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (records, summary) = records(&out.stdout);
    (out.status.code().unwrap(), records, summary)
}

fn records(stdout: &[u8]) -> (Vec<Record>, Summary) {
    let text = std::str::from_utf8(stdout).unwrap();
    let mut records: Vec<Record> = text
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    let Some(Record::Summary(summary)) = records.pop() else {
        panic!("the last record is the summary: {text}")
    };
    assert!(records.iter().all(|r| !matches!(r, Record::Summary(_))));
    (records, *summary)
}

/// (path relative to `root`, "report" or the error) of each record.
fn outline(records: &[Record], root: &Path) -> Vec<(String, String)> {
    let rel = |p: &str| {
        Path::new(p).strip_prefix(root).map_or_else(
            |_| p.to_string(),
            |r| r.to_string_lossy().replace('\\', "/"),
        )
    };
    records
        .iter()
        .map(|r| match r {
            Record::Report(r) => (rel(&r.report.source.path), "report".to_string()),
            Record::Error(e) => (rel(&e.path), e.error.clone()),
            Record::Summary(_) => unreachable!(),
        })
        .collect()
}

fn paths(records: &[Record], root: &Path) -> Vec<String> {
    outline(records, root).into_iter().map(|(p, _)| p).collect()
}

fn dir_arg(dir: &tempfile::TempDir) -> String {
    dir.path().to_str().unwrap().to_string()
}

#[test]
fn records_follow_the_sorted_paths() {
    let dir = tempfile::tempdir().unwrap();
    for rel in [
        "z.txt",
        "a/2.txt",
        "a/10.txt",
        "a-b.txt",
        "a/b/c.md",
        "B.txt",
        "中文.txt",
    ] {
        put(dir.path(), rel, DRAFT.as_bytes());
    }
    let (code, records, summary) = run(&[&dir_arg(&dir)], None);
    assert_eq!(code, 0);
    assert_eq!(
        paths(&records, dir.path()),
        [
            "B.txt",
            "a/10.txt",
            "a/2.txt",
            "a/b/c.md",
            "a-b.txt",
            "z.txt",
            "中文.txt"
        ]
    );
    assert_eq!(
        (summary.documents, summary.reports, summary.errors),
        (7, 7, 0)
    );
    assert_eq!(summary.bytes, 7 * DRAFT.len() as u64);
}

#[test]
fn order_and_content_are_the_same_for_any_number_of_jobs() {
    let dir = tempfile::tempdir().unwrap();
    // Sizes vary a hundredfold, so documents finish out of order on several threads.
    for i in 0..150 {
        let repeat = if i % 7 == 0 { 100 } else { 1 + i % 3 };
        put(
            dir.path(),
            &format!("d{}/{i:03}.txt", i % 4),
            DRAFT.repeat(repeat).as_bytes(),
        );
    }
    put(dir.path(), "d1/bad.txt", b"\x00\x01binary");
    let mut outputs = Vec::new();
    for jobs in ["1", "2", "4"] {
        let out = shengao()
            .args(["batch", "--jobs", jobs, &dir_arg(&dir)])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let text = String::from_utf8(out.stdout).unwrap();
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        assert_eq!(lines.len(), 152, "151 inputs and the summary");
        outputs.push(lines[..151].to_vec());
    }
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[0], outputs[2]);
}

#[test]
fn a_bad_input_is_an_error_record_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    put(root, "1-good.txt", DRAFT.as_bytes());
    put(root, "2-binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00");
    put(root, "3-empty.txt", b"");
    put(
        root,
        "4-junk.txt",
        &(0..64u8)
            .map(|i| 0x80 | i.wrapping_mul(7))
            .collect::<Vec<_>>(),
    );
    put(root, "5-good.md", DRAFT.as_bytes());
    #[cfg(unix)]
    std::os::unix::fs::symlink(root.join("nowhere.txt"), root.join("6-dangling.txt")).unwrap();
    // Unreadable, unless the tests run as root (who reads it anyway).
    put(root, "7-locked.txt", DRAFT.as_bytes());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = root.join("7-locked.txt");
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    }
    let locked_readable = fs::read(root.join("7-locked.txt")).is_ok();
    let missing = root.join("0-missing.txt");
    let (code, records, summary) = run(&[missing.to_str().unwrap(), &dir_arg(&dir)], None);
    assert_eq!(code, 2);
    let got = outline(&records, root);
    let mut expected = vec![
        ("0-missing.txt", "no such file"),
        ("1-good.txt", "report"),
        ("2-binary.txt", "binary file (contains NUL bytes)"),
        ("3-empty.txt", "report"),
        ("4-junk.txt", "not text"),
        ("5-good.md", "report"),
    ];
    if cfg!(unix) {
        expected.push(("6-dangling.txt", "no such file"));
    }
    expected.push((
        "7-locked.txt",
        if locked_readable {
            "report"
        } else {
            "permission denied"
        },
    ));
    let reports = if locked_readable { 4 } else { 3 };
    assert_eq!(got.len(), expected.len(), "{got:?}");
    for ((path, what), (want_path, want)) in got.iter().zip(&expected) {
        assert_eq!(path, want_path);
        assert!(what.starts_with(want), "{path}: {what}");
    }
    assert_eq!(summary.documents, expected.len() as u64);
    assert_eq!(summary.reports, reports);
    assert_eq!(summary.errors, expected.len() as u64 - reports);
}

#[test]
fn exit_codes_follow_fail_on_and_errors_win() {
    let dir = tempfile::tempdir().unwrap();
    // U+FFFD is a warning.
    put(dir.path(), "a.txt", "数据丢失\u{FFFD}了。".as_bytes());
    let code = |args: &[&str]| {
        shengao()
            .arg("batch")
            .args(args)
            .arg(dir.path())
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(code(&[]), Some(0));
    assert_eq!(code(&["--fail-on", "warning"]), Some(1));
    assert_eq!(code(&["--fail-on", "never"]), Some(0));
    put(dir.path(), "b.txt", b"\x00");
    assert_eq!(code(&["--fail-on", "warning"]), Some(2));
    shengao()
        .args(["batch", "--jobs", "0", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--jobs"));
}

#[test]
fn the_summary_counts_findings_and_failing_documents() {
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), "a.txt", "坏\u{FFFD}字\u{FFFD}。".as_bytes());
    put(dir.path(), "b.txt", DRAFT.as_bytes());
    let (code, _, summary) = run(&["--fail-on", "warning", &dir_arg(&dir)], None);
    assert_eq!(code, 1);
    assert_eq!(summary.failing, 1);
    assert_eq!(summary.findings.warning, 2);
    assert_eq!(summary.findings_by_rule["input/replacement-character"], 2);
    assert!(summary.seconds > 0.0 && summary.mb_per_second >= 0.0);
    let value = serde_json::to_value(&summary).unwrap();
    for key in [
        "documents",
        "errors",
        "bytes",
        "seconds",
        "scores",
        "stock_phrases",
        "worst",
    ] {
        assert!(value.get(key).is_some(), "summary lacks {key}");
    }
}

/// Every score statistic in the summary, and every worst document's value, is written with two
/// decimals at most (as the CSV writes scores), not 44.32471438516472.
#[test]
fn summary_scores_carry_two_decimals_at_most() {
    let out = shengao()
        .args(["batch", "--fail-on", "never"])
        .args(
            [
                "dianxing-fayan.txt",
                "gongzuo-zongjie.txt",
                "jianghua-gao.txt",
            ]
            .map(common::sample),
        )
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    let summary: Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
    let mut numbers = Vec::new();
    for (_, d) in summary["scores"].as_object().unwrap() {
        for key in ["mean", "min", "p10", "median", "p90", "max"] {
            numbers.push(d[key].to_string());
        }
    }
    for (_, worst) in summary["worst"].as_object().unwrap() {
        for ranked in worst.as_array().unwrap() {
            numbers.push(ranked["value"].to_string());
        }
    }
    assert!(numbers.len() >= 4 * 9, "{summary}");
    for number in numbers {
        let decimals = number.split_once('.').map_or(0, |(_, d)| d.len());
        assert!(decimals <= 2, "{number} in {summary}");
    }
}

#[test]
fn output_is_written_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    for i in 0..150 {
        put(&inputs, &format!("{i:03}.txt"), DRAFT.repeat(20).as_bytes());
    }
    let out_dir = dir.path().join("out");
    fs::create_dir(&out_dir).unwrap();
    let target = out_dir.join("reports.jsonl");
    fs::write(&target, "old\n").unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("shengao"))
        .args(["batch", "--jobs", "2", "--output"])
        .arg(&target)
        .arg(&inputs)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let whole = |text: &str| {
        let (records, summary) = records(text.as_bytes());
        records.len() == 150 && summary.documents == 150
    };
    // While the run goes on, the file is always the old one or the whole new one.
    let mut reads = 0;
    let status = loop {
        let text = fs::read_to_string(&target).unwrap();
        assert!(text == "old\n" || whole(&text), "a partial file was seen");
        reads += 1;
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
    };
    assert!(status.success());
    assert!(reads > 1);
    assert!(whole(&fs::read_to_string(&target).unwrap()));
    let left: Vec<_> = fs::read_dir(&out_dir).unwrap().collect();
    assert_eq!(left.len(), 1, "no temporary file is left behind");
}

#[test]
fn output_into_a_missing_folder_fails_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), "a.txt", DRAFT.as_bytes());
    let target = dir.path().join("no/such/out.jsonl");
    shengao()
        .args([
            "batch",
            "--output",
            target.to_str().unwrap(),
            &dir_arg(&dir),
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("no/such"));
}

#[test]
fn csv_has_a_stable_header_and_one_row_per_input() {
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), "a.txt", DRAFT.as_bytes());
    put(dir.path(), "b,c.txt", "坏\u{FFFD}。".as_bytes());
    put(dir.path(), "d.txt", b"\x00");
    let out = shengao()
        .args(["batch", "--format", "csv", &dir_arg(&dir)])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = text.split_terminator("\r\n").collect();
    assert_eq!(
        rows[0],
        "path,id,status,error,encoding,bytes,chars,lines,paragraphs,sentences,clauses,tokens,\
         han_chars,findings_error,findings_warning,findings_info,score_structure,score_phrases,\
         score_readability,score_redundancy"
    );
    assert_eq!(rows.len(), 4, "{text}");
    let root = dir_arg(&dir);
    assert!(rows[1].starts_with(&format!("{root}/a.txt,,report,,UTF-8,{},", DRAFT.len())));
    assert!(rows[2].starts_with(&format!("\"{root}/b,c.txt\",,report,,UTF-8,")));
    assert!(rows[2].contains(",0,1,0,"), "one warning: {}", rows[2]);
    assert!(rows[3].starts_with(&format!("{root}/d.txt,,error,binary file")));
    // Every row has every column (no field here holds a quoted comma but b,c.txt's path).
    let width = rows[0].split(',').count();
    for row in &rows[1..] {
        assert_eq!(row.replace("b,c", "bc").split(',').count(), width, "{row}");
    }
}

/// A record's id as a JSON value.
fn value(id: &Option<shengao::batch::record::Id>) -> Option<Value> {
    id.as_ref()
        .map(|id| serde_json::from_str(id.json()).expect("an id is JSON"))
}

#[test]
fn stdin_jsonl_gives_one_record_per_line_with_its_id() {
    let text = serde_json::to_string(DRAFT).unwrap();
    let input = format!(
        "{{\"id\": \"doc-1\", \"text\": {text}}}\n\
         {{\"id\": 2, \"text\": \"坏\u{FFFD}。\", \"lang\": \"zh\"}}\n\
         not json\n\
         {{\"id\": {{\"k\": [1]}}, \"text\": \"\"}}\n\
         {{\"id\": \"no-text\"}}\n\
         {{\"text\": \"无编号。\"}}\r\n\
         \n\
         {{\"id\": \"last\", \"text\": \"末行。\"}}"
    );
    let (code, records, summary) = run(&["--stdin-jsonl"], Some(&input));
    assert_eq!(code, 2);
    let got: Vec<(String, Option<Value>, bool)> = records
        .iter()
        .map(|r| match r {
            Record::Report(r) => (r.report.source.path.clone(), value(&r.id), true),
            Record::Error(e) => (e.path.clone(), value(&e.id), false),
            Record::Summary(_) => unreachable!(),
        })
        .collect();
    let expected = [
        ("-:1", Some(Value::from("doc-1")), true),
        ("-:2", Some(Value::from(2)), true),
        ("-:3", Some(Value::Null), false),
        ("-:4", Some(serde_json::json!({"k": [1]})), true),
        ("-:5", Some(Value::from("no-text")), false),
        ("-:6", Some(Value::Null), true),
        ("-:7", Some(Value::Null), false),
        ("-:8", Some(Value::from("last")), true),
    ];
    let expected: Vec<(String, Option<Value>, bool)> = expected
        .into_iter()
        .map(|(p, id, ok)| (p.to_string(), id, ok))
        .collect();
    assert_eq!(got, expected);
    assert_eq!((summary.documents, summary.errors), (8, 3));
    let Record::Report(first) = &records[0] else {
        unreachable!()
    };
    assert_eq!(first.report.stats.paragraphs, 2);
}

#[test]
fn stdin_jsonl_lines_stream_through_in_order() {
    let lines: String = (0..200)
        .map(|i| {
            format!(
                "{{\"id\": {i}, \"text\": \"第{i}段。{}\"}}\n",
                "内容".repeat(i % 50)
            )
        })
        .collect();
    let (code, records, _) = run(&["--stdin-jsonl", "--jobs", "2"], Some(&lines));
    assert_eq!(code, 0);
    let ids: Vec<Value> = records
        .iter()
        .map(|r| match r {
            Record::Report(r) => value(&r.id).unwrap(),
            _ => panic!("{r:?}"),
        })
        .collect();
    assert_eq!(ids, (0..200).map(Value::from).collect::<Vec<_>>());
}

#[test]
fn stdin_jsonl_csv_carries_the_id() {
    let out = shengao()
        .args(["batch", "--stdin-jsonl", "--format", "csv"])
        .write_stdin("{\"id\": \"a,1\", \"text\": \"文字。\"}\n{\"id\": 7}\n")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = text.split_terminator("\r\n").collect();
    assert!(
        rows[1].starts_with("-:1,\"a,1\",report,,UTF-8,9,3,1,"),
        "{}",
        rows[1]
    );
    assert!(
        rows[2].starts_with("-:2,7,error,\"the line has no string \"\"text\"\"\","),
        "{}",
        rows[2]
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_end_and_each_file_is_read_once() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    put(root, "a/doc.txt", DRAFT.as_bytes());
    put(root, "a/b/deep.txt", DRAFT.as_bytes());
    symlink(root.join("a"), root.join("a/b/back")).unwrap();
    symlink(root, root.join("a/top")).unwrap();
    symlink(root.join("a/b"), root.join("z-alias")).unwrap();
    let (code, records, _) = run(&[&dir_arg(&dir)], None);
    assert_eq!(code, 0);
    assert_eq!(paths(&records, root), ["a/b/deep.txt", "a/doc.txt"]);
}

#[test]
fn hidden_files_are_skipped_unless_named() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    put(root, "a.txt", DRAFT.as_bytes());
    put(root, ".b.txt", DRAFT.as_bytes());
    put(root, ".git/c.txt", DRAFT.as_bytes());
    put(root, "d/.e.txt", DRAFT.as_bytes());
    let (_, records, _) = run(&[&dir_arg(&dir)], None);
    assert_eq!(paths(&records, root), ["a.txt"]);
    let named = root.join(".b.txt");
    let (_, records, _) = run(&[&dir_arg(&dir), named.to_str().unwrap()], None);
    assert_eq!(paths(&records, root), [".b.txt", "a.txt"]);
}

#[test]
fn ext_filters_files_in_folders_only() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for rel in ["a.txt", "b.MD", "c.docx.bak", "d.text", "e"] {
        put(root, rel, DRAFT.as_bytes());
    }
    let ext = |list: &str| paths(&run(&["--ext", list, &dir_arg(&dir)], None).1, root);
    assert_eq!(ext("txt,md"), ["a.txt", "b.MD"]);
    assert_eq!(ext("text"), ["d.text"]);
    assert_eq!(ext("*"), ["a.txt", "b.MD", "c.docx.bak", "d.text", "e"]);
    // A file named on the command line is read whatever its extension.
    let named = root.join("e");
    let (_, records, _) = run(&["--ext", "txt", named.to_str().unwrap()], None);
    assert_eq!(paths(&records, root), ["e"]);
}

#[test]
fn reports_are_those_of_check() {
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), "a.txt", DRAFT.as_bytes());
    let path = dir.path().join("a.txt");
    let out = shengao()
        .args(["check", "--format", "json", path.to_str().unwrap()])
        .output()
        .unwrap();
    let check: Report = serde_json::from_slice(&out.stdout).unwrap();
    let (_, records, _) = run(&[path.to_str().unwrap()], None);
    let Record::Report(batch) = &records[0] else {
        panic!()
    };
    assert_eq!(batch.id, None);
    assert_eq!(batch.report, check);
}

#[test]
fn nothing_on_stderr_without_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), "a.txt", DRAFT.as_bytes());
    put(dir.path(), "b.txt", b"\x00");
    shengao()
        .args(["batch", &dir_arg(&dir)])
        .assert()
        .code(2)
        .stderr("");
}

/// Runs `command` in a pseudo-terminal with `script`, giving what the terminal showed; `None`
/// when `script` is not installed.
#[cfg(unix)]
fn in_terminal(command: &str) -> Option<String> {
    let out = std::process::Command::new("script")
        .args(["-qec", command, "/dev/null"])
        .stdin(Stdio::null())
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[cfg(unix)]
#[test]
fn a_terminal_gets_the_progress_line_unless_quiet() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..5 {
        put(dir.path(), &format!("{i}.txt"), DRAFT.as_bytes());
    }
    let bin = assert_cmd::cargo::cargo_bin("shengao");
    let out = dir.path().join("out.jsonl");
    let command = |quiet: &str| {
        format!(
            "{} batch {quiet} --output {} {}",
            bin.display(),
            out.display(),
            dir.path().join("?.txt").display()
        )
    };
    let Some(shown) = in_terminal(&command("")) else {
        eprintln!("`script` is not installed: skipped");
        return;
    };
    assert!(
        shown.contains("shengao: 5 documents, 0 errors"),
        "{shown:?}"
    );
    let quiet = in_terminal(&command("--quiet")).unwrap();
    assert!(!quiet.contains("shengao:"), "{quiet:?}");
    assert_eq!(fs::read_to_string(&out).unwrap().lines().count(), 6);
}

#[test]
fn check_points_a_folder_to_batch() {
    let dir = tempfile::tempdir().unwrap();
    shengao()
        .args(["check", &dir_arg(&dir)])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("use `shengao batch"));
}

#[test]
fn the_check_formats_cover_the_whole_archive() {
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), "a.txt", DRAFT.as_bytes());
    put(dir.path(), "b.txt", "　　己经完成了。\n".as_bytes());
    put(dir.path(), "c.txt", b"\x00\x01binary");
    let (_, records, _) = run(&["--no-config", &dir_arg(&dir)], None);
    let findings: usize = records
        .iter()
        .map(|r| match r {
            Record::Report(r) => r.report.findings.len(),
            _ => 0,
        })
        .sum();
    assert!(findings > 0);
    let out = shengao()
        .args(["batch", "--no-config", "--format", "sarif", &dir_arg(&dir)])
        .output()
        .unwrap();
    // The binary file is named on stderr; the log holds every finding of the others.
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("c.txt: binary file"));
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        sarif["runs"][0]["results"].as_array().unwrap().len(),
        findings
    );
    // … and names the binary file among the run's notifications.
    let invocation = &sarif["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0]["message"]["text"]
            .as_str()
            .unwrap()
            .ends_with("c.txt: binary file (contains NUL bytes)"),
        "{notes:?}"
    );
    let github = shengao()
        .args(["batch", "--no-config", "--format", "github", &dir_arg(&dir)])
        .output()
        .unwrap();
    let github = String::from_utf8(github.stdout).unwrap();
    assert_eq!(github.lines().count(), findings);
    assert!(github.contains("wording/misspelling"), "{github}");
}

#[test]
fn shengao_toml_applies_to_batch_inputs() {
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), "keep/a.txt", "　　己经完成了。\n".as_bytes());
    put(dir.path(), "old/b.txt", "　　己经完成了。\n".as_bytes());
    put(
        dir.path(),
        "shengao.toml",
        b"skip = [\"old/**\"]\n[rules]\n\"wording\" = \"off\"\n",
    );
    let (code, records, summary) = run(&[&dir_arg(&dir)], None);
    assert_eq!(code, 0);
    assert_eq!(paths(&records, dir.path()), ["keep/a.txt"]);
    let Record::Report(r) = &records[0] else {
        panic!("a report")
    };
    assert!(
        r.report
            .findings
            .iter()
            .all(|f| !f.rule.starts_with("wording/"))
    );
    assert_eq!(summary.documents, 1);
}

#[test]
fn finding_no_file_is_said_on_stderr_and_is_no_error() {
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), "a.txt", DRAFT.as_bytes());
    let out = shengao()
        .args(["batch", "--ext", "xyz", &dir_arg(&dir)])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no file under") && stderr.contains(".xyz (--ext)"),
        "{stderr}"
    );
    let (records, summary) = records(&out.stdout);
    assert!(records.is_empty());
    assert_eq!(summary.documents, 0);
}
