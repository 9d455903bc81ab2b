//! CSV/TSV reader with column mappings and auto-detection.

use std::io::{BufRead, Read};

use super::write::{GENERIC_COLUMNS, GENERIC_LANG_SUFFIXES};
use super::{language_from_name, split_list, unguard};
use crate::decode::{from_io, Utf8Reader};
use crate::error::{GlossaryError, Position, ReadReport};
use crate::model::{
    is_language_tag, AdminStatus, ConceptEntry, ContextRecord, EntryStatus, EquivalentInfo,
    LangSection, PartOfSpeech, TermBase, TermRecord, TermType,
};

/// What a mapped column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldTarget {
    /// A term in this language (BCP 47 tag). The first term column is the
    /// source language; one term per cell. When the layout also has a
    /// [`FieldTarget::Variants`] column for the language, this term is its
    /// preferred term.
    Term(String),
    /// Further terms of this language (BCP 47 tag) for the same concept:
    /// spelling variants, acronyms, full forms, plurals. Items are separated
    /// by `|` or `;` (` | ` is the usual spelling; `\|`, `\;`, `\\` escape
    /// a literal character); surrounding spaces are trimmed. See [`read`] for
    /// the statuses and term types they get.
    Variants(String),
    /// The entry definition.
    Definition,
    /// Entry notes (a ` | `-separated list, see the module docs).
    Note,
    /// The entry subject field.
    Subject,
    /// The entry id.
    EntryId,
    /// Part of speech of the source-language headword (the first term
    /// column's language).
    PartOfSpeech,
    /// Term type (`fullForm`, `acronym`, `shortForm`…) of the
    /// source-language headword.
    TermType,
    /// Sources of the concept (entry level), separated by `;` or `|`.
    Source,
    /// A context sentence for the first term column's term.
    Context,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum ColumnRef {
    Name(String),
    Index(usize),
}

/// How to read a CSV file: which column holds what, whether there is a
/// header, which delimiter.
///
/// * [`ColumnMapping::auto`] recognises termsmith's generic profile, the
///   memoQ, Trados and Phrase profiles, and any header whose columns are
///   language codes (`fr`, `en-GB`) or language names (`French`), plus
///   `<language>_variants` (`fr_variants`, `French_variants`),
///   `description`/`definition`, `note`/`comment`,
///   `subject`/`subject_field`/`domain`, `id`/`entry_id`,
///   `part_of_speech`/`pos`, `term_type`, `source`/`sources`, `context`
///   (case-insensitive). Other columns are ignored with a warning.
/// * [`ColumnMapping::parse`] takes `fr=Term,en=Translation,definition=Def`:
///   keys are language tags, `<tag>_variants`, or the field names
///   `definition`, `note`, `subject` (`subject_field`), `id` (`entry_id`),
///   `part_of_speech`, `term_type`, `source`, `context`; values are header
///   names or `#N` (1-based column number).
///
/// The reference term base `glossaries/eu-cyber-policy.fr-en.csv`
/// (`id,fr,fr_variants,en,en_variants,part_of_speech,term_type,subject_field,source,note`)
/// is read completely by [`ColumnMapping::auto`]; the equivalent explicit
/// mapping is
/// `id=id,fr=fr,fr_variants=fr_variants,en=en,en_variants=en_variants,part_of_speech=part_of_speech,term_type=term_type,subject=subject_field,source=source,note=note`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMapping {
    columns: Vec<(ColumnRef, FieldTarget)>,
    auto: bool,
    has_header: bool,
    delimiter: Option<u8>,
    quoting: bool,
}

impl ColumnMapping {
    /// Detects the layout from the header row; sniffs the delimiter.
    pub fn auto() -> ColumnMapping {
        ColumnMapping {
            columns: Vec::new(),
            auto: true,
            has_header: true,
            delimiter: None,
            quoting: true,
        }
    }

