//! Formula and symbol debris: word-shaped tokens that are variables of a formula rather than
//! words of the text, defined by their shape and their neighbours alone (no word list).
//!
//! Text converted from PDF keeps the symbols of formulas as words: subscripted variables
//! (`Pstock_CT_ref1`), Greek letters and the letters a symbol font decodes to (`ǻf` for Δf),
//! and the operands of (in)equations (`si Pn < PMPPT`). A token found by [`is_formula_token`]
//! is a candidate boundary, like punctuation.
//!
//! Limit: the symbol-letter rule assumes a text in a Latin-script language whose orthography does
//! not use Latin Extended-B letters (true of fr, en, nl, de, es). A language written in Greek
//! script, or with Romanian `ș ț` or Vietnamese `ơ ư`, needs it restricted to tokens of another
//! script than the text's before it is enabled for that language.

use termsmith_tokenize::Document;

/// Characters that make their neighbours operands of a formula: relations, arithmetic
/// operators other than `+`, `-` and `/` (common in prose), sub- and superscript marks.
const OPERATORS: &[char] = &[
    '=', '<', '>', '≤', '≥', '≈', '≠', '≡', '±', '×', '÷', '∙', '·', '*', '^', '_', '∑', '∏', '√',
    '∂', '∫', '∆', '∇', '→',
];

/// Whether a character is a letter of a script or block used for symbols in Latin-script
/// text: Greek, and Latin Extended-B / IPA (where symbol fonts decode, e.g. `ǻ` for Δ).
fn symbol_letter(c: char) -> bool {
    matches!(c, '\u{0180}'..='\u{02AF}' | '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}')
}

/// Whether a word is lower-case letters (after at most one capital) followed by digits: an
/// indexed variable (`Pref2`, `x0`) or a word glued to its footnote number (`Bureau1`).
/// Codes written in capitals (`CO2`, `EU15`, `V80`) or with inner capitals (`IPv6`) are not.
fn indexed(text: &str) -> bool {
    let body = text.trim_end_matches(|c: char| c.is_ascii_digit());
    if body.len() == text.len() || body.is_empty() {
        return false;
    }
    let mut cs = body.chars();
    let rest = match cs.next() {
        Some(c) if c.is_uppercase() => cs.as_str(),
        _ => body,
    };
    !rest.is_empty() && rest.chars().all(char::is_lowercase)
}

/// Whether token `i` of `doc` is formula debris (see the module documentation):
///
/// * it contains a Greek letter or a Latin Extended-B / IPA letter and has at most four
///   letters (a symbol, not a word of another script);
/// * it is lower-case letters (after at most one capital) followed by digits: an indexed
///   variable (`Pref2`) or a word glued to its footnote number (`Bureau1`);
/// * it is glued, without white space, to `_` or `^` (a subscript or superscript);
/// * the token right before or after it (in the same line) is a formula operator such as
///   `=`, `<`, `≤`, `×` (an operand).
#[cfg(test)]
pub(crate) fn is_formula_token(doc: &Document, i: usize) -> bool {
    let Some(t) = doc.tokens.get(i) else {
        return false;
    };
    if !matches!(
        t.kind,
        termsmith_tokenize::TokenKind::Word | termsmith_tokenize::TokenKind::Acronym
    ) {
        return false;
    }
    formula_shape(doc.token_text(t)) || is_operand(doc, i)
}

/// The part of [`is_formula_token`] that depends on the token's text alone: a symbol letter
/// in a short token, or an indexed variable.
pub(crate) fn formula_shape(text: &str) -> bool {
    // Symbol letters are not ASCII.
    (!text.is_ascii()
        && text.chars().any(symbol_letter)
        && text.chars().filter(|c| c.is_alphabetic()).count() <= 4)
        || indexed(text)
}

/// The part of [`is_formula_token`] that depends on the neighbours of token `i`: whether the
/// token right before or after it is a one-character operator of it (`_` or `^` glued to it,
/// or a formula operator in the same line).
pub(crate) fn is_operand(doc: &Document, i: usize) -> bool {
    let Some(t) = doc.tokens.get(i) else {
        return false;
    };
    let operator = |j: usize| -> bool {
        let Some(n) = doc.tokens.get(j) else {
            return false;
        };
        // One character is at most four bytes, and the only ASCII operators are these (most
        // neighbours are words or punctuation: told by their first byte).
        let ascii_operator = |b: &u8| matches!(b, b'=' | b'<' | b'>' | b'*' | b'^' | b'_');
        if n.span.end.wrapping_sub(n.span.start) > 4
            || doc
                .text
                .as_bytes()
                .get(n.span.start)
                .map_or(true, |b| b.is_ascii() && !ascii_operator(b))
        {
            return false;
        }
        let s = doc.token_text(n);
        let mut cs = s.chars();
        let (Some(c), None) = (cs.next(), cs.next()) else {
            return false;
        };
        let glue = matches!(c, '_' | '^');
        let op = OPERATORS.contains(&c);
        if !glue && !op {
            return false;
        }
        let (a, b) = if j < i {
            (n.span.end, t.span.start)
        } else {
            (t.span.end, n.span.start)
        };
        let between = doc.text.get(a..b).unwrap_or("\n");
        (glue && between.is_empty()) || (op && !between.contains('\n'))
    };
    i.checked_sub(1).is_some_and(operator) || operator(i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use termsmith_tokenize::{Lang, Tokenizer};

    fn flagged(text: &str) -> Vec<String> {
        let doc = Tokenizer::builder()
            .lang(Some(Lang::FR))
            .build()
            .tokenize(text);
        (0..doc.tokens.len())
            .filter(|&i| is_formula_token(&doc, i))
            .map(|i| doc.token_text(&doc.tokens[i]).to_string())
            .collect()
    }

    #[test]
    fn variables_are_debris() {
        assert_eq!(
            flagged("La puissance Pstock_CT_ref1 est NG si ǻf est Z et λ grand."),
            ["Pstock", "CT", "ref1", "ǻf", "λ"]
        );
        assert_eq!(
            flagged("si Pn < PMPPT, alors Cp = 0,4."),
            ["Pn", "PMPPT", "Cp"]
        );
        assert_eq!(
            flagged("La référence Pref2 du Bureau1 et x0 ; le CO2, EU15, V80, IPv6 et G7."),
            ["Pref2", "Bureau1", "x0"]
        );
    }

    #[test]
    fn prose_is_not_debris() {
        assert!(flagged(
            "Les mesures de confiance (MDC) et la cyber-résilience de l'UE + ses États, 50 % / an."
        )
        .is_empty());
        assert!(flagged("De natuurlĳke personen en de Ærø-veerboot.").is_empty());
    }
}
