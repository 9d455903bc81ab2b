//! Maps pipeline results (mined terms, equivalents) onto the term-base model of `termsmith-glossary`.
//! Pure data mapping: no linguistic decision is taken here.

use std::borrow::Cow;
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
        let mut id = String::with_capacity(12);
        id.push('c');
        push_u64(&mut id, i as u64 + 1);
        let mut entry = ConceptEntry {
            id,
            date: date.map(str::to_string),
            ..ConceptEntry::default()
        };
        entry.notes.push(figures_note(
            term.freq,
            term.doc_freq,
            docs.len(),
            term.score,
            term.rank,
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

/// `frequency {freq}; document frequency {doc_freq} of {ndocs}; score {score:.4}; rank {rank}`,
/// written without the formatting machinery (one note per entry).
fn figures_note(freq: u32, doc_freq: u32, ndocs: usize, score: f64, rank: u32) -> String {
    let mut s = String::with_capacity(80);
    s.push_str("frequency ");
    push_u64(&mut s, u64::from(freq));
    s.push_str("; document frequency ");
    push_u64(&mut s, u64::from(doc_freq));
    s.push_str(" of ");
    push_u64(&mut s, ndocs as u64);
    s.push_str("; score ");
    push_fixed4(&mut s, score);
    s.push_str("; rank ");
    push_u64(&mut s, u64::from(rank));
    s
}

/// Appends `n` in decimal, as `{n}` writes it.
fn push_u64(out: &mut String, n: u64) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// Appends `x` as `{x:.4}` writes it: the exact binary value rounded to 4 decimals, half to
/// even, with the sign of negative values (also when they round to zero). Values that are not
/// finite or at least 10^15 in magnitude go through the formatting machinery.
fn push_fixed4(out: &mut String, x: f64) {
    const SCALE: u128 = 10_000;
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    if biased == 0x7ff || x.abs() >= 1e15 {
        use std::fmt::Write as _;
        let _ = write!(out, "{x:.4}");
        return;
    }
    let frac = bits & ((1u64 << 52) - 1);
    // |x| = m × 2^e, with e < 0 here (|x| < 10^15 < 2^52 for normal numbers).
    let (m, e) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), biased - 1075)
    };
    let v = u128::from(m) * SCALE; // < 2^67
    let n = if e >= 0 {
        v << e
    } else {
        let s = e.unsigned_abs();
        if s >= 100 {
            0 // v / 2^s < 1/2
        } else {
            let q = v >> s;
            let r = v & ((1u128 << s) - 1);
            let half = 1u128 << (s - 1);
            if r > half || (r == half && q & 1 == 1) {
                q + 1
            } else {
                q
            }
        }
    };
    if bits >> 63 == 1 {
        out.push('-');
    }
    push_u64(out, (n / SCALE) as u64);
    out.push('.');
    let f = (n % SCALE) as u32;
    for d in [f / 1000, f / 100 % 10, f / 10 % 10, f % 10] {
        out.push(char::from(b'0' + d as u8));
    }
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

/// The lower-case form of `s`, as `str::to_lowercase` makes it, borrowed when `s` is already in
/// lower case (no character changes: then `to_lowercase` returns `s` itself).
fn fold(s: &str) -> Cow<'_, str> {
    let unchanged = if s.is_ascii() {
        !s.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        s.chars().all(|c| {
            if c.is_ascii() {
                return !c.is_ascii_uppercase();
            }
            let mut l = c.to_lowercase();
            l.next() == Some(c) && l.next().is_none()
        })
    };
    if unchanged {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.to_lowercase())
    }
}

/// Folds variants that differ only by letter case into the most frequent spelling: a term base lists
/// spellings a translator may meet, not every capitalisation at the start of a sentence. Each
/// spelling comes with its lower-case form.
fn distinct_variants(term: &Term) -> Vec<(&str, u64, Cow<'_, str>)> {
    if let [v] = term.variants.as_slice() {
        return vec![(v.form.as_str(), u64::from(v.freq), fold(&v.form))];
    }
    let mut by_fold: BTreeMap<Cow<'_, str>, (&str, u64, u32)> = BTreeMap::new();
    for v in &term.variants {
        let e = by_fold
            .entry(fold(&v.form))
            .or_insert((v.form.as_str(), 0, 0));
        e.1 += u64::from(v.freq);
        if v.freq > e.2 {
            e.0 = v.form.as_str();
            e.2 = v.freq;
        }
    }
    let mut out: Vec<(&str, u64, Cow<'_, str>)> = by_fold
        .into_iter()
        .map(|(fold, (f, n, _))| (f, n, fold))
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
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
    // The spellings other than the headword's, with their frequencies.
    let variants: Vec<(String, u64)> = {
        let head_fold = fold(&term.headword);
        distinct_variants(&term)
            .into_iter()
            .filter(|(_, _, fold)| *fold != head_fold)
            .map(|(form, freq, _)| (form.to_string(), freq))
            .collect()
    };
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
    for (form, freq) in variants {
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

#[cfg(test)]
mod number_tests {
    use super::*;

    #[test]
    fn figures_are_written_as_format_writes_them() {
        let mut special = vec![
            0.0,
            -0.0,
            0.03125,
            0.09375,
            -0.03125,
            1.03125,
            2.5e-5,
            -2.5e-5,
            5e-5,
            -5e-5,
            4.9999e-5,
            0.99995,
            9.99995,
            16.8255,
            1e-300,
            -1e-310,
            f64::MIN_POSITIVE,
            5e-324,
            999_999_999_999_999.9,
            1e15,
            -1e15,
            1e300,
            f64::MAX,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
        ];
        // Exact ties at the fourth decimal: odd multiples of 1/32 and 1/2^k.
        for k in 0..2000u32 {
            special.push(f64::from(2 * k + 1) / 32.0);
            special.push(f64::from(2 * k + 1) / 1024.0 + f64::from(k));
        }
        // Pseudo-random values of every magnitude (xorshift).
        let mut z = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..200_000 {
            z ^= z << 13;
            z ^= z >> 7;
            z ^= z << 17;
            special.push(f64::from_bits(z));
            special.push((z % 10_000_000) as f64 / 65_536.0);
            special.push(-((z % 1_000_000) as f64) / 10_000.0 - 0.00005);
        }
        for x in special {
            let mut s = String::new();
            push_fixed4(&mut s, x);
            assert_eq!(s, format!("{x:.4}"), "{x:e}");
        }
        for n in [0u64, 1, 9, 10, 12345, u64::from(u32::MAX), u64::MAX] {
            let mut s = String::new();
            push_u64(&mut s, n);
            assert_eq!(s, n.to_string());
        }
        assert_eq!(
            figures_note(923, 7, 285, 16.82549, 1),
            "frequency 923; document frequency 7 of 285; score 16.8255; rank 1"
        );
    }
}

#[cfg(test)]
mod fold_tests {
    use super::*;

    #[test]
    fn fold_is_to_lowercase() {
        let words = [
            "",
            "cyber",
            "Cyber",
            "cybersécurité",
            "Cybersécurité",
            "ÉTAT MEMBRE",
            "l'état",
            "ΟΔΟΣ",
            "οδός",
            "οδοσ",
            "Σ",
            "\u{212A}elvin",
            "\u{130}stanbul",
            "\u{1C5}",
            "\u{1C6}",
            "straße",
            "ẞ",
            "ﬁ",
            "日本",
        ];
        for w in words {
            let f = fold(w);
            assert_eq!(f, w.to_lowercase(), "{w}");
            assert_eq!(matches!(f, Cow::Borrowed(_)), w.to_lowercase() == w, "{w}");
        }
    }
}
