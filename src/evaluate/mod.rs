//! The verdict: applies the policy to the resolved inventory and produces
//! findings. Pure: no I/O, and "today" is passed in so exception expiry is
//! testable. Severity is decided here and nowhere else.
//!
//! Each rule is a small function from one resolved artifact (and the policy)
//! to findings, in its own module with a table of cases beside it:
//! [`scope`] (what is judged at all), [`model`] (unresolved models, lock
//! drift, unpinned revisions), [`license`] (unknown, allow/deny,
//! restrictions, mismatches, stale clarifications), [`openness`]
//! (open-washing), [`lineage`] (licenses that bind derivatives) and
//! [`exceptions`]. [`lints`] applies the lint levels, and [`project`] then
//! reports what the audited project weakens in the user's policy.

pub mod exceptions;
pub mod license;
pub mod lineage;
pub mod lints;
pub mod model;
pub mod obligations;
pub mod openness;
pub mod project;
pub mod scope;
#[cfg(test)]
pub(crate) mod testkit;

use crate::catalog::Catalog;
use crate::domain::{ArtifactId, Code, Finding, ResolvedArtifact, Severity};
use crate::policy::{Date, Policy};
use crate::resolve::Resolved;
use serde::Serialize;

/// What the policy made of one artifact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Not judged: out of the policy's scope (see [`scope::Skip`]).
    Skipped,
    /// Judged, and nothing worse than a note.
    Ok,
    Warning,
    Error,
}

/// One artifact's verdict: its status and the ids of its findings.
#[derive(Debug, Clone, Serialize)]
pub struct ArtifactVerdict {
    pub artifact: ArtifactId,
    pub status: Status,
    /// Why the artifact was not judged, for `skipped`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skipped: Option<scope::Skip>,
    pub findings: Vec<crate::domain::SharedStr>,
}

/// An artifact the policy did not judge, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub artifact: ArtifactId,
    /// `name@version` or the model id, as people write it.
    pub name: String,
    pub why: scope::Skip,
}

/// Findings, sorted: errors first, then by artifact and code; and one
/// verdict per artifact, in the inventory's order.
#[derive(Debug, Default)]
pub struct Verdict {
    pub findings: Vec<Finding>,
    /// How many artifacts the policy was applied to.
    pub checked: usize,
    pub skipped: Vec<Skipped>,
    pub verdicts: Vec<ArtifactVerdict>,
    /// What shipping each artifact requires, by artifact id.
    pub obligations: std::collections::BTreeMap<ArtifactId, Vec<obligations::Applied>>,
}

impl Verdict {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// The `obligation` notes: one per license, rendered as a block of
    /// their own after the per-artifact diagnostics.
    pub fn obligation_notes(&self) -> Vec<&Finding> {
        self.findings
            .iter()
            .filter(|f| f.code == Code::Obligation)
            .collect()
    }
}

/// A finding on an artifact, with its license evidence and inclusion path.
pub(crate) fn finding(
    code: Code,
    severity: Severity,
    ra: &ResolvedArtifact,
    message: String,
) -> Finding {
    Finding {
        id: Default::default(),
        code,
        severity,
        artifact: ra.artifact.id.shared(),
        message,
        reasons: Vec::new(),
        claims: Vec::new(),
        evidence: ra.license.evidence.clone(),
        path: ra.artifact.path.clone(),
        help: None,
    }
}

/// What every rule may read besides the artifact.
pub struct Context<'a> {
    pub policy: &'a Policy,
    pub catalog: &'a Catalog,
    pub today: Date,
}

