//! `termsmith kwic TERM PATHS…`: concordance lines for a term and all its variants.

use anyhow::{Context, Result};
use termsmith_compare::from_mine::kwic;
use termsmith_compare::kwic::format_text;
use termsmith_compare::KwicOptions;
use termsmith_mine::Miner;

use super::paths_or_seeds;
use crate::cli::KwicArgs;
use crate::input::read_documents;
use crate::pipeline::{self, LangChoice};
use crate::progress::Reporter;

pub fn run(args: KwicArgs, reporter: &Reporter) -> Result<()> {
    let paths = paths_or_seeds(args.paths.clone())?;
    let (docs, warnings) = read_documents(&paths)?;
    for w in warnings {
        reporter.warn(w.0);
    }
    // Every candidate is kept (min_freq 1) so that a term seen once still gathers its variants.
    let (_, terms, analysed) = pipeline::analyse_and_mine(
        docs,
        LangChoice::parse(&args.lang)?,
        |lang| {
            Miner::builder()
                .lang(lang)
                .min_freq(1)
                .build()
                .with_context(|| format!("cannot mine terms in `{lang}`"))
        },
        true,
        reporter,
    )?;
    let docs: Vec<(&str, &termsmith_tokenize::Document)> =
        analysed.iter().map(|a| (a.name.as_str(), &a.doc)).collect();
    let lines = kwic(
        &args.term,
        &terms,
        &docs,
        &KwicOptions::new().width(args.width),
    );
    if lines.is_empty() {
        reporter.info(format_args!(
            "`{}` does not occur in the documents",
            args.term
        ));
        return Ok(());
    }
    print!("{}", format_text(&lines));
    reporter.info(format_args!("{} lines", lines.len()));
    Ok(())
}
