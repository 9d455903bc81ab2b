#!/usr/bin/env python3
"""A small contextual neural token labeller (B/I/O) for ACTER, cross-fitted by domain.

Probe for issue 4: does a contextual token labeller small enough for Rust (about 1 us a token)
add to the learned ranker beyond the linear labeller of crates/mine/src/labeller.rs (lab_*)?

Input: the token dump of the `acter` example (`dump-tokens`, in $ACTER_TOKENS, default
/tmp/s10-f1/tok): the tagged IOB sentences of every language and domain (training data and the
held-out span scores), the product's tokens of the texts and the candidates' occurrences.
Output ($NEURAL_OUT, default /tmp/s10-f1/nn): per language and domain, `<lang>_<dom>.tsv` with,
per candidate (the rows of `dump`), the features nn_in, nn_b, nn_right, nn_span, nn_span_max,
nn_exact (defined as lab_* in labeller.rs, from this model's marginals) under every model
trained on one or two domains (`nn_in@equi+wind`: trained on equi and wind), so that
probe_features.py (`neural`) cross-fits them as it does lab_*: a test-domain candidate gets the
model trained on the two other domains, a training-domain candidate the model trained on the
remaining domain alone. No model ever sees the gold of the domain whose candidates it labels.

Model (per token; all languages pooled, as the CRF): inputs are hashed embeddings, concatenated:
lower-cased word with the language code (2^15 buckets x 32), the sum of the word's character
3- and 4-grams (2^15 buckets x 32, boundaries marked), UPOS (8), word shape (64 buckets x 8),
general-language Zipf bin from data/<lang>/reffreq.tsv.gz (4), in-document specificity bin
(in-document Zipf - general Zipf, as the CRF) (8), in-document frequency bin (4), capital not at
sentence start (2): 98 values -> linear 98x32 + tanh -> bidirectional GRU, hidden H per
direction -> linear 2H x 3 -> softmax over B, I, O. Trained with Adam (lr 2e-3, batches of 32
sentences, dropout 0.25 on the inputs, E epochs, all fixed in advance; no early stopping on any
held-out data), seed 0, torch deterministic algorithms, one thread.

Cost per token at inference (multiply-adds): 98x32 (projection) + 2 x 3 x (32+H) x H (GRU) +
2H x 3 (output) + about 8 n-gram rows of 32 added: H=32: 3.1k + 12.3k + 0.2k = 15.6k MACs;
H=16: 3.1k + 4.6k + 0.1k = 7.8k. Parameters: 2 x 2^15 x 32 = 2.1 M in the two embedding tables
(8 MB as f32, 2 MB as i8) and under 20 k elsewhere.

Usage: python3 tools/acter/neural_labeller.py [--hidden H] [--epochs E] [--only KEY]
Requirements: pip install torch numpy pandas (torch from PyPI).

Results (session 10; H=32, 3 epochs, checkpoints every half epoch; the checkpoint of each fold
chosen by probe_features.py on the two training domains only: corp 2, equi 3, wind 2, i.e. 1,
1.5, 1 epochs). Held-out span F1 (greedy decoding, IOB sentences of the test domain) of the model
trained on the two other domains, beside the CRF's (/tmp/lodo9.log, labeller on the same pairs):
  test corp:  fr .224 (CRF .303)  en .275 (.381)  nl .350 (.361)
  test equi:  fr .207 (.208)      en .207 (.277)  nl .172 (.265)
  test wind:  fr .223 (.360)      en .345 (.429)  nl .434 (.524)
  Mean over the nine cells by checkpoint: .291 .269 .242 .279 .235 .235 (CRF .345); the best
  checkpoint (0.5 epoch, seen only here, not a valid choice) beats the CRF on 3 of 9 cells. The training loss falls fast (0.50 -> 0.17 in 3 epochs;
  5 epochs without word dropout: 0.05 on wind) while held-out span F1 peaks after 0.5-1 epoch:
  the embeddings learn the training domains' words; what transfers is what the CRF already has.
Ranker probe (probe_features.py neural; base = the lab_* CRF features, cross-fitted):
  base                          fr AP .357 F1* .416  en .401 .445  nl .479 .510  mean AP .4120
  + nn_span, nn_span_max, exact fr .358 .418         en .399 .440  nl .478 .513  mean AP .4112
  + all six nn_*                fr .353 .413         en .397 .441  nl .477 .515  mean AP .4091
  nn_* replacing lab_*          fr .346 .407         en .389 .437  nl .476 .511  mean AP .4038
  (session 9: base without any labeller feature .4023.) Far from the bar (+.01 mean AP).
Variant --common-words (the word bucket only for words of general Zipf >= 4.5, as the CRF;
2 epochs; checkpoints chosen corp 3, equi 2, wind 2): held-out span F1 corp fr .122 en .274
nl .217, equi fr .106 en .302 nl .254, wind fr .239 en .340 nl .433; probe + nn_span/max/exact
fr .354 en .398 nl .477 mean AP .4096, + all six .4083, replacing lab_* .4010: no gain either.
  NEURAL_OUT=/tmp/s10-f1/nn32c python3 tools/acter/neural_labeller.py --hidden 32 --epochs 2 \
      --common-words
Rust cost: a scalar mock-up of the inference (random embedding rows, fast rational tanh,
f32, one core, 1 M tokens, CPU time by /usr/bin/time) took 2.6 us a token at H=16 and 3.1 us
at H=32 (5.1 us at H=32 with libm exp/tanh); the embedding lookups and the 98x32 projection
dominate, so about 3x the 1 us budget before any quantisation.
Commands:
  cargo run --release -p termsmith-mine --example acter -- dump-tokens /work/shared/acter \
      --langs fr,en,nl --tag                                   (ACTER_DUMP=/tmp/s10-f1/tok)
  ACTER_DUMP=/tmp/s10-f1/dump cargo run --release -p termsmith-mine --example acter -- dump \
      /work/shared/acter --langs fr,en,nl --tag --variants --labeller
  NEURAL_OUT=/tmp/s10-f1/nn32 python3 tools/acter/neural_labeller.py --hidden 32 --epochs 3
      (about 20 CPU-min: 6 models x 6 checkpoints, training 5-15 CPU-s and labelling 15 CPU-s each)
  ACTER_DUMP=/tmp/s10-f1/dump NEURAL_OUT=/tmp/s10-f1/nn32 \
      python3 tools/acter/probe_features.py /work/shared/acter neural [neuralsens]
"""
import argparse
import math
import os
import time
import zlib
from collections import Counter