    /// Parses a mapping string such as `fr=Term,en=Translation,note=#3`.
    pub fn parse(s: &str) -> Result<ColumnMapping, GlossaryError> {
        let mut columns = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (k, v) = part
                .split_once('=')
                .ok_or_else(|| GlossaryError::Mapping(format!("{part:?}: expected key=column")))?;
            let (k, v) = (k.trim(), v.trim());
            let target = match k.to_ascii_lowercase().as_str() {
                "definition" | "description" => FieldTarget::Definition,
                "note" | "notes" | "comment" => FieldTarget::Note,
                "subject" | "subject_field" | "domain" => FieldTarget::Subject,
                "id" | "entry_id" => FieldTarget::EntryId,
                "part_of_speech" | "pos" => FieldTarget::PartOfSpeech,
                "term_type" => FieldTarget::TermType,
                "source" | "sources" => FieldTarget::Source,
                "context" => FieldTarget::Context,
                _ if variants_lang(k).is_some() => {
                    FieldTarget::Variants(variants_lang(k).unwrap_or_default())
                }
                _ if is_language_tag(k) => FieldTarget::Term(k.to_string()),
                _ => {
                    return Err(GlossaryError::Mapping(format!(
                        "{k:?} is neither a language tag nor a field name"
                    )))
                }
            };
            let col = match v.strip_prefix('#') {
                Some(n) => match n.parse::<usize>() {
                    Ok(i) if i >= 1 => ColumnRef::Index(i - 1),
                    _ => return Err(GlossaryError::Mapping(format!("bad column number {v:?}"))),
                },
                None if v.is_empty() => {
                    return Err(GlossaryError::Mapping(format!(
                        "{part:?}: empty column name"
                    )))
                }
                None => ColumnRef::Name(v.to_string()),
            };
            columns.push((col, target));
        }
        if !columns
            .iter()
            .any(|(_, t)| matches!(t, FieldTarget::Term(_)))
        {
            return Err(GlossaryError::Mapping(
                "no language column (e.g. fr=Term)".to_string(),
            ));
        }
        Ok(ColumnMapping {
            columns,
            auto: false,
            has_header: true,
            delimiter: None,
            quoting: true,
        })
    }

    /// OmegaT glossary layout: tab-separated source, target, comment (read
    /// into the definition), no header.
    pub fn omegat(source_lang: &str, target_lang: &str) -> ColumnMapping {
        ColumnMapping {
            columns: vec![
                (
                    ColumnRef::Index(0),
                    FieldTarget::Term(source_lang.to_string()),
                ),
                (
                    ColumnRef::Index(1),
                    FieldTarget::Term(target_lang.to_string()),
                ),
                (ColumnRef::Index(2), FieldTarget::Definition),
            ],
            auto: false,
            has_header: false,
            delimiter: Some(b'\t'),
            quoting: false,
        }
    }

    /// Whether the first row is a header (default true).
    pub fn has_header(mut self, yes: bool) -> ColumnMapping {
        self.has_header = yes;
        self
    }

    /// Whether `"` quotes fields (default true; false for OmegaT, whose
    /// glossaries have no quoting).
    pub fn quoting(mut self, yes: bool) -> ColumnMapping {
        self.quoting = yes;
        self
    }

    /// Field delimiter (default: sniffed from the first line among tab, `;`, `,`).
    pub fn delimiter(mut self, d: u8) -> ColumnMapping {
        self.delimiter = Some(d);
        self
    }
}

impl std::str::FromStr for ColumnMapping {
    type Err = GlossaryError;
    fn from_str(s: &str) -> Result<ColumnMapping, GlossaryError> {
        if s.trim().eq_ignore_ascii_case("auto") {
            Ok(ColumnMapping::auto())
        } else {
            ColumnMapping::parse(s)
        }
    }
}

/// The layout actually used for a file.
enum Layout {
    Generic {
        cols: [usize; 11],
        targets: Vec<(String, [usize; 4])>,
    },
    Mapped(Vec<(usize, FieldTarget)>),
}

fn sniff_delimiter(first_line: &[u8]) -> u8 {
    let mut counts = [(b'\t', 0usize), (b';', 0), (b',', 0)];
    let mut in_quotes = false;
    for &b in first_line {
        if b == b'"' {
            in_quotes = !in_quotes;
        } else if !in_quotes {
            for c in counts.iter_mut() {
                if c.0 == b {
                    c.1 += 1;
                }
            }
        }
    }
    // Highest count wins; ties prefer tab, then ';', then ','.
    let mut best = (b',', 0);
    for c in counts {
        if c.1 > best.1 {
            best = c;
        }
    }
    best.0
}

