#!/usr/bin/env python3
"""Hand-judged accuracy of the current top-1 English equivalents, from the judged samples.

Usage:
  tools/align/judged-estimate.py MINED.tsv DEV.tsv [DEV.tsv ...] --heldout HELDOUT.tsv

MINED.tsv is the current `eval_parallel --out` file (tools/align/eval-corp.sh writes corp-mined.tsv).
Every judged file pairs each `correct*` column with the nearest `top1*` column before it, so a
(term, English) pair judged for any earlier build counts for the current build when the current
top-1 is the same string.

The population is split in two strata:
  * development: the terms of the DEV samples (looked at while changing the code); each is counted
    exactly with the current top-1's judgement;
  * held-out: all other terms, estimated from the HELDOUT sample, a random sample of that stratum.
The estimate for the whole population weights the two by their sizes; its standard error comes
from the held-out sample only (finite-population corrected).

Pairs that no file judges are listed: judge them (blind) before quoting a figure.
"""
import argparse
import math
import sys


def judged_pairs(path):
    """(source, top1) -> set of 'y'/'n' over all judged columns of a file; and the sources."""
    out, sources = {}, set()
    header = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#") or not line:
                continue
            cols = line.split("\t")
            if header is None:
                header = cols
                pairs = []
                for i, name in enumerate(header):
                    if name.startswith("correct"):
                        t = max((k for k in range(i) if header[k].startswith("top1")), default=None)
                        if t is not None:
                            pairs.append((t, i))
                continue
            src = cols[1]
            sources.add(src)
            for t, c in pairs:
                if c < len(cols) and cols[c] in ("y", "n") and cols[t]:
                    out.setdefault((src, cols[t]), set()).add(cols[c])
    return out, sources


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mined")
    ap.add_argument("dev", nargs="+")
    ap.add_argument("--heldout", required=True)
    a = ap.parse_args()

    current = {}
    with open(a.mined, encoding="utf-8") as f:
        for line in f.read().splitlines()[1:]:
            cols = line.split("\t")
            if len(cols) > 2:
                current[cols[0]] = cols[2]

    judged = {}
    dev_sources = set()
    for path in a.dev + [a.heldout]:
        pairs, sources = judged_pairs(path)
        for k, v in pairs.items():
            judged.setdefault(k, set()).update(v)
        if path != a.heldout:
            dev_sources |= sources
    _, held_sources = judged_pairs(a.heldout)

    def count(sources):
        ok = bad = 0
        missing = []
        for s in sorted(sources):
            v = judged.get((s, current.get(s, "")))
            if v is None or len(v) != 1:
                missing.append((s, current.get(s, ""), "conflicting judgements" if v else "not judged"))
            elif "y" in v:
                ok += 1
            else:
                bad += 1
        return ok, bad, missing

    population = len(current)
    dev = dev_sources & current.keys()
    held = (held_sources - dev_sources) & current.keys()
    dev_ok, dev_bad, dev_missing = count(dev)
    h_ok, h_bad, h_missing = count(held)
    for s, t, why in dev_missing + h_missing:
        print(f"UNJUDGED\t{s}\t{t}\t{why}")
    rest = population - len(dev)
    n = h_ok + h_bad
    print(f"development stratum: {dev_ok}/{dev_ok + dev_bad} correct ({len(dev)} terms)")
    if n == 0:
        print("held-out stratum: no judged rows")
        return 1
    p = h_ok / n
    print(f"held-out sample: {h_ok}/{n} = {100 * p:.1f}% (stratum of {rest} terms)")
    est = (dev_ok + p * rest) / population
    fpc = max(0.0, 1 - n / rest) if rest else 0.0
    se = math.sqrt(p * (1 - p) / n * fpc) * rest / population
    print(
        f"estimate for all {population} terms: {100 * est:.1f}% "
        f"(95% interval {100 * (est - 1.96 * se):.1f}-{100 * (est + 1.96 * se):.1f}%)"
    )
    return 0 if not (dev_missing or h_missing) else 2


if __name__ == "__main__":
    sys.exit(main())
