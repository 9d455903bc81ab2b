//! Finding and reading input documents: files or directories, decoded with clear, path-naming errors.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use rayon::prelude::*;

/// File extensions read when walking a directory.
const TEXT_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text"];
/// File stems skipped when walking a directory: project furniture, not corpus text.
const SKIPPED_STEMS: &[&str] = &[
    "readme",
    "license",
    "licence",
    "changelog",
    "copying",
    "notice",
];
/// A directory holding this file lists its documents in it (column `file`, relative paths).
pub const MANIFEST: &str = "manifest.csv";

/// One input document, read and decoded.
#[derive(Debug, Clone)]
pub struct InputDoc {
    /// Path as the user will recognise it (relative to where it was found).
    pub path: PathBuf,
    /// Display name used in contexts and provenance.
    pub name: String,
    /// Decoded text.
    pub text: String,
    /// Size on disk, in bytes.
    pub bytes: u64,
}

/// A problem that does not stop the run.
#[derive(Debug, Clone)]
pub struct Warning(pub String);

/// Lists the files behind `paths`: files as given; directories walked recursively in sorted order
/// (text files only, hidden files and README/LICENSE files skipped), or through their `manifest.csv`.
pub fn collect_files(paths: &[PathBuf]) -> Result<Vec<(PathBuf, bool)>> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).with_context(|| format!("cannot read {}", p.display()))?;
        if meta.is_dir() {
            let before = out.len();
            let manifest = p.join(MANIFEST);
            if manifest.is_file() {
                for f in manifest_files(&manifest)? {
                    out.push((p.join(f), true));
                }
            } else {
                walk(p, &mut out)?;
            }
            if out.len() == before {
                bail!(
                    "{}: the directory holds no text files (looked for {})",
                    p.display(),
                    TEXT_EXTENSIONS
                        .iter()
                        .map(|e| format!("*.{e}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
        } else {
            out.push((p.clone(), true));
        }
    }
    Ok(out)
}

/// Reads the `file` column of a manifest (`file,language,date,title,…`).
pub fn manifest_files(manifest: &Path) -> Result<Vec<PathBuf>> {
    let mut rdr = csv::Reader::from_path(manifest)
        .with_context(|| format!("cannot read {}", manifest.display()))?;
    let headers = rdr
        .headers()
        .with_context(|| format!("{}: cannot read the header row", manifest.display()))?
        .clone();
    let col = headers
        .iter()
        .position(|h| h.trim() == "file")
        .with_context(|| format!("{}: no `file` column in the header", manifest.display()))?;
    let mut files = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.with_context(|| format!("{}: bad row {}", manifest.display(), i + 2))?;
        match rec.get(col).map(str::trim) {
            Some(f) if !f.is_empty() => files.push(PathBuf::from(f)),
            _ => bail!(
                "{}: row {} has an empty `file` cell",
                manifest.display(),
                i + 2
            ),
        }
    }
    Ok(files)
}

fn walk(dir: &Path, out: &mut Vec<(PathBuf, bool)>) -> Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read directory {}", dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            walk(&path, out)?;
            continue;
        }
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if TEXT_EXTENSIONS.contains(&ext.as_str()) && !SKIPPED_STEMS.contains(&stem.as_str()) {
            out.push((path, false));
        }
    }
    Ok(())
}

/// Reads and decodes the documents behind `paths`.
///
/// A file the user named explicitly that cannot be decoded is an error; one found while walking a
/// directory is skipped with a warning. Empty files are skipped with a warning. It is an error when
/// nothing readable remains.
pub fn read_documents(paths: &[PathBuf]) -> Result<(Vec<InputDoc>, Vec<Warning>)> {
    let files = collect_files(paths)?;
    // Files are read and decoded in parallel; errors and warnings are reported in file order.
    let read: Vec<Result<std::result::Result<InputDoc, Warning>>> = files
        .into_par_iter()
        .map(|(path, explicit)| {
            let bytes =
                std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
            let size = bytes.len() as u64;
            let text = match termsmith_tokenize::decode(&bytes) {
                Ok(t) => t,
                Err(e) if explicit => bail!("{}: {e}", path.display()),
                Err(e) => {
                    return Ok(Err(Warning(format!("{}: skipped: {e}", path.display()))));
                }
            };
            if text.trim().is_empty() {
                return Ok(Err(Warning(format!(
                    "{}: skipped: the file is empty",
                    path.display()
                ))));
            }
            let name = path.to_string_lossy().into_owned();
            Ok(Ok(InputDoc {
                path,
                name,
                text,
                bytes: size,
            }))
        })
        .collect();
    let mut docs = Vec::new();
    let mut warnings = Vec::new();
    for r in read {
        match r? {
            Ok(d) => docs.push(d),
            Err(w) => warnings.push(w),
        }
    }
    if docs.is_empty() {
        return Err(no_text(paths));
    }
    Ok((docs, warnings))
}

/// The error for a set of paths in which no readable text was found.
pub fn no_text(paths: &[PathBuf]) -> anyhow::Error {
    let list = paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    anyhow::anyhow!("no text to read in {list}")
}
