//! CycloneDX 1.6 JSON, for SBOM tools such as Dependency-Track: crates as
//! `library` components with `pkg:cargo` purls, Hub models as
//! `machine-learning-model` components with `pkg:huggingface` purls and a
//! model card taken from what their card says, weight files with their
//! sha256, the dependency graph (crate to crate, crate to model, model to
//! base model and dataset), and the audit itself (claims, findings, license
//! evidence) as `cargo-model-audit:*` properties.
//!
//! Licenses are the resolved license (what `list` shows), as an SPDX id
//! where there is one, the catalog's name for a model license without one,
//! and an SPDX expression when there are several. An unknown license is
//! left out and said in a property, never guessed. What the policy made of
//! it (a base model's terms binding a derivative, say) is in the findings.
//!
//! Output is deterministic: components are sorted by `bom-ref`, and there is
//! no serial number and no timestamp unless the caller passes one (from
//! `SOURCE_DATE_EPOCH`).

use super::{Report, relative_file};
use crate::catalog::Catalog;
use crate::domain::{
    ArtifactId, ArtifactKind, Claim, Facts, ReferenceKind, ResolvedArtifact, Scope,
};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The namespace of our properties.
const NS: &str = "cargo-model-audit";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Bom {
    #[serde(rename = "$schema")]
    schema: &'static str,
    bom_format: &'static str,
    spec_version: &'static str,
    version: u32,
    metadata: Metadata,
    components: Vec<Component>,
    dependencies: Vec<Dependency>,
}

#[derive(Serialize)]
struct Metadata {
    #[serde(skip_serializing_if = "Option::is_none")]
    timestamp: Option<String>,
    tools: Tools,
    #[serde(skip_serializing_if = "Option::is_none")]
    component: Option<Component>,
    properties: Vec<Property>,
}

#[derive(Serialize)]
struct Tools {
    components: [ToolComponent; 1],
}

#[derive(Serialize)]
struct ToolComponent {
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Component {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "bom-ref")]
    bom_ref: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scope: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    hashes: Vec<Hash>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    licenses: Vec<LicenseChoice>,
    #[serde(skip_serializing_if = "Option::is_none")]
    purl: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    external_references: Vec<ExternalReference>,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<ComponentEvidence>,
    #[serde(skip_serializing_if = "Option::is_none")]
    model_card: Option<ModelCard>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    data: Vec<InlineData>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    properties: Vec<Property>,
}

#[derive(Serialize)]
struct Hash {
    alg: &'static str,
    content: String,
}

#[derive(Serialize)]
#[serde(untagged)]
enum LicenseChoice {
    License { license: License },
    Expression { expression: String },
}

