//! The perceptron model: a compact open-addressing table from feature keys to rows of 17 weights,
//! a tag dictionary for frequent unambiguous words, and the binary file format.
//!
//! File format (then gzip-compressed), all integers little-endian:
//!
//! ```text
//! b"TSTAGGR1"
//! u32 n_tags (17) ; n_tags × (u8 len, UTF-8 name)      // tag order of the weight rows
//! f32 scale                                              // weights were multiplied by it before rounding
//! u32 n_feats ; n_feats × (u64 key, u8 nnz, nnz × (u8 tag, i16 weight))   // keys strictly increasing
//! u32 n_dict  ; n_dict × (u16 len, UTF-8 form, u8 tag)   // forms strictly increasing
//! ```

use crate::features::{
    flag_pair_key, next2_key, next_keys, prev2_key, prev_keys, suffix_next_key, tag_pair_keys,
    tag_word_keys, word_feats, Norm, PAD_FLAGS, PAD_NEXT, PAD_NEXT2, PAD_PREV, PAD_PREV2,
};
#[cfg(test)]
use crate::features::{Extractor, N_FEATS, N_STATIC};
use crate::upos::Upos;
use std::collections::HashMap;
use std::io::{Read, Write};

const MAGIC: &[u8; 8] = b"TSTAGGR1";
pub(crate) const NT: usize = Upos::COUNT;

/// Sparse, serialisable form of a trained model (what the trainer produces).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ModelData {
    pub(crate) scale: f32,
    /// (key, [(tag, weight)]) sorted by key.
    pub(crate) feats: Vec<(u64, Vec<(u8, i16)>)>,
    /// (form, tag) sorted by form.
    pub(crate) dict: Vec<(String, u8)>,
}

/// Error while decoding a model file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct FormatError(pub(crate) String);

fn err<T>(m: &str) -> Result<T, FormatError> {
    Err(FormatError(m.to_string()))
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], FormatError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.b.len())
            .ok_or_else(|| FormatError(format!("truncated at byte {}", self.pos)))?;
        let s = &self.b[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, FormatError> {
        Ok(self.take(1)?[0])
    }
    fn arr<const N: usize>(&mut self) -> Result<[u8; N], FormatError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    fn u16(&mut self) -> Result<u16, FormatError> {
        Ok(u16::from_le_bytes(self.arr()?))
    }
    fn u32(&mut self) -> Result<u32, FormatError> {
        Ok(u32::from_le_bytes(self.arr()?))
    }
    fn u64(&mut self) -> Result<u64, FormatError> {
        Ok(u64::from_le_bytes(self.arr()?))
    }
    fn str(&mut self, n: usize) -> Result<&'a str, FormatError> {
        std::str::from_utf8(self.take(n)?).map_err(|e| FormatError(format!("bad UTF-8: {e}")))
    }
}

/// Decompresses gzip data.
pub(crate) fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, FormatError> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .map_err(|e| FormatError(format!("gzip: {e}")))?;
    Ok(out)
}

/// Compresses with gzip (deterministic: no file name or time stamp in the header).
pub(crate) fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = enc.write_all(bytes);
    enc.finish().unwrap_or_default()
}

impl ModelData {
    /// Encodes (uncompressed).
    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut o = Vec::new();
        o.extend_from_slice(MAGIC);
        o.extend_from_slice(&(NT as u32).to_le_bytes());
        for u in Upos::ALL {
            o.push(u.as_str().len() as u8);
            o.extend_from_slice(u.as_str().as_bytes());
        }
        o.extend_from_slice(&self.scale.to_le_bytes());
        o.extend_from_slice(&(self.feats.len() as u32).to_le_bytes());
        for (k, ws) in &self.feats {
            o.extend_from_slice(&k.to_le_bytes());
            o.push(ws.len() as u8);
            for &(t, w) in ws {
                o.push(t);
                o.extend_from_slice(&w.to_le_bytes());
            }
        }
        o.extend_from_slice(&(self.dict.len() as u32).to_le_bytes());
        for (f, t) in &self.dict {
            o.extend_from_slice(&(f.len() as u16).to_le_bytes());
            o.extend_from_slice(f.as_bytes());
            o.push(*t);
        }
        o
    }

    /// Decodes (uncompressed), validating everything.
    #[cfg(test)]
    pub(crate) fn decode(b: &[u8]) -> Result<ModelData, FormatError> {
        let mut feats = Vec::new();
        let (scale, dict) = decode_parts(b, |part| match part {
            Part::Count(n) => feats.reserve(n),
            Part::Feat(k, ws) => feats.push((k, ws.to_vec())),
        })?;
        Ok(ModelData { scale, feats, dict })
    }
}

