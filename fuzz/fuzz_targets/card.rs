//! The model-card parser: front matter, YAML budgets, accessors.
#![no_main]
use cargo_model_audit::resolve::card::Card;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let card = Card::parse(&text);
    let _ = (card.licenses(), card.license_name(), card.license_link(), card.base_models(), card.tags());
    let _ = (card.line_of("license"), card.raw_line("license"));
    let _ = cargo_model_audit::resolve::claims::card_claims("o/m", &card.data, Some(&card.body), card.body_line);
});
