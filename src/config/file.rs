//! `shengao.toml`: the settings a team agrees on, read before any work starts.
//!
//! The file is found from each input's folder upward (standard input: from the current
//! folder), or given with `--config`. Its settings go over the defaults, and the command-line
//! flags go over it: defaults < file < flags. Every key is checked: an unknown key or a bad
//! value is an error naming the file, the line and column, and the key.
//!
//! ```toml
//! fail-on = "warning"            # error | warning | info | never
//! encoding = "gb18030"           # decode every input so (default: detect)
//! keep-lines = true              # do not join the lines of hard-wrapped text
//! skip = ["archive/**", "*.bak.txt"]
//!
//! [rules]
//! "phrase" = "off"                            # a whole area
//! "input/replacement-character" = "error"     # one rule: off | on | error | warning | info
//!
//! [readability]                               # each area's own table, read by its settings type
//! ```
//!
//! The generic settings are read here; each analyzer area reads its own table with its own
//! settings type (a field of [`FileSettings`]), so an area's keys are documented and checked
//! beside the code that uses them.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use super::{Config, FailOn};
use crate::analyze;
use crate::input::Encoding;
use crate::report::Finding;
use crate::rules::{self, Severity};

/// The name looked for in each folder.
pub const FILE_NAME: &str = "shengao.toml";

/// The file as written. Keys are kebab-case; unknown keys are refused.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FileSettings {
    fail_on: Option<FailOn>,
    encoding: Option<Spanned<String>>,
    keep_lines: Option<bool>,
    #[serde(default)]
    skip: Vec<Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, RuleLevel>,
    // Area tables, each deserialized by the area's own settings type.
    structure: Option<analyze::structure::StructureSettings>,
    readability: Option<analyze::readability::ReadabilitySettings>,
    redundancy: Option<analyze::redundancy::RedundancySettings>,
    wording: Option<analyze::typos::WordingSettings>,
    phrases: Option<PhrasesTable>,
}

/// The `[phrases]` table: list files are paths relative to the configuration file's folder.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PhrasesTable {
    #[serde(default)]
    dict: Vec<String>,
    #[serde(default)]
    allow: Vec<String>,
    /// `error`, `warning`, `info` or `off`.
    quoted: Option<String>,
    /// Uses of one phrase from which `phrase/repeated` reports it; 0 never.
    repeat: Option<usize>,
}

/// What `[rules]` says about a rule or an area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    /// Report nothing.
    Off,
    /// Report at the severity the analyzer gives (turns a rule back on in an area that is off).
    On,
    Error,
    Warning,
    Info,
}

/// Rules turned off or given another severity, by rule id or by area. A rule's own entry
/// beats its area's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleLevels {
    by_key: BTreeMap<String, RuleLevel>,
}

impl RuleLevels {
    /// Sets the level of a rule id (`input/legacy-encoding`) or an area (`input`).
    pub fn set(&mut self, key: impl Into<String>, level: RuleLevel) {
        self.by_key.insert(key.into(), level);
    }

    /// What applies to rule `id`: its own entry, else its area's.
    pub fn level(&self, id: &str) -> Option<RuleLevel> {
        let area = id.split_once('/').map_or(id, |(area, _)| area);
        self.by_key
            .get(id)
            .or_else(|| self.by_key.get(area))
            .copied()
    }

    /// Whether every rule of `area` (`phrase`, `structure`, …) is off: its findings are all
    /// dropped, and its score with them.
    pub fn area_is_off(&self, area: &str) -> bool {
        let mut rules = crate::rules::all().filter(|r| r.area() == area).peekable();
        rules.peek().is_some() && rules.all(|r| self.level(r.id) == Some(RuleLevel::Off))
    }

    /// Drops the findings of rules that are off and gives the others their configured severity.
    pub fn apply(&self, findings: &mut Vec<Finding>) {
        if self.by_key.is_empty() {
            return;
        }
        findings.retain_mut(|f| match self.level(&f.rule) {
            Some(RuleLevel::Off) => false,
            Some(RuleLevel::Error) => {
                f.severity = Severity::Error;
                true
            }
            Some(RuleLevel::Warning) => {
                f.severity = Severity::Warning;
                true
            }
            Some(RuleLevel::Info) => {
                f.severity = Severity::Info;
                true
            }
            Some(RuleLevel::On) | None => true,
        });
    }
}

