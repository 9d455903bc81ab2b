//! Property tests: write → read gives the same term base, for every format,
//! within what each format carries (see the `*_view` functions, which spell
//! out what each format drops).

use proptest::prelude::*;
use termsmith_glossary::csv::{self, ColumnMapping, CsvOptions, CsvProfile};
use termsmith_glossary::marker::written_admin_status;
use termsmith_glossary::model::*;
use termsmith_glossary::{json, tbx};

fn text() -> impl Strategy<Value = String> {
    prop_oneof!["\\PC{0,12}", "[a-zé&<>\"' \n\t\r|\\\\=+@;,-]{0,12}",]
}

fn nonempty() -> impl Strategy<Value = String> {
    prop_oneof!["\\PC{1,12}", "[a-zé&<>\"' \n\t\r|\\\\=+@;,-]{1,12}"]
}

fn score() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![
        Just(None),
        prop::num::f64::NORMAL.prop_map(Some),
        (0.0..1.0f64).prop_map(Some)
    ]
}

fn date() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        Just(Some("2026-01-15".to_string())),
        nonempty().prop_map(Some)
    ]
}

fn opt<T: std::fmt::Debug + Clone + 'static>(
    s: impl Strategy<Value = T> + 'static,
) -> impl Strategy<Value = Option<T>> {
    prop::option::of(s)
}

fn term() -> impl Strategy<Value = TermRecord> {
    let pos = opt(prop_oneof![
        Just(PartOfSpeech::Noun),
        Just(PartOfSpeech::Verb),
        Just(PartOfSpeech::Adjective),
        Just(PartOfSpeech::Adverb),
        Just(PartOfSpeech::ProperNoun),
        Just(PartOfSpeech::Other)
    ]);
    let tt = opt(prop_oneof![
        Just(TermType::FullForm),
        Just(TermType::Acronym),
        Just(TermType::Abbreviation),
        Just(TermType::ShortForm),
        Just(TermType::Variant),
        Just(TermType::Phrase)
    ]);
    let adm = opt(prop_oneof![
        Just(AdminStatus::Preferred),
        Just(AdminStatus::Admitted),
        Just(AdminStatus::Deprecated),
        Just(AdminStatus::Superseded)
    ]);
    let gender = opt(prop_oneof![
        Just(Gender::Masculine),
        Just(Gender::Feminine),
        Just(Gender::Neuter),
        Just(Gender::Other)
    ]);
    let ctx = (text(), opt(text()), opt((0usize..10_000, 0usize..10_000))).prop_map(
        |(text, source, span)| ContextRecord {
            text,
            source,
            span: span.map(|(start, end)| Span { start, end }),
        },
    );
    let eq = opt((
        prop_oneof![Just("parallel".to_string()), Just(String::new()), text()],
        score(),
        prop::collection::vec(nonempty(), 0..3),
        any::<bool>(),
    )
        .prop_map(|(method, score, evidence, verified)| EquivalentInfo {
            method,
            score,
            evidence,
            verified,
        }));
    (
        (
            nonempty(),
            pos,
            tt,
            adm,
            gender,
            prop::collection::vec(ctx, 0..3),
        ),
        (
            0u64..1000,
            0u64..50,
            score(),
            prop::collection::vec(nonempty(), 0..3),
            eq,
        ),
        (
            any::<bool>(),
            prop::collection::vec(nonempty(), 0..2),
            any::<bool>(),
            date(),
        ),
    )
        .prop_map(
            |(
                (term, part_of_speech, term_type, admin_status, gender, contexts),
                (frequency, doc_frequency, score, sources, equivalent),
                (named_entity, notes, human_edited, date),
            )| TermRecord {
                term,
                part_of_speech,
                term_type,
                admin_status,
                gender,
                contexts,
                frequency,
                doc_frequency,
                score,
                sources,
                equivalent,
                named_entity,
                notes,
                human_edited,
                date,
            },
        )
}

