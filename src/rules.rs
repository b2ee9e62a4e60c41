//! The rule registry: every rule shengao can report, declared once.
//!
//! A rule is a `static` [`Rule`] in the module that checks it; each module lists its rules in
//! a `pub static RULES: &[&Rule]`, and [`all`] chains those lists. `shengao rules` and
//! `shengao explain` read nothing else, so a rule that is not listed cannot be reported.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(format!(
                "unknown severity `{s}` (expected error, warning or info)"
            )),
        }
    }
}

/// One rule. `explanation` has three paragraphs separated by blank lines: what the rule
/// checks, why it matters, and an example (a line starting `Example:`).
#[derive(Debug, Serialize)]
pub struct Rule {
    /// `area/name`, e.g. `structure/numbering-gap`. Stable: review tools key on it.
    pub id: &'static str,
    /// The severity a finding gets unless the configuration says otherwise.
    pub severity: Severity,
    /// One line for `shengao rules`.
    pub summary: &'static str,
    /// What it checks, why it matters, an example.
    pub explanation: &'static str,
}

impl Rule {
    /// The part of the id before the slash.
    pub fn area(&self) -> &'static str {
        self.id.split_once('/').map_or(self.id, |(area, _)| area)
    }
}

/// The areas a rule id may start with, in the order `shengao rules` lists them.
pub const AREAS: &[&str] = &[
    "input",
    "structure",
    "phrase",
    "readability",
    "redundancy",
    "typography",
    "wording",
];

/// Every registered rule, area by area.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    [
        crate::input::RULES,
        crate::analyze::structure::RULES,
        crate::analyze::phrases::RULES,
        crate::analyze::readability::RULES,
        crate::analyze::redundancy::RULES,
        crate::analyze::typography::RULES,
        crate::analyze::wording::RULES,
    ]
    .into_iter()
    .flatten()
    .copied()
}

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static Rule> {
    all().find(|rule| rule.id == id)
}

/// A topic `shengao explain` knows besides the rules: an area with an explanation of its
/// metrics and scores.
pub struct Topic {
    pub name: &'static str,
    pub text: &'static str,
}

/// Every topic, for `shengao explain AREA`.
pub fn topics() -> impl Iterator<Item = &'static Topic> {
    [
        crate::doc::TOPICS,
        crate::input::TOPICS,
        crate::analyze::structure::TOPICS,
        crate::analyze::phrases::TOPICS,
        crate::analyze::readability::TOPICS,
        crate::analyze::redundancy::TOPICS,
        crate::analyze::typography::TOPICS,
        crate::analyze::wording::TOPICS,
    ]
    .into_iter()
    .flatten()
    .copied()
}

/// Every name `shengao explain` takes besides a rule id: the topics, every area among them
/// (a test checks).
pub fn topic_names() -> Vec<&'static str> {
    topics().map(|t| t.name).collect()
}

/// The topic or area that `name` names: itself, or its singular (`phrases` is `phrase`, as
/// the `[phrases]` table and `scores.phrases` spell it).
pub fn topic_name(name: &str) -> Option<&'static str> {
    let singular = name.strip_suffix('s');
    topic_names()
        .into_iter()
        .find(|n| *n == name || Some(*n) == singular)
}

/// Rule ids and topic names close to `name`, for a did-you-mean: those that `name` begins
/// (a name cut short: `numbering-dup`, three letters at least), else those fewest edits away
/// (from a rule's id or from its name after the slash, a quarter of `name`'s length at most),
/// else those that contain `name`. At most six, in registry order.
pub fn near(name: &str) -> Vec<&'static str> {
    let limit = (name.chars().count() / 4).max(1);
    let candidates: Vec<&'static str> = all().map(|r| r.id).chain(topic_names()).collect();
    let short = |id: &'static str| id.split_once('/').map_or(id, |(_, short)| short);
    if name.chars().count() >= 3 {
        let mut begun: Vec<&'static str> = (candidates.iter().copied())
            .filter(|id| id.starts_with(name) || short(id).starts_with(name))
            .collect();
        if !begun.is_empty() {
            begun.truncate(6);
            return begun;
        }
    }
    let edits = |id: &'static str| distance(id, name).min(distance(short(id), name));
    let best = candidates.iter().map(|id| edits(id)).min().unwrap_or(0);
    let mut found: Vec<&'static str> = if best <= limit {
        candidates
            .into_iter()
            .filter(|id| edits(id) == best)
            .collect()
    } else if name.is_empty() {
        Vec::new()
    } else {
        candidates
            .into_iter()
            .filter(|id| id.contains(name))
            .collect()
    };
    found.truncate(6);
    found
}

