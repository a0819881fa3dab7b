//! The bundled example workspace, audited offline from its Hugging Face
//! cache fixture, exactly as the README's run command does it.

mod common;

use common::{json, run_in};
use std::path::{Path, PathBuf};

fn example() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ml-app");
    common::copy_dir_keeping(&src, dir.path(), true);
    let cache = common::example_hf_cache();
    (dir, cache)
}

fn run(dir: &Path, cache: &Path, args: &[&str]) -> common::Run {
    let cache = cache.display().to_string();
    let mut full = vec!["model-audit", "--manifest-path", "Cargo.toml", "--offline"];
    full.extend_from_slice(args);
    run_in(dir, &full, &[("HF_HUB_CACHE", cache.as_str())])
}

#[test]
fn osi_shows_open_washing_with_claims_reasons_and_path() {
    let (dir, cache) = example();
    let lock_before = std::fs::read_to_string(dir.path().join("model-audit.lock")).unwrap();
    let r = run(dir.path(), &cache, &["--policy", "osi"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    insta::assert_snapshot!("example_osi", r.stdout);
    let out = &r.stdout;
    let block = out
        .split("\n\n")
        .find(|b| b.starts_with("error[open-washing]: meta-llama/Llama-2-7b-chat-hf"))
        .expect("an open-washing finding for Llama 2");
    assert!(block.contains("labelled open source by Meta"), "{block}");
    assert!(block.contains("is not OSI-approved"), "{block}");
    assert!(
        block.contains("user-cap: ") && block.contains("700 million"),
        "{block}"
    );
    assert!(block.contains("no-improving-other-models: "), "{block}");
    assert!(block.contains("acceptable-use-policy: "), "{block}");
    assert!(
        block.contains("path: ml-app@0.1.0 -> meta-llama/Llama-2-7b-chat-hf"),
        "{block}"
    );
    // "outperform open-source chat models" is about other models.
    assert!(!block.contains("outperform"), "{block}");
    // The fine-tune that relicenses Llama 2 under Apache-2.0.
    let bot = out
        .split("\n\n")
        .find(|b| b.contains("]: acme-ai/llama2-support-bot "))
        .expect("a diagnostic for the fine-tune");
    assert!(
        bot.contains("= lineage-conflict: derived from meta-llama/Llama-2-7b-chat-hf, whose license `LicenseRef-llama2` binds derivatives"),
        "{bot}"
    );
    // The MIT model that calls itself open source passes.
    // (It is named only among what the MIT license's obligations cover.)
    assert!(
        out.lines()
            .filter(|l| l.contains("acme-ai/phi-lite"))
            .all(|l| l.starts_with("  | shipped: ")),
        "{out}"
    );
    // A warm offline run leaves the committed lock as it was.
    let lock_after = std::fs::read_to_string(dir.path().join("model-audit.lock")).unwrap();
    assert_eq!(lock_before, lock_after);
}

/// One diagnostic per artifact: Llama 2's fits in 15 lines, and no line
/// repeats within any diagnostic.
#[test]
fn one_short_diagnostic_per_artifact() {
    let (dir, cache) = example();
    let r = run(dir.path(), &cache, &["--policy", "osi", "--color", "never"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let blocks: Vec<&str> = r
        .stdout
        .split("\n\n")
        .filter(|b| b.starts_with("error") || b.starts_with("warning") || b.starts_with("note"))
        // The obligations are one block per license, not per artifact.
        .filter(|b| !b.starts_with("note[obligation]"))
        .collect();
    let heads: Vec<&str> = blocks.iter().map(|b| b.lines().next().unwrap()).collect();
    assert_eq!(
        heads.len(),
        3,
        "one diagnostic per failing artifact: {heads:#?}"
    );
    for b in &blocks {
        let lines: Vec<&str> = b.lines().collect();
        let mut seen = std::collections::HashSet::new();
        for l in &lines {
            assert!(seen.insert(*l), "`{l}` repeats in\n{b}");
        }
    }
    let llama = blocks
        .iter()
        .find(|b| b.starts_with("error[open-washing]: meta-llama/Llama-2-7b-chat-hf"))
        .expect("Llama 2's diagnostic");
    assert!(
        llama.lines().count() <= 15,
        "{} lines:\n{llama}",
        llama.lines().count()
    );
    // Every failing reason once, tagged with its code.
    for tag in [
        "= open-washing: ",
        "= not-allowed: ",
        "= restriction:user-cap: ",
        "= restriction:no-improving-other-models: ",
        "= restriction:acceptable-use-policy: ",
        "= claim: labelled open source by Meta",
        "= license: LicenseRef-llama2 (",
    ] {
        assert_eq!(llama.matches(tag).count(), 1, "{tag} in\n{llama}");
    }
    assert_eq!(llama.matches("700 million").count(), 1, "{llama}");
    // The summary names what it skipped and why.
    assert!(
        r.stdout.contains("6 checked of 8 artifacts, 2 skipped: bench-harness@0.1.0, dev-dependency; ml-app@0.1.0, unpublished"),
        "{}",
        r.stdout
    );
}

/// The Markdown and GitHub reports have one entry per artifact too.
#[test]
fn markdown_and_github_have_one_entry_per_artifact() {
    let (dir, cache) = example();
    let md = run(
        dir.path(),
        &cache,
        &["--policy", "osi", "--format", "markdown"],
    );
    let rows = md
        .stdout
        .lines()
        .filter(|l| l.starts_with("| error |") || l.starts_with("| warning |"))
        .count();
    assert_eq!(rows, 3, "{}", md.stdout);
    for section in md.stdout.split("#### ").skip(1) {
        let mut seen = std::collections::HashSet::new();
        for l in section.lines().filter(|l| !l.trim().is_empty()) {
            assert!(seen.insert(l), "`{l}` repeats in\n{section}");
        }
    }
    let gh = run(
        dir.path(),
        &cache,
        &["--policy", "osi", "--format", "github"],
    );
    let annotations: Vec<&str> = gh.stdout.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(annotations.len(), 3, "{}", gh.stdout);
    let llama = annotations
        .iter()
        .find(|l| l.contains("title=open-washing (meta-llama/Llama-2-7b-chat-hf)"))
        .expect("Llama 2's annotation");
    assert_eq!(
        llama.matches("%0A- restriction:user-cap: ").count(),
        1,
        "{llama}"
    );
}

#[test]
fn permissive_shows_restriction_findings() {
    let (dir, cache) = example();
    let r = run(
        dir.path(),
        &cache,
        &["--policy", "permissive", "--format", "json"],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v = json(&r);
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
    let restriction = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| {
            f["code"] == "restriction-denied"
                && f["artifact"]
                    .as_str()
                    .unwrap()
                    .contains("Llama-2-7b-chat-hf")
        })
        .expect("a restriction finding for Llama 2");
    let reasons = restriction["reasons"].to_string();
    assert!(reasons.contains("user-cap"), "{reasons}");
    assert!(
        codes
            .iter()
            .any(|(c, a)| c == "restriction-denied" && a.contains("pretrained-vocab")),
        "{codes:?}"
    );
    let llama = v["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "meta-llama/Llama-2-7b-chat-hf")
        .unwrap();
    assert_eq!(llama["license"]["expression"], "LicenseRef-llama2");
    assert_eq!(llama["claims"][0]["by"], "vendor");
    assert_eq!(llama["claims"][0]["who"], "Meta");
}

#[test]
fn research_reports_labels_without_failing_on_them() {
    let (dir, cache) = example();
    let r = run(
        dir.path(),
        &cache,
        &["--policy", "research", "--format", "json"],
    );
    let v = json(&r);
    let washing: Vec<&serde_json::Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "open-washing")
        .collect();
    assert!(!washing.is_empty());
    assert!(washing.iter().all(|f| f["severity"] == "warning"));
    assert_eq!(r.code, 1, "the lineage conflict still fails: {}", r.stdout);
}