fn field_from_header(h: &str) -> Option<FieldTarget> {
    let k: String = h.trim().to_lowercase();
    Some(match k.as_str() {
        "description" | "definition" | "entry_definition" => FieldTarget::Definition,
        "note" | "notes" | "comment" | "comments" | "entry_note" => FieldTarget::Note,
        "subject" | "domain" | "subject_field" | "entry_subject" => FieldTarget::Subject,
        "id" | "entry_id" => FieldTarget::EntryId,
        "part_of_speech" | "partofspeech" | "pos" => FieldTarget::PartOfSpeech,
        "term_type" | "termtype" => FieldTarget::TermType,
        "source" | "sources" => FieldTarget::Source,
        "context" | "example" => FieldTarget::Context,
        _ => return None,
    })
}

/// The language of a variants column header: `fr_variants`, `en-GB_variants`,
/// `French_variants`, `French variants` (case-insensitive suffix).
fn variants_lang(h: &str) -> Option<String> {
    let h = h.trim();
    let lower = h.to_ascii_lowercase();
    let base_len = ["_variants", " variants", "_variant", " variant"]
        .iter()
        .find(|suf| lower.ends_with(*suf))
        .map(|suf| h.len() - suf.len())?;
    let base = h.get(..base_len)?.trim();
    if let Some(code) = language_from_name(base) {
        return Some(code);
    }
    (is_language_tag(base) && base.split('-').next().is_some_and(|p| p.len() <= 3))
        .then(|| base.to_string())
}

/// Splits a cell of alternatives on `|` and `;` (backslash escapes a
/// literal `|`, `;` or `\\`); items are trimmed, empty ones dropped.
fn split_alternatives(cell: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut cur = String::new();
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(n) => cur.push(n),
                None => cur.push('\\'),
            },
            '|' | ';' => items.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    items.push(cur);
    items
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// An "obvious" acronym: at least two letters, all of them upper case
/// (`NATO`, `CERT-EU`, `UN GGE`, `EC3`); `IPv6`, `eID` and `CBMs` are not.
pub(crate) fn looks_like_acronym(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        } else if !(c.is_numeric() || matches!(c, ' ' | '-' | '.' | '/' | '&')) {
            return false;
        }
    }
    letters >= 2
}

fn csv_error(e: ::csv::Error) -> GlossaryError {
    let pos = e
        .position()
        .map(|p| Position {
            line: p.line(),
            byte: p.byte(),
        })
        .unwrap_or_default();
    match e.into_kind() {
        ::csv::ErrorKind::Io(io) => from_io(io),
        ::csv::ErrorKind::Utf8 { err, .. } => GlossaryError::Csv {
            pos,
            message: format!("invalid UTF-8 in field {}", err.field() + 1),
        },
        other => GlossaryError::Csv {
            pos,
            message: format!("{other:?}"),
        },
    }
}

