//! A member's own model declarations, `[package.metadata.model-audit]` in
//! its manifest: the same rules as `[[models]]` in a config file
//! ([`super::validate::models::model_decl`]), read from the JSON cargo
//! metadata gives. A license override here is the project's: it goes through
//! [`super::owner::Ownership::relax`] unless the user's policy declares the
//! same.

use super::cfg::{RawModel, RawModelKind};
use super::{ModelDecl, Policy};
use crate::error::{Error, Result};
use std::path::Path;

/// `[package.metadata.model-audit] models = ["owner/name", { id = "...", revision = "..." }]`.
/// Errors name `file:line:column` of the key in the manifest's own text.
pub fn package_models(
    metadata: &serde_json::Value,
    manifest: &str,
    manifest_path: &Path,
    policy: &Policy,
) -> Result<Vec<ModelDecl>> {
    let Some(section) = metadata.get("model-audit") else {
        return Ok(Vec::new());
    };
    // The manifest's own text, for where each key is written.
    let source = super::spans::Source {
        file: manifest.to_owned(),
        text: crate::files::read(manifest_path, super::MAX_CONFIG_BYTES)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default(),
        prefix: ["package", "metadata", "model-audit"]
            .map(String::from)
            .to_vec(),
    };
    let bad = |key: &str, msg: String| {
        let at = source.at(key.strip_prefix("model-audit").unwrap_or(key));
        Error::usage(format!(
            "invalid [package.metadata.model-audit] at {at}: `{key}` {msg}"
        ))
    };
    let Some(table) = section.as_object() else {
        return Err(bad("model-audit", "must be a table".to_owned()));
    };
    for key in table.keys() {
        if key != "models" {
            return Err(bad(
                key,
                "is not a known key; the known key is `models`".to_owned(),
            ));
        }
    }
    let Some(list) = table.get("models") else {
        return Ok(Vec::new());
    };
    let Some(list) = list.as_array() else {
        return Err(bad(
            "models",
            "must be an array of \"owner/name\" strings or tables".to_owned(),
        ));
    };
    let mut out = Vec::new();
    // Parsed once for the places of every entry.
    let parsed = source.parsed();
    for (i, item) in list.iter().enumerate() {
        let key = format!("models[{i}]");
        let raw = match item {
            serde_json::Value::String(id) => RawModel {
                id: id.clone(),
                open_source: None,
                revision: None,
                kind: None,
                license: None,
                reason: None,
            },
            serde_json::Value::Object(obj) => {
                let text = |k: &str| -> Result<Option<String>> {
                    match obj.get(k) {
                        None => Ok(None),
                        Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
                        Some(_) => Err(bad(&format!("{key}.{k}"), "must be a string".to_owned())),
                    }
                };
                for k in obj.keys() {
                    if !["id", "revision", "kind", "license", "reason", "open-source"]
                        .contains(&k.as_str())
                    {
                        return Err(bad(
                            &format!("{key}.{k}"),
                            "is not a known key (id, revision, kind, license, reason, open-source)"
                                .to_owned(),
                        ));
                    }
                }
                let id = text("id")?
                    .ok_or_else(|| bad(&format!("{key}.id"), "is missing".to_owned()))?;
                let kind = match text("kind")?.as_deref() {
                    None => None,
                    Some("model") => Some(RawModelKind::Model),
                    Some("dataset") => Some(RawModelKind::Dataset),
                    Some(other) => {
                        return Err(bad(
                            &format!("{key}.kind"),
                            format!("is \"{other}\"; expected \"model\" or \"dataset\""),
                        ));
                    }
                };
                let open_source = match obj.get("open-source") {
                    None => None,
                    Some(serde_json::Value::Bool(b)) => Some(*b),
                    Some(_) => {
                        return Err(bad(
                            &format!("{key}.open-source"),
                            "must be true or false".to_owned(),
                        ));
                    }
                };
                RawModel {
                    id,
                    open_source,
                    revision: text("revision")?,
                    kind,
                    license: text("license")?,
                    reason: text("reason")?,
                }
            }
            _ => {
                return Err(bad(
                    &key,
                    "must be \"owner/name\" or a table with `id`".to_owned(),
                ));
            }
        };
        let id_key = match item {
            serde_json::Value::String(_) => key.clone(),
            _ => format!("{key}.id"),
        };
        let mut decl = super::validate::models::model_decl(raw, &key, &id_key, manifest, &bad)?;
        if let Some((license, reason)) = &decl.license
            && !policy
                .models
                .iter()
                .any(|m| m.id.eq_ignore_ascii_case(&decl.id) && m.license == decl.license)
            && !policy.ownership.relax(
                manifest,
                parsed.line(&format!("{key}.license")),
                &format!("package.metadata.model-audit.{key}.license"),
                format!(
                    "declares the license of `{}` as `{license}`, over what the Hub says: \"{reason}\"",
                    decl.id
                ),
            )
        {
            decl.license = None;
        }
        out.push(ModelDecl {
            span: parsed.span(&id_key),
            ..decl
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn models(json: &str) -> Result<Vec<ModelDecl>> {
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        let policy = crate::policy::from_toml_str("", crate::catalog::Catalog::builtin()).unwrap();
        package_models(
            &value,
            "Cargo.toml",
            Path::new("/nonexistent/Cargo.toml"),
            &policy,
        )
    }

    #[test]
    fn each_entry_records_where_its_id_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Cargo.toml");
        let text = "[package]\nname = \"app\"\n\n[package.metadata.model-audit]\nmodels = [\n  \"a/b\",\n  { revision = \"v1\", id = \"c/d\" },\n]\n";
        std::fs::write(&path, text).unwrap();
        let value = serde_json::json!({"model-audit": {"models": ["a/b", {"id": "c/d", "revision": "v1"}]}});
        let policy = crate::policy::from_toml_str("", crate::catalog::Catalog::builtin()).unwrap();
        let decls = package_models(&value, "Cargo.toml", &path, &policy).unwrap();
        let at: Vec<(u32, u32, &str)> = decls
            .iter()
            .map(|d| {
                let s = d.span.as_ref().unwrap();
                (s.line, s.column, &text[s.bytes.clone()])
            })
            .collect();
        assert_eq!(at, [(6, 3, "\"a/b\""), (7, 27, "\"c/d\"")]);
    }

    #[test]
    fn entries_follow_the_config_rules() {
        let ok = models(
            r#"{"model-audit": {"models": ["a/b", {"id": "c/d", "kind": "dataset",
                "revision": "v1", "open-source": true}]}}"#,
        )
        .unwrap();
        assert_eq!(ok.len(), 2);
        assert_eq!((ok[0].id.as_str(), ok[0].dataset), ("a/b", false));
        assert_eq!(ok[1].revision.as_deref(), Some("v1"));
        assert!(ok[1].dataset && ok[1].labelled);

        let cases = [
            (
                r#"["not an id"]"#,
                "`models[0]` is \"not an id\", which is not a Hub repository id",
            ),
            (
                r#"[{"id": "a/b", "revision": "../x"}]"#,
                "`models[0].revision` is \"../x\"",
            ),
            (
                r#"[{"id": "a/b", "license": "mit"}]"#,
                "`models[0].reason` is missing",
            ),
            (
                r#"[{"id": "a/b", "kind": "weights"}]"#,
                "`models[0].kind` is \"weights\"",
            ),
            (
                r#"[{"id": "a/b", "colour": "red"}]"#,
                "`models[0].colour` is not a known key",
            ),
            (r#"[{"id": 1}]"#, "`models[0].id` must be a string"),
            (r#"[3]"#, "`models[0]` must be \"owner/name\" or a table"),
        ];
        for (list, want) in cases {
            let err = models(&format!(r#"{{"model-audit": {{"models": {list}}}}}"#))
                .unwrap_err()
                .to_string();
            assert!(err.contains(want), "{list}: {err}");
            assert!(err.contains("Cargo.toml"), "{list}: {err}");
        }
    }
}
