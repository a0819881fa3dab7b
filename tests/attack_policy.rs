//! The user's policy is the user's. With `--config` or `--policy`, nothing
//! the audited project writes (its `model-audit.toml`, a member's
//! `[package.metadata.model-audit]`) weakens that policy in silence: each
//! relaxation is a `project-policy` finding naming the file, line and key,
//! in every format, and `--no-project-policy` (or
//! `MODEL_AUDIT_NO_PROJECT_POLICY=1`) keeps the user's policy whole.

mod common;
#[path = "support/hub.rs"]
mod hub;

use common::{Run, Workspace};
use hub::{MockHub, RepoSpec};
use serde_json::{Value, json};

const MODEL: &str = "t/nc";

/// The clean fixture, a mock Hub serving one non-commercial model, and the
/// user's own config outside the checkout (`extends = "osi"`).
struct Attack {
    ws: Workspace,
    hub: MockHub,
    cache: tempfile::TempDir,
    user: tempfile::TempDir,
}

impl Attack {
    fn new() -> Attack {
        let hub = MockHub::start();
        hub.add_repo(
            RepoSpec::model(MODEL)
                .card_data(json!({"license": "cc-by-nc-4.0"}))
                .file("README.md", "---\nlicense: cc-by-nc-4.0\n---\n# A model\n"),
        );
        let user = tempfile::tempdir().unwrap();
        std::fs::write(
            user.path().join("audit.toml"),
            "extends = \"osi\"\n[hub]\ntimeout-secs = 5\nretries = 0\n",
        )
        .unwrap();
        Attack {
            ws: Workspace::new("clean"),
            hub,
            cache: tempfile::tempdir().unwrap(),
            user,
        }
    }

    fn user_config(&self) -> String {
        self.user.path().join("audit.toml").display().to_string()
    }

    /// The member declares the model (and whatever `extra` adds to it).
    fn declare_in_manifest(&self, entry: &str) {
        let manifest = std::fs::read_to_string(self.ws.path().join("Cargo.toml"))
            .unwrap()
            .replace(
                "[workspace]",
                &format!(
                    "[package.metadata.model-audit]\nmodels = [\n  {entry},\n]\n\n[workspace]"
                ),
            );
        self.ws.write("Cargo.toml", &manifest);
    }

    fn run(&self, args: &[&str], extra: &[(&str, &str)]) -> Run {
        let endpoint = self.hub.endpoint();
        let cache = self.cache.path().display().to_string();
        let mut env = vec![
            ("HF_ENDPOINT", endpoint.as_str()),
            ("HF_HUB_CACHE", cache.as_str()),
        ];
        env.extend_from_slice(extra);
        let r = self.ws.run_env(args, &env);
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
        r
    }
}