/// Reads a CSV/TSV glossary. UTF-8 (BOM optional) or UTF-16 with BOM;
/// invalid UTF-8 is refused with its line and byte offset; a row with a
/// different number of fields than the first row is
/// [`GlossaryError::RaggedRow`]. Formula guards (`'=…`) are removed.
///
/// Entries read from the generic profile are machine-made
/// (`human_edited == false`); entries from any other layout are treated as
/// human-edited, so a merge never overwrites them.
///
/// For a language that has a [`FieldTarget::Variants`] column, the term
/// column holds the preferred term (administrative status preferred;
/// term type acronym when it is all capitals and no term type column
/// applies) and each variant becomes a further term of the same entry and
/// language with status admitted and term type acronym when all its letters
/// are capitals (`CBM`, `UN GGE`), full form when the preferred term is an
/// acronym, variant otherwise. A variant equal to a term already in the
/// section is skipped. Languages without a variants column get no status.
pub fn read<R: Read>(
    r: R,
    mapping: &ColumnMapping,
) -> Result<(TermBase, ReadReport), GlossaryError> {
    let mut report = ReadReport::default();
    let mut br = Utf8Reader::new(r)?;
    let delimiter = match mapping.delimiter {
        Some(d) => d,
        None => {
            let buf = br.fill_buf().map_err(from_io)?;
            let end = buf.iter().position(|&b| b == b'\n').unwrap_or(buf.len());
            sniff_delimiter(&buf[..end])
        }
    };
    let mut rdr = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .quoting(mapping.quoting)
        .delimiter(delimiter)
        .from_reader(br);
    let mut rec = ::csv::StringRecord::new();
    let mut expected: Option<usize> = None;
    let mut header: Option<Vec<String>> = None;
    if mapping.has_header {
        if !rdr.read_record(&mut rec).map_err(csv_error)? {
            return Ok((TermBase::default(), report));
        }
        expected = Some(rec.len());
        header = Some(rec.iter().map(|h| unguard(h).trim().to_string()).collect());
    }
    let layout = resolve(mapping, header.as_deref(), &mut report)?;
    let mut tb = TermBase::default();
    match &layout {
        Layout::Generic { targets, .. } => {
            tb.header.target_langs = targets.iter().map(|(l, _)| l.clone()).collect();
        }
        Layout::Mapped(cols) => {
            let term_langs = cols.iter().filter_map(|(_, t)| match t {
                FieldTarget::Term(l) => Some(l.clone()),
                _ => None,
            });
            let variant_langs = cols.iter().filter_map(|(_, t)| match t {
                FieldTarget::Variants(l) => Some(l.clone()),
                _ => None,
            });
            let mut langs = term_langs.chain(variant_langs);
            tb.header.source_lang = langs.next().unwrap_or_default();
            for l in langs {
                if l != tb.header.source_lang && !tb.header.target_langs.contains(&l) {
                    tb.header.target_langs.push(l);
                }
            }
        }
    }
    let mut row_no = 0usize;
    while rdr.read_record(&mut rec).map_err(csv_error)? {
        let pos = rec
            .position()
            .map(|p| Position {
                line: p.line(),
                byte: p.byte(),
            })
            .unwrap_or_default();
        let n = *expected.get_or_insert(rec.len());
        if rec.len() != n {
            if rec.len() == 1 && rec.get(0).is_some_and(str::is_empty) {
                continue; // blank line
            }
            return Err(GlossaryError::RaggedRow {
                pos,
                expected: n,
                found: rec.len(),
            });
        }
        row_no += 1;
        let entry = match &layout {
            Layout::Generic { cols, targets } => {
                generic_entry(&rec, cols, targets, row_no, pos, &mut report, &mut tb)
            }
            Layout::Mapped(cols) => {
                mapped_entry(&rec, cols, row_no, &tb.header.source_lang, pos, &mut report)
            }
        };
        if let Some(e) = entry {
            tb.entries.push(e);
        }
    }
    Ok((tb, report))
}

