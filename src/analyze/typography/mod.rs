//! Typography and punctuation of Chinese text, after GB/T 15834-2011 (标点符号用法),
//! GB/T 15835-2011 (出版物上数字用法) and GB/T 9704-2012 (党政机关公文格式).
//!
//! Every check is a pure function over one paragraph's text; byte ranges in a [`Hit`]
//! are relative to that text. A hit carries a suggestion only when the fix is certain,
//! and no suggestion of this module adds, removes or changes a Han character.

mod chars;
mod marks;
mod numbers;
mod pairs;
mod quotes;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::analyze::Analysis;
use crate::config::Config;
use crate::doc::{Document, Paragraph};
use crate::report::Finding;
use crate::rules::{Rule, Severity, Topic};

pub use chars::is_han;

/// One typographic fault in a paragraph.
#[derive(Debug, Clone)]
pub struct Hit {
    pub rule: &'static Rule,
    /// Byte range in the paragraph's text.
    pub range: Range<usize>,
    pub message: String,
    /// The exact replacement for `range`, when the fix is certain.
    pub suggestion: Option<String>,
}

impl Hit {
    fn new(rule: &'static Rule, range: Range<usize>, message: String) -> Self {
        Hit {
            rule,
            range,
            message,
            suggestion: None,
        }
    }

    fn fix(mut self, replacement: impl Into<String>) -> Self {
        self.suggestion = Some(replacement.into());
        self
    }
}

/// Marks as a message names them: in 「」, or in “” when they hold a corner quote, which
/// 「」 around it would make unreadable.
fn quote(marks: impl std::fmt::Display) -> String {
    let marks = marks.to_string();
    if marks.contains(['「', '」', '『', '』']) {
        format!("“{marks}”")
    } else {
        format!("「{marks}」")
    }
}

pub static HALFWIDTH_PUNCTUATION: Rule = Rule {
    id: "typography/halfwidth-punctuation",
    severity: Severity::Warning,
    summary: "half-width , ; : ? ! ( ) . in Chinese text",
    explanation: "Flags the half-width marks , ; : ? ! ( ) standing after or between Han \
characters (and a half-width . ending a paragraph of Chinese text), and suggests the \
full-width mark, swallowing the spaces around it.\n\n\
GB/T 15834 prescribes full-width punctuation for Chinese text; half-width marks are narrow, \
sit low and break the even rhythm of the line, and reviewers send drafts back for them. \
Numbers (1,000 · 3.5% · 10:30), English phrases, URLs and quoted text are left alone; a \
heading number such as (1) is left to the structure checks.\n\n\
Example: 我们要坚持稳中求进,推动高质量发展(试行) → 我们要坚持稳中求进，推动高质量发展（试行）",
};

pub static STRAY_SPACE: Rule = Rule {
    id: "typography/stray-space",
    severity: Severity::Warning,
    summary: "space between Han characters or beside full-width punctuation",
    explanation: "Flags spaces (ASCII, ideographic, no-break or zero-width) between two Han \
characters of a sentence, or beside a full-width mark, and suggests removing them. The \
paragraph's leading indentation, line ends, and lines without sentence punctuation (names \
padded for alignment, spaced-out titles, signature lines) are left alone, and so are the \
column gaps of a table row: a tab (except right after a heading number), or two spaces or \
more in a line without sentence punctuation.\n\n\
Chinese text is set without spaces between words, and a full-width mark already carries its \
own space; an extra one shows as a gap in print, usually left over from editing.\n\n\
Example: 加快实施 “走出去”战略 → 加快实施“走出去”战略",
};

pub static UNBALANCED_MARKS: Rule = Rule {
    id: "typography/unbalanced-marks",
    severity: Severity::Error,
    summary: "quote or bracket left open, closed twice, or crossed",
    explanation: "Pairs “” ‘’ 《》 〈〉 （） 【】 〔〕 「」 『』 within each paragraph and reports \
one finding per fault: a mark left open at the end of the paragraph, a closing mark with no \
opening one, or two pairs that cross. A quotation that runs over several paragraphs may \
leave its quote open when the next paragraph opens with “ again. A closing quote typed where \
an opening one belongs (or the reverse) gets the corrected mark as its suggestion.\n\n\
Broken pairs make the reader lose track of where a quotation or title ends, and they are \
the fault most often missed by eye.\n\n\
Example: 他强调：“要坚持稳中求进。 → the opening “ is never closed",
};

