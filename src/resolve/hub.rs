//! The Hub and its local cache, as the Hugging Face tools use them.
//!
//! `hf-hub` knows the repository URLs and the cache layout; every request
//! (the model info, the card, a LICENSE) goes through one `ureq` agent with
//! our own redirect policy. The token goes only to the endpoint the user's
//! environment names (`HF_ENDPOINT`, or the default), and only to the same
//! scheme, host and port on every request and redirect: an endpoint chosen
//! by the project's config gets no token and fills no cache unless the
//! user's environment sets `MODEL_AUDIT_TRUST_PROJECT_ENDPOINT=1`. Every
//! string from the Hub (headers, card and license texts, model info) passes
//! [`Redactor::redact`] before it is stored or shown. Every request has a
//! timeout; 429 and 5xx answers and dropped connections are retried a
//! bounded number of times with backoff, honouring `Retry-After`.
//!
//! Environment: `HF_ENDPOINT`, `HF_TOKEN` (then `HF_TOKEN_PATH`, then
//! `$HF_HOME/token`), `HF_HUB_CACHE` (then `HUGGINGFACE_HUB_CACHE`, then
//! `$HF_HOME/hub`), `HF_HOME` (default `~/.cache/huggingface`),
//! `HF_HUB_OFFLINE=1`, and `MODEL_AUDIT_TRUST_PROJECT_ENDPOINT=1`.

use crate::policy::HubSettings;
use hf_hub::{Repo, RepoType};
use serde::Deserialize;
use std::path::PathBuf;
use std::time::Duration;

/// The largest body we read: cards and license texts are small.
pub const MAX_BODY: u64 = 4 * 1024 * 1024;
/// The default endpoint, trusted with the token.
pub const DEFAULT_ENDPOINT: &str = "https://huggingface.co";
/// The variable of the user's environment that lets a project's `[hub]
/// endpoint` receive the token.
pub const TRUST_PROJECT_ENDPOINT: &str = "MODEL_AUDIT_TRUST_PROJECT_ENDPOINT";
/// Redirects followed per request.
pub const MAX_REDIRECTS: usize = 5;

pub use crate::secrets::Redactor;

/// Where and how to reach the Hub.
#[derive(Clone)]
pub struct HubConfig {
    pub endpoint: String,
    /// The token, only when `endpoint` is trusted with it.
    pub token: Option<String>,
    /// A token exists but the endpoint is the project's and not trusted.
    pub token_withheld: bool,
    /// The endpoint is the user's (environment or default): its answers
    /// may fill the shared cache.
    pub trusted: bool,
    pub redactor: Redactor,
    pub cache_dir: PathBuf,
    pub offline: bool,
    pub timeout: Duration,
    pub retries: u32,
    pub concurrency: usize,
}

impl std::fmt::Debug for HubConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HubConfig")
            .field("endpoint", &self.endpoint)
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .field("cache_dir", &self.cache_dir)
            .field("offline", &self.offline)
            .field("trusted", &self.trusted)
            .finish()
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl HubConfig {
    /// The settings from the environment, the policy's `[hub]` table and the
    /// command line's `--offline`.
    pub fn from_env(settings: &HubSettings, offline_flag: bool) -> HubConfig {
        let token = crate::secrets::hf_token();
        let cache_dir = crate::secrets::hf_cache_dir();
        // The user's environment wins over the project's config; the
        // project's endpoint is trusted only when the environment says so.
        let (endpoint, trusted) = match (env("HF_ENDPOINT"), &settings.endpoint) {
            (Some(e), _) => (e, true),
            (None, Some(project)) => (
                project.clone(),
                env(TRUST_PROJECT_ENDPOINT).is_some_and(|v| v == "1"),
            ),
            (None, None) => (DEFAULT_ENDPOINT.to_owned(), true),
        };
        let endpoint = endpoint.trim_end_matches('/').to_owned();
        let redactor = Redactor::from_env();
        let token_withheld = token.is_some() && !trusted;
        let token = token.filter(|_| trusted);
        let offline_env = env("HF_HUB_OFFLINE")
            .map(|v| matches!(v.as_str(), "1" | "true" | "TRUE" | "yes" | "ON" | "on"))
            .unwrap_or(false);
        HubConfig {
            endpoint,
            token,
            token_withheld,
            trusted,
            redactor,
            cache_dir,
            offline: offline_flag || offline_env,
            timeout: Duration::from_secs(settings.timeout_secs.max(1)),
            retries: settings.retries,
            concurrency: settings.concurrency,
        }
    }
}

