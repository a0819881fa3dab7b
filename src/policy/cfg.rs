//! The config as the user writes it: every key optional, unknown keys
//! rejected. `super::validate` turns it into a `Policy` the rest can trust.

use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawConfig {
    /// Read from the table before deserializing (see `expand`); declared so
    /// that it is a known key.
    #[allow(dead_code)]
    pub extends: Option<String>,
    pub licenses: Option<RawLicenses>,
    pub open_source: Option<RawOpenSource>,
    pub restrictions: Option<BTreeMap<String, String>>,
    pub exceptions: Option<Vec<RawException>>,
    pub models: Option<Vec<RawModel>>,
    pub scan: Option<RawScan>,
    pub hub: Option<RawHub>,
    pub lints: Option<BTreeMap<String, super::LintLevel>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawLicenses {
    pub allow: Option<Vec<String>>,
    pub deny: Option<Vec<String>>,
    pub unknown: Option<String>,
    pub confidence_threshold: Option<f32>,
    pub include_dev: Option<bool>,
    pub include_build: Option<bool>,
    pub skip_unpublished: Option<bool>,
    pub include_workspace: Option<super::MemberAction>,
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
    pub definition: Option<String>,
    pub accept: Option<Vec<String>>,
    pub action: Option<String>,
    pub weaker_labels: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawException {
    pub artifact: String,
    #[serde(default)]
    pub allow: Vec<String>,
    pub reason: Option<String>,
    pub expires: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawModel {
    pub id: String,
    /// The project itself calls this model open source (in its docs, UI or
    /// marketing): hold that label to the policy.
    pub open_source: Option<bool>,
    pub revision: Option<String>,
    pub kind: Option<String>,
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
    pub min_confidence: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawHub {
    pub endpoint: Option<String>,
    pub timeout_secs: Option<u64>,
    pub concurrency: Option<usize>,
    pub retries: Option<u32>,
    pub unresolved: Option<String>,
}
