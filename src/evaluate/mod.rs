//! The verdict: applies the policy to the resolved inventory and produces
//! findings. Pure: no I/O, and "today" is passed in so exception expiry is
//! testable. Severity is decided here and nowhere else.

pub mod lineage;
pub mod obligations;
pub mod openness;

use crate::catalog::Catalog;
use crate::domain::{
    ArtifactKind, Code, Evidence, Facts, Finding, ResolvedArtifact, Scope, Severity,
};
use crate::policy::{Action, Date, Policy, UnknownAction};
use crate::resolve::Resolved;

/// Findings, sorted: errors first, then by artifact and code.
#[derive(Debug, Default)]
pub struct Verdict {
    pub findings: Vec<Finding>,
    /// How many artifacts the policy was applied to.
    pub checked: usize,
    /// What shipping each artifact requires, by artifact id.
    pub obligations: std::collections::BTreeMap<String, Vec<obligations::Applied>>,
}

impl Verdict {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

fn finding(code: Code, severity: Severity, ra: &ResolvedArtifact, message: String) -> Finding {
    Finding {
        code,
        severity,
        artifact: ra.artifact.id.clone(),
        message,
        reasons: Vec::new(),
        evidence: ra.license.evidence.clone(),
        path: ra.artifact.path.clone(),
        help: None,
    }
}

/// Whether the policy applies to this artifact at all.
fn in_scope(ra: &ResolvedArtifact, policy: &Policy) -> bool {
    match ra.artifact.scope {
        Scope::Normal => true,
        Scope::Build => policy.include_build,
        Scope::Dev => policy.include_dev,
    }
}

pub fn evaluate(resolved: &Resolved, policy: &Policy, catalog: &Catalog, today: Date) -> Verdict {
    let mut verdict = Verdict::default();
    let mut used = vec![false; policy.exceptions.len()];
    let mut matched = vec![false; policy.exceptions.len()];
    let effective = lineage::effective(&resolved.artifacts, catalog);

    for ra in &resolved.artifacts {
        if !in_scope(ra, policy) {
            continue;
        }
        let a = &ra.artifact;
        if let Facts::Crate(facts) = &a.facts
            && policy.skip_unpublished
            && facts.workspace_member
            && facts.unpublished
        {
            verdict.findings.push(finding(
                Code::SkippedUnpublished,
                Severity::Note,
                ra,
                format!(
                    "{} is an unpublished workspace crate and was not checked",
                    a.display_name()
                ),
            ));
            continue;
        }
        verdict.checked += 1;

        if let (Some(details), Facts::Model(facts)) = (&ra.model, &a.facts) {
            if let Some(why) = &details.unresolved {
                let severity = match policy.hub.unresolved {
                    UnknownAction::Deny => Severity::Error,
                    UnknownAction::Warn => Severity::Warning,
                };
                let mut f = finding(
                    Code::ModelUnresolved,
                    severity,
                    ra,
                    format!("{} could not be resolved", a.name),
                );
                f.reasons.push(why.clone());
                f.help = Some(
                    "check the id and revision, the network and HF_TOKEN; offline, the Hugging Face cache or model-audit.lock must have it"
                        .to_owned(),
                );
                verdict.findings.push(f);
                continue;
            }
            if let Some(change) = &details.lock_change {
                let mut f = finding(
                    Code::LicenseChanged,
                    Severity::Error,
                    ra,
                    format!(
                        "the license of {} changed since model-audit.lock was written",
                        a.name
                    ),
                );
                f.reasons.push(format!(
                    "model-audit.lock recorded `{}` at commit {}; it is now `{}`",
                    change.old_license, change.old_sha, change.new_license
                ));
                f.help = Some(
                    "review the new license, then run without --locked to record it".to_owned(),
                );
                verdict.findings.push(f);
            }
            let pinned = facts
                .revision
                .as_deref()
                .is_some_and(crate::resolve::hub::is_commit);
            if !pinned && facts.derivative_of.is_none() {
                let mut f = finding(
                    Code::UnpinnedModel,
                    Severity::Note,
                    ra,
                    format!(
                        "{} is used at `{}`, which can move",
                        a.name,
                        facts.revision.as_deref().unwrap_or("main")
                    ),
                );
                f.evidence = Vec::new();
                if let Some(sha) = &details.sha {
                    f.help = Some(format!("pin it: revision = \"{sha}\""));
                }
                verdict.findings.push(f);
            }
        }

        // Every matching, unexpired exception applies.
        let mut active = Vec::new();
        for (i, e) in policy.exceptions.iter().enumerate() {
            if !e.matches(&a.name, &a.version) {
                continue;
            }
            matched[i] = true;
            if e.expires.is_some_and(|d| d < today) {
                continue;
            }
            active.push(i);
        }

        for s in &ra.stale_clarifications {
            let mut f = finding(
                Code::ClarificationStale,
                Severity::Warning,
                ra,
                format!("a clarification for {} no longer applies", a.display_name()),
            );
            f.reasons.push(s.note.clone());
            f.help = Some(
                "check the changed file, then update the sha256 in [[licenses.clarify]]".to_owned(),
            );
            verdict.findings.push(f);
        }

        let eff = effective.get(&a.id);
        let expression = match eff {
            Some(e) => e.expression.clone(),
            None => ra.license.expression.clone(),
        };
        if let Some(e) = eff {
            for (base, id, clause) in &e.conflicts {
                let mut f = finding(
                    Code::LineageConflict,
                    Severity::Error,
                    ra,
                    format!(
                        "{} declares `{}` but is derived from {base}, whose license `{id}` binds derivatives",
                        a.name,
                        ra.license.display()
                    ),
                );
                f.reasons.push(format!("derivatives-inherit: {clause}"));
                f.reasons.push(format!(
                    "the effective license is `{}`",
                    expression
                        .as_ref()
                        .map(|e| e.to_string())
                        .unwrap_or_default()
                ));
                let mut path = a.path.clone();
                path.push(base.clone());
                f.path = path;
                f.help = Some(format!(
                    "treat {} as licensed under `{id}` too, or use a base whose license allows relicensing",
                    a.name
                ));
                verdict.findings.push(f);
            }
        }

        let labels: Vec<&crate::domain::Claim> = ra
            .claims
            .iter()
            .filter(|c| c.label == crate::domain::Label::OpenSource || policy.enforce_weaker_labels)
            .collect();
        if !labels.is_empty() {
            let mut reasons =
                openness::license_failures(expression.as_ref(), &policy.definition, catalog);
            if policy.definition == crate::policy::Definition::Osaid && ra.model.is_some() {
                let components = openness::osaid_components(ra.model.as_ref());
                let missing = components.iter().any(|(_, met)| !met);
                if !reasons.is_empty() || missing {
                    reasons = reasons
                        .into_iter()
                        .map(|r| format!("parameters: {r}"))
                        .collect();
                    reasons.extend(components.into_iter().map(|(c, _)| c));
                }
            }
            if !reasons.is_empty() {
                let definition = match &policy.definition {
                    crate::policy::Definition::Osi => "the OSI's Open Source Definition",
                    crate::policy::Definition::Osaid => "the OSI's Open Source AI Definition",
                    crate::policy::Definition::Fsf => "the FSF's free-software definition",
                    crate::policy::Definition::List(_) => "the policy's open-source list",
                };
                let license_text = expression
                    .as_ref()
                    .map(|e| e.to_string())
                    .unwrap_or_else(|| "unknown".to_owned());
                let mut f = finding(
                    Code::OpenWashing,
                    if policy.washing == Action::Deny {
                        Severity::Error
                    } else {
                        Severity::Warning
                    },
                    ra,
                    format!(
                        "{} is labelled {} but its license `{license_text}` does not meet {definition}",
                        a.display_name(),
                        labels[0].label.as_str()
                    ),
                );
                f.reasons = reasons;
                let mut evidence: Vec<Evidence> = labels
                    .iter()
                    .map(|c| Evidence {
                        source: format!(
                            "claim:{}",
                            serde_json::to_value(c.by)
                                .ok()
                                .and_then(|v| v.as_str().map(str::to_owned))
                                .unwrap_or_default()
                        ),
                        file: Some(c.location.clone()),
                        quote: Some(c.quote.clone()),
                        note: format!("labelled {} by {}", c.label.as_str(), c.who),
                        ..Evidence::default()
                    })
                    .collect();
                evidence.extend(ra.license.evidence.iter().cloned());
                f.evidence = evidence;
                f.help = Some(
                    "the label does not change the terms: judge the artifact by its license, and correct the label where you control it"
                        .to_owned(),
                );
                verdict.findings.push(f);
            }
        }

        let Some(expr) = &expression else {
            let severity = match policy.unknown {
                UnknownAction::Deny => Severity::Error,
                UnknownAction::Warn => Severity::Warning,
            };
            let mut f = finding(
                Code::LicenseUnknown,
                severity,
                ra,
                format!(
                    "the license of {} could not be determined",
                    a.display_name()
                ),
            );
            f.reasons = ra.license.evidence.iter().map(|e| e.note.clone()).collect();
            f.help = Some(match a.kind {
                ArtifactKind::Crate => "add a [[licenses.clarify]] entry pinned to the crate's license file, or ask upstream to set `license` in Cargo.toml".to_owned(),
                _ => "declare the license with a reason in [[models]], or ask upstream to fill in the card".to_owned(),
            });
            verdict.findings.push(f);
            continue;
        };

        let denied = |req: &spdx::LicenseReq| policy.deny.iter().any(|d| d.satisfies(req));
        let result = expr.evaluate_with_failures(|req| {
            if denied(req) {
                return false;
            }
            if policy.allow.iter().any(|l| l.satisfies(req)) {
                return true;
            }
            let mut ok = false;
            for &i in &active {
                if policy.exceptions[i].allow.iter().any(|l| l.satisfies(req)) {
                    used[i] = true;
                    ok = true;
                }
            }
            ok
        });
        if let Err(failures) = result {
            let any_denied = failures.iter().any(|f| denied(&f.req));
            let ids: Vec<String> = failures.iter().map(|f| f.req.to_string()).collect();
            let (code, verb) = if any_denied {
                (Code::LicenseDenied, "denied by")
            } else {
                (Code::LicenseNotAllowed, "not in")
            };
            let mut f = finding(
                code,
                Severity::Error,
                ra,
                format!(
                    "{} is under `{expr}`, which the policy does not accept",
                    a.display_name()
                ),
            );
            for req in &failures {
                let reason = if denied(&req.req) {
                    format!("{} is {verb} [licenses] deny", req.req)
                } else {
                    format!("{} is not in [licenses] allow", req.req)
                };
                if !f.reasons.contains(&reason) {
                    f.reasons.push(reason);
                }
            }
            f.help = Some(format!(
                "if this is acceptable, add an [[exceptions]] entry: artifact = \"{}\", allow = [\"{}\"], reason = \"...\"",
                a.name,
                ids.first().cloned().unwrap_or_default()
            ));
            verdict.findings.push(f);
        }

        // Restrictions the license imposes, from the catalog, on the
        // licenses the expression cannot do without.
        let restricted = |req: &spdx::LicenseReq| -> Vec<(Action, String)> {
            let id = req.license.to_string();
            let Some(entry) = catalog.lookup(&id) else {
                return Vec::new();
            };
            entry
                .restrictions
                .iter()
                .filter_map(|r| {
                    let action = policy
                        .restrictions
                        .get(&r.class)
                        .copied()
                        .unwrap_or(Action::Allow);
                    (action != Action::Allow).then(|| {
                        (
                            action,
                            format!(
                                "{} ({}): {} <{}>",
                                r.class.as_str(),
                                entry.name,
                                r.summary,
                                r.source
                            ),
                        )
                    })
                })
                .collect()
        };
        if let Err(failures) = expr.evaluate_with_failures(|req| restricted(req).is_empty()) {
            let mut worst = Action::Allow;
            let mut reasons = Vec::new();
            for req in failures {
                for (action, reason) in restricted(&req.req) {
                    worst = worst.max(action);
                    if !reasons.contains(&reason) {
                        reasons.push(reason);
                    }
                }
            }
            let severity = if worst == Action::Deny {
                Severity::Error
            } else {
                Severity::Warning
            };
            let mut f = finding(
                Code::RestrictionDenied,
                severity,
                ra,
                format!(
                    "the license of {} imposes restrictions the policy does not accept",
                    a.display_name()
                ),
            );
            f.reasons = reasons;
            verdict.findings.push(f);
        }

        if let Some(ev) = &ra.mismatch {
            let mut f = finding(
                Code::LicenseMismatch,
                Severity::Warning,
                ra,
                format!(
                    "{} declares one license and ships the text of another",
                    a.display_name()
                ),
            );
            f.reasons.push(ev.note.clone());
            f.evidence.push(ev.clone());
            f.help = Some("check which license applies; a [[licenses.clarify]] entry pinned to the file settles it".to_owned());
            verdict.findings.push(f);
        }
    }

    for (i, e) in policy.exceptions.iter().enumerate() {
        let base = |code: Code, message: String| Finding {
            code,
            severity: Severity::Warning,
            artifact: e.artifact.clone(),
            message,
            reasons: vec![format!("reason given: {}", e.reason)],
            evidence: vec![Evidence {
                source: "config".to_owned(),
                file: Some(e.origin.clone()),
                note: format!("[[exceptions]] for `{}`", e.artifact),
                ..Evidence::default()
            }],
            path: Vec::new(),
            help: None,
        };
        if let Some(d) = e.expires.filter(|d| *d < today) {
            let mut f = base(
                Code::ExceptionExpired,
                format!(
                    "the exception for `{}` expired on {d} and no longer applies",
                    e.artifact
                ),
            );
            f.help = Some("review it and move `expires` forward, or remove it".to_owned());
            verdict.findings.push(f);
        } else if !used[i] {
            let why = if matched[i] {
                "matched but allowed nothing the policy did not already allow"
            } else {
                "matched no artifact"
            };
            let mut f = base(
                Code::ExceptionUnused,
                format!("the exception for `{}` {why}", e.artifact),
            );
            f.help = Some("remove the exception, or fix its `artifact` or `allow`".to_owned());
            verdict.findings.push(f);
        }
    }

    add_obligations(&mut verdict, resolved, &effective, policy, catalog);

    verdict.findings.sort_by(|a, b| {
        (std::cmp::Reverse(a.severity), &a.artifact, a.code).cmp(&(
            std::cmp::Reverse(b.severity),
            &b.artifact,
            b.code,
        ))
    });
    verdict
}

/// What shipping each artifact requires, and one `obligation` note per
/// license (see `obligations`).
fn add_obligations(
    verdict: &mut Verdict,
    resolved: &Resolved,
    effective: &std::collections::HashMap<String, lineage::Effective>,
    policy: &Policy,
    catalog: &Catalog,
) {
    verdict.obligations = obligations::all(&resolved.artifacts, effective, policy, catalog);
    let notes = obligations::notes(&resolved.artifacts, &verdict.obligations, catalog);
    verdict.findings.extend(notes);
}
