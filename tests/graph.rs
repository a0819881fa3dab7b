//! The audited crate set is the graph cargo builds: on a fixture workspace
//! with weak features (`client?/cookies`), optional, target-specific, build
//! and dev dependencies, the crates of `list` equal `cargo tree -e
//! normal,build,dev --target all` (or `--target T`) for the same flags.
//! The fixture's `vendor/` lies outside the workspace root, so its crates are
//! path dependencies that are not members.

mod common;

use common::{Workspace, run_in};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

/// `name vVERSION` of every crate `list` audits, with their paths.
fn ours(dir: &Path, flags: &[&str]) -> (BTreeSet<String>, Vec<(String, String)>) {
    let mut args = vec!["list", "--offline", "--format", "tsv"];
    args.extend(flags);
    let run = run_in(dir, &args, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut set = BTreeSet::new();
    let mut paths = Vec::new();
    for line in run.stdout.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols[1] == "crate" {
            set.insert(format!("{} v{}", cols[2], cols[3]));
            paths.push((cols[2].to_owned(), cols[7].to_owned()));
        }
    }
    (set, paths)
}

/// The same, from `cargo tree`.
fn cargo_tree(dir: &Path, flags: &[&str]) -> BTreeSet<String> {
    let edges = if flags.contains(&"--exclude-dev") {
        "normal,build"
    } else {
        "normal,build,dev"
    };
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(dir)
        .args(["tree", "--offline", "-e", edges, "--prefix", "none"])
        .args(["--format", "{p}"]);
    if !flags.contains(&"--target") {
        cmd.args(["--target", "all"]);
    }
    if !flags.contains(&"-p") {
        cmd.arg("--workspace");
    }
    cmd.args(flags.iter().filter(|f| **f != "--exclude-dev"));
    let out = cmd.output().expect("run cargo tree");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split(" (").next().unwrap().trim().to_owned())
        .collect()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|n| format!("{n} v0.1.0")).collect()
}

#[test]
fn the_audited_crates_are_the_crates_cargo_tree_shows() {
    let ws = Workspace::new("graph");
    let dir = ws.path().join("ws");
    let cases: &[&[&str]] = &[
        &[],
        &["--all-features"],
        &["--no-default-features"],
        &["-p", "tool"],
        &["-p", "app", "--features", "full"],
        &["--features", "app/full"],
        &["--target", "x86_64-unknown-linux-gnu"],
        &["--target", "x86_64-pc-windows-msvc", "--all-features"],
        &["--exclude-dev"],
        &["-p", "app", "--exclude-dev", "--no-default-features"],
        // A proc-macro member is built for the host: its `cfg(unix)`
        // dependency is in a Windows build.
        &["-p", "pm", "--target", "x86_64-pc-windows-msvc"],
    ];
    for flags in cases {
        let (ours, _) = ours(&dir, flags);
        let theirs = cargo_tree(&dir, flags);
        assert_eq!(ours, theirs, "flags {flags:?}");
    }
}

#[test]
fn weak_target_and_dev_only_features_add_nothing_cargo_does_not_build() {
    let ws = Workspace::new("graph");
    let dir = ws.path().join("ws");
    // `client`'s `cookies = ["shared?/cookies"]` does not enable its optional
    // `shared`, so `cookiejar` is not built; the optional `extra` is off.
    let (default, paths) = ours(&dir, &[]);
    assert_eq!(
        default,
        set(&[
            "app",
            "client",
            "devonly",
            "gen",
            "genhelper",
            "mockdep",
            "pm",
            "shared",
            "tool",
            "unixonly",
            "winextra",
            "winonly"
        ])
    );
    // `app/full` enables `client/full`, hence `client`'s `shared`, and the
    // weak feature now applies.
    let (full, _) = ours(&dir, &["--features", "app/full"]);
    assert!(full.contains("cookiejar v0.1.0") && full.contains("extra v0.1.0"));
    // `shared`'s `win` feature comes from a Windows-only declaration; the
    // dev-dependency's `testing` feature only with dev-dependencies.
    let (linux, _) = ours(
        &dir,
        &["--target", "x86_64-unknown-linux-gnu", "--exclude-dev"],
    );
    assert_eq!(
        linux,
        set(&[
            "app",
            "client",
            "gen",
            "genhelper",
            "pm",
            "shared",
            "tool",
            "unixonly"
        ])
    );
    let (pm, _) = ours(&dir, &["-p", "pm", "--target", "x86_64-pc-windows-msvc"]);
    assert_eq!(pm, set(&["devonly", "pm", "unixonly"]));
    // Dev-dependencies are those of the selected members only.
    let (app_only, _) = ours(&dir, &["-p", "app"]);
    assert!(!app_only.contains("devonly v0.1.0"), "{app_only:?}");
    // The path shown is a path in that graph.
    let path = |name: &str| {
        paths
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, p)| p.clone())
            .unwrap()
    };
    // Two members dev-depend on `devonly`: either is a shortest path.
    assert!(
        ["pm@0.1.0 > devonly@0.1.0", "tool@0.1.0 > devonly@0.1.0"]
            .contains(&path("devonly").as_str()),
        "{}",
        path("devonly")
    );
    assert_eq!(path("genhelper"), "app@0.1.0 > gen@0.1.0 > genhelper@0.1.0");
    assert_eq!(path("mockdep"), "app@0.1.0 > shared@0.1.0 > mockdep@0.1.0");
    assert_eq!(
        path("winextra"),
        "app@0.1.0 > shared@0.1.0 > winextra@0.1.0"
    );
}

#[test]
fn a_path_dependency_beside_the_root_is_shown_with_dotdot() {
    let ws = Workspace::new("graph");
    let dir = ws.path().join("ws");
    let run = run_in(&dir, &["list", "--offline", "--format", "json", "-q"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let files = |name: &str| -> Vec<String> {
        v["artifacts"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["name"] == name)
            .flat_map(|a| a["references"].as_array().unwrap().clone())
            .map(|r| r["file"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(files("genhelper"), ["../vendor/gen/Cargo.toml"]);
    assert_eq!(files("mockdep"), ["../vendor/shared/Cargo.toml"]);
}
