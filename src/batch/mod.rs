//! `shengao batch`: review an archive in parallel and stream one record per input, in order.
//!
//! The inputs are found first ([`walk`]: sorted paths, so the output order does not depend on
//! the file system or on which document finishes first), then reviewed on `--jobs` rayon
//! threads by [`order::map_ordered`], which hands the results on in input order with at most
//! a window of them in memory. Each worker renders its record (a JSON line or a CSV row) and a
//! small [`summary::Digest`]; the calling thread writes the records as soon as the next one in
//! order is ready and adds the digests to the [`summary::Tally`] that becomes the summary
//! record. Memory thus holds the list of paths, the window and the tally, not the reports.
//!
//! With `--stdin-jsonl`, standard input's lines are the inputs, read as the window allows.
//! The wire format is in [`record`].

mod csv;
mod order;
mod progress;
pub mod record;
pub mod summary;
pub mod walk;

use std::collections::HashMap;
use std::io::{self, BufRead, BufWriter, IsTerminal, Read, Write};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;
use std::time::Instant;

use serde_json::value::RawValue;

use crate::analyze;
use crate::cli::{BatchArgs, BatchFormat};
use crate::config::Config;
use crate::emit::{self, Emitter};
use crate::input::limits::{MAX_TEXT_BYTES, human};
use crate::input::{self, Input};
use crate::messages;
use crate::report::{Report, SeverityCounts};
use order::Sink;
use progress::Progress;
use record::{ErrorRecord, Id, Record, ReportRecord};
use summary::{Digest, Tally};
use walk::{Extensions, Found};

