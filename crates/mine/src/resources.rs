//! Per-language linguistic resources, embedded from `data/<lang>/` at build time.
//!
//! Adding a language is adding a directory of data files and one line in [`TABLE`].

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::io::Read;
use std::sync::OnceLock;

use crate::pattern::Pattern;

/// Raw embedded files of one language.
struct Raw {
    code: &'static str,
    closed: &'static str,
    linkers: &'static str,
    suffixes: &'static str,
    patterns: &'static str,
    locutions: &'static str,
    dangling: &'static str,
    reffreq: &'static [u8],
}

macro_rules! lang_raw {
    ($code:literal) => {
        Raw {
            code: $code,
            closed: include_str!(concat!("../data/", $code, "/closed_class.txt")),
            linkers: include_str!(concat!("../data/", $code, "/linkers.txt")),
            suffixes: include_str!(concat!("../data/", $code, "/suffixes.txt")),
            patterns: include_str!(concat!("../data/", $code, "/patterns.txt")),
            locutions: include_str!(concat!("../data/", $code, "/locutions.txt")),
            dangling: include_str!(concat!("../data/", $code, "/dangling.txt")),
            reffreq: include_bytes!(concat!("../data/", $code, "/reffreq.tsv.gz")),
        }
    };
}

const TABLE: [Raw; 5] = [
    lang_raw!("fr"),
    lang_raw!("en"),
    lang_raw!("nl"),
    lang_raw!("de"),
    lang_raw!("es"),
];

static CACHE: [OnceLock<LangData>; 5] = [
    OnceLock::new(),
    OnceLock::new(),
    OnceLock::new(),
    OnceLock::new(),
    OnceLock::new(),
];
/// A general-language frequency list: lower-case word → Zipf × 100. The words are slices of the
/// decompressed list, which lives as long as the process (like the table that holds it).
pub(crate) type RefFreq = HashMap<&'static str, u16>;

static REFFREQ: [OnceLock<RefFreq>; 5] = [
    OnceLock::new(),
    OnceLock::new(),
    OnceLock::new(),
    OnceLock::new(),
    OnceLock::new(),
];

/// Language codes with embedded resources.
pub fn supported_languages() -> Vec<&'static str> {
    TABLE.iter().map(|r| r.code).collect()
}

/// Parsed resources of one language.
#[derive(Debug)]
pub(crate) struct LangData {
    idx: usize,
    /// Closed-class words (lower case).
    pub closed: HashSet<Box<str>>,
    /// The linker sequences as indices of their words in [`LangData::linker_word`]'s table
    /// (so that a run of tokens is compared as small integers).
    pub linker_codes: Vec<Vec<u16>>,
    /// Index of each word of a linker sequence (lower case).
    linker_word_index: HashMap<Box<str>, u16>,
    /// Longest linker sequence, in words.
    pub max_linker: usize,
    /// Suffix rules: (suffix, replacement, min stem length in chars).
    pub suffixes: Vec<(Box<str>, Box<str>, usize)>,
    /// Part-of-speech patterns.
    pub patterns: Vec<Pattern>,
    /// Complex prepositions and locutions (lower-case words), boundaries.
    pub locutions: Vec<Vec<Box<str>>>,
    /// The word lists a lower-case word belongs to, as `W_*` bits (closed-class words, words
    /// of linker sequences, first words of locutions, and the words that govern a complement
    /// (`relatif` à, `pursuant` to), never the last word of a multi-word candidate): one
    /// look-up per token instead of one per list.
    word_flags: HashMap<Box<str>, u8>,
}

/// [`LangData::word_flags`] bit: a closed-class word.
pub(crate) const W_CLOSED: u8 = 1;
/// [`LangData::word_flags`] bit: a word of a linker sequence.
pub(crate) const W_LINKER: u8 = 2;
/// [`LangData::word_flags`] bit: a word that governs a complement.
pub(crate) const W_DANGLING: u8 = 4;
/// [`LangData::word_flags`] bit: the first word of a locution.
pub(crate) const W_LOCUTION_FIRST: u8 = 8;

/// Splits an elided word the way the tokenizer does (`l'égard` → `l'`, `égard`), so that data
/// files can be written as text is.
fn split_elision(w: &str) -> Vec<&str> {
    match w.find('\'') {
        Some(i) if i + 1 < w.len() => vec![&w[..=i], &w[i + 1..]],
        _ => vec![w],
    }
}