fn resolve(
    mapping: &ColumnMapping,
    header: Option<&[String]>,
    report: &mut ReadReport,
) -> Result<Layout, GlossaryError> {
    if !mapping.auto {
        let mut cols = Vec::new();
        for (c, t) in &mapping.columns {
            let i = match c {
                ColumnRef::Index(i) => *i,
                ColumnRef::Name(n) => header
                    .and_then(|h| h.iter().position(|x| x == n))
                    .ok_or_else(|| {
                        GlossaryError::Mapping(format!("no column named {n:?} in the header"))
                    })?,
            };
            cols.push((i, t.clone()));
        }
        return Ok(Layout::Mapped(cols));
    }
    let Some(h) = header else {
        return Err(GlossaryError::Mapping(
            "auto-detection needs a header row".to_string(),
        ));
    };
    if h.len() >= GENERIC_COLUMNS.len()
        && h[..GENERIC_COLUMNS.len()]
            .iter()
            .zip(GENERIC_COLUMNS)
            .all(|(a, b)| a == b)
    {
        let mut cols = [0usize; 11];
        for (i, c) in cols.iter_mut().enumerate() {
            *c = i;
        }
        let mut targets: Vec<(String, [usize; 4])> = Vec::new();
        for (i, name) in h.iter().enumerate().skip(GENERIC_COLUMNS.len()) {
            for (k, suf) in GENERIC_LANG_SUFFIXES.iter().enumerate() {
                if let Some(l) = name.strip_suffix(&format!("_{suf}")) {
                    let idx = match targets.iter().position(|(t, _)| t == l) {
                        Some(p) => p,
                        None => {
                            targets.push((l.to_string(), [usize::MAX; 4]));
                            targets.len() - 1
                        }
                    };
                    targets[idx].1[k] = i;
                    break;
                }
            }
        }
        return Ok(Layout::Generic { cols, targets });
    }
    let mut cols = Vec::new();
    for (i, name) in h.iter().enumerate() {
        // memoQ: "French_Def" is the definition column of a language.
        if let Some(base) = name.strip_suffix("_Def") {
            if language_from_name(base).is_some() || is_language_tag(base) {
                cols.push((i, FieldTarget::Definition));
                continue;
            }
        }
        if let Some(f) = field_from_header(name) {
            cols.push((i, f));
        } else if let Some(code) = variants_lang(name) {
            cols.push((i, FieldTarget::Variants(code)));
        } else if let Some(code) = language_from_name(name) {
            cols.push((i, FieldTarget::Term(code)));
        } else if is_language_tag(name) && name.split('-').next().is_some_and(|p| p.len() <= 3) {
            cols.push((i, FieldTarget::Term(name.clone())));
        } else {
            report.warn(
                Position { line: 1, byte: 0 },
                format!("column {:?} not recognised: ignored", name),
            );
        }
    }
    if !cols.iter().any(|(_, t)| matches!(t, FieldTarget::Term(_))) {
        return Err(GlossaryError::Mapping(format!(
            "no language column found in header {h:?}; give a mapping such as fr=source,en=target"
        )));
    }
    Ok(Layout::Mapped(cols))
}

fn parse_count(s: &str, what: &str, pos: Position, report: &mut ReadReport) -> u64 {
    if s.trim().is_empty() {
        return 0;
    }
    s.trim().parse().unwrap_or_else(|_| {
        report.warn(pos, format!("{what} {s:?} is not a count: ignored"));
        0
    })
}

fn parse_score(s: &str, what: &str, pos: Position, report: &mut ReadReport) -> Option<f64> {
    if s.trim().is_empty() {
        return None;
    }
    match s.trim().parse::<f64>() {
        Ok(f) if f.is_finite() => Some(f),
        _ => {
            report.warn(pos, format!("{what} {s:?} is not a number: ignored"));
            None
        }
    }
}

fn cell(rec: &::csv::StringRecord, i: usize) -> &str {
    rec.get(i).map(unguard).unwrap_or("")
}

fn generic_entry(
    rec: &::csv::StringRecord,
    cols: &[usize; 11],
    targets: &[(String, [usize; 4])],
    row: usize,
    pos: Position,
    report: &mut ReadReport,
    tb: &mut TermBase,
) -> Option<ConceptEntry> {
    let c = |k: usize| cell(rec, cols[k]);
    let lang = c(1).to_string();
    if tb.header.source_lang.is_empty() {
        tb.header.source_lang = lang.clone();
    }
    let mut e = ConceptEntry {
        id: format!("c{row}"),
        status: EntryStatus::Unchanged,
        ..ConceptEntry::default()
    };
    if !c(0).is_empty() {
        let mut t = TermRecord::new(c(0));
        t.part_of_speech = PartOfSpeech::parse(c(3)).or_else(|| {
            if !c(3).is_empty() {
                report.warn(pos, format!("part of speech {:?} unknown: ignored", c(3)));
            }
            None
        });
        t.term_type = TermType::parse(c(4));
        t.frequency = parse_count(c(5), "frequency", pos, report);
        t.doc_frequency = parse_count(c(6), "doc_frequency", pos, report);
        t.score = parse_score(c(7), "score", pos, report);
        if !c(8).is_empty() || !c(9).is_empty() {
            t.contexts.push(ContextRecord {
                text: c(8).to_string(),
                source: (!c(9).is_empty()).then(|| c(9).to_string()),
                span: None,
            });
        }
        t.sources = split_list(c(10));
        let mut terms = vec![t];
        terms.extend(split_list(c(2)).into_iter().map(TermRecord::new));
        e.langs.push(LangSection { lang, terms });
    }
    for (tl, idx) in targets {
        let get = |k: usize| {
            if idx[k] == usize::MAX {
                ""
            } else {
                cell(rec, idx[k])
            }
        };
        let mut terms: Vec<TermRecord> = split_list(get(0))
            .into_iter()
            .map(TermRecord::new)
            .collect();
        let score = parse_score(get(1), "score", pos, report);
        let method = get(2);
        let evidence = split_list(get(3));
        if let Some(first) = terms.first_mut() {
            if score.is_some() || !method.is_empty() || !evidence.is_empty() {
                first.equivalent = Some(EquivalentInfo {
                    method: method.to_string(),
                    score,
                    evidence,
                    verified: false,
                });
            }
        }
        if !terms.is_empty() {
            e.langs.push(LangSection {
                lang: tl.clone(),
                terms,
            });
        }
    }
    (!e.langs.is_empty()).then_some(e)
}

