//! The JSON wire format read back into the report types, which deny unknown fields: a key
//! added, renamed or dropped without updating `report.rs` fails here.

use assert_cmd::Command;
use shengao::report::{Report, SCHEMA_VERSION};

#[test]
fn json_output_round_trips_through_the_report_types() {
    let path = format!("{}/samples/gongzuo-zongjie.txt", env!("CARGO_MANIFEST_DIR"));
    let out = Command::cargo_bin("shengao")
        .unwrap()
        .args(["check", "--format", "json", "--fail-on", "never", &path])
        .output()
        .unwrap();
    assert!(out.status.success());
    let report: Report = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report.schema_version, SCHEMA_VERSION);
    assert_eq!(report.tool.name, "shengao");
    // Serialising the parsed report gives the same JSON: nothing was dropped on the way.
    let original: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(serde_json::to_value(&report).unwrap(), original);
    for key in [
        "schema_version",
        "tool",
        "source",
        "stats",
        "outline",
        "findings",
        "metrics",
        "scores",
    ] {
        assert!(original.get(key).is_some(), "missing top-level key {key}");
    }
}

#[test]
fn unknown_keys_are_rejected() {
    let path = format!("{}/samples/jianghua-gao.txt", env!("CARGO_MANIFEST_DIR"));
    let out = Command::cargo_bin("shengao")
        .unwrap()
        .args(["check", "--format", "json", "--fail-on", "never", &path])
        .output()
        .unwrap();
    let mut value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    value["stats"]["surprise"] = 1.into();
    assert!(serde_json::from_value::<Report>(value).is_err());
}

/// Found by the fuzzer: a metric whose float the default JSON parser read back one ulp off.
#[test]
fn reports_read_back_from_json_are_identical() {
    let data = b"e!dAe!dA|e!d\x8b\x8d1ft\x93\x8b";
    let input = shengao::input::from_bytes("fuzz", data, None).unwrap();
    let report = shengao::analyze::review(input, &shengao::config::Config::default());
    let json = serde_json::to_vec(&report).unwrap();
    let back: Report = serde_json::from_slice(&json).unwrap();
    assert_eq!(back, report);
}
