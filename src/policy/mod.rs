//! What the project accepts: the validated `Policy` and its parts. The
//! config is looked up in the order the design gives (`--config`,
//! `model-audit.toml`, `.cargo/model-audit.toml`,
//! `[workspace.metadata.model-audit]`), may `extends` a built-in preset from
//! `policies/` or another file (child keys win, tables merge, arrays
//! replace) — that is `load.rs` — and is validated into a `Policy`, one
//! section at a time (`validate/`), before anything runs: an unknown key, a
//! license id nobody knows or an exception without a reason stops the
//! command with a message that names the file and the key.

mod cfg;
mod date;
pub mod init;
mod load;
pub mod owner;
mod package;
pub mod spans;
mod validate;

pub use date::Date;
#[cfg(test)]
pub(crate) use load::merge_tables;
pub use load::{ConfigSource, PolicyRequest, find_config, from_toml_str, load, user_config_dir};
pub use package::package_models;
pub use validate::hub::{MAX_CONCURRENCY, MAX_RETRIES, MAX_TIMEOUT_SECS};
pub use validate::licenses::{LICENSE_SETS, parse_license_entry};
pub use validate::lints::apply_lint_flags;

use crate::catalog::RestrictionClass;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The largest config file read (a project's or one it `extends`).
pub use crate::workspace::MAX_CONFIG_BYTES;

/// The built-in presets, embedded so an installed binary needs no files.
pub const PRESETS: &[(&str, &str)] = &[
    ("default", include_str!("../../policies/default.toml")),
    ("osi", include_str!("../../policies/osi.toml")),
    ("osaid", include_str!("../../policies/osaid.toml")),
    ("permissive", include_str!("../../policies/permissive.toml")),
    ("research", include_str!("../../policies/research.toml")),
    ("fsf", include_str!("../../policies/fsf.toml")),
];

/// The preset that applies when the project has no config, and that a
/// config without `extends` builds on.
pub const DEFAULT_PRESET: &str = "default";

/// What `extends` says to build on nothing: every key at its built-in value.
pub const EXTENDS_NONE: &str = "none";

/// What the command says, once, when no config was found.
pub const DEFAULT_NOTE: &str = "no model-audit.toml: the default policy accepts OSI-approved licenses, and CDLA-Permissive for data crates bundle; `cargo model-audit init` writes a config";

pub fn preset(name: &str) -> Option<&'static str> {
    PRESETS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// What to do with an artifact whose license is unknown. There is no
/// "allow": an unknown license is always reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnknownAction {
    Deny,
    Warn,
}

/// What to do with a license restriction class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    Allow,
    Warn,
    Deny,
}

/// How a published workspace crate without a license is reported
/// (`[licenses] include-workspace`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MemberAction {
    #[default]
    Warn,
    Deny,
}

/// A lint level for one finding code (`[lints]`, `-D/-W/-A`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LintLevel {
    Allow,
    Warn,
    Deny,
}

/// A license the policy names: an SPDX licensee, or a catalog id written as
/// `LicenseRef-<id>`. A set such as `osi-approved` is one entry per license
/// in it, each with the same `written` and `index`.
#[derive(Debug, Clone)]
pub struct LicenseEntry {
    pub written: String,
    pub licensee: spdx::Licensee,
    /// Where the project's config writes it (`[licenses] allow`).
    pub span: Option<crate::domain::Span>,
    /// Its position in the list the config writes.
    pub index: usize,
}

impl LicenseEntry {
    pub fn satisfies(&self, req: &spdx::LicenseReq) -> bool {
        self.licensee.satisfies(req)
    }
}

