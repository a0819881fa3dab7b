//! The pull request is the attacker: everything in the workspace and on the
//! Hub is hostile. Each test plants one vector and asserts the safe
//! behaviour: the token is absent from every request it must not reach and
//! from every output, cache and lock; no program of the project runs (no
//! marker file appears); memory and time stay bounded.

mod common;
#[path = "support/hub.rs"]
mod hub;

use common::{Run, Workspace, run_bounded};
use hub::{MockHub, RepoSpec};
use serde_json::json;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(60);
const TOKEN: &str = "hf_PullRequestMustNeverSeeThis0123456789";
const ID: &str = "t/model";
const FORMATS: [&str; 6] = ["human", "json", "sarif", "cyclonedx", "markdown", "github"];

fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let r = run_bounded(dir, args, env, LIMIT);
    assert!(!r.stderr.contains("panicked"), "panic: {}", r.stderr);
    r
}

/// Every file under `dir`, as bytes, for "the token is not in the cache".
fn all_bytes(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let Ok(read) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in read.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(all_bytes(&p));
        } else if let Ok(b) = std::fs::read(&p) {
            out.push((p, b));
        }
    }
    out
}

fn assert_no_secret(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    assert!(!text.contains(TOKEN), "the token is in {what}:\n{text}");
    assert!(
        !text.contains("PullRequestMustNeverSeeThis"),
        "part of the token is in {what}"
    );
}

/// Runs every format (and the GitHub step summary), and asserts that the
/// token is nowhere: stdout, stderr, summary, lock, cache.
fn assert_token_absent_everywhere(ws: &Workspace, cache: &Path, env: &[(&str, &str)]) {
    let summary = ws.path().join("summary.md");
    let summary_s = summary.display().to_string();
    for format in FORMATS {
        let mut env = env.to_vec();
        env.push(("GITHUB_STEP_SUMMARY", summary_s.as_str()));
        let r = run(ws.path(), &["--format", format, "-v"], &env);
        assert_no_secret(&format!("stdout of --format {format}"), r.stdout.as_bytes());
        assert_no_secret(&format!("stderr of --format {format}"), r.stderr.as_bytes());
        assert!(
            !r.stdout.contains('\x1b') && !r.stdout.contains('\x07'),
            "an escape sequence reached stdout of --format {format}: {:?}",
            r.stdout
        );
        if format == "markdown" {
            assert!(
                !r.stdout.contains("![")
                    && !r.stdout.contains("](http")
                    && !r.stdout.contains("<img"),
                "card text is not inert in Markdown: {}",
                r.stdout
            );
        }
    }
    let r = run(ws.path(), &["list", "--format", "tsv"], env);
    assert_no_secret("list --format tsv", r.stdout.as_bytes());
    assert_no_secret(
        "the step summary",
        &std::fs::read(&summary).unwrap_or_default(),
    );
    for (path, bytes) in all_bytes(ws.path()) {
        assert_no_secret(&path.display().to_string(), &bytes);
    }
    for (path, bytes) in all_bytes(cache) {
        assert_no_secret(&path.display().to_string(), &bytes);
    }
}

/// A one-off HTTP server: `answer(path)` gives the raw response; every
/// request's path and `Authorization` are recorded.
/// A request as received: its path and its `Authorization` line, if any.
type Seen = (String, Option<String>);

