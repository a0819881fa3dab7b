#!/usr/bin/env bash
# Runs every fuzz target (or the ones named) for SECONDS each, one after the
# other, and prints the executions and the result of each.
#   fuzz/run.sh 600                 # every target, 10 minutes each
#   fuzz/run.sh 60 card gguf        # two targets, a minute each
# Needs a nightly toolchain and cargo-fuzz (cargo install cargo-fuzz).
# Crashes are left in fuzz/artifacts/<target>/; copy each into
# tests/fuzz_regressions/<target>/ so `cargo test` replays it.
set -uo pipefail
cd "$(dirname "$0")"
secs=${1:?usage: fuzz/run.sh SECONDS [target...]}
shift
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=(card gguf safetensors license config)
status=0
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t"
    for seeds in "seeds/$t" "../tests/fuzz_regressions/$t"; do
        [[ -d "$seeds" ]] && cp -n "$seeds"/* "corpus/$t/" 2>/dev/null
    done
    log=$(mktemp)
    cargo +nightly fuzz run "$t" "corpus/$t" -- -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 >"$log" 2>&1
    rc=$?
    execs=$(grep -oE '^#[0-9]+' "$log" | tail -n1 | tr -d '#')
    rate=$(grep -oE 'exec/s: [0-9]+' "$log" | tail -n1)
    if [[ $rc -eq 0 ]]; then
        echo "$t: ${execs:-?} executions in ${secs}s (${rate:-?}), no crash"
    else
        status=1
        echo "$t: FAILED after ${execs:-?} executions; see fuzz/artifacts/$t/ and the log:"
        grep -E 'ERROR|panicked|SUMMARY' "$log" | head -n 5 | sed 's/^/    /'
    fi
    rm -f "$log"
done
exit $status
