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

pub(super) struct Walk {
    pub(super) out: Vec<PathBuf>,
    pub(super) entries: usize,
}

impl Walk {
    /// Regular files directly in `dir` (or below it, if `recursive`) whose
    /// name `wanted` accepts; `dir` itself must be a real directory.
    pub(super) fn dir(&mut self, dir: &Path, recursive: bool, wanted: &dyn Fn(&str) -> bool) {
        match std::fs::symlink_metadata(dir) {
            Ok(meta) if meta.is_dir() => {}
            _ => return,
        }
        self.walk(dir, recursive, wanted);
    }

    pub(super) fn walk(&mut self, dir: &Path, recursive: bool, wanted: &dyn Fn(&str) -> bool) {
        let mut stack = vec![dir.to_path_buf()];
        while let Some(dir) = stack.pop() {
            let Ok(read) = std::fs::read_dir(&dir) else {
                continue;
            };
            let mut entries = Vec::new();
            for entry in read.flatten() {
                self.entries += 1;
                if self.entries >= MAX_ENTRIES {
                    break;
                }
                entries.push(entry);
            }
            entries.sort_by_key(std::fs::DirEntry::file_name);
            let mut subdirs = Vec::new();
            for entry in entries {
                if self.out.len() >= MAX_FILES {
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
                }
                // Symbolic links (to files or directories) are not followed.
            }
            // Depth first, in name order.
            stack.extend(subdirs.into_iter().rev());
        }
    }

    pub(super) fn file(&mut self, path: &Path) {
        if self.out.len() >= MAX_FILES {
            return;
        }
        match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.is_file() && meta.len() <= MAX_FILE_BYTES => {
                self.out.push(path.to_path_buf());
            }
            _ => {}
        }
    }
}

/// The files of the crate in `crate_dir` to scan: Rust files of `src/`,
/// `build.rs`, `examples/`, `benches/`, `tests/`, and config files at the
/// root and in `config/`, `configs/`, `assets/`, as enabled by `dirs` (see
/// the module documentation for the limits). In a stable order.
pub fn files_to_scan(crate_dir: &Path, dirs: &ScanDirs) -> Vec<PathBuf> {
    let mut walk = Walk {
        out: Vec::new(),
        entries: 0,
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
    walk.out
}
