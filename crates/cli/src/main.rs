//! The `termsmith` command: arguments, files, progress and errors. No linguistics lives here; the
//! stages are the `termsmith-*` library crates.

mod cli;
mod commands;
#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod heap;
mod input;
mod output;
mod pipeline;
mod progress;
mod to_glossary;

use std::process::ExitCode;

use clap::Parser;

/// glibc's malloc with huge-page advice on its heap: see [`heap::HugePageHeap`].
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[global_allocator]
static GLOBAL: heap::HugePageHeap = heap::HugePageHeap;

fn main() -> ExitCode {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    heap::configure();
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help/version on stdout (exit 0) and usage errors on stderr (exit 2).
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let quiet = cli.quiet;
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            if let Some(usage) = err.downcast_ref::<commands::UsageError>() {
                eprintln!("termsmith: error: {usage}");
                return ExitCode::from(2);
            }
            let _ = quiet;
            if is_broken_pipe(&err) {
                // The reader of our output went away (`termsmith … | head`): not a failure.
                return ExitCode::SUCCESS;
            }
            eprintln!("termsmith: error: {err:#}");
            ExitCode::from(1)
        }
    }
}

/// True when the error comes from writing to a closed pipe.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            return io.kind() == std::io::ErrorKind::BrokenPipe;
        }
        if let Some(csv) = e.downcast_ref::<csv::Error>() {
            return matches!(csv.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe);
        }
        false
    })
}
