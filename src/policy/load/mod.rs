//! Loading the policy: the project's config is found ([`find`]), read
//! with what it `extends` as layers ([`layers`]), each layer validated
//! alone so that a bad value names its own file, then merged and validated
//! as a whole ([`super::validate`]); the user's own policy is weighed
//! against what the project's layer weakens ([`super::owner`]).

mod find;
mod layers;

pub use find::{ConfigSource, find_config, user_config_dir};
pub(crate) use layers::merge_tables;

use super::validate::{validate, validate_at};
use super::{DEFAULT_PRESET, EXTENDS_NONE, Policy, owner, spans};
use crate::catalog::Catalog;
use crate::error::Result;
use layers::{Layer, check_keys, expand, load_source, parse_layer, preset_layers};
use std::path::{Path, PathBuf};

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
