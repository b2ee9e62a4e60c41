//! Reading a path or standard input into text, as offices actually have it.
//!
//! What a file is, is decided by its first bytes: a zip archive is read as a Word .docx
//! ([`docx`]), an OLE2 container (old binary Word .doc, WPS, or a password-protected Office
//! file) and RTF are refused with advice, anything else is decoded as text ([`decode`]).
//! Every read works within [`limits::Limits`].

mod decode;
pub mod docx;
pub mod limits;

use std::borrow::Cow;
use std::fmt;
use std::path::Path;

use crate::analyze::Analysis;
use crate::doc::Document;
use crate::report::{Finding, HeadingHint, Source, SourceKind};
use crate::rules::{Rule, Severity, Topic};

pub use decode::{Decoded, Encoding, decode};
use limits::{Limits, human, io_reason};

/// A text read and decoded, with what is known of where it came from.
#[derive(Debug)]
pub struct Input {
    /// The path as given; `-` for standard input.
    pub path: String,
    /// A text file, or a .docx whose text has one line per paragraph.
    pub kind: SourceKind,
    /// The encoding the text was decoded with; UTF-8 for a .docx.
    pub encoding: Encoding,
    /// The input began with a byte-order mark (not part of `text`).
    pub bom: bool,
    pub bytes: u64,
    /// The decoded text; how its lines end is read from the document made of it
    /// ([`line_endings`]).
    pub text: String,
    /// Paragraphs a .docx marks as headings by outline level; empty for text.
    pub heading_hints: Vec<HeadingHint>,
    /// The path's bytes when it is not UTF-8 ([`path_bytes`]); `path` shows it lossily.
    pub path_bytes: Option<Vec<u8>>,
}

impl Input {
    /// A UTF-8 text that was never a file, or is reviewed again after a change (as `fix`
    /// does): kind `text`, no byte-order mark.
    pub fn plain(path: &str, text: String) -> Input {
        Input {
            path: path.to_string(),
            kind: SourceKind::Text,
            encoding: Encoding::Utf8,
            bom: false,
            bytes: text.len() as u64,
            text,
            heading_hints: Vec::new(),
            path_bytes: None,
        }
    }
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
pub fn read(path: &Path, forced: Option<Encoding>) -> Result<Input, InputError> {
    read_named(path, None, forced)
}

/// The name an input goes by: its path, or `stdin_name` for standard input (`-`) when one is
/// given. Reports, settings and the input's kind go by it. A path that is not UTF-8 is
/// shown with U+FFFD where its bytes do not decode ([`path_bytes`] keeps them).
pub fn name_of<'a>(path: &'a Path, stdin_name: Option<&'a str>) -> Cow<'a, str> {
    match stdin_name {
        Some(name) if is_stdin(path) => Cow::Borrowed(name),
        _ => path.to_string_lossy(),
    }
}

/// Whether `path` is `-`, standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The bytes of a path that is not UTF-8 (a Unix file name may hold any bytes), which its
/// shown name cannot give back; `None` for a UTF-8 path.
pub fn path_bytes(path: &Path) -> Option<Vec<u8>> {
    if path.to_str().is_some() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Some(path.as_os_str().as_bytes().to_vec())
    }
    #[cfg(not(unix))]
    {
        Some(path.to_string_lossy().into_owned().into_bytes())
    }
}

/// [`read`], with standard input (`-`) taken as the file `stdin_name` when one is given: the
/// report names it so, and its extension tells its kind (a .md name reads Markdown), as
/// `--stdin-name` asks for an editor that pipes in a buffer.
pub fn read_named(
    path: &Path,
    stdin_name: Option<&str>,
    forced: Option<Encoding>,
) -> Result<Input, InputError> {
    let limits = Limits::default();
    let name = name_of(path, stdin_name);
    if !is_stdin(path) {
        let (bytes, _) = read_file(path)?;
        let mut input = from_bytes(&name, &bytes, forced)?;
        input.path_bytes = path_bytes(path);
        return Ok(input);
    }
    let bytes = limits::read_at_most(std::io::stdin().lock(), limits.max_input_bytes)
        .map_err(|e| error(&name, format!("cannot read standard input: {e}")))?
        .ok_or_else(|| error(&name, too_large(&limits)))?;
    from_bytes(&name, &bytes, forced)
}