pub static QUOTED_LIST_COMMA: Rule = Rule {
    id: "typography/quoted-list-comma",
    severity: Severity::Warning,
    summary: "顿号 between items that stand in quotes or 书名号",
    explanation: "Flags 、 between adjacent items that each stand in quotes or in 书名号, and \
suggests the list without them. A series that also has unquoted items keeps its 顿号, and so \
does an item followed by a bracketed note.\n\n\
GB/T 15834-2011 4.5.3.5: the paired marks already separate the items, so no 顿号 stands \
between them.\n\n\
Example: 落实“放管服”、“最多跑一次”改革 → 落实“放管服”“最多跑一次”改革; \
《红楼梦》、《西游记》 → 《红楼梦》《西游记》",
};

pub static QUOTED_LIST_COMMA_MIXED: Rule = Rule {
    id: "typography/quoted-list-comma-mixed",
    severity: Severity::Info,
    summary: "quoted items listed both with and without 顿号 in one draft",
    explanation: "Counts the lists of adjacent quoted or 书名号 items in the whole draft, and \
when some are written with 、 and some without, reports it once, at the first list written \
the less common way. While typography/quoted-list-comma reports the lists written with 、 \
(whose fixes make the draft consistent), this note is left out: it is for drafts whose writer \
keeps the 顿号 and turns that rule off.\n\n\
One draft should follow one practice; GB/T 15834 4.5.3.5 prefers no 顿号.\n\n\
Example: “稳就业”“保民生” … later “放管服”、“一网通办”, with quoted-list-comma off → one \
finding for the draft",
};

pub static REPEATED_PUNCTUATION: Rule = Rule {
    id: "typography/repeated-punctuation",
    severity: Severity::Warning,
    summary: "the same mark twice (，， 。。) or two clashing marks (，。)",
    explanation: "Flags a run of two or more pause marks among ，、；：。 standing together. A \
doubled mark gets the single mark as its suggestion; two different marks (，。 or ；，) are \
reported without one, since only the writer knows which was meant. 。。。 is left to the \
ellipsis check, and ？？ ！！ (allowed for emphasis) are left alone.\n\n\
A doubled mark is an editing slip that reads as a stutter in print.\n\n\
Example: 更加奋发有为的精神状态，，更加扎实的工作作风 → …精神状态，更加扎实…",
};

pub static ELLIPSIS: Rule = Rule {
    id: "typography/ellipsis",
    severity: Severity::Warning,
    summary: "ellipsis written ... … 。。。 or ⋯ instead of ……",
    explanation: "Flags ellipses in a form other than two U+2026 (……): three or more ASCII dots \
beside Chinese text, a single or a tripled …, 。。。, ．．．, ⋯ and ···. The suggestion is ……. \
Dot leaders ending in a page number (tables of contents) are left alone, and so are …… and \
the doubled ………… that marks an omitted paragraph.\n\n\
GB/T 15834 defines the Chinese ellipsis as six dots filling two character cells.\n\n\
Example: 推动产业、科技、人才...等方面 → 推动产业、科技、人才……等方面",
};

pub static DASH: Rule = Rule {
    id: "typography/dash",
    severity: Severity::Warning,
    summary: "dash written -- or as a single — instead of ——",
    explanation: "Flags dashes written as two or more hyphens (-- or －－), as ―― (U+2015), \
as three or more —, or as a single — where it can only be a dash: opening a paragraph, ending \
one, beside a full-width mark, or set apart by spaces in a sentence (这项工作 — 我认为). The suggestion is —— (two U+2014). A single — between two \
words or numbers is the connecting mark (中国—东盟, 2021—2025年) and is left alone, as is \
a — that is a table cell by itself, where it stands for no data (村卫生室　　231　　—).\n\n\
GB/T 15834 defines the Chinese dash (破折号) as a line two character cells long.\n\n\
Example: --在全省经济工作会议上的讲话 → ——在全省经济工作会议上的讲话",
};

pub static APPROXIMATE_NUMBER_COMMA: Rule = Rule {
    id: "typography/approximate-number-comma",
    severity: Severity::Warning,
    summary: "顿号 inside an approximate number (八、九公里)",
    explanation: "Flags 、 between two neighbouring Chinese digits that together give an \
approximate quantity, followed by a measure word or a place value (八、九公里, 三、四个月, \
五、六十年), and suggests the number without it. Ordinals keep the 顿号: 一、二年级, \
第三、四季度, 二、三产业.\n\n\
GB/T 15834 4.5.3.4 and GB/T 15835: two neighbouring digits joined for an estimate form one \
number and take no mark between them.\n\n\
Example: 距县城八、九公里 → 距县城八九公里",
};

