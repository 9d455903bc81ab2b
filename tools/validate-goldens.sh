#!/usr/bin/env bash
# Validates every golden TBX (v3 and v2) and CSV written by termsmith-glossary
# with the TBX conformance kit (RelaxNG, Schematron, DTD, translate-toolkit).
# Usage: tools/validate-goldens.sh   (PYTHON=python3, TBX_KIT=tools/tbx-kit)
# Exit status: 0 when every file passes, non-zero otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
KIT=${TBX_KIT:-tools/tbx-kit}
GOLDEN=crates/glossary/tests/golden
status=0
shopt -s nullglob
tbx=("$GOLDEN"/*.tbx)
csv=("$GOLDEN"/*.csv "$GOLDEN"/*.tsv)
if [ ${#tbx[@]} -eq 0 ] || [ ${#csv[@]} -eq 0 ]; then
    echo "validate-goldens: no golden files under $GOLDEN" >&2
    exit 2
fi
# v2 files must also load in translate-toolkit (the kit requires it for v2).
"$PYTHON" "$KIT/validate.py" "${tbx[@]}" || status=1
for f in "${csv[@]}"; do
    case "$f" in
        *.tsv) "$PYTHON" "$KIT/validate.py" --csv --delimiter $'\t' "$f" || status=1 ;;
        *semicolon*|*memoq*) "$PYTHON" "$KIT/validate.py" --csv --delimiter ';' "$f" || status=1 ;;
        *) "$PYTHON" "$KIT/validate.py" --csv "$f" || status=1 ;;
    esac
done
if [ $status -ne 0 ]; then
    echo "validate-goldens: FAILED" >&2
else
    echo "validate-goldens: all golden files pass"
fi
exit $status
