//! The `termsmith` command: arguments, files, progress and errors. No linguistics lives here; the
//! stages are the `termsmith-*` library crates.

mod cli;
mod commands;
mod input;
mod output;
mod pipeline;
mod progress;
mod to_glossary;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    limit_malloc_arenas();
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

/// glibc gives every thread its own malloc arena and keeps freed memory in each: with the rayon
/// workers of a large run that retained memory reached a third of the peak resident size
/// (`termsmith compare` on 400 MB: 1.12 GB peak, 913 MB with two arenas). Two arenas cost no
/// measurable time with this program's two-stage parallelism.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_malloc_arenas() {
    // SAFETY: mallopt only changes an allocator setting; it is called before any thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_malloc_arenas() {}
