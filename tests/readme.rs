//! The README is a test. Every fenced block in it is preceded by a marker,
//! `<!-- readme-test: NAME -->`, and `CASES` says how each is checked:
//!
//! - `console` blocks are run as written by `trycmd` (each `$ ` command
//!   with its exit code and output, `...` standing for lines left out),
//!   from a copy of the README beside a copy of the bundled example;
//! - an output shown as `text` is compared (with `snapbox`) with what the
//!   tool prints for the fixture the README names;
//! - every `toml` snippet is written into a temporary workspace and run,
//!   with no config error, and what the README says it does is asserted;
//! - the `json` excerpt is validated against `schemas/report-v1.schema.json`
//!   and compared with the tool's report;
//! - commands that cannot run offline (`sh`, the CI recipes in `yaml`) are
//!   parsed: the tool's own command lines by its CLI (`clap`), the rest by
//!   the programs and files they name; their placeholders are obvious ones.
//!
//! `every_readme_block_is_marked_and_covered` fails when a block is added
//! without a marker, or a marker without a check here.

mod common;

use cargo_model_audit::cli::{Cli, normalize_args};
use clap::Parser;
use serde_json::Value;
use std::path::Path;

/// How each README block is checked: `Trycmd` blocks are run by
/// `readme_console_blocks_are_true`; `Here` blocks by the test that calls
/// `block("NAME")` in this file.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Check {
    Trycmd,
    Here,
}

const CASES: &[(&str, &str, Check)] = &[
    ("quick-start", "sh", Check::Here),
    ("run-tests", "sh", Check::Here),
    ("install", "sh", Check::Here),
    ("explain", "console", Check::Trycmd),
    ("models-config", "toml", Check::Here),
    ("models-manifest", "toml", Check::Here),
    ("scan-config", "toml", Check::Here),
    ("lock-untraced", "toml", Check::Here),
    ("dependency-table-list", "text", Check::Here),
    ("no-config-note", "text", Check::Here),
    ("config-reference", "toml", Check::Here),
    ("preset-osi", "console", Check::Trycmd),
    ("preset-osaid", "console", Check::Trycmd),
    ("preset-permissive", "console", Check::Trycmd),
    ("preset-research", "console", Check::Trycmd),
    ("obligations-line", "console", Check::Trycmd),
    ("obligations-verbose", "console", Check::Trycmd),
    ("github-workflow", "yaml", Check::Here),
    ("github-action", "yaml", Check::Here),
    ("gitlab-ci", "yaml", Check::Here),
    ("pre-commit", "yaml", Check::Here),
    ("json-finding", "json", Check::Here),
    ("notices-vs-cargo-about", "sh", Check::Here),
    ("development", "sh", Check::Here),
];

/// The placeholders a reader must fill in; nothing else in angle brackets
/// may appear in a command, config or recipe block.
const PLACEHOLDERS: &[&str] = &[
    "<URL of this repository>",
    "<owner/name of this repository>",
    "<tag or commit>",
    "<64 hex digits>",
];

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn readme() -> String {
    std::fs::read_to_string(repo().join("README.md")).unwrap()
}

/// One fenced block of the README.
#[derive(Debug)]
struct Block {
    /// The marker's name, if the line before the fence has one.
    name: Option<String>,
    lang: String,
    /// 1-based line of the opening fence.
    line: usize,
    text: String,
}

fn blocks() -> Vec<Block> {
    let text = readme();
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(info) = lines[i].trim_start().strip_prefix("```") else {
            i += 1;
            continue;
        };
        let indent = lines[i].len() - lines[i].trim_start().len();
        let name = i
            .checked_sub(1)
            .and_then(|p| lines[p].trim().strip_prefix("<!-- readme-test: "))
            .and_then(|m| m.strip_suffix(" -->"))
            .map(str::to_owned);
        let start = i;
        i += 1;
        let mut body = String::new();
        while i < lines.len() && lines[i].trim_start() != "```" {
            body.push_str(lines[i].get(indent..).unwrap_or("").trim_end_matches('\r'));
            body.push('\n');
            i += 1;
        }
        assert!(
            i < lines.len(),
            "README.md:{}: the block is not closed",
            start + 1
        );
        out.push(Block {
            name,
            lang: info.trim().to_owned(),
            line: start + 1,
            text: body,
        });
        i += 1;
    }
    out
}

