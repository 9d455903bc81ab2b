//! CSV reader: kit samples, mappings, malformed input.

mod common;

use termsmith_glossary::csv::{self, ColumnMapping, CsvOptions, CsvProfile};
use termsmith_glossary::model::{AdminStatus, PartOfSpeech, TermBase, TermType};
use termsmith_glossary::{tbx, GlossaryError};

fn sample(name: &str) -> Option<Vec<u8>> {
    // The samples of the TBX conformance kit, vendored in `tools/tbx-kit/samples`.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tools/tbx-kit/samples");
    Some(std::fs::read(format!("{dir}/{name}")).unwrap_or_else(|e| panic!("{dir}/{name}: {e}")))
}

#[test]
fn reads_language_code_sample() {
    let Some(b) = sample("valid.csv") else { return };
    let (tb, report) = csv::read(&b[..], &ColumnMapping::auto()).unwrap();
    assert_eq!(tb.entries.len(), 3);
    assert_eq!(tb.header.source_lang, "fr");
    assert_eq!(tb.header.target_langs, ["en"]);
    let e = &tb.entries[2];
    assert_eq!(
        e.lang("en").unwrap().terms[0].term,
        "confidence-building measures"
    );
    assert!(e.definition.as_deref().unwrap().starts_with("Voluntary"));
    assert_eq!(e.notes, ["Also \"CBMs\"."]);
    assert!(e.human_edited);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}

#[test]
fn mapping_for_source_target_sample() {
    let Some(b) = sample("valid-source-target.csv") else {
        return;
    };
    assert!(matches!(
        csv::read(&b[..], &ColumnMapping::auto()),
        Err(GlossaryError::Mapping(_))
    ));
    let m = ColumnMapping::parse("fr=source,en=target,note=translator_comments").unwrap();
    let (tb, _) = csv::read(&b[..], &m).unwrap();
    assert_eq!(tb.entries.len(), 3);
    assert_eq!(
        tb.entries[1].lang("fr").unwrap().terms[0].term,
        "directive SRI"
    );
    assert_eq!(
        tb.entries[1].notes,
        ["noun; short form of Directive (EU) 2016/1148"]
    );
    let m = ColumnMapping::parse("fr=#1,en=#2")
        .unwrap()
        .has_header(false);
    let (tb, _) = csv::read(&b[..], &m).unwrap();
    assert_eq!(tb.entries.len(), 4, "header read as data");
    assert!(matches!(
        csv::read(&b[..], &ColumnMapping::parse("fr=nope").unwrap()),
        Err(GlossaryError::Mapping(_))
    ));
}

