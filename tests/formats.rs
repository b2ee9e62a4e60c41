//! The review-tool formats, end to end: SARIF against the official schema, reviewdog's byte
//! columns, GitHub's escaping, the text format's underline and colour, JSON Lines.
//!
//! Findings come from the `input/` rules (a U+FFFD gives a warning with a span, a GB18030 file
//! an info notice, mixed line endings another); findings with suggestions are made through the
//! library, the way `batch` drives the emitters.

use std::path::Path;

use serde_json::Value;
use shengao::cli::Format;
use shengao::config::Config;
use shengao::doc::Document;
use shengao::emit::{self, Options};
use shengao::input::{self, Encoding};
use shengao::report::{Finding, Report};

mod common;
use common::shengao;

/// Line 2 mixes Han characters, a character outside the BMP (𠀀, 4 bytes in UTF-8) and a lost
/// character (�), the line ends mix CRLF and LF.
const DRAFT: &str = "第一行。\r\n汉字𠀀测试\u{FFFD}好。\n第三行，完。\n";

/// A folder with `docs/讲话 稿.txt` (DRAFT) and `gbk.txt` (GB18030).
fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    std::fs::write(dir.path().join("docs/讲话 稿.txt"), DRAFT).unwrap();
    let gbk = Encoding::Gb18030.encode("数据齐全。\n", false).unwrap();
    std::fs::write(dir.path().join("gbk.txt"), gbk).unwrap();
    dir
}

/// A configuration that keeps only the `input/` rules, so that the expected findings below
/// stay put whatever the other areas find in the fixtures.
const ONLY_INPUT: &str = "[rules]\nstructure = \"off\"\nphrase = \"off\"\nreadability = \"off\"\nredundancy = \"off\"\ntypography = \"off\"\nwording = \"off\"\n";

/// `--config FILE` arguments for [`ONLY_INPUT`], written into `dir`.
fn only_input(dir: &Path) -> [String; 2] {
    let path = dir.join("only-input.toml");
    std::fs::write(&path, ONLY_INPUT).unwrap();
    ["--config".to_string(), path.to_str().unwrap().to_string()]
}

/// Runs `check` in `dir` with `args` and only the `input/` rules; returns stdout (exit code
/// must be 0 or 1).
fn check_in(dir: &Path, args: &[&str]) -> String {
    let mut all = only_input(dir).to_vec();
    all.extend(args.iter().map(|a| a.to_string()));
    run_check(dir, &all)
}

/// Runs `check` in `dir` with `args`; returns stdout (exit code must be 0 or 1).
fn run_check(dir: &Path, args: &[String]) -> String {
    let out = shengao()
        .current_dir(dir)
        .arg("check")
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// A report of `text` (read as `path`) whose findings are replaced by `findings(doc)`.
fn report_with(
    path: &str,
    text: &str,
    findings: impl FnOnce(&Document) -> Vec<Finding>,
) -> (Report, String) {
    let input = input::from_bytes(path, text.as_bytes(), None).unwrap();
    let (mut report, text) = shengao::analyze::review_with_text(input, &Config::default());
    report.findings = findings(&Document::new(text.clone()));
    (report, text)
}

/// What an emitter writes for these reports.
fn render(format: Format, reports: &[(Report, String)]) -> String {
    let options = Options {
        inputs: reports.len(),
        color: false,
        base_dir: "/work/repo".into(),
    };
    let mut emitter = emit::emitter(format, &options);
    let mut out = Vec::new();
    for (report, text) in reports {
        emitter.report(&mut out, report, text).unwrap();
    }
    emitter.finish(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// Byte range of the first `needle` in `text`.
fn find(text: &str, needle: &str) -> std::ops::Range<usize> {
    let at = text.find(needle).expect("needle in text");
    at..at + needle.len()
}

/// A report with a replacement and a deletion suggested, on a line with 𠀀.
fn suggesting_report(path: &str) -> (Report, String) {
    let text = "𠀀年，进一步进一步推进。\n";
    report_with(path, text, |doc| {
        let rule = &shengao::input::REPLACEMENT_CHARACTER;
        vec![
            Finding::new(rule, doc, find(text, "，"), "逗号: 改, 用顿号 100%\n下一行")
                .with_suggestion("、"),
            Finding::new(rule, doc, 19..28, "重复").with_suggestion(""),
        ]
    })
}

// ---------- SARIF ----------

fn sarif_validator() -> Option<jsonschema::Validator> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/sarif-schema-2.1.0.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!(
            "skipping SARIF schema validation: {} is absent",
            path.display()
        );
        return None;
    };
    let schema: Value = serde_json::from_str(&text).unwrap();
    Some(
        jsonschema::draft4::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("the SARIF schema compiles"),
    )
}

fn assert_valid(validator: &jsonschema::Validator, log: &Value) {
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF is invalid:\n{}",
        errors.join("\n")
    );
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let dir = fixture();
    let out = check_in(
        dir.path(),
        &["--format", "sarif", "docs/讲话 稿.txt", "gbk.txt"],
    );
    let log: Value = serde_json::from_str(&out).unwrap();
    let (suggesting, stdin) = (suggesting_report("草稿.txt"), suggesting_report("-"));
    let made: Value = serde_json::from_str(&render(Format::Sarif, &[suggesting, stdin])).unwrap();
    let Some(validator) = sarif_validator() else {
        return;
    };
    assert_valid(&validator, &log);
    assert_valid(&validator, &made);
    // The validator does reject a broken log: lines start at 1.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(!validator.is_valid(&broken));
}

