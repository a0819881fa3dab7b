//! The machine-readable formats, as CI and SBOM tools consume them: SARIF
//! for code scanning, CycloneDX for Dependency-Track, workflow commands and
//! a Markdown summary for GitHub, and the JSON report. Each is validated
//! against its published schema (kept in `tests/schemas/` and `schemas/`),
//! snapshotted on the fixture and the example workspace, and shown to be
//! deterministic by running it twice.

mod common;

use cargo_model_audit::domain::{Code, ReferenceKind};
use common::{Run, Workspace, run_in};
use serde_json::Value;
use std::path::{Path, PathBuf};

// ---- workspaces ----

/// Variables a developer's or CI's environment may set that change the
/// output: set empty, which the tool treats as unset.
const NEUTRAL_ENV: [(&str, &str); 2] = [("SOURCE_DATE_EPOCH", ""), ("GITHUB_STEP_SUMMARY", "")];

fn run_basic(ws: &Workspace, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut full = vec!["model-audit", "--offline"];
    full.extend_from_slice(args);
    let mut all = NEUTRAL_ENV.to_vec();
    all.extend_from_slice(env);
    ws.run_env(&full, &all)
}

/// A private copy of `examples/ml-app`, with its Hugging Face cache.
struct Example {
    dir: tempfile::TempDir,
}

impl Example {
    fn new() -> Example {
        let dir = tempfile::tempdir().unwrap();
        common::copy_dir_keeping(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ml-app"),
            dir.path(),
            true,
        );
        Example { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn run(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let cache = common::example_hf_cache().display().to_string();
        let mut full = vec![
            "model-audit",
            "--manifest-path",
            "Cargo.toml",
            "--offline",
            "--policy",
            "osi",
        ];
        full.extend_from_slice(args);
        let mut all = NEUTRAL_ENV.to_vec();
        all.push(("HF_HUB_CACHE", cache.as_str()));
        all.extend_from_slice(env);
        run_in(self.path(), &full, &all)
    }
}

fn parse(run: &Run) -> Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", run.stdout, run.stderr))
}

/// The 1-based line of the first line of `file` that starts with `prefix`.
fn line_of(root: &Path, file: &str, prefix: &str) -> u64 {
    let text = std::fs::read_to_string(root.join(file)).unwrap();
    let i = text
        .lines()
        .position(|l| l.trim_start().starts_with(prefix))
        .unwrap_or_else(|| panic!("no line starting with {prefix:?} in {file}"));
    i as u64 + 1
}

// ---- schemas ----

fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas")
}

fn load(path: &Path) -> Value {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// Serves the schemas that the CycloneDX schema references (`spdx`, `jsf`)
/// from `tests/schemas/`: nothing is fetched.
struct LocalSchemas;

impl jsonschema::Retrieve for LocalSchemas {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri.path().as_str().rsplit('/').next().unwrap_or_default();
        let path = schema_dir().join(name);
        if !name.ends_with(".json") || !path.is_file() {
            return Err(format!("{uri} is not a schema kept in tests/schemas/").into());
        }
        Ok(load(&path))
    }
}

fn validate(schema: &Value, instance: &Value, what: &str) {
    let validator = jsonschema::options()
        .with_retriever(LocalSchemas)
        .should_validate_formats(true)
        .build(schema)
        .unwrap_or_else(|e| panic!("the schema for {what} does not compile: {e}"));
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} does not match its schema:\n{}",
        errors.join("\n")
    );
}

fn is_valid(schema: &Value, instance: &Value) -> bool {
    jsonschema::options()
        .with_retriever(LocalSchemas)
        .should_validate_formats(true)
        .build(schema)
        .unwrap()
        .is_valid(instance)
}

fn validate_sarif(v: &Value) {
    validate(&load(&schema_dir().join("sarif-2.1.0.json")), v, "SARIF");
}

fn validate_cyclonedx(v: &Value) {
    validate(
        &load(&schema_dir().join("bom-1.6.SNAPSHOT.schema.json")),
        v,
        "CycloneDX",
    );
}

fn validate_report(v: &Value) {
    let schema = load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/report-v1.schema.json"));
    validate(&schema, v, "the JSON report");
}

/// Runs twice and returns the output, which must be the same bytes.
fn twice(run: impl Fn() -> Run) -> Run {
    let first = run();
    let second = run();
    assert_eq!(
        first.stdout, second.stdout,
        "two runs on the same inputs differ"
    );
    first
}

// ---- SARIF ----

