//! Periods: which document belongs to which dated slice of the corpus.
//!
//! Sources, in the order the CLI usually tries them:
//! * a manifest CSV with at least the columns `file` and `date` ([`from_manifest`]);
//! * explicit `--period LABEL=PATH[,PATH…]` arguments ([`parse_period_arg`], [`from_args`]);
//! * a date in the file name (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`, [`date_from_filename`]) or in a leading
//!   YAML front-matter block (`date: …`, [`date_from_front_matter`]), combined by [`from_dated_docs`].
//!
//! Periods are ordered chronologically: labels that start with a date (`2015`, `2015-02`, `2015-02-11`,
//! `2010s`) come first in date order, other labels follow in lexical order ([`period_order`]).

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::CompareError;

/// How finely dates are grouped into periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Granularity {
    /// `2015-02-11` → `2015` (default).
    #[default]
    Year,
    /// `2015-02-11` → `2015-02`.
    Month,
    /// `2015-02-11` → `2015-02-11`.
    Day,
    /// `2015-02-11` → `2010s`.
    Decade,
}

impl std::str::FromStr for Granularity {
    type Err = CompareError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "year" | "y" => Ok(Granularity::Year),
            "month" | "m" => Ok(Granularity::Month),
            "day" | "d" => Ok(Granularity::Day),
            "decade" => Ok(Granularity::Decade),
            other => Err(CompareError::Period(format!(
                "unknown granularity {other:?} (expected year, month, day or decade)"
            ))),
        }
    }
}

/// A calendar date as found in a manifest, a file name or front matter. Month and day may be unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    /// Year (four digits).
    pub year: i32,
    /// Month 1–12, if known.
    pub month: Option<u8>,
    /// Day 1–31, if known.
    pub day: Option<u8>,
}

impl Date {
    /// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (also with `/` or `.` separators, and an ISO time suffix
    /// such as `T10:00:00Z` which is ignored). Returns `None` for anything else.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim().trim_matches(|c| c == '"' || c == '\'');
        let s = s.split(['T', ' ']).next().unwrap_or("");
        let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
        if parts.is_empty() || parts.len() > 3 {
            return None;
        }
        let year = parse_digits(parts[0], 4)? as i32;
        let month = match parts.get(1) {
            Some(m) => Some(parse_range(m, 1, 12)?),
            None => None,
        };
        let day = match parts.get(2) {
            Some(d) => Some(parse_range(d, 1, 31)?),
            None => None,
        };
        Some(Date { year, month, day })
    }

    /// The period label for this date at `granularity`. Falls back to a coarser label when the date
    /// lacks the month or day.
    pub fn label(&self, granularity: Granularity) -> String {
        match (granularity, self.month, self.day) {
            (Granularity::Decade, _, _) => format!("{}s", self.year - self.year.rem_euclid(10)),
            (Granularity::Day, Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Granularity::Day | Granularity::Month, Some(m), _) => {
                format!("{:04}-{m:02}", self.year)
            }
            _ => format!("{:04}", self.year),
        }
    }

    /// Position on a continuous time axis, in years (`2015-07-01` ≈ 2015.5).
    pub fn as_years(&self) -> f64 {
        let m = self.month.map(|m| f64::from(m) - 1.0).unwrap_or(0.0);
        let d = self.day.map(|d| f64::from(d) - 1.0).unwrap_or(0.0);
        f64::from(self.year) + m / 12.0 + d / 365.25
    }
}

fn parse_digits(s: &str, len: usize) -> Option<u32> {
    if s.len() != len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn parse_range(s: &str, lo: u8, hi: u8) -> Option<u8> {
    if s.is_empty() || s.len() > 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v: u8 = s.parse().ok()?;
    (lo..=hi).contains(&v).then_some(v)
}

/// Parses the date at the start of a period label (`2015`, `2015-02`, `2015-02-11`, `2010s`) and
/// returns it as a point on a time axis in years.
pub fn label_time(label: &str) -> Option<f64> {
    let l = label.trim();
    if let Some(dec) = l.strip_suffix('s') {
        if let Some(y) = parse_digits(dec, 4) {
            return Some(f64::from(y));
        }
    }
    Date::parse(l).map(|d| d.as_years())
}

/// Chronological order of period labels: dated labels first by date (then lexically), undated labels
/// after them in lexical order. A total order.
pub fn period_order(a: &str, b: &str) -> Ordering {
    match (label_time(a), label_time(b)) {
        (Some(x), Some(y)) => x.total_cmp(&y).then_with(|| a.cmp(b)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.cmp(b),
    }
}

/// One period: a label and the documents in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// Display label, e.g. `2015`.
    pub label: String,
    /// Document names, as passed to the miner (usually paths).
    pub docs: Vec<String>,
}

/// The assignment of documents to periods, with the token count of each document (needed for
/// normalised frequencies and dispersion).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocPeriods {
    periods: Vec<Period>,
    tokens: BTreeMap<String, u64>,
}

