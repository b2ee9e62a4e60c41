//! The document model: text → paragraphs → sentences → clauses → tokens.
//!
//! Every unit holds a byte range into [`Document::text`], so analyzers can slice the text and
//! run regexes on it directly; [`Document::span`] turns a byte range into the wire format's
//! char offsets with line and column. The model is built once, in one pass per level, in time
//! linear in the size of the text.

use std::ops::Range;
use std::sync::OnceLock;

use crate::report::Span;
use crate::rules::Topic;
use crate::segment;

mod cuts;
mod markdown;
mod quotes;
mod wrap;

pub use quotes::inside;

/// A draft, split into its units.
#[derive(Debug)]
pub struct Document {
    /// The text the analyzers read: the decoded text, byte-order mark removed, line endings as
    /// they were; without Markdown markup in a .md, and with the lines of hard-wrapped
    /// paragraphs joined (`shengao explain document`).
    pub text: String,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub clauses: Vec<Clause>,
    /// Every jieba-rs token of every sentence, punctuation included, in text order.
    pub tokens: Vec<Token>,
    /// Han characters in the text ([`count_han`]), counted once for every analyzer.
    pub han_chars: usize,
    /// The text as read and what was removed from it, when anything was: positions are
    /// reported in it.
    source: Option<(String, cuts::Cuts)>,
    /// Positions in the text as read.
    index: PositionIndex,
    /// [`Document::quotations`], found the first time they are asked for.
    quotations: OnceLock<Vec<Range<usize>>>,
    /// [`Document::cited_titles`], likewise.
    cited_titles: OnceLock<Vec<Range<usize>>>,
}

/// A non-empty line, or the lines of a hard-wrapped paragraph joined. Leading indentation
/// (spaces, tabs, the full-width 　) and trailing white space are outside `range`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub range: Range<usize>,
    /// Indices into [`Document::sentences`].
    pub sentences: Range<usize>,
}

/// A sentence: up to and including a run of 。？！?! and the closing quotes or brackets right
/// after it, or the rest of the paragraph. The sentences of a paragraph concatenate to exactly
/// the paragraph; white space between two sentences starts the second.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub range: Range<usize>,
    /// Index into [`Document::paragraphs`].
    pub paragraph: usize,
    /// Indices into [`Document::clauses`].
    pub clauses: Range<usize>,
    /// Indices into [`Document::tokens`].
    pub tokens: Range<usize>,
}

/// A clause: a sentence split after each run of ，；：. The clauses of a sentence
/// concatenate to exactly the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub range: Range<usize>,
    /// Index into [`Document::sentences`].
    pub sentence: usize,
}

/// A jieba-rs token with its part-of-speech tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub range: Range<usize>,
    /// jieba-rs's tag: `n`, `v`, `d`, … ; `x` for punctuation, spaces and symbols.
    pub tag: &'static str,
}

impl Token {
    /// A word, as opposed to punctuation, white space or a symbol.
    pub fn is_word(&self) -> bool {
        self.tag != "x"
    }
}

/// Marks that end a sentence. A run of them ends one sentence.
pub fn is_terminator(c: char) -> bool {
    matches!(c, '。' | '？' | '！' | '?' | '!')
}

/// Marks that end a sentence or a clause, full- or half-width: a line that holds one is a
/// sentence of the text, not a title.
pub fn is_sentence_mark(c: char) -> bool {
    is_terminator(c) || matches!(c, '，' | '；' | '：' | ',' | ';' | ':')
}

/// Closing quotes and brackets that belong to the sentence they directly follow.
pub fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '》' | '〉' | '】' | '〕' | '"' | '\''
    )
}

/// Marks after which a sentence is split into clauses (the 顿号 、 is not one).
pub fn is_clause_mark(c: char) -> bool {
    matches!(c, '，' | '；' | '：')
}

/// A Han character: CJK Unified Ideographs, its extensions and compatibility ideographs.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2A6DF}'
        | '\u{2A700}'..='\u{2EBEF}'
        | '\u{2F800}'..='\u{2FA1F}'
        | '\u{30000}'..='\u{323AF}')
}

/// The number of Han characters in `s`.
pub fn count_han(s: &str) -> usize {
    s.chars().filter(|&c| is_han(c)).count()
}

/// White space that may indent or end a paragraph.
fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{FEFF}'
}

