//! `termsmith eval --gold GOLD.tsv PRED.txt`: TermEval 2020 scoring.

use std::path::Path;

use anyhow::{Context, Result};
use termsmith_mine::eval::{self, Gold, Scores};

use crate::cli::EvalArgs;
use crate::progress::Reporter;

/// Reads a gold list, leaving out named entities when asked.
pub fn read_gold(path: &Path, no_named_entities: bool) -> Result<Gold> {
    let mut gold = eval::read_gold(path)
        .with_context(|| format!("cannot read gold list {}", path.display()))?;
    if no_named_entities {
        gold.terms
            .retain(|(_, label)| !label.eq_ignore_ascii_case("Named_Entity"));
    }
    if gold.is_empty() {
        anyhow::bail!("{}: the gold list has no terms", path.display());
    }
    Ok(gold)
}

/// Formats scores as one human-readable line.
pub fn describe(s: &Scores) -> String {
    format!(
        "precision {:.4}  recall {:.4}  F1 {:.4}  ({} correct of {} predicted; {} gold)",
        s.precision, s.recall, s.f1, s.true_positives, s.predicted, s.gold
    )
}

pub fn run(args: EvalArgs, _reporter: &Reporter) -> Result<()> {
    let gold = read_gold(&args.gold, args.no_named_entities)?;
    let text = std::fs::read(&args.predictions)
        .with_context(|| format!("cannot read {}", args.predictions.display()))?;
    let text = termsmith_tokenize::decode(&text)
        .with_context(|| format!("{}", args.predictions.display()))?;
    let scores = eval::score(&gold, text.lines().map(str::trim).filter(|l| !l.is_empty()));
    if args.json {
        println!(
            "{{\"precision\":{:.6},\"recall\":{:.6},\"f1\":{:.6},\"true_positives\":{},\"predicted\":{},\"gold\":{}}}",
            scores.precision, scores.recall, scores.f1, scores.true_positives, scores.predicted, scores.gold
        );
    } else {
        println!("{}", describe(&scores));
    }
    Ok(())
}
