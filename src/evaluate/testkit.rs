//! Hand-made artifacts and policies for the rules' tables of cases.

use crate::catalog::Catalog;
use crate::domain::{
    Artifact, ArtifactId, ArtifactKind, Claim, ClaimBy, Confidence, CrateFacts, Evidence, Facts,
    Label, License, ModelDetails, ModelFacts, Reference, ReferenceKind, ResolvedArtifact, Scope,
};
use crate::policy::{Date, Policy};
use crate::resolve::Resolved;

pub fn catalog() -> &'static Catalog {
    Catalog::builtin()
}

/// The day the tables are judged on.
pub fn today() -> Date {
    Date::parse("2026-06-01").unwrap()
}

/// A policy from config text; an `extends = "<preset>"` line merges the
/// preset underneath, as the loader does.
pub fn policy(config: &str) -> Policy {
    let mut table: toml::Table = config.parse().unwrap();
    if let Some(toml::Value::String(preset)) = table.remove("extends") {
        let mut base: toml::Table = crate::policy::preset(&preset).unwrap().parse().unwrap();
        crate::policy::merge_tables(&mut base, table);
        table = base;
    }
    crate::policy::from_toml_str(&toml::to_string(&table).unwrap(), catalog()).unwrap()
}

fn license(text: &str, source: crate::domain::EvidenceSource) -> License {
    let evidence = vec![Evidence {
        source,
        note: if text.is_empty() {
            "no license field and no license file".to_owned().into()
        } else {
            format!("declared `{text}`").into()
        },
        ..Evidence::default()
    }];
    match crate::resolve::parse_lax(text) {
        Some(expr) if !text.is_empty() => License {
            expression: Some(Box::new(expr)),
            evidence,
        },
        _ => License::unknown(evidence),
    }
}

/// A registry crate `name@1.0.0` under `license` (empty: none), depended on
/// by `app@0.1.0`.
pub fn krate(name: &str, license_text: &str) -> ResolvedArtifact {
    let version = "1.0.0";
    ResolvedArtifact {
        artifact: Artifact {
            id: ArtifactId::new(ArtifactKind::Crate, name, version),
            name: name.to_owned().into(),
            version: version.to_owned().into(),
            source: Some("registry".to_owned()),
            scope: Scope::Normal,
            path: vec![
                "app@0.1.0".to_owned().into(),
                format!("{name}@{version}").into(),
            ],
            references: vec![Reference {
                kind: ReferenceKind::Dependency,
                file: Some("Cargo.toml".to_owned().into()),
                line: None,
                krate: Some("app@0.1.0".to_owned().into()),
                confidence: Confidence::Declared,
                dev: None,
                via: Vec::new(),
                span: None,
            }],
            facts: Facts::Crate(Box::new(CrateFacts {
                license: (!license_text.is_empty()).then(|| license_text.to_owned()),
                ..CrateFacts::default()
            })),
        },
        license: license(license_text, crate::domain::EvidenceSource::ManifestLicense),
        claims: Vec::new(),
        mismatch: None,
        stale_clarifications: Vec::new(),
        model: None,
    }
}

/// A Hub model under `license` (empty: unknown), asked for at `main`.
pub fn model(name: &str, license_text: &str) -> ResolvedArtifact {
    let artifact = Artifact {
        id: ArtifactId::new(ArtifactKind::Model, name, "main"),
        name: name.to_owned().into(),
        version: "main".to_owned().into(),
        source: Some("hub".to_owned()),
        scope: Scope::Normal,
        path: vec!["app@0.1.0".to_owned().into(), name.to_owned().into()],
        references: Vec::new(),
        facts: Facts::Model(ModelFacts {
            ..ModelFacts::new(crate::domain::hub::HubRepo::model(name))
        }),
    };
    ResolvedArtifact::model(
        artifact,
        license(license_text, crate::domain::EvidenceSource::Card),
        Vec::new(),
        ModelDetails::default(),
    )
}

pub fn dev(mut ra: ResolvedArtifact) -> ResolvedArtifact {
    ra.artifact.scope = Scope::Dev;
    ra
}

pub fn build(mut ra: ResolvedArtifact) -> ResolvedArtifact {
    ra.artifact.scope = Scope::Build;
    ra
}

/// The crate as a workspace member, published or not.
pub fn member(mut ra: ResolvedArtifact, unpublished: bool) -> ResolvedArtifact {
    if let Facts::Crate(f) = &mut ra.artifact.facts {
        f.workspace_member = true;
        f.unpublished = unpublished;
    }
    ra.artifact.path = vec![ra.artifact.display_name().into()];
    ra
}

pub fn unlicensed(mut ra: ResolvedArtifact) -> ResolvedArtifact {
    ra.license.expression = None;
    ra
}

pub fn pinned(mut ra: ResolvedArtifact, revision: &str) -> ResolvedArtifact {
    if let Facts::Model(m) = &mut ra.artifact.facts {
        m.revision = Some(revision.to_owned());
    }
    ra
}

/// The artifact's card calls it `label`.
pub fn labelled(mut ra: ResolvedArtifact, label: Label) -> ResolvedArtifact {
    ra.claims.push(Claim {
        by: ClaimBy::Card,
        who: format!("the card of {}", ra.artifact.name),
        label,
        quote: "tags: open-source".to_owned(),
        location: format!("{}/README.md front matter `tags`", ra.artifact.name),
        subject: None,
        phrase: None,
    });
    ra
}

pub fn resolved(artifacts: Vec<ResolvedArtifact>) -> Resolved {
    Resolved {
        artifacts,
        loose: Vec::new(),
        lock_updates: Vec::new(),
        warnings: Vec::new(),
    }
}
