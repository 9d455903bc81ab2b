//! `termsmith compare` (wired when the compare stage lands).
use anyhow::Result;

use crate::cli::CompareArgs;
use crate::progress::Reporter;

pub fn run(_args: CompareArgs, _reporter: &Reporter) -> Result<()> {
    Err(super::UsageError("compare is not wired in this build yet".into()).into())
}
