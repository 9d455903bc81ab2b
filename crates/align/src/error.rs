//! Error type of the crate.

use std::path::PathBuf;

/// Everything that can go wrong while loading resources or aligning.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AlignError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A resource file is malformed.
    #[error("{what}: line {line}: {message}")]
    Format {
        /// Name of the resource (file name or description).
        what: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A dictzip/gzip stream could not be decompressed.
    #[error("cannot decompress {what}: {source}")]
    Decompress {
        /// Name of the resource.
        what: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A parameter is not usable (e.g. an unsupported language code in data lookups).
    #[error("invalid parameter: {0}")]
    Invalid(String),
}

/// Result alias of the crate.
pub type Result<T, E = AlignError> = std::result::Result<T, E>;
