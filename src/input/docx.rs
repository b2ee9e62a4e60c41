//! Reading a Word .docx: the text of its paragraphs, its automatic numbering and its heading
//! hints.
//!
//! The text is one line per paragraph of the main document part (`word/document.xml`), in
//! order, so that line N of the text is paragraph N of the document (empty paragraphs count).
//! Inside a paragraph: the runs' text, `w:tab` as a tab, and a manual line break (`w:br`,
//! Shift+Enter) as U+2028 LINE SEPARATOR, which does not start a new line. A table's cells are
//! read row by row, each cell's paragraphs as lines; a text box's paragraphs follow the
//! paragraph that anchors it.
//!
//! Left out, as Word shows a document with tracked changes accepted and markup hidden:
//! deleted text (`w:del`, `w:moveFrom`), deleted table rows, hidden text (`w:vanish`), field
//! codes (`w:instrText`), ruby annotations, the older version of changed properties
//! (`w:pPrChange` …), and comments, footnotes and headers, which live in other parts. A
//! paragraph whose mark was deleted joins the next one, as it does when the change is
//! accepted.
//!
//! Automatic numbering is resolved from `word/numbering.xml` through the paragraph's own
//! `w:numPr` or its style's, and written before the text as the reader sees it: `一、`,
//! `（一）`, `1.`, `（1）`. Paragraphs whose style (or own properties) give an outline level, as
//! Word's 标题 1–9 styles do, are returned as [`HeadingHint`]s.

use std::collections::{HashMap, VecDeque};
use std::io::Cursor;

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use zip::ZipArchive;
use zip::result::ZipError;

use super::limits::{self, Limits, human};
use crate::analyze::structure::numeral::chinese;
use crate::analyze::work::{self, Step};
use crate::report::HeadingHint;

/// The text of a .docx and what its styles say about headings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Docx {
    /// One line per paragraph, each ending in `\n`.
    pub text: String,
    /// Paragraphs with an outline level, in document order.
    pub headings: Vec<HeadingHint>,
}

/// Reads the .docx in `bytes`. The error is a reason phrase for [`super::InputError`].
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Docx, String> {
    let mut archive = open(bytes, limits)?;
    let main = main_part(&mut archive, limits)?;
    let Some(document) = read_part(&mut archive, &main, limits)? else {
        return Err(not_word(&mut archive, limits));
    };
    let rels = match read_part(&mut archive, &rels_of(&main), limits)? {
        Some(xml) => relationships(&rels_of(&main), &xml)?,
        None => Vec::new(),
    };
    let dir = main.rsplit_once('/').map_or("", |(dir, _)| dir);
    let part_of = |kind: &str, default: &str| {
        rels.iter()
            .find(|(t, _)| t.ends_with(kind))
            .map_or_else(|| join(dir, default), |(_, target)| join(dir, target))
    };
    let styles_path = part_of("/styles", "styles.xml");
    let styles = read_part(&mut archive, &styles_path, limits)?;
    let numbering_path = part_of("/numbering", "numbering.xml");
    let numbering = read_part(&mut archive, &numbering_path, limits)?;
    read_parts(
        (&main, &document),
        styles.as_deref().map(|xml| (styles_path.as_str(), xml)),
        numbering
            .as_deref()
            .map(|xml| (numbering_path.as_str(), xml)),
        limits.max_text_bytes,
    )
}

/// Reads a document from its unzipped XML parts: `word/document.xml` and, if there are
/// any, `word/styles.xml` and `word/numbering.xml`.
pub fn from_parts(
    document: &[u8],
    styles: Option<&[u8]>,
    numbering: Option<&[u8]>,
) -> Result<Docx, String> {
    read_parts(
        ("word/document.xml", document),
        styles.map(|xml| ("word/styles.xml", xml)),
        numbering.map(|xml| ("word/numbering.xml", xml)),
        Limits::default().max_text_bytes,
    )
}

/// Reads the (name, XML) parts of a document.
fn read_parts(
    document: (&str, &[u8]),
    styles: Option<(&str, &[u8])>,
    numbering: Option<(&str, &[u8])>,
    max_text: u64,
) -> Result<Docx, String> {
    let styles = match styles {
        Some((name, xml)) => Styles::parse(name, xml)?,
        None => Styles::default(),
    };
    let numbering = match numbering {
        Some((name, xml)) => Numbering::parse(name, xml, &styles)?,
        None => Numbering::default(),
    };
    document_text(document.0, document.1, &styles, numbering, max_text)
}

fn open<'a>(bytes: &'a [u8], limits: &Limits) -> Result<ZipArchive<Cursor<&'a [u8]>>, String> {
    let too_many = |n: u64| {
        format!(
            "the .docx lists {n} entries, more than the {} shengao reads (a damaged or hostile file?)",
            limits.max_entries
        )
    };
    if let Some(declared) = limits::declared_zip_entries(bytes) {
        if declared > limits.max_entries {
            return Err(too_many(declared));
        }
    }
    let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        format!("damaged .docx: not a readable zip archive ({e}); the file may be truncated")
    })?;
    if archive.len() as u64 > limits.max_entries {
        return Err(too_many(archive.len() as u64));
    }
    Ok(archive)
}

type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// The path of the main document part, from the package relationships.
fn main_part(archive: &mut Archive, limits: &Limits) -> Result<String, String> {
    const DEFAULT: &str = "word/document.xml";
    let Some(xml) = read_part(archive, "_rels/.rels", limits)? else {
        return Ok(DEFAULT.to_string());
    };
    let rels = relationships("_rels/.rels", &xml)?;
    Ok(rels
        .into_iter()
        .find(|(t, _)| t.ends_with("/officeDocument"))
        .map_or_else(|| DEFAULT.to_string(), |(_, target)| join("", &target)))
}

/// The reason a zip archive without a Word document part is refused.
fn not_word(archive: &mut Archive, limits: &Limits) -> String {
    let has = |archive: &Archive, name: &str| archive.index_for_name(name).is_some();
    if has(archive, "xl/workbook.xml") {
        return "an Excel workbook (.xlsx), not a Word document".to_string();
    }
    if has(archive, "ppt/presentation.xml") {
        return "a PowerPoint presentation (.pptx), not a Word document".to_string();
    }
    let mimetype = read_part(archive, "mimetype", limits).ok().flatten();
    if mimetype.is_some_and(|m| m.starts_with(b"application/vnd.oasis.opendocument")) {
        return "an OpenDocument file (.odt, from WPS or LibreOffice); save it as .docx \
                (另存为 → Word 文档) and check that"
            .to_string();
    }
    "a zip archive but not a Word document (it has no word/document.xml)".to_string()
}

/// The uncompressed bytes of the entry `name`, `None` if there is no such entry. Refuses an
/// entry that declares, or turns out to have, more than the part limit.
fn read_part(
    archive: &mut Archive,
    name: &str,
    limits: &Limits,
) -> Result<Option<Vec<u8>>, String> {
    let mut file = match archive.by_name(name) {
        Ok(file) => file,
        Err(ZipError::FileNotFound) => return Ok(None),
        Err(ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED)) => {
            return Err(ENCRYPTED.to_string());
        }
        Err(e) => return Err(format!("damaged .docx: cannot read {name} ({e})")),
    };
    let limit = limits.max_part_bytes;
    if file.size() > limit {
        return Err(format!(
            "{name} declares {} bytes uncompressed, over the {} limit for one part \
             (a zip bomb, or not a real draft)",
            file.size(),
            human(limit)
        ));
    }
    match limits::read_at_most(&mut file, limit) {
        Ok(Some(bytes)) => Ok(Some(bytes)),
        Ok(None) => Err(format!(
            "{name} expands past the {} limit for one part although it declares {} bytes \
             (a zip bomb?); reading stopped there",
            human(limit),
            file.size()
        )),
        Err(e) => Err(format!("damaged .docx: cannot decompress {name} ({e})")),
    }
}

/// Why an encrypted Office document is refused.
pub const ENCRYPTED: &str = "a password-protected (encrypted) Office document; open it in Word \
     or WPS, remove the password (文件 → 信息 → 保护文档 → 用密码进行加密, clear it), save, and \
     check that";

