//! `--format text`: a linter's output. Each finding is `path:line:col: severity[rule] message`
//! (the form editors and `grep` jump to), then the line it is on with the span underlined, then
//! a summary per document with its counts and scores, and a total when there are several.
//!
//! ```text
//! 草稿.txt:3:11: warning[input/replacement-character] 替换字符「�」：…
//!   3 | 　　今年实现地区生产总值��亿元
//!     |                       ^
//! 草稿.txt: UTF-8 · 3 lines, … · 0 errors, 2 warnings, 0 notes
//! ```
//!
//! The underline is placed by display width (unicode-width: a Han character or full-width mark
//! takes two columns), so it sits under the span in a terminal. A long line is cut to a window
//! around the span, marked with `...`. Colour is used only when asked for (see
//! [`super::use_color`]).

use std::io::{self, Write};

use unicode_width::UnicodeWidthChar;

use super::{Emitter, SourceText};
use crate::report::{Finding, Report, SeverityCounts};
use crate::rules::Severity;

/// The widest excerpt of a line, in display columns.
const MAX_COLUMNS: usize = 100;
/// How much of the line before a span is kept when the line is cut.
const CONTEXT_COLUMNS: usize = 30;
/// Marks a cut at either end of an excerpt.
const CUT: &str = "...";

pub struct Text {
    color: bool,
    files: usize,
    totals: SeverityCounts,
}

impl Text {
    pub fn new(color: bool) -> Text {
        Text {
            color,
            files: 0,
            totals: SeverityCounts::default(),
        }
    }

    fn paint<'s>(&self, style: &str, s: &'s str) -> std::borrow::Cow<'s, str> {
        if self.color && !s.is_empty() {
            format!("\x1b[{style}m{s}\x1b[0m").into()
        } else {
            s.into()
        }
    }

    fn finding(
        &self,
        out: &mut dyn Write,
        path: &str,
        f: &Finding,
        source: &SourceText,
        gutter: usize,
    ) -> io::Result<()> {
        let style = severity_style(f.severity);
        writeln!(
            out,
            "{} {} {}",
            self.paint(BOLD, &format!("{path}:{}:{}:", f.span.line, f.span.column)),
            self.paint(style, &format!("{}[{}]", f.severity, f.rule)),
            f.message
        )?;
        if is_file_level(f) {
            return Ok(());
        }
        let line = source.line_range(f.span.line);
        let start = source.byte_offset(f.span.start).clamp(line.start, line.end);
        let end = if f.span.end_line == f.span.line {
            source.byte_offset(f.span.end).clamp(start, line.end)
        } else {
            line.end
        };
        let shown = excerpt(
            &source.text()[line.clone()],
            start - line.start,
            end - line.start,
        );
        let bar = self.paint(GUTTER, "|");
        writeln!(
            out,
            "{} {bar} {}",
            self.paint(GUTTER, &format!("{:>gutter$}", f.span.line)),
            shown.text
        )?;
        let suggestion = match &f.suggestion {
            Some(s) if s.is_empty() => format!(" {}", self.paint(SUGGESTION, "suggestion: delete")),
            Some(s) => format!(
                " {}",
                self.paint(SUGGESTION, &format!("suggestion: 「{}」", one_line(s)))
            ),
            None => String::new(),
        };
        writeln!(
            out,
            "{:gutter$} {bar} {:pad$}{}{suggestion}",
            "",
            "",
            self.paint(style, &"^".repeat(shown.carets)),
            pad = shown.pad
        )
    }
}

const BOLD: &str = "1";
const GUTTER: &str = "1;34";
const SUGGESTION: &str = "32";

fn severity_style(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;36",
    }
}

/// A notice about the whole file (such as its encoding) sits, empty, at the very start and
/// has nothing to underline.
fn is_file_level(f: &Finding) -> bool {
    f.span.start == 0 && f.span.end == 0 && f.suggestion.is_none()
}

