//! Models declared by the project, resolved through hf-hub against a real
//! HTTP server on 127.0.0.1 that speaks the Hub's protocol.

mod common;
#[path = "support/hub.rs"]
mod hub;

use common::{Run, Workspace, findings, json};
use hub::{Fault, Gated, MockHub, RepoSpec};
use serde_json::{Value, json};
use std::time::Duration;

/// A workspace whose policy declares `models` (TOML lines), plus a cache.
struct Setup {
    ws: Workspace,
    hub: MockHub,
    cache: tempfile::TempDir,
}

impl Setup {
    fn new(models_toml: &str) -> Setup {
        let ws = Workspace::new("clean");
        ws.write(
            "model-audit.toml",
            &format!(
                "extends = \"permissive\"\n[hub]\ntimeout-secs = 5\nretries = 2\n\n{models_toml}"
            ),
        );
        Setup {
            ws,
            hub: MockHub::start(),
            cache: tempfile::tempdir().unwrap(),
        }
    }

    fn env(&self) -> Vec<(String, String)> {
        vec![
            ("HF_ENDPOINT".into(), self.hub.endpoint()),
            (
                "HF_HUB_CACHE".into(),
                self.cache.path().display().to_string(),
            ),
        ]
    }

    fn run_with(&self, args: &[&str], extra: &[(&str, &str)]) -> Run {
        let owned = self.env();
        let mut env: Vec<(&str, &str)> = owned
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        env.extend_from_slice(extra);
        self.ws.run_env(args, &env)
    }

    fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, &[])
    }

    fn report(&self) -> Value {
        json(&self.run(&["list", "--format", "json", "-q"]))
    }

    fn lock(&self) -> String {
        std::fs::read_to_string(self.ws.path().join("model-audit.lock")).unwrap_or_default()
    }
}

fn card(front: &str, body: &str) -> String {
    format!("---\n{front}\n---\n{body}\n")
}

fn model<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == name && a["kind"] != "crate")
        .unwrap_or_else(|| panic!("no artifact {name} in {v:#}"))
}

fn license_of(v: &Value, name: &str) -> String {
    model(v, name)["license"]["expression"]
        .as_str()
        .unwrap()
        .to_owned()
}

const SHA_A: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const SHA_B: &str = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

#[test]
fn a_declared_model_resolves_with_evidence_and_is_locked() {
    let s = Setup::new("[[models]]\nid = \"acme/tiny\"\n");
    s.hub.add_repo(
        RepoSpec::model("acme/tiny")
            .sha(SHA_A)
            .card_data(json!({"license": "apache-2.0"}))
            .file(
                "README.md",
                card("language: en\nlicense: apache-2.0", "# Tiny"),
            ),
    );
    let v = s.report();
    let m = model(&v, "acme/tiny");
    assert_eq!(m["id"], format!("model:acme/tiny@{SHA_A}"));
    assert_eq!(m["version"], SHA_A);
    assert_eq!(m["license"]["expression"], "Apache-2.0");
    let ev = &m["license"]["evidence"][0];
    assert_eq!(ev["source"], "card");
    assert_eq!(ev["file"], "acme/tiny/README.md");
    assert_eq!(ev["line"], 3);
    assert_eq!(ev["quote"], "license: apache-2.0");
    assert_eq!(m["references"][0]["kind"], "declared");
    assert_eq!(m["references"][0]["file"], "model-audit.toml");
    assert_eq!(s.lock(), "", "`list` writes no lock");
    s.run(&["-q"]);
    let lock = s.lock();
    assert!(lock.contains("id = \"acme/tiny\""), "{lock}");
    assert!(lock.contains(&format!("sha = \"{SHA_A}\"")), "{lock}");
    assert!(lock.contains("license = \"Apache-2.0\""), "{lock}");
    assert!(lock.contains("card-sha256 = \""), "{lock}");
    // The card is in the Hugging Face cache layout.
    let snapshot = s
        .cache
        .path()
        .join("models--acme--tiny/snapshots")
        .join(SHA_A)
        .join("README.md");
    assert!(snapshot.exists());
    assert_eq!(
        std::fs::read_to_string(s.cache.path().join("models--acme--tiny/refs/main")).unwrap(),
        SHA_A
    );
    // The hub saw one info request per run (`list`, then `check`) and one
    // card request: the second run read the card from the cache.
    assert_eq!(
        s.hub
            .requests_to("/api/models/acme/tiny/revision/main")
            .len(),
        2
    );
    assert_eq!(
        s.hub.requests_to("/acme/tiny/resolve/main/README.md").len(),
        1
    );
}

