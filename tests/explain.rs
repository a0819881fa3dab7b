//! `explain`: whole SPDX expressions, license ids outside any Cargo project,
//! and "did you mean" for a crate version the graph does not have.

mod common;

use common::{Workspace, run_in};

#[test]
fn an_expression_explains_each_license_without_a_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_in(dir.path(), &["explain", "MIT OR Apache-2.0"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "MIT OR Apache-2.0");
    assert_eq!(lines[1], "  parts: MIT, Apache-2.0");
    assert!(lines.contains(&"MIT License (mit)"), "{}", run.stdout);
    assert!(
        lines.contains(&"Apache License 2.0 (apache-2.0)"),
        "{}",
        run.stdout
    );
    assert_eq!(run.stderr, "");

    let run = run_in(dir.path(), &["explain", "MIT"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.lines().next(), Some("MIT License (mit)"));
}

#[test]
fn an_unknown_id_outside_a_workspace_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_in(dir.path(), &["explain", "serde"], &[]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: `serde` is not a known license id, and there is no Cargo workspace here to find an artifact in\n  help: license ids are SPDX ids (`MIT`) or catalog ids (`llama2`); for a crate or model, run in the workspace or pass --manifest-path\n"
    );
}

#[test]
fn a_missing_crate_version_suggests_the_ones_in_the_graph() {
    let ws = Workspace::new("graph");
    let dir = ws.path().join("ws");
    let run = run_in(&dir, &["explain", "shared@0.2.0", "--offline", "-q"], &[]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: the graph has no version 0.2.0 of `shared`\n  help: did you mean shared@0.1.0?\n"
    );
    let run = run_in(&dir, &["explain", "shared@0.1.0", "--offline", "-q"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.lines().next(), Some("shared@0.1.0 (crate)"));
}

/// `explain` reads an expression as `check` reads a crate's `license`:
/// what does not parse is an error, `+` is "or later", `/` is OR.
#[test]
fn an_expression_is_read_as_check_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    for (text, reason) in [
        ("MIT OR", "expected one of `<license>`, `(` here"),
        ("MIT AND (Apache-2.0", "unclosed parens"),
    ] {
        let run = run_in(dir.path(), &["explain", text], &[]);
        assert_eq!(run.code, 2, "{text}: {}", run.stdout);
        assert_eq!(
            run.stderr,
            format!(
                "error: `{text}` is not a valid license expression: {reason}\n  help: write SPDX ids joined by AND, OR, WITH and parentheses, e.g. `MIT OR Apache-2.0`\n"
            )
        );
    }
    let run = run_in(dir.path(), &["explain", "GPL-3.0+"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[..5],
        [
            "GPL-3.0+",
            "  read as: GPL-3.0-or-later",
            "  parts: GPL-3.0-or-later",
            "",
            "GNU General Public License v3.0 or later (GPL-3.0-or-later)"
        ]
    );
    let run = run_in(dir.path(), &["explain", "MIT/Apache-2.0"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[..3],
        [
            "MIT/Apache-2.0",
            "  read as: MIT OR Apache-2.0",
            "  parts: MIT, Apache-2.0"
        ]
    );
    assert!(
        lines.contains(&"Apache License 2.0 (apache-2.0)"),
        "{}",
        run.stdout
    );
    let run = run_in(dir.path(), &["explain", "llama2 AND MIT"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("llama2 AND MIT\n  read as: LicenseRef-llama2 AND MIT\n"),
        "{}",
        run.stdout
    );
}
