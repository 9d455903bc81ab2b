#!/usr/bin/env bash
# Side-by-side command benchmark: termsmith extract and the peer term extractors
# on the same input, one run, recording wall time, MB/s, CPU time and peak RSS
# (GNU /usr/bin/time; CPU s = user+sys), pinned to one core (taskset -c 0) and to two cores
# (taskset -c 0,1). Prints a markdown table; also writes it with a TSV beside it.
#
# usage: tools/peers/bench.sh [options]
#   --big            build and use a ~100 MB corpus (ACTER unannotated texts of en
#                    and fr repeated, ~50 MB each) under $BENCH_DIR/big
#   --input LANG:DIR use this folder (all *.txt below it) for LANG; repeatable;
#                    replaces the default input
#   --tools LIST     comma list of: termsmith, kwx_tfidf, kwx_rake, kwx_textrank,
#                    kwx_yake, yake, pyate_combo, pyate_cvalues
#                    (default: termsmith,kwx_tfidf,kwx_rake,kwx_textrank,yake,pyate_combo)
#   --cores LIST     comma list of core counts to run with (default: 1,2)
#   --top N          number of terms the peers keep (default 2000)
#   --timeout S      per-command time limit in seconds (default 1800)
#   --out DIR        where outputs, logs and the table go (default $BENCH_DIR/out)
#
# Default input: ACTER en and fr, annotated texts and unannotated texts of every
# domain (corp, equi, wind, cor), copied per language under $BENCH_DIR/acter/
# (about 6.8 MB en + 7.3 MB fr). Files are copied, not linked, so every tool reads
# plain files. The termsmith binary comes from $TERMSMITH or target/release/termsmith
# (relative to the repository root); if it is missing the row says so and the
# benchmark goes on. Extra arguments for termsmith can be given in $TERMSMITH_ARGS.
# Python peers run from $PEERS_PY (default: python3 on PATH; install
# tools/peers/requirements.txt into it). The Rust peer is built on first use.
# Every command runs under `nice -n 10`.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
ACTER="${ACTER:-/work/shared/acter}"
BENCH_DIR="${BENCH_DIR:-/tmp/termsmith-bench}"
PEERS_PY="${PEERS_PY:-python3}"
TERMSMITH="${TERMSMITH:-$ROOT/target/release/termsmith}"
KWX_BIN="${KWX_BIN:-$HERE/rust_tfidf/target/release/rust_tfidf}"
TOOLS="termsmith,kwx_tfidf,kwx_rake,kwx_textrank,yake,pyate_combo"
CORES="1,2"
TOP=2000
TIMEOUT=1800
BIG=0
OUT=""
declare -a INPUTS=()

while [[ $# -gt 0 ]]; do
  case "$1" in
    --big) BIG=1; shift ;;
    --input) INPUTS+=("$2"); shift 2 ;;
    --tools) TOOLS="$2"; shift 2 ;;
    --cores) CORES="$2"; shift 2 ;;
    --top) TOP="$2"; shift 2 ;;
    --timeout) TIMEOUT="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,29p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
OUT="${OUT:-$BENCH_DIR/out}"
mkdir -p "$OUT"

if [[ ! -x /usr/bin/time ]]; then
  echo "installing GNU time (apt-get install time)" >&2
  apt-get install -y time >/dev/null
fi

