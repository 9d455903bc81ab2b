//! Counting documents in shards and merging the statistics equals counting them all at once.
use termsmith_mine::{CorpusStats, DocId, Miner};
use termsmith_tokenize::{Lang, Tokenizer};

const TEXTS: [&str; 4] = [
    "Les mesures de confiance renforcent la cyber-résilience. La directive SRI s'applique.",
    "La sécurité des réseaux et des systèmes d'information (SRI) est une priorité. Les mesures de confiance aussi.",
    "La cyberrésilience des États membres. Une mesure de confiance.",
    "Les droits de l'homme dans le cyberspace. La gouvernance de l'Internet.",
];

fn stats(range: std::ops::Range<usize>) -> CorpusStats {
    let tok = Tokenizer::builder().lang(Some(Lang::FR)).build();
    let mut m = Miner::builder()
        .lang(Lang::FR)
        .first_doc_id(range.start as u32)
        .build()
        .unwrap();
    for i in range {
        m.add_document(&format!("d{i}"), &tok.tokenize(TEXTS[i]), &[]);
    }
    m.into_stats()
}

#[test]
fn shards_merge_to_whole() {
    let whole = stats(0..4);
    let mut ab = stats(0..2);
    ab.merge(stats(2..4));
    assert_eq!(ab, whole);
    // Commutative.
    let mut ba = stats(2..4);
    ba.merge(stats(0..2));
    assert_eq!(ba, whole);
    // Associative, three shards.
    let mut x = stats(0..1);
    let mut yz = stats(1..3);
    yz.merge(stats(3..4));
    x.merge(yz);
    let mut xy = stats(0..1);
    xy.merge(stats(1..3));
    xy.merge(stats(3..4));
    assert_eq!(x, xy);
    assert_eq!(x, whole);
    assert!(whole.num_candidates() > 10);
}

#[test]
fn merged_miner_finishes_like_whole() {
    let tok = Tokenizer::builder().lang(Some(Lang::FR)).build();
    let mut whole = Miner::builder().lang(Lang::FR).min_freq(1).build().unwrap();
    for (i, t) in TEXTS.iter().enumerate() {
        whole.add_document(&format!("d{i}"), &tok.tokenize(t), &[]);
    }
    let mut m = Miner::builder().lang(Lang::FR).min_freq(1).build().unwrap();
    m.merge_stats(stats(2..4));
    m.merge_stats(stats(0..2));
    assert_eq!(m.finish(), whole.finish());
}

#[test]
fn documents_added_out_of_order_count_like_in_order() {
    let tok = Tokenizer::builder().lang(Some(Lang::FR)).build();
    let docs: Vec<_> = TEXTS.iter().map(|t| tok.tokenize(t)).collect();
    for max_occ in [None, Some(1)] {
        let mut b = Miner::builder().lang(Lang::FR).min_freq(1);
        if let Some(m) = max_occ {
            b = b.max_occurrences(m);
        }
        let mut whole = b.clone().build().unwrap();
        for (i, d) in docs.iter().enumerate() {
            whole.add_document(&format!("d{i}"), d, &[]);
        }
        // Two shards, each fed in decreasing id order, as parallel workers may do.
        let mut odd = b.clone().build().unwrap();
        let mut even = b.build().unwrap();
        for (i, d) in docs.iter().enumerate().rev() {
            let m = if i % 2 == 0 { &mut even } else { &mut odd };
            m.add_document_as(DocId(i as u32), &format!("d{i}"), d, &[]);
        }
        even.merge_stats(odd.into_stats());
        assert_eq!(even.stats(), whole.stats());
        assert_eq!(even.finish(), whole.finish());
    }
}