#[derive(Debug, Clone)]
pub struct Clarification {
    pub krate: crate::domain::Selector,
    pub expression: spdx::Expression,
    pub files: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
pub struct Exception {
    pub artifact: crate::domain::Selector,
    pub allow: Vec<LicenseEntry>,
    pub reason: String,
    pub expires: Option<Date>,
    /// Where it was written, for findings about the exception itself.
    pub origin: String,
    /// Where in `origin` its `artifact` is.
    pub span: Option<crate::domain::Span>,
}

impl Exception {
    /// Whether it is about the artifact `name` at `version`.
    pub fn matches(&self, name: &str, version: &str) -> bool {
        self.artifact.matches(name, version)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Definition {
    Osi,
    Osaid,
    Fsf,
    List(Vec<String>),
}

impl Definition {
    pub fn as_str(&self) -> &'static str {
        match self {
            Definition::Osi => "osi",
            Definition::Osaid => "osaid",
            Definition::Fsf => "fsf",
            Definition::List(_) => "list",
        }
    }
}

#[derive(Debug, Clone)]
pub struct ModelDecl {
    pub id: String,
    /// `open-source = true`: the project labels the model open source.
    pub labelled: bool,
    pub revision: Option<String>,
    pub dataset: bool,
    pub license: Option<(String, String)>,
    pub origin: String,
    /// Where in `origin` the id is written.
    pub span: Option<crate::domain::Span>,
}

#[derive(Debug, Clone)]
pub struct HubSettings {
    /// What a model that could not be resolved is: an error (exit 3) or a warning.
    pub unresolved: UnknownAction,
    pub endpoint: Option<String>,
    pub timeout_secs: u64,
    pub concurrency: usize,
    pub retries: u32,
}

/// Which parts of a crate discovery lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScanDirs {
    pub src: bool,
    pub build: bool,
    pub examples: bool,
    pub benches: bool,
    pub tests: bool,
    pub configs: bool,
}

impl Default for ScanDirs {
    fn default() -> Self {
        ScanDirs {
            src: true,
            build: true,
            examples: true,
            benches: true,
            tests: true,
            configs: true,
        }
    }
}

/// `[scan] dependencies`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DepScan {
    /// The models the workspace selects from its dependencies' tables.
    #[default]
    Used,
    /// Every model a dependency's source names.
    All,
    /// No dependency source is read.
    Off,
}

/// What discovery looks at.
#[derive(Debug, Clone)]
pub struct ScanSettings {
    pub dirs: ScanDirs,
    /// Weight files (GGUF, safetensors) anywhere in the workspace.
    pub weights: bool,
    /// References found with less confidence are listed, not audited.
    pub min_confidence: crate::domain::Confidence,
    /// Which models of the dependencies' sources are audited.
    pub dependencies: DepScan,
    /// Ask the Hub whether an `untraced` literal names a repository, and
    /// audit it when it does (online only; see `resolve::confirm`).
    pub confirm_untraced: bool,
}

/// The validated policy.
#[derive(Debug, Clone)]
pub struct Policy {
    /// The preset or file the policy comes from, for the report.
    pub name: String,
    pub allow: Vec<LicenseEntry>,
    pub deny: Vec<LicenseEntry>,
    pub unknown: UnknownAction,
    pub confidence_threshold: f32,
    pub include_dev: bool,
    pub include_build: bool,
    pub skip_unpublished: bool,
    /// How a published workspace crate without a license is reported.
    pub include_workspace: MemberAction,
    /// The file whose `[licenses] allow` list applies, when it is the
    /// project's own (not a preset's): its unused entries are notes.
    pub allow_origin: Option<String>,
    /// Severity overrides per finding code, applied after the rules.
    pub lints: BTreeMap<crate::domain::Code, LintLevel>,
    pub clarify: Vec<Clarification>,
    pub definition: Definition,
    /// What an open-washing finding is: an error (deny) or a warning.
    pub washing: Action,
    /// Hold "open weights" and "open access" labels to the definition too.
    pub enforce_weaker_labels: bool,
    /// Hold implicit claims ("the best open-source model on X") to the
    /// definition too.
    pub enforce_implicit: bool,
    pub restrictions: BTreeMap<RestrictionClass, Action>,
    pub exceptions: Vec<Exception>,
    pub models: Vec<ModelDecl>,
    pub hub: HubSettings,
    pub scan: ScanSettings,
    /// The project's config file (or root manifest), if there is one: the
    /// lock file lives beside it.
    pub config_path: Option<PathBuf>,
    /// Whose policy this is, and what the project weakens in it.
    pub ownership: owner::Ownership,
}