# ---------------------------------------------------------------- inputs ----
copy_lang() { # lang dest
  local lang="$1" dest="$2" d f
  rm -rf "$dest"; mkdir -p "$dest"
  for d in "$ACTER/$lang"/*/annotated/texts "$ACTER/$lang"/*/unannotated_texts; do
    [[ -d "$d" ]] || continue
    for f in "$d"/*.txt; do cp "$f" "$dest/$(basename "$d")_$(basename "$f")"; done
  done
}

build_big() { # lang dest target_bytes
  local lang="$1" dest="$2" target="$3" rep=0 size=0 f
  rm -rf "$dest"; mkdir -p "$dest"
  while (( size < target )); do
    rep=$((rep + 1))
    for f in "$ACTER/$lang"/*/unannotated_texts/*.txt; do
      cp "$f" "$dest/r$(printf %03d $rep)_$(basename "$f")"
    done
    size=$(du -sb "$dest" | cut -f1)
  done
}

if [[ ${#INPUTS[@]} -eq 0 ]]; then
  for lang in en fr; do
    if [[ $BIG -eq 1 ]]; then
      dest="$BENCH_DIR/big/$lang"
      [[ -f "$dest/.done" ]] || { build_big "$lang" "$dest" 50000000; touch "$dest/.done"; }
    else
      dest="$BENCH_DIR/acter/$lang"
      [[ -f "$dest/.done" ]] || { copy_lang "$lang" "$dest"; touch "$dest/.done"; }
    fi
    INPUTS+=("$lang:$dest")
  done
fi

if [[ ! -x "$KWX_BIN" ]] && [[ ",$TOOLS," == *",kwx_"* ]]; then
  echo "building $KWX_BIN" >&2
  nice -n 10 cargo build --release --quiet --manifest-path "$HERE/rust_tfidf/Cargo.toml" >&2
fi

# ---------------------------------------------------------------- runs ------
cmd_for() { # tool lang dir outfile -> prints the command words, one per line
  local tool="$1" lang="$2" dir="$3" out="$4"
  case "$tool" in
    termsmith)
      # shellcheck disable=SC2086
      printf '%s\n' "$TERMSMITH" extract --lang "$lang" --format list -o "$out" ${TERMSMITH_ARGS:-} "$dir" ;;
    kwx_*)
      printf '%s\n' "$KWX_BIN" --algo "${tool#kwx_}" --lang "$lang" --top "$TOP" -o "$out" "$dir" ;;
    yake|pyate_*)
      printf '%s\n' "$PEERS_PY" "$HERE/run_peers.py" extract --tool "$tool" --lang "$lang" --top "$TOP" -o "$out" "$dir" ;;
    *) return 1 ;;
  esac
}

TSV="$OUT/bench.tsv"
printf 'tool\tlang\tcores\tbytes\twall_s\tmb_s\tcpu_s\tpeak_rss_mb\tterms\tstatus\n' > "$TSV"

for spec in "${INPUTS[@]}"; do
  lang="${spec%%:*}"; dir="${spec#*:}"
  bytes=$(find -L "$dir" -name '*.txt' -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}')
  for tool in ${TOOLS//,/ }; do
    for nc in ${CORES//,/ }; do
      cpus=$(seq -s, 0 $((nc - 1)))
      out="$OUT/${tool}_${lang}_${nc}c.txt"; log="$OUT/${tool}_${lang}_${nc}c.log"
      status=ok
      if [[ "$tool" == termsmith && ! -x "$TERMSMITH" ]]; then
        echo "notice: termsmith binary not found at $TERMSMITH (build it with cargo build --release -p termsmith, or set TERMSMITH); skipped" >&2
        printf '%s\t%s\t%s\t%s\t\t\t\t\t\tnot built\n' "$tool" "$lang" "$nc" "$bytes" >> "$TSV"
        continue
      fi
      if [[ "$tool" == pyate_* && "$lang" != en && "$lang" != fr ]]; then
        printf '%s\t%s\t%s\t%s\t\t\t\t\t\tno spaCy model\n' "$tool" "$lang" "$nc" "$bytes" >> "$TSV"
        continue
      fi
      mapfile -t cmd < <(cmd_for "$tool" "$lang" "$dir" "$out")
      rm -f "$out"
      echo "run: taskset -c $cpus nice -n 10 ${cmd[*]}" >&2
      set +e
      OMP_NUM_THREADS=$nc OPENBLAS_NUM_THREADS=$nc MKL_NUM_THREADS=$nc RAYON_NUM_THREADS=$nc \
        /usr/bin/time -f '%e %M %U %S' -o "$log.time" \
        timeout "$TIMEOUT" taskset -c "$cpus" nice -n 10 "${cmd[@]}" > "$log" 2>&1
      rc=$?
      set -e
      read -r wall rss user sys < <(tail -n 1 "$log.time") || true
      if [[ $rc -eq 124 ]]; then status="timeout ${TIMEOUT}s"
      elif [[ $rc -ne 0 ]]; then status="exit $rc (see $log)"; fi
      terms=$( [[ -f "$out" ]] && wc -l < "$out" || echo 0)
      mbs=$(awk -v b="$bytes" -v w="$wall" 'BEGIN { if (w > 0) printf "%.3f", b / 1e6 / w; else print "" }')
      cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
      rssmb=$(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }')
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$lang" "$nc" "$bytes" "$wall" "$mbs" "$cpu" "$rssmb" "$terms" "$status" >> "$TSV"
    done
  done
done

{
  echo "| tool | lang | cores | MB | wall s | MB/s (wall) | CPU s | MB/CPU-s | peak RSS MB | terms | status |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  tail -n +2 "$TSV" | awk -F'\t' '{ c = ($7 > 0) ? sprintf("%.3f", $4 / 1e6 / $7) : ""; printf "| %s | %s | %s | %.2f | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4 / 1e6, $5, $6, $7, c, $8, $9, $10 }'
} | tee "$OUT/bench.md"
