//! CSV/TSV glossaries with profiles for CAT tools.
//!
//! | profile | delimiter | BOM (default) | header | one row per | formula guard (default) |
//! |---|---|---|---|---|---|
//! | [`CsvProfile::Generic`] | `,` (or tab, `;`) | no | yes | concept | on |
//! | [`CsvProfile::Memoq`] | `;` | yes | `Entry_ID;Entry_Subject;Entry_Note;French_Def;French;…` | concept | on |
//! | [`CsvProfile::Trados`] | `,` | no | `French,English,…,Subject,Definition,Note` | concept | on |
//! | [`CsvProfile::Phrase`] | `,` | no | `fr,en,…,description` | concept | on |
//! | [`CsvProfile::Omegat`] | tab | no | none | source/target pair | off |
//!
//! **Generic** columns: `term, language, variants, part_of_speech, term_type,
//! frequency, doc_frequency, score, context, context_source, sources`, then
//! for each target language `L`: `L_equivalent, L_score, L_method,
//! L_evidence` (present even when empty). `term` is the source-language
//! headword; `variants`, `sources`, `L_equivalent` (all target terms, the
//! first is the equivalent) and `L_evidence` are lists joined with ` | `
//! (a literal `|` or `\` inside an item is written `\|`, `\\`).
//!
//! What each profile drops (and so what a round trip cannot restore):
//! * generic: entry id (regenerated `c1`, `c2`…), subject field, definition,
//!   notes, entry sources, status, dates, human-edited flags, genders, admin statuses;
//!   part of speech, term type, figures and contexts of every term but the
//!   source headword (only its first context); `verified`; named-entity flags.
//! * memoq: keeps entry id, subject field, entry notes (joined with ` | `),
//!   definition (in the source language's `_Def` column), the headword of each
//!   language; drops variants, entry sources and everything else.
//! * trados: keeps headwords per language, subject field, definition, notes.
//! * phrase: keeps headwords per language and the definition (`description`).
//! * omegat: keeps source and target terms of the first target language and,
//!   as comment, the definition (or, without one, the first context of the
//!   source headword); tabs and line breaks inside fields become spaces.
//!
//! Reading is more generous than writing: [`ColumnMapping`] also takes
//! `<lang>_variants`, `term_type` and `source` columns (see [`read`]), as in
//! the reference term base `glossaries/eu-cyber-policy.fr-en.csv`.
//!
//! **Formula guard** (CSV injection): a cell that starts with `=`, `+`, `-`,
//! `@`, tab or CR, possibly after apostrophes, gets one leading `'`, so
//! spreadsheets show it as text; readers remove it again. Trade-off: a real
//! term such as `-ase` or `+3 dB` shows as `'-ase` in a tool that does not
//! interpret the apostrophe (CAT tools import the cell as-is). Turn it off
//! with [`CsvOptions::neutralize_formulas`] when the file never goes through a
//! spreadsheet. The reader always removes one guard apostrophe, so with the
//! guard off a cell that really starts with `'=` (or `'-`, …) comes back
//! without its apostrophe.

mod read;
mod write;

pub use read::{read, ColumnMapping, FieldTarget};
pub use write::write;

/// A CSV layout for a given tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CsvProfile {
    /// termsmith's own layout (all figures and evidence).
    Generic,
    /// memoQ term base CSV (its own export layout, `;`, UTF-8 with BOM).
    Memoq,
    /// Trados MultiTerm Convert spreadsheet/CSV input.
    Trados,
    /// Phrase Strings term base CSV (locale-code header).
    Phrase,
    /// OmegaT glossary: tab-separated source, target, comment; no header.
    Omegat,
}

impl CsvProfile {
    /// Parses `generic`, `memoq`, `trados`, `phrase`, `omegat`.
    pub fn parse(s: &str) -> Option<CsvProfile> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "generic" | "csv" => CsvProfile::Generic,
            "memoq" => CsvProfile::Memoq,
            "trados" | "multiterm" => CsvProfile::Trados,
            "phrase" | "memsource" => CsvProfile::Phrase,
            "omegat" => CsvProfile::Omegat,
            _ => return None,
        })
    }
    /// The default delimiter.
    pub fn default_delimiter(self) -> u8 {
        match self {
            CsvProfile::Memoq => b';',
            CsvProfile::Omegat => b'\t',
            _ => b',',
        }
    }
    /// Whether a UTF-8 BOM is written by default.
    pub fn default_bom(self) -> bool {
        matches!(self, CsvProfile::Memoq)
    }
}

/// Options of the CSV writer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvOptions {
    profile: CsvProfile,
    bom: bool,
    delimiter: u8,
    neutralize: bool,
}

impl CsvOptions {
    /// Options with the profile's defaults.
    pub fn new(profile: CsvProfile) -> CsvOptions {
        CsvOptions {
            profile,
            bom: profile.default_bom(),
            delimiter: profile.default_delimiter(),
            neutralize: profile != CsvProfile::Omegat,
        }
    }
    /// Writes a UTF-8 byte-order mark first.
    pub fn bom(mut self, yes: bool) -> CsvOptions {
        self.bom = yes;
        self
    }
    /// Field delimiter for the generic profile (`,`, `\t`, `;`); other
    /// profiles keep their own.
    pub fn delimiter(mut self, d: u8) -> CsvOptions {
        if self.profile == CsvProfile::Generic {
            self.delimiter = d;
        }
        self
    }
    /// Prefixes formula-like cells with `'` (see the module docs).
    pub fn neutralize_formulas(mut self, yes: bool) -> CsvOptions {
        self.neutralize = yes;
        self
    }
    /// The profile.
    pub fn profile(&self) -> CsvProfile {
        self.profile
    }
}

