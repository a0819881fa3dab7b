//! Models that live in the dependencies' sources: a library's model table
//! (variants paired with ids in struct literals, `match` arms to consts
//! holding Hub URLs) and its defaults, selected by the workspace.

mod common;

use common::{Workspace, json};
use serde_json::Value;

/// `(artifact id, scope, path, first reference)` of every model.
fn models(ws: &Workspace) -> Vec<(String, String, Vec<String>, Value)> {
    let r = ws.run(&["list", "--offline", "--format", "json"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    json(&r)["artifacts"]
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
