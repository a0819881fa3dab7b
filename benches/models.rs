//! The models curve: how long `cargo-model-audit check` takes to resolve N
//! distinct, pinned Hub models against the local mock hub with added latency,
//! cold (empty cache, no lock) and warm (cache and lock present), and how
//! much memory it needs.
//!
//! Run with `cargo bench --bench models` (release profile). Settings, all
//! from the environment:
//!
//! - `MODELS_BENCH_SIZES`: comma-separated model counts (default `50,200,1000`);
//! - `MODELS_BENCH_LATENCY_MS`: latency added to every hub response (default 50);
//! - `MODELS_BENCH_RUNS`: measured cold runs and warm runs per size (default 3);
//! - `MODELS_BENCH_CONCURRENCY`: writes `[hub] concurrency = N` into the
//!   config (default: not written, so the tool's default applies);
//! - `MODELS_BENCH_TIMEOUT_SECS`: longest a single run may take (default 900).
//!
//! Each run executes under `/usr/bin/time -f '%e %M %U %S'` when it exists;
//! the wall time reported is measured here with `Instant` (finer than `%e`'s
//! 10 ms) and the peak RSS is `%M`, the largest resident set of any single
//! process in the tree (the tool's `cargo metadata` child included, which
//! alone is about 35 MB). Without `/usr/bin/time` only wall time is reported.
//! On Linux the tool's own peak (`VmHWM` of its process, sampled every 2 ms
//! from `/proc`) and the CPU time (user + system, children included) are
//! printed too, below the table and per run.
//!
//! It prints a table of medians and, for N = 200, the targets as
//! PASS/FAIL lines: cold wall <= 2.5 s, warm requests == 0, RSS < 100 MB.
//! It exits 0 whatever the verdict (it is a report); it exits non-zero only
//! when a run fails outright (bad exit status, wrong model count, timeout).

#[path = "../tests/support/hub.rs"]
mod hub;

use hub::{MockHub, RepoSpec, sha1_hex};
use serde_json::{Value, json};
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TIME_BIN: &str = "/usr/bin/time";
const TARGET_N: usize = 200;
const TARGET_COLD_SECS: f64 = 2.5;
const TARGET_RSS_MB: f64 = 100.0;

/// `(cardData, README front matter)` for model `i`, cycling through licenses.
fn license_for(i: usize) -> (Value, &'static str) {
    match i % 5 {
        0 => (json!({"license": "apache-2.0"}), "license: apache-2.0"),
        1 => (json!({"license": "mit"}), "license: mit"),
        2 => (json!({"license": "llama2"}), "license: llama2"),
        3 => (json!({"license": "cc-by-nc-4.0"}), "license: cc-by-nc-4.0"),
        _ => (
            json!({"license": "other", "license_name": "gemma-terms-of-use"}),
            "license: other\nlicense_name: gemma-terms-of-use",
        ),
    }
}

fn model_id(i: usize) -> String {
    format!("bench/model-{i:04}")
}

fn model_sha(i: usize) -> String {
    sha1_hex(format!("models-bench:{i}").as_bytes())
}

struct Settings {
    sizes: Vec<usize>,
    latency: Duration,
    runs: usize,
    concurrency: Option<usize>,
    timeout: Duration,
    time_bin: bool,
}

fn env_parse<T: std::str::FromStr>(name: &str, default: T) -> T {
    match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => v.trim().parse().unwrap_or_else(|_| {
            eprintln!("models bench: cannot parse {name}={v:?}");
            std::process::exit(2)
        }),
        _ => default,
    }
}

fn settings() -> Settings {
    let sizes = match std::env::var("MODELS_BENCH_SIZES") {
        Ok(v) if !v.trim().is_empty() => v
            .split(',')
            .map(|s| {
                s.trim().parse::<usize>().unwrap_or_else(|_| {
                    eprintln!("models bench: cannot parse MODELS_BENCH_SIZES={v:?}");
                    std::process::exit(2)
                })
            })
            .filter(|n| *n > 0)
            .collect(),
        _ => vec![50, 200, 1000],
    };
    let concurrency = match std::env::var("MODELS_BENCH_CONCURRENCY") {
        Ok(v) if !v.trim().is_empty() => Some(env_parse("MODELS_BENCH_CONCURRENCY", 8)),
        _ => None,
    };
    Settings {
        sizes,
        latency: Duration::from_millis(env_parse("MODELS_BENCH_LATENCY_MS", 50)),
        runs: env_parse("MODELS_BENCH_RUNS", 3usize).max(1),
        concurrency,
        timeout: Duration::from_secs(env_parse("MODELS_BENCH_TIMEOUT_SECS", 900)),
        time_bin: Path::new(TIME_BIN).exists(),
    }
}

