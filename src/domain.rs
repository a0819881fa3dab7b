//! The words of the design, as types: artifacts and the references that bring
//! them in, licenses with their evidence, claims of openness, and findings.
//! These are plain data that flow from one pipeline stage to the next.

pub mod hub;
pub mod shared;
pub mod untrusted;

pub use shared::{Interner, SharedStr};

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

/// How a reference was found. Written in kebab-case (`workspace-member`,
/// `call-argument`, ...) in every report and in the scan cache.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum ReferenceKind {
    /// The crate is a member of the workspace.
    WorkspaceMember,
    /// A normal dependency edge of the Cargo graph.
    Dependency,
    BuildDependency,
    DevDependency,
    /// Declared in `[[models]]` of the config or package metadata.
    Declared,
    /// A literal written as the argument of a hf-hub call.
    CallArgument,
    /// A literal that reaches the call through a binding, const, function.
    TracedValue,
    /// A string arm of a `match` whose result reaches the call.
    MatchArm,
    /// The clap `default_value` of an argument that reaches the call.
    ClapDefault,
    /// A literal in a struct field with an id-like name.
    FieldLiteral,
    /// A Hub URL in a string literal.
    HubUrl,
    /// A configuration file's key.
    ConfigFile,
    /// An id built with `format!` or `+`: the id is the pattern.
    Dynamic,
    /// A value read at run time: the id is the argument's text.
    RunTime,
    /// An id-shaped literal in a crate with Hub calls that no Hub call was
    /// traced to: listed, never audited.
    Untraced,
    /// An [`ReferenceKind::Untraced`] literal the Hub confirmed as an
    /// existing repository (`[scan] confirm-untraced`, or an answer
    /// model-audit.lock recorded): audited like a found model.
    HubConfirmed,
    /// A source file that could not be parsed.
    Unparsable,
    /// A dependency's own source names the model (`[scan] dependencies =
    /// "all"`).
    DependencySource,
    /// A workspace crate uses a dependency's table of model ids.
    DependencyTable,
    /// A weight file found in the workspace.
    WeightFile,
    /// A Hub repository named in a weight file's metadata.
    WeightMetadata,
    /// A repository in the local Hugging Face cache.
    HfCache,
    /// The base model of a derivative (lineage).
    BaseModel,
}

impl ReferenceKind {
    pub const ALL: &'static [ReferenceKind] = &[
        ReferenceKind::WorkspaceMember,
        ReferenceKind::Dependency,
        ReferenceKind::BuildDependency,
        ReferenceKind::DevDependency,
        ReferenceKind::Declared,
        ReferenceKind::CallArgument,
        ReferenceKind::TracedValue,
        ReferenceKind::MatchArm,
        ReferenceKind::ClapDefault,
        ReferenceKind::FieldLiteral,
        ReferenceKind::HubUrl,
        ReferenceKind::ConfigFile,
        ReferenceKind::Dynamic,
        ReferenceKind::RunTime,
        ReferenceKind::Untraced,
        ReferenceKind::HubConfirmed,
        ReferenceKind::Unparsable,
        ReferenceKind::DependencySource,
        ReferenceKind::DependencyTable,
        ReferenceKind::WeightFile,
        ReferenceKind::WeightMetadata,
        ReferenceKind::HfCache,
        ReferenceKind::BaseModel,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReferenceKind::WorkspaceMember => "workspace-member",
            ReferenceKind::Dependency => "dependency",
            ReferenceKind::BuildDependency => "build-dependency",
            ReferenceKind::DevDependency => "dev-dependency",
            ReferenceKind::Declared => "declared",
            ReferenceKind::CallArgument => "call-argument",
            ReferenceKind::TracedValue => "traced-value",
            ReferenceKind::MatchArm => "match-arm",
            ReferenceKind::ClapDefault => "clap-default",
            ReferenceKind::FieldLiteral => "field-literal",
            ReferenceKind::HubUrl => "hub-url",
            ReferenceKind::ConfigFile => "config-file",
            ReferenceKind::Dynamic => "dynamic",
            ReferenceKind::RunTime => "run-time",
            ReferenceKind::Untraced => "untraced",
            ReferenceKind::HubConfirmed => "hub-confirmed",
            ReferenceKind::Unparsable => "unparsable",
            ReferenceKind::DependencySource => "dependency-source",
            ReferenceKind::DependencyTable => "dependency-table",
            ReferenceKind::WeightFile => "weight-file",
            ReferenceKind::WeightMetadata => "weight-metadata",
            ReferenceKind::HfCache => "hf-cache",
            ReferenceKind::BaseModel => "base-model",
        }
    }
}

