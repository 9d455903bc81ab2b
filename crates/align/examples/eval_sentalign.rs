//! Evaluates sentence alignment against a gold bead file (format of
//! termbase's `tests/data/align/corp-fr-en-gold.tsv`: doc, fr_lines, en_lines, …) on
//! one-sentence-per-line texts.
//!
//! ```text
//! cargo run --release -p termsmith-align --example eval_sentalign -- GOLD.tsv \
//!   ../shared/acter/fr/corp/annotated/texts_tokenised ../shared/acter/en/corp/annotated/texts_tokenised \
//!   [--dict PATH] [--dict-rev PATH] [--no-anchors]
//! ```
//! Prints exact-bead precision/recall and sentence-link precision/recall/F1 per document.
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use termsmith_align::{Aligner, Dictionary, SentenceAligner, Text};
use termsmith_tokenize::Lang;

type Beads = BTreeSet<(Vec<usize>, Vec<usize>)>;

fn links(b: &Beads) -> BTreeSet<(usize, usize)> {
    let mut out = BTreeSet::new();
    for (s, t) in b {
        for &i in s {
            for &j in t {
                out.insert((i, j));
            }
        }
    }
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let gold_path = args.first().ok_or("GOLD")?;
    let (fr_dir, en_dir) = (args.get(1).ok_or("FR_DIR")?, args.get(2).ok_or("EN_DIR")?);
    let mut b = Aligner::builder(Lang::FR, Lang::EN);
    for (i, a) in args.iter().enumerate() {
        if a == "--dict" || a == "--dict-rev" {
            let d = Dictionary::load(Path::new(args.get(i + 1).ok_or("path")?))?;
            b = b.dictionary(if a == "--dict-rev" { d.reversed() } else { d });
        }
    }
    if args.iter().any(|a| a == "--no-anchors") {
        b = b.sentence_aligner(SentenceAligner::builder().anchor_weight(0.0).build());
    }
    let al = b.build()?;
    let mut gold: BTreeMap<String, Beads> = BTreeMap::new();
    for line in std::fs::read_to_string(gold_path)?.lines().skip(1) {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 3 {
            continue;
        }
        let p = |s: &str| {
            s.split(',')
                .filter_map(|x| x.trim().parse::<usize>().ok())
                .collect::<Vec<_>>()
        };
        gold.entry(c[0].to_string())
            .or_default()
            .insert((p(c[1]), p(c[2])));
    }
    let (mut tb, mut gb, mut cb) = (0, 0, 0);
    let (mut tl, mut gl, mut cl) = (0, 0, 0);
    for (doc, g) in &gold {
        let num = doc.trim_start_matches("corp_");
        let fr = std::fs::read_to_string(format!("{fr_dir}/corp_fr_{num}.txt"))?;
        let en = std::fs::read_to_string(format!("{en_dir}/corp_en_{num}.txt"))?;
        let (s, t) = (Text::from_lines("fr", &fr), Text::from_lines("en", &en));
        let beads = al.align_sentences(&s, &t);
        let sys: Beads = beads
            .iter()
            .map(|b| {
                (
                    b.src.clone().map(|i| i + 1).collect(),
                    b.tgt.clone().map(|j| j + 1).collect(),
                )
            })
            .collect();
        let correct = sys.intersection(g).count();
        let (sl, glk) = (links(&sys), links(g));
        let cl_doc = sl.intersection(&glk).count();
        println!(
            "{doc}: beads {}/{} exact (system {}), links P {:.3} R {:.3}",
            correct,
            g.len(),
            sys.len(),
            cl_doc as f64 / sl.len().max(1) as f64,
            cl_doc as f64 / glk.len().max(1) as f64
        );
        tb += sys.len();
        gb += g.len();
        cb += correct;
        tl += sl.len();
        gl += glk.len();
        cl += cl_doc;
    }
    let (p, r) = (cl as f64 / tl.max(1) as f64, cl as f64 / gl.max(1) as f64);
    println!(
        "ALL: exact beads P {:.3} R {:.3} ({cb}/{tb} system, {cb}/{gb} gold); links P {:.3} R {:.3} F1 {:.3}",
        cb as f64 / tb.max(1) as f64,
        cb as f64 / gb.max(1) as f64,
        p,
        r,
        2.0 * p * r / (p + r).max(1e-9)
    );
    Ok(())
}
