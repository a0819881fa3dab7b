//! The notices as one self-contained HTML page: every text from outside
//! through [`escape::html`], every block through [`escape::html_block`].

use super::document::{
    Action, Document, NO_NOTICE_FILE, NO_TEXTS, NOTHING_TO_DO, Row, Section, TITLE, TextRef,
    TextSection, fallback_line, users_line,
};
use crate::report::escape::{html as h, html_block as pre};
use crate::report::markdown::catalog_link;
use std::fmt::Write;

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45;color:#1b1b1b}\
pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem;border:1px solid #ddd;overflow-wrap:anywhere}\
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}\
nav li{margin:.1rem 0}section{margin-top:2rem}";

pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    let _ = writeln!(
        out,
        "<title>{TITLE}: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        h(&doc.project)
    );
    let _ = writeln!(out, "<h1>{TITLE}</h1>\n<p>{}</p>", h(&doc.intro));
    contents(&mut out, doc);
    for section in doc.sections() {
        let _ = writeln!(
            out,
            "<section id=\"{}\">\n<h2>{}</h2>",
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
                    let _ = writeln!(
                        out,
                        "<h3>{}: {}</h3>\n<pre>{}</pre>",
                        h(&n.artifact),
                        h(&n.file),
                        pre(&n.text)
                    );
                }
            }
            Section::MissingTexts => {
                out.push_str("<ul>\n");
                for g in &doc.gaps {
                    let _ = writeln!(
                        out,
                        "<li>{} (<code>{}</code>): {}</li>",
                        h(&g.artifact),
                        h(&g.license),
                        h(&g.why)
                    );
                }
                out.push_str("</ul>\n");
            }
        }
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn contents(out: &mut String, doc: &Document) {
    out.push_str("<nav id=\"contents\">\n<h2>Contents</h2>\n<ul>\n");
    for section in doc.sections() {
        let _ = write!(
            out,
            "<li><a href=\"#{}\">{}</a>",
            section.id(),
            section.title()
        );
        if section == Section::LicenseTexts {
            out.push_str("\n<ul class=\"licenses\">\n");
            for l in &doc.licenses {
                let links: Vec<String> = l
                    .anchors
                    .iter()
                    .map(|a| format!("<a href=\"#{a}\">{a}</a>"))
                    .collect();
                let _ = writeln!(
                    out,
                    "<li>{} (<code>{}</code>), used by {}: {}</li>",
                    h(&l.name),
                    h(&l.license),
                    l.users,
                    links.join(", ")
                );
            }
            out.push_str("</ul>");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n</nav>\n");
}

fn required_notices(out: &mut String, doc: &Document) {
    let Some(summary) = &doc.notice_summary else {
        let _ = writeln!(out, "<p>{NO_NOTICE_FILE}</p>");
        return;
    };
    let _ = writeln!(out, "<p>{}</p>", h(summary));
    let all: Vec<&str> = doc.notices.iter().map(|n| n.words.as_str()).collect();
    let _ = writeln!(
        out,
        "<pre class=\"notice-file\">{}</pre>\n<ul>",
        pre(&all.join("\n"))
    );
    for n in &doc.notices {
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

fn checklist(out: &mut String, actions: &[Action]) {
    out.push_str("<ul>\n");
    if actions.is_empty() {
        let _ = writeln!(out, "<li>{NOTHING_TO_DO}</li>");
    }
    for a in actions {
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
        let _ = match &a.quote {
            Some(q) => write!(out, "<blockquote>{}</blockquote>", h(q)),
            None => write!(out, " (clause not verified: read the terms)"),
        };
        let _ = writeln!(
            out,
            "<a href=\"{}\">source</a>; for: {}</li>",
            h(&a.source),
            h(&users_line(&a.users))
        );
    }
    out.push_str("</ul>\n");
}

fn table(out: &mut String, what: &str, rows: &[Row]) {
    let _ = writeln!(
        out,
        "<table>\n<tr><th>{what}</th><th>License</th><th>Texts</th></tr>"
    );
    for r in rows {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            h(&r.artifact),
            h(&r.expression),
            links(&r.texts)
        );
    }
    out.push_str("</table>\n");
}

fn links(texts: &[TextRef]) -> String {
    if texts.is_empty() {
        return NO_TEXTS.to_owned();
    }
    let links: Vec<String> = texts
        .iter()
        .map(|t| format!("<a href=\"#{}\">{}</a>", t.anchor, h(&t.license)))
        .collect();
    links.join(", ")
}

fn text(out: &mut String, t: &TextSection) {
    let _ = writeln!(
        out,
        "<section class=\"license\" id=\"{}\">\n<h3>{} (<code>{}</code>)</h3>",
        t.anchor,
        h(&t.name),
        h(&t.license)
    );
    if let Some(line) = t.fallback.as_ref().and_then(|o| fallback_line(o, link)) {
        let _ = writeln!(out, "<p class=\"text-origin\">{line}</p>");
    }
    let users: Vec<String> = t
        .users
        .iter()
        .map(|u| format!("{} ({})", h(&u.artifact), h(&u.from)))
        .collect();
    let _ = writeln!(
        out,
        "<p class=\"used-by\">Used by: {}</p>\n<pre class=\"license-text\">{}</pre>\n</section>",
        users.join(", "),
        pre(&t.text)
    );
}

/// A catalog URL as an HTML link (escaped, like every attribute); anything
/// else as escaped text.
fn link(text: &str) -> String {
    if catalog_link(text).is_some() {
        format!("<a href=\"{0}\">{0}</a>", h(text))
    } else {
        h(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_everything_from_outside() {
        assert_eq!(
            h("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
        assert_eq!(link("https://e.org/<b>"), "https://e.org/&lt;b&gt;");
    }
}