/// (repo, cardData, README front matter, extra files, expected expression)
type Case = (
    &'static str,
    Value,
    &'static str,
    Vec<(&'static str, &'static str)>,
    &'static str,
);

#[test]
fn card_shapes_and_license_names() {
    // (repo, cardData, README front matter, extra files, expected expression)
    let cases: Vec<Case> = vec![
        (
            "t/list",
            json!({"license": ["mit"]}),
            "license:\n- mit",
            vec![],
            "MIT",
        ),
        (
            "t/two",
            json!({"license": ["apache-2.0", "bsd-3-clause"]}),
            "license: [apache-2.0, bsd-3-clause]",
            vec![],
            "Apache-2.0 AND BSD-3-Clause",
        ),
        (
            "t/quoted",
            json!({"license": "cc-by-4.0"}),
            "license: \"cc-by-4.0\"  # a comment",
            vec![],
            "CC-BY-4.0",
        ),
        (
            "t/nc",
            json!({"license": "cc-by-nc-4.0"}),
            "license: cc-by-nc-4.0",
            vec![],
            "CC-BY-NC-4.0",
        ),
        (
            "t/llama",
            json!({"license": "llama2"}),
            "license: llama2",
            vec![],
            "LicenseRef-llama2",
        ),
        (
            "t/gemma",
            json!({"license": "other", "license_name": "gemma-terms-of-use"}),
            "license: other\nlicense_name: gemma-terms-of-use",
            vec![],
            "LicenseRef-gemma",
        ),
        (
            "t/ds",
            json!({"license": "other", "license_name": "deepseek"}),
            "license: other\nlicense_name: deepseek",
            vec![],
            "LicenseRef-deepseek",
        ),
        (
            "t/ds2",
            json!({"license": "other", "license_name": "deepseek-license"}),
            "license: other\nlicense_name: deepseek-license",
            vec![],
            "LicenseRef-deepseek",
        ),
        (
            "t/qwen",
            json!({"license": "other", "license_name": "tongyi-qianwen"}),
            "license: other\nlicense_name: tongyi-qianwen",
            vec![],
            "LicenseRef-tongyi-qianwen",
        ),
        (
            "t/falcon",
            json!({"license": "other", "license_name": "falcon-llm-license"}),
            "license: other\nlicense_name: falcon-llm-license",
            vec![],
            "LicenseRef-falcon-llm-license",
        ),
        (
            "t/mrl",
            json!({"license": "other", "license_name": "mrl"}),
            "license: other\nlicense_name: mrl",
            vec![],
            "LicenseRef-mrl",
        ),
        (
            "t/yi",
            json!({"license": "other", "license_name": "yi-license"}),
            "license: other\nlicense_name: yi-license",
            vec![],
            "LicenseRef-yi-license",
        ),
        (
            "t/bsd",
            json!({"license": "bsd"}),
            "license: bsd",
            vec![],
            "LicenseRef-bsd",
        ),
        // No license key, a LICENSE file with the agreement's title.
        (
            "t/nolicense",
            json!({"language": "en"}),
            "language: en",
            vec![(
                "LICENSE",
                "LLAMA 2 COMMUNITY LICENSE AGREEMENT\nLlama 2 Version Release Date: July 18, 2023\n",
            )],
            "LicenseRef-llama2",
        ),
        // `other` whose link is a LICENSE file in the repo.
        (
            "t/linked",
            json!({"license": "other", "license_link": "LICENSE"}),
            "license: other\nlicense_link: LICENSE",
            vec![("LICENSE", "Gemma Terms of Use\n\nLast modified: ...\n")],
            "LicenseRef-gemma",
        ),
        // Nothing at all.
        ("t/none", json!({}), "language: en", vec![], "unknown"),
        (
            "t/unknown",
            json!({"license": "unknown"}),
            "license: unknown",
            vec![],
            "unknown",
        ),
        (
            "t/othername",
            json!({"license": "other", "license_name": "some-custom-thing"}),
            "license: other\nlicense_name: some-custom-thing",
            vec![],
            "unknown",
        ),
    ];
    let decl: String = cases
        .iter()
        .map(|c| format!("[[models]]\nid = \"{}\"\n", c.0))
        .collect();
    let s = Setup::new(&decl);
    for (id, data, front, files, _) in &cases {
        let mut spec = RepoSpec::model(id)
            .card_data(data.clone())
            .file("README.md", card(front, "# card"));
        for (name, text) in files {
            spec = spec.file(name, *text);
        }
        s.hub.add_repo(spec);
    }
    let v = s.report();
    for (id, _, _, _, expected) in &cases {
        assert_eq!(
            license_of(&v, id),
            *expected,
            "{id}: {:#}",
            model(&v, id)["license"]
        );
    }
    let bsd = model(&v, "t/bsd")["license"]["evidence"][0]["note"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(bsd.contains("ambiguous"), "{bsd}");
    // Unknown licenses are findings, never a pass.
    let f = findings(&json(&s.run(&["--format", "json", "-q"])));
    assert!(
        f.iter().any(|(c, sev, a)| c == "license-unknown"
            && sev == "error"
            && a.starts_with("model:t/none@")),
        "{f:?}"
    );
    // The LICENSE file was fetched only where the card gave no usable license.
    assert_eq!(s.hub.requests_to("/t/list/resolve").len(), 1);
    assert_eq!(s.hub.requests_to("/t/nolicense/resolve/").len(), 2);
}

#[test]
fn a_card_without_card_data_is_read_from_readme() {
    let s = Setup::new("[[models]]\nid = \"t/plain\"\n");
    s.hub.add_repo(RepoSpec::model("t/plain").file(
        "README.md",
        "\u{feff}---\r\nlicense: mit\r\n---\r\n# Raw\r\n",
    ));
    let v = s.report();
    assert_eq!(
        license_of(&v, "t/plain"),
        "MIT",
        "{:#}",
        model(&v, "t/plain")["license"]
    );
}

#[test]
fn gated_repo_resolves_from_the_info_and_says_the_card_is_unreadable() {
    let s = Setup::new("[[models]]\nid = \"meta-llama/Llama-2-7b-hf\"\n");
    s.hub.add_repo(
        RepoSpec::model("meta-llama/Llama-2-7b-hf")
            .card_data(json!({"license": "llama2"}))
            .tag("license:llama2")
            .gated(Gated::Manual)
            .file("README.md", card("license: llama2", "# Llama 2")),
    );
    let run = s.run(&["--format", "json", "-q"]);
    let v = json(&run);
    let m = model(&v, "meta-llama/Llama-2-7b-hf");
    assert_eq!(m["license"]["expression"], "LicenseRef-llama2");
    let notes: Vec<&str> = m["license"]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["note"].as_str().unwrap())
        .collect();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("card body not readable: gated") && n.contains("HF_TOKEN")),
        "{notes:?}"
    );
    let f = findings(&v);
    assert!(!f.iter().any(|(c, _, _)| c == "model-unresolved"), "{f:?}");
    // Llama 2 is not on the permissive allow list and its user cap is denied.
    assert!(
        f.iter()
            .any(|(c, _, a)| c == "license-not-allowed" && a.contains("Llama-2")),
        "{f:?}"
    );
    assert!(
        f.iter()
            .any(|(c, _, a)| c == "restriction-denied" && a.contains("Llama-2")),
        "{f:?}"
    );
    assert_eq!(run.code, 1);
}

