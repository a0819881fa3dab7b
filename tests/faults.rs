//! Faults at the hub: each ends in bounded time (set by config), names the
//! model and what to do, gives the right exit code, leaves no partial lock
//! file, and leaves the cache usable for the next run.

mod common;
#[path = "support/hub.rs"]
mod hub;

use common::{Run, Workspace, run_bounded};
use hub::{Fault, MockHub, RepoSpec};
use serde_json::json;
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(60);
const ID: &str = "t/model";

struct Case {
    ws: Workspace,
    hub: MockHub,
    cache: tempfile::TempDir,
}

impl Case {
    fn new() -> Case {
        let c = Case {
            ws: Workspace::new("clean"),
            hub: MockHub::start(),
            cache: tempfile::tempdir().unwrap(),
        };
        c.config(&c.hub.endpoint());
        c.hub.add_repo(
            RepoSpec::model(ID)
                .card_data(json!({"license": "mit"}))
                .file("README.md", "---\nlicense: mit\n---\n# A model\n"),
        );
        c
    }

    fn config(&self, endpoint: &str) {
        self.ws.write(
            "model-audit.toml",
            &format!("extends = \"permissive\"\n[hub]\nendpoint = \"{endpoint}\"\ntimeout-secs = 2\nretries = 1\n[[models]]\nid = \"{ID}\"\n"),
        );
    }

    fn run(&self) -> Run {
        let cache = self.cache.path().display().to_string();
        run_bounded(
            self.ws.path(),
            &["--format", "json", "-q"],
            &[("HF_HUB_CACHE", cache.as_str())],
            LIMIT,
        )
    }