impl Emitter for Text {
    fn report(&mut self, out: &mut dyn Write, report: &Report, text: &str) -> io::Result<()> {
        let path = &report.source.path;
        if !report.findings.is_empty() {
            let source = SourceText::new(text);
            let last_line = report.findings.iter().map(|f| f.span.line).max();
            let gutter = last_line.unwrap_or(1).to_string().len();
            for f in &report.findings {
                self.finding(out, path, f, &source, gutter)?;
            }
        }
        let counts = SeverityCounts::of(&report.findings);
        self.files += 1;
        self.totals.add(counts);
        let st = &report.stats;
        writeln!(
            out,
            "{path}: {} · {}, {}, {}, {}, {}, {} · {}",
            report.source.encoding,
            plural(report.source.lines, "line", "lines"),
            plural(st.paragraphs, "paragraph", "paragraphs"),
            plural(st.sentences, "sentence", "sentences"),
            plural(st.clauses, "clause", "clauses"),
            plural(st.tokens, "word", "words"),
            plural(st.han_chars, "Han char", "Han chars"),
            self.counts(counts),
        )?;
        if !report.scores.is_empty() {
            let scores: Vec<String> = report
                .scores
                .iter()
                // Cut, not rounded: the bands start at whole numbers, so 74.8 shows as 74,
                // beside its band 适中, not as 75, where 易读 starts.
                .map(|(name, s)| format!("{name} {:.0} ({})", s.value.floor(), s.band))
                .collect();
            writeln!(out, "{path}: scores: {}", scores.join(", "))?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.files > 1 {
            writeln!(out, "{} files: {}", self.files, self.counts(self.totals))?;
        }
        Ok(())
    }
}

/// `1 line`, `2 lines`.
fn plural(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

impl Text {
    /// `1 error, 2 warnings, 0 notes`, each coloured when there are any.
    fn counts(&self, c: SeverityCounts) -> String {
        let part = |n: u64, one: &str, many: &str, severity| {
            let s = plural(n, one, many);
            if n == 0 {
                s
            } else {
                self.paint(severity_style(severity), &s).into_owned()
            }
        };
        format!(
            "{}, {}, {}",
            part(c.error, "error", "errors", Severity::Error),
            part(c.warning, "warning", "warnings", Severity::Warning),
            part(c.info, "note", "notes", Severity::Info),
        )
    }
}

/// A line as shown, and where the underline goes in it.
#[derive(Debug, PartialEq, Eq)]
struct Excerpt {
    text: String,
    /// Display columns before the underline.
    pad: usize,
    /// Length of the underline, at least 1.
    carets: usize,
}

/// The part of `line` to show for the span `start..end` (byte offsets in `line`), cut to
/// [`MAX_COLUMNS`] around the span when the line is longer. Looks at no more of the line than
/// it shows, so a very long line costs no more than a short one.
fn excerpt(line: &str, start: usize, end: usize) -> Excerpt {
    let fits =
        line.len() <= 4 * MAX_COLUMNS && line.chars().map(width).sum::<usize>() <= MAX_COLUMNS;
    let (from, to) = if fits {
        (0, line.len())
    } else {
        let mut from = start;
        let mut before = 0;
        for (i, c) in line[..start].char_indices().rev() {
            before += width(c);
            if before > CONTEXT_COLUMNS {
                break;
            }
            from = i;
        }
        let budget = MAX_COLUMNS - 2 * CUT.len();
        let mut to = from;
        let mut used = 0;
        for (i, c) in line[from..].char_indices() {
            used += width(c);
            if used > budget {
                break;
            }
            to = from + i + c.len_utf8();
        }
        (from, to)
    };
    let mut text = String::new();
    let mut pad = 0;
    let mut carets = 0;
    if from > 0 {
        text.push_str(CUT);
        pad += CUT.len();
    }
    for (i, c) in line[from..to].char_indices() {
        let i = from + i;
        let w = shown(c, &mut text);
        if i < start {
            pad += w;
        } else if i < end {
            carets += w;
        }
    }
    if to < line.len() {
        text.push_str(CUT);
    }
    Excerpt {
        text,
        pad,
        carets: carets.max(1),
    }
}

/// Invisible format characters (soft hyphen, zero-width spaces and joiners, direction marks,
/// the byte-order mark), shown as `<U+XXXX>` so a finding about one has something to point at.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// Display width of `c` as [`shown`] writes it.
fn width(c: char) -> usize {
    match c {
        '\t' => 4,
        '\0'..='\x1f' | '\x7f'..='\u{9f}' => 1,
        // `<U+`, four hex digits, `>`: every invisible character is in the BMP.
        c if is_invisible(c) => 8,
        _ => c.width().unwrap_or(0),
    }
}

/// Writes `c` as it is shown in an excerpt and returns its display width: a tab as four spaces,
/// control characters as their Unicode pictures, invisible format characters as `<U+XXXX>`.
fn shown(c: char, out: &mut String) -> usize {
    match c {
        '\t' => out.push_str("    "),
        '\0'..='\x1f' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}')),
        '\x7f' => out.push('\u{2421}'),
        '\u{80}'..='\u{9f}' => out.push('\u{FFFD}'),
        c if is_invisible(c) => out.push_str(&format!("<U+{:04X}>", c as u32)),
        _ => out.push(c),
    }
    width(c)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The excerpt and its underline as two strings, the underline padded with spaces.
    fn render(line: &str, span: &str) -> (String, String) {
        let start = line.find(span).expect("span in line");
        let e = excerpt(line, start, start + span.len());
        (
            e.text,
            format!("{}{}", " ".repeat(e.pad), "^".repeat(e.carets)),
        )
    }

    #[test]
    fn underline_counts_wide_glyphs_twice() {
        let table = [
            ("坏字�。", "�", "    ^"),
            ("今年实现地区生产总值", "生产", "            ^^^^"),
            ("abc汉字def", "def", "       ^^^"),
            ("“引号”里", "里", "      ^^"),
            ("第一，第二。", "，", "    ^^"),
            ("𠀀字", "字", "  ^^"),
        ];
        for (line, span, underline) in table {
            let (text, marks) = render(line, span);
            assert_eq!(text, line);
            assert_eq!(marks, underline, "{line} / {span}");
        }
    }

    #[test]
    fn empty_span_gets_one_caret() {
        let e = excerpt("第一行。", 6, 6);
        assert_eq!((e.pad, e.carets), (4, 1));
        let e = excerpt("第一行。", 12, 12);
        assert_eq!((e.pad, e.carets), (8, 1));
    }

    #[test]
    fn tabs_and_controls_are_shown_with_their_width() {
        let (text, marks) = render("\t甲\u{7}乙", "乙");
        assert_eq!(text, "    甲\u{2407}乙");
        assert_eq!(marks, "       ^^");
        let (text, marks) = render("甲\u{200B}乙", "\u{200B}");
        assert_eq!(text, "甲<U+200B>乙");
        assert_eq!(marks, "  ^^^^^^^^");
    }

    #[test]
    fn width_is_the_width_of_what_is_shown() {
        use unicode_width::UnicodeWidthStr;
        let chars = [
            'a', '汉', '，', '𠀀', '\t', '\0', '\x1b', '\x7f', '\u{85}', '\u{200B}', '\u{FEFF}',
            '\u{FFFD}',
        ];
        for c in chars {
            let mut out = String::new();
            let w = shown(c, &mut out);
            assert_eq!(w, out.width(), "{c:?} shown as {out:?}");
        }
    }

    #[test]
    fn long_lines_are_cut_around_the_span() {
        let line = format!("{}错字{}", "前".repeat(200), "后".repeat(200));
        let (text, marks) = render(&line, "错字");
        assert!(text.starts_with(CUT) && text.ends_with(CUT), "{text}");
        let shown: usize = text.chars().map(width).sum();
        assert!(shown <= MAX_COLUMNS, "{shown}");
        // The underline sits under 错字 in the excerpt.
        let pad = marks.len() - 4;
        let mut cols = 0;
        let under: String = text
            .chars()
            .filter(|&c| {
                let keep = cols >= pad && cols < pad + 4;
                cols += width(c);
                keep
            })
            .collect();
        assert_eq!(under, "错字");
    }

    #[test]
    fn a_span_at_the_start_of_a_long_line_is_not_cut_in_front() {
        let line = format!("错{}", "后".repeat(300));
        let (text, marks) = render(&line, "错");
        assert!(text.starts_with('错') && text.ends_with(CUT));
        assert_eq!(marks, "^^");
    }

    #[test]
    fn text_report_underlines_and_summarises() {
        let text = "第一行。\n坏字\u{FFFD}。\n";
        let doc = crate::doc::Document::new(text.to_string());
        let at = text.find('\u{FFFD}').unwrap();
        let finding = Finding::new(
            &crate::input::REPLACEMENT_CHARACTER,
            &doc,
            at..at + 3,
            "lost",
        );
        let report = Report {
            findings: vec![finding],
            ..sample_report(&doc)
        };
        let mut out = Vec::new();
        let mut emitter = Text::new(false);
        emitter.report(&mut out, &report, text).unwrap();
        emitter.finish(&mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            "a.txt:2:3: warning[input/replacement-character] lost"
        );
        assert_eq!(lines[1], "2 | 坏字\u{FFFD}。");
        assert_eq!(lines[2], "  |     ^");
        assert!(
            lines[3].ends_with("0 errors, 1 warning, 0 notes"),
            "{}",
            lines[3]
        );
        assert_eq!(lines.len(), 4);
        assert!(!out.contains('\x1b'));
    }

    #[test]
    fn a_score_shows_its_whole_part_beside_its_band() {
        let doc = crate::doc::Document::new("甲。".to_string());
        let mut report = sample_report(&doc);
        let score = |value: f64, band: &str| crate::report::Score {
            value,
            band: band.to_string(),
            parts: Vec::new(),
        };
        report
            .scores
            .insert("readability".into(), score(74.83, "适中"));
        report
            .scores
            .insert("structure".into(), score(100.0, "规范"));
        let mut out = Vec::new();
        Text::new(false).report(&mut out, &report, "甲。").unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.ends_with("a.txt: scores: readability 74 (适中), structure 100 (规范)\n"),
            "{out}"
        );
    }