struct RawServer {
    port: u16,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl RawServer {
    fn start(answer: impl Fn(&str) -> String + Send + Sync + 'static) -> RawServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&seen);
        let answer = Arc::new(answer);
        std::thread::spawn(move || {
            for stream in listener.incoming().take(10_000) {
                let Ok(mut stream) = stream else { continue };
                let record = Arc::clone(&record);
                let answer = Arc::clone(&answer);
                std::thread::spawn(move || {
                    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
                    let mut head = Vec::new();
                    let mut buf = [0u8; 1024];
                    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 65536 {
                        match stream.read(&mut buf) {
                            Ok(0) | Err(_) => return,
                            Ok(n) => head.extend_from_slice(&buf[..n]),
                        }
                    }
                    let head = String::from_utf8_lossy(&head).into_owned();
                    let path = head.split_whitespace().nth(1).unwrap_or("").to_owned();
                    let auth = head
                        .lines()
                        .find(|l| l.to_ascii_lowercase().starts_with("authorization:"))
                        .map(|l| l.to_owned());
                    record.lock().unwrap().push((path.clone(), auth));
                    let _ = stream.write_all(answer(&path).as_bytes());
                });
            }
        });
        RawServer { port, seen }
    }

    fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn requests(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

fn response(status: &str, headers: &[(&str, &str)], body: &str) -> String {
    let mut r = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        r.push_str(&format!("{k}: {v}\r\n"));
    }
    r.push_str("\r\n");
    r.push_str(body);
    r
}

fn model_config(ws: &Workspace, hub_table: &str) {
    ws.write(
        "model-audit.toml",
        &format!(
            "extends = \"permissive\"\n[hub]\n{hub_table}timeout-secs = 5\nretries = 0\n[[models]]\nid = \"{ID}\"\n"
        ),
    );
}

fn mit_hub() -> MockHub {
    let hub = MockHub::start();
    hub.add_repo(
        RepoSpec::model(ID)
            .card_data(json!({"license": "mit"}))
            .file("README.md", "---\nlicense: mit\n---\n# A model\n"),
    );
    hub
}

fn authorized(hub: &MockHub) -> usize {
    hub.requests()
        .iter()
        .filter(|r| r.header("authorization").is_some_and(|a| a.contains(TOKEN)))
        .count()
}

// ---- Token exfiltration ----

#[test]
fn the_projects_endpoint_gets_no_token_and_fills_no_cache() {
    let hub = mit_hub();
    let ws = Workspace::new("clean");
    let cache = tempfile::tempdir().unwrap();
    let cache_s = cache.path().display().to_string();
    model_config(&ws, &format!("endpoint = \"{}\"\n", hub.endpoint()));
    let r = run(
        ws.path(),
        &["--format", "json"],
        &[("HF_TOKEN", TOKEN), ("HF_HUB_CACHE", &cache_s)],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(hub.request_count() > 0);
    assert_eq!(
        authorized(&hub),
        0,
        "the project's endpoint received the token"
    );
    assert!(
        all_bytes(cache.path()).is_empty(),
        "an endpoint the user did not choose filled the shared cache"
    );

    // The user's environment may opt in.
    hub.reset_counts();
    let r = run(
        ws.path(),
        &["--format", "json"],
        &[
            ("HF_TOKEN", TOKEN),
            ("HF_HUB_CACHE", &cache_s),
            ("MODEL_AUDIT_TRUST_PROJECT_ENDPOINT", "1"),
        ],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(authorized(&hub) > 0, "opted in, yet no token was sent");
}

#[test]
fn the_environments_endpoint_gets_the_token_and_wins_over_the_projects() {
    let trusted = mit_hub();
    let project = mit_hub();
    let ws = Workspace::new("clean");
    let cache = tempfile::tempdir().unwrap();
    let cache_s = cache.path().display().to_string();
    model_config(&ws, &format!("endpoint = \"{}\"\n", project.endpoint()));
    let endpoint = trusted.endpoint();
    let r = run(
        ws.path(),
        &["--format", "json"],
        &[
            ("HF_TOKEN", TOKEN),
            ("HF_HUB_CACHE", &cache_s),
            ("HF_ENDPOINT", &endpoint),
        ],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(
        project.request_count(),
        0,
        "the project's endpoint was used"
    );
    assert!(authorized(&trusted) > 0);
}

#[test]
fn a_redirect_to_another_port_of_the_same_host_gets_no_token() {
    let other =
        RawServer::start(|_| response("404 Not Found", &[("X-Error-Code", "RepoNotFound")], ""));
    let target = other.endpoint();
    let home = RawServer::start(move |path| {
        response("302 Found", &[("Location", &format!("{target}{path}"))], "")
    });
    let ws = Workspace::new("clean");
    let cache = tempfile::tempdir().unwrap();
    let cache_s = cache.path().display().to_string();
    model_config(&ws, "");
    let endpoint = home.endpoint();
    let r = run(
        ws.path(),
        &["--format", "json"],
        &[
            ("HF_TOKEN", TOKEN),
            ("HF_HUB_CACHE", &cache_s),
            ("HF_ENDPOINT", &endpoint),
        ],
    );
    assert_eq!(r.code, 3, "{}{}", r.stdout, r.stderr);
    let home_seen = home.requests();
    assert!(
        home_seen
            .iter()
            .any(|(p, a)| p.starts_with("/api/models/") && a.is_some()),
        "the info request should carry the token to the endpoint: {home_seen:?}"
    );
    let seen = other.requests();
    assert!(
        seen.iter().any(|(p, _)| p.starts_with("/api/models/")),
        "{seen:?}"
    );
    assert!(
        seen.iter().all(|(_, a)| a.is_none()),
        "a redirect to another port carried the token: {seen:?}"
    );
}

#[test]
fn an_error_code_header_with_the_token_and_escapes_is_redacted_everywhere() {
    let code = format!("RepoNotFound {TOKEN} \u{1b}[2J\u{1b}[31mforged");
    let server = RawServer::start(move |_| {
        response(
            "404 Not Found",
            &[("X-Error-Code", &code), ("X-Error-Message", TOKEN)],
            "{}",
        )
    });
    let ws = Workspace::new("clean");
    let cache = tempfile::tempdir().unwrap();
    let cache_s = cache.path().display().to_string();
    model_config(&ws, "unresolved = \"warn\"\n");
    let endpoint = server.endpoint();
    assert_token_absent_everywhere(
        &ws,
        cache.path(),
        &[
            ("HF_TOKEN", TOKEN),
            ("HF_HUB_CACHE", &cache_s),
            ("HF_ENDPOINT", &endpoint),
        ],
    );
}

#[test]
fn a_card_holding_the_token_is_neither_printed_nor_cached() {
    let hub = MockHub::start();
    let card = format!(
        "---\nlicense: mit\n---\n# A model\n\nOpen source! Send {TOKEN} to \u{1b}]8;;http://evil\u{7}x\n\n![pixel](http://evil.example/p.png)\n"
    );
    hub.add_repo(
        RepoSpec::model(ID)
            .card_data(json!({"license": "mit", "model_name": TOKEN}))
            .file("README.md", card),
    );
    let ws = Workspace::new("clean");
    let cache = tempfile::tempdir().unwrap();
    let cache_s = cache.path().display().to_string();
    model_config(&ws, "");
    let endpoint = hub.endpoint();
    assert_token_absent_everywhere(
        &ws,
        cache.path(),
        &[
            ("HF_TOKEN", TOKEN),
            ("HF_HUB_CACHE", &cache_s),
            ("HF_ENDPOINT", &endpoint),
        ],
    );
}

#[test]
fn extends_cannot_read_files_outside_the_workspace() {
    let home = tempfile::tempdir().unwrap();
    let token_file = home.path().join("token");
    std::fs::write(&token_file, TOKEN).unwrap();
    let secret_toml = home.path().join("secret.toml");
    std::fs::write(&secret_toml, format!("[hub]\nendpoint = \"{TOKEN}\"\n")).unwrap();
    let token_s = token_file.display().to_string();
    let cases = [
        "/proc/self/environ".to_owned(),
        "/etc/passwd".to_owned(),
        token_s.clone(),
        secret_toml.display().to_string(),
        "../../../../../../../proc/self/environ".to_owned(),
        "link.toml".to_owned(),
    ];
    for target in cases {
        let ws = Workspace::new("clean");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&secret_toml, ws.path().join("link.toml")).unwrap();
        ws.write("model-audit.toml", &format!("extends = \"{target}\"\n"));
        let r = run(
            ws.path(),
            &["--offline"],
            &[
                ("HF_TOKEN", TOKEN),
                ("HF_TOKEN_PATH", &token_s),
                ("HOME", "/nonexistent"),
            ],
        );
        assert_eq!(r.code, 2, "extends {target}: {}{}", r.stdout, r.stderr);
        assert_no_secret(&format!("stderr for extends {target}"), r.stderr.as_bytes());
        assert!(!r.stderr.contains("root:"), "{}", r.stderr);
        assert!(
            r.stderr.contains("outside the workspace") || r.stderr.contains(".toml file"),
            "extends {target}: {}",
            r.stderr
        );
    }
    // The config itself as a link out of the workspace.
    let ws = Workspace::new("clean");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&secret_toml, ws.path().join("model-audit.toml")).unwrap();
    let r = run(ws.path(), &["--offline"], &[("HF_TOKEN", TOKEN)]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert_no_secret("stderr", r.stderr.as_bytes());
}

/// Runs the binary and returns its exit code and peak RSS in MiB, with
/// `wait4` so the figure is this child's alone.
#[cfg(unix)]
fn run_measured(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, f64, String) {
    run_measured_without(dir, args, env, &[])
}

/// Like `run_measured`, with variables removed from the environment.
#[cfg(unix)]
fn run_measured_without(
    dir: &Path,
    args: &[&str],
    env: &[(&str, &str)],
    remove: &[&str],
) -> (i32, f64, String) {
    use std::os::unix::process::ExitStatusExt;
    let stderr_path = dir.join(".stderr");
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_cargo-model-audit"));
    cmd.current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .env("CARGO_NET_OFFLINE", "true")
        .env("HF_HOME", dir.join(".hf-home-unused"))
        .env("MODEL_AUDIT_CACHE_DIR", common::model_audit_cache(dir))
        .env_remove("HF_TOKEN")
        .env_remove("HF_ENDPOINT")
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(&stderr_path).unwrap());
    for (k, v) in env {
        cmd.env(k, v);
    }
    for k in remove {
        cmd.env_remove(k);
    }
    // Reaped below with `wait4`, which also gives its resource usage.
    #[allow(clippy::zombie_processes)]
    let child = cmd.spawn().unwrap();
    let pid = child.id() as libc::pid_t;
    let started = std::time::Instant::now();
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: wait4 writes only into the two values we pass.
        let rc = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if rc == pid {
            break;
        }
        assert!(rc == 0, "wait4 failed");
        if started.elapsed() > LIMIT {
            unsafe { libc::kill(pid, libc::SIGKILL) };
            panic!("{args:?} did not finish within {LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let code = std::process::ExitStatus::from_raw(status)
        .code()
        .unwrap_or(-1);
    let stderr = std::fs::read_to_string(&stderr_path).unwrap_or_default();
    let _ = std::fs::remove_file(&stderr_path);
    (code, usage.ru_maxrss as f64 / 1024.0, stderr)
}

#[cfg(unix)]
#[test]
fn a_huge_extends_file_is_refused_in_bounded_memory() {
    let ws = Workspace::new("clean");
    let big = std::fs::File::create(ws.path().join("big.toml")).unwrap();
    big.set_len(200 * 1024 * 1024).unwrap();
    ws.write("model-audit.toml", "extends = \"big.toml\"\n");
    let (code, peak, stderr) = run_measured(ws.path(), &["--offline"], &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("big.toml") && stderr.contains("larger than"),
        "{stderr}"
    );
    assert!(stderr.len() < 4096, "{} bytes on stderr", stderr.len());
    assert!(peak < 150.0, "peak RSS {peak:.1} MiB");
}

#[test]
fn config_numbers_and_dates_are_bounded() {
    let ws = Workspace::new("clean");
    for (table, key) in [
        (
            "[hub]\ntimeout-secs = 9223372036854775807\n",
            "hub.timeout-secs",
        ),
        ("[hub]\nconcurrency = 100000\n", "hub.concurrency"),
        ("[hub]\nretries = 4294967295\n", "hub.retries"),
        (
            "[[exceptions]]\nartifact = \"x\"\nallow = [\"MIT\"]\nreason = \"r\"\nexpires = \"99999-01-01\"\n",
            "expires",
        ),
        (
            "[[exceptions]]\nartifact = \"x\"\nallow = [\"MIT\"]\nreason = \"r\"\nexpires = \"1969-12-31\"\n",
            "expires",
        ),
        ("[hub]\nendpoint = \"file:///etc/passwd\"\n", "hub.endpoint"),
    ] {
        ws.write("model-audit.toml", table);
        let r = run(ws.path(), &["--offline"], &[]);
        assert_eq!(r.code, 2, "{table}: {}{}", r.stdout, r.stderr);
        assert!(r.stderr.contains(key), "{table}: {}", r.stderr);
    }
}

// ---- Nothing of the project runs ----

#[cfg(unix)]
use common::script;

/// A script that leaves `marker` behind when it runs.
#[cfg(unix)]
fn marker_script(path: &Path, marker: &Path) {
    script(path, &format!("touch '{}'\nexit 1\n", marker.display()));
}

#[cfg(unix)]
#[test]
fn a_toolchain_file_with_a_path_runs_nothing() {
    let ws = Workspace::new("clean");
    let marker = ws.path().join("MARKER-toolchain");
    let toolchain = ws.path().join("evil-toolchain");
    for tool in ["cargo", "rustc", "rustdoc"] {
        marker_script(&toolchain.join("bin").join(tool), &marker);
    }
    // As CI runs the binary directly: no toolchain chosen by a rustup proxy
    // or by cargo in the environment.
    let direct = ["CARGO", "RUSTUP_TOOLCHAIN", "RUSTC", "RUSTC_WRAPPER"];
    let args = ["--offline", "--policy", "permissive"];
    for file in ["rust-toolchain.toml", "rust-toolchain"] {
        ws.write(
            file,
            &format!("[toolchain]\npath = \"{}\"\n", toolchain.display()),
        );
        let (code, _, stderr) = run_measured_without(ws.path(), &args, &[], &direct);
        assert!(
            !marker.exists(),
            "the project's toolchain ran ({file}): {stderr}"
        );
        assert_eq!(code, 0, "{stderr}");
        std::fs::remove_file(ws.path().join(file)).unwrap();
    }
}

#[cfg(unix)]
#[test]
fn the_projects_cargo_config_runs_nothing() {
    // A registry that asks for credentials, so cargo would call a provider.
    let registry = RawServer::start(|_| {
        response(
            "401 Unauthorized",
            &[("WWW-Authenticate", "Cargo login_url=\"http://127.0.0.1/\"")],
            "",
        )
    });
    let ws = Workspace::new("clean");
    let marker = ws.path().join("MARKER-config");
    let script = ws.path().join("tools/provider");
    marker_script(&script, &marker);
    let s = script.display();
    ws.write(
        ".cargo/config.toml",
        &format!(
            "[build]\nrustc = \"{s}\"\nrustc-wrapper = \"{s}\"\nrustc-workspace-wrapper = \"{s}\"\n\
             [registry]\ncredential-provider = [\"{s}\"]\nglobal-credential-providers = [\"{s}\"]\n\
             [registries.evil]\nindex = \"sparse+{}/\"\ncredential-provider = [\"{s}\"]\n\
             [credential-alias]\nmine = [\"{s}\"]\n",
            registry.endpoint()
        ),
    );
    let manifest = std::fs::read_to_string(ws.path().join("Cargo.toml")).unwrap();
    ws.write(
        "Cargo.toml",
        &manifest.replace(
            "[workspace]",
            "[dependencies]\nevil-dep = { version = \"1\", registry = \"evil\" }\n\n[workspace]",
        ),
    );
    let r = run(ws.path(), &[], &[("CARGO_NET_OFFLINE", "false")]);
    eprintln!("{}", r.stderr);
    assert!(!marker.exists(), "the project's program ran: {}", r.stderr);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    // The project's `[registries]` never reach cargo: the registry it names
    // is unknown, and its server hears nothing.
    assert!(
        r.stderr.contains("evil"),
        "cargo should say the registry is not configured: {}",
        r.stderr
    );
    assert!(
        registry.requests().is_empty(),
        "cargo asked the project's registry: {:?}",
        registry.requests()
    );
}

#[cfg(unix)]
#[test]
fn without_a_project_wrapper_cargo_keeps_rustcs_answers() {
    // The project's config is not read, so no wrapper needs turning off: an
    // empty wrapper would stop cargo keeping rustc's answers in
    // target/.rustc_info.json, and each run would ask rustc again.
    let ws = Workspace::new("clean");
    let runs = ws.path().join("rustc-runs");
    let rustc = ws.path().join("tools/rustc");
    script(
        &rustc,
        &format!("echo run >> '{}'\nexec rustc \"$@\"\n", runs.display()),
    );
    ws.write(".cargo/config.toml", "[build]\nincremental = false\n");
    let env = [("RUSTC", rustc.to_str().unwrap())];
    let count = || {
        std::fs::read_to_string(&runs)
            .unwrap_or_default()
            .lines()
            .count()
    };
    // Cargo keeps the answers in the target directory, which a built
    // project has (the tool's own caches are in the user's cache directory,
    // and `cargo metadata` creates no target directory).
    std::fs::create_dir_all(ws.path().join("target")).unwrap();
    for _ in 0..2 {
        let r = run(ws.path(), &["list", "--offline"], &env);
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    let asked = count();
    assert!(asked > 0, "cargo never asked rustc");
    let again = run(ws.path(), &["list", "--offline"], &env);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(count(), asked, "the third run asked rustc again");
}

// ---- The lock records, it never decides ----

const SHA_A: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const SHA_B: &str = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

struct Hubbed {
    ws: Workspace,
    hub: MockHub,
    cache: tempfile::TempDir,
}

impl Hubbed {
    fn new(models: &str) -> Hubbed {
        let ws = Workspace::new("clean");
        ws.write(
            "model-audit.toml",
            &format!("extends = \"permissive\"\n{models}"),
        );
        Hubbed {
            ws,
            hub: MockHub::start(),
            cache: tempfile::tempdir().unwrap(),
        }
    }

    fn run(&self, args: &[&str]) -> Run {
        let endpoint = self.hub.endpoint();
        let cache = self.cache.path().display().to_string();
        run(
            self.ws.path(),
            args,
            &[("HF_ENDPOINT", &endpoint), ("HF_HUB_CACHE", &cache)],
        )
    }

    fn lock(&self) -> String {
        std::fs::read_to_string(self.ws.path().join("model-audit.lock")).unwrap_or_default()
    }

    fn edit_lock(&self, from: &str, to: &str) {
        let text = self.lock();
        assert!(text.contains(from), "{text}");
        self.ws.write("model-audit.lock", &text.replace(from, to));
    }
}

fn codes(r: &Run) -> Vec<String> {
    common::findings(&common::json(r))
        .into_iter()
        .map(|(c, _, _)| c)
        .collect()
}

fn llama(sha: &str) -> RepoSpec {
    RepoSpec::model("meta-llama/Llama-2-7b-hf")
        .sha(sha)
        .card_data(json!({"license": "llama2"}))
        .file("README.md", "---\nlicense: llama2\n---\n# Llama 2\n")
}

#[test]
fn an_edited_lock_license_does_not_pass_online_or_offline() {
    let h = Hubbed::new(&format!(
        "[[models]]\nid = \"meta-llama/Llama-2-7b-hf\"\nrevision = \"{SHA_A}\"\n"
    ));
    h.hub.add_repo(llama(SHA_A));
    let first = h.run(&["--format", "json"]);
    assert!(
        h.lock().contains("LicenseRef-llama2"),
        "{}{}",
        first.stdout,
        first.stderr
    );
    h.edit_lock("LicenseRef-llama2", "MIT");
    for args in [
        &["--format", "json"][..],
        &["--format", "json", "--offline"][..],
    ] {
        let r = h.run(args);
        assert_ne!(r.code, 0, "{args:?}: an edited lock passed: {}", r.stdout);
        assert!(
            codes(&r).contains(&"license-changed".to_owned()),
            "{args:?}: {}",
            r.stdout
        );
        let v = common::json(&r);
        let m = v["artifacts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == "meta-llama/Llama-2-7b-hf")
            .unwrap()
            .clone();
        assert_eq!(m["license"]["expression"], "LicenseRef-llama2", "{m}");
    }
    assert!(
        h.lock().contains("\"MIT\""),
        "check rewrote the recorded entry"
    );
    let _ = first;
}

#[test]
fn lock_values_are_validated() {
    let h = Hubbed::new("[[models]]\nid = \"t/m\"\n");
    h.hub.add_repo(
        RepoSpec::model("t/m")
            .sha(SHA_A)
            .card_data(json!({"license": "mit"}))
            .file("README.md", "---\nlicense: mit\n---\n"),
    );
    assert_eq!(h.run(&["-q"]).code, 0);
    let good = h.lock();
    for (from, to) in [
        (
            format!("sha = \"{SHA_A}\""),
            "sha = \"../../../../etc\"".to_owned(),
        ),
        ("id = \"t/m\"".to_owned(), "id = \"../../x/y\"".to_owned()),
        (
            "revision = \"main\"".to_owned(),
            "revision = \"../../..\"".to_owned(),
        ),
    ] {
        h.ws.write("model-audit.lock", &good);
        h.edit_lock(&from, &to);
        for extra in [&[][..], &["--offline"][..]] {
            let r = h.run(extra);
            assert_eq!(r.code, 2, "{to}: {}{}", r.stdout, r.stderr);
            assert!(r.stderr.contains("model-audit.lock"), "{}", r.stderr);
        }
    }
}

#[test]
fn list_and_explain_never_write_the_lock_and_check_only_adds() {
    let h = Hubbed::new("[[models]]\nid = \"t/m\"\n");
    h.hub.add_repo(
        RepoSpec::model("t/m")
            .sha(SHA_A)
            .card_data(json!({"license": "mit"}))
            .file("README.md", "---\nlicense: mit\n---\n"),
    );
    assert_eq!(h.run(&["list"]).code, 0);
    assert_eq!(h.run(&["explain", "t/m"]).code, 0);
    assert_eq!(h.lock(), "", "list or explain wrote the lock");
    assert_eq!(h.run(&["-q"]).code, 0);
    let before = h.lock();
    assert!(before.contains(SHA_A));
    // Upstream moves main; same license: a note under --locked, nothing written.
    h.hub.add_repo(
        RepoSpec::model("t/m")
            .sha(SHA_B)
            .card_data(json!({"license": "mit"}))
            .file("README.md", "---\nlicense: mit\n---\n"),
    );
    let r = h.run(&["--locked", "--format", "json"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let v = common::json(&r);
    let note = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "unpinned-model")
        .unwrap()
        .clone();
    assert!(
        note["reasons"].to_string().contains("moved from commit"),
        "{note}"
    );
    let r = h.run(&["--locked", "--format", "github"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("::notice"), "{}", r.stdout);
    assert_eq!(h.run(&["-q"]).code, 0);
    assert_eq!(h.lock(), before, "check rewrote a recorded commit");
    // `update` records it and says so.
    let r = h.run(&["update"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("t/m@main") && r.stdout.contains("bbbbbbbbbbbb"),
        "{}",
        r.stdout
    );
    assert!(h.lock().contains(SHA_B));
    let r = h.run(&["update", "nobody/uses-this"]);
    assert_eq!(r.code, 2);
}

// ---- Bounds ----

#[test]
fn a_card_naming_thousands_of_base_models_is_cut_with_a_finding() {
    let h = Hubbed::new("[hub]\nunresolved = \"warn\"\n[[models]]\nid = \"t/bomb\"\n");
    let bases: String = (0..5000).map(|i| format!("- b/m{i}\n")).collect();
    h.hub.add_repo(
        RepoSpec::model("t/bomb")
            .card_data(json!({"license": "mit"}))
            .file(
                "README.md",
                format!("---\nlicense: mit\nbase_model:\n{bases}---\n"),
            ),
    );
    let r = h.run(&["--format", "json"]);
    let v = common::json(&r);
    assert!(
        h.hub.request_count() < 200,
        "{} requests",
        h.hub.request_count()
    );
    assert!(
        v["findings"]
            .to_string()
            .contains("more than 32 base models"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_lineage_tree_is_bounded_per_run_with_a_finding() {
    let h = Hubbed::new("[hub]\nunresolved = \"warn\"\n[[models]]\nid = \"t/root\"\n");
    let card = |bases: String| format!("---\nlicense: mit\nbase_model:\n{bases}---\n");
    let level1: String = (0..30).map(|i| format!("- l1/m{i}\n")).collect();
    h.hub.add_repo(
        RepoSpec::model("t/root")
            .card_data(json!({"license": "mit"}))
            .file("README.md", card(level1)),
    );
    for i in 0..30 {
        let level2: String = (0..30).map(|j| format!("- l2/m{i}-{j}\n")).collect();
        h.hub.add_repo(
            RepoSpec::model(&format!("l1/m{i}"))
                .card_data(json!({"license": "mit"}))
                .file("README.md", card(level2)),
        );
    }
    let r = h.run(&["--format", "json"]);
    let v = common::json(&r);
    let models = v["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "model")
        .count();
    assert!(models <= 256 + 31, "{models} models");
    assert!(
        h.hub.request_count() <= 3 * 256,
        "{} requests",
        h.hub.request_count()
    );
    assert!(
        v["findings"]
            .to_string()
            .contains("at most 256 base models"),
        "{}",
        r.stdout
    );
}

// ---- Escaping ----

#[test]
fn escape_sequences_in_the_manifest_never_reach_the_terminal() {
    let ws = Workspace::new("clean");
    let manifest = std::fs::read_to_string(ws.path().join("Cargo.toml")).unwrap();
    ws.write(
        "Cargo.toml",
        &manifest.replace(
            "license = \"Apache-2.0 OR MIT\"",
            "license = \"MIT \\u001b[2J\\u001b]8;;http://evil\\u0007here\"\ndescription = \"\\u001b[1A\\u001b[2Kforged: ok\"",
        ),
    );
    for args in [
        &["--offline", "-v"][..],
        &["--offline", "--format", "github"][..],
        &["list", "--offline", "--format", "tsv"][..],
        &["list", "--offline"][..],
        &["--offline", "--color", "always"][..],
    ] {
        let r = run(ws.path(), args, &[]);
        let raw: Vec<&str> = r
            .stdout
            .split('\x1b')
            .skip(1)
            .filter(|rest| {
                !rest.starts_with('[')
                    || rest.starts_with("[2J")
                    || rest.starts_with("[1A")
                    || rest.starts_with("[2K")
            })
            .collect();
        assert!(raw.is_empty(), "{args:?}: {:?}", r.stdout);
        assert!(!r.stdout.contains('\x07'), "{args:?}: {:?}", r.stdout);
        assert!(!r.stderr.contains("\x1b[2J"), "{args:?}: {:?}", r.stderr);
    }
}

/// An excerpt quotes the audited workspace's own lines: terminal escapes
/// and bidi overrides in them are shown escaped, in colour too, and the
/// underline still lands on the declaration after the escaping has moved
/// it.
#[test]
fn excerpts_escape_the_lines_they_quote() {
    let ws = Workspace::new("clean");
    let manifest = std::fs::read_to_string(ws.path().join("Cargo.toml")).unwrap();
    ws.write(
        "Cargo.toml",
        &manifest.replace(
            "[workspace]",
            "[package.metadata.model-audit]\nmodels = [{ reason = \"\u{202e}\u{e9}\u{200b}\", id = \"acme/x\" }]\n\n[workspace]",
        ),
    );
    ws.write(
        "src/main.rs",
        "fn main() {\n    /* \u{1b}[2J\u{1b}]8;;http://evil\u{7}x\u{1b}]8;;\u{7} */ let api = hf_hub::api::sync::Api::new().unwrap(); api.model(\"acme/tiny\".into());\n}\n",
    );
    for color in ["never", "always"] {
        let r = run(ws.path(), &["--offline", "--color", color], &[]);
        assert_eq!(r.code, 3, "{}{}", r.stdout, r.stderr);
        let raw: Vec<&str> = r
            .stdout
            .split('\x1b')
            .skip(1)
            .filter(|rest| !rest.starts_with('[') || rest.starts_with("[2J"))
            .collect();
        assert!(raw.is_empty(), "{color}: {:?}", r.stdout);
        assert!(!r.stdout.contains('\x07'), "{color}: {:?}", r.stdout);
        assert!(!r.stdout.contains('\u{202e}'), "{color}: {:?}", r.stdout);
        let plain = console::strip_ansi_codes(&r.stdout).into_owned();
        assert!(
            plain.contains("/* \\u{1b}[2J\\u{1b}]8;;http://evil\\u{7}x"),
            "{plain}"
        );
        // The declaration's line, escaped, with its id underlined.
        let lines: Vec<&str> = plain.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.contains("reason = \"\\u{202e}\u{e9}\\u{200b}\", id = \"acme/x\""))
            .unwrap_or_else(|| panic!("no excerpt of the declaration in {plain}"));
        let column = |l: &str, needle: &str| l[..l.find(needle).unwrap()].chars().count();
        assert_eq!(
            column(lines[at], "\"acme/x\""),
            column(lines[at + 1], "^^^^^^^^ "),
            "{plain}"
        );
    }
}

#[test]
fn output_writes_through_to_a_device_and_atomically_to_a_file() {
    let ws = Workspace::new("clean");
    let r = run(
        ws.path(),
        &[
            "--offline",
            "--policy",
            "permissive",
            "--output",
            "/dev/null",
        ],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let meta = std::fs::metadata("/dev/null").unwrap();
    assert!(!meta.is_file(), "/dev/null was replaced by a regular file");
    let out = ws.path().join("report.txt");
    std::fs::write(&out, "old").unwrap();
    let r = run(
        ws.path(),
        &[
            "--offline",
            "--policy",
            "permissive",
            "--output",
            out.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text != "old" && text.contains("checked"), "{text}");
}

#[cfg(unix)]
#[test]
fn ten_thousand_discovered_models_take_bounded_time_and_memory() {
    let ws = Workspace::new("clean");
    let mut src = String::from("fn main() {\n");
    for i in 0..10_000 {
        src.push_str(&format!("    api.model(\"o{i}/m\");\n"));
    }
    src.push_str("}\n");
    ws.write("src/main.rs", &src);
    ws.write(
        "model-audit.toml",
        "extends = \"permissive\"\n[hub]\nunresolved = \"warn\"\n",
    );
    let (code, peak, stderr) = run_measured(ws.path(), &["list", "--offline", "-q"], &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(peak < 400.0, "peak RSS {peak:.1} MiB");
}

// ---- The README's CI recipes ----

/// The YAML block that follows a README heading.
fn readme_block(heading: &str) -> String {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let after = &readme[readme
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading}"))..];
    let start = after.find("```yaml\n").unwrap() + "```yaml\n".len();
    let end = after[start..].find("```").unwrap();
    after[start..start + end].to_owned()
}

/// Runs one shell script as a CI job would, with the tool on `PATH`.
fn sh(h: &Hubbed, script: &str) -> i32 {
    let bin = Path::new(env!("CARGO_BIN_EXE_cargo-model-audit"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let status = std::process::Command::new("sh")
        .args(["-c", script])
        .current_dir(h.ws.path())
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .env("CARGO_NET_OFFLINE", "true")
        .env("HF_ENDPOINT", h.hub.endpoint())
        .env("HF_HUB_CACHE", h.cache.path())
        .env("HF_HOME", h.ws.path().join(".hf-home-unused"))
        .env(
            "MODEL_AUDIT_CACHE_DIR",
            common::model_audit_cache(h.ws.path()),
        )
        .env_remove("HF_TOKEN")
        .env_remove("GITHUB_STEP_SUMMARY")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    status.code().unwrap_or(-1)
}

/// A workspace whose lock recorded `t/m` as MIT, whose card now says
/// Apache-2.0 upstream (both allowed: only the change fails).
fn changed_upstream() -> Hubbed {
    let h = Hubbed::new("[[models]]\nid = \"t/m\"\n");
    h.hub.add_repo(
        RepoSpec::model("t/m")
            .sha(SHA_A)
            .card_data(json!({"license": "mit"}))
            .file("README.md", "---\nlicense: mit\n---\n"),
    );
    let status = std::process::Command::new(env!("CARGO"))
        .args(["generate-lockfile", "--offline"])
        .current_dir(h.ws.path())
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(h.run(&["-q"]).code, 0);
    h.hub.add_repo(
        RepoSpec::model("t/m")
            .sha(SHA_B)
            .card_data(json!({"license": "apache-2.0"}))
            .file("README.md", "---\nlicense: apache-2.0\n---\n"),
    );
    h
}

#[test]
fn readme_ci_recipes_gate_a_changed_license() {
    // GitHub Actions: each `run:` step in order (the install is done); a
    // step that fails fails the job, later `if: always()` steps still run.
    let yaml = readme_block("### GitHub Actions");
    let steps: Vec<String> = yaml
        .lines()
        .filter_map(|l| l.trim().trim_start_matches("- ").strip_prefix("run: "))
        .filter(|cmd| !cmd.starts_with("cargo install"))
        .map(str::to_owned)
        .collect();
    assert_eq!(steps.len(), 2, "{steps:?}");
    let h = changed_upstream();
    let before = h.lock();
    for round in 0..2 {
        let codes: Vec<i32> = steps.iter().map(|s| sh(&h, s)).collect();
        assert!(
            codes.iter().any(|&c| c != 0),
            "round {round}: the GitHub recipe passed a changed license: {codes:?}"
        );
        assert_eq!(h.lock(), before, "the GitHub recipe rewrote the lock");
        assert!(h.ws.path().join("model-audit.sarif").exists());
    }

    // GitLab CI: the `script:` lines run in one shell.
    let yaml = readme_block("### GitLab CI");
    let script: Vec<&str> = yaml
        .lines()
        .skip_while(|l| l.trim() != "script:")
        .skip(1)
        .take_while(|l| l.trim_start().starts_with("- "))
        .map(|l| l.trim().trim_start_matches("- "))
        .collect();
    assert_eq!(script.len(), 3, "{script:?}");
    let h = changed_upstream();
    let before = h.lock();
    for round in 0..2 {
        let code = sh(&h, &script.join("\n"));
        assert_ne!(
            code, 0,
            "round {round}: the GitLab recipe passed a changed license"
        );
        assert_eq!(h.lock(), before, "the GitLab recipe rewrote the lock");
        assert!(h.ws.path().join("model-audit.md").exists());
    }
    // Accepting the change on purpose makes both pass.
    assert_eq!(h.run(&["update"]).code, 0);
    assert_eq!(sh(&h, &script.join("\n")), 0);
}
