//! Turning bytes into text: byte-order marks, UTF-8, GB18030 detection, binary refusal.
//!
//! Detection, in order:
//! 1. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE) decides;
//! 2. bytes with a NUL are UTF-16 without a mark when they plainly read so (nine in ten
//!    characters ASCII, CJK or CJK punctuation, no control character), else binary;
//! 3. valid UTF-8 is UTF-8;
//! 4. UTF-16 without a mark and without a NUL (text of Han characters only) when it plainly
//!    reads so and the bytes do not have the shape of GB2312 Han characters;
//! 5. valid GB18030 (a superset of GBK and GB2312, the encodings Chinese Windows saves in).
//!
//! Anything else is refused. `--encoding` overrides all of it, a byte-order mark included
//! (which is then left out of the text). Decoding never substitutes: a malformed byte is an
//! error, so no character is lost silently.

/// The encoding a text was decoded with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Gb18030,
    /// Any other encoding, named with `--encoding`.
    Other(&'static encoding_rs::Encoding),
}

impl Encoding {
    /// Parses an `--encoding` value: a WHATWG label such as `utf-8`, `gbk`, `gb18030`,
    /// `utf-16le`, `big5`. GBK and GB2312 map to GB18030, their superset.
    pub fn from_label(label: &str) -> Option<Encoding> {
        let enc = encoding_rs::Encoding::for_label(label.trim().as_bytes())?;
        Some(Encoding::from_rs(enc))
    }

    fn from_rs(enc: &'static encoding_rs::Encoding) -> Encoding {
        if enc == encoding_rs::UTF_8 {
            Encoding::Utf8
        } else if enc == encoding_rs::UTF_16LE {
            Encoding::Utf16Le
        } else if enc == encoding_rs::UTF_16BE {
            Encoding::Utf16Be
        } else if enc == encoding_rs::GB18030 || enc == encoding_rs::GBK {
            Encoding::Gb18030
        } else {
            Encoding::Other(enc)
        }
    }

    /// The name the report uses: `UTF-8`, `UTF-16LE`, `UTF-16BE`, `GB18030`, or encoding_rs's.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Gb18030 => "GB18030",
            Encoding::Other(enc) => enc.name(),
        }
    }

    fn rs(self) -> &'static encoding_rs::Encoding {
        match self {
            Encoding::Utf8 => encoding_rs::UTF_8,
            Encoding::Utf16Le => encoding_rs::UTF_16LE,
            Encoding::Utf16Be => encoding_rs::UTF_16BE,
            Encoding::Gb18030 => encoding_rs::GB18030,
            Encoding::Other(enc) => enc,
        }
    }

    /// Encodes `text` back into this encoding, for writing a fixed file; `bom` puts the
    /// byte-order mark back. Fails on a char the encoding cannot represent.
    pub fn encode(self, text: &str, bom: bool) -> Result<Vec<u8>, String> {
        let mut out = Vec::with_capacity(text.len() + 3);
        match self {
            Encoding::Utf8 => {
                if bom {
                    out.extend_from_slice(b"\xEF\xBB\xBF");
                }
                out.extend_from_slice(text.as_bytes());
            }
            Encoding::Utf16Le | Encoding::Utf16Be => {
                let le = self == Encoding::Utf16Le;
                let units = bom.then_some('\u{FEFF}').into_iter().chain(text.chars());
                for unit in units.flat_map(|c| {
                    let mut buf = [0u16; 2];
                    c.encode_utf16(&mut buf).to_vec()
                }) {
                    out.extend(if le {
                        unit.to_le_bytes()
                    } else {
                        unit.to_be_bytes()
                    });
                }
            }
            _ => {
                let (bytes, _, unmappable) = self.rs().encode(text);
                if unmappable {
                    return Err(format!(
                        "the text has characters {} cannot hold",
                        self.name()
                    ));
                }
                out.extend_from_slice(&bytes);
            }
        }
        Ok(out)
    }
}

/// A decoded text and how it was decoded.
#[derive(Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    /// The input started with a byte-order mark (removed from `text`).
    pub bom: bool,
}

