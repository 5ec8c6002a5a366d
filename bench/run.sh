#!/usr/bin/env bash
# The benchmark: every command of ptrace-analyze on real captures, as a user runs them (JVM start
# included), median wall time of RUNS runs (default 3) and the highest peak RSS of those runs,
# next to two baselines measured in the same run: a bare JVM reading the same file (gunzip and
# count lines: the floor any JVM tool pays) and `perf lock contention` on the capture's
# perf.data when one lies beside it (FILE.perf.txt[.gz] -> FILE.perf.data, as
# ../shared/capture/bench-capture.sh writes them).
#
# A CAPTURE that is a perf.data (../shared/capture/bench-capture.sh keeps OUT.perf.data) is
# measured as users run it on the file itself: report, contention and ingest of the perf.data,
# next to perf's own commands on it (perf script printing the text, perf lock contention).
# Usage: bench/run.sh [CAPTURE...]   (default: the captures in ../shared/bench/)
#        RUNS=5 bench/run.sh ...     COMMANDS="ingest findings" bench/run.sh ...
# Prints one Markdown table on stdout; work files go to bench/out/ (ignored by git).
# Needs GNU time (/usr/bin/time, Debian package "time") for the peak RSS.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench/out"
mkdir -p "$out"
runs=${RUNS:-3}
commands=${COMMANDS:-"ingest report findings chains inversions attribute check contention"}
captures=("$@")
if [ ${#captures[@]} -eq 0 ]; then
  captures=("$root"/../shared/bench/*.perf.txt.gz)
fi
[ -x /usr/bin/time ] || { echo "bench/run.sh: needs GNU time (apt-get install time)" >&2; exit 2; }
"$root/ptrace-analyze" --version >/dev/null   # builds when needed, outside the timings

# the bare JVM baseline: read the file as the tool does (gunzip when .gz), count its lines
javac -d "$out/scan" "$root/bench/LineCount.java"

# Runs "$@" RUNS times; prints "MEDIAN_SECONDS PEAK_MIB" (the command's output goes to $out/last.out)
measure() {
  local times=() peak=0 rss start end
  for ((r = 0; r < runs; r++)); do
    [ -z "${before:-}" ] || eval "$before"
    start=$(date +%s%N)
    local status=0
    /usr/bin/time -f '%M' -o "$out/rss.txt" "$@" > "$out/last.out" 2> "$out/last.err" || status=$?
    # exit 1 is an answer (check: a rule failed), not a failure of the tool
    if [ "$status" -gt 1 ]; then
      echo "bench/run.sh: exit $status: $*" >&2; tail -3 "$out/last.err" >&2
      echo "failed(exit-$status) -"; return
    fi
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
    rss=$(tail -1 "$out/rss.txt")
    [ "$rss" -gt "$peak" ] && peak=$rss
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v p="$peak" -v n="$runs" '
    { t[NR] = $1 } END { printf "%.2f %d\n", t[int((n + 1) / 2)] / 1000, p / 1024 }'
}

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
echo "$(date -u +%Y-%m-%d), $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB;" \
  "median of $runs runs, peak RSS the highest of them; \`bench/run.sh $*\`"
echo
echo "| capture | text MB | command | seconds | MB/s of text | peak RSS MiB |"
echo "|---|---|---|---|---|---|"
perfdata_rows() { # FILE.perf.data: the tool on the binary capture, and perf on it
  local f=$1 name mb db
  name=$(basename "$f"); mb=$(awk -v b="$(stat -c %s "$f")" 'BEGIN { printf "%.0f", b / 1e6 }')
  db="$out/$name.duckdb"
  prow() { set -- "$1" $2; printf '| %s | %s (perf.data) | %s | %s | | %s |\n' "$name" "$mb" "$1" "$2" "$3"; }
  prow "baseline: perf script -i FILE > /dev/null (the text)" "$(measure perf script -i "$f")"
  prow "baseline: perf lock contention -i FILE" "$(measure perf lock contention -i "$f")"
  prow "report FILE (ptrace-analyze FILE)" "$(measure "$root/ptrace-analyze" "$f")"
  prow "contention FILE" "$(measure "$root/ptrace-analyze" contention "$f")"
  before="rm -f '$db' '$db.wal'"
  prow "ingest FILE --db D" "$(measure "$root/ptrace-analyze" ingest "$f" --db "$db")"
  before=
}

for f in "${captures[@]}"; do
  if [[ "$f" == *.perf.data ]]; then
    perfdata_rows "$f"
    continue
  fi
  name=$(basename "$f"); name=${name%.gz}; name=${name%.txt}; name=${name%.perf}
  if [[ "$f" == *.gz ]]; then mb=$(zcat "$f" | wc -c); else mb=$(stat -c %s "$f"); fi
  mb=$(awk -v b="$mb" 'BEGIN { printf "%.0f", b / 1e6 }')
  row() { # command label, "seconds rss" [text: the command reads the text, MB/s applies]
    local rate=""
    [ "${3:-}" = text ] && [[ "$2" != failed* ]] \
      && rate=$(awk -v m="$mb" -v s="${2% *}" 'BEGIN { printf "%.0f", m / s }')
    set -- "$1" $2
    printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "$mb" "$1" "$2" "$rate" "$3"
  }
  row "baseline: JVM reads the file, counts lines" "$(measure java -cp "$out/scan" LineCount "$f")" text
  data="${f%.txt.gz}"; data="${data%.txt}.data"
  if [ -f "$data" ] && command -v perf >/dev/null; then
    row "baseline: perf lock contention on its perf.data" "$(measure perf lock contention -i "$data")"
  fi
  db="$out/$name.duckdb"
  for cmd in $commands; do
    case $cmd in
      ingest) before="rm -f '$db' '$db.wal'"
              row "ingest FILE --db D" "$(measure "$root/ptrace-analyze" ingest "$f" --db "$db")" text
              before= ;;
      report) row "report FILE (ptrace-analyze FILE)" "$(measure "$root/ptrace-analyze" "$f")" text ;;
      contention) row "contention FILE" "$(measure "$root/ptrace-analyze" contention "$f")" text ;;
      check) row "check --db D" "$(measure "$root/ptrace-analyze" check --db "$db" \
                --rules "$root/examples/rules")" ;;
      *) row "$cmd --db D" "$(measure "$root/ptrace-analyze" "$cmd" --db "$db")" ;;
    esac
  done
done