pub static QUOTE_STYLE: Rule = Rule {
    id: "typography/quote-style",
    severity: Severity::Warning,
    summary: "quotes other than “” outside and ‘’ inside",
    explanation: "Flags quotation marks of the wrong style: straight \" ' quotes in Chinese text, \
corner quotes 「」『』, single quotes ‘’ used as the outer quotes, and double quotes nested in \
double quotes. The suggestion rewrites only the quote marks of the outermost faulty pair and \
of the pairs inside it; the quoted words are untouched.\n\n\
GB/T 15834 4.1: horizontal Chinese text uses “” and, inside them, ‘’; mixing styles in one \
draft looks careless.\n\n\
Example: 加强\"三河三湖\"等重点流域治理 → 加强“三河三湖”等重点流域治理",
};

pub static PERCENT_RANGE_FORM: Rule = Rule {
    id: "typography/percent-range",
    severity: Severity::Info,
    summary: "range of percentages joined by a hyphen or missing its first % (3-5%, 3～5%)",
    explanation: "Flags a range of percentages written with a hyphen, a half-width tilde or an \
en dash between the numbers (3-5%, 3~5%, 3%-5%), or with ～ but without the first number's % \
(3～5%), and suggests both numbers with % joined by ～. Hyphens inside codes and versions \
(ISO-5%, v1.2-3%) are left alone.\n\n\
GB/T 15835 (and GB/T 15834 4.13): a range of numbers takes the wave dash ～, and a range of \
percentages keeps the % of both numbers. Info, not a warning: reports at the highest level \
write 6%-6.5% too (7 such ranges in the 313 official texts).\n\n\
Example: 利润下降3-5% → 利润下降3%～5%",
};

pub static TIME_RANGE: Rule = Rule {
    id: "typography/time-range",
    severity: Severity::Info,
    summary: "range of years or months joined by a hyphen (2024-2025年, 1-9月)",
    explanation: "Flags a range of years or months written with a hyphen or an en dash between \
the numbers (2024-2025年, 2016－2020年, 1-9月) and suggests the 一字线 — (2024—2025年, 1—9月). \
Dates written with hyphens (2024-05-01), codes and numbers inside words (GB/T 9704-2012) are \
left alone.\n\n\
GB/T 15834 4.13: the 短横线 - joins the parts of a date, a code or a compound name; the start and \
end of a period take the 一字线 —. Info, not a warning: the official texts write 2016-2020年 too \
(about 20 such ranges in the 313 texts, against 5 with —).\n\n\
Example: 《2024-2025年行动计划》 → 《2024—2025年行动计划》",
};

pub static SHORT_YEAR: Rule = Rule {
    id: "typography/short-year",
    severity: Severity::Warning,
    summary: "year written with two digits (21年底, 24年3月)",
    explanation: "Flags a two-digit year used as a date: followed by a month, by 底 初 末 度, by \
上半年 下半年 or by a quarter, or compared with (比21年, 较21年, 与21年相比). Two digits before 年 alone are usually a length of time (连续16年) \
and are left alone. The suggestion writes the year in full: 00–39 as 20xx, 50–99 as 19xx.\n\n\
GB/T 15835 and GB/T 9704: years are written in full.\n\n\
Example: 到25年底基本完成 → 到2025年底基本完成",
};

pub static MIXED_DATE_NUMERALS: Rule = Rule {
    id: "typography/mixed-date-numerals",
    severity: Severity::Warning,
    summary: "one date written partly in Chinese and partly in Arabic numerals",
    explanation: "Flags a date whose year, month and day do not all use the same kind of \
numeral (二〇二六年5月, 2026年五月, 5月十日). No suggestion: the fix changes numerals the writer \
has to choose between.\n\n\
GB/T 15835: the same category takes the same form; 2008年8月8日 or 二〇〇八年八月八日, never \
二〇〇八年8月8日.\n\n\
Example: 二〇二六年5月 → 2026年5月 or 二〇二六年五月",
};

