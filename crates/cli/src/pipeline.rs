//! Runs the linguistic stages on input documents: tokenize → tag → mine. The stages are library
//! crates; this module only sequences them, in parallel over documents.

use anyhow::{bail, Result};
use rayon::prelude::*;
use termsmith_mine::{DocId, Miner, TermList};
use termsmith_tag::{Tagger, TokenTag};
use termsmith_tokenize::{Document, Lang, Tokenizer};

use crate::input::InputDoc;
use crate::progress::Reporter;

/// The user's language choice: identify it, or force a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LangChoice {
    Auto,
    Fixed(Lang),
}

impl LangChoice {
    /// Parses `auto` or an ISO 639-1 code.
    pub fn parse(s: &str) -> Result<LangChoice, crate::commands::UsageError> {
        if s.eq_ignore_ascii_case("auto") {
            return Ok(LangChoice::Auto);
        }
        Lang::new(s)
            .map(LangChoice::Fixed)
            .map_err(|e| crate::commands::UsageError(format!("--lang {s}: {e}")))
    }
}

/// A document after tokenisation and tagging.
pub struct Analysed {
    pub name: String,
    pub doc: Document,
    pub tags: Vec<TokenTag>,
}

/// Inputs up to this size keep their documents between language identification and mining
/// (they are tokenised once); larger inputs are tokenised again, so that no more than a few
/// documents are held in memory at a time.
const KEEP_IDENTIFIED_BYTES: u64 = 16 * 1024 * 1024;

fn tokenizer(lang: LangChoice) -> Tokenizer {
    let mut builder = Tokenizer::builder();
    // Mining works on the document language; per-block identification would cost more than the
    // rest of the pipeline together.
    builder.block_languages(false);
    if let LangChoice::Fixed(l) = lang {
        builder.lang(Some(l));
    }
    builder.build()
}

/// An input document with its tokenisation when it was already made.
type Pending = (InputDoc, Option<Document>);

/// With [`LangChoice::Auto`], identifies each document's language and keeps the documents of the
/// majority language (the others are reported); their documents are kept when `keep` is true.
fn choose_language(
    docs: Vec<InputDoc>,
    lang: LangChoice,
    tokenizer: &Tokenizer,
    keep: bool,
    reporter: &Reporter,
) -> Result<(Lang, Vec<Pending>)> {
    if let LangChoice::Fixed(l) = lang {
        return Ok((l, docs.into_iter().map(|d| (d, None)).collect()));
    }
    let total: u64 = docs.iter().map(|d| d.bytes).sum();
    let bar = reporter.bar(total, "identifying languages");
    let identified: Vec<(InputDoc, Lang, Option<Document>)> = docs
        .into_par_iter()
        .map(|input| {
            let doc = tokenizer.tokenize(&input.text);
            bar.inc(input.bytes);
            (input, doc.lang, keep.then_some(doc))
        })
        .collect();
    bar.finish_and_clear();
    // Majority language by text size; ties broken by language code for determinism.
    let mut sizes: std::collections::BTreeMap<Lang, usize> = Default::default();
    for (input, l, _) in &identified {
        *sizes.entry(*l).or_default() += input.text.len();
    }
    let Some((&lang, _)) = sizes.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) else {
        bail!("no documents to analyse");
    };
    Ok((
        lang,
        identified
            .into_iter()
            .filter_map(|(input, l, doc)| {
                if l != lang {
                    reporter.warn(format_args!(
                        "{}: skipped: its language looks like `{}`, not `{lang}` like the other documents (use --lang to force one)",
                        input.path.display(),
                        l
                    ));
                    return None;
                }
                Some((input, doc))
            })
            .collect(),
    ))
}

fn tagger(lang: Lang, reporter: &Reporter) -> Option<&'static Tagger> {
    match Tagger::for_lang(lang) {
        Ok(t) => Some(t),
        Err(e) => {
            reporter.warn(format_args!(
                "{e}; terms are found with closed-class word lists only"
            ));
            None
        }
    }
}

/// Tokenises and tags `docs` in parallel. With [`LangChoice::Auto`], each document's language is
/// identified and the documents of the majority language are kept (the others are reported).
pub fn analyse(
    docs: Vec<InputDoc>,
    lang: LangChoice,
    reporter: &Reporter,
) -> Result<(Lang, Vec<Analysed>)> {
    let tokenizer = tokenizer(lang);
    let (lang, docs) = choose_language(docs, lang, &tokenizer, true, reporter)?;
    let total: u64 = docs.iter().map(|d| d.0.bytes).sum();
    let bar = reporter.bar(total, "analysing");
    let tagger = tagger(lang, reporter);
    let out = docs
        .into_par_iter()
        .map(|(input, doc)| {
            let doc = doc.unwrap_or_else(|| tokenizer.tokenize(&input.text));
            let tags = tagger.map(|t| t.tag(&doc)).unwrap_or_default();
            bar.inc(input.bytes);
            Analysed {
                name: input.name,
                doc,
                tags,
            }
        })
        .collect();
    bar.finish_and_clear();
    Ok((lang, out))
}

