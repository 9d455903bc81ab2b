//! Merging an incoming term base into an existing one, keeping people's edits.
//!
//! Entries are matched by a normalised key of their terms per language
//! ([`term_key`]: NFC, lower-cased, hyphens and runs of white space folded
//! to one space, trimmed): an incoming entry joins the first base entry that
//! shares one `(language, key)` with it. With [`MergeOptions::match_by_id`]
//! an entry without a term match joins the base entry with the same id (off by
//! default: fresh extractions number their entries by rank, so equal ids do
//! not mean equal concepts).
//!
//! Rules, per field ("human" = `human_edited`):
//! * nothing is ever removed: every entry, term and context of both sides
//!   survives (terms matched by key are merged into one);
//! * a human entry keeps its subject field, definition and notes; a machine
//!   entry takes the incoming value when there is one; notes and entry
//!   sources are united;
//! * a human term keeps its text, part of speech, term type, administrative
//!   status, gender and notes; if only the incoming term is human, its values
//!   replace the machine ones; between two machine terms the incoming value
//!   wins when present;
//! * figures (frequency, document frequency, score) and the equivalent
//!   belong to the pipeline: the incoming value wins when present, except
//!   that a verified equivalent is never replaced by an unverified one;
//! * contexts (by text), sources and evidence are united in first-seen order;
//! * entries that gained anything get [`EntryStatus::Updated`], new ones
//!   [`EntryStatus::New`], the others [`EntryStatus::Unchanged`]. In TBX the
//!   status is written as a machine note (see [`crate::marker`]).
//!
//! Associativity: every per-field rule above ("first human wins, otherwise
//! the last value present", ordered unions) is associative, so
//! `merge(merge(a, b), c)` and `merge(a, merge(b, c))` hold the same terms,
//! contexts and field values whenever entries are matched the same way. The
//! grouping of entries can differ when `b` holds a term that links an entry
//! of `a` to an entry of `c` that share no key directly; statuses describe the
//! last merge only.

use std::collections::BTreeMap;

use unicode_normalization::UnicodeNormalization;

use crate::model::{ConceptEntry, ContextRecord, EntryStatus, LangSection, TermBase, TermRecord};

/// Options of [`merge`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeOptions {
    /// Also match entries by id when no term matches (default false).
    pub match_by_id: bool,
}

/// What a merge did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Entries added from the incoming term base.
    pub added: usize,
    /// Base entries that received something new.
    pub updated: usize,
    /// Base entries left as they were.
    pub unchanged: usize,
    /// Ids of the added entries (after id de-duplication).
    pub added_ids: Vec<String>,
    /// Ids of the updated entries.
    pub updated_ids: Vec<String>,
}