/// The block named `name`; every call of this names a block checked here.
fn block(name: &str) -> Block {
    blocks()
        .into_iter()
        .find(|b| b.name.as_deref() == Some(name))
        .unwrap_or_else(|| panic!("README.md has no block marked `{name}`"))
}

#[test]
fn every_readme_block_is_marked_and_covered() {
    let this_file = include_str!("readme.rs");
    let blocks = blocks();
    let mut seen = std::collections::BTreeSet::new();
    for b in &blocks {
        let name = b.name.as_deref().unwrap_or_else(|| {
            panic!(
                "README.md:{}: a ```{} block without a `<!-- readme-test: NAME -->` marker on the line before; add one and a check in tests/readme.rs",
                b.line, b.lang
            )
        });
        assert!(
            seen.insert(name),
            "README.md:{}: the marker `{name}` is used twice",
            b.line
        );
        let (_, lang, check) = CASES.iter().find(|(n, ..)| *n == name).unwrap_or_else(|| {
            panic!(
                "README.md:{}: `{name}` is not in tests/readme.rs CASES",
                b.line
            )
        });
        assert_eq!(
            *lang, b.lang,
            "README.md:{}: `{name}` is a ```{} block",
            b.line, b.lang
        );
        match check {
            Check::Trycmd => assert_eq!(
                b.lang, "console",
                "README.md:{}: only console blocks are run by trycmd",
                b.line
            ),
            Check::Here => assert!(
                ["block", "yaml"]
                    .iter()
                    .any(|f| this_file.contains(&format!("{f}(\"{name}\""))),
                "README.md:{}: `{name}` has no test calling block(\"{name}\")",
                b.line
            ),
        }
    }
    for (name, ..) in CASES {
        assert!(
            seen.contains(name),
            "`{name}` is in CASES but marks no README block"
        );
    }
    // trycmd runs every console block; none may hide from it behind an
    // indentation it does not read.
    for b in blocks.iter().filter(|b| b.lang == "console") {
        let line = readme().lines().nth(b.line - 1).unwrap().to_owned();
        assert!(
            line.starts_with("```"),
            "README.md:{}: trycmd reads only unindented console blocks",
            b.line
        );
    }
}

// ---- console blocks: trycmd ----

/// A copy of the README next to `README.in/` holding the bundled example,
/// so the commands run as written from a checkout without touching it.
#[test]
fn readme_console_blocks_are_true() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo().join("README.md"), dir.path().join("README.md")).unwrap();
    common::copy_dir_keeping(
        &repo().join("examples/ml-app"),
        &dir.path().join("README.in/examples/ml-app"),
        true,
    );
    common::copy_dir(
        &repo().join("examples/hf-cache"),
        &dir.path().join("README.in/examples/hf-cache"),
    );
    let path = |p: &str| dir.path().join(p).display().to_string();
    trycmd::TestCases::new()
        .register_bin(
            "cargo-model-audit",
            Path::new(env!("CARGO_BIN_EXE_cargo-model-audit")),
        )
        .env("NO_COLOR", "1")
        .env("CARGO_TERM_COLOR", "never")
        .env("CARGO_NET_OFFLINE", "true")
        .env("MODEL_AUDIT_CACHE_DIR", path("cache"))
        .env("HF_HOME", path("hf-home"))
        .case(dir.path().join("README.md"))
        .run();
}

/// The shell words of one command line (quotes removed, no expansion).
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quote = None;
    let mut in_word = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    out.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    assert!(quote.is_none(), "unclosed quote in `{line}`");
    if in_word {
        out.push(word);
    }
    out
}

/// Leading `NAME=value` words, and the rest.
fn split_env(words: &[String]) -> (Vec<(String, String)>, Vec<String>) {
    let n = words
        .iter()
        .take_while(|w| {
            w.split_once('=').is_some_and(|(k, _)| {
                !k.is_empty() && k.chars().all(|c| c.is_ascii_uppercase() || c == '_')
            })
        })
        .count();
    let env = words[..n]
        .iter()
        .map(|w| {
            let (k, v) = w.split_once('=').unwrap();
            (k.to_owned(), v.to_owned())
        })
        .collect();
    (env, words[n..].to_vec())
}

