#!/usr/bin/env python3
"""Quick statistics on ACTER gold lists: length, frequency in the annotated texts (training domains only)."""
import re, sys, glob, collections, os
ROOT = os.environ.get("ACTER", os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../shared/acter"))
for lang in ["en", "fr", "nl"]:
    for dom in ["corp", "equi", "wind"]:
        base = f"{ROOT}/{lang}/{dom}/annotated"
        text = "\n".join(open(p, encoding="utf-8").read() for p in sorted(glob.glob(base + "/texts/*.txt"))).lower()
        tok = f"{base}/annotations/unique_annotation_lists/{dom}_{lang}_terms_nes.tsv"
        gold = [l.rstrip("\n").split("\t") for l in open(tok, encoding="utf-8") if l.strip()]
        lens = collections.Counter(min(len(t.split()), 6) for t, _ in gold)
        labels = collections.Counter(l for _, l in gold)
        freqs = collections.Counter()
        for t, _ in gold:
            n = len(re.findall(r"(?<!\w)" + re.escape(t) + r"(?!\w)", text))
            freqs[min(n, 3)] += 1
        print(lang, dom, len(gold), "chars", len(text), "len", dict(sorted(lens.items())), "freq", dict(sorted(freqs.items())), dict(labels))
