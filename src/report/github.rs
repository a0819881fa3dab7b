//! GitHub Actions workflow commands: one `::error`, `::warning` or
//! `::notice` line per artifact, which the runner turns into an annotation on
//! the file and line the finding points at, then one plain summary line.
//! The Markdown summary for `$GITHUB_STEP_SUMMARY` is [`super::markdown`].

use super::diagnostic::diagnostics;
use super::{Report, SourceFiles, summary_line};
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

/// One annotation per artifact, on the line that brings it in: the head
/// message, each failing reason tagged with its code, and the helps.
pub fn render(report: &Report<'_>, sources: &SourceFiles) -> String {
    let mut out = String::new();
    // Obligations are about licenses, not a line: they are in the summary.
    for d in diagnostics(report, sources)
        .into_iter()
        .filter(|d| d.code != crate::domain::Code::Obligation)
    {
        let mut message = d.message.to_owned();
        for r in &d.reasons {
            message.push_str(&format!("\n- {}: {}", r.tag, r.text));
        }
        for help in &d.helps {
            message.push_str("\nhelp: ");
            message.push_str(help);
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
    let _ = writeln!(out, "cargo-model-audit {}", summary_line(report));
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
