//! The resolved settings of a run: defaults < `shengao.toml` ([`file`]) < flags, validated
//! before any work starts.

pub mod file;

use std::path::PathBuf;

use serde::Deserialize;

use crate::input::Encoding;
use crate::rules::Severity;

/// The severity at or above which `check` exits with 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    #[default]
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    /// Whether a finding of `severity` makes the run fail.
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Error => severity >= Severity::Error,
            FailOn::Warning => severity >= Severity::Warning,
            FailOn::Info => true,
            FailOn::Never => false,
        }
    }
}

/// Everything a run needs to know, resolved.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// When findings make the exit code 1.
    pub fail_on: FailOn,
    /// Decode every input with this encoding instead of detecting one.
    pub encoding: Option<Encoding>,
    /// Read every line as it is: do not join the lines of hard-wrapped text
    /// (`--keep-lines`, `keep-lines`).
    pub keep_lines: bool,
    /// Stock phrases: lists, allowed phrases, quoted hits.
    pub phrases: crate::analyze::phrases::PhrasesSettings,
    /// `--long-sentence`, `--long-clause`.
    pub readability: crate::analyze::readability::ReadabilitySettings,
    /// `--mattr-window`, `--near-duplicate`.
    pub redundancy: crate::analyze::redundancy::RedundancySettings,
    /// The structure analyzer's settings.
    pub structure: crate::analyze::structure::StructureSettings,
    /// `[wording] confidence` and `term-confidence`.
    pub wording: crate::analyze::typos::WordingSettings,
    // --- formats: configuration file (shengao.toml) ---
    /// Rules turned off or given another severity (`[rules]`), applied to the findings after
    /// the analyzers have run.
    pub rules: file::RuleLevels,
    /// Inputs not to review (`skip`).
    pub skip: file::Skip,
    /// The configuration file these settings were read from, if any.
    pub file: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fail_on_thresholds() {
        assert!(FailOn::Error.fails(Severity::Error));
        assert!(!FailOn::Error.fails(Severity::Warning));
        assert!(FailOn::Warning.fails(Severity::Warning));
        assert!(!FailOn::Warning.fails(Severity::Info));
        assert!(FailOn::Info.fails(Severity::Info));
        assert!(!FailOn::Never.fails(Severity::Error));
    }
}