pub static DOCUMENT_NUMBER: Rule = Rule {
    id: "typography/document-number",
    severity: Severity::Warning,
    summary: "document number not in the form 国办发〔2024〕1号",
    explanation: "Flags a document number (发文字号) whose year is not in 六角括号 〔〕, is not \
written in full, or whose sequence number is padded with zeros or preceded by 第. The \
suggestion rewrites the brackets, the year and the number; a 第 is reported but left for the \
writer to delete.\n\n\
GB/T 9704-2012 7.2.5: the year in full in 〔〕, the number without 第 and without padding.\n\n\
Example: 国办发[2024]01号 → 国办发〔2024〕1号",
};

pub static DATE_FORMAT: Rule = Rule {
    id: "typography/date-format",
    severity: Severity::Warning,
    summary: "date with padded or impossible numbers, a spoken 号 for 日, or a 成文日期 in Chinese numerals",
    explanation: "Flags dates written 年月日 whose month or day is padded with a zero (suggestion: \
the unpadded date), dates that cannot exist (13月, 2月30日), a day written with the spoken 号 \
(3月5号 → 3月5日; 5号楼 and 3号文件 are left alone), and a date standing alone as a \
paragraph (the 成文日期) in Chinese numerals.\n\n\
GB/T 9704-2012 7.3.5: 成文日期 in Arabic numerals, the year in full, month and day without \
padding.\n\n\
Example: 2024年01月05日 → 2024年1月5日",
};

/// Every rule of this module, in the order they are documented.
/// What the typography area checks, for `shengao explain typography`.
pub static TOPIC: Topic = Topic {
    name: "typography",
    text: "\
Typography: punctuation, spaces, numbers and dates (GB/T 15834, GB/T 15835).

By GB/T 15834 (标点符号用法) and GB/T 15835 (出版物上数字用法), the checks read each
paragraph as written: half-width marks between Chinese characters, stray spaces, unmatched
quotes, brackets and title marks, 顿号 between quoted items, repeated marks, ellipsis and dash
forms, approximate numbers, short years, dates that mix numeral forms, and document numbers. Where the right form is certain the finding carries a suggestion, which
`shengao fix` applies; the rules below say what each one checks.",
};

pub static TOPICS: &[&Topic] = &[&TOPIC];

pub static RULES: &[&Rule] = &[
    &HALFWIDTH_PUNCTUATION,
    &STRAY_SPACE,
    &UNBALANCED_MARKS,
    &QUOTE_STYLE,
    &QUOTED_LIST_COMMA,
    &QUOTED_LIST_COMMA_MIXED,
    &REPEATED_PUNCTUATION,
    &ELLIPSIS,
    &DASH,
    &APPROXIMATE_NUMBER_COMMA,
    &PERCENT_RANGE_FORM,
    &TIME_RANGE,
    &SHORT_YEAR,
    &MIXED_DATE_NUMERALS,
    &DOCUMENT_NUMBER,
    &DATE_FORMAT,
];

/// What one paragraph yields: its faults, and the lists of quoted items it holds (for the
/// draft-wide consistency check).
#[derive(Debug, Default)]
pub struct ParagraphScan {
    pub hits: Vec<Hit>,
    pub quoted_lists: Vec<quotes::QuotedList>,
}

/// Checks one paragraph (or a run of wrapped lines, see [`blocks`]). `next_opens_quote`
/// tells whether the next paragraph begins with “, which lets a quotation run on over the
/// paragraph break.
pub fn scan_paragraph(text: &str, next_opens_quote: bool) -> ParagraphScan {
    let mut ch = chars::Chars::new(text);
    let mut hits = Vec::new();
    numbers::mask_urls(&mut ch);
    hits.extend(numbers::document_numbers(&mut ch));
    let pairing = pairs::pair_marks(&ch, next_opens_quote);
    hits.extend(pairing.faults.iter().cloned());
    let quoted = quotes::check(&mut ch, &pairing);
    hits.extend(quoted.hits);
    let mut content = marks::check(&ch, &pairing);
    content.extend(numbers::check(&ch));
    for hit in &mut content {
        if hit.suggestion.is_some() && ch.any_quoted(&hit.range) {
            // Quoted words are reported but left as the writer quoted them.
            hit.suggestion = None;
            hit.message.push_str("（在引文中，fix 不改动）");
        }
    }
    hits.extend(content);
    hits.sort_by_key(|h| (h.range.start, h.range.end));
    ParagraphScan {
        hits,
        quoted_lists: quoted.lists,
    }
}

