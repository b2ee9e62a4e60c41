//! The stock-phrase lexicon: list files → entries → compiled matchers.
//!
//! A list is a text file of entries, one a line (the format is documented in
//! `dictionaries/README.md`). Each list compiles once into an Aho-Corasick automaton for its
//! fixed phrases and one regex per slot template. Both run over a *normalised view* of the text
//! that leaves out spaces and clause punctuation (，,、；;：:), so 不当之处，敬请 / 不当之处,敬请 /
//! 不当之处敬请 are one phrase; a table of byte offsets maps every hit back to the original text.
//!
//! A template's regex is compiled the first time the text holds its anchor (most drafts meet a
//! few dozen of the 480 built-in templates), so a one-file `check` does not pay for all of them;
//! `List::read` compiles a user list's templates at once, to report any that cannot be built.
//!
//! Matching is linear in the text: one pass of the automaton (overlapping matches, so a longer
//! phrase rejected at a word boundary does not hide a shorter one inside it) and one regex pass
//! per template. Every candidate must start and end on a word boundary (the caller says where
//! those are, from jieba's tokens); then the leftmost, longest candidates are kept, so an
//! overlapping hit is never counted twice.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::sync::{Arc, LazyLock, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::Regex;

use crate::rules::Severity;

/// What kind of stock phrase an entry is. The id is the list's file stem and the last part of
/// the rule id (`phrase/opening`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    Opening,
    Humility,
    Closing,
    Intensifier,
    Slogan,
    Cliche,
    Metaphor,
    Evasive,
    Marker,
}

impl Category {
    pub const ALL: [Category; 9] = [
        Category::Opening,
        Category::Humility,
        Category::Closing,
        Category::Intensifier,
        Category::Slogan,
        Category::Cliche,
        Category::Metaphor,
        Category::Evasive,
        Category::Marker,
    ];

    /// The id used in list files and metrics, e.g. `opening`.
    pub fn id(self) -> &'static str {
        match self {
            Category::Opening => "opening",
            Category::Humility => "humility",
            Category::Closing => "closing",
            Category::Intensifier => "intensifier",
            Category::Slogan => "slogan",
            Category::Cliche => "cliche",
            Category::Metaphor => "metaphor",
            Category::Evasive => "evasive",
            Category::Marker => "marker",
        }
    }

    /// The editor's name for the category.
    pub fn label(self) -> &'static str {
        match self {
            Category::Opening => "开场套语",
            Category::Humility => "谦辞",
            Category::Closing => "结束套语",
            Category::Intensifier => "空泛强调",
            Category::Slogan => "口号句式",
            Category::Cliche => "四字格套语",
            Category::Metaphor => "套用比喻",
            Category::Evasive => "官腔",
            Category::Marker => "话语标记",
        }
    }

    pub fn from_id(id: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.id() == id)
    }
}

/// What an entry suggests instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Advice {
    None,
    /// Advice in words, e.g. 写明批示的内容.
    Text(String),
    /// A plainer wording that can replace the phrase as it stands (`=重视` in a list).
    Replace(String),
}

/// One line of a list.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The phrase or template as written in the list.
    pub phrase: String,
    pub category: Category,
    /// `None` (written `none`): counted in the metrics, never reported.
    pub severity: Option<Severity>,
    pub advice: Advice,
    template: Option<Template>,
}

impl Entry {
    /// Whether the entry is a template with slots rather than a fixed phrase.
    pub fn is_template(&self) -> bool {
        self.template.is_some()
    }

    /// The normalised phrase: the key duplicates and allow lists are compared by.
    pub fn key(&self) -> String {
        normalise(&self.phrase)
    }

    /// A template as a reader would write it: each slot an ellipsis, the first of several
    /// alternatives, optional parts and repeat counts left out (进一步<2>好? is 进一步…,
    /// (<1-3>好、){2,}<1-3>好 is …好、…好). A fixed phrase is itself.
    pub fn shape(&self) -> String {
        if !self.is_template() {
            return self.phrase.clone();
        }
        let mut out = String::new();
        // Where each open group started in `out`, and whether its first alternative is over.
        let mut groups: Vec<(usize, bool)> = Vec::new();
        // Where the last item (a character, slot or group) started in `out`.
        let mut last = 0;
        let mut chars = self.phrase.chars();
        while let Some(c) = chars.next() {
            let skipping = groups.last().is_some_and(|&(_, over)| over);
            match c {
                '(' => groups.push((out.len(), skipping)),
                ')' => last = groups.pop().map_or(out.len(), |(start, _)| start),
                '|' => {
                    if let Some(group) = groups.last_mut() {
                        group.1 = true;
                    }
                }
                _ if skipping => {}
                '<' => {
                    chars.by_ref().take_while(|&c| c != '>').for_each(drop);
                    last = out.len();
                    out.push('…');
                }
                '{' => chars.by_ref().take_while(|&c| c != '}').for_each(drop),
                '?' => out.truncate(last),
                _ => {
                    last = out.len();
                    out.push(c);
                }
            }
        }
        let mut shape = String::with_capacity(out.len());
        for c in out.chars() {
            if !(c == '…' && shape.ends_with('…')) {
                shape.push(c);
            }
        }
        shape
    }
}

/// A line of a list that is not a valid entry, or a list that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListError {
    /// The list's name (a path, or a built-in file name).
    pub list: String,
    /// 1-based line, 0 for the list as a whole.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.list, self.message)
        } else {
            write!(f, "{}:{}: {}", self.list, self.line, self.message)
        }
    }
}

impl std::error::Error for ListError {}

/// Spaces and clause punctuation: left out of the normalised view.
pub fn is_soft(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{3000}' | '\u{A0}' | '，' | ',' | '、' | '；' | ';' | '：' | ':'
    )
}

/// Sentence ends and line breaks: never inside an entry, and a free slot never spans one.
/// (ASCII `?` is template syntax in a list; in a text it ends a sentence.)
fn is_hard(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '\n' | '\r')
}

/// Characters with a meaning in templates.
fn is_syntax(c: char) -> bool {
    matches!(c, '…' | '<' | '>' | '(' | ')' | '|' | '?' | '{' | '}')
}

/// `s` without spaces and clause punctuation.
pub fn normalise(s: &str) -> String {
    s.chars().filter(|&c| !is_soft(c)).collect()
}

/// Fixed phrases of at most this many characters must start and end on word boundaries.
const SHORT_PHRASE: usize = 3;

const FREE_SLOT_CHARS: usize = 16;

