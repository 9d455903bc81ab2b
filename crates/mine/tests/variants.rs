//! Variant grouping and acronym definitions.
use termsmith_mine::{Miner, TermKind, TermList};
use termsmith_tokenize::{Lang, Tokenizer};

fn mine(lang: Lang, texts: &[&str]) -> TermList {
    let tok = Tokenizer::builder().lang(Some(lang)).build();
    let mut m = Miner::builder().lang(lang).min_freq(1).build().unwrap();
    for (i, t) in texts.iter().enumerate() {
        m.add_document(&format!("d{i}"), &tok.tokenize(t), &[]);
    }
    m.finish()
}

#[test]
fn hyphen_space_joined_and_case() {
    let l = mine(
        Lang::FR,
        &[
            "La cyber-résilience progresse.",
            "La cyber résilience aussi.",
            "La cyberrésilience, enfin.",
            "CYBER-RÉSILIENCE.",
        ],
    );
    let t = l
        .terms
        .iter()
        .find(|t| t.key == "cyberrésilience")
        .expect("grouped");
    assert_eq!(t.freq, 4);
    assert_eq!(t.variants.len(), 4);
    assert!(!l.terms.iter().any(|t| t.key == "cyber résilience"));
}

#[test]
fn acronym_defined_by_initials_and_by_parentheses() {
    let l = mine(
        Lang::FR,
        &[
            "La sécurité des réseaux et des systèmes d'information (SRI) est visée. La directive SRI.",
            "Les centres de réponse aux incidents de sécurité informatique (CSIRT) coopèrent. Les CSIRT.",
        ],
    );
    let sri = l.terms.iter().find(|t| t.headword == "SRI").expect("SRI");
    assert_eq!(sri.kind, TermKind::Acronym);
    assert_eq!(
        sri.expansion.as_deref(),
        Some("sécurité des réseaux et des systèmes d'information")
    );
    let csirt = l
        .terms
        .iter()
        .find(|t| t.headword == "CSIRT")
        .expect("CSIRT");
    assert_eq!(
        csirt.expansion.as_deref(),
        Some("centres de réponse aux incidents de sécurité informatique")
    );
    let long = l
        .terms
        .iter()
        .find(|t| t.headword == "centres de réponse aux incidents de sécurité informatique")
        .expect("long form kept");
    assert_eq!(long.expansion.as_deref(), Some("CSIRT"));
}

#[test]
fn never_starts_or_ends_with_linker_nor_crosses_punctuation() {
    let l = mine(
        Lang::FR,
        &["Les droits de l'homme, de la femme. Gouvernance de l'Internet ; de."],
    );
    for t in &l.terms {
        let h = t.headword.to_lowercase();
        assert!(
            !h.starts_with("de ") && !h.ends_with(" de") && !h.ends_with('\''),
            "{h}"
        );
        assert!(
            !h.contains(',') && !h.contains('.') && !h.contains(';'),
            "{h}"
        );
    }
    assert!(l.terms.iter().any(|t| t.headword == "droits de l'homme"));
    assert!(l
        .terms
        .iter()
        .any(|t| t.headword == "Gouvernance de l'Internet"));
}

#[test]
fn english_linker_and_plural() {
    let l = mine(
        Lang::EN,
        &["The abuse of power is a crime. Abuses of power happen."],
    );
    let t = l
        .terms
        .iter()
        .find(|t| t.key == "abuse of power")
        .expect("grouped");
    assert_eq!(t.freq, 2);
}

#[test]
fn a_heading_in_capitals_does_not_give_the_headword() {
    // Once in a heading in capitals, once in running text: the running-text form names the
    // entry, although the capitals sort first.
    let l = mine(
        Lang::FR,
        &[
            "RENFORCER LA SÉCURITÉ DES RÉSEAUX\n\nLa sécurité des réseaux est une priorité.",
            "Les réseaux et leur sécurité.",
        ],
    );
    let t = l
        .terms
        .iter()
        .find(|t| t.key.starts_with("sécurité") && t.key.ends_with("réseau"))
        .expect("grouped");
    assert_eq!(t.freq, 2, "{t:?}");
    assert_eq!(t.headword, "sécurité des réseaux");
    // A term written only in capitals keeps them.
    let l = mine(Lang::FR, &["VOIR LE RAPPORT ANNUEL.", "LE RAPPORT ANNUEL."]);
    assert!(
        l.terms.iter().any(|t| t.headword == "RAPPORT ANNUEL"),
        "{:?}",
        l.terms
    );
}

#[test]
fn a_heading_word_in_capitals_does_not_give_the_headword_but_an_acronym_keeps_its_capitals() {
    // `RÉSULTATS` once in a heading (a run of capitals: plain words), `résultats` once in running
    // text: a tie the capitals would win, as they sort first.
    let l = mine(
        Lang::FR,
        &[
            "RÉSULTATS DES TRAVAUX\n\nLes résultats sont connus.",
            "Le rapport est publié.",
        ],
    );
    let t = l.terms.iter().find(|t| t.key == "résultat").expect("found");
    assert_eq!(t.headword, "résultats", "{t:?}");
    // An acronym written mostly in capitals keeps them, also beside another form.
    let l = mine(
        Lang::FR,
        &[
            "Le CSIRT national et le CSIRT régional coopèrent.",
            "Le CSIRT répond. Un Csirt aussi.",
        ],
    );
    let t = l
        .terms
        .iter()
        .find(|t| t.key.eq_ignore_ascii_case("csirt"))
        .expect("found");
    assert_eq!(t.headword, "CSIRT", "{t:?}");
}

#[test]
fn long_form_of_two_acronyms_takes_the_one_it_defines_most_often() {
    // DIGECO is defined twice, DGC once: the long form's expansion is DIGECO in every document
    // order (and so whatever order the candidate table's hashing gives the groups).
    let a = "La Direction générale de la concurrence (DIGECO) enquête.";
    let b = "La Direction générale de la concurrence (DIGECO) contrôle les prix.";
    let c = "La Direction générale de la concurrence (DGC) publie un rapport.";
    for texts in [[a, b, c], [c, b, a], [b, c, a]] {
        let l = mine(Lang::FR, &texts);
        for acronym in ["DIGECO", "DGC"] {
            let t = l.terms.iter().find(|t| t.headword == acronym);
            let t = t.unwrap_or_else(|| panic!("{acronym} in {texts:?}"));
            assert_eq!(
                t.expansion.as_deref(),
                Some("Direction générale de la concurrence"),
                "{texts:?}"
            );
        }
        let long = l
            .terms
            .iter()
            .find(|t| t.headword == "Direction générale de la concurrence")
            .expect("long form kept");
        assert_eq!(long.expansion.as_deref(), Some("DIGECO"), "{texts:?}");
    }
}