/// The rules for one dependency, in order. `usage` records which
/// exceptions and allow entries matched and which allowed something.
fn judge(
    ra: &ResolvedArtifact,
    cx: &Context<'_>,
    effective: Option<&lineage::Effective>,
    usage: &mut exceptions::Usage,
    out: &mut Vec<Finding>,
) {
    let policy = cx.policy;
    if let Some(f) = model::unresolved(ra, policy) {
        out.push(f);
        return;
    }
    out.extend(model::lock_drift(ra));
    out.extend(model::unpinned(ra));
    let active = usage.activate(&ra.artifact, policy, cx.today);
    out.extend(license::stale_clarifications(ra));
    let expression = match effective {
        Some(e) => e.expression.as_ref(),
        None => ra.license.expression.as_deref(),
    };
    if let Some(e) = effective {
        out.extend(lineage::conflicts(ra, e, expression));
    }
    out.extend(openness::open_washing(ra, expression, policy, cx.catalog));
    let Some(expr) = expression else {
        out.extend(license::unknown(ra, None, policy));
        return;
    };
    out.extend(license::allow_deny(ra, expr, policy, &active, usage));
    out.extend(license::restrictions(ra, expr, policy, cx.catalog));
    out.extend(license::mismatch(ra));
}

/// Judges every artifact. `graph` is every crate `(name, version)` in
/// cargo's graph, selected or not: an exception for a crate outside this
/// run's selection is not "unused".
pub fn evaluate(
    resolved: &Resolved,
    graph: &[(String, String)],
    policy: &Policy,
    catalog: &Catalog,
    today: Date,
) -> Verdict {
    let cx = Context {
        policy,
        catalog,
        today,
    };
    let mut verdict = Verdict::default();
    let mut usage = exceptions::Usage::new(policy);
    let effective = lineage::effective(&resolved.artifacts, catalog);
    // Most artifacts have a finding or none: room for one each, rather than
    // a list that doubles (and is copied) as it grows.
    verdict.findings.reserve(resolved.artifacts.len());
    // Why each artifact, in order, was skipped, if it was.
    let mut skips = Vec::with_capacity(resolved.artifacts.len());

    for ra in &resolved.artifacts {
        let first = verdict.findings.len();
        match scope::judged(ra, policy) {
            scope::Judged::Skip(why, note) => {
                verdict.findings.extend(note);
                skips.push(Some(why));
                verdict.skipped.push(Skipped {
                    artifact: ra.artifact.id.clone(),
                    name: ra.artifact.display_name(),
                    why,
                });
                continue;
            }
            scope::Judged::Member(findings) => {
                verdict.findings.extend(findings);
                verdict.findings.extend(openness::open_washing(
                    ra,
                    ra.license.expression.as_deref(),
                    policy,
                    catalog,
                ));
            }
            scope::Judged::Dependency => judge(
                ra,
                &cx,
                effective.get(&ra.artifact.id),
                &mut usage,
                &mut verdict.findings,
            ),
        }
        // A finding lives until the report is written: no spare room in
        // its lists (a first push leaves room for four).
        for f in &mut verdict.findings[first..] {
            f.reasons.shrink_to_fit();
            f.evidence.shrink_to_fit();
            f.path.shrink_to_fit();
        }
        verdict.checked += 1;
        skips.push(None);
    }
    verdict
        .findings
        .extend(usage.findings(policy, graph, today));
    verdict
        .findings
        .extend(license::unused_allow(policy, &usage));
    add_obligations(&mut verdict, resolved, &effective, policy, catalog);
    verdict.findings.extend(not_scanned(resolved));
    lints::apply(&policy.lints, &mut verdict.findings);
    verdict.findings.extend(project::relaxations(policy));

    sort_findings(&mut verdict.findings);
    let order = by_artifact(&verdict.findings);
    assign_ids(&mut verdict.findings, &order);
    let findings = &verdict.findings;
    // An artifact listed twice has its findings under the first.
    let mut taken = vec![false; order.len()];
    let verdicts = skips
        .into_iter()
        .zip(&resolved.artifacts)
        .map(|(skipped, ra)| {
            let artifact = ra.artifact.id.clone();
            let start =
                order.partition_point(|&i| findings[i].artifact.as_str() < artifact.as_str());
            let len = order[start..].partition_point(|&i| findings[i].artifact == artifact);
            let mine: &[usize] = match taken.get_mut(start) {
                Some(t) if len > 0 && !*t => {
                    *t = true;
                    &order[start..start + len]
                }
                _ => &[],
            };
            let mine: Vec<&Finding> = mine.iter().map(|&i| &findings[i]).collect();
            let status = match (skipped, mine.iter().map(|f| f.severity).max()) {
                (Some(_), _) => Status::Skipped,
                (None, Some(Severity::Error)) => Status::Error,
                (None, Some(Severity::Warning)) => Status::Warning,
                (None, _) => Status::Ok,
            };
            ArtifactVerdict {
                artifact,
                status,
                skipped,
                findings: mine.iter().map(|f| f.id.clone()).collect(),
            }
        })
        .collect();
    verdict.verdicts = verdicts;
    verdict
}

