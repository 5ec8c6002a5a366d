#!/usr/bin/env bash
# Rewrites testdata/golden/ with the current build's output on the real traces: contention by
# caller and by thread (CSV, exact nanoseconds) for every perf trace, and the first report of
# perf-inversion. The end-to-end tests compare the CLI's output with these files; the
# agreement with perf lock contention itself is checked against the .oracle files.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root/testdata"
mkdir -p golden
for f in traces/perf-*.txt.gz traces/*.perf.txt.gz captures/perf-*.txt.gz samerun/*.perf.txt.gz \
    threetool/*.perf.txt.gz inversions/*.perf.txt.gz; do
  name=$(basename "$f" .txt.gz)
  "$root/ptrace-analyze" contention "$f" --by caller --format csv > "golden/$name.contention-caller.csv"
  "$root/ptrace-analyze" contention "$f" --by thread --format csv > "golden/$name.contention-thread.csv"
done
"$root/ptrace-analyze" traces/perf-inversion.txt.gz > golden/perf-inversion.report.txt
# wait chains and inversions of the convoy (docs/design.md scenario 4), from every tool
for f in traces/perf-inversion.txt.gz traces/ftrace-inversion.txt.gz \
    traces/same-run-inversion.perf.txt.gz traces/same-run-inversion.ftrace.txt.gz \
    traces/tracecmd-inversion.txt.gz traces/perf-munmap.txt.gz traces/ftrace-munmap.txt.gz; do
  name=$(basename "$f" .txt.gz)
  "$root/ptrace-analyze" chains "$f" > "golden/$name.chains.txt"
  "$root/ptrace-analyze" inversions "$f" > "golden/$name.inversions.txt"
done
# where the waiting went, from samples (churn), syscalls (inversion) and stacks (madvise)
for f in traces/perf-inversion.txt.gz traces/perf-churn-threshold128k.txt.gz \
    traces/perf-madvise.txt.gz traces/ftrace-inversion.txt.gz; do
  "$root/ptrace-analyze" attribute "$f" > "golden/$(basename "$f" .txt.gz).attribute.txt"
done
"$root/ptrace-analyze" contention traces/perf-inversion.txt.gz > golden/perf-inversion.contention.txt
# findings of every scenario (docs/design.md 1-5)
for name in perf-churn-threshold128k perf-churn-dynamic perf-munmap ftrace-munmap perf-inversion \
    ftrace-inversion perf-madvise bpftrace-contention ftrace-vmalloc perf-vmalloc-cpu; do
  "$root/ptrace-analyze" findings "traces/$name.txt.gz" > "golden/$name.findings.txt"
  "$root/ptrace-analyze" findings --format json "traces/$name.txt.gz" > "golden/$name.findings.json"
done
# user-space locks (futex): findings, contention by lock, wait chains
for name in perf-futex-mutex perf-futex-condvar perf-futex-only; do
  "$root/ptrace-analyze" findings "futex/$name.txt.gz" > "golden/$name.findings.txt"
  "$root/ptrace-analyze" contention "futex/$name.txt.gz" --by lock > "golden/$name.contention-lock.txt"
  "$root/ptrace-analyze" chains "futex/$name.txt.gz" > "golden/$name.chains.txt"
done
ls golden | wc -l
