//! Target-side candidate generation inside aligned sentences: the word n-grams (1–6 words,
//! contiguous, not starting or ending with a function word or a number) of the target
//! sentences aligned with source-term occurrences, counted over the whole target side so
//! that their association with source terms can be measured across beads.

use std::collections::{BTreeMap, BTreeSet};

use crate::langdata::LangData;
use crate::norm;
use crate::parallel::AlignedPair;
use crate::text::{TermInfo, Text};

/// Longest n-gram considered, in words.
pub const MAX_NGRAM: usize = 6;

/// True when the bytes between two consecutive words keep them in one phrase: white space
/// or a hyphen, or an elided word (`d'`, `l'`, `qu'`: up to three letters and an
/// apostrophe), no punctuation.
pub(crate) fn joinable(gap: &str) -> bool {
    if gap.chars().all(|c| c.is_whitespace() || c == '-') && gap.chars().count() <= 3 {
        return true;
    }
    let t = gap.trim();
    let Some(elided) = t.strip_suffix(['\'', '\u{2019}']) else {
        return false;
    };
    // an opening quote after a space is not an elision
    (!elided.is_empty() || !gap.chars().any(char::is_whitespace))
        && gap.chars().count() <= 6
        && elided.chars().count() <= 3
        && elided.chars().all(char::is_alphabetic)
        && gap.ends_with(t)
}

/// Longest target span, in words, considered for a source term of `src_words` words: six,
/// or twice the source length for long terms (function words make one language's terms
/// longer than the other's), at most twelve.
pub(crate) fn max_span(src_words: usize) -> usize {
    (2 * src_words).clamp(MAX_NGRAM, 2 * MAX_NGRAM)
}

/// True for a clitic written as its own token after an apostrophe (English possessive
/// `'s`, a bare `'`), or a word ending in one (`Europe's` when the tokenizer keeps it
/// whole): a possessive closes a noun phrase of its own, so it neither starts, ends nor
/// sits inside a candidate (`Europe's Committee` is not a term; `Committee` after it may
/// start one).
pub(crate) fn is_clitic(w: &str) -> bool {
    let apostrophe = |c: char| c == '\'' || c == '\u{2019}';
    w.starts_with(apostrophe) || {
        let mut r = w.chars().rev();
        matches!((r.next(), r.next()), (Some('s' | 'S'), Some(c)) if apostrophe(c))
    }
}

/// A line shorter than this (in characters) that ends without punctuation before a line
/// starting with a capital is a heading or a list line; longer lines are hard-wrapped text.
const HEADING_LINE: usize = 50;

/// The line of `text` that ends at byte `end` (from the previous line break).
pub(crate) fn line_before(text: &str, end: usize) -> &str {
    let head = text.get(..end).unwrap_or("");
    head.rfind('\n').map_or(head, |p| &head[p + 1..])
}

/// [`joins`] for two words of `text`: `prev` ends at byte `prev_end`, and the line before the
/// gap is looked up only when the gap holds a line break.
pub(crate) fn joins_in(text: &str, prev: &str, prev_end: usize, gap: &str, next: &str) -> bool {
    let line = if gap.contains('\n') {
        line_before(text, prev_end)
    } else {
        ""
    };
    joins(prev, gap, next, line)
}

/// True when word `next` continues the phrase of word `prev` across `gap`: the gap is
/// [`joinable`], neither word is a clitic (nor `next` a possessive `s` after an
/// apostrophe), and the gap is not the end of a heading: a line break after a short line
/// (`prev_line`, the text of the line up to `prev`), then a capital. A line break inside
/// hard-wrapped text (`Council of the⏎European Union`) joins.
pub(crate) fn joins(prev: &str, gap: &str, next: &str, prev_line: &str) -> bool {
    let possessive = gap.ends_with(['\'', '\u{2019}']) && (next == "s" || next == "S");
    let heading = gap.contains('\n')
        && next.starts_with(char::is_uppercase)
        && prev_line.trim().chars().count() < HEADING_LINE;
    joinable(gap) && !possessive && !heading && !is_clitic(next) && !is_clitic(prev)
}

/// True when a word may start or end a candidate.
fn boundary_ok(lang: &LangData, w: &str) -> bool {
    let f = norm::fold(w);
    f.chars().any(char::is_alphabetic)
        && f.chars().count() >= 2
        && !is_clitic(w)
        && !lang.is_boundary_word(&f)
}

