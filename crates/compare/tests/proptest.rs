//! Invariants on arbitrary input: no panics, spans respected, markup escaped.
use proptest::prelude::*;
use termsmith_compare::kwic::{format_text, line_at, Span};
use termsmith_compare::periods::{
    date_from_filename, date_from_front_matter, parse_period_arg, period_order, Date,
};
use termsmith_compare::{
    report, CompareStats, Comparison, ComparisonOptions, EntryKind, ReportOptions,
};

proptest! {
    #[test]
    fn kwic_never_panics_and_respects_width(text in "\\PC{0,80}", a in 0usize..100, b in 0usize..100, w in 0usize..20) {
        if let Some(l) = line_at("d", &text, Span { start: a, end: b }, w) {
            prop_assert!(l.left.chars().count() <= w && l.right.chars().count() <= w);
            prop_assert!(a < b && b <= text.len());
            let _ = format_text(&[l]);
        }
    }

    #[test]
    fn period_parsers_never_panic(s in "\\PC{0,40}") {
        let _ = Date::parse(&s);
        let _ = date_from_filename(&s);
        let _ = date_from_front_matter(&s);
        let _ = parse_period_arg(&s);
        prop_assert_eq!(period_order(&s, &s), std::cmp::Ordering::Equal);
    }

    #[test]
    fn report_escapes_any_term(terms in proptest::collection::vec("\\PC{1,12}", 1..6), counts in proptest::collection::vec(0u64..50, 12)) {
        let mut s = CompareStats::new();
        let periods = ["2001", "2002", "2003"];
        for (i, p) in periods.iter().enumerate() {
            s.add_doc(&format!("<d{i}>"), p, 1000);
        }
        for (k, t) in terms.iter().enumerate() {
            s.add_entry(&format!("k{k}"), t, EntryKind::Term, None);
            for i in 0..3 {
                let c = counts[(k * 3 + i) % counts.len()];
                if c > 0 {
                    s.add_count(&format!("k{k}"), &format!("<d{i}>"), c);
                    s.add_form(&format!("k{k}"), &format!("<d{i}>"), t, c);
                }
            }
        }
        let c = Comparison::from_stats(&s, &ComparisonOptions::new());
        let h = report::html(&c, &ReportOptions::new());
        // Only the page's own three scripts, whatever the terms.
        prop_assert_eq!(h.matches("<script").count(), 3);
        prop_assert_eq!(h.matches("</script").count(), 3);
        let mut out = Vec::new();
        c.to_csv(&mut out).unwrap();
        c.to_json(&mut out).unwrap();
    }
}
