//! Nothing lost, nothing overwritten, no access changed: each way a run could destroy data,
//! change access, hang or lose an id, tried from the command line as a user would hit it.
//! Tests that need root (devices, other owners) say so and pass over that part otherwise.

use std::fs;
use std::io::Write;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

mod common;
use common::{shengao, write};

/// A draft with two certain fixes (己经, a half-width comma).
const DRAFT: &str = "今年己经完成任务,效果很好。\n";
const FIXED: &str = "今年已经完成任务，效果很好。\n";

fn binary() -> PathBuf {
    assert_cmd::cargo::cargo_bin("shengao")
}

fn is_root() -> bool {
    let probe = tempfile::NamedTempFile::new().unwrap();
    probe.as_file().metadata().unwrap().uid() == 0
}

fn mkfifo(path: &Path) -> bool {
    let made = Command::new("mkfifo").arg(path).status();
    let ok = made.is_ok_and(|s| s.success());
    if !ok {
        eprintln!("skipped: mkfifo is not available");
    }
    ok
}

/// Waits for `child` at most `limit`; a child still running then is killed and the test
/// fails: a hang is the fault.
fn wait_at_most(child: &mut Child, limit: Duration) -> i32 {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code().expect("exited, not killed by a signal");
        }
        if started.elapsed() > limit {
            child.kill().unwrap();
            panic!("still running after {limit:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The names in `dir`, sorted, hidden ones included.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn output_never_replaces_a_fifo_a_device_or_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let drafts = dir.path().join("drafts");
    write(&drafts, "a.txt", DRAFT);
    let fifo = dir.path().join("pipe");
    let mut targets = vec![(dir.path().join("drafts"), "a folder")];
    if mkfifo(&fifo) {
        targets.push((fifo.clone(), "a named pipe (FIFO)"));
    }
    let device = dir.path().join("null");
    if is_root()
        && Command::new("mknod")
            .arg(&device)
            .args(["c", "1", "3"])
            .status()
            .is_ok_and(|s| s.success())
    {
        targets.push((device.clone(), "a character device"));
    } else {
        eprintln!("skipped the device: not root, or no mknod");
    }
    for (target, kind) in targets {
        let out = shengao()
            .args(["batch", "-q", "--output"])
            .arg(&target)
            .arg(&drafts)
            .timeout(Duration::from_secs(60))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{target:?}");
        let err = stderr_of(&out);
        assert!(
            err.contains(&format!("is {kind}, not a regular file")),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "one line: {err}");
    }
    if fifo.exists() {
        assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
    }
    if device.exists() {
        let meta = fs::metadata(&device).unwrap();
        assert!(meta.file_type().is_char_device());
        assert_eq!(meta.rdev(), fs::metadata("/dev/null").unwrap().rdev());
    }
    assert!(!listing(dir.path()).iter().any(|n| n.ends_with(".tmp")));
}

#[test]
fn output_through_a_symbolic_link_replaces_the_file_it_points_to() {
    let dir = tempfile::tempdir().unwrap();
    let drafts = dir.path().join("drafts");
    write(&drafts, "a.txt", DRAFT);
    let real = dir.path().join("real.jsonl");
    fs::write(&real, "old\n").unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("link.jsonl");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    shengao()
        .args(["batch", "-q", "--fail-on", "never", "--output"])
        .arg(&link)
        .arg(&drafts)
        .assert()
        .success();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let text = fs::read_to_string(&real).unwrap();
    assert!(text.starts_with("{\"type\":\"report\""), "{text}");
    assert_eq!(fs::metadata(&real).unwrap().mode() & 0o777, 0o640);
}

#[test]
fn fix_write_keeps_mode_owner_and_group() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "draft.txt", DRAFT);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    let root = is_root();
    if root {
        std::os::unix::fs::chown(&path, Some(1234), Some(2345)).unwrap();
    } else {
        eprintln!("skipped the owner: not root");
    }
    shengao().args(["fix", "--write", &path]).assert().success();
    assert_eq!(fs::read_to_string(&path).unwrap(), FIXED);
    let meta = fs::metadata(&path).unwrap();
    assert_eq!(meta.mode() & 0o777, 0o640);
    if root {
        assert_eq!((meta.uid(), meta.gid()), (1234, 2345));
    }
}

