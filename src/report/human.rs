//! Human output, in the style of cargo and rustc diagnostics: one block per
//! artifact with an excerpt of the line that brings it in, the license and
//! its evidence, the claims and the failing reasons, the inclusion path and
//! the helps; then a one-line summary.

use super::diagnostic::Diagnostic;
use super::escape::line as escape;
use super::{Report, SourceFiles, summary_line_with};
use crate::domain::Severity;
use annotate_snippets::{AnnotationKind, Level, Origin, Renderer, Snippet};
use console::Style;
use std::fmt::Write;
use std::ops::Range;

fn severity_style(s: Severity) -> Style {
    match s {
        Severity::Error => Style::new().red().bold(),
        Severity::Warning => Style::new().yellow().bold(),
        Severity::Note => Style::new().cyan().bold(),
    }
}

/// One artifact's diagnostic, drawn by `annotate-snippets` as rustc draws
/// its own: the head line with the most severe code, the excerpt of the
/// line that brings the artifact in with the declaration underlined and
/// labelled with the path, then the license with its evidence, the claims,
/// each failing reason tagged with its code and the helps, each once.
///
/// Everything in it but our own words comes from the audited workspace or
/// the Hub, so each piece is escaped before it is drawn.
fn diagnostic_block(
    report: &Report<'_>,
    sources: &SourceFiles,
    d: &Diagnostic<'_>,
    out: &mut String,
) {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    };
    let path = (d.path.len() > 1).then(|| escape(&d.path.join(" -> ")));
    let file = escape(&d.at.file);
    let title = level.primary_title(escape(d.message)).id(d.code.as_str());
    let (mut group, path) = match sources.excerpt(&d.at) {
        Some((line, range)) => {
            let (text, range) = escaped_excerpt(line, range);
            let mut mark = AnnotationKind::Primary.span(range);
            if let Some(path) = path {
                mark = mark.label(format!("path: {path}"));
            }
            let snippet = Snippet::source(text)
                .line_start(d.at.line as usize)
                .path(file)
                .annotation(mark);
            (title.element(snippet), None)
        }
        None => (
            title.element(Origin::path(file).line(d.at.line as usize)),
            path,
        ),
    };
    let note =
        |name: &str, text: String| Level::NOTE.with_name(escape(name)).message(escape(&text));
    match (&d.license, d.evidence.is_empty()) {
        (Some(license), true) => group = group.element(note("license", license.clone())),
        (Some(license), false) => {
            group = group.element(note(
                "license",
                format!("{license} ({})", d.evidence.join("; ")),
            ))
        }
        // A finding on the config: the excerpt already names the entry.
        (None, _) => {}
    }
    for c in &d.claims {
        group = group.element(note("claim", super::diagnostic::claim_line(report, c)));
    }
    for r in &d.reasons {
        group = group.element(note(&r.tag, r.text.clone()));
    }
    if let Some(path) = path {
        group = group.element(Level::NOTE.with_name("path").message(path));
    }
    for help in &d.helps {
        group = group.element(Level::HELP.message(escape(help)));
    }
    let renderer = if console::colors_enabled() {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let drawn = renderer.render(&[group]);
    out.push_str(&without_gap(&drawn));
    out.push_str("\n\n");
}

/// An excerpt line made safe to print, with the underlined range moved to
/// where its text lands once escaped.
fn escaped_excerpt(line: &str, range: Range<usize>) -> (String, Range<usize>) {
    let keep_tabs = super::escape::lines;
    let before = keep_tabs(&line[..range.start]);
    let marked = keep_tabs(&line[range.clone()]);
    let text = format!("{before}{marked}{}", keep_tabs(&line[range.end..]));
    (text, before.len()..before.len() + marked.len())
}

