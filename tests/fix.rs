//! `shengao fix`, end to end: printing, --diff, --write (atomic, encoding, BOM and line
//! endings kept), idempotence, and what fix must never touch.

use predicates::prelude::*;
use proptest::prelude::*;
use shengao::config::Config;
use shengao::fix::fix_text;
use shengao::input::Encoding;
use shengao::report::SourceKind;

mod common;
use common::{shengao, write};

/// A draft with one fault of each fixable kind, CRLF line endings, and an indented body.
const DRAFT: &str = "各位代表:\r\n　　我们要坚持稳中求进,推动高质量发展。。加强\"三河三湖\"治理,落实“放管服”、“一网通办”改革(试行)。\r\n　　到25年底基本完成--这是硬任务。\r\n";
const FIXED: &str = "各位代表：\r\n　　我们要坚持稳中求进，推动高质量发展。加强“三河三湖”治理，落实“放管服”“一网通办”改革（试行）。\r\n　　到2025年底基本完成——这是硬任务。\r\n";

#[test]
fn prints_the_fixed_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "draft.txt", DRAFT.as_bytes());
    shengao()
        .args(["fix", &path])
        .assert()
        .success()
        .stdout(FIXED);
    // The file itself is untouched without --write.
    assert_eq!(std::fs::read(&path).unwrap(), DRAFT.as_bytes());
}

/// In a .md the markup is no fault: `### （一）` keeps its space, `**` and `- ` stay, and the
/// text's own faults are fixed in place.
#[test]
fn markdown_keeps_its_markup() {
    let dir = tempfile::tempdir().unwrap();
    let draft = "## 一、总体要求\n\n### （一）压实责任\n\n- 我们**一是**健全制度,二是己经落实。\n";
    let path = write(&dir, "draft.md", draft.as_bytes());
    shengao().args(["fix", &path]).assert().success().stdout(
        "## 一、总体要求\n\n### （一）压实责任\n\n- 我们**一是**健全制度，二是已经落实。\n",
    );
    // A numbered list's marker stays, though check reports 1) as the wrong form of （1）:
    // rewritten, the lines would run into one paragraph.
    let list = "1) 第一条,落实。\n2) 第二条。\n";
    let path = write(&dir, "list.md", list.as_bytes());
    shengao()
        .args(["fix", &path])
        .assert()
        .success()
        .stdout("1) 第一条，落实。\n2) 第二条。\n");
    let txt = write(&dir, "list.txt", list.as_bytes());
    let out = shengao().args(["fix", &txt]).output().unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().starts_with("（1）"));
    // The same text named .txt is plain text: the space before （ is a stray space.
    let txt = write(&dir, "draft.txt", draft.as_bytes());
    let out = shengao().args(["fix", &txt]).output().unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("###（一）"));
    // Standard input named .md with --stdin-name is Markdown too.
    shengao()
        .args(["fix", "--stdin-name", "draft.md", "-"])
        .write_stdin(draft)
        .assert()
        .success()
        .stdout(
            "## 一、总体要求\n\n### （一）压实责任\n\n- 我们**一是**健全制度，二是已经落实。\n",
        );
}

#[test]
fn reads_standard_input() {
    shengao()
        .args(["fix", "-"])
        .write_stdin(DRAFT)
        .assert()
        .success()
        .stdout(FIXED);
}

#[test]
fn diff_shows_the_changed_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "draft.txt", DRAFT.as_bytes());
    let out = shengao().args(["fix", "--diff", &path]).output().unwrap();
    assert!(out.status.success());
    let diff = String::from_utf8(out.stdout).unwrap();
    assert!(
        diff.starts_with(&format!("--- {path}\n+++ {path}\n@@ -1,3 +1,3 @@\n")),
        "{diff}"
    );
    assert!(diff.contains("\n-各位代表:\r\n"), "{diff}");
    assert!(diff.contains("\n+各位代表：\r\n"), "{diff}");
    assert!(
        diff.contains("+　　到2025年底基本完成——这是硬任务。\r\n"),
        "{diff}"
    );
    // Nothing to fix: an empty diff.
    let clean = write(&dir, "clean.txt", FIXED.as_bytes());
    shengao()
        .args(["fix", "--diff", &clean])
        .assert()
        .success()
        .stdout("");
}