/// How a text is read into a document.
#[derive(Debug, Clone, Copy)]
pub struct Reading {
    /// Join the lines of hard-wrapped paragraphs ([`wrap`]); false reads every line as it is.
    pub join_wrapped: bool,
    /// The text is Markdown: its markup is removed first ([`markdown`]).
    pub markdown: bool,
}

impl Default for Reading {
    fn default() -> Self {
        Reading {
            join_wrapped: true,
            markdown: false,
        }
    }
}

impl Document {
    /// Builds the model of a plain text, joining the lines of hard-wrapped text. Never fails:
    /// any string is a document.
    pub fn new(text: String) -> Document {
        Document::read(text, Reading::default())
    }

    /// Builds the model of `text` read as `reading` says.
    pub fn read(text: String, reading: Reading) -> Document {
        let index = PositionIndex::new(&text);
        let (text, source) = match left_out(&text, &index, reading) {
            Some((left, cuts)) => (left, Some((text, cuts))),
            None => (text, None),
        };
        let han_chars = count_han(&text);
        let mut doc = Document {
            text,
            han_chars,
            source,
            paragraphs: Vec::new(),
            sentences: Vec::new(),
            clauses: Vec::new(),
            tokens: Vec::new(),
            index,
            quotations: OnceLock::new(),
            cited_titles: OnceLock::new(),
        };
        doc.split();
        doc
    }

    /// The byte ranges inside quotation marks (marks included), outermost only, in order. A
    /// quotation left open ends with its paragraph.
    pub fn quotations(&self) -> &[Range<usize>] {
        self.quotations
            .get_or_init(|| quotes::quotations(&self.text, &self.paragraphs))
    }

    /// The byte ranges of the titles cited in 《》 (marks included), in order. A 《 left open
    /// in its paragraph cites nothing (typography reports it).
    pub fn cited_titles(&self) -> &[Range<usize>] {
        self.cited_titles
            .get_or_init(|| quotes::cited_titles(&self.text, &self.paragraphs))
    }

    /// The text of a byte range.
    pub fn str(&self, range: Range<usize>) -> &str {
        &self.text[range]
    }

    /// The text as read, before any lines were joined.
    pub fn into_source(self) -> String {
        self.source.map_or(self.text, |(source, _)| source)
    }

    /// The text as read, before any lines were joined: what spans and lines refer to.
    pub fn source_text(&self) -> &str {
        self.source
            .as_ref()
            .map_or(&self.text, |(source, _)| source)
    }

    /// The offset in the text as read of a byte offset in [`Document::text`]; see
    /// [`cuts::Cuts::source_offset`].
    fn source_offset(&self, byte: usize, is_end: bool) -> usize {
        self.source
            .as_ref()
            .map_or(byte, |(_, cuts)| cuts.source_offset(byte, is_end))
    }

    /// The wire-format span of a byte range (which must lie on char boundaries), in the
    /// text as read. An empty range where lines were joined is a place where something
    /// starts: it stands at the start of the second line.
    pub fn span(&self, range: Range<usize>) -> Span {
        let start = self.source_offset(range.start, false);
        let end = match range.is_empty() {
            true => start,
            false => self.source_offset(range.end, true),
        };
        self.source_span(start..end)
    }

    /// The wire-format span of a byte range of [`Document::source_text`].
    pub fn source_span(&self, range: Range<usize>) -> Span {
        let source = self.source_text();
        let (line, column, start) = self.index.position(source, range.start);
        let (end_line, end_column, end) = self.index.position(source, range.end);
        Span {
            start,
            end,
            line,
            column,
            end_line,
            end_column,
        }
    }

    /// The char offset in the text as read of a byte offset.
    pub fn char_offset(&self, byte: usize) -> usize {
        (self.index).char_offset(self.source_text(), self.source_offset(byte, false))
    }

    /// Number of lines of the text as read; a final line break does not start another.
    pub fn line_count(&self) -> usize {
        self.index.line_count(self.source_text())
    }