impl fmt::Display for ReferenceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One place that brings an artifact in.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Reference {
    /// How it was found.
    pub kind: ReferenceKind,
    /// Shared by every reference in the file (`crate@version/src/lib.rs`
    /// for a dependency's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<SharedStr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// The crate (`name@version`) the reference belongs to.
    #[serde(rename = "crate", skip_serializing_if = "Option::is_none")]
    pub krate: Option<SharedStr>,
    pub confidence: Confidence,
    /// `test`, `example` or `bench` when the reference is only in code
    /// that does not ship (a dev reference); `dev-dependency` when it is in
    /// the source of a dependency that only dev-dependencies reach.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dev: Option<String>,
    /// The calls the id goes through to reach the Hub, `file:line call(..)`,
    /// outermost first (empty when the call is where the id is).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub via: Vec<String>,
    /// Where the declaration is written, when the stage that read the file
    /// kept it (`line` says the same line); for the excerpt a person reads.
    /// Boxed: most references (a dependency's) have none.
    #[serde(skip)]
    pub span: Option<Box<Span>>,
}

/// A place in a workspace file, as the stage that read it found it: the
/// byte range of the text and the 1-based line and column (in characters)
/// where it starts.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Span {
    pub line: u32,
    pub column: u32,
    pub bytes: std::ops::Range<usize>,
}

impl Span {
    /// The span of `bytes` in `text`, its ends moved back onto character
    /// boundaries.
    pub fn of(text: &str, bytes: std::ops::Range<usize>) -> Span {
        let floor = |mut i: usize| {
            i = i.min(text.len());
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let (start, end) = (floor(bytes.start), floor(bytes.end));
        let before = &text[..start];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        Span {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
            bytes: start..end.max(start),
        }
    }
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
#[derive(Debug, Clone)]
pub struct ModelFacts {
    /// The repository on the Hub: `owner/name`, model or dataset.
    pub repo: hub::HubRepo,
    /// The revision asked for: a branch, tag or 40-hex commit.
    pub revision: Option<String>,
    pub declared_license: Option<Box<DeclaredLicense>>,
    /// For a base model found through lineage: the derivative's id.
    pub derivative_of: Option<String>,
    /// The project itself labels this model open source (`open-source =
    /// true`), in this file.
    pub labelled_by: Option<String>,
}

impl ModelFacts {
    /// The facts of a repository no one has said more about.
    pub fn new(repo: hub::HubRepo) -> ModelFacts {
        ModelFacts {
            repo,
            revision: None,
            declared_license: None,
            derivative_of: None,
            labelled_by: None,
        }
    }
}

/// The two weight formats that carry metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeightFormat {
    Gguf,
    Safetensors,
}

/// The license-relevant metadata of one weight file, as
/// `discover::weights` reads it from a GGUF or safetensors header.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WeightMeta {
    pub format: Option<WeightFormat>,
    pub gguf_version: Option<u32>,
    pub big_endian: bool,
    /// key -> value as text, only for the keys we keep (see the module
    /// documentation); arrays are written as JSON arrays.
    pub fields: std::collections::BTreeMap<String, String>,
    /// `general.license` (GGUF) or `modelspec.license` / `license` in
    /// safetensors `__metadata__`.
    pub license: Option<String>,
    /// `general.license.name`.
    pub license_name: Option<String>,
    /// `general.license.link`.
    pub license_link: Option<String>,
    /// `general.name` / `modelspec.title`.
    pub name: Option<String>,
    /// `general.description` / `modelspec.description`.
    pub description: Option<String>,
    /// `general.tags`.
    pub tags: Vec<String>,
    /// Hub repositories the metadata names, each `owner/name`, deduplicated
    /// (ignoring case), in this order: `general.source.repo_url`,
    /// `general.repo_url`, `general.source.huggingface.repository`, the base
    /// models (`repo_url`, then `organization` + `name` when they form
    /// `owner/name`), then `https://huggingface.co/<owner>/<name>` URLs in
    /// any kept field, by key.
    pub hub_repos: Vec<String>,
    /// Base models named by `general.base_model.N.*`, as `owner/name`, in
    /// index order (a subset of `hub_repos`).
    pub base_models: Vec<String>,
    /// Problems worth telling the user, one sentence each.
    pub notes: Vec<String>,
}

