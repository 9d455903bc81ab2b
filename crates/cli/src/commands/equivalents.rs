//! Equivalents in a target language: the wiring of `termsmith-align` to the user's material
//! (translations, comparable texts, term bases, dictionaries).

use std::collections::BTreeSet;

use anyhow::{Context, Result};
use termsmith_align::{
    pair_documents, Aligner, Dictionary, DocSide, PairBasis, SourceDoc, TermbaseEntry,
};
use termsmith_mine::TermList;
use termsmith_tokenize::Lang;

use super::extract::{mine_terms, parse_side, EquivalentMap};
use super::termbase::read_termbase;
use super::UsageError;
use crate::cli::ExtractArgs;
use crate::input::read_documents;
use crate::pipeline::{self, Analysed, LangChoice};
use crate::progress::Reporter;

/// Finds equivalents of `terms` with whatever material the user gave. `None` when no material was
/// given (no --target, --termbase or --dict).
pub fn find(
    args: &ExtractArgs,
    terms: &TermList,
    docs: &[Analysed],
    reporter: &Reporter,
) -> Result<Option<(String, EquivalentMap)>> {
    if args.target.is_empty() && args.termbase.is_empty() && args.dict.is_empty() {
        return Ok(None);
    }
    let src_lang = terms.lang;
    let termbases = args
        .termbase
        .iter()
        .map(|p| read_termbase(p, args.columns.as_deref(), reporter).map(|tb| (p, tb)))
        .collect::<Result<Vec<_>>>()?;

    // The target language: from --target, else --to, else the term bases' other language.
    let target = if !args.target.is_empty() {
        Some(parse_side(&args.target, "--target")?)
    } else {
        None
    };
    let tgt_lang = match (&target, &args.to) {
        (Some((l, _)), _) => *l,
        (None, Some(code)) => {
            Lang::new(code).map_err(|e| UsageError(format!("--to {code}: {e}")))?
        }
        (None, None) => termbases
            .iter()
            .flat_map(|(_, tb)| tb.languages())
            .find(|l| l != src_lang.code())
            .and_then(|l| Lang::new(&l).ok())
            .ok_or_else(|| {
                UsageError(
                    "give the target language with --to (the term bases name no other language)"
                        .into(),
                )
            })?,
    };
    if tgt_lang == src_lang {
        return Err(UsageError(format!("source and target language are both `{src_lang}`")).into());
    }

    let mut builder = Aligner::builder(src_lang, tgt_lang);
    let mut n_entries = 0;
    for (path, tb) in &termbases {
        let entries = termbase_entries(
            tb,
            src_lang.code(),
            tgt_lang.code(),
            &path.display().to_string(),
        );
        n_entries += entries.len();
        builder = builder.termbase(entries);
    }
    if !termbases.is_empty() {
        reporter.info(format_args!(
            "term bases: {n_entries} {src_lang}–{tgt_lang} entries"
        ));
    }
    for p in &args.dict {
        let d = Dictionary::load(p)
            .with_context(|| format!("cannot read dictionary {}", p.display()))?;
        reporter.info(format_args!(
            "dictionary {}: {} headwords",
            p.display(),
            d.len()
        ));
        builder = builder.dictionary(d);
    }
    let aligner = builder.build().context("cannot set up the aligner")?;

    let src_docs = source_docs(docs);
    let results = match target {
        Some((_, paths)) => {
            let (tdocs, warnings) = read_documents(&paths)?;
            for w in warnings {
                reporter.warn(w.0);
            }
            let (_, tanalysed) = pipeline::analyse(tdocs, LangChoice::Fixed(tgt_lang), reporter)?;
            let tgt_terms = mine_terms(args, tgt_lang, &tanalysed)?;
            let tgt_docs = source_docs(&tanalysed);
            if args.comparable {
                aligner.align_comparable(&src_docs, &tgt_docs, terms, &tgt_terms)
            } else {
                let pairs = pair(&src_docs, &tgt_docs, src_lang, tgt_lang, reporter)?;
                aligner.align_parallel(&pairs, terms, &tgt_terms)
            }
        }
        None => {
            let empty = TermList {
                lang: tgt_lang,
                docs: Vec::new(),
                total_tokens: 0,
                terms: Vec::new(),
            };
            aligner.align_comparable(&src_docs, &[], terms, &empty)
        }
    };
    // The results also hold term-base terms found in the text but not among the listed terms
    // (for example below `--top`): only the listed ones are counted.
    let listed: BTreeSet<&str> = terms.terms.iter().map(|t| t.key.as_str()).collect();
    let with_candidates = results
        .iter()
        .filter(|r| !r.candidates.is_empty() && listed.contains(r.source_key.as_str()))
        .count();
    reporter.info(format_args!(
        "{with_candidates} of {} terms have {tgt_lang} equivalents",
        terms.terms.len()
    ));
    let map: EquivalentMap = results
        .into_iter()
        .map(|r| (r.source_key.clone(), r))
        .collect();
    Ok(Some((tgt_lang.code().to_string(), map)))
}

