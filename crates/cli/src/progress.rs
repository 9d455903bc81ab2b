//! Progress and warnings on stderr. A bar is shown only when stderr is a terminal and the user did not
//! ask for quiet; warnings are printed unless quiet.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

/// Reports progress and warnings to the user.
pub struct Reporter {
    quiet: bool,
    tty: bool,
}

impl Reporter {
    pub fn new(quiet: bool) -> Reporter {
        Reporter {
            quiet,
            tty: std::io::stderr().is_terminal(),
        }
    }

    /// A warning: the run goes on.
    pub fn warn(&self, msg: impl std::fmt::Display) {
        if !self.quiet {
            eprintln!("termsmith: warning: {msg}");
        }
    }

    /// A short status line (counts, figures), printed unless quiet.
    pub fn info(&self, msg: impl std::fmt::Display) {
        if !self.quiet {
            eprintln!("termsmith: {msg}");
        }
    }

    /// A byte-counting progress bar, hidden unless stderr is a terminal and the input is large
    /// enough for the user to wait on it.
    pub fn bar(&self, total_bytes: u64, what: &str) -> ProgressBar {
        const SHOW_ABOVE: u64 = 2 * 1024 * 1024;
        if self.quiet || !self.tty || total_bytes < SHOW_ABOVE {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::new(total_bytes);
        let style = ProgressStyle::with_template(
            "{msg} [{bar:30}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta})",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
        bar.set_style(style);
        bar.set_message(what.to_string());
        bar
    }
}
