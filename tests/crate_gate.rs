//! The crate gate, as a user sees it: fixture workspaces with path
//! dependencies only, the real binary, offline.

mod common;

use common::{Workspace, findings, json};

fn has(f: &[(String, String, String)], code: &str, artifact: &str) -> bool {
    f.iter().any(|(c, _, a)| c == code && a == artifact)
}

fn severity_of(f: &[(String, String, String)], code: &str, artifact: &str) -> String {
    f.iter()
        .find(|(c, _, a)| c == code && a == artifact)
        .map(|(_, s, _)| s.clone())
        .unwrap_or_else(|| panic!("no {code} for {artifact} in {f:?}"))
}

#[test]
fn human_output_lists_every_finding_with_evidence_and_path() {
    let ws = Workspace::new("basic");
    let run = ws.run(&["check", "--offline"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!("basic_human", run.stdout);
    assert!(
        run.stderr.contains("Resolving"),
        "status goes to stderr: {}",
        run.stderr
    );
    assert!(!run.stdout.contains("Resolving"));
}

#[test]
fn json_report_v1() {
    let ws = Workspace::new("basic");
    let run = ws.run(&["--offline", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let v = json(&run);
    assert_eq!(v["version"], 1);
    assert_eq!(v["tool"]["name"], "cargo-model-audit");
    assert_eq!(v["policy"]["open_source_definition"], "osi");
    assert_eq!(v["summary"]["crates"], 12);
    assert_eq!(v["summary"]["models"], 0);
    assert_eq!(v["summary"]["errors"], 3);
    insta::assert_snapshot!("basic_json", run.stdout);
}

#[test]
fn licenses_are_resolved_strictly_then_laxly_then_from_texts() {
    let ws = Workspace::new("basic");
    let v = json(&ws.run(&["list", "--offline", "--format", "json"]));
    let by_name = |name: &str| {
        v["artifacts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == name)
            .unwrap_or_else(|| panic!("{name} missing"))
            .clone()
    };
    assert_eq!(
        by_name("dual")["license"]["ids"],
        serde_json::json!(["MIT", "Apache-2.0"])
    );
    // `MIT/Apache-2.0` is not SPDX but is read as an OR.
    let slash = by_name("slash");
    assert_eq!(
        slash["license"]["ids"],
        serde_json::json!(["MIT", "Apache-2.0"])
    );
    assert!(
        slash["license"]["evidence"][0]["note"]
            .as_str()
            .unwrap()
            .contains("read leniently")
    );
    // `GPL-2.0+` is a deprecated form: kept, as or-later.
    assert_eq!(
        by_name("deprecated-id")["license"]["ids"],
        serde_json::json!(["GPL-2.0-or-later"])
    );
    // No license field: the LICENSE text, with its score.
    let text = by_name("text-only");
    assert_eq!(text["license"]["expression"], "MIT");
    let ev = &text["license"]["evidence"][1];
    assert_eq!(ev["source"], "license-file");
    assert_eq!(ev["file"], "crates/text-only/LICENSE");
    assert!(ev["score"].as_f64().unwrap() >= 0.8);
    // An oddly named license-file.
    assert_eq!(by_name("odd-file")["license"]["expression"], "Apache-2.0");
    // A text nobody can recognise stays unknown.
    assert_eq!(by_name("undetectable")["license"]["expression"], "unknown");
    // Scopes and paths.
    assert_eq!(by_name("test-helper")["scope"], "dev");
    assert_eq!(by_name("build-helper")["scope"], "build");
    assert_eq!(
        by_name("copyleft")["path"],
        serde_json::json!(["app@0.1.0", "copyleft@1.0.0"])
    );
}

#[test]
fn verdicts_on_the_basic_fixture() {
    let ws = Workspace::new("basic");
    let f = findings(&json(&ws.run(&["--offline", "--format", "json"])));
    assert!(has(&f, "license-denied", "crate:copyleft@1.0.0"));
    assert!(has(&f, "license-not-allowed", "crate:deprecated-id@1.0.0"));
    assert!(has(&f, "license-unknown", "crate:undetectable@1.0.0"));
    assert_eq!(
        severity_of(&f, "license-mismatch", "crate:mismatched@1.0.0"),
        "warning"
    );
    assert_eq!(
        severity_of(&f, "exception-expired", "deprecated-id"),
        "warning"
    );
    assert_eq!(
        severity_of(&f, "exception-unused", "no-such-crate"),
        "warning"
    );
    // Passing crates have no findings.
    for ok in ["dual", "slash", "text-only", "odd-file", "app"] {
        assert!(
            !f.iter()
                .any(|(_, _, a)| a.starts_with(&format!("crate:{ok}@"))),
            "{ok}: {f:?}"
        );
    }
    // dev-only crates are not checked by default; build-only crates are.
    assert!(!f.iter().any(|(_, _, a)| a.contains("test-helper")));
    // The optional dependency is not in the graph without its feature.
    assert!(!f.iter().any(|(_, _, a)| a.contains("feature-gated")));
}

#[test]
fn expired_exception_no_longer_applies_but_a_current_one_does() {
    let ws = Workspace::new("basic");
    let config = std::fs::read_to_string(ws.path().join("model-audit.toml"))
        .unwrap()
        .replace("2001-01-01", "2999-12-31");
    ws.write("model-audit.toml", &config);
    let f = findings(&json(&ws.run(&["--offline", "--format", "json"])));
    assert!(
        !has(&f, "license-not-allowed", "crate:deprecated-id@1.0.0"),
        "{f:?}"
    );
    assert!(!has(&f, "exception-expired", "deprecated-id"));
}

#[test]
fn every_matching_exception_applies() {
    let ws = Workspace::new("basic");
    ws.write(
        "model-audit.toml",
        r#"extends = "permissive"
[[exceptions]]
artifact = "copyleft"
allow = ["GPL-3.0-only"]
reason = "first approval"
[[exceptions]]
artifact = "copyleft@1.0.0"
allow = ["GPL-3.0-only"]
reason = "second approval, same crate"
"#,
    );
    let f = findings(&json(&ws.run(&["--offline", "--format", "json"])));
    assert!(
        !has(&f, "license-not-allowed", "crate:copyleft@1.0.0"),
        "{f:?}"
    );
    assert!(
        !f.iter().any(|(c, _, _)| c == "exception-unused"),
        "both were used: {f:?}"
    );
}

#[test]
fn dev_and_build_scopes_follow_the_config() {
    let ws = Workspace::new("basic");
    ws.write(
        "model-audit.toml",
        "extends = \"permissive\"\n[licenses]\ninclude-dev = true\ninclude-build = false\nallow = [\"MIT\"]\n",
    );
    let f = findings(&json(&ws.run(&["--offline", "--format", "json"])));
    assert!(
        has(&f, "license-not-allowed", "crate:test-helper@1.0.0"),
        "{f:?}"
    );
    assert!(
        !f.iter().any(|(_, _, a)| a.contains("build-helper")),
        "{f:?}"
    );

    ws.write(
        "model-audit.toml",
        "extends = \"permissive\"\n[licenses]\nallow = [\"MIT\"]\n",
    );
    let f = findings(&json(&ws.run(&["--offline", "--format", "json"])));
    assert!(
        has(&f, "license-not-allowed", "crate:build-helper@1.0.0"),
        "{f:?}"
    );
    assert!(
        !f.iter().any(|(_, _, a)| a.contains("test-helper")),
        "{f:?}"
    );
}

#[test]
fn exclude_dev_drops_dev_only_crates_from_the_inventory() {
    let ws = Workspace::new("basic");
    let v = json(&ws.run(&["list", "--offline", "--format", "json", "--exclude-dev"]));
    assert!(
        !v["artifacts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["name"] == "test-helper")
    );
}

#[test]
fn features_and_targets_shape_the_graph() {
    let ws = Workspace::new("basic");
    let f = findings(&json(&ws.run(&[
        "--offline",
        "--format",
        "json",
        "--features",
        "extra",
    ])));
    assert!(
        has(&f, "license-not-allowed", "crate:feature-gated@1.0.0"),
        "{f:?}"
    );
    let f = findings(&json(&ws.run(&[
        "--offline",
        "--format",
        "json",
        "--all-features",
    ])));
    assert!(
        has(&f, "license-not-allowed", "crate:feature-gated@1.0.0"),
        "{f:?}"
    );

    let names = |args: &[&str]| -> Vec<String> {
        let v = json(&ws.run(args));
        v["artifacts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(names(&["list", "--offline", "--format", "json"]).contains(&"windows-only".to_owned()));
    let linux = names(&[
        "list",
        "--offline",
        "--format",
        "json",
        "--target",
        "x86_64-unknown-linux-gnu",
    ]);
    assert!(!linux.contains(&"windows-only".to_owned()), "{linux:?}");
    let windows = names(&[
        "list",
        "--offline",
        "--format",
        "json",
        "--target",
        "x86_64-pc-windows-msvc",
    ]);
    assert!(windows.contains(&"windows-only".to_owned()), "{windows:?}");
}

#[test]
fn clarification_pinned_by_sha256() {
    use sha2::Digest;
    let ws = Workspace::new("basic");
    let eula = std::fs::read(ws.path().join("crates/undetectable/EULA.txt")).unwrap();
    let hash = format!("{:x}", sha2::Sha256::digest(&eula));
    let config = format!(
        "extends = \"permissive\"\n[[licenses.clarify]]\ncrate = \"undetectable\"\nexpression = \"MIT\"\nlicense-files = [{{ path = \"EULA.txt\", sha256 = \"{hash}\" }}]\n"
    );
    ws.write("model-audit.toml", &config);
    let v = json(&ws.run(&["--offline", "--format", "json"]));
    let f = findings(&v);
    assert!(
        !has(&f, "license-unknown", "crate:undetectable@1.0.0"),
        "{f:?}"
    );
    let a = v["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "undetectable")
        .unwrap()
        .clone();
    assert_eq!(a["license"]["expression"], "MIT");
    assert_eq!(a["license"]["evidence"][0]["source"], "clarification");

    // The file changes: the clarification no longer applies, and says why.
    ws.write("crates/undetectable/EULA.txt", "new terms\n");
    let f = findings(&json(&ws.run(&["--offline", "--format", "json"])));
    assert!(
        has(&f, "license-unknown", "crate:undetectable@1.0.0"),
        "{f:?}"
    );
    assert_eq!(
        severity_of(&f, "clarification-stale", "crate:undetectable@1.0.0"),
        "warning"
    );
}

#[test]
fn skip_unpublished_workspace_crates() {
    let ws = Workspace::new("basic");
    ws.write(
        "model-audit.toml",
        "extends = \"permissive\"\n[licenses]\nskip-unpublished = true\nallow = []\n",
    );
    let f = findings(&json(&ws.run(&["--offline", "--format", "json"])));
    assert_eq!(
        severity_of(&f, "skipped-unpublished", "crate:app@0.1.0"),
        "note"
    );
    assert!(!has(&f, "license-not-allowed", "crate:app@0.1.0"));
}

#[test]
fn unknown_can_be_a_warning_but_never_allowed() {
    let ws = Workspace::new("basic");
    ws.write(
        "model-audit.toml",
        "extends = \"permissive\"\n[licenses]\nunknown = \"warn\"\n",
    );
    let f = findings(&json(&ws.run(&["--offline", "--format", "json"])));
    assert_eq!(
        severity_of(&f, "license-unknown", "crate:undetectable@1.0.0"),
        "warning"
    );

    ws.write("model-audit.toml", "[licenses]\nunknown = \"allow\"\n");
    let run = ws.run(&["--offline"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("licenses.unknown"), "{}", run.stderr);
    assert!(
        run.stderr.contains("never treated as allowed"),
        "{}",
        run.stderr
    );
}

#[test]
fn exit_0_when_the_policy_holds() {
    let ws = Workspace::new("clean");
    let run = ws.run(&["--offline", "--policy", "permissive"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.starts_with("ok: 0 errors"), "{}", run.stdout);
}

#[test]
fn warnings_pass_unless_denied() {
    let ws = Workspace::new("clean");
    ws.write(
        "model-audit.toml",
        "extends = \"permissive\"\n[[exceptions]]\nartifact = \"gone\"\nallow = [\"MIT\"]\nreason = \"stale\"\n",
    );
    assert_eq!(ws.run(&["--offline"]).code, 0);
    assert_eq!(ws.run(&["--offline", "--deny-warnings"]).code, 1);
}

#[test]
fn cargo_subcommand_spelling_works() {
    let ws = Workspace::new("clean");
    let run = ws.run(&[
        "model-audit",
        "check",
        "--offline",
        "--policy",
        "permissive",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = ws.run(&["model-audit", "--offline", "--policy", "permissive"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn config_lookup_order() {
    // [workspace.metadata.model-audit] is used when there is no file.
    let ws = Workspace::new("meta-config");
    let v = json(&ws.run(&["--offline", "--format", "json"]));
    assert_eq!(
        v["policy"]["name"],
        "Cargo.toml [workspace.metadata.model-audit] (extends permissive)"
    );
    // The crate is the project's own: not judged as a dependency.
    assert_eq!(v["verdicts"][0]["artifact"], "crate:meta-config@0.1.0");
    assert_eq!(v["verdicts"][0]["status"], "ok");

    // .cargo/model-audit.toml wins over it ...
    ws.write(".cargo/model-audit.toml", "extends = \"osi\"\n");
    let v = json(&ws.run(&["--offline", "--format", "json"]));
    assert_eq!(v["policy"]["name"], ".cargo/model-audit.toml (extends osi)");
    assert_eq!(v["summary"]["errors"], 0);

    // ... model-audit.toml wins over that, and --config over everything.
    ws.write("model-audit.toml", "extends = \"permissive\"\n");
    let v = json(&ws.run(&["--offline", "--format", "json"]));
    assert_eq!(v["policy"]["name"], "model-audit.toml (extends permissive)");
    ws.write("other.toml", "extends = \"osi\"\n");
    let v = json(&ws.run(&["--offline", "--format", "json", "--config", "other.toml"]));
    assert_eq!(v["summary"]["errors"], 0);

    // --policy replaces the project's `extends`, keeping its other keys.
    let v = json(&ws.run(&["--offline", "--format", "json", "--policy", "osi"]));
    assert_eq!(v["policy"]["name"], "osi");
    assert_eq!(v["summary"]["errors"], 0);
}

#[test]
fn extends_a_file() {
    let ws = Workspace::new("meta-config");
    ws.write(
        "policy/base.toml",
        "extends = \"permissive\"\n[licenses]\nallow = [\"MPL-2.0\"]\n",
    );
    ws.write("model-audit.toml", "extends = \"policy/base.toml\"\n");
    let v = json(&ws.run(&["--offline", "--format", "json"]));
    assert_eq!(v["summary"]["errors"], 0, "{v}");
    ws.write("policy/base.toml", "extends = \"../model-audit.toml\"\n");
    let run = ws.run(&["--offline"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cycle"), "{}", run.stderr);
}

#[test]
fn config_errors_name_the_file_and_key() {
    let ws = Workspace::new("clean");
    let cases: &[(&str, &[&str])] = &[
        (
            "[licenses]\nalow = [\"MIT\"]\n",
            &["model-audit.toml", "alow"],
        ),
        (
            "[licenses]\nallow = [\"MIT\", \"Not-A-License\"]\n",
            &["model-audit.toml", "licenses.allow", "Not-A-License"],
        ),
        (
            "[[exceptions]]\nartifact = \"x\"\nallow = [\"MIT\"]\n",
            &["exceptions[0].reason"],
        ),
        (
            "[[exceptions]]\nartifact = \"x\"\nallow = [\"MIT\"]\nreason = \"r\"\nexpires = \"next year\"\n",
            &["exceptions[0].expires"],
        ),
        ("[restrictions]\nuser-capp = \"deny\"\n", &["user-capp"]),
        ("extends = \"nope\"\n", &["nope", "presets"]),
        (
            "[licenses]\nconfidence-threshold = 2.0\n",
            &["confidence-threshold"],
        ),
        ("[licenses\n", &["model-audit.toml"]),
    ];
    for (text, needles) in cases {
        ws.write("model-audit.toml", text);
        let run = ws.run(&["--offline"]);
        assert_eq!(run.code, 2, "{text}: {}", run.stderr);
        for n in *needles {
            assert!(
                run.stderr.contains(n),
                "{text}: expected `{n}` in:\n{}",
                run.stderr
            );
        }
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert!(
            run.stdout.is_empty(),
            "nothing on stdout when the command cannot run"
        );
    }
}

#[test]
fn missing_manifest_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let run = common::run_in(dir.path(), &["--offline"], &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no Cargo.toml"), "{}", run.stderr);
    assert!(run.stderr.contains("--manifest-path"), "{}", run.stderr);
    let run = common::run_in(dir.path(), &["--manifest-path", "nowhere/Cargo.toml"], &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("nowhere/Cargo.toml"), "{}", run.stderr);
}

#[test]
fn unresolvable_offline_workspace_is_exit_2_with_cargos_message() {
    let ws = Workspace::new("offline-miss");
    let run = ws.run(&["--offline"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("cargo metadata"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("model-audit-fixture-crate-that-does-not-exist"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("cargo fetch"), "{}", run.stderr);
}

#[test]
fn unknown_package_is_exit_2() {
    let ws = Workspace::new("basic");
    let run = ws.run(&["--offline", "-p", "nope"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("`nope`") && run.stderr.contains("app"),
        "{}",
        run.stderr
    );
    let run = ws.run(&["--offline", "-p", "app", "--format", "json"]);
    assert_eq!(run.code, 1);
}

#[test]
fn bad_arguments_are_exit_2() {
    let ws = Workspace::new("clean");
    assert_eq!(ws.run(&["--format", "yaml"]).code, 2);
    assert_eq!(ws.run(&["--policy", "nonesuch", "--offline"]).code, 2);
}

#[test]
fn metadata_path_skips_cargo() {
    let ws = Workspace::new("basic");
    let out = std::process::Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--offline"])
        .current_dir(ws.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    ws.write("metadata.json", &String::from_utf8(out.stdout).unwrap());
    let direct = json(&ws.run(&["--offline", "--format", "json"]));
    let saved = json(&ws.run(&["--format", "json", "--metadata-path", "metadata.json"]));
    assert_eq!(findings(&direct), findings(&saved));
    ws.write("broken.json", "{ not json");
    let run = ws.run(&["--metadata-path", "broken.json"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("broken.json"), "{}", run.stderr);
}

#[test]
fn output_file_and_colour() {
    let ws = Workspace::new("basic");
    let run = ws.run(&["--offline", "--format", "json", "--output", "report.json"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    let text = std::fs::read_to_string(ws.path().join("report.json")).unwrap();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&text).unwrap()["version"],
        1
    );

    let plain = ws.run(&["--offline"]);
    assert!(!plain.stdout.contains('\u{1b}'), "NO_COLOR is honoured");
    let coloured = ws.run(&["--offline", "--color", "always"]);
    assert!(coloured.stdout.contains('\u{1b}'));
    let env = ws.run_env(&["--offline"], &[("CARGO_TERM_COLOR", "always")]);
    assert!(env.stdout.contains('\u{1b}'));
}

#[test]
fn explain_a_license_and_a_crate() {
    let ws = Workspace::new("basic");
    let run = ws.run(&["explain", "MIT"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.contains("OSI-approved:    yes"),
        "{}",
        run.stdout
    );
    let run = ws.run(&["explain", "llama2"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("OSI-approved:    no"), "{}", run.stdout);
    let run = ws.run(&["explain", "slash", "--offline"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("read leniently"), "{}", run.stdout);
    let run = ws.run(&["explain", "no-such-thing", "--offline"]);
    assert_eq!(run.code, 2);
}

#[test]
fn init_writes_a_config_that_loads() {
    let ws = Workspace::new("clean");
    let run = ws.run(&["init", "--preset", "permissive"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(ws.path().join("model-audit.toml")).unwrap();
    assert!(text.starts_with("# cargo model-audit configuration"));
    assert!(text.contains("extends = \"permissive\""));
    assert_eq!(ws.run(&["--offline"]).code, 0);
    let again = ws.run(&["init"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("--force"));
    assert_eq!(ws.run(&["init", "--force", "--preset", "osi"]).code, 0);
}

#[test]
fn lint_levels_apply_after_the_policy() {
    let ws = Workspace::new("basic");
    // [lints] in the config.
    let config = std::fs::read_to_string(ws.path().join("model-audit.toml")).unwrap();
    ws.write(
        "model-audit.toml",
        &format!("{config}\n[lints]\nlicense-mismatch = \"deny\"\nexception-expired = \"allow\"\n"),
    );
    let f = findings(&json(&ws.run(&["--offline", "--format", "json"])));
    assert_eq!(
        severity_of(&f, "license-mismatch", "crate:mismatched@1.0.0"),
        "error"
    );
    assert!(!f.iter().any(|(c, _, _)| c == "exception-expired"), "{f:?}");
    // The command line wins over the config.
    let f = findings(&json(&ws.run(&[
        "--offline",
        "--format",
        "json",
        "-A",
        "license-mismatch",
        "-W",
        "license-denied",
    ])));
    assert!(!f.iter().any(|(c, _, _)| c == "license-mismatch"), "{f:?}");
    assert_eq!(
        severity_of(&f, "license-denied", "crate:copyleft@1.0.0"),
        "warning"
    );
    // A code nobody knows stops the command.
    let run = ws.run(&["--offline", "-D", "no-such-code"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("-D no-such-code: no such finding code")
            && run.stderr.contains("license-denied"),
        "{}",
        run.stderr
    );
    let run = ws.run(&["--offline", "--workspace", "-p", "app"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn the_summary_word_follows_the_exit_code() {
    let ws = Workspace::new("basic");
    let args = [
        "--offline",
        "--color",
        "never",
        "-W",
        "license-denied",
        "-W",
        "license-not-allowed",
        "-W",
        "license-unknown",
    ];
    let run = ws.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("\nok: 0 errors, 6 warnings"),
        "{}",
        run.stdout
    );
    let mut strict = args.to_vec();
    strict.push("--deny-warnings");
    let run = ws.run(&strict);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("\nFAILED: 0 errors, 6 warnings"),
        "{}",
        run.stdout
    );
    // What was not checked, and why.
    assert!(
        run.stdout.contains(
            "10 checked of 12 artifacts, 2 skipped: app@0.1.0, unpublished; test-helper@1.0.0, dev-dependency"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn first_party_crates_are_not_judged_as_dependencies() {
    let ws = Workspace::new("basic");
    let manifest = std::fs::read_to_string(ws.path().join("app/Cargo.toml")).unwrap();
    let manifest = manifest
        .replace("license = \"MIT\"\n", "")
        .replace("publish = false\n", "");
    ws.write("app/Cargo.toml", &manifest);
    let run = ws.run(&["--offline", "--color", "never"]);
    let block = run
        .stdout
        .split("\n\n")
        .find(|b| b.starts_with("warning[unlicensed-member]"))
        .unwrap_or_else(|| panic!("no unlicensed-member in {}", run.stdout));
    // Said once, on one line (`-v` draws the full block).
    assert_eq!(
        block,
        "warning[unlicensed-member]: the workspace crate app@0.1.0 has no license (app/Cargo.toml:1): set `license = \"...\"` (an SPDX expression) in its [package], or `publish = false` if it is not published"
    );
    assert!(
        !run.stdout.contains("license-unknown]: the license of app@"),
        "{}",
        run.stdout
    );
    // Projects that publish their crates can make it an error.
    let config = std::fs::read_to_string(ws.path().join("model-audit.toml")).unwrap();
    ws.write(
        "model-audit.toml",
        &config.replace("[licenses]\n", "[licenses]\ninclude-workspace = \"deny\"\n"),
    );
    let f = findings(&json(&ws.run(&["--offline", "--format", "json"])));
    assert_eq!(
        severity_of(&f, "unlicensed-member", "crate:app@0.1.0"),
        "error"
    );
}

#[test]
fn unused_exceptions_and_allow_entries() {
    let ws = Workspace::new("basic");
    ws.write(
        "model-audit.toml",
        "extends = \"permissive\"\n\n[licenses]\nallow = [\"MIT\", \"Apache-2.0\", \"Zlib\", \"BSD-2-Clause\", \"Unlicense\", \"MPL-2.0\"]\n\n[[exceptions]]\nartifact = \"test-helper\"\nallow = [\"MPL-2.0\"]\nreason = \"dev only\"\n\n[[exceptions]]\nartifact = \"nowhere\"\nallow = [\"MPL-2.0\"]\nreason = \"left over\"\n",
    );
    // test-helper is in the graph (left out by --exclude-dev): its exception
    // is not unused; `nowhere` is in no graph at all.
    let v = json(&ws.run(&["--offline", "--exclude-dev", "--format", "json"]));
    let f = findings(&v);
    assert!(has(&f, "exception-unused", "nowhere"), "{f:?}");
    assert!(!has(&f, "exception-unused", "test-helper"), "{f:?}");
    // An allow entry of the project's own list that allowed nothing is a note.
    assert_eq!(severity_of(&f, "allow-unused", "Zlib"), "note");
    assert!(!has(&f, "allow-unused", "MIT"), "{f:?}");
}

#[test]
fn list_groups_by_license() {
    let ws = Workspace::new("basic");
    let run = ws.run(&[
        "list",
        "--offline",
        "--color",
        "never",
        "--group-by",
        "license",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    // Most common first; a dual-licensed crate counts under both ids.
    assert!(lines[0].starts_with("MIT ("), "{}", run.stdout);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Apache-2.0 (") && l.contains("dual@")),
        "{}",
        run.stdout
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("unknown (") && l.contains("undetectable@1.0.0")),
        "{}",
        run.stdout
    );
    let tsv = ws.run(&[
        "list",
        "--offline",
        "--group-by",
        "license",
        "--format",
        "tsv",
    ]);
    assert!(
        tsv.stdout.starts_with("license\tcount\tartifacts\nMIT\t"),
        "{}",
        tsv.stdout
    );
    let json = ws.run(&[
        "list",
        "--offline",
        "--group-by",
        "license",
        "--format",
        "json",
    ]);
    assert_eq!(json.code, 2, "{}", json.stderr);
}
