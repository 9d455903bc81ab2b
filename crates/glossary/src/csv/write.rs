//! CSV writers for every profile.

use std::io::Write;

use rayon::prelude::*;

use super::{guard, join_list_into, language_name, CsvOptions, CsvProfile};
use crate::error::GlossaryError;
use crate::model::{ConceptEntry, TermBase, TermRecord};

/// Generic-profile columns before the per-language ones.
pub(crate) const GENERIC_COLUMNS: [&str; 11] = [
    "term",
    "language",
    "variants",
    "part_of_speech",
    "term_type",
    "frequency",
    "doc_frequency",
    "score",
    "context",
    "context_source",
    "sources",
];
/// Per-target-language column suffixes of the generic profile.
pub(crate) const GENERIC_LANG_SUFFIXES: [&str; 4] = ["equivalent", "score", "method", "evidence"];

/// Entries formatted by one task of the parallel writer.
const ENTRIES_PER_CHUNK: usize = 256;
/// Chunks formatted before they are written (bounds the memory held: about 16,000 rows).
const CHUNKS_PER_WINDOW: usize = 64;

/// CSV records, formatted into a byte buffer as the `csv` crate writes them with its defaults
/// (`QuoteStyle::Necessary`, quotes doubled inside quoted fields) and a CRLF terminator: a
/// field is quoted when it holds the delimiter, `"`, CR or LF; a record whose fields wrote no
/// byte at all (a single empty field) is written `""`. With `neutralize`, each field first
/// gets the formula guard ([`guard`]).
pub(crate) struct Records {
    pub(crate) buf: Vec<u8>,
    delimiter: u8,
    neutralize: bool,
    /// Where the current record starts in `buf`.
    record_start: usize,
    /// Fields of the current record so far.
    fields: usize,
}

impl Records {
    pub(crate) fn new(delimiter: u8, neutralize: bool) -> Records {
        Records {
            buf: Vec::new(),
            delimiter,
            neutralize,
            record_start: 0,
            fields: 0,
        }
    }

    /// Appends a field to the current record.
    pub(crate) fn field(&mut self, cell: &str) {
        if self.fields > 0 {
            self.buf.push(self.delimiter);
        }
        self.fields += 1;
        let guarded;
        let cell = if self.neutralize {
            guarded = guard(cell);
            guarded.as_ref()
        } else {
            cell
        };
        let b = cell.as_bytes();
        if !needs_quotes(b, self.delimiter) {
            self.buf.extend_from_slice(b);
            return;
        }
        self.buf.reserve(b.len() + 2);
        self.buf.push(b'"');
        let mut rest = b;
        while let Some(p) = memchr::memchr(b'"', rest) {
            self.buf.extend_from_slice(&rest[..=p]);
            self.buf.push(b'"');
            rest = &rest[p + 1..];
        }
        self.buf.extend_from_slice(rest);
        self.buf.push(b'"');
    }

    /// Ends the current record.
    pub(crate) fn end(&mut self) {
        if self.buf.len() == self.record_start {
            self.buf.extend_from_slice(b"\"\"");
        }
        self.buf.extend_from_slice(b"\r\n");
        self.record_start = self.buf.len();
        self.fields = 0;
    }

    /// A whole record.
    fn record<'a>(&mut self, cells: impl IntoIterator<Item = &'a str>) {
        for c in cells {
            self.field(c);
        }
        self.end();
    }

    /// Moves the complete records to `w`.
    fn drain_to<W: Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(&self.buf[..self.record_start])?;
        self.buf.drain(..self.record_start);
        self.record_start = 0;
        Ok(())
    }
}

