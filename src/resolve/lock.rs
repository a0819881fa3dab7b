//! `model-audit.lock`: what each model resolved to when the lock was last
//! updated on purpose (the commit, the license and the card's sha256), next
//! to the config. The lock records, it never decides: a model's license
//! always comes from its card and repository, and a lock entry that
//! disagrees is a `license-changed` finding on every run until
//! `cargo model-audit update` records the new answer. `check` only adds
//! entries for models the lock does not know; `--locked` refuses even that;
//! `list` and `explain` never write. The file is untrusted input: every
//! value is validated before use. It is written atomically and only when
//! something changed.

use crate::domain::hub::{HubRepo, RepoId};
use crate::error::Error;
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

/// The largest lock file read.
pub const MAX_LOCK_BYTES: u64 = 4 * 1024 * 1024;

impl Entry {
    /// The repository the entry is about.
    pub fn repo(&self) -> HubRepo {
        HubRepo::new(RepoId::checked(&self.id), self.dataset)
    }

    /// Checks every value, so that a hand-edited lock can neither reach
    /// outside the cache nor smuggle a value into a URL.
    fn validate(&self) -> Result<(), String> {
        use super::hub::{is_commit, valid_repo_id, valid_revision};
        let hex = |s: &str, n: usize| s.len() == n && s.chars().all(|c| c.is_ascii_hexdigit());
        if !valid_repo_id(&self.id) {
            return Err(format!(
                "id \"{}\" is not a Hub repository id `owner/name`",
                self.id
            ));
        }
        if !valid_revision(&self.revision) {
            return Err(format!(
                "{}: revision \"{}\" is not a branch, tag or commit",
                self.id, self.revision
            ));
        }
        if !is_commit(&self.sha) {
            return Err(format!(
                "{}: sha \"{}\" is not a 40-hex commit",
                self.id, self.sha
            ));
        }
        if let Some(h) = &self.card_sha256
            && !hex(h, 64)
        {
            return Err(format!("{}: card-sha256 is not 64 hex digits", self.id));
        }
        if let Some(b) = self.base_models.iter().find(|b| !valid_repo_id(b)) {
            return Err(format!(
                "{}: base model \"{b}\" is not a Hub repository id",
                self.id
            ));
        }
        if self.license.len() > 1024 || self.license.chars().any(char::is_control) {
            return Err(format!("{}: license is not a license expression", self.id));
        }
        if self
            .gated
            .as_ref()
            .is_some_and(|g| g.len() > 32 || g.chars().any(|c| !c.is_ascii_alphanumeric()))
        {
            return Err(format!(
                "{}: gated is not `auto`, `manual` or `true`",
                self.id
            ));
        }
        Ok(())
    }
}

impl Lock {
    /// Reads the lock at `path`; a missing file is an empty lock. A lock
    /// that cannot be read or trusted stops the command (exit 2).
    pub fn load(path: &Path) -> crate::error::Result<Lock> {
        let dir = path.parent().unwrap_or(Path::new("/"));
        let text = match crate::files::read_beside(path, dir, MAX_LOCK_BYTES)
            .and_then(|b| String::from_utf8(b).map_err(std::io::Error::other))
        {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Lock {
                    path: path.to_path_buf(),
                    ..Lock::default()
                });
            }
            Err(e) => return Err(Error::io("cannot read", path, e)),
        };
        let file: LockFile = toml::from_str(&text).map_err(|e| {
            Error::usage(format!("{} is not a valid lock file: {e}", path.display()))
                .with_help("delete it to have it written anew")
        })?;
        if file.version != 1 {
            return Err(Error::usage(format!(
                "{} has version {}; this tool writes version 1",
                path.display(),
                file.version
            )));
        }
        for e in &file.models {
            e.validate().map_err(|why| {
                Error::usage(format!(
                    "{} is not a valid lock file: {why}",
                    path.display()
                ))
                .with_help("run `cargo model-audit update` to write it anew from the Hub")
            })?;
        }
        Ok(Lock {
            path: path.to_path_buf(),
            entries: file.models,
            existed: true,
        })
    }

    /// Whether an entry answers for the same model and revision.
    pub fn same(a: &Entry, b: &Entry) -> bool {
        a.repo() == b.repo() && a.revision == b.revision
    }

    /// The entry for a repository at a revision; ids compare as the Hub
    /// compares them ([`RepoId`]'s rule).
    pub fn find(&self, repo: &HubRepo, revision: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.repo() == *repo && e.revision == revision)
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
