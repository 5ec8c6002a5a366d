#!/usr/bin/env bash
# The lake benchmark (docs/fleet.md): a lake of N traces (default 1,000), made of the perf
# script traces of testdata/ ingested again and again, each copy a capture of its own: a
# perf script --header block (hostname ci-00..ci-09, "captured on" a minute of a day of
# November 2026, its own for each copy)
# prepended as a gzip member, so that every copy has its own content hash, host and day, both
# read from the capture's header as ingest --lake reads them. Measures: the ingest into the
# lake (one `ingest --lake` of all copies, --jobs the CPUs, with the JVM's full JIT as a run of
# many minutes wants: traces/s, MB/s of input, peak RSS), its compaction (`compact`), the
# lake's size against the DuckDB files of the same traces, each fleet question on DuckDB (the
# command as users run it, JVM start included, median of RUNS) before and after compaction
# and, when the spark module is built, on Spark local[2] (FleetJob's own timings, one
# session); and that a query filtered to one host or day reads only those folders (DuckDB's
# EXPLAIN ANALYZE).
# INGESTED=K (a multiple of the number of sources, default N) ingests the first K copies only
# and files each other copy as a copy of the trace folder of an ingested one of the same
# source, under its own content hash, host and day (as lakes merge: by copying folders): the
# lake's layout and sizes are those of N ingested traces, the ingest rate is measured on K.
# Usage: bench/lake.sh [N]    RUNS=5 bench/lake.sh    INGESTED=100 bench/lake.sh 1000    KEEP=1 keeps bench/out/lake/ and the copies
#        REUSE=1 bench/lake.sh N: the lake and copies a KEEP=1 run kept (loose again: not compacted),
#        measured again without ingesting them
# Prints Markdown on stdout; needs GNU time.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench/out"
n=${1:-1000}
runs=${RUNS:-3}
lake="$out/lake"
copies="$out/lake-copies"
[ -x /usr/bin/time ] || { echo "bench/lake.sh: needs GNU time (apt-get install time)" >&2; exit 2; }
cli="$root/ptrace-analyze"
"$cli" --version > /dev/null   # builds when needed, outside the timings

