//! End-to-end tests: tokenised parallel and comparable documents, mined-like term lists,
//! dictionary fixture, term base.

use termsmith_align::{Aligner, Dictionary, Method, TermInfo, TermbaseEntry, Text};
use termsmith_tokenize::{Lang, Tokenizer};

const FR: &str = "Les États membres adoptent des mesures de confiance.\n\nLa cybersécurité des réseaux est renforcée.\n\nLes mesures de confiance renforcent la coopération.\n\nLe Conseil adopte le règlement 2019/881.\n\nLa cybersécurité concerne tous les pays.";
const EN: &str = "Member States adopt confidence-building measures.\n\nThe cybersecurity of networks is strengthened.\n\nConfidence-building measures strengthen cooperation.\n\nThe Council adopts Regulation 2019/881.\n\nCybersecurity concerns all countries.";

fn term(text: &Text, doc: usize, forms: &[&str], head: &str) -> TermInfo {
    let lower = text.text.to_lowercase();
    let mut occ = Vec::new();
    for f in forms {
        let fl = f.to_lowercase();
        occ.extend(
            lower
                .match_indices(&fl)
                .map(|(p, _)| (doc, p..p + fl.len())),
        );
    }
    occ.sort_by_key(|o| o.1.start);
    TermInfo {
        key: head.to_lowercase(),
        headword: head.to_string(),
        freq: occ.len() as u32,
        occurrences: occ,
    }
}

fn dict() -> Dictionary {
    Dictionary::from_tsv(include_str!("data/fr-en-fixture.tsv"), "fixture").unwrap()
}

#[test]
fn parallel_equivalents_with_evidence() {
    let tok_fr = Tokenizer::builder().lang(Some(Lang::FR)).build();
    let tok_en = Tokenizer::builder().lang(Some(Lang::EN)).build();
    let s = Text::from_document("doc_fr.txt", &tok_fr.tokenize(FR), None);
    let t = Text::from_document("doc_en.txt", &tok_en.tokenize(EN), None);
    let src = vec![
        term(&s, 0, &["mesures de confiance"], "mesures de confiance"),
        term(&s, 0, &["cybersécurité"], "cybersécurité"),
    ];
    let tgt = vec![
        term(
            &t,
            0,
            &["confidence-building measures"],
            "confidence-building measures",
        ),
        term(&t, 0, &["cybersecurity"], "cybersecurity"),
        term(&t, 0, &["measures"], "measures"),
        term(&t, 0, &["cooperation"], "cooperation"),
    ];
    let al = Aligner::builder(Lang::FR, Lang::EN)
        .dictionary(dict())
        .build()
        .unwrap();
    let beads = al.align_sentences(&s, &t);
    assert_eq!(beads.len(), 5);
    assert!(beads.iter().all(|b| b.src.len() == 1 && b.tgt.len() == 1));
    let res = al.link_parallel(&[(s, t)], &src, &tgt);
    assert_eq!(res.len(), 2);
    let best = res[0].best().unwrap();
    assert_eq!(best.term, "confidence-building measures");
    assert_eq!(best.method, Method::Parallel);
    assert!(best.score > 0.5 && best.score <= 1.0);
    match &best.evidence[0] {
        termsmith_align::Evidence::SentencePair {
            source_sentence,
            target_sentence,
            source_doc,
            ..
        } => {
            assert!(source_sentence.contains("mesures de confiance"));
            assert!(target_sentence.contains("confidence-building measures"));
            assert_eq!(source_doc, "doc_fr.txt");
        }
        e => panic!("unexpected evidence {e:?}"),
    }
    assert_eq!(res[1].best().unwrap().term, "cybersecurity");
    // scores sorted, all in [0, 1]
    for r in &res {
        assert!(r.candidates.windows(2).all(|w| w[0].score >= w[1].score));
        assert!(r.candidates.iter().all(|c| (0.0..=1.0).contains(&c.score)));
    }
}

