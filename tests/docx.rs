//! .docx input end to end: each file is built here with the zip crate, as Word lays it out,
//! and compared with the plain text a typist would have produced. Broken, hostile and
//! foreign files are refused with a reason, and the other inputs are still reviewed.

use std::io::{Cursor, Write};

use predicates::prelude::*;
use proptest::prelude::*;
use shengao::input::{self, docx, limits::Limits};
use shengao::report::{Report, SourceKind};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

mod common;
use common::{check_json, shengao, write};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The draft as plain text: what the .docx below shows with its changes accepted.
const PLAIN: &str = "\
关于做好年度重点工作的通知

一、总体要求
今年以来，我们坚持问题导向，扎实推进各项工作。
（一）指导思想
坚持稳中求进工作总基调，全面落实\u{FFFD}各项部署。
指标
完成值
地区生产总值
增长5.2%
（二）工作目标
1.经济运行稳中向好。
2.民生保障有力有效。
二、重点任务
各单位要抓好落实。
";

const STYLES: &str = r#"<w:styles xmlns:w="W"><w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style></w:styles>"#;

const NUMBERING: &str = r#"<w:numbering xmlns:w="W" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/><w:suff w:val="nothing"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl><w:lvl w:ilvl="2"><w:start w:val="1"/><mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="1, 2, 3, ..."/></mc:Choice><mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent><w:lvlText w:val="%3."/><w:suff w:val="nothing"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;

fn para(style: &str, runs: &str) -> String {
    let ppr = if style.is_empty() {
        String::new()
    } else {
        format!(r#"<w:pPr><w:pStyle w:val="{style}"/></w:pPr>"#)
    };
    format!("<w:p>{ppr}{runs}</w:p>")
}

fn run(text: &str) -> String {
    format!(
        r#"<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>"#
    )
}

fn cell(text: &str) -> String {
    format!(
        r#"<w:tc><w:tcPr><w:tcW w:w="4148" w:type="dxa"/></w:tcPr>{}</w:tc>"#,
        para("", &run(text))
    )
}

fn list_item(level: u32, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr><w:ind w:firstLineChars="200"/></w:pPr>{}</w:p>"#,
        run(text)
    )
}

/// The body of the draft as Word writes it: numbering from styles and numPr, a tracked
/// deletion and insertion, a comment, a table, a split run, a bookmark and a field.
fn draft_body() -> String {
    [
        para("Title", &run("关于做好年度重点工作的通知")),
        "<w:p/>".to_string(),
        para("1", &run("总体要求")),
        para(
            "",
            &[
                run("今年以来，我们"),
                r#"<w:del w:id="1" w:author="审稿人" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>一直</w:delText></w:r></w:del>"#.to_string(),
                r#"<w:ins w:id="2" w:author="审稿人" w:date="2024-01-01T00:00:00Z">"#.to_string(),
                run("坚持"),
                "</w:ins>".to_string(),
                r#"<w:commentRangeStart w:id="0"/>"#.to_string(),
                run("问题导向"),
                r#"<w:commentRangeEnd w:id="0"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="0"/></w:r>"#.to_string(),
                run("，扎实推进"),
                r#"<w:bookmarkStart w:id="5" w:name="x"/>"#.to_string(),
                run("各项工作。"),
                r#"<w:bookmarkEnd w:id="5"/>"#.to_string(),
            ]
            .concat(),
        ),
        para("2", &run("指导思想")),
        para(
            "",
            &[
                run("坚持稳中求进工作总基调，"),
                run("全面落实\u{FFFD}各项部署。"),
            ]
            .concat(),
        ),
        format!(
            r#"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="4148"/></w:tblGrid><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>"#,
            cell("指标"),
            cell("完成值"),
            cell("地区生产总值"),
            cell("增长5.2%")
        ),
        para("2", &run("工作目标")),
        list_item(2, "经济运行稳中向好。"),
        list_item(2, "民生保障有力有效。"),
        para("1", &run("重点任务")),
        para(
            "",
            &[
                run("各单位要抓好"),
                r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DOCPROPERTY x </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>"#.to_string(),
                run("落实"),
                r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#.to_string(),
                run("。"),
            ]
            .concat(),
        ),
        r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>"#.to_string(),
    ]
    .concat()
}

