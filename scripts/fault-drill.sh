#!/usr/bin/env bash
# Fault drill: kills `c360 pipeline` with SIGKILL inside each of its jobs in turn and checks that the lake survives.
#
# A generated sample in two incremental batches (up to 2025-11-30, then December). The base lake holds the pipeline
# of 2025-11-30; a clean copy runs 2025-12-31 to the end (the reference), its output lines time-stamped, which gives
# each job's duration (from the previous job's "done" line to its own; the first job's from its first line). Trial i
# copies the base lake, starts the 2025-12-31 pipeline, waits for job ((i - 1) mod jobs) to start (the previous
# job's "done" line in its output) and kills it (kill -9) after 20% to 80% of that job's reference duration, a
# fraction that varies with i (so TRIALS >= the number of jobs, 12, hits every job's writes), then checks:
#   1. every Delta table of the lake is readable (`c360 checksum --layer all` exits 0);
#   2. every gold table is whole: its row count and content checksum equal the base lake's (old version) or the
#      reference's (new version), never something in between (a table the base lake lacks is at its old version
#      while it is empty: its first write creates it from its declaration, then writes the rows);
#   3. job_runs shows the killed run: the job killed mid-run has a row of this as-of date still at status running,
#      without ended_at (none when the kill fell between two jobs);
#   4. a re-run of the pipeline completes and every gold table then equals the reference (content checksums).
#
# Usage: scripts/fault-drill.sh [TRIALS] [CUSTOMERS] [SEED]     (default 12 trials, 200 customers, seed 7)
# Environment: KEEP_WORK=1 keeps the work folder; DRILL_TRIALS, the trial numbers to run (e.g. "7 8"); C360_HEAP
# (driver heap, default 3g); DRILL_CONF, a configuration file to use instead of the drill's own (conf/local.conf
# with two shuffle and Delta snapshot partitions, smaller churn, ALS and ticket-classifier settings and the
# configured blend weights: the drill exercises every job's writes, not model quality, and the small settings bring
# a trial down to a few minutes).
# Prints one line per trial and RECOVERED n/N; exit 0 when every trial recovered.
set -euo pipefail
export LC_ALL=C

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/jobs/target/jobs-0.1.0-SNAPSHOT-all.jar"
trials="${1:-12}"
customers="${2:-200}"
seed="${3:-7}"
earlier=2025-11-30
as_of=2025-12-31
heap="${C360_HEAP:-3g}"
work="$(mktemp -d "${TMPDIR:-/tmp}/c360-fault-drill.XXXXXX")"
result=FAIL
export SPARK_LOCAL_IP=127.0.0.1
# reading every table (bronze personal columns included) needs the admin role; grant it to this user for the drill
export C360_ADMINS="${C360_ADMINS:-$(id -un)}"

cleanup() {
  if [ "$result" = PASS ] && [ "${KEEP_WORK:-0}" != 1 ]; then
    rm -rf "$work"
  else
    echo "work folder (logs, lakes): $work" >&2
  fi
}
trap cleanup EXIT

conf="${DRILL_CONF:-$work/drill.conf}"
if [ -z "${DRILL_CONF:-}" ]; then
  cat >"$conf" <<CONF
include file("$root/conf/local.conf")
c360.spark { shuffle-partitions = 2, conf { "spark.databricks.delta.snapshotPartitions" = "2" } }
c360.churn { horizon-days = 60, step-days = 30, training-dates = 5, rounds = 20, early-stopping-rounds = 5 }
c360.recommendations.als { ranks = [8], alphas = [10.0], max-iter = 5 }
c360.recommendations.blend.tune-weights = false
c360.service.classifier.max-iter = 20
CONF
fi

say() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
c360() { java -Xmx"$heap" "@$root/scripts/jvm-flags.txt" -cp "$jar" io.c360.jobs.cli.C360 "$@"; }
gold() { c360 checksum --conf "$conf" --lake "$1" --layer gold --format csv | tail -n +2 | sort; }