pub const AFTER_HELP: &str = "\
Records (JSON Lines, one object a line, tagged by \"type\"):
  {\"type\":\"report\", …}   one per document: the report of `check --format json`
  {\"type\":\"error\",\"path\":…,\"error\":…}   one per input that could not be reviewed
  {\"type\":\"summary\", …}  last: documents, reports, errors, failing, bytes, seconds,
      mb_per_second, jobs, findings (by severity), findings_by_rule, scores (per score: count,
      mean, min, p10, median, p90, max, a ten-band histogram), stock_phrases (the 20 most
      used), worst (the 10 lowest documents per score)
Records come in the order of the sorted paths (of the lines, with --stdin-jsonl).

Exit codes:
  0  every input was reviewed and nothing at or above --fail-on was found
  1  every input was reviewed and a finding at or above --fail-on was found
  2  an input could not be reviewed (its error record is in the output), or a usage error

Examples:
  shengao batch archive/ > reports.jsonl
  shengao batch --format csv --output scores.csv archive/
  shengao batch --ext txt --jobs 4 2023/ 2024/
  spark:  sc.textFile(\"docs.jsonl\").pipe(\"shengao batch --stdin-jsonl --fail-on never\")
          (a mapper's nonzero exit fails its task: --fail-on never keeps findings from it)";

/// Results at most in memory per thread, waiting for an earlier document to finish.
const WINDOW_PER_JOB: usize = 16;

/// `--jobs` above this many per core is lowered to it: more threads than that only cost
/// memory (each holds a document, and the window grows with them).
const MOST_JOBS_PER_CORE: usize = 4;

/// The longest `--stdin-jsonl` line: the most text shengao reviews, written with JSON's
/// escapes (`\n`, `\"`) taking room too. A longer line is skipped unread, as an error record.
pub const MAX_LINE_BYTES: u64 = 2 * MAX_TEXT_BYTES;

/// How a batch run went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// Inputs seen.
    pub documents: u64,
    /// Inputs that yielded an error record.
    pub errors: u64,
    /// Reports with a finding at or above `--fail-on`.
    pub failing: u64,
}

/// The resolved settings of a batch run.
#[derive(Debug, Clone)]
pub struct Options {
    /// The settings for `--stdin-jsonl` lines (files carry their own, see [`Inputs::Files`]).
    pub config: Arc<Config>,
    /// Documents reviewed at once.
    pub jobs: usize,
    pub format: BatchFormat,
    /// Draw the progress bar (on standard error).
    pub progress: bool,
}

/// Where the inputs come from.
pub enum Inputs {
    /// Files found by [`walk::find`], in order, each with its settings (defaults <
    /// the nearest shengao.toml < flags).
    Files(Vec<(Found, Arc<Config>)>),
    /// `{"id", "text"}` lines.
    Jsonl(Box<dyn BufRead + Send>),
}

/// Runs `shengao batch` as the command line asks: finds the inputs and resolves their
/// settings while the segmenter loads ([`analyze::start_preparing`]), builds the other tables
/// only once the settings are good, so that a bad shengao.toml ends the run at once, reviews
/// the inputs, and writes the records to standard output or atomically to `--output`.
pub fn run(args: &BatchArgs) -> io::Result<Outcome> {
    let started = Instant::now();
    // The segmenter loads while every input's settings are resolved and validated, as for
    // `check`.
    let preparing = analyze::start_preparing();
    let mut resolver = args.settings.resolver();
    let options = Options {
        config: resolver.for_input("-").map_err(io::Error::other)?,
        jobs: jobs(args.jobs),
        format: args.format,
        progress: !args.quiet && io::stderr().is_terminal(),
    };
    let inputs = if args.stdin_jsonl {
        Inputs::Jsonl(Box::new(io::BufReader::new(io::stdin())))
    } else {
        let extensions = Extensions::new(&args.ext);
        let found = walk::find(&args.paths, &extensions);
        if found.is_empty() {
            // Not an error (an empty folder is a valid archive), but rarely what was meant.
            messages::warning(extensions.none_found(&args.paths));
        }
        Inputs::Files(resolver.resolve_all(
            found,
            |found| found.path.to_string_lossy(),
            |_, _| Ok(()),
        )?)
    };
    // The run's timing leaves the tables' building out: MB/s is the speed of the review.
    let building = Instant::now();
    preparing.finish();
    let started = started + building.elapsed();
    match &args.output {
        Some(path) => {
            let file = crate::safe_write::AtomicFile::create(path)?;
            let mut out = BufWriter::with_capacity(1 << 16, file);
            let outcome = review_all(inputs, &options, started, &mut out)?;
            out.into_inner().map_err(|e| e.into_error())?.commit()?;
            Ok(outcome)
        }
        None => {
            let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
            let outcome = review_all(inputs, &options, started, &mut out)?;
            out.flush()?;
            Ok(outcome)
        }
    }
}

/// The documents reviewed at once: `--jobs`, or one per core; at most
/// [`MOST_JOBS_PER_CORE`] per core, with a warning when `--jobs` asked for more.
fn jobs(asked: Option<u16>) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let most = MOST_JOBS_PER_CORE * cores;
    match asked.map(usize::from) {
        None => cores,
        Some(jobs) if jobs > most => {
            messages::warning(format_args!(
                "--jobs {jobs} is far above the {cores} cores here; reviewing {most} documents \
                 at once"
            ));
            most
        }
        Some(jobs) => jobs,
    }
}

/// Reviews every input on `options.jobs` threads and writes their records to `out` in input
/// order, then (JSON Lines) the summary. `started` is when the run began, for its timing.
pub fn review_all(
    inputs: Inputs,
    options: &Options,
    started: Instant,
    out: &mut dyn Write,
) -> io::Result<Outcome> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.max(1))
        .thread_name(|i| format!("shengao-batch-{i}"))
        .build()
        .map_err(io::Error::other)?;
    if options.format == BatchFormat::Csv {
        out.write_all(csv::header().as_bytes())?;
    }
    let emitter = options.format.emitted().map(|format| {
        let inputs = match &inputs {
            Inputs::Files(found) => found.len(),
            Inputs::Jsonl(_) => 0,
        };
        emit::emitter(format, &emit::Options::for_stdout(inputs))
    });
    let mut writer = Writer {
        out,
        tally: Tally::default(),
        emitter,
    };
    let window = WINDOW_PER_JOB * options.jobs.max(1);
    let progress = match &inputs {
        Inputs::Files(found) => Progress::new(
            options.progress,
            Some(found.len() as u64),
            Some(found.iter().map(|(f, _)| f.size).sum()),
        ),
        Inputs::Jsonl(_) => Progress::new(options.progress, None, None),
    };
    let process = |job: Job| {
        let (done, bytes) = review_job(job, options, &progress);
        progress.done(bytes);
        done
    };
    match inputs {
        Inputs::Files(found) => {
            let jobs = found.into_iter().map(|(f, config)| Job::File(f, config));
            order::map_ordered(&pool, window, jobs, &process, &mut writer)?;
        }
        Inputs::Jsonl(reader) => {
            let jobs = Lines { reader, number: 0 }.map(|(number, line)| Job::Line(number, line));
            order::map_ordered(&pool, window, jobs, &process, &mut writer)?;
        }
    }
    if let Some(emitter) = &mut writer.emitter {
        emitter.finish(&mut *writer.out)?;
    }
    let seconds = started.elapsed().as_secs_f64();
    let tally = writer.tally;
    if options.format == BatchFormat::Jsonl {
        let summary = Record::Summary(Box::new(tally.summary(seconds, options.jobs)));
        serde_json::to_writer(&mut *writer.out, &summary)?;
        writer.out.write_all(b"\n")?;
    }
    progress.finish(&format!(
        "shengao: {} documents, {} errors, {:.1} MB in {seconds:.1} s ({:.1} MB/s)",
        tally.documents(),
        tally.errors(),
        tally.bytes() as f64 / 1e6,
        tally.bytes() as f64 / 1e6 / seconds.max(1e-9),
    ));
    Ok(Outcome {
        documents: tally.documents(),
        errors: tally.errors(),
        failing: tally.failing(),
    })
}

/// One input.
enum Job {
    File(Found, Arc<Config>),
    /// Line number (from 1) and the line's bytes, or why it could not be read.
    Line(usize, Result<Vec<u8>, String>),
}

/// A reviewed input: its rendered record and its digest.
struct Done {
    record: Rendered,
    digest: Digest,
}

/// What is written for one input.
enum Rendered {
    /// A JSON line or CSV row, rendered by the worker.
    Bytes(Vec<u8>),
    /// A report and its text, for the `check` emitter of the format, which keeps state across
    /// documents (a SARIF log, an rdjson result) and so renders on the writing thread.
    Report(Box<Report>, String),
    /// Why an input could not be reviewed, for standard error and for the `check` format's
    /// emitter (which has no error record; SARIF notes it in its invocation).
    Error(String, String),
}

struct Writer<'a> {
    out: &'a mut dyn Write,
    tally: Tally,
    emitter: Option<Box<dyn Emitter>>,
}

