//! Per-language resources embedded from `data/<lang>/` (see `data/README.md`).

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::lang::Lang;

include!(concat!(env!("OUT_DIR"), "/lang_files.rs"));

/// A small fast hasher (FxHash) for the word sets: only used for membership tests, so no
/// iteration order ever reaches output.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash set of strings with [`FxHasher`].
pub(crate) type FxSet<T> = HashSet<T, BuildHasherDefault<FxHasher>>;

/// Parsed resources of one language.
#[derive(Debug, Default)]
pub(crate) struct LangData {
    /// Single-word abbreviations (`doc.`, `e.g.`, `n°`), exact case, plus the variant with
    /// an upper-case first letter for entries that start in lower case.
    pub abbrevs: FxSet<String>,
    /// Abbreviations that may end a sentence (`etc.`), same case rules.
    pub final_ok: FxSet<String>,
    /// Multi-word abbreviations: (preceding words, last word) e.g. (["par"], "ex.").
    pub multi: Vec<(Vec<String>, String)>,
    /// Elided words without apostrophe, lower case (`l`, `qu`).
    pub elisions: FxSet<String>,
    /// Clitics split off word ends, lower case, apostrophe as `'` (`'s`).
    pub clitics: Vec<String>,
}

fn lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn cap_first(s: &str) -> Option<String> {
    let mut cs = s.chars();
    let f = cs.next()?;
    if f.is_lowercase() {
        Some(f.to_uppercase().chain(cs).collect())
    } else {
        None
    }
}

impl LangData {
    fn parse(abbr: &str, elis: &str, clit: &str) -> LangData {
        let mut d = LangData::default();
        for line in lines(abbr) {
            let (entry, fin) = match line.strip_suffix("|final") {
                Some(e) => (e.trim(), true),
                None => (line, false),
            };
            let words: Vec<&str> = entry.split_whitespace().collect();
            match words.as_slice() {
                [] => {}
                [w] => {
                    for v in std::iter::once(w.to_string()).chain(cap_first(w)) {
                        if fin {
                            d.final_ok.insert(v.clone());
                        }
                        d.abbrevs.insert(v);
                    }
                }
                [init @ .., last] => {
                    let prev: Vec<String> = init.iter().map(|w| w.to_string()).collect();
                    d.multi.push((prev, last.to_string()));
                }
            }
        }
        d.elisions = lines(elis).map(str::to_lowercase).collect();
        d.clitics = lines(clit)
            .map(|c| c.replace(['’', 'ʼ', '‘'], "'").to_lowercase())
            .collect();
        d
    }
}

static ALL: OnceLock<Vec<(Lang, LangData)>> = OnceLock::new();
static EMPTY: OnceLock<LangData> = OnceLock::new();

/// The resources of `lang` (empty if there is no `data/<lang>/`).
pub(crate) fn lang_data(lang: Lang) -> &'static LangData {
    let all = ALL.get_or_init(|| {
        LANG_FILES
            .iter()
            .filter_map(|(code, a, e, c)| {
                Lang::new(code).ok().map(|l| (l, LangData::parse(a, e, c)))
            })
            .collect()
    });
    match all.iter().find(|(l, _)| *l == lang) {
        Some((_, d)) => d,
        None => EMPTY.get_or_init(LangData::default),
    }
}

/// Languages that have a `data/<lang>/` folder, sorted.
pub fn languages_with_data() -> Vec<Lang> {
    LANG_FILES
        .iter()
        .filter_map(|(c, ..)| Lang::new(c).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_is_embedded() {
        let langs = languages_with_data();
        for l in [Lang::FR, Lang::EN, Lang::NL, Lang::DE, Lang::ES] {
            assert!(langs.contains(&l), "{l}");
        }
        let fr = lang_data(Lang::FR);
        assert!(fr.abbrevs.contains("doc."));
        assert!(fr.abbrevs.contains("Doc."));
        assert!(fr.abbrevs.contains("n°"));
        assert!(fr.final_ok.contains("etc."));
        assert!(fr.elisions.contains("jusqu"));
        assert!(fr.multi.iter().any(|(p, l)| p == &["par"] && l == "ex."));
        let en = lang_data(Lang::EN);
        assert!(en.elisions.is_empty());
        assert_eq!(en.clitics, vec!["'s".to_string()]);
        assert!(en.abbrevs.contains("No."));
        assert!(!en.abbrevs.contains("NO."));
        assert!(lang_data(Lang::new("zz").unwrap()).abbrevs.is_empty());
    }
}
