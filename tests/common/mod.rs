//! Helpers the CLI tests share. Each test file uses some of them, so the rest are dead code
//! there.
#![allow(dead_code)]

use std::path::Path;

use assert_cmd::Command;
use shengao::report::Report;

/// The `shengao` binary under test.
pub fn shengao() -> Command {
    Command::cargo_bin("shengao").unwrap()
}

/// Writes `bytes` to `name` under `dir` (creating folders) and returns the path.
pub fn write(dir: impl AsRef<Path>, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let path = dir.as_ref().join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

/// The path of a shipped sample draft.
pub fn sample(name: &str) -> String {
    format!("{}/samples/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The report of `shengao check --format json --fail-on never ARGS` (one input), which must
/// succeed.
pub fn check_json(args: &[&str]) -> Report {
    let out = shengao()
        .args(["check", "--format", "json", "--fail-on", "never"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}