/// A free slot: 1–16 characters within one sentence, as few as possible.
const FREE_SLOT: &str = r"[^。！？!?\n\r]{1,16}?";

/// A compiled template: the regex, and the capture groups of one-character literal parts
/// that sit next to a free slot, with which of their ends must fall on a word boundary.
#[derive(Debug, Clone)]
struct Template {
    /// The regex's source; [`Template::regex`] compiles it on first use.
    pattern: String,
    regex: OnceLock<Result<Regex, String>>,
    /// (group, check start, check end)
    checks: Vec<(usize, bool, bool)>,
    /// Fixed text every match contains, if the template has any outside its groups.
    anchor: Option<Anchor>,
    /// The first character of a template with one free slot that starts with a fixed one
    /// (以 of 以…为抓手): a match is tightened to the last place it starts again.
    restart: Option<char>,
}

/// The longest fixed run of a template, and how far a match can reach around it, so the
/// regex need only run near the places the run occurs.
#[derive(Debug, Clone)]
struct Anchor {
    text: String,
    /// The most characters a match can have before the run, and after it.
    before: usize,
    after: usize,
}

impl Template {
    fn new(pattern: String, checks: Vec<(usize, bool, bool)>, anchor: Option<Anchor>) -> Self {
        Template {
            pattern,
            regex: OnceLock::new(),
            checks,
            anchor,
            restart: None,
        }
    }

    /// The compiled regex, or why it cannot be built (a repeat too large for the regex
    /// crate's size limit; the template syntax is checked when the line is parsed).
    fn regex(&self) -> Result<&Regex, &str> {
        self.regex
            .get_or_init(|| {
                Regex::new(&self.pattern).map_err(|e| format!("template does not compile: {e}"))
            })
            .as_ref()
            .map_err(String::as_str)
    }

    /// Adds the original byte ranges of this template's matches within `window` of the view
    /// to `out`: matches that start and end on word boundaries, as do the one-character
    /// literals next to free slots.
    fn matches(
        &self,
        view: &View,
        window: Range<usize>,
        is_boundary: &dyn Fn(usize) -> bool,
        out: &mut Vec<Range<usize>>,
    ) {
        // A user list's templates were compiled when it was read (`List::read`), the built-in
        // list's by the test `builtin_lists_are_valid`.
        let Ok(regex) = self.regex() else { return };
        let haystack = &view.text[..window.end];
        // Like captures_iter, but a match rejected at a word boundary is tried again one
        // character later (性引导好、保护好、发挥好 → 引导好、保护好、发挥好). Each retry moves
        // on by a character and a match spans at most a few dozen, so this stays linear.
        let accepted = |caps: &regex::Captures| -> Option<Range<usize>> {
            let range = view.original(caps.get(0)?.range());
            let inner_ok = self.checks.iter().all(|&(group, start, end)| {
                caps.get(group).is_none_or(|g| {
                    let r = view.original(g.range());
                    (!start || is_boundary(r.start)) && (!end || is_boundary(r.end))
                })
            });
            (inner_ok && is_boundary(range.start) && is_boundary(range.end)).then_some(range)
        };
        let mut at = window.start;
        while let Some(caps) = regex.captures_at(haystack, at) {
            let Some(whole) = caps.get(0) else { break };
            let found = (self.tightened(regex, haystack, &caps).as_ref())
                .and_then(accepted)
                .or_else(|| accepted(&caps));
            match found {
                Some(range) => {
                    out.push(range);
                    at = whole.end();
                }
                None => {
                    at = whole.start()
                        + haystack[whole.start()..]
                            .chars()
                            .next()
                            .map_or(1, char::len_utf8);
                }
            }
        }
    }
}

impl Template {
    /// A one-slot template's match from the last place inside it where the template matches
    /// again to the same end, if there is one (the caller falls back to the whole match). The view has no clause marks, so a slot may run over one, and
    /// 以群众满意为目标，以阵地建设为抓手 would be all one 以…为抓手; the phrase is the last.
    /// Parallel templates (要…要…要) are left as matched: their slots run over clauses.
    fn tightened<'h>(
        &self,
        regex: &Regex,
        haystack: &'h str,
        caps: &regex::Captures<'h>,
    ) -> Option<regex::Captures<'h>> {
        let (first, whole) = (self.restart?, caps.get(0)?);
        let starts = (haystack[whole.range()].char_indices())
            .rev()
            .filter(|&(i, c)| i > 0 && c == first)
            .map(|(i, _)| whole.start() + i);
        starts.into_iter().find_map(|p| {
            let again = regex.captures_at(haystack, p)?;
            let m = again.get(0)?;
            (m.start() == p && m.end() == whole.end()).then_some(again)
        })
    }
}

/// The most times `{m,}` repeats a group.
const MAX_REPEAT: usize = 9;

