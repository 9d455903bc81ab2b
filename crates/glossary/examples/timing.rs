//! Times writing and reading 100,000 entries per format (one run each),
//! wall-clock and on-CPU time of this thread (from /proc, Linux only; the
//! CPU figure is what matters on a loaded machine).
//! `cargo run --release -p termsmith-glossary --example timing`
use std::time::{Duration, Instant};
use termsmith_glossary::csv::{self, ColumnMapping, CsvOptions, CsvProfile};
use termsmith_glossary::model::*;
use termsmith_glossary::{json, tbx};

include!("../benches/common/big.rs");

fn cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|x| x.parse().ok()))
        .map(Duration::from_nanos)
        .unwrap_or_default()
}

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration, Duration) {
    let (w, c) = (Instant::now(), cpu());
    let r = f();
    (r, w.elapsed(), cpu() - c)
}

fn main() {
    let tb = big();
    let report = |name: &str, bytes: usize, w: (Duration, Duration), r: (Duration, Duration)| {
        println!(
            "{name:12} {:4} MB  write {:6.2}s wall {:5.2}s cpu  read {:6.2}s wall {:5.2}s cpu  round trip {:5.2}s cpu",
            bytes >> 20,
            w.0.as_secs_f64(),
            w.1.as_secs_f64(),
            r.0.as_secs_f64(),
            r.1.as_secs_f64(),
            (w.1 + r.1).as_secs_f64()
        );
    };
    for (name, v) in [
        ("tbx_v3", tbx::TbxVersion::V3),
        ("tbx_v2", tbx::TbxVersion::V2),
    ] {
        let (out, ww, wc) = time(|| {
            let mut out = Vec::new();
            tbx::write(&tb, v, &mut out).unwrap();
            out
        });
        let (back, rw, rc) = time(|| tbx::read(&out[..]).unwrap().0);
        assert_eq!(back.entries.len(), N);
        report(name, out.len(), (ww, wc), (rw, rc));
    }
    for (name, p) in [
        ("csv_generic", CsvProfile::Generic),
        ("csv_memoq", CsvProfile::Memoq),
    ] {
        let (out, ww, wc) = time(|| {
            let mut out = Vec::new();
            csv::write(&tb, &CsvOptions::new(p), &mut out).unwrap();
            out
        });
        let (back, rw, rc) = time(|| csv::read(&out[..], &ColumnMapping::auto()).unwrap().0);
        assert_eq!(back.entries.len(), N);
        report(name, out.len(), (ww, wc), (rw, rc));
    }
    let (out, ww, wc) = time(|| {
        let mut out = Vec::new();
        json::write(&tb, &mut out).unwrap();
        out
    });
    let (back, rw, rc) = time(|| json::read(&out[..]).unwrap());
    assert_eq!(back.entries.len(), N);
    report("json", out.len(), (ww, wc), (rw, rc));
}
