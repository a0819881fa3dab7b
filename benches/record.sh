#!/usr/bin/env bash
# The performance record: one run prints every figure the project tracks.
#
#   benches/record.sh /path/to/a/workspace/with/500+/packages [RUNS]
#
# 1. The crate gate against cargo-deny and cargo metadata on that workspace
#    (benches/crate-gate.sh: median wall, peak RSS, ratios, rejected sets).
# 2. The models curve: 50, 200 and 1000 models at 50 ms added latency, cold
#    and warm, against the local hub (cargo bench --bench models).
# 3. Reading a 5 GiB sparse GGUF file (cargo bench --bench weights).
# 4. The source scan's throughput on that workspace (cargo bench --bench scan).
#
# Run it on a quiet machine: every figure is a wall-clock time.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
ws=${1:?usage: benches/record.sh WORKSPACE_DIR [RUNS]}
runs=${2:-7}
ws=$(cd "$ws" && pwd)

echo "### crate gate"
bash "$here/crate-gate.sh" "$ws" "$runs"
cd "$repo"
echo
echo "### models curve"
MODELS_BENCH_SIZES=${MODELS_BENCH_SIZES:-50,200,1000} cargo bench --quiet --bench models 2>/dev/null
echo
echo "### weight files"
cargo bench --quiet --bench weights 2>/dev/null
echo
echo "### source scan"
SCAN_BENCH_DIR="$ws" cargo bench --quiet --bench scan 2>/dev/null
