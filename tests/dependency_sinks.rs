//! A library's public functions and methods whose parameters reach the Hub
//! are Hub calls for its dependents: a builder or a loader in one crate,
//! called from another.

mod common;

use common::Workspace;
use serde_json::{Value, json};

/// `(artifact id, scope, path, first reference)` of every model, and the
/// unaudited references.
fn list(ws: &Workspace) -> (Vec<(String, String, Value, Value)>, Value) {
    let v = ws.list_json();
    let models = v["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "model")
        .map(|a| {
            (
                a["id"].as_str().unwrap().to_owned(),
                a["scope"].as_str().unwrap().to_owned(),
                a["path"].clone(),
                a["references"][0].clone(),
            )
        })
        .collect();
    (models, v["unaudited_references"].clone())
}

#[test]
fn calls_of_a_dependencys_public_hub_functions_are_references() {
    let ws = Workspace::new("deps");
    let (models, loose) = list(&ws);
    let ids: Vec<&str> = models.iter().map(|m| m.0.as_str()).collect();
    // `secret` (pub in a private module) and `warm` (private) are not the
    // library's API: the app's own functions of those names are not Hub
    // calls.
    assert_eq!(
        ids,
        [
            "model:acme/built@v1",
            "model:acme/direct@r2",
            "model:acme/held@v5",
            "model:acme/loaded@main",
            "model:acme/plain@main",
            "model:acme/renamed@v3",
        ]
    );
    let get = |id: &str| models.iter().find(|m| m.0 == id).unwrap();
    // A public function: workspace call, then the library's Hub call.
    let (_, scope, path, r) = get("model:acme/loaded@main");
    assert_eq!(scope, "normal");
    assert_eq!(path, &json!(["app@0.1.0", "embedder@0.1.0", "acme/loaded"]));
    assert_eq!(r["kind"], "call-argument");
    assert_eq!(r["file"], "app/src/main.rs");
    assert_eq!(r["line"], 8);
    assert_eq!(
        r["via"],
        json!([
            "app/src/main.rs:8 embedder::load(..)",
            "embedder 0.1.0 src/lib.rs:15 Repo::new(..)"
        ])
    );
    // A builder re-exported from a private module: the id into the
    // constructor, the revision by a chained setter, two calls down.
    let (_, _, _, r) = get("model:acme/built@v1");
    assert_eq!(
        r["via"],
        json!([
            "app/src/main.rs:9 Builder::new(..)",
            "embedder 0.1.0 src/builder.rs:21 hub::fetch(..)",
            "embedder 0.1.0 src/hub.rs:7 Repo::with_revision(..)"
        ])
    );
    let (_, _, _, r) = get("model:acme/plain@main");
    assert_eq!(r["line"], 12);
    // The same builder kept in a variable between setter calls.
    let (_, _, _, r) = get("model:acme/held@v5");
    assert_eq!(r["line"], 21);
    assert_eq!(r["via"][0], "app/src/main.rs:21 Builder::new(..)");
    // A function re-exported under another name, and the same function
    // through its public module.
    let (_, _, _, r) = get("model:acme/renamed@v3");
    assert_eq!(
        r["via"],
        json!([
            "app/src/main.rs:10 embedder::fetch_at(..)",
            "embedder 0.1.0 src/hub.rs:7 Repo::with_revision(..)"
        ])
    );
    let (_, _, _, r) = get("model:acme/direct@r2");
    assert_eq!(r["via"][0], "app/src/main.rs:11 hub::fetch(..)");
    // A value read at run time, handed to the library: not audited, the
    // call site and the library's call named.
    // The ids handed to the app's own functions, which reach no Hub call,
    // are listed as untraced: the app calls the Hub, so nothing goes unsaid.
    let (untraced, loose): (Vec<&Value>, Vec<&Value>) = loose
        .as_array()
        .unwrap()
        .iter()
        .partition(|l| l["reference"]["kind"] == "untraced");
    let untraced: Vec<&str> = untraced.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(
        untraced,
        ["acme/local-only", "acme/warm-only"],
        "{untraced:?}"
    );
    assert_eq!(loose.len(), 1, "{loose:#?}");
    assert_eq!(loose[0]["id"], "&user");
    assert_eq!(loose[0]["reference"]["line"], 16);
    assert_eq!(
        loose[0]["reference"]["via"][1],
        "embedder 0.1.0 src/lib.rs:15 Repo::new(..)"
    );

    // The human list shows the chain.
    let r = ws.run(&["list", "--offline"]);
    assert!(
        r.stdout.contains(
            "via app/src/main.rs:8 embedder::load(..) → embedder 0.1.0 src/lib.rs:15 Repo::new(..)"
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn an_edited_path_dependency_is_analysed_again_and_off_reads_none() {
    let ws = Workspace::new("deps");
    assert_eq!(list(&ws).0.len(), 6);
    // `load` is no longer public: the warm run drops its call.
    let lib = std::fs::read_to_string(ws.path().join("embedder/src/lib.rs")).unwrap();
    ws.write(
        "embedder/src/lib.rs",
        &lib.replace("pub fn load(", "fn load("),
    );
    let (models, loose) = list(&ws);
    let ids: Vec<&str> = models.iter().map(|m| m.0.as_str()).collect();
    assert!(!ids.contains(&"model:acme/loaded@main"), "{ids:?}");
    assert_eq!(ids.len(), 5, "{ids:?}");
    // Its id is not dropped in silence.
    let untraced: Vec<&str> = loose
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["reference"]["kind"] == "untraced")
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    assert!(untraced.contains(&"acme/loaded"), "{loose:#?}");

    ws.write("model-audit.toml", "[scan]\ndependencies = \"off\"\n");
    assert!(list(&ws).0.is_empty());
}