    fn lock_is_whole(&self) {
        let path = self.ws.path().join("model-audit.lock");
        if let Ok(text) = std::fs::read_to_string(&path) {
            assert!(text.parse::<toml::Table>().is_ok(), "partial lock: {text}");
        }
        let stray: Vec<_> = std::fs::read_dir(self.ws.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(stray.is_empty(), "temporary files left: {stray:?}");
    }

    /// After the fault, a healthy hub gives a normal answer from the same cache.
    fn recovers(&self) {
        self.config(&self.hub.endpoint());
        let run = self.run();
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
        let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let m = v["artifacts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == ID)
            .unwrap()
            .clone();
        assert_eq!(m["license"]["expression"], "MIT");
        self.lock_is_whole();
    }
}

fn unresolved(run: &Run, needle: &str) {
    assert_eq!(run.code, 3, "{}{}", run.stdout, run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "model-unresolved")
        .unwrap_or_else(|| panic!("no model-unresolved: {v:#}"))
        .clone();
    assert!(f["message"].as_str().unwrap().contains(ID), "{f}");
    assert!(
        f["reasons"].to_string().contains(needle),
        "expected `{needle}` in {f}"
    );
    assert!(f["help"].as_str().unwrap().contains("HF_TOKEN"), "{f}");
}

#[test]
fn connection_refused() {
    let c = Case::new();
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    c.config(&format!("http://127.0.0.1:{port}"));
    unresolved(
        &c.run(),
        &format!("connection refused by 127.0.0.1:{port}: nothing listens there"),
    );
    c.lock_is_whole();
    c.recovers();
}

#[test]
fn an_endpoint_that_does_not_resolve() {
    let c = Case::new();
    c.config("http://hub.does-not-resolve.invalid");
    unresolved(
        &c.run(),
        "DNS: cannot resolve the host hub.does-not-resolve.invalid",
    );
    c.recovers();
}

#[test]
fn a_server_that_never_answers_times_out() {
    let c = Case::new();
    c.hub.push_fault("/api/models/t/model", Fault::NeverAnswer);
    unresolved(&c.run(), "timeout: no answer from 127.0.0.1:");
    c.recovers();
}

#[test]
fn a_trickling_card_times_out_but_the_info_answers() {
    let c = Case::new();
    c.hub.add_repo(
        RepoSpec::model(ID)
            .card_data(json!({"license": "mit"}))
            .file(
                "README.md",
                format!("---\nlicense: mit\n---\n{}", "x".repeat(200)),
            ),
    );
    c.hub
        .push_fault("/t/model/resolve/", Fault::Trickle { bytes_per_sec: 20 });
    let run = c.run();
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("card body not readable"),
        "{}",
        run.stdout
    );
    c.recovers();
}

#[test]
fn server_errors_then_success() {
    for status in [500, 502, 503] {
        let c = Case::new();
        c.hub
            .push_fault("/api/models/t/model", Fault::Status(status));
        let run = c.run();
        assert_eq!(run.code, 0, "{status}: {}{}", run.stdout, run.stderr);
        assert_eq!(c.hub.requests_to("/api/models/t/model").len(), 2);
    }
    // More failures than retries: unresolved, with the status.
    let c = Case::new();
    c.hub.push_fault("/api/models/t/model", Fault::Status(502));
    c.hub.push_fault("/api/models/t/model", Fault::Status(502));
    unresolved(&c.run(), "HTTP 502");
    c.recovers();
}

#[test]
fn rate_limited_with_retry_after() {
    let c = Case::new();
    c.hub.push_fault(
        "/api/models/t/model",
        Fault::TooManyRequests {
            retry_after_secs: 1,
        },
    );
    let run = c.run();
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    c.hub.push_fault(
        "/api/models/t/model",
        Fault::TooManyRequests {
            retry_after_secs: 1,
        },
    );
    c.hub.push_fault(
        "/api/models/t/model",
        Fault::TooManyRequests {
            retry_after_secs: 1,
        },
    );
    let _ = std::fs::remove_dir_all(c.cache.path().join("models--t--model"));
    unresolved(&c.run(), "HTTP 429");
}

#[test]
fn invalid_json_and_truncated_bodies() {
    let c = Case::new();
    c.hub.push_fault("/api/models/t/model", Fault::InvalidJson);
    unresolved(&c.run(), "invalid answer");
    c.lock_is_whole();

    let c = Case::new();
    c.hub
        .push_fault("/api/models/t/model", Fault::TruncatedBody);
    c.hub
        .push_fault("/api/models/t/model", Fault::TruncatedBody);
    let run = c.run();
    assert_eq!(run.code, 3, "{}{}", run.stdout, run.stderr);
    c.recovers();
}

#[test]
fn redirect_loops_end() {
    let c = Case::new();
    c.hub.push_fault("/api/models/t/model", Fault::RedirectLoop);
    let run = c.run();
    assert_eq!(run.code, 3, "{}{}", run.stdout, run.stderr);
    c.recovers();

    let c = Case::new();
    c.hub.push_fault("/t/model/resolve/", Fault::RedirectLoop);
    let run = c.run();
    assert_eq!(
        run.code, 0,
        "the info still answers: {}{}",
        run.stdout, run.stderr
    );
    assert!(run.stdout.contains("redirects"), "{}", run.stdout);
}

#[test]
fn a_card_larger_than_the_cap() {
    let c = Case::new();
    let huge = format!("---\nlicense: mit\n---\n{}", "y".repeat(5 * 1024 * 1024));
    c.hub.add_repo(
        RepoSpec::model(ID)
            .card_data(json!({"license": "mit"}))
            .file("README.md", huge),
    );
    let run = c.run();
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("card body not readable"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("larger than"), "{}", run.stdout);
}

#[test]
fn two_processes_share_one_cache() {
    let c = Case::new();
    c.hub.set_latency(Duration::from_millis(50));
    let other = Workspace::new("clean");
    other.write(
        "model-audit.toml",
        &std::fs::read_to_string(c.ws.path().join("model-audit.toml")).unwrap(),
    );
    // The project's endpoint fills the cache only when the user trusts it.
    let cache = c.cache.path().display().to_string();
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| {
            run_bounded(
                c.ws.path(),
                &["--format", "json", "-q"],
                &[
                    ("HF_HUB_CACHE", cache.as_str()),
                    ("MODEL_AUDIT_TRUST_PROJECT_ENDPOINT", "1"),
                ],
                LIMIT,
            )
        });
        let b = s.spawn(|| {
            run_bounded(
                other.path(),
                &["--format", "json", "-q"],
                &[
                    ("HF_HUB_CACHE", cache.as_str()),
                    ("MODEL_AUDIT_TRUST_PROJECT_ENDPOINT", "1"),
                ],
                LIMIT,
            )
        });
        (a.join().unwrap(), b.join().unwrap())
    });
    assert_eq!(a.code, 0, "{}{}", a.stdout, a.stderr);
    assert_eq!(b.code, 0, "{}{}", b.stdout, b.stderr);
    // The cache they wrote answers offline.
    let run = run_bounded(
        c.ws.path(),
        &["--offline", "--format", "json", "-q"],
        &[
            ("HF_HUB_CACHE", cache.as_str()),
            ("MODEL_AUDIT_TRUST_PROJECT_ENDPOINT", "1"),
        ],
        LIMIT,
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}
