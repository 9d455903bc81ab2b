//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// termsmith: find the terms of a domain in documents, give their equivalents with evidence, and
/// write term bases (TBX, CSV, JSON) that CAT tools import as they are.
#[derive(Debug, Parser)]
#[command(name = "termsmith", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Print nothing on stderr but errors.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract terms from documents and write a glossary.
    Extract(Box<ExtractArgs>),
    /// Score a term list against a gold list (TermEval 2020 scoring).
    Eval(EvalArgs),
    /// Merge term bases: keep every entry and every human edit.
    Merge(MergeArgs),
    /// Convert a term base between formats (TBX v3/v2, CSV profiles, JSON).
    Convert(ConvertArgs),
    /// Compare term usage across dated corpora (periods).
    Compare(CompareArgs),
    /// Show concordance lines (keyword in context) for a term and all its variants.
    Kwic(KwicArgs),
}

/// Output formats of `extract` and `convert`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Tbx,
    Csv,
    Tsv,
    Json,
    /// One term per line and nothing else.
    List,
}

impl Format {
    /// Guesses the format from a file name's extension.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "tbx" | "xml" => Some(Format::Tbx),
            "csv" => Some(Format::Csv),
            "tsv" | "tab" | "utf8" => Some(Format::Tsv),
            "json" => Some(Format::Json),
            "txt" | "list" => Some(Format::List),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TbxVersion {
    #[value(name = "3")]
    V3,
    #[value(name = "2")]
    V2,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CsvProfile {
    Generic,
    Memoq,
    Trados,
    Phrase,
    Omegat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Ranker {
    /// The transparent default formula.
    Default,
    /// Gradient-boosted trees trained on the ACTER training domains (fr, en, nl).
    Learned,
}

/// Options shared by every command that writes a term base.
#[derive(Debug, Args, Clone)]
pub struct WriteOpts {
    /// Output format; by default taken from the extension of -o, else TBX.
    #[arg(short, long, value_enum)]
    pub format: Option<Format>,
    /// Output file(s); repeat to write several formats in one run (`-o g.tbx -o g.csv`). Standard output when absent.
    #[arg(short, long = "output", value_name = "FILE")]
    pub output: Vec<PathBuf>,
    /// TBX version: 3 (ISO 30042:2019, default) or 2 (ISO 30042:2008, martif) for older tools.
    #[arg(long, value_enum, default_value = "3")]
    pub tbx_version: TbxVersion,
    /// CSV layout expected by a CAT tool's import.
    #[arg(long, value_enum, default_value = "generic")]
    pub csv_profile: CsvProfile,
    /// Start CSV files with a UTF-8 byte-order mark (helps spreadsheets detect UTF-8; the memoq
    /// profile has one by default).
    #[arg(long, overrides_with = "no_bom")]
    pub bom: bool,
    /// Never write a byte-order mark.
    #[arg(long, overrides_with = "bom")]
    pub no_bom: bool,
    /// Date (YYYY-MM-DD) recorded as the transaction date of new entries; none by default, so that
    /// output is byte-identical across runs.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

impl WriteOpts {
    /// The byte-order-mark choice, when the user made one.
    pub fn bom(&self) -> Option<bool> {
        match (self.bom, self.no_bom) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        }
    }
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or directories to read (a directory with a manifest.csv is read through it). Default: seeds/.
    pub paths: Vec<PathBuf>,
    /// Language of the documents: `auto` identifies it, or an ISO 639-1 code (fr, en, nl, …).
    #[arg(long, default_value = "auto")]
    pub lang: String,
    /// Source documents of a bilingual run, as LANG:PATH (repeatable), e.g. `--source fr:texts/fr`.
    #[arg(long, value_name = "LANG:PATH")]
    pub source: Vec<String>,
    /// Target documents (translations, or comparable texts with --comparable), as LANG:PATH (repeatable).
    #[arg(long, value_name = "LANG:PATH")]
    pub target: Vec<String>,
    /// Target language of equivalents when no --target documents are given (term base or dictionary
    /// only); by default the term base's other language.
    #[arg(long, value_name = "LANG")]
    pub to: Option<String>,
    /// Source and target texts are comparable, not translations: do not pair documents.
    #[arg(long)]
    pub comparable: bool,
    /// Existing term base(s) (TBX, CSV, JSON) whose equivalents are reused.
    #[arg(long, value_name = "FILE")]
    pub termbase: Vec<PathBuf>,
    /// Column mapping for CSV term bases, e.g. `fr=Term,en=Translation`.
    #[arg(long, value_name = "MAP")]
    pub columns: Option<String>,
    /// Bilingual dictionary (dictd `.index` with `.dict[.dz]` beside it, or a TSV file of source
    /// and target words, tab-separated).
    #[arg(long, value_name = "FILE")]
    pub dict: Vec<PathBuf>,
    /// Add the new terms and contexts to this existing term base (human edits are kept).
    #[arg(long, value_name = "FILE")]
    pub update: Option<PathBuf>,
    /// Keep terms seen at least this many times.
    #[arg(long, default_value_t = 2)]
    pub min_freq: u32,
    /// Keep at most this many terms (best first).
    #[arg(long)]
    pub top: Option<usize>,
    /// Keep terms whose score is at least this.
    #[arg(long)]
    pub min_score: Option<f64>,
    /// Keep terms whose head has these parts of speech: noun, properNoun, adjective, verb, adverb,
    /// other, or all; repeatable or comma-separated. Default: noun (common and proper nouns, with
    /// the noun phrases and acronyms they head), what a term base holds; `--pos all` keeps the
    /// adjectives and verbs too. Applied before --top. Languages without a tagger are not filtered.
    #[arg(long, value_name = "POS")]
    pub pos: Vec<String>,
    /// Include named entities (organisations, places, people) among the terms.
    #[arg(long)]
    pub include_named_entities: bool,
    /// Ranker used to score candidates.
    #[arg(long, value_enum, default_value = "default")]
    pub ranker: Ranker,
    /// Also score the result against a gold list (tab-separated term and label) and print
    /// precision, recall, F1.
    #[arg(long, value_name = "GOLD.tsv")]
    pub eval: Option<PathBuf>,
    #[command(flatten)]
    pub write: WriteOpts,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold list: one term per line, optionally followed by a TAB and a label (ACTER format).
    #[arg(long, value_name = "GOLD.tsv")]
    pub gold: PathBuf,
    /// Predicted terms, one per line.
    pub predictions: PathBuf,
    /// Leave out gold entries labelled Named_Entity.
    #[arg(long)]
    pub no_named_entities: bool,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Term bases to merge, in order (the first one is the base whose human edits win).
    #[arg(required = true, num_args = 2..)]
    pub inputs: Vec<PathBuf>,
    /// Column mapping for CSV inputs, e.g. `fr=Term,en=Translation`.
    #[arg(long, value_name = "MAP")]
    pub columns: Option<String>,
    #[command(flatten)]
    pub write: WriteOpts,
}

#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Term base to read (TBX v2/v3, CSV/TSV, JSON).
    pub input: PathBuf,
    /// Column mapping for a CSV input, e.g. `fr=Term,en=Translation`.
    #[arg(long, value_name = "MAP")]
    pub columns: Option<String>,
    #[command(flatten)]
    pub write: WriteOpts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    Csv,
    Json,
    Html,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// `seeds` (periods from seeds/manifest.csv), a directory with a manifest.csv, or files/directories
    /// whose names carry a date (YYYY or YYYY-MM-DD).
    pub paths: Vec<PathBuf>,
    /// A labelled period, as LABEL=PATH[,PATH…] (repeatable), e.g. `--period 2015=old/ --period 2017=new/`.
    #[arg(long, value_name = "LABEL=PATHS")]
    pub period: Vec<String>,
    /// Language of the documents (`auto` or an ISO 639-1 code).
    #[arg(long, default_value = "auto")]
    pub lang: String,
    /// Output format; by default from the extension of -o, else CSV.
    #[arg(short, long, value_enum)]
    pub format: Option<CompareFormat>,
    /// Output file (standard output when absent).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Significance threshold for the log-likelihood G² (3.84: p < 0.05; 6.63: p < 0.01; 10.83: p < 0.001).
    #[arg(long, default_value_t = 3.84)]
    pub threshold: f64,
    /// Keep terms seen at least this many times over all periods.
    #[arg(long, default_value_t = 2)]
    pub min_freq: u32,
    /// Include named entities.
    #[arg(long)]
    pub include_named_entities: bool,
}

#[derive(Debug, Args)]
pub struct KwicArgs {
    /// The term (any of its variants).
    pub term: String,
    /// Files or directories to search. Default: seeds/.
    pub paths: Vec<PathBuf>,
    /// Language of the documents (`auto` or an ISO 639-1 code).
    #[arg(long, default_value = "auto")]
    pub lang: String,
    /// Characters of context on each side.
    #[arg(long, default_value_t = 60)]
    pub width: usize,
}
