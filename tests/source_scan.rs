//! The source scanner (`discover::source`) on fixture files: each fixture
//! under `tests/fixtures/scan/` exercises one way an id reaches hf-hub and
//! at least one string that is not a reference, and the exact list of
//! references is asserted.

use cargo_model_audit::discover::source::{Found, files_to_scan, scan_config, scan_rust};
use cargo_model_audit::domain::{Confidence, ReferenceKind};
use cargo_model_audit::policy::ScanDirs;
use std::path::{Path, PathBuf};

const HIGH: Confidence = Confidence::High;
const MEDIUM: Confidence = Confidence::Medium;
const LOW: Confidence = Confidence::Low;

/// (id, revision, dataset, line, how, confidence)
type Row = (
    &'static str,
    Option<&'static str>,
    bool,
    u32,
    ReferenceKind,
    Confidence,
);

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/scan")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

type Owned = (String, Option<String>, bool, u32, ReferenceKind, Confidence);

fn owned(expected: &[Row]) -> Vec<Owned> {
    expected
        .iter()
        .map(|&(id, rev, dataset, line, how, confidence)| {
            (
                id.to_owned(),
                rev.map(str::to_owned),
                dataset,
                line,
                how,
                confidence,
            )
        })
        .collect()
}

fn rows(found: Vec<Found>) -> Vec<Owned> {
    found
        .into_iter()
        .map(|f| (f.id, f.revision, f.dataset, f.line, f.how, f.confidence))
        .collect()
}

