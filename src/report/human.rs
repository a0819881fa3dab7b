//! Human output, in the style of cargo and rustc diagnostics: one block per
//! artifact with an excerpt of the line that brings it in, the license and
//! its evidence, the claims and the failing reasons, the inclusion path and
//! the helps; then a one-line summary.

use super::diagnostic::Diagnostic;
use super::escape::{self, Plain, Safe, plain, plain_lines, styled};
use super::{Report, SourceFiles, summary_with};
use crate::domain::Severity;
use annotate_snippets::{AnnotationKind, Level, Origin, Renderer, Snippet};
use console::Style;
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
/// the Hub: each piece handed to `annotate-snippets` is [`Safe`] plain text
/// (the drawing only adds the tool's gutters, lines and colours).
fn diagnostic_block(
    report: &Report<'_>,
    sources: &SourceFiles,
    d: &Diagnostic<'_>,
    out: &mut Safe<Plain>,
) {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    };
    let path = (d.path.len() > 1).then(|| plain(&d.path.join(" -> ")));
    let file = plain(&d.at.file);
    let message = plain(d.message);
    let title = level.primary_title(message.as_str()).id(d.code.as_str());
    let excerpt = sources
        .excerpt(&d.at)
        .map(|(line, range)| escaped_excerpt(line, range));
    let label = path.as_ref().map(|path| safe!("path: {}", path));
    let (mut group, path) = match &excerpt {
        Some((text, range)) => {
            let mut mark = AnnotationKind::Primary.span(range.clone());
            if let Some(label) = &label {
                mark = mark.label(label.as_str());
            }
            let snippet = Snippet::source(text.as_str())
                .line_start(d.at.line as usize)
                .path(file.as_str())
                .annotation(mark);
            (title.element(snippet), None)
        }
        None => (
            title.element(Origin::path(file.as_str()).line(d.at.line as usize)),
            path,
        ),
    };
    let mut notes: Vec<(Safe<Plain>, Safe<Plain>)> = Vec::new();
    match (&d.license, d.evidence.is_empty()) {
        (Some(license), true) => notes.push((plain("license"), plain(license))),
        (Some(license), false) => notes.push((
            plain("license"),
            plain(&format!("{license} ({})", d.evidence.join("; "))),
        )),
        // A finding on the config: the excerpt already names the entry.
        (None, _) => {}
    }
    for c in &d.claims {
        notes.push((
            plain("claim"),
            plain(&super::diagnostic::claim_line(report, c)),
        ));
    }
    for r in &d.reasons {
        notes.push((plain(&r.tag), plain(&r.text)));
    }
    for (name, text) in &notes {
        group = group.element(Level::NOTE.with_name(name.as_str()).message(text.as_str()));
    }
    if let Some(path) = &path {
        group = group.element(Level::NOTE.with_name("path").message(path.as_str()));
    }
    let helps: Vec<Safe<Plain>> = d.helps.iter().map(|h| plain(h)).collect();
    for help in &helps {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    let renderer = if console::colors_enabled() {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    out.push(escape::drawn(without_gap(&renderer.render(&[group]))));
    out.push("\n\n");
}

/// An excerpt line made safe to print, with the underlined range moved to
/// where its text lands once escaped.
fn escaped_excerpt(line: &str, range: Range<usize>) -> (Safe<Plain>, Range<usize>) {
    let keep_tabs = plain_lines;
    let before = keep_tabs(&line[..range.start]);
    let marked = keep_tabs(&line[range.clone()]);
    let text = safe!("{}{}{}", &before, &marked, keep_tabs(&line[range.end..]));
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

pub fn render(report: &Report<'_>, sources: &SourceFiles) -> Safe<Plain> {
    let mut out = Safe::new();
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
        let green = Style::new().green();
        for ra in report.artifacts {
            if report.findings_for(&ra.artifact.id).next().is_some() {
                continue;
            }
            out.push(safe!(
                "{} {}: {}\n",
                styled(&green, "ok"),
                plain(&ra.artifact.display_name()),
                plain(&ra.license.display())
            ));
            for e in &ra.license.evidence {
                let file = e
                    .file
                    .as_deref()
                    .map(|f| safe!("{}: ", plain(&report.show_path(f))))
                    .unwrap_or_default();
                out.push(safe!("   {}{}\n", file, plain(&e.note)));
            }
        }
        if !report.artifacts.is_empty() {
            out.push("\n");
        }
    }
    let shown = if report.verbose > 0 {
        obligations_block(report, &mut out)
    } else {
        obligations_line(report, &mut out)
    };
    let summary = summary_with(report, shown);
    let head = if summary.word == "ok" {
        Style::new().green().bold()
    } else {
        severity_style(Severity::Error)
    };
    out.push(safe!(
        "{}: {} (policy: {})\n",
        styled(&head, summary.word),
        summary.counts,
        summary.policy
    ));
    out
}

/// A workspace crate whose manifest has no `license` at all (a fresh
/// `cargo new`): nothing in the full block that the one line does not say.
fn declares_no_license(report: &Report<'_>, d: &Diagnostic<'_>) -> bool {
    report.artifact(d.artifact).is_some_and(
        |ra| matches!(&ra.artifact.facts, crate::domain::Facts::Crate(c) if c.license.is_none()),
    )
}

/// A severity and code as rustc writes them: `warning[unlicensed-member]`.
fn head(severity: Severity, code: crate::domain::Code) -> Safe<Plain> {
    safe!(
        "{}",
        styled(&severity_style(severity), safe!("{}[{}]", severity, code))
    )
}

/// A workspace crate without a license, said once: what is missing, where,
/// and the fix (a fresh `cargo new` app has this; `-v` draws the full block).
fn member_line(d: &Diagnostic<'_>, out: &mut Safe<Plain>) {
    out.push(safe!(
        "{}: {} ({}:{})",
        head(d.severity, d.code),
        plain(d.message),
        plain(&d.at.file),
        d.at.line
    ));
    for help in &d.helps {
        out.push(safe!(": {}", plain(help)));
    }
    out.push("\n\n");
}

/// What shipping requires, in one line pointing at `notices` (the licenses
/// one by one with `-v`, and always in the machine formats). Returns the
/// number of notes shown.
fn obligations_line(report: &Report<'_>, out: &mut Safe<Plain>) -> usize {
    let notes = report.verdict.obligation_notes();
    if notes.is_empty() {
        return 0;
    }
    let n = notes.len();
    out.push(safe!(
        "{}: {} {} of what you ship ask{} for license texts or notices: `cargo model-audit notices` writes them (`-v` lists each)\n\n",
        styled(&severity_style(Severity::Note), "note[obligation]"),
        n,
        if n == 1 { "license" } else { "licenses" },
        if n == 1 { "s" } else { "" }
    ));
    1
}

/// What shipping the checked artifacts requires: one compact block per
/// license (the `obligation` notes), not one per artifact. Returns the
/// number of notes shown.
fn obligations_block(report: &Report<'_>, out: &mut Safe<Plain>) -> usize {
    let notes = report.verdict.obligation_notes();
    if notes.is_empty() {
        return 0;
    }
    let blue = Style::new().blue().bold();
    for f in &notes {
        out.push(safe!(
            "{}: {}\n",
            head(f.severity, f.code),
            plain(&f.message)
        ));
        // The exact words and the clause behind each requirement; the
        // license texts themselves are for `notices`.
        for r in &f.reasons {
            out.push(safe!("{} {}\n", styled(&blue, "  |"), plain(&r.text)));
        }
    }
    out.push(safe!(
        "{} help: `cargo model-audit notices` writes the license texts and notices, with a checklist of the rest\n\n",
        styled(&blue, "  =")
    ));
    notes.len()
}

fn scope_word(scope: crate::domain::Scope) -> &'static str {
    match scope {
        crate::domain::Scope::Normal => "normal",
        crate::domain::Scope::Build => "build",
        crate::domain::Scope::Dev => "dev",
    }
}

