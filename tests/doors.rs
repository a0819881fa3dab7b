//! Each trust rule has one door, and nothing under `src/` goes around it:
//! programs start only through `src/process.rs`, files are read and written
//! only through `src/files.rs`. This test reads every source file (unit-test
//! modules aside) and fails on a call that would open, write or run
//! something any other way.

mod common;

use common::{code_lines, rust_files};
use std::path::Path;

/// `(pattern, the only file allowed to use it, what to use instead)`.
const DOORS: &[(&str, &str, &str)] = &[
    ("Command::new(", "src/process.rs", "crate::process::command"),
    (".exec()", "src/process.rs", "crate::process::command"),
    ("fs::read(", "src/files.rs", "crate::files::read"),
    ("read_to_string(", "src/files.rs", "crate::files::read_text"),
    ("File::open(", "src/files.rs", "crate::files::open"),
    ("OpenOptions", "src/files.rs", "crate::files::open / write"),
    ("File::create(", "src/files.rs", "crate::files::write"),
    ("fs::write(", "src/files.rs", "crate::files::write"),
    ("fs::copy(", "src/files.rs", "crate::files::write"),
    ("fs::rename(", "src/files.rs", "crate::files::write"),
    ("fs::remove_file(", "src/files.rs", "crate::files::write"),
    ("symlink(", "src/files.rs", "crate::files::link"),
    ("tempfile::", "src/files.rs", "crate::files::write"),
    ("memmap", "src/files.rs", "crate::files::open"),
    ("fs::read_dir(", "src/files.rs", "crate::files::read_dir"),
    (".read_dir(", "src/files.rs", "crate::files::read_dir"),
    ("WalkDir", "src/files.rs", "crate::files::read_dir"),
    ("walkdir::", "src/files.rs", "crate::files::read_dir"),
    ("ignore::Walk", "src/files.rs", "crate::files::read_dir"),
    ("WalkBuilder", "src/files.rs", "crate::files::read_dir"),
    ("glob::glob", "src/files.rs", "crate::files::read_dir"),
];

/// Whether `line` uses `pattern` as a name of its own (`MetadataCommand::new(`
/// is not `Command::new(`); a pattern that starts with `.` is a method,
/// whatever it is called on.
fn uses(line: &str, pattern: &str) -> bool {
    line.match_indices(pattern).any(|(at, _)| {
        pattern.starts_with('.')
            || !line[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

fn violations(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    let mut wrong = Vec::new();
    for file in files {
        let rel = file
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in code_lines(&text) {
            for (pattern, door, instead) in DOORS {
                if uses(line, pattern) && rel != *door {
                    wrong.push(format!(
                        "{rel}:{n}: `{pattern}` outside {door}: use {instead}\n    {}",
                        line.trim()
                    ));
                }
            }
        }
    }
    wrong
}

#[test]
fn programs_and_files_have_one_door_each() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let wrong = violations(root);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_check_sees_a_path_that_goes_around_a_door() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src/resolve");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(
        src.join("sneaky.rs"),
        "// std::fs::read( in a comment is fine\n\
         fn a() { let _ = std::fs::read(\"LICENSE\"); }\n\
         fn b() { std::process::Command::new(\"git\"); }\n\
         fn c() { for _ in std::fs::read_dir(\"/\") {} }\n\
         fn d() { let _ = dir.read_dir(); let _ = cmd.exec(); }\n\
         fn e() { let _ = crate::files::read_dir(dir); }\n\
         #[cfg(test)]\nmod tests {\n fn t() { std::fs::write(\"x\", \"\"); }\n}\n",
    )
    .unwrap();
    let wrong = violations(dir.path());
    assert_eq!(wrong.len(), 5, "{wrong:#?}");
    assert!(wrong[0].starts_with("src/resolve/sneaky.rs:2: `fs::read(`"));
    assert!(wrong[1].starts_with("src/resolve/sneaky.rs:3: `Command::new(`"));
    // Directory listings have the door of reads.
    assert!(wrong[2].starts_with("src/resolve/sneaky.rs:4: `fs::read_dir(`"));
    assert!(wrong[3].starts_with("src/resolve/sneaky.rs:5: `.exec()`"));
    assert!(wrong[4].starts_with("src/resolve/sneaky.rs:5: `.read_dir(`"));
}
