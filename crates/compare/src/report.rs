//! Self-contained HTML report of a [`Comparison`].
//!
//! One file, no network access: inline CSS, inline vanilla JavaScript, inline SVG charts and system
//! fonts only. Every string that comes from the corpus (terms, variants, document names, contexts) is
//! HTML-escaped in markup, and embedded in the page's JSON data with `<`, `>` and `&` written as
//! `\u003c`, `\u003e`, `\u0026`, so corpus text can neither close a tag nor a script. The script sets
//! only `textContent`, never `innerHTML`, from data.
//!
//! Contents: period sizes; bar charts of the log ratio of the top emerging and declining terms; small
//! multiples of per-10k trend lines for the most changing terms; variant shifts; a sortable (click a
//! column header) and filterable (text and trend) table of entries; and a panel that opens when a term
//! is clicked, with its trend chart, its variants per period and its concordance lines per period.
//!
//! Opening the file with `#selftest` appended to its URL runs a self-test in the page (opens the panel
//! of the first term that has concordance lines, sorts, filters) and writes the outcome as JSON into
//! `<pre id="selftest">`; the headless-browser test reads it.

use std::fmt::Write as _;

use serde::Serialize;

use crate::comparison::{Comparison, EntryComparison, Trend};

/// Options of [`html`].
///
/// ```
/// use termsmith_compare::ReportOptions;
/// let o = ReportOptions::new().title("Cyber policy terms").top(10);
/// assert_eq!(o.get_title(), "Cyber policy terms");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportOptions {
    title: String,
    top: usize,
    multiples: usize,
    max_entries: usize,
    max_lines: usize,
    generated: Option<String>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            title: "Term usage over time".to_string(),
            top: 15,
            multiples: 12,
            max_entries: 5000,
            max_lines: 10,
            generated: None,
        }
    }
}

impl ReportOptions {
    /// Defaults: 15 bars per chart, 12 small multiples, at most 5,000 table rows, 10 concordance
    /// lines per term and period, no generation date.
    pub fn new() -> Self {
        Self::default()
    }
    /// Page title.
    pub fn title(mut self, t: impl Into<String>) -> Self {
        self.title = t.into();
        self
    }
    /// Number of bars in the emerging and declining charts.
    pub fn top(mut self, n: usize) -> Self {
        self.top = n;
        self
    }
    /// Number of small-multiple trend charts.
    pub fn multiples(mut self, n: usize) -> Self {
        self.multiples = n;
        self
    }
    /// Maximum number of table rows. Emerging, declining and shifted entries are kept first, then the
    /// most frequent stable ones.
    pub fn max_entries(mut self, n: usize) -> Self {
        self.max_entries = n;
        self
    }
    /// Maximum concordance lines per term and period embedded in the page.
    pub fn max_lines(mut self, n: usize) -> Self {
        self.max_lines = n;
        self
    }
    /// A generation note (e.g. a date) shown in the footer. None by default, so that output is
    /// reproducible.
    pub fn generated(mut self, note: impl Into<String>) -> Self {
        self.generated = Some(note.into());
        self
    }
    /// The title.
    pub fn get_title(&self) -> &str {
        &self.title
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Serialises to JSON safe for embedding in `<script type="application/json">`.
fn script_json<T: Serialize>(v: &T) -> String {
    let s = serde_json::to_string(v).unwrap_or_else(|_| "null".to_string());
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn num(x: f64, d: usize) -> String {
    if x.is_finite() {
        format!("{x:.d$}")
    } else {
        "0".to_string()
    }
}

#[derive(Serialize)]
struct PageData<'a> {
    periods: Vec<&'a str>,
    reference: usize,
    target: usize,
    entries: Vec<PageEntry<'a>>,
}

/// `[doc, start, left, term, right]`.
type ConcLine<'a> = (&'a str, usize, &'a str, &'a str, &'a str);

#[derive(Serialize)]
struct PageEntry<'a> {
    term: &'a str,
    trend: &'static str,
    per10k: Vec<f64>,
    freq: Vec<u64>,
    docfreq: Vec<u32>,
    variants: Vec<(&'a str, &'a [u64])>,
    shift: String,
    /// per period: [doc, start, left, term, right]
    conc: Vec<Vec<ConcLine<'a>>>,
}

fn round4(x: f64) -> f64 {
    if x.is_finite() {
        (x * 10_000.0).round() / 10_000.0
    } else {
        0.0
    }
}

fn selected(c: &Comparison, max: usize) -> Vec<&EntryComparison> {
    // In the comparison's order (frequency, then headword).
    c.entries
        .iter()
        .zip(c.selection(max))
        .filter(|(_, k)| *k)
        .map(|(e, _)| e)
        .collect()
}

/// Renders the report as one self-contained HTML document. Deterministic: the same comparison and
/// options give the same bytes.
pub fn html(c: &Comparison, opts: &ReportOptions) -> String {
    let entries = selected(c, opts.max_entries);
    let index_of = |e: &EntryComparison| entries.iter().position(|x| std::ptr::eq(*x, e));
    let np = c.periods.len();
    let label = |i: usize| c.periods.get(i).map(|p| p.label.as_str()).unwrap_or("");
    let mut h = String::with_capacity(64 * 1024);
    let title = escape(&opts.title);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<script>{ERROR_HOOK}</script>\n<style>{CSS}</style>\n</head>\n<body>\n\
         <header><h1>{title}</h1>\n"
    );
    let total_tokens: u64 = c.periods.iter().map(|p| p.tokens).sum();
    let _ = writeln!(
        h,
        "<p class=\"summary\">{} entries ({} shown) · {} periods · {} tokens · keyness {} vs {} · \
         threshold {} (chi-square, 1 d.f.)</p></header>",
        c.entries.len(),
        entries.len(),
        np,
        total_tokens,
        escape(label(c.target)),
        escape(label(c.reference)),
        num(c.threshold, 2)
    );
    h.push_str("<main>\n");