/// True when `b` holds the delimiter `d`, `"`, CR or LF. Written for the compiler to test 16
/// bytes at a time with vector instructions (a fold per test: a fold of the tests together is
/// compiled into shuffles).
#[inline(always)]
fn needs_quotes(b: &[u8], d: u8) -> bool {
    let special = |b: &[u8]| {
        b.iter().fold(false, |acc, &c| acc | (c == d))
            | b.iter().fold(false, |acc, &c| acc | (c == b'"'))
            | b.iter().fold(false, |acc, &c| acc | ((c | 0x07) == 0x0F))
    };
    let mut chunks = b.chunks_exact(16);
    for c in &mut chunks {
        if special(c) {
            // CR and LF are among the bytes 0x08..=0x0F that the last test lets through.
            if c.iter()
                .any(|&x| x == d || x == b'"' || x == b'\r' || x == b'\n')
            {
                return true;
            }
        }
    }
    chunks
        .remainder()
        .iter()
        .any(|&x| x == d || x == b'"' || x == b'\r' || x == b'\n')
}

/// Writes `tb` as CSV/TSV in the chosen profile (see the module docs for
/// columns and dropped fields). Deterministic; no field depends on the date.
pub fn write<W: Write>(tb: &TermBase, opts: &CsvOptions, mut w: W) -> Result<(), GlossaryError> {
    if opts.bom {
        w.write_all("\u{FEFF}".as_bytes())?;
    }
    if opts.profile == CsvProfile::Omegat {
        return write_omegat(tb, opts, w);
    }
    let langs = tb.languages();
    let mut head = Records::new(opts.delimiter, opts.neutralize);
    match opts.profile {
        CsvProfile::Generic => {
            let source = langs.first().map(String::as_str).unwrap_or_default();
            let targets = langs.get(1..).unwrap_or_default();
            for c in GENERIC_COLUMNS {
                head.field(c);
            }
            for t in targets {
                for suf in GENERIC_LANG_SUFFIXES {
                    head.field(&format!("{t}_{suf}"));
                }
            }
            head.end();
            head.drain_to(&mut w)?;
            write_rows(tb, opts, &mut w, |r, scratch, e| {
                generic_row(r, scratch, e, source, targets)
            })?;
        }
        CsvProfile::Memoq => {
            for c in ["Entry_ID", "Entry_Subject", "Entry_Note"] {
                head.field(c);
            }
            for l in &langs {
                let n = language_name(l);
                head.field(&format!("{n}_Def"));
                head.field(&n);
            }
            head.end();
            head.drain_to(&mut w)?;
            write_rows(tb, opts, &mut w, |r, scratch, e| {
                r.field(&e.id);
                r.field(e.subject_field.as_deref().unwrap_or_default());
                scratch.clear();
                join_list_into(scratch, e.notes.iter().map(String::as_str));
                r.field(scratch);
                for (i, l) in langs.iter().enumerate() {
                    r.field(if i == 0 {
                        e.definition.as_deref().unwrap_or_default()
                    } else {
                        ""
                    });
                    r.field(headword(e, l));
                }
                r.end();
            })?;
        }
        CsvProfile::Trados => {
            for l in &langs {
                head.field(&language_name(l));
            }
            head.record(["Subject", "Definition", "Note"]);
            head.drain_to(&mut w)?;
            write_rows(tb, opts, &mut w, |r, scratch, e| {
                for l in &langs {
                    r.field(headword(e, l));
                }
                r.field(e.subject_field.as_deref().unwrap_or_default());
                r.field(e.definition.as_deref().unwrap_or_default());
                scratch.clear();
                join_list_into(scratch, e.notes.iter().map(String::as_str));
                r.field(scratch);
                r.end();
            })?;
        }
        CsvProfile::Phrase => {
            head.record(langs.iter().map(String::as_str).chain(["description"]));
            head.drain_to(&mut w)?;
            write_rows(tb, opts, &mut w, |r, _, e| {
                for l in &langs {
                    r.field(headword(e, l));
                }
                r.field(e.definition.as_deref().unwrap_or_default());
                r.end();
            })?;
        }
        CsvProfile::Omegat => {}
    }
    w.flush()?;
    Ok(())
}

