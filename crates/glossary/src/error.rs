//! Error types.

use thiserror::Error;

/// Where in the input an error was found: 1-based line, 0-based byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    /// 1-based line number (0 when unknown).
    pub line: u64,
    /// Byte offset from the start of the input (after decoding to UTF-8 for
    /// UTF-16 input).
    pub byte: u64,
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}, byte {}", self.line, self.byte)
    }
}

/// Everything that can go wrong reading or writing a term base.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum GlossaryError {
    /// Reading or writing the underlying stream failed.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// The input is not well-formed XML.
    #[error("malformed XML at {pos}: {message}")]
    Xml {
        /// Where.
        pos: Position,
        /// What the parser said.
        message: String,
    },
    /// The input is not valid in the expected text encoding.
    #[error("invalid {encoding} at {pos}")]
    Encoding {
        /// Where (the first invalid byte, or the start of the invalid chunk).
        pos: Position,
        /// Expected encoding.
        encoding: &'static str,
    },
    /// A DOCTYPE declares entities (billion laughs, external entities): refused.
    #[error("DOCTYPE with entity declarations refused at {pos}")]
    EntityDeclaration {
        /// Where.
        pos: Position,
    },
    /// Elements nested deeper than the limit.
    #[error("XML nested deeper than {limit} elements at {pos}")]
    TooDeep {
        /// Where.
        pos: Position,
        /// The limit.
        limit: usize,
    },
    /// A single text value is larger than the limit.
    #[error("text value larger than {limit} bytes at {pos}")]
    TooLarge {
        /// Where.
        pos: Position,
        /// The limit in bytes.
        limit: usize,
    },
    /// The root element is not `<tbx>` (v3) nor `<martif>` (v2).
    #[error("not a TBX file: root element <{root}> at {pos}")]
    NotTbx {
        /// Where.
        pos: Position,
        /// The root element found.
        root: String,
    },
    /// A CSV record could not be read.
    #[error("CSV error at {pos}: {message}")]
    Csv {
        /// Where.
        pos: Position,
        /// What went wrong.
        message: String,
    },
    /// A CSV row has a different number of fields than the header.
    #[error("CSV row at {pos} has {found} fields, expected {expected}")]
    RaggedRow {
        /// Where.
        pos: Position,
        /// Fields in the header.
        expected: usize,
        /// Fields in this row.
        found: usize,
    },
    /// A column mapping string or header could not be understood.
    #[error("column mapping: {0}")]
    Mapping(String),
    /// JSON input is malformed or has the wrong schema.
    #[error("JSON error at {pos}: {message}")]
    Json {
        /// Where (line; byte unknown = 0).
        pos: Position,
        /// What went wrong.
        message: String,
    },
    /// A value cannot be written in the target format.
    #[error("cannot write {what}: {value:?}")]
    InvalidValue {
        /// Which field.
        what: &'static str,
        /// The value.
        value: String,
    },
}

/// A problem a reader worked around (unknown element, odd value…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadWarning {
    /// Where.
    pub pos: Position,
    /// What was found and what the reader did.
    pub message: String,
}

/// What a reader noticed while reading. At most [`ReadReport::MAX_WARNINGS`]
/// warnings are kept; the rest are only counted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReadReport {
    /// Warnings, in input order.
    pub warnings: Vec<ReadWarning>,
    /// Warnings dropped beyond the limit.
    pub suppressed: usize,
}

impl ReadReport {
    /// Maximum number of warnings kept.
    pub const MAX_WARNINGS: usize = 1000;

    /// Records a warning.
    pub fn warn(&mut self, pos: Position, message: impl Into<String>) {
        if self.warnings.len() < Self::MAX_WARNINGS {
            self.warnings.push(ReadWarning {
                pos,
                message: message.into(),
            });
        } else {
            self.suppressed += 1;
        }
    }
}
