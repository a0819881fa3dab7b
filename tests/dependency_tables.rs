//! Models that live in the dependencies' sources: a library's model table
//! (variants paired with ids in struct literals, `match` arms to consts
//! holding Hub URLs) and its defaults, selected by the workspace.

mod common;

use common::{Workspace, json};
use serde_json::Value;

/// `(artifact id, scope, path, first reference)` of every model.
fn models(ws: &Workspace) -> Vec<(String, String, Vec<String>, Value)> {
    ws.list_json()["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "model")
        .map(|a| {
            (
                a["id"].as_str().unwrap().to_owned(),
                a["scope"].as_str().unwrap().to_owned(),
                a["path"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p.as_str().unwrap().to_owned())
                    .collect(),
                a["references"][0].clone(),
            )
        })
        .collect()
}

#[test]
fn used_mode_audits_the_selected_entries_with_both_places() {
    let ws = Workspace::new("tables");
    let models = models(&ws);
    let ids: Vec<&str> = models.iter().map(|m| m.0.as_str()).collect();
    // `EmbeddingModel::Nomic` is in the table but never selected.
    assert_eq!(
        ids,
        [
            "model:acme/bge-small-onnx@main",
            "model:acme/minilm-onnx@main",
            "model:acme/sentence-large@v2.0",
            "model:acme/sentence-small@main",
        ]
    );
    let get = |id: &str| models.iter().find(|m| m.0 == id).unwrap();
    // A variant through a `use … as` rename, paired by a struct literal.
    let (_, scope, path, r) = get("model:acme/minilm-onnx@main");
    assert_eq!(scope, "normal");
    assert_eq!(path, &["app@0.1.0", "embedder@0.3.0", "acme/minilm-onnx"]);
    assert_eq!(r["kind"], "dependency-table");
    assert_eq!(r["file"], "app/src/main.rs");
    assert_eq!(r["line"], 5);
    assert_eq!(
        r["via"],
        serde_json::json!([
            "app/src/main.rs:5 EmbeddingModel::MiniLm",
            "embedder 0.3.0 src/models/mod.rs:25 \"acme/minilm-onnx\""
        ])
    );
    // The library's default, through two `Default` impls.
    let (_, _, _, r) = get("model:acme/bge-small-onnx@main");
    assert_eq!(
        r["via"],
        serde_json::json!([
            "app/src/main.rs:6 Options::default",
            "embedder 0.3.0 src/models/mod.rs:30 \"acme/bge-small-onnx\""
        ])
    );
    // A match from variant to a const holding a Hub URL with a revision.
    let (_, scope, path, r) = get("model:acme/sentence-small@main");
    assert_eq!(scope, "normal");
    assert_eq!(
        path,
        &["app@0.1.0", "resources@1.0.0", "acme/sentence-small"]
    );
    assert_eq!(
        r["via"],
        serde_json::json!([
            "app/src/main.rs:7 SentenceKind::Small",
            "resources 1.0.0 src/consts.rs:6 \"acme/sentence-small\""
        ])
    );
    // Selected only in a #[cfg(test)] module: dev.
    let (_, scope, _, r) = get("model:acme/sentence-large@v2.0");
    assert_eq!(scope, "dev");
    assert_eq!(r["dev"], "test");
}

#[test]
fn all_mode_audits_every_entry_and_off_reads_no_dependency() {
    let ws = Workspace::new("tables");
    ws.write("model-audit.toml", "[scan]\ndependencies = \"all\"\n");
    let models = models(&ws);
    let ids: Vec<&str> = models.iter().map(|m| m.0.as_str()).collect();
    assert_eq!(
        ids,
        [
            "model:acme/bge-small-onnx@main",
            "model:acme/minilm-onnx@main",
            "model:acme/nomic-onnx@main",
            "model:acme/sentence-large@v2.0",
            "model:acme/sentence-small@main",
        ]
    );
    let (_, scope, path, r) = models
        .iter()
        .find(|m| m.0 == "model:acme/nomic-onnx@main")
        .unwrap();
    assert_eq!(scope, "normal");
    assert_eq!(path, &["app@0.1.0", "embedder@0.3.0", "acme/nomic-onnx"]);
    assert_eq!(r["kind"], "dependency-source");
    assert_eq!(r["crate"], "embedder@0.3.0");
    assert_eq!(r["file"], "embedder@0.3.0/src/models/mod.rs");
    assert_eq!(r["line"], 35);

    ws.write("model-audit.toml", "[scan]\ndependencies = \"off\"\n");
    assert!(models_of(&ws).is_empty());

    ws.write("model-audit.toml", "[scan]\ndependencies = \"some\"\n");
    let r = ws.run(&["list", "--offline"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("scan.dependencies"), "{}", r.stderr);
}

fn models_of(ws: &Workspace) -> Vec<String> {
    models(ws).into_iter().map(|m| m.0).collect()
}

#[test]
fn a_warm_run_finds_the_same_and_an_edited_member_file_is_read_again() {
    let ws = Workspace::new("tables");
    let cold = models(&ws);
    assert_eq!(cold.len(), 4);
    assert_eq!(models(&ws), cold);
    // The member no longer selects `EmbeddingModel::MiniLm`.
    ws.write(
        "app/src/main.rs",
        "fn main() {\n    let _options = embedder::Options::default();\n    \
         let _small = resources::config_url(resources::SentenceKind::Small);\n}\n",
    );
    let ids: Vec<String> = models(&ws).into_iter().map(|m| m.0).collect();
    assert_eq!(
        ids,
        [
            "model:acme/bge-small-onnx@main",
            "model:acme/sentence-small@main",
        ]
    );
}

/// `(code, artifact)` of the findings of `check --offline --format json`,
/// and its exit code.
fn check(ws: &Workspace) -> (i32, Vec<(String, String)>) {
    let r = ws.run(&["check", "--offline", "--format", "json"]);
    let found = common::findings(&json(&r))
        .into_iter()
        .map(|(code, _, artifact)| (code, artifact))
        .collect();
    (r.code, found)
}

#[test]
fn all_mode_gives_a_dependencys_models_the_dependencys_scope() {
    let ws = Workspace::new("dep-scopes");
    let models = models(&ws);
    let ids: Vec<&str> = models.iter().map(|m| m.0.as_str()).collect();
    assert_eq!(
        ids,
        [
            "model:acme/tiny-test-onnx@main",
            "model:acme/wordpiece-vocab@main",
        ]
    );
    // `testdata` is only a dev-dependency: its table's models are dev.
    let (_, scope, path, r) = &models[0];
    assert_eq!(scope, "dev");
    assert_eq!(
        path,
        &["app@0.1.0", "testdata@0.1.0", "acme/tiny-test-onnx"]
    );
    assert_eq!(r["kind"], "dependency-source");
    assert_eq!(r["crate"], "testdata@0.1.0");
    assert_eq!(r["dev"], "dev-dependency");
    // `codegen` is only a build-dependency: build, as the crate is.
    let (_, scope, path, r) = &models[1];
    assert_eq!(scope, "build");
    assert_eq!(
        path,
        &["app@0.1.0", "codegen@0.1.0", "acme/wordpiece-vocab"]
    );
    assert_eq!(r["kind"], "dependency-source");
    assert_eq!(r.get("dev"), None);

    // Every format of `list` shows the scope.
    let r = ws.run(&["list", "--offline"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let row = |text: &str, id: &str| {
        text.lines()
            .find(|l| l.contains(id))
            .unwrap_or_else(|| panic!("no {id} in\n{text}"))
            .to_owned()
    };
    assert!(
        row(&r.stdout, "acme/tiny-test-onnx ").ends_with(" dev"),
        "{}",
        r.stdout
    );
    assert!(
        row(&r.stdout, "acme/wordpiece-vocab ").ends_with(" build"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(
            "<- testdata@0.1.0/src/lib.rs:14 (dependency-source, medium confidence, \
             testdata@0.1.0, dev: dev-dependency)"
        ),
        "{}",
        r.stdout
    );
    let r = ws.run(&["list", "--offline", "--format", "tsv"]);
    assert!(
        row(&r.stdout, "model:acme/tiny-test-onnx@main").contains("\tdev\t"),
        "{}",
        r.stdout
    );
    assert!(
        row(&r.stdout, "model:acme/wordpiece-vocab@main").contains("\tbuild\t"),
        "{}",
        r.stdout
    );
    let r = ws.run(&["list", "--offline", "--format", "markdown"]);
    assert!(
        row(&r.stdout, "`acme/tiny-test-onnx`").contains("| dev |"),
        "{}",
        r.stdout
    );
    assert!(
        row(&r.stdout, "`acme/wordpiece-vocab`").contains("| build |"),
        "{}",
        r.stdout
    );
    let bom = json(&ws.run(&["list", "--offline", "--format", "cyclonedx"]));
    for id in [
        "model:acme/tiny-test-onnx@main",
        "model:acme/wordpiece-vocab@main",
    ] {
        let component = bom["components"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["bom-ref"] == id)
            .unwrap_or_else(|| panic!("no {id} in {bom:#}"));
        assert_eq!(component["scope"], "excluded", "{component:#}");
    }
}

#[test]
fn check_judges_a_dev_only_dependencys_models_with_include_dev_only() {
    let ws = Workspace::new("dep-scopes");
    let config = |licenses: &str| {
        format!(
            "extends = \"permissive\"\n\n[scan]\ndependencies = \"all\"\n\n[licenses]\n{licenses}"
        )
    };
    let dev = "model:acme/tiny-test-onnx@main";
    let build = "model:acme/wordpiece-vocab@main";
    let judged = |found: &[(String, String)], id: &str| found.iter().any(|(_, a)| a == id);

    ws.write("model-audit.toml", &config("include-build = false\n"));
    let (code, found) = check(&ws);
    assert_eq!(code, 0, "{found:?}");
    assert!(!judged(&found, dev), "{found:?}");

    ws.write(
        "model-audit.toml",
        &config("include-build = false\ninclude-dev = true\n"),
    );
    let (code, found) = check(&ws);
    // Offline and not in the cache: judged, and unresolved (exit 3).
    assert_eq!(code, 3, "{found:?}");
    assert!(
        found.contains(&("model-unresolved".to_owned(), dev.to_owned())),
        "{found:?}"
    );
    assert!(!judged(&found, build), "{found:?}");

    // Build models are judged as build crates are: by default.
    ws.write("model-audit.toml", &config(""));
    let (code, found) = check(&ws);
    assert_eq!(code, 3, "{found:?}");
    assert!(
        found.contains(&("model-unresolved".to_owned(), build.to_owned())),
        "{found:?}"
    );
    assert!(!judged(&found, dev), "{found:?}");
}

#[test]
fn a_dev_only_dependencys_model_named_in_shipped_code_stays_normal() {
    let ws = Workspace::new("dep-scopes");
    ws.write(
        "app/src/main.rs",
        "use hf_hub::api::sync::Api;\n\nfn main() {\n    \
         let _ = Api::new().unwrap().model(\"acme/tiny-test-onnx\".to_string());\n}\n",
    );
    let models = models(&ws);
    let (_, scope, path, r) = models
        .iter()
        .find(|m| m.0 == "model:acme/tiny-test-onnx@main")
        .unwrap_or_else(|| panic!("{models:#?}"));
    assert_eq!(scope, "normal");
    assert_eq!(path, &["app@0.1.0", "acme/tiny-test-onnx"]);
    assert_eq!(r["kind"], "call-argument");
    let listed = json(&ws.run(&["list", "--offline", "--format", "json"]));
    let artifact = listed["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "model:acme/tiny-test-onnx@main")
        .unwrap();
    assert_eq!(artifact["references"][1]["dev"], "dev-dependency");
}
