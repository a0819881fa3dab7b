//! One config file (or a manifest's `[workspace.metadata.model-audit]`) as
//! a layer, checked against its own text so that an unknown key or a value
//! of the wrong type names its line; and the chain of layers it `extends`,
//! base first, with the rule that lays one over another.

use super::find::{ConfigSource, inside, read_config};
use crate::error::{Error, Result};
use crate::policy::cfg::RawConfig;
use crate::policy::{DEFAULT_PRESET, EXTENDS_NONE, PRESETS, preset, spans};
use std::path::{Path, PathBuf};

/// One layer of config: its table and where it came from.
pub(super) struct Layer {
    pub(super) origin: String,
    /// The directory of its file; `None` for a preset.
    pub(super) dir: Option<PathBuf>,
    pub(super) table: toml::Table,
    /// The text the layer was read from, for exact locations.
    pub(super) source: spans::Source,
}

pub(super) fn parse_layer(origin: &str, dir: Option<PathBuf>, text: &str) -> Result<Layer> {
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
pub(super) fn check_keys(origin: &str, table: &toml::Table) -> Result<RawConfig> {
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

pub(super) fn load_source(source: &ConfigSource) -> Result<Layer> {
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
pub(super) fn expand(
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
pub(super) fn preset_layers(name: &str) -> Result<Vec<Layer>> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::policy::validate::validate;

    #[test]
    fn presets_are_valid() {
        for (name, text) in PRESETS {
            let layer = parse_layer(name, None, text).unwrap();
            let raw = check_keys(name, &layer.table).unwrap();
            validate(raw, name, Catalog::builtin()).unwrap();
        }
    }

    #[test]
    fn unknown_key_names_the_key_and_file() {
        let err = parse_layer("x/model-audit.toml", None, "[licenses]\nalow = []\n")
            .err()
            .unwrap();
        assert!(err.message.contains("x/model-audit.toml"), "{err}");
        assert!(err.message.contains("alow"), "{err}");
    }
}
