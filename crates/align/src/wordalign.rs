//! Word-alignment evidence for term linking: IBM model 1 lexical translation tables
//! learned by EM on the aligned beads themselves (both directions, with a NULL word), and
//! the best target span of each source-term occurrence, chosen by the in-span/out-of-span
//! translation likelihood (Vogel's PESA: the source phrase must be explained by the span
//! and the rest of the source sentence by the rest of the target sentence, both ways).
//! Parameter-free apart from the number of EM iterations.

use std::collections::HashMap;
use std::ops::Range;

use crate::langdata::LangData;
use crate::norm;
use crate::parallel::AlignedPair;

/// EM iterations of model 1.
const ITERATIONS: usize = 5;

/// Beads with more words than this on a side are left out of training (misalignments,
/// tables): their cost is quadratic and their evidence weak.
const MAX_BEAD_WORDS: usize = 100;

/// Floor of a translation probability (unseen pairs).
const FLOOR: f64 = 1e-7;

/// One side of a bead: word ids (stems), spans, and phrase-boundary flags.
#[derive(Debug, Clone, Default)]
pub(crate) struct Side {
    /// Vocabulary ids (0 = NULL is never stored here).
    pub ids: Vec<u32>,
    /// Byte spans in the document.
    pub spans: Vec<Range<usize>>,
    /// True when the word may start or end a candidate phrase.
    pub edge_ok: Vec<bool>,
    /// True when word `i` is joined to word `i - 1` (white space or hyphen only).
    pub joined: Vec<bool>,
    /// True for a content word (alphabetic, two letters or more, not a function word).
    pub content: Vec<bool>,
}

/// Model 1 tables in both directions over the beads of aligned pairs.
#[derive(Debug, Default)]
pub(crate) struct WordAligner {
    /// Per global bead id: source and target sides.
    pub beads: Vec<(Side, Side)>,
    /// Pair table: (source id, target id) → slot.
    slots: HashMap<(u32, u32), u32>,
    /// Per bead: slot ids, (|S|+1) × (|T|+1) with NULL at index 0 on each side (empty for
    /// beads left out of training).
    layout: Vec<Vec<u32>>,
    /// p(target | source) per slot.
    p_ts: Vec<f32>,
    /// p(source | target) per slot.
    p_st: Vec<f32>,
}

fn side_of(
    text: &crate::text::Text,
    sents: Range<usize>,
    lang: &LangData,
    vocab: &mut HashMap<String, u32>,
) -> Side {
    let mut side = Side::default();
    for s in sents {
        let Some(sent) = text.sentences.get(s) else {
            continue;
        };
        for (k, w) in sent.words.iter().enumerate() {
            let Some(surface) = text.text.get(w.span.clone()) else {
                continue;
            };
            let f = norm::fold(surface);
            let stem = lang.morph.stem(&f);
            let next = vocab.len() as u32 + 1;
            let id = *vocab.entry(stem).or_insert(next);
            let clitic = crate::ngrams::is_clitic(surface);
            let joined = k > 0
                && text
                    .text
                    .get(sent.words[k - 1].span.end..w.span.start)
                    .is_some_and(|gap| {
                        let prev = text.text.get(sent.words[k - 1].span.clone()).unwrap_or("");
                        crate::ngrams::joins_in(
                            &text.text,
                            prev,
                            sent.words[k - 1].span.end,
                            gap,
                            surface,
                        )
                    });
            let wordlike = f.chars().any(char::is_alphabetic) && f.chars().count() >= 2 && !clitic;
            side.ids.push(id);
            side.spans.push(w.span.clone());
            side.edge_ok.push(wordlike && !lang.is_boundary_word(&f));
            side.content.push(wordlike && !lang.is_function_word(&f));
            side.joined.push(joined);
        }
    }
    side
}

