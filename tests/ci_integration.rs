//! The shipped CI integrations run: the composite GitHub Action's steps
//! (`action.yml`) and the pre-commit hook (`.pre-commit-hooks.yaml`), their
//! command lines taken from the YAML and run against the bundled example,
//! offline from its Hugging Face cache fixture.

mod common;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn yaml(name: &str) -> Value {
    let text = std::fs::read_to_string(repo().join(name)).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A copy of the bundled example with its lock and cache.
fn example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir_keeping(&repo().join("examples/ml-app"), dir.path(), true);
    dir
}

struct Out {
    code: i32,
    stdout: String,
}

/// Runs a command line in bash as a CI runner would, with the built binary
/// on `PATH`, offline from the example's cache.
fn bash(dir: &Path, line: &str, env: &[(&str, String)]) -> Out {
    let bin = Path::new(env!("CARGO_BIN_EXE_cargo-model-audit"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut cmd = Command::new("bash");
    cmd.args(["-c", line])
        .current_dir(dir)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .env("CARGO_NET_OFFLINE", "true")
        .env("HF_HUB_OFFLINE", "1")
        .env("HF_HUB_CACHE", common::example_hf_cache())
        .env("HF_HOME", dir.join(".hf-home-unused"))
        .env_remove("HF_TOKEN")
        .env_remove("HF_ENDPOINT")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("CARGO_TARGET_DIR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
    }
}

/// `${{ inputs.NAME }}` with the input's default.
fn expand(text: &str, inputs: &Value) -> String {
    let mut out = text.to_owned();
    for (name, spec) in inputs.as_object().unwrap() {
        let default = spec["default"].as_str().unwrap_or_default();
        out = out.replace(&format!("${{{{ inputs.{name} }}}}"), default);
    }
    out
}

#[test]
fn the_github_action_installs_from_its_checkout_and_gates_the_example() {
    let action = yaml("action.yml");
    assert_eq!(action["runs"]["using"], "composite");
    let inputs = &action["inputs"];
    let steps = action["runs"]["steps"].as_array().unwrap();
    // The install builds this repository from the action's own checkout
    // (outside the workspace), with the lock file.
    let install = steps[0]["run"].as_str().unwrap();
    assert!(
        install.starts_with("cd \"$GITHUB_ACTION_PATH\" && cargo install --locked --path . "),
        "{install}"
    );
    assert!(repo().join("Cargo.toml").is_file());

    let dir = example();
    let summary: PathBuf = dir.path().join("summary.md");
    let mut codes = Vec::new();
    for step in &steps[1..] {
        assert_eq!(step["shell"], "bash", "{step}");
        if let Some(cond) = step["if"].as_str() {
            assert_eq!(cond, "always() && inputs.sarif != ''");
            assert_ne!(inputs["sarif"]["default"], "");
        }
        let mut env = vec![("GITHUB_STEP_SUMMARY", summary.display().to_string())];
        if let Some(vars) = step["env"].as_object() {
            for (k, v) in vars {
                env.push((k.as_str(), expand(v.as_str().unwrap(), inputs)));
            }
        }
        let line = step["run"].as_str().unwrap();
        assert!(line.starts_with("cargo-model-audit --locked "), "{line}");
        let out = bash(dir.path(), line, &env);
        codes.push(out.code);
        if line.contains("--format github") {
            assert!(
                out.stdout.contains("::error file=app/Cargo.toml,line="),
                "{}",
                out.stdout
            );
        }
    }
    // The example fails the gate; the SARIF step still writes its report.
    assert_eq!(codes, [1, 0]);
    let sarif: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("model-audit.sarif")).unwrap(),
    )
    .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(
        std::fs::read_to_string(&summary)
            .unwrap()
            .contains("FAILED")
    );
}

#[test]
fn the_pre_commit_hook_builds_this_repository_and_runs_offline() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hook = &hooks[0];
    assert_eq!(hook["id"], "cargo-model-audit");
    // pre-commit builds a `rust` hook from the repository: no crates.io.
    assert_eq!(hook["language"], "rust");
    assert_eq!(hook["pass_filenames"], false);
    let entry = hook["entry"].as_str().unwrap();
    assert_eq!(entry, "cargo-model-audit --offline -q");

    let dir = example();
    let out = bash(dir.path(), entry, &[]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(out.stdout.contains("FAILED: "), "{}", out.stdout);

    let clean = tempfile::tempdir().unwrap();
    common::copy_dir(&common::fixtures().join("first-run"), clean.path());
    let out = bash(clean.path(), entry, &[]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(
        out.stdout.ends_with("(policy: default)\n"),
        "{}",
        out.stdout
    );
}
