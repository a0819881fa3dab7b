//! A third round of attacks on the tool's doors, written from the threat
//! model (README, "Threat model"; ARCHITECTURE, "Invariants") before the
//! earlier attack tests were read. Everything in the audited workspace is
//! the attacker's; a file outside it holds a marker that must never appear
//! in what the tool prints or writes. Organised by invariant class; the
//! cases that only repeat an earlier test (a toolchain file or the
//! project's wrappers running nothing, special files as license texts, the
//! project's policy under `--policy`, outputs that are links or FIFOs) were
//! left to `tests/security.rs`, `tests/attacks.rs` and
//! `tests/attack_policy.rs`.

#![cfg(unix)]

mod common;

use common::{Run, run_in, script};
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

const MARK: &str = "SECRETMARKER_round3_Zq81x";

/// A one-package workspace (`app`, MIT) with, unless `dep` is false, a path
/// dependency `dep` inside it whose manifest gives `dep_license` (a
/// `license = ...` or `license-file = ...` line), and a place outside it
/// (`outside`) that holds the marker.
struct Case {
    _tmp: tempfile::TempDir,
    ws: PathBuf,
    outside: PathBuf,
}

impl Case {
    fn new(dep_license: Option<&str>) -> Case {
        let tmp = tempfile::tempdir().unwrap();
        let ws = tmp.path().join("ws");
        let outside = tmp.path().join("outside");
        std::fs::create_dir_all(ws.join("src")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        let mut manifest = String::from(
            "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\nlicense = \"MIT\"\n\n[dependencies]\n",
        );
        if let Some(license) = dep_license {
            manifest.push_str("dep = { path = \"dep\" }\n");
            std::fs::create_dir_all(ws.join("dep/src")).unwrap();
            std::fs::write(
                ws.join("dep/Cargo.toml"),
                format!("[package]\nname = \"dep\"\nversion = \"0.1.0\"\nedition = \"2021\"\n{license}\n"),
            )
            .unwrap();
            std::fs::write(ws.join("dep/src/lib.rs"), "pub fn f() {}\n").unwrap();
        }
        std::fs::write(ws.join("Cargo.toml"), manifest).unwrap();
        std::fs::write(ws.join("src/main.rs"), "fn main() {}\n").unwrap();
        Case {
            _tmp: tmp,
            ws,
            outside,
        }
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.ws.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// Adds `[dependencies]` line `line` to the member's manifest.
    fn depend(&self, line: &str) {
        let path = self.ws.join("Cargo.toml");
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str(line);
        text.push('\n');
        std::fs::write(path, text).unwrap();
    }

    /// A package outside the workspace (the user's other project), with a
    /// secret MIT-looking text beside its manifest, made a path dependency
    /// of the member: its directory becomes a root of the graph.
    fn other_project(&self) -> PathBuf {
        let other = self.outside.join("other");
        std::fs::create_dir_all(other.join("src")).unwrap();
        std::fs::write(
            other.join("Cargo.toml"),
            "[package]\nname = \"other\"\nversion = \"0.1.0\"\nedition = \"2021\"\nlicense = \"MIT\"\n",
        )
        .unwrap();
        std::fs::write(other.join("src/lib.rs"), "pub fn g() {}\n").unwrap();
        std::fs::write(other.join("secret-mit.txt"), secret_mit()).unwrap();
        std::fs::write(other.join("secret.toml"), format!("x = \"{MARK}\"\n")).unwrap();
        self.depend(&format!(
            "other = {{ path = {:?} }}",
            other.display().to_string()
        ));
        other
    }

    fn run(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let r = run_in(&self.ws, args, env);
        assert!(
            !r.stdout.contains(MARK) && !r.stderr.contains(MARK),
            "the marker leaked:\n{}\n{}",
            r.stdout,
            r.stderr
        );
        assert!(r.code >= 0, "killed by a signal: {}", r.stderr);
        r
    }
}

/// The MIT text with the marker after it: a file a detector would take for
/// a license, whose content must still never be shown from outside.
fn secret_mit() -> String {
    let mit =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("LICENSE-MIT")).unwrap();
    format!("{mit}\n{MARK}\n")
}

/// Class 1: nothing in the checkout chooses or starts a program.
mod programs {
    use super::*;

