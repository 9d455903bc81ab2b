#!/usr/bin/env bash
# Reproduces the align evaluation figures (ACTER corp/equi/wind, fr→en).
# Needs FreeDict fra-eng and eng-fra (apt-get install -y dict-freedict-fra-eng dict-freedict-eng-fra)
# and the gold files in tests/data/align (override with GOLD_DIR).
set -euo pipefail
A=${ACTER:-$(cd "$(dirname "$0")/../../.." && pwd)/shared/acter}
GOLD_DIR=${GOLD_DIR:-tests/data/align}
DICTD=${DICTD:-/usr/share/dictd}
D="--dict $DICTD/freedict-fra-eng.index --dict-rev $DICTD/freedict-eng-fra.index"
L=annotated/annotations/unique_annotation_lists
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
(cd "$ROOT" && cargo build -q --release -p termsmith-align --examples)
X=${CARGO_TARGET_DIR:-$ROOT/target}/release/examples
echo "== sentence alignment vs gold (texts_tokenised)"
$X/eval_sentalign "$GOLD_DIR/corp-fr-en-gold.tsv" $A/fr/corp/annotated/texts_tokenised $A/en/corp/annotated/texts_tokenised $D
echo "== parallel, oracle target list (English gold terms found in the texts)"
$X/eval_parallel --src fr:$A/fr/corp/annotated/texts --tgt en:$A/en/corp/annotated/texts \
  --src-gold $A/fr/corp/$L/corp_fr_terms_nes.tsv --tgt-gold $A/en/corp/$L/corp_en_terms_nes.tsv $D --out corp-oracle.tsv
echo "== parallel, English candidates mined by termsmith-mine"
$X/eval_parallel --src fr:$A/fr/corp/annotated/texts --tgt en:$A/en/corp/annotated/texts \
  --src-gold $A/fr/corp/$L/corp_fr_terms_nes.tsv --tgt-gold $A/en/corp/$L/corp_en_terms_nes.tsv $D --mined-targets --out corp-mined.tsv
echo "== parallel, reverse direction en→fr (French candidates mined by termsmith-mine)"
$X/eval_parallel --src en:$A/en/corp/annotated/texts --tgt fr:$A/fr/corp/annotated/texts \
  --src-gold $A/en/corp/$L/corp_en_terms_nes.tsv --tgt-gold $A/fr/corp/$L/corp_fr_terms_nes.tsv \
  --dict $DICTD/freedict-eng-fra.index --dict-rev $DICTD/freedict-fra-eng.index --mined-targets --out corp-mined-en-fr.tsv
echo "== parallel, nl→en (no dictionary)"
$X/eval_parallel --src nl:$A/nl/corp/annotated/texts --tgt en:$A/en/corp/annotated/texts \
  --src-gold $A/nl/corp/$L/corp_nl_terms_nes.tsv --tgt-gold $A/en/corp/$L/corp_en_terms_nes.tsv --mined-targets --out corp-mined-nl-en.tsv
for dom in equi wind; do
  echo "== comparable $dom"
  $X/eval_comparable --src fr:$A/fr/$dom/annotated/texts --tgt en:$A/en/$dom/annotated/texts \
    --tgt-gold $A/en/$dom/$L/${dom}_en_terms_nes.tsv --pairs "$GOLD_DIR/$dom-fr-en-pairs.tsv" $D --out $dom-comparable.tsv
done
echo "== speed: all corp texts concatenated x3 (~1 MB + 0.9 MB)"
cat $A/fr/corp/annotated/texts/*.txt $A/fr/corp/annotated/texts/*.txt $A/fr/corp/annotated/texts/*.txt > /tmp/align-fr-3x.txt
cat $A/en/corp/annotated/texts/*.txt $A/en/corp/annotated/texts/*.txt $A/en/corp/annotated/texts/*.txt > /tmp/align-en-3x.txt
/usr/bin/time -v $X/time_align /tmp/align-fr-3x.txt /tmp/align-en-3x.txt 1 $D 2>&1 | grep -E "bytes|Maximum resident|Elapsed|User time"
# Re-judged after n-gram candidates (same rows): tools/align/corp-sample-judged-v2.tsv.
# After word alignment, new random sample of 119 rows: tools/align/corp-sample-judged-v3.tsv (see tools/align/README.md).
# After the span-choice changes, a new random sample of 110 rows: tools/align/corp-sample-judged-v4.tsv.
# Seeds, dictionary only: tools/align/seeds-top100-judged.tsv; no term base, no English text:
# tools/align/seeds-no-termbase.sh and tools/align/seeds-no-termbase-judged.tsv.
