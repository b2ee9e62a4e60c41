//! `--format github`: GitHub Actions workflow commands, one per finding, which GitHub shows as
//! annotations on the file in the pull request:
//!
//! ```text
//! ::warning file=docs/草稿.txt,line=2,col=3,endLine=2,endColumn=4,title=shengao (input/replacement-character)::替换字符「�」：…
//! ```
//!
//! `error` findings become `::error`, `warning` `::warning`, `info` `::notice`. Columns count
//! chars as in the JSON report, `endColumn` is exclusive. The path is relative to the folder
//! shengao ran in (the workspace in a workflow). Values are escaped as the workflow-command
//! syntax requires: `%`, CR and LF in the message; those and `:` and `,` in the properties.
//! Input read from standard input has no file to annotate, so its commands carry no location.

use std::io::{self, Write};
use std::path::PathBuf;

use super::{Emitter, tool_path};
use crate::report::Report;
use crate::rules::Severity;

pub struct Github {
    base: PathBuf,
}

impl Github {
    pub fn new(base: PathBuf) -> Github {
        Github { base }
    }
}

impl Emitter for Github {
    fn report(&mut self, out: &mut dyn Write, report: &Report, _text: &str) -> io::Result<()> {
        let path = tool_path(&report.source.path, &self.base);
        for f in &report.findings {
            let command = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut properties = Vec::new();
            if report.source.path != "-" {
                let s = &f.span;
                properties.push(format!("file={}", escape_property(&path)));
                properties.push(format!("line={}", s.line));
                properties.push(format!("col={}", s.column));
                properties.push(format!("endLine={}", s.end_line));
                properties.push(format!("endColumn={}", s.end_column));
            }
            let title = format!("shengao ({})", f.rule);
            properties.push(format!("title={}", escape_property(&title)));
            let message = match &f.suggestion {
                Some(s) if s.is_empty() => {
                    format!("{} (suggestion: delete 「{}」)", f.message, f.text)
                }
                Some(s) => format!("{} (suggestion: 「{s}」)", f.message),
                None => f.message.clone(),
            };
            writeln!(
                out,
                "::{command} {}::{}",
                properties.join(","),
                escape_data(&message)
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// A command's message: `%`, CR and LF are percent-encoded.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: as [`escape_data`], and `:` and `,` too.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_and_properties_are_escaped() {
        assert_eq!(escape_data("增长3.5%\r\n下一行"), "增长3.5%25%0D%0A下一行");
        assert_eq!(escape_data("a:b,c"), "a:b,c");
        assert_eq!(escape_property("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae");
        // Already-escaped text is escaped again, not taken for an escape.
        assert_eq!(escape_data("%0A"), "%250A");
    }
}
