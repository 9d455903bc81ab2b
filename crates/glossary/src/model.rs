//! The term-base model: a [`TermBase`] holds [`ConceptEntry`]s, each with one
//! [`LangSection`] per language, each holding [`TermRecord`]s.
//!
//! The first term of a [`LangSection`] is its headword; the others are variants,
//! synonyms, acronyms or full forms of the same concept. An acronym and its full
//! form are linked by sitting in the same entry and language section, with
//! [`TermType::Acronym`] and [`TermType::FullForm`]: TBX-Basic has no
//! term-to-term cross-reference inside an entry, so the entry itself is the link.
//!
//! Every type here is serde-serialisable; the JSON format (see [`crate::json`])
//! is this serialisation wrapped in a versioned envelope.

use serde::{Deserialize, Serialize};

/// A term base: header metadata and concept entries, in output order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TermBase {
    /// File-level metadata.
    pub header: Header,
    /// Concept entries, written in this order.
    pub entries: Vec<ConceptEntry>,
}

/// File-level metadata of a term base.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Header {
    /// Title (TBX `titleStmt/title`; omitted when empty).
    pub title: String,
    /// Free description of the sources (TBX `sourceDesc/p`).
    pub source_desc: String,
    /// Source language, a BCP 47 tag (TBX root `xml:lang`).
    pub source_lang: String,
    /// Target languages, BCP 47 tags, in column order for CSV writers.
    pub target_langs: Vec<String>,
    /// Creation date (ISO 8601 `YYYY-MM-DD`), never filled in automatically.
    pub created: Option<String>,
}

/// Status of an entry relative to the last [`crate::merge::merge`].
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum EntryStatus {
    /// Added by the last merge (or freshly extracted).
    #[default]
    New,
    /// Existed before and received new terms, contexts or figures.
    Updated,
    /// Existed before and did not change.
    Unchanged,
}

/// One concept with its terms in every language.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ConceptEntry {
    /// Identifier, unique in the term base. TBX needs an XML NCName (letter or
    /// `_` first, then letters, digits, `-`, `_`, `.`); see
    /// [`TermBase::normalize_ids`].
    pub id: String,
    /// Subject field (domain).
    pub subject_field: Option<String>,
    /// Definition of the concept.
    pub definition: Option<String>,
    /// Free notes on the concept (written by people or by the pipeline).
    pub notes: Vec<String>,
    /// Sources of the concept as a whole (documents or references attesting
    /// it): TBX `admin type="source"` at entry level. Term-level sources are
    /// [`TermRecord::sources`]. Optional in JSON (omitted when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// Merge status.
    pub status: EntryStatus,
    /// True when a person edited this entry: merges never overwrite it.
    pub human_edited: bool,
    /// Origination date (ISO 8601 `YYYY-MM-DD`).
    pub date: Option<String>,
    /// One section per language, in output order.
    pub langs: Vec<LangSection>,
}

/// The terms of one concept in one language.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct LangSection {
    /// BCP 47 language tag (`fr`, `en`, `en-GB`).
    pub lang: String,
    /// Terms; the first is the headword.
    pub terms: Vec<TermRecord>,
}

/// Part of speech (TBX-Basic values; `ProperNoun` exists in TBX v2 only and is
/// written as `noun` plus a machine note in TBX v3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PartOfSpeech {
    /// `noun`
    Noun,
    /// `verb`
    Verb,
    /// `adjective`
    Adjective,
    /// `adverb`
    Adverb,
    /// `properNoun` (TBX v2 value)
    ProperNoun,
    /// `other`
    Other,
}

/// Term type (TBX-Basic `termType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TermType {
    /// `fullForm`
    FullForm,
    /// `acronym`
    Acronym,
    /// `abbreviation`
    Abbreviation,
    /// `shortForm`
    ShortForm,
    /// `variant`
    Variant,
    /// `phrase`
    Phrase,
}

/// Administrative status (TBX-Basic `administrativeStatus`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum AdminStatus {
    /// `preferredTerm-admn-sts`
    Preferred,
    /// `admittedTerm-admn-sts`
    Admitted,
    /// `deprecatedTerm-admn-sts`
    Deprecated,
    /// `supersededTerm-admn-sts`
    Superseded,
}

