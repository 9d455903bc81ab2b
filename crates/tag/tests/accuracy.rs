//! Accuracy of the embedded models on slices of the held-out UD test files (never trained on), copied
//! into `tests/data` (first sentences of each file; comments, XPOS, features and relations removed).
//! Thresholds are the accuracies measured when the models were built, minus a margin of 1.5 points.

use termsmith_tag::train::{evaluate, read_conllu_with, SurfaceOptions};
use termsmith_tag::Tagger;

fn check(code: &str, conllu: &str, min_upos: f64, min_lemma: f64) {
    // The same surface mapping as tools/train-tagger.sh.
    let opts = SurfaceOptions {
        split_clitics: if code == "en" {
            vec!["'s".into()]
        } else {
            vec![]
        },
        lemma_strip: if code == "nl" { vec!['_'] } else { vec![] },
    };
    let sents = read_conllu_with(conllu, &opts).expect("test file parses");
    let tagger = Tagger::for_code(code).expect("model loads");
    let e = evaluate(tagger, &sents, None);
    println!(
        "{code}: {} tokens, UPOS {:.2}%, lemma {:.2}%",
        e.tokens,
        e.upos_accuracy(),
        e.lemma_accuracy()
    );
    assert!(e.tokens > 2000, "{code}: slice too small");
    assert!(
        e.upos_accuracy() >= min_upos,
        "{code}: UPOS accuracy {:.2}% < {min_upos}%",
        e.upos_accuracy()
    );
    assert!(
        e.lemma_accuracy() >= min_lemma,
        "{code}: lemma accuracy {:.2}% < {min_lemma}%",
        e.lemma_accuracy()
    );
}

#[test]
fn french_gsd_test_slice() {
    check(
        "fr",
        include_str!("data/fr_gsd-ud-test.head.conllu"),
        94.1,
        95.7,
    );
}

#[test]
fn english_ewt_test_slice() {
    check(
        "en",
        include_str!("data/en_ewt-ud-test.head.conllu"),
        94.9,
        96.1,
    );
}

#[test]
fn dutch_alpino_test_slice() {
    check(
        "nl",
        include_str!("data/nl_alpino-ud-test.head.conllu"),
        92.0,
        92.1,
    );
}
