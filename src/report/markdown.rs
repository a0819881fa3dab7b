//! A Markdown summary for a pull-request comment or a GitHub job summary
//! (`--format github` appends it to `$GITHUB_STEP_SUMMARY`): the verdict in
//! one line, a table of findings with where each points, and the reasons,
//! claims and help folded below.
//!
//! Messages quote model cards and crate metadata, text the project does not
//! control, so `<` is escaped everywhere but in autolinks: a card cannot
//! inject HTML into a comment.

use super::{Report, SourceFiles, locate, summary_line};
use crate::domain::{ArtifactKind, Finding, Scope};
use std::fmt::Write;

/// A hidden marker, so a bot can find and update its own comment.
pub const MARKER: &str = "<!-- cargo-model-audit -->";

/// `<` escaped, except in an autolink (`<https://...>`), which cannot carry
/// HTML.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let link = rest.find('>').map(|end| &rest[..=end]).filter(|l| {
            (l.starts_with("<https://") || l.starts_with("<http://"))
                && !l[1..l.len() - 1].contains(|c: char| c.is_whitespace() || c == '<')
        });
        match link {
            Some(link) => {
                out.push_str(link);
                rest = &rest[link.len()..];
            }
            None => {
                out.push_str("&lt;");
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Text for a table cell: one line, no column breaks.
fn cell(text: &str) -> String {
    escape(text)
        .replace('|', "\\|")
        .replace("\r\n", " ")
        .replace(['\n', '\r'], " ")
}

fn artifact_name(report: &Report<'_>, f: &Finding) -> String {
    report
        .artifact(&f.artifact)
        .map(|ra| ra.artifact.display_name())
        .unwrap_or_else(|| f.artifact.clone())
}

fn heading(report: &Report<'_>, title: &str, out: &mut String) {
    let _ = writeln!(out, "{MARKER}");
    let _ = writeln!(out, "## cargo-model-audit: {title}\n");
    let _ = writeln!(
        out,
        "{} artifacts ({} crates, {} models) · policy `{}`, open-source definition `{}`\n",
        report.artifacts.len(),
        report.count_kind(ArtifactKind::Crate),
        report.count_kind(ArtifactKind::Model) + report.count_kind(ArtifactKind::Dataset),
        cell(&report.policy.name).replace('`', "'"),
        report.policy.definition.as_str(),
    );
}

/// The check's summary.
pub fn render(report: &Report<'_>, sources: &SourceFiles) -> String {
    let mut out = String::new();
    let line = summary_line(report);
    let (verdict, counts) = line.split_once(": ").unwrap_or((&line, ""));
    heading(report, &format!("{verdict} ({counts})"), &mut out);
    let findings: Vec<&Finding> = report
        .verdict
        .findings
        .iter()
        .filter(|f| f.code != crate::domain::Code::Obligation)
        .collect();
    if findings.is_empty() {
        out.push_str("No findings: every artifact checked meets the policy.\n");
        obligations_section(report, &mut out);
        return out;
    }
    out.push_str("| Severity | Code | Artifact | Finding | Where |\n");
    out.push_str("| --- | --- | --- | --- | --- |\n");
    for f in findings.iter().copied() {
        let at = locate(report, sources, f);
        let _ = writeln!(
            out,
            "| {} | `{}` | `{}` | {} | `{}:{}` |",
            f.severity.as_str(),
            f.code,
            cell(&artifact_name(report, f)).replace('`', "'"),
            cell(&f.message),
            cell(&at.file).replace('`', "'"),
            at.line
        );
    }
    out.push_str("\n<details>\n<summary>Reasons, claims and help for each finding</summary>\n\n");
    for f in findings.iter().copied() {
        let _ = writeln!(
            out,
            "#### {}[{}]: {}\n",
            f.severity.as_str(),
            f.code,
            escape(&f.message)
        );
        for r in &f.reasons {
            let _ = writeln!(out, "- {}", escape(r));
        }
        for e in f.evidence.iter().filter(|e| e.source.starts_with("claim:")) {
            let quote = e
                .quote
                .as_deref()
                .map(|q| format!(": “{}”", cell(q)))
                .unwrap_or_default();
            let place = e
                .file
                .as_deref()
                .map(|l| format!(" ({})", cell(&report.show_path(l))))
                .unwrap_or_default();
            let _ = writeln!(out, "- claim: {}{quote}{place}", escape(&e.note));
        }
        if f.path.len() > 1 {
            let _ = writeln!(out, "- path: {}", escape(&f.path.join(" → ")));
        }
        if let Some(help) = &f.help {
            let _ = writeln!(out, "- help: {}", escape(help));
        }
        out.push('\n');
    }
    out.push_str("</details>\n");
    obligations_section(report, &mut out);
    out
}

/// What shipping the checked artifacts requires: one row per license (the
/// `obligation` notes).
fn obligations_section(report: &Report<'_>, out: &mut String) {
    let notes: Vec<&Finding> = report
        .verdict
        .findings
        .iter()
        .filter(|f| f.code == crate::domain::Code::Obligation)
        .collect();
    if notes.is_empty() {
        return;
    }
    out.push_str("\n### What shipping requires\n\n");
    for f in notes {
        let _ = writeln!(out, "- {}", escape(&f.message));
        for r in &f.reasons {
            let _ = writeln!(out, "  - {}", escape(r));
        }
    }
    out.push_str("\n`cargo model-audit notices` writes the license texts and notices, with a checklist of the rest.\n");
}

/// `list`: the inventory as a table.
pub fn render_list(report: &Report<'_>) -> String {
    let mut out = String::new();
    heading(report, "inventory", &mut out);
    if report.artifacts.is_empty() {
        out.push_str("No artifacts.\n");
        return out;
    }
    out.push_str("| Artifact | Kind | License | Scope | Findings |\n");
    out.push_str("| --- | --- | --- | --- | --- |\n");
    for ra in report.artifacts {
        let scope = match ra.artifact.scope {
            Scope::Normal => "normal",
            Scope::Build => "build",
            Scope::Dev => "dev",
        };
        let findings = report.findings_for(&ra.artifact.id).count();
        let _ = writeln!(
            out,
            "| `{}` | {} | `{}` | {} | {} |",
            cell(&ra.artifact.display_name()).replace('`', "'"),
            ra.artifact.kind.as_str(),
            cell(&ra.license.display()).replace('`', "'"),
            scope,
            findings
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_html_but_keeps_autolinks() {
        assert_eq!(
            escape("<img src=x onerror=y> see <https://a.example/b>"),
            "&lt;img src=x onerror=y> see <https://a.example/b>"
        );
        assert_eq!(escape("<https://a b>"), "&lt;https://a b>");
        assert_eq!(escape("a < b"), "a &lt; b");
        assert_eq!(cell("a | b\nc"), "a \\| b c");
    }
}
