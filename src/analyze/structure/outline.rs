//! The outline: which paragraphs are headings, how they nest, and how large each section is.
//!
//! Chinese-numeral markers (一、 （一） and their wrong forms), part headings (第一部分, 第一章) and
//! articles (第一条) are headings wherever they start a paragraph. Arabic markers (1. （1） and
//! their wrong forms) also start lines of data and quoted lists, so one is taken for a heading
//! only when the numbering around it says so — see [`accept_weak`].

use std::collections::HashSet;
use std::ops::Range;

use super::Para;
use super::marker::{self, Marker, Style};
use super::numeral::{parse_arabic, parse_chinese};
use crate::doc::{is_han, is_sentence_mark};

/// One heading of the outline.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// Index of the heading's paragraph.
    pub para: usize,
    pub number: u32,
    /// `None` for an attachment heading (附件1); gives the [`level`](Heading::level).
    pub style: Option<Style>,
    /// The marker as written (`(一)`, `附件1`).
    pub written: String,
    /// Document bytes of the marker.
    pub marker: Range<usize>,
    /// The title, up to its first 。？！ or the line end; for a marker alone on its line (and
    /// for an attachment), the next paragraph's first sentence.
    pub title: String,
    /// Document bytes of the title (empty at the marker's end when there is none).
    pub title_range: Range<usize>,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// The section's paragraphs: `para..end_para`.
    pub end_para: usize,
    /// Chars in the section's paragraphs, the heading's own included.
    pub chars: usize,
}

impl Heading {
    pub fn is_attachment(&self) -> bool {
        self.style.is_none()
    }

    /// 0 for parts and attachments, 1 for 一、 and 第一条, 2 for （一）, 3 for 1., 4 for （1）.
    pub fn level(&self) -> u8 {
        self.style.map_or(0, Style::level)
    }

    /// The heading's document bytes: its marker and title.
    pub fn span(&self) -> Range<usize> {
        self.marker.start..self.title_range.end.max(self.marker.end)
    }

    /// The level the outline nests by: attachments sit above parts.
    fn rank(&self) -> i8 {
        if self.is_attachment() {
            -1
        } else {
            self.level() as i8
        }
    }
}

/// The headings of a document, in document order, with their tree.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outline {
    pub headings: Vec<Heading>,
    /// Headings without a parent, in order.
    pub roots: Vec<usize>,
}

impl Outline {
    /// The children of `parent` (the roots for `None`).
    pub fn children(&self, parent: Option<usize>) -> &[usize] {
        match parent {
            Some(i) => &self.headings[i].children,
            None => &self.roots,
        }
    }

    /// Groups of siblings: headings of one level under one parent, in document order of their
    /// first member. Attachments form no group.
    pub fn sibling_groups(&self) -> Vec<Vec<usize>> {
        let parents = std::iter::once(None).chain((0..self.headings.len()).map(Some));
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for parent in parents {
            let children = self.children(parent);
            let mut levels: Vec<u8> = Vec::new();
            for &c in children {
                let level = self.headings[c].level();
                if !self.headings[c].is_attachment() && !levels.contains(&level) {
                    levels.push(level);
                }
            }
            for level in levels {
                let group = children
                    .iter()
                    .copied()
                    .filter(|&c| {
                        !self.headings[c].is_attachment() && self.headings[c].level() == level
                    })
                    .collect();
                groups.push(group);
            }
        }
        groups.sort_by_key(|group| group[0]);
        groups
    }

    /// For each of `paragraphs` paragraphs, the heading whose section holds it most closely
    /// (the last heading at or before it), or `None` before the first heading.
    pub fn sections(&self, paragraphs: usize) -> Vec<Option<usize>> {
        let mut out = vec![None; paragraphs];
        let mut current = None;
        let mut next = self.headings.iter().enumerate().peekable();
        for (p, slot) in out.iter_mut().enumerate() {
            while let Some((i, _)) = next.next_if(|(_, h)| h.para <= p) {
                current = Some(i);
            }
            *slot = current;
        }
        out
    }

    /// The attachment a heading belongs to (`None` for the main text).
    pub fn part_of(&self, mut i: usize) -> Option<usize> {
        loop {
            if self.headings[i].is_attachment() {
                return Some(i);
            }
            i = self.headings[i].parent?;
        }
    }
}

