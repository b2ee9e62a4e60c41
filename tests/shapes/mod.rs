//! Drafts in the shapes that once took more than linear time, at any size: shared by
//! tests/pathological.rs (work counted at n, 2n and 4n) and benches/pathological.rs (time and
//! peak memory at full sizes).

#![allow(dead_code)]

use std::io::{Cursor, Write};

use shengao::analyze::structure::numeral;

/// A draft of about `bytes` bytes in one shape, as a file would hold it.
pub type Shape = fn(usize) -> Vec<u8>;

/// A named shape; a name ending in `.md` is read as Markdown, and a .docx by its content.
pub struct Named {
    pub name: &'static str,
    pub shape: Shape,
}

fn repeat_to(unit: &str, bytes: usize) -> Vec<u8> {
    unit.repeat(bytes.div_ceil(unit.len())).into_bytes()
}

/// Lines made by `line(i)` for i = 1, 2, … up to `bytes`.
fn numbered_lines(bytes: usize, line: impl Fn(usize) -> String) -> Vec<u8> {
    let mut text = String::with_capacity(bytes + 200);
    let mut i = 1;
    while text.len() < bytes {
        text.push_str(&line(i));
        i += 1;
    }
    text.into_bytes()
}

/// Sentences and clauses, but not one line break.
pub fn one_line(bytes: usize) -> Vec<u8> {
    repeat_to(
        "今年以来，我们坚持问题导向，扎实推进各项工作，取得了明显成效。",
        bytes,
    )
}

/// One line, one sentence: no punctuation for the splitters, one huge input for jieba.
pub fn one_sentence(bytes: usize) -> Vec<u8> {
    repeat_to("我们坚持问题导向扎实推进各项工作取得明显成效", bytes)
}

/// Many short lines, as a list or a table pasted as text.
pub fn short_lines(bytes: usize) -> Vec<u8> {
    repeat_to("一是抓落实。\n", bytes)
}

pub fn repeated_han(bytes: usize) -> Vec<u8> {
    repeat_to("啊", bytes)
}

pub fn repeated_letter(bytes: usize) -> Vec<u8> {
    repeat_to("a", bytes)
}

pub fn repeated_comma(bytes: usize) -> Vec<u8> {
    repeat_to("，", bytes)
}

pub fn repeated_full_stop(bytes: usize) -> Vec<u8> {
    repeat_to("。", bytes)
}

/// `（（（…深…）））`: brackets nested as deep as the text allows.
pub fn nested_brackets(bytes: usize) -> Vec<u8> {
    let depth = bytes / 6;
    ("（".repeat(depth) + "深" + &"）".repeat(depth)).into_bytes()
}

/// `《《《…深…》》》`: title marks, which the sentence splitter matches up.
pub fn nested_titles(bytes: usize) -> Vec<u8> {
    let depth = bytes / 6;
    ("《".repeat(depth) + "深。" + &"》".repeat(depth)).into_bytes()
}

/// Many short titles in one sentence: `学习《甲》《乙》…`.
pub fn many_titles(bytes: usize) -> Vec<u8> {
    let mut text = repeat_to("《通知》、", bytes);
    text.extend("。".as_bytes());
    text
}

/// Title marks that never close.
pub fn unclosed_titles(bytes: usize) -> Vec<u8> {
    repeat_to("《", bytes)
}

/// Markdown marks that pair nothing, one line: each looks ahead for its other half.
pub fn markdown_open_links(bytes: usize) -> Vec<u8> {
    repeat_to("[甲", bytes)
}

pub fn markdown_open_targets(bytes: usize) -> Vec<u8> {
    repeat_to("[甲](", bytes)
}

pub fn markdown_open_tags(bytes: usize) -> Vec<u8> {
    repeat_to("<a甲<!", bytes)
}

pub fn markdown_emphasis(bytes: usize) -> Vec<u8> {
    repeat_to("**甲*_乙~~`", bytes)
}

