//! Lint levels, as cargo and cargo-deny have them: `[lints]` in the config
//! (`license-mismatch = "allow"`) and `-D/-W/-A <code>` on the command line
//! (which win) set the severity of every finding of a code, after the
//! policy's rules have run. `allow` drops the findings.

use crate::domain::{Code, Finding, Severity};
use crate::policy::LintLevel;
use std::collections::BTreeMap;

pub fn apply(lints: &BTreeMap<Code, LintLevel>, findings: &mut Vec<Finding>) {
    if lints.is_empty() {
        return;
    }
    findings.retain_mut(|f| match lints.get(&f.code) {
        None => true,
        Some(LintLevel::Allow) => false,
        Some(LintLevel::Warn) => {
            f.severity = Severity::Warning;
            true
        }
        Some(LintLevel::Deny) => {
            f.severity = Severity::Error;
            true
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;

    type Levels = &'static [(Code, LintLevel)];

    #[test]
    fn table() {
        let f = |code, severity| {
            super::super::finding(code, severity, &krate("a", "MIT"), String::new())
        };
        let cases: Vec<(Levels, Vec<(Code, Severity)>)> = vec![
            (
                &[],
                vec![
                    (Code::LicenseMismatch, Severity::Warning),
                    (Code::UnpinnedModel, Severity::Note),
                ],
            ),
            (
                &[(Code::LicenseMismatch, LintLevel::Allow)],
                vec![(Code::UnpinnedModel, Severity::Note)],
            ),
            (
                &[
                    (Code::LicenseMismatch, LintLevel::Deny),
                    (Code::UnpinnedModel, LintLevel::Warn),
                ],
                vec![
                    (Code::LicenseMismatch, Severity::Error),
                    (Code::UnpinnedModel, Severity::Warning),
                ],
            ),
        ];
        for (levels, want) in cases {
            let mut findings = vec![
                f(Code::LicenseMismatch, Severity::Warning),
                f(Code::UnpinnedModel, Severity::Note),
            ];
            apply(&levels.iter().copied().collect(), &mut findings);
            let got: Vec<(Code, Severity)> =
                findings.iter().map(|f| (f.code, f.severity)).collect();
            assert_eq!(got, want, "{levels:?}");
        }
    }
}
