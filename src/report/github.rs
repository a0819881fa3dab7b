//! GitHub Actions workflow commands: one `::error`, `::warning` or
//! `::notice` line per artifact, which the runner turns into an annotation on
//! the file and line the finding points at, then one plain summary line.
//! The Markdown summary for `$GITHUB_STEP_SUMMARY` is [`super::markdown`].

use super::diagnostic::diagnostics;
use super::escape::{line, workflow_data as escape_data, workflow_property as escape_property};
use super::{Report, SourceFiles, summary_line};
use crate::domain::Severity;
use std::fmt::Write;

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    }
}

/// One annotation per artifact, on the line that brings it in: the head
/// message, each failing reason tagged with its code, and the helps. Each
/// piece from outside is one line before the pieces are joined, so only
/// our own line breaks become the message's `%0A`.
pub fn render(report: &Report<'_>, sources: &SourceFiles) -> String {
    let mut out = String::new();
    // Obligations are about licenses, not a line: they are in the summary.
    for d in diagnostics(report, sources)
        .into_iter()
        .filter(|d| d.code != crate::domain::Code::Obligation)
    {
        let mut message = line(d.message);
        for r in &d.reasons {
            message.push_str(&format!("\n- {}: {}", line(&r.tag), line(&r.text)));
        }
        for help in &d.helps {
            message.push_str("\nhelp: ");
            message.push_str(&line(help));
        }
        let _ = writeln!(
            out,
            "::{} file={},line={},title={}::{}",
            command(d.severity),
            escape_property(&d.at.file),
            d.at.line,
            escape_property(&format!("{} ({})", d.code, d.subject)),
            escape_data(&message)
        );
    }
    let _ = writeln!(out, "cargo-model-audit {}", line(&summary_line(report)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_expects() {
        assert_eq!(escape_data("100%\r\nnext"), "100%25%0D%0Anext");
        assert_eq!(escape_property("a: b, c%"), "a%3A b%2C c%25");
        assert_eq!(escape_property("a\n::x"), "a\\n%3A%3Ax");
        assert_eq!(escape_data("\u{1b}[31m"), "\\u{1b}[31m");
    }
}