impl DocPeriods {
    /// An empty assignment.
    pub fn new() -> DocPeriods {
        DocPeriods::default()
    }

    /// Builds the assignment from periods; token counts are set later with [`DocPeriods::set_tokens`].
    /// Periods with the same label are merged; periods are sorted chronologically.
    pub fn from_periods(periods: impl IntoIterator<Item = Period>) -> DocPeriods {
        let mut dp = DocPeriods::new();
        for p in periods {
            for d in p.docs {
                dp.assign(&d, &p.label);
            }
        }
        dp
    }

    /// Builds the assignment from `(document name, period label, token count)` triples.
    pub fn from_assignments<S1: AsRef<str>, S2: AsRef<str>>(
        items: impl IntoIterator<Item = (S1, S2, u64)>,
    ) -> DocPeriods {
        let mut dp = DocPeriods::new();
        for (doc, period, tokens) in items {
            dp.assign(doc.as_ref(), period.as_ref());
            dp.set_tokens(doc.as_ref(), tokens);
        }
        dp
    }

    /// Puts `doc` into period `label` (moving it if it was elsewhere). Keeps periods sorted.
    pub fn assign(&mut self, doc: &str, label: &str) {
        for p in &mut self.periods {
            p.docs.retain(|d| d != doc);
        }
        self.periods.retain(|p| !p.docs.is_empty());
        match self.periods.iter_mut().find(|p| p.label == label) {
            Some(p) => p.docs.push(doc.to_string()),
            None => {
                self.periods.push(Period {
                    label: label.to_string(),
                    docs: vec![doc.to_string()],
                });
                self.periods
                    .sort_by(|a, b| period_order(&a.label, &b.label));
            }
        }
    }

    /// Sets the token count of a document.
    pub fn set_tokens(&mut self, doc: &str, tokens: u64) {
        self.tokens.insert(doc.to_string(), tokens);
    }

    /// The token count of a document (0 if unknown).
    pub fn tokens(&self, doc: &str) -> u64 {
        self.tokens.get(doc).copied().unwrap_or(0)
    }

    /// The periods in chronological order.
    pub fn periods(&self) -> &[Period] {
        &self.periods
    }

    /// The period label of a document name. Matches exactly first; otherwise compares paths
    /// component-wise (ignoring `.` components), accepting a unique match where one path is a
    /// suffix of the other (so `seeds/fr/a.txt` matches a manifest entry `fr/a.txt`).
    pub fn period_of(&self, doc: &str) -> Option<&str> {
        self.resolve(doc).map(|(label, _)| label)
    }

    /// The token count of a document, looked up by exact name, else by the name it resolves to as in
    /// [`DocPeriods::period_of`]. 0 if unknown.
    pub fn tokens_of(&self, doc: &str) -> u64 {
        if let Some(t) = self.tokens.get(doc) {
            return *t;
        }
        self.resolve(doc)
            .and_then(|(_, name)| self.tokens.get(name))
            .copied()
            .unwrap_or(0)
    }

    /// (period label, document name as assigned) of a document name.
    fn resolve(&self, doc: &str) -> Option<(&str, &str)> {
        for p in &self.periods {
            if let Some(d) = p.docs.iter().find(|d| *d == doc) {
                return Some((&p.label, d));
            }
        }
        let want = path_components(doc);
        if want.is_empty() {
            return None;
        }
        let mut found: Option<(&str, &str)> = None;
        for p in &self.periods {
            for d in &p.docs {
                let have = path_components(d);
                if !have.is_empty() && (want.ends_with(&have) || have.ends_with(&want)) {
                    match found {
                        Some((l, _)) if l != p.label => return None, // ambiguous
                        Some(_) => {}
                        None => found = Some((&p.label, d)),
                    }
                }
            }
        }
        found
    }
}

fn path_components(p: &str) -> Vec<String> {
    Path::new(p)
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect()
}

