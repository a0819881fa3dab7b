//! Human output, in the style of cargo and rustc diagnostics: one block per
//! finding with the license, the evidence and the path that brought the
//! artifact in, then a one-line summary.

use super::Report;
use crate::domain::{Finding, Severity};
use console::Style;
use std::fmt::Write;

fn severity_style(s: Severity) -> Style {
    match s {
        Severity::Error => Style::new().red().bold(),
        Severity::Warning => Style::new().yellow().bold(),
        Severity::Note => Style::new().cyan().bold(),
    }
}

fn finding_block(report: &Report<'_>, f: &Finding, out: &mut String) {
    let bold = Style::new().bold();
    let blue = Style::new().blue().bold();
    let _ = writeln!(
        out,
        "{}: {}",
        severity_style(f.severity).apply_to(format!("{}[{}]", f.severity.as_str(), f.code)),
        bold.apply_to(&f.message)
    );
    let bar = blue.apply_to("  |");
    if let Some(ra) = report
        .artifacts
        .iter()
        .find(|a| a.artifact.id == f.artifact)
    {
        let _ = writeln!(
            out,
            "{} license: {}",
            blue.apply_to("  -->"),
            ra.license.display()
        );
    }
    for e in f.evidence.iter().filter(|e| e.source.starts_with("claim:")) {
        let quote = e
            .quote
            .as_deref()
            .map(|q| format!(": \"{q}\""))
            .unwrap_or_default();
        let place = e
            .file
            .as_deref()
            .map(|l| format!(" ({})", report.show_path(l)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{} {}{quote}{place}",
            blue.apply_to("  = claim:"),
            e.note
        );
    }
    for r in &f.reasons {
        let _ = writeln!(out, "{bar} {r}");
    }
    for e in f
        .evidence
        .iter()
        .filter(|e| !e.source.starts_with("claim:"))
    {
        if f.reasons.iter().any(|r| r == &e.note) {
            continue;
        }
        let mut line = String::new();
        if let Some(file) = &e.file {
            let _ = write!(line, "{}", report.show_path(file));
            if let Some(n) = e.line {
                let _ = write!(line, ":{n}");
            }
            line.push_str(": ");
        }
        line.push_str(&e.note);
        if let Some(score) = e.score {
            let _ = write!(line, " [score {score:.3}]");
        }
        let _ = writeln!(out, "{bar} {line}");
    }
    if f.path.len() > 1 {
        let _ = writeln!(
            out,
            "{} path: {}",
            blue.apply_to("  ="),
            f.path.join(" -> ")
        );
    }
    if let Some(help) = &f.help {
        let _ = writeln!(out, "{} help: {help}", blue.apply_to("  ="));
    }
    out.push('\n');
}

pub fn render(report: &Report<'_>) -> String {
    let mut out = String::new();
    for f in &report.verdict.findings {
        finding_block(report, f, &mut out);
    }
    if report.verbose > 0 {
        for ra in report.artifacts {
            if report.findings_for(&ra.artifact.id).next().is_some() {
                continue;
            }
            let _ = writeln!(
                out,
                "{} {}: {}",
                Style::new().green().apply_to("ok"),
                ra.artifact.display_name(),
                ra.license.display()
            );
            for e in &ra.license.evidence {
                let file = e
                    .file
                    .as_deref()
                    .map(|f| format!("{}: ", report.show_path(f)))
                    .unwrap_or_default();
                let _ = writeln!(out, "   {file}{}", e.note);
            }
        }
        if !report.artifacts.is_empty() {
            out.push('\n');
        }
    }
    let errors = report.verdict.count(Severity::Error);
    let warnings = report.verdict.count(Severity::Warning);
    let notes = report.verdict.count(Severity::Note);
    let plural = |n: usize, w: &str| {
        if n == 1 {
            format!("{n} {w}")
        } else {
            format!("{n} {w}s")
        }
    };
    let head = if errors > 0 {
        severity_style(Severity::Error).apply_to("FAILED".to_owned())
    } else {
        Style::new().green().bold().apply_to("ok".to_owned())
    };
    let _ = writeln!(
        out,
        "{head}: {}, {}, {}; {} checked of {} (policy: {})",
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(notes, "note"),
        report.verdict.checked,
        plural(report.artifacts.len(), "artifact"),
        report.policy.name
    );
    out
}

/// `list`: one line per artifact with its license and how it is reached.
pub fn render_list(report: &Report<'_>) -> String {
    let mut out = String::new();
    let width = report
        .artifacts
        .iter()
        .map(|a| a.artifact.display_name().len())
        .max()
        .unwrap_or(0);
    for ra in report.artifacts {
        let scope = match ra.artifact.scope {
            crate::domain::Scope::Normal => "",
            crate::domain::Scope::Build => " (build)",
            crate::domain::Scope::Dev => " (dev)",
        };
        let source = ra
            .license
            .evidence
            .last()
            .map(|e| e.source.as_str())
            .unwrap_or("");
        let _ = writeln!(
            out,
            "{:<width$}  {}  [{}]{}",
            ra.artifact.display_name(),
            ra.license.display(),
            source,
            scope
        );
    }
    out
}
