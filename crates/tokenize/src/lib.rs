//! termsmith-tokenize: bytes to a [`Document`] of blocks, sentences and tokens, each with its
//! exact byte span in the decoded text, plus the document language.
//!
//! ```
//! use termsmith_tokenize::{Lang, TokenKind, Tokenizer};
//!
//! let tk = Tokenizer::builder().lang(Some(Lang::FR)).build();
//! let doc = tk.tokenize("La cybersécurité<sup>3</sup> de l’Union est essentielle (doc. 12109/13). Le CERT-UE agit.");
//! let words: Vec<&str> = doc.tokens.iter().map(|t| doc.token_text(t)).collect();
//! assert_eq!(
//!     words,
//!     ["La", "cybersécurité", "de", "l’", "Union", "est", "essentielle", "(", "doc.", "12109/13", ")", ".",
//!      "Le", "CERT-UE", "agit", "."]
//! );
//! assert_eq!(doc.sentences.len(), 2);
//! let l = &doc.tokens[3];
//! assert!(l.elision);
//! assert_eq!(doc.norm(l), "l'");
//! assert_eq!(doc.tokens[13].kind, TokenKind::Acronym);
//! assert_eq!(doc.tokens[9].kind, TokenKind::Number);
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod data;
mod decode;
mod doc;
mod lang;
mod markup;
mod scan;
mod tokenizer;

pub use data::languages_with_data;
pub use decode::{decode, DecodeError};
pub use doc::{normalize, Block, BlockKind, Document, Sentence, Span, Token, TokenKind};
pub use lang::{identify_language, Lang, LangError, LangSource};
pub use tokenizer::{Tokenizer, TokenizerBuilder, FALLBACK_LANG};