    /// The byte range in [`Document::source_text`] of 1-based line `line`, line break excluded.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        self.index.line_range(self.source_text(), line)
    }

    /// The word tokens (punctuation excluded) of a sentence.
    pub fn words_of(&self, sentence: &Sentence) -> impl Iterator<Item = &Token> {
        self.tokens[sentence.tokens.clone()]
            .iter()
            .filter(|t| t.is_word())
    }

    fn split(&mut self) {
        let text = std::mem::take(&mut self.text);
        let jieba = segment::jieba();
        let joined_lines;
        let lines = match self.source {
            Some(_) => {
                joined_lines = PositionIndex::new(&text);
                &joined_lines
            }
            None => &self.index,
        };
        for line in lines.lines(&text) {
            let Some(range) = trim_range(&text, line) else {
                continue;
            };
            let paragraph = self.paragraphs.len();
            let first_sentence = self.sentences.len();
            for sentence in split_sentences(&text[range.clone()]) {
                let sentence = shift(sentence, range.start);
                let index = self.sentences.len();
                let first_clause = self.clauses.len();
                for clause in split_clauses(&text[sentence.clone()]) {
                    self.clauses.push(Clause {
                        range: shift(clause, sentence.start),
                        sentence: index,
                    });
                }
                self.sentences.push(Sentence {
                    range: sentence,
                    paragraph,
                    clauses: first_clause..self.clauses.len(),
                    tokens: 0..0,
                });
            }
            self.paragraphs.push(Paragraph {
                range,
                sentences: first_sentence..self.sentences.len(),
            });
            tag_sentences(
                jieba,
                &text,
                &mut self.sentences[first_sentence..],
                &mut self.tokens,
            );
        }
        self.text = text;
    }
}

/// `text` without what the document leaves out (Markdown markup, then the line breaks
/// inside hard-wrapped paragraphs of what is left), and the map back; `None` when nothing is.
fn left_out(text: &str, index: &PositionIndex, reading: Reading) -> Option<(String, cuts::Cuts)> {
    let markup = match reading.markdown {
        true => markdown::markup(text, index.lines(text)),
        false => Vec::new(),
    };
    let stripped = cuts::remove(text, markup.clone());
    if !reading.join_wrapped {
        return stripped;
    }
    let Some((left, left_cuts)) = stripped else {
        return cuts::remove(text, wrap::breaks(text, index.lines(text)));
    };
    let left_index = PositionIndex::new(&left);
    let breaks = wrap::breaks(&left, left_index.lines(&left));
    if breaks.is_empty() {
        return Some((left, left_cuts));
    }
    // Each break with the markup around it, as one range of the text as read.
    let mut removed = markup;
    removed.extend(breaks.into_iter().map(|b| left_cuts.widest_source_range(b)));
    cuts::remove(text, removed)
}

/// Tags `sentences` and appends their tokens, several sentences at a time: a call to
/// jieba-rs costs more than the few words of a short sentence. The tokens are the same as
/// sentence by sentence, because jieba-rs segments runs of Han characters, letters and digits,
/// and a sentence ends only after a mark outside such a run (。？！?! or a closing quote or
/// bracket).
fn tag_sentences(
    jieba: &jieba_rs::Jieba,
    text: &str,
    sentences: &mut [Sentence],
    tokens: &mut Vec<Token>,
) {
    let mut next = 0;
    while next < sentences.len() {
        // Whole sentences of about TAG_BATCH bytes together, at least one.
        let start = sentences[next].range.start;
        let mut end_sentence = next + 1;
        while end_sentence < sentences.len()
            && sentences[end_sentence].range.end - start <= TAG_BATCH
        {
            end_sentence += 1;
        }
        let end = sentences[end_sentence - 1].range.end;
        let mut sentence = next;
        let mut first_token = tokens.len();
        for tag in jieba.tag(&text[start..end], true) {
            let range = start + tag.byte_start..start + tag.byte_end;
            while range.start >= sentences[sentence].range.end {
                sentences[sentence].tokens = first_token..tokens.len();
                first_token = tokens.len();
                sentence += 1;
            }
            tokens.push(Token {
                range,
                tag: segment::static_tag(tag.tag),
            });
        }
        for s in &mut sentences[sentence..end_sentence] {
            s.tokens = first_token..tokens.len();
            first_token = tokens.len();
        }
        next = end_sentence;
    }
}

/// How many bytes of consecutive sentences are tagged in one call (see [`tag_sentences`]):
/// large enough to amortise the call, small enough to keep jieba-rs's output short.
const TAG_BATCH: usize = 4096;

fn shift(range: Range<usize>, by: usize) -> Range<usize> {
    range.start + by..range.end + by
}

/// `line` without leading and trailing blanks, or `None` if nothing is left.
fn trim_range(text: &str, line: Range<usize>) -> Option<Range<usize>> {
    let s = &text[line.clone()];
    let trimmed = s.trim_start_matches(is_blank);
    let start = line.start + (s.len() - trimmed.len());
    let end = start + trimmed.trim_end_matches(is_blank).len();
    (start < end).then_some(start..end)
}

