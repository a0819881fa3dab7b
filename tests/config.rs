//! Starting without a config, and config errors at the user's own line and
//! column: parse errors, unknown keys (also in
//! `[workspace.metadata.model-audit]`), bad values, and TOML date literals.

mod common;

use common::Workspace;

fn run_with(config: &str) -> (i32, String, String) {
    let ws = Workspace::new("clean");
    ws.write("model-audit.toml", config);
    // Errors name the file relative to the workspace root, as it is shown.
    let run = ws.run(&["--offline"]);
    (run.code, run.stderr, run.stdout)
}

#[test]
fn the_config_must_be_a_toml_file() {
    let ws = Workspace::new("clean");
    ws.write("audit.json", "{}");
    let run = ws.run(&["--offline", "--config", "audit.json"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: --config audit.json: a model-audit config is a .toml file\n  help: name a TOML file such as model-audit.toml\n"
    );
}

#[test]
fn no_config_means_the_default_said_once() {
    let ws = Workspace::new("clean");
    let run = ws.run(&["--offline"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let notes: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("model-audit.toml"))
        .collect();
    assert_eq!(
        notes,
        [
            "note: no model-audit.toml: the default policy accepts OSI-approved licenses, and CDLA-Permissive for data crates bundle; `cargo model-audit init` writes a config"
        ]
    );
    assert_eq!(
        run.stdout.lines().last().unwrap(),
        "ok: 0 errors, 0 warnings, 0 notes; 1 checked of 1 artifact (policy: default)"
    );
    // A chosen preset, or -q, says nothing.
    let run = ws.run(&["--offline", "--policy", "permissive"]);
    assert!(!run.stderr.contains("note:"), "{}", run.stderr);
    let run = ws.run(&["--offline", "-q"]);
    assert_eq!(run.stderr, "");
}

#[test]
fn a_bad_license_id_is_reported_at_its_element() {
    let (code, stderr, _) = run_with("[licenses]\nallow = [\n  \"MIT\",\n  \"Apache2\",\n]\n");
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: invalid config model-audit.toml:4:3: `licenses.allow` has \"Apache2\", which is neither an SPDX license id nor a catalog id\n  help: did you mean \"Apache-2.0\"?\n"
    );
}

#[test]
fn a_missing_reason_is_reported_at_its_exception() {
    let (code, stderr, _) = run_with(
        "[licenses]\nallow = [\"MIT\"]\n\n[[exceptions]]\nartifact = \"x\"\nallow = [\"MIT\"]\nreason = \"r\"\n\n[[exceptions]]\nartifact = \"y\"\nallow = [\"MIT\"]\n",
    );
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: invalid config model-audit.toml:9:1: `exceptions[1].reason` is missing for the exception for `y`\n  help: every exception needs a reason, e.g. reason = \"approved by legal, ticket 123\"\n"
    );
}

#[test]
fn expires_takes_a_date_literal_and_says_what_else_it_wants() {
    let base = "[licenses]\nallow = [\"MIT\"]\n\n[[exceptions]]\nartifact = \"clean\"\nallow = [\"MIT\"]\nreason = \"r\"\n";
    let (code, stderr, _) = run_with(&format!("{base}expires = 2099-06-30\n"));
    assert_eq!(code, 0, "{stderr}");
    let (code, stderr, _) = run_with(&format!("{base}expires = 2099-06-30T10:00:00Z\n"));
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: invalid config model-audit.toml:8:11: `exceptions[0].expires` is 2099-06-30T10:00:00Z; expected a date from 1970 to 9999 such as \"2027-06-30\"\n"
    );
    let (code, stderr, _) = run_with(&format!("{base}expires = \"soon\"\n"));
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: invalid config model-audit.toml:8:11: `exceptions[0].expires` is \"soon\"; expected a date from 1970 to 9999 such as \"2027-06-30\"\n"
    );
}

#[test]
fn parse_errors_carry_line_and_column() {
    let (code, stderr, _) = run_with("[licenses\nallow = [\"MIT\"]\n");
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: invalid config model-audit.toml:1:10: unclosed table, expected `]`\n"
    );
}

#[test]
fn an_unknown_key_in_workspace_metadata_is_at_its_real_line() {
    let ws = Workspace::new("clean");
    let manifest = ws.path().join("Cargo.toml");
    let mut text = std::fs::read_to_string(&manifest).unwrap();
    let line = text.lines().count() + 8;
    text.push_str(
        "\n[workspace.metadata.model-audit]\nextends = \"osi\"\n\n[workspace.metadata.model-audit.licenses]\nallow = [\"MIT\"]\n\nalow = [\"MIT\"]\n",
    );
    std::fs::write(&manifest, &text).unwrap();
    assert_eq!(text.lines().nth(line - 1), Some("alow = [\"MIT\"]"));
    let run = ws.run(&["--offline"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr
            .replace(&manifest.display().to_string(), "Cargo.toml"),
        format!(
            "error: invalid config Cargo.toml:{line}:1: `licenses.alow`: unknown field `alow`, expected one of `allow`, `deny`, `unknown`, `confidence-threshold`, `include-dev`, `include-build`, `skip-unpublished`, `include-workspace`, `clarify`\n  help: see the config reference in the README; keys are kebab-case\n"
        )
    );
}

#[test]
fn a_bad_model_in_package_metadata_is_at_its_line_and_column() {
    let ws = Workspace::new("clean");
    ws.write(
        "Cargo.toml",
        "[package]\nname = \"clean\"\nversion = \"0.1.0\"\nedition = \"2021\"\nlicense = \"MIT\"\n\n[package.metadata.model-audit]\nmodels = [\n  \"acme/tiny\",\n  { id = \"acme/other\", kind = \"weights\" },\n]\n\n[workspace]\n",
    );
    let run = ws.run(&["--offline", "-q"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr.lines().next(),
        Some(
            "error: invalid [package.metadata.model-audit] at Cargo.toml:10:31: `models[1].kind` is \"weights\"; expected \"model\" or \"dataset\""
        ),
        "{}",
        run.stderr
    );
}
