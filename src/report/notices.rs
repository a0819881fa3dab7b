//! `notices`: the third-party notices document for what the project ships:
//! every license text once (identical texts are printed once and referenced
//! by every artifact that uses them, as cargo-about does), every NOTICE file
//! verbatim, the notice lines the model licenses require, and a checklist of
//! what a document cannot do (display branding, name derived models, pass
//! use restrictions on, mark changes). Markdown, self-contained HTML or plain
//! text; deterministic. The texts come from `resolve::notices`: this module
//! does no I/O.

use super::escape::{self, html as h, html_block as pre};
use crate::catalog::{Catalog, ObligationClass};
use crate::domain::{ArtifactKind, ResolvedArtifact};
use crate::evaluate::obligations::{Applied, count_kinds};
use crate::resolve::notices::{Gathered, Origin};
use std::collections::BTreeMap;
use std::fmt::Write;

/// The document's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Text,
}

/// One shipped artifact with what was gathered for it.
pub struct Item<'a> {
    pub ra: &'a ResolvedArtifact,
    /// The licenses it ships under (the accepted alternative of an OR).
    pub licenses: Vec<String>,
    pub obligations: Vec<Applied>,
    pub gathered: Gathered,
}

/// Everything the document shows.
pub struct Input<'a> {
    /// The workspace's name (its root directory).
    pub project: String,
    pub include_dev: bool,
    pub items: Vec<Item<'a>>,
    pub catalog: &'a Catalog,
}

/// One distinct license text and who uses it.
struct TextGroup {
    license: String,
    name: String,
    text: String,
    /// Where the text came from when no user ships it: the SPDX list or
    /// the catalog (`None` when some artifact ships it).
    fallback: Option<Origin>,
    anchor: String,
    /// (artifact, where the text came from)
    users: Vec<(String, String)>,
}

/// A notice line a license requires in a Notice file.
struct RequiredNotice {
    words: String,
    license: String,
    source: String,
    users: Vec<String>,
}

/// An action a document cannot take.
struct Action {
    license: String,
    class: ObligationClass,
    headline: String,
    summary: String,
    placement: Option<String>,
    quote: Option<String>,
    source: String,
    users: Vec<String>,
}

/// A gap: a text that could not be had.
pub struct GapLine {
    pub artifact: String,
    pub license: String,
    pub why: String,
}

struct Model {
    license_name: BTreeMap<String, String>,
    texts: Vec<TextGroup>,
    /// artifact display name -> [(license, anchor)]
    refs: BTreeMap<String, Vec<(String, String)>>,
    notices: Vec<RequiredNotice>,
    /// The kinds of the artifacts that need a Notice file, each once.
    notice_kinds: Vec<ArtifactKind>,
    actions: Vec<Action>,
    notice_files: Vec<(String, String, String)>,
    gaps: Vec<GapLine>,
    crates: Vec<(String, String)>,
    models: Vec<(String, String, ArtifactKind)>,
}

fn license_name(catalog: &Catalog, license: &str) -> String {
    if let Some(e) = catalog.lookup(license) {
        return e.name.clone();
    }
    spdx::license_id(license)
        .map(|l| l.full_name.to_owned())
        .unwrap_or_else(|| license.to_owned())
}

fn origin_note(origin: &Origin) -> String {
    match origin {
        Origin::Own(file) => file.clone(),
        Origin::Canonical => {
            "the SPDX License List's canonical text (the artifact ships no text of it)".to_owned()
        }
        Origin::Catalog(_) => {
            "the catalog's copy of the license (the artifact ships no text of it)".to_owned()
        }
    }
}

/// The line above a text no artifact ships, saying where it came from;
/// `source` renders the catalog's source URL for the format.
fn fallback_line(origin: &Origin, source: impl Fn(&str) -> String) -> Option<String> {
    match origin {
        Origin::Own(_) => None,
        Origin::Canonical => Some(
            "The SPDX License List's canonical text: the artifacts below ship no text of this license."
                .to_owned(),
        ),
        Origin::Catalog(url) => Some(format!(
            "From the catalog, source {}: the artifacts below ship no text of this license, and the SPDX License List has none.",
            source(url)
        )),
    }
}

