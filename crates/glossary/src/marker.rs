//! How termsmith marks what it generated, so that people's edits can be told
//! apart and are never overwritten by a merge.
//!
//! TBX-Basic has no data category for corpus figures or equivalent evidence,
//! and no place for "who wrote this" other than a transaction. termsmith uses
//! only valid TBX-Basic elements:
//!
//! * **Machine notes**: `<note>` elements whose text starts with
//!   [`PREFIX`] (`"[termsmith] "`), e.g.
//!   `[termsmith] frequency: 12; document frequency: 3; score: 0.75`,
//!   `[termsmith] equivalent: unverified candidate, score 0.42, method parallel`,
//!   `[termsmith] evidence: …`, `[termsmith] named entity`,
//!   `[termsmith] status: new`, `[termsmith] context 1 span: 10-25`,
//!   `[termsmith] part of speech: properNoun` (TBX v3 has no such value),
//!   `[termsmith] date: …` (a date that is not `YYYY-MM-DD`),
//!   `[termsmith] fingerprint: 0123456789abcdef`. In the header,
//!   `sourceDesc` paragraphs `[termsmith] target languages: en, de` and
//!   `[termsmith] created: 2026-01-01`.
//!   Readers turn them back into model fields; a note starting with the
//!   prefix that does not parse stays a free note.
//! * **Responsibility**: every entry and term that is not `human_edited` gets
//!   `<transacGrp><transac type="transactionType">origination</transac>
//!   <transacNote type="responsibility">termsmith</transacNote>…</transacGrp>`.
//! * **Fingerprint**: a machine note with a 64-bit FNV-1a hash of the fields a
//!   person may edit in a CAT tool (entry: subject field, definition, free
//!   notes, sources; term: text, part of speech, term type, administrative status,
//!   gender, free notes).
//!
//! On reading, an entry or term counts as **human-edited** unless it carries
//! the termsmith responsibility *and* a fingerprint that matches its content.
//! So a term base made by someone else is entirely human, and an entry whose
//! definition or status a translator changed in memoQ becomes human when it
//! comes back. Contexts, figures and equivalent notes are not fingerprinted:
//! the pipeline owns them.
//!
//! Limitation: a free note that a person starts with `[termsmith] ` and that
//! happens to parse as a machine note is read as one.

use crate::model::{ConceptEntry, EntryStatus, PartOfSpeech, Span, TermRecord};
use crate::xmltext::sanitize;

/// Prefix of every machine note.
pub const PREFIX: &str = "[termsmith] ";
/// Value of `transacNote type="responsibility"` on machine-made entries and terms.
pub const RESPONSIBILITY: &str = "termsmith";

/// A parsed machine note.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum MachineNote {
    Stats {
        frequency: u64,
        doc_frequency: u64,
        score: Option<f64>,
    },
    NamedEntity,
    Equivalent {
        verified: bool,
        score: Option<f64>,
        method: String,
    },
    Evidence(String),
    Status(EntryStatus),
    ContextSpan {
        index: usize,
        span: Span,
    },
    ProperNoun,
    Date(String),
    Fingerprint(u64),
    TargetLangs(Vec<String>),
    Created(String),
}

impl MachineNote {
    pub(crate) fn format(&self) -> String {
        let mut s = String::new();
        self.write_to(&mut s);
        s
    }

    /// True when the note text holds only termsmith's own words, numbers and ASCII punctuation
    /// other than `& < >`: it is then written in XML as it is, without escaping.
    pub(crate) fn is_plain(&self) -> bool {
        matches!(
            self,
            MachineNote::Stats { .. }
                | MachineNote::NamedEntity
                | MachineNote::Status(_)
                | MachineNote::ContextSpan { .. }
                | MachineNote::ProperNoun
                | MachineNote::Fingerprint(_)
        )
    }

