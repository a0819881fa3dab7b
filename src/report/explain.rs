//! `explain`: what the catalog and the SPDX list know about a license, or
//! how one artifact's license was resolved.

use super::Audit;
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use std::fmt::Write;

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// The facts about a license id or expression, `Ok(None)` if the text is
/// not a license (an artifact's name, say). An expression is read as
/// `check` reads a crate's `license` (strict SPDX, else lenient:
/// `MIT/Apache-2.0`, `GPL-3.0+`), so what it shows is what is evaluated;
/// one that does not parse is an error.
pub fn license(text: &str, catalog: &Catalog) -> Result<Option<String>> {
    let text = text.trim();
    let plain = !text.contains(|c: char| c.is_whitespace() || "()/+".contains(c));
    if plain && let Some(out) = one_license(text, catalog) {
        return Ok(Some(out));
    }
    let operators = text.contains(|c: char| c.is_whitespace() || c == '(' || c == ')');
    match parse(text, catalog) {
        Ok(expr) => Ok(Some(expression(text, &expr, catalog))),
        Err(reason) if operators => Err(Error::usage(format!(
            "`{text}` is not a valid license expression: {reason}"
        ))
        .with_help(
            "write SPDX ids joined by AND, OR, WITH and parentheses, e.g. `MIT OR Apache-2.0`",
        )),
        Err(_) => Ok(None),
    }
}

/// Parses an expression as `check` does, with catalog ids (`llama2`)
/// written as their `LicenseRef-` form first; else why the strict parse
/// failed.
fn parse(
    text: &str,
    catalog: &Catalog,
) -> std::result::Result<spdx::Expression, spdx::error::Reason> {
    let spaced = text.replace('(', " ( ").replace(')', " ) ");
    let mapped: Vec<String> = spaced
        .split_whitespace()
        .map(|token| match catalog.lookup(token) {
            Some(e) if spdx::license_id(token).is_none() => {
                e.spdx.clone().unwrap_or_else(|| e.license_ref())
            }
            _ => token.to_owned(),
        })
        .collect();
    let mapped = mapped.join(" ");
    match spdx::Expression::parse(&mapped) {
        Ok(expr) => Ok(expr),
        Err(err) => crate::resolve::parse_lax(&mapped).ok_or(err.reason),
    }
}

/// The facts about one license id, or `None` if it is not one.
fn one_license(id: &str, catalog: &Catalog) -> Option<String> {
    let id = id.strip_prefix("LicenseRef-").unwrap_or(id);
    let entry = catalog.lookup(id);
    let spdx_id = entry
        .and_then(|e| e.spdx.as_deref())
        .and_then(spdx::license_id)
        .or_else(|| spdx::license_id(id))
        .or_else(|| spdx::imprecise_license_id(id).map(|(l, _)| l));
    if entry.is_none() && spdx_id.is_none() {
        return None;
    }
    let mut out = String::new();
    match entry {
        Some(e) => {
            let _ = writeln!(out, "{} ({})", e.name, e.id);
            if let Some(s) = &e.spdx {
                let _ = writeln!(out, "  SPDX id:         {s}");
            } else {
                let _ = writeln!(
                    out,
                    "  SPDX id:         none (written {} in expressions)",
                    e.license_ref()
                );
            }
            if e.family {
                let _ = writeln!(
                    out,
                    "  note:            a family of licenses, not one license: the exact terms are ambiguous"
                );
            }
            let _ = writeln!(out, "  OSI-approved:    {}", yes_no(e.osi_approved));
            let _ = writeln!(out, "  commercial use:  {}", e.commercial_use.as_str());
            if let Some(l) = &e.link {
                let _ = writeln!(out, "  text:            {l}");
            }
            if let Some(t) = e.text() {
                let _ = writeln!(
                    out,
                    "  catalog copy:    shipped with the tool (`notices` falls back to it), from {}",
                    t.source
                );
            }
            if !e.aliases.is_empty() {
                let _ = writeln!(out, "  also written:    {}", e.aliases.join(", "));
            }
            if !e.restrictions.is_empty() {
                let _ = writeln!(out, "  restrictions:");
                for r in &e.restrictions {
                    let _ = writeln!(out, "    {}: {}", r.class.as_str(), r.summary);
                    let _ = writeln!(out, "      source: {}", r.source);
                }
            }
            obligations(e, &mut out);
            for l in &e.labels {
                let _ = writeln!(out, "  labelled open source by {}: \"{}\"", l.by, l.quote);
                let _ = writeln!(out, "      source: {}", l.source);
            }
        }
        None => {
            let l = spdx_id?;
            let _ = writeln!(out, "{} ({})", l.full_name, l.name);
            let _ = writeln!(out, "  SPDX id:         {}", l.name);
            let _ = writeln!(out, "  OSI-approved:    {}", yes_no(l.is_osi_approved()));
        }
    }
    if let Some(l) = spdx_id {
        let _ = writeln!(out, "  FSF free/libre:  {}", yes_no(l.is_fsf_free_libre()));
        let _ = writeln!(out, "  copyleft:        {}", yes_no(l.is_copyleft()));
        if l.is_deprecated() {
            let _ = writeln!(
                out,
                "  deprecated:      yes (use the -only / -or-later form)"
            );
        }
    }
    Some(out)
}