/// Sentences alike but for their number (第1项工作已经完成，…): every sentence shares all its
/// shingles but a few with every other.
pub fn numbered_sentences(bytes: usize) -> Vec<u8> {
    numbered_lines(bytes, |i| {
        format!("第{i}项工作已经完成，各项指标达到预期要求，群众满意度进一步提升。\n")
    })
}

/// Lines without punctuation, each a sentence of its own and alike but for a number.
pub fn plain_lines(bytes: usize) -> Vec<u8> {
    numbered_lines(bytes, |i| format!("加强组织领导落实工作责任{i}\n"))
}

/// Level-1 headings (一、 … 一万二千三百四十五、) with a short body each.
pub fn headings(bytes: usize) -> Vec<u8> {
    numbered_lines(bytes, |i| {
        let number = numeral::chinese(i as u32, false).unwrap_or_default();
        format!("{number}、加强第{i}项组织领导\n落实工作责任，推进第{i}项任务。\n")
    })
}

/// The first `bytes` of `text` (cut at a character), repeated as often as it takes.
fn cycle(text: &str, bytes: usize) -> Vec<u8> {
    let mut out = String::with_capacity(bytes + 4);
    while out.len() < bytes {
        let rest = bytes - out.len();
        let cut = (0..=rest.min(text.len()))
            .rev()
            .find(|&at| text.is_char_boundary(at))
            .unwrap_or(0);
        out.push_str(&text[..cut]);
        out.push('\n');
    }
    out.into_bytes()
}

/// Real reports: the test corpus (../shared/corpus) when it is there, else the samples,
/// joined into one text and taken to `bytes`, repeated if they are shorter: every sentence
/// then has copies.
pub fn reports(bytes: usize) -> Vec<u8> {
    cycle(&report_text(), bytes)
}

/// The first 16 KiB of [`reports`], repeated: a size doubled is the same text twice, so
/// counts of work can be compared across sizes.
pub fn reports_repeated(bytes: usize) -> Vec<u8> {
    let text = String::from_utf8(cycle(&report_text(), 16 << 10)).unwrap_or_default();
    cycle(&text, bytes)
}

/// The reports with every character that is not Han removed: one sentence, one line.
pub fn han_only(bytes: usize) -> Vec<u8> {
    let text = report_text();
    let han: String = text
        .chars()
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .collect();
    let mut text = cycle(&han, bytes);
    text.pop();
    text
}

/// The text of the reports [`reports`] reads.
fn report_text() -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("../shared/corpus");
    let folders = if corpus.is_dir() {
        ["gwr_national", "gwr_prov2026", "policy_docs"]
            .iter()
            .map(|f| corpus.join(f))
            .collect()
    } else {
        vec![root.join("samples")]
    };
    let mut files: Vec<std::path::PathBuf> = folders
        .iter()
        .filter_map(|dir| std::fs::read_dir(dir).ok())
        .flatten()
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let texts: Vec<String> = (files.iter())
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .collect();
    texts.join("\n")
}

pub const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

