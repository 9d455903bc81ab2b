//! Embeds every `data/<lang>/*.txt` resource: adding a language is adding a folder.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

const FILES: [&str; 3] = ["abbreviations.txt", "elisions.txt", "clitics.txt"];

fn main() {
    let manifest = env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let data = Path::new(&manifest).join("data");
    println!("cargo:rerun-if-changed={}", data.display());
    let mut langs: Vec<String> = Vec::new();
    if let Ok(rd) = fs::read_dir(&data) {
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if e.path().is_dir() && name.len() == 2 && name.bytes().all(|b| b.is_ascii_lowercase())
            {
                println!("cargo:rerun-if-changed={}", e.path().display());
                langs.push(name);
            }
        }
    }
    langs.sort();
    let mut out = String::from("/// (code, abbreviations, elisions, clitics), sorted by code.\n");
    out.push_str("pub(crate) static LANG_FILES: &[(&str, &str, &str, &str)] = &[\n");
    for l in &langs {
        write!(out, "    ({l:?}").ok();
        for f in FILES {
            let p = data.join(l).join(f);
            if p.is_file() {
                println!("cargo:rerun-if-changed={}", p.display());
                write!(out, ", include_str!({:?})", p.display().to_string()).ok();
            } else {
                out.push_str(", \"\"");
            }
        }
        out.push_str("),\n");
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("lang_files.rs");
    if let Err(e) = fs::write(&dest, out) {
        panic!("cannot write {}: {e}", dest.display());
    }
}