#[derive(Serialize)]
struct License {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct ExternalReference {
    #[serde(rename = "type")]
    kind: &'static str,
    url: String,
}

#[derive(Serialize)]
struct ComponentEvidence {
    occurrences: Vec<Occurrence>,
}

#[derive(Serialize)]
struct Occurrence {
    location: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u32>,
    #[serde(rename = "additionalContext")]
    context: ReferenceKind,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ModelCard {
    #[serde(skip_serializing_if = "Option::is_none")]
    model_parameters: Option<ModelParameters>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    properties: Vec<Property>,
}

#[derive(Serialize)]
struct ModelParameters {
    #[serde(skip_serializing_if = "Option::is_none")]
    task: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    datasets: Vec<DatasetRef>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum DatasetRef {
    /// A dataset that is itself a component of this BOM.
    Ref {
        #[serde(rename = "ref")]
        reference: String,
    },
    Inline(InlineData),
}

#[derive(Serialize)]
struct InlineData {
    #[serde(rename = "type")]
    kind: &'static str,
    name: String,
}

#[derive(Serialize)]
struct Dependency {
    #[serde(rename = "ref")]
    reference: String,
    #[serde(rename = "dependsOn")]
    depends_on: Vec<String>,
}

#[derive(Serialize)]
struct Property {
    name: String,
    value: String,
}

fn prop(key: &str, value: impl Into<String>) -> Property {
    Property {
        name: format!("{NS}:{key}"),
        value: value.into(),
    }
}

/// What shipping a component requires, one `cargo-model-audit:obligation`
/// property per obligation: `class (license): what to do`, the exact words,
/// and the source. CycloneDX has no field for license obligations.
fn obligation_properties(report: &Report<'_>, id: &ArtifactId) -> Vec<Property> {
    let Some(list) = report.verdict.obligations.get(id) else {
        return Vec::new();
    };
    list.iter()
        .map(|o| {
            let mut value = format!("{} ({}): {}", o.class, o.license, o.text);
            if let Some(w) = &o.words {
                value.push_str(&format!(" Exact words: \"{w}\"."));
            }
            value.push_str(&format!(" <{}>", o.source));
            prop("obligation", value)
        })
        .collect()
}

/// Percent-encodes a purl segment: everything outside `A-Za-z0-9.-_~`.
fn purl_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn is_hex(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `pkg:cargo/name@version`, with the source as a qualifier when it is not
/// crates.io: `vcs_url` for git, `repository_url` for another registry.
/// Path crates get the plain purl.
fn cargo_purl(name: &str, version: &str, source: Option<&str>) -> String {
    let mut purl = format!("pkg:cargo/{}@{}", purl_segment(name), purl_segment(version));
    let crates_io = |s: &str| {
        s.contains("github.com/rust-lang/crates.io-index") || s.contains("index.crates.io")
    };
    match source {
        Some(s) if s.starts_with("git+") => {
            let url = s.split(['?', '#']).next().unwrap_or(s);
            let rev = s
                .rsplit_once('#')
                .map(|(_, r)| format!("@{r}"))
                .unwrap_or_default();
            purl.push_str(&format!(
                "?vcs_url={}",
                purl_segment(&format!("{url}{rev}"))
            ));
        }
        Some(s) if !crates_io(s) => {
            let url = s.split_once('+').map(|(_, u)| u).unwrap_or(s);
            purl.push_str(&format!("?repository_url={}", purl_segment(url)));
        }
        _ => {}
    }
    purl
}

/// The license as CycloneDX wants it, or a property saying it is unknown.
fn licenses(ra: &ResolvedArtifact, catalog: &Catalog) -> (Vec<LicenseChoice>, Option<Property>) {
    let Some(expr) = &ra.license.expression else {
        return (Vec::new(), Some(prop("license", "unknown")));
    };
    let text = expr.to_string();
    let ids = ra.license.ids();
    if ids.len() != 1 || ids[0] != text {
        return (vec![LicenseChoice::Expression { expression: text }], None);
    }
    let id = &ids[0];
    let license = if spdx::license_id(id).is_some() {
        License {
            id: Some(id.clone()),
            name: None,
            url: None,
        }
    } else {
        let entry = catalog.lookup(id);
        License {
            id: None,
            name: Some(entry.map(|e| e.name.clone()).unwrap_or_else(|| id.clone())),
            url: entry.and_then(|e| e.link.clone()),
        }
    };
    (vec![LicenseChoice::License { license }], None)
}

fn claim_value(c: &Claim) -> String {
    let by = c.by.as_str();
    format!(
        "labelled {} by {by} ({}): \"{}\" at {}",
        c.label.as_str(),
        c.who,
        c.quote,
        c.location
    )
}

/// Lookups from the names that paths and references use to bom-refs.
struct Index<'a> {
    report: &'a Report<'a>,
}

impl Index<'_> {
    /// The bom-ref of a path entry or reference crate: `name@version` for a
    /// crate, the repo id for a model or dataset.
    fn by_name(&self, name: &str) -> Option<String> {
        self.report
            .artifacts
            .iter()
            .find(|a| match a.artifact.kind() {
                ArtifactKind::Crate => a.artifact.display_name() == name,
                _ => a.artifact.name.eq_ignore_ascii_case(name),
            })
            .map(|a| a.artifact.id.to_string())
    }