/// Byte ranges of the sentences of one paragraph's text; together they cover all of it.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    split_after_runs(
        text,
        // ASCII ? and ! inside a run like `?id=3` or `Yahoo!Japan` do not end a sentence.
        |c, next| {
            is_terminator(c) && !(c.is_ascii() && next.is_some_and(|n| n.is_ascii_alphanumeric()))
        },
        |n| is_terminator(n) || is_closer(n),
    )
}

/// Byte ranges of the clauses of one sentence's text; together they cover all of it.
pub fn split_clauses(text: &str) -> Vec<Range<usize>> {
    split_after_runs(text, |c, _| is_clause_mark(c), is_clause_mark)
}

/// Splits `text` after each run of marks that begins with a char `begins` accepts (given the
/// char after it) and goes on over the chars `goes_on` accepts, never inside a matched 《…》.
/// The pieces cover all of `text`; a run followed by blanks only starts no piece of its own.
fn split_after_runs(
    text: &str,
    begins: impl Fn(char, Option<char>) -> bool,
    goes_on: impl Fn(char) -> bool,
) -> Vec<Range<usize>> {
    // Sorted, and met in order below: each 《 is checked against the next one only.
    let mut titles = matched_title_marks(text).into_iter().peekable();
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_title = 0usize;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '《' if titles.next_if_eq(&i).is_some() => in_title += 1,
            '》' if in_title > 0 => in_title -= 1,
            _ => {}
        }
        if in_title > 0 || !begins(c, chars.peek().map(|&(_, n)| n)) {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, n)) = chars.peek() {
            if !goes_on(n) {
                break;
            }
            end = j + n.len_utf8();
            chars.next();
        }
        if text[end..].trim().is_empty() {
            break;
        }
        out.push(start..end);
        start = end;
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// Byte offsets of every 《 that has a matching 》 later in `text` (nesting allowed).
fn matched_title_marks(text: &str) -> Vec<usize> {
    let mut open = Vec::new();
    let mut matched = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '《' => open.push(i),
            '》' => matched.extend(open.pop()),
            _ => {}
        }
    }
    matched.sort_unstable();
    matched
}

/// Byte ↔ char ↔ line/column conversion in O(log n + 64) per lookup, with memory for one
/// number per line and one per 64 bytes of text.
#[derive(Debug)]
struct PositionIndex {
    /// Byte offset where each line starts (after its predecessor's CR, LF or CRLF).
    line_starts: Vec<usize>,
    /// `chars_before[k]` = number of chars that start before byte `k * BLOCK`.
    chars_before: Vec<u64>,
}

const BLOCK: usize = 64;

/// Byte offsets where the lines of `text` start: 0, then after every CRLF, LF or CR.
pub fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => starts.push(i + 1),
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                starts.push(i + 2);
                i += 1;
            }
            b'\r' => starts.push(i + 1),
            _ => {}
        }
        i += 1;
    }
    starts
}

fn is_char_start(b: u8) -> bool {
    (b as i8) >= -0x40
}

impl PositionIndex {
    fn new(text: &str) -> PositionIndex {
        let bytes = text.as_bytes();
        let line_starts = line_starts(text);
        let mut chars_before = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut count = 0u64;
        for block in bytes.chunks(BLOCK) {
            chars_before.push(count);
            count += block.iter().filter(|&&b| is_char_start(b)).count() as u64;
        }
        chars_before.push(count);
        PositionIndex {
            line_starts,
            chars_before,
        }
    }

    fn char_offset(&self, text: &str, byte: usize) -> usize {
        let block = byte / BLOCK;
        let from = block * BLOCK;
        let partial = text.as_bytes()[from..byte]
            .iter()
            .filter(|&&b| is_char_start(b))
            .count();
        self.chars_before[block] as usize + partial
    }

    /// (line, column, char offset) of a byte offset; line and column 1-based.
    fn position(&self, text: &str, byte: usize) -> (u64, u64, u64) {
        let line = self.line_starts.partition_point(|&s| s <= byte) - 1;
        let offset = self.char_offset(text, byte);
        let line_start = self.char_offset(text, self.line_starts[line]);
        (
            line as u64 + 1,
            (offset - line_start) as u64 + 1,
            offset as u64,
        )
    }