/// `_rels/` path of a part's relationships: `word/document.xml` → `word/_rels/document.xml.rels`.
fn rels_of(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, name)) => format!("{dir}/_rels/{name}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// A relationship target resolved against the directory of its source part.
fn join(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let (base, target) = match target.strip_prefix('/') {
        Some(absolute) => ("", absolute),
        None => (dir, target),
    };
    for segment in base.split('/').chain(target.split('/')) {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// (type, target) of each internal relationship in a `.rels` part.
fn relationships(part: &str, xml: &[u8]) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    walk(part, xml, |item| {
        if let Item::Open(_, b"Relationship", e) = item {
            let external = attr(e, b"TargetMode").is_some_and(|m| m == "External");
            if let (Some(kind), Some(target), false) =
                (attr(e, b"Type"), attr(e, b"Target"), external)
            {
                out.push((kind, target));
            }
        }
        Flow::Enter
    })?;
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// XML walking

/// The namespaces that matter: WordprocessingML and markup compatibility.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    W,
    Mc,
    Other,
}

const W_NAMESPACES: [&[u8]; 2] = [
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const MC_NAMESPACE: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";

/// One step of a walk: an element opens (empty elements open and close), closes, or text.
enum Item<'e> {
    Open(Ns, &'e [u8], &'e BytesStart<'e>),
    /// The innermost open element closes.
    Close,
    Text(&'e str),
}

/// Whether to visit an opened element's content, or to stop the walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flow {
    Enter,
    Skip,
    Stop,
}

/// Namespace prefixes in scope: for each prefix, its bindings innermost last, so that a
/// lookup costs one hash probe whatever the depth.
#[derive(Default)]
struct Scopes {
    bound: HashMap<Vec<u8>, Vec<Ns>>,
    /// (depth, prefix) of every binding, in the order made.
    declared: Vec<(usize, Vec<u8>)>,
}

impl Scopes {
    fn open(&mut self, depth: usize, e: &BytesStart) -> Result<(), String> {
        for a in e.attributes().with_checks(false) {
            let a = a.map_err(|e| e.to_string())?;
            let key = a.key.as_ref();
            let prefix = match key.strip_prefix(b"xmlns") {
                Some([]) => Vec::new(),
                Some([b':', prefix @ ..]) => prefix.to_vec(),
                _ => continue,
            };
            let value = a.value.as_ref();
            let ns = if W_NAMESPACES.contains(&value) {
                Ns::W
            } else if value == MC_NAMESPACE {
                Ns::Mc
            } else {
                Ns::Other
            };
            self.bound.entry(prefix.clone()).or_default().push(ns);
            self.declared.push((depth, prefix));
        }
        Ok(())
    }

    fn close(&mut self, depth: usize) {
        while self.declared.last().is_some_and(|(d, _)| *d == depth) {
            if let Some((_, prefix)) = self.declared.pop() {
                if let Some(stack) = self.bound.get_mut(&prefix) {
                    stack.pop();
                }
            }
        }
    }

    /// The namespace and local name of a qualified name.
    fn resolve<'n>(&self, qname: &'n [u8]) -> (Ns, &'n [u8]) {
        let (prefix, local) = match qname.iter().position(|&b| b == b':') {
            Some(i) => (&qname[..i], &qname[i + 1..]),
            None => (&qname[..0], qname),
        };
        let ns = self
            .bound
            .get(prefix)
            .and_then(|stack| stack.last())
            .copied()
            .unwrap_or(Ns::Other);
        (ns, local)
    }
}

/// Elements no reader wants: the old side of tracked property changes (`w:pPrChange`, …)
/// and the fallback copy of alternate content.
fn always_skipped(ns: Ns, local: &[u8]) -> bool {
    (ns == Ns::W && local.ends_with(b"Change")) || (ns == Ns::Mc && local == b"Fallback")
}

/// The deepest nesting of XML elements read. Word nests tables in tables and content
/// controls in content controls, some tens of levels deep; a part nested deeper is refused
/// as broken or hostile, before its depth makes the walk or its readers slow.
pub const MAX_XML_DEPTH: usize = 1_000;

/// Walks the XML of `part`, calling `visit` for every element and text in document order.
/// Fails on XML that is not well-formed, including a part that ends with elements open, and
/// on elements nested deeper than [`MAX_XML_DEPTH`].
fn walk(part: &str, xml: &[u8], visit: impl FnMut(Item<'_>) -> Flow) -> Result<(), String> {
    let mut events = 0u64;
    let walked = walk_counted(part, xml, visit, &mut events);
    work::add(Step::XmlNodes, events);
    walked
}

/// [`walk`], counting the events read in `events`.
fn walk_counted(
    part: &str,
    xml: &[u8],
    mut visit: impl FnMut(Item<'_>) -> Flow,
    events: &mut u64,
) -> Result<(), String> {
    let utf8 = to_utf8(xml);
    let mut reader = Reader::from_reader(utf8.as_ref());
    reader.config_mut().check_end_names = true;
    let malformed = |reader: &Reader<&[u8]>, e: &dyn std::fmt::Display| {
        format!(
            "{part} is not well-formed XML (at byte {}: {e})",
            reader.error_position()
        )
    };
    let mut scopes = Scopes::default();
    let mut depth = 0usize;
    // Inside a skipped element: how many of its elements are open, itself included.
    let mut skip = 0usize;
    let mut elements = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| malformed(&reader, &e))?;
        *events += 1;
        if matches!(event, Event::Start(_)) && depth == MAX_XML_DEPTH {
            return Err(format!(
                "{part} nests XML elements more than {MAX_XML_DEPTH} deep (at byte {}): \
                 no Word document does; the file is broken or made to be slow",
                reader.buffer_position()
            ));
        }
        match event {
            Event::Start(_) if skip > 0 => {
                skip += 1;
                depth += 1;
            }
            Event::Empty(_) if skip > 0 => {}
            Event::Start(e) => {
                depth += 1;
                elements += 1;
                scopes.open(depth, &e).map_err(|m| malformed(&reader, &m))?;
                let (ns, local) = scopes.resolve(e.name().into_inner());
                if always_skipped(ns, local) {
                    skip = 1;
                } else {
                    match visit(Item::Open(ns, local, &e)) {
                        Flow::Enter => {}
                        Flow::Skip => skip = 1,
                        Flow::Stop => return Ok(()),
                    }
                }
            }
            Event::Empty(e) => {
                elements += 1;
                scopes
                    .open(depth + 1, &e)
                    .map_err(|m| malformed(&reader, &m))?;
                let (ns, local) = scopes.resolve(e.name().into_inner());
                if !always_skipped(ns, local) {
                    let flow = match visit(Item::Open(ns, local, &e)) {
                        Flow::Enter => visit(Item::Close),
                        flow => flow,
                    };
                    if flow == Flow::Stop {
                        return Ok(());
                    }
                }
                scopes.close(depth + 1);
            }
            Event::End(_) => {
                if skip > 0 {
                    skip -= 1;
                } else if visit(Item::Close) == Flow::Stop {
                    return Ok(());
                }
                if skip == 0 {
                    scopes.close(depth);
                }
                depth = depth
                    .checked_sub(1)
                    .ok_or_else(|| malformed(&reader, &"a closing tag without an opening one"))?;
            }
            Event::Text(t) if skip == 0 && depth > 0 => {
                let text = t.decode().map_err(|e| malformed(&reader, &e))?;
                if visit(Item::Text(&text)) == Flow::Stop {
                    return Ok(());
                }
            }
            Event::CData(t) if skip == 0 && depth > 0 => {
                let text = t.decode().map_err(|e| malformed(&reader, &e))?;
                if visit(Item::Text(&text)) == Flow::Stop {
                    return Ok(());
                }
            }
            Event::GeneralRef(r) if skip == 0 && depth > 0 => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    Ok(None) => match &r[..] {
                        b"lt" => Some('<'),
                        b"gt" => Some('>'),
                        b"amp" => Some('&'),
                        b"apos" => Some('\''),
                        b"quot" => Some('"'),
                        // An entity a DTD would define: never expanded.
                        _ => None,
                    },
                    Err(e) => return Err(malformed(&reader, &e)),
                };
                if let Some(c) = c {
                    if visit(Item::Text(c.encode_utf8(&mut [0; 4]))) == Flow::Stop {
                        return Ok(());
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if depth > 0 {
        return Err(format!(
            "{part} is not well-formed XML: it ends with {depth} elements still open (truncated?)"
        ));
    }
    if elements == 0 {
        return Err(format!("{part} is empty: no XML element in it"));
    }
    Ok(())
}

/// The XML as UTF-8: a UTF-8 byte-order mark removed, UTF-16 (with a mark, or a declaration
/// that shows the byte order) converted.
fn to_utf8(xml: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    use std::borrow::Cow;
    let utf16 = match xml {
        [0xEF, 0xBB, 0xBF, rest @ ..] => return Cow::Borrowed(rest),
        [0xFF, 0xFE, ..] | [b'<', 0, b'?', 0, ..] => encoding_rs::UTF_16LE,
        [0xFE, 0xFF, ..] | [0, b'<', 0, b'?', ..] => encoding_rs::UTF_16BE,
        _ => return Cow::Borrowed(xml),
    };
    let (text, _, _) = utf16.decode(xml);
    Cow::Owned(text.into_owned().into_bytes())
}

/// The value of the attribute whose local name is `name` (`w:val` → `val`), unescaped.
fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    let a = e.attributes().with_checks(false).flatten().find(|a| {
        let key = a.key.as_ref();
        key.rsplit(|&b| b == b':').next() == Some(name)
    })?;
    a.normalized_value(XmlVersion::Implicit1_0)
        .ok()
        .map(|v| v.into_owned())
}

fn attr_u32(e: &BytesStart, name: &[u8]) -> Option<u32> {
    attr(e, name)?.trim().parse().ok()
}

/// An on/off property: present means on, unless `w:val` says `false`, `0` or `off`.
fn is_on(e: &BytesStart) -> bool {
    !matches!(attr(e, b"val").as_deref(), Some("false" | "0" | "off"))
}

/// The WordprocessingML elements whose nesting matters, as a compact stack entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    P,
    R,
    T,
    PPr,
    RPr,
    NumPr,
    Tr,
    TrPr,
    Style,
    AbstractNum,
    Num,
    Lvl,
    LvlOverride,
    Other,
}

fn tag(ns: Ns, local: &[u8]) -> Tag {
    if ns != Ns::W {
        return Tag::Other;
    }
    match local {
        b"p" => Tag::P,
        b"r" => Tag::R,
        b"t" => Tag::T,
        b"pPr" => Tag::PPr,
        b"rPr" => Tag::RPr,
        b"numPr" => Tag::NumPr,
        b"tr" => Tag::Tr,
        b"trPr" => Tag::TrPr,
        b"style" => Tag::Style,
        b"abstractNum" => Tag::AbstractNum,
        b"num" => Tag::Num,
        b"lvl" => Tag::Lvl,
        b"lvlOverride" => Tag::LvlOverride,
        _ => Tag::Other,
    }
}

/// The last `N` tags of the stack, innermost last (`Other` where the stack is shorter).
fn tail<const N: usize>(stack: &[Tag]) -> [Tag; N] {
    let mut out = [Tag::Other; N];
    let n = stack.len().min(N);
    out[N - n..].copy_from_slice(&stack[stack.len() - n..]);
    out
}

// ---------------------------------------------------------------------------------------
// Styles

/// A paragraph's numbering reference: `w:numPr`'s `w:numId` and `w:ilvl`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct NumRef {
    id: Option<u32>,
    level: Option<u32>,
}

#[derive(Debug, Clone, Default)]
struct Style {
    based_on: Option<String>,
    outline: Option<u32>,
    /// N of Word's built-in `heading N` style names.
    heading: Option<u32>,
    num: NumRef,
}

/// What a style gives its paragraphs once its `w:basedOn` chain is followed.
#[derive(Debug, Clone, Copy, Default)]
struct Resolved {
    /// The outline level, 0 (top) to 8.
    outline: Option<u32>,
    /// The numbering, and the index of the style in the chain that set it.
    num: Option<(NumRef, usize)>,
}

/// The styles of `word/styles.xml` that bear on headings and numbering, each resolved once:
/// a paragraph costs one lookup of its style's name, whatever the chain behind it.
#[derive(Debug, Default)]
struct Styles {
    index: HashMap<String, usize>,
    resolved: Vec<Resolved>,
    /// The paragraph style used when a paragraph names none (or one that does not exist).
    default: Option<usize>,
}

/// How far a `w:basedOn` or `w:numStyleLink` chain is followed (it may loop in a damaged
/// file).
const MAX_CHAIN: usize = 32;

impl Styles {
    fn parse(part: &str, xml: &[u8]) -> Result<Styles, String> {
        let mut index = HashMap::new();
        let mut styles: Vec<Style> = Vec::new();
        let mut default_id = None;
        let mut stack: Vec<Tag> = Vec::new();
        let mut current: Option<(String, Style)> = None;
        walk(part, xml, |item| {
            match item {
                Item::Open(ns, local, e) => {
                    let t = tag(ns, local);
                    let [grand, parent] = tail::<2>(&stack);
                    let style = current.as_mut().map(|(_, s)| s);
                    match (t, ns == Ns::W, local, style) {
                        (Tag::Style, _, _, _) => {
                            let id = attr(e, b"styleId").unwrap_or_default();
                            let paragraph = attr(e, b"type").is_none_or(|t| t == "paragraph");
                            if paragraph
                                && attr(e, b"default").is_some_and(|d| d == "1" || d == "true")
                            {
                                default_id = Some(id.clone());
                            }
                            current = Some((id, Style::default()));
                        }
                        (_, true, b"name", Some(s)) if parent == Tag::Style => {
                            s.heading = attr(e, b"val").and_then(|n| heading_style_number(&n));
                        }
                        (_, true, b"basedOn", Some(s)) if parent == Tag::Style => {
                            s.based_on = attr(e, b"val");
                        }
                        (_, true, b"outlineLvl", Some(s))
                            if parent == Tag::PPr && grand == Tag::Style =>
                        {
                            s.outline = attr_u32(e, b"val");
                        }
                        (_, true, b"numId", Some(s))
                            if parent == Tag::NumPr && grand == Tag::PPr =>
                        {
                            s.num.id = attr_u32(e, b"val");
                        }
                        (_, true, b"ilvl", Some(s))
                            if parent == Tag::NumPr && grand == Tag::PPr =>
                        {
                            s.num.level = attr_u32(e, b"val");
                        }
                        _ => {}
                    }
                    stack.push(t);
                }
                Item::Close => {
                    if stack.pop() == Some(Tag::Style) {
                        if let Some((id, style)) = current.take() {
                            index.insert(id, styles.len());
                            styles.push(style);
                        }
                    }
                }
                Item::Text(_) => {}
            }
            Flow::Enter
        })?;
        let default = default_id.and_then(|id| index.get(&id).copied());
        let resolved = resolve(&index, &styles);
        Ok(Styles {
            index,
            resolved,
            default,
        })
    }

    /// The index of the style a paragraph naming `id` has.
    fn find(&self, id: Option<&str>) -> Option<usize> {
        id.and_then(|id| self.index.get(id).copied())
            .or(self.default)
    }

    /// The `w:numId` of the list that the style named `id` gives (no default style).
    fn list_of(&self, id: &str) -> Option<u32> {
        let style = *self.index.get(id)?;
        self.resolved.get(style)?.num?.0.id
    }

    /// What the style of a paragraph naming `id` gives it.
    fn of(&self, id: Option<&str>) -> Resolved {
        self.find(id)
            .and_then(|i| self.resolved.get(i).copied())
            .unwrap_or_default()
    }
}

/// Each style with its chain followed: the nearest outline level (or heading name) and the
/// nearest numbering. At most [`MAX_CHAIN`] steps per style, each an index.
fn resolve(index: &HashMap<String, usize>, styles: &[Style]) -> Vec<Resolved> {
    let based: Vec<Option<usize>> = styles
        .iter()
        .map(|s| s.based_on.as_ref().and_then(|b| index.get(b).copied()))
        .collect();
    (0..styles.len())
        .map(|i| {
            let mut r = Resolved::default();
            let mut outline_found = false;
            let mut at = Some(i);
            for _ in 0..MAX_CHAIN {
                let Some(j) = at else { break };
                let s = &styles[j];
                if !outline_found {
                    if let Some(level) = s.outline {
                        // Level 9 is body text: no heading, and the chain stops here.
                        r.outline = (level < 9).then_some(level);
                        outline_found = true;
                    } else if let Some(n) = s.heading {
                        r.outline = Some(n - 1);
                        outline_found = true;
                    }
                }
                if r.num.is_none() && s.num.id.is_some() {
                    r.num = Some((s.num, j));
                }
                at = based[j];
            }
            r
        })
        .collect()
}

/// N for Word's built-in `heading N` styles (also `标题 N`), 1–9.
fn heading_style_number(name: &str) -> Option<u32> {
    let lower = name.to_lowercase();
    let rest = lower
        .strip_prefix("heading")
        .or_else(|| lower.strip_prefix("标题"))?;
    let n: u32 = rest.trim().parse().ok()?;
    (1..=9).contains(&n).then_some(n)
}

// ---------------------------------------------------------------------------------------
// Numbering

/// How a level writes its number (`w:numFmt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Decimal,
    /// Zero-padded to a width: `decimalZero` (01) or a custom `001, 002, …`.
    DecimalZero(usize),
    /// 一, 二, … 十, 十一: `chineseCounting`, `chineseCountingThousand`, `japaneseCounting`,
    /// `taiwaneseCounting…`.
    ChineseCounting,
    /// 壹, 贰, … 壹拾: `chineseLegalSimplified`.
    ChineseLegal,
    /// 一〇一, digit by digit: `ideographDigital`.
    IdeographDigital,
    /// 甲, 乙, 丙 …: `ideographTraditional`.
    HeavenlyStems,
    /// 子, 丑, 寅 …: `ideographZodiac`.
    EarthlyBranches,
    /// １, ２: `decimalFullWidth`.
    FullWidth,
    /// ①, ②: `decimalEnclosedCircle`, `decimalEnclosedCircleChinese`.
    Circled,
    /// ⑴, ⑵: `decimalEnclosedParen`.
    Parenthesized,
    /// ⒈, ⒉: `decimalEnclosedFullstop`.
    FullStop,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    /// `lvlText` is the bullet itself.
    Bullet,
    /// No number at all.
    None,
}

impl Format {
    fn parse(val: &str, custom: Option<&str>) -> Format {
        match val {
            "decimalZero" => Format::DecimalZero(2),
            "chineseCounting"
            | "chineseCountingThousand"
            | "japaneseCounting"
            | "taiwaneseCounting"
            | "taiwaneseCountingThousand" => Format::ChineseCounting,
            "chineseLegalSimplified" | "japaneseLegal" => Format::ChineseLegal,
            "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => {
                Format::IdeographDigital
            }
            "ideographTraditional" => Format::HeavenlyStems,
            "ideographZodiac" => Format::EarthlyBranches,
            "decimalFullWidth" | "decimalFullWidth2" => Format::FullWidth,
            "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => Format::Circled,
            "decimalEnclosedParen" => Format::Parenthesized,
            "decimalEnclosedFullstop" => Format::FullStop,
            "lowerLetter" => Format::LowerLetter,
            "upperLetter" => Format::UpperLetter,
            "lowerRoman" => Format::LowerRoman,
            "upperRoman" => Format::UpperRoman,
            "bullet" => Format::Bullet,
            "none" => Format::None,
            // Word 2010's custom formats (`001, 002, 003, ...`) inside mc:AlternateContent.
            "custom" => {
                let first = custom.unwrap_or("").split(',').next().unwrap_or("").trim();
                if first.len() > 1 && first.bytes().all(|b| b.is_ascii_digit()) {
                    Format::DecimalZero(first.len().min(9))
                } else {
                    Format::Decimal
                }
            }
            _ => Format::Decimal,
        }
    }

    /// `n` written in this format; formats with a small range fall back to decimal.
    fn render(self, n: u32) -> String {
        let from = |base: u32, first: u32| char::from_u32(base + n - first);
        let special = match self {
            Format::Decimal | Format::Bullet => None,
            Format::DecimalZero(width) => Some(format!("{n:0width$}")),
            Format::ChineseCounting => chinese(n, false),
            Format::ChineseLegal => chinese(n, true),
            Format::IdeographDigital => Some(
                n.to_string()
                    .bytes()
                    .map(|d| {
                        "〇一二三四五六七八九"
                            .chars()
                            .nth(usize::from(d - b'0'))
                            .unwrap_or('〇')
                    })
                    .collect(),
            ),
            Format::HeavenlyStems => "甲乙丙丁戊己庚辛壬癸"
                .chars()
                .nth((n as usize).wrapping_sub(1))
                .map(String::from),
            Format::EarthlyBranches => "子丑寅卯辰巳午未申酉戌亥"
                .chars()
                .nth((n as usize).wrapping_sub(1))
                .map(String::from),
            Format::FullWidth => Some(
                n.to_string()
                    .chars()
                    .filter_map(|d| char::from_u32(u32::from(d) - u32::from('0') + 0xFF10))
                    .collect(),
            ),
            Format::Circled => match n {
                1..=20 => from(0x2460, 1),
                21..=35 => from(0x3251, 21),
                36..=50 => from(0x32B1, 36),
                _ => None,
            }
            .map(String::from),
            Format::Parenthesized => match n {
                1..=20 => from(0x2474, 1).map(String::from),
                _ => Some(format!("({n})")),
            },
            Format::FullStop => match n {
                1..=20 => from(0x2488, 1).map(String::from),
                _ => Some(format!("{n}.")),
            },
            Format::LowerLetter | Format::UpperLetter if n > 0 => {
                let base = if self == Format::LowerLetter {
                    b'a'
                } else {
                    b'A'
                };
                let letter = char::from(base + ((n - 1) % 26) as u8);
                let times = ((n - 1) / 26 + 1).min(100) as usize;
                Some(std::iter::repeat_n(letter, times).collect())
            }
            Format::LowerRoman => roman(n).map(|r| r.to_lowercase()),
            Format::UpperRoman => roman(n),
            Format::None => Some(String::new()),
            _ => None,
        };
        special.unwrap_or_else(|| n.to_string())
    }
}

