#!/bin/bash
# Records a program from its first instruction with locks.bt: the program is started stopped,
# bpftrace attaches to its process id, and the program runs once bpftrace has printed its banner
# (on stdout: with -o FILE bpftrace buffers its output and the banner would come too late).
# Usage: record.sh OUT.txt PROGRAM ARGS...     (root; bpftrace 0.17 or later)
# Extra bpftrace options go in BPFTRACE_OPTS. The program's exit status is record.sh's.
# User frames (the futex syscalls' ustack) are named from one symbol cache for the program
# (BPFTRACE_CACHE_USER_SYMBOLS=1; by default bpftrace caches none where address space layout
# randomization is on, reads the symbols again for every frame, and falls seconds behind).
# bpftrace 0.17 names a frame only while its thread lives, and can abort when a thread ends
# while it looks one up: record.sh then says that the capture ends early.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 OUT.txt PROGRAM ARGS..." >&2; exit 2; }
OUT=$1; shift
HERE=$(cd "$(dirname "$0")" && pwd)
ulimit -l 8192 2>/dev/null || true
# The child stops itself before exec; its pid stays the program's pid after exec.
bash -c 'kill -STOP $$; exec "$@"' record "$@" &
PROG=$!
while [ "$(ps -o stat= -p "$PROG" | cut -c1)" != T ]; do sleep 0.01; done
BPFTRACE_PERF_RB_PAGES=${BPFTRACE_PERF_RB_PAGES:-1024} \
  BPFTRACE_CACHE_USER_SYMBOLS=${BPFTRACE_CACHE_USER_SYMBOLS:-1} bpftrace ${BPFTRACE_OPTS:-} "$HERE/locks.bt" "$PROG" > "$OUT" &
TRACER=$!
until grep -q 'Tracing lock contention' "$OUT" 2>/dev/null; do
  kill -0 "$TRACER" 2>/dev/null || { kill -KILL "$PROG"; echo "$0: bpftrace failed" >&2; exit 2; }
  sleep 0.05
done
kill -CONT "$PROG"
STATUS=0; wait "$PROG" || STATUS=$?
# bpftrace drops what is still in its ring buffers when interrupted, without a "Lost" line, and
# on a busy machine it prints far behind the program: interrupt it once its output stops growing.
SIZE=-1
while [ "$(stat -c %s "$OUT")" != "$SIZE" ]; do SIZE=$(stat -c %s "$OUT"); sleep 1; done
if kill -INT "$TRACER" 2>/dev/null; then
  wait "$TRACER" || true
else
  TRACED=0; wait "$TRACER" || TRACED=$?
  echo "$0: bpftrace ended by itself (exit status $TRACED): $OUT ends early" >&2
fi
exit $STATUS
