//! Caches of per-file and per-crate results (a weight file's sha256, a
//! crate's references, a license text's detection), so that a warm run
//! redoes no analysis.
//!
//! The caches are the tool's, never the project's: they live in the user's
//! cache directory ([`dir`]: `$MODEL_AUDIT_CACHE_DIR`, else
//! `$XDG_CACHE_HOME/cargo-model-audit`, else `~/.cache/cargo-model-audit`),
//! one folder per workspace, and nothing the checkout can write is read as
//! a cache. An entry is trusted only when its content key matches: the
//! sha256 of the bytes it summarises ([`content_stamp`]), or for a crate
//! unpacked from a registry (which never changes a published version) its
//! name, version and source. A weight file's digest, which would cost a
//! read of gigabytes to check, is keyed by what no checkout can set: its
//! device, inode, size, modification and change times. An entry that fails
//! to parse is recomputed; losing a cache only costs time.

use serde::{Deserialize, Serialize, de::DeserializeOwned};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry<T> {
    stamp: String,
    value: T,
}

#[derive(Serialize, Deserialize)]
struct CacheFile<E> {
    version: u32,
    entries: BTreeMap<String, E>,
}

/// The largest cache file read back; a larger one is ignored.
const MAX_CACHE_BYTES: u64 = 256 * 1024 * 1024;

/// The user's cache directory for this tool, if the environment names one.
pub fn base_dir() -> Option<PathBuf> {
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    var("MODEL_AUDIT_CACHE_DIR")
        .or_else(|| var("XDG_CACHE_HOME").map(|d| d.join("cargo-model-audit")))
        .or_else(|| var("HOME").map(|h| h.join(".cache").join("cargo-model-audit")))
}

/// The cache folder of the workspace at `root`: one per workspace, so runs
/// on two workspaces never overwrite each other's files, in the user's cache
/// directory.
///
/// A cache directory inside the workspace (`MODEL_AUDIT_CACHE_DIR` pointing
/// into the checkout, say for a CI cache step) is not used: whoever writes
/// the checkout could write entries whose content keys match what they
/// summarise and whose values lie. The run then caches nothing.
pub fn dir(root: &Path) -> Option<PathBuf> {
    use sha2::Digest;
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let base = base_dir()?;
    if is_inside(&base, &root) {
        return None;
    }
    let digest = sha2::Sha256::digest(root.to_string_lossy().as_bytes());
    let name: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    Some(base.join(name))
}

/// Whether `path` is, or would be once made, inside the directory `root`.
pub fn is_inside(path: &Path, root: &Path) -> bool {
    real_path(path).starts_with(real_path(root))
}

/// `path` with the links of its longest existing ancestor resolved: where
/// a directory not yet made would be.
fn real_path(path: &Path) -> PathBuf {
    let mut missing = Vec::new();
    let mut at = path;
    loop {
        if let Ok(real) = at.canonicalize() {
            return missing.iter().rev().fold(real, |p, part| p.join(part));
        }
        match (at.parent(), at.file_name()) {
            (Some(parent), Some(name)) => {
                missing.push(name.to_owned());
                at = parent;
            }
            _ => return path.to_path_buf(),
        }
    }
}

/// Whether `path` is inside a crate cargo unpacked from a registry
/// (`$CARGO_HOME/registry/src/`): such files are never rewritten for the
/// same name and version, so their path names their content.
pub fn in_registry(path: &Path) -> bool {
    static SRC: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    let src =
        SRC.get_or_init(|| crate::process::cargo_home().map(|h| h.join("registry").join("src")));
    src.as_ref().is_some_and(|src| path.starts_with(src))
}

/// The content key of a file: the sha256 of its bytes, or `registry` for a
/// file of a crate unpacked from a registry. `None` when it cannot be read.
pub fn content_stamp(path: &Path) -> Option<String> {
    if in_registry(path) {
        return Some("registry".to_owned());
    }
    crate::files::sha256(path).ok()
}

/// Entries by key, loaded from and saved to one JSON file.
struct Store<E> {
    file: Option<PathBuf>,
    version: u32,
    entries: Mutex<BTreeMap<String, E>>,
    dirty: Mutex<bool>,
}

impl<E: Clone + Serialize + DeserializeOwned> Store<E> {
    fn load(file: Option<PathBuf>, version: u32) -> Store<E> {
        let entries = file
            .as_ref()
            .and_then(|f| crate::files::read(f, MAX_CACHE_BYTES).ok())
            .and_then(|b| serde_json::from_slice::<CacheFile<E>>(&b).ok())
            .filter(|c| c.version == version)
            .map(|c| c.entries)
            .unwrap_or_default();
        Store {
            file,
            version,
            entries: Mutex::new(entries),
            dirty: Mutex::new(false),
        }
    }

    fn get(&self, key: &str, fresh: impl FnOnce(&E) -> bool) -> Option<E> {
        let entries = self.entries.lock().ok()?;
        entries.get(key).filter(|e| fresh(e)).cloned()
    }