    fn line_count(&self, text: &str) -> usize {
        let last_is_empty = *self.line_starts.last().unwrap_or(&0) == text.len();
        self.line_starts.len() - usize::from(last_is_empty)
    }

    /// Byte range of line `line` (1-based), line break excluded.
    fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let Some(&start) = self.line_starts.get(line.wrapping_sub(1)) else {
            return text.len()..text.len();
        };
        let end = self.line_starts.get(line).copied().unwrap_or(text.len());
        let content = text[start..end].trim_end_matches(['\r', '\n']);
        start..start + content.len()
    }

    /// Byte ranges of every line, line breaks excluded.
    fn lines<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        (1..=self.line_count(text)).map(|line| self.line_range(text, line))
    }
}

/// How the document model is built, for `shengao explain document`.
pub static DOCUMENT: Topic = Topic {
    name: "document",
    text: "\
How shengao reads a draft.

Paragraphs are the non-empty lines. Leading indentation (spaces, tabs, the full-width 　　) and
trailing blanks are outside a paragraph's span but keep their place in the offsets.

A Markdown draft (a file named .md or .markdown) is read without its markup: heading #s,
emphasis marks, quote marks, bullets and task boxes, link targets, images, HTML tags and
comments, tables' delimiter rows, link definitions and front matter are left out, and so are
fenced code blocks; inline code keeps its text. Numbered lists (1. 2.) stay: 1. is the
outline's third level. `## 一、总体要求` is then an outline heading and `**一是**` starts an
enumeration. Line breaks are never removed, so lines keep their numbers.

Hard-wrapped text, as copied from a PDF (公文 set 28 characters to a line) or wrapped by hand,
is joined first: when many lines share one width, most of them stop inside a word, and at least
two paragraphs end with a shorter line that ends a sentence, a line of that width runs on into
the next, so a sentence or a word (产业链) broken across lines is read whole. Lines laid out
with a tab, two spaces or a full-width space (tables, lists of names) and contents lines never
count. A line does not run on when it ends a sentence (。？！….), when it is a heading without a
clause mark (a title), or when the next line is blank, indented or starts with a heading number
(一、 （一） 1. 1） 第一章); nor between two ASCII letters or digits. A line holding only a page
number (12, — 3 —) between two joined lines is skipped. Drafts with one line per paragraph are
left as they are. Positions still point into the text as read.
`--keep-lines` (or `keep-lines = true` in shengao.toml) reads every line as it is.

Sentences end after a run of 。？！ (and ASCII ? !, unless a letter or digit follows, as in a
URL). Closing quotes and brackets right after the run belong to the sentence (他问：“好吗？”
is one sentence). …… and —— do not end a sentence, nor does a mark inside a 《…》 title. A line
without a terminator, such as a heading, is a sentence of its own. The sentences of a paragraph
concatenate back to exactly the paragraph.

Clauses split a sentence after each run of ，；： (not the 顿号 、, which separates list items),
again never inside 《…》.

Tokens are jieba-rs 0.11 words with part-of-speech tags (`tag`, HMM on); punctuation, spaces and
symbols are tokens tagged x and do not count as words.

Positions are char offsets into the decoded text (byte-order mark removed) with 1-based lines and
columns; columns count chars, and CRLF, LF and CR each end a line.",
};

pub static TOPICS: &[&Topic] = &[&DOCUMENT];

#[cfg(test)]
mod tests {
    use super::*;

    const T1: &str = "要当好领导的参谋助手，首先要确立领导视角的大局观，时刻以领导的视角和眼光去看待问题、分析问题、谋划问题，在各个方面为领导提供及时准确的服务和决策参考。一是在公文写作上突出“精品”意识。讲话文稿是领导计划、总结、安排部署工作的重要载体，文稿质量的高低往往体现着一个领导的风格和思路。";
    const T2: &str = "下面，我讲几点意见。一是要提高政治站位，切实加强组织领导。二是要压实工作责任，扎实推进各项任务落实！三是要强化督促检查，确保各项工作取得实效。以上意见，不当之处，敬请批评指正。";
    const T3: &str = "他问：“今年增长3.5%了吗？”我说：“还没有……”大家都笑了。";

    fn han_per_sentence(doc: &Document) -> Vec<usize> {
        doc.sentences
            .iter()
            .map(|s| count_han(doc.str(s.range.clone())))
            .collect()
    }

    fn han_per_clause(doc: &Document) -> Vec<usize> {
        doc.clauses
            .iter()
            .map(|c| count_han(doc.str(c.range.clone())))
            .collect()
    }

