//! Streaming TBX reader (v3 and v2; TBX-Basic, tolerant of other dialects).

use std::borrow::Cow;
use std::io::Read;

use quick_xml::events::{BytesStart, Event};

use super::TbxVersion;
use crate::decode::{from_io_ref, Utf8Reader};
use crate::error::{GlossaryError, Position, ReadReport};
use crate::marker::{
    entry_fingerprint, is_iso_date, term_fingerprint, MachineNote, RESPONSIBILITY,
};
use crate::model::{
    AdminStatus, ConceptEntry, ContextRecord, EntryStatus, EquivalentInfo, Gender, Header,
    LangSection, PartOfSpeech, TermBase, TermRecord, TermType,
};

/// Limits of the TBX reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    max_depth: usize,
    max_text: usize,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            max_depth: 64,
            max_text: 8 << 20,
        }
    }
}

impl ReadOptions {
    /// Default limits: depth 64, 8 MiB per text value.
    pub fn new() -> ReadOptions {
        ReadOptions::default()
    }
    /// Maximum element nesting depth ([`GlossaryError::TooDeep`] beyond).
    pub fn max_depth(mut self, depth: usize) -> ReadOptions {
        self.max_depth = depth;
        self
    }
    /// Maximum size in bytes of one text value ([`GlossaryError::TooLarge`] beyond).
    pub fn max_text(mut self, bytes: usize) -> ReadOptions {
        self.max_text = bytes;
        self
    }
}

/// Reads a whole TBX file (v3 or v2, detected from the root element) into a
/// term base. UTF-8 (with or without BOM) and UTF-16 with BOM are accepted.
/// A DOCTYPE that declares entities is refused; nothing external is loaded.
pub fn read<R: Read>(r: R) -> Result<(TermBase, ReadReport), GlossaryError> {
    let mut entries = Vec::new();
    let (header, report, _) = read_entries(r, &ReadOptions::default(), |e| {
        entries.push(e);
        Ok(())
    })?;
    Ok((TermBase { header, entries }, report))
}

/// Streams the entries of a TBX file to `on_entry` one at a time (memory
/// bounded by the largest entry), then returns the header, the report and the
/// detected version. An error returned by `on_entry` stops reading.
pub fn read_entries<R: Read, F>(
    r: R,
    opts: &ReadOptions,
    mut on_entry: F,
) -> Result<(Header, ReadReport, TbxVersion), GlossaryError>
where
    F: FnMut(ConceptEntry) -> Result<(), GlossaryError>,
{
    let decoded = Utf8Reader::new(r)?;
    let mut xml = quick_xml::Reader::from_reader(decoded);
    {
        let c = xml.config_mut();
        c.trim_text(false);
        c.expand_empty_elements = true;
        c.check_end_names = true;
    }
    let mut st = State::new(opts.clone());
    let mut buf = Vec::with_capacity(1024);
    loop {
        let before = xml.buffer_position();
        let ev = match xml.read_event_into(&mut buf) {
            Ok(ev) => ev,
            Err(e) => return Err(st.xml_error(&e, xml.error_position())),
        };
        st.pos = Position {
            line: st.lines + 1,
            byte: before,
        };
        match ev {
            Event::Start(e) => {
                st.lines += count_nl(&e);
                st.start(&e)?;
            }
            Event::End(e) => {
                st.lines += count_nl(&e);
                if let Some(entry) = st.end()? {
                    on_entry(entry)?;
                }
            }
            Event::Empty(e) => {
                st.lines += count_nl(&e);
                st.start(&e)?;
                if let Some(entry) = st.end()? {
                    on_entry(entry)?;
                }
            }
            Event::Text(t) => {
                st.lines += count_nl(&t);
                let s = t.unescape().map_err(|e| GlossaryError::Xml {
                    pos: st.pos,
                    message: e.to_string(),
                })?;
                st.text(&s)?;
            }
            Event::CData(t) => {
                st.lines += count_nl(&t);
                let s = std::str::from_utf8(&t).map_err(|_| GlossaryError::Encoding {
                    pos: st.pos,
                    encoding: "UTF-8",
                })?;
                let s = s.to_string();
                st.text(&s)?;
            }
            Event::DocType(t) => {
                st.lines += count_nl(&t);
                if t.windows(8).any(|w| w == b"<!ENTITY") {
                    return Err(GlossaryError::EntityDeclaration { pos: st.pos });
                }
            }
            Event::Comment(t) => st.lines += count_nl(&t),
            Event::PI(t) => st.lines += count_nl(&t),
            Event::Decl(t) => st.lines += count_nl(&t),
            Event::Eof => break,
        }
        buf.clear();
    }
    if !st.stack.is_empty() || st.version.is_none() {
        return Err(GlossaryError::Xml {
            pos: st.pos,
            message: if st.version.is_none() {
                "no root element".into()
            } else {
                format!(
                    "unexpected end of file inside <{}>",
                    st.stack.last().map(|f| f.name.as_ref()).unwrap_or("")
                )
            },
        });
    }
    let version = st.version.unwrap_or(TbxVersion::V3);
    Ok((st.header, st.report, version))
}