/// A reference's place: `file:line`, the file, or nothing.
fn place(report: &Report<'_>, file: Option<&str>, line: Option<u32>) -> Safe<Plain> {
    match (file, line) {
        (Some(f), Some(l)) => safe!("{}:{}", plain(&report.show_path(f)), l),
        (Some(f), None) => plain(&report.show_path(f)),
        _ => Safe::new(),
    }
}

/// `list`: a table of every artifact with its kind, license, where the
/// license came from and how it is reached; under each model, the places that
/// name it; then the references that were found but not audited.
pub fn render_list(report: &Report<'_>) -> Safe<Plain> {
    let mut out = Safe::new();
    let bold = Style::new().bold();
    let dim = Style::new().dim();
    let rows: Vec<[Safe<Plain>; 5]> = report
        .artifacts
        .iter()
        .map(|ra| {
            let source = ra
                .license
                .evidence
                .first()
                .map(|e| e.source.as_str())
                .unwrap_or_default();
            [
                plain(&ra.artifact.display_name()),
                safe!("{}", ra.artifact.kind().as_str()),
                plain(&ra.license.display()),
                safe!("{}", source),
                safe!("{}", scope_word(ra.artifact.scope)),
            ]
        })
        .collect();
    let header = ["artifact", "kind", "license", "from", "scope"].map(|h| safe!("{}", h));
    let mut widths = header.each_ref().map(|h| h.chars().count());
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r.iter()) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: &[Safe<Plain>; 5]| -> Safe<Plain> {
        let mut l = Safe::new();
        for (i, c) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                l.push(c);
            } else {
                l.push(safe!("{}  ", c.pad_to(widths[i])));
            }
        }
        l
    };
    out.push(safe!("{}\n", styled(&bold, line(&header))));
    for (r, ra) in rows.iter().zip(report.artifacts) {
        out.push(safe!("{}\n", line(r)));
        if ra.artifact.kind() != crate::domain::ArtifactKind::Crate {
            for reference in &ra.artifact.references {
                let place = place(report, reference.file.as_deref(), reference.line);
                let krate = reference
                    .krate
                    .as_deref()
                    .map(|k| safe!(", {}", plain(k)))
                    .unwrap_or_default();
                let confidence = serde_json::to_value(reference.confidence)
                    .ok()
                    .and_then(|v| v.as_str().map(plain))
                    .unwrap_or_default();
                let dev = reference
                    .dev
                    .as_deref()
                    .map(|d| safe!(", dev: {}", plain(d)))
                    .unwrap_or_default();
                out.push(safe!(
                    "{}\n",
                    styled(
                        &dim,
                        safe!(
                            "    <- {} ({}, {} confidence{}{})",
                            place,
                            reference.kind,
                            confidence,
                            krate,
                            dev
                        )
                    )
                ));
                if !reference.via.is_empty() {
                    out.push(safe!(
                        "{}\n",
                        styled(
                            &dim,
                            safe!("       via {}", plain(&reference.via.join(" → ")))
                        )
                    ));
                }
            }
        }
    }
    if !report.loose.is_empty() {
        out.push(safe!(
            "\n{}\n",
            styled(&bold, "references found but not audited")
        ));
        for l in report.loose {
            out.push(safe!(
                "  {}  {} ({}): {}\n",
                plain(&l.id),
                place(report, l.reference.file.as_deref(), l.reference.line),
                l.reference.kind,
                plain(&l.why)
            ));
        }
    }
    out
}

