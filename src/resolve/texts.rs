//! License-text detection with the `spdx` crate's detector, behind a cache.
//!
//! Loading the detector's license store costs a tenth of a second and some
//! 45 MB, so it is loaded only when a text is not already in the cache, or
//! on a run that finds no cache file, while `cargo metadata` works. The cache maps a file (path, size, mtime) to the detector's best
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

/// Loads the detector's license store now when `cache` (a detection cache
/// file) does not exist: such a run will need it, and `audit` calls this
/// while cargo works, so that the load (a tenth of a second) does not wait
/// for discovery to end.
pub fn preload_unless_cached(cache: Option<&Path>) {
    if !cache.is_some_and(Path::exists) {
        store();
    }
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
        self.detect_expecting(path, &[])
    }

    /// Like [`Detector::detect`], when the text is expected to be one of
    /// `expected` (SPDX ids, the licenses a manifest declares): a text that
    /// is plainly one of them ([`reads_as`]) is that license, at its
    /// similarity, without scoring it against every license the detector
    /// knows. Anything else is scored in full.
    pub fn detect_expecting(&self, path: &Path, expected: &[String]) -> Option<Detection> {
        // Refused (a link out of the roots, a FIFO, a device) before the
        // cache is asked.
        crate::files::open(path, MAX_TEXT).ok()?;
        self.cache.get_or(path, |p| {
            // Never more than MAX_TEXT bytes, whatever the file is.
            match crate::files::read(p, MAX_TEXT) {
                Ok(bytes) => {
                    let text = String::from_utf8_lossy(&bytes);
                    match reads_as(&text, expected) {
                        Some(found) => found,
                        None => self.detect_once(&bytes),
                    }
                }
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

/// How alike a text must be to an expected license's canonical text to be
/// taken as that license without a full detection.
const PLAIN_MATCH: f32 = 0.9;

/// The license of `expected` whose canonical text (the `spdx` crate's)
/// `text` plainly is: the Dice similarity of their word pairs is at least
/// [`PLAIN_MATCH`]. Copyright lines, a title or a changed holder cost a
/// few pairs; another license's text, or one appended, costs many. This
/// is about a hundred times cheaper than [`detect_text`], which compares
/// a text with every license it knows.
pub fn reads_as(text: &str, expected: &[String]) -> Option<Detection> {
    if expected.is_empty() {
        return None;
    }
    let pairs = word_pairs(text);
    if pairs.is_empty() {
        return None;
    }
    expected
        .iter()
        .filter_map(|id| {
            let canonical = canonical_pairs(id)?;
            let shared = pairs.intersection(&canonical).count();
            let score = 2.0 * shared as f32 / (pairs.len() + canonical.len()) as f32;
            (score >= PLAIN_MATCH).then(|| Detection {
                license: Some(id.clone()),
                score,
            })
        })
        .max_by(|a, b| a.score.total_cmp(&b.score))
}

/// The distinct pairs of consecutive words (letters and digits, lower
/// case) of a text, hashed.
fn word_pairs(text: &str) -> std::collections::HashSet<u64> {
    use std::hash::{Hash, Hasher};
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words
        .windows(2)
        .map(|pair| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            pair.hash(&mut h);
            h.finish()
        })
        .collect()
}

/// [`word_pairs`] of an SPDX license's canonical text, computed once.
fn canonical_pairs(id: &str) -> Option<Arc<std::collections::HashSet<u64>>> {
    type Pairs = Mutex<HashMap<String, Option<Arc<std::collections::HashSet<u64>>>>>;
    static PAIRS: OnceLock<Pairs> = OnceLock::new();
    let pairs = PAIRS.get_or_init(|| Mutex::new(HashMap::new()));
    let mut map = pairs.lock().ok()?;
    map.entry(id.to_owned())
        .or_insert_with(|| {
            let text = spdx::license_id(id)?.text();
            Some(Arc::new(word_pairs(text)))
        })
        .clone()
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

#[cfg(test)]
mod tests {
    use super::reads_as;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    /// The MIT text as crates ship it: a title and their own copyright line.
    fn shipped_mit() -> String {
        let canonical = spdx::license_id("MIT").unwrap().text();
        let body = canonical
            .lines()
            .filter(|l| !l.starts_with("Copyright"))
            .collect::<Vec<_>>()
            .join("\n");
        format!("The MIT License (MIT)\n\nCopyright (c) 2019 The Example Authors\n\n{body}")
    }

    #[test]
    fn a_shipped_copy_of_a_declared_license_reads_as_it() {
        let found = reads_as(&shipped_mit(), &ids(&["Apache-2.0", "MIT"])).unwrap();
        assert_eq!(found.license.as_deref(), Some("MIT"));
        assert!(found.score >= 0.9, "{}", found.score);
        let apache = spdx::license_id("Apache-2.0").unwrap().text();
        let found = reads_as(apache, &ids(&["MIT", "Apache-2.0"])).unwrap();
        assert_eq!(found.license.as_deref(), Some("Apache-2.0"));
    }

    #[test]
    fn another_license_or_one_appended_is_left_to_the_full_detector() {
        let gpl = spdx::license_id("GPL-3.0-only").unwrap().text();
        assert_eq!(reads_as(gpl, &ids(&["MIT"])), None);
        let bsd = spdx::license_id("BSD-3-Clause").unwrap().text();
        assert_eq!(reads_as(bsd, &ids(&["MIT"])), None);
        let both = format!("{}\n\n{bsd}", shipped_mit());
        assert_eq!(reads_as(&both, &ids(&["MIT"])), None);
        assert_eq!(reads_as(&shipped_mit(), &[]), None);
        assert_eq!(reads_as("", &ids(&["MIT"])), None);
        // An id the `spdx` crate has no text for is never a plain match.
        assert_eq!(reads_as(&shipped_mit(), &ids(&["LicenseRef-x"])), None);
    }
}
