//! Input model of the aligner: documents as sentences of words with byte spans, and
//! terms as keys with occurrences. Built from termsmith-tokenize/-mine results by the
//! conversion functions in [`crate::pipeline`], or from plain text with [`Text::from_plain`].

use std::ops::Range;

use termsmith_tokenize::{Document, TokenKind};

/// A word of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordInfo {
    /// Byte span in [`Text::text`].
    pub span: Range<usize>,
    /// Lemma, when a tagger supplied one.
    pub lemma: Option<String>,
}

/// A sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceInfo {
    /// Byte span in [`Text::text`].
    pub span: Range<usize>,
    /// Words (letters/digits runs, numbers, acronyms), in order.
    pub words: Vec<WordInfo>,
}

/// A document prepared for alignment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// Document name (path).
    pub name: String,
    /// Full text.
    pub text: String,
    /// Sentences, in order, with non-overlapping increasing spans.
    pub sentences: Vec<SentenceInfo>,
}

impl Text {
    /// Splits plain text into sentences (at blank lines, line breaks, and `.`, `!`, `?`, `;`, `:`
    /// followed by white space) and words (runs of letters, digits, `-` inside words).
    /// Used when no tokenizer output is at hand; never panics.
    pub fn from_plain(name: &str, text: &str) -> Text {
        let mut sentences = Vec::new();
        let mut start: Option<usize> = None;
        let mut last_end = 0;
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (pos, c) = chars[i];
            if c == '\n' {
                if let Some(s) = start.take() {
                    push_sentence(text, s, last_end, &mut sentences);
                }
                i += 1;
                continue;
            }
            if !c.is_whitespace() {
                if start.is_none() {
                    start = Some(pos);
                }
                last_end = pos + c.len_utf8();
            }
            if matches!(c, '.' | '!' | '?' | ';' | ':') {
                let next_ws = chars.get(i + 1).map_or(true, |&(_, n)| n.is_whitespace());
                if next_ws {
                    if let Some(s) = start.take() {
                        push_sentence(text, s, last_end, &mut sentences);
                    }
                }
            }
            i += 1;
        }
        if let Some(s) = start {
            push_sentence(text, s, last_end, &mut sentences);
        }
        Text {
            name: name.to_string(),
            text: text.to_string(),
            sentences,
        }
    }

    /// One sentence per non-blank line (pre-segmented text such as ACTER `texts_tokenised`).
    pub fn from_lines(name: &str, text: &str) -> Text {
        let mut sentences = Vec::new();
        let mut pos = 0;
        for line in text.split_inclusive('\n') {
            let content = line.trim_end_matches(['\n', '\r']);
            let lead = content.len() - content.trim_start().len();
            let t = content.trim();
            if !t.is_empty() {
                push_sentence(text, pos + lead, pos + lead + t.len(), &mut sentences);
            } else {
                // keep line numbering recoverable: blank lines are simply skipped
            }
            pos += line.len();
        }
        Text {
            name: name.to_string(),
            text: text.to_string(),
            sentences,
        }
    }

    /// From a tokenised document: its sentences, and its word, number and acronym tokens as
    /// words; `lemmas`, when given, runs parallel to `doc.tokens` (e.g. from termsmith-tag).
    pub fn from_document(name: &str, doc: &Document, lemmas: Option<&[String]>) -> Text {
        let sentences = doc
            .sentences
            .iter()
            .map(|s| SentenceInfo {
                span: s.span.start..s.span.end,
                words: s
                    .tokens
                    .clone()
                    .filter_map(|ti| {
                        let t = doc.tokens.get(ti)?;
                        if !matches!(
                            t.kind,
                            TokenKind::Word | TokenKind::Number | TokenKind::Acronym
                        ) || t.elision
                        {
                            return None;
                        }
                        Some(WordInfo {
                            span: t.span.start..t.span.end,
                            lemma: lemmas
                                .and_then(|l| l.get(ti))
                                .filter(|l| !l.is_empty())
                                .cloned(),
                        })
                    })
                    .collect(),
            })
            .collect();
        Text {
            name: name.to_string(),
            text: doc.text.clone(),
            sentences,
        }
    }

    /// Text of a sentence range (from the first sentence's start to the last one's end).
    pub fn slice(&self, sents: Range<usize>) -> &str {
        if sents.is_empty() {
            return "";
        }
        let (Some(a), Some(b)) = (
            self.sentences.get(sents.start),
            self.sentences.get(sents.end - 1),
        ) else {
            return "";
        };
        self.text.get(a.span.start..b.span.end).unwrap_or("")
    }

    /// Index of the sentence containing byte offset `pos`.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let k = self.sentences.partition_point(|s| s.span.end <= pos);
        self.sentences
            .get(k)
            .filter(|s| s.span.start <= pos)
            .map(|_| k)
    }

    /// Word surface forms of a sentence.
    pub fn words_of(&self, s: usize) -> Vec<&str> {
        self.sentences
            .get(s)
            .map(|s| {
                s.words
                    .iter()
                    .filter_map(|w| self.text.get(w.span.clone()))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Word spans of a text slice (offsets relative to `base`).
pub(crate) fn split_words(text: &str, base: usize) -> Vec<WordInfo> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut prev_alnum_end = 0;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            prev_alnum_end = i + c.len_utf8();
        } else if let Some(s) = start {
            // keep intra-word hyphens (cyber-sécurité) and decimal separators (2,5)
            let next = text[i + c.len_utf8()..].chars().next();
            let inner = matches!(c, '-' | '\u{2011}')
                || (matches!(c, ',' | '.') && text[s..i].chars().all(|d| d.is_ascii_digit()));
            if inner && prev_alnum_end == i && next.is_some_and(char::is_alphanumeric) {
                continue;
            }
            out.push(WordInfo {
                span: base + s..base + prev_alnum_end,
                lemma: None,
            });
            start = None;
        }
    }
    if let Some(s) = start {
        out.push(WordInfo {
            span: base + s..base + prev_alnum_end,
            lemma: None,
        });
    }
    out
}