import numpy as np
import torch
import torch.nn as nn

from probe_features import ref_freqs  # the same reference frequencies as the probe

LANGS = ["fr", "en", "nl"]
DOMS = ["corp", "equi", "wind"]
UPOS = ["<pad>", "-", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART",
        "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"]
NW = 1 << 15
NC = 1 << 15
NSHAPE = 64
MAXG = 24
LAB = {"B": 0, "I": 1, "O": 2}
WDROP = 0.2
COMMON_ONLY = False
FEATS = ["nn_in", "nn_b", "nn_right", "nn_span", "nn_span_max", "nn_exact"]


def h(s, n):
    """Stable hash into 1..n-1 (0 is padding)."""
    return 1 + zlib.crc32(s.encode("utf-8")) % (n - 1)


def shape(w):
    s, last = [], ""
    for c in w:
        k = "X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c
        if k != last:
            s.append(k)
            last = k
        if len(s) >= 6:
            break
    return "".join(s)


class Vocab:
    """Per (language, word): word bucket, n-gram buckets, shape bucket, Zipf bin."""

    def __init__(self):
        self.index = {}
        self.rows = []
        self.ref = {la: ref_freqs(la) for la in LANGS}

    def get(self, lang, w):
        k = (lang, w)
        i = self.index.get(k)
        if i is None:
            i = len(self.rows)
            self.index[k] = i
            lw = w.lower()
            s = f"<{lw}>"
            grams = [s[a:a + n] for n in (3, 4) for a in range(len(s) - n + 1)][:MAXG]
            g = [h(lang + ":" + x, NC) for x in grams] + [0] * (MAXG - len(grams))
            z = self.ref[lang].get(lw, 0.0)
            # --common-words: the word itself only when common in general language (Zipf >=
            # 4.5) or not alphabetic, as the CRF; other words share one bucket per language.
            rare = COMMON_ONLY and z < 4.5 and any(c.isalpha() for c in lw)
            self.rows.append((h(lang + ":" + ("<rare>" if rare else lw), NW), g, h(shape(w), NSHAPE), int(min(max(round(z), 0), 8)), z))
        return i


