//! Exceptions: every matching, unexpired `[[exceptions]]` entry applies to
//! its artifact. An exception that has expired, or that allowed nothing,
//! is a finding on the config, so exception lists do not rot.

use crate::domain::{Artifact, Code, Evidence, Finding, Reason, Severity};
use crate::policy::{Date, Exception, Policy};

/// Which exceptions (and `[licenses] allow` entries) the rules used.
#[derive(Debug, Clone, Default)]
pub struct Usage {
    /// The exception matched a judged artifact.
    pub matched: Vec<bool>,
    /// The exception allowed a license the policy did not.
    pub used: Vec<bool>,
    /// The `[licenses] allow` entry allowed a license of a judged artifact.
    pub allow_used: Vec<bool>,
}

impl Usage {
    pub fn new(policy: &Policy) -> Self {
        Usage {
            matched: vec![false; policy.exceptions.len()],
            used: vec![false; policy.exceptions.len()],
            allow_used: vec![false; policy.allow.len()],
        }
    }

    /// The indexes of the exceptions that apply to this artifact today.
    pub fn activate(&mut self, a: &Artifact, policy: &Policy, today: Date) -> Vec<usize> {
        let mut active = Vec::new();
        for (i, e) in policy.exceptions.iter().enumerate() {
            if !e.matches(&a.name, &a.version) {
                continue;
            }
            self.matched[i] = true;
            if e.expires.is_some_and(|d| d < today) {
                continue;
            }
            active.push(i);
        }
        active
    }

    /// Expired exceptions, and exceptions that allowed nothing. One that
    /// matched no judged artifact is reported only when it matches nothing
    /// in the whole graph either (`graph`: every crate `(name, version)`
    /// cargo resolved), so `-p` and `--target` do not flag exceptions for
    /// what they left out.
    pub fn findings(
        &self,
        policy: &Policy,
        graph: &[(String, String)],
        today: Date,
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        for (i, e) in policy.exceptions.iter().enumerate() {
            if let Some(d) = e.expires.filter(|d| *d < today) {
                let mut f = on_config(
                    e,
                    Code::ExceptionExpired,
                    format!(
                        "the exception for `{}` expired on {d} and no longer applies",
                        e.artifact
                    ),
                );
                f.help = Some("review it and move `expires` forward, or remove it".into());
                out.push(f);
                continue;
            }
            if self.used[i] {
                continue;
            }
            let why = if self.matched[i] {
                "matched but allowed nothing the policy did not already allow"
            } else if graph.iter().any(|(n, v)| e.matches(n, v)) {
                // In the graph, but outside this run's selection.
                continue;
            } else {
                "matched no artifact"
            };
            let mut f = on_config(
                e,
                Code::ExceptionUnused,
                format!("the exception for `{}` {why}", e.artifact),
            );
            f.help = Some("remove the exception, or fix its `artifact` or `allow`".into());
            out.push(f);
        }
        out
    }
}

/// A finding about an exception itself, pointing at the config.
fn on_config(e: &Exception, code: Code, message: String) -> Finding {
    Finding {
        id: Default::default(),
        code,
        severity: Severity::Warning,
        artifact: e.artifact.to_string().into(),
        message,
        reasons: vec![Reason::of(code, format!("reason given: {}", e.reason))],
        claims: Vec::new(),
        evidence: vec![Evidence {
            source: crate::domain::EvidenceSource::Config,
            file: Some(e.origin.clone().into()),
            line: e.span.as_ref().map(|s| s.line),
            note: format!("[[exceptions]] for `{}`", e.artifact).into(),
            ..Evidence::default()
        }],
        path: Vec::new(),
        help: None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;
    use crate::domain::ResolvedArtifact;

    fn exception(artifact: &str, expires: Option<&str>) -> String {
        format!(
            "[[exceptions]]\nartifact = \"{artifact}\"\nallow = [\"Zlib\"]\nreason = \"ticket 1\"\n{}",
            expires
                .map(|d| format!("expires = \"{d}\"\n"))
                .unwrap_or_default()
        )
    }

    #[test]
    fn table() {
        let graph = vec![("elsewhere".to_owned(), "2.0.0".to_owned())];
        // (exception, artifact it is tested against, whether a rule used it, findings)
        let cases: Vec<(String, ResolvedArtifact, bool, Vec<&str>)> = vec![
            (exception("a", None), krate("a", "Zlib"), true, vec![]),
            (exception("a@1.0.0", None), krate("a", "Zlib"), true, vec![]),
            (
                exception("a", None),
                krate("a", "MIT"),
                false,
                vec![
                    "exception-unused: the exception for `a` matched but allowed nothing the policy did not already allow",
                ],
            ),
            (
                exception("a@9.9.9", None),
                krate("a", "MIT"),
                false,
                vec!["exception-unused: the exception for `a@9.9.9` matched no artifact"],
            ),
            // Outside the selection, but in the graph: not reported.
            (
                exception("elsewhere", None),
                krate("a", "MIT"),
                false,
                vec![],
            ),
            (
                exception("a", Some("2020-01-01")),
                krate("a", "Zlib"),
                false,
                vec![
                    "exception-expired: the exception for `a` expired on 2020-01-01 and no longer applies",
                ],
            ),
            (
                exception("a", Some("2999-01-01")),
                krate("a", "Zlib"),
                true,
                vec![],
            ),
        ];
        for (config, ra, use_it, want) in cases {
            let p = policy(&config);
            let mut usage = Usage::new(&p);
            let active = usage.activate(&ra.artifact, &p, today());
            if use_it {
                assert_eq!(active, vec![0], "{config}");
                usage.used[0] = true;
            }
            let got: Vec<String> = usage
                .findings(&p, &graph, today())
                .iter()
                .map(|f| format!("{}: {}", f.code, f.message))
                .collect();
            assert_eq!(got, want, "{config}");
        }
    }
}
