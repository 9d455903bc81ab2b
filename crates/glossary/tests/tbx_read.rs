//! TBX reader: samples of the conformance kit, round trips, hostile input.

mod common;

use termsmith_glossary::model::*;
use termsmith_glossary::tbx::{self, ReadOptions, TbxVersion};
use termsmith_glossary::GlossaryError;

/// The samples of the TBX conformance kit, vendored in `tools/tbx-kit/samples`.
const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tools/tbx-kit/samples");

fn sample(name: &str) -> Option<Vec<u8>> {
    Some(
        std::fs::read(format!("{SAMPLES}/{name}"))
            .unwrap_or_else(|e| panic!("{SAMPLES}/{name}: {e}")),
    )
}

fn write(tb: &TermBase, v: TbxVersion) -> Vec<u8> {
    let mut out = Vec::new();
    tbx::write(tb, v, &mut out).unwrap();
    out
}

/// What TBX cannot carry: unverified preferred is written admitted.
pub fn tbx_view(tb: &TermBase) -> TermBase {
    let mut tb = tb.clone();
    for e in &mut tb.entries {
        for l in &mut e.langs {
            for t in &mut l.terms {
                t.admin_status = termsmith_glossary::marker::written_admin_status(t);
            }
        }
    }
    tb
}

#[test]
fn golden_round_trips_in_both_versions() {
    let tb = common::sample();
    for v in [TbxVersion::V3, TbxVersion::V2] {
        let bytes = write(&tb, v);
        let (back, report) = tbx::read(&bytes[..]).unwrap();
        assert!(report.warnings.is_empty(), "{:?}", report.warnings);
        assert_eq!(back, tbx_view(&tb), "{v:?}");
    }
}

#[test]
fn reads_kit_samples() {
    let Some(v3) = sample("valid-v3-basic.tbx") else {
        return;
    };
    let (tb, report) = tbx::read(&v3[..]).unwrap();
    assert_eq!(tb.entries.len(), 3);
    assert_eq!(tb.header.source_lang, "en");
    let c2 = &tb.entries[1];
    assert_eq!(c2.id, "c2");
    assert!(c2.human_edited, "no termsmith marker: human");
    let en = c2.lang("en").unwrap();
    assert_eq!(en.terms.len(), 2);
    assert_eq!(en.terms[1].term_type, Some(TermType::FullForm));
    assert_eq!(en.terms[0].admin_status, Some(AdminStatus::Preferred));
    assert!(c2
        .definition
        .as_deref()
        .unwrap()
        .starts_with("Directive (EU) 2016/1148"));
    assert!(
        c2.notes.iter().any(|n| n.contains("EUR-Lex")),
        "xref kept as a note"
    );
    let fr = tb.entries[0].lang("fr").unwrap();
    assert_eq!(fr.terms[0].gender, Some(Gender::Feminine));
    assert!(fr.terms[0].contexts[0].text.contains("priorité"));
    assert_eq!(tb.entries[0].date.as_deref(), Some("2025-01-15"));
    let _ = report;

    let v2 = sample("valid-v2-basic.tbx").unwrap();
    let (tb2, _) = tbx::read(&v2[..]).unwrap();
    assert_eq!(tb2.entries.len(), 3);
    assert_eq!(tb2.entries[2].lang("en").unwrap().terms[1].term, "CBMs");
    // Same concepts whatever the version.
    let terms = |tb: &TermBase| -> Vec<String> {
        tb.entries
            .iter()
            .flat_map(|e| {
                e.langs
                    .iter()
                    .flat_map(|l| l.terms.iter().map(|t| t.term.clone()))
            })
            .collect()
    };
    assert_eq!(terms(&tb), terms(&tb2));
}

#[test]
fn tolerant_of_other_dialect_data() {
    let Some(b) = sample("invalid-datcat.tbx") else {
        return;
    };
    let (tb, report) = tbx::read(&b[..]).unwrap();
    let fr = &tb.entries[0].langs[0].terms[0];
    assert_eq!(fr.part_of_speech, Some(PartOfSpeech::ProperNoun));
    assert!(fr.notes.iter().any(|n| n.contains("register")));
    assert!(!report.warnings.is_empty());
    // Structurally invalid but well-formed: still read, never a crash.
    for name in [
        "invalid-element-order.tbx",
        "invalid-nesting.tbx",
        "invalid-missing-attribute.tbx",
        "strict-bad-target.tbx",
        "invalid-v2-datcat.tbx",
        "invalid-v2-missing-attribute.tbx",
    ] {
        let b = sample(name).unwrap();
        assert!(tbx::read(&b[..]).is_ok(), "{name}");
    }
}

#[test]
fn refuses_billion_laughs() {
    let Some(b) = sample("invalid-billion-laughs.tbx") else {
        return;
    };
    match tbx::read(&b[..]) {
        Err(GlossaryError::EntityDeclaration { pos }) => assert_eq!(pos.line, 5),
        other => panic!("{other:?}"),
    }
}

