//! Human output, in the style of cargo and rustc diagnostics: findings
//! grouped by artifact, each block with an excerpt of the line that brings
//! the artifact in, the license, the claims and the failing clauses, the
//! evidence and the inclusion path; then a one-line summary.

use super::{Report, SourceFiles};
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

fn finding_block(report: &Report<'_>, sources: &SourceFiles, f: &Finding, out: &mut String) {
    let bold = Style::new().bold();
    let blue = Style::new().blue().bold();
    let _ = writeln!(
        out,
        "{}: {}",
        severity_style(f.severity).apply_to(format!("{}[{}]", f.severity.as_str(), f.code)),
        bold.apply_to(&f.message)
    );
    let bar = blue.apply_to("  |");
    let at = super::locate(report, sources, f);
    let _ = writeln!(out, "{} {}:{}", blue.apply_to("  -->"), at.file, at.line);
    if let Some(text) = sources.line_text(&at.file, at.line) {
        let n = at.line.to_string();
        let pad = " ".repeat(n.len());
        let _ = writeln!(out, "  {pad} {}", blue.apply_to("|"));
        let _ = writeln!(
            out,
            "  {} {} {}",
            blue.apply_to(&n),
            blue.apply_to("|"),
            text.trim_end()
        );
        let _ = writeln!(out, "  {pad} {}", blue.apply_to("|"));
    }
    if let Some(ra) = report
        .artifacts
        .iter()
        .find(|a| a.artifact.id == f.artifact)
    {
        let _ = writeln!(
            out,
            "{} license: {}",
            blue.apply_to("  ="),
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

pub fn render(report: &Report<'_>, sources: &SourceFiles) -> String {
    let mut out = String::new();
    // Grouped by artifact: the artifact with the worst finding first.
    let worst = |id: &str| {
        report
            .verdict
            .findings
            .iter()
            .filter(|f| f.artifact == id)
            .map(|f| f.severity)
            .max()
            .unwrap_or(Severity::Note)
    };
    let mut order: Vec<&Finding> = report
        .verdict
        .findings
        .iter()
        .filter(|f| f.code != crate::domain::Code::Obligation)
        .collect();
    order.sort_by(|a, b| {
        (
            std::cmp::Reverse(worst(&a.artifact)),
            &a.artifact,
            std::cmp::Reverse(a.severity),
            a.code,
        )
            .cmp(&(
                std::cmp::Reverse(worst(&b.artifact)),
                &b.artifact,
                std::cmp::Reverse(b.severity),
                b.code,
            ))
    });
    for f in order {
        finding_block(report, sources, f, &mut out);
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
    obligations_block(report, &mut out);
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

/// What shipping the checked artifacts requires: one compact block per
/// license (the `obligation` notes), not one per artifact.
fn obligations_block(report: &Report<'_>, out: &mut String) {
    let notes: Vec<&Finding> = report
        .verdict
        .findings
        .iter()
        .filter(|f| f.code == crate::domain::Code::Obligation)
        .collect();
    if notes.is_empty() {
        return;
    }
    let blue = Style::new().blue().bold();
    for f in &notes {
        let _ = writeln!(
            out,
            "{}: {}",
            severity_style(f.severity).apply_to(format!("{}[{}]", f.severity.as_str(), f.code)),
            f.message
        );
        // The exact words and the clause behind each requirement; the
        // license texts themselves are for `notices`.
        for r in &f.reasons {
            let _ = writeln!(out, "{} {r}", blue.apply_to("  |"));
        }
    }
    let _ = writeln!(
        out,
        "{} help: `cargo model-audit notices` writes the license texts and notices, with a checklist of the rest\n",
        blue.apply_to("  =")
    );
}

/// `list`: a table of every artifact with its kind, license, where the
/// license came from and how it is reached; under each model, the places that
/// name it; then the references that were found but not audited.
pub fn render_list(report: &Report<'_>) -> String {
    let mut out = String::new();
    let bold = Style::new().bold();
    let dim = Style::new().dim();
    let rows: Vec<[String; 5]> = report
        .artifacts
        .iter()
        .map(|ra| {
            let scope = match ra.artifact.scope {
                crate::domain::Scope::Normal => "normal",
                crate::domain::Scope::Build => "build",
                crate::domain::Scope::Dev => "dev",
            };
            let source = ra
                .license
                .evidence
                .iter()
                .find(|e| e.source != "lock")
                .or(ra.license.evidence.first())
                .map(|e| e.source.clone())
                .unwrap_or_default();
            [
                ra.artifact.display_name(),
                ra.artifact.kind.as_str().to_owned(),
                ra.license.display(),
                source,
                scope.to_owned(),
            ]
        })
        .collect();
    let header = ["artifact", "kind", "license", "from", "scope"];
    let mut widths = header.map(str::len);
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r.iter()) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: &[String; 5]| -> String {
        let mut l = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                l.push_str(c);
            } else {
                let _ = write!(l, "{c:<w$}  ", w = widths[i]);
            }
        }
        l
    };
    let _ = writeln!(out, "{}", bold.apply_to(line(&header.map(str::to_owned))));
    for (r, ra) in rows.iter().zip(report.artifacts) {
        let _ = writeln!(out, "{}", line(r));
        if ra.artifact.kind != crate::domain::ArtifactKind::Crate {
            for reference in &ra.artifact.references {
                let place = match (&reference.file, reference.line) {
                    (Some(f), Some(l)) => format!("{}:{l}", report.show_path(f)),
                    (Some(f), None) => report.show_path(f),
                    _ => String::new(),
                };
                let krate = reference
                    .krate
                    .as_deref()
                    .map(|k| format!(", {k}"))
                    .unwrap_or_default();
                let confidence = serde_json::to_value(reference.confidence)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "{}",
                    dim.apply_to(format!(
                        "    <- {place} ({}, {confidence} confidence{krate})",
                        reference.kind
                    ))
                );
            }
        }
    }
    if !report.loose.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            bold.apply_to("references found but not audited")
        );
        for l in report.loose {
            let place = match (&l.reference.file, l.reference.line) {
                (Some(f), Some(n)) => format!("{}:{n}", report.show_path(f)),
                (Some(f), None) => report.show_path(f),
                _ => String::new(),
            };
            let _ = writeln!(out, "  {}  {place} ({}): {}", l.id, l.reference.kind, l.why);
        }
    }
    out
}

/// `list --format tsv`: one line per artifact, tab-separated, with a header.
pub fn render_tsv(report: &Report<'_>) -> String {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let mut out = String::from("id\tkind\tname\tversion\tlicense\tscope\tclaims\tpath\n");
    for ra in report.artifacts {
        let a = &ra.artifact;
        let scope = match a.scope {
            crate::domain::Scope::Normal => "normal",
            crate::domain::Scope::Build => "build",
            crate::domain::Scope::Dev => "dev",
        };
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            clean(&a.id),
            a.kind.as_str(),
            clean(&a.name),
            clean(&a.version),
            clean(&ra.license.display()),
            scope,
            ra.claims.len(),
            clean(&a.path.join(" > "))
        );
    }
    out
}
