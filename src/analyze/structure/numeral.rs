//! Ordinal numbers as headings and enumerations write them: Chinese numerals 一 … 九千九百九十九
//! and Arabic numerals 1 … 999, read and written; and the financial forms Word's automatic
//! numbering writes.

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/// The financial (大写) digits, 零 壹 … 玖.
const LEGAL_DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/// The value of one Chinese digit 一 … 九 (零 is none: it only marks a missing place, as in
/// 一百零一, which [`parse_chinese`] reads itself).
fn digit(c: char) -> Option<u32> {
    DIGITS[1..]
        .iter()
        .position(|&d| d == c)
        .map(|i| i as u32 + 1)
}

/// Whether `c` is a character of the Chinese numerals [`parse_chinese`] reads (零 一 … 九 十 百
/// 千), or 两: to tell where a count starts, or that a text states a figure.
pub fn is_numeral_char(c: char) -> bool {
    DIGITS.contains(&c) || matches!(c, '十' | '百' | '千' | '两')
}

/// Reads the Chinese numeral at the start of `s`, as ordinals write it: 一 … 九, 十, 十一 … 十九,
/// 二十 … 九十九, and from 一百 on the full form [`chinese`] writes (一百零一, 一百一十,
/// 一千零一十, up to 九千九百九十九). Returns its value and its length in bytes, taking the
/// longest well-formed numeral (`二十一` is 21, `一九五八` is only its first 一).
pub fn parse_chinese(s: &str) -> Option<(u32, usize)> {
    let mut chars = [None; 7];
    for (slot, c) in chars.iter_mut().zip(s.chars()) {
        *slot = Some(c);
    }
    let at = |i: usize| chars.get(i).copied().flatten();
    let len = |n: usize| n * '一'.len_utf8();
    // 一千, 二百: a digit and a unit, largest first.
    let mut value = 0;
    let mut i = 0;
    for (unit, size) in [('千', 1000), ('百', 100)] {
        if let (Some(d), Some(u)) = (at(i).and_then(digit), at(i + 1)) {
            if u == unit {
                value += d * size;
                i += 2;
            }
        }
    }
    if value == 0 {
        return small(at(0), at(1), at(2)).map(|(n, used)| (n, len(used)));
    }
    // After a hundred or a thousand, 零 stands for missing places and 一十 is written out.
    let zero = at(i) == Some('零') && at(i + 1).and_then(digit).is_some();
    let rest = if zero { i + 1 } else { i };
    match (at(rest).and_then(digit), at(rest + 1)) {
        (Some(tens), Some('十')) => {
            let unit = at(rest + 2).and_then(digit);
            let used = rest + 2 + usize::from(unit.is_some());
            Some((value + tens * 10 + unit.unwrap_or(0), len(used)))
        }
        // 一百二 is colloquial for 120: as an ordinal only 一百零二 is read, so 二 is left.
        (Some(unit), _) if zero => Some((value + unit, len(rest + 1))),
        _ => Some((value, len(i))),
    }
}

/// The value of 一 … 九十九 written from `first`, `second` and `third`, and how many of those
/// characters it uses.
fn small(first: Option<char>, second: Option<char>, third: Option<char>) -> Option<(u32, usize)> {
    if first == Some('十') {
        return Some(match second.and_then(digit) {
            Some(unit) => (10 + unit, 2),
            None => (10, 1),
        });
    }
    let tens = first.and_then(digit)?;
    // 一十 is not how ordinals are written: it stays 一.
    if second == Some('十') && tens >= 2 {
        return Some(match third.and_then(digit) {
            Some(unit) => (tens * 10 + unit, 3),
            None => (tens * 10, 2),
        });
    }
    Some((tens, 1))
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
    fn chinese_numerals_read_as_ordinals_write_them() {
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
            ("一百、", Some((100, 6))),
            ("一百零一条", Some((101, 12))),
            ("一百一十", Some((110, 12))),
            ("一百二十三、", Some((123, 15))),
            ("一百二", Some((100, 6))),
            ("一百零", Some((100, 6))),
            ("一千零一十", Some((1010, 15))),
            ("九千九百九十九", Some((9999, 21))),
            ("百", None),
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
        for n in 1..=9999 {
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
