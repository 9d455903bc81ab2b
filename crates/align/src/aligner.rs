//! The [`Aligner`]: configuration and entry points.

use std::collections::{BTreeMap, BTreeSet};

use termsmith_tokenize::Lang;

use crate::anchors::Anchors;
use crate::dict::Dictionary;
use crate::equiv::{rank, Equivalent, Evidence, Method, TermEquivalents};
use crate::error::Result;
use crate::langdata::{CognateSuffixes, LangData, WordOrder};
use crate::norm;
use crate::parallel::{self, AlignedPair, ParallelWeights};
use crate::sentalign::{Bead, SentenceAligner};
use crate::similarity::{cognate_similarity, Composer};
use crate::termbase::{Termbase, TermbaseEntry};
use crate::text::{TermInfo, Text};

/// Finds target-language equivalents of source terms. Built with [`Aligner::builder`].
#[derive(Debug, Clone)]
pub struct Aligner {
    pub(crate) src: LangData,
    pub(crate) tgt: LangData,
    pub(crate) order: WordOrder,
    pub(crate) cognates: CognateSuffixes,
    pub(crate) dict: Option<Dictionary>,
    pub(crate) termbase: Option<Termbase>,
    pub(crate) methods: BTreeSet<Method>,
    pub(crate) max_candidates: usize,
    pub(crate) max_evidence: usize,
    pub(crate) sentence_aligner: SentenceAligner,
    pub(crate) weights: ParallelWeights,
}

/// Builder of [`Aligner`].
#[derive(Debug, Clone)]
pub struct AlignerBuilder {
    src: String,
    tgt: String,
    dict: Option<Dictionary>,
    termbase: Vec<TermbaseEntry>,
    methods: BTreeSet<Method>,
    max_candidates: usize,
    max_evidence: usize,
    sentence_aligner: SentenceAligner,
    weights: ParallelWeights,
}

impl AlignerBuilder {
    /// Source→target dictionary (word and phrase entries); several calls merge dictionaries.
    pub fn dictionary(mut self, dict: Dictionary) -> Self {
        match &mut self.dict {
            Some(d) => d.merge(dict),
            None => self.dict = Some(dict),
        }
        self
    }
    /// Term-base entries whose equivalents are reused (method `termbase`).
    pub fn termbase(mut self, entries: Vec<TermbaseEntry>) -> Self {
        self.termbase.extend(entries);
        self
    }
    /// Enables or disables a method (all are enabled by default).
    pub fn method(mut self, m: Method, enabled: bool) -> Self {
        if enabled {
            self.methods.insert(m);
        } else {
            self.methods.remove(&m);
        }
        self
    }
    /// Maximum number of candidates per source term (default 5, minimum 1).
    pub fn max_candidates(mut self, n: usize) -> Self {
        self.max_candidates = n.max(1);
        self
    }
    /// Maximum number of evidence items per candidate (default 3).
    pub fn max_evidence(mut self, n: usize) -> Self {
        self.max_evidence = n;
        self
    }
    /// Sentence aligner settings.
    pub fn sentence_aligner(mut self, a: SentenceAligner) -> Self {
        self.sentence_aligner = a;
        self
    }
    /// Weights of the parallel score (normalised to sum 1; negative values count as 0).
    pub fn weights(mut self, w: ParallelWeights) -> Self {
        let f = |x: f64| if x.is_finite() { x.max(0.0) } else { 0.0 };
        let (d, c, g) = (f(w.dice), f(w.compositional), f(w.cognate));
        let s = d + c + g;
        if s > 0.0 {
            self.weights = ParallelWeights {
                dice: d / s,
                compositional: c / s,
                cognate: g / s,
            };
        }
        self
    }
    /// The aligner.
    pub fn build(self) -> Result<Aligner> {
        let src = LangData::for_lang(&self.src);
        let tgt = LangData::for_lang(&self.tgt);
        let termbase = if self.termbase.is_empty() {
            None
        } else {
            Some(Termbase::new(self.termbase, src.morph.clone())?)
        };
        Ok(Aligner {
            order: WordOrder::for_pair(&self.src, &self.tgt),
            cognates: CognateSuffixes::for_pair(&self.src, &self.tgt),
            src,
            tgt,
            dict: self.dict,
            termbase,
            methods: self.methods,
            max_candidates: self.max_candidates,
            max_evidence: self.max_evidence,
            sentence_aligner: self.sentence_aligner,
            weights: self.weights,
        })
    }
}

