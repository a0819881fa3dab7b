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

/// Reads at most `max` bytes of a regular file: a larger file, a device
/// (`/dev/zero`), a FIFO or a directory is an error, and nothing beyond
/// `max + 1` bytes is ever read, whatever the file claims its size is.
pub fn read_capped(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    if meta.len() > max {
        return Err(too_large(max));
    }
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(too_large(max));
    }
    Ok(bytes)
}

fn too_large(max: u64) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        format!("larger than {max} bytes"),
    )
}

/// Writes a report to `--output`: a regular file (or a link to one) is
/// replaced atomically; anything else that exists (`/dev/null`, a FIFO, a
/// terminal) is written through, never replaced by a regular file.
pub fn write_output(path: &Path, contents: &[u8]) -> Result<()> {
    use std::io::Write;
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            if meta.is_dir() {
                return Err(Error::usage(format!(
                    "cannot write the report to {}: it is a directory",
                    path.display()
                )));
            }
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| Error::io("cannot open", path, e))?;
            file.write_all(contents)
                .map_err(|e| Error::io("cannot write", path, e))
        }
        Ok(_) => {
            // Through a symbolic link, replace the file it points to.
            let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            write_atomic(&target, contents)
        }
        Err(_) => write_atomic(path, contents),
    }
}
