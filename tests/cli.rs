//! The `check`, `rules` and `explain` commands, end to end, on every kind of input.

use predicates::prelude::*;
use shengao::input::Encoding;
use shengao::report::Report;

mod common;
use common::{shengao, write};

const DRAFT: &str = "　　关于做好年度工作的几点意见\n　　一、总体要求\n　　今年以来，我们坚持问题导向，扎实推进各项工作。他问：“今年增长3.5%了吗？”我说：“还没有……”\n";

fn json_report(args: &[&str], stdin: Option<Vec<u8>>) -> Report {
    let mut cmd = shengao();
    cmd.args(["check", "--format", "json"]).args(args);
    if let Some(bytes) = stdin {
        cmd.write_stdin(bytes);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
    serde_json::from_slice(&out.stdout).expect("check --format json prints one report")
}

#[test]
fn every_encoding_gives_the_same_model() {
    let dir = tempfile::tempdir().unwrap();
    let utf8 = json_report(&[&write(&dir, "a.txt", DRAFT.as_bytes())], None);
    assert_eq!(utf8.source.encoding, "UTF-8");
    assert_eq!(utf8.stats.paragraphs, 3);
    assert_eq!(utf8.stats.sentences, 5);
    let cases = [
        ("bom.txt", Encoding::Utf8, true, "UTF-8"),
        ("le.txt", Encoding::Utf16Le, true, "UTF-16LE"),
        ("be.txt", Encoding::Utf16Be, true, "UTF-16BE"),
        ("gbk.txt", Encoding::Gb18030, false, "GB18030"),
    ];
    for (name, encoding, bom, expected) in cases {
        let bytes = encoding.encode(DRAFT, bom).unwrap();
        let report = json_report(&[&write(&dir, name, &bytes)], None);
        assert_eq!(report.source.encoding, expected, "{name}");
        assert_eq!(report.source.bytes, bytes.len() as u64, "{name}");
        assert_eq!(report.stats, utf8.stats, "{name}");
        assert_eq!(report.source.chars, utf8.source.chars, "{name}");
        let legacy = report
            .findings
            .iter()
            .any(|f| f.rule == "input/legacy-encoding");
        assert_eq!(legacy, expected != "UTF-8", "{name}");
    }
}

#[test]
fn forced_encoding_overrides_detection() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        &dir,
        "gbk.txt",
        Encoding::Gb18030.encode(DRAFT, false).unwrap(),
    );
    let report = json_report(&["--encoding", "gbk", &path], None);
    assert_eq!(report.source.encoding, "GB18030");
    shengao()
        .args(["check", "--encoding", "utf-8", &path])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not valid UTF-8"));
    shengao()
        .args(["check", "--encoding", "klingon", &path])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown encoding"));
}

#[test]
fn crlf_and_cr_line_endings_keep_line_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let lf = json_report(&[&write(&dir, "lf.txt", DRAFT.as_bytes())], None);
    for (name, ending) in [("crlf.txt", "\r\n"), ("cr.txt", "\r")] {
        let text = DRAFT.replace('\n', ending);
        let report = json_report(&[&write(&dir, name, text.as_bytes())], None);
        assert_eq!(report.stats, lf.stats, "{name}");
        assert_eq!(report.source.lines, 3, "{name}");
        assert_eq!(
            report.source.line_endings,
            if ending == "\r" { "CR" } else { "CRLF" }
        );
    }
    let mixed = json_report(
        &[&write(
            &dir,
            "mixed.txt",
            "第一行。\r\n第二行。\n".as_bytes(),
        )],
        None,
    );
    let finding = mixed
        .findings
        .iter()
        .find(|f| f.rule == "input/mixed-line-endings")
        .expect("mixed endings are noted");
    assert_eq!((finding.span.line, finding.span.column), (1, 5));
}

#[test]
fn stdin_is_read_without_a_path_or_with_dash() {
    for args in [&[][..], &["-"][..]] {
        let report = json_report(args, Some(DRAFT.as_bytes().to_vec()));
        assert_eq!(report.source.path, "-");
        assert_eq!(report.stats.sentences, 5);
    }
}

#[test]
fn empty_file_gives_a_valid_empty_report() {
    let dir = tempfile::tempdir().unwrap();
    let report = json_report(&[&write(&dir, "empty.txt", b"")], None);
    assert_eq!(report.stats, Default::default());
    assert_eq!((report.source.bytes, report.source.lines), (0, 0));
    // One note says why, and nothing is scored: 100 for nothing would mislead.
    let rules: Vec<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(rules, ["input/no-chinese-text"]);
    assert!(report.scores.is_empty());
    // A draft with Chinese text is scored and gets no such note.
    let draft = json_report(&[&write(&dir, "draft.txt", DRAFT.as_bytes())], None);
    assert!(!draft.scores.is_empty());
    assert!(
        draft
            .findings
            .iter()
            .all(|f| f.rule != "input/no-chinese-text")
    );
}

