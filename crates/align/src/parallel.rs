//! Term equivalents from aligned parallel texts: co-occurrence of source and target
//! terms in aligned beads (Dice, log-likelihood), combined with compositional
//! translation and cognate similarity.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use crate::anchors::Anchors;
use crate::equiv::{Equivalent, Evidence, Method};
use crate::langdata::LangData;
use crate::sentalign::{AlignUnit, AnchorInterner, Bead, SentenceAligner};
use crate::similarity::{cognate_similarity, ComposedSource, Composer};
use crate::text::{TermInfo, Text};
use crate::wordalign::WordAligner;

/// Co-occurrence counts of source and target terms (indices into the term lists) over
/// aligned beads. Merging the statistics of shards (document pairs) equals counting the
/// whole corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CooccurrenceStats {
    /// Number of beads with a non-empty source and target side.
    pub beads: u64,
    /// Beads containing each source term.
    pub src_freq: BTreeMap<u32, u32>,
    /// Beads containing each target term.
    pub tgt_freq: BTreeMap<u32, u32>,
    /// Beads containing both terms of a pair.
    pub joint: BTreeMap<(u32, u32), u32>,
}

impl CooccurrenceStats {
    /// Adds the counts of `other` (associative and commutative).
    pub fn merge(&mut self, other: CooccurrenceStats) {
        self.beads += other.beads;
        for (k, v) in other.src_freq {
            *self.src_freq.entry(k).or_default() += v;
        }
        for (k, v) in other.tgt_freq {
            *self.tgt_freq.entry(k).or_default() += v;
        }
        for (k, v) in other.joint {
            *self.joint.entry(k).or_default() += v;
        }
    }

    /// Counts one bead given the (deduplicated) terms on each side.
    pub fn add_bead(&mut self, src: &[u32], tgt: &[u32]) {
        if src.is_empty() && tgt.is_empty() {
            return;
        }
        self.beads += 1;
        for &s in src {
            *self.src_freq.entry(s).or_default() += 1;
        }
        for &t in tgt {
            *self.tgt_freq.entry(t).or_default() += 1;
        }
        for &s in src {
            for &t in tgt {
                *self.joint.entry((s, t)).or_default() += 1;
            }
        }
    }

    /// Dice coefficient of a pair in [0, 1].
    pub fn dice(&self, s: u32, t: u32) -> f64 {
        let a = self.joint.get(&(s, t)).copied().unwrap_or(0) as f64;
        let fs = self.src_freq.get(&s).copied().unwrap_or(0) as f64;
        let ft = self.tgt_freq.get(&t).copied().unwrap_or(0) as f64;
        if fs + ft == 0.0 {
            0.0
        } else {
            2.0 * a / (fs + ft)
        }
    }

    /// Dunning log-likelihood ratio (G²) of a pair.
    pub fn llr(&self, s: u32, t: u32) -> f64 {
        let n = self.beads as f64;
        let a = self.joint.get(&(s, t)).copied().unwrap_or(0) as f64;
        let fs = self.src_freq.get(&s).copied().unwrap_or(0) as f64;
        let ft = self.tgt_freq.get(&t).copied().unwrap_or(0) as f64;
        let (b, c) = (fs - a, ft - a);
        let d = (n - a - b - c).max(0.0);
        let xl = |k: f64| if k > 0.0 { k * k.ln() } else { 0.0 };
        2.0 * (xl(a) + xl(b) + xl(c) + xl(d) + xl(n)
            - xl(a + b)
            - xl(a + c)
            - xl(b + d)
            - xl(c + d))
    }
}

/// Aligns the sentences of one document pair.
pub fn align_text_pair(
    src: &Text,
    tgt: &Text,
    anchors: &Anchors<'_>,
    aligner: &SentenceAligner,
) -> Vec<Bead> {
    let mut interner = AnchorInterner::default();
    let su: Vec<AlignUnit> = (0..src.sentences.len())
        .map(|i| {
            let s = &src.sentences[i];
            let words: Vec<(&str, Option<&str>)> = s
                .words
                .iter()
                .filter_map(|w| Some((src.text.get(w.span.clone())?, w.lemma.as_deref())))
                .collect();
            let len = src
                .text
                .get(s.span.clone())
                .map_or(0, |t| t.chars().count());
            AlignUnit::new(len, anchors.source_keys(&words, &mut interner))
        })
        .collect();
    let tu: Vec<AlignUnit> = (0..tgt.sentences.len())
        .map(|j| {
            let s = &tgt.sentences[j];
            let len = tgt
                .text
                .get(s.span.clone())
                .map_or(0, |t| t.chars().count());
            AlignUnit::new(len, anchors.target_keys(&tgt.words_of(j), &mut interner))
        })
        .collect();
    aligner.align(&su, &tu)
}

