//! Bilingual dictionaries: dictd format (FreeDict `.index` + `.dict`/`.dict.dz`) and
//! simple TSV (`source<TAB>target`), with normalised word and phrase lookup.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{AlignError, Result};
use crate::morph::Morphology;
use crate::norm;

/// A bilingual dictionary: normalised source entries (words or phrases, see
/// [`norm::phrase_key`]) mapped to target translations (folded, in source order).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dictionary {
    entries: BTreeMap<String, Vec<String>>,
}

const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn b64_number(s: &str) -> Option<usize> {
    let mut v: usize = 0;
    for b in s.bytes() {
        let d = B64.iter().position(|&c| c == b)?;
        v = v.checked_mul(64)?.checked_add(d)?;
    }
    Some(v)
}

impl Dictionary {
    /// An empty dictionary.
    pub fn new() -> Dictionary {
        Dictionary::default()
    }

    /// Adds one translation pair (both sides are normalised; empty sides are ignored).
    pub fn insert(&mut self, source: &str, target: &str) {
        let s = norm::phrase_key(source);
        let t = norm::fold(target.trim());
        if s.is_empty() || t.is_empty() {
            return;
        }
        let v = self.entries.entry(s).or_default();
        if !v.contains(&t) {
            v.push(t);
        }
    }

    /// Number of source entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there is no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds all entries of `other` (translations appended after existing ones).
    /// Associative: `a.merge(b); a.merge(c)` equals `a.merge({b.merge(c)})`.
    pub fn merge(&mut self, other: Dictionary) {
        for (k, ts) in other.entries {
            let v = self.entries.entry(k).or_default();
            for t in ts {
                if !v.contains(&t) {
                    v.push(t);
                }
            }
        }
    }

    /// The dictionary in the other direction (every pair inverted).
    pub fn reversed(&self) -> Dictionary {
        let mut d = Dictionary::new();
        for (s, ts) in &self.entries {
            for t in ts {
                d.insert(t, s);
            }
        }
        d
    }

    /// Translations of a word or phrase, exactly as normalised (no de-inflection).
    pub fn lookup(&self, source: &str) -> &[String] {
        self.entries
            .get(&norm::phrase_key(source))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Translations of a word: tries the form, then the lemma (if any), then base forms
    /// from `morph`; returns the first non-empty result.
    pub fn translate_word(&self, form: &str, lemma: Option<&str>, morph: &Morphology) -> &[String] {
        let f = norm::fold(form);
        let r = self.lookup(&f);
        if !r.is_empty() {
            return r;
        }
        if let Some(l) = lemma {
            let r = self.lookup(l);
            if !r.is_empty() {
                return r;
            }
        }
        for b in morph.bases(&f).iter().skip(1) {
            if let Some(v) = self.entries.get(b) {
                return v;
            }
        }
        &[]
    }

    /// Iterates over `(source, translations)` in source order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// Parses a TSV dictionary: `source<TAB>target[<TAB>…]` per line; further columns are
    /// ignored, several targets may be separated by `|`; `#` lines and blank lines are skipped.
    pub fn from_tsv(text: &str, what: &str) -> Result<Dictionary> {
        let mut d = Dictionary::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let s = cols.next().unwrap_or("");
            let t = cols.next().ok_or_else(|| AlignError::Format {
                what: what.to_string(),
                line: i + 1,
                message: "expected source<TAB>target".into(),
            })?;
            for t in t.split('|') {
                d.insert(s, t);
            }
        }
        Ok(d)
    }

    /// Parses a dictd database from the bytes of its `.index` and its `.dict` body
    /// (already decompressed). Translations are taken from the definition lines
    /// (sense numbers, phonetics, part-of-speech tags and parentheses removed; senses
    /// split on `,` and `;`).
    pub fn from_dictd(index: &str, dict: &[u8], what: &str) -> Result<Dictionary> {
        let mut d = Dictionary::new();
        for (i, line) in index.lines().enumerate() {
            let mut cols = line.split('\t');
            let (Some(word), Some(off), Some(len)) = (cols.next(), cols.next(), cols.next()) else {
                if line.trim().is_empty() {
                    continue;
                }
                return Err(AlignError::Format {
                    what: what.to_string(),
                    line: i + 1,
                    message: "expected word<TAB>offset<TAB>length".into(),
                });
            };
            if word.starts_with("00database") || word.starts_with("00-database") {
                continue;
            }
            let (Some(off), Some(len)) = (b64_number(off), b64_number(len)) else {
                return Err(AlignError::Format {
                    what: what.to_string(),
                    line: i + 1,
                    message: "bad base64 offset or length".into(),
                });
            };
            let Some(body) = off.checked_add(len).and_then(|end| dict.get(off..end)) else {
                return Err(AlignError::Format {
                    what: what.to_string(),
                    line: i + 1,
                    message: "entry lies outside the .dict data".into(),
                });
            };
            let body = String::from_utf8_lossy(body);
            let mut lines = body.lines();
            // First line: headword [/phonetics/] [<pos>]; prefer it to the index word,
            // which dictd strips of punctuation.
            let head = lines
                .next()
                .map(|h| {
                    let cut = h.find(" /").or_else(|| h.find(" <")).unwrap_or(h.len());
                    h[..cut].trim().to_string()
                })
                .filter(|h| !h.is_empty())
                .unwrap_or_else(|| word.to_string());
            for l in lines {
                for t in split_senses(l) {
                    d.insert(&head, &t);
                }
            }
        }
        Ok(d)
    }

