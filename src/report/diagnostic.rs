//! One diagnostic per artifact, for the formats a person reads (human,
//! Markdown, GitHub annotations): the findings on one artifact merged so
//! that each claim, each failing reason, the license with its evidence, the
//! excerpt and the path appear once. The JSON and SARIF reports keep one
//! entry per finding for tools.
//!
//! A renderer only draws a [`Diagnostic`]; what goes in it is decided here,
//! in one place, so every format shows the same thing.

use super::{Location, Report, SourceFiles, locate};
use crate::domain::{Claim, Code, Finding, ReasonTag, Severity};

/// One failing reason, tagged with the code (or restriction class) it
/// belongs to: `not-allowed`, `restriction:user-cap`, `open-washing`, ...
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub tag: String,
    pub text: String,
}

/// Everything a person needs about one artifact (or one config entry).
#[derive(Debug, Clone)]
pub struct Diagnostic<'a> {
    /// The most severe finding's severity and code head the diagnostic.
    pub severity: Severity,
    pub code: Code,
    /// Every code, most severe first.
    pub codes: Vec<Code>,
    /// The artifact id (or the config entry the findings are about).
    pub artifact: &'a str,
    /// `name@version` or the model id, as people write it.
    pub subject: String,
    /// The head finding's message.
    pub message: &'a str,
    pub at: Location,
    /// The license as resolved and, after it, where it came from.
    pub license: Option<String>,
    pub evidence: Vec<String>,
    pub claims: Vec<&'a Claim>,
    pub reasons: Vec<Line>,
    /// From a workspace member to the artifact, when there is one.
    pub path: Vec<crate::domain::SharedStr>,
    pub helps: Vec<&'a str>,
    pub findings: Vec<&'a Finding>,
}

/// The diagnostics of a report, the artifact with the most severe finding
/// first (the verdict's order).
pub fn diagnostics<'a>(report: &'a Report<'a>, sources: &SourceFiles) -> Vec<Diagnostic<'a>> {
    // Grouped in one pass, in order of first appearance (linear time).
    let mut groups: Vec<Vec<&Finding>> = Vec::new();
    let mut slot: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for f in &report.verdict.findings {
        let i = *slot.entry(f.artifact.as_str()).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[i].push(f);
    }
    groups
        .into_iter()
        .map(|findings| build(report, sources, findings))
        .collect()
}

fn build<'a>(
    report: &'a Report<'a>,
    sources: &SourceFiles,
    findings: Vec<&'a Finding>,
) -> Diagnostic<'a> {
    let head = findings[0];
    let ra = report.artifact(&head.artifact);
    let mut codes: Vec<Code> = Vec::new();
    let mut claims: Vec<&Claim> = Vec::new();
    let mut helps: Vec<&str> = Vec::new();
    let mut plain: Vec<Line> = Vec::new();
    let mut restrictions: Vec<Line> = Vec::new();
    for f in &findings {
        if !codes.contains(&f.code) {
            codes.push(f.code);
        }
        for c in &f.claims {
            if !claims.contains(&c) {
                claims.push(c);
            }
        }
        if let Some(h) = f.help.as_deref()
            && !helps.contains(&h)
        {
            helps.push(h);
        }
        let lines: Vec<(ReasonTag, String)> = if f.reasons.is_empty() && !std::ptr::eq(*f, head) {
            vec![(ReasonTag::Code(f.code), f.message.clone())]
        } else {
            f.reasons
                .iter()
                .map(|r| (r.tag, r.text.to_string()))
                .collect()
        };
        for (tag, text) in lines {
            let line = Line {
                tag: tag.label(),
                text,
            };
            let list = match tag {
                ReasonTag::Restriction(_) => &mut restrictions,
                _ => &mut plain,
            };
            if !list.contains(&line) {
                list.push(line);
            }
        }
    }
    plain.extend(restrictions);

    let evidence_of = |ev: &[crate::domain::Evidence]| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for e in ev {
            let mut line = String::new();
            if let Some(file) = &e.file {
                line.push_str(&report.show_path(file));
                if let Some(n) = e.line {
                    line.push_str(&format!(":{n}"));
                }
                line.push_str(": ");
            }
            line.push_str(&e.note);
            if let Some(score) = e.score {
                line.push_str(&format!(" [score {score:.3}]"));
            }
            // A reason that already says it is not repeated as evidence.
            if !plain.iter().any(|r| r.text == e.note) && !out.contains(&line) {
                out.push(line);
            }
        }
        out
    };
    let (license, evidence, subject, path) = match ra {
        Some(ra) => (
            Some(ra.license.display()),
            evidence_of(&ra.license.evidence),
            ra.artifact.display_name(),
            ra.artifact.path.clone(),
        ),
        None => (
            None,
            evidence_of(&head.evidence),
            head.artifact.to_string(),
            head.path.clone(),
        ),
    };
    // A lineage conflict's path runs on to the base; the others stop at the
    // artifact. Show the longest, once.
    let path = findings
        .iter()
        .map(|f| &f.path)
        .filter(|p| p.starts_with(&path))
        .max_by_key(|p| p.len())
        .cloned()
        .unwrap_or(path);
    Diagnostic {
        severity: head.severity,
        code: head.code,
        codes,
        artifact: &head.artifact,
        subject,
        message: &head.message,
        at: locate(report, sources, head),
        license,
        evidence,
        claims,
        reasons: plain,
        path,
        helps,
        findings,
    }
}

/// A claim in one line: who said it, the quote, and where.
pub fn claim_line(report: &Report<'_>, c: &Claim) -> String {
    format!(
        "{}: \"{}\" ({})",
        c.note(),
        c.quote,
        report.show_path(&c.location)
    )
}