/// The E-step of model 1 for one bead and one direction: each generated word `g` (1..`generated`;
/// 0 is NULL) spreads one count over its generators `h` (0..`generators`, NULL included) in
/// proportion to `p[slot(g, h)]`.
fn expect(
    p: &[f32],
    counts: &mut [f32],
    generated: usize,
    generators: usize,
    slot: impl Fn(usize, usize) -> usize,
) {
    for g in 1..generated {
        let mut den = 0f32;
        for h in 0..generators {
            den += p[slot(g, h)];
        }
        if den > 0.0 {
            for h in 0..generators {
                let sl = slot(g, h);
                counts[sl] += p[sl] / den;
            }
        }
    }
}

impl WordAligner {
    /// Builds the bead sides and trains both model-1 directions.
    pub fn train(pairs: &[AlignedPair<'_>], src: &LangData, tgt: &LangData) -> WordAligner {
        let mut sv: HashMap<String, u32> = HashMap::new();
        let mut tv: HashMap<String, u32> = HashMap::new();
        let mut beads = Vec::new();
        for p in pairs {
            for b in &p.beads {
                beads.push((
                    side_of(p.src, b.src.clone(), src, &mut sv),
                    side_of(p.tgt, b.tgt.clone(), tgt, &mut tv),
                ));
            }
        }
        let mut wa = WordAligner {
            beads,
            ..Default::default()
        };
        // slot ids per trained bead: (|S|+1) × (|T|+1), NULL at index 0 on each side
        let mut layout: Vec<Vec<u32>> = vec![Vec::new(); wa.beads.len()];
        for (k, (s, t)) in wa.beads.iter().enumerate() {
            if s.ids.is_empty()
                || t.ids.is_empty()
                || s.ids.len() > MAX_BEAD_WORDS
                || t.ids.len() > MAX_BEAD_WORDS
            {
                continue;
            }
            let mut ids = Vec::with_capacity((s.ids.len() + 1) * (t.ids.len() + 1));
            for &si in std::iter::once(&0).chain(&s.ids) {
                for &ti in std::iter::once(&0).chain(&t.ids) {
                    let next = wa.slots.len() as u32;
                    ids.push(*wa.slots.entry((si, ti)).or_insert(next));
                }
            }
            layout[k] = ids;
        }
        let n = wa.slots.len();
        let ns = sv.len() + 1;
        let nt = tv.len() + 1;
        let mut slot_s = vec![0u32; n];
        let mut slot_t = vec![0u32; n];
        for (&(s, t), &i) in &wa.slots {
            slot_s[i as usize] = s;
            slot_t[i as usize] = t;
        }
        wa.p_ts = vec![1.0; n];
        wa.p_st = vec![1.0; n];
        let mut c_ts = vec![0f32; n];
        let mut c_st = vec![0f32; n];
        let mut tot_s = vec![0f32; ns];
        let mut tot_t = vec![0f32; nt];
        for _ in 0..ITERATIONS {
            c_ts.iter_mut().for_each(|x| *x = 0.0);
            c_st.iter_mut().for_each(|x| *x = 0.0);
            for (k, ids) in layout.iter().enumerate() {
                if ids.is_empty() {
                    continue;
                }
                let (s, t) = &wa.beads[k];
                let (ls, lt) = (s.ids.len() + 1, t.ids.len() + 1);
                // target words generated by source words (incl. NULL), then the reverse
                expect(&wa.p_ts, &mut c_ts, lt, ls, |j, i| ids[i * lt + j] as usize);
                expect(&wa.p_st, &mut c_st, ls, lt, |i, j| ids[i * lt + j] as usize);
            }
            tot_s.iter_mut().for_each(|x| *x = 0.0);
            tot_t.iter_mut().for_each(|x| *x = 0.0);
            for i in 0..n {
                tot_s[slot_s[i] as usize] += c_ts[i];
                tot_t[slot_t[i] as usize] += c_st[i];
            }
            for i in 0..n {
                let a = tot_s[slot_s[i] as usize];
                wa.p_ts[i] = if a > 0.0 { c_ts[i] / a } else { 0.0 };
                let b = tot_t[slot_t[i] as usize];
                wa.p_st[i] = if b > 0.0 { c_st[i] / b } else { 0.0 };
            }
        }
        wa.layout = layout;
        wa
    }

    /// The best target span (word range in the bead's target side) for the source words
    /// `phrase` (word range in the bead's source side), spans of at most `max_len` words
    /// that start and end on boundary-ok words with no punctuation inside. Returns the span
    /// and its log score.
    pub fn best_span(
        &self,
        bead: usize,
        phrase: Range<usize>,
        max_len: usize,
    ) -> Option<(Range<usize>, f64)> {
        let (s, t) = self.beads.get(bead)?;
        let ids = self.layout.get(bead)?;
        let (n, m) = (s.ids.len(), t.ids.len());
        if phrase.is_empty() || phrase.end > n || m == 0 || ids.is_empty() {
            return None;
        }
        let lt = m + 1;
        // p(t_j | s_i) and p(s_i | t_j), NULL at index 0
        let pts = |i: usize, j: usize| {
            ids.get(i * lt + j)
                .and_then(|&k| self.p_ts.get(k as usize))
                .map_or(FLOOR, |&p| (p as f64).max(FLOOR))
        };
        let pst = |i: usize, j: usize| {
            ids.get(i * lt + j)
                .and_then(|&k| self.p_st.get(k as usize))
                .map_or(FLOOR, |&p| (p as f64).max(FLOOR))
        };
        let inside = |i: usize| phrase.contains(&i);
        // target word j: log of its mean translation probability from the phrase / the rest
        let mut tin = vec![0f64; m];
        let mut tout = vec![0f64; m];
        let n_out = n - phrase.len();
        for j in 0..m {
            let (mut a, mut b) = (0.0, 0.0);
            for i in 0..n {
                let p = pts(i + 1, j + 1);
                if inside(i) {
                    a += p;
                } else {
                    b += p;
                }
            }
            tin[j] = (a / phrase.len() as f64).max(FLOOR).ln();
            tout[j] = if n_out > 0 {
                (b / n_out as f64).max(FLOOR).ln()
            } else {
                pts(0, j + 1).ln()
            };
        }
        // source word i: prefix sums over target positions of p(s_i | t_j)
        let mut pre = vec![0f64; n * (m + 1)];
        for i in 0..n {
            for j in 0..m {
                pre[i * (m + 1) + j + 1] = pre[i * (m + 1) + j] + pst(i + 1, j + 1);
            }
        }
        let null_s: Vec<f64> = (0..n).map(|i| pst(i + 1, 0)).collect();
        let tout_all: f64 = tout.iter().sum();
        let mut best: Option<(Range<usize>, f64)> = None;
        for a in 0..m {
            if !t.edge_ok[a] {
                continue;
            }
            let (mut sin, mut sout_excl) = (0.0, 0.0);
            for b in a..m.min(a + max_len) {
                if b > a && !t.joined[b] {
                    break;
                }
                sin += tin[b];
                sout_excl += tout[b];
                if !t.edge_ok[b] {
                    continue;
                }
                let len = (b + 1 - a) as f64;
                let rest = (m - (b + 1 - a)) as f64;
                let mut score = sin + tout_all - sout_excl;
                for i in 0..n {
                    let row = &pre[i * (m + 1)..(i + 1) * (m + 1)];
                    let span_sum = row[b + 1] - row[a];
                    if inside(i) {
                        score += (span_sum / len).max(FLOOR).ln();
                    } else if rest > 0.0 {
                        score += ((row[m] - span_sum) / rest).max(FLOOR).ln();
                    } else {
                        score += null_s[i].max(FLOOR).ln();
                    }
                }
                if best.as_ref().map_or(true, |x| score > x.1) {
                    best = Some((a..b + 1, score));
                }
            }
        }
        best
    }

    /// Source word range of bead `bead` covered by the byte span `span`.
    pub fn source_words(&self, bead: usize, span: &Range<usize>) -> Range<usize> {
        self.beads
            .get(bead)
            .map_or(0..0, |(s, _)| words_within(&s.spans, span))
    }

    /// Target word range of bead `bead` covered by the byte span `span`.
    pub fn target_words(&self, bead: usize, span: &Range<usize>) -> Range<usize> {
        self.beads
            .get(bead)
            .map_or(0..0, |(_, t)| words_within(&t.spans, span))
    }

    /// Lexical coverage of a source phrase and a target span (word ranges of bead `bead`):
    /// for each content word of one side, its best translation probability (either
    /// direction) to a content word of the other side, averaged; returns (source side,
    /// target side). A side without content words counts as covered. `None` when the bead
    /// was left out of training.
    pub fn coverage(
        &self,
        bead: usize,
        phrase: Range<usize>,
        span: Range<usize>,
    ) -> Option<(f64, f64)> {
        let (s, t) = self.beads.get(bead)?;
        let ids = self.layout.get(bead)?;
        let lt = t.ids.len() + 1;
        if ids.is_empty() || phrase.end > s.ids.len() || span.end > t.ids.len() {
            return None;
        }
        let p = |i: usize, j: usize| {
            ids.get((i + 1) * lt + j + 1).map_or(0.0, |&k| {
                let a = self.p_ts.get(k as usize).copied().unwrap_or(0.0);
                let b = self.p_st.get(k as usize).copied().unwrap_or(0.0);
                a.max(b) as f64
            })
        };
        let sc: Vec<usize> = phrase.filter(|&i| s.content[i]).collect();
        let tc: Vec<usize> = span.filter(|&j| t.content[j]).collect();
        let side = |a: &[usize], b: &[usize], f: &dyn Fn(usize, usize) -> f64| {
            if a.is_empty() {
                return 1.0;
            }
            a.iter()
                .map(|&x| b.iter().map(|&y| f(x, y)).fold(0.0, f64::max))
                .sum::<f64>()
                / a.len() as f64
        };
        Some((
            side(&sc, &tc, &|i, j| p(i, j)),
            side(&tc, &sc, &|j, i| p(i, j)),
        ))
    }

    /// Byte span (in the target document) of a target word range of bead `bead`.
    pub fn target_bytes(&self, bead: usize, words: &Range<usize>) -> Option<Range<usize>> {
        let (_, t) = self.beads.get(bead)?;
        let a = t.spans.get(words.start)?;
        let b = t.spans.get(words.end.checked_sub(1)?)?;
        Some(a.start..b.end)
    }
}

/// The range of the words (by their byte spans) that lie inside `span`; empty when none does.
fn words_within(spans: &[Range<usize>], span: &Range<usize>) -> Range<usize> {
    let a = spans.iter().position(|w| w.start >= span.start);
    let b = spans.iter().rposition(|w| w.end <= span.end);
    match (a, b) {
        (Some(a), Some(b)) if a <= b => a..b + 1,
        _ => 0..0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sentalign::Bead;
    use crate::text::Text;

    #[test]
    fn learns_span_of_phrase() {
        let fr = Text::from_lines(
            "fr",
            "le marché intérieur fonctionne\nle marché intérieur est grand\nla banque fonctionne\nla banque est grande\nle marché intérieur et la banque\n",
        );
        let en = Text::from_lines(
            "en",
            "the internal market works\nthe internal market is big\nthe bank works\nthe bank is big\nthe internal market and the bank\n",
        );
        let beads: Vec<Bead> = (0..5)
            .map(|i| Bead {
                src: i..i + 1,
                tgt: i..i + 1,
                confidence: 1.0,
            })
            .collect();
        let pairs = vec![AlignedPair {
            src: &fr,
            tgt: &en,
            beads,
        }];
        let wa = WordAligner::train(&pairs, &LangData::for_lang("fr"), &LangData::for_lang("en"));
        let p = fr.text.find("marché intérieur et").unwrap_or(0);
        let words = wa.source_words(4, &(p..p + "marché intérieur".len()));
        assert_eq!(words, 1..3);
        let (span, _) = wa.best_span(4, words, 6).unwrap_or((0..0, 0.0));
        let bytes = wa.target_bytes(4, &span).unwrap_or(0..0);
        assert_eq!(&en.text[bytes], "internal market");
    }
}