    /// Appends the note text (as [`MachineNote::format`] gives it) to `out`.
    pub(crate) fn write_to(&self, out: &mut String) {
        out.push_str(PREFIX);
        // Writing into a String cannot fail.
        match self {
            MachineNote::Stats {
                frequency,
                doc_frequency,
                score,
            } => {
                let mut sep = "";
                if *frequency > 0 {
                    out.push_str("frequency: ");
                    push_decimal(out, *frequency);
                    sep = "; ";
                }
                if *doc_frequency > 0 {
                    out.push_str(sep);
                    out.push_str("document frequency: ");
                    push_decimal(out, *doc_frequency);
                    sep = "; ";
                }
                if let Some(s) = score {
                    out.push_str(sep);
                    out.push_str("score: ");
                    push_f64(out, *s);
                }
            }
            MachineNote::NamedEntity => out.push_str("named entity"),
            MachineNote::Equivalent {
                verified,
                score,
                method,
            } => {
                out.push_str(if *verified {
                    "equivalent: verified"
                } else {
                    "equivalent: unverified candidate"
                });
                if let Some(sc) = score {
                    out.push_str(", score ");
                    push_f64(out, *sc);
                }
                if !method.is_empty() {
                    out.push_str(", method ");
                    out.push_str(method);
                }
            }
            MachineNote::Evidence(e) => {
                out.push_str("evidence: ");
                out.push_str(e);
            }
            MachineNote::Status(st) => {
                out.push_str("status: ");
                out.push_str(match st {
                    EntryStatus::New => "new",
                    EntryStatus::Updated => "updated",
                    EntryStatus::Unchanged => "unchanged",
                });
            }
            MachineNote::ContextSpan { index, span } => {
                out.push_str("context ");
                push_decimal(out, (*index as u64).saturating_add(1));
                out.push_str(" span: ");
                push_decimal(out, span.start as u64);
                out.push('-');
                push_decimal(out, span.end as u64);
            }
            MachineNote::ProperNoun => out.push_str("part of speech: properNoun"),
            MachineNote::Date(d) => {
                out.push_str("date: ");
                out.push_str(d);
            }
            MachineNote::Fingerprint(h) => {
                out.push_str("fingerprint: ");
                let mut buf = [0u8; 16];
                for (i, b) in buf.iter_mut().enumerate() {
                    *b = b"0123456789abcdef"[((h >> (60 - 4 * i)) & 0xf) as usize];
                }
                out.push_str(std::str::from_utf8(&buf).unwrap_or_default());
            }
            MachineNote::TargetLangs(l) => {
                out.push_str("target languages: ");
                out.push_str(&l.join(", "));
            }
            MachineNote::Created(d) => {
                out.push_str("created: ");
                out.push_str(d);
            }
        }
    }

    pub(crate) fn parse(s: &str) -> Option<MachineNote> {
        let b = s.strip_prefix(PREFIX)?;
        if b == "named entity" {
            return Some(MachineNote::NamedEntity);
        }
        if b == "part of speech: properNoun" {
            return Some(MachineNote::ProperNoun);
        }
        if let Some(r) = b.strip_prefix("evidence: ") {
            return Some(MachineNote::Evidence(r.to_string()));
        }
        if let Some(r) = b.strip_prefix("date: ") {
            return Some(MachineNote::Date(r.to_string()));
        }
        if let Some(r) = b.strip_prefix("created: ") {
            return Some(MachineNote::Created(r.to_string()));
        }
        if let Some(r) = b.strip_prefix("target languages: ") {
            return Some(MachineNote::TargetLangs(
                r.split(", ")
                    .filter(|x| !x.is_empty())
                    .map(str::to_string)
                    .collect(),
            ));
        }
        if let Some(r) = b.strip_prefix("fingerprint: ") {
            if r.len() == 16 {
                return u64::from_str_radix(r, 16)
                    .ok()
                    .map(MachineNote::Fingerprint);
            }
            return None;
        }
        if let Some(r) = b.strip_prefix("status: ") {
            return Some(MachineNote::Status(match r {
                "new" => EntryStatus::New,
                "updated" => EntryStatus::Updated,
                "unchanged" => EntryStatus::Unchanged,
                _ => return None,
            }));
        }
        if let Some(r) = b.strip_prefix("context ") {
            let (idx, rest) = r.split_once(" span: ")?;
            let index: usize = idx.parse().ok()?;
            let (a, z) = rest.split_once('-')?;
            return Some(MachineNote::ContextSpan {
                index: index.checked_sub(1)?,
                span: Span {
                    start: a.parse().ok()?,
                    end: z.parse().ok()?,
                },
            });
        }
        if let Some(r) = b.strip_prefix("equivalent: ") {
            let (verified, mut rest) = if let Some(x) = r.strip_prefix("verified") {
                (true, x)
            } else if let Some(x) = r.strip_prefix("unverified candidate") {
                (false, x)
            } else {
                return None;
            };
            let mut score = None;
            if let Some(x) = rest.strip_prefix(", score ") {
                let end = x.find(", method ").unwrap_or(x.len());
                score = Some(x[..end].parse::<f64>().ok()?);
                rest = &x[end..];
            }
            let method = if let Some(m) = rest.strip_prefix(", method ") {
                m.to_string()
            } else if rest.is_empty() {
                String::new()
            } else {
                return None;
            };
            return Some(MachineNote::Equivalent {
                verified,
                score,
                method,
            });
        }
        // Stats: any non-empty combination of the three parts, in order.
        let mut frequency = 0;
        let mut doc_frequency = 0;
        let mut score = None;
        let mut any = false;
        for part in b.split("; ") {
            if let Some(v) = part.strip_prefix("frequency: ") {
                frequency = v.parse().ok()?;
            } else if let Some(v) = part.strip_prefix("document frequency: ") {
                doc_frequency = v.parse().ok()?;
            } else if let Some(v) = part.strip_prefix("score: ") {
                score = Some(v.parse::<f64>().ok().filter(|f| f.is_finite())?);
            } else {
                return None;
            }
            any = true;
        }
        any.then_some(MachineNote::Stats {
            frequency,
            doc_frequency,
            score,
        })
    }
}

