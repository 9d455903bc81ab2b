//! From statistics to the ranked term list: grouping, C-value, features, scores.

use rayon::prelude::*;
use smallvec::SmallVec;
use std::collections::BTreeMap;

use termsmith_tag::Upos;

use crate::pattern::UPOS_NAMES;
use crate::ranker::{self, feature_index, fi, LearnedModel, Ranker, FEATURE_NAMES};
use crate::resources::LangData;
use crate::stats::{part_of, CorpusStats, Ctx, KeyStats, PARTS};
use crate::{Context, DocId, MinerBuilder, Occurrence, Term, TermKind, TermList, Variant};

struct Group<'k> {
    key: &'k str,
    /// Indices of the member keys in the shared member vector.
    members: std::ops::Range<usize>,
    st: KeyStats,
    cont_freq: f64,
    /// Frequency of the most frequent longer candidate containing this one.
    max_cont: f64,
    n_cont: u32,
    defined: bool,
    expansion: Option<String>,
}

/// The words of a key: `k.split(' ')`, found by a byte loop (a space is one byte, never
/// inside a character; keys are short, and a `char` pattern costs a searcher call per word).
fn key_words(k: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(k);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.as_bytes().iter().position(|&b| b == b' ') {
            Some(p) => {
                rest = r.get(p + 1..);
                r.get(..p)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// Writes `k` without its spaces into `out`.
fn compact_into(k: &str, out: &mut String) {
    out.clear();
    // By pieces, not character by character.
    for w in key_words(k) {
        out.push_str(w);
    }
}

/// Whether `k` has a space (a byte test: cheaper than a `char` pattern on short keys).
fn has_space(k: &str) -> bool {
    k.as_bytes().contains(&b' ')
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Whether `form` has a lower-case letter.
fn has_lowercase(form: &str) -> bool {
    form.chars().any(char::is_lowercase)
}

/// Whether `form` is written in capitals as in a heading (`CAPACITÉ DE L'UE`, or `RÉSULTATS` in
/// `RÉSULTATS DES TRAVAUX`): no lower-case letter, a run of at least 4 letters, and several words,
/// or one word of an entry that is not an acronym (`acronym`: most of its occurrences are acronym
/// tokens; the tokenizer makes the words of a run of capitals plain words). So `UE-OTAN` and
/// `NIS CG`, acronyms, are not. Such a form is the headword of its entry only when the text
/// writes the term in no other way.
fn shouted(form: &str, acronym: bool) -> bool {
    (form.contains(' ') || !acronym)
        && !has_lowercase(form)
        && form
            .split(|c: char| !c.is_alphabetic())
            .any(|w| w.chars().count() >= 4)
}

/// Calls `f` with each lower-case content word of a headword (for frequency look-ups), written
/// in `buf`.
fn for_content_words(lang: &LangData, head: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    for w in head.split(|c: char| c.is_whitespace() || c == '\'') {
        if w.is_empty() || !w.chars().any(char::is_alphabetic) {
            continue;
        }
        crate::extract::lower_into(w, buf);
        if !lang.closed.contains(buf.as_str()) {
            f(buf);
        }
    }
}

/// The index of a part-of-speech name in [`UPOS_NAMES`] (the tags of a [`crate::stats::PosSeq`];
/// tag `i` is `Upos::ALL[i]`).
fn upos_index_of(n: &str) -> Option<usize> {
    UPOS_NAMES.iter().position(|x| *x == n)
}

pub(crate) fn finish(mut stats: CorpusStats, lang: &LangData, opts: &MinerBuilder) -> TermList {
    let ndocs = stats.docs.len().max(1) as f64;
    let total_tokens = stats.total_tokens();
    let n_tok = (total_tokens.max(1)) as f64;

    // 1. Grouping: keys whose spaced form joins into another key's single word.
    // The table is freed as soon as it is read (the statistics are the largest structure).
    let entries = std::mem::take(&mut stats.entries);
    // Where the keys of each part of the table start in `keys`.
    let mut part_start = [0usize; PARTS + 1];
    for (p, part) in entries.iter().enumerate() {
        part_start[p + 1] = part_start[p] + part.len();
    }
    // Keys and statistics moved out of the table part by part, in parallel, each part into
    // its own range (moved once: no intermediate vectors).
    let n = part_start[PARTS];
    // Filled in parallel (the statistics vector is large: its pages are first touched here).
    let mut keys: Vec<Box<str>> = rayon::iter::repeat_n(Box::default(), n).collect();
    let mut kstats: Vec<KeyStats> = rayon::iter::repeat_n(KeyStats::default(), n).collect();
    {
        let mut ranges = Vec::with_capacity(PARTS);
        let (mut k_rest, mut s_rest) = (&mut keys[..], &mut kstats[..]);
        for p in 0..PARTS {
            let len = part_start[p + 1] - part_start[p];
            let (k, kr) = std::mem::take(&mut k_rest).split_at_mut(len);
            let (st, sr) = std::mem::take(&mut s_rest).split_at_mut(len);
            ranges.push((k, st));
            (k_rest, s_rest) = (kr, sr);
        }
        ranges
            .into_par_iter()
            .zip(entries)
            .for_each(|((k, st), part)| {
                for ((ks, ss), (key, stat)) in k.iter_mut().zip(st.iter_mut()).zip(part) {
                    *ks = key;
                    *ss = stat;
                }
            });
    }
    // Key → index, in the parts of the table (built in parallel).
    let index: Vec<rustc_hash::FxHashMap<&str, usize>> = (0..PARTS)
        .into_par_iter()
        .map(|p| {
            let range = part_start[p]..part_start[p + 1];
            keys[range.clone()]
                .iter()
                .zip(range)
                .map(|(k, i)| (&**k, i))
                .collect()
        })
        .collect();
    let index_of = |k: &str| index[part_of(k)].get(k).copied();
    let mut parent: Vec<usize> = (0..keys.len()).collect();
    // The joined form of each spaced key, looked up in parallel; the unions are made in key
    // order.
    let joins: Vec<Option<usize>> = keys
        .par_iter()
        .map_init(String::new, |joined, k| {
            if has_space(k) {
                compact_into(k, joined);
                index_of(joined)
            } else {
                None
            }
        })
        .collect();
    for (i, j) in joins.into_iter().enumerate() {
        if let Some(j) = j {
            let (a, b) = (find(&mut parent, i), find(&mut parent, j));
            if a != b {
                parent[a] = b;
            }
        }
    }
    // A group is named by the index of its root key (groups in the order of that index), its
    // members in one shared vector.
    let roots: Vec<usize> = (0..keys.len()).map(|i| find(&mut parent, i)).collect();
    let (mut order, first) = order_by_root(&roots);
    // The groups of several keys (few): their members sorted by key so that the group key and
    // merge order are deterministic.
    let several: Vec<usize> = (0..keys.len())
        .filter(|&r| first[r + 1] - first[r] > 1)
        .collect();
    for &r in &several {
        order[first[r]..first[r + 1]].sort_by(|a, b| keys[*a].cmp(&keys[*b]));
    }
    let group = |r: usize, key: usize, st: KeyStats| Group {
        key: &keys[key],
        members: first[r]..first[r + 1],
        st,
        cont_freq: 0.0,
        max_cont: 0.0,
        n_cont: 0,
        defined: false,
        expansion: None,
    };
    // The groups of one key (most), made in parallel; a slot per key (`None`: not a root).
    let mut groups: Vec<Option<Group>> = kstats
        .par_iter_mut()
        .enumerate()
        .map(|(r, st)| (first[r + 1] - first[r] == 1).then(|| group(r, r, std::mem::take(st))))
        .collect();
    for r in several {
        let members = &order[first[r]..first[r + 1]];
        let mut st = KeyStats::default();
        for (n, &m) in members.iter().enumerate() {
            let s = std::mem::take(&mut kstats[m]);
            if n == 0 {
                st = s;
            } else {
                st.merge(s, stats.max_ctx, stats.max_occ);
            }
        }
        // The group key: the joined single-word key if any, else the smallest key.
        let key_item = members
            .iter()
            .copied()
            .find(|m| !has_space(&keys[*m]))
            .unwrap_or(members[0]);
        groups[r] = Some(group(r, key_item, st));
    }
    // All taken by the groups.
    drop(kstats);
    let group_by_key = |k: &str| index_of(k).map(|i| roots[i]);

    // 2. C-value nesting: contiguous sub-sequences of the key words (slices of the key),
    // found in parallel and added in group order.
    let contributions: Vec<(usize, f64)> = groups
        .par_iter()
        .enumerate()
        .map_init(
            || (Vec::new(), Vec::new()),
            |(seen, bounds): &mut (Vec<usize>, Vec<(usize, usize)>), (gi, g)| {
                // Inline: most groups contribute to a few others.
                let mut out: SmallVec<[(usize, f64); 4]> = SmallVec::new();
                let Some(g) = g else {
                    return out;
                };
                seen.clear();
                for &m in &order[g.members.clone()] {
                    let k: &str = &keys[m];
                    bounds.clear();
                    let mut start = 0;
                    // By bytes: a space is one byte, never inside a character.
                    for (p, &c) in k.as_bytes().iter().enumerate() {
                        if c == b' ' {
                            bounds.push((start, p));
                            start = p + 1;
                        }
                    }
                    bounds.push((start, k.len()));
                    let n = bounds.len();
                    for len in 1..n {
                        for s in 0..=(n - len) {
                            let sub = &k[bounds[s].0..bounds[s + len - 1].1];
                            if let Some(h) = group_by_key(sub) {
                                if h != gi && !seen.contains(&h) {
                                    seen.push(h);
                                    out.push((h, f64::from(g.st.freq)));
                                }
                            }
                        }
                    }
                }
                out
            },
        )
        .flatten_iter()
        .collect();
    for (h, f) in contributions {
        if let Some(g) = &mut groups[h] {
            g.cont_freq += f;
            g.max_cont = g.max_cont.max(f);
            g.n_cont += 1;
        }
    }

    // 3. Acronym definitions.
    let mut best_pair: BTreeMap<usize, (u32, usize)> = BTreeMap::new();
    for ((a, l), n) in &stats.pairs {
        if let (Some(ga), Some(gl)) = (group_by_key(a), group_by_key(l)) {
            if ga == gl {
                continue;
            }
            let e = best_pair.entry(ga).or_insert((*n, gl));
            if *n > e.0 {
                *e = (*n, gl);
            }
        }
    }

    let headword = |st: &KeyStats| -> String {
        let acronym = 2 * u64::from(st.acro) >= u64::from(st.freq);
        st.forms
            .iter()
            .max_by(|a, b| {
                let (sa, sb) = (shouted(&a.0, acronym), shouted(&b.0, acronym));
                sb.cmp(&sa)
                    .then_with(|| a.1.cmp(&b.1))
                    .then_with(|| b.0.cmp(&a.0))
            })
            .map(|(f, _)| String::from(&**f))
            .unwrap_or_default()
    };
    // The first acronym that defines a long form gives the long form its expansion: the one
    // seen most often with it, then the more frequent, then the smallest key. Not the order
    // of the group indices: they follow the candidate table's hash order, which depends on
    // the order in which shards were merged.
    let mut definitions: Vec<(usize, u32, usize)> = best_pair
        .into_iter()
        .map(|(ga, (n, gl))| (ga, n, gl))
        .collect();
    // (The groups named here are those of keys: all are there.)
    let freq_of = |i: usize| groups[i].as_ref().map_or(0, |g| g.st.freq);
    let key_of_group = |i: usize| groups[i].as_ref().map_or("", |g| g.key);
    definitions.sort_unstable_by(|x, y| {
        (y.1.cmp(&x.1))
            .then_with(|| freq_of(y.0).cmp(&freq_of(x.0)))
            .then_with(|| key_of_group(x.0).cmp(key_of_group(y.0)))
    });
    for (ga, _, gl) in definitions {
        let head_of = |i: usize| groups[i].as_ref().map(|g| headword(&g.st));
        let (ha, hl) = (head_of(ga), head_of(gl));
        if let Some(g) = &mut groups[ga] {
            g.defined = true;
            g.expansion = Some(hl.unwrap_or_default());
        }
        if let Some(g) = &mut groups[gl] {
            g.defined = true;
            if g.expansion.is_none() {
                g.expansion = Some(ha.unwrap_or_default());
            }
        }
    }

    // 4. Features, kinds, scores.
    let min_freq = opts
        .min_freq
        .unwrap_or(if stats.docs.len() > 1 || total_tokens > 2000 {
            2
        } else {
            1
        });
    let reff = lang.reffreq();
    let model = match opts.ranker {
        Ranker::Learned => LearnedModel::embedded(opts.lang.code()),
        Ranker::Default => None,
    };
    let labels = std::mem::take(&mut stats.labels);
    let doc_names: BTreeMap<u32, String> =
        stats.docs.iter().map(|(k, v)| (*k, v.0.clone())).collect();
    // Terms are scored and ranked first; variants, occurrences and contexts (most of the
    // allocation) are built only for the terms that are kept.
    let (noun, propn) = (upos_index_of("NOUN"), upos_index_of("PROPN"));
    let score_group = |buf: &mut String, g: Group| -> Option<(Term, KeyStats)> {
        let st = &g.st;
        if st.freq < min_freq {
            return None;
        }
        let head = headword(st);
        // Words are separated by one space.
        let nwords = g.key.bytes().filter(|&b| b == b' ').count() + 1;
        let mut specs: SmallVec<[f64; 8]> = SmallVec::new();
        let mut refs: SmallVec<[f64; 8]> = SmallVec::new();
        let mut lnw: SmallVec<[f64; 8]> = SmallVec::new();
        for_content_words(lang, &head, buf, |lw| {
            let dom = f64::from(stats.words.get(lw).copied().unwrap_or(1).max(1));
            let dz = (dom / n_tok * 1e9).log10();
            let rz = ref_zipf(reff, lw);
            specs.push(dz - rz);
            refs.push(rz);
            lnw.push(dom.ln());
        });
        // The number of content words.
        let nw = specs.len();
        let mean = |v: &[f64]| {
            if v.is_empty() {
                0.0
            } else {
                v.iter().sum::<f64>() / v.len() as f64
            }
        };
        let min = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
        let f = f64::from(st.freq);
        let nested_mean = if g.n_cont > 0 {
            g.cont_freq / f64::from(g.n_cont)
        } else {
            0.0
        };
        let cvalue = ((nwords as f64) + 1.0).log2() * (f - nested_mean).max(0.0);
        // The most frequent part-of-speech sequence (ties: the smallest by tag names; the names
        // are only written out for ties).
        let pos_seq = st.pos.iter().map(|(_, n)| *n).max().and_then(|m| {
            let mut ties = st.pos.iter().filter(|(_, n)| *n == m).map(|(p, _)| p);
            let first = ties.next().copied();
            if ties.next().is_none() {
                return first;
            }
            st.pos
                .iter()
                .filter(|(_, n)| *n == m)
                .map(|(p, _)| (p.names(), *p))
                .min_by(|a, b| a.0.cmp(&b.0))
                .map(|(_, p)| p)
        });
        // The head: the first noun or proper noun, else the first tag.
        let head_pos = pos_seq.and_then(|p| {
            let tags = p.tags();
            let h = tags
                .iter()
                .find(|t| Some(usize::from(**t)) == noun || Some(usize::from(**t)) == propn)
                .or_else(|| tags.first())?;
            Upos::ALL.get(usize::from(*h)).copied()
        });
        let acro = f64::from(st.acro) / f;
        let cap = if st.mid > 0 {
            f64::from(st.cap_mid) / f64::from(st.mid)
        } else {
            0.0
        };
        let is_propn = pos_seq.is_some_and(|p| p.tags().first().map(|t| usize::from(*t)) == propn);
        let kind = if acro >= 0.5 {
            TermKind::Acronym
        } else if is_propn || (st.mid > 0 && cap >= 0.75) {
            TermKind::NamedEntity
        } else {
            TermKind::Term
        };
        if kind == TermKind::NamedEntity && !opts.include_named_entities {
            return None;
        }
        let mut x = vec![0.0; FEATURE_NAMES.len()];
        // Features are set by index (constants: [`fi!`]).
        let mut set = |i: usize, v: f64| {
            if let Some(xi) = x.get_mut(i) {
                *xi = if v.is_finite() { v } else { 0.0 };
            }
        };
        set(fi!("ln_freq"), (1.0 + f).ln());
        set(fi!("ln_df"), (1.0 + st.per_doc.len() as f64).ln());
        set(fi!("disp"), st.per_doc.len() as f64 / ndocs);
        set(fi!("len1"), f64::from(u8::from(nwords == 1)));
        set(fi!("len2"), f64::from(u8::from(nwords == 2)));
        set(fi!("len3"), f64::from(u8::from(nwords == 3)));
        set(fi!("len4p"), f64::from(u8::from(nwords >= 4)));
        set(fi!("ln_cvalue"), (1.0 + cvalue).ln());
        set(fi!("spec_mean"), mean(&specs));
        set(
            fi!("spec_min"),
            if specs.is_empty() { 0.0 } else { min(&specs) },
        );
        set(
            fi!("ref_min"),
            if refs.is_empty() { 0.0 } else { min(&refs) },
        );
        set(fi!("ref_mean"), mean(&refs));
        set(
            fi!("unithood"),
            if nw >= 2 { f.ln() - mean(&lnw) } else { 0.0 },
        );
        set(
            fi!("unit_max"),
            if nw >= 2 {
                f.ln() - lnw.iter().copied().fold(f64::INFINITY, f64::min)
            } else {
                0.0
            },
        );
        set(fi!("nested"), (g.cont_freq / f).min(1.0));
        set(fi!("max_nested"), (g.max_cont / f).min(1.0));
        set(fi!("cap"), cap);
        set(fi!("acro"), acro);
        set(fi!("defined"), f64::from(u8::from(g.defined)));
        set(
            fi!("linker"),
            f64::from(u8::from(key_words(g.key).any(|w| lang.closed.contains(w)))),
        );
        set(
            fi!("digit"),
            f64::from(u8::from(head.chars().any(|c| c.is_ascii_digit()))),
        );
        set(fi!("ln_chars"), (head.chars().count() as f64).ln());
        set(
            fi!("noun"),
            f64::from(u8::from(head_pos == Some(Upos::Noun))),
        );
        set(
            fi!("propn"),
            f64::from(u8::from(head_pos == Some(Upos::Propn))),
        );
        set(fi!("adj"), f64::from(u8::from(head_pos == Some(Upos::Adj))));
        set(
            fi!("verb"),
            f64::from(u8::from(head_pos == Some(Upos::Verb))),
        );
        set(fi!("forced"), f64::from(u8::from(st.forced == st.freq)));
        let spec_max = specs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        set(
            fi!("spec_max"),
            if specs.is_empty() { 0.0 } else { spec_max },
        );
        set(fi!("freq1"), f64::from(u8::from(st.freq == 1)));
        let one = f64::from(u8::from(nwords == 1));
        set(fi!("spec_len1"), one * mean(&specs));
        set(fi!("lnf_len1"), one * (1.0 + f).ln());
        set(
            fi!("refmin_len1"),
            one * if refs.is_empty() { 0.0 } else { min(&refs) },
        );
        set(fi!("adv"), f64::from(u8::from(head_pos == Some(Upos::Adv))));
        for (names, counts) in [
            ([fi!("l_none"), fi!("l_closed"), fi!("l_content")], &st.left),
            (
                [fi!("r_none"), fi!("r_closed"), fi!("r_content")],
                &st.right,
            ),
        ] {
            let tot = f64::from(counts.iter().sum::<u32>().max(1));
            for (&i, n) in names.iter().zip(counts) {
                set(i, f64::from(*n) / tot);
            }
        }
        if !labels.is_empty() {
            let mut agg = crate::labeller::LabelAgg::default();
            for o in &st.occ {
                if let Some(d) = labels.get(&o.doc) {
                    agg.add(d, o.start, o.end);
                }
            }
            for (n, v) in crate::labeller::LABEL_FEATURES.iter().zip(agg.features()) {
                if let Some(i) = feature_index(n) {
                    set(i, v);
                }
            }
        }
        let score = match &model {
            Some(m) => m.predict(&x),
            None => ranker::default_score(&x),
        };
        if opts.cutoff {
            if let Some(m) = &model {
                if score < m.threshold {
                    return None;
                }
            }
        }
        Some((
            Term {
                headword: head,
                key: g.key.to_string(),
                lang: opts.lang,
                variants: Vec::new(),
                pos: head_pos,
                kind,
                expansion: g.expansion,
                freq: st.freq,
                doc_freq: st.per_doc.len() as u32,
                per_doc: st.per_doc.iter().map(|(d, n)| (DocId(*d), *n)).collect(),
                cvalue,
                score,
                rank: 0,
                occurrences: Vec::new(),
                contexts: Vec::new(),
                features: x,
            },
            g.st,
        ))
    };
    // Groups are scored in parallel (in order: the result is the sequential one). Each scored
    // group is kept in a slot of its own, taken below in rank order.
    let scored: Vec<Option<(Term, KeyStats)>> = groups
        .into_par_iter()
        .map_init(String::new, |buf, g| g.and_then(|g| score_group(buf, g)))
        // Not `flatten`: rayon would collect every `Option` as a list of its own (+20% peak
        // memory on 100 MB of text).
        .filter(Option::is_some)
        .collect();
    // The rank order: by score, then key. Group keys are distinct, so the order is total and an
    // unstable sort gives the same result. Small records (score, slot) are sorted, not the
    // terms (hundreds of bytes each, moved at every swap); ties go to the keys.
    let key_of = |i: u32| {
        scored[i as usize]
            .as_ref()
            .map_or("", |(t, _)| t.key.as_str())
    };
    let mut ranked: Vec<(f64, u32)> = scored
        .iter()
        .zip(0u32..)
        .filter_map(|(x, i)| x.as_ref().map(|(t, _)| (t.score, i)))
        .collect();
    ranked.par_sort_unstable_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| key_of(a.1).cmp(key_of(b.1)))
    });
    let pos_of = |i: u32| scored[i as usize].as_ref().and_then(|(t, _)| t.pos);
    if let Some(allowed) = &opts.head_pos {
        ranked.retain(|&(_, i)| pos_of(i).map_or(true, |p| allowed.contains(&p)));
    }
    if let Some(t) = opts.top {
        ranked.truncate(t);
    }
    let terms = into_rank_order(scored, ranked.into_iter().map(|(_, i)| i));
    // Display texts of context sentences, built once per sentence (in parallel).
    let max_ctx = opts.max_contexts;
    let mut wanted: Vec<(u32, u32, termsmith_tokenize::Span)> = terms
        .par_iter()
        .flat_map_iter(|(_, st)| {
            chosen_contexts(st, max_ctx)
                .into_iter()
                .map(|c| (c.doc, c.sent, c.sentence))
        })
        .collect();
    wanted.par_sort_unstable_by_key(|w| (w.0, w.1));
    wanted.dedup_by_key(|w| (w.0, w.1));
    // The texts in the order of `wanted` (sorted by sentence): found by binary search.
    let texts: Vec<String> = wanted
        .par_iter()
        .map(|&(doc, _, span)| {
            stats
                .docs
                .get(&doc)
                .and_then(|d| d.2.as_ref())
                .map(|d| d.display_text(span))
                .unwrap_or_default()
        })
        .collect();
    let sentence_text = |doc: u32, sent: u32| -> String {
        wanted
            .binary_search_by_key(&(doc, sent), |w| (w.0, w.1))
            .ok()
            .and_then(|i| texts.get(i))
            .cloned()
            .unwrap_or_default()
    };
    let mut terms: Vec<Term> = terms
        .into_par_iter()
        .map(|(mut term, st)| {
            let mut variants: Vec<Variant> = st
                .forms
                .iter()
                .map(|(f, n)| Variant {
                    form: f.to_string(),
                    freq: *n,
                })
                .collect();
            variants.sort_by(|a, b| b.freq.cmp(&a.freq).then_with(|| a.form.cmp(&b.form)));
            let occurrences = st
                .occ
                .iter()
                .take(opts.max_occurrences.unwrap_or(usize::MAX))
                .map(|o| Occurrence {
                    doc: DocId(o.doc),
                    sentence: o.sent,
                    span: termsmith_tokenize::Span {
                        start: o.start,
                        end: o.end,
                    },
                    form: o.form.to_string(),
                })
                .collect();
            let contexts: Vec<Context> = chosen_contexts(&st, max_ctx)
                .into_iter()
                .map(|c| Context {
                    doc: doc_names.get(&c.doc).cloned().unwrap_or_default(),
                    sentence: sentence_text(c.doc, c.sent),
                    span: c.span,
                })
                .collect();
            term.variants = variants;
            term.occurrences = occurrences;
            term.contexts = contexts;
            term
        })
        .collect();
    for (i, t) in terms.iter_mut().enumerate() {
        t.rank = (i + 1) as u32;
    }
    // The keys, the statistics left (the documents, the word counts) and the sentence texts
    // are freed on the thread pool while the caller goes on (a key and a word at a time: tens
    // of milliseconds on the way to the output).
    drop(index);
    rayon::spawn(move || drop((keys, stats, texts, wanted, roots)));
    TermList {
        lang: opts.lang,
        docs: doc_names.into_values().collect(),
        total_tokens,
        terms,
    }
}

/// The items of the `slots` named by `kept`, in that order: the others are dropped first, then
/// the kept ones are moved into place by swaps (each once, in the slots' own allocation), so
/// that the terms are not held twice at the end of a large run (a second vector of the kept
/// terms beside the slots: peak 578-595 MB instead of 537-543 MB on 100 MB of ACTER fr, two
/// cores).
fn into_rank_order<T: Send>(
    mut slots: Vec<Option<T>>,
    kept: impl IntoIterator<Item = u32>,
) -> Vec<T> {
    const NONE: u32 = u32::MAX;
    // The rank of each kept slot.
    let mut dest = vec![NONE; slots.len()];
    let mut n = 0u32;
    for i in kept {
        if let Some(d) = dest.get_mut(i as usize) {
            *d = n;
            n += 1;
        }
    }
    // Freed in parallel (the terms left out hold several allocations each).
    slots.par_iter_mut().zip(&dest).for_each(|(s, &d)| {
        if d == NONE {
            *s = None;
        }
    });
    // Cycles of the permutation: every swap puts one item at its rank for good.
    for start in 0..slots.len() {
        while dest[start] != NONE && dest[start] as usize != start {
            let d = dest[start] as usize;
            slots.swap(start, d);
            dest.swap(start, d);
        }
    }
    slots.truncate(n as usize);
    // Collected in place, in the same allocation: `filter_map` is, `flatten` is not (with
    // `flatten` the peak stayed 35-50 MB higher on 100 MB).
    #[allow(clippy::filter_map_identity)]
    let kept = slots
        .into_iter()
        .filter_map(std::convert::identity)
        .collect();
    kept
}

/// The indices `0..roots.len()` ordered by their root (`roots[i]`, an index), those of one
/// root in increasing order: what a stable sort by `roots[i]` gives, by counting (linear).
/// With them, where the members of each root start: those of root `r` are at
/// `first[r]..first[r + 1]` (an empty range when `r` is no root).
fn order_by_root(roots: &[usize]) -> (Vec<usize>, Vec<usize>) {
    // Where each root's members start in the result (every root is an index of `roots`).
    let mut start = vec![0usize; roots.len() + 1];
    for &r in roots {
        start[r + 1] += 1;
    }
    for r in 1..start.len() {
        start[r] += start[r - 1];
    }
    let first = start.clone();
    let mut order = vec![0usize; roots.len()];
    for (i, &r) in roots.iter().enumerate() {
        order[start[r]] = i;
        start[r] += 1;
    }
    (order, first)
}

/// The contexts shown for a key: the first ones of distinct documents, then the earliest
/// ones, one per sentence (a term used twice in a sentence gives it once), at most `max`
/// (kept inline up to the default of three: no allocation per term).
fn chosen_contexts(st: &KeyStats, max: usize) -> SmallVec<[&Ctx; 3]> {
    let mut out: SmallVec<[&Ctx; 3]> = SmallVec::new();
    for c in st.ctx_first.iter().chain(&st.ctx_any) {
        if out.len() >= max {
            break;
        }
        if out.iter().any(|x| (x.doc, x.sent) == (c.doc, c.sent)) {
            continue;
        }
        out.push(c);
    }
    out
}

/// General-language Zipf frequency of a lower-case word (parts of hyphenated words: the
/// rarest part); 0 when unknown.
fn ref_zipf(reff: &crate::resources::RefFreq, lw: &str) -> f64 {
    if let Some(z) = reff.get(lw) {
        return f64::from(*z) / 100.0;
    }
    if lw.contains('-') {
        let parts: Vec<f64> = lw
            .split('-')
            .filter(|p| !p.is_empty())
            .map(|p| reff.get(p).map_or(0.0, |z| f64::from(*z) / 100.0))
            .collect();
        if !parts.is_empty() {
            return parts.iter().copied().fold(f64::INFINITY, f64::min);
        }
    }
    0.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The words of a key are its pieces between spaces.
        #[test]
        fn key_words_split_at_spaces(k in "[a-zé' -]{0,12}") {
            prop_assert_eq!(key_words(&k).collect::<Vec<_>>(), k.split(' ').collect::<Vec<_>>());
        }

        /// Items taken in rank order from their slots: what taking them one by one gives.
        #[test]
        fn into_rank_order_takes_the_kept_slots_in_order(
            present in proptest::collection::vec(any::<bool>(), 0..60),
            picks in proptest::collection::vec(0usize..60, 0..60),
        ) {
            let slots: Vec<Option<usize>> =
                present.iter().enumerate().map(|(i, &p)| p.then_some(i)).collect();
            // Distinct slots that hold an item, in the order picked.
            let mut kept: Vec<u32> = Vec::new();
            for p in picks {
                if p < slots.len() && slots[p].is_some() && !kept.contains(&(p as u32)) {
                    kept.push(p as u32);
                }
            }
            let want: Vec<usize> = kept.iter().map(|&i| i as usize).collect();
            prop_assert_eq!(into_rank_order(slots, kept), want);
        }

        /// Ordering by root counts gives what a stable sort by root gives.
        #[test]
        fn order_by_root_is_a_stable_sort(picks in proptest::collection::vec(0usize..1000, 0..200)) {
            let n = picks.len();
            let roots: Vec<usize> = picks.iter().map(|p| p % n.max(1)).collect();
            let mut want: Vec<usize> = (0..n).collect();
            want.sort_by_key(|&i| roots[i]);
            let (order, first) = order_by_root(&roots);
            prop_assert_eq!(&order, &want);
            for r in 0..n {
                prop_assert!(order[first[r]..first[r + 1]].iter().all(|&i| roots[i] == r));
            }
            prop_assert_eq!(first[n], n);
        }
    }
}
