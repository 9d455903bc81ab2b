//! `termsmith kwic` (wired when the compare stage lands).
use anyhow::Result;

use crate::cli::KwicArgs;
use crate::progress::Reporter;

pub fn run(_args: KwicArgs, _reporter: &Reporter) -> Result<()> {
    Err(super::UsageError("kwic is not wired in this build yet".into()).into())
}