impl Aligner {
    /// A builder for a language pair (source, target).
    pub fn builder(source_lang: Lang, target_lang: Lang) -> AlignerBuilder {
        AlignerBuilder {
            src: source_lang.code().to_string(),
            tgt: target_lang.code().to_string(),
            dict: None,
            termbase: Vec::new(),
            methods: [
                Method::Parallel,
                Method::Comparable,
                Method::Termbase,
                Method::Dictionary,
                Method::Cognate,
                Method::Compositional,
            ]
            .into_iter()
            .collect(),
            max_candidates: 5,
            max_evidence: 3,
            sentence_aligner: SentenceAligner::default(),
            weights: ParallelWeights::default(),
        }
    }

    /// Source language code.
    pub fn source_lang(&self) -> &str {
        &self.src.code
    }

    /// Target language code.
    pub fn target_lang(&self) -> &str {
        &self.tgt.code
    }

    /// The term base, if any.
    pub fn termbase_ref(&self) -> Option<&Termbase> {
        self.termbase.as_ref()
    }

    /// Anchor extractor of this language pair.
    pub fn anchors(&self) -> Anchors<'_> {
        Anchors::new(self.dict.as_ref(), &self.src.morph, &self.tgt.morph)
    }

    pub(crate) fn composer(&self) -> Composer<'_> {
        Composer::new(self.dict.as_ref(), &self.src, &self.tgt, &self.order)
    }

    /// Aligns the sentences of a translated document pair.
    pub fn align_sentences(&self, src: &Text, tgt: &Text) -> Vec<Bead> {
        parallel::align_text_pair(src, tgt, &self.anchors(), &self.sentence_aligner)
    }

    /// Term equivalents from parallel document pairs. Term occurrences refer to documents by
    /// their index in `pairs` (source terms to `pairs[i].0`, target terms to `pairs[i].1`).
    /// One result per source term, in input order; candidates best first.
    pub fn link_parallel(
        &self,
        pairs: &[(Text, Text)],
        src_terms: &[TermInfo],
        tgt_terms: &[TermInfo],
    ) -> Vec<TermEquivalents> {
        let aligned: Vec<AlignedPair<'_>> = pairs
            .iter()
            .map(|(s, t)| AlignedPair {
                src: s,
                tgt: t,
                beads: self.align_sentences(s, t),
            })
            .collect();
        self.link_aligned(&aligned, src_terms, tgt_terms)
    }

    /// Like [`Aligner::link_parallel`] with sentence alignments already computed.
    pub fn link_aligned(
        &self,
        aligned: &[AlignedPair<'_>],
        src_terms: &[TermInfo],
        tgt_terms: &[TermInfo],
    ) -> Vec<TermEquivalents> {
        let composer = self.composer();
        let use_comp = self.methods.contains(&Method::Compositional);
        let mut per_term = if self.methods.contains(&Method::Parallel) {
            let mut all: Vec<TermInfo> = tgt_terms.to_vec();
            all.extend(crate::ngrams::candidates(
                aligned, src_terms, tgt_terms, &self.tgt,
            ));
            parallel::link(
                aligned,
                src_terms,
                &all,
                tgt_terms.len(),
                use_comp.then_some(&composer),
                self.weights,
                self.max_evidence,
                Some((&self.src, &self.tgt)),
            )
        } else {
            vec![Vec::new(); src_terms.len()]
        };
        let index = TargetIndex::new(tgt_terms, &composer);
        for (st, cands) in src_terms.iter().zip(per_term.iter_mut()) {
            self.add_lexical(st, tgt_terms, &index, &composer, cands, self.weights);
        }
        self.finish(src_terms, per_term)
    }

    /// Adds compositional and cognate candidates from the target term list (not already
    /// present), dictionary and term-base candidates.
    pub(crate) fn add_lexical(
        &self,
        st: &TermInfo,
        tgt_terms: &[TermInfo],
        index: &TargetIndex,
        composer: &Composer<'_>,
        cands: &mut Vec<Equivalent>,
        w: ParallelWeights,
    ) {
        let present: BTreeSet<String> = cands.iter().filter_map(|c| c.target_key.clone()).collect();
        // with aligned sentences at hand, a target term that looks like a translation but
        // never occurs in them with the source term ranks lower
        let unseen_lex = if cands.iter().any(|c| c.method == Method::Parallel) {
            UNALIGNED_LEXICAL
        } else {
            1.0
        };
        let use_comp = self.methods.contains(&Method::Compositional);
        let use_cog = self.methods.contains(&Method::Cognate);
        if use_comp || use_cog {
            let prepared = composer.prepare(&st.headword);
            let mut seen = BTreeSet::new();
            for t in index.candidates(&prepared, &self.src.content_words(&st.headword)) {
                let Some(tt) = tgt_terms.get(t) else { continue };
                if present.contains(&tt.key) || !seen.insert(t) {
                    continue;
                }
                let comp = if use_comp {
                    composer.score(&prepared, &tt.headword)
                } else {
                    0.0
                };
                let cog = if use_cog {
                    cognate_similarity(&st.headword, &tt.headword)
                } else {
                    0.0
                };
                let cog = if cog >= 0.7 { cog } else { 0.0 };
                if comp < 0.5 && cog < 0.8 {
                    continue;
                }
                let method = if comp >= cog {
                    Method::Compositional
                } else {
                    Method::Cognate
                };
                cands.push(Equivalent {
                    term: tt.headword.clone(),
                    target_key: Some(tt.key.clone()),
                    score: ((w.compositional * comp + w.cognate * cog) * unseen_lex)
                        .clamp(0.0, 1.0),
                    method,
                    evidence: self.dictionary_evidence(&st.headword),
                });
            }
        }
        if self.methods.contains(&Method::Dictionary) {
            if let Some(d) = &self.dict {
                let mut trans: Vec<String> = d.lookup(&st.headword).to_vec();
                if trans.is_empty() {
                    let f = norm::fold(&st.headword);
                    if !f.contains(' ') {
                        trans = d.translate_word(&f, None, &self.src.morph).to_vec();
                    }
                }
                // cognate translations first (sécurité → security before safety): with no
                // text evidence they are the likelier sense in specialised texts
                let mut order: Vec<(usize, f64)> = trans
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        let c = cognate_similarity(&st.headword, t);
                        (i, if c >= 0.7 { c } else { 0.0 })
                    })
                    .collect();
                order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                let trans: Vec<String> = order
                    .iter()
                    .filter_map(|(i, _)| trans.get(*i).cloned())
                    .collect();
                // with aligned sentences at hand, a sense not found in them is contradicted
                // by the text: it ranks below the text's own candidates
                let unseen = if cands.iter().any(|c| c.method == Method::Parallel) {
                    0.5
                } else {
                    1.0
                };
                for (rank_i, t) in trans.iter().take(3).enumerate() {
                    let key = norm::phrase_key(t);
                    let ev = Evidence::DictionaryEntry {
                        entry: format!("{} → {}", st.headword, t),
                    };
                    if let Some(c) = cands.iter_mut().find(|c| norm::phrase_key(&c.term) == key) {
                        c.score = (c.score + 0.1).min(1.0);
                        c.evidence.push(ev);
                    } else {
                        cands.push(Equivalent {
                            term: t.clone(),
                            target_key: None,
                            score: (0.3 - 0.05 * rank_i as f64) * unseen,
                            method: Method::Dictionary,
                            evidence: vec![ev],
                        });
                    }
                }
            }
        }
        // no target text and nothing found: a translation composed word by word
        if cands.is_empty() && tgt_terms.is_empty() {
            if let Some(c) = self.compose(&st.headword) {
                cands.push(c);
            }
        }
        if self.methods.contains(&Method::Termbase) {
            if let Some(tb) = &self.termbase {
                if let Some(e) = tb.lookup(&st.headword) {
                    for (i, t) in e.target.iter().enumerate() {
                        cands.push(Equivalent {
                            term: t.clone(),
                            target_key: None,
                            // preferred term first; all termbase candidates outrank computed ones
                            score: 1.0 - 0.001 * i as f64,
                            method: Method::Termbase,
                            evidence: vec![Evidence::TermbaseEntry {
                                origin: e.origin.clone(),
                            }],
                        });
                    }
                }
            }
        }
    }

    /// A translation of `term` composed without target text: each content word translated
    /// by the dictionary (a cognate sense first, single words preferred) or, when the
    /// dictionary lacks it, by a cognate suffix (`-ité` → `-ity`), put in the expected
    /// target order. `None` when a word has neither, or the methods are disabled (method
    /// `compositional` for several words, `cognate` for one).
    fn compose(&self, term: &str) -> Option<Equivalent> {
        let words = self.src.content_words(term);
        let method = if words.len() > 1 {
            Method::Compositional
        } else {
            Method::Cognate
        };
        if words.is_empty() || !self.methods.contains(&method) {
            return None;
        }
        let mut parts: Vec<(String, String)> = Vec::with_capacity(words.len());
        for w in &words {
            let trans: &[String] = match &self.dict {
                Some(d) => d.translate_word(w, None, &self.src.morph),
                None => &[],
            };
            let single = || trans.iter().find(|t| !t.contains(' '));
            let cognate = trans
                .iter()
                .filter(|t| !t.contains(' '))
                .map(|t| (cognate_similarity(w, t), t))
                .filter(|x| x.0 >= 0.7)
                .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(a.1)))
                .map(|x| x.1);
            let (t, how) = match cognate.or_else(single) {
                Some(t) => (t.clone(), "dictionary"),
                None => (self.cognates.cognate(w)?, "cognate suffix"),
            };
            parts.push((t, format!("{w} → {{}} ({how})")));
        }
        let order = self.order.expected(parts.len());
        let out: Vec<&str> = order
            .iter()
            .filter_map(|&i| parts.get(i).map(|p| p.0.as_str()))
            .collect();
        if out.len() != parts.len() {
            return None;
        }
        let entry = parts
            .iter()
            .map(|(t, f)| f.replacen("{}", t, 1))
            .collect::<Vec<_>>()
            .join("; ");
        Some(Equivalent {
            term: out.join(" "),
            target_key: None,
            score: COMPOSED_SCORE,
            method,
            evidence: vec![Evidence::DictionaryEntry { entry }],
        })
    }

    fn dictionary_evidence(&self, term: &str) -> Vec<Evidence> {
        let Some(d) = &self.dict else {
            return Vec::new();
        };
        let parts: Vec<String> = self
            .src
            .content_words(term)
            .iter()
            .filter_map(|w| {
                let t = d.translate_word(w, None, &self.src.morph);
                (!t.is_empty()).then(|| {
                    format!(
                        "{w} → {}",
                        t.iter().take(3).cloned().collect::<Vec<_>>().join("|")
                    )
                })
            })
            .collect();
        if parts.is_empty() {
            Vec::new()
        } else {
            vec![Evidence::DictionaryEntry {
                entry: parts.join("; "),
            }]
        }
    }

    pub(crate) fn finish(
        &self,
        src_terms: &[TermInfo],
        per_term: Vec<Vec<Equivalent>>,
    ) -> Vec<TermEquivalents> {
        src_terms
            .iter()
            .zip(per_term)
            .map(|(st, mut cands)| {
                for c in &mut cands {
                    c.score = c.score.clamp(0.0, 1.0);
                }
                rank(&mut cands, self.max_candidates);
                TermEquivalents {
                    source_key: st.key.clone(),
                    source_term: st.headword.clone(),
                    candidates: cands,
                }
            })
            .collect()
    }
}