/// A .docx of these parts.
pub fn package(parts: &[(&str, String)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in parts {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A .docx of numbered paragraphs (read through the whole .docx path).
pub fn docx_paragraphs(bytes: usize) -> Vec<u8> {
    let body = "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>抓落实。</w:t></w:r></w:p>".repeat(bytes / 40);
    let numbering = "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>";
    package(&[
        (
            "word/document.xml",
            format!("<w:document {W}><w:body>{body}</w:body></w:document>"),
        ),
        (
            "word/numbering.xml",
            format!("<w:numbering {W}>{numbering}</w:numbering>"),
        ),
    ])
}

/// A .docx whose paragraphs' style is based on a style with a name as long as the rest of
/// the file: looking the chain up for every paragraph would be quadratic.
pub fn docx_long_style_name(bytes: usize) -> Vec<u8> {
    let name = "长".repeat(bytes / 6);
    let styles = format!(
        "<w:styles {W}><w:style w:type=\"paragraph\" w:styleId=\"s\"><w:basedOn w:val=\"{name}\"/></w:style><w:style w:type=\"paragraph\" w:styleId=\"{name}\"><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style></w:styles>"
    );
    let numbering = format!(
        "<w:numbering {W}><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/><w:pStyle w:val=\"{name}\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>"
    );
    let body = "<w:p><w:pPr><w:pStyle w:val=\"s\"/></w:pPr><w:r><w:t>抓落实。</w:t></w:r></w:p>"
        .repeat(bytes / 2 / 70);
    package(&[
        (
            "word/document.xml",
            format!("<w:document {W}><w:body>{body}</w:body></w:document>"),
        ),
        ("word/styles.xml", styles),
        ("word/numbering.xml", numbering),
    ])
}

/// The deepest nesting of paragraphs in [`docx_nested_paragraphs`], under the limit.
pub const NESTED_DEPTH: usize = 900;

/// A .docx of paragraphs nested in paragraphs (as text boxes anchor theirs), 900 deep, one
/// nest after another: each paragraph hands its lines up to the one around it.
pub fn docx_nested_paragraphs(bytes: usize) -> Vec<u8> {
    let nest = format!(
        "{}<w:r><w:t>深处。</w:t></w:r>{}",
        "<w:p><w:r><w:t>抓落实。</w:t></w:r>".repeat(NESTED_DEPTH),
        "</w:p>".repeat(NESTED_DEPTH)
    );
    let body = nest.repeat(bytes.div_ceil(nest.len()));
    package(&[(
        "word/document.xml",
        format!("<w:document {W}><w:body>{body}</w:body></w:document>"),
    )])
}

/// Every shape, the old ones of issue 9 first, then those of issue 23.
pub const SHAPES: &[Named] = &[
    Named {
        name: "one line of sentences",
        shape: one_line,
    },
    Named {
        name: "one sentence, no punctuation",
        shape: one_sentence,
    },
    Named {
        name: "short lines",
        shape: short_lines,
    },
    Named {
        name: "one repeated Han character",
        shape: repeated_han,
    },
    Named {
        name: "one repeated letter",
        shape: repeated_letter,
    },
    Named {
        name: "repeated commas",
        shape: repeated_comma,
    },
    Named {
        name: "repeated full stops",
        shape: repeated_full_stop,
    },
    Named {
        name: "nested brackets",
        shape: nested_brackets,
    },
    Named {
        name: "nested title marks",
        shape: nested_titles,
    },
    Named {
        name: "many titles in one sentence",
        shape: many_titles,
    },
    Named {
        name: "unclosed title marks",
        shape: unclosed_titles,
    },
    Named {
        name: "docx, numbered paragraphs",
        shape: docx_paragraphs,
    },
    Named {
        name: "docx, long style name",
        shape: docx_long_style_name,
    },
    Named {
        name: "open link brackets, a.md",
        shape: markdown_open_links,
    },
    Named {
        name: "open link targets, a.md",
        shape: markdown_open_targets,
    },
    Named {
        name: "open tags, a.md",
        shape: markdown_open_tags,
    },
    Named {
        name: "emphasis marks, a.md",
        shape: markdown_emphasis,
    },
    Named {
        name: "numbered near-identical sentences",
        shape: numbered_sentences,
    },
    Named {
        name: "plain lines",
        shape: plain_lines,
    },
    Named {
        name: "level-1 headings",
        shape: headings,
    },
    Named {
        name: "reports joined",
        shape: reports,
    },
    Named {
        name: "reports repeated",
        shape: reports_repeated,
    },
    Named {
        name: "reports, Han only",
        shape: han_only,
    },
    Named {
        name: "docx, nested paragraphs",
        shape: docx_nested_paragraphs,
    },
];
