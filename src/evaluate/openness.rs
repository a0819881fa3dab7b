//! Whether a license meets the open-source definition a policy holds
//! labels to: the OSI's Open Source Definition, the FSF's free-software
//! list, the OSI's Open Source AI Definition, or an explicit list.

use super::finding;
use crate::catalog::{Catalog, RestrictionClass};
use crate::domain::{
    Claim, Code, Finding, Label, ModelDetails, Reason, ResolvedArtifact, Severity,
};
use crate::policy::{Action, Definition, Policy};

/// Restriction classes the Open Source Definition rules out: limits on
/// who may use the work (5), for what (6), or on commercial use, and terms
/// that can be taken back.
pub const OSD_FORBIDS: &[RestrictionClass] = &[
    RestrictionClass::UserCap,
    RestrictionClass::NoImprovingOtherModels,
    RestrictionClass::AcceptableUsePolicy,
    RestrictionClass::NonCommercial,
    RestrictionClass::ResearchOnly,
    RestrictionClass::FieldOfUse,
    RestrictionClass::Revocable,
    RestrictionClass::RegionalExclusion,
    RestrictionClass::NoDerivatives,
];

fn approved(req: &spdx::LicenseReq, definition: &Definition, catalog: &Catalog) -> bool {
    let id = req.license.to_string();
    match definition {
        Definition::List(accept) => accept.iter().any(|a| {
            crate::policy::parse_license_entry(a, catalog).is_some_and(|e| e.satisfies(req))
        }),
        Definition::Fsf => req.license.id().is_some_and(|l| l.is_fsf_free_libre()),
        Definition::Osi | Definition::Osaid => match req.license.id() {
            Some(l) => l.is_osi_approved(),
            None => catalog.lookup(&id).is_some_and(|e| e.osi_approved),
        },
    }
}

fn definition_name(definition: &Definition) -> &'static str {
    match definition {
        Definition::Osi | Definition::Osaid => "OSI-approved",
        Definition::Fsf => "on the FSF's free-software list",
        Definition::List(_) => "on the policy's [open-source] accept list",
    }
}

/// The claims the open-washing rule holds to the definition: "open source"
/// always; "open weights" / "open access" with `weaker-labels = "enforce"`;
/// implicit claims ("the best open-source model") with `implicit = "enforce"`.
pub fn enforced_claims<'a>(claims: &'a [Claim], policy: &Policy) -> Vec<&'a Claim> {
    claims
        .iter()
        .filter(|c| match c.label {
            Label::OpenSource => true,
            Label::OpenWeights | Label::OpenAccess => policy.enforce_weaker_labels,
            Label::Implicit => policy.enforce_implicit,
        })
        .collect()
}

/// The reasons a license fails the definition; empty when it meets it.
pub fn license_failures(
    expr: Option<&spdx::Expression>,
    definition: &Definition,
    catalog: &Catalog,
) -> Vec<String> {
    failure_reasons(expr, definition, catalog)
        .iter()
        .map(Reason::to_string)
        .collect()
}

/// [`license_failures`], typed: a license outside the definition is an
/// `open-washing` reason, a forbidden term a `restriction:<class>` one.
pub fn failure_reasons(
    expr: Option<&spdx::Expression>,
    definition: &Definition,
    catalog: &Catalog,
) -> Vec<Reason> {
    let Some(expr) = expr else {
        return vec![Reason::of(
            Code::OpenWashing,
            "the license is unknown, so it cannot be shown to meet the definition",
        )];
    };
    let forbidden = |req: &spdx::LicenseReq| -> Vec<Reason> {
        let Some(entry) = catalog.lookup(&req.license.to_string()) else {
            return Vec::new();
        };
        entry
            .restrictions
            .iter()
            .filter(|r| OSD_FORBIDS.contains(&r.class))
            .map(super::license::restriction_reason)
            .collect()
    };
    let result = expr.evaluate_with_failures(|req| {
        approved(req, definition, catalog) && forbidden(req).is_empty()
    });
    let Err(failures) = result else {
        return Vec::new();
    };
    let mut reasons = Vec::new();
    for f in failures {
        let id = f.req.license.to_string();
        if !approved(&f.req, definition, catalog) {
            let name = catalog
                .lookup(&id)
                .map(|e| format!(" ({})", e.name))
                .unwrap_or_default();
            let reason = Reason::of(
                Code::OpenWashing,
                format!("`{id}`{name} is not {}", definition_name(definition)),
            );
            if !reasons.contains(&reason) {
                reasons.push(reason);
            }
        }
        for r in forbidden(&f.req) {
            if !reasons.contains(&r) {
                reasons.push(r);
            }
        }
    }
    reasons
}

/// The definition's name, for a message.
fn definition_title(definition: &Definition) -> &'static str {
    match definition {
        Definition::Osi => "the OSI's Open Source Definition",
        Definition::Osaid => "the OSI's Open Source AI Definition",
        Definition::Fsf => "the FSF's free-software definition",
        Definition::List(_) => "the policy's open-source list",
    }
}