/// The longest fixed run outside groups (one character will do: searching near each 好 of
/// `(<1-3>好、){2,}<1-3>好` is still far cheaper than running its regex over the whole text)
/// and the most characters a match can have on either side of it.
fn anchor(atoms: &[(Atom, String)]) -> Option<Anchor> {
    // Top-level items: (the character, if a fixed one not made optional; most characters).
    let mut items: Vec<(Option<char>, usize)> = Vec::new();
    // Open groups: (longest finished alternative, current alternative, last item's length).
    let mut groups: Vec<(usize, usize, usize)> = Vec::new();
    for (atom, text) in atoms {
        let item = match *atom {
            Atom::Lit(c) => Some((Some(c), 1)),
            Atom::Free => Some((None, FREE_SLOT_CHARS)),
            Atom::Han(_, hi) => Some((None, hi as usize)),
            Atom::Open => {
                groups.push((0, 0, 0));
                None
            }
            Atom::Alt => {
                if let Some(g) = groups.last_mut() {
                    *g = (g.0.max(g.1), 0, 0);
                }
                None
            }
            Atom::Close => groups.pop().map(|(best, cur, _)| (None, best.max(cur))),
            Atom::Quant => {
                let times = match text.as_str() {
                    "?" => 1,
                    t => t
                        .trim_matches(['{', '}'])
                        .split(',')
                        .nth(1)
                        .and_then(|n| n.parse().ok())
                        .unwrap_or(MAX_REPEAT),
                };
                match groups.last_mut() {
                    Some(g) => g.1 += g.2 * times.saturating_sub(1),
                    None => {
                        if let Some(last) = items.last_mut() {
                            *last = (None, last.1 * times);
                        }
                    }
                }
                None
            }
        };
        if let Some((c, len)) = item {
            match groups.last_mut() {
                Some(g) => {
                    g.1 += len;
                    g.2 = len;
                }
                None => items.push((c, len)),
            }
        }
    }
    // The longest run of fixed characters; the first of equal ones.
    let (mut best, mut start) = (0..0, 0);
    for i in 0..=items.len() {
        if items.get(i).is_some_and(|(c, _)| c.is_some()) {
            continue;
        }
        if i - start > best.len() {
            best = start..i;
        }
        start = i + 1;
    }
    (!best.is_empty()).then(|| Anchor {
        text: items[best.clone()].iter().filter_map(|(c, _)| *c).collect(),
        before: items[..best.start].iter().map(|(_, n)| n).sum(),
        after: items[best.end..].iter().map(|(_, n)| n).sum(),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Atom {
    Lit(char),
    Free,
    Han(u8, u8),
    Open,
    Close,
    Alt,
    /// `?` or `{m,}` / `{m,n}`: the text is copied into the regex.
    Quant,
}

/// Splits a template into atoms; soft punctuation is dropped, as in the text.
fn atoms(p: &str) -> Result<Vec<(Atom, String)>, String> {
    let chars: Vec<char> = p.chars().collect();
    let mut out: Vec<(Atom, String)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = out.last().map(|(a, _)| *a);
        let slot_before = matches!(prev, Some(Atom::Free | Atom::Han(..)));
        match c {
            '…' | '<' if slot_before => return Err("two slots side by side".into()),
            '…' => out.push((Atom::Free, String::new())),
            '<' => {
                let close = chars[i..]
                    .iter()
                    .position(|&c| c == '>')
                    .ok_or("`<` without `>`")?;
                let inner: String = chars[i + 1..i + close].iter().collect();
                let (lo, hi) = match inner.split_once('-') {
                    Some((lo, hi)) => (lo, hi),
                    None => (inner.as_str(), inner.as_str()),
                };
                let digit = |s: &str| match s.as_bytes() {
                    [d @ b'1'..=b'9'] => Ok(d - b'0'),
                    _ => Err(format!(
                        "bad slot `<{inner}>`: want <n> or <m-n>, digits 1–9"
                    )),
                };
                let (lo, hi) = (digit(lo)?, digit(hi)?);
                if lo > hi {
                    return Err(format!("bad slot `<{inner}>`: m > n"));
                }
                out.push((Atom::Han(lo, hi), String::new()));
                i += close;
            }
            '(' => {
                depth += 1;
                out.push((Atom::Open, String::new()));
            }
            ')' => {
                depth = depth.checked_sub(1).ok_or("unbalanced `)`")?;
                if prev == Some(Atom::Open) {
                    return Err("empty group".into());
                }
                out.push((Atom::Close, String::new()));
            }
            '|' if depth == 0 => return Err("`|` outside a group".into()),
            '|' => out.push((Atom::Alt, String::new())),
            '?' => {
                if !matches!(prev, Some(Atom::Lit(_) | Atom::Close)) {
                    return Err("`?` must follow a character or a group".into());
                }
                out.push((Atom::Quant, "?".into()));
            }
            '{' => {
                let close = chars[i..]
                    .iter()
                    .position(|&c| c == '}')
                    .ok_or("`{` without `}`")?;
                let inner: String = chars[i + 1..i + close].iter().collect();
                let valid = inner.split_once(',').is_some_and(|(m, n)| {
                    let m: Option<u8> = m.parse().ok();
                    let n: Option<u8> = if n.is_empty() { m } else { n.parse().ok() };
                    matches!((m, n), (Some(m), Some(n)) if m <= n && (1..=9).contains(&n))
                });
                if prev != Some(Atom::Close) || !valid {
                    return Err(format!(
                        "bad repeat `{{{inner}}}`: want {{m,}} or {{m,n}} (up to 9) after a group"
                    ));
                }
                out.push((Atom::Quant, format!("{{{inner}}}")));
                i += close;
            }
            '>' | '}' => return Err(format!("stray `{c}`")),
            c if is_soft(c) => {}
            c => out.push((Atom::Lit(c), String::new())),
        }
        i += 1;
    }
    if depth != 0 {
        return Err("unbalanced `(`".into());
    }
    if matches!(out.first(), Some((Atom::Free, _))) || matches!(out.last(), Some((Atom::Free, _))) {
        return Err("a template may not start or end with `…`".into());
    }
    if !out.iter().any(|(a, _)| matches!(a, Atom::Lit(_))) {
        return Err("a template needs some fixed text".into());
    }
    Ok(out)
}

fn compile_template(p: &str) -> Result<Template, String> {
    let atoms = atoms(p)?;
    let mut pattern = String::new();
    let mut checks = Vec::new();
    let mut group = 0usize;
    let mut i = 0;
    while i < atoms.len() {
        let (atom, text) = &atoms[i];
        match atom {
            Atom::Lit(_) => {
                // A run of characters; a quantifier binds to the last one alone.
                let mut end = i;
                while end < atoms.len() && matches!(atoms[end].0, Atom::Lit(_)) {
                    end += 1;
                }
                let quantified = atoms.get(end).is_some_and(|(a, _)| *a == Atom::Quant);
                let run_end = if quantified { end - 1 } else { end };
                if run_end > i {
                    let lit: String = atoms[i..run_end]
                        .iter()
                        .map(|(a, _)| match a {
                            Atom::Lit(c) => *c,
                            _ => unreachable!("a run holds only characters"),
                        })
                        .collect();
                    let free_before = i > 0 && atoms[i - 1].0 == Atom::Free;
                    let free_after = atoms.get(run_end).is_some_and(|(a, _)| *a == Atom::Free);
                    // A one-character literal next to a free slot (要…要…, 以…) must be a word
                    // of its own: 重要 or 以及 is not the formula. Longer literals are
                    // specific enough, and jieba often glues them to a neighbour (新篇章).
                    if (free_before || free_after) && run_end - i == 1 {
                        group += 1;
                        checks.push((group, free_before, free_after));
                        pattern.push('(');
                        pattern.push_str(&regex::escape(&lit));
                        pattern.push(')');
                    } else {
                        pattern.push_str(&regex::escape(&lit));
                    }
                }
                if quantified {
                    if let Atom::Lit(c) = atoms[end - 1].0 {
                        pattern.push_str(&regex::escape(&c.to_string()));
                    }
                }
                i = end;
                continue;
            }
            Atom::Free => pattern.push_str(FREE_SLOT),
            Atom::Han(lo, hi) if lo == hi => pattern.push_str(&format!(r"\p{{Han}}{{{lo}}}")),
            Atom::Han(lo, hi) => pattern.push_str(&format!(r"\p{{Han}}{{{lo},{hi}}}?")),
            Atom::Open => pattern.push_str("(?:"),
            Atom::Close => pattern.push(')'),
            Atom::Alt => pattern.push('|'),
            Atom::Quant if text.ends_with(",}") => {
                pattern.push_str(&format!("{}{MAX_REPEAT}}}", &text[..text.len() - 1]));
            }
            Atom::Quant => pattern.push_str(text),
        }
        i += 1;
    }
    let mut template = Template::new(pattern, checks, anchor(&atoms));
    let free_slots = atoms.iter().filter(|(a, _)| *a == Atom::Free).count();
    if let (1, Some((Atom::Lit(first), _))) = (free_slots, atoms.first()) {
        template.restart = Some(*first);
    }
    Ok(template)
}

/// Parses one list. `expected` is the category every entry must have (built-in lists hold
/// one category each); user lists pass `None`.
pub fn parse_entries(
    list: &str,
    text: &str,
    expected: Option<Category>,
) -> Result<Vec<Entry>, ListError> {
    let mut entries = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let err = |message: String| ListError {
            list: list.to_string(),
            line: n + 1,
            message,
        };
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        entries.push(parse_line(line, expected).map_err(err)?);
    }
    Ok(entries)
}

fn parse_line(line: &str, expected: Option<Category>) -> Result<Entry, String> {
    let fields: Vec<&str> = line.split('\t').collect();
    let [phrase, category, severity, rest @ ..] = fields.as_slice() else {
        return Err(format!(
            "want phrase, category, severity and advice separated by tabs; got {} field(s)",
            fields.len()
        ));
    };
    let advice = match rest {
        [] => "",
        [advice] => advice,
        _ => {
            return Err(format!(
                "want at most 4 tab-separated fields, got {}",
                fields.len()
            ));
        }
    };
    if phrase.is_empty() || phrase.trim() != *phrase {
        return Err("the phrase is empty or has spaces around it".into());
    }
    let category = Category::from_id(category).ok_or_else(|| {
        let known: Vec<&str> = Category::ALL.iter().map(|c| c.id()).collect();
        format!(
            "unknown category `{category}` (expected one of {})",
            known.join(", ")
        )
    })?;
    if expected.is_some_and(|e| e != category) {
        return Err(format!(
            "category `{}` in the {} list",
            category.id(),
            expected.map_or("", Category::id)
        ));
    }
    let severity = match *severity {
        "none" => None,
        s => Some(s.parse::<Severity>().map_err(|e| format!("{e} or none"))?),
    };
    if (category == Category::Marker) != severity.is_none() {
        return Err("discourse markers, and only they, take severity `none`".into());
    }
    if phrase.chars().any(is_hard) {
        return Err("a phrase cannot contain 。！？! or a line break".into());
    }
    let template = if phrase.chars().any(is_syntax) {
        Some(compile_template(phrase).map_err(|e| format!("bad template `{phrase}`: {e}"))?)
    } else {
        if normalise(phrase).chars().count() < 2 {
            return Err("a phrase needs at least two characters besides punctuation".into());
        }
        None
    };
    let advice = match advice.strip_prefix('=') {
        Some(_) if template.is_some() => {
            return Err("a template cannot carry a replacement (`=…`): its text varies".into());
        }
        Some(r) if r.chars().any(|c| is_syntax(c) || is_hard(c)) => {
            return Err(format!(
                "replacement `{r}` contains template syntax or 。！？"
            ));
        }
        Some(r) => Advice::Replace(r.to_string()),
        None if advice.is_empty() => Advice::None,
        None => Advice::Text(advice.to_string()),
    };
    Ok(Entry {
        phrase: phrase.to_string(),
        category,
        severity,
        advice,
        template,
    })
}

/// A compiled list.
#[derive(Debug)]
pub struct List {
    /// Where the list came from (a path, or `built-in`).
    pub name: String,
    entries: Vec<Entry>,
    /// The fixed phrases (normalised) and the templates' anchors, searched in one pass;
    /// `patterns[i]` says what pattern i is.
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
    /// Indices of the template entries.
    templates: Vec<usize>,
}

/// What a pattern of a list's automaton stands for: a fixed phrase, the anchor of some
/// templates, or both when a phrase is also an anchor.
#[derive(Debug, Default)]
struct Pattern {
    /// The entry of the fixed phrase.
    entry: Option<usize>,
    /// The templates (indices into `List::templates`) this is the anchor of.
    anchor_of: Vec<usize>,
}

/// The most pattern bytes an automaton is built as a DFA for (the built-in lists have about
/// 18 KB of fixed phrases).
const MAX_DFA_PATTERN_BYTES: usize = 64 << 10;

/// The largest list file `--dict` reads (the built-in lists together are about 60 KiB).
pub const MAX_LIST_BYTES: u64 = 4 << 20;

impl List {
    /// Compiles entries into a list. Two entries with the same normalised phrase are an error.
    pub fn new(name: &str, entries: Vec<Entry>) -> Result<List, ListError> {
        let err = |message: String| ListError {
            list: name.to_string(),
            line: 0,
            message,
        };
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            if let Some(j) = seen.insert(e.key(), i) {
                return Err(err(format!(
                    "`{}` and `{}` are the same phrase once punctuation is set aside",
                    entries[j].phrase, e.phrase
                )));
            }
        }
        let mut texts: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut templates = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            if e.is_template() {
                templates.push(i);
            } else {
                texts.push(e.key());
                patterns.push(Pattern {
                    entry: Some(i),
                    anchor_of: Vec::new(),
                });
            }
        }
        let mut pattern_of: HashMap<String, usize> = texts
            .iter()
            .enumerate()
            .map(|(p, t)| (t.clone(), p))
            .collect();
        for (k, &i) in templates.iter().enumerate() {
            let Some(anchor) = entries[i].template.as_ref().and_then(|t| t.anchor.as_ref()) else {
                continue;
            };
            let p = *pattern_of.entry(anchor.text.clone()).or_insert_with(|| {
                texts.push(anchor.text.clone());
                patterns.push(Pattern::default());
                patterns.len() - 1
            });
            patterns[p].anchor_of.push(k);
        }
        let build = |patterns: &[String]| {
            // A DFA follows no failure links, which on Chinese text (three bytes a character,
            // a mismatch at almost every one) makes it about twice as fast as the default NFA;
            // but it takes some 350 bytes per byte of patterns (6 MB and 10 ms to build for
            // the built-in lists), so a large `--dict` list keeps the NFA.
            let bytes: usize = patterns.iter().map(String::len).sum();
            let kind = (bytes <= MAX_DFA_PATTERN_BYTES).then_some(AhoCorasickKind::DFA);
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(kind)
                .build(patterns)
                .map_err(|e| err(format!("too many phrases to compile: {e}")))
        };
        Ok(List {
            name: name.to_string(),
            automaton: build(&texts)?,
            patterns,
            entries,
            templates,
        })
    }

    /// Reads and compiles a user list (`--dict FILE`).
    pub fn read(path: &str) -> Result<List, ListError> {
        let text = read_small(path)?;
        let list = List::new(path, parse_entries(path, &text, None)?)?;
        if let Some((entry, message)) = list.bad_template() {
            let line = text
                .lines()
                .position(|l| l.split('\t').next() == Some(entry.phrase.as_str()))
                .map_or(0, |n| n + 1);
            return Err(ListError {
                list: path.to_string(),
                line,
                message: format!("bad template `{}`: {message}", entry.phrase),
            });
        }
        Ok(list)
    }

    /// Compiles every template now rather than on first use, and returns the first that
    /// cannot be built, with why.
    pub fn bad_template(&self) -> Option<(&Entry, &str)> {
        self.entries.iter().find_map(|entry| {
            let message = entry.template.as_ref()?.regex().err()?;
            Some((entry, message))
        })
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Adds every candidate hit of this list in `view` to `out`.
    fn candidates(
        &self,
        list: usize,
        view: &View,
        is_boundary: &dyn Fn(usize) -> bool,
        out: &mut Vec<Candidate>,
    ) {
        // Where each template can match: around its anchor's occurrences (merged windows),
        // or everywhere for a template without one.
        let len = view.text.len();
        let mut windows: Vec<Vec<Range<usize>>> = vec![Vec::new(); self.templates.len()];
        for m in self.automaton.find_overlapping_iter(view.text.as_str()) {
            let pattern = &self.patterns[m.pattern().as_usize()];
            if let Some(entry) = pattern.entry {
                let range = view.original(m.start()..m.end());
                // Short phrases (同时, 新动能, 临时工) occur inside other words (同时期, 创新动能,
                // 临时工人); longer ones rarely do, while jieba often glues their last word to
                // the next (全面深化|改革 → 全面/深化改革), so only short ones need word edges.
                let short = view.text[m.start()..m.end()].chars().count() <= SHORT_PHRASE;
                if !short || (is_boundary(range.start) && is_boundary(range.end)) {
                    out.push(Candidate {
                        range,
                        template: false,
                        list,
                        entry,
                    });
                }
            }
            for &k in &pattern.anchor_of {
                let Some(anchor) = self.entries[self.templates[k]]
                    .template
                    .as_ref()
                    .and_then(|t| t.anchor.as_ref())
                else {
                    continue;
                };
                // A character is at most 4 bytes.
                let mut start = m.start().saturating_sub(anchor.before * 4);
                while !view.text.is_char_boundary(start) {
                    start -= 1;
                }
                let mut end = (m.end() + anchor.after * 4).min(len);
                while !view.text.is_char_boundary(end) {
                    end += 1;
                }
                match windows[k].last_mut() {
                    Some(last) if start <= last.end => last.end = last.end.max(end),
                    _ => windows[k].push(start..end),
                }
            }
        }
        for (k, &entry) in self.templates.iter().enumerate() {
            let Some(template) = &self.entries[entry].template else {
                continue;
            };
            let mut found = Vec::new();
            match template.anchor {
                Some(_) => {
                    for window in &windows[k] {
                        template.matches(view, window.clone(), is_boundary, &mut found);
                    }
                }
                None => template.matches(view, 0..len, is_boundary, &mut found),
            }
            out.extend(found.into_iter().map(|range| Candidate {
                range,
                template: true,
                list,
                entry,
            }));
        }
    }
}

