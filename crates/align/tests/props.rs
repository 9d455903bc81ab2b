//! Property tests: no panics, full coverage of sentence alignment, valid spans.

use proptest::prelude::*;
use termsmith_align::{AlignUnit, Morphology, PhraseMatcher, SentenceAligner, Text};

proptest! {
    #[test]
    fn beads_cover_both_sides(
        src in proptest::collection::vec((0usize..400, proptest::collection::vec(0u32..50, 0..6)), 0..60),
        tgt in proptest::collection::vec((0usize..400, proptest::collection::vec(0u32..50, 0..6)), 0..60),
    ) {
        let su: Vec<AlignUnit> = src.into_iter().map(|(l, k)| AlignUnit::new(l, k)).collect();
        let tu: Vec<AlignUnit> = tgt.into_iter().map(|(l, k)| AlignUnit::new(l, k)).collect();
        let beads = SentenceAligner::builder().band(5).build().align(&su, &tu);
        let (mut i, mut j) = (0, 0);
        for b in &beads {
            prop_assert_eq!(b.src.start, i);
            prop_assert_eq!(b.tgt.start, j);
            prop_assert!(!(b.src.is_empty() && b.tgt.is_empty()));
            prop_assert!((0.0..=1.0).contains(&b.confidence));
            i = b.src.end;
            j = b.tgt.end;
        }
        prop_assert_eq!((i, j), (su.len(), tu.len()));
    }

    #[test]
    fn plain_text_and_matcher_spans_are_valid(text in "\\PC{0,200}", phrase in "[a-zé ]{1,12}") {
        let t = Text::from_plain("x", &text);
        for s in &t.sentences {
            prop_assert!(t.text.get(s.span.clone()).is_some());
            for w in &s.words {
                prop_assert!(t.text.get(w.span.clone()).is_some());
            }
        }
        let m = PhraseMatcher::new(&[phrase], Morphology::for_lang("fr")).unwrap();
        for (r, _) in m.find(&text) {
            prop_assert!(text.get(r).is_some());
        }
    }
}