def sentences_of(rows, lang, vocab, group):
    """Token rows (dicts) grouped by document -> sentences of feature tuples, as the CRF
    computes its in-document frequency and specificity bins over one document."""
    out = []
    docs = {}
    for r in rows:
        docs.setdefault(r[group], []).append(r)
    for d in sorted(docs, key=lambda x: int(x)):
        toks = docs[d]
        lowers = [t["word"].lower() for t in toks]
        counts = Counter(l for t, l in zip(toks, lowers) if any(c.isalnum() for c in t["word"]))
        nwords = max(1, sum(counts.values()))
        sents, cur, cur_id = [], [], None
        for t, l in zip(toks, lowers):
            sid = t["sent"]
            if cur and (sid != cur_id or sid == "-1"):
                sents.append(cur)
                cur = []
            cur_id = sid
            vi = vocab.get(lang, t["word"])
            z = vocab.rows[vi][4]
            c = counts.get(l, 0)
            dz = math.log10(c / nwords * 1e9) if c > 0 else 0.0
            alpha = any(ch.isalpha() for ch in t["word"])
            spec = int(min(max(round(dz - z), -3), 8)) + 4 if alpha else 0  # 0 = not alphabetic
            fb = min(int(math.floor(math.log2(max(c, 1)))), 7)
            first = not cur
            cap = int((not first) and t["word"][:1].isupper())
            upos = UPOS.index(t["upos"]) if t["upos"] in UPOS else 1
            cur.append((vi, upos, spec, fb, cap, t))
        if cur:
            sents.append(cur)
        out.append((d, sents))
    return out


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        return [dict(zip(head, line.rstrip("\n").split("\t"))) for line in f]