fn read_small(path: &str) -> Result<String, ListError> {
    let err = |message: String| ListError {
        list: path.to_string(),
        line: 0,
        message,
    };
    let (bytes, _) = crate::input::limits::read_regular(std::path::Path::new(path), MAX_LIST_BYTES)
        .map_err(|e| err(e.reason(MAX_LIST_BYTES)))?;
    let text = String::from_utf8(bytes).map_err(|_| err("is not UTF-8".into()))?;
    Ok(text.strip_prefix('\u{FEFF}').unwrap_or(&text).to_string())
}

/// Phrases to stay silent about (`--allow FILE`): one a line, `#` comments; anything after
/// a tab is ignored, so a list in the entry format works too. Normalised.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllowList(pub HashSet<String>);

impl AllowList {
    pub fn parse(text: &str) -> AllowList {
        AllowList(
            text.lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .map(|l| normalise(l.split('\t').next().unwrap_or(l).trim()))
                .filter(|k| !k.is_empty())
                .collect(),
        )
    }

    pub fn read(path: &str) -> Result<AllowList, ListError> {
        Ok(AllowList::parse(&read_small(path)?))
    }
}

/// The built-in lists, one category each.
pub const BUILTIN_LISTS: &[(Category, &str, &str)] = &[
    (
        Category::Opening,
        "opening.tsv",
        include_str!("../../../dictionaries/phrases/opening.tsv"),
    ),
    (
        Category::Humility,
        "humility.tsv",
        include_str!("../../../dictionaries/phrases/humility.tsv"),
    ),
    (
        Category::Closing,
        "closing.tsv",
        include_str!("../../../dictionaries/phrases/closing.tsv"),
    ),
    (
        Category::Intensifier,
        "intensifier.tsv",
        include_str!("../../../dictionaries/phrases/intensifier.tsv"),
    ),
    (
        Category::Slogan,
        "slogan.tsv",
        include_str!("../../../dictionaries/phrases/slogan.tsv"),
    ),
    (
        Category::Cliche,
        "cliche.tsv",
        include_str!("../../../dictionaries/phrases/cliche.tsv"),
    ),
    (
        Category::Metaphor,
        "metaphor.tsv",
        include_str!("../../../dictionaries/phrases/metaphor.tsv"),
    ),
    (
        Category::Evasive,
        "evasive.tsv",
        include_str!("../../../dictionaries/phrases/evasive.tsv"),
    ),
    (
        Category::Marker,
        "marker.tsv",
        include_str!("../../../dictionaries/phrases/marker.tsv"),
    ),
];

