#!/bin/bash
# Checks the pprof export with Go's own reader: for every perf trace given (default: the
# shared perf traces in testdata/traces), `go tool pprof -top -sample_index=wait` and
# `-sample_index=contentions` must total what `ptrace-analyze contention` totals.
# Usage: pprof-check.sh [TRACE...]   (needs go: Debian's golang-go)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); PA="$HERE/../ptrace-analyze"; TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
[ $# -gt 0 ] || set -- "$HERE"/../testdata/traces/perf-*.txt.gz "$HERE"/../testdata/traces/*.perf.txt.gz
fail=0
printf '%-40s %12s %18s %12s %18s %s\n' trace waits wait_ns pprof_waits pprof_wait_ns result
for t in "$@"; do
  "$PA" export --pprof "$TMP/p.pb.gz" "$t"
  read -r n ns <<< "$("$PA" contention "$t" --format csv | awk -F, 'NR > 1 { c += $1; s += $2 } END { printf "%.0f %.0f", c, s }')"
  pn=$(go tool pprof -top -sample_index=contentions "$TMP/p.pb.gz" 2>/dev/null | sed -n 's/.* of \([0-9]*\) total.*/\1/p')
  pns=$(go tool pprof -top -sample_index=wait -unit=ns "$TMP/p.pb.gz" 2>/dev/null | sed -n 's/.* of \([0-9]*\)ns total.*/\1/p')
  pn=${pn:-0} pns=${pns:-0}
  ok=equal; [ "$n" = "$pn" ] && [ "$ns" = "$pns" ] || { ok=DIFFERENT; fail=1; }
  printf '%-40s %12s %18s %12s %18s %s\n' "$(basename "$t")" "$n" "$ns" "$pn" "$pns" "$ok"
done
exit $fail
