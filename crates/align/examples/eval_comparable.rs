//! Evaluates comparable-corpus equivalents (ACTER layout) against gold term pairs
//! (`fr<TAB>en<TAB>how`, e.g. termbase's `tests/data/align/{equi,wind}-fr-en-pairs.tsv`).
//!
//! ```text
//! cargo run --release -p termsmith-align --example eval_comparable -- \
//!   --src fr:../shared/acter/fr/wind/annotated/texts --tgt en:../shared/acter/en/wind/annotated/texts \
//!   --tgt-gold ../shared/acter/en/wind/annotated/annotations/unique_annotation_lists/wind_en_terms_nes.tsv \
//!   --pairs wind-fr-en-pairs.tsv [--dict PATH] [--dict-rev PATH] [--out top.tsv]
//! ```
//! Source terms: French sides of the pairs found in the texts; target candidates: the English
//! gold terms found in the texts (oracle candidate list). Prints top-1 and top-10 accuracy.
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use termsmith_align::{norm, Aligner, Dictionary, Morphology, PhraseMatcher, TermInfo, Text};
use termsmith_tokenize::Lang;

fn read_dir(dir: &str) -> Result<Vec<Text>, Box<dyn std::error::Error>> {
    let mut v = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    for p in paths {
        if p.extension().is_some_and(|x| x == "txt") {
            v.push(Text::from_plain(
                &p.display().to_string(),
                &std::fs::read_to_string(&p)?,
            ));
        }
    }
    Ok(v)
}

fn find_terms(
    terms: &[String],
    texts: &[Text],
    morph: Morphology,
) -> Result<Vec<TermInfo>, Box<dyn std::error::Error>> {
    let m = PhraseMatcher::new(terms, morph)?;
    let mut infos: Vec<TermInfo> = terms
        .iter()
        .map(|t| TermInfo {
            key: t.clone(),
            headword: t.clone(),
            freq: 0,
            occurrences: Vec::new(),
        })
        .collect();
    for (d, t) in texts.iter().enumerate() {
        for (span, i) in m.find(&t.text) {
            infos[i].occurrences.push((d, span));
            infos[i].freq += 1;
        }
    }
    Ok(infos.into_iter().filter(|t| t.freq > 0).collect())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let get = |k: &str| {
        args.iter()
            .position(|a| a == k)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let split = |s: String| {
        s.split_once(':')
            .map(|(a, b)| (a.to_string(), b.to_string()))
    };
    let (sl, sd) = get("--src").and_then(split).ok_or("--src lang:DIR")?;
    let (tl, td) = get("--tgt").and_then(split).ok_or("--tgt lang:DIR")?;
    let mut b = Aligner::builder(Lang::new(&sl)?, Lang::new(&tl)?).max_candidates(10);
    for (i, a) in args.iter().enumerate() {
        if a == "--dict" || a == "--dict-rev" {
            let d = Dictionary::load(Path::new(args.get(i + 1).ok_or("path")?))?;
            b = b.dictionary(if a == "--dict-rev" { d.reversed() } else { d });
        }
    }
    let al = b.build()?;
    let mut gold: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for line in std::fs::read_to_string(get("--pairs").ok_or("--pairs")?)?
        .lines()
        .skip(1)
    {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() >= 2 && c[0].chars().count() > 1 {
            gold.entry(c[0].to_string())
                .or_default()
                .insert(norm::phrase_key(c[1]));
        }
    }
    let tgt_gold: Vec<String> = std::fs::read_to_string(get("--tgt-gold").ok_or("--tgt-gold")?)?
        .lines()
        .filter_map(|l| l.split('\t').next().map(str::to_string))
        .filter(|t| !t.is_empty())
        .collect();
    let t0 = std::time::Instant::now();
    let (st, tt) = (read_dir(&sd)?, read_dir(&td)?);
    let src_list: Vec<String> = gold.keys().cloned().collect();
    let src_terms = find_terms(&src_list, &st, Morphology::for_lang(&sl))?;
    let tgt_terms = find_terms(&tgt_gold, &tt, Morphology::for_lang(&tl))?;
    let res = al.link_comparable(&st, &tt, &src_terms, &tgt_terms);
    let secs = t0.elapsed().as_secs_f64();
    let (mut top1, mut top10) = (0, 0);
    let mut out = String::from("source\ttop1\tscore\tmethod\tcorrect_rank\n");
    for r in &res {
        let g = &gold[&r.source_key];
        let rank = r
            .candidates
            .iter()
            .position(|c| g.contains(&norm::phrase_key(&c.term)));
        top1 += (rank == Some(0)) as usize;
        top10 += rank.is_some_and(|k| k < 10) as usize;
        let b = r.best();
        out.push_str(&format!(
            "{}\t{}\t{:.3}\t{}\t{}\n",
            r.source_term,
            b.map_or("", |b| b.term.as_str()),
            b.map_or(0.0, |b| b.score),
            b.map_or("-".to_string(), |b| b.method.to_string()),
            rank.map_or("-".to_string(), |k| (k + 1).to_string())
        ));
    }
    let n = res.len().max(1) as f64;
    println!(
        "source terms {} (of {} gold FR terms with >1 letter) | target candidates {} | top-1 {:.1}% | top-10 {:.1}% | {:.2}s",
        res.len(),
        gold.len(),
        tgt_terms.len(),
        100.0 * top1 as f64 / n,
        100.0 * top10 as f64 / n,
        secs
    );
    if let Some(o) = get("--out") {
        std::fs::write(o, out)?;
    }
    Ok(())
}
