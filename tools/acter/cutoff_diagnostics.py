#!/usr/bin/env python3
"""How much F1 the cut-off and the variant forms cost in the leave-one-domain-out evaluation.

Reads the rankings that `ACTER_RANKED=DIR tools/acter/lodo.sh ACTER` writes (one TSV per language
and test domain: probability, label, frequency, kind, key, forms; the first line holds the chosen
threshold) and prints per test domain, at the level of entries (an entry is right when one of its
forms is a gold term):
  chosen   F1 at the threshold lodo.sh chose on the training domains;
  oracle   the best F1 over all cut-offs, which looks at the test gold: a diagnostic of how much
           a better cut-off could bring, never a result;
  plug-in  F1 at the cut-off that maximises the expected F1 computed from the probabilities
           alone (2·Σp/(k + Σp) over the top k), a rule that needs no gold;
and, scoring every form as lodo.sh does, the F1 at the chosen threshold and the F1 if the forms of
right entries that are not gold terms were not output.
Usage: python3 tools/acter/cutoff_diagnostics.py RANKED_DIR [ACTER_DIR]
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def norm(s):
    return " ".join(s.lower().split())


def gold(acter, lang, dom):
    path = f"{acter}/{lang}/{dom}/annotated/annotations/unique_annotation_lists/{dom}_{lang}_terms_nes.tsv"
    with open(path, encoding="utf-8") as f:
        return {norm(l.split("\t")[0]) for l in f if l.strip()}


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    ranked = sys.argv[1]
    acter = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "../../../shared/acter")
    sums = {}
    print("lang dom   chosen oracle  plug-in | forms: F1   without stray forms")
    for lang in ["fr", "en", "nl"]:
        for dom in ["corp", "equi", "wind"]:
            path = f"{ranked}/{lang}_{dom}.tsv"
            if not os.path.exists(path):
                continue
            g = gold(acter, lang, dom)
            with open(path, encoding="utf-8") as f:
                th = float(f.readline().split()[-1])
                rows = [l.rstrip("\n").split("\t") for l in f]
            ps = [float(r[0]) for r in rows]
            ys = [int(r[1]) for r in rows]
            big_g = len(g)
            hits, chosen, oracle = 0, 0.0, 0.0
            for n, (p, y) in enumerate(zip(ps, ys), 1):
                hits += y
                f1 = 2 * hits / (n + big_g)
                oracle = max(oracle, f1)
                if p >= th:
                    chosen = f1
            total_p, acc, best = sum(ps), 0.0, (0.0, 0)
            for n, p in enumerate(ps, 1):
                acc += p
                e = 2 * acc / (n + total_p)
                if e > best[0]:
                    best = (e, n)
            plug = 2 * sum(ys[: best[1]]) / (best[1] + big_g)
            pred, from_wrong = set(), set()
            for r in rows:
                if float(r[0]) < th:
                    continue
                forms = {norm(v) for v in r[5].split("|")}
                pred |= forms
                if r[1] != "1":
                    from_wrong |= forms
            tp = len(pred & g)
            stray = len({v for v in pred - g if v not in from_wrong})
            with_forms = 2 * tp / (len(pred) + big_g)
            without = 2 * tp / (len(pred) - stray + big_g)
            print(f"{lang:<4} {dom:<5} {chosen:6.3f} {oracle:6.3f} {plug:8.3f} | {with_forms:10.3f} {without:6.3f}   ({stray} stray forms)")
            for k, v in (("chosen", chosen), ("oracle", oracle), ("plug-in", plug)):
                sums.setdefault((lang, k), []).append(v)
    for lang in ["fr", "en", "nl"]:
        cells = [f"{k} {sum(sums[(lang, k)]) / len(sums[(lang, k)]):.3f}" for k in ("chosen", "oracle", "plug-in") if (lang, k) in sums]
        if cells:
            print(f"{lang} mean: " + ", ".join(cells))


if __name__ == "__main__":
    main()