#[test]
fn fix_write_refuses_a_read_only_file_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "draft.txt", DRAFT);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    shengao()
        .args(["fix", "--write", &path])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("is read-only; nothing written"));
    assert_eq!(fs::read_to_string(&path).unwrap(), DRAFT);
    shengao()
        .args(["fix", "--write", "--force", &path])
        .assert()
        .success();
    assert_eq!(fs::read_to_string(&path).unwrap(), FIXED);
    assert_eq!(fs::metadata(&path).unwrap().mode() & 0o777, 0o444);
}

#[test]
fn fix_write_keeps_hard_links_joined_or_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "draft.txt", DRAFT);
    let other = dir.path().join("other-name.txt");
    fs::hard_link(&path, &other).unwrap();
    shengao()
        .args(["fix", "--write", &path])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("has 2 hard links"));
    assert_eq!(fs::read_to_string(&path).unwrap(), DRAFT);
    shengao()
        .args(["fix", "--write", "--force", &path])
        .assert()
        .success();
    // Written in place: both names still show one file, fixed.
    assert_eq!(fs::read_to_string(&other).unwrap(), FIXED);
    assert_eq!(
        fs::metadata(&path).unwrap().ino(),
        fs::metadata(&other).unwrap().ino()
    );
}

/// `shengao fix --write big.txt & sleep 1; echo 新段落 >> big.txt; wait`: the appended
/// paragraph must survive. The append lands while the draft is analysed (which takes
/// seconds for this size in a test build); should it land before the read on a fast
/// machine, the fix includes it, and the paragraph survives too. Either way nothing is
/// lost; at least one of the tries must meet the refusal.
#[test]
fn fix_write_leaves_a_file_another_program_changed_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let big: String = (0..6000)
        .map(|i| format!("第{i}项工作己经完成,效果很好。\n"))
        .collect();
    let mut refused = 0;
    // Doubling delays, so that one append lands between the read and the write whatever
    // the speed of the build (an optimised one is done in a few hundred milliseconds).
    for delay in [25, 50, 100, 200, 400, 800, 1600] {
        let path = write(&dir, "big.txt", &big);
        let child = Command::new(binary())
            .args(["fix", "--write", &path])
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all("新段落\n".as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.ends_with("新段落\n"), "the appended text is lost");
        if out.status.code() == Some(2) {
            assert!(stderr_of(&out).contains("changed while shengao worked on it"));
            assert_eq!(
                text,
                big.clone() + "新段落\n",
                "left as the other writer left it"
            );
            refused += 1;
        }
        assert!(!listing(dir.path()).iter().any(|n| n.ends_with(".tmp")));
    }
    assert!(refused > 0, "the append never landed during the fix");
}

/// A run stopped with SIGTERM removes its temporary file and exits with 143; one killed
/// outright leaves it, and the next run beside the same file sweeps it.
#[test]
fn interrupted_writes_leave_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let drafts = dir.path().join("drafts");
    let body: String = (0..400)
        .map(|i| format!("第{i}项工作已经完成。\n"))
        .collect();
    for i in 0..40 {
        write(&drafts, &format!("d{i:02}.txt"), &body);
    }
    let out = dir.path().join("out.jsonl");
    let temp_of_out = |dir: &Path| {
        listing(dir)
            .into_iter()
            .any(|n| n.starts_with(".out.jsonl.shengao-") && n.ends_with(".tmp"))
    };
    for signal in ["TERM", "KILL"] {
        let mut child = Command::new(binary())
            .args(["batch", "-q", "--jobs", "1", "--output"])
            .arg(&out)
            .arg(&drafts)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while !temp_of_out(dir.path()) {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "no temporary file"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .unwrap();
        let status = child.wait().unwrap();
        assert!(!out.exists(), "nothing was written whole");
        if signal == "TERM" {
            assert_eq!(status.code(), Some(143));
            assert!(!temp_of_out(dir.path()), "{:?}", listing(dir.path()));
        } else {
            assert!(temp_of_out(dir.path()), "SIGKILL leaves it");
        }
    }
    // The next run sweeps what the killed one left, then writes its own output.
    let small = dir.path().join("small");
    write(&small, "a.txt", DRAFT);
    shengao()
        .args(["batch", "-q", "--fail-on", "never", "--output"])
        .arg(&out)
        .arg(&small)
        .assert()
        .success();
    assert!(!temp_of_out(dir.path()), "{:?}", listing(dir.path()));
    assert!(out.exists());
}