/// Files not to review: globs relative to the folder of the file that lists them. `*` and `?`
/// also match `/`; `**` matches any number of folders.
#[derive(Clone, Default)]
pub struct Skip {
    /// The configuration file that lists the patterns.
    file: PathBuf,
    /// Its folder, made absolute.
    base: PathBuf,
    patterns: Vec<String>,
    set: GlobSet,
}

impl Skip {
    /// Why `path` is skipped, if it is. Standard input is never skipped.
    pub fn matching(&self, path: &str) -> Option<Skipped<'_>> {
        if self.patterns.is_empty() || path == "-" {
            return None;
        }
        let absolute = absolute(Path::new(path));
        let relative = absolute.strip_prefix(&self.base).unwrap_or(&absolute);
        let hit = self.set.matches(relative);
        hit.first().map(|&i| Skipped {
            pattern: &self.patterns[i],
            file: &self.file,
        })
    }
}

/// Why an input is skipped: the pattern it matches and the configuration file that lists it.
/// Displayed as ``it matches `PATTERN` in FILE``.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Skipped<'a> {
    pub pattern: &'a str,
    pub file: &'a Path,
}

impl fmt::Display for Skipped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "it matches `{}` in {}",
            self.pattern,
            self.file.display()
        )
    }
}

impl fmt::Debug for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Skip")
            .field("file", &self.file)
            .field("base", &self.base)
            .field("patterns", &self.patterns)
            .finish()
    }
}

impl PartialEq for Skip {
    fn eq(&self, other: &Skip) -> bool {
        self.file == other.file && self.base == other.base && self.patterns == other.patterns
    }
}

/// `path` made absolute and, where the file system allows, free of symlinks and `..`.
fn absolute(path: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    let joined = std::env::current_dir().unwrap_or_default().join(path);
    match (joined.parent(), joined.file_name()) {
        (Some(dir), Some(name)) => std::fs::canonicalize(dir)
            .map(|d| d.join(name))
            .unwrap_or(joined),
        _ => joined,
    }
}

/// A configuration file that cannot be used: where and why.
#[derive(Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and column of the offending key or value.
    pub position: Option<(usize, usize)>,
    pub message: String,
    /// The offending line, shown under the message.
    pub line: Option<String>,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some((line, column)) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", self.message)?;
        if let (Some((line, column)), Some(text)) = (self.position, &self.line) {
            let gutter = line.to_string().len();
            let pad: String = text
                .chars()
                .take(column - 1)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(f, "\n  {line} | {text}\n  {:gutter$} | {pad}^", "")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

impl ConfigError {
    fn new(path: &Path, message: impl Into<String>) -> ConfigError {
        ConfigError {
            path: path.to_path_buf(),
            position: None,
            message: message.into(),
            line: None,
        }
    }

    /// An error at byte `offset` of the file's `text`, its message prefixed with the key there.
    fn at(path: &Path, text: &str, offset: usize, message: impl Into<String>) -> ConfigError {
        let offset = offset.min(text.len());
        let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let line_text = text[start..end].trim_end_matches('\r');
        let line = text[..start].matches('\n').count() + 1;
        let column = text[start..offset].chars().count() + 1;
        let message = message.into();
        let message = match key_at(text, start, line_text) {
            Some(key) => format!("key `{key}`: {message}"),
            None => message,
        };
        ConfigError {
            path: path.to_path_buf(),
            position: Some((line, column)),
            message,
            line: Some(line_text.to_string()),
        }
    }
}

/// The dotted key of a line (`rules."input/x"`, `readability.max-chars`), from the line's
/// `key =` and the nearest `[table]` header at or above it.
fn key_at(text: &str, line_start: usize, line: &str) -> Option<String> {
    let header = |l: &str| {
        let l = l.trim();
        (l.starts_with('[') && !l.starts_with("[[") && l.ends_with(']'))
            .then(|| l.trim_matches(['[', ']']).trim().to_string())
    };
    if let Some(table) = header(line) {
        return Some(table);
    }
    let key = line.split_once('=')?.0.trim();
    if key.is_empty() || key.starts_with('#') {
        return None;
    }
    let table = text[..line_start].lines().rev().find_map(header);
    Some(match table {
        Some(table) => format!("{table}.{key}"),
        None => key.to_string(),
    })
}

/// The largest configuration file read: a real one is a few KiB; this bounds the memory a
/// wrong path (`--config /dev/zero`, a log file) can take.
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// Reads the file at `path`: the defaults with its settings over them. Only a regular file
/// of at most [`MAX_CONFIG_BYTES`] is read.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let (bytes, _) = crate::input::limits::read_regular(path, MAX_CONFIG_BYTES).map_err(|e| {
        ConfigError::new(
            path,
            format!(
                "cannot read the configuration file: {}",
                e.reason(MAX_CONFIG_BYTES)
            ),
        )
    })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| ConfigError::new(path, "not UTF-8 (TOML files must be UTF-8)"))?;
    parse(path, &text)
}

