//! The words of the design, as types: artifacts and the references that bring
//! them in, licenses with their evidence, claims of openness, and findings.
//! These are plain data that flow from one pipeline stage to the next.

use serde::Serialize;
use std::fmt;

/// What kind of thing an artifact is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ArtifactKind {
    Crate,
    Model,
    Dataset,
    WeightFile,
}

impl ArtifactKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ArtifactKind::Crate => "crate",
            ArtifactKind::Model => "model",
            ArtifactKind::Dataset => "dataset",
            ArtifactKind::WeightFile => "weight-file",
        }
    }
}

/// How an artifact is reachable from the workspace members.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// Reachable through normal dependency edges: ships in the product.
    Normal,
    /// Reachable only through build-dependency edges.
    Build,
    /// Reachable only through dev-dependency edges.
    Dev,
}

/// How sure we are that a reference really names the artifact.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    Low,
    Medium,
    High,
    Declared,
}

/// One place that brings an artifact in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reference {
    /// How it was found: `workspace-member`, `dependency`, `build-dependency`,
    /// `dev-dependency`, `declared`, `source-call`, `base-model`, ...
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// The crate (`name@version`) the reference belongs to.
    #[serde(rename = "crate", skip_serializing_if = "Option::is_none")]
    pub krate: Option<String>,
    pub confidence: Confidence,
}

/// Facts about a crate that the later stages need, gathered from the graph.
#[derive(Debug, Clone, Default)]
pub struct CrateFacts {
    pub manifest_path: std::path::PathBuf,
    /// The manifest's `license` field, verbatim.
    pub license: Option<String>,
    /// The manifest's `license-file` field, relative to the manifest.
    pub license_file: Option<String>,
    pub description: Option<String>,
    pub keywords: Vec<String>,
    pub categories: Vec<String>,
    pub workspace_member: bool,
    /// `publish = false` (or an empty registry list) in the manifest.
    pub unpublished: bool,
}

/// A license the user declared for a model, with the reason they gave.
#[derive(Debug, Clone, PartialEq)]
pub struct DeclaredLicense {
    pub expression: String,
    pub reason: String,
    /// The file that declares it.
    pub origin: String,
}

/// Facts about a Hub model (or dataset) that `discover` found.
#[derive(Debug, Clone, Default)]
pub struct ModelFacts {
    /// `owner/name` on the Hub.
    pub repo_id: String,
    pub dataset: bool,
    /// The revision asked for: a branch, tag or 40-hex commit.
    pub revision: Option<String>,
    pub declared_license: Option<DeclaredLicense>,
    /// For a base model found through lineage: the derivative's id.
    pub derivative_of: Option<String>,
    /// The project itself labels this model open source (`open-source =
    /// true`), in this file.
    pub labelled_by: Option<String>,
}

/// A weight file found in the workspace.
#[derive(Debug, Clone)]
pub struct WeightFacts {
    pub path: std::path::PathBuf,
    /// The path relative to the workspace root, as shown.
    pub relative: String,
    pub sha256: Option<String>,
    /// The header's metadata, or why it could not be read.
    pub meta: Result<crate::discover::weights::WeightMeta, String>,
}

/// Kind-specific facts gathered by `discover`.
#[derive(Debug, Clone)]
pub enum Facts {
    Crate(CrateFacts),
    Model(ModelFacts),
    WeightFile(WeightFacts),
}

/// A reference that did not become an artifact: an id built at run time
/// (`format!`), or one found with less confidence than `[scan]
/// min-confidence` asks for. `list` shows them.
#[derive(Debug, Clone, Serialize)]
pub struct LooseReference {
    /// The id, or the pattern for ids built at run time.
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision: Option<String>,
    pub dataset: bool,
    pub why: String,
    pub reference: Reference,
}

/// What `resolve` learned about a model beyond its license.
#[derive(Debug, Clone, Default)]
pub struct ModelDetails {
    /// The commit the revision resolved to.
    pub sha: Option<String>,
    /// `manual` or `auto` for gated repositories.
    pub gated: Option<String>,
    /// The card's front matter (or the Hub's `cardData`).
    pub card_data: serde_json::Value,
    /// The card's markdown body, when it could be read.
    pub card_body: Option<String>,
    /// 1-based line where the body starts in README.md.
    pub card_body_line: u32,
    pub card_sha256: Option<String>,
    pub tags: Vec<String>,
    /// Base models named by the card or the Hub's tags (`owner/name`).
    pub base_models: Vec<String>,
    /// Why the model could not be resolved, if it could not.
    pub unresolved: Option<String>,
    /// The lock recorded another license for this model.
    pub lock_change: Option<LockChange>,
    /// Whether the answer came from model-audit.lock.
    pub from_lock: bool,
}

/// A license that differs from the one model-audit.lock recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct LockChange {
    pub old_license: String,
    pub old_sha: String,
    pub new_license: String,
}

/// A thing the project depends on that carries a license.
#[derive(Debug, Clone)]
pub struct Artifact {
    /// Stable id: `crate:name@version`, `model:owner/name@rev`, ...
    pub id: String,
    pub kind: ArtifactKind,
    pub name: String,
    /// Crate version, model commit or revision, file sha256.
    pub version: String,
    /// Where it comes from: registry, path, git or hub.
    pub source: Option<String>,
    pub scope: Scope,
    /// The shortest path from a workspace member to this artifact, as
    /// `name@version` (or model id) strings, the artifact last.
    pub path: Vec<String>,
    pub references: Vec<Reference>,
    pub facts: Facts,
}

