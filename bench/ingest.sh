#!/usr/bin/env bash
# Ingest benchmark: builds a perf script file of at least SIZE_MB megabytes by concatenating the
# real traces in testdata/ (decompressed, each one's clock moved to go on 1 s after the one
# before and its header lines dropped, so that the file is one capture), ingests it into a DuckDB file with the built CLI and
# reports throughput (MB/s of text) and peak memory (RSS of the whole process, JVM and DuckDB).
# The ingest includes the derived tables (locks, waits, holds, thread_states, blame); then the
# chains and inversions commands are timed on the stored database (JVM start included).
# Usage: bench/ingest.sh [SIZE_MB ...]   (default: 150). Writes into bench/out/ (ignored by git).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench/out"
mkdir -p "$out"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(150)
"$root/ptrace-analyze" --version >/dev/null

# the real perf traces, smallest first, so that the input ends close to SIZE_MB
mapfile -t traces < <(for f in "$root"/testdata/traces/perf-*.txt.gz "$root"/testdata/captures/perf-*.txt.gz; do
  echo "$(zcat "$f" | wc -c) $f"; done | sort -n | cut -d' ' -f2-)
runs=${RUNS:-3}

peak_rss_kb() { # runs "$@", prints the peak RSS in kB on fd 3
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%M' -o "$out/time.txt" "$@"
    cat "$out/time.txt" >&3
  else
    "$@" & local pid=$! peak=0 rss
    while kill -0 "$pid" 2>/dev/null; do
      rss=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
      [ "${rss:-0}" -gt "$peak" ] && peak=$rss
      sleep 0.2
    done
    wait "$pid"
    echo "$peak" >&3
  fi
}

echo "ptrace-analyze ingest into a DuckDB file; median of $runs runs, whole command (JVM start included)"
printf '%-10s %10s %12s %9s %10s %12s\n' "input" "MB" "events" "seconds" "MB/s" "peak RSS MB"
for size in "${sizes[@]}"; do
  # the real traces, one after another, round after round, until SIZE_MB is reached
  input="$out/bench-${size}MB.txt"
  if [ ! -s "$input" ]; then
    : > "$input"
    clock=0
    while [ "$(stat -c %s "$input")" -lt $((size * 1000000)) ]; do
      for f in "${traces[@]}"; do
        # event lines carry SECS.USECS: move them by one offset per trace; print the last time
        zcat "$f" | awk -v base="$clock" -v out="$input" '
          /^#/ { next }
          !/^\t/ && match($0, / [0-9]+\.[0-9]+: /) {
            ts = substr($0, RSTART + 1, RLENGTH - 3) + 0
            if (off == "") off = (base == 0 ? 0 : base + 1 - ts)
            last = ts + off
            $0 = substr($0, 1, RSTART) sprintf("%.6f", last) substr($0, RSTART + RLENGTH - 2)
          }
          { print >> out }
          END { printf "%.6f\n", last }' > "$out/clock.txt"
        clock=$(cat "$out/clock.txt")
        [ "$(stat -c %s "$input")" -lt $((size * 1000000)) ] || break
      done
    done
  fi
  bytes=$(stat -c %s "$input")
  db="$out/bench-${size}MB.duckdb"
  results=()
  for ((run = 0; run < runs; run++)); do
    rm -f "$db" "$db.wal"
    start=$(date +%s.%N)
    rss=$(peak_rss_kb "$root/ptrace-analyze" ingest "$input" --db "$db" 3>&1 >"$out/ingest.log")
    end=$(date +%s.%N)
    results+=("$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }') $rss")
  done
  events=$(grep -oE '[0-9,]+ events' "$out/ingest.log" | tr -d ', events')
  printf '%s\n' "${results[@]}" | sort -n | awk -v b="$bytes" -v n="$events" -v name="${size}MB" -v runs="$runs" '
    { t[NR] = $1; if ($2 > r) r = $2 }
    END { m = t[int((runs + 1) / 2)]
          printf "%-10s %10.1f %12d %9.2f %10.1f %12.0f\n", name, b / 1e6, n, m, b / 1e6 / m, r / 1024 }'
  for cmd in chains inversions; do
    times=()
    for ((run = 0; run < runs; run++)); do
      start=$(date +%s.%N)
      "$root/ptrace-analyze" "$cmd" --db "$db" > "$out/$cmd.txt"
      end=$(date +%s.%N)
      times+=("$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v name="${size}MB" -v cmd="$cmd" -v runs="$runs" '
      { t[NR] = $1 } END { printf "  %s --db (after ingest of %s): %.2f s\n", cmd, name, t[int((runs + 1) / 2)] }'
  done
done