/// Copies a fixture workspace, leaving out `target` and `Cargo.lock`.
fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create workspace dir");
    for entry in fs::read_dir(from).expect("read fixture dir") {
        let entry = entry.expect("fixture entry");
        let name = entry.file_name();
        if name == "target" || name == "Cargo.lock" {
            continue;
        }
        let target = to.join(&name);
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy fixture file");
        }
    }
}

fn config(n: usize, concurrency: Option<usize>) -> String {
    let mut s = String::from("extends = \"permissive\"\n");
    if let Some(c) = concurrency {
        s.push_str(&format!("\n[hub]\nconcurrency = {c}\n"));
    }
    for i in 0..n {
        s.push_str(&format!(
            "\n[[models]]\nid = \"{}\"\nrevision = \"{}\"\n",
            model_id(i),
            model_sha(i)
        ));
    }
    s
}

/// One measured run.
struct Sample {
    wall: f64,
    rss_mb: Option<f64>,
    requests: usize,
    /// User + system CPU seconds, children included (from `/usr/bin/time`).
    cpu: Option<f64>,
    /// The tool process's own `VmHWM`, sampled.
    tool_rss_mb: Option<f64>,
}

/// The pid of the tool: the child itself, or the child's child under
/// `/usr/bin/time` (Linux `/proc` only).
fn tool_pid(child: u32, wrapped: bool) -> Option<u32> {
    if !wrapped {
        return Some(child);
    }
    fs::read_to_string(format!("/proc/{child}/task/{child}/children"))
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// `VmHWM` of `pid` in KB, if it is still running.
fn vm_hwm_kb(pid: u32) -> Option<u64> {
    fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()?
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

/// Runs the tool once in `ws` with the cache under `root`; panics (with the
/// output) when it fails or reports the wrong number of models.
fn run_once(s: &Settings, hub: &MockHub, ws: &Path, root: &Path, n: usize) -> Sample {
    let bin = env!("CARGO_BIN_EXE_cargo-model-audit");
    let args = ["check", "--format", "json", "-q"];
    let time_out = root.join("time.out");
    let stdout_path = root.join("stdout.json");
    let stderr_path = root.join("stderr.txt");
    let mut cmd = if s.time_bin {
        let mut c = Command::new(TIME_BIN);
        c.arg("-f")
            .arg("%e %M %U %S")
            .arg("-o")
            .arg(&time_out)
            .arg(bin);
        c
    } else {
        Command::new(bin)
    };
    cmd.args(args)
        .current_dir(ws)
        .stdin(Stdio::null())
        .stdout(File::create(&stdout_path).expect("create stdout file"))
        .stderr(File::create(&stderr_path).expect("create stderr file"))
        .env("HF_ENDPOINT", hub.endpoint())
        .env("HF_HUB_CACHE", root.join("cache"))
        .env("HF_HOME", root.join("home"))
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env("NO_COLOR", "1")
        .env("CARGO_NET_OFFLINE", "true")
        .env_remove("CARGO_TERM_COLOR")
        .env_remove("HF_TOKEN")
        .env_remove("HF_TOKEN_PATH")
        .env_remove("HF_HUB_OFFLINE")
        .env_remove("HUGGINGFACE_HUB_CACHE")
        .env_remove("HTTP_PROXY")
        .env_remove("HTTPS_PROXY")
        .env_remove("ALL_PROXY")
        .env_remove("http_proxy")
        .env_remove("https_proxy");
    hub.reset_counts();
    let start = Instant::now();
    let mut child = cmd.spawn().expect("spawn cargo-model-audit");
    let mut pid = None;
    let mut hwm_kb: Option<u64> = None;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for cargo-model-audit") {
            break status;
        }
        if pid.is_none() {
            pid = tool_pid(child.id(), s.time_bin);
        }
        if let Some(kb) = pid.and_then(vm_hwm_kb) {
            hwm_kb = Some(hwm_kb.map_or(kb, |h| h.max(kb)));
        }
        if start.elapsed() > s.timeout {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "N={n}: run exceeded {:?} and was killed (a stray cargo-model-audit may remain)",
                s.timeout
            );
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let wall = start.elapsed().as_secs_f64();
    let requests = hub.request_count();
    let stdout = fs::read_to_string(&stdout_path).unwrap_or_default();
    let stderr = fs::read_to_string(&stderr_path).unwrap_or_default();
    // 0: the policy holds, 1: it fails (the bench's licenses make it fail);
    // 2 and 3 mean the run itself did not work.
    let code = status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "N={n}: cargo-model-audit exited with {status}\nstderr:\n{stderr}\nstdout (start):\n{}",
        &stdout[..stdout.len().min(4000)]
    );
    let v: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "N={n}: output is not JSON ({e})\nstderr:\n{stderr}\nstdout (start):\n{}",
            &stdout[..stdout.len().min(4000)]
        )
    });
    let models = v["summary"]["models"].as_u64();
    assert_eq!(
        models,
        Some(n as u64),
        "N={n}: summary.models is {models:?}; summary: {}",
        v["summary"]
    );
    let (rss_mb, cpu) = if s.time_bin {
        let text = fs::read_to_string(&time_out).unwrap_or_default();
        // GNU time may prefix a "Command exited with non-zero status" line.
        let fields: Vec<f64> = text
            .lines()
            .last()
            .unwrap_or_default()
            .split_whitespace()
            .filter_map(|f| f.parse().ok())
            .collect();
        match fields.as_slice() {
            [_, kb, user, sys] => (Some(kb / 1024.0), Some(user + sys)),
            [_, kb, ..] => (Some(kb / 1024.0), None),
            _ => (None, None),
        }
    } else {
        (None, None)
    };
    Sample {
        wall,
        rss_mb,
        requests,
        cpu,
        tool_rss_mb: hwm_kb.map(|kb| kb as f64 / 1024.0),
    }
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let m = xs.len() / 2;
    if xs.len() % 2 == 1 {
        xs[m]
    } else {
        (xs[m - 1] + xs[m]) / 2.0
    }
}

