#!/usr/bin/env bash
# Compares every output file of every built-in scenario (en, and zh with --excel) between a git revision and the
# work tree: `scripts/same-output.sh HEAD~3`. Prints the files that differ; exit 0 when all are byte-identical.
# market-large is skipped unless SAME_OUTPUT_LARGE=1 (it takes minutes).
set -euo pipefail
ref=${1:?usage: scripts/same-output.sh <git-ref>}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/marketsim-same-output-XXXXXX")
trap 'git -C "$here" worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git -C "$here" worktree add --detach "$work/base" "$ref" >/dev/null 2>&1
(cd "$work/base" && npm ci --no-audit --no-fund >/dev/null 2>&1)
(cd "$here" && npm run build --silent)
run_all() { # <repo> <dest>
  for f in "$1"/scenarios/*.yaml; do
    n=$(basename "$f" .yaml)
    if [ "$n" = market-large ] && [ "${SAME_OUTPUT_LARGE:-0}" != 1 ]; then continue; fi
    (cd "$1" && node cli/marketsim.mjs run "scenarios/$n.yaml" --out "$2/$n" >/dev/null 2>&1) || true
    (cd "$1" && node cli/marketsim.mjs run "scenarios/$n.yaml" --lang zh --excel --out "$2/$n-zh" >/dev/null 2>&1) || true
  done
}
run_all "$work/base" "$work/a"
run_all "$here" "$work/b"
if diff -r "$work/a" "$work/b" >"$work/diff.txt"; then
  echo "same output: $(find "$work/a" -type f | wc -l) files byte-identical between $ref and the work tree"
else
  grep -E '^(diff|Only in)' "$work/diff.txt" | sed "s#$work/##g"
  exit 1
fi