/// One lower-case word sequence per line, elided words split as the tokenizer splits them.
fn word_sequences(s: &str) -> impl Iterator<Item = Vec<Box<str>>> + '_ {
    lines(s)
        .map(|l| {
            l.split_whitespace()
                .flat_map(split_elision)
                .map(|w| w.to_lowercase().into_boxed_str())
                .collect::<Vec<_>>()
        })
        .filter(|v| !v.is_empty())
}

fn lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl LangData {
    /// Resources for a language code, parsed once.
    pub fn get(code: &str) -> Option<&'static LangData> {
        let idx = TABLE.iter().position(|r| r.code == code)?;
        Some(CACHE[idx].get_or_init(|| LangData::parse(idx)))
    }

    fn parse(idx: usize) -> LangData {
        let raw = &TABLE[idx];
        let closed: HashSet<Box<str>> = lines(raw.closed)
            .flat_map(str::split_whitespace)
            .map(|w| w.to_lowercase().into_boxed_str())
            .collect();
        let linkers: HashSet<Vec<Box<str>>> = word_sequences(raw.linkers).collect();
        let max_linker = linkers.iter().map(Vec::len).max().unwrap_or(0);
        let linker_words: HashSet<Box<str>> = linkers.iter().flatten().cloned().collect();
        let mut sorted_words: Vec<&Box<str>> = linker_words.iter().collect();
        sorted_words.sort();
        let linker_word_index: HashMap<Box<str>, u16> = sorted_words
            .into_iter()
            .zip(0u16..u16::MAX)
            .map(|(w, i)| (w.clone(), i))
            .collect();
        let mut sorted_linkers: Vec<&Vec<Box<str>>> = linkers.iter().collect();
        sorted_linkers.sort();
        let linker_codes: Vec<Vec<u16>> = sorted_linkers
            .into_iter()
            .map(|l| {
                l.iter()
                    .map(|w| linker_word_index.get(w).copied().unwrap_or(u16::MAX))
                    .collect()
            })
            .collect();
        let suffixes = lines(raw.suffixes)
            .filter_map(|l| {
                let mut it = l.split('\t');
                let suf = it.next()?.trim();
                let rep = it.next()?.trim();
                let min = it.next().and_then(|m| m.trim().parse().ok()).unwrap_or(3);
                let rep = if rep == "-" { "" } else { rep };
                Some((suf.into(), rep.into(), min))
            })
            .collect();
        let patterns = lines(raw.patterns)
            .filter_map(|l| Pattern::parse(l).ok())
            .collect();
        let mut locutions: Vec<Vec<Box<str>>> = word_sequences(raw.locutions).collect();
        locutions.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        let locution_first: HashSet<Box<str>> = locutions
            .iter()
            .filter_map(|l| l.first().cloned())
            .collect();
        let dangling: HashSet<Box<str>> = lines(raw.dangling)
            .flat_map(str::split_whitespace)
            .map(|w| w.to_lowercase().into_boxed_str())
            .collect();
        let mut word_flags: HashMap<Box<str>, u8> = HashMap::default();
        for (set, bit) in [
            (&closed, W_CLOSED),
            (&linker_words, W_LINKER),
            (&dangling, W_DANGLING),
            (&locution_first, W_LOCUTION_FIRST),
        ] {
            for w in set {
                *word_flags.entry(w.clone()).or_insert(0) |= bit;
            }
        }
        LangData {
            word_flags,
            locutions,
            idx,
            closed,
            linker_codes,
            linker_word_index,
            max_linker,
            suffixes,
            patterns,
        }
    }

    /// The `W_*` bits of a lower-case word (0 when it is in none of the word lists).
    #[inline]
    pub fn word_flags(&self, lower: &str) -> u8 {
        self.word_flags.get(lower).copied().unwrap_or(0)
    }

    /// Index of a lower-case word among the words of the linker sequences
    /// ([`LangData::linker_codes`]), `u16::MAX` when it is none of them.
    pub fn linker_word(&self, lower: &str) -> u16 {
        self.linker_word_index
            .get(lower)
            .copied()
            .unwrap_or(u16::MAX)
    }

    /// The general-language reference frequency list (lower-case word → Zipf × 100),
    /// decompressed on first use.
    pub fn reffreq(&self) -> &'static RefFreq {
        REFFREQ[self.idx].get_or_init(|| parse_reffreq(TABLE[self.idx].reffreq))
    }

    /// [`LangData::suffix_lemma`] as a stem of `lower` and its replacement suffix.
    pub fn suffix_lemma_parts<'a>(&'a self, lower: &'a str) -> (&'a str, &'a str) {
        for (suf, rep, min) in &self.suffixes {
            if let Some(stem) = lower.strip_suffix(&**suf) {
                if stem.chars().count() >= *min {
                    return (stem, rep);
                }
            }
        }
        (lower, "")
    }

    /// Lower-case fallback lemma of a word by the suffix rules.
    #[cfg(test)]
    pub fn suffix_lemma(&self, lower: &str) -> String {
        let (stem, rep) = self.suffix_lemma_parts(lower);
        let mut s = String::with_capacity(stem.len() + rep.len());
        s.push_str(stem);
        s.push_str(rep);
        s
    }
}

