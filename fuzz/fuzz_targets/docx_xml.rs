//! Arbitrary XML as the parts of a .docx, then the whole review of its text. The `pipeline`
//! target reaches the XML only through zip entries whose checksum must match, which random
//! mutations almost never keep; this target feeds the XML readers directly.
//!
//! The input is the document part, then optionally the styles and numbering parts, each
//! separated by the bytes FF FE FD (which UTF-8 never contains).

#![no_main]

use libfuzzer_sys::fuzz_target;
use shengao::analyze;
use shengao::config::Config;
use shengao::input::{Encoding, Input, docx};
use shengao::report::SourceKind;

const SEPARATOR: &[u8] = b"\xFF\xFE\xFD";

fuzz_target!(|data: &[u8]| {
    let mut parts = split(data);
    let document = parts.next().unwrap_or_default();
    let styles = parts.next();
    let numbering = parts.next();
    let Ok(read) = docx::from_parts(document, styles, numbering) else {
        return;
    };
    // Every line of the text is a paragraph: a line break never comes from inside one.
    let hints_ok = read.headings.iter().all(|h| {
        h.line >= 1 && h.line <= read.text.lines().count() as u64 && (1..=9).contains(&h.level)
    });
    assert!(
        hints_ok,
        "heading hints outside the text: {:?}",
        read.headings
    );
    let chars = read.text.chars().count() as u64;
    let input = Input {
        path: "fuzz.docx".to_string(),
        kind: SourceKind::Docx,
        encoding: Encoding::Utf8,
        bom: false,
        bytes: data.len() as u64,
        text: read.text,
        heading_hints: read.headings,
    };
    let report = analyze::review(input, &Config::default());
    for f in &report.findings {
        assert!(
            f.span.end <= chars,
            "{}: span {:?} outside the text",
            f.rule,
            f.span
        );
    }
});

fn split(data: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = Some(data);
    std::iter::from_fn(move || {
        let current = rest?;
        match current
            .windows(SEPARATOR.len())
            .position(|w| w == SEPARATOR)
        {
            Some(at) => {
                rest = Some(&current[at + SEPARATOR.len()..]);
                Some(&current[..at])
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}
