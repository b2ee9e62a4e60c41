//! `shengao fix`: applying the certain fixes to a draft.
//!
//! Only findings that carry a suggestion are applied, from every area; a suggestion is the
//! exact replacement for its span. Edits that overlap an earlier one wait for the next pass,
//! and fixing repeats until nothing changes (a few passes at most), so fixing a fixed text
//! changes nothing. `--write` replaces the file atomically (a temporary file in the same
//! folder, then a rename) in its original encoding, byte-order mark and line endings.

use std::fmt;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::ops::Range;
use std::path::Path;
use std::process::ExitCode;

use similar::TextDiff;

use crate::analyze;
use crate::cli::FixArgs;
use crate::config::Config;
use crate::emit::SourceText;
use crate::input::{self, Encoding, Input};
use crate::report::Finding;
use crate::report::SourceKind;
use crate::safe_write::{self, AtomicFile, Snapshot};

/// Passes of analysis and fixing before giving up on a text that keeps changing.
const MAX_PASSES: usize = 6;

/// One replacement: `range` (bytes) of the text becomes `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

/// Applies the edits that fit: in bounds, on character boundaries, changing something, and
/// not overlapping an edit before them (by start, then by length). Returns the new text and
/// how many edits were applied.
pub fn apply_edits(text: &str, edits: &[Edit]) -> (String, usize) {
    let mut order: Vec<&Edit> = edits
        .iter()
        .filter(|e| {
            e.range.start <= e.range.end
                && text.is_char_boundary(e.range.start)
                && text.is_char_boundary(e.range.end)
                && text.get(e.range.clone()) != Some(e.replacement.as_str())
        })
        .collect();
    order.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut done = 0; // bytes of `text` already copied or replaced
    let mut applied = 0;
    for e in order {
        // An insertion at the very end of an earlier replacement is an overlap too.
        if e.range.start < done || (applied > 0 && e.range.start == done && e.range.is_empty()) {
            continue;
        }
        out.push_str(&text[done..e.range.start]);
        out.push_str(&e.replacement);
        done = e.range.end;
        applied += 1;
    }
    out.push_str(&text[done..]);
    (out, applied)
}

/// The edits the findings suggest. Findings locate their spans in chars; edits in bytes.
/// A span beyond the end of the text gives no edit, nor does one whose text as read is not
/// the finding's text, as across the joined lines of a hard-wrapped paragraph, where the
/// suggestion would also delete the line break (findings carry no suggestion there; this
/// guards findings from elsewhere).
pub fn edits_of(source: &SourceText, findings: &[Finding]) -> Vec<Edit> {
    let chars = source.char_count();
    findings
        .iter()
        .filter_map(|f| {
            let replacement = f.suggestion.as_ref()?;
            if f.span.start > chars || f.span.end > chars {
                return None;
            }
            let range = source.byte_offset(f.span.start)..source.byte_offset(f.span.end);
            (source.text().get(range.clone()) == Some(f.text.as_str())).then(|| Edit {
                range,
                replacement: replacement.clone(),
            })
        })
        .collect()
}

/// Fixes a decoded text of `kind` (Markdown is read as such): analyses it, applies every
/// suggestion that fits, and repeats until nothing changes. Returns the fixed text and the
/// number of edits applied.
pub fn fix_text(text: &str, kind: SourceKind, config: &Config) -> (String, usize) {
    let mut text = text.to_string();
    let mut total = 0;
    for _ in 0..MAX_PASSES {
        // The review hands the text back, so a pass needs no copy of it.
        let input = Input {
            kind,
            ..Input::plain("", text)
        };
        let (report, reviewed) = analyze::review_every_finding(input, config);
        let mut edits = edits_of(&SourceText::new(&reviewed), &report.findings);
        if kind == SourceKind::Markdown {
            edits.retain(|e| !is_list_marker(&reviewed, &e.range));
        }
        let (fixed, applied) = apply_edits(&reviewed, &edits);
        text = fixed;
        total += applied;
        if applied == 0 {
            break;
        }
    }
    (text, total)
}

