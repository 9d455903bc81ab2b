//! Real pipeline: tokenise, tag and mine two periods of synthetic French text together, then compare,
//! attach concordances and query KWIC by variant.
use std::collections::BTreeMap;

use termsmith_compare::kwic::{count_tokens, format_text};
use termsmith_compare::{
    from_mine, periods, report, CompareStats, Comparison, ComparisonOptions, KwicOptions,
    ReportOptions, Trend,
};
use termsmith_mine::{Miner, TermList};
use termsmith_tag::Tagger;
use termsmith_tokenize::{Document, Lang, Tokenizer};

/// Tags every token of a document (tag's word-list API; mine wants tags parallel to tokens).
fn tag(tagger: &Tagger, doc: &Document) -> Vec<termsmith_tag::TokenTag> {
    let words: Vec<String> = doc
        .tokens
        .iter()
        .map(|t| doc.norm(t).into_owned())
        .collect();
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    tagger.tag_words(&refs)
}

fn corpus() -> Vec<(String, &'static str, String)> {
    // Every sentence differs (the miner drops sentences repeated within a document as boilerplate).
    let mut v = Vec::new();
    for d in 0..3 {
        let mut t = String::new();
        for k in 0..6 {
            t.push_str(&format!(
                "La diplomatie numérique est la priorité {k} du Conseil {d}. Les États membres renforcent la \
                 coopération internationale depuis {k}{d} ans. La cyber-sécurité des réseaux reste l'objectif {d}{k}. "
            ));
        }
        v.push((format!("old/2015-0{}-01-doc{d}.txt", d + 1), "2015", t));
    }
    for d in 0..3 {
        let mut t = String::new();
        for k in 0..6 {
            t.push_str(&format!(
                "La cybersécurité des réseaux est la priorité {k} du Conseil {d}. Les États membres renforcent la \
                 coopération internationale depuis {k}{d} ans. La cybersécurité des infrastructures critiques \
                 progresse en {d}{k}. La résilience des infrastructures critiques est essentielle pour {k}{d}. "
            ));
        }
        v.push((format!("new/2019-0{}-01-doc{d}.txt", d + 1), "2019", t));
    }
    v
}

struct Mined {
    terms: TermList,
    periods: periods::DocPeriods,
    docs: Vec<(String, Document)>,
}

fn mine() -> Mined {
    let tk = Tokenizer::builder().lang(Some(Lang::FR)).build();
    let tagger = Tagger::for_code("fr").expect("French tagger");
    let mut miner = Miner::builder()
        .lang(Lang::FR)
        .min_freq(1)
        .build()
        .expect("miner");
    let mut docs = Vec::new();
    let (mut dp, undated) = periods::from_dated_docs(
        corpus()
            .iter()
            .map(|(n, _, _)| (n.as_str(), None))
            .collect::<Vec<_>>(),
        periods::Granularity::Year,
    );
    assert!(undated.is_empty());
    for (name, _, text) in corpus() {
        let doc = tk.tokenize(&text);
        let tags = tag(tagger, &doc);
        miner.add_document(&name, &doc, &tags);
        dp.set_tokens(&name, count_tokens(&doc));
        docs.push((name, doc));
    }
    Mined {
        terms: miner.finish(),
        periods: dp,
        docs,
    }
}