    fn model(&self, repo_id: &str, kind: ArtifactKind) -> Option<String> {
        self.report
            .artifacts
            .iter()
            .find(|a| a.artifact.kind() == kind && a.artifact.name.eq_ignore_ascii_case(repo_id))
            .map(|a| a.artifact.id.to_string())
    }
}

fn is_member(ra: &ResolvedArtifact) -> bool {
    ra.artifact
        .references
        .iter()
        .any(|r| r.kind == ReferenceKind::WorkspaceMember)
}

fn component(report: &Report<'_>, index: &Index<'_>, ra: &ResolvedArtifact) -> Component {
    let a = &ra.artifact;
    let catalog = Catalog::builtin();
    let (licenses, unknown) = licenses(ra, catalog);
    let mut properties = vec![prop("scope", scope_name(a.scope))];
    properties.extend(unknown);
    for e in &ra.license.evidence {
        let place = e
            .file
            .as_deref()
            .map(|f| {
                let f = report.show_path(f);
                match e.line {
                    Some(l) => format!(" ({f}:{l})"),
                    None => format!(" ({f})"),
                }
            })
            .unwrap_or_default();
        properties.push(prop(
            "license-evidence",
            format!("{}: {}{place}", e.source, e.note),
        ));
    }
    for c in &ra.claims {
        properties.push(prop("claim", claim_value(c)));
    }
    for f in report.findings_for(&a.id) {
        let mut value = format!("{}[{}]: {}", f.severity.as_str(), f.code, f.message);
        for r in &f.reasons {
            value.push_str("\n- ");
            value.push_str(&r.to_string());
        }
        properties.push(prop("finding", value));
    }
    properties.extend(obligation_properties(report, &a.id));
    let occurrences: Vec<Occurrence> = a
        .references
        .iter()
        .filter(|r| r.kind != ReferenceKind::BaseModel)
        .filter_map(|r| {
            Some(Occurrence {
                location: relative_file(report, r.file.as_deref()?)?,
                line: r.line,
                context: r.kind,
            })
        })
        .collect();
    let mut c = Component {
        kind: "library",
        bom_ref: a.id.to_string(),
        group: None,
        name: a.name.to_string(),
        version: Some(a.version.to_string()),
        description: None,
        scope: Some(match a.scope {
            Scope::Normal => "required",
            Scope::Build | Scope::Dev => "excluded",
        }),
        hashes: Vec::new(),
        licenses,
        purl: None,
        external_references: Vec::new(),
        evidence: (!occurrences.is_empty()).then_some(ComponentEvidence { occurrences }),
        model_card: None,
        data: Vec::new(),
        properties,
    };
    match (&a.facts, a.kind()) {
        (Facts::Crate(facts), _) => {
            c.description = facts.description.clone();
            c.purl = Some(cargo_purl(&a.name, &a.version, a.source.as_deref()));
        }
        (Facts::WeightFile(_), _) => {
            c.kind = "machine-learning-model";
            if is_hex(&a.version, 64) {
                c.hashes.push(Hash {
                    alg: "SHA-256",
                    content: a.version.to_ascii_lowercase(),
                });
                c.version = None;
            }
        }
        (Facts::Model(m), kind) => {
            let details = ra.model.as_ref();
            let sha = details
                .and_then(|d| d.sha.clone())
                .or_else(|| is_hex(&a.version, 40).then(|| a.version.to_string()))
                .filter(|s| is_hex(s, 40))
                .map(|s| s.to_ascii_lowercase());
            let (owner, name) = (m.repo.id.owner(), m.repo.id.name());
            c.group = (!owner.is_empty()).then(|| owner.to_owned());
            c.name = name.to_owned();
            c.version = Some(sha.clone().unwrap_or_else(|| a.version.to_string()));
            if let Some(reason) = details.and_then(|d| d.unresolved.as_ref()) {
                c.properties.push(prop("unresolved", reason.clone()));
            }
            if kind == ArtifactKind::Dataset {
                c.kind = "data";
                c.data.push(InlineData {
                    kind: "dataset",
                    name: m.repo.id.to_string(),
                });
                c.external_references.push(ExternalReference {
                    kind: "website",
                    url: m.repo.web_url(),
                });
            } else {
                c.kind = "machine-learning-model";
                let mut purl = format!(
                    "pkg:huggingface/{}/{}",
                    purl_segment(owner),
                    purl_segment(name)
                );
                if let Some(sha) = &sha {
                    purl.push('@');
                    purl.push_str(sha);
                }
                c.purl = Some(purl);
                c.external_references.push(ExternalReference {
                    kind: "website",
                    url: m.repo.web_url(),
                });
                c.model_card = details.and_then(|d| model_card(index, d));
            }
        }
    }
    c
}

/// What the card says: the task (`pipeline_tag`), the datasets, and as
/// properties the base models, library and languages.
fn model_card(index: &Index<'_>, d: &crate::domain::ModelDetails) -> Option<ModelCard> {
    let card = d.card();
    let task = card.task.clone();
    let datasets: Vec<DatasetRef> = card
        .datasets
        .iter()
        .cloned()
        .map(|name| match index.model(&name, ArtifactKind::Dataset) {
            Some(reference) => DatasetRef::Ref { reference },
            None => DatasetRef::Inline(InlineData {
                kind: "dataset",
                name,
            }),
        })
        .collect();
    let mut properties = Vec::new();
    for base in &d.base_models {
        properties.push(Property {
            name: "huggingface:base_model".to_owned(),
            value: base.clone(),
        });
    }
    for library in &card.libraries {
        properties.push(Property {
            name: "huggingface:library_name".to_owned(),
            value: library.clone(),
        });
    }
    for language in &card.languages {
        properties.push(Property {
            name: "huggingface:language".to_owned(),
            value: language.clone(),
        });
    }
    if let Some(gated) = &d.gated {
        properties.push(Property {
            name: "huggingface:gated".to_owned(),
            value: gated.clone(),
        });
    }
    let model_parameters =
        (task.is_some() || !datasets.is_empty()).then_some(ModelParameters { task, datasets });
    (model_parameters.is_some() || !properties.is_empty()).then_some(ModelCard {
        model_parameters,
        properties,
    })
}

fn scope_name(scope: Scope) -> &'static str {
    match scope {
        Scope::Normal => "normal",
        Scope::Build => "build",
        Scope::Dev => "dev",
    }
}

/// Every edge we know: each reference's crate (or, without one, the
/// artifact before it on its path) depends on the artifact; a model depends
/// on its base models and on the datasets its card names, when those are
/// in the inventory.
fn graph(report: &Report<'_>, index: &Index<'_>) -> BTreeMap<String, BTreeSet<String>> {
    let mut edges: BTreeMap<String, BTreeSet<String>> = report
        .artifacts
        .iter()
        .map(|ra| (ra.artifact.id.to_string(), BTreeSet::new()))
        .collect();
    for ra in report.artifacts {
        let a = &ra.artifact;
        let via_path = a
            .path
            .len()
            .checked_sub(2)
            .and_then(|i| index.by_name(&a.path[i]));
        let mut parents: Vec<String> = a
            .references
            .iter()
            .filter(|r| r.kind != ReferenceKind::WorkspaceMember)
            .filter_map(|r| match &r.krate {
                Some(k) => index.by_name(k),
                None => via_path.clone(),
            })
            .collect();
        if let Facts::Model(m) = &a.facts
            && let Some(derivative) = &m.derivative_of
        {
            parents.extend(index.model(derivative, ArtifactKind::Model));
        }
        for p in parents {
            if p != a.id {
                edges.entry(p).or_default().insert(a.id.to_string());
            }
        }
        if let Some(d) = &ra.model {
            let children = d
                .base_models
                .iter()
                .filter_map(|b| index.model(b, ArtifactKind::Model))
                .chain(
                    d.card()
                        .datasets
                        .iter()
                        .filter_map(|n| index.model(n, ArtifactKind::Dataset)),
                );
            for child in children {
                if child != a.id {
                    edges.entry(a.id.to_string()).or_default().insert(child);
                }
            }
        }
    }
    edges
}

/// `SOURCE_DATE_EPOCH` seconds as an RFC 3339 UTC timestamp, if it falls
/// in the years RFC 3339 can write (0000 to 9999).
pub fn timestamp(epoch: i64) -> Option<String> {
    // Civil time counted from the epoch, which is UTC: `jiff::Timestamp`
    // stops a day short of 9999-12-31.
    let unix_epoch = jiff::civil::date(1970, 1, 1).at(0, 0, 0, 0);
    let at = unix_epoch
        .checked_add(jiff::SignedDuration::from_secs(epoch))
        .ok()?;
    // Whole seconds print as `2023-11-14T22:13:20`.
    (at.year() >= 0).then(|| format!("{at}Z"))
}

/// The BOM, pretty-printed, ending in a newline. `epoch` is
/// `SOURCE_DATE_EPOCH`, if set: the only source of a timestamp.
///
/// A workspace with one member is the BOM's subject (`metadata.component`);
/// with several, the subject is the workspace, named after its directory,
/// and the members are components that it depends on.
pub fn render(report: &Report<'_>, epoch: Option<i64>) -> super::escape::Json {
    let index = Index { report };
    let mut edges = graph(report, &index);
    let members: Vec<&ResolvedArtifact> =
        report.artifacts.iter().filter(|ra| is_member(ra)).collect();
    let mut components: Vec<Component> = Vec::new();
    let subject = if let [member] = members.as_slice() {
        let mut c = component(report, &index, member);
        c.kind = "application";
        c.scope = None;
        for ra in report
            .artifacts
            .iter()
            .filter(|ra| ra.artifact.id != member.artifact.id)
        {
            components.push(component(report, &index, ra));
        }
        c
    } else {
        let name = report
            .root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "workspace".to_owned());
        edges.insert(
            "workspace".to_owned(),
            members.iter().map(|m| m.artifact.id.to_string()).collect(),
        );
        for ra in report.artifacts {
            components.push(component(report, &index, ra));
        }
        Component {
            kind: "application",
            bom_ref: "workspace".to_owned(),
            group: None,
            name,
            version: None,
            description: None,
            scope: None,
            hashes: Vec::new(),
            licenses: Vec::new(),
            purl: None,
            external_references: Vec::new(),
            evidence: None,
            model_card: None,
            data: Vec::new(),
            properties: Vec::new(),
        }
    };
    // What nothing else brings in (a model declared in the workspace's
    // config, a weight file found on disk) hangs off the subject, so the
    // graph has one root.
    let reached: BTreeSet<String> = edges.values().flatten().cloned().collect();
    let orphans: Vec<String> = report
        .artifacts
        .iter()
        .map(|ra| &ra.artifact.id)
        .filter(|id| **id != subject.bom_ref && !reached.contains(id.as_str()))
        .filter(|id| !members.iter().any(|m| m.artifact.id == **id))
        .map(ArtifactId::to_string)
        .collect();
    edges
        .entry(subject.bom_ref.clone())
        .or_default()
        .extend(orphans);
    components.sort_by(|a, b| a.bom_ref.cmp(&b.bom_ref));
    let mut properties = vec![
        prop("policy", report.policy.name.clone()),
        prop("open-source-definition", report.policy.definition.as_str()),
    ];
    // Findings about the config itself (an expired or unused exception)
    // belong to no component.
    for f in &report.verdict.findings {
        if report.artifact(&f.artifact).is_none() {
            let mut value = format!("{}[{}]: {}", f.severity.as_str(), f.code, f.message);
            for r in &f.reasons {
                value.push_str("\n- ");
                value.push_str(&r.to_string());
            }
            properties.push(prop("finding", value));
        }
    }
    let bom = Bom {
        schema: "http://cyclonedx.org/schema/bom-1.6.schema.json",
        bom_format: "CycloneDX",
        spec_version: "1.6",
        version: 1,
        metadata: Metadata {
            timestamp: epoch.and_then(timestamp),
            tools: Tools {
                components: [ToolComponent {
                    kind: "application",
                    name: env!("CARGO_PKG_NAME"),
                    version: env!("CARGO_PKG_VERSION"),
                }],
            },
            component: Some(subject),
            properties,
        },
        components,
        dependencies: edges
            .into_iter()
            .map(|(reference, deps)| Dependency {
                reference,
                depends_on: deps.into_iter().collect(),
            })
            .collect(),
    };
    super::escape::to_json(&bom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_rfc3339_utc() {
        for (epoch, want) in [
            (0, Some("1970-01-01T00:00:00Z")),
            (951_782_400, Some("2000-02-29T00:00:00Z")),
            (1_700_000_000, Some("2023-11-14T22:13:20Z")),
            (-1, Some("1969-12-31T23:59:59Z")),
            (-62_167_219_200, Some("0000-01-01T00:00:00Z")),
            (253_402_300_799, Some("9999-12-31T23:59:59Z")),
            (-62_167_219_201, None),
            (253_402_300_800, None),
            (i64::MAX, None),
            (i64::MIN, None),
        ] {
            assert_eq!(timestamp(epoch).as_deref(), want, "{epoch}");
        }
    }

    #[test]
    fn cargo_purls_name_their_source() {
        assert_eq!(cargo_purl("serde", "1.0.0", None), "pkg:cargo/serde@1.0.0");
        assert_eq!(
            cargo_purl(
                "serde",
                "1.0.0+build",
                Some("registry+https://github.com/rust-lang/crates.io-index")
            ),
            "pkg:cargo/serde@1.0.0%2Bbuild"
        );
        assert_eq!(
            cargo_purl(
                "x",
                "0.1.0",
                Some("git+https://example.com/x.git?branch=main#abc123")
            ),
            "pkg:cargo/x@0.1.0?vcs_url=git%2Bhttps%3A%2F%2Fexample.com%2Fx.git%40abc123"
        );
    }
}