/// 64-bit FNV-1a.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn bytes(&mut self, b: &[u8]) {
        for &x in b {
            self.0 ^= u64::from(x);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn field(&mut self, s: Option<&str>) {
        match s {
            None => self.bytes(&[0]),
            Some(s) => {
                self.bytes(&[1]);
                self.bytes(sanitize(s).as_bytes());
                self.bytes(&[0x1f]);
            }
        }
    }
    /// As [`Fnv::field`], for termsmith's own words (names and values of data categories),
    /// which [`sanitize`] leaves as they are.
    fn own_field(&mut self, s: Option<&'static str>) {
        match s {
            None => self.bytes(&[0]),
            Some(s) => {
                debug_assert_eq!(sanitize(s), s);
                self.bytes(&[1]);
                self.bytes(s.as_bytes());
                self.bytes(&[0x1f]);
            }
        }
    }
}

/// Fingerprint of the human-editable fields of an entry (as written).
pub(crate) fn entry_fingerprint(e: &ConceptEntry) -> u64 {
    let mut h = Fnv::new();
    h.own_field(Some("entry"));
    h.field(e.subject_field.as_deref());
    h.field(e.definition.as_deref());
    for n in &e.notes {
        h.field(Some(n));
    }
    // Hashed only when present, so entries without sources keep the
    // fingerprints they had before the field existed.
    if !e.sources.is_empty() {
        h.own_field(Some("sources"));
        for s in &e.sources {
            h.field(Some(s));
        }
    }
    h.0
}

/// Fingerprint of the human-editable fields of a term, with the
/// administrative status as written (see [`written_admin_status`]).
pub(crate) fn term_fingerprint(t: &TermRecord) -> u64 {
    let mut h = Fnv::new();
    h.own_field(Some("term"));
    h.field(Some(&t.term));
    h.own_field(t.part_of_speech.map(PartOfSpeech::as_tbx));
    h.own_field(t.term_type.map(|x| x.as_tbx()));
    h.own_field(written_admin_status(t).map(|x| x.as_tbx()));
    h.own_field(t.gender.map(|x| x.as_tbx()));
    for n in &t.notes {
        h.field(Some(n));
    }
    h.0
}

/// The administrative status a writer emits: an unverified equivalent
/// candidate is never preferred (downgraded to admitted).
pub fn written_admin_status(t: &TermRecord) -> Option<crate::model::AdminStatus> {
    use crate::model::AdminStatus;
    match t.admin_status {
        Some(AdminStatus::Preferred) if t.is_unverified_candidate() => Some(AdminStatus::Admitted),
        s => s,
    }
}

/// True when `s` is an ISO 8601 calendar date `YYYY-MM-DD` (what both TBX
/// versions accept in `<date>`).
pub(crate) fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return false;
    }
    let m = (b[5] - b'0') * 10 + (b[6] - b'0');
    let d = (b[8] - b'0') * 10 + (b[9] - b'0');
    (1..=12).contains(&m) && (1..=31).contains(&d) && &s[0..4] != "0000"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_round_trip() {
        let notes = [
            MachineNote::Stats {
                frequency: 12,
                doc_frequency: 3,
                score: Some(0.75),
            },
            MachineNote::Stats {
                frequency: 0,
                doc_frequency: 0,
                score: Some(-1.5e-7),
            },
            MachineNote::NamedEntity,
            MachineNote::Equivalent {
                verified: false,
                score: Some(0.42),
                method: "parallel, with , method x".into(),
            },
            MachineNote::Equivalent {
                verified: true,
                score: None,
                method: String::new(),
            },
            MachineNote::Evidence("a; b\nc".into()),
            MachineNote::Status(EntryStatus::Updated),
            MachineNote::ContextSpan {
                index: 2,
                span: Span { start: 10, end: 25 },
            },
            MachineNote::ProperNoun,
            MachineNote::Date("yesterday".into()),
            MachineNote::Fingerprint(0xdead_beef),
            MachineNote::TargetLangs(vec!["en".into(), "de".into()]),
            MachineNote::Created("2026-01-01".into()),
        ];
        for n in notes {
            let s = n.format();
            assert!(s.starts_with(PREFIX));
            if n.is_plain() {
                assert!(!s.contains(['&', '<', '>']) && s.is_ascii(), "{s}");
                assert!(!s.bytes().any(|b| b < 0x20), "{s}");
            }
            assert_eq!(MachineNote::parse(&s), Some(n), "{s}");
        }
        assert_eq!(
            MachineNote::Equivalent {
                verified: false,
                score: Some(0.42),
                method: "parallel".into()
            }
            .format(),
            "[termsmith] equivalent: unverified candidate, score 0.42, method parallel"
        );
        assert_eq!(MachineNote::parse("[termsmith] hello"), None);
        assert_eq!(MachineNote::parse("[termsmith] "), None);
        assert_eq!(MachineNote::parse("frequency: 3"), None);
    }

    #[test]
    fn dates() {
        assert!(is_iso_date("2025-01-15"));
        assert!(!is_iso_date("2025-13-15"));
        assert!(!is_iso_date("2025-1-15"));
        assert!(!is_iso_date("15/01/2025"));
    }

    #[test]
    fn fingerprint_changes_with_admin_status() {
        let mut t = TermRecord::new("x");
        let a = term_fingerprint(&t);
        t.admin_status = Some(crate::model::AdminStatus::Deprecated);
        assert_ne!(a, term_fingerprint(&t));
    }
}

