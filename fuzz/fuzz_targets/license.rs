//! The license-string normalisers: lenient SPDX, declared expressions with
//! catalog ids, policy entries and catalog lookups.
#![no_main]
use cargo_model_audit::catalog::Catalog;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let catalog = Catalog::builtin();
    let _ = cargo_model_audit::resolve::parse_lax(text);
    let _ = cargo_model_audit::resolve::models::parse_declared(text, catalog);
    let _ = cargo_model_audit::policy::parse_license_entry(text, catalog);
    let _ = catalog.lookup(text);
    let _ = catalog.detect(text);
});
