//! `termsmith compare`: term usage across dated corpora (periods).
//!
//! Streaming, in bounded memory (see `termsmith_compare::stream`): the documents are listed and
//! checked first (decoded, dated, language identified; nothing kept), then each period is counted
//! by one worker, one document in memory at a time; the documents are read again to count the
//! variant forms per period, and for an HTML report once more for the concordance lines of the
//! terms shown.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{anyhow, bail, Context, Result};
use rayon::prelude::*;
use termsmith_compare::periods::Period;
use termsmith_compare::stream::{
    ConcordanceFinder, Concordances, FormCounts, PeriodCounts, StreamCompare,
};
use termsmith_compare::{
    periods, report, ComparisonOptions, DocPeriods, Granularity, KwicOptions, ReportOptions,
};
use termsmith_mine::Miner;
use termsmith_tag::Tagger;
use termsmith_tokenize::{Lang, Tokenizer};

use super::{paths_or_seeds, UsageError};
use crate::cli::{CompareArgs, CompareFormat};
use crate::input::{collect_files, no_text, MANIFEST};
use crate::output::Sink;
use crate::pipeline::LangChoice;
use crate::progress::Reporter;

/// Concordance lines per term and period in the HTML report, and terms given lines.
const MAX_LINES: usize = 10;
const MAX_ENTRIES: usize = 2000;
/// Bytes of text looked at to identify the language of a document.
const LANG_SAMPLE: usize = 64 * 1024;

/// A readable document: its name (the path as given) and size. Its text is read again when needed.
struct DocFile {
    path: PathBuf,
    name: String,
    bytes: u64,
}

/// Reads and decodes a file; `explicit` files that cannot be decoded are an error, others `None`
/// with a warning, as are empty files.
fn read_text(
    path: &std::path::Path,
    explicit: bool,
    reporter: &Reporter,
) -> Result<Option<String>> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let text = match termsmith_tokenize::decode(&bytes) {
        Ok(t) => t,
        Err(e) if explicit => bail!("{}: {e}", path.display()),
        Err(e) => {
            reporter.warn(format_args!("{}: skipped: {e}", path.display()));
            return Ok(None);
        }
    };
    if text.trim().is_empty() {
        reporter.warn(format_args!(
            "{}: skipped: the file is empty",
            path.display()
        ));
        return Ok(None);
    }
    Ok(Some(text))
}

/// Runs one pass over the documents of every period, the periods in parallel: each worker starts
/// an accumulator for its period (`start`), feeds it the text of each of the period's documents in
/// turn (`scan`, one text in memory per worker), and `finish`es it; the results are merged.
#[allow(clippy::too_many_arguments)] // one pass = its accumulator's start, scan, finish, merge
fn over_periods<'p, A, B: Send>(
    periods: &'p [Period],
    docs: &BTreeMap<String, DocFile>,
    reporter: &Reporter,
    what: &str,
    mut total: B,
    start: impl Fn(&'p Period) -> Result<A> + Sync,
    scan: impl Fn(&mut A, &str, String) -> Result<()> + Sync,
    finish: impl Fn(A) -> B + Sync,
    merge: impl Fn(&mut B, B) + Sync,
) -> Result<B> {
    let bar = reporter.bar(docs.values().map(|d| d.bytes).sum(), what);
    let results = periods
        .par_iter()
        .map(|p| -> Result<B> {
            let mut acc = start(p)?;
            for name in &p.docs {
                let Some(f) = docs.get(name) else { continue };
                if let Some(text) = read_text(&f.path, true, reporter)? {
                    scan(&mut acc, name, text)?;
                }
                bar.inc(f.bytes);
            }
            Ok(finish(acc))
        })
        .collect::<Result<Vec<B>>>()?;
    bar.finish_and_clear();
    for r in results {
        merge(&mut total, r);
    }
    Ok(total)
}