/// Appends `n` in decimal (as `{n}` formats it, without the formatting machinery: machine
/// notes are written several times per term).
pub(crate) fn push_decimal(out: &mut String, n: u64) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// Appends `x` as `{x}` formats it: the shortest decimal that reads back as `x`, without
/// exponent. A value with at most 4 decimals and below 10^9 in magnitude (scores are rounded to 4
/// decimals) is written without the formatting machinery: it is the double nearest to `n / 10^4`
/// for an integer `n`, and no other decimal with as few digits lies within half an ulp of it
/// (an ulp is below 10^-6 there, two decimals with 4 places are 10^-4 apart).
pub(crate) fn push_f64(out: &mut String, x: f64) {
    let n = (x * 10_000.0).round();
    if n.abs() < 1e13 && (n / 10_000.0).to_bits() == x.to_bits() {
        if x.is_sign_negative() {
            out.push('-');
        }
        // Exact: an integer below 2^53.
        let n = n.abs() as u64;
        push_decimal(out, n / 10_000);
        let mut f = n % 10_000;
        if f != 0 {
            let mut digits = 4;
            while f % 10 == 0 {
                f /= 10;
                digits -= 1;
            }
            out.push('.');
            let mut buf = itoa::Buffer::new();
            let s = buf.format(f);
            for _ in s.len()..digits {
                out.push('0');
            }
            out.push_str(s);
        }
        return;
    }
    use std::fmt::Write as _;
    let _ = write!(out, "{x}");
}

#[cfg(test)]
mod push_tests {
    use super::*;

    #[test]
    fn floats_are_written_as_format_writes_them() {
        let mut xs = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            16.8255,
            0.0001,
            -0.0001,
            0.00005,
            1e-5,
            123_456_789.987_6,
            999_999_999.999_9,
            1e9,
            -1e9,
            1e13,
            1e300,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            0.1 + 0.2,
        ];
        // Pseudo-random values: any bits, scores rounded to 4 decimals, and small decimals.
        let mut z = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..300_000 {
            z ^= z << 13;
            z ^= z >> 7;
            z ^= z << 17;
            let any = f64::from_bits(z);
            xs.push(any);
            let scaled = (z % 2_000_000_000) as f64 / 1e4 - 1e5;
            xs.push(scaled);
            xs.push((scaled * 10_000.0).round() / 10_000.0);
            xs.push(((z >> 20) as f64 / 1e4).round() / 1e4 * if z & 1 == 1 { -1.0 } else { 1.0 });
            xs.push((z % 100_000) as f64 * 1e-4);
            xs.push((z % 100_000) as f64 / 1e4);
        }
        for x in xs {
            let mut s = String::from("x");
            push_f64(&mut s, x);
            assert_eq!(s, format!("x{x}"), "{x:e}");
        }
    }

    #[test]
    fn numbers_are_written_as_format_writes_them() {
        for n in [
            0u64,
            1,
            9,
            10,
            99,
            100,
            12345,
            u64::from(u32::MAX),
            u64::MAX,
        ] {
            let mut s = String::new();
            push_decimal(&mut s, n);
            assert_eq!(s, n.to_string());
        }
        for h in [0u64, 1, 0xabc, 0x0123_4567_89ab_cdef, u64::MAX] {
            assert_eq!(
                MachineNote::Fingerprint(h).format(),
                format!("{PREFIX}fingerprint: {h:016x}")
            );
        }
    }
}
