//! Part-of-speech patterns over candidate units, read from `data/<lang>/patterns.txt`.
//!
//! Syntax, one pattern per line: elements separated by spaces; an element is a Universal
//! Dependencies tag (`NOUN`), an alternation (`(ADJ|NOUN)`) or `@L` (a linker sequence from
//! `linkers.txt`), optionally followed by `?`, `*` or `+`. Example: `NOUN ADJ* @L NOUN ADJ*`.

/// Universal part-of-speech tag names, in a fixed order (bit index = position).
pub(crate) const UPOS_NAMES: [&str; 17] = [
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X",
];
/// Bit of the pseudo-tag for a linker sequence.
pub(crate) const LINK_BIT: u32 = 1 << 17;

/// Bit of a tag name, if known.
pub(crate) fn tag_bit(name: &str) -> Option<u32> {
    if name == "@L" {
        return Some(LINK_BIT);
    }
    UPOS_NAMES
        .iter()
        .position(|n| *n == name)
        .map(|i| 1u32 << i)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quant {
    One,
    Opt,
    Star,
    Plus,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Elem {
    set: u32,
    quant: Quant,
}

/// A compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    elems: Vec<Elem>,
    source: String,
}

/// A pattern that could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid pattern element `{0}`")]
pub struct PatternError(pub String);

impl Pattern {
    /// Parses one pattern line.
    pub fn parse(line: &str) -> Result<Pattern, PatternError> {
        let mut elems = Vec::new();
        for tok in line.split_whitespace() {
            let (body, quant) = match tok.chars().last() {
                Some('?') => (&tok[..tok.len() - 1], Quant::Opt),
                Some('*') => (&tok[..tok.len() - 1], Quant::Star),
                Some('+') => (&tok[..tok.len() - 1], Quant::Plus),
                _ => (tok, Quant::One),
            };
            let inner = body
                .strip_prefix('(')
                .and_then(|b| b.strip_suffix(')'))
                .unwrap_or(body);
            let mut set = 0u32;
            for name in inner.split('|') {
                set |= tag_bit(name).ok_or_else(|| PatternError(tok.to_string()))?;
            }
            if set == 0 {
                return Err(PatternError(tok.to_string()));
            }
            elems.push(Elem { set, quant });
        }
        if elems.is_empty() {
            return Err(PatternError(line.to_string()));
        }
        Ok(Pattern {
            elems,
            source: line.trim().to_string(),
        })
    }

    /// The pattern as written.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether the whole sequence of unit tag bits matches.
    pub fn matches(&self, units: &[u32]) -> bool {
        fn go(elems: &[Elem], units: &[u32]) -> bool {
            let Some((e, rest)) = elems.split_first() else {
                return units.is_empty();
            };
            match e.quant {
                Quant::One => units
                    .first()
                    .is_some_and(|u| u & e.set != 0 && go(rest, &units[1..])),
                Quant::Opt => {
                    (units.first().is_some_and(|u| u & e.set != 0) && go(rest, &units[1..]))
                        || go(rest, units)
                }
                Quant::Star | Quant::Plus => {
                    let mut n = 0;
                    while n < units.len() && units[n] & e.set != 0 {
                        n += 1;
                    }
                    let min = usize::from(e.quant == Quant::Plus);
                    (min..=n).rev().any(|k| go(rest, &units[k..]))
                }
            }
        }
        go(&self.elems, units)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seq(s: &str) -> Vec<u32> {
        s.split_whitespace().map(|t| tag_bit(t).unwrap()).collect()
    }

    #[test]
    fn matching() {
        let p = Pattern::parse("NOUN ADJ* @L NOUN ADJ*").unwrap();
        assert!(p.matches(&seq("NOUN @L NOUN")));
        assert!(p.matches(&seq("NOUN ADJ @L NOUN ADJ ADJ")));
        assert!(!p.matches(&seq("NOUN @L")));
        assert!(!p.matches(&seq("NOUN ADJ")));
        let q = Pattern::parse("(ADJ|NOUN)* NOUN").unwrap();
        assert!(q.matches(&seq("ADJ NOUN NOUN")));
        assert!(!q.matches(&seq("NOUN ADJ")));
        let r = Pattern::parse("PROPN+").unwrap();
        assert!(r.matches(&seq("PROPN PROPN")));
        assert!(!r.matches(&[]));
    }

    #[test]
    fn errors() {
        assert!(Pattern::parse("NOUNZ").is_err());
        assert!(Pattern::parse("").is_err());
        assert!(Pattern::parse("(|)").is_err());
    }
}
