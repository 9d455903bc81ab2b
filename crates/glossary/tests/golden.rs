//! Golden files: every writer and profile, compared byte for byte.
//! Rewrite with `UPDATE_GOLDEN=1 cargo test -p termsmith-glossary --test golden`.

mod common;

use std::path::PathBuf;

use termsmith_glossary::csv::{self, CsvOptions, CsvProfile};
use termsmith_glossary::{json, tbx};

fn check(name: &str, bytes: &[u8]) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, bytes).unwrap();
        return;
    }
    let want = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1)", path.display()));
    if want != bytes {
        panic!(
            "{} differs from the writer output:\n{}",
            path.display(),
            String::from_utf8_lossy(bytes)
        );
    }
}

fn outputs() -> Vec<(&'static str, Vec<u8>)> {
    let tb = common::sample();
    let mut v = Vec::new();
    let mut b = Vec::new();
    tbx::write(&tb, tbx::TbxVersion::V3, &mut b).unwrap();
    v.push(("sample-v3.tbx", b));
    let mut b = Vec::new();
    tbx::write(&tb, tbx::TbxVersion::V2, &mut b).unwrap();
    v.push(("sample-v2.tbx", b));
    let mut b = Vec::new();
    json::write(&tb, &mut b).unwrap();
    v.push(("sample.json", b));
    for (name, opts) in [
        ("sample-generic.csv", CsvOptions::new(CsvProfile::Generic)),
        (
            "sample-generic.tsv",
            CsvOptions::new(CsvProfile::Generic).delimiter(b'\t'),
        ),
        (
            "sample-generic-semicolon.csv",
            CsvOptions::new(CsvProfile::Generic)
                .delimiter(b';')
                .bom(true),
        ),
        ("sample-memoq.csv", CsvOptions::new(CsvProfile::Memoq)),
        ("sample-trados.csv", CsvOptions::new(CsvProfile::Trados)),
        ("sample-phrase.csv", CsvOptions::new(CsvProfile::Phrase)),
        ("sample-omegat.txt", CsvOptions::new(CsvProfile::Omegat)),
    ] {
        let mut b = Vec::new();
        csv::write(&tb, &opts, &mut b).unwrap();
        v.push((name, b));
    }
    v
}

#[test]
fn goldens_match() {
    for (name, bytes) in outputs() {
        check(name, &bytes);
    }
}

#[test]
fn writers_are_deterministic() {
    assert_eq!(outputs(), outputs());
}
