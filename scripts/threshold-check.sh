#!/bin/bash
# Checks the mmap-threshold model against reality: records the churn workload with a fixed
# 128 KiB threshold, asks ptrace-analyze findings for its recommendation, records the workload
# again with it (and with the mmap threshold alone, without the trim threshold), and prints
# predicted against measured: mmap/munmap calls and mmap_lock waiting per trace.
# Usage: threshold-check.sh OUTDIR [RUNS]   (root, perf; see record-churn.sh)
set -euo pipefail
OUT=$1 RUNS=${2:-3}; HERE=$(cd "$(dirname "$0")" && pwd); PA="$HERE/../ptrace-analyze"
measure() { # -> "calls madvises waits wait_ms span_ms"
  "$PA" sql --db "$OUT/m.db" --format csv "SELECT
      (SELECT count(*) FROM syscalls WHERE phase = 'enter' AND name IN ('mmap', 'munmap')),
      (SELECT count(*) FROM syscalls WHERE phase = 'enter' AND name = 'madvise'),
      (SELECT count(*) FROM waits w JOIN locks l USING (trace_id, lock_id) WHERE l.name = 'mmap_lock'),
      (SELECT coalesce(sum(duration_ns), 0) / 1e6 FROM waits w JOIN locks l USING (trace_id, lock_id) WHERE l.name = 'mmap_lock'),
      (SELECT (last_ts - first_ts) / 1e6 FROM traces)" | tail -1 | tr ',' ' '; }
printf '%-14s %6s %10s %8s %6s %9s %13s %8s %9s\n' run calls pred_calls madvise waits wait_ms pred_saved_ms span_ms ops
for i in $(seq 1 "$RUNS"); do
  "$HERE/record-churn.sh" "$OUT" before-$i 0.05 MALLOC_MMAP_THRESHOLD_=131072 > /dev/null
  rm -f "$OUT/m.db"; "$PA" ingest --db "$OUT/m.db" "$OUT/before-$i.txt.gz" > /dev/null
  json=$("$PA" findings --db "$OUT/m.db" --format json)
  read -r T TRIM REMOVED SAVED <<< "$(python3 -c 'import json,sys
f=[x for x in json.load(sys.stdin)["findings"] if x["scenario"]=="mmap-threshold"][0]["figures"]
print(f["recommended_threshold"], f["recommended_trim_threshold"], f["calls_removed"], f["wait_ns_removed"]/1e6)' <<< "$json")"
  read -r calls madv waits ms span <<< "$(measure)"
  printf '%-14s %6s %10s %8s %6s %9.2f %13.2f %8.2f %9s\n' before-$i "$calls" "$((calls - REMOVED))" "$madv" "$waits" "$ms" "$SAVED" "$span" "$(awk '{print $4}' "$OUT/before-$i.log")"
  for cfg in "after-$i MALLOC_MMAP_THRESHOLD_=$T MALLOC_TRIM_THRESHOLD_=$TRIM" "mmap-only-$i MALLOC_MMAP_THRESHOLD_=$T"; do
    set -- $cfg; name=$1; shift
    "$HERE/record-churn.sh" "$OUT" "$name" 0.05 "$@" > /dev/null
    rm -f "$OUT/m.db"; "$PA" ingest --db "$OUT/m.db" "$OUT/$name.txt.gz" > /dev/null
    read -r calls madv waits ms span <<< "$(measure)"
    printf '%-14s %6s %10s %8s %6s %9.2f %13s %8.2f %9s\n' "$name" "$calls" - "$madv" "$waits" "$ms" - "$span" "$(awk '{print $4}' "$OUT/$name.log")"
  done
done
rm -f "$OUT/m.db"
