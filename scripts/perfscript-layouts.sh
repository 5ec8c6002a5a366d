#!/usr/bin/env bash
# Prints the perf script layouts of testdata/perfscript-layouts/ from the captures of
# testdata/perfdata/ (and a fresh recording of scripts/workloads/inlined.c for the inlined
# frames), and folds each with FlameGraph's stackcollapse-perf.pl: NAME.txt.gz is the text,
# NAME.folded what stackcollapse-perf.pl (default options) printed for it, the reference
# export --folded must equal. Needs perf, gcc and perl; the inlined recording needs root.
# Usage: scripts/perfscript-layouts.sh STACKCOLLAPSE_PERF_PL [OUTDIR]
#   (default OUTDIR testdata/perfscript-layouts)
set -euo pipefail
collapse=${1:?usage: $0 STACKCOLLAPSE_PERF_PL [OUTDIR]}
root=$(cd "$(dirname "$0")/.." && pwd)
out=${2:-$root/testdata/perfscript-layouts}
captures="$root/testdata/perfdata"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
zcat "$captures/inversion.perf.data.gz" > "$work/inversion.perf.data"
zcat "$captures/churn.perf.data.gz" > "$work/churn.perf.data"
symbols=(--kallsyms "$captures/kallsyms" --symfs "$captures/symfs")

# the first EVENTS events of a perf script text whose callchains end in a blank line
first_events() {
  awk -v max="$1" 'BEGIN { RS = ""; ORS = "\n\n" } NR <= max'
}

# NAME EVENTS CAPTURE PERF-SCRIPT-OPTIONS...: one layout, cut after EVENTS events
layout() {
  local name=$1 events=$2 capture=$3
  shift 3
  perf script -i "$work/$capture.perf.data" "${symbols[@]}" "$@" 2> /dev/null \
    | first_events "$events" > "$work/$name.txt"
  finish "$name"
}

# the text gzipped and its fold by stackcollapse-perf.pl
finish() {
  gzip -9nc "$work/$1.txt" > "$out/$1.txt.gz"
  perl "$collapse" "$work/$1.txt" > "$out/$1.folded" 2> /dev/null
}

# the issue's layout: no time, no CPU, the pid alone
layout comm-pid 600 inversion -F comm,pid,event,ip,sym,dso
# time in microseconds, no CPU, no period, tracepoints without their payload
layout comm-tid-time 600 inversion -F comm,tid,time,event,ip,sym,dso
# (these captures' cpu-clock samples have no CPU: perf prints it for the tracepoints only)
# every id, nanoseconds, periods, symbol offsets; tracepoints without payload
layout all-ids-ns 600 inversion --ns -F trace:comm,pid,tid,cpu,time,period,event,ip,sym,symoff,dso \
  -F sw:comm,pid,tid,time,period,event,ip,sym,symoff,dso
# tracepoints with their payload among the cpu-clock samples
layout trace-and-samples 600 inversion -F trace:comm,tid,cpu,time,event,trace,ip,sym,symoff,dso \
  -F sw:comm,tid,time,period,event,ip,sym,symoff,dso
# no time, but periods and CPUs
layout no-time-period 600 inversion -F trace:comm,pid,tid,cpu,period,event,ip,sym,dso \
  -F sw:comm,pid,tid,period,event,ip,sym,dso
# perf script's own default fields
layout default-fields 600 churn
# no name, no module
layout tid-ip-sym 600 inversion -F tid,event,ip,sym
# the callchain hidden: the sampled address on the event line (no blank lines to cut at)
perf script -i "$work/inversion.perf.data" "${symbols[@]}" -G \
  -F comm,tid,time,period,event,ip,sym,dso 2> /dev/null | awk 'NR <= 2000' > "$work/one-line.txt"
finish one-line

# inlined frames: perf script --inline names them from the DWARF of a callchain unwound with
# DWARF (frame-pointer callchains show none)
gcc -O2 -g -fno-omit-frame-pointer -o "$work/inlined" "$root/scripts/workloads/inlined.c"
perf record -q --call-graph dwarf,16384 -e cpu-clock -c 1000000 -o "$work/inlined.perf.data" \
  -- "$work/inlined" 3000000 > /dev/null
perf script -i "$work/inlined.perf.data" --inline -F comm,tid,time,period,event,ip,sym,dso \
  2> /dev/null | first_events 600 | sed "s|$work/|/build/|" > "$work/inlined.txt"
finish inlined