/// A weight file found in the workspace.
#[derive(Debug, Clone)]
pub struct WeightFacts {
    pub path: std::path::PathBuf,
    /// The path relative to the workspace root, as shown.
    pub relative: String,
    pub sha256: Option<String>,
    /// The header's metadata, or why it could not be read.
    pub meta: Result<WeightMeta, String>,
}

/// Kind-specific facts gathered by `discover`.
#[derive(Debug, Clone)]
pub enum Facts {
    Crate(Box<CrateFacts>),
    Model(ModelFacts),
    /// Boxed: a weight file's facts are the largest and the rarest.
    WeightFile(Box<WeightFacts>),
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
    /// The package it is in reaches the Hub (it depends on hf-hub, or on a
    /// crate whose functions call it, or calls it itself): a file of it that
    /// was not read may hide a model (`file-not-scanned`).
    #[serde(skip)]
    pub hub: bool,
}

/// What `resolve` learned about a model beyond its license.
#[derive(Debug, Clone, Default)]
pub struct ModelDetails {
    /// The commit the revision resolved to.
    pub sha: Option<String>,
    /// `manual` or `auto` for gated repositories.
    pub gated: Option<String>,
    /// What the card (or a weight file's metadata) says beyond the
    /// license, read once by `resolve`; `None` when it says nothing (boxed:
    /// a model that could not be resolved has no card). Read it with
    /// [`ModelDetails::card`].
    pub card: Option<Box<CardFacts>>,
    pub card_sha256: Option<String>,
    pub tags: Vec<String>,
    /// Base models named by the card or the Hub's tags (`owner/name`).
    pub base_models: Vec<String>,
    /// Why the model could not be resolved, if it could not.
    pub unresolved: Option<SharedStr>,
    /// The lock recorded another license for this model (boxed, as rare).
    pub lock_change: Option<Box<LockChange>>,
}

impl ModelDetails {
    /// What the card says beyond the license (nothing, when there is none).
    pub fn card(&self) -> &CardFacts {
        static NOTHING: CardFacts = CardFacts {
            task: None,
            datasets: Vec::new(),
            libraries: Vec::new(),
            languages: Vec::new(),
            code_url: None,
        };
        self.card.as_deref().unwrap_or(&NOTHING)
    }
}

/// The facts a card states that later stages use: read once from the front
/// matter (or the Hub's `cardData`, or GGUF metadata) and the body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CardFacts {
    /// `pipeline_tag`: the task.
    pub task: Option<String>,
    /// `datasets`: the training data the card names.
    pub datasets: Vec<String>,
    /// `library_name`.
    pub libraries: Vec<String>,
    /// `language`.
    pub languages: Vec<String>,
    /// The first code-hosting link in the body (GitHub, GitLab, Codeberg).
    pub code_url: Option<String>,
}

impl CardFacts {
    /// Boxed for [`ModelDetails::card`], or `None` when the card says
    /// nothing.
    pub fn boxed(self) -> Option<Box<CardFacts>> {
        (self != CardFacts::default()).then(|| Box::new(self))
    }
}

/// A license that differs from the one model-audit.lock recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct LockChange {
    pub old_license: String,
    pub old_sha: String,
    pub new_license: String,
}

/// An artifact's stable id, `<kind>:<name>@<version>` (`crate:serde@1.0.200`,
/// `model:owner/name@<sha>`, `weight-file:models/x.gguf@<sha256>`): made by
/// [`ArtifactId::new`] and nowhere else. It orders, hashes and serializes as
/// that string, so it keys maps and sorts reports the way the text does.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ArtifactId(SharedStr);

