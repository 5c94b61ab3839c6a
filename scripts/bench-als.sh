#!/usr/bin/env bash
# Benchmark of the implicit ALS fit of the recommendations job with the system's native BLAS and LAPACK (OpenBLAS
# from scripts/install-native-blas.sh) against dev.ludovic.netlib's Java fallback: the same synthetic ratings
# (io.c360.jobs.bench.AlsBench), one JVM per fit, the two alternating round by round so that a busy machine slows
# both alike. Java is forced by naming a library that does not exist (dev.ludovic.netlib.*.nativeLib).
# Usage: scripts/bench-als.sh [USERS ITEMS RATINGS-PER-USER]      (default 100000 2000 15)
# Env: BENCH_REPEAT (rounds, default 3), BENCH_RANK (64), BENCH_ITERATIONS (3).
# Writes bench/results/als-runs.csv (every run) and bench/results/als-median.csv.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
users="${1:-100000}"
items="${2:-2000}"
per_user="${3:-15}"
runs="$results/als-runs.csv"
log="$root/bench/work/als-last.log"
mkdir -p "$(dirname "$log")"
[ -f "$runs" ] || echo "date,machine,mode,round,users,items,ratings,rank,iterations,blas,lapack,fit_s,recommend_s" > "$runs"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}" OPENBLAS_NUM_THREADS=1
for round in $(seq "${BENCH_REPEAT:-3}"); do
  for mode in java native; do
    flags=()
    [ "$mode" = java ] && flags=(-Ddev.ludovic.netlib.blas.nativeLib=c360-no-native-blas.so
      -Ddev.ludovic.netlib.lapack.nativeLib=c360-no-native-lapack.so)
    line="$(java -Xmx6g "@$root/scripts/jvm-flags.txt" "${flags[@]}" -Dbench.rank="${BENCH_RANK:-64}" \
      -Dbench.iterations="${BENCH_ITERATIONS:-3}" -cp "$jar" io.c360.jobs.bench.AlsBench "$users" "$items" \
      "$per_user" 2> "$log" | tail -1)" \
      || { echo "bench-als: the fit failed; see $log" >&2; exit 1; }
    echo "$(date -u +%Y-%m-%dT%H:%M:%SZ),$machine,$mode,$round,$line" | tee -a "$runs"
  done
done

python3 - "$runs" > "$results/als-median.csv" <<'PY'
import csv, statistics, sys
from collections import defaultdict
groups = defaultdict(list)
for row in csv.DictReader(open(sys.argv[1])):
    groups[(row["machine"], row["users"], row["items"], row["rank"], row["iterations"], row["mode"])].append(row)
print("machine,users,items,rank,iterations,mode,runs,blas,lapack,median_fit_s,median_recommend_s")
for key, rows in sorted(groups.items()):
    fit = statistics.median(float(r["fit_s"]) for r in rows)
    rec = statistics.median(float(r["recommend_s"]) for r in rows)
    print(",".join(key) + f",{len(rows)},{rows[-1]['blas']},{rows[-1]['lapack']},{fit:.2f},{rec:.2f}")
PY
cat "$results/als-median.csv"