/// 1–3999 in Roman numerals.
fn roman(mut n: u32) -> Option<String> {
    if n == 0 || n > 3999 {
        return None;
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, letters) in TABLE {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    Some(out)
}

/// What follows the number (`w:suff`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Suffix {
    Tab,
    Space,
    Nothing,
}

/// One level of a list (`w:lvl`).
#[derive(Debug, Clone)]
struct Level {
    start: u32,
    format: Format,
    /// `w:lvlText`, e.g. `%1、`, `（%2）`, `%1.%2`.
    text: String,
    /// `w:lvlRestart`: restart after a use of this 1-based level or a higher one; 0 never.
    restart: Option<u32>,
    /// `w:isLgl`: every number of the marker in decimal.
    legal: bool,
    suffix: Suffix,
    /// `w:pStyle`: the paragraph style tied to this level, as its index in [`Styles`]. Names
    /// are looked up once, as the numbering is read: a paragraph never hashes one (a name may
    /// be as long as the file).
    style: Option<usize>,
}

impl Default for Level {
    fn default() -> Level {
        Level {
            start: 0,
            format: Format::Decimal,
            text: String::new(),
            restart: None,
            legal: false,
            suffix: Suffix::Tab,
            style: None,
        }
    }
}

const LEVELS: usize = 9;