# the sources: every perf script trace of testdata/ but one that has a header already
mapfile -t sources < <(cd "$root" && ls testdata/traces/perf-*.txt.gz testdata/captures/perf-*.txt.gz \
  testdata/samerun/*.perf.txt.gz testdata/threshold/*.txt.gz | grep -v with-header)
if [ -z "${REUSE:-}" ]; then
rm -rf "$lake" "$copies"
mkdir -p "$copies"
for ((i = 0; i < n; i++)); do
  src=${sources[$((i % ${#sources[@]}))]}
  host=$(printf 'ci-%02d' $((i % 10)))
  day=$(( (i / 10) % 30 + 1 ))
  {
    printf '# ========\n# captured on    : %s\n# hostname : %s\n# ========\n#\n' \
      "$(LC_ALL=C date -u -d "$(printf '2026-11-%02d %02d:%02d:00' $day $((i / 60 % 24)) $((i % 60)))" '+%a %b %e %H:%M:%S %Y')" "$host" \
      | gzip -c
    cat "$root/$src"
  } > "$copies/copy-$(printf %04d $i).txt.gz"
done
fi

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
echo "$(date -u +%Y-%m-%d), $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB;" \
  "\`bench/lake.sh $n\` ($n copies of ${#sources[@]} perf script traces of testdata/)"
echo

if [ -z "${REUSE:-}" ]; then
start=$(date +%s%N)
ingested=${INGESTED:-$n}
mapfile -t all < <(ls "$copies"/*.gz)
PTRACE_ANALYZE_JAVA_OPTS="-Xmx512m -XX:+UseSerialGC" /usr/bin/time -f '%M' \
  -o "$out/lake-rss.txt" "$cli" --quiet ingest "${all[@]:0:$ingested}" --lake "$lake" \
  > "$out/lake-ingest.out" 2> "$out/lake-ingest.err"
end=$(date +%s%N)
for ((i = ingested; i < n; i++)); do
  j=$((i % ingested))
  from=$(find "$lake" -mindepth 3 -maxdepth 3 -name "trace_id=$(sha256sum "${all[$j]}" | cut -c1-16)")
  day=$(( (i / 10) % 30 + 1 ))
  to="$lake/date=2026-11-$(printf %02d $day)/host=$(printf 'ci-%02d' $((i % 10)))"
  mkdir -p "$to"
  cp -r "$from" "$to/trace_id=$(sha256sum "${all[$i]}" | cut -c1-16)"
done
echo $(( end - start )) > "$out/lake-ingest-ns.txt"
cp -r "$lake" "$out/lake-loose"
else
  rm -rf "$lake"; cp -r "$out/lake-loose" "$lake"
  start=0; end=$(cat "$out/lake-ingest-ns.txt")
fi
secs=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.1f", ns / 1e9 }')
traces=$(find "$lake" -mindepth 3 -maxdepth 3 -name 'trace_id=*' | wc -l)
echo "| ingest --lake | traces | seconds | traces/s | MB/s of input (gzip) | peak RSS MiB |"
echo "|---|---|---|---|---|---|"
ingested=${INGESTED:-$n}
ingested_bytes=$(ls "$copies"/*.gz | head -n "$ingested" | xargs cat | wc -c)
awk -v k="$ingested" -v s="$secs" -v b="$ingested_bytes" -v r="$(tail -1 "$out/lake-rss.txt")" \
  'BEGIN { printf "| %d files, --jobs %d | %d | %s | %.2f | %.2f | %d |\n", k, '"$(nproc)"', k, s, k / s, b / 1e6 / s, r / 1024 }'
echo
echo "The lake: $traces traces ($ingested ingested, the others filed as copies of their folders)."
echo

# the same traces as DuckDB files: each source once (with its analysis tables), times its copies
lake_bytes=$(du -sb "$lake" | cut -f1)
db_bytes=0
for ((s = 0; s < ${#sources[@]}; s++)); do
  db="$out/lake-source.duckdb"
  rm -f "$db" "$db.wal"
  "$cli" --quiet ingest "$root/${sources[$s]}" --db "$db" > /dev/null
  "$cli" --quiet export --db "$db" --lake "$out/lake-scratch" 2> /dev/null   # fills the analysis tables
  size=$(stat -c %s "$db")
  count=$(( n / ${#sources[@]} + (s < n % ${#sources[@]} ? 1 : 0) ))
  db_bytes=$((db_bytes + size * count))
done
rm -rf "$out/lake-scratch" "$out/lake-source.duckdb"
echo "| storage | MB |"
echo "|---|---|"
awk -v l="$lake_bytes" -v d="$db_bytes" 'BEGIN {
  printf "| the lake (%s traces, Parquet, zstd) | %.1f |\n| the same traces as DuckDB files, one per trace | %.1f |\n| lake / DuckDB files | %.2f |\n", '"$traces"', l / 1e6, d / 1e6, l / d }'
echo

# Runs a fleet question RUNS times; prints the median seconds
fleet_median() {
  local times=() start end
  for ((r = 0; r < runs; r++)); do
    start=$(date +%s%N)
    "$cli" --quiet fleet "$1" --lake "$lake" --format csv > "$out/lake-$1.csv"
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v n="$runs" '{ t[NR] = $1 } END { printf "%.2f", t[int((n + 1) / 2)] / 1000 }'
}
questions=$("$cli" fleet --list --format csv | tail -n +2 | cut -d, -f1)
declare -A loose_secs=()
for q in $questions; do loose_secs[$q]=$(fleet_median "$q"); done
start=$(date +%s%N)
"$cli" --quiet compact --lake "$lake" > "$out/lake-compact.out"
end=$(date +%s%N)
echo "compact: $(cat "$out/lake-compact.out") in $(awk -v ns=$((end - start)) 'BEGIN { printf "%.1f", ns / 1e9 }') s"
echo

# Spark local[2]: FleetJob in a JVM of its own, each question's time as it prints it (the
# rows read and written as CSV and Parquet), one session for all
declare -A spark_secs=()
if [ -d "$root/spark/target/classes" ]; then
  (cd "$root" && mvn -q -pl spark dependency:build-classpath -Dmdep.outputFile="$out/spark-cp.txt" > /dev/null)
  spark_opts=$(sed -n '/<spark.jvm.options>/,/<\/spark.jvm.options>/p' "$root/spark/pom.xml" \
    | sed 's/<[^>]*>//g' | tr '\n' ' ')
  start=$(date +%s%N)
  java $spark_opts -Dspark.master='local[2]' -Dspark.ui.enabled=false \
    -cp "$root/spark/target/classes:$(cat "$out/spark-cp.txt")" dev.ptrace.analyze.spark.FleetJob \
    "$lake" "$out/lake-spark" > "$out/lake-spark.txt" 2> "$out/lake-spark.err" || true
  end=$(date +%s%N)
  echo "Spark local[2], FleetJob of every question (session start included): $(awk -v ns=$((end - start)) 'BEGIN { printf "%.1f", ns / 1e9 }') s"
  echo
  while read -r q s; do spark_secs[$q]=$s; done < <(sed -n 's/^\([a-z_]*\): [0-9,]* rows in \([0-9.]*\) s$/\1 \2/p' "$out/lake-spark.txt")
fi
echo "| fleet question | DuckDB s, loose (a file per table and trace) | DuckDB s, compacted | Spark local[2] s, compacted (query) |"
echo "|---|---|---|---|"
for q in $questions; do
  echo "| $q | ${loose_secs[$q]} | $(fleet_median "$q") | ${spark_secs[$q]:--} |"
done
echo

echo "| fleet question, compacted, DuckDB s | days 1-8 (about a quarter of the traces) | days 1-15 (half) | all 30 days |"
echo "|---|---|---|---|"
for q in $questions; do
  row="| $q"
  for until in 2026-11-08 2026-11-15 2026-11-30; do
    start=$(date +%s%N)
    "$cli" --quiet fleet "$q" --lake "$lake" --until "$until" --format csv > /dev/null
    end=$(date +%s%N)
    row="$row | $(awk -v ns=$((end - start)) 'BEGIN { printf "%.2f", ns / 1e9 }')"
  done
  echo "$row |"
done
echo

echo "Partition pruning, DuckDB (EXPLAIN ANALYZE of a count of waits):"
echo
echo '```'
for filter in "--host ci-03" "--since 2026-11-05 --until 2026-11-05"; do
  echo "sql --lake \$LAKE $filter: $("$cli" sql --lake "$lake" $filter \
    "EXPLAIN ANALYZE SELECT count(*) FROM waits" | grep -E -o 'Scanning Files: [0-9/]+' | head -1)"
done
echo '```'
[ -n "${KEEP:-}" ] || rm -rf "$copies" "$out/lake-loose"
