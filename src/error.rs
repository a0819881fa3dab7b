//! The one error type for "the command cannot run" (exit code 2) and
//! "resolution failed" (exit code 3), and [`Exit`], the one place that
//! turns what happened into the process's exit code. Every message says
//! what was being done, to which file or key, and what the user can do
//! about it.

use std::fmt;
use std::path::Path;

/// How the command ended, as the process's exit code says it (the table in
/// DESIGN.md and the README). Every code the process returns is one of
/// these; [`Exit::code`] is the only place that knows the numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: the policy holds (warnings allowed unless `--deny-warnings`).
    Holds,
    /// 1: the policy fails: an error finding, or a warning with
    /// `--deny-warnings`.
    Fails,
    /// 2: the command cannot run: bad arguments, bad config, unreadable
    /// workspace (and a bug: a panic).
    CannotRun,
    /// 3: resolution incomplete: a model could not be resolved and the
    /// policy says that is an error.
    Incomplete,
}

/// What a finished check found, as far as its exit code cares.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Error findings other than an unresolved model.
    pub errors: usize,
    /// Error findings for models that could not be resolved.
    pub unresolved: usize,
    pub warnings: usize,
    /// `--deny-warnings`.
    pub deny_warnings: bool,
}

impl Exit {
    /// The exit of a command that ran to the end. When several apply, the
    /// first of these wins: an error finding (1), an unresolved model (3),
    /// a warning under `--deny-warnings` (1); else 0. A policy error and an
    /// unresolved model together fail: the failure is certain whatever the
    /// missing model turns out to be. (A command that cannot run never gets
    /// here: its [`Error`] says 2 or 3.)
    pub fn of(tally: Tally) -> Exit {
        if tally.errors > 0 {
            Exit::Fails
        } else if tally.unresolved > 0 {
            Exit::Incomplete
        } else if tally.deny_warnings && tally.warnings > 0 {
            Exit::Fails
        } else {
            Exit::Holds
        }
    }

    /// The process's exit code.
    pub fn code(self) -> u8 {
        match self {
            Exit::Holds => 0,
            Exit::Fails => 1,
            Exit::CannotRun => 2,
            Exit::Incomplete => 3,
        }
    }
}

/// What kind of failure stopped the command, which decides its [`Exit`].
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
    /// How a command stopped by this kind of failure exits.
    pub fn exit(self) -> Exit {
        match self {
            Kind::Usage | Kind::Config | Kind::Io => Exit::CannotRun,
            Kind::Resolution => Exit::Incomplete,
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

    /// How the command exits on this error (2 or 3).
    pub fn exit(&self) -> Exit {
        self.kind.exit()
    }

    /// The exit code this error maps to (2 or 3).
    pub fn exit_code(&self) -> u8 {
        self.exit().code()
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The codes DESIGN.md and the README document, and which wins when
    /// several apply.
    #[test]
    fn exit_codes_are_the_documented_ones() {
        let t = |errors, unresolved, warnings, deny_warnings| Tally {
            errors,
            unresolved,
            warnings,
            deny_warnings,
        };
        for (tally, exit, code) in [
            (t(0, 0, 0, false), Exit::Holds, 0),
            (t(0, 0, 3, false), Exit::Holds, 0),
            (t(0, 0, 3, true), Exit::Fails, 1),
            (t(0, 0, 0, true), Exit::Holds, 0),
            (t(1, 0, 0, false), Exit::Fails, 1),
            (t(0, 1, 0, false), Exit::Incomplete, 3),
            (t(0, 1, 2, true), Exit::Incomplete, 3),
            (t(2, 1, 0, false), Exit::Fails, 1),
            (t(1, 1, 1, true), Exit::Fails, 1),
        ] {
            assert_eq!(Exit::of(tally), exit, "{tally:?}");
            assert_eq!(exit.code(), code);
        }
        for (kind, code) in [
            (Kind::Usage, 2),
            (Kind::Config, 2),
            (Kind::Io, 2),
            (Kind::Resolution, 3),
        ] {
            assert_eq!(Error::new(kind, "x").exit_code(), code, "{kind:?}");
        }
        assert_eq!(Exit::CannotRun.code(), 2);
    }
}
