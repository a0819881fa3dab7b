//! Loading: where the project's config is (`--config`, `model-audit.toml`,
//! `.cargo/model-audit.toml`, `[workspace.metadata.model-audit]`), reading
//! it through [`crate::files`], and laying it over what it `extends` (a
//! built-in preset or another file: child keys win, tables merge, arrays
//! replace). Each layer, and then the merged config, goes through
//! [`super::validate`]; an error names the file, line and key.

use super::cfg::RawConfig;
use super::validate::{validate, validate_at};
use super::{
    DEFAULT_PRESET, EXTENDS_NONE, MAX_CONFIG_BYTES, PRESETS, Policy, owner, preset, spans,
};
use crate::catalog::Catalog;
use crate::error::{Error, Result};
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
fn inside(path: &Path, dirs: &[PathBuf]) -> Option<PathBuf> {
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
        let real = inside(&path, allowed).ok_or_else(|| {
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
    /// license the merged config names.
    fn record(&self, policy: &mut Policy) {
        if let Some(source) = &self.models {
            for (i, m) in policy.models.iter_mut().enumerate() {
                m.span = source
                    .span(&format!("models[{i}].id"))
                    .or_else(|| source.span(&format!("models[{i}]")));
                if m.span.is_some() {
                    m.origin = source.file.clone();
                }
            }
        }
        if let Some(source) = &self.exceptions {
            for (i, e) in policy.exceptions.iter_mut().enumerate() {
                e.span = source.span(&format!("exceptions[{i}].artifact"));
                if e.span.is_some() {
                    e.origin = source.file.clone();
                }
            }
        }
        if let Some(source) = &self.allow {
            for entry in policy.allow.iter_mut() {
                entry.span = source.span(&format!("licenses.allow[{}]", entry.index));
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
        let line = |key: &str| source.line(key);
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

/// Validates one config file's text on its own (no `extends`): what a
/// fuzzer or an editor integration needs.
pub fn from_toml_str(text: &str, catalog: &Catalog) -> Result<Policy> {
    let layer = parse_layer("config", None, text)?;
    let raw = check_keys("config", &layer.table)?;
    validate(raw, "config", catalog)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::UnknownAction;

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
    fn presets_are_valid() {
        for (name, text) in PRESETS {
            let layer = parse_layer(name, None, text).unwrap();
            let raw = check_keys(name, &layer.table).unwrap();
            validate(raw, name, Catalog::builtin()).unwrap();
        }
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
