//! The secrets the tool holds (the Hub token, and any variable of the
//! user's environment named like a secret) and the one redaction every
//! string from outside passes before it is stored or printed.

use std::path::PathBuf;

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// `$HF_HOME`, by default `~/.cache/huggingface`.
pub fn hf_home() -> PathBuf {
    if let Some(home) = env("HF_HOME") {
        return PathBuf::from(home);
    }
    let cache = env("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| env("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(|| PathBuf::from(".cache"));
    cache.join("huggingface")
}

/// The Hugging Face cache: `HF_HUB_CACHE`, `HUGGINGFACE_HUB_CACHE`, or
/// `$HF_HOME/hub`.
pub fn hf_cache_dir() -> PathBuf {
    env("HF_HUB_CACHE")
        .or_else(|| env("HUGGINGFACE_HUB_CACHE"))
        .map(PathBuf::from)
        .unwrap_or_else(|| hf_home().join("hub"))
}

/// The user's credential files, which no read on the project's behalf may
/// open (see `crate::files::deny_file`): the Hugging Face token file
/// (`HF_TOKEN_PATH`, `$HF_HOME/token`, `$HF_HOME/stored_tokens`) and
/// cargo's (`$CARGO_HOME/credentials.toml`, `credentials`).
pub fn credential_files() -> Vec<PathBuf> {
    let hf = hf_home();
    let mut files = vec![hf.join("token"), hf.join("stored_tokens")];
    if let Some(p) = env("HF_TOKEN_PATH") {
        files.push(PathBuf::from(p));
    }
    if let Some(home) = crate::process::cargo_home() {
        files.push(home.join("credentials.toml"));
        files.push(home.join("credentials"));
    }
    files
}

/// The Hub token: `HF_TOKEN`, then the file `HF_TOKEN_PATH`, then
/// `$HF_HOME/token` (read with a small cap).
pub fn hf_token() -> Option<String> {
    env("HF_TOKEN")
        .or_else(|| {
            let path = env("HF_TOKEN_PATH")
                .map(PathBuf::from)
                .unwrap_or_else(|| hf_home().join("token"));
            let bytes = crate::files::read_users_file(&path, 4096).ok()?;
            String::from_utf8(bytes).ok()
        })
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
}

/// Removes the secrets the tool holds (the token) from any text that came
/// from outside, before it is stored or printed: one pass for everything.
#[derive(Clone, Default)]
pub struct Redactor {
    secrets: Vec<String>,
}

impl Redactor {
    pub const MARK: &'static str = "<redacted>";

    pub fn new(token: Option<&str>) -> Redactor {
        Redactor {
            secrets: token
                .filter(|t| t.len() >= 4)
                .map(|t| vec![t.to_owned()])
                .unwrap_or_default(),
        }
    }

    /// The Hub token, and the value of every variable of the environment
    /// whose name says it holds a secret (`*TOKEN*`, `*SECRET*`,
    /// `*PASSWORD*`, `*_KEY`).
    pub fn from_env() -> Redactor {
        let mut r = Redactor::new(hf_token().as_deref());
        for (name, value) in std::env::vars_os() {
            let name = name.to_string_lossy().to_ascii_uppercase();
            let secret = ["TOKEN", "SECRET", "PASSWORD"]
                .iter()
                .any(|w| name.contains(w))
                || name.ends_with("_KEY");
            if let Some(v) = value.to_str()
                && secret
                && v.trim().len() >= 8
                && !r.secrets.iter().any(|s| s == v.trim())
            {
                r.secrets.push(v.trim().to_owned());
            }
        }
        // Longest first, so a secret that contains another is removed whole.
        r.secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
        r
    }

    pub fn redact(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for s in &self.secrets {
            if out.contains(s.as_str()) {
                out = out.replace(s.as_str(), Self::MARK);
            }
        }
        out
    }

    pub fn redact_bytes(&self, bytes: Vec<u8>) -> Vec<u8> {
        let mut bytes = bytes;
        for s in &self.secrets {
            let needle = s.as_bytes();
            if bytes.windows(needle.len()).any(|w| w == needle) {
                let mut out = Vec::with_capacity(bytes.len());
                let mut i = 0;
                while i < bytes.len() {
                    if bytes[i..].starts_with(needle) {
                        out.extend_from_slice(Self::MARK.as_bytes());
                        i += needle.len();
                    } else {
                        out.push(bytes[i]);
                        i += 1;
                    }
                }
                bytes = out;
            }
        }
        bytes
    }
}