/// The defaults with the settings of `text`, the contents of the file at `path`, over them.
pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
    let settings: FileSettings = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        ConfigError::at(path, text, offset, e.message().trim_end())
    })?;
    let mut config = Config {
        file: Some(path.to_path_buf()),
        ..Config::default()
    };
    if let Some(fail_on) = settings.fail_on {
        config.fail_on = fail_on;
    }
    if let Some(keep_lines) = settings.keep_lines {
        config.keep_lines = keep_lines;
    }
    if let Some(label) = &settings.encoding {
        let encoding = Encoding::from_label(label.get_ref()).ok_or_else(|| {
            ConfigError::at(
                path,
                text,
                label.span().start,
                format!(
                    "unknown encoding `{}` (try utf-8, gb18030, gbk, utf-16le, utf-16be, big5)",
                    label.get_ref()
                ),
            )
        })?;
        config.encoding = Some(encoding);
    }
    for (key, level) in &settings.rules {
        let name = key.get_ref();
        if rules::find(name).is_none() && !rules::AREAS.contains(&name.as_str()) {
            return Err(ConfigError::at(
                path,
                text,
                key.span().start,
                unknown_rule(name),
            ));
        }
        config.rules.set(name.clone(), *level);
    }
    if !settings.skip.is_empty() {
        config.skip = skip(path, text, &settings.skip)?;
    }
    let area_error = |table: &str, message: String| {
        let offset = text.find(&format!("[{table}]")).unwrap_or(0);
        ConfigError::at(path, text, offset, format!("[{table}] {message}"))
    };
    if let Some(s) = settings.structure {
        s.validate().map_err(|m| area_error("structure", m))?;
        config.structure = s;
    }
    if let Some(s) = settings.readability {
        s.validate().map_err(|m| area_error("readability", m))?;
        config.readability = s;
    }
    if let Some(s) = settings.redundancy {
        s.validate().map_err(|m| area_error("redundancy", m))?;
        config.redundancy = s;
    }
    if let Some(s) = settings.wording {
        s.validate().map_err(|m| area_error("wording", m))?;
        config.wording = s;
    }
    if let Some(table) = settings.phrases {
        let folder = path.parent().unwrap_or(Path::new("."));
        let relative = |file: &String| folder.join(file).to_string_lossy().into_owned();
        let dicts = (table.dict.iter())
            .map(|f| analyze::phrases::parse_dict(&relative(f)))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|m| area_error("phrases", format!("key `dict`: {m}")))?;
        let allows = (table.allow.iter())
            .map(|f| analyze::phrases::parse_allow(&relative(f)))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|m| area_error("phrases", format!("key `allow`: {m}")))?;
        config.phrases.add_lists(&dicts, &allows);
        if let Some(quoted) = &table.quoted {
            config.phrases.quoted = analyze::phrases::parse_quoted(quoted)
                .map_err(|m| area_error("phrases", format!("key `quoted`: {m}")))?
                .0;
        }
        if let Some(repeat) = table.repeat {
            config.phrases.repeat = repeat;
        }
    }
    Ok(config)
}

