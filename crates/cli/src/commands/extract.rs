//! `termsmith extract`: documents → terms → (equivalents) → term base files.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Context, Result};
use termsmith_glossary::{filter::Filter, PartOfSpeech};
use termsmith_mine::{Miner, Ranker as MRanker, TermList, Upos};

use super::termbase::{read_termbase, write_outputs};
use super::{paths_or_seeds, UsageError};
use crate::cli::{ExtractArgs, Ranker};
use crate::input::read_documents;
use crate::pipeline::{self, Analysed, LangChoice};
use crate::progress::Reporter;
use crate::to_glossary::{self, Equivalents};

pub fn run(args: ExtractArgs, reporter: &Reporter) -> Result<()> {
    validate(&args)?;
    let head_pos = parse_pos(&args.pos)?;
    let bilingual = !args.source.is_empty() || !args.target.is_empty();
    let (lang_choice, paths) = if bilingual {
        let (l, p) = parse_side(&args.source, "--source")?;
        (LangChoice::Fixed(l), p)
    } else {
        (
            LangChoice::parse(&args.lang)?,
            paths_or_seeds(args.paths.clone())?,
        )
    };

    if let LangChoice::Fixed(lang) = lang_choice {
        // The language is known: its tagger model and mining resources are decoded on threads
        // of their own while the files are read (later uses wait for them).
        let _ = std::thread::Builder::new().spawn(move || {
            let _ = termsmith_tag::Tagger::for_lang(lang);
        });
        let _ = std::thread::Builder::new().spawn(move || {
            if let Ok(m) = Miner::builder().lang(lang).build() {
                m.preload();
            }
        });
    }
    let (docs, warnings) = read_documents(&paths)?;
    for w in warnings {
        reporter.warn(w.0);
    }
    // The documents (and the term occurrences) are needed afterwards only to find equivalents.
    let needs_docs = !args.target.is_empty() || !args.termbase.is_empty() || !args.dict.is_empty();
    let (lang, terms, analysed) = pipeline::analyse_and_mine(
        docs,
        lang_choice,
        |lang| miner_for(&args, lang, needs_docs, head_pos.clone()),
        needs_docs,
        reporter,
    )?;
    reporter.info(format_args!(
        "{} terms from {} document(s), {} tokens ({lang})",
        terms.terms.len(),
        terms.docs.len(),
        terms.total_tokens
    ));

    let equivalents = super::equivalents::find(&args, &terms, &analysed, reporter)?;
    let eq_ref = equivalents.as_ref().map(|(l, m)| Equivalents {
        lang: l.as_str(),
        by_key: m,
    });
    drop(analysed);
    // The evaluation needs the headwords only, in rank order.
    let eval_heads: Vec<String> = if args.eval.is_some() {
        terms.terms.iter().map(|t| t.headword.clone()).collect()
    } else {
        Vec::new()
    };
    let mut tb = to_glossary::term_base(terms, eq_ref.as_ref(), args.write.date.as_deref());

    let filter = Filter {
        min_score: args.min_score,
        min_freq: 0,
        pos: Vec::new(), // the miner selected the parts of speech, before --top
        include_named_entities: true, // already applied by the miner
        top: None,
    };
    filter.apply(&mut tb);

    if let Some(existing) = &args.update {
        let base = read_termbase(existing, args.columns.as_deref(), reporter)?;
        let (merged, report) = termsmith_glossary::merge::merge(base, tb, &Default::default());
        reporter.info(format_args!(
            "update of {}: {} added, {} updated, {} unchanged",
            existing.display(),
            report.added,
            report.updated,
            report.unchanged
        ));
        tb = merged;
    }

    if let Some(gold) = &args.eval {
        let gold = super::eval::read_gold(gold, !args.include_named_entities)?;
        let preds = eval_heads.iter().map(String::as_str);
        eprintln!(
            "termsmith: eval against {}: {}",
            args.eval
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            super::eval::describe(&termsmith_mine::eval::score(&gold, preds))
        );
    }
    write_outputs(&tb, &args.write, None)?;
    // The process ends here: freeing the term base entry by entry (several allocations per
    // term, context and source) would only cost time.
    std::mem::forget(tb);
    Ok(())
}

