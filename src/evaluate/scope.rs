//! What the policy judges at all. Dev- and build-only crates are left out
//! unless `[licenses] include-dev` / `include-build` say otherwise, and the
//! project's own crates (workspace members) are not judged as dependencies:
//! an unpublished one is skipped, a published one only has to carry a
//! license (`[licenses] include-workspace` says how loudly).

use super::finding;
use crate::domain::{Code, Facts, Finding, Reason, ResolvedArtifact, Scope, Severity};
use crate::policy::{MemberAction, Policy};
use serde::Serialize;
use std::fmt;

/// Why an artifact was not judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Skip {
    /// A workspace member with `publish = false`.
    Unpublished,
    /// Reached only through dev-dependencies, and `include-dev = false`.
    DevDependency,
    /// Reached only through build-dependencies, and `include-build = false`.
    BuildDependency,
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Skip::Unpublished => "unpublished",
            Skip::DevDependency => "dev-dependency",
            Skip::BuildDependency => "build-dependency",
        })
    }
}

/// How the policy treats one artifact.
#[derive(Debug)]
pub enum Judged {
    /// Not judged; with `skip-unpublished = true` a note says so.
    Skip(Skip, Option<Finding>),
    /// A first-party crate: judged on carrying a license and on its own
    /// claims of openness.
    Member(Vec<Finding>),
    /// A dependency: every rule applies.
    Dependency,
}

pub fn judged(ra: &ResolvedArtifact, policy: &Policy) -> Judged {
    let a = &ra.artifact;
    match a.scope {
        Scope::Dev if !policy.include_dev => return Judged::Skip(Skip::DevDependency, None),
        Scope::Build if !policy.include_build => {
            return Judged::Skip(Skip::BuildDependency, None);
        }
        _ => {}
    }
    let Facts::Crate(facts) = &a.facts else {
        return Judged::Dependency;
    };
    if !facts.workspace_member {
        return Judged::Dependency;
    }
    if facts.unpublished {
        let note = policy.skip_unpublished.then(|| {
            finding(
                Code::SkippedUnpublished,
                Severity::Note,
                ra,
                format!(
                    "{} is an unpublished workspace crate and was not checked",
                    a.display_name()
                ),
            )
        });
        return Judged::Skip(Skip::Unpublished, note);
    }
    Judged::Member(unlicensed_member(ra, policy).into_iter().collect())
}

/// A published workspace crate without a license: its users cannot know
/// the terms. A warning, or an error with `include-workspace = "deny"`.
pub fn unlicensed_member(ra: &ResolvedArtifact, policy: &Policy) -> Option<Finding> {
    if ra.license.expression.is_some() {
        return None;
    }
    let severity = match policy.include_workspace {
        MemberAction::Warn => Severity::Warning,
        MemberAction::Deny => Severity::Error,
    };
    let declared = matches!(&ra.artifact.facts, Facts::Crate(c) if c.license.is_some());
    let mut f = finding(
        Code::UnlicensedMember,
        severity,
        ra,
        format!(
            "the workspace crate {} has no {}license",
            ra.artifact.display_name(),
            if declared { "valid " } else { "" }
        ),
    );
    f.reasons = ra
        .license
        .evidence
        .iter()
        .map(|e| Reason::of(Code::UnlicensedMember, e.note.clone()))
        .collect();
    f.path = Vec::new();
    f.help = Some(
        "set `license = \"...\"` (an SPDX expression) in its [package], or `publish = false` if it is not published"
            .into(),
    );
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;

    fn outcome(ra: &ResolvedArtifact, config: &str) -> String {
        match judged(ra, &policy(config)) {
            Judged::Skip(why, note) => format!(
                "skip {why}{}",
                note.map(|n| format!(" + {}", n.code)).unwrap_or_default()
            ),
            Judged::Member(fs) => {
                let codes: Vec<String> = fs
                    .iter()
                    .map(|f| format!("{} {}", f.severity.as_str(), f.code))
                    .collect();
                format!("member [{}]", codes.join(", "))
            }
            Judged::Dependency => "dependency".to_owned(),
        }
    }

    #[test]
    fn table() {
        let cases: &[(ResolvedArtifact, &str, &str)] = &[
            (krate("dep", "MIT"), "", "dependency"),
            (dev(krate("dep", "MIT")), "", "skip dev-dependency"),
            (
                dev(krate("dep", "MIT")),
                "[licenses]\ninclude-dev = true",
                "dependency",
            ),
            (build(krate("dep", "MIT")), "", "dependency"),
            (
                build(krate("dep", "MIT")),
                "[licenses]\ninclude-build = false",
                "skip build-dependency",
            ),
            (member(krate("app", "MIT"), false), "", "member []"),
            (
                member(unlicensed(krate("app", "")), false),
                "",
                "member [warning unlicensed-member]",
            ),
            (
                member(unlicensed(krate("app", "")), false),
                "[licenses]\ninclude-workspace = \"deny\"",
                "member [error unlicensed-member]",
            ),
            (
                member(unlicensed(krate("app", "")), true),
                "",
                "skip unpublished",
            ),
            (
                member(krate("app", "GPL-3.0-only"), true),
                "[licenses]\nskip-unpublished = true",
                "skip unpublished + skipped-unpublished",
            ),
            (model("org/m", "MIT"), "", "dependency"),
        ];
        for (ra, config, want) in cases {
            assert_eq!(
                outcome(ra, config),
                *want,
                "{} with {config:?}",
                ra.artifact.id
            );
        }
    }
}