impl ArtifactId {
    pub fn new(kind: ArtifactKind, name: &str, version: &str) -> Self {
        ArtifactId(format!("{}:{name}@{version}", kind.as_str()).into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id's text, shared (a finding names its artifact with it).
    pub fn shared(&self) -> SharedStr {
        self.0.clone()
    }
}

impl fmt::Display for ArtifactId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for ArtifactId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// Lets maps keyed by id be looked up with the text of an id (a finding's
/// `artifact`); consistent with `Eq`, `Ord` and `Hash`, which are the
/// string's.
impl std::borrow::Borrow<str> for ArtifactId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for ArtifactId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for ArtifactId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for ArtifactId {
    fn eq(&self, other: &String) -> bool {
        self.0 == *other
    }
}

impl PartialEq<SharedStr> for ArtifactId {
    fn eq(&self, other: &SharedStr) -> bool {
        self.0 == *other
    }
}

impl PartialEq<ArtifactId> for String {
    fn eq(&self, other: &ArtifactId) -> bool {
        *self == other.0
    }
}

impl PartialEq<ArtifactId> for SharedStr {
    fn eq(&self, other: &ArtifactId) -> bool {
        *self == other.0
    }
}

impl PartialEq<ArtifactId> for str {
    fn eq(&self, other: &ArtifactId) -> bool {
        self == other.0
    }
}

/// What names artifacts in the config (`[[exceptions]] artifact`,
/// `[[licenses.clarify]] crate`): `name` (every version), `name@version`,
/// or a Hub id `owner/name`. Parsed once, where the config is read; every
/// comparison goes through [`Selector::matches`]. Names compare as their
/// registries compare them (crates.io and the Hub both ignore ASCII case:
/// `Serde` can only be `serde`), versions exactly. Shown as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    text: String,
    name: String,
    version: Option<String>,
}

impl Selector {
    pub fn parse(text: &str) -> Selector {
        let (name, version) = match text.split_once('@') {
            Some((n, v)) => (n.to_owned(), Some(v.to_owned())),
            None => (text.to_owned(), None),
        };
        Selector {
            text: text.to_owned(),
            name,
            version,
        }
    }

    /// The name it selects, without a version.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The one version it selects, if it names one.
    pub fn version(&self) -> Option<&str> {
        self.version.as_deref()
    }

