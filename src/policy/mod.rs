//! What the project accepts. The config is looked up in the order the design
//! gives (`--config`, `model-audit.toml`, `.cargo/model-audit.toml`,
//! `[workspace.metadata.model-audit]`), may `extends` a built-in preset from
//! `policies/` or another file (child keys win, tables merge, arrays
//! replace), and is validated into a `Policy` before anything runs: an
//! unknown key, a license id nobody knows or an exception without a reason
//! stops the command with a message that names the file and the key.

mod cfg;
pub mod init;
pub mod owner;
mod package;
pub mod spans;

use crate::catalog::{Catalog, RestrictionClass};
use crate::error::{Error, Result};
use cfg::RawConfig;
pub use package::package_models;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The most `[hub] timeout-secs` may be.
pub const MAX_TIMEOUT_SECS: u64 = 600;
/// The most `[hub] retries` may be.
pub const MAX_RETRIES: u32 = 10;
/// The most `[hub] concurrency` may be.
pub const MAX_CONCURRENCY: usize = 64;
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

/// The names a license list may use for every license a definition
/// accepts, as the SPDX License List flags them (the catalog's model
/// licenses have no SPDX id and are in neither).
pub const LICENSE_SETS: &[(&str, &str)] = &[
    (
        "osi-approved",
        "every license the SPDX License List marks OSI-approved",
    ),
    (
        "fsf-free-libre",
        "every license the SPDX License List marks FSF free/libre",
    ),
];

/// The licenses of a set, in the SPDX list's order.
fn license_set(name: &str) -> Option<Vec<spdx::Licensee>> {
    let spdx_flag: fn(spdx::LicenseId) -> bool = match name {
        "osi-approved" => spdx::LicenseId::is_osi_approved,
        "fsf-free-libre" => spdx::LicenseId::is_fsf_free_libre,
        _ => return None,
    };
    let mode = spdx::ParseMode {
        allow_deprecated: true,
        ..spdx::ParseMode::STRICT
    };
    Some(
        spdx::identifiers::LICENSES
            .iter()
            .filter_map(|l| spdx::license_id(l.name))
            .filter(|id| spdx_flag(*id))
            .filter_map(|id| spdx::Licensee::parse_mode(id.name, mode).ok())
            .collect(),
    )
}

impl LicenseEntry {
    pub fn satisfies(&self, req: &spdx::LicenseReq) -> bool {
        self.licensee.satisfies(req)
    }
}