/// The longest `w:lvlText` kept. Word's own are under 20 characters; a longer one repeated on
/// every numbered paragraph would only inflate the text.
const MAX_MARKER_CHARS: usize = 64;

#[derive(Debug, Clone, Default)]
struct AbstractNum {
    levels: [Option<Level>; LEVELS],
    /// `w:numStyleLink`: the levels are those of the list that the named numbering style
    /// gives, by its `w:numId` (looked up once, like [`Level::style`]); `Some(None)` when that
    /// style gives none or does not exist, which leaves this list without levels.
    link: Option<Option<u32>>,
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: Option<u32>,
    /// `w:lvlOverride`: a new start, a whole new level, or both.
    start_override: [Option<u32>; LEVELS],
    level_override: [Option<Level>; LEVELS],
}

/// Which counters a paragraph advances: lists share counters through their abstract
/// definition, unless an instance restarts its numbering with `w:startOverride`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum ListKey {
    Abstract(u32),
    Instance(u32),
}

/// The lists of `word/numbering.xml`, and the counters as the document is read.
#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<u32, AbstractNum>,
    nums: HashMap<u32, Num>,
    counters: HashMap<ListKey, [Option<u32>; LEVELS]>,
}

impl Numbering {
    /// Reads `word/numbering.xml`, tying levels and numbering styles to the `styles` they name.
    fn parse(part: &str, xml: &[u8], styles: &Styles) -> Result<Numbering, String> {
        let mut numbering = Numbering::default();
        let mut stack: Vec<Tag> = Vec::new();
        let mut abstract_num: Option<(u32, AbstractNum)> = None;
        let mut num: Option<(u32, Num)> = None;
        let mut level: Option<(usize, Level)> = None;
        let mut override_level: Option<usize> = None;
        walk(part, xml, |item| {
            match item {
                Item::Open(ns, local, e) => {
                    let t = tag(ns, local);
                    let [parent] = tail::<1>(&stack);
                    let val = || attr(e, b"val");
                    match t {
                        Tag::AbstractNum => {
                            abstract_num = attr_u32(e, b"abstractNumId")
                                .map(|id| (id, AbstractNum::default()));
                        }
                        Tag::Num => {
                            num = attr_u32(e, b"numId").map(|id| (id, Num::default()));
                        }
                        Tag::LvlOverride => {
                            override_level = attr_u32(e, b"ilvl")
                                .map(|l| l as usize)
                                .filter(|&l| l < LEVELS);
                        }
                        Tag::Lvl => {
                            let ilvl = match parent {
                                Tag::LvlOverride => override_level,
                                _ => attr_u32(e, b"ilvl").map(|l| l as usize),
                            };
                            level = ilvl.filter(|&l| l < LEVELS).map(|l| (l, Level::default()));
                        }
                        _ if ns == Ns::W && parent == Tag::Lvl => {
                            if let Some((_, lvl)) = level.as_mut() {
                                match local {
                                    b"start" => lvl.start = attr_u32(e, b"val").unwrap_or(0),
                                    b"numFmt" => {
                                        let format = attr(e, b"format");
                                        lvl.format = Format::parse(
                                            &val().unwrap_or_default(),
                                            format.as_deref(),
                                        );
                                    }
                                    b"lvlText" => {
                                        lvl.text = val()
                                            .unwrap_or_default()
                                            .chars()
                                            .take(MAX_MARKER_CHARS)
                                            .collect();
                                    }
                                    b"lvlRestart" => lvl.restart = attr_u32(e, b"val"),
                                    b"isLgl" => lvl.legal = is_on(e),
                                    b"pStyle" => {
                                        lvl.style =
                                            val().and_then(|s| styles.index.get(&s).copied());
                                    }
                                    b"suff" => {
                                        lvl.suffix = match val().as_deref() {
                                            Some("space") => Suffix::Space,
                                            Some("nothing") => Suffix::Nothing,
                                            _ => Suffix::Tab,
                                        }
                                    }
                                    _ => {}
                                }
                            }
                        }
                        _ if ns == Ns::W && parent == Tag::AbstractNum => {
                            if let (b"numStyleLink", Some((_, a))) = (local, abstract_num.as_mut())
                            {
                                a.link = val().map(|link| styles.list_of(&link));
                            }
                        }
                        _ if ns == Ns::W && parent == Tag::Num && local == b"abstractNumId" => {
                            if let Some((_, n)) = num.as_mut() {
                                n.abstract_id = attr_u32(e, b"val");
                            }
                        }
                        _ if ns == Ns::W
                            && parent == Tag::LvlOverride
                            && local == b"startOverride" =>
                        {
                            if let (Some((_, n)), Some(l)) = (num.as_mut(), override_level) {
                                n.start_override[l] = attr_u32(e, b"val");
                            }
                        }
                        _ => {}
                    }
                    stack.push(t);
                }
                Item::Close => match stack.pop() {
                    Some(Tag::Lvl) => {
                        let [parent] = tail::<1>(&stack);
                        if let Some((l, lvl)) = level.take() {
                            match parent {
                                Tag::LvlOverride => {
                                    if let Some((_, n)) = num.as_mut() {
                                        n.level_override[l] = Some(lvl);
                                    }
                                }
                                _ => {
                                    if let Some((_, a)) = abstract_num.as_mut() {
                                        a.levels[l] = Some(lvl);
                                    }
                                }
                            }
                        }
                    }
                    Some(Tag::AbstractNum) => {
                        if let Some((id, a)) = abstract_num.take() {
                            numbering.abstracts.insert(id, a);
                        }
                    }
                    Some(Tag::Num) => {
                        if let Some((id, n)) = num.take() {
                            numbering.nums.insert(id, n);
                        }
                    }
                    _ => {}
                },
                Item::Text(_) => {}
            }
            Flow::Enter
        })?;
        Ok(numbering)
    }