/// Reads a manifest CSV (header row with at least `file` and `date`; other columns are ignored) and
/// assigns each file to the period of its date at `granularity`. File paths are resolved relative to
/// the manifest's directory. Rows with an empty `file` are skipped; a row whose date cannot be parsed
/// is an error naming the row.
pub fn from_manifest(path: &Path, granularity: Granularity) -> Result<DocPeriods, CompareError> {
    let bytes = std::fs::read(path).map_err(|e| CompareError::Io {
        path: path.display().to_string(),
        source: e,
    })?;
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    from_manifest_reader(&bytes[..], &base, granularity)
}

/// Like [`from_manifest`] for manifest bytes; `base` is prepended to relative file paths
/// (pass an empty path to keep them as written).
pub fn from_manifest_reader(
    reader: impl std::io::Read,
    base: &Path,
    granularity: Granularity,
) -> Result<DocPeriods, CompareError> {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let headers = rdr
        .headers()
        .map_err(|e| CompareError::Manifest(e.to_string()))?
        .clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let file_col = col("file")
        .or_else(|| col("path"))
        .ok_or_else(|| CompareError::Manifest("no `file` column".into()))?;
    let date_col = col("date")
        .or_else(|| col("period"))
        .ok_or_else(|| CompareError::Manifest("no `date` column".into()))?;
    let mut dp = DocPeriods::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| CompareError::Manifest(e.to_string()))?;
        let file = rec.get(file_col).unwrap_or("").trim();
        if file.is_empty() {
            continue;
        }
        let raw = rec.get(date_col).unwrap_or("").trim();
        let label = match Date::parse(raw) {
            Some(d) => d.label(granularity),
            None if !raw.is_empty()
                && headers.get(date_col).is_some_and(|h| h.trim() == "period") =>
            {
                raw.to_string()
            }
            None => {
                return Err(CompareError::Manifest(format!(
                    "row {}: cannot read date {raw:?} for {file:?}",
                    i + 2
                )))
            }
        };
        let p: PathBuf = if Path::new(file).is_absolute() {
            PathBuf::from(file)
        } else {
            base.join(file)
        };
        dp.assign(&p.to_string_lossy(), &label);
    }
    Ok(dp)
}

/// Parses one `LABEL=PATH[,PATH…]` argument (as in `--period 2015=a.txt,b.txt`).
pub fn parse_period_arg(arg: &str) -> Result<Period, CompareError> {
    let (label, paths) = arg
        .split_once('=')
        .ok_or_else(|| CompareError::Period(format!("expected LABEL=PATHS, got {arg:?}")))?;
    let label = label.trim();
    if label.is_empty() {
        return Err(CompareError::Period(format!(
            "empty period label in {arg:?}"
        )));
    }
    let docs: Vec<String> = paths
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    if docs.is_empty() {
        return Err(CompareError::Period(format!(
            "no paths for period {label:?}"
        )));
    }
    Ok(Period {
        label: label.to_string(),
        docs,
    })
}

/// Parses several `LABEL=PATHS` arguments into an assignment.
pub fn from_args<S: AsRef<str>>(args: &[S]) -> Result<DocPeriods, CompareError> {
    let mut periods = Vec::new();
    for a in args {
        periods.push(parse_period_arg(a.as_ref())?);
    }
    Ok(DocPeriods::from_periods(periods))
}

/// Finds a date in a file name (not in the directories): the first `YYYY-MM-DD`, else `YYYY-MM`,
/// else a four-digit year 1000–2999 standing alone (not part of a longer number).
pub fn date_from_filename(path: &str) -> Option<Date> {
    let name = Path::new(path).file_name()?.to_string_lossy().into_owned();
    let b = name.as_bytes();
    let mut best: Option<Date> = None;
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit()) {
            let mut j = i;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            if j - i == 4 && matches!(b[i], b'1' | b'2') {
                // Try YYYY-MM-DD / YYYY-MM using the text that follows.
                let mut end = j;
                for _ in 0..2 {
                    if end + 3 <= b.len()
                        && matches!(b[end], b'-' | b'_' | b'.')
                        && b[end + 1].is_ascii_digit()
                        && b[end + 2].is_ascii_digit()
                        && (end + 3 == b.len() || !b[end + 3].is_ascii_digit())
                    {
                        end += 3;
                    } else {
                        break;
                    }
                }
                let cand = name[i..end].replace('_', "-");
                let cand = if cand.len() == 10 || cand.len() == 7 {
                    cand.replace('.', "-")
                } else {
                    cand
                };
                if let Some(d) = Date::parse(&cand).or_else(|| Date::parse(&name[i..j])) {
                    let better = match best {
                        None => true,
                        Some(b) => d.month.is_some() && b.month.is_none(),
                    };
                    if better {
                        best = Some(d);
                    }
                    if d.day.is_some() {
                        return best;
                    }
                }
            }
            i = j;
        } else {
            i += 1;
        }
    }
    best
}