/// Parses the tool's arguments (after the program name) with its CLI.
fn parses(args: &[String], whence: &str) -> Cli {
    let argv = std::iter::once("cargo-model-audit".into()).chain(args.iter().map(Into::into));
    Cli::try_parse_from(normalize_args(argv))
        .unwrap_or_else(|e| panic!("{whence}: `{}` does not parse: {e}", args.join(" ")))
}

/// The `$ ` command of a console block, as words.
fn console_command(name: &str) -> Vec<String> {
    let b = block(name);
    let line = b
        .text
        .lines()
        .find_map(|l| l.strip_prefix("$ "))
        .unwrap_or_else(|| panic!("`{name}` has no command"));
    words(line)
}

#[test]
fn readme_quick_start_is_the_osi_example_run_through_cargo() {
    let b = block("quick-start");
    let lines: Vec<&str> = b.text.lines().collect();
    assert_eq!(lines.len(), 1, "{}", b.text);
    let (env, rest) = split_env(&words(lines[0]));
    let (cargo, args) = rest.split_at(5);
    assert_eq!(cargo, ["cargo", "run", "--release", "--locked", "--"]);
    assert_eq!(args[0], "model-audit", "cargo's subcommand name");
    parses(args, "quick start");

    // The osi preset's output in the README is this command's.
    let (osi_env, osi) = split_env(&console_command("preset-osi"));
    assert_eq!(env, osi_env);
    assert_eq!(osi[0], "cargo-model-audit");
    assert_eq!(&args[1..], &osi[1..]);
    assert!(
        repo().join(&env[0].1).is_dir(),
        "HF_HUB_CACHE={} is not in the repository",
        env[0].1
    );
}

/// Every console block's command parses, and the example's all run
/// offline from its Hugging Face cache fixture.
#[test]
fn readme_console_commands_parse() {
    for (name, _, check) in CASES {
        if *check != Check::Trycmd {
            continue;
        }
        let (env, cmd) = split_env(&console_command(name));
        assert_eq!(cmd[0], "cargo-model-audit", "{name}");
        let cli = parses(&cmd[1..], name);
        if cmd.iter().any(|w| w == "--manifest-path") {
            assert!(cli.global.offline, "{name} must run --offline");
            assert_eq!(
                env,
                [("HF_HUB_CACHE".to_owned(), "examples/hf-cache".to_owned())],
                "{name}"
            );
        }
    }
}

// ---- text blocks: the output of a fixture ----

/// A fixture's private copy with a caller-chosen config, run offline with
/// an empty Hugging Face cache.
fn run(ws: &common::Workspace, args: &[&str]) -> common::Run {
    let cache = ws.path().join(".hf-cache-none");
    let cache = cache.display().to_string();
    ws.run_env(args, &[("HF_HUB_CACHE", cache.as_str())])
}

