//! Renders the HTML report of a synthetic comparison and checks its structure, self-containment and
//! escaping.
mod common;

use termsmith_compare::{report, ReportOptions, Trend};

fn render() -> String {
    report::html(
        &common::comparison(),
        &ReportOptions::new().title("Test <report>"),
    )
}

#[test]
fn classification_of_synthetic_corpus() {
    let c = common::comparison();
    assert_eq!(c.periods.len(), 3);
    assert_eq!(c.find("cybersécurité").unwrap().trend, Trend::Emerging);
    assert_eq!(
        c.find("diplomatie numérique").unwrap().trend,
        Trend::Declining
    );
    assert_eq!(c.find("état membre").unwrap().trend, Trend::Stable);
    let shift = c
        .find("cyber-sécurité")
        .unwrap()
        .variant_shift
        .clone()
        .unwrap();
    assert_eq!(shift.to, "cybersécurité");
}

#[test]
fn html_structure() {
    let h = render();
    assert!(h.starts_with("<!DOCTYPE html>"));
    assert!(h.trim_end().ends_with("</html>"));
    for id in [
        "id=\"chart-emerging\"",
        "id=\"chart-declining\"",
        "id=\"term-table\"",
        "id=\"panel\"",
        "id=\"filter\"",
        "id=\"trend-filter\"",
        "id=\"report-data\"",
        "id=\"selftest\"",
    ] {
        assert!(h.contains(id), "missing {id}");
    }
    assert!(h.matches("<svg").count() >= 2 + 4, "charts and sparklines");
    assert_eq!(h.matches("<tr data-i=").count(), 4);
    // Balanced main elements.
    for tag in ["table", "section", "svg", "script", "figure"] {
        assert_eq!(
            h.matches(&format!("<{tag}")).count(),
            h.matches(&format!("</{tag}>")).count(),
            "{tag}"
        );
    }
    assert!(h.contains("<title>Test &lt;report&gt;</title>"));
}

#[test]
fn html_is_self_contained() {
    let h = render();
    for bad in ["http://", "https://", "src=\"", "<link", "@import", "url("] {
        let allowed = bad == "http://"
            && h.matches(bad).count() == h.matches("http://www.w3.org/2000/svg").count();
        assert!(!h.contains(bad) || allowed, "external reference {bad}");
    }
}

#[test]
fn corpus_text_is_escaped() {
    let h = render();
    // Exactly the three scripts of the page: error hook, JSON data, code.
    assert_eq!(h.matches("<script").count(), 3);
    assert_eq!(h.matches("</script>").count(), 3);
    assert!(!h.contains("<img"));
    assert!(!h.contains("<!--"));
    assert!(h.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;"));
    // The data block parses back to the original strings.
    let start = h.find("id=\"report-data\">").unwrap() + "id=\"report-data\">".len();
    let end = start + h[start..].find("</script>").unwrap();
    let v: serde_json::Value = serde_json::from_str(&h[start..end]).unwrap();
    let terms: Vec<&str> = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["term"].as_str().unwrap())
        .collect();
    assert!(terms.contains(&common::EVIL_TERM));
    let docs = v.to_string();
    assert!(docs.contains("onerror=alert(1)"), "doc name kept as data");
}

#[test]
fn html_is_deterministic() {
    assert_eq!(render(), render());
    let h = report::html(
        &common::comparison(),
        &ReportOptions::new().generated("2026-01-01"),
    );
    assert!(h.contains("2026-01-01"));
}

#[test]
fn concordances_and_tables_in_output() {
    let c = common::comparison();
    let e = c.find("cybersécurité").unwrap();
    assert!(e.concordance.iter().all(|p| !p.is_empty()));
    let mut csv = Vec::new();
    c.to_csv(&mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv
        .lines()
        .next()
        .unwrap()
        .contains("freq_2016,per10k_2016,docfreq_2016,dp_2016"));
    assert!(csv
        .lines()
        .next()
        .unwrap()
        .ends_with("slope,trend_chi2,p_value,variants,variant_shift"));
    let mut json = Vec::new();
    c.to_json(&mut json).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert!(v["entries"][0]["concordance"][0][0]["left"].is_string());
}