    /// Loads a dictionary file: a dictd database given by its `.index`, `.dict`, `.dict.dz`
    /// or base path (the companion files are found next to it), or else a TSV file.
    pub fn load(path: &Path) -> Result<Dictionary> {
        let s = path.to_string_lossy();
        let base = s
            .strip_suffix(".dict.dz")
            .or_else(|| s.strip_suffix(".dict"))
            .or_else(|| s.strip_suffix(".index"))
            .map(str::to_string);
        let base = match base {
            Some(b) => Some(b),
            None if Path::new(&format!("{s}.index")).exists() => Some(s.to_string()),
            None => None,
        };
        if let Some(base) = base {
            let index_path = PathBuf::from(format!("{base}.index"));
            let index = read_string(&index_path)?;
            let dz = PathBuf::from(format!("{base}.dict.dz"));
            let plain = PathBuf::from(format!("{base}.dict"));
            let body = if dz.exists() {
                let raw = read_bytes(&dz)?;
                let mut out = Vec::new();
                flate2::read::MultiGzDecoder::new(raw.as_slice())
                    .read_to_end(&mut out)
                    .map_err(|e| AlignError::Decompress {
                        what: dz.display().to_string(),
                        source: e,
                    })?;
                out
            } else {
                read_bytes(&plain)?
            };
            return Dictionary::from_dictd(&index, &body, &index_path.display().to_string());
        }
        let text = read_string(path)?;
        Dictionary::from_tsv(&text, &path.display().to_string())
    }
}

fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| AlignError::Io {
        path: path.to_path_buf(),
        source: e,
    })
}

fn read_string(path: &Path) -> Result<String> {
    Ok(String::from_utf8_lossy(&read_bytes(path)?).into_owned())
}

/// Splits one definition line into translations.
fn split_senses(line: &str) -> Vec<String> {
    let mut l = line.trim();
    // sense number "1. "
    if let Some(p) = l.find(". ") {
        if p > 0 && l[..p].bytes().all(|b| b.is_ascii_digit()) {
            l = &l[p + 2..];
        }
    }
    // drop parenthesised and bracketed parts, and <pos> tags
    let mut clean = String::with_capacity(l.len());
    let mut depth = 0i32;
    for c in l.chars() {
        match c {
            '(' | '[' | '<' | '{' => depth += 1,
            ')' | ']' | '>' | '}' => depth = (depth - 1).max(0),
            c if depth == 0 => clean.push(c),
            _ => {}
        }
    }
    clean
        .split([',', ';'])
        .map(|t| t.trim().trim_matches(|c: char| c == '.' || c == '"').trim())
        .filter(|t| !t.is_empty() && t.chars().any(char::is_alphabetic))
        .filter(|t| !t.starts_with("Note") && !t.contains("  "))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64_encode(mut v: usize) -> String {
        let mut out = Vec::new();
        loop {
            out.push(B64[v % 64]);
            v /= 64;
            if v == 0 {
                break;
            }
        }
        out.reverse();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn base64_numbers() {
        assert_eq!(b64_number("A"), Some(0));
        assert_eq!(b64_number("BA"), Some(64));
        assert_eq!(b64_number("8m"), Some(60 * 64 + 38));
        assert_eq!(b64_number("*"), None);
        assert_eq!(b64_number(&b64_encode(123_456)), Some(123_456));
    }

    #[test]
    fn tsv_lookup_is_normalised() {
        let d = Dictionary::from_tsv("# c\nMesure\tmeasure|step\nconfiance\tconfidence\n", "t")
            .unwrap();
        assert_eq!(d.lookup("mesure"), ["measure", "step"]);
        assert_eq!(d.lookup("  MESURE "), ["measure", "step"]);
        let m = Morphology::for_lang("fr");
        assert_eq!(d.translate_word("Mesures", None, &m), ["measure", "step"]);
        assert!(d.translate_word("inconnu", None, &m).is_empty());
        assert!(Dictionary::from_tsv("no tab here\n", "t").is_err());
    }

    #[test]
    fn dictd_parsing() {
        let body = "abandon /abɑ̃dɔ̃/ <n, masc>\n1. abandonment\n2. cession, relinquishment (law)\nconfiance /kɔ̃fjɑ̃s/ <n, fem>\nconfidence\n";
        let first = body.find("confiance").unwrap();
        let index = format!(
            "00databaseurl\tA\tB\nabandon\tA\t{}\nconfiance\t{}\t{}\n",
            b64_encode(first),
            b64_encode(first),
            b64_encode(body.len() - first)
        );
        let d = Dictionary::from_dictd(&index, body.as_bytes(), "t").unwrap();
        assert_eq!(
            d.lookup("abandon"),
            ["abandonment", "cession", "relinquishment"]
        );
        assert_eq!(d.lookup("confiance"), ["confidence"]);
        let r = d.reversed();
        assert_eq!(r.lookup("confidence"), ["confiance"]);
        // out-of-range entries are errors, not panics
        assert!(Dictionary::from_dictd("x\tA\t//////\n", b"abc", "t").is_err());
    }

    #[test]
    fn merge_is_associative() {
        let a = Dictionary::from_tsv("a\tx\nb\ty\n", "a").unwrap();
        let b = Dictionary::from_tsv("a\tz\nc\tw\n", "b").unwrap();
        let c = Dictionary::from_tsv("a\tx\nd\tv\n", "c").unwrap();
        let mut l = a.clone();
        l.merge(b.clone());
        l.merge(c.clone());
        let mut bc = b;
        bc.merge(c);
        let mut r = a;
        r.merge(bc);
        assert_eq!(l, r);
    }
}