/// Pairs source and target documents by name (names equal up to language codes); documents left
/// unpaired are reported.
/// The aligner's view of analysed documents.
fn source_docs(docs: &[Analysed]) -> Vec<SourceDoc<'_>> {
    docs.iter()
        .map(|a| SourceDoc {
            name: &a.name,
            doc: &a.doc,
            tags: &a.tags,
        })
        .collect()
}

fn pair<'a>(
    src: &[SourceDoc<'a>],
    tgt: &[SourceDoc<'a>],
    src_lang: Lang,
    tgt_lang: Lang,
    reporter: &Reporter,
) -> Result<Vec<(SourceDoc<'a>, SourceDoc<'a>)>> {
    let sn: Vec<&str> = src.iter().map(|d| d.name).collect();
    let tn: Vec<&str> = tgt.iter().map(|d| d.name).collect();
    let no_keys_s = vec![Vec::new(); sn.len()];
    let no_keys_t = vec![Vec::new(); tn.len()];
    let explicit: Vec<(usize, usize)> = if sn.len() == 1 && tn.len() == 1 {
        vec![(0, 0)]
    } else {
        Vec::new()
    };
    let p = pair_documents(
        &DocSide {
            names: &sn,
            lang: src_lang.code(),
            keys: &no_keys_s,
        },
        &DocSide {
            names: &tn,
            lang: tgt_lang.code(),
            keys: &no_keys_t,
        },
        &explicit,
        0.0,
    );
    let mut pairs = Vec::new();
    for &(i, j, basis, _) in &p.pairs {
        if basis == PairBasis::Content {
            continue; // names did not match: without content evidence the pair is not trusted
        }
        if let (Some(s), Some(t)) = (src.get(i), tgt.get(j)) {
            pairs.push((*s, *t));
        }
    }
    for &i in &p.unpaired_source {
        reporter.warn(format_args!(
            "{}: no translation found among the target documents",
            sn[i]
        ));
    }
    if pairs.is_empty() {
        return Err(UsageError(
            "no source document could be paired with a target document by name (names must differ only by a language code, e.g. report_fr.txt / report_en.txt); use --comparable for texts that are not translations".into(),
        )
        .into());
    }
    Ok(pairs)
}

/// Turns a term base into plain source→target entries for the aligner.
fn termbase_entries(
    tb: &termsmith_glossary::TermBase,
    src: &str,
    tgt: &str,
    origin: &str,
) -> Vec<TermbaseEntry> {
    let mut out = Vec::new();
    let lang_is = |l: &str, code: &str| {
        l.split(['-', '_'])
            .next()
            .is_some_and(|p| p.eq_ignore_ascii_case(code))
    };
    for e in &tb.entries {
        let terms_of = |code: &str| -> Vec<String> {
            e.langs
                .iter()
                .filter(|l| lang_is(&l.lang, code))
                .flat_map(|l| l.terms.iter().map(|t| t.term.clone()))
                .collect()
        };
        let (s, t) = (terms_of(src), terms_of(tgt));
        if !s.is_empty() && !t.is_empty() {
            out.push(TermbaseEntry {
                source: s,
                target: t,
                origin: format!("{origin}#{}", e.id),
            });
        }
    }
    out
}
