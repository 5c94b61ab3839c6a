#!/usr/bin/env bash
# Benchmark of the CLV models: customers drawn from a BG/NBD with known parameters (r 0.24, alpha 4.4, a 0.79,
# b 2.43; CDNOW-like ages of 27-39 weeks, whole days), directly as a summary in Spark; times the compression to
# distinct (x, t_x, T), the L-BFGS fit and the scoring (P(alive), 3 horizons, CLV, deciles; noop sink).
# Usage: scripts/bench-clv.sh [CUSTOMERS ...]        (default: 10000 100000 1000000)
# Env: BENCH_REPEAT (default 3). Writes bench/results/clv-runs.csv (every run) and bench/results/clv-median.csv.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)
repeat="${BENCH_REPEAT:-3}"
runs="$results/clv-runs.csv"
[ -f "$runs" ] || echo "date,machine,customers,run,distinct_triples,simulate_s,compress_s,fit_s,iterations,score_s,score_rows_per_s,r,alpha,a,b" > "$runs"
stamp="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
java -Xmx4g "@$root/scripts/jvm-flags.txt" -Dbench.repeat="$repeat" -cp "$jar" io.c360.jobs.bench.ClvBench \
  "${sizes[@]}" | sed "s/^/$stamp,$machine,/" >> "$runs"

python3 - "$runs" > "$results/clv-median.csv" <<'PY'
import csv, statistics, sys
from collections import defaultdict
groups = defaultdict(list)
for row in csv.DictReader(open(sys.argv[1])):
    groups[(row["machine"], int(row["customers"]))].append(row)
cols = ["distinct_triples", "simulate_s", "compress_s", "fit_s", "iterations", "score_s", "score_rows_per_s",
        "r", "alpha", "a", "b"]
print("machine,customers,runs," + ",".join("median_" + c for c in cols))
for (machine, n), rows in sorted(groups.items()):
    meds = [statistics.median(float(r[c]) for r in rows) for c in cols]
    print(f"{machine},{n},{len(rows)}," + ",".join(f"{m:.6g}" for m in meds))
PY
cat "$results/clv-median.csv"