/// A line that starts an attachment: `附件`, `附件1`, `附件 2：`, `附件一`, `附件4-1`, alone on
/// its line. (The list of attachments in the body, `附件：1.某某清单`, has text after the colon
/// and is not one.) Returns the attachment's number (1 when it has none) and the marker's end.
pub fn attachment(text: &str) -> Option<(u32, usize)> {
    let start = text.len() - text.trim_start().len();
    let trimmed = text.trim();
    let rest = trimmed.strip_prefix("附件")?;
    let rest_trimmed = rest.trim_start();
    let (number, len) = parse_arabic(rest_trimmed)
        .or_else(|| parse_chinese(rest_trimmed))
        .unwrap_or((1, 0));
    let tail = rest_trimmed[len..].trim_start_matches(|c: char| c == '-' || c.is_ascii_digit());
    let tail = tail.trim_start_matches(['：', ':']).trim();
    if !tail.is_empty() {
        return None;
    }
    Some((number, start + trimmed.len()))
}

/// A line of a table of contents: a title, dot leaders, maybe a page number
/// (`一、总体要求……………3`). Its marker repeats a heading of the text and is not one itself.
pub fn is_contents_line(text: &str) -> bool {
    let body = text
        .trim_end()
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .trim_end();
    let leaders = body
        .chars()
        .rev()
        .take_while(|c| matches!(c, '.' | '…' | '·' | '－' | '-' | '．' | '—'))
        .count();
    leaders >= 4
}

/// A candidate heading before the numbering decides about it.
struct Candidate {
    para: usize,
    marker: Option<Marker>,
    /// Number of an attachment heading.
    attachment: u32,
    /// End (paragraph bytes) of the marker.
    marker_end: usize,
}

impl Candidate {
    fn level(&self) -> u8 {
        self.marker.as_ref().map_or(0, Marker::level)
    }
    fn rank(&self) -> i8 {
        self.marker.as_ref().map_or(-1, |m| m.level() as i8)
    }
    fn number(&self) -> u32 {
        self.marker.as_ref().map_or(self.attachment, |m| m.number)
    }
    fn is_weak(&self) -> bool {
        self.marker.as_ref().is_some_and(|m| m.style.is_weak())
    }
}

/// Reads the outline of a document given as its paragraphs.
pub fn outline(paras: &[Para]) -> Outline {
    let candidates: Vec<Candidate> = paras
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            if let Some((number, end)) = attachment(p.text) {
                return Some(Candidate {
                    para: i,
                    marker: None,
                    attachment: number,
                    marker_end: end,
                });
            }
            let marker = marker::parse(p.text)?;
            if is_contents_line(p.text) {
                return None;
            }
            Some(Candidate {
                para: i,
                marker_end: marker.range.end,
                marker: Some(marker),
                attachment: 0,
            })
        })
        .collect();
    let mut accepted: Vec<bool> = candidates.iter().map(|c| !c.is_weak()).collect();
    for level in [3, 4] {
        accept_weak(&candidates, &mut accepted, level);
    }
    // A lone 1. that a list of （1） follows at once heads that list: its children make it a
    // heading, and the lone-child check then says there is no 2.
    for i in 1..candidates.len() {
        let (c, next) = (&candidates[i - 1], &candidates[i]);
        let starts =
            |c: &Candidate, level: u8| c.is_weak() && c.level() == level && c.number() == 1;
        if !accepted[i - 1] && starts(c, 3) && accepted[i] && starts(next, 4) {
            accepted[i - 1] = true;
        }
    }
    // A lone 1. or （1） alone on a short title line with text after it heads a section: a
    // list of one, whose level the level check then sees.
    for (c, ok) in candidates.iter().zip(accepted.iter_mut()) {
        if !*ok && c.is_weak() && c.number() == 1 && c.para + 1 < paras.len() {
            *ok = is_title_line(&paras[c.para].text[c.marker_end..]);
        }
    }
    let chosen: Vec<&Candidate> = candidates
        .iter()
        .zip(&accepted)
        .filter_map(|(c, &ok)| ok.then_some(c))
        .collect();
    build(paras, &chosen)
}

/// The most characters of a title line after its marker.
const MAX_TITLE_LINE: usize = 20;

