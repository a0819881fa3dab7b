//! The notices in Markdown: every text from outside through
//! [`escape::markdown`] (or a code span, a fence, a catalog link).

use super::document::{
    Action, Document, NO_NOTICE_FILE, NO_TEXTS, Row, Section, TITLE, TextRef, TextSection,
    fallback_line, users_line,
};
use crate::report::escape::{self, Markdown, Safe, markdown_catalog_link};

/// The checklist with nothing on it, in Markdown's words (the HTML and text
/// documents say [`super::document::NOTHING_TO_DO`], without "above").
const NOTHING_TO_DO: &str =
    "Nothing: the license texts and notices above are all these licenses ask for.";

pub fn render(doc: &Document) -> Safe<Markdown> {
    let mut out = Safe::new();
    out.push(safe!("# {}\n\n{}\n\n", TITLE, md(&doc.intro)));
    contents(&mut out, doc);
    out.push("\n");
    for section in doc.sections() {
        out.push(safe!(
            "<a id=\"{}\"></a>\n## {}\n\n",
            section.id(),
            section.heading()
        ));
        match section {
            Section::RequiredNotices => required_notices(&mut out, doc),
            Section::Checklist => checklist(&mut out, &doc.actions),
            Section::Models => table(&mut out, "Model", &doc.models),
            Section::Crates => table(&mut out, "Crate", &doc.crates),
            Section::LicenseTexts => doc.texts.iter().for_each(|t| text(&mut out, t)),
            Section::NoticeFiles => {
                for n in &doc.notice_files {
                    out.push(safe!("### {}: {}\n\n", md(&n.artifact), md(&n.file)));
                    out.push(fence(&n.text));
                    out.push("\n");
                }
            }
            Section::MissingTexts => {
                for g in &doc.gaps {
                    out.push(safe!(
                        "- {} ({}): {}\n",
                        md(&g.artifact),
                        code(&g.license),
                        md_linking_last(&g.why)
                    ));
                }
            }
        }
    }
    out
}

fn contents(out: &mut Safe<Markdown>, doc: &Document) {
    out.push("## Contents\n\n");
    for section in doc.sections() {
        out.push(safe!("- [{}](#{})\n", section.title(), section.id()));
        if section != Section::LicenseTexts {
            continue;
        }
        for l in &doc.licenses {
            let links = l.anchors.iter().map(|a| safe!("[{}](#{})", md(a), md(a)));
            out.push(safe!(
                "  - {} ({}), used by {}: {}\n",
                md(&l.name),
                code(&l.license),
                l.users,
                Safe::join(links, ", ")
            ));
        }
    }
}

fn required_notices(out: &mut Safe<Markdown>, doc: &Document) {
    let Some(summary) = &doc.notice_summary else {
        out.push(safe!("{}\n\n", NO_NOTICE_FILE));
        return;
    };
    out.push(safe!("{}\n\n", md(summary)));
    let all: Vec<&str> = doc.notices.iter().map(|n| n.words.as_str()).collect();
    out.push(fence(&format!("{}\n", all.join("\n"))));
    out.push("\n");
    for n in &doc.notices {
        out.push(safe!(
            "- {} ({}, {}): {}\n",
            md(&n.words),
            code(&n.license),
            link(&n.source),
            md(&users_line(&n.users))
        ));
    }
    out.push("\n");
}

fn checklist(out: &mut Safe<Markdown>, actions: &[Action]) {
    if actions.is_empty() {
        out.push(safe!("{}\n\n", NOTHING_TO_DO));
    }
    for a in actions {
        out.push(safe!(
            "- [ ] **{}** ({}, {}): {}\n",
            md(&a.headline),
            code(&a.license),
            md(a.class.as_str()),
            md(&a.summary)
        ));
        if let Some(p) = &a.placement {
            out.push(safe!("  - where: {}\n", md(p)));
        }
        let source = link(&a.source);
        out.push(match &a.quote {
            Some(q) => safe!("  - clause: “{}” {}\n", md(q), source),
            None => safe!("  - clause: not verified, read the terms {}\n", source),
        });
        out.push(safe!("  - for: {}\n", md(&users_line(&a.users))));
    }
    out.push("\n");
}

fn table(out: &mut Safe<Markdown>, what: &'static str, rows: &[Row]) {
    out.push(safe!(
        "| {} | License | Texts |\n| --- | --- | --- |\n",
        what
    ));
    for r in rows {
        out.push(safe!(
            "| {} | {} | {} |\n",
            md(&r.artifact),
            md(&r.expression),
            links(&r.texts)
        ));
    }
    out.push("\n");
}

fn links(texts: &[TextRef]) -> Safe<Markdown> {
    if texts.is_empty() {
        return safe!("{}", NO_TEXTS);
    }
    Safe::join(
        texts
            .iter()
            .map(|t| safe!("[{}](#{})", md(&t.license), md(&t.anchor))),
        ", ",
    )
}

fn text(out: &mut Safe<Markdown>, t: &TextSection) {
    out.push(safe!(
        "<a id=\"{}\"></a>\n### {} ({})\n\n",
        md(&t.anchor),
        md(&t.name),
        code(&t.license)
    ));
    if let Some(line) = t.fallback.as_ref().and_then(|o| fallback_line(o, link)) {
        out.push(safe!("{}\n\n", line));
    }
    let users = t
        .users
        .iter()
        .map(|u| safe!("{} ({})", md(&u.artifact), md(&u.from)));
    out.push(safe!("Used by: {}\n\n", Safe::join(users, ", ")));
    out.push(fence(&t.text));
    out.push("\n");
}

/// Escapes text from outside (names, ids, notes) for Markdown: no markup,
/// no HTML, no links it did not write, every dangerous character visible.
fn md(text: &str) -> Safe<Markdown> {
    escape::markdown(text)
}

/// An inline code span.
fn code(text: &str) -> Safe<Markdown> {
    safe!("`{}`", escape::markdown_code(text))
}

/// A catalog URL as a Markdown link; anything else as escaped text.
fn link(text: &str) -> Safe<Markdown> {
    markdown_catalog_link(text).unwrap_or_else(|| md(text))
}

/// Escaped text whose last word, when it is a URL the catalog cites (the
/// license's published text), becomes a link.
fn md_linking_last(text: &str) -> Safe<Markdown> {
    if let Some((head, last)) = text.rsplit_once(' ')
        && let Some(l) = markdown_catalog_link(last)
    {
        return safe!("{} {}", md(head), l);
    }
    md(text)
}

/// A fenced block that no backtick run inside the text can close.
fn fence(text: &str) -> Safe<Markdown> {
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
    let f = Safe::<Markdown>::repeat("`", (longest + 1).max(3));
    safe!("{}text\n{}{}\n", &f, text, &f)
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