#[test]
fn readme_dependency_table_list_is_what_list_prints() {
    let b = block("dependency-table-list");
    let ws = common::Workspace::new("tables");
    let r = run(&ws, &["list", "--offline"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    snapbox::assert_data_eq!(r.stdout, format!("...\n{}...\n", b.text));
}

#[test]
fn readme_no_config_note_is_said_once_on_stderr() {
    let b = block("no-config-note");
    let ws = common::Workspace::new("clean");
    let r = run(&ws, &["--offline"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let note = b.text.trim_end();
    assert_eq!(
        r.stderr.lines().filter(|l| *l == note).count(),
        1,
        "{}",
        r.stderr
    );
    assert!(!r.stdout.contains("no model-audit.toml"), "{}", r.stdout);
}

// ---- toml blocks: each parsed by the tool ----

/// `list --offline --format json` on a workspace, with no config error.
fn list_json(ws: &common::Workspace) -> Value {
    let r = run(ws, &["list", "--offline", "--format", "json"]);
    assert!(!r.stderr.contains("invalid config"), "{}", r.stderr);
    assert_eq!(r.code, 0, "{}", r.stderr);
    common::json(&r)
}

fn artifact<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id)
        .unwrap_or_else(|| panic!("no artifact {id} in {report:#}"))
}

/// The toml block as a file; `# key = value` lines uncommented on request.
fn toml_block(name: &str, uncomment: bool) -> String {
    let text = block(name).text;
    if !uncomment {
        return text;
    }
    text.lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if rest.split_once(" = ").is_some() => rest,
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn readme_models_config_declares_the_model() {
    let config = toml_block("models-config", false);
    assert!(config.starts_with("# model-audit.toml\n"), "{config}");
    let ws = common::Workspace::new("clean");
    ws.write("model-audit.toml", &config);
    let report = list_json(&ws);
    let a = artifact(
        &report,
        "model:meta-llama/Llama-2-7b-chat-hf@08751db2aca9bf2f7f80d2e516117a53d7450235",
    );
    assert_eq!(a["references"][0]["kind"], "declared", "{a:#}");

    // The commented keys, switched on: a dataset, its license declared
    // with a reason, and the project's own label of open source.
    ws.write("model-audit.toml", &toml_block("models-config", true));
    let report = list_json(&ws);
    let a = artifact(
        &report,
        "dataset:meta-llama/Llama-2-7b-chat-hf@08751db2aca9bf2f7f80d2e516117a53d7450235",
    );
    assert_eq!(a["license"]["expression"], "LicenseRef-llama2", "{a:#}");
    assert!(
        a["claims"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["by"] == "user"),
        "{a:#}"
    );
}

#[test]
fn readme_models_manifest_declares_models_of_the_member() {
    let snippet = toml_block("models-manifest", false);
    assert!(
        snippet.starts_with("# Cargo.toml of a workspace member"),
        "{snippet}"
    );
    let ws = common::Workspace::new("clean");
    let manifest = std::fs::read_to_string(ws.path().join("Cargo.toml")).unwrap();
    ws.write("Cargo.toml", &format!("{manifest}\n{snippet}"));
    let report = list_json(&ws);
    for id in ["model:acme/tiny@main", "model:acme/other@v2"] {
        let a = artifact(&report, id);
        assert_eq!(a["references"][0]["kind"], "declared", "{a:#}");
        assert_eq!(a["references"][0]["crate"], "clean@0.1.0", "{a:#}");
    }
}

/// The `[scan]` snippet sets what is on by default: the same artifacts as
/// without a config.
#[test]
fn readme_scan_config_is_the_default() {
    let ws = common::Workspace::new("tables");
    let ids = |v: &Value| -> Vec<String> {
        v["artifacts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let default = ids(&list_json(&ws));
    ws.write("model-audit.toml", &block("scan-config").text);
    assert_eq!(ids(&list_json(&ws)), default);
    assert!(default.iter().any(|id| id == "model:acme/minilm-onnx@main"));
}

/// The lock's `[[untraced]]` record, as printed: an offline run, which asks
/// nothing, audits the literal it names as a model the Hub confirmed.
#[test]
fn readme_lock_untraced_record_is_read_offline() {
    let record = toml_block("lock-untraced", false);
    assert!(
        record.starts_with("# model-audit.lock (excerpt)\n"),
        "{record}"
    );
    let ws = common::Workspace::new("hub-v1");
    ws.write(
        "src/labels.rs",
        "pub fn label() -> &'static str { \"acme/label-model\" }\n",
    );
    let before = list_json(&ws);
    assert!(
        before["unaudited_references"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["id"] == "acme/label-model" && l["reference"]["kind"] == "untraced"),
        "{before:#}"
    );
    ws.write("model-audit.lock", &format!("version = 1\n\n{record}"));
    let after = list_json(&ws);
    let a = artifact(&after, "model:acme/label-model@main");
    assert_eq!(a["references"][0]["kind"], "hub-confirmed", "{a:#}");
    assert_eq!(a["references"][0]["file"], "src/labels.rs", "{a:#}");
}

/// The configuration reference, as printed, on a workspace that has what
/// it names: `some-crate` (MPL-2.0, excepted), a GPL-3.0-only crate
/// (denied), `ring` with a LICENSE file the clarification pins, a crate
/// whose LICENSE text disagrees with its manifest (linted away), and the
/// model `owner/name`, which offline cannot be resolved.
#[test]
fn readme_config_reference_parses_and_does_what_it_says() {
    use sha2::Digest;
    let ws = common::Workspace::new("clean");
    ws.write(
        "Cargo.toml",
        "[workspace]\nmembers = [\"app\"]\nexclude = [\"crates\"]\nresolver = \"2\"\n",
    );
    std::fs::remove_dir_all(ws.path().join("src")).unwrap();
    ws.write(
        "app/Cargo.toml",
        "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\nlicense = \"MIT\"\npublish = false\n\n\
         [dependencies]\nsome-crate = { path = \"../crates/some-crate\" }\n\
         gpl-crate = { path = \"../crates/gpl-crate\" }\nring = { path = \"../crates/ring\" }\n\
         mismatched = { path = \"../crates/mismatched\" }\n",
    );
    ws.write("app/src/main.rs", "fn main() {}\n");
    for (name, license) in [("some-crate", "MPL-2.0"), ("gpl-crate", "GPL-3.0-only")] {
        ws.write(
            &format!("crates/{name}/Cargo.toml"),
            &format!(
                "[package]\nname = \"{name}\"\nversion = \"1.0.0\"\nedition = \"2021\"\nlicense = \"{license}\"\n"
            ),
        );
        ws.write(&format!("crates/{name}/src/lib.rs"), "");
    }
    ws.write(
        "crates/ring/Cargo.toml",
        "[package]\nname = \"ring\"\nversion = \"0.17.8\"\nedition = \"2021\"\n",
    );
    ws.write("crates/ring/src/lib.rs", "");
    let ring_license = "Parts of this crate are under ISC-style, MIT and OpenSSL terms.\n";
    ws.write("crates/ring/LICENSE", ring_license);
    common::copy_dir(
        &common::fixtures().join("basic/crates/mismatched"),
        &ws.path().join("crates/mismatched"),
    );

    let sha = format!("{:x}", sha2::Sha256::digest(ring_license.as_bytes()));
    let config = block("config-reference").text;
    assert!(config.contains("sha256 = \"<64 hex digits>\""), "{config}");
    ws.write("model-audit.toml", &config.replace("<64 hex digits>", &sha));

    let r = run(&ws, &["--offline", "--format", "json"]);
    assert!(!r.stderr.contains("invalid config"), "{}", r.stderr);
    // An error finding wins over the unresolved model (exit 3).
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let report = common::json(&r);
    assert_eq!(
        report["policy"]["name"],
        "model-audit.toml (extends permissive)"
    );
    assert_eq!(report["policy"]["open_source_definition"], "osi");
    let findings = common::findings(&report);
    let has = |code: &str, artifact: &str| {
        findings
            .iter()
            .any(|(c, _, a)| c == code && a.starts_with(artifact))
    };
    // `deny`: rejected even if allowed.
    assert!(has("license-denied", "crate:gpl-crate@"), "{findings:?}");
    // `[[licenses.clarify]]`: the pinned file settles ring's license, which
    // the allow list (`MIT`, `Apache-2.0` only) does not accept.
    let ring = artifact(&report, "crate:ring@0.17.8");
    assert_eq!(
        ring["license"]["expression"], "MIT AND ISC AND OpenSSL",
        "{ring:#}"
    );
    assert!(has("license-not-allowed", "crate:ring@"), "{findings:?}");
    // `[[exceptions]]`: MPL-2.0 for some-crate until it expires.
    if has("exception-expired", "crate:some-crate@") {
        assert!(
            has("license-not-allowed", "crate:some-crate@"),
            "{findings:?}"
        );
    } else {
        assert!(
            !findings
                .iter()
                .any(|(_, _, a)| a.starts_with("crate:some-crate@")),
            "{findings:?}"
        );
    }
    // `[lints] license-mismatch = "allow"` drops the mismatch.
    assert!(
        !findings.iter().any(|(c, ..)| c == "license-mismatch"),
        "{findings:?}"
    );
    // `[[models]]` with `[hub] unresolved = "deny"`: an error.
    assert!(
        findings
            .iter()
            .any(|(c, s, a)| c == "model-unresolved" && s == "error" && a.contains("owner/name")),
        "{findings:?}"
    );
}

/// Without the lint, the crate whose text disagrees is a mismatch: the
/// `[lints]` line above is what drops it.
#[test]
fn readme_config_reference_lint_has_something_to_drop() {
    let ws = common::Workspace::new("basic");
    let r = run(&ws, &["--offline", "--format", "json"]);
    let findings = common::findings(&common::json(&r));
    assert!(
        findings
            .iter()
            .any(|(c, _, a)| c == "license-mismatch" && a.starts_with("crate:mismatched@")),
        "{findings:?}"
    );
}

// ---- json: the excerpt is the tool's, and valid ----

fn report_schema() -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(repo().join("schemas/report-v1.schema.json")).unwrap(),
    )
    .unwrap()
}

/// Validates `instance` against the report schema's `$defs/<def>`.
fn assert_valid(def: &str, instance: &Value) {
    let root = report_schema();
    let schema = serde_json::json!({
        "$schema": root["$schema"],
        "$defs": root["$defs"],
        "$ref": format!("#/$defs/{def}"),
    });
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "the README's {def} is not valid: {errors:#?}"
    );
}

#[test]
fn readme_json_finding_is_valid_and_the_tools_own() {
    let shown: Value = serde_json::from_str(&block("json-finding").text)
        .unwrap_or_else(|e| panic!("the README's JSON does not parse: {e}"));
    assert_valid("finding", &shown["finding"]);
    assert_valid("verdict", &shown["verdict"]);

    let dir = tempfile::tempdir().unwrap();
    common::copy_dir_keeping(&repo().join("examples/ml-app"), dir.path(), true);
    let cache = common::example_hf_cache().display().to_string();
    let r = common::run_in(
        dir.path(),
        &[
            "--manifest-path",
            "Cargo.toml",
            "--offline",
            "--policy",
            "permissive",
            "--format",
            "json",
        ],
        &[("HF_HUB_CACHE", cache.as_str())],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let report = common::json(&r);
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == shown["finding"]["id"])
        .expect("the README's finding in the report");
    assert_eq!(finding, &shown["finding"]);
    let verdict = report["verdicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["artifact"] == shown["verdict"]["artifact"])
        .expect("the README's verdict in the report");
    assert_eq!(verdict, &shown["verdict"]);
}

/// Every field name the README's description of the JSON report uses is
/// one the schema has (a property or a value).
#[test]
fn readme_json_report_fields_are_in_the_schema() {
    let text = readme();
    let start = text.find("`--format json` prints one document").unwrap();
    let end = start
        + text[start..]
            .find("One finding of the bundled example")
            .unwrap();
    let prose = &text[start..end];

    let mut known = std::collections::BTreeSet::new();
    fn collect(v: &Value, known: &mut std::collections::BTreeSet<String>) {
        match v {
            Value::Object(map) => {
                if let Some(Value::Object(props)) = map.get("properties") {
                    known.extend(props.keys().cloned());
                }
                for value in map.values() {
                    collect(value, known);
                }
            }
            Value::Array(items) => items.iter().for_each(|i| collect(i, known)),
            Value::String(s) => {
                known.insert(s.clone());
            }
            _ => {}
        }
    }
    collect(&report_schema(), &mut known);

    // Names in backticks, and the comma-separated names inside `{…}` and
    // `(…)` groups of the field list.
    let mut names: Vec<String> = prose
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|s| s.split([' ', '\n', '[']).next().unwrap().to_owned())
        .collect();
    for group in prose.split(['{', '(']).skip(1) {
        let inner = group.split(['}', ')']).next().unwrap();
        if inner.contains('`') {
            continue;
        }
        names.extend(
            inner
                .split(',')
                .map(|s| s.trim().split([' ', '\n']).next().unwrap().to_owned())
                .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c == '_')),
        );
    }
    let names: Vec<String> = names
        .into_iter()
        .filter(|n| n != "--format" && n != "json" && !n.contains('/'))
        .collect();
    assert!(names.len() > 40, "{names:?}");
    let unknown: Vec<&String> = names.iter().filter(|n| !known.contains(*n)).collect();
    assert!(unknown.is_empty(), "not in the schema: {unknown:?}");
}