/// Every mode says on standard error how many fixes each file got, and standard output holds
/// only the text or the diff, so pipes keep working.
#[test]
fn every_mode_says_how_many_fixes_on_stderr_only() {
    let dir = tempfile::tempdir().unwrap();
    let draft = write(&dir, "draft.txt", DRAFT.as_bytes());
    let clean = write(&dir, "clean.txt", FIXED.as_bytes());
    let one = write(&dir, "one.txt", "我们,要坚持。\n");
    let none = format!(
        "{clean}: no certain fixes (findings without a suggestion are left to you; see shengao check)\n"
    );
    shengao()
        .args(["fix", &clean])
        .assert()
        .success()
        .stdout(FIXED)
        .stderr(none.clone());
    shengao()
        .args(["fix", &one])
        .assert()
        .success()
        .stdout("我们，要坚持。\n")
        .stderr(format!("{one}: 1 fix applied\n"));
    let out = shengao()
        .args(["fix", "--diff", &clean, &draft])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with(&format!("--- {draft}\n"))
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert_eq!(lines[0], none.trim_end());
    assert!(
        lines[1].starts_with(&format!("{draft}: ")) && lines[1].ends_with(" fixes applied"),
        "{stderr}"
    );
    shengao()
        .args(["fix", "--write", &clean])
        .assert()
        .success()
        .stdout("")
        .stderr(none);
    shengao()
        .args(["fix", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Exit codes:\n  0  every file was fixed",
        ));
}

#[test]
fn write_keeps_encoding_bom_and_line_endings() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("utf8.txt", Encoding::Utf8, false),
        ("bom.txt", Encoding::Utf8, true),
        ("gbk.txt", Encoding::Gb18030, false),
        ("le.txt", Encoding::Utf16Le, true),
        ("be.txt", Encoding::Utf16Be, true),
    ];
    for (name, encoding, bom) in cases {
        let path = write(&dir, name, encoding.encode(DRAFT, bom).unwrap());
        shengao()
            .args(["fix", "--write", &path])
            .assert()
            .success()
            .stdout("")
            .stderr(predicate::str::contains("fixes applied"));
        let written = std::fs::read(&path).unwrap();
        assert_eq!(written, encoding.encode(FIXED, bom).unwrap(), "{name}");
    }
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".tmp")), "{names:?}");
}

#[test]
fn fixing_twice_changes_nothing_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = Encoding::Gb18030.encode(DRAFT, false).unwrap();
    let path = write(&dir, "draft.txt", &bytes);
    shengao().args(["fix", "--write", &path]).assert().success();
    let once = std::fs::read(&path).unwrap();
    assert_ne!(once, bytes);
    shengao()
        .args(["fix", "--write", &path])
        .assert()
        .success()
        .stderr(predicate::str::contains("no certain fixes"));
    assert_eq!(std::fs::read(&path).unwrap(), once);
    shengao()
        .args(["fix", "--diff", &path])
        .assert()
        .success()
        .stdout("");
}

#[cfg(unix)]
#[test]
fn write_keeps_permissions_and_follows_links() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "draft.txt", DRAFT.as_bytes());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink(&path, &link).unwrap();
    shengao()
        .args(["fix", "--write", link.to_str().unwrap()])
        .assert()
        .success();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FIXED);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
}

#[test]
fn leaves_numbers_english_urls_and_quoted_words_alone() {
    let text = "增长3.5%，时间为10:30，比例为3:7。参阅Hello, world一文，网址http://www.gov.cn/a?b=1,c=2。\n他说：“我们,要坚持!有人管了...”国办发〔2024〕1号，2024年1月15日。\n";
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "draft.txt", text.as_bytes());
    shengao()
        .args(["fix", &path])
        .assert()
        .success()
        .stdout(text);
}