impl Sink<Done> for Writer<'_> {
    fn put(&mut self, done: Done) -> io::Result<()> {
        match done.record {
            Rendered::Bytes(bytes) => self.out.write_all(&bytes)?,
            Rendered::Report(report, text) => {
                if let Some(emitter) = &mut self.emitter {
                    emitter.report(&mut *self.out, &report, &text)?;
                }
            }
            Rendered::Error(path, error) => {
                self.out.flush()?;
                messages::error(format_args!("{path}: {error}"));
                if let Some(emitter) = &mut self.emitter {
                    emitter.unreadable(&path, &error);
                }
            }
        }
        self.tally.add(done.digest);
        Ok(())
    }

    fn idle(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Standard input's lines, numbered from 1, each without its line break. A line longer
/// than [`MAX_LINE_BYTES`] is skipped to its end without being kept, and given as an error.
/// A read error ends the lines after being given as the last one.
struct Lines {
    reader: Box<dyn BufRead + Send>,
    number: usize,
}

impl Iterator for Lines {
    type Item = (usize, Result<Vec<u8>, String>);

    fn next(&mut self) -> Option<Self::Item> {
        if self.number == usize::MAX {
            return None;
        }
        let mut line = Vec::new();
        let read = (&mut self.reader)
            .take(MAX_LINE_BYTES + 1)
            .read_until(b'\n', &mut line)
            .and_then(|n| {
                let too_long = line.len() as u64 > MAX_LINE_BYTES;
                if too_long {
                    line = Vec::new();
                    skip_line(&mut self.reader)?;
                }
                Ok((n, too_long))
            });
        self.number += 1;
        let number = self.number;
        match read {
            Ok((0, _)) => None,
            Ok((_, true)) => Some((
                number,
                Err(format!(
                    "a line longer than {}, the most shengao reads; skipped",
                    human(MAX_LINE_BYTES)
                )),
            )),
            Ok(_) => {
                if line.ends_with(b"\n") {
                    line.pop();
                }
                if line.ends_with(b"\r") {
                    line.pop();
                }
                Some((number, Ok(line)))
            }
            Err(e) => {
                self.number = usize::MAX;
                Some((number, Err(format!("cannot read standard input: {e}"))))
            }
        }
    }
}

/// Reads past the rest of a line, keeping none of it.
fn skip_line(reader: &mut dyn BufRead) -> io::Result<()> {
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Ok(());
        }
        match buffer.iter().position(|&b| b == b'\n') {
            Some(end) => {
                reader.consume(end + 1);
                return Ok(());
            }
            None => {
                let all = buffer.len();
                reader.consume(all);
            }
        }
    }
}