#[test]
fn mined_terms_compare_across_periods() {
    let m = mine();
    let (stats, unassigned) = CompareStats::from_term_list(&m.terms, &m.periods);
    assert!(unassigned.is_empty());
    assert_eq!(stats.doc_count(), 6);
    let mut c = Comparison::build(&m.terms, &m.periods, &ComparisonOptions::new());
    assert_eq!(
        c.periods
            .iter()
            .map(|p| p.label.as_str())
            .collect::<Vec<_>>(),
        vec!["2015", "2019"]
    );
    let resil = c
        .find("résilience")
        .or_else(|| c.find("infrastructures critiques"));
    assert_eq!(
        resil.map(|e| e.trend),
        Some(Trend::Emerging),
        "{:?}",
        resil.map(|e| &e.term)
    );
    let diplo = c
        .find("diplomatie numérique")
        .expect("diplomatie numérique mined");
    assert_eq!(diplo.trend, Trend::Declining);
    assert_eq!(diplo.periods[1].freq, 0);

    let texts: BTreeMap<&str, &str> = m
        .docs
        .iter()
        .map(|(n, d)| (n.as_str(), d.text.as_str()))
        .collect();
    c.attach_concordances(
        &m.terms,
        &m.periods,
        |n| texts.get(n).copied(),
        &KwicOptions::new().max_lines(4),
    );
    let e = c.find("diplomatie numérique").expect("entry");
    assert_eq!(e.concordance[0].len(), 4);
    // Spread over documents: the first three lines come from three documents.
    let docs: std::collections::BTreeSet<&str> =
        e.concordance[0].iter().map(|l| l.doc.as_str()).collect();
    assert_eq!(docs.len(), 3);
    for l in &e.concordance[0] {
        assert_eq!(l.term.to_lowercase(), "diplomatie numérique");
    }
    // The two spellings are one entry; its dominant variant changed.
    let cy = c.find("cyber-sécurité").expect("cybersécurité entry");
    let shift = cy.variant_shift.as_ref().expect("variant shift");
    assert_eq!(
        (shift.from.as_str(), shift.to.as_str()),
        ("cyber-sécurité", "cybersécurité")
    );
    assert!(shift.significant);
    assert_eq!(cy.variants.len(), 2);
    assert_eq!(
        cy.variants
            .iter()
            .find(|v| v.form == "cyber-sécurité")
            .map(|v| v.counts.clone()),
        Some(vec![18, 0])
    );
    let html = report::html(&c, &ReportOptions::new());
    assert!(html.contains("diplomatie numérique"));
}

#[test]
fn kwic_matches_every_variant_and_falls_back_to_search() {
    let m = mine();
    let docs: Vec<(&str, &Document)> = m.docs.iter().map(|(n, d)| (n.as_str(), d)).collect();
    let t = from_mine::find_term(&m.terms, "COOPÉRATION INTERNATIONALE")
        .expect("found case-insensitively");
    let lines = from_mine::kwic(
        "coopération internationale",
        &m.terms,
        &docs,
        &KwicOptions::new().width(20),
    );
    assert_eq!(lines.len() as u32, t.freq);
    assert!(lines
        .iter()
        .all(|l| l.left.chars().count() <= 20 && l.right.chars().count() <= 20));
    // If the spellings were grouped, looking up either returns both; in any case the hyphenated form
    // is found.
    let hy = from_mine::kwic("cyber-sécurité", &m.terms, &docs, &KwicOptions::new());
    assert!(hy.iter().any(|l| l.term == "cyber-sécurité"));
    // Not a term: normalised token search.
    let s = from_mine::kwic(
        "EST LA PRIORITÉ",
        &m.terms,
        &docs,
        &KwicOptions::new().max_lines(5),
    );
    assert_eq!(s.len(), 5);
    let text = format_text(&s);
    assert_eq!(text.lines().count(), 5);
    assert!(text.contains("[est la priorité]"));
}

#[test]
fn term_list_counts_equal_public_counting_api() {
    let m = mine();
    let (fast, _) = CompareStats::from_term_list(&m.terms, &m.periods);
    let mut slow = CompareStats::new();
    for name in &m.terms.docs {
        slow.add_doc(
            name,
            m.periods.period_of(name).unwrap(),
            m.periods.tokens_of(name),
        );
    }
    for t in &m.terms.terms {
        slow.add_entry(
            &t.key,
            &t.headword,
            fast.canonical().terms[&t.key].kind,
            t.expansion.as_deref(),
        );
        for (d, c) in &t.per_doc {
            slow.add_count(&t.key, &m.terms.docs[d.0 as usize], u64::from(*c));
        }
        for o in &t.occurrences {
            slow.add_form(&t.key, &m.terms.docs[o.doc.0 as usize], &o.form, 1);
        }
    }
    assert_eq!(fast.canonical(), slow.canonical());
    // Concordances only for the selected entries.
    let texts: BTreeMap<&str, &str> = m
        .docs
        .iter()
        .map(|(n, d)| (n.as_str(), d.text.as_str()))
        .collect();
    let mut c = Comparison::build(&m.terms, &m.periods, &ComparisonOptions::new());
    c.attach_concordances(
        &m.terms,
        &m.periods,
        |n| texts.get(n).copied(),
        &KwicOptions::new().max_entries(2),
    );
    let with: usize = c
        .entries
        .iter()
        .filter(|e| e.concordance.iter().any(|p| !p.is_empty()))
        .count();
    assert_eq!(with, 2);
}