#[test]
fn binary_input_is_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    let out = shengao().args(["check", &path]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains(&path) && stderr.contains("binary file"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn undecodable_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let junk: Vec<u8> = (0..64u8).map(|i| 0x80 | i.wrapping_mul(7)).collect();
    let path = write(&dir, "junk.txt", &junk);
    shengao()
        .args(["check", &path])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{path}: not text")));
}

#[test]
fn a_directory_is_an_error_that_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_str().unwrap();
    shengao()
        .args(["check", path])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{path}: is a directory")));
}

#[test]
fn a_missing_file_is_reported_and_the_others_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(&dir, "good.txt", DRAFT.as_bytes());
    let out = shengao()
        .args(["check", "--format", "json", "/no/such/draft.txt", &good])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr.trim(),
        "shengao: error: /no/such/draft.txt: no such file"
    );
    let reports: Vec<Report> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].source.path, good);
}

#[test]
fn fail_on_sets_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    // A replacement character is a warning; decoding GB18030 adds an info notice.
    let text = "数据丢失\u{FFFD}了。";
    let utf8 = write(&dir, "u.txt", text.as_bytes());
    let gbk = write(&dir, "g.txt", "数据齐全。".as_bytes());
    std::fs::write(&gbk, Encoding::Gb18030.encode("数据齐全。", false).unwrap()).unwrap();
    let code = |level: &str, path: &str| {
        shengao()
            .args(["check", "--fail-on", level, path])
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(code("error", &utf8), Some(0));
    assert_eq!(code("warning", &utf8), Some(1));
    assert_eq!(code("never", &utf8), Some(0));
    assert_eq!(code("warning", &gbk), Some(0));
    assert_eq!(code("info", &gbk), Some(1));
}

#[test]
fn text_format_names_path_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "t.txt", "第一行。\n坏字\u{FFFD}。\n".as_bytes());
    shengao()
        .args(["check", &path])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(format!(
            "{path}:2:3: warning[input/replacement-character]"
        )))
        .stdout(predicate::str::contains("2 paragraphs, 2 sentences"));
}

#[test]
fn rules_lists_the_registry_as_text_and_json() {
    shengao()
        .arg("rules")
        .assert()
        .success()
        .stdout(predicate::str::contains("input/legacy-encoding"));
    let out = shengao()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let rules: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(rules.len() >= 3);
    for rule in &rules {
        for key in ["id", "severity", "summary", "explanation"] {
            assert!(rule.get(key).is_some(), "{rule} lacks {key}");
        }
    }
}

/// `check --help` ends with the exit codes of README.md's table and a few examples.
#[test]
fn check_help_has_exit_codes_and_examples() {
    let out = shengao().args(["check", "--help"]).output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    let codes = help.find("\nExit codes:\n").expect("an Exit codes section");
    let examples = help.find("\nExamples:\n").expect("an Examples section");
    assert!(codes < examples, "{help}");
    for line in [
        "  0  nothing at or above --fail-on (default error) was found",
        "  1  a finding at or above --fail-on was found",
        "  2  a usage error, or an input that could not be read",
        "  shengao check --format json draft.txt",
    ] {
        assert!(help.contains(line), "{line}: {help}");
    }
}

