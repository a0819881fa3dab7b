//! Bounds under attack: what a dependency or a project puts in its files
//! costs work in proportion to its size, never crashes the run, and a bound
//! never cuts the project's own references. No timings: each test counts
//! what grows (bytes of the report, models resolved) or checks that the run
//! ends with a report.

mod common;
#[path = "support/hub.rs"]
mod hub;

use common::{Workspace, run_bounded};
use hub::{MockHub, RepoSpec};
use serde_json::{Value, json};
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(120);

/// A dependency file whose brackets hide behind a token a rough count takes
/// for the start of a string: the run reports the file as not scanned and
/// goes on; it never overflows the stack (exit 134).
#[test]
fn nesting_hidden_behind_a_literal_never_crashes_the_audit() {
    let deep = |n: usize| format!("{}0{}", "(".repeat(n), ")".repeat(n));
    let hiders = [
        "const Q: char = '\"';",
        "const Q: u8 = b'\"';",
        "/* \" */",
        "const R: &str = r\"\\\";",
        "const R: &str = r#\"\"\"#;",
        "fn f<'a>(x: &'a str) -> &'a str { x } const Q: char = '\"';",
    ];
    for hider in hiders {
        let ws = Workspace::new("tables");
        ws.write("model-audit.toml", "[scan]\ndependencies = \"all\"\n");
        let text = format!(
            "{hider}\npub fn load(api: &hf_hub::api::sync::Api) {{ api.model(\"acme/deep\".into()); }}\npub const N: u32 = {};\n// \"\n",
            deep(50_000)
        );
        ws.write("embedder/src/deep.rs", &text);
        ws.write(
            "embedder/src/lib.rs",
            &format!(
                "mod deep;\n{}",
                std::fs::read_to_string(ws.path().join("embedder/src/lib.rs")).unwrap()
            ),
        );
        let r = run_bounded(
            ws.path(),
            &["list", "--offline", "--format", "json"],
            &[],
            LIMIT,
        );
        assert_eq!(r.code, 0, "{hider}: {}", r.stderr);
        assert!(!r.stderr.contains("overflow"), "{hider}: {}", r.stderr);
        let v = common::json(&r);
        assert!(
            v["artifacts"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["id"] == "model:acme/minilm-onnx@main"),
            "{hider}: the rest of the dependency is still read"
        );
    }
}

/// The project's own models are never cut by a bound: 300 declared models
/// (candle names 320) are all resolved, while what cards name keeps its own
/// budget (tests/security.rs).
#[test]
fn every_model_the_project_names_is_resolved() {
    let hub = MockHub::start();
    let mut config =
        String::from("extends = \"permissive\"\n[hub]\ntimeout-secs = 5\nretries = 0\n");
    for i in 0..300 {
        let id = format!("t/m{i}");
        hub.add_repo(
            RepoSpec::model(&id)
                .card_data(json!({"license": "mit"}))
                .file("README.md", "---\nlicense: mit\n---\n"),
        );
        config.push_str(&format!("[[models]]\nid = \"{id}\"\n"));
    }
    let ws = Workspace::new("clean");
    ws.write("model-audit.toml", &config);
    let cache = tempfile::tempdir().unwrap();
    let r = run_bounded(
        ws.path(),
        &["--format", "json"],
        &[
            ("HF_ENDPOINT", &hub.endpoint()),
            ("HF_HUB_CACHE", &cache.path().display().to_string()),
        ],
        LIMIT,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = common::json(&r);
    let models: Vec<&Value> = v["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "model")
        .collect();
    assert_eq!(models.len(), 300);
    assert!(
        models.iter().all(|m| m["license"]["expression"] == "MIT"),
        "{}",
        r.stdout
    );
    assert!(
        !v["findings"].to_string().contains("model-unresolved"),
        "{}",
        r.stdout
    );
}