    /// Whether it selects the artifact `name` at `version`.
    pub fn matches(&self, name: &str, version: &str) -> bool {
        self.name.eq_ignore_ascii_case(name) && self.version.as_deref().is_none_or(|v| v == version)
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// A thing the project depends on that carries a license.
#[derive(Debug, Clone)]
pub struct Artifact {
    /// Stable id: `crate:name@version`, `model:owner/name@rev`, ...
    pub id: ArtifactId,
    /// Shared with the last step of `path`.
    pub name: SharedStr,
    /// Crate version, model commit or revision, file sha256.
    pub version: SharedStr,
    /// Where it comes from: registry, path, git or hub.
    pub source: Option<String>,
    pub scope: Scope,
    /// The shortest path from a workspace member to this artifact, as
    /// `name@version` (or model id) strings, the artifact last; the
    /// packages on it are shared by every artifact whose path they are on.
    pub path: Vec<SharedStr>,
    pub references: Vec<Reference>,
    pub facts: Facts,
}

impl Artifact {
    /// What it is, as its facts say: a crate, a Hub model or dataset, or a
    /// weight file.
    pub fn kind(&self) -> ArtifactKind {
        match &self.facts {
            Facts::Crate(_) => ArtifactKind::Crate,
            Facts::Model(m) if m.repo.is_dataset() => ArtifactKind::Dataset,
            Facts::Model(_) => ArtifactKind::Model,
            Facts::WeightFile(_) => ArtifactKind::WeightFile,
        }
    }

    /// `name@version`, as people write it.
    pub fn display_name(&self) -> String {
        match self.kind() {
            ArtifactKind::Crate => format!("{}@{}", self.name, self.version),
            _ => self.name.to_string(),
        }
    }
}

/// The kind of place a piece of evidence was read from. Written in
/// kebab-case in every report (`manifest-license`, `license-file`, ...);
/// a claim's evidence is written `claim:<by>` (`claim:card`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum EvidenceSource {
    /// A crate manifest's `license` field.
    ManifestLicense,
    /// A license text file (a crate's, a model repository's, a
    /// `license-file`).
    #[default]
    LicenseFile,
    /// A `[[clarify]]` entry of the config.
    Clarification,
    /// A model card (front matter or body).
    Card,
    /// A license declared for a model in the config.
    Declared,
    /// The user's config (an exception, an allow list).
    Config,
    /// Policy from the project's own files (see `policy::owner`).
    ProjectPolicy,
    /// A source file of the project.
    SourceFile,
    /// A weight file's header metadata.
    WeightMetadata,
    /// The Hub, when it could not be asked or did not answer.
    Hub,
    /// The Hub's `license:` tags of a repository.
    HubTags,
    /// The license catalog (a license recognised by its name or link).
    Catalog,
    /// A bound on untrusted input that stopped the work.
    Bound,
    /// A statement that the artifact is open.
    Claim(ClaimBy),
}

impl EvidenceSource {
    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceSource::ManifestLicense => "manifest-license",
            EvidenceSource::LicenseFile => "license-file",
            EvidenceSource::Clarification => "clarification",
            EvidenceSource::Card => "card",
            EvidenceSource::Declared => "declared",
            EvidenceSource::Config => "config",
            EvidenceSource::ProjectPolicy => "project-policy",
            EvidenceSource::SourceFile => "source-file",
            EvidenceSource::WeightMetadata => "weight-metadata",
            EvidenceSource::Hub => "hub",
            EvidenceSource::HubTags => "hub-tags",
            EvidenceSource::Catalog => "catalog",
            EvidenceSource::Bound => "bound",
            EvidenceSource::Claim(by) => match by {
                ClaimBy::Card => "claim:card",
                ClaimBy::Vendor => "claim:vendor",
                ClaimBy::LicenseName => "claim:license-name",
                ClaimBy::WeightFile => "claim:weight-file",
                ClaimBy::Crate => "claim:crate",
                ClaimBy::User => "claim:user",
            },
        }
    }
}

impl fmt::Display for EvidenceSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for EvidenceSource {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Where a license or claim came from.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Evidence {
    /// The kind of place it was read from.
    pub source: EvidenceSource,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<SharedStr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<SharedStr>,
    /// Detection score, 0 to 1, for texts matched against known licenses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<SharedStr>,
    /// One sentence for a person (shared: a finding repeats its
    /// artifact's evidence).
    pub note: SharedStr,
}

/// An artifact's license, or the fact that we could not tell.
#[derive(Debug, Clone)]
pub struct License {
    /// `None` means unknown: never treated as allowed. Boxed: a parsed
    /// expression is large, and an unknown license needs none.
    pub expression: Option<Box<spdx::Expression>>,
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
            model: Some(Box::new(details)),
        }
    }
}

/// Who said an artifact is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimBy {
    Card,
    Vendor,
    LicenseName,
    WeightFile,
    Crate,
    User,
}

impl ClaimBy {
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimBy::Card => "card",
            ClaimBy::Vendor => "vendor",
            ClaimBy::LicenseName => "license-name",
            ClaimBy::WeightFile => "weight-file",
            ClaimBy::Crate => "crate",
            ClaimBy::User => "user",
        }
    }
}

/// What a claim says: open source, or one of the weaker words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Label {
    OpenSource,
    OpenWeights,
    OpenAccess,
    /// The card ranks the model among open-source models ("the best
    /// open-source model", "better than other open-source models").
    Implicit,
}

