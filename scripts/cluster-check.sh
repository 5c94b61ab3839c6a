#!/usr/bin/env bash
# Standalone-cluster check: runs the pipeline on a real Spark standalone cluster (one master and one worker on
# 127.0.0.1, started from the shaded jar, no Spark distribution) and in local mode, on the same generated sample,
# and compares every gold table of the two lakes by row count and content checksum (`c360 checksum`).
#
# Usage: scripts/cluster-check.sh [CUSTOMERS] [SEED]            (default 500 customers, seed 7)
# Environment: AS_OF (default 2025-12-31, the generator's last day), WORKER_CORES (2), WORKER_MEMORY (3g),
#              EXECUTOR_MEMORY (2g), KEEP_WORK=1 keeps the work folder (logs, lakes) after a PASS too.
# Prints one line per gold table and PASS or FAIL; exit 0 on PASS, 1 on FAIL or when a run fails.
set -euo pipefail
export LC_ALL=C

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/jobs/target/jobs-0.1.0-SNAPSHOT-all.jar"
customers="${1:-500}"
seed="${2:-7}"
as_of="${AS_OF:-2025-12-31}"
cores="${WORKER_CORES:-2}"
worker_memory="${WORKER_MEMORY:-3g}"
executor_memory="${EXECUTOR_MEMORY:-2g}"
flags="@$root/scripts/jvm-flags.txt"
work="$(mktemp -d "${TMPDIR:-/tmp}/c360-cluster-check.XXXXXX")"
pids=()
result=FAIL

cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ "$result" = PASS ] && [ "${KEEP_WORK:-0}" != 1 ]; then
    rm -rf "$work"
  else
    echo "work folder (logs, lakes): $work" >&2
  fi
}
trap cleanup EXIT

say() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
seconds() { echo $(( $(date +%s) - $1 )); }

# Waits until FILE has a line matching REGEX (at most 120 s) and prints the first match.
wait_for() {
  local file="$1" regex="$2" what="$3"
  for _ in $(seq 1 240); do
    if grep -m1 -o -E "$regex" "$file" 2>/dev/null; then
      return 0
    fi
    sleep 0.5
  done
  echo "cluster-check: $what did not start within 120 s; its log: $file" >&2
  tail -20 "$file" >&2
  return 1
}

t_start=$(date +%s)
if [ ! -f "$jar" ]; then
  say "building $jar"
  (cd "$root" && mvn -B -q -DskipTests package) >&2
fi

# 1. A small generated sample with a fixed seed.
say "generating $customers customers (seed $seed) into $work/sources"
"$root/scripts/c360" generate --customers "$customers" --seed "$seed" --out "$work/sources" >"$work/generate.log"

# 2. A standalone master and one worker from the project's own jar, on free ports of 127.0.0.1 (port 0: the OS
# picks one; the master's log says which). The worker launches executors with SPARK_HOME/jars on the class path.
mkdir -p "$work/spark-home/jars" "$work/worker"
ln -s "$jar" "$work/spark-home/jars/c360-all.jar"
cat >"$work/log4j2.properties" <<'EOF'
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = stderr
appender.stderr.type = Console
appender.stderr.name = stderr
appender.stderr.target = SYSTEM_ERR
appender.stderr.layout.type = PatternLayout
appender.stderr.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n%ex
logger.deploy.name = org.apache.spark.deploy
logger.deploy.level = info
EOF
export SPARK_HOME="$work/spark-home" SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1
daemon_opts=(-Xmx512m "$flags" "-Dlog4j2.configurationFile=$work/log4j2.properties")

java "${daemon_opts[@]}" -cp "$jar" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port 0 --webui-port 0 >"$work/master.log" 2>&1 &
pids+=("$!")
master="$(wait_for "$work/master.log" 'spark://127\.0\.0\.1:[0-9]+' master)"
java "${daemon_opts[@]}" -cp "$jar" org.apache.spark.deploy.worker.Worker \
  --host 127.0.0.1 --port 0 --webui-port 0 --cores "$cores" --memory "$worker_memory" --work-dir "$work/worker" \
  "$master" >"$work/worker.log" 2>&1 &
