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
//!
//! Beside the models, `[[untraced]]` records what the Hub answered when an
//! `untraced` literal was confirmed (`[scan] confirm-untraced`): the id,
//! `hub = "exists" | "absent" | "refused"` and the day it was asked, so that
//! later offline runs audit the same models. Such a record can only add: an
//! `exists` makes the literal a model that is then resolved like any other
//! (one the Hub does not have is `model-unresolved`), while `absent` and
//! `refused` leave it where it would be without the record, unaudited. A lock
//! without the table is the version 1 lock of before, byte for byte.

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

/// What the Hub answered about an untraced literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum OnHub {
    /// The model info answered 200: the repository exists.
    Exists,
    /// 404: no such repository.
    Absent,
    /// 401 or 403: private, or not visible to the token.
    Refused,
}

impl OnHub {
    pub fn as_str(self) -> &'static str {
        match self {
            OnHub::Exists => "exists",
            OnHub::Absent => "absent",
            OnHub::Refused => "refused",
        }
    }
}

/// One `[[untraced]]` record: what the Hub said about an id-shaped literal
/// no Hub call was traced to, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Confirmation {
    pub id: String,
    pub hub: OnHub,
    /// The day the Hub was asked, `YYYY-MM-DD` (UTC).
    pub checked: String,
}

impl Confirmation {
    pub fn repo(&self) -> HubRepo {
        HubRepo::model(&self.id)
    }

