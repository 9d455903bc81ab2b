#!/bin/sh
# Leave-one-domain-out evaluation of termsmith-mine on ACTER 1.5 (corp, equi, wind; fr, en, nl).
# Usage: tools/acter/lodo.sh [ACTER_DIR] [extra flags: --no-nes, --langs fr, ...]
# Prints per language and test domain: candidates, coverage (recall of all candidates), P, R, F1
# the probability threshold chosen on the two training domains, and the average precision (AP) of
# all candidates ranked by probability, which does not depend on the threshold; then the averages.
# The trees of a test domain are trained on the two other domains of all the languages given
# (--no-pool: the test language only); the threshold on cross-fitted training probabilities
# (--cut-insample: on the training probabilities themselves). The token labeller's features are added,
# cross-fitted by domain (see crates/mine/examples/acter.rs).
set -eu
ACTER=${1:-$(dirname "$0")/../../../shared/acter}
[ $# -gt 0 ] && shift
exec cargo run --release -q -p termsmith-mine --example acter -- lodo "$ACTER" --tag --variants --labeller "$@"
