#!/usr/bin/env bash
# crate-gate.sh: benchmark of the crate license gate against cargo-deny.
#
# What it measures, on a real Cargo workspace whose crates are already
# downloaded (run `cargo fetch` in it once beforehand; every command here runs
# with --offline):
#   1. `cargo metadata --format-version 1 --offline`            (the floor)
#   2. `cargo deny --offline --workspace check licenses`         (the reference)
#   3. `cargo-model-audit model-audit check --offline --format json`
# Each command gets one warm-up run, then RUNS measured runs (default 7), run
# round-robin (meta, deny, model-audit, meta, ...) so that load from others on
# a shared machine falls on all three alike. For each run it records the wall
# time (bash's EPOCHREALTIME around the run, in ms; %e only has 10 ms) and the
# peak RSS from `/usr/bin/time -f '%e %M'`. %M is the maximum resident set of
# the largest single process in the tree, children included, which is what
# we want: both tools run `cargo metadata` as a child. (So neither tool can
# score below `cargo metadata`'s own peak; the script says so when that alone
# exceeds half of cargo-deny's.)
# It prints the medians and the ratios against the project's targets:
#   model-audit wall  <= 0.6 x cargo-deny's wall
#   model-audit wall  <= 1.3 x cargo metadata's wall
#   model-audit RSS   <= 0.5 x cargo-deny's peak RSS
# Then it runs both tools once more with JSON output and compares the sets of
# crates each rejects under the same allow list (benches/compare_rejections.py).
#
# Both tools get the same policy, written to a temp dir: an allow list that is
# realistic but leaves out licenses that real workspaces use (MPL-2.0, CC0-1.0,
# BSD-2-Clause, BSL-1.0, 0BSD, Unlicense, ...), so that both reject something;
# dev-dependencies are not checked (cargo-deny's default, include-dev = false).
#
# Usage:
#   benches/crate-gate.sh WORKSPACE_DIR [RUNS]
# e.g. (a public workspace of >= 500 packages, fetched outside this repo):
#   (cd /work/bench/nushell && cargo fetch)
#   benches/crate-gate.sh /work/bench/nushell 7
#
# It builds cargo-model-audit in release from this repo first (at nice 19; set
# CARGO_BUILD_JOBS=1 on a shared machine), and installs cargo-deny with
# `cargo install --locked cargo-deny` if `cargo deny --version` fails. Needs
# python3 and /usr/bin/time (installed from the Debian package `time` if
# missing and apt-get is usable). Set CRATE_GATE_KEEP=1 to keep the temp dir
# with the configs and raw outputs.
#
# Exit status: 0 when every command could be measured (whatever the ratios and
# the comparison say: this is a report), 1 on bad usage or a broken setup, 2
# when cargo-model-audit could not be built or run.

set -euo pipefail

usage() {
    echo "usage: $0 WORKSPACE_DIR [RUNS]" >&2
    exit 1
}

