//! CSV writers for every profile.

use std::io::Write;

use super::{guard, join_list, language_name, CsvOptions, CsvProfile};
use crate::error::{GlossaryError, Position};
use crate::model::{ConceptEntry, TermBase, TermRecord};

/// Generic-profile columns before the per-language ones.
pub(crate) const GENERIC_COLUMNS: [&str; 11] = [
    "term",
    "language",
    "variants",
    "part_of_speech",
    "term_type",
    "frequency",
    "doc_frequency",
    "score",
    "context",
    "context_source",
    "sources",
];
/// Per-target-language column suffixes of the generic profile.
pub(crate) const GENERIC_LANG_SUFFIXES: [&str; 4] = ["equivalent", "score", "method", "evidence"];

fn csv_err(e: ::csv::Error) -> GlossaryError {
    match e.into_kind() {
        ::csv::ErrorKind::Io(io) => GlossaryError::Io(io),
        other => GlossaryError::Csv {
            pos: Position::default(),
            message: format!("{other:?}"),
        },
    }
}

/// Writes `tb` as CSV/TSV in the chosen profile (see the module docs for
/// columns and dropped fields). Deterministic; no field depends on the date.
pub fn write<W: Write>(tb: &TermBase, opts: &CsvOptions, mut w: W) -> Result<(), GlossaryError> {
    if opts.bom {
        w.write_all("\u{FEFF}".as_bytes())?;
    }
    if opts.profile == CsvProfile::Omegat {
        return write_omegat(tb, opts, w);
    }
    let mut cw = ::csv::WriterBuilder::new()
        .delimiter(opts.delimiter)
        .terminator(::csv::Terminator::CRLF)
        .flexible(false)
        .from_writer(w);
    let langs = tb.languages();
    let source = langs.first().cloned().unwrap_or_default();
    let targets: Vec<String> = langs.iter().skip(1).cloned().collect();
    let put = |cw: &mut ::csv::Writer<W>, row: Vec<String>| -> Result<(), GlossaryError> {
        if opts.neutralize {
            cw.write_record(row.iter().map(|c| guard(c).into_owned()))
        } else {
            cw.write_record(&row)
        }
        .map_err(csv_err)
    };
    match opts.profile {
        CsvProfile::Generic => {
            let mut header: Vec<String> = GENERIC_COLUMNS.iter().map(|s| s.to_string()).collect();
            for t in &targets {
                for suf in GENERIC_LANG_SUFFIXES {
                    header.push(format!("{t}_{suf}"));
                }
            }
            put(&mut cw, header)?;
            for e in &tb.entries {
                put(&mut cw, generic_row(e, &source, &targets))?;
            }
        }
        CsvProfile::Memoq => {
            let mut header = vec![
                "Entry_ID".to_string(),
                "Entry_Subject".to_string(),
                "Entry_Note".to_string(),
            ];
            for l in &langs {
                let n = language_name(l);
                header.push(format!("{n}_Def"));
                header.push(n);
            }
            put(&mut cw, header)?;
            for e in &tb.entries {
                let mut row = vec![
                    e.id.clone(),
                    e.subject_field.clone().unwrap_or_default(),
                    join_list(e.notes.iter().map(String::as_str)),
                ];
                for (i, l) in langs.iter().enumerate() {
                    row.push(if i == 0 {
                        e.definition.clone().unwrap_or_default()
                    } else {
                        String::new()
                    });
                    row.push(headword(e, l));
                }
                put(&mut cw, row)?;
            }
        }
        CsvProfile::Trados => {
            let mut header: Vec<String> = langs.iter().map(|l| language_name(l)).collect();
            header.extend(["Subject", "Definition", "Note"].map(String::from));
            put(&mut cw, header)?;
            for e in &tb.entries {
                let mut row: Vec<String> = langs.iter().map(|l| headword(e, l)).collect();
                row.push(e.subject_field.clone().unwrap_or_default());
                row.push(e.definition.clone().unwrap_or_default());
                row.push(join_list(e.notes.iter().map(String::as_str)));
                put(&mut cw, row)?;
            }
        }
        CsvProfile::Phrase => {
            let mut header = langs.clone();
            header.push("description".to_string());
            put(&mut cw, header)?;
            for e in &tb.entries {
                let mut row: Vec<String> = langs.iter().map(|l| headword(e, l)).collect();
                row.push(e.definition.clone().unwrap_or_default());
                put(&mut cw, row)?;
            }
        }
        CsvProfile::Omegat => {}
    }
    cw.flush()?;
    Ok(())
}