/// Drops the bare gutter line that `annotate-snippets` draws between an
/// excerpt and the notes under it, so that a diagnostic with several
/// reasons stays short in a CI log (the notes still hang off the gutter).
fn without_gap(drawn: &str) -> String {
    let plain = |l: &str| console::strip_ansi_codes(l).trim().to_owned();
    let lines: Vec<&str> = drawn.lines().collect();
    let mut out = String::with_capacity(drawn.len());
    for (i, line) in lines.iter().enumerate() {
        let gap = plain(line) == "|"
            && lines
                .get(i + 1)
                .is_some_and(|next| plain(next).starts_with("= "));
        if gap {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

pub fn render(report: &Report<'_>, sources: &SourceFiles) -> String {
    let mut out = String::new();
    // Obligations are one block per license, after the diagnostics.
    for d in super::diagnostic::diagnostics(report, sources)
        .iter()
        .filter(|d| d.code != crate::domain::Code::Obligation)
    {
        if d.codes == [crate::domain::Code::UnlicensedMember]
            && report.verbose == 0
            && declares_no_license(report, d)
        {
            member_line(d, &mut out);
        } else {
            diagnostic_block(report, sources, d, &mut out);
        }
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
                escape(&ra.artifact.display_name()),
                escape(&ra.license.display())
            );
            for e in &ra.license.evidence {
                let file = e
                    .file
                    .as_deref()
                    .map(|f| format!("{}: ", escape(&report.show_path(f))))
                    .unwrap_or_default();
                let _ = writeln!(out, "   {file}{}", escape(&e.note));
            }
        }
        if !report.artifacts.is_empty() {
            out.push('\n');
        }
    }
    let shown = if report.verbose > 0 {
        obligations_block(report, &mut out)
    } else {
        obligations_line(report, &mut out)
    };
    let line = summary_line_with(report, shown);
    let (word, rest) = line.split_once(':').unwrap_or((&line, ""));
    let head = if word == "ok" {
        Style::new().green().bold().apply_to(word.to_owned())
    } else {
        severity_style(Severity::Error).apply_to(word.to_owned())
    };
    let _ = writeln!(out, "{head}:{rest}");
    out
}

/// A workspace crate whose manifest has no `license` at all (a fresh
/// `cargo new`): nothing in the full block that the one line does not say.
fn declares_no_license(report: &Report<'_>, d: &Diagnostic<'_>) -> bool {
    report.artifact(d.artifact).is_some_and(
        |ra| matches!(&ra.artifact.facts, crate::domain::Facts::Crate(c) if c.license.is_none()),
    )
}

/// A workspace crate without a license, said once: what is missing, where,
/// and the fix (a fresh `cargo new` app has this; `-v` draws the full block).
fn member_line(d: &Diagnostic<'_>, out: &mut String) {
    let _ = write!(
        out,
        "{}: {} ({}:{})",
        severity_style(d.severity).apply_to(format!("{}[{}]", d.severity.as_str(), d.code)),
        escape(d.message),
        escape(&d.at.file),
        d.at.line
    );
    for help in &d.helps {
        let _ = write!(out, ": {}", escape(help));
    }
    out.push_str("\n\n");
}

/// What shipping requires, in one line pointing at `notices` (the licenses
/// one by one with `-v`, and always in the machine formats). Returns the
/// number of notes shown.
fn obligations_line(report: &Report<'_>, out: &mut String) -> usize {
    let notes = report.verdict.obligation_notes();
    if notes.is_empty() {
        return 0;
    }
    let n = notes.len();
    let _ = writeln!(
        out,
        "{}: {n} {} of what you ship ask{} for license texts or notices: `cargo model-audit notices` writes them (`-v` lists each)\n",
        severity_style(Severity::Note).apply_to("note[obligation]"),
        if n == 1 { "license" } else { "licenses" },
        if n == 1 { "s" } else { "" }
    );
    1
}

/// What shipping the checked artifacts requires: one compact block per
/// license (the `obligation` notes), not one per artifact. Returns the
/// number of notes shown.
fn obligations_block(report: &Report<'_>, out: &mut String) -> usize {
    let notes = report.verdict.obligation_notes();
    if notes.is_empty() {
        return 0;
    }
    let blue = Style::new().blue().bold();
    for f in &notes {
        let _ = writeln!(
            out,
            "{}: {}",
            severity_style(f.severity).apply_to(format!("{}[{}]", f.severity.as_str(), f.code)),
            escape(&f.message)
        );
        // The exact words and the clause behind each requirement; the
        // license texts themselves are for `notices`.
        for r in &f.reasons {
            let _ = writeln!(out, "{} {}", blue.apply_to("  |"), escape(&r.text));
        }
    }
    let _ = writeln!(
        out,
        "{} help: `cargo model-audit notices` writes the license texts and notices, with a checklist of the rest\n",
        blue.apply_to("  =")
    );
    notes.len()
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
                .first()
                .map(|e| e.source.as_str())
                .unwrap_or_default();
            [
                escape(&ra.artifact.display_name()),
                ra.artifact.kind().as_str().to_owned(),
                escape(&ra.license.display()),
                escape(source),
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
        if ra.artifact.kind() != crate::domain::ArtifactKind::Crate {
            for reference in &ra.artifact.references {
                let place = match (&reference.file, reference.line) {
                    (Some(f), Some(l)) => format!("{}:{l}", escape(&report.show_path(f))),
                    (Some(f), None) => escape(&report.show_path(f)),
                    _ => String::new(),
                };
                let krate = reference
                    .krate
                    .as_deref()
                    .map(|k| format!(", {}", escape(k)))
                    .unwrap_or_default();
                let confidence = serde_json::to_value(reference.confidence)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                let dev = reference
                    .dev
                    .as_deref()
                    .map(|d| format!(", dev: {}", escape(d)))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "{}",
                    dim.apply_to(format!(
                        "    <- {place} ({}, {confidence} confidence{krate}{dev})",
                        reference.kind
                    ))
                );
                if !reference.via.is_empty() {
                    let _ = writeln!(
                        out,
                        "{}",
                        dim.apply_to(format!("       via {}", escape(&reference.via.join(" → "))))
                    );
                }
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
                (Some(f), Some(n)) => format!("{}:{n}", escape(&report.show_path(f))),
                (Some(f), None) => escape(&report.show_path(f)),
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "  {}  {place} ({}): {}",
                escape(&l.id),
                l.reference.kind,
                escape(&l.why)
            );
        }
    }
    out
}

