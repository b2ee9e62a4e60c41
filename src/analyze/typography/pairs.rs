//! Pairing quotes and brackets within a paragraph, and the faults of unbalanced pairs.

use super::chars::{Chars, chinese_digit, is_chinese, is_han, is_space};
use super::{Hit, UNBALANCED_MARKS, quote};

/// The family a quote or bracket belongs to: a closing mark only closes its own family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// “ ” and the straight "
    Double,
    /// ‘ ’ and the straight '
    Single,
    /// 「 」
    Corner,
    /// 『 』
    CornerInner,
    /// 《 》
    Title,
    /// 〈 〉
    TitleInner,
    /// （ ） and ( )
    Round,
    /// 【 】
    Lenticular,
    /// 〔 〕
    Tortoise,
    /// [ ]
    Square,
}

impl Kind {
    pub fn is_quote(self) -> bool {
        matches!(
            self,
            Kind::Double | Kind::Single | Kind::Corner | Kind::CornerInner
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// A straight quote, which opens or closes by position.
    Either,
}

/// Whether a mark is ASCII: unmatched ASCII brackets are the half-width check's business.
pub fn is_ascii_mark(c: char) -> bool {
    matches!(c, '(' | ')' | '[' | ']' | '"' | '\'')
}

/// Whether a straight quote at `k` stands in Chinese text (one of its neighbours is
/// Chinese); elsewhere it is an English quote, an apostrophe or a prime, and not ours.
fn straight_quote_in_chinese(ch: &Chars, k: usize) -> bool {
    let before = ch.before(k).is_some_and(is_chinese);
    let after = ch.get(k + 1).is_some_and(is_chinese);
    before || after
}

fn classify(ch: &Chars, k: usize) -> Option<(Kind, Role)> {
    use Kind::*;
    use Role::*;
    Some(match ch.get(k)? {
        '“' => (Double, Open),
        '”' => (Double, Close),
        '"' | '＂' if straight_quote_in_chinese(ch, k) => (Double, Either),
        // An apostrophe: 中国’99, it’s.
        '’' if ch.get(k + 1).is_some_and(|c| c.is_ascii_digit())
            || (ch.before(k).is_some_and(|c| c.is_ascii_alphabetic())
                && ch.get(k + 1).is_some_and(|c| c.is_ascii_alphabetic())) =>
        {
            return None;
        }
        '‘' => (Single, Open),
        '’' => (Single, Close),
        '\'' | '＇' if straight_quote_in_chinese(ch, k) => (Single, Either),
        '「' => (Corner, Open),
        '」' => (Corner, Close),
        '『' => (CornerInner, Open),
        '』' => (CornerInner, Close),
        '《' => (Title, Open),
        '》' => (Title, Close),
        '〈' => (TitleInner, Open),
        '〉' => (TitleInner, Close),
        '（' | '(' => (Round, Open),
        '）' | ')' => (Round, Close),
        '【' => (Lenticular, Open),
        '】' => (Lenticular, Close),
        '〔' => (Tortoise, Open),
        '〕' => (Tortoise, Close),
        '[' => (Square, Open),
        ']' => (Square, Close),
        _ => return None,
    })
}

/// Whether the character at `k` is a quote mark taking part in pairing.
pub fn is_quote_mark(ch: &Chars, k: usize) -> bool {
    classify(ch, k).is_some_and(|(kind, _)| kind.is_quote())
}

/// A matched pair, by character index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    pub kind: Kind,
    pub open: usize,
    pub close: usize,
}

#[derive(Debug, Default)]
pub struct Pairing {
    /// Matched pairs, in the order they closed.
    pub pairs: Vec<Pair>,
    /// Unmatched ASCII brackets, by character index.
    pub stray_ascii: Vec<usize>,
    /// Findings of `typography/unbalanced-marks`.
    pub faults: Vec<Hit>,
}

#[derive(Debug)]
struct Opened {
    kind: Kind,
    k: usize,
    /// A closing quote standing where an opening one belongs.
    reversed: bool,
    /// The crossing that left this mark open inside a pair closed around it.
    crossed: Option<usize>,
}

#[derive(Debug)]
struct Crossing {
    /// The closing mark that closed a pair around a still-open mark.
    closer: usize,
    /// The still-open mark.
    inner: usize,
    reported: bool,
}

/// A closing bracket right after a list number (1） 一） a）), at the start of a line or
/// after a space or a mark (…；2）…): a list form the structure checks judge.
pub fn closes_list_number(ch: &Chars, k: usize) -> bool {
    let is_number = |c: char| c.is_ascii_alphanumeric() || chinese_digit(c).is_some() || c == '十';
    let mut j = k;
    while j > 0 && k - j < 3 && ch.get(j - 1).is_some_and(is_number) && j > ch.line_start(k) {
        j -= 1;
    }
    j < k
        && (j == ch.line_text_start(k)
            || ch.before(j).is_some_and(|c| {
                is_space(c)
                    || matches!(
                        c,
                        '，' | '。' | '；' | '：' | '、' | '？' | '！' | ',' | ';' | ':' | '.'
                    )
            }))
}

/// How many open marks, innermost first, a closing mark looks through for its partner.
const SEARCH_DEPTH: usize = 32;

/// Pairs the paragraph's quotes and brackets (masked characters are skipped) and reports
/// each fault once.
pub fn pair_marks(ch: &Chars, next_opens_quote: bool) -> Pairing {
    let mut out = Pairing::default();
    let mut stack: Vec<Opened> = Vec::new();
    let mut crossings: Vec<Crossing> = Vec::new();
    for k in 0..ch.len() {
        if ch.is_masked(k) {
            continue;
        }
        let Some((kind, role)) = classify(ch, k) else {
            continue;
        };
        // Only the innermost few open marks are searched, which keeps pairing linear on
        // any input; real text never nests deeper.
        let window = stack.len().saturating_sub(SEARCH_DEPTH);
        let open_at = stack[window..]
            .iter()
            .rposition(|o| o.kind == kind)
            .map(|at| window + at);
        match (role, open_at) {
            (Role::Close | Role::Either, Some(at)) => {
                let opened = stack.remove(at);
                if at < stack.len() {
                    let id = crossings.len();
                    crossings.push(Crossing {
                        closer: k,
                        inner: stack[stack.len() - 1].k,
                        reported: false,
                    });
                    for o in &mut stack[at..] {
                        o.crossed.get_or_insert(id);
                    }
                }
                if let Some(id) = opened.crossed {
                    report_crossing(ch, &mut crossings[id], &mut out.faults);
                }
                if opened.reversed {
                    let right = if kind == Kind::Double { "“" } else { "‘" };
                    out.faults.push(
                        Hit::new(
                            &UNBALANCED_MARKS,
                            ch.range(opened.k, opened.k + 1),
                            format!(
                                "{}在这里开始引用，前引号应为{}",
                                quote(ch.get(opened.k).unwrap_or(' ')),
                                quote(right)
                            ),
                        )
                        .fix(right),
                    );
                }
                out.pairs.push(Pair {
                    kind,
                    open: opened.k,
                    close: k,
                });
            }
            (Role::Open | Role::Either, _) => stack.push(Opened {
                kind,
                k,
                reversed: false,
                crossed: None,
            }),
            (Role::Close, None) => {
                let c = ch.get(k).unwrap_or(' ');
                let top = stack
                    .last()
                    .filter(|o| !o.reversed)
                    .and_then(|o| ch.get(o.k));
                if let (Some(open @ ('“' | '‘')), '”' | '’') = (top, c) {
                    // “六五’: the quote is closed with the other kind of mark.
                    let right = if open == '“' { '”' } else { '’' };
                    let Some(opened) = stack.pop() else { continue };
                    if let Some(id) = opened.crossed {
                        // “这是‘好”。” : the crossing is the fault, reported once.
                        report_crossing(ch, &mut crossings[id], &mut out.faults);
                    } else {
                        out.faults.push(
                            Hit::new(
                                &UNBALANCED_MARKS,
                                ch.range(k, k + 1),
                                format!("{}用{}收尾，应配{}", quote(open), quote(c), quote(right)),
                            )
                            .fix(right.to_string()),
                        );
                    }
                    out.pairs.push(Pair {
                        kind: if open == '“' {
                            Kind::Double
                        } else {
                            Kind::Single
                        },
                        open: opened.k,
                        close: k,
                    });
                } else if matches!(c, '”' | '’') {
                    stack.push(Opened {
                        kind,
                        k,
                        reversed: true,
                        crossed: None,
                    });
                } else if is_ascii_mark(c) {
                    out.stray_ascii.push(k);
                } else if !closes_list_number(ch, k) {
                    out.faults.push(Hit::new(
                        &UNBALANCED_MARKS,
                        ch.range(k, k + 1),
                        format!("{}前面没有与之配对的标号", quote(c)),
                    ));
                }
            }
        }
    }
    report_unclosed(ch, &stack, next_opens_quote, &mut out);
    out
}

fn report_crossing(ch: &Chars, crossing: &mut Crossing, faults: &mut Vec<Hit>) {
    if crossing.reported {
        return;
    }
    crossing.reported = true;
    let closer = ch.get(crossing.closer).unwrap_or(' ');
    let inner = ch.get(crossing.inner).unwrap_or(' ');
    faults.push(Hit::new(
        &UNBALANCED_MARKS,
        ch.range(crossing.closer, crossing.closer + 1),
        format!(
            "{}收尾时，里面的{}还没有收尾：两对标号交叉",
            quote(closer),
            quote(inner)
        ),
    ));
}

/// Reports the marks still open at the end of the paragraph.
fn report_unclosed(ch: &Chars, stack: &[Opened], next_opens_quote: bool, out: &mut Pairing) {
    let mut run_on_allowed = next_opens_quote;
    let mut skip = vec![false; stack.len()];
    // “甲“ : the second mark was meant to close the first; one fault, at the second.
    for i in 1..stack.len() {
        let (a, b) = (&stack[i - 1], &stack[i]);
        let curly = |o: &Opened| matches!(ch.get(o.k), Some('“' | '‘')) && !o.reversed;
        let same_line = ch.line_start(a.k) == ch.line_start(b.k);
        if a.kind == b.kind && curly(a) && curly(b) && same_line && !skip[i - 1] {
            skip[i - 1] = true;
            skip[i] = true;
            let right = if a.kind == Kind::Double { "”" } else { "’" };
            let c = ch.get(b.k).unwrap_or(' ');
            let next = ch.get(ch.skip_spaces(b.k + 1));
            let hit = Hit::new(
                &UNBALANCED_MARKS,
                ch.range(b.k, b.k + 1),
                format!("{}在这里结束引用，后引号应为{}", quote(c), quote(right)),
            );
            let certain = !next.is_some_and(|n| is_han(n) || n.is_ascii_alphanumeric());
            out.faults.push(if certain { hit.fix(right) } else { hit });
        }
    }
    for (o, skipped) in stack.iter().zip(skip) {
        let c = ch.get(o.k).unwrap_or(' ');
        if skipped {
            continue;
        }
        if is_ascii_mark(c) {
            if matches!(c, '(' | ')' | '[' | ']') {
                out.stray_ascii.push(o.k);
            }
            continue;
        }
        if o.reversed {
            out.faults.push(Hit::new(
                &UNBALANCED_MARKS,
                ch.range(o.k, o.k + 1),
                format!("{}前面没有与之配对的前引号", quote(c)),
            ));
            continue;
        }
        if c == '“' && run_on_allowed {
            // A quotation running on into the next paragraph, which opens with “ again.
            run_on_allowed = false;
            continue;
        }
        out.faults.push(Hit::new(
            &UNBALANCED_MARKS,
            ch.range(o.k, o.k + 1),
            format!("{}在本段中没有收尾", quote(c)),
        ));
    }
    out.stray_ascii.sort_unstable();
}

/// Whether the character at `k` is a space (used by callers to trim quoted content).
pub fn is_space_at(ch: &Chars, k: usize) -> bool {
    ch.get(k).is_some_and(is_space)
}
