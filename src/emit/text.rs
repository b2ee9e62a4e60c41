//! `--format text`: one line per finding, `path:line:col: severity[rule] message`, the text
//! it is about, then a summary line per document.

use std::io::{self, Write};

use super::Emitter;
use crate::report::Report;
use crate::rules::Severity;

pub struct Text;

impl Emitter for Text {
    fn report(&mut self, out: &mut dyn Write, report: &Report) -> io::Result<()> {
        let path = &report.source.path;
        for f in &report.findings {
            writeln!(
                out,
                "{path}:{}:{}: {}[{}] {}",
                f.span.line, f.span.column, f.severity, f.rule, f.message
            )?;
            if !f.text.is_empty() {
                write!(out, "    「{}」", one_line(&f.text))?;
                match &f.suggestion {
                    Some(s) => writeln!(out, " → 「{}」", one_line(s))?,
                    None => writeln!(out)?,
                }
            }
        }
        let count = |s| report.findings.iter().filter(|f| f.severity == s).count();
        let st = &report.stats;
        writeln!(
            out,
            "{path}: {} · {} lines, {} paragraphs, {} sentences, {} clauses, {} words, {} Han chars · {} errors, {} warnings, {} notes",
            report.source.encoding,
            report.source.lines,
            st.paragraphs,
            st.sentences,
            st.clauses,
            st.tokens,
            st.han_chars,
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info),
        )?;
        if !report.scores.is_empty() {
            let scores: Vec<String> = report
                .scores
                .iter()
                .map(|(name, s)| format!("{name} {:.0} ({})", s.value, s.band))
                .collect();
            writeln!(out, "{path}: scores: {}", scores.join(", "))?;
        }
        Ok(())
    }

    fn finish(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// Long or multi-line text shortened to one line for display.
fn one_line(s: &str) -> String {
    const MAX: usize = 40;
    let flat: String = s
        .chars()
        .map(|c| if c == '\n' || c == '\r' { '⏎' } else { c })
        .collect();
    if flat.chars().count() <= MAX {
        flat
    } else {
        flat.chars().take(MAX).chain("…".chars()).collect()
    }
}