pids+=("$!")
wait_for "$work/worker.log" 'Successfully registered with master' worker >/dev/null
say "standalone cluster up: master $master, one worker with $cores cores and $worker_memory"

# spark-submit without a Spark distribution: SparkSubmit from the shaded jar. Executors get the same JVM flags
# (Spark adds the --add-opens itself; the rest of jvm-flags.txt is kept for parity with the driver).
executor_java_opts="$(grep -v -e '^-Dspark.driver.host' "$root/scripts/jvm-flags.txt" | tr '\n' ' ')"
submit() {
  local master_url="$1" lake="$2" log="$3"
  shift 3
  java -Xmx"${DRIVER_HEAP:-3g}" "$flags" -cp "$jar" org.apache.spark.deploy.SparkSubmit \
    --master "$master_url" --deploy-mode client --name "c360-cluster-check" \
    --class io.c360.jobs.cli.C360 \
    --conf "spark.executor.extraJavaOptions=$executor_java_opts" \
    --conf spark.sql.shuffle.partitions=8 \
    "$@" "$jar" \
    pipeline --conf "$root/conf/cluster.conf" --lake "$lake" --sources "$work/sources" --as-of "$as_of" \
    >"$log" 2>&1 || {
      echo "cluster-check: the pipeline failed on $master_url; last lines of $log:" >&2
      tail -20 "$log" >&2
      return 1
    }
}

# 3. The pipeline on the cluster (lake A) ...
t0=$(date +%s)
say "pipeline on $master into $work/lake-cluster"
submit "$master" "$work/lake-cluster" "$work/pipeline-cluster.log" \
  --executor-memory "$executor_memory" --executor-cores "$cores" --total-executor-cores "$cores"
cluster_seconds=$(seconds "$t0")
executor_logs=$(find "$work/worker" -name stderr -path '*/app-*' | wc -l)
if [ "$executor_logs" -lt 1 ]; then
  echo "cluster-check: no executor ran on the worker ($work/worker is empty)" >&2
  exit 1
fi
say "cluster pipeline done in ${cluster_seconds}s ($executor_logs executor(s) on the worker)"
for pid in "${pids[@]}"; do
  kill "$pid"
  wait "$pid" 2>/dev/null || true
done
pids=()

# 4. ... and in local mode (lake B), with the same cores.
t0=$(date +%s)
say "pipeline on local[$cores] into $work/lake-local"
submit "local[$cores]" "$work/lake-local" "$work/pipeline-local.log"
local_seconds=$(seconds "$t0")
say "local pipeline done in ${local_seconds}s"

# 5. Row counts and content checksums of every gold table of both lakes.
checksum() {
  java -Xmx2g "$flags" -cp "$jar" io.c360.jobs.cli.C360 checksum --conf "$root/conf/local.conf" --lake "$1" \
    --layer gold --format csv | tail -n +2 | sort -t, -k1,1
}
checksum "$work/lake-cluster" >"$work/checksum-cluster.csv"
checksum "$work/lake-local" >"$work/checksum-local.csv"

tables=0
differ=0
printf '%-28s %10s %10s %-16s %-16s %s\n' table rows_cluster rows_local checksum_cluster checksum_local same
while IFS=, read -r table rows_a sum_a rows_b sum_b; do
  same=yes
  if [ "$rows_a" != "$rows_b" ] || [ "$sum_a" != "$sum_b" ]; then
    same=NO
    differ=$((differ + 1))
  fi
  tables=$((tables + 1))
  printf '%-28s %10s %10s %-16s %-16s %s\n' "$table" "${rows_a:--}" "${rows_b:--}" "${sum_a:--}" "${sum_b:--}" "$same"
done < <(join -t, -a1 -a2 -e '' -o 0,1.2,1.3,2.2,2.3 "$work/checksum-cluster.csv" "$work/checksum-local.csv")

total_seconds=$(seconds "$t_start")
if [ "$differ" -eq 0 ] && [ "$tables" -gt 0 ]; then
  result=PASS
fi
echo "$result: $tables gold tables, $differ differ; $customers customers, as of $as_of; cluster pipeline" \
  "${cluster_seconds}s, local pipeline ${local_seconds}s, total ${total_seconds}s"
[ "$result" = PASS ]
