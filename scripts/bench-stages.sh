#!/usr/bin/env bash
# Benchmark of the pipeline job by job, one `c360 run JOB` process each, and resumable: for a size whose pipeline
# outlasts one sitting (1M customers). Generates CUSTOMERS (once), then runs every pipeline job in order for
# 2025-12-31; a job with a succeeded run for that date in the lake's job_runs is skipped, so running the script
# again after an interruption continues with the first job not done (a killed job is simply run again).
# Usage: scripts/bench-stages.sh CUSTOMERS [SEED]          (seed default 1, as scripts/bench.sh)
# Env: C360_HEAP (driver heap, default 12g), BENCH_CONF (default conf/local.conf), BENCH_UNTIL (the last job to
# run, e.g. clv: the stages before the models; default every job).
# Work folder bench/work/stages-CUSTOMERS. When every job up to BENCH_UNTIL is done, appends one row per job to
# bench/results/stages-runs.csv: the job's own seconds and rows (job_runs), the process's wall seconds (JVM start,
# lake registration and the job) and max RSS, and for generate its seconds, rows and RSS.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
[ $# -ge 1 ] || { echo "usage: scripts/bench-stages.sh CUSTOMERS [SEED]" >&2; exit 2; }
n="$1"
seed="${2:-1}"
as_of=2025-12-31
conf="${BENCH_CONF:-$root/conf/local.conf}"
export C360_HEAP="${C360_HEAP:-12g}"
dir="$root/bench/work/stages-$n"
lake="$dir/lake"
results="$root/bench/results/stages-runs.csv"
mkdir -p "$dir" "$(dirname "$results")"
say() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
c360="$root/scripts/c360"

if [ ! -s "$dir/gen.json" ]; then
  say "generating $n customers (seed $seed) into $dir/src"
  rm -rf "$dir/src"
  /usr/bin/time -f "%e %M" -o "$dir/gen.time" \
    "$c360" generate --customers "$n" --seed "$seed" --out "$dir/src" --json > "$dir/gen.json.part"
  mv "$dir/gen.json.part" "$dir/gen.json"
fi

done_jobs() {
  [ -d "$lake/job_runs/_delta_log" ] || return 0
  "$c360" sql --lake "$lake" --conf "$conf" --format csv "SELECT DISTINCT job FROM c360.job_runs
    WHERE as_of = DATE'$as_of' AND status = 'succeeded'" | tail -n +2
}
done="$(done_jobs)"
jobs="$({ "$c360" run --help 2>&1 || true; } | tr '\n' ' ' | sed -n 's/.*Job to run: \([^.]*\)\..*/\1/p' \
  | tr -s ' ' | tr -d ' ' | tr ',' ' ')"
[ -n "$jobs" ] || { echo "bench-stages: cannot read the job list from 'c360 run --help'" >&2; exit 1; }
if [ -n "${BENCH_UNTIL:-}" ]; then
  upto=""
  for job in $jobs; do
    upto="$upto $job"
    [ "$job" = "$BENCH_UNTIL" ] && break
  done
  [ "$job" = "$BENCH_UNTIL" ] || { echo "bench-stages: BENCH_UNTIL=$BENCH_UNTIL is not a job ($jobs)" >&2; exit 2; }
  jobs="$upto"
fi
for job in $jobs; do
  if grep -qx "$job" <<<"$done"; then
    say "$job: done before, skipped"
    continue
  fi
  say "$job: running (log $dir/$job.log)"
  extra=()
  [ "$job" = ingest ] && extra=(--sources "$dir/src")
  if ! /usr/bin/time -f "%e %M" -o "$dir/$job.time" \
      "$c360" run "$job" --lake "$lake" --conf "$conf" --as-of "$as_of" "${extra[@]}" 2> "$dir/$job.log"; then
    say "$job failed; see $dir/$job.log (running the script again retries it)"
    exit 1
  fi
  say "$job: $(cut -d' ' -f1 "$dir/$job.time") s wall"
done

"$c360" sql --lake "$lake" --conf "$conf" --format csv "SELECT job, rows_in, rows_out,
    unix_timestamp(ended_at) - unix_timestamp(started_at) AS seconds FROM c360.job_runs
    WHERE as_of = DATE'$as_of' AND status = 'succeeded'
      AND (job, ended_at) IN (SELECT job, max(ended_at) FROM c360.job_runs
        WHERE as_of = DATE'$as_of' AND status = 'succeeded' GROUP BY job)" > "$dir/job_runs.csv"
machine="$(nproc)cpu-$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1048576 ))GiB-$(uname -m)"
header="date,machine,customers,stage,seconds,process_seconds,rows_in,rows_out,rows_per_s,max_rss_mb"
[ -f "$results" ] || echo "$header" > "$results"
python3 - "$dir" "$n" "$machine" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$jobs" <<'PY' | tee -a "$results"
import csv, json, os, sys
d, n, machine, stamp, jobs = sys.argv[1:]
def time_of(name):
    if not os.path.exists(f"{d}/{name}.time"):
        return "", ""
    wall, rss = open(f"{d}/{name}.time").read().split()[-2:]
    return wall, str(int(rss) // 1024)
gen = json.load(open(f"{d}/gen.json"))
rows = sum(gen["rows"].values())
wall, rss = time_of("gen")
print(f"{stamp},{machine},{n},generate,{gen['seconds']:.2f},{wall},{rows},{rows},{rows / gen['seconds']:.0f},{rss}")
runs = {r["job"]: r for r in csv.DictReader(open(f"{d}/job_runs.csv"))}
for job in jobs.split():
    r = runs[job]
    sec = float(r["seconds"])
    rin = int(r["rows_in"] or 0)
    wall, rss = time_of(job)
    rate = f"{rin / sec:.0f}" if sec > 0 else ""
    print(f"{stamp},{machine},{n},{job},{sec:.0f},{wall},{rin},{r['rows_out'] or ''},{rate},{rss}")
PY