fn push_sentence(text: &str, s: usize, e: usize, out: &mut Vec<SentenceInfo>) {
    let Some(slice) = text.get(s..e) else { return };
    if slice.trim().is_empty() {
        return;
    }
    out.push(SentenceInfo {
        span: s..e,
        words: split_words(slice, s),
    });
}

/// A term prepared for alignment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermInfo {
    /// Variant-grouping key (unique within its list).
    pub key: String,
    /// Display form.
    pub headword: String,
    /// Corpus frequency.
    pub freq: u32,
    /// Occurrences: (document index, byte span in that document).
    pub occurrences: Vec<(usize, Range<usize>)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_split() {
        let t = Text::from_plain(
            "d",
            "Première phrase. Deuxième : la cyber-sécurité coûte 2,5 M€!\n\nTitre\n",
        );
        let s: Vec<_> = t
            .sentences
            .iter()
            .map(|s| &t.text[s.span.clone()])
            .collect();
        assert_eq!(
            s,
            [
                "Première phrase.",
                "Deuxième :",
                "la cyber-sécurité coûte 2,5 M€!",
                "Titre"
            ]
        );
        assert_eq!(t.words_of(2), ["la", "cyber-sécurité", "coûte", "2,5", "M"]);
        assert_eq!(t.sentence_at(t.text.find("coûte").unwrap()), Some(2));
        assert_eq!(t.slice(0..2), "Première phrase. Deuxième :");
        let l = Text::from_lines("l", "a b\n\n  c d \ne");
        let s: Vec<_> = l
            .sentences
            .iter()
            .map(|s| &l.text[s.span.clone()])
            .collect();
        assert_eq!(s, ["a b", "c d", "e"]);
    }

    #[test]
    fn from_tokenised_document() {
        let doc = termsmith_tokenize::Tokenizer::new()
            .tokenize("L'Union adopte 3 mesures. La CSIRT agit.");
        let t = Text::from_document("d", &doc, None);
        assert_eq!(t.sentences.len(), 2);
        assert_eq!(t.words_of(0), ["Union", "adopte", "3", "mesures"]);
        assert_eq!(t.words_of(1), ["La", "CSIRT", "agit"]);
    }
}
