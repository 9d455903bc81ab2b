//! One module per subcommand. Each takes its parsed arguments and does the file work; the linguistics
//! is in the library crates.

mod compare;
mod equivalents;
mod eval;
mod extract;
mod kwic;
mod termbase;

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::cli::{Cli, Command};
use crate::progress::Reporter;

/// An error in how the command was called (exit code 2), as opposed to a failure while running (1).
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    let reporter = Reporter::new(cli.quiet);
    match cli.command {
        Command::Extract(args) => extract::run(*args, &reporter),
        Command::Eval(args) => eval::run(args, &reporter),
        Command::Merge(args) => termbase::merge(args, &reporter),
        Command::Convert(args) => termbase::convert(args, &reporter),
        Command::Compare(args) => compare::run(args, &reporter),
        Command::Kwic(args) => kwic::run(args, &reporter),
    }
}

/// The input paths, or `seeds/` when none is given (the README's default corpus).
pub(crate) fn paths_or_seeds(paths: Vec<PathBuf>) -> Result<Vec<PathBuf>> {
    if !paths.is_empty() {
        return Ok(paths);
    }
    let seeds = Path::new("seeds");
    if seeds.is_dir() {
        Ok(vec![seeds.to_path_buf()])
    } else {
        Err(UsageError("no input given, and there is no seeds/ directory here: name the files or directories to read".into()).into())
    }
}
