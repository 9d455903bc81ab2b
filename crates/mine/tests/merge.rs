//! Counting documents in shards and merging the statistics equals counting them all at once.
use termsmith_mine::{CorpusStats, Miner};
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
