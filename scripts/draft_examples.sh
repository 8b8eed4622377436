#!/usr/bin/env bash
# The main job on the bundled examples: draft every examples/*.yaml to Markdown and DOCX in out/,
# then check each drafted Markdown with `lkip check` (a drafted report must have zero issues).
set -euo pipefail
cd "$(dirname "$0")/.."
LKIP=${LKIP:-.venv/bin/lkip}
mkdir -p out
status=0
for f in examples/*.yaml; do
  name=$(basename "$f" .yaml)
  "$LKIP" draft "$f" -o "out/$name.md"
  "$LKIP" draft "$f" -o "out/$name.docx"
  if "$LKIP" check "out/$name.md" > "out/$name.check.txt"; then
    echo "out/$name.md: $(tail -n 1 "out/$name.check.txt")"
  else
    echo "out/$name.md: $(tail -n 1 "out/$name.check.txt") (see out/$name.check.txt)"
    status=1
  fi
done
ls -l out/*.md out/*.docx
exit $status