// ---- sh: commands that cannot run in a test ----

/// One line of a `sh` block: the programs it names exist, and the tool's
/// own command lines parse.
fn check_shell_line(line: &str, whence: &str) {
    let line = line.split(" # ").next().unwrap().trim();
    let line = line
        .strip_prefix('(')
        .and_then(|l| l.strip_suffix(')'))
        .unwrap_or(line);
    for part in line.split("&&").map(str::trim) {
        let (_, w) = split_env(&words(part));
        for arg in &w[1..] {
            assert!(
                !arg.starts_with('/') || arg.starts_with("/path/to/") || arg == "/",
                "{whence}: `{arg}` is a path of one machine; write /path/to/..."
            );
        }
        match w[0].as_str() {
            "cargo" => match w[1].as_str() {
                "model-audit" => {
                    parses(&w[1..], whence);
                }
                "install" => {
                    assert_eq!(w[2..], ["--locked", "--path", "."], "{whence}");
                    let manifest = std::fs::read_to_string(repo().join("Cargo.toml")).unwrap();
                    assert!(manifest.contains("name = \"cargo-model-audit\""));
                }
                "test" | "fmt" | "clippy" | "fetch" => {}
                other => panic!("{whence}: `cargo {other}` is not checked here"),
            },
            "cd" => {}
            "bash" => assert!(repo().join(&w[1]).is_file(), "{whence}: no {}", w[1]),
            script => {
                use std::os::unix::fs::PermissionsExt;
                let path = repo().join(script);
                let mode = std::fs::metadata(&path)
                    .unwrap_or_else(|_| panic!("{whence}: no program {script}"))
                    .permissions()
                    .mode();
                assert!(mode & 0o111 != 0, "{whence}: {script} is not executable");
            }
        }
    }
}

