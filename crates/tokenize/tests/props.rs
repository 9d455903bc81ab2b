//! Invariants on arbitrary input: no panic, spans in order, inside the text, exact slices.

use proptest::prelude::*;
use termsmith_tokenize::{decode, Document, Lang, Tokenizer};

fn check(doc: &Document) -> Result<(), TestCaseError> {
    let len = doc.text.len();
    let mut prev = 0;
    for t in &doc.tokens {
        prop_assert!(t.span.start >= prev, "tokens overlap or out of order");
        prop_assert!(t.span.start < t.span.end && t.span.end <= len);
        prop_assert!(
            doc.text.is_char_boundary(t.span.start) && doc.text.is_char_boundary(t.span.end)
        );
        prop_assert_eq!(doc.token_text(t), &doc.text[t.span.range()]);
        let _ = doc.norm(t);
        prev = t.span.end;
    }
    let mut prev_end = 0;
    let mut next_tok = 0;
    for s in &doc.sentences {
        prop_assert!(s.span.start >= prev_end && s.span.start < s.span.end && s.span.end <= len);
        prop_assert_eq!(s.tokens.start, next_tok);
        prop_assert!(s.tokens.start < s.tokens.end && s.tokens.end <= doc.tokens.len());
        for t in &doc.tokens[s.tokens.clone()] {
            prop_assert!(s.span.start <= t.span.start && t.span.end <= s.span.end);
        }
        prop_assert!(s.block < doc.blocks.len());
        let b = &doc.blocks[s.block];
        prop_assert!(b.span.start <= s.span.start && s.span.end <= b.span.end);
        let _ = doc.sentence_text(s);
        prev_end = s.span.end;
        next_tok = s.tokens.end;
    }
    prop_assert_eq!(next_tok, doc.tokens.len(), "every token is in a sentence");
    let mut prev_b = 0;
    let mut prev_block_idx = 0;
    for b in &doc.blocks {
        prop_assert!(b.span.start >= prev_b && b.span.start <= b.span.end && b.span.end <= len);
        prev_b = b.span.end;
    }
    for s in &doc.sentences {
        prop_assert!(s.block >= prev_block_idx);
        prev_block_idx = s.block;
    }
    Ok(())
}

/// Strings made of markup-like pieces and tricky characters.
fn markupish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<sup>1</sup>".to_string()),
        Just("<sup>".to_string()),
        Just("</sup>".to_string()),
        Just("**".to_string()),
        Just("*".to_string()),
        Just("_".to_string()),
        Just("# ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("---".to_string()),
        Just("- ".to_string()),
        Just("1. ".to_string()),
        Just("| ".to_string()),
        Just("&amp;".to_string()),
        Just("&#x;".to_string()),
        Just("<br>".to_string()),
        Just("[^1]".to_string()),
        Just("l'".to_string()),
        Just("l’".to_string()),
        Just("'s".to_string()),
        Just("doc.".to_string()),
        Just("e.g.".to_string()),
        Just("J. ".to_string()),
        Just("n°".to_string()),
        Just("https://a.b/c_(d)".to_string()),
        Just("www.".to_string()),
        Just("a@b.c".to_string()),
        Just("@".to_string()),
        Just("12109/13".to_string()),
        Just("1\u{A0}000".to_string()),
        Just("\u{AD}".to_string()),
        Just("\u{301}".to_string()),
        Just("\u{FEFF}".to_string()),
        Just("\r\n".to_string()),
        Just("  \n".to_string()),
        Just("\\".to_string()),
        Just("<!--".to_string()),
        Just(". ".to_string()),
        Just("?! ".to_string()),
        Just("…".to_string()),
        Just("-".to_string()),
        "[a-zA-Zé0-9]{1,6}",
        " {1,3}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn tokenizers() -> Vec<Tokenizer> {
    vec![
        Tokenizer::builder()
            .lang(Some(Lang::FR))
            .block_languages(false)
            .build(),
        Tokenizer::builder()
            .lang(Some(Lang::EN))
            .markdown(false)
            .block_languages(false)
            .build(),
        Tokenizer::builder().lang(Some(Lang::NL)).build(),
    ]
}

proptest! {
    // 256 cases by default; PROPTEST_CASES=n for a longer run.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
    ))]

    #[test]
    fn arbitrary_unicode(s in "\\PC{0,200}") {
        for tk in tokenizers() {
            check(&tk.tokenize(&s))?;
        }
    }

    #[test]
    fn arbitrary_any_chars(s in any::<String>()) {
        for tk in tokenizers() {
            check(&tk.tokenize(&s))?;
        }
    }

    #[test]
    fn markup_like(s in markupish()) {
        for tk in tokenizers() {
            check(&tk.tokenize(&s))?;
        }
    }

    #[test]
    fn decode_never_panics(b in prop::collection::vec(any::<u8>(), 0..300)) {
        match decode(&b) {
            Ok(s) => { prop_assert!(!s.contains('\0')); }
            Err(e) => { prop_assert!(e.offset() <= b.len()); }
        }
    }

    #[test]
    fn decode_utf16_roundtrip(s in "\\PC{0,100}") {
        let s = s.replace('\0', "");
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        prop_assert_eq!(decode(&le).ok(), Some(s.clone()));
        prop_assert_eq!(decode(&be).ok(), Some(s.clone()));
        let mut bom8 = vec![0xEF, 0xBB, 0xBF];
        bom8.extend_from_slice(s.as_bytes());
        prop_assert_eq!(decode(&bom8).ok(), Some(s));
    }
}
