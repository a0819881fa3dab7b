//! The notices as plain text: every field from outside through
//! [`plain`](crate::report::escape::plain), every text through
//! [`plain_lines`](crate::report::escape::plain_lines).

use super::document::{
    Action, Document, NO_NOTICE_FILE, NO_TEXTS, NOTHING_TO_DO, Row, Section, TITLE, TextRef,
    TextSection, fallback_line, users_line,
};
use crate::report::escape::{Plain, Safe, plain as t, plain_lines as block};

/// The line under a license text or a NOTICE file.
const WIDTH: usize = 72;

pub fn render(doc: &Document) -> Safe<Plain> {
    let mut out = Safe::new();
    out.push(safe!("{}\n\n{}\n", t(&TITLE.to_uppercase()), t(&doc.intro)));
    for section in doc.sections() {
        let title = section.heading();
        out.push(safe!(
            "\n{}\n{}\n\n",
            title,
            Safe::<Plain>::repeat("=", title.chars().count())
        ));
        match section {
            Section::RequiredNotices => required_notices(&mut out, doc),
            Section::Checklist => checklist(&mut out, &doc.actions),
            Section::Models => rows(&mut out, &doc.models),
            Section::Crates => rows(&mut out, &doc.crates),
            Section::LicenseTexts => doc.texts.iter().for_each(|g| text(&mut out, g)),
            Section::NoticeFiles => {
                for n in &doc.notice_files {
                    out.push(safe!("{}: {}\n\n", t(&n.artifact), t(&n.file)));
                    out.push(block(&n.text));
                    out.push(safe!("\n{}\n", Safe::<Plain>::repeat("-", WIDTH)));
                }
            }
            Section::MissingTexts => {
                for g in &doc.gaps {
                    out.push(safe!(
                        "- {} ({}): {}\n",
                        t(&g.artifact),
                        t(&g.license),
                        t(&g.why)
                    ));
                }
            }
        }
    }
    out
}

fn required_notices(out: &mut Safe<Plain>, doc: &Document) {
    let Some(summary) = &doc.notice_summary else {
        out.push(safe!("{}\n", NO_NOTICE_FILE));
        return;
    };
    out.push(safe!("{}\n\n", t(summary)));
    for n in &doc.notices {
        out.push(safe!("{}\n", t(&n.words)));
    }
    out.push("\n");
    for n in &doc.notices {
        out.push(safe!(
            "- {} ({}; {}): {}\n",
            t(&n.license),
            t(&n.source),
            t(&n.words),
            t(&users_line(&n.users))
        ));
    }
}

fn checklist(out: &mut Safe<Plain>, actions: &[Action]) {
    if actions.is_empty() {
        out.push(safe!("{}\n", NOTHING_TO_DO));
    }
    for a in actions {
        out.push(safe!(
            "[ ] {} ({}, {}): {}\n",
            t(&a.headline),
            t(&a.license),
            a.class.as_str(),
            t(&a.summary)
        ));
        if let Some(p) = &a.placement {
            out.push(safe!("    where: {}\n", t(p)));
        }
        let source = t(&a.source);
        out.push(match &a.quote {
            Some(q) => safe!("    clause: \"{}\" <{}>\n", t(q), source),
            None => safe!("    clause: not verified, read the terms <{}>\n", source),
        });
        out.push(safe!("    for: {}\n", t(&users_line(&a.users))));
    }
}

fn rows(out: &mut Safe<Plain>, rows: &[Row]) {
    for r in rows {
        out.push(safe!(
            "{}: {}: {}\n",
            t(&r.artifact),
            t(&r.expression),
            refs(&r.texts)
        ));
    }
}

fn refs(texts: &[TextRef]) -> Safe<Plain> {
    if texts.is_empty() {
        return safe!("{}", NO_TEXTS);
    }
    Safe::join(
        texts
            .iter()
            .map(|r| safe!("{} [{}]", t(&r.license), t(&r.anchor))),
        ", ",
    )
}

fn text(out: &mut Safe<Plain>, g: &TextSection) {
    out.push(safe!(
        "[{}] {} ({})\n",
        t(&g.anchor),
        t(&g.name),
        t(&g.license)
    ));
    if let Some(line) = g
        .fallback
        .as_ref()
        .and_then(|o| fallback_line(o, |u| safe!("<{}>", t(u))))
    {
        out.push(safe!("{}\n", line));
    }
    let users = g
        .users
        .iter()
        .map(|u| safe!("{} ({})", t(&u.artifact), t(&u.from)));
    out.push(safe!("Used by: {}\n\n", Safe::join(users, ", ")));
    out.push(block(&g.text));
    out.push(safe!("\n{}\n", Safe::<Plain>::repeat("-", WIDTH)));
}
