//! Shared test harness: copies a fixture workspace to a temporary directory
//! (so cargo's lock file and our cache never touch the repo) and runs the
//! real binary on it, offline, without colour.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

/// Copies a directory (following links, skipping `target/`), so a test
/// works on its own copy.
pub fn copy_dir(from: &Path, to: &Path) {
    copy_dir_keeping(from, to, false);
}

/// Like `copy_dir`; `keep_lock` keeps `Cargo.lock` (the example ships one).
pub fn copy_dir_keeping(from: &Path, to: &Path, keep_lock: bool) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        let name = entry.file_name();
        if name == "target" || (name == "Cargo.lock" && !keep_lock) {
            continue;
        }
        if std::fs::metadata(entry.path()).unwrap().is_dir() {
            copy_dir_keeping(&entry.path(), &target, keep_lock);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A private copy of a fixture workspace.
pub struct Workspace {
    pub dir: tempfile::TempDir,
}

impl Workspace {
    pub fn new(fixture: &str) -> Workspace {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&fixtures().join(fixture), dir.path());
        Workspace { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.path().join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(p, text).unwrap();
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_env(args, &[])
    }

    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        run_in(self.path(), args, env)
    }

    /// A run against the Hub at `endpoint` (the mock hub of the test),
    /// with hf-hub's cache in `cache`.
    #[allow(dead_code)]
    pub fn run_against_hub(&self, args: &[&str], endpoint: &str, cache: &Path) -> Run {
        let cache = cache.display().to_string();
        self.run_env(
            args,
            &[("HF_ENDPOINT", endpoint), ("HF_HUB_CACHE", cache.as_str())],
        )
    }

    /// `list --offline --format json`, which must succeed.
    pub fn list_json(&self) -> serde_json::Value {
        let r = self.run(&["list", "--offline", "--format", "json"]);
        assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
        json(&r)
    }
}

/// The tool's cache for the workspace at `dir`: beside it, not inside, as a
/// cache inside the checkout is not used.
pub fn model_audit_cache(dir: &Path) -> PathBuf {
    let name = dir.file_name().unwrap_or_default().to_string_lossy();
    dir.with_file_name(format!("{name}.model-audit-cache"))
}

pub fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let out = command(dir, args, env)
        .output()
        .expect("run cargo-model-audit");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Like `run_in`, but kills the process after `limit` and panics, so a hang
/// fails the test instead of stalling the suite.
pub fn run_bounded(
    dir: &Path,
    args: &[&str],
    env: &[(&str, &str)],
    limit: std::time::Duration,
) -> Run {
    use std::io::Read;
    let mut child = command(dir, args, env)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run cargo-model-audit");
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("cargo-model-audit {args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    Run {
        code: status.code().unwrap_or(-1),
        stdout: out_reader.join().unwrap(),
        stderr: err_reader.join().unwrap(),
    }
}

fn command(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cargo-model-audit"));
    cmd.current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("CARGO_TERM_COLOR")
        .env("CARGO_NET_OFFLINE", "true")
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("CARGO_BUILD_TARGET_DIR")
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("RUSTC")
        .env_remove("RUSTC_WRAPPER")
        .env_remove("RUSTC_WORKSPACE_WRAPPER")
        .env_remove("HF_TOKEN")
        .env_remove("HF_TOKEN_PATH")
        .env_remove("HF_ENDPOINT")
        .env_remove("HF_HUB_CACHE")
        .env_remove("HF_HUB_OFFLINE")
        .env_remove("HUGGINGFACE_HUB_CACHE")
        .env_remove("HTTP_PROXY")
        .env_remove("HTTPS_PROXY")
        .env_remove("ALL_PROXY")
        .env_remove("http_proxy")
        .env_remove("https_proxy")
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env("HF_HOME", dir.join(".hf-home-unused"))
        .env("MODEL_AUDIT_CACHE_DIR", model_audit_cache(dir));
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

pub fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", run.stdout, run.stderr))
}

/// `(code, artifact)` of every finding in a JSON report.
pub fn findings(v: &serde_json::Value) -> Vec<(String, String, String)> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["severity"].as_str().unwrap().to_owned(),
                f["artifact"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// An executable shell script at `path` that runs `body`.
#[cfg(unix)]
pub fn script(path: &Path, body: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, format!("#!/bin/sh\n{body}")).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Runs the tool with its output to a file and returns its exit code and
/// the peak resident memory of that one process, in KiB (from `wait4`, so
/// no other process of the test run is counted).
#[cfg(target_os = "linux")]
#[allow(dead_code, clippy::zombie_processes)] // reaped by `wait4`
pub fn peak_kib(dir: &Path, args: &[&str]) -> (i32, u64) {
    let child = command(dir, args, &[])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("run cargo-model-audit");
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    assert_eq!(unsafe { libc::wait4(pid, &mut status, 0, &mut usage) }, pid);
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    (code, usage.ru_maxrss as u64)
}

/// Every `.rs` file below `dir`, for the tests that read this tool's own
/// sources.
pub fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The lines of a file outside its `#[cfg(test)]` module, with comments
/// dropped.
pub fn code_lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut lines = text.lines().enumerate().peekable();
    while let Some((i, line)) = lines.next() {
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]")
            && lines
                .peek()
                .is_some_and(|(_, next)| next.trim_start().starts_with("mod "))
        {
            break;
        }
        if t.starts_with("//") {
            continue;
        }
        out.push((i + 1, line));
    }
    out
}

/// The bundled example's Hugging Face cache (`examples/hf-cache`), beside
/// the example's workspace, not in it: a cache inside the workspace is not
/// read. Offline runs only read it.
pub fn example_hf_cache() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hf-cache")
}

/// A minimal GGUF v3 (little-endian) with string keys.
#[allow(dead_code)]
pub fn gguf(kv: &[(&str, &str)]) -> Vec<u8> {
    let s = |x: &str| {
        let mut b = (x.len() as u64).to_le_bytes().to_vec();
        b.extend_from_slice(x.as_bytes());
        b
    };
    let mut out = b"GGUF".to_vec();
    out.extend_from_slice(&3u32.to_le_bytes());
    out.extend_from_slice(&0u64.to_le_bytes());
    out.extend_from_slice(&(kv.len() as u64).to_le_bytes());
    for (k, v) in kv {
        out.extend(s(k));
        out.extend_from_slice(&8u32.to_le_bytes());
        out.extend(s(v));
    }
    out
}