fn is_trigger(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

/// Adds the formula guard (`'`) to a cell that needs it. Inverse: [`unguard`].
pub fn guard(cell: &str) -> std::borrow::Cow<'_, str> {
    let rest = cell.trim_start_matches('\'');
    if rest.starts_with(is_trigger) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// Removes the formula guard added by [`guard`].
pub fn unguard(cell: &str) -> &str {
    if cell.starts_with('\'') && cell.trim_start_matches('\'').starts_with(is_trigger) {
        &cell[1..]
    } else {
        cell
    }
}

/// Joins list items with ` | `, escaping `\` and `|`.
#[cfg(test)]
pub(crate) fn join_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    join_list_into(&mut out, items);
    out
}

/// Appends list items to `out`, joined with ` | `, escaping `\` and `|`. The runs between the two
/// escaped bytes (both ASCII, so never inside a multi-byte character) are copied whole.
pub(crate) fn join_list_into<'a>(out: &mut String, items: impl IntoIterator<Item = &'a str>) {
    for (i, it) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(" | ");
        }
        let mut rest = it;
        while let Some(p) = memchr::memchr2(b'\\', b'|', rest.as_bytes()) {
            out.push_str(&rest[..p]);
            out.push('\\');
            out.push_str(&rest[p..=p]);
            rest = &rest[p + 1..];
        }
        out.push_str(rest);
    }
}

/// Splits a list written by [`join_list`]. An empty cell is an empty list.
pub(crate) fn split_list(cell: &str) -> Vec<String> {
    if cell.is_empty() {
        return Vec::new();
    }
    let mut items = vec![String::new()];
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    if let Some(last) = items.last_mut() {
                        last.push(n);
                    }
                }
            }
            '|' => items.push(String::new()),
            c => {
                if let Some(last) = items.last_mut() {
                    last.push(c);
                }
            }
        }
    }
    let n = items.len();
    for (i, it) in items.iter_mut().enumerate() {
        if i + 1 < n && it.ends_with(' ') {
            it.pop();
        }
        if i > 0 && it.starts_with(' ') {
            it.remove(0);
        }
    }
    items
}

/// English name of a language tag for column headers: `fr` → `French`,
/// `en-GB` → `English (GB)`; unknown codes stay as they are.
pub fn language_name(tag: &str) -> String {
    let (primary, rest) = match tag.split_once('-') {
        Some((p, r)) => (p, Some(r)),
        None => (tag, None),
    };
    let lower = primary.to_ascii_lowercase();
    let name = LANGUAGE_NAMES
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .find(|(c, _)| *c == lower)
        .map(|(_, n)| n.to_string());
    match (name, rest) {
        (Some(n), Some(r)) => format!("{n} ({r})"),
        (Some(n), None) => n,
        (None, _) => tag.to_string(),
    }
}

/// Inverse of [`language_name`] (case-insensitive), `None` when unknown.
pub fn language_from_name(name: &str) -> Option<String> {
    let name = name.trim();
    let (base, region) = match name.split_once(" (") {
        Some((b, r)) => (b, r.strip_suffix(')')),
        None => (name, None),
    };
    let code = LANGUAGE_NAMES
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .find(|(_, n)| n.eq_ignore_ascii_case(base))
        .map(|(c, _)| c.to_string())?;
    Some(match region {
        Some(r) => format!("{code}-{r}"),
        None => code,
    })
}

const LANGUAGE_NAMES: &str = include_str!("../../data/language-names.tsv");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guard_is_invertible() {
        for s in [
            "=1+1", "-ase", "'=x", "''@y", "'plain", "plain", "", "\tx", "'",
        ] {
            let g = guard(s);
            assert_eq!(unguard(&g), s, "{s:?} -> {g:?}");
        }
        assert_eq!(guard("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(guard("-ase"), "'-ase");
        assert_eq!(guard("a=b"), "a=b");
    }

    #[test]
    fn lists_round_trip() {
        for items in [
            vec!["a", "b"],
            vec![" a ", " b"],
            vec!["x|y", "z\\"],
            vec![""],
            vec!["", ""],
            vec!["a"],
        ] {
            let j = join_list(items.iter().copied());
            let back = split_list(&j);
            if items == vec![""] {
                assert!(back.is_empty());
            } else {
                assert_eq!(back, items, "{j:?}");
            }
        }
    }

    proptest::proptest! {
        /// The run-by-run join escapes as the character-by-character definition.
        #[test]
        fn join_list_matches_its_definition(
            items in proptest::collection::vec("([|\\\\ aé]|.){0,30}", 0..5)
        ) {
            let mut slow = String::new();
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    slow.push_str(" | ");
                }
                for c in it.chars() {
                    if c == '\\' || c == '|' {
                        slow.push('\\');
                    }
                    slow.push(c);
                }
            }
            proptest::prop_assert_eq!(join_list(items.iter().map(String::as_str)), slow);
        }
    }

    #[test]
    fn names() {
        assert_eq!(language_name("fr"), "French");
        assert_eq!(language_name("en-GB"), "English (GB)");
        assert_eq!(language_name("xx"), "xx");
        assert_eq!(language_from_name("French").as_deref(), Some("fr"));
        assert_eq!(language_from_name("English (GB)").as_deref(), Some("en-GB"));
        assert_eq!(language_from_name("Klingon"), None);
    }
}