/// What [`decode_parts`] hands over while decoding.
enum Part<'a> {
    /// The number of features announced (at most what the file can hold), before them.
    Count(usize),
    /// One feature: its key and its non-zero weights, in file order.
    Feat(u64, &'a [(u8, i16)]),
}

/// Decodes a model file (uncompressed), validating everything, without building a
/// [`ModelData`]: the features go to `sink` one by one. Returns the scale and the tag
/// dictionary.
fn decode_parts(
    b: &[u8],
    mut sink: impl FnMut(Part<'_>),
) -> Result<(f32, Vec<(String, u8)>), FormatError> {
    let mut r = Reader { b, pos: 0 };
    if r.take(8)? != MAGIC {
        return err("not a termsmith tagger model (bad magic)");
    }
    let nt = r.u32()? as usize;
    if nt != NT {
        return err("unexpected number of tags");
    }
    for u in Upos::ALL {
        let n = r.u8()? as usize;
        if r.str(n)? != u.as_str() {
            return err("unexpected tag order");
        }
    }
    let scale = f32::from_le_bytes(r.arr()?);
    if !(scale.is_finite() && scale > 0.0) {
        return err("bad scale");
    }
    let nf = r.u32()? as usize;
    sink(Part::Count(nf.min(b.len() / 9)));
    let mut last = 0u64;
    let mut ws = Vec::with_capacity(256);
    for i in 0..nf {
        let k = r.u64()?;
        if k == 0 || (i > 0 && k <= last) {
            return err("feature keys not strictly increasing");
        }
        last = k;
        let nnz = r.u8()? as usize;
        ws.clear();
        for _ in 0..nnz {
            let t = r.u8()?;
            if t as usize >= NT {
                return err("tag index out of range");
            }
            ws.push((t, i16::from_le_bytes(r.arr()?)));
        }
        sink(Part::Feat(k, &ws));
    }
    let nd = r.u32()? as usize;
    let mut dict = Vec::with_capacity(nd.min(b.len() / 4));
    for _ in 0..nd {
        let n = r.u16()? as usize;
        let f = r.str(n)?.to_string();
        let t = r.u8()?;
        if t as usize >= NT {
            return err("tag index out of range");
        }
        dict.push((f, t));
    }
    if r.pos != b.len() {
        return err("trailing bytes");
    }
    Ok((scale, dict))
}

/// A fast, deterministic hasher for string keys of in-memory maps (FxHash-style; the maps are never
/// iterated into output).
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        self.0 = crate::features::hash_bytes(bytes) ^ self.0.rotate_left(7);
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

/// `BuildHasher` for [`FxHasher`].
pub(crate) type FxBuild = std::hash::BuildHasherDefault<FxHasher>;

/// One weight row: the feature key and its weights.
#[derive(Clone, Copy)]
#[repr(C)]
struct Row {
    key: u64,
    w: [i16; NT],
}

/// Open-addressing hash table of weight rows, for fast scoring. The probed array is small (8
/// bytes a slot: the high half of the key and the row number), so that it stays in cache and a
/// key absent from the model (the common case for word-pair features) is rejected without
/// reading any row.
pub(crate) struct Weights {
    mask: usize,
    /// 0: empty; else `(key >> 32) << 32 | (row + 1)`.
    slots: Vec<u64>,
    rows: Vec<Row>,
    len: usize,
}

impl Weights {
    #[cfg(test)]
    pub(crate) fn new(feats: &[(u64, Vec<(u8, i16)>)]) -> Weights {
        let mut w = Weights::with_capacity(feats.len());
        for (k, ws) in feats {
            w.push(*k, ws);
        }
        w
    }

    /// An empty table for `n` rows (more rows may be pushed: the index grows).
    fn with_capacity(n: usize) -> Weights {
        let cap = (2 * n).next_power_of_two().max(16);
        Weights {
            mask: cap - 1,
            slots: vec![0u64; cap],
            rows: Vec::with_capacity(n),
            len: 0,
        }
    }

    /// Adds the row of `key` (a key not in the table).
    fn push(&mut self, key: u64, ws: &[(u8, i16)]) {
        // Row numbers fit in 32 bits: the file format counts features with a u32.
        let Ok(r) = u32::try_from(self.rows.len() + 1) else {
            return;
        };
        if 2 * (self.rows.len() + 1) > self.slots.len() {
            let cap = self.slots.len() * 2;
            self.mask = cap - 1;
            self.slots = vec![0u64; cap];
            for (i, row) in self.rows.iter().enumerate() {
                let mut j = (row.key as usize) & self.mask;
                while self.slots[j] != 0 {
                    j = (j + 1) & self.mask;
                }
                self.slots[j] = (row.key >> 32) << 32 | (i as u64 + 1);
            }
        }
        let mut row = Row { key, w: [0; NT] };
        for &(t, w) in ws {
            if let Some(x) = row.w.get_mut(t as usize) {
                *x = w;
            }
        }
        self.rows.push(row);
        let mut i = (key as usize) & self.mask;
        while self.slots[i] != 0 {
            i = (i + 1) & self.mask;
        }
        self.slots[i] = (key >> 32) << 32 | u64::from(r);
        self.len = self.rows.len();
    }

    #[inline]
    pub(crate) fn get(&self, key: u64) -> Option<&[i16; NT]> {
        let hi = key >> 32;
        let mut i = (key as usize) & self.mask;
        loop {
            let s = self.slots[i];
            if s == 0 {
                return None;
            }
            if s >> 32 == hi {
                if let Some(r) = self.rows.get((s as u32 as usize).wrapping_sub(1)) {
                    if r.key == key {
                        return Some(&r.w);
                    }
                }
            }
            i = (i + 1) & self.mask;
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }
}

/// One score per tag, padded with zeros to a multiple of 4 lanes so that sums vectorise.
const LANES: usize = NT.div_ceil(4) * 4;
type Scores = [i32; LANES];

/// The lane-wise sum of `N` score rows, in one pass (each lane summed in a register, instead
/// of `N - 1` read-modify-write passes over an accumulator).
/// Four lanes at a time (a group of four independent adds the compiler turns into one vector
/// add), so that no lane is left to a scalar loop: `LANES` (20) is not a multiple of the
/// compiler's unrolled width.
#[inline]
fn sum_rows<const N: usize>(rows: [&Scores; N]) -> Scores {
    let mut s = [0; LANES];
    for (c, out) in s.chunks_exact_mut(4).enumerate() {
        let mut acc = [0i32; 4];
        for r in rows {
            let r = &r[c * 4..c * 4 + 4];
            for j in 0..4 {
                acc[j] += r[j];
            }
        }
        out.copy_from_slice(&acc);
    }
    s
}

/// Index of the first best score (the tie-break of the reference scorer): the maximum, then
/// the lowest bit of the mask of the tags that reach it, both without branches (where the
/// first best tag lies is as unpredictable as the tag). The tags go by groups of four lanes
/// (one vector operation each: a lane-wise maximum, then one comparison per group), the few
/// tags after the last full group one by one; the padding lanes are never read.
#[inline]
fn argmax(s: &Scores) -> u8 {
    const FULL: usize = NT / 4 * 4;
    let (head, tail) = s[..NT].split_at(FULL);
    let mut m4 = [i32::MIN; 4];
    for c in head.chunks_exact(4) {
        for (a, &x) in m4.iter_mut().zip(c) {
            *a = (*a).max(x);
        }
    }
    let m = m4.iter().chain(tail).fold(i32::MIN, |a, &x| a.max(x));
    let mut best = 0u32;
    for (g, c) in head.chunks_exact(4).enumerate() {
        let mut bits = 0u32;
        for (j, &x) in c.iter().enumerate() {
            bits |= u32::from(x == m) << j;
        }
        best |= bits << (4 * g);
    }
    for (j, &x) in tail.iter().enumerate() {
        best |= u32::from(x == m) << (FULL + j);
    }
    best.trailing_zeros() as u8
}

/// Number of values of a previous tag in [`Perceptron::tag_pairs`]: the tags, then "none".
const TAG_VALUES: usize = NT + 1;
/// Number of values of the flags of a neighbour in [`Perceptron::flag_pairs`]: 5 bits, then "none".
const FLAG_VALUES: usize = 33;

/// Values memoised per word type and per tag (a UPOS index, or that of "no tag"): the first
/// one inline, the others in a vector (most types are seen with one tag), so that the common
/// case reads no other memory. The tags of the others are the bits of a mask, and their values
/// are in increasing tag order: a look-up reads one value, not each one in turn.
pub(crate) struct PerTag<T> {
    first: Option<(u8, T)>,
    /// Bit `t` set: `more` holds the value of tag `t`.
    more_tags: u32,
    /// Values of the tags of `more_tags`, by increasing tag.
    more: Vec<T>,
}

impl<T> Default for PerTag<T> {
    fn default() -> Self {
        PerTag {
            first: None,
            more_tags: 0,
            more: Vec::new(),
        }
    }
}

impl<T> PerTag<T> {
    #[inline]
    pub(crate) fn get(&self, tag: u8) -> Option<&T> {
        match &self.first {
            Some((t, v)) if *t == tag => Some(v),
            Some(_) => {
                let bit = 1u32.checked_shl(u32::from(tag))?;
                if self.more_tags & bit == 0 {
                    return None;
                }
                self.more
                    .get((self.more_tags & (bit - 1)).count_ones() as usize)
            }
            None => None,
        }
    }

    /// Keeps `v` for `tag` (a tag without a value so far). A pure cache: a tag beyond the
    /// mask (none: tags are below 32) is not kept.
    pub(crate) fn insert(&mut self, tag: u8, v: T) {
        if self.first.is_none() {
            self.first = Some((tag, v));
            return;
        }
        let Some(bit) = 1u32.checked_shl(u32::from(tag)) else {
            return;
        };
        if self.more_tags & bit == 0 {
            let i = (self.more_tags & (bit - 1)).count_ones() as usize;
            self.more.insert(i, v);
            self.more_tags |= bit;
        }
    }
}

/// What the tagger needs of one word type (a form, at a sentence start or not), computed once and
/// kept in a [`Memo`]: its tag-dictionary entry, its hashes, and the sums of the weights of every
/// feature that depends on this word alone, as the current word and as each of its neighbours.
/// Fields read for every occurrence first, those the scorer does not read last.
#[repr(C)]
pub(crate) struct Entry {
    dict: Option<u8>,
    flags: u8,
    /// The rest of its memo key: [`variant`] of its sentence start and normaliser.
    variant: u8,
    /// Its form as given (before normalisation): start and length in `Memo::keys` (beside
    /// the other fields a look-up reads, in the first cache line of the entry).
    key: (usize, usize),
    /// [`head_of`] its form.
    head: u64,
    hw: u64,
    s3: u64,
    /// Features 0–10 (bias and the word itself); zero for dictionary words (never scored).
    own: Scores,
    /// Features 11–12, when this word is the previous one.
    as_prev: Scores,
    /// Features 14–15, when this word is the next one.
    as_next: Scores,
    /// Feature 13, when this word is two before.
    as_prev2: Scores,
    /// Feature 16, when this word is two after.
    as_next2: Scores,
    /// Features 20 and 22 (with the previous tag, by its index), for the tags met so far.
    after_tag: PerTag<Scores>,
    /// Lemmas already computed for this type, by UPOS index (filled by the caller).
    pub(crate) lemmas: PerTag<crate::Lemma>,
}

/// Word types seen so far, for one perceptron: tagging a word type seen before costs one hash
/// look-up instead of a normalisation, a dozen feature hashes and weight-table look-ups. A pure
/// cache: the tags are those of the reference scorer, whatever the memo holds. Keyed by the form
/// as given, whether it starts the sentence and the normaliser ([`Norm`]): what the entry is a
/// function of.
#[derive(Default)]
pub(crate) struct Memo {
    /// Identity of the perceptron the entries were computed with.
    owner: u64,
    /// Open-addressing index (form, [`variant`]) → entry: 0 = empty, else
    /// `(hash >> 32) << 32 | (entry + 1)`. Its length is a power of two (or 0).
    slots: Vec<u64>,
    /// The forms of the entries, one after the other (`Entry::key`).
    keys: String,
    pub(crate) entries: Vec<Entry>,
    /// Entry of each word of the last sentence tagged, after [`PADS`] boundary entries and
    /// before as many.
    pub(crate) ids: Vec<u32>,
    /// Scratch: scores of each word of the sentence before the tag features.
    stat: Vec<Scores>,
    buf: String,
}

/// The part of a memo key besides the form: whether it starts the sentence, and its normaliser.
#[inline]
fn variant(first: bool, norm: Norm) -> u8 {
    u8::from(first) | (norm as u8) << 1
}

/// Number of boundary entries a side of the words of a sentence in `Memo::ids`.
pub(crate) const PADS: usize = 2;
/// Entry of the words before a sentence (see [`Perceptron::pad_entry`]).
const LEFT_PAD: u32 = 0;
/// Entry of the words after a sentence.
const RIGHT_PAD: u32 = 1;
/// The variant of the boundary entries: no memo key has it.
const PAD_VARIANT: u8 = u8::MAX;

/// The first eight bytes of a form (fewer if it is shorter), little-endian, padded with zeros:
/// with its length, the whole form when it has at most eight bytes.
#[inline]
fn head_of(f: &[u8]) -> u64 {
    match f.first_chunk::<8>() {
        Some(a) => u64::from_le_bytes(*a),
        None => crate::features::le_tail(f),
    }
}

/// Hash of a memo key, `head` being [`head_of`] the form: for a form of at most eight bytes,
/// [`crate::features::quick_hash`] from its head (the same value, without a second read).
#[inline]
fn memo_hash(form: &str, head: u64, variant: u8) -> u64 {
    let seed = u64::from(variant).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let f = form.as_bytes();
    if f.len() <= 8 {
        let h = (((f.len() as u64 ^ seed).wrapping_mul(crate::features::K)).rotate_left(5) ^ head)
            .wrapping_mul(crate::features::K);
        h ^ (h >> 29)
    } else {
        crate::features::quick_hash(f, seed)
    }
}

impl Memo {
    /// Number of word types held.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Bytes of forms held.
    pub(crate) fn key_bytes(&self) -> usize {
        self.keys.len()
    }

    /// Makes the memo one of `p` (forgetting the entries of another perceptron) and puts the
    /// two boundary entries first when it is empty.
    fn prepare(&mut self, p: &Perceptron) {
        if self.owner != p.id {
            self.clear();
            self.owner = p.id;
        }
        if self.entries.is_empty() {
            self.entries.push(p.pad_entry(true));
            self.entries.push(p.pad_entry(false));
        }
    }

    /// Forgets every entry (keeps the allocations).
    pub(crate) fn clear(&mut self) {
        self.slots.iter_mut().for_each(|s| *s = 0);
        self.keys.clear();
        self.entries.clear();
        self.ids.clear();
    }

    /// Whether the form of `e` is `form`, whose [`head_of`] is `head`: lengths and heads
    /// first (the whole form up to eight bytes), then the bytes, the short forms of most words
    /// without a call to `memcmp`.
    #[inline]
    fn key_is(&self, e: &Entry, form: &str, head: u64) -> bool {
        let f = form.as_bytes();
        if e.key.1 != f.len() || e.head != head {
            return false;
        }
        if f.len() <= 8 {
            return true;
        }
        let Some(k) = self.keys.as_bytes().get(e.key.0..e.key.0 + e.key.1) else {
            return false;
        };
        let n = f.len();
        // Two loads a side (overlapping for lengths between the load sizes) cover the forms
        // up to 16 bytes.
        let w8 = |x: &[u8], i: usize| {
            let mut a = [0u8; 8];
            a.copy_from_slice(&x[i..i + 8]);
            u64::from_le_bytes(a)
        };
        let w4 = |x: &[u8], i: usize| {
            let mut a = [0u8; 4];
            a.copy_from_slice(&x[i..i + 4]);
            u32::from_le_bytes(a)
        };
        match n {
            0 => true,
            1..=3 => k[0] == f[0] && k[n / 2] == f[n / 2] && k[n - 1] == f[n - 1],
            4..=7 => w4(k, 0) == w4(f, 0) && w4(k, n - 4) == w4(f, n - 4),
            8..=16 => w8(k, 0) == w8(f, 0) && w8(k, n - 8) == w8(f, n - 8),
            _ => k == f,
        }
    }

    fn key(&self, e: &Entry) -> &str {
        self.keys.get(e.key.0..e.key.0 + e.key.1).unwrap_or("")
    }

    /// Doubles the index (at least 1024 slots) and re-inserts every entry.
    fn grow(&mut self) {
        let cap = (self.slots.len() * 2).max(1024);
        let mask = cap - 1;
        let mut slots = vec![0u64; cap];
        for (id, e) in self.entries.iter().enumerate() {
            if e.variant == PAD_VARIANT {
                continue;
            }
            let h = memo_hash(self.key(e), e.head, e.variant);
            let mut i = h as usize & mask;
            while slots[i] != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = (h >> 32) << 32 | (id as u64 + 1);
        }
        self.slots = slots;
    }

    /// The entry of the word `form` (as given: `norm` normalises it), computing it if new.
    fn entry(&mut self, p: &Perceptron, form: &str, first: bool, norm: Norm) -> u32 {
        if 2 * (self.entries.len() + 1) > self.slots.len() {
            self.grow();
        }
        let v = variant(first, norm);
        let head = head_of(form.as_bytes());
        let h = memo_hash(form, head, v);
        let mask = self.slots.len() - 1;
        let mut i = h as usize & mask;
        loop {
            let s = self.slots[i];
            if s == 0 {
                break;
            }
            if s >> 32 == h >> 32 {
                let id = (s as u32).wrapping_sub(1);
                if let Some(e) = self.entries.get(id as usize) {
                    if e.variant == v && self.key_is(e, form, head) {
                        return id;
                    }
                }
            }
            i = (i + 1) & mask;
        }
        let id = self.entries.len() as u32;
        let mut e = p.entry(&norm.apply(form), first, &mut self.buf);
        e.key = (self.keys.len(), form.len());
        e.head = head;
        e.variant = v;
        self.keys.push_str(form);
        self.entries.push(e);
        self.slots[i] = (h >> 32) << 32 | (id as u64 + 1);
        id
    }
}

static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// The runtime perceptron tagger (without lemmas).
pub(crate) struct Perceptron {
    weights: Weights,
    dict: HashMap<Box<str>, u8, FxBuild>,
    /// Unique per instance (never 0), to tie a [`Memo`] to the model it was filled from.
    id: u64,
    /// Features 17–19 for each (previous tag, tag before): index `t1 * TAG_VALUES + t2`.
    tag_pairs: Vec<Scores>,
    /// Feature 21 for each (flags of the previous word, of the next): index `a * FLAG_VALUES + b`.
    flag_pairs: Vec<Scores>,
    /// Features 11–12, 13, 14–15 and 16 at the sentence boundaries.
    pad_prev: Scores,
    pad_prev2: Scores,
    pad_next: Scores,
    pad_next2: Scores,
}

impl Perceptron {
    /// Decodes a model file (uncompressed), straight into the weight table.
    pub(crate) fn decode(b: &[u8]) -> Result<Perceptron, FormatError> {
        let mut w = Weights::with_capacity(0);
        let (_scale, dict) = decode_parts(b, |part| match part {
            Part::Count(n) => w = Weights::with_capacity(n),
            Part::Feat(k, ws) => w.push(k, ws),
        })?;
        Ok(Perceptron::from_parts(w, &dict))
    }

    fn from_parts(weights: Weights, dict: &[(String, u8)]) -> Perceptron {
        let mut p = Perceptron {
            weights,
            dict: dict.iter().map(|(f, t)| (f.as_str().into(), *t)).collect(),
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            tag_pairs: Vec::new(),
            flag_pairs: Vec::new(),
            pad_prev: [0; LANES],
            pad_prev2: [0; LANES],
            pad_next: [0; LANES],
            pad_next2: [0; LANES],
        };
        let opt = |t: usize| (t < NT).then_some(t as u8);
        p.tag_pairs = (0..TAG_VALUES * TAG_VALUES)
            .map(|i| p.sum(&tag_pair_keys(opt(i / TAG_VALUES), opt(i % TAG_VALUES))))
            .collect();
        let fl = |i: usize| if i < 32 { i as u64 } else { PAD_FLAGS };
        p.flag_pairs = (0..FLAG_VALUES * FLAG_VALUES)
            .map(|i| p.sum(&[flag_pair_key(fl(i / FLAG_VALUES), fl(i % FLAG_VALUES))]))
            .collect();
        p.pad_prev = p.sum(&prev_keys(PAD_PREV, PAD_PREV));
        p.pad_prev2 = p.sum(&[prev2_key(PAD_PREV2)]);
        p.pad_next = p.sum(&next_keys(PAD_NEXT, PAD_NEXT));
        p.pad_next2 = p.sum(&[next2_key(PAD_NEXT2)]);
        p
    }

    pub(crate) fn n_features(&self) -> usize {
        self.weights.len()
    }

    #[inline]
    fn add_key(&self, s: &mut Scores, key: u64) {
        if let Some(row) = self.weights.get(key) {
            for (a, &w) in s.iter_mut().zip(row.iter()) {
                *a += w as i32;
            }
        }
    }

    fn sum(&self, keys: &[u64]) -> Scores {
        let mut s = [0; LANES];
        for &k in keys {
            self.add_key(&mut s, k);
        }
        s
    }

    /// The entry standing for the missing words before the sentence (`left`: as the previous
    /// word and the one before) or after it (as the next word and the one after): the padding
    /// of the reference scorer. Never found by a look-up (its variant is [`PAD_VARIANT`]).
    fn pad_entry(&self, left: bool) -> Entry {
        Entry {
            dict: None,
            variant: PAD_VARIANT,
            key: (0, 0),
            head: 0,
            hw: PAD_NEXT,
            s3: PAD_NEXT,
            flags: (FLAG_VALUES - 1) as u8,
            own: [0; LANES],
            as_prev: if left { self.pad_prev } else { [0; LANES] },
            as_prev2: if left { self.pad_prev2 } else { [0; LANES] },
            as_next: if left { [0; LANES] } else { self.pad_next },
            as_next2: if left { [0; LANES] } else { self.pad_next2 },
            after_tag: PerTag::default(),
            lemmas: PerTag::default(),
        }
    }

    fn entry(&self, form: &str, first: bool, buf: &mut String) -> Entry {
        let wf = word_feats(form, first, buf);
        let dict = self.dict.get(form).copied();
        Entry {
            dict,
            variant: 0,
            key: (0, 0),
            head: 0,
            hw: wf.hw,
            s3: wf.s3,
            // 5 bits
            flags: (wf.flags & 31) as u8,
            own: if dict.is_some() {
                [0; LANES]
            } else {
                self.sum(&wf.keys)
            },
            as_prev: self.sum(&prev_keys(wf.hw, wf.s3)),
            as_prev2: self.sum(&[prev2_key(wf.hw)]),
            as_next: self.sum(&next_keys(wf.hw, wf.s3)),
            as_next2: self.sum(&[next2_key(wf.hw)]),
            after_tag: PerTag::default(),
            lemmas: PerTag::default(),
        }
    }

    /// Tags one sentence, the words as given and `norm` their normaliser; `out` receives one tag
    /// index per word, `memo.ids` the entry of each word.
    pub(crate) fn tag_sentence<S: AsRef<str>>(
        &self,
        words: &[S],
        norm: Norm,
        memo: &mut Memo,
        out: &mut Vec<u8>,
    ) {
        memo.prepare(self);
        let mut ids = std::mem::take(&mut memo.ids);
        ids.clear();
        // The words between two boundary entries a side (`PADS`), so that every word has its
        // two neighbours a side.
        ids.extend([LEFT_PAD; PADS]);
        for (i, w) in words.iter().enumerate() {
            ids.push(memo.entry(self, w.as_ref(), i == 0, norm));
        }
        ids.extend([RIGHT_PAD; PADS]);
        let n = words.len();
        // Pass 1: the scores that do not depend on the previous tags (independent from word to
        // word, so that the memory accesses of several words overlap).
        let mut stat = std::mem::take(&mut memo.stat);
        stat.clear();
        stat.resize(n, [0; LANES]);
        let e = &memo.entries;
        for (w, st) in ids.windows(2 * PADS + 1).zip(stat.iter_mut()) {
            let me = &e[w[2] as usize];
            if me.dict.is_some() {
                continue;
            }
            let (prev2, prev) = (&e[w[0] as usize], &e[w[1] as usize]);
            let (next, next2) = (&e[w[3] as usize], &e[w[4] as usize]);
            let mut s = sum_rows([
                &me.own,
                &prev.as_prev,
                &prev2.as_prev2,
                &next.as_next,
                &next2.as_next2,
                &self.flag_pairs[usize::from(prev.flags) * FLAG_VALUES + usize::from(next.flags)],
            ]);
            self.add_key(&mut s, suffix_next_key(me.s3, next.hw));
            *st = s;
        }
        // Pass 2: left to right, with the previous tags (their indices, `NT` for none).
        let (mut t1, mut t2) = (NT, NT);
        out.reserve(n);
        let word_ids = ids.get(PADS..PADS + n).unwrap_or(&[]);
        for (&id, st) in word_ids.iter().zip(&stat) {
            let me = &mut memo.entries[id as usize];
            let t = match me.dict {
                Some(t) => t,
                None => {
                    let pairs = &self.tag_pairs[t1 * TAG_VALUES + t2];
                    let ti = t1 as u8;
                    let s = match me.after_tag.get(ti) {
                        Some(x) => sum_rows([st, pairs, x]),
                        None => {
                            let p1 = (t1 < NT).then_some(ti);
                            let x = self.sum(&tag_word_keys(p1, me.hw, me.s3));
                            let s = sum_rows([st, pairs, &x]);
                            me.after_tag.insert(ti, x);
                            s
                        }
                    };
                    argmax(&s)
                }
            };
            out.push(t);
            t2 = t1;
            t1 = usize::from(t);
        }
        memo.stat = stat;
        memo.ids = ids;
    }

    #[cfg(test)]
    #[inline]
    fn score(&self, feats: &[u64]) -> u8 {
        argmax(&self.sum(feats))
    }

    /// The reference scorer (no memo): every feature key of every word, looked up in the table.
    #[cfg(test)]
    pub(crate) fn tag_sentence_reference<S: AsRef<str>>(
        &self,
        words: &[S],
        ex: &mut Extractor,
        out: &mut Vec<u8>,
    ) {
        ex.prepare(words);
        let mut feats = [0u64; N_FEATS];
        let (mut p1, mut p2) = (None, None);
        for (i, w) in words.iter().enumerate() {
            let t = match self.dict.get(w.as_ref()) {
                Some(&t) => t,
                None => {
                    feats[..N_STATIC].copy_from_slice(ex.static_feats(i));
                    feats[N_STATIC..].copy_from_slice(&ex.dynamic_feats(i, p1, p2));
                    self.score(&feats)
                }
            };
            out.push(t);
            p2 = p1;
            p1 = Some(t);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ModelData {
        ModelData {
            scale: 2.5,
            feats: vec![(3, vec![(0, 5), (16, -7)]), (99, vec![(7, 1)])],
            dict: vec![("de".into(), 1), ("été".into(), 15)],
        }
    }

    #[test]
    fn encode_decode_round_trip() {
        let d = sample();
        let bytes = gzip(&d.encode());
        let back = ModelData::decode(&gunzip(&bytes).unwrap()).unwrap();
        assert_eq!(back, d);
        assert_eq!(gzip(&d.encode()), bytes, "gzip output is deterministic");
    }

    #[test]
    fn corrupt_files_are_errors_not_panics() {
        let enc = sample().encode();
        for n in 0..enc.len() {
            assert!(ModelData::decode(&enc[..n]).is_err());
        }
        let mut bad = enc.clone();
        bad[0] = b'X';
        assert!(ModelData::decode(&bad).is_err());
        assert!(gunzip(b"not gzip").is_err());
    }

    #[test]
    fn argmax_is_the_first_best_tag() {
        // Ties everywhere (few distinct values), and the padding lanes above every score.
        let mut x = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            let mut s = [i32::MAX; LANES];
            for v in s.iter_mut().take(NT) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                *v = (x % 5) as i32 - 2 + if x & 64 == 0 { 0 } else { i32::MIN / 2 };
            }
            let m = s[..NT].iter().copied().max().unwrap();
            let first = s[..NT].iter().position(|&v| v == m).unwrap() as u8;
            assert_eq!(argmax(&s), first, "{s:?}");
        }
    }

    proptest::proptest! {
        /// A [`PerTag`] answers as a map from tag to the value first inserted for it.
        #[test]
        fn per_tag_is_a_map(ops in proptest::collection::vec((0u8..40, 0u32..1000), 0..60)) {
            let mut p = PerTag::default();
            let mut m = std::collections::BTreeMap::new();
            for (tag, v) in ops {
                if p.get(tag).is_none() {
                    let kept = p.first.is_none() || tag < 32;
                    p.insert(tag, v);
                    if kept {
                        m.insert(tag, v);
                    }
                }
                for t in 0..40 {
                    proptest::prop_assert_eq!(p.get(t), m.get(&t));
                }
            }
        }
    }

    /// Memo keys compare whole forms (heads, lengths and the bytes after the head), whatever
    /// the hashes: every pair of forms sharing a head, a length or a prefix is told apart.
    #[test]
    fn memo_keys_compare_whole_forms() {
        let p = Perceptron::from_parts(Weights::with_capacity(0), &[]);
        let mut m = Memo::default();
        m.prepare(&p);
        let forms = [
            "",
            "a",
            "b",
            "ab",
            "abc",
            "abcdefg",
            "abcdefgh",
            "abcdefgi",
            "abcdefghi",
            "abcdefghj",
            "abcdefgh\u{e9}",
            "abcdefghijklmnop",
            "abcdefghijklmnoq",
            "abcdefghijklmnopq",
            "abcdefghijklmnopr",
            "bbcdefghijklmnopq",
            "\u{e9}t\u{e9}",
        ];
        let ids: Vec<u32> = forms
            .iter()
            .map(|f| m.entry(&p, f, false, Norm::Apostrophes))
            .collect();
        for (i, f) in forms.iter().enumerate() {
            assert_eq!(m.entry(&p, f, false, Norm::Apostrophes), ids[i], "{f:?}");
            assert_ne!(m.entry(&p, f, true, Norm::Apostrophes), ids[i], "{f:?}");
            for (j, g) in forms.iter().enumerate() {
                let e = &m.entries[ids[i] as usize];
                let g_head = head_of(g.as_bytes());
                assert_eq!(m.key_is(e, g, g_head), i == j, "{f:?} {g:?}");
            }
        }
    }

    #[test]
    fn weight_table_lookup() {
        let d = sample();
        let w = Weights::new(&d.feats);
        assert_eq!(w.get(3).map(|r| (r[0], r[16])), Some((5, -7)));
        assert_eq!(w.get(99).map(|r| r[7]), Some(1));
        assert!(w.get(4).is_none());
        assert_eq!(w.len(), 2);
    }
}
