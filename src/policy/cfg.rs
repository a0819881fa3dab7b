//! The config as the user writes it: every key optional, unknown keys
//! rejected. `super::validate` turns it into a `Policy` the rest can trust.

use super::{Action, LintLevel, MemberAction, UnknownAction};
use serde::Deserialize;
use std::collections::BTreeMap;

/// `[licenses] unknown`: "allow" parses so that it can be refused with a
/// reason (an unknown license is never allowed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RawUnknown {
    Deny,
    Warn,
    Allow,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RawDefinition {
    Osi,
    Osaid,
    Fsf,
    List,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RawWashing {
    Deny,
    Warn,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RawWeakerLabels {
    Report,
    Enforce,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RawModelKind {
    Model,
    Dataset,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawConfig {
    /// Read from the table before deserializing (see `expand`); declared so
    /// that it is a known key.
    #[allow(dead_code)]
    pub extends: Option<String>,
    pub licenses: Option<RawLicenses>,
    pub open_source: Option<RawOpenSource>,
    pub restrictions: Option<BTreeMap<String, Action>>,
    pub exceptions: Option<Vec<RawException>>,
    pub models: Option<Vec<RawModel>>,
    pub scan: Option<RawScan>,
    pub hub: Option<RawHub>,
    pub lints: Option<BTreeMap<String, LintLevel>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawLicenses {
    pub allow: Option<Vec<String>>,
    pub deny: Option<Vec<String>>,
    pub unknown: Option<RawUnknown>,
    pub confidence_threshold: Option<f32>,
    pub include_dev: Option<bool>,
    pub include_build: Option<bool>,
    pub skip_unpublished: Option<bool>,
    pub include_workspace: Option<MemberAction>,
    pub clarify: Option<Vec<RawClarify>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawClarify {
    #[serde(rename = "crate")]
    pub krate: String,
    pub expression: String,
    #[serde(default)]
    pub license_files: Vec<RawClarifyFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawClarifyFile {
    pub path: String,
    pub sha256: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawOpenSource {
    pub definition: Option<RawDefinition>,
    pub accept: Option<Vec<String>>,
    pub action: Option<RawWashing>,
    pub weaker_labels: Option<RawWeakerLabels>,
    /// `report` or `enforce`, like `weaker-labels`.
    pub implicit: Option<RawWeakerLabels>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawException {
    pub artifact: String,
    #[serde(default)]
    pub allow: Vec<String>,
    pub reason: Option<String>,
    /// A string or a TOML date literal.
    pub expires: Option<toml::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawModel {
    pub id: String,
    /// The project itself calls this model open source (in its docs, UI or
    /// marketing): hold that label to the policy.
    pub open_source: Option<bool>,
    pub revision: Option<String>,
    pub kind: Option<RawModelKind>,
    pub license: Option<String>,
    pub reason: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawScan {
    pub src: Option<bool>,
    pub build: Option<bool>,
    pub examples: Option<bool>,
    pub benches: Option<bool>,
    pub tests: Option<bool>,
    pub configs: Option<bool>,
    pub weights: Option<bool>,
    pub min_confidence: Option<crate::domain::Confidence>,
    pub dependencies: Option<super::DepScan>,
    pub confirm_untraced: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawHub {
    pub endpoint: Option<String>,
    pub timeout_secs: Option<u64>,
    pub concurrency: Option<usize>,
    pub retries: Option<u32>,
    pub unresolved: Option<UnknownAction>,
}