fn entry() -> impl Strategy<Value = ConceptEntry> {
    let langs = prop::sample::subsequence(vec!["fr", "en", "de", "en-GB"], 1..4)
        .prop_flat_map(|ls| {
            let n = ls.len();
            (
                Just(ls),
                prop::collection::vec(prop::collection::vec(term(), 1..3), n),
            )
        })
        .prop_map(|(ls, terms)| {
            ls.into_iter()
                .zip(terms)
                .map(|(l, terms)| LangSection {
                    lang: l.to_string(),
                    terms,
                })
                .collect::<Vec<_>>()
        });
    (
        opt(nonempty()),
        opt(nonempty()),
        prop::collection::vec(nonempty(), 0..2),
        prop::collection::vec(nonempty(), 0..3),
        prop_oneof![
            Just(EntryStatus::New),
            Just(EntryStatus::Updated),
            Just(EntryStatus::Unchanged)
        ],
        any::<bool>(),
        date(),
        langs,
    )
        .prop_map(
            |(subject_field, definition, notes, sources, status, human_edited, date, langs)| {
                ConceptEntry {
                    id: String::new(),
                    subject_field,
                    definition,
                    notes,
                    sources,
                    status,
                    human_edited,
                    date,
                    langs,
                }
            },
        )
}

fn termbase() -> impl Strategy<Value = TermBase> {
    (
        text(),
        text(),
        prop::collection::vec(entry(), 0..6),
        prop::sample::subsequence(vec!["en", "de"], 0..2),
        date(),
    )
        .prop_map(|(title, source_desc, mut entries, targets, created)| {
            for (i, e) in entries.iter_mut().enumerate() {
                e.id = format!("c{}", i + 1);
            }
            TermBase {
                header: Header {
                    title,
                    source_desc,
                    source_lang: "fr".into(),
                    target_langs: targets.into_iter().map(String::from).collect(),
                    created,
                },
                entries,
            }
        })
}

fn tbx_view(tb: &TermBase) -> TermBase {
    let mut tb = tb.clone();
    for e in &mut tb.entries {
        for l in &mut e.langs {
            for t in &mut l.terms {
                t.admin_status = written_admin_status(t);
            }
        }
    }
    tb
}

/// What the generic CSV profile carries.
fn generic_view(tb: &TermBase) -> TermBase {
    let langs = tb.languages();
    let source = langs[0].clone();
    let targets: Vec<String> = langs[1..].to_vec();
    let mut out = TermBase::default();
    if !tb.entries.is_empty() {
        out.header.source_lang = source.clone();
    }
    out.header.target_langs = targets.clone();
    for (i, e) in tb.entries.iter().enumerate() {
        let mut ne = ConceptEntry {
            id: format!("c{}", i + 1),
            status: EntryStatus::Unchanged,
            ..ConceptEntry::default()
        };
        if let Some(s) = e.lang(&source) {
            let h = &s.terms[0];
            let mut t = TermRecord::new(h.term.clone());
            t.part_of_speech = h.part_of_speech;
            t.term_type = h.term_type;
            t.frequency = h.frequency;
            t.doc_frequency = h.doc_frequency;
            t.score = h.score;
            if let Some(c) = h.contexts.first() {
                let src = c.source.clone().filter(|s| !s.is_empty());
                if !c.text.is_empty() || src.is_some() {
                    t.contexts.push(ContextRecord {
                        text: c.text.clone(),
                        source: src,
                        span: None,
                    });
                }
            }
            t.sources = h.sources.clone();
            let mut terms = vec![t];
            terms.extend(s.terms[1..].iter().map(|x| TermRecord::new(x.term.clone())));
            ne.langs.push(LangSection {
                lang: source.clone(),
                terms,
            });
        }
        for tl in &targets {
            if let Some(s) = e.lang(tl) {
                let mut terms: Vec<TermRecord> = s
                    .terms
                    .iter()
                    .map(|x| TermRecord::new(x.term.clone()))
                    .collect();
                if let Some(eq) = &s.terms[0].equivalent {
                    if eq.score.is_some() || !eq.method.is_empty() || !eq.evidence.is_empty() {
                        terms[0].equivalent = Some(EquivalentInfo {
                            verified: false,
                            ..eq.clone()
                        });
                    }
                }
                ne.langs.push(LangSection {
                    lang: tl.clone(),
                    terms,
                });
            }
        }
        if !ne.langs.is_empty() {
            out.entries.push(ne);
        }
    }
    out
}