[[ $# -ge 1 && $# -le 2 ]] || usage
[[ -f "$1/Cargo.toml" ]] || { echo "error: no Cargo.toml in $1" >&2; exit 1; }
WS=$(cd "$1" && pwd)
RUNS=${2:-7}
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "error: RUNS must be a positive integer" >&2; exit 1; }
MANIFEST="$WS/Cargo.toml"
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARGET_DIR=${CARGO_TARGET_DIR:-$REPO/target}
[[ "$TARGET_DIR" = /* ]] || TARGET_DIR="$REPO/$TARGET_DIR"
MA_BIN="$TARGET_DIR/release/cargo-model-audit"
COMPARE="$REPO/benches/compare_rejections.py"

# The policy shared by both tools. Left out on purpose (all occur in large
# workspaces): MPL-2.0, CC0-1.0, BSD-2-Clause, BSL-1.0, 0BSD, Unlicense,
# MIT-0, CDLA-Permissive-2.0, LGPL/GPL, CC-PDDC.
ALLOW=(
    "MIT"
    "Apache-2.0"
    "Apache-2.0 WITH LLVM-exception"
    "BSD-3-Clause"
    "ISC"
    "Unicode-3.0"
    "Zlib"
)

TMP=$(mktemp -d "${TMPDIR:-/tmp}/crate-gate.XXXXXX")
if [[ "${CRATE_GATE_KEEP:-0}" = 1 ]]; then
    echo "keeping temp dir $TMP"
else
    trap 'rm -rf "$TMP"' EXIT
fi

# ---------------------------------------------------------------- set-up
command -v python3 >/dev/null || { echo "error: python3 is needed" >&2; exit 1; }
if [[ ! -x /usr/bin/time ]]; then
    echo "== /usr/bin/time missing: installing the Debian package 'time'"
    apt-get update -qq && apt-get install -y -qq time >/dev/null
fi

if ! cargo deny --version >/dev/null 2>&1; then
    echo "== cargo-deny missing: cargo install --locked cargo-deny"
    nice -n 19 cargo install --locked cargo-deny
fi

MA_STATUS=ok
echo "== building cargo-model-audit (release) in $REPO"
if ! (cd "$REPO" && nice -n 19 cargo build --release --quiet); then
    echo "warning: cargo build --release failed: cargo-model-audit is not measured" >&2
    MA_STATUS="build failed"
elif [[ ! -x "$MA_BIN" ]]; then
    echo "warning: $MA_BIN not found after the build" >&2
    MA_STATUS="binary missing"
fi

toml_list() {
    local out="" item
    for item in "$@"; do out+="${out:+, }\"$item\""; done
    printf '[%s]' "$out"
}
ALLOW_TOML=$(toml_list "${ALLOW[@]}")

cat >"$TMP/deny.toml" <<EOF
# written by benches/crate-gate.sh
[licenses]
allow = $ALLOW_TOML
confidence-threshold = 0.8
include-dev = false
unused-allowed-license = "allow"
EOF

cat >"$TMP/model-audit.toml" <<EOF
# written by benches/crate-gate.sh
[licenses]
allow = $ALLOW_TOML
unknown = "deny"
include-dev = false
EOF

CMD_META=(cargo metadata --format-version 1 --offline --manifest-path "$MANIFEST")
# cargo-deny: --config is a global option (before `check`); --workspace makes
# every workspace member a root, as `cargo metadata` does (without it, a root
# manifest that is also a package is the only root). Exit status 4 is "the
# licenses check failed", i.e. it rejected something.
DENY_ARGS=(--manifest-path "$MANIFEST" --offline --workspace --config "$TMP/deny.toml")
CMD_DENY=(cargo deny "${DENY_ARGS[@]}" check licenses)
CMD_MA=("$MA_BIN" model-audit check --manifest-path "$MANIFEST" --offline
        --config "$TMP/model-audit.toml" --format json)

# ---------------------------------------------------------------- context
PKGS=$("${CMD_META[@]}" 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["packages"]))') \
    || { echo "error: cargo metadata --offline fails in $WS (run cargo fetch there first)" >&2; exit 1; }
echo
echo "workspace:    $WS ($PKGS packages in cargo metadata)"
echo "runs:         1 warm-up + $RUNS measured per command"
echo "cargo:        $(cargo --version)"
echo "cargo-deny:   $(cargo deny --version 2>&1 | head -n1)"
if [[ "$MA_STATUS" = ok ]]; then
    echo "model-audit:  $("$MA_BIN" model-audit --version 2>/dev/null | head -n1 || echo '?') ($MA_BIN)"
fi
echo "allow list:   ${ALLOW[*]}"
echo "load:         $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') on $(nproc) cores"

# ---------------------------------------------------------------- timing
# run_once KEY I: runs the command KEY (meta, deny or ma) once under
# /usr/bin/time; I = 0 is the warm-up, later runs append "wall_s rss_kb" to
# $TMP/KEY.samples. Returns 1 (after showing stderr) when the exit status is
# not an expected one: cargo-deny exits 4 and model-audit 1 when they reject.
run_once() {
    local key=$1 i=$2 rc=0 t0 t1 m ok cmd
    case $key in
        meta) cmd=("${CMD_META[@]}"); ok="0" ;;
        deny) cmd=("${CMD_DENY[@]}"); ok="0 4" ;;
        ma) cmd=("${CMD_MA[@]}"); ok="0 1" ;;
    esac
    t0=$EPOCHREALTIME
    /usr/bin/time -f '%e %M' -o "$TMP/time" "${cmd[@]}" >"$TMP/$key.out" 2>"$TMP/$key.err" || rc=$?
    t1=$EPOCHREALTIME
    if [[ " $ok " != *" $rc "* ]]; then
        echo "  $key: run $i exited $rc, expected one of: $ok; its stderr ends with:" >&2
        tail -n 8 "$TMP/$key.err" | sed 's/^/    /' >&2
        return 1
    fi
    # GNU time puts "Command exited with non-zero status N" before the line.
    read -r _ m < <(tail -n 1 "$TMP/time")
    if ((i > 0)); then
        awk -v a="$t0" -v b="$t1" -v m="$m" 'BEGIN { printf "%.3f %d\n", b - a, m }' \
            >>"$TMP/$key.samples"
    fi
}

# stats KEY -> "median_wall min_wall max_wall median_rss_mib"
stats() {
    python3 - "$TMP/$1.samples" <<'EOF'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
w = [float(r[0]) for r in rows]
m = [int(r[1]) / 1024 for r in rows]
print(f"{statistics.median(w):.3f} {min(w):.3f} {max(w):.3f} {statistics.median(m):.1f}")
EOF
}

# A probe run: the tool must exit 0 or 1 and print a JSON document with a
# findings[] array, or its timings would mean nothing.
if [[ "$MA_STATUS" = ok ]]; then
    rc=0
    "${CMD_MA[@]}" >"$TMP/probe.json" 2>"$TMP/probe.err" || rc=$?
    if [[ $rc -ne 0 && $rc -ne 1 ]]; then
        MA_STATUS="probe run exited $rc"
    elif ! python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert isinstance(d["findings"], list)' \
            "$TMP/probe.json" 2>/dev/null; then
        MA_STATUS="probe run printed no JSON document with findings[]"
    fi
    if [[ "$MA_STATUS" != ok ]]; then
        echo "warning: cargo-model-audit not measured: $MA_STATUS; its stderr ends with:" >&2
        tail -n 8 "$TMP/probe.err" | sed 's/^/    /' >&2
    fi
fi

# Round-robin: every command once per round, so a burst of load from others on
# a shared machine hits all three alike instead of skewing one command's row.
KEYS=(meta deny)
[[ "$MA_STATUS" = ok ]] && KEYS+=(ma)
for key in "${KEYS[@]}"; do : >"$TMP/$key.samples"; done
echo
echo "== timing: 1 warm-up round, then $RUNS measured rounds of: ${KEYS[*]}"
for ((i = 0; i <= RUNS; i++)); do
    for key in "${KEYS[@]}"; do
        if [[ $key = ma && "$MA_STATUS" != ok ]]; then continue; fi
        if ! run_once "$key" "$i"; then
            case $key in
                meta) echo "error: cargo metadata failed" >&2; exit 1 ;;
                deny) echo "error: cargo deny failed" >&2; exit 1 ;;
                ma) MA_STATUS="run $i failed" ;;
            esac
        fi
    done
done

declare -A WALL RSS LINE
declare -A LABEL=([meta]="cargo metadata" [deny]="cargo deny check licenses" [ma]="cargo model-audit check")
for key in meta deny ma; do
    label=${LABEL[$key]}
    if [[ $key = ma && "$MA_STATUS" != ok ]]; then
        LINE[$key]=$(printf '%-30s %10s %17s %12s   (%s)' "$label" "n/a" "-" "n/a" "$MA_STATUS")
        continue
    fi
    read -r med lo hi rss < <(stats "$key")
    WALL[$key]=$med
    RSS[$key]=$rss
    LINE[$key]=$(printf '%-30s %10s %17s %12s' "$label" "$med" "$lo-$hi" "$rss")
done

echo
printf '%-30s %10s %17s %12s\n' "command" "wall (s)" "wall min-max (s)" "RSS (MiB)"
printf '%-30s %10s %17s %12s\n' "" "median" "" "median"
echo "${LINE[meta]}"
echo "${LINE[deny]}"
echo "${LINE[ma]}"

echo
printf '%-32s %8s %8s  %s\n' "ratio" "value" "target" "result"
ratio_row() { # label numerator denominator target
    if [[ -z "$2" || -z "$3" ]]; then
        printf '%-32s %8s %8s  %s\n' "$1" "n/a" "<= $4" "n/a"
        return
    fi
    awk -v l="$1" -v a="$2" -v b="$3" -v t="$4" 'BEGIN {
        r = a / b
        printf "%-32s %8.2f %8s  %s\n", l, r, "<= " t, (r <= t ? "PASS" : "FAIL")
    }'
}
ratio_row "model-audit / deny wall" "${WALL[ma]:-}" "${WALL[deny]}" 0.6
ratio_row "model-audit / metadata wall" "${WALL[ma]:-}" "${WALL[meta]}" 1.3
ratio_row "model-audit / deny peak RSS" "${RSS[ma]:-}" "${RSS[deny]}" 0.5
awk -v m="${RSS[meta]}" -v d="${RSS[deny]}" 'BEGIN {
    if (m > 0.5 * d)
        printf "note: cargo metadata alone peaks at %.1f MiB = %.2f x cargo-deny'"'"'s peak, and %%M\n" \
               "      counts that child: a tool that runs cargo metadata cannot get under it.\n", m, m / d
}'

# ---------------------------------------------------------------- own memory
# %M above is the largest process of each run, and for both tools that is
# their `cargo metadata` child. To compare the tools' own memory, give both
# the same saved metadata (--metadata-path) so neither spawns cargo.
if [[ "$MA_STATUS" = ok ]]; then
    "${CMD_META[@]}" >"$TMP/metadata.json" 2>/dev/null
    CMD_DENY_OWN=(cargo deny --manifest-path "$MANIFEST" --offline --workspace --config "$TMP/deny.toml"
                  --metadata-path "$TMP/metadata.json" check licenses)
    CMD_MA_OWN=("$MA_BIN" model-audit check --metadata-path "$TMP/metadata.json"
                --config "$TMP/model-audit.toml" --format json)
    own() { # key cmd... -> appends "wall rss" per run
        local key=$1; shift
        : >"$TMP/$key.samples"
        for ((i = 0; i <= RUNS; i++)); do
            local t0 t1 m
            t0=$EPOCHREALTIME
            /usr/bin/time -f '%e %M' -o "$TMP/time" "$@" >/dev/null 2>&1 || true
            t1=$EPOCHREALTIME
            read -r _ m < <(tail -n 1 "$TMP/time")
            ((i > 0)) && awk -v a="$t0" -v b="$t1" -v m="$m" 'BEGIN { printf "%.3f %d\n", b - a, m }' >>"$TMP/$key.samples"
        done
    }
    own deny_own "${CMD_DENY_OWN[@]}"
    own ma_own "${CMD_MA_OWN[@]}"
    read -r dw _ _ dr < <(stats deny_own)
    read -r mw _ _ mr < <(stats ma_own)
    echo
    echo "== the tools' own process, both reading the same saved metadata (--metadata-path)"
    printf '%-30s %10s %12s\n' "command" "wall (s)" "RSS (MiB)"
    printf '%-30s %10s %12s\n' "cargo deny check licenses" "$dw" "$dr"
    printf '%-30s %10s %12s\n' "cargo model-audit check" "$mw" "$mr"
    ratio_row "model-audit / deny own RSS" "$mr" "$dr" 0.5
fi

# ---------------------------------------------------------------- rejections
echo
echo "== rejected crates, same allow list"
rc=0
cargo deny --format json "${DENY_ARGS[@]}" check licenses >/dev/null 2>"$TMP/deny.ndjson" || rc=$?
echo "cargo deny exited $rc"
: >"$TMP/model-audit.json"
if [[ "$MA_STATUS" = ok ]]; then
    rc=0
    "${CMD_MA[@]}" >"$TMP/model-audit.json" 2>"$TMP/model-audit.err" || rc=$?
    echo "cargo-model-audit exited $rc"
fi
python3 "$COMPARE" "$TMP/deny.ndjson" "$TMP/model-audit.json" || true

[[ "$MA_STATUS" = ok ]] || exit 2
exit 0
