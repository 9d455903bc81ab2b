#!/usr/bin/env python3
"""Draw a held-out random sample of top-1 English equivalents and write a blind judging sheet.

Usage:
  tools/align/judge-sheet.py MINED.tsv SEED N ACTER_DIR [--exclude JUDGED.tsv ...] > sheet.tsv

MINED.tsv is the `--out` file of `eval_parallel` (tools/align/eval-corp.sh writes corp-mined.tsv).
Rows are numbered as in the earlier samples: row = line number in MINED.tsv (header = line 1).
Rows whose source term already appears in an --exclude file (the development samples) are left out
of the population, so the new sample holds only terms nobody looked at while changing the code.

The sheet hides everything but the French term, its frequency and the top-1 English equivalent
(no score, no method, no gold flag), and gives up to two French sentences with their file names so
the judge can read the aligned English file (corp_fr_NN.txt <-> corp_en_NN.txt) and decide what a
translator would enter for the term in this text.
"""
import argparse
import glob
import os
import random
import re
import sys


def sentences(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for para in re.split(r"\n\s*\n|\n", text):
        for s in re.split(r"(?<=[.!?;])\s+", para):
            s = s.strip()
            if s:
                yield s


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mined")
    ap.add_argument("seed", type=int)
    ap.add_argument("n", type=int)
    ap.add_argument("acter")
    ap.add_argument("--exclude", action="append", default=[])
    ap.add_argument("--lang", default="fr")
    ap.add_argument("--domain", default="corp")
    a = ap.parse_args()

    with open(a.mined, encoding="utf-8") as f:
        lines = f.read().splitlines()
    excluded = set()
    for path in a.exclude:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or line.startswith("row\t"):
                    continue
                cols = line.split("\t")
                if len(cols) > 1:
                    excluded.add(cols[1])
    population = [
        i for i in range(1, len(lines)) if lines[i].split("\t")[0] not in excluded
    ]
    rng = random.Random(a.seed)
    rows = sorted(rng.sample(population, min(a.n, len(population))))

    texts = sorted(
        glob.glob(os.path.join(a.acter, a.lang, a.domain, "annotated", "texts", "*.txt"))
    )
    sents = [(os.path.basename(p), s) for p in texts for s in sentences(p)]

    print(f"# population {len(population)} rows of {len(lines) - 1} (excluded {len(excluded)} terms); seed {a.seed}; n {len(rows)}")
    print("row\tsource\tfreq\ttop1\tcontexts")
    for r in rows:
        cols = lines[r].split("\t")
        src, freq, top1 = cols[0], cols[1], cols[2]
        pat = re.compile(r"(?<!\w)" + re.escape(src) + r"(?!\w)", re.IGNORECASE)
        ctx = [f"[{name}] {s}" for name, s in sents if pat.search(s)][:2]
        print(f"{r}\t{src}\t{freq}\t{top1}\t" + " || ".join(c.replace("\t", " ") for c in ctx))


if __name__ == "__main__":
    sys.exit(main())