/// Whether the rest of a line after its marker is a short title: no more than
/// [`MAX_TITLE_LINE`] characters, with Han characters and no sentence or clause punctuation
/// (食堂改造, not 新招聘医生4名，选派6名医生进修；).
fn is_title_line(rest: &str) -> bool {
    let rest = rest.trim();
    rest.chars().count() <= MAX_TITLE_LINE
        && rest.chars().any(is_han)
        && !rest.contains(|c| is_sentence_mark(c) || c == '.')
}

/// Decides which Arabic-numbered lines of `level` (3 for 1., 4 for （1）) are headings.
///
/// Such lines are grouped by their scope: the nearest heading above them of a higher level
/// (or the start of the text or of an attachment). In a scope, a line is a heading when
/// another line there has the next or the previous number (1. and 2.), or when its number
/// continues a list of the same level in an earlier scope (3. under （二） after 1. 2. under
/// （一）, for documents numbered straight through). Once a scope has such a list, every other
/// line of that level in it numbered from 1 up to two past the list's highest number counts
/// too, so a missing, repeated or skipped number still shows as a fault (4. after 1. 2. is a
/// gap, not running text). Everything else — a lone 1. inside a paragraph of quoted data, a
/// stray 15. after 1. 2. 3. — is running text.
fn accept_weak(candidates: &[Candidate], accepted: &mut [bool], level: u8) {
    // Ends of accepted lists of this level, by attachment (None for the main text).
    let mut ends: HashSet<(Option<usize>, u32)> = HashSet::new();
    let mut part: Option<usize> = None;
    let mut members: Vec<usize> = Vec::new();
    for i in 0..=candidates.len() {
        let boundary = match candidates.get(i) {
            None => true,
            Some(c) => accepted[i] && c.rank() < level as i8,
        };
        if boundary {
            decide_scope(candidates, accepted, &members, part, &mut ends);
            members.clear();
            if candidates.get(i).is_some_and(|c| c.marker.is_none()) {
                part = Some(i);
            }
        } else if candidates[i].is_weak() && candidates[i].level() == level {
            members.push(i);
        }
    }
}

/// [`accept_weak`] for the lines of one scope.
fn decide_scope(
    candidates: &[Candidate],
    accepted: &mut [bool],
    members: &[usize],
    part: Option<usize>,
    ends: &mut HashSet<(Option<usize>, u32)>,
) {
    let numbers: Vec<u32> = members.iter().map(|&i| candidates[i].number()).collect();
    let present: HashSet<u32> = numbers.iter().copied().collect();
    let mut keep: Vec<bool> = numbers
        .iter()
        .map(|&n| {
            present.contains(&(n + 1))
                || (n > 1 && present.contains(&(n - 1)))
                || (n > 1 && ends.contains(&(part, n - 1)))
        })
        .collect();
    let Some(high) = numbers
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(n, _)| *n)
        .max()
    else {
        return;
    };
    for (k, &n) in keep.iter_mut().zip(&numbers) {
        *k = *k || (1..=high + 2).contains(&n);
    }
    // Record where this scope's lists end; a list restarts at 1.
    let mut run_high: Option<u32> = None;
    for (&n, &k) in numbers.iter().zip(&keep) {
        if !k {
            continue;
        }
        if n == 1 {
            if let Some(high) = run_high {
                ends.insert((part, high));
            }
            run_high = Some(1);
        } else {
            run_high = Some(run_high.map_or(n, |high| high.max(n)));
        }
    }
    if let Some(high) = run_high {
        ends.insert((part, high));
    }
    for (&i, &k) in members.iter().zip(&keep) {
        accepted[i] = k;
    }
}

