//! Term bases given as plain data: known source terms are found in text with
//! Aho–Corasick over normalised, de-inflected word forms, and their target
//! equivalents are reused (method `termbase`).

use aho_corasick::{AhoCorasick, MatchKind};

use crate::error::{AlignError, Result};
use crate::morph::Morphology;
use crate::norm;

/// One term-base entry: source terms, target terms and where the entry comes from
/// (file name, entry id…), as read by the caller (e.g. from TBX/CSV with termsmith-glossary).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct TermbaseEntry {
    /// Source-language terms (synonyms).
    pub source: Vec<String>,
    /// Target-language equivalents, preferred first.
    pub target: Vec<String>,
    /// Origin shown as evidence.
    pub origin: String,
}

/// A term found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TermbaseMatch {
    /// Byte offset of the match in the searched text.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// Index of the entry in [`Termbase::entries`].
    pub entry: usize,
}

/// Word-level key: de-inflected folded words joined by single spaces.
pub fn key_of(morph: &Morphology, s: &str) -> String {
    let f = norm::fold(s);
    norm::words(&f)
        .iter()
        .map(|w| morph.stem(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Finds phrases in text over normalised, de-inflected word forms (leftmost-longest,
/// non-overlapping, on word boundaries).
#[derive(Debug, Clone)]
pub struct PhraseMatcher {
    morph: Morphology,
    pattern_phrase: Vec<usize>,
    matcher: Option<AhoCorasick>,
}

impl PhraseMatcher {
    /// A matcher over `phrases`; a match reports the index of its phrase. Empty phrases never match.
    pub fn new<S: AsRef<str>>(phrases: &[S], morph: Morphology) -> Result<PhraseMatcher> {
        let mut patterns = Vec::new();
        let mut pattern_phrase = Vec::new();
        for (i, p) in phrases.iter().enumerate() {
            let k = key_of(&morph, p.as_ref());
            if k.is_empty() {
                continue;
            }
            // padded with spaces so that matches fall on word boundaries
            patterns.push(format!(" {k} "));
            pattern_phrase.push(i);
        }
        let matcher = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&patterns)
                    .map_err(|e| AlignError::Invalid(format!("phrase automaton: {e}")))?,
            )
        };
        Ok(PhraseMatcher {
            morph,
            pattern_phrase,
            matcher,
        })
    }

    /// Matches in `text` as `(byte span, phrase index)`, in text order.
    pub fn find(&self, text: &str) -> Vec<(std::ops::Range<usize>, usize)> {
        let Some(m) = &self.matcher else {
            return Vec::new();
        };
        // normalised haystack " w1 w2 … " with maps from haystack word starts/ends to text offsets
        let mut hay = String::from(" ");
        let mut starts: Vec<(usize, usize)> = Vec::new();
        let mut ends: Vec<(usize, usize)> = Vec::new();
        let mut word_start: Option<usize> = None;
        let mut push_word = |hay: &mut String, s: usize, e: usize| {
            let w = norm::fold(&text[s..e]);
            starts.push((hay.len(), s));
            hay.push_str(&self.morph.stem(&w));
            ends.push((hay.len(), e));
            hay.push(' ');
        };
        for (i, c) in text.char_indices() {
            if c.is_alphanumeric() {
                if word_start.is_none() {
                    word_start = Some(i);
                }
            } else if let Some(s) = word_start.take() {
                push_word(&mut hay, s, i);
            }
        }
        if let Some(s) = word_start {
            push_word(&mut hay, s, text.len());
        }
        let mut out = Vec::new();
        // consecutive matches share the separating space: restart just before it
        let mut pos = 0;
        while pos < hay.len() {
            let input = aho_corasick::Input::new(&hay).range(pos..);
            let Some(mat) = m.find(input) else { break };
            let (hs, he) = (mat.start() + 1, mat.end() - 1);
            let s = starts
                .binary_search_by_key(&hs, |x| x.0)
                .ok()
                .map(|k| starts[k].1);
            let e = ends
                .binary_search_by_key(&he, |x| x.0)
                .ok()
                .map(|k| ends[k].1);
            if let (Some(s), Some(e), Some(&p)) =
                (s, e, self.pattern_phrase.get(mat.pattern().as_usize()))
            {
                out.push((s..e, p));
            }
            pos = he.max(pos + 1);
        }
        out
    }
}

/// A searchable term base.
#[derive(Debug, Clone)]
pub struct Termbase {
    entries: Vec<TermbaseEntry>,
    morph: Morphology,
    /// source-term index → entry index
    source_entry: Vec<usize>,
    /// source key → entry index (for exact lookups)
    keys: std::collections::BTreeMap<String, usize>,
    matcher: PhraseMatcher,
}

impl Termbase {
    /// Builds a term base over source terms of the language of `src_morph` (entries without
    /// target terms are kept but never match).
    pub fn new(entries: Vec<TermbaseEntry>, src_morph: Morphology) -> Result<Termbase> {
        let mut sources = Vec::new();
        let mut source_entry = Vec::new();
        let mut keys = std::collections::BTreeMap::new();
        for (i, e) in entries.iter().enumerate() {
            if e.target.is_empty() {
                continue;
            }
            for s in &e.source {
                let k = key_of(&src_morph, s);
                if k.is_empty() {
                    continue;
                }
                keys.entry(k).or_insert(i);
                sources.push(s.clone());
                source_entry.push(i);
            }
        }
        let matcher = PhraseMatcher::new(&sources, src_morph.clone())?;
        Ok(Termbase {
            entries,
            morph: src_morph,
            source_entry,
            keys,
            matcher,
        })
    }

    /// The entries.
    pub fn entries(&self) -> &[TermbaseEntry] {
        &self.entries
    }

    /// The entry whose source term has the same normalised, de-inflected key as `term`.
    pub fn lookup(&self, term: &str) -> Option<&TermbaseEntry> {
        self.keys
            .get(&key_of(&self.morph, term))
            .and_then(|&i| self.entries.get(i))
    }

    /// Finds known source terms in `text` (leftmost-longest, non-overlapping), with byte spans
    /// into `text`.
    pub fn find(&self, text: &str) -> Vec<TermbaseMatch> {
        self.matcher
            .find(text)
            .into_iter()
            .filter_map(|(r, p)| {
                Some(TermbaseMatch {
                    start: r.start,
                    end: r.end,
                    entry: *self.source_entry.get(p)?,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tb() -> Termbase {
        Termbase::new(
            vec![
                TermbaseEntry {
                    source: vec!["mesure de confiance".into()],
                    target: vec!["confidence-building measure".into()],
                    origin: "iate.tbx#1".into(),
                },
                TermbaseEntry {
                    source: vec!["confiance".into()],
                    target: vec!["confidence".into()],
                    origin: "iate.tbx#2".into(),
                },
                TermbaseEntry {
                    source: vec!["vide".into()],
                    target: vec![],
                    origin: "x".into(),
                },
            ],
            Morphology::for_lang("fr"),
        )
        .unwrap()
    }

    #[test]
    fn finds_inflected_longest() {
        let t = tb();
        let text = "Les Mesures de confiance, la confiance. vide";
        let m = t.find(text);
        assert_eq!(m.len(), 2);
        assert_eq!(&text[m[0].start..m[0].end], "Mesures de confiance");
        assert_eq!(m[0].entry, 0);
        assert_eq!(&text[m[1].start..m[1].end], "confiance");
        assert_eq!(m[1].entry, 1);
        assert_eq!(
            t.lookup("MESURES DE CONFIANCE").map(|e| e.origin.as_str()),
            Some("iate.tbx#1")
        );
        assert!(t.lookup("vide").is_none());
    }

    #[test]
    fn empty_termbase() {
        let t = Termbase::new(vec![], Morphology::default()).unwrap();
        assert!(t.find("anything").is_empty());
    }
}
