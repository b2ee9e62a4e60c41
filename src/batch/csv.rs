//! `batch --format csv`: a header, then one row per input, for spreadsheets.
//!
//! The columns are fixed (a spreadsheet keyed on them keeps working): [`COLUMNS`]. A report
//! fills every column but `error`; an error row fills `path`, `id`, `status` and `error`.
//! Scores the report does not have are left empty. Fields are quoted as RFC 4180 says (when
//! they hold a comma, a quote or a line break); rows end in CRLF, as RFC 4180 and Excel expect.

use std::fmt::Write as _;

use serde_json::Value;

use super::record::Id;

use crate::report::{Report, SeverityCounts};

/// The scores with a column, by their name in `report.scores`: the scores the analyzers'
/// areas define. An area that adds a score adds its name here (at the end).
pub const SCORES: &[&str] = &["structure", "phrases", "readability", "redundancy"];

/// The columns, in order. `score_*` follow, one per [`SCORES`] entry.
pub const COLUMNS: &[&str] = &[
    "path",
    "id",
    "status",
    "error",
    "encoding",
    "bytes",
    "chars",
    "lines",
    "paragraphs",
    "sentences",
    "clauses",
    "tokens",
    "han_chars",
    "findings_error",
    "findings_warning",
    "findings_info",
];

/// The header line.
pub fn header() -> String {
    let mut names: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
    names.extend(SCORES.iter().map(|s| format!("score_{s}")));
    let mut line = names.join(",");
    line.push_str("\r\n");
    line
}

/// The row of a report.
pub fn report_row(report: &Report, id: Option<&Id>, findings: &SeverityCounts) -> String {
    let (source, stats) = (&report.source, &report.stats);
    let mut fields = vec![
        field(&source.path),
        id.map(id_text).map_or_else(String::new, |id| field(&id)),
        "report".to_string(),
        String::new(),
        field(&source.encoding),
    ];
    fields.extend(
        [
            source.bytes,
            source.chars,
            source.lines,
            stats.paragraphs,
            stats.sentences,
            stats.clauses,
            stats.tokens,
            stats.han_chars,
            findings.error,
            findings.warning,
            findings.info,
        ]
        .map(|n| n.to_string()),
    );
    for name in SCORES {
        fields.push(
            report
                .scores
                .get(*name)
                .filter(|s| s.value.is_finite())
                .map_or_else(String::new, |s| score_cell(s.value)),
        );
    }
    line(&fields)
}

/// The row of an input that could not be reviewed.
pub fn error_row(path: &str, id: Option<&Id>, error: &str) -> String {
    let mut fields = vec![
        field(path),
        id.map(id_text).map_or_else(String::new, |id| field(&id)),
        "error".to_string(),
        field(error),
    ];
    fields.resize(COLUMNS.len() + SCORES.len(), String::new());
    line(&fields)
}

/// An id as a cell: a string as it is, no id (`null`) as an empty cell, anything else as its
/// JSON text, as the line wrote it.
fn id_text(id: &Id) -> String {
    match serde_json::from_str::<Value>(id.json()) {
        Ok(Value::String(s)) => s,
        Ok(Value::Null) => String::new(),
        _ => id.json().to_string(),
    }
}

/// A score as a cell: two decimals at most (79.44, 84.06, 100), as a spreadsheet shows it;
/// the JSON report keeps every digit.
fn score_cell(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        let mut quoted = String::with_capacity(s.len() + 2);
        let _ = write!(quoted, "\"{}\"", s.replace('"', "\"\""));
        quoted
    } else {
        s.to_string()
    }
}

fn line(fields: &[String]) -> String {
    let mut line = fields.join(",");
    line.push_str("\r\n");
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_have_two_decimals_at_most_and_null_ids_no_text() {
        assert_eq!(score_cell(79.44444444444444), "79.44");
        assert_eq!(score_cell(84.058), "84.06");
        assert_eq!(score_cell(100.0), "100");
        assert_eq!(score_cell(50.5), "50.5");
        let error = error_row("-:2", Some(&Id::null()), "not JSON");
        assert!(error.starts_with("-:2,,error,not JSON,"), "{error}");
    }

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(field("a.txt"), "a.txt");
        assert_eq!(field("a,b.txt"), "\"a,b.txt\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn every_row_has_every_column() {
        let width = header().split(',').count();
        assert_eq!(width, COLUMNS.len() + SCORES.len());
        let error = error_row("x.txt", Some(&Id::from(Value::from(3))), "no such file");
        assert_eq!(
            error,
            format!("x.txt,3,error,no such file{}\r\n", ",".repeat(width - 4))
        );
        let input = crate::input::from_bytes("a.txt", "今年增长了。".as_bytes(), None).unwrap();
        let report = crate::analyze::review(input, &Default::default());
        let row = report_row(&report, None, &SeverityCounts::default());
        assert_eq!(row.trim_end().split(',').count(), width);
        assert!(
            row.starts_with("a.txt,,report,,UTF-8,18,6,1,1,1,1,"),
            "{row}"
        );
    }

    #[test]
    fn ids_are_cells() {
        assert_eq!(id_text(&Id::from(Value::from("doc-1"))), "doc-1");
        assert_eq!(id_text(&Id::from(serde_json::json!({"a": 1}))), "{\"a\":1}");
    }
}
