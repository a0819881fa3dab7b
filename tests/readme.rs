//! The README's `console` blocks, run as written: each command with its
//! exit code and output (`...` stands for lines left out).

#[test]
fn readme_console_blocks_are_true() {
    trycmd::TestCases::new()
        .register_bin(
            "cargo-model-audit",
            std::path::Path::new(env!("CARGO_BIN_EXE_cargo-model-audit")),
        )
        .env("NO_COLOR", "1")
        .case("README.md");
}