/// The topics whose text mentions `word` or its singular, ignoring case: every topic that
/// explains a score for `scores`. Words under three letters mention nothing.
pub fn mentioning(word: &str) -> Vec<&'static str> {
    let word = word.to_lowercase();
    let word = word.strip_suffix('s').unwrap_or(&word);
    if word.chars().count() < 3 {
        return Vec::new();
    }
    topics()
        .filter(|t| t.text.to_lowercase().contains(word))
        .map(|t| t.name)
        .collect()
}

/// The edit distance between two short strings (insertions, deletions, substitutions).
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (diagonal + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_and_well_formed() {
        let mut seen = HashSet::new();
        for rule in all() {
            assert!(seen.insert(rule.id), "duplicate rule id {}", rule.id);
            let (area, name) = rule.id.split_once('/').expect("id has a slash");
            assert!(AREAS.contains(&area), "{}: unknown area", rule.id);
            assert!(
                !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}: name must be kebab-case",
                rule.id
            );
        }
        assert!(!seen.is_empty());
    }

    #[test]
    fn every_rule_explains_what_why_and_example() {
        for rule in all() {
            assert!(
                !rule.summary.is_empty() && !rule.summary.contains('\n'),
                "{}",
                rule.id
            );
            let parts: Vec<&str> = rule.explanation.split("\n\n").collect();
            assert!(
                parts.len() >= 3,
                "{}: explanation needs what, why, example",
                rule.id
            );
            assert!(
                rule.explanation.contains("Example:"),
                "{}: explanation needs an `Example:`",
                rule.id
            );
        }
    }

    #[test]
    fn every_area_has_a_topic() {
        for area in AREAS {
            assert!(topics().any(|t| t.name == *area), "{area}");
        }
    }

    #[test]
    fn find_returns_registered_rules_only() {
        assert_eq!(
            find("input/legacy-encoding").map(|r| r.id),
            Some("input/legacy-encoding")
        );
        assert!(find("input/no-such-rule").is_none());
    }

    #[test]
    fn near_names_are_few_edits_away_or_contain_the_name() {
        assert_eq!(near("phrase/openning"), ["phrase/opening"]);
        assert_eq!(near("openning"), ["phrase/opening"]);
        assert_eq!(near("strucure"), ["structure"]);
        // A name cut short is the name it begins, not the one fewest edits away.
        assert_eq!(
            near("structure/numbering-dup"),
            ["structure/numbering-duplicate"]
        );
        assert_eq!(near("near-dup"), ["redundancy/near-duplicate"]);
        assert_eq!(near("long-sentence"), ["readability/long-sentence"]);
        assert_eq!(near("mixed")[0], "input/mixed-line-endings");
        assert!(near("zzzzzzzz").is_empty());
        assert!(near("").is_empty());
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("汉字", "汉字"), 0);
    }

    #[test]
    fn scores_are_mentioned_by_the_areas_that_have_one() {
        assert_eq!(
            mentioning("scores"),
            ["structure", "phrase", "readability", "redundancy"]
        );
        assert!(mentioning("s").is_empty());
    }

    #[test]
    fn severity_orders_and_parses() {
        assert!(Severity::Info < Severity::Warning && Severity::Warning < Severity::Error);
        assert_eq!("warning".parse::<Severity>(), Ok(Severity::Warning));
        assert!("fatal".parse::<Severity>().is_err());
    }
}
