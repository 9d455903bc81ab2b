//! Runs the linguistic stages on input documents: tokenize → tag → mine. The stages are library
//! crates; this module only sequences them, in parallel over documents.

use anyhow::{bail, Result};
use rayon::prelude::*;
use termsmith_mine::{Miner, TermList};
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

/// Tokenises and tags `docs` in parallel. With [`LangChoice::Auto`], each document's language is
/// identified and the documents of the majority language are kept (the others are reported).
pub fn analyse(
    docs: Vec<InputDoc>,
    lang: LangChoice,
    reporter: &Reporter,
) -> Result<(Lang, Vec<Analysed>)> {
    let total: u64 = docs.iter().map(|d| d.bytes).sum();
    let bar = reporter.bar(total, "analysing");
    let mut builder = Tokenizer::builder();
    // Mining works on the document language; per-block identification would cost more than the
    // rest of the pipeline together.
    builder.block_languages(false);
    if let LangChoice::Fixed(l) = lang {
        builder.lang(Some(l));
    }
    let tokenizer = builder.build();
    let mut analysed: Vec<(Document, InputDoc)> = docs
        .into_par_iter()
        .map(|input| {
            let doc = tokenizer.tokenize(&input.text);
            bar.inc(input.bytes);
            (doc, input)
        })
        .collect();
    bar.finish_and_clear();

    let lang = match lang {
        LangChoice::Fixed(l) => l,
        LangChoice::Auto => {
            // Majority language by text size; ties broken by language code for determinism.
            let mut sizes: std::collections::BTreeMap<Lang, usize> = Default::default();
            for (doc, _) in &analysed {
                *sizes.entry(doc.lang).or_default() += doc.text.len();
            }
            let Some((&lang, _)) = sizes.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            else {
                bail!("no documents to analyse");
            };
            analysed.retain(|(doc, input)| {
                if doc.lang != lang {
                    reporter.warn(format_args!(
                        "{}: skipped: its language looks like `{}`, not `{lang}` like the other documents (use --lang to force one)",
                        input.path.display(),
                        doc.lang
                    ));
                }
                doc.lang == lang
            });
            lang
        }
    };

    let tagger = match Tagger::for_lang(lang) {
        Ok(t) => Some(t),
        Err(e) => {
            reporter.warn(format_args!(
                "{e}; terms are found with closed-class word lists only"
            ));
            None
        }
    };
    let out = analysed
        .into_par_iter()
        .map(|(doc, input)| {
            let tags = tagger.map(|t| t.tag(&doc)).unwrap_or_default();
            Analysed {
                name: input.name,
                doc,
                tags,
            }
        })
        .collect();
    Ok((lang, out))
}

/// Mines terms from analysed documents with a configured miner.
pub fn mine(mut miner: Miner, docs: &[Analysed]) -> TermList {
    for a in docs {
        miner.add_document(&a.name, &a.doc, &a.tags);
    }
    miner.finish()
}
