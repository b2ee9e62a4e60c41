//! `--format sarif`: one SARIF 2.1.0 log for the whole run, for GitHub code scanning,
//! reviewdog (`-f=sarif`) and SARIF viewers.
//!
//! - `tool.driver.rules` is the whole registry: id, summary (`shortDescription`), the first
//!   paragraph of the explanation (`fullDescription`), the full explanation (`help`), the
//!   default severity (`defaultConfiguration.level`: error, warning, note) and the area as a tag.
//! - Each result has the rule id as `ruleId` (stable across runs), its index in the rules, the
//!   severity the configuration gave it as `level`, and one location: the artifact URI and a
//!   `region` with `startLine`, `startColumn`, `endLine`, `endColumn` (end exclusive), and the
//!   span's text as `snippet`. A finding with a certain fix carries it in `fixes`.
//! - `columnKind` is `unicodeCodePoints`: columns count chars, as in the JSON report (SARIF's
//!   default would be UTF-16 code units). `newlineSequences` lists CRLF, LF and CR, the breaks
//!   lines are counted at.
//! - Artifact URIs are relative to `%SRCROOT%` (the folder shengao ran in, given in
//!   `originalUriBaseIds`) and percent-encoded; a file outside it gets an absolute `file://`
//!   URI. `artifacts` lists each file with its size in bytes and the encoding it was read in.
//! - The run's one `invocation` says whether every input was read (`executionSuccessful`), with
//!   an error `toolExecutionNotification` naming each input that was not.
//!
//! The log is written by `finish`, since it holds every document of the run.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::PathBuf;

use serde::Serialize;

use super::{Emitter, tool_path};
use crate::report::{Finding, Report};
use crate::rules::{self, Rule, Severity};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";

pub struct Sarif {
    base: PathBuf,
    rule_index: HashMap<&'static str, usize>,
    artifacts: Vec<Artifact>,
    /// Index in `artifacts` by URI: a file given twice is listed once.
    artifact_index: HashMap<String, usize>,
    results: Vec<SarifResult>,
    /// The inputs that could not be reviewed.
    notifications: Vec<Notification>,
}

impl Sarif {
    pub fn new(base: PathBuf) -> Sarif {
        Sarif {
            base,
            rule_index: rules::all().enumerate().map(|(i, r)| (r.id, i)).collect(),
            artifacts: Vec::new(),
            artifact_index: HashMap::new(),
            results: Vec::new(),
            notifications: Vec::new(),
        }
    }

    fn location(&self, path: &str, artifact: usize) -> ArtifactLocation {
        if path == "-" {
            return ArtifactLocation {
                uri: "-".to_string(),
                uri_base_id: None,
                index: Some(artifact),
                description: Some(Message::new("standard input")),
            };
        }
        let relative = tool_path(path, &self.base);
        let absolute = std::path::Path::new(&relative).is_absolute();
        ArtifactLocation {
            uri: if absolute {
                file_uri(&relative)
            } else {
                uri_encode(&relative)
            },
            uri_base_id: (!absolute).then_some(SRCROOT),
            index: Some(artifact),
            description: None,
        }
    }
}

impl Emitter for Sarif {
    fn report(&mut self, _out: &mut dyn Write, report: &Report, _text: &str) -> io::Result<()> {
        let mut location = self.location(&report.source.path, self.artifacts.len());
        match self.artifact_index.get(&location.uri) {
            Some(&index) => location.index = Some(index),
            None => {
                self.artifact_index
                    .insert(location.uri.clone(), self.artifacts.len());
                self.artifacts.push(Artifact {
                    location: location.clone(),
                    length: report.source.bytes,
                    encoding: report.source.encoding.clone(),
                });
            }
        }
        for f in &report.findings {
            let result = SarifResult::new(f, self.rule_index.get(f.rule.as_str()), &location);
            self.results.push(result);
        }
        Ok(())
    }

    fn unreadable(&mut self, path: &str, reason: &str) {
        let mut location = self.location(path, 0);
        location.index = None;
        self.notifications.push(Notification {
            level: "error",
            message: Message::new(&format!("{path}: {reason}")),
            locations: [NotificationLocation {
                physical_location: ArtifactOnly {
                    artifact_location: location,
                },
            }],
        });
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let mut base = file_uri(&self.base.to_string_lossy());
        if !base.ends_with('/') {
            base.push('/');
        }
        let log = Log {
            schema: SCHEMA,
            version: "2.1.0",
            runs: [Run {
                tool: Tool {
                    driver: Driver {
                        name: env!("CARGO_PKG_NAME"),
                        version: env!("CARGO_PKG_VERSION"),
                        semantic_version: env!("CARGO_PKG_VERSION"),
                        rules: rules::all().map(Descriptor::new).collect(),
                    },
                },
                invocations: [Invocation {
                    execution_successful: self.notifications.is_empty(),
                    tool_execution_notifications: std::mem::take(&mut self.notifications),
                }],
                original_uri_base_ids: HashMap::from([(SRCROOT, BaseUri { uri: base })]),
                artifacts: std::mem::take(&mut self.artifacts),
                results: std::mem::take(&mut self.results),
                column_kind: "unicodeCodePoints",
                newline_sequences: ["\r\n", "\n", "\r"],
            }],
        };
        serde_json::to_writer_pretty(&mut *out, &log)?;
        out.write_all(b"\n")
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// GitHub code scanning's word for a severity (`properties.problem.severity`).
fn problem_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "recommendation",
    }
}

