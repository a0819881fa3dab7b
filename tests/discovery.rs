//! Finding the models nobody declared: the members' source and config files,
//! weight files in the workspace, and the local Hugging Face cache.

mod common;
#[path = "support/hub.rs"]
mod hub;

use common::{Workspace, gguf, json};
use hub::{MockHub, RepoSpec};
use serde_json::{Value, json};

fn safetensors(meta: Value) -> Vec<u8> {
    let header =
        json!({"__metadata__": meta, "w": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}})
            .to_string();
    let mut out = (header.len() as u64).to_le_bytes().to_vec();
    out.extend_from_slice(header.as_bytes());
    out.extend_from_slice(&[0, 0, 0, 0]);
    out
}

struct Setup {
    ws: Workspace,
    hub: MockHub,
    cache: tempfile::TempDir,
}

impl Setup {
    fn new() -> Setup {
        let ws = Workspace::new("discovery");
        std::fs::create_dir_all(ws.path().join("models")).unwrap();
        std::fs::write(
            ws.path().join("models/tiny-q4.gguf"),
            gguf(&[
                ("general.name", "Tiny Q4"),
                ("general.license", "llama3.1"),
                (
                    "general.description",
                    "This open-source model runs anywhere.",
                ),
                (
                    "general.base_model.0.repo_url",
                    "hf://meta-llama/Llama-3.1-8B",
                ),
            ]),
        )
        .unwrap();
        std::fs::write(
            ws.path().join("models/plain.safetensors"),
            safetensors(json!({"modelspec.license": "apache-2.0"})),
        )
        .unwrap();
        let mut hostile = gguf(&[]);
        hostile[16..24].copy_from_slice(&u64::MAX.to_le_bytes());
        std::fs::write(ws.path().join("models/hostile.gguf"), hostile).unwrap();
        std::fs::write(
            ws.path().join("models/nolicense.gguf"),
            gguf(&[("general.name", "x")]),
        )
        .unwrap();
        let hub = MockHub::start();
        for (id, license) in [
            ("acme/tiny", "mit"),
            ("acme/embedder", "apache-2.0"),
            ("acme/from-config", "mit"),
            ("meta-llama/Llama-3.1-8B", "llama3.1"),
        ] {
            hub.add_repo(
                RepoSpec::model(id)
                    .card_data(json!({"license": license}))
                    .file("README.md", format!("---\nlicense: {license}\n---\n")),
            );
        }
        Setup {
            ws,
            hub,
            cache: tempfile::tempdir().unwrap(),
        }
    }

    fn run(&self, args: &[&str]) -> common::Run {
        self.ws
            .run_against_hub(args, &self.hub.endpoint(), self.cache.path())
    }
}

fn artifact<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == name)
        .unwrap_or_else(|| panic!("no {name}: {v:#}"))
}