    // Periods.
    h.push_str("<section id=\"periods\"><h2>Periods</h2><table class=\"periods\"><thead><tr><th>Period</th>\
                <th>Documents</th><th>Tokens</th><th title=\"G² and log ratio compare the target with the reference period\">Keyness role</th></tr></thead><tbody>\n");
    for (i, p) in c.periods.iter().enumerate() {
        let role = if i == c.target && np > 1 {
            "target"
        } else if i == c.reference && np > 1 {
            "reference"
        } else {
            ""
        };
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{role}</td></tr>",
            escape(&p.label),
            p.docs,
            p.tokens
        );
    }
    h.push_str("</tbody></table></section>\n");

    // Bar charts.
    h.push_str("<section id=\"charts\"><h2>Largest changes</h2><div class=\"charts\">\n");
    let em = c.emerging();
    let de = c.declining();
    bar_chart(
        &mut h,
        "chart-emerging",
        "Top emerging terms (log ratio)",
        &em,
        opts.top,
        "up",
        &index_of,
    );
    bar_chart(
        &mut h,
        "chart-declining",
        "Top declining terms (log ratio)",
        &de,
        opts.top,
        "down",
        &index_of,
    );
    h.push_str("</div></section>\n");

    // Small multiples.
    h.push_str(
        "<section id=\"multiples\"><h2>Trends (per 10,000 tokens)</h2><div class=\"multiples\">\n",
    );
    let mut changing: Vec<&EntryComparison> = em.iter().chain(de.iter()).copied().collect();
    changing.sort_by(|a, b| {
        b.log_ratio
            .abs()
            .total_cmp(&a.log_ratio.abs())
            .then_with(|| b.g2.total_cmp(&a.g2))
            .then_with(|| a.key.cmp(&b.key))
    });
    if changing.len() < opts.multiples {
        for e in &c.entries {
            if changing.len() >= opts.multiples {
                break;
            }
            if e.trend == Trend::Stable {
                changing.push(e);
            }
        }
    }
    for e in changing.iter().take(opts.multiples) {
        let Some(i) = index_of(e) else { continue };
        let _ = write!(
            h,
            "<figure class=\"multiple {}\" data-i=\"{i}\" tabindex=\"0\"><figcaption>{}</figcaption>",
            e.trend.as_str(),
            escape(&truncate(&e.term, 32))
        );
        sparkline(
            &mut h,
            &e.periods.iter().map(|p| p.per10k).collect::<Vec<_>>(),
            170.0,
            56.0,
            true,
        );
        h.push_str("</figure>\n");
    }
    h.push_str("</div></section>\n");

    // Variant shifts.
    let shifts = c.variant_shifts();
    h.push_str("<section id=\"shifts\"><h2>Variant shifts</h2>");
    if shifts.is_empty() {
        h.push_str("<p class=\"empty\">No variant shift.</p>");
    } else {
        h.push_str("<table class=\"shifts\"><thead><tr><th>Entry</th><th>From</th><th>To</th><th>Share of new form</th>\
                    <th>G²</th></tr></thead><tbody>\n");
        for e in shifts {
            let Some(s) = &e.variant_shift else { continue };
            let _ = writeln!(
                h,
                "<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{} {:.0}% → {} {:.0}%</td><td class=\"n\">{}</td></tr>",
                if s.significant { "sig" } else { "nonsig" },
                escape(&e.term),
                escape(&s.from),
                escape(&s.to),
                escape(&s.first_period),
                s.share_first * 100.0,
                escape(&s.last_period),
                s.share_last * 100.0,
                num(s.g2, 2)
            );
        }
        h.push_str("</tbody></table>");
    }
    h.push_str("</section>\n");

    // Term table.
    h.push_str(
        "<section id=\"terms\"><h2>Terms</h2><div class=\"controls\">\
         <label>Filter <input id=\"filter\" type=\"search\" placeholder=\"term or variant\" autocomplete=\"off\"></label> \
         <label>Trend <select id=\"trend-filter\"><option value=\"\">all</option><option value=\"emerging\">emerging</option>\
         <option value=\"declining\">declining</option><option value=\"stable\">stable</option></select></label> \
         <span id=\"count\"></span></div>\n<div class=\"scroll\"><table id=\"term-table\"><thead><tr>\
         <th data-type=\"text\">Term</th><th data-type=\"text\">Trend</th><th data-type=\"num\">Total</th>",
    );
    for p in &c.periods {
        let _ = write!(
            h,
            "<th data-type=\"num\" title=\"per 10,000 tokens\">{}</th>",
            escape(&p.label)
        );
    }
    h.push_str("<th data-type=\"none\">Trend line</th><th data-type=\"num\">G²</th><th data-type=\"num\">Log ratio</th>");
    if np > 2 {
        h.push_str("<th data-type=\"num\">Slope</th><th data-type=\"num\">p (trend)</th>");
    }
    h.push_str("<th data-type=\"num\">Variants</th></tr></thead>\n<tbody>\n");
    for (i, e) in entries.iter().enumerate() {
        let mut search = e.term.to_lowercase();
        for v in &e.variants {
            search.push(' ');
            search.push_str(&v.form.to_lowercase());
        }
        let _ = write!(
            h,
            "<tr data-i=\"{i}\" data-trend=\"{}\" data-search=\"{}\"><td data-v=\"{}\"><button type=\"button\" class=\"term\">{}</button></td>\
             <td data-v=\"{}\"><span class=\"badge {}\">{}</span></td><td class=\"n\" data-v=\"{}\">{}</td>",
            e.trend.as_str(),
            escape(&search),
            escape(&e.term.to_lowercase()),
            escape(&e.term),
            e.trend.as_str(),
            e.trend.as_str(),
            e.trend.as_str(),
            e.total_freq,
            e.total_freq
        );
        for p in &e.periods {
            let _ = write!(
                h,
                "<td class=\"n\" data-v=\"{}\" title=\"{} occurrences in {} documents\">{}</td>",
                num(p.per10k, 4),
                p.freq,
                p.docfreq,
                num(p.per10k, 2)
            );
        }
        h.push_str("<td>");
        sparkline(
            &mut h,
            &e.periods.iter().map(|p| p.per10k).collect::<Vec<_>>(),
            80.0,
            20.0,
            false,
        );
        h.push_str("</td>");
        let _ = write!(
            h,
            "<td class=\"n\" data-v=\"{}\">{}</td><td class=\"n\" data-v=\"{}\">{}</td>",
            num(e.g2, 4),
            num(e.g2, 2),
            num(e.log_ratio, 4),
            num(e.log_ratio, 2)
        );
        if np > 2 {
            let s = e.slope.unwrap_or(0.0);
            let p = e.p_value.unwrap_or(1.0);
            let _ = write!(
                h,
                "<td class=\"n\" data-v=\"{}\">{}</td><td class=\"n\" data-v=\"{}\">{}</td>",
                num(s, 6),
                num(s, 3),
                format_args!("{p:e}"),
                format_args!("{p:.2e}")
            );
        }
        let _ = writeln!(
            h,
            "<td class=\"n\" data-v=\"{}\">{}</td></tr>",
            e.variants.len(),
            e.variants.len()
        );
    }
    h.push_str("</tbody></table></div></section>\n</main>\n");

    // Panel.
    h.push_str(
        "<aside id=\"panel\" hidden aria-live=\"polite\"><button type=\"button\" id=\"panel-close\" aria-label=\"Close\">×</button>\
         <h2 id=\"panel-title\"></h2><p id=\"panel-meta\"></p><div id=\"panel-chart\"></div>\
         <h3>Variants</h3><div id=\"panel-variants\"></div><h3>Concordance</h3><div id=\"panel-conc\"></div></aside>\n",
    );
    h.push_str("<pre id=\"selftest\" hidden></pre>\n<footer>");
    h.push_str("Generated by termsmith-compare. G²: log-likelihood (Rayson &amp; Garside 2000); log ratio: Hardie (2014), \
                zero frequencies counted as 0.5; trend: least-squares slope of per-10k frequency, Cochran–Armitage test; \
                dispersion: Gries’ DP.");
    if let Some(g) = &opts.generated {
        let _ = write!(h, " {}", escape(g));
    }
    h.push_str("</footer>\n");

    // Data.
    let data = PageData {
        periods: c.periods.iter().map(|p| p.label.as_str()).collect(),
        reference: c.reference,
        target: c.target,
        entries: entries
            .iter()
            .map(|e| PageEntry {
                term: &e.term,
                trend: e.trend.as_str(),
                per10k: e.periods.iter().map(|p| round4(p.per10k)).collect(),
                freq: e.periods.iter().map(|p| p.freq).collect(),
                docfreq: e.periods.iter().map(|p| p.docfreq).collect(),
                variants: e
                    .variants
                    .iter()
                    .map(|v| (v.form.as_str(), v.counts.as_slice()))
                    .collect(),
                shift: crate::output::shift_cell(e),
                conc: e
                    .concordance
                    .iter()
                    .map(|lines| {
                        lines
                            .iter()
                            .take(opts.max_lines)
                            .map(|l| {
                                (
                                    l.doc.as_str(),
                                    l.span.start,
                                    l.left.as_str(),
                                    l.term.as_str(),
                                    l.right.as_str(),
                                )
                            })
                            .collect()
                    })
                    .collect(),
            })
            .collect(),
    };
    let _ = write!(
        h,
        "<script type=\"application/json\" id=\"report-data\">{}</script>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        script_json(&data)
    );
    h
}

