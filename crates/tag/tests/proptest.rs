//! Invariants of the public API on arbitrary input.

use proptest::prelude::*;
use termsmith_tag::Tagger;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn tag_words_never_panics_and_is_parallel(words in prop::collection::vec(any::<String>(), 0..40)) {
        for code in ["fr", "en", "nl"] {
            let tagger = Tagger::for_code(code).unwrap();
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            let tags = tagger.tag_words(&refs);
            prop_assert_eq!(tags.len(), words.len());
            prop_assert_eq!(tagger.upos_words(&refs).len(), words.len());
            // Same input, same output.
            prop_assert_eq!(tagger.tag_words(&refs), tags);
        }
    }

    #[test]
    fn word_like_input(words in prop::collection::vec("[A-Za-zéèàçœ'’0-9/-]{1,20}", 1..30)) {
        let tagger = Tagger::for_code("fr").unwrap();
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let tags = tagger.tag_words(&refs);
        prop_assert_eq!(tags.len(), words.len());
        for t in &tags {
            prop_assert!(!t.lemma.is_empty());
        }
    }
}