impl Label {
    pub fn as_str(self) -> &'static str {
        match self {
            Label::OpenSource => "open source",
            Label::OpenWeights => "open weights",
            Label::OpenAccess => "open access",
            Label::Implicit => "open source (implicitly)",
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
    /// For a sentence: what it labels, as written ("SkyCode", "our model").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// For a sentence: the words that made it a claim ("is an open source").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phrase: Option<String>,
}

impl Claim {
    /// Who labelled the artifact and how, and for a sentence what it labels
    /// and the words that did it.
    pub fn note(&self) -> String {
        let mut note = format!("labelled {} by {}", self.label.as_str(), self.who);
        if let (Some(subject), Some(phrase)) = (&self.subject, &self.phrase) {
            note.push_str(&format!(
                "; the subject is \"{subject}\", the words \"{phrase}\""
            ));
        }
        note
    }
}

/// An artifact with everything `resolve` learned about it.
#[derive(Debug, Clone)]
pub struct ResolvedArtifact {
    pub artifact: Artifact,
    pub license: License,
    pub claims: Vec<Claim>,
    /// A declared license that its own license text contradicts (boxed,
    /// as rare).
    pub mismatch: Option<Box<Evidence>>,
    /// Clarifications that exist for this artifact but no longer apply
    /// because a pinned file changed.
    pub stale_clarifications: Vec<Evidence>,
    /// For models: what the Hub and the cache said (boxed: a crate has
    /// none, and the vector of every artifact is the run's largest).
    pub model: Option<Box<ModelDetails>>,
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
    ($($variant:ident = $name:literal : $desc:literal, $help:literal;)*) => {
        /// Every finding code: the tool's user-facing vocabulary. Stable.
        /// Its name, its one-line description and its help live here and
        /// nowhere else.
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

            /// What to do about a finding of this code, for rule help
            /// (SARIF) and summaries; a finding's own `help` says it for one
            /// artifact.
            pub fn help(self) -> &'static str {
                match self { $(Code::$variant => $help,)* }
            }

            /// The code with this kebab-case name.
            pub fn parse(name: &str) -> Option<Code> {
                match name { $($name => Some(Code::$variant),)* _ => None }
            }
        }
    };
}