/// Calls `f(key, start, end, prefix_end)` for every valid n-gram of sentence `s` of `text`
/// (`prefix_end`: end of its first [`MAX_NGRAM`] words). With `long`, n-grams longer than
/// [`MAX_NGRAM`] words are only extended from a [`MAX_NGRAM`]-word prefix whose key is in it.
fn for_each_ngram(
    text: &Text,
    s: usize,
    lang: &LangData,
    max_n: usize,
    long: Option<&BTreeSet<String>>,
    mut f: impl FnMut(String, usize, usize, usize),
) {
    let Some(sent) = text.sentences.get(s) else {
        return;
    };
    let words = &sent.words;
    let ok: Vec<bool> = words
        .iter()
        .map(|w| {
            text.text
                .get(w.span.clone())
                .is_some_and(|t| boundary_ok(lang, t))
        })
        .collect();
    for i in 0..words.len() {
        if !ok[i] {
            continue;
        }
        for j in i..words.len().min(i + max_n) {
            if j == i + MAX_NGRAM {
                if let Some(set) = long {
                    let prefix = text
                        .text
                        .get(words[i].span.start..words[j - 1].span.end)
                        .map(norm::phrase_key);
                    if !prefix.is_some_and(|k| set.contains(&k)) {
                        break;
                    }
                }
            }
            if j > i {
                let gap = text
                    .text
                    .get(words[j - 1].span.end..words[j].span.start)
                    .unwrap_or(".");
                let prev = text.text.get(words[j - 1].span.clone()).unwrap_or("");
                let next = text.text.get(words[j].span.clone()).unwrap_or("");
                if !joins_in(&text.text, prev, words[j - 1].span.end, gap, next) {
                    break;
                }
            }
            if !ok[j] {
                continue;
            }
            let (a, b) = (words[i].span.start, words[j].span.end);
            let prefix_end = words[j.min(i + MAX_NGRAM - 1)].span.end;
            if let Some(surface) = text.text.get(a..b) {
                f(norm::phrase_key(surface), a, b, prefix_end);
            }
        }
    }
}

