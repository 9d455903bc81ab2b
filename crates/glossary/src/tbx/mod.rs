//! TBX (TermBase eXchange) reading and writing, TBX-Basic dialect.
//!
//! * **TBX v3** (ISO 30042:2019), DCA style:
//!   `<tbx type="TBX-Basic" style="dca" xmlns="urn:iso:std:iso:30042:ed-2">`,
//!   `conceptEntry` / `langSec` / `termSec`.
//! * **TBX v2** (ISO 30042:2008): `<martif type="TBX-Basic">`,
//!   `termEntry` / `langSet` / `tig`. What translate-toolkit, Weblate and
//!   MadCap Lingo read (see `docs/cat-tools.md`).
//!
//! Mapping of the model (both versions):
//!
//! | model | TBX |
//! |---|---|
//! | `Header.title` | `titleStmt/title` (omitted when empty) |
//! | `Header.source_desc` | first `sourceDesc/p` |
//! | `Header.source_lang` | root `xml:lang` (`und` when empty) |
//! | `Header.target_langs`, `created` | further `sourceDesc/p` machine paragraphs |
//! | `ConceptEntry.subject_field` | `descrip type="subjectField"` |
//! | `ConceptEntry.definition` | `descrip type="definition"` (entry level) |
//! | `ConceptEntry.sources` | `admin type="source"` (entry level; TBX-Basic allows it in `conceptEntry`/`termEntry`) |
//! | `date`, not `human_edited` | `transacGrp` (origination, responsibility `termsmith`, date) |
//! | `notes` | `note` |
//! | `status`, frequencies, score, equivalent, evidence, spans | machine `note`s, see [`crate::marker`] |
//! | `TermRecord.part_of_speech`, `gender`, `term_type`, `admin_status` | `termNote` |
//! | `contexts` | `descrip type="context"`, in a `descripGrp` with `admin type="source"` when the document is known |
//! | `TermRecord.sources` | `admin type="source"` in the term section |
//!
//! Unverified equivalent candidates are never written as preferred
//! (see [`crate::marker::written_admin_status`]).

mod read;
mod write;

pub use read::{read, read_entries, ReadOptions};
pub use write::write;

/// TBX version to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TbxVersion {
    /// ISO 30042:2019, `<tbx>`, DCA style.
    V3,
    /// ISO 30042:2008, `<martif>`.
    V2,
}