/// Reads `date:` from a leading YAML front-matter block (`---` on the first line, closed by `---` or
/// `...`). Returns `None` when there is no front matter or no parseable date in it.
pub fn date_from_front_matter(text: &str) -> Option<Date> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines();
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    for line in lines.take(200) {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            return None;
        }
        if let Some((k, v)) = t.split_once(':') {
            if k.trim().eq_ignore_ascii_case("date") {
                return Date::parse(v);
            }
        }
    }
    None
}

/// Assigns documents to periods from their own dates: front matter first (if `text` is given), else
/// the file name. Returns the assignment and the names of the documents without any date.
pub fn from_dated_docs<'a>(
    docs: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
    granularity: Granularity,
) -> (DocPeriods, Vec<String>) {
    let mut dp = DocPeriods::new();
    let mut undated = Vec::new();
    for (name, text) in docs {
        let date = text
            .and_then(date_from_front_matter)
            .or_else(|| date_from_filename(name));
        match date {
            Some(d) => dp.assign(name, &d.label(granularity)),
            None => undated.push(name.to_string()),
        }
    }
    (dp, undated)
}

/// Resolves periods the way the CLI offers them, in order of precedence: explicit `LABEL=PATHS`
/// arguments if any, else the manifest if given, else dates found in the documents themselves (front
/// matter, then file name). `docs` lists the documents to compare with their text when available.
/// Returns the assignment and the names of the documents of `docs` left without a period.
pub fn resolve(
    manifest: Option<&Path>,
    args: &[String],
    docs: &[(&str, Option<&str>)],
    granularity: Granularity,
) -> Result<(DocPeriods, Vec<String>), CompareError> {
    let dp = if !args.is_empty() {
        from_args(args)?
    } else if let Some(m) = manifest {
        from_manifest(m, granularity)?
    } else {
        return Ok(from_dated_docs(docs.iter().copied(), granularity));
    };
    let missing = docs
        .iter()
        .filter(|(n, _)| dp.period_of(n).is_none())
        .map(|(n, _)| n.to_string())
        .collect();
    Ok((dp, missing))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_and_label() {
        let d = Date::parse("2015-02-11").unwrap();
        assert_eq!(d.label(Granularity::Year), "2015");
        assert_eq!(d.label(Granularity::Month), "2015-02");
        assert_eq!(d.label(Granularity::Day), "2015-02-11");
        assert_eq!(d.label(Granularity::Decade), "2010s");
        assert_eq!(Date::parse("2015").unwrap().label(Granularity::Day), "2015");
        assert!(Date::parse("2015-13-01").is_none());
        assert!(Date::parse("15-01-01").is_none());
        assert!(Date::parse("").is_none());
        assert_eq!(
            Date::parse("\"2017-11-07T10:00:00Z\"").unwrap().day,
            Some(7)
        );
    }

    #[test]
    fn chronological_order() {
        let mut v = vec!["late", "2017", "2015-06", "2010s", "2015", "early"];
        v.sort_by(|a, b| period_order(a, b));
        assert_eq!(v, vec!["2010s", "2015", "2015-06", "2017", "early", "late"]);
    }

    #[test]
    fn manifest_like_seeds() {
        let csv = "file,language,date,title,document\n\
                   fr/2015-02-11-a.txt,fr,2015-02-11,\"Title, with comma\",6122/15\n\
                   fr/2017-11-07-b.txt,fr,2017-11-07,T,13943/17\n\
                   fr/2017-01-01-c.txt,fr,2017-01-01,T,1\n";
        let dp =
            from_manifest_reader(csv.as_bytes(), Path::new("seeds"), Granularity::Year).unwrap();
        let labels: Vec<&str> = dp.periods().iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, vec!["2015", "2017"]);
        assert_eq!(dp.periods()[1].docs.len(), 2);
        assert_eq!(dp.period_of("seeds/fr/2015-02-11-a.txt"), Some("2015"));
        assert_eq!(dp.period_of("./seeds/fr/2017-11-07-b.txt"), Some("2017"));
        assert_eq!(
            dp.period_of("/abs/x/seeds/fr/2017-11-07-b.txt"),
            Some("2017")
        );
        assert_eq!(dp.period_of("other.txt"), None);
        let mut dp = dp;
        dp.set_tokens("seeds/fr/2015-02-11-a.txt", 42);
        assert_eq!(dp.tokens_of("/x/seeds/fr/2015-02-11-a.txt"), 42);
        assert_eq!(dp.tokens_of("seeds/fr/2015-02-11-a.txt"), 42);
        assert_eq!(dp.tokens_of("nope.txt"), 0);
        let bad = "file,date\na.txt,yesterday\n";
        assert!(from_manifest_reader(bad.as_bytes(), Path::new(""), Granularity::Year).is_err());
        assert!(
            from_manifest_reader("x,y\n".as_bytes(), Path::new(""), Granularity::Year).is_err()
        );
    }

    #[test]
    fn the_real_seed_manifest_reads() {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds/manifest.csv");
        if p.exists() {
            let dp = from_manifest(&p, Granularity::Year).unwrap();
            assert_eq!(dp.periods().len(), 2);
            assert_eq!(dp.periods()[0].label, "2015");
        }
    }

    #[test]
    fn period_args() {
        let p = parse_period_arg("2015=a.txt, b.txt").unwrap();
        assert_eq!(p.label, "2015");
        assert_eq!(p.docs, vec!["a.txt", "b.txt"]);
        assert!(parse_period_arg("2015").is_err());
        assert!(parse_period_arg("=a").is_err());
        assert!(parse_period_arg("x=").is_err());
        let dp = from_args(&["2017=c.txt", "2015=a.txt,b.txt"]).unwrap();
        assert_eq!(dp.periods()[0].label, "2015");
        assert_eq!(dp.period_of("c.txt"), Some("2017"));
    }

    #[test]
    fn filename_dates() {
        let d = date_from_filename("seeds/fr/2015-02-11-council.txt").unwrap();
        assert_eq!((d.year, d.month, d.day), (2015, Some(2), Some(11)));
        let d = date_from_filename("report_2019.md").unwrap();
        assert_eq!((d.year, d.month), (2019, None));
        let d = date_from_filename("x-2019_03.txt").unwrap();
        assert_eq!(d.month, Some(3));
        assert!(date_from_filename("2019/notes.txt").is_none());
        assert!(date_from_filename("id123456.txt").is_none());
        assert!(date_from_filename("").is_none());
    }

    #[test]
    fn front_matter_dates() {
        let t = "---\ntitle: X\ndate: \"2016-05-04\"\n---\nBody date: 1999";
        assert_eq!(date_from_front_matter(t).unwrap().year, 2016);
        assert!(date_from_front_matter("no front matter\ndate: 2016").is_none());
        assert!(date_from_front_matter("---\ntitle: x\n---\ndate: 2016").is_none());
        let (dp, undated) = from_dated_docs(
            [
                ("a.txt", Some("---\ndate: 2016-01-01\n---\n")),
                ("b-2018.txt", None),
                ("c.txt", None),
            ],
            Granularity::Year,
        );
        assert_eq!(dp.period_of("a.txt"), Some("2016"));
        assert_eq!(dp.period_of("b-2018.txt"), Some("2018"));
        assert_eq!(undated, vec!["c.txt"]);
    }

    #[test]
    fn resolve_precedence() {
        let docs = [("a-2016.txt", None), ("b.txt", None)];
        let (dp, missing) = resolve(None, &[], &docs, Granularity::Year).unwrap();
        assert_eq!(dp.period_of("a-2016.txt"), Some("2016"));
        assert_eq!(missing, vec!["b.txt"]);
        let args = vec!["early=b.txt".to_string()];
        let (dp, missing) = resolve(
            Some(Path::new("/nonexistent.csv")),
            &args,
            &docs,
            Granularity::Year,
        )
        .unwrap();
        assert_eq!(dp.period_of("b.txt"), Some("early"));
        assert_eq!(missing, vec!["a-2016.txt"]);
        assert!(resolve(
            Some(Path::new("/nonexistent.csv")),
            &[],
            &docs,
            Granularity::Year
        )
        .is_err());
    }
}