/// Grammatical gender (TBX-Basic `grammaticalGender`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Gender {
    /// `masculine`
    Masculine,
    /// `feminine`
    Feminine,
    /// `neuter`
    Neuter,
    /// `other`
    Other,
}

/// A byte span (start inclusive, end exclusive) of the term in its source document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A context sentence showing the term in use.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ContextRecord {
    /// The sentence.
    pub text: String,
    /// Name of the source document.
    pub source: Option<String>,
    /// Span of the term in the source document.
    pub span: Option<Span>,
}

/// How an equivalent (a target-language term) was found, and how sure we are.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct EquivalentInfo {
    /// Method: `parallel`, `comparable`, `termbase`, `dictionary`, `cognate` or
    /// `compositional` (free string; a `;` is written as `,` in TBX notes).
    pub method: String,
    /// Confidence score (finite; higher is surer).
    pub score: Option<f64>,
    /// Human-readable evidence (aligned sentences, dictionary entries…).
    pub evidence: Vec<String>,
    /// True when a person or a trusted resource confirmed it. Unverified
    /// equivalents are flagged "unverified candidate" and never written with
    /// administrative status preferred.
    pub verified: bool,
}

/// One term (designation) with its data categories and corpus figures.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TermRecord {
    /// The term itself.
    pub term: String,
    /// Part of speech of the term (of its head for multi-word terms).
    pub part_of_speech: Option<PartOfSpeech>,
    /// Term type (full form, acronym…).
    pub term_type: Option<TermType>,
    /// Administrative status.
    pub admin_status: Option<AdminStatus>,
    /// Grammatical gender.
    pub gender: Option<Gender>,
    /// Context sentences.
    pub contexts: Vec<ContextRecord>,
    /// Occurrences in the corpus (0 = not counted).
    pub frequency: u64,
    /// Number of documents the term occurs in (0 = not counted).
    pub doc_frequency: u64,
    /// Termhood score.
    pub score: Option<f64>,
    /// Source documents (names).
    pub sources: Vec<String>,
    /// Set on target-language terms found as equivalents.
    pub equivalent: Option<EquivalentInfo>,
    /// True for named entities (people, organisations, places…).
    pub named_entity: bool,
    /// Free notes.
    pub notes: Vec<String>,
    /// True when a person edited this term: merges never overwrite it.
    pub human_edited: bool,
    /// Origination date (ISO 8601 `YYYY-MM-DD`).
    pub date: Option<String>,
}

impl PartOfSpeech {
    /// The TBX value (`noun`, `properNoun`…).
    pub fn as_tbx(self) -> &'static str {
        match self {
            PartOfSpeech::Noun => "noun",
            PartOfSpeech::Verb => "verb",
            PartOfSpeech::Adjective => "adjective",
            PartOfSpeech::Adverb => "adverb",
            PartOfSpeech::ProperNoun => "properNoun",
            PartOfSpeech::Other => "other",
        }
    }
    /// Parses a TBX value or a common spelling (`NOUN`, `adj`, `proper noun`, UPOS tags).
    pub fn parse(s: &str) -> Option<PartOfSpeech> {
        let k: String = s
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        Some(match k.as_str() {
            "noun" | "n" | "nn" | "substantive" => PartOfSpeech::Noun,
            "verb" | "v" | "vb" => PartOfSpeech::Verb,
            "adjective" | "adj" | "a" => PartOfSpeech::Adjective,
            "adverb" | "adv" => PartOfSpeech::Adverb,
            "propernoun" | "propn" | "np" => PartOfSpeech::ProperNoun,
            "other" | "x" => PartOfSpeech::Other,
            _ => return None,
        })
    }
}

impl TermType {
    /// The TBX value.
    pub fn as_tbx(self) -> &'static str {
        match self {
            TermType::FullForm => "fullForm",
            TermType::Acronym => "acronym",
            TermType::Abbreviation => "abbreviation",
            TermType::ShortForm => "shortForm",
            TermType::Variant => "variant",
            TermType::Phrase => "phrase",
        }
    }
    /// Parses a TBX value (case-insensitive, `full form` accepted).
    pub fn parse(s: &str) -> Option<TermType> {
        let k: String = s
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        Some(match k.as_str() {
            "fullform" => TermType::FullForm,
            "acronym" => TermType::Acronym,
            "abbreviation" | "abbr" => TermType::Abbreviation,
            "shortform" => TermType::ShortForm,
            "variant" => TermType::Variant,
            "phrase" => TermType::Phrase,
            _ => return None,
        })
    }
}