/// The bytes of the regular file at `path`, within the input limit, and its metadata as
/// read. A folder, a named pipe, a device or a socket is refused unread.
pub fn read_file(path: &Path) -> Result<(Vec<u8>, std::fs::Metadata), InputError> {
    let limits = Limits::default();
    let shown = path.to_string_lossy();
    limits::read_regular(path, limits.max_input_bytes).map_err(|e| {
        let reason = match e {
            limits::ReadError::Io(e) => io_reason(&e),
            limits::ReadError::Folder => "is a directory; use `shengao batch DIR` to review a \
                                          folder, or name the files (e.g. DIR/*.txt)"
                .to_string(),
            limits::ReadError::NotAFile(kind) => format!(
                "is {kind}, not a regular file; shengao reads files (and standard input, as `-`)"
            ),
            limits::ReadError::TooLarge => too_large(&limits),
        };
        error(&shown, reason)
    })
}

fn too_large(limits: &Limits) -> String {
    format!(
        "larger than {}, the most shengao reads (a draft is rarely over 1 MB)",
        human(limits.max_input_bytes)
    )
}

fn too_much_text(limits: &Limits) -> String {
    format!(
        "more than {} of text, the most shengao reviews (a draft is rarely over 1 MB)",
        human(limits.max_text_bytes)
    )
}

/// Reads bytes already taken from `path`: a .docx by its content, otherwise text decoded
/// with `forced` or a detected encoding. Never panics, whatever the bytes.
pub fn from_bytes(path: &str, bytes: &[u8], forced: Option<Encoding>) -> Result<Input, InputError> {
    let limits = Limits::default();
    if bytes.len() as u64 > limits.max_input_bytes {
        return Err(error(path, too_large(&limits)));
    }
    let input = |kind, encoding, bom, text: String, heading_hints| Input {
        path: path.to_string(),
        kind,
        encoding,
        bom,
        bytes: bytes.len() as u64,
        text,
        heading_hints,
        path_bytes: None,
    };
    match container(bytes) {
        Container::Zip => {
            let docx = docx::extract(bytes, &limits).map_err(|reason| error(path, reason))?;
            Ok(input(
                SourceKind::Docx,
                Encoding::Utf8,
                false,
                docx.text,
                docx.headings,
            ))
        }
        Container::Ole2 => Err(error(path, ole2_reason(bytes))),
        Container::Rtf => Err(error(
            path,
            "an RTF document; open it in Word or WPS and save it as .docx (or as UTF-8 text)",
        )),
        Container::Text if is_docx_name(path) => Err(error(
            path,
            "named .docx but not a .docx (which is a zip archive): damaged, or another kind \
             of file renamed",
        )),
        Container::Text if bytes.len() as u64 > limits.max_text_bytes => {
            Err(error(path, too_much_text(&limits)))
        }
        Container::Text => {
            let decoded = decode(bytes, forced).map_err(|reason| error(path, reason))?;
            let kind = match is_markdown_name(path) {
                true => SourceKind::Markdown,
                false => SourceKind::Text,
            };
            Ok(input(
                kind,
                decoded.encoding,
                decoded.bom,
                decoded.text,
                Vec::new(),
            ))
        }
    }
}

/// The container a file's first bytes announce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    /// A zip archive: .docx (or another zip, refused by [`docx::extract`]).
    Zip,
    /// Microsoft's compound file: .doc, .wps, .xls, or an encrypted .docx.
    Ole2,
    Rtf,
    Text,
}

fn container(bytes: &[u8]) -> Container {
    match bytes {
        [b'P', b'K', 3, 4, ..] | [b'P', b'K', 5, 6, ..] | [b'P', b'K', 7, 8, ..] => Container::Zip,
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, ..] => Container::Ole2,
        [b'{', b'\\', b'r', b't', b'f', ..] => Container::Rtf,
        _ => Container::Text,
    }
}

