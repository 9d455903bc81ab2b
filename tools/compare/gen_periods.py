#!/usr/bin/env python3
"""Generate a dated benchmark corpus for `termsmith compare` from real text.

Takes the sentences of a source corpus (default: the French ACTER texts in /work/shared/acter/fr),
and writes PERIODS folders of about SIZE_MB megabytes each, split into documents of about DOC_KB
kilobytes, plus a `manifest.csv` (file,language,date,title) with one date per period (period i is
year START+i). Sentences are drawn at random (seeded, reproducible) and perturbed so that term usage
changes over time:

* drift: for each "drifting" word (chosen from the source vocabulary with a fixed seed), period i
  keeps an occurrence with probability rising or falling linearly with i -- some terms emerge, some
  decline;
* variant shift: a few hyphenated words are written without the hyphen with a probability rising
  over the periods (`cyber-sécurité` -> `cybersécurité`), so the dominant variant changes;
* sentence order is shuffled and a random 1% of words get their case flipped at the start.

Usage:
    python3 tools/compare/gen_periods.py OUT_DIR [--periods 20] [--size-mb 20] [--doc-kb 500]
        [--source DIR ...] [--lang fr] [--start 2001] [--seed 1]

Everything written is derived from the source texts; nothing is downloaded.
"""
import argparse
import csv
import os
import random
import re
import sys

WORD = re.compile(r"\w+(?:-\w+)*", re.UNICODE)


def read_sentences(sources):
    sents = []
    for src in sources:
        for root, _dirs, files in os.walk(src):
            for f in sorted(files):
                if not f.endswith(".txt") or "tokenised" in root:
                    continue
                with open(os.path.join(root, f), encoding="utf-8", errors="replace") as fh:
                    text = fh.read()
                for s in re.split(r"(?<=[.!?])\s+", text):
                    s = " ".join(s.split())
                    if 20 <= len(s) <= 600:
                        sents.append(s)
    return sents


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--periods", type=int, default=20)
    ap.add_argument("--size-mb", type=float, default=20.0)
    ap.add_argument("--doc-kb", type=float, default=500.0)
    ap.add_argument("--source", action="append")
    ap.add_argument("--lang", default="fr")
    ap.add_argument("--start", type=int, default=2001)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    sources = a.source or [f"/work/shared/acter/{a.lang}"]
    sents = read_sentences(sources)
    if not sents:
        sys.exit("no sentences found in " + ", ".join(sources))
    rng = random.Random(a.seed)
    vocab = sorted({w.lower() for s in sents for w in WORD.findall(s) if len(w) > 6 and not w.isdigit()})
    drifting = rng.sample(vocab, min(200, len(vocab)))
    rising = set(drifting[:100])
    falling = set(drifting[100:])
    hyphenated = sorted({w for w in vocab if "-" in w})
    shifting = set(rng.sample(hyphenated, min(30, len(hyphenated))))
    os.makedirs(a.out, exist_ok=True)
    rows = []
    target = int(a.size_mb * 1_000_000)
    doc_size = int(a.doc_kb * 1000)
    n = max(a.periods - 1, 1)
    for p in range(a.periods):
        year = a.start + p
        t = p / n  # 0 .. 1
        pdir = os.path.join(a.out, str(year))
        os.makedirs(pdir, exist_ok=True)
        written, doc_no = 0, 0
        while written < target:
            buf, size = [], 0
            while size < doc_size and written + size < target:
                s = rng.choice(sents)

                def perturb(m):
                    w = m.group(0)
                    lw = w.lower()
                    if lw in rising and rng.random() > 0.1 + 0.9 * t:
                        return ""
                    if lw in falling and rng.random() > 1.0 - 0.9 * t:
                        return ""
                    if lw in shifting and rng.random() < t:
                        w = w.replace("-", "")
                    if rng.random() < 0.01:
                        w = w[:1].swapcase() + w[1:]
                    return w

                s = " ".join(WORD.sub(perturb, s).split())
                buf.append(s)
                size += len(s.encode("utf-8")) + 1
            name = f"{year}/{year}-01-01-doc{doc_no:03d}.txt"
            with open(os.path.join(a.out, name), "w", encoding="utf-8") as fh:
                fh.write("\n".join(buf) + "\n")
            rows.append((name, a.lang, f"{year}-01-01", f"Synthetic document {doc_no} of {year}"))
            written += size
            doc_no += 1
    with open(os.path.join(a.out, "manifest.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "language", "date", "title"])
        w.writerows(rows)
    print(f"{len(rows)} documents, {a.periods} periods, ~{a.size_mb} MB each in {a.out}")


if __name__ == "__main__":
    main()
