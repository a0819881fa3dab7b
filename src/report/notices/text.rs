//! The notices as plain text: every field from outside through
//! [`escape::line`], every text through [`escape::lines`].

use super::document::{
    Action, Document, NO_NOTICE_FILE, NO_TEXTS, NOTHING_TO_DO, Row, Section, TITLE, TextRef,
    TextSection, fallback_line, users_line,
};
use crate::report::escape::{line as t, lines as block};
use std::fmt::Write;

/// The line under a license text or a NOTICE file.
const WIDTH: usize = 72;

pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}\n\n{}", TITLE.to_uppercase(), t(&doc.intro));
    for section in doc.sections() {
        let title = section.heading();
        let _ = writeln!(out, "\n{title}\n{}\n", "=".repeat(title.chars().count()));
        match section {
            Section::RequiredNotices => required_notices(&mut out, doc),
            Section::Checklist => checklist(&mut out, &doc.actions),
            Section::Models => rows(&mut out, &doc.models),
            Section::Crates => rows(&mut out, &doc.crates),
            Section::LicenseTexts => doc.texts.iter().for_each(|g| text(&mut out, g)),
            Section::NoticeFiles => {
                for n in &doc.notice_files {
                    let _ = writeln!(out, "{}: {}\n", t(&n.artifact), t(&n.file));
                    out.push_str(&block(&n.text));
                    let _ = writeln!(out, "\n{}", "-".repeat(WIDTH));
                }
            }
            Section::MissingTexts => {
                for g in &doc.gaps {
                    let _ = writeln!(
                        out,
                        "- {} ({}): {}",
                        t(&g.artifact),
                        t(&g.license),
                        t(&g.why)
                    );
                }
            }
        }
    }
    out
}

fn required_notices(out: &mut String, doc: &Document) {
    let Some(summary) = &doc.notice_summary else {
        let _ = writeln!(out, "{NO_NOTICE_FILE}");
        return;
    };
    let _ = writeln!(out, "{}\n", t(summary));
    for n in &doc.notices {
        let _ = writeln!(out, "{}", t(&n.words));
    }
    out.push('\n');
    for n in &doc.notices {
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

fn checklist(out: &mut String, actions: &[Action]) {
    if actions.is_empty() {
        let _ = writeln!(out, "{NOTHING_TO_DO}");
    }
    for a in actions {
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
        let source = t(&a.source);
        let _ = match &a.quote {
            Some(q) => writeln!(out, "    clause: \"{}\" <{source}>", t(q)),
            None => writeln!(out, "    clause: not verified, read the terms <{source}>"),
        };
        let _ = writeln!(out, "    for: {}", t(&users_line(&a.users)));
    }
}

fn rows(out: &mut String, rows: &[Row]) {
    for r in rows {
        let _ = writeln!(
            out,
            "{}: {}: {}",
            t(&r.artifact),
            t(&r.expression),
            refs(&r.texts)
        );
    }
}

fn refs(texts: &[TextRef]) -> String {
    if texts.is_empty() {
        return NO_TEXTS.to_owned();
    }
    let refs: Vec<String> = texts
        .iter()
        .map(|r| format!("{} [{}]", t(&r.license), r.anchor))
        .collect();
    refs.join(", ")
}

fn text(out: &mut String, g: &TextSection) {
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
        .map(|u| format!("{} ({})", t(&u.artifact), t(&u.from)))
        .collect();
    let _ = writeln!(out, "Used by: {}\n", users.join(", "));
    out.push_str(&block(&g.text));
    let _ = writeln!(out, "\n{}", "-".repeat(WIDTH));
}
