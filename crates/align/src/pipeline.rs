//! Entry points on the pipeline's types: tokenised documents (termsmith-tokenize),
//! tags (termsmith-tag) and mined term lists (termsmith-mine).

use std::collections::BTreeSet;

use termsmith_mine::TermList;
use termsmith_tag::TokenTag;
use termsmith_tokenize::Document;

use crate::aligner::Aligner;
use crate::equiv::TermEquivalents;
use crate::norm;
use crate::termbase::key_of;
use crate::text::{TermInfo, Text};

/// A document with its name and optional tags (parallel to `doc.tokens`).
#[derive(Debug, Clone, Copy)]
pub struct SourceDoc<'a> {
    /// Name (path) as given to the miner's `add_document`.
    pub name: &'a str,
    /// The tokenised document.
    pub doc: &'a Document,
    /// Tags from termsmith-tag (lemmas help dictionary lookups); may be empty.
    pub tags: &'a [TokenTag],
}

impl SourceDoc<'_> {
    /// The document as alignment input.
    pub fn to_text(&self) -> Text {
        let lemmas: Vec<String> = self.tags.iter().map(|t| t.lemma.to_string()).collect();
        let lemmas = (lemmas.len() == self.doc.tokens.len()).then_some(lemmas);
        Text::from_document(self.name, self.doc, lemmas.as_deref())
    }
}

/// Converts a mined term list into alignment terms. Occurrences are mapped to positions in
/// `doc_names` through the list's document names (`TermList::docs`, indexed by `DocId`);
/// occurrences in other documents are dropped.
pub fn term_infos(list: &TermList, doc_names: &[&str]) -> Vec<TermInfo> {
    let pos: Vec<Option<usize>> = list
        .docs
        .iter()
        .map(|n| doc_names.iter().position(|d| d == n))
        .collect();
    list.terms
        .iter()
        .map(|t| TermInfo {
            key: t.key.clone(),
            headword: t.headword.clone(),
            freq: t.freq,
            occurrences: t
                .occurrences
                .iter()
                .filter_map(|o| {
                    let d = (*pos.get(o.doc.0 as usize)?)?;
                    Some((d, o.span.start..o.span.end))
                })
                .collect(),
        })
        .collect()
}

impl Aligner {
    /// Source terms of the term base found in `texts` (Aho–Corasick over normalised,
    /// de-inflected forms) that are not already in `known` (compared by normalised key).
    pub fn find_termbase_terms(&self, texts: &[Text], known: &[TermInfo]) -> Vec<TermInfo> {
        let Some(tb) = &self.termbase else {
            return Vec::new();
        };
        let morph = &self.src.morph;
        let have: BTreeSet<String> = known.iter().map(|t| key_of(morph, &t.headword)).collect();
        let mut found: std::collections::BTreeMap<String, TermInfo> =
            std::collections::BTreeMap::new();
        for (d, t) in texts.iter().enumerate() {
            for m in tb.find(&t.text) {
                let Some(form) = t.text.get(m.start..m.end) else {
                    continue;
                };
                let k = key_of(morph, form);
                if have.contains(&k) {
                    continue;
                }
                let head = tb
                    .entries()
                    .get(m.entry)
                    .and_then(|e| {
                        e.source
                            .iter()
                            .find(|s| key_of(morph, s) == k)
                            .or(e.source.first())
                    })
                    .cloned()
                    .unwrap_or_else(|| norm::fold(form));
                let e = found.entry(k.clone()).or_insert_with(|| TermInfo {
                    key: k,
                    headword: head,
                    freq: 0,
                    occurrences: Vec::new(),
                });
                e.freq += 1;
                e.occurrences.push((d, m.start..m.end));
            }
        }
        found.into_values().collect()
    }

    /// Term equivalents for parallel documents `(source, target)` and the term lists mined
    /// from the source and target documents (document ids as given by the miners). Term-base
    /// terms found in the source documents but absent from `src_terms` are appended to the
    /// result (after the mined terms, in key order).
    pub fn align_parallel(
        &self,
        pairs: &[(SourceDoc<'_>, SourceDoc<'_>)],
        src_terms: &TermList,
        tgt_terms: &TermList,
    ) -> Vec<TermEquivalents> {
        let texts: Vec<(Text, Text)> = pairs
            .iter()
            .map(|(s, t)| (s.to_text(), t.to_text()))
            .collect();
        let sn: Vec<&str> = pairs.iter().map(|p| p.0.name).collect();
        let tn: Vec<&str> = pairs.iter().map(|p| p.1.name).collect();
        let mut st = term_infos(src_terms, &sn);
        let src_texts: Vec<Text> = texts.iter().map(|p| p.0.clone()).collect();
        let extra = self.find_termbase_terms(&src_texts, &st);
        st.extend(extra);
        self.link_parallel(&texts, &st, &term_infos(tgt_terms, &tn))
    }

    /// Term equivalents for comparable corpora (source and target documents not paired).
    pub fn align_comparable(
        &self,
        src_docs: &[SourceDoc<'_>],
        tgt_docs: &[SourceDoc<'_>],
        src_terms: &TermList,
        tgt_terms: &TermList,
    ) -> Vec<TermEquivalents> {
        let st_texts: Vec<Text> = src_docs.iter().map(SourceDoc::to_text).collect();
        let tt_texts: Vec<Text> = tgt_docs.iter().map(SourceDoc::to_text).collect();
        let sn: Vec<&str> = src_docs.iter().map(|d| d.name).collect();
        let tn: Vec<&str> = tgt_docs.iter().map(|d| d.name).collect();
        let mut st = term_infos(src_terms, &sn);
        let extra = self.find_termbase_terms(&st_texts, &st);
        st.extend(extra);
        self.link_comparable(&st_texts, &tt_texts, &st, &term_infos(tgt_terms, &tn))
    }
}