#[test]
fn readme_shell_blocks_name_real_programs_and_parse() {
    for b in [
        block("run-tests"),
        block("install"),
        block("notices-vs-cargo-about"),
        block("development"),
    ] {
        for (i, line) in b.text.lines().enumerate() {
            check_shell_line(line, &format!("README.md:{}", b.line + 1 + i));
        }
    }
}

// ---- yaml: the CI recipes (run by tests/security.rs and
// tests/ci_integration.rs; here their command lines and placeholders) ----

fn yaml(name: &str) -> Value {
    serde_saphyr::from_str(&block(name).text)
        .unwrap_or_else(|e| panic!("the README's `{name}` YAML does not parse: {e}"))
}

/// A recipe's shell command: each `||`-separated command of the tool
/// parses; returns the value of `--output`, if any.
fn recipe_command(line: &str, whence: &str) -> Option<String> {
    let mut output = None;
    for cmd in line.split("||").map(str::trim) {
        let w = words(cmd);
        match w[0].as_str() {
            "cargo-model-audit" => {
                parses(&w[1..], whence);
                output = w
                    .iter()
                    .position(|a| a == "--output")
                    .map(|i| w[i + 1].clone());
            }
            "true" => {}
            "exit" => {}
            other => panic!("{whence}: `{other}` is not checked here"),
        }
    }
    output
}

