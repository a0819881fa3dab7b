//! The Hub's words that every stage needs: a repository id and its rules, a
//! revision, a commit, and the one parser for Hub URLs. They live here so
//! that config validation, discovery and resolution share one definition
//! and import it from before them in the pipeline.

use std::fmt;

/// One part of a repository id: the characters the Hub allows, and nothing
/// that could escape the cache directory or change a URL.
fn valid_segment(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 96
        && s != "."
        && s != ".."
        && !s.starts_with('-')
        && !s.contains("..")
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
}

/// Checks that a repository id is `owner/name` made of the characters the
/// Hub allows, so it can never escape the cache directory or change a URL.
pub fn valid_repo_id(id: &str) -> bool {
    let mut parts = id.split('/');
    matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some(owner), Some(name), None) if valid_segment(owner) && valid_segment(name)
    )
}

/// A checked Hub repository id, `owner/name`, as it was written.
///
/// The Hub finds a repository whatever the case of its id
/// (`Meta-Llama/llama-2-7b-HF` answers as `meta-llama/Llama-2-7b-hf`), so
/// two ids that differ only in ASCII case are the same repository: `Eq`,
/// `Hash` and `Ord` compare them that way, and every map, merge and lock
/// lookup keyed by a `RepoId` follows the Hub's rule without deciding it
/// again. `Display` and [`RepoId::as_str`] keep the spelling the project
/// wrote.
#[derive(Debug, Clone)]
pub struct RepoId(String);

impl RepoId {
    /// The id, if it follows the Hub's rules.
    pub fn parse(id: &str) -> Option<RepoId> {
        valid_repo_id(id).then(|| RepoId(id.to_owned()))
    }

    /// An id already checked by [`valid_repo_id`] (discovery and the
    /// config check every id before it becomes an artifact); one that
    /// fails the check still makes a `RepoId`, which the Hub client
    /// refuses to put in a URL.
    pub fn checked(id: &str) -> RepoId {
        RepoId(id.to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether it follows the Hub's rules (see [`valid_repo_id`]).
    pub fn is_valid(&self) -> bool {
        valid_repo_id(&self.0)
    }

    /// The owner: the part before the `/`.
    pub fn owner(&self) -> &str {
        self.0.split_once('/').map_or("", |(o, _)| o)
    }

    /// The name: the part after the `/`.
    pub fn name(&self) -> &str {
        self.0.split_once('/').map_or(self.0.as_str(), |(_, n)| n)
    }
}

impl PartialEq for RepoId {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(&other.0)
    }
}

impl Eq for RepoId {}

impl std::hash::Hash for RepoId {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        for b in self.0.bytes() {
            state.write_u8(b.to_ascii_lowercase());
        }
        state.write_u8(0xff);
    }
}

impl Ord for RepoId {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0
            .bytes()
            .map(|b| b.to_ascii_lowercase())
            .cmp(other.0.bytes().map(|b| b.to_ascii_lowercase()))
    }
}

impl PartialOrd for RepoId {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq<str> for RepoId {
    fn eq(&self, other: &str) -> bool {
        self.0.eq_ignore_ascii_case(other)
    }
}

impl PartialEq<&str> for RepoId {
    fn eq(&self, other: &&str) -> bool {
        self.0.eq_ignore_ascii_case(other)
    }
}

impl fmt::Display for RepoId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl serde::Serialize for RepoId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// The two kinds of Hub repository the tool audits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum RepoKind {
    #[default]
    Model,
    Dataset,
}

/// A Hub repository: its id and its kind. The one identity of a model or
/// dataset from discovery to the report, the lock and the Hub client.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HubRepo {
    pub id: RepoId,
    pub kind: RepoKind,
}

impl HubRepo {
    pub fn new(id: RepoId, dataset: bool) -> HubRepo {
        let kind = if dataset {
            RepoKind::Dataset
        } else {
            RepoKind::Model
        };
        HubRepo { id, kind }
    }

    pub fn model(id: &str) -> HubRepo {
        HubRepo::new(RepoId::checked(id), false)
    }

    pub fn is_dataset(&self) -> bool {
        self.kind == RepoKind::Dataset
    }

    /// The repository's part of a file URL: `owner/name` or
    /// `datasets/owner/name`.
    pub fn url_path(&self) -> String {
        match self.kind {
            RepoKind::Model => self.id.0.clone(),
            RepoKind::Dataset => format!("datasets/{}", self.id),
        }
    }

    /// Its page on huggingface.co.
    pub fn web_url(&self) -> String {
        format!("https://huggingface.co/{}", self.url_path())
    }

    /// The first part of the Hub's API paths: `models` or `datasets`.
    pub fn api_kind(&self) -> &'static str {
        match self.kind {
            RepoKind::Model => "models",
            RepoKind::Dataset => "datasets",
        }
    }
}

/// A revision: a branch, tag or commit, without anything that could
/// escape the cache directory.
pub fn valid_revision(rev: &str) -> bool {
    !rev.is_empty()
        && rev.len() <= 256
        && !rev
            .split('/')
            .any(|p| p.is_empty() || p == "." || p == "..")
        && rev
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
}

/// A 40-hex commit: a revision that cannot move.
pub fn is_commit(rev: &str) -> bool {
    rev.len() == 40 && rev.chars().all(|c| c.is_ascii_hexdigit())
}