/// Decodes `bytes`, detecting the encoding unless `forced`. The error is a reason phrase,
/// e.g. `binary file (contains NUL bytes)`.
pub fn decode(bytes: &[u8], forced: Option<Encoding>) -> Result<Decoded, String> {
    // A forced encoding wins over a mark that disagrees (a UTF-8 mark before GBK bytes, as
    // some editors write), and the mark is not read as text.
    let (encoding, bom_len) = match (forced, sniff_bom(bytes)) {
        (Some(enc), Some((_, len))) => (enc, len),
        (Some(enc), None) => (enc, 0),
        (None, Some((enc, len))) => (enc, len),
        (None, None) => (detect(bytes)?, 0),
    };
    let body = &bytes[bom_len..];
    let text = match encoding {
        Encoding::Utf8 => std::str::from_utf8(body)
            .map_err(|e| format!("not valid UTF-8 at byte {}", bom_len + e.valid_up_to()))?
            .to_string(),
        _ => {
            let (text, had_errors) = encoding.rs().decode_without_bom_handling(body);
            if had_errors {
                return Err(format!("not valid {}", encoding.name()));
            }
            text.into_owned()
        }
    };
    if looks_binary(&text) {
        return Err("binary file (control characters in the text)".to_string());
    }
    Ok(Decoded {
        text,
        encoding,
        bom: bom_len > 0,
    })
}

/// The UTF-16 order `bytes` plainly read as, when one does: no decoding error, no NUL or
/// control character but line breaks and tabs, and nine in ten characters ASCII, CJK or CJK
/// punctuation (the wrong order turns 中 into 귎 and a line break into ਀).
fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    if bytes.len() % 2 != 0 {
        return None;
    }
    // (characters ASCII, CJK or CJK punctuation; all characters), or None for an error or a
    // control character.
    let plain = |enc: Encoding| -> Option<(usize, usize)> {
        let (text, had_errors) = enc.rs().decode_without_bom_handling(bytes);
        let (mut common, mut all) = (0, 0);
        for c in text.chars() {
            if c.is_control() && !matches!(c, '\n' | '\r' | '\t') {
                return None;
            }
            let u = u32::from(c);
            if u < 0x80 || (0x3000..0xA000).contains(&u) || (0xFF00..0xFFF0).contains(&u) {
                common += 1;
            }
            all += 1;
        }
        (!had_errors).then_some((common, all))
    };
    [Encoding::Utf16Le, Encoding::Utf16Be]
        .into_iter()
        .filter_map(|enc| Some((plain(enc)?, enc)))
        .max_by_key(|&((common, _), _)| common)
        .filter(|&((common, all), _)| common * 10 >= all * 9)
        .map(|(_, enc)| enc)
}

fn sniff_bom(bytes: &[u8]) -> Option<(Encoding, usize)> {
    match bytes {
        [0xEF, 0xBB, 0xBF, ..] => Some((Encoding::Utf8, 3)),
        [0xFF, 0xFE, ..] => Some((Encoding::Utf16Le, 2)),
        [0xFE, 0xFF, ..] => Some((Encoding::Utf16Be, 2)),
        _ => None,
    }
}

/// Whether most two-byte characters of `bytes`, read as GB18030, are GB2312's Han
/// characters (lead byte B0–F7, trail A1–FE), as in any Chinese text saved as GBK; Han text
/// in UTF-16 has its high bytes (4E–9F) where the trail bytes would be.
fn looks_like_gb2312(bytes: &[u8]) -> bool {
    let (mut han, mut pairs) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            i += 1;
            continue;
        }
        let trail = bytes.get(i + 1).copied().unwrap_or(0);
        if (0xB0..=0xF7).contains(&bytes[i]) && (0xA1..=0xFE).contains(&trail) {
            han += 1;
        }
        pairs += 1;
        i += 2;
    }
    han * 2 > pairs
}

fn detect(bytes: &[u8]) -> Result<Encoding, String> {
    if bytes.contains(&0) {
        return utf16_without_bom(bytes)
            .ok_or_else(|| "binary file (contains NUL bytes)".to_string());
    }
    if std::str::from_utf8(bytes).is_ok() {
        return Ok(Encoding::Utf8);
    }
    if !looks_like_gb2312(bytes) {
        if let Some(enc) = utf16_without_bom(bytes) {
            return Ok(enc);
        }
    }
    let (_, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if !had_errors {
        return Ok(Encoding::Gb18030);
    }
    let valid = std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |s| s.len());
    Err(format!(
        "not text: invalid UTF-8 at byte {valid} and not valid GB18030 either (use --encoding if you know it)"
    ))
}

