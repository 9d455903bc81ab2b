//! Languages: ISO 639-1 codes and identification with `whatlang`.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A language, as a lower-case ISO 639-1 code (two ASCII letters, e.g. `fr`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Lang([u8; 2]);

/// Error returned by [`Lang::new`] for a string that is not a two-letter code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid language code {code:?}: expected a two-letter ISO 639-1 code such as \"fr\"")]
pub struct LangError {
    /// The rejected input.
    pub code: String,
}

impl Lang {
    /// French.
    pub const FR: Lang = Lang(*b"fr");
    /// English.
    pub const EN: Lang = Lang(*b"en");
    /// Dutch.
    pub const NL: Lang = Lang(*b"nl");
    /// German.
    pub const DE: Lang = Lang(*b"de");
    /// Spanish.
    pub const ES: Lang = Lang(*b"es");

    /// Parses a two-letter ISO 639-1 code; ASCII case is ignored (`"FR"` gives `fr`).
    /// Surrounding whitespace is not accepted.
    pub fn new(code: &str) -> Result<Lang, LangError> {
        let b = code.as_bytes();
        if b.len() == 2 && b.iter().all(u8::is_ascii_alphabetic) {
            Ok(Lang([b[0].to_ascii_lowercase(), b[1].to_ascii_lowercase()]))
        } else {
            Err(LangError {
                code: code.to_string(),
            })
        }
    }

    /// The lower-case code, e.g. `"fr"`.
    pub fn code(&self) -> &str {
        // Always two lower-case ASCII letters by construction.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    /// Maps a `whatlang` language to its ISO 639-1 code.
    pub(crate) fn from_whatlang(l: whatlang::Lang) -> Option<Lang> {
        let iso3 = l.code();
        WHATLANG_ISO
            .iter()
            .find(|(w, _)| *w == iso3)
            .and_then(|(_, c)| Lang::new(c).ok())
    }

    /// The `whatlang` language for this code, if whatlang supports it.
    pub(crate) fn to_whatlang(self) -> Option<whatlang::Lang> {
        let code = self.code();
        WHATLANG_ISO
            .iter()
            .find(|(_, c)| *c == code)
            .and_then(|(w, _)| whatlang::Lang::from_code(*w))
    }

    /// Every language that [`identify_language`] can return, sorted by code.
    pub fn identifiable() -> Vec<Lang> {
        let mut v: Vec<Lang> = WHATLANG_ISO
            .iter()
            .filter_map(|(_, c)| Lang::new(c).ok())
            .collect();
        v.sort();
        v
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Debug for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lang({})", self.code())
    }
}

impl std::str::FromStr for Lang {
    type Err = LangError;
    fn from_str(s: &str) -> Result<Lang, LangError> {
        Lang::new(s)
    }
}

impl Serialize for Lang {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
        let s = String::deserialize(d)?;
        Lang::new(&s).map_err(serde::de::Error::custom)
    }
}

/// How [`crate::Document::lang`] was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LangSource {
    /// Given by the caller ([`crate::TokenizerBuilder::lang`]).
    Forced,
    /// Identified from the text.
    Identified,
    /// Identification failed (no letters, or a language outside the allowed set); the
    /// fallback [`crate::FALLBACK_LANG`] (English) was used.
    Fallback,
}

/// whatlang's ISO 639-3 codes and their ISO 639-1 equivalents.
const WHATLANG_ISO: &[(&str, &str)] = &[
    ("afr", "af"),
    ("aka", "ak"),
    ("amh", "am"),
    ("ara", "ar"),
    ("aze", "az"),
    ("bel", "be"),
    ("ben", "bn"),
    ("bul", "bg"),
    ("cat", "ca"),
    ("ces", "cs"),
    ("cmn", "zh"),
    ("dan", "da"),
    ("deu", "de"),
    ("ell", "el"),
    ("eng", "en"),
    ("epo", "eo"),
    ("est", "et"),
    ("fin", "fi"),
    ("fra", "fr"),
    ("guj", "gu"),
    ("heb", "he"),
    ("hin", "hi"),
    ("hrv", "hr"),
    ("hun", "hu"),
    ("hye", "hy"),
    ("ind", "id"),
    ("ita", "it"),
    ("jav", "jv"),
    ("jpn", "ja"),
    ("kan", "kn"),
    ("kat", "ka"),
    ("khm", "km"),
    ("kor", "ko"),
    ("lat", "la"),
    ("lav", "lv"),
    ("lit", "lt"),
    ("mal", "ml"),
    ("mar", "mr"),
    ("mkd", "mk"),
    ("mya", "my"),
    ("nep", "ne"),
    ("nld", "nl"),
    ("nob", "nb"),
    ("ori", "or"),
    ("pan", "pa"),
    ("pes", "fa"),
    ("pol", "pl"),
    ("por", "pt"),
    ("ron", "ro"),
    ("rus", "ru"),
    ("sin", "si"),
    ("slk", "sk"),
    ("slv", "sl"),
    ("sna", "sn"),
    ("spa", "es"),
    ("srp", "sr"),
    ("swe", "sv"),
    ("tam", "ta"),
    ("tel", "te"),
    ("tgl", "tl"),
    ("tha", "th"),
    ("tuk", "tk"),
    ("tur", "tr"),
    ("ukr", "uk"),
    ("urd", "ur"),
    ("uzb", "uz"),
    ("vie", "vi"),
    ("yid", "yi"),
    ("zul", "zu"),
];