/// What GitHub's code scanning needs beyond the schema: exactly one
/// location per result, relative to `%SRCROOT%`, with a line; a fingerprint;
/// and a rule for every `ruleId`.
fn check_sarif_for_code_scanning(v: &Value) {
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(ids, codes, "one rule per finding code");
    for r in rules {
        assert!(!r["shortDescription"]["text"].as_str().unwrap().is_empty());
        assert!(!r["help"]["text"].as_str().unwrap().is_empty());
    }
    for result in run["results"].as_array().unwrap() {
        let locations = result["locations"].as_array().unwrap();
        assert_eq!(locations.len(), 1, "exactly one location: {result}");
        let physical = &locations[0]["physicalLocation"];
        let uri = physical["artifactLocation"]["uri"].as_str().unwrap();
        assert!(
            !uri.is_empty() && !uri.starts_with('/') && !uri.contains(':'),
            "{uri}"
        );
        assert_eq!(physical["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert!(physical["region"]["startLine"].as_u64().unwrap() >= 1);
        let fingerprint = result["partialFingerprints"]["cargoModelAudit/v1"]
            .as_str()
            .unwrap();
        assert_eq!(fingerprint.len(), 64);
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
}

/// `(ruleId, uri, line)` of every result.
fn sarif_locations(v: &Value) -> Vec<(String, String, u64)> {
    v["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let p = &r["locations"][0]["physicalLocation"];
            (
                r["ruleId"].as_str().unwrap().to_owned(),
                p["artifactLocation"]["uri"].as_str().unwrap().to_owned(),
                p["region"]["startLine"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn sarif_on_basic_points_at_the_manifest_line_that_brings_each_crate_in() {
    let ws = Workspace::new("basic");
    let run = twice(|| run_basic(&ws, &["--format", "sarif"], &[]));
    assert_eq!(run.code, 1, "{}", run.stderr);
    let v = parse(&run);
    validate_sarif(&v);
    check_sarif_for_code_scanning(&v);
    let at = sarif_locations(&v);
    let manifest = |dep: &str| line_of(ws.path(), "app/Cargo.toml", &format!("{dep} ="));
    let config = |name: &str| {
        line_of(
            ws.path(),
            "model-audit.toml",
            &format!("artifact = \"{name}\""),
        )
    };
    let expected = [
        ("license-denied", "app/Cargo.toml", manifest("copyleft")),
        (
            "license-not-allowed",
            "app/Cargo.toml",
            manifest("deprecated-id"),
        ),
        (
            "license-unknown",
            "app/Cargo.toml",
            manifest("undetectable"),
        ),
        ("license-mismatch", "app/Cargo.toml", manifest("mismatched")),
        (
            "exception-expired",
            "model-audit.toml",
            config("deprecated-id"),
        ),
        (
            "exception-unused",
            "model-audit.toml",
            config("no-such-crate"),
        ),
    ];
    for (code, file, line) in expected {
        assert!(
            at.contains(&(code.to_owned(), file.to_owned(), line)),
            "{code} at {file}:{line} in {at:?}"
        );
    }
    insta::assert_snapshot!("basic_sarif", run.stdout);
}

#[test]
fn sarif_fingerprints_survive_a_version_bump() {
    let ws = Workspace::new("basic");
    let before = parse(&run_basic(&ws, &["--format", "sarif"], &[]));
    let manifest = ws.path().join("crates/copyleft/Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(
        &manifest,
        text.replace("version = \"1.0.0\"", "version = \"1.0.1\""),
    )
    .unwrap();
    let after = parse(&run_basic(&ws, &["--format", "sarif"], &[]));
    let print = |v: &Value| -> Option<String> {
        v["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["ruleId"] == "license-denied")
            .map(|r| r["partialFingerprints"]["cargoModelAudit/v1"].to_string())
    };
    assert!(print(&before).is_some());
    assert_eq!(print(&before), print(&after));
    let prints: std::collections::BTreeSet<String> = before["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["partialFingerprints"]["cargoModelAudit/v1"].to_string())
        .collect();
    assert_eq!(prints.len(), 6, "one fingerprint per finding");
}

#[test]
fn sarif_on_the_example_points_at_the_model_declarations() {
    let ex = Example::new();
    let run = twice(|| ex.run(&["--format", "sarif"], &[]));
    assert_eq!(run.code, 1, "{}", run.stderr);
    let v = parse(&run);
    validate_sarif(&v);
    check_sarif_for_code_scanning(&v);
    let at = sarif_locations(&v);
    let declared = |id: &str| line_of(ex.path(), "app/Cargo.toml", &format!("{{ id = \"{id}\""));
    let llama = declared("meta-llama/Llama-2-7b-chat-hf");
    let bot = declared("acme-ai/llama2-support-bot");
    for (code, line) in [
        ("open-washing", llama),
        ("open-washing", bot),
        ("lineage-conflict", bot),
    ] {
        assert!(
            at.contains(&(code.to_owned(), "app/Cargo.toml".to_owned(), line)),
            "{code} at app/Cargo.toml:{line} in {at:?}"
        );
    }
    insta::assert_snapshot!("example_sarif", run.stdout);
}

// ---- CycloneDX ----

fn component<'a>(bom: &'a Value, bom_ref: &str) -> &'a Value {
    bom["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["bom-ref"] == bom_ref)
        .unwrap_or_else(|| panic!("no component {bom_ref}"))
}

/// Every `ref` in the graph names a component or the subject.
fn check_graph(bom: &Value) {
    let mut refs: Vec<&str> = bom["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["bom-ref"].as_str().unwrap())
        .collect();
    refs.push(bom["metadata"]["component"]["bom-ref"].as_str().unwrap());
    for d in bom["dependencies"].as_array().unwrap() {
        assert!(refs.contains(&d["ref"].as_str().unwrap()), "{d}");
        for on in d["dependsOn"].as_array().unwrap() {
            assert!(refs.contains(&on.as_str().unwrap()), "{on}");
        }
    }
}

fn depends_on(bom: &Value, from: &str) -> Vec<String> {
    bom["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["ref"] == from)
        .map(|d| {
            d["dependsOn"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn cyclonedx_on_basic_lists_crates_with_purls_and_licenses() {
    let ws = Workspace::new("basic");
    let run = twice(|| run_basic(&ws, &["--format", "cyclonedx"], &[]));
    assert_eq!(run.code, 1, "{}", run.stderr);
    let bom = parse(&run);
    validate_cyclonedx(&bom);
    check_graph(&bom);
    assert_eq!(bom["specVersion"], "1.6");
    assert!(
        bom["metadata"].get("timestamp").is_none(),
        "no timestamp without SOURCE_DATE_EPOCH"
    );
    assert_eq!(bom["metadata"]["component"]["bom-ref"], "crate:app@0.1.0");
    let dual = component(&bom, "crate:dual@1.0.0");
    assert_eq!(dual["type"], "library");
    assert_eq!(dual["purl"], "pkg:cargo/dual@1.0.0");
    assert_eq!(dual["licenses"][0]["expression"], "MIT OR Apache-2.0");
    let copyleft = component(&bom, "crate:copyleft@1.0.0");
    assert_eq!(copyleft["licenses"][0]["license"]["id"], "GPL-3.0-only");
    assert!(copyleft["properties"].as_array().unwrap().iter().any(|p| {
        p["name"] == "cargo-model-audit:finding"
            && p["value"]
                .as_str()
                .unwrap()
                .starts_with("error[license-denied]")
    }));
    let unknown = component(&bom, "crate:undetectable@1.0.0");
    assert!(unknown.get("licenses").is_none());
    assert_eq!(
        component(&bom, "crate:test-helper@1.0.0")["scope"],
        "excluded"
    );
    let app = depends_on(&bom, "crate:app@0.1.0");
    assert!(app.contains(&"crate:copyleft@1.0.0".to_owned()), "{app:?}");
    insta::assert_snapshot!("basic_cyclonedx", run.stdout);
}

#[test]
fn cyclonedx_on_the_example_describes_models_and_their_lineage() {
    let ex = Example::new();
    let run = twice(|| ex.run(&["--format", "cyclonedx"], &[]));
    assert_eq!(run.code, 1, "{}", run.stderr);
    let bom = parse(&run);
    validate_cyclonedx(&bom);
    check_graph(&bom);
    let llama_ref = "model:meta-llama/Llama-2-7b-chat-hf@5a2c0d5b6e3f4a1b9c8d7e6f5a4b3c2d1e0f9a8b";
    let bot_ref = "model:acme-ai/llama2-support-bot@9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d";
    let llama = component(&bom, llama_ref);
    assert_eq!(llama["type"], "machine-learning-model");
    assert_eq!(
        llama["purl"],
        "pkg:huggingface/meta-llama/Llama-2-7b-chat-hf@5a2c0d5b6e3f4a1b9c8d7e6f5a4b3c2d1e0f9a8b"
    );
    assert_eq!(
        llama["licenses"][0]["license"]["name"],
        "Llama 2 Community License Agreement"
    );
    assert_eq!(
        llama["modelCard"]["modelParameters"]["task"],
        "text-generation"
    );
    let props = llama["properties"].as_array().unwrap();
    assert!(props.iter().any(|p| p["name"] == "cargo-model-audit:claim"
        && p["value"].as_str().unwrap().contains("by vendor (Meta)")));
    assert!(props.iter().any(|p| {
        p["name"] == "cargo-model-audit:finding"
            && p["value"]
                .as_str()
                .unwrap()
                .starts_with("error[open-washing]")
    }));
    let bot = component(&bom, bot_ref);
    assert!(
        bot["modelCard"]["properties"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "huggingface:base_model"
                && p["value"] == "meta-llama/Llama-2-7b-chat-hf")
    );
    let phi = component(
        &bom,
        "model:acme-ai/phi-lite@7c1e2d3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d",
    );
    assert_eq!(
        phi["modelCard"]["modelParameters"]["datasets"][0]["name"],
        "acme-ai/textbook-snippets"
    );
    // The crate declares the models; the fine-tune depends on its base.
    let app = depends_on(&bom, "crate:ml-app@0.1.0");
    assert!(
        app.contains(&llama_ref.to_owned()) && app.contains(&bot_ref.to_owned()),
        "{app:?}"
    );
    assert_eq!(depends_on(&bom, bot_ref), vec![llama_ref.to_owned()]);
    insta::assert_snapshot!("example_cyclonedx", run.stdout);
}

#[test]
fn cyclonedx_has_a_timestamp_only_from_source_date_epoch() {
    let ws = Workspace::new("basic");
    let at_zero = parse(&run_basic(
        &ws,
        &["--format", "cyclonedx"],
        &[("SOURCE_DATE_EPOCH", "0")],
    ));
    assert_eq!(at_zero["metadata"]["timestamp"], "1970-01-01T00:00:00Z");
    validate_cyclonedx(&at_zero);
    let later = parse(&run_basic(
        &ws,
        &["--format", "cyclonedx"],
        &[("SOURCE_DATE_EPOCH", "1700000000")],
    ));
    assert_eq!(later["metadata"]["timestamp"], "2023-11-14T22:13:20Z");
    let unset = parse(&run_basic(&ws, &["--format", "cyclonedx"], &[]));
    assert!(unset["metadata"].get("timestamp").is_none());
    let bad = run_basic(
        &ws,
        &["--format", "cyclonedx"],
        &[("SOURCE_DATE_EPOCH", "yesterday")],
    );
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(bad.stderr.contains("SOURCE_DATE_EPOCH"), "{}", bad.stderr);
}

#[test]
fn list_renders_every_format() {
    let ex = Example::new();
    for format in ["json", "sarif", "cyclonedx", "markdown", "github"] {
        let run = twice(|| ex.run(&["list", "--format", format], &[]));
        assert_eq!(run.code, 0, "{format}: {}", run.stderr);
        match format {
            "json" => validate_report(&parse(&run)),
            "sarif" => validate_sarif(&parse(&run)),
            "cyclonedx" => validate_cyclonedx(&parse(&run)),
            "markdown" => assert!(
                run.stdout
                    .contains("| `meta-llama/Llama-2-7b-chat-hf` | model | `LicenseRef-llama2` |"),
                "{}",
                run.stdout
            ),
            _ => assert!(
                run.stdout.contains("::error file=app/Cargo.toml"),
                "{}",
                run.stdout
            ),
        }
    }
}

// ---- GitHub and Markdown ----

/// Every line of `--format github` is a workflow command or the closing
/// summary; no message breaks a command across lines.
fn check_workflow_commands(stdout: &str) {
    let lines: Vec<&str> = stdout.lines().collect();
    let (last, commands) = lines.split_last().unwrap();
    assert!(last.starts_with("cargo-model-audit "), "{last}");
    for line in commands {
        let rest = ["::error ", "::warning ", "::notice "]
            .iter()
            .find_map(|p| line.strip_prefix(p))
            .unwrap_or_else(|| panic!("not a workflow command: {line}"));
        let (props, message) = rest.split_once("::").unwrap();
        let props: Vec<&str> = props.split(',').collect();
        assert_eq!(props.len(), 3, "file, line, title: {line}");
        assert!(props[0].starts_with("file=") && !props[0].contains(':'));
        assert!(props[1]["line=".len()..].parse::<u32>().unwrap() >= 1);
        assert!(props[2].starts_with("title=") && !props[2]["title=".len()..].contains(':'));
        assert!(!message.is_empty());
    }
}

#[test]
fn github_annotates_findings_and_appends_the_summary() {
    let ws = Workspace::new("basic");
    let summary = ws.path().join("step-summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let summary_env = summary.display().to_string();
    let run = run_basic(
        &ws,
        &["--format", "github"],
        &[("GITHUB_STEP_SUMMARY", summary_env.as_str())],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    check_workflow_commands(&run.stdout);
    let line = line_of(ws.path(), "app/Cargo.toml", "copyleft =");
    let expected = format!(
        "::error file=app/Cargo.toml,line={line},title=license-denied (copyleft@1.0.0)::copyleft@1.0.0 is under `GPL-3.0-only`, which the policy does not accept%0A- denied: GPL-3.0-only is denied by [licenses] deny%0Ahelp: "
    );
    assert!(run.stdout.contains(&expected), "{}", run.stdout);
    assert!(run.stdout.contains("::warning file=model-audit.toml,line="));

    let markdown = run_basic(&ws, &["--format", "markdown"], &[]);
    let written = std::fs::read_to_string(&summary).unwrap();
    assert_eq!(written, format!("earlier step\n{}", markdown.stdout));
    // Without the variable nothing is written anywhere.
    let again = twice(|| run_basic(&ws, &["--format", "github"], &[]));
    assert_eq!(again.stdout, run.stdout);
    assert_eq!(std::fs::read_to_string(&summary).unwrap(), written);
    insta::assert_snapshot!("basic_github", run.stdout);
}

#[test]
fn markdown_summarises_findings_for_a_pull_request() {
    let ws = Workspace::new("basic");
    let run = twice(|| run_basic(&ws, &["--format", "markdown"], &[]));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.starts_with("<!-- cargo-model-audit -->\n"));
    assert!(
        run.stdout
            .contains("FAILED (3 errors, 3 warnings, 5 notes; ")
    );
    insta::assert_snapshot!("basic_markdown", run.stdout);
}

#[test]
fn github_and_markdown_on_the_example() {
    let ex = Example::new();
    let summary = ex.path().join("step-summary.md");
    let summary_env = summary.display().to_string();
    let github = twice(|| {
        ex.run(
            &["--format", "github"],
            &[("GITHUB_STEP_SUMMARY", summary_env.as_str())],
        )
    });
    assert_eq!(github.code, 1, "{}", github.stderr);
    check_workflow_commands(&github.stdout);
    let markdown = twice(|| ex.run(&["--format", "markdown"], &[]));
    // Two runs, two summaries appended.
    assert_eq!(
        std::fs::read_to_string(&summary).unwrap(),
        markdown.stdout.repeat(2)
    );
    // Our own tags and autolinks are the only `<` left: a card's quote
    // cannot inject HTML into a comment.
    let allowed = [
        "<!-- cargo-model-audit -->",
        "<details>",
        "</details>",
        "<summary>",
        "</summary>",
        "<https://",
    ];
    let mut rest = markdown.stdout.as_str();
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        assert!(
            allowed.iter().any(|ok| rest.starts_with(ok)),
            "{}",
            &rest[..rest.len().min(80)]
        );
        rest = &rest[1..];
    }
    insta::assert_snapshot!("example_github", github.stdout);
    insta::assert_snapshot!("example_markdown", markdown.stdout);
}

#[test]
fn the_validators_reject_invalid_documents() {
    // So that a passing validation above means something: each schema,
    // the referenced SPDX list included, is really applied.
    let ws = Workspace::new("basic");
    let bom_schema = load(&schema_dir().join("bom-1.6.SNAPSHOT.schema.json"));
    let bom = parse(&run_basic(&ws, &["--format", "cyclonedx"], &[]));
    assert!(is_valid(&bom_schema, &bom));
    let mut bad = bom.clone();
    bad["components"][0]["type"] = "nonsense".into();
    assert!(!is_valid(&bom_schema, &bad));
    let mut bad = bom.clone();
    let copyleft = bad["components"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c["bom-ref"] == "crate:copyleft@1.0.0")
        .unwrap();
    bad["components"][copyleft]["licenses"][0]["license"]["id"] = "Not-A-License".into();
    assert!(!is_valid(&bom_schema, &bad), "the SPDX id list is applied");

    let sarif_schema = load(&schema_dir().join("sarif-2.1.0.json"));
    let sarif = parse(&run_basic(&ws, &["--format", "sarif"], &[]));
    assert!(is_valid(&sarif_schema, &sarif));
    let mut bad = sarif.clone();
    bad["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!is_valid(&sarif_schema, &bad));
}

// ---- JSON ----

#[test]
fn json_report_matches_its_published_schema() {
    let ws = Workspace::new("basic");
    let basic = twice(|| run_basic(&ws, &["--format", "json"], &[]));
    validate_report(&parse(&basic));
    let ex = Example::new();
    let example = twice(|| ex.run(&["--format", "json"], &[]));
    validate_report(&parse(&example));
    insta::assert_snapshot!("example_json", example.stdout);
}

#[test]
fn a_reference_in_a_dev_only_dependency_matches_the_schema() {
    let ws = Workspace::new("dep-scopes");
    let v = parse(&ws.run(&["list", "--offline", "--format", "json"]));
    let dev: Vec<&Value> = v["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["references"].as_array().unwrap())
        .filter(|r| r["dev"] == "dev-dependency")
        .collect();
    assert_eq!(dev.len(), 1, "{v:#}");
    validate_report(&v);
}

#[test]
fn the_schema_lists_every_finding_code() {
    let schema = load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/report-v1.schema.json"));
    let listed: Vec<&str> = schema["$defs"]["code"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(listed, codes);
}

#[test]
fn the_schema_lists_every_reference_kind() {
    let schema = load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/report-v1.schema.json"));
    let listed: Vec<&str> = schema["$defs"]["reference"]["properties"]["kind"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    let kinds: Vec<&str> = ReferenceKind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(listed, kinds);
}

#[test]
fn the_schema_rejects_what_the_report_never_emits() {
    let ws = Workspace::new("basic");
    let mut v = parse(&run_basic(&ws, &["--format", "json"], &[]));
    v["findings"][0]["code"] = "no-such-code".into();
    let schema = load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/report-v1.schema.json"));
    let validator = jsonschema::options().build(&schema).unwrap();
    assert!(!validator.is_valid(&v));
    v["findings"][0]["code"] = "license-denied".into();
    assert!(validator.is_valid(&v));
    v["artifacts"][0]["surprise"] = true.into();
    assert!(!validator.is_valid(&v));
}

// ---- what the fixtures do not have yet ----

mod synthetic {
    //! An inventory built by hand, rendered through the library: a weight
    //! file, a dataset, a fine-tune declared in the config and its base model
    //! found through lineage, which no fixture workspace has yet.

    use super::{check_sarif_for_code_scanning, validate_cyclonedx, validate_sarif};
    use cargo_model_audit::catalog::Catalog;
    use cargo_model_audit::domain::{
        Artifact, ArtifactId, ArtifactKind, Code, Confidence, Evidence, Facts, Finding, License,
        ModelDetails, ModelFacts, Reference, ReferenceKind, ResolvedArtifact, Scope, Severity,
    };
    use cargo_model_audit::evaluate::Verdict;
    use cargo_model_audit::policy::{self, PolicyRequest};
    use cargo_model_audit::report::{self, Report, SourceFiles};
    use cargo_model_audit::resolve::parse_lax;
    use serde_json::{Value, json};

    const TUNED_SHA: &str = "0123456789abcdef0123456789abcdef01234567";
    const WEIGHTS_SHA: &str = "abababababababababababababababababababababababababababababababab";

    fn reference(kind: ReferenceKind, file: &str, krate: Option<&str>) -> Reference {
        Reference {
            kind,
            file: Some(file.to_owned().into()),
            line: None,
            krate: krate.map(Into::into),
            confidence: Confidence::Declared,
            dev: None,
            via: Vec::new(),
            span: None,
        }
    }

    /// A model declared in the config at `line`, as discovery records it.
    fn declared(line: u32) -> Reference {
        Reference {
            line: Some(line),
            ..reference(ReferenceKind::Declared, "model-audit.toml", None)
        }
    }

    fn resolved(
        artifact: Artifact,
        license: &str,
        model: Option<ModelDetails>,
    ) -> ResolvedArtifact {
        ResolvedArtifact {
            artifact,
            license: License {
                expression: parse_lax(license).map(Box::new),
                evidence: vec![Evidence {
                    source: cargo_model_audit::domain::EvidenceSource::Config,
                    note: "written by the test".to_owned().into(),
                    ..Evidence::default()
                }],
            },
            claims: Vec::new(),
            mismatch: None,
            stale_clarifications: Vec::new(),
            model: model.map(Box::new),
        }
    }

    fn model(
        kind: ArtifactKind,
        repo: &str,
        rev: &str,
        refs: Vec<Reference>,
        path: &[&str],
    ) -> Artifact {
        Artifact {
            id: ArtifactId::new(kind, repo, rev),
            name: repo.to_owned().into(),
            version: rev.to_owned().into(),
            source: None,
            scope: Scope::Normal,
            path: path.iter().map(|s| (*s).into()).collect(),
            references: refs,
            facts: Facts::Model(ModelFacts {
                revision: Some(rev.to_owned()),
                derivative_of: (repo == "org/base").then(|| "org/tuned".to_owned()),
                ..ModelFacts::new(cargo_model_audit::domain::hub::HubRepo::new(
                    cargo_model_audit::domain::hub::RepoId::checked(repo),
                    kind == ArtifactKind::Dataset,
                ))
            }),
        }
    }

    fn artifacts() -> Vec<ResolvedArtifact> {
        let app = Artifact {
            id: ArtifactId::new(ArtifactKind::Crate, "app", "0.1.0"),
            name: "app".to_owned().into(),
            version: "0.1.0".to_owned().into(),
            source: None,
            scope: Scope::Normal,
            path: vec!["app@0.1.0".to_owned().into()],
            references: vec![reference(
                ReferenceKind::WorkspaceMember,
                "Cargo.toml",
                Some("app@0.1.0"),
            )],
            facts: Facts::Crate(Box::default()),
        };
        let tuned = model(
            ArtifactKind::Model,
            "org/tuned",
            TUNED_SHA,
            vec![declared(4)],
            &["org/tuned"],
        );
        let tuned_details = ModelDetails {
            sha: Some(TUNED_SHA.to_owned()),
            card: cargo_model_audit::resolve::card::facts(
                &json!({
                    "pipeline_tag": "text-classification",
                    "datasets": ["org/corpus", "other/set"],
                    "base_model": "org/base",
                    "library_name": "transformers",
                }),
                None,
            )
            .boxed(),
            base_models: vec!["org/base".to_owned()],
            ..ModelDetails::default()
        };
        let base = model(
            ArtifactKind::Model,
            "org/base",
            "main",
            vec![reference(
                ReferenceKind::BaseModel,
                "org/tuned/README.md",
                None,
            )],
            &["org/tuned", "org/base"],
        );
        let base_details = ModelDetails {
            unresolved: Some("not in the cache".to_owned().into()),
            ..ModelDetails::default()
        };
        let corpus = model(
            ArtifactKind::Dataset,
            "org/corpus",
            "main",
            vec![declared(7)],
            &["org/corpus"],
        );
        let weights = Artifact {
            id: ArtifactId::new(ArtifactKind::WeightFile, "models/tiny.gguf", WEIGHTS_SHA),
            name: "models/tiny.gguf".to_owned().into(),
            version: WEIGHTS_SHA.to_owned().into(),
            source: None,
            scope: Scope::Normal,
            path: vec!["models/tiny.gguf".to_owned().into()],
            references: vec![reference(
                ReferenceKind::WeightFile,
                "models/tiny.gguf",
                None,
            )],
            facts: Facts::WeightFile(Box::new(cargo_model_audit::domain::WeightFacts {
                path: "models/tiny.gguf".into(),
                relative: "models/tiny.gguf".to_owned(),
                sha256: Some(WEIGHTS_SHA.to_owned()),
                meta: Ok(Default::default()),
            })),
        };
        let mut out = vec![
            resolved(app, "MIT", None),
            resolved(tuned, "Apache-2.0", Some(tuned_details)),
            resolved(base, "", Some(base_details)),
            resolved(corpus, "CC-BY-4.0", None),
            resolved(weights, "llama2", None),
        ];
        out[2].license.expression = None;
        out[4].license.expression = parse_lax("LicenseRef-llama2").map(Box::new);
        out.sort_by(|a, b| a.artifact.id.cmp(&b.artifact.id));
        out
    }

    fn finding(code: Code, artifact: &str) -> Finding {
        Finding {
            id: format!("{artifact}#{code}").into(),
            code,
            severity: Severity::Error,
            artifact: artifact.to_owned().into(),
            message: format!("{code} on {artifact}"),
            reasons: vec![cargo_model_audit::domain::Reason::of(
                code,
                "because, the test: says so",
            )],
            claims: Vec::new(),
            evidence: Vec::new(),
            path: Vec::new(),
            help: None,
        }
    }

    const CONFIG: &str = "extends = \"osi\"\n\n[[models]]\nid = \"org/tuned\"\n\n[[models]]\nid = \"org/corpus\"\nkind = \"dataset\"\n";

    #[test]
    fn weight_files_datasets_and_base_models_render_and_validate() {
        let dir = tempfile::tempdir().unwrap();
        let request = PolicyRequest {
            config: None,
            preset: Some("osi"),
            no_project_policy: false,
        };
        let policy = policy::load(&request, dir.path(), Catalog::builtin()).unwrap();
        let artifacts = artifacts();
        let base = "model:org/base@main".to_owned();
        let weights = format!("weight-file:models/tiny.gguf@{WEIGHTS_SHA}");
        let verdict = Verdict {
            findings: vec![
                finding(Code::LicenseUnknown, &base),
                finding(Code::LicenseNotAllowed, &weights),
                finding(Code::UnpinnedModel, "dataset:org/corpus@main"),
            ],
            checked: artifacts.len(),
            ..Verdict::default()
        };
        let report = Report {
            policy: &policy,
            artifacts: &artifacts,
            loose: &[],
            verdict: &verdict,
            root: dir.path(),
            verbose: 0,
            deny_warnings: false,
            index: Default::default(),
        };
        let mut wanted: Vec<String> = SourceFiles::wanted(&report).into_iter().collect();
        wanted.sort();
        assert_eq!(
            wanted,
            [
                "Cargo.toml",
                "model-audit.toml",
                "models/tiny.gguf",
                "org/tuned/README.md"
            ]
        );
        let mut sources = SourceFiles::default();
        sources.insert(
            "Cargo.toml".to_owned(),
            Some("[package]\nname = \"app\"\n".to_owned()),
        );
        sources.insert("model-audit.toml".to_owned(), Some(CONFIG.to_owned()));
        sources.insert("models/tiny.gguf".to_owned(), None);

        let sarif: Value = serde_json::from_str(&report::sarif::render(&report, &sources)).unwrap();
        validate_sarif(&sarif);
        check_sarif_for_code_scanning(&sarif);
        let at: Vec<(String, u64)> = sarif["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let p = &r["locations"][0]["physicalLocation"];
                (
                    p["artifactLocation"]["uri"].as_str().unwrap().to_owned(),
                    p["region"]["startLine"].as_u64().unwrap(),
                )
            })
            .collect();
        // The base model points where its derivative is declared; the weight
        // file at itself; the dataset at its declaration.
        assert_eq!(
            at,
            [
                ("model-audit.toml".to_owned(), 4),
                ("models/tiny.gguf".to_owned(), 1),
                ("model-audit.toml".to_owned(), 7),
            ]
        );

        let github = report::github::render(&report, &sources);
        assert!(
            github.contains("::error file=models/tiny.gguf,line=1,title=license-not-allowed (models/tiny.gguf)::"),
            "{github}"
        );
        assert!(github.contains("because, the test: says so"), "{github}");

        let bom: Value =
            serde_json::from_str(&report::cyclonedx::render(&report, Some(0))).unwrap();
        validate_cyclonedx(&bom);
        let find = |r: &str| {
            bom["components"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["bom-ref"] == r)
                .unwrap_or_else(|| panic!("no {r}"))
                .clone()
        };
        let w = find(&weights);
        assert_eq!(
            w["hashes"],
            json!([{"alg": "SHA-256", "content": WEIGHTS_SHA}])
        );
        assert_eq!(
            w["licenses"][0]["license"]["name"],
            "Llama 2 Community License Agreement"
        );
        let corpus = find("dataset:org/corpus@main");
        assert_eq!(corpus["type"], "data");
        assert!(corpus.get("purl").is_none());
        let tuned = find(&format!("model:org/tuned@{TUNED_SHA}"));
        assert_eq!(
            tuned["purl"],
            format!("pkg:huggingface/org/tuned@{TUNED_SHA}")
        );
        assert_eq!(
            tuned["modelCard"]["modelParameters"],
            json!({
                "task": "text-classification",
                "datasets": [{"ref": "dataset:org/corpus@main"}, {"type": "dataset", "name": "other/set"}],
            })
        );
        let base_c = find(&base);
        assert_eq!(base_c["purl"], "pkg:huggingface/org/base");
        assert!(base_c.get("licenses").is_none());
        let deps = |r: &str| -> Vec<String> {
            bom["dependencies"]
                .as_array()
                .unwrap()
                .iter()
                .find(|d| d["ref"] == r)
                .map(|d| {
                    d["dependsOn"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|v| v.as_str().unwrap().to_owned())
                        .collect()
                })
                .unwrap_or_default()
        };
        assert_eq!(
            deps(&format!("model:org/tuned@{TUNED_SHA}")),
            ["dataset:org/corpus@main".to_owned(), base.clone()]
        );
        // Declared in the config or found on disk: hung off the subject.
        let root = deps("crate:app@0.1.0");
        assert!(
            root.contains(&weights) && root.contains(&format!("model:org/tuned@{TUNED_SHA}")),
            "{root:?}"
        );
        assert!(!root.contains(&base), "{root:?}");
    }
}
