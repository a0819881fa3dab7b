//! The one error type for "the command cannot run" (exit code 2) and
//! "resolution failed" (exit code 3). Every message says what was being done,
//! to which file or key, and what the user can do about it.

use std::fmt;
use std::path::{Path, PathBuf};

/// An error that stops the command before a verdict can be given.
#[derive(Debug)]
pub struct Error {
    /// What failed, naming the file, key or artifact.
    pub message: String,
    /// What the user can do about it, if we know.
    pub help: Option<String>,
    /// The exit code this error maps to (2 or 3).
    pub exit_code: u8,
}

impl Error {
    pub fn usage(message: impl Into<String>) -> Self {
        Error {
            message: message.into(),
            help: None,
            exit_code: 2,
        }
    }

    pub fn config(file: &Path, message: impl fmt::Display) -> Self {
        Error::usage(format!("invalid config {}: {message}", file.display()))
    }

    pub fn io(action: &str, path: &Path, err: std::io::Error) -> Self {
        Error::usage(format!("{action} {}: {err}", path.display()))
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Writes `contents` to `path` so that readers see either the old file or the
/// whole new one, never a half-written file.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(contents)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(err) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io("cannot write", path, err));
    }
    Ok(())
}