fn bar_chart(
    h: &mut String,
    id: &str,
    caption: &str,
    items: &[&EntryComparison],
    top: usize,
    class: &str,
    index_of: &dyn Fn(&EntryComparison) -> Option<usize>,
) {
    let items: Vec<&&EntryComparison> = items.iter().take(top).collect();
    let row = 22.0;
    let (w, label_w, value_w) = (520.0, 190.0, 56.0);
    let height = (items.len().max(1) as f64) * row + 10.0;
    let _ = write!(
        h,
        "<figure id=\"{id}\" class=\"chart\"><figcaption>{}</figcaption>\
         <svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bars {class}\" viewBox=\"0 0 {w} {height}\" width=\"{w}\" height=\"{height}\" role=\"img\" aria-label=\"{}\">",
        escape(caption),
        escape(caption)
    );
    if items.is_empty() {
        let _ = write!(
            h,
            "<text x=\"4\" y=\"20\" class=\"none\">none at this threshold</text>"
        );
    }
    let max = items
        .iter()
        .map(|e| e.log_ratio.abs())
        .fold(0.0f64, f64::max)
        .max(1e-9);
    let bar_max = w - label_w - value_w;
    for (k, e) in items.iter().enumerate() {
        let y = 5.0 + k as f64 * row;
        let bw = (e.log_ratio.abs() / max * bar_max).max(1.0);
        let i = index_of(e).map(|i| i.to_string()).unwrap_or_default();
        let _ = write!(
            h,
            "<g class=\"bar\" data-i=\"{i}\"><title>{}: log ratio {}, G² {}</title>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\
             <rect x=\"{label_w}\" y=\"{}\" width=\"{}\" height=\"{}\"></rect>\
             <text x=\"{}\" y=\"{}\" class=\"v\">{}</text></g>",
            escape(&e.term),
            num(e.log_ratio, 2),
            num(e.g2, 2),
            label_w - 6.0,
            y + 15.0,
            escape(&truncate(&e.term, 28)),
            y + 3.0,
            num(bw, 1),
            row - 6.0,
            num(label_w + bw + 4.0, 1),
            y + 15.0,
            num(e.log_ratio, 2)
        );
    }
    h.push_str("</svg></figure>\n");
}

