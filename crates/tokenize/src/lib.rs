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
//!
//! # Pipeline
//!
//! 1. **Decoding** ([`decode`], [`Tokenizer::tokenize_bytes`]): UTF-8 with or without BOM,
//!    UTF-16 LE/BE with BOM. The BOM is dropped: every span refers to [`Document::text`], the
//!    decoded text, not to the input bytes. Invalid input and NUL bytes are a
//!    [`DecodeError`] naming the byte offset in the input. Empty input is an empty document.
//! 2. **Blocks** (Markdown mode, the default): headings (`#`), rules (`---`, `***`, `___`,
//!    `===`; a `---` under text is a rule, not a setext heading), list items (`- `, `* `,
//!    `+ `, `• `, `1. `, `1) `; an ordered marker other than `1` continues a paragraph
//!    unless it follows a list item, a blank line or a hard break, so a wrapped `2017. ` line
//!    stays inside its paragraph), footnote definitions (`<sup>1</sup> …` or `[^1]: …` at
//!    line start → [`BlockKind::Footnote`]), table rows (each cell a sentence), blank lines.
//!    Inside a block, a single newline is a space; a Markdown hard break (two trailing
//!    spaces, a trailing `\`, `<br>`) ends a sentence, and so does a line with an inner
//!    tab (label/value lines of PDF conversions: `Origine:⇥Secrétariat…`). In plain-text mode
//!    ([`TokenizerBuilder::markdown`]`(false)`) blocks are paragraphs separated by blank lines
//!    and nothing is markup.
//! 3. **Markup** never yields tokens: `**`, `*`, `_` (not inside a word), `` ` ``, `~~`,
//!    HTML tags and comments, `<sup>…</sup>` footnote calls (with their content), `[^1]`,
//!    `&nbsp;`, heading, list, quote and table markers. Markup is masked in a scratch copy of
//!    the text (replaced by spaces, same length), so a footnote call never glues onto a word
//!    (`cybersécurité<sup>3</sup>` gives `cybersécurité`) and offsets stay exact. URLs are
//!    never masked. Other HTML entities (`&amp;`) are one [`TokenKind::Symbol`] token whose
//!    [`Document::norm`] is the character.
//! 4. **Tokens**, judged by shape (see [`TokenKind`]):
//!    * words keep inner hyphens (`cyber-résilience`, `États-Unis`, `peut-être`), soft
//!      hyphens and combining marks; a hyphen between spaces is punctuation;
//!    * elided words from `data/<lang>/elisions.txt` are split with their apostrophe (`l'`,
//!      `qu’`, `jusqu'`, [`Token::elision`]); clitics from `data/<lang>/clitics.txt` are split
//!      off (English `'s`); other inner apostrophes stay (`aujourd'hui`, `don't`);
//!    * numbers: `1,5`, `2.000.000`, `1 000` (no-break or thin space only, groups of 3),
//!      ranges `2015-2020`, references `12109/13`; a slash between letters splits
//!      (`CSDP` `/` `PSDC`, `and` `/` `or`);
//!    * abbreviations from `data/<lang>/abbreviations.txt` keep their period (`doc.`, `e.g.`),
//!      as do dotted initials (`U.S.A.`) and a single capital before a capitalised word
//!      (`J.` in `J. Smith`); `n°` is one token;
//!    * URLs (`http://`, `https://`, `ftp://`, `www.`) and e-mail addresses are one token;
//!    * **acronym rule** ([`TokenKind::Acronym`]): no lower-case letter, at least two letters
//!      or digits with at least one capital, and no run of more than 6 letters (`UE`, `TIC`,
//!      `CSIRT`, `CERT-UE`, `G7`, `COVID-19`, `REV5`); or mixed case with at least two capitals,
//!      more capitals than lower-case letters and at most 10 letters (`IoT`, `IPv6`,
//!      `PMEs`). Capitals used for emphasis are not acronyms: in a run of two or more
//!      consecutive all-capital tokens, acronyms without digits become words when one of
//!      them has more than 6 letters, or when the run has 3 or more tokens, 2 with at least 4
//!      letters (`AYANT À L'ESPRIT`, `RÉSULTATS DES TRAVAUX`, `SE FÉLICITE`). And an
//!      all-letter acronym opening a sentence becomes a word when its lower-case form is a
//!      word of the same document (`NOTE qu'un…` when `note` occurs). Otherwise this is a
//!      shape rule: `SALUE l'adoption` in a document without `salue` is an acronym.
//! 5. **Sentences**: UAX #29 boundaries (unicode-segmentation), minus those after
//!    abbreviations, initials, dotted acronyms and lone enumerators (`1.`); never across a
//!    block or a hard break; decimal numbers never split. Every token is in exactly one
//!    sentence.
//! 6. **Language** ([`Document::lang`], [`Document::lang_source`]): forced by
//!    [`TokenizerBuilder::lang`], else identified with whatlang (restricted to
//!    [`TokenizerBuilder::languages`] if given) on the masked text — on texts over 128 KB, on
//!    32 evenly spaced 4 KB chunks —, else [`FALLBACK_LANG`] (English). Each block with at
//!    least 40 letters gets [`Block::lang`] when whatlang finds it reliable (on its first
//!    320 bytes); the resources of a block's language are used for it when the document
//!    language is not forced.
//!
//! [`Document::norm`] gives the form for matching: NFC, apostrophe variants as `'`, no-break
//! spaces as spaces, soft hyphens dropped, case kept; it borrows when nothing changes and is
//! computed on demand (tokens are plain `Copy` spans, no per-token allocation).
//!
//! # Performance
//!
//! `cargo bench -p termsmith-tokenize --bench tokenize` (seed texts repeated to 10 MB) and,
//! for a quick figure that also reports on-CPU time,
//! `cargo run --release -p termsmith-tokenize --example throughput -- doc`. Block-level
//! language identification (on by default) costs about 0.1 ms of whatlang per block and
//! dominates the run time on large inputs: turn it off with
//! [`TokenizerBuilder::block_languages`]`(false)` when block languages are not needed.
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