class Net(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.word = nn.Embedding(NW, 32, padding_idx=0)
        self.gram = nn.Embedding(NC, 32, padding_idx=0)
        self.upos = nn.Embedding(len(UPOS), 8, padding_idx=0)
        self.shape = nn.Embedding(NSHAPE, 8, padding_idx=0)
        self.zipf = nn.Embedding(9, 4)
        self.spec = nn.Embedding(13, 8)
        self.freq = nn.Embedding(8, 4)
        self.cap = nn.Embedding(2, 2)
        self.drop = nn.Dropout(0.25)
        self.proj = nn.Linear(98, 32)
        self.rnn = nn.GRU(32, hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden, 3)

    def forward(self, x, lengths):
        w, g, sh, zb, up, sp, fb, cap = x
        gm = (g > 0).float().unsqueeze(-1)
        ge = (self.gram(g) * gm).sum(2)
        e = torch.cat([self.word(w), ge, self.upos(up), self.shape(sh), self.zipf(zb),
                       self.spec(sp), self.freq(fb), self.cap(cap)], -1)
        e = torch.tanh(self.proj(self.drop(e)))
        packed = nn.utils.rnn.pack_padded_sequence(e, lengths, batch_first=True, enforce_sorted=False)
        o, _ = self.rnn(packed)
        o, _ = nn.utils.rnn.pad_packed_sequence(o, batch_first=True, total_length=e.shape[1])
        return self.out(o)


class Tables:
    def __init__(self, vocab):
        rows = vocab.rows
        self.w = torch.tensor([r[0] for r in rows])
        self.g = torch.tensor([r[1] for r in rows])
        self.sh = torch.tensor([r[2] for r in rows])
        self.zb = torch.tensor([r[3] for r in rows])


def batch(sents, tab, labels=None):
    n, t = len(sents), max(len(s) for s in sents)
    vi = torch.zeros(n, t, dtype=torch.long)
    other = torch.zeros(4, n, t, dtype=torch.long)
    y = torch.full((n, t), -100, dtype=torch.long)
    for i, s in enumerate(sents):
        k = len(s)
        vi[i, :k] = torch.tensor([x[0] for x in s])
        other[:, i, :k] = torch.tensor([[x[1], x[2], x[3], x[4]] for x in s]).T
        if labels is not None:
            y[i, :k] = torch.tensor([LAB[x[5]["label"]] for x in s])
    mask = torch.arange(t).unsqueeze(0) < torch.tensor([len(s) for s in sents]).unsqueeze(1)
    w = tab.w[vi] * mask
    g = tab.g[vi] * mask.unsqueeze(-1)
    sh = tab.sh[vi] * mask
    zb = tab.zb[vi] * mask
    x = (w, g, sh, zb, other[0], other[1], other[2], other[3])
    return x, torch.tensor([len(s) for s in sents]), y


def train(sents, tab, hidden, epochs, seed=0):
    """Yields the model at every checkpoint (each half epoch), with the checkpoint number."""
    torch.manual_seed(seed)
    rng = np.random.RandomState(seed)
    m = Net(hidden)
    opt = torch.optim.Adam(m.parameters(), lr=2e-3)
    loss_f = nn.CrossEntropyLoss(ignore_index=-100)
    # Batches of sentences of similar length (fewer pads), in a fixed random order.
    order = sorted(range(len(sents)), key=lambda i: len(sents[i]))
    chunks = [order[i:i + 32] for i in range(0, len(order), 32)]
    ck = 0
    for ep in range(epochs):
        perm = rng.permutation(len(chunks))
        for half in (perm[:len(perm) // 2], perm[len(perm) // 2:]):
            m.train()
            tot, nb = 0.0, 0
            for ci in half:
                x, ln, y = batch([sents[i] for i in chunks[ci]], tab, labels=True)
                # Word dropout: the word bucket is hidden from the model for WDROP of the
                # tokens, so that it leans on what carries over to new domains.
                x = (x[0] * (torch.rand(x[0].shape) >= WDROP),) + x[1:]
                opt.zero_grad()
                z = m(x, ln)
                loss = loss_f(z.reshape(-1, 3), y.reshape(-1))
                loss.backward()
                opt.step()
                tot += loss.item()
                nb += 1
            ck += 1
            print(f"    checkpoint {ck} (epoch {ck / 2:g}): loss {tot / max(nb, 1):.4f}", flush=True)
            yield ck, m


@torch.no_grad()
def predict(m, sents, tab):
    """Per sentence, the (len, 3) softmax of B, I, O."""
    m.eval()
    out = [None] * len(sents)
    order = sorted(range(len(sents)), key=lambda i: len(sents[i]))
    for a in range(0, len(order), 64):
        idx = order[a:a + 64]
        x, ln, _ = batch([sents[i] for i in idx], tab)
        p = torch.softmax(m(x, ln), -1).numpy()
        for j, i in enumerate(idx):
            out[i] = p[j, :len(sents[i])]
    return out


def spans(lab):
    out, k = set(), 0
    while k < len(lab):
        if lab[k] == 0:
            e = k + 1
            while e < len(lab) and lab[e] == 1:
                e += 1
            out.add((k, e))
            k = e
        else:
            k += 1
    return out


def span_prf(sents, probs):
    """Span P/R/F1 of the greedy (argmax) decoding, as the acter example scores the CRF."""
    tp = npred = ngold = 0
    for s, p in zip(sents, probs):
        a = spans(list(p.argmax(1)))
        b = spans([LAB[x[5]["label"]] for x in s])
        tp += len(a & b)
        npred += len(a)
        ngold += len(b)
    return tp / max(npred, 1), tp / max(ngold, 1), 2 * tp / max(npred + ngold, 1)


def candidate_features(docs, probs, occ):
    """The six nn_* features of every candidate (as LabelAgg in labeller.rs, from marginals:
    the exact-span probability is P(B) at the first token, P(I) inside, P(not I) after the
    last unless it ends its sentence, as a geometric mean per decision)."""
    # Per document: token starts, ends, last-of-sentence flags, probabilities.
    index = {}
    for (d, sents), ps in zip(docs, probs):
        toks = [x[5] for s in sents for x in s]
        last = [False] * len(toks)
        k = 0
        for s in sents:
            k += len(s)
            last[k - 1] = True
        index[d] = (np.array([int(t["start"]) for t in toks]), np.array([int(t["end"]) for t in toks]),
                    last, np.concatenate(ps) if ps else np.zeros((0, 3)))
    out = np.zeros((len(occ), 6))
    for ci, row in enumerate(occ):
        n = 0
        acc = np.zeros(6)
        for o in row["occurrences"].split():
            d, a, b = o.split(":")
            if d not in index:
                continue
            st, en, last, p = index[d]
            i = np.searchsorted(st, int(a))
            if i >= len(st) or st[i] != int(a):
                continue
            j = i + np.searchsorted(en[i:], int(b))
            if j >= len(en) or en[j] != int(b):
                continue
            r = range(i, j + 1)
            n += 1
            lp = math.log(max(p[i, 0], 1e-6))
            exact = p[i].argmax() == 0
            s_in = 0.0
            for k in r:
                s_in += p[k, 0] + p[k, 1]
                if k > i:
                    lp += math.log(max(p[k, 1], 1e-6))
                    exact &= p[k].argmax() == 1
            dec = len(r)
            if last[j]:
                right = 1.0
            else:
                dec += 1
                right = max(1.0 - p[j + 1, 1], 1e-6)
                lp += math.log(right)
                exact &= p[j + 1].argmax() != 1
            span = math.exp(lp / dec)
            acc[0] += s_in / len(r)
            acc[1] += p[i, 0]
            acc[2] += right
            acc[3] += span
            acc[4] = max(acc[4], span)
            acc[5] += float(exact)
        if n:
            out[ci] = [acc[0] / n, acc[1] / n, acc[2] / n, acc[3] / n, acc[4], acc[5] / n]
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hidden", type=int, default=32)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--only", default=None, help="train only this domain key, e.g. equi+wind")
    ap.add_argument("--common-words", action="store_true")
    a = ap.parse_args()
    global COMMON_ONLY
    COMMON_ONLY = a.common_words
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    src = os.environ.get("ACTER_TOKENS", "/tmp/s10-f1/tok")
    dst = os.environ.get("NEURAL_OUT", "/tmp/s10-f1/nn")
    os.makedirs(dst, exist_ok=True)
    vocab = Vocab()
    iob, text, occ = {}, {}, {}
    for la in LANGS:
        for d in DOMS:
            iob[(la, d)] = [s for _, ss in sentences_of(read_tsv(f"{src}/{la}_{d}.iob.tsv"), la, vocab, "file")
                            for s in ss]
            text[(la, d)] = sentences_of(read_tsv(f"{src}/{la}_{d}.tok.tsv"), la, vocab, "doc")
            occ[(la, d)] = read_tsv(f"{src}/{la}_{d}.occ.tsv")
    tab = Tables(vocab)
    print(f"{len(vocab.rows)} word types; IOB tokens "
          + ", ".join(f"{la}_{d} {sum(map(len, iob[(la, d)]))}" for la in LANGS for d in DOMS), flush=True)
    keys = [[d] for d in DOMS] + [[x for x in DOMS if x != d] for d in DOMS]
    feats = {k: {} for k in iob}
    table = []
    for names in keys:
        key = "+".join(sorted(names))
        if a.only and key != a.only:
            continue
        tr = [s for la in LANGS for d in names for s in iob[(la, d)]]
        print(f"model {key}: {len(tr)} sentences, {sum(map(len, tr))} tokens", flush=True)
        t0 = time.process_time()
        for ck, m in train(tr, tab, a.hidden, a.epochs):
            t1 = time.process_time()
            for la in LANGS:
                for d in DOMS:
                    if d not in names:
                        p, r, f = span_prf(iob[(la, d)], predict(m, iob[(la, d)], tab))
                        print(f"      on {la} {d}: span P {p:.3f} R {r:.3f} F1 {f:.3f}", flush=True)
                        table.append(f"{key}\t{ck}\t{la}\t{d}\t{p:.4f}\t{r:.4f}\t{f:.4f}\n")
                    docs = text[(la, d)]
                    probs = [predict(m, sents, tab) if sents else [] for _, sents in docs]
                    feats[(la, d)][f"{key}#{ck}"] = candidate_features(docs, probs, occ[(la, d)])
            print(f"    train {t1 - t0:.0f} CPU-s, label {time.process_time() - t1:.0f} CPU-s", flush=True)
            t0 = time.process_time()
    with open(f"{dst}/spans.tsv", "w", encoding="utf-8") as f:
        f.write("model\tcheckpoint\tlang\tdom\tP\tR\tF1\n" + "".join(table))
    for (la, d), fs in feats.items():
        cols, mats = [], []
        for key, mat in fs.items():
            cols += [f"{c}@{key}" for c in FEATS]
            mats.append(mat)
        if not mats:
            continue
        with open(f"{dst}/{la}_{d}.tsv", "w", encoding="utf-8") as f:
            f.write("key\t" + "\t".join(cols) + "\n")
            x = np.concatenate(mats, 1)
            for row, v in zip(occ[(la, d)], x):
                f.write(row["key"] + "\t" + "\t".join(f"{y:.6g}" for y in v) + "\n")
    print(f"wrote {dst}", flush=True)


if __name__ == "__main__":
    main()
