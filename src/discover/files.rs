//! Weight files anywhere in the workspace.

use std::path::{Path, PathBuf};

/// Directories and files looked at, at most, while looking for weight files.
pub const MAX_ENTRIES: usize = 200_000;

/// The weight files found, and where the walk stopped when the workspace
/// holds more than [`MAX_ENTRIES`] entries (the files past it were not
/// looked at, which the caller must say).
#[derive(Debug, Default)]
pub struct Found {
    pub files: Vec<PathBuf>,
    pub stopped_at: Option<PathBuf>,
}

/// Weight files (`*.gguf`, first shards of split GGUF, `*.safetensors`)
/// under `root`, skipping hidden directories, `target/`, `node_modules/` and
/// `skip` (the Cargo target directory), never following a linked
/// directory. A linked weight file is listed: it is read through the door
/// for files like any other, so one that leads outside the roots is an
/// unreadable weight file (its license unknown), never one that vanishes.
pub fn weight_files(root: &Path, skip: &Path) -> Found {
    let mut out = Vec::new();
    let mut seen = 0usize;
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(read) = crate::files::read_dir(&dir) else {
            continue;
        };
        let mut entries: Vec<_> = read.collect();
        entries.sort_by_key(std::fs::DirEntry::file_name);
        for entry in entries.into_iter().rev() {
            seen += 1;
            if seen > MAX_ENTRIES {
                out.sort();
                return Found {
                    files: out,
                    stopped_at: Some(dir),
                };
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            let path = entry.path();
            if kind.is_dir() {
                if !name.starts_with('.')
                    && name != "target"
                    && name != "node_modules"
                    && path != skip
                {
                    stack.push(path);
                }
            } else if (kind.is_file() || kind.is_symlink()) && super::weights::is_weight_file(name)
            {
                out.push(path);
            }
        }
    }
    out.sort();
    Found {
        files: out,
        stopped_at: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weight_files_skip_targets_hidden_dirs_and_links() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for p in [
            "m.gguf",
            "sub/x.safetensors",
            "target/t.gguf",
            ".git/g.gguf",
            "node_modules/n.gguf",
            "sub/a-00002-of-00003.gguf",
            "sub/a-00001-of-00003.gguf",
            "notes.txt",
        ] {
            let path = root.join(p);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, b"x").unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(root, root.join("sub/loop")).unwrap();
        let found: Vec<String> = weight_files(root, &root.join("target"))
            .files
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect();
        assert_eq!(
            found,
            vec!["m.gguf", "sub/a-00001-of-00003.gguf", "sub/x.safetensors"]
        );
    }
}
