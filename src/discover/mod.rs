//! The inventory: every artifact the project depends on, each with the
//! references that bring it in. Crates come from the Cargo graph; models
//! come from declarations, source, weight files and the hub cache.

use crate::domain::{Artifact, ArtifactKind, Confidence, CrateFacts, Facts, Reference, Scope};
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

/// Builds the inventory from the Cargo graph.
pub fn inventory(ws: &Workspace) -> Inventory {
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
    Inventory {
        workspace_root: ws.root.clone(),
        target_dir: ws.target_dir.clone(),
        artifacts,
    }
}
