//! Renderers: one per output format, behind one trait. They format; they never compute.
//!
//! An emitter gets each [`Report`] together with the decoded text it was computed from: the
//! report's spans count chars, and some formats need more than that (reviewdog counts columns
//! in UTF-8 bytes, the text format shows the line under a finding). [`SourceText`] turns the
//! report's positions into those; nothing here looks at the text for anything else.
//!
//! `check` and `batch` drive an emitter the same way:
//!
//! ```no_run
//! # use shengao::{emit, cli::Format, report::Report};
//! # fn reports() -> Vec<(Report, String)> { Vec::new() }
//! let mut out = std::io::stdout().lock();
//! let mut emitter = emit::emitter(Format::Sarif, &emit::Options::for_stdout(2));
//! for (report, text) in reports() {
//!     emitter.report(&mut out, &report, &text)?;
//! }
//! emitter.finish(&mut out)?;
//! # Ok::<(), std::io::Error>(())
//! ```

mod github;
mod json;
mod jsonl;
mod rdjson;
mod sarif;
mod text;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::cli::Format;
use crate::report::Report;

/// Writes reports in one format. `report` is called once per document, in input order, with
/// the decoded text the report was computed from; `finish` once at the end. Formats that are
/// one document for the whole run (SARIF, rdjson) write it in `finish`.
pub trait Emitter {
    fn report(&mut self, out: &mut dyn Write, report: &Report, text: &str) -> io::Result<()>;
    /// An input that could not be reviewed, and why, in input order among the reports. A
    /// format with a place for it records it (SARIF's tool execution notifications); the
    /// others leave it to the message on standard error.
    fn unreadable(&mut self, path: &str, reason: &str) {
        let _ = (path, reason);
    }
    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()>;
}

/// How the emitters write.
#[derive(Debug, Clone)]
pub struct Options {
    /// How many documents will be written (`json` writes an array unless it is 1).
    pub inputs: usize,
    /// Colour the text format with ANSI escapes.
    pub color: bool,
    /// The folder paths are made relative to for review tools (SARIF's `%SRCROOT%`, rdjson,
    /// GitHub annotations); usually the current directory.
    pub base_dir: PathBuf,
}

impl Options {
    /// Options for writing `inputs` documents to standard output: colour when it is a terminal
    /// (and `NO_COLOR` is not set), paths relative to the current directory.
    pub fn for_stdout(inputs: usize) -> Options {
        Options {
            inputs,
            color: use_color(
                io::stdout().is_terminal(),
                std::env::var_os("NO_COLOR").as_deref(),
                std::env::var_os("TERM").as_deref(),
            ),
            base_dir: std::env::current_dir().unwrap_or_default(),
        }
    }
}

/// Whether to colour: only on a terminal, never when `NO_COLOR` is set to anything but the
/// empty string (<https://no-color.org>), never on a `dumb` terminal.
pub fn use_color(
    is_terminal: bool,
    no_color: Option<&std::ffi::OsStr>,
    term: Option<&std::ffi::OsStr>,
) -> bool {
    is_terminal && no_color.is_none_or(|v| v.is_empty()) && term.is_none_or(|t| t != "dumb")
}

/// The emitter for `format`.
pub fn emitter(format: Format, options: &Options) -> Box<dyn Emitter> {
    let base = options.base_dir.clone();
    match format {
        Format::Text => Box::new(text::Text::new(options.color)),
        Format::Json => Box::new(json::Json::new(options.inputs)),
        Format::Jsonl => Box::new(jsonl::Jsonl),
        Format::Sarif => Box::new(sarif::Sarif::new(base)),
        Format::Rdjson => Box::new(rdjson::Rdjson::new(base)),
        Format::Rdjsonl => Box::new(rdjson::Rdjsonl::new(base)),
        Format::Github => Box::new(github::Github::new(base)),
    }
}

/// A report's text, indexed so that a char offset becomes a byte offset in O(1) (one number
/// per line and one per 64 chars, built in one pass).
pub struct SourceText<'a> {
    text: &'a str,
    /// Byte offset where each line starts, after a CRLF, LF or CR (as the document model
    /// counts lines).
    line_starts: Vec<usize>,
    /// `block_starts[k]` = byte offset of char `k * BLOCK`.
    block_starts: Vec<usize>,
}

const BLOCK: usize = 64;

