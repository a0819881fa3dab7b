//! Hostile input: a generator writes each case into a temporary workspace;
//! every case must end with a clear message and the right exit code, never
//! a panic, and all of them together in bounded memory. Nothing from the
//! audited project may run.

mod common;

use common::{Run, Workspace, run_bounded};
use std::path::Path;
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(60);

fn run(ws: &Workspace, args: &[&str], env: &[(&str, &str)]) -> Run {
    let r = run_bounded(ws.path(), args, env, LIMIT);
    assert!(!r.stderr.contains("panicked"), "panic: {}", r.stderr);
    assert!(!r.stderr.contains("internal error"), "{}", r.stderr);
    r
}

/// A Hugging Face cache holding one model whose README is `readme`.
fn cache_with(dir: &Path, id: &str, sha: &str, readme: &[u8]) {
    let repo = dir.join(format!("models--{}", id.replace('/', "--")));
    std::fs::create_dir_all(repo.join("refs")).unwrap();
    std::fs::create_dir_all(repo.join("snapshots").join(sha)).unwrap();
    std::fs::write(repo.join("refs/main"), sha).unwrap();
    std::fs::write(repo.join("snapshots").join(sha).join("README.md"), readme).unwrap();
}

#[test]
fn malformed_cargo_toml_passes_cargos_message_on() {
    let ws = Workspace::new("clean");
    ws.write("Cargo.toml", "[package]\nname = \"clean\"\nversion = \n");
    let r = run(&ws, &["--offline"], &[]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("cargo metadata") && r.stderr.contains("Cargo.toml"),
        "{}",
        r.stderr
    );
}

#[test]
fn invalid_spdx_in_a_dependency_is_a_finding() {
    let ws = Workspace::new("clean");
    let manifest = std::fs::read_to_string(ws.path().join("Cargo.toml"))
        .unwrap()
        .replace(
            "license = \"Apache-2.0 OR MIT\"",
            "license = \"MIT AND (Apache-2.0 OR\"",
        );
    ws.write("Cargo.toml", &manifest);
    // The crate is the project's own: a warning that points at its
    // manifest, an error with --deny-warnings.
    let r = run(
        &ws,
        &["--offline", "--policy", "permissive", "--deny-warnings"],
        &[],
    );
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("warning[unlicensed-member]")
            && r.stdout.contains("is not an SPDX expression"),
        "{}",
        r.stdout
    );
}