#[test]
fn the_token_is_sent_to_the_hub_and_never_printed() {
    let token = "hf_CanaryTokenThatMustNeverAppear1234";
    let s = Setup::new("[[models]]\nid = \"meta-llama/Llama-2-7b-hf\"\n");
    s.hub.approve_token(token);
    s.hub.add_repo(
        RepoSpec::model("meta-llama/Llama-2-7b-hf")
            .card_data(json!({"license": "llama2"}))
            .gated(Gated::Manual)
            .file("README.md", card("license: llama2", "# Llama 2")),
    );
    let mut outputs = String::new();
    let summary = s.ws.path().join("summary.md");
    let summary_env = summary.display().to_string();
    for args in [
        &["--format", "json"][..],
        &["--format", "sarif"][..],
        &["--format", "cyclonedx"][..],
        &["--format", "markdown"][..],
        &["--format", "github"][..],
        &["-v"][..],
        &["list"][..],
        &["list", "--format", "json"][..],
        &["explain", "meta-llama/Llama-2-7b-hf"][..],
        &["--format", "json", "--output", "report.json"][..],
    ] {
        let run = s.run_with(
            args,
            &[
                ("HF_TOKEN", token),
                ("GITHUB_STEP_SUMMARY", summary_env.as_str()),
            ],
        );
        outputs.push_str(&run.stdout);
        outputs.push_str(&run.stderr);
    }
    outputs.push_str(&std::fs::read_to_string(&summary).unwrap_or_default());
    outputs.push_str(&std::fs::read_to_string(s.ws.path().join("report.json")).unwrap_or_default());
    // A failing run (the hub refuses everything) must not leak it either.
    for _ in 0..4 {
        s.hub.push_fault("/api/models/", Fault::Status(500));
    }
    let _ = std::fs::remove_dir_all(s.cache.path().join("models--meta-llama--Llama-2-7b-hf"));
    let failed = s.run_with(
        &["--format", "json", "--config", "model-audit.toml"],
        &[("HF_TOKEN", token)],
    );
    outputs.push_str(&failed.stdout);
    outputs.push_str(&failed.stderr);
    // Every file the tool wrote: the cache and the lock.
    fn walk(dir: &std::path::Path, out: &mut String) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if let Ok(t) = std::fs::read(&p) {
                out.push_str(&String::from_utf8_lossy(&t));
            }
        }
    }
    walk(s.cache.path(), &mut outputs);
    outputs.push_str(&s.lock());
    assert!(!outputs.contains(token), "the token leaked");
    assert!(!outputs.contains("CanaryToken"), "part of the token leaked");
    let readme = s
        .hub
        .requests_to("/meta-llama/Llama-2-7b-hf/resolve/main/README.md");
    assert_eq!(
        readme[0].header("authorization"),
        Some(format!("Bearer {token}").as_str())
    );
    // With the token the card body is readable: no gated note.
    let v = json(&s.run_with(&["list", "--format", "json"], &[("HF_TOKEN", token)]));
    let notes = model(&v, "meta-llama/Llama-2-7b-hf")["license"]["evidence"].to_string();
    assert!(!notes.contains("gated"), "{notes}");
}