/// The built-in lists parsed and compiled together.
pub fn compile_builtin() -> Result<List, ListError> {
    let mut entries = Vec::new();
    for &(category, name, text) in BUILTIN_LISTS {
        entries.extend(parse_entries(name, text, Some(category))?);
    }
    List::new("built-in", entries)
}

static BUILTIN: LazyLock<Arc<List>> = LazyLock::new(|| {
    // The lists are part of the program and `builtin_lists_are_valid` checks them.
    Arc::new(compile_builtin().expect("the built-in phrase lists are valid"))
});

/// The built-in list, compiled on first use.
pub fn builtin() -> Arc<List> {
    Arc::clone(&BUILTIN)
}

/// The text with spaces and clause punctuation left out, and where each byte came from.
struct View {
    text: String,
    /// Where soft characters were left out, in order: (the byte of `text` they stood before,
    /// how many bytes were left out up to there). A few entries a line, where a table with an
    /// entry per byte cost more than the search.
    gaps: Vec<(usize, usize)>,
}

/// Whether byte `b` may start a soft character: their first bytes are ASCII or lead bytes,
/// never continuation bytes (a test checks every soft character).
fn may_start_soft(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b',' | b';' | b':' | 0xC2 | 0xE3 | 0xEF)
}

impl View {
    fn new(original: &str) -> View {
        let mut text = String::with_capacity(original.len());
        let mut gaps: Vec<(usize, usize)> = Vec::new();
        let mut removed = 0;
        let mut kept_from = 0;
        for (i, &b) in original.as_bytes().iter().enumerate() {
            if !may_start_soft(b) || i < kept_from {
                continue;
            }
            let Some(c) = original[i..].chars().next().filter(|&c| is_soft(c)) else {
                continue;
            };
            text.push_str(&original[kept_from..i]);
            removed += c.len_utf8();
            kept_from = i + c.len_utf8();
            match gaps.last_mut() {
                Some((at, total)) if *at == text.len() => *total = removed,
                _ => gaps.push((text.len(), removed)),
            }
        }
        text.push_str(&original[kept_from..]);
        View { text, gaps }
    }