    #[test]
    fn relative_path_entries_never_find_the_checkouts_programs() {
        let case = Case::new(None);
        let pwned = case.outside.join("pwned");
        for dir in ["", "bin"] {
            for tool in ["cargo", "rustc", "rustup"] {
                script(
                    &case.ws.join(dir).join(tool),
                    &format!("touch {}\n", pwned.display()),
                );
            }
        }
        let path = format!(".:bin::{}", std::env::var("PATH").unwrap());
        let r = case.run(&["check", "--offline"], &[("PATH", &path)]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(
            !pwned.exists(),
            "a program found through a relative PATH entry ran"
        );
    }

    /// A cargo config above the workspace (a monorepo's root, a parent
    /// directory of the user's) is read as cargo would read it, as data:
    /// its graph keys pass, its programs never run, and the run goes on.
    /// Linked there, it is refused (it could lead anywhere).
    #[test]
    fn a_cargo_config_above_the_workspace_is_read_as_data() {
        let case = Case::new(None);
        let pwned = case.outside.join("pwned");
        let wrapper = case.outside.join("wrapper.sh");
        script(
            &wrapper,
            &format!("touch {}\nexec \"$@\"\n", pwned.display()),
        );
        let above = case.ws.parent().unwrap().join(".cargo");
        std::fs::create_dir_all(&above).unwrap();
        std::fs::write(
            above.join("config.toml"),
            format!(
                "[net]\noffline = true\n[build]\nrustc-wrapper = {:?}\n",
                wrapper.display().to_string()
            ),
        )
        .unwrap();
        let r = case.run(&["check", "--offline"], &[]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(!pwned.exists(), "the config's rustc-wrapper ran");

        std::fs::rename(above.join("config.toml"), case.outside.join("config.toml")).unwrap();
        symlink(case.outside.join("config.toml"), above.join("config.toml")).unwrap();
        let r = case.run(&["check", "--offline"], &[]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(r.stderr.contains("refused"), "{}", r.stderr);
    }
}

/// Class 2: reads reach only their roots, and a package's texts only its own.
mod reads {
    use super::*;

    /// `notices` prints a dependency's license and NOTICE texts: none may
    /// come from another root, however the package names it.
    #[test]
    fn a_packages_texts_never_come_from_another_packages_directory() {
        // `license-file` with `..` into a path dependency outside.
        let case = Case::new(Some("license-file = \"LICENSE.txt\""));
        let other = case.other_project();
        let rel = format!("../{}", pathdiff(&other.join("secret-mit.txt"), &case.ws));
        case.write(
            "dep/Cargo.toml",
            &format!(
                "[package]\nname = \"dep\"\nversion = \"0.1.0\"\nedition = \"2021\"\nlicense-file = {rel:?}\n"
            ),
        );
        let r = case.run(&["notices", "--offline"], &[]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(
            r.stderr.contains("warning[notice-text-missing]: dep@0.1.0"),
            "{}",
            r.stderr
        );

        // The same file through a link named `license-file`.
        let case = Case::new(Some("license-file = \"LICENSE.txt\""));
        let other = case.other_project();
        symlink(
            other.join("secret-mit.txt"),
            case.ws.join("dep/LICENSE.txt"),
        )
        .unwrap();
        let r = case.run(&["notices", "--offline"], &[]);
        assert!(
            r.stderr.contains("warning[notice-text-missing]: dep@0.1.0"),
            "{}",
            r.stderr
        );

        // A NOTICE (printed verbatim) linked there.
        let case = Case::new(Some("license = \"MIT\""));
        let other = case.other_project();
        symlink(other.join("secret-mit.txt"), case.ws.join("dep/NOTICE")).unwrap();
        let r = case.run(&["notices", "--offline"], &[]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.contains("MIT"), "{}", r.stdout);
    }

    #[test]
    fn a_hard_linked_license_text_is_not_read() {
        let case = Case::new(Some("license-file = \"LICENSE.txt\""));
        let secret = case.outside.join("secret-mit.txt");
        std::fs::write(&secret, secret_mit()).unwrap();
        std::fs::hard_link(&secret, case.ws.join("dep/LICENSE.txt")).unwrap();
        let r = case.run(&["notices", "--offline"], &[]);
        assert!(
            r.stderr.contains("warning[notice-text-missing]: dep@0.1.0"),
            "{}",
            r.stderr
        );
        // The same text as a file of its own is the package's, and is shown.
        std::fs::remove_file(case.ws.join("dep/LICENSE.txt")).unwrap();
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("LICENSE-MIT"),
            case.ws.join("dep/LICENSE.txt"),
        )
        .unwrap();
        let r = case.run(&["notices", "--offline"], &[]);
        assert!(!r.stderr.contains("notice-text-missing"), "{}", r.stderr);
    }

    #[test]
    fn the_lock_linked_into_another_root_is_refused_and_not_quoted() {
        let case = Case::new(None);
        let other = case.other_project();
        symlink(other.join("secret.toml"), case.ws.join("model-audit.lock")).unwrap();
        let r = case.run(&["check", "--offline"], &[]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(
            r.stderr
                .contains("refused: it resolves outside the package or workspace that names it"),
            "{}",
            r.stderr
        );
    }

    /// `HF_HOME` inside the checkout (a CI that caches models there) puts
    /// the token file inside a root: it is still never read.
    #[test]
    fn the_token_file_is_never_read_even_inside_the_workspace() {
        let case = Case::new(Some("license = \"MIT\""));
        let hf_home = case.ws.join(".hf");
        std::fs::create_dir_all(&hf_home).unwrap();
        std::fs::write(hf_home.join("token"), format!("x = \"{MARK}\"\n")).unwrap();
        symlink("../.hf/token", case.ws.join("dep/NOTICE")).unwrap();
        let hf = hf_home.display().to_string();
        let r = case.run(&["notices", "--offline"], &[("HF_HOME", &hf)]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        symlink(".hf/token", case.ws.join("model-audit.lock")).unwrap();
        let r = case.run(&["check", "--offline"], &[("HF_HOME", &hf)]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(
            r.stderr
                .contains("refused: one of the user's credential files"),
            "{}",
            r.stderr
        );
    }

    /// The project's `.cargo/config.toml` is read (as data) before cargo
    /// runs, when the path dependencies are not yet roots: a link to one of
    /// them, or to `/proc`, stops the run without quoting it.
    #[test]
    fn the_projects_cargo_config_linked_out_fails_without_quoting() {
        let case = Case::new(None);
        let other = case.other_project();
        std::fs::create_dir_all(case.ws.join(".cargo")).unwrap();
        symlink(
            other.join("secret.toml"),
            case.ws.join(".cargo/config.toml"),
        )
        .unwrap();
        let r = case.run(&["check", "--offline"], &[]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(r.stderr.contains("refused"), "{}", r.stderr);

        let case = Case::new(None);
        std::fs::create_dir_all(case.ws.join(".cargo")).unwrap();
        symlink("/proc/self/environ", case.ws.join(".cargo/config.toml")).unwrap();
        let r = case.run(&["check", "--offline"], &[("HF_TOKEN", MARK)]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(r.stderr.contains("refused: a system file"), "{}", r.stderr);
    }

    /// `a` relative to `base` with `..`, for a path written in a manifest.
    fn pathdiff(a: &Path, base: &Path) -> String {
        let a: Vec<_> = a.components().collect();
        let b: Vec<_> = base.components().collect();
        let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
        let mut out = PathBuf::new();
        for _ in common..b.len() {
            out.push("..");
        }
        for c in &a[common..] {
            out.push(c);
        }
        out.display().to_string()
    }
}

/// Class 3: writes are whole and never follow a link the project made.
mod writes {
    use super::*;

    #[test]
    fn an_absolute_output_through_a_committed_link_is_refused() {
        let case = Case::new(None);
        let victim = case.outside.join("victim");
        std::fs::create_dir_all(&victim).unwrap();
        symlink(&victim, case.ws.join("reports")).unwrap();
        let out = case.ws.join("reports/audit.json");
        let r = case.run(
            &[
                "check",
                "--offline",
                "--format",
                "json",
                "--output",
                out.to_str().unwrap(),
            ],
            &[],
        );
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(r.stderr.contains("is a symbolic link"), "{}", r.stderr);
        assert_eq!(std::fs::read_dir(&victim).unwrap().count(), 0);
        // Relative, the same.
        let r = case.run(
            &[
                "check",
                "--offline",
                "--format",
                "json",
                "--output",
                "reports/audit.json",
            ],
            &[],
        );
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert_eq!(std::fs::read_dir(&victim).unwrap().count(), 0);
    }

    #[test]
    fn an_output_that_is_a_hard_link_is_replaced_not_written_through() {
        let case = Case::new(None);
        let victim = case.outside.join("victim");
        std::fs::write(&victim, "keep").unwrap();
        std::fs::hard_link(&victim, case.ws.join("hard.json")).unwrap();
        let r = case.run(&["check", "--offline", "--output", "hard.json"], &[]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        assert_ne!(
            std::fs::read_to_string(case.ws.join("hard.json")).unwrap(),
            "keep"
        );
    }
}

/// Class 4: nothing the checkout writes is read as a cache.
mod caches {
    use super::*;

    #[test]
    fn a_forged_cache_in_the_checkout_and_relative_cache_dirs_are_ignored() {
        let case = Case::new(None);
        let gguf = gguf_bytes();
        case.write("models/a.gguf", "");
        std::fs::write(case.ws.join("models/a.gguf"), &gguf).unwrap();
        let key = case.ws.join("models/a.gguf").display().to_string();
        let forged = format!(
            "{{\"version\":1,\"entries\":{{{key:?}:{{\"stamp\":\"x\",\"value\":{{\"sha256\":\"forged\"}}}}}}}}"
        );
        case.write("target/hash-cache.json", &forged);
        case.write(".cache/hash-cache.json", &forged);
        // Relative cache directories are not the user's: the one under
        // `$HOME` (outside the checkout) is used.
        let home = case.outside.display().to_string();
        let user = std::env::var("HOME").unwrap();
        let cargo_home = std::env::var("CARGO_HOME").unwrap_or_else(|_| format!("{user}/.cargo"));
        let rustup_home =
            std::env::var("RUSTUP_HOME").unwrap_or_else(|_| format!("{user}/.rustup"));
        let r = case.run(
            &["list", "--offline", "--format", "json"],
            &[
                ("MODEL_AUDIT_CACHE_DIR", ".cache"),
                ("XDG_CACHE_HOME", "."),
                ("HOME", &home),
                ("CARGO_HOME", &cargo_home),
                ("RUSTUP_HOME", &rustup_home),
            ],
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(!r.stdout.contains("forged"), "{}", r.stdout);
        assert!(
            r.stdout.contains("weight-file:models/a.gguf@"),
            "{}",
            r.stdout
        );
        assert!(case.outside.join(".cache/cargo-model-audit").is_dir());
        assert!(
            !case.ws.join(".cache/hash-cache.json").exists() || {
                std::fs::read_to_string(case.ws.join(".cache/hash-cache.json"))
                    .unwrap()
                    .contains("forged")
            }
        );
    }

    /// A Hugging Face cache inside the checkout (a CI that restores it
    /// there) could hold a card the pull request committed: it is not
    /// read, and the run says so and what to do. The bundled example's
    /// cache, copied into its workspace, resolves nothing there; beside it,
    /// everything.
    #[test]
    fn a_hugging_face_cache_inside_the_checkout_is_not_read() {
        let tmp = tempfile::tempdir().unwrap();
        let ws = tmp.path().join("ml-app");
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        common::copy_dir_keeping(&repo.join("examples/ml-app"), &ws, true);
        common::copy_dir(&repo.join("examples/hf-cache"), &ws.join("hf-cache"));
        common::copy_dir(
            &repo.join("examples/hf-cache"),
            &tmp.path().join("hf-cache"),
        );
        let run = |cache: &Path| {
            let cache = cache.display().to_string();
            run_in(
                &ws,
                &["check", "--offline"],
                &[("HF_HUB_CACHE", cache.as_str())],
            )
        };
        let inside = run(&ws.join("hf-cache"));
        assert_eq!(inside.code, 1, "{}{}", inside.stdout, inside.stderr);
        assert!(
            inside.stderr.contains(
                "hf-cache is inside the workspace, where a pull request can write it: it is not read"
            ) && inside
                .stderr
                .contains("help: point HF_HUB_CACHE (or HF_HOME) at a directory outside the checkout"),
            "{}",
            inside.stderr
        );
        assert!(
            inside.stdout.contains("model-unresolved"),
            "{}",
            inside.stdout
        );
        let beside = run(&tmp.path().join("hf-cache"));
        assert_eq!(beside.code, 1, "{}{}", beside.stdout, beside.stderr);
        assert!(
            !beside.stderr.contains("inside the workspace"),
            "{}",
            beside.stderr
        );
        assert!(
            !beside.stdout.contains("model-unresolved"),
            "{}",
            beside.stdout
        );
    }

    #[test]
    fn an_absolute_cache_dir_inside_the_checkout_is_not_used() {
        // `MODEL_AUDIT_CACHE_DIR` pointed into the checkout (a CI cache
        // step's path, say): whoever writes the checkout could plant
        // entries with matching content keys, so the run caches nothing
        // there, reads nothing from there, and gives the same answer.
        let case = Case::new(None);
        std::fs::write(case.ws.join("a.gguf"), gguf_bytes()).unwrap();
        let inside = case.ws.join("ci-cache");
        let inside = inside.display().to_string();
        let first = case.run(
            &["list", "--offline", "--format", "json"],
            &[("MODEL_AUDIT_CACHE_DIR", &inside)],
        );
        assert_eq!(first.code, 0, "{}", first.stderr);
        assert!(
            !case.ws.join("ci-cache").exists(),
            "a cache was written inside the checkout"
        );
        // With the folder there (a restored CI cache), still nothing.
        std::fs::create_dir_all(case.ws.join("ci-cache")).unwrap();
        let second = case.run(
            &["list", "--offline", "--format", "json"],
            &[("MODEL_AUDIT_CACHE_DIR", &inside)],
        );
        assert_eq!(second.stdout, first.stdout);
        assert_eq!(
            std::fs::read_dir(case.ws.join("ci-cache")).unwrap().count(),
            0,
            "a cache was written inside the checkout"
        );
    }
}

/// A GGUF v3 header with `general.license = mit` and nothing else.
fn gguf_bytes() -> Vec<u8> {
    common::gguf(&[("general.license", "mit")])
}

/// Class 5: what is not read is said, never dropped.
mod unread {
    use super::*;

    #[test]
    fn a_linked_weight_file_is_audited_or_fails_never_vanishes() {
        // Linked inside the workspace: read through the link, hashed.
        let case = Case::new(None);
        std::fs::write(case.ws.join("in.gguf"), gguf_bytes()).unwrap();
        std::fs::create_dir_all(case.ws.join("models")).unwrap();
        symlink("../in.gguf", case.ws.join("models/linked.gguf")).unwrap();
        let r = case.run(&["list", "--offline", "--format", "json"], &[]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(
            r.stdout.contains("weight-file:models/linked.gguf@"),
            "{}",
            r.stdout
        );
        assert!(
            !r.stdout.contains("models/linked.gguf@unhashed"),
            "{}",
            r.stdout
        );

        // Linked outside the roots: not read, and an error, not a pass.
        let case = Case::new(None);
        let outside = case.outside.join("w.gguf");
        std::fs::write(&outside, gguf_bytes()).unwrap();
        std::fs::create_dir_all(case.ws.join("models")).unwrap();
        symlink(&outside, case.ws.join("models/linked.gguf")).unwrap();
        let r = case.run(&["check", "--offline", "--format", "json"], &[]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        let v = common::json(&r);
        assert!(
            common::findings(&v)
                .iter()
                .any(|(code, sev, a)| code == "license-unknown"
                    && sev == "error"
                    && a.starts_with("weight-file:models/linked.gguf")),
            "{v}"
        );
    }
}

/// Class 8: pathological input is an error, never a crash, and what a
/// bound leaves unread is said.
mod bounds {
    use super::*;

    fn many_files(dir: &Path, n: usize, ext: &str) {
        std::fs::create_dir_all(dir).unwrap();
        for i in 0..n {
            std::fs::File::create(dir.join(format!("f{i:06}{ext}"))).unwrap();
        }
    }

    #[test]
    fn a_weight_file_past_the_walks_bound_is_said_not_dropped() {
        let case = Case::new(None);
        many_files(&case.ws.join("aaa"), 200_001, "");
        std::fs::create_dir_all(case.ws.join("zzz")).unwrap();
        std::fs::write(case.ws.join("zzz/model.gguf"), gguf_bytes()).unwrap();
        let r = case.run(&["check", "--offline", "--format", "json"], &[]);
        let v = common::json(&r);
        let f = v["findings"].as_array().unwrap();
        assert!(
            f.iter().any(|f| f["code"] == "file-not-scanned"
                && f["severity"] == "warning"
                && f["message"]
                    .as_str()
                    .unwrap()
                    .contains("weight files from here on were not looked for")),
            "{v}"
        );
    }

    #[test]
    fn rust_files_past_the_walks_bound_are_listed_not_dropped() {
        let case = Case::new(None);
        many_files(&case.ws.join("src/aaa"), 100_001, ".rs");
        case.write(
            "src/zzz/m.rs",
            "fn f() { let _ = hf_hub::api::sync::Api::new().unwrap().model(\"acme/hidden\".to_string()); }\n",
        );
        let r = case.run(&["list", "--offline", "--format", "json"], &[]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let v = common::json(&r);
        assert!(
            v["unaudited_references"]
                .as_array()
                .unwrap()
                .iter()
                .any(|u| u["why"]
                    .as_str()
                    .unwrap()
                    .contains("the files from here on were not scanned")),
            "{v}"
        );
    }

    #[test]
    fn deep_nesting_in_every_toml_the_project_writes_is_an_error() {
        let deep = |n: usize| format!("x = {}{}\n", "[".repeat(n), "]".repeat(n));
        for (file, text) in [
            (
                ".cargo/config.toml",
                format!("[source.a]\n{}", deep(50_000)),
            ),
            (
                ".cargo/config.toml",
                format!(
                    "[patch.crates-io]\na = {}1{}\n",
                    "{b = ".repeat(20_000),
                    "}".repeat(20_000)
                ),
            ),
            ("model-audit.toml", deep(50_000)),
            ("model-audit.lock", deep(50_000)),
        ] {
            let case = Case::new(None);
            case.write(file, &text);
            let r = case.run(&["check", "--offline"], &[]);
            assert_eq!(r.code, 2, "{file}: {}", r.stderr);
            assert!(r.stderr.contains("error:"), "{file}: {}", r.stderr);
        }
    }
}
