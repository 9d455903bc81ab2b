//! Tags the test slices in `tests/data` many times (for profiling: `perf stat`/`perf record`).
//!
//! `cargo run --release -p termsmith-tag --example speed -- [repeat]`

use std::time::Instant;
use termsmith_tag::train::read_conllu;
use termsmith_tag::Tagger;

include!("../tests/data/heldout.rs");

/// CPU time of this thread in seconds (Linux `/proc/thread-self/schedstat`), falling back to wall time.
fn cpu_secs(wall: Instant) -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .next()
                .and_then(|x| x.parse::<f64>().ok())
        })
        .map_or_else(|| wall.elapsed().as_secs_f64(), |ns| ns / 1e9)
}

fn main() {
    let w0 = Instant::now();
    let repeat: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(50);
    let data = HELD_OUT;
    for (code, text) in data {
        let Ok(tagger) = Tagger::for_code(code) else {
            continue;
        };
        let sents: Vec<Vec<String>> = read_conllu(text)
            .unwrap_or_default()
            .into_iter()
            .map(|s| s.into_iter().map(|t| t.form).collect())
            .collect();
        let refs: Vec<Vec<&str>> = sents
            .iter()
            .map(|s| s.iter().map(String::as_str).collect())
            .collect();
        let n: usize = refs.iter().map(Vec::len).sum::<usize>() * repeat;
        let t0 = cpu_secs(w0);
        let mut k = 0;
        for _ in 0..repeat {
            for s in &refs {
                k += tagger.upos_words(s).len();
            }
        }
        let a = cpu_secs(w0) - t0;
        let t0 = cpu_secs(w0);
        for _ in 0..repeat {
            for s in &refs {
                k += tagger.tag_words(s).len();
            }
        }
        let b = cpu_secs(w0) - t0;
        println!(
            "{code}: {n} tokens; upos_words {:.0} tok/s, tag_words {:.0} tok/s (per CPU second) [{k}]",
            n as f64 / a,
            n as f64 / b
        );
    }
}