/// Target n-gram candidates for `src_terms` over aligned pairs: the n-grams of target
/// sentences aligned with a source-term occurrence, minus those that are surface forms of
/// `tgt_terms`, each with all its occurrences in the target documents (document index =
/// pair index). Sorted by key; headword = most frequent surface form.
pub(crate) fn candidates(
    pairs: &[AlignedPair<'_>],
    src_terms: &[TermInfo],
    tgt_terms: &[TermInfo],
    tgt_lang: &LangData,
) -> Vec<TermInfo> {
    // target sentences aligned with a source-term occurrence
    let mut hot: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); pairs.len()];
    let mut src_sents: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); pairs.len()];
    for t in src_terms {
        for (doc, span) in &t.occurrences {
            if let (Some(p), Some(set)) = (pairs.get(*doc), src_sents.get_mut(*doc)) {
                if let Some(s) = p.src.sentence_at(span.start) {
                    set.insert(s);
                }
            }
        }
    }
    for (k, p) in pairs.iter().enumerate() {
        for bead in &p.beads {
            if bead.src.clone().any(|s| src_sents[k].contains(&s)) {
                hot[k].extend(bead.tgt.clone());
            }
        }
    }
    let max_n = src_terms
        .iter()
        .map(|t| max_span(t.headword.split_whitespace().count()))
        .max()
        .unwrap_or(MAX_NGRAM);
    // surface keys of mined target terms
    let mut mined: BTreeSet<String> = BTreeSet::new();
    for t in tgt_terms {
        mined.insert(norm::phrase_key(&t.headword));
        for (doc, span) in &t.occurrences {
            if let Some(s) = pairs.get(*doc).and_then(|p| p.tgt.text.get(span.clone())) {
                mined.insert(norm::phrase_key(s));
            }
        }
    }
    let mut keys: BTreeSet<String> = BTreeSet::new();
    // keys of the first MAX_NGRAM words of longer candidates: only these are extended below
    let mut long: BTreeSet<String> = BTreeSet::new();
    for (k, p) in pairs.iter().enumerate() {
        for &s in &hot[k] {
            for_each_ngram(p.tgt, s, tgt_lang, max_n, None, |key, a, b, pe| {
                if pe < b {
                    if let Some(prefix) = p.tgt.text.get(a..pe) {
                        long.insert(norm::phrase_key(prefix));
                    }
                }
                if !mined.contains(&key) {
                    keys.insert(key);
                }
            });
        }
    }
    type Occ = (Vec<(usize, std::ops::Range<usize>)>, BTreeMap<String, u32>);
    let mut occ: BTreeMap<String, Occ> = BTreeMap::new();
    for (k, p) in pairs.iter().enumerate() {
        for s in 0..p.tgt.sentences.len() {
            for_each_ngram(p.tgt, s, tgt_lang, max_n, Some(&long), |key, a, b, _| {
                if keys.contains(&key) {
                    let e = occ.entry(key).or_default();
                    e.0.push((k, a..b));
                    if let Some(surface) = p.tgt.text.get(a..b) {
                        *e.1.entry(surface.to_string()).or_default() += 1;
                    }
                }
            });
        }
    }
    occ.into_iter()
        .filter_map(|(key, (occurrences, forms))| {
            let headword = forms
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(f, _)| f.clone())?;
            Some(TermInfo {
                key,
                headword,
                freq: occurrences.len() as u32,
                occurrences,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sentalign::Bead;

    #[test]
    fn ngrams_skip_function_words_and_punctuation() {
        let en = Text::from_plain("en", "The internal market works. Internal market, again.");
        let lang = LangData::for_lang("en");
        let mut got = Vec::new();
        for_each_ngram(&en, 0, &lang, 6, None, |k, _, _, _| got.push(k));
        assert_eq!(
            got,
            vec![
                "internal",
                "internal market",
                "internal market works",
                "market",
                "market works",
                "works"
            ]
        );
        assert!(joinable(" d'") && joinable("'") && joinable(" l\u{2019}") && joinable(" - "));
        assert!(!joinable(", ") && !joinable(" (") && !joinable(" quelqu'") && !joinable(" '"));
        let mut got = Vec::new();
        for_each_ngram(&en, 1, &lang, 6, None, |k, _, _, _| got.push(k));
        assert!(!got.contains(&"market again".to_string()), "{got:?}");
        let en = Text::from_plain("en", "The Council of Europe's Committee of Ministers met.");
        let mut got = Vec::new();
        for_each_ngram(&en, 0, &lang, 6, None, |k, _, _, _| got.push(k));
        assert!(
            got.contains(&"committee of ministers".to_string()),
            "{got:?}"
        );
        assert!(
            got.iter()
                .all(|k| !k.starts_with("s ") && !k.contains("europe s")),
            "{got:?}"
        );
        assert!(joins("the", " ", "market", "") && joins("the", "\n", "market", "the"));
        assert!(!joins("Introduction", "\n", "Market", "Introduction"));
        assert!(!joins("Europe", "", "'s", ""));
        assert!(is_clitic("Europe\u{2019}s") && !is_clitic("aujourd'hui") && !is_clitic("l'"));
    }

    #[test]
    fn wrapped_lines_join_headings_do_not() {
        let lang = LangData::for_lang("en");
        // hard-wrapped text: the line break inside a name is a space
        let tok = termsmith_tokenize::Tokenizer::builder()
            .lang(Some(termsmith_tokenize::Lang::EN))
            .build();
        let doc = |t: &str| Text::from_document("en", &tok.tokenize(t), None);
        let en = doc("The proposal was adopted on 5 May after long talks by the Council of the\nEuropean Union and the Parliament.");
        assert_eq!(en.sentences.len(), 1);
        let mut got = Vec::new();
        for_each_ngram(&en, 0, &lang, 6, None, |k, _, _, _| got.push(k));
        assert!(
            got.contains(&"council of the european union".to_string()),
            "{got:?}"
        );
        // a heading line, then a sentence: no candidate crosses the break
        let en = doc("Mutual assistance\nMember States cooperate.");
        let mut got = Vec::new();
        for_each_ngram(&en, 0, &lang, 6, None, |k, _, _, _| got.push(k));
        assert!(got.contains(&"mutual assistance".to_string()), "{got:?}");
        assert!(
            got.iter().all(|k| !k.contains("assistance member")),
            "{got:?}"
        );
    }

    #[test]
    fn candidates_counted_over_all_sentences() {
        let fr = Text::from_plain("fr", "Le marché intérieur.\nAutre chose.");
        let en = Text::from_plain("en", "The internal market.\nInternal market again.");
        let pairs = vec![AlignedPair {
            src: &fr,
            tgt: &en,
            beads: vec![
                Bead {
                    src: 0..1,
                    tgt: 0..1,
                    confidence: 1.0,
                },
                Bead {
                    src: 1..2,
                    tgt: 1..2,
                    confidence: 1.0,
                },
            ],
        }];
        let p = fr.text.find("marché").unwrap_or(0);
        let src = vec![TermInfo {
            key: "marché intérieur".into(),
            headword: "marché intérieur".into(),
            freq: 1,
            occurrences: vec![(0, p..p + "marché intérieur".len())],
        }];
        let c = candidates(&pairs, &src, &[], &LangData::for_lang("en"));
        let im = c.iter().find(|t| t.key == "internal market");
        assert_eq!(im.map(|t| t.freq), Some(2));
        assert!(c.iter().all(|t| t.key != "again"));
    }
}
