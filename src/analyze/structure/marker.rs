//! Heading markers at the start of a paragraph: GB/T 9704-2012 7.3.3 levels 一、 → （一） → 1. →
//! （1）, part headings above them (第一部分, 第一章), articles (第一条), and the wrong forms
//! writers often use instead ((一), （一）、, 一., 1、, 1．, (1), 1）).

use std::fmt;
use std::ops::Range;

use super::numeral::{parse_arabic, parse_chinese, to_chinese};
use crate::doc::is_terminator;

/// How the number of a marker is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Numeral {
    /// 一 … 九十九.
    Chinese,
    /// 1 … 999.
    Arabic,
}

/// What stands around the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Shape {
    /// 一、 1、
    Dun,
    /// 一. 1.
    Dot,
    /// 一． 1． (full-width dot)
    FullDot,
    /// 一， 一,
    Comma,
    /// （一） （1）
    Paren,
    /// (一) (1), or brackets of mixed widths
    HalfParen,
    /// （一）、 （1）. — a bracket followed by punctuation
    ParenPunct,
    /// 一） 1) — a closing bracket only
    CloseParen,
}

/// The written style of a marker, without its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Style {
    /// 第一部分, 第一章, 第一篇, 第一编 (the word is stored).
    Part(&'static str),
    /// 第一条.
    Article,
    /// A number with brackets or punctuation.
    Numbered(Numeral, Shape),
}

impl Style {
    /// The outline level: 0 for parts, 1 for 一、 and 第一条, 2 for （一）, 3 for 1., 4 for （1）.
    pub fn level(self) -> u8 {
        match self {
            Style::Part(_) => 0,
            Style::Article => 1,
            Style::Numbered(
                Numeral::Chinese,
                Shape::Dun | Shape::Dot | Shape::FullDot | Shape::Comma,
            ) => 1,
            Style::Numbered(Numeral::Chinese, _) => 2,
            Style::Numbered(
                Numeral::Arabic,
                Shape::Dun | Shape::Dot | Shape::FullDot | Shape::Comma,
            ) => 3,
            Style::Numbered(Numeral::Arabic, _) => 4,
        }
    }

    /// Arabic markers (levels 3 and 4) are also common at the start of lines that are not
    /// headings (data lists, quoted items), so they need a sequence to count as headings.
    pub fn is_weak(self) -> bool {
        matches!(self, Style::Numbered(Numeral::Arabic, _))
    }

    /// This style's marker for `number`, as the style writes it.
    pub fn write(self, number: u32) -> String {
        let (numeral, shape) = match self {
            Style::Part(word) => return format!("第{}{word}", to_chinese(number)),
            Style::Article => return format!("第{}条", to_chinese(number)),
            Style::Numbered(numeral, shape) => (numeral, shape),
        };
        let n = match numeral {
            Numeral::Chinese => to_chinese(number),
            Numeral::Arabic => number.to_string(),
        };
        match shape {
            Shape::Dun => format!("{n}、"),
            Shape::Dot => format!("{n}."),
            Shape::FullDot => format!("{n}．"),
            Shape::Comma => format!("{n}，"),
            Shape::Paren => format!("（{n}）"),
            Shape::HalfParen => format!("({n})"),
            Shape::ParenPunct => format!("（{n}）、"),
            Shape::CloseParen => format!("{n}）"),
        }
    }

    /// The standard style of the same level (GB/T 9704 7.3.3); parts and articles are their own
    /// standard.
    pub fn standard(self) -> Style {
        match self.level() {
            1 if self != Style::Article => Style::Numbered(Numeral::Chinese, Shape::Dun),
            2 => Style::Numbered(Numeral::Chinese, Shape::Paren),
            3 => Style::Numbered(Numeral::Arabic, Shape::Dot),
            4 => Style::Numbered(Numeral::Arabic, Shape::Paren),
            _ => self,
        }
    }
}

impl fmt::Display for Style {
    /// The style shown as its first marker: `（一）`, `1.`, `第一章`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.write(1))
    }
}

/// A heading marker found at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub style: Style,
    pub number: u32,
    /// The bytes of the paragraph text the marker takes, as written.
    pub range: Range<usize>,
}