/// Whether `range` of a Markdown text is a numbered list's marker (`1.` or `1)` starting a
/// line, a blank after it). `check` still reports `1)` as the wrong form of （1）, but `fix`
/// leaves it: rewritten, the lines would stop being a list and run into one paragraph.
fn is_list_marker(text: &str, range: &Range<usize>) -> bool {
    let line_start = text[..range.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let before = &text[line_start..range.start];
    let marker = &text[range.clone()];
    let digits = marker.trim_end_matches(['.', ')']);
    before.trim_start_matches([' ', '\t']).is_empty()
        && marker.len() == digits.len() + 1
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && text[range.end..].starts_with([' ', '\t'])
}

/// Why one file could not be fixed. Displayed as one line, path first.
#[derive(Debug)]
pub struct FixError {
    pub path: String,
    pub reason: String,
}

impl fmt::Display for FixError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

impl std::error::Error for FixError {}

/// One input and its fixed text.
#[derive(Debug)]
pub struct Fixed {
    pub path: String,
    /// A .docx is fixed as its text: shown or diffed, never written back.
    pub kind: SourceKind,
    pub encoding: Encoding,
    pub bom: bool,
    pub original: String,
    pub fixed: String,
    /// Edits applied, over all passes.
    pub applied: usize,
}

/// Reads and decodes one input (`-` is standard input) with the encoding `config` forces, if
/// any.
pub fn read(path: &Path, config: &Config) -> Result<Input, FixError> {
    read_named(path, None, config)
}

/// [`read`], with standard input named `stdin_name` if given ([`input::read_named`]).
fn read_named(path: &Path, stdin_name: Option<&str>, config: &Config) -> Result<Input, FixError> {
    input::read_named(path, stdin_name, config.encoding).map_err(FixError::from)
}

impl From<input::InputError> for FixError {
    fn from(e: input::InputError) -> FixError {
        FixError {
            path: e.path,
            reason: e.reason,
        }
    }
}

/// Reads a file for `--write`, and refuses at once what will not be written back: a .docx,
/// a read-only file or one with several hard links (unless `force`), and a file whose text
/// does not give its bytes back.
fn read_for_writing(
    path: &Path,
    config: &Config,
    force: bool,
) -> Result<(Input, fs::Metadata), FixError> {
    let (bytes, meta) = input::read_file(path)?;
    let input = input::from_bytes(&path.to_string_lossy(), &bytes, config.encoding)?;
    writable(&input.path, input.kind)?;
    let fail = |reason: String| FixError {
        path: input.path.clone(),
        reason,
    };
    if !force {
        if is_read_only(path, &meta) {
            return Err(fail(
                "is read-only; nothing written (--force rewrites it and keeps its mode)".into(),
            ));
        }
        let links = hard_links(&meta);
        if links > 1 {
            return Err(fail(format!(
                "has {links} hard links, which a new copy would split; nothing written \
                 (--force writes it in place, so the links stay one file)"
            )));
        }
    }
    if input.encoding.encode(&input.text, input.bom).as_deref() != Ok(bytes.as_slice()) {
        return Err(fail(format!(
            "its {} text does not give its bytes back exactly (a byte-order mark of another encoding, or a lossy decoding), so writing \
             it would change more than the fixes; nothing written (see `shengao fix --diff`)",
            input.encoding.name()
        )));
    }
    Ok((input, meta))
}

/// A file neither its mode nor the system lets this user write.
fn is_read_only(path: &Path, meta: &fs::Metadata) -> bool {
    meta.permissions().readonly()
        || OpenOptions::new()
            .write(true)
            .open(path)
            .is_err_and(|e| e.kind() == io::ErrorKind::PermissionDenied)
}

fn hard_links(meta: &fs::Metadata) -> u64 {
    #[cfg(unix)]
    {
        std::os::unix::fs::MetadataExt::nlink(meta)
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        1
    }
}

/// Fixes an input's text ([`fix_text`]).
pub fn fix_input(input: Input, config: &Config) -> Fixed {
    let (fixed, applied) = fix_text(&input.text, input.kind, config);
    Fixed {
        path: input.path,
        kind: input.kind,
        encoding: input.encoding,
        bom: input.bom,
        original: input.text,
        fixed,
        applied,
    }
}

/// A unified diff of the fix; empty when nothing changed. The headers are `a/PATH` and
/// `b/PATH` for a relative path (as git writes them, for `patch -p1`), the path itself for
/// an absolute one.
pub fn unified_diff(fixed: &Fixed) -> String {
    if fixed.original == fixed.fixed {
        return String::new();
    }
    let (old, new) = if Path::new(&fixed.path).is_absolute() {
        (fixed.path.clone(), fixed.path.clone())
    } else {
        (format!("a/{}", fixed.path), format!("b/{}", fixed.path))
    };
    TextDiff::from_lines(&fixed.original, &fixed.fixed)
        .unified_diff()
        .context_radius(3)
        .header(&old, &new)
        .to_string()
}

/// Writes the fixed text over the file, in its original encoding and byte-order mark (line
/// endings are part of the text and so are kept as they were). A .docx is refused: its
/// formatting would be lost.
pub fn write_back(fixed: &Fixed) -> Result<(), FixError> {
    writable(&fixed.path, fixed.kind)?;
    let bytes = encoded(fixed)?;
    let mut file =
        AtomicFile::create(Path::new(&fixed.path)).map_err(|e| cannot_write(fixed, e))?;
    file.write_all(&bytes)
        .and_then(|()| file.commit())
        .map_err(|e| cannot_write(fixed, e))
}

/// Writes the fixed text over the file at `path` as `--write` does: only when it is still
/// as it was read, atomically, or in place for a file with several hard links.
fn write_over(fixed: &Fixed, path: &Path, read: &fs::Metadata) -> Result<(), FixError> {
    let bytes = encoded(fixed)?;
    let links = hard_links(read);
    let read = Snapshot::of(read);
    let written = if links > 1 {
        safe_write::write_in_place(path, &bytes, &read)
    } else {
        AtomicFile::create(path).and_then(|mut file| {
            file.write_all(&bytes)?;
            file.commit_unchanged(&read)
        })
    };
    written.map_err(|e| cannot_write(fixed, e))
}

fn encoded(fixed: &Fixed) -> Result<Vec<u8>, FixError> {
    fixed
        .encoding
        .encode(&fixed.fixed, fixed.bom)
        .map_err(|e| FixError {
            path: fixed.path.clone(),
            reason: format!("cannot write the fixed text: {e}"),
        })
}

/// The error of a failed write; the path is in the I/O error already.
fn cannot_write(fixed: &Fixed, e: io::Error) -> FixError {
    let message = e.to_string();
    let reason = message
        .strip_prefix(&format!("{}: ", fixed.path))
        .unwrap_or(&message);
    FixError {
        path: fixed.path.clone(),
        reason: format!("cannot write: {reason}"),
    }
}

/// Whether the fixed text of the input at `path` may be written over it: not for a .docx,
/// which would lose its formatting. `run` asks as soon as a file is read, before fixing it;
/// [`write_back`] asks again for callers of its own.
fn writable(path: &str, kind: SourceKind) -> Result<(), FixError> {
    match kind {
        SourceKind::Docx => Err(FixError {
            path: path.to_string(),
            reason: "a .docx is not rewritten (its formatting would be lost); use `shengao fix --diff` and apply the changes in Word".to_string(),
        }),
        SourceKind::Text | SourceKind::Markdown => Ok(()),
    }
}

/// The line `fix` writes on standard error for each file, in every mode: how many fixes were
/// applied, or that there were none.
fn applied_line(fixed: &Fixed) -> String {
    match fixed.applied {
        0 => format!(
            "{}: no certain fixes (findings without a suggestion are left to you; see shengao check)",
            fixed.path
        ),
        1 => format!("{}: 1 fix applied", fixed.path),
        n => format!("{}: {n} fixes applied", fixed.path),
    }
}

/// Runs `shengao fix`: per file, prints the fixed text, its diff (`--diff`), or writes it
/// back (`--write`); in every mode a one-line summary per file goes to `err`, so `out` holds
/// only the text or the diff. Each file is fixed with its settings
/// as `check` reviews it (defaults < the nearest shengao.toml, or `--config`, or none with
/// `--no-config` < `--encoding`), so a rule the file turns off is not fixed and a file it
/// skips is left alone (said on `err`). A bad configuration file stops the run before any
/// file is touched and before the analyzers' tables are built: it is the error returned, for
/// the caller to print as `check`'s. A file that cannot be read or written is reported on
/// `err` and the others are still fixed; the exit code is then 2.
pub fn run(args: &FixArgs, out: &mut impl Write, err: &mut impl Write) -> io::Result<ExitCode> {
    // Lines on `err` never stop the run: a closed standard error loses them, not the fixes,
    // and the exit code still says whether a file failed.
    let mut say = |line: fmt::Arguments| {
        let _ = writeln!(err, "{line}");
    };
    let usage =
        if let Some(error) = crate::cli::stdin_misuse(args.stdin_name.as_deref(), &args.paths) {
            Some(error)
        } else if args.write && args.paths.iter().any(|p| input::is_stdin(p)) {
            Some("--write needs files; standard input has nowhere to be written back".to_string())
        } else if !args.write && !args.diff && args.paths.len() > 1 {
            Some("name one file to print its fixed text, or use --write or --diff".to_string())
        } else {
            None
        };
    if let Some(error) = usage {
        say(format_args!("shengao: error: {error}"));
        return Ok(ExitCode::from(2));
    }
    // The segmenter loads while the settings are resolved; the other tables are built only
    // once they are good.
    let preparing = analyze::start_preparing();
    let mut skipped = Vec::new();
    let inputs = args.resolver().resolve_all(
        &args.paths,
        |path| input::name_of(path, args.stdin_name.as_deref()),
        |path, reason| {
            skipped.push(format!("{path}: skipped ({reason})"));
            Ok(())
        },
    )?;
    for line in &skipped {
        say(format_args!("{line}"));
    }
    preparing.finish();
    let mut failed = false;
    for (path, config) in inputs {
        let result = if args.write {
            // Checked before any analysis: a file that will not be written is not fixed.
            read_for_writing(path, &config, args.force).and_then(|(input, read)| {
                let fixed = fix_input(input, &config);
                if fixed.original != fixed.fixed {
                    write_over(&fixed, path, &read)?;
                }
                Ok(fixed)
            })
        } else {
            read_named(path, args.stdin_name.as_deref(), &config)
                .map(|input| fix_input(input, &config))
        };
        match result {
            Ok(fixed) => {
                if args.diff {
                    out.write_all(unified_diff(&fixed).as_bytes())?;
                } else if !args.write {
                    out.write_all(fixed.fixed.as_bytes())?;
                }
                // After the file's text, so a terminal shows them in order.
                out.flush()?;
                say(format_args!("{}", applied_line(&fixed)));
            }
            Err(e) => {
                failed = true;
                crate::messages::failed();
                out.flush()?;
                say(format_args!("shengao: error: {e}"));
            }
        }
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(range: Range<usize>, replacement: &str) -> Edit {
        Edit {
            range,
            replacement: replacement.to_string(),
        }
    }

    #[test]
    fn applies_in_order_and_skips_overlaps() {
        let text = "我们,要坚持。。";
        let cases: &[(&[Edit], &str, usize)] = &[
            (&[], "我们,要坚持。。", 0),
            (&[edit(6..7, "，")], "我们，要坚持。。", 1),
            (&[edit(16..22, "。"), edit(6..7, "，")], "我们，要坚持。", 2),
            // Overlapping: the first by position wins; the other waits for the next pass.
            (
                &[edit(6..10, "，要"), edit(6..7, "，")],
                "我们，要坚持。。",
                1,
            ),
            (
                &[edit(3..7, "们，"), edit(6..10, "X")],
                "我们，要坚持。。",
                1,
            ),
            // Out of bounds, inside a character, or changing nothing: ignored.
            (&[edit(20..40, "")], "我们,要坚持。。", 0),
            (&[edit(1..3, "")], "我们,要坚持。。", 0),
            (&[edit(6..7, ",")], "我们,要坚持。。", 0),
            // Insertions and deletions.
            (&[edit(0..0, "　　")], "　　我们,要坚持。。", 1),
            (&[edit(19..22, "")], "我们,要坚持。", 1),
        ];
        for (edits, want, count) in cases {
            assert_eq!(
                apply_edits(text, edits),
                (want.to_string(), *count),
                "{edits:?}"
            );
        }
    }

    #[test]
    fn fixes_every_suggestion_and_settles() {
        let config = Config::default();
        let text = "各位代表:\n我们要坚持稳中求进,推动发展。。\r\n加强\"三河三湖\"治理,落实“放管服”、“一网通办”改革。\n";
        let (fixed, applied) = fix_text(text, SourceKind::Text, &config);
        assert_eq!(
            fixed,
            "各位代表：\n我们要坚持稳中求进，推动发展。\r\n加强“三河三湖”治理，落实“放管服”“一网通办”改革。\n"
        );
        assert_eq!(applied, 6);
        assert_eq!(
            fix_text(&fixed, SourceKind::Text, &config),
            (fixed.clone(), 0)
        );
    }

    #[test]
    fn leaves_numbers_english_urls_and_quotes_alone() {
        let text = "增长3.5%，10:30开会，参阅Hello, world一文，网址http://www.gov.cn/a?b=1,c=2。\n他说：“我们,要坚持!”\n";
        assert_eq!(
            fix_text(text, SourceKind::Text, &Config::default()),
            (text.to_string(), 0)
        );
    }

    #[test]
    fn maps_char_spans_to_bytes() {
        let text = "𠀀我们,要";
        let config = Config::default();
        let report = analyze::review(Input::plain("", text.to_string()), &config);
        let edits = edits_of(&SourceText::new(text), &report.findings);
        assert_eq!(edits, [edit(10..11, "，")]);
    }

    #[test]
    fn maps_findings_in_any_order_and_drops_spans_past_the_end() {
        let text = "甲,乙,丙";
        let doc = crate::doc::Document::new(text.to_string());
        let comma = |at: usize| {
            Finding::new(&crate::input::LEGACY_ENCODING, &doc, at..at + 1, "m")
                .with_suggestion("，")
        };
        // The text has 5 chars: a span may end at char 5 (byte 11), not beyond.
        let chars = |start: u64, end: u64| {
            let mut f = comma(3);
            (f.span.start, f.span.end) = (start, end);
            f.text = (text.chars().skip(start as usize))
                .take(end.saturating_sub(start) as usize)
                .collect();
            f
        };
        let unfixable = Finding::new(&crate::input::LEGACY_ENCODING, &doc, 0..3, "m");
        let findings = [
            comma(7),
            unfixable,
            chars(6, 7),
            chars(4, 6),
            chars(5, 5),
            comma(3),
        ];
        assert_eq!(
            edits_of(&SourceText::new(text), &findings),
            [edit(7..8, "，"), edit(11..11, "，"), edit(3..4, "，")]
        );
    }

    /// Two paragraphs of six lines of twenty chars that stop inside a sentence, each ended
    /// by a short line: text the document model joins.
    fn hard_wrapped(third_line: &str) -> String {
        let mut text = String::new();
        for i in 0..12 {
            text += if i == 2 {
                third_line
            } else {
                "甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸"
            };
            text += if i == 5 { "\n完。\n" } else { "\n" };
        }
        text + "完。\n"
    }

    #[test]
    fn fixes_hard_wrapped_text_and_keeps_its_lines() {
        let text = hard_wrapped("甲乙丙丁戊己庚辛壬癸,乙丙丁戊己庚辛壬癸");
        let doc = crate::doc::Document::new(text.clone());
        assert_eq!(doc.paragraphs.len(), 2, "the lines are joined");
        assert_eq!(
            fix_text(&text, SourceKind::Text, &Config::default()),
            (text.replace(',', "，"), 1)
        );
    }

    #[test]
    fn a_span_across_joined_lines_gives_no_edit() {
        let text = hard_wrapped("甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸");
        let doc = crate::doc::Document::new(text.clone());
        // The first line's last char 癸 (bytes 57..60) and the next line's first, 甲: one
        // range in the joined text, with a line break between them in the text as read.
        let across = 57;
        let mut finding = Finding::new(
            &crate::input::LEGACY_ENCODING,
            &doc,
            across..across + 6,
            "m",
        );
        assert_eq!(finding.text, "癸甲");
        // A finding there takes no suggestion…
        assert!(finding.clone().with_suggestion("改").suggestion.is_none());
        // … and one that holds a suggestion all the same gives no edit.
        finding.suggestion = Some("改".to_string());
        assert!(edits_of(&SourceText::new(&text), &[finding]).is_empty());
    }
}
