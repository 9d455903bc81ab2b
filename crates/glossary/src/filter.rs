//! Selecting entries by score, frequency, part of speech, named entities, rank.

use crate::model::{ConceptEntry, PartOfSpeech, TermBase, TermRecord};

/// Which entries to keep. Each entry is judged by its main term: the headword
/// of the source language (or of its first language section). Entries marked
/// `human_edited` are always kept: a person put them there.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Minimum score; entries whose main term has no score are dropped when set.
    pub min_score: Option<f64>,
    /// Minimum frequency (0 = no limit).
    pub min_freq: u64,
    /// Allowed parts of speech (empty = all); an unknown part of speech is dropped when set.
    pub pos: Vec<PartOfSpeech>,
    /// Keep named entities (default false).
    pub include_named_entities: bool,
    /// Keep at most this many machine entries, the best by score (ties: input
    /// order; unscored last); survivors keep their input order.
    pub top: Option<usize>,
}

fn main_term<'a>(e: &'a ConceptEntry, source: &str) -> Option<&'a TermRecord> {
    e.lang(source)
        .or_else(|| e.langs.first())
        .and_then(|l| l.headword())
}

impl Filter {
    /// A filter that keeps everything except named entities.
    pub fn new() -> Filter {
        Filter::default()
    }

    fn keeps(&self, t: Option<&TermRecord>) -> bool {
        let Some(t) = t else { return false };
        if let Some(min) = self.min_score {
            if !t.score.is_some_and(|s| s >= min) {
                return false;
            }
        }
        if t.frequency < self.min_freq {
            return false;
        }
        if !self.pos.is_empty() && !t.part_of_speech.is_some_and(|p| self.pos.contains(&p)) {
            return false;
        }
        self.include_named_entities || !t.named_entity
    }

    /// Applies the filter, returning the number of entries removed.
    pub fn apply(&self, tb: &mut TermBase) -> usize {
        let before = tb.entries.len();
        let source = tb.header.source_lang.clone();
        tb.entries
            .retain(|e| e.human_edited || self.keeps(main_term(e, &source)));
        if let Some(top) = self.top {
            let mut ranked: Vec<(usize, Option<f64>)> = tb
                .entries
                .iter()
                .enumerate()
                .filter(|(_, e)| !e.human_edited)
                .map(|(i, e)| (i, main_term(e, &source).and_then(|t| t.score)))
                .collect();
            ranked.sort_by(|a, b| match (a.1, b.1) {
                (Some(x), Some(y)) => y.total_cmp(&x).then(a.0.cmp(&b.0)),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => a.0.cmp(&b.0),
            });
            let mut keep = vec![false; tb.entries.len()];
            for (i, _) in ranked.iter().take(top) {
                keep[*i] = true;
            }
            let mut i = 0;
            tb.entries.retain(|e| {
                let k = e.human_edited || keep[i];
                i += 1;
                k
            });
        }
        before - tb.entries.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn entry(
        id: &str,
        score: Option<f64>,
        freq: u64,
        pos: Option<PartOfSpeech>,
        ne: bool,
    ) -> ConceptEntry {
        let mut t = TermRecord::new(id);
        t.score = score;
        t.frequency = freq;
        t.part_of_speech = pos;
        t.named_entity = ne;
        ConceptEntry {
            id: id.into(),
            langs: vec![LangSection {
                lang: "fr".into(),
                terms: vec![t],
            }],
            ..ConceptEntry::default()
        }
    }

    #[test]
    fn filters() {
        let mut tb = TermBase::new("fr", &["en"]);
        tb.entries = vec![
            entry("a", Some(0.9), 10, Some(PartOfSpeech::Noun), false),
            entry("b", Some(0.2), 10, Some(PartOfSpeech::Noun), false),
            entry("c", Some(0.8), 1, Some(PartOfSpeech::Verb), false),
            entry("d", Some(0.95), 10, Some(PartOfSpeech::ProperNoun), true),
            entry("e", None, 10, Some(PartOfSpeech::Noun), false),
            entry("f", Some(0.85), 10, Some(PartOfSpeech::Noun), false),
        ];
        let mut h = entry("h", None, 0, None, true);
        h.human_edited = true;
        tb.entries.push(h);
        let f = Filter {
            min_score: Some(0.5),
            min_freq: 2,
            pos: vec![PartOfSpeech::Noun],
            top: Some(1),
            ..Filter::default()
        };
        let mut x = tb.clone();
        assert_eq!(f.apply(&mut x), 5);
        let ids: Vec<_> = x.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["a", "h"]);
        let mut y = tb.clone();
        Filter {
            include_named_entities: true,
            top: Some(3),
            ..Filter::default()
        }
        .apply(&mut y);
        let ids: Vec<_> = y.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["a", "d", "f", "h"]);
    }
}
