#!/usr/bin/env bash
# Rebuilds the part-of-speech tagger and lemmatiser models of crates/tag/data/<lang>/ from the Universal
# Dependencies treebanks, then evaluates each model on its held-out test files.
#
#   tools/train-tagger.sh [lang…]          # default: fr en nl
#   UD=/path/to/ud tools/train-tagger.sh   # default UD=../shared/ud
#
# Training is deterministic: rerunning gives byte-identical model files.
# Adding a language: add a case below (train and test files), then an entry in crates/tag/src/lib.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
UD=${UD:-../shared/ud}
EPOCHS=${EPOCHS:-15}
langs=("$@")
[ ${#langs[@]} -eq 0 ] && langs=(fr en nl)

cargo build --release -p termsmith-tag --example train
BIN=${CARGO_TARGET_DIR:-target}/release/examples/train

# Only treebanks whose licence allows redistribution of derived models with the product are used:
# CC BY-SA 4.0 (GSD, EWT, Alpino, LassySmall) and LGPL-LR (Sequoia). ParTUT and GUM are CC BY-NC-SA
# (non-commercial) and are deliberately left out. The test files are never trained on.
for lang in "${langs[@]}"; do
  case "$lang" in
    fr)
      train="$UD/UD_French-Sequoia/fr_sequoia-ud-train.conllu,$UD/UD_French-Sequoia/fr_sequoia-ud-dev.conllu,$UD/UD_French-Sequoia/fr_sequoia-ud-test.conllu"
      train+=",$UD/UD_French-GSD/fr_gsd-ud-dev.conllu"
      test="$UD/UD_French-GSD/fr_gsd-ud-test.conllu" ;;
    en)
      train="$UD/UD_English-EWT/en_ewt-ud-train.conllu,$UD/UD_English-EWT/en_ewt-ud-dev.conllu"
      test="$UD/UD_English-EWT/en_ewt-ud-test.conllu" ;;
    nl)
      train="$UD/UD_Dutch-Alpino/nl_alpino-ud-dev.conllu,$UD/UD_Dutch-LassySmall/nl_lassysmall-ud-dev.conllu"
      test="$UD/UD_Dutch-Alpino/nl_alpino-ud-test.conllu,$UD/UD_Dutch-LassySmall/nl_lassysmall-ud-test.conllu"
      extra=(--lemma-strip _) ;;  # Alpino marks compound parts in lemmas: gemeente_raad -> gemeenteraad
    *) echo "unknown language $lang" >&2; exit 1 ;;
  esac
  # Surface tokens follow the tokenizer: clitics it splits off (en 's) stay separate tokens.
  [ "$lang" = nl ] || extra=()
  clitics=()
  [ -f "crates/tokenize/data/$lang/clitics.txt" ] && clitics=(--clitics "crates/tokenize/data/$lang/clitics.txt")
  "$BIN" --lang "$lang" --epochs "$EPOCHS" --train "$train" --test "$test" --out "crates/tag/data/$lang" "${clitics[@]}" "${extra[@]}"
done
