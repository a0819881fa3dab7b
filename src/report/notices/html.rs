//! The notices as one self-contained HTML page: every text from outside
//! through [`escape::html`], every block through [`escape::html_block`].

use super::document::{
    Action, Document, NO_NOTICE_FILE, NO_TEXTS, NOTHING_TO_DO, Row, Section, TITLE, TextRef,
    TextSection, fallback_line, users_line,
};
use crate::report::escape::{Html, Safe, catalog_cites, html as h, html_block as pre};

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45;color:#1b1b1b}\
pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem;border:1px solid #ddd;overflow-wrap:anywhere}\
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}\
nav li{margin:.1rem 0}section{margin-top:2rem}";

pub fn render(doc: &Document) -> Safe<Html> {
    let mut out = Safe::new();
    out.push("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push(safe!(
        "<title>{}: {}</title>\n<style>{}</style>\n</head>\n<body>\n",
        TITLE,
        h(&doc.project),
        STYLE
    ));
    out.push(safe!("<h1>{}</h1>\n<p>{}</p>\n", TITLE, h(&doc.intro)));
    contents(&mut out, doc);
    for section in doc.sections() {
        out.push(safe!(
            "<section id=\"{}\">\n<h2>{}</h2>\n",
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
                    out.push(safe!(
                        "<h3>{}: {}</h3>\n<pre>{}</pre>\n",
                        h(&n.artifact),
                        h(&n.file),
                        pre(&n.text)
                    ));
                }
            }
            Section::MissingTexts => {
                out.push("<ul>\n");
                for g in &doc.gaps {
                    out.push(safe!(
                        "<li>{} (<code>{}</code>): {}</li>\n",
                        h(&g.artifact),
                        h(&g.license),
                        h(&g.why)
                    ));
                }
                out.push("</ul>\n");
            }
        }
        out.push("</section>\n");
    }
    out.push("</body>\n</html>\n");
    out
}

fn contents(out: &mut Safe<Html>, doc: &Document) {
    out.push("<nav id=\"contents\">\n<h2>Contents</h2>\n<ul>\n");
    for section in doc.sections() {
        out.push(safe!(
            "<li><a href=\"#{}\">{}</a>",
            section.id(),
            section.title()
        ));
        if section == Section::LicenseTexts {
            out.push("\n<ul class=\"licenses\">\n");
            for l in &doc.licenses {
                let links = l
                    .anchors
                    .iter()
                    .map(|a| safe!("<a href=\"#{}\">{}</a>", h(a), h(a)));
                out.push(safe!(
                    "<li>{} (<code>{}</code>), used by {}: {}</li>\n",
                    h(&l.name),
                    h(&l.license),
                    l.users,
                    Safe::join(links, ", ")
                ));
            }
            out.push("</ul>");
        }
        out.push("</li>\n");
    }
    out.push("</ul>\n</nav>\n");
}

fn required_notices(out: &mut Safe<Html>, doc: &Document) {
    let Some(summary) = &doc.notice_summary else {
        out.push(safe!("<p>{}</p>\n", NO_NOTICE_FILE));
        return;
    };
    out.push(safe!("<p>{}</p>\n", h(summary)));
    let all: Vec<&str> = doc.notices.iter().map(|n| n.words.as_str()).collect();
    out.push(safe!(
        "<pre class=\"notice-file\">{}</pre>\n<ul>\n",
        pre(&all.join("\n"))
    ));
    for n in &doc.notices {
        out.push(safe!(
            "<li>{} (<code>{}</code>, <a href=\"{}\">source</a>): {}</li>\n",
            h(&n.words),
            h(&n.license),
            h(&n.source),
            h(&users_line(&n.users))
        ));
    }
    out.push("</ul>\n");
}

fn checklist(out: &mut Safe<Html>, actions: &[Action]) {
    out.push("<ul>\n");
    if actions.is_empty() {
        out.push(safe!("<li>{}</li>\n", NOTHING_TO_DO));
    }
    for a in actions {
        out.push(safe!(
            "<li><input type=\"checkbox\" disabled> <strong>{}</strong> (<code>{}</code>, {}): {}",
            h(&a.headline),
            h(&a.license),
            h(a.class.as_str()),
            h(&a.summary)
        ));
        if let Some(p) = &a.placement {
            out.push(safe!(" Where: {}.", h(p)));
        }
        out.push(match &a.quote {
            Some(q) => safe!("<blockquote>{}</blockquote>", h(q)),
            None => safe!(" (clause not verified: read the terms)"),
        });
        out.push(safe!(
            "<a href=\"{}\">source</a>; for: {}</li>\n",
            h(&a.source),
            h(&users_line(&a.users))
        ));
    }
    out.push("</ul>\n");
}

fn table(out: &mut Safe<Html>, what: &'static str, rows: &[Row]) {
    out.push(safe!(
        "<table>\n<tr><th>{}</th><th>License</th><th>Texts</th></tr>\n",
        what
    ));
    for r in rows {
        out.push(safe!(
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            h(&r.artifact),
            h(&r.expression),
            links(&r.texts)
        ));
    }
    out.push("</table>\n");
}

fn links(texts: &[TextRef]) -> Safe<Html> {
    if texts.is_empty() {
        return safe!("{}", NO_TEXTS);
    }
    Safe::join(
        texts
            .iter()
            .map(|t| safe!("<a href=\"#{}\">{}</a>", h(&t.anchor), h(&t.license))),
        ", ",
    )
}

fn text(out: &mut Safe<Html>, t: &TextSection) {
    out.push(safe!(
        "<section class=\"license\" id=\"{}\">\n<h3>{} (<code>{}</code>)</h3>\n",
        h(&t.anchor),
        h(&t.name),
        h(&t.license)
    ));
    if let Some(line) = t.fallback.as_ref().and_then(|o| fallback_line(o, link)) {
        out.push(safe!("<p class=\"text-origin\">{}</p>\n", line));
    }
    let users = t
        .users
        .iter()
        .map(|u| safe!("{} ({})", h(&u.artifact), h(&u.from)));
    out.push(safe!(
        "<p class=\"used-by\">Used by: {}</p>\n<pre class=\"license-text\">{}</pre>\n</section>\n",
        Safe::join(users, ", "),
        pre(&t.text)
    ));
}

/// A catalog URL as an HTML link (escaped, like every attribute); anything
/// else as escaped text.
fn link(text: &str) -> Safe<Html> {
    if catalog_cites(text) {
        safe!("<a href=\"{}\">{}</a>", h(text), h(text))
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