#[test]
fn termbase_overrides_and_finds_terms() {
    let s = Text::from_plain("a.txt", FR);
    let t = Text::from_plain("b.txt", EN);
    let al = Aligner::builder(Lang::FR, Lang::EN)
        .termbase(vec![TermbaseEntry {
            source: vec!["mesure de confiance".into()],
            target: vec!["CBM".into()],
            origin: "test.tbx".into(),
        }])
        .build()
        .unwrap();
    let found = al.find_termbase_terms(std::slice::from_ref(&s), &[]);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].freq, 2);
    let res = al.link_parallel(&[(s, t)], &found, &[]);
    let b = res[0].best().unwrap();
    assert_eq!(
        (b.term.as_str(), b.method, b.score),
        ("CBM", Method::Termbase, 1.0)
    );
    assert_eq!(
        b.evidence,
        vec![termsmith_align::Evidence::TermbaseEntry {
            origin: "test.tbx".into()
        }]
    );
}

#[test]
fn comparable_ranks_compositional_and_cognates() {
    let s = Text::from_plain("fr.txt", FR);
    let t = Text::from_plain("en.txt", "Cybersecurity of networks matters. Confidence-building measures help. Countries cooperate.");
    let src = vec![
        term(&s, 0, &["mesures de confiance"], "mesures de confiance"),
        term(&s, 0, &["cybersécurité"], "cybersécurité"),
    ];
    let tgt = vec![
        term(&t, 0, &["cybersecurity"], "cybersecurity"),
        term(
            &t,
            0,
            &["confidence-building measures"],
            "confidence-building measures",
        ),
        term(&t, 0, &["countries"], "countries"),
    ];
    let al = Aligner::builder(Lang::FR, Lang::EN)
        .dictionary(dict())
        .build()
        .unwrap();
    let res = al.link_comparable(&[s], &[t], &src, &tgt);
    assert_eq!(res[0].best().unwrap().term, "confidence-building measures");
    assert_eq!(res[1].best().unwrap().term, "cybersecurity");
}

#[test]
fn deterministic_output() {
    let s = Text::from_plain("a", FR);
    let t = Text::from_plain("b", EN);
    let src = vec![term(&s, 0, &["cybersécurité"], "cybersécurité")];
    let tgt = vec![
        term(&t, 0, &["cybersecurity"], "cybersecurity"),
        term(&t, 0, &["networks"], "networks"),
    ];
    let al = Aligner::builder(Lang::FR, Lang::EN)
        .dictionary(dict())
        .build()
        .unwrap();
    let a = al.link_parallel(&[(s.clone(), t.clone())], &src, &tgt);
    let b = al.link_parallel(&[(s, t)], &src, &tgt);
    assert_eq!(a, b);
}

#[test]
fn abbreviation_with_permuted_letters() {
    // the English abbreviation orders the letters differently (TUE ~ TEU); VI co-occurs
    // with TUE more consistently but shares no letter with it
    let fr =
        "Le titre VI du TUE est clair.\n\nLe titre VI du TUE s'applique.\n\nLe Conseil agit vite.";
    let en = "Title VI of the TEU is clear.\n\nTitle VI of the Treaty applies.\n\nThe Council acts quickly.";
    let tok_fr = Tokenizer::builder().lang(Some(Lang::FR)).build();
    let tok_en = Tokenizer::builder().lang(Some(Lang::EN)).build();
    let s = Text::from_document("fr.txt", &tok_fr.tokenize(fr), None);
    let t = Text::from_document("en.txt", &tok_en.tokenize(en), None);
    let src = vec![term(&s, 0, &["TUE"], "tue")];
    let tgt = vec![
        term(&t, 0, &["VI"], "VI"),
        term(&t, 0, &["TEU"], "TEU"),
        term(&t, 0, &["Treaty"], "Treaty"),
    ];
    let al = Aligner::builder(Lang::FR, Lang::EN).build().unwrap();
    let res = al.link_parallel(&[(s, t)], &src, &tgt);
    assert_eq!(res[0].best().map(|b| b.term.as_str()), Some("TEU"));
}