/// Reviews one input into its record; never fails (a failure is an error record) and never
/// panics (a panic in an analyzer becomes an error record too). Returns the bytes it stood
/// for, for the progress bar.
fn review_job(job: Job, options: &Options, progress: &Progress) -> (Done, u64) {
    let (path, id, read) = match job {
        Job::File(found, config) => {
            let path = Named::file(&found.path);
            progress.start(&path.shown);
            let read = match found.problem {
                Some(problem) => Err(problem),
                None => input::read(&found.path, config.encoding).map_err(|e| e.reason),
            };
            let bytes = read.as_ref().map_or(found.size, |input| input.bytes);
            return (finish(options, &config, path, None, read), bytes);
        }
        Job::Line(number, line) => {
            let path = Named::line(number);
            progress.start(&path.shown);
            match line {
                Err(e) => (path, Some(Id::null()), Err(e)),
                Ok(line) => {
                    let (id, text) = parse_line(&line);
                    let read = text.and_then(|text| {
                        input::from_bytes(&path.shown, text.as_bytes(), None).map_err(|e| e.reason)
                    });
                    // Every record of a line carries its id, `null` when it had none.
                    (path, Some(id.unwrap_or_else(Id::null)), read)
                }
            }
        }
    };
    let bytes = read.as_ref().map_or(0, |input| input.bytes);
    (finish(options, &options.config, path, id, read), bytes)
}

/// What an input is called in its records: the path as shown, and its bytes when they are
/// not UTF-8 ([`input::path_bytes`]).
struct Named {
    shown: String,
    bytes: Option<Vec<u8>>,
}

impl Named {
    fn file(path: &std::path::Path) -> Named {
        Named {
            shown: path.to_string_lossy().into_owned(),
            bytes: input::path_bytes(path),
        }
    }

    /// Line `number` of standard input: `-:N`.
    fn line(number: usize) -> Named {
        Named {
            shown: format!("-:{number}"),
            bytes: None,
        }
    }
}

/// The id and text of a `{"id": …, "text": …}` line. Other keys are ignored. The id is
/// kept as the line wrote it ([`Id`]).
fn parse_line(line: &[u8]) -> (Option<Id>, Result<String, String>) {
    const SHAPE: &str = "expected a JSON object {\"id\": …, \"text\": \"…\"}";
    if line.iter().all(u8::is_ascii_whitespace) {
        return (None, Err(format!("empty line; {SHAPE}")));
    }
    let map: HashMap<String, &RawValue> = match serde_json::from_slice(line) {
        Ok(map) => map,
        Err(e) if e.is_data() => return (None, Err(SHAPE.to_string())),
        Err(e) => return (None, Err(format!("not JSON ({e}); {SHAPE}"))),
    };
    let id = map.get("id").map(|raw| Id::from_raw(raw));
    match map
        .get("text")
        .map(|raw| serde_json::from_str::<String>(raw.get()))
    {
        Some(Ok(text)) => (id, Ok(text)),
        _ => (id, Err("the line has no string \"text\"".to_string())),
    }
}

