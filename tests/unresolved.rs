//! Models that cannot be resolved, explained: a declared license still
//! applies offline, the offline message says what the cache lacks, and
//! `update` does not call a run that resolved nothing a success.

mod common;

use common::{Workspace, json};

const PIN: &str = "0123456789abcdef0123456789abcdef01234567";

fn offline(ws: &Workspace, args: &[&str]) -> common::Run {
    // Beside the workspace: a cache inside it is not read.
    let cache = common::model_audit_cache(ws.path()).with_extension("empty-hf-cache");
    std::fs::create_dir_all(&cache).unwrap();
    let cache = cache.display().to_string();
    let mut all = vec!["--offline"];
    all.extend_from_slice(args);
    ws.run_env(&all, &[("HF_HUB_CACHE", cache.as_str())])
}

#[test]
fn a_declared_license_applies_offline_without_a_cache() {
    let ws = Workspace::new("clean");
    ws.write(
        "model-audit.toml",
        &format!("[[models]]\nid = \"acme/tiny\"\nrevision = \"{PIN}\"\nlicense = \"MIT\"\nreason = \"written agreement, ticket 7\"\n"),
    );
    let run = offline(&ws, &["--format", "json"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let v = json(&run);
    let model = v["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "acme/tiny")
        .unwrap()
        .clone();
    assert_eq!(model["license"]["expression"], "MIT");
    let evidence = model["license"]["evidence"].to_string();
    assert!(
        evidence.contains("written agreement, ticket 7"),
        "{evidence}"
    );
    assert!(
        evidence.contains("is not in the local Hugging Face cache"),
        "{evidence}"
    );
}

#[test]
fn offline_without_a_cache_says_the_cache_lacks_the_model() {
    let ws = Workspace::new("clean");
    ws.write(
        "model-audit.toml",
        &format!("[[models]]\nid = \"acme/tiny\"\nrevision = \"{PIN}\"\n"),
    );
    let run = offline(&ws, &["--format", "json"]);
    assert_eq!(run.code, 3, "{}{}", run.stdout, run.stderr);
    let text = run.stdout.replace(
        &common::model_audit_cache(ws.path())
            .with_extension("empty-hf-cache")
            .display()
            .to_string(),
        "CACHE",
    );
    assert!(
        text.contains(&format!(
            "acme/tiny@{PIN} is not in the local Hugging Face cache (CACHE) and the run is offline"
        )),
        "{text}"
    );
    assert!(!text.contains("has commit"), "{text}");
}

#[test]
fn update_that_resolves_nothing_fails() {
    let ws = Workspace::new("clean");
    ws.write(
        "model-audit.toml",
        &format!("[[models]]\nid = \"acme/tiny\"\nrevision = \"{PIN}\"\n"),
    );
    let run = offline(&ws, &["update", "-q"]);
    assert_eq!(run.code, 3, "{}{}", run.stdout, run.stderr);
    assert!(!run.stderr.contains("Unchanged"), "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "error: acme/tiny could not be resolved, so the lock does not record it: "
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn update_of_a_model_in_a_project_without_models_is_an_error() {
    let ws = Workspace::new("clean");
    let run = offline(&ws, &["update", "acme/x"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("error: `update acme/x`: the project uses no models\n"),
        "{}",
        run.stderr
    );
}