codes! {
    OpenWashing = "open-washing": "an artifact labelled open source does not meet the policy's open-source definition",
        "Something calls this artifact open source, but its license does not meet the policy's open-source definition. Judge the artifact by its license terms, not by the label: replace it, accept its terms explicitly with an [[exceptions]] entry and a reason, and correct the label where you control it.";
    LicenseDenied = "license-denied": "the artifact's license is on the policy's deny list",
        "The license is on the policy's deny list ([licenses] deny). Replace the dependency, or add an [[exceptions]] entry with a reason if it is acceptable for this project.";
    LicenseNotAllowed = "license-not-allowed": "the artifact's license is not on the policy's allow list",
        "The license is not on the policy's allow list ([licenses] allow). Add it to the allow list if the project accepts it everywhere, or add an [[exceptions]] entry for this artifact with a reason.";
    RestrictionDenied = "restriction-denied": "the artifact's license imposes a restriction the policy does not accept",
        "The license imposes a restriction (a user cap, non-commercial or research-only use, an acceptable-use policy, ...) that the policy denies in [restrictions]. Replace the artifact, or accept it with an [[exceptions]] entry and a reason.";
    LicenseUnknown = "license-unknown": "the artifact's license could not be determined",
        "No license could be determined with enough confidence. For a crate, add a [[licenses.clarify]] entry pinned to its license file, or ask upstream to set `license` in Cargo.toml; for a model, declare its license with a reason in [[models]].";
    LineageConflict = "lineage-conflict": "a derivative declares a more permissive license than its base allows",
        "A derived model declares a license more permissive than its base model allows; the base's terms still bind the derivative. Treat the derivative as carrying the base's license too, or use a base whose license allows relicensing.";
    LicenseMismatch = "license-mismatch": "the declared license and the shipped license text disagree",
        "The declared license and the shipped license text disagree. Check which applies; a [[licenses.clarify]] entry pinned to the file settles it.";
    ModelUnresolved = "model-unresolved": "a model could not be resolved from the hub or the cache",
        "The model could not be resolved from the Hub or the local cache, so its license is unknown. Check the id and revision, the network and HF_TOKEN, or run once online to fill the cache.";
    ExceptionExpired = "exception-expired": "an exception passed its expiry date and no longer applies",
        "An exception passed its `expires` date and no longer applies. Review it, then move the date forward or remove it.";
    ExceptionUnused = "exception-unused": "an exception matched no artifact or allowed nothing",
        "An exception matched no artifact or allowed nothing. Remove it, or fix its `artifact` or `allow`.";
    UnpinnedModel = "unpinned-model": "a model is referenced without a pinned revision",
        "The model is referenced by a branch or tag, so its files and license can change without notice. Pin `revision` to a 40-hex commit.";
    ClarificationStale = "clarification-stale": "a clarification no longer applies because a file it pins changed",
        "A file pinned by a [[licenses.clarify]] entry changed, so the clarification no longer applies. Check the new file, then update the entry's sha256.";
    SkippedUnpublished = "skipped-unpublished": "an unpublished workspace crate was not checked",
        "An unpublished workspace crate was not checked because the policy sets `skip-unpublished = true`.";
    LicenseChanged = "license-changed": "a model's license differs from the one model-audit.lock recorded",
        "The model's license differs from the one recorded in model-audit.lock. Review the new terms, then let the tool update the lock.";
    UnlicensedMember = "unlicensed-member": "a published workspace crate has no license",
        "A published workspace crate has no `license` in its Cargo.toml, so its users cannot know its terms. Set `license` to an SPDX expression, or `publish = false` if the crate is not published; `[licenses] include-workspace = \"deny\"` makes this an error.";
    AllowUnused = "allow-unused": "a license in [licenses] allow matched no artifact",
        "A license in the project's `[licenses] allow` list allowed no artifact. Remove it so the list says what the project really accepts, or keep it on purpose.";
    Obligation = "obligation": "shipping artifacts under this license requires something of you (a license copy, a Notice file, branding, ...)",
        "Shipping artifacts under this license requires the listed actions: a copy of the license text, notices kept, a Notice file with exact words, branding displayed, derived models named a certain way, use restrictions passed on. `cargo model-audit notices` writes the texts and notices, and lists the rest as a checklist.";
    FileNotScanned = "file-not-scanned": "a source file of a package that reaches the Hub was not read, so its models are not audited",
        "A Rust file of a package that calls the Hub could not be scanned (over the size cap, nested too deep, a symbolic link, or brought in from outside the package), so the models it names are not audited. Move its model ids into a file the scan reads, declare them in [[models]], or settle the file with [scan] ignore.";
    ProjectPolicy = "project-policy": "the project's own config or manifest weakens the policy you passed",
        "The audited project's config or a member's manifest weakens the policy you passed with --config or --policy (it allows a license, declares one, drops or lowers findings, or narrows the scan). Check the line it points at; --no-project-policy (or MODEL_AUDIT_NO_PROJECT_POLICY=1) keeps your policy as it is.";
    NoticeTextMissing = "notice-text-missing": "a license text the notices document needs could not be found",
        "A license text the notices document needs was found neither in the artifact's files, the Hugging Face cache or the Hub, nor in the SPDX License List. Add the text to the artifact's repository, or ship it yourself from the license's published source.";
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

/// What a reason is about, so a diagnostic that merges several findings on
/// one artifact can say each failing reason once, tagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReasonTag {
    /// A reason that belongs to its finding's code.
    Code(Code),
    /// A license id outside `[licenses] allow`.
    NotAllowed,
    /// A license id on `[licenses] deny`.
    Denied,
    /// A restriction class from the catalog (`user-cap`, ...), whichever
    /// rule found it: open-washing, restriction-denied and lineage-conflict
    /// share these, and a diagnostic shows each once.
    Restriction(&'static str),
}

impl ReasonTag {
    /// The tag a person reads: `not-allowed`, `restriction:user-cap`,
    /// `open-washing`, ...
    pub fn label(self) -> String {
        match self {
            ReasonTag::Code(code) => code.as_str().to_owned(),
            ReasonTag::NotAllowed => "not-allowed".to_owned(),
            ReasonTag::Denied => "denied".to_owned(),
            ReasonTag::Restriction(class) => format!("restriction:{class}"),
        }
    }
}

/// One reason a finding fails, in one sentence. In JSON and SARIF it is a
/// string: the text, led by the class for a restriction (`user-cap: ...`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub tag: ReasonTag,
    pub text: SharedStr,
}