#[test]
fn the_token_does_not_follow_a_redirect_to_another_host() {
    let token = "hf_AnotherCanary5678";
    let s = Setup::new("[[models]]\nid = \"t/redirected\"\n");
    let cdn = MockHub::start();
    cdn.add_repo(
        RepoSpec::model("t/redirected")
            .sha(SHA_A)
            .file("README.md", card("license: mit", "# cdn")),
    );
    s.hub.add_repo(
        RepoSpec::model("t/redirected")
            .sha(SHA_A)
            .card_data(json!({"license": "mit"}))
            .file("README.md", "x"),
    );
    s.hub.push_fault(
        "/t/redirected/resolve/main/README.md",
        Fault::RedirectTo(format!(
            "{}/t/redirected/resolve/main/README.md",
            cdn.endpoint_localhost()
        )),
    );
    let v = json(&s.run_with(&["list", "--format", "json"], &[("HF_TOKEN", token)]));
    assert_eq!(license_of(&v, "t/redirected"), "MIT");
    let at_cdn = cdn.requests();
    assert!(!at_cdn.is_empty(), "the redirect was followed");
    assert!(
        at_cdn.iter().all(|r| r.header("authorization").is_none()),
        "token forwarded to another host"
    );
}

#[test]
fn lineage_is_followed_once_per_model_even_with_a_cycle() {
    let s = Setup::new("[[models]]\nid = \"t/child\"\n");
    s.hub.add_repo(
        RepoSpec::model("t/child")
            .card_data(json!({"license": "apache-2.0", "base_model": "t/parent"}))
            .file(
                "README.md",
                card("license: apache-2.0\nbase_model: t/parent", ""),
            ),
    );
    s.hub.add_repo(
        RepoSpec::model("t/parent")
            .card_data(json!({"license": "llama2", "base_model": ["t/grandparent"]}))
            .tag("base_model:finetune:t/child")
            .file(
                "README.md",
                card("license: llama2\nbase_model:\n- t/grandparent", ""),
            ),
    );
    s.hub.add_repo(
        RepoSpec::model("t/grandparent")
            .card_data(json!({"license": "mit"}))
            .tag("base_model:quantized:t/child")
            .file("README.md", card("license: mit", "")),
    );
    let v = s.report();
    assert_eq!(license_of(&v, "t/parent"), "LicenseRef-llama2");
    assert_eq!(license_of(&v, "t/grandparent"), "MIT");
    let gp = model(&v, "t/grandparent");
    assert_eq!(gp["path"], json!(["t/child", "t/parent", "t/grandparent"]));
    assert_eq!(gp["references"][0]["kind"], "base-model");
    assert_eq!(gp["references"][0]["file"], "t/parent/README.md");
    // Each model was asked for once.
    for id in ["t/child", "t/parent", "t/grandparent"] {
        assert_eq!(
            s.hub.requests_to(&format!("/api/models/{id}/")).len(),
            1,
            "{id}"
        );
    }
    assert_eq!(
        v["artifacts"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["kind"] == "model")
            .count(),
        3
    );
}

