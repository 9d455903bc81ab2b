//! Times sentence alignment of a document pair repeated N times (speed check).
//!
//! `cargo run --release -p termsmith-align --example time_align -- SRC.txt TGT.txt N [--dict PATH] [--dict-rev PATH]`
use std::path::Path;
use termsmith_align::{Aligner, Dictionary, Text};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (s, t) = (
        std::fs::read_to_string(args.first().ok_or("SRC")?)?,
        std::fs::read_to_string(args.get(1).ok_or("TGT")?)?,
    );
    let n: usize = args.get(2).and_then(|x| x.parse().ok()).unwrap_or(1);
    let mut b = Aligner::builder(termsmith_tokenize::Lang::FR, termsmith_tokenize::Lang::EN);
    for (i, a) in args.iter().enumerate() {
        if a == "--dict" || a == "--dict-rev" {
            let d = Dictionary::load(Path::new(args.get(i + 1).ok_or("path")?))?;
            b = b.dictionary(if a == "--dict-rev" { d.reversed() } else { d });
        }
    }
    let al = b.build()?;
    let (s, t) = (s.repeat(n), t.repeat(n));
    let t0 = std::time::Instant::now();
    let (st, tt) = (Text::from_plain("s", &s), Text::from_plain("t", &t));
    let t1 = t0.elapsed().as_secs_f64();
    let beads = al.align_sentences(&st, &tt);
    let t2 = t0.elapsed().as_secs_f64();
    println!(
        "{} + {} bytes, {} + {} sentences, {} beads; split {:.2}s, align {:.2}s",
        s.len(),
        t.len(),
        st.sentences.len(),
        tt.sentences.len(),
        beads.len(),
        t1,
        t2 - t1
    );
    Ok(())
}