/// `list --format tsv`: one line per artifact, tab-separated, with a header.
pub fn render_tsv(report: &Report<'_>) -> Safe<Plain> {
    let mut out = safe!("id\tkind\tname\tversion\tlicense\tscope\tclaims\tpath\n");
    for ra in report.artifacts {
        let a = &ra.artifact;
        out.push(safe!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            plain(a.id.as_str()),
            a.kind().as_str(),
            plain(&a.name),
            plain(&a.version),
            plain(&ra.license.display()),
            scope_word(a.scope),
            ra.claims.len(),
            plain(&a.path.join(" > "))
        ));
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
pub fn render_by_license(report: &Report<'_>) -> Safe<Plain> {
    let bold = Style::new().bold();
    let mut out = Safe::new();
    for (id, names) in license_groups(report) {
        out.push(safe!(
            "{} ({}): {}\n",
            styled(&bold, plain(&id)),
            names.len(),
            plain(&names.join(", "))
        ));
    }
    out
}

/// `list --group-by license --format tsv`: `license`, `count`, `artifacts`.
pub fn render_by_license_tsv(report: &Report<'_>) -> Safe<Plain> {
    let mut out = safe!("license\tcount\tartifacts\n");
    for (id, names) in license_groups(report) {
        out.push(safe!(
            "{}\t{}\t{}\n",
            plain(&id),
            names.len(),
            Safe::join(names.iter().map(|n| plain(n)), " ")
        ));
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
