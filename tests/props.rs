//! Properties of the whole review over arbitrary input: no panic, every span on char
//! boundaries and inside the text, every score finite, and the report survives its own
//! JSON. The fuzz target (fuzz/) checks the same over arbitrary bytes for much longer.

use proptest::prelude::*;
use shengao::analyze;
use shengao::config::Config;
use shengao::input::{self, Input};
use shengao::report::{OutlineNode, Report, Span};
use shengao::rules;

/// Text made of what the analyzers look at, or anything at all.
fn drafts() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "。",
        "？",
        "！",
        "?",
        "!",
        "，",
        "；",
        "：",
        "、",
        "“",
        "”",
        "‘",
        "’",
        "《",
        "》",
        "（",
        "）",
        "(",
        ")",
        "【",
        "】",
        "……",
        "——",
        "\n",
        "\r\n",
        "\r",
        "\u{2028}",
        "　　",
        " ",
        "\t",
        "一、",
        "（一）",
        "1.",
        "（1）",
        "第一部分",
        "二、",
        "十一、",
        "要",
        "进一步",
        "加强",
        "工作",
        "推进",
        "高质量发展",
        "3.5%",
        "2024年",
        "GDP",
        "𠀀",
        "\u{FFFD}",
        "\u{FEFF}",
        "e\u{301}",
        "👍🏽",
        "a",
        "Z",
        "0",
    ]);
    prop_oneof![
        prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat()),
        any::<String>(),
    ]
}

/// Reviews `text` as if read from a UTF-8 file, bypassing the decoder's refusal of control
/// characters, so that every string reaches the analyzers.
fn review(text: &str) -> Report {
    analyze::review(
        Input::plain("prop.txt", text.to_string()),
        &Config::default(),
    )
}

/// The chars of `text` between char offsets.
fn chars_between(text: &str, start: u64, end: u64) -> String {
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

/// (line, column) of a char offset, counting CRLF, LF and CR as one break each.
fn line_column(text: &str, offset: u64) -> (u64, u64) {
    let (mut line, mut column) = (1, 1);
    let mut chars = text.chars().take(offset as usize).peekable();
    while let Some(c) = chars.next() {
        let crlf = c == '\r' && chars.peek() == Some(&'\n');
        if crlf {
            chars.next();
        }
        if c == '\n' || c == '\r' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    // A CRLF split by `take` leaves the offset between CR and LF, which no span uses.
    (line, column)
}

fn check_span(text: &str, span: &Span, what: &str) -> Result<(), TestCaseError> {
    let chars = text.chars().count() as u64;
    prop_assert!(
        span.start <= span.end && span.end <= chars,
        "{what}: span {span:?} outside 0..{chars}"
    );
    prop_assert_eq!(
        (span.line, span.column),
        line_column(text, span.start),
        "{} start",
        what
    );
    prop_assert_eq!(
        (span.end_line, span.end_column),
        line_column(text, span.end),
        "{} end",
        what
    );
    Ok(())
}

fn check_outline(text: &str, nodes: &[OutlineNode]) -> Result<(), TestCaseError> {
    for node in nodes {
        check_span(text, &node.span, "outline")?;
        check_outline(text, &node.children)?;
    }
    Ok(())
}

fn check_report(text: &str, report: &Report) -> Result<(), TestCaseError> {
    for f in &report.findings {
        prop_assert!(
            rules::find(&f.rule).is_some(),
            "unregistered rule {}",
            f.rule
        );
        check_span(text, &f.span, &f.rule)?;
        // The finding's text is exactly the chars under its span: the span's byte range lay
        // on char boundaries.
        prop_assert_eq!(&f.text, &chars_between(text, f.span.start, f.span.end));
    }
    check_outline(text, &report.outline)?;
    for (name, score) in &report.scores {
        prop_assert!(
            score.value.is_finite() && (0.0..=100.0).contains(&score.value),
            "score {name} = {}",
            score.value
        );
        for part in &score.parts {
            prop_assert!(
                part.value.is_finite() && part.weight.is_finite() && part.contribution.is_finite(),
                "score {name} part {} not finite: {part:?}",
                part.name
            );
        }
    }
    prop_assert_eq!(report.source.chars, text.chars().count() as u64);
    // The report reads back from its JSON unchanged: no NaN or infinity hides in the
    // metrics (serde_json writes them as null, which does not read back as a number).
    let json = serde_json::to_string(report).expect("a report serialises");
    let back: Report = serde_json::from_str(&json).expect("its JSON reads back");
    prop_assert_eq!(&back, report);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_text_reviews_without_panic_and_with_sound_spans(text in drafts()) {
        let report = review(&text);
        check_report(&text, &report)?;
    }

    #[test]
    fn any_bytes_are_read_or_refused_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        for name in ["p.txt", "p.docx"] {
            if let Ok(input) = input::from_bytes(name, &bytes, None) {
                let text = input.text.clone();
                let report = analyze::review(input, &Config::default());
                check_report(&text, &report)?;
            }
        }
    }

    #[test]
    fn bytes_behind_a_zip_signature_never_panic(tail in prop::collection::vec(any::<u8>(), 0..512)) {
        let bytes = [b"PK\x03\x04".as_slice(), &tail].concat();
        prop_assert!(input::from_bytes("p.docx", &bytes, None).is_err());
    }
}