impl Marker {
    pub fn level(&self) -> u8 {
        self.style.level()
    }

    /// The marker written the standard way, e.g. `（一）` for `(一)`.
    pub fn canonical(&self) -> String {
        self.style.standard().write(self.number)
    }
}

/// Spaces: indentation, and what separates a marker from its title (ASCII, ideographic, en
/// and no-break spaces, tabs).
fn is_space(c: char) -> bool {
    c.is_whitespace() && c != '\n' && c != '\r'
}

/// An Arabic digit, half- or full-width.
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Words after 第N that make a part heading (level 0).
const PART_WORDS: [&str; 4] = ["部分", "章", "篇", "编"];

/// Characters after 第一章 / 第一部分 that show the words are running text (第一部分的内容).
const PART_NOT_FOLLOWED_BY: &[char] = &[
    '的', '中', '里', '内', '是', '所', '和', '与', '、', '，', '。', '节', '次',
];

/// Reads the heading marker at the start of `text` (leading spaces allowed).
///
/// Recognised: 第N部分/章/篇/编 (level 0), 第N条 and N、 (level 1), （N） (level 2), 1. (level
/// 3), （1） (level 4), and the wrong forms of each level: 一. 一． 一， 一 、 (level 1); (一)
/// （一）、 一） (level 2); 1、 1． 1 . (level 3); (1) （1）、 1） 1) (level 4). Not a marker: a
/// number followed by a digit (`1.5倍`, `1、2号线`), a series of numbers (`一、二、三等奖`,
/// `一、二季度`), a year (`2024.`).
pub fn parse(text: &str) -> Option<Marker> {
    let start = text.len() - text.trim_start_matches(is_space).len();
    let rest = &text[start..];
    let first = rest.chars().next()?;
    let (style, number, len) = if first == '第' {
        parse_part(rest)?
    } else if first == '（' || first == '(' {
        parse_bracketed(rest)?
    } else if first.is_ascii_digit() {
        let (number, len) = parse_arabic(rest)?;
        let (shape, end) = delimiter(rest, len, Numeral::Arabic)?;
        (Style::Numbered(Numeral::Arabic, shape), number, end)
    } else {
        let (number, len) = parse_chinese(rest)?;
        let (shape, end) = delimiter(rest, len, Numeral::Chinese)?;
        if shape == Shape::Dun && parse_chinese(&rest[end..]).is_some_and(|(n, _)| n == number + 1)
        {
            // 一、二季度, 一、二、三等奖: a series of numbers, not a heading.
            return None;
        }
        (Style::Numbered(Numeral::Chinese, shape), number, end)
    };
    Some(Marker {
        style,
        number,
        range: start..start + len,
    })
}

/// 第N部分, 第N章, 第N篇, 第N编, 第N条.
fn parse_part(rest: &str) -> Option<(Style, u32, usize)> {
    let after = '第'.len_utf8();
    let (number, len) = parse_chinese(&rest[after..])?;
    let word_at = after + len;
    let tail = &rest[word_at..];
    if let Some(tail) = tail.strip_prefix('条') {
        // 第一条道路 is running text; articles are followed by a space (第一条　为了…).
        let next = tail.chars().next();
        if next.is_none_or(|c| is_space(c) || c == '：' || c == ':') {
            return Some((Style::Article, number, word_at + '条'.len_utf8()));
        }
        return None;
    }
    let word = PART_WORDS.into_iter().find(|w| tail.starts_with(w))?;
    let next = tail[word.len()..].chars().next();
    if next.is_some_and(|c| PART_NOT_FOLLOWED_BY.contains(&c)) {
        return None;
    }
    Some((Style::Part(word), number, word_at + word.len()))
}

/// （一） (一) （一）、 （1） (1) （1）、 and mixed-width brackets.
fn parse_bracketed(rest: &str) -> Option<(Style, u32, usize)> {
    let open = rest.chars().next()?;
    let inner = &rest[open.len_utf8()..];
    let (numeral, (number, len)) = match parse_chinese(inner) {
        Some(found) => (Numeral::Chinese, found),
        None => (Numeral::Arabic, parse_arabic(inner)?),
    };
    let close = inner[len..].chars().next()?;
    if close != '）' && close != ')' {
        return None;
    }
    let mut end = open.len_utf8() + len + close.len_utf8();
    let mut shape = if open == '（' && close == '）' {
        Shape::Paren
    } else {
        Shape::HalfParen
    };
    let mut after = rest[end..].chars();
    if let Some(punct @ ('、' | '.' | '．' | '，' | ',')) = after.next()
        && !after.next().is_some_and(is_digit)
    {
        shape = Shape::ParenPunct;
        end += punct.len_utf8();
    }
    Some((Style::Numbered(numeral, shape), number, end))
}