/// What the memoQ, Trados and Phrase profiles carry.
fn headword_view(tb: &TermBase, profile: CsvProfile) -> TermBase {
    let langs = tb.languages();
    let mut out = TermBase::default();
    out.header.source_lang = langs[0].clone();
    out.header.target_langs = langs[1..].to_vec();
    for (i, e) in tb.entries.iter().enumerate() {
        let mut ne = ConceptEntry {
            id: if profile == CsvProfile::Memoq {
                e.id.clone()
            } else {
                format!("c{}", i + 1)
            },
            status: EntryStatus::Unchanged,
            human_edited: true,
            definition: e.definition.clone(),
            ..ConceptEntry::default()
        };
        if profile != CsvProfile::Phrase {
            ne.subject_field = e.subject_field.clone();
            ne.notes = e.notes.clone();
        }
        for l in &langs {
            if let Some(s) = e.lang(l) {
                let mut t = TermRecord::new(s.terms[0].term.clone());
                t.human_edited = true;
                ne.langs.push(LangSection {
                    lang: l.clone(),
                    terms: vec![t],
                });
            }
        }
        if !ne.langs.is_empty() {
            out.entries.push(ne);
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn tbx_round_trip(tb in termbase()) {
        for v in [tbx::TbxVersion::V3, tbx::TbxVersion::V2] {
            let mut b = Vec::new();
            if v == tbx::TbxVersion::V2 && tb.entries.is_empty() {
                // TBX v2 requires a termEntry: refused, not written invalid.
                prop_assert!(tbx::write(&tb, v, &mut b).is_err());
                continue;
            }
            tbx::write(&tb, v, &mut b).unwrap();
            let (back, report) = tbx::read(&b[..]).unwrap();
            prop_assert!(report.warnings.is_empty(), "{:?}", report.warnings);
            prop_assert_eq!(&back, &tbx_view(&tb));
            // Deterministic: writing the read-back gives the same bytes.
            let mut b2 = Vec::new();
            tbx::write(&back, v, &mut b2).unwrap();
            prop_assert_eq!(b, b2);
        }
    }

    #[test]
    fn json_round_trip(tb in termbase()) {
        let mut b = Vec::new();
        json::write(&tb, &mut b).unwrap();
        let back = json::read(&b[..]).unwrap();
        prop_assert_eq!(back, tb);
    }

    #[test]
    fn generic_csv_round_trip(tb in termbase(), d in prop::sample::select(vec![b',', b'\t', b';']), bom in any::<bool>()) {
        // The formula guard must stay on for an exact round trip: the reader
        // always removes a guard, so an unguarded `'=x` would come back `=x`.
        let opts = CsvOptions::new(CsvProfile::Generic).delimiter(d).bom(bom);
        let mut b = Vec::new();
        csv::write(&tb, &opts, &mut b).unwrap();
        let (back, _) = csv::read(&b[..], &ColumnMapping::auto()).unwrap();
        prop_assert_eq!(back, generic_view(&tb));
    }

    #[test]
    fn profile_csv_round_trip(tb in termbase(), p in prop::sample::select(vec![CsvProfile::Memoq, CsvProfile::Trados, CsvProfile::Phrase])) {
        let mut b = Vec::new();
        csv::write(&tb, &CsvOptions::new(p), &mut b).unwrap();
        let (back, _) = csv::read(&b[..], &ColumnMapping::auto()).unwrap();
        prop_assert_eq!(back, headword_view(&tb, p));
    }

    #[test]
    fn omegat_round_trip(tb in termbase()) {
        let mut b = Vec::new();
        csv::write(&tb, &CsvOptions::new(CsvProfile::Omegat).neutralize_formulas(true), &mut b).unwrap();
        let (back, _) = csv::read(&b[..], &ColumnMapping::omegat("fr", "x")).unwrap();
        let langs = tb.languages();
        let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
        let mut want = Vec::new();
        if langs.len() > 1 {
            for e in &tb.entries {
                if let (Some(s), Some(t)) = (e.lang(&langs[0]), e.lang(&langs[1])) {
                    for tt in &t.terms { want.push((clean(&s.terms[0].term), clean(&tt.term))); }
                    for st in &s.terms[1..] { want.push((clean(&st.term), clean(&t.terms[0].term))); }
                }
            }
        }
        want.retain(|(a, b)| !a.trim().is_empty() && !b.trim().is_empty());
        let got: Vec<(String, String)> = back.entries.iter().map(|e| (e.langs[0].terms[0].term.clone(), e.langs[1].terms[0].term.clone())).collect();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn readers_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = tbx::read(&bytes[..]);
        let _ = csv::read(&bytes[..], &ColumnMapping::auto());
        let _ = json::read(&bytes[..]);
    }
}
