//! The command line, as clap sees it. [`crate::config`] turns it into a validated [`Config`].

use clap::{Args, Parser, Subcommand, ValueEnum};

use std::sync::Arc;

use crate::analyze::phrases;
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

    // --- stock phrases (src/analyze/phrases) ---
    /// Add the stock phrases of FILE (the format of dictionaries/phrases/*.tsv); repeatable.
    #[arg(long = "dict", value_name = "FILE", value_parser = phrases::parse_dict)]
    pub dicts: Vec<Arc<phrases::List>>,

    /// Never report the phrases listed in FILE, one a line; repeatable.
    #[arg(long = "allow", value_name = "FILE", value_parser = phrases::parse_allow)]
    pub allows: Vec<Arc<phrases::AllowList>>,

    /// Severity of stock phrases inside quotation marks: error, warning, info or off.
    #[arg(long, value_name = "SEVERITY", default_value = "info", value_parser = phrases::parse_quoted)]
    pub quoted_phrases: phrases::QuotedSeverity,
    // --- end stock phrases ---
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
            phrases: phrases::PhrasesSettings::from_flags(
                &self.dicts,
                &self.allows,
                self.quoted_phrases,
            ),
        }
    }
}

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
