//! GitHub Actions workflow commands: one `::error`, `::warning` or
//! `::notice` line per artifact, which the runner turns into an annotation on
//! the file and line the finding points at, then one plain summary line.
//! The Markdown summary for `$GITHUB_STEP_SUMMARY` is [`super::markdown`].

use super::diagnostic::diagnostics;
use super::escape::{Plain, Safe, Workflow, plain, workflow_data, workflow_log, workflow_property};
use super::{Report, SourceFiles, summary};
use crate::domain::Severity;

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    }
}

/// One annotation per artifact, on the line that brings it in: the head
/// message, each failing reason tagged with its code, and the helps. Each
/// piece from outside is one line of plain text before the pieces are
/// joined, so only our own line breaks become the message's `%0A`.
pub fn render(report: &Report<'_>, sources: &SourceFiles) -> Safe<Workflow> {
    let mut out = Safe::new();
    // Obligations are about licenses, not a line: they are in the summary.
    for d in diagnostics(report, sources)
        .into_iter()
        .filter(|d| d.code != crate::domain::Code::Obligation)
    {
        let mut message: Safe<Plain> = plain(d.message);
        for r in &d.reasons {
            message.push(safe!("\n- {}: {}", plain(&r.tag), plain(&r.text)));
        }
        for help in &d.helps {
            message.push(safe!("\nhelp: {}", plain(help)));
        }
        out.push(safe!(
            "::{} file={},line={},title={}::{}\n",
            command(d.severity),
            workflow_property(&d.at.file),
            d.at.line,
            workflow_property(&format!("{} ({})", d.code, d.subject)),
            workflow_data(&message)
        ));
    }
    out.push(safe!(
        "cargo-model-audit {}\n",
        workflow_log(&summary(report).line())
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_expects() {
        let ours = safe!("100%\n{}", plain("next\r\n\u{1b}[31m"));
        assert_eq!(workflow_data(&ours), "100%25%0Anext\\r\\n\\u{1b}[31m");
        assert_eq!(workflow_property("a: b, c%"), "a%3A b%2C c%25");
        assert_eq!(workflow_property("a\n::x"), "a\\n%3A%3Ax");
    }
}
