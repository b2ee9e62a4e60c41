//! Character classes shared by the typography checks.

/// A character of Chinese text for the spacing and punctuation checks: a Han character
/// ([`crate::doc::is_han`]) or 〇 (U+3007), which writes zero in Chinese numerals
/// (二〇二五年). The Han counts of the metrics leave 〇 out.
pub fn is_han(c: char) -> bool {
    crate::doc::is_han(c) || c == '\u{3007}'
}

/// Opening marks of Chinese text: quotes and brackets.
pub fn is_cjk_open(c: char) -> bool {
    matches!(
        c,
        '“' | '‘' | '《' | '〈' | '（' | '【' | '〔' | '「' | '『'
    )
}

/// Closing marks of Chinese text: quotes and brackets.
pub fn is_cjk_close(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '》' | '〉' | '）' | '】' | '〕' | '」' | '』'
    )
}

/// Quotation marks and 书名号, opening or closing.
pub fn is_quote_or_title(c: char) -> bool {
    matches!(
        c,
        '“' | '”' | '‘' | '’' | '「' | '」' | '『' | '』' | '《' | '》'
    )
}

/// Full-width punctuation: a mark that carries its own spacing, so no space belongs
/// beside it.
pub fn is_cjk_punct(c: char) -> bool {
    is_cjk_open(c)
        || is_cjk_close(c)
        || matches!(
            c,
            '，' | '。' | '、' | '；' | '：' | '？' | '！' | '…' | '—' | '～' | '．'
        )
}

/// Han text or full-width punctuation: the company a half-width mark should not keep.
pub fn is_chinese(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// Horizontal white space, including the ideographic space and the invisible
/// zero-width characters; never a line break.
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{A0}' | '\u{2002}'
            ..='\u{200B}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{FEFF}'
    )
}

/// Zero-width characters: invisible wherever they stand.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{FEFF}')
}

/// The value of a single Chinese digit 一 to 九 (两 is 2).
pub fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// A paragraph seen as characters with their byte offsets, plus a mask of bytes the
/// checks must leave alone (URLs, document numbers) and the bytes of quoted text (which is
/// checked, but never changed).
pub struct Chars<'a> {
    pub text: &'a str,
    pub chars: Vec<(usize, char)>,
    /// For each character, the index of the first character of its line.
    line_starts: Vec<usize>,
    masked: Vec<bool>,
    quoted: Vec<bool>,
}

impl<'a> Chars<'a> {
    pub fn new(text: &'a str) -> Self {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut line_starts = Vec::with_capacity(chars.len());
        let mut start = 0;
        for (k, &(_, c)) in chars.iter().enumerate() {
            line_starts.push(start);
            if c == '\n' || (c == '\r' && chars.get(k + 1).map(|&(_, n)| n) != Some('\n')) {
                start = k + 1;
            }
        }
        Chars {
            text,
            chars,
            line_starts,
            masked: vec![false; text.len()],
            quoted: vec![false; text.len()],
        }
    }

    /// Index of the first character of the line holding character `k`.
    pub fn line_start(&self, k: usize) -> usize {
        self.line_starts
            .get(k)
            .copied()
            .unwrap_or_else(|| self.line_starts.last().map_or(0, |&s| s))
    }

    /// Index of the first character of `k`'s line that is not indentation.
    pub fn line_text_start(&self, k: usize) -> usize {
        self.skip_spaces(self.line_start(k))
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// The character at index `k`, if any.
    pub fn get(&self, k: usize) -> Option<char> {
        self.chars.get(k).map(|&(_, c)| c)
    }

    /// The character before index `k`, if any.
    pub fn before(&self, k: usize) -> Option<char> {
        k.checked_sub(1).and_then(|j| self.get(j))
    }

    /// Byte offset of character `k` (the text's length past the end).
    pub fn offset(&self, k: usize) -> usize {
        self.chars.get(k).map_or(self.text.len(), |&(i, _)| i)
    }

    /// Byte range of the characters `from..to`.
    pub fn range(&self, from: usize, to: usize) -> std::ops::Range<usize> {
        self.offset(from)..self.offset(to)
    }

    /// Marks a byte range as off-limits to the checks.
    pub fn mask(&mut self, range: std::ops::Range<usize>) {
        let end = range.end.min(self.masked.len());
        for m in &mut self.masked[range.start.min(end)..end] {
            *m = true;
        }
    }

    /// Marks a byte range as quoted text.
    pub fn quote(&mut self, range: std::ops::Range<usize>) {
        let end = range.end.min(self.quoted.len());
        for q in &mut self.quoted[range.start.min(end)..end] {
            *q = true;
        }
    }

    /// Whether any byte of the range is quoted text.
    pub fn any_quoted(&self, range: &std::ops::Range<usize>) -> bool {
        self.quoted
            .get(range.clone())
            .is_some_and(|q| q.iter().any(|&b| b))
    }

    /// Whether character `k` lies in a masked range.
    pub fn is_masked(&self, k: usize) -> bool {
        self.chars.get(k).is_some_and(|&(i, _)| self.masked[i])
    }

    /// Whether any byte of the range is masked.
    pub fn any_masked(&self, range: &std::ops::Range<usize>) -> bool {
        self.masked
            .get(range.clone())
            .is_some_and(|m| m.iter().any(|&b| b))
    }

    /// Index of the first character at or after `k` that is not a space.
    pub fn skip_spaces(&self, mut k: usize) -> usize {
        while self.get(k).is_some_and(is_space) {
            k += 1;
        }
        k
    }

    /// Index one past the last character before `k` that is not a space.
    pub fn skip_spaces_back(&self, mut k: usize) -> usize {
        while k > 0 && self.get(k - 1).is_some_and(is_space) {
            k -= 1;
        }
        k
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_text_is_the_han_characters_and_ideographic_zero() {
        // 〇 is Chinese text here but not a Han character of the counts.
        assert!(is_han('〇') && !crate::doc::is_han('〇'));
        // Every Han character of the document model, to CJK Extension H (U+31350–U+323AF).
        for c in ['中', '㐀', '豈', '𠀀', '𰀀', '\u{31350}', '\u{323AF}'] {
            assert!(is_han(c) && crate::doc::is_han(c), "{c:?}");
        }
        for c in ['a', '1', '，', '。', '\u{3006}', '\u{323B0}'] {
            assert!(!is_han(c), "{c:?}");
        }
    }
}
