//! Where the project's config is, in the design's order (`--config`,
//! `model-audit.toml`, `.cargo/model-audit.toml`,
//! `[workspace.metadata.model-audit]`), and reading it through
//! [`crate::files`]: a config, and every file it names, stays inside the
//! workspace or the user's own config directory.

use crate::error::{Error, Result};
use crate::policy::MAX_CONFIG_BYTES;
use std::path::{Path, PathBuf};

/// Where the user's config was found, if anywhere.
#[derive(Debug, Clone)]
pub enum ConfigSource {
    File(PathBuf),
    WorkspaceMetadata(PathBuf),
}

/// Finds the project's config in the design's lookup order.
pub fn find_config(explicit: Option<&Path>, root: &Path) -> Result<Option<ConfigSource>> {
    if let Some(path) = explicit {
        if path.extension().is_none_or(|e| e != "toml") {
            return Err(Error::usage(format!(
                "--config {}: a model-audit config is a .toml file",
                path.display()
            ))
            .with_help("name a TOML file such as model-audit.toml"));
        }
        if !path.is_file() {
            return Err(
                Error::usage(format!("config file {} not found", path.display()))
                    .with_help("check the --config path"),
            );
        }
        return Ok(Some(ConfigSource::File(path.to_path_buf())));
    }
    for candidate in [
        root.join("model-audit.toml"),
        root.join(".cargo").join("model-audit.toml"),
    ] {
        // Present in any form: a FIFO, a device or a dangling link is an
        // error, never "no config".
        if std::fs::symlink_metadata(&candidate).is_ok() {
            if candidate.exists() && !candidate.is_file() {
                return Err(Error::usage(format!(
                    "invalid config {}: it is not a regular file",
                    candidate.display()
                ))
                .with_help("the config must be a TOML file; remove what is there"));
            }
            inside(&candidate, &[root.to_path_buf()]).ok_or_else(|| {
                Error::usage(format!(
                    "invalid config {}: it is a link to a file outside the workspace",
                    candidate.display()
                ))
                .with_help("the config and every file it names must be inside the workspace")
            })?;
            return Ok(Some(ConfigSource::File(candidate)));
        }
    }
    let manifest = root.join("Cargo.toml");
    if let Ok(bytes) = crate::files::read(&manifest, MAX_CONFIG_BYTES)
        && let Ok(text) = String::from_utf8(bytes)
        && let Ok(table) = text.parse::<toml::Table>()
        && table
            .get("workspace")
            .and_then(|w| w.get("metadata"))
            .and_then(|m| m.get("model-audit"))
            .is_some()
    {
        return Ok(Some(ConfigSource::WorkspaceMetadata(manifest)));
    }
    Ok(None)
}

/// Reads a config file with the size cap.
pub(super) fn read_config(path: &Path) -> Result<String> {
    let bytes = crate::files::read(path, MAX_CONFIG_BYTES)
        .map_err(|e| Error::io("cannot read config", path, e))?;
    String::from_utf8(bytes).map_err(|_| {
        Error::usage(format!(
            "invalid config {}: it is not UTF-8 text",
            path.display()
        ))
    })
}

/// The canonical path of `path` if it lies inside one of `dirs`.
pub(super) fn inside(path: &Path, dirs: &[PathBuf]) -> Option<PathBuf> {
    let real = path.canonicalize().ok()?;
    dirs.iter()
        .filter_map(|d| d.canonicalize().ok())
        .any(|d| real.starts_with(&d))
        .then_some(real)
}

/// The user's own config directory (`$XDG_CONFIG_HOME/model-audit`, by
/// default `~/.config/model-audit`): trusted, like the user's environment.
pub fn user_config_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".config"))
        })?;
    Some(base.join("model-audit"))
}
