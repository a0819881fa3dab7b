//! The one error type for "the command cannot run" (exit code 2) and
//! "resolution failed" (exit code 3); [`Kind::exit_code`] is the one
//! mapping to exit codes. Every message says what was being done,
//! to which file or key, and what the user can do about it.

use std::fmt;
use std::path::Path;

/// What kind of failure stopped the command: the one place that decides
/// its exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Bad arguments or an unusable workspace (exit 2).
    Usage,
    /// A config file that cannot be read or is invalid (exit 2).
    Config,
    /// A file that cannot be read or written (exit 2).
    Io,
    /// Resolution could not finish (exit 3).
    Resolution,
}

impl Kind {
    /// The design's exit code for this kind of failure.
    pub fn exit_code(self) -> u8 {
        match self {
            Kind::Usage | Kind::Config | Kind::Io => 2,
            Kind::Resolution => 3,
        }
    }
}

/// An error that stops the command before a verdict can be given, with
/// what caused it.
#[derive(Debug)]
pub struct Error {
    pub kind: Kind,
    /// What failed, naming the file, key or artifact.
    pub message: String,
    /// What the user can do about it, if we know.
    pub help: Option<String>,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl Error {
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            help: None,
            source: None,
        }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Error::new(Kind::Usage, message)
    }

    pub fn config(file: &Path, message: impl fmt::Display) -> Self {
        Error::new(
            Kind::Config,
            format!("invalid config {}: {message}", file.display()),
        )
    }

    /// `action` on `path` failed; the I/O error is kept as the cause.
    pub fn io(action: &str, path: &Path, err: std::io::Error) -> Self {
        Error::new(Kind::Io, format!("{action} {}: {err}", path.display())).with_source(err)
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    /// The exit code this error maps to (2 or 3).
    pub fn exit_code(&self) -> u8 {
        self.kind.exit_code()
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

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The text of `bytes`: kept as they are when they are UTF-8 (no copy),
/// else with each invalid sequence replaced by U+FFFD.
pub fn into_text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}
