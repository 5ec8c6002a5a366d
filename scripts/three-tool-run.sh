#!/bin/bash
# One run of a program recorded by perf, tracefs and bpftrace (scripts/bpftrace/locks.bt) at the
# same time, so the three texts describe the same lock waits; perf lock contention on the
# perf.data is the peer's answer for all three.
# Usage: three-tool-run.sh OUTDIR NAME PROGRAM ARGS...   (root, perf, tracefs, bpftrace 0.17+)
# Writes NAME.perf.txt, NAME.ftrace.txt, NAME.bpftrace.txt, NAME.pid and the oracles. tracefs
# follows the program's process and its children (set_event_pid, event-fork), not bpftrace's.
set -euo pipefail
OUT=$1 NAME=$2; shift 2; mkdir -p "$OUT"; HERE=$(cd "$(dirname "$0")" && pwd)
T=/sys/kernel/tracing; mountpoint -q $T || mount -t tracefs nodev $T
TP="lock:contention_begin lock:contention_end mmap_lock:mmap_lock_start_locking mmap_lock:mmap_lock_acquire_returned mmap_lock:mmap_lock_released sched:sched_switch sched:sched_waking syscalls:sys_enter_madvise syscalls:sys_exit_madvise syscalls:sys_enter_mprotect syscalls:sys_exit_mprotect syscalls:sys_enter_munmap syscalls:sys_exit_munmap syscalls:sys_enter_mmap syscalls:sys_exit_mmap"
echo 0 > $T/tracing_on; echo > $T/trace; echo > $T/set_event; echo 16384 > $T/buffer_size_kb
for e in $TP; do echo $e >> $T/set_event; done
echo 1 > $T/options/record-tgid; echo 1 > $T/options/event-fork
# record.sh starts the program stopped and resumes it once bpftrace is attached; the program's
# first acts are to point tracefs at its own process id and to start perf on it, giving perf a
# second to attach.
PDATA=$OUT/$NAME.p.data
"$HERE/bpftrace/record.sh" "$OUT/$NAME.bpftrace.txt" bash -c \
  'echo $$ > $1/set_event_pid; echo 1 > $1/tracing_on
   perf record -q -g -o "$2" $3 -p $$ 2> /dev/null & sleep 1; shift 3; exec "$@"' \
  perf $T "$PDATA" "$(for e in $TP; do printf -- '-e %s ' $e; done)" "$@" > /dev/null
while pgrep -f "perf record -q -g -o $PDATA" > /dev/null; do sleep 0.1; done
echo 0 > $T/tracing_on
cat $T/trace > "$OUT/$NAME.ftrace.txt"
echo > $T/set_event; echo > $T/set_event_pid; echo > $T/trace; echo 0 > $T/options/event-fork
echo 0 > $T/options/record-tgid; echo 1408 > $T/buffer_size_kb
perf script -i "$PDATA" > "$OUT/$NAME.perf.txt"
perf lock contention -i "$PDATA" -E 100000 > "$OUT/$NAME.perf-lock-caller.oracle" 2>&1
perf lock contention -i "$PDATA" -t -E 100000 > "$OUT/$NAME.perf-lock-thread.oracle" 2>&1
grep -m1 '^Tracing lock contention' "$OUT/$NAME.bpftrace.txt" > /dev/null
awk 'NR > 2 && $2 ~ /^[0-9]+\/[0-9]+$/ { split($2, a, "/"); print a[1]; exit }' "$OUT/$NAME.bpftrace.txt" > "$OUT/$NAME.pid"
rm -f "$PDATA" "$PDATA.old"
grep -m1 entries-in-buffer "$OUT/$NAME.ftrace.txt"   # entries-in-buffer < entries-written means events were lost
