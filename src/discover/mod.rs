//! The inventory: every artifact the project depends on, each with the
//! references that bring it in. Crates come from the Cargo graph; models
//! come from declarations, source, weight files and the hub cache.

pub mod source;
pub mod weights;

use crate::domain::{
    Artifact, ArtifactKind, Confidence, CrateFacts, DeclaredLicense, Facts, ModelFacts, Reference,
    Scope,
};
use crate::error::{Error, Result};
use crate::policy::ModelDecl;
use crate::resolve::hub::{valid_repo_id, valid_revision};
use crate::workspace::Workspace;
use std::path::{Path, PathBuf};

/// Everything found, before any license is known.
#[derive(Debug)]
pub struct Inventory {
    pub workspace_root: PathBuf,
    pub target_dir: PathBuf,
    pub artifacts: Vec<Artifact>,
}

fn relative(path: &Path, root: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Builds the inventory from the Cargo graph and the declared models.
pub fn inventory(ws: &Workspace, declared: &[ModelDecl]) -> Result<Inventory> {
    let mut artifacts = Vec::with_capacity(ws.crates.len());
    for node in &ws.crates {
        let pkg = &node.package;
        let name_ver = format!("{}@{}", pkg.name, pkg.version);
        let mut references: Vec<Reference> = node
            .dependents
            .iter()
            .map(|(from, scope, manifest)| Reference {
                kind: match scope {
                    Scope::Normal => "dependency",
                    Scope::Build => "build-dependency",
                    Scope::Dev => "dev-dependency",
                }
                .to_owned(),
                file: Some(relative(manifest, &ws.root)),
                line: None,
                krate: Some(from.clone()),
                confidence: Confidence::Declared,
            })
            .collect();
        if node.member {
            references.insert(
                0,
                Reference {
                    kind: "workspace-member".to_owned(),
                    file: Some(relative(pkg.manifest_path.as_std_path(), &ws.root)),
                    line: None,
                    krate: Some(name_ver.clone()),
                    confidence: Confidence::Declared,
                },
            );
        }
        references.sort_by(|a, b| (&a.krate, &a.kind).cmp(&(&b.krate, &b.kind)));
        artifacts.push(Artifact {
            id: format!("crate:{name_ver}"),
            kind: ArtifactKind::Crate,
            name: pkg.name.to_string(),
            version: pkg.version.to_string(),
            source: pkg.source.as_ref().map(|s| s.repr.clone()),
            scope: node.scope,
            path: node.path.clone(),
            references,
            facts: Facts::Crate(CrateFacts {
                manifest_path: pkg.manifest_path.clone().into_std_path_buf(),
                license: pkg.license.clone(),
                license_file: pkg.license_file.as_ref().map(|p| p.to_string()),
                description: pkg.description.clone(),
                keywords: pkg.keywords.clone(),
                categories: pkg.categories.clone(),
                workspace_member: node.member,
                unpublished: matches!(&pkg.publish, Some(list) if list.is_empty()),
            }),
        });
    }
    let mut models: Vec<Artifact> = Vec::new();
    for decl in declared {
        let origin = relative(Path::new(&decl.origin), &ws.root);
        add_model(&mut models, decl, &origin, None, vec![decl.id.clone()]);
    }
    for node in ws.crates.iter().filter(|n| n.member) {
        let pkg = &node.package;
        let manifest = relative(pkg.manifest_path.as_std_path(), &ws.root);
        let name_ver = format!("{}@{}", pkg.name, pkg.version);
        for decl in package_models(&pkg.metadata, &manifest)? {
            let path = vec![name_ver.clone(), decl.id.clone()];
            add_model(&mut models, &decl, &manifest, Some(name_ver.clone()), path);
        }
    }
    artifacts.extend(models);
    Ok(Inventory {
        workspace_root: ws.root.clone(),
        target_dir: ws.target_dir.clone(),
        artifacts,
    })
}

/// Adds a declared model, merging declarations of the same model and
/// revision into one artifact with several references.
fn add_model(
    models: &mut Vec<Artifact>,
    decl: &ModelDecl,
    file: &str,
    krate: Option<String>,
    path: Vec<String>,
) {
    let reference = Reference {
        kind: "declared".to_owned(),
        file: Some(file.to_owned()),
        line: None,
        krate,
        confidence: Confidence::Declared,
    };
    let revision = decl.revision.clone();
    if let Some(existing) = models.iter_mut().find(|a| match &a.facts {
        Facts::Model(m) => {
            m.repo_id.eq_ignore_ascii_case(&decl.id)
                && m.dataset == decl.dataset
                && m.revision == revision
        }
        Facts::Crate(_) => false,
    }) {
        existing.references.push(reference);
        if let Facts::Model(m) = &mut existing.facts
            && decl.labelled
            && m.labelled_by.is_none()
        {
            m.labelled_by = Some(file.to_owned());
        }
        if let (Facts::Model(m), Some((l, r))) = (&mut existing.facts, &decl.license)
            && m.declared_license.is_none()
        {
            m.declared_license = Some(DeclaredLicense {
                expression: l.clone(),
                reason: r.clone(),
                origin: file.to_owned(),
            });
        }
        return;
    }
    let kind = if decl.dataset {
        ArtifactKind::Dataset
    } else {
        ArtifactKind::Model
    };
    let rev = revision.clone().unwrap_or_else(|| "main".to_owned());
    models.push(Artifact {
        id: format!("{}:{}@{rev}", kind.as_str(), decl.id),
        kind,
        name: decl.id.clone(),
        version: rev,
        source: None,
        scope: Scope::Normal,
        path,
        references: vec![reference],
        facts: Facts::Model(ModelFacts {
            repo_id: decl.id.clone(),
            dataset: decl.dataset,
            revision,
            declared_license: decl.license.as_ref().map(|(l, r)| DeclaredLicense {
                expression: l.clone(),
                reason: r.clone(),
                origin: file.to_owned(),
            }),
            derivative_of: None,
            labelled_by: decl.labelled.then(|| file.to_owned()),
        }),
    });
}

/// `[package.metadata.model-audit] models = ["owner/name", { id = "...", revision = "..." }]`.
fn package_models(metadata: &serde_json::Value, manifest: &str) -> Result<Vec<ModelDecl>> {
    let Some(section) = metadata.get("model-audit") else {
        return Ok(Vec::new());
    };
    let bad = |key: &str, msg: String| {
        Error::usage(format!(
            "invalid [package.metadata.model-audit] in {manifest}: `{key}` {msg}"
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
    for (i, item) in list.iter().enumerate() {
        let key = format!("models[{i}]");
        let decl = match item {
            serde_json::Value::String(id) => ModelDecl {
                labelled: false,
                id: id.clone(),
                revision: None,
                dataset: false,
                license: None,
                origin: manifest.to_owned(),
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
                let dataset = match text("kind")?.as_deref() {
                    None | Some("model") => false,
                    Some("dataset") => true,
                    Some(other) => {
                        return Err(bad(
                            &format!("{key}.kind"),
                            format!("is \"{other}\"; expected \"model\" or \"dataset\""),
                        ));
                    }
                };
                let license = match (text("license")?, text("reason")?) {
                    (Some(l), Some(r)) if !r.trim().is_empty() => Some((l, r)),
                    (Some(_), _) => {
                        return Err(bad(
                            &format!("{key}.reason"),
                            format!("is missing: a license override for `{id}` needs a reason"),
                        ));
                    }
                    (None, _) => None,
                };
                let labelled = match obj.get("open-source") {
                    None => false,
                    Some(serde_json::Value::Bool(b)) => *b,
                    Some(_) => {
                        return Err(bad(
                            &format!("{key}.open-source"),
                            "must be true or false".to_owned(),
                        ));
                    }
                };
                ModelDecl {
                    labelled,
                    id,
                    revision: text("revision")?,
                    dataset,
                    license,
                    origin: manifest.to_owned(),
                }
            }
            _ => {
                return Err(bad(
                    &key,
                    "must be \"owner/name\" or a table with `id`".to_owned(),
                ));
            }
        };
        if !valid_repo_id(&decl.id) {
            return Err(bad(
                &key,
                format!(
                    "is \"{}\", which is not a Hub repository id `owner/name`",
                    decl.id
                ),
            ));
        }
        if let Some(rev) = &decl.revision
            && !valid_revision(rev)
        {
            return Err(bad(
                &format!("{key}.revision"),
                format!("is \"{rev}\", which is not a branch, tag or commit"),
            ));
        }
        out.push(decl);
    }
    Ok(out)
}
