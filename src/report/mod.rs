//! Renders the verdict in the chosen format and picks the exit code. No
//! decisions are made here: severities and messages come from `evaluate`.

pub mod explain;
pub mod human;
pub mod json;

use crate::domain::{ArtifactKind, Finding, ResolvedArtifact, Severity};
use crate::evaluate::Verdict;
use crate::policy::Policy;
use std::path::Path;

/// Everything a renderer may show.
pub struct Report<'a> {
    pub policy: &'a Policy,
    pub artifacts: &'a [ResolvedArtifact],
    pub verdict: &'a Verdict,
    pub root: &'a Path,
    pub verbose: u8,
}

impl Report<'_> {
    pub fn count_kind(&self, kind: ArtifactKind) -> usize {
        self.artifacts
            .iter()
            .filter(|a| a.artifact.kind == kind)
            .count()
    }

    pub fn findings_for<'b>(&'b self, id: &'b str) -> impl Iterator<Item = &'b Finding> + 'b {
        self.verdict
            .findings
            .iter()
            .filter(move |f| f.artifact == id)
    }

    /// A path as the user should read it: relative to the workspace root
    /// when inside it.
    pub fn show_path(&self, path: &str) -> String {
        let root = self.root.display().to_string();
        match path.strip_prefix(&root) {
            Some(rest) => rest.trim_start_matches('/').to_owned(),
            None => path.to_owned(),
        }
    }
}

/// The design's exit codes: 1 when any error finding (or any warning with
/// `--deny-warnings`); 3 when the only errors are models that could not be
/// resolved (a retry may help); else 0.
pub fn exit_code(verdict: &Verdict, deny_warnings: bool) -> u8 {
    let errors = verdict
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error);
    let (unresolved, other): (Vec<&Finding>, Vec<&Finding>) =
        errors.partition(|f| f.code == crate::domain::Code::ModelUnresolved);
    let warnings = verdict.count(Severity::Warning);
    if !other.is_empty() {
        1
    } else if !unresolved.is_empty() {
        3
    } else if deny_warnings && warnings > 0 {
        1
    } else {
        0
    }
}