#[test]
fn usage_and_file_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "draft.txt", DRAFT.as_bytes());
    shengao()
        .args(["fix", "--write", "-"])
        .write_stdin(DRAFT)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--write needs files"));
    shengao()
        .args(["fix", &path, &path])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("name one file"));
    // A missing file is reported by name; the other file is still fixed.
    let missing = dir.path().join("missing.txt");
    shengao()
        .args(["fix", "--write", missing.to_str().unwrap(), &path])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.txt: no such file"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FIXED);
    shengao().arg("fix").assert().code(2);
}

#[test]
fn a_rule_shengao_toml_turns_off_is_not_fixed() {
    let dir = tempfile::tempdir().unwrap();
    // 己经 (wording/misspelling) and a half-width comma (typography/halfwidth-punctuation).
    let draft = "我们己经完成了任务,很好。\n";
    let path = write(&dir, "draft.txt", draft);
    let cases = [
        ("", "我们已经完成了任务，很好。\n", "2 fixes"),
        (
            "[rules]\n\"wording/misspelling\" = \"off\"\n",
            "我们己经完成了任务，很好。\n",
            "1 fix",
        ),
        // A whole area off works the same way.
        (
            "[rules]\ntypography = \"off\"\n",
            "我们已经完成了任务,很好。\n",
            "1 fix",
        ),
    ];
    for (config, fixed, applied) in cases {
        write(&dir, "shengao.toml", config);
        shengao()
            .args(["fix", &path])
            .assert()
            .success()
            .stdout(fixed);
        shengao()
            .args(["fix", "--write", &path])
            .assert()
            .success()
            .stderr(format!("{path}: {applied} applied\n"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), fixed, "{config}");
        write(&dir, "draft.txt", draft);
    }
}

#[test]
fn config_names_the_settings_file_and_no_config_ignores_it() {
    let dir = tempfile::tempdir().unwrap();
    let draft = "我们己经完成了任务,很好。\n";
    let path = write(&dir, "draft.txt", draft);
    write(
        &dir,
        "shengao.toml",
        "[rules]\n\"wording/misspelling\" = \"off\"\n",
    );
    let other = write(&dir, "other.toml", "[rules]\ntypography = \"off\"\n");
    let cases: [(&[&str], &str); 3] = [
        (&[], "我们己经完成了任务，很好。\n"),
        (&["--no-config"], "我们已经完成了任务，很好。\n"),
        (&["--config", &other], "我们已经完成了任务,很好。\n"),
    ];
    for (flags, fixed) in cases {
        shengao()
            .arg("fix")
            .args(flags)
            .arg(&path)
            .assert()
            .success()
            .stdout(fixed);
    }
    shengao()
        .args(["fix", "--config", "missing.toml", &path])
        .assert()
        .code(2)
        .stdout("");
    shengao()
        .args(["fix", "--config", &other, "--no-config", &path])
        .assert()
        .code(2);
}

#[test]
fn files_shengao_toml_skips_are_left_alone_and_a_bad_file_stops_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let config = write(&dir, "shengao.toml", "skip = [\"archive/**\"]\n");
    let old = write(&dir, "archive/old.txt", DRAFT);
    let new = write(&dir, "drafts/new.txt", DRAFT);
    shengao()
        .args(["fix", "--write", &old, &new])
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "{old}: skipped (it matches `archive/**` in {config})"
        )));
    assert_eq!(std::fs::read_to_string(&old).unwrap(), DRAFT);
    assert_eq!(std::fs::read_to_string(&new).unwrap(), FIXED);
    // A configuration file with an error: nothing is fixed.
    write(
        &dir,
        "shengao.toml",
        "[rules]\n\"wording/misspeling\" = \"off\"\n",
    );
    let new = write(&dir, "drafts/new.txt", DRAFT);
    shengao()
        .args(["fix", "--write", &new])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "shengao: error: {config}:2:1: key `rules.\"wording/misspeling\"`: no rule or area"
        )));
    assert_eq!(std::fs::read_to_string(&new).unwrap(), DRAFT);
}