    /// The original byte of byte `i` of the view.
    fn origin(&self, i: usize) -> usize {
        let k = self.gaps.partition_point(|&(at, _)| at <= i);
        i + k.checked_sub(1).map_or(0, |k| self.gaps[k].1)
    }

    /// The original byte range of a non-empty range of the view.
    fn original(&self, r: Range<usize>) -> Range<usize> {
        self.origin(r.start)..self.origin(r.end - 1) + 1
    }
}

#[derive(Debug, Clone)]
struct Candidate {
    range: Range<usize>,
    template: bool,
    list: usize,
    entry: usize,
}

/// A phrase found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Byte range in the original text; it may include punctuation the match skipped over.
    pub range: Range<usize>,
    /// Index of the list in the [`Lexicon`].
    pub list: usize,
    /// Index of the entry in its list.
    pub entry: usize,
}

/// The lists a run matches with (the built-in list first, then `--dict` lists in order) and
/// the phrases it stays silent about.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub lists: Vec<Arc<List>>,
    pub allow: Arc<AllowList>,
}

impl Default for Lexicon {
    fn default() -> Lexicon {
        Lexicon {
            lists: vec![builtin()],
            allow: Arc::default(),
        }
    }
}

impl Lexicon {
    /// The entry a hit refers to.
    pub fn entry(&self, hit: &Hit) -> &Entry {
        &self.lists[hit.list].entries[hit.entry]
    }

