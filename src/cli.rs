//! The command line, as clap sees it. [`crate::config`] turns it into a validated [`Config`].

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::{Config, FailOn};
use crate::input::Encoding;

const AFTER_HELP: &str = "\
Exit codes:
  0  nothing at or above --fail-on was found
  1  a finding at or above --fail-on was found
  2  a usage error, or an input that could not be read (the other inputs are still reviewed)

Examples:
  shengao check samples/jianghua-gao.txt
  shengao check --format json draft.txt > report.json
  cat draft.txt | shengao check --fail-on warning
  shengao rules
  shengao explain input/legacy-encoding";

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
    /// Explain a rule (what it checks, why, an example) or an area (e.g. `document`, `input`).
    Explain {
        /// A rule id such as `input/legacy-encoding`, an area such as `structure`, or `document`.
        topic: String,
    },
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files to review (UTF-8, UTF-16 with BOM, or GB18030/GBK). None, or `-`, reads standard
    /// input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Exit with 1 when a finding has at least this severity.
    #[arg(long, value_enum, default_value_t = FailOnArg::Error, value_name = "SEVERITY")]
    pub fail_on: FailOnArg,

    /// Decode inputs with this encoding instead of detecting it (utf-8, gb18030, gbk,
    /// utf-16le, utf-16be, big5, …).
    #[arg(long, value_name = "LABEL", value_parser = parse_encoding)]
    pub encoding: Option<Encoding>,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

/// How reports are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Findings as `path:line:col: severity[rule] message`, then a summary.
    Text,
    /// The report as JSON (an array when several files are given).
    Json,
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

fn parse_encoding(label: &str) -> Result<Encoding, String> {
    Encoding::from_label(label).ok_or_else(|| {
        format!("unknown encoding `{label}` (try utf-8, gb18030, gbk, utf-16le, utf-16be, big5)")
    })
}

impl CheckArgs {
    /// The resolved settings for this check.
    pub fn config(&self) -> Config {
        Config {
            fail_on: match self.fail_on {
                FailOnArg::Error => FailOn::Error,
                FailOnArg::Warning => FailOn::Warning,
                FailOnArg::Info => FailOn::Info,
                FailOnArg::Never => FailOn::Never,
            },
            encoding: self.encoding,
        }
    }
}

// batch: begin
/// `shengao batch`; the flags are resolved into [`crate::batch::Options`].
#[derive(Debug, Args)]
#[command(after_help = crate::batch::AFTER_HELP)]
pub struct BatchArgs {
    /// Files and folders to review; folders are walked recursively.
    #[arg(value_name = "PATH", required_unless_present = "stdin_jsonl")]
    pub paths: Vec<String>,

    /// In folders, read only files with these extensions (comma-separated, any case); `*` reads
    /// every file. Files named on the command line are always read.
    #[arg(
        long,
        value_name = "LIST",
        value_delimiter = ',',
        default_value = "txt,md,docx"
    )]
    pub ext: Vec<String>,

    /// Documents reviewed at once (default: one per core).
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

    /// Exit with 1 when a finding has at least this severity (2 wins if an input failed).
    #[arg(long, value_enum, default_value_t = FailOnArg::Error, value_name = "SEVERITY")]
    pub fail_on: FailOnArg,

    /// Decode files with this encoding instead of detecting it.
    #[arg(long, value_name = "LABEL", value_parser = parse_encoding)]
    pub encoding: Option<Encoding>,
}

/// How `batch` writes its records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BatchFormat {
    /// JSON Lines: a `report` or `error` record per input, then a `summary` record.
    Jsonl,
    /// CSV: a header, then one row per input with the headline numbers (no summary).
    Csv,
}

impl BatchArgs {
    /// The analysis settings for a batch run.
    pub fn config(&self) -> Config {
        #[allow(
            clippy::needless_update,
            reason = "other areas add their settings to Config"
        )]
        Config {
            fail_on: match self.fail_on {
                FailOnArg::Error => FailOn::Error,
                FailOnArg::Warning => FailOn::Warning,
                FailOnArg::Info => FailOn::Info,
                FailOnArg::Never => FailOn::Never,
            },
            encoding: self.encoding,
            ..Config::default()
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
        assert_eq!(args.config().fail_on, FailOn::Error);
    }

    #[test]
    fn bad_encoding_is_a_usage_error() {
        assert!(Cli::try_parse_from(["shengao", "check", "--encoding", "klingon"]).is_err());
    }
}
