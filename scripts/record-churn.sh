#!/bin/bash
# Records the churn workload of ../shared/capture/wl.c (malloc/memset/free of 1 MiB buffers in 4
# threads) with perf, as ../shared/capture/capture.sh does, under a given malloc environment:
# the before and after of the mmap-threshold finding.
# Usage: record-churn.sh OUTDIR NAME SECONDS [VAR=VALUE...]   (root, perf; gcc builds wl once)
# Writes NAME.txt.gz (perf script) and NAME.log (the workload's own count of malloc/free pairs).
set -euo pipefail
OUT=$1 NAME=$2 SECS=$3; shift 3; mkdir -p "$OUT"
HERE=$(cd "$(dirname "$0")" && pwd); SRC=${WL_SOURCE:-$HERE/../../shared/capture/wl.c}
WL=${WL:-/tmp/wl/wl}; [ -x "$WL" ] || { mkdir -p "$(dirname "$WL")"; gcc -O2 -g -fno-omit-frame-pointer -pthread -o "$WL" "$SRC"; }
EV="-e lock:contention_begin -e lock:contention_end -e mmap_lock:mmap_lock_start_locking -e mmap_lock:mmap_lock_acquire_returned -e mmap_lock:mmap_lock_released -e sched:sched_switch -e sched:sched_waking"
for s in munmap mmap madvise mprotect brk; do EV="$EV -e syscalls:sys_enter_$s -e syscalls:sys_exit_$s"; done
env "$@" perf record -q -g -o "$OUT/$NAME.data" $EV -e cpu-clock -c 250000 -- "$WL" churn "$SECS" 4 > "$OUT/$NAME.log"
perf script -i "$OUT/$NAME.data" 2> /dev/null | gzip -9 > "$OUT/$NAME.txt.gz"
rm -f "$OUT/$NAME.data" "$OUT/$NAME.data.old"
cat "$OUT/$NAME.log"
