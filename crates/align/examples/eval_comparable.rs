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

use termsmith_align::{norm, Aligner, Morphology, TermInfo, Text};
use termsmith_tokenize::Lang;

mod common;
use common::{find_terms, gold_terms, read_txt_dir, Args};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::from_env();
    let get = |k: &str| args.get(k);
    let (sl, sd) = args.lang_dir("--src")?;
    let (tl, td) = args.lang_dir("--tgt")?;
    let b = Aligner::builder(Lang::new(&sl)?, Lang::new(&tl)?).max_candidates(10);
    let b = args.dictionaries(b)?;
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
    let tgt_gold = gold_terms(&get("--tgt-gold").ok_or("--tgt-gold")?)?;
    let t0 = std::time::Instant::now();
    let texts = |dir: &str| -> Result<Vec<Text>, common::Error> {
        Ok(read_txt_dir(dir)?
            .iter()
            .map(|(name, text)| Text::from_plain(name, text))
            .collect())
    };
    let (st, tt) = (texts(&sd)?, texts(&td)?);
    let found =
        |terms: &[String], texts: &[Text], lang: &str| -> Result<Vec<TermInfo>, common::Error> {
            let texts: Vec<&Text> = texts.iter().collect();
            Ok(find_terms(terms, &texts, Morphology::for_lang(lang))?
                .into_iter()
                .filter(|t| t.freq > 0)
                .collect())
        };
    let src_list: Vec<String> = gold.keys().cloned().collect();
    let src_terms = found(&src_list, &st, &sl)?;
    let tgt_terms = found(&tgt_gold, &tt, &tl)?;
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
