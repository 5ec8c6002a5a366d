#!/usr/bin/env bash
# Fuzzes the readers with Jazzer for longer than the build does: each target SECONDS long
# (default 600), JOBS at a time (default 2). Prints each target's executions and findings; a
# finding is written into parser/src/test/resources/dev/ptrace/analyze/fuzz/CLASSInputs/TARGET/
# crash-* (CLASS: TARGET's class, PerfScriptFuzzTest for perfScript; logs in target/fuzz/), where
# the build replays it as a regression test once the bug is fixed.
# Usage: scripts/fuzz.sh [SECONDS [JOBS [TARGET...]]]   (run from anywhere; needs mvn install)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-600}
jobs=${2:-2}
shift $(( $# > 2 ? 2 : $# ))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(perfScript ftrace traceCmd bpftrace bpftraceJson detectAndRead perfData traceDat)
out="$root/target/fuzz"
inputs=src/test/resources/dev/ptrace/analyze/fuzz
# fuzz a copy of the module, so that building the working tree meanwhile changes nothing under
# the fuzzers' feet; findings are copied back at the end
rm -rf "$out"; mkdir -p "$out/copy"
mkdir -p "$out/copy/parser"; cp "$root/pom.xml" "$out/copy/"; cp -r "$root/parser/pom.xml" "$root/parser/src" "$out/copy/parser/"
sed -i 's|<testdata.dir>.*</testdata.dir>|<testdata.dir>'"$root"'/testdata</testdata.dir>|' "$out/copy/pom.xml"
mvn -B -q -o -f "$out/copy/parser/pom.xml" test-compile > "$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
run() {
  # one target per run (the build's C1-only JVM options left out: long runs want C2)
  mvn -B -q -o -f "$out/copy/parser/pom.xml" surefire:test@fuzz -Dfuzz.seconds="$seconds" \
    -Dfuzz.test="${1^}FuzzTest" -Dfuzz.argLine="-Xmx256m -XX:-OmitStackTraceInFastThrow" \
    > "$out/$1.log" 2>&1 && echo "$1: no finding" || echo "$1: FINDING (see $out/$1.log)"
  grep -E '^#[0-9]+' "$out/$1.log" | tail -1 | sed "s/^/  $1: last status: /" || true
}
for t in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 5; done
  run "$t" &
done
wait
for f in "$out"/copy/parser/$inputs/*Inputs/*/crash-*; do
  [ -e "$f" ] || continue
  dir=$(basename "$(dirname "$(dirname "$f")")")/$(basename "$(dirname "$f")")
  [ -e "$root/parser/$inputs/$dir/$(basename "$f")" ] && continue  # kept before
  cp "$f" "$root/parser/$inputs/$dir/" && echo "finding kept: parser/$inputs/$dir/$(basename "$f")"
done
