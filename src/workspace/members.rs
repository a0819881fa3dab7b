//! The workspace's member directories as the root manifest names them, read
//! without cargo, so that their files can be scanned while `cargo metadata`
//! runs. A guess: `cargo metadata` stays the authority, and a member this
//! misses (a path dependency inside the workspace, a glob it cannot read) is
//! scanned after cargo answers, while a directory it adds is never used.

use std::path::{Path, PathBuf};

/// Most directories a guess lists.
const MAX_MEMBERS: usize = 10_000;

/// The root package's directory (if the root manifest has `[package]`)
/// and the directories `[workspace] members` names (globs with `*` and
/// `?` in a path component), less `exclude`, each holding a `Cargo.toml`.
pub fn guess_members(root: &Path) -> Vec<PathBuf> {
    let Ok(bytes) = crate::files::read(&root.join("Cargo.toml"), 1024 * 1024) else {
        return Vec::new();
    };
    let Ok(table) = String::from_utf8_lossy(&bytes).parse::<toml::Table>() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if table.contains_key("package") {
        out.push(root.to_path_buf());
    }
    let workspace = table.get("workspace").and_then(|w| w.as_table());
    let list = |key: &str| -> Vec<String> {
        workspace
            .and_then(|w| w.get(key))
            .and_then(|m| m.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let exclude: Vec<PathBuf> = list("exclude").iter().map(|e| root.join(e)).collect();
    for pattern in list("members") {
        for dir in expand(root, &pattern) {
            if out.len() >= MAX_MEMBERS {
                break;
            }
            if !exclude.iter().any(|e| dir.starts_with(e))
                && dir.join("Cargo.toml").is_file()
                && !out.contains(&dir)
            {
                out.push(dir);
            }
        }
    }
    out
}

/// The directories under `root` that `pattern` matches, component by
/// component; `..` and absolute patterns give nothing.
fn expand(root: &Path, pattern: &str) -> Vec<PathBuf> {
    let mut dirs = vec![root.to_path_buf()];
    for part in pattern.split('/').filter(|p| !p.is_empty() && *p != ".") {
        if part == ".." || part.contains('[') || part.contains('\\') {
            return Vec::new();
        }
        let mut next = Vec::new();
        for dir in &dirs {
            if !part.contains(['*', '?']) {
                next.push(dir.join(part));
                continue;
            }
            let Ok(read) = crate::files::read_dir(dir) else {
                continue;
            };
            let mut names: Vec<String> = read
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .filter_map(|e| e.file_name().to_str().map(str::to_owned))
                .filter(|n| !n.starts_with('.') && matches(part.as_bytes(), n.as_bytes()))
                .collect();
            names.sort();
            next.extend(names.into_iter().map(|n| dir.join(n)));
            if next.len() >= MAX_MEMBERS {
                break;
            }
        }
        dirs = next;
    }
    dirs
}

/// Whether `name` matches `pattern`, where `*` is any run of characters and
/// `?` one.
fn matches(pattern: &[u8], name: &[u8]) -> bool {
    let (mut p, mut n) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        match pattern.get(p) {
            Some(b'*') => {
                star = Some((p, n));
                p += 1;
            }
            Some(&c) if c == b'?' || c == name[n] => {
                p += 1;
                n += 1;
            }
            _ => match star {
                Some((sp, sn)) => {
                    p = sp + 1;
                    n = sn + 1;
                    star = Some((sp, sn + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == b'*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(matches(b"candle-*", b"candle-core"));
        assert!(matches(b"*", b"x"));
        assert!(matches(b"a?c", b"abc"));
        assert!(matches(b"*-ex*s", b"wasm-examples"));
        assert!(!matches(b"candle-*", b"tensor-tools"));
        assert!(!matches(b"a?c", b"ac"));
    }

    #[test]
    fn members_from_the_root_manifest() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let krate = |p: &str| {
            std::fs::create_dir_all(root.join(p)).unwrap();
            std::fs::write(root.join(p).join("Cargo.toml"), "[package]\n").unwrap();
        };
        for p in ["core", "examples/a", "examples/b", "examples/skip", "other"] {
            krate(p);
        }
        std::fs::create_dir_all(root.join("examples/no-manifest")).unwrap();
        std::fs::write(
            root.join("Cargo.toml"),
            "[package]\nname = \"r\"\n[workspace]\nmembers = [\"core\", \"examples/*\", \"../out\"]\n\
             exclude = [\"examples/skip\"]\n",
        )
        .unwrap();
        assert_eq!(
            guess_members(root),
            vec![
                root.to_path_buf(),
                root.join("core"),
                root.join("examples/a"),
                root.join("examples/b"),
            ]
        );
    }
}
