//! Light, data-driven de-inflection used to look words up in dictionaries and to
//! compare word forms (plural/feminine/participle endings stripped by suffix rules).

use crate::error::{AlignError, Result};

/// Suffix-replacement rules of one language (`data/<lang>/inflection.tsv`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Morphology {
    rules: Vec<(String, String)>,
}

const FR: &str = include_str!("../data/fr/inflection.tsv");
const EN: &str = include_str!("../data/en/inflection.tsv");
const NL: &str = include_str!("../data/nl/inflection.tsv");

impl Morphology {
    /// The embedded rules for an ISO 639-1 code; languages without data get no rules
    /// (words are then only matched as they are).
    pub fn for_lang(code: &str) -> Morphology {
        let data = match code {
            "fr" => FR,
            "en" => EN,
            "nl" => NL,
            _ => "",
        };
        // Embedded data is tested to parse; fall back to no rules rather than panic.
        Morphology::parse(data, code).unwrap_or_default()
    }

    /// Parses `suffix<TAB>replacement` lines (`#` starts a comment line).
    pub fn parse(data: &str, what: &str) -> Result<Morphology> {
        let mut rules = Vec::new();
        for (i, line) in data.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut parts = line.split('\t');
            let suffix = parts.next().unwrap_or("").trim();
            let repl = parts.next().unwrap_or("").trim();
            if suffix.is_empty() {
                return Err(AlignError::Format {
                    what: what.to_string(),
                    line: i + 1,
                    message: "empty suffix".into(),
                });
            }
            rules.push((suffix.to_string(), repl.to_string()));
        }
        Ok(Morphology { rules })
    }

    /// Candidate base forms of a folded word: the word itself first, then each rule's
    /// output (bases shorter than 3 characters are skipped), without duplicates.
    pub fn bases(&self, word: &str) -> Vec<String> {
        let mut out = vec![word.to_string()];
        for (suf, rep) in &self.rules {
            if let Some(stem) = word.strip_suffix(suf.as_str()) {
                if stem.chars().count() < 2 {
                    continue;
                }
                let b = format!("{stem}{rep}");
                if b.chars().count() >= 3 && !out.contains(&b) {
                    out.push(b);
                }
            }
        }
        out
    }

    /// A canonical stem of a folded word, for equality tests between forms: the first
    /// applicable rule is applied repeatedly (at most three times) so that inflected and
    /// base forms meet (`mesures` → `mesure` → `mesur`, `mesure` → `mesur`).
    pub fn stem(&self, word: &str) -> String {
        let mut w = word.to_string();
        for _ in 0..3 {
            let next = self.rules.iter().find_map(|(suf, rep)| {
                let stem = w.strip_suffix(suf.as_str())?;
                let b = format!("{stem}{rep}");
                (stem.chars().count() >= 2 && b.chars().count() >= 3).then_some(b)
            });
            match next {
                Some(b) if b != w => w = b,
                _ => break,
            }
        }
        w
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_data_parses() {
        for code in ["fr", "en", "nl"] {
            let data = match code {
                "fr" => FR,
                "en" => EN,
                _ => NL,
            };
            let m = Morphology::parse(data, code).unwrap();
            assert!(!m.rules.is_empty());
        }
    }

    #[test]
    fn french_bases() {
        let m = Morphology::for_lang("fr");
        assert!(m.bases("pénale").contains(&"pénal".to_string()));
        assert!(m.bases("mesures").contains(&"mesure".to_string()));
        assert!(m
            .bases("internationaux")
            .contains(&"international".to_string()));
        // an invariable -x is not a plural mark: prix (price) and pris (taken) differ
        assert_ne!(m.stem("prix"), m.stem("pris"));
        assert_eq!(m.stem("prix"), "prix");
        assert_eq!(m.stem("jeux"), m.stem("jeu"));
    }

    #[test]
    fn english_bases() {
        let m = Morphology::for_lang("en");
        assert!(m.bases("policies").contains(&"policy".to_string()));
        assert_eq!(m.stem("measures"), m.stem("measure"));
    }
}