/// What shipping the license requires, each with its clause and source.
fn obligations(e: &crate::catalog::Entry, out: &mut String) {
    if let Some(why) = &e.obligations_none {
        let _ = writeln!(out, "  obligations:     none ({why})");
        return;
    }
    if e.obligations.is_empty() {
        let _ = writeln!(
            out,
            "  obligations:     not reviewed in the catalog; read the license text"
        );
        return;
    }
    let _ = writeln!(out, "  obligations (what shipping it requires):");
    for o in &e.obligations {
        let _ = writeln!(out, "    {}: {}", o.class.as_str(), o.summary);
        if let Some(t) = &o.text {
            let _ = writeln!(out, "      exact words: \"{t}\"");
        }
        if let Some(w) = &o.placement {
            let _ = writeln!(out, "      where: {w}");
        }
        match &o.quote {
            Some(q) => {
                let _ = writeln!(out, "      clause: \"{q}\"");
            }
            None => {
                let _ = writeln!(
                    out,
                    "      clause: not verified (a conservative default; read the terms)"
                );
            }
        }
        let _ = writeln!(out, "      source: {}", o.source);
    }
}

/// Every license of a parsed expression, one after the other, under the
/// expression as written and as it is read.
fn expression(text: &str, expr: &spdx::Expression, catalog: &Catalog) -> String {
    let mut out = String::new();
    let mut seen: Vec<String> = Vec::new();
    for req in expr.requirements() {
        let mut parts = vec![req.req.license.to_string()];
        if let Some(e) = &req.req.addition {
            parts.push(e.to_string());
        }
        for (i, part) in parts.into_iter().enumerate() {
            if seen.contains(&part) {
                continue;
            }
            seen.push(part.clone());
            if !out.is_empty() {
                out.push('\n');
            }
            if i == 1 {
                let _ = writeln!(
                    out,
                    "{part} (license exception)\n  adds permissions to the license it is WITH"
                );
                continue;
            }
            match one_license(&part, catalog) {
                Some(t) => out.push_str(&t),
                None => {
                    let _ = writeln!(out, "{part}: not a known license id");
                }
            }
        }
    }
    let read = expr.to_string();
    let head = if read == text {
        text.to_owned()
    } else {
        format!("{text}\n  read as: {read}")
    };
    format!("{head}\n  parts: {}\n\n{out}", seen.join(", "))
}

/// How an artifact's license was resolved, with every piece of evidence.
pub fn artifact(id: &str, audit: &Audit) -> Result<String> {
    let selector = crate::domain::Selector::parse(id);
    let found: Vec<_> = audit
        .resolved
        .artifacts
        .iter()
        .filter(|ra| {
            let a = &ra.artifact;
            selector.matches(&a.name, &a.version) || a.id == id
        })
        .collect();
    if found.is_empty()
        && let Some(version) = selector.version()
    {
        let name = selector.name();
        let mut versions: Vec<String> = audit
            .resolved
            .artifacts
            .iter()
            .filter(|ra| crate::domain::Selector::parse(name).matches(&ra.artifact.name, ""))
            .map(|ra| ra.artifact.display_name())
            .collect();
        versions.sort();
        versions.dedup();
        if !versions.is_empty() {
            return Err(
                Error::usage(format!("the graph has no version {version} of `{name}`"))
                    .with_help(format!("did you mean {}?", versions.join(" or "))),
            );
        }
    }
    if found.is_empty() {
        return Err(Error::usage(format!(
            "`{id}` is neither a known license id nor an artifact of this workspace"
        ))
        .with_help("`cargo model-audit list` shows every artifact; license ids are SPDX ids or catalog ids such as llama2"));
    }
    // Every field but our own words comes from outside.
    use super::escape::line as t;
    let mut out = String::new();
    for ra in found {
        let a = &ra.artifact;
        let _ = writeln!(out, "{} ({})", t(&a.display_name()), a.kind().as_str());
        let _ = writeln!(out, "  license: {}", t(&ra.license.display()));
        for e in &ra.license.evidence {
            let file = e
                .file
                .as_deref()
                .map(|f| format!(" [{}]", t(f)))
                .unwrap_or_default();
            let _ = writeln!(out, "    {}{file}: {}", e.source, t(&e.note));
        }
        if let Some(m) = &ra.model {
            if let Some(sha) = &m.sha {
                let _ = writeln!(out, "  commit: {}", t(sha));
            }
            if let Some(g) = &m.gated {
                let _ = writeln!(out, "  gated: {}", t(g));
            }
            if !m.base_models.is_empty() {
                let _ = writeln!(out, "  base models: {}", t(&m.base_models.join(", ")));
            }
            if let Some(why) = &m.unresolved {
                let _ = writeln!(out, "  unresolved: {}", t(why));
            }
        }
        if !a.references.is_empty() {
            let _ = writeln!(out, "  referenced by:");
            for r in &a.references {
                let place = match (&r.file, r.line) {
                    (Some(f), Some(l)) => format!("{f}:{l}"),
                    (Some(f), None) => f.to_string(),
                    _ => String::new(),
                };
                let _ = writeln!(out, "    {} {}", r.kind, t(&place));
            }
        }
        for c in &ra.claims {
            let _ = writeln!(
                out,
                "  labelled {} by {}: \"{}\" ({})",
                c.label.as_str(),
                t(&c.who),
                t(&c.quote),
                t(&c.location)
            );
        }
        if a.path.len() > 1 {
            let _ = writeln!(out, "  path: {}", t(&a.path.join(" -> ")));
        }
        for f in audit.verdict.findings.iter().filter(|f| f.artifact == a.id) {
            let _ = writeln!(
                out,
                "  {}[{}]: {}",
                f.severity.as_str(),
                f.code,
                t(&f.message)
            );
        }
    }
    Ok(out)
}
