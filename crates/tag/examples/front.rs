//! The front of the pipeline on text files, as the CLI runs it (Markdown on, language given,
//! no per-block identification): CPU time of tokenisation and tagging (`Tagger::tag`), and an
//! optional dump of every token (span, kind, elision, sentence, UPOS, lemma) to compare the
//! output of two builds byte for byte.
//!
//! ```text
//! cargo run --release -p termsmith-tag --example front -- LANG [--repeat N] [--dump OUT] FILE...
//! cmp before.dump after.dump
//! ```

use std::io::Write;
use termsmith_tag::Tagger;
use termsmith_tokenize::{Lang, Tokenizer};

/// CPU time of this thread in seconds (Linux `/proc/thread-self/schedstat`), or 0.
fn cpu() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let lang = Lang::new(args.first().map(String::as_str).unwrap_or("fr"))?;
    let mut repeat = 1usize;
    let mut dump: Option<String> = None;
    let mut files = Vec::new();
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--repeat" => repeat = it.next().and_then(|s| s.parse().ok()).unwrap_or(1),
            "--dump" => dump = it.next().cloned(),
            _ => files.push(a.clone()),
        }
    }
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read(f).map(|b| String::from_utf8_lossy(&b).into_owned()))
        .collect::<Result<_, _>>()?;
    let bytes: usize = texts.iter().map(String::len).sum();
    let tok = Tokenizer::builder()
        .lang(Some(lang))
        .markdown(true)
        .block_languages(false)
        .build();
    let tagger = Tagger::for_lang(lang)?;
    let mut out = dump
        .map(|p| std::fs::File::create(p).map(std::io::BufWriter::new))
        .transpose()?;
    let (mut t_tok, mut t_tag, mut n_tok) = (0.0, 0.0, 0usize);
    for r in 0..repeat {
        // As the CLI does: tokenise every document, then tag every document, keeping the results.
        let c = cpu();
        let docs: Vec<_> = texts.iter().map(|t| tok.tokenize(t)).collect();
        let c2 = cpu();
        let tags: Vec<_> = docs.iter().map(|d| tagger.tag(d)).collect();
        let c3 = cpu();
        t_tok += c2 - c;
        t_tag += c3 - c2;
        n_tok += docs.iter().map(|d| d.tokens.len()).sum::<usize>();
        if let (Some(o), 0) = (out.as_mut(), r) {
            for ((name, doc), tags) in files.iter().zip(&docs).zip(&tags) {
                writeln!(o, "# {name}")?;
                for (si, s) in doc.sentences.iter().enumerate() {
                    for ti in s.tokens.clone() {
                        let t = &doc.tokens[ti];
                        let g = &tags[ti];
                        writeln!(
                            o,
                            "{si}\t{}\t{}\t{:?}\t{}\t{}\t{}\t{}",
                            t.span.start,
                            t.span.end,
                            t.kind,
                            t.elision as u8,
                            doc.token_text(t),
                            g.upos.as_str(),
                            g.lemma
                        )?;
                    }
                }
                for b in &doc.blocks {
                    writeln!(o, "B\t{}\t{}\t{:?}", b.span.start, b.span.end, b.kind)?;
                }
            }
        }
    }
    let mb = (bytes * repeat) as f64 / 1e6;
    println!(
        "{lang}: {:.1} MB, {n_tok} tokens; CPU: tokenize {t_tok:.3} s = {:.1} MB/s, tag {t_tag:.3} s = {:.1} MB/s",
        mb,
        mb / t_tok,
        mb / t_tag
    );
    Ok(())
}
