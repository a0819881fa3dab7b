//! `explain`: what the catalog and the SPDX list know about a license, or
//! how one artifact's license was resolved.

use super::Audit;
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use std::fmt::Write;

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// The facts about a license id, or `None` if the id is not a license.
pub fn license(id: &str, catalog: &Catalog) -> Option<String> {
    if id.contains(|c: char| c.is_whitespace() || c == '(' || c == ')') {
        return expression(id, catalog);
    }
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

/// Every license of an SPDX expression (`MIT OR Apache-2.0`), one after
/// the other; `None` if no part of it is a license.
pub fn expression(text: &str, catalog: &Catalog) -> Option<String> {
    let spaced = text.replace('(', " ( ").replace(')', " ) ");
    let mut out = String::new();
    let mut known = 0;
    let mut seen = Vec::new();
    let mut after_with = false;
    for token in spaced.split_whitespace() {
        let upper = token.to_ascii_uppercase();
        if matches!(upper.as_str(), "AND" | "OR" | "(" | ")") {
            after_with = false;
            continue;
        }
        if upper == "WITH" {
            after_with = true;
            continue;
        }
        if seen.iter().any(|s: &String| s == token) {
            continue;
        }
        seen.push(token.to_owned());
        if !out.is_empty() {
            out.push('\n');
        }
        if after_with {
            match spdx::exception_id(token) {
                Some(e) => {
                    known += 1;
                    let _ = writeln!(
                        out,
                        "{} (license exception)\n  adds permissions to the license it is WITH",
                        e.name
                    );
                }
                None => {
                    let _ = writeln!(out, "{token}: not a known SPDX license exception");
                }
            }
            after_with = false;
            continue;
        }
        let id = token.strip_suffix('+').unwrap_or(token);
        match license(id, catalog) {
            Some(text) => {
                known += 1;
                out.push_str(&text);
            }
            None => {
                let _ = writeln!(out, "{token}: not a known license id");
            }
        }
    }
    (known > 0).then(|| format!("{text}\n  parts: {}\n\n{out}", seen.join(", ")))
}

/// How an artifact's license was resolved, with every piece of evidence.
pub fn artifact(id: &str, audit: &Audit) -> Result<String> {
    let found: Vec<_> = audit
        .resolved
        .artifacts
        .iter()
        .filter(|ra| {
            let a = &ra.artifact;
            a.name == id || a.display_name() == id || a.id == id
        })
        .collect();
    if found.is_empty()
        && let Some((name, version)) = id.split_once('@')
    {
        let mut versions: Vec<String> = audit
            .resolved
            .artifacts
            .iter()
            .filter(|ra| ra.artifact.name == name)
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
        let _ = writeln!(out, "{} ({})", t(&a.display_name()), a.kind.as_str());
        let _ = writeln!(out, "  license: {}", t(&ra.license.display()));
        for e in &ra.license.evidence {
            let file = e
                .file
                .as_deref()
                .map(|f| format!(" [{}]", t(f)))
                .unwrap_or_default();
            let _ = writeln!(out, "    {}{file}: {}", t(&e.source), t(&e.note));
        }
        if let Some(m) = &ra.model {
            if let Some(sha) = &m.sha {
                let _ = writeln!(
                    out,
                    "  commit: {}{}",
                    t(sha),
                    if m.from_lock {
                        " (from model-audit.lock)"
                    } else {
                        ""
                    }
                );
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
                    (Some(f), None) => f.clone(),
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