/// Reviews a read input, or turns the reason it could not be read into an error record.
fn finish(
    options: &Options,
    config: &Config,
    path: Named,
    id: Option<Id>,
    read: Result<Input, String>,
) -> Done {
    let report = read.and_then(|input| guarded(|| analyze::review_with_text(input, config)));
    match report {
        Ok((report, text)) => {
            let digest = Digest::of(&report, id.as_ref(), config);
            let record = match options.format {
                BatchFormat::Csv => {
                    let counts = match &digest {
                        Digest::Report(d) => d.findings,
                        Digest::Error => SeverityCounts::default(),
                    };
                    Rendered::Bytes(csv::report_row(&report, id.as_ref(), &counts).into_bytes())
                }
                BatchFormat::Jsonl => {
                    Rendered::Bytes(json_line(&Record::Report(Box::new(ReportRecord {
                        id,
                        report,
                    }))))
                }
                _ => Rendered::Report(Box::new(report), text),
            };
            Done { record, digest }
        }
        Err(error) => {
            let record = match options.format {
                BatchFormat::Csv => {
                    Rendered::Bytes(csv::error_row(&path.shown, id.as_ref(), &error).into_bytes())
                }
                BatchFormat::Jsonl => Rendered::Bytes(json_line(&Record::Error(ErrorRecord {
                    path: path.shown,
                    path_bytes: path.bytes,
                    id,
                    error,
                }))),
                _ => Rendered::Error(path.shown, error),
            };
            Done {
                record,
                digest: Digest::Error,
            }
        }
    }
}

/// Runs a review, turning a panic (a bug) into an error message so the run goes on.
fn guarded<T>(review: impl FnOnce() -> T) -> Result<T, String> {
    panic::catch_unwind(AssertUnwindSafe(review)).map_err(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        format!("internal error: the review failed ({what}); please report it")
    })
}