/// The matching key of a term: NFC, lower-cased, hyphens (`-`, U+2010,
/// U+2011, U+2013) and white space folded to single spaces, trimmed.
pub fn term_key(term: &str) -> String {
    let mut out = String::with_capacity(term.len());
    let mut space = false;
    for c in term.nfc().flat_map(char::to_lowercase) {
        if c.is_whitespace() || matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2013}') {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

fn keys(e: &ConceptEntry) -> Vec<(String, String)> {
    let mut v = Vec::new();
    for l in &e.langs {
        for t in &l.terms {
            v.push((l.lang.clone(), term_key(&t.term)));
        }
    }
    v
}

/// Merges `incoming` into `base`; see the module docs for the rules.
pub fn merge(base: TermBase, incoming: TermBase, opts: &MergeOptions) -> (TermBase, MergeReport) {
    let mut out = base;
    let base_len = out.entries.len();
    for e in &mut out.entries {
        e.status = EntryStatus::Unchanged;
    }
    // Header: keep the base's, fill what it lacks.
    if out.header.source_lang.is_empty() {
        out.header.source_lang = incoming.header.source_lang.clone();
    }
    for l in &incoming.header.target_langs {
        if !out.header.target_langs.contains(l) && *l != out.header.source_lang {
            out.header.target_langs.push(l.clone());
        }
    }
    if out.header.title.is_empty() {
        out.header.title = incoming.header.title.clone();
    }
    if out.header.source_desc.is_empty() {
        out.header.source_desc = incoming.header.source_desc.clone();
    }
    if out.header.created.is_none() {
        out.header.created = incoming.header.created.clone();
    }

    let mut by_key: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut by_id: BTreeMap<String, usize> = BTreeMap::new();
    for (i, e) in out.entries.iter().enumerate() {
        for k in keys(e) {
            by_key.entry(k).or_insert(i);
        }
        by_id.entry(e.id.clone()).or_insert(i);
    }
    let mut touched = vec![false; base_len];
    for inc in incoming.entries {
        let inc_keys = keys(&inc);
        let mut target = inc_keys.iter().filter_map(|k| by_key.get(k)).min().copied();
        if target.is_none() && opts.match_by_id {
            target = by_id.get(&inc.id).copied();
        }
        match target {
            Some(i) => {
                let before = out.entries[i].clone();
                merge_entry(&mut out.entries[i], inc);
                let changed = out.entries[i] != before;
                if i < base_len {
                    touched[i] |= changed;
                }
                for k in keys(&out.entries[i]) {
                    by_key.entry(k).or_insert(i);
                }
            }
            None => {
                let i = out.entries.len();
                let mut e = inc;
                e.status = EntryStatus::New;
                for k in keys(&e) {
                    by_key.entry(k).or_insert(i);
                }
                by_id.entry(e.id.clone()).or_insert(i);
                out.entries.push(e);
            }
        }
    }
    out.normalize_ids();
    let mut report = MergeReport::default();
    for (i, e) in out.entries.iter_mut().enumerate() {
        if i >= base_len {
            e.status = EntryStatus::New;
            report.added += 1;
            report.added_ids.push(e.id.clone());
        } else if touched[i] {
            e.status = EntryStatus::Updated;
            report.updated += 1;
            report.updated_ids.push(e.id.clone());
        } else {
            report.unchanged += 1;
        }
    }
    (out, report)
}

fn union<T: PartialEq + Clone>(base: &mut Vec<T>, inc: &[T]) {
    for x in inc {
        if !base.contains(x) {
            base.push(x.clone());
        }
    }
}

fn pick<T: Clone>(base: &mut Option<T>, inc: &Option<T>) {
    if inc.is_some() {
        base.clone_from(inc);
    }
}

fn merge_entry(b: &mut ConceptEntry, inc: ConceptEntry) {
    if !b.human_edited {
        if inc.human_edited {
            b.subject_field = inc.subject_field.clone().or(b.subject_field.take());
            b.definition = inc.definition.clone().or(b.definition.take());
            b.human_edited = true;
        } else {
            pick(&mut b.subject_field, &inc.subject_field);
            pick(&mut b.definition, &inc.definition);
        }
    }
    union(&mut b.notes, &inc.notes);
    union(&mut b.sources, &inc.sources);
    if b.date.is_none() {
        b.date = inc.date.clone();
    }
    for l in inc.langs {
        match b.langs.iter_mut().find(|x| x.lang == l.lang) {
            None => b.langs.push(l),
            Some(bl) => merge_lang(bl, l),
        }
    }
}

fn merge_lang(b: &mut LangSection, inc: LangSection) {
    for t in inc.terms {
        let k = term_key(&t.term);
        match b.terms.iter_mut().find(|x| term_key(&x.term) == k) {
            None => b.terms.push(t),
            Some(bt) => merge_term(bt, t),
        }
    }
}

fn merge_term(b: &mut TermRecord, inc: TermRecord) {
    if !b.human_edited {
        if inc.human_edited {
            b.term = inc.term.clone();
            b.part_of_speech = inc.part_of_speech.or(b.part_of_speech);
            b.term_type = inc.term_type.or(b.term_type);
            b.admin_status = inc.admin_status.or(b.admin_status);
            b.gender = inc.gender.or(b.gender);
            b.human_edited = true;
        } else {
            pick(&mut b.part_of_speech, &inc.part_of_speech);
            pick(&mut b.term_type, &inc.term_type);
            pick(&mut b.admin_status, &inc.admin_status);
            pick(&mut b.gender, &inc.gender);
        }
    }
    union(&mut b.notes, &inc.notes);
    // Machine-owned figures: the incoming value wins when present.
    if inc.frequency > 0 {
        b.frequency = inc.frequency;
    }
    if inc.doc_frequency > 0 {
        b.doc_frequency = inc.doc_frequency;
    }
    pick(&mut b.score, &inc.score);
    match (&mut b.equivalent, inc.equivalent) {
        (Some(be), Some(ie)) => {
            if !be.verified || ie.verified {
                // Keep first-seen order: base evidence first.
                let mut all = be.evidence.clone();
                union(&mut all, &ie.evidence);
                *be = ie;
                be.evidence = all;
            } else {
                union(&mut be.evidence, &ie.evidence);
            }
        }
        (None, Some(ie)) => b.equivalent = Some(ie),
        _ => {}
    }
    b.named_entity |= inc.named_entity;
    if b.date.is_none() {
        b.date = inc.date;
    }
    union(&mut b.sources, &inc.sources);
    for c in inc.contexts {
        if !b.contexts.iter().any(|x: &ContextRecord| x.text == c.text) {
            b.contexts.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold() {
        assert_eq!(term_key("Cyber-Résilience"), "cyber résilience");
        assert_eq!(term_key("cyber  resilience "), "cyber resilience");
        assert_eq!(
            term_key("Cyber\u{2011}re\u{301}silience"),
            "cyber résilience"
        );
    }
}
