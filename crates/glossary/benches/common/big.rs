// Shared by benches/roundtrip.rs and examples/timing.rs (included, not a target): a 100,000-entry term base.

const N: usize = 100_000;

fn big() -> TermBase {
    let mut tb = TermBase::new("fr", &["en"]);
    tb.header.title = "bench".into();
    for i in 0..N {
        let mut fr = TermRecord::new(format!("terme numéro {i}"));
        fr.part_of_speech = Some(PartOfSpeech::Noun);
        fr.term_type = Some(TermType::FullForm);
        fr.admin_status = Some(AdminStatus::Preferred);
        fr.frequency = (i % 97) as u64 + 1;
        fr.doc_frequency = (i % 7) as u64 + 1;
        fr.score = Some(1.0 / (i as f64 + 1.0));
        fr.sources = vec!["doc-a.txt".into()];
        fr.contexts = vec![ContextRecord {
            text: format!("Le terme numéro {i} apparaît dans « une phrase » & un contexte."),
            source: Some("doc-a.txt".into()),
            span: Some(Span {
                start: i,
                end: i + 12,
            }),
        }];
        let mut var = TermRecord::new(format!("terme n° {i}"));
        var.term_type = Some(TermType::Variant);
        let mut en = TermRecord::new(format!("term number {i}"));
        en.equivalent = Some(EquivalentInfo {
            method: "parallel".into(),
            score: Some(0.5),
            evidence: vec![format!("aligned sentence {i}")],
            verified: i % 2 == 0,
        });
        tb.entries.push(ConceptEntry {
            id: format!("c{i}"),
            subject_field: Some("cybersecurity".into()),
            langs: vec![
                LangSection {
                    lang: "fr".into(),
                    terms: vec![fr, var],
                },
                LangSection {
                    lang: "en".into(),
                    terms: vec![en],
                },
            ],
            ..ConceptEntry::default()
        });
    }
    tb
}