fn assert_rust(name: &str, expected: &[Row]) {
    let found = scan_rust(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(rows(found), owned(expected), "{name}");
}

fn assert_config(name: &str, expected: &[Row]) {
    let found = scan_config(name, &fixture(name));
    assert_eq!(rows(found), owned(expected), "{name}");
}

#[test]
fn literal_call_arguments() {
    use ReferenceKind::CallArgument as C;
    assert_rust(
        "literal_call.rs.txt",
        &[
            ("google-bert/bert-base-uncased", None, false, 9, C, HIGH),
            ("openai-community/gpt2", None, false, 10, C, HIGH),
            (
                "sentence-transformers/all-MiniLM-L6-v2",
                None,
                false,
                11,
                C,
                HIGH,
            ),
            ("BAAI/bge-small-en-v1.5", None, false, 12, C, HIGH),
        ],
    );
}

#[test]
fn consts_and_statics() {
    use ReferenceKind::TracedValue as T;
    assert_rust(
        "const_static.rs.txt",
        &[
            ("mistralai/Mistral-7B-v0.1", None, false, 4, T, MEDIUM),
            (
                "hf-internal-testing/llama-tokenizer",
                None,
                false,
                5,
                T,
                MEDIUM,
            ),
        ],
    );
}

#[test]
fn match_arms_direct_and_through_a_method() {
    use ReferenceKind::MatchArm as M;
    assert_rust(
        "match_arms.rs.txt",
        &[
            ("openai/whisper-small", None, false, 11, M, MEDIUM),
            ("openai/whisper-large-v3", None, false, 12, M, MEDIUM),
            ("microsoft/phi-1", None, false, 20, M, MEDIUM),
            ("microsoft/phi-2", None, false, 21, M, MEDIUM),
        ],
    );
}

#[test]
fn clap_default_value_with_its_revision() {
    use ReferenceKind::ClapDefault as D;
    assert_rust(
        "clap_default.rs.txt",
        &[
            // `default_value = DEFAULT_VAE`: the const's literal.
            ("madebyollin/sdxl-vae-fp16-fix", None, false, 4, D, MEDIUM),
            ("google/gemma-2b-it", Some("main"), false, 9, D, MEDIUM),
        ],
    );
}

#[test]
fn unwrap_or_at_the_call() {
    use ReferenceKind::TracedValue as T;
    assert_rust(
        "unwrap_or.rs.txt",
        &[
            ("Qwen/Qwen2-0.5B", None, false, 11, T, MEDIUM),
            ("Qwen/Qwen2-1.5B", None, false, 15, T, MEDIUM),
        ],
    );
}

#[test]
fn repo_constructors_revisions_and_kinds() {
    use ReferenceKind::{CallArgument as C, TracedValue as T};
    assert_rust(
        "repo_revision.rs.txt",
        &[
            ("stabilityai/sdxl-turbo", None, false, 5, C, HIGH),
            ("lmz/candle-mistral", None, false, 6, C, HIGH),
            (
                "sentence-transformers/all-MiniLM-L6-v2",
                Some("refs/pr/21"),
                false,
                8,
                C,
                HIGH,
            ),
            ("HuggingFaceFW/fineweb", Some("v1.2.0"), true, 13, C, HIGH),
            // The revision of the same branch, not the other one.
            (
                "openai/whisper-tiny.en",
                Some("refs/pr/15"),
                false,
                24,
                T,
                MEDIUM,
            ),
            ("openai/whisper-tiny", Some("main"), false, 26, T, MEDIUM),
            ("TheBloke/Llama-2-13B-GGML", None, false, 34, T, MEDIUM),
            ("TheBloke/Llama-2-7B-GGML", None, false, 34, T, MEDIUM),
        ],
    );
}

#[test]
fn datasets() {
    assert_rust(
        "dataset.rs.txt",
        &[
            (
                "ylecun/mnist",
                None,
                true,
                5,
                ReferenceKind::CallArgument,
                HIGH,
            ),
            (
                "roneneldan/TinyStories",
                None,
                true,
                6,
                ReferenceKind::TracedValue,
                MEDIUM,
            ),
        ],
    );
}

#[test]
fn format_is_a_dynamic_reference() {
    use ReferenceKind::Dynamic as D;
    assert_rust(
        "format_dynamic.rs.txt",
        &[
            ("meta-llama/Llama-2-{}-hf", None, false, 6, D, LOW),
            ("TheBloke/Mistral-{size}-GGUF", None, false, 7, D, LOW),
        ],
    );
}

#[test]
fn hub_urls_anywhere_but_in_comments() {
    use ReferenceKind::HubUrl as U;
    assert_rust(
        "hub_urls.rs.txt",
        &[
            (
                "openai/clip-vit-base-patch32",
                Some("refs/pr/15"),
                false,
                4,
                U,
                HIGH,
            ),
            ("Narsil/candle_demo", Some("main"), true, 5, U, HIGH),
            ("HuggingFaceFW/fineweb-edu", None, true, 9, U, HIGH),
            ("stabilityai/sdxl-turbo", Some("v1.0"), false, 10, U, HIGH),
            ("TheBloke/Llama-2-7B-GGUF", Some("main"), false, 12, U, HIGH),
        ],
    );
}

#[test]
fn bindings_parameters_fields_and_loops() {
    // `load` and the field `Config::repo_id` reach `api.model`, so calling
    // `load` or setting the field is itself a Hub call (as `list` reports
    // it): the file's own Hub functions count for its own calls.
    use ReferenceKind::{CallArgument as C, TracedValue as T};
    assert_rust(
        "traced.rs.txt",
        &[
            (
                "Salesforce/blip-image-captioning-large",
                None,
                false,
                13,
                T,
                MEDIUM,
            ),
            ("facebook/dinov2-small", None, false, 15, C, HIGH),
            ("facebook/dinov2-base", None, false, 17, C, HIGH),
            ("BAAI/bge-base-en-v1.5", None, false, 20, T, MEDIUM),
            ("BAAI/bge-large-en-v1.5", None, false, 20, T, MEDIUM),
        ],
    );
}

#[test]
fn features_paths_crates_and_comments_are_not_references() {
    // The id read from the environment is the one run-time reference: the
    // call is named, the value is not audited.
    assert_rust(
        "non_references.rs.txt",
        &[(
            "std::env::var(\"MODEL\").unwrap()",
            None,
            false,
            16,
            ReferenceKind::RunTime,
            LOW,
        )],
    );
}

#[test]
fn a_file_that_does_not_parse_is_an_error() {
    let err = scan_rust(&fixture("unparseable.rs.txt")).unwrap_err();
    assert!(err.contains("line 3"), "{err}");
}

#[test]
fn a_file_without_any_hub_call_is_not_parsed() {
    // No `Repo`, no `.model(`/`.dataset(` call, no Hub URL: nothing to find,
    // so the (invalid) file is not parsed.
    assert_eq!(scan_rust("fn main( { let model = 1; }"), Ok(Vec::new()));
}

#[test]
fn how_names() {
    let names: Vec<&str> = [
        ReferenceKind::CallArgument,
        ReferenceKind::TracedValue,
        ReferenceKind::MatchArm,
        ReferenceKind::ClapDefault,
        ReferenceKind::FieldLiteral,
        ReferenceKind::HubUrl,
        ReferenceKind::ConfigFile,
        ReferenceKind::Dynamic,
        ReferenceKind::RunTime,
    ]
    .iter()
    .map(|h| h.as_str())
    .collect();
    assert_eq!(
        names,
        [
            "call-argument",
            "traced-value",
            "match-arm",
            "clap-default",
            "field-literal",
            "hub-url",
            "config-file",
            "dynamic",
            "run-time"
        ]
    );
}

#[test]
fn config_toml() {
    use ReferenceKind::ConfigFile as F;
    assert_config(
        "config.toml",
        &[
            ("mistralai/Mistral-7B-Instruct-v0.2", None, false, 6, F, LOW),
            ("BAAI/bge-small-en-v1.5", None, false, 10, F, LOW),
            ("meta-llama/Llama-2-7b-hf", None, false, 14, F, LOW),
            ("google/gemma-2b", None, false, 18, F, LOW),
        ],
    );
}

#[test]
fn config_json() {
    use ReferenceKind::ConfigFile as F;
    assert_config(
        "config.json",
        &[
            ("openai/clip-vit-base-patch32", None, false, 5, F, LOW),
            ("openai/whisper-tiny", Some("main"), false, 6, F, LOW),
            ("facebook/dinov2-small", None, false, 9, F, LOW),
            ("facebook/dinov2-small", None, false, 10, F, LOW),
        ],
    );
}

#[test]
fn config_yaml() {
    use ReferenceKind::ConfigFile as F;
    assert_config(
        "config.yaml",
        &[
            ("microsoft/phi-2", None, false, 5, F, LOW),
            ("BAAI/bge-base-en-v1.5", None, false, 9, F, LOW),
            (
                "cross-encoder/ms-marco-MiniLM-L-6-v2",
                None,
                false,
                11,
                F,
                LOW,
            ),
            ("Qwen/Qwen2-0.5B", None, false, 14, F, LOW),
            ("Qwen/Qwen2-1.5B", None, false, 15, F, LOW),
        ],
    );
}

#[test]
fn config_json_lists_and_many_repeats() {
    let repeats = vec!["{\"model\": \"e/f\"}"; 20_000].join(",\n");
    let text = format!("{{\n\"base_model\": [\n\"a/b\",\n\"c/d\"\n],\n\"x\": [\n{repeats}\n]}}");
    let found = scan_config("big.json", &text);
    assert_eq!(found.len(), 20_002);
    let first: Vec<(&str, u32)> = found
        .iter()
        .take(3)
        .map(|f| (f.id.as_str(), f.line))
        .collect();
    assert_eq!(first, [("a/b", 3), ("c/d", 4), ("e/f", 7)]);
    assert_eq!(found.last().unwrap().line, 20_006);
}

#[test]
fn config_that_does_not_parse_or_is_of_another_kind() {
    assert_eq!(scan_config("a.toml", "model_id = \"a/b"), Vec::new());
    assert_eq!(scan_config("a.json", "{\"model_id\": \"a/b\""), Vec::new());
    assert_eq!(scan_config("a.yaml", "model_id: [a/b"), Vec::new());
    assert_eq!(scan_config("a.txt", "model_id = \"a/b\""), Vec::new());
    // Extensions are matched without regard to case.
    assert_eq!(scan_config("A.YML", "model_id: a/b\n").len(), 1);
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn relative(root: &Path, files: Vec<PathBuf>) -> Vec<String> {
    files
        .iter()
        .map(|p| p.strip_prefix(root).unwrap().display().to_string())
        .collect()
}

#[test]
fn files_to_scan_lists_sources_and_configs() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for file in [
        "src/main.rs",
        "src/nested/deep/a.rs",
        "src/target/generated.rs",
        "src/.hidden/b.rs",
        "src/notes.txt",
        "build.rs",
        "examples/demo/main.rs",
        "benches/speed.rs",
        "tests/it.rs",
        "Cargo.toml",
        "model.toml",
        "package.json",
        "settings.yml",
        "README.md",
        "sub/ignored.toml",
        "config/models.yaml",
        "configs/deep/pipeline.json",
        "assets/meta.json",
        "target/debug/out.rs",
    ] {
        write(&root.join(file), "");
    }
    let all = relative(root, files_to_scan(root, &ScanDirs::default()));
    assert_eq!(
        all,
        [
            "src/main.rs",
            "src/nested/deep/a.rs",
            "examples/demo/main.rs",
            "benches/speed.rs",
            "tests/it.rs",
            "build.rs",
            "model.toml",
            "package.json",
            "settings.yml",
            "config/models.yaml",
            "configs/deep/pipeline.json",
            "assets/meta.json",
        ]
    );

    let some = ScanDirs {
        examples: false,
        benches: false,
        configs: false,
        build: false,
        ..ScanDirs::default()
    };
    let only = relative(root, files_to_scan(root, &some));
    assert_eq!(only, ["src/main.rs", "src/nested/deep/a.rs", "tests/it.rs"]);
}

#[test]
fn files_to_scan_skips_large_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("src/small.rs"), "fn main() {}");
    let big = vec![b' '; 4 * 1024 * 1024 + 1];
    std::fs::create_dir_all(root.join("src")).unwrap();
    std::fs::write(root.join("src/big.rs"), big).unwrap();
    assert_eq!(
        relative(root, files_to_scan(root, &ScanDirs::default())),
        ["src/small.rs"]
    );
}

