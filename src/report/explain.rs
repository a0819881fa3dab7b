//! `explain`: what the catalog and the SPDX list know about a license, or
//! how one artifact's license was resolved.

use super::Audit;
use super::escape::{Plain, Safe, plain};
use crate::catalog::Catalog;
use crate::error::{Error, Result};

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// The facts about a license id or expression, `Ok(None)` if the text is
/// not a license (an artifact's name, say). An expression is read as
/// `check` reads a crate's `license` (strict SPDX, else lenient:
/// `MIT/Apache-2.0`, `GPL-3.0+`), so what it shows is what is evaluated;
/// one that does not parse is an error.
///
/// The catalog is the built-in one: its words are the tool's own, and are
/// shown as they are; the text asked about is escaped.
pub fn license(text: &str, catalog: &'static Catalog) -> Result<Option<Safe<Plain>>> {
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
fn one_license(id: &str, catalog: &'static Catalog) -> Option<Safe<Plain>> {
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
    let mut out = Safe::new();
    match entry {
        Some(e) => {
            out.push(safe!("{} ({})\n", e.name.as_str(), e.id.as_str()));
            if let Some(s) = &e.spdx {
                out.push(safe!("  SPDX id:         {}\n", s.as_str()));
            } else {
                out.push(safe!(
                    "  SPDX id:         none (written {} in expressions)\n",
                    plain(&e.license_ref())
                ));
            }
            if e.family {
                out.push(safe!("  note:            a family of licenses, not one license: the exact terms are ambiguous\n"
                ));
            }
            out.push(safe!("  OSI-approved:    {}\n", yes_no(e.osi_approved)));
            out.push(safe!("  commercial use:  {}\n", e.commercial_use.as_str()));
            if let Some(l) = &e.link {
                out.push(safe!("  text:            {}\n", l.as_str()));
            }
            if let Some(t) = e.text() {
                out.push(safe!("  catalog copy:    shipped with the tool (`notices` falls back to it), from {}\n",
                    t.source
                ));
            }
            if !e.aliases.is_empty() {
                out.push(safe!(
                    "  also written:    {}\n",
                    Safe::join(e.aliases.iter().map(String::as_str), ", ")
                ));
            }
            if !e.restrictions.is_empty() {
                out.push(safe!("  restrictions:\n"));
                for r in &e.restrictions {
                    out.push(safe!("    {}: {}\n", r.class.as_str(), r.summary.as_str()));
                    out.push(safe!("      source: {}\n", r.source.as_str()));
                }
            }
            obligations(e, &mut out);
            for l in &e.labels {
                out.push(safe!(
                    "  labelled open source by {}: \"{}\"\n",
                    l.by.as_str(),
                    l.quote.as_str()
                ));
                out.push(safe!("      source: {}\n", l.source.as_str()));
            }
        }
        None => {
            let l = spdx_id?;
            out.push(safe!("{} ({})\n", l.full_name, l.name));
            out.push(safe!("  SPDX id:         {}\n", l.name));
            out.push(safe!(
                "  OSI-approved:    {}\n",
                yes_no(l.is_osi_approved())
            ));
        }
    }
    if let Some(l) = spdx_id {
        out.push(safe!(
            "  FSF free/libre:  {}\n",
            yes_no(l.is_fsf_free_libre())
        ));
        out.push(safe!("  copyleft:        {}\n", yes_no(l.is_copyleft())));
        if l.is_deprecated() {
            out.push(safe!(
                "  deprecated:      yes (use the -only / -or-later form)\n"
            ));
        }
    }
    Some(out)
}

/// What shipping the license requires, each with its clause and source.
fn obligations(e: &'static crate::catalog::Entry, out: &mut Safe<Plain>) {
    if let Some(why) = &e.obligations_none {
        out.push(safe!("  obligations:     none ({})\n", why.as_str()));
        return;
    }
    if e.obligations.is_empty() {
        out.push(safe!(
            "  obligations:     not reviewed in the catalog; read the license text\n"
        ));
        return;
    }
    out.push(safe!("  obligations (what shipping it requires):\n"));
    for o in &e.obligations {
        out.push(safe!("    {}: {}\n", o.class.as_str(), o.summary.as_str()));
        if let Some(t) = &o.text {
            out.push(safe!("      exact words: \"{}\"\n", t.as_str()));
        }
        if let Some(w) = &o.placement {
            out.push(safe!("      where: {}\n", w.as_str()));
        }
        match &o.quote {
            Some(q) => {
                out.push(safe!("      clause: \"{}\"\n", q.as_str()));
            }
            None => {
                out.push(safe!(
                    "      clause: not verified (a conservative default; read the terms)\n"
                ));
            }
        }
        out.push(safe!("      source: {}\n", o.source.as_str()));
    }
}

/// Every license of a parsed expression, one after the other, under the
/// expression as written and as it is read.
fn expression(text: &str, expr: &spdx::Expression, catalog: &'static Catalog) -> Safe<Plain> {
    let mut out = Safe::new();
    let mut seen: Vec<Safe<Plain>> = Vec::new();
    for req in expr.requirements() {
        let mut parts = vec![req.req.license.to_string()];
        if let Some(e) = &req.req.addition {
            parts.push(e.to_string());
        }
        for (i, part) in parts.into_iter().enumerate() {
            let shown = plain(&part);
            if seen.contains(&shown) {
                continue;
            }
            seen.push(shown.clone());
            if !out.is_empty() {
                out.push("\n");
            }
            if i == 1 {
                out.push(safe!(
                    "{} (license exception)\n  adds permissions to the license it is WITH\n",
                    shown
                ));
                continue;
            }
            match one_license(&part, catalog) {
                Some(t) => out.push(t),
                None => out.push(safe!("{}: not a known license id\n", shown)),
            }
        }
    }
    let read = expr.to_string();
    let head = if read == text {
        plain(text)
    } else {
        safe!("{}\n  read as: {}", plain(text), plain(&read))
    };
    safe!("{}\n  parts: {}\n\n{}", head, Safe::join(seen, ", "), out)
}

/// How an artifact's license was resolved, with every piece of evidence.
pub fn artifact(id: &str, audit: &Audit) -> Result<Safe<Plain>> {
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
    let t = plain;
    let mut out = Safe::new();
    for ra in found {
        let a = &ra.artifact;
        out.push(safe!("{} ({})\n", t(&a.display_name()), a.kind().as_str()));
        out.push(safe!("  license: {}\n", t(&ra.license.display())));
        for e in &ra.license.evidence {
            let file = e
                .file
                .as_deref()
                .map(|f| safe!(" [{}]", t(f)))
                .unwrap_or_default();
            out.push(safe!("    {}{}: {}\n", e.source, file, t(&e.note)));
        }
        if let Some(m) = &ra.model {
            if let Some(sha) = &m.sha {
                out.push(safe!("  commit: {}\n", t(sha)));
            }
            if let Some(g) = &m.gated {
                out.push(safe!("  gated: {}\n", t(g)));
            }
            if !m.base_models.is_empty() {
                out.push(safe!("  base models: {}\n", t(&m.base_models.join(", "))));
            }
            if let Some(why) = &m.unresolved {
                out.push(safe!("  unresolved: {}\n", t(why)));
            }
        }
        if !a.references.is_empty() {
            out.push(safe!("  referenced by:\n"));
            for r in &a.references {
                let place = match (&r.file, r.line) {
                    (Some(f), Some(l)) => format!("{f}:{l}"),
                    (Some(f), None) => f.to_string(),
                    _ => String::new(),
                };
                out.push(safe!("    {} {}\n", r.kind, t(&place)));
            }
        }
        for c in &ra.claims {
            out.push(safe!(
                "  labelled {} by {}: \"{}\" ({})\n",
                c.label.as_str(),
                t(&c.who),
                t(&c.quote),
                t(&c.location)
            ));
        }
        if a.path.len() > 1 {
            out.push(safe!("  path: {}\n", t(&a.path.join(" -> "))));
        }
        for f in audit.verdict.findings.iter().filter(|f| f.artifact == a.id) {
            out.push(safe!(
                "  {}[{}]: {}\n",
                f.severity.as_str(),
                f.code,
                t(&f.message)
            ));
        }
    }
    Ok(out)
}