/// `cargo install` from the repository, by a placeholder URL.
fn assert_installs_from_this_repository(line: &str, env: &Value, whence: &str) {
    let line = line
        .trim()
        .strip_prefix("(cd / && ")
        .and_then(|l| l.strip_suffix(')'))
        .unwrap_or(line);
    assert_eq!(
        words(line),
        [
            "cargo",
            "install",
            "--locked",
            "--git",
            "$MODEL_AUDIT_GIT",
            "cargo-model-audit"
        ],
        "{whence}"
    );
    assert_eq!(
        env["MODEL_AUDIT_GIT"], "<URL of this repository>",
        "{whence}"
    );
}

#[test]
fn readme_github_workflow_commands_parse() {
    let y = yaml("github-workflow");
    let job = &y["jobs"]["model-audit"];
    let steps = job["steps"].as_array().unwrap();
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert_eq!(runs.len(), 3, "{runs:?}");
    assert_installs_from_this_repository(runs[0], &job["env"], "GitHub workflow");
    assert_eq!(recipe_command(runs[1], "GitHub gate"), None);
    let sarif = recipe_command(runs[2], "GitHub SARIF").expect("a SARIF file");
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))
        })
        .expect("an upload step");
    assert_eq!(upload["with"]["sarif_file"], sarif.as_str());
    // Installed before the checkout (see the threat model).
    let install = steps.iter().position(|s| s["run"] == runs[0]).unwrap();
    let checkout = steps
        .iter()
        .position(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/checkout@"))
        })
        .unwrap();
    assert!(install < checkout);
}

