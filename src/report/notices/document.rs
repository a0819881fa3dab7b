//! The notices document, built once from what was gathered: its sections in
//! order, each entry with the texts from outside it shows (escaped only by
//! the renderer of each format), and the sentences all three formats say.

use crate::catalog::{Catalog, ObligationClass};
use crate::domain::{ArtifactKind, ResolvedArtifact};
use crate::evaluate::obligations::{Applied, count_kinds};
use crate::report::escape::Safe;
use crate::resolve::notices::{Gathered, Origin};
use std::collections::BTreeMap;

/// The document's title (the text format writes it in capitals).
pub const TITLE: &str = "Third-party notices";
/// The required notices when no license asks for a Notice file.
pub const NO_NOTICE_FILE: &str = "No license here requires a Notice file.";
/// The checklist when no license asks for more than its text (HTML and text;
/// Markdown says "notices above").
pub const NOTHING_TO_DO: &str =
    "Nothing: the license texts and notices are all these licenses ask for.";
/// An artifact's texts when it has none.
pub const NO_TEXTS: &str = "none";

/// One shipped artifact with what was gathered for it.
pub struct Item<'a> {
    pub ra: &'a ResolvedArtifact,
    pub obligations: Vec<Applied>,
    pub gathered: Gathered,
}

/// The document: every section's entries, in the order they are shown.
pub struct Document {
    /// The workspace's name (its root directory).
    pub project: String,
    /// The sentence under the title: the project, the scope, what it ships,
    /// how many texts, this tool's version.
    pub intro: String,
    /// "4 models require a Notice file ...", when any license does.
    pub notice_summary: Option<String>,
    pub notices: Vec<RequiredNotice>,
    pub actions: Vec<Action>,
    pub models: Vec<Row>,
    pub crates: Vec<Row>,
    /// The contents' entries under "License texts": one per license.
    pub licenses: Vec<LicenseEntry>,
    pub texts: Vec<TextSection>,
    pub notice_files: Vec<NoticeFile>,
    pub gaps: Vec<GapLine>,
}

/// A section of the document, in the order they come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    RequiredNotices,
    Checklist,
    Models,
    Crates,
    LicenseTexts,
    NoticeFiles,
    MissingTexts,
}

impl Section {
    /// The anchor the contents link to.
    pub fn id(self) -> &'static str {
        match self {
            Section::RequiredNotices => "required-notices",
            Section::Checklist => "checklist",
            Section::Models => "models",
            Section::Crates => "crates",
            Section::LicenseTexts => "license-texts",
            Section::NoticeFiles => "notice-files",
            Section::MissingTexts => "missing-texts",
        }
    }

    /// Its entry in the contents.
    pub fn title(self) -> &'static str {
        match self {
            Section::RequiredNotices => "Required notices",
            Section::Checklist => "Checklist",
            Section::Models => "Models",
            Section::Crates => "Crates",
            Section::LicenseTexts => "License texts",
            Section::NoticeFiles => "NOTICE files",
            Section::MissingTexts => "Missing texts",
        }
    }

    pub fn heading(self) -> &'static str {
        match self {
            Section::Checklist => "Checklist: what this document cannot do",
            other => other.title(),
        }
    }
}

/// A notice line a license requires in a Notice file.
pub struct RequiredNotice {
    pub words: String,
    pub license: String,
    pub source: String,
    pub users: Vec<String>,
}

/// An action a document cannot take.
pub struct Action {
    pub license: String,
    pub class: ObligationClass,
    pub headline: String,
    pub summary: String,
    pub placement: Option<String>,
    /// The clause verbatim; `None` when the terms were not read.
    pub quote: Option<String>,
    pub source: String,
    pub users: Vec<String>,
}

/// A shipped artifact, its license and the texts it uses.
pub struct Row {
    pub artifact: String,
    pub expression: String,
    pub texts: Vec<TextRef>,
}

/// A link to a license text: the license, and the text's anchor.
#[derive(Clone)]
pub struct TextRef {
    pub license: String,
    pub anchor: String,
}

/// One license in the contents: how many artifacts use its texts, and the
/// anchors of those texts.
pub struct LicenseEntry {
    pub name: String,
    pub license: String,
    pub users: usize,
    pub anchors: Vec<String>,
}

/// One distinct license text and who uses it.
pub struct TextSection {
    pub anchor: String,
    pub license: String,
    /// The license's name (the catalog's, the SPDX list's, else its id).
    pub name: String,
    pub text: String,
    /// Where the text came from when no user ships it: the SPDX list or
    /// the catalog (`None` when some artifact ships it).
    pub fallback: Option<Origin>,
    pub users: Vec<TextUser>,
}

/// An artifact that uses a text, and where its copy came from.
pub struct TextUser {
    pub artifact: String,
    pub from: String,
}

