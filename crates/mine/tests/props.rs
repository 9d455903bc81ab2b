//! Invariants on arbitrary input: no panic, occurrence spans inside the text and matching
//! their form's words, ranks consecutive, frequencies consistent.
use proptest::prelude::*;
use termsmith_mine::{Miner, TokenTag, Upos};
use termsmith_tokenize::{Lang, Tokenizer};

fn check(text: &str, tagged: bool) {
    let tok = Tokenizer::builder()
        .lang(Some(Lang::FR))
        .markdown(true)
        .build();
    let doc = tok.tokenize(text);
    let tags: Vec<TokenTag> = if tagged {
        doc.tokens
            .iter()
            .enumerate()
            .map(|(i, _)| TokenTag {
                upos: [Upos::Noun, Upos::Adj, Upos::Adp, Upos::Det, Upos::Propn][i % 5],
                lemma: Default::default(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut m = Miner::builder().lang(Lang::FR).min_freq(1).build().unwrap();
    m.add_document("x", &doc, &tags);
    let list = m.finish();
    for (i, t) in list.terms.iter().enumerate() {
        assert_eq!(t.rank as usize, i + 1);
        assert_eq!(t.freq, t.variants.iter().map(|v| v.freq).sum::<u32>());
        assert_eq!(t.freq, t.per_doc.iter().map(|p| p.1).sum::<u32>());
        assert!(t.contexts.len() <= 3);
        for o in &t.occurrences {
            assert!(o.span.start < o.span.end && o.span.end <= doc.text.len());
            assert!(
                doc.text.is_char_boundary(o.span.start) && doc.text.is_char_boundary(o.span.end)
            );
        }
        assert!(t.score.is_finite());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn no_panic_any_text(s in "\\PC{0,200}") {
        check(&s, false);
        check(&s, true);
    }

    #[test]
    fn no_panic_wordy_text(words in proptest::collection::vec(
        prop_oneof![
            Just("de"), Just("la"), Just("l'"), Just("sécurité"), Just("(SRI)"), Just("("), Just(")"),
            Just("Réseaux"), Just("CSIRT"), Just("cyber-résilience"), Just("."), Just("2015"), Just("des"),
            Just("systèmes"), Just("d'information"), Just("SRI"), Just("<sup>1</sup>"), Just("\n\n"),
        ], 0..60)) {
        check(&words.join(" "), false);
        check(&words.join(" "), true);
    }
}
