//! Prints the blocks, sentences and tokens of a file: `cargo run --example dump -- FILE [--plain]`.
use termsmith_tokenize::Tokenizer;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: dump FILE [--plain]");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let plain = args.iter().any(|a| a == "--plain");
    let tk = Tokenizer::builder().markdown(!plain).build();
    let doc = match tk.tokenize_bytes(&bytes) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    println!("lang {} ({:?})", doc.lang, doc.lang_source);
    let mut bi = usize::MAX;
    for s in &doc.sentences {
        if s.block != bi {
            bi = s.block;
            let b = &doc.blocks[bi];
            println!(
                "== block {bi} {:?} {:?}",
                b.kind,
                b.lang.map(|l| l.to_string())
            );
        }
        let toks: Vec<String> = doc
            .sentence_tokens(s)
            .iter()
            .map(|t| format!("{}{}", doc.token_text(t), kind_mark(t)))
            .collect();
        println!("  [{}]", toks.join(" "));
    }
}

fn kind_mark(t: &termsmith_tokenize::Token) -> &'static str {
    use termsmith_tokenize::TokenKind::*;
    match t.kind {
        Word if t.elision => "/E",
        Word | Punct => "",
        Number => "/N",
        Acronym => "/A",
        Symbol => "/S",
        Url => "/U",
        Email => "/@",
    }
}