impl AdminStatus {
    /// The TBX value (`preferredTerm-admn-sts`…).
    pub fn as_tbx(self) -> &'static str {
        match self {
            AdminStatus::Preferred => "preferredTerm-admn-sts",
            AdminStatus::Admitted => "admittedTerm-admn-sts",
            AdminStatus::Deprecated => "deprecatedTerm-admn-sts",
            AdminStatus::Superseded => "supersededTerm-admn-sts",
        }
    }
    /// Short name (`preferred`, `admitted`, `deprecated`, `superseded`).
    pub fn as_str(self) -> &'static str {
        match self {
            AdminStatus::Preferred => "preferred",
            AdminStatus::Admitted => "admitted",
            AdminStatus::Deprecated => "deprecated",
            AdminStatus::Superseded => "superseded",
        }
    }
    /// Parses a TBX value or a short name (also `notRecommended`, `obsolete`).
    pub fn parse(s: &str) -> Option<AdminStatus> {
        let k: String = s
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        let k = k.strip_suffix("termadmnsts").unwrap_or(&k);
        Some(match k {
            "preferred" => AdminStatus::Preferred,
            "admitted" => AdminStatus::Admitted,
            "deprecated" | "notrecommended" | "forbidden" => AdminStatus::Deprecated,
            "superseded" | "obsolete" => AdminStatus::Superseded,
            _ => return None,
        })
    }
}

impl Gender {
    /// The TBX value.
    pub fn as_tbx(self) -> &'static str {
        match self {
            Gender::Masculine => "masculine",
            Gender::Feminine => "feminine",
            Gender::Neuter => "neuter",
            Gender::Other => "other",
        }
    }
    /// Parses a TBX value (also `m`, `f`, `n`).
    pub fn parse(s: &str) -> Option<Gender> {
        Some(match s.trim().to_lowercase().as_str() {
            "masculine" | "m" | "masc" => Gender::Masculine,
            "feminine" | "f" | "fem" => Gender::Feminine,
            "neuter" | "n" | "neut" => Gender::Neuter,
            "other" => Gender::Other,
            _ => return None,
        })
    }
}

impl TermRecord {
    /// A term with only its text set.
    pub fn new(term: impl Into<String>) -> TermRecord {
        TermRecord {
            term: term.into(),
            ..TermRecord::default()
        }
    }
    /// True when this term is an equivalent that nobody verified.
    pub fn is_unverified_candidate(&self) -> bool {
        self.equivalent.as_ref().is_some_and(|e| !e.verified)
    }
}

impl LangSection {
    /// The headword (first term), if any.
    pub fn headword(&self) -> Option<&TermRecord> {
        self.terms.first()
    }
}

impl ConceptEntry {
    /// The language section for `lang` (exact tag match).
    pub fn lang(&self, lang: &str) -> Option<&LangSection> {
        self.langs.iter().find(|l| l.lang == lang)
    }

    /// Fills in missing administrative statuses the conventional way: the
    /// headword of each language is preferred, the other terms admitted;
    /// unverified equivalent candidates are admitted at most. Terms marked
    /// `human_edited` and statuses already set are left alone.
    pub fn apply_default_admin_status(&mut self) {
        for l in &mut self.langs {
            for (i, t) in l.terms.iter_mut().enumerate() {
                if t.human_edited || t.admin_status.is_some() {
                    continue;
                }
                t.admin_status = Some(if i == 0 && !t.is_unverified_candidate() {
                    AdminStatus::Preferred
                } else {
                    AdminStatus::Admitted
                });
            }
        }
    }
}

/// True when `s` is an XML NCName (usable as a TBX `id`).
pub fn is_ncname(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c == '_' || c.is_alphabetic() => {}
        _ => return false,
    }
    chars.all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '.')
}