/// Runs the binary with standard error a pipe whose reader is gone, so every line written
/// there fails with EPIPE. Returns the exit code, failing on a hang.
fn with_stderr_closed(args: &[&str], stdin: Option<&str>) -> i32 {
    let mut child = Command::new(binary())
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    wait_at_most(&mut child, Duration::from_secs(120))
}

#[test]
fn a_closed_standard_error_never_panics_hangs_or_hides_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.txt");
    let missing = missing.to_str().unwrap();
    assert_eq!(with_stderr_closed(&["check", missing], None), 2);
    assert_eq!(with_stderr_closed(&["fix", missing], None), 2);
    // 100 unreadable inputs: more than the ordered window of any --jobs here.
    let junk = dir.path().join("junk");
    for i in 0..100 {
        write(&junk, &format!("f{i:03}.txt"), b"a\0b");
    }
    let junk = junk.to_str().unwrap();
    for format in ["text", "jsonl", "sarif"] {
        let code = with_stderr_closed(&["batch", "--format", format, junk], None);
        assert_eq!(code, 2, "--format {format}");
    }
    // Nothing to report: a closed standard error changes nothing.
    let good = write(&dir, "good.txt", FIXED);
    assert_eq!(with_stderr_closed(&["check", &good], None), 0);
    assert_eq!(with_stderr_closed(&["fix", &good], None), 0);
}

#[test]
fn an_error_still_sets_the_exit_code_when_standard_output_closes() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(&dir, "good.txt", DRAFT.repeat(200));
    let missing = dir.path().join("missing.txt");
    let mut child = Command::new(binary())
        .arg("check")
        .arg(&missing)
        .arg(&good)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    assert_eq!(wait_at_most(&mut child, Duration::from_secs(60)), 2);
}

#[test]
fn stdin_jsonl_ids_come_back_byte_for_byte() {
    let ids = [
        "18446744073709551616",
        "1e2",
        "-0.0",
        "1.10",
        "\"\\u4e2d\"",
        "{\"b\":1,\"a\":[2.50]}",
    ];
    let lines: String = ids
        .iter()
        .map(|id| format!("{{\"id\": {id}, \"text\": \"今年工作。\"}}\n"))
        .chain(["{\"id\": 1e400, \"text\": 7}\n".to_string()])
        .collect();
    for format in ["jsonl", "csv"] {
        let out = shengao()
            .args([
                "batch",
                "--stdin-jsonl",
                "--fail-on",
                "never",
                "--format",
                format,
            ])
            .write_stdin(lines.clone())
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        if format == "jsonl" {
            let got: Vec<&str> = text
                .lines()
                .filter_map(|line| line.strip_prefix("{\"type\":\"report\",\"id\":"))
                .map(|rest| rest.split(",\"schema_version\"").next().unwrap())
                .collect();
            assert_eq!(got, ids);
            assert!(text.contains("{\"type\":\"error\",\"path\":\"-:7\",\"id\":1e400,"));
        } else {
            assert!(text.contains(",18446744073709551616,"), "{text}");
            assert!(text.contains(",1e2,"), "{text}");
        }
    }
}

#[test]
fn a_fifo_or_device_named_as_an_input_or_a_config_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(&dir, "good.txt", FIXED);
    let fifo = dir.path().join("pipe.txt");
    let mut named = vec!["/dev/zero".to_string()];
    if mkfifo(&fifo) {
        named.push(fifo.to_str().unwrap().to_string());
    }
    for path in &named {
        for args in [
            vec!["check", path.as_str()],
            vec!["fix", path.as_str()],
            vec!["batch", "-q", "--format", "text", path.as_str()],
            vec!["check", "--config", path.as_str(), &good],
            vec!["fix", "--config", path.as_str(), &good],
        ] {
            let mut child = Command::new(binary())
                .args(&args)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let code = wait_at_most(&mut child, Duration::from_secs(30));
            assert_eq!(code, 2, "{args:?}");
            let mut err = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
            assert!(err.contains("not a regular file"), "{args:?}: {err}");
        }
    }
}