/// Why a request did not give us what we asked for. Messages never contain
/// the token.
#[derive(Debug, Clone, PartialEq)]
pub enum HubError {
    /// 401/403 on a gated or private repository.
    Gated { status: u16 },
    /// 404, with the Hub's `X-Error-Code` (`RepoNotFound`, `RevisionNotFound`, `EntryNotFound`).
    NotFound { code: String },
    /// Any other HTTP status, after retries.
    Status { status: u16 },
    /// Connection, DNS, timeout or protocol failure, after retries.
    Transport(String),
    /// The answer could not be understood.
    Invalid(String),
}

impl std::fmt::Display for HubError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HubError::Gated { status } => write!(f, "HTTP {status}: gated or private repository"),
            HubError::NotFound { code } => write!(f, "not found ({code})"),
            HubError::Status { status } => write!(f, "HTTP {status}"),
            HubError::Transport(m) => write!(f, "{m}"),
            HubError::Invalid(m) => write!(f, "invalid answer: {m}"),
        }
    }
}

/// The parts of the model-info answer we use.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Info {
    pub sha: String,
    #[serde(rename = "cardData", default)]
    pub card_data: Option<serde_json::Value>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub gated: serde_json::Value,
    #[serde(default)]
    pub siblings: Vec<Sibling>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Sibling {
    pub rfilename: String,
}

impl Info {
    /// `"manual"` or `"auto"` when the repository is gated.
    pub fn gated(&self) -> Option<String> {
        match &self.gated {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Bool(true) => Some("true".to_owned()),
            _ => None,
        }
    }

    pub fn has_file(&self, name: &str) -> bool {
        self.siblings.iter().any(|s| s.rfilename == name)
    }
}

/// A file fetched from the Hub.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub bytes: Vec<u8>,
    /// The commit the Hub says the file belongs to (`X-Repo-Commit`).
    pub commit: Option<String>,
    pub etag: Option<String>,
}

pub use crate::domain::hub::{HubRepo, RepoId};

/// hf-hub's view of a repository at a revision, for its cache layout.
fn hf_repo(repo: &HubRepo, revision: &str) -> Repo {
    let kind = if repo.is_dataset() {
        RepoType::Dataset
    } else {
        RepoType::Model
    };
    Repo::with_revision(repo.id.to_string(), kind, revision.to_owned())
}

/// The model-info path: `models/owner/name/revision/<rev>`.
fn api_path(repo: &HubRepo, revision: &str) -> String {
    format!(
        "{}/{}/revision/{}",
        repo.api_kind(),
        repo.id,
        url_revision(revision)
    )
}

/// A revision as a URL path segment (`refs/pr/1` is `refs%2Fpr%2F1`).
fn url_revision(revision: &str) -> String {
    revision.replace('/', "%2F")
}

pub use crate::domain::hub::{is_commit, valid_repo_id, valid_revision};

/// `scheme://host:port` of a URL, for the same-origin check on redirects.
fn origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit('@').next()?.to_ascii_lowercase();
    let default = if scheme.eq_ignore_ascii_case("https") {
        ":443"
    } else {
        ":80"
    };
    let with_port = if authority.contains(':') && !authority.ends_with(']') {
        authority
    } else {
        format!("{authority}{default}")
    };
    Some(format!("{}://{with_port}", scheme.to_ascii_lowercase()))
}

fn join_location(base: &str, location: &str) -> String {
    if location.contains("://") {
        return location.to_owned();
    }
    let Some((scheme, rest)) = base.split_once("://") else {
        return location.to_owned();
    };
    let host = rest.split('/').next().unwrap_or("");
    if location.starts_with('/') {
        format!("{scheme}://{host}{location}")
    } else {
        let dir = base.rsplit_once('/').map(|(d, _)| d).unwrap_or(base);
        format!("{dir}/{location}")
    }
}

/// The Hub client.
pub struct Hub {
    pub config: HubConfig,
    agent: ureq::Agent,
}

type Response = ureq::http::Response<ureq::Body>;

/// A whole answer: status, headers, and (for 2xx) the body, read inside the
/// retry loop so that a connection dropped mid-body is retried too.
struct Answer {
    status: u16,
    headers: ureq::http::HeaderMap,
    body: Vec<u8>,
    redactor: Redactor,
}

impl Answer {
    /// A header's value, redacted, without control characters.
    fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(|s| {
                let s: String = s.trim().chars().filter(|c| !c.is_control()).collect();
                self.redactor.redact(&s)
            })
    }
}

