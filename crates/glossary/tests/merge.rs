//! Merge properties: nothing lost, human edits kept, associativity of content.

mod common;

use std::collections::BTreeSet;

use proptest::prelude::*;
use termsmith_glossary::merge::{merge, term_key, MergeOptions};
use termsmith_glossary::model::*;

fn term_keys(tb: &TermBase) -> BTreeSet<(String, String)> {
    tb.entries
        .iter()
        .flat_map(|e| {
            e.langs
                .iter()
                .flat_map(|l| l.terms.iter().map(|t| (l.lang.clone(), term_key(&t.term))))
        })
        .collect()
}

fn context_keys(tb: &TermBase) -> BTreeSet<(String, String, String)> {
    let mut s = BTreeSet::new();
    for e in &tb.entries {
        for l in &e.langs {
            for t in &l.terms {
                for c in &t.contexts {
                    s.insert((l.lang.clone(), term_key(&t.term), c.text.clone()));
                }
            }
        }
    }
    s
}

fn small_tb() -> impl Strategy<Value = TermBase> {
    let term = (
        prop::sample::select(vec![
            "cyber-résilience",
            "Cyber résilience",
            "SRI",
            "NIS",
            "cyber resilience",
            "mesure",
            "measure",
            "CBMs",
        ]),
        prop::collection::vec(prop::sample::select(vec!["ctx a", "ctx b", "ctx c"]), 0..2),
        any::<bool>(),
        prop::option::of(prop::sample::select(vec![
            AdminStatus::Preferred,
            AdminStatus::Deprecated,
        ])),
        0u64..5,
    )
        .prop_map(|(t, ctx, human, adm, f)| {
            let mut r = TermRecord::new(t);
            r.contexts = ctx
                .into_iter()
                .map(|c| ContextRecord {
                    text: c.into(),
                    ..Default::default()
                })
                .collect();
            r.human_edited = human;
            r.admin_status = adm;
            r.frequency = f;
            r
        });
    let lang = (
        prop::sample::select(vec!["fr", "en"]),
        prop::collection::vec(term, 1..3),
    )
        .prop_map(|(l, terms)| LangSection {
            lang: l.into(),
            terms,
        });
    let entry = (
        prop::collection::vec(lang, 1..3),
        any::<bool>(),
        prop::option::of(prop::sample::select(vec!["def 1", "def 2"])),
    )
        .prop_map(|(langs, human, def)| ConceptEntry {
            langs,
            human_edited: human,
            definition: def.map(String::from),
            ..Default::default()
        });
    prop::collection::vec(entry, 0..5).prop_map(|mut es| {
        for (i, e) in es.iter_mut().enumerate() {
            e.id = format!("c{}", i + 1);
        }
        let mut tb = TermBase::new("fr", &["en"]);
        tb.entries = es;
        tb
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn nothing_is_lost(a in small_tb(), b in small_tb()) {
        let (m, report) = merge(a.clone(), b.clone(), &MergeOptions::default());
        let keys = term_keys(&m);
        prop_assert!(term_keys(&a).is_subset(&keys));
        prop_assert!(term_keys(&b).is_subset(&keys));
        let ctx = context_keys(&m);
        prop_assert!(context_keys(&a).is_subset(&ctx));
        prop_assert!(context_keys(&b).is_subset(&ctx));
        prop_assert_eq!(report.added + report.updated + report.unchanged, m.entries.len());
        prop_assert!(m.entries.len() >= a.entries.len());
        // Base entries stay in place; human fields of human entries and terms untouched.
        for (ea, em) in a.entries.iter().zip(&m.entries) {
            if ea.human_edited {
                prop_assert_eq!(&ea.definition, &em.definition);
                prop_assert!(em.human_edited);
            }
            for la in &ea.langs {
                for ta in la.terms.iter().filter(|t| t.human_edited) {
                    let found = em.langs.iter().filter(|l| l.lang == la.lang).flat_map(|l| &l.terms).find(|t| t.term == ta.term && t.admin_status == ta.admin_status && t.human_edited);
                    prop_assert!(found.is_some(), "human term {:?} changed", ta);
                }
            }
        }
        // Ids stay unique NCNames.
        let ids: BTreeSet<_> = m.entries.iter().map(|e| e.id.clone()).collect();
        prop_assert_eq!(ids.len(), m.entries.len());
    }

    #[test]
    fn associative_on_content(a in small_tb(), b in small_tb(), c in small_tb()) {
        let o = MergeOptions::default();
        let (ab, _) = merge(a.clone(), b.clone(), &o);
        let (ab_c, _) = merge(ab, c.clone(), &o);
        let (bc, _) = merge(b, c, &o);
        let (a_bc, _) = merge(a, bc, &o);
        prop_assert_eq!(term_keys(&ab_c), term_keys(&a_bc));
        prop_assert_eq!(context_keys(&ab_c), context_keys(&a_bc));
    }
}

#[test]
fn merge_report_and_statuses() {
    let base = common::sample();
    let mut inc = common::sample();
    // A new context for an existing term, a new entry, an attempt to change a human term.
    inc.entries[0].langs[0].terms[0]
        .contexts
        .push(ContextRecord {
            text: "Nouveau contexte.".into(),
            ..Default::default()
        });
    inc.entries[2].langs[1].terms[0].admin_status = Some(AdminStatus::Deprecated);
    inc.entries[3].definition = Some("changed".into());
    let mut new = TermRecord::new("chiffrement");
    new.frequency = 3;
    inc.entries.push(ConceptEntry {
        id: "c1".into(),
        langs: vec![LangSection {
            lang: "fr".into(),
            terms: vec![new],
        }],
        ..Default::default()
    });
    let (m, report) = merge(base.clone(), inc, &MergeOptions::default());
    assert_eq!(report.added, 1);
    assert_eq!(report.updated_ids, ["c1"]);
    assert_eq!(report.unchanged, 3);
    assert_eq!(m.entries[4].status, EntryStatus::New);
    assert_eq!(m.entries[4].id, "e5", "id clash renamed");
    assert_eq!(m.entries[0].status, EntryStatus::Updated);
    assert_eq!(m.entries[0].langs[0].terms[0].contexts.len(), 3);
    // Human-edited term and entry kept.
    assert_eq!(
        m.entries[2].langs[1].terms[0].admin_status,
        Some(AdminStatus::Preferred)
    );
    assert_eq!(m.entries[3].definition, base.entries[3].definition);
    // Hyphen/case folding matches "Cyber résilience" with "cyber-résilience".
    let mut inc2 = TermBase::new("fr", &["en"]);
    inc2.entries.push(ConceptEntry {
        id: "x".into(),
        langs: vec![LangSection {
            lang: "fr".into(),
            terms: vec![TermRecord::new("Cyber résilience")],
        }],
        ..Default::default()
    });
    let (m2, r2) = merge(base, inc2, &MergeOptions::default());
    assert_eq!(r2.added, 0);
    assert_eq!(m2.entries.len(), 4);
}

#[test]
fn entry_sources_are_united() {
    let entry = |sources: &[&str]| ConceptEntry {
        id: "c1".into(),
        human_edited: true,
        sources: sources.iter().map(|s| s.to_string()).collect(),
        langs: vec![LangSection {
            lang: "fr".into(),
            terms: vec![TermRecord::new("cyberespace")],
        }],
        ..Default::default()
    };
    let mut a = TermBase::new("fr", &[]);
    a.entries.push(entry(&["JOIN(2013) 1 final", "6122/15"]));
    let mut b = TermBase::new("fr", &[]);
    b.entries.push(entry(&["6122/15", "14435/17"]));
    let (m, report) = merge(a, b, &MergeOptions::default());
    assert_eq!(report.updated, 1);
    assert_eq!(
        m.entries[0].sources,
        ["JOIN(2013) 1 final", "6122/15", "14435/17"]
    );
}