if [ ! -f "$jar" ]; then
  say "building $jar"
  (cd "$root" && mvn -B -q -DskipTests package) >&2
fi

say "generating $customers customers (seed $seed): batch up to $earlier, then December"
c360 generate --customers "$customers" --seed "$seed" --end "$earlier" --out "$work/batch1" >"$work/generate.log"
c360 generate --customers "$customers" --seed "$seed" --end "$as_of" --from "$earlier" --out "$work/batch2" \
  >>"$work/generate.log"

say "base lake: pipeline of $earlier"
c360 pipeline --conf "$conf" --lake "$work/base" --sources "$work/batch1" --as-of "$earlier" \
  >"$work/base.log" 2>&1
gold "$work/base" >"$work/gold-old.csv"

run_new() { # LAKE: the pipeline of $as_of on the December batch
  c360 pipeline --conf "$conf" --lake "$1" --sources "$work/batch2" --as-of "$as_of" 2>&1
}
say "reference: a clean copy through the pipeline of $as_of"
cp -a "$work/base" "$work/reference"
t0=$(date +%s%3N)
run_new "$work/reference" \
  | while IFS= read -r line; do printf '%d %s\n' $(( $(date +%s%3N) - t0 )) "$line"; done >"$work/reference.log"
clean_ms=$(( $(date +%s%3N) - t0 ))
gold "$work/reference" >"$work/gold-new.csv"
# each job of the reference run: "JOB MS START", its duration and the output line that shows it has started
awk '$2 ~ /^\[[a-z_0-9]+\]$/ && $3 == "done:" { job = substr($2, 2, length($2) - 2);
       print job, $1 - (prev == "" ? first : prev), (prevjob == "" ? "^\\[" job "\\]" : "^\\[" prevjob "\\] done:");
       prev = $1; prevjob = job }
     first == "" && $2 ~ /^\[[a-z_0-9]+\]$/ { first = $1 }' "$work/reference.log" >"$work/windows.txt"
jobs=$(wc -l <"$work/windows.txt")
[ "$jobs" -gt 0 ] || { say "no job windows in $work/reference.log"; exit 1; }
say "reference run: $((clean_ms / 1000)) s, $(wc -l <"$work/gold-new.csv") gold tables, $jobs jobs"
cut -d, -f1 "$work/gold-old.csv" "$work/gold-new.csv" | sort -u >"$work/gold-names.txt"
# a gold table the base lake lacks is at its old version while it has no rows: a table's first write creates it from
# its declaration (one commit, no rows) and then writes the rows (a second commit); a kill can fall in between
awk -F, 'NR == FNR { old[$1]; next } !($1 in old) { print $1 ",0,0000000000000000" }' "$work/gold-old.csv" \
  "$work/gold-new.csv" >"$work/gold-created.csv"
cat "$work/gold-created.csv" >>"$work/gold-old.csv"

recovered=0
printf '%-5s %-16s %8s %-22s %-9s %-22s %-12s %s\n' trial target kill_s last_output readable "gold old/new/other" \
  job_runs rerun