/// Checks a draft given as its paragraphs' texts (or blocks of wrapped lines). Returns
/// each hit with the index of its paragraph, in text order.
pub fn scan_paragraphs(paragraphs: &[&str]) -> Vec<(usize, Hit)> {
    let mut out = Vec::new();
    let mut lists = Vec::new();
    for (i, text) in paragraphs.iter().enumerate() {
        let next_opens_quote = paragraphs
            .get(i + 1)
            .is_some_and(|next| next.trim_start_matches(chars::is_space).starts_with('“'));
        let scan = scan_paragraph(text, next_opens_quote);
        out.extend(scan.hits.into_iter().map(|h| (i, h)));
        lists.extend(scan.quoted_lists.into_iter().map(|l| (i, l)));
    }
    if let Some((i, hit)) = quotes::mixed_list_commas(&lists) {
        let at = out.partition_point(|(j, h)| (*j, h.range.start) <= (i, hit.range.start));
        out.insert(at, (i, hit));
    }
    out
}

/// The typography metrics of a draft: `metrics.typography` in the report.
///
/// ```json
/// {"marks": 412, "findings": 3, "fixable": 2, "per_thousand_han": 1.2,
///  "by_rule": {"typography/halfwidth-punctuation": 2, "typography/unbalanced-marks": 1}}
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypographyMetrics {
    /// Punctuation marks in the text: full-width marks, and half-width , ; : ? ! ( ) . "
    /// wherever they stand.
    pub marks: u64,
    /// Typography findings, all rules together.
    pub findings: u64,
    /// Findings that carry a certain fix, which `shengao fix` applies.
    pub fixable: u64,
    /// Findings per 1,000 Han characters, to one decimal; 0 for a text without Han.
    pub per_thousand_han: f64,
    /// Findings by rule id; rules that found nothing are left out.
    pub by_rule: BTreeMap<String, u64>,
}

/// Whether a line ends a sentence (closing quotes and brackets after the mark aside); a
/// line that does not was wrapped, or is a heading, and may run on into the next line.
fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(chars::is_cjk_close)
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '。' | '？' | '！' | '…' | '?' | '!' | '.'))
}

/// The line breaks (CRLF, LF or CR) in `gap`.
fn line_breaks(gap: &str) -> usize {
    gap.matches(['\n', '\r']).count() - gap.matches("\r\n").count()
}

/// Groups paragraphs into blocks: a paragraph whose line does not end a sentence and is
/// followed directly (no blank line) by another paragraph runs on into it, as in text wrapped
/// by hand or copied from a PDF or a web page (…根据《 / 中华人民共和国著作权法 / 》第五条). Quotes and brackets are paired per block.
/// Returns each block's byte range and the index of its first paragraph.
pub fn blocks(text: &str, paragraphs: &[Paragraph]) -> Vec<(Range<usize>, usize)> {
    let mut out: Vec<(Range<usize>, usize)> = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        let runs_on = i > 0 && {
            let prev = &paragraphs[i - 1];
            line_breaks(&text[prev.range.end..p.range.start]) == 1
                && !ends_sentence(&text[prev.range.clone()])
        };
        match out.last_mut() {
            Some((range, _)) if runs_on => range.end = p.range.end,
            _ => out.push((p.range.clone(), i)),
        }
    }
    out
}

/// Runs every typography check on the document.
pub fn analyze(doc: &Document, _config: &Config, out: &mut Analysis) {
    let blocks = blocks(&doc.text, &doc.paragraphs);
    let texts: Vec<&str> = blocks.iter().map(|(r, _)| doc.str(r.clone())).collect();
    let mut metrics = TypographyMetrics::default();
    for (i, hit) in scan_paragraphs(&texts) {
        let start = blocks[i].0.start;
        let range = start + hit.range.start..start + hit.range.end;
        let mut finding = Finding::new(hit.rule, doc, range, hit.message);
        if let Some(fixed) = hit.suggestion {
            finding = finding.with_suggestion(fixed);
            metrics.fixable += u64::from(finding.suggestion.is_some());
        }
        metrics.findings += 1;
        *metrics.by_rule.entry(hit.rule.id.to_string()).or_default() += 1;
        out.findings.push(finding);
    }
    metrics.marks = doc
        .text
        .chars()
        .filter(|&c| {
            chars::is_cjk_punct(c)
                || matches!(c, ',' | ';' | ':' | '?' | '!' | '(' | ')' | '.' | '"')
        })
        .count() as u64;
    let han = doc.han_chars;
    if han > 0 {
        metrics.per_thousand_han = (metrics.findings as f64 * 10_000.0 / han as f64).round() / 10.0;
    }
    out.metrics.typography = Some(metrics);
}
