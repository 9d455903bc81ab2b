//! Peer baseline for termsmith benchmarks: runs one algorithm of the
//! `keyword_extraction` crate (1.5.0) over text files and writes the ranked
//! keywords/phrases, one per line.
//!
//! ```text
//! rust_tfidf --algo tfidf|rake|textrank|yake --lang en|fr|nl [--top N] [-o FILE|-] PATH...
//! ```
//!
//! PATH may be a file or a folder (all `*.txt` below it, sorted). TF-IDF takes
//! each file as one document (IDF across files) and ranks single words; RAKE and
//! TextRank rank phrases of the concatenated text; YAKE ranks n-grams (n <= 3) of
//! the concatenated text with the crate's own de-duplication. Scores are sorted
//! by value, ties broken by the string, so the output is deterministic (except
//! for YAKE, whose de-duplicating ranking is the crate's). A JSON line with
//! bytes and seconds goes to stderr.

use keyword_extraction::rake::{Rake, RakeParams};
use keyword_extraction::text_rank::{TextRank, TextRankParams};
use keyword_extraction::tf_idf::{TfIdf, TfIdfParams};
use keyword_extraction::yake::{Yake, YakeParams};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

struct Args {
    algo: String,
    lang: String,
    top: usize,
    output: String,
    inputs: Vec<PathBuf>,
}

fn usage() -> String {
    "usage: rust_tfidf --algo tfidf|rake|textrank|yake --lang en|fr|nl [--top N] [-o FILE|-] PATH...".to_string()
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        algo: String::new(),
        lang: String::new(),
        top: 5000,
        output: "-".to_string(),
        inputs: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(x) = it.next() {
        match x.as_str() {
            "--algo" => a.algo = it.next().ok_or_else(usage)?,
            "--lang" => a.lang = it.next().ok_or_else(usage)?,
            "--top" => {
                a.top = it
                    .next()
                    .ok_or_else(usage)?
                    .parse()
                    .map_err(|e| format!("--top: {e}"))?
            }
            "-o" | "--output" => a.output = it.next().ok_or_else(usage)?,
            "-h" | "--help" => return Err(usage()),
            _ => a.inputs.push(PathBuf::from(x)),
        }
    }
    if a.algo.is_empty() || a.lang.is_empty() || a.inputs.is_empty() {
        return Err(usage());
    }
    Ok(a)
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for e in entries {
            if e.is_dir() || e.extension().is_some_and(|x| x == "txt") {
                collect(&e, out)?;
            }
        }
    } else {
        out.push(path.to_path_buf());
    }
    Ok(())
}

fn stop_words(lang: &str) -> Result<Vec<String>, String> {
    use stop_words::{get, LANGUAGE};
    let l = match lang {
        "en" => LANGUAGE::English,
        "fr" => LANGUAGE::French,
        "nl" => LANGUAGE::Dutch,
        "de" => LANGUAGE::German,
        "es" => LANGUAGE::Spanish,
        "it" => LANGUAGE::Italian,
        other => return Err(format!("no stop-word list for '{other}'")),
    };
    Ok(get(l))
}

fn sorted(map: &HashMap<String, f32>, top: usize) -> Vec<String> {
    let mut v: Vec<(&String, f32)> = map.iter().map(|(k, s)| (k, *s)).collect();
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    v.into_iter().take(top).map(|(k, _)| k.clone()).collect()
}

fn run(a: &Args) -> Result<(), String> {
    let mut files = Vec::new();
    for p in &a.inputs {
        collect(p, &mut files).map_err(|e| format!("{}: {e}", p.display()))?;
    }
    let t0 = Instant::now();
    let mut docs = Vec::with_capacity(files.len());
    let mut bytes = 0usize;
    for f in &files {
        let raw = std::fs::read(f).map_err(|e| format!("{}: {e}", f.display()))?;
        bytes += raw.len();
        docs.push(String::from_utf8_lossy(&raw).into_owned());
    }
    let sw = stop_words(&a.lang)?;
    let ranked: Vec<String> = match a.algo.as_str() {
        "tfidf" => {
            let t = TfIdf::new(TfIdfParams::UnprocessedDocuments(&docs, &sw, None));
            sorted(t.get_word_scores_map(), a.top)
        }
        "rake" => {
            let text = docs.join("\n\n");
            let r = Rake::new(RakeParams::WithDefaults(&text, &sw));
            sorted(r.get_phrase_scores_map(), a.top)
        }
        "textrank" => {
            let text = docs.join("\n\n");
            let r = TextRank::new(TextRankParams::WithDefaults(&text, &sw));
            sorted(r.get_phrase_scores_map(), a.top)
        }
        "yake" => {
            let text = docs.join("\n\n");
            let y = Yake::new(YakeParams::WithDefaults(&text, &sw));
            y.get_ranked_keywords(a.top)
        }
        other => return Err(format!("unknown algo '{other}'\n{}", usage())),
    };
    let secs = t0.elapsed().as_secs_f64();
    let mut body = String::new();
    for t in &ranked {
        body.push_str(t);
        body.push('\n');
    }
    if a.output == "-" {
        std::io::stdout()
            .write_all(body.as_bytes())
            .map_err(|e| e.to_string())?;
    } else {
        std::fs::write(&a.output, body).map_err(|e| format!("{}: {e}", a.output))?;
    }
    eprintln!(
        "{{\"tool\": \"kwx_{}\", \"lang\": \"{}\", \"bytes\": {}, \"seconds\": {:.3}, \"terms\": {}}}",
        a.algo,
        a.lang,
        bytes,
        secs,
        ranked.len()
    );
    Ok(())
}

fn main() -> ExitCode {
    match parse_args().and_then(|a| run(&a)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
