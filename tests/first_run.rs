//! A first run with no config on an ordinary app: the crates most apps
//! depend on (MIT OR Apache-2.0, Unicode-3.0, ring's Apache-2.0 AND ISC,
//! libfuzzer-sys's NCSA, webpki-roots' CDLA-Permissive-2.0 certificate data)
//! pass the default policy, and the output fits on one screen.

mod common;

use common::Workspace;

#[test]
fn an_ordinary_app_passes_the_default_in_a_few_lines() {
    let ws = Workspace::new("first-run");
    let run = ws.run(&["--offline"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stderr,
        "note: no model-audit.toml: the default policy accepts OSI-approved licenses, and CDLA-Permissive for data crates bundle; `cargo model-audit init` writes a config\n   \
         Resolving 9 crates (policy: default)\n"
    );
    assert_eq!(
        run.stdout,
        "warning[unlicensed-member]: the workspace crate app@0.1.0 has no license (Cargo.toml:1): set `license = \"...\"` (an SPDX expression) in its [package], or `publish = false` if it is not published\n\
         \n\
         note[obligation]: 9 licenses of what you ship ask for license texts or notices: `cargo model-audit notices` writes them (`-v` lists each)\n\
         \n\
         ok: 0 errors, 1 warning, 1 note; 9 checked of 9 artifacts (policy: default)\n"
    );
    assert!(run.stdout.lines().count() + run.stderr.lines().count() <= 10);
}

#[test]
fn the_osi_preset_is_the_definition_and_nothing_more() {
    let ws = Workspace::new("first-run");
    let run = ws.run(&["--offline", "--policy", "osi"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    // NCSA is OSI-approved; certificate data under CDLA is not software.
    assert!(!run.stdout.contains("fuzz-sys"), "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "error[license-not-allowed]: roots@1.0.0 is under `CDLA-Permissive-2.0`, which the policy does not accept"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("FAILED: 1 error, 1 warning, 1 note; 9 checked of 9 artifacts (policy: osi)"),
        "{}",
        run.stdout
    );
}

#[test]
fn verbose_lists_each_license_and_its_obligations() {
    let ws = Workspace::new("first-run");
    let run = ws.run(&["--offline", "-v"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("note[obligation]: 1 crate under `NCSA`"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("warning[unlicensed-member]: the workspace crate app@0.1.0 has no license\n --> Cargo.toml:1:2"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "ok: 0 errors, 1 warning, 9 notes; 9 checked of 9 artifacts (policy: default)"
        ),
        "{}",
        run.stdout
    );
}

/// The config `init` writes (the one the first-run note points at) keeps
/// the same verdict.
#[test]
fn the_config_init_writes_keeps_the_verdict() {
    let ws = Workspace::new("first-run");
    assert_eq!(ws.run(&["init"]).code, 0);
    let text = std::fs::read_to_string(ws.path().join("model-audit.toml")).unwrap();
    assert!(text.contains("extends = \"default\""), "{text}");
    let run = ws.run(&["--offline"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(!run.stderr.contains("note:"), "{}", run.stderr);
    assert!(
        run.stdout.ends_with(
            "ok: 0 errors, 1 warning, 1 note; 9 checked of 9 artifacts (policy: model-audit.toml (extends default))\n"
        ),
        "{}",
        run.stdout
    );
}

/// As cargo does: the nearest `Cargo.toml` at or above the current
/// directory; `--manifest-path` names the file, and a directory is refused
/// with what it expects.
#[test]
fn it_runs_from_a_subdirectory_and_says_what_manifest_path_expects() {
    let ws = Workspace::new("first-run");
    let run = common::run_in(&ws.path().join("src"), &["--offline"], &[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.ends_with(
            "ok: 0 errors, 1 warning, 1 note; 9 checked of 9 artifacts (policy: default)\n"
        ),
        "{}",
        run.stdout
    );
    let run = ws.run(&["--offline", "--manifest-path", "crates"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: --manifest-path crates is a directory; it expects the path to a Cargo.toml file\n  help: pass --manifest-path crates/Cargo.toml\n"
    );
    let empty = tempfile::tempdir().unwrap();
    let run = common::run_in(empty.path(), &["--offline"], &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("error: no Cargo.toml in ")
            && run.stderr.contains(" or any directory above it\n"),
        "{}",
        run.stderr
    );
}