    /// The level a paragraph gets when its numbering comes from style number `style`: the
    /// level tied to that style with `w:pStyle`, or the first.
    fn level_of_style(&self, num_id: u32, style: usize) -> u32 {
        abstract_of(&self.abstracts, &self.nums, num_id)
            .and_then(|(_, a)| {
                a.levels
                    .iter()
                    .position(|l| l.as_ref().and_then(|l| l.style) == Some(style))
            })
            .map_or(0, |l| l as u32)
    }

    /// Counts one more paragraph at `level` of list `num_id` and returns its marker with the
    /// separator after it, or `None` if the list cannot be resolved.
    fn next(&mut self, num_id: u32, level: u32) -> Option<String> {
        let level = level as usize;
        if level >= LEVELS {
            return None;
        }
        let Numbering {
            abstracts,
            nums,
            counters,
        } = self;
        let (abstract_id, a) = abstract_of(abstracts, nums, num_id)?;
        let num = nums.get(&num_id)?;
        let levels: [Option<&Level>; LEVELS] =
            std::array::from_fn(|l| num.level_override[l].as_ref().or(a.levels[l].as_ref()));
        let starts: [u32; LEVELS] = std::array::from_fn(|l| {
            num.start_override[l]
                .or(levels[l].map(|x| x.start))
                .unwrap_or(0)
        });
        let key = if num.start_override.iter().any(Option::is_some) {
            ListKey::Instance(num_id)
        } else {
            ListKey::Abstract(abstract_id)
        };
        let this = levels[level]?;
        let counters = counters.entry(key).or_default();
        counters[level] = Some(counters[level].map_or(starts[level], |n| n.saturating_add(1)));
        for (l, counter) in counters.iter_mut().enumerate().skip(level + 1) {
            let restart_after = levels[l].and_then(|x| x.restart).unwrap_or(l as u32);
            if (level as u32) < restart_after {
                *counter = None;
            }
        }
        let marker = if this.format == Format::Bullet {
            this.text.chars().map(bullet).collect()
        } else {
            let mut out = String::new();
            let mut chars = this.text.chars().peekable();
            while let Some(c) = chars.next() {
                let number = chars
                    .peek()
                    .and_then(|d| d.to_digit(10))
                    .filter(|d| (1..=9).contains(d));
                match (c, number) {
                    ('%', Some(d)) => {
                        chars.next();
                        let l = d as usize - 1;
                        let n = counters[l].unwrap_or(starts[l]);
                        let format = match levels[l] {
                            Some(x) if !this.legal => x.format,
                            _ => Format::Decimal,
                        };
                        out.push_str(&format.render(n));
                    }
                    _ => out.push(c),
                }
            }
            out
        };
        let marker: String = marker
            .chars()
            .map(|c| if c == '\r' || c == '\n' { ' ' } else { c })
            .collect();
        let separator = match (this.suffix, marker.chars().last()) {
            (Suffix::Nothing, _) | (_, None) => "",
            (_, Some(c)) if is_marker_punctuation(c) => "",
            (_, Some(c)) if crate::doc::is_han(c) => "\u{3000}",
            _ => " ",
        };
        Some(marker + separator)
    }
}

/// The abstract list of instance `num_id`, following `w:numStyleLink`.
fn abstract_of<'n>(
    abstracts: &'n HashMap<u32, AbstractNum>,
    nums: &'n HashMap<u32, Num>,
    num_id: u32,
) -> Option<(u32, &'n AbstractNum)> {
    let mut id = nums.get(&num_id)?.abstract_id?;
    for _ in 0..MAX_CHAIN {
        let a = abstracts.get(&id)?;
        match a.link {
            None => return Some((id, a)),
            Some(link) => id = nums.get(&link?)?.abstract_id?,
        }
    }
    None
}

/// Symbol-font bullets (Symbol, Wingdings: private-use U+F0xx) become •.
fn bullet(c: char) -> char {
    if ('\u{F000}'..='\u{F0FF}').contains(&c) {
        '•'
    } else {
        c
    }
}

/// A marker ending in punctuation (`一、`, `（一）`, `1.`) runs straight into its text, as the
/// same heading typed by hand does.
fn is_marker_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || "、．。）〕】」』：，".contains(c)
}

// ---------------------------------------------------------------------------------------
// The document

/// A paragraph being read.
#[derive(Debug, Default)]
struct Para {
    text: String,
    style: Option<String>,
    num: NumRef,
    outline: Option<u32>,
    /// The paragraph mark was deleted (a tracked change) or hidden: the text joins the next
    /// paragraph.
    joins_next: bool,
    /// The current run is hidden text.
    hidden_run: bool,
    /// Paragraphs of text boxes anchored in this one, to follow it.
    boxed: VecDeque<Line>,
}

#[derive(Debug)]
struct Line {
    text: String,
    outline: Option<u32>,
}