#[test]
fn ragged_rows_have_positions() {
    let Some(b) = sample("invalid.csv") else {
        return;
    };
    match csv::read(&b[..], &ColumnMapping::parse("fr=fr,en=en").unwrap()) {
        Err(GlossaryError::RaggedRow {
            pos,
            expected,
            found,
        }) => {
            assert_eq!((pos.line, expected, found), (3, 4, 3));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn latin1_refused_with_position() {
    let Some(b) = sample("invalid-encoding.csv") else {
        return;
    };
    match csv::read(&b[..], &ColumnMapping::auto()) {
        Err(GlossaryError::Encoding { pos, encoding }) => {
            assert_eq!(encoding, "UTF-8");
            assert_eq!((pos.line, pos.byte), (2, 13));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn utf16_csv_accepted() {
    let s = "fr\ten\ncyber-résilience\tcyber resilience\n";
    let mut b = vec![0xFF, 0xFE];
    for u in s.encode_utf16() {
        b.extend_from_slice(&u.to_le_bytes());
    }
    let (tb, _) = csv::read(&b[..], &ColumnMapping::auto()).unwrap();
    assert_eq!(tb.entries[0].langs[0].terms[0].term, "cyber-résilience");
}

#[test]
fn golden_profiles_read_back() {
    let tb = common::sample();
    for p in [
        CsvProfile::Generic,
        CsvProfile::Memoq,
        CsvProfile::Trados,
        CsvProfile::Phrase,
    ] {
        let mut b = Vec::new();
        csv::write(&tb, &CsvOptions::new(p), &mut b).unwrap();
        let (back, report) = csv::read(&b[..], &ColumnMapping::auto()).unwrap();
        assert_eq!(back.entries.len(), 4, "{p:?}");
        assert!(report.warnings.is_empty(), "{p:?}: {:?}", report.warnings);
        let ctx = back.entries[1].langs[0].terms[0].term.clone();
        assert_eq!(ctx, "SRI");
    }
    // The formula guard is removed again.
    let mut b = Vec::new();
    csv::write(&tb, &CsvOptions::new(CsvProfile::Generic), &mut b).unwrap();
    assert!(String::from_utf8_lossy(&b).contains("'=SUM(A1)"));
    let (back, _) = csv::read(&b[..], &ColumnMapping::auto()).unwrap();
    assert!(back.entries[1].langs[0].terms[0].contexts[0]
        .text
        .starts_with("=SUM(A1)"));
    // OmegaT: tab-separated, no header, comment into the definition.
    let mut b = Vec::new();
    csv::write(&tb, &CsvOptions::new(CsvProfile::Omegat), &mut b).unwrap();
    let (back, _) = csv::read(&b[..], &ColumnMapping::omegat("fr", "en")).unwrap();
    assert_eq!(back.entries.len(), 8);
    assert_eq!(
        back.entries[0].lang("en").unwrap().terms[0].term,
        "cyber resilience"
    );
}

/// Rows copied from `glossaries/eu-cyber-policy.fr-en.csv` (the reference
/// term base), header unchanged.
const EU_CYBER_ROWS: &str = r#"id,fr,fr_variants,en,en_variants,part_of_speech,term_type,subject_field,source,note
eucyb-006,mesure de confiance,mesures de confiance,confidence-building measure,CBM | confidence-building measures,noun,fullForm,cyber diplomacy,"Council conclusions on cyber diplomacy 6122/15, FR/EN versions; Council conclusions 14435/17 on JOIN(2017) 450 (draft doc. 13943/17), FR/EN versions",OSCE cyber/ICT confidence-building measures.
eucyb-016,groupe d'experts gouvernementaux des Nations unies,groupe d'experts gouvernementaux des Nations unies chargé d'examiner les progrès de la téléinformatique dans le contexte de la sécurité internationale,United Nations Group of Governmental Experts,UN GGE | Group of Governmental Experts on Developments in the Field of Information and Telecommunications in the Context of International Security,noun,fullForm,cyber diplomacy,"Council conclusions on cyber diplomacy 6122/15, FR/EN versions; Council conclusions 14435/17 on JOIN(2017) 450 (draft doc. 13943/17), FR/EN versions",
eucyb-027,cyberespace,cyberspace,cyberspace,,noun,fullForm,cyber policy,"JOIN(2013) 1 final (Cybersecurity Strategy of the EU), FR/EN versions; Council conclusions on cyber diplomacy 6122/15, FR/EN versions; Council conclusions 14435/17 on JOIN(2017) 450 (draft doc. 13943/17), FR/EN versions",FR Council texts of 2015 and 2017 also write 'cyberspace'; 'cyberespace' is the spelling of JOIN(2013) 1 final.
eucyb-081,directive SRI,directive sur la sécurité des réseaux et des systèmes d'information | directive (UE) 2016/1148,NIS Directive,Directive on security of network and information systems | Directive (EU) 2016/1148,noun,shortForm,cybersecurity,"Directive (EU) 2016/1148 (NIS Directive), FR/EN versions; Council conclusions 14435/17 on JOIN(2017) 450 (draft doc. 13943/17), FR/EN versions",SRI = sécurité des réseaux et des systèmes d'information.
eucyb-108,CERT-UE,"service de cybersécurité pour les institutions, organes et organismes de l'Union",CERT-EU,"Cybersecurity Service for the Union institutions, bodies, offices and agencies",noun,acronym,EU institutions and bodies,"Council conclusions 14435/17 on JOIN(2017) 450 (draft doc. 13943/17), FR/EN versions; Regulation (EU, Euratom) 2023/2841 (cybersecurity of Union entities), FR/EN versions","Full name as in Regulation (EU, Euratom) 2023/2841; the acronym is kept. [medium confidence: FR full name not re-checked against the FR text of 2023/2841]"
"#;

fn terms(
    e: &termsmith_glossary::ConceptEntry,
    lang: &str,
) -> Vec<(String, Option<TermType>, Option<AdminStatus>)> {
    e.lang(lang)
        .map(|l| {
            l.terms
                .iter()
                .map(|t| (t.term.clone(), t.term_type, t.admin_status))
                .collect()
        })
        .unwrap_or_default()
}

fn check_eu_cyber(tb: &TermBase) {
    use AdminStatus::{Admitted, Preferred};
    assert_eq!(tb.header.source_lang, "fr");
    assert_eq!(tb.header.target_langs, ["en"]);
    assert_eq!(tb.entries.len(), 5);
    let ids: Vec<&str> = tb.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "eucyb-006",
            "eucyb-016",
            "eucyb-027",
            "eucyb-081",
            "eucyb-108"
        ]
    );
    let cbm = &tb.entries[0];
    assert!(cbm.human_edited);
    assert_eq!(cbm.subject_field.as_deref(), Some("cyber diplomacy"));
    assert_eq!(cbm.notes, ["OSCE cyber/ICT confidence-building measures."]);
    assert_eq!(
        cbm.sources,
        [
            "Council conclusions on cyber diplomacy 6122/15, FR/EN versions",
            "Council conclusions 14435/17 on JOIN(2017) 450 (draft doc. 13943/17), FR/EN versions"
        ]
    );
    let fr = &cbm.lang("fr").unwrap().terms;
    assert_eq!(fr[0].part_of_speech, Some(PartOfSpeech::Noun));
    assert!(fr.iter().all(|t| t.human_edited));
    assert_eq!(
        terms(cbm, "fr"),
        [
            (
                "mesure de confiance".into(),
                Some(TermType::FullForm),
                Some(Preferred)
            ),
            (
                "mesures de confiance".into(),
                Some(TermType::Variant),
                Some(Admitted)
            ),
        ]
    );
    assert_eq!(
        terms(cbm, "en"),
        [
            ("confidence-building measure".into(), None, Some(Preferred)),
            ("CBM".into(), Some(TermType::Acronym), Some(Admitted)),
            (
                "confidence-building measures".into(),
                Some(TermType::Variant),
                Some(Admitted)
            ),
        ]
    );
    // An acronym with a space.
    assert_eq!(terms(&tb.entries[1], "en")[1].1, Some(TermType::Acronym));
    assert_eq!(terms(&tb.entries[1], "en")[1].0, "UN GGE");
    // Spelling variants of one concept: one entry.
    assert_eq!(
        terms(&tb.entries[2], "fr"),
        [
            (
                "cyberespace".into(),
                Some(TermType::FullForm),
                Some(Preferred)
            ),
            ("cyberspace".into(), Some(TermType::Variant), Some(Admitted)),
        ]
    );
    assert_eq!(
        terms(&tb.entries[2], "en"),
        [("cyberspace".into(), None, Some(Preferred))]
    );
    assert_eq!(tb.entries[2].sources.len(), 3);
    // Short form headword; its variants stay variants.
    assert_eq!(terms(&tb.entries[3], "fr")[0].1, Some(TermType::ShortForm));
    assert_eq!(terms(&tb.entries[3], "fr").len(), 3);
    assert_eq!(terms(&tb.entries[3], "en")[2].0, "Directive (EU) 2016/1148");
    // Acronym headword: the other forms are full forms (fr: from the
    // term_type column; en: all capitals).
    let cert = &tb.entries[4];
    assert_eq!(
        terms(cert, "fr"),
        [
            ("CERT-UE".into(), Some(TermType::Acronym), Some(Preferred)),
            (
                "service de cybersécurité pour les institutions, organes et organismes de l'Union"
                    .into(),
                Some(TermType::FullForm),
                Some(Admitted)
            ),
        ]
    );
    assert_eq!(terms(cert, "en")[0].1, Some(TermType::Acronym));
    assert_eq!(terms(cert, "en")[1].1, Some(TermType::FullForm));
    assert_eq!(
        cert.sources[1],
        "Regulation (EU, Euratom) 2023/2841 (cybersecurity of Union entities), FR/EN versions"
    );
    assert!(cert.notes[0].ends_with("2023/2841]"));
}

#[test]
fn reference_term_base_columns_auto() {
    let (tb, report) = csv::read(EU_CYBER_ROWS.as_bytes(), &ColumnMapping::auto()).unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    check_eu_cyber(&tb);
}

#[test]
fn reference_term_base_columns_mapped() {
    let m = ColumnMapping::parse(
        "id=id,fr=fr,fr_variants=fr_variants,en=en,en_variants=en_variants,\
         part_of_speech=part_of_speech,term_type=term_type,subject=subject_field,\
         source=source,note=note",
    )
    .unwrap();
    let (tb, report) = csv::read(EU_CYBER_ROWS.as_bytes(), &m).unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    check_eu_cyber(&tb);
}

#[test]
fn reference_term_base_to_tbx_and_back() {
    let (tb, _) = csv::read(EU_CYBER_ROWS.as_bytes(), &ColumnMapping::auto()).unwrap();
    for v in [tbx::TbxVersion::V3, tbx::TbxVersion::V2] {
        let mut b = Vec::new();
        tbx::write(&tb, v, &mut b).unwrap();
        let xml = String::from_utf8(b.clone()).unwrap();
        assert!(xml.contains(
            "<admin type=\"source\">Council conclusions on cyber diplomacy 6122/15, FR/EN versions</admin>"
        ));
        assert!(xml.contains("<termNote type=\"termType\">acronym</termNote>"));
        // Human-made: no termsmith responsibility, no machine notes.
        assert!(!xml.contains("[termsmith] fingerprint"));
        let (back, report) = tbx::read(&b[..]).unwrap();
        assert!(report.warnings.is_empty(), "{:?}", report.warnings);
        assert_eq!(back.entries, tb.entries, "{v:?}");
    }
}

#[test]
fn variant_separators_and_escapes() {
    let s = "fr,fr_variants,en,English variants,term_type\n\
             a,b|c; d \\| e ;;,x,Y Z;x,acronym\n";
    let (tb, report) = csv::read(s.as_bytes(), &ColumnMapping::auto()).unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let e = &tb.entries[0];
    let fr: Vec<_> = terms(e, "fr").into_iter().map(|t| t.0).collect();
    assert_eq!(fr, ["a", "b", "c", "d | e"]);
    // "x" repeats the headword: skipped.
    assert_eq!(
        terms(e, "en"),
        [
            ("x".into(), None, Some(AdminStatus::Preferred)),
            (
                "Y Z".into(),
                Some(TermType::Acronym),
                Some(AdminStatus::Admitted)
            ),
        ]
    );
    // term_type goes to the source headword even when it is not an acronym.
    assert_eq!(terms(e, "fr")[0].1, Some(TermType::Acronym));
    assert_eq!(terms(e, "fr")[1].1, Some(TermType::FullForm));
    // An unknown term type is reported, not fatal.
    let s = "fr,en,term_type\na,b,weird\n";
    let (tb, report) = csv::read(s.as_bytes(), &ColumnMapping::auto()).unwrap();
    assert_eq!(tb.entries[0].langs[0].terms[0].term_type, None);
    assert_eq!(report.warnings.len(), 1);
}
