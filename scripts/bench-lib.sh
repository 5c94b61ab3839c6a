# Sourced by scripts/bench-als.sh and scripts/bench-clv.sh: moves to the project root (root), makes bench/results
# (results), builds the shaded jar when it is missing (jar) and names the machine for the result rows (machine).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
results="$root/bench/results"
mkdir -p "$results"
jar="$root/jobs/target/jobs-0.1.0-SNAPSHOT-all.jar"
[ -f "$jar" ] || mvn -B -q -DskipTests package
machine="$(nproc)cpu-$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1048576 ))GiB-$(uname -m)"
