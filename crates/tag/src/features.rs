//! Feature extraction for the averaged perceptron.
//!
//! Every feature is a 64-bit key: a template number mixed with the hash of a string (a lower-cased word,
//! a suffix, a shape…). Hashing is explicit little-endian arithmetic, so keys are identical on every
//! platform and model files are portable. No feature string is ever allocated while tagging.

/// Number of features that depend only on the words (computed once per sentence).
pub(crate) const N_STATIC: usize = 19;
/// Number of features that depend on the previously predicted tags.
pub(crate) const N_DYNAMIC: usize = 5;
/// Total number of features per token.
pub(crate) const N_FEATS: usize = N_STATIC + N_DYNAMIC;

pub(crate) const K: u64 = 0x517c_c1b7_2722_0a95;

#[inline]
fn fmix64(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^= k >> 33;
    k
}

#[inline]
fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// Hash of a byte string (platform independent).
#[inline]
pub(crate) fn hash_bytes(b: &[u8]) -> u64 {
    fmix64(mix_words(
        (b.len() as u64).wrapping_mul(K) ^ 0x9e37_79b9_7f4a_7c15,
        b,
    ))
}

/// `h` mixed with the bytes of `b`, eight at a time (the last word padded with zeros).
#[inline]
fn mix_words(mut h: u64, b: &[u8]) -> u64 {
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        h = mix(h, u64::from_le_bytes(a));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        h = mix(h, le_tail(rest));
    }
    h
}

/// A cheaper hash of a byte string for in-memory tables (not for model keys): one multiply
/// per eight bytes and a final fold of the high half into the low half, so that both the low
/// bits (table index) and the high bits (tag) depend on every byte.
#[inline]
pub(crate) fn quick_hash(b: &[u8], seed: u64) -> u64 {
    let h = mix_words((b.len() as u64 ^ seed).wrapping_mul(K), b);
    h ^ (h >> 29)
}

/// The little-endian value of `rest` (1 to 7 bytes) padded with zeros, from at most two
/// loads (overlapping when needed: the shared bytes are equal, so or-ing them is harmless)
/// instead of a loop over the bytes.
#[inline]
pub(crate) fn le_tail(rest: &[u8]) -> u64 {
    let n = rest.len();
    let u32_at = |i: usize| {
        let mut a = [0u8; 4];
        a.copy_from_slice(&rest[i..i + 4]);
        u64::from(u32::from_le_bytes(a))
    };
    if n >= 4 {
        u32_at(0) | (u32_at(n - 4) << (8 * (n - 4)))
    } else if n >= 2 {
        let lo = u64::from(u16::from_le_bytes([rest[0], rest[1]]));
        lo | (u64::from(rest[n - 1]) << (8 * (n - 1)))
    } else {
        rest.first().map_or(0, |&x| u64::from(x))
    }
}

/// Key of feature `template` with value hash `h`. Never 0 (0 marks an empty slot in the weight table).
#[inline]
pub(crate) fn fkey(template: u64, h: u64) -> u64 {
    let k = fmix64(mix(template.wrapping_mul(0x2545_f491_4f6c_dd1d), h));
    if k == 0 {
        1
    } else {
        k
    }
}

// Pseudo-words for the sentence boundaries.
const START: u64 = 0x1111_1111_1111_1111;
const START2: u64 = 0x2222_2222_2222_2222;
const END: u64 = 0x3333_3333_3333_3333;
const END2: u64 = 0x4444_4444_4444_4444;