fn sparkline(h: &mut String, ys: &[f64], w: f64, ht: f64, axes: bool) {
    let max = ys.iter().copied().fold(0.0f64, f64::max);
    let pad = 3.0;
    let n = ys.len();
    let x = |i: usize| {
        if n <= 1 {
            w / 2.0
        } else {
            pad + i as f64 * (w - 2.0 * pad) / (n - 1) as f64
        }
    };
    let y = |v: f64| {
        if max <= 0.0 {
            ht - pad
        } else {
            ht - pad - v / max * (ht - 2.0 * pad)
        }
    };
    let pts: Vec<String> = ys
        .iter()
        .enumerate()
        .map(|(i, &v)| format!("{},{}", num(x(i), 1), num(y(v), 1)))
        .collect();
    let _ = write!(
        h,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"spark\" viewBox=\"0 0 {w} {ht}\" width=\"{w}\" height=\"{ht}\" aria-hidden=\"true\">"
    );
    if axes {
        let _ = write!(
            h,
            "<line x1=\"0\" y1=\"{}\" x2=\"{w}\" y2=\"{}\" class=\"axis\"></line>",
            ht - 0.5,
            ht - 0.5
        );
    }
    let _ = write!(h, "<polyline points=\"{}\"></polyline>", pts.join(" "));
    if axes {
        for (i, &v) in ys.iter().enumerate() {
            let _ = write!(
                h,
                "<circle cx=\"{}\" cy=\"{}\" r=\"2\"></circle>",
                num(x(i), 1),
                num(y(v), 1)
            );
        }
    }
    h.push_str("</svg>");
}