/// The Han characters of `text`.
fn han(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| shengao::analyze::typography::is_han(c))
        .collect()
}

/// Whether `fixed` keeps the Han characters of `text`, one for one, but for 号 → 日:
/// typography/date-format's one fix of a Han character is 3月5号 → 3月5日. (Not 日 → 号.)
fn keeps_han(fixed: &str, text: &str) -> bool {
    let (fixed, text) = (han(fixed), han(text));
    fixed.len() == text.len()
        && (fixed.iter().zip(&text)).all(|(&f, &t)| f == t || (t == '号' && f == '日'))
}

const ALPHABET: &[char] = &[
    '我', '们', '发', '展', '国', '办', '年', '月', '日', '第', '一', '二', '三', '八', '九', '十',
    '〇', '号', '个', '，', '。', '、', '；', '：', '？', '！', '“', '”', '‘', '’', '《', '》',
    '（', '）', '〔', '〕', '「', '」', '…', '—', ',', ';', ':', '?', '!', '(', ')', '.', '"', '-',
    '[', ']', ' ', '　', '\n', '\r', '0', '2', '5', 'a',
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    /// The whole pipeline (every analyzer's suggestions): no Han character is added,
    /// removed or changed (but 号 → 日 in a date), and a fixed text stays fixed.
    #[test]
    fn fix_never_changes_a_han_character(
        chars in prop::collection::vec(prop::sample::select(ALPHABET), 0..80)
    ) {
        let text: String = chars.into_iter().collect();
        let config = Config::default();
        let (fixed, _) = fix_text(&text, SourceKind::Text, &config);
        prop_assert!(keeps_han(&fixed, &text), "{:?} -> {:?}", text, fixed);
        prop_assert_eq!(fix_text(&fixed, SourceKind::Text, &config), (fixed.clone(), 0));
    }
}

/// A case the property above found: 一月一号 is fixed to 一月一日, the one Han character a fix
/// changes on purpose, and nothing else.
#[test]
fn a_date_day_is_the_one_han_character_fixed() {
    let config = Config::default();
    assert_eq!(
        fix_text("一月一号", SourceKind::Text, &config),
        ("一月一日".to_string(), 1)
    );
    // The property's check allows that one change, in that direction only.
    assert!(keeps_han("一月一日", "一月一号"));
    assert!(!keeps_han("一月一号", "一月一日"));
    assert!(!keeps_han("一月一", "一月一号"));
}

/// A case the property above found: quotation marks that pair across each other, whose
/// quote-style fix undid itself on every pass.
#[test]
fn crossing_quotes_are_fixed_once() {
    let config = Config::default();
    for text in ["\"「“我」[”’", "“‘“我’[”’"] {
        let (fixed, _) = fix_text(text, SourceKind::Text, &config);
        assert_eq!(
            fix_text(&fixed, SourceKind::Text, &config),
            (fixed.clone(), 0),
            "{text}"
        );
    }
}

/// A fix over two joined lines of a hard-wrapped text would also delete the line break
/// between them: such a finding is reported without a suggestion, and fix keeps the lines.
#[test]
fn no_suggestion_spans_joined_lines() {
    let line = "甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸";
    let mut text = String::new();
    for i in 0..12 {
        text += match i {
            2 => "甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己他说\"好",
            3 => "的\"乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛",
            _ => line,
        };
        text += if i == 5 { "\n完。\n" } else { "\n" };
    }
    text += "完。\n";
    let config = Config::default();
    let input = shengao::input::Input::plain("", text.clone());
    let report = shengao::analyze::review(input, &config);
    let quote = (report.findings.iter())
        .find(|f| f.rule == "typography/quote-style")
        .expect("straight quotes around 好的");
    assert_eq!((quote.span.line, quote.span.end_line), (3, 4));
    assert!(quote.spans_joined_lines() && quote.suggestion.is_none());
    let (fixed, _) = fix_text(&text, SourceKind::Text, &config);
    assert_eq!(fixed.lines().count(), text.lines().count());
}