fn is_docx_name(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [".docx", ".docm", ".dotx"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// A name that says Markdown: .md, .markdown (any case).
fn is_markdown_name(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [".md", ".markdown"].iter().any(|ext| lower.ends_with(ext))
}

/// Why an OLE2 file is refused: encrypted Office documents keep their real content in a
/// stream named `EncryptedPackage`; anything else is an old binary format.
fn ole2_reason(bytes: &[u8]) -> String {
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    if bytes.windows(name.len()).any(|w| w == name.as_slice()) {
        docx::ENCRYPTED.to_string()
    } else {
        "a Word 97–2003 document (.doc) or another old binary Office/WPS file; shengao reads \
         .docx and text: open it in Word or WPS, save it as .docx (文件 → 另存为 → Word 文档 \
         *.docx), and check that"
            .to_string()
    }
}

/// How the lines of the document end: `LF`, `CRLF`, `CR`, `mixed` or `none`. Read from the
/// document's lines (the break after each), which were found when it was made, so the text
/// is not scanned again.
pub fn line_endings(doc: &Document) -> &'static str {
    let (mut lf, mut crlf, mut cr) = (false, false, false);
    for line in 1..=doc.line_count() {
        match &doc.source_text().as_bytes()[doc.line_range(line).end..] {
            [b'\r', b'\n', ..] => crlf = true,
            [b'\n', ..] => lf = true,
            [b'\r', ..] => cr = true,
            _ => {}
        }
    }
    match (lf, crlf, cr) {
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
        path_bytes: input.path_bytes.clone(),
        kind: input.kind,
        encoding: input.encoding.name().to_string(),
        bytes: input.bytes,
        chars: doc.char_offset(doc.text.len()) as u64,
        lines: doc.line_count() as u64,
        line_endings: line_endings(doc).to_string(),
        heading_hints: input.heading_hints.clone(),
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

Example: a draft saved by an old editor as GBK gives `input/legacy-encoding: 按 \
GB18030 解码；文稿宜存为 UTF-8`.",
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

/// What shengao reads and how, for `shengao explain input`.
pub static INPUT: Topic = Topic {
    name: "input",
    text: "\
What shengao reads.

Text files: UTF-8 (with or without a byte-order mark), UTF-16 (with a byte-order mark, or
without one when the text plainly reads so), and GB18030, which covers GBK and GB2312;
`--encoding` forces another, and wins over a byte-order mark that disagrees. Lines end in LF, CRLF or CR.
A text file named .md or .markdown is Markdown (`source.kind` is `markdown`): its markup is
left out of the review and positions point into the file as written (`shengao explain
document`). Standard input is plain text unless `--stdin-name NAME` names it: `cat draft.md |
shengao check --stdin-name draft.md` reads Markdown and reports it as draft.md.

Word documents (.docx, recognised by content, whatever the name; also from standard input):
the text of the document's paragraphs in order, one line per paragraph, so that line N in a
finding is paragraph N of the document (empty paragraphs count, and each table cell's
paragraphs are lines of their own, row by row). Tabs stay tabs; a manual line break
(Shift+Enter) becomes U+2028, which does not start a new line. Text boxes follow the paragraph
that holds them. The text is what Word shows with tracked changes accepted: deleted text,
deleted rows and hidden text are left out, and so are comments, footnotes, headers and field
codes. Automatic numbering is written out as the reader sees it (一、 （一） 1. （1）), so the
structure checks see the same headings as in a typed draft; the number is followed by nothing
when it ends in punctuation, by a full-width space after a Han character (第一章　总则), and by
a space otherwise. Paragraphs whose style or own settings give an outline level (Word's
标题 1–9) are listed in the report as `source.heading_hints`; `source.kind` is `docx`.

Refused, with the reason: old binary Word (.doc) and WPS files (save them as .docx),
password-protected documents (remove the password first), RTF, other zip files (.xlsx, .pptx,
.odt), damaged or truncated archives, and XML that is not well-formed.

Limits, against damaged and hostile files: a file of at most 256 MiB, of which at most 64 MiB
of text; in a .docx at most 10,000 zip entries, 64 MiB of uncompressed XML per part, and
XML elements nested at most 1,000 deep. Sizes are checked as declared and
again while reading, which stops at the limit, so a zip bomb costs no more than the limit.",
};

pub static NO_CHINESE_TEXT: Rule = Rule {
    id: "input/no-chinese-text",
    severity: Severity::Info,
    summary: "The input holds no Han character: nothing to review, and no scores",
    explanation: "\
Notes an input without a single Han character: an empty file, a file of blank lines, or text in \
another language. The report then has no scores, since a score of 100 for an empty draft \
would say nothing; batch summaries leave such inputs out of the score distributions.

Why it matters: an empty result is usually a wrong file, an export that lost its text, or a \
.docx whose text sits in pictures.

Example: an empty `draft.txt` gives this note and a report with zero counts.",
};

pub static TOPICS: &[&Topic] = &[&INPUT];

pub static RULES: &[&Rule] = &[
    &LEGACY_ENCODING,
    &MIXED_LINE_ENDINGS,
    &NO_CHINESE_TEXT,
    &REPLACEMENT_CHARACTER,
];

/// Findings about the input itself; `source` is its part of the report ([`source`]).
pub fn analyze(input: &Input, source: &Source, doc: &Document, out: &mut Analysis) {
    if input.encoding != Encoding::Utf8 {
        out.findings.push(Finding::new(
            &LEGACY_ENCODING,
            doc,
            0..0,
            format!("按 {} 解码；文稿宜存为 UTF-8", input.encoding.name()),
        ));
    }
    if source.line_endings == "mixed" {
        // In the text as read: joining a hard-wrapped text removes line breaks.
        let first_cr = doc.source_text().find('\r').unwrap_or(0);
        out.findings.push(Finding::in_source(
            &MIXED_LINE_ENDINGS,
            doc,
            first_cr..first_cr,
            "文件混用了几种换行符（CRLF、LF、CR）",
        ));
    }
    if doc.han_chars == 0 {
        out.findings.push(Finding::new(
            &NO_CHINESE_TEXT,
            doc,
            0..0,
            "文稿中没有汉字，不评分",
        ));
    }
    for (i, _) in doc.text.match_indices('\u{FFFD}') {
        out.findings.push(Finding::new(
            &REPLACEMENT_CHARACTER,
            doc,
            i..i + '\u{FFFD}'.len_utf8(),
            "替换字符「�」：写入文件之前这里已有字符丢失",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn mixed_endings_are_placed_in_the_text_as_read() {
        // LF after the first line, CRLF after the hard-wrapped ones, whose breaks joining
        // removes: the finding still points at the file's first CR, ending line 2.
        let line = "甲".repeat(20);
        let mut text = "前言。\n".to_string();
        for i in 0..12 {
            text += &line;
            text += if i == 5 { "\r\n完。\r\n" } else { "\r\n" };
        }
        text += "完。\r\n";
        let doc = Document::new(text.clone());
        assert_eq!(doc.paragraphs.len(), 3, "the wrapped lines are joined");
        let mut out = crate::analyze::Analysis::default();
        let input = Input::plain("", text);
        analyze(&input, &source(&input, &doc), &doc, &mut out);
        let mixed = (out.findings.iter())
            .find(|f| f.rule == MIXED_LINE_ENDINGS.id)
            .expect("LF and CRLF");
        assert_eq!((mixed.span.line, mixed.span.column), (2, 21));
    }

    #[test]
    fn line_endings_are_classified() {
        let endings = |text: &str| line_endings(&Document::new(text.to_string()));
        assert_eq!(endings("a\nb\n"), "LF");
        assert_eq!(endings("a\r\nb\r\n"), "CRLF");
        assert_eq!(endings("a\rb"), "CR");
        assert_eq!(endings("a\r\nb\n"), "mixed");
        assert_eq!(endings("a\n\r\n"), "mixed");
        assert_eq!(endings("a\r\r\n\n"), "mixed");
        assert_eq!(endings("\n\n"), "LF");
        assert_eq!(endings("\r"), "CR");
        assert_eq!(endings("a"), "none");
        assert_eq!(endings(""), "none");
    }

    proptest! {
        /// As a scan of the text finds them.
        #[test]
        fn line_endings_are_every_break_of_the_text(
            chars in prop::collection::vec(prop::sample::select(vec!['a', '字', '\r', '\n']), 0..12)
        ) {
            let text: String = chars.into_iter().collect();
            let crlf = text.contains("\r\n");
            let lf = text.replace("\r\n", "").contains('\n');
            let cr = text.replace("\r\n", "").contains('\r');
            let want = match (lf, crlf, cr) {
                (false, false, false) => "none",
                (true, false, false) => "LF",
                (false, true, false) => "CRLF",
                (false, false, true) => "CR",
                _ => "mixed",
            };
            prop_assert_eq!(line_endings(&Document::new(text)), want);
        }
    }

    #[test]
    fn line_endings_are_those_of_the_decoded_text() {
        let read = |bytes: &[u8]| {
            let input = from_bytes("a.txt", bytes, None).unwrap();
            line_endings(&Document::new(input.text))
        };
        assert_eq!(read(b"a\rb"), "CR");
        assert_eq!(read(b"\xff\xfea\x00\r\x00\n\x00"), "CRLF");
        assert_eq!(read(b""), "none");
    }

    #[test]
    fn errors_name_the_path_first() {
        let err = read(Path::new("/no/such/file.txt"), None).unwrap_err();
        assert_eq!(err.to_string(), "/no/such/file.txt: no such file");
        let dir = std::env::temp_dir();
        let err = read(&dir, None).unwrap_err();
        assert!(
            err.to_string()
                .contains("is a directory; use `shengao batch DIR`")
        );
    }
}
