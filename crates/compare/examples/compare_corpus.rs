//! End-to-end streaming comparison of a dated corpus described by a manifest CSV, as
//! `termsmith compare` runs it: periods counted in parallel (one document in memory per worker:
//! read, tokenise, tag, count, drop), the term inventory finished once on the merged counts, the
//! periods compared, CSV and JSON written, then a second pass over the documents for the
//! concordance lines of the HTML report. Prints the time of each stage (CPU time of the worker
//! threads, from /proc/thread-self/schedstat, and wall time). Used to measure the pipeline on the
//! generated benchmark corpus (see `tools/compare/`).
//!
//! ```text
//! cargo run --release -p termsmith-compare --example compare_corpus -- MANIFEST OUT_DIR [LANG]
//! ```
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use rayon::prelude::*;
use termsmith_compare::stream::{
    ConcordanceFinder, Concordances, FormCounts, PeriodCounts, StreamCompare,
};
use termsmith_compare::{
    periods, report, ComparisonOptions, Granularity, KwicOptions, ReportOptions,
};
use termsmith_mine::Miner;
use termsmith_tag::Tagger;
use termsmith_tokenize::{Lang, Tokenizer};

/// CPU time of the calling thread in seconds (0 where /proc is not available).
fn thread_cpu() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}

/// The system allocator, counting live heap bytes and their peak (to tell the memory the program
/// holds from what the allocator keeps in its arenas).
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator with the same arguments.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = System.alloc(l);
        if !p.is_null() {
            let now = LIVE.fetch_add(l.size(), Ordering::Relaxed) + l.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        System.dealloc(p, l);
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let q = System.realloc(p, l, new);
        if !q.is_null() {
            if new >= l.size() {
                let now = LIVE.fetch_add(new - l.size(), Ordering::Relaxed) + new - l.size();
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(l.size() - new, Ordering::Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Resident and peak resident memory of the process, live and peak heap, in MB.
fn rss() -> String {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let get = |k: &str| {
        s.lines()
            .find(|l| l.starts_with(k))
            .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    };
    format!(
        "RSS {} MB (peak {} MB), heap {} MB (peak {} MB)",
        get("VmRSS:"),
        get("VmHWM:"),
        LIVE.load(Ordering::Relaxed) >> 20,
        PEAK.load(Ordering::Relaxed) >> 20
    )
}

/// CPU seconds spent per stage, summed over threads.
#[derive(Default)]
struct Cpu {
    analyse: f64,
    count: f64,
    forms: f64,
    merge: f64,
    scan: f64,
}

type Error = Box<dyn std::error::Error + Send + Sync>;

fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: compare_corpus MANIFEST OUT_DIR [LANG]");
        std::process::exit(2);
    }
    let manifest = Path::new(&args[0]);
    let out = Path::new(&args[1]);
    let lang = Lang::new(args.get(2).map(String::as_str).unwrap_or("fr"))?;
    std::fs::create_dir_all(out)?;
    let t0 = Instant::now();
    let dp = periods::from_manifest(manifest, Granularity::Year)?;
    let sc = StreamCompare::new(&dp, Miner::builder().lang(lang))?;
    let tokenizer = Tokenizer::builder()
        .lang(Some(lang))
        .block_languages(false)
        .build();
    let tagger = Tagger::for_lang(lang)?;
    // Load the models (tagger, mining resources) before measuring.
    let warm = tokenizer.tokenize("Le Conseil adopte la directive.");
    let mut m = Miner::builder().lang(lang).build()?;
    m.add_document("warm-up", &warm, &tagger.tag(&warm));
    drop(m.finish());
    eprintln!("models loaded: {}", rss());
    let trace = std::env::var_os("COMPARE_TRACE").is_some();
    let cpu = Mutex::new(Cpu::default());
    let all = Mutex::new(PeriodCounts::new());
    let bytes_total = Mutex::new(0usize);

    // Pass 1: count each period, merge as soon as it is done.
    sc.periods()
        .par_iter()
        .try_for_each(|p| -> Result<(), Error> {
            let mut counter = sc.counter(&p.label)?;
            let (mut analyse, mut count) = (0.0, 0.0);
            for name in &p.docs {
                let c0 = thread_cpu();
                let bytes = std::fs::read(name)?;
                *bytes_total.lock().map_err(|_| "poisoned")? += bytes.len();
                let doc = tokenizer.tokenize_bytes(&bytes)?;
                drop(bytes);
                let tags = tagger.tag(&doc);
                let c1 = thread_cpu();
                if trace {
                    eprintln!("  {name} tokenised+tagged: {}", rss());
                }
                counter.add_document(name, &doc, &tags)?;
                if trace {
                    eprintln!("  {name} added: {}", rss());
                }
                count += thread_cpu() - c1;
                analyse += c1 - c0;
            }
            let c0 = thread_cpu();
            all.lock().map_err(|_| "poisoned")?.merge(counter.finish());
            let c1 = thread_cpu();
            if trace {
                eprintln!("  {} merged: {}", p.label, rss());
            }
            let mut cpu = cpu.lock().map_err(|_| "poisoned")?;
            cpu.analyse += analyse;
            cpu.count += count;
            cpu.merge += c1 - c0;
            Ok(())
        })?;
    let t_count = t0.elapsed();
    let all = all.into_inner().map_err(|_| "poisoned")?;
    eprintln!("counted: {} candidates; {}", all.num_candidates(), rss());
    let c0 = thread_cpu();
    let inventory = sc.inventory(all)?;
    let c_inventory = thread_cpu() - c0;
    let t_inventory = t0.elapsed();
    eprintln!(
        "inventory: {} terms, {} forms; {}",
        inventory.terms().terms.len(),
        inventory.num_forms(),
        rss()
    );
    // Pass 2: variant forms per period.
    let forms = Mutex::new(FormCounts::new());
    sc.periods()
        .par_iter()
        .try_for_each(|p| -> Result<(), Error> {
            let c0 = thread_cpu();
            let mut mine = FormCounts::new();
            for name in &p.docs {
                let text = termsmith_tokenize::decode(&std::fs::read(name)?)?;
                inventory.scan(&mut mine, &p.label, &text);
            }
            forms.lock().map_err(|_| "poisoned")?.merge(mine);
            cpu.lock().map_err(|_| "poisoned")?.forms += thread_cpu() - c0;
            Ok(())
        })?;
    let t_forms = t0.elapsed();
    let c0 = thread_cpu();
    let (mut cmp, _terms) = inventory.compare(
        forms.into_inner().map_err(|_| "poisoned")?,
        &ComparisonOptions::new(),
    );
    let c_finish = thread_cpu() - c0;
    let t_finish = t0.elapsed();
    eprintln!("finished: {}", rss());
    cmp.to_csv(std::io::BufWriter::new(std::fs::File::create(
        out.join("compare.csv"),
    )?))?;
    cmp.to_json(std::io::BufWriter::new(std::fs::File::create(
        out.join("compare.json"),
    )?))?;
    let t_out = t0.elapsed();

    // Pass 2: concordance lines of the entries the report shows.
    let kopts = KwicOptions::new().max_lines(10).max_entries(2000);
    let finder = ConcordanceFinder::new(&cmp, &kopts)?;
    let found = Mutex::new(Concordances::new(10));
    sc.periods()
        .par_iter()
        .try_for_each(|p| -> Result<(), Error> {
            let c0 = thread_cpu();
            let mut mine = Concordances::new(10);
            for name in &p.docs {
                let text = termsmith_tokenize::decode(&std::fs::read(name)?)?;
                finder.scan(&mut mine, &p.label, name, &text);
            }
            found.lock().map_err(|_| "poisoned")?.merge(mine);
            cpu.lock().map_err(|_| "poisoned")?.scan += thread_cpu() - c0;
            Ok(())
        })?;
    cmp.attach(found.into_inner().map_err(|_| "poisoned")?);
    let t_conc = t0.elapsed();
    let html = report::html(&cmp, &ReportOptions::new());
    std::fs::write(out.join("compare.html"), html)?;
    let t_html = t0.elapsed();
    eprintln!("done: {}", rss());

    let cpu = cpu.into_inner().map_err(|_| "poisoned")?;
    eprintln!(
        "{} docs, {} MB, {} periods, {} terms ({} emerging, {} declining, {} variant shifts)",
        dp.periods().iter().map(|p| p.docs.len()).sum::<usize>(),
        bytes_total.into_inner().map_err(|_| "poisoned")? / 1_000_000,
        cmp.periods.len(),
        cmp.entries.len(),
        cmp.emerging().len(),
        cmp.declining().len(),
        cmp.variant_shifts().len()
    );
    eprintln!(
        "CPU s: read+tokenize+tag {:.1}, mine add_document {:.1}, merge {:.1}, inventory (finish) {:.1}, \
         form scan {:.1}, compare {:.1}, concordance scan {:.1}",
        cpu.analyse, cpu.count, cpu.merge, c_inventory, cpu.forms, c_finish, cpu.scan
    );
    eprintln!(
        "wall s: counting {:.1}, inventory {:.1}, form scan {:.1}, compare {:.1}, csv+json {:.1}, concordances {:.1}, html {:.1}",
        t_count.as_secs_f64(),
        (t_inventory - t_count).as_secs_f64(),
        (t_forms - t_inventory).as_secs_f64(),
        (t_finish - t_forms).as_secs_f64(),
        (t_out - t_finish).as_secs_f64(),
        (t_conc - t_out).as_secs_f64(),
        (t_html - t_conc).as_secs_f64()
    );
    Ok(())
}