/// Medians of a set of samples, plus the worst request count.
struct Summary {
    wall: f64,
    rss_mb: Option<f64>,
    requests: f64,
    max_requests: usize,
    max_rss_mb: Option<f64>,
    cpu: Option<f64>,
    tool_rss_mb: Option<f64>,
}

fn summarize(samples: &[Sample]) -> Summary {
    let rss: Option<Vec<f64>> = samples.iter().map(|s| s.rss_mb).collect();
    Summary {
        wall: median(samples.iter().map(|s| s.wall).collect()),
        rss_mb: rss.clone().map(median),
        requests: median(samples.iter().map(|s| s.requests as f64).collect()),
        max_requests: samples.iter().map(|s| s.requests).max().unwrap_or(0),
        max_rss_mb: rss.map(|r| r.into_iter().fold(0.0, f64::max)),
        cpu: samples
            .iter()
            .map(|s| s.cpu)
            .collect::<Option<Vec<f64>>>()
            .map(median),
        tool_rss_mb: samples
            .iter()
            .map(|s| s.tool_rss_mb)
            .collect::<Option<Vec<f64>>>()
            .map(median),
    }
}

struct Row {
    n: usize,
    cold: Summary,
    warm: Summary,
}

fn bench_size(s: &Settings, n: usize) -> Row {
    let hub = MockHub::start();
    hub.set_latency(s.latency);
    for i in 0..n {
        let (card_data, front) = license_for(i);
        let id = model_id(i);
        hub.add_repo(
            RepoSpec::model(&id)
                .sha(&model_sha(i))
                .card_data(card_data)
                .file("README.md", format!("---\n{front}\n---\n# {id}\n")),
        );
    }
    let tmp = tempfile::tempdir().expect("temp dir");
    let ws = tmp.path().join("ws");
    let fixture: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", "clean"]
        .iter()
        .collect();
    copy_dir(&fixture, &ws);
    fs::write(ws.join("model-audit.toml"), config(n, s.concurrency)).expect("write config");
    let lock = ws.join("model-audit.lock");

    let mut cold = Vec::new();
    let mut warm = Vec::new();
    for run in 1..=s.runs {
        // Cold: a fresh, empty cache and no lock.
        let root = tmp.path().join(format!("run{run}"));
        fs::create_dir_all(root.join("cache")).expect("create cache dir");
        fs::create_dir_all(root.join("home")).expect("create home dir");
        if lock.exists() {
            fs::remove_file(&lock).expect("remove lock");
        }
        let c = run_once(s, &hub, &ws, &root, n);
        assert!(
            lock.exists(),
            "N={n}: the cold run wrote no model-audit.lock"
        );
        // Warm: the same cache, the lock the cold run wrote.
        let w = run_once(s, &hub, &ws, &root, n);
        eprintln!(
            "  N={n} run {run}/{}: cold {:.3} s, {} cpu, {} peak ({} tool), {} requests; \
             warm {:.3} s, {} cpu, {} peak ({} tool), {} requests",
            s.runs,
            c.wall,
            fmt_secs(c.cpu),
            fmt_rss(c.rss_mb),
            fmt_rss(c.tool_rss_mb),
            c.requests,
            w.wall,
            fmt_secs(w.cpu),
            fmt_rss(w.rss_mb),
            fmt_rss(w.tool_rss_mb),
            w.requests
        );
        cold.push(c);
        warm.push(w);
        let _ = fs::remove_dir_all(&root);
    }
    Row {
        n,
        cold: summarize(&cold),
        warm: summarize(&warm),
    }
}