#[test]
fn a_config_file_is_read_up_to_its_limit() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(&dir, "good.txt", FIXED);
    let mut huge = String::from("fail-on = \"never\"\n");
    while huge.len() <= 1 << 20 {
        huge.push_str("# a comment to make the file large\n");
    }
    let config = write(&dir, "huge.toml", huge);
    shengao()
        .args(["check", "--config", &config, &good])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("is larger than 1 MiB"));
}

#[test]
fn utf16_without_a_mark_is_read_and_written_back_as_utf16() {
    let dir = tempfile::tempdir().unwrap();
    let text = "关于加强基层治理工作的报告己经完成";
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let path = write(&dir, "u16.txt", &bytes);
    let out = shengao()
        .args(["check", "--format", "json", "--fail-on", "never", &path])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["source"]["encoding"], "UTF-16LE");
    shengao().args(["fix", "--write", &path]).assert().success();
    let fixed: Vec<u8> = text
        .replace("己经", "已经")
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    assert_eq!(fs::read(&path).unwrap(), fixed);
}

#[test]
fn encoding_beats_a_mark_that_disagrees_and_fix_will_not_write_it_back() {
    let dir = tempfile::tempdir().unwrap();
    // 今年己经完成。 in GBK after a UTF-8 byte-order mark.
    let gbk: &[u8] = b"\xbd\xf1\xc4\xea\xbc\xba\xbe\xad\xcd\xea\xb3\xc9\xa1\xa3";
    let bytes = [b"\xEF\xBB\xBF".as_slice(), gbk].concat();
    let path = write(&dir, "draft.txt", &bytes);
    let out = shengao()
        .args([
            "check",
            "--format",
            "json",
            "--fail-on",
            "never",
            "--encoding",
            "gbk",
            &path,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["source"]["encoding"], "GB18030");
    assert!(report["findings"].to_string().contains("己经"));
    shengao()
        .args(["fix", "--write", "--encoding", "gbk", &path])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("does not give its bytes back"));
    assert_eq!(fs::read(&path).unwrap(), bytes);
}

#[test]
fn file_names_that_are_not_utf8_are_read_and_given_exactly() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"\xff\xfe-draft.txt");
    let path = dir.path().join(name);
    if fs::write(&path, DRAFT).is_err() {
        eprintln!("skipped: this file system refuses such names");
        return;
    }
    let raw: Vec<u64> = path
        .as_os_str()
        .as_bytes()
        .iter()
        .map(|&b| u64::from(b))
        .collect();
    let out = shengao()
        .args(["check", "--format", "json", "--fail-on", "never"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        report["source"]["path"]
            .as_str()
            .unwrap()
            .ends_with("\u{FFFD}\u{FFFD}-draft.txt")
    );
    assert_eq!(report["source"]["path_bytes"], serde_json::json!(raw));
    // A UTF-8 name has no path_bytes.
    let plain = write(&dir, "plain.txt", DRAFT);
    let out = shengao()
        .args(["check", "--format", "json", "--fail-on", "never", &plain])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(report["source"].get("path_bytes").is_none());
    // batch finds it in a folder and reviews it.
    let out = shengao()
        .args(["batch", "-q", "--fail-on", "never"])
        .arg(dir.path())
        .output()
        .unwrap();
    // In path order, byte by byte: plain.txt, then the name that starts with 0xFF.
    let records: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(records[1]["type"], "report");
    assert_eq!(records[1]["source"]["path_bytes"], serde_json::json!(raw));
    assert!(records[0]["source"].get("path_bytes").is_none());
    // fix --write rewrites it under its own name.
    shengao()
        .arg("fix")
        .arg("--write")
        .arg(&path)
        .assert()
        .success();
    assert_eq!(fs::read_to_string(&path).unwrap(), FIXED);
}

#[test]
fn jobs_far_above_the_cores_are_lowered_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir, "a.txt", FIXED);
    let out = shengao()
        .args(["batch", "-q", "--jobs", "65535"])
        .arg(dir.path())
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(err.contains("--jobs 65535 is far above"), "{err}");
    let summary = String::from_utf8(out.stdout).unwrap();
    let summary: Value = serde_json::from_str(summary.lines().last().unwrap()).unwrap();
    let cores = std::thread::available_parallelism().unwrap().get() as u64;
    assert_eq!(summary["jobs"], 4 * cores);
}
