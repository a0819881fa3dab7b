//! `notices`: the third-party notices document for what the project ships:
//! every license text once (identical texts are printed once and referenced
//! by every artifact that uses them, as cargo-about does), every NOTICE file
//! verbatim, the notice lines the model licenses require, and a checklist of
//! what a document cannot do (display branding, name derived models, pass
//! use restrictions on, mark changes). Markdown, self-contained HTML or plain
//! text; deterministic.
//!
//! [`assemble`] decides what ships and under which licenses, has the texts
//! gathered (`resolve::notices` does the reading) and builds one
//! [`Document`]; [`render`] walks it in the chosen format, each renderer
//! escaping every text from outside through its format's escaper.

pub mod document;
mod html;
mod markdown;
mod text;

pub use document::{Document, Item, Section};

use super::Audit;
use super::escape::{Output, Plain, Safe, plain, styled};
use crate::catalog::Catalog;
use crate::domain::{ArtifactId, Facts, ResolvedArtifact, Scope};
use crate::evaluate::{lineage, obligations};
use crate::resolve::notices::{Gap, Gathered, Wanted};
use std::collections::BTreeMap;

/// The document's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Text,
}

/// Renders the document, ready to be written.
pub fn render(doc: &Document, format: Format) -> Output<'static> {
    match format {
        Format::Markdown => Output::text(&markdown::render(doc)),
        Format::Html => Output::text(&html::render(doc)),
        Format::Text => Output::text(&text::render(doc)),
    }
}

/// What the project ships: normal and build scope (dev too with
/// `include_dev`), not its own crates.
fn ships(ra: &ResolvedArtifact, include_dev: bool) -> bool {
    let scoped = match ra.artifact.scope {
        Scope::Normal | Scope::Build => true,
        Scope::Dev => include_dev,
    };
    scoped && !matches!(&ra.artifact.facts, Facts::Crate(f) if f.workspace_member)
}

/// The notices document for what the audited project ships. Each artifact
/// ships under its effective license (a model's base included), and under
/// the alternative of an `OR` the policy accepts; `gather` reads the texts
/// of those licenses (`resolve::notices::gather`). An artifact whose license
/// is not known has a gap instead, never a silent omission.
pub fn assemble<'a>(
    audit: &'a Audit,
    include_dev: bool,
    catalog: &'a Catalog,
    gather: impl FnOnce(&[Wanted<'a>]) -> BTreeMap<ArtifactId, Gathered>,
) -> Document {
    let effective = lineage::effective(&audit.resolved.artifacts, catalog);
    let policy = &audit.policy;
    let shipped: Vec<(&ResolvedArtifact, Option<spdx::Expression>)> = audit
        .resolved
        .artifacts
        .iter()
        .filter(|ra| ships(ra, include_dev))
        .map(|ra| {
            let expression = match effective.get(&ra.artifact.id) {
                Some(e) => e.expression.clone(),
                None => ra.license.expression.as_deref().cloned(),
            };
            (ra, expression)
        })
        .collect();
    let wanted: Vec<Wanted<'a>> = shipped
        .iter()
        .map(|(ra, expression)| Wanted {
            artifact: ra,
            licenses: expression
                .as_ref()
                .map(|e| obligations::chosen_licenses(e, policy))
                .unwrap_or_default(),
        })
        .collect();
    let mut gathered = gather(&wanted);
    let items = shipped
        .into_iter()
        .map(|(ra, expression)| {
            let mut got = gathered.remove(&ra.artifact.id).unwrap_or_default();
            if let Some(why) = ra.model.as_ref().and_then(|d| d.unresolved.clone()) {
                got.gaps.push(Gap {
                    license: "unknown".to_owned(),
                    why: format!("the model could not be resolved: {why}"),
                });
            } else if expression.is_none() {
                got.gaps.push(Gap {
                    license: "unknown".to_owned(),
                    why: "its license could not be determined, so no text can be chosen".to_owned(),
                });
            }
            Item {
                ra,
                obligations: expression
                    .map(|e| obligations::for_expression(&e, policy, catalog))
                    .unwrap_or_default(),
                gathered: got,
            }
        })
        .collect();
    let project = audit
        .root
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "the project".to_owned());
    Document::build(project, include_dev, items, catalog)
}