fn json_line(record: &Record) -> Vec<u8> {
    let mut line = serde_json::to_vec(record).expect("a record always serialises");
    line.push(b'\n');
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Cli, Command};
    use clap::Parser;
    use serde_json::Value;
    use std::path::PathBuf;

    fn parse(args: &[&str]) -> Result<BatchArgs, clap::Error> {
        let cli = Cli::try_parse_from([&["shengao", "batch"], args].concat())?;
        match cli.command {
            Command::Batch(args) => Ok(args),
            other => panic!("expected batch, got {other:?}"),
        }
    }

    #[test]
    fn flags_parse() {
        let args = parse(&["archive"]).unwrap();
        assert_eq!(args.ext, ["txt", "md", "docx"]);
        assert_eq!(
            (args.jobs, args.format, args.quiet),
            (None, BatchFormat::Jsonl, false)
        );
        let args = parse(&[
            "--ext", "txt,MD", "-j", "3", "--format", "csv", "-q", "a", "b",
        ])
        .unwrap();
        assert_eq!(args.ext, ["txt", "MD"]);
        assert_eq!(
            (args.jobs, args.format, args.quiet),
            (Some(3), BatchFormat::Csv, true)
        );
        assert_eq!(args.paths, [PathBuf::from("a"), PathBuf::from("b")]);
        assert!(parse(&["--stdin-jsonl"]).unwrap().stdin_jsonl);
    }

    #[test]
    fn usage_errors() {
        assert!(parse(&[]).is_err(), "a path or --stdin-jsonl is needed");
        assert!(parse(&["--stdin-jsonl", "a"]).is_err());
        assert!(parse(&["--jobs", "0", "a"]).is_err());
        assert!(parse(&["--format", "xml", "a"]).is_err());
    }

    #[test]
    fn lines_are_parsed_for_id_and_text() {
        let (id, text) = parse_line(br#"{"id": 7, "text": "X", "lang": "zh"}"#);
        assert_eq!(
            (id, text),
            (Some(Id::from(Value::from(7))), Ok("X".to_string()))
        );
        let (id, text) = parse_line(br#"{"text": ""}"#);
        assert_eq!((id, text), (None, Ok(String::new())));
        let (id, text) = parse_line(br#"{"id": "a", "text": 3}"#);
        assert_eq!(id, Some(Id::from(Value::from("a"))));
        assert!(text.unwrap_err().contains("no string \"text\""));
        for bad in [&b"  "[..], b"[1,2]", b"{\"id\":", b"\xff"] {
            let (id, text) = parse_line(bad);
            assert_eq!(id, None);
            assert!(text.unwrap_err().contains("expected a JSON object"));
        }
    }

    #[test]
    fn ids_are_kept_as_the_line_wrote_them() {
        for raw in [
            "18446744073709551616",
            "1e2",
            "-0.0",
            "\"\\u4e2d\"",
            "{\"a\": [1, 2.50]}",
        ] {
            let line = format!(r#"{{"id": {raw}, "text": ""}}"#);
            let (id, _) = parse_line(line.as_bytes());
            assert_eq!(id.unwrap().json(), raw);
        }
    }

    #[test]
    fn a_line_over_the_limit_is_skipped_and_the_next_one_read() {
        struct Endless(u64);
        impl Read for Endless {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = buf.len().min(self.0 as usize);
                buf[..n].fill(b'x');
                self.0 -= n as u64;
                Ok(n)
            }
        }
        // One line one byte too long, then a short one: the long one is never held whole.
        let long = Endless(MAX_LINE_BYTES + 1);
        let reader = io::BufReader::new(long.chain(&b"\nnext\n"[..]));
        let mut lines = Lines {
            reader: Box::new(reader),
            number: 0,
        };
        let (number, first) = lines.next().unwrap();
        assert_eq!(number, 1);
        assert!(first.unwrap_err().contains("longer than 128 MiB"));
        assert_eq!(lines.next().unwrap(), (2, Ok(b"next".to_vec())));
        assert!(lines.next().is_none());
    }

    #[test]
    fn stdin_lines_are_numbered_without_their_breaks() {
        let reader: Box<dyn BufRead + Send> = Box::new(io::Cursor::new(b"a\r\nb\n\nc".to_vec()));
        let lines: Vec<(usize, Vec<u8>)> = Lines { reader, number: 0 }
            .map(|(n, l)| (n, l.unwrap()))
            .collect();
        assert_eq!(
            lines,
            [
                (1, b"a".to_vec()),
                (2, b"b".to_vec()),
                (3, vec![]),
                (4, b"c".to_vec())
            ]
        );
    }

    #[test]
    fn a_panic_in_a_review_becomes_an_error() {
        let err = guarded(|| panic!("boom")).unwrap_err();
        assert!(
            err.starts_with("internal error") && err.contains("boom"),
            "{err}"
        );
    }

    #[test]
    fn an_unreadable_input_becomes_an_error_record() {
        let options = Options {
            config: Arc::new(Config::default()),
            jobs: 1,
            format: BatchFormat::Jsonl,
            progress: false,
        };
        let config = Config::default();
        let done = finish(
            &options,
            &config,
            Named::file(std::path::Path::new("x.txt")),
            None,
            Err("binary file".into()),
        );
        assert_eq!(done.digest, Digest::Error);
        let Rendered::Bytes(record) = done.record else {
            panic!("JSON Lines are rendered by the worker")
        };
        assert_eq!(
            String::from_utf8(record).unwrap(),
            "{\"type\":\"error\",\"path\":\"x.txt\",\"error\":\"binary file\"}\n"
        );
    }
}
