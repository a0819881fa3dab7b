//! A Markdown summary for a pull-request comment or a GitHub job summary
//! (`--format github` appends it to `$GITHUB_STEP_SUMMARY`): the verdict in
//! one line, a table with one row per artifact and where it points, and
//! each artifact's license, claims, reasons and help folded below.
//!
//! Messages quote model cards and crate metadata, text the project does not
//! control, so `<` is escaped everywhere but in autolinks: a card cannot
//! inject HTML into a comment.

use super::diagnostic::{claim_line, diagnostics};
// Text from outside made inert (no HTML, links, bare URLs or emphasis, every
// dangerous character visible), and the inside of a code span.
use super::escape::{
    Markdown, Safe, markdown as escape, markdown_catalog_link, markdown_code as code,
};
use super::{Report, SourceFiles, summary};
use crate::domain::{ArtifactKind, Scope};

/// A hidden marker, so a bot can find and update its own comment.
pub const MARKER: &str = "<!-- cargo-model-audit -->";

/// A reason line: escaped, except a trailing ` <URL>` the catalog cites,
/// which becomes a link.
fn reason(text: &str) -> Safe<Markdown> {
    if let Some(head) = text.strip_suffix('>')
        && let Some((head, url)) = head.rsplit_once(" <")
        && let Some(link) = markdown_catalog_link(url)
    {
        return safe!("{} {}", escape(head), link);
    }
    escape(text)
}

/// Text for a table cell: one line (newlines are shown as `\n`), no
/// column breaks.
fn cell(text: &str) -> Safe<Markdown> {
    escape(text)
}

fn heading(report: &Report<'_>, title: Safe<Markdown>, out: &mut Safe<Markdown>) {
    out.push(safe!("{}\n", MARKER));
    out.push(safe!("## cargo-model-audit: {}\n\n", title));
    out.push(safe!(
        "{} artifacts ({} crates, {} models) · policy `{}`, open-source definition `{}`\n\n",
        report.artifacts.len(),
        report.count_kind(ArtifactKind::Crate),
        report.count_kind(ArtifactKind::Model) + report.count_kind(ArtifactKind::Dataset),
        code(&report.policy.name),
        report.policy.definition.as_str(),
    ));
}

/// The check's summary: one table row and one folded section per
/// artifact, each reason once.
pub fn render(report: &Report<'_>, sources: &SourceFiles) -> Safe<Markdown> {
    let mut out = Safe::new();
    let summary = summary(report);
    heading(
        report,
        safe!("{} ({})", summary.word, escape(&summary.counts)),
        &mut out,
    );
    // Obligations are a list of their own, after the diagnostics.
    let diagnostics: Vec<_> = diagnostics(report, sources)
        .into_iter()
        .filter(|d| d.code != crate::domain::Code::Obligation)
        .collect();
    if diagnostics.is_empty() {
        out.push("No findings: every artifact checked meets the policy.\n");
        obligations_section(report, &mut out);
        return out;
    }
    out.push("| Severity | Code | Artifact | Finding | Where |\n");
    out.push("| --- | --- | --- | --- | --- |\n");
    for d in &diagnostics {
        let codes = Safe::join(d.codes.iter().map(|c| safe!("`{}`", *c)), " ");
        out.push(safe!(
            "| {} | {} | `{}` | {} | `{}:{}` |\n",
            d.severity,
            codes,
            code(&d.subject),
            cell(d.message),
            code(&d.at.file),
            d.at.line
        ));
    }
    out.push("\n<details>\n<summary>Reasons, claims and help for each artifact</summary>\n\n");
    for d in &diagnostics {
        out.push(safe!(
            "#### {}[{}]: {}\n\n",
            d.severity,
            d.code,
            escape(d.message)
        ));
        if let Some(license) = &d.license {
            let evidence = if d.evidence.is_empty() {
                String::new()
            } else {
                format!(" ({})", d.evidence.join("; "))
            };
            out.push(safe!(
                "- license: `{}`{}\n",
                code(license),
                escape(&evidence)
            ));
        }
        for c in &d.claims {
            out.push(safe!("- claim: {}\n", escape(&claim_line(report, c))));
        }
        for r in &d.reasons {
            out.push(safe!("- `{}`: {}\n", code(&r.tag), reason(&r.text)));
        }
        if d.path.len() > 1 {
            out.push(safe!("- path: {}\n", escape(&d.path.join(" → "))));
        }
        for help in &d.helps {
            out.push(safe!("- help: {}\n", escape(help)));
        }
        out.push("\n");
    }
    out.push("</details>\n");
    obligations_section(report, &mut out);
    out
}

/// What shipping the checked artifacts requires: one row per license (the
/// `obligation` notes).
fn obligations_section(report: &Report<'_>, out: &mut Safe<Markdown>) {
    let notes = report.verdict.obligation_notes();
    if notes.is_empty() {
        return;
    }
    out.push("\n### What shipping requires\n\n");
    for f in notes {
        out.push(safe!("- {}\n", escape(&f.message)));
        for r in &f.reasons {
            out.push(safe!("  - {}\n", reason(&r.text)));
        }
    }
    out.push("\n`cargo model-audit notices` writes the license texts and notices, with a checklist of the rest.\n");
}

/// `list`: the inventory as a table.
pub fn render_list(report: &Report<'_>) -> Safe<Markdown> {
    let mut out = Safe::new();
    heading(report, safe!("inventory"), &mut out);
    if report.artifacts.is_empty() {
        out.push("No artifacts.\n");
        return out;
    }
    out.push("| Artifact | Kind | License | Scope | Findings |\n");
    out.push("| --- | --- | --- | --- | --- |\n");
    for ra in report.artifacts {
        let scope = match ra.artifact.scope {
            Scope::Normal => "normal",
            Scope::Build => "build",
            Scope::Dev => "dev",
        };
        let findings = report.findings_for(&ra.artifact.id).count();
        out.push(safe!(
            "| `{}` | {} | `{}` | {} | {} |\n",
            code(&ra.artifact.display_name()),
            ra.artifact.kind().as_str(),
            code(&ra.license.display()),
            scope,
            findings
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_text_is_inert() {
        assert_eq!(
            escape("<img src=x onerror=y>"),
            "&lt;img src=x onerror=y&gt;"
        );
        let pixel = escape("![p](https://evil.example/p.png)");
        assert!(!pixel.contains("!["), "{pixel}");
        assert!(!pixel.contains("](") && !pixel.contains("://"), "{pixel}");
        let link = escape("see <https://a.example/b> and www.evil.example");
        assert!(!link.contains("<https") && !link.contains("www."), "{link}");
        assert_eq!(escape("a \u{1b}[2J b"), "a \\\\u{1b}\\[2J b");
        assert_eq!(cell("a | b\nc"), "a \\| b\\\\nc");
        assert_eq!(code("a`b|c"), "a'b\\|c");
    }

    #[test]
    fn catalog_sources_are_links_and_nothing_else_is() {
        let src = "https://github.com/meta-llama/llama-models/blob/main/models/llama2/LICENSE";
        assert_eq!(
            reason(&format!("notice-file: a Notice file. <{src}>")),
            format!("notice-file: a Notice file. <{src}>")
        );
        // A URL the catalog does not cite stays inert, however it looks.
        let forged = reason("from a card <https://evil.example/x>");
        assert!(
            !forged.contains("<https") && !forged.contains("://"),
            "{forged}"
        );
        // A catalog URL that is not plain https would not be linked.
        assert!(markdown_catalog_link("http://spdx.org/licenses/MIT.html").is_none());
        assert!(markdown_catalog_link(src).is_some());
    }
}
