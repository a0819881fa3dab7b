//! The notices in Markdown: every text from outside through
//! [`escape::markdown`] (or a code span, a fence, a catalog link).

use super::document::{
    Action, Document, NO_NOTICE_FILE, NO_TEXTS, Row, Section, TITLE, TextRef, TextSection,
    fallback_line, users_line,
};
use crate::report::escape;
use crate::report::markdown::catalog_link;
use std::fmt::Write;

/// The checklist with nothing on it, in Markdown's words (the HTML and text
/// documents say [`super::document::NOTHING_TO_DO`], without "above").
const NOTHING_TO_DO: &str =
    "Nothing: the license texts and notices above are all these licenses ask for.";

pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {TITLE}\n\n{}\n", md(&doc.intro));
    contents(&mut out, doc);
    out.push('\n');
    for section in doc.sections() {
        let _ = writeln!(
            out,
            "<a id=\"{}\"></a>\n## {}\n",
            section.id(),
            section.heading()
        );
        match section {
            Section::RequiredNotices => required_notices(&mut out, doc),
            Section::Checklist => checklist(&mut out, &doc.actions),
            Section::Models => table(&mut out, "Model", &doc.models),
            Section::Crates => table(&mut out, "Crate", &doc.crates),
            Section::LicenseTexts => doc.texts.iter().for_each(|t| text(&mut out, t)),
            Section::NoticeFiles => {
                for n in &doc.notice_files {
                    let _ = writeln!(out, "### {}: {}\n", md(&n.artifact), md(&n.file));
                    out.push_str(&fence(&n.text));
                    out.push('\n');
                }
            }
            Section::MissingTexts => {
                for g in &doc.gaps {
                    let _ = writeln!(
                        out,
                        "- {} ({}): {}",
                        md(&g.artifact),
                        code(&g.license),
                        md_linking_last(&g.why)
                    );
                }
            }
        }
    }
    out
}

fn contents(out: &mut String, doc: &Document) {
    out.push_str("## Contents\n\n");
    for section in doc.sections() {
        let _ = writeln!(out, "- [{}](#{})", section.title(), section.id());
        if section != Section::LicenseTexts {
            continue;
        }
        for l in &doc.licenses {
            let links: Vec<String> = l
                .anchors
                .iter()
                .map(|a| format!("[{}](#{a})", md(a)))
                .collect();
            let _ = writeln!(
                out,
                "  - {} ({}), used by {}: {}",
                md(&l.name),
                code(&l.license),
                l.users,
                links.join(", ")
            );
        }
    }
}

fn required_notices(out: &mut String, doc: &Document) {
    let Some(summary) = &doc.notice_summary else {
        let _ = writeln!(out, "{NO_NOTICE_FILE}\n");
        return;
    };
    let _ = writeln!(out, "{}\n", md(summary));
    let all: Vec<&str> = doc.notices.iter().map(|n| n.words.as_str()).collect();
    out.push_str(&fence(&format!("{}\n", all.join("\n"))));
    out.push('\n');
    for n in &doc.notices {
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

fn checklist(out: &mut String, actions: &[Action]) {
    if actions.is_empty() {
        let _ = writeln!(out, "{NOTHING_TO_DO}\n");
    }
    for a in actions {
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
        let source = link(&a.source);
        let _ = match &a.quote {
            Some(q) => writeln!(out, "  - clause: “{}” {source}", md(q)),
            None => writeln!(out, "  - clause: not verified, read the terms {source}"),
        };
        let _ = writeln!(out, "  - for: {}", md(&users_line(&a.users)));
    }
    out.push('\n');
}

fn table(out: &mut String, what: &str, rows: &[Row]) {
    let _ = writeln!(out, "| {what} | License | Texts |\n| --- | --- | --- |");
    for r in rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            md(&r.artifact),
            md(&r.expression),
            links(&r.texts)
        );
    }
    out.push('\n');
}

fn links(texts: &[TextRef]) -> String {
    if texts.is_empty() {
        return NO_TEXTS.to_owned();
    }
    let links: Vec<String> = texts
        .iter()
        .map(|t| format!("[{}](#{})", md(&t.license), t.anchor))
        .collect();
    links.join(", ")
}

fn text(out: &mut String, t: &TextSection) {
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
        .map(|u| format!("{} ({})", md(&u.artifact), md(&u.from)))
        .collect();
    let _ = writeln!(out, "Used by: {}\n", users.join(", "));
    out.push_str(&fence(&t.text));
    out.push('\n');
}

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
    catalog_link(text).unwrap_or_else(|| md(text))
}

/// Escaped text whose last word, when it is a URL the catalog cites (the
/// license's published text), becomes a link.
fn md_linking_last(text: &str) -> String {
    if let Some((head, last)) = text.rsplit_once(' ')
        && let Some(l) = catalog_link(last)
    {
        return format!("{} {l}", md(head));
    }
    md(text)
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
}