fn document_text(
    part: &str,
    xml: &[u8],
    styles: &Styles,
    mut numbering: Numbering,
    max_text: u64,
) -> Result<Docx, String> {
    // Bytes of text so far: numbering repeated on every paragraph could make more text than
    // the XML it came from, so the total is capped.
    let mut total = 0u64;
    let mut stack: Vec<Tag> = Vec::new();
    let mut paras: Vec<Para> = Vec::new();
    let mut lines: Vec<Line> = Vec::new();
    // Text of paragraphs whose mark was deleted, waiting for the next paragraph.
    let mut carry = String::new();
    // Depth of a table row deleted as a tracked change: its paragraphs are dropped.
    let mut deleted_row: Option<usize> = None;
    let mut root: Option<(Ns, Vec<u8>)> = None;
    walk(part, xml, |item| {
        match item {
            Item::Open(ns, local, e) => {
                if root.is_none() {
                    root = Some((ns, local.to_vec()));
                }
                let t = tag(ns, local);
                let [great, grand, parent] = tail::<3>(&stack);
                if t == Tag::P {
                    paras.push(Para::default());
                }
                match (ns, local, paras.last_mut()) {
                    // A deleted row: remember its place in the stack, where it ends.
                    (Ns::W, b"del" | b"moveFrom", _)
                        if parent == Tag::TrPr && grand == Tag::Tr && deleted_row.is_none() =>
                    {
                        deleted_row = Some(stack.len() - 2);
                    }
                    (Ns::W, b"del" | b"moveFrom", Some(p))
                        if parent == Tag::RPr && grand == Tag::PPr =>
                    {
                        p.joins_next = true;
                    }
                    (Ns::W, b"vanish", Some(p)) if parent == Tag::RPr && is_on(e) => {
                        if grand == Tag::PPr && great == Tag::P {
                            p.joins_next = true;
                        } else if grand == Tag::R {
                            p.hidden_run = true;
                        }
                    }
                    // Deleted text, field codes, ruby text and document-level settings.
                    (
                        Ns::W,
                        b"del" | b"moveFrom" | b"instrText" | b"delText" | b"delInstrText" | b"rt"
                        | b"sectPr" | b"sdtPr",
                        _,
                    ) => return Flow::Skip,
                    (Ns::W, b"r", Some(p)) => p.hidden_run = false,
                    (Ns::W, b"pStyle", Some(p)) if parent == Tag::PPr => p.style = attr(e, b"val"),
                    (Ns::W, b"outlineLvl", Some(p)) if parent == Tag::PPr => {
                        p.outline = attr_u32(e, b"val");
                    }
                    (Ns::W, b"numId", Some(p)) if parent == Tag::NumPr && grand == Tag::PPr => {
                        p.num.id = attr_u32(e, b"val");
                    }
                    (Ns::W, b"ilvl", Some(p)) if parent == Tag::NumPr && grand == Tag::PPr => {
                        p.num.level = attr_u32(e, b"val");
                    }
                    (Ns::W, b"tab" | b"ptab", Some(p)) if parent == Tag::R && !p.hidden_run => {
                        p.text.push('\t');
                    }
                    // A page or column break is no break in the text.
                    (Ns::W, b"br" | b"cr", Some(p))
                        if parent == Tag::R
                            && !p.hidden_run
                            && !matches!(attr(e, b"type").as_deref(), Some("page" | "column")) =>
                    {
                        p.text.push('\u{2028}');
                    }
                    (Ns::W, b"noBreakHyphen", Some(p)) if parent == Tag::R && !p.hidden_run => {
                        p.text.push('-');
                    }
                    _ => {}
                }
                stack.push(t);
            }
            Item::Text(s) => {
                let [grand, parent] = tail::<2>(&stack);
                if let (Tag::T, Tag::R, Some(p)) = (parent, grand, paras.last_mut()) {
                    if !p.hidden_run {
                        // A line break inside w:t is white space to Word; lines are paragraphs.
                        p.text.extend(s.chars().map(|c| match c {
                            '\r' | '\n' => ' ',
                            c => c,
                        }));
                    }
                }
            }
            Item::Close => {
                let closed = stack.pop();
                if closed == Some(Tag::Tr) && deleted_row == Some(stack.len()) {
                    deleted_row = None;
                }
                if closed != Some(Tag::P) {
                    return Flow::Enter;
                }
                let Some(mut p) = paras.pop() else {
                    return Flow::Enter;
                };
                if deleted_row.is_some() {
                    return Flow::Enter;
                }
                // The paragraph's own line, then those of the boxes it anchors.
                let mut done = std::mem::take(&mut p.boxed);
                if p.joins_next {
                    carry.push_str(&p.text);
                } else {
                    let style = styles.of(p.style.as_deref());
                    let marker = marker(&p, style, &mut numbering).unwrap_or_default();
                    // The paragraph's own outline level wins; 9 is body text.
                    let outline = match p.outline {
                        Some(level) => (level < 9).then_some(level),
                        None => style.outline,
                    };
                    let text = marker + &std::mem::take(&mut carry) + &p.text;
                    total += text.len() as u64 + 1;
                    done.push_front(Line { text, outline });
                }
                if total > max_text {
                    return Flow::Stop;
                }
                match paras.last_mut() {
                    Some(anchor) => append_lines(&mut anchor.boxed, done),
                    None => lines.extend(done),
                }
            }
        }
        Flow::Enter
    })?;
    if total > max_text {
        return Err(format!(
            "the document's text is over {}, the most shengao reviews",
            human(max_text)
        ));
    }
    match root {
        Some((Ns::W, name)) if name == b"document" => {}
        Some((_, name)) => {
            return Err(format!(
                "not a Word document: its main part {part} is <{}>, not <w:document>",
                String::from_utf8_lossy(&name)
            ));
        }
        None => return Err(format!("{part} has no content")),
    }
    if !carry.is_empty() {
        lines.push(Line {
            text: carry,
            outline: None,
        });
    }
    let mut text = String::with_capacity(lines.iter().map(|l| l.text.len() + 1).sum());
    let mut headings = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        text.push_str(&line.text);
        text.push('\n');
        if let Some(level) = line.outline {
            headings.push(HeadingHint {
                line: i as u64 + 1,
                level: level as u8 + 1,
            });
        }
    }
    Ok(Docx { text, headings })
}

/// Puts `after` after `lines`, moving the shorter of the two: paragraphs nested in
/// paragraphs hand their lines up one level at a time, and copying the longer list at every
/// level cost the square of the depth. Each line is moved only when it joins a list at least
/// twice as long, so a few times in all.
fn append_lines(lines: &mut VecDeque<Line>, mut after: VecDeque<Line>) {
    work::add(Step::DocxLines, lines.len().min(after.len()) as u64);
    if lines.len() >= after.len() {
        lines.extend(after);
    } else {
        while let Some(line) = lines.pop_back() {
            after.push_front(line);
        }
        *lines = after;
    }
}

