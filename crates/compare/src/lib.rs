//! termsmith-compare: term usage over time across dated corpora.
//!
//! Given the terms mined from all documents of all periods together (so that variants are grouped into
//! one entry across periods), this crate computes for each entry and period the raw and normalised
//! frequency (per 10,000 tokens), document frequency, dispersion (Gries' DP) and variant distribution;
//! keyness between two periods (log-likelihood G² and Hardie's log ratio); a trend over more than two
//! periods (least-squares slope, Cochran–Armitage chi-square test for trend); a classification into
//! emerging, declining and stable terms; variant shifts; concordances (KWIC); and writes CSV, JSON and a
//! self-contained HTML report.
//!
//! Two ways in: [`from_mine`] compares a term list mined over all documents with every occurrence
//! kept (small corpora, KWIC queries); [`stream`] compares periods in bounded memory, one document
//! in memory at a time and only counts kept (what `termsmith compare` does; see its documentation
//! for the passes and what each count is). Entries that are words written in capitals rather than
//! terms ([`from_mine::is_capitalised_word`]) are left out of both.
//!
//! ```
//! use termsmith_compare::{CompareStats, Comparison, ComparisonOptions, EntryKind, Trend};
//!
//! let mut stats = CompareStats::new();
//! stats.add_doc("a.txt", "2015", 10_000);
//! stats.add_doc("b.txt", "2017", 10_000);
//! stats.add_entry("cybersécurité", "cybersécurité", EntryKind::Term, None);
//! stats.add_count("cybersécurité", "a.txt", 3);
//! stats.add_count("cybersécurité", "b.txt", 30);
//! let cmp = Comparison::from_stats(&stats, &ComparisonOptions::new());
//! let e = cmp.find("Cybersécurité").unwrap();
//! assert_eq!(e.trend, Trend::Emerging);
//! assert!(e.g2 > 10.83 && e.log_ratio > 3.0);
//!
//! let mut csv = Vec::new();
//! cmp.to_csv(&mut csv).unwrap();
//! assert!(String::from_utf8(csv).unwrap().starts_with("term,key,kind,trend,freq_2015,"));
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod comparison;
pub mod counts;
pub mod from_mine;
pub mod kwic;
mod output;
pub mod periods;
pub mod report;
pub mod stats;
pub mod stream;

pub use comparison::{
    Comparison, ComparisonOptions, EntryComparison, PeriodFreq, PeriodSummary, ShiftKind, TimeAxis,
    Trend, VariantCounts, VariantShift,
};
pub use counts::{CompareStats, EntryKind};
pub use kwic::{KwicLine, KwicOptions};
pub use periods::{DocPeriods, Granularity, Period};
pub use report::ReportOptions;
pub use stream::{
    ConcordanceFinder, Concordances, FormCounts, Inventory, PeriodCounter, PeriodCounts,
    StreamCompare,
};

/// Errors of this crate.
#[derive(Debug, thiserror::Error)]
pub enum CompareError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// Writing output failed.
    #[error("write error: {0}")]
    Write(#[from] std::io::Error),
    /// The manifest is malformed.
    #[error("manifest: {0}")]
    Manifest(String),
    /// Term mining failed (options, language).
    #[error("mining: {0}")]
    Mine(#[from] termsmith_mine::MineError),
    /// A document cannot be counted or searched.
    #[error("{0}")]
    Document(String),
    /// A period specification is malformed.
    #[error("period: {0}")]
    Period(String),
    /// CSV output failed.
    #[error("csv: {0}")]
    Csv(#[from] csv::Error),
    /// JSON output failed.
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
}
