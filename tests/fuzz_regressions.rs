//! Replays every input the fuzzers found worth keeping (crashes fixed since,
//! under `tests/fuzz_regressions/<target>/`) and the fuzzers' seeds
//! (`fuzz/seeds/<target>/`) through the same entry points as the fuzz
//! targets in `fuzz/`. Each must return, never panic.

use cargo_model_audit::catalog::Catalog;
use std::path::Path;

fn inputs(target: &str) -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [
        root.join("tests/fuzz_regressions").join(target),
        root.join("fuzz/seeds").join(target),
    ] {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            out.push(std::fs::read(entry.path()).unwrap());
        }
    }
    assert!(!out.is_empty(), "no inputs for {target}");
    out
}

#[test]
fn card() {
    for data in inputs("card") {
        let text = String::from_utf8_lossy(&data);
        let card = cargo_model_audit::resolve::card::Card::parse(&text);
        let _ = (
            card.licenses(),
            card.license_name(),
            card.base_models(),
            card.line_of("license"),
        );
        let _ = cargo_model_audit::resolve::claims::card_claims(
            "o/m",
            &card.data,
            Some(&card.body),
            card.body_line,
        );
    }
}

#[test]
fn gguf() {
    for data in inputs("gguf") {
        let mut bytes = b"GGUF".to_vec();
        bytes.extend_from_slice(&data);
        let _ = cargo_model_audit::discover::weights::read_from(std::io::Cursor::new(bytes));
    }
}

#[test]
fn safetensors() {
    for data in inputs("safetensors") {
        let _ = cargo_model_audit::discover::weights::read_from(std::io::Cursor::new(data));
    }
}

#[test]
fn license() {
    let catalog = Catalog::builtin();
    for data in inputs("license") {
        let Ok(text) = std::str::from_utf8(&data) else {
            continue;
        };
        let _ = cargo_model_audit::resolve::parse_lax(text);
        let _ = cargo_model_audit::resolve::models::parse_declared(text, catalog);
        let _ = cargo_model_audit::policy::parse_license_entry(text, catalog);
        let _ = catalog.lookup(text);
        let _ = catalog.detect(text);
    }
}

#[test]
fn config() {
    for data in inputs("config") {
        let Ok(text) = std::str::from_utf8(&data) else {
            continue;
        };
        let _ = cargo_model_audit::policy::from_toml_str(text, Catalog::builtin());
    }
}
