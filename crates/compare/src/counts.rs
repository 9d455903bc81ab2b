//! Mergeable per-document counts of term entries, the input of a [`crate::Comparison`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The kind of a term-list entry (mirrors `termsmith_mine::TermKind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// An ordinary term.
    #[default]
    Term,
    /// An acronym or abbreviation.
    Acronym,
    /// A named entity.
    NamedEntity,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DocInfo {
    pub name: String,
    pub period: String,
    pub tokens: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct TermCounts {
    pub headword: String,
    pub kind: EntryKind,
    pub expansion: Option<String>,
    /// document index → occurrences of the entry.
    pub per_doc: BTreeMap<u32, u64>,
    /// variant form → document index → occurrences.
    pub forms: BTreeMap<String, BTreeMap<u32, u64>>,
    /// variant form → period label → occurrences (counts known per period only).
    pub period_forms: BTreeMap<String, BTreeMap<String, u64>>,
}

/// Corpus counts for a comparison: documents with their period and token count, and for each entry
/// (identified by its variant-grouping key) its frequency per document and per variant form.
///
/// Counts from shards of a corpus combine with [`CompareStats::merge`], which is associative:
/// merging the shards in any grouping gives the counts of the whole corpus.
#[derive(Debug, Clone, Default)]
pub struct CompareStats {
    pub(crate) docs: Vec<DocInfo>,
    doc_index: BTreeMap<String, u32>,
    pub(crate) terms: BTreeMap<String, TermCounts>,
}

impl CompareStats {
    /// Empty counts.
    pub fn new() -> CompareStats {
        CompareStats::default()
    }

    /// Declares a document of `period` with `tokens` tokens and returns its index. Declaring the same
    /// name again adds the tokens (the document was split across shards) and keeps the first period.
    pub fn add_doc(&mut self, name: &str, period: &str, tokens: u64) -> u32 {
        if let Some(&i) = self.doc_index.get(name) {
            if let Some(d) = self.docs.get_mut(i as usize) {
                d.tokens = d.tokens.saturating_add(tokens);
            }
            return i;
        }
        let i = u32::try_from(self.docs.len()).unwrap_or(u32::MAX);
        self.docs.push(DocInfo {
            name: name.to_string(),
            period: period.to_string(),
            tokens,
        });
        self.doc_index.insert(name.to_string(), i);
        i
    }

    /// Declares an entry by its grouping `key`, with its display headword, kind and expansion. The
    /// first non-empty metadata seen for a key is kept.
    pub fn add_entry(
        &mut self,
        key: &str,
        headword: &str,
        kind: EntryKind,
        expansion: Option<&str>,
    ) {
        let t = self.terms.entry(key.to_string()).or_default();
        if t.headword.is_empty() {
            t.headword = headword.to_string();
            t.kind = kind;
            t.expansion = expansion.map(str::to_string);
        }
    }

    /// Adds `count` occurrences of entry `key` in document `doc` (a name given to [`add_doc`]).
    /// Returns false (and counts nothing) if the document is unknown.
    ///
    /// [`add_doc`]: CompareStats::add_doc
    pub fn add_count(&mut self, key: &str, doc: &str, count: u64) -> bool {
        let Some(&d) = self.doc_index.get(doc) else {
            return false;
        };
        let t = self.terms.entry(key.to_string()).or_default();
        *t.per_doc.entry(d).or_default() += count;
        true
    }

    /// Adds `count` occurrences of variant `form` of entry `key` in document `doc`. Variant counts give
    /// the variant distribution; the entry frequency comes from [`add_count`].
    ///
    /// [`add_count`]: CompareStats::add_count
    pub fn add_form(&mut self, key: &str, doc: &str, form: &str, count: u64) -> bool {
        let Some(&d) = self.doc_index.get(doc) else {
            return false;
        };
        let t = self.terms.entry(key.to_string()).or_default();
        *t.forms
            .entry(form.to_string())
            .or_default()
            .entry(d)
            .or_default() += count;
        true
    }

    /// Adds `count` occurrences of variant `form` of entry `key` in period `period` as a whole, for
    /// counts gathered per period rather than per document (see [`crate::stream`]). They add to the
    /// variant distribution like [`add_form`] counts of the documents of that period.
    ///
    /// [`add_form`]: CompareStats::add_form
    pub fn add_period_form(&mut self, key: &str, period: &str, form: &str, count: u64) {
        let t = self.terms.entry(key.to_string()).or_default();
        *t.period_forms
            .entry(form.to_string())
            .or_default()
            .entry(period.to_string())
            .or_default() += count;
    }

    /// Index of a declared document.
    pub(crate) fn doc_idx(&self, name: &str) -> Option<u32> {
        self.doc_index.get(name).copied()
    }

    /// Adds prepared counts of one entry (document indices of `self`).
    pub(crate) fn add_term_counts(&mut self, key: &str, tc: TermCounts) {
        match self.terms.get_mut(key) {
            None => {
                self.terms.insert(key.to_string(), tc);
            }
            Some(t) => {
                if t.headword.is_empty() {
                    t.headword = tc.headword;
                    t.kind = tc.kind;
                    t.expansion = tc.expansion;
                }
                for (d, c) in tc.per_doc {
                    *t.per_doc.entry(d).or_default() += c;
                }
                for (f, m) in tc.forms {
                    let e = t.forms.entry(f).or_default();
                    for (d, c) in m {
                        *e.entry(d).or_default() += c;
                    }
                }
                merge_period_forms(&mut t.period_forms, tc.period_forms);
            }
        }
    }

    /// Number of documents.
    pub fn doc_count(&self) -> usize {
        self.docs.len()
    }

    /// Number of entries.
    pub fn entry_count(&self) -> usize {
        self.terms.len()
    }

    /// Total tokens of all documents.
    pub fn total_tokens(&self) -> u64 {
        self.docs.iter().map(|d| d.tokens).sum()
    }

    /// Adds the counts of `other` (another shard) to `self`. Associative; documents are matched by name
    /// and entries by key.
    pub fn merge(&mut self, other: CompareStats) {
        let remap: Vec<u32> = other
            .docs
            .iter()
            .map(|d| self.add_doc(&d.name, &d.period, d.tokens))
            .collect();
        let map = |i: u32| remap.get(i as usize).copied().unwrap_or(i);
        for (key, oc) in other.terms {
            let t = self.terms.entry(key).or_default();
            if t.headword.is_empty() {
                t.headword = oc.headword;
                t.kind = oc.kind;
                t.expansion = oc.expansion;
            }
            for (d, c) in oc.per_doc {
                *t.per_doc.entry(map(d)).or_default() += c;
            }
            for (form, docs) in oc.forms {
                let f = t.forms.entry(form).or_default();
                for (d, c) in docs {
                    *f.entry(map(d)).or_default() += c;
                }
            }
            merge_period_forms(&mut t.period_forms, oc.period_forms);
        }
    }

    /// A canonical, index-free view of the counts (for equality checks between differently built
    /// stats): documents by name, entries by key, document indices replaced by names.
    pub fn canonical(&self) -> CanonicalCounts {
        let name = |i: &u32| {
            self.docs
                .get(*i as usize)
                .map(|d| d.name.clone())
                .unwrap_or_default()
        };
        CanonicalCounts {
            docs: self
                .docs
                .iter()
                .map(|d| (d.name.clone(), (d.period.clone(), d.tokens)))
                .collect(),
            terms: self
                .terms
                .iter()
                .map(|(k, t)| {
                    (
                        k.clone(),
                        CanonicalTerm {
                            headword: t.headword.clone(),
                            kind: t.kind,
                            expansion: t.expansion.clone(),
                            per_doc: t.per_doc.iter().map(|(d, c)| (name(d), *c)).collect(),
                            forms: t
                                .forms
                                .iter()
                                .map(|(f, m)| {
                                    (f.clone(), m.iter().map(|(d, c)| (name(d), *c)).collect())
                                })
                                .collect(),
                            period_forms: t.period_forms.clone(),
                        },
                    )
                })
                .collect(),
        }
    }
}

fn merge_period_forms(
    into: &mut BTreeMap<String, BTreeMap<String, u64>>,
    from: BTreeMap<String, BTreeMap<String, u64>>,
) {
    for (form, periods) in from {
        let f = into.entry(form).or_default();
        for (p, c) in periods {
            *f.entry(p).or_default() += c;
        }
    }
}

/// Index-free view of [`CompareStats`], see [`CompareStats::canonical`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CanonicalCounts {
    /// document name → (period, tokens)
    pub docs: BTreeMap<String, (String, u64)>,
    /// entry key → counts
    pub terms: BTreeMap<String, CanonicalTerm>,
}

