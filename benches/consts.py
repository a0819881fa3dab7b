#!/usr/bin/env python3
"""consts.py: cost of model consts in a dependency under `dependencies = "all"`.

Writes a workspace whose member depends on a path crate holding MB megabytes
of `pub const M<i>: &str = "hf://org<i>/model-<i>/config.json";`
(files of at most 4 MiB, the per-file scan limit), runs
`cargo-model-audit list --offline --format json` on it under /usr/bin/time,
and prints the size, the number of model artifacts, the peak RSS and the
JSON size. Cost must grow linearly with MB.

Usage:
    benches/consts.py BINARY MB [MB ...]
e.g.
    benches/consts.py target/release/cargo-model-audit 1 2 4 8 32
"""

import json
import os
import subprocess
import sys
import tempfile
import time

LINE = 'pub const M{0}: &str = "hf://org{0}/model-{0}/config.json";\n'
FILE_BYTES = 4 * 1024 * 1024 - 4096


def write(root, mb):
    os.makedirs(f"{root}/app/src")
    os.makedirs(f"{root}/dep/src")
    with open(f"{root}/Cargo.toml", "w") as f:
        f.write('[workspace]\nmembers = ["app"]\nexclude = ["dep"]\nresolver = "2"\n')
    with open(f"{root}/model-audit.toml", "w") as f:
        f.write('[scan]\ndependencies = "all"\n')
    with open(f"{root}/app/Cargo.toml", "w") as f:
        f.write('[package]\nname = "app"\nversion = "0.1.0"\nedition = "2021"\n'
                'license = "MIT"\n[dependencies]\ndep = { path = "../dep" }\n')
    with open(f"{root}/app/src/main.rs", "w") as f:
        f.write("fn main() {}\n")
    with open(f"{root}/dep/Cargo.toml", "w") as f:
        f.write('[package]\nname = "dep"\nversion = "0.1.0"\nedition = "2021"\nlicense = "MIT"\n')
    total, i, files = mb * 1024 * 1024, 0, []
    while total > 0:
        name = f"c{len(files)}"
        size, lines = 0, []
        while size < min(FILE_BYTES, total):
            line = LINE.format(i)
            lines.append(line)
            size += len(line)
            i += 1
        with open(f"{root}/dep/src/{name}.rs", "w") as f:
            f.write("".join(lines))
        files.append(name)
        total -= size
    with open(f"{root}/dep/src/lib.rs", "w") as f:
        f.write("".join(f"pub mod {n};\n" for n in files))
    return i


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(1)
    binary = os.path.abspath(sys.argv[1])
    print(f"{'MB':>4} {'consts':>8} {'models':>8} {'peak RSS MB':>12} {'wall s':>8} {'JSON bytes':>12}")
    for mb in map(int, sys.argv[2:]):
        with tempfile.TemporaryDirectory() as root:
            n = write(root, mb)
            out = f"{root}/report.json"
            start = time.time()
            r = subprocess.run(
                ["/usr/bin/time", "-f", "%M", binary, "list", "--offline", "--quiet",
                 "--format", "json", "--output", out],
                cwd=root, capture_output=True, text=True)
            wall = time.time() - start
            rss = r.stderr.strip().splitlines()[-1] if r.stderr.strip() else "?"
            mbs = int(rss) / 1024 if rss.isdigit() else float("nan")
            models = 0
            if os.path.exists(out):
                with open(out) as f:
                    models = sum(1 for a in json.load(f)["artifacts"] if a["kind"] == "model")
            size = os.path.getsize(out) if os.path.exists(out) else 0
            print(f"{mb:>4} {n:>8} {models:>8} {mbs:>12.1f} {wall:>8.2f} {size:>12}")
            if r.returncode not in (0, 1):
                print(r.stderr[-2000:], file=sys.stderr)


if __name__ == "__main__":
    main()