/// Writes one record per entry, made by `row`, in the order of the entries. The records are
/// formatted in parallel, a window of chunks at a time (so that the text held in memory stays
/// bounded), and each window is written while the next one is formatted.
fn write_rows<W, F>(
    tb: &TermBase,
    opts: &CsvOptions,
    w: &mut W,
    row: F,
) -> Result<(), GlossaryError>
where
    W: Write,
    F: Fn(&mut Records, &mut String, &ConceptEntry) + Sync,
{
    let format = |window: &[ConceptEntry]| -> Vec<Vec<u8>> {
        window
            .par_chunks(ENTRIES_PER_CHUNK)
            .map(|chunk| {
                let mut r = Records::new(opts.delimiter, opts.neutralize);
                let mut scratch = String::new();
                for e in chunk {
                    row(&mut r, &mut scratch, e);
                }
                r.buf
            })
            .collect()
    };
    let emit = |w: &mut W, parts: Vec<Vec<u8>>| -> std::io::Result<()> {
        parts.iter().try_for_each(|p| w.write_all(p))
    };
    let mut formatted = Vec::new();
    for window in tb.entries.chunks(ENTRIES_PER_CHUNK * CHUNKS_PER_WINDOW) {
        let ready = std::mem::take(&mut formatted);
        let mut written = Ok(());
        // The formatting is spawned on the thread pool; the writing stays on this thread (the
        // writer need not be `Send`).
        rayon::in_place_scope(|scope| {
            scope.spawn(|_| formatted = format(window));
            written = emit(w, ready);
        });
        written?;
    }
    emit(w, formatted)?;
    Ok(())
}

fn headword<'a>(e: &'a ConceptEntry, lang: &str) -> &'a str {
    e.lang(lang)
        .and_then(|l| l.headword())
        .map(|t| t.term.as_str())
        .unwrap_or_default()
}

/// A score as `{}` writes it, empty when absent or not finite.
fn score_field(r: &mut Records, scratch: &mut String, s: Option<f64>) {
    scratch.clear();
    if let Some(x) = s.filter(|x| x.is_finite()) {
        crate::marker::push_f64(scratch, x);
    }
    r.field(scratch);
}

/// A count in decimal, empty when 0.
fn count_field(r: &mut Records, n: u64) {
    if n == 0 {
        r.field("");
    } else {
        r.field(itoa::Buffer::new().format(n));
    }
}

/// A list joined with [`join_list_into`].
fn list_field<'a>(r: &mut Records, scratch: &mut String, items: impl IntoIterator<Item = &'a str>) {
    scratch.clear();
    join_list_into(scratch, items);
    r.field(scratch);
}

fn generic_row(
    r: &mut Records,
    scratch: &mut String,
    e: &ConceptEntry,
    source: &str,
    targets: &[String],
) {
    let src = e.lang(source);
    let head: Option<&TermRecord> = src.and_then(|l| l.headword());
    r.field(head.map(|t| t.term.as_str()).unwrap_or_default());
    r.field(source);
    list_field(
        r,
        scratch,
        src.into_iter()
            .flat_map(|l| l.terms.iter().skip(1).map(|t| t.term.as_str())),
    );
    r.field(
        head.and_then(|t| t.part_of_speech)
            .map(|p| p.as_tbx())
            .unwrap_or_default(),
    );
    r.field(
        head.and_then(|t| t.term_type)
            .map(|p| p.as_tbx())
            .unwrap_or_default(),
    );
    count_field(r, head.map_or(0, |t| t.frequency));
    count_field(r, head.map_or(0, |t| t.doc_frequency));
    score_field(r, scratch, head.and_then(|t| t.score));
    let ctx = head.and_then(|t| t.contexts.first());
    r.field(ctx.map(|c| c.text.as_str()).unwrap_or_default());
    r.field(ctx.and_then(|c| c.source.as_deref()).unwrap_or_default());
    list_field(
        r,
        scratch,
        head.into_iter()
            .flat_map(|t| t.sources.iter().map(String::as_str)),
    );
    for tl in targets {
        let sec = e.lang(tl);
        let eq = sec
            .and_then(|l| l.headword())
            .and_then(|t| t.equivalent.as_ref());
        list_field(
            r,
            scratch,
            sec.into_iter()
                .flat_map(|l| l.terms.iter().map(|t| t.term.as_str())),
        );
        score_field(r, scratch, eq.and_then(|q| q.score));
        r.field(eq.map(|q| q.method.as_str()).unwrap_or_default());
        list_field(
            r,
            scratch,
            eq.into_iter()
                .flat_map(|q| q.evidence.iter().map(String::as_str)),
        );
    }
    r.end();
}