/// One `notice-text-missing` warning per gap, for stderr.
pub fn warnings(doc: &Document) -> Vec<Safe<Plain>> {
    let yellow = console::Style::new().yellow().bold().for_stderr();
    doc.gaps
        .iter()
        .map(|gap| {
            safe!(
                "{}: {} (`{}`): {}",
                styled(&yellow, "warning[notice-text-missing]"),
                plain(&gap.artifact),
                plain(&gap.license),
                plain(&gap.why)
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::testkit::{
        catalog, dev, krate, member, model, policy, resolved, unlicensed,
    };
    use crate::resolve::notices::{LicenseText, Origin};

    fn audit(artifacts: Vec<ResolvedArtifact>) -> Audit {
        Audit {
            policy: policy("extends = \"permissive\""),
            root: "/work/shop".into(),
            target_dir: "/work/shop/target".into(),
            resolved: resolved(artifacts),
            verdict: Default::default(),
        }
    }

    /// A gatherer that finds the MIT text in every artifact, and nothing
    /// else; it records what it was asked for.
    fn mit_everywhere(
        asked: &mut Vec<(String, Vec<String>)>,
    ) -> impl FnOnce(&[Wanted<'_>]) -> BTreeMap<ArtifactId, Gathered> + '_ {
        move |wanted| {
            let mut out = BTreeMap::new();
            for w in wanted {
                asked.push((w.artifact.artifact.display_name(), w.licenses.clone()));
                let licenses = w
                    .licenses
                    .iter()
                    .filter(|l| *l == "MIT")
                    .map(|l| LicenseText {
                        license: l.clone(),
                        text: "MIT text\n".to_owned(),
                        origin: Origin::Own("LICENSE".to_owned()),
                    })
                    .collect();
                let g = Gathered {
                    licenses,
                    ..Gathered::default()
                };
                out.insert(w.artifact.artifact.id.clone(), g);
            }
            out
        }
    }

    #[test]
    fn the_document_holds_what_ships_with_identical_texts_once() {
        let audit = audit(vec![
            member(krate("app", "MIT"), false),
            krate("b-dual", "MIT OR Apache-2.0"),
            krate("a-mit", "MIT"),
            dev(krate("dev-only", "MIT")),
            unlicensed(krate("nameless", "")),
            model("acme/llama", "LicenseRef-llama2"),
        ]);
        let mut asked = Vec::new();
        let doc = assemble(&audit, false, catalog(), mit_everywhere(&mut asked));
        // Not the project's own crate, not dev scope; an OR ships under the
        // alternative the policy accepts.
        assert_eq!(
            asked,
            [
                ("b-dual@1.0.0".to_owned(), vec!["MIT".to_owned()]),
                ("a-mit@1.0.0".to_owned(), vec!["MIT".to_owned()]),
                ("nameless@1.0.0".to_owned(), vec![]),
                (
                    "acme/llama".to_owned(),
                    vec!["LicenseRef-llama2".to_owned()]
                ),
            ]
        );
        assert!(
            doc.intro
                .starts_with("What shop ships (normal and build dependencies): ")
        );
        // One MIT text, used by both crates, in the order the rows are.
        assert_eq!(doc.texts.len(), 1);
        let users: Vec<&str> = doc.texts[0]
            .users
            .iter()
            .map(|u| u.artifact.as_str())
            .collect();
        assert_eq!(users, ["a-mit@1.0.0", "b-dual@1.0.0"]);
        let rows: Vec<(&str, usize)> = doc
            .crates
            .iter()
            .map(|r| (r.artifact.as_str(), r.texts.len()))
            .collect();
        assert_eq!(
            rows,
            [
                ("a-mit@1.0.0", 1),
                ("b-dual@1.0.0", 1),
                ("nameless@1.0.0", 0)
            ]
        );
        // No license known: a gap, never a silent omission.
        assert!(
            doc.gaps
                .iter()
                .any(|g| g.artifact == "nameless@1.0.0" && g.license == "unknown"),
            "{:?}",
            doc.gaps.iter().map(|g| &g.artifact).collect::<Vec<_>>()
        );
        // Llama 2 asks for a Notice file.
        assert_eq!(doc.notices.len(), 1);
        assert_eq!(doc.notices[0].users, ["acme/llama"]);
        assert_eq!(
            doc.sections(),
            [
                Section::RequiredNotices,
                Section::Checklist,
                Section::Models,
                Section::Crates,
                Section::LicenseTexts,
                Section::MissingTexts,
            ]
        );
    }

    #[test]
    fn an_empty_document_says_so_in_every_format() {
        let doc = assemble(&audit(vec![]), true, catalog(), |_| BTreeMap::new());
        assert_eq!(
            doc.sections(),
            [
                Section::RequiredNotices,
                Section::Checklist,
                Section::LicenseTexts
            ]
        );
        for format in [Format::Markdown, Format::Html, Format::Text] {
            let text = String::from_utf8(render(&doc, format).to_bytes()).unwrap();
            for words in [
                "dev dependencies",
                "nothing, under 0 distinct license texts",
            ] {
                assert!(text.contains(words), "{text}");
            }
            assert!(text.contains(document::NO_NOTICE_FILE), "{text}");
            assert!(!text.contains("Models"), "{text}");
        }
    }
}
