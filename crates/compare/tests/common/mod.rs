//! Synthetic corpus shared by the integration tests: three periods, with an emerging term, a
//! declining term, a stable term, a spelling shift and hostile strings (HTML/JS injection attempts)
//! in terms, document names and contexts.
#![allow(dead_code)]

use termsmith_compare::kwic::{line_at, Span};
use termsmith_compare::{CompareStats, Comparison, ComparisonOptions, EntryKind};

pub const EVIL_TERM: &str = "<script>alert('x')</script> & \"co\"";
pub const EVIL_DOC: &str = "\"><img src=x onerror=alert(1)>.txt";

/// `(doc, period, text)`; every text is a few sentences using the terms.
pub fn docs() -> Vec<(String, &'static str, String)> {
    let mut v = Vec::new();
    let periods = ["2015", "2016", "2017"];
    for (p, label) in periods.iter().enumerate() {
        for d in 0..2 {
            let mut text = String::new();
            for k in 0..(3 + 4 * p) {
                text.push_str(&format!(
                    "La cybersécurité de l'Union ({k}) est renforcée. "
                ));
            }
            for k in 0..(12 - 5 * p) {
                text.push_str(&format!("La diplomatie numérique ({k}) recule. "));
            }
            for _ in 0..5 {
                text.push_str("Chaque État membre agit. ");
            }
            text.push_str(&format!(
                "Le terme {EVIL_TERM} apparaît </script><!-- ici. "
            ));
            let name = if p == 1 && d == 1 {
                EVIL_DOC.to_string()
            } else {
                format!("{label}/doc{d}.txt")
            };
            v.push((name, *label, text));
        }
    }
    v
}

/// Counts and comparison of [`docs`], with concordances attached from the texts.
pub fn comparison() -> Comparison {
    let docs = docs();
    let mut s = CompareStats::new();
    let entries: [(&str, &str, EntryKind); 4] = [
        ("cybersécurité", "cybersécurité", EntryKind::Term),
        (
            "diplomatie numérique",
            "diplomatie numérique",
            EntryKind::Term,
        ),
        ("état membre", "État membre", EntryKind::Term),
        ("evil", EVIL_TERM, EntryKind::Term),
    ];
    let mut lines: Vec<(String, String, Vec<termsmith_compare::KwicLine>)> = Vec::new();
    for (name, period, text) in &docs {
        let tokens = text.split_whitespace().count() as u64;
        s.add_doc(name, period, tokens);
        for (key, head, kind) in &entries {
            s.add_entry(key, head, *kind, None);
            let mut found = Vec::new();
            for (i, _) in text.match_indices(head) {
                found.push(Span {
                    start: i,
                    end: i + head.len(),
                });
            }
            if found.is_empty() {
                continue;
            }
            s.add_count(key, name, found.len() as u64);
            // Spelling shift: the 2015 documents write it with a hyphen.
            let form = if *key == "cybersécurité" && *period == "2015" {
                "cyber-sécurité"
            } else {
                head
            };
            s.add_form(key, name, form, found.len() as u64);
            let ls: Vec<_> = found
                .iter()
                .take(3)
                .filter_map(|sp| line_at(name, text, *sp, 30))
                .collect();
            match lines.iter_mut().find(|(k, p, _)| k == key && p == period) {
                Some(slot) => slot.2.extend(ls),
                None => lines.push((key.to_string(), period.to_string(), ls)),
            }
        }
    }
    let mut c = Comparison::from_stats(&s, &ComparisonOptions::new());
    for (key, period, ls) in lines {
        assert!(c.set_concordance(&key, &period, ls));
    }
    c
}