fn build(input: &Input<'_>) -> Model {
    let mut items: Vec<&Item<'_>> = input.items.iter().collect();
    items.sort_by(|a, b| {
        (
            a.ra.artifact.kind(),
            &a.ra.artifact.name,
            &a.ra.artifact.version,
        )
            .cmp(&(
                b.ra.artifact.kind(),
                &b.ra.artifact.name,
                &b.ra.artifact.version,
            ))
    });
    let mut groups: BTreeMap<(String, String), TextGroup> = BTreeMap::new();
    let mut license_name_map = BTreeMap::new();
    let mut notices: Vec<RequiredNotice> = Vec::new();
    let mut notice_kinds = Vec::new();
    let mut actions: Vec<Action> = Vec::new();
    let mut notice_files = Vec::new();
    let mut gaps = Vec::new();
    let mut crates = Vec::new();
    let mut models = Vec::new();
    for item in &items {
        let who = item.ra.artifact.display_name();
        let expr = item.ra.license.display();
        if item.ra.artifact.kind() == ArtifactKind::Crate {
            crates.push((who.clone(), expr));
        } else {
            models.push((who.clone(), expr, item.ra.artifact.kind()));
        }
        for t in &item.gathered.licenses {
            let name = license_name(input.catalog, &t.license);
            license_name_map.insert(t.license.clone(), name.clone());
            let fallback = (!matches!(t.origin, Origin::Own(_))).then(|| t.origin.clone());
            let g = groups
                .entry((t.license.clone(), t.text.clone()))
                .or_insert_with(|| TextGroup {
                    license: t.license.clone(),
                    name,
                    text: t.text.clone(),
                    fallback: fallback.clone(),
                    anchor: String::new(),
                    users: Vec::new(),
                });
            if g.fallback != fallback {
                g.fallback = None;
            }
            g.users.push((who.clone(), origin_note(&t.origin)));
        }
        for n in &item.gathered.notices {
            notice_files.push((who.clone(), n.file.clone(), n.text.clone()));
        }
        for g in &item.gathered.gaps {
            gaps.push(GapLine {
                artifact: who.clone(),
                license: g.license.clone(),
                why: g.why.clone(),
            });
        }
        for o in &item.obligations {
            if o.class == ObligationClass::NoticeFile
                && let Some(words) = &o.words
            {
                if !notices.iter().any(|n| n.users.contains(&who)) {
                    notice_kinds.push(item.ra.artifact.kind());
                }
                match notices.iter_mut().find(|n| n.words == *words) {
                    Some(n) => n.users.push(who.clone()),
                    None => notices.push(RequiredNotice {
                        words: words.clone(),
                        license: o.license.clone(),
                        source: o.source.clone(),
                        users: vec![who.clone()],
                    }),
                }
            }
            if o.class.needs_action() {
                match actions
                    .iter_mut()
                    .find(|a| a.license == o.license && a.class == o.class && a.summary == o.text)
                {
                    Some(a) => a.users.push(who.clone()),
                    None => actions.push(Action {
                        license: o.license.clone(),
                        class: o.class,
                        headline: o.headline(),
                        summary: o.text.clone(),
                        placement: o.placement.clone(),
                        quote: o.quote.clone(),
                        source: o.source.clone(),
                        users: vec![who.clone()],
                    }),
                }
            }
        }
    }
    // Sections in order of license name, then id, then first user.
    let mut texts: Vec<TextGroup> = groups.into_values().collect();
    texts.sort_by(|a, b| {
        (&a.name, &a.license, &a.users.first(), &a.text).cmp(&(
            &b.name,
            &b.license,
            &b.users.first(),
            &b.text,
        ))
    });
    let mut refs: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (i, t) in texts.iter_mut().enumerate() {
        t.anchor = format!("text-{}", i + 1);
        for (who, _) in &t.users {
            refs.entry(who.clone())
                .or_default()
                .push((t.license.clone(), t.anchor.clone()));
        }
    }
    // Model obligations first, then by license.
    actions.sort_by(|a, b| (&a.license, a.class).cmp(&(&b.license, b.class)));
    notices.sort_by(|a, b| (&a.license, &a.words).cmp(&(&b.license, &b.words)));
    Model {
        license_name: license_name_map,
        texts,
        refs,
        notices,
        notice_kinds,
        actions,
        notice_files,
        gaps,
        crates,
        models,
    }
}

