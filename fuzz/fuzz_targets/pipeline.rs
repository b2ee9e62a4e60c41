//! Arbitrary bytes through the whole check pipeline: reading (text, Markdown or .docx), the
//! document model, every analyzer, and the JSON report. Any panic, and any span outside the
//! text, is a crash.

#![no_main]

use libfuzzer_sys::fuzz_target;
use shengao::config::Config;
use shengao::{analyze, input};

fuzz_target!(|data: &[u8]| {
    // Mostly no extension: what the bytes are is decided by their content alone, as for
    // stdin. A first byte of 0xA5 names the input .md, so Markdown reading is fuzzed too.
    let (name, data) = match data.split_first() {
        Some((0xA5, rest)) => ("fuzz.md", rest),
        _ => ("fuzz", data),
    };
    let Ok(input) = input::from_bytes(name, data, None) else {
        return;
    };
    let chars = input.text.chars().count() as u64;
    let report = analyze::review(input, &Config::default());
    for f in &report.findings {
        assert!(
            f.span.start <= f.span.end && f.span.end <= chars,
            "{}: span {:?} outside 0..{chars}",
            f.rule,
            f.span
        );
    }
    for score in report.scores.values() {
        assert!(score.value.is_finite(), "score {score:?}");
    }
    let json = serde_json::to_vec(&report).expect("a report serialises");
    let back: shengao::report::Report = serde_json::from_slice(&json).expect("and reads back");
    assert!(back == report, "the report changed through JSON");
});
