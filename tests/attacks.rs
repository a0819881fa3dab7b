//! The pull request as attacker, organised by the trust rule each attack
//! tries to break. Each rule has one mechanism (see `tests/doors.rs` for the
//! check that no code goes around it); each test here plants several
//! variants of one class of attack and asserts what the user sees.
//!
//! - programs: cargo and rustc run the user's configuration, never the
//!   project's programs, flags, environment or registries;
//! - reads: links, FIFOs, devices and `/proc` files behind every kind of
//!   read are refused, and nothing refused is quoted;
//! - writes: no write follows a committed link;
//! - caches: nothing the checkout holds is read as a cache, and a cache
//!   entry is trusted only for the bytes it summarises;
//! - fail closed: what discovery could not read is said, and `#[path]`,
//!   `include!` and cfg predicates are followed.

mod common;

use common::{Run, run_bounded};
use std::path::{Path, PathBuf};
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(60);
const SECRET: &str = "SECRET-the-pull-request-must-never-see-7f3a";

fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let r = run_bounded(dir, args, env, LIMIT);
    assert!(!r.stderr.contains("panicked"), "panic: {}", r.stderr);
    assert!(
        !r.stderr.contains("internal error"),
        "internal error: {}",
        r.stderr
    );
    r
}

/// A workspace with one member, `app`, whose manifest adds `extra` and whose
/// `src/main.rs` is `main`.
struct Ws {
    dir: tempfile::TempDir,
    /// Outside the workspace: where the attacker's links point.
    outside: tempfile::TempDir,
}

impl Ws {
    fn new(extra: &str, main: &str) -> Ws {
        let ws = Ws {
            dir: tempfile::tempdir().unwrap(),
            outside: tempfile::tempdir().unwrap(),
        };
        ws.write(
            "Cargo.toml",
            "[workspace]\nresolver = \"2\"\nmembers = [\"app\"]\n",
        );
        ws.write(
            "app/Cargo.toml",
            &format!(
                "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n{extra}"
            ),
        );
        ws.write("app/src/main.rs", main);
        std::fs::write(ws.outside.path().join("secret"), format!("{SECRET}\n")).unwrap();
        ws
    }

