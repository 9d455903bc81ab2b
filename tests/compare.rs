//! Golden test of `termsmith compare seeds`: terms specific to 2015 and to 2017, with their figures.

mod common;

use common::{termsmith, workspace_root};

/// One CSV row as a map from column name to cell.
fn rows(csv_text: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut rdr = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn seeds_comparison_shows_2015_and_2017_terms() {
    let out = common::run_ok(
        termsmith()
            .current_dir(workspace_root())
            .args(["compare", "seeds", "--format", "csv", "--quiet"]),
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let header = text.lines().next().unwrap();
    for col in [
        "term",
        "trend",
        "freq_2015",
        "per10k_2015",
        "freq_2017",
        "per10k_2017",
        "g2",
        "log_ratio",
    ] {
        assert!(
            header.split(',').any(|h| h == col),
            "missing column {col}: {header}"
        );
    }
    let rows = rows(&text);
    let find = |term: &str| {
        rows.iter()
            .find(|r| r["term"].eq_ignore_ascii_case(term))
            .unwrap_or_else(|| panic!("{term} not in the comparison"))
    };
    let num =
        |r: &std::collections::BTreeMap<String, String>, c: &str| r[c].parse::<f64>().unwrap();

    // Specific to 2015: cyber diplomacy.
    let r = find("cyberdiplomatie");
    assert_eq!(r["trend"], "declining");
    assert!(num(r, "freq_2015") > num(r, "freq_2017"));
    assert!(num(r, "g2") >= 3.84 && num(r, "log_ratio") < 0.0);

    // Specific to 2017: the NIS Directive, cyber resilience, certification.
    for term in ["directive SRI", "cyber-résilience", "certification"] {
        let r = find(term);
        assert_eq!(r["trend"], "emerging", "{term}");
        assert_eq!(num(r, "freq_2015"), 0.0, "{term}");
        assert!(num(r, "freq_2017") >= 5.0, "{term}");
        assert!(num(r, "g2") >= 3.84 && num(r, "log_ratio") > 0.0, "{term}");
    }
    // Capitalised verbs opening the paragraphs of Council conclusions are not terms.
    for verb in ["DEMANDE", "SOULIGNE", "AFFIRMANT", "INVITE", "RAPPELLE"] {
        assert!(
            !rows.iter().any(|r| r["term"] == verb),
            "{verb} listed as a term"
        );
    }
    // ENISA is more frequent in 2017, but 1 against 5 occurrences is not significant at p < 0.05.
    let r = find("ENISA");
    assert!(num(r, "per10k_2017") > num(r, "per10k_2015"));
}

#[test]
fn seeds_report_is_one_self_contained_html_file() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("report.html");
    common::run_ok(
        termsmith()
            .current_dir(workspace_root())
            .args(["compare", "seeds", "--quiet", "-o"])
            .arg(&html),
    );
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") || page.starts_with("<!doctype html>"));
    assert!(page.contains("<svg") && page.contains("<table"));
    for term in [
        "cyberdiplomatie",
        "directive SRI",
        "cyber-résilience",
        "ENISA",
        "certification",
    ] {
        assert!(page.contains(term), "{term} missing from the report");
    }
    for verb in ["\"DEMANDE\"", "\"SOULIGNE\"", "\"AFFIRMANT\""] {
        assert!(!page.contains(verb), "{verb} in the report");
    }
    for external in ["src=\"http", "href=\"http", "@import", "url(http"] {
        assert!(
            !page.contains(external),
            "the report loads something from the network: {external}"
        );
    }
}

#[test]
fn kwic_matches_every_variant() {
    let out = common::run_ok(termsmith().current_dir(workspace_root()).args([
        "kwic",
        "cyberrésilience",
        "seeds/",
        "--quiet",
    ]));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().count() >= 5, "{text}");
    assert!(text.contains("[cyber-résilience]"), "{text}");
}