#[test]
fn sarif_records_inputs_that_could_not_be_reviewed() {
    let dir = fixture();
    let mut args = only_input(dir.path()).to_vec();
    args.extend(["--format", "sarif", "docs", "gbk.txt", "missing.txt"].map(String::from));
    let out = shengao()
        .current_dir(dir.path())
        .arg("check")
        .args(&args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    let said: Vec<(&str, &str, &str)> = notes
        .iter()
        .map(|n| {
            let uri = &n["locations"][0]["physicalLocation"]["artifactLocation"];
            assert_eq!(uri["uriBaseId"], "%SRCROOT%");
            (
                n["level"].as_str().unwrap(),
                uri["uri"].as_str().unwrap(),
                n["message"]["text"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(said.len(), 2, "{said:?}");
    assert_eq!((said[0].0, said[0].1), ("error", "docs"));
    assert!(said[0].2.starts_with("docs: is a directory"), "{said:?}");
    assert_eq!((said[1].0, said[1].1), ("error", "missing.txt"));
    assert_eq!(said[1].2, "missing.txt: no such file");
    // The readable input is still reviewed.
    assert_eq!(log["runs"][0]["artifacts"].as_array().unwrap().len(), 1);

    // A run where every input was read says so, with no notifications.
    let clean: Value =
        serde_json::from_str(&check_in(dir.path(), &["--format", "sarif", "gbk.txt"])).unwrap();
    let invocation = &clean["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], true);
    assert!(invocation.get("toolExecutionNotifications").is_none());
    if let Some(validator) = sarif_validator() {
        assert_valid(&validator, &log);
        assert_valid(&validator, &clean);
    }
}

#[test]
fn sarif_has_rules_stable_ids_regions_and_relative_uris() {
    let dir = fixture();
    let out = check_in(
        dir.path(),
        &["--format", "sarif", "docs/讲话 稿.txt", "gbk.txt"],
    );
    let log: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        base.starts_with("file:///") && base.ends_with('/'),
        "{base}"
    );

    // tool.driver.rules is the registry, each rule with its help text.
    let listed = shengao()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let registry: Vec<Value> = serde_json::from_slice(&listed.stdout).unwrap();
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), registry.len());
    for (rule, registered) in rules.iter().zip(&registry) {
        assert_eq!(rule["id"], registered["id"]);
        assert_eq!(rule["help"]["text"], registered["explanation"]);
        assert_eq!(rule["shortDescription"]["text"], registered["summary"]);
    }

    let results = run["results"].as_array().unwrap();
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
    let lost = results
        .iter()
        .find(|r| r["ruleId"] == "input/replacement-character")
        .expect("the lost character is reported");
    let location = &lost["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "docs/%E8%AE%B2%E8%AF%9D%20%E7%A8%BF.txt"
    );
    assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    // Columns count code points: 𠀀 is one, not two UTF-16 units.
    let line = DRAFT.lines().nth(1).unwrap();
    let column = line[..line.find('\u{FFFD}').unwrap()].chars().count() as u64 + 1;
    let region = &location["region"];
    assert_eq!(
        (
            &region["startLine"],
            &region["startColumn"],
            &region["endLine"],
            &region["endColumn"]
        ),
        (
            &Value::from(2),
            &Value::from(column),
            &Value::from(2),
            &Value::from(column + 1)
        )
    );
    assert_eq!(region["snippet"]["text"], "\u{FFFD}");
    let legacy = results
        .iter()
        .find(|r| r["ruleId"] == "input/legacy-encoding")
        .expect("the GB18030 file is noted");
    assert_eq!(legacy["level"], "note");
    let artifacts = run["artifacts"].as_array().unwrap();
    assert_eq!(artifacts[1]["encoding"], "GB18030");
}

#[test]
fn sarif_fixes_carry_the_suggestion() {
    let log: Value =
        serde_json::from_str(&render(Format::Sarif, &[suggesting_report("草稿.txt")])).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let replacement = &results[0]["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "、");
    assert_eq!(replacement["deletedRegion"]["startColumn"], 3);
    assert_eq!(replacement["deletedRegion"]["endColumn"], 4);
    let deletion = &results[1]["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(deletion["insertedContent"]["text"], "");
}

// ---------- reviewdog ----------

#[test]
fn rdjson_columns_count_utf8_bytes() {
    let dir = fixture();
    let line = DRAFT.lines().nth(1).unwrap();
    // Recomputed from the bytes: the offset of � in the line, 1-based.
    let start = line.find('\u{FFFD}').unwrap() as u64 + 1;
    assert_eq!(start, 17, "汉字 (6) + 𠀀 (4) + 测试 (6) bytes before �");
    let check = |d: &Value| {
        assert_eq!(d["location"]["path"], "docs/讲话 稿.txt");
        let range = &d["location"]["range"];
        assert_eq!(range["start"]["line"], 2);
        assert_eq!(range["start"]["column"], start);
        assert_eq!(range["end"]["line"], 2);
        assert_eq!(range["end"]["column"], start + 3);
        assert_eq!(d["severity"], "WARNING");
        assert_eq!(d["code"]["value"], "input/replacement-character");
    };
    let result: Value = serde_json::from_str(&check_in(
        dir.path(),
        &["--format", "rdjson", "docs/讲话 稿.txt"],
    ))
    .unwrap();
    assert_eq!(result["source"]["name"], "shengao");
    let diagnostics = result["diagnostics"].as_array().unwrap();
    check(
        diagnostics
            .iter()
            .find(|d| d["code"]["value"] == "input/replacement-character")
            .unwrap(),
    );
    // The mixed-ending notice sits on the first CR: after 第一行。, 12 bytes.
    let mixed = diagnostics
        .iter()
        .find(|d| d["code"]["value"] == "input/mixed-line-endings")
        .unwrap();
    assert_eq!(mixed["location"]["range"]["start"]["column"], 13);
    assert_eq!(mixed["severity"], "INFO");

    let lines = check_in(
        dir.path(),
        &["--format", "rdjsonl", "docs/讲话 稿.txt", "gbk.txt"],
    );
    let diagnostics: Vec<Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(diagnostics.len(), 3);
    check(&diagnostics[1]);
    assert_eq!(diagnostics[2]["location"]["path"], "gbk.txt");
    assert_eq!(diagnostics[2]["severity"], "INFO");
}

#[test]
fn rdjson_suggestions_replace_the_byte_range() {
    let out = render(
        Format::Rdjsonl,
        &[suggesting_report("/work/repo/a/草稿.txt")],
    );
    let diagnostics: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let first = &diagnostics[0];
    assert_eq!(first["location"]["path"], "a/草稿.txt");
    // 𠀀 (4 bytes) and 年 (3) come before the comma.
    assert_eq!(first["location"]["range"]["start"]["column"], 8);
    assert_eq!(first["location"]["range"]["end"]["column"], 11);
    assert_eq!(first["suggestions"][0]["text"], "、");
    assert_eq!(first["suggestions"][0]["range"], first["location"]["range"]);
    assert_eq!(diagnostics[1]["suggestions"][0]["text"], "");
}

// ---------- GitHub ----------

#[test]
fn github_annotations_escape_data_and_properties() {
    let out = render(
        Format::Github,
        &[suggesting_report("/work/repo/a,b:c%d.txt")],
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "one line per finding: {out}");
    assert_eq!(
        lines[0],
        "::warning file=a%2Cb%3Ac%25d.txt,line=1,col=3,endLine=1,endColumn=4,\
         title=shengao (input/replacement-character)::逗号: 改, 用顿号 100%25%0A下一行 (suggestion: 「、」)"
    );
    assert!(lines[1].starts_with("::warning file=a%2Cb%3Ac%25d.txt,line=1,col=7,"));
}

#[test]
fn github_annotations_from_check() {
    let dir = fixture();
    let out = check_in(
        dir.path(),
        &["--format", "github", "docs/讲话 稿.txt", "gbk.txt"],
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            "::notice file=docs/讲话 稿.txt,line=1,col=5,endLine=1,endColumn=5,title=shengao (input/mixed-line-endings)::文件混用了几种换行符（CRLF、LF、CR）",
            "::warning file=docs/讲话 稿.txt,line=2,col=6,endLine=2,endColumn=7,title=shengao (input/replacement-character)::替换字符「�」：写入文件之前这里已有字符丢失",
            "::notice file=gbk.txt,line=1,col=1,endLine=1,endColumn=1,title=shengao (input/legacy-encoding)::按 GB18030 解码；文稿宜存为 UTF-8",
        ]
    );
}

// ---------- text ----------

#[test]
fn text_underlines_the_span_under_wide_glyphs() {
    let dir = fixture();
    let out = check_in(dir.path(), &["docs/讲话 稿.txt", "gbk.txt"]);
    let lines: Vec<&str> = out.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("docs/讲话 稿.txt:2:6: warning[input/replacement-character] "))
        .expect("path:line:col: severity[rule] message");
    assert_eq!(lines[at + 1], "2 | 汉字𠀀测试\u{FFFD}好。");
    // 汉字𠀀测试 are five wide glyphs: ten columns before the caret.
    assert_eq!(lines[at + 2], format!("  | {}^", " ".repeat(10)));
    assert!(out.contains("docs/讲话 稿.txt: UTF-8 · 3 lines, 3 paragraphs"));
    assert!(out.contains("0 errors, 1 warning, 1 note\n"));
    assert!(out.contains("gbk.txt:1:1: info[input/legacy-encoding] 按 GB18030 解码"));
    assert!(
        out.ends_with("2 files: 0 errors, 1 warning, 2 notes\n"),
        "{out}"
    );
}

#[test]
fn no_colour_when_piped_or_with_no_color() {
    let dir = fixture();
    let piped = check_in(dir.path(), &["docs/讲话 稿.txt"]);
    assert!(!piped.contains('\x1b'));
    let out = shengao()
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .args(["check", "docs/讲话 稿.txt"])
        .output()
        .unwrap();
    assert!(!out.stdout.contains(&0x1b));
}

/// On a terminal (made with util-linux `script`, when it is there) the text is coloured,
/// unless NO_COLOR is set.
#[test]
fn colour_on_a_terminal_unless_no_color() {
    let dir = fixture();
    let bin = assert_cmd::cargo::cargo_bin("shengao");
    let on_terminal = |no_color: Option<&str>| {
        let mut cmd = std::process::Command::new("script");
        cmd.current_dir(dir.path())
            .args([
                "-qec",
                &format!("{} check --no-config gbk.txt", bin.display()),
                "/dev/null",
            ])
            .env_remove("NO_COLOR")
            .env("TERM", "xterm");
        if let Some(value) = no_color {
            cmd.env("NO_COLOR", value);
        }
        cmd.output().ok().filter(|o| o.status.success())
    };
    let Some(coloured) = on_terminal(None) else {
        println!("skipping: util-linux `script` is not available to make a terminal");
        return;
    };
    let coloured = String::from_utf8_lossy(&coloured.stdout);
    assert!(
        coloured.contains("\x1b[1;36minfo[input/legacy-encoding]\x1b[0m"),
        "{coloured:?}"
    );
    let plain = on_terminal(Some("1")).unwrap();
    assert!(!plain.stdout.contains(&0x1b), "{plain:?}");
}

// ---------- JSON Lines, standard input ----------

#[test]
fn jsonl_is_one_report_per_line() {
    let dir = fixture();
    let out = check_in(
        dir.path(),
        &["--format", "jsonl", "docs/讲话 稿.txt", "gbk.txt"],
    );
    let reports: Vec<Report> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[1].source.encoding, "GB18030");
}

#[test]
fn every_format_reads_standard_input() {
    for format in [
        "text", "json", "jsonl", "sarif", "rdjson", "rdjsonl", "github",
    ] {
        let out = shengao()
            .args(["check", "--no-config", "--format", format])
            .write_stdin(DRAFT)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{format}: {out:?}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(stdout.contains("replacement"), "{format}: {stdout}");
        if format == "github" {
            // No file to annotate: no location.
            assert!(stdout.starts_with("::notice title=shengao (input/mixed-line-endings)::"));
        }
        if !["text", "github"].contains(&format) {
            for chunk in if format.ends_with('l') {
                stdout.lines().collect()
            } else {
                vec![stdout.as_str()]
            } {
                serde_json::from_str::<Value>(chunk).unwrap();
            }
        }
    }
}

// ---------- acceptance on real reports ----------

/// On real reports from `../shared/corpus` (every 8th file of its manifest; skipped when the
/// corpus is absent): the SARIF log validates, and every finding's columns in SARIF (code
/// points) and rdjsonl (UTF-8 bytes) agree with the JSON report's, recomputed here from the
/// file's own lines.
#[test]
fn corpus_outputs_validate_and_columns_agree() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !corpus.join("manifest.jsonl").is_file() {
        println!("skipping: {} is absent", corpus.display());
        return;
    }
    check_columns_agree(&corpus, 8);
}

/// The same checks on a made-up corpus whose files have findings on lines with wide and
/// astral characters, CRLF and CR line ends, and a byte-order mark.
#[test]
fn columns_agree_on_a_made_up_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("a.txt", DRAFT.to_string()),
        (
            "b.txt",
            format!(
                "\u{FEFF}标题\r\n{}\u{FFFD}尾\r第三行\u{FFFD}",
                "𠀀汉".repeat(40)
            ),
        ),
        ("c.txt", "无误。\n".to_string()),
    ];
    let mut manifest = String::new();
    for (name, text) in &files {
        std::fs::write(dir.path().join(name), text).unwrap();
        manifest.push_str(&format!("{{\"path\": \"{name}\"}}\n"));
    }
    std::fs::write(dir.path().join("manifest.jsonl"), manifest).unwrap();
    // The five input/ findings at least, plus whatever the other areas find.
    assert!(check_columns_agree(dir.path(), 1) >= 5);
}

