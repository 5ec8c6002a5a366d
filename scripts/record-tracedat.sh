#!/usr/bin/env bash
# Records the trace.dat files of testdata/tracedat/ (needs root, trace-cmd, gcc, tracefs) and what
# trace-cmd itself prints of each: trace-cmd report -t (all nine decimals), the tables' reference.
# trace-cmd record cannot enable ftrace on these machines: the events are enabled through tracefs,
# the workload runs, then trace-cmd extract reads the buffers into a file (version 7, zstd, as
# trace-cmd 3.1 writes by default); trace-cmd convert writes the other versions. extract saves
# /proc/kallsyms whole: it is shown, in a mount namespace of its own, an excerpt instead (the
# functions the stack traces name, the symbol after each, _text), which keeps the files small.
# Usage: scripts/record-tracedat.sh [OUTDIR]   (default testdata/tracedat)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/testdata/tracedat}
wl_src="$root/../shared/capture/wl.c"
work=/tmp/ptrace-tracedat
rm -rf "$work" && mkdir -p "$work" "$out"
gcc -O2 -g -fno-omit-frame-pointer -pthread -o "$work/wl" "$wl_src"
T=/sys/kernel/tracing
[ -d $T/events ] || mount -t tracefs nodev $T
locks="lock:contention_begin lock:contention_end mmap_lock:mmap_lock_start_locking
  mmap_lock:mmap_lock_acquire_returned mmap_lock:mmap_lock_released sched:sched_switch sched:sched_waking"
calls="syscalls:sys_enter_madvise syscalls:sys_exit_madvise syscalls:sys_enter_mprotect
  syscalls:sys_exit_mprotect"
buffer_kb=$(awk '{ print ($2 == "(expanded:") ? $3 + 0 : $1 }' $T/buffer_size_kb)
cd "$work"

# capture NAME STACKTRACE BUFFER_KB "EVENTS" COMMAND...: NAME.dat, as trace-cmd extract writes it
capture() {
  local name=$1 stacks=$2 kb=$3 events=$4
  shift 4
  echo 0 > $T/tracing_on; echo > $T/set_event; echo "$kb" > $T/buffer_size_kb; echo > $T/trace
  for e in $events; do echo "$e" >> $T/set_event; done
  echo "$stacks" > $T/options/stacktrace; echo 1 > $T/tracing_on
  "$@" > /dev/null
  echo 0 > $T/tracing_on; echo 0 > $T/options/stacktrace
  # the kallsyms excerpt, from tracefs's own text of the same buffers (reading it consumes nothing):
  # the symbols libtraceevent names addresses with (not absolute, not $-names), those the stack
  # traces name, the next one after each (where libtraceevent ends a function) and _text
  awk '$1 == "=>" { print $2 }' $T/trace | sort -u > "$name.used"
  sort /proc/kallsyms | awk '$2 != "a" && $2 != "A" && $3 !~ /^\$/' \
    | awk 'FILENAME == ARGV[1] { used[$1] = 1; next }
           { n++; addr[n] = $1; line[n] = $0; want[n] = used[$3] || $3 == "_text" }
           END { for (i = 1; i <= n; i++) if (want[i]) {
                   keep[i] = 1
                   for (k = i + 1; k <= n && addr[k] == addr[i]; k++) ;
                   if (k <= n) keep[k] = 1 }
                 for (i = 1; i <= n; i++) if (keep[i]) print line[i] }' "$name.used" - > "$name.kallsyms"
  unshare -m sh -c "mount --bind $work/$name.kallsyms /proc/kallsyms \
    && trace-cmd extract -o $work/$name.dat" > /dev/null 2>&1
  echo > $T/set_event; echo > $T/trace
}

report() { # FILE: trace-cmd report -t of it
  trace-cmd report -t -i "$1" 2> /dev/null
}

# the priority inversion (lock, mmap_lock, scheduler and madvise/mprotect events): version 7 with
# zstd-compressed sections as extract wrote it, and the same file as version 6 (gzipped)
capture inversion 0 4096 "$locks $calls" ./wl inversion 0.3 3
trace-cmd convert -i inversion.dat --file-version 6 -o inversion.v6.dat > /dev/null 2>&1
cp inversion.dat "$out/inversion.v7-zstd.dat"
gzip -9nc inversion.v6.dat > "$out/inversion.v6.dat.gz"
report inversion.dat | gzip -9n > "$out/inversion.report.txt.gz"
report inversion.v6.dat | cmp - <(report inversion.dat)   # trace-cmd reads both the same

# the madvise convoy with a kernel stack trace after every event: version 7 uncompressed (gzipped)
capture madvise-stacks 1 4096 "lock:contention_begin lock:contention_end sched:sched_switch
  sched:sched_waking syscalls:sys_enter_madvise syscalls:sys_exit_madvise" ./wl madvise 0.03 3
trace-cmd convert -i madvise-stacks.dat --compression none -o madvise-stacks.v7.dat > /dev/null 2>&1
gzip -9nc madvise-stacks.v7.dat > "$out/madvise-stacks.v7.dat.gz"
report madvise-stacks.v7.dat | gzip -9n > "$out/madvise-stacks.report.txt.gz"

# a ring buffer of a few pages overwritten many times: pages flagged with the events they missed
capture lost 0 16 "$locks" ./wl inversion 0.2 3
cp lost.dat "$out/lost.v7-zstd.dat"
report lost.dat | gzip -9n > "$out/lost.report.txt.gz"

echo "$buffer_kb" > $T/buffer_size_kb

# the seeds of TraceDatFuzzTest: small files of these captures' first pages and the
# formats they use (a capture's formats of every system make each run of the target slow)
seeds=$root/parser/src/test/resources/dev/ptrace/analyze/fuzz/TraceDatFuzzTestInputs/traceDat
mkdir -p "$seeds"
convert() { trace-cmd convert "$@" > /dev/null 2>&1; }
python3 "$root/scripts/tracedat-seeds.py" inversion.v6.dat "$seeds/inversion-v6" 2
convert -i "$seeds/inversion-v6" --file-version 7 --compression zstd -o "$seeds/inversion-v7-zstd"
convert -i madvise-stacks.dat --file-version 6 -o madvise-stacks.v6.dat
python3 "$root/scripts/tracedat-seeds.py" madvise-stacks.v6.dat stacks.v6.dat 2
convert -i stacks.v6.dat --file-version 7 --compression none -o "$seeds/stacks-v7"
convert -i lost.dat --file-version 6 -o lost.v6.dat
python3 "$root/scripts/tracedat-seeds.py" lost.v6.dat "$seeds/lost-v6" 2
{ uname -r; trace-cmd --version 2>&1 | grep '^trace-cmd version'; } > "$out/KERNEL"
ls -la "$out"
