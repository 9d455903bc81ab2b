//! Pairing of source and target documents: by name (names that differ only by a
//! language code, e.g. `corp_fr_01.txt` ↔ `corp_en_01.txt`), by explicit list, or by
//! content similarity (shared numbers, acronyms and cognates) with a warning when a
//! pair does not look like a translation.

use std::collections::BTreeMap;

const LANG_CODES: &str = include_str!("../data/lang-codes.tsv");

/// How a document pair was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub enum PairBasis {
    /// Names identical up to the language code.
    Name,
    /// Given by the caller.
    Explicit,
    /// Best content match.
    Content,
}

/// One side of a document pairing problem.
#[derive(Debug, Clone, Copy)]
pub struct DocSide<'a> {
    /// Document names (paths).
    pub names: &'a [&'a str],
    /// ISO 639-1 code of the side's language.
    pub lang: &'a str,
    /// Per document: sorted, deduplicated anchor keys (may be empty: no content pairing).
    pub keys: &'a [Vec<u32>],
}

/// Result of document pairing.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pairing {
    /// `(source index, target index, basis, similarity in [0,1])`, in source order.
    pub pairs: Vec<(usize, usize, PairBasis, f64)>,
    /// Source documents left without a partner.
    pub unpaired_source: Vec<usize>,
    /// Target documents left without a partner.
    pub unpaired_target: Vec<usize>,
    /// Human-readable warnings (e.g. content pairs with low similarity).
    pub warnings: Vec<String>,
}

fn lang_markers(code: &str) -> Vec<String> {
    let mut out = vec![code.to_lowercase()];
    for line in LANG_CODES.lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        if cols.next() == Some(code) {
            if let Some(names) = cols.next() {
                out.extend(names.split_whitespace().map(str::to_string));
            }
        }
    }
    out
}

/// Name key of a document: file stem without directories and extension, split on
/// `_ - . space`, with segments naming the language removed.
pub fn name_key(name: &str, lang_code: &str) -> String {
    let markers = lang_markers(lang_code);
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = match base.rfind('.') {
        Some(p) if p > 0 => &base[..p],
        _ => base,
    };
    stem.split(['_', '-', '.', ' '])
        .filter(|s| !s.is_empty() && !markers.contains(&s.to_lowercase()))
        .collect::<Vec<_>>()
        .join("_")
        .to_lowercase()
}

/// Pairs documents. `explicit` pairs are taken first; then names that agree up to the
/// language codes; the rest is paired greedily by content similarity (Dice of the sorted,
/// deduplicated anchor-key sets `src_keys`/`tgt_keys`, e.g. from [`crate::Anchors`]),
/// warning when the similarity is below `min_similarity`.
pub fn pair_documents(
    src: &DocSide<'_>,
    tgt: &DocSide<'_>,
    explicit: &[(usize, usize)],
    min_similarity: f64,
) -> Pairing {
    let (src_names, src_lang, src_keys) = (src.names, src.lang, src.keys);
    let (tgt_names, tgt_lang, tgt_keys) = (tgt.names, tgt.lang, tgt.keys);
    let mut p = Pairing::default();
    let mut s_used = vec![false; src_names.len()];
    let mut t_used = vec![false; tgt_names.len()];
    let sim = |i: usize, j: usize| match (src_keys.get(i), tgt_keys.get(j)) {
        (Some(a), Some(b)) => crate::sentalign::dice_sorted(a, b),
        _ => 0.0,
    };
    for &(i, j) in explicit {
        if i < s_used.len() && j < t_used.len() && !s_used[i] && !t_used[j] {
            s_used[i] = true;
            t_used[j] = true;
            p.pairs.push((i, j, PairBasis::Explicit, sim(i, j)));
        }
    }
    let mut by_key: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (j, n) in tgt_names.iter().enumerate() {
        if !t_used[j] {
            by_key.entry(name_key(n, tgt_lang)).or_default().push(j);
        }
    }
    for (i, n) in src_names.iter().enumerate() {
        if s_used[i] {
            continue;
        }
        let k = name_key(n, src_lang);
        if let Some(js) = by_key.get_mut(&k) {
            if let Some(pos) = js.iter().position(|&j| !t_used[j]) {
                let j = js.remove(pos);
                s_used[i] = true;
                t_used[j] = true;
                p.pairs.push((i, j, PairBasis::Name, sim(i, j)));
            }
        }
    }
    // content: greedy on descending similarity, stable tie-break by indices
    let mut cands: Vec<(f64, usize, usize)> = Vec::new();
    for i in (0..src_names.len()).filter(|&i| !s_used[i]) {
        for j in (0..tgt_names.len()).filter(|&j| !t_used[j]) {
            cands.push((sim(i, j), i, j));
        }
    }
    cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (s, i, j) in cands {
        if s_used[i] || t_used[j] || s <= 0.0 {
            continue;
        }
        s_used[i] = true;
        t_used[j] = true;
        if s < min_similarity {
            p.warnings.push(format!(
                "{} and {} were paired by content but do not look like translations (similarity {:.2})",
                src_names[i], tgt_names[j], s
            ));
        }
        p.pairs.push((i, j, PairBasis::Content, s));
    }
    p.pairs.sort_by_key(|x| (x.0, x.1));
    p.unpaired_source = (0..s_used.len()).filter(|&i| !s_used[i]).collect();
    p.unpaired_target = (0..t_used.len()).filter(|&j| !t_used[j]).collect();
    for &i in &p.unpaired_source {
        p.warnings
            .push(format!("{} has no target-language partner", src_names[i]));
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(name_key("/a/b/corp_fr_01.txt", "fr"), "corp_01");
        assert_eq!(name_key("corp_en_01.txt", "en"), "corp_01");
        assert_eq!(name_key("report.french.md", "fr"), "report");
    }

    #[test]
    fn pairs_by_name_then_content() {
        let s = ["corp_fr_01.txt", "corp_fr_02.txt", "x.txt"];
        let t = ["corp_en_02.txt", "y.txt", "corp_en_01.txt"];
        let sk = vec![vec![1, 2], vec![3, 4], vec![5, 6, 7]];
        let tk = vec![vec![3, 4], vec![5, 6, 9], vec![1, 2]];
        let (ds, dt) = (
            DocSide {
                names: &s,
                lang: "fr",
                keys: &sk,
            },
            DocSide {
                names: &t,
                lang: "en",
                keys: &tk,
            },
        );
        let p = pair_documents(&ds, &dt, &[], 0.5);
        let pairs: Vec<_> = p.pairs.iter().map(|x| (x.0, x.1, x.2)).collect();
        assert_eq!(
            pairs,
            vec![
                (0, 2, PairBasis::Name),
                (1, 0, PairBasis::Name),
                (2, 1, PairBasis::Content)
            ]
        );
        assert!(p.warnings.is_empty());
        let p = pair_documents(&ds, &dt, &[(2, 1)], 0.5);
        assert_eq!(p.pairs[2].2, PairBasis::Explicit);
    }
}
