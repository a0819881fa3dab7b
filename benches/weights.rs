//! Reading a weight file's metadata must not depend on its size: builds a
//! GGUF header with license keys and a large skipped array (a tokenizer's
//! worth of strings), extends the file to 5 GiB sparse, and times
//! `weights::read` over several runs. Prints the median and the target.
//!
//!   cargo bench --bench weights            # WEIGHTS_BENCH_GIB=5, 21 runs

use cargo_model_audit::discover::weights;
use std::io::Write;
use std::time::{Duration, Instant};

fn string(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u64).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

fn header() -> Vec<u8> {
    let mut out = b"GGUF".to_vec();
    out.extend_from_slice(&3u32.to_le_bytes());
    out.extend_from_slice(&0u64.to_le_bytes());
    let kv: &[(&str, &str)] = &[
        ("general.license", "llama3.1"),
        ("general.name", "Bench 8B Q4"),
        (
            "general.base_model.0.repo_url",
            "hf://meta-llama/Llama-3.1-8B",
        ),
    ];
    out.extend_from_slice(&(kv.len() as u64 + 1).to_le_bytes());
    for (k, v) in kv {
        string(&mut out, k);
        out.extend_from_slice(&8u32.to_le_bytes());
        string(&mut out, v);
    }
    // tokenizer.ggml.tokens: 128k strings, skipped by seeking.
    string(&mut out, "tokenizer.ggml.tokens");
    out.extend_from_slice(&9u32.to_le_bytes());
    out.extend_from_slice(&8u32.to_le_bytes());
    let n = 128_000u64;
    out.extend_from_slice(&n.to_le_bytes());
    for i in 0..n {
        string(&mut out, &format!("tok{i}"));
    }
    out
}

fn main() {
    let gib: u64 = std::env::var("WEIGHTS_BENCH_GIB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let runs: usize = std::env::var("WEIGHTS_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(21);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench-8b-q4.gguf");
    let mut file = std::fs::File::create(&path).expect("create");
    let h = header();
    file.write_all(&h).expect("write");
    file.set_len(gib << 30).expect("extend sparse");
    drop(file);
    let mut times: Vec<Duration> = Vec::new();
    for i in 0..=runs {
        let started = Instant::now();
        let meta = weights::read(&path).expect("read");
        let took = started.elapsed();
        assert_eq!(meta.license.as_deref(), Some("llama3.1"));
        if i > 0 {
            times.push(took);
        }
    }
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "weights bench: {gib} GiB sparse GGUF, header {} KiB (128k skipped token strings), {runs} runs",
        h.len() / 1024
    );
    println!(
        "median read: {:.2} ms (min {:.2} ms, max {:.2} ms)",
        ms(median),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
    let verdict = if median < Duration::from_millis(50) {
        "PASS"
    } else {
        "FAIL"
    };
    println!("{verdict} median < 50 ms");
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