#[cfg(unix)]
#[test]
fn files_to_scan_does_not_follow_symlinks() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("src/main.rs"), "fn main() {}");
    // A loop back to the crate root, a link to a file, a linked `tests/`.
    symlink(root, root.join("src/loop")).unwrap();
    symlink(root.join("src/main.rs"), root.join("src/alias.rs")).unwrap();
    symlink(root.join("src"), root.join("tests")).unwrap();
    symlink(root.join("src/main.rs"), root.join("linked.toml")).unwrap();
    assert_eq!(
        relative(root, files_to_scan(root, &ScanDirs::default())),
        ["src/main.rs"]
    );
}

#[test]
fn renamed_repo_type_and_arrays_of_ids() {
    let text = r#"use hf_hub::Repo as HubRepo;
const MODELS: [&str; 2] = ["BAAI/bge-base-en-v1.5", "BAAI/bge-large-en-v1.5"];
fn main() {
    let api = hf_hub::api::sync::Api::new().unwrap();
    let _ = api.repo(HubRepo::model("lmz/candle-mistral".to_string()));
    for id in MODELS {
        let _ = api.repo(HubRepo::model(id.to_string()));
    }
}
"#;
    let found: Vec<(String, u32, ReferenceKind)> = scan_rust(text)
        .unwrap()
        .into_iter()
        .map(|f| (f.id, f.line, f.how))
        .collect();
    assert_eq!(
        found,
        [
            (
                "BAAI/bge-base-en-v1.5".to_owned(),
                2,
                ReferenceKind::TracedValue
            ),
            (
                "BAAI/bge-large-en-v1.5".to_owned(),
                2,
                ReferenceKind::TracedValue
            ),
            (
                "lmz/candle-mistral".to_owned(),
                5,
                ReferenceKind::CallArgument
            ),
        ]
    );
}

