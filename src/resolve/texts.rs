//! License-text detection with the `spdx` crate's detector, behind a cache.
//!
//! Loading the detector's license store costs tens of milliseconds and tens
//! of megabytes, so it is loaded only when a text is not already in the
//! cache. The cache maps a file (path, size, mtime) to the detector's best
//! match and score; registry sources never change, so a warm run only stats
//! files. The threshold is applied by the caller, so changing it needs no
//! new detection.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// The detector's best match for one text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Detection {
    /// An SPDX id, or `None` when nothing matched even weakly.
    pub license: Option<String>,
    pub score: f32,
}

/// Texts larger than this are not license texts we can score reliably.
pub const MAX_TEXT: u64 = 512 * 1024;
const CACHE_VERSION: u32 = 1;

/// A detection cache backed by one JSON file.
pub struct Detector {
    cache: crate::cache::FileCache<Detection>,
    /// Detections of this run by the text's sha256: many crates ship the
    /// same text (the Apache-2.0 license verbatim), scored once.
    by_text: Mutex<HashMap<[u8; 32], Arc<OnceLock<Detection>>>>,
}

fn store() -> &'static spdx::detection::Store {
    static STORE: OnceLock<spdx::detection::Store> = OnceLock::new();
    STORE.get_or_init(|| {
        spdx::detection::Store::load_inline().unwrap_or_else(|_| spdx::detection::Store::new())
    })
}

impl Detector {
    /// A detector whose cache lives in `file` (if given).
    pub fn new(file: Option<PathBuf>) -> Detector {
        Detector {
            cache: crate::cache::FileCache::load(file, CACHE_VERSION),
            by_text: Mutex::new(HashMap::new()),
        }
    }

    /// The best match for the text in `path`, or `None` if it cannot be read.
    pub fn detect(&self, path: &Path) -> Option<Detection> {
        if !std::fs::metadata(path).ok()?.is_file() {
            return None;
        }
        std::fs::File::open(path).ok()?;
        self.cache.get_or(path, |p| {
            // Never more than MAX_TEXT bytes, whatever the file is.
            match crate::error::read_capped(p, MAX_TEXT) {
                Ok(bytes) => self.detect_once(&bytes),
                _ => Detection {
                    license: None,
                    score: 0.0,
                },
            }
        })
    }

    /// [`detect_text`] on `bytes`, once per distinct text in this run.
    fn detect_once(&self, bytes: &[u8]) -> Detection {
        use sha2::Digest;
        let key: [u8; 32] = sha2::Sha256::digest(bytes).into();
        let slot = match self.by_text.lock() {
            Ok(mut map) => Arc::clone(map.entry(key).or_default()),
            Err(_) => return detect_text(&String::from_utf8_lossy(bytes)),
        };
        slot.get_or_init(|| detect_text(&String::from_utf8_lossy(bytes)))
            .clone()
    }

    /// Writes the cache back if anything new was detected.
    pub fn save(&self) {
        self.cache.save();
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