/// First path segments of huggingface.co that are not model owners.
const NOT_OWNERS: &[&str] = &[
    "api",
    "blog",
    "chat",
    "collections",
    "datasets",
    "docs",
    "enterprise",
    "join",
    "learn",
    "login",
    "models",
    "new",
    "organizations",
    "papers",
    "posts",
    "pricing",
    "search",
    "settings",
    "spaces",
    "tasks",
];

fn strip_prefix_ignoring_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// `owner/name` of a model URL `http(s)://(www.)huggingface.co/owner/name...`
/// (or `hf.co`) at the start of `s`.
pub fn hub_url_repo(s: &str) -> Option<String> {
    // `hf://owner/name/...`, the Hub's filesystem scheme, names a model
    // repository as its web URL does.
    let rest = match strip_prefix_ignoring_case(s, "hf://") {
        Some(rest) if !rest.starts_with("datasets/") && !rest.starts_with("spaces/") => {
            rest.strip_prefix("models/").unwrap_or(rest)
        }
        Some(_) => return None,
        None => {
            let rest = strip_prefix_ignoring_case(s, "https://")
                .or_else(|| strip_prefix_ignoring_case(s, "http://"))?;
            let rest = strip_prefix_ignoring_case(rest, "www.").unwrap_or(rest);
            strip_prefix_ignoring_case(rest, "huggingface.co/")
                .or_else(|| strip_prefix_ignoring_case(rest, "hf.co/"))?
        }
    };
    let is_id_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    let owner_end = rest.find(|c| !is_id_char(c))?;
    let (owner, rest) = rest.split_at(owner_end);
    let rest = rest.strip_prefix('/')?;
    let name_end = rest.find(|c| !is_id_char(c)).unwrap_or(rest.len());
    // A full stop after a URL in prose is not part of it.
    let name = rest[..name_end].trim_end_matches('.');
    if NOT_OWNERS.iter().any(|n| owner.eq_ignore_ascii_case(n)) {
        return None;
    }
    (valid_segment(owner) && valid_segment(name)).then(|| format!("{owner}/{name}"))
}

/// Every model URL on huggingface.co in a text, as `owner/name`.
pub fn hub_urls(text: &str) -> Vec<String> {
    text.match_indices(['h', 'H'])
        .filter_map(|(i, _)| hub_url_repo(&text[i..]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hub_urls_are_found_in_text() {
        assert_eq!(
            hub_urls(
                "Fine-tuned from https://huggingface.co/meta-llama/Llama-3.1-8B. \
                 See HTTPS://hf.co/org/model/blob/main/LICENSE and \
                 https://huggingface.co/datasets/x/y or https://huggingface.co/only-owner"
            ),
            ["meta-llama/Llama-3.1-8B", "org/model"]
        );
        assert_eq!(
            hub_url_repo("http://www.huggingface.co/a/b?x=1"),
            Some("a/b".into())
        );
        assert_eq!(hub_url_repo("https://github.com/a/b"), None);
        assert_eq!(
            hub_url_repo("hf://a/b/blob/main/LICENSE"),
            Some("a/b".into())
        );
        assert_eq!(hub_url_repo("hf://models/a/b"), Some("a/b".into()));
        assert_eq!(hub_url_repo("hf://datasets/a/b"), None);
        assert_eq!(hub_url_repo("https://huggingface.co/a/-b"), None);
        assert_eq!(hub_url_repo("https://huggingface.co/a..b/c"), None);
    }

    #[test]
    fn repo_ids_follow_the_hub_rules() {
        for (id, ok) in [
            ("meta-llama/Llama-3.1-8B", true),
            ("Meta Llama/Llama 3.1 8B", false),
            ("a/b/c", false),
            ("a", false),
            ("../b", false),
            ("a/..", false),
            ("-a/b", false),
        ] {
            assert_eq!(valid_repo_id(id), ok, "{id}");
            assert_eq!(RepoId::parse(id).is_some(), ok, "{id}");
        }
    }

    #[test]
    fn repo_ids_compare_as_the_hub_finds_them() {
        use std::collections::{BTreeSet, HashSet};
        let a = RepoId::checked("Meta-Llama/llama-2-7b-HF");
        let b = RepoId::checked("meta-llama/Llama-2-7b-hf");
        assert_eq!(a, b);
        assert_eq!(a.cmp(&b), std::cmp::Ordering::Equal);
        assert_eq!(HashSet::from([a.clone(), b.clone()]).len(), 1);
        assert_eq!(BTreeSet::from([a.clone(), b]).len(), 1);
        assert_eq!(
            a.to_string(),
            "Meta-Llama/llama-2-7b-HF",
            "shown as written"
        );
        assert_ne!(a, RepoId::checked("meta-llama/Llama-2-7b"));
        assert_eq!((a.owner(), a.name()), ("Meta-Llama", "llama-2-7b-HF"));
        let model = HubRepo::new(a.clone(), false);
        let dataset = HubRepo::new(a, true);
        assert_ne!(model, dataset, "a model and a dataset of one id differ");
        assert_eq!(dataset.url_path(), "datasets/Meta-Llama/llama-2-7b-HF");
    }

    #[test]
    fn revisions_and_commits() {
        assert!(valid_revision("main") && valid_revision("refs/pr/1"));
        assert!(!valid_revision("../x") && !valid_revision("a//b") && !valid_revision(""));
        assert!(is_commit("5a2c0d5b6e3f4a1b9c8d7e6f5a4b3c2d1e0f9a8b"));
        assert!(!is_commit("main"));
    }
}
