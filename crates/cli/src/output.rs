//! Writing results: atomically to a file (temporary file in the same directory, then rename), or to stdout.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// Where a command's output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sink {
    Stdout,
    File(PathBuf),
}

impl Sink {
    pub fn from_option(path: Option<&Path>) -> Sink {
        match path {
            Some(p) if p.as_os_str() != "-" => Sink::File(p.to_path_buf()),
            _ => Sink::Stdout,
        }
    }

    /// Writes everything `produce` emits. For a file, the bytes go to a temporary file next to the
    /// destination, which is renamed over it only when `produce` succeeded: a failed run leaves no
    /// partial file behind.
    pub fn write_with<F>(&self, produce: F) -> Result<()>
    where
        F: FnOnce(&mut dyn Write) -> Result<()>,
    {
        match self {
            Sink::Stdout => {
                let stdout = std::io::stdout();
                let mut lock = std::io::BufWriter::new(stdout.lock());
                produce(&mut lock)?;
                match lock.flush() {
                    // A closed pipe (`| head`) is not an error worth reporting.
                    Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                    other => other.context("cannot write to standard output"),
                }
            }
            Sink::File(path) => write_atomically(path, produce),
        }
    }
}

fn write_atomically<F>(path: &Path, produce: F) -> Result<()>
where
    F: FnOnce(&mut dyn Write) -> Result<()>,
{
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if path.is_dir() {
        anyhow::bail!("cannot write {}: it is a directory", path.display());
    }
    let tmp = tempfile::Builder::new()
        .prefix(".termsmith-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .with_context(|| {
            format!(
                "cannot write {}: cannot create a file in {}",
                path.display(),
                dir.display()
            )
        })?;
    let mut writer = std::io::BufWriter::new(tmp);
    produce(&mut writer).with_context(|| format!("while writing {}", path.display()))?;
    let tmp = writer
        .into_inner()
        .map_err(|e| e.into_error())
        .with_context(|| format!("cannot write {}", path.display()))?;
    // A temporary file is private (0600); the result gets the permissions of the file it replaces, or
    // the usual ones for a new file.
    let perms = match std::fs::metadata(path) {
        Ok(m) => m.permissions(),
        Err(_) => default_permissions(tmp.as_file())?,
    };
    tmp.as_file()
        .set_permissions(perms)
        .with_context(|| format!("cannot write {}", path.display()))?;
    tmp.as_file()
        .sync_all()
        .with_context(|| format!("cannot write {}", path.display()))?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

#[cfg(unix)]
fn default_permissions(_file: &std::fs::File) -> Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions(file: &std::fs::File) -> Result<std::fs::Permissions> {
    Ok(file.metadata()?.permissions())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_producer_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.tbx");
        let sink = Sink::File(target.clone());
        let res = sink.write_with(|w| {
            w.write_all(b"partial")?;
            anyhow::bail!("boom")
        });
        assert!(res.is_err());
        assert!(!target.exists());
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            0,
            "temporary file was removed"
        );
    }

    #[test]
    fn successful_producer_replaces_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.csv");
        std::fs::write(&target, "old").unwrap();
        Sink::File(target.clone())
            .write_with(|w| Ok(w.write_all(b"new")?))
            .unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    }

    #[test]
    fn missing_directory_is_an_error_naming_the_path() {
        let err = Sink::File(PathBuf::from("/nonexistent-dir-termsmith/x.tbx"))
            .write_with(|w| Ok(w.write_all(b"x")?))
            .unwrap_err();
        assert!(format!("{err:#}").contains("/nonexistent-dir-termsmith/x.tbx"));
    }
}