/// A .docx with these parts (besides the content types and package relationships).
fn package(parts: &[(&str, &str)], method: CompressionMethod) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(method);
    let types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let all = [("[Content_Types].xml", types), ("_rels/.rels", rels)];
    for (name, content) in all.iter().chain(parts) {
        zip.start_file(*name, options).unwrap();
        zip.write_all(with_namespace(content).as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The fixtures' `xmlns:w="W"` with the real namespace. Only the declarations are replaced:
/// a generated paragraph may itself hold `"W"`.
fn with_namespace(xml: &str) -> String {
    xml.replace("xmlns:w=\"W\"", &format!("xmlns:w=\"{W}\""))
        .replace("xmlns:ns0=\"W\"", &format!("xmlns:ns0=\"{W}\""))
}

fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="W" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}</w:body></w:document>"#
    )
}

fn draft_docx() -> Vec<u8> {
    let doc_rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="http://example.com/" TargetMode="External"/></Relationships>"#;
    let comments = r#"<w:comments xmlns:w="W"><w:comment w:id="0" w:author="审稿人"><w:p><w:r><w:t>这里要改</w:t></w:r></w:p></w:comment></w:comments>"#;
    package(
        &[
            ("word/document.xml", &document(&draft_body())),
            ("word/_rels/document.xml.rels", doc_rels),
            ("word/styles.xml", STYLES),
            ("word/numbering.xml", NUMBERING),
            ("word/comments.xml", comments),
        ],
        CompressionMethod::Deflated,
    )
}

#[test]
fn the_docx_reads_as_its_plain_text() {
    let input = input::from_bytes("draft.docx", &draft_docx(), None).unwrap();
    assert_eq!(input.text, PLAIN);
    assert_eq!(input.kind, SourceKind::Docx);
    let hints: Vec<(u64, u8)> = input
        .heading_hints
        .iter()
        .map(|h| (h.line, h.level))
        .collect();
    assert_eq!(hints, [(3, 1), (5, 2), (11, 2), (14, 1)]);
}

#[test]
fn check_reports_the_docx_like_the_text_with_paragraph_lines() {
    let dir = tempfile::tempdir().unwrap();
    let docx = check_json(&[&write(&dir, "draft.docx", draft_docx())]);
    let text = check_json(&[&write(&dir, "draft.txt", PLAIN.as_bytes())]);
    assert_eq!(docx.source.kind, SourceKind::Docx);
    assert_eq!(text.source.kind, SourceKind::Text);
    assert_eq!(docx.stats, text.stats);
    assert_eq!(docx.source.lines, text.source.lines);
    assert_eq!(docx.findings, text.findings);
    // The lost character is in paragraph 6 of the document.
    let lost = docx
        .findings
        .iter()
        .find(|f| f.rule == "input/replacement-character")
        .unwrap();
    assert_eq!((lost.span.line, lost.span.column), (6, 17));
    assert_eq!(docx.source.heading_hints.len(), 4);
    assert!(text.source.heading_hints.is_empty());
}

#[test]
fn the_json_names_the_kind_and_hints() {
    let dir = tempfile::tempdir().unwrap();
    let out = shengao()
        .args(["check", "--format", "json", "--fail-on", "never"])
        .arg(write(&dir, "draft.docx", draft_docx()))
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["source"]["kind"], "docx");
    assert_eq!(
        value["source"]["heading_hints"][0],
        serde_json::json!({"line": 3, "level": 1})
    );
}