#[test]
fn hub_urls_in_attributes_and_macro_bodies_but_not_doc_attributes() {
    let text = r#"
#[doc = "hf://google/gemma-7b"]
#[arg(long, default_value = "hf://google/gemma-2b@main/config.json")]
struct A;
macro_rules! fetch {
    () => {
        /// hf://google/gemma-2b-it
        const URL: &str = "hf://datasets/ylecun/mnist";
    };
}
"#;
    let found: Vec<(String, Option<String>, bool, u32)> = scan_rust(text)
        .unwrap()
        .into_iter()
        .map(|f| (f.id, f.revision, f.dataset, f.line))
        .collect();
    assert_eq!(
        found,
        [
            (
                "google/gemma-2b".to_owned(),
                Some("main".to_owned()),
                false,
                3
            ),
            ("ylecun/mnist".to_owned(), None, true, 8),
        ]
    );
}

#[test]
fn field_literals_with_id_like_names() {
    use ReferenceKind::FieldLiteral as F;
    // Consts, statics, `vec![…]` and `let`s of struct literals; the strum
    // attributes, other fields, paths, single names and `format!` are not
    // references. The file has no hf-hub call: the field names let it through
    // the pre-filter.
    assert_rust(
        "field_literal.rs.txt",
        &[
            ("BAAI/bge-small-en-v1.5", None, false, 12, F, MEDIUM),
            ("BAAI/bge-reranker-base", None, false, 18, F, MEDIUM),
            ("Xenova/all-MiniLM-L6-v2", None, false, 33, F, MEDIUM),
            ("Qdrant/clip-ViT-B-32-text", None, false, 38, F, MEDIUM),
            ("mistralai/Mistral-7B-v0.1", None, false, 48, F, MEDIUM),
            ("lamm-mit/x-lora", None, false, 49, F, MEDIUM),
            ("TheBloke/Llama-2-7B-GGUF", None, false, 50, F, MEDIUM),
            ("Qwen/Qwen2-0.5B", None, false, 60, F, MEDIUM),
            ("google/gemma-2b", None, false, 61, F, MEDIUM),
            ("openai/whisper-tiny.en", None, false, 62, F, MEDIUM),
        ],
    );
}