/// Something labels the artifact open source (or, with `weaker-labels =
/// "enforce"`, open weights or open access) and its effective license does
/// not meet the policy's definition. Under the OSAID a model must also make
/// its data information and code available.
pub fn open_washing(
    ra: &ResolvedArtifact,
    expression: Option<&spdx::Expression>,
    policy: &Policy,
    catalog: &Catalog,
) -> Option<Finding> {
    let labels = enforced_claims(&ra.claims, policy);
    let first = labels.first()?;
    let mut reasons = failure_reasons(expression, &policy.definition, catalog);
    if policy.definition == Definition::Osaid && ra.model.is_some() {
        let components = osaid_components(ra.model.as_deref());
        let missing = components.iter().any(|(_, met)| !met);
        if !reasons.is_empty() || missing {
            for r in &mut reasons {
                if matches!(r.tag, crate::domain::ReasonTag::Code(_)) {
                    r.text = format!("parameters: {}", r.text).into();
                }
            }
            reasons.extend(
                components
                    .into_iter()
                    .map(|(c, _)| Reason::of(Code::OpenWashing, c)),
            );
        }
    }
    if reasons.is_empty() {
        return None;
    }
    let license_text = expression
        .map(|e| e.to_string())
        .unwrap_or_else(|| "unknown".to_owned());
    let severity = if policy.washing == Action::Deny {
        Severity::Error
    } else {
        Severity::Warning
    };
    let mut f = finding(
        Code::OpenWashing,
        severity,
        ra,
        format!(
            "{} is labelled {} but its license `{license_text}` does not meet {}",
            ra.artifact.display_name(),
            first.label.as_str(),
            definition_title(&policy.definition)
        ),
    );
    f.reasons = reasons;
    f.claims = labels.into_iter().cloned().collect();
    f.help = Some(
        "the label does not change the terms: judge the artifact by its license, and correct the label where you control it"
            .into(),
    );
    Some(f)
}

/// One OSAID component and what the card and repository let us check.
pub fn osaid_components(details: Option<&ModelDetails>) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let card = details.map(|d| d.card());
    let datasets = card.map(|c| c.datasets.as_slice()).unwrap_or_default();
    if datasets.is_empty() {
        out.push((
            "data information: missing (the card names no training data in `datasets`)".to_owned(),
            false,
        ));
    } else {
        out.push((
            format!(
                "data information: met (the card names its data: {})",
                datasets.join(", ")
            ),
            true,
        ));
    }
    match card.and_then(|c| c.code_url.as_deref()) {
        Some(url) => out.push((
            format!("training and inference code: unverifiable (the card links {url}; its license is not checked)"),
            true,
        )),
        None => out.push((
            "training and inference code: missing (the card links no code repository)".to_owned(),
            false,
        )),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;
    use crate::domain::{ClaimBy, Label};

    type Want = Option<(Severity, Vec<&'static str>)>;

    fn verdict(ra: &ResolvedArtifact, config: &str) -> Option<(Severity, Vec<String>)> {
        let p = policy(config);
        open_washing(ra, ra.license.expression.as_deref(), &p, catalog()).map(|f| {
            (
                f.severity,
                f.reasons.iter().map(|r| r.tag.label()).collect(),
            )
        })
    }

    #[test]
    fn table() {
        let llama = labelled(
            model("meta-llama/Llama-2-7b-hf", "LicenseRef-llama2"),
            Label::OpenSource,
        );
        let weights = labelled(model("org/w", "LicenseRef-llama2"), Label::OpenWeights);
        let ranked = labelled(model("org/r", "CC-BY-NC-4.0"), Label::Implicit);
        let cases: Vec<(ResolvedArtifact, &str, Want)> = vec![
            (
                labelled(model("org/mit", "MIT"), Label::OpenSource),
                "",
                None,
            ),
            (model("org/unlabelled", "LicenseRef-llama2"), "", None),
            (
                llama.clone(),
                "",
                Some((
                    Severity::Error,
                    vec![
                        "open-washing",
                        "restriction:user-cap",
                        "restriction:no-improving-other-models",
                        "restriction:acceptable-use-policy",
                    ],
                )),
            ),
            (
                llama,
                "[open-source]\naction = \"warn\"",
                Some((
                    Severity::Warning,
                    vec![
                        "open-washing",
                        "restriction:user-cap",
                        "restriction:no-improving-other-models",
                        "restriction:acceptable-use-policy",
                    ],
                )),
            ),
            (weights.clone(), "", None),
            (
                weights,
                "[open-source]\nweaker-labels = \"enforce\"",
                Some((
                    Severity::Error,
                    vec![
                        "open-washing",
                        "restriction:user-cap",
                        "restriction:no-improving-other-models",
                        "restriction:acceptable-use-policy",
                    ],
                )),
            ),
            (ranked.clone(), "", None),
            (
                ranked,
                "[open-source]\nimplicit = \"enforce\"",
                Some((
                    Severity::Error,
                    vec!["open-washing", "restriction:non-commercial"],
                )),
            ),
            (
                labelled(unlicensed(model("org/x", "")), Label::OpenSource),
                "",
                Some((Severity::Error, vec!["open-washing"])),
            ),
            (
                labelled(model("org/gpl", "GPL-3.0-only"), Label::OpenSource),
                "[open-source]\ndefinition = \"list\"\naccept = [\"MIT\"]",
                Some((Severity::Error, vec!["open-washing"])),
            ),
            (
                labelled(model("org/mit", "MIT"), Label::OpenSource),
                "[open-source]\ndefinition = \"osaid\"",
                Some((Severity::Error, vec!["open-washing", "open-washing"])),
            ),
        ];
        for (ra, config, want) in cases {
            let want = want.map(|(s, tags)| (s, tags.into_iter().map(str::to_owned).collect()));
            assert_eq!(
                verdict(&ra, config),
                want,
                "{} under {config:?}",
                ra.artifact.id
            );
        }
    }

    #[test]
    fn the_finding_carries_the_claims_it_judged() {
        let ra = labelled(model("org/nc", "CC-BY-NC-4.0"), Label::OpenSource);
        let f = open_washing(
            &ra,
            ra.license.expression.as_deref(),
            &policy(""),
            catalog(),
        )
        .unwrap();
        assert_eq!(f.claims.len(), 1);
        assert_eq!(f.claims[0].by, ClaimBy::Card);
        assert!(f.message.contains("labelled open source"), "{}", f.message);
    }
}
