//! `project-policy`: what the audited project weakens in the policy you
//! passed, one finding per relaxation, pointing at the file and line that
//! writes it (see [`crate::policy::owner`]). A warning when it applies, a
//! note when `--no-project-policy` kept your policy. Added after the lint
//! levels, so no `[lints]` of the project can hide it.

use crate::domain::{Code, Evidence, Finding, Severity};
use crate::policy::Policy;

pub fn relaxations(policy: &Policy) -> Vec<Finding> {
    policy
        .ownership
        .relaxations()
        .into_iter()
        // A level the user set on the command line wins over the project's.
        .filter(|r| {
            !r.applied
                || r.lint
                    .is_none_or(|(code, level)| policy.lints.get(&code) == Some(&level))
        })
        .map(|r| {
            let at = match r.line {
                Some(line) => format!("{}:{line}", r.file),
                None => r.file.clone(),
            };
            let (severity, message, help) = if r.applied {
                (
                    Severity::Warning,
                    format!("the project's `{}` ({at}) {}", r.key, r.what),
                    "--no-project-policy (or MODEL_AUDIT_NO_PROJECT_POLICY=1) keeps your policy as you passed it",
                )
            } else {
                (
                    Severity::Note,
                    format!(
                        "ignored: the project's `{}` ({at}) {}",
                        r.key, r.what
                    ),
                    "ignored because project policy is off (--no-project-policy)",
                )
            };
            Finding {
                id: Default::default(),
                code: Code::ProjectPolicy,
                severity,
                artifact: r.file.clone().into(),
                message,
                reasons: Vec::new(),
                claims: Vec::new(),
                evidence: vec![Evidence {
                    source: crate::domain::EvidenceSource::ProjectPolicy,
                    file: Some(r.file.into()),
                    line: r.line,
                    note: format!("`{}` {}", r.key, r.what).into(),
                    ..Evidence::default()
                }],
                path: Vec::new(),
                help: Some(help.to_owned().into()),
            }
        })
        .collect()
}