/// The gaps, for the caller to report as findings.
pub fn gaps(input: &Input<'_>) -> Vec<GapLine> {
    build(input).gaps
}

/// Renders the document.
pub fn render(input: &Input<'_>, format: Format) -> String {
    let m = build(input);
    match format {
        Format::Markdown => markdown(input, &m),
        Format::Html => html(input, &m),
        Format::Text => text(input, &m),
    }
}

fn scope_words(input: &Input<'_>) -> &'static str {
    if input.include_dev {
        "normal, build and dev dependencies"
    } else {
        "normal and build dependencies"
    }
}

fn intro(input: &Input<'_>, m: &Model) -> String {
    let kinds: Vec<ArtifactKind> = input.items.iter().map(|i| i.ra.artifact.kind()).collect();
    format!(
        "What {} ships ({}): {}, under {} distinct license texts. Generated by cargo-model-audit {}.",
        input.project,
        scope_words(input),
        if kinds.is_empty() {
            "nothing".to_owned()
        } else {
            count_kinds(&kinds)
        },
        m.texts.len(),
        env!("CARGO_PKG_VERSION")
    )
}

fn users_line(users: &[String]) -> String {
    users.join(", ")
}

/// A summary of the required notices: "3 models require a Notice file".
fn notice_summary(m: &Model) -> Option<String> {
    let n = m.notice_kinds.len();
    (n > 0).then(|| {
        format!(
            "{} {} a Notice file with the lines below, verbatim.",
            count_kinds(&m.notice_kinds),
            if n == 1 { "requires" } else { "require" }
        )
    })
}

// ---------------------------------------------------------------- Markdown

/// Escapes text from outside (names, ids, notes) for Markdown: no markup,
/// no HTML, no links it did not write, every dangerous character visible.
fn md(text: &str) -> String {
    escape::markdown(text)
}

/// An inline code span.
fn code(text: &str) -> String {
    format!("`{}`", escape::markdown_code(text))
}

/// A catalog URL as a Markdown link; anything else as escaped text.
fn link(text: &str) -> String {
    super::markdown::catalog_link(text).unwrap_or_else(|| md(text))
}

/// Escaped text whose last word, when it is a URL the catalog cites (the
/// license's published text), becomes a link.
fn md_linking_last(text: &str) -> String {
    if let Some((head, last)) = text.rsplit_once(' ')
        && let Some(l) = super::markdown::catalog_link(last)
    {
        return format!("{} {l}", md(head));
    }
    md(text)
}

/// A catalog URL as an HTML link (escaped, like every attribute); anything
/// else as escaped text.
fn html_link(text: &str) -> String {
    if super::markdown::catalog_link(text).is_some() {
        format!("<a href=\"{0}\">{0}</a>", h(text))
    } else {
        h(text)
    }
}

/// A fenced block that no backtick run inside the text can close.
fn fence(text: &str) -> String {
    let text = escape::markdown_block(text);
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let f = "`".repeat((longest + 1).max(3));
    format!("{f}text\n{}{f}\n", text)
}

fn markdown(input: &Input<'_>, m: &Model) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Third-party notices\n\n{}\n", md(&intro(input, m)));
    out.push_str("## Contents\n\n");
    out.push_str("- [Required notices](#required-notices)\n- [Checklist](#checklist)\n");
    if !m.models.is_empty() {
        out.push_str("- [Models](#models)\n");
    }
    if !m.crates.is_empty() {
        out.push_str("- [Crates](#crates)\n");
    }
    out.push_str("- [License texts](#license-texts)\n");
    let mut by_license: BTreeMap<(&String, &String), Vec<&TextGroup>> = BTreeMap::new();
    for t in &m.texts {
        by_license.entry((&t.name, &t.license)).or_default().push(t);
    }
    for ((name, license), groups) in &by_license {
        let users: usize = groups.iter().map(|g| g.users.len()).sum();
        let links: Vec<String> = groups
            .iter()
            .map(|g| format!("[{}](#{})", md(&g.anchor), g.anchor))
            .collect();
        let _ = writeln!(
            out,
            "  - {} ({}), used by {users}: {}",
            md(name),
            code(license),
            links.join(", ")
        );
    }
    if !m.notice_files.is_empty() {
        out.push_str("- [NOTICE files](#notice-files)\n");
    }
    if !m.gaps.is_empty() {
        out.push_str("- [Missing texts](#missing-texts)\n");
    }
    out.push_str("\n<a id=\"required-notices\"></a>\n## Required notices\n\n");
    match notice_summary(m) {
        None => out.push_str("No license here requires a Notice file.\n\n"),
        Some(s) => {
            let _ = writeln!(out, "{}\n", md(&s));
            let all: Vec<&str> = m.notices.iter().map(|n| n.words.as_str()).collect();
            out.push_str(&fence(&format!("{}\n", all.join("\n"))));
            out.push('\n');
            for n in &m.notices {
                let _ = writeln!(
                    out,
                    "- {} ({}, {}): {}",
                    md(&n.words),
                    code(&n.license),
                    link(&n.source),
                    md(&users_line(&n.users))
                );
            }
            out.push('\n');
        }
    }
    out.push_str("<a id=\"checklist\"></a>\n## Checklist: what this document cannot do\n\n");
    if m.actions.is_empty() {
        out.push_str(
            "Nothing: the license texts and notices above are all these licenses ask for.\n\n",
        );
    }
    for a in &m.actions {
        let _ = writeln!(
            out,
            "- [ ] **{}** ({}, {}): {}",
            md(&a.headline),
            code(&a.license),
            md(a.class.as_str()),
            md(&a.summary)
        );
        if let Some(p) = &a.placement {
            let _ = writeln!(out, "  - where: {}", md(p));
        }
        match &a.quote {
            Some(q) => {
                let _ = writeln!(out, "  - clause: “{}” {}", md(q), link(&a.source));
            }
            None => {
                let _ = writeln!(
                    out,
                    "  - clause: not verified, read the terms {}",
                    link(&a.source)
                );
            }
        }
        let _ = writeln!(out, "  - for: {}", md(&users_line(&a.users)));
    }
    out.push('\n');
    let link_list = |who: &str| -> String {
        m.refs
            .get(who)
            .map(|v| {
                v.iter()
                    .map(|(l, a)| format!("[{}](#{a})", md(l)))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_else(|| "none".to_owned())
    };
    if !m.models.is_empty() {
        out.push_str("<a id=\"models\"></a>\n## Models\n\n| Model | License | Texts |\n| --- | --- | --- |\n");
        for (who, expr, _) in &m.models {
            let _ = writeln!(out, "| {} | {} | {} |", md(who), md(expr), link_list(who));
        }
        out.push('\n');
    }
    if !m.crates.is_empty() {
        out.push_str("<a id=\"crates\"></a>\n## Crates\n\n| Crate | License | Texts |\n| --- | --- | --- |\n");
        for (who, expr) in &m.crates {
            let _ = writeln!(out, "| {} | {} | {} |", md(who), md(expr), link_list(who));
        }
        out.push('\n');
    }
    out.push_str("<a id=\"license-texts\"></a>\n## License texts\n\n");
    for t in &m.texts {
        let _ = writeln!(
            out,
            "<a id=\"{}\"></a>\n### {} ({})\n",
            t.anchor,
            md(&t.name),
            code(&t.license)
        );
        if let Some(line) = t.fallback.as_ref().and_then(|o| fallback_line(o, link)) {
            let _ = writeln!(out, "{line}\n");
        }
        let users: Vec<String> = t
            .users
            .iter()
            .map(|(w, from)| format!("{} ({})", md(w), md(from)))
            .collect();
        let _ = writeln!(out, "Used by: {}\n", users.join(", "));
        out.push_str(&fence(&t.text));
        out.push('\n');
    }
    if !m.notice_files.is_empty() {
        out.push_str("<a id=\"notice-files\"></a>\n## NOTICE files\n\n");
        for (who, file, text) in &m.notice_files {
            let _ = writeln!(out, "### {}: {}\n", md(who), md(file));
            out.push_str(&fence(text));
            out.push('\n');
        }
    }
    if !m.gaps.is_empty() {
        out.push_str("<a id=\"missing-texts\"></a>\n## Missing texts\n\n");
        for g in &m.gaps {
            let _ = writeln!(
                out,
                "- {} ({}): {}",
                md(&g.artifact),
                code(&g.license),
                md_linking_last(&g.why)
            );
        }
    }
    let _ = m.license_name.len();
    out
}

// ---------------------------------------------------------------- HTML

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45;color:#1b1b1b}\
pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem;border:1px solid #ddd;overflow-wrap:anywhere}\
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}\
nav li{margin:.1rem 0}section{margin-top:2rem}";

fn html(input: &Input<'_>, m: &Model) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    let _ = writeln!(
        out,
        "<title>Third-party notices: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        h(&input.project)
    );
    let _ = writeln!(
        out,
        "<h1>Third-party notices</h1>\n<p>{}</p>",
        h(&intro(input, m))
    );
    out.push_str("<nav id=\"contents\">\n<h2>Contents</h2>\n<ul>\n<li><a href=\"#required-notices\">Required notices</a></li>\n<li><a href=\"#checklist\">Checklist</a></li>\n");
    if !m.models.is_empty() {
        out.push_str("<li><a href=\"#models\">Models</a></li>\n");
    }
    if !m.crates.is_empty() {
        out.push_str("<li><a href=\"#crates\">Crates</a></li>\n");
    }
    out.push_str("<li><a href=\"#license-texts\">License texts</a>\n<ul class=\"licenses\">\n");
    let mut by_license: BTreeMap<(&String, &String), Vec<&TextGroup>> = BTreeMap::new();
    for t in &m.texts {
        by_license.entry((&t.name, &t.license)).or_default().push(t);
    }
    for ((name, license), groups) in &by_license {
        let users: usize = groups.iter().map(|g| g.users.len()).sum();
        let links: Vec<String> = groups
            .iter()
            .map(|g| format!("<a href=\"#{}\">{}</a>", g.anchor, g.anchor))
            .collect();
        let _ = writeln!(
            out,
            "<li>{} (<code>{}</code>), used by {users}: {}</li>",
            h(name),
            h(license),
            links.join(", ")
        );
    }
    out.push_str("</ul></li>\n");
    if !m.notice_files.is_empty() {
        out.push_str("<li><a href=\"#notice-files\">NOTICE files</a></li>\n");
    }
    if !m.gaps.is_empty() {
        out.push_str("<li><a href=\"#missing-texts\">Missing texts</a></li>\n");
    }
    out.push_str("</ul>\n</nav>\n");

    out.push_str("<section id=\"required-notices\">\n<h2>Required notices</h2>\n");
    match notice_summary(m) {
        None => out.push_str("<p>No license here requires a Notice file.</p>\n"),
        Some(s) => {
            let _ = writeln!(out, "<p>{}</p>", h(&s));
            let all: Vec<&str> = m.notices.iter().map(|n| n.words.as_str()).collect();
            let _ = writeln!(
                out,
                "<pre class=\"notice-file\">{}</pre>\n<ul>",
                pre(&all.join("\n"))
            );
            for n in &m.notices {
                let _ = writeln!(
                    out,
                    "<li>{} (<code>{}</code>, <a href=\"{}\">source</a>): {}</li>",
                    h(&n.words),
                    h(&n.license),
                    h(&n.source),
                    h(&users_line(&n.users))
                );
            }
            out.push_str("</ul>\n");
        }
    }
    out.push_str("</section>\n<section id=\"checklist\">\n<h2>Checklist: what this document cannot do</h2>\n<ul>\n");
    if m.actions.is_empty() {
        out.push_str(
            "<li>Nothing: the license texts and notices are all these licenses ask for.</li>\n",
        );
    }
    for a in &m.actions {
        let _ = write!(
            out,
            "<li><input type=\"checkbox\" disabled> <strong>{}</strong> (<code>{}</code>, {}): {}",
            h(&a.headline),
            h(&a.license),
            h(a.class.as_str()),
            h(&a.summary)
        );
        if let Some(p) = &a.placement {
            let _ = write!(out, " Where: {}.", h(p));
        }
        match &a.quote {
            Some(q) => {
                let _ = write!(out, "<blockquote>{}</blockquote>", h(q));
            }
            None => out.push_str(" (clause not verified: read the terms)"),
        }
        let _ = writeln!(
            out,
            "<a href=\"{}\">source</a>; for: {}</li>",
            h(&a.source),
            h(&users_line(&a.users))
        );
    }
    out.push_str("</ul>\n</section>\n");
    let link_list = |who: &str| -> String {
        m.refs
            .get(who)
            .map(|v| {
                v.iter()
                    .map(|(l, a)| format!("<a href=\"#{a}\">{}</a>", h(l)))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_else(|| "none".to_owned())
    };
    if !m.models.is_empty() {
        out.push_str("<section id=\"models\">\n<h2>Models</h2>\n<table>\n<tr><th>Model</th><th>License</th><th>Texts</th></tr>\n");
        for (who, expr, _) in &m.models {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                h(who),
                h(expr),
                link_list(who)
            );
        }
        out.push_str("</table>\n</section>\n");
    }
    if !m.crates.is_empty() {
        out.push_str("<section id=\"crates\">\n<h2>Crates</h2>\n<table>\n<tr><th>Crate</th><th>License</th><th>Texts</th></tr>\n");
        for (who, expr) in &m.crates {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                h(who),
                h(expr),
                link_list(who)
            );
        }
        out.push_str("</table>\n</section>\n");
    }
    out.push_str("<section id=\"license-texts\">\n<h2>License texts</h2>\n");
    for t in &m.texts {
        let _ = writeln!(
            out,
            "<section class=\"license\" id=\"{}\">\n<h3>{} (<code>{}</code>)</h3>",
            t.anchor,
            h(&t.name),
            h(&t.license)
        );
        if let Some(line) = t
            .fallback
            .as_ref()
            .and_then(|o| fallback_line(o, html_link))
        {
            let _ = writeln!(out, "<p class=\"text-origin\">{line}</p>");
        }
        let users: Vec<String> = t
            .users
            .iter()
            .map(|(w, from)| format!("{} ({})", h(w), h(from)))
            .collect();
        let _ = writeln!(
            out,
            "<p class=\"used-by\">Used by: {}</p>\n<pre class=\"license-text\">{}</pre>\n</section>",
            users.join(", "),
            pre(&t.text)
        );
    }
    out.push_str("</section>\n");
    if !m.notice_files.is_empty() {
        out.push_str("<section id=\"notice-files\">\n<h2>NOTICE files</h2>\n");
        for (who, file, text) in &m.notice_files {
            let _ = writeln!(
                out,
                "<h3>{}: {}</h3>\n<pre>{}</pre>",
                h(who),
                h(file),
                pre(text)
            );
        }
        out.push_str("</section>\n");
    }
    if !m.gaps.is_empty() {
        out.push_str("<section id=\"missing-texts\">\n<h2>Missing texts</h2>\n<ul>\n");
        for g in &m.gaps {
            let _ = writeln!(
                out,
                "<li>{} (<code>{}</code>): {}</li>",
                h(&g.artifact),
                h(&g.license),
                h(&g.why)
            );
        }
        out.push_str("</ul>\n</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

// ---------------------------------------------------------------- text

fn rule(out: &mut String, title: &str) {
    let _ = writeln!(out, "\n{title}\n{}\n", "=".repeat(title.chars().count()));
}

/// Every field from outside passes [`escape::line`], every text
/// [`escape::lines`].
fn text(input: &Input<'_>, m: &Model) -> String {
    use escape::{line as t, lines as block};
    let mut out = String::new();
    let _ = writeln!(out, "THIRD-PARTY NOTICES\n\n{}", t(&intro(input, m)));
    rule(&mut out, "Required notices");
    match notice_summary(m) {
        None => out.push_str("No license here requires a Notice file.\n"),
        Some(s) => {
            let _ = writeln!(out, "{s}\n");
            for n in &m.notices {
                let _ = writeln!(out, "{}", t(&n.words));
            }
            out.push('\n');
            for n in &m.notices {
                let _ = writeln!(
                    out,
                    "- {} ({}; {}): {}",
                    t(&n.license),
                    t(&n.source),
                    t(&n.words),
                    t(&users_line(&n.users))
                );
            }
        }
    }
    rule(&mut out, "Checklist: what this document cannot do");
    if m.actions.is_empty() {
        out.push_str("Nothing: the license texts and notices are all these licenses ask for.\n");
    }
    for a in &m.actions {
        let _ = writeln!(
            out,
            "[ ] {} ({}, {}): {}",
            t(&a.headline),
            t(&a.license),
            a.class.as_str(),
            t(&a.summary)
        );
        if let Some(p) = &a.placement {
            let _ = writeln!(out, "    where: {}", t(p));
        }
        match &a.quote {
            Some(q) => {
                let _ = writeln!(out, "    clause: \"{}\" <{}>", t(q), t(&a.source));
            }
            None => {
                let _ = writeln!(
                    out,
                    "    clause: not verified, read the terms <{}>",
                    t(&a.source)
                );
            }
        }
        let _ = writeln!(out, "    for: {}", t(&users_line(&a.users)));
    }
    let refs = |who: &str| -> String {
        m.refs
            .get(who)
            .map(|v| {
                v.iter()
                    .map(|(l, a)| format!("{} [{a}]", t(l)))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_else(|| "none".to_owned())
    };
    if !m.models.is_empty() {
        rule(&mut out, "Models");
        for (who, expr, _) in &m.models {
            let _ = writeln!(out, "{}: {}: {}", t(who), t(expr), refs(who));
        }
    }
    if !m.crates.is_empty() {
        rule(&mut out, "Crates");
        for (who, expr) in &m.crates {
            let _ = writeln!(out, "{}: {}: {}", t(who), t(expr), refs(who));
        }
    }
    rule(&mut out, "License texts");
    for g in &m.texts {
        let _ = writeln!(out, "[{}] {} ({})", g.anchor, t(&g.name), t(&g.license));
        if let Some(line) = g
            .fallback
            .as_ref()
            .and_then(|o| fallback_line(o, |u| format!("<{}>", t(u))))
        {
            let _ = writeln!(out, "{line}");
        }
        let users: Vec<String> = g
            .users
            .iter()
            .map(|(w, from)| format!("{} ({})", t(w), t(from)))
            .collect();
        let _ = writeln!(out, "Used by: {}\n", users.join(", "));
        out.push_str(&block(&g.text));
        let _ = writeln!(out, "\n{}", "-".repeat(72));
    }
    if !m.notice_files.is_empty() {
        rule(&mut out, "NOTICE files");
        for (who, file, text) in &m.notice_files {
            let _ = writeln!(out, "{}: {}\n", t(who), t(file));
            out.push_str(&block(text));
            let _ = writeln!(out, "\n{}", "-".repeat(72));
        }
    }
    if !m.gaps.is_empty() {
        rule(&mut out, "Missing texts");
        for g in &m.gaps {
            let _ = writeln!(
                out,
                "- {} ({}): {}",
                t(&g.artifact),
                t(&g.license),
                t(&g.why)
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_and_fences_hold() {
        assert_eq!(md("<b>[x](y)</b>"), "&lt;b&gt;\\[x\\]\\(y\\)&lt;/b&gt;");
        let src = "https://github.com/meta-llama/llama-models/blob/main/models/llama2/LICENSE";
        assert_eq!(link(src), format!("<{src}>"));
        // Not from the catalog, or not plain https: escaped text, which a
        // renderer does not link.
        assert_eq!(link("https://e.org/a"), "https:&#47;&#47;e.org/a");
        assert_eq!(md("LICENSE-www.e.org"), "LICENSE-www&#46;e.org");
        assert_eq!(link("javascript:x"), "javascript:x");
        assert_eq!(html_link("https://e.org/<b>"), "https://e.org/&lt;b&gt;");
        assert_eq!(
            md_linking_last(&format!("no text_x; published at {src}")),
            format!("no text\\_x; published at <{src}>")
        );
        assert_eq!(
            md_linking_last("published at https://e.org/a_b"),
            "published at https:&#47;&#47;e.org/a\\_b"
        );
        assert_eq!(code("a`b"), "`a'b`");
        let f = fence("a ```` b");
        assert!(f.starts_with("`````text\n"), "{f}");
        assert!(f.ends_with("`````\n"));
    }

    #[test]
    fn html_escapes_everything_from_outside() {
        assert_eq!(
            h("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }
}