/// Identifies the language of `text` with `whatlang` among every language it supports.
///
/// Returns `None` when the text has no letters or whatlang cannot decide. This is a best
/// guess: on short text it can be wrong (see [`crate::Block::lang`], which is only set when
/// the guess is reliable).
pub fn identify_language(text: &str) -> Option<Lang> {
    whatlang::detect(text).and_then(|i| Lang::from_whatlang(i.lang()))
}

/// A configured whatlang detector (optionally restricted to an allow-list).
#[derive(Clone)]
pub(crate) struct LangDetector {
    detector: whatlang::Detector,
    /// Whether anything at all can be identified (false for an allow-list whatlang doesn't know).
    usable: bool,
}

impl LangDetector {
    pub(crate) fn new(allowed: Option<&[Lang]>) -> LangDetector {
        match allowed {
            None => LangDetector {
                detector: whatlang::Detector::new(),
                usable: true,
            },
            Some(list) => {
                let mut wl: Vec<whatlang::Lang> =
                    list.iter().filter_map(|l| l.to_whatlang()).collect();
                wl.sort_by_key(|l| l.code());
                wl.dedup();
                LangDetector {
                    usable: !wl.is_empty(),
                    detector: whatlang::Detector::with_allowlist(wl),
                }
            }
        }
    }

    /// Best guess (any confidence).
    pub(crate) fn guess(&self, text: &str) -> Option<Lang> {
        if !self.usable {
            return None;
        }
        self.detector
            .detect(text)
            .and_then(|i| Lang::from_whatlang(i.lang()))
    }

    /// Reliable guess only.
    pub(crate) fn reliable(&self, text: &str) -> Option<Lang> {
        if !self.usable {
            return None;
        }
        self.detector
            .detect(text)
            .filter(|i| i.is_reliable())
            .and_then(|i| Lang::from_whatlang(i.lang()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(Lang::new("FR").unwrap(), Lang::FR);
        assert_eq!(Lang::FR.code(), "fr");
        assert_eq!(Lang::NL.to_string(), "nl");
        assert!(Lang::new("fra").is_err());
        assert!(Lang::new("f1").is_err());
        assert!(Lang::new("").is_err());
        assert!(Lang::new("é").is_err());
    }

    #[test]
    fn whatlang_mapping_is_complete() {
        for l in whatlang::Lang::all() {
            let iso = Lang::from_whatlang(*l);
            assert!(iso.is_some(), "no ISO 639-1 code for {l:?}");
            assert_eq!(iso.and_then(|i| i.to_whatlang()), Some(*l));
        }
    }

    #[test]
    fn identify() {
        let fr = "Le Conseil de l'Union européenne souligne l'importance de la cybersécurité pour la prospérité.";
        let en = "The Council of the European Union underlines the importance of cybersecurity for prosperity.";
        assert_eq!(identify_language(fr), Some(Lang::FR));
        assert_eq!(identify_language(en), Some(Lang::EN));
        assert_eq!(identify_language("12 345"), None);
    }

    #[test]
    fn serde_roundtrip_shape() {
        // Serialize as a bare string (checked through Display, serde_json is not a dependency).
        assert_eq!(format!("{}", Lang::EN), "en");
        assert_eq!("nl".parse::<Lang>().unwrap(), Lang::NL);
    }
}
