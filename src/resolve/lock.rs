//! `model-audit.lock`: what each model resolved to last time (the commit,
//! the license and the card's sha256), next to the config. A pinned model
//! the lock already answers needs no request; `--locked` refuses to change
//! the lock; a license that differs from the lock's is a finding. The file
//! is written atomically and only when something changed.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "model-audit.lock";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Entry {
    pub id: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub dataset: bool,
    /// The revision asked for.
    pub revision: String,
    /// The commit it resolved to.
    pub sha: String,
    /// The resolved license expression, or `unknown`.
    pub license: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_sha256: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub base_models: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gated: Option<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LockFile {
    version: u32,
    #[serde(default, rename = "model")]
    models: Vec<Entry>,
}

#[derive(Debug, Default, Clone)]
pub struct Lock {
    pub path: PathBuf,
    pub entries: Vec<Entry>,
    pub existed: bool,
}

impl Lock {
    /// Reads the lock at `path`; a missing file is an empty lock.
    pub fn load(path: &Path) -> Result<Lock, String> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Lock {
                    path: path.to_path_buf(),
                    ..Lock::default()
                });
            }
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        let file: LockFile = toml::from_str(&text).map_err(|e| {
            format!(
                "{} is not a valid lock file: {e}\n  help: delete it to have it written anew",
                path.display()
            )
        })?;
        if file.version != 1 {
            return Err(format!(
                "{} has version {}; this tool writes version 1",
                path.display(),
                file.version
            ));
        }
        Ok(Lock {
            path: path.to_path_buf(),
            entries: file.models,
            existed: true,
        })
    }

    pub fn find(&self, id: &str, dataset: bool, revision: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.id == id && e.dataset == dataset && e.revision == revision)
    }

    /// The lock as TOML, sorted, so the same models give the same bytes.
    pub fn render(entries: &[Entry]) -> String {
        let mut models = entries.to_vec();
        models.sort();
        models.dedup();
        let body = toml::to_string(&LockFile { version: 1, models }).unwrap_or_default();
        format!("# Written by cargo-model-audit: what each model resolved to. Commit it.\n{body}")
    }
}