fn unknown_rule(name: &str) -> String {
    let wanted = name.rsplit('/').next().unwrap_or(name);
    let near: Vec<&str> = rules::all()
        .map(|r| r.id)
        .chain(rules::AREAS.iter().copied())
        .filter(|id| (!wanted.is_empty() && id.contains(wanted)) || rules::distance(id, name) <= 3)
        .collect();
    let hint = if near.is_empty() {
        format!(
            "`shengao rules` lists the rules; the areas are {}",
            rules::AREAS.join(", ")
        )
    } else {
        format!("did you mean {}?", near.join(", "))
    };
    format!("no rule or area `{name}`; {hint}")
}

fn skip(path: &Path, text: &str, patterns: &[Spanned<String>]) -> Result<Skip, ConfigError> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = Glob::new(pattern.get_ref()).map_err(|e| {
            ConfigError::at(
                path,
                text,
                pattern.span().start,
                format!("bad glob `{}`: {}", pattern.get_ref(), e.kind()),
            )
        })?;
        builder.add(glob);
    }
    let set = builder
        .build()
        .map_err(|e| ConfigError::new(path, format!("skip: {e}")))?;
    let dir = path.parent().unwrap_or(Path::new(""));
    Ok(Skip {
        file: path.to_path_buf(),
        base: absolute(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        }),
        patterns: patterns.iter().map(|p| p.get_ref().clone()).collect(),
        set,
    })
}

/// The nearest `shengao.toml` in `dir` or a folder above it.
pub fn find(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// Where a run takes its configuration file from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// The nearest `shengao.toml` above each input.
    Discover,
    /// This file, for every input (`--config`).
    File(PathBuf),
    /// No file: defaults and flags only (`--no-config`).
    None,
}

/// Finds, reads and applies the configuration of each input: defaults < file < flags. Each
/// file is read and validated once; inputs that share it share one [`Config`].
pub struct Resolver<'a> {
    choice: Choice,
    flags: Box<dyn Fn(&mut Config) + 'a>,
    /// Resolved settings by configuration file (`None`: no file).
    by_file: HashMap<Option<PathBuf>, Arc<Config>>,
    /// The file found for each folder searched.
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
}