fn fmt_rss(mb: Option<f64>) -> String {
    mb.map_or_else(|| "n/a".to_owned(), |m| format!("{m:.1} MB"))
}

fn fmt_secs(secs: Option<f64>) -> String {
    secs.map_or_else(|| "n/a".to_owned(), |t| format!("{t:.2} s"))
}

fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

fn verdict(ok: bool) -> &'static str {
    if ok { "PASS" } else { "FAIL" }
}

fn main() {
    // `cargo bench` passes `--bench` (and any filter); there is nothing to filter.
    let s = settings();
    let concurrency = s
        .concurrency
        .map_or_else(|| "tool default (8)".to_owned(), |c| c.to_string());
    println!(
        "models bench: sizes {:?}, {} ms added latency per response, {} cold + {} warm runs per size, concurrency {concurrency}",
        s.sizes,
        s.latency.as_millis(),
        s.runs,
        s.runs
    );
    if s.time_bin {
        println!(
            "wall: measured around each run (Instant); RSS: peak of the largest process, from {TIME_BIN} %M"
        );
    } else {
        println!("note: {TIME_BIN} not found; measuring wall time only (no RSS)");
    }

    let mut rows = Vec::new();
    for &n in &s.sizes {
        eprintln!("N={n}: ...");
        rows.push(bench_size(&s, n));
    }

    println!();
    println!(
        "{:>6}  {:>13}  {:>13}  {:>10}  {:>13}  {:>13}  {:>10}",
        "N",
        "cold wall (s)",
        "cold RSS (MB)",
        "cold reqs",
        "warm wall (s)",
        "warm RSS (MB)",
        "warm reqs"
    );
    let rss = |m: Option<f64>| m.map_or_else(|| "n/a".to_owned(), |m| format!("{m:.1}"));
    for r in &rows {
        println!(
            "{:>6}  {:>13.3}  {:>13}  {:>10}  {:>13.3}  {:>13}  {:>10}",
            r.n,
            r.cold.wall,
            rss(r.cold.rss_mb),
            fmt_num(r.cold.requests),
            r.warm.wall,
            rss(r.warm.rss_mb),
            fmt_num(r.warm.requests)
        );
    }
    println!("(medians of {} runs each)", s.runs);
    if rows
        .iter()
        .any(|r| r.cold.tool_rss_mb.is_some() || r.cold.cpu.is_some())
    {
        println!();
        println!(
            "RSS above is the largest process in the tree, usually `cargo metadata`; the tool's own \
             peak (VmHWM, sampled) and CPU time (user + sys, children included), medians:"
        );
        for r in &rows {
            println!(
                "{:>6}  cold: tool {}, cpu {};  warm: tool {}, cpu {}",
                r.n,
                fmt_rss(r.cold.tool_rss_mb),
                fmt_secs(r.cold.cpu),
                fmt_rss(r.warm.tool_rss_mb),
                fmt_secs(r.warm.cpu)
            );
        }
    }

    if let Some(r) = rows.iter().find(|r| r.n == TARGET_N) {
        println!();
        if s.latency != Duration::from_millis(50) {
            println!(
                "note: the targets assume 50 ms added latency; this run used {} ms",
                s.latency.as_millis()
            );
        }
        println!(
            "{} cold wall for {TARGET_N} models: {:.3} s (target <= {TARGET_COLD_SECS} s, median)",
            verdict(r.cold.wall <= TARGET_COLD_SECS),
            r.cold.wall
        );
        println!(
            "{} warm pinned run requests: {} (target == 0, worst of {} runs)",
            verdict(r.warm.max_requests == 0),
            r.warm.max_requests,
            s.runs
        );
        match (r.cold.max_rss_mb, r.warm.max_rss_mb) {
            (Some(c), Some(w)) => {
                let peak = c.max(w);
                println!(
                    "{} peak RSS: {peak:.1} MB (target < {TARGET_RSS_MB} MB, worst of all runs)",
                    verdict(peak < TARGET_RSS_MB)
                );
            }
            _ => println!("SKIP peak RSS: not measured ({TIME_BIN} not found)"),
        }
    }
}