    fn validate(&self) -> Result<(), String> {
        if !super::hub::valid_repo_id(&self.id) {
            return Err(format!(
                "untraced id \"{}\" is not a Hub repository id `owner/name`",
                self.id
            ));
        }
        if crate::policy::Date::parse(&self.checked).is_none() {
            return Err(format!(
                "{}: checked \"{}\" is not a date `YYYY-MM-DD`",
                self.id, self.checked
            ));
        }
        Ok(())
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LockFile {
    version: u32,
    #[serde(default, rename = "model")]
    models: Vec<Entry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    untraced: Vec<Confirmation>,
}

#[derive(Debug, Default, Clone)]
pub struct Lock {
    pub path: PathBuf,
    pub entries: Vec<Entry>,
    /// What the Hub answered about untraced literals.
    pub untraced: Vec<Confirmation>,
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
        Lock::parse(&text, path)
    }

    /// A lock's text, checked value by value.
    fn parse(text: &str, path: &Path) -> crate::error::Result<Lock> {
        let file: LockFile = toml::from_str(text).map_err(|e| {
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
        let checks = file
            .models
            .iter()
            .map(Entry::validate)
            .chain(file.untraced.iter().map(Confirmation::validate));
        for check in checks {
            check.map_err(|why| {
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
            untraced: file.untraced,
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

    /// What the lock recorded about an untraced literal: `exists` when any
    /// record of the id says so (a record only ever adds a model), else the
    /// latest other answer.
    pub fn confirmation(&self, repo: &HubRepo) -> Option<&Confirmation> {
        let mine = || self.untraced.iter().filter(|c| c.repo() == *repo);
        mine()
            .find(|c| c.hub == OnHub::Exists)
            .or_else(|| mine().max_by(|a, b| a.checked.cmp(&b.checked)))
    }

    /// The lock as TOML, sorted, so the same models give the same bytes.
    pub fn render(entries: &[Entry], untraced: &[Confirmation]) -> String {
        let mut models = entries.to_vec();
        models.sort();
        models.dedup();
        // One record per id: `exists` first, then the latest answer.
        let mut untraced = untraced.to_vec();
        // (The Hub's case rule: ids that differ only in case sort together.)
        untraced.sort_by_cached_key(|c| {
            (
                c.id.to_ascii_lowercase(),
                c.hub != OnHub::Exists,
                std::cmp::Reverse(c.checked.clone()),
            )
        });
        untraced.dedup_by(|later, first| later.repo() == first.repo());
        let body = toml::to_string(&LockFile {
            version: 1,
            models,
            untraced,
        })
        .unwrap_or_default();
        format!("# Written by cargo-model-audit: what each model resolved to. Commit it.\n{body}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODEL: &str = "[[model]]\nid = \"acme/m\"\nrevision = \"main\"\nsha = \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"\nlicense = \"MIT\"\n";

    fn parse(text: &str) -> Result<Lock, String> {
        Lock::parse(text, Path::new("model-audit.lock")).map_err(|e| e.message)
    }

    fn record(id: &str, hub: OnHub, checked: &str) -> Confirmation {
        Confirmation {
            id: id.to_owned(),
            hub,
            checked: checked.to_owned(),
        }
    }

    #[test]
    fn a_lock_of_before_reads_and_renders_as_it_was() {
        let text = format!("version = 1\n\n{MODEL}");
        let lock = parse(&text).unwrap();
        assert!(lock.untraced.is_empty());
        let again = Lock::render(&lock.entries, &lock.untraced);
        assert!(again.ends_with(&text), "{again}");
        assert!(!again.contains("untraced"));
    }

    #[test]
    fn untraced_records_render_one_per_id_and_read_back() {
        let records = [
            record("acme/b", OnHub::Absent, "2026-01-01"),
            record("acme/a", OnHub::Absent, "2026-03-01"),
            record("ACME/a", OnHub::Exists, "2026-02-01"),
            record("acme/c", OnHub::Refused, "2026-01-01"),
        ];
        let text = Lock::render(&[], &records);
        let lock = parse(&text).unwrap();
        // One record per repository, `exists` kept over a later `absent`.
        let kept: Vec<(&str, OnHub)> = lock
            .untraced
            .iter()
            .map(|c| (c.id.as_str(), c.hub))
            .collect();
        assert_eq!(
            kept,
            [
                ("ACME/a", OnHub::Exists),
                ("acme/b", OnHub::Absent),
                ("acme/c", OnHub::Refused)
            ],
            "{text}"
        );
        assert!(
            text.contains(
                "[[untraced]]\nid = \"acme/b\"\nhub = \"absent\"\nchecked = \"2026-01-01\"\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn an_exists_record_wins_whatever_else_the_lock_says() {
        let lock = Lock {
            untraced: vec![
                record("acme/x", OnHub::Exists, "2026-01-01"),
                record("acme/x", OnHub::Absent, "2026-06-01"),
                record("acme/y", OnHub::Absent, "2026-01-01"),
                record("acme/y", OnHub::Refused, "2026-06-01"),
            ],
            ..Lock::default()
        };
        let answer = |id| lock.confirmation(&HubRepo::model(id)).map(|c| c.hub);
        assert_eq!(answer("acme/x"), Some(OnHub::Exists));
        assert_eq!(answer("acme/y"), Some(OnHub::Refused));
        assert_eq!(answer("acme/z"), None);
    }

    #[test]
    fn each_bad_untraced_value_is_named() {
        for (record, said) in [
            (
                "id = \"gpt2\"\nhub = \"exists\"\nchecked = \"2026-01-01\"",
                "\"gpt2\" is not a Hub repository id",
            ),
            (
                "id = \"a/b\"\nhub = \"exists\"\nchecked = \"2026-13-01\"",
                "\"2026-13-01\" is not a date",
            ),
            (
                "id = \"a/b\"\nhub = \"yes\"\nchecked = \"2026-01-01\"",
                "unknown variant `yes`",
            ),
            (
                "id = \"a/b\"\nhub = \"exists\"\nchecked = \"2026-01-01\"\nallow = true",
                "unknown field `allow`",
            ),
        ] {
            let err = parse(&format!("version = 1\n[[untraced]]\n{record}\n")).unwrap_err();
            assert!(
                err.contains("is not a valid lock file") && err.contains(said),
                "{err}"
            );
        }
    }
}
