//! CSV and JSON writers of a [`Comparison`].

use std::io::Write;

use serde::Serialize;

use crate::comparison::{Comparison, EntryComparison};
use crate::CompareError;

/// Identifier written in the `format` field of the JSON output.
pub const JSON_FORMAT: &str = "termsmith-compare";
/// Version of the JSON layout; bumped on any incompatible change of field names.
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonOut<'a> {
    format: &'static str,
    version: u32,
    #[serde(flatten)]
    comparison: &'a Comparison,
}

fn f4(x: f64) -> String {
    format!("{x:.4}")
}

fn pval(x: f64) -> String {
    format!("{x:.4e}")
}

/// `form total [c1/c2/…]` joined by `; `, most frequent first.
pub(crate) fn variants_cell(e: &EntryComparison) -> String {
    e.variants
        .iter()
        .map(|v| {
            let per: Vec<String> = v.counts.iter().map(u64::to_string).collect();
            format!("{} {} [{}]", v.form, v.total, per.join("/"))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub(crate) fn shift_cell(e: &EntryComparison) -> String {
    match &e.variant_shift {
        None => String::new(),
        Some(s) => format!(
            "{} -> {} ({} {:.2} -> {} {:.2}, G2 {:.2}{})",
            s.from,
            s.to,
            s.first_period,
            s.share_first,
            s.last_period,
            s.share_last,
            s.g2,
            if s.significant { ", significant" } else { "" }
        ),
    }
}

impl Comparison {
    /// The CSV column names: `term,key,kind,trend`, then for each period `freq_<p>,per10k_<p>,
    /// docfreq_<p>,dp_<p>`, then `total_freq,g2,g2_p,log_ratio`, then (more than two periods only)
    /// `slope,trend_chi2,p_value`, then `variants,variant_shift`.
    pub fn csv_header(&self) -> Vec<String> {
        let mut h: Vec<String> = ["term", "key", "kind", "trend"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for p in &self.periods {
            for c in ["freq", "per10k", "docfreq", "dp"] {
                h.push(format!("{c}_{}", p.label));
            }
        }
        h.extend(
            ["total_freq", "g2", "g2_p", "log_ratio"]
                .iter()
                .map(|s| s.to_string()),
        );
        if self.periods.len() > 2 {
            h.extend(
                ["slope", "trend_chi2", "p_value"]
                    .iter()
                    .map(|s| s.to_string()),
            );
        }
        h.extend(["variants", "variant_shift"].iter().map(|s| s.to_string()));
        h
    }

    /// Writes one CSV row per entry (columns in [`Comparison::csv_header`]). Numbers use a dot as
    /// decimal separator: per-10k, G², log ratio, DP and slope with 4 decimals, p-values in scientific
    /// notation; `variants` lists `form total [count per period /-separated]` joined by `; `.
    pub fn to_csv<W: Write>(&self, w: W) -> Result<(), CompareError> {
        let mut wr = csv::Writer::from_writer(w);
        wr.write_record(self.csv_header())?;
        let kind = |e: &EntryComparison| match e.kind {
            crate::EntryKind::Term => "term",
            crate::EntryKind::Acronym => "acronym",
            crate::EntryKind::NamedEntity => "named_entity",
        };
        for e in &self.entries {
            let mut r: Vec<String> = vec![
                e.term.clone(),
                e.key.clone(),
                kind(e).to_string(),
                e.trend.as_str().to_string(),
            ];
            for p in &e.periods {
                r.push(p.freq.to_string());
                r.push(f4(p.per10k));
                r.push(p.docfreq.to_string());
                r.push(p.dispersion.map(f4).unwrap_or_default());
            }
            r.push(e.total_freq.to_string());
            r.push(f4(e.g2));
            r.push(pval(e.g2_p));
            r.push(f4(e.log_ratio));
            if self.periods.len() > 2 {
                r.push(e.slope.map(f4).unwrap_or_default());
                r.push(e.trend_chi2.map(f4).unwrap_or_default());
                r.push(e.p_value.map(pval).unwrap_or_default());
            }
            r.push(variants_cell(e));
            r.push(shift_cell(e));
            wr.write_record(&r)?;
        }
        wr.flush()?;
        Ok(())
    }

    /// Writes the comparison as compact JSON (see [`Comparison::to_json_pretty`] for the layout).
    pub fn to_json<W: Write>(&self, w: W) -> Result<(), CompareError> {
        serde_json::to_writer(
            w,
            &JsonOut {
                format: JSON_FORMAT,
                version: JSON_VERSION,
                comparison: self,
            },
        )?;
        Ok(())
    }

    /// Writes the comparison as pretty-printed JSON:
    /// `{"format":"termsmith-compare","version":1,"periods":[…],"reference":0,"target":1,
    /// "threshold":3.84,"entries":[…]}`. Field names are those of [`Comparison`], [`EntryComparison`]
    /// and the types they contain, and are stable within a `version`.
    pub fn to_json_pretty<W: Write>(&self, w: W) -> Result<(), CompareError> {
        serde_json::to_writer_pretty(
            w,
            &JsonOut {
                format: JSON_FORMAT,
                version: JSON_VERSION,
                comparison: self,
            },
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::{CompareStats, Comparison, ComparisonOptions, EntryKind};

    fn sample(periods: &[&str]) -> Comparison {
        let mut s = CompareStats::new();
        for (i, p) in periods.iter().enumerate() {
            let d = format!("doc{i}");
            s.add_doc(&d, p, 1000);
            s.add_entry("k", "terme, \"cité\"", EntryKind::Term, None);
            s.add_count("k", &d, 1 + i as u64 * 5);
            s.add_form("k", &d, "terme", 1 + i as u64 * 5);
        }
        Comparison::from_stats(&s, &ComparisonOptions::new())
    }

    #[test]
    fn csv_columns_and_quoting() {
        let c = sample(&["2015", "2017"]);
        let mut out = Vec::new();
        c.to_csv(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let mut rdr = csv::Reader::from_reader(text.as_bytes());
        let h = rdr.headers().unwrap().clone();
        assert!(h.iter().any(|x| x == "per10k_2017"));
        assert!(!h.iter().any(|x| x == "slope"));
        let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1);
        assert_eq!(&rows[0][0], "terme, \"cité\"");
        assert_eq!(&rows[0][4], "1");
        assert_eq!(rows[0].len(), h.len());
        let c3 = sample(&["2015", "2016", "2017"]);
        assert!(c3.csv_header().contains(&"p_value".to_string()));
    }

    #[test]
    fn json_has_stable_fields() {
        let c = sample(&["2015", "2017"]);
        let mut out = Vec::new();
        c.to_json(&mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let mut pretty = Vec::new();
        c.to_json_pretty(&mut pretty).unwrap();
        assert_eq!(
            v,
            serde_json::from_slice::<serde_json::Value>(&pretty).unwrap()
        );
        assert_eq!(v["format"], "termsmith-compare");
        assert_eq!(v["version"], 1);
        let e = &v["entries"][0];
        for f in [
            "term",
            "key",
            "kind",
            "trend",
            "periods",
            "g2",
            "log_ratio",
            "variants",
            "concordance",
        ] {
            assert!(e.get(f).is_some(), "{f}");
        }
        assert_eq!(v["periods"][1]["label"], "2017");
        assert_eq!(e["periods"][1]["per10k"], 60.0);
    }
}
