#!/usr/bin/env bash
# Writes the hostile-input corpus (damaged and odd copies of the real traces in testdata/, the
# same bytes every time) into OUT_DIR, then, with --run, ingests each file leniently and with
# --strict and prints what happened: the table of hostile cases in docs/robustness.md comes from this.
# Usage: scripts/hostile-corpus.sh OUT_DIR [--run]      (about 130 MB: the long-line case)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: scripts/hostile-corpus.sh OUT_DIR [--run]}
java "$root/cli/src/test/java/dev/ptrace/analyze/cli/HostileCorpus.java" "$root/testdata" "$out"
[ "${2:-}" = --run ] || exit 0
for f in "$out"/*; do
  case "$f" in *.duckdb|*.wal|*.log) continue ;; esac
  db="$out/lenient.duckdb"
  rm -f "$db" "$db.wal"
  set +e
  lenient=$("$root/ptrace-analyze" ingest "$f" --db "$db" 2>&1 | tail -3)
  lcode=$?
  rm -f "$db" "$db.wal"
  strict=$("$root/ptrace-analyze" ingest "$f" --strict --db "$db" 2>&1 | tail -2)
  scode=${PIPESTATUS[0]}
  set -e
  printf '== %s\n-- lenient (exit %s)\n%s\n-- strict (exit %s)\n%s\n' "$(basename "$f")" \
    "$lcode" "$lenient" "$scode" "$strict"
done