/// Runs `work` on every item of `items` on the worker threads, each worker with its own state
/// (made by `init` when it takes its first item) and taking the next item from a shared queue as
/// it becomes free: items go to the threads that are free, and there are at most as many states
/// as threads (so at most as many statistics shards to merge, which takes time at the end, one
/// merge after the other). Each worker takes its items in increasing index order; the states are
/// returned in no particular order.
fn per_worker<T: Send, S: Send>(
    items: impl IntoIterator<Item = T, IntoIter: Send>,
    init: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, usize, T) + Sync,
) -> Vec<S> {
    let queue = std::sync::Mutex::new(items.into_iter().enumerate());
    let next = || queue.lock().ok().and_then(|mut q| q.next());
    (0..rayon::current_num_threads().max(1))
        .into_par_iter()
        .with_max_len(1)
        .filter_map(|_| {
            let mut item = next();
            let mut state = item.is_some().then(&init)?;
            while let Some((i, x)) = item {
                work(&mut state, i, x);
                item = next();
            }
            Some(state)
        })
        .collect()
}

/// Merges per-worker statistics shards (in parallel, pairwise, when there are more than two).
fn merge_shards<K: Send>(
    shards: Vec<(Miner, Vec<K>)>,
) -> Option<(termsmith_mine::CorpusStats, Vec<K>)> {
    shards
        .into_par_iter()
        .map(|(m, kept)| (m.into_stats(), kept))
        .reduce_with(|(mut a, mut ka), (b, kb)| {
            a.merge(b);
            ka.extend(kb);
            (a, ka)
        })
}

/// The id of the `i`-th document of a corpus whose first document has id `first`.
fn doc_id(first: u32, i: usize) -> DocId {
    DocId(first.saturating_add(u32::try_from(i).unwrap_or(u32::MAX)))
}

/// Tokenises, tags and mines `docs` in parallel, a document at a time: each worker thread mines
/// the documents it takes into its own statistics shard (documents keep their input order as
/// ids) and the shards are merged, so the result is the one of mining the documents in order.
/// The documents are dropped once mined unless `keep_docs` is true (then they are returned, in
/// input order). `miner` configures the miner for the documents' language.
pub fn analyse_and_mine(
    docs: Vec<InputDoc>,
    lang: LangChoice,
    miner: impl FnOnce(Lang) -> Result<Miner>,
    keep_docs: bool,
    reporter: &Reporter,
) -> Result<(Lang, TermList, Vec<Analysed>)> {
    let tokenizer = tokenizer(lang);
    let total: u64 = docs.iter().map(|d| d.bytes).sum();
    let keep_identified = keep_docs || total <= KEEP_IDENTIFIED_BYTES;
    let (lang, docs) = choose_language(docs, lang, &tokenizer, keep_identified, reporter)?;
    let proto = miner(lang)?;
    // The tagger model and the miner's resources are decoded at the same time.
    let (tagger, ()) = rayon::join(|| tagger(lang, reporter), || proto.preload());
    let first = proto.next_doc_id().0;
    let total: u64 = docs.iter().map(|d| d.0.bytes).sum();
    let bar = reporter.bar(total, "analysing");
    let shards = per_worker(
        docs,
        || (proto.clone(), Vec::new()),
        |(m, kept), i, (input, doc)| {
            let doc = doc.unwrap_or_else(|| tokenizer.tokenize(&input.text));
            let tags = tagger.map(|t| t.tag(&doc)).unwrap_or_default();
            m.add_document_as(doc_id(first, i), &input.name, &doc, &tags);
            bar.inc(input.bytes);
            if keep_docs {
                kept.push((
                    i,
                    Analysed {
                        name: input.name,
                        doc,
                        tags,
                    },
                ));
            }
        },
    );
    let shards = merge_shards(shards);
    bar.finish_and_clear();
    let mut miner = proto;
    let mut kept = Vec::new();
    if let Some((stats, k)) = shards {
        miner.merge_stats(stats);
        kept = k;
    }
    kept.sort_by_key(|(i, _)| *i);
    let terms = miner.finish();
    Ok((lang, terms, kept.into_iter().map(|(_, a)| a).collect()))
}

/// Mines terms from analysed documents with a configured miner, in parallel over documents
/// (the result is the one of adding them in order).
pub fn mine(miner: Miner, docs: &[Analysed]) -> TermList {
    let first = miner.next_doc_id().0;
    let shards = per_worker(
        docs,
        || (miner.clone(), Vec::<()>::new()),
        |(m, _), i, a| {
            m.add_document_as(doc_id(first, i), &a.name, &a.doc, &a.tags);
        },
    );
    let mut miner = miner;
    if let Some((s, _)) = merge_shards(shards) {
        miner.merge_stats(s);
    }
    miner.finish()
}
