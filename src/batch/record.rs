//! The `batch` wire format: JSON Lines, one record per line, each tagged by `"type"`.
//!
//! Every input (a file, or a line of standard input with `--stdin-jsonl`) yields exactly one
//! record, `report` or `error`, in the order of the sorted input paths (in the order of the
//! lines with `--stdin-jsonl`); after the last one comes one `summary` record. The key names
//! are a public contract like the report's (see [`crate::report`]); `tests/batch.rs` reads the
//! output back into these types, which deny unknown keys.
//!
//! **report**: the [`Report`] of one document, exactly as `check --format json` writes it,
//! with `"type": "report"` in front. With `--stdin-jsonl` it also carries the input line's `id`
//! verbatim (any JSON value; `null` when the line had none), and `source.path` is `-:N`, line
//! N of standard input. Without `--stdin-jsonl` there is no `id` key.
//!
//! ```json
//! {"type":"report","schema_version":1,"tool":{…},"source":{"path":"archive/2024/a.txt",…},
//!  "stats":{…},"outline":[],"findings":[…],"metrics":{…},"scores":{…}}
//! {"type":"report","id":"doc-17","schema_version":1,…,"source":{"path":"-:17",…},…}
//! ```
//!
//! **error**: an input that could not be reviewed, and why (one line, no path in it).
//!
//! ```json
//! {"type":"error","path":"archive/scan.txt","error":"binary file (contains NUL bytes)"}
//! {"type":"error","path":"-:18","id":"doc-18","error":"the line has no string \"text\""}
//! ```
//!
//! **summary**: the whole run, last. See [`Summary`] for every key. Score statistics and the
//! worst documents' values carry two decimals at most.
//!
//! ```json
//! {"type":"summary","documents":313,"reports":312,"errors":1,"failing":0,"bytes":8796093,
//!  "seconds":3.21,"mb_per_second":2.74,"jobs":2,
//!  "findings":{"error":0,"warning":4,"info":12},"findings_by_rule":{"input/legacy-encoding":12,…},
//!  "scores":{"readability":{"count":312,"mean":71.43,"min":22.07,"p10":55.1,"median":72.0,
//!            "p90":85.3,"max":96.18,"histogram":[0,0,3,…]}},
//!  "stock_phrases":[{"phrase":"高度重视","count":208,"documents":97},…],
//!  "worst":{"readability":[{"path":"archive/b.txt","value":22.07},…]}}
//! ```

use std::collections::BTreeMap;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::report::{Report, SeverityCounts};

/// An input line's `id`, kept as the line wrote it: its JSON text byte for byte, so
/// `18446744073709551616` and `1e2` come back as they went in, not as a rounded float.
#[derive(Debug, Clone)]
pub struct Id(Box<RawValue>);

impl Id {
    /// The id of a line that had none, or could not be read.
    pub fn null() -> Id {
        Id(RawValue::from_string("null".to_string()).expect("null is JSON"))
    }

    /// The id as the line had it.
    pub fn from_raw(raw: &RawValue) -> Id {
        Id(raw.to_owned())
    }

    /// Its JSON text, as written.
    pub fn json(&self) -> &str {
        self.0.get()
    }
}

impl From<Value> for Id {
    fn from(value: Value) -> Id {
        Id(serde_json::value::to_raw_value(&value).expect("a JSON value serialises"))
    }
}

/// Two ids are the same when their text is.
impl PartialEq for Id {
    fn eq(&self, other: &Id) -> bool {
        self.json() == other.json()
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// Read back through a [`Value`] (records are tagged, which buffers their content): the
/// text of an id read back is serde_json's, not always the original's.
impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(Id::from)
    }
}

/// One line of `batch` output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Record {
    Report(Box<ReportRecord>),
    Error(ErrorRecord),
    Summary(Box<Summary>),
}

/// A report, with the input's id in `--stdin-jsonl` mode.
///
/// Serialised flat: `id` (when present) beside the report's own keys. Read back strictly: any
/// key that is neither `id`, `type` nor a [`Report`] key is an error.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportRecord {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<Id>,
    #[serde(flatten)]
    pub report: Report,
}

impl<'de> Deserialize<'de> for ReportRecord {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut map = serde_json::Map::deserialize(deserializer)?;
        let id = map.remove("id").map(Id::from);
        let report = Report::deserialize(Value::Object(map)).map_err(D::Error::custom)?;
        Ok(ReportRecord { id, report })
    }
}

/// Reads an `id` that is there as `Some`, even when it is `null` (a missing one is `None`
/// through `#[serde(default)]`), so records read back exactly as they were written.
fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Id>, D::Error> {
    Id::deserialize(deserializer).map(Some)
}

/// An input that yielded no report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorRecord {
    /// The file's path as found (the folder's, for a folder that could not be listed), or
    /// `-:N` for line N of standard input. A path that is not UTF-8 is shown with U+FFFD
    /// where its bytes do not decode, and `path_bytes` gives it exactly.
    pub path: String,
    /// The path's bytes, one number (0–255) each, present only when the path is not UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<Vec<u8>>,
    /// The input line's `id` with `--stdin-jsonl` (`null` when the line had none or could
    /// not be read as JSON); absent otherwise.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub id: Option<Id>,
    /// Why, in one line: `no such file`, `binary file (contains NUL bytes)`, …
    pub error: String,
}

