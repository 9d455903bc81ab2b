//! Headless-browser test of the HTML report.
//!
//! Runs Chromium (`/usr/bin/chromium`, or the binary named by `TERMSMITH_CHROMIUM`) on the report of a
//! synthetic comparison opened with `#selftest`: the page's self-test opens the concordance panel of a
//! term, sorts and filters the table, and writes the outcome into `<pre id="selftest">`, which this test
//! reads from `--dump-dom`. Console errors are read from Chromium's log (`--enable-logging=stderr`).
//! A screenshot is saved under `TERMSMITH_SCREENSHOT_DIR` (default: Cargo's target tmp dir).
//!
//! Without Chromium the test prints a skip notice, unless `TERMSMITH_REQUIRE_BROWSER=1`, in which
//! case it fails.
mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use termsmith_compare::{report, ReportOptions};

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("TERMSMITH_CHROMIUM") {
        let p = PathBuf::from(p);
        return p.exists().then_some(p);
    }
    let p = PathBuf::from("/usr/bin/chromium");
    p.exists().then_some(p)
}

/// Runs chromium with `args` (plus the isolation flags) and a fresh profile; returns (stdout, stderr).
fn run(bin: &Path, args: &[String]) -> (String, String) {
    let profile = tempfile::tempdir().expect("temp profile dir");
    let mut cmd = Command::new(bin);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--enable-logging=stderr",
        "--v=0",
    ])
    .arg(format!("--user-data-dir={}", profile.path().display()))
    .args(args)
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("start chromium");
    // Read pipes on threads so a chatty browser cannot block on a full pipe.
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let t_out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut out, &mut s);
        s
    });
    let t_err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut err, &mut s);
        s
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if Instant::now() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("chromium did not finish within 120 s");
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(100)),
            Err(e) => panic!("waiting for chromium: {e}"),
        }
    }
    (
        t_out.join().unwrap_or_default(),
        t_err.join().unwrap_or_default(),
    )
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn report_works_in_headless_chromium() {
    let Some(bin) = chromium() else {
        if std::env::var("TERMSMITH_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
            panic!("TERMSMITH_REQUIRE_BROWSER=1 but no chromium at /usr/bin/chromium or TERMSMITH_CHROMIUM");
        }
        eprintln!(
            "SKIPPED: chromium not found (set TERMSMITH_CHROMIUM or install /usr/bin/chromium)"
        );
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("report.html");
    let html = report::html(
        &common::comparison(),
        &ReportOptions::new().title("Browser test"),
    );
    std::fs::write(&page, html).expect("write report");
    let url = format!("file://{}#selftest", page.display());

    let (dom, log) = run(&bin, &["--dump-dom".to_string(), url.clone()]);
    let start = dom
        .find("<pre id=\"selftest\">")
        .map(|i| i + "<pre id=\"selftest\">".len());
    let Some(start) = start else {
        panic!(
            "no self-test output in the DOM; chromium log:\n{log}\nDOM head:\n{}",
            &dom[..dom.len().min(2000)]
        )
    };
    let end = start + dom[start..].find("</pre>").expect("closing pre");
    let json = unescape(&dom[start..end]);
    let res: serde_json::Value = serde_json::from_str(&json).expect("self-test JSON");
    eprintln!("self-test: {res}");

    assert_eq!(
        res["errors"].as_array().map(Vec::len),
        Some(0),
        "page errors: {res}"
    );
    let console_errors: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("CONSOLE") && (l.contains("Uncaught") || l.contains("ERROR")))
        .collect();
    assert!(
        console_errors.is_empty(),
        "console errors: {console_errors:?}"
    );
    assert_eq!(res["chart_emerging"], true);
    assert_eq!(res["chart_declining"], true);
    assert!(res["svg"].as_u64().unwrap_or(0) >= 6, "{res}");
    assert!(res["multiples"].as_u64().unwrap_or(0) >= 1);
    assert_eq!(res["rows"], 4);
    assert_eq!(res["panel_visible"], true);
    assert_eq!(res["panel_chart"], true);
    assert!(res["concordance_lines"].as_u64().unwrap_or(0) >= 3, "{res}");
    assert_eq!(res["panel_title"], res["clicked"]);
    assert_eq!(res["sorted"], true);
    assert!(res["filtered"].as_u64().unwrap_or(0) >= 1);
    // The hostile term was not executed as markup: the DOM has no injected <img>.
    assert!(!dom.contains("<img"), "injected markup in DOM");

    let shots = std::env::var_os("TERMSMITH_SCREENSHOT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")));
    std::fs::create_dir_all(&shots).expect("screenshot dir");
    let shot = shots.join("compare-report.png");
    let _ = std::fs::remove_file(&shot);
    let (_, log2) = run(
        &bin,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,1600".to_string(),
            url,
        ],
    );
    let meta =
        std::fs::metadata(&shot).unwrap_or_else(|_| panic!("no screenshot written; log:\n{log2}"));
    assert!(meta.len() > 1000, "screenshot too small");
    eprintln!("screenshot: {}", shot.display());
}