    /// A workspace whose member depends on a crate named hf-hub (a path
    /// dependency standing in for the real one), so it reaches the Hub.
    fn with_hub(main: &str) -> Ws {
        let ws = Ws::new(
            "license = \"MIT\"\n[dependencies]\nhf-hub = { path = \"../hf-hub\" }\n",
            main,
        );
        ws.write(
            "hf-hub/Cargo.toml",
            "[package]\nname = \"hf-hub\"\nversion = \"0.4.0\"\nedition = \"2021\"\nlicense = \"Apache-2.0\"\n",
        );
        ws.write("hf-hub/src/lib.rs", "");
        let root = std::fs::read_to_string(ws.path().join("Cargo.toml")).unwrap();
        ws.write(
            "Cargo.toml",
            &root.replace("[\"app\"]", "[\"app\", \"hf-hub\"]"),
        );
        ws
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn secret(&self) -> PathBuf {
        self.outside.path().join("secret")
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    #[cfg(unix)]
    fn link(&self, rel: &str, to: &Path) {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        let _ = std::fs::remove_file(&p);
        std::os::unix::fs::symlink(to, p).unwrap();
    }

    #[cfg(unix)]
    fn fifo(&self, rel: &str) {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    }

    fn run(&self, args: &[&str]) -> Run {
        run(self.path(), args, &[])
    }
}

fn assert_no_secret(what: &str, r: &Run) {
    for (stream, text) in [("stdout", &r.stdout), ("stderr", &r.stderr)] {
        assert!(
            !text.contains(SECRET) && !text.contains("the-pull-request-must-never-see"),
            "{what}: the secret is on {stream}:\n{text}"
        );
    }
}

fn json(r: &Run) -> serde_json::Value {
    serde_json::from_str(&r.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", r.stdout, r.stderr))
}

/// Each finding's code and message.
fn codes(r: &Run) -> Vec<(String, String)> {
    json(r)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[cfg(unix)]
use common::script;

/// The user's rustc, through a script that logs its arguments and
/// environment before running the real one: what reaches rustc is what the
/// test reads back.
#[cfg(unix)]
fn logging_rustc(dir: &Path) -> (PathBuf, PathBuf) {
    let log = dir.join("rustc.log");
    let rustc = dir.join("rustc");
    let real = String::from_utf8(
        std::process::Command::new("rustup")
            .args(["which", "rustc"])
            .current_dir("/")
            .output()
            .map(|o| o.stdout)
            .unwrap_or_default(),
    )
    .unwrap();
    let real = match real.trim() {
        "" => "rustc".to_owned(),
        r => r.to_owned(),
    };
    script(
        &rustc,
        &format!(
            "echo \"ARGS: $*\" >> '{l}'\nenv >> '{l}'\nexec '{real}' \"$@\"\n",
            l = log.display()
        ),
    );
    (rustc, log)
}

// ---- Programs: cargo runs with the user's configuration ----

#[cfg(unix)]
#[test]
fn the_projects_cargo_config_reaches_neither_rustc_nor_cargo() {
    let ws = Ws::new("license = \"MIT\"\n", "fn main() {}\n");
    let tools = tempfile::tempdir().unwrap();
    let (rustc, log) = logging_rustc(tools.path());
    let marker = ws.path().join("MARKER");
    let evil = ws.path().join("tools/evil");
    script(&evil, &format!("touch '{}'\n", marker.display()));
    let e = evil.display();
    // Every kind of key that could run a program, change rustc's flags or
    // environment, or move a credential.
    ws.write(
        ".cargo/config.toml",
        &format!(
            "[env]\nRUSTC_BOOTSTRAP = \"1\"\nEVIL_ENV = \"planted\"\n\
             [build]\nrustflags = [\"-Zcodegen-backend={e}\", \"--cfg\", \"evil_flag\"]\n\
             rustc = \"{e}\"\nrustc-wrapper = \"{e}\"\nrustc-workspace-wrapper = \"{e}\"\n\
             rustdocflags = [\"--cfg\", \"evil_doc\"]\ntarget-dir = \"evil-target\"\n\
             [target.'cfg(all())']\nrustflags = [\"--cfg\", \"evil_target_flag\"]\nrunner = \"{e}\"\nlinker = \"{e}\"\n\
             [alias]\nmetadata = \"run\"\n\
             [registry]\nglobal-credential-providers = [\"{e}\"]\n"
        ),
    );
    // A config one directory up, as cargo would also read.
    ws.write(
        "app/.cargo/config",
        "[build]\nrustflags = [\"--cfg\", \"evil_nested\"]\n",
    );
    let rustc_s = rustc.display().to_string();
    for args in [
        vec!["list", "--offline"],
        vec!["check", "--offline"],
        vec!["list", "--offline", "--target", "x86_64-unknown-linux-gnu"],
    ] {
        let r = run(
            ws.path(),
            &args,
            &[
                ("RUSTC", rustc_s.as_str()),
                ("HF_TOKEN", "hf_TokenForRustcNever000000000000"),
                ("GITHUB_TOKEN", "ghp_NeverForCargo"),
            ],
        );
        assert!(
            r.code == 0 || r.code == 1,
            "{args:?}: {}{}",
            r.stdout,
            r.stderr
        );
        assert!(!marker.exists(), "{args:?}: the project's program ran");
    }
    let log = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(log.contains("ARGS:"), "rustc was never asked: {log}");
    for planted in [
        "evil",
        "planted",
        "RUSTC_BOOTSTRAP",
        "hf_TokenForRustcNever",
        "ghp_NeverForCargo",
        "codegen-backend",
    ] {
        assert!(!log.contains(planted), "`{planted}` reached rustc:\n{log}");
    }
    assert!(!ws.path().join("evil-target").exists());
}

#[cfg(unix)]
#[test]
fn a_project_cannot_redefine_the_users_registry() {
    use std::io::{Read, Write};
    // Two registries that record what they are asked: the user's own, and
    // the one the project's config claims the user's name for.
    fn server() -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = seen.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().take(50).flatten() {
                let mut stream = stream;
                stream
                    .set_read_timeout(Some(Duration::from_secs(5)))
                    .unwrap();
                let mut buf = [0u8; 8192];
                let n = stream.read(&mut buf).unwrap_or(0);
                log.lock()
                    .unwrap()
                    .push(String::from_utf8_lossy(&buf[..n]).into_owned());
                let _ = stream.write_all(
                    b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                );
            }
        });
        (format!("http://{addr}"), seen)
    }
    let (users, users_seen) = server();
    let (attackers, attackers_seen) = server();
    let home = tempfile::tempdir().unwrap();
    std::fs::write(
        home.path().join("config.toml"),
        format!("[registries.corp]\nindex = \"sparse+{users}/\"\n"),
    )
    .unwrap();
    let ws = Ws::new(
        "license = \"MIT\"\n[dependencies]\nprivate = { version = \"1\", registry = \"corp\" }\n",
        "fn main() {}\n",
    );
    ws.write(
        ".cargo/config.toml",
        &format!(
            "[registries.corp]\nindex = \"sparse+{attackers}/\"\ntoken = \"planted\"\n\
             [registry]\ndefault = \"corp\"\n"
        ),
    );
    let home_s = home.path().display().to_string();
    let r = run(
        ws.path(),
        &["list"],
        &[
            ("CARGO_HOME", home_s.as_str()),
            ("CARGO_NET_OFFLINE", "false"),
            ("CARGO_REGISTRIES_CORP_TOKEN", "users-registry-token"),
        ],
    );
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(
        attackers_seen.lock().unwrap().is_empty(),
        "the project's registry was asked: {:?}",
        attackers_seen.lock().unwrap()
    );
    let asked = users_seen.lock().unwrap().join("\n");
    assert!(!asked.is_empty(), "the user's registry was never asked");
    assert!(!asked.contains("planted"), "{asked}");
}

#[test]
fn graph_keys_of_the_projects_cargo_config_still_shape_the_graph() {
    // A vendored dependency: `[source]` replacement in the project's config
    // is passed on as data, with its directory made absolute.
    let ws = Ws::new(
        "license = \"MIT\"\n[dependencies]\nvend = \"1\"\n",
        "fn main() {}\n",
    );
    ws.write(
        "vendor/vend/Cargo.toml",
        "[package]\nname = \"vend\"\nversion = \"1.0.0\"\nedition = \"2021\"\nlicense = \"BSD-3-Clause\"\n",
    );
    ws.write("vendor/vend/src/lib.rs", "");
    ws.write(
        "vendor/vend/.cargo-checksum.json",
        &format!("{{\"files\":{{}},\"package\":\"{}\"}}", "0".repeat(64)),
    );
    let without = ws.run(&["list", "--offline"]);
    assert_eq!(without.code, 2, "{}", without.stderr);
    ws.write(
        ".cargo/config.toml",
        "[source.crates-io]\nreplace-with = \"vendored\"\n[source.vendored]\ndirectory = \"vendor\"\n\
         [build]\nrustflags = [\"--cfg\", \"dropped\"]\n",
    );
    let with = ws.run(&["list", "--offline", "--format", "json"]);
    assert_eq!(with.code, 0, "{}", with.stderr);
    assert!(
        with.stdout.contains("\"vend\"") && with.stdout.contains("BSD-3-Clause"),
        "{}",
        with.stdout
    );
    // `[patch]` passes too: a patch whose source cannot be loaded is
    // cargo's error, so cargo saw it.
    ws.write(
        ".cargo/config.toml",
        "[source.crates-io]\nreplace-with = \"vendored\"\n[source.vendored]\ndirectory = \"vendor\"\n\
         [patch.crates-io]\nvend = { path = \"missing\" }\n",
    );
    let patched = ws.run(&["list", "--offline"]);
    assert_eq!(patched.code, 2, "{}", patched.stderr);
    assert!(patched.stderr.contains("missing"), "{}", patched.stderr);
}

// ---- Reads have one door ----

#[cfg(unix)]
#[test]
fn every_kind_of_read_refuses_links_out_fifos_and_proc_files() {
    // The same planted targets behind each kind of read the tool makes: a
    // member's `license-file`, another member's LICENSE-MIT and NOTICE found
    // by name, the lock, and (alone, since a refused config stops the run)
    // the config.
    let together = [
        "app/LICENSE-X",
        "lib/LICENSE-MIT",
        "lib/NOTICE",
        "model-audit.lock",
    ];
    for target in [
        "secret",
        "/proc/self/environ",
        "/proc/self/pagemap",
        "/dev/zero",
        "fifo",
    ] {
        for planted in [&together[..], &["model-audit.toml"][..]] {
            let ws = Ws::new("license-file = \"LICENSE-X\"\n", "fn main() {}\n");
            ws.write(
                "Cargo.toml",
                "[workspace]\nresolver = \"2\"\nmembers = [\"app\", \"lib\"]\n",
            );
            ws.write(
                "lib/Cargo.toml",
                "[package]\nname = \"lib\"\nversion = \"0.1.0\"\nedition = \"2021\"\nlicense = \"MIT\"\n",
            );
            ws.write("lib/src/lib.rs", "");
            for rel in planted {
                match target {
                    "secret" => ws.link(rel, &ws.secret()),
                    "fifo" => ws.fifo(rel),
                    other => ws.link(rel, Path::new(other)),
                }
            }
            let env_secret = [("PLANTED_FOR_ENVIRON", SECRET)];
            for args in [
                vec!["check", "--offline", "--format", "json"],
                vec!["notices", "--offline"],
            ] {
                let r = run(ws.path(), &args, &env_secret);
                let what = format!("{planted:?} -> {target}, {args:?}");
                assert_no_secret(&what, &r);
                assert!(r.code <= 2, "{what}: exit {}: {}", r.code, r.stderr);
                if planted.len() == 1 {
                    assert_eq!(r.code, 2, "{what}: a refused config stops the run");
                    assert!(
                        r.stderr.contains("model-audit.toml"),
                        "{what}: {}",
                        r.stderr
                    );
                }
            }
        }
    }
}

#[test]
fn a_license_file_that_climbs_out_of_the_workspace_is_refused() {
    let ws = Ws::new("", "fn main() {}\n");
    // The Hugging Face token file, beside the Hub cache (a root of reads)
    // but not in it.
    let hf_home = ws.outside.path().join("hf-home");
    std::fs::create_dir_all(hf_home.join("hub")).unwrap();
    std::fs::write(hf_home.join("token"), format!("{SECRET}\n")).unwrap();
    let hf_home_s = hf_home.display().to_string();
    // The checkout's own git config, where a CI checkout keeps its token.
    std::fs::create_dir_all(ws.path().join(".git")).unwrap();
    std::fs::write(
        ws.path().join(".git/config"),
        format!("[http]\n\textraheader = AUTHORIZATION: basic {SECRET}\n"),
    )
    .unwrap();
    for target in [
        ws.secret(),
        hf_home.join("token"),
        hf_home.join("hub/../token"),
        ws.path().join(".git/config"),
    ] {
        // `license-file` names it by a relative path out of the tree.
        let rel = pathdiff(&target, &ws.path().join("app"));
        ws.write(
            "app/Cargo.toml",
            &format!(
                "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\nlicense-file = \"{rel}\"\n"
            ),
        );
        let env = [("HF_HOME", hf_home_s.as_str())];
        let notices = run(ws.path(), &["notices", "--offline"], &env);
        assert_no_secret("license-file out of the tree", &notices);
        let check = run(ws.path(), &["check", "--offline", "--format", "json"], &env);
        assert_no_secret("license-file out of the tree", &check);
        assert!(check.stdout.contains("cannot be read"), "{}", check.stdout);
    }
}

/// `to` relative to `from`, through `..`.
fn pathdiff(to: &Path, from: &Path) -> String {
    let ups = from.components().count();
    let mut s = "../".repeat(ups);
    s.push_str(to.strip_prefix("/").unwrap().to_str().unwrap());
    s
}

// ---- Writes have one door ----

#[cfg(unix)]
#[test]
fn no_write_follows_a_committed_link() {
    let ws = Ws::new(
        "license = \"MIT\"\n",
        "fn main() { let _ = hf_hub::api::sync::Api::new().unwrap().model(\"acme/tiny\".to_string()); }\n",
    );
    let victim = ws.outside.path().join("bashrc");
    std::fs::write(&victim, "keep me\n").unwrap();
    for (rel, args) in [
        (
            "model-audit.sarif",
            vec![
                "check",
                "--offline",
                "--format",
                "sarif",
                "--output",
                "model-audit.sarif",
            ],
        ),
        (
            "NOTICES.md",
            vec!["notices", "--offline", "--output", "NOTICES.md"],
        ),
        ("model-audit.lock", vec!["check", "--offline"]),
        ("model-audit.toml", vec!["init", "--force"]),
    ] {
        ws.link(rel, &victim);
        let r = run(ws.path(), &args, &[]);
        assert_eq!(
            std::fs::read_to_string(&victim).unwrap(),
            "keep me\n",
            "{rel}: a write followed the link: {}",
            r.stderr
        );
        assert!(
            std::fs::symlink_metadata(ws.path().join(rel))
                .unwrap()
                .file_type()
                .is_symlink(),
            "{rel}"
        );
        std::fs::remove_file(ws.path().join(rel)).unwrap();
    }
    // A committed directory link does not move a write out of the checkout.
    ws.link("reports", ws.outside.path());
    let r = run(
        ws.path(),
        &[
            "check",
            "--offline",
            "--format",
            "sarif",
            "--output",
            "reports/bashrc",
        ],
        &[],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("reports"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me\n");
    // A FIFO as `--output` is refused, not waited on.
    ws.fifo("out.json");
    let r = run(
        ws.path(),
        &[
            "list",
            "--offline",
            "--format",
            "json",
            "--output",
            "out.json",
        ],
        &[],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("out.json"), "{}", r.stderr);
}

// ---- Caches are the tool's ----

#[test]
fn committed_cache_files_are_never_read() {
    let main = "fn main() { let _ = hf_hub::api::sync::Api::new().unwrap().model(\"meta-llama/Llama-2-7b-hf\".to_string()); }\n";
    let ws = Ws::with_hub(main);
    // Every cache file name the tool ever used, planted where the old
    // caches lived, claiming there is nothing to see.
    for dir in [
        "target/model-audit",
        "target/debug/model-audit",
        ".model-audit",
    ] {
        for name in [
            "dependency-tables.json",
            "dependency-sinks.json",
            "dependency-uses.json",
            "crate-scan-cache.json",
            "license-texts.json",
            "hash-cache.json",
        ] {
            ws.write(&format!("{dir}/{name}"), "{\"version\":6,\"entries\":{}}");
        }
    }
    let r = ws.run(&["list", "--offline", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("meta-llama/Llama-2-7b-hf"),
        "{}",
        r.stdout
    );
    // And nothing is written into the checkout.
    let r = ws.run(&["check", "--offline"]);
    assert!(r.code <= 3, "{}", r.stderr);
    assert!(!ws.path().join("target").join("model-audit-cache").exists());
}

#[cfg(unix)]
#[test]
fn a_cache_entry_holds_only_for_the_bytes_it_summarises() {
    // A license text replaced by other bytes of the same size, with the
    // same modification time: the detection is made again.
    let ws = Ws::new("license-file = \"LICENSE\"\n", "fn main() {}\n");
    let mit = "Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the \"Software\"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:\n\nThe above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.\n\nTHE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.\n";
    ws.write("app/LICENSE", mit);
    let license = ws.path().join("app/LICENSE");
    let first = ws.run(&["list", "--offline", "--format", "json"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(first.stdout.contains("\"MIT\""), "{}", first.stdout);
    let mtime = std::fs::metadata(&license).unwrap().modified().unwrap();
    std::fs::write(&license, "x".repeat(mit.len())).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&license)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    let second = ws.run(&["list", "--offline", "--format", "json"]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert!(
        !second.stdout.contains("\"MIT\""),
        "a cached detection outlived its text: {}",
        second.stdout
    );
    // A cache file that does not parse is made again, without a word.
    let cache = common::model_audit_cache(ws.path());
    for entry in std::fs::read_dir(&cache).unwrap().flatten() {
        for file in std::fs::read_dir(entry.path()).unwrap().flatten() {
            std::fs::write(file.path(), "{not json").unwrap();
        }
    }
    let third = ws.run(&["list", "--offline", "--format", "json"]);
    assert_eq!(third.code, 0, "{}", third.stderr);
    assert_eq!(third.stdout, second.stdout);
}

// ---- What is not read fails closed ----

fn hub_call(id: &str) -> String {
    format!("    let _ = hf_hub::api::sync::Api::new().unwrap().model(\"{id}\".to_string());\n")
}

#[test]
fn path_attributes_and_include_inside_the_package_are_followed() {
    let ws = Ws::with_hub(
        "#[path = \"../gen/models.rs\"]\nmod models;\ninclude!(\"more.inc.rs\");\nfn main() { models::load(); more(); }\n",
    );
    ws.write(
        "app/gen/models.rs",
        &format!("pub fn load() {{\n{}}}\n", hub_call("acme/by-path")),
    );
    ws.write(
        "app/src/more.inc.rs",
        &format!("fn more() {{\n{}}}\n", hub_call("acme/by-include")),
    );
    let r = ws.run(&["list", "--offline", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for id in ["acme/by-path", "acme/by-include"] {
        assert!(r.stdout.contains(id), "{id} not found: {}", r.stdout);
    }
}

#[cfg(unix)]
#[test]
fn a_file_discovery_cannot_read_is_a_warning_in_a_package_that_reaches_the_hub() {
    let big = format!(
        "fn big() {{\n{}{}}}\n",
        hub_call("acme/hidden-in-a-big-file"),
        "    let _pad = 0;\n".repeat(300_000)
    );
    let deep = format!(
        "fn deep() {{ let _ = {}1{}; {} }}\n",
        "(".repeat(5000),
        ")".repeat(5000),
        hub_call("acme/hidden-deep")
    );
    let ws = Ws::with_hub("mod big;\nmod deep;\nmod linked;\nfn main() {}\n");
    ws.write("app/src/big.rs", &big);
    ws.write("app/src/deep.rs", &deep);
    std::fs::write(
        ws.outside.path().join("linked.rs"),
        format!("fn l() {{\n{}}}\n", hub_call("acme/hidden-behind-a-link")),
    )
    .unwrap();
    ws.link("app/src/linked.rs", &ws.outside.path().join("linked.rs"));
    let r = ws.run(&["check", "--offline", "--format", "json"]);
    let found: Vec<(String, String)> = codes(&r)
        .into_iter()
        .filter(|(c, _)| c == "file-not-scanned")
        .collect();
    for file in ["big.rs", "deep.rs", "linked.rs"] {
        assert!(
            found.iter().any(|(_, m)| m.contains(file)),
            "{file}: {found:?}\n{}",
            r.stdout
        );
    }
    let v = json(&r);
    let unaudited = v["unaudited_references"].as_array().unwrap();
    assert!(unaudited.len() >= 3, "{unaudited:?}");
    // `-D` makes the warning fail the gate.
    let strict = ws.run(&["check", "--offline", "-D", "file-not-scanned"]);
    assert_eq!(strict.code, 1, "{}{}", strict.stdout, strict.stderr);

    // Without a way to the Hub, the same files are listed but not warned.
    let quiet = Ws::new("license = \"MIT\"\n", "mod big;\nfn main() {}\n");
    quiet.write("app/src/big.rs", &big);
    let r = quiet.run(&["check", "--offline", "--format", "json"]);
    assert!(
        !codes(&r).iter().any(|(c, _)| c == "file-not-scanned"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("big.rs"), "{}", r.stdout);
}

#[test]
fn a_cfg_that_holds_without_test_keeps_its_models_in_normal_scope() {
    let ws = Ws::with_hub(&format!(
        "#[cfg(any(test, all()))]\nfn always() {{\n{}}}\n#[cfg(all(test, unix))]\nfn only_test() {{\n{}}}\nfn main() {{ always(); }}\n",
        hub_call("acme/always"),
        hub_call("acme/only-in-tests")
    ));
    let v = json(&ws.run(&["list", "--offline", "--format", "json"]));
    let scope = |id: &str| {
        v["artifacts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == id)
            .map(|a| a["scope"].as_str().unwrap().to_owned())
    };
    assert_eq!(scope("acme/always").as_deref(), Some("normal"), "{v:#}");
    assert_eq!(scope("acme/only-in-tests").as_deref(), Some("dev"), "{v:#}");
}

#[cfg(unix)]
#[test]
fn a_linked_directory_is_not_walked_and_the_skip_is_said() {
    // Out of the roots: a directory of Rust sources naming a model, a
    // config directory, and the system's `/proc`.
    let models = |ws: &Ws| {
        let dir = ws.outside.path().join("models");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("mod.rs"),
            format!(
                "pub fn load() {{\n{}}}\n",
                hub_call("acme/behind-a-linked-dir")
            ),
        )
        .unwrap();
        let configs = ws.outside.path().join("configs");
        std::fs::create_dir_all(&configs).unwrap();
        std::fs::write(
            configs.join("model.json"),
            format!("{{\"model\": \"{SECRET}\"}}\n"),
        )
        .unwrap();
        dir
    };
    let main = "mod linked;\nfn main() { linked::load(); }\n";
    let ws = Ws::with_hub(main);
    let dir = models(&ws);
    ws.link("app/src/linked", &dir);
    ws.link("app/config", &ws.outside.path().join("configs"));
    ws.link("app/src/system", Path::new("/proc/self"));
    let r = ws.run(&["check", "--offline", "--format", "json"]);
    assert_no_secret("linked directories", &r);
    let v = json(&r);
    assert!(
        !r.stdout.contains("acme/behind-a-linked-dir"),
        "a linked directory was walked:\n{}",
        r.stdout
    );
    let found: Vec<(String, String)> = codes(&r)
        .into_iter()
        .filter(|(c, _)| c == "file-not-scanned")
        .collect();
    for (name, what) in [
        ("src/linked", "the Rust sources"),
        ("app/config", "the config directory"),
        ("src/system", "/proc"),
    ] {
        assert!(
            found
                .iter()
                .any(|(_, m)| m.contains(name) && m.contains("symbolic link to a directory")),
            "{what}: {found:?}\n{}",
            r.stdout
        );
    }
    assert!(
        !v["unaudited_references"].as_array().unwrap().is_empty(),
        "{}",
        r.stdout
    );

    // The same sources in a directory of the workspace are walked.
    let plain = Ws::with_hub(main);
    plain.write(
        "app/src/linked/mod.rs",
        &std::fs::read_to_string(models(&plain).join("mod.rs")).unwrap(),
    );
    let r = plain.run(&["list", "--offline", "--format", "json"]);
    assert!(
        r.stdout.contains("acme/behind-a-linked-dir"),
        "{}",
        r.stdout
    );
}

#[cfg(unix)]
#[test]
fn a_dependency_file_discovery_cannot_read_is_said_too() {
    // A path dependency outside the workspace (so not a member) that
    // reaches the Hub, with a linked source file.
    let ws = Ws::with_hub("fn main() {}\n");
    let dep = ws.outside.path().join("embedder");
    std::fs::create_dir_all(dep.join("src")).unwrap();
    std::fs::write(
        dep.join("Cargo.toml"),
        format!(
            "[package]\nname = \"embedder\"\nversion = \"0.2.0\"\nedition = \"2021\"\nlicense = \"MIT\"\n\
             [dependencies]\nhf-hub = {{ path = \"{}\" }}\n",
            ws.path().join("hf-hub").display()
        ),
    )
    .unwrap();
    std::fs::write(dep.join("src/lib.rs"), "mod hidden;\n").unwrap();
    std::fs::write(
        ws.outside.path().join("hidden.rs"),
        format!(
            "fn h() {{\n{}}}\n",
            hub_call("acme/in-a-linked-dependency-file")
        ),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        ws.outside.path().join("hidden.rs"),
        dep.join("src/hidden.rs"),
    )
    .unwrap();
    ws.write(
        "app/Cargo.toml",
        &format!(
            "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\nlicense = \"MIT\"\n\
             [dependencies]\nhf-hub = {{ path = \"../hf-hub\" }}\nembedder = {{ path = \"{}\" }}\n",
            dep.display()
        ),
    );
    let r = ws.run(&["check", "--offline", "--format", "json"]);
    let found: Vec<(String, String)> = codes(&r)
        .into_iter()
        .filter(|(c, _)| c == "file-not-scanned")
        .collect();
    assert!(
        found
            .iter()
            .any(|(_, m)| m.contains("embedder@0.2.0/src/hidden.rs")),
        "{found:?}\n{}",
        r.stdout
    );
}

#[test]
fn a_first_run_reads_back_what_it_cached() {
    // The cache directory does not exist before the first run; what one
    // stage caches, a later stage of the same run reads (the cache is a
    // root of reads from the start).
    let ws = Ws::with_hub(&format!("fn main() {{\n{}}}\n", hub_call("acme/cached")));
    let cache = common::model_audit_cache(ws.path());
    assert!(!cache.exists());
    let first = ws.run(&["list", "--offline", "--format", "json"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(cache.is_dir());
    let second = ws.run(&["list", "--offline", "--format", "json"]);
    assert_eq!(first.stdout, second.stdout);
}