#[test]
fn readme_github_action_usage_matches_action_yml() {
    let steps = yaml("github-action");
    let steps = steps.as_array().unwrap();
    let ours = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("<owner/name"))
        })
        .expect("a step using this repository");
    assert_eq!(
        ours["uses"],
        "<owner/name of this repository>@<tag or commit>"
    );
    let action: Value =
        serde_saphyr::from_str(&std::fs::read_to_string(repo().join("action.yml")).unwrap())
            .unwrap();
    for (input, value) in ours["with"].as_object().unwrap() {
        assert!(
            action["inputs"].get(input).is_some(),
            "action.yml has no input `{input}`"
        );
        if input == "args" {
            let mut args = words("--locked --format github");
            args.extend(words(value.as_str().unwrap()));
            parses(&args, "the action's args");
        }
    }
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))
        })
        .expect("an upload step");
    assert_eq!(
        upload["with"]["sarif_file"],
        action["inputs"]["sarif"]["default"]
    );
}

#[test]
fn readme_gitlab_ci_commands_parse() {
    let y = yaml("gitlab-ci");
    let job = &y["model-audit"];
    let before = job["before_script"].as_array().unwrap();
    assert_eq!(before.len(), 1);
    assert_installs_from_this_repository(before[0].as_str().unwrap(), &job["variables"], "GitLab");
    let mut outputs = Vec::new();
    for line in job["script"].as_array().unwrap() {
        let line = line.as_str().unwrap();
        let line = line.strip_suffix(" || status=$?").unwrap_or(line);
        if line.starts_with("exit ") {
            continue;
        }
        outputs.extend(recipe_command(line, "GitLab script"));
    }
    let paths: Vec<String> = job["artifacts"]["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(outputs, paths);
}

#[test]
fn readme_pre_commit_config_names_the_hook() {
    let y = yaml("pre-commit");
    let repo_entry = &y["repos"][0];
    assert_eq!(repo_entry["repo"], "<URL of this repository>");
    assert_eq!(repo_entry["rev"], "<tag or commit>");
    let hooks: Value = serde_saphyr::from_str(
        &std::fs::read_to_string(repo().join(".pre-commit-hooks.yaml")).unwrap(),
    )
    .unwrap();
    assert_eq!(repo_entry["hooks"][0]["id"], hooks[0]["id"]);
    let entry = words(hooks[0]["entry"].as_str().unwrap());
    assert_eq!(entry[0], "cargo-model-audit");
    parses(&entry[1..], ".pre-commit-hooks.yaml entry");
}

/// What a reader must fill in is written the same way everywhere, and is
/// obviously a placeholder.
#[test]
fn readme_placeholders_are_obvious_and_consistent() {
    for b in blocks()
        .iter()
        .filter(|b| matches!(b.lang.as_str(), "sh" | "yaml" | "toml"))
    {
        let mut rest = b.text.as_str();
        while let Some(open) = rest.find('<') {
            let close = rest[open..]
                .find('>')
                .map(|c| open + c + 1)
                .unwrap_or(rest.len());
            let token = &rest[open..close];
            assert!(
                PLACEHOLDERS.contains(&token),
                "README.md:{}: `{token}` is not one of the placeholders {PLACEHOLDERS:?}",
                b.line
            );
            rest = &rest[close..];
        }
    }
    let text = readme();
    assert!(
        !text.contains("github.com/<"),
        "a URL with a placeholder inside"
    );
    assert!(text.contains("--git <URL of this repository>"));
}
