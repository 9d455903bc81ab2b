#!/usr/bin/env python3
"""Build the general-language reference frequency lists shipped in crates/mine/data/<lang>/reffreq.tsv.gz.

Source: the `wordfreq` package (https://github.com/rspeer/wordfreq), code Apache-2.0,
word-frequency data CC BY-SA 4.0.

Usage:  pip install wordfreq==3.1.1 && python3 tools/reffreq/build.py [N] [LANG...]
Output: one line per word, `word<TAB>zipf*100` (integer), most frequent first, gzip-compressed
(mtime 0, so the output is byte-for-byte reproducible).
"""
import gzip, io, os, sys
import wordfreq

N = int(sys.argv[1]) if len(sys.argv) > 1 else 150_000
LANGS = sys.argv[2:] or ["fr", "en", "nl", "de", "es"]
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "crates", "mine", "data")

for lang in LANGS:
    words = wordfreq.top_n_list(lang, N, wordlist="best")
    buf = io.StringIO()
    kept = 0
    for w in words:
        if not w or any(c in w for c in "\t\n\r"):
            continue
        z = wordfreq.zipf_frequency(w, lang, wordlist="best")
        buf.write(f"{w}\t{round(z * 100)}\n")
        kept += 1
    os.makedirs(os.path.join(OUT, lang), exist_ok=True)
    path = os.path.join(OUT, lang, "reffreq.tsv.gz")
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
            gz.write(buf.getvalue().encode("utf-8"))
    print(lang, kept, os.path.getsize(path), "bytes", file=sys.stderr)