impl<'a> SourceText<'a> {
    pub fn new(text: &'a str) -> SourceText<'a> {
        let line_starts = crate::doc::line_starts(text);
        let block_starts = text.char_indices().step_by(BLOCK).map(|(i, _)| i).collect();
        SourceText {
            text,
            line_starts,
            block_starts,
        }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The number of chars in the text (counting at most one block's).
    pub fn char_count(&self) -> u64 {
        let Some(&last) = self.block_starts.last() else {
            return 0;
        };
        ((self.block_starts.len() - 1) * BLOCK + self.text[last..].chars().count()) as u64
    }

    /// The byte offset of char offset `chars` (the text's length past the end).
    pub fn byte_offset(&self, chars: u64) -> usize {
        let chars = usize::try_from(chars).unwrap_or(usize::MAX);
        let Some(&from) = self.block_starts.get(chars / BLOCK) else {
            return self.text.len();
        };
        self.text[from..]
            .char_indices()
            .nth(chars % BLOCK)
            .map_or(self.text.len(), |(i, _)| from + i)
    }

    /// The byte range of 1-based line `line`, line break excluded (empty past the end).
    pub fn line_range(&self, line: u64) -> std::ops::Range<usize> {
        let index = usize::try_from(line).unwrap_or(usize::MAX).wrapping_sub(1);
        let Some(&start) = self.line_starts.get(index) else {
            return self.text.len()..self.text.len();
        };
        let end = self
            .line_starts
            .get(index + 1)
            .copied()
            .unwrap_or(self.text.len());
        let content = self.text[start..end].trim_end_matches(['\r', '\n']);
        start..start + content.len()
    }

    /// The 1-based column, in UTF-8 bytes, of char offset `chars`, which lies on `line`.
    pub fn byte_column(&self, line: u64, chars: u64) -> u64 {
        let start = self.line_range(line).start;
        (self.byte_offset(chars).saturating_sub(start) + 1) as u64
    }
}

/// `path` as review tools want it: relative to `base` when it lies under it, with `/` as the
/// separator and no leading `./`; other paths (and `-`) are kept as given.
pub fn tool_path(path: &str, base: &Path) -> String {
    let p = Path::new(path);
    let relative = if p.is_absolute() {
        p.strip_prefix(base).unwrap_or(p)
    } else {
        p
    };
    let mut parts: Vec<String> = Vec::new();
    for part in relative.components() {
        match part {
            std::path::Component::CurDir => {}
            // Kept as an empty first part, so the join starts with `/`.
            std::path::Component::RootDir if parts.is_empty() => parts.push(String::new()),
            std::path::Component::RootDir => {}
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    if parts.is_empty() || (parts.len() == 1 && parts[0].is_empty()) {
        return path.to_string();
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_offsets_of_char_offsets() {
        let text = "ab你好𠀀c\r\n第二行";
        let source = SourceText::new(text);
        for (chars, (bytes, _)) in text.char_indices().enumerate() {
            assert_eq!(source.byte_offset(chars as u64), bytes, "char {chars}");
        }
        let total = text.chars().count() as u64;
        assert_eq!(source.char_count(), total);
        assert_eq!(source.byte_offset(total), text.len());
        assert_eq!(source.byte_offset(total + 5), text.len());
    }

    #[test]
    fn byte_offsets_past_many_blocks() {
        let text = "汉字a".repeat(100);
        let source = SourceText::new(&text);
        assert_eq!(source.byte_offset(200), 7 * (200 / 3) + 6);
        assert_eq!(source.byte_offset(299), text.len() - 1);
        for n in [0, 1, 63, 64, 65, 128] {
            assert_eq!(SourceText::new(&"字".repeat(n)).char_count(), n as u64);
        }
        assert_eq!(source.char_count(), 300);
    }

    #[test]
    fn lines_break_at_lf_crlf_and_cr() {
        let source = SourceText::new("一\r\n二\n三\r四");
        let lines: Vec<&str> = (1..=5)
            .map(|n| &source.text()[source.line_range(n)])
            .collect();
        assert_eq!(lines, ["一", "二", "三", "四", ""]);
    }

    #[test]
    fn byte_columns_count_utf8_bytes() {
        // 你 and 好 are 3 bytes each, 𠀀 is 4.
        let source = SourceText::new("x\n你好𠀀a");
        assert_eq!(source.byte_column(2, 2), 1);
        assert_eq!(source.byte_column(2, 3), 4);
        assert_eq!(source.byte_column(2, 4), 7);
        assert_eq!(source.byte_column(2, 5), 11);
        assert_eq!(source.byte_column(2, 6), 12);
    }

    #[test]
    fn tool_paths_are_relative_to_the_base() {
        let base = Path::new("/work/repo");
        assert_eq!(tool_path("/work/repo/docs/a.txt", base), "docs/a.txt");
        assert_eq!(tool_path("./docs/a.txt", base), "docs/a.txt");
        assert_eq!(tool_path("docs/a.txt", base), "docs/a.txt");
        assert_eq!(tool_path("/elsewhere/a.txt", base), "/elsewhere/a.txt");
        assert_eq!(tool_path("../a.txt", base), "../a.txt");
        assert_eq!(tool_path("-", base), "-");
    }

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        use std::ffi::OsStr;
        assert!(use_color(true, None, None));
        assert!(!use_color(false, None, None));
        assert!(!use_color(true, Some(OsStr::new("1")), None));
        assert!(use_color(true, Some(OsStr::new("")), None));
        assert!(!use_color(true, None, Some(OsStr::new("dumb"))));
        assert!(use_color(true, None, Some(OsStr::new("xterm-256color"))));
    }
}
