//! Whether a license meets the open-source definition a policy holds
//! labels to: the OSI's Open Source Definition, the FSF's free-software
//! list, the OSI's Open Source AI Definition, or an explicit list.

use crate::catalog::{Catalog, RestrictionClass};
use crate::domain::{Claim, Label, ModelDetails};
use crate::policy::{Definition, Policy};

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

/// The evidence note of a claim: who labelled the artifact, and for a
/// sentence what it labels and the words that did it.
pub fn claim_note(c: &Claim) -> String {
    let mut note = format!("labelled {} by {}", c.label.as_str(), c.who);
    if let (Some(subject), Some(phrase)) = (&c.subject, &c.phrase) {
        note.push_str(&format!(
            "; the subject is \"{subject}\", the words \"{phrase}\""
        ));
    }
    note
}

/// The reasons a license fails the definition; empty when it meets it.
pub fn license_failures(
    expr: Option<&spdx::Expression>,
    definition: &Definition,
    catalog: &Catalog,
) -> Vec<String> {
    let Some(expr) = expr else {
        return vec![
            "the license is unknown, so it cannot be shown to meet the definition".to_owned(),
        ];
    };
    let forbidden = |req: &spdx::LicenseReq| -> Vec<String> {
        let Some(entry) = catalog.lookup(&req.license.to_string()) else {
            return Vec::new();
        };
        entry
            .restrictions
            .iter()
            .filter(|r| OSD_FORBIDS.contains(&r.class))
            .map(|r| format!("{}: {} ({})", r.class.as_str(), r.summary, r.source))
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
            let reason = format!("`{id}`{name} is not {}", definition_name(definition));
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

/// One OSAID component and what the card and repository let us check.
pub fn osaid_components(details: Option<&ModelDetails>) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let data = details.map(|d| &d.card_data);
    let datasets = crate::resolve::card::list(data.and_then(|d| d.get("datasets")));
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
    let body = details.and_then(|d| d.card_body.as_deref()).unwrap_or("");
    let code = [
        "https://github.com/",
        "https://gitlab.com/",
        "https://codeberg.org/",
    ]
    .iter()
    .filter_map(|host| {
        body.find(host).map(|at| {
            body[at..]
                .split(|c: char| c.is_whitespace() || matches!(c, ')' | ']' | '>' | '"' | '\''))
                .next()
                .unwrap_or("")
                .to_owned()
        })
    })
    .next();
    match code {
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