/// `path` percent-encoded as a URI path: unreserved characters and `/` are kept, every other
/// byte of its UTF-8 form becomes `%XX`.
fn uri_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A `file://` URI for an absolute path (`C:\x` becomes `file:///C:/x`).
fn file_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = if path.starts_with('/') {
        path
    } else {
        format!("/{path}")
    };
    // The drive's colon stays as it is; everything else is encoded.
    let encoded = uri_encode(&path).replacen("%3A", ":", usize::from(is_drive(&path)));
    format!("file://{encoded}")
}

fn is_drive(path: &str) -> bool {
    let b = path.as_bytes();
    b.len() >= 3 && b[0] == b'/' && b[1].is_ascii_alphabetic() && b[2] == b':'
}

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    invocations: [Invocation; 1],
    original_uri_base_ids: HashMap<&'static str, BaseUri>,
    artifacts: Vec<Artifact>,
    results: Vec<SarifResult>,
    column_kind: &'static str,
    newline_sequences: [&'static str; 3],
}

/// The run itself: whether every input was reviewed, and a notification for each that was
/// not.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Message,
    locations: [NotificationLocation; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NotificationLocation {
    physical_location: ArtifactOnly,
}

/// A physical location that is a whole file.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactOnly {
    artifact_location: ArtifactLocation,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Descriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: &'static str,
    short_description: Message,
    full_description: Message,
    help: Message,
    default_configuration: Configuration,
    properties: Properties,
}

impl Descriptor {
    fn new(rule: &Rule) -> Descriptor {
        let what = rule
            .explanation
            .split("\n\n")
            .next()
            .unwrap_or(rule.summary);
        Descriptor {
            id: rule.id,
            short_description: Message::new(rule.summary),
            full_description: Message::new(what),
            help: Message::new(rule.explanation),
            default_configuration: Configuration {
                level: level(rule.severity),
            },
            properties: Properties {
                tags: [rule.area()],
                problem_severity: problem_severity(rule.severity),
            },
        }
    }
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Properties {
    tags: [&'static str; 1],
    #[serde(rename = "problem.severity")]
    problem_severity: &'static str,
}

#[derive(Serialize)]
struct BaseUri {
    uri: String,
}

#[derive(Serialize)]
struct Artifact {
    location: ArtifactLocation,
    /// Size in bytes, as read.
    length: u64,
    /// The encoding the file was decoded with (an IANA name: UTF-8, GB18030, UTF-16LE, …).
    encoding: String,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Message>,
}

#[derive(Serialize, Clone)]
struct Message {
    text: String,
}

impl Message {
    fn new(text: &str) -> Message {
        Message {
            text: text.to_string(),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<Fix>,
}

impl SarifResult {
    fn new(f: &Finding, rule_index: Option<&usize>, artifact: &ArtifactLocation) -> SarifResult {
        let region = Region {
            start_line: f.span.line,
            start_column: f.span.column,
            end_line: f.span.end_line,
            end_column: f.span.end_column,
            snippet: (!f.text.is_empty()).then(|| Message::new(&f.text)),
        };
        let fixes = match &f.suggestion {
            Some(replacement) => vec![Fix {
                description: Message::new(&if replacement.is_empty() {
                    format!("Delete 「{}」", f.text)
                } else {
                    format!("Replace 「{}」 with 「{replacement}」", f.text)
                }),
                artifact_changes: [ArtifactChange {
                    artifact_location: artifact.clone(),
                    replacements: [Replacement {
                        deleted_region: Region {
                            snippet: None,
                            ..region.clone()
                        },
                        inserted_content: Message::new(replacement),
                    }],
                }],
            }],
            None => Vec::new(),
        };
        SarifResult {
            rule_id: f.rule.clone(),
            rule_index: rule_index.copied(),
            level: level(f.severity),
            message: Message::new(&f.message),
            locations: [Location {
                physical_location: PhysicalLocation {
                    artifact_location: artifact.clone(),
                    region,
                },
            }],
            fixes,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u64,
    start_column: u64,
    end_line: u64,
    end_column: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Message>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fix {
    description: Message,
    artifact_changes: [ArtifactChange; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: [Replacement; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Message,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri_encode("docs/a-b_c.~1.txt"), "docs/a-b_c.~1.txt");
        assert_eq!(uri_encode("稿 1.txt"), "%E7%A8%BF%201.txt");
        assert_eq!(uri_encode("a#b?c%d"), "a%23b%3Fc%25d");
        assert_eq!(
            file_uri("/tmp/草稿/a.txt"),
            "file:///tmp/%E8%8D%89%E7%A8%BF/a.txt"
        );
        assert_eq!(file_uri("C:\\Users\\a b.txt"), "file:///C:/Users/a%20b.txt");
    }
}
