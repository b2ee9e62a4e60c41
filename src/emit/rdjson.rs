//! `--format rdjson` and `--format rdjsonl`: reviewdog's diagnostic format
//! (`reviewdog -f=rdjson` / `-f=rdjsonl`).
//!
//! rdjson is one `DiagnosticResult` for the whole run (written by `finish`); rdjsonl is one
//! `Diagnostic` per line, written as each document is done. A diagnostic:
//!
//! ```json
//! {"message": "替换字符「�」：…",
//!  "location": {"path": "docs/草稿.txt",
//!               "range": {"start": {"line": 2, "column": 7}, "end": {"line": 2, "column": 10}}},
//!  "severity": "WARNING",
//!  "source": {"name": "shengao"},
//!  "code": {"value": "input/replacement-character"},
//!  "suggestions": [{"range": {…}, "text": "…"}]}
//! ```
//!
//! Lines and columns are 1-based and **columns count UTF-8 bytes** of the line (so after
//! `你好` the column is 7); `end` is exclusive. Severity is `ERROR`, `WARNING` or `INFO`. A
//! finding with a certain fix gets one suggestion replacing its range. Paths are relative to
//! the folder shengao ran in when the file lies under it.

use std::io::{self, Write};
use std::path::PathBuf;

use serde::Serialize;

use super::{Emitter, SourceText, tool_path};
use crate::report::{Report, Span};
use crate::rules::Severity;

/// The whole run as one `DiagnosticResult`.
pub struct Rdjson {
    base: PathBuf,
    diagnostics: Vec<Diagnostic>,
}

impl Rdjson {
    pub fn new(base: PathBuf) -> Rdjson {
        Rdjson {
            base,
            diagnostics: Vec::new(),
        }
    }
}

impl Emitter for Rdjson {
    fn report(&mut self, _out: &mut dyn Write, report: &Report, text: &str) -> io::Result<()> {
        self.diagnostics
            .extend(diagnostics(report, text, &self.base));
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let result = DiagnosticResult {
            source: SOURCE,
            diagnostics: std::mem::take(&mut self.diagnostics),
        };
        serde_json::to_writer_pretty(&mut *out, &result)?;
        out.write_all(b"\n")
    }
}

/// One diagnostic per line.
pub struct Rdjsonl {
    base: PathBuf,
}

impl Rdjsonl {
    pub fn new(base: PathBuf) -> Rdjsonl {
        Rdjsonl { base }
    }
}

impl Emitter for Rdjsonl {
    fn report(&mut self, out: &mut dyn Write, report: &Report, text: &str) -> io::Result<()> {
        for diagnostic in diagnostics(report, text, &self.base) {
            serde_json::to_writer(&mut *out, &diagnostic)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn finish(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

const SOURCE: ToolSource = ToolSource { name: "shengao" };

/// The report's findings as diagnostics, with byte columns counted in `text`.
fn diagnostics(report: &Report, text: &str, base: &std::path::Path) -> Vec<Diagnostic> {
    if report.findings.is_empty() {
        return Vec::new();
    }
    let source = SourceText::new(text);
    let path = tool_path(&report.source.path, base);
    report
        .findings
        .iter()
        .map(|f| {
            let range = byte_range(&source, &f.span);
            Diagnostic {
                message: f.message.clone(),
                location: Location {
                    path: path.clone(),
                    range,
                },
                severity: severity(f.severity),
                source: SOURCE,
                code: Code {
                    value: f.rule.clone(),
                },
                suggestions: f
                    .suggestion
                    .iter()
                    .map(|text| Suggestion {
                        range,
                        text: text.clone(),
                    })
                    .collect(),
            }
        })
        .collect()
}

fn byte_range(source: &SourceText, span: &Span) -> Range {
    Range {
        start: Position {
            line: span.line,
            column: source.byte_column(span.line, span.start),
        },
        end: Position {
            line: span.end_line,
            column: source.byte_column(span.end_line, span.end),
        },
    }
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info => "INFO",
    }
}

#[derive(Serialize)]
struct DiagnosticResult {
    source: ToolSource,
    diagnostics: Vec<Diagnostic>,
}

#[derive(Serialize, Clone, Copy)]
struct ToolSource {
    name: &'static str,
}

#[derive(Serialize)]
struct Diagnostic {
    message: String,
    location: Location,
    severity: &'static str,
    source: ToolSource,
    code: Code,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suggestions: Vec<Suggestion>,
}

#[derive(Serialize)]
struct Location {
    path: String,
    range: Range,
}

#[derive(Serialize, Clone, Copy)]
struct Range {
    start: Position,
    end: Position,
}

#[derive(Serialize, Clone, Copy)]
struct Position {
    line: u64,
    /// 1-based, in UTF-8 bytes.
    column: u64,
}

#[derive(Serialize)]
struct Code {
    value: String,
}

#[derive(Serialize)]
struct Suggestion {
    range: Range,
    text: String,
}
