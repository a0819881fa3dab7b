#!/usr/bin/env python3
"""Compares cargo-about's attribution data with `cargo model-audit notices`.

Usage: compare_notices.py ABOUT_JSON NOTICES_TXT METADATA_JSON

ABOUT_JSON is `cargo about generate --format json`; NOTICES_TXT is
`cargo model-audit notices --format text`; METADATA_JSON is
`cargo metadata --format-version 1` of the same workspace (for its members).
Every (crate, license) cargo-about attributes, the workspace's own members
left out, must appear in the notices under the same license (an exception
such as `WITH LLVM-exception` compared by its license) with a non-empty text.
Prints the counts and each mismatch; exits 2 when there is one.
"""

import json
import sys


TITLES = {"Required notices", "Checklist: what this document cannot do", "Models",
          "Crates", "License texts", "NOTICE files", "Missing texts"}


def sections(text):
    """Title -> lines of each `Title\\n=====` section (the document's own
    titles only: a license text may underline its own title too)."""
    lines = text.split("\n")
    out, title, body = {}, None, []
    i = 0
    while i < len(lines):
        if lines[i] in TITLES and i + 1 < len(lines) and lines[i + 1] == "=" * len(lines[i]):
            if title is not None:
                out[title] = body
            title, body = lines[i], []
            i += 2
            continue
        body.append(lines[i])
        i += 1
    if title is not None:
        out[title] = body
    return out


def parse_notices(text):
    secs = sections(text)
    crates = {}
    for line in secs.get("Crates", []):
        if not line.strip():
            continue
        who, rest = line.split(": ", 1)
        _expr, refs = rest.rsplit(": ", 1)
        pairs = []
        if refs != "none":
            for part in refs.split(", "):
                lic, anchor = part.rsplit(" [", 1)
                pairs.append((lic, anchor.rstrip("]")))
        crates[who] = pairs
    texts, anchor, body, in_text = {}, None, [], False
    for line in secs.get("License texts", []):
        if line.startswith("[text-") and "] " in line and anchor is None:
            anchor, body, in_text = line[1:line.index("]")], [], False
        elif anchor is not None and not in_text and line.startswith("Used by: "):
            in_text = None  # the blank line after it starts the text
        elif anchor is not None and in_text is None and line == "":
            in_text = True
        elif anchor is not None and in_text and line == "-" * 72:
            texts[anchor] = "\n".join(body)
            anchor = None
        elif anchor is not None and in_text:
            body.append(line)
    return crates, texts


def base(lic):
    return lic.split(" WITH ")[0].strip()


def main():
    about_path, notices_path, meta_path = sys.argv[1:4]
    about = json.load(open(about_path))
    meta = json.load(open(meta_path))
    members = set()
    by_id = {p["id"]: p for p in meta["packages"]}
    for m in meta["workspace_members"]:
        p = by_id.get(m)
        if p:
            members.add(f'{p["name"]}@{p["version"]}')
    crates, texts = parse_notices(open(notices_path, encoding="utf-8").read())

    attributed = set()  # (crate, license)
    for lic in about.get("licenses", []):
        for use in lic.get("used_by", []):
            c = use.get("crate", use)
            attributed.add((f'{c["name"]}@{c["version"]}', base(lic["id"])))
    crates_about = {c for c, _ in attributed}
    third = {(c, l) for c, l in attributed if c not in members}
    ok, missing_crate, other_license, empty = [], [], [], []
    for c, l in sorted(third):
        if c not in crates:
            missing_crate.append((c, l))
            continue
        pairs = [(base(x), a) for x, a in crates[c]]
        hits = [a for x, a in pairs if x == l]
        if not hits:
            other_license.append((c, l, [x for x, _ in pairs]))
        elif not any(texts.get(a, "").strip() for a in hits):
            empty.append((c, l))
        else:
            ok.append((c, l))
    print(f"packages in the graph (cargo metadata):          {len(meta['packages'])}")
    print(f"crates cargo-about attributes:                   {len(crates_about)}"
          f" ({len(attributed)} crate-license pairs)")
    print(f"  of which workspace members (left out):         {len({c for c, _ in attributed if c in members})}")
    print(f"crate-license pairs to find in notices:          {len(third)}")
    print(f"  found with the same license and a text:        {len(ok)}")
    print(f"  crate missing from notices:                    {len(missing_crate)}")
    print(f"  crate present under another license:           {len(other_license)}")
    print(f"  same license but an empty text:                {len(empty)}")
    extra = sorted(set(crates) - {c for c, _ in attributed})
    print(f"crates in notices that cargo-about does not attribute: {len(extra)}")
    print(f"distinct license texts in notices:               {len(texts)}")
    for c, l in missing_crate:
        print(f"  missing: {c} ({l})")
    for c, l, got in other_license:
        print(f"  other license: {c}: cargo-about {l}, notices {', '.join(got) or 'none'}")
    for c, l in empty:
        print(f"  empty text: {c} ({l})")
    for c in extra[:20]:
        print(f"  only in notices: {c}")
    sys.exit(2 if (missing_crate or other_license or empty) else 0)


if __name__ == "__main__":
    main()