/// True when `s` looks like a BCP 47 tag as XML Schema `language` accepts it:
/// 1–8 ASCII letters, then `-` and 1–8 ASCII letters or digits, repeated.
pub fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or("");
    if first.is_empty() || first.len() > 8 || !first.bytes().all(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    parts.all(|p| !p.is_empty() && p.len() <= 8 && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

impl TermBase {
    /// A term base with a source language and target languages.
    pub fn new(source_lang: &str, target_langs: &[&str]) -> TermBase {
        TermBase {
            header: Header {
                source_lang: source_lang.to_string(),
                target_langs: target_langs.iter().map(|s| s.to_string()).collect(),
                ..Header::default()
            },
            entries: Vec::new(),
        }
    }

    /// Languages in column order: the source language, the declared target
    /// languages, then any other language found in the entries (sorted).
    pub fn languages(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        if !self.header.source_lang.is_empty() {
            out.push(self.header.source_lang.clone());
        }
        for l in &self.header.target_langs {
            if !out.contains(l) {
                out.push(l.clone());
            }
        }
        let mut extra: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
        for e in &self.entries {
            for l in &e.langs {
                if !out.iter().any(|o| o == &l.lang) {
                    extra.insert(&l.lang);
                }
            }
        }
        out.extend(extra.into_iter().map(str::to_string));
        out
    }

    /// Makes every entry id a unique XML NCName: invalid or duplicate ids are
    /// replaced by `e<N>` (N = 1-based position, with a suffix if taken).
    /// Returns the number of ids changed.
    pub fn normalize_ids(&mut self) -> usize {
        let mut seen = std::collections::BTreeSet::new();
        for e in &self.entries {
            if is_ncname(&e.id) {
                seen.insert(e.id.clone());
            }
        }
        let mut used = std::collections::BTreeSet::new();
        let mut changed = 0;
        for (i, e) in self.entries.iter_mut().enumerate() {
            if is_ncname(&e.id) && used.insert(e.id.clone()) {
                continue;
            }
            let mut cand = format!("e{}", i + 1);
            let mut k = 1;
            while seen.contains(&cand) || used.contains(&cand) {
                k += 1;
                cand = format!("e{}-{}", i + 1, k);
            }
            used.insert(cand.clone());
            e.id = cand;
            changed += 1;
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ncname_and_lang() {
        assert!(is_ncname("c1"));
        assert!(is_ncname("_x-1.2"));
        assert!(!is_ncname("1c"));
        assert!(!is_ncname(""));
        assert!(!is_ncname("a b"));
        assert!(is_language_tag("en-GB"));
        assert!(is_language_tag("fr"));
        assert!(!is_language_tag("en_GB"));
        assert!(!is_language_tag(""));
    }

    #[test]
    fn normalize_ids_fixes_invalid_and_duplicates() {
        let mut tb = TermBase::new("fr", &["en"]);
        for id in ["c1", "c1", "9", "e3"] {
            tb.entries.push(ConceptEntry {
                id: id.into(),
                ..Default::default()
            });
        }
        assert_eq!(tb.normalize_ids(), 2);
        let ids: Vec<_> = tb.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["c1", "e2", "e3-2", "e3"]);
    }

    #[test]
    fn parse_values() {
        assert_eq!(PartOfSpeech::parse("NOUN"), Some(PartOfSpeech::Noun));
        assert_eq!(PartOfSpeech::parse("PROPN"), Some(PartOfSpeech::ProperNoun));
        assert_eq!(
            AdminStatus::parse("preferredTerm-admn-sts"),
            Some(AdminStatus::Preferred)
        );
        assert_eq!(TermType::parse("fullForm"), Some(TermType::FullForm));
        assert_eq!(Gender::parse("f"), Some(Gender::Feminine));
    }

    #[test]
    fn default_admin_status() {
        let mut e = ConceptEntry::default();
        let mut cand = TermRecord::new("x");
        cand.equivalent = Some(EquivalentInfo::default());
        e.langs.push(LangSection {
            lang: "en".into(),
            terms: vec![cand, TermRecord::new("y")],
        });
        e.apply_default_admin_status();
        assert_eq!(
            e.langs[0].terms[0].admin_status,
            Some(AdminStatus::Admitted)
        );
        assert_eq!(
            e.langs[0].terms[1].admin_status,
            Some(AdminStatus::Admitted)
        );
    }
}
