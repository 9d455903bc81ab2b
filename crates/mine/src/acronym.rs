//! Acronym definitions in text: `long form (ACRONYM)`.
//!
//! The long form is found, in order of preference, by (1) the acronym letters matching the
//! initials of the long form's content words (the nearest such start, in the spirit of
//! Schwartz & Hearst 2003 but on word initials only: character matching inside words linked
//! wrong spans in tests), (2) when the letters do not match at all (French text
//! with an English acronym: `centres de réponse aux incidents de sécurité informatique
//! (CSIRT)`), the longest term candidate of at least two content words ending right before
//! the parenthesis (closed-class boundaries only, up to the window length): the text pairs
//! them explicitly.

use termsmith_tokenize::TokenKind;

use crate::extract::{candidates, PatternCache, Unit};
use crate::resources::LangData;

/// One definition: unit index of the acronym and inclusive unit range of the long form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Definition {
    pub short: usize,
    pub long: (usize, usize),
}

fn letters(s: &str) -> Vec<char> {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_content(lang: &LangData, u: &Unit) -> bool {
    u.norm().chars().any(char::is_alphabetic) && !lang.closed.contains(u.lower())
}

/// Definitions in a sentence (out of line: most sentences define nothing, and inlined into
/// the extraction loop it made that loop costlier, in instructions measured with callgrind).
#[inline(never)]
pub(crate) fn definitions(lang: &LangData, units: &[Unit], max_len: usize) -> Vec<Definition> {
    let mut out = Vec::new();
    for p in 1..units.len().saturating_sub(2) {
        if units[p].norm() != "(" || units[p + 2].norm() != ")" {
            continue;
        }
        let a = p + 1;
        if units[a].kind != TokenKind::Acronym {
            continue;
        }
        let short = letters(units[a].norm());
        // Only the alphabetic part, upper-case letters, to avoid plural s and digits.
        let short: Vec<char> = short.into_iter().filter(|c| c.is_alphabetic()).collect();
        if short.len() < 2 || short.len() > 10 {
            continue;
        }
        let end = p - 1;
        // Window: back to a boundary, at most 2|A|+4 units.
        let mut start = end;
        let limit = 2 * short.len() + 4;
        while start > 0 && end - (start - 1) < limit {
            let u = &units[start - 1];
            if !u.norm().chars().any(char::is_alphanumeric) {
                break;
            }
            start -= 1;
        }
        if !units[end].norm().chars().any(char::is_alphabetic) {
            continue;
        }
        if let Some(s) = by_initials(lang, units, start, end, &short) {
            out.push(Definition {
                short: a,
                long: (s, end),
            });
            continue;
        }
        // Fallback: the longest candidate ending before the parenthesis.
        let window = &units[start..=end];
        let best = candidates(
            lang,
            window,
            false,
            window.len().max(max_len),
            &mut PatternCache::default(),
        )
        .into_iter()
        .filter(|&(_, j)| j == end - start)
        .filter(|&(i, j)| window[i..=j].iter().filter(|u| is_content(lang, u)).count() >= 2)
        .map(|(i, _)| i)
        .min();
        if let Some(i) = best {
            out.push(Definition {
                short: a,
                long: (start + i, end),
            });
        }
    }
    out
}

/// Nearest start whose content-word initials contain the acronym letters in order, the first
/// letter being the initial of the start word.
fn by_initials(
    lang: &LangData,
    units: &[Unit],
    start: usize,
    end: usize,
    short: &[char],
) -> Option<usize> {
    let initials: Vec<(usize, char)> = (start..=end)
        .filter(|&i| is_content(lang, &units[i]))
        .flat_map(|i| {
            units[i]
                .lower()
                .split(['-', '‐'])
                .filter_map(|part| part.chars().next())
                .map(move |c| (i, c))
                .collect::<Vec<_>>()
        })
        .collect();
    for k in (0..initials.len()).rev() {
        if initials[k].1 != short[0] {
            continue;
        }
        let mut si = 1;
        for &(_, c) in &initials[k + 1..] {
            if si < short.len() && c == short[si] {
                si += 1;
            }
        }
        if si == short.len() {
            return Some(initials[k].0);
        }
    }
    None
}
