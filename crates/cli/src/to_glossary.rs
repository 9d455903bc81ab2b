//! Maps pipeline results (mined terms, equivalents) onto the term-base model of `termsmith-glossary`.
//! Pure data mapping: no linguistic decision is taken here.

use std::collections::BTreeMap;

use rayon::prelude::*;

use termsmith_align::{Evidence, TermEquivalents};
use termsmith_glossary::{
    ConceptEntry, ContextRecord, EquivalentInfo, LangSection, PartOfSpeech, Span, TermBase,
    TermRecord, TermType,
};
use termsmith_mine::{DocId, Term, TermKind, TermList, Upos};

/// Equivalents for a target language, by the source term's key.
pub struct Equivalents<'a> {
    pub lang: &'a str,
    pub by_key: &'a BTreeMap<String, TermEquivalents>,
}

/// How many evidence items are kept per equivalent in the term base.
const MAX_EVIDENCE: usize = 3;

/// Builds a term base from mined terms, best first, with the equivalents of each when given.
/// The terms are consumed one by one, so that the term list and the term base are not both
/// held whole in memory.
pub fn term_base(
    terms: TermList,
    equivalents: Option<&Equivalents<'_>>,
    date: Option<&str>,
) -> TermBase {
    let src = terms.lang.code().to_string();
    let targets: Vec<&str> = equivalents.iter().map(|e| e.lang).collect();
    let mut tb = TermBase::new(&src, &targets);
    tb.header.title = format!("termsmith glossary ({})", langs_label(&src, &targets));
    tb.header.source_desc = format!(
        "Terms extracted by termsmith {} from {} document(s), {} tokens: {}.",
        env!("CARGO_PKG_VERSION"),
        terms.docs.len(),
        terms.total_tokens,
        terms.docs.join(", ")
    );
    tb.header.created = date.map(str::to_string);
    let TermList {
        docs, terms: list, ..
    } = terms;
    // Entries are made in parallel, in order.
    let entries = list.into_par_iter().enumerate().map(|(i, term)| {
        let mut entry = ConceptEntry {
            id: format!("c{}", i + 1),
            date: date.map(str::to_string),
            ..ConceptEntry::default()
        };
        entry.notes.push(format!(
            "frequency {}; document frequency {} of {}; score {:.4}; rank {}",
            term.freq,
            term.doc_freq,
            docs.len(),
            term.score,
            term.rank
        ));
        let target = equivalents.and_then(|eq| {
            let te = eq.by_key.get(&term.key)?;
            Some((eq.lang, target_terms(te)))
        });
        entry.langs.push(LangSection {
            lang: src.clone(),
            terms: source_terms(term, &docs),
        });
        if let Some((lang, target)) = target {
            if !target.is_empty() {
                entry.langs.push(LangSection {
                    lang: lang.to_string(),
                    terms: target,
                });
            }
        }
        entry.apply_default_admin_status();
        entry
    });
    tb.entries.par_extend(entries);
    tb
}

fn langs_label(src: &str, targets: &[&str]) -> String {
    std::iter::once(src)
        .chain(targets.iter().copied())
        .collect::<Vec<_>>()
        .join("–")
}

fn part_of_speech(pos: Option<Upos>, kind: TermKind) -> Option<PartOfSpeech> {
    if kind == TermKind::NamedEntity {
        return Some(PartOfSpeech::ProperNoun);
    }
    Some(match pos? {
        Upos::Noun | Upos::Propn => PartOfSpeech::Noun,
        Upos::Verb => PartOfSpeech::Verb,
        Upos::Adj => PartOfSpeech::Adjective,
        Upos::Adv => PartOfSpeech::Adverb,
        _ => PartOfSpeech::Other,
    })
}