impl Artifact {
    /// `name@version`, as people write it.
    pub fn display_name(&self) -> String {
        match self.kind {
            ArtifactKind::Crate => format!("{}@{}", self.name, self.version),
            _ => self.name.clone(),
        }
    }
}

/// Where a license or claim came from.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Evidence {
    /// The kind of source: `manifest-license`, `license-file`,
    /// `clarification`, `card`, ...
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Detection score, 0 to 1, for texts matched against known licenses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// One sentence for a person.
    pub note: String,
}

/// An artifact's license, or the fact that we could not tell.
#[derive(Debug, Clone)]
pub struct License {
    /// `None` means unknown: never treated as allowed.
    pub expression: Option<spdx::Expression>,
    pub evidence: Vec<Evidence>,
}

impl License {
    pub fn unknown(evidence: Vec<Evidence>) -> Self {
        License {
            expression: None,
            evidence,
        }
    }

    /// The expression as written, or `unknown`.
    pub fn display(&self) -> String {
        match &self.expression {
            Some(expr) => expr.to_string(),
            None => "unknown".to_owned(),
        }
    }

    /// Every license id in the expression, in order, without duplicates.
    pub fn ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        if let Some(expr) = &self.expression {
            for req in expr.requirements() {
                let id = req.req.license.to_string();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        ids
    }
}

impl ResolvedArtifact {
    /// A model, dataset or weight file with what resolution learned.
    pub fn model(
        artifact: Artifact,
        license: License,
        claims: Vec<Claim>,
        details: ModelDetails,
    ) -> Self {
        ResolvedArtifact {
            artifact,
            license,
            claims,
            mismatch: None,
            stale_clarifications: Vec::new(),
            model: Some(details),
        }
    }
}

/// Who said an artifact is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimBy {
    Card,
    Vendor,
    LicenseName,
    WeightFile,
    Crate,
    User,
}

/// What a claim says: open source, or one of the weaker words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Label {
    OpenSource,
    OpenWeights,
    OpenAccess,
}

impl Label {
    pub fn as_str(self) -> &'static str {
        match self {
            Label::OpenSource => "open source",
            Label::OpenWeights => "open weights",
            Label::OpenAccess => "open access",
        }
    }
}

/// A statement that an artifact is open source (or open weights).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    pub by: ClaimBy,
    /// Who said it: the vendor's name, the card's repository, the crate, the
    /// project's config file.
    pub who: String,
    pub label: Label,
    pub quote: String,
    /// Where: a file and line, a front-matter key, or a public URL.
    pub location: String,
}

/// An artifact with everything `resolve` learned about it.
#[derive(Debug, Clone)]
pub struct ResolvedArtifact {
    pub artifact: Artifact,
    pub license: License,
    pub claims: Vec<Claim>,
    /// A declared license that its own license text contradicts.
    pub mismatch: Option<Evidence>,
    /// Clarifications that exist for this artifact but no longer apply
    /// because a pinned file changed.
    pub stale_clarifications: Vec<Evidence>,
    /// For models: what the Hub and the cache said.
    pub model: Option<ModelDetails>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

macro_rules! codes {
    ($($variant:ident = $name:literal : $desc:literal,)*) => {
        /// Every finding code: the tool's user-facing vocabulary. Stable.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant,)* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// One line on what the finding means.
            pub fn description(self) -> &'static str {
                match self { $(Code::$variant => $desc,)* }
            }
        }
    };
}

codes! {
    OpenWashing = "open-washing": "an artifact labelled open source does not meet the policy's open-source definition",
    LicenseDenied = "license-denied": "the artifact's license is on the policy's deny list",
    LicenseNotAllowed = "license-not-allowed": "the artifact's license is not on the policy's allow list",
    RestrictionDenied = "restriction-denied": "the artifact's license imposes a restriction the policy does not accept",
    LicenseUnknown = "license-unknown": "the artifact's license could not be determined",
    LineageConflict = "lineage-conflict": "a derivative declares a more permissive license than its base allows",
    LicenseMismatch = "license-mismatch": "the declared license and the shipped license text disagree",
    ModelUnresolved = "model-unresolved": "a model could not be resolved from the hub or the cache",
    ExceptionExpired = "exception-expired": "an exception passed its expiry date and no longer applies",
    ExceptionUnused = "exception-unused": "an exception matched no artifact or allowed nothing",
    UnpinnedModel = "unpinned-model": "a model is referenced without a pinned revision",
    ClarificationStale = "clarification-stale": "a clarification no longer applies because a file it pins changed",
    SkippedUnpublished = "skipped-unpublished": "an unpublished workspace crate was not checked",
    LicenseChanged = "license-changed": "a model's license differs from the one model-audit.lock recorded",
    Obligation = "obligation": "shipping artifacts under this license requires something of you (a license copy, a Notice file, branding, ...)",
    NoticeTextMissing = "notice-text-missing": "a license text the notices document needs could not be found",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One verdict of the policy on one artifact (or on the config itself).
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    /// The artifact id, or the config file for findings about the config.
    pub artifact: String,
    pub message: String,
    pub reasons: Vec<String>,
    pub evidence: Vec<Evidence>,
    pub path: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            let name = code.as_str();
            assert!(seen.insert(name), "duplicate code {name}");
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{name} is not kebab-case"
            );
            assert!(!code.description().is_empty());
        }
    }
}