fn headword(e: &ConceptEntry, lang: &str) -> String {
    e.lang(lang)
        .and_then(|l| l.headword())
        .map(|t| t.term.clone())
        .unwrap_or_default()
}

fn fmt_score(s: Option<f64>) -> String {
    s.filter(|x| x.is_finite())
        .map(|x| x.to_string())
        .unwrap_or_default()
}

fn fmt_count(n: u64) -> String {
    if n == 0 {
        String::new()
    } else {
        n.to_string()
    }
}

fn generic_row(e: &ConceptEntry, source: &str, targets: &[String]) -> Vec<String> {
    let src = e.lang(source);
    let head: Option<&TermRecord> = src.and_then(|l| l.headword());
    let mut row = Vec::with_capacity(GENERIC_COLUMNS.len() + 4 * targets.len());
    row.push(head.map(|t| t.term.clone()).unwrap_or_default());
    row.push(source.to_string());
    row.push(
        src.map(|l| join_list(l.terms.iter().skip(1).map(|t| t.term.as_str())))
            .unwrap_or_default(),
    );
    row.push(
        head.and_then(|t| t.part_of_speech)
            .map(|p| p.as_tbx().to_string())
            .unwrap_or_default(),
    );
    row.push(
        head.and_then(|t| t.term_type)
            .map(|p| p.as_tbx().to_string())
            .unwrap_or_default(),
    );
    row.push(head.map(|t| fmt_count(t.frequency)).unwrap_or_default());
    row.push(head.map(|t| fmt_count(t.doc_frequency)).unwrap_or_default());
    row.push(fmt_score(head.and_then(|t| t.score)));
    let ctx = head.and_then(|t| t.contexts.first());
    row.push(ctx.map(|c| c.text.clone()).unwrap_or_default());
    row.push(ctx.and_then(|c| c.source.clone()).unwrap_or_default());
    row.push(
        head.map(|t| join_list(t.sources.iter().map(String::as_str)))
            .unwrap_or_default(),
    );
    for tl in targets {
        let sec = e.lang(tl);
        let eq = sec
            .and_then(|l| l.headword())
            .and_then(|t| t.equivalent.as_ref());
        row.push(
            sec.map(|l| join_list(l.terms.iter().map(|t| t.term.as_str())))
                .unwrap_or_default(),
        );
        row.push(fmt_score(eq.and_then(|q| q.score)));
        row.push(eq.map(|q| q.method.clone()).unwrap_or_default());
        row.push(
            eq.map(|q| join_list(q.evidence.iter().map(String::as_str)))
                .unwrap_or_default(),
        );
    }
    row
}

/// OmegaT: `source<TAB>target<TAB>comment` lines, no header, LF line ends.
fn write_omegat<W: Write>(tb: &TermBase, opts: &CsvOptions, w: W) -> Result<(), GlossaryError> {
    let mut w = std::io::BufWriter::new(w);
    let langs = tb.languages();
    let (Some(source), Some(target)) = (langs.first(), langs.get(1)) else {
        w.flush()?;
        return Ok(());
    };
    let clean = |s: &str| -> String {
        let s: String = s
            .chars()
            .map(|c| {
                if matches!(c, '\t' | '\n' | '\r') {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        if opts.neutralize {
            guard(&s).into_owned()
        } else {
            s
        }
    };
    for e in &tb.entries {
        let (Some(s), Some(t)) = (e.lang(source), e.lang(target)) else {
            continue;
        };
        let (Some(sh), Some(th)) = (s.headword(), t.headword()) else {
            continue;
        };
        let comment = e
            .definition
            .clone()
            .or_else(|| sh.contexts.first().map(|c| c.text.clone()))
            .unwrap_or_default();
        let comment = clean(&comment);
        let mut pairs: Vec<(&str, &str)> = t
            .terms
            .iter()
            .map(|tt| (sh.term.as_str(), tt.term.as_str()))
            .collect();
        pairs.extend(
            s.terms
                .iter()
                .skip(1)
                .map(|st| (st.term.as_str(), th.term.as_str())),
        );
        for (a, b) in pairs {
            if a.trim().is_empty() || b.trim().is_empty() {
                continue;
            }
            writeln!(w, "{}\t{}\t{}", clean(a), clean(b), comment)?;
        }
    }
    w.flush()?;
    Ok(())
}
