//! Properties of the document model over arbitrary text.

use proptest::prelude::*;
use shengao::doc::{Document, Reading};

/// Text drawn from the characters that matter to the splitters, plus anything at all.
fn drafts() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "。", "？", "！", "?", "!", "，", "；", "：", "、", "”", "“", "《", "》", "（", "）", "……",
        "——", "\n", "\r\n", "\r", "　　", " ", "一、", "工作", "推进", "3.5%", "𠀀", "a",
    ]);
    prop_oneof![
        prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat()),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn units_tile_their_parents(text in drafts()) {
        let doc = Document::new(text.clone());
        for p in &doc.paragraphs {
            let joined: String = doc.sentences[p.sentences.clone()]
                .iter()
                .map(|s| doc.str(s.range.clone()))
                .collect();
            prop_assert_eq!(joined.as_str(), doc.str(p.range.clone()));
        }
        for (i, s) in doc.sentences.iter().enumerate() {
            let joined: String = doc.clauses[s.clauses.clone()]
                .iter()
                .map(|c| doc.str(c.range.clone()))
                .collect();
            prop_assert_eq!(joined.as_str(), doc.str(s.range.clone()));
            prop_assert!(doc.clauses[s.clauses.clone()].iter().all(|c| c.sentence == i));
            let tokens: String = doc.tokens[s.tokens.clone()]
                .iter()
                .map(|t| doc.str(t.range.clone()))
                .collect();
            prop_assert_eq!(tokens.as_str(), doc.str(s.range.clone()));
            prop_assert!(!s.range.is_empty());
        }
    }

    #[test]
    fn spans_are_inside_the_text_and_agree_with_a_naive_count(text in drafts()) {
        let doc = Document::new(text.clone());
        let chars = text.chars().count() as u64;
        for s in &doc.sentences {
            let span = doc.span(s.range.clone());
            prop_assert!(span.start <= span.end && span.end <= chars);
            prop_assert_eq!(span.start, text[..s.range.start].chars().count() as u64);
            let before = &text[..s.range.start];
            let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
            prop_assert_eq!(span.column, before[line_start..].chars().count() as u64 + 1);
            // CRLF, LF and CR each end a line: count LFs, and CRs not followed by an LF.
            let breaks = before.matches('\n').count() + before.matches('\r').count()
                - before.matches("\r\n").count();
            prop_assert_eq!(span.line, breaks as u64 + 1);
        }
    }
}

/// Text wrapped by hand at one width: paragraphs of lines of `width` chars, some ending
/// inside a sentence, each paragraph ended by a short line, with CRLF or LF breaks.
fn wrapped_drafts() -> impl Strategy<Value = String> {
    // Mostly words, as prose is: a line of the wrap width must mostly stop inside a word.
    let pieces = prop::sample::select(vec![
        "推进",
        "工作",
        "产业链",
        "发展",
        "改革",
        "落实",
        "建设",
        "服务",
        "GDP",
        "3.5%",
        "。",
        "，",
        "、",
        "“",
        "”",
        "一、",
        "（二）",
        " ",
        "𠀀",
    ]);
    let paragraph = prop::collection::vec(pieces, 60..160);
    (
        prop::collection::vec(paragraph, 2..5),
        20usize..30,
        prop::bool::ANY,
    )
        .prop_map(|(paragraphs, width, crlf)| {
            let mut lines: Vec<String> = Vec::new();
            for pieces in paragraphs {
                let chars: Vec<char> = (pieces.concat() + "完。").chars().collect();
                lines.extend(chars.chunks(width).map(|c| c.iter().collect::<String>()));
            }
            lines.join(if crlf { "\r\n" } else { "\n" })
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Joining the lines of a hard-wrapped text loses nothing, and every token's span covers
    /// its own text in the text as read, line breaks and the blanks before them aside.
    #[test]
    fn wrapped_lines_map_back_to_the_text_as_read(text in wrapped_drafts()) {
        let chars: Vec<char> = text.chars().collect();
        let doc = Document::new(text.clone());
        for t in &doc.tokens {
            let span = doc.span(t.range.clone());
            prop_assert!(span.start <= span.end && span.end as usize <= chars.len());
            let read: String = chars[span.start as usize..span.end as usize].iter().collect();
            // A joined line loses its break and the blanks before it.
            let pieces: Vec<&str> = read.split(['\n', '\r']).collect();
            let last = pieces.len() - 1;
            let read: String = (pieces.iter().enumerate())
                .map(|(i, piece)| if i < last { piece.trim_end() } else { piece })
                .collect();
            prop_assert_eq!(read.as_str(), doc.str(t.range.clone()));
        }
        prop_assert_eq!(doc.into_source(), text);
    }
}

/// Text with Markdown markup among the words, plus anything at all.
fn markdown_drafts() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "# ",
        "## ",
        "###",
        "**",
        "*",
        "_",
        "__",
        "~~",
        "`",
        "```",
        "- ",
        "> ",
        "[",
        "]",
        "(",
        ")",
        "](u)",
        "![",
        "<br>",
        "<!--",
        "-->",
        "\\",
        "---",
        "|",
        "\n",
        "\r\n",
        "一、",
        "（二）",
        "一是",
        "工作",
        "推进",
        "。",
        "，",
        " ",
        "　",
        "𠀀",
        "a",
    ]);
    prop_oneof![
        prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat()),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Leaving Markdown markup out loses nothing of the text as read, and every token's span
    /// starts at its first char and ends at its last, whatever markup lay around it.
    #[test]
    fn markdown_tokens_map_back_to_the_text_as_read(text in markdown_drafts()) {
        let chars: Vec<char> = text.chars().collect();
        let reading = Reading { markdown: true, ..Reading::default() };
        let doc = Document::read(text.clone(), reading);
        for t in &doc.tokens {
            let span = doc.span(t.range.clone());
            prop_assert!(span.start < span.end && span.end as usize <= chars.len());
            let token = doc.str(t.range.clone());
            prop_assert_eq!(Some(chars[span.start as usize]), token.chars().next());
            prop_assert_eq!(Some(chars[span.end as usize - 1]), token.chars().next_back());
        }
        prop_assert_eq!(doc.into_source(), text);
    }
}