impl Hub {
    pub fn new(config: HubConfig) -> Result<Hub, HubError> {
        let scheme = config.endpoint.split_once("://").map(|(s, _)| s);
        if !matches!(scheme, Some("http" | "https")) || origin(&config.endpoint).is_none() {
            return Err(HubError::Invalid(format!(
                "the Hub endpoint `{}` is not an http(s) URL",
                config.endpoint
            )));
        }
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .max_redirects(0)
            .http_status_as_error(false)
            .timeout_global(Some(config.timeout))
            // Keep a connection per worker alive between a model's requests.
            .max_idle_connections_per_host(config.concurrency.max(1) * 2)
            .user_agent(format!("cargo-model-audit/{}", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Ok(Hub { config, agent })
    }

    fn backoff(&self, attempt: u32, retry_after: Option<&str>) -> Duration {
        let base = Duration::from_millis(100 * (1u64 << attempt.min(6)));
        let retry_after = retry_after
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs)
            .unwrap_or_default();
        base.max(retry_after).min(self.config.timeout)
    }

    /// Sends a request and reads its answer, retrying 429, 5xx, dropped
    /// connections and bodies cut short, at most `retries` times.
    fn send(
        &self,
        what: &str,
        make: &dyn Fn() -> Result<Response, ureq::Error>,
    ) -> Result<Answer, HubError> {
        let mut attempt = 0;
        loop {
            let retryable_err = |e: &ureq::Error| {
                matches!(
                    e,
                    ureq::Error::Io(_) | ureq::Error::Protocol(_) | ureq::Error::ConnectionFailed
                )
            };
            let outcome = make().and_then(|mut resp| {
                let status = resp.status().as_u16();
                let headers = resp.headers().clone();
                let body = if (200..300).contains(&status) {
                    resp.body_mut()
                        .with_config()
                        .limit(MAX_BODY)
                        .read_to_vec()?
                } else {
                    Vec::new()
                };
                Ok(Answer {
                    status,
                    headers,
                    body: self.config.redactor.redact_bytes(body),
                    redactor: self.config.redactor.clone(),
                })
            });
            match outcome {
                Ok(answer) => {
                    let status = answer.status;
                    let retryable = status == 429 || (500..=599).contains(&status) && status != 501;
                    if retryable && attempt < self.config.retries {
                        std::thread::sleep(
                            self.backoff(attempt, answer.header("retry-after").as_deref()),
                        );
                        attempt += 1;
                        continue;
                    }
                    return Ok(answer);
                }
                Err(err) => {
                    if retryable_err(&err) && attempt < self.config.retries {
                        std::thread::sleep(self.backoff(attempt, None));
                        attempt += 1;
                        continue;
                    }
                    return Err(HubError::Transport(format!(
                        "{what}: {}",
                        describe(&err, &self.config)
                    )));
                }
            }
        }
    }

    fn check(answer: &Answer) -> Result<(), HubError> {
        let status = answer.status;
        match status {
            200..=299 => Ok(()),
            401 | 403 => Err(HubError::Gated { status }),
            404 => Err(HubError::NotFound {
                code: answer
                    .header("x-error-code")
                    .unwrap_or_else(|| "NotFound".to_owned()),
            }),
            _ => Err(HubError::Status { status }),
        }
    }

    /// `GET {endpoint}/api/models/{id}/revision/{rev}`.
    pub fn info(&self, repo: &HubRepo, revision: &str) -> Result<Info, HubError> {
        Self::addressable(repo, revision)?;
        let url = format!("{}/api/{}", self.config.endpoint, api_path(repo, revision));
        let answer = self.get(&url, "the model info")?;
        Self::check(&answer)?;
        serde_json::from_slice::<Info>(&answer.body).map_err(|e| {
            HubError::Invalid(format!("model info is not the JSON the Hub sends: {e}"))
        })
    }

    /// `GET {endpoint}/{id}/resolve/{rev}/{file}`.
    pub fn file(&self, repo: &HubRepo, revision: &str, name: &str) -> Result<Fetched, HubError> {
        Self::addressable(repo, revision)?;
        let url = format!(
            "{}/{}/resolve/{}/{name}",
            self.config.endpoint,
            repo.url_path(),
            url_revision(revision)
        );
        let (answer, commit, etag) = self.get_with_meta(&url, name)?;
        Self::check(&answer)?;
        Ok(Fetched {
            bytes: answer.body,
            commit,
            etag,
        })
    }

    /// Refuses an id or revision that could change the URL it is put in.
    fn addressable(repo: &HubRepo, revision: &str) -> Result<(), HubError> {
        if repo.id.is_valid() && valid_revision(revision) {
            Ok(())
        } else {
            Err(HubError::Invalid(
                "not a Hub repository id and revision; no request was made".to_owned(),
            ))
        }
    }

    fn get(&self, url: &str, what: &str) -> Result<Answer, HubError> {
        self.get_with_meta(url, what).map(|(a, _, _)| a)
    }

    /// Follows at most [`MAX_REDIRECTS`] redirects; the token goes only to
    /// the trusted endpoint's scheme, host and port, on every hop. Returns
    /// the last answer and the commit and etag any hop announced.
    fn get_with_meta(
        &self,
        first: &str,
        what: &str,
    ) -> Result<(Answer, Option<String>, Option<String>), HubError> {
        let home = origin(&self.config.endpoint);
        let mut url = first.to_owned();
        let mut commit = None;
        let mut etag = None;
        for _ in 0..=MAX_REDIRECTS {
            let same_origin = origin(&url).is_some() && origin(&url) == home;
            let token = self.config.token.clone().filter(|_| same_origin);
            let target = url.clone();
            let answer = self.send(what, &|| {
                let mut req = self.agent.get(&target);
                if let Some(t) = &token {
                    req = req.header("Authorization", format!("Bearer {t}"));
                }
                req.call()
            })?;
            commit = answer
                .header("x-repo-commit")
                .filter(|c| is_commit(c))
                .or(commit);
            etag = answer
                .header("x-linked-etag")
                .or_else(|| answer.header("etag"))
                .map(|e| e.trim_start_matches("W/").trim_matches('"').to_owned())
                .or(etag);
            if (300..400).contains(&answer.status) {
                let Some(location) = answer.header("location") else {
                    return Err(HubError::Invalid(
                        "a redirect without a Location".to_owned(),
                    ));
                };
                url = join_location(&url, &location);
                if !url.starts_with("http://") && !url.starts_with("https://") {
                    return Err(HubError::Invalid(format!(
                        "a redirect to a URL that is not http(s) fetching {what}"
                    )));
                }
                continue;
            }
            return Ok((answer, commit, etag));
        }
        Err(HubError::Transport(format!(
            "too many redirects fetching {what}"
        )))
    }

    fn repo_dir(&self, repo: &HubRepo) -> PathBuf {
        self.config
            .cache_dir
            .join(hf_repo(repo, "main").folder_name())
    }

    /// The commit a revision points to in the local cache.
    pub fn cached_commit(&self, repo: &HubRepo, revision: &str) -> Option<String> {
        if is_commit(revision) {
            return Some(revision.to_ascii_lowercase());
        }
        if !valid_revision(revision) {
            return None;
        }
        let bytes =
            crate::files::read(&self.repo_dir(repo).join("refs").join(revision), 256).ok()?;
        let sha = String::from_utf8_lossy(&bytes).trim().to_owned();
        is_commit(&sha).then_some(sha)
    }

    /// A file of a commit from the local cache.
    pub fn cached_file(&self, repo: &HubRepo, commit: &str, name: &str) -> Option<Vec<u8>> {
        if !is_commit(commit) || name.contains("..") || name.starts_with('/') {
            return None;
        }
        let path = self
            .repo_dir(repo)
            .join("snapshots")
            .join(commit)
            .join(name);
        let bytes = crate::files::read(&path, MAX_BODY).ok()?;
        Some(self.config.redactor.redact_bytes(bytes))
    }

    /// Stores a fetched file in the cache with the Hub layout (blob,
    /// snapshot link, ref), each step atomic so another process sharing the
    /// cache never sees a partial file. Failures only cost a future request.
    pub fn store(
        &self,
        repo: &HubRepo,
        revision: &str,
        commit: &str,
        name: &str,
        fetched: &Fetched,
    ) {
        // An endpoint the user did not choose must not fill the shared cache.
        if !self.config.trusted {
            return;
        }
        let _ = self.try_store(repo, revision, commit, name, fetched);
    }

    fn try_store(
        &self,
        repo: &HubRepo,
        revision: &str,
        commit: &str,
        name: &str,
        fetched: &Fetched,
    ) -> std::io::Result<()> {
        if !is_commit(commit) || !valid_revision(revision) || name.contains("..") {
            return Ok(());
        }
        let dir = self.repo_dir(repo);
        let etag = fetched
            .etag
            .clone()
            .filter(|e| !e.is_empty() && e.chars().all(|c| c.is_ascii_alphanumeric()))
            .unwrap_or_else(|| {
                use sha2::Digest;
                format!("{:x}", sha2::Sha256::digest(&fetched.bytes))
            });
        let blobs = dir.join("blobs");
        std::fs::create_dir_all(&blobs)?;
        let blob = blobs.join(&etag);
        if !blob.exists() {
            crate::files::write(&blob, &fetched.bytes)?;
        }
        let snapshot = dir.join("snapshots").join(commit);
        let link = snapshot.join(name);
        if let Some(parent) = link.parent() {
            std::fs::create_dir_all(parent)?;
        }
        if !link.exists() {
            let depth = name.matches('/').count() + 2;
            let target: PathBuf = std::iter::repeat_n("..", depth)
                .collect::<PathBuf>()
                .join("blobs")
                .join(&etag);
            crate::files::link(&target, &blob, &link)?;
        }
        if !is_commit(revision) {
            let r = dir.join("refs").join(revision);
            if let Some(parent) = r.parent() {
                std::fs::create_dir_all(parent)?;
            }
            crate::files::write(&r, commit.as_bytes())?;
        }
        Ok(())
    }
}

/// A transport error in words, naming the endpoint but nothing secret.
fn describe(err: &ureq::Error, config: &HubConfig) -> String {
    let host = host_of(&config.endpoint);
    let timeout = || {
        format!(
            "timeout: no answer from {host} within {}s",
            config.timeout.as_secs()
        )
    };
    let text = |e: &dyn std::fmt::Display| config.redactor.redact(&e.to_string());
    match err {
        ureq::Error::Timeout(_) => timeout(),
        ureq::Error::HostNotFound => format!("DNS: cannot resolve the host {host}"),
        ureq::Error::ConnectionFailed => format!("cannot connect to {host}"),
        ureq::Error::Io(e) => {
            use std::io::ErrorKind;
            let message = text(e);
            let lower = message.to_ascii_lowercase();
            match e.kind() {
                ErrorKind::ConnectionRefused => {
                    format!("connection refused by {host}: nothing listens there")
                }
                ErrorKind::TimedOut | ErrorKind::WouldBlock => timeout(),
                _ if lower.contains("lookup")
                    || lower.contains("resolve")
                    || lower.contains("name or service") =>
                {
                    format!("DNS: cannot resolve the host {host} ({message})")
                }
                _ if lower.contains("certificate")
                    || lower.contains("tls")
                    || lower.contains("handshake") =>
                {
                    format!("TLS with {host} failed: {message}")
                }
                _ => format!("connection to {host} failed: {message}"),
            }
        }
        ureq::Error::Rustls(e) => format!("TLS with {host} failed: {}", text(e)),
        ureq::Error::Tls(e) => format!("TLS with {host} failed: {e}"),
        ureq::Error::TooManyRedirects => "too many redirects".to_owned(),
        ureq::Error::BodyExceedsLimit(n) => format!("the answer is larger than {n} bytes"),
        other => format!("{host}: {}", text(other)),
    }
}

/// The host (and port) of an endpoint URL, as a person names the server.
fn host_of(endpoint: &str) -> &str {
    let rest = endpoint.split_once("://").map_or(endpoint, |(_, r)| r);
    let authority = rest.split('/').next().unwrap_or(rest);
    authority.rsplit_once('@').map_or(authority, |(_, h)| h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repo_ids_are_checked() {
        for ok in ["meta-llama/Llama-2-7b-hf", "google/gemma-2b", "a/b.c_d-e"] {
            assert!(valid_repo_id(ok), "{ok}");
        }
        for bad in [
            "../../etc/x",
            "a/../b",
            "a",
            "a/b/c",
            "https://huggingface.co/a/b",
            "a/b?x=1",
            "a/ b",
            "/b",
            "a/",
            "a/..",
            "-x/y",
        ] {
            assert!(!valid_repo_id(bad), "{bad}");
        }
        assert!(valid_revision("refs/pr/1"));
        assert!(!valid_revision("../x"));
        assert!(!valid_revision("a//b"));
    }

    #[test]
    fn origins() {
        assert_eq!(
            origin("https://huggingface.co/a/b").as_deref(),
            Some("https://huggingface.co:443")
        );
        assert_eq!(
            origin("http://127.0.0.1:8080/x").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_ne!(
            origin("http://127.0.0.1:8080/x"),
            origin("http://127.0.0.1:9090/x")
        );
        assert_ne!(
            origin("http://127.0.0.1:8080/x"),
            origin("http://localhost:8080/x")
        );
        assert_eq!(join_location("http://h:1/a/b/c", "/x/y"), "http://h:1/x/y");
        assert_eq!(
            join_location("http://h:1/a/b/c", "https://cdn/z"),
            "https://cdn/z"
        );
    }
}
