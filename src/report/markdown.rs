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
use super::escape::{markdown as escape, markdown_code as code};
use super::{Report, SourceFiles, summary_line};
use crate::domain::{ArtifactKind, Scope};
use std::fmt::Write;

/// A hidden marker, so a bot can find and update its own comment.
pub const MARKER: &str = "<!-- cargo-model-audit -->";

/// A URL the catalog cites (a license's text, the source of a clause) as an
/// autolink: the catalog ships with the tool, so its links are trusted, but
/// only a plain `https://` URL qualifies. `None` for anything else, which
/// stays escaped text.
pub(crate) fn catalog_link(url: &str) -> Option<String> {
    let catalog = crate::catalog::Catalog::builtin();
    (crate::catalog::is_plain_https(url) && catalog.cites(url)).then(|| format!("<{url}>"))
}

/// A reason line: escaped, except a trailing ` <URL>` the catalog cites,
/// which becomes a link.
fn reason(text: &str) -> String {
    if let Some(head) = text.strip_suffix('>')
        && let Some((head, url)) = head.rsplit_once(" <")
        && let Some(link) = catalog_link(url)
    {
        return format!("{} {link}", escape(head));
    }
    escape(text)
}

/// Text for a table cell: one line (newlines are shown as `\n`), no
/// column breaks.
fn cell(text: &str) -> String {
    escape(text)
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
        code(&report.policy.name),
        report.policy.definition.as_str(),
    );
}

/// The check's summary: one table row and one folded section per
/// artifact, each reason once.
pub fn render(report: &Report<'_>, sources: &SourceFiles) -> String {
    let mut out = String::new();
    let line = summary_line(report);
    let (verdict, counts) = line.split_once(": ").unwrap_or((&line, ""));
    let counts = counts.split(" (policy: ").next().unwrap_or(counts);
    heading(report, &format!("{verdict} ({})", escape(counts)), &mut out);
    // Obligations are a list of their own, after the diagnostics.
    let diagnostics: Vec<_> = diagnostics(report, sources)
        .into_iter()
        .filter(|d| d.code != crate::domain::Code::Obligation)
        .collect();
    if diagnostics.is_empty() {
        out.push_str("No findings: every artifact checked meets the policy.\n");
        obligations_section(report, &mut out);
        return out;
    }
    out.push_str("| Severity | Code | Artifact | Finding | Where |\n");
    out.push_str("| --- | --- | --- | --- | --- |\n");
    for d in &diagnostics {
        let codes: Vec<String> = d.codes.iter().map(|c| format!("`{c}`")).collect();
        let _ = writeln!(
            out,
            "| {} | {} | `{}` | {} | `{}:{}` |",
            d.severity.as_str(),
            codes.join(" "),
            code(&d.subject),
            cell(d.message),
            code(&d.at.file),
            d.at.line
        );
    }
    out.push_str("\n<details>\n<summary>Reasons, claims and help for each artifact</summary>\n\n");
    for d in &diagnostics {
        let _ = writeln!(
            out,
            "#### {}[{}]: {}\n",
            d.severity.as_str(),
            d.code,
            escape(d.message)
        );
        if let Some(license) = &d.license {
            let evidence = if d.evidence.is_empty() {
                String::new()
            } else {
                format!(" ({})", d.evidence.join("; "))
            };
            let _ = writeln!(out, "- license: `{}`{}", code(license), escape(&evidence));
        }
        for c in &d.claims {
            let _ = writeln!(out, "- claim: {}", escape(&claim_line(report, c)));
        }
        for r in &d.reasons {
            let _ = writeln!(out, "- `{}`: {}", r.tag, reason(&r.text));
        }
        if d.path.len() > 1 {
            let _ = writeln!(out, "- path: {}", escape(&d.path.join(" → ")));
        }
        for help in &d.helps {
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
    let notes = report.verdict.obligation_notes();
    if notes.is_empty() {
        return;
    }
    out.push_str("\n### What shipping requires\n\n");
    for f in notes {
        let _ = writeln!(out, "- {}", escape(&f.message));
        for r in &f.reasons {
            let _ = writeln!(out, "  - {}", reason(&r.text));
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
            code(&ra.artifact.display_name()),
            ra.artifact.kind().as_str(),
            code(&ra.license.display()),
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
        assert!(catalog_link("http://spdx.org/licenses/MIT.html").is_none());
        assert!(catalog_link(src).is_some());
    }
}
