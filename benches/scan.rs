//! Throughput of the Rust source scan (`discover::source::scan_rust`).
//!
//! Run with `cargo bench --bench scan` (release profile). Settings, from the
//! environment:
//!
//! - `SCAN_BENCH_DIR`: the directory whose `.rs` files are scanned,
//!   recursively, skipping `target/` and hidden directories and not following
//!   symbolic links (default: this repository's `src/`);
//! - `SCAN_BENCH_RUNS`: how many times the whole set is scanned (default 5);
//! - `SCAN_BENCH_LIST`: when set, every reference found is printed.
//!
//! All files are read into memory first; only the parse and scan are timed.
//! It prints the total size, the median time of a run and the throughput,
//! the time `syn::parse_file` alone takes on every file (the scan does not
//! parse files that cannot hold a reference),
//! then the references found by confidence and the files that do not parse,
//! and a PASS/FAIL line for the target of 50 MB/s. It exits 0
//! whatever the verdict (it is a report).

use cargo_model_audit::discover::source::scan_rust;
use std::path::{Path, PathBuf};
use std::time::Instant;

const TARGET_MB_PER_S: f64 = 50.0;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = read.flatten().collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if kind.is_dir() && !name.starts_with('.') && name != "target" {
            rust_files(&entry.path(), out);
        } else if kind.is_file() && name.ends_with(".rs") {
            out.push(entry.path());
        }
    }
}

fn main() {
    let dir = std::env::var_os("SCAN_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    let runs: usize = std::env::var("SCAN_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .filter(|&r| r > 0)
        .unwrap_or(5);
    let list = std::env::var_os("SCAN_BENCH_LIST").is_some();

    let mut paths = Vec::new();
    rust_files(&dir, &mut paths);
    let files: Vec<(PathBuf, String)> = paths
        .into_iter()
        .filter_map(|p| std::fs::read_to_string(&p).ok().map(|t| (p, t)))
        .collect();
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    let mb = bytes as f64 / 1e6;
    println!(
        "scan bench: {} ({} files, {:.2} MB), {runs} runs",
        dir.display(),
        files.len(),
        mb
    );

    let mut times = Vec::with_capacity(runs);
    let mut results = Vec::new();
    for run in 0..runs {
        let start = Instant::now();
        let outcome: Vec<_> = files.iter().map(|(_, text)| scan_rust(text)).collect();
        let secs = start.elapsed().as_secs_f64();
        println!("  run {}: {secs:.3} s ({:.1} MB/s)", run + 1, mb / secs);
        times.push(secs);
        results = outcome;
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let single = mb / median;
    println!("total {mb:.2} MB, median {median:.3} s, {single:.1} MB/s on one thread");

    // As the tool runs it: files split across the cores (discover does the
    // same, one chunk of files per thread).
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(8);
    let chunk = files.len().div_ceil(threads).max(1);
    let mut par = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        std::thread::scope(|s| {
            for part in files.chunks(chunk) {
                s.spawn(move || {
                    for (_, t) in part {
                        let _ = scan_rust(t);
                    }
                });
            }
        });
        par.push(start.elapsed().as_secs_f64());
    }
    par.sort_by(f64::total_cmp);
    let rate = mb / par[par.len() / 2];
    println!(
        "as the tool scans ({threads} threads): median {:.3} s, {rate:.1} MB/s",
        par[par.len() / 2]
    );

    // For comparison: a full `syn` parse of every file, which the scan
    // skips for files that cannot hold a reference.
    let start = Instant::now();
    for (_, text) in &files {
        let _ = syn::parse_file(text);
        proc_macro2::extra::invalidate_current_thread_spans();
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "syn::parse_file of every file, once: {secs:.3} s ({:.1} MB/s)",
        mb / secs
    );

    let (mut high, mut medium, mut low, mut errors) = (0, 0, 0, 0);
    for ((path, _), result) in files.iter().zip(&results) {
        let shown = path.strip_prefix(&dir).unwrap_or(path).display();
        match result {
            Ok(found) => {
                for f in found {
                    match f.confidence {
                        cargo_model_audit::domain::Confidence::High => high += 1,
                        cargo_model_audit::domain::Confidence::Medium => medium += 1,
                        _ => low += 1,
                    }
                    if list {
                        println!(
                            "  {shown}:{} {} rev={} dataset={} {} {:?}",
                            f.line,
                            f.id,
                            f.revision.as_deref().unwrap_or("-"),
                            f.dataset,
                            f.how.as_str(),
                            f.confidence
                        );
                    }
                }
            }
            Err(message) => {
                errors += 1;
                println!("  does not parse: {shown}: {message}");
            }
        }
    }
    println!("references: high {high}, medium {medium}, low {low}; files not parsed: {errors}");
    let verdict = if rate >= TARGET_MB_PER_S {
        "PASS"
    } else {
        "FAIL"
    };
    println!(
        "{verdict}: {rate:.1} MB/s as the tool scans, {single:.1} MB/s on one thread (target >= {TARGET_MB_PER_S} MB/s)"
    );
}