/// Index of target terms by content-word stem and cognate prefix.
#[derive(Debug, Default)]
pub(crate) struct TargetIndex {
    by_stem: BTreeMap<String, Vec<usize>>,
    by_prefix: BTreeMap<String, Vec<usize>>,
}

fn prefix4(w: &str) -> Option<String> {
    let d = norm::deaccent(w);
    (d.chars().count() >= 4).then(|| d.chars().take(4).collect())
}

impl TargetIndex {
    pub(crate) fn new(tgt_terms: &[TermInfo], composer: &Composer<'_>) -> TargetIndex {
        let mut ix = TargetIndex::default();
        for (i, t) in tgt_terms.iter().enumerate() {
            for s in composer.target_stems(&t.headword) {
                if let Some(p) = prefix4(&s) {
                    ix.by_prefix.entry(p).or_default().push(i);
                }
                ix.by_stem.entry(s).or_default().push(i);
            }
        }
        for v in ix.by_stem.values_mut().chain(ix.by_prefix.values_mut()) {
            v.dedup();
        }
        ix
    }

    /// Target terms sharing a translated stem or a cognate prefix with the source term.
    pub(crate) fn candidates(
        &self,
        prepared: &crate::similarity::ComposedSource,
        src_words: &[String],
    ) -> Vec<usize> {
        let mut out = Vec::new();
        for s in prepared.all_stems() {
            if let Some(v) = self.by_stem.get(s) {
                out.extend_from_slice(v);
            }
        }
        for w in src_words {
            if let Some(v) = prefix4(w).and_then(|p| self.by_prefix.get(&p)) {
                out.extend_from_slice(v);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Factor of a compositional or cognate candidate from the target term list that the
/// aligned sentences do not pair with the source term, when parallel candidates exist.
const UNALIGNED_LEXICAL: f64 = 0.75;

/// Score of a translation composed without target text (below dictionary entries of the
/// whole term).
const COMPOSED_SCORE: f64 = 0.2;

/// Weights of the comparable score (context cosine, compositional, cognate).
const COMPARABLE_WEIGHTS: (f64, f64, f64) = (0.5, 0.3, 0.2);
/// Context window (words on each side, inside the sentence).
const WINDOW: usize = 5;
/// Dimensions kept per context vector.
const DIMS: usize = 60;

impl Aligner {
    /// Term equivalents from comparable corpora: source and target documents are not
    /// translations of each other. Term occurrences refer to `src_texts` / `tgt_texts` by index.
    /// One result per source term, in input order; candidates best first.
    pub fn link_comparable(
        &self,
        src_texts: &[Text],
        tgt_texts: &[Text],
        src_terms: &[TermInfo],
        tgt_terms: &[TermInfo],
    ) -> Vec<TermEquivalents> {
        use crate::comparable::{
            cosine, count_contexts, source_key, target_key, translate_word, vectors,
        };
        let composer = self.composer();
        let index = TargetIndex::new(tgt_terms, &composer);
        let use_ctx = self.methods.contains(&Method::Comparable);
        let (mut sv, mut tv) = (
            vec![Vec::new(); src_terms.len()],
            vec![Vec::new(); tgt_terms.len()],
        );
        let mut vocab = std::collections::HashMap::new();
        if use_ctx {
            let ss = count_contexts(src_texts, src_terms, WINDOW, &|w| source_key(&self.src, w));
            let ts = count_contexts(tgt_texts, tgt_terms, WINDOW, &|w| target_key(&self.tgt, w));
            let mut cache: BTreeMap<String, Vec<(String, f64)>> = BTreeMap::new();
            for ctx in ss.term_ctx.values() {
                for w in ctx.keys() {
                    if !cache.contains_key(w) {
                        cache.insert(
                            w.clone(),
                            translate_word(self.dict.as_ref(), &self.src, &self.tgt, w),
                        );
                    }
                }
            }
            tv = vectors(&ts, tgt_terms.len(), DIMS, &mut vocab, &|w| {
                vec![(w.to_string(), 1.0)]
            });
            sv = vectors(&ss, src_terms.len(), DIMS, &mut vocab, &|w| {
                cache.get(w).cloned().unwrap_or_default()
            });
        }
        let mut names: Vec<&str> = vec![""; vocab.len()];
        for (k, &v) in &vocab {
            if let Some(s) = names.get_mut(v as usize) {
                *s = k.as_str();
            }
        }
        let (wc, wp, wg) = COMPARABLE_WEIGHTS;
        let mut per_term = Vec::with_capacity(src_terms.len());
        for (si, st) in src_terms.iter().enumerate() {
            let prepared = composer.prepare(&st.headword);
            let lexical: BTreeSet<usize> = index
                .candidates(&prepared, &self.src.content_words(&st.headword))
                .into_iter()
                .collect();
            let mut scored: Vec<(f64, usize, f64, f64, f64)> = Vec::new();
            for (ti, tt) in tgt_terms.iter().enumerate() {
                let ctx = if use_ctx {
                    cosine(&sv[si], &tv[ti])
                } else {
                    0.0
                };
                let (comp, cog) = if lexical.contains(&ti) {
                    let c = if self.methods.contains(&Method::Compositional) {
                        composer.score(&prepared, &tt.headword)
                    } else {
                        0.0
                    };
                    let g = if self.methods.contains(&Method::Cognate) {
                        cognate_similarity(&st.headword, &tt.headword)
                    } else {
                        0.0
                    };
                    (c, if g >= 0.7 { g } else { 0.0 })
                } else {
                    (0.0, 0.0)
                };
                let score = wc * ctx + wp * comp + wg * cog;
                if score > 0.0 {
                    scored.push((score, ti, ctx, comp, cog));
                }
            }
            scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            scored.truncate(self.max_candidates * 2);
            let mut cands = Vec::new();
            for (score, ti, ctx, comp, cog) in scored {
                let tt = &tgt_terms[ti];
                let method = if wc * ctx >= wp * comp && wc * ctx >= wg * cog {
                    Method::Comparable
                } else if comp >= cog {
                    Method::Compositional
                } else {
                    Method::Cognate
                };
                let mut evidence = Vec::new();
                if ctx > 0.0 {
                    // shared dimensions, strongest product first
                    let (a, b) = (&sv[si], &tv[ti]);
                    let mut shared: Vec<(f64, &str)> = Vec::new();
                    let (mut i, mut j) = (0, 0);
                    while i < a.len() && j < b.len() {
                        match a[i].0.cmp(&b[j].0) {
                            std::cmp::Ordering::Less => i += 1,
                            std::cmp::Ordering::Greater => j += 1,
                            std::cmp::Ordering::Equal => {
                                shared.push((
                                    a[i].1 * b[j].1,
                                    names.get(a[i].0 as usize).copied().unwrap_or(""),
                                ));
                                i += 1;
                                j += 1;
                            }
                        }
                    }
                    shared.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(y.1)));
                    evidence.push(Evidence::Context {
                        shared: shared.iter().take(8).map(|s| s.1.to_string()).collect(),
                    });
                }
                if comp > 0.0 {
                    evidence.extend(self.dictionary_evidence(&st.headword));
                }
                cands.push(Equivalent {
                    term: tt.headword.clone(),
                    target_key: Some(tt.key.clone()),
                    score,
                    method,
                    evidence,
                });
            }
            // dictionary and term base (no further target-list candidates)
            let no_index = TargetIndex::default();
            self.add_lexical(
                st,
                tgt_terms,
                &no_index,
                &composer,
                &mut cands,
                self.weights,
            );
            per_term.push(cands);
        }
        self.finish(src_terms, per_term)
    }
}

#[cfg(test)]
mod dict_order_tests {
    use super::*;

    #[test]
    fn composed_without_target_text() {
        let d = Dictionary::from_tsv("marché\tmarket\nunique\tsingle|unique\n", "t").unwrap();
        let a = Aligner::builder(Lang::FR, Lang::EN)
            .dictionary(d)
            .build()
            .unwrap();
        let term = |h: &str| TermInfo {
            key: h.into(),
            headword: h.into(),
            freq: 1,
            occurrences: Vec::new(),
        };
        let src = vec![
            term("marché unique"),
            term("cybersécurité"),
            term("stratégie de cybersécurité"),
            term("renforcement"),
        ];
        let r = a.link_parallel(&[], &src, &[]);
        let best: Vec<Option<&str>> = r
            .iter()
            .map(|x| x.best().map(|b| b.term.as_str()))
            .collect();
        assert_eq!(
            best,
            [
                Some("unique market"),
                Some("cybersecurity"),
                Some("cybersecurity strategy"),
                None
            ]
        );
        assert_eq!(r[1].best().map(|b| b.method), Some(Method::Cognate));
        // with target terms the text decides: nothing is composed
        let tgt = vec![term("single market")];
        let r = a.link_parallel(&[], &src[3..], &tgt);
        assert!(r[0].candidates.is_empty());
    }

    #[test]
    fn cognate_dictionary_sense_first() {
        let d = Dictionary::from_tsv("sécurité\tsafety|security\n", "t").unwrap();
        let a = Aligner::builder(Lang::FR, Lang::EN)
            .dictionary(d)
            .build()
            .unwrap();
        let src = vec![TermInfo {
            key: "sécurité".into(),
            headword: "sécurité".into(),
            freq: 1,
            occurrences: Vec::new(),
        }];
        let r = a.link_parallel(&[], &src, &[]);
        assert_eq!(r[0].best().map(|b| b.term.as_str()), Some("security"));
    }
}
