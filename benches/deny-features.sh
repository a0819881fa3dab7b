#!/usr/bin/env bash
# deny-features.sh: on a real workspace, the crates rejected by
# `cargo deny check licenses` and by `cargo model-audit check` under the same
# allow list, with default features and with --all-features. Both tools see
# the same graph selection: every member, dev-dependencies left out, the
# same rule for members (unpublished ones skipped, published ones judged). The sets
# agree only if both audit the graph cargo builds for those features (an
# optional crate that no enabled feature activates is not rejected).
#
# Usage: benches/deny-features.sh WORKSPACE_DIR
#   WORKSPACE_DIR  a Cargo workspace of at least 500 packages, fetched once
#                  (`cargo fetch`); both tools then run --offline.
# Env: BIN (default target/debug/cargo-model-audit; build it first),
#      CARGO_DENY (default `cargo-deny` on PATH; install it outside the repo
#      with `cargo install --locked cargo-deny --root DIR`).
# Prints, per feature set, both rejected sets and their differences
# (benches/compare_rejections.py); exits 0 whatever it finds.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
WS="$(cd "${1:?usage: deny-features.sh WORKSPACE_DIR}" && pwd)"
BIN="${BIN:-$REPO/target/debug/cargo-model-audit}"
DENY="${CARGO_DENY:-cargo-deny}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
ALLOW='["MIT", "Apache-2.0", "Unicode-3.0"]'
cat >"$TMP/deny.toml" <<TOML
[licenses]
allow = $ALLOW
confidence-threshold = 0.8
unused-allowed-license = "allow"

[licenses.private]
ignore = true   # unpublished members are skipped, as model-audit skips them
TOML
cat >"$TMP/model-audit.toml" <<TOML
[licenses]
allow = $ALLOW
confidence-threshold = 0.8
include-dev = false
include-workspace = "deny"   # judge members as cargo-deny does
TOML
echo "workspace:  $WS ($(cargo metadata --offline --format-version 1 --manifest-path "$WS/Cargo.toml" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["packages"]))') packages)"
echo "cargo-deny: $("$DENY" --version)"
echo "allow list: $ALLOW"
for features in "" "--all-features"; do
    echo
    echo "== features: ${features:-default}"
    # shellcheck disable=SC2086
    "$DENY" --format json --manifest-path "$WS/Cargo.toml" --config "$TMP/deny.toml" \
        --offline --workspace --exclude-dev $features check licenses 2>"$TMP/deny.ndjson" || true
    # shellcheck disable=SC2086
    "$BIN" model-audit check --manifest-path "$WS/Cargo.toml" --config "$TMP/model-audit.toml" \
        --offline --exclude-dev --format json -q $features >"$TMP/ma.json" || true
    python3 "$REPO/benches/compare_rejections.py" "$TMP/deny.ndjson" "$TMP/ma.json"
done