/// The `project-policy` findings of a JSON report: (severity, file, line, message).
fn relaxations(v: &Value) -> Vec<(String, String, u64, String)> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "project-policy")
        .map(|f| {
            (
                f["severity"].as_str().unwrap().to_owned(),
                f["evidence"][0]["file"].as_str().unwrap().to_owned(),
                f["evidence"][0]["line"].as_u64().unwrap_or(0),
                f["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The 1-based line of the first line of `file` containing `needle`.
fn line_of(ws: &Workspace, file: &str, needle: &str) -> u64 {
    let text = std::fs::read_to_string(ws.path().join(file)).unwrap();
    text.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1
}

/// One relaxation, checked in every way the user can meet it: the run
/// passes as the project wants (exit 0) but says so, with the file and the
/// line, in JSON and in the human report; `--no-project-policy` and the
/// variable restore the user's verdict (exit 1) and the finding says
/// "ignored".
fn weakened_then_restored(a: &Attack, args: &[&str], file: &str, needle: &str, words: &str) {
    let line = line_of(&a.ws, file, needle);
    let json_args: Vec<&str> = args.iter().copied().chain(["--format", "json"]).collect();

    let r = a.run(&json_args, &[]);
    assert_eq!(r.code, 0, "{args:?} {needle}: {}{}", r.stdout, r.stderr);
    let found = relaxations(&common::json(&r));
    assert!(
        found
            .iter()
            .any(|(s, f, l, m)| s == "warning" && f == file && *l == line && m.contains(words)),
        "{args:?} {needle}: no project-policy warning at {file}:{line} saying {words:?}: {found:?}"
    );

    let human = a.run(args, &[]);
    assert!(
        human.stdout.contains("project-policy") && human.stdout.contains(&format!("{file}:{line}")),
        "{args:?} {needle}: {}",
        human.stdout
    );

    let off_flag: Vec<&str> = json_args
        .iter()
        .copied()
        .chain(["--no-project-policy"])
        .collect();
    for (how, r) in [
        ("--no-project-policy", a.run(&off_flag, &[])),
        (
            "MODEL_AUDIT_NO_PROJECT_POLICY=1",
            a.run(&json_args, &[("MODEL_AUDIT_NO_PROJECT_POLICY", "1")]),
        ),
    ] {
        assert_eq!(r.code, 1, "{how} {needle}: {}{}", r.stdout, r.stderr);
        let found = relaxations(&common::json(&r));
        assert!(
            found.iter().any(|(s, f, l, m)| s == "note"
                && f == file
                && *l == line
                && m.starts_with("ignored")),
            "{how} {needle}: {found:?}"
        );
    }
}

#[test]
fn a_members_license_override_does_not_beat_the_users_config_in_silence() {
    let a = Attack::new();
    a.declare_in_manifest(&format!(
        "{{ id = \"{MODEL}\", license = \"MIT\", reason = \"trust me\" }}"
    ));
    let config = a.user_config();
    weakened_then_restored(
        &a,
        &["--config", &config],
        "Cargo.toml",
        "license = \"MIT\", reason",
        "declares the license of `t/nc` as `MIT`",
    );
}

#[test]
fn a_members_override_on_a_later_line_points_at_that_line() {
    let a = Attack::new();
    a.declare_in_manifest(&format!(
        "\"t/other\",\n  {{ id = \"{MODEL}\",\n    reason = \"ours\",\n    license = \"Apache-2.0\" }}"
    ));
    a.hub.add_repo(
        RepoSpec::model("t/other")
            .card_data(json!({"license": "mit"}))
            .file("README.md", "---\nlicense: mit\n---\n"),
    );
    let config = a.user_config();
    weakened_then_restored(
        &a,
        &["--config", &config],
        "Cargo.toml",
        "license = \"Apache-2.0\" }",
        "as `Apache-2.0`",
    );
}

/// Under `--policy`, the project's `model-audit.toml` is laid over the
/// preset: each kind of weakening it can write.
#[test]
fn the_projects_config_under_policy_weakens_nothing_in_silence() {
    let declare = format!("[[models]]\nid = \"{MODEL}\"\n");
    let cases: &[(&str, &str, &str)] = &[
        (
            "[lints]\nlicense-not-allowed = \"allow\"\nrestriction-denied = \"warn\"\n",
            "license-not-allowed = ",
            "drops every `license-not-allowed` finding",
        ),
        (
            "[licenses]\nallow = [\"MIT\", \"CC-BY-NC-4.0\"]\n[restrictions]\nnon-commercial = \"allow\"\n",
            "allow = [",
            "allows `CC-BY-NC-4.0`",
        ),
        (
            "[[exceptions]]\nartifact = \"t/nc\"\nallow = [\"CC-BY-NC-4.0\"]\nreason = \"fine by us\"\n[restrictions]\nnon-commercial = \"warn\"\n",
            "artifact = \"t/nc\"",
            "exempts `t/nc`",
        ),
    ];
    for (weakening, needle, words) in cases {
        let a = Attack::new();
        a.ws.write("model-audit.toml", &format!("{declare}{weakening}"));
        // The `osi` preset alone fails the non-commercial license.
        weakened_then_restored(&a, &["--policy", "osi"], "model-audit.toml", needle, words);
    }
}

#[test]
fn a_project_lint_cannot_drop_open_washing_in_silence() {
    let a = Attack::new();
    a.ws.write(
        "model-audit.toml",
        &format!(
            "[[models]]\nid = \"{MODEL}\"\nopen-source = true\n\n[lints]\nopen-washing = \"allow\"\nlicense-not-allowed = \"allow\"\nrestriction-denied = \"allow\"\n"
        ),
    );
    weakened_then_restored(
        &a,
        &["--policy", "osi"],
        "model-audit.toml",
        "open-washing = ",
        "drops every `open-washing` finding",
    );
    // A level the user sets on the command line wins, and the project's
    // level it overrides is not reported as applying.
    let r = a.run(
        &["--policy", "osi", "--format", "json", "-D", "open-washing"],
        &[],
    );
    assert_eq!(r.code, 1, "{}", r.stdout);
    let found = relaxations(&common::json(&r));
    assert!(
        !found
            .iter()
            .any(|(_, _, _, m)| m.contains("`open-washing`")),
        "{found:?}"
    );
    // Nor can it allow the finding that reports it.
    a.ws.write(
        "model-audit.toml",
        &format!(
            "[[models]]\nid = \"{MODEL}\"\n\n[lints]\nproject-policy = \"allow\"\nlicense-not-allowed = \"allow\"\nrestriction-denied = \"allow\"\n"
        ),
    );
    let r = a.run(&["--policy", "osi", "--format", "json"], &[]);
    assert!(!relaxations(&common::json(&r)).is_empty(), "{}", r.stdout);
}

/// What does not weaken the user's policy is not reported: the project's
/// config as the only policy, and a project that only adds strictness.
#[test]
fn nothing_is_reported_when_nothing_is_weakened() {
    let a = Attack::new();
    a.ws.write(
        "model-audit.toml",
        &format!(
            "extends = \"osi\"\n[[models]]\nid = \"{MODEL}\"\n[lints]\nlicense-not-allowed = \"allow\"\nrestriction-denied = \"allow\"\n"
        ),
    );
    // No policy of the user's: the project's config is the policy.
    let r = a.run(&["--format", "json"], &[]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(relaxations(&common::json(&r)).is_empty(), "{}", r.stdout);
    // Stricter than the preset: nothing to report, the model still fails.
    a.ws.write(
        "model-audit.toml",
        &format!("[[models]]\nid = \"{MODEL}\"\n[lints]\nunpinned-model = \"deny\"\n"),
    );
    let r = a.run(&["--policy", "osi", "--format", "json"], &[]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(relaxations(&common::json(&r)).is_empty(), "{}", r.stdout);
}

/// Every format the report has carries the finding.
#[test]
fn every_format_shows_the_relaxation() {
    let a = Attack::new();
    a.declare_in_manifest(&format!(
        "{{ id = \"{MODEL}\", license = \"MIT\", reason = \"trust me\" }}"
    ));
    let config = a.user_config();
    for format in ["human", "json", "sarif", "markdown", "github"] {
        let r = a.run(&["--config", &config, "--format", format], &[]);
        assert!(
            r.stdout.contains("project-policy"),
            "{format}: {}",
            r.stdout
        );
    }
}
