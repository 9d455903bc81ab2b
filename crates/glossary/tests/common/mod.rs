//! Shared fixture: a small fixed French–English term base.
#![allow(dead_code)]

use termsmith_glossary::model::*;

fn ctx(text: &str, source: Option<&str>, span: Option<(usize, usize)>) -> ContextRecord {
    ContextRecord {
        text: text.into(),
        source: source.map(String::from),
        span: span.map(|(start, end)| Span { start, end }),
    }
}

/// The golden term base: French–English, an acronym + full form entry,
/// variants, contexts with quotes, ampersands, newlines and formula-like cells.
pub fn sample() -> TermBase {
    let mut tb = TermBase::new("fr", &["en"]);
    tb.header.title = "Cybersécurité FR–EN (golden)".into();
    tb.header.source_desc = "Golden test term base of termsmith-glossary & friends.".into();
    tb.header.created = Some("2026-01-15".into());

    // 1. A plain concept with everything set.
    let mut fr = TermRecord::new("cyber-résilience");
    fr.part_of_speech = Some(PartOfSpeech::Noun);
    fr.gender = Some(Gender::Feminine);
    fr.term_type = Some(TermType::FullForm);
    fr.admin_status = Some(AdminStatus::Preferred);
    fr.frequency = 12;
    fr.doc_frequency = 2;
    fr.score = Some(0.8123);
    fr.sources = vec!["conclusions-2024.txt".into(), "strategy.txt".into()];
    fr.contexts = vec![
        ctx(
            "La « cyber-résilience » des infrastructures critiques reste une priorité de l'Union & de ses États.",
            Some("conclusions-2024.txt"),
            Some((1043, 1059)),
        ),
        ctx("Renforcer la cyber-résilience :\n\"tous\" les secteurs <critiques>.", None, None),
    ];
    let mut en = TermRecord::new("cyber resilience");
    en.part_of_speech = Some(PartOfSpeech::Noun);
    en.term_type = Some(TermType::FullForm);
    en.admin_status = Some(AdminStatus::Preferred);
    en.equivalent = Some(EquivalentInfo {
        method: "parallel".into(),
        score: Some(0.91),
        evidence: vec![
            "aligned sentence 14: \"cyber resilience of critical infrastructure\"".into(),
        ],
        verified: true,
    });
    tb.entries.push(ConceptEntry {
        id: "c1".into(),
        subject_field: Some("cybersecurity".into()),
        definition: Some(
            "Ability of an organisation to prepare for, withstand & recover from cyber incidents."
                .into(),
        ),
        notes: vec![],
        sources: vec![],
        status: EntryStatus::New,
        human_edited: false,
        date: Some("2026-01-15".into()),
        langs: vec![
            LangSection {
                lang: "fr".into(),
                terms: vec![fr],
            },
            LangSection {
                lang: "en".into(),
                terms: vec![en],
            },
        ],
    });

    // 2. Acronym + full form in one entry; unverified low-score equivalent.
    let mut sri = TermRecord::new("SRI");
    sri.term_type = Some(TermType::Acronym);
    sri.part_of_speech = Some(PartOfSpeech::Noun);
    sri.frequency = 30;
    sri.doc_frequency = 2;
    sri.score = Some(0.66);
    sri.contexts = vec![ctx(
        "=SUM(A1) la directive SRI impose aux opérateurs de notifier les incidents.",
        Some("nis.txt"),
        Some((5, 8)),
    )];
    let mut sri_full = TermRecord::new("sécurité des réseaux et des systèmes d'information");
    sri_full.term_type = Some(TermType::FullForm);
    sri_full.part_of_speech = Some(PartOfSpeech::Noun);
    sri_full.frequency = 4;
    let mut nis = TermRecord::new("NIS");
    nis.term_type = Some(TermType::Acronym);
    nis.admin_status = Some(AdminStatus::Preferred);
    nis.equivalent = Some(EquivalentInfo {
        method: "comparable".into(),
        score: Some(0.42),
        evidence: vec![
            "context vectors, 3 shared anchors".into(),
            "cognate: no".into(),
        ],
        verified: false,
    });
    let mut nis_full = TermRecord::new("network and information security");
    nis_full.term_type = Some(TermType::FullForm);
    tb.entries.push(ConceptEntry {
        id: "c2".into(),
        subject_field: Some("cybersecurity".into()),
        status: EntryStatus::Updated,
        langs: vec![
            LangSection {
                lang: "fr".into(),
                terms: vec![sri, sri_full],
            },
            LangSection {
                lang: "en".into(),
                terms: vec![nis, nis_full],
            },
        ],
        ..ConceptEntry::default()
    });

    // 3. Variants; formula-like cells; a human-edited term.
    let mut mc = TermRecord::new("mesures de confiance");
    mc.part_of_speech = Some(PartOfSpeech::Noun);
    mc.gender = Some(Gender::Feminine);
    mc.frequency = 7;
    mc.doc_frequency = 1;
    mc.score = Some(0.5);
    mc.contexts = vec![ctx(
        "-ase, +33 et @mention : les mesures de confiance\tdans le cyberespace.",
        Some("osce.txt"),
        None,
    )];
    let mut mc_var = TermRecord::new("mesure de confiance");
    mc_var.term_type = Some(TermType::Variant);
    mc_var.frequency = 2;
    let mut cbm = TermRecord::new("confidence-building measures");
    cbm.admin_status = Some(AdminStatus::Preferred);
    cbm.human_edited = true;
    cbm.notes = vec!["Checked by the translator, 2026-01-20.".into()];
    let mut cbms = TermRecord::new("CBMs");
    cbms.term_type = Some(TermType::Acronym);
    cbms.admin_status = Some(AdminStatus::Admitted);
    cbms.equivalent = Some(EquivalentInfo {
        method: "dictionary".into(),
        score: None,
        evidence: vec![],
        verified: true,
    });
    tb.entries.push(ConceptEntry {
        id: "c3".into(),
        notes: vec!["See also \"cyber diplomacy\"; =not a formula".into()],
        status: EntryStatus::Unchanged,
        langs: vec![
            LangSection {
                lang: "fr".into(),
                terms: vec![mc, mc_var],
            },
            LangSection {
                lang: "en".into(),
                terms: vec![cbm, cbms],
            },
        ],
        ..ConceptEntry::default()
    });

    // 4. A named entity, human-edited entry, proper noun.
    let mut ue = TermRecord::new("Union européenne");
    ue.part_of_speech = Some(PartOfSpeech::ProperNoun);
    ue.named_entity = true;
    ue.frequency = 40;
    ue.doc_frequency = 2;
    let mut eu = TermRecord::new("European Union");
    eu.part_of_speech = Some(PartOfSpeech::ProperNoun);
    eu.named_entity = true;
    tb.entries.push(ConceptEntry {
        id: "c4".into(),
        definition: Some("Political and economic union of 27 member states.".into()),
        human_edited: true,
        status: EntryStatus::Unchanged,
        langs: vec![
            LangSection {
                lang: "fr".into(),
                terms: vec![ue],
            },
            LangSection {
                lang: "en".into(),
                terms: vec![eu],
            },
        ],
        ..ConceptEntry::default()
    });
    tb
}