#[test]
fn hostile_cards_from_the_cache() {
    let sha = "cccccccccccccccccccccccccccccccccccccccc";
    let bomb = {
        let mut y = String::from(
            "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        for (i, p) in ["b", "c", "d", "e", "f", "g", "h", "i"].iter().enumerate() {
            let prev = if i == 0 {
                "a".to_owned()
            } else {
                ["b", "c", "d", "e", "f", "g", "h"][i - 1].to_owned()
            };
            y.push_str(&format!("{p}: &{p} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
        }
        y.push_str("license: mit\n---\n# bomb\n");
        y
    };
    let deep = format!(
        "---\nlicense: {}mit{}\n---\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let huge_scalar = format!(
        "---\nlicense: mit\ndescription: \"{}\"\n---\n",
        "z".repeat(3 * 1024 * 1024)
    );
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("t/bomb", bomb.into_bytes(), "not valid YAML"),
        ("t/deep", deep.into_bytes(), "not valid YAML"),
        ("t/huge", huge_scalar.into_bytes(), "larger than 1 MiB"),
        (
            "t/bom-tabs-crlf",
            b"\xEF\xBB\xBF---\r\nlicense:\tmit\r\n---\r\n# x\r\n".to_vec(),
            "",
        ),
        (
            "t/binary",
            vec![0xff, 0xfe, 0x00, 0x01, b'-', b'-', b'-'],
            "",
        ),
    ];
    let ws = Workspace::new("clean");
    let cache = tempfile::tempdir().unwrap();
    let mut config = String::from("extends = \"permissive\"\n");
    for (id, readme, _) in &cases {
        cache_with(cache.path(), id, sha, readme);
        config.push_str(&format!(
            "[[models]]\nid = \"{id}\"\nrevision = \"{sha}\"\n"
        ));
    }
    ws.write("model-audit.toml", &config);
    let c = cache.path().display().to_string();
    let r = run(
        &ws,
        &["--offline", "--format", "json"],
        &[("HF_HUB_CACHE", c.as_str())],
    );
    assert!(r.code == 0 || r.code == 1, "{}{}", r.stdout, r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    for (id, _, needle) in &cases {
        let a = v["artifacts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == *id)
            .unwrap_or_else(|| panic!("{id} missing"));
        if !needle.is_empty() {
            assert!(
                a["license"]["evidence"].to_string().contains(needle),
                "{id}: {:#}",
                a["license"]
            );
        }
    }
    let bom = v["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "t/bom-tabs-crlf")
        .unwrap();
    assert_eq!(bom["license"]["expression"], "MIT", "{bom:#}");
}

#[test]
fn a_symlink_loop_in_the_workspace() {
    let ws = Workspace::new("clean");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("LICENSE", ws.path().join("LICENSE")).unwrap();
        std::os::unix::fs::symlink("loop-b", ws.path().join("loop-a")).unwrap();
        std::os::unix::fs::symlink("loop-a", ws.path().join("loop-b")).unwrap();
        std::os::unix::fs::symlink(".", ws.path().join("src/self")).unwrap();
    }
    let r = run(&ws, &["--offline", "--policy", "permissive"], &[]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

#[test]
fn non_utf8_and_unparsable_source_files() {
    let ws = Workspace::new("clean");
    let mut bytes = b"fn main() { let api = hf_hub::api::sync::Api::new().unwrap(); api.model(\"acme/tiny\".into()); }\n// ".to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe, 0x80, b'\n']);
    std::fs::write(ws.path().join("src/main.rs"), bytes).unwrap();
    std::fs::write(
        ws.path().join("src/broken.rs"),
        "fn main( { api.model(\"acme/other\") \u{0}",
    )
    .unwrap();
    std::fs::write(ws.path().join("config.json"), [0xff, 0x00, 0x7b]).unwrap();
    let r = run(&ws, &["list", "--offline", "--format", "json"], &[]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(
        v["artifacts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["name"] == "acme/tiny"),
        "{v:#}"
    );
}

#[test]
fn model_ids_that_try_to_escape() {
    for id in [
        "../../etc/x",
        "https://evil.example/a/b",
        "a/b?c=d",
        "a/b#frag",
        "a/b/../../c",
        "..\\\\x/y",
        "a/b c",
    ] {
        let ws = Workspace::new("clean");
        ws.write("model-audit.toml", &format!("[[models]]\nid = \"{id}\"\n"));
        let r = run(&ws, &["--offline"], &[]);
        assert_eq!(r.code, 2, "{id}: {}{}", r.stdout, r.stderr);
        assert!(r.stderr.contains("models[0].id"), "{id}: {}", r.stderr);
    }
    let ws = Workspace::new("clean");
    ws.write(
        "model-audit.toml",
        "[[models]]\nid = \"a/b\"\nrevision = \"../../../etc\"\n",
    );
    let r = run(&ws, &["--offline"], &[]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("models[0].revision"), "{}", r.stderr);
}

#[test]
fn nothing_from_the_audited_project_runs() {
    let ws = Workspace::new("clean");
    let marker = ws.path().join("EXECUTED");
    let script = ws.path().join("evil.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\ntouch '{}'\nexec rustc \"$@\"\n",
            marker.display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    ws.write(
        ".cargo/config.toml",
        &format!("[build]\nrustc = \"{0}\"\nrustc-wrapper = \"{0}\"\nrustc-workspace-wrapper = \"{0}\"\n", script.display()),
    );
    ws.write(
        "build.rs",
        &format!(
            "fn main() {{ std::fs::write(\"{}\", \"x\").unwrap(); }}\n",
            marker.display()
        ),
    );
    for args in [
        &["--offline"][..],
        &["--offline", "--target", "x86_64-unknown-linux-gnu"][..],
        &["list", "--offline"][..],
    ] {
        let r = run_bounded(ws.path(), args, &[], LIMIT);
        assert!(
            r.code == 0 || r.code == 1,
            "{args:?}: {}{}",
            r.stdout,
            r.stderr
        );
        assert!(!marker.exists(), "{args:?} ran the project's code");
    }
}

#[test]
fn memory_stays_bounded() {
    // Runs the hostile cases again and reads the peak RSS of this test
    // process's children (the tool and its cargo child).
    hostile_cards_from_the_cache();
    a_symlink_loop_in_the_workspace();
    invalid_spdx_in_a_dependency_is_a_finding();
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage only writes into the struct we pass.
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    assert_eq!(rc, 0);
    let peak_mib = usage.ru_maxrss as f64 / 1024.0;
    assert!(peak_mib < 200.0, "peak RSS {peak_mib:.1} MiB");
}
