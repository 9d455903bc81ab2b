//! `Document::display_text`: markup removed as the tokenizer masks it.

use proptest::prelude::*;
use termsmith_tokenize::{Document, Lang, Span, Tokenizer};

fn fr() -> Tokenizer {
    Tokenizer::builder()
        .lang(Some(Lang::FR))
        .block_languages(false)
        .build()
}

fn whole(doc: &Document) -> String {
    doc.display_text(Span::new(0, doc.text.len()))
}

#[test]
fn markup_removed() {
    let tk = fr();
    let d = tk.tokenize("# **Projet de conclusions**\n\nune base solide\"<sup>1</sup>. R&amp;D");
    assert_eq!(d.display_text(d.blocks[0].span), "Projet de conclusions");
    let s = d
        .sentences
        .iter()
        .find(|s| d.sentence_text(s).contains("solide"))
        .unwrap();
    assert_eq!(d.display_text(s.span), "une base solide\".");
    assert_eq!(whole(&d), "Projet de conclusions une base solide\". R&D");
    let d =
        tk.tokenize("- premier point\n- second *point*  \nsuite\n\n| a | b |\n|---|---|\n|c|d|");
    assert_eq!(whole(&d), "premier point second point suite a b c d");
    let d =
        tk.tokenize("mot<sup>2</sup>suivant, cyber\u{AD}sécurité,\u{A0}1\u{A0}000 &nbsp;x<br>Y");
    assert_eq!(whole(&d), "mot suivant, cybersécurité, 1 000 x Y");
    let d = tk.tokenize("<sup>1</sup> Doc. 12109/13 [^2]\n   sur deux lignes");
    assert_eq!(whole(&d), "Doc. 12109/13 sur deux lignes");
}

#[test]
fn plain_mode_keeps_symbols() {
    let tk = Tokenizer::builder()
        .lang(Some(Lang::EN))
        .markdown(false)
        .build();
    let d = tk.tokenize("a **b** | c &amp; <sup>1</sup>\n\n  d");
    assert_eq!(whole(&d), "a **b** | c &amp; <sup>1</sup> d");
}

#[test]
fn inner_span_is_placed() {
    let tk = fr();
    let d = tk.tokenize("Le **CERT-UE**<sup>4</sup> et la\n*cyber-résilience* de l’Union.");
    let s = &d.sentences[0];
    for tok in ["CERT-UE", "cyber-résilience", "l’", "Union"] {
        let t = d.tokens.iter().find(|t| d.token_text(t) == tok).unwrap();
        let (text, r) = d.display_text_with(s.span, t.span);
        assert_eq!(text, "Le CERT-UE et la cyber-résilience de l’Union.");
        assert_eq!(&text[r], tok);
    }
    // a multi-token term across markup and a line break
    let a = d.tokens.iter().find(|t| d.token_text(t) == "la").unwrap();
    let b = d
        .tokens
        .iter()
        .find(|t| d.token_text(t) == "cyber-résilience")
        .unwrap();
    let (text, r) = d.display_text_with(s.span, Span::new(a.span.start, b.span.end));
    assert_eq!(&text[r], "la cyber-résilience");
    // empty and outside inner spans
    let (text, r) = d.display_text_with(s.span, Span::new(0, 0));
    assert_eq!(r, 0..0);
    let (_, r) = d.display_text_with(s.span, Span::new(10_000, 10_001));
    assert_eq!(r, text.len()..text.len());
}

#[test]
fn odd_spans_do_not_panic() {
    let d = fr().tokenize("é<sup>1</sup>\n\nà");
    assert_eq!(d.display_text(Span::new(1, 2)), "é");
    assert_eq!(d.display_text(Span::new(5, 3)), "");
    assert_eq!(d.display_text(Span::new(100, 200)), "");
    assert_eq!(d.display_text(Span::new(3, 8)), "");
}

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
        Just("2. ".to_string()),
        Just("| ".to_string()),
        Just("|".to_string()),
        Just("&amp;".to_string()),
        Just("&nbsp;".to_string()),
        Just("<br>".to_string()),
        Just("<b>".to_string()),
        Just("<!-- c -->".to_string()),
        Just("[^1]".to_string()),
        Just("> ".to_string()),
        Just("\\".to_string()),
        Just("l’".to_string()),
        Just("doc.".to_string()),
        Just("https://a.b/c_(d)".to_string()),
        Just("<https://x.y>".to_string()),
        Just("\u{AD}".to_string()),
        Just("\u{A0}".to_string()),
        Just("  \n".to_string()),
        Just("\t".to_string()),
        Just(". ".to_string()),
        "[a-zA-Zé0-9]{1,6}",
        " {1,3}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

/// Tokens whose text the display keeps unchanged.
fn plain_token(s: &str) -> bool {
    !s.chars().any(|c| {
        c.is_whitespace() || matches!(c, '&' | '\u{AD}' | '\u{200B}' | '\u{FEFF}' | '\u{2060}')
    })
}

fn check(doc: &Document, a: usize, b: usize) -> Result<(), TestCaseError> {
    let len = doc.text.len();
    let (a, b) = (a % (len + 2), b % (len + 2));
    let span = Span::new(a.min(b), a.max(b));
    let (out, r) = doc.display_text_with(span, Span::new(a, b));
    prop_assert!(r.start <= r.end && r.end <= out.len());
    prop_assert!(out.is_char_boundary(r.start) && out.is_char_boundary(r.end));
    prop_assert_eq!(out.trim(), out.as_str());
    prop_assert!(!out.contains("  "));
    // (an escaped `\<sup>` is literal text)
    if doc.markdown && !doc.text.contains("\\<") {
        prop_assert!(!out.contains("<sup>"), "{:?}", out);
    }
    let mut pos = 0;
    for t in &doc.tokens {
        if t.span.start < span.start || t.span.end > span.end {
            continue;
        }
        let tt = doc.token_text(t);
        if !plain_token(tt) {
            continue;
        }
        match out[pos..].find(tt) {
            Some(p) => pos += p + tt.len(),
            None => prop_assert!(false, "token {:?} not in order in {:?}", tt, out),
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
    ))]

    #[test]
    fn display_invariants(s in markupish(), a in any::<usize>(), b in any::<usize>()) {
        let doc = fr().tokenize(&s);
        check(&doc, a, b)?;
        check(&doc, 0, doc.text.len())?;
        for st in doc.sentences.iter().take(5) {
            check(&doc, st.span.start, st.span.end)?;
        }
        let plain = Tokenizer::builder().lang(Some(Lang::EN)).markdown(false).block_languages(false).build();
        check(&plain.tokenize(&s), a, b)?;
    }

    #[test]
    fn display_any_text(s in "\\PC{0,120}", a in any::<usize>(), b in any::<usize>()) {
        let doc = fr().tokenize(&s);
        check(&doc, a, b)?;
        check(&doc, 0, doc.text.len())?;
    }
}