/// `list --format tsv`: one line per artifact, tab-separated, with a header.
pub fn render_tsv(report: &Report<'_>) -> String {
    let clean = escape;
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
            clean(a.id.as_str()),
            a.kind().as_str(),
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

/// Every license id in the inventory with the artifacts that carry it, most
/// common first; an artifact under `MIT OR Apache-2.0` counts under both, as
/// in `cargo deny list`. An unknown license is its own group.
fn license_groups(report: &Report<'_>) -> Vec<(String, Vec<String>)> {
    let mut groups: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for ra in report.artifacts {
        let ids = ra.license.ids();
        let ids = if ids.is_empty() {
            vec!["unknown".to_owned()]
        } else {
            ids
        };
        for id in ids {
            groups
                .entry(id)
                .or_default()
                .push(ra.artifact.display_name());
        }
    }
    let mut groups: Vec<(String, Vec<String>)> = groups.into_iter().collect();
    groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
    groups
}

/// `list --group-by license`: `MIT (5): a@1.0.0, b@2.0.0, ...`.
pub fn render_by_license(report: &Report<'_>) -> String {
    let bold = Style::new().bold();
    let mut out = String::new();
    for (id, names) in license_groups(report) {
        let _ = writeln!(
            out,
            "{} ({}): {}",
            bold.apply_to(escape(&id)),
            names.len(),
            escape(&names.join(", "))
        );
    }
    out
}

/// `list --group-by license --format tsv`: `license`, `count`, `artifacts`.
pub fn render_by_license_tsv(report: &Report<'_>) -> String {
    let clean = escape;
    let mut out = String::from("license\tcount\tartifacts\n");
    for (id, names) in license_groups(report) {
        let names: Vec<String> = names.iter().map(|n| clean(n)).collect();
        let _ = writeln!(out, "{}\t{}\t{}", clean(&id), names.len(), names.join(" "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_underline_follows_the_text_once_escaped() {
        let line = "a\u{1b}[2J = \u{202e}\"org/m\" # \u{7}";
        let start = line.find('"').unwrap();
        let (text, range) = escaped_excerpt(line, start..start + 7);
        assert_eq!(text, "a\\u{1b}[2J = \\u{202e}\"org/m\" # \\u{7}");
        assert_eq!(&text[range], "\"org/m\"");
    }

    #[test]
    fn only_the_gap_before_the_notes_goes() {
        let drawn = "error[x]: m\n --> f:1:1\n  |\n1 | a\n  | ^\n  |\n  = help: h";
        assert_eq!(
            without_gap(drawn),
            "error[x]: m\n --> f:1:1\n  |\n1 | a\n  | ^\n  = help: h"
        );
        let coloured = "1 | a\n\x1b[1m\x1b[94m  |\x1b[0m\n\x1b[1m\x1b[94m  = \x1b[0mhelp: h";
        assert_eq!(
            without_gap(coloured),
            "1 | a\n\x1b[1m\x1b[94m  = \x1b[0mhelp: h"
        );
    }
}
