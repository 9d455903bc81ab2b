//! Helpers shared by the end-to-end tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The `termsmith` binary built for these tests.
pub fn termsmith() -> Command {
    Command::new(env!("CARGO_BIN_EXE_termsmith"))
}

/// Runs `cmd` and returns its output, failing the test with its stderr when it did not succeed.
pub fn run_ok(cmd: &mut Command) -> std::process::Output {
    let out = cmd.output().expect("run termsmith");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The workspace root (where `seeds/` and `glossaries/` are).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

/// The TBX conformance kit's `validate.py`: `$TERMSMITH_TBX_KIT`, else `../shared/tbx`, else the vendored
/// copy in `tools/tbx-kit`.
fn validator() -> Option<PathBuf> {
    let root = workspace_root();
    let candidates = [
        std::env::var_os("TERMSMITH_TBX_KIT").map(PathBuf::from),
        Some(root.join("../shared/tbx")),
        Some(root.join("tools/tbx-kit")),
    ];
    candidates
        .into_iter()
        .flatten()
        .map(|d| d.join("validate.py"))
        .find(|p| p.is_file())
}

fn python_has_kit() -> bool {
    Command::new("python3")
        .args(["-c", "import lxml.etree, translate.storage.tbx"])
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// Runs the validator on `file` (extra args first). Fails the test on a validation error. When Python or
/// its requirements are missing, the check is skipped with a notice, unless TERMSMITH_REQUIRE_VALIDATOR
/// is set (as CI does), in which case the test fails.
pub fn run_validator(extra: &[&str], file: &Path) {
    let required = std::env::var_os("TERMSMITH_REQUIRE_VALIDATOR").is_some();
    let Some(v) = validator().filter(|_| python_has_kit()) else {
        assert!(!required, "TBX validator or its Python requirements missing (pip install -r tools/tbx-kit/requirements.txt)");
        eprintln!(
            "note: TBX validator not available, skipping validation of {}",
            file.display()
        );
        return;
    };
    let out = Command::new("python3")
        .arg(&v)
        .args(extra)
        .arg(file)
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "validate.py {extra:?} {} failed:\n{}\n{}",
        file.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

pub fn validate_tbx(file: &Path) {
    run_validator(&[], file)
}

pub fn validate_csv(file: &Path) {
    run_validator(&["--csv"], file)
}
