#!/usr/bin/env bash
# The first command of the README: build, generate ~5,000 customers, run the pipeline, show the lake.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
customers="${1:-5000}"
c360=./scripts/c360

echo "== build" >&2
mvn -B -q -DskipTests package >&2

echo "== generate $customers customers into ./sample" >&2
rm -rf sample
$c360 generate --customers "$customers" --seed 42 --out sample

echo "== pipeline (as of 2025-12-31, the sample's last day) into ./lake" >&2
$c360 pipeline --as-of 2025-12-31 --sources sample

echo "== tables" >&2
$c360 tables

echo "== example: orders per channel" >&2
$c360 sql "SELECT channel, count(*) AS orders, round(sum(total_amount), 2) AS revenue
           FROM c360.bronze_orders GROUP BY channel ORDER BY orders DESC"

echo "== example: the ten best customers (customer_360, personal data masked)" >&2
$c360 sql "SELECT customer_id, name_initial, phone_last4, city, orders, revenue, favourite_category, nps_class
           FROM c360.customer_360 WHERE as_of = DATE'2025-12-31' ORDER BY revenue DESC LIMIT 10"

echo "== example: the five tiers (customer_segments)" >&2
$c360 sql "SELECT five_tier, count(*) AS customers, round(avg(monetary), 2) AS avg_spend
           FROM c360.customer_segments WHERE as_of = DATE'2025-12-31' AND five_tier IS NOT NULL
           GROUP BY 1 ORDER BY customers DESC"

echo "== example: why rows were quarantined" >&2
$c360 sql "SELECT source, reason_code, count(*) AS n FROM c360.quarantine GROUP BY 1, 2 ORDER BY n DESC LIMIT 10"

cat >&2 <<'MSG'

Try next:
  ./scripts/c360 sql "SELECT * FROM c360.dq_results ORDER BY checked_at DESC LIMIT 20"
  ./scripts/c360 sql "SELECT job, status, rows_in, rows_out FROM c360.job_runs" --format csv
  ./scripts/c360 sql "SELECT event_type, count(*) FROM c360.bronze_events GROUP BY 1" --format json
  ./scripts/c360 export-segment --segment five_tier:high_value --format csv --out /tmp/high_value.csv --single-file
  ./scripts/c360 --help
MSG
