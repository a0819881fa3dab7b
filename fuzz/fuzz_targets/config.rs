//! The config parser and validator.
#![no_main]
use cargo_model_audit::catalog::Catalog;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = cargo_model_audit::policy::from_toml_str(text, Catalog::builtin());
});
