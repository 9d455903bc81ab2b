//! What the evaluation examples share: their command-line arguments, reading a directory of
//! texts and a gold list, and finding the gold terms in texts.
#![allow(dead_code)] // each example uses its own part
use std::path::Path;

use termsmith_align::{AlignerBuilder, Dictionary, Morphology, PhraseMatcher, TermInfo, Text};

pub type Error = Box<dyn std::error::Error>;

/// The arguments after the program name.
pub struct Args(Vec<String>);

impl Args {
    pub fn from_env() -> Args {
        Args(std::env::args().skip(1).collect())
    }

    /// The value after `key`.
    pub fn get(&self, key: &str) -> Option<String> {
        let i = self.0.iter().position(|a| a == key)?;
        self.0.get(i + 1).cloned()
    }

    /// Whether the flag `key` is present.
    pub fn has(&self, key: &str) -> bool {
        self.0.iter().any(|a| a == key)
    }

    /// A `LANG:DIR` argument.
    pub fn lang_dir(&self, key: &str) -> Result<(String, String), Error> {
        let v = self.get(key).ok_or(format!("{key} LANG:DIR"))?;
        let (l, d) = v.split_once(':').ok_or(format!("{key} LANG:DIR"))?;
        Ok((l.to_string(), d.to_string()))
    }

    /// Adds the dictionaries given by `--dict PATH` (source → target) and `--dict-rev PATH`
    /// (target → source), in the order given.
    pub fn dictionaries(&self, mut b: AlignerBuilder) -> Result<AlignerBuilder, Error> {
        for (i, a) in self.0.iter().enumerate() {
            if a == "--dict" || a == "--dict-rev" {
                let d = Dictionary::load(Path::new(self.0.get(i + 1).ok_or("path")?))?;
                b = b.dictionary(if a == "--dict-rev" { d.reversed() } else { d });
            }
        }
        Ok(b)
    }
}

/// The `.txt` files of `dir` as (path, text), by path.
pub fn read_txt_dir(dir: &str) -> Result<Vec<(String, String)>, Error> {
    let mut v = Vec::new();
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.extension().is_some_and(|x| x == "txt") {
            v.push((p.display().to_string(), std::fs::read_to_string(&p)?));
        }
    }
    v.sort();
    Ok(v)
}

/// The terms of an ACTER gold list (`term<TAB>label` lines).
pub fn gold_terms(path: &str) -> Result<Vec<String>, Error> {
    Ok(std::fs::read_to_string(path)?
        .lines()
        .filter_map(|l| l.split('\t').next())
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect())
}

/// Occurrences of `terms` in `texts` (document index = position in `texts`), every term kept.
pub fn find_terms(
    terms: &[String],
    texts: &[&Text],
    morph: Morphology,
) -> Result<Vec<TermInfo>, Error> {
    let m = PhraseMatcher::new(terms, morph)?;
    let mut infos: Vec<TermInfo> = terms
        .iter()
        .map(|t| TermInfo {
            key: t.clone(),
            headword: t.clone(),
            freq: 0,
            occurrences: Vec::new(),
        })
        .collect();
    for (d, t) in texts.iter().enumerate() {
        for (span, i) in m.find(&t.text) {
            infos[i].occurrences.push((d, span));
            infos[i].freq += 1;
        }
    }
    Ok(infos)
}
