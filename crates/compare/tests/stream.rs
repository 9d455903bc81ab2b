//! The streaming comparison (one document at a time, periods counted separately and merged) gives
//! the comparison of mining every document together.
use std::collections::BTreeMap;

use termsmith_compare::kwic::count_tokens;
use termsmith_compare::stream::{
    ConcordanceFinder, Concordances, FormCounts, PeriodCounts, StreamCompare,
};
use termsmith_compare::{periods, Comparison, ComparisonOptions, KwicOptions};
use termsmith_mine::Miner;
use termsmith_tag::Tagger;
use termsmith_tokenize::{Lang, Tokenizer};

fn corpus() -> Vec<(String, String)> {
    let mut v = Vec::new();
    for d in 0..3 {
        let mut t = String::new();
        for k in 0..6 {
            t.push_str(&format!(
                "La diplomatie numérique est la priorité {k} du Conseil {d}. Les États membres renforcent la \
                 coopération internationale depuis {k}{d} ans. La cyber-sécurité des réseaux reste l'objectif {d}{k}. "
            ));
        }
        v.push((format!("old/2015-0{}-01-doc{d}.txt", d + 1), t));
    }
    for (y, d) in [(2017, 0), (2019, 1), (2019, 2)] {
        let mut t = String::new();
        for k in 0..6 {
            t.push_str(&format!(
                "La cybersécurité des réseaux est la priorité {k} du Conseil {d}. Les États membres renforcent la \
                 coopération internationale depuis {k}{d} ans. La Cybersécurité des infrastructures critiques \
                 progresse en {d}{k}. La résilience des infrastructures critiques est essentielle pour {k}{d}. \
                 L'ENISA (Agence de l'Union européenne pour la cybersécurité) aide en {d}{k}. "
            ));
        }
        v.push((format!("new/{y}-0{}-01-doc{d}.txt", d + 1), t));
    }
    v
}

fn periods_of(c: &[(String, String)]) -> periods::DocPeriods {
    let (dp, undated) = periods::from_dated_docs(
        c.iter()
            .map(|(n, _)| (n.as_str(), None))
            .collect::<Vec<_>>(),
        periods::Granularity::Year,
    );
    assert!(undated.is_empty());
    dp
}

#[test]
fn streaming_equals_mining_everything_together() {
    let c = corpus();
    let tk = Tokenizer::builder().lang(Some(Lang::FR)).build();
    let tagger = Tagger::for_lang(Lang::FR).expect("French tagger");
    let text: BTreeMap<&str, &str> = c.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let opts = ComparisonOptions::new();
    let kopts = KwicOptions::new().max_lines(4);

    // Everything together.
    let mut dp = periods_of(&c);
    let mut miner = Miner::builder().lang(Lang::FR).min_freq(2).build().unwrap();
    for (name, t) in &c {
        let doc = tk.tokenize(t);
        miner.add_document(name, &doc, &tagger.tag(&doc));
        dp.set_tokens(name, count_tokens(&doc));
    }
    let terms = miner.finish();
    let mut whole = Comparison::build(&terms, &dp, &opts);
    whole.attach_concordances(&terms, &dp, |n| text.get(n).copied(), &kopts);

    // Streaming, periods in reverse order and merged in two different groupings.
    let sc = StreamCompare::new(&dp, Miner::builder().lang(Lang::FR).min_freq(2)).unwrap();
    let mut parts: Vec<PeriodCounts> = Vec::new();
    for p in sc.periods().iter().rev() {
        let mut counter = sc.counter(&p.label).unwrap();
        for name in &p.docs {
            let doc = tk.tokenize(text[name.as_str()]);
            counter.add_document(name, &doc, &tagger.tag(&doc)).unwrap();
        }
        parts.push(counter.finish());
    }
    assert_eq!(parts.len(), 3);
    let last = parts.pop().unwrap();
    let mut all = PeriodCounts::new();
    for p in parts {
        all.merge(p);
    }
    let mut grouped = PeriodCounts::new();
    grouped.merge(last);
    grouped.merge(all);
    assert_eq!(grouped.num_docs(), 6);
    let inventory = sc.inventory(grouped).unwrap();
    let mut forms = FormCounts::new();
    for (i, (name, t)) in c.iter().enumerate() {
        let mut part = FormCounts::new();
        let label = dp.period_of(name).unwrap();
        inventory.scan(if i % 2 == 0 { &mut forms } else { &mut part }, label, t);
        forms.merge(part);
    }
    let (mut cmp, _) = inventory.compare(forms, &opts);

    let finder = ConcordanceFinder::new(&cmp, &kopts).unwrap();
    assert_eq!(finder.num_entries(), cmp.entries.len());
    let mut found = Concordances::new(4);
    for (i, (name, t)) in c.iter().enumerate().rev() {
        // Documents scanned into two collections, then merged.
        let mut part = Concordances::new(4);
        let label = dp.period_of(name).unwrap();
        finder.scan(
            if i % 2 == 0 { &mut found } else { &mut part },
            label,
            name,
            t,
        );
        found.merge(part);
    }
    cmp.attach(found);

    assert!(whole.entries.len() > 10);
    assert_eq!(cmp.periods, whole.periods);
    assert_eq!(cmp.entries.len(), whole.entries.len());
    for (a, b) in cmp.entries.iter().zip(&whole.entries) {
        assert_eq!(
            (&a.term, &a.key, a.kind, &a.expansion, a.total_freq),
            (&b.term, &b.key, b.kind, &b.expansion, b.total_freq)
        );
        assert_eq!(a.periods, b.periods, "{}", a.term);
        assert_eq!(
            (a.g2, a.trend, a.slope),
            (b.g2, b.trend, b.slope),
            "{}",
            a.term
        );
        assert_eq!(a.variants, b.variants, "{}", a.term);
        assert_eq!(a.variant_shift, b.variant_shift, "{}", a.term);
    }
    let e = cmp.find("diplomatie numérique").unwrap();
    let w = whole.find("diplomatie numérique").unwrap();
    assert_eq!(e.concordance, w.concordance);
    let cy = cmp.find("cybersécurité").unwrap();
    assert!(cy.concordance[2].len() == 4, "{:?}", cy.concordance);
    assert!(cy
        .concordance
        .iter()
        .flatten()
        .all(|l| l.term.to_lowercase().replace('-', "") == "cybersécurité"));
}

#[test]
fn counter_refuses_more_documents_than_declared() {
    let c = corpus();
    let dp = periods_of(&c);
    let sc = StreamCompare::new(&dp, Miner::builder().lang(Lang::FR)).unwrap();
    let mut counter = sc.counter("2017").unwrap();
    let doc = Tokenizer::new().tokenize("Un texte.");
    counter.add_document("a", &doc, &[]).unwrap();
    assert!(counter.add_document("b", &doc, &[]).is_err());
    assert!(sc.counter("1999").is_err());
}
