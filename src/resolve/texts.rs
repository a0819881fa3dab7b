//! License-text detection with the `spdx` crate's detector, behind a cache.
//!
//! Loading the detector's license store costs tens of milliseconds and tens
//! of megabytes, so it is loaded only when a text is not already in the
//! cache. The cache maps a file (path, size, mtime) to the detector's best
//! match and score; registry sources never change, so a warm run only stats
//! files. The threshold is applied by the caller, so changing it needs no
//! new detection.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// The detector's best match for one text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Detection {
    /// An SPDX id, or `None` when nothing matched even weakly.
    pub license: Option<String>,
    pub score: f32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    size: u64,
    mtime_ns: u128,
    detection: Detection,
}

/// Texts larger than this are not license texts we can score reliably.
const MAX_TEXT: u64 = 512 * 1024;
const CACHE_VERSION: u32 = 1;

#[derive(Default, Serialize, Deserialize)]
struct CacheFile {
    version: u32,
    entries: BTreeMap<String, Entry>,
}

/// A detection cache backed by one JSON file.
pub struct Detector {
    file: Option<PathBuf>,
    entries: Mutex<BTreeMap<String, Entry>>,
    dirty: Mutex<bool>,
}

fn store() -> &'static spdx::detection::Store {
    static STORE: OnceLock<spdx::detection::Store> = OnceLock::new();
    STORE.get_or_init(|| {
        spdx::detection::Store::load_inline().unwrap_or_else(|_| spdx::detection::Store::new())
    })
}

fn stamp(meta: &std::fs::Metadata) -> u128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

impl Detector {
    /// A detector whose cache lives in `file` (if given).
    pub fn new(file: Option<PathBuf>) -> Detector {
        let entries = file
            .as_ref()
            .and_then(|f| std::fs::read(f).ok())
            .and_then(|bytes| serde_json::from_slice::<CacheFile>(&bytes).ok())
            .filter(|c| c.version == CACHE_VERSION)
            .map(|c| c.entries)
            .unwrap_or_default();
        Detector {
            file,
            entries: Mutex::new(entries),
            dirty: Mutex::new(false),
        }
    }

    /// The best match for the text in `path`, or `None` if it cannot be read.
    pub fn detect(&self, path: &Path) -> Option<Detection> {
        let meta = std::fs::metadata(path).ok()?;
        if !meta.is_file() {
            return None;
        }
        let key = path.display().to_string();
        let mtime_ns = stamp(&meta);
        if let Some(hit) = self.entries.lock().ok()?.get(&key)
            && hit.size == meta.len()
            && hit.mtime_ns == mtime_ns
        {
            return Some(hit.detection.clone());
        }
        let detection = if meta.len() > MAX_TEXT {
            Detection {
                license: None,
                score: 0.0,
            }
        } else {
            let bytes = std::fs::read(path).ok()?;
            detect_text(&String::from_utf8_lossy(&bytes))
        };
        if let Ok(mut entries) = self.entries.lock() {
            entries.insert(
                key,
                Entry {
                    size: meta.len(),
                    mtime_ns,
                    detection: detection.clone(),
                },
            );
        }
        if let Ok(mut dirty) = self.dirty.lock() {
            *dirty = true;
        }
        Some(detection)
    }

    /// Writes the cache back if anything new was detected. A failure to
    /// write only costs time on the next run, so it is not an error.
    pub fn save(&self) {
        let (Some(file), Ok(dirty)) = (&self.file, self.dirty.lock()) else {
            return;
        };
        if !*dirty {
            return;
        }
        let Ok(entries) = self.entries.lock() else {
            return;
        };
        let cache = CacheFile {
            version: CACHE_VERSION,
            entries: entries.clone(),
        };
        if let Some(dir) = file.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if let Ok(bytes) = serde_json::to_vec(&cache) {
            let _ = crate::error::write_atomic(file, &bytes);
        }
    }
}

/// Scores a text against every license the detector knows.
pub fn detect_text(text: &str) -> Detection {
    let data = spdx::detection::TextData::new(text);
    let scanner = spdx::detection::scan::Scanner::new(store())
        .confidence_threshold(0.5)
        .optimize(false)
        .max_passes(1);
    let result = scanner.scan(&data);
    let license = result.license.map(|l| {
        // The detector confuses Apache-2.0 without its appendix with Pixar,
        // a modified Apache-2.0 (cargo-deny #625).
        if l.name == "Pixar" {
            "Apache-2.0".to_owned()
        } else {
            l.name.to_owned()
        }
    });
    Detection {
        license,
        score: result.score,
    }
}