impl Reason {
    pub fn new(tag: ReasonTag, text: impl Into<SharedStr>) -> Self {
        Reason {
            tag,
            text: text.into(),
        }
    }

    /// A reason that belongs to the finding's own code.
    pub fn of(code: Code, text: impl Into<SharedStr>) -> Self {
        Reason::new(ReasonTag::Code(code), text)
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.tag {
            ReasonTag::Restriction(class) => write!(f, "{class}: {}", self.text),
            _ => f.write_str(&self.text),
        }
    }
}

impl Serialize for Reason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One verdict of the policy on one artifact (or on the config itself).
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// Unique within a report: `<artifact>#<code>`, with `-2`, `-3`, ...
    /// for a second finding of the same code on the same artifact.
    pub id: SharedStr,
    pub code: Code,
    pub severity: Severity,
    /// The artifact id, or the config file for findings about the config.
    pub artifact: SharedStr,
    pub message: String,
    pub reasons: Vec<Reason>,
    /// The claims of openness the finding judged (open-washing). The JSON
    /// report lists them in `evidence` as `claim:<by>` entries.
    #[serde(skip)]
    pub claims: Vec<Claim>,
    pub evidence: Vec<Evidence>,
    pub path: Vec<SharedStr>,
    /// What to do; most are fixed sentences, borrowed rather than copied
    /// into every finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<std::borrow::Cow<'static, str>>,
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
            assert!(!code.help().is_empty());
            assert_eq!(Code::parse(name), Some(*code));
        }
    }

    #[test]
    fn reference_kinds_serialize_as_their_names() {
        let mut seen = std::collections::HashSet::new();
        for kind in ReferenceKind::ALL {
            assert!(seen.insert(kind.as_str()), "duplicate {kind}");
            let json = serde_json::to_string(kind).unwrap();
            assert_eq!(json, format!("\"{kind}\""));
            let back: ReferenceKind = serde_json::from_str(&json).unwrap();
            assert_eq!(back, *kind);
        }
    }

    #[test]
    fn artifact_ids_read_serialize_and_sort_as_their_text() {
        let a = ArtifactId::new(ArtifactKind::Crate, "a-b", "1.0.0");
        let b = ArtifactId::new(ArtifactKind::Crate, "a", "1.0.0");
        let w = ArtifactId::new(ArtifactKind::WeightFile, "models/x.gguf", "ab12");
        assert_eq!(a.to_string(), "crate:a-b@1.0.0");
        assert_eq!(w.as_str(), "weight-file:models/x.gguf@ab12");
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"crate:a-b@1.0.0\"");
        // `-` sorts before `@`, as in the text, not by name then version.
        assert!(a < b);
        assert_eq!(a.cmp(&b), a.as_str().cmp(b.as_str()));
        assert!(a == "crate:a-b@1.0.0" && *"crate:a-b@1.0.0" == a);
        let map: std::collections::BTreeMap<ArtifactId, u8> = [(a, 1)].into();
        assert_eq!(map.get("crate:a-b@1.0.0"), Some(&1));
    }
}

#[cfg(test)]
mod selector_tests {
    use super::Selector;

    #[test]
    fn a_selector_names_a_name_at_every_version_or_at_one() {
        let any = Selector::parse("serde");
        assert!(any.matches("serde", "1.0.200") && any.matches("Serde", "0.9.0"));
        assert!(!any.matches("serde_json", "1.0.0"));
        let one = Selector::parse("serde@1.0.200");
        assert_eq!((one.name(), one.version()), ("serde", Some("1.0.200")));
        assert!(one.matches("serde", "1.0.200") && !one.matches("serde", "1.0.201"));
        let model = Selector::parse("Meta-Llama/Llama-2-7b-hf");
        assert!(model.matches(
            "meta-llama/llama-2-7b-hf",
            "5a2c0d5b6e3f4a1b9c8d7e6f5a4b3c2d1e0f9a8b"
        ));
        assert_eq!(one.to_string(), "serde@1.0.200", "shown as written");
    }
}
