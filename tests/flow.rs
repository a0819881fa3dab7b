//! Following a model id across the functions, files and modules of a crate:
//! helpers, builders, lists and tuples, revisions, and where the reference
//! is (shipping code, tests, examples).

mod common;

use common::{Workspace, json};
use serde_json::Value;

/// `(artifact id, scope, references)` of every model in `list` JSON.
fn models(v: &Value) -> Vec<(String, String, Vec<Value>)> {
    v["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "model")
        .map(|a| {
            (
                a["id"].as_str().unwrap().to_owned(),
                a["scope"].as_str().unwrap().to_owned(),
                a["references"].as_array().unwrap().clone(),
            )
        })
        .collect()
}

/// The hf-hub 1.x app with only its manifest and `src/main.rs`, for a test
/// to write its own sources into.
fn bare_app() -> Workspace {
    let ws = Workspace::new("hub-v1");
    std::fs::remove_file(ws.path().join("src/hub.rs")).unwrap();
    std::fs::remove_file(ws.path().join("src/render.rs")).unwrap();
    ws
}

/// `(id, kind, line)` of every unaudited reference in `list` JSON.
fn unaudited(v: &Value) -> Vec<(&str, &str, u64)> {
    v["unaudited_references"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["id"].as_str().unwrap(),
                l["reference"]["kind"].as_str().unwrap(),
                l["reference"]["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

fn list(ws: &Workspace) -> Value {
    ws.list_json()
}

fn via(reference: &Value) -> Vec<&str> {
    reference["via"]
        .as_array()
        .map(|a| a.iter().map(|s| s.as_str().unwrap()).collect())
        .unwrap_or_default()
}

fn model<'m>(
    models: &'m [(String, String, Vec<Value>)],
    id: &str,
) -> &'m (String, String, Vec<Value>) {
    models
        .iter()
        .find(|m| m.0 == id)
        .unwrap_or_else(|| panic!("{id} not found in {models:#?}"))
}

#[test]
fn ids_followed_across_files_with_revisions_scopes_and_evidence() {
    let ws = Workspace::new("flow");
    let v = list(&ws);
    let models = models(&v);
    let ids: Vec<&str> = models.iter().map(|m| m.0.as_str()).collect();
    assert_eq!(
        ids,
        [
            "model:acme/built@abc1234",
            "model:acme/configured@v7",
            "model:acme/engine@main",
            "model:acme/example-only@main",
            "model:acme/first@r1",
            "model:acme/listed-a@main",
            "model:acme/listed-b@main",
            "model:acme/made@main",
            "model:acme/pinned@v1.2",
            "model:acme/second@r2",
            "model:acme/test-only@main",
            "model:acme/unpinned@main",
            "model:acme/var-assigned@v4",
            "model:acme/var-mutated@v3",
            "model:acme/var-shadowed@v2",
            "model:org/base@main",
        ]
    );
    // A builder kept in a variable: the revision set on it (by a shadowing
    // `let`, a `&mut self` setter with a traced argument, an assignment)
    // pins the reference.
    let (_, _, refs) = model(&models, "model:acme/var-shadowed@v2");
    assert_eq!(refs[0]["file"], "src/vars.rs");
    assert_eq!(refs[0]["line"], 6);
    assert_eq!(
        via(&refs[0]),
        [
            "src/vars.rs:6 Loader::new(..)",
            "src/loader.rs:20 hub::download(..)",
            "src/hub.rs:7 Repo::with_revision(..)"
        ]
    );
    let (_, _, refs) = model(&models, "model:acme/var-mutated@v3");
    assert_eq!(refs[0]["line"], 12);
    let (_, _, refs) = model(&models, "model:acme/var-assigned@v4");
    assert_eq!(refs[0]["line"], 18);
    // Struct fields set in one file and read in another: the literal's id
    // field with its revision field, and a constructor whose parameter
    // goes into the field.
    let (_, scope, refs) = model(&models, "model:acme/configured@v7");
    assert_eq!(scope, "normal");
    assert_eq!(refs[0]["kind"], "call-argument");
    assert_eq!(refs[0]["file"], "src/settings.rs");
    assert_eq!(refs[0]["line"], 7);
    assert_eq!(
        via(&refs[0]),
        [
            "src/settings.rs:7 Config { model_id }",
            "src/config.rs:13 Repo::with_revision(..)"
        ]
    );
    let (_, _, refs) = model(&models, "model:acme/made@main");
    assert_eq!(refs[0]["kind"], "traced-value");
    assert_eq!(refs[0]["line"], 22);
    assert_eq!(
        via(&refs[0]),
        [
            "src/settings.rs:16 Config { model_id }",
            "src/config.rs:13 Repo::with_revision(..)"
        ]
    );
    // A helper in another file, a revision through a const.
    let (_, scope, refs) = model(&models, "model:acme/pinned@v1.2");
    assert_eq!(scope, "normal");
    assert_eq!(refs[0]["file"], "src/main.rs");
    assert_eq!(refs[0]["line"], 11);
    assert_eq!(
        via(&refs[0]),
        [
            "src/main.rs:11 hub::download(..)",
            "src/hub.rs:7 Repo::with_revision(..)"
        ]
    );
    // A builder: the id into the constructor, the revision by a setter.
    let (_, _, refs) = model(&models, "model:acme/built@abc1234");
    assert_eq!(
        via(&refs[0]),
        [
            "src/main.rs:12 Loader::new(..)",
            "src/loader.rs:20 hub::download(..)",
            "src/hub.rs:7 Repo::with_revision(..)"
        ]
    );
    // The second argument of a constructor that reaches the Hub two calls
    // down, in another module.
    let (_, _, refs) = model(&models, "model:acme/engine@main");
    assert_eq!(
        via(&refs[0]),
        [
            "src/main.rs:14 Engine::new(..)",
            "src/engine.rs:13 Loader::new(..)",
            "src/loader.rs:20 hub::download(..)",
            "src/hub.rs:7 Repo::with_revision(..)"
        ]
    );
    // A vec! of (id, revision) tuples: each id with its own revision.
    for id in ["model:acme/first@r1", "model:acme/second@r2"] {
        let (_, _, refs) = model(&models, id);
        assert_eq!(refs[0]["kind"], "traced-value");
        assert_eq!(via(&refs[0])[0], "src/main.rs:17 hub::download(..)");
    }
    // An array handed to a function that loops over it.
    let (_, _, refs) = model(&models, "model:acme/listed-b@main");
    assert_eq!(
        via(&refs[0]),
        [
            "src/main.rs:19 hub::fetch_all(..)",
            "src/hub.rs:17 .model(..)"
        ]
    );
    // Dev references: a test helper in tests/, an example, a #[cfg(test)]
    // module.
    let (_, scope, refs) = model(&models, "model:acme/test-only@main");
    assert_eq!(scope, "dev");
    assert_eq!(refs[0]["dev"], "test");
    assert_eq!(
        via(&refs[0]),
        [
            "tests/embed.rs:5 common::fetch_model(..)",
            "tests/common/mod.rs:6 Repo::new(..)"
        ]
    );
    let (_, scope, refs) = model(&models, "model:acme/example-only@main");
    assert_eq!(
        (scope.as_str(), &refs[0]["dev"]),
        ("dev", &Value::from("example"))
    );
    let (_, scope, refs) = model(&models, "model:org/base@main");
    assert_eq!(
        (scope.as_str(), &refs[0]["dev"]),
        ("dev", &Value::from("test"))
    );
    assert_eq!(refs[0]["line"], 28);
    // Shipping references carry no dev mark.
    let (_, _, refs) = model(&models, "model:acme/unpinned@main");
    assert!(refs[0].get("dev").is_none());
    // A value read at run time: not audited, the call site named.
    let loose = v["unaudited_references"].as_array().unwrap();
    assert_eq!(loose.len(), 1, "{loose:#?}");
    assert_eq!(loose[0]["id"], "&from_user");
    assert_eq!(loose[0]["reference"]["kind"], "run-time");
    assert_eq!(loose[0]["reference"]["file"], "src/main.rs");
    assert_eq!(loose[0]["reference"]["line"], 21);

    // The human list shows the scope, the dev place and the chain.
    let r = ws.run(&["list", "--offline"]);
    assert!(
        r.stdout
            .contains("tests/embed.rs:5 (call-argument, high confidence, flow@0.1.0, dev: test)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(
            "via tests/embed.rs:5 common::fetch_model(..) → tests/common/mod.rs:6 Repo::new(..)"
        ),
        "{}",
        r.stdout
    );
    let r = ws.run(&["list", "--offline", "--format", "tsv"]);
    assert!(
        r.stdout
            .lines()
            .any(|l| l.starts_with("model:org/base@main\tmodel") && l.contains("\tdev\t")),
        "{}",
        r.stdout
    );
}

#[test]
fn dev_references_follow_include_dev_in_check() {
    let ws = Workspace::new("flow");
    let audited = |ws: &Workspace| -> Vec<String> {
        let r = ws.run(&["check", "--offline", "--format", "json"]);
        let v = json(&r);
        let mut ids: Vec<String> = common::findings(&v)
            .into_iter()
            .map(|f| f.2)
            .filter(|a| a.starts_with("model:"))
            .collect();
        ids.sort();
        ids.dedup();
        ids
    };
    let normal = audited(&ws);
    assert!(
        normal.contains(&"model:acme/pinned@v1.2".to_owned()),
        "{normal:?}"
    );
    for dev in [
        "model:org/base@main",
        "model:acme/test-only@main",
        "model:acme/example-only@main",
    ] {
        assert!(!normal.contains(&dev.to_owned()), "{dev} in {normal:?}");
    }
    ws.write("model-audit.toml", "[licenses]\ninclude-dev = true\n");
    let all = audited(&ws);
    assert!(all.contains(&"model:org/base@main".to_owned()), "{all:?}");
    assert!(
        all.contains(&"model:acme/example-only@main".to_owned()),
        "{all:?}"
    );
}

#[test]
fn a_rust_file_that_does_not_parse_is_a_note_in_list() {
    let ws = Workspace::new("flow");
    ws.write("src/broken.rs", "fn f( { api.model(\"acme/x\") }\n");
    let v = list(&ws);
    let loose = v["unaudited_references"].as_array().unwrap();
    let broken = loose
        .iter()
        .find(|l| l["reference"]["file"] == "src/broken.rs")
        .unwrap_or_else(|| panic!("{loose:#?}"));
    assert_eq!(broken["reference"]["kind"], "unparsable");
    assert!(
        broken["why"]
            .as_str()
            .unwrap()
            .starts_with("not valid Rust at line 1"),
        "{broken}"
    );
}

#[test]
fn hf_hub_1_calls_name_repositories_by_owner_and_name() {
    let ws = Workspace::new("hub-v1");
    let v = list(&ws);
    let at = |id: &str| -> Vec<(String, u64)> {
        v["artifacts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .unwrap_or_else(|| panic!("{id} not found in {v:#}"))["references"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["file"].as_str().unwrap().to_owned(),
                    r["line"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let main = |line: u64| vec![("src/main.rs".to_owned(), line)];
    // `client.model(owner, name)` with the revision of `download_file()`.
    assert_eq!(at("model:meta-llama/Llama-2-7b-hf@v1.0"), main(11));
    assert_eq!(at("dataset:Salesforce/wikitext@main"), main(13));
    // `client.repository(RepoTypeModel, ..)`, `HFRepository::new(.., RepoTypeDataset, ..)`.
    assert_eq!(at("model:acme/by-marker@main"), main(14));
    assert_eq!(at("dataset:acme/marked-data@main"), main(16));
    // `split_id` halves joined again; the blocking client.
    assert_eq!(at("model:acme/split@main"), main(17));
    assert_eq!(at("model:acme/blocking@main"), main(20));
    // A helper taking the id through `split_id`, in another file; an
    // owner-less legacy id is the repository the Hub redirects it to.
    assert_eq!(at("model:acme/helper@main"), main(22));
    assert_eq!(at("model:openai-community/gpt2@main"), main(21));
    let names: Vec<&str> = v["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] != "crate")
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    // A space is not a model; `source.model(|p| …)` is no Hub call.
    assert!(!names.contains(&"acme/a-space"), "{names:?}");
    assert_eq!(names.len(), 8, "{names:?}");
    // An id-shaped literal no Hub call takes, in a crate that calls the
    // Hub: listed with the reason, not audited.
    let loose = v["unaudited_references"].as_array().unwrap();
    assert_eq!(loose.len(), 1, "{loose:#?}");
    assert_eq!(loose[0]["id"], "acme/spare");
    assert_eq!(loose[0]["reference"]["kind"], "untraced");
    assert_eq!(loose[0]["reference"]["file"], "src/render.rs");
    assert_eq!(loose[0]["reference"]["line"], 20);
    assert!(loose[0]["why"].as_str().unwrap().contains("no Hub call"));
}

#[test]
fn a_crate_that_never_calls_the_hub_has_no_ids_by_shape_or_field_name() {
    let ws = Workspace::new("hub-v1");
    ws.write(
        "src/main.rs",
        "struct Job { model_id: String }\n\
         fn main() {\n\
         \x20   let _job = Job { model_id: \"acme/render-job\".to_owned() };\n\
         \x20   let _spare = \"acme/spare\";\n\
         }\n",
    );
    std::fs::remove_file(ws.path().join("src/hub.rs")).unwrap();
    std::fs::remove_file(ws.path().join("src/render.rs")).unwrap();
    let v = list(&ws);
    assert!(models(&v).is_empty(), "{v:#}");
    assert_eq!(v["unaudited_references"], serde_json::json!([]), "{v:#}");
}

#[test]
fn a_config_key_is_read_where_a_struct_field_reaching_the_hub_is_deserialized() {
    let ws = Workspace::new("hub-v1");
    ws.write(
        "src/settings.rs",
        "use hf_hub::api::sync::Api;\n\
         \n\
         #[derive(serde::Deserialize)]\n\
         pub struct Settings {\n\
         \x20   pub weights_repo: String,\n\
         }\n\
         \n\
         pub fn load(settings: &Settings) {\n\
         \x20   let _repo = Api::new().unwrap().model(settings.weights_repo.clone());\n\
         }\n",
    );
    ws.write(
        "config/app.json",
        "{\n  \"name\": \"demo\",\n  \"weights_repo\": \"acme/from-config\"\n}\n",
    );
    let v = list(&ws);
    let found = v["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "model:acme/from-config@main")
        .unwrap_or_else(|| panic!("{v:#}"));
    let r = &found["references"][0];
    assert_eq!(r["kind"], "config-file");
    assert_eq!(r["file"], "config/app.json");
    assert_eq!(r["line"], 3);
    assert_eq!(r["via"][0], "src/settings.rs:9");
}

#[test]
fn an_id_in_a_file_with_no_hub_marker_is_listed_in_a_crate_that_calls_the_hub() {
    let ws = Workspace::new("hub-v1");
    // No Hub call, no id field, no URL: nothing here makes the file worth
    // parsing, and yet it holds an id.
    ws.write(
        "src/presets.rs",
        "//! Presets; \"acme/in-a-doc\" in a doc comment is no literal.\n\
         /// Falls back to \"acme/doc-id\".\n\
         pub const FALLBACK: &str = \"acme/fallback-weights\";\n\
         pub fn media() -> &'static str { \"image/png\" }\n\
         pub fn raw() -> &'static str { r#\"acme/raw-id\"# }\n",
    );
    let v = list(&ws);
    let loose: Vec<(&str, &str, u64)> = v["unaudited_references"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["reference"]["file"] == "src/presets.rs")
        .map(|l| {
            (
                l["id"].as_str().unwrap(),
                l["reference"]["kind"].as_str().unwrap(),
                l["reference"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        loose,
        [
            ("acme/fallback-weights", "untraced", 3),
            ("acme/raw-id", "untraced", 5)
        ],
        "{v:#}"
    );
}

#[test]
fn an_id_stored_in_an_enum_variant_by_a_constructor_in_one_file_and_destructured_in_another() {
    let ws = Workspace::new("hub-v1");
    ws.write(
        "src/source.rs",
        "pub enum Source {\n\
         \x20   Hub { id: String, revision: String, file: String },\n\
         \x20   Local(String),\n\
         }\n\
         impl Source {\n\
         \x20   pub fn hub(id: String, revision: String, file: String) -> Self {\n\
         \x20       Source::Hub { id, revision, file }\n\
         \x20   }\n\
         }\n",
    );
    ws.write(
        "src/fetch.rs",
        "use hf_hub::{Repo, RepoType, api::sync::Api};\n\
         use crate::source::Source;\n\
         pub fn fetch(source: Source) {\n\
         \x20   match source {\n\
         \x20       Source::Hub { id, revision, file } => {\n\
         \x20           let api = Api::new().unwrap();\n\
         \x20           let repo = api.repo(Repo::with_revision(id.clone(), RepoType::Model, revision.clone()));\n\
         \x20           let _ = repo.get(&file);\n\
         \x20       }\n\
         \x20       Source::Local(_) => {}\n\
         \x20   }\n\
         }\n",
    );
    ws.write(
        "src/catalog.rs",
        "use crate::source::Source;\n\
         pub enum Size { Small, Large }\n\
         impl Size {\n\
         \x20   fn repo(&self) -> (&'static str, &'static str) {\n\
         \x20       match self {\n\
         \x20           Size::Small => (\"acme/variant-small\", \"main\"),\n\
         \x20           Size::Large => (\"acme/variant-large\", \"v2\"),\n\
         \x20       }\n\
         \x20   }\n\
         }\n\
         pub fn all() {\n\
         \x20   let (id, rev) = Size::Small.repo();\n\
         \x20   crate::fetch::fetch(Source::hub(id.to_string(), rev.to_string(), \"w.gguf\".into()));\n\
         \x20   let direct = Source::hub(\"acme/variant-direct\".to_string(), \"main\".to_string(), \"w.gguf\".to_string());\n\
         \x20   crate::fetch::fetch(direct);\n\
         }\n",
    );
    let v = list(&ws);
    let found = models(&v);
    for (id, line) in [
        ("model:acme/variant-small@main", 6),
        ("model:acme/variant-large@v2", 7),
        ("model:acme/variant-direct@main", 14),
    ] {
        let m = model(&found, id);
        assert_eq!(m.2[0]["file"], "src/catalog.rs", "{id}: {m:#?}");
        assert_eq!(m.2[0]["line"], line, "{id}: {m:#?}");
        // The way the id went, through the constructor's file to the call.
        let hops = via(&m.2[0]);
        assert!(
            hops.iter().any(|h| h.starts_with("src/source.rs:7"))
                && hops
                    .iter()
                    .any(|h| h.starts_with("src/fetch.rs:7 Repo::with_revision")),
            "{id}: {hops:?}"
        );
    }
    // What the constructor already carried is not also a run-time value.
    let loose: Vec<&Value> = v["unaudited_references"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["reference"]["file"] == "src/catalog.rs")
        .collect();
    assert!(loose.is_empty(), "{loose:#?}");
}

#[test]
fn an_id_crosses_workspace_members_through_a_constructor_and_a_destructuring_fetcher() {
    // `model` defines the type and its constructor; `fetcher` depends on
    // it and takes the field to the Hub; `app` depends on both and names
    // the ids. No member but `fetcher` calls the Hub.
    let ws = Workspace::new("hub-v1");
    ws.write(
        "Cargo.toml",
        "[workspace]\nmembers = [\"app\", \"model\", \"fetcher\"]\nresolver = \"2\"\n",
    );
    std::fs::remove_dir_all(ws.path().join("src")).unwrap();
    let manifest = |name: &str, deps: &str| {
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\nlicense = \"MIT\"\n\n[dependencies]\n{deps}"
        )
    };
    ws.write("model/Cargo.toml", &manifest("model", ""));
    ws.write(
        "fetcher/Cargo.toml",
        &manifest("fetcher", "model = { path = \"../model\" }\n"),
    );
    ws.write(
        "app/Cargo.toml",
        &manifest(
            "app",
            "model = { path = \"../model\" }\nfetcher = { path = \"../fetcher\" }\n",
        ),
    );
    ws.write(
        "model/src/lib.rs",
        "pub enum Source {\n\
         \x20   Hub { id: String, revision: String, file: String },\n\
         \x20   Local(String),\n\
         }\n\
         impl Source {\n\
         \x20   pub fn hub(id: String, revision: String, file: String) -> Self {\n\
         \x20       Self::Hub { id, revision, file }\n\
         \x20   }\n\
         }\n",
    );
    ws.write(
        "fetcher/src/lib.rs",
        "use hf_hub::{Repo, RepoType, api::sync::Api};\n\
         use model::Source;\n\
         pub fn fetch(source: Source) {\n\
         \x20   if let Source::Hub { id, revision, file } = source {\n\
         \x20       let api = Api::new().unwrap();\n\
         \x20       let repo = api.repo(Repo::with_revision(id, RepoType::Model, revision));\n\
         \x20       let _ = repo.get(&file);\n\
         \x20   }\n\
         }\n",
    );
    ws.write(
        "app/src/main.rs",
        "use model::Source;\n\
         fn main() {\n\
         \x20   let s = Source::hub(\"acme/by-constructor\".to_string(), \"v1\".to_string(), \"w.gguf\".to_string());\n\
         \x20   fetcher::fetch(s);\n\
         \x20   fetcher::fetch(Source::Hub { id: \"acme/by-literal\".into(), revision: \"main\".into(), file: \"x\".into() });\n\
         }\n",
    );
    let v = list(&ws);
    let found = models(&v);
    for (id, line, hops) in [
        (
            "model:acme/by-constructor@v1",
            3,
            [
                "app/src/main.rs:3 Source::hub(..)",
                "model/src/lib.rs:7 Source { id }",
                "fetcher/src/lib.rs:6 Repo::with_revision(..)",
            ]
            .as_slice(),
        ),
        (
            "model:acme/by-literal@main",
            5,
            [
                "app/src/main.rs:5 Source { id }",
                "fetcher/src/lib.rs:6 Repo::with_revision(..)",
            ]
            .as_slice(),
        ),
    ] {
        let m = model(&found, id);
        assert_eq!(m.2[0]["file"], "app/src/main.rs", "{id}: {m:#?}");
        assert_eq!(m.2[0]["line"], line, "{id}: {m:#?}");
        assert_eq!(via(&m.2[0]), hops, "{id}");
    }
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(v["unaudited_references"], serde_json::json!([]), "{v:#}");
}

#[test]
fn an_id_returned_by_a_function_of_another_file_is_traced_where_it_is_written() {
    let ws = Workspace::new("hub-v1");
    ws.write(
        "src/sizes.rs",
        "pub enum Size { Small, Large }\n\
         impl Size {\n\
         \x20   pub fn model_and_revision(&self) -> (&'static str, &'static str) {\n\
         \x20       match self {\n\
         \x20           Self::Small => (\"acme/returned-small\", \"main\"),\n\
         \x20           Self::Large => (\"acme/returned-large\", \"main\"),\n\
         \x20       }\n\
         \x20   }\n\
         }\n",
    );
    ws.write(
        "src/loader.rs",
        "use hf_hub::{Repo, RepoType, api::sync::Api};\n\
         pub fn load(size: crate::sizes::Size) {\n\
         \x20   let (model_id, revision) = size.model_and_revision();\n\
         \x20   let api = Api::new().unwrap();\n\
         \x20   let _ = api.repo(Repo::with_revision(model_id.to_owned(), RepoType::Model, revision.to_owned()));\n\
         }\n",
    );
    let v = list(&ws);
    let found = models(&v);
    for (id, line) in [
        ("model:acme/returned-small@main", 5),
        ("model:acme/returned-large@main", 6),
    ] {
        let m = model(&found, id);
        assert_eq!(m.2[0]["file"], "src/sizes.rs", "{id}: {m:#?}");
        assert_eq!(m.2[0]["line"], line, "{id}: {m:#?}");
        assert_eq!(
            via(&m.2[0]),
            [
                format!("src/sizes.rs:{line} model_and_revision()").as_str(),
                "src/loader.rs:5 Repo::with_revision(..)"
            ],
            "{id}"
        );
    }
    // The value at the call is no longer a run-time reference.
    let loose: Vec<&Value> = v["unaudited_references"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["reference"]["file"] == "src/loader.rs")
        .collect();
    assert!(loose.is_empty(), "{loose:#?}");
}

#[test]
fn an_id_stored_in_a_tuple_variant_reaches_the_hub_through_a_method_matching_self() {
    let ws = bare_app();
    // The builder stores a custom id in a variant; another file's method
    // hands the payload back by `match self`.
    ws.write(
        "src/main.rs",
        "use hf_hub::{api::sync::Api, Repo, RepoType};\n\
         mod presets;\n\
         use presets::Preset;\n\
         \n\
         pub struct Builder { preset: Preset }\n\
         \n\
         impl Builder {\n\
         \x20   pub fn new() -> Self { Builder { preset: Preset::Small } }\n\
         \x20   pub fn custom(mut self, id: &str) -> Self {\n\
         \x20       self.preset = Preset::Custom(id.to_string());\n\
         \x20       self\n\
         \x20   }\n\
         \x20   pub fn local(mut self, dir: &str) -> Self {\n\
         \x20       self.preset = Preset::Local(dir.into());\n\
         \x20       self\n\
         \x20   }\n\
         \x20   pub fn build(self) {\n\
         \x20       let repo = Repo::with_revision(self.preset.repo_id(), RepoType::Model, \"main\".to_string());\n\
         \x20       let _ = Api::new().unwrap().repo(repo);\n\
         \x20   }\n\
         }\n\
         \n\
         fn main() {\n\
         \x20   Builder::new().custom(\"acme/custom-weights\").build();\n\
         \x20   Builder::new().local(\"weights/local\").build();\n\
         }\n",
    );
    ws.write(
        "src/presets.rs",
        "pub const SMALL: &str = \"acme/small\";\n\
         \n\
         pub enum Preset {\n\
         \x20   Small,\n\
         \x20   Custom(String),\n\
         \x20   Local(std::path::PathBuf),\n\
         }\n\
         \n\
         impl Preset {\n\
         \x20   pub fn repo_id(&self) -> String {\n\
         \x20       match self {\n\
         \x20           Preset::Small => SMALL.to_string(),\n\
         \x20           Preset::Custom(id) => id.clone(),\n\
         \x20           Preset::Local(_) => String::new(),\n\
         \x20       }\n\
         \x20   }\n\
         }\n",
    );
    let v = list(&ws);
    let models = models(&v);
    let ids: Vec<&str> = models.iter().map(|m| m.0.as_str()).collect();
    // The other variant's payload (a directory) is no id.
    assert_eq!(
        ids,
        ["model:acme/custom-weights@main", "model:acme/small@main"]
    );
    let custom = &model(&models, "model:acme/custom-weights@main").2[0];
    assert_eq!(custom["file"], "src/main.rs");
    assert_eq!(custom["line"], 24);
    assert_eq!(
        via(custom),
        [
            "src/main.rs:24 .custom(..)",
            "src/main.rs:10 Preset::Custom(..)",
            "src/main.rs:18 Repo::with_revision(..)"
        ]
    );
}

#[test]
fn an_id_in_a_field_of_a_field_of_self_reaches_the_hub_from_consts_in_another_file() {
    let ws = bare_app();
    // `self.preset.gguf_repo` is the field `gguf_repo` of the type of the
    // field `preset` (`Preset`); the presets, built in another file with
    // `Cow::Borrowed`, set it, and the loader hands it to a generic
    // `S: Into<String>` parameter that reaches the Hub. `base_repo` beside
    // it never reaches the Hub.
    ws.write(
        "src/main.rs",
        "use hf_hub::api::sync::Api;\n\
         mod preset;\n\
         mod presets;\n\
         use preset::Preset;\n\
         \n\
         pub struct Downloader { api: Api }\n\
         \n\
         impl Downloader {\n\
         \x20   pub fn api(&self) -> &Api { &self.api }\n\
         \x20   pub fn fetch<S: Into<String>>(&self, repo: S) {\n\
         \x20       let repo = repo.into();\n\
         \x20       let _ = self.api().model(repo.clone()).get(\"model.gguf\");\n\
         \x20   }\n\
         }\n\
         \n\
         pub struct Loader { preset: Preset, downloader: Downloader }\n\
         \n\
         impl Loader {\n\
         \x20   pub fn load(&self) {\n\
         \x20       self.downloader.fetch(self.preset.gguf_repo.clone());\n\
         \x20   }\n\
         }\n\
         \n\
         fn main() {\n\
         \x20   let loader = Loader { preset: Preset::SMALL, downloader: Downloader { api: Api::new().unwrap() } };\n\
         \x20   loader.load();\n\
         }\n",
    );
    ws.write(
        "src/preset.rs",
        "use std::borrow::Cow;\n\
         pub struct Preset {\n\
         \x20   pub base_repo: Cow<'static, str>,\n\
         \x20   pub gguf_repo: Cow<'static, str>,\n\
         }\n",
    );
    ws.write(
        "src/presets.rs",
        "use crate::preset::Preset;\n\
         use std::borrow::Cow;\n\
         impl Preset {\n\
         \x20   pub const SMALL: Preset = Preset {\n\
         \x20       base_repo: Cow::Borrowed(\"acme/small\"),\n\
         \x20       gguf_repo: Cow::Borrowed(\"acme/small-GGUF\"),\n\
         \x20   };\n\
         }\n",
    );
    let v = list(&ws);
    let models = models(&v);
    let ids: Vec<&str> = models.iter().map(|m| m.0.as_str()).collect();
    assert_eq!(ids, ["model:acme/small-GGUF@main"], "{v:#}");
    let (_, _, refs) = model(&models, "model:acme/small-GGUF@main");
    assert_eq!(refs[0]["file"], "src/presets.rs");
    assert_eq!(refs[0]["line"], 6);
    let loose: Vec<(&str, &str)> = unaudited(&v)
        .into_iter()
        .map(|(id, kind, _)| (id, kind))
        .collect();
    assert_eq!(loose, [("acme/small", "untraced")], "{v:#}");
}

#[test]
fn a_method_of_a_parameters_type_defined_in_another_file_is_followed_whatever_its_name() {
    let ws = bare_app();
    // `version.repo()`: `repo` is a name many types have, but `version`
    // is a `Version`, whose `repo` (in `src/version.rs`) returns the ids by
    // a `match`. `Version::mirror` of the same file and a `repo` of another
    // type are never downloaded.
    ws.write(
        "src/main.rs",
        "use hf_hub::api::sync::Api;\n\
         mod version;\n\
         mod other;\n\
         use version::Version;\n\
         \n\
         pub enum Part { Unet, Vae }\n\
         \n\
         impl Part {\n\
         \x20   pub fn get(&self, version: Version) {\n\
         \x20       let (repo, file) = match self {\n\
         \x20           Self::Unet => (version.repo(), \"unet.safetensors\"),\n\
         \x20           Self::Vae => (Version::repo(&version), \"vae.safetensors\"),\n\
         \x20       };\n\
         \x20       let _ = Api::new().unwrap().model(repo.to_string()).get(file);\n\
         \x20   }\n\
         }\n\
         \n\
         fn main() { Part::Unet.get(Version::Small); }\n",
    );
    ws.write(
        "src/version.rs",
        "pub enum Version { Small, Large }\n\
         impl Version {\n\
         \x20   pub fn repo(&self) -> &'static str {\n\
         \x20       match self {\n\
         \x20           Self::Small => \"acme/diffusion-small\",\n\
         \x20           Self::Large => \"acme/diffusion-large\",\n\
         \x20       }\n\
         \x20   }\n\
         \x20   pub fn mirror(&self) -> &'static str { \"acme/mirror\" }\n\
         }\n",
    );
    ws.write(
        "src/other.rs",
        "pub struct Other;\n\
         impl Other {\n\
         \x20   pub fn repo(&self) -> &'static str { \"acme/not-a-model\" }\n\
         }\n",
    );
    let v = list(&ws);
    let models = models(&v);
    let ids: Vec<&str> = models.iter().map(|m| m.0.as_str()).collect();
    assert_eq!(
        ids,
        [
            "model:acme/diffusion-large@main",
            "model:acme/diffusion-small@main"
        ],
        "{v:#}"
    );
    let (_, _, refs) = model(&models, "model:acme/diffusion-small@main");
    assert_eq!(refs[0]["file"], "src/version.rs");
    assert_eq!(refs[0]["line"], 5);
}

#[test]
fn a_files_own_macro_is_read_as_the_code_it_makes_at_each_invocation() {
    let ws = bare_app();
    // Each invocation splits an id into owner and name; the macro joins
    // them with `format!` and hands the id to the Hub. The references are
    // at the invocations, not in the macro every invocation shares.
    ws.write(
        "src/main.rs",
        "use hf_hub::api::sync::Api;\n\
         \n\
         macro_rules! fetch_test {\n\
         \x20   (owner: $owner:literal, name: $name:literal, test: $test:ident $(, files: [$($file:literal),* $(,)?])?) => {\n\
         \x20       #[test]\n\
         \x20       fn $test() {\n\
         \x20           let id = format!(\"{}/{}\", $owner, $name);\n\
         \x20           let repo = Api::new().unwrap().model(id);\n\
         \x20           $($(let _ = repo.get($file);)*)?\n\
         \x20       }\n\
         \x20   };\n\
         }\n\
         \n\
         macro_rules! one {\n\
         \x20   ($id:expr) => { Api::new().unwrap().model($id.to_string()) };\n\
         }\n\
         \n\
         fetch_test! {\n\
         \x20   owner: \"acme\",\n\
         \x20   name: \"macro-made\",\n\
         \x20   test: first\n\
         }\n\
         fetch_test!(owner: \"acme\", name: \"second\", test: second, files: [\"a.json\", \"b.json\",]);\n\
         \n\
         fn main() {\n\
         \x20   let _ = one!(\"acme/in-main\");\n\
         \x20   let size = \"7b\";\n\
         \x20   let _ = Api::new().unwrap().model(format!(\"acme/chat-{size}\"));\n\
         }\n",
    );
    let v = list(&ws);
    let models = models(&v);
    let found: Vec<(&str, &str, u64)> = models
        .iter()
        .map(|m| (m.0.as_str(), m.1.as_str(), m.2[0]["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            ("model:acme/chat-7b@main", "normal", 28),
            ("model:acme/in-main@main", "normal", 26),
            ("model:acme/macro-made@main", "dev", 19),
            ("model:acme/second@main", "dev", 23),
        ],
        "{v:#}"
    );
}

#[test]
fn a_program_that_downloads_the_repository_its_command_line_names_is_a_hub_call() {
    let ws = bare_app();
    ws.write(
        "src/main.rs",
        "use std::process::Command;\n\
         \n\
         const EXPORTED: &str = \"acme/exported\";\n\
         \n\
         fn export(model: &str) {\n\
         \x20   let _ = Command::new(\"optimum-cli\")\n\
         \x20       .args([\"export\", \"onnx\", \"--model\", model, \"out\"])\n\
         \x20       .output();\n\
         }\n\
         \n\
         fn main() {\n\
         \x20   export(EXPORTED);\n\
         \x20   let _ = Command::new(\"/usr/bin/hf\").arg(\"download\").arg(\"acme/by-hf\").status();\n\
         \x20   let _ = Command::new(\"huggingface-cli\")\n\
         \x20       .args(&[\"download\", \"acme/data\", \"--repo-type\", \"dataset\"])\n\
         \x20       .status();\n\
         \x20   let _ = Command::new(\"echo\").args([\"--model\", \"acme/echoed\"]).status();\n\
         \x20   let _ = Command::new(\"optimum-cli\").args([\"export\", \"onnx\", \"-m\", \"acme/short-flag\"]).status();\n\
         }\n",
    );
    let v = list(&ws);
    let ids: Vec<&str> = v["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] != "crate")
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "dataset:acme/data@main",
            "model:acme/by-hf@main",
            "model:acme/exported@main",
            "model:acme/short-flag@main",
        ],
        "{v:#}"
    );
    // `echo` downloads nothing: its id is listed, not audited.
    let loose: Vec<&str> = unaudited(&v).into_iter().map(|(id, _, _)| id).collect();
    assert_eq!(loose, ["acme/echoed"], "{v:#}");
}

#[test]
fn a_hub_url_in_a_panics_message_is_listed_not_audited() {
    let ws = bare_app();
    ws.write(
        "src/main.rs",
        "use hf_hub::api::sync::Api;\n\
         \n\
         fn parse(url: &str) {\n\
         \x20   if !url.ends_with(\".gguf\") {\n\
         \x20       panic!(\"should be like: hf://acme/example-GGUF/a.gguf\");\n\
         \x20   }\n\
         }\n\
         \n\
         fn main() {\n\
         \x20   parse(\"x\");\n\
         \x20   println!(\"download hf://acme/needed/b.gguf first\");\n\
         \x20   let _ = Api::new().unwrap().model(\"acme/called\".to_string());\n\
         }\n",
    );
    let v = list(&ws);
    let models = models(&v);
    let ids: Vec<&str> = models.iter().map(|m| m.0.as_str()).collect();
    assert_eq!(
        ids,
        ["model:acme/called@main", "model:acme/needed@main"],
        "{v:#}"
    );
    assert_eq!(
        unaudited(&v),
        [("acme/example-GGUF", "untraced", 5)],
        "{v:#}"
    );
}

/// Nothing is dropped in silence, whatever path discovery takes: every
/// id-shaped literal the lexer sees in a crate that calls the Hub is a
/// reference of an audited model or an unaudited reference, at its line.
/// (The corpus test checks the same on every registry crate it reads.)
#[test]
fn every_id_shaped_literal_of_a_crate_that_calls_the_hub_is_audited_or_listed() {
    let ws = bare_app();
    let text = "use hf_hub::api::sync::Api;\n\
         \n\
         const UNUSED: &str = \"acme/unused-const\";\n\
         \n\
         #[derive(Debug)]\n\
         #[allow(dead_code)]\n\
         struct Args {\n\
         \x20   #[doc = \"not a literal of code\"]\n\
         \x20   #[serde(rename = \"acme/renamed\")]\n\
         \x20   model: String,\n\
         }\n\
         \n\
         macro_rules! shout { ($e:expr) => { println!(\"{}\", $e) }; }\n\
         \n\
         fn main() {\n\
         \x20   println!(\"{} {}\", \"acme/in-println\", \"MB/s\");\n\
         \x20   shout!(\"acme/in-own-macro\");\n\
         \x20   let table = [(\"small\", \"acme/in-table\")];\n\
         \x20   let pick = |k: &str| match k { \"x\" => \"acme/in-closure\", _ => \"acme/other\" };\n\
         \x20   assert_eq!(pick(\"x\"), \"acme/in-assert\");\n\
         \x20   let _ = (table, UNUSED);\n\
         \x20   let _ = Api::new().unwrap().model(\"acme/called\".to_string());\n\
         }\n";
    ws.write("src/main.rs", text);
    let v = list(&ws);
    let mut seen = std::collections::BTreeSet::new();
    for a in v["artifacts"].as_array().unwrap() {
        for r in a["references"].as_array().into_iter().flatten() {
            seen.insert(r["line"].as_u64().unwrap_or(0));
        }
    }
    seen.extend(unaudited(&v).into_iter().map(|(_, _, line)| line));
    let literals = cargo_model_audit::discover::source::untraced_literals(text);
    assert!(literals.len() >= 10, "{literals:?}");
    for f in literals {
        assert!(
            seen.contains(&u64::from(f.line)),
            "{} at line {} is neither audited nor listed: {v:#}",
            f.id,
            f.line
        );
    }
}
