#!/usr/bin/env bash
# Optional: installs OpenBLAS as the system's libblas.so.3 and liblapack.so.3 (Debian/Ubuntu, as root), which
# Spark's ALS then uses through dev.ludovic.netlib's JNI bindings instead of plain Java. Measured here
# (scripts/bench-als.sh): an implicit ALS fit at rank 64 ran 1.12x faster, median of 3 on a busy machine
# (docs/BENCHMARKS.md). c360 works without it; scripts/c360 runs OpenBLAS with one thread per task
# (OPENBLAS_NUM_THREADS=1), since Spark already runs a task per core.
set -euo pipefail
if [ -e /usr/lib/x86_64-linux-gnu/libblas.so.3 ] || [ -e /usr/lib/aarch64-linux-gnu/libblas.so.3 ]; then
  echo "install-native-blas: a libblas.so.3 is already installed; nothing to do"
  exit 0
fi
if ! command -v apt-get > /dev/null; then
  echo "install-native-blas: needs apt-get (Debian/Ubuntu); install OpenBLAS with your package manager" >&2
  exit 2
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-native-blas: run as root (apt-get install libopenblas0-pthread)" >&2
  exit 2
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libopenblas0-pthread
echo "install-native-blas: installed; a job's log no longer warns 'Failed to load implementation from ...JNIBLAS'"
