//! The JSON report, version 1: one document, stable within the major
//! version. Field names are the contract in DESIGN.md.

use super::Report;
use crate::domain::{ArtifactId, ArtifactKind, Claim, Evidence, Reference, Severity};
use serde::Serialize;

#[derive(Serialize)]
pub struct Doc<'a> {
    version: u32,
    tool: Tool,
    policy: PolicyInfo<'a>,
    summary: Summary,
    /// Each artifact's entry is made as it is written, and dropped: the
    /// document costs no memory per artifact beyond the report's own.
    artifacts: Lazy<'a>,
    findings: Findings<'a>,
    /// One per artifact, in the inventory's order: its status and the ids
    /// of its findings.
    verdicts: &'a [crate::evaluate::ArtifactVerdict],
    /// References found but not audited: ids built at run time, or found with
    /// less confidence than `[scan] min-confidence`.
    unaudited_references: &'a [crate::domain::LooseReference],
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct PolicyInfo<'a> {
    name: &'a str,
    open_source_definition: &'static str,
}

#[derive(Serialize)]
struct Summary {
    artifacts: usize,
    crates: usize,
    models: usize,
    errors: usize,
    warnings: usize,
    notes: usize,
}

#[derive(Serialize)]
struct LicenseOut {
    expression: String,
    ids: Vec<String>,
    evidence: Vec<Evidence>,
}

#[derive(Serialize)]
struct ArtifactOut<'a> {
    id: &'a ArtifactId,
    kind: ArtifactKind,
    name: &'a str,
    version: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    scope: crate::domain::Scope,
    license: LicenseOut,
    claims: &'a [Claim],
    references: &'a [Reference],
    path: &'a [crate::domain::SharedStr],
    /// What shipping the artifact requires (empty when the policy does not
    /// apply to it, or for the project's own crates).
    obligations: &'a [crate::evaluate::obligations::Applied],
}

fn relative_evidence(report: &Report<'_>, ev: &[Evidence]) -> Vec<Evidence> {
    ev.iter()
        .map(|e| {
            let mut e = e.clone();
            e.file = e.file.map(|f| report.show_path(&f).into());
            e
        })
        .collect()
}

fn claim_evidence(c: &Claim) -> Evidence {
    Evidence {
        source: crate::domain::EvidenceSource::Claim(c.by),
        file: Some(c.location.clone().into()),
        quote: Some(c.quote.clone().into()),
        note: c.note().into(),
        ..Evidence::default()
    }
}

/// A sequence written one entry at a time, each made as it is written.
struct Lazy<'a>(&'a Report<'a>);

impl Serialize for Lazy<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let report = self.0;
        s.collect_seq(report.artifacts.iter().map(|ra| {
            ArtifactOut {
                id: &ra.artifact.id,
                kind: ra.artifact.kind(),
                name: &ra.artifact.name,
                version: &ra.artifact.version,
                source: ra.artifact.source.as_deref(),
                scope: ra.artifact.scope,
                license: LicenseOut {
                    expression: ra.license.display(),
                    ids: ra.license.ids(),
                    evidence: relative_evidence(report, &ra.license.evidence),
                },
                claims: &ra.claims,
                references: &ra.artifact.references,
                path: &ra.artifact.path,
                obligations: report
                    .verdict
                    .obligations
                    .get(&ra.artifact.id)
                    .map(Vec::as_slice)
                    .unwrap_or(&[]),
            }
        }))
    }
}

/// The findings, each made as it is written.
struct Findings<'a>(&'a Report<'a>);

impl Serialize for Findings<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let report = self.0;
        s.collect_seq(report.verdict.findings.iter().map(|f| {
            let mut f = f.clone();
            // The claims a finding judged are evidence to a tool: listed
            // first, as `claim:<by>` entries.
            let mut evidence: Vec<Evidence> = f.claims.iter().map(claim_evidence).collect();
            evidence.extend(relative_evidence(report, &f.evidence));
            f.evidence = evidence;
            f
        }))
    }
}

/// The JSON report, to be written by [`super::escape::Output::json_stream`]
/// (or [`super::escape::to_json`]).
pub fn doc<'a>(report: &'a Report<'a>) -> Doc<'a> {
    Doc {
        version: 1,
        tool: Tool {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        },
        policy: PolicyInfo {
            name: &report.policy.name,
            open_source_definition: report.policy.definition.as_str(),
        },
        summary: Summary {
            artifacts: report.artifacts.len(),
            crates: report.count_kind(ArtifactKind::Crate),
            models: report.count_kind(ArtifactKind::Model)
                + report.count_kind(ArtifactKind::Dataset),
            errors: report.verdict.count(Severity::Error),
            warnings: report.verdict.count(Severity::Warning),
            notes: report.verdict.count(Severity::Note),
        },
        artifacts: Lazy(report),
        findings: Findings(report),
        verdicts: &report.verdict.verdicts,
        unaudited_references: report.loose,
    }
}

/// The JSON report as one text (tests; the command streams [`doc`]).
pub fn render(report: &Report<'_>) -> super::escape::Json {
    super::escape::to_json(&doc(report))
}