/// Builds the tree and the sections from the chosen candidates.
fn build(paras: &[Para], chosen: &[&Candidate]) -> Outline {
    let mut headings: Vec<Heading> = Vec::with_capacity(chosen.len());
    for c in chosen {
        let p = &paras[c.para];
        let mut title_range = marker::title(p.text, c.marker_end);
        let mut title_para = p;
        let stands_alone = title_range.is_empty();
        if stands_alone
            && let Some(next) = paras.get(c.para + 1)
            && marker::parse(next.text).is_none()
            && attachment(next.text).is_none()
        {
            title_range = marker::title(next.text, 0);
            title_para = next;
        }
        let (style, written) = match &c.marker {
            Some(m) => (Some(m.style), p.text[m.range.clone()].to_string()),
            None => (None, p.text[..c.marker_end].trim_start().to_string()),
        };
        let marker_start = c
            .marker
            .as_ref()
            .map_or(c.marker_end - written.len(), |m| m.range.start);
        headings.push(Heading {
            para: c.para,
            number: c.number(),
            style,
            written,
            marker: p.start + marker_start..p.start + c.marker_end,
            title: title_para.text[title_range.clone()].to_string(),
            title_range: title_para.start + title_range.start..title_para.start + title_range.end,
            parent: None,
            children: Vec::new(),
            end_para: paras.len(),
            chars: 0,
        });
    }
    // Nest by rank; a heading's section ends where the next heading of the same or a higher
    // rank starts.
    let mut roots = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    for i in 0..headings.len() {
        let rank = headings[i].rank();
        while let Some(&top) = stack.last() {
            if headings[top].rank() < rank {
                break;
            }
            headings[top].end_para = headings[i].para;
            stack.pop();
        }
        match stack.last() {
            Some(&parent) => {
                headings[i].parent = Some(parent);
                headings[parent].children.push(i);
            }
            None => roots.push(i),
        }
        stack.push(i);
    }
    let mut prefix = Vec::with_capacity(paras.len() + 1);
    prefix.push(0usize);
    for p in paras {
        prefix.push(prefix.last().copied().unwrap_or(0) + p.text.trim_end().chars().count());
    }
    for h in &mut headings {
        h.chars = prefix[h.end_para] - prefix[h.para];
    }
    Outline { headings, roots }
}

#[cfg(test)]
mod tests {
    use super::super::paras_of;
    use super::*;
    use crate::doc::Document;

    /// The outline as indented lines `level marker title chars`.
    fn show(text: &str) -> String {
        let doc = Document::new(text.to_string());
        let paras = paras_of(&doc);
        let outline = outline(&paras);
        let mut out = String::new();
        fn walk(o: &Outline, i: usize, depth: usize, out: &mut String) {
            let h = &o.headings[i];
            out.push_str(&format!(
                "{}{} {} {} {}\n",
                "  ".repeat(depth),
                h.level(),
                h.written,
                h.title,
                h.chars
            ));
            for &c in &h.children {
                walk(o, c, depth + 1, out);
            }
        }
        for &r in &outline.roots {
            walk(&outline, r, 0, &mut out);
        }
        out
    }

    #[test]
    fn levels_nest_and_sections_count_their_chars() {
        let text = "\
关于做好某项工作的讲话
一、提高认识
（一）统一思想。要把思想统一起来。
1.学习文件
2.开展讨论
（二）落实责任
二、狠抓落实";
        assert_eq!(
            show(text),
            "\
1 一、 提高认识 42
  2 （一） 统一思想 29
    3 1. 学习文件 6
    3 2. 开展讨论 6
  2 （二） 落实责任 7
1 二、 狠抓落实 6
"
        );
    }

    /// Paragraphs are the document model's: CR, LF and CRLF each end one, and blanks (U+FEFF
    /// too) around it are no part of it.
    #[test]
    fn every_line_break_ends_a_paragraph() {
        assert_eq!(
            show("一、甲\r（一）子 \r\n（二）丑\u{FEFF}\n二、乙"),
            "\
1 一、 甲 11
  2 （一） 子 4
  2 （二） 丑 4
1 二、 乙 3
"
        );
    }

    #[test]
    fn parts_and_attachments_sit_above_level_one() {
        let text = "\
第一部分　回顾
一、成绩
二、问题
第二部分　部署
一、目标
附件1
重点任务清单
一、任务
1.甲
2.乙";
        assert_eq!(
            show(text),
            "\
0 第一部分 回顾 15
  1 一、 成绩 4
  1 二、 问题 4
0 第二部分 部署 11
  1 一、 目标 4
0 附件1 重点任务清单 19
  1 一、 任务 10
    3 1. 甲 3
    3 2. 乙 3
"
        );
    }

