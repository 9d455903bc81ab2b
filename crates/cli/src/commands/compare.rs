//! `termsmith compare`: term usage across dated corpora (periods).

use std::path::PathBuf;

use anyhow::{Context, Result};
use termsmith_compare::kwic::count_tokens;
use termsmith_compare::{
    periods, report, Comparison, ComparisonOptions, DocPeriods, Granularity, KwicOptions,
    ReportOptions,
};
use termsmith_mine::Miner;

use super::{paths_or_seeds, UsageError};
use crate::cli::{CompareArgs, CompareFormat};
use crate::input::{collect_files, read_documents, MANIFEST};
use crate::output::Sink;
use crate::pipeline::{self, LangChoice};
use crate::progress::Reporter;

pub fn run(args: CompareArgs, reporter: &Reporter) -> Result<()> {
    let format = match (args.format, &args.output) {
        (Some(f), _) => f,
        (None, Some(p)) => match p
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("html" | "htm") => CompareFormat::Html,
            Some("json") => CompareFormat::Json,
            _ => CompareFormat::Csv,
        },
        (None, None) => CompareFormat::Csv,
    };
    if !(args.threshold.is_finite() && args.threshold > 0.0) {
        return Err(UsageError(format!(
            "--threshold {}: expected a positive number",
            args.threshold
        ))
        .into());
    }

    // Documents and their periods: --period LABEL=PATHS, else the manifests of the directories given,
    // else dates in file names or front matter.
    let mut assignments: Vec<(PathBuf, String)> = Vec::new();
    let paths: Vec<PathBuf> = if args.period.is_empty() {
        paths_or_seeds(args.paths.clone())?
    } else {
        if !args.paths.is_empty() {
            return Err(UsageError(
                "give documents either as PATHS or with --period, not both".into(),
            )
            .into());
        }
        let mut all = Vec::new();
        for p in &args.period {
            let (label, list) = p
                .split_once('=')
                .filter(|(l, r)| !l.trim().is_empty() && !r.trim().is_empty())
                .ok_or_else(|| UsageError(format!("--period {p}: expected LABEL=PATH[,PATH…]")))?;
            for path in list.split(',').map(|s| PathBuf::from(s.trim())) {
                for (f, _) in collect_files(std::slice::from_ref(&path))? {
                    assignments.push((f.clone(), label.trim().to_string()));
                    all.push(f);
                }
            }
        }
        all
    };
    let (docs, warnings) = read_documents(&paths)?;
    for w in warnings {
        reporter.warn(w.0);
    }
    let mut dp = if !assignments.is_empty() {
        let mut dp = DocPeriods::new();
        for (f, label) in &assignments {
            dp.assign(&f.to_string_lossy(), label);
        }
        dp
    } else {
        let mut dp = DocPeriods::new();
        let mut undated = Vec::new();
        for p in &paths {
            let manifest = p.join(MANIFEST);
            if manifest.is_file() {
                let m = periods::from_manifest(&manifest, Granularity::Year)
                    .with_context(|| format!("cannot read periods from {}", manifest.display()))?;
                for period in m.periods() {
                    for d in &period.docs {
                        dp.assign(&p.join(d).to_string_lossy(), &period.label);
                    }
                }
            } else {
                let names: Vec<(String, String)> = docs
                    .iter()
                    .filter(|d| d.path.starts_with(p))
                    .map(|d| (d.name.clone(), d.text.clone()))
                    .collect();
                let (found, missing) = periods::from_dated_docs(
                    names.iter().map(|(n, t)| (n.as_str(), Some(t.as_str()))),
                    Granularity::Year,
                );
                for period in found.periods() {
                    for d in &period.docs {
                        dp.assign(d, &period.label);
                    }
                }
                undated.extend(missing);
            }
        }
        for u in undated {
            reporter.warn(format_args!(
                "{u}: skipped: no date in its name or front matter (use --period LABEL=PATHS)"
            ));
        }
        dp
    };
    let docs: Vec<_> = docs
        .into_iter()
        .filter(|d| dp.period_of(&d.name).is_some())
        .collect();
    if dp.periods().len() < 2 {
        return Err(UsageError(format!(
            "comparison needs at least two periods; found {} (give them with --period LABEL=PATHS, a manifest.csv, or dates in file names)",
            dp.periods().len()
        ))
        .into());
    }

    let (lang, analysed) = pipeline::analyse(docs, LangChoice::parse(&args.lang)?, reporter)?;
    for a in &analysed {
        dp.set_tokens(&a.name, count_tokens(&a.doc));
    }
    let miner = Miner::builder()
        .lang(lang)
        .min_freq(args.min_freq)
        .include_named_entities(args.include_named_entities)
        .build()
        .with_context(|| format!("cannot mine terms in `{lang}`"))?;
    let terms = pipeline::mine(miner, &analysed);
    let opts = ComparisonOptions::new()
        .threshold(args.threshold)
        .min_freq(u64::from(args.min_freq));
    let mut cmp = Comparison::build(&terms, &dp, &opts);
    reporter.info(format_args!(
        "{} periods, {} terms: {} emerging, {} declining, {} variant shifts",
        cmp.periods.len(),
        cmp.entries.len(),
        cmp.emerging().len(),
        cmp.declining().len(),
        cmp.variant_shifts().len()
    ));
    let sink = Sink::from_option(args.output.as_deref());
    match format {
        CompareFormat::Csv => sink.write_with(|w| Ok(cmp.to_csv(w)?)),
        CompareFormat::Json => sink.write_with(|w| Ok(cmp.to_json(w)?)),
        CompareFormat::Html => {
            cmp.attach_concordances(
                &terms,
                &dp,
                |n| {
                    analysed
                        .iter()
                        .find(|a| a.name == n)
                        .map(|a| a.doc.text.as_str())
                },
                &KwicOptions::new().max_lines(10).max_entries(2000),
            );
            let title = format!(
                "Term usage over time ({lang}): {}",
                cmp.periods
                    .iter()
                    .map(|p| p.label.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let html = report::html(&cmp, &ReportOptions::new().title(title));
            sink.write_with(|w| Ok(w.write_all(html.as_bytes())?))
        }
    }
}