/// The automatic number of a finished paragraph, counted.
fn marker(p: &Para, style: Resolved, numbering: &mut Numbering) -> Option<String> {
    // The paragraph's own numId wins over its style's; numId 0 removes the numbering a style
    // would give.
    let id = match p.num.id {
        Some(id) => id,
        None => style.num?.0.id?,
    };
    if id == 0 {
        return None;
    }
    let level = p
        .num
        .level
        .or(style.num.and_then(|(num, _)| num.level))
        .unwrap_or_else(|| {
            style
                .num
                .map_or(0, |(_, s)| numbering.level_of_style(id, s))
        });
    numbering.next(id, level)
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    const MAX: u64 = 1 << 20;

    fn body(xml: &str) -> Vec<u8> {
        format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{xml}</w:body></w:document>"#).into_bytes()
    }

    fn read_with(xml: &str, styles: &str, numbering: &str) -> Docx {
        let styles = if styles.is_empty() {
            Styles::default()
        } else {
            Styles::parse(
                "styles.xml",
                format!("<w:styles {W}>{styles}</w:styles>").as_bytes(),
            )
            .unwrap()
        };
        let numbering = if numbering.is_empty() {
            Numbering::default()
        } else {
            Numbering::parse(
                "numbering.xml",
                format!("<w:numbering {W}>{numbering}</w:numbering>").as_bytes(),
                &styles,
            )
            .unwrap()
        };
        document_text("word/document.xml", &body(xml), &styles, numbering, MAX).unwrap()
    }

    fn read(xml: &str) -> String {
        read_with(xml, "", "").text
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    #[test]
    fn paragraphs_runs_tabs_and_breaks() {
        let xml = format!(
            "{}<w:p/><w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"420\"/></w:tabs></w:pPr>\
             <w:r><w:t xml:space=\"preserve\">一是</w:t></w:r><w:r><w:tab/><w:t>加强</w:t><w:br/>\
             <w:t>领导</w:t><w:br w:type=\"page\"/></w:r></w:p>",
            p("总体要求")
        );
        assert_eq!(read(&xml), "总体要求\n\n一是\t加强\u{2028}领导\n");
    }

    #[test]
    fn tracked_deletions_and_comments_are_left_out() {
        let xml = "<w:p><w:r><w:t>今年</w:t></w:r>\
            <w:del w:id=\"1\" w:author=\"审稿人\"><w:r><w:delText>已经</w:delText></w:r></w:del>\
            <w:ins w:id=\"2\" w:author=\"审稿人\"><w:r><w:t>基本</w:t></w:r></w:ins>\
            <w:commentRangeStart w:id=\"3\"/><w:r><w:t>完成</w:t></w:r><w:commentRangeEnd w:id=\"3\"/>\
            <w:r><w:commentReference w:id=\"3\"/></w:r>\
            <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>\
            <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>。</w:t></w:r>\
            <w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>";
        assert_eq!(read(xml), "今年基本完成。\n");
    }

    #[test]
    fn a_deleted_paragraph_mark_joins_the_next_paragraph() {
        let deleted = "<w:p><w:pPr><w:rPr><w:del w:id=\"1\" w:author=\"a\"/></w:rPr></w:pPr>\
            <w:del w:id=\"2\" w:author=\"a\"><w:r><w:delText>整段删除</w:delText></w:r></w:del></w:p>";
        let joined = "<w:p><w:pPr><w:rPr><w:del w:id=\"3\" w:author=\"a\"/></w:rPr></w:pPr>\
            <w:r><w:t>前半</w:t></w:r></w:p>";
        let xml = format!("{}{deleted}{joined}{}", p("甲"), p("后半。"));
        assert_eq!(read(&xml), "甲\n前半后半。\n");
    }

    #[test]
    fn hidden_text_property_changes_and_fallbacks_are_left_out() {
        let xml = format!(
            "<w:p><w:pPr><w:pPrChange w:id=\"1\"><w:pPr><w:numPr><w:ilvl w:val=\"0\"/>\
             <w:numId w:val=\"1\"/></w:numPr></w:pPr></w:pPrChange></w:pPr>\
             <w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>\
             <w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t>可见</w:t></w:r></w:p>\
             <w:p><w:r><mc:AlternateContent xmlns:mc=\"{}\"><mc:Choice Requires=\"wps\">\
             <w:drawing><w:txbxContent>{}</w:txbxContent></w:drawing></mc:Choice>\
             <mc:Fallback><w:pict><w:txbxContent>{}</w:txbxContent></w:pict></mc:Fallback>\
             </mc:AlternateContent></w:r><w:r><w:t>锚</w:t></w:r></w:p>{}",
            std::str::from_utf8(MC_NAMESPACE).unwrap(),
            p("框内"),
            p("框内"),
            p("末段")
        );
        let numbering = r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#;
        assert_eq!(
            read_with(&xml, "", numbering).text,
            "可见\n锚\n框内\n末段\n"
        );
    }

    #[test]
    fn tables_are_read_cell_by_cell_and_deleted_rows_dropped() {
        let cell = |t: &str| format!("<w:tc><w:tcPr/>{}</w:tc>", p(t));
        let xml = format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr><w:trPr><w:del w:id=\"1\" w:author=\"a\"/></w:trPr>{}</w:tr>\
             <w:tr>{}<w:tc><w:p/></w:tc></w:tr></w:tbl>{}",
            cell("指标"),
            cell("完成值"),
            cell("删掉的行"),
            cell("增长率"),
            p("表后")
        );
        assert_eq!(read(&xml), "指标\n完成值\n增长率\n\n表后\n");
    }

    #[test]
    fn entities_and_line_breaks_inside_text() {
        assert_eq!(
            read(&p("A&amp;B &#x4E00;&#20108; &lt;x&gt;\n续")),
            "A&B 一二 <x> 续\n"
        );
    }

    #[test]
    fn other_prefixes_for_the_word_namespace_are_understood() {
        let xml = r#"<ns0:document xmlns:ns0="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:a="urn:other"><ns0:body><ns0:p><ns0:r><ns0:t>正文</ns0:t></ns0:r><a:p><a:r><a:t>别的</a:t></a:r></a:p></ns0:p></ns0:body></ns0:document>"#;
        let doc = from_parts(xml.as_bytes(), None, None);
        assert_eq!(doc.unwrap().text, "正文\n");
    }

    const OUTLINE_STYLES: &str = r#"
        <w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>
            <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/>
            <w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="Loop1"><w:name w:val="x"/><w:basedOn w:val="Loop2"/></w:style>
        <w:style w:type="paragraph" w:styleId="Loop2"><w:name w:val="y"/><w:basedOn w:val="Loop1"/></w:style>"#;

    const OFFICIAL_LIST: &str = r#"
        <w:abstractNum w:abstractNumId="7">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
          <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
          <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%4）"/></w:lvl>
        </w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
        <w:num w:numId="2"><w:abstractNumId w:val="7"/></w:num>
        <w:num w:numId="3"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="2"><w:startOverride w:val="5"/></w:lvlOverride></w:num>"#;

    fn numbered(num: u32, level: u32, text: &str) -> String {
        format!(
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr>\
             <w:r><w:t>{text}</w:t></w:r></w:p>"
        )
    }

    #[test]
    fn automatic_numbering_is_written_out() {
        let xml = [
            numbered(1, 0, "总体要求"),
            numbered(1, 1, "指导思想"),
            numbered(1, 2, "坚持问题导向。"),
            numbered(1, 3, "细则。"),
            numbered(1, 2, "坚持目标导向。"),
            numbered(1, 1, "工作目标"),
            numbered(1, 2, "重新计数。"),
            // Another instance of the same list continues it.
            numbered(2, 0, "重点任务"),
            // An instance with a start override counts on its own.
            numbered(3, 2, "从五开始。"),
            numbered(3, 2, "然后是六。"),
            numbered(1, 0, "保障措施"),
        ]
        .concat();
        let text = read_with(&xml, "", OFFICIAL_LIST).text;
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            [
                "一、总体要求",
                "（一）指导思想",
                "1.坚持问题导向。",
                "（1）细则。",
                "2.坚持目标导向。",
                "（二）工作目标",
                "1.重新计数。",
                "二、重点任务",
                "5.从五开始。",
                "6.然后是六。",
                "三、保障措施",
            ]
        );
    }

    #[test]
    fn numbering_and_outline_levels_come_from_styles() {
        let xml = [
            "<w:p><w:pPr><w:pStyle w:val=\"1\"/></w:pPr><w:r><w:t>总体要求</w:t></w:r></w:p>",
            "<w:p><w:pPr><w:pStyle w:val=\"2\"/></w:pPr><w:r><w:t>指导思想</w:t></w:r></w:p>",
            &p("正文。"),
            // numId 0 takes the style's numbering away; the outline level stays.
            "<w:p><w:pPr><w:pStyle w:val=\"1\"/><w:numPr><w:numId w:val=\"0\"/></w:numPr></w:pPr><w:r><w:t>附件</w:t></w:r></w:p>",
            "<w:p><w:pPr><w:outlineLvl w:val=\"2\"/></w:pPr><w:r><w:t>直接大纲级别</w:t></w:r></w:p>",
            "<w:p><w:pPr><w:pStyle w:val=\"Loop1\"/></w:pPr><w:r><w:t>循环样式</w:t></w:r></w:p>",
            "<w:p><w:pPr><w:pStyle w:val=\"1\"/></w:pPr><w:r><w:t>重点任务</w:t></w:r></w:p>",
        ]
        .concat();
        let doc = read_with(&xml, OUTLINE_STYLES, OFFICIAL_LIST);
        assert_eq!(
            doc.text,
            "一、总体要求\n（一）指导思想\n正文。\n附件\n直接大纲级别\n循环样式\n二、重点任务\n"
        );
        let hints: Vec<(u64, u8)> = doc.headings.iter().map(|h| (h.line, h.level)).collect();
        assert_eq!(hints, [(1, 1), (2, 2), (4, 1), (5, 3), (7, 1)]);
    }

    #[test]
    fn a_num_pr_without_a_num_id_takes_the_list_of_the_style() {
        // The paragraph's own ilvl picks the level of the list its style gives.
        let xml = [
            "<w:p><w:pPr><w:pStyle w:val=\"1\"/></w:pPr><w:r><w:t>总体要求</w:t></w:r></w:p>",
            "<w:p><w:pPr><w:pStyle w:val=\"1\"/><w:numPr><w:ilvl w:val=\"1\"/></w:numPr></w:pPr>\
             <w:r><w:t>指导思想</w:t></w:r></w:p>",
        ]
        .concat();
        assert_eq!(
            read_with(&xml, OUTLINE_STYLES, OFFICIAL_LIST).text,
            "一、总体要求\n（一）指导思想\n"
        );
    }

    #[test]
    fn list_levels_tied_to_styles_number_the_paragraphs_of_those_styles() {
        // Word's multilevel heading lists: each style names only the list, each level of the
        // list names its style (w:pStyle).
        let styles = r#"
            <w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/>
                <w:pPr><w:numPr><w:numId w:val="8"/></w:numPr></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="H2"><w:name w:val="heading 2"/>
                <w:pPr><w:numPr><w:numId w:val="8"/></w:numPr></w:pPr></w:style>"#;
        let numbering = r#"
            <w:abstractNum w:abstractNumId="9">
              <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="H1"/><w:lvlText w:val="%1、"/></w:lvl>
              <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="H2"/><w:lvlText w:val="（%2）"/></w:lvl>
            </w:abstractNum>
            <w:num w:numId="8"><w:abstractNumId w:val="9"/></w:num>"#;
        let styled = |style: &str, text: &str| {
            format!(
                "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"
            )
        };
        let xml = [
            styled("H1", "总体要求"),
            styled("H2", "指导思想"),
            styled("H2", "基本原则"),
            styled("H1", "重点任务"),
        ]
        .concat();
        assert_eq!(
            read_with(&xml, styles, numbering).text,
            "一、总体要求\n（一）指导思想\n（二）基本原则\n二、重点任务\n"
        );
    }

    #[test]
    fn a_numbering_style_link_is_followed() {
        let styles = r#"<w:style w:type="numbering" w:styleId="OfficialList"><w:name w:val="Official List"/>
            <w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>"#;
        let numbering = r#"
            <w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="OfficialList"/></w:abstractNum>
            <w:abstractNum w:abstractNumId="2"><w:styleLink w:val="OfficialList"/>
              <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>
            <w:num w:numId="5"><w:abstractNumId w:val="2"/></w:num>
            <w:num w:numId="6"><w:abstractNumId w:val="1"/></w:num>
            <w:abstractNum w:abstractNumId="3"><w:numStyleLink w:val="Nowhere"/></w:abstractNum>
            <w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num>"#;
        let xml = [
            numbered(6, 0, "甲"),
            numbered(5, 0, "乙"),
            numbered(7, 0, "丙"),
        ]
        .concat();
        assert_eq!(
            read_with(&xml, styles, numbering).text,
            "一、甲\n二、乙\n丙\n"
        );
    }

    #[test]
    fn a_paragraph_outline_level_of_9_is_body_text() {
        let xml = "<w:p><w:pPr><w:pStyle w:val=\"1\"/><w:outlineLvl w:val=\"9\"/></w:pPr><w:r><w:t>正文</w:t></w:r></w:p>";
        assert!(read_with(xml, OUTLINE_STYLES, "").headings.is_empty());
    }

    #[test]
    fn numbering_cannot_inflate_the_text() {
        // A 10,000-character lvlText is cut to MAX_MARKER_CHARS.
        let long = "甲".repeat(10_000);
        let numbering = format!(
            r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="{long}%1"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#
        );
        let text = read_with(&numbered(1, 0, "乙"), "", &numbering).text;
        assert_eq!(text, "甲".repeat(MAX_MARKER_CHARS) + "\u{3000}乙\n");
        // And the whole text has a ceiling, whatever the numbering makes of it.
        let xml = body(&numbered(1, 0, "乙").repeat(2_000));
        let numbering = Numbering::parse(
            "numbering.xml",
            format!("<w:numbering {W}>{numbering}</w:numbering>").as_bytes(),
            &Styles::default(),
        )
        .unwrap();
        let err = document_text(
            "word/document.xml",
            &xml,
            &Styles::default(),
            numbering,
            100_000,
        )
        .unwrap_err();
        assert!(err.contains("over 100000 bytes"), "{err}");
    }

    #[test]
    fn number_formats() {
        let cases: &[(Format, u32, &str)] = &[
            (Format::ChineseCounting, 1, "一"),
            (Format::ChineseCounting, 11, "十一"),
            (Format::ChineseCounting, 101, "一百零一"),
            (Format::ChineseCounting, 0, "0"),
            (Format::ChineseLegal, 10, "壹拾"),
            (Format::IdeographDigital, 105, "一〇五"),
            (Format::HeavenlyStems, 3, "丙"),
            (Format::HeavenlyStems, 11, "11"),
            (Format::EarthlyBranches, 12, "亥"),
            (Format::FullWidth, 12, "１２"),
            (Format::Circled, 1, "①"),
            (Format::Circled, 21, "㉑"),
            (Format::Circled, 50, "㊿"),
            (Format::Circled, 51, "51"),
            (Format::Parenthesized, 2, "⑵"),
            (Format::Parenthesized, 21, "(21)"),
            (Format::FullStop, 3, "⒊"),
            (Format::LowerLetter, 28, "bb"),
            (Format::UpperLetter, 1, "A"),
            (Format::UpperRoman, 14, "XIV"),
            (Format::LowerRoman, 4000, "4000"),
            (Format::DecimalZero(3), 7, "007"),
            (Format::None, 5, ""),
            (Format::Decimal, u32::MAX, "4294967295"),
        ];
        for &(format, n, expected) in cases {
            assert_eq!(format.render(n), expected, "{format:?} {n}");
        }
        assert_eq!(
            Format::parse("custom", Some("001, 002, 003, ...")),
            Format::DecimalZero(3)
        );
        assert_eq!(Format::parse("somethingNew", None), Format::Decimal);
    }

    #[test]
    fn separators_after_markers() {
        let list = r#"<w:abstractNum w:abstractNumId="1">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1章"/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF0B7;"/></w:lvl>
          <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/><w:lvlText w:val="%1.%3"/><w:suff w:val="space"/></w:lvl>
        </w:abstractNum><w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>"#;
        let xml = [
            numbered(4, 0, "总则"),
            numbered(4, 1, "要点"),
            numbered(4, 2, "条款"),
            numbered(9, 0, "未定义的列表"),
        ]
        .concat();
        assert_eq!(
            read_with(&xml, "", list).text,
            "第一章\u{3000}总则\n• 要点\n1.1 条款\n未定义的列表\n"
        );
    }

    #[test]
    fn malformed_xml_is_an_error_with_a_place() {
        let mismatched = body("<w:p><w:r><w:t>甲</w:r></w:p>");
        let err = from_parts(&mismatched, None, None).unwrap_err();
        assert!(
            err.starts_with("word/document.xml is not well-formed XML (at byte"),
            "{err}"
        );
        let truncated = &body(&p("甲"))[..120];
        let err = from_parts(truncated, None, None).unwrap_err();
        assert!(err.contains("not well-formed"), "{err}");
        let err = from_parts(b"", None, None).unwrap_err();
        assert!(err.contains("empty"), "{err}");
        let other = b"<workbook xmlns=\"urn:x\"><sheet/></workbook>";
        let err = document_text(
            "xl/workbook.xml",
            other,
            &Styles::default(),
            Numbering::default(),
            MAX,
        )
        .unwrap_err();
        assert!(err.contains("not a Word document"), "{err}");
    }

    #[test]
    fn utf16_parts_are_read() {
        let xml = String::from_utf8(body(&p("正文")))
            .unwrap()
            .replace("UTF-8", "UTF-16");
        let mut bytes = vec![0xFF, 0xFE];
        for unit in xml.encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let doc = from_parts(&bytes, None, None);
        assert_eq!(doc.unwrap().text, "正文\n");
    }

    #[test]
    fn relationship_targets_resolve() {
        assert_eq!(join("word", "styles.xml"), "word/styles.xml");
        assert_eq!(join("word", "/word/styles.xml"), "word/styles.xml");
        assert_eq!(join("word/sub", "../numbering.xml"), "word/numbering.xml");
        assert_eq!(join("", "word/document2.xml"), "word/document2.xml");
        assert_eq!(rels_of("word/document.xml"), "word/_rels/document.xml.rels");
        assert_eq!(rels_of("document.xml"), "_rels/document.xml.rels");
    }

    #[test]
    fn deep_nesting_is_read_to_its_limit_and_refused_past_it() {
        // Nested elements, each declaring a namespace prefix: read to the deepest nesting
        // allowed (the document and the body are two levels), refused one level deeper.
        let nested = |n: usize| {
            let mut xml = format!("<w:document {W}><w:body>");
            for i in 0..n {
                xml.push_str(&format!("<x{i}:a xmlns:x{i}=\"urn:{i}\">"));
            }
            xml.push_str("<w:p><w:r><w:t>深处</w:t></w:r></w:p>");
            for i in (0..n).rev() {
                xml.push_str(&format!("</x{i}:a>"));
            }
            xml.push_str("</w:body></w:document>");
            from_parts(xml.as_bytes(), None, None)
        };
        assert_eq!(nested(MAX_XML_DEPTH - 5).unwrap().text, "深处\n");
        let refused = nested(MAX_XML_DEPTH - 4).unwrap_err();
        assert!(refused.contains("more than 1000 deep"), "{refused}");
        // Paragraphs nested in paragraphs hand their lines up: each line moves a few times,
        // not once per level.
        let n = MAX_XML_DEPTH - 4;
        let xml = format!(
            "<w:document {W}><w:body>{}<w:r><w:t>深处</w:t></w:r>{}</w:body></w:document>",
            "<w:p>".repeat(n),
            "</w:p>".repeat(n)
        );
        work::take();
        let doc = from_parts(xml.as_bytes(), None, None).unwrap();
        assert_eq!(doc.text.lines().count(), n);
        assert!(work::take().of(Step::DocxLines) <= n as u64);
    }
}