    #[test]
    fn a_marker_alone_takes_the_next_line_as_title() {
        let text = "（一）\n进一步改善经济环境。具体要求是\n（二）\n加强管理";
        let doc = Document::new(text.to_string());
        let paras = paras_of(&doc);
        let o = outline(&paras);
        let titles: Vec<&str> = o.headings.iter().map(|h| h.title.as_str()).collect();
        assert_eq!(titles, ["进一步改善经济环境", "加强管理"]);
        let h = &o.headings[0];
        assert_eq!(&text[h.span()], "（一）\n进一步改善经济环境");
    }

    /// Arabic-numbered lines: headings when the numbering makes a list, running text otherwise.
    #[test]
    fn arabic_lines_need_a_list_to_be_headings() {
        let cases: &[(&str, &[&str])] = &[
            // A list of two.
            ("一、目标\n1.甲\n2.乙", &["一、", "1.", "2."]),
            // A lone 1. in quoted data is running text.
            (
                "一、目标\n据统计：\n1.全省增长六成。\n二、措施",
                &["一、", "二、"],
            ),
            // A lone 2. after the list of attachments.
            ("三、保障\n附件：1.清单\n2.名单", &["三、"]),
            // A stray number far past the list.
            (
                "一、目标\n1.甲\n2.乙\n3.丙\n15.丁",
                &["一、", "1.", "2.", "3."],
            ),
            // A gap still shows: 1. is kept although 2. is missing.
            ("一、目标\n1.甲\n3.丙\n4.丁", &["一、", "1.", "3.", "4."]),
            // So does a gap before the last item: 4. after 1. 2., （5） after （1）…（3）.
            (
                "一、目标\n1.甲\n2.乙\n4.丁\n二、措施",
                &["一、", "1.", "2.", "4.", "二、"],
            ),
            (
                "1.甲\n（1）子\n（2）丑\n（3）寅\n（5）辰\n2.乙",
                &["1.", "（1）", "（2）", "（3）", "（5）", "2."],
            ),
            // Numbered straight through the document: 3. continues under （二）.
            (
                "（一）甲\n1.子\n2.丑\n（二）乙\n3.寅",
                &["（一）", "1.", "2.", "（二）", "3."],
            ),
            // A lone 1. heading a （1） list is a heading.
            (
                "（一）规划\n1.规划建设\n（1）子\n（2）丑\n（二）管理",
                &["（一）", "1.", "（1）", "（2）", "（二）"],
            ),
            // （1） lists under a 1. heading.
            (
                "1.甲\n（1）子\n（2）丑\n2.乙",
                &["1.", "（1）", "（2）", "2."],
            ),
        ];
        for &(text, expected) in cases {
            let doc = Document::new(text.to_string());
            let paras = paras_of(&doc);
            let o = outline(&paras);
            let got: Vec<&str> = o.headings.iter().map(|h| h.written.as_str()).collect();
            assert_eq!(got, expected, "{text}");
        }
    }

    #[test]
    fn paragraphs_belong_to_the_last_heading_before_them() {
        let doc = Document::new("前言\n一、甲\n正文\n（一）子\n正文\n二、乙".to_string());
        let paras = paras_of(&doc);
        let o = outline(&paras);
        assert_eq!(
            o.sections(paras.len()),
            [None, Some(0), Some(0), Some(1), Some(1), Some(2)]
        );
    }

    #[test]
    fn contents_lines_are_not_headings() {
        let text = "目录\n一、总体要求……………3\n二、重点任务..........12\n一、总体要求\n二、重点任务";
        let doc = Document::new(text.to_string());
        let paras = paras_of(&doc);
        let lines: Vec<usize> = outline(&paras).headings.iter().map(|h| h.para).collect();
        assert_eq!(lines, [3, 4]);
        assert!(!is_contents_line("一、总体要求……"));
        assert!(is_contents_line("（三）保障措施 ·········· 27"));
        assert!(!is_contents_line("1.5"));
    }

    #[test]
    fn attachment_lines() {
        let cases: &[(&str, Option<u32>)] = &[
            ("附件", Some(1)),
            ("附件1", Some(1)),
            ("　　附件 2：", Some(2)),
            ("附件4-1", Some(4)),
            ("附件三", Some(3)),
            ("附件：1.典型场景清单", None),
            ("附件1石化行业标准", None),
            ("附件的内容", None),
        ];
        for &(text, expected) in cases {
            assert_eq!(attachment(text).map(|(n, _)| n), expected, "{text}");
        }
    }
}
