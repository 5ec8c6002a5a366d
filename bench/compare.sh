#!/usr/bin/env bash
# Two checkouts of ptrace-analyze compared command by command on one capture, as users run
# them (the launcher, JVM start included): each round runs every command on BEFORE, then on
# AFTER, before the next command, so that a slow spell of the machine (a shared VM) falls on
# both sides alike. Prints one Markdown table: median wall time and CPU time (user + sys) of
# the rounds, and the highest and mean peak RSS.
# Usage: bench/compare.sh BEFORE_DIR AFTER_DIR [CAPTURE]   (default: churn-1.5s of ../shared/bench)
#        ROUNDS=8 bench/compare.sh ...   RULES=DIR: check's rules (default: BEFORE's examples/rules,
#        so that both sides run the same rules)
# Needs GNU time (/usr/bin/time).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
before=$(cd "$1" && pwd); after=$(cd "$2" && pwd)
capture=${3:-$root/../shared/bench/churn-1.5s.perf.txt.gz}
rounds=${ROUNDS:-6}
rules=${RULES:-$before/examples/rules}
out="$root/bench/out/compare"
mkdir -p "$out"
[ -x /usr/bin/time ] || { echo "bench/compare.sh: needs GNU time (apt-get install time)" >&2; exit 2; }
for side in "$before" "$after"; do "$side/ptrace-analyze" --version >/dev/null; done

# one run: "SIDE COMMAND WALL_MS CPU_S RSS_KB"
run() {
  local side=$1 name=$2; shift 2
  local s e
  s=$(date +%s%N)
  /usr/bin/time -f "%U %S %M" -o "$out/time.txt" "$@" >/dev/null 2>&1 || true
  e=$(date +%s%N)
  read -r user sys rss < <(tail -1 "$out/time.txt")
  echo "$side $name $(( (e - s) / 1000000 )) $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') $rss"
}

for ((r = 0; r < rounds; r++)); do
  for side in before after; do
    dir=$before; [ $side = after ] && dir=$after
    rm -f "$out/$side.duckdb" "$out/$side.duckdb.wal"
    run $side ingest "$dir/ptrace-analyze" ingest "$capture" --db "$out/$side.duckdb"
  done
  for cmd in report findings chains inversions attribute check contention; do
    for side in before after; do
      dir=$before; [ $side = after ] && dir=$after
      db="$out/$side.duckdb"
      case $cmd in
        report) run $side report "$dir/ptrace-analyze" "$capture" ;;
        contention) run $side contention "$dir/ptrace-analyze" contention "$capture" ;;
        check) run $side check "$dir/ptrace-analyze" check --db "$db" --rules "$rules" ;;
        *) run $side "$cmd" "$dir/ptrace-analyze" "$cmd" --db "$db" ;;
      esac
    done
  done
done > "$out/runs.txt"

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
echo "$(date -u +%Y-%m-%d), $(nproc) cores ($cpu); $rounds rounds, medians;" \
  "\`bench/compare.sh $*\`"
echo
echo "| command | before s | after s | wall | CPU s before -> after | peak RSS MiB before, max (mean) | after |"
echo "|---|---|---|---|---|---|---|"
awk '
  function median(list,   n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  { k = $2 SUBSEP $1; wall[k] = wall[k] " " $3 / 1000; cpu[k] = cpu[k] " " $4
    rss = $5 / 1024; if (rss > max[k]) max[k] = rss; sum[k] += rss; n[k]++
    if (!($2 in seen)) { seen[$2] = 1; order[++cmds] = $2 } }
  END {
    for (i = 1; i <= cmds; i++) {
      c = order[i]; b = c SUBSEP "before"; a = c SUBSEP "after"
      bw = median(wall[b]); aw = median(wall[a]); bc = median(cpu[b]); ac = median(cpu[a])
      printf "| %s | %.2f | %.2f | %+.1f%% | %.2f -> %.2f (%+.1f%%) | %d (%d) | %d (%d) |\n", c, bw, aw,
        100 * (aw - bw) / bw, bc, ac, 100 * (ac - bc) / bc, max[b], sum[b] / n[b], max[a], sum[a] / n[a]
    }
  }' "$out/runs.txt"
