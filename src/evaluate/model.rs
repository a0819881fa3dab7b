//! Rules that only models have: one that could not be resolved (its
//! license is unknown, and a retry may help), one whose license changed
//! since `model-audit.lock` recorded it, and one used at a revision that can
//! move.

use super::finding;
use crate::domain::{Code, Facts, Finding, Reason, ResolvedArtifact, Severity};
use crate::policy::{Policy, UnknownAction};

/// A model the Hub and the cache could not answer for. The other rules do
/// not run on it: there is nothing to judge.
pub fn unresolved(ra: &ResolvedArtifact, policy: &Policy) -> Option<Finding> {
    let why = ra.model.as_ref()?.unresolved.as_ref()?;
    let severity = match policy.hub.unresolved {
        UnknownAction::Deny => Severity::Error,
        UnknownAction::Warn => Severity::Warning,
    };
    let mut f = finding(
        Code::ModelUnresolved,
        severity,
        ra,
        format!("{} could not be resolved", ra.artifact.name),
    );
    f.reasons
        .push(Reason::of(Code::ModelUnresolved, why.clone()));
    f.help = Some(
        "check the id and revision, the network and HF_TOKEN; offline, the Hugging Face cache must have it"
            .into(),
    );
    Some(f)
}

/// The license differs from the one `model-audit.lock` recorded.
/// A branch that only moved, its license the same, is not drift: see
/// [`unpinned`].
pub fn lock_drift(ra: &ResolvedArtifact) -> Option<Finding> {
    let change = ra
        .model
        .as_ref()?
        .lock_change
        .as_ref()
        .filter(|c| c.old_license != c.new_license)?;
    let mut f = finding(
        Code::LicenseChanged,
        Severity::Error,
        ra,
        format!(
            "the license of {} changed since model-audit.lock was written",
            ra.artifact.name
        ),
    );
    f.reasons.push(Reason::of(
        Code::LicenseChanged,
        format!(
            "model-audit.lock recorded `{}` at commit {}; it is now `{}`",
            change.old_license, change.old_sha, change.new_license
        ),
    ));
    f.help = Some(
        format!(
            "review the new license, then record it with `cargo model-audit update {}`",
            ra.artifact.name
        )
        .into(),
    );
    Some(f)
}

/// A model asked for by branch or tag (or not at all): its files and license
/// can change under the same name. Base models found through lineage are
/// pinned by their derivative's card, not by the project.
pub fn unpinned(ra: &ResolvedArtifact) -> Option<Finding> {
    let (Some(details), Facts::Model(facts)) = (&ra.model, &ra.artifact.facts) else {
        return None;
    };
    let pinned = facts
        .revision
        .as_deref()
        .is_some_and(crate::domain::hub::is_commit);
    if pinned || facts.derivative_of.is_some() {
        return None;
    }
    let mut f = finding(
        Code::UnpinnedModel,
        Severity::Note,
        ra,
        format!(
            "{} is used at `{}`, which can move",
            ra.artifact.name,
            facts.revision.as_deref().unwrap_or("main")
        ),
    );
    f.evidence = Vec::new();
    if let Some(change) = &details.lock_change
        && change.old_license == change.new_license
    {
        f.reasons.push(Reason::of(
            Code::UnpinnedModel,
            format!(
                "it moved from commit {} since model-audit.lock was written; the license is still `{}`",
                change.old_sha, change.new_license
            ),
        ));
    }
    if let Some(sha) = &details.sha {
        f.help = Some(format!("pin it: revision = \"{sha}\"").into());
    }
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;
    use crate::domain::LockChange;

    const SHA: &str = "5a2c0d5b6e3f4a1b9c8d7e6f5a4b3c2d1e0f9a8b";

    fn codes(ra: &ResolvedArtifact, config: &str) -> Vec<String> {
        let p = policy(config);
        unresolved(ra, &p)
            .into_iter()
            .chain(lock_drift(ra))
            .chain(unpinned(ra))
            .map(|f| format!("{} {}", f.severity.as_str(), f.code))
            .collect()
    }

    #[test]
    fn table() {
        let mut lost = model("org/m", "MIT");
        lost.model.as_mut().unwrap().unresolved = Some("HTTP 404".to_owned().into());
        let mut drifted = pinned(model("org/m", "MIT"), SHA);
        drifted.model.as_mut().unwrap().lock_change = Some(Box::new(LockChange {
            old_license: "apache-2.0".to_owned(),
            old_sha: SHA.to_owned(),
            new_license: "MIT".to_owned(),
        }));
        let mut base = model("org/base", "MIT");
        if let Facts::Model(m) = &mut base.artifact.facts {
            m.derivative_of = Some("org/m".to_owned());
        }
        let cases: Vec<(ResolvedArtifact, &str, Vec<&str>)> = vec![
            (pinned(model("org/m", "MIT"), SHA), "", vec![]),
            (model("org/m", "MIT"), "", vec!["note unpinned-model"]),
            (
                pinned(model("org/m", "MIT"), "v1.0"),
                "",
                vec!["note unpinned-model"],
            ),
            (base, "", vec![]),
            (
                lost.clone(),
                "",
                vec!["error model-unresolved", "note unpinned-model"],
            ),
            (
                lost,
                "[hub]\nunresolved = \"warn\"",
                vec!["warning model-unresolved", "note unpinned-model"],
            ),
            (drifted, "", vec!["error license-changed"]),
            (krate("serde", "MIT"), "", vec![]),
        ];
        for (ra, config, want) in cases {
            assert_eq!(codes(&ra, config), want, "{}", ra.artifact.id);
        }
    }

    #[test]
    fn unpinned_help_names_the_commit() {
        let mut ra = model("org/m", "MIT");
        ra.model.as_mut().unwrap().sha = Some(SHA.to_owned());
        let f = unpinned(&ra).unwrap();
        assert_eq!(f.help.unwrap(), format!("pin it: revision = \"{SHA}\""));
        assert_eq!(f.message, "org/m is used at `main`, which can move");
    }
}