/// The punctuation after a bare number (spaces before it allowed): returns the shape and the end
/// of the marker.
fn delimiter(rest: &str, number_len: usize, numeral: Numeral) -> Option<(Shape, usize)> {
    let tail = &rest[number_len..];
    let spaces = tail.len() - tail.trim_start_matches([' ', '\u{3000}']).len();
    let mut chars = tail[spaces..].chars();
    let punct = chars.next()?;
    let shape = match punct {
        '、' => Shape::Dun,
        '.' => Shape::Dot,
        '．' => Shape::FullDot,
        '，' | ',' if numeral == Numeral::Chinese => Shape::Comma,
        '）' | ')' => Shape::CloseParen,
        _ => return None,
    };
    // 1.5倍, 1、2号线: the number goes on, so this is no marker (一、2024年工作回顾 is one).
    if numeral == Numeral::Arabic && chars.next().is_some_and(is_digit) {
        return None;
    }
    Some((shape, number_len + spaces + punct.len_utf8()))
}

/// The title after a marker ending at byte `from`: leading spaces and a colon skipped, up to
/// the first 。？！ or the end of the paragraph, trailing spaces trimmed. Empty when the marker
/// stands alone.
pub fn title(text: &str, from: usize) -> Range<usize> {
    let tail = &text[from..];
    let skipped = tail.len()
        - tail
            .trim_start_matches(|c| is_space(c) || c == '：' || c == ':')
            .len();
    let start = from + skipped;
    let body = &text[start..];
    let end = body.find(is_terminator).unwrap_or(body.len());
    let trimmed = body[..end].trim_end_matches(|c: char| is_space(c) || c == '\r' || c == '\n');
    start..start + trimmed.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (paragraph, expected (level, number, marker as written, canonical, title)).
    type Case = (
        &'static str,
        Option<(u8, u32, &'static str, &'static str, &'static str)>,
    );

    const CASES: &[Case] = &[
        // The four GB/T 9704 levels and the parts above them.
        ("一、总体要求", Some((1, 1, "一、", "一、", "总体要求"))),
        (
            "二十九、其他",
            Some((1, 29, "二十九、", "二十九、", "其他")),
        ),
        (
            "三、2012年主要任务",
            Some((1, 3, "三、", "三、", "2012年主要任务")),
        ),
        (
            "（一）指导思想",
            Some((2, 1, "（一）", "（一）", "指导思想")),
        ),
        (
            "（十二）加强组织领导",
            Some((2, 12, "（十二）", "（十二）", "加强组织领导")),
        ),
        ("1.加快项目建设", Some((3, 1, "1.", "1.", "加快项目建设"))),
        (
            "12. 优化营商环境",
            Some((3, 12, "12.", "12.", "优化营商环境")),
        ),
        ("（1）完善制度", Some((4, 1, "（1）", "（1）", "完善制度"))),
        (
            "第一部分　总体思路",
            Some((0, 1, "第一部分", "第一部分", "总体思路")),
        ),
        (
            "第三章 保障措施",
            Some((0, 3, "第三章", "第三章", "保障措施")),
        ),
        (
            "第四条\u{2002} 对首次进入",
            Some((1, 4, "第四条", "第四条", "对首次进入")),
        ),
        (
            "第十二条　本办法自发布之日起施行。",
            Some((1, 12, "第十二条", "第十二条", "本办法自发布之日起施行")),
        ),
        // Run-in headings: the title ends at the first 。？！.
        (
            "一、进一步发挥好参谋助手作用。要当好参谋。",
            Some((1, 1, "一、", "一、", "进一步发挥好参谋助手作用")),
        ),
        (
            "（二）怎么办？要靠改革。",
            Some((2, 2, "（二）", "（二）", "怎么办")),
        ),
        // Wrong forms, with the standard form as the canonical.
        ("(一)加强领导", Some((2, 1, "(一)", "（一）", "加强领导"))),
        ("（一)加强领导", Some((2, 1, "（一)", "（一）", "加强领导"))),
        (
            "（一）、加强领导",
            Some((2, 1, "（一）、", "（一）", "加强领导")),
        ),
        ("一）加强领导", Some((2, 1, "一）", "（一）", "加强领导"))),
        ("一.总体要求", Some((1, 1, "一.", "一、", "总体要求"))),
        ("五，加强领导", Some((1, 5, "五，", "五、", "加强领导"))),
        ("三．主要任务", Some((1, 3, "三．", "三、", "主要任务"))),
        ("二 、建设思路", Some((1, 2, "二 、", "二、", "建设思路"))),
        ("1、通用标准", Some((3, 1, "1、", "1.", "通用标准"))),
        ("1．支持研发", Some((3, 1, "1．", "1.", "支持研发"))),
        ("1 .机器学习标准", Some((3, 1, "1 .", "1.", "机器学习标准"))),
        ("(1)术语和定义", Some((4, 1, "(1)", "（1）", "术语和定义"))),
        ("（2）、定义", Some((4, 2, "（2）、", "（2）", "定义"))),
        (
            "2）创新社区治理模式。在政府",
            Some((4, 2, "2）", "（2）", "创新社区治理模式")),
        ),
        // Leading indentation is skipped; a marker alone has an empty title.
        ("　　三、保障措施", Some((1, 3, "三、", "三、", "保障措施"))),
        ("（一）", Some((2, 1, "（一）", "（一）", ""))),
        (
            "第一部分：总体要求",
            Some((0, 1, "第一部分", "第一部分", "总体要求")),
        ),
        // Not markers.
        ("1.5倍于去年", None),
        ("1、2号线同步开通", None),
        ("2024.全年工作", None),
        ("一、二季度经济平稳", None),
        ("一、二、三等奖各一名", None),
        ("一九五八，将积极发展燃料", None),
        ("一是加强领导", None),
        ("第一，要提高认识", None),
        ("第三世界国家", None),
        ("第一条道路", None),
        ("第一部分的内容", None),
        ("(2020)年", None),
        ("（一九五八）", None),
        ("十分重要", None),
        ("1，2", None),
        ("01.开头", None),
        ("", None),
    ];

    #[test]
    fn markers_and_titles() {
        for &(text, expected) in CASES {
            let got = parse(text).map(|m| {
                let title = title(text, m.range.end);
                (
                    m.level(),
                    m.number,
                    &text[m.range.clone()],
                    m.canonical(),
                    &text[title],
                )
            });
            let expected = expected.map(|(l, n, w, c, t)| (l, n, w, c.to_string(), t));
            assert_eq!(got, expected, "{text}");
        }
    }

    #[test]
    fn styles_print_as_their_first_marker() {
        let cases = [
            (Style::Numbered(Numeral::Chinese, Shape::HalfParen), "(一)"),
            (Style::Numbered(Numeral::Arabic, Shape::Dun), "1、"),
            (
                Style::Numbered(Numeral::Chinese, Shape::ParenPunct),
                "（一）、",
            ),
            (Style::Part("章"), "第一章"),
            (Style::Article, "第一条"),
        ];
        for (style, shown) in cases {
            assert_eq!(style.to_string(), shown);
        }
    }

    #[test]
    fn only_arabic_markers_are_weak() {
        assert!(parse("1.项目").unwrap().style.is_weak());
        assert!(parse("（1）项目").unwrap().style.is_weak());
        assert!(!parse("（一）项目").unwrap().style.is_weak());
        assert!(!parse("一、项目").unwrap().style.is_weak());
    }

    #[test]
    fn titles_stop_at_sentence_ends_and_line_breaks() {
        let text = "（三）加强宣传！各地要\r\n";
        let m = parse(text).unwrap();
        assert_eq!(&text[title(text, m.range.end)], "加强宣传");
        let text = "四、保障措施\r\n";
        let m = parse(text).unwrap();
        assert_eq!(&text[title(text, m.range.end)], "保障措施");
    }
}
