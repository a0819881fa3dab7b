#!/usr/bin/env bash
# discovery.sh: the cost of model discovery (the members' sources followed
# across files, and the dependencies' model tables) against `cargo metadata`.
#
#   benches/discovery.sh WORKSPACE_DIR [RUNS]
#
# e.g. on huggingface/candle (546 packages, ~280 MB of dependency source),
# checked out outside this repo and fetched once:
#   git clone <candle> /work/bench/candle && (cd /work/bench/candle && cargo fetch)
#   benches/discovery.sh /work/bench/candle 5
#
# It measures, each RUNS times round-robin (default 5), the wall time (ms) and
# peak RSS (KiB, /usr/bin/time %M, the largest process of the tree):
#   1. cargo metadata --format-version 1 --offline          (the floor)
#   2. cargo-model-audit model-audit list --offline --format json, cold:
#      the tool's caches (MODEL_AUDIT_CACHE_DIR, a temporary directory here)
#      emptied before each run
#   3. the same, warm
# and prints the medians and, against the budgets, the median of each
# round's ratio to the same round's cargo metadata (paired, so that a
# moment's load on the machine weighs on both sides): warm <= 1.3x
# cargo metadata, cold <= 2.5x, peak RSS of the tool's own process < 150 MB
# (the RSS printed is the tree's largest process, which may be cargo
# metadata's). The tool is the release build of this repo (built first, at
# nice 19). `list` is offline: no Hub request is timed. Exit 0 whatever the
# ratios (it is a report); 1 on bad usage or a broken setup.
set -euo pipefail
[[ $# -ge 1 && $# -le 2 ]] || { echo "usage: $0 WORKSPACE_DIR [RUNS]" >&2; exit 1; }
WS=$(cd "$1" && pwd)
RUNS=${2:-5}
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN="${CARGO_TARGET_DIR:-$REPO/target}/release/cargo-model-audit"
[[ -x /usr/bin/time ]] || { echo "error: /usr/bin/time is missing (Debian package \`time\`)" >&2; exit 1; }
(cd "$REPO" && nice -n 19 cargo build --release --locked --quiet)
TARGET=$(cd "$WS" && cargo metadata --format-version 1 --offline --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
TMP=$(mktemp -d "${TMPDIR:-/tmp}/discovery.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export MODEL_AUDIT_CACHE_DIR="$TMP/cache"
# Cargo keeps rustc's answers in the target directory, which a built
# project has.
mkdir -p "$TARGET"

run() { # name, command...
    local name=$1; shift
    local start end
    start=$EPOCHREALTIME
    /usr/bin/time -f '%M' -o "$TMP/rss" "$@" > "$TMP/out" 2> /dev/null || true
    end=$EPOCHREALTIME
    echo "$(python3 -c "print(round(($end - $start) * 1000))") $(cat "$TMP/rss")" >> "$TMP/$name"
}

cd "$WS"
"$BIN" model-audit list --offline --format json > /dev/null 2>&1 || true
for _ in $(seq "$RUNS"); do
    # The floor with cargo's rustc cache (target/.rustc_info.json) warm, as
    # the tool's runs find it too (they share it).
    cargo metadata --format-version 1 --offline > /dev/null 2>&1 || true
    run meta cargo metadata --format-version 1 --offline
    rm -rf "$MODEL_AUDIT_CACHE_DIR"
    run cold "$BIN" model-audit list --offline --format json
    run warm "$BIN" model-audit list --offline --format json
done
"$BIN" model-audit list --offline --format json 2> /dev/null > "$TMP/list.json" || true

python3 - "$TMP" <<'EOF'
import json, statistics, sys
tmp = sys.argv[1]
def rows(name):
    return [list(map(int, l.split())) for l in open(f"{tmp}/{name}")]
def med(name):
    r = rows(name)
    return statistics.median(x[0] for x in r), max(x[1] for x in r)
meta, meta_rss = med("meta")
cold, cold_rss = med("cold")
warm, warm_rss = med("warm")
# The ratio of each round's run to the same round's cargo metadata: a
# round shares the machine's load of the moment, so the median of these
# paired ratios is steadier than the ratio of the medians.
def paired(name):
    return statistics.median(x[0] / m[0] for x, m in zip(rows(name), rows("meta")))
cold_ratio, warm_ratio = paired("cold"), paired("warm")
v = json.load(open(f"{tmp}/list.json"))
crates = sum(1 for a in v["artifacts"] if a["kind"] == "crate")
models = sum(1 for a in v["artifacts"] if a["kind"] in ("model", "dataset"))
print(f"packages {crates}, models {models}, unaudited references {len(v['unaudited_references'])}")
print(f"cargo metadata  {meta:7.0f} ms  peak RSS {meta_rss / 1024:6.1f} MB")
print(f"cold list       {cold:7.0f} ms  peak RSS {cold_rss / 1024:6.1f} MB  {cold_ratio:4.2f}x metadata (budget 2.5x; ratio of medians {cold / meta:4.2f}x)  {'PASS' if cold_ratio <= 2.5 else 'FAIL'}")
print(f"warm list       {warm:7.0f} ms  peak RSS {warm_rss / 1024:6.1f} MB  {warm_ratio:4.2f}x metadata (budget 1.3x; ratio of medians {warm / meta:4.2f}x)  {'PASS' if warm_ratio <= 1.3 else 'FAIL'}")
print(f"peak RSS (tree) {max(cold_rss, warm_rss) / 1024:6.1f} MB (budget 150 MB for the tool's own process)  {'PASS' if max(cold_rss, warm_rss) < 150 * 1024 else 'FAIL'}")
EOF
