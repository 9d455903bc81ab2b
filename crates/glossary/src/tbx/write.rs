//! TBX writer (v3 DCA and v2 martif, TBX-Basic).

use std::io::Write;

use rayon::prelude::*;

use super::TbxVersion;
use crate::error::GlossaryError;
use crate::marker::{
    entry_fingerprint, is_iso_date, term_fingerprint, written_admin_status, MachineNote,
    RESPONSIBILITY,
};
use crate::model::{
    is_language_tag, is_ncname, ConceptEntry, EntryStatus, PartOfSpeech, TermBase, TermRecord,
};
use crate::xmltext::{push_attr, push_text};

/// Entries formatted by one task of the parallel writer.
const ENTRIES_PER_CHUNK: usize = 64;
/// Chunks formatted before they are written (bounds the memory held: about 4,000 entries).
const CHUNKS_PER_WINDOW: usize = 64;

struct Names {
    header: &'static str,
    entry: &'static str,
    lang: &'static str,
    term: &'static str,
}

const V3: Names = Names {
    header: "tbxHeader",
    entry: "conceptEntry",
    lang: "langSec",
    term: "termSec",
};
const V2: Names = Names {
    header: "martifHeader",
    entry: "termEntry",
    lang: "langSet",
    term: "tig",
};

/// Writes `tb` as TBX-Basic in the given version. Output is deterministic:
/// the same term base gives the same bytes.
///
/// Entry ids must be unique XML NCNames ([`TermBase::normalize_ids`] makes
/// them so) and languages valid BCP 47 tags, otherwise
/// [`GlossaryError::InvalidValue`]. Language sections without terms and
/// entries without any term are skipped (TBX requires at least one). TBX v2
/// requires at least one entry: an empty term base is an
/// [`GlossaryError::InvalidValue`] there (TBX v3 writes an empty `<text/>`).
/// Nothing is written before the checks of the header pass; an invalid entry
/// is reported after the entries before it were written.
pub fn write<W: Write>(tb: &TermBase, version: TbxVersion, mut w: W) -> Result<(), GlossaryError> {
    let mut out = String::with_capacity(4096);
    let names = match version {
        TbxVersion::V3 => &V3,
        TbxVersion::V2 => &V2,
    };
    let root_lang = if tb.header.source_lang.is_empty() {
        "und"
    } else {
        tb.header.source_lang.as_str()
    };
    check_lang(root_lang)?;
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    match version {
        TbxVersion::V3 => {
            out.push_str("<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"");
            push_attr(&mut out, root_lang);
            out.push_str("\" xmlns=\"urn:iso:std:iso:30042:ed-2\">\n");
        }
        TbxVersion::V2 => {
            out.push_str("<!DOCTYPE martif SYSTEM \"TBXBasiccoreStructV02.dtd\">\n");
            out.push_str("<martif type=\"TBX-Basic\" xml:lang=\"");
            push_attr(&mut out, root_lang);
            out.push_str("\">\n");
        }
    }
    // Header.
    open(&mut out, 1, names.header);
    open(&mut out, 2, "fileDesc");
    if !tb.header.title.is_empty() {
        open(&mut out, 3, "titleStmt");
        leaf(&mut out, 4, "title", "", &tb.header.title);
        close(&mut out, 3, "titleStmt");
    }
    open(&mut out, 3, "sourceDesc");
    leaf(&mut out, 4, "p", "", &tb.header.source_desc);
    if !tb.header.target_langs.is_empty() {
        for l in &tb.header.target_langs {
            check_lang(l)?;
        }
        leaf(
            &mut out,
            4,
            "p",
            "",
            &MachineNote::TargetLangs(tb.header.target_langs.clone()).format(),
        );
    }
    if let Some(c) = &tb.header.created {
        leaf(
            &mut out,
            4,
            "p",
            "",
            &MachineNote::Created(c.clone()).format(),
        );
    }
    close(&mut out, 3, "sourceDesc");
    close(&mut out, 2, "fileDesc");
    if version == TbxVersion::V2 {
        open(&mut out, 2, "encodingDesc");
        leaf(&mut out, 3, "p", " type=\"XCSURI\"", "TBXBasicXCSV02.xcs");
        close(&mut out, 2, "encodingDesc");
    }
    close(&mut out, 1, names.header);
    // Body.
    let writable: Vec<&ConceptEntry> = tb
        .entries
        .iter()
        .filter(|e| e.langs.iter().any(|l| !l.terms.is_empty()))
        .collect();
    if writable.is_empty() && version == TbxVersion::V2 {
        return Err(GlossaryError::InvalidValue {
            what: "term base without entries (TBX v2 requires at least one termEntry)",
            value: String::new(),
        });
    }
    if writable.is_empty() {
        out.push_str("\t<text/>\n");
    } else {
        open(&mut out, 1, "text");
        open(&mut out, 2, "body");
        w.write_all(out.as_bytes())?;
        out.clear();
        // Ids are checked in order first: the entries before the first bad one are written.
        let mut ids = std::collections::HashSet::with_capacity(writable.len());
        let bad = writable
            .iter()
            .position(|e| !is_ncname(&e.id) || !ids.insert(e.id.as_str()));
        let good = &writable[..bad.unwrap_or(writable.len())];
        // Entries are formatted in parallel, a window of chunks at a time (so that the text
        // held in memory stays bounded), and written in order, each window while the next one
        // is formatted.
        let format = |window: &[&ConceptEntry]| -> Vec<(String, Result<(), GlossaryError>)> {
            window
                .par_chunks(ENTRIES_PER_CHUNK)
                .map(|chunk| {
                    // About 3 kB per entry of an extraction with contexts: room for a chunk
                    // without growing (each growth copies the chunk so far).
                    let mut s = String::with_capacity(ENTRIES_PER_CHUNK * 4096);
                    for e in chunk {
                        let before = s.len();
                        if let Err(err) = write_entry(&mut s, e, version, names) {
                            s.truncate(before);
                            return (s, Err(err));
                        }
                    }
                    (s, Ok(()))
                })
                .collect()
        };
        let emit = |w: &mut W, parts: Vec<(String, Result<(), GlossaryError>)>| {
            for (s, res) in parts {
                w.write_all(s.as_bytes())?;
                res?;
            }
            Ok::<(), GlossaryError>(())
        };
        let mut formatted = Vec::new();
        for window in good.chunks(ENTRIES_PER_CHUNK * CHUNKS_PER_WINDOW) {
            let ready = std::mem::take(&mut formatted);
            let mut written = Ok(());
            // The formatting is spawned on the thread pool; the writing stays on this thread
            // (the writer need not be `Send`).
            rayon::in_place_scope(|scope| {
                scope.spawn(|_| formatted = format(window));
                written = emit(&mut w, ready);
            });
            written?;
        }
        emit(&mut w, formatted)?;
        if let Some(i) = bad {
            return Err(GlossaryError::InvalidValue {
                what: "entry id (not a unique XML NCName)",
                value: writable[i].id.clone(),
            });
        }
        close(&mut out, 2, "body");
        close(&mut out, 1, "text");
    }
    match version {
        TbxVersion::V3 => out.push_str("</tbx>\n"),
        TbxVersion::V2 => out.push_str("</martif>\n"),
    }
    w.write_all(out.as_bytes())?;
    w.flush()?;
    Ok(())
}

fn check_lang(l: &str) -> Result<(), GlossaryError> {
    if is_language_tag(l) {
        Ok(())
    } else {
        Err(GlossaryError::InvalidValue {
            what: "language tag",
            value: l.to_string(),
        })
    }
}

fn indent(out: &mut String, depth: usize) {
    const TABS: &str = "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";
    match TABS.get(..depth) {
        Some(t) => out.push_str(t),
        None => {
            for _ in 0..depth {
                out.push('\t');
            }
        }
    }
}

fn open(out: &mut String, depth: usize, name: &str) {
    indent(out, depth);
    out.push('<');
    out.push_str(name);
    out.push_str(">\n");
}

fn close(out: &mut String, depth: usize, name: &str) {
    indent(out, depth);
    out.push_str("</");
    out.push_str(name);
    out.push_str(">\n");
}

/// `<name attrs>text</name>`; `attrs` is pre-escaped (starts with a space).
fn leaf(out: &mut String, depth: usize, name: &str, attrs: &str, text: &str) {
    indent(out, depth);
    out.push('<');
    out.push_str(name);
    out.push_str(attrs);
    out.push('>');
    push_text(out, text);
    out.push_str("</");
    out.push_str(name);
    out.push_str(">\n");
}

/// Tabs of an indentation depth, as a literal (for [`tags!`]).
macro_rules! tabs {
    (3) => {
        "\t\t\t"
    };
    (4) => {
        "\t\t\t\t"
    };
    (5) => {
        "\t\t\t\t\t"
    };
    (6) => {
        "\t\t\t\t\t\t"
    };
    (7) => {
        "\t\t\t\t\t\t\t"
    };
}

/// The opening (indented, with attributes) and closing tags of a leaf element at a fixed depth,
/// as literals: `tags!(6, "note")` is `("\t\t\t\t\t\t<note>", "</note>\n")`.
macro_rules! tags {
    ($depth:tt, $name:literal) => {
        tags!($depth, $name, "")
    };
    ($depth:tt, $name:literal, $attrs:literal) => {
        (
            concat!(tabs!($depth), "<", $name, $attrs, ">"),
            concat!("</", $name, ">\n"),
        )
    };
}

/// A leaf element whose tags are made by [`tags!`]: as [`leaf`], in three appends.
#[inline]
fn leaf_in(out: &mut String, (open, close): (&str, &str), text: &str) {
    out.reserve(open.len() + text.len() + close.len());
    out.push_str(open);
    push_text(out, text);
    out.push_str(close);
}

/// A machine note as a `<note>` leaf (at depth `depth`); `note` is a scratch buffer. Notes
/// made only of termsmith's own words and numbers are written without escaping.
fn machine_note(out: &mut String, tags: (&str, &str), m: &MachineNote, note: &mut String) {
    if m.is_plain() {
        out.push_str(tags.0);
        m.write_to(out);
        out.push_str(tags.1);
    } else {
        note.clear();
        m.write_to(note);
        leaf_in(out, tags, note);
    }
}

/// The transaction group of a machine-made entry (depth 4) or term (depth 6) without a date.
const MACHINE_TRANSAC_4: &str = concat!(
    tabs!(4),
    "<transacGrp>\n",
    tabs!(5),
    "<transac type=\"transactionType\">origination</transac>\n",
    tabs!(5),
    "<transacNote type=\"responsibility\">termsmith</transacNote>\n",
    tabs!(4),
    "</transacGrp>\n"
);
const MACHINE_TRANSAC_6: &str = concat!(
    tabs!(6),
    "<transacGrp>\n",
    tabs!(7),
    "<transac type=\"transactionType\">origination</transac>\n",
    tabs!(7),
    "<transacNote type=\"responsibility\">termsmith</transacNote>\n",
    tabs!(6),
    "</transacGrp>\n"
);

fn transac_grp(out: &mut String, depth: usize, machine: bool, date: Option<&str>) {
    let date = date.filter(|d| is_iso_date(d));
    if !machine && date.is_none() {
        return;
    }
    if machine && date.is_none() {
        match depth {
            4 => return out.push_str(MACHINE_TRANSAC_4),
            6 => return out.push_str(MACHINE_TRANSAC_6),
            _ => {}
        }
    }
    open(out, depth, "transacGrp");
    leaf(
        out,
        depth + 1,
        "transac",
        " type=\"transactionType\"",
        "origination",
    );
    if machine {
        leaf(
            out,
            depth + 1,
            "transacNote",
            " type=\"responsibility\"",
            RESPONSIBILITY,
        );
    }
    if let Some(d) = date {
        leaf(out, depth + 1, "date", "", d);
    }
    close(out, depth, "transacGrp");
}

fn write_entry(
    out: &mut String,
    e: &ConceptEntry,
    version: TbxVersion,
    names: &Names,
) -> Result<(), GlossaryError> {
    indent(out, 3);
    out.push('<');
    out.push_str(names.entry);
    out.push_str(" id=\"");
    push_attr(out, &e.id);
    out.push_str("\">\n");
    if let Some(s) = &e.subject_field {
        leaf_in(out, tags!(4, "descrip", " type=\"subjectField\""), s);
    }
    if let Some(d) = &e.definition {
        leaf_in(out, tags!(4, "descrip", " type=\"definition\""), d);
    }
    for s in &e.sources {
        leaf_in(out, tags!(4, "admin", " type=\"source\""), s);
    }
    transac_grp(out, 4, !e.human_edited, e.date.as_deref());
    const NOTE: (&str, &str) = tags!(4, "note");
    for n in &e.notes {
        leaf_in(out, NOTE, n);
    }
    let mut note = String::new();
    if let Some(d) = e.date.as_deref().filter(|d| !is_iso_date(d)) {
        machine_note(out, NOTE, &MachineNote::Date(d.to_string()), &mut note);
    }
    match e.status {
        EntryStatus::New | EntryStatus::Updated => {
            machine_note(out, NOTE, &MachineNote::Status(e.status), &mut note)
        }
        EntryStatus::Unchanged => {}
    }
    if !e.human_edited {
        machine_note(
            out,
            NOTE,
            &MachineNote::Fingerprint(entry_fingerprint(e)),
            &mut note,
        );
    }
    for l in &e.langs {
        if l.terms.is_empty() {
            continue;
        }
        check_lang(&l.lang)?;
        indent(out, 4);
        out.push('<');
        out.push_str(names.lang);
        out.push_str(" xml:lang=\"");
        push_attr(out, &l.lang);
        out.push_str("\">\n");
        for t in &l.terms {
            write_term(out, t, version, names, &mut note);
        }
        close(out, 4, names.lang);
    }
    close(out, 3, names.entry);
    Ok(())
}

fn write_term(
    out: &mut String,
    t: &TermRecord,
    version: TbxVersion,
    names: &Names,
    note: &mut String,
) {
    const NOTE: (&str, &str) = tags!(6, "note");
    const SOURCE: (&str, &str) = tags!(6, "admin", " type=\"source\"");
    open(out, 5, names.term);
    leaf_in(out, tags!(6, "term"), &t.term);
    let mut proper_noun_note = false;
    if let Some(p) = t.part_of_speech {
        let v = match (p, version) {
            (PartOfSpeech::ProperNoun, TbxVersion::V3) => {
                proper_noun_note = true;
                "noun"
            }
            (p, _) => p.as_tbx(),
        };
        leaf_in(out, tags!(6, "termNote", " type=\"partOfSpeech\""), v);
    }
    if let Some(g) = t.gender {
        leaf_in(
            out,
            tags!(6, "termNote", " type=\"grammaticalGender\""),
            g.as_tbx(),
        );
    }
    if let Some(tt) = t.term_type {
        leaf_in(out, tags!(6, "termNote", " type=\"termType\""), tt.as_tbx());
    }
    if let Some(a) = written_admin_status(t) {
        leaf_in(
            out,
            tags!(6, "termNote", " type=\"administrativeStatus\""),
            a.as_tbx(),
        );
    }
    for c in &t.contexts {
        match &c.source {
            Some(src) => {
                out.push_str(concat!(tabs!(6), "<descripGrp>\n"));
                leaf_in(out, tags!(7, "descrip", " type=\"context\""), &c.text);
                leaf_in(out, tags!(7, "admin", " type=\"source\""), src);
                out.push_str(concat!(tabs!(6), "</descripGrp>\n"));
            }
            None => leaf_in(out, tags!(6, "descrip", " type=\"context\""), &c.text),
        }
    }
    for s in &t.sources {
        leaf_in(out, SOURCE, s);
    }
    transac_grp(out, 6, !t.human_edited, t.date.as_deref());
    for n in &t.notes {
        leaf_in(out, NOTE, n);
    }
    if t.frequency > 0 || t.doc_frequency > 0 || t.score.is_some_and(f64::is_finite) {
        machine_note(
            out,
            NOTE,
            &MachineNote::Stats {
                frequency: t.frequency,
                doc_frequency: t.doc_frequency,
                score: t.score.filter(|s| s.is_finite()),
            },
            note,
        );
    }
    if t.named_entity {
        machine_note(out, NOTE, &MachineNote::NamedEntity, note);
    }
    if proper_noun_note {
        machine_note(out, NOTE, &MachineNote::ProperNoun, note);
    }
    if let Some(eq) = &t.equivalent {
        machine_note(
            out,
            NOTE,
            &MachineNote::Equivalent {
                verified: eq.verified,
                score: eq.score.filter(|s| s.is_finite()),
                method: eq.method.clone(),
            },
            note,
        );
        for ev in &eq.evidence {
            // As `MachineNote::Evidence(ev)` writes it, without copying the evidence.
            note.clear();
            note.push_str(crate::marker::PREFIX);
            note.push_str("evidence: ");
            note.push_str(ev);
            leaf_in(out, NOTE, note);
        }
    }
    for (i, c) in t.contexts.iter().enumerate() {
        if let Some(span) = c.span {
            machine_note(
                out,
                NOTE,
                &MachineNote::ContextSpan { index: i, span },
                note,
            );
        }
    }
    if let Some(dt) = t.date.as_deref().filter(|x| !is_iso_date(x)) {
        machine_note(out, NOTE, &MachineNote::Date(dt.to_string()), note);
    }
    if !t.human_edited {
        machine_note(
            out,
            NOTE,
            &MachineNote::Fingerprint(term_fingerprint(t)),
            note,
        );
    }
    close(out, 5, names.term);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LangSection;

    fn base(n: usize) -> TermBase {
        let mut tb = TermBase::new("fr", &[]);
        for i in 0..n {
            tb.entries.push(ConceptEntry {
                id: format!("c{i}"),
                langs: vec![LangSection {
                    lang: "fr".into(),
                    terms: vec![TermRecord::new(format!("terme {i} <&>"))],
                }],
                ..ConceptEntry::default()
            });
        }
        tb
    }

    /// Written window by window, each while the next is formatted: same bytes as one entry at a
    /// time, and an invalid entry far into the term base is reported after the entries before it.
    #[test]
    fn several_windows_give_the_entries_in_order() {
        let n = ENTRIES_PER_CHUNK * CHUNKS_PER_WINDOW * 2 + 100;
        let tb = base(n);
        let mut out = Vec::new();
        write(&tb, TbxVersion::V3, &mut out).unwrap();
        let mut expected = String::new();
        for e in &tb.entries {
            write_entry(&mut expected, e, TbxVersion::V3, &V3).unwrap();
        }
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains(&expected));
        assert!(text.ends_with("\t\t</body>\n\t</text>\n</tbx>\n"));

        let bad = ENTRIES_PER_CHUNK * CHUNKS_PER_WINDOW + 7;
        let mut tb = tb;
        tb.entries[bad].id = "not an NCName".into();
        let mut out = Vec::new();
        let err = write(&tb, TbxVersion::V3, &mut out).unwrap_err();
        assert!(matches!(err, GlossaryError::InvalidValue { .. }));
        let text = String::from_utf8(out).unwrap();
        let mut before = String::new();
        for e in &tb.entries[..bad] {
            write_entry(&mut before, e, TbxVersion::V3, &V3).unwrap();
        }
        assert!(
            text.ends_with(&before),
            "the entries before the bad one, nothing after"
        );

        // An error found while formatting (a bad language tag), in a later window.
        tb.entries[bad].id = format!("c{bad}");
        tb.entries[bad].langs[0].lang = "not a tag".into();
        let mut out = Vec::new();
        let err = write(&tb, TbxVersion::V3, &mut out).unwrap_err();
        assert!(matches!(err, GlossaryError::InvalidValue { .. }));
        assert!(String::from_utf8(out).unwrap().ends_with(&before));
    }
}