    /// Every stock phrase in `text`, in order, none overlapping. `is_boundary(byte)` says
    /// whether a word may start or end there; a hit must start and end on one.
    ///
    /// Of overlapping candidates the leftmost wins, then the longest, then a fixed phrase over
    /// a template, then a later list over an earlier one (so a `--dict` entry overrides the
    /// built-in entry for the same phrase). Hits of allowed phrases are dropped after that
    /// choice, so allowing 全省一盘棋 does not expose the 一盘棋 inside it.
    pub fn find(&self, text: &str, is_boundary: &dyn Fn(usize) -> bool) -> Vec<Hit> {
        let view = View::new(text);
        let mut candidates = Vec::new();
        for (i, list) in self.lists.iter().enumerate() {
            list.candidates(i, &view, is_boundary, &mut candidates);
        }
        candidates.sort_by_key(|c| {
            (
                c.range.start,
                std::cmp::Reverse(c.range.end),
                c.template,
                std::cmp::Reverse(c.list),
                c.entry,
            )
        });
        let mut hits = Vec::new();
        let mut end = 0;
        for c in candidates {
            if c.range.start < end {
                continue;
            }
            end = c.range.end;
            let entry = &self.lists[c.list].entries[c.entry];
            let allowed = !self.allow.0.is_empty()
                && (self.allow.0.contains(&normalise(&text[c.range.clone()]))
                    || self.allow.0.contains(&entry.key()));
            if !allowed {
                hits.push(Hit {
                    range: c.range,
                    list: c.list,
                    entry: c.entry,
                });
            }
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn any_boundary(_: usize) -> bool {
        true
    }

    fn list(lines: &str) -> List {
        List::new("test", parse_entries("test", lines, None).unwrap()).unwrap()
    }

    fn found(lexicon: &Lexicon, text: &str) -> Vec<String> {
        lexicon
            .find(text, &any_boundary)
            .iter()
            .map(|h| text[h.range.clone()].to_string())
            .collect()
    }

    fn only(list: List) -> Lexicon {
        Lexicon {
            lists: vec![Arc::new(list)],
            allow: Arc::default(),
        }
    }

    #[test]
    fn soft_characters_start_with_the_bytes_the_view_looks_for() {
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_soft(c))
        {
            let mut buf = [0; 4];
            assert!(
                may_start_soft(c.encode_utf8(&mut buf).as_bytes()[0]),
                "{c:?}"
            );
        }
    }

    #[test]
    fn the_view_maps_back_to_the_original_bytes() {
        let original = " 不当之处，敬请、、批评 指正\u{3000}。a,b";
        let view = View::new(original);
        assert_eq!(view.text, "不当之处敬请批评指正。ab");
        let mut origin = Vec::new();
        for (i, c) in original.char_indices().filter(|&(_, c)| !is_soft(c)) {
            origin.extend(i..i + c.len_utf8());
        }
        for (i, &o) in origin.iter().enumerate() {
            assert_eq!(view.origin(i), o);
        }
    }

    #[test]
    fn builtin_lists_are_valid() {
        let list = compile_builtin().unwrap();
        assert!(list.bad_template().is_none());
        assert!(list.entries().len() >= 500, "{}", list.entries().len());
    }

    #[test]
    fn punctuation_and_spacing_variants_match_alike() {
        let lexicon = only(list("不当之处，敬请批评指正\thumility\twarning\t删去\n"));
        for text in [
            "以上不当之处，敬请批评指正。",
            "以上不当之处,敬请批评指正。",
            "以上不当之处敬请批评指正。",
            "以上不当之处， 敬请批评指正。",
        ] {
            let hits = found(&lexicon, text);
            assert_eq!(hits.len(), 1, "{text}");
            assert!(hits[0].starts_with("不当之处") && hits[0].ends_with("指正"));
        }
        // A sentence end is not skipped.
        assert!(found(&lexicon, "不当之处。敬请批评指正").is_empty());
    }

    #[test]
    fn longest_leftmost_wins_and_nothing_is_counted_twice() {
        let lexicon = only(list(
            "批评指正\thumility\tinfo\n敬请批评指正\thumility\twarning\n同时\tmarker\tnone\n与此同时\tmarker\tnone\n",
        ));
        assert_eq!(found(&lexicon, "敬请批评指正"), ["敬请批评指正"]);
        assert_eq!(
            found(&lexicon, "与此同时，请批评指正"),
            ["与此同时", "批评指正"]
        );
    }

    #[test]
    fn a_rejected_long_candidate_does_not_hide_a_short_one() {
        let lexicon = only(list("统一思想\tcliche\tinfo\n一是\tmarker\tnone\n"));
        // Pretend a word ends after 统一 and 是 starts a word: 统一思想 is not a word here.
        let text = "统一是";
        let hits = lexicon.find(text, &|b| b != 3);
        assert!(hits.is_empty());
        let hits = lexicon.find("一是统一思想", &any_boundary);
        assert_eq!(hits.len(), 2);
    }

    #[test]
    fn templates_fill_their_slots() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "进一步<2>好?",
                "要进一步落实好责任，进一步加强领导。",
                &["进一步落实好", "进一步加强"],
            ),
            (
                "以…为抓手",
                "以“四改”为抓手，推动工作。",
                &["以“四改”为抓手"],
            ),
            (
                "(<1-3>好、){2,}<1-3>好",
                "实现好、维护好、发展好群众利益",
                &["实现好、维护好、发展好"],
            ),
            ("(<1-3>好、){2,}<1-3>好", "建好管好用好", &["建好管好用好"]),
            ("(<1-3>好、){2,}<1-3>好", "管好、用好", &[]),
            (
                "在…上突出…意识",
                "一是在公文写作上突出“精品”意识。",
                &["在公文写作上突出“精品”意识"],
            ),
            (
                "要…要…要",
                "要加强学习，要深入调研，要狠抓落实。",
                &["要加强学习，要深入调研，要"],
            ),
            ("以…为抓手", "以项目为重点。抓手不在此句。", &[]),
        ];
        for (template, text, want) in cases {
            let lexicon = only(list(&format!("{template}\tslogan\tinfo\n")));
            assert_eq!(found(&lexicon, text), *want, "{template} in {text}");
        }
    }

    #[test]
    fn templates_are_shown_as_a_reader_writes_them() {
        let cases = [
            ("进一步<2>好?", "进一步…"),
            ("(<1-3>好、){2,}<1-3>好", "…好、…好"),
            ("以…为抓手", "以…为抓手"),
            ("奋力(谱写|书写)…篇章", "奋力谱写…篇章"),
            ("在…的(正确|坚强)?领导下", "在…的领导下"),
            ("高度重视", "高度重视"),
        ];
        for (phrase, want) in cases {
            let entries = parse_entries("t", &format!("{phrase}\tslogan\tinfo\n"), None).unwrap();
            assert_eq!(entries[0].shape(), want, "{phrase}");
        }
    }

    #[test]
    fn a_free_slot_stays_within_a_sentence_and_16_chars() {
        let lexicon = only(list("以…为抓手\tslogan\tinfo\n"));
        assert!(found(&lexicon, "以此。为抓手").is_empty());
        let long = format!("以{}为抓手", "很".repeat(17));
        assert!(found(&lexicon, &long).is_empty());
        let ok = format!("以{}为抓手", "很".repeat(16));
        assert_eq!(found(&lexicon, &ok).len(), 1);
        // A one-slot template that starts again inside its match is the last start.
        assert_eq!(
            found(&lexicon, "以群众满意为目标，以阵地建设为抓手"),
            ["以阵地建设为抓手"]
        );
    }

    #[test]
    fn literal_parts_next_to_free_slots_sit_on_word_boundaries() {
        let lexicon = only(list("要…要…要\tslogan\twarning\n"));
        // Word starts of 主要/要求/重要/要: 主要求 is 主要|求 here, so 要 ends no word.
        let text = "主要求真，重要的要";
        let words = [0, 6, 9, 15, 21, 24, 27];
        let is_boundary = |b: usize| words.contains(&b) || b == text.len();
        assert!(lexicon.find(text, &is_boundary).is_empty());
    }

    #[test]
    fn a_later_list_overrides_an_earlier_one() {
        let builtin = list("高度重视\tintensifier\twarning\t=重视\n");
        let user = list("高度重视\tintensifier\tinfo\t请写明措施\n");
        let lexicon = Lexicon {
            lists: vec![Arc::new(builtin), Arc::new(user)],
            allow: Arc::default(),
        };
        let hits = lexicon.find("高度重视", &any_boundary);
        assert_eq!(hits.len(), 1);
        assert_eq!(lexicon.entry(&hits[0]).severity, Some(Severity::Info));
    }

    #[test]
    fn allowed_phrases_are_silent_with_what_they_contain() {
        let mut lexicon = only(list(
            "一盘棋\tmetaphor\twarning\n全省一盘棋\tmetaphor\twarning\n以…为抓手\tslogan\tinfo\n",
        ));
        lexicon.allow = Arc::new(AllowList::parse(
            "全省一盘棋\n# comment\n以需求为抓手\textra\n",
        ));
        assert!(found(&lexicon, "全省一盘棋").is_empty());
        assert!(found(&lexicon, "以需求为抓手").is_empty());
        assert_eq!(
            found(&lexicon, "以场景为抓手，下好一盘棋"),
            ["以场景为抓手", "一盘棋"]
        );
        lexicon.allow = Arc::new(AllowList::parse("以…为抓手\n"));
        assert!(found(&lexicon, "以场景为抓手").is_empty());
    }

    #[test]
    fn bad_lines_are_rejected_with_their_line_number() {
        let cases = [
            ("高度重视\tintensifier", "got 2 field"),
            ("高度重视\tfiller\twarning", "unknown category"),
            ("高度重视\tintensifier\tloud", "unknown severity"),
            ("高度重视\tintensifier\tnone", "only they"),
            ("下面\tmarker\tinfo", "only they"),
            ("重\tintensifier\twarning", "two characters"),
            ("重视。\tintensifier\twarning", "。！？"),
            ("以…为…\tslogan\tinfo", "start or end"),
            ("以……为抓手\tslogan\tinfo", "side by side"),
            ("以…，…为抓手\tslogan\tinfo", "side by side"),
            ("(好|\tslogan\tinfo", "unbalanced"),
            ("好)\tslogan\tinfo", "unbalanced"),
            ("a|b\tslogan\tinfo", "outside a group"),
            ("<0>好\tslogan\tinfo", "bad slot"),
            ("<3-2>好\tslogan\tinfo", "m > n"),
            ("(好){2}\tslogan\tinfo", "bad repeat"),
            ("(好){0,0}\tslogan\tinfo", "bad repeat"),
            ("(好){3,2}\tslogan\tinfo", "bad repeat"),
            ("?好\tslogan\tinfo", "must follow"),
            (
                "以…为抓手\tslogan\tinfo\t=抓手",
                "cannot carry a replacement",
            ),
            ("高度重视\tintensifier\twarning\t=重视…", "template syntax"),
            (" 高度重视\tintensifier\twarning", "spaces"),
            ("a\tb\tc\td\te", "at most 4"),
        ];
        for (line, want) in cases {
            let text = format!("# header\n\n{line}\n");
            let err = parse_entries("x.tsv", &text, None).unwrap_err();
            assert_eq!(err.line, 3, "{line}");
            assert!(err.message.contains(want), "{line}: {}", err.message);
            assert!(err.to_string().starts_with("x.tsv:3: "));
        }
        let err = parse_entries(
            "opening.tsv",
            "高度重视\tintensifier\twarning\n",
            Some(Category::Opening),
        )
        .unwrap_err();
        assert!(err.message.contains("in the opening list"));
    }

    #[test]
    fn a_template_too_large_to_compile_is_rejected_with_its_line() {
        let dir = std::env::temp_dir().join(format!("shengao-lexicon-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("big.tsv");
        let huge = "(<9>好){9,}".repeat(300);
        std::fs::write(
            &path,
            format!("# big\n高度重视\tintensifier\twarning\n{huge}好\tslogan\tinfo\n"),
        )
        .unwrap();
        let err = List::read(path.to_str().unwrap()).unwrap_err();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(err.line, 3, "{err}");
        assert!(err.message.contains("does not compile"), "{err}");
    }

    #[test]
    fn duplicates_after_normalisation_are_rejected() {
        let entries = parse_entries(
            "x.tsv",
            "开好局、起好步\tmetaphor\twarning\n开好局起好步\tmetaphor\twarning\n",
            None,
        )
        .unwrap();
        let err = List::new("x.tsv", entries).unwrap_err();
        assert!(err.message.contains("same phrase"), "{err}");
    }

    #[test]
    fn advice_kinds() {
        let e = parse_entries("x", "高度重视\tintensifier\twarning\t=重视\n下面\tmarker\tnone\n亲自过问\tintensifier\twarning\t写明决定\n", None)
            .unwrap();
        assert_eq!(e[0].advice, Advice::Replace("重视".into()));
        assert_eq!(e[1].advice, Advice::None);
        assert_eq!(e[2].advice, Advice::Text("写明决定".into()));
    }

    #[test]
    fn anchors_and_their_reach() {
        type Reach = Option<(&'static str, usize, usize)>;
        let cases: &[(&str, Reach)] = &[
            ("以…为抓手", Some(("为抓手", 17, 0))),
            ("进一步<2>好?", Some(("进一步", 0, 3))),
            ("(<2>性、){2,}<2>性", Some(("性", 29, 0))),
            ("要…要…要", Some(("要", 0, 34))),
            ("(推进|推动)<2>(工作|建设)", None),
            ("(<2>到位、){2,}<2>到位", Some(("到位", 38, 0))),
            ("在…领导下，在…支持下", Some(("领导下在", 17, 19))),
            ("奋力(谱写|书写)…篇章", Some(("奋力", 0, 20))),
        ];
        for (template, want) in cases {
            let got = compile_template(template).unwrap().anchor;
            let got = got.as_ref().map(|a| (a.text.as_str(), a.before, a.after));
            assert_eq!(got, *want, "{template}");
        }
    }

    /// Searching near the anchors finds exactly what searching the whole text finds.
    #[test]
    fn anchor_windows_lose_nothing() {
        let windowed = compile_builtin().unwrap();
        let mut entries = windowed.entries().to_vec();
        for e in &mut entries {
            if let Some(t) = &mut e.template {
                t.anchor = None;
            }
        }
        let whole = only(List::new("whole", entries).unwrap());
        let windowed = only(windowed);
        let texts = [
            include_str!("../../../samples/jianghua-gao.txt"),
            include_str!("../../../samples/dianxing-fayan.txt"),
            include_str!("../../../samples/gongzuo-zongjie.txt"),
            "以“四改”为抓手，实现好、维护好、发展好，要加强学习，要深入调研，要狠抓落实。",
        ];
        for text in texts {
            let a = windowed.find(text, &any_boundary);
            let b = whole.find(text, &any_boundary);
            assert!(!a.is_empty());
            assert_eq!(a, b);
        }
    }

    #[test]
    fn matching_survives_any_text() {
        let lexicon = Lexicon::default();
        for text in [
            "",
            "，",
            "、、、",
            "a",
            "𠀀高度重视𠀀",
            "以",
            "\r\n以\r\n为抓手",
            "进一步",
        ] {
            for hit in lexicon.find(text, &any_boundary) {
                assert!(
                    text.is_char_boundary(hit.range.start) && text.is_char_boundary(hit.range.end)
                );
                assert!(hit.range.start < hit.range.end);
            }
        }
    }
}