/// Replaces typographic apostrophes by `'` (the tokenizer's `norm` does the same).
pub(crate) fn normalize_apostrophes(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['\u{2019}', '\u{02bc}', '\u{2018}']) {
        std::borrow::Cow::Owned(s.replace(['\u{2019}', '\u{02bc}', '\u{2018}'], "'"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// How a word is normalised before the tagger reads it: the tagger's memo is keyed by the word
/// as given and this normaliser, so that a word seen before is not normalised again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Norm {
    /// Typographic apostrophes replaced ([`normalize_apostrophes`]): words given by the caller.
    Apostrophes = 0,
    /// [`termsmith_tokenize::normalize`] (as `Document::norm`): the tokens of a document.
    Document = 1,
}

impl Norm {
    /// The normalised form of `s`.
    #[inline]
    pub(crate) fn apply(self, s: &str) -> std::borrow::Cow<'_, str> {
        match self {
            Norm::Apostrophes => normalize_apostrophes(s),
            Norm::Document => termsmith_tokenize::normalize(s),
        }
    }
}

/// Lower-cases `form` into `out`, maps ASCII digits to `0` and typographic apostrophes to `'`.
pub(crate) fn normalize_into(form: &str, out: &mut String) {
    out.clear();
    for c in form.chars() {
        match c {
            '0'..='9' => out.push('0'),
            'a'..='z' | '-' | '\'' | '.' | ',' => out.push(c),
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            '\u{2019}' | '\u{02bc}' | '\u{2018}' => out.push('\''),
            c if c.is_ascii() => out.push(c),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// Byte offset where the last `n` characters of `s` start (0 if `s` is shorter).
#[inline]
fn suffix_start(s: &str, n: usize) -> usize {
    s.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i)
}

/// Byte offset where the first `n` characters of `s` end.
#[inline]
fn prefix_end(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)
}

/// Hash of the word shape: upper → `X`, lower → `x`, digit → `d`, other characters kept; runs collapsed.
fn shape_hash(form: &str) -> u64 {
    let mut buf = [0u8; 16];
    let mut n = 0;
    let mut last = 0u32;
    for c in form.chars() {
        let s = if c.is_uppercase() {
            'X' as u32
        } else if c.is_lowercase() {
            'x' as u32
        } else if c.is_numeric() {
            'd' as u32
        } else if c.is_alphabetic() {
            'a' as u32
        } else {
            c as u32
        };
        if s == last {
            continue;
        }
        last = s;
        let b = s.to_le_bytes();
        for &x in &b[..if s < 128 { 1 } else { 4 }] {
            if n < buf.len() {
                buf[n] = x;
                n += 1;
            }
        }
    }
    hash_bytes(&buf[..n])
}

fn flags(form: &str, first: bool) -> u64 {
    let mut chars = form.chars();
    let first_upper = chars.next().is_some_and(|c| c.is_uppercase());
    let mut letters = 0usize;
    let mut all_upper = true;
    let mut digit = false;
    let mut hyphen = false;
    for c in form.chars() {
        if c.is_alphabetic() {
            letters += 1;
            if !c.is_uppercase() {
                all_upper = false;
            }
        } else if c.is_numeric() {
            digit = true;
        } else if c == '-' {
            hyphen = true;
        }
    }
    let all_upper = all_upper && letters > 1;
    (first_upper as u64)
        | ((first as u64) << 1)
        | ((all_upper as u64) << 2)
        | ((digit as u64) << 3)
        | ((hyphen as u64) << 4)
}

/// Number of static features that depend only on the word itself (and whether it starts the
/// sentence): the first `N_WORD` static features of a token.
pub(crate) const N_WORD: usize = 11;

/// The features of one word on its own: what [`Extractor::prepare`] computes per token before
/// looking at the neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WordFeats {
    /// Keys of the features `0..N_WORD` (bias, word, suffixes, prefixes, shape, flags).
    pub(crate) keys: [u64; N_WORD],
    /// Hash of the normalised word.
    pub(crate) hw: u64,
    /// Hash of its normalised 3-character suffix.
    pub(crate) s3: u64,
    /// Its shape flags (5 bits).
    pub(crate) flags: u64,
}

/// Computes the [`WordFeats`] of `form`; `first`: it starts the sentence; `buf` is scratch.
pub(crate) fn word_feats(form: &str, first: bool, buf: &mut String) -> WordFeats {
    normalize_into(form, buf);
    let lw = buf.as_str();
    let hw = hash_bytes(lw.as_bytes());
    let s3 = hash_bytes(&lw.as_bytes()[suffix_start(lw, 3)..]);
    let fl = flags(form, first);
    let keys = [
        fkey(0, 0),
        fkey(1, hw),
        fkey(2, hash_bytes(&lw.as_bytes()[suffix_start(lw, 1)..])),
        fkey(3, hash_bytes(&lw.as_bytes()[suffix_start(lw, 2)..])),
        fkey(4, s3),
        fkey(5, hash_bytes(&lw.as_bytes()[suffix_start(lw, 4)..])),
        fkey(6, hash_bytes(&lw.as_bytes()[..prefix_end(lw, 1)])),
        fkey(7, hash_bytes(&lw.as_bytes()[..prefix_end(lw, 2)])),
        fkey(8, hash_bytes(&lw.as_bytes()[..prefix_end(lw, 3)])),
        fkey(9, shape_hash(form)),
        fkey(10, fl),
    ];
    WordFeats {
        keys,
        hw,
        s3,
        flags: fl,
    }
}

/// Reusable buffers for extracting the static features of a sentence.
#[derive(Default)]
pub(crate) struct Extractor {
    buf: String,
    /// Per token: hash of the normalised word.
    words: Vec<u64>,
    /// Per token: hash of the normalised 3-character suffix.
    suf3: Vec<u64>,
    /// Per token: the shape flags.
    flags: Vec<u64>,
    /// `N_STATIC` keys per token.
    pub(crate) feats: Vec<u64>,
}

impl Extractor {
    /// Computes the static features of every token of the sentence `words`.
    pub(crate) fn prepare<S: AsRef<str>>(&mut self, words: &[S]) {
        let n = words.len();
        self.words.clear();
        self.suf3.clear();
        self.flags.clear();
        self.feats.clear();
        self.feats.resize(n * N_STATIC, 0);
        for (i, w) in words.iter().enumerate() {
            let wf = word_feats(w.as_ref(), i == 0, &mut self.buf);
            self.words.push(wf.hw);
            self.suf3.push(wf.s3);
            self.flags.push(wf.flags);
            self.feats[i * N_STATIC..i * N_STATIC + N_WORD].copy_from_slice(&wf.keys);
        }
        for i in 0..n {
            let w = |j: isize, pad_lo: u64, pad_hi: u64| -> u64 {
                if j < 0 {
                    pad_lo
                } else if j as usize >= n {
                    pad_hi
                } else {
                    self.words[j as usize]
                }
            };
            let s = |j: isize, pad_lo: u64, pad_hi: u64| -> u64 {
                if j < 0 {
                    pad_lo
                } else if j as usize >= n {
                    pad_hi
                } else {
                    self.suf3[j as usize]
                }
            };
            let fl = |j: isize| -> u64 {
                if j < 0 || j as usize >= n {
                    63
                } else {
                    self.flags[j as usize]
                }
            };
            let ii = i as isize;
            let [k11, k12] = prev_keys(w(ii - 1, START, END), s(ii - 1, START, END));
            let [k14, k15] = next_keys(w(ii + 1, START, END), s(ii + 1, START, END));
            let v = [
                k11,
                k12,
                prev2_key(w(ii - 2, START2, END)),
                k14,
                k15,
                next2_key(w(ii + 2, START, END2)),
                flag_pair_key(fl(ii - 1), fl(ii + 1)),
                suffix_next_key(self.suf3[i], w(ii + 1, START, END)),
            ];
            self.feats[i * N_STATIC + 11..(i + 1) * N_STATIC].copy_from_slice(&v);
        }
    }

    /// Static features of token `i`.
    #[cfg(test)]
    #[inline]
    pub(crate) fn static_feats(&self, i: usize) -> &[u64] {
        &self.feats[i * N_STATIC..(i + 1) * N_STATIC]
    }

    /// Features of token `i` that depend on the two previous tags (`None` before the sentence start).
    #[inline]
    pub(crate) fn dynamic_feats(
        &self,
        i: usize,
        p1: Option<u8>,
        p2: Option<u8>,
    ) -> [u64; N_DYNAMIC] {
        let [k17, k18, k19] = tag_pair_keys(p1, p2);
        let [k20, k22] = tag_word_keys(p1, self.words[i], self.suf3[i]);
        [k17, k18, k19, k20, k22]
    }
}

// The context templates, shared by `Extractor` and the memoising tagger of `model`.

/// Word and suffix hashes standing for the missing neighbour before the first word.
pub(crate) const PAD_PREV: u64 = START;
/// Word hash standing for the missing neighbour two words before the first two words.
pub(crate) const PAD_PREV2: u64 = START2;
/// Word and suffix hashes standing for the missing neighbour after the last word.
pub(crate) const PAD_NEXT: u64 = END;
/// Word hash standing for the missing neighbour two words after the last two words.
pub(crate) const PAD_NEXT2: u64 = END2;
/// Flags standing for a missing neighbour.
pub(crate) const PAD_FLAGS: u64 = 63;

/// Keys of the features 11 and 12 of a word whose previous word has hashes `hw`, `s3`.
#[inline]
pub(crate) fn prev_keys(hw: u64, s3: u64) -> [u64; 2] {
    [fkey(11, hw), fkey(12, s3)]
}

/// Key of the feature 13 of a word whose word two before has hash `hw`.
#[inline]
pub(crate) fn prev2_key(hw: u64) -> u64 {
    fkey(13, hw)
}

/// Keys of the features 14 and 15 of a word whose next word has hashes `hw`, `s3`.
#[inline]
pub(crate) fn next_keys(hw: u64, s3: u64) -> [u64; 2] {
    [fkey(14, hw), fkey(15, s3)]
}

/// Key of the feature 16 of a word whose word two after has hash `hw`.
#[inline]
pub(crate) fn next2_key(hw: u64) -> u64 {
    fkey(16, hw)
}

/// Key of the feature 21: the flags of the previous and next words.
#[inline]
pub(crate) fn flag_pair_key(prev: u64, next: u64) -> u64 {
    fkey(21, prev * 64 + next)
}

/// Key of the feature 23: own 3-character suffix and next word.
#[inline]
pub(crate) fn suffix_next_key(s3: u64, next_hw: u64) -> u64 {
    fkey(23, mix(s3, next_hw))
}

/// Keys of the features 17 to 19: the two previous tags.
#[inline]
pub(crate) fn tag_pair_keys(p1: Option<u8>, p2: Option<u8>) -> [u64; 3] {
    let t1 = p1.map_or(100, u64::from);
    let t2 = p2.map_or(100, u64::from);
    [fkey(17, t1), fkey(18, t2), fkey(19, t1 * 256 + t2)]
}

/// Keys of the features 20 and 22: the previous tag with the own word and suffix hashes.
#[inline]
pub(crate) fn tag_word_keys(p1: Option<u8>, hw: u64, s3: u64) -> [u64; 2] {
    let t1 = p1.map_or(100, u64::from);
    [fkey(20, mix(t1, hw)), fkey(22, mix(t1, s3))]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_loads_equal_the_byte_loop() {
        let bytes: Vec<u8> = (0u8..7).map(|k| k.wrapping_mul(37) ^ 0xA5).collect();
        for n in 0..8 {
            let rest = &bytes[..n.min(7)];
            let mut v = 0u64;
            for (k, &x) in rest.iter().enumerate() {
                v |= u64::from(x) << (8 * k);
            }
            assert_eq!(le_tail(rest), v, "{n}");
        }
    }

    #[test]
    fn normalisation_lowercases_and_masks_digits() {
        let mut s = String::new();
        normalize_into("Été-2019’s", &mut s);
        assert_eq!(s, "été-0000's");
    }

    #[test]
    fn suffixes_and_prefixes_respect_char_boundaries() {
        assert_eq!(&"activités"[suffix_start("activités", 2)..], "és");
        assert_eq!(&"ab"[suffix_start("ab", 4)..], "ab");
        assert_eq!(&"éa"[..prefix_end("éa", 1)], "é");
        assert_eq!(&"é"[..prefix_end("é", 3)], "é");
    }

    #[test]
    fn shapes_collapse_runs() {
        assert_eq!(shape_hash("Paris"), shape_hash("Xx"));
        assert_eq!(shape_hash("12109/13"), shape_hash("1/2"));
        assert_ne!(shape_hash("Paris"), shape_hash("paris"));
        assert_eq!(shape_hash("COVID-19"), shape_hash("AB-1"));
    }

    #[test]
    fn flags_capture_case_and_position() {
        assert_eq!(flags("Paris", true), 0b11);
        assert_eq!(flags("UE", false), 0b101);
        assert_eq!(flags("covid-19", false), 0b11000);
    }

    #[test]
    fn features_are_deterministic_and_context_sensitive() {
        let mut a = Extractor::default();
        a.prepare(&["Le", "chat", "dort"]);
        let mut b = Extractor::default();
        b.prepare(&["le", "chat", "mange"]);
        assert_eq!(a.feats.len(), 3 * N_STATIC);
        // Same word, same lower-cased form: word feature equal.
        assert_eq!(a.static_feats(0)[1], b.static_feats(0)[1]);
        // Shape differs.
        assert_ne!(a.static_feats(0)[9], b.static_feats(0)[9]);
        // "chat": same own features, different next word.
        assert_eq!(a.static_feats(1)[..11], b.static_feats(1)[..11]);
        assert_ne!(a.static_feats(1)[14], b.static_feats(1)[14]);
        assert_ne!(
            a.dynamic_feats(1, Some(5), None),
            a.dynamic_feats(1, Some(7), None)
        );
        assert!(a.feats.iter().all(|&k| k != 0));
        // Keys are fixed across platforms and versions of the crate: the model files depend on them.
        assert_eq!(hash_bytes(b""), hash_bytes(b""));
        // Pinned values: a change would silently invalidate every model file.
        assert_eq!(hash_bytes(b"de"), 0x5f03_c265_ffc9_c1a7);
        assert_eq!(
            hash_bytes(b"cybers\xc3\xa9curit\xc3\xa9"),
            0x8ec2_adb4_8b31_1453
        );
        assert_ne!(hash_bytes(b"a"), hash_bytes(b"b"));
    }

    #[test]
    fn empty_sentence_is_fine() {
        let mut a = Extractor::default();
        a.prepare::<&str>(&[]);
        assert!(a.feats.is_empty());
    }
}
