//! End-to-end extraction speed: `termsmith extract` as a user runs it (read, tokenise, tag,
//! mine, rank, write TBX and CSV), in input bytes per second, process start included.
//!
//! `cargo bench -p termsmith --bench extract` runs it on the French seed texts. Set
//! `TERMSMITH_BENCH_CORPUS` to a folder of French texts to measure a larger corpus as well
//! (e.g. the ACTER French texts copied into one folder; the figures of the README use 8.4 MB).

use std::path::{Path, PathBuf};
use std::process::Command;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn corpus_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

fn extract(dir: &Path, out: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_termsmith"))
        .arg("extract")
        .arg(dir)
        .args(["--lang", "fr", "--quiet", "-o"])
        .arg(out.join("out.tbx"))
        .arg("-o")
        .arg(out.join("out.csv"))
        .status()
        .expect("the termsmith binary runs");
    assert!(
        status.success(),
        "termsmith extract failed on {}",
        dir.display()
    );
}

fn bench(c: &mut Criterion) {
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../seeds/fr");
    let out = tempfile::tempdir().expect("a temporary folder");
    let mut corpora = vec![("seeds_fr", seeds)];
    if let Some(dir) = std::env::var_os("TERMSMITH_BENCH_CORPUS") {
        corpora.push(("corpus_fr", PathBuf::from(dir)));
    }
    let mut g = c.benchmark_group("extract");
    g.sample_size(10);
    for (name, dir) in corpora {
        g.throughput(Throughput::Bytes(corpus_bytes(&dir)));
        g.bench_function(name, |b| b.iter(|| extract(&dir, out.path())));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
