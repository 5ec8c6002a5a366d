#!/usr/bin/env bash
# Fuzzes the readers with Jazzer for longer than the build does: each target SECONDS long
# (default 600), JOBS at a time (default 2). Prints each target's executions and findings; a
# finding is written into parser/src/test/resources/dev/ptrace/analyze/fuzz/ReaderFuzzTestInputs/
# TARGET/crash-*, where the build replays it as a regression test once the bug is fixed.
# Usage: scripts/fuzz.sh [SECONDS [JOBS [TARGET...]]]   (run from anywhere; needs mvn install)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-600}
jobs=${2:-2}
shift $(( $# > 2 ? 2 : $# ))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(perfScript ftrace traceCmd bpftrace bpftraceJson detectAndRead)
out="$root/parser/target/fuzz"
mkdir -p "$out"
run() {
  # each target in a copy of the module's build output, so that parallel runs do not collide
  mvn -B -q -o -f "$root/parser/pom.xml" surefire:test@"fuzz-$1" -Dfuzz.seconds="$seconds" \
    > "$out/$1.log" 2>&1 && echo "$1: no finding" || echo "$1: FINDING (see $out/$1.log)"
  grep -E '^#[0-9]+.*(DONE|pulse|NEW)' "$out/$1.log" | tail -1 | sed "s/^/  $1: last status: /" || true
}
for t in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 5; done
  run "$t" &
done
wait
