//! Text reaches a report or stderr only as `Safe<F>`, which the compiler
//! holds to: `Output::text`, `human` and `workflow` take nothing else, the
//! one writer of stderr neither, and `safe!` takes only pieces (the tool's
//! `&'static str` words, numbers, `Safe<F>` made by the escaper of `F`);
//! see the compile-fail examples in `src/report/escape/safe.rs`.
//!
//! What the compiler cannot see, this test reads in the source (unit-test
//! modules and comments aside): a new kind of piece, a second use of the
//! door for `annotate-snippets`' drawing, text from outside made
//! `&'static`, stderr written another way, an output that takes a `&str`.

mod common;

use common::{code_lines, rust_files};
use std::path::Path;

/// `(pattern, the only files allowed to use it, why it matters)`.
const RULES: &[(&str, &[&str], &str)] = &[
    (
        "Piece<",
        &["src/report/escape/safe.rs"],
        "a `Piece` impl elsewhere (for `String`, say) would let raw text into `safe!`",
    ),
    (
        "drawn(",
        &["src/report/escape.rs", "src/report/human.rs"],
        "`escape::drawn` is for `annotate-snippets`' drawing of `Safe` pieces only",
    ),
    (
        "leak(",
        &[],
        "leaked text is `&'static str`, which `safe!` takes as the tool's own words",
    ),
    (
        "eprintln!(",
        &["src/lib.rs"],
        "stderr has one writer, `to_stderr`, which takes `Safe<Plain>`",
    ),
    (
        "eprint!(",
        &[],
        "stderr has one writer, `to_stderr`, which takes `Safe<Plain>`",
    ),
    (
        "io::stderr",
        &[],
        "stderr has one writer, `to_stderr`, which takes `Safe<Plain>`",
    ),
    (
        // `lib.rs` asks whether stderr is a terminal (for colours); model
        // resolution draws its progress counter, numbers only.
        "Term::stderr(",
        &["src/lib.rs", "src/resolve/models/lineage.rs"],
        "stderr has one writer, `to_stderr`, which takes `Safe<Plain>`",
    ),
];

/// Signatures that keep the doors typed: `(file, text it must hold)`.
const SIGNATURES: &[(&str, &str)] = &[
    (
        "src/report/escape.rs",
        "pub fn text<F: TextFormat>(text: &Safe<F>) -> Output<'a>",
    ),
    (
        "src/report/escape.rs",
        "pub fn human(text: &Safe<Plain>) -> Output<'a>",
    ),
    (
        "src/report/escape.rs",
        "pub fn workflow(text: &Safe<Workflow>) -> Output<'a>",
    ),
    (
        "src/report/escape.rs",
        "pub fn json(text: &Json) -> Output<'a>",
    ),
    ("src/lib.rs", "pub fn to_stderr(text: &Safe<Plain>) {"),
    ("src/lib.rs", "eprintln!(\"{text}\");"),
    (
        "src/report/escape/safe.rs",
        "pub(in crate::report::escape) fn escaped(text: String) -> Safe<F>",
    ),
    (
        "src/report/escape/safe.rs",
        "pub fn format(template: &'static str, pieces: &[&dyn Piece<F>]) -> Safe<F>",
    ),
];

fn violations(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    let mut wrong = Vec::new();
    let mut writers = 0;
    for file in files {
        let rel = file
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in code_lines(&text) {
            for (pattern, allowed, why) in RULES {
                if line.contains(pattern) && !allowed.contains(&rel.as_str()) {
                    wrong.push(format!(
                        "{rel}:{n}: `{pattern}`: {why}\n    {}",
                        line.trim()
                    ));
                }
            }
            if rel == "src/lib.rs" && line.contains("eprintln!(") {
                writers += 1;
            }
        }
    }
    if writers > 1 {
        wrong.push(format!(
            "src/lib.rs: {writers} `eprintln!`: stderr has one writer, `to_stderr`"
        ));
    }
    for (file, signature) in SIGNATURES {
        let text = std::fs::read_to_string(root.join(file)).unwrap_or_default();
        if !text.contains(signature) {
            wrong.push(format!("{file}: no longer holds `{signature}`"));
        }
    }
    wrong
}

#[test]
fn report_text_and_stderr_have_typed_doors_only() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let wrong = violations(root);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_check_sees_a_path_around_the_type() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src/report");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(
        src.join("sneaky.rs"),
        "// impl Piece<Plain> for String in a comment is fine\n\
         impl<F> Piece<F> for String {}\n\
         fn a(name: String) -> &'static str { name.leak() }\n\
         fn b(name: &str) { eprintln!(\"{name}\"); }\n\
         fn c() -> Safe<Plain> { escape::drawn(raw) }\n\
         #[cfg(test)]\nmod tests {\n fn t() { eprintln!(\"x\"); }\n}\n",
    )
    .unwrap();
    let wrong = violations(dir.path());
    let sneaky: Vec<&String> = wrong
        .iter()
        .filter(|w| w.starts_with("src/report/sneaky.rs"))
        .collect();
    assert_eq!(sneaky.len(), 4, "{wrong:#?}");
    assert!(sneaky[0].starts_with("src/report/sneaky.rs:2: `Piece<`"));
    assert!(sneaky[1].starts_with("src/report/sneaky.rs:3: `leak(`"));
    assert!(sneaky[2].starts_with("src/report/sneaky.rs:4: `eprintln!(`"));
    assert!(sneaky[3].starts_with("src/report/sneaky.rs:5: `drawn(`"));
    // Without the real files, the signatures are missing too.
    assert!(
        wrong
            .iter()
            .any(|w| w.contains("pub fn human(text: &Safe<Plain>)")),
        "{wrong:#?}"
    );
}
