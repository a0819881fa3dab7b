//! Rules on an artifact's license: unknown, allowed or denied, the
//! restrictions its terms impose, a declared license its own text
//! contradicts, and clarifications that no longer apply. Also the note for
//! `[licenses] allow` entries that matched nothing.

use super::exceptions::Usage;
use super::finding;
use crate::catalog::Catalog;
use crate::domain::{
    ArtifactKind, Code, Evidence, Finding, Reason, ReasonTag, ResolvedArtifact, Severity,
};
use crate::policy::{Action, Policy, UnknownAction};

/// No license could be determined. Never a pass: an error, or a warning
/// with `unknown = "warn"`.
pub fn unknown(
    ra: &ResolvedArtifact,
    expression: Option<&spdx::Expression>,
    policy: &Policy,
) -> Option<Finding> {
    if expression.is_some() {
        return None;
    }
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
            ra.artifact.display_name()
        ),
    );
    f.reasons = ra
        .license
        .evidence
        .iter()
        .map(|e| Reason::of(Code::LicenseUnknown, e.note.clone()))
        .collect();
    f.help = Some(match ra.artifact.kind() {
        ArtifactKind::Crate => "add a [[licenses.clarify]] entry pinned to the crate's license file, or ask upstream to set `license` in Cargo.toml".into(),
        _ => "declare the license with a reason in [[models]], or ask upstream to fill in the card".into(),
    });
    Some(f)
}

/// The expression must be satisfiable with licenses the policy allows (or an
/// active exception allows for this artifact), none of them denied.
/// `active` are the indexes of the exceptions that apply to the artifact.
pub fn allow_deny(
    ra: &ResolvedArtifact,
    expr: &spdx::Expression,
    policy: &Policy,
    active: &[usize],
    usage: &mut Usage,
) -> Option<Finding> {
    let denied = |req: &spdx::LicenseReq| policy.deny.iter().any(|d| d.satisfies(req));
    let result = expr.evaluate_with_failures(|req| {
        if denied(req) {
            return false;
        }
        let mut ok = false;
        for (i, l) in policy.allow.iter().enumerate() {
            if l.satisfies(req) {
                usage.allow_used[i] = true;
                ok = true;
            }
        }
        if ok {
            return true;
        }
        for &i in active {
            if policy.exceptions[i].allow.iter().any(|l| l.satisfies(req)) {
                usage.used[i] = true;
                ok = true;
            }
        }
        ok
    });
    let failures = result.err()?;
    let any_denied = failures.iter().any(|f| denied(&f.req));
    let code = if any_denied {
        Code::LicenseDenied
    } else {
        Code::LicenseNotAllowed
    };
    let name = ra.artifact.display_name();
    let mut f = finding(
        code,
        Severity::Error,
        ra,
        format!("{name} is under `{expr}`, which the policy does not accept"),
    );
    for req in &failures {
        let reason = if denied(&req.req) {
            Reason::new(
                ReasonTag::Denied,
                format!("{} is denied by [licenses] deny", req.req),
            )
        } else {
            Reason::new(
                ReasonTag::NotAllowed,
                format!("{} is not in [licenses] allow", req.req),
            )
        };
        if !f.reasons.contains(&reason) {
            f.reasons.push(reason);
        }
    }
    let first = failures
        .first()
        .map(|f| f.req.to_string())
        .unwrap_or_default();
    f.help = Some(format!(
        "if this is acceptable, add an [[exceptions]] entry: artifact = \"{}\", allow = [\"{first}\"], reason = \"...\"",
        ra.artifact.name
    ).into());
    Some(f)
}

/// The restrictions (from the catalog) that one license imposes and the
/// policy does not allow, with the policy's action for each.
fn restricted(req: &spdx::LicenseReq, policy: &Policy, catalog: &Catalog) -> Vec<(Action, Reason)> {
    let Some(entry) = catalog.lookup(&req.license.to_string()) else {
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
            (action != Action::Allow).then(|| (action, restriction_reason(r)))
        })
        .collect()
}

/// One restriction as a reason: the same text whichever rule found it, so a
/// diagnostic shows it once.
pub fn restriction_reason(r: &crate::catalog::Restriction) -> Reason {
    Reason::new(
        ReasonTag::Restriction(r.class.as_str()),
        format!("{} <{}>", r.summary, r.source),
    )
}