fn count_nl(b: &[u8]) -> u64 {
    // A plain loop: events are short, memchr's setup costs more here.
    b.iter().filter(|&&c| c == b'\n').count() as u64
}

struct Frame {
    name: Cow<'static, str>,
    typ: Option<Cow<'static, str>>,
    /// Start of a subtree the reader ignores (`back`, `revisionDesc`…).
    skip: bool,
    /// An inline element (`hi`, `ph`…) whose text belongs to its parent.
    inline: bool,
}

#[derive(Default)]
struct Aux {
    marker: bool,
    fingerprint: Option<u64>,
    status: Option<EntryStatus>,
}

#[derive(Default)]
struct TermAux {
    aux: Aux,
    proper_noun: bool,
    spans: Vec<(usize, crate::model::Span)>,
}

#[derive(Default)]
struct TransacGrp {
    termsmith: bool,
    date: Option<String>,
}

#[derive(Default)]
struct DescripGrp {
    typ: Option<String>,
    text: Option<String>,
    sources: Vec<String>,
}

struct State {
    opts: ReadOptions,
    pos: Position,
    lines: u64,
    version: Option<TbxVersion>,
    stack: Vec<Frame>,
    /// Number of `skip` frames on the stack (inside an ignored subtree when > 0).
    ignored: usize,
    text: String,
    header: Header,
    header_ps: usize,
    entry: Option<(ConceptEntry, Aux)>,
    lang: Option<LangSection>,
    term: Option<(TermRecord, TermAux)>,
    transac: Option<TransacGrp>,
    descrip_grp: Option<DescripGrp>,
    entries_seen: usize,
    report: ReadReport,
    warned: std::collections::BTreeSet<String>,
}