fn mapped_entry(
    rec: &::csv::StringRecord,
    cols: &[(usize, FieldTarget)],
    row: usize,
    source_lang: &str,
    pos: Position,
    report: &mut ReadReport,
) -> Option<ConceptEntry> {
    let mut e = ConceptEntry {
        id: format!("c{row}"),
        status: EntryStatus::Unchanged,
        human_edited: true,
        ..ConceptEntry::default()
    };
    let mut part_of_speech = None;
    let mut term_type = None;
    let mut contexts = Vec::new();
    let mut variants: Vec<(&str, Vec<String>)> = Vec::new();
    for (i, t) in cols {
        let v = cell(rec, *i);
        if v.is_empty() {
            continue;
        }
        match t {
            FieldTarget::Term(l) => {
                let mut term = TermRecord::new(v);
                term.human_edited = true;
                match e.langs.iter_mut().find(|s| &s.lang == l) {
                    Some(s) => s.terms.push(term),
                    None => e.langs.push(LangSection {
                        lang: l.clone(),
                        terms: vec![term],
                    }),
                }
            }
            FieldTarget::Variants(l) => variants.push((l, split_alternatives(v))),
            FieldTarget::Definition => match &mut e.definition {
                Some(d) => {
                    d.push('\n');
                    d.push_str(v);
                }
                None => e.definition = Some(v.to_string()),
            },
            FieldTarget::Note => e.notes.extend(split_list(v)),
            FieldTarget::Subject => e.subject_field = Some(v.to_string()),
            FieldTarget::EntryId => e.id = v.to_string(),
            FieldTarget::PartOfSpeech => {
                part_of_speech = PartOfSpeech::parse(v);
                if part_of_speech.is_none() {
                    report.warn(pos, format!("part of speech {v:?} unknown: ignored"));
                }
            }
            FieldTarget::TermType => {
                term_type = TermType::parse(v);
                if term_type.is_none() {
                    report.warn(pos, format!("term type {v:?} unknown: ignored"));
                }
            }
            FieldTarget::Source => {
                for s in split_alternatives(v) {
                    if !e.sources.contains(&s) {
                        e.sources.push(s);
                    }
                }
            }
            FieldTarget::Context => contexts.push(ContextRecord {
                text: v.to_string(),
                source: None,
                span: None,
            }),
        }
    }
    // The source-language headword takes the part of speech, term type and
    // contexts (the first language present when the source cell is empty).
    let src = e
        .langs
        .iter()
        .position(|l| l.lang == source_lang)
        .unwrap_or(0);
    if let Some(first) = e.langs.get_mut(src).and_then(|l| l.terms.first_mut()) {
        first.part_of_speech = part_of_speech;
        first.term_type = term_type;
        first.contexts = contexts;
    }
    // Languages with a variants column: the term column holds the preferred
    // term, the variants are admitted terms of the same concept.
    let with_variants: Vec<&str> = cols
        .iter()
        .filter_map(|(_, t)| match t {
            FieldTarget::Variants(l) => Some(l.as_str()),
            _ => None,
        })
        .collect();
    for l in &with_variants {
        if let Some(head) = e
            .langs
            .iter_mut()
            .find(|s| s.lang == *l)
            .and_then(|s| s.terms.first_mut())
        {
            head.admin_status = Some(AdminStatus::Preferred);
            if head.term_type.is_none() && looks_like_acronym(&head.term) {
                head.term_type = Some(TermType::Acronym);
            }
        }
    }
    for (l, items) in variants {
        let sec = match e.langs.iter().position(|s| s.lang == l) {
            Some(p) => p,
            None => {
                e.langs.push(LangSection {
                    lang: l.to_string(),
                    terms: Vec::new(),
                });
                e.langs.len() - 1
            }
        };
        let sec = &mut e.langs[sec];
        for item in items {
            if sec.terms.iter().any(|t| t.term == item) {
                continue;
            }
            let head_is_acronym = sec
                .terms
                .first()
                .is_some_and(|h| h.term_type == Some(TermType::Acronym));
            let mut t = TermRecord::new(item);
            t.human_edited = true;
            t.admin_status = Some(AdminStatus::Admitted);
            t.term_type = Some(if looks_like_acronym(&t.term) {
                TermType::Acronym
            } else if head_is_acronym {
                TermType::FullForm
            } else {
                TermType::Variant
            });
            sec.terms.push(t);
        }
    }
    (!e.langs.is_empty()).then_some(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniff() {
        assert_eq!(sniff_delimiter(b"a;b;c"), b';');
        assert_eq!(sniff_delimiter(b"a\tb,c\td"), b'\t');
        assert_eq!(sniff_delimiter(b"\"a;b\",c"), b',');
        assert_eq!(sniff_delimiter(b"abc"), b',');
    }

    #[test]
    fn parse_mapping() {
        let m = ColumnMapping::parse("fr=Term, en=Translation,definition=#4").unwrap();
        assert_eq!(m.columns.len(), 3);
        assert!(ColumnMapping::parse("Term").is_err());
        assert!(ColumnMapping::parse("definition=Def").is_err());
        assert!(ColumnMapping::parse("fr=#0").is_err());
        assert!(ColumnMapping::parse("not a lang=x").is_err());
        assert!("auto".parse::<ColumnMapping>().unwrap().auto);
        let m = ColumnMapping::parse("id=#1,fr=#2,fr_variants=#3,term_type=#4,source=#5").unwrap();
        let t: Vec<_> = m.columns.iter().map(|(_, t)| t.clone()).collect();
        assert_eq!(
            t,
            [
                FieldTarget::EntryId,
                FieldTarget::Term("fr".into()),
                FieldTarget::Variants("fr".into()),
                FieldTarget::TermType,
                FieldTarget::Source
            ]
        );
    }

    #[test]
    fn variant_headers() {
        assert_eq!(variants_lang("fr_variants").as_deref(), Some("fr"));
        assert_eq!(variants_lang("en-GB_Variants").as_deref(), Some("en-GB"));
        assert_eq!(variants_lang("French variants").as_deref(), Some("fr"));
        assert_eq!(variants_lang("Klingon_variants"), None);
        assert_eq!(variants_lang("variants"), None);
        assert_eq!(variants_lang("fr"), None);
    }

    #[test]
    fn alternatives() {
        assert_eq!(split_alternatives("a | b;c"), ["a", "b", "c"]);
        assert_eq!(split_alternatives(" a\\;b \\\\ "), ["a;b \\"]);
        assert!(split_alternatives(" | ; ").is_empty());
    }

    #[test]
    fn acronyms() {
        for a in ["NATO", "CERT-EU", "UN GGE", "EC3", "R&D"] {
            assert!(looks_like_acronym(a), "{a}");
        }
        for a in ["IPv6", "eID", "CBMs", "X", "3G", "NIS Directive", ""] {
            assert!(!looks_like_acronym(a), "{a}");
        }
    }
}
