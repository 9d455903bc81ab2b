//! The 17 Universal Dependencies part-of-speech tags.

use std::fmt;
use std::str::FromStr;

/// A Universal Dependencies part-of-speech tag (UPOS, <https://universaldependencies.org/u/pos/>).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Upos {
    /// Adjective.
    Adj,
    /// Adposition (preposition, postposition).
    Adp,
    /// Adverb.
    Adv,
    /// Auxiliary verb.
    Aux,
    /// Coordinating conjunction.
    Cconj,
    /// Determiner.
    Det,
    /// Interjection.
    Intj,
    /// Common noun.
    Noun,
    /// Numeral.
    Num,
    /// Particle.
    Part,
    /// Pronoun.
    Pron,
    /// Proper noun.
    Propn,
    /// Punctuation.
    Punct,
    /// Subordinating conjunction.
    Sconj,
    /// Symbol.
    Sym,
    /// Verb.
    Verb,
    /// Other.
    X,
}

impl Upos {
    /// Number of tags.
    pub const COUNT: usize = 17;

    /// All tags, in the order of their index ([`Upos::index`]).
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    /// The UD name of the tag: `"NOUN"`, `"ADJ"`, …
    pub fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    /// Position of the tag in [`Upos::ALL`] (0‥17).
    pub fn index(self) -> usize {
        self as usize
    }

    /// The tag at position `i` of [`Upos::ALL`], if any.
    pub fn from_index(i: usize) -> Option<Upos> {
        Upos::ALL.get(i).copied()
    }

    /// True for content-word tags (nouns, proper nouns, adjectives, verbs, adverbs).
    pub fn is_content(self) -> bool {
        matches!(
            self,
            Upos::Noun | Upos::Propn | Upos::Adj | Upos::Verb | Upos::Adv
        )
    }
}

impl fmt::Display for Upos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Error returned when parsing an unknown UPOS name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown UPOS tag {0:?}")]
pub struct ParseUposError(pub String);

impl FromStr for Upos {
    type Err = ParseUposError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Upos::ALL
            .iter()
            .copied()
            .find(|u| u.as_str() == s)
            .ok_or_else(|| ParseUposError(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_names() {
        for (i, u) in Upos::ALL.iter().enumerate() {
            assert_eq!(u.index(), i);
            assert_eq!(Upos::from_index(i), Some(*u));
            assert_eq!(u.as_str().parse::<Upos>(), Ok(*u));
        }
        assert!("FOO".parse::<Upos>().is_err());
        assert_eq!(Upos::from_index(17), None);
    }
}