/// Checks every `step`th file of `corpus`'s manifest; returns the number of findings checked.
fn check_columns_agree(corpus: &Path, step: usize) -> usize {
    let manifest = std::fs::read_to_string(corpus.join("manifest.jsonl")).unwrap();
    let paths: Vec<String> = manifest
        .lines()
        .step_by(step)
        .map(|line| {
            let entry: Value = serde_json::from_str(line).unwrap();
            let path = corpus.join(entry["path"].as_str().unwrap());
            path.to_str().unwrap().to_string()
        })
        .collect();
    let args = |format: &str| {
        let mut args = vec![
            "--no-config".to_string(),
            "--fail-on".into(),
            "never".into(),
        ];
        args.extend(["--format".to_string(), format.to_string()]);
        args.extend(paths.iter().cloned());
        run_check(Path::new(env!("CARGO_MANIFEST_DIR")), &args)
    };
    let reports: Vec<Report> = serde_json::from_str(&args("json")).unwrap();
    let sarif: Value = serde_json::from_str(&args("sarif")).unwrap();
    let rdjsonl = args("rdjsonl");
    let diagnostics: Vec<Value> = rdjsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let findings: Vec<(&Report, &Finding)> = reports
        .iter()
        .flat_map(|r| r.findings.iter().map(move |f| (r, f)))
        .collect();
    assert_eq!(findings.len(), results.len());
    assert_eq!(findings.len(), diagnostics.len());
    println!(
        "{} files, {} findings checked",
        reports.len(),
        findings.len()
    );
    let mut lines_of = std::collections::HashMap::new();
    for (((report, f), result), diagnostic) in findings.iter().zip(results).zip(&diagnostics) {
        let lines = lines_of.entry(&report.source.path).or_insert_with(|| {
            let text = std::fs::read_to_string(&report.source.path).unwrap();
            split_lines(text.strip_prefix('\u{FEFF}').unwrap_or(&text))
        });
        let byte_column = |line: u64, column: u64| -> u64 {
            let line = &lines[line as usize - 1];
            let at = line
                .char_indices()
                .nth(column as usize - 1)
                .map_or(line.len(), |(i, _)| i);
            at as u64 + 1
        };
        let range = &diagnostic["location"]["range"];
        assert_eq!(range["start"]["line"], f.span.line);
        assert_eq!(
            range["start"]["column"],
            byte_column(f.span.line, f.span.column)
        );
        assert_eq!(range["end"]["line"], f.span.end_line);
        assert_eq!(
            range["end"]["column"],
            byte_column(f.span.end_line, f.span.end_column)
        );
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert_eq!(result["ruleId"], f.rule.as_str());
        assert_eq!(region["startColumn"], f.span.column);
        assert_eq!(region["endColumn"], f.span.end_column);
    }
    if let Some(validator) = sarif_validator() {
        assert_valid(&validator, &sarif);
    }
    findings.len()
}

/// Lines split at CRLF, LF and CR, breaks included at the end of each (so a column just past
/// the line's last char is still on it).
fn split_lines(text: &str) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        lines.last_mut().unwrap().push(c);
        if c == '\r' && chars.peek() == Some(&'\n') {
            lines.last_mut().unwrap().push(chars.next().unwrap());
        }
        if c == '\r' || c == '\n' {
            lines.push(String::new());
        }
    }
    lines
}