/// One `file-not-scanned` warning for each source file that discovery could
/// not read in a package that reaches the Hub: what was not read may name a
/// model, so it is never passed in silence.
fn not_scanned(resolved: &Resolved) -> Vec<Finding> {
    resolved
        .loose
        .iter()
        .filter(|l| l.hub && l.reference.kind == crate::domain::ReferenceKind::Unparsable)
        .map(|l| {
            let krate = l.reference.krate.clone().unwrap_or_default();
            let owner = resolved.artifacts.iter().find(|ra| {
                matches!(ra.artifact.facts, crate::domain::Facts::Crate(_))
                    && format!("{}@{}", ra.artifact.name, ra.artifact.version) == krate
            });
            let file = l.reference.file.clone().unwrap_or_default();
            Finding {
                id: Default::default(),
                code: Code::FileNotScanned,
                severity: Severity::Warning,
                artifact: owner.map_or(krate.clone(), |ra| ra.artifact.id.shared()),
                message: format!("{file} was not scanned: {}", l.why),
                reasons: Vec::new(),
                claims: Vec::new(),
                evidence: vec![crate::domain::Evidence {
                    source: crate::domain::EvidenceSource::SourceFile,
                    file: Some(file),
                    line: None,
                    url: None,
                    score: None,
                    ..Default::default()
                }],
                path: owner.map(|ra| ra.artifact.path.clone()).unwrap_or_default(),
                help: Some(Code::FileNotScanned.help().into()),
            }
        })
        .collect()
}

/// What shipping each artifact requires, and one `obligation` note per
/// license (see `obligations`).
fn add_obligations(
    verdict: &mut Verdict,
    resolved: &Resolved,
    effective: &std::collections::HashMap<ArtifactId, lineage::Effective>,
    policy: &Policy,
    catalog: &Catalog,
) {
    verdict.obligations = obligations::all(&resolved.artifacts, effective, policy, catalog);
    let notes = obligations::notes(&resolved.artifacts, &verdict.obligations, catalog);
    verdict.findings.extend(notes);
}

/// Sorts the findings, errors first, then by artifact and code, keeping the
/// order of equal ones. The sort moves indices, then the findings once, in
/// place: a stable sort of the findings themselves would take a buffer of
/// half of them.
fn sort_findings(findings: &mut [Finding]) {
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&findings[a], &findings[b]);
        (std::cmp::Reverse(a.severity), &a.artifact, a.code).cmp(&(
            std::cmp::Reverse(b.severity),
            &b.artifact,
            b.code,
        ))
    });
    // Position `k` takes the finding at `order[k]`: each cycle of the
    // permutation is followed once, and marked done as it goes.
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != start {
            let from = order[at];
            findings.swap(at, from);
            order[at] = at;
            at = from;
        }
        order[at] = at;
    }
}

/// The findings' indices grouped by artifact, each group in the findings'
/// order: a finding's artifact is found by binary search, with no map of
/// every artifact.
fn by_artifact(findings: &[Finding]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..findings.len()).collect();
    // Stable: within an artifact, the findings keep their order.
    order.sort_by(|&a, &b| findings[a].artifact.cmp(&findings[b].artifact));
    order
}