#[derive(Debug, Clone)]
pub struct Clarification {
    pub krate: String,
    pub expression: spdx::Expression,
    pub files: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
pub struct Exception {
    pub artifact: String,
    pub allow: Vec<LicenseEntry>,
    pub reason: String,
    pub expires: Option<Date>,
    /// Where it was written, for findings about the exception itself.
    pub origin: String,
    /// Where in `origin` its `artifact` is.
    pub span: Option<crate::domain::Span>,
}

impl Exception {
    /// `name`, `name@version`, or a model id, compared as written.
    pub fn matches(&self, name: &str, version: &str) -> bool {
        match self.artifact.split_once('@') {
            Some((n, v)) => n == name && v == version,
            None => self.artifact.eq_ignore_ascii_case(name),
        }
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
            inside(&candidate, &[root.to_path_buf()]).map_err(|_| {
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

/// One layer of config: its table and where it came from.
struct Layer {
    origin: String,
    dir: Option<PathBuf>,
    table: toml::Table,
    /// The text the layer was read from, for exact locations.
    source: spans::Source,
}

fn parse_layer(origin: &str, dir: Option<PathBuf>, text: &str) -> Result<Layer> {
    let source = spans::Source {
        file: origin.to_owned(),
        text: text.to_owned(),
        prefix: Vec::new(),
    };
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        Error::new(
            crate::error::Kind::Config,
            format!("invalid config {}", source.describe(&e)),
        )
    })?;
    check_text(&source)?;
    Ok(Layer {
        origin: origin.to_owned(),
        dir,
        table,
        source,
    })
}

/// A manifest, read only as far as `[workspace.metadata.model-audit]`, so
/// that an error inside it carries the manifest's own line and column.
#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct MetadataManifest {
    workspace: Option<MetadataWorkspace>,
}

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct MetadataWorkspace {
    metadata: Option<MetadataTable>,
}

#[derive(serde::Deserialize)]
struct MetadataTable {
    #[serde(rename = "model-audit")]
    #[allow(dead_code)]
    model_audit: Option<RawConfig>,
}

/// Deserializes the layer from its own text, so an unknown key or a value
/// of the wrong type is reported at its line and column.
fn check_text(source: &spans::Source) -> Result<()> {
    let result = if source.prefix.is_empty() {
        toml::from_str::<RawConfig>(&source.text).map(drop)
    } else {
        toml::from_str::<MetadataManifest>(&source.text).map(drop)
    };
    result.map_err(|e| {
        Error::new(
            crate::error::Kind::Config,
            format!("invalid config {}", source.describe(&e)),
        )
        .with_help("see the config reference in the README; keys are kebab-case")
    })
}

/// Deserializes one file alone so an unknown key or a bad value is
/// reported with the file and the dotted key that has it.
fn check_keys(origin: &str, table: &toml::Table) -> Result<RawConfig> {
    // Round-trip through text so toml's error points at a line.
    let text = toml::to_string(table).unwrap_or_default();
    toml::from_str(&text).map_err(|e| {
        let key = e.span().and_then(|span| key_at(&text, span.start));
        let what = match key {
            Some(key) => format!("`{key}`: {e}"),
            None => e.to_string(),
        };
        Error::new(
            crate::error::Kind::Config,
            format!("invalid config {origin}: {what}"),
        )
        .with_help("see the config reference in the README; keys are kebab-case")
    })
}

/// The dotted key whose value starts at `offset` in TOML text written by
/// `toml::to_string`: the last table header before it and the line's key.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let before = text.get(..offset)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..];
    let key = line.split_once('=')?.0.trim().trim_matches('"');
    let table = before[..line_start].lines().rev().find_map(|l| {
        let l = l.trim();
        l.strip_prefix("[[")
            .and_then(|r| r.strip_suffix("]]"))
            .or_else(|| l.strip_prefix('[').and_then(|r| r.strip_suffix(']')))
    });
    Some(match table {
        Some(t) => format!("{t}.{key}"),
        None => key.to_owned(),
    })
}

/// Reads a config file with the size cap.
fn read_config(path: &Path) -> Result<String> {
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
fn inside(path: &Path, dirs: &[PathBuf]) -> std::result::Result<PathBuf, ()> {
    let real = path.canonicalize().map_err(|_| ())?;
    dirs.iter()
        .filter_map(|d| d.canonicalize().ok())
        .any(|d| real.starts_with(&d))
        .then_some(real)
        .ok_or(())
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

fn load_source(source: &ConfigSource) -> Result<Layer> {
    match source {
        ConfigSource::File(path) => {
            let text = read_config(path)?;
            parse_layer(
                &path.display().to_string(),
                path.parent().map(Path::to_path_buf),
                &text,
            )
        }
        ConfigSource::WorkspaceMetadata(manifest) => {
            let text = read_config(manifest)?;
            let table: toml::Table = toml::from_str(&text).map_err(|e| {
                Error::usage(format!("invalid manifest {}: {e}", manifest.display()))
            })?;
            let inner = table
                .get("workspace")
                .and_then(|w| w.get("metadata"))
                .and_then(|m| m.get("model-audit"))
                .and_then(|v| v.as_table())
                .cloned()
                .ok_or_else(|| {
                    Error::new(
                        crate::error::Kind::Config,
                        format!(
                            "invalid config {}: `workspace.metadata.model-audit` must be a table",
                            manifest.display()
                        ),
                    )
                })?;
            let origin = format!("{} [workspace.metadata.model-audit]", manifest.display());
            let source = spans::Source {
                file: manifest.display().to_string(),
                text,
                prefix: ["workspace", "metadata", "model-audit"]
                    .map(str::to_owned)
                    .to_vec(),
            };
            check_text(&source)?;
            Ok(Layer {
                origin,
                dir: manifest.parent().map(Path::to_path_buf),
                table: inner,
                source,
            })
        }
    }
}

/// Resolves `extends` chains: a preset name or a path relative to the file
/// that names it, a `.toml` file inside one of `allowed` (the workspace,
/// the user's config directory, the directory of `--config`). Returns the
/// layers base first.
fn expand(
    mut layer: Layer,
    depth: usize,
    chain: &mut Vec<String>,
    allowed: &[PathBuf],
) -> Result<Vec<Layer>> {
    if depth > 8 {
        return Err(Error::new(
            crate::error::Kind::Config,
            format!(
                "invalid config {}: `extends` nests deeper than 8 levels",
                layer.origin
            ),
        ));
    }
    let Some(parent) = layer.table.remove("extends") else {
        // A file builds on the default unless it says otherwise; a preset
        // without `extends` is the base.
        if layer.dir.is_none() {
            return Ok(vec![layer]);
        }
        let mut layers = preset_layers(DEFAULT_PRESET)?;
        layers.push(layer);
        return Ok(layers);
    };
    let Some(parent) = parent.as_str().map(str::to_owned) else {
        return Err(Error::new(
            crate::error::Kind::Config,
            format!(
                "invalid config {}: `extends` must be a string (a preset name or a path)",
                layer.origin
            ),
        ));
    };
    if parent == EXTENDS_NONE {
        return Ok(vec![layer]);
    }
    let base = if let Some(text) = preset(&parent) {
        parse_layer(&format!("preset `{parent}`"), None, text)?
    } else {
        let path = match &layer.dir {
            Some(dir) => dir.join(&parent),
            None => PathBuf::from(&parent),
        };
        if path.extension().is_none_or(|e| e != "toml") {
            let names: Vec<&str> = PRESETS.iter().map(|(n, _)| *n).collect();
            return Err(Error::usage(format!(
                "invalid config {}: `extends = \"{parent}\"` is neither a built-in preset nor a .toml file",
                layer.origin
            ))
            .with_help(format!(
                "presets: {}; \"{EXTENDS_NONE}\" to build on nothing; or another model-audit config ending in .toml inside the workspace",
                names.join(", ")
            )));
        }
        if !path.is_file() {
            let names: Vec<&str> = PRESETS.iter().map(|(n, _)| *n).collect();
            return Err(Error::new(
                crate::error::Kind::Config,
                format!(
                "invalid config {}: `extends = \"{parent}\"` is neither a built-in preset nor a file",
                layer.origin
            ))
            .with_help(format!("presets: {}", names.join(", "))));
        }
        let real = inside(&path, allowed).map_err(|_| {
            Error::usage(format!(
                "invalid config {}: `extends = \"{parent}\"` is outside the workspace",
                layer.origin
            ))
            .with_help(
                "a config may extend only files inside the workspace or the user's config directory (~/.config/model-audit)",
            )
        })?;
        let key = real.display().to_string();
        if chain.contains(&key) {
            return Err(Error::new(
                crate::error::Kind::Config,
                format!(
                    "invalid config {}: `extends` forms a cycle through {}",
                    layer.origin,
                    path.display()
                ),
            ));
        }
        chain.push(key);
        load_source(&ConfigSource::File(real))?
    };
    let mut layers = expand(base, depth + 1, chain, allowed)?;
    layers.push(layer);
    Ok(layers)
}

/// A built-in preset with what it extends, base first.
fn preset_layers(name: &str) -> Result<Vec<Layer>> {
    let text = preset(name).ok_or_else(|| {
        let names: Vec<&str> = PRESETS.iter().map(|(n, _)| *n).collect();
        Error::usage(format!("--policy {name}: no such preset"))
            .with_help(format!("presets: {}", names.join(", ")))
    })?;
    let layer = parse_layer(&format!("preset `{name}`"), None, text)?;
    expand(layer, 0, &mut Vec::new(), &[])
}

/// Merges `child` into `base`: tables key by key, any other value replaced.
pub(crate) fn merge_tables(base: &mut toml::Table, child: toml::Table) {
    for (key, value) in child {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(c)) => merge_tables(b, c),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

/// The files that wrote the lists whose entries findings point at: a list
/// is replaced as a whole by a later layer, so each entry of the merged
/// list is in the last layer that has the list.
struct Places {
    models: Option<spans::Source>,
    exceptions: Option<spans::Source>,
    allow: Option<spans::Source>,
}

impl Places {
    fn of(layers: &[Layer]) -> Places {
        let last = |path: &[&str]| {
            layers
                .iter()
                .rev()
                .find(|l| {
                    let mut v = l.table.get(path[0]);
                    for k in &path[1..] {
                        v = v.and_then(|t| t.get(*k));
                    }
                    v.is_some()
                })
                .filter(|l| l.dir.is_some())
                .map(|l| l.source.clone())
        };
        Places {
            models: last(&["models"]),
            exceptions: last(&["exceptions"]),
            allow: last(&["licenses", "allow"]),
        }
    }

    /// Sets the span, and the file, of every model, exception and allowed
    /// license the merged config names. Each file is parsed once for all
    /// its entries.
    fn record(&self, policy: &mut Policy) {
        if let Some(source) = &self.models {
            let parsed = source.parsed();
            for (i, m) in policy.models.iter_mut().enumerate() {
                m.span = parsed
                    .span(&format!("models[{i}].id"))
                    .or_else(|| parsed.span(&format!("models[{i}]")));
                if m.span.is_some() {
                    m.origin = source.file.clone();
                }
            }
        }
        if let Some(source) = &self.exceptions {
            let parsed = source.parsed();
            for (i, e) in policy.exceptions.iter_mut().enumerate() {
                e.span = parsed.span(&format!("exceptions[{i}].artifact"));
                if e.span.is_some() {
                    e.origin = source.file.clone();
                }
            }
        }
        if let Some(source) = &self.allow {
            let parsed = source.parsed();
            for entry in policy.allow.iter_mut() {
                entry.span = parsed.span(&format!("licenses.allow[{}]", entry.index));
            }
        }
    }
}

/// Everything that decides which policy applies.
#[derive(Debug, Clone, Default)]
pub struct PolicyRequest<'a> {
    pub config: Option<&'a Path>,
    pub preset: Option<&'a str>,
    /// `--no-project-policy`: what the project's own config and manifests
    /// weaken in the user's policy does not apply (see [`owner`]). Without
    /// `--config` or `--policy`, the default preset is the user's policy.
    pub no_project_policy: bool,
}

/// Loads and validates the policy for a workspace rooted at `root`.
pub fn load(req: &PolicyRequest<'_>, root: &Path, catalog: &Catalog) -> Result<Policy> {
    // Errors name files as the report does: relative to the workspace root.
    let prefix = format!("{}{}", root.display(), std::path::MAIN_SEPARATOR);
    load_at(req, root, catalog).map_err(|mut e| {
        e.message = e.message.replace(&prefix, "");
        e
    })
}

fn load_at(req: &PolicyRequest<'_>, root: &Path, catalog: &Catalog) -> Result<Policy> {
    let source = find_config(req.config, root)?;
    let mut layers = Vec::new();
    let mut name = String::from("default");
    // Turning project policy off without a policy of one's own: the
    // default preset is the user's.
    let user_preset = req
        .preset
        .or((req.no_project_policy && req.config.is_none()).then_some(DEFAULT_PRESET));
    let ownership = owner::Ownership::new(
        req.config.is_some() || req.preset.is_some(),
        req.no_project_policy,
    );
    // The index of the project's own layer, when it is laid over the user's.
    let mut project_layer = None;
    if let Some(preset_name) = user_preset {
        layers.extend(preset_layers(preset_name)?);
        name = preset_name.to_owned();
    }
    if user_preset.is_none() && source.is_none() {
        // No config at all: the default (the caller says so once).
        layers.extend(preset_layers(DEFAULT_PRESET)?);
        name = DEFAULT_PRESET.to_owned();
    }
    if let Some(source) = &source {
        let mut layer = load_source(source)?;
        let extends = layer
            .table
            .get("extends")
            .and_then(|v| v.as_str())
            .map(str::to_owned);
        if user_preset.is_some() {
            // `--policy` stands in for the project's own `extends`.
            layer.table.remove("extends");
            project_layer = Some(layers.len());
            layers.push(layer);
        } else {
            let parent = extends.as_deref().unwrap_or(DEFAULT_PRESET);
            name = if parent == EXTENDS_NONE {
                display_origin(&layer.origin, root)
            } else {
                format!("{} (extends {parent})", display_origin(&layer.origin, root))
            };
            let mut allowed = vec![root.to_path_buf()];
            allowed.extend(user_config_dir());
            if let Some(dir) = req.config.and_then(Path::parent) {
                // `--config` is the user's choice: its directory is theirs.
                allowed.push(if dir.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    dir.to_path_buf()
                });
            }
            layers.extend(expand(layer, 0, &mut Vec::new(), &allowed)?);
        }
    }
    // Validate each layer alone so a bad value names its own file.
    for layer in &layers {
        let raw = check_keys(&layer.origin, &layer.table)?;
        validate_at(raw, &layer.origin, &|key| layer.source.at(key), catalog)?;
    }
    // The project's own allow list, if the list that applies is not a preset's.
    let allow_origin = layers
        .iter()
        .rev()
        .find(|l| {
            l.table
                .get("licenses")
                .and_then(|t| t.get("allow"))
                .is_some()
        })
        .filter(|l| l.dir.is_some())
        .map(|l| l.origin.clone());
    let places = Places::of(&layers);
    // The user's policy alone, to weigh what the project's layer changes.
    let user = match project_layer {
        Some(k) => {
            let mut mine = toml::Table::new();
            for layer in &layers[..k] {
                merge_tables(&mut mine, layer.table.clone());
            }
            let raw = check_keys(&layers[k - 1].origin, &mine)?;
            Some((validate(raw, &layers[k - 1].origin, catalog)?, k))
        }
        None => None,
    };
    let project = user.as_ref().map(|(_, k)| {
        let l = &layers[*k];
        let file = match &source {
            Some(ConfigSource::File(p)) | Some(ConfigSource::WorkspaceMetadata(p)) => {
                crate::workspace::show_path(p, root)
            }
            None => l.origin.clone(),
        };
        (file, l.source.clone())
    });
    let mut merged = toml::Table::new();
    for layer in layers {
        merge_tables(&mut merged, layer.table);
    }
    let origin = match &source {
        Some(ConfigSource::File(p)) => p.display().to_string(),
        Some(ConfigSource::WorkspaceMetadata(p)) => p.display().to_string(),
        None => name.clone(),
    };
    let raw = check_keys(&origin, &merged)?;
    let mut policy = validate(raw, &origin, catalog)?;
    places.record(&mut policy);
    policy.ownership = ownership;
    if let (Some((user, _)), Some((file, source))) = (&user, &project) {
        let parsed = source.parsed();
        let line = |key: &str| parsed.line(key);
        owner::reconcile(user, &mut policy, &owner::Place { file, line: &line });
    }
    policy.name = name;
    policy.allow_origin = allow_origin;
    policy.config_path = match source {
        Some(ConfigSource::File(p)) | Some(ConfigSource::WorkspaceMetadata(p)) => Some(p),
        None => None,
    };
    Ok(policy)
}

fn display_origin(origin: &str, root: &Path) -> String {
    // `origin` is a path, maybe followed by ` [workspace.metadata...]`.
    let (path, rest) = match origin.split_once(" [") {
        Some((p, r)) => (p, format!(" [{r}")),
        None => (origin, String::new()),
    };
    let path = Path::new(path);
    if path.is_absolute() {
        format!("{}{rest}", crate::workspace::show_path(path, root))
    } else {
        origin.to_owned()
    }
}

/// Applies `-A/-W/-D CODE` from the command line over the config's
/// `[lints]`: allow first, then warn, then deny, so the strictest wins when
/// one code is named twice.
pub fn apply_lint_flags(
    policy: &mut Policy,
    allow: &[String],
    warn: &[String],
    deny: &[String],
) -> Result<()> {
    for (names, level, flag) in [
        (allow, LintLevel::Allow, "-A"),
        (warn, LintLevel::Warn, "-W"),
        (deny, LintLevel::Deny, "-D"),
    ] {
        for name in names {
            let code = crate::domain::Code::parse(name).ok_or_else(|| {
                let names: Vec<&str> = crate::domain::Code::ALL
                    .iter()
                    .map(|c| c.as_str())
                    .collect();
                Error::usage(format!("{flag} {name}: no such finding code"))
                    .with_help(format!("codes: {}", names.join(", ")))
            })?;
            policy.lints.insert(code, level);
        }
    }
    Ok(())
}

/// Validates one config file's text on its own (no `extends`): what a
/// fuzzer or an editor integration needs.
pub fn from_toml_str(text: &str, catalog: &Catalog) -> Result<Policy> {
    let layer = parse_layer("config", None, text)?;
    let raw = check_keys("config", &layer.table)?;
    validate(raw, "config", catalog)
}

/// Parses one license name as the policy writes it: an SPDX id (deprecated
/// ids accepted, as cargo-deny does) or a catalog id.
pub fn parse_license_entry(text: &str, catalog: &Catalog) -> Option<LicenseEntry> {
    let mode = spdx::ParseMode {
        allow_deprecated: true,
        ..spdx::ParseMode::STRICT
    };
    if let Ok(licensee) = spdx::Licensee::parse_mode(text, mode) {
        return Some(LicenseEntry {
            written: text.to_owned(),
            licensee,
            span: None,
            index: 0,
        });
    }
    let entry = catalog.lookup(text)?;
    let licensee = spdx::Licensee::parse_mode(&entry.license_ref(), mode).ok()?;
    Some(LicenseEntry {
        written: text.to_owned(),
        licensee,
        span: None,
        index: 0,
    })
}

fn license_list(
    values: Option<Vec<String>>,
    locate: &dyn Fn(&str) -> String,
    key: &str,
    catalog: &Catalog,
) -> Result<Vec<LicenseEntry>> {
    let mut out = Vec::new();
    for (i, value) in values.unwrap_or_default().into_iter().enumerate() {
        if let Some(set) = license_set(&value) {
            out.extend(set.into_iter().map(|licensee| LicenseEntry {
                written: value.clone(),
                licensee,
                span: None,
                index: i,
            }));
            continue;
        }
        match parse_license_entry(&value, catalog) {
            Some(entry) => out.push(LicenseEntry { index: i, ..entry }),
            None => {
                let origin = locate(&format!("{key}[{i}]"));
                return Err(Error::new(
                    crate::error::Kind::Config,
                    format!(
                    "invalid config {origin}: `{key}` has \"{value}\", which is neither an SPDX license id nor a catalog id"
                ))
                .with_help(match spdx::imprecise_license_id(&value) {
                    Some((l, _)) => format!("did you mean \"{}\"?", l.name),
                    None => format!(
                        "write an SPDX id such as \"MIT\" or \"Apache-2.0\", a catalog id, or a set ({}); `cargo model-audit explain {value}` shows what is known",
                        LICENSE_SETS.iter().map(|(n, _)| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
                    ),
                }));
            }
        }
    }
    Ok(out)
}

fn validate(raw: RawConfig, origin: &str, catalog: &Catalog) -> Result<Policy> {
    validate_at(raw, origin, &|_| origin.to_owned(), catalog)
}

/// Validates a config; `locate` turns a key path (`licenses.allow[1]`) into
/// the place to name in an error (`model-audit.toml:3:12`).
fn validate_at(
    raw: RawConfig,
    origin: &str,
    locate: &dyn Fn(&str) -> String,
    catalog: &Catalog,
) -> Result<Policy> {
    let licenses = raw.licenses.unwrap_or_default();
    let bad = |key: &str, msg: String| {
        Error::new(
            crate::error::Kind::Config,
            format!("invalid config {}: `{key}` {msg}", locate(key)),
        )
    };

    let unknown = match licenses.unknown {
        None | Some(cfg::RawUnknown::Deny) => UnknownAction::Deny,
        Some(cfg::RawUnknown::Warn) => UnknownAction::Warn,
        Some(cfg::RawUnknown::Allow) => {
            return Err(bad(
                "licenses.unknown",
                "cannot be \"allow\": an unknown license is never treated as allowed".into(),
            )
            .with_help("use \"warn\", or an [[exceptions]] entry with a reason for the artifact"));
        }
    };
    let confidence_threshold = licenses.confidence_threshold.unwrap_or(0.8);
    if !(0.0..=1.0).contains(&confidence_threshold) || confidence_threshold.is_nan() {
        return Err(bad(
            "licenses.confidence-threshold",
            format!("is {confidence_threshold}; expected a number from 0.0 to 1.0"),
        ));
    }

    let mut clarify = Vec::new();
    for (i, c) in licenses.clarify.unwrap_or_default().into_iter().enumerate() {
        let key = format!("licenses.clarify[{i}]");
        let expression = spdx::Expression::parse(&c.expression).map_err(|e| {
            bad(
                &format!("{key}.expression"),
                format!("is not a valid SPDX expression: {e}"),
            )
        })?;
        let mut files = Vec::new();
        for f in c.license_files {
            let hash = f.sha256.to_ascii_lowercase();
            if hash.len() != 64 || !hash.chars().all(|c| c.is_ascii_hexdigit()) {
                return Err(bad(
                    &format!("{key}.license-files"),
                    format!(
                        "has sha256 \"{}\" for {}, which is not 64 hex digits",
                        f.sha256, f.path
                    ),
                ));
            }
            files.push((f.path, hash));
        }
        clarify.push(Clarification {
            krate: c.krate,
            expression,
            files,
        });
    }

    let os = raw.open_source.unwrap_or_default();
    let definition = match os.definition {
        None | Some(cfg::RawDefinition::Osi) => Definition::Osi,
        Some(cfg::RawDefinition::Osaid) => Definition::Osaid,
        Some(cfg::RawDefinition::Fsf) => Definition::Fsf,
        Some(cfg::RawDefinition::List) => {
            let accept = os.accept.clone().unwrap_or_default();
            for id in &accept {
                if parse_license_entry(id, catalog).is_none() {
                    return Err(bad(
                        "open-source.accept",
                        format!(
                            "has \"{id}\", which is neither an SPDX license id nor a catalog id"
                        ),
                    ));
                }
            }
            Definition::List(accept)
        }
    };

    let washing = match os.action {
        None | Some(cfg::RawWashing::Deny) => Action::Deny,
        Some(cfg::RawWashing::Warn) => Action::Warn,
    };
    let enforce_weaker_labels = os.weaker_labels == Some(cfg::RawWeakerLabels::Enforce);
    let enforce_implicit = os.implicit == Some(cfg::RawWeakerLabels::Enforce);
    let mut restrictions = BTreeMap::new();
    for (class, action) in raw.restrictions.unwrap_or_default() {
        let Some(c) = RestrictionClass::parse(&class) else {
            let names: Vec<&str> = RestrictionClass::ALL.iter().map(|c| c.as_str()).collect();
            return Err(bad(
                "restrictions",
                format!("has unknown restriction class `{class}`"),
            )
            .with_help(format!("classes: {}", names.join(", "))));
        };
        let a = action;
        restrictions.insert(c, a);
    }

    let mut exceptions = Vec::new();
    for (i, e) in raw.exceptions.unwrap_or_default().into_iter().enumerate() {
        let key = format!("exceptions[{i}]");
        let reason = match e.reason {
            Some(r) if !r.trim().is_empty() => r,
            _ => {
                return Err(bad(
                    &format!("{key}.reason"),
                    format!("is missing for the exception for `{}`", e.artifact),
                )
                .with_help("every exception needs a reason, e.g. reason = \"approved by legal, ticket 123\""));
            }
        };
        if e.allow.is_empty() {
            return Err(bad(
                &format!("{key}.allow"),
                format!(
                    "is empty for `{}`: list the licenses this exception allows",
                    e.artifact
                ),
            ));
        }
        let allow = license_list(Some(e.allow), locate, &format!("{key}.allow"), catalog)?;
        let expires = match e.expires {
            None => None,
            Some(value) => {
                let date = match &value {
                    toml::Value::String(text) => Date::parse(text),
                    // A TOML date literal, `expires = 2027-06-30`.
                    toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
                        dt.date.and_then(|d| {
                            Date::parse(&format!("{:04}-{:02}-{:02}", d.year, d.month, d.day))
                        })
                    }
                    _ => None,
                };
                Some(date.ok_or_else(|| {
                    bad(
                        &format!("{key}.expires"),
                        format!(
                            "is {value}; expected a date from 1970 to 9999 such as \"2027-06-30\""
                        ),
                    )
                })?)
            }
        };
        exceptions.push(Exception {
            artifact: e.artifact,
            allow,
            reason,
            expires,
            origin: origin.to_owned(),
            span: None,
        });
    }

    let mut models = Vec::new();
    for (i, m) in raw.models.unwrap_or_default().into_iter().enumerate() {
        let key = format!("models[{i}]");
        models.push(model_decl(m, &key, &format!("{key}.id"), origin, &bad)?);
    }

    let mut lints = BTreeMap::new();
    for (name, level) in raw.lints.unwrap_or_default() {
        let Some(code) = crate::domain::Code::parse(&name) else {
            let names: Vec<&str> = crate::domain::Code::ALL
                .iter()
                .map(|c| c.as_str())
                .collect();
            return Err(bad("lints", format!("has unknown finding code `{name}`"))
                .with_help(format!("codes: {}", names.join(", "))));
        };
        lints.insert(code, level);
    }

    let scan = raw.scan.unwrap_or_default();
    let min_confidence = scan
        .min_confidence
        .unwrap_or(crate::domain::Confidence::Medium);
    let dependencies = scan.dependencies.unwrap_or_default();
    let scan = ScanSettings {
        dependencies,
        dirs: ScanDirs {
            src: scan.src.unwrap_or(true),
            build: scan.build.unwrap_or(true),
            examples: scan.examples.unwrap_or(true),
            benches: scan.benches.unwrap_or(true),
            tests: scan.tests.unwrap_or(true),
            configs: scan.configs.unwrap_or(true),
        },
        weights: scan.weights.unwrap_or(true),
        min_confidence,
    };
    let hub = raw.hub.unwrap_or_default();
    let unresolved = hub.unresolved.unwrap_or(UnknownAction::Deny);
    for (key, value, max) in [
        ("hub.timeout-secs", hub.timeout_secs, MAX_TIMEOUT_SECS),
        (
            "hub.concurrency",
            hub.concurrency.map(|c| c as u64),
            MAX_CONCURRENCY as u64,
        ),
    ] {
        match value {
            Some(0) => return Err(bad(key, "must be at least 1".to_owned())),
            Some(v) if v > max => {
                return Err(bad(key, format!("is {v}; the most allowed is {max}")));
            }
            _ => {}
        }
    }
    if let Some(r) = hub.retries
        && r > MAX_RETRIES
    {
        return Err(bad(
            "hub.retries",
            format!("is {r}; the most allowed is {MAX_RETRIES}"),
        ));
    }
    if let Some(endpoint) = &hub.endpoint
        && !(endpoint.starts_with("https://") || endpoint.starts_with("http://"))
    {
        return Err(bad(
            "hub.endpoint",
            format!("is \"{endpoint}\"; expected an http:// or https:// URL"),
        ));
    }
    Ok(Policy {
        name: String::new(),
        allow: license_list(licenses.allow, locate, "licenses.allow", catalog)?,
        deny: license_list(licenses.deny, locate, "licenses.deny", catalog)?,
        unknown,
        confidence_threshold,
        include_dev: licenses.include_dev.unwrap_or(false),
        include_build: licenses.include_build.unwrap_or(true),
        skip_unpublished: licenses.skip_unpublished.unwrap_or(false),
        include_workspace: licenses.include_workspace.unwrap_or_default(),
        allow_origin: None,
        lints,
        clarify,
        definition,
        washing,
        enforce_weaker_labels,
        enforce_implicit,
        restrictions,
        exceptions,
        models,
        hub: HubSettings {
            unresolved,
            endpoint: hub.endpoint,
            timeout_secs: hub.timeout_secs.unwrap_or(30),
            concurrency: hub.concurrency.unwrap_or(8).max(1),
            retries: hub.retries.unwrap_or(3),
        },
        scan,
        config_path: None,
        ownership: owner::Ownership::default(),
    })
}

/// A calendar date, for exception expiry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: u32 = parts.next()?.parse().ok()?;
        let day: u32 = parts.next()?.parse().ok()?;
        if !(1970..=9999).contains(&year) {
            return None;
        }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = [
            31,
            if leap { 29 } else { 28 },
            31,
            30,
            31,
            30,
            31,
            31,
            30,
            31,
            30,
            31,
        ];
        if !(1..=12).contains(&month) || day == 0 || day > days[month as usize - 1] {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Today in UTC, from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Date::from_days((secs / 86_400) as i64)
    }

    /// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    pub fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// One model declaration (`[[models]]` in a config, or an entry of a
/// package's `[package.metadata.model-audit] models`), validated: a Hub id,
/// a branch, tag or commit, and a reason with every license override.
/// `id_key` is where the id is written (`models[0]` for a bare string).
fn model_decl(
    m: cfg::RawModel,
    key: &str,
    id_key: &str,
    origin: &str,
    bad: &dyn Fn(&str, String) -> Error,
) -> Result<ModelDecl> {
    let dataset = m.kind == Some(cfg::RawModelKind::Dataset);
    if !crate::domain::hub::valid_repo_id(&m.id) {
        return Err(bad(
            id_key,
            format!(
                "is \"{}\", which is not a Hub repository id `owner/name`",
                m.id
            ),
        ));
    }
    if let Some(rev) = &m.revision
        && !crate::domain::hub::valid_revision(rev)
    {
        return Err(bad(
            &format!("{key}.revision"),
            format!("is \"{rev}\", which is not a branch, tag or commit"),
        ));
    }
    let license = match (m.license, m.reason) {
        (Some(l), Some(r)) if !r.trim().is_empty() => Some((l, r)),
        (Some(_), _) => {
            return Err(bad(
                &format!("{key}.reason"),
                format!(
                    "is missing: a license override for `{}` needs a reason",
                    m.id
                ),
            ));
        }
        (None, _) => None,
    };
    Ok(ModelDecl {
        labelled: m.open_source.unwrap_or(false),
        id: m.id,
        revision: m.revision,
        dataset,
        license,
        origin: origin.to_owned(),
        span: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_value_names_its_dotted_key() {
        let catalog = Catalog::builtin();
        for (text, key) in [
            (
                "[scan]\nmin-confidence = \"sure\"\n",
                "`scan.min-confidence`",
            ),
            (
                "[open-source]\naction = \"maybe\"\n",
                "`open-source.action`",
            ),
            (
                "[restrictions]\nuser-cap = \"never\"\n",
                "`restrictions.user-cap`",
            ),
            (
                "[lints]\nlicense-mismatch = \"loud\"\n",
                "`lints.license-mismatch`",
            ),
            (
                "[[models]]\nid = \"a/b\"\nkind = \"space\"\n",
                "`models.kind`",
            ),
        ] {
            let err = from_toml_str(text, catalog).unwrap_err();
            assert!(err.message.contains(key), "{key}: {}", err.message);
            assert_eq!(err.exit_code(), 2);
        }
    }

    #[test]
    fn dates_parse_and_compare() {
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days(20_000).to_string(), "2024-10-04");
        assert!(Date::parse("2024-02-30").is_none());
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2024-13-01").is_none());
        assert!(Date::parse("soon").is_none());
        assert!(Date::parse("2026-01-31").unwrap() < Date::parse("2026-02-01").unwrap());
    }

    #[test]
    fn presets_are_valid() {
        for (name, text) in PRESETS {
            let layer = parse_layer(name, None, text).unwrap();
            let raw = check_keys(name, &layer.table).unwrap();
            validate(raw, name, Catalog::builtin()).unwrap();
        }
    }

    /// The SPDX ids a preset's allow list accepts, of those not deprecated.
    fn preset_allows(name: &str) -> Vec<&'static str> {
        let dir = tempfile::tempdir().unwrap();
        let req = PolicyRequest {
            config: None,
            preset: Some(name),
            no_project_policy: false,
        };
        let p = load(&req, dir.path(), Catalog::builtin()).unwrap();
        spdx::identifiers::LICENSES
            .iter()
            .filter_map(|l| spdx::license_id(l.name))
            .filter(|id| !id.is_deprecated())
            .filter(|id| {
                let req = spdx::LicenseReq::from(*id);
                p.allow.iter().any(|e| e.satisfies(&req))
            })
            .map(|id| id.name)
            .collect()
    }

    /// A preset named after a definition accepts exactly what the SPDX
    /// License List says meets it; the default adds permissive data licenses.
    #[test]
    fn definition_presets_accept_exactly_their_definition() {
        let having = |flag: fn(spdx::LicenseId) -> bool| -> Vec<&'static str> {
            spdx::identifiers::LICENSES
                .iter()
                .filter_map(|l| spdx::license_id(l.name))
                .filter(|id| !id.is_deprecated() && flag(*id))
                .map(|id| id.name)
                .collect()
        };
        let osi = having(spdx::LicenseId::is_osi_approved);
        assert!(osi.contains(&"NCSA"));
        assert_eq!(preset_allows("osi"), osi);
        assert_eq!(preset_allows("osaid"), osi);
        assert_eq!(
            preset_allows("fsf"),
            having(spdx::LicenseId::is_fsf_free_libre)
        );
        let mut default = osi.clone();
        default.extend(["CDLA-Permissive-1.0", "CDLA-Permissive-2.0"]);
        default.sort_unstable();
        assert_eq!(preset_allows("default"), default);
    }

    /// A config builds on the default unless `extends = "none"`.
    #[test]
    fn a_config_without_extends_builds_on_the_default() {
        let dir = tempfile::tempdir().unwrap();
        let mit = spdx::LicenseReq::from(spdx::license_id("NCSA").unwrap());
        let config = dir.path().join("model-audit.toml");
        std::fs::write(&config, "[licenses]\nunknown = \"warn\"\n").unwrap();
        let p = load(&PolicyRequest::default(), dir.path(), Catalog::builtin()).unwrap();
        assert!(p.allow.iter().any(|e| e.satisfies(&mit)));
        assert_eq!(p.unknown, UnknownAction::Warn);
        assert_eq!(p.name, "model-audit.toml (extends default)");
        std::fs::write(
            &config,
            "extends = \"none\"\n[licenses]\nallow = [\"MIT\"]\n",
        )
        .unwrap();
        let p = load(&PolicyRequest::default(), dir.path(), Catalog::builtin()).unwrap();
        assert_eq!(p.allow.len(), 1);
        assert_eq!(p.name, "model-audit.toml");
    }

    #[test]
    fn unknown_key_names_the_key_and_file() {
        let err = parse_layer("x/model-audit.toml", None, "[licenses]\nalow = []\n")
            .err()
            .unwrap();
        assert!(err.message.contains("x/model-audit.toml"), "{err}");
        assert!(err.message.contains("alow"), "{err}");
    }

    #[test]
    fn bad_license_id_names_the_key() {
        let raw: RawConfig =
            toml::from_str("[licenses]\nallow = [\"MIT\", \"NotALicense-9\"]\n").unwrap();
        let err = validate(raw, "m.toml", Catalog::builtin()).err().unwrap();
        assert!(err.message.contains("licenses.allow"), "{err}");
        assert!(err.message.contains("NotALicense-9"), "{err}");
    }

    #[test]
    fn deprecated_and_catalog_ids_are_accepted() {
        let c = Catalog::builtin();
        assert!(parse_license_entry("GPL-2.0", c).is_some());
        assert!(parse_license_entry("llama2", c).is_some());
    }

    /// A list replaced by a later layer is placed in that layer's file.
    #[test]
    fn entries_record_where_the_config_writes_them() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("base.toml"),
            "[[models]]\nid = \"org/base\"\n",
        )
        .unwrap();
        let top = "extends = \"base.toml\"\n\n[licenses]\nallow = [\"MIT\", \"Zlib\"]\n\n[[exceptions]]\nartifact = \"x\"\nallow = [\"MIT\"]\nreason = \"r\"\n";
        std::fs::write(dir.path().join("model-audit.toml"), top).unwrap();
        let p = load(&PolicyRequest::default(), dir.path(), Catalog::builtin()).unwrap();
        let place = |s: &Option<crate::domain::Span>| s.as_ref().map(|s| (s.line, s.column));
        assert_eq!(place(&p.models[0].span), Some((2, 6)));
        assert!(
            p.models[0].origin.ends_with("base.toml"),
            "{}",
            p.models[0].origin
        );
        assert_eq!(place(&p.exceptions[0].span), Some((7, 12)));
        assert!(p.exceptions[0].origin.ends_with("model-audit.toml"));
        let allow: Vec<_> = p.allow.iter().map(|e| place(&e.span)).collect();
        assert_eq!(allow, [Some((4, 10)), Some((4, 17))]);
    }
}