const INLINE: &[&str] = &[
    "hi", "foreign", "ph", "bpt", "ept", "sc", "ec", "it", "g", "x",
];
const STRUCTURAL: &[&str] = &[
    "tbxHeader",
    "martifHeader",
    "fileDesc",
    "titleStmt",
    "sourceDesc",
    "text",
    "body",
    "termGrp",
    "termNoteGrp",
    "adminGrp",
];
fn intern(known: &[&'static str], b: &[u8]) -> Cow<'static, str> {
    match known.iter().find(|k| k.as_bytes() == b) {
        Some(k) => Cow::Borrowed(k),
        None => Cow::Owned(String::from_utf8_lossy(b).into_owned()),
    }
}

/// Common `type` attribute values (compared without allocating).
const TYPES: &[&str] = &[
    "partOfSpeech",
    "termType",
    "administrativeStatus",
    "grammaticalGender",
    "context",
    "definition",
    "subjectField",
    "source",
    "transactionType",
    "responsibility",
];

/// Element names the reader knows (names are compared without allocating).
const KNOWN: &[&str] = &[
    // Most frequent first (looked up linearly for every start tag).
    "termSec",
    "term",
    "termNote",
    "note",
    "transacGrp",
    "transac",
    "transacNote",
    "date",
    "descrip",
    "descripGrp",
    "admin",
    "langSec",
    "conceptEntry",
    "tig",
    "langSet",
    "termEntry",
    "ntig",
    "termGrp",
    "termNoteGrp",
    "adminGrp",
    "ref",
    "xref",
    "hi",
    "foreign",
    "ph",
    "bpt",
    "ept",
    "sc",
    "ec",
    "tbx",
    "martif",
    "tbxHeader",
    "martifHeader",
    "fileDesc",
    "titleStmt",
    "title",
    "sourceDesc",
    "p",
    "text",
    "body",
    "publicationStmt",
    "encodingDesc",
    "revisionDesc",
    "back",
];
const IGNORED_SUBTREES: &[&str] = &["publicationStmt", "encodingDesc", "revisionDesc", "back"];

impl State {
    fn new(opts: ReadOptions) -> State {
        State {
            opts,
            pos: Position::default(),
            lines: 0,
            version: None,
            stack: Vec::new(),
            ignored: 0,
            text: String::with_capacity(256),
            header: Header::default(),
            header_ps: 0,
            entry: None,
            lang: None,
            term: None,
            transac: None,
            descrip_grp: None,
            entries_seen: 0,
            report: ReadReport::default(),
            warned: std::collections::BTreeSet::new(),
        }
    }

    fn xml_error(&self, e: &quick_xml::Error, byte: u64) -> GlossaryError {
        if let quick_xml::Error::Io(io) = e {
            return from_io_ref(io);
        }
        GlossaryError::Xml {
            pos: Position {
                line: self.lines + 1,
                byte,
            },
            message: e.to_string(),
        }
    }

    fn warn_once(&mut self, key: &str, msg: String) {
        if self.warned.insert(key.to_string()) {
            self.report.warn(self.pos, msg);
        }
    }

    fn in_ignored(&self) -> bool {
        self.ignored > 0
    }

    fn start(&mut self, e: &BytesStart<'_>) -> Result<(), GlossaryError> {
        if self.stack.len() >= self.opts.max_depth {
            return Err(GlossaryError::TooDeep {
                pos: self.pos,
                limit: self.opts.max_depth,
            });
        }
        let local = e.local_name();
        let name = intern(KNOWN, local.as_ref());
        let mut typ = None;
        let mut lang = None;
        let mut id = None;
        for a in e.attributes() {
            let a = a.map_err(|err| GlossaryError::Xml {
                pos: self.pos,
                message: err.to_string(),
            })?;
            let key = a.key.as_ref();
            let val = || {
                a.unescape_value()
                    .map(|v| v.into_owned())
                    .map_err(|err| GlossaryError::Xml {
                        pos: self.pos,
                        message: err.to_string(),
                    })
            };
            match key {
                b"type" => {
                    typ = Some(match TYPES.iter().find(|k| k.as_bytes() == &*a.value) {
                        Some(k) => Cow::Borrowed(*k),
                        None => Cow::Owned(val()?),
                    })
                }
                b"xml:lang" | b"lang" => lang = Some(val()?),
                b"id" => id = Some(val()?),
                _ => {}
            }
        }
        let inline = INLINE.contains(&name.as_ref());
        if !inline {
            self.text.clear();
        }
        let skip = IGNORED_SUBTREES.contains(&name.as_ref());
        if self.stack.is_empty() {
            self.version = Some(match name.as_ref() {
                "tbx" => TbxVersion::V3,
                "martif" => TbxVersion::V2,
                other => {
                    return Err(GlossaryError::NotTbx {
                        pos: self.pos,
                        root: other.to_string(),
                    })
                }
            });
            self.header.source_lang = lang.clone().unwrap_or_default();
        } else if !self.in_ignored() && !skip {
            match name.as_ref() {
                "conceptEntry" | "termEntry" => {
                    self.entries_seen += 1;
                    let id = id.unwrap_or_else(|| {
                        self.report
                            .warn(self.pos, "entry without id: generated one");
                        format!("e{}", self.entries_seen)
                    });
                    self.entry = Some((
                        ConceptEntry {
                            id,
                            status: EntryStatus::Unchanged,
                            ..ConceptEntry::default()
                        },
                        Aux::default(),
                    ));
                }
                "langSec" | "langSet" => {
                    let lang = lang.unwrap_or_else(|| {
                        self.report
                            .warn(self.pos, "language section without xml:lang: \"und\" used");
                        "und".to_string()
                    });
                    self.lang = Some(LangSection {
                        lang,
                        terms: Vec::new(),
                    });
                }
                "termSec" | "tig" | "ntig" => {
                    self.term = Some((TermRecord::default(), TermAux::default()));
                }
                "transacGrp" => self.transac = Some(TransacGrp::default()),
                "descripGrp" => self.descrip_grp = Some(DescripGrp::default()),
                _ => {}
            }
        }
        self.ignored += usize::from(skip);
        self.stack.push(Frame {
            name,
            typ,
            skip,
            inline,
        });
        Ok(())
    }

    fn text(&mut self, s: &str) -> Result<(), GlossaryError> {
        if self.in_ignored() {
            return Ok(());
        }
        if self.text.len() + s.len() > self.opts.max_text {
            return Err(GlossaryError::TooLarge {
                pos: self.pos,
                limit: self.opts.max_text,
            });
        }
        self.text.push_str(s);
        Ok(())
    }

    fn parent(&self, up: usize) -> &str {
        self.stack
            .len()
            .checked_sub(up + 1)
            .and_then(|i| self.stack.get(i))
            .map(|f| f.name.as_ref())
            .unwrap_or("")
    }

    /// Adds a free note at the innermost open level.
    fn add_note(&mut self, note: String) {
        if let Some((t, _)) = self.term.as_mut() {
            t.notes.push(note);
        } else if let Some((e, _)) = self.entry.as_mut() {
            e.notes.push(note);
        } else {
            self.report.warn(
                self.pos,
                format!("note outside any entry ignored: {note:?}"),
            );
        }
    }

    fn end(&mut self) -> Result<Option<ConceptEntry>, GlossaryError> {
        let Some(frame) = self.stack.pop() else {
            return Ok(None);
        };
        self.ignored -= usize::from(frame.skip);
        if frame.skip || self.in_ignored() || frame.inline {
            return Ok(None);
        }
        let name = frame.name.as_ref();
        let typ = frame.typ.as_deref().unwrap_or("");
        if STRUCTURAL.contains(&name)
            || matches!(
                name,
                "tbx"
                    | "martif"
                    | "conceptEntry"
                    | "termEntry"
                    | "langSec"
                    | "langSet"
                    | "termSec"
                    | "tig"
                    | "ntig"
                    | "descripGrp"
                    | "transacGrp"
                    | "transac"
            )
        {
            self.text.clear();
        }
        // The text buffer is moved into the model when a field keeps it and
        // handed back (capacity kept) when the value is parsed or dropped.
        let text = if self.text.is_empty() {
            String::new()
        } else {
            std::mem::take(&mut self.text)
        };
        let recycle = |st: &mut State, mut t: String| {
            if t.capacity() > st.text.capacity() {
                t.clear();
                st.text = t;
            }
        };
        match name {
            "tbx" | "martif" => {}
            "title" => {
                if self.parent(0) == "titleStmt" {
                    self.header.title = text;
                }
            }
            "p" => {
                if self.parent(0) == "sourceDesc" {
                    self.header_p(text);
                }
            }
            "conceptEntry" | "termEntry" => {
                if let Some((mut e, aux)) = self.entry.take() {
                    e.status = aux.status.unwrap_or(EntryStatus::Unchanged);
                    e.human_edited =
                        !(aux.marker && aux.fingerprint == Some(entry_fingerprint(&e)));
                    return Ok(Some(e));
                }
            }
            "langSec" | "langSet" => {
                if let (Some(l), Some((e, _))) = (self.lang.take(), self.entry.as_mut()) {
                    e.langs.push(l);
                }
            }
            "termSec" | "tig" | "ntig" => {
                if let Some((mut t, aux)) = self.term.take() {
                    if aux.proper_noun
                        && matches!(t.part_of_speech, Some(PartOfSpeech::Noun) | None)
                    {
                        t.part_of_speech = Some(PartOfSpeech::ProperNoun);
                    }
                    for (i, span) in aux.spans {
                        if let Some(c) = t.contexts.get_mut(i) {
                            c.span = Some(span);
                        }
                    }
                    t.human_edited =
                        !(aux.aux.marker && aux.aux.fingerprint == Some(term_fingerprint(&t)));
                    match self.lang.as_mut() {
                        Some(l) => l.terms.push(t),
                        None => self
                            .report
                            .warn(self.pos, "term outside a language section ignored"),
                    }
                }
            }
            "term" => {
                if let Some((t, _)) = self.term.as_mut() {
                    t.term = text;
                }
            }
            "termNote" => {
                self.term_note(typ, &text);
                recycle(self, text);
            }
            "descrip" => {
                let grouped = self.parent(0) == "descripGrp";
                match self.descrip_grp.as_mut() {
                    Some(g) if grouped => {
                        g.typ = Some(typ.to_string());
                        g.text = Some(text);
                    }
                    _ => self.descrip(typ, text, None),
                }
            }
            "descripGrp" => {
                if let Some(g) = self.descrip_grp.take() {
                    let mut sources = g.sources.into_iter();
                    let first = sources.next();
                    if let (Some(typ), Some(text)) = (g.typ, g.text) {
                        self.descrip(&typ, text, first);
                    }
                    for s in sources {
                        self.add_note(format!("source: {s}"));
                    }
                }
            }
            "admin" => {
                if self.parent(0) == "descripGrp" {
                    if let Some(g) = self.descrip_grp.as_mut() {
                        if typ == "source" {
                            g.sources.push(text);
                        } else {
                            self.add_note(format!("{typ}: {text}"));
                        }
                    }
                } else if typ == "source" && self.term.is_some() {
                    if let Some((t, _)) = self.term.as_mut() {
                        t.sources.push(text);
                    }
                } else if typ == "source" && self.lang.is_none() && self.entry.is_some() {
                    if let Some((e, _)) = self.entry.as_mut() {
                        e.sources.push(text);
                    }
                } else {
                    self.add_note(format!("{typ}: {text}"));
                }
            }
            "transac" => recycle(self, text),
            "transacNote" => {
                if typ == "responsibility" && text.trim() == RESPONSIBILITY {
                    if let Some(g) = self.transac.as_mut() {
                        g.termsmith = true;
                    }
                }
                recycle(self, text);
            }
            "date" => {
                if let Some(g) = self.transac.as_mut() {
                    g.date = Some(text.trim().to_string());
                }
                recycle(self, text);
            }
            "transacGrp" => {
                if let Some(g) = self.transac.take() {
                    let in_term = self.term.is_some();
                    let in_lang = self.lang.is_some();
                    if in_term {
                        if let Some((t, aux)) = self.term.as_mut() {
                            aux.aux.marker |= g.termsmith;
                            if t.date.is_none() {
                                t.date = g.date;
                            }
                        }
                    } else if !in_lang {
                        if let Some((e, aux)) = self.entry.as_mut() {
                            aux.marker |= g.termsmith;
                            if e.date.is_none() {
                                e.date = g.date;
                            }
                        }
                    }
                }
            }
            "note" => {
                if let Some(t) = self.note(text) {
                    recycle(self, t);
                }
            }
            "ref" | "xref" => {
                let t = if text.is_empty() {
                    typ.to_string()
                } else {
                    format!("{typ}: {text}")
                };
                self.add_note(t);
            }
            n if STRUCTURAL.contains(&n) => {}
            other => {
                let key = other.to_string();
                self.warn_once(&key, format!("unknown element <{other}> kept as a note"));
                if !text.trim().is_empty() && (self.entry.is_some()) {
                    let note = if typ.is_empty() {
                        format!("{other}: {text}")
                    } else {
                        format!("{other} {typ}: {text}")
                    };
                    self.add_note(note);
                }
            }
        }
        Ok(None)
    }

    fn header_p(&mut self, text: String) {
        self.header_ps += 1;
        if self.header_ps == 1 {
            self.header.source_desc = text;
            return;
        }
        match MachineNote::parse(&text) {
            Some(MachineNote::TargetLangs(l)) => self.header.target_langs = l,
            Some(MachineNote::Created(c)) => self.header.created = Some(c),
            _ => {
                if !self.header.source_desc.is_empty() {
                    self.header.source_desc.push_str("\n\n");
                }
                self.header.source_desc.push_str(&text);
            }
        }
    }

    fn term_note(&mut self, typ: &str, text: &str) {
        let pos = self.pos;
        let Some((t, _)) = self.term.as_mut() else {
            self.report
                .warn(pos, format!("termNote {typ} outside a term ignored"));
            return;
        };
        let v = text.trim();
        let ok = match typ {
            "partOfSpeech" => PartOfSpeech::parse(v)
                .map(|p| t.part_of_speech = Some(p))
                .is_some(),
            "grammaticalGender" => Gender::parse(v).map(|g| t.gender = Some(g)).is_some(),
            "termType" => TermType::parse(v).map(|x| t.term_type = Some(x)).is_some(),
            "administrativeStatus" => AdminStatus::parse(v)
                .map(|x| t.admin_status = Some(x))
                .is_some(),
            _ => false,
        };
        if !ok {
            t.notes.push(format!("{typ}: {text}"));
            self.report.warn(
                pos,
                format!("termNote {typ}={v:?} not in the model: kept as a note"),
            );
        }
    }

    fn descrip(&mut self, typ: &str, text: String, source: Option<String>) {
        match typ {
            "context" => {
                if let Some((t, _)) = self.term.as_mut() {
                    t.contexts.push(ContextRecord {
                        text,
                        source,
                        span: None,
                    });
                    return;
                }
                self.add_note(format!("context: {text}"));
            }
            "definition" => {
                let lang = self.lang.as_ref().map(|l| l.lang.clone());
                if let Some((e, _)) = self.entry.as_mut() {
                    if e.definition.is_none() && self.term.is_none() {
                        e.definition = Some(text);
                    } else {
                        let l = lang.map(|l| format!(" ({l})")).unwrap_or_default();
                        e.notes.push(format!("definition{l}: {text}"));
                    }
                }
                if let Some(s) = source {
                    self.add_note(format!("source: {s}"));
                }
            }
            "subjectField" => {
                if let Some((e, _)) = self.entry.as_mut() {
                    if e.subject_field.is_none() {
                        e.subject_field = Some(text);
                        return;
                    }
                }
                self.add_note(format!("subjectField: {text}"));
            }
            other => {
                self.add_note(format!("{other}: {text}"));
                let key = format!("descrip:{other}");
                self.warn_once(&key, format!("descrip type {other:?} kept as a note"));
            }
        }
    }

    /// Handles a `note`; returns the text when it was not stored (a machine
    /// note turned into fields), so its buffer can be reused.
    fn note(&mut self, text: String) -> Option<String> {
        let parsed = MachineNote::parse(&text);
        if let Some((t, aux)) = self.term.as_mut() {
            match parsed {
                Some(MachineNote::Stats {
                    frequency,
                    doc_frequency,
                    score,
                }) => {
                    t.frequency = frequency;
                    t.doc_frequency = doc_frequency;
                    t.score = score;
                }
                Some(MachineNote::NamedEntity) => t.named_entity = true,
                Some(MachineNote::Equivalent {
                    verified,
                    score,
                    method,
                }) => {
                    let eq = t.equivalent.get_or_insert_with(EquivalentInfo::default);
                    eq.verified = verified;
                    eq.score = score;
                    eq.method = method;
                }
                Some(MachineNote::Evidence(ev)) => t
                    .equivalent
                    .get_or_insert_with(EquivalentInfo::default)
                    .evidence
                    .push(ev),
                Some(MachineNote::ContextSpan { index, span }) => aux.spans.push((index, span)),
                Some(MachineNote::ProperNoun) => aux.proper_noun = true,
                Some(MachineNote::Date(d)) if t.date.is_none() => t.date = Some(d),
                Some(MachineNote::Fingerprint(h)) => aux.aux.fingerprint = Some(h),
                _ => {
                    t.notes.push(text);
                    return None;
                }
            }
            return Some(text);
        }
        if self.lang.is_some() {
            // Language-level notes: TBX-Basic allows them; the model keeps notes per entry.
            let l = self
                .lang
                .as_ref()
                .map(|l| l.lang.clone())
                .unwrap_or_default();
            if let Some((e, _)) = self.entry.as_mut() {
                e.notes.push(format!("({l}) {text}"));
            }
            return Some(text);
        }
        if let Some((e, aux)) = self.entry.as_mut() {
            match parsed {
                Some(MachineNote::Status(s)) => aux.status = Some(s),
                Some(MachineNote::Date(d)) if e.date.is_none() && !is_iso_date(&d) => {
                    e.date = Some(d)
                }
                Some(MachineNote::Fingerprint(h)) => aux.fingerprint = Some(h),
                _ => {
                    e.notes.push(text);
                    return None;
                }
            }
            return Some(text);
        }
        let pos = self.pos;
        self.report.warn(pos, "note outside any entry ignored");
        Some(text)
    }
}
