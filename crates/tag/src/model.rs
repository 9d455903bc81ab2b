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
    pub(crate) fn decode(b: &[u8]) -> Result<ModelData, FormatError> {
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
        let mut feats = Vec::with_capacity(nf.min(b.len() / 9));
        let mut last = 0u64;
        for _ in 0..nf {
            let k = r.u64()?;
            if k == 0 || (!feats.is_empty() && k <= last) {
                return err("feature keys not strictly increasing");
            }
            last = k;
            let nnz = r.u8()? as usize;
            let mut ws = Vec::with_capacity(nnz);
            for _ in 0..nnz {
                let t = r.u8()?;
                if t as usize >= NT {
                    return err("tag index out of range");
                }
                ws.push((t, i16::from_le_bytes(r.arr()?)));
            }
            feats.push((k, ws));
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
        Ok(ModelData { scale, feats, dict })
    }
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

/// One slot of the weight table: the feature key (0 = empty) and its weights, inline.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Slot {
    key: u64,
    w: [i16; NT],
}

/// Open-addressing hash table of weight rows, for fast scoring (one cache line per lookup).
pub(crate) struct Weights {
    mask: usize,
    slots: Vec<Slot>,
    len: usize,
}

impl Weights {
    pub(crate) fn new(feats: &[(u64, Vec<(u8, i16)>)]) -> Weights {
        let cap = (feats.len() + feats.len() / 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut slots = vec![Slot { key: 0, w: [0; NT] }; cap];
        for (k, ws) in feats {
            let mut i = (*k as usize) & mask;
            while slots[i].key != 0 {
                i = (i + 1) & mask;
            }
            slots[i].key = *k;
            for &(t, w) in ws {
                if let Some(x) = slots[i].w.get_mut(t as usize) {
                    *x = w;
                }
            }
        }
        Weights {
            mask,
            slots,
            len: feats.len(),
        }
    }

    #[inline]
    pub(crate) fn get(&self, key: u64) -> Option<&[i16; NT]> {
        let mut i = (key as usize) & self.mask;
        loop {
            let s = &self.slots[i];
            if s.key == key {
                return Some(&s.w);
            }
            if s.key == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }
}

/// The runtime perceptron tagger (without lemmas).
pub(crate) struct Perceptron {
    weights: Weights,
    dict: HashMap<Box<str>, u8, FxBuild>,
}

impl Perceptron {
    pub(crate) fn from_data(d: &ModelData) -> Perceptron {
        Perceptron {
            weights: Weights::new(&d.feats),
            dict: d
                .dict
                .iter()
                .map(|(f, t)| (f.as_str().into(), *t))
                .collect(),
        }
    }

    pub(crate) fn n_features(&self) -> usize {
        self.weights.len()
    }

    #[inline]
    fn score(&self, feats: &[u64]) -> u8 {
        let mut s = [0i32; NT];
        for &f in feats {
            if let Some(row) = self.weights.get(f) {
                for (a, &w) in s.iter_mut().zip(row.iter()) {
                    *a += w as i32;
                }
            }
        }
        let mut best = 0usize;
        for t in 1..NT {
            if s[t] > s[best] {
                best = t;
            }
        }
        best as u8
    }

    /// Tags one sentence; `ex` is a scratch extractor, `out` receives one tag index per word.
    pub(crate) fn tag_sentence<S: AsRef<str>>(
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
    fn weight_table_lookup() {
        let d = sample();
        let w = Weights::new(&d.feats);
        assert_eq!(w.get(3).map(|r| (r[0], r[16])), Some((5, -7)));
        assert_eq!(w.get(99).map(|r| r[7]), Some(1));
        assert!(w.get(4).is_none());
        assert_eq!(w.len(), 2);
    }
}
