#!/usr/bin/env bash
# The RFM aggregation of the segments job (Spark, Rfm.measures) against an embedded DuckDB reference (JDBC) on the
# same Parquet copy of the customers' orders, at several sizes (io.c360.jobs.bench.RfmReference).
# Usage: scripts/bench-rfm.sh [CUSTOMERS ...]        (default: 10000 100000)
# Env: BENCH_RUNS (timed runs per engine after a warm-up, default 5).
# Uses the lake of scripts/bench.sh (bench/work/N/lake) or of scripts/bench-stages.sh (bench/work/stages-N/lake)
# when one is there, else generates N customers (seed 1) and runs ingest and identity into bench/work/rfm-N.
# Appends to bench/results/rfm-reference-runs.csv.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
runs="${BENCH_RUNS:-5}"
as_of=2025-12-31
work="$root/bench/work"
results="$root/bench/results/rfm-reference-runs.csv"
mkdir -p "$work" "$(dirname "$results")"
export SPARK_LOCAL_IP=127.0.0.1

# the reference lives in the test sources (DuckDB is a test dependency): compile them and take their classpath
mvn -B -q -pl jobs -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/test-classpath.txt" >&2
classpath="$root/jobs/target/test-classes:$root/jobs/target/classes:$(cat "$work/test-classpath.txt")"
[ -f "$results" ] || echo "date,machine,customers,order_rows,rfm_customers,runs,spark_median_s,duckdb_median_s,ratio" \
  > "$results"
machine="$(nproc)cpu-$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1048576 ))GiB-$(uname -m)"

for n in "${sizes[@]}"; do
  lake="$work/$n/lake"
  [ -d "$lake/identity_map" ] || lake="$work/stages-$n/lake"
  if [ ! -d "$lake/identity_map" ]; then
    dir="$work/rfm-$n"
    lake="$dir/lake"
    if [ ! -d "$lake/identity_map" ]; then
      rm -rf "$dir" && mkdir -p "$dir"
      ./scripts/c360 generate --customers "$n" --seed 1 --out "$dir/src" >&2
      ./scripts/c360 run ingest --lake "$lake" --sources "$dir/src" --as-of "$as_of" >&2
      ./scripts/c360 run identity --lake "$lake" --as-of "$as_of" >&2
    fi
  fi
  line="$(java -Xmx"${C360_HEAP:-8g}" "@$root/scripts/jvm-flags.txt" -cp "$classpath" \
    io.c360.jobs.bench.RfmReference "$lake" "$as_of" "$(dirname "$lake")" "$runs")"
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ),$machine,$n,$line" | tee -a "$results"
done
