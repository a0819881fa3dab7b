//! The one door for starting programs (`cargo`, `rustc`, `rustup`).
//!
//! The audited workspace chooses nothing about what runs: every program is
//! started by an absolute path the tool found in the user's own
//! environment, from the filesystem root (where no `rust-toolchain.toml` or
//! `.cargo/config.toml` of a checkout can be found), with an environment
//! built from an allowlist of the user's variables. Secrets the program has
//! no use for (`HF_TOKEN`, cloud credentials, CI tokens) never reach it.
//! `tests/doors.rs` fails when code under `src/` starts a program any other
//! way.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Variables passed on by name: what cargo, rustc, rustup and the git and
/// TLS libraries they use need to find the user's toolchain, registries,
/// proxies and certificates.
const PASSED: &[&str] = &[
    "PATH",
    "HOME",
    "USER",
    "LOGNAME",
    "TMPDIR",
    "TEMP",
    "TMP",
    "LANG",
    "LANGUAGE",
    "TZ",
    "XDG_CONFIG_HOME",
    "XDG_CACHE_HOME",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "http_proxy",
    "https_proxy",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "no_proxy",
    "NO_PROXY",
    "all_proxy",
    "ALL_PROXY",
    "SSH_AUTH_SOCK",
    "GIT_SSH",
    "GIT_SSH_COMMAND",
    "GIT_SSL_CAINFO",
    "SystemRoot",
    "USERPROFILE",
    "APPDATA",
    "LOCALAPPDATA",
];

/// Variables passed on by prefix: cargo's and rustup's own settings, the
/// user's `RUSTFLAGS` and the locale.
const PASSED_PREFIXES: &[&str] = &["CARGO_", "RUSTUP_", "RUSTC", "RUST_", "RUSTFLAGS", "LC_"];

/// Whether the user's variable `name` reaches the programs the tool starts.
pub fn passes(name: &str) -> bool {
    PASSED.contains(&name) || PASSED_PREFIXES.iter().any(|p| name.starts_with(p))
}

/// The directory every program starts in: the filesystem root, which no
/// checkout can write to.
pub fn neutral_dir() -> PathBuf {
    let temp = std::env::temp_dir();
    temp.ancestors()
        .last()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("/"))
}

/// A command for `program`, which must be an absolute path: started from
/// [`neutral_dir`], with only the user's variables that [`passes`] allows,
/// standard input closed. Callers add arguments and may set further
/// variables of their own choosing.
pub fn command(program: &Path) -> std::io::Result<Command> {
    if !program.is_absolute() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!(
                "refusing to start `{}`: not an absolute path",
                program.display()
            ),
        ));
    }
    let mut cmd = Command::new(program);
    cmd.current_dir(neutral_dir());
    cmd.env_clear();
    cmd.envs(user_env());
    cmd.stdin(Stdio::null());
    Ok(cmd)
}

/// The user's variables that [`passes`] allows.
fn user_env() -> Vec<(OsString, OsString)> {
    std::env::vars_os()
        .filter(|(k, _)| k.to_str().is_some_and(passes))
        .collect()
}

/// The user's cargo home: `CARGO_HOME`, or `~/.cargo`, canonical.
pub fn cargo_home() -> Option<PathBuf> {
    std::env::var_os("CARGO_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|p| p.canonicalize().unwrap_or(p))
}

/// `name` on the user's `PATH`, by absolute path (relative `PATH` entries,
/// which would resolve inside the checkout, are skipped).
pub fn on_path(name: &str) -> Option<PathBuf> {
    let name = format!("{name}{}", std::env::consts::EXE_SUFFIX);
    std::env::split_paths(&std::env::var_os("PATH")?)
        .filter(|d| d.is_absolute())
        .map(|d| d.join(&name))
        .find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_toolchains_variables_pass() {
        for name in [
            "PATH",
            "HOME",
            "CARGO_HOME",
            "CARGO_REGISTRIES_CORP_TOKEN",
            "RUSTUP_TOOLCHAIN",
            "RUSTC",
            "RUSTC_WRAPPER",
            "RUSTFLAGS",
            "https_proxy",
            "LC_ALL",
        ] {
            assert!(passes(name), "{name}");
        }
        for name in [
            "HF_TOKEN",
            "HUGGING_FACE_HUB_TOKEN",
            "HF_ENDPOINT",
            "GITHUB_TOKEN",
            "AWS_SECRET_ACCESS_KEY",
            "MODEL_AUDIT_TRUST_PROJECT_ENDPOINT",
            "LD_PRELOAD",
            "LD_LIBRARY_PATH",
        ] {
            assert!(!passes(name), "{name}");
        }
    }

    #[test]
    fn a_relative_program_is_refused() {
        assert!(command(Path::new("cargo")).is_err());
        assert!(command(Path::new("./evil")).is_err());
        let cmd = command(Path::new("/bin/true")).unwrap();
        assert_eq!(cmd.get_current_dir(), Some(neutral_dir().as_path()));
    }
}