impl<'a> Resolver<'a> {
    /// `flags` sets what the command line gives, over the defaults and the file.
    pub fn new(choice: Choice, flags: impl Fn(&mut Config) + 'a) -> Resolver<'a> {
        Resolver {
            choice,
            flags: Box::new(flags),
            by_file: HashMap::new(),
            by_dir: HashMap::new(),
        }
    }

    /// The settings for the input at `path` (`-` for standard input).
    pub fn for_input(&mut self, path: &str) -> Result<Arc<Config>, ConfigError> {
        let file = match &self.choice {
            Choice::None => None,
            Choice::File(file) => Some(file.clone()),
            Choice::Discover => {
                let dir = if path == "-" {
                    absolute(Path::new("."))
                } else {
                    let input = absolute(Path::new(path));
                    input.parent().map(Path::to_path_buf).unwrap_or(input)
                };
                self.by_dir
                    .entry(dir)
                    .or_insert_with_key(|dir| find(dir))
                    .clone()
            }
        };
        if let Some(config) = self.by_file.get(&file) {
            return Ok(config.clone());
        }
        let mut config = match &file {
            Some(file) => load(file)?,
            None => Config::default(),
        };
        (self.flags)(&mut config);
        let config = Arc::new(config);
        self.by_file.insert(file, config.clone());
        Ok(config)
    }

    /// Each input with its settings ([`Resolver::for_input`]), in order, leaving out the
    /// inputs their settings skip; `skipped` is told of each of those, with the reason. `path`
    /// gives an input's path (`-` for standard input). `check`, `batch` and `fix` resolve
    /// every input so before any work: the first configuration file that cannot be used ends
    /// it, with its [`ConfigError`] as the error (displayed as the `ConfigError` is).
    pub fn resolve_all<T>(
        &mut self,
        inputs: impl IntoIterator<Item = T>,
        path: impl Fn(&T) -> Cow<'_, str>,
        mut skipped: impl FnMut(&str, Skipped<'_>) -> io::Result<()>,
    ) -> io::Result<Vec<(T, Arc<Config>)>> {
        let mut resolved = Vec::new();
        for input in inputs {
            let config = {
                let path = path(&input);
                let config = self.for_input(&path).map_err(io::Error::other)?;
                if let Some(reason) = config.skip.matching(&path) {
                    skipped(&path, reason)?;
                    continue;
                }
                config
            };
            resolved.push((input, config));
        }
        Ok(resolved)
    }
}

/// The commented default file `shengao init` writes. Every active value is the default, so
/// the file changes nothing until it is edited.
pub fn template() -> String {
    let mut out = String::from(GENERIC_TEMPLATE);
    let width = rules::all().map(|r| r.id.len()).max().unwrap_or(0) + 2;
    out.push_str("# Whole areas:\n");
    for area in rules::AREAS {
        out.push_str(&format!("# {:width$} = \"off\"\n", format!("\"{area}\"")));
    }
    out.push_str("# Single rules, shown at their default severity:\n");
    for rule in rules::all() {
        out.push_str(&format!(
            "# {:width$} = {:9}  # {}\n",
            format!("\"{}\"", rule.id),
            format!("\"{}\"", rule.severity),
            rule.summary
        ));
    }
    for table in [
        analyze::structure::CONFIG_TEMPLATE,
        analyze::phrases::CONFIG_TEMPLATE,
        analyze::readability::CONFIG_TEMPLATE,
        analyze::redundancy::CONFIG_TEMPLATE,
        analyze::typos::CONFIG_TEMPLATE,
    ] {
        out.push_str(table);
    }
    out
}

const GENERIC_TEMPLATE: &str = r#"# shengao.toml: review settings for the drafts in this folder and the folders below it.
# Precedence: built-in defaults < this file < command-line flags.
# `shengao rules` lists the rule ids; `shengao explain RULE` explains one.

# Exit with 1 when a finding has at least this severity: "error", "warning", "info" or "never".
fail-on = "error"

# Decode every input with this encoding instead of detecting it
# ("utf-8", "gb18030", "gbk", "utf-16le", "utf-16be", "big5", ...).
# encoding = "gb18030"

# Read every line as it is. By default the lines of hard-wrapped text (copied from a PDF:
# many lines of one width that stop mid-sentence) are joined before sentences are cut.
# keep-lines = true

# Files not to review: globs relative to this file's folder. `*` also matches `/`,
# `**` any number of folders. Example: ["archive/**", "*.bak.txt"]
skip = []

# Turn rules off or change their severity: "off", "on", "error", "warning" or "info".
# A key is a rule id or an area; a rule's own entry beats its area's.
[rules]
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Config, ConfigError> {
        parse(Path::new("/team/shengao.toml"), text)
    }

    #[test]
    fn template_parses_back_to_the_defaults() {
        let config = parse_str(&template()).expect("template parses");
        let defaults = Config {
            file: config.file.clone(),
            ..Config::default()
        };
        assert_eq!(format!("{config:?}"), format!("{defaults:?}"));
        for rule in rules::all() {
            assert!(
                template().contains(&format!("\"{}\"", rule.id)),
                "{}",
                rule.id
            );
        }
    }

    #[test]
    fn template_lines_become_settings_when_uncommented() {
        let text = template()
            .replace("# \"input/legacy-encoding\" ", "\"input/legacy-encoding\" ")
            .replace("# encoding = ", "encoding = ")
            .replace("# keep-lines = ", "keep-lines = ");
        let config = parse_str(&text).unwrap();
        assert!(config.keep_lines);
        assert_eq!(
            config.rules.level("input/legacy-encoding"),
            Some(RuleLevel::Info)
        );
        assert_eq!(config.encoding, Some(Encoding::Gb18030));
    }

    #[test]
    fn generic_settings_are_read() {
        let config = parse_str(
            "fail-on = \"warning\"\nencoding = \"gbk\"\n[rules]\ninput = \"off\"\n\"input/replacement-character\" = \"error\"\n",
        )
        .unwrap();
        assert_eq!(config.fail_on, FailOn::Warning);
        assert_eq!(config.encoding, Some(Encoding::Gb18030));
        assert!(
            !config.keep_lines,
            "lines are joined unless the file says otherwise"
        );
        assert_eq!(
            config.rules.level("input/legacy-encoding"),
            Some(RuleLevel::Off)
        );
        assert_eq!(
            config.rules.level("input/replacement-character"),
            Some(RuleLevel::Error)
        );
    }

    #[test]
    fn errors_name_the_file_the_place_and_the_key() {
        let table = [
            (
                "colour = 1\n",
                "/team/shengao.toml:1:1: key `colour`: unknown field `colour`",
            ),
            (
                "fail-on = \"sometimes\"\n",
                "/team/shengao.toml:1:11: key `fail-on`: unknown variant `sometimes`",
            ),
            (
                "# c\n[rules]\n\"input/legacy-encodin\" = \"off\"\n",
                "/team/shengao.toml:3:1: key `rules.\"input/legacy-encodin\"`: no rule or area `input/legacy-encodin`",
            ),
            (
                "[rules]\ninput = \"loud\"\n",
                "/team/shengao.toml:2:9: key `rules.input`: unknown variant `loud`",
            ),
            (
                "encoding = \"klingon\"\n",
                "/team/shengao.toml:1:12: key `encoding`: unknown encoding `klingon`",
            ),
            (
                "skip = [\"a[\"]\n",
                "/team/shengao.toml:1:9: key `skip`: bad glob `a[`",
            ),
            (
                "skip = \"*.txt\"\n",
                "/team/shengao.toml:1:8: key `skip`: invalid type",
            ),
            (
                "[rulez]\n",
                "/team/shengao.toml:1:2: key `rulez`: unknown field `rulez`",
            ),
            ("fail-on = \n", "/team/shengao.toml:1:11: key `fail-on`:"),
        ];
        for (text, expected) in table {
            let err = parse_str(text).expect_err(text).to_string();
            assert!(
                err.starts_with(expected),
                "{text:?}\n got: {err}\nwant: {expected}"
            );
        }
    }

    #[test]
    fn error_shows_the_line_with_a_caret() {
        let err = parse_str("fail-on = \"error\"\nfail-on2 = 1\n").unwrap_err();
        let shown = err.to_string();
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines[1], "  2 | fail-on2 = 1");
        assert_eq!(lines[2], "    | ^");
    }

