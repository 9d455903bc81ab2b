//! JSON: the serde serialisation of the model in a versioned envelope.
//!
//! Schema `termsmith-glossary/1` (field names are stable; new optional
//! fields may be added, existing ones are never renamed within version 1):
//!
//! ```json
//! {
//!   "schema": "termsmith-glossary/1",
//!   "header": {"title": "", "source_desc": "", "source_lang": "fr",
//!              "target_langs": ["en"], "created": null},
//!   "entries": [{
//!     "id": "c1", "subject_field": null, "definition": null, "notes": [],
//!     "sources": ["Regulation (EU) 2019/881"],
//!     "status": "new" | "updated" | "unchanged", "human_edited": false,
//!     "date": null,
//!     "langs": [{"lang": "fr", "terms": [{
//!       "term": "cyber-résilience",
//!       "part_of_speech": "noun" | "verb" | "adjective" | "adverb" | "properNoun" | "other" | null,
//!       "term_type": "fullForm" | "acronym" | "abbreviation" | "shortForm" | "variant" | "phrase" | null,
//!       "admin_status": "preferred" | "admitted" | "deprecated" | "superseded" | null,
//!       "gender": "masculine" | "feminine" | "neuter" | "other" | null,
//!       "contexts": [{"text": "…", "source": "doc.txt", "span": {"start": 0, "end": 5}}],
//!       "frequency": 12, "doc_frequency": 2, "score": 0.8,
//!       "sources": ["doc.txt"],
//!       "equivalent": {"method": "parallel", "score": 0.9, "evidence": [], "verified": false},
//!       "named_entity": false, "notes": [], "human_edited": false, "date": null
//!     }]}]
//!   }]
//! }
//! ```
//!
//! The entry-level `sources` list was added within version 1: it is omitted
//! when empty and read as empty when absent.
//!
//! Non-finite scores cannot be represented in JSON and are written as `null`.
//! The writer is deterministic (fields in declaration order, two-space indent).

use std::io::{Read, Write};

use serde::{Deserialize, Serialize};

use crate::error::{GlossaryError, Position};
use crate::model::{ConceptEntry, Header, TermBase};

/// The schema marker of the current JSON format.
pub const SCHEMA: &str = "termsmith-glossary/1";

#[derive(Serialize)]
struct Out<'a> {
    schema: &'static str,
    header: &'a Header,
    entries: &'a [ConceptEntry],
}

#[derive(Deserialize)]
struct In {
    schema: String,
    #[serde(default)]
    header: Header,
    #[serde(default)]
    entries: Vec<ConceptEntry>,
}

/// Writes `tb` as pretty-printed JSON followed by a newline (buffered
/// internally).
pub fn write<W: Write>(tb: &TermBase, w: W) -> Result<(), GlossaryError> {
    let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
    let out = Out {
        schema: SCHEMA,
        header: &tb.header,
        entries: &tb.entries,
    };
    serde_json::to_writer_pretty(&mut w, &out).map_err(|e| GlossaryError::Json {
        pos: Position::default(),
        message: e.to_string(),
    })?;
    w.write_all(b"\n")?;
    w.flush()?;
    Ok(())
}

/// Reads a term base written by [`write()`]; refuses other schema markers.
/// UTF-8 (BOM optional) or UTF-16 with BOM. The text is read into memory
/// first (parsing from a slice is several times faster than from a stream;
/// the term base itself is held in memory anyway).
pub fn read<R: Read>(r: R) -> Result<TermBase, GlossaryError> {
    let mut r = crate::decode::Utf8Reader::new(r)?;
    let mut text = Vec::new();
    r.read_to_end(&mut text).map_err(crate::decode::from_io)?;
    let v: In = serde_json::from_slice(&text).map_err(|e| GlossaryError::Json {
        pos: Position {
            line: e.line() as u64,
            byte: 0,
        },
        message: e.to_string(),
    })?;
    if v.schema != SCHEMA {
        return Err(GlossaryError::Json {
            pos: Position::default(),
            message: format!("unsupported schema {:?}, expected {SCHEMA:?}", v.schema),
        });
    }
    Ok(TermBase {
        header: v.header,
        entries: v.entries,
    })
}
