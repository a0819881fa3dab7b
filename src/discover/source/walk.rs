//! The files of a crate that are scanned.

use super::*;
use crate::policy::ScanDirs;

pub(super) fn is_config_name(name: &str) -> bool {
    if name == "Cargo.toml" {
        return false;
    }
    let lower = name.to_ascii_lowercase();
    [".toml", ".json", ".yaml", ".yml"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// Why a linked directory is not walked.
const LINKED_DIR: &str =
    "a symbolic link to a directory; links are not followed, so the files under it are not audited";

/// Whether the link `path` leads to a directory (looked at, not read).
fn linked_dir(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_dir())
}

pub(super) struct Walk {
    pub(super) out: Vec<PathBuf>,
    pub(super) entries: usize,
    /// Rust files that were not listed, with the reason: a link, a file
    /// over the size cap, a special file, a module outside the package.
    pub(super) skipped: Vec<(PathBuf, String)>,
    /// A bound stopped the walk (said once, in `skipped`).
    pub(super) capped: bool,
}

impl Walk {
    /// A bound stopped the walk at `at`: what was not looked at is said,
    /// once, as a skipped file, never passed in silence.
    fn stop(&mut self, at: &Path) {
        if !self.capped {
            self.capped = true;
            self.skipped.push((
                at.to_path_buf(),
                format!(
                    "the package holds more than {MAX_FILES} files or {MAX_ENTRIES} directory entries; the files from here on were not scanned"
                ),
            ));
        }
    }

    /// Regular files directly in `dir` (or below it, if `recursive`) whose
    /// name `wanted` accepts; `dir` itself must be a real directory.
    pub(super) fn dir(&mut self, dir: &Path, recursive: bool, wanted: &dyn Fn(&str) -> bool) {
        match std::fs::symlink_metadata(dir) {
            Ok(meta) if meta.is_dir() => {}
            Ok(meta) if meta.file_type().is_symlink() && linked_dir(dir) => {
                self.skipped
                    .push((dir.to_path_buf(), LINKED_DIR.to_owned()));
                return;
            }
            _ => return,
        }
        self.walk(dir, recursive, wanted);
    }

    pub(super) fn walk(&mut self, dir: &Path, recursive: bool, wanted: &dyn Fn(&str) -> bool) {
        let mut stack = vec![dir.to_path_buf()];
        while let Some(dir) = stack.pop() {
            let read = match crate::files::read_dir(&dir) {
                Ok(read) => read,
                Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                    self.skipped.push((
                        dir.clone(),
                        format!("{e}; the files under it are not audited"),
                    ));
                    continue;
                }
                Err(_) => continue,
            };
            let mut entries = Vec::new();
            for entry in read {
                self.entries += 1;
                if self.entries >= MAX_ENTRIES {
                    self.stop(&dir);
                    return;
                }
                entries.push(entry);
            }
            entries.sort_by_key(std::fs::DirEntry::file_name);
            let mut subdirs = Vec::new();
            for entry in entries {
                if self.out.len() >= MAX_FILES {
                    self.stop(&entry.path());
                    return;
                }
                let Ok(kind) = entry.file_type() else {
                    continue;
                };
                let name = entry.file_name();
                let Some(name) = name.to_str() else {
                    continue;
                };
                if kind.is_dir() {
                    if recursive && !name.starts_with('.') && name != "target" {
                        subdirs.push(entry.path());
                    }
                } else if kind.is_file() && wanted(name) {
                    self.file(&entry.path());
                } else if kind.is_symlink()
                    && recursive
                    && !name.starts_with('.')
                    && name != "target"
                    && linked_dir(&entry.path())
                {
                    // Nor is a linked directory, which may lead anywhere.
                    self.skipped.push((entry.path(), LINKED_DIR.to_owned()));
                } else if kind.is_symlink() && name.ends_with(".rs") && wanted(name) {
                    // Links are not followed; a linked Rust file is said.
                    self.skipped.push((
                        entry.path(),
                        "a symbolic link; links are not followed, so its references are not audited"
                            .to_owned(),
                    ));
                } else if !kind.is_dir() && !kind.is_file() && !kind.is_symlink() && wanted(name) {
                    self.skipped
                        .push((entry.path(), "not a regular file".to_owned()));
                }
            }
            // Depth first, in name order.
            stack.extend(subdirs.into_iter().rev());
        }
    }

    pub(super) fn file(&mut self, path: &Path) {
        if self.out.len() >= MAX_FILES {
            self.stop(path);
            return;
        }
        let rust = path.extension().is_some_and(|e| e == "rs");
        match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.is_file() && meta.len() <= MAX_FILE_BYTES => {
                self.out.push(path.to_path_buf());
            }
            Ok(meta) if meta.is_file() && rust => self.skipped.push((
                path.to_path_buf(),
                format!(
                    "larger than {} MiB; not scanned",
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
            )),
            Ok(meta) if meta.file_type().is_symlink() && rust => self.skipped.push((
                path.to_path_buf(),
                "a symbolic link; links are not followed, so its references are not audited"
                    .to_owned(),
            )),
            Ok(_) if rust => self
                .skipped
                .push((path.to_path_buf(), "not a regular file".to_owned())),
            _ => {}
        }
    }

    /// Adds the files that listed Rust files bring in by `#[path = "…"]`
    /// and `include!("…")`, inside the package `crate_dir`; one outside it,
    /// or named at compile time (`include!(concat!(env!("OUT_DIR"), …))`),
    /// is a skipped file.
    fn follow_includes(&mut self, crate_dir: &Path) {
        let Ok(package) = crate_dir.canonicalize() else {
            return;
        };
        let mut i = 0;
        while i < self.out.len() && self.out.len() < MAX_FILES {
            let file = self.out[i].clone();
            i += 1;
            if file.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let Ok(text) = crate::files::read_text(&file, MAX_FILE_BYTES) else {
                continue;
            };
            if !text.contains("include!") && !text.contains("#[path") {
                continue;
            }
            let base = file.parent().unwrap_or(crate_dir).to_path_buf();
            for named in included(&text) {
                let Some(rel) = named else {
                    self.skipped.push((
                        file.clone(),
                        "includes a file named at compile time (`include!` of a macro); that file is not audited"
                            .to_owned(),
                    ));
                    continue;
                };
                let target = base.join(&rel);
                match target.canonicalize() {
                    Ok(real) if real.starts_with(&package) => {
                        if !self.out.contains(&target) && !self.out.contains(&real) {
                            self.file(&target);
                        }
                    }
                    Ok(_) => self.skipped.push((
                        target,
                        "brought in by `#[path]` or `include!` from outside the package; not audited"
                            .to_owned(),
                    )),
                    Err(_) => {}
                }
            }
        }
    }
}

