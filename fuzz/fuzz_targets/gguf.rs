//! The GGUF header reader, from bytes that start with the magic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut bytes = b"GGUF".to_vec();
    bytes.extend_from_slice(data);
    let _ = cargo_model_audit::discover::weights::read_from(std::io::Cursor::new(bytes));
});