/// Help, `explain` and the file `init` writes name nothing a user of the binary lacks: no
/// source files, dictionary files, README or corpus of the repository.
#[test]
fn help_and_explain_name_no_repository_paths() {
    let stdout = |args: &[&str]| {
        let out = shengao().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let mut texts = vec![(String::from("--help"), stdout(&["--help"]))];
    for command in ["check", "batch", "rules", "explain", "fix", "init"] {
        texts.push((format!("{command} --help"), stdout(&[command, "--help"])));
    }
    texts.push(("explain".into(), stdout(&["explain"])));
    let names = (shengao::rules::topic_names().into_iter())
        .chain(shengao::rules::all().map(|rule| rule.id));
    for name in names {
        texts.push((format!("explain {name}"), stdout(&["explain", name])));
    }
    let dir = tempfile::tempdir().unwrap();
    stdout(&["init", dir.path().to_str().unwrap()]);
    let template = std::fs::read_to_string(dir.path().join("shengao.toml")).unwrap();
    texts.push(("shengao.toml".into(), template));
    for (what, text) in texts {
        for path in [
            "src/",
            "dictionaries/",
            "README",
            "shared/corpus",
            "samples/",
            ".tsv",
            ".rs",
        ] {
            assert!(!text.contains(path), "{what} names {path}:\n{text}");
        }
    }
}

#[test]
fn explain_prints_a_rule_or_an_area_and_refuses_unknown_names() {
    shengao()
        .args(["explain", "input/mixed-line-endings"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Example:"));
    shengao()
        .args(["explain", "document"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Sentences end"));
    // Case does not matter.
    shengao()
        .args(["explain", "Input/Mixed-Line-Endings"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("input/mixed-line-endings"));
    shengao()
        .args(["explain", "input"])
        .assert()
        .success()
        .stdout(predicate::str::contains("input/legacy-encoding"));
    // An area's plural is the area, as in `[phrases]` and `scores.phrases`.
    for (plural, singular) in [("phrases", "phrase"), ("structures", "structure")] {
        let out = shengao().args(["explain", plural]).output().unwrap();
        assert!(out.status.success(), "{plural}: {out:?}");
        let want = shengao().args(["explain", singular]).output().unwrap();
        assert_eq!(out.stdout, want.stdout, "{plural}");
    }
    shengao()
        .args(["explain", "wordings"])
        .assert()
        .success()
        .stdout(
            predicate::str::starts_with("Wording: ").and(predicate::str::contains(
                "\n\nRules in `wording`:\n  wording/misspelling",
            )),
        );
    shengao()
        .args(["explain", "mixed"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "did you mean input/mixed-line-endings",
        ));
}

#[test]
fn explain_without_a_topic_lists_every_topic_and_rule() {
    let out = shengao().arg("explain").output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    for name in shengao::rules::topic_names() {
        assert!(
            stdout.contains(&format!("\n  {name}  ")),
            "{name}: {stdout}"
        );
    }
    for area in ["document", "input", "phrase", "typography", "wording"] {
        assert!(stdout.contains(area), "{area}");
    }
    for rule in shengao::rules::all() {
        let line = stdout.lines().find(|l| l.trim_start().starts_with(rule.id));
        assert!(
            line.is_some_and(|l| l.ends_with(rule.summary)),
            "{}: {stdout}",
            rule.id
        );
    }
    // Grouped: each area's heading comes before its rules.
    let typography = stdout.find("\ntypography\n").expect("an area heading");
    let dash = stdout.find("typography/dash").unwrap();
    let wording = stdout.find("\nwording\n").unwrap();
    assert!(typography < dash && dash < wording);
}

#[test]
fn explain_suggests_the_nearest_rule_or_topic() {
    let cases = [
        ("phrase/openning", "did you mean phrase/opening?"),
        ("openning", "did you mean phrase/opening?"),
        ("strucure", "did you mean structure?"),
        ("long-sentence", "did you mean readability/long-sentence?"),
        // No topic explains scores as such; each area with a score explains its own.
        (
            "scores",
            "did you mean structure, phrase, readability, redundancy",
        ),
    ];
    for (name, hint) in cases {
        let out = shengao().args(["explain", name]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(out.stdout.is_empty(), "{name}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.starts_with(&format!(
                "shengao: error: no rule or topic `{name}`; {hint}"
            )),
            "{stderr}"
        );
        assert!(
            stderr.ends_with("`shengao explain` lists every topic and rule\n"),
            "{stderr}"
        );
    }
    shengao()
        .args(["explain", "zzzzzz"])
        .assert()
        .code(2)
        .stderr("shengao: error: no rule or topic `zzzzzz`; `shengao explain` lists every topic and rule\n");
}

/// samples/huibao-cailiao.txt is wrapped at 28 chars to a line, as text copied from a PDF,
/// with a page number (line 18) inside a paragraph: its paragraphs and sentences are read
/// whole, and positions are the file's lines.
#[test]
fn a_hard_wrapped_draft_is_read_whole() {
    let path = format!("{}/samples/huibao-cailiao.txt", env!("CARGO_MANIFEST_DIR"));
    let report = json_report(&[&path], None);
    assert_eq!(report.source.lines, 36);
    assert_eq!((report.stats.paragraphs, report.stats.sentences), (12, 23));
    let lines: Vec<(String, u64)> = (report.outline.iter())
        .flat_map(|node| std::iter::once(node).chain(&node.children))
        .map(|node| (node.marker.clone(), node.span.line))
        .collect();
    let expected = [
        ("一、", 7),
        ("（一）", 8),
        ("（二）", 13),
        ("（三）", 17),
        ("二、", 21),
        ("三、", 27),
        ("（一）", 28),
        ("（二）", 31),
        ("（三）", 34),
    ];
    let expected: Vec<(String, u64)> = expected.iter().map(|&(m, l)| (m.to_string(), l)).collect();
    assert_eq!(lines, expected);
    // A sentence over lines 3-6 is one long sentence, reported from where it starts.
    let long = (report.findings.iter())
        .find(|f| f.rule == "readability/long-sentence")
        .expect("the opening sentence has 85 Han chars");
    assert_eq!((long.span.line, long.span.end_line), (3, 6));
    // --keep-lines reads every non-empty line as a paragraph, the page number too.
    let kept = json_report(&["--keep-lines", &path], None);
    assert_eq!(kept.stats.paragraphs, 35);
    assert!(kept.stats.sentences > 40);
}

#[test]
fn samples_are_reviewed() {
    for sample in ["dianxing-fayan", "gongzuo-zongjie", "jianghua-gao"] {
        let path = format!("{}/samples/{sample}.txt", env!("CARGO_MANIFEST_DIR"));
        let report = json_report(&[&path], None);
        assert!(report.stats.han_chars >= 1000, "{sample}");
        assert!(report.stats.sentences > 20, "{sample}");
    }
}

/// samples/zhuanti-huibao.md is Markdown: its `##` headings make the outline, `**一是**` an
/// enumeration, and positions point into the file as written, after the markup.
#[test]
fn a_markdown_draft_is_read_without_its_markup() {
    let path = format!("{}/samples/zhuanti-huibao.md", env!("CARGO_MANIFEST_DIR"));
    let report = json_report(&[&path], None);
    assert_eq!(report.source.kind, shengao::report::SourceKind::Markdown);
    let outline: Vec<(String, u64, u64)> = (report.outline.iter())
        .flat_map(|node| std::iter::once(node).chain(&node.children))
        .map(|node| (node.marker.clone(), node.span.line, node.span.column))
        .collect();
    let expected = [
        ("一、", 5, 4),
        ("二、", 9, 4),
        ("（一）", 11, 5),
        ("（二）", 15, 5),
        ("（四）", 21, 5),
        ("三.", 25, 4),
        ("四、", 29, 4),
    ];
    let expected: Vec<(String, u64, u64)> = (expected.iter())
        .map(|&(m, l, c)| (m.to_string(), l, c))
        .collect();
    assert_eq!(outline, expected);
    let found = |rule: &str| -> Vec<(u64, u64)> {
        (report.findings.iter())
            .filter(|f| f.rule == rule)
            .map(|f| (f.span.line, f.span.column))
            .collect()
    };
    assert_eq!(found("structure/numbering-gap"), [(21, 5)]);
    assert_eq!(found("structure/marker-form"), [(25, 4)]);
    assert_eq!(found("structure/enumeration-gap"), [(27, 46)]);
    assert_eq!(found("typography/halfwidth-punctuation"), [(18, 24)]);
    assert_eq!(found("wording/misspelling"), [(31, 11)]);
    // No finding on the markup itself: `### ` is no stray space, `**` no half-width mark.
    assert!(found("typography/stray-space").is_empty());
    let enumerations = &report.metrics.structure.as_ref().unwrap().enumerations;
    assert_eq!(enumerations[0].items.len(), 3, "**一是** … **三是**");
}

/// `--stdin-name` names standard input: the report goes by that name, and a .md name reads
/// the text as Markdown; without it the same text is plain text.
#[test]
fn standard_input_takes_the_stdin_name() {
    let draft = "## 一、总体要求\n\n正文。\n\n## 三、保障措施\n\n正文。\n";
    let named = json_report(&["--stdin-name", "notes/draft.md"], Some(draft.into()));
    assert_eq!(named.source.path, "notes/draft.md");
    assert_eq!(named.source.kind, shengao::report::SourceKind::Markdown);
    let gaps: Vec<(u64, u64)> = (named.findings.iter())
        .filter(|f| f.rule == "structure/numbering-gap")
        .map(|f| (f.span.line, f.span.column))
        .collect();
    assert_eq!(gaps, [(5, 4)]);
    let plain = json_report(&[], Some(draft.into()));
    assert_eq!(plain.source.path, "-");
    assert_eq!(plain.source.kind, shengao::report::SourceKind::Text);
    assert!(plain.outline.is_empty());
    // A name for standard input when none is read, or an empty one, is a usage error.
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "a.txt", draft.as_bytes());
    shengao()
        .args(["check", "--stdin-name", "x.md", &path])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no input is `-`"));
    shengao()
        .args(["check", "-", "-"])
        .write_stdin(draft)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("read only once"));
    shengao()
        .args(["check", "--stdin-name", "", "-"])
        .write_stdin(draft)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a file name"));
}
