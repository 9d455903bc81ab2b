//! CSV reader: kit samples, mappings, malformed input.

mod common;

use termsmith_glossary::csv::{self, ColumnMapping, CsvOptions, CsvProfile};
use termsmith_glossary::GlossaryError;

fn sample(name: &str) -> Option<Vec<u8>> {
    std::fs::read(format!("/work/shared/tbx/samples/{name}")).ok()
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