#[test]
fn offline_runs_answer_from_the_cache_or_say_what_is_missing() {
    let s = Setup::new("[[models]]\nid = \"t/cached\"\n");
    s.hub.add_repo(
        RepoSpec::model("t/cached")
            .sha(SHA_A)
            .card_data(json!({"license": "mit"}))
            .file("README.md", card("license: mit", "")),
    );
    assert_eq!(license_of(&s.report(), "t/cached"), "MIT");
    s.run(&["-q"]);
    std::fs::remove_file(s.ws.path().join("model-audit.lock")).unwrap();
    s.hub.reset_counts();
    for extra in [&[][..], &[("HF_HUB_OFFLINE", "1")][..]] {
        let args: &[&str] = if extra.is_empty() {
            &["list", "--format", "json", "--offline"]
        } else {
            &["list", "--format", "json"]
        };
        let v = json(&s.run_with(args, extra));
        assert_eq!(license_of(&v, "t/cached"), "MIT");
    }
    assert_eq!(s.hub.request_count(), 0, "offline made requests");

    // A model the cache does not have: unresolved, exit 3, names the model.
    s.ws.write(
        "model-audit.toml",
        "extends = \"permissive\"\n[[models]]\nid = \"t/missing\"\n",
    );
    let run = s.run(&["--offline"]);
    assert_eq!(run.code, 3, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("model-unresolved") && run.stdout.contains("t/missing"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("offline"), "{}", run.stdout);
    s.ws.write(
        "model-audit.toml",
        "extends = \"permissive\"\n[hub]\nunresolved = \"warn\"\n[[models]]\nid = \"t/missing\"\n",
    );
    assert_eq!(s.run(&["--offline"]).code, 0);
}

#[test]
fn a_warm_pinned_run_makes_no_request() {
    let s = Setup::new(&format!(
        "[[models]]\nid = \"t/pinned\"\nrevision = \"{SHA_A}\"\n"
    ));
    s.hub.add_repo(
        RepoSpec::model("t/pinned")
            .sha(SHA_A)
            .card_data(json!({"license": "mit"}))
            .file("README.md", card("license: mit", "")),
    );
    let v = s.report();
    assert_eq!(license_of(&v, "t/pinned"), "MIT");
    assert!(s.hub.request_count() > 0);
    s.hub.reset_counts();
    let v = s.report();
    assert_eq!(license_of(&v, "t/pinned"), "MIT");
    assert_eq!(
        s.hub.request_count(),
        0,
        "{:?}",
        s.hub
            .requests()
            .iter()
            .map(|r| r.target.clone())
            .collect::<Vec<_>>()
    );
    // Pinned models carry no unpinned note; branch revisions do.
    let f = findings(&json(&s.run(&["--format", "json"])));
    assert!(!f.iter().any(|(c, _, _)| c == "unpinned-model"), "{f:?}");
}

#[test]
fn locked_refuses_to_change_the_lock_and_a_changed_license_is_a_finding() {
    let s = Setup::new("[[models]]\nid = \"t/moving\"\n");
    s.hub.add_repo(
        RepoSpec::model("t/moving")
            .sha(SHA_A)
            .card_data(json!({"license": "mit"}))
            .file("README.md", card("license: mit", "")),
    );
    // No lock yet: --locked cannot create one. (Cargo.lock must exist for cargo's own --locked.)
    let status = std::process::Command::new(env!("CARGO"))
        .args(["generate-lockfile", "--offline"])
        .current_dir(s.ws.path())
        .status()
        .unwrap();
    assert!(status.success());
    let run = s.run(&["--locked"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("model-audit.lock") && run.stderr.contains("t/moving"),
        "{}",
        run.stderr
    );
    assert!(
        !s.ws.path().join("model-audit.lock").exists(),
        "no lock written under --locked"
    );
    assert_eq!(s.run(&["-q"]).code, 0);
    let before = s.lock();
    assert_eq!(
        s.run(&["--locked", "-q"]).code,
        0,
        "an unchanged lock passes --locked"
    );

    // Upstream moves main to a new commit under another license.
    s.hub.add_repo(
        RepoSpec::model("t/moving")
            .sha(SHA_B)
            .card_data(json!({"license": "cc-by-nc-4.0"}))
            .file("README.md", card("license: cc-by-nc-4.0", "")),
    );
    // Under --locked the change is a finding in the report, not a refusal.
    let run = s.run(&["--locked", "--format", "json"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains(SHA_B), "{}", run.stdout);
    assert_eq!(s.lock(), before, "the lock is untouched");
    let v = json(&s.run(&["--format", "json"]));
    let f = findings(&v);
    assert!(
        f.iter()
            .any(|(c, sev, a)| c == "license-changed" && sev == "error" && a.contains(SHA_B)),
        "{f:?}"
    );
    let changed = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "license-changed")
        .unwrap()
        .clone();
    assert!(
        changed["reasons"][0].as_str().unwrap().contains("`MIT`"),
        "{changed}"
    );
    assert!(
        f.iter()
            .any(|(c, sev, _)| c == "unpinned-model" && sev == "note"),
        "{f:?}"
    );
    // `check` records, it never rewrites: the change is reported again on
    // every run until `update` records it.
    assert_eq!(s.lock(), before, "check rewrote a recorded entry");
    assert_eq!(s.run(&["-q"]).code, 1);
    let run = s.run(&["update", "t/moving"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("t/moving")
            && run.stdout.contains("MIT")
            && run.stdout.contains("CC-BY-NC-4.0"),
        "{}",
        run.stdout
    );
    assert!(s.lock().contains("CC-BY-NC-4.0"));
    let f = findings(&json(&s.run(&["--format", "json"])));
    assert!(!f.iter().any(|(c, _, _)| c == "license-changed"), "{f:?}");
}

#[test]
fn retries_honour_retry_after_and_5xx() {
    let s = Setup::new("[[models]]\nid = \"t/flaky\"\n");
    s.hub.add_repo(
        RepoSpec::model("t/flaky")
            .card_data(json!({"license": "mit"}))
            .file("README.md", card("license: mit", "")),
    );
    s.hub.push_fault(
        "/api/models/t/flaky",
        Fault::TooManyRequests {
            retry_after_secs: 1,
        },
    );
    s.hub.push_fault("/api/models/t/flaky", Fault::Status(503));
    let started = std::time::Instant::now();
    let v = s.report();
    assert_eq!(license_of(&v, "t/flaky"), "MIT");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After was not honoured"
    );
    assert_eq!(s.hub.requests_to("/api/models/t/flaky").len(), 3);
}

#[test]
fn a_missing_model_is_unresolved_with_exit_3() {
    let s = Setup::new("[[models]]\nid = \"t/nope\"\n");
    let run = s.run(&[]);
    assert_eq!(run.code, 3, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("t/nope was not found on the Hub"),
        "{}",
        run.stdout
    );
    s.hub.add_repo(
        RepoSpec::model("t/nope")
            .card_data(json!({"license": "mit"}))
            .file("README.md", card("license: mit", "")),
    );
    s.ws.write(
        "model-audit.toml",
        "extends = \"permissive\"\n[[models]]\nid = \"t/nope\"\nrevision = \"v9\"\n",
    );
    let run = s.run(&[]);
    assert_eq!(run.code, 3);
    assert!(run.stdout.contains("revision `v9`"), "{}", run.stdout);
}

#[test]
fn package_metadata_declares_models_referenced_from_the_package() {
    let s = Setup::new("");
    let manifest = std::fs::read_to_string(s.ws.path().join("Cargo.toml")).unwrap().replace(
        "[workspace]",
        "[package.metadata.model-audit]\nmodels = [\"t/a\", { id = \"t/data\", kind = \"dataset\" }, { id = \"t/b\", license = \"mit\", reason = \"relicensed to us in writing\" }]\n\n[workspace]",
    );
    s.ws.write("Cargo.toml", &manifest);
    s.hub.add_repo(
        RepoSpec::model("t/a")
            .card_data(json!({"license": "mit"}))
            .file("README.md", card("license: mit", "")),
    );
    s.hub.add_repo(
        RepoSpec::dataset("t/data")
            .card_data(json!({"license": "cc-by-4.0"}))
            .file("README.md", card("license: cc-by-4.0", "")),
    );
    s.hub.add_repo(
        RepoSpec::model("t/b")
            .card_data(json!({"license": "llama2"}))
            .file("README.md", card("license: llama2", "")),
    );
    let v = s.report();
    let a = model(&v, "t/a");
    assert_eq!(a["path"], json!(["clean@0.1.0", "t/a"]));
    assert_eq!(a["references"][0]["crate"], "clean@0.1.0");
    assert_eq!(a["references"][0]["file"], "Cargo.toml");
    let d = model(&v, "t/data");
    assert_eq!(d["kind"], "dataset");
    assert_eq!(d["license"]["expression"], "CC-BY-4.0");
    assert_eq!(s.hub.requests_to("/api/datasets/t/data").len(), 1);
    let b = model(&v, "t/b");
    assert_eq!(b["license"]["expression"], "MIT");
    assert_eq!(b["license"]["evidence"][0]["source"], "declared");

    // Bad declarations name the manifest and the key.
    s.ws.write(
        "Cargo.toml",
        &manifest.replace("\"t/a\"", "\"../../etc/x\""),
    );
    let run = s.run(&[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("Cargo.toml") && run.stderr.contains("models[0]"),
        "{}",
        run.stderr
    );
    s.ws.write(
        "Cargo.toml",
        &manifest.replace("relicensed to us in writing", ""),
    );
    let run = s.run(&[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("models[2].reason"), "{}", run.stderr);
}

#[test]
fn config_model_errors_name_the_key() {
    let s = Setup::new("[[models]]\nid = \"hf://x/y\"\n");
    let run = s.run(&[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("models[0].id"), "{}", run.stderr);
    s.ws.write(
        "model-audit.toml",
        "[[models]]\nid = \"x/y\"\nlicense = \"mit\"\n",
    );
    let run = s.run(&[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("models[0].reason"), "{}", run.stderr);
}