selected=(${DRILL_TRIALS:-$(seq 1 "$trials")})
for i in "${selected[@]}"; do
  lake="$work/trial-$i"
  rm -rf "$lake"
  cp -a "$work/base" "$lake"
  # inside job (i - 1) mod jobs, after 20%..80% of its reference duration (a golden-ratio sequence: varies with i)
  read -r target duration_ms started < <(sed -n "$(( (i - 1) % jobs + 1 ))p" "$work/windows.txt")
  permille=$(( 200 + (i * 618034 % 1000000) * 600 / 1000000 ))
  t0=$(date +%s%3N)
  java -Xmx"$heap" "@$root/scripts/jvm-flags.txt" -cp "$jar" io.c360.jobs.cli.C360 pipeline \
    --conf "$conf" --lake "$lake" --sources "$work/batch2" --as-of "$as_of" \
    >"$work/trial-$i.log" 2>&1 &
  pid=$!
  until grep -s -q -E "$started" "$work/trial-$i.log" || ! kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
  wait_ms=$(( duration_ms * permille / 1000 ))
  sleep "$(printf '%d.%03d' $((wait_ms / 1000)) $((wait_ms % 1000)))"
  delay_ms=$(( $(date +%s%3N) - t0 ))
  last="$(grep -E '^\[[a-z_0-9]+\]' "$work/trial-$i.log" | tail -1 || true)"
  ended=no
  kill -0 "$pid" 2>/dev/null || ended=yes
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  running="$(printf '%s' "$last" | grep -o -E '^\[[a-z_0-9]+\]' | tr -d '[]' || true)"
  case "$last" in
    "") expected="[01]" ;;               # killed before the first job said anything
    *"] done:"*) expected="[01]"; running="after-$running" ;;  # between two jobs, or as the next one started
    *) expected="1" ;;
  esac
  if [ "$ended" = yes ]; then            # nothing was killed: this trial tests nothing, and does not count
    running="(run ended)"
    expected="0"
    say "trial $i: the pipeline had ended before the kill at $((delay_ms / 1000)) s: not a fault trial"
  fi

  readable=yes
  c360 checksum --conf "$conf" --lake "$lake" --layer all --role admin --format csv \
    >"$work/trial-$i-all.csv" \
    2>"$work/trial-$i-all.err" || readable=NO
  # the gold tables' lines of that checksum (a second reading of the lake would cost a JVM start per trial)
  awk -F, 'NR == FNR { gold[$1]; next } FNR > 1 && ($1 in gold)' "$work/gold-names.txt" "$work/trial-$i-all.csv" \
    | sort >"$work/trial-$i-gold.csv"
  old=0; new=0; other=0
  while IFS=, read -r table rows sum; do
    if grep -q -x -F "$table,$rows,$sum" "$work/gold-new.csv"; then
      new=$((new + 1))
    elif grep -q -x -F "$table,$rows,$sum" "$work/gold-old.csv"; then
      old=$((old + 1))
    else
      other=$((other + 1))
      echo "trial $i: $table is neither its old nor its new version: $rows rows, $sum" >>"$work/drill.log"
    fi
  done <"$work/trial-$i-gold.csv"
  open_runs="$(c360 sql --conf "$conf" --lake "$lake" --format csv \
    "SELECT count(*) FROM c360.job_runs WHERE as_of = DATE'$as_of' AND status = 'running' AND ended_at IS NULL" \
    2>/dev/null | tail -1 || echo '?')"
  shown="running:$open_runs"

  rerun=equal
  if ! run_new "$lake" >"$work/trial-$i-rerun.log"; then
    rerun=FAILED
  else
    gold "$lake" >"$work/trial-$i-after.csv"
    cmp -s "$work/trial-$i-after.csv" "$work/gold-new.csv" || rerun=DIFFERS
  fi
  ok=NO
  if [ "$readable" = yes ] && [ "$other" -eq 0 ] && [ "$rerun" = equal ] && [ "$ended" = no ] \
    && [[ "$open_runs" =~ ^$expected$ ]]; then
    ok=yes
    recovered=$((recovered + 1))
  fi
  printf '%-5s %-16s %8s %-22s %-9s %-22s %-12s %s %s\n' "$i" "$target" \
    "$((delay_ms / 1000)).$(((delay_ms % 1000) / 100))" \
    "${running:-start}" "$readable" "$old/$new/$other" "$shown" "$rerun" "$ok"
done

if [ "$recovered" -eq "${#selected[@]}" ]; then
  result=PASS
fi
echo "RECOVERED $recovered/${#selected[@]} ($result): $customers customers, clean run $((clean_ms / 1000)) s"
[ "$result" = PASS ]