fn validate(args: &ExtractArgs) -> Result<()> {
    if (!args.source.is_empty() || !args.target.is_empty()) && !args.paths.is_empty() {
        return Err(UsageError(
            "give documents either as PATHS or with --source/--target, not both".into(),
        )
        .into());
    }
    if !args.target.is_empty() && args.source.is_empty() {
        return Err(UsageError("--target needs --source".into()).into());
    }
    if args.comparable && args.target.is_empty() {
        return Err(UsageError("--comparable needs --source and --target".into()).into());
    }
    if let Some(d) = &args.write.date {
        let ok = d.len() == 10
            && d.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if !ok {
            return Err(UsageError(format!("--date {d}: expected YYYY-MM-DD")).into());
        }
    }
    Ok(())
}

/// The head parts of speech that `--pos` keeps (`None`: all). Default: nouns and proper nouns.
fn parse_pos(values: &[String]) -> Result<Option<Vec<Upos>>> {
    if values.is_empty() {
        return Ok(Some(vec![Upos::Noun, Upos::Propn]));
    }
    let mut allowed = Vec::new();
    for v in values.iter().flat_map(|v| v.split(',')) {
        if v.trim().eq_ignore_ascii_case("all") {
            return Ok(None);
        }
        let pos = PartOfSpeech::parse(v).ok_or_else(|| {
            UsageError(format!(
                "--pos {v}: expected noun, properNoun, adjective, verb, adverb, other or all"
            ))
        })?;
        allowed.extend(match pos {
            PartOfSpeech::Noun => vec![Upos::Noun, Upos::Propn],
            PartOfSpeech::ProperNoun => vec![Upos::Propn],
            PartOfSpeech::Adjective => vec![Upos::Adj],
            PartOfSpeech::Verb => vec![Upos::Verb],
            PartOfSpeech::Adverb => vec![Upos::Adv],
            PartOfSpeech::Other => Upos::ALL
                .into_iter()
                .filter(|u| {
                    !matches!(
                        u,
                        Upos::Noun | Upos::Propn | Upos::Adj | Upos::Verb | Upos::Adv
                    )
                })
                .collect(),
        });
    }
    allowed.sort();
    allowed.dedup();
    Ok(Some(allowed))
}

/// Parses repeated `LANG:PATH` arguments of one side; all must name the same language.
pub(crate) fn parse_side(
    values: &[String],
    flag: &str,
) -> Result<(termsmith_tokenize::Lang, Vec<PathBuf>)> {
    let mut lang = None;
    let mut paths = Vec::new();
    for v in values {
        let (l, p) = v
            .split_once(':')
            .filter(|(l, p)| !l.is_empty() && !p.is_empty())
            .ok_or_else(|| {
                UsageError(format!(
                    "{flag} {v}: expected LANG:PATH, e.g. {flag} fr:texts/fr"
                ))
            })?;
        let l =
            termsmith_tokenize::Lang::new(l).map_err(|e| UsageError(format!("{flag} {v}: {e}")))?;
        if lang.is_some_and(|x| x != l) {
            return Err(UsageError(format!(
                "{flag}: all paths of one side must have the same language"
            ))
            .into());
        }
        lang = Some(l);
        paths.push(PathBuf::from(p));
    }
    let lang = lang.ok_or_else(|| UsageError(format!("{flag} is empty")))?;
    Ok((lang, paths))
}

/// Mines terms with the user's options, every part of speech (target-language candidates).
pub(crate) fn mine_terms(
    args: &ExtractArgs,
    lang: termsmith_tokenize::Lang,
    docs: &[Analysed],
) -> Result<TermList> {
    Ok(pipeline::mine(miner_for(args, lang, true, None)?, docs))
}

/// A miner with the user's options; term occurrences are kept only if `occurrences`.
fn miner_for(
    args: &ExtractArgs,
    lang: termsmith_tokenize::Lang,
    occurrences: bool,
    head_pos: Option<Vec<Upos>>,
) -> Result<Miner> {
    let mut b = Miner::builder()
        .lang(lang)
        .min_freq(args.min_freq)
        .include_named_entities(args.include_named_entities)
        .ranker(match args.ranker {
            Ranker::Default => MRanker::Default,
            Ranker::Learned => MRanker::Learned,
        });
    if let Some(allowed) = head_pos {
        b = b.head_pos(allowed);
    }
    if let Some(n) = args.top {
        b = b.top(n);
    }
    if !occurrences {
        b = b.max_occurrences(0);
    }
    b.build()
        .with_context(|| format!("cannot mine terms in `{lang}`"))
}

pub(crate) type EquivalentMap = BTreeMap<String, termsmith_align::TermEquivalents>;
