//! termsmith-glossary: the term-base model and its exchange formats.
//!
//! * [`model`]: [`TermBase`] → [`ConceptEntry`] → [`LangSection`] → [`TermRecord`].
//! * [`tbx`]: TBX v3 (ISO 30042:2019, TBX-Basic, DCA) and TBX v2 (martif) writer and reader.
//! * [`csv`]: CSV/TSV with profiles for memoQ, Trados MultiTerm, Phrase, OmegaT, and a generic one.
//! * [`json`]: a stable JSON schema (`termsmith-glossary/1`).
//! * [`marker`]: how machine-made content is marked so human edits survive merges.
//! * [`merge`]: `merge(base, incoming)` keeping human edits; [`filter`]: selecting entries.
//! * [`Format::from_path`]: the format of a file from its extension.
//!
//! All writers are deterministic: the same term base gives the same bytes.
//!
//! ```
//! use termsmith_glossary::{model::*, tbx};
//!
//! let mut tb = TermBase::new("fr", &["en"]);
//! let mut fr = TermRecord::new("cyber-résilience");
//! fr.part_of_speech = Some(PartOfSpeech::Noun);
//! fr.frequency = 12;
//! let en = TermRecord::new("cyber resilience");
//! tb.entries.push(ConceptEntry {
//!     id: "c1".into(),
//!     langs: vec![
//!         LangSection { lang: "fr".into(), terms: vec![fr] },
//!         LangSection { lang: "en".into(), terms: vec![en] },
//!     ],
//!     ..ConceptEntry::default()
//! });
//! let mut out = Vec::new();
//! tbx::write(&tb, tbx::TbxVersion::V3, &mut out).unwrap();
//! let xml = String::from_utf8(out).unwrap();
//! assert!(xml.contains("<term>cyber-résilience</term>"));
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod csv;
mod decode;
pub mod error;
pub mod filter;
pub mod json;
pub mod marker;
pub mod merge;
pub mod model;
pub mod tbx;
mod xmltext;

pub use error::{GlossaryError, Position, ReadReport, ReadWarning};
pub use model::{
    AdminStatus, ConceptEntry, ContextRecord, EntryStatus, EquivalentInfo, Gender, Header,
    LangSection, PartOfSpeech, Span, TermBase, TermRecord, TermType,
};
pub use xmltext::sanitize;

/// File formats this crate reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// TBX (version chosen when writing; detected when reading).
    Tbx,
    /// CSV/TSV (profile chosen separately).
    Csv,
    /// OmegaT tab-separated glossary (`.utf8`, `.txt`).
    OmegatText,
    /// JSON (`termsmith-glossary/1`).
    Json,
}

impl Format {
    /// Guesses the format from a file extension: `.tbx`/`.xml` → TBX,
    /// `.csv`/`.tsv`/`.tab` → CSV, `.utf8`/`.txt` → OmegaT, `.json` → JSON.
    pub fn from_path(path: impl AsRef<std::path::Path>) -> Option<Format> {
        let ext = path.as_ref().extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "tbx" | "xml" => Format::Tbx,
            "csv" | "tsv" | "tab" => Format::Csv,
            "utf8" | "txt" => Format::OmegatText,
            "json" => Format::Json,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_from_path() {
        assert_eq!(Format::from_path("a/b.TBX"), Some(Format::Tbx));
        assert_eq!(Format::from_path("g.tsv"), Some(Format::Csv));
        assert_eq!(Format::from_path("g.utf8"), Some(Format::OmegatText));
        assert_eq!(Format::from_path("g.json"), Some(Format::Json));
        assert_eq!(Format::from_path("g"), None);
        assert_eq!(Format::from_path("g.docx"), None);
    }
}
