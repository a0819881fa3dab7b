#!/usr/bin/env python3
"""Compare the crates rejected by `cargo deny check licenses` and by
`cargo model-audit check` under the same allow list.

Usage:
    compare_rejections.py DENY_NDJSON MODEL_AUDIT_JSON

DENY_NDJSON       what `cargo deny --format json ... check licenses` wrote to
                  stderr: one JSON object per line. A crate counts as rejected
                  when a diagnostic with severity "error" and code "rejected" or
                  "unlicensed" names it in fields.graphs[].Krate.
MODEL_AUDIT_JSON  what `cargo-model-audit model-audit check --format json` wrote
                  to stdout: one JSON document whose findings[] carry `code`,
                  `severity` and `artifact` ("crate:name@version"). A crate counts
                  as rejected when a finding with severity "error" has an
                  artifact starting with "crate:".

Prints both sets' sizes and the differences each way (name@version). This is a
report: it exits 0 whatever it finds, and also when the model-audit output is
missing or unreadable (then only cargo-deny's set is printed).
"""

import collections
import json
import sys

DENY_REJECT_CODES = {"rejected", "unlicensed"}


def deny_rejections(path):
    """Return ({name@version: set(codes)}, {other error codes: count})."""
    rejected = collections.defaultdict(set)
    other_errors = collections.Counter()
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            line = line.strip()
            if not line.startswith("{"):
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                continue
            if obj.get("type") != "diagnostic":
                continue
            fields = obj.get("fields") or {}
            if fields.get("severity") != "error":
                continue
            code = fields.get("code") or "<no code>"
            krates = []
            for graph in fields.get("graphs") or []:
                krate = graph.get("Krate") if isinstance(graph, dict) else None
                if krate and "name" in krate and "version" in krate:
                    krates.append(f"{krate['name']}@{krate['version']}")
            if code in DENY_REJECT_CODES:
                for k in krates:
                    rejected[k].add(code)
            else:
                other_errors[code] += 1
    return rejected, other_errors


def model_audit_rejections(path):
    """Return {name@version: set(codes)} or raise ValueError."""
    with open(path, encoding="utf-8", errors="replace") as fh:
        text = fh.read()
    if not text.strip():
        raise ValueError("empty output")
    doc = json.loads(text)
    findings = doc.get("findings") if isinstance(doc, dict) else None
    if not isinstance(findings, list):
        raise ValueError("no findings[] array in the document")
    rejected = collections.defaultdict(set)
    for f in findings:
        if not isinstance(f, dict) or f.get("severity") != "error":
            continue
        artifact = f.get("artifact")
        if isinstance(artifact, dict):  # tolerate {"id": "crate:..."} shapes
            artifact = artifact.get("id")
        if not isinstance(artifact, str) or not artifact.startswith("crate:"):
            continue
        rejected[artifact[len("crate:"):]].add(f.get("code") or "<no code>")
    return rejected


def show(title, items, codes):
    print(f"{title}: {len(items)}")
    for k in sorted(items, key=lambda s: (s.split("@")[0], s)):
        print(f"  {k}  [{', '.join(sorted(codes.get(k, ())))}]")


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        print("usage: compare_rejections.py DENY_NDJSON MODEL_AUDIT_JSON", file=sys.stderr)
        return 0

    deny, deny_other = deny_rejections(argv[1])
    print(f"cargo-deny rejected crates: {len(deny)}")
    for k in sorted(deny, key=lambda s: (s.split("@")[0], s)):
        print(f"  {k}  [{', '.join(sorted(deny[k]))}]")
    if deny_other:
        others = ", ".join(f"{c} x{n}" for c, n in sorted(deny_other.items()))
        print(f"  (other cargo-deny error diagnostics, not counted: {others})")

    try:
        ma = model_audit_rejections(argv[2])
    except (OSError, ValueError) as err:  # json.JSONDecodeError is a ValueError
        print(f"cargo-model-audit rejected crates: n/a ({err})")
        print("SAME REJECTED SET: n/a (no usable cargo-model-audit output)")
        return 0

    print(f"cargo-model-audit rejected crates: {len(ma)}")
    codes = collections.Counter(c for cs in ma.values() for c in cs)
    if codes:
        print("  by code: " + ", ".join(f"{c} x{n}" for c, n in sorted(codes.items())))

    only_deny = set(deny) - set(ma)
    only_ma = set(ma) - set(deny)
    show("rejected only by cargo-deny", only_deny, deny)
    show("rejected only by cargo-model-audit", only_ma, ma)
    print("SAME REJECTED SET: " + ("PASS" if not only_deny and not only_ma else "FAIL"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
