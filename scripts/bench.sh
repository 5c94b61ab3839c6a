#!/usr/bin/env bash
# Benchmark of the pipeline: generate, then every pipeline stage, at several sizes, repeated.
# Usage: scripts/bench.sh [CUSTOMERS ...]        (default: 10000 100000)
# Env: BENCH_REPEAT (default 3), BENCH_NAME (default pipeline), BENCH_RERUN (default 1: after each run the pipeline
# runs again for the same as-of date, as a scheduled daily run does: listed batches are skipped, churn and
# recommendations build with the models and choices the first run registered; its stages are named rerun_<job>),
# BENCH_NEXT_DAY (default 1: then the next day, as a daily schedule runs it: the generator's one-day batch of
# 2026-01-01 (`generate --from 2025-12-31 --end 2026-01-01`, the same world) and `pipeline --as-of 2026-01-01` on
# the first run's lake, with the models registered the day before; its stages are named nextday_<job>),
# BENCH_CONF (a conf file passed to the pipeline with --conf, e.g. one that turns Spark's event log on for
# scripts/eventlog-profile.py).
# Writes bench/results/$BENCH_NAME-runs.csv (every run) and bench/results/$BENCH_NAME-median.csv (medians).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
repeat="${BENCH_REPEAT:-3}"
work="$root/bench/work"
results="$root/bench/results"
mkdir -p "$work" "$results"
jar="$root/jobs/target/jobs-0.1.0-SNAPSHOT-all.jar"
[ -f "$jar" ] || mvn -B -q -DskipTests package
name="${BENCH_NAME:-pipeline}"
runs="$results/$name-runs.csv"
[ -f "$runs" ] || echo "date,machine,customers,run,stage,seconds,rows_in,rows_out,rows_per_s,peak_heap_mb,max_rss_mb" > "$runs"
machine="$(nproc)cpu-$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1048576 ))GiB-$(uname -m)"
stamp="$(date -u +%Y-%m-%dT%H:%M:%SZ)"

for n in "${sizes[@]}"; do
  for r in $(seq 1 "$repeat"); do
    dir="$work/$n"
    rm -rf "$dir" && mkdir -p "$dir"
    /usr/bin/time -f "%e %M" -o "$dir/gen.time" \
      ./scripts/c360 generate --customers "$n" --seed 1 --out "$dir/src" --json > "$dir/gen.json"
    /usr/bin/time -f "%e %M" -o "$dir/pipe.time" \
      ./scripts/c360 pipeline --lake "$dir/lake" --sources "$dir/src" --as-of 2025-12-31 ${BENCH_CONF:+--conf "$BENCH_CONF"} \
        --json > "$dir/pipe.json"
    if [ "${BENCH_RERUN:-1}" = 1 ]; then
      /usr/bin/time -f "%e %M" -o "$dir/rerun.time" \
        ./scripts/c360 pipeline --lake "$dir/lake" --sources "$dir/src" --as-of 2025-12-31 ${BENCH_CONF:+--conf "$BENCH_CONF"} \
        --json > "$dir/rerun.json"
    fi
    if [ "${BENCH_NEXT_DAY:-1}" = 1 ]; then
      ./scripts/c360 generate --customers "$n" --seed 1 --from 2025-12-31 --end 2026-01-01 --out "$dir/day2" \
        --json > "$dir/day2-gen.json"
      /usr/bin/time -f "%e %M" -o "$dir/nextday.time" \
        ./scripts/c360 pipeline --lake "$dir/lake" --sources "$dir/day2" --as-of 2026-01-01 \
        ${BENCH_CONF:+--conf "$BENCH_CONF"} --json > "$dir/nextday.json"
    fi
    python3 - "$dir" "$n" "$r" "$stamp" "$machine" >> "$runs" <<'PY'
import json, os, sys
d, n, r, stamp, machine = sys.argv[1:]
gen = json.load(open(f"{d}/gen.json"))
gen_s, gen_rss = open(f"{d}/gen.time").read().split()
rows = sum(gen["rows"].values())
def line(stage, sec, rin, rout, heap, rss):
    rate = rin / sec if sec > 0 else 0
    print(f"{stamp},{machine},{n},{r},{stage},{sec:.2f},{rin},{rout},{rate:.0f},{heap},{rss}")
line("generate", gen["seconds"], rows, rows, "", int(gen_rss) // 1024)
day2 = f"{d}/day2-gen.json"
day_rows = sum(json.load(open(day2))["rows"].values()) if os.path.exists(day2) else 0
for run, prefix, source_rows in (("pipe", "", rows), ("rerun", "rerun_", rows), ("nextday", "nextday_", day_rows)):
    if not os.path.exists(f"{d}/{run}.json"):
        continue
    pipe = json.load(open(f"{d}/{run}.json"))
    pipe_s, pipe_rss = open(f"{d}/{run}.time").read().split()
    for s in pipe["stages"]:
        line(prefix + s["job"], s["seconds"], s["rows_in"], s["rows_out"], "", "")
    line(prefix + "pipeline_process", float(pipe_s), source_rows, source_rows, pipe["peak_heap_mb"],
         int(pipe_rss) // 1024)
PY
  done
done

python3 - "$runs" > "$results/$name-median.csv" <<'PY'
import csv, statistics, sys
from collections import defaultdict
groups = defaultdict(list)
for row in csv.DictReader(open(sys.argv[1])):
    groups[(row["machine"], int(row["customers"]), row["stage"])].append(row)
print("machine,customers,stage,runs,median_seconds,median_rows_per_s,rows_in,median_peak_heap_mb,median_max_rss_mb")
def med(rows, key):
    vals = [float(r[key]) for r in rows if r[key]]
    return f"{statistics.median(vals):.0f}" if vals else ""
for (machine, n, stage), rows in sorted(groups.items()):
    secs = statistics.median(float(r["seconds"]) for r in rows)
    print(f"{machine},{n},{stage},{len(rows)},{secs:.2f},{med(rows, 'rows_per_s')},{rows[-1]['rows_in']},"
          f"{med(rows, 'peak_heap_mb')},{med(rows, 'max_rss_mb')}")
PY
cat "$results/$name-median.csv"
