#!/usr/bin/env bash
# Database faults, each checked against what must hold (exit 1 at the first that does not):
#   kill -9 during an ingest, ROUNDS times at random moments: the database opens and holds
#     exactly the traces committed before (plus the one being read if it finished first);
#   Ctrl-C (SIGINT) during an ingest: one line, exit 130, the database as it was; into a new
#     database: no file left;
#   the database held open by another process: one line, exit 2, the file untouched;
#   a full disk (a 24 MB tmpfs; needs root, skipped otherwise) and a read-only path: one line,
#     exit 2, the database as it was.
# Usage: scripts/fault-check.sh [ROUNDS]   (default 10; builds the CLI on first use)
set -uo pipefail
set -m # background jobs in their own process group, so that SIGINT reaches them
root=$(cd "$(dirname "$0")/.." && pwd)
cli="$root/ptrace-analyze"
rounds=${1:-10}
work=$(mktemp -d)
trap 'mountpoint -q "$work/full" 2>/dev/null && umount "$work/full"; mountpoint -q "$work/ro" 2>/dev/null && umount "$work/ro"; rm -rf "$work"' EXIT
small="$root/testdata/traces/perf-munmap.txt.gz"
big="$work/big.txt"
zcat "$root/testdata/traces/perf-churn-threshold128k.txt.gz" > "$big"  # 119,178 lines
"$cli" --version > /dev/null || exit 1

fail() { echo "FAIL: $*"; exit 1; }
traces() { "$cli" sql --db "$1" --format csv "SELECT coalesce(string_agg(trace_id::VARCHAR || ':' || source, ' ' ORDER BY trace_id), '') FROM traces" | tail -1; }
one_line() { [ "$(wc -l < "$1")" -eq 1 ] && ! grep -q 'Exception\|	at ' "$1" || fail "not one line: $(cat "$1")"; }

echo "== kill -9 during an ingest, $rounds times"
db="$work/kill.duckdb"
"$cli" ingest --db "$db" "$small" > /dev/null 2>&1 || fail "first ingest"
# how long an ingest of the big trace takes, so that the kills fall inside one
start=$(date +%s.%N)
"$cli" ingest --db "$db" "$big" > /dev/null 2>&1 || fail "timing ingest"
took=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
echo "  an ingest of $(basename "$big") takes ${took}s; kills at random moments within it"
for ((i = 1; i <= rounds; i++)); do
  before=$(traces "$db")
  "$cli" ingest --db "$db" "$big" > /dev/null 2>&1 &
  pid=$!
  delay=$(awk -v r="$RANDOM" -v t="$took" 'BEGIN { printf "%.2f", 0.2 + r / 32767 * (t - 0.5) }')
  sleep "$delay"
  if kill -9 "$pid" 2> /dev/null; then killed=yes; else killed=no; fi
  wait "$pid" 2> /dev/null
  after=$(traces "$db") || fail "round $i: the database does not open after kill -9 at ${delay}s"
  n_before=$(wc -w <<< "$before"); n_after=$(wc -w <<< "$after")
  if [ "$killed" = yes ] && [ "$after" = "$before" ]; then
    echo "  round $i: killed at ${delay}s: opens, $n_after trace(s), as committed before"
  elif [ "$after" = "$before $n_after:$big" ] || { [ "$killed" = no ] && [ "$n_after" -eq $((n_before + 1)) ]; }; then
    echo "  round $i: the ingest ended before the kill at ${delay}s: $n_after trace(s)"
  else
    fail "round $i: before '$before', after '$after'"
  fi
done

echo "== Ctrl-C (SIGINT) during an ingest"
before=$(traces "$db")
"$cli" ingest --db "$db" "$big" > /dev/null 2> "$work/int.err" &
pid=$!; sleep 1.5; kill -INT "$pid"; wait "$pid"; code=$?
[ "$code" -eq 130 ] || fail "SIGINT: exit $code: $(cat "$work/int.err")"
one_line "$work/int.err"
[ "$(traces "$db")" = "$before" ] || fail "SIGINT changed the database"
echo "  exit 130: $(cat "$work/int.err")"
"$cli" ingest --db "$work/new.duckdb" "$big" > /dev/null 2> "$work/int.err" &
pid=$!; sleep 1.5; kill -INT "$pid"; wait "$pid"; code=$?
[ "$code" -eq 130 ] && [ ! -e "$work/new.duckdb" ] || fail "SIGINT into a new database: exit $code, file left: $(ls "$work")"
echo "  into a new database: exit 130, no file left"

echo "== the database held open by another process"
# a query that takes seconds and writes nothing holds the lock
"$cli" sql --db "$db" "SELECT count(*) FROM range(20000000000)" > /dev/null 2>&1 &
holder=$!; sleep 2
sum=$(md5sum < "$db")
"$cli" ingest --db "$db" "$small" > /dev/null 2> "$work/lock.err"; code=$?
[ "$code" -eq 2 ] || fail "locked: exit $code"
one_line "$work/lock.err"
[ "$(md5sum < "$db")" = "$sum" ] || fail "the locked file changed"
echo "  exit 2, file untouched: $(cut -c1-160 "$work/lock.err")"
kill -9 "$holder"; wait "$holder" 2> /dev/null

echo "== a read-only path"
ro="$work/ro"; mkdir -p "$ro"; before=$(traces "$db")
cp "$db" "$ro/t.duckdb"
if [ "$(id -u)" -eq 0 ]; then mount -t tmpfs -o size=64m tmpfs "$ro" && cp "$db" "$ro/t.duckdb" && mount -o remount,ro "$ro"
else chmod 0444 "$ro/t.duckdb"; chmod 0555 "$ro"; fi
"$cli" ingest --db "$ro/t.duckdb" "$small" > /dev/null 2> "$work/ro.err"; code=$?
[ "$code" -eq 2 ] || fail "read-only: exit $code: $(cat "$work/ro.err")"
one_line "$work/ro.err"
[ "$(traces "$ro/t.duckdb")" = "$before" ] || fail "read-only database changed"
echo "  exit 2: $(cut -c1-160 "$work/ro.err")"
[ "$(id -u)" -eq 0 ] && umount "$ro" || chmod 0755 "$ro"

echo "== a full disk"
if [ "$(id -u)" -ne 0 ]; then
  echo "  skipped: mounting a small tmpfs needs root"
else
  full="$work/full"; mkdir -p "$full"
  mount -t tmpfs -o size=24m tmpfs "$full" || fail "cannot mount tmpfs"
  cp "$db" "$full/t.duckdb"; before=$(traces "$full/t.duckdb")
  head -c $(( 24 * 1024 * 1024 - $(stat -c %s "$full/t.duckdb") - 3 * 1024 * 1024 )) /dev/zero > "$full/filler"
  "$cli" ingest --db "$full/t.duckdb" "$big" > /dev/null 2> "$work/full.err"; code=$?
  [ "$code" -eq 2 ] || fail "full disk: exit $code: $(cat "$work/full.err")"
  one_line "$work/full.err"
  rm "$full/filler"
  [ "$(traces "$full/t.duckdb")" = "$before" ] || fail "full disk changed the database"
  echo "  exit 2: $(cut -c1-160 "$work/full.err")"
  umount "$full"
fi
echo "all faults held"