/// Folds variants that differ only by letter case into the most frequent spelling: a term base lists
/// spellings a translator may meet, not every capitalisation at the start of a sentence. Each
/// spelling comes with its lower-case form.
fn distinct_variants(term: &Term) -> Vec<(String, u64, String)> {
    let mut by_fold: BTreeMap<String, (String, u64, u32)> = BTreeMap::new();
    for v in &term.variants {
        let fold = v.form.to_lowercase();
        let e = by_fold
            .entry(fold)
            .or_insert_with(|| (v.form.clone(), 0, 0));
        e.1 += u64::from(v.freq);
        if v.freq > e.2 {
            e.0 = v.form.clone();
            e.2 = v.freq;
        }
    }
    let mut out: Vec<(String, u64, String)> = by_fold
        .into_iter()
        .map(|(fold, (f, n, _))| (f, n, fold))
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

/// The term base names at most this many source documents per term: the documents where the term
/// occurs most (ties in input order). `doc_frequency` keeps the full count. Listing every document
/// made the TBX of a 100 MB corpus 16 times the size of its input, for no use to a translator.
const MAX_SOURCES: usize = 20;

fn top_sources(term: &Term, docs: &[String]) -> Vec<String> {
    let mut per_doc: Vec<&(DocId, u32)> = term.per_doc.iter().collect();
    if per_doc.len() > MAX_SOURCES {
        per_doc.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        per_doc.truncate(MAX_SOURCES);
        per_doc.sort_by_key(|(d, _)| *d);
    }
    per_doc
        .into_iter()
        .filter_map(|(d, _)| docs.get(d.0 as usize).cloned())
        .collect()
}

fn source_terms(mut term: Term, docs: &[String]) -> Vec<TermRecord> {
    let pos = part_of_speech(term.pos, term.kind);
    let head_fold = term.headword.to_lowercase();
    let mut head = TermRecord::new(std::mem::take(&mut term.headword));
    head.part_of_speech = pos;
    head.term_type = Some(if term.kind == TermKind::Acronym {
        TermType::Acronym
    } else {
        TermType::FullForm
    });
    head.frequency = u64::from(term.freq);
    head.doc_frequency = u64::from(term.doc_freq);
    head.score = Some(round4(term.score));
    head.named_entity = term.kind == TermKind::NamedEntity;
    head.sources = top_sources(&term, docs);
    head.contexts = std::mem::take(&mut term.contexts)
        .into_iter()
        .map(|c| ContextRecord {
            text: c.sentence,
            source: Some(c.doc),
            span: Some(Span {
                start: c.span.start,
                end: c.span.end,
            }),
        })
        .collect();
    let mut out = vec![head];
    for (form, freq, fold) in distinct_variants(&term) {
        if fold == head_fold {
            continue;
        }
        let mut v = TermRecord::new(form);
        v.part_of_speech = pos;
        v.term_type = Some(TermType::Variant);
        v.frequency = freq;
        out.push(v);
    }
    if let Some(exp) = &term.expansion {
        if !out.iter().any(|t| t.term.eq_ignore_ascii_case(exp)) {
            let mut full = TermRecord::new(exp.clone());
            full.part_of_speech = pos;
            // The acronym's expansion is its full form; a full form's short form is its acronym.
            full.term_type = Some(if term.kind == TermKind::Acronym {
                TermType::FullForm
            } else {
                TermType::Acronym
            });
            out.push(full);
        }
    }
    out
}

fn target_terms(te: &TermEquivalents) -> Vec<TermRecord> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for c in &te.candidates {
        if !seen.insert(c.term.to_lowercase()) {
            continue;
        }
        let mut t = TermRecord::new(c.term.clone());
        let verified = c.method == termsmith_align::Method::Termbase;
        t.equivalent = Some(EquivalentInfo {
            method: c.method.as_str().to_string(),
            score: Some(round4(c.score)),
            evidence: c
                .evidence
                .iter()
                .take(MAX_EVIDENCE)
                .map(evidence_text)
                .collect(),
            verified,
        });
        t.score = Some(round4(c.score));
        if let Some(Evidence::SentencePair {
            target_doc,
            target_sentence,
            target_span,
            ..
        }) = c
            .evidence
            .iter()
            .find(|e| matches!(e, Evidence::SentencePair { .. }))
        {
            t.contexts.push(ContextRecord {
                text: target_sentence.clone(),
                source: Some(target_doc.clone()),
                span: target_span.as_ref().map(|r| Span {
                    start: r.start,
                    end: r.end,
                }),
            });
        }
        out.push(t);
    }
    out
}

fn evidence_text(e: &Evidence) -> String {
    match e {
        Evidence::SentencePair {
            source_doc,
            target_doc,
            source_sentence,
            target_sentence,
            ..
        } => {
            format!("{source_doc}: «{source_sentence}» ↔ {target_doc}: «{target_sentence}»")
        }
        Evidence::TermbaseEntry { origin } => format!("term base: {origin}"),
        Evidence::DictionaryEntry { entry } => format!("dictionary: {entry}"),
        Evidence::Context { shared } => format!("shared context words: {}", shared.join(", ")),
    }
}

/// Scores are shown with four decimals: more digits carry no information for a reader and make
/// files noisy.
fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}