fn has(v: &Value, name: &str) -> bool {
    v["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["name"] == name)
}

#[test]
fn models_named_in_source_become_artifacts_with_their_references() {
    let s = Setup::new();
    let v = json(&s.run(&["list", "--format", "json"]));
    let tiny = artifact(&v, "acme/tiny");
    assert_eq!(tiny["license"]["expression"], "MIT");
    let r = &tiny["references"][0];
    assert_eq!(r["kind"], "call-argument");
    assert_eq!(r["file"], "app/src/main.rs");
    assert_eq!(r["line"], 8);
    assert_eq!(r["crate"], "app@0.1.0");
    assert_eq!(r["confidence"], "high");
    assert_eq!(tiny["path"], json!(["app@0.1.0", "acme/tiny"]));
    let emb = artifact(&v, "acme/embedder");
    assert_eq!(emb["references"][0]["kind"], "traced-value");
    assert_eq!(emb["references"][0]["confidence"], "medium");
    // A `format!` whose every piece is a literal or traced to one is the id
    // it makes, at the line of its pattern.
    let assembled = artifact(&v, "acme/fully-assembled");
    assert_eq!(assembled["references"][0]["kind"], "call-argument");
    assert_eq!(assembled["references"][0]["line"], 14);
    // Not references: the comment, the file path, the feature string.
    for not in ["acme/in-a-comment", "onnx/model.onnx", "candle/cuda"] {
        assert!(
            !v.to_string().contains(&format!("\"{not}\"")) || !has(&v, not),
            "{not}"
        );
        assert!(!has(&v, not), "{not}");
    }
    // Listed but not audited: the run-time id and the config-file id.
    let loose: Vec<(String, String)> = v["unaudited_references"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["id"].as_str().unwrap().to_owned(),
                l["reference"]["kind"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(
        loose.contains(&("acme/chat-{size}".to_owned(), "dynamic".to_owned())),
        "{loose:?}"
    );
    assert!(
        loose.contains(&("acme/from-config".to_owned(), "config-file".to_owned())),
        "{loose:?}"
    );
    assert!(!has(&v, "acme/from-config"));
    // The human list shows them too.
    let list = s.run(&["list"]).stdout;
    assert!(
        list.contains("<- app/src/main.rs:8 (call-argument, high confidence, app@0.1.0)"),
        "{list}"
    );
    assert!(list.contains("references found but not audited"), "{list}");
    assert!(list.contains("acme/chat-{size}"), "{list}");
}

#[test]
fn min_confidence_decides_what_is_audited() {
    let s = Setup::new();
    s.ws.write(
        "model-audit.toml",
        "extends = \"permissive\"\n[scan]\nmin-confidence = \"low\"\n",
    );
    let v = json(&s.run(&["list", "--format", "json"]));
    assert_eq!(
        artifact(&v, "acme/from-config")["references"][0]["confidence"],
        "low"
    );
    s.ws.write(
        "model-audit.toml",
        "extends = \"permissive\"\n[scan]\nmin-confidence = \"high\"\n",
    );
    let v = json(&s.run(&["list", "--format", "json"]));
    assert!(!has(&v, "acme/embedder"));
    assert!(has(&v, "acme/tiny"));
    s.ws.write(
        "model-audit.toml",
        "extends = \"permissive\"\n[scan]\nsrc = false\nweights = false\n",
    );
    let v = json(&s.run(&["list", "--format", "json"]));
    assert!(!has(&v, "acme/tiny"));
    assert!(!has(&v, "models/tiny-q4.gguf"));
    s.ws.write("model-audit.toml", "[scan]\nmin-confidence = \"sure\"\n");
    let r = s.run(&["list"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("scan.min-confidence"), "{}", r.stderr);
}

#[test]
fn weight_files_are_artifacts_with_header_licenses_and_lineage() {
    let s = Setup::new();
    let v = json(&s.run(&["--format", "json", "--policy", "osi"]));
    let q4 = artifact(&v, "models/tiny-q4.gguf");
    assert_eq!(q4["kind"], "weight-file");
    assert_eq!(
        q4["version"].as_str().unwrap().len(),
        64,
        "identified by sha256"
    );
    assert_eq!(q4["license"]["expression"], "LicenseRef-llama3.1");
    assert_eq!(q4["license"]["evidence"][0]["quote"], "license = llama3.1");
    assert_eq!(q4["claims"][0]["by"], "weight-file");
    // The Hub repository its metadata names is audited too, reached from the file.
    let base = artifact(&v, "meta-llama/Llama-3.1-8B");
    assert_eq!(base["references"][0]["kind"], "weight-metadata");
    assert_eq!(base["references"][0]["file"], "models/tiny-q4.gguf");
    let st = artifact(&v, "models/plain.safetensors");
    assert_eq!(st["license"]["expression"], "Apache-2.0");
    // No license key, or a hostile header: unknown, never a pass.
    let codes: Vec<(String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["artifact"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(
        codes
            .iter()
            .any(|(c, a)| c == "license-unknown" && a.contains("nolicense.gguf")),
        "{codes:?}"
    );
    let hostile = artifact(&v, "models/hostile.gguf");
    assert!(
        hostile["license"]["evidence"][0]["note"]
            .as_str()
            .unwrap()
            .contains("cannot be read"),
        "{hostile:#}"
    );
    assert!(
        codes
            .iter()
            .any(|(c, a)| c == "license-unknown" && a.contains("hostile.gguf")),
        "{codes:?}"
    );
    // The file's own "open-source" description fails osi under Llama 3.1's terms.
    assert!(
        codes
            .iter()
            .any(|(c, a)| c == "open-washing" && a.contains("tiny-q4.gguf")),
        "{codes:?}"
    );
    // Hashes are cached: a warm run finds them in the cache.
    let dirs: Vec<_> = std::fs::read_dir(common::model_audit_cache(s.ws.path()))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(dirs.len(), 1, "one cache folder per workspace: {dirs:?}");
    let cache = std::fs::read_to_string(dirs[0].join("hash-cache.json")).unwrap();
    assert!(cache.contains("tiny-q4.gguf"));
}

#[test]
fn the_local_hugging_face_cache_on_request() {
    let s = Setup::new();
    let repo = s.cache.path().join("models--acme--cached-only");
    let sha = "dddddddddddddddddddddddddddddddddddddddd";
    std::fs::create_dir_all(repo.join("refs")).unwrap();
    std::fs::create_dir_all(repo.join("snapshots").join(sha)).unwrap();
    std::fs::write(repo.join("refs/main"), sha).unwrap();
    std::fs::write(
        repo.join("snapshots").join(sha).join("README.md"),
        "---\nlicense: cc-by-nc-4.0\n---\n",
    )
    .unwrap();
    let v = json(&s.run(&["list", "--format", "json", "--offline"]));
    assert!(!has(&v, "acme/cached-only"));
    let v = json(&s.run(&[
        "list",
        "--format",
        "json",
        "--offline",
        "--include-hf-cache",
    ]));
    let m = artifact(&v, "acme/cached-only");
    assert_eq!(m["license"]["expression"], "CC-BY-NC-4.0");
    assert_eq!(m["references"][0]["kind"], "hf-cache");
    assert_eq!(m["version"], sha);
}

#[test]
fn list_tsv() {
    let s = Setup::new();
    let r = s.run(&["list", "--format", "tsv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut lines = r.stdout.lines();
    assert_eq!(
        lines.next().unwrap(),
        "id\tkind\tname\tversion\tlicense\tscope\tclaims\tpath"
    );
    assert!(
        r.stdout
            .lines()
            .any(|l| l.starts_with("model:acme/tiny@") && l.contains("\tMIT\t")),
        "{}",
        r.stdout
    );
    assert_eq!(s.run(&["check", "--format", "tsv"]).code, 2);
}

#[test]
fn init_names_the_models_it_found_and_explain_traces_a_model() {
    let s = Setup::new();
    let r = s.run(&["init", "--preset", "permissive"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(s.ws.path().join("model-audit.toml")).unwrap();
    assert!(text.contains("# id = \"acme/tiny\""), "{text}");
    assert!(text.contains("found at app/src/main.rs:8"), "{text}");
    // The starter config loads.
    let r = s.run(&["list", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = s.run(&["explain", "acme/tiny"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("license: MIT"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("card [acme/tiny/README.md]: the card says `license: mit`"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("call-argument app/src/main.rs:8"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("commit: "), "{}", r.stdout);
}
