//! Ordinal numbers as headings and enumerations write them: Chinese numerals 一 … 九十九 and
//! Arabic numerals 1 … 999; and Chinese numerals written out up to 九千九百九十九, for headings
//! and for Word's automatic numbering.

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/// The financial (大写) digits, 零 壹 … 玖.
const LEGAL_DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/// The value of one Chinese digit 一 … 九 (零 is none: ordinals do not use it).
fn digit(c: char) -> Option<u32> {
    DIGITS[1..]
        .iter()
        .position(|&d| d == c)
        .map(|i| i as u32 + 1)
}

/// Reads the Chinese numeral at the start of `s`, as ordinals write it: 一 … 九, 十, 十一 … 十九,
/// 二十 … 九十九. Returns its value and its length in bytes, taking the longest well-formed
/// numeral (`二十一` is 21, `一九五八` is only its first 一).
pub fn parse_chinese(s: &str) -> Option<(u32, usize)> {
    let mut chars = s.chars();
    let first = chars.next()?;
    let second = chars.next();
    let third = chars.next();
    let len = |n: usize| n * '一'.len_utf8();
    if first == '十' {
        return Some(match second.and_then(digit) {
            Some(unit) => (10 + unit, len(2)),
            None => (10, len(1)),
        });
    }
    let tens = digit(first)?;
    // 一十 is not how ordinals are written: it stays 一.
    if second == Some('十') && tens >= 2 {
        return Some(match third.and_then(digit) {
            Some(unit) => (tens * 10 + unit, len(3)),
            None => (tens * 10, len(2)),
        });
    }
    Some((tens, len(1)))
}

/// Reads the Arabic numeral (1–999, ASCII digits, no leading zero) at the start of `s`.
/// Returns its value and its length in bytes. A run of four or more digits (a year) is not an
/// ordinal.
pub fn parse_arabic(s: &str) -> Option<(u32, usize)> {
    let len = s.bytes().take_while(u8::is_ascii_digit).count();
    if len == 0 || len > 3 || s.starts_with('0') {
        return None;
    }
    s[..len].parse().ok().map(|value| (value, len))
}

/// Writes `n` (1–9999) as a Chinese numeral: 一, 十, 十一, 二十, 一百零一, 一千零一十; with
/// `legal`, in the financial forms Word's `chineseLegalSimplified` uses: 壹拾, 壹佰零壹. `None`
/// for other values.
pub fn chinese(n: u32, legal: bool) -> Option<String> {
    if n == 0 || n > 9999 {
        return None;
    }
    let (digits, units) = if legal {
        (LEGAL_DIGITS, ["仟", "佰", "拾", ""])
    } else {
        (DIGITS, ["千", "百", "十", ""])
    };
    let places = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let mut out = String::new();
    let mut zero = false;
    for (i, &d) in places.iter().enumerate() {
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push(digits[0]);
            zero = false;
        }
        // 十一, not 一十一, in counting numerals; legal numerals keep 壹拾.
        if !(i == 2 && d == 1 && out.is_empty() && !legal) {
            out.push(digits[d as usize]);
        }
        out.push_str(units[i]);
    }
    Some(out)
}

/// Writes `n` as a Chinese numeral ([`chinese`], 1–9999); other values in Arabic digits.
pub fn to_chinese(n: u32) -> String {
    chinese(n, false).unwrap_or_else(|| n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals_read_up_to_ninety_nine() {
        let cases: &[(&str, Option<(u32, usize)>)] = &[
            ("一、", Some((1, 3))),
            ("九", Some((9, 3))),
            ("十、", Some((10, 3))),
            ("十一、", Some((11, 6))),
            ("十九", Some((19, 6))),
            ("二十、", Some((20, 6))),
            ("二十九、", Some((29, 9))),
            ("九十九", Some((99, 9))),
            ("一十一", Some((1, 3))),
            ("一九五八，", Some((1, 3))),
            ("两", None),
            ("〇", None),
            ("", None),
            ("1", None),
        ];
        for &(input, expected) in cases {
            assert_eq!(parse_chinese(input), expected, "{input}");
        }
    }

    #[test]
    fn arabic_numerals_are_one_to_three_digits() {
        let cases: &[(&str, Option<(u32, usize)>)] = &[
            ("1.", Some((1, 1))),
            ("12、", Some((12, 2))),
            ("999", Some((999, 3))),
            ("2024.", None),
            ("01.", None),
            ("0", None),
            ("a1", None),
            ("", None),
        ];
        for &(input, expected) in cases {
            assert_eq!(parse_arabic(input), expected, "{input}");
        }
    }

    #[test]
    fn numbers_write_back_as_chinese() {
        for n in 1..=99 {
            let written = to_chinese(n);
            assert_eq!(parse_chinese(&written), Some((n, written.len())), "{n}");
        }
        let cases: &[(u32, bool, Option<&str>)] = &[
            (1, false, Some("一")),
            (10, false, Some("十")),
            (11, false, Some("十一")),
            (20, false, Some("二十")),
            (21, false, Some("二十一")),
            (100, false, Some("一百")),
            (101, false, Some("一百零一")),
            (110, false, Some("一百一十")),
            (1010, false, Some("一千零一十")),
            (9999, false, Some("九千九百九十九")),
            (10, true, Some("壹拾")),
            (23, true, Some("贰拾叁")),
            (101, true, Some("壹佰零壹")),
            (0, false, None),
            (10_000, false, None),
            (0, true, None),
        ];
        for &(n, legal, expected) in cases {
            assert_eq!(chinese(n, legal).as_deref(), expected, "{n} {legal}");
        }
        assert_eq!(to_chinese(100), "一百");
        assert_eq!(to_chinese(10_000), "10000");
    }
}