/// The start, middle and end of a text, on character boundaries.
fn lang_sample(text: &str) -> String {
    if text.len() <= LANG_SAMPLE {
        return text.to_string();
    }
    let part = LANG_SAMPLE / 3;
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let mut out = String::with_capacity(LANG_SAMPLE + 2);
    for start in [0, text.len() / 2, text.len() - part] {
        let a = floor(start);
        out.push_str(&text[a..floor((a + part).min(text.len()))]);
        out.push('\n');
    }
    out
}

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
    let lang_choice = LangChoice::parse(&args.lang)?;

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

    // Pass 0: list and check the documents (decodable, not empty), dates from front matter where
    // needed, languages; no text is kept.
    let manifests: Vec<(PathBuf, DocPeriods)> = if assignments.is_empty() {
        let mut v = Vec::new();
        for p in &paths {
            let manifest = p.join(MANIFEST);
            if manifest.is_file() {
                let m = periods::from_manifest(&manifest, Granularity::Year)
                    .with_context(|| format!("cannot read periods from {}", manifest.display()))?;
                v.push((p.clone(), m));
            }
        }
        v
    } else {
        Vec::new()
    };
    let mut dp = DocPeriods::new();
    for (f, label) in &assignments {
        dp.assign(&f.to_string_lossy(), label);
    }
    for (p, m) in &manifests {
        for period in m.periods() {
            for d in &period.docs {
                dp.assign(&p.join(d).to_string_lossy(), &period.label);
            }
        }
    }
    let files = collect_files(&paths)?;
    let mut docs: Vec<(DocFile, Option<Lang>)> = Vec::new();
    let mut undated = Vec::new();
    for (path, explicit) in files {
        let Some(text) = read_text(&path, explicit, reporter)? else {
            continue;
        };
        let name = path.to_string_lossy().into_owned();
        let from_manifest = manifests.iter().any(|(p, _)| path.starts_with(p));
        if assignments.is_empty() && !from_manifest {
            let (found, missing) =
                periods::from_dated_docs([(name.as_str(), Some(text.as_str()))], Granularity::Year);
            for period in found.periods() {
                dp.assign(&name, &period.label);
            }
            undated.extend(missing);
        }
        let lang = match lang_choice {
            LangChoice::Fixed(l) => Some(l),
            LangChoice::Auto => termsmith_tokenize::identify_language(&lang_sample(&text)),
        };
        docs.push((
            DocFile {
                name,
                bytes: text.len() as u64,
                path,
            },
            lang,
        ));
    }
    if docs.is_empty() {
        return Err(no_text(&paths));
    }
    for u in undated {
        reporter.warn(format_args!(
            "{u}: skipped: no date in its name or front matter (use --period LABEL=PATHS)"
        ));
    }
    docs.retain(|(d, _)| dp.period_of(&d.name).is_some());
    let lang = match lang_choice {
        LangChoice::Fixed(l) => l,
        LangChoice::Auto => {
            // Majority language by text size; ties broken by language code for determinism.
            let mut sizes: std::collections::BTreeMap<Lang, u64> = Default::default();
            for (d, l) in &docs {
                *sizes.entry(l.unwrap_or(Lang::EN)).or_default() += d.bytes;
            }
            let (&lang, _) = sizes
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .ok_or_else(|| anyhow!("no documents to analyse"))?;
            docs.retain(|(d, l)| {
                let l = l.unwrap_or(Lang::EN);
                if l != lang {
                    reporter.warn(format_args!(
                        "{}: skipped: its language looks like `{l}`, not `{lang}` like the other documents (use --lang to force one)",
                        d.path.display()
                    ));
                }
                l == lang
            });
            lang
        }
    };
    // Only the documents that will be counted, by period.
    let dp = DocPeriods::from_assignments(
        docs.iter()
            .filter_map(|(d, _)| Some((d.name.as_str(), dp.period_of(&d.name)?, 0))),
    );
    if dp.periods().len() < 2 {
        return Err(UsageError(format!(
            "comparison needs at least two periods; found {} (give them with --period LABEL=PATHS, a manifest.csv, or dates in file names)",
            dp.periods().len()
        ))
        .into());
    }
    let docs: std::collections::BTreeMap<String, DocFile> =
        docs.into_iter().map(|(d, _)| (d.name.clone(), d)).collect();

    // Pass 1: count each period, one document in memory per worker.
    let miner = Miner::builder()
        .lang(lang)
        .min_freq(args.min_freq)
        .include_named_entities(args.include_named_entities);
    let sc =
        StreamCompare::new(&dp, miner).with_context(|| format!("cannot mine terms in `{lang}`"))?;
    let mut builder = Tokenizer::builder();
    // Mining works on the document language; per-block identification would cost more than the
    // rest of the pipeline together.
    builder.block_languages(false);
    builder.lang(Some(lang));
    let tokenizer = builder.build();
    let tagger = match Tagger::for_lang(lang) {
        Ok(t) => Some(t),
        Err(e) => {
            reporter.warn(format_args!(
                "{e}; terms are found with closed-class word lists only"
            ));
            None
        }
    };
    let all = over_periods(
        sc.periods(),
        &docs,
        reporter,
        "analysing",
        PeriodCounts::new(),
        |p| Ok(sc.counter(&p.label)?),
        |counter, name, text| {
            let doc = tokenizer.tokenize(&text);
            drop(text);
            let tags = tagger.map(|t| t.tag(&doc)).unwrap_or_default();
            Ok(counter.add_document(name, &doc, &tags)?)
        },
        |counter| counter.finish(),
        PeriodCounts::merge,
    )?;
    let inventory = sc.inventory(all)?;

    // Pass 2: the variant forms per period.
    let forms = over_periods(
        sc.periods(),
        &docs,
        reporter,
        "counting variants",
        FormCounts::new(),
        |p| Ok((p.label.as_str(), FormCounts::new())),
        |(label, counts), _, text| {
            inventory.scan(counts, label, &text);
            Ok(())
        },
        |(_, counts)| counts,
        FormCounts::merge,
    )?;
    let opts = ComparisonOptions::new()
        .threshold(args.threshold)
        .min_freq(u64::from(args.min_freq));
    let (mut cmp, _terms) = inventory.compare(forms, &opts);
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
            // Pass 3: concordance lines of the terms the report shows.
            let kopts = KwicOptions::new()
                .max_lines(MAX_LINES)
                .max_entries(MAX_ENTRIES);
            let finder = ConcordanceFinder::new(&cmp, &kopts)?;
            let found = over_periods(
                sc.periods(),
                &docs,
                reporter,
                "concordances",
                Concordances::new(MAX_LINES),
                |p| Ok((p.label.as_str(), Concordances::new(MAX_LINES))),
                |(label, lines), name, text| {
                    finder.scan(lines, label, name, &text);
                    Ok(())
                },
                |(_, lines)| lines,
                Concordances::merge,
            )?;
            cmp.attach(found);
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