    #[test]
    fn misspelt_rules_get_a_suggestion() {
        assert!(
            unknown_rule("input/replacment-character")
                .ends_with("did you mean input/replacement-character?")
        );
        assert!(unknown_rule("phrases").ends_with("did you mean phrase?"));
        assert!(unknown_rule("zzz").contains("the areas are input, structure"));
    }

    #[test]
    fn rule_levels_apply_with_rule_before_area() {
        let doc = crate::doc::Document::new("坏\u{FFFD}".to_string());
        let finding = |rule: &crate::rules::Rule| Finding::new(rule, &doc, 3..6, "m");
        let findings = vec![
            finding(&crate::input::REPLACEMENT_CHARACTER),
            finding(&crate::input::LEGACY_ENCODING),
            finding(&crate::input::MIXED_LINE_ENDINGS),
        ];
        let mut levels = RuleLevels::default();
        levels.set("input", RuleLevel::Off);
        levels.set("input/replacement-character", RuleLevel::Error);
        levels.set("input/mixed-line-endings", RuleLevel::On);
        let mut kept = findings.clone();
        levels.apply(&mut kept);
        let kept: Vec<(&str, Severity)> =
            kept.iter().map(|f| (f.rule.as_str(), f.severity)).collect();
        assert_eq!(
            kept,
            [
                ("input/replacement-character", Severity::Error),
                ("input/mixed-line-endings", Severity::Info),
            ]
        );
        let mut all = findings.clone();
        RuleLevels::default().apply(&mut all);
        assert_eq!(all, findings);
    }