/// Restrictions of the licenses the expression cannot do without, that
/// `[restrictions]` denies (an error) or warns about.
pub fn restrictions(
    ra: &ResolvedArtifact,
    expr: &spdx::Expression,
    policy: &Policy,
    catalog: &Catalog,
) -> Option<Finding> {
    let failures = expr
        .evaluate_with_failures(|req| restricted(req, policy, catalog).is_empty())
        .err()?;
    let mut worst = Action::Allow;
    let mut reasons = Vec::new();
    for req in failures {
        for (action, reason) in restricted(&req.req, policy, catalog) {
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
            ra.artifact.display_name()
        ),
    );
    f.reasons = reasons;
    Some(f)
}

/// The declared license and the shipped license text disagree.
pub fn mismatch(ra: &ResolvedArtifact) -> Option<Finding> {
    let ev = ra.mismatch.as_ref()?;
    let mut f = finding(
        Code::LicenseMismatch,
        Severity::Warning,
        ra,
        format!(
            "{} declares one license and ships the text of another",
            ra.artifact.display_name()
        ),
    );
    f.reasons
        .push(Reason::of(Code::LicenseMismatch, ev.note.clone()));
    f.evidence.push((**ev).clone());
    f.help = Some(
        "check which license applies; a [[licenses.clarify]] entry pinned to the file settles it"
            .into(),
    );
    Some(f)
}

/// Clarifications for this artifact whose pinned file changed.
pub fn stale_clarifications(ra: &ResolvedArtifact) -> Vec<Finding> {
    ra.stale_clarifications
        .iter()
        .map(|s| {
            let mut f = finding(
                Code::ClarificationStale,
                Severity::Warning,
                ra,
                format!(
                    "a clarification for {} no longer applies",
                    ra.artifact.display_name()
                ),
            );
            f.reasons
                .push(Reason::of(Code::ClarificationStale, s.note.clone()));
            f.help = Some(
                "check the changed file, then update the sha256 in [[licenses.clarify]]".into(),
            );
            f
        })
        .collect()
}

