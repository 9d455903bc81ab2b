//! End-to-end comparison of a dated corpus described by a manifest CSV: tokenise, tag, mine all
//! documents together, compare the periods, attach concordances and write CSV, JSON and HTML.
//! Used to measure the pipeline on the generated benchmark corpus (see `tools/compare/`).
//!
//! ```text
//! cargo run --release -p termsmith-compare --example compare_corpus -- MANIFEST OUT_DIR [LANG]
//! ```
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use termsmith_compare::kwic::count_tokens;
use termsmith_compare::{
    periods, report, Comparison, ComparisonOptions, Granularity, KwicOptions, ReportOptions,
};
use termsmith_mine::Miner;
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

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: compare_corpus MANIFEST OUT_DIR [LANG]");
        std::process::exit(2);
    }
    let manifest = Path::new(&args[0]);
    let out = Path::new(&args[1]);
    let lang = Lang::new(args.get(2).map(String::as_str).unwrap_or("fr"))?;
    std::fs::create_dir_all(out)?;
    let t0 = Instant::now();
    let mut dp = periods::from_manifest(manifest, Granularity::Year)?;
    let names: Vec<String> = dp
        .periods()
        .iter()
        .flat_map(|p| p.docs.iter().cloned())
        .collect();
    let tokenizer = Tokenizer::builder().lang(Some(lang)).build();
    let tagger = Tagger::for_code(lang.code())?;
    let mut miner = Miner::builder().lang(lang).build()?;
    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    let mut bytes_total = 0usize;
    for name in &names {
        let bytes = std::fs::read(name)?;
        bytes_total += bytes.len();
        let doc = tokenizer.tokenize_bytes(&bytes)?;
        let tags = tag(tagger, &doc);
        miner.add_document(name, &doc, &tags);
        dp.set_tokens(name, count_tokens(&doc));
        texts.insert(name.clone(), doc.text);
    }
    let t_mine_in = t0.elapsed();
    let terms = miner.finish();
    let t_mined = t0.elapsed();
    let mut cmp = Comparison::build(&terms, &dp, &ComparisonOptions::new());
    let t_cmp = t0.elapsed();
    cmp.attach_concordances(
        &terms,
        &dp,
        |n| texts.get(n).map(String::as_str),
        &KwicOptions::new().max_lines(10).max_entries(5000),
    );
    let t_conc = t0.elapsed();
    cmp.to_csv(std::fs::File::create(out.join("compare.csv"))?)?;
    cmp.to_json(std::io::BufWriter::new(std::fs::File::create(
        out.join("compare.json"),
    )?))?;
    std::fs::write(
        out.join("compare.html"),
        report::html(&cmp, &ReportOptions::new()),
    )?;
    let t_out = t0.elapsed();
    eprintln!(
        "{} docs, {} MB, {} periods, {} terms ({} emerging, {} declining, {} variant shifts)",
        names.len(),
        bytes_total / 1_000_000,
        cmp.periods.len(),
        cmp.entries.len(),
        cmp.emerging().len(),
        cmp.declining().len(),
        cmp.variant_shifts().len()
    );
    eprintln!(
        "tokenize+tag+add_document {:.1}s, finish {:.1}s, compare {:.2}s, concordances {:.2}s, output {:.2}s",
        t_mine_in.as_secs_f64(),
        (t_mined - t_mine_in).as_secs_f64(),
        (t_cmp - t_mined).as_secs_f64(),
        (t_conc - t_cmp).as_secs_f64(),
        (t_out - t_conc).as_secs_f64()
    );
    Ok(())
}