/// The paths a Rust file names in `#[path = "…"]` attributes and
/// `include!("…")` calls, in order; `None` for an `include!` whose argument
/// is not a string literal.
fn included(text: &str) -> Vec<Option<String>> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices("#[path") {
        let rest = text[at + "#[path".len()..].trim_start();
        if let Some(rest) = rest.strip_prefix('=')
            && let Some(lit) = string_literal(rest.trim_start())
        {
            out.push(Some(lit));
        }
    }
    for (at, _) in text.match_indices("include!") {
        // `include_str!` and `include_bytes!` are data, not code.
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = text[at + "include!".len()..].trim_start();
        let Some(rest) = rest.strip_prefix(['(', '[', '{']) else {
            continue;
        };
        out.push(string_literal(rest.trim_start()));
    }
    out
}

/// The text of a plain string literal at the start of `s`.
fn string_literal(s: &str) -> Option<String> {
    let body = s.strip_prefix('"')?;
    let end = body.find('"')?;
    let lit = &body[..end];
    (!lit.contains('\\') && !lit.is_empty()).then(|| lit.to_owned())
}

/// The files of the crate in `crate_dir` to scan: Rust files of `src/`,
/// `build.rs`, `examples/`, `benches/`, `tests/`, and config files at the
/// root and in `config/`, `configs/`, `assets/`, as enabled by `dirs` (see
/// the module documentation for the limits). In a stable order.
pub fn files_to_scan(crate_dir: &Path, dirs: &ScanDirs) -> Vec<PathBuf> {
    walk_crate(crate_dir, dirs).out
}

/// The files of a workspace member to scan: [`files_to_scan`] and the files
/// they bring in from inside the package by `#[path]` and `include!`, with
/// the Rust files that were not listed and why.
pub fn files_and_skips(
    crate_dir: &Path,
    dirs: &ScanDirs,
) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    let mut walk = walk_crate(crate_dir, dirs);
    walk.follow_includes(crate_dir);
    (walk.out, walk.skipped)
}

/// The Rust files of a crate that [`files_to_scan`] leaves out, and why.
pub fn skipped_files(crate_dir: &Path, dirs: &ScanDirs) -> Vec<(PathBuf, String)> {
    walk_crate(crate_dir, dirs).skipped
}

fn walk_crate(crate_dir: &Path, dirs: &ScanDirs) -> Walk {
    let mut walk = Walk {
        out: Vec::new(),
        entries: 0,
        skipped: Vec::new(),
        capped: false,
    };
    let rust = |name: &str| name.ends_with(".rs");
    for (enabled, sub) in [
        (dirs.src, "src"),
        (dirs.examples, "examples"),
        (dirs.benches, "benches"),
        (dirs.tests, "tests"),
    ] {
        if enabled {
            walk.dir(&crate_dir.join(sub), true, &rust);
        }
    }
    if dirs.build {
        walk.file(&crate_dir.join("build.rs"));
    }
    if dirs.configs {
        // The crate directory itself may be reached through a link.
        if crate_dir.is_dir() {
            walk.walk(crate_dir, false, &is_config_name);
        }
        for sub in ["config", "configs", "assets"] {
            walk.dir(&crate_dir.join(sub), true, &is_config_name);
        }
    }
    walk
}
