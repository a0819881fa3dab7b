//! The safetensors header reader.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = cargo_model_audit::discover::weights::read_from(std::io::Cursor::new(data));
});
