//! A cache of per-file results (a weight file's sha256, a source file's
//! references, a license text's detection) keyed by path, size and
//! modification time, so that a warm run only stats files. Each cache is a
//! JSON file in the target directory, written atomically; losing it only
//! costs time.

use serde::{Deserialize, Serialize, de::DeserializeOwned};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry<T> {
    size: u64,
    mtime_ns: u128,
    value: T,
}

#[derive(Serialize, Deserialize)]
struct CacheFile<E> {
    version: u32,
    entries: BTreeMap<String, E>,
}

/// The largest cache file read back; a larger one (a cache file is in the
/// audited workspace's target directory, so it is untrusted) is ignored.
const MAX_CACHE_BYTES: u64 = 256 * 1024 * 1024;

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
            .and_then(|f| crate::error::read_capped(f, MAX_CACHE_BYTES).ok())
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
            let _ = std::fs::create_dir_all(dir);
        }
        if let Ok(bytes) = serde_json::to_vec(&doc) {
            let _ = crate::error::write_atomic(file, &bytes);
        }
    }
}

/// Results per file, reused while the file's size and mtime are unchanged.
pub struct FileCache<T>(Store<Entry<T>>);

fn stamp(meta: &std::fs::Metadata) -> u128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

impl<T: Clone + Serialize + DeserializeOwned> FileCache<T> {
    pub fn load(file: Option<PathBuf>, version: u32) -> FileCache<T> {
        FileCache(Store::load(file, version))
    }

    /// The cached value for `path`, or `compute(path)` stored for next time.
    /// `None` when the file cannot be stat'ed.
    pub fn get_or(&self, path: &Path, compute: impl FnOnce(&Path) -> T) -> Option<T> {
        let meta = std::fs::metadata(path).ok()?;
        let key = path.display().to_string();
        let mtime_ns = stamp(&meta);
        if let Some(hit) = self
            .0
            .get(&key, |e| e.size == meta.len() && e.mtime_ns == mtime_ns)
        {
            return Some(hit.value);
        }
        let value = compute(path);
        self.0.put(
            key,
            Entry {
                size: meta.len(),
                mtime_ns,
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

/// A digest of the paths, sizes and modification times of `paths`: changes
/// when any file is added, removed or touched.
pub fn stamp_files(paths: &[PathBuf]) -> String {
    use sha2::Digest;
    let mut hasher = sha2::Sha256::new();
    for path in paths {
        hasher.update(path.display().to_string().as_bytes());
        hasher.update([0]);
        if let Ok(meta) = std::fs::metadata(path) {
            hasher.update(meta.len().to_le_bytes());
            hasher.update(stamp(&meta).to_le_bytes());
        }
    }
    format!("{:x}", hasher.finalize())
}

/// The sha256 of a file, read in chunks so memory does not grow with size.
pub fn sha256(path: &Path) -> std::io::Result<String> {
    use sha2::Digest;
    let mut file = std::fs::File::open(path)?;
    let mut hasher = sha2::Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(format!("{:x}", hasher.finalize()))
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
        assert_eq!(cache.get_or(&f, |p| sha256(p).unwrap()).unwrap().len(), 64);
        cache.save();
        let warm: FileCache<String> = FileCache::load(Some(cache_file), 1);
        assert_eq!(
            warm.get_or(&f, |_| "not recomputed".into()).unwrap().len(),
            64
        );
        std::fs::write(&f, b"two!").unwrap();
        assert_eq!(
            warm.get_or(&f, |_| "recomputed".into()).unwrap(),
            "recomputed"
        );
    }
}
