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

#[test]
fn a_constructor_in_one_dependency_feeds_a_field_another_takes_to_the_hub() {
    // `types` defines `FileSource` and its constructor; `loader` depends
    // on it and destructures the variant into the Hub call. The app calls
    // the constructor only: the field is known to `types` once `loader`
    // has been read, and the constructor is then a Hub call.
    let ws = Workspace::new("deps");
    ws.write(
        "Cargo.toml",
        "[workspace]\nmembers = [\"app\"]\nexclude = [\"types\", \"loader\"]\nresolver = \"2\"\n",
    );
    std::fs::remove_dir_all(ws.path().join("embedder")).unwrap();
    let manifest = |name: &str, deps: &str| {
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\nlicense = \"MIT\"\n\n[dependencies]\n{deps}"
        )
    };
    ws.write("types/Cargo.toml", &manifest("types", ""));
    ws.write(
        "types/src/lib.rs",
        "pub enum FileSource {\n\
         \x20   HuggingFace { model_id: String, revision: String, file: String },\n\
         \x20   Local(std::path::PathBuf),\n\
         }\n\
         impl FileSource {\n\
         \x20   pub fn huggingface(model_id: impl ToString, revision: impl ToString, file: impl ToString) -> Self {\n\
         \x20       Self::HuggingFace { model_id: model_id.to_string(), revision: revision.to_string(), file: file.to_string() }\n\
         \x20   }\n\
         }\n",
    );
    ws.write(
        "loader/Cargo.toml",
        &manifest("loader", "types = { path = \"../types\" }\n"),
    );
    ws.write(
        "loader/src/lib.rs",
        "use types::FileSource;\n\
         pub struct Cache;\n\
         impl Cache {\n\
         \x20   pub fn get(&self, source: &FileSource) {\n\
         \x20       match source {\n\
         \x20           FileSource::HuggingFace { model_id, revision, file } => {\n\
         \x20               let api = hf_hub::api::sync::Api::new().unwrap();\n\
         \x20               let repo = api.repo(hf_hub::Repo::with_revision(model_id.to_string(), hf_hub::RepoType::Model, revision.to_string()));\n\
         \x20               let _ = repo.get(file);\n\
         \x20           }\n\
         \x20           FileSource::Local(_) => {}\n\
         \x20       }\n\
         \x20   }\n\
         }\n",
    );
    ws.write(
        "app/Cargo.toml",
        &manifest(
            "app",
            "types = { path = \"../types\" }\nloader = { path = \"../loader\" }\n",
        ),
    );
    ws.write(
        "app/src/main.rs",
        "fn main() {\n\
         \x20   let model = types::FileSource::huggingface(\"acme/preset\", \"v2\", \"model.gguf\");\n\
         \x20   loader::Cache.get(&model);\n\
         }\n",
    );
    ws.write("model-audit.toml", "[scan]\ndependencies = \"used\"\n");
    let (models, _) = list(&ws);
    let ids: Vec<&str> = models.iter().map(|m| m.0.as_str()).collect();
    assert_eq!(ids, ["model:acme/preset@v2"], "{models:#?}");
    let r = &models[0].3;
    assert_eq!(
        (r["file"].as_str(), r["line"].as_u64()),
        (Some("app/src/main.rs"), Some(2))
    );
    let via: Vec<&str> = r["via"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        via.iter()
            .any(|v| v.starts_with("types 0.1.0 src/lib.rs:7"))
            && via
                .iter()
                .any(|v| v.starts_with("loader 0.1.0 src/lib.rs:8")),
        "{via:?}"
    );
}

#[test]
fn a_dependencys_method_sink_is_taken_by_the_receivers_type() {
    let ws = Workspace::new("deps");
    let lib = std::fs::read_to_string(ws.path().join("embedder/src/lib.rs")).unwrap();
    ws.write(
        "embedder/src/lib.rs",
        &format!(
            "{lib}\n\
             /// A download cache: `get` and `prefetch_weights` reach the Hub.\n\
             #[derive(Default)]\n\
             pub struct Cache;\n\
             \n\
             impl Cache {{\n\
             \x20   pub fn get(&self, id: &str, _retries: usize) {{\n\
             \x20       let _ = Api::new().unwrap().model(id.to_string());\n\
             \x20   }}\n\
             \x20   pub fn prefetch_weights(&self, id: &str) {{\n\
             \x20       let _ = Api::new().unwrap().model(id.to_string());\n\
             \x20   }}\n\
             }}\n"
        ),
    );
    ws.write(
        "app/src/main.rs",
        "use embedder::Cache;\n\
         \n\
         /// Tensors by name, with a `get` of its own.\n\
         struct Weights;\n\
         impl Weights {\n\
         \x20   fn get(&self, _name: &str, _shape: usize) {}\n\
         }\n\
         fn weights() -> Weights { Weights }\n\
         \n\
         fn layer(vb: &Weights) {\n\
         \x20   vb.get(\"encoder/weight\", 3);\n\
         }\n\
         \n\
         fn main() {\n\
         \x20   layer(&weights());\n\
         \x20   let vb = weights();\n\
         \x20   let handle = Some(vb).unwrap();\n\
         \x20   handle.get(\"decoder/weight\", 3);\n\
         \x20   let cache = Cache::default();\n\
         \x20   cache.get(\"acme/by-local\", 3);\n\
         \x20   Cache::default().get(\"acme/built-in-place\", 3);\n\
         \x20   fetch(&cache);\n\
         \x20   Holder { cache: None }.load();\n\
         \x20   handle.prefetch_weights(\"acme/uncommon-name\");\n\
         }\n\
         \n\
         fn generic<C: std::ops::Deref<Target = Cache>>(cache: &C) {\n\
         \x20   cache.prefetch_weights(\"acme/through-generic\");\n\
         }\n\
         \n\
         fn fetch(cache: &Cache) {\n\
         \x20   cache.get(\"acme/by-param\", 3);\n\
         }\n\
         \n\
         struct Holder { cache: Option<std::sync::Arc<Cache>> }\n\
         impl Holder {\n\
         \x20   fn load(&self) {\n\
         \x20       self.cache.as_ref().unwrap().get(\"acme/by-field\", 3);\n\
         \x20   }\n\
         }\n",
    );
    let (models, loose) = list(&ws);
    let ids: Vec<&str> = models.iter().map(|m| m.0.as_str()).collect();
    // `Cache::get` on a `Cache` (a local, a value built in place, a
    // parameter, a field); the `get` of `Weights`, and a `get` on a value
    // whose type the file does not tell, are not it. A method name no
    // other type is likely to have is still taken on a receiver of unknown
    // type (a type parameter's is unknown).
    assert_eq!(
        ids,
        [
            "model:acme/built-in-place@main",
            "model:acme/by-field@main",
            "model:acme/by-local@main",
            "model:acme/by-param@main",
            "model:acme/through-generic@main",
            "model:acme/uncommon-name@main",
        ]
    );
    let untraced: Vec<&str> = loose
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["reference"]["kind"] == "untraced")
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    assert_eq!(untraced, ["encoder/weight", "decoder/weight"], "{loose:#?}");
    assert!(
        !loose
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["reference"]["kind"] == "run-time"),
        "{loose:#?}"
    );
}