fn parse_reffreq(gz: &[u8]) -> RefFreq {
    let mut text = String::with_capacity(gz.len() * 3);
    let mut dec = flate2::read::GzDecoder::new(gz);
    if dec.read_to_string(&mut text).is_err() {
        return HashMap::default();
    }
    // Parsed once per process and kept in a static: the words borrow the text instead of
    // being allocated one by one.
    let text: &'static str = Box::leak(text.into_boxed_str());
    let mut map = HashMap::with_capacity_and_hasher(160_000, Default::default());
    // `str::lines` and `split_once('\t')`, with byte searches (the lines are short: a search
    // call per line cost more than the loop).
    let mut rest = text;
    while !rest.is_empty() {
        let line = match rest.bytes().position(|b| b == b'\n') {
            Some(i) => {
                let line = &rest[..i];
                rest = &rest[i + 1..];
                line.strip_suffix('\r').unwrap_or(line)
            }
            None => std::mem::take(&mut rest),
        };
        if let Some(t) = line.bytes().position(|b| b == b'\t') {
            if let Ok(z) = line[t + 1..].parse::<u16>() {
                map.entry(&line[..t]).or_insert(z);
            }
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_languages_parse() {
        for code in supported_languages() {
            let d = LangData::get(code).unwrap();
            assert!(d.closed.len() > 50, "{code}");
            assert!(!d.linker_codes.is_empty(), "{code}");
            assert!(!d.patterns.is_empty(), "{code}");
        }
    }

    /// The byte-search parse reads what `str::lines` and `split_once` read.
    #[test]
    fn reffreq_parse_is_lines_and_tabs() {
        use std::io::Write as _;
        let text = "de\t768\r\nla\t743\n\nbad line\nx\ty\nle\t735\tz\nde\t1\nà\t12\r";
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(text.as_bytes()).unwrap();
        let map = parse_reffreq(&gz.finish().unwrap());
        let mut want: HashMap<&str, u16> = HashMap::default();
        for line in text.lines() {
            if let Some((w, z)) = line.split_once('\t') {
                if let Ok(z) = z.parse::<u16>() {
                    want.entry(w).or_insert(z);
                }
            }
        }
        assert_eq!(map, want);
        assert_eq!(map.len(), 2);
    }

    #[test]
    fn reffreq_loads() {
        let d = LangData::get("fr").unwrap();
        let r = d.reffreq();
        assert!(r.len() > 100_000);
        assert!(r["de"] > r["corruption"]);
    }

    #[test]
    fn locutions_split_elided_words_like_the_tokenizer() {
        let d = LangData::get("fr").unwrap();
        let words = |l: &[&str]| l.iter().map(|w| Box::<str>::from(*w)).collect::<Vec<_>>();
        assert!(d.locutions.contains(&words(&["à", "l'", "égard"])));
        assert!(d.locutions.contains(&words(&["en", "matière", "d'"])));
        assert_eq!(split_elision("d'"), vec!["d'"]);
        assert_eq!(split_elision("l'ensemble"), vec!["l'", "ensemble"]);
    }

    #[test]
    fn suffix_rules() {
        let d = LangData::get("fr").unwrap();
        assert_eq!(d.suffix_lemma("mesures"), "mesure");
        assert_eq!(d.suffix_lemma("réseaux"), "réseau");
        assert_eq!(d.suffix_lemma("internationaux"), "international");
        let e = LangData::get("en").unwrap();
        assert_eq!(e.suffix_lemma("policies"), "policy");
        assert_eq!(e.suffix_lemma("business"), "business");
    }
}
