#!/usr/bin/env bash
# English equivalents of the top 100 seed terms with no term base and no English text: FreeDict fra-eng,
# cognate suffixes and word-by-word composition only. Writes seeds-no-termbase.csv; the hand-judged
# list is tools/align/seeds-no-termbase-judged.tsv (verdicts by hand, not by this script).
# Needs FreeDict fra-eng (apt-get install -y dict-freedict-fra-eng).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DICTD=${DICTD:-/usr/share/dictd}
(cd "$ROOT" && cargo build -q --release -p termsmith)
T=${CARGO_TARGET_DIR:-$ROOT/target}/release/termsmith
(cd "$ROOT" && $T extract seeds/ --to en --dict "$DICTD/freedict-fra-eng.index" --top 100 -f csv -o "$OLDPWD/seeds-no-termbase.csv")
python3 - seeds-no-termbase.csv <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
given = [r for r in rows if r["en_equivalent"]]
print(f"{len(given)} of {len(rows)} terms have an English equivalent "
      f"({sum(r['en_method'] == 'dictionary' for r in given)} dictionary, "
      f"{sum(r['en_method'] == 'cognate' for r in given)} cognate, "
      f"{sum(r['en_method'] == 'compositional' for r in given)} compositional)")
PY