    #[test]
    fn t1_oracle() {
        let doc = Document::new(T1.to_string());
        assert_eq!(han_per_sentence(&doc), [69, 14, 44]);
        assert_eq!(han_per_clause(&doc), [10, 13, 24, 22, 14, 22, 22]);
        let words: Vec<usize> = doc
            .sentences
            .iter()
            .map(|s| doc.words_of(s).count())
            .collect();
        assert_eq!(words, [39, 8, 25]);
    }

    #[test]
    fn t2_oracle() {
        let doc = Document::new(T2.to_string());
        assert_eq!(doc.sentences.len(), 5);
        assert_eq!(han_per_clause(&doc), [2, 6, 9, 8, 9, 10, 9, 10, 4, 4, 6]);
    }

    #[test]
    fn t3_oracle() {
        let doc = Document::new(T3.to_string());
        assert_eq!(doc.sentences.len(), 2);
        assert_eq!(
            doc.str(doc.sentences[0].range.clone()),
            "他问：“今年增长3.5%了吗？”"
        );
        assert_eq!(han_per_clause(&doc), [2, 6, 2, 8]);
    }

    #[test]
    fn paragraphs_skip_blank_lines_and_indentation() {
        let doc = Document::new("　　第一段。\r\n\r\n  \n　　第二段！\r最后".to_string());
        let texts: Vec<&str> = doc
            .paragraphs
            .iter()
            .map(|p| doc.str(p.range.clone()))
            .collect();
        assert_eq!(texts, ["第一段。", "第二段！", "最后"]);
        let lines: Vec<u64> = (doc.paragraphs.iter())
            .map(|p| doc.span(p.range.clone()).line)
            .collect();
        assert_eq!(lines, [1, 4, 5]);
        assert_eq!(doc.line_count(), 5);
    }

    #[test]
    fn spans_count_chars_and_lines() {
        let doc = Document::new("标题\r\n　　正文𠀀一句。".to_string());
        let p = &doc.paragraphs[1];
        let span = doc.span(p.range.clone());
        // Two full-width spaces of indentation precede the paragraph on line 2.
        assert_eq!((span.line, span.column), (2, 3));
        assert_eq!((span.start, span.end), (6, 12));
        assert_eq!((span.end_line, span.end_column), (2, 9));
    }

    #[test]
    fn terminators_inside_titles_do_not_split() {
        let parts = split_sentences("学习《你好！世界》一文。然后");
        assert_eq!(parts.len(), 2);
        // An unmatched 《 does not swallow the rest of the paragraph.
        assert_eq!(split_sentences("他说《未完。好的。").len(), 2);
    }

    #[test]
    fn ellipsis_and_dash_do_not_end_sentences() {
        assert_eq!(split_sentences("等等……还有——别的。").len(), 1);
        assert_eq!(split_sentences("真的吗？！是的。").len(), 2);
        assert_eq!(split_sentences("见 https://a.cn/?id=3 页。").len(), 1);
    }

    #[test]
    fn clause_marks_at_the_end_make_no_empty_clause() {
        assert_eq!(split_clauses("一、总体要求：").len(), 1);
        assert_eq!(split_clauses("甲，，乙").len(), 2);
        assert_eq!(split_clauses("甲、乙、丙").len(), 1);
    }

    #[test]
    fn titles_are_matched_in_order() {
        // Matched and unmatched 《 interleave: only the matched ones open a title.
        assert_eq!(split_sentences("《甲。《乙。》丙。").len(), 2);
        assert_eq!(split_clauses("《甲，《乙，》丙，丁").len(), 3);
        let nested = "《".repeat(3) + "深。" + &"》".repeat(3) + "完。";
        assert_eq!(split_sentences(&nested).len(), 1);
    }

    #[test]
    fn empty_text_is_an_empty_document() {
        let doc = Document::new(String::new());
        assert!(doc.paragraphs.is_empty() && doc.sentences.is_empty());
        assert_eq!(doc.line_count(), 0);
        assert_eq!(doc.span(0..0).line, 1);
    }

    #[test]
    fn long_text_positions_match_a_naive_count() {
        let text = "一二三abc\n".repeat(50) + "末尾。";
        let doc = Document::new(text.clone());
        for (byte, _) in text.char_indices().step_by(7) {
            assert_eq!(doc.char_offset(byte), text[..byte].chars().count());
        }
    }
}