const ERROR_HOOK: &str = r#"window.__errors=[];window.addEventListener('error',function(e){window.__errors.push(String(e.message||e.type)+(e.lineno?' line '+e.lineno:''));});window.addEventListener('unhandledrejection',function(e){window.__errors.push('unhandled rejection: '+String(e.reason));});"#;

const CSS: &str = r#"
:root{--em:#1b7a3a;--de:#b23a2e;--st:#666;--bg:#fff;--fg:#1d1d1f;--mut:#6b6b70;--line:#ddd;--hl:#fff6d5}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:var(--fg);background:var(--bg)}
header,main,footer{padding:0 1.5rem}
header h1{margin:1rem 0 .2rem;font-size:1.5rem}
.summary,footer{color:var(--mut)}
footer{margin:2rem 0 1rem;font-size:12px}
h2{font-size:1.15rem;margin:1.4rem 0 .5rem}
table{border-collapse:collapse}
th,td{padding:.25rem .5rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:middle}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.charts{display:flex;flex-wrap:wrap;gap:1.5rem}
figure{margin:0}
figcaption{font-weight:600;margin-bottom:.3rem}
svg.bars text{font-size:12px;fill:var(--fg)}
svg.bars text.v{fill:var(--mut)}
svg.bars.up rect{fill:var(--em)}
svg.bars.down rect{fill:var(--de)}
svg.bars g.bar{cursor:pointer}
svg.bars g.bar:hover rect{opacity:.75}
.multiples{display:grid;grid-template-columns:repeat(auto-fill,minmax(180px,1fr));gap:.8rem}
.multiple{border:1px solid var(--line);border-radius:6px;padding:.4rem;cursor:pointer}
.multiple figcaption{font-weight:500;font-size:12px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
svg.spark polyline{fill:none;stroke:#3568a8;stroke-width:1.6}
.multiple.emerging svg.spark polyline{stroke:var(--em)}
.multiple.declining svg.spark polyline{stroke:var(--de)}
svg.spark circle{fill:#3568a8}
svg.spark .axis{stroke:var(--line)}
.controls{display:flex;gap:1rem;align-items:center;margin:.5rem 0}
.controls input,.controls select{font:inherit;padding:.2rem .4rem}
.scroll{overflow-x:auto}
#term-table th{cursor:pointer;white-space:nowrap;position:sticky;top:0;background:#f6f6f8}
#term-table th[aria-sort=ascending]::after{content:" ▲"}
#term-table th[aria-sort=descending]::after{content:" ▼"}
#term-table tr.sel{background:var(--hl)}
button.term{font:inherit;border:0;background:none;color:#1f4f9a;cursor:pointer;padding:0;text-align:left}
button.term:hover{text-decoration:underline}
.badge{font-size:11px;padding:.05rem .4rem;border-radius:8px;color:#fff;background:var(--st)}
.badge.emerging{background:var(--em)}
.badge.declining{background:var(--de)}
.shifts tr.nonsig{color:var(--mut)}
.empty{color:var(--mut)}
#panel{position:fixed;top:0;right:0;width:min(640px,100%);height:100%;overflow:auto;background:#fff;border-left:1px solid var(--line);
 box-shadow:-4px 0 16px rgba(0,0,0,.08);padding:1rem 1.2rem}
#panel[hidden]{display:none}
#panel-close{position:absolute;top:.6rem;right:.8rem;font-size:1.4rem;border:0;background:none;cursor:pointer}
#panel h3{font-size:1rem;margin:1rem 0 .3rem}
#panel h4{margin:.7rem 0 .2rem;font-size:.9rem}
table.kwic td{border:0;padding:.1rem .3rem;font-size:12.5px;white-space:nowrap}
table.kwic td.l{text-align:right;color:#333;max-width:260px;overflow:hidden;direction:rtl}
table.kwic td.l span{direction:ltr;unicode-bidi:embed}
table.kwic td.k{font-weight:700}
table.kwic td.r{color:#333;max-width:260px;overflow:hidden}
table.kwic td.d{color:var(--mut);font-size:11px}
svg.detail polyline{fill:none;stroke:#3568a8;stroke-width:2}
svg.detail circle{fill:#3568a8}
svg.detail text{font-size:11px;fill:var(--mut)}
svg.detail line{stroke:var(--line)}
"#;

const SCRIPT: &str = r#"
(function(){
'use strict';
var DATA=JSON.parse(document.getElementById('report-data').textContent);
var SVG='http://www.w3.org/2000/svg';
var table=document.getElementById('term-table');
var tbody=table.tBodies[0];
var panel=document.getElementById('panel');
function el(tag,cls,text){var e=document.createElement(tag);if(cls)e.className=cls;if(text!==undefined)e.textContent=String(text);return e;}
function sv(tag,attrs){var e=document.createElementNS(SVG,tag);for(var k in attrs){e.setAttribute(k,String(attrs[k]));}return e;}
function fmt(x,d){return (Math.round(x*Math.pow(10,d))/Math.pow(10,d)).toFixed(d);}
function chart(vals,labels){
  var w=560,h=180,pl=44,pr=12,pt=12,pb=28,n=vals.length,max=0;
  for(var i=0;i<n;i++){if(vals[i]>max)max=vals[i];}
  var s=sv('svg',{'class':'detail',viewBox:'0 0 '+w+' '+h,width:w,height:h,role:'img'});
  function X(i){return n<=1?pl+(w-pl-pr)/2:pl+i*(w-pl-pr)/(n-1);}
  function Y(v){return max<=0?h-pb:h-pb-v/max*(h-pt-pb);}
  s.appendChild(sv('line',{x1:pl,y1:h-pb,x2:w-pr,y2:h-pb}));
  s.appendChild(sv('line',{x1:pl,y1:pt,x2:pl,y2:h-pb}));
  var t=sv('text',{x:pl-4,y:pt+4,'text-anchor':'end'});t.textContent=fmt(max,1);s.appendChild(t);
  var t0=sv('text',{x:pl-4,y:h-pb,'text-anchor':'end'});t0.textContent='0';s.appendChild(t0);
  var pts=[];
  for(var j=0;j<n;j++){pts.push(fmt(X(j),1)+','+fmt(Y(vals[j]),1));}
  s.appendChild(sv('polyline',{points:pts.join(' ')}));
  var step=Math.max(1,Math.ceil(n/10));
  for(var k=0;k<n;k++){
    var c=sv('circle',{cx:fmt(X(k),1),cy:fmt(Y(vals[k]),1),r:3});
    var ti=sv('title',{});ti.textContent=labels[k]+': '+fmt(vals[k],2)+' per 10k';c.appendChild(ti);s.appendChild(c);
    if(k%step===0||k===n-1){var lt=sv('text',{x:fmt(X(k),1),y:h-pb+16,'text-anchor':'middle'});lt.textContent=labels[k];s.appendChild(lt);}
  }
  return s;
}
function show(i){
  var e=DATA.entries[i];if(!e)return;
  var rows=tbody.rows;for(var r=0;r<rows.length;r++){rows[r].classList.toggle('sel',rows[r].getAttribute('data-i')===String(i));}
  document.getElementById('panel-title').textContent=e.term;
  var tot=0;for(var q=0;q<e.freq.length;q++){tot+=e.freq[q];}
  document.getElementById('panel-meta').textContent=e.trend+' · '+tot+' occurrences'+(e.shift?' · shift: '+e.shift:'');
  var pc=document.getElementById('panel-chart');pc.textContent='';pc.appendChild(chart(e.per10k,DATA.periods));
  var pv=document.getElementById('panel-variants');pv.textContent='';
  var vt=el('table','variants');var hr=el('tr');hr.appendChild(el('th','', 'Form'));
  DATA.periods.forEach(function(p){hr.appendChild(el('th','',p));});vt.appendChild(hr);
  e.variants.forEach(function(v){var tr=el('tr');tr.appendChild(el('td','',v[0]));v[1].forEach(function(c){tr.appendChild(el('td','n',c));});vt.appendChild(tr);});
  pv.appendChild(vt);
  var cc=document.getElementById('panel-conc');cc.textContent='';var any=false;
  DATA.periods.forEach(function(p,pi){
    var lines=e.conc[pi]||[];
    cc.appendChild(el('h4','',p+' ('+e.freq[pi]+' occurrences, '+e.docfreq[pi]+' documents)'));
    if(!lines.length){cc.appendChild(el('p','empty','No concordance line.'));return;}
    any=true;
    var t=el('table','kwic');
    lines.forEach(function(l){var tr=el('tr');var td=el('td','l');td.appendChild(el('span','',l[2]));tr.appendChild(td);
      tr.appendChild(el('td','k',l[3]));tr.appendChild(el('td','r',l[4]));var d=el('td','d',l[0]+':'+l[1]);d.title=l[0];tr.appendChild(d);t.appendChild(tr);});
    cc.appendChild(t);
  });
  panel.hidden=false;
  return any;
}
tbody.addEventListener('click',function(ev){var b=ev.target.closest('button.term');if(!b)return;var tr=b.closest('tr');show(+tr.getAttribute('data-i'));});
function bindOpen(sel){document.querySelectorAll(sel).forEach(function(n){var i=n.getAttribute('data-i');if(i===null||i==='')return;
  n.addEventListener('click',function(){show(+i);});n.addEventListener('keydown',function(ev){if(ev.key==='Enter')show(+i);});});}
bindOpen('.multiple');bindOpen('g.bar');
document.getElementById('panel-close').addEventListener('click',function(){panel.hidden=true;});
document.addEventListener('keydown',function(ev){if(ev.key==='Escape')panel.hidden=true;});
var ths=table.tHead.rows[0].cells;
function sortBy(col,dir){
  var type=ths[col].getAttribute('data-type');if(type==='none')return;
  var rows=Array.prototype.slice.call(tbody.rows);
  rows.sort(function(a,b){
    var x=a.cells[col].getAttribute('data-v'),y=b.cells[col].getAttribute('data-v'),c;
    if(type==='num'){c=parseFloat(x)-parseFloat(y);}else{c=x<y?-1:x>y?1:0;}
    if(c===0){c=(+a.getAttribute('data-i'))-(+b.getAttribute('data-i'));return c;}
    return dir*c;});
  rows.forEach(function(r){tbody.appendChild(r);});
  for(var i=0;i<ths.length;i++){ths[i].removeAttribute('aria-sort');}
  ths[col].setAttribute('aria-sort',dir>0?'ascending':'descending');
}
Array.prototype.forEach.call(ths,function(th,col){th.addEventListener('click',function(){
  var cur=th.getAttribute('aria-sort');sortBy(col,cur==='descending'?1:-1);});});
var filter=document.getElementById('filter'),tf=document.getElementById('trend-filter'),count=document.getElementById('count');
function applyFilter(){
  var q=filter.value.trim().toLowerCase(),t=tf.value,n=0;
  Array.prototype.forEach.call(tbody.rows,function(r){
    var ok=(!q||r.getAttribute('data-search').indexOf(q)>=0)&&(!t||r.getAttribute('data-trend')===t);
    r.hidden=!ok;if(ok)n++;});
  count.textContent=n+' of '+tbody.rows.length+' entries';
  return n;
}
filter.addEventListener('input',applyFilter);tf.addEventListener('change',applyFilter);applyFilter();
if(location.hash==='#selftest'){
  var res={errors:[],svg:document.querySelectorAll('svg').length,
    chart_emerging:!!document.querySelector('#chart-emerging svg'),chart_declining:!!document.querySelector('#chart-declining svg'),
    multiples:document.querySelectorAll('.multiple svg').length,rows:tbody.rows.length,clicked:null,panel_visible:false,
    concordance_lines:0,panel_chart:false,sorted:false,filtered:null};
  try{
    var pick=-1;for(var i=0;i<DATA.entries.length&&pick<0;i++){if(DATA.entries[i].conc.some(function(c){return c.length>0;}))pick=i;}
    if(pick<0&&DATA.entries.length)pick=0;
    if(pick>=0){
      var btn=tbody.querySelector('tr[data-i="'+pick+'"] button.term');
      if(btn){btn.click();res.clicked=DATA.entries[pick].term;}
      res.panel_visible=!panel.hidden;
      res.concordance_lines=document.querySelectorAll('#panel-conc table.kwic tr').length;
      res.panel_chart=!!document.querySelector('#panel-chart svg polyline');
      res.panel_title=document.getElementById('panel-title').textContent;
    }
    var totalCol=2;ths[totalCol].click();ths[totalCol].click();
    var vals=Array.prototype.map.call(tbody.rows,function(r){return parseFloat(r.cells[totalCol].getAttribute('data-v'));});
    res.sorted=vals.every(function(v,i){return i===0||vals[i-1]<=v;});
    if(pick>=0){filter.value=DATA.entries[pick].term.toLowerCase();res.filtered=applyFilter();filter.value='';applyFilter();}
  }catch(err){window.__errors.push('selftest: '+err);}
  res.errors=window.__errors.slice();
  var pre=document.getElementById('selftest');pre.textContent=JSON.stringify(res);pre.hidden=false;
}
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(
            escape("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(
            script_json(&"</script><!--&"),
            "\"\\u003c/script\\u003e\\u003c!--\\u0026\""
        );
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
    }
}
