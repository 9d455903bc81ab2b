//! Evaluates parallel term alignment on a parallel corpus with gold term lists (ACTER layout).
//!
//! ```text
//! cargo run --release -p termsmith-align --example eval_parallel -- \
//!   --src fr:../shared/acter/fr/corp/annotated/texts --tgt en:../shared/acter/en/corp/annotated/texts \
//!   --src-gold ../shared/acter/fr/corp/annotated/annotations/unique_annotation_lists/corp_fr_terms_nes.tsv \
//!   --tgt-gold ../shared/acter/en/corp/annotated/annotations/unique_annotation_lists/corp_en_terms_nes.tsv \
//!   [--dict PATH] [--dict-rev PATH] [--min-freq 2] [--out pairs.tsv]
//! ```
//! Source terms are the source gold terms found in the texts; target candidates are the
//! target gold terms found in the texts (an oracle candidate list: it measures the linking,
//! not target-term extraction). Prints top-1 "in target gold" rate and writes the top-1 pairs.
use termsmith_mine::Miner;
use termsmith_tokenize::{Lang, Tokenizer};

use termsmith_align::{pair_documents, term_infos, Aligner, DocSide, Morphology, TermInfo, Text};

mod common;
use common::{find_terms, gold_terms, read_txt_dir, Args};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::from_env();
    let get = |k: &str| args.get(k);
    let (sl, sd) = args.lang_dir("--src")?;
    let (tl, td) = args.lang_dir("--tgt")?;
    let min_freq: u32 = get("--min-freq").and_then(|x| x.parse().ok()).unwrap_or(2);
    let mut b = args.dictionaries(Aligner::builder(Lang::new(&sl)?, Lang::new(&tl)?))?;
    if let Some(w) = get("--weights") {
        let x: Vec<f64> = w.split(',').filter_map(|p| p.parse().ok()).collect();
        if x.len() == 3 {
            b = b.weights(termsmith_align::ParallelWeights {
                dice: x[0],
                compositional: x[1],
                cognate: x[2],
            });
        }
    }
    let aligner = b.build()?;
    let src = read_txt_dir(&sd)?;
    let tgt = read_txt_dir(&td)?;
    let sn: Vec<&str> = src.iter().map(|x| x.0.as_str()).collect();
    let tn: Vec<&str> = tgt.iter().map(|x| x.0.as_str()).collect();
    let p = pair_documents(
        &DocSide {
            names: &sn,
            lang: &sl,
            keys: &[],
        },
        &DocSide {
            names: &tn,
            lang: &tl,
            keys: &[],
        },
        &[],
        0.1,
    );
    let t0 = std::time::Instant::now();
    let mined = args.has("--mined-targets");
    // with --mined-targets: tokenizer sentences, English candidates mined by termsmith-mine
    let (stok, ttok) = (
        Tokenizer::builder().lang(Some(Lang::new(&sl)?)).build(),
        Tokenizer::builder().lang(Some(Lang::new(&tl)?)).build(),
    );
    let mut tgt_docs = Vec::new();
    let pairs: Vec<(Text, Text)> = p
        .pairs
        .iter()
        .map(|&(i, j, _, _)| {
            if mined {
                let (sd, td) = (stok.tokenize(&src[i].1), ttok.tokenize(&tgt[j].1));
                let t = Text::from_document(&tgt[j].0, &td, None);
                tgt_docs.push(td);
                (Text::from_document(&src[i].0, &sd, None), t)
            } else {
                (
                    Text::from_plain(&src[i].0, &src[i].1),
                    Text::from_plain(&tgt[j].0, &tgt[j].1),
                )
            }
        })
        .collect();
    let src_gold = gold_terms(&get("--src-gold").ok_or("--src-gold")?)?;
    let tgt_gold = gold_terms(&get("--tgt-gold").ok_or("--tgt-gold")?)?;
    let st: Vec<&Text> = pairs.iter().map(|p| &p.0).collect();
    let tt: Vec<&Text> = pairs.iter().map(|p| &p.1).collect();
    let src_terms: Vec<TermInfo> = find_terms(&src_gold, &st, Morphology::for_lang(&sl))?
        .into_iter()
        .filter(|t| t.freq >= min_freq)
        .collect();
    let tgt_terms: Vec<TermInfo> = if mined {
        let tagger = termsmith_tag::Tagger::for_code(&tl)?;
        let mut miner = Miner::builder().lang(Lang::new(&tl)?).build()?;
        let names: Vec<&str> = pairs.iter().map(|p| p.1.name.as_str()).collect();
        for (d, name) in tgt_docs.iter().zip(&names) {
            let words: Vec<String> = d.tokens.iter().map(|t| d.norm(t).into_owned()).collect();
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            miner.add_document(name, d, &tagger.tag_words(&refs));
        }
        let list = miner.finish();
        term_infos(&list, &names)
    } else {
        find_terms(&tgt_gold, &tt, Morphology::for_lang(&tl))?
            .into_iter()
            .filter(|t| t.freq >= 1)
            .collect()
    };
    let ta = std::time::Instant::now();
    let n_beads: usize = pairs
        .iter()
        .map(|(s, t)| aligner.align_sentences(s, t).len())
        .sum();
    eprintln!(
        "sentence alignment: {n_beads} beads in {:.2}s",
        ta.elapsed().as_secs_f64()
    );
    let res = aligner.link_parallel(&pairs, &src_terms, &tgt_terms);
    let secs = t0.elapsed().as_secs_f64();
    // gold membership up to case, hyphenation and inflection (word stems of the target language)
    let tmorph = Morphology::for_lang(&tl);
    let gold_keys: std::collections::BTreeSet<String> = tgt_gold
        .iter()
        .map(|t| termsmith_align::termbase::key_of(&tmorph, t))
        .collect();
    let mut hit = 0;
    let mut out = String::from("source\tfreq\ttop1\tscore\tmethod\tin_gold\tothers\n");
    for (r, s) in res.iter().zip(&src_terms) {
        let (term, score, method) = r
            .best()
            .map_or(("".to_string(), 0.0, "-".to_string()), |b| {
                (b.term.clone(), b.score, b.method.to_string())
            });
        let ok = gold_keys.contains(&termsmith_align::termbase::key_of(&tmorph, &term));
        hit += ok as usize;
        let others: Vec<String> = r
            .candidates
            .iter()
            .skip(1)
            .map(|c| format!("{} ({:.3} {})", c.term, c.score, c.method))
            .collect();
        // one TSV line per source term even when a phrase spans a line break
        let term = term.replace(['\n', '\r', '\t'], " ");
        let others = others.join(" | ").replace(['\n', '\r', '\t'], " ");
        out.push_str(&format!(
            "{}\t{}\t{}\t{:.3}\t{}\t{}\t{}\n",
            s.headword, s.freq, term, score, method, ok, others
        ));
    }
    println!(
        "pairs {} | source terms (freq >= {}) {} | target candidates {} | top-1 in target gold {}/{} = {:.1}% | {:.2}s",
        pairs.len(),
        min_freq,
        src_terms.len(),
        tgt_terms.len(),
        hit,
        res.len(),
        100.0 * hit as f64 / res.len().max(1) as f64,
        secs
    );
    if let Some(o) = get("--out") {
        std::fs::write(o, out)?;
    }
    Ok(())
}
