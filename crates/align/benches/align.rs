//! Sentence alignment and parallel linking throughput on synthetic parallel text.
use criterion::{criterion_group, criterion_main, Criterion};
use termsmith_align::{Aligner, Dictionary, TermInfo, Text};
use termsmith_tokenize::Lang;

fn corpus(n: usize) -> (String, String) {
    let (mut fr, mut en) = (String::new(), String::new());
    for i in 0..n {
        fr.push_str(&format!(
            "Les États membres adoptent {i} mesures de confiance pour la cybersécurité des réseaux {}.\n",
            i % 7
        ));
        en.push_str(&format!(
            "Member States adopt {i} confidence-building measures for the cybersecurity of networks {}.\n",
            i % 7
        ));
    }
    (fr, en)
}

fn term(text: &Text, form: &str) -> TermInfo {
    let occ: Vec<_> = text
        .text
        .match_indices(form)
        .map(|(p, _)| (0, p..p + form.len()))
        .collect();
    TermInfo {
        key: form.into(),
        headword: form.into(),
        freq: occ.len() as u32,
        occurrences: occ,
    }
}

fn bench(c: &mut Criterion) {
    let (fr, en) = corpus(2000);
    let (s, t) = (Text::from_plain("fr", &fr), Text::from_plain("en", &en));
    let dict = Dictionary::from_tsv(
        "mesure\tmeasure\nconfiance\tconfidence\nréseau\tnetwork\n",
        "bench",
    )
    .unwrap();
    let al = Aligner::builder(Lang::FR, Lang::EN)
        .dictionary(dict)
        .build()
        .unwrap();
    c.bench_function("align_sentences 2000+2000", |b| {
        b.iter(|| al.align_sentences(&s, &t))
    });
    let src = vec![term(&s, "mesures de confiance"), term(&s, "cybersécurité")];
    let tgt = vec![
        term(&t, "confidence-building measures"),
        term(&t, "cybersecurity"),
        term(&t, "networks"),
    ];
    let pairs = vec![(s.clone(), t.clone())];
    c.bench_function("link_parallel 2000+2000", |b| {
        b.iter(|| al.link_parallel(&pairs, &src, &tgt))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