/// The last record: counts, throughput, distributions and the worst documents.
///
/// Its memory does not grow with the archive: distributions are kept as fixed histograms,
/// the worst documents as a short list per score, and phrase counts in a capped table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// Inputs seen: `reports + errors`.
    pub documents: u64,
    /// Inputs reviewed.
    pub reports: u64,
    /// Inputs that yielded an error record.
    pub errors: u64,
    /// Reports with a finding at or above `--fail-on`.
    pub failing: u64,
    /// Bytes of the reviewed inputs, as read.
    pub bytes: u64,
    /// Wall-clock time of the whole run, finding the files included.
    pub seconds: f64,
    /// `bytes / seconds / 1e6`.
    pub mb_per_second: f64,
    /// Documents reviewed at once (`--jobs`).
    pub jobs: usize,
    /// Findings by severity, over all reports: `{"error": …, "warning": …, "info": …}`.
    pub findings: SeverityCounts,
    /// Findings by rule id, over all reports.
    pub findings_by_rule: BTreeMap<String, u64>,
    /// The distribution of each score (by the score's name in `report.scores`) over the
    /// reports that have it.
    pub scores: BTreeMap<String, Distribution>,
    /// The stock phrases found most often across the archive, most frequent first (ties by
    /// phrase): the text of every finding of a `phrase/…` rule, counted. Up to 20.
    pub stock_phrases: Vec<PhraseCount>,
    /// For each score, the documents with the lowest values, lowest first (ties in input
    /// order). Up to 10 per score.
    pub worst: BTreeMap<String, Vec<Ranked>>,
}

/// How one score is spread over the archive. Every value is rounded to two decimals
/// (44.32), as the CSV writes scores; the reports keep every digit. Quantiles are read from a
/// histogram with 0.1 point resolution (nearest rank), so they are exact to 0.1; `mean`,
/// `min` and `max` are exact before rounding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Distribution {
    /// Reports that have this score.
    pub count: u64,
    pub mean: f64,
    pub min: f64,
    pub p10: f64,
    pub median: f64,
    pub p90: f64,
    pub max: f64,
    /// Reports per band of ten points: `[0,10)`, `[10,20)`, …, `[90,100]`.
    pub histogram: [u64; 10],
}

/// A stock phrase and how often the archive uses it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhraseCount {
    /// The text as found (a finding's `text`).
    pub phrase: String,
    /// Occurrences over all reports.
    pub count: u64,
    /// Reports it occurs in.
    pub documents: u64,
}

/// A document and its value for one score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ranked {
    /// `source.path` of the report.
    pub path: String,
    /// The input's `id`, with `--stdin-jsonl`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub id: Option<Id>,
    /// The document's score, rounded to two decimals as in [`Distribution`].
    pub value: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report_json() -> Value {
        let input = crate::input::from_bytes("a.txt", "今年增长了。".as_bytes(), None).unwrap();
        let report = crate::analyze::review(input, &Default::default());
        serde_json::to_value(&report).unwrap()
    }

    #[test]
    fn a_report_record_is_the_report_with_a_type_and_maybe_an_id() {
        let report: Report = serde_json::from_value(report_json()).unwrap();
        for id in [None, Some(Value::from(7)), Some(Value::Null)] {
            let record = Record::Report(Box::new(ReportRecord {
                id: id.clone().map(Id::from),
                report: report.clone(),
            }));
            let value = serde_json::to_value(&record).unwrap();
            assert_eq!(value["type"], "report");
            assert_eq!(value.get("id"), id.as_ref());
            let mut bare = value.clone();
            bare.as_object_mut().unwrap().remove("type");
            bare.as_object_mut().unwrap().remove("id");
            assert_eq!(bare, report_json());
            let back: Record = serde_json::from_value(value).unwrap();
            assert_eq!(back, record);
        }
    }

    #[test]
    fn a_null_id_reads_back_as_written() {
        for id in [None, Some(Value::Null), Some(Value::from("a"))] {
            let record = Record::Error(ErrorRecord {
                path: "-:3".to_string(),
                path_bytes: None,
                id: id.map(Id::from),
                error: "not JSON".to_string(),
            });
            let line = serde_json::to_string(&record).unwrap();
            assert_eq!(
                serde_json::from_str::<Record>(&line).unwrap(),
                record,
                "{line}"
            );
        }
    }

    #[test]
    fn unknown_keys_are_rejected_in_every_record() {
        let mut value = report_json();
        value["type"] = "report".into();
        assert!(serde_json::from_value::<Record>(value.clone()).is_ok());
        value["surprise"] = 1.into();
        assert!(serde_json::from_value::<Record>(value).is_err());
        let error = serde_json::json!({"type": "error", "path": "a", "error": "no such file"});
        assert!(serde_json::from_value::<Record>(error.clone()).is_ok());
        let mut extra = error;
        extra["surprise"] = 1.into();
        assert!(serde_json::from_value::<Record>(extra).is_err());
        assert!(serde_json::from_value::<Record>(serde_json::json!({"type": "other"})).is_err());
    }
}