/// A document pair with its sentence alignment.
#[derive(Debug, Clone)]
pub struct AlignedPair<'a> {
    /// Source document.
    pub src: &'a Text,
    /// Target document.
    pub tgt: &'a Text,
    /// Beads covering both documents.
    pub beads: Vec<Bead>,
}

/// Weights of the parallel score (they sum to 1 so that scores stay in [0, 1]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParallelWeights {
    /// Dice association over beads.
    pub dice: f64,
    /// Compositional translation.
    pub compositional: f64,
    /// Cognate similarity.
    pub cognate: f64,
}

impl Default for ParallelWeights {
    fn default() -> Self {
        ParallelWeights {
            dice: 0.6,
            compositional: 0.25,
            cognate: 0.15,
        }
    }
}

/// Per-term bead membership: bead id → first occurrence span in that bead.
type BeadOcc = Vec<(u32, Range<usize>)>;

fn bead_occurrences(terms: &[TermInfo], pairs: &[AlignedPair<'_>], source: bool) -> Vec<BeadOcc> {
    // sentence → global bead id, per document pair
    let mut offset = 0u32;
    let mut maps: Vec<Vec<u32>> = Vec::with_capacity(pairs.len());
    for p in pairs {
        let n = if source {
            p.src.sentences.len()
        } else {
            p.tgt.sentences.len()
        };
        let mut m = vec![u32::MAX; n];
        for (b, bead) in p.beads.iter().enumerate() {
            let r = if source {
                bead.src.clone()
            } else {
                bead.tgt.clone()
            };
            for s in r {
                if let Some(slot) = m.get_mut(s) {
                    *slot = offset + b as u32;
                }
            }
        }
        offset += p.beads.len() as u32;
        maps.push(m);
    }
    terms
        .iter()
        .map(|t| {
            let mut v: BeadOcc = Vec::new();
            for (doc, span) in &t.occurrences {
                let (Some(p), Some(m)) = (pairs.get(*doc), maps.get(*doc)) else {
                    continue;
                };
                let text = if source { p.src } else { p.tgt };
                let Some(s) = text.sentence_at(span.start) else {
                    continue;
                };
                let Some(&b) = m.get(s) else { continue };
                if b != u32::MAX {
                    v.push((b, span.clone()));
                }
            }
            v.sort_by_key(|x| (x.0, x.1.start));
            v.dedup_by_key(|x| x.0);
            v
        })
        .collect()
}

/// Prior on the length (in words) of an equivalent: translations rarely differ by more
/// than one word (or, for long terms, by more than half their length); each further word
/// of difference costs 15%.
pub fn length_prior(src_words: usize, tgt_words: usize) -> f64 {
    let diff = src_words.abs_diff(tgt_words);
    let allowed = 1.max(src_words.max(tgt_words) / 2);
    0.85f64.powi(diff.saturating_sub(allowed) as i32)
}

/// Confidence factor for rare source terms (seen in at most [`RARE_FREQ`] beads) without
/// lexical support: co-occurrence alone is weak evidence, more so when it is not perfect.
const RARE_FREQ: u32 = 3;

/// Factor applied to a candidate that is a sub-span of another candidate co-occurring at
/// least as consistently with the source term (it is not a maximal span).
const SPAN_PENALTY: f64 = 0.9;

/// Beads in which the lexical coverage of a candidate is measured (the first ones where
/// both the source term and the candidate occur).
const COVERAGE_BEADS: usize = 4;

/// Score factor of a candidate whose words and the source term's explain nothing of each
/// other (1 when they explain each other fully).
const COVERAGE_FLOOR: f64 = 0.4;

/// Score factor of a candidate whose form differs from the source term's: an abbreviation
/// for a full form (or the reverse), a coordination for a single term.
const FORM_MISMATCH: f64 = 0.8;

/// Number of white-space separated tokens of a phrase holding a content word (a
/// hyphenated compound counts once: `confidence-building measures` has two).
fn content_tokens(lang: &LangData, phrase: &str) -> usize {
    phrase
        .split_whitespace()
        .filter(|w| !lang.content_words(w).is_empty())
        .count()
}

/// True for an abbreviation: one word, at least two letters, all of them capitals.
fn is_acronym(s: &str) -> bool {
    let s = s.trim();
    let mut letters = s.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some()
        && s.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && letters.all(char::is_uppercase)
        && !s.contains(char::is_whitespace)
}

/// Similarity of two abbreviations in [0, 1]: Dice coefficient of their letter multisets
/// (case-folded), so that a permutation scores 1 (`TUE` ~ `TEU`, `BCE` ~ `ECB`: the words
/// of the full forms come in another order) and one missing letter little less
/// (`CJUE` ~ `ECJ` = 0.86).
pub(crate) fn acronym_similarity(a: &str, b: &str) -> f64 {
    let letters = |s: &str| -> Vec<char> {
        let mut v: Vec<char> = s
            .chars()
            .filter(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
            .collect();
        v.sort_unstable();
        v
    };
    crate::sentalign::dice_sorted(&letters(a), &letters(b))
}

/// Factor applied to the one of two nested candidates (one a sub-span of the other) whose
/// number of content words is further from the source term's (`Memorandum` against
/// `Memorandum of Understanding` for `mémorandum d'accord`; `held criminally liable`
/// against `criminally liable` for `pénalement responsable`).
const NESTED_PENALTY: f64 = 0.75;

/// Candidates kept per source term before evidence is collected.
const KEEP: usize = 24;

/// True when the words of `short` occur as a contiguous run inside `long` (phrase keys).
fn is_subspan(short: &str, long: &str) -> bool {
    short.len() < long.len()
        && (long.starts_with(&format!("{short} "))
            || long.ends_with(&format!(" {short}"))
            || long.contains(&format!(" {short} ")))
}

/// Links source terms to target terms over aligned pairs. The first `mined` target terms
/// are validated terms (e.g. mined by termsmith-mine) and get a small bonus; the others are
/// n-grams of aligned sentences. Returns, per source term (in input order), scored
/// candidates (unsorted; the caller ranks and merges them).
#[allow(clippy::too_many_arguments)] // crate-internal; one call site (Aligner::link_aligned)
pub(crate) fn link(
    pairs: &[AlignedPair<'_>],
    src_terms: &[TermInfo],
    tgt_terms: &[TermInfo],
    mined: usize,
    composer: Option<&Composer<'_>>,
    weights: ParallelWeights,
    max_evidence: usize,
    langs: Option<(&LangData, &LangData)>,
) -> Vec<Vec<Equivalent>> {
    let sb = bead_occurrences(src_terms, pairs, true);
    let tb = bead_occurrences(tgt_terms, pairs, false);
    let wa = langs.map(|(s, t)| WordAligner::train(pairs, s, t));
    let tkeys: Vec<String> = tgt_terms
        .iter()
        .map(|t| crate::norm::phrase_key(&t.headword))
        .collect();
    // target occurrence (pair, byte span) and surface key → candidate index (validated first)
    let mut at: HashMap<(usize, usize, usize), u32> = HashMap::new();
    let mut by_key: HashMap<String, u32> = HashMap::new();
    if wa.is_some() {
        for (i, t) in tgt_terms.iter().enumerate() {
            for (doc, span) in &t.occurrences {
                at.entry((*doc, span.start, span.end)).or_insert(i as u32);
                if let Some(surface) = pairs.get(*doc).and_then(|p| p.tgt.text.get(span.clone())) {
                    by_key
                        .entry(crate::norm::phrase_key(surface))
                        .or_insert(i as u32);
                }
            }
        }
    }
    // bead → target terms
    let n_beads: usize = pairs.iter().map(|p| p.beads.len()).sum();
    let mut bead_tgts: Vec<Vec<u32>> = vec![Vec::new(); n_beads];
    for (t, occ) in tb.iter().enumerate() {
        for (b, _) in occ {
            if let Some(v) = bead_tgts.get_mut(*b as usize) {
                v.push(t as u32);
            }
        }
    }
    let mut bead_srcs: Vec<Vec<u32>> = vec![Vec::new(); n_beads];
    for (s, occ) in sb.iter().enumerate() {
        for (b, _) in occ {
            if let Some(v) = bead_srcs.get_mut(*b as usize) {
                v.push(s as u32);
            }
        }
    }
    // statistics, shard by shard (one shard per document pair), merged
    let mut stats = CooccurrenceStats::default();
    let mut start = 0usize;
    for p in pairs {
        let mut shard = CooccurrenceStats::default();
        for b in start..start + p.beads.len() {
            shard.add_bead(&bead_srcs[b], &bead_tgts[b]);
        }
        start += p.beads.len();
        stats.merge(shard);
    }
    // bead id → (pair index, bead index)
    let mut bead_loc = Vec::with_capacity(n_beads);
    for (k, p) in pairs.iter().enumerate() {
        for b in 0..p.beads.len() {
            bead_loc.push((k, b));
        }
    }
    let mut out = Vec::with_capacity(src_terms.len());
    for (si, st) in src_terms.iter().enumerate() {
        let prepared: Option<ComposedSource> = composer.map(|c| c.prepare(&st.headword));
        let src_len = st.headword.split_whitespace().count();
        let src_freq = stats.src_freq.get(&(si as u32)).copied().unwrap_or(0);
        // the abbreviation as written (gold lists and keys may lower-case it)
        let src_abbrev: Option<&str> = if is_acronym(&st.headword) {
            Some(st.headword.as_str())
        } else {
            st.occurrences.first().and_then(|(doc, span)| {
                pairs
                    .get(*doc)
                    .and_then(|p| p.src.text.get(span.clone()))
                    .filter(|s| is_acronym(s))
            })
        };
        let src_acronym = src_abbrev.is_some();
        let mut cands: BTreeMap<u32, u32> = BTreeMap::new();
        for (b, _) in &sb[si] {
            for &t in &bead_tgts[*b as usize] {
                *cands.entry(t).or_default() += 1;
            }
        }
        // word-alignment votes: the best target span of each occurrence
        let mut votes: BTreeMap<u32, u32> = BTreeMap::new();
        let mut n_occ = 0u32;
        if let Some(wa) = &wa {
            for (b, span) in &sb[si] {
                let b = *b as usize;
                let words = wa.source_words(b, span);
                let Some((best, _)) = wa.best_span(b, words, crate::ngrams::max_span(src_len))
                else {
                    continue;
                };
                n_occ += 1;
                let (Some(bytes), Some(&(k, _))) = (wa.target_bytes(b, &best), bead_loc.get(b))
                else {
                    continue;
                };
                let hit = at.get(&(k, bytes.start, bytes.end)).copied().or_else(|| {
                    let surface = pairs[k].tgt.text.get(bytes.clone())?;
                    by_key.get(&crate::norm::phrase_key(surface)).copied()
                });
                if let Some(t) = hit {
                    *votes.entry(t).or_default() += 1;
                    cands.entry(t).or_default();
                }
            }
        }
        // (target, score, dice, compositional)
        let mut scored: Vec<(u32, f64, f64, f64)> = Vec::new();
        // per scored candidate: its lexical similarity to the source term (a compositional
        // translation or a cognate), 0 when below the thresholds of lexical support
        let mut lexsim: Vec<f64> = Vec::new();
        for &t in cands.keys() {
            let Some(tt) = tgt_terms.get(t as usize) else {
                continue;
            };
            let is_mined = (t as usize) < mined;
            let vote = votes
                .get(&t)
                .map_or(0.0, |&v| v as f64 / n_occ.max(1) as f64);
            let dice_raw = stats.dice(si as u32, t);
            if !is_mined && dice_raw < 0.1 && vote == 0.0 {
                continue;
            }
            // bead co-occurrence and word-alignment votes, equally
            let dice = if wa.is_some() {
                0.5 * (dice_raw + vote)
            } else {
                dice_raw
            };
            let comp = match (composer, &prepared) {
                (Some(c), Some(p)) => c.score(p, &tt.headword),
                _ => 0.0,
            };
            let cog = match src_abbrev {
                // two abbreviations: the same letters, the order may differ (noun-adjective order)
                Some(a) if is_acronym(&tt.headword) => acronym_similarity(a, &tt.headword),
                _ => cognate_similarity(&st.headword, &tt.headword),
            };
            let cog = if cog >= 0.7 { cog } else { 0.0 };
            let mut score =
                (weights.dice * dice + weights.compositional * comp + weights.cognate * cog)
                    * length_prior(src_len, tt.headword.split_whitespace().count());
            if is_mined {
                score += 0.08;
            }
            // form: an abbreviation answers an abbreviation, a full form a full form
            if is_acronym(&tt.headword) != src_acronym {
                score *= FORM_MISMATCH;
            }
            // a coordination of two terms answers a term without one
            if let Some((sl, tl)) = langs {
                if tl.has_coordinator(&tt.headword) && !sl.has_coordinator(&st.headword) {
                    score *= FORM_MISMATCH;
                }
            }
            // rare source term: co-occurrence alone is weak evidence
            if src_freq <= RARE_FREQ && comp < 0.5 && cog < 0.8 {
                score *= if dice >= 0.99 { 0.75 } else { 0.5 };
            }
            scored.push((t, score, dice, comp));
            // (for rare terms and candidates only: the tables have learnt frequent words)
            let both_rare =
                src_freq <= RARE_FREQ && stats.tgt_freq.get(&t).copied().unwrap_or(0) <= RARE_FREQ;
            lexsim.push(match (both_rare, comp >= 0.5) {
                (false, _) => 0.0,
                (true, true) => comp.max(cog),
                (true, false) => cog,
            });
        }
        // lexical coverage: the words of the source term and of the candidate explain each
        // other (model-1 tables) in the beads where both occur; too short a candidate leaves
        // source words unexplained (weighed fully), too long a one brings words of its own
        // (weighed by the square root: function-word-free paraphrases are longer)
        if let Some(wa) = &wa {
            let mut order: Vec<usize> = (0..scored.len()).collect();
            order.sort_by(|&a, &b| scored[b].1.total_cmp(&scored[a].1).then(a.cmp(&b)));
            let mut lexes: Vec<(usize, f64)> = Vec::new();
            for &i in order.iter().take(KEEP) {
                let t = scored[i].0 as usize;
                let (mut sum, mut n) = (0.0, 0usize);
                let tocc = &tb[t];
                for (b, sspan) in &sb[si] {
                    if n >= COVERAGE_BEADS {
                        break;
                    }
                    let Ok(k) = tocc.binary_search_by_key(b, |x| x.0) else {
                        continue;
                    };
                    let b = *b as usize;
                    let phrase = wa.source_words(b, sspan);
                    let span = wa.target_words(b, &tocc[k].1);
                    if let Some((cs, ct)) = wa.coverage(b, phrase, span) {
                        sum += cs * ct.sqrt();
                        n += 1;
                    }
                }
                if n > 0 {
                    lexes.push((i, sum / n as f64));
                }
            }
            // relative to the best-covered candidate: the tables are sharp for frequent
            // words only, so coverage ranks candidates but does not rate them
            let top = lexes.iter().map(|x| x.1).fold(0.0, f64::max);
            if top > 0.0 {
                for (i, lex) in lexes {
                    // a dictionary or cognate match is lexical evidence the tables lack
                    // for rare words (`TUE` ~ `TEU`)
                    let rel = (lex / top).max(lexsim[i]);
                    scored[i].1 *= COVERAGE_FLOOR + (1.0 - COVERAGE_FLOOR) * rel;
                }
            }
        }
        // maximal consistent span: a sub-span of a candidate that co-occurs as consistently
        // with the source term (same Dice) is a fragment of it, unless its length suits the
        // source term better (below)
        let keys: Vec<&str> = scored
            .iter()
            .map(|x| tkeys[x.0 as usize].as_str())
            .collect();
        let keylen = |t: u32| tgt_terms.get(t as usize).map_or(0, |x| x.headword.len());
        let mut penal = vec![1.0f64; scored.len()];
        let mut by_score: Vec<usize> = (0..scored.len()).collect();
        by_score.sort_by(|&a, &b| scored[b].1.total_cmp(&scored[a].1).then(a.cmp(&b)));
        by_score.truncate(KEEP * 4);
        // of two nested candidates, the one whose number of content words is nearer the
        // source term's is its translation; the other is a fragment or an extension
        let n_content = |t: u32| {
            langs.map_or(0, |(_, tl)| {
                tgt_terms
                    .get(t as usize)
                    .map_or(0, |x| content_tokens(tl, &x.headword))
            })
        };
        let src_content = langs.map_or(0, |(sl, _)| content_tokens(sl, &st.headword));
        let far: Vec<usize> = scored
            .iter()
            .map(|x| n_content(x.0).abs_diff(src_content))
            .collect();
        for &i in &by_score {
            for &j in &by_score {
                if i == j || !is_subspan(keys[j], keys[i]) {
                    continue;
                }
                if langs.is_some() && src_content > 0 && far[i] != far[j] {
                    let k = if far[i] < far[j] { j } else { i };
                    penal[k] = penal[k].min(NESTED_PENALTY);
                } else if scored[i].2 >= scored[j].2 - 1e-9 {
                    penal[j] = penal[j].min(SPAN_PENALTY);
                }
            }
        }
        for (i, p) in penal.iter().enumerate() {
            scored[i].1 *= p;
        }
        // ties (common among rare terms): compositional support, then the shorter phrase
        scored.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then(b.3.total_cmp(&a.3))
                .then(keylen(a.0).cmp(&keylen(b.0)))
                .then(a.0.cmp(&b.0))
        });
        scored.truncate(KEEP);
        let mut eqs = Vec::new();
        for (t, score, _, _) in scored {
            let tt = &tgt_terms[t as usize];
            // evidence: first beads where both occur
            let mut evidence = Vec::new();
            let tocc = &tb[t as usize];
            for (b, sspan) in &sb[si] {
                if evidence.len() >= max_evidence {
                    break;
                }
                let Ok(k) = tocc.binary_search_by_key(b, |x| x.0) else {
                    continue;
                };
                let Some(&(pk, bi)) = bead_loc.get(*b as usize) else {
                    continue;
                };
                let p = &pairs[pk];
                let bead = &p.beads[bi];
                evidence.push(Evidence::SentencePair {
                    source_doc: p.src.name.clone(),
                    target_doc: p.tgt.name.clone(),
                    source_sentence: p.src.slice(bead.src.clone()).to_string(),
                    target_sentence: p.tgt.slice(bead.tgt.clone()).to_string(),
                    source_span: sspan.clone(),
                    target_span: Some(tocc[k].1.clone()),
                });
            }
            eqs.push(Equivalent {
                term: tt.headword.clone(),
                target_key: Some(tt.key.clone()),
                score: score.clamp(0.0, 1.0),
                method: Method::Parallel,
                evidence,
            });
        }
        out.push(eqs);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms() {
        assert!(is_acronym("UN") && is_acronym("OLAF"));
        assert!(
            !is_acronym("United Nations")
                && !is_acronym("Un")
                && !is_acronym("A")
                && !is_acronym("2014")
        );
    }

    #[test]
    fn acronym_letters() {
        assert_eq!(acronym_similarity("TUE", "TEU"), 1.0);
        assert_eq!(acronym_similarity("BCE", "ECB"), 1.0);
        assert!((acronym_similarity("CJUE", "ECJ") - 6.0 / 7.0).abs() < 1e-9);
        assert_eq!(acronym_similarity("TUE", "VI"), 0.0);
        assert_eq!(acronym_similarity("", "EU"), 0.0);
    }

    #[test]
    fn merge_equals_whole() {
        let beads: Vec<(Vec<u32>, Vec<u32>)> = vec![
            (vec![0, 1], vec![0]),
            (vec![1], vec![1, 2]),
            (vec![], vec![2]),
            (vec![0], vec![0, 2]),
        ];
        let mut whole = CooccurrenceStats::default();
        for (s, t) in &beads {
            whole.add_bead(s, t);
        }
        let mut a = CooccurrenceStats::default();
        let mut b = CooccurrenceStats::default();
        for (i, (s, t)) in beads.iter().enumerate() {
            if i % 2 == 0 {
                a.add_bead(s, t)
            } else {
                b.add_bead(s, t)
            }
        }
        a.merge(b);
        assert_eq!(a, whole);
        assert!((whole.dice(0, 0) - 1.0).abs() < 1e-9);
        assert!(whole.llr(0, 0) > whole.llr(0, 1));
    }
}
