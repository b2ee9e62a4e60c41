//! The command line, as clap sees it. [`crate::config`] turns it into a validated [`Config`].

use clap::{Args, Parser, Subcommand, ValueEnum};

use std::path::PathBuf;
use std::sync::Arc;

use crate::analyze::phrases;
use crate::config::file::Resolver;
use crate::config::{Config, FailOn};
use crate::input::Encoding;

/// The exit codes of `check`, for its help and the top-level help (README.md has the same
/// table).
macro_rules! check_exit_codes {
    () => {
        "\
Exit codes:
  0  nothing at or above --fail-on (default error) was found
  1  a finding at or above --fail-on was found
  2  a usage error, or an input that could not be read (missing, a directory, binary); the
     other inputs are still reviewed"
    };
}

const AFTER_HELP: &str = concat!(
    check_exit_codes!(),
    "

Examples:
  shengao check draft.txt
  shengao check --format json draft.txt > report.json
  cat draft.txt | shengao check --fail-on warning
  shengao check --format sarif docs/*.txt > shengao.sarif
  shengao init
  shengao rules
  shengao explain
  shengao explain input/legacy-encoding
  shengao fix --diff draft.txt

Settings: defaults < shengao.toml (the nearest above each input, or --config) < flags."
);

const CHECK_AFTER_HELP: &str = concat!(
    check_exit_codes!(),
    "

Examples:
  shengao check draft.txt
  shengao check --fail-on warning drafts/*.txt
  cat draft.txt | shengao check
  shengao check --format json draft.txt > report.json
  shengao check --format sarif --fail-on never docs/*.txt > shengao.sarif
  shengao explain readability/long-sentence    (what a finding's rule checks, and why)"
);

/// 审稿: review Chinese speech and report drafts: structure, stock phrases, readability,
/// redundancy, typography and wording, with exact line and column.
#[derive(Debug, Parser)]
#[command(name = "shengao", version, after_help = AFTER_HELP, arg_required_else_help = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Review drafts and report findings, metrics and scores.
    Check(CheckArgs),
    // batch: begin
    /// Review every draft under files and folders in parallel: JSON Lines (or CSV) in path
    /// order, then a summary record.
    Batch(BatchArgs),
    // batch: end
    /// List every rule: id, default severity, summary.
    Rules(RulesArgs),
    /// Explain a rule (what it checks, why, an example) or a topic (e.g. `document`, `input`);
    /// with none, list every topic and rule.
    Explain {
        /// A rule id such as `input/legacy-encoding`, an area such as `structure`, or
        /// `document`. Leave it out to list them all.
        topic: Option<String>,
    },
    /// Apply the certain fixes (findings that carry a suggestion) and print the fixed text.
    Fix(FixArgs),
    /// Write a commented default shengao.toml (its values are the defaults) to edit.
    Init(InitArgs),
}

#[derive(Debug, Args)]
#[command(after_help = CHECK_AFTER_HELP)]
pub struct CheckArgs {
    /// Files to review (UTF-8, UTF-16, or GB18030/GBK). None, or `-`, reads standard
    /// input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Name standard input NAME, as an editor piping in a buffer does: reports name it so,
    /// its extension tells its kind (.md reads Markdown), and its folder's shengao.toml
    /// applies.
    #[arg(long, value_name = "NAME", value_parser = parse_stdin_name)]
    pub stdin_name: Option<String>,

    #[command(flatten)]
    pub settings: SettingsArgs,
}

/// The settings flags `check` and `batch` share; each beats shengao.toml and the defaults.
#[derive(Debug, Args)]
pub struct SettingsArgs {
    /// Exit with 1 when a finding has at least this severity [default: error, or the
    /// configuration file's `fail-on`].
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOnArg>,

    /// Decode inputs with this encoding instead of detecting it (utf-8, gb18030, gbk,
    /// utf-16le, utf-16be, big5, …).
    #[arg(long, value_name = "LABEL", value_parser = parse_encoding)]
    pub encoding: Option<Encoding>,

    /// Read every line as it is. By default the lines of hard-wrapped text (copied from a
    /// PDF: many lines of one width that stop mid-sentence) are joined before sentences are
    /// cut; positions still point into the file (`shengao explain document`).
    #[arg(long)]
    pub keep_lines: bool,

    // --- structure ---
    /// Note a section over RATIO times, or under 1/RATIO of, the median size of its sibling
    /// sections (structure/section-balance).
    #[arg(long, value_name = "RATIO", value_parser = parse_ratio)]
    pub structure_balance_ratio: Option<f64>,
    // --- end structure ---
    #[command(flatten)]
    pub config_file: ConfigFileArgs,

    // --- readability and redundancy ---
    /// Report sentences with more Han characters than this (default 80).
    #[arg(long, value_name = "HAN_CHARS", value_parser = clap::value_parser!(u32).range(1..))]
    pub long_sentence: Option<u32>,

    /// Report clauses (split at ，；：) with more Han characters than this (default 30).
    #[arg(long, value_name = "HAN_CHARS", value_parser = clap::value_parser!(u32).range(1..))]
    pub long_clause: Option<u32>,

    /// Window of the moving-average type-token ratio (MATTR), in words (default 50).
    #[arg(long, value_name = "WORDS", value_parser = clap::value_parser!(u32).range(1..))]
    pub mattr_window: Option<u32>,

    /// Similarity (0–1] from which sentences are near-duplicates: the higher of the character 3-shingle Jaccard and the edit similarity (default 0.8).
    #[arg(long, value_name = "SIMILARITY", value_parser = parse_similarity)]
    pub near_duplicate: Option<f64>,
    // --- end readability and redundancy ---

    // --- stock phrases (src/analyze/phrases) ---
    /// Add the stock phrases of FILE: one entry a line, phrase, category, severity and advice
    /// separated by tabs (`shengao explain phrase` has the details); repeatable.
    #[arg(long = "dict", value_name = "FILE", value_parser = phrases::parse_dict)]
    pub dicts: Vec<Arc<phrases::List>>,

    /// Never report the phrases listed in FILE, one a line; repeatable.
    #[arg(long = "allow", value_name = "FILE", value_parser = phrases::parse_allow)]
    pub allows: Vec<Arc<phrases::AllowList>>,

    /// Severity of stock phrases inside quotation marks: error, warning, info or off (default info).
    #[arg(long, value_name = "SEVERITY", value_parser = phrases::parse_quoted)]
    pub quoted_phrases: Option<phrases::QuotedSeverity>,
    // --- end stock phrases ---
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to write shengao.toml in.
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,

    /// Overwrite an existing shengao.toml.
    #[arg(long)]
    pub force: bool,
}

// --- `fix` (typography area) ---
const FIX_AFTER_HELP: &str = "\
Standard output holds only the fixed text (or the diff), so it can be piped; standard error gets
one line per file: `draft.txt: 7 fixes applied`, or `draft.txt: no certain fixes` when no
finding carries a suggestion (the others are left to you; see `shengao check`).

Printed text is UTF-8 without a byte-order mark, whatever the input's encoding, with the
input's line endings; --write also keeps a file's own encoding (GBK stays GBK) and its mark.

--write replaces only regular files, through a temporary file renamed over the original, which
keeps its permissions, owner and group (a symbolic link is followed; the link stays). It
refuses, and leaves the file as it is:
  - a file that changed while it was fixed (another program wrote to it);
  - a read-only file, and a file with several hard links (renaming would split them), unless
    --force: a read-only file is then rewritten with its mode kept, and a linked file is
    written in place;
  - a file whose bytes its text does not give back exactly (a lossy decoding);
  - a .docx (its formatting would be lost; use --diff).
Interrupted (Ctrl-C, SIGTERM), it removes its temporary file; a later run removes those of a
run that was killed outright.

Exit codes:
  0  every file was fixed, or had nothing to fix (findings never set the exit code)
  2  a usage error, or a file that could not be read or written (the other files are still
     fixed), also when the error could not be printed (standard error closed)

Examples:
  shengao fix draft.txt > fixed.txt
  shengao fix --diff draft.txt
  shengao fix --write drafts/*.txt";

#[derive(Debug, Args)]
#[command(after_help = FIX_AFTER_HELP)]
pub struct FixArgs {
    /// The drafts to fix; `-` reads standard input. Several only with --write or --diff.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// Replace each file with its fixed text, atomically, keeping its encoding, byte-order
    /// mark, line endings, permissions, owner and group. A file that changes while it is
    /// fixed is left alone (exit 2).
    #[arg(long)]
    pub write: bool,

    /// With --write: also rewrite a read-only file (its mode is kept), and write a file with
    /// several hard links in place, so the links stay one file (not atomic then).
    #[arg(long, requires = "write")]
    pub force: bool,

    /// Print a unified diff of the fixes instead of the fixed text (with --write: print it,
    /// and write the files).
    #[arg(long)]
    pub diff: bool,

    /// Decode the input with this encoding instead of detecting it.
    #[arg(long, value_name = "LABEL", value_parser = parse_encoding)]
    pub encoding: Option<Encoding>,

    /// Name standard input NAME: its extension tells its kind (.md reads Markdown), and its
    /// folder's shengao.toml applies.
    #[arg(long, value_name = "NAME", value_parser = parse_stdin_name)]
    pub stdin_name: Option<String>,

    #[command(flatten)]
    pub config_file: ConfigFileArgs,
}
// --- end `fix` ---

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

/// How reports are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Findings as `path:line:col: severity[rule] message` with the line underlined, then a
    /// summary.
    Text,
    /// The report as JSON (an array when several files are given).
    Json,
    /// JSON Lines: one report per line.
    Jsonl,
    /// One SARIF 2.1.0 log (GitHub code scanning; columns in code points).
    Sarif,
    /// reviewdog's rdjson: one DiagnosticResult (columns in UTF-8 bytes).
    Rdjson,
    /// reviewdog's rdjsonl: one Diagnostic per line (columns in UTF-8 bytes).
    Rdjsonl,
    /// GitHub Actions annotations: `::warning file=…,line=…::message`.
    Github,
}

/// How `rules` lists the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOnArg {
    Error,
    Warning,
    Info,
    Never,
}

/// A name for standard input: a file name, not empty and not a folder.
fn parse_stdin_name(value: &str) -> Result<String, String> {
    if value.trim().is_empty() || value.ends_with(['/', '\\']) {
        return Err(format!("`{value}` is not a file name, e.g. draft.md"));
    }
    Ok(value.to_string())
}

/// The usage error in how standard input is named among `paths`, if any: `-` given twice
/// (it can be read once), or `--stdin-name` given while no input is standard input.
pub fn stdin_misuse(stdin_name: Option<&str>, paths: &[PathBuf]) -> Option<String> {
    let dashes = paths.iter().filter(|p| crate::input::is_stdin(p)).count();
    if dashes > 1 {
        return Some("standard input (`-`) is named twice; it can be read only once".to_string());
    }
    let name = stdin_name?;
    (dashes == 0 && !paths.is_empty())
        .then(|| format!("--stdin-name {name} names standard input, but no input is `-`"))
}

fn parse_ratio(value: &str) -> Result<f64, String> {
    match value.parse::<f64>() {
        Ok(ratio) if ratio > 1.0 && ratio.is_finite() => Ok(ratio),
        _ => Err(format!("`{value}` is not a ratio greater than 1")),
    }
}

fn parse_similarity(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v > 0.0 && v <= 1.0 => Ok(v),
        _ => Err(format!("`{s}` is not a similarity in (0, 1], e.g. 0.8")),
    }
}

fn parse_encoding(label: &str) -> Result<Encoding, String> {
    Encoding::from_label(label).ok_or_else(|| {
        format!("unknown encoding `{label}` (try utf-8, gb18030, gbk, utf-16le, utf-16be, big5)")
    })
}

impl SettingsArgs {
    /// The settings from the defaults and the flags alone (no configuration file).
    pub fn config(&self) -> Config {
        let mut config = Config::default();
        self.apply(&mut config);
        config
    }

    /// Sets what the flags give over `config` (which holds the defaults and the file).
    pub fn apply(&self, config: &mut Config) {
        if let Some(fail_on) = self.fail_on {
            config.fail_on = match fail_on {
                FailOnArg::Error => FailOn::Error,
                FailOnArg::Warning => FailOn::Warning,
                FailOnArg::Info => FailOn::Info,
                FailOnArg::Never => FailOn::Never,
            };
        }
        apply_encoding(self.encoding, config);
        if self.keep_lines {
            config.keep_lines = true;
        }
        if let Some(ratio) = self.structure_balance_ratio {
            config.structure.balance_ratio = ratio;
        }
        if let Some(n) = self.long_sentence {
            config.readability.long_sentence = n as usize;
        }
        if let Some(n) = self.long_clause {
            config.readability.long_clause = n as usize;
        }
        if let Some(n) = self.mattr_window {
            config.redundancy.mattr_window = n as usize;
        }
        if let Some(similarity) = self.near_duplicate {
            config.redundancy.near_duplicate = similarity;
        }
        config.phrases.add_lists(&self.dicts, &self.allows);
        if let Some(quoted) = self.quoted_phrases {
            config.phrases.quoted = quoted.0;
        }
    }

    /// Each input's settings: the defaults, its configuration file (the nearest shengao.toml,
    /// `--config`, or none with `--no-config`), then these flags.
    pub fn resolver(&self) -> Resolver<'_> {
        Resolver::new(self.config_file.choice(), |c| self.apply(c))
    }
}

impl FixArgs {
    /// Each input's settings, as `check` has them: the defaults, its configuration file, then
    /// `--encoding`.
    pub fn resolver(&self) -> Resolver<'_> {
        Resolver::new(self.config_file.choice(), |c| {
            apply_encoding(self.encoding, c)
        })
    }
}

/// `--encoding`, when given, over the encoding of `config`.
fn apply_encoding(encoding: Option<Encoding>, config: &mut Config) {
    if encoding.is_some() {
        config.encoding = encoding;
    }
}

/// Where settings come from besides the flags; `check`, `batch` and `fix` share these.
#[derive(Debug, Args)]
pub struct ConfigFileArgs {
    /// Read settings from this file instead of the nearest shengao.toml above each input.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Read no configuration file: defaults and flags only.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
}

impl ConfigFileArgs {
    /// Where the configuration file comes from.
    pub fn choice(&self) -> crate::config::file::Choice {
        use crate::config::file::Choice;
        match (&self.config, self.no_config) {
            (Some(file), _) => Choice::File(file.clone()),
            (None, true) => Choice::None,
            (None, false) => Choice::Discover,
        }
    }
}

// batch: begin
/// `shengao batch`; the flags are resolved into [`crate::batch::Options`].
#[derive(Debug, Args)]
#[command(after_help = crate::batch::AFTER_HELP)]
pub struct BatchArgs {
    /// Files and folders to review; folders are walked recursively. Needed unless
    /// --stdin-jsonl reads the drafts from standard input.
    #[arg(value_name = "PATH", required_unless_present = "stdin_jsonl")]
    pub paths: Vec<PathBuf>,

    /// In folders, read only files with these extensions (comma-separated, any case); `*` reads
    /// every file. Files named on the command line are always read.
    #[arg(
        long,
        value_name = "LIST",
        value_delimiter = ',',
        default_value = "txt,md,docx"
    )]
    pub ext: Vec<String>,

    /// Documents reviewed at once (default: one per core). More than four per core only
    /// costs memory: such a number is lowered to that, with a warning.
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// Output format: one JSON record per line, or one CSV row per document.
    #[arg(long, value_enum, default_value_t = BatchFormat::Jsonl)]
    pub format: BatchFormat,

    /// Write the output to FILE (atomically: a temporary file in the same folder, renamed
    /// over FILE at the end) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,

    /// No progress bar (it is shown only when standard error is a terminal anyway).
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Mapper mode: read `{"id": …, "text": …}` lines from standard input and write one record
    /// per line, carrying its id (for Spark `RDD.pipe` and Hadoop Streaming).
    #[arg(long, conflicts_with = "paths")]
    pub stdin_jsonl: bool,

    #[command(flatten)]
    pub settings: SettingsArgs,
}

/// How `batch` writes its records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BatchFormat {
    /// JSON Lines: a `report` or `error` record per input, then a `summary` record.
    Jsonl,
    /// CSV: a header, then one row per input with the headline numbers (no summary).
    Csv,
    /// As `check --format text`; unreadable inputs are reported on standard error.
    Text,
    /// One SARIF 2.1.0 log for the whole archive.
    Sarif,
    /// One reviewdog diagnostic result for the whole archive.
    Rdjson,
    /// reviewdog diagnostics, one per line.
    Rdjsonl,
    /// GitHub Actions annotations.
    Github,
}

impl BatchFormat {
    /// The `check` format that renders this one, for all but the batch-only JSON Lines and CSV.
    pub fn emitted(self) -> Option<Format> {
        match self {
            BatchFormat::Jsonl | BatchFormat::Csv => None,
            BatchFormat::Text => Some(Format::Text),
            BatchFormat::Sarif => Some(Format::Sarif),
            BatchFormat::Rdjson => Some(Format::Rdjson),
            BatchFormat::Rdjsonl => Some(Format::Rdjsonl),
            BatchFormat::Github => Some(Format::Github),
        }
    }
}

// batch: end

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_valid() {
        Cli::command().debug_assert();
    }

    #[test]
    fn check_defaults() {
        let cli = Cli::parse_from(["shengao", "check"]);
        let Command::Check(args) = cli.command else {
            panic!("expected check")
        };
        assert!(args.paths.is_empty());
        assert_eq!(args.format, Format::Text);
        assert_eq!(args.settings.config().fail_on, FailOn::Error);
    }

    #[test]
    fn flags_go_over_the_file() {
        let cli = Cli::parse_from(["shengao", "check", "--fail-on", "never"]);
        let Command::Check(args) = cli.command else {
            panic!("expected check")
        };
        let mut config = Config {
            fail_on: FailOn::Warning,
            encoding: Some(Encoding::Gb18030),
            ..Config::default()
        };
        args.settings.apply(&mut config);
        assert_eq!(config.fail_on, FailOn::Never);
        assert_eq!(config.encoding, Some(Encoding::Gb18030));
    }

    #[test]
    fn the_resolver_puts_the_flags_over_the_defaults() {
        let cli = Cli::parse_from(["shengao", "check", "--no-config", "--fail-on", "never"]);
        let Command::Check(args) = cli.command else {
            panic!("expected check")
        };
        let config = args.settings.resolver().for_input("draft.txt").unwrap();
        assert_eq!(config.fail_on, FailOn::Never);
        assert!(config.file.is_none());
    }

    #[test]
    fn config_and_no_config_conflict() {
        assert!(
            Cli::try_parse_from(["shengao", "check", "--config", "a.toml", "--no-config"]).is_err()
        );
    }

    #[test]
    fn bad_encoding_is_a_usage_error() {
        assert!(Cli::try_parse_from(["shengao", "check", "--encoding", "klingon"]).is_err());
    }
}