/// OmegaT: `source<TAB>target<TAB>comment` lines, no header, LF line ends.
fn write_omegat<W: Write>(tb: &TermBase, opts: &CsvOptions, w: W) -> Result<(), GlossaryError> {
    let mut w = std::io::BufWriter::new(w);
    let langs = tb.languages();
    let (Some(source), Some(target)) = (langs.first(), langs.get(1)) else {
        w.flush()?;
        return Ok(());
    };
    let clean = |s: &str| -> String {
        let s: String = s
            .chars()
            .map(|c| {
                if matches!(c, '\t' | '\n' | '\r') {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        if opts.neutralize {
            guard(&s).into_owned()
        } else {
            s
        }
    };
    for e in &tb.entries {
        let (Some(s), Some(t)) = (e.lang(source), e.lang(target)) else {
            continue;
        };
        let (Some(sh), Some(th)) = (s.headword(), t.headword()) else {
            continue;
        };
        let comment = e
            .definition
            .clone()
            .or_else(|| sh.contexts.first().map(|c| c.text.clone()))
            .unwrap_or_default();
        let comment = clean(&comment);
        let mut pairs: Vec<(&str, &str)> = t
            .terms
            .iter()
            .map(|tt| (sh.term.as_str(), tt.term.as_str()))
            .collect();
        pairs.extend(
            s.terms
                .iter()
                .skip(1)
                .map(|st| (st.term.as_str(), th.term.as_str())),
        );
        for (a, b) in pairs {
            if a.trim().is_empty() || b.trim().is_empty() {
                continue;
            }
            writeln!(w, "{}\t{}\t{}", clean(a), clean(b), comment)?;
        }
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The records as the `csv` crate writes them (the writer this module used before).
    fn with_csv_crate(rows: &[Vec<String>], delimiter: u8, neutralize: bool) -> Vec<u8> {
        let mut cw = ::csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(::csv::Terminator::CRLF)
            .flexible(true)
            .from_writer(Vec::new());
        for row in rows {
            if neutralize {
                cw.write_record(row.iter().map(|c| guard(c).into_owned()))
            } else {
                cw.write_record(row)
            }
            .unwrap();
        }
        cw.into_inner().unwrap()
    }

    fn with_records(rows: &[Vec<String>], delimiter: u8, neutralize: bool) -> Vec<u8> {
        let mut r = Records::new(delimiter, neutralize);
        for row in rows {
            r.record(row.iter().map(String::as_str));
        }
        let mut out = Vec::new();
        r.drain_to(&mut out).unwrap();
        assert!(r.buf.is_empty());
        out
    }

    proptest! {
        #[test]
        fn records_are_written_as_the_csv_crate_writes_them(
            rows in prop::collection::vec(
                prop::collection::vec("([\"',;\t\r\n=+@ a-zé|\\\\-]|.){0,40}", 0..5),
                0..6,
            ),
            delimiter in prop::sample::select(vec![b',', b'\t', b';']),
            neutralize in any::<bool>(),
        ) {
            prop_assert_eq!(
                with_records(&rows, delimiter, neutralize),
                with_csv_crate(&rows, delimiter, neutralize)
            );
        }

        #[test]
        fn long_fields_are_quoted_as_the_csv_crate_quotes_them(
            cell in "[a-z ]{0,70}",
            special in prop::sample::select(vec!["", "\"", ",", ";", "\t", "\r", "\n", "é"]),
            at in 0usize..70,
        ) {
            let mut cell = cell;
            let at = at.min(cell.len());
            cell.insert_str(at, special);
            let rows = vec![vec![cell.clone(), cell]];
            for d in [b',', b'\t', b';'] {
                prop_assert_eq!(with_records(&rows, d, true), with_csv_crate(&rows, d, true));
            }
        }
    }

    /// Every profile: the header names the columns of its layout, and every record has as many
    /// fields as the header (the `csv` crate's writer checked this).
    #[test]
    fn every_profile_writes_its_header_and_records_of_its_width() {
        use crate::model::{EquivalentInfo, LangSection};
        let mut tb = TermBase::new("fr", &["en"]);
        for i in 0..(ENTRIES_PER_CHUNK * 3 + 5) {
            let mut t = TermRecord::new(format!("terme {i}, \"x\""));
            t.frequency = i as u64;
            t.score = Some(i as f64 / 7.0);
            t.sources = vec!["a|b.txt".into(), "c.txt".into()];
            let mut en = TermRecord::new(format!("=term {i}"));
            en.equivalent = Some(EquivalentInfo {
                method: "parallel".into(),
                score: Some(0.5),
                evidence: vec!["x\ny".into()],
                verified: false,
            });
            tb.entries.push(ConceptEntry {
                id: format!("c{i}"),
                definition: (i % 3 == 0).then(|| "déf; \"d\"".to_string()),
                notes: vec!["n1".into(), "n|2".into()],
                langs: vec![
                    LangSection {
                        lang: "fr".into(),
                        terms: vec![t, TermRecord::new("-variante")],
                    },
                    LangSection {
                        lang: "en".into(),
                        terms: vec![en],
                    },
                ],
                ..ConceptEntry::default()
            });
        }
        let headers = [
            (CsvProfile::Generic, "term,language,variants,part_of_speech,term_type,frequency,doc_frequency,score,context,context_source,sources,en_equivalent,en_score,en_method,en_evidence"),
            (CsvProfile::Memoq, "\u{FEFF}Entry_ID;Entry_Subject;Entry_Note;French_Def;French;English_Def;English"),
            (CsvProfile::Trados, "French,English,Subject,Definition,Note"),
            (CsvProfile::Phrase, "fr,en,description"),
        ];
        for (p, header) in headers {
            let mut out = Vec::new();
            write(&tb, &CsvOptions::new(p), &mut out).unwrap();
            let text = String::from_utf8(out).unwrap();
            assert!(
                text.starts_with(&format!("{header}\r\n")),
                "{p:?}: {text:.200}"
            );
            let body = text.trim_start_matches('\u{FEFF}');
            let mut rdr = ::csv::ReaderBuilder::new()
                .delimiter(p.default_delimiter())
                .has_headers(false)
                .from_reader(body.as_bytes());
            let widths: Vec<usize> = rdr.records().map(|r| r.unwrap().len()).collect();
            assert_eq!(widths.len(), tb.entries.len() + 1, "{p:?}");
            assert!(widths.iter().all(|&n| n == widths[0]), "{p:?}");
        }
    }

    #[test]
    fn single_empty_fields_are_written_as_the_csv_crate_writes_them() {
        let rows = vec![
            vec![],
            vec![String::new()],
            vec![String::new(), String::new()],
        ];
        assert_eq!(with_records(&rows, b',', true), b"\"\"\r\n\"\"\r\n,\r\n");
        assert_eq!(
            with_records(&rows, b',', true),
            with_csv_crate(&rows, b',', true)
        );
    }
}