/// Counts of one entry in a [`CanonicalCounts`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CanonicalTerm {
    /// Display headword.
    pub headword: String,
    /// Kind.
    pub kind: EntryKind,
    /// Expansion of an acronym.
    pub expansion: Option<String>,
    /// document name → occurrences.
    pub per_doc: BTreeMap<String, u64>,
    /// form → document name → occurrences.
    pub forms: BTreeMap<String, BTreeMap<String, u64>>,
    /// form → period label → occurrences (counts added per period).
    pub period_forms: BTreeMap<String, BTreeMap<String, u64>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    type Obs = (u8, u8, u8, u8); // doc, term, form, count

    fn build(obs: &[Obs], docs: &[u8]) -> CompareStats {
        let mut s = CompareStats::new();
        for &d in docs {
            s.add_doc(
                &format!("d{d}"),
                &format!("{}", 2000 + u32::from(d % 3)),
                100 + u64::from(d),
            );
        }
        for &(d, t, f, c) in obs {
            let key = format!("k{t}");
            s.add_entry(&key, &format!("T{t}"), EntryKind::Term, None);
            s.add_count(&key, &format!("d{d}"), u64::from(c));
            s.add_form(&key, &format!("d{d}"), &format!("f{f}"), u64::from(c));
            let period = format!("{}", 2000 + u32::from(d % 3));
            s.add_period_form(&key, &period, &format!("g{f}"), u64::from(c));
        }
        s
    }

    proptest! {
        #[test]
        fn shards_merged_equal_whole(obs in proptest::collection::vec((0u8..6, 0u8..5, 0u8..3, 1u8..9), 0..40),
                                     cut1 in 0usize..6, cut2 in 0usize..6) {
            let (c1, c2) = (cut1.min(cut2), cut1.max(cut2));
            let docs: Vec<u8> = (0..6).collect();
            let whole = build(&obs, &docs);
            // Shard by document ranges [0,c1) [c1,c2) [c2,6).
            let shard = |lo: usize, hi: usize| {
                let ds: Vec<u8> = docs[lo..hi].to_vec();
                let o: Vec<Obs> = obs.iter().copied().filter(|o| ds.contains(&o.0)).collect();
                build(&o, &ds)
            };
            let (a, b, c) = (shard(0, c1), shard(c1, c2), shard(c2, 6));
            // (a ⊕ b) ⊕ c
            let mut left = a.clone();
            left.merge(b.clone());
            left.merge(c.clone());
            // a ⊕ (b ⊕ c)
            let mut bc = b;
            bc.merge(c);
            let mut right = a;
            right.merge(bc);
            // Entries only declared in `whole` for observed docs; same in shards.
            prop_assert_eq!(left.canonical(), whole.canonical());
            prop_assert_eq!(right.canonical(), whole.canonical());
        }
    }

    #[test]
    fn unknown_doc_is_not_counted() {
        let mut s = CompareStats::new();
        assert!(!s.add_count("k", "nope", 3));
        assert!(!s.add_form("k", "nope", "f", 3));
        s.add_doc("a", "2015", 10);
        assert!(s.add_count("k", "a", 3));
        assert_eq!(s.total_tokens(), 10);
        assert_eq!(s.doc_count(), 1);
    }
}