/// Text with NULs or many C0 control characters is binary, whatever it decoded as.
fn looks_binary(text: &str) -> bool {
    let mut controls = 0usize;
    let mut total = 0usize;
    for c in text.chars() {
        total += 1;
        if c == '\0' {
            return true;
        }
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}' | '\u{0B}') {
            controls += 1;
        }
    }
    controls > 0 && controls * 100 > total
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "　　一、总体要求\r\n今年己经完成。";

    fn gb18030(text: &str) -> Vec<u8> {
        Encoding::Gb18030.encode(text, false).unwrap()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode(TEXT.as_bytes(), None).unwrap();
        assert_eq!((plain.encoding, plain.bom), (Encoding::Utf8, false));
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), TEXT.as_bytes()].concat();
        let decoded = decode(&with_bom, None).unwrap();
        assert_eq!(decoded.text, TEXT);
        assert!(decoded.bom);
    }

    #[test]
    fn utf16_both_orders_round_trip() {
        for enc in [Encoding::Utf16Le, Encoding::Utf16Be] {
            let bytes = enc.encode(TEXT, true).unwrap();
            let decoded = decode(&bytes, None).unwrap();
            assert_eq!(
                decoded,
                Decoded {
                    text: TEXT.to_string(),
                    encoding: enc,
                    bom: true
                }
            );
        }
    }

    #[test]
    fn utf16_without_a_bom_is_read_when_it_plainly_reads_so() {
        // With ASCII in it (NUL bytes), and Han characters only (no NUL at all).
        for text in [TEXT, "关于加强基层治理工作的报告总体要求"] {
            for enc in [Encoding::Utf16Le, Encoding::Utf16Be] {
                let bytes = enc.encode(text, false).unwrap();
                let decoded = decode(&bytes, None).unwrap();
                assert_eq!((decoded.text.as_str(), decoded.encoding), (text, enc));
                assert!(!decoded.bom);
            }
        }
        let err = decode(b"\x00\x01\x02\x03", None).unwrap_err();
        assert_eq!(err, "binary file (contains NUL bytes)");
    }

    #[test]
    fn gbk_is_not_taken_for_utf16() {
        for text in [
            "关于加强基层治理工作的报告",
            "中国",
            "各位代表：现在，我代表市人民政府向大会报告工作，请予审议。",
        ] {
            let decoded = decode(&gb18030(text), None).unwrap();
            assert_eq!(
                (decoded.text.as_str(), decoded.encoding),
                (text, Encoding::Gb18030)
            );
        }
    }

    #[test]
    fn a_forced_encoding_beats_a_mark_that_disagrees() {
        let bytes = [b"\xEF\xBB\xBF".as_slice(), &gb18030(TEXT)].concat();
        assert!(decode(&bytes, None).is_err());
        let forced = decode(&bytes, Encoding::from_label("gbk")).unwrap();
        assert_eq!(forced.text, TEXT);
        assert!(forced.bom);
    }

    #[test]
    fn gbk_is_detected_as_gb18030() {
        let decoded = decode(&gb18030(TEXT), None).unwrap();
        assert_eq!(decoded.encoding, Encoding::Gb18030);
        assert_eq!(decoded.text, TEXT);
    }

    #[test]
    fn binary_is_refused() {
        assert!(
            decode(b"PK\x03\x04\x00\x00", None)
                .unwrap_err()
                .contains("NUL")
        );
        let junk: Vec<u8> = (0..200u8).map(|i| i.wrapping_mul(37) | 0x80).collect();
        assert!(decode(&junk, None).is_err());
        assert!(
            decode(b"\x01\x02\x03\x04abc", None)
                .unwrap_err()
                .contains("control")
        );
    }

    #[test]
    fn forced_encoding_must_decode_cleanly() {
        let bytes = gb18030(TEXT);
        assert!(decode(&bytes, Some(Encoding::Utf8)).is_err());
        let forced = decode(&bytes, Some(Encoding::from_label("gbk").unwrap())).unwrap();
        assert_eq!(forced.text, TEXT);
    }

    #[test]
    fn empty_input_is_empty_utf8() {
        let decoded = decode(b"", None).unwrap();
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            ("", Encoding::Utf8)
        );
    }

    #[test]
    fn labels_parse() {
        assert_eq!(Encoding::from_label("GB2312"), Some(Encoding::Gb18030));
        assert_eq!(Encoding::from_label("utf-16be"), Some(Encoding::Utf16Be));
        assert_eq!(Encoding::from_label("klingon"), None);
    }
}