/// The field `repo_id` reaches a Hub call: the literal that sets it is a
/// Hub call's argument.
#[test]
fn a_field_literal_that_reaches_a_call_is_a_call_argument() {
    let text = r#"fn main() {
    let cfg = Config {
        repo_id: "facebook/dinov2-base".to_string(),
    };
    let _ = api.model(cfg.repo_id.clone());
}
"#;
    let found = rows(scan_rust(text).unwrap());
    assert_eq!(
        found,
        owned(&[(
            "facebook/dinov2-base",
            None,
            false,
            3,
            ReferenceKind::CallArgument,
            HIGH
        )])
    );
}

#[test]
fn model_builders_and_tokenizer_from_pretrained() {
    use ReferenceKind::{CallArgument as C, MatchArm as M, TracedValue as T};
    assert_rust(
        "model_builders.rs.txt",
        &[
            ("microsoft/Phi-3.5-mini-instruct", None, false, 8, T, MEDIUM),
            (
                "bartowski/Phi-3.5-mini-instruct-GGUF",
                None,
                false,
                13,
                C,
                HIGH,
            ),
            (
                "lamm-mit/Cephalo-Llama-3.2-11B-Vision-Instruct-128k",
                None,
                false,
                18,
                C,
                HIGH,
            ),
            ("Qwen/Qwen3-4B", None, false, 19, C, HIGH),
            ("black-forest-labs/FLUX.1-schnell", None, false, 21, C, HIGH),
            ("google/gemma-2-2b-it", None, false, 26, M, MEDIUM),
            ("google/gemma-2-9b-it", None, false, 27, M, MEDIUM),
            // The owner-less legacy id, as the repository the Hub redirects
            // it to.
            ("google-bert/bert-base-cased", None, false, 30, C, HIGH),
            ("google-bert/bert-base-uncased", None, false, 31, C, HIGH),
            ("openai-community/gpt2", None, false, 32, C, HIGH),
        ],
    );
}

#[test]
fn the_pre_filter_lets_builders_tokenizers_and_id_fields_through() {
    // Invalid files: an error says they were parsed.
    for text in [
        "fn main( { TextModelBuilder::new(x) }",
        "fn main( { Tokenizer::from_pretrained(x, None) }",
        "fn main( { X { model_code : y } }",
        "fn main( { X { hub_id: y } }",
    ] {
        assert!(scan_rust(text).is_err(), "{text}");
    }
    // A bare word, a path or a substring of a longer name is not enough.
    for text in [
        "fn main( { let model_id = 1; }",
        "fn main( { repo::open(); }",
        "fn main( { let my_repo: u8 = 1; }",
        "fn main( { from_pretrained }",
    ] {
        assert_eq!(scan_rust(text), Ok(Vec::new()), "{text}");
    }
}

#[test]
fn conversions_closures_options_and_lazy_statics() {
    use ReferenceKind::{CallArgument as C, MatchArm as M, TracedValue as T};
    assert_rust(
        "flow_shapes.rs.txt",
        &[
            // `opt.map_or("…", String::as_str)` into a function whose
            // parameter goes through `as_ref().to_string_lossy()` in a
            // `#[cfg(feature)]` block.
            ("acme/map-or", None, false, 36, T, MEDIUM),
            // The default of a closure called with it.
            ("acme/closure-default", None, false, 39, T, MEDIUM),
            // The argument of a closure whose body is the Hub call.
            ("acme/closure-param", None, false, 42, T, MEDIUM),
            // A setter storing `opt.map(|s| s.to_string())` in a field.
            ("acme/option-map", None, false, 43, C, HIGH),
            // A parameter shadowed by a `let` of the same name.
            ("acme/default", None, false, 49, M, MEDIUM),
            ("acme/shadowed-param", None, false, 55, C, HIGH),
            // A `lazy_static!` initializer.
            ("acme/lazy", None, false, 59, C, HIGH),
        ],
    );
}

#[test]
fn enum_variant_fields_and_tuples_from_match_arms() {
    use ReferenceKind::{CallArgument as C, MatchArm as M, TracedValue as T};
    assert_rust(
        "variants.rs.txt",
        &[
            // Tuples returned by match arms, destructured by `let`, handed to
            // the variant's constructor, each id with its own revision.
            ("acme/model-small", Some("main"), false, 31, M, MEDIUM),
            ("acme/model-large", Some("v2"), false, 32, M, MEDIUM),
            // Built by a constructor into a struct variant, read back by
            // destructuring in a `match`: the constructor is a Hub call.
            ("acme/variant", Some("r1"), false, 38, C, HIGH),
            // A tuple variant built in place.
            ("acme/mirror", Some("r2"), false, 40, T, MEDIUM),
        ],
    );
}