#[test]
fn a_docx_is_known_by_its_content_on_stdin_and_under_any_name() {
    let report: Report = serde_json::from_slice(
        &shengao()
            .args(["check", "--format", "json", "--fail-on", "never"])
            .write_stdin(draft_docx())
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(report.source.kind, SourceKind::Docx);
    let dir = tempfile::tempdir().unwrap();
    let renamed = check_json(&[&write(&dir, "draft.txt", draft_docx())]);
    assert_eq!(renamed.source.kind, SourceKind::Docx);
    assert_eq!(renamed.stats, report.stats);
}

#[test]
fn stored_entries_and_other_writers_prefixes_are_read() {
    let body = "<ns0:body><ns0:p><ns0:r><ns0:t>第一段。</ns0:t></ns0:r></ns0:p><ns0:p><ns0:r><ns0:t>第二段。</ns0:t></ns0:r></ns0:p></ns0:body>";
    let xml = format!(r#"<ns0:document xmlns:ns0="W">{body}</ns0:document>"#);
    let bytes = package(&[("word/document.xml", &xml)], CompressionMethod::Stored);
    let input = input::from_bytes("x.docx", &bytes, None).unwrap();
    assert_eq!(input.text, "第一段。\n第二段。\n");
}

/// Runs `check` on one bad file and one good file: the bad one is named with its reason on
/// stderr, the good one is still reviewed, and the exit code is 2.
fn refused(name: &str, bytes: &[u8], reason: &str) {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(&dir, name, bytes);
    let good = write(&dir, "good.txt", PLAIN.as_bytes());
    shengao()
        .args(["check", "--fail-on", "never", &bad, &good])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{bad}: ")).and(predicate::str::contains(reason)))
        .stdout(predicate::str::contains("good.txt"));
}

/// An OLE2 compound file: the header, and a directory entry named `name` (UTF-16LE).
fn ole2(name: &str) -> Vec<u8> {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(512, 0);
    bytes.extend(name.encode_utf16().flat_map(u16::to_le_bytes));
    bytes.resize(2048, 0);
    bytes
}

#[test]
fn old_word_files_are_refused_with_advice() {
    refused("report.doc", &ole2("WordDocument"), "save it as .docx");
    refused("report.wps", &ole2("WordDocument"), "Word 97–2003");
}

#[test]
fn encrypted_documents_are_refused_with_advice() {
    refused(
        "secret.docx",
        &ole2("EncryptedPackage"),
        "password-protected",
    );
}

#[test]
fn rtf_and_misnamed_files_are_refused() {
    refused("a.rtf", b"{\\rtf1\\ansi hello}", "RTF");
    refused(
        "a.docx",
        "这不是 Word 文件".as_bytes(),
        "named .docx but not a .docx",
    );
}

#[test]
fn truncated_and_damaged_archives_are_refused() {
    let bytes = draft_docx();
    for cut in [bytes.len() / 2, bytes.len() - 10, 30] {
        refused("cut.docx", &bytes[..cut], "damaged .docx");
    }
    // Flip bytes inside the compressed document: the archive opens, the part does not inflate
    // or its checksum fails.
    let header = local_header(&bytes, "word/document.xml");
    let at = header + 30 + "word/document.xml".len() + 8;
    let mut damaged = bytes.clone();
    for b in &mut damaged[at..at + 64] {
        *b ^= 0x5A;
    }
    let err = input::from_bytes("d.docx", &damaged, None).unwrap_err();
    assert!(
        err.reason.contains("damaged") || err.reason.contains("well-formed"),
        "{err}"
    );
}

#[test]
fn malformed_xml_is_refused_with_its_place() {
    let bytes = package(
        &[(
            "word/document.xml",
            &document("<w:p><w:r><w:t>甲</w:r></w:p>"),
        )],
        CompressionMethod::Deflated,
    );
    refused(
        "bad.docx",
        &bytes,
        "word/document.xml is not well-formed XML (at byte",
    );
    let bytes = package(
        &[(
            "word/document.xml",
            &document("<w:p><w:r><w:t>甲</w:t></w:r></w:p>")[..150],
        )],
        CompressionMethod::Deflated,
    );
    refused("cut-xml.docx", &bytes, "not well-formed");
}

#[test]
fn other_zip_files_are_named() {
    let xlsx = package(
        &[("xl/workbook.xml", "<workbook/>")],
        CompressionMethod::Deflated,
    );
    refused("book.docx", &xlsx, "an Excel workbook");
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("mimetype", SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.text")
        .unwrap();
    let odt = zip.finish().unwrap().into_inner();
    refused("a.odt", &odt, "OpenDocument");
    let plain_zip = package(&[("notes.txt", "hello")], CompressionMethod::Deflated);
    refused("a.zip", &plain_zip, "not a Word document");
}

/// Where the local header of entry `name` starts.
fn local_header(bytes: &[u8], name: &str) -> usize {
    let mut at = 0;
    loop {
        let h = at + find(&bytes[at..], b"PK\x03\x04").unwrap();
        if bytes[h + 30..].starts_with(name.as_bytes()) {
            return h;
        }
        at = h + 1;
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Rewrites the uncompressed size that the archive declares for `name`, in its local header
/// and its central directory entry, as a zip bomb would.
fn declare_size(bytes: &mut [u8], name: &str, size: u32) {
    let mut at = 0;
    while let Some(found) = find(&bytes[at..], name.as_bytes()) {
        let name_at = at + found;
        at = name_at + 1;
        let local = name_at.checked_sub(30);
        let central = name_at.checked_sub(46);
        if let Some(h) = local.filter(|&h| bytes[h..h + 4] == *b"PK\x03\x04") {
            bytes[h + 22..h + 26].copy_from_slice(&size.to_le_bytes());
        } else if let Some(h) = central.filter(|&h| bytes[h..h + 4] == *b"PK\x01\x02") {
            bytes[h + 24..h + 28].copy_from_slice(&size.to_le_bytes());
        }
    }
}

/// A document.xml of `paragraphs` identical paragraphs: megabytes that deflate to kilobytes.
fn bomb(paragraphs: usize) -> Vec<u8> {
    let body = "<w:p><w:r><w:t>炸弹</w:t></w:r></w:p>".repeat(paragraphs);
    package(
        &[("word/document.xml", &document(&body))],
        CompressionMethod::Deflated,
    )
}

#[test]
fn a_zip_bomb_is_stopped_by_its_declared_size() {
    // 70 MiB of XML in a few hundred kilobytes, declared honestly: refused before inflating.
    let bytes = bomb(2_100_000);
    assert!(bytes.len() < 1 << 20, "{}", bytes.len());
    refused("bomb.docx", &bytes, "over the 64 MiB limit for one part");
}

#[test]
fn a_zip_bomb_that_lies_about_its_size_is_cut_off() {
    let mut bytes = bomb(30_000);
    declare_size(&mut bytes, "word/document.xml", 1000);
    let limits = Limits {
        max_part_bytes: 64 << 10,
        ..Limits::default()
    };
    let err = docx::extract(&bytes, &limits).unwrap_err();
    // The inflater believes the stream, not the header: reading stops at the limit.
    assert!(err.contains("expands past the 64 KiB limit"), "{err}");
    // Declared honestly, the same part is refused before it is read.
    let honest = bomb(30_000);
    let err = docx::extract(&honest, &limits).unwrap_err();
    assert!(err.contains("over the 64 KiB limit"), "{err}");
    // And under the default limits it is simply read.
    assert_eq!(
        docx::extract(&honest, &Limits::default())
            .unwrap()
            .text
            .len(),
        30_000 * 7
    );
}

#[test]
fn too_many_entries_are_refused() {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for i in 0..10_001 {
        zip.start_file(format!("word/media/{i}.png"), options)
            .unwrap();
    }
    refused(
        "many.docx",
        &zip.finish().unwrap().into_inner(),
        "lists 10001 entries",
    );
    // A forged count in the end record is refused before the archive is opened.
    let mut bytes = draft_docx();
    let end = bytes.len() - 22;
    assert_eq!(bytes[end..end + 4], *b"PK\x05\x06");
    bytes[end + 8..end + 12].copy_from_slice(&[0xFE, 0xFF, 0xFE, 0xFF]);
    refused("forged.docx", &bytes, "lists 65534 entries");
}

#[test]
fn an_oversized_input_is_refused_before_it_is_read() {
    let limits = Limits::default();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let file = std::fs::File::create(&path).unwrap();
    // A sparse file: the size is declared, no disk is used.
    file.set_len(limits.max_input_bytes + 1).unwrap();
    refused_path(path.to_str().unwrap(), "larger than 256 MiB");
}

#[test]
fn more_text_than_the_limit_is_refused() {
    let limits = Limits::default();
    let dir = tempfile::tempdir().unwrap();
    let text = "啊".repeat(limits.max_text_bytes as usize / 3 + 1);
    let path = write(&dir, "long.txt", text.as_bytes());
    refused_path(&path, "more than 64 MiB of text");
}

fn refused_path(path: &str, reason: &str) {
    shengao()
        .args(["check", path])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(reason));
}

/// The case the round-trip property once drew: text holding the fixtures' placeholder.
#[test]
fn a_paragraph_holding_the_placeholder_round_trips() {
    let body = r#"<w:p><w:r><w:t>"W"</w:t></w:r></w:p>"#;
    let bytes = package(
        &[("word/document.xml", &document(body))],
        CompressionMethod::Deflated,
    );
    let text = docx::extract(&bytes, &Limits::default()).unwrap().text;
    assert_eq!(text, "\"W\"\n");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any paragraphs written into a .docx come back, one line each.
    #[test]
    fn paragraphs_round_trip(paragraphs in prop::collection::vec("[^\r\n\u{2028}<>&]{0,20}", 0..20)) {
        let body: String = paragraphs
            .iter()
            .map(|p| format!("<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>"))
            .collect();
        let bytes = package(&[("word/document.xml", &document(&body))], CompressionMethod::Deflated);
        let text = docx::extract(&bytes, &Limits::default()).unwrap().text;
        let expected: String = paragraphs.iter().map(|p| format!("{p}\n")).collect();
        prop_assert_eq!(text, expected);
    }

    /// Bytes that look like a zip never make the reader panic.
    #[test]
    fn damaged_archives_never_panic(cut in 0usize..4000, flips in prop::collection::vec((0usize..4000, any::<u8>()), 0..8)) {
        let mut bytes = draft_docx();
        for (at, x) in flips {
            let at = at % bytes.len();
            bytes[at] ^= x;
        }
        bytes.truncate(cut.max(4));
        let _ = input::from_bytes("fuzz.docx", &bytes, None);
    }
}

/// Writes the .docx files above into fuzz/seeds, where the fuzzer starts from them:
/// `cargo test --test docx -- --ignored write_fuzz_seeds`.
#[test]
#[ignore = "writes files into the repository"]
fn write_fuzz_seeds() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    let dir = root.join("pipeline");
    std::fs::create_dir_all(&dir).unwrap();
    let numbered = [
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>总体要求</w:t></w:r></w:p>",
        "<w:p><w:pPr><w:pStyle w:val=\"2\"/></w:pPr><w:r><w:t>指导思想</w:t></w:r></w:p>",
    ]
    .concat();
    let seeds = [
        ("draft.docx", draft_docx()),
        (
            "stored.docx",
            package(
                &[("word/document.xml", &document(&para("", &run("正文。"))))],
                CompressionMethod::Stored,
            ),
        ),
        (
            "numbered.docx",
            package(
                &[
                    ("word/document.xml", &document(&numbered)),
                    ("word/styles.xml", STYLES),
                    ("word/numbering.xml", NUMBERING),
                ],
                CompressionMethod::Stored,
            ),
        ),
        ("doc.doc", ole2("WordDocument")),
        ("encrypted.docx", ole2("EncryptedPackage")),
        ("draft.txt", PLAIN.as_bytes().to_vec()),
    ];
    for (name, bytes) in seeds {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    // The docx_xml target takes the parts themselves, separated by FF FE FD.
    let dir = root.join("docx_xml");
    std::fs::create_dir_all(&dir).unwrap();
    let parts = |parts: &[&str]| {
        let parts: Vec<Vec<u8>> = parts
            .iter()
            .map(|p| with_namespace(p).into_bytes())
            .collect();
        parts.join(b"\xFF\xFE\xFD".as_slice())
    };
    let xml_seeds = [
        (
            "draft",
            parts(&[&document(&draft_body()), STYLES, NUMBERING]),
        ),
        (
            "numbered",
            parts(&[&document(&numbered), STYLES, NUMBERING]),
        ),
        ("plain", parts(&[&document(&para("", &run("正文。")))])),
    ];
    for (name, bytes) in xml_seeds {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}

#[test]
fn fix_diffs_a_docx_as_text_and_never_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = draft_docx();
    let path = write(&dir, "draft.docx", &bytes);
    // The text shown and diffed is the document's plain text.
    let shown = shengao().args(["fix", &path]).output().unwrap();
    assert!(shown.status.code().is_some_and(|c| c <= 1), "{shown:?}");
    assert_eq!(
        String::from_utf8(shown.stdout).unwrap().lines().count(),
        PLAIN.lines().count()
    );
    shengao()
        .args(["fix", "--diff", &path])
        .assert()
        .code(predicate::in_iter([0, 1]));
    // --write would replace a Word file with plain text: refused once, with no diff shown, the
    // file untouched, and the other files still fixed.
    let text = write(&dir, "draft.txt", "我们,要坚持。\n");
    let refused = format!("shengao: error: {path}: a .docx is not rewritten");
    let out = shengao()
        .args(["fix", "--write", "--diff", &path, &text])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.matches(&refused).count(), 1, "{stderr}");
    assert!(
        stderr.contains(&format!("{text}: 1 fix applied")),
        "{stderr}"
    );
    let diff = String::from_utf8(out.stdout).unwrap();
    assert!(diff.contains(&format!("+++ {text}")), "{diff}");
    assert!(!diff.contains(&path), "{diff}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    assert_eq!(std::fs::read_to_string(&text).unwrap(), "我们，要坚持。\n");
}

/// The library's `write_back` refuses a .docx on its own, whoever calls it. (`fix --write`
/// refuses sooner, as soon as the file is read and before it is fixed; that order saves work
/// but changes no output, so no test here can see it.)
#[test]
fn fix_fixes_a_docx_as_text_and_write_back_refuses_it() {
    use shengao::config::Config;
    use shengao::fix;
    let dir = tempfile::tempdir().unwrap();
    let bytes = draft_docx();
    let path = write(&dir, "draft.docx", &bytes);
    let config = Config::default();
    let fixed = fix::fix_input(
        fix::read(std::path::Path::new(&path), &config).unwrap(),
        &config,
    );
    assert_eq!(fixed.kind, SourceKind::Docx);
    assert_eq!(fixed.original.lines().count(), PLAIN.lines().count());
    let err = fix::write_back(&fixed).unwrap_err();
    assert_eq!(err.path, path);
    assert!(
        err.reason.starts_with("a .docx is not rewritten"),
        "{}",
        err.reason
    );
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}