/// `<artifact>#<code>`, numbered from the second finding of the same code
/// on the same artifact, in the findings' order. `order` is
/// [`by_artifact`]'s.
fn assign_ids(findings: &mut [Finding], order: &[usize]) {
    let mut seen: std::collections::HashMap<Code, u32> = std::collections::HashMap::new();
    for (k, &i) in order.iter().enumerate() {
        if k > 0 && findings[order[k - 1]].artifact != findings[i].artifact {
            seen.clear();
        }
        let n = seen.entry(findings[i].code).or_insert(0);
        *n += 1;
        let f = &mut findings[i];
        f.id = match *n {
            1 => format!("{}#{}", f.artifact, f.code).into(),
            n => format!("{}#{}-{n}", f.artifact, f.code).into(),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::testkit::*;
    use super::*;

    #[test]
    fn findings_sort_errors_first_then_by_artifact_and_code_keeping_ties_in_order() {
        let f = |severity, artifact: &str, code, message: &str| Finding {
            id: Default::default(),
            code,
            severity,
            artifact: artifact.into(),
            message: message.to_owned(),
            reasons: Vec::new(),
            claims: Vec::new(),
            evidence: Vec::new(),
            path: Vec::new(),
            help: None,
        };
        let mut findings = vec![
            f(Severity::Warning, "b", Code::LicenseUnknown, "1"),
            f(Severity::Error, "b", Code::LicenseDenied, "2"),
            f(Severity::Error, "a", Code::LicenseDenied, "3"),
            f(Severity::Warning, "a", Code::LicenseUnknown, "4"),
            f(Severity::Error, "b", Code::LicenseDenied, "5"),
            f(Severity::Note, "a", Code::Obligation, "6"),
            f(Severity::Error, "a", Code::LicenseDenied, "7"),
        ];
        sort_findings(&mut findings);
        let order: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(order, ["3", "7", "2", "5", "4", "1", "6"]);
    }

    #[test]
    fn one_verdict_per_artifact_with_its_finding_ids() {
        let resolved = resolved(vec![
            krate("ok-crate", "MIT"),
            krate("nc", "CC-BY-NC-4.0"),
            dev(krate("harness", "MIT")),
        ]);
        let v = evaluate(
            &resolved,
            &[],
            &policy("extends = \"osi\""),
            catalog(),
            today(),
        );
        let statuses: Vec<(&str, Status, usize)> = v
            .verdicts
            .iter()
            .map(|a| (a.artifact.as_str(), a.status, a.findings.len()))
            .collect();
        assert_eq!(
            statuses,
            vec![
                ("crate:ok-crate@1.0.0", Status::Ok, 0),
                ("crate:nc@1.0.0", Status::Error, 2),
                ("crate:harness@1.0.0", Status::Skipped, 0),
            ]
        );
        assert_eq!(
            v.verdicts[1].findings,
            vec![
                "crate:nc@1.0.0#license-not-allowed",
                "crate:nc@1.0.0#restriction-denied"
            ]
        );
        assert_eq!(v.checked, 2);
        assert_eq!(v.skipped[0].name, "harness@1.0.0");
    }

    #[test]
    fn ids_are_unique() {
        let mut fs = vec![
            finding(
                Code::LineageConflict,
                Severity::Error,
                &krate("a", "MIT"),
                String::new(),
            ),
            finding(
                Code::LineageConflict,
                Severity::Error,
                &krate("a", "MIT"),
                String::new(),
            ),
        ];
        let order = by_artifact(&fs);
        assign_ids(&mut fs, &order);
        assert_eq!(fs[0].id, "crate:a@1.0.0#lineage-conflict");
        assert_eq!(fs[1].id, "crate:a@1.0.0#lineage-conflict-2");
    }
}