#[test]
fn not_well_formed_has_position() {
    let Some(b) = sample("invalid-not-well-formed.tbx") else {
        return;
    };
    match tbx::read(&b[..]) {
        Err(GlossaryError::Xml { pos, .. }) => {
            assert!(pos.line >= 14 && pos.line <= 15, "{pos}");
            assert!(pos.byte > 0);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn depth_limit() {
    let mut s = String::from("<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\"><text><body><conceptEntry id=\"c\"><note>");
    for _ in 0..200 {
        s.push_str("<hi>");
    }
    match tbx::read(s.as_bytes()) {
        Err(GlossaryError::TooDeep { limit, .. }) => assert_eq!(limit, 64),
        other => panic!("{other:?}"),
    }
    let opts = ReadOptions::new().max_text(10);
    let s = "<tbx xml:lang=\"en\"><text><body><conceptEntry id=\"c\"><note>0123456789ABCDEF</note></conceptEntry></body></text></tbx>";
    assert!(matches!(
        tbx::read_entries(s.as_bytes(), &opts, |_| Ok(())),
        Err(GlossaryError::TooLarge { .. })
    ));
}

#[test]
fn encodings() {
    let tb = common::sample();
    let utf8 = String::from_utf8(write(&tb, TbxVersion::V3)).unwrap();
    for le in [true, false] {
        let mut b = if le {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for u in utf8.encode_utf16() {
            b.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        let (back, _) = tbx::read(&b[..]).unwrap();
        assert_eq!(back, tbx_view(&tb));
    }
    let latin1 = b"<?xml version=\"1.0\"?>\n<tbx xml:lang=\"fr\">\n<text><body><conceptEntry id=\"c\"><langSec xml:lang=\"fr\"><termSec><term>r\xe9silience</term></termSec></langSec></conceptEntry></body></text></tbx>";
    match tbx::read(&latin1[..]) {
        Err(GlossaryError::Encoding { pos, encoding }) => {
            assert_eq!(encoding, "UTF-8");
            assert_eq!(pos.line, 3);
            assert_eq!(pos.byte, 114);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn garbage_never_panics() {
    for input in [
        &b""[..],
        b"<",
        b"<tbx",
        b"<html/>",
        b"<tbx xml:lang='en'><text><body><conceptEntry><langSec><termSec><term>x</term>",
        b"<tbx xml:lang='en'>&undefined;</tbx>",
        b"<tbx xml:lang='en'><![CDATA[x]]></tbx>",
        b"\xff\xfe<\x00",
    ] {
        let _ = tbx::read(input);
    }
}

#[test]
fn human_edit_detected_by_fingerprint() {
    let tb = common::sample();
    let xml = String::from_utf8(write(&tb, TbxVersion::V3)).unwrap();
    // A translator changes the status of "SRI"'s equivalent in a CAT tool.
    let edited = xml.replacen(
        "<term>network and information security</term>\n\t\t\t\t\t\t<termNote type=\"termType\">fullForm</termNote>",
        "<term>network and information security</term>\n\t\t\t\t\t\t<termNote type=\"termType\">fullForm</termNote>\n\t\t\t\t\t\t<termNote type=\"administrativeStatus\">deprecatedTerm-admn-sts</termNote>",
        1,
    );
    assert_ne!(edited, xml);
    let (back, _) = tbx::read(edited.as_bytes()).unwrap();
    let t = &back.entries[1].lang("en").unwrap().terms[1];
    assert!(t.human_edited);
    assert!(!back.entries[1].lang("en").unwrap().terms[0].human_edited);
    // An edited definition makes the entry human.
    let edited = xml.replacen("withstand &amp; recover", "withstand and recover", 1);
    let (back, _) = tbx::read(edited.as_bytes()).unwrap();
    assert!(back.entries[0].human_edited);
    assert!(!back.entries[1].human_edited);
}

/// A reader that produces a large TBX file on the fly, never held in memory.
struct Generated {
    n: usize,
    i: usize,
    buf: Vec<u8>,
    pos: usize,
    done: bool,
}

impl std::io::Read for Generated {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.pos == self.buf.len() {
            self.buf.clear();
            self.pos = 0;
            if self.i == 0 {
                self.buf.extend_from_slice(b"<?xml version=\"1.0\"?>\n<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"fr\" xmlns=\"urn:iso:std:iso:30042:ed-2\"><tbxHeader><fileDesc><sourceDesc><p>gen</p></sourceDesc></fileDesc></tbxHeader><text><body>\n");
            }
            if self.i < self.n {
                let s = format!("<conceptEntry id=\"c{0}\"><langSec xml:lang=\"fr\"><termSec><term>terme {0}</term><descrip type=\"context\">Un contexte assez long pour le terme {0} &amp; ses amis.</descrip></termSec></langSec></conceptEntry>\n", self.i);
                self.buf.extend_from_slice(s.as_bytes());
                self.i += 1;
            } else if !self.done {
                self.buf.extend_from_slice(b"</body></text></tbx>\n");
                self.done = true;
            } else {
                return Ok(0);
            }
        }
        let k = out.len().min(self.buf.len() - self.pos);
        out[..k].copy_from_slice(&self.buf[self.pos..self.pos + k]);
        self.pos += k;
        Ok(k)
    }
}

#[test]
fn streams_large_input() {
    let n = 30_000;
    let src = Generated {
        n,
        i: 0,
        buf: Vec::new(),
        pos: 0,
        done: false,
    };
    let mut count = 0usize;
    let mut last = String::new();
    let (header, report, version) = tbx::read_entries(src, &ReadOptions::new(), |e| {
        count += 1;
        last = e.id;
        Ok(())
    })
    .unwrap();
    assert_eq!(count, n);
    assert_eq!(last, format!("c{}", n - 1));
    assert_eq!(header.source_desc, "gen");
    assert_eq!(version, TbxVersion::V3);
    assert!(report.warnings.is_empty());
}