    fn put(&self, key: String, entry: E) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.insert(key, entry);
        }
        if let Ok(mut d) = self.dirty.lock() {
            *d = true;
        }
    }

    /// Writes the file back when something changed.
    fn save(&self) {
        let (Some(file), Ok(dirty)) = (&self.file, self.dirty.lock()) else {
            return;
        };
        if !*dirty {
            return;
        }
        let Ok(entries) = self.entries.lock() else {
            return;
        };
        let doc = CacheFile {
            version: self.version,
            entries: entries.clone(),
        };
        if let Some(dir) = file.parent() {
            let _ = crate::files::create_private_dir(dir);
        }
        if let Ok(bytes) = serde_json::to_vec(&doc) {
            let _ = crate::files::write(file, &bytes);
        }
    }
}

/// Results per file, reused while the file's content key is unchanged.
pub struct FileCache<T>(Store<Entry<T>>);

/// What no checkout can set about a file: device, inode, size, and
/// modification and change times (the change time follows every write and
/// every `touch`).
fn inode_stamp(meta: &std::fs::Metadata) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        format!(
            "{}:{}:{}:{}.{}:{}.{}",
            meta.dev(),
            meta.ino(),
            meta.len(),
            meta.mtime(),
            meta.mtime_nsec(),
            meta.ctime(),
            meta.ctime_nsec()
        )
    }
    #[cfg(not(unix))]
    {
        let mtime = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        format!("{}:{mtime}", meta.len())
    }
}

impl<T: Clone + Serialize + DeserializeOwned> FileCache<T> {
    pub fn load(file: Option<PathBuf>, version: u32) -> FileCache<T> {
        FileCache(Store::load(file, version))
    }

    /// The cached value for `path` while its content key
    /// ([`content_stamp`]) is unchanged, or `compute(path)` stored for next
    /// time. `None` when the file cannot be read.
    pub fn get_or(&self, path: &Path, compute: impl FnOnce(&Path) -> T) -> Option<T> {
        let stamp = content_stamp(path)?;
        self.get_or_stamped(path, stamp, compute)
    }

    /// As [`FileCache::get_or`], keyed by the file's inode stamp instead of
    /// its content: for a weight file's own digest, which a content key
    /// would cost as much as computing.
    pub fn get_or_by_inode(&self, path: &Path, compute: impl FnOnce(&Path) -> T) -> Option<T> {
        let meta = std::fs::metadata(path).ok()?;
        self.get_or_stamped(path, inode_stamp(&meta), compute)
    }

    fn get_or_stamped(
        &self,
        path: &Path,
        stamp: String,
        compute: impl FnOnce(&Path) -> T,
    ) -> Option<T> {
        let key = path.display().to_string();
        if let Some(hit) = self.0.get(&key, |e| e.stamp == stamp) {
            return Some(hit.value);
        }
        let value = compute(path);
        self.0.put(
            key,
            Entry {
                stamp,
                value: value.clone(),
            },
        );
        Some(value)
    }

    /// Writes the cache back when something changed.
    pub fn save(&self) {
        self.0.save();
    }
}

/// Results keyed by a name (a crate's directory, `name@version`), reused
/// while their stamp (a digest of the inputs) is unchanged.
pub struct KeyedCache<T>(Store<(String, T)>);

impl<T: Clone + Serialize + DeserializeOwned> KeyedCache<T> {
    pub fn load(file: Option<PathBuf>, version: u32) -> KeyedCache<T> {
        KeyedCache(Store::load(file, version))
    }

    /// The value stored for `key` with this `stamp`.
    pub fn get(&self, key: &str, stamp: &str) -> Option<T> {
        self.0.get(key, |(s, _)| s == stamp).map(|(_, v)| v)
    }

    pub fn put(&self, key: &str, stamp: &str, value: T) {
        self.0.put(key.to_owned(), (stamp.to_owned(), value));
    }

    /// Writes the cache back when something changed.
    pub fn save(&self) {
        self.0.save();
    }
}

/// A digest of the paths and content keys ([`content_stamp`]) of `paths`:
/// changes when any file is added, removed or changed.
pub fn stamp_files(paths: &[PathBuf]) -> String {
    use sha2::Digest;
    let mut hasher = sha2::Sha256::new();
    for path in paths {
        hasher.update(path.display().to_string().as_bytes());
        hasher.update([0]);
        if let Some(stamp) = content_stamp(path) {
            hasher.update(stamp.as_bytes());
        }
        hasher.update([0]);
    }
    format!("{:x}", hasher.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_reuses_until_the_file_changes() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.gguf");
        std::fs::write(&f, b"one").unwrap();
        let cache_file = dir.path().join("cache.json");
        let cache: FileCache<String> = FileCache::load(Some(cache_file.clone()), 1);
        assert_eq!(
            cache
                .get_or(&f, |p| crate::files::sha256(p).unwrap())
                .unwrap()
                .len(),
            64
        );
        cache.save();
        let warm: FileCache<String> = FileCache::load(Some(cache_file), 1);
        assert_eq!(
            warm.get_or(&f, |_| "not recomputed".into()).unwrap().len(),
            64
        );
        // Same size, same modification time, other bytes: recomputed.
        let mtime = std::fs::metadata(&f).unwrap().modified().unwrap();
        std::fs::write(&f, b"two").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&f)
            .unwrap()
            .set_modified(mtime)
            .unwrap();
        assert_eq!(
            warm.get_or(&f, |_| "recomputed".into()).unwrap(),
            "recomputed"
        );
    }
}
