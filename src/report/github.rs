//! GitHub Actions workflow commands: one `::error`, `::warning` or
//! `::notice` line per finding, which the runner turns into an annotation on
//! the file and line the finding points at, then one plain summary line.
//! The Markdown summary for `$GITHUB_STEP_SUMMARY` is [`super::markdown`].

use super::{Report, SourceFiles, locate, summary_line};
use crate::domain::Severity;
use std::fmt::Write;

/// A command's message: `%`, CR and LF escaped, as the runner expects.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command's property value: as data, and `:` and `,` too.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    }
}

pub fn render(report: &Report<'_>, sources: &SourceFiles) -> String {
    let mut out = String::new();
    // Obligations are about licenses, not a line: they are in the summary.
    for f in report
        .verdict
        .findings
        .iter()
        .filter(|f| f.code != crate::domain::Code::Obligation)
    {
        let at = locate(report, sources, f);
        let subject = report
            .artifact(&f.artifact)
            .map(|ra| ra.artifact.display_name())
            .unwrap_or_else(|| f.artifact.clone());
        let mut message = f.message.clone();
        for r in &f.reasons {
            message.push_str("\n- ");
            message.push_str(r);
        }
        if let Some(help) = &f.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let _ = writeln!(
            out,
            "::{} file={},line={},title={}::{}",
            command(f.severity),
            escape_property(&at.file),
            at.line,
            escape_property(&format!("{} ({subject})", f.code)),
            escape_data(&message)
        );
    }
    let _ = writeln!(
        out,
        "cargo-model-audit {} (policy: {})",
        summary_line(report),
        report.policy.name
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_expects() {
        assert_eq!(escape_data("100%\r\nnext"), "100%25%0D%0Anext");
        assert_eq!(escape_property("a: b, c%"), "a%3A b%2C c%25");
    }
}