/// A NOTICE file, verbatim.
pub struct NoticeFile {
    pub artifact: String,
    pub file: String,
    pub text: String,
}

/// A gap: a text that could not be had.
pub struct GapLine {
    pub artifact: String,
    pub license: String,
    pub why: String,
}

impl Document {
    /// The sections present, in order: those with nothing to list (models,
    /// crates, NOTICE files, missing texts) are left out.
    pub fn sections(&self) -> Vec<Section> {
        [
            (Section::RequiredNotices, true),
            (Section::Checklist, true),
            (Section::Models, !self.models.is_empty()),
            (Section::Crates, !self.crates.is_empty()),
            (Section::LicenseTexts, true),
            (Section::NoticeFiles, !self.notice_files.is_empty()),
            (Section::MissingTexts, !self.gaps.is_empty()),
        ]
        .into_iter()
        .filter_map(|(s, present)| present.then_some(s))
        .collect()
    }

    /// The document for `items`, built once for all formats.
    pub fn build(
        project: String,
        include_dev: bool,
        items: Vec<Item<'_>>,
        catalog: &Catalog,
    ) -> Document {
        let mut b = Builder::default();
        let mut sorted: Vec<&Item<'_>> = items.iter().collect();
        sorted.sort_by_key(|i| {
            let a = &i.ra.artifact;
            (a.kind(), &a.name, &a.version)
        });
        for item in sorted {
            b.add(item, catalog);
        }
        let texts = b.texts();
        let kinds: Vec<ArtifactKind> = items.iter().map(|i| i.ra.artifact.kind()).collect();
        let intro = intro(&project, include_dev, &kinds, texts.len());
        let refs = refs(&texts);
        let rows = |list: Vec<(String, String)>| -> Vec<Row> {
            list.into_iter()
                .map(|(artifact, expression)| Row {
                    texts: refs
                        .get(artifact.as_str())
                        .map(|r| r.to_vec())
                        .unwrap_or_default(),
                    artifact,
                    expression,
                })
                .collect()
        };
        let (models, crates) = (rows(b.models), rows(b.crates));
        let mut actions = b.actions;
        actions.sort_by(|a, b| (&a.license, a.class).cmp(&(&b.license, b.class)));
        let mut notices = b.notices;
        notices.sort_by(|a, b| (&a.license, &a.words).cmp(&(&b.license, &b.words)));
        Document {
            project,
            intro,
            notice_summary: notice_summary(&b.notice_kinds),
            notices,
            actions,
            models,
            crates,
            licenses: license_entries(&texts),
            texts,
            notice_files: b.notice_files,
            gaps: b.gaps,
        }
    }
}

/// What the items add up to, before the texts are sorted and numbered.
#[derive(Default)]
struct Builder {
    /// By (license, text): identical texts once.
    groups: BTreeMap<(String, String), TextSection>,
    notices: Vec<RequiredNotice>,
    /// The kinds of the artifacts that need a Notice file, each once.
    notice_kinds: Vec<ArtifactKind>,
    actions: Vec<Action>,
    notice_files: Vec<NoticeFile>,
    gaps: Vec<GapLine>,
    crates: Vec<(String, String)>,
    models: Vec<(String, String)>,
}

impl Builder {
    fn add(&mut self, item: &Item<'_>, catalog: &Catalog) {
        let who = item.ra.artifact.display_name();
        let row = (who.clone(), item.ra.license.display());
        if item.ra.artifact.kind() == ArtifactKind::Crate {
            self.crates.push(row);
        } else {
            self.models.push(row);
        }
        for t in &item.gathered.licenses {
            let fallback = (!matches!(t.origin, Origin::Own(_))).then(|| t.origin.clone());
            let g = self
                .groups
                .entry((t.license.clone(), t.text.clone()))
                .or_insert_with(|| TextSection {
                    anchor: String::new(),
                    license: t.license.clone(),
                    name: license_name(catalog, &t.license),
                    text: t.text.clone(),
                    fallback: fallback.clone(),
                    users: Vec::new(),
                });
            if g.fallback != fallback {
                g.fallback = None;
            }
            g.users.push(TextUser {
                artifact: who.clone(),
                from: origin_note(&t.origin),
            });
        }
        for n in &item.gathered.notices {
            self.notice_files.push(NoticeFile {
                artifact: who.clone(),
                file: n.file.clone(),
                text: n.text.clone(),
            });
        }
        for g in &item.gathered.gaps {
            self.gaps.push(GapLine {
                artifact: who.clone(),
                license: g.license.clone(),
                why: g.why.clone(),
            });
        }
        for o in &item.obligations {
            if o.class == ObligationClass::NoticeFile
                && let Some(words) = &o.words
            {
                self.require_notice(o, words, &who, item.ra.artifact.kind());
            }
            if o.class.needs_action() {
                self.act(o, &who);
            }
        }
    }

