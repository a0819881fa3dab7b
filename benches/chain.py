#!/usr/bin/env python3
"""chain.py: cost of a long chain of path crates (app -> c0 -> c1 -> ...).

Writes a workspace and a synthetic `cargo metadata` JSON for a chain of N
path crates, runs `cargo-model-audit list --metadata-path ... --format json`
on it under /usr/bin/time, and prints N, the peak RSS (MB), the wall time
and the size of the JSON report, so that cost can be compared across N
(it must grow linearly). No cargo run is needed, so N can be 200000.

Usage:
    benches/chain.py BINARY N [N ...]
e.g.
    cargo build --release
    benches/chain.py target/release/cargo-model-audit 1000 2000 4000 200000
"""

import json
import os
import subprocess
import sys
import tempfile
import time


def package(root, name, dep):
    pid = f"path+file://{root}/{name}#0.1.0"
    deps = []
    if dep is not None:
        deps.append({
            "name": dep, "source": None, "req": "*", "kind": None,
            "rename": None, "optional": False,
            "uses_default_features": True, "features": [], "target": None,
            "registry": None, "path": f"{root}/crates/{dep}",
        })
    kind = "bin" if name == "app" else "lib"
    src = f"{root}/{name}/src/main.rs" if name == "app" else f"{root}/crates/{name}/src/lib.rs"
    manifest = f"{root}/app/Cargo.toml" if name == "app" else f"{root}/crates/{name}/Cargo.toml"
    return pid, {
        "name": name, "version": "0.1.0", "id": pid, "license": "MIT",
        "license_file": None, "description": None, "source": None,
        "dependencies": deps,
        "targets": [{"kind": [kind], "crate_types": [kind], "name": name,
                     "src_path": src, "edition": "2021", "doc": True,
                     "doctest": False, "test": True}],
        "features": {}, "manifest_path": manifest, "metadata": None,
        "publish": None, "authors": [], "categories": [], "keywords": [],
        "readme": None, "repository": None, "homepage": None,
        "documentation": None, "edition": "2021", "links": None,
        "default_run": None, "rust_version": None,
    }


def write(root, n):
    os.makedirs(f"{root}/app/src", exist_ok=True)
    with open(f"{root}/Cargo.toml", "w") as f:
        f.write('[workspace]\nmembers = ["app"]\nexclude = ["crates"]\nresolver = "2"\n')
    with open(f"{root}/app/Cargo.toml", "w") as f:
        f.write('[package]\nname = "app"\nversion = "0.1.0"\nedition = "2021"\nlicense = "MIT"\n')
    with open(f"{root}/app/src/main.rs", "w") as f:
        f.write("fn main() {}\n")
    names = ["app"] + [f"c{i}" for i in range(n)]
    packages, nodes = [], []
    for i, name in enumerate(names):
        dep = names[i + 1] if i + 1 < len(names) else None
        pid, pkg = package(root, name, dep)
        packages.append(pkg)
        node = {"id": pid, "dependencies": [], "deps": [], "features": []}
        if dep is not None:
            did = f"path+file://{root}/{dep}#0.1.0"
            node["dependencies"] = [did]
            node["deps"] = [{"name": dep, "pkg": did,
                             "dep_kinds": [{"kind": None, "target": None}]}]
        nodes.append(node)
    app = f"path+file://{root}/app#0.1.0"
    meta = {
        "packages": packages, "workspace_members": [app],
        "workspace_default_members": [app],
        "resolve": {"nodes": nodes, "root": app},
        "target_directory": f"{root}/target", "version": 1,
        "workspace_root": root, "metadata": None,
    }
    path = f"{root}/metadata.json"
    with open(path, "w") as f:
        json.dump(meta, f)
    return path


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(1)
    binary = os.path.abspath(sys.argv[1])
    print(f"{'N':>8} {'peak RSS MB':>12} {'wall s':>8} {'JSON bytes':>12} {'exit':>5}")
    for n in map(int, sys.argv[2:]):
        with tempfile.TemporaryDirectory() as root:
            meta = write(root, n)
            out = f"{root}/report.json"
            start = time.time()
            r = subprocess.run(
                ["/usr/bin/time", "-f", "%M", binary, "list", "--offline", "--quiet",
                 "--metadata-path", meta, "--manifest-path", f"{root}/Cargo.toml",
                 "--format", "json", "--output", out],
                cwd=root, capture_output=True, text=True)
            wall = time.time() - start
            rss = r.stderr.strip().splitlines()[-1] if r.stderr.strip() else "?"
            size = os.path.getsize(out) if os.path.exists(out) else 0
            mb = int(rss) / 1024 if rss.isdigit() else float("nan")
            print(f"{n:>8} {mb:>12.1f} {wall:>8.2f} {size:>12} {r.returncode:>5}")
            if r.returncode not in (0, 1):
                print(r.stderr[-2000:], file=sys.stderr)


if __name__ == "__main__":
    main()
