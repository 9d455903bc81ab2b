//! termsmith-glossary: the term-base model and its exchange formats.
//!
//! * [`model`]: [`TermBase`] → [`ConceptEntry`] → [`LangSection`] → [`TermRecord`].
//! * [`tbx`]: TBX v3 (ISO 30042:2019, TBX-Basic, DCA) and TBX v2 (martif) writer and reader.
//! * [`csv`]: CSV/TSV with profiles for memoQ, Trados MultiTerm, Phrase, OmegaT, and a generic one.
//! * [`json`]: a stable JSON schema (`termsmith-glossary/1`).
//! * [`marker`]: how machine-made content is marked so human edits survive merges.
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
pub mod json;
pub mod marker;
pub mod model;
pub mod tbx;
mod xmltext;

pub use error::{GlossaryError, Position};
pub use model::{
    AdminStatus, ConceptEntry, ContextRecord, EntryStatus, EquivalentInfo, Gender, Header,
    LangSection, PartOfSpeech, Span, TermBase, TermRecord, TermType,
};
pub use xmltext::sanitize;
