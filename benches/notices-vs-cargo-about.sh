#!/usr/bin/env bash
# notices-vs-cargo-about.sh: checks `cargo model-audit notices` against
# cargo-about 0.9 on a real Cargo workspace (run `cargo fetch` in it once
# beforehand; everything here runs offline).
#
# Both tools get the same accepted licenses in the same priority order, and
# leave dev-dependencies out. cargo-about writes its JSON attribution data
# (`generate --format json`); cargo-model-audit writes its plain-text notices
# document. The comparison (benches/compare_notices.py) takes every crate
# cargo-about attributes under a license, leaves out the workspace's own
# members (not third-party: `notices` never lists them), and counts how many
# appear in `notices` under the same license with a non-empty text. It prints
# the counts, and every crate that does not match.
#
# Usage:
#   benches/notices-vs-cargo-about.sh WORKSPACE_DIR
# e.g. (a public workspace of >= 500 packages, fetched outside this repo):
#   (cd /work/bench/nushell && cargo fetch)
#   benches/notices-vs-cargo-about.sh /work/bench/nushell
#
# cargo-about is installed with `cargo install --locked cargo-about --version
# '^0.9' --features cli` when `cargo about --version` fails. cargo-model-audit
# is built in release from this repo (at nice 19), unless MODEL_AUDIT_BIN names
# a binary to use. Set NOTICES_KEEP=1 to keep the temp dir with the outputs.
#
# Exit status: 0 when every crate cargo-about attributes matches, 1 on bad
# usage or a broken setup, 2 when some crate does not match.

set -euo pipefail

[[ $# -eq 1 ]] || { echo "usage: $0 WORKSPACE_DIR" >&2; exit 1; }
[[ -f "$1/Cargo.toml" ]] || { echo "error: no Cargo.toml in $1" >&2; exit 1; }
WS=$(cd "$1" && pwd)
MANIFEST="$WS/Cargo.toml"
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARGET_DIR=${CARGO_TARGET_DIR:-$REPO/target}
[[ "$TARGET_DIR" = /* ]] || TARGET_DIR="$REPO/$TARGET_DIR"

# The accepted licenses, in priority order (for an OR, the first accepted
# alternative wins in both tools).
ACCEPTED=(
    "MIT" "Apache-2.0" "Apache-2.0 WITH LLVM-exception" "BSD-3-Clause" "BSD-2-Clause"
    "ISC" "Unicode-3.0" "Unicode-DFS-2016" "Zlib" "MPL-2.0" "CC0-1.0" "BSL-1.0"
    "0BSD" "Unlicense" "MIT-0" "CDLA-Permissive-2.0" "BSD-2-Clause-Patent" "CC-PDDC"
)

TMP=$(mktemp -d "${TMPDIR:-/tmp}/notices-bench.XXXXXX")
if [[ "${NOTICES_KEEP:-0}" = 1 ]]; then
    echo "keeping temp dir $TMP"
else
    trap 'rm -rf "$TMP"' EXIT
fi

command -v python3 >/dev/null || { echo "error: python3 is needed" >&2; exit 1; }
if ! cargo about --version >/dev/null 2>&1; then
    echo "== cargo-about missing: cargo install --locked cargo-about --version '^0.9' --features cli"
    nice -n 19 cargo install --locked cargo-about --version '^0.9' --features cli
fi
MA_BIN=${MODEL_AUDIT_BIN:-}
if [[ -z "$MA_BIN" ]]; then
    echo "== building cargo-model-audit (release) in $REPO"
    (cd "$REPO" && nice -n 19 cargo build --release --quiet)
    MA_BIN="$TARGET_DIR/release/cargo-model-audit"
fi
[[ -x "$MA_BIN" ]] || { echo "error: $MA_BIN is not an executable" >&2; exit 1; }

list() {
    local out="" item
    for item in "$@"; do out+="${out:+, }\"$item\""; done
    printf '[%s]' "$out"
}

cat >"$TMP/about.toml" <<EOF2
# written by benches/notices-vs-cargo-about.sh
accepted = $(list "${ACCEPTED[@]}")
ignore-dev-dependencies = true
ignore-build-dependencies = false
EOF2
cat >"$TMP/model-audit.toml" <<EOF2
# written by benches/notices-vs-cargo-about.sh
[licenses]
allow = $(list "${ACCEPTED[@]}")
include-dev = false
include-build = true
EOF2

echo "== cargo about $(cargo about --version 2>/dev/null | awk '{print $NF}')"
( cd "$WS" && cargo about generate --offline --locked --workspace --format json -c "$TMP/about.toml" \
    --manifest-path "$MANIFEST" -o "$TMP/about.json" ) 2>"$TMP/about.stderr" || {
    echo "error: cargo about failed:" >&2; tail -20 "$TMP/about.stderr" >&2; exit 1; }

echo "== cargo model-audit notices"
"$MA_BIN" model-audit notices --manifest-path "$MANIFEST" --offline -q \
    --config "$TMP/model-audit.toml" --format text --output "$TMP/notices.txt" \
    2>"$TMP/notices.stderr" || {
    echo "error: notices failed:" >&2; tail -20 "$TMP/notices.stderr" >&2; exit 1; }
cargo metadata --format-version 1 --offline --manifest-path "$MANIFEST" >"$TMP/metadata.json"

python3 "$REPO/benches/compare_notices.py" "$TMP/about.json" "$TMP/notices.txt" "$TMP/metadata.json"
