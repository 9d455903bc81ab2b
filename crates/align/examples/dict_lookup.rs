//! Looks words up in a dictionary file (dictd or TSV).
//!
//! `cargo run -p termsmith-align --example dict_lookup -- PATH [--reverse] WORD…`
use termsmith_align::{Dictionary, Morphology};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or("usage: dict_lookup PATH [--reverse] [--lang xx] WORD…")?;
    let mut dict = Dictionary::load(std::path::Path::new(&path))?;
    let mut lang = "fr".to_string();
    let mut words = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--reverse" => dict = dict.reversed(),
            "--lang" => lang = args.next().unwrap_or_default(),
            _ => words.push(a),
        }
    }
    println!("{} entries", dict.len());
    let m = Morphology::for_lang(&lang);
    for w in words {
        println!("{w}\t{}", dict.translate_word(&w, None, &m).join(" | "));
    }
    Ok(())
}
