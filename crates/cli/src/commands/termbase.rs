//! Reading and writing term bases: `convert`, `merge`, and the writer shared by `extract`.

use std::path::Path;

use anyhow::{Context, Result};
use rayon::prelude::*;
use termsmith_glossary::csv::{ColumnMapping, CsvOptions, CsvProfile as GCsvProfile};
use termsmith_glossary::tbx::TbxVersion as GTbxVersion;
use termsmith_glossary::{Format as GFormat, TermBase};

use super::UsageError;
use crate::cli::{ConvertArgs, CsvProfile, Format, MergeArgs, TbxVersion, WriteOpts};
use crate::output::Sink;
use crate::progress::Reporter;

/// Writes `tb` to every output of `opts` (standard output when there is none), each in the format
/// given by --format or by its extension.
pub fn write_outputs(tb: &TermBase, opts: &WriteOpts, list: Option<&[String]>) -> Result<()> {
    let sinks: Vec<Sink> = if opts.output.is_empty() {
        vec![Sink::Stdout]
    } else {
        opts.output
            .iter()
            .map(|p| Sink::from_option(Some(p)))
            .collect()
    };
    // Several outputs are written at the same time (each is formatted and synced to disk on its
    // own); the first error in the order of the outputs is reported. A failed output leaves no
    // file behind, but the others may be written.
    let one = |sink: &Sink| -> Result<()> {
        let format = match (sink, opts.format) {
            (_, Some(f)) => f,
            // An OmegaT glossary is a `.txt`/`.utf8` file: with that profile the extension means CSV.
            (Sink::File(p), None) => match Format::from_path(p) {
                Some(Format::List | Format::Tsv) if opts.csv_profile == CsvProfile::Omegat => {
                    Format::Csv
                }
                Some(f) => f,
                None => Format::Tbx,
            },
            (Sink::Stdout, None) => Format::Tbx,
        };
        sink.write_with(|w| write_one(tb, format, opts, list, w))
    };
    // Standard output given twice is written in order.
    if sinks.iter().filter(|s| **s == Sink::Stdout).count() > 1 || sinks.len() == 1 {
        return sinks.iter().try_for_each(one);
    }
    let results: Vec<Result<()>> = sinks.par_iter().map(one).collect();
    results.into_iter().collect()
}

fn write_one(
    tb: &TermBase,
    format: Format,
    opts: &WriteOpts,
    list: Option<&[String]>,
    w: &mut dyn std::io::Write,
) -> Result<()> {
    match format {
        Format::Tbx => {
            let v = match opts.tbx_version {
                TbxVersion::V3 => GTbxVersion::V3,
                TbxVersion::V2 => GTbxVersion::V2,
            };
            termsmith_glossary::tbx::write(tb, v, w)?;
        }
        Format::Csv | Format::Tsv => {
            if opts.csv_profile == CsvProfile::Omegat && tb.header.target_langs.is_empty() {
                return Err(UsageError(
                    "an OmegaT glossary pairs source and target terms: give equivalents with --termbase, --target or --to with --dict".into(),
                )
                .into());
            }
            let mut o = CsvOptions::new(csv_profile(opts.csv_profile));
            if let Some(bom) = opts.bom() {
                o = o.bom(bom);
            }
            if format == Format::Tsv {
                o = o.delimiter(b'\t');
            }
            termsmith_glossary::csv::write(tb, &o, w)?;
        }
        Format::Json => termsmith_glossary::json::write(tb, w)?,
        Format::List => {
            // One term per line and nothing else: the headwords of the source language, best first.
            match list {
                Some(terms) => {
                    for t in terms {
                        writeln!(w, "{t}")?;
                    }
                }
                None => {
                    let src = tb.header.source_lang.as_str();
                    for e in &tb.entries {
                        if let Some(t) = e.lang(src).and_then(|l| l.terms.first()) {
                            writeln!(w, "{}", t.term)?;
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

fn csv_profile(p: CsvProfile) -> GCsvProfile {
    match p {
        CsvProfile::Generic => GCsvProfile::Generic,
        CsvProfile::Memoq => GCsvProfile::Memoq,
        CsvProfile::Trados => GCsvProfile::Trados,
        CsvProfile::Phrase => GCsvProfile::Phrase,
        CsvProfile::Omegat => GCsvProfile::Omegat,
    }
}

/// Reads a term base in any supported format, chosen by the file's extension (TBX when unknown).
pub fn read_termbase(path: &Path, columns: Option<&str>, reporter: &Reporter) -> Result<TermBase> {
    let mapping = match columns {
        Some(c) => {
            ColumnMapping::parse(c).map_err(|e| UsageError(format!("--columns {c}: {e}")))?
        }
        None => ColumnMapping::auto(),
    };
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let reader = std::io::BufReader::new(file);
    let is_tsv = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("tsv") || e.eq_ignore_ascii_case("tab"));
    let (tb, report) = match GFormat::from_path(path).unwrap_or(GFormat::Tbx) {
        GFormat::Tbx => termsmith_glossary::tbx::read(reader),
        GFormat::Csv if is_tsv && columns.is_none() => {
            termsmith_glossary::csv::read(reader, &mapping.delimiter(b'\t'))
        }
        GFormat::Csv => termsmith_glossary::csv::read(reader, &mapping),
        GFormat::OmegatText if columns.is_some() => {
            termsmith_glossary::csv::read(reader, &mapping.has_header(false).delimiter(b'\t'))
        }
        GFormat::OmegatText => Err(UsageError(format!(
            "{}: an OmegaT glossary has no header: give its languages with --columns, e.g. --columns fr=#1,en=#2",
            path.display()
        )))?,
        GFormat::Json => termsmith_glossary::json::read(reader).map(|tb| (tb, Default::default())),
    }
    .with_context(|| format!("cannot read term base {}", path.display()))?;
    for w in &report.warnings {
        reporter.warn(format_args!("{}:{}: {}", path.display(), w.pos, w.message));
    }
    if report.suppressed > 0 {
        reporter.warn(format_args!(
            "{}: {} more warnings not shown",
            path.display(),
            report.suppressed
        ));
    }
    Ok(tb)
}

/// `termsmith convert IN -o OUT`.
pub fn convert(args: ConvertArgs, reporter: &Reporter) -> Result<()> {
    let tb = read_termbase(&args.input, args.columns.as_deref(), reporter)?;
    reporter.info(format_args!(
        "{}: {} entries",
        args.input.display(),
        tb.entries.len()
    ));
    write_outputs(&tb, &args.write, None)
}

/// `termsmith merge A B … -o C`.
pub fn merge(args: MergeArgs, reporter: &Reporter) -> Result<()> {
    let mut inputs = args.inputs.iter();
    let Some(first) = inputs.next() else {
        return Err(UsageError("merge needs at least two term bases".into()).into());
    };
    let mut merged = read_termbase(first, args.columns.as_deref(), reporter)?;
    let mut total = termsmith_glossary::merge::MergeReport::default();
    for path in inputs {
        let incoming = read_termbase(path, args.columns.as_deref(), reporter)?;
        let (tb, report) = termsmith_glossary::merge::merge(merged, incoming, &Default::default());
        merged = tb;
        total.added += report.added;
        total.updated += report.updated;
        total.unchanged = report.unchanged;
    }
    reporter.info(format_args!(
        "merged: {} added, {} updated, {} unchanged; {} entries",
        total.added,
        total.updated,
        total.unchanged,
        merged.entries.len()
    ));
    write_outputs(&merged, &args.write, None)
}