    #[test]
    fn skip_globs_match_relative_to_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(FILE_NAME);
        std::fs::create_dir_all(dir.path().join("archive/2023")).unwrap();
        let config = parse(&file, "skip = [\"archive/**\", \"*.bak.txt\"]").unwrap();
        let path = |p: &str| dir.path().join(p).to_string_lossy().into_owned();
        let pattern = |p: &str| config.skip.matching(&path(p)).map(|s| s.pattern);
        assert_eq!(pattern("archive/2023/a.txt"), Some("archive/**"));
        assert_eq!(pattern("drafts/b.bak.txt"), Some("*.bak.txt"));
        assert_eq!(pattern("drafts/b.txt"), None);
        let skipped = config.skip.matching(&path("drafts/b.bak.txt")).unwrap();
        assert_eq!(skipped.file, file);
        assert_eq!(
            skipped.to_string(),
            format!("it matches `*.bak.txt` in {}", file.display())
        );
        assert_eq!(config.skip.matching("-"), None);
    }

    #[test]
    fn resolving_all_leaves_out_skipped_inputs_and_stops_at_a_bad_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(FILE_NAME);
        std::fs::create_dir_all(dir.path().join("old")).unwrap();
        std::fs::write(&file, "skip = [\"old/**\"]\n").unwrap();
        let path = |p: &str| dir.path().join(p).to_string_lossy().into_owned();
        let inputs = [path("a.txt"), path("old/b.txt"), "-".to_string()];
        let resolve = |told: &mut Vec<String>| {
            Resolver::new(Choice::File(file.clone()), |_| {}).resolve_all(
                &inputs,
                |path| path.as_str().into(),
                |path, why| {
                    told.push(format!("{path}: {why}"));
                    Ok(())
                },
            )
        };
        let mut told = Vec::new();
        let kept: Vec<&String> = (resolve(&mut told).unwrap().into_iter())
            .map(|(path, _)| path)
            .collect();
        assert_eq!(kept, [&inputs[0], &inputs[2]]);
        let why = format!("it matches `old/**` in {}", file.display());
        assert_eq!(told, [format!("{}: {why}", inputs[1])]);
        std::fs::write(&file, "colour = true\n").unwrap();
        let err = resolve(&mut Vec::new()).unwrap_err();
        let want = format!("{}:1:1: key `colour`: unknown field", file.display());
        assert!(err.to_string().starts_with(&want), "{err}");
    }

    #[test]
    fn discovery_walks_up_and_reads_each_file_once() {
        let dir = tempfile::tempdir().unwrap();
        let inner = dir.path().join("a/b");
        std::fs::create_dir_all(&inner).unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "fail-on = \"info\"\n").unwrap();
        std::fs::write(inner.join("x.txt"), "").unwrap();
        std::fs::write(dir.path().join("a/y.txt"), "").unwrap();
        let mut resolver = Resolver::new(Choice::Discover, |_: &mut Config| {});
        let x = resolver
            .for_input(inner.join("x.txt").to_str().unwrap())
            .unwrap();
        let y = resolver
            .for_input(dir.path().join("a/y.txt").to_str().unwrap())
            .unwrap();
        assert_eq!(x.fail_on, FailOn::Info);
        assert!(Arc::ptr_eq(&x, &y));
        // Flags go over the file.
        let mut resolver = Resolver::new(Choice::Discover, |c: &mut Config| {
            c.fail_on = FailOn::Never;
        });
        let x = resolver
            .for_input(inner.join("x.txt").to_str().unwrap())
            .unwrap();
        assert_eq!(x.fail_on, FailOn::Never);
        // No file: the defaults.
        let mut resolver = Resolver::new(Choice::None, |_: &mut Config| {});
        let x = resolver
            .for_input(inner.join("x.txt").to_str().unwrap())
            .unwrap();
        assert_eq!(x.fail_on, FailOn::Error);
        assert!(x.file.is_none());
    }
}
