//! Reading a path or standard input into text, as offices actually have it.

mod decode;

use std::fmt;
use std::io::Read;
use std::path::Path;

use crate::analyze::Analysis;
use crate::doc::Document;
use crate::report::{Finding, Source};
use crate::rules::{Rule, Severity};

pub use decode::{Decoded, Encoding, decode};

/// A text read and decoded, with what is known of where it came from.
#[derive(Debug)]
pub struct Input {
    /// The path as given; `-` for standard input.
    pub path: String,
    pub encoding: Encoding,
    /// The input began with a byte-order mark (not part of `text`).
    pub bom: bool,
    pub bytes: u64,
    pub text: String,
}

/// Why an input could not be read. Displayed as one line, path first.
#[derive(Debug)]
pub struct InputError {
    pub path: String,
    pub reason: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

impl std::error::Error for InputError {}

fn error(path: &str, reason: impl Into<String>) -> InputError {
    InputError {
        path: path.to_string(),
        reason: reason.into(),
    }
}

/// Reads and decodes the file at `path`, or standard input for `-`.
/// `forced` overrides encoding detection.
pub fn read(path: &str, forced: Option<Encoding>) -> Result<Input, InputError> {
    let bytes = if path == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|e| error(path, format!("cannot read standard input: {e}")))?;
        bytes
    } else {
        read_file(path)?
    };
    from_bytes(path, &bytes, forced)
}

fn read_file(path: &str) -> Result<Vec<u8>, InputError> {
    let p = Path::new(path);
    let meta = std::fs::metadata(p).map_err(|e| error(path, io_reason(&e)))?;
    if meta.is_dir() {
        return Err(error(
            path,
            "is a directory; use `shengao batch DIR` to review a folder, or name the files (e.g. DIR/*.txt)",
        ));
    }
    std::fs::read(p).map_err(|e| error(path, io_reason(&e)))
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Decodes bytes already read from `path`.
pub fn from_bytes(path: &str, bytes: &[u8], forced: Option<Encoding>) -> Result<Input, InputError> {
    let decoded = decode(bytes, forced).map_err(|reason| error(path, reason))?;
    Ok(Input {
        path: path.to_string(),
        encoding: decoded.encoding,
        bom: decoded.bom,
        bytes: bytes.len() as u64,
        text: decoded.text,
    })
}

/// The line endings of `text`: `LF`, `CRLF`, `CR`, `mixed` or `none`.
pub fn line_endings(text: &str) -> &'static str {
    let bytes = text.as_bytes();
    let (mut lf, mut crlf, mut cr) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => lf += 1,
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                crlf += 1;
                i += 1;
            }
            b'\r' => cr += 1,
            _ => {}
        }
        i += 1;
    }
    match (lf > 0, crlf > 0, cr > 0) {
        (false, false, false) => "none",
        (true, false, false) => "LF",
        (false, true, false) => "CRLF",
        (false, false, true) => "CR",
        _ => "mixed",
    }
}

/// The `source` part of a report.
pub fn source(input: &Input, doc: &Document) -> Source {
    Source {
        path: input.path.clone(),
        encoding: input.encoding.name().to_string(),
        bytes: input.bytes,
        chars: doc.char_offset(doc.text.len()) as u64,
        lines: doc.line_count() as u64,
        line_endings: line_endings(&doc.text).to_string(),
    }
}

pub static LEGACY_ENCODING: Rule = Rule {
    id: "input/legacy-encoding",
    severity: Severity::Info,
    summary: "The file is not UTF-8 (GB18030/GBK or UTF-16)",
    explanation: "\
Notes that the file was decoded from GB18030 (which includes GBK and GB2312) or UTF-16 rather \
than UTF-8. shengao reads these encodings fully; the notice is there because other tools, web \
forms and version control often do not.

Why it matters: a GBK file shown as UTF-8 turns into mojibake, and mixed encodings in one \
archive break search and diff. Saving drafts as UTF-8 avoids both. `shengao fix --write` keeps \
the original encoding, so converting is a deliberate step.

Example: a draft saved by an old editor as GBK gives `input/legacy-encoding: decoded as \
GB18030`.",
};

pub static MIXED_LINE_ENDINGS: Rule = Rule {
    id: "input/mixed-line-endings",
    severity: Severity::Info,
    summary: "The file mixes CRLF, LF and CR line endings",
    explanation: "\
Notes a file whose lines end in more than one way (Windows CRLF, Unix LF, old Mac CR).

Why it matters: mixed endings usually mean text was pasted together from several sources; \
diffs then show whole lines as changed and some editors show stray ^M marks. Line numbers in \
shengao's findings count every kind of line break, so they stay right either way.

Example: a summary written on Windows (CRLF) with a paragraph pasted from a web page (LF).",
};

pub static REPLACEMENT_CHARACTER: Rule = Rule {
    id: "input/replacement-character",
    severity: Severity::Warning,
    summary: "The text contains U+FFFD �, a sign that characters were lost in an earlier conversion",
    explanation: "\
Finds the replacement character U+FFFD (�), which a program writes where it could not decode \
a character.

Why it matters: each � stands for a character that is already gone, usually from a copy \
between programs with different encodings; the draft needs the original wording put back \
before it is sent on.

Example: `今年实现地区生产总值��亿元` after a GBK text was opened as UTF-8 and saved.",
};

pub static RULES: &[&Rule] = &[
    &LEGACY_ENCODING,
    &MIXED_LINE_ENDINGS,
    &REPLACEMENT_CHARACTER,
];

/// Findings about the input itself.
pub fn analyze(input: &Input, doc: &Document, out: &mut Analysis) {
    if input.encoding != Encoding::Utf8 {
        out.findings.push(Finding::new(
            &LEGACY_ENCODING,
            doc,
            0..0,
            format!(
                "decoded as {}; consider saving drafts as UTF-8",
                input.encoding.name()
            ),
        ));
    }
    if line_endings(&doc.text) == "mixed" {
        let first_cr = doc.text.find('\r').unwrap_or(0);
        out.findings.push(Finding::new(
            &MIXED_LINE_ENDINGS,
            doc,
            first_cr..first_cr,
            "the file mixes line endings (CRLF, LF, CR)",
        ));
    }
    for (i, _) in doc.text.match_indices('\u{FFFD}') {
        out.findings.push(Finding::new(
            &REPLACEMENT_CHARACTER,
            doc,
            i..i + '\u{FFFD}'.len_utf8(),
            "a replacement character (�): a character was lost before this file was written",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_are_classified() {
        assert_eq!(line_endings("a\nb\n"), "LF");
        assert_eq!(line_endings("a\r\nb\r\n"), "CRLF");
        assert_eq!(line_endings("a\rb"), "CR");
        assert_eq!(line_endings("a\r\nb\n"), "mixed");
        assert_eq!(line_endings("a"), "none");
    }

    #[test]
    fn errors_name_the_path_first() {
        let err = read("/no/such/file.txt", None).unwrap_err();
        assert_eq!(err.to_string(), "/no/such/file.txt: no such file");
        let dir = std::env::temp_dir();
        let err = read(dir.to_str().unwrap(), None).unwrap_err();
        assert!(
            err.to_string()
                .contains("is a directory; use `shengao batch DIR`")
        );
    }
}