    #[test]
    fn colour_when_asked() {
        let doc = crate::doc::Document::new("甲\u{FFFD}".to_string());
        let finding = Finding::new(&crate::input::REPLACEMENT_CHARACTER, &doc, 3..6, "lost");
        let report = Report {
            findings: vec![finding],
            ..sample_report(&doc)
        };
        let mut out = Vec::new();
        Text::new(true)
            .report(&mut out, &report, doc.source_text())
            .unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("\x1b[1;33mwarning[input/replacement-character]\x1b[0m"));
        assert!(out.contains("\x1b[1;33m^\x1b[0m"));
    }

    fn sample_report(doc: &crate::doc::Document) -> Report {
        Report {
            schema_version: crate::report::SCHEMA_VERSION,
            tool: crate::report::Tool::current(),
            source: crate::report::Source {
                path: "a.txt".to_string(),
                path_bytes: None,
                kind: crate::report::SourceKind::Text,
                encoding: "UTF-8".to_string(),
                bytes: doc.source_text().len() as u64,
                chars: doc.source_text().chars().count() as u64,
                lines: doc.line_count() as u64,
                line_endings: "LF".to_string(),
                heading_hints: Vec::new(),
            },
            stats: crate::analyze::stats(doc),
            outline: Vec::new(),
            findings: Vec::new(),
            metrics: Default::default(),
            scores: Default::default(),
        }
    }
}