    fn require_notice(&mut self, o: &Applied, words: &str, who: &str, kind: ArtifactKind) {
        if !self
            .notices
            .iter()
            .any(|n| n.users.iter().any(|u| u == who))
        {
            self.notice_kinds.push(kind);
        }
        match self.notices.iter_mut().find(|n| n.words == words) {
            Some(n) => n.users.push(who.to_owned()),
            None => self.notices.push(RequiredNotice {
                words: words.to_owned(),
                license: o.license.clone(),
                source: o.source.clone(),
                users: vec![who.to_owned()],
            }),
        }
    }

    fn act(&mut self, o: &Applied, who: &str) {
        let same =
            |a: &&mut Action| a.license == o.license && a.class == o.class && a.summary == o.text;
        match self.actions.iter_mut().find(same) {
            Some(a) => a.users.push(who.to_owned()),
            None => self.actions.push(Action {
                license: o.license.clone(),
                class: o.class,
                headline: o.headline(),
                summary: o.text.clone(),
                placement: o.placement.clone(),
                quote: o.quote.clone(),
                source: o.source.clone(),
                users: vec![who.to_owned()],
            }),
        }
    }

    /// The texts in order of license name, then id, then first user, each
    /// with its anchor (`text-1`, ...).
    fn texts(&mut self) -> Vec<TextSection> {
        let mut texts: Vec<TextSection> = std::mem::take(&mut self.groups).into_values().collect();
        texts.sort_by(|a, b| {
            (&a.name, &a.license, first_user(a), &a.text).cmp(&(
                &b.name,
                &b.license,
                first_user(b),
                &b.text,
            ))
        });
        for (i, t) in texts.iter_mut().enumerate() {
            t.anchor = format!("text-{}", i + 1);
        }
        texts
    }
}

fn first_user(t: &TextSection) -> Option<(&String, &String)> {
    t.users.first().map(|u| (&u.artifact, &u.from))
}

/// The texts each artifact uses, in the order of the texts.
fn refs(texts: &[TextSection]) -> BTreeMap<&str, Vec<TextRef>> {
    let mut refs: BTreeMap<&str, Vec<TextRef>> = BTreeMap::new();
    for t in texts {
        for u in &t.users {
            refs.entry(&u.artifact).or_default().push(TextRef {
                license: t.license.clone(),
                anchor: t.anchor.clone(),
            });
        }
    }
    refs
}

/// One entry per license, in order of name then id.
fn license_entries(texts: &[TextSection]) -> Vec<LicenseEntry> {
    let mut by_license: BTreeMap<(&String, &String), LicenseEntry> = BTreeMap::new();
    for t in texts {
        let e = by_license
            .entry((&t.name, &t.license))
            .or_insert_with(|| LicenseEntry {
                name: t.name.clone(),
                license: t.license.clone(),
                users: 0,
                anchors: Vec::new(),
            });
        e.users += t.users.len();
        e.anchors.push(t.anchor.clone());
    }
    by_license.into_values().collect()
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

fn intro(project: &str, include_dev: bool, kinds: &[ArtifactKind], texts: usize) -> String {
    let scope = if include_dev {
        "normal, build and dev dependencies"
    } else {
        "normal and build dependencies"
    };
    format!(
        "What {project} ships ({scope}): {}, under {texts} distinct license texts. Generated by cargo-model-audit {}.",
        if kinds.is_empty() {
            "nothing".to_owned()
        } else {
            count_kinds(kinds)
        },
        env!("CARGO_PKG_VERSION")
    )
}

/// A summary of the required notices: "3 models require a Notice file".
fn notice_summary(kinds: &[ArtifactKind]) -> Option<String> {
    (!kinds.is_empty()).then(|| {
        format!(
            "{} {} a Notice file with the lines below, verbatim.",
            count_kinds(kinds),
            if kinds.len() == 1 {
                "requires"
            } else {
                "require"
            }
        )
    })
}

/// The users of a notice or an action, on one line.
pub fn users_line(users: &[String]) -> String {
    users.join(", ")
}

/// The line above a text no artifact ships, saying where it came from;
/// `source` renders the catalog's source URL for the format.
pub fn fallback_line<F>(origin: &Origin, source: impl Fn(&str) -> Safe<F>) -> Option<Safe<F>> {
    match origin {
        Origin::Own(_) => None,
        Origin::Canonical => Some(safe!(
            "The SPDX License List's canonical text: the artifacts below ship no text of this license."
        )),
        Origin::Catalog(url) => Some(safe!(
            "From the catalog, source {}: the artifacts below ship no text of this license, and the SPDX License List has none.",
            source(url)
        )),
    }
}