/// `[licenses] allow` entries of the project's own config that allowed no
/// judged artifact: a note, so allow lists stay short. A preset's list is
/// broad on purpose and is not reported.
pub fn unused_allow(policy: &Policy, usage: &Usage) -> Vec<Finding> {
    let Some(origin) = &policy.allow_origin else {
        return Vec::new();
    };
    // A set (`osi-approved`) is many entries written once: used if any is.
    let used: std::collections::BTreeSet<usize> = policy
        .allow
        .iter()
        .zip(&usage.allow_used)
        .filter(|(_, used)| **used)
        .map(|(entry, _)| entry.index)
        .collect();
    let mut reported = std::collections::BTreeSet::new();
    policy
        .allow
        .iter()
        .filter(|entry| !used.contains(&entry.index) && reported.insert(entry.index))
        .map(|entry| Finding {
            id: Default::default(),
            code: Code::AllowUnused,
            severity: Severity::Note,
            artifact: entry.written.clone().into(),
            message: format!(
                "`{}` in [licenses] allow matched no artifact",
                entry.written
            ),
            reasons: Vec::new(),
            claims: Vec::new(),
            evidence: vec![Evidence {
                source: crate::domain::EvidenceSource::Config,
                file: Some(origin.clone().into()),
                line: entry.span.as_ref().map(|s| s.line),
                note: format!("[licenses] allow has `{}`", entry.written).into(),
                ..Evidence::default()
            }],
            path: Vec::new(),
            help: Some("remove it from the list, or keep it on purpose".into()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;

    /// Runs the license rules on one artifact: `severity code: reasons`.
    fn judge(ra: &ResolvedArtifact, config: &str) -> Vec<String> {
        let p = policy(config);
        let mut usage = Usage::new(&p);
        let active = usage.activate(&ra.artifact, &p, today());
        let mut out = Vec::new();
        match &ra.license.expression {
            None => out.extend(unknown(ra, None, &p)),
            Some(expr) => {
                out.extend(allow_deny(ra, expr, &p, &active, &mut usage));
                out.extend(restrictions(ra, expr, &p, catalog()));
                out.extend(mismatch(ra));
            }
        }
        out.iter()
            .map(|f| {
                let reasons: Vec<String> = f
                    .reasons
                    .iter()
                    .map(|r| format!("{} {}", r.tag.label(), r.text.split(' ').next().unwrap()))
                    .collect();
                format!("{} {}: {}", f.severity.as_str(), f.code, reasons.join("; "))
            })
            .collect()
    }

    #[test]
    fn table() {
        const ALLOW_MIT: &str = "[licenses]\nallow = [\"MIT\"]";
        let cases: Vec<(ResolvedArtifact, &str, Vec<&str>)> = vec![
            (krate("a", "MIT"), ALLOW_MIT, vec![]),
            (krate("a", "MIT OR GPL-3.0-only"), ALLOW_MIT, vec![]),
            (
                krate("a", "MIT AND Zlib"),
                ALLOW_MIT,
                vec!["error license-not-allowed: not-allowed Zlib"],
            ),
            (
                krate("a", "MIT"),
                "[licenses]\nallow = [\"MIT\"]\ndeny = [\"MIT\"]",
                vec!["error license-denied: denied MIT"],
            ),
            (
                krate("a", "Zlib"),
                "[licenses]\nallow = [\"MIT\"]\n[[exceptions]]\nartifact = \"a\"\nallow = [\"Zlib\"]\nreason = \"ok\"",
                vec![],
            ),
            (
                krate("a", "Zlib"),
                "[licenses]\nallow = [\"MIT\"]\n[[exceptions]]\nartifact = \"a\"\nallow = [\"Zlib\"]\nreason = \"old\"\nexpires = \"2020-01-01\"",
                vec!["error license-not-allowed: not-allowed Zlib"],
            ),
            (
                unlicensed(krate("a", "")),
                ALLOW_MIT,
                vec!["error license-unknown: license-unknown no"],
            ),
            (
                unlicensed(krate("a", "")),
                "[licenses]\nunknown = \"warn\"",
                vec!["warning license-unknown: license-unknown no"],
            ),
            (
                krate("a", "CC-BY-NC-4.0"),
                "[licenses]\nallow = [\"CC-BY-NC-4.0\"]\n[restrictions]\nnon-commercial = \"deny\"",
                vec!["error restriction-denied: restriction:non-commercial The"],
            ),
            (
                krate("a", "CC-BY-NC-4.0"),
                "[licenses]\nallow = [\"CC-BY-NC-4.0\"]\n[restrictions]\nnon-commercial = \"warn\"",
                vec!["warning restriction-denied: restriction:non-commercial The"],
            ),
            (
                krate("a", "CC-BY-NC-4.0 OR MIT"),
                "[licenses]\nallow = [\"CC-BY-NC-4.0\", \"MIT\"]\n[restrictions]\nnon-commercial = \"deny\"",
                vec![],
            ),
            (
                model("meta-llama/Llama-2-7b-hf", "LicenseRef-llama2"),
                "extends = \"osi\"",
                vec![
                    "error license-not-allowed: not-allowed LicenseRef-llama2",
                    "error restriction-denied: restriction:user-cap A; restriction:no-improving-other-models Llama; restriction:acceptable-use-policy Use; restriction:derivatives-inherit Derivative",
                ],
            ),
        ];
        for (ra, config, want) in cases {
            assert_eq!(
                judge(&ra, config),
                want,
                "{} under {config:?}",
                ra.artifact.id
            );
        }
    }

    #[test]
    fn a_mismatch_is_a_warning_with_its_evidence() {
        let mut ra = krate("a", "MIT");
        ra.mismatch = Some(Box::new(Evidence {
            source: crate::domain::EvidenceSource::LicenseFile,
            note: "LICENSE is the text of Apache-2.0".to_owned().into(),
            ..Evidence::default()
        }));
        let f = mismatch(&ra).unwrap();
        assert_eq!(f.severity, Severity::Warning);
        assert_eq!(f.reasons[0].text, "LICENSE is the text of Apache-2.0");
        assert!(
            f.evidence
                .iter()
                .any(|e| e.source == crate::domain::EvidenceSource::LicenseFile)
        );
        assert!(mismatch(&krate("a", "MIT")).is_none());
    }

    #[test]
    fn stale_clarifications_are_warnings() {
        let mut ra = krate("a", "MIT");
        ra.stale_clarifications.push(Evidence {
            note: "LICENSE changed".to_owned().into(),
            ..Evidence::default()
        });
        let fs = stale_clarifications(&ra);
        assert_eq!(fs.len(), 1);
        assert_eq!(fs[0].code, Code::ClarificationStale);
    }

    #[test]
    fn unused_allow_entries_of_the_project_are_notes() {
        let mut p = policy("[licenses]\nallow = [\"MIT\", \"Zlib\"]");
        p.allow_origin = Some("model-audit.toml".to_owned());
        let ra = krate("a", "MIT");
        let mut usage = Usage::new(&p);
        let expr = ra.license.expression.clone().unwrap();
        assert!(allow_deny(&ra, &expr, &p, &[], &mut usage).is_none());
        let notes = unused_allow(&p, &usage);
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].artifact, "Zlib");
        assert_eq!(notes[0].severity, Severity::Note);
        // A preset's allow list is not the project's to trim.
        p.allow_origin = None;
        assert!(unused_allow(&p, &usage).is_empty());
    }
}
