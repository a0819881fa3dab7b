//! The license catalog: every license id the tool knows, with the facts a
//! policy is judged on.
//!
//! A model license is usually not an SPDX license. Hugging Face cards say
//! `llama2`, `gemma` or `other` with a `license_name` such as `deepseek`, and
//! GGUF files copy those values. The catalog maps each of these names to one
//! entry that says whether the license is OSI-approved, whether it allows
//! commercial use, which restrictions it imposes (a user cap, a ban on
//! improving other models, an acceptable-use policy, ...), where its text is,
//! and who has publicly called it "open source". Every restriction carries the
//! link to the clause it comes from, so a finding can show its evidence.
//!
//! The data lives in `policies/catalog.toml` and is embedded in the binary:
//! an installed `cargo-model-audit` needs no files beside it, and a new model
//! license is a table in that file, not new code.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

#[cfg(test)]
mod tests;

/// The catalog as shipped, embedded at build time.
const BUILTIN: &str = include_str!("../../policies/catalog.toml");

/// All license entries, with indexes for the ways a license is named.
#[derive(Debug, Clone)]
pub struct Catalog {
    entries: Vec<Entry>,
    /// Lowercase catalog id to entry index.
    ids: HashMap<String, usize>,
    /// Normalised id or alias (see [`normalise_name`]) to entry index.
    names: HashMap<String, usize>,
    /// Exact SPDX id to entry index.
    spdx: HashMap<String, usize>,
    /// Lowercase SPDX id or `licenseref-<id>` form to entry index.
    refs: HashMap<String, usize>,
    /// Identifying phrases, normalised, longest first: (phrase, entry, index
    /// into the entry's `phrases`).
    phrases: Vec<(String, usize, usize)>,
}

/// One license and what is known about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Entry {
    /// Lowercase catalog id; equals the Hugging Face Hub id when there is one.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The SPDX license id, when the license has one.
    #[serde(default)]
    pub spdx: Option<String>,
    /// Whether the Hub accepts `id` in a card's `license:` field.
    #[serde(default)]
    pub hub: bool,
    /// Whether the id names a family of licenses (or none), not one text.
    #[serde(default)]
    pub family: bool,
    /// Other lowercase spellings, as seen in `license_name` on real cards.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// OSI approval; always false for a license without an SPDX id.
    pub osi_approved: bool,
    /// Whether the license allows commercial use.
    pub commercial_use: CommercialUse,
    /// Where the license text is published.
    #[serde(default)]
    pub link: Option<String>,
    /// Titles or notice sentences that identify the license in a text.
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Terms the license imposes, each with its source.
    #[serde(default)]
    pub restrictions: Vec<Restriction>,
    /// Public vendor statements calling the licensed artifact open source.
    #[serde(default)]
    pub labels: Vec<VendorLabel>,
    /// The vendor's official Hub repositories published under this license,
    /// as `owner/prefix*` patterns: evidence of last resort when a card
    /// names no license.
    #[serde(default)]
    pub repos: Vec<String>,
    /// What whoever ships the licensed artifact must do, each with the
    /// clause it comes from.
    #[serde(default)]
    pub obligations: Vec<Obligation>,
    /// Why a license with no `obligations` imposes none (a public-domain
    /// dedication, ...). An entry without either has not been reviewed.
    #[serde(default)]
    pub obligations_none: Option<String>,
    /// Where the catalog's copy of the license text (`policies/texts/<id>.txt`)
    /// was taken from; only for licenses the SPDX list has no text of.
    #[serde(default)]
    pub text_source: Option<String>,
}

/// The license texts the catalog ships for licenses without an SPDX text,
/// by catalog id: `policies/texts/<id>.txt`, each taken from the public
/// source its entry's `text-source` names.
const TEXTS: &[(&str, &str)] = &[
    (
        "apple-amlr",
        include_str!("../../policies/texts/apple-amlr.txt"),
    ),
    (
        "bigcode-openrail-m",
        include_str!("../../policies/texts/bigcode-openrail-m.txt"),
    ),
    (
        "bigscience-bloom-rail-1.0",
        include_str!("../../policies/texts/bigscience-bloom-rail-1.0.txt"),
    ),
    (
        "bigscience-openrail-m",
        include_str!("../../policies/texts/bigscience-openrail-m.txt"),
    ),
    (
        "creativeml-openrail-m",
        include_str!("../../policies/texts/creativeml-openrail-m.txt"),
    ),
    (
        "deepfloyd-if-license",
        include_str!("../../policies/texts/deepfloyd-if-license.txt"),
    ),
    (
        "deepseek",
        include_str!("../../policies/texts/deepseek.txt"),
    ),
    (
        "fair-noncommercial-research-license",
        include_str!("../../policies/texts/fair-noncommercial-research-license.txt"),
    ),
    ("llama2", include_str!("../../policies/texts/llama2.txt")),
    ("llama3", include_str!("../../policies/texts/llama3.txt")),
    (
        "llama3.1",
        include_str!("../../policies/texts/llama3.1.txt"),
    ),
    (
        "llama3.2",
        include_str!("../../policies/texts/llama3.2.txt"),
    ),
    (
        "llama3.3",
        include_str!("../../policies/texts/llama3.3.txt"),
    ),
    ("llama4", include_str!("../../policies/texts/llama4.txt")),
    (
        "openrail++",
        include_str!("../../policies/texts/openrail++.txt"),
    ),
    (
        "tongyi-qianwen",
        include_str!("../../policies/texts/tongyi-qianwen.txt"),
    ),
    (
        "tongyi-qianwen-research",
        include_str!("../../policies/texts/tongyi-qianwen-research.txt"),
    ),
    (
        "yi-license",
        include_str!("../../policies/texts/yi-license.txt"),
    ),
];

/// A license text the catalog holds, and where it was taken from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogText<'a> {
    pub text: &'static str,
    pub source: &'a str,
}

/// Whether a URL from the catalog is a plain `https://` link with nothing a
/// renderer could read as markup: no whitespace, quotes, parentheses,
/// brackets, backticks or angle brackets.
pub fn is_plain_https(url: &str) -> bool {
    url.strip_prefix("https://").is_some_and(|rest| {
        !rest.is_empty()
            && !url.chars().any(|c| {
                c.is_whitespace()
                    || c.is_control()
                    || matches!(
                        c,
                        '(' | ')'
                            | '['
                            | ']'
                            | '<'
                            | '>'
                            | '`'
                            | '"'
                            | '\''
                            | '\\'
                            | '{'
                            | '}'
                            | '|'
                    )
            })
    })
}

/// Whether a license allows commercial use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CommercialUse {
    /// Allowed without conditions specific to commercial use.
    Yes,
    /// Not allowed.
    No,
    /// Allowed only under conditions (a user cap, a separate agreement), or
    /// the terms are not verified.
    Restricted,
}

impl CommercialUse {
    /// The name used in the catalog and in reports.
    pub fn as_str(&self) -> &'static str {
        match self {
            CommercialUse::Yes => "yes",
            CommercialUse::No => "no",
            CommercialUse::Restricted => "restricted",
        }
    }
}

impl fmt::Display for CommercialUse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One term a license imposes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Restriction {
    pub class: RestrictionClass,
    /// One user-facing line.
    pub summary: String,
    /// Public link to the clause.
    pub source: String,
    /// For `user-cap` only: the number of users above which a separate
    /// license is needed.
    #[serde(default)]
    pub limit: Option<u64>,
}

/// The kinds of terms that keep a license from being open source, as
/// policies name them in `[restrictions]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RestrictionClass {
    UserCap,
    NoImprovingOtherModels,
    AcceptableUsePolicy,
    NonCommercial,
    ResearchOnly,
    NamingOrBranding,
    Revocable,
    RegionalExclusion,
    DerivativesInherit,
    FieldOfUse,
    NoDerivatives,
}

impl RestrictionClass {
    /// Every class, in declaration order.
    pub const ALL: [RestrictionClass; 11] = [
        RestrictionClass::UserCap,
        RestrictionClass::NoImprovingOtherModels,
        RestrictionClass::AcceptableUsePolicy,
        RestrictionClass::NonCommercial,
        RestrictionClass::ResearchOnly,
        RestrictionClass::NamingOrBranding,
        RestrictionClass::Revocable,
        RestrictionClass::RegionalExclusion,
        RestrictionClass::DerivativesInherit,
        RestrictionClass::FieldOfUse,
        RestrictionClass::NoDerivatives,
    ];

    /// The kebab-case name used in the catalog and in policies.
    pub fn as_str(&self) -> &'static str {
        match self {
            RestrictionClass::UserCap => "user-cap",
            RestrictionClass::NoImprovingOtherModels => "no-improving-other-models",
            RestrictionClass::AcceptableUsePolicy => "acceptable-use-policy",
            RestrictionClass::NonCommercial => "non-commercial",
            RestrictionClass::ResearchOnly => "research-only",
            RestrictionClass::NamingOrBranding => "naming-or-branding",
            RestrictionClass::Revocable => "revocable",
            RestrictionClass::RegionalExclusion => "regional-exclusion",
            RestrictionClass::DerivativesInherit => "derivatives-inherit",
            RestrictionClass::FieldOfUse => "field-of-use",
            RestrictionClass::NoDerivatives => "no-derivatives",
        }
    }

    /// The class with this kebab-case name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == name)
    }

    /// One line saying what the class means.
    pub fn description(&self) -> &'static str {
        match self {
            RestrictionClass::UserCap => {
                "caps the number of users: above it a separate license is needed"
            }
            RestrictionClass::NoImprovingOtherModels => {
                "forbids using the model or its output to improve other models"
            }
            RestrictionClass::AcceptableUsePolicy => {
                "binds use to a separate acceptable-use policy the licensor can change"
            }
            RestrictionClass::NonCommercial => "forbids commercial use",
            RestrictionClass::ResearchOnly => "allows research or evaluation use only",
            RestrictionClass::NamingOrBranding => {
                "dictates names or \"built with\" notices for products and derived models"
            }
            RestrictionClass::Revocable => {
                "lets the licensor end or remotely restrict use, not only for breach"
            }
            RestrictionClass::RegionalExclusion => {
                "withholds rights from people or companies in some regions"
            }
            RestrictionClass::DerivativesInherit => {
                "makes derived models, including distilled ones, carry the same restrictions"
            }
            RestrictionClass::FieldOfUse => "forbids listed fields of use",
            RestrictionClass::NoDerivatives => "forbids sharing modified versions",
        }
    }
}

impl fmt::Display for RestrictionClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing whoever ships a licensed artifact must do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Obligation {
    pub class: ObligationClass,
    /// One user-facing line.
    pub summary: String,
    /// The clause, verbatim. Absent only when `verified = false`.
    #[serde(default)]
    pub quote: Option<String>,
    /// Public link to the clause (or the text).
    pub source: String,
    /// The exact words: the notice a Notice file must carry, the branding to
    /// display, the prefix a derived model's name must begin with.
    #[serde(default)]
    pub text: Option<String>,
    /// For `display-branding`: where the words must appear.
    #[serde(default, rename = "where")]
    pub placement: Option<String>,
    /// False when the terms were not read: the obligation is a conservative
    /// default (ship the license text), and says so.
    #[serde(default = "yes")]
    pub verified: bool,
}

fn yes() -> bool {
    true
}

/// The kinds of things a license requires of whoever ships the artifact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ObligationClass {
    IncludeLicenseText,
    RetainNotices,
    NoticeFile,
    Attribution,
    DisplayBranding,
    NamePrefix,
    PassThroughTerms,
    ShareAlike,
    MarkChanges,
}

impl ObligationClass {
    /// Every class, in declaration order.
    pub const ALL: [ObligationClass; 9] = [
        ObligationClass::IncludeLicenseText,
        ObligationClass::RetainNotices,
        ObligationClass::NoticeFile,
        ObligationClass::Attribution,
        ObligationClass::DisplayBranding,
        ObligationClass::NamePrefix,
        ObligationClass::PassThroughTerms,
        ObligationClass::ShareAlike,
        ObligationClass::MarkChanges,
    ];

    /// The kebab-case name used in the catalog and in reports.
    pub fn as_str(&self) -> &'static str {
        match self {
            ObligationClass::IncludeLicenseText => "include-license-text",
            ObligationClass::RetainNotices => "retain-notices",
            ObligationClass::NoticeFile => "notice-file",
            ObligationClass::Attribution => "attribution",
            ObligationClass::DisplayBranding => "display-branding",
            ObligationClass::NamePrefix => "name-prefix",
            ObligationClass::PassThroughTerms => "pass-through-terms",
            ObligationClass::ShareAlike => "share-alike",
            ObligationClass::MarkChanges => "mark-changes",
        }
    }

    /// The class with this kebab-case name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == name)
    }

    /// What is required, as the object of "N models require ...".
    pub fn requirement(&self) -> &'static str {
        match self {
            ObligationClass::IncludeLicenseText => "a copy of the license text",
            ObligationClass::RetainNotices => "their copyright and NOTICE notices kept",
            ObligationClass::NoticeFile => "a Notice file",
            ObligationClass::Attribution => "attribution (creator, license, link)",
            ObligationClass::DisplayBranding => "branding displayed",
            ObligationClass::NamePrefix => "a name prefix on derived models",
            ObligationClass::PassThroughTerms => "their use restrictions passed on to recipients",
            ObligationClass::ShareAlike => "derivatives shared under the same terms",
            ObligationClass::MarkChanges => "modified files marked as changed",
        }
    }

    /// Whether a notices document cannot satisfy it: someone has to act
    /// (display words, name a model, bind recipients, mark changes).
    pub fn needs_action(&self) -> bool {
        !matches!(
            self,
            ObligationClass::IncludeLicenseText
                | ObligationClass::RetainNotices
                | ObligationClass::NoticeFile
        )
    }
}

impl fmt::Display for ObligationClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Obligation {
    /// The requirement with its exact words, for one line of a report:
    /// `a Notice file: "Llama 2 is licensed under ..."`.
    pub fn headline(&self) -> String {
        match (&self.text, self.class) {
            (Some(t), ObligationClass::DisplayBranding) => format!("\"{t}\" displayed"),
            (Some(t), ObligationClass::NamePrefix) => {
                format!("derived model names beginning \"{t}\"")
            }
            (Some(t), ObligationClass::NoticeFile) => format!("a Notice file with \"{t}\""),
            _ => self.class.requirement().to_owned(),
        }
    }
}

/// A public statement by a vendor that calls the artifact open source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct VendorLabel {
    pub by: String,
    pub quote: String,
    pub source: String,
}

impl Entry {
    /// How the license is written in an SPDX expression: its SPDX id, or
    /// `LicenseRef-<id>` (a `+` in the id becomes `-plus`, which SPDX
    /// syntax requires).
    pub fn license_ref(&self) -> String {
        match &self.spdx {
            Some(id) => id.clone(),
            None => format!("LicenseRef-{}", self.id.replace('+', "-plus")),
        }
    }

    /// The catalog's copy of the license text, with its source, for a
    /// license the SPDX list has no text of.
    pub fn text(&self) -> Option<CatalogText<'_>> {
        let source = self.text_source.as_deref()?;
        let text = TEXTS.iter().find(|(id, _)| *id == self.id)?.1;
        Some(CatalogText { text, source })
    }

    /// Whether the license imposes a restriction of this class.
    pub fn has(&self, class: RestrictionClass) -> bool {
        self.restrictions.iter().any(|r| r.class == class)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    #[serde(default)]
    license: Vec<Entry>,
}

impl Catalog {
    /// The catalog embedded in the binary, parsed once.
    ///
    /// Panics only if the embedded file is broken, which a unit test rules
    /// out.
    pub fn builtin() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| {
            Catalog::from_toml(BUILTIN)
                .unwrap_or_else(|e| panic!("the embedded policies/catalog.toml is invalid: {e}"))
        })
    }

    /// The entry whose `repos` patterns match a Hub repository id.
    pub fn for_repo(&self, repo: &str) -> Option<&Entry> {
        let repo = repo.to_ascii_lowercase();
        self.entries.iter().find(|e| {
            e.repos.iter().any(|p| {
                let p = p.to_ascii_lowercase();
                match p.strip_suffix('*') {
                    Some(prefix) => repo.starts_with(prefix),
                    None => repo == p,
                }
            })
        })
    }

    /// Parses and validates a catalog. Every problem is reported, one per
    /// line, naming the license id it concerns.
    pub fn from_toml(text: &str) -> Result<Catalog, String> {
        let file: CatalogFile =
            toml::from_str(text).map_err(|e| format!("invalid license catalog: {e}"))?;
        let mut errors = Vec::new();
        for entry in &file.license {
            check_entry(entry, &mut errors);
        }

        let mut catalog = Catalog {
            entries: Vec::new(),
            ids: HashMap::new(),
            names: HashMap::new(),
            spdx: HashMap::new(),
            refs: HashMap::new(),
            phrases: Vec::new(),
        };
        for (i, entry) in file.license.iter().enumerate() {
            let id = entry.id.to_lowercase();
            if catalog.ids.insert(id.clone(), i).is_some() {
                errors.push(format!("duplicate license id `{}`", entry.id));
            }
            catalog.names.entry(normalise_name(&id)).or_insert(i);
            if let Some(spdx_id) = &entry.spdx
                && let Some(j) = catalog.spdx.insert(spdx_id.clone(), i)
            {
                errors.push(format!(
                    "license `{}`: SPDX id `{spdx_id}` is already used by `{}`",
                    entry.id, file.license[j].id
                ));
            }
            catalog.refs.insert(entry.license_ref().to_lowercase(), i);
        }
        for (i, entry) in file.license.iter().enumerate() {
            for alias in &entry.aliases {
                let key = normalise_name(alias);
                let clash = catalog
                    .ids
                    .get(&key)
                    .or_else(|| catalog.refs.get(&key))
                    .or_else(|| catalog.names.get(&key))
                    .copied();
                match clash {
                    Some(j) if j == i => errors.push(format!(
                        "license `{}`: alias `{alias}` repeats the id or another alias",
                        entry.id
                    )),
                    Some(j) => errors.push(format!(
                        "license `{}`: alias `{alias}` is already the id, SPDX id or an alias of `{}`",
                        entry.id, file.license[j].id
                    )),
                    None => {
                        catalog.names.insert(key, i);
                    }
                }
            }
        }
        let mut seen_phrases: HashMap<String, usize> = HashMap::new();
        for (i, entry) in file.license.iter().enumerate() {
            for (k, phrase) in entry.phrases.iter().enumerate() {
                let normalised = normalise_text(phrase);
                if normalised.is_empty() {
                    errors.push(format!("license `{}`: empty phrase", entry.id));
                    continue;
                }
                if let Some(&j) = seen_phrases.get(&normalised) {
                    errors.push(format!(
                        "license `{}`: phrase \"{phrase}\" is also a phrase of `{}`",
                        entry.id, file.license[j].id
                    ));
                    continue;
                }
                seen_phrases.insert(normalised.clone(), i);
                catalog.phrases.push((normalised, i, k));
            }
        }
        // Longest first, so the most specific phrase wins; ties keep file order.
        catalog
            .phrases
            .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));

        if !errors.is_empty() {
            return Err(errors.join("\n"));
        }
        catalog.entries = file.license;
        Ok(catalog)
    }

    /// Every entry, in file order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Whether the catalog itself names this URL (a license's link, text
    /// source, or the source of a restriction, obligation or label): a URL
    /// the tool ships, not one read from a card or a workspace.
    pub fn cites(&self, url: &str) -> bool {
        self.entries.iter().any(|e| {
            e.link.as_deref() == Some(url)
                || e.text_source.as_deref() == Some(url)
                || e.restrictions.iter().any(|r| r.source == url)
                || e.obligations.iter().any(|o| o.source == url)
                || e.labels.iter().any(|l| l.source == url)
        })
    }

    /// The entry with this catalog id (case-insensitive).
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.ids
            .get(&id.trim().to_lowercase())
            .map(|&i| &self.entries[i])
    }

    /// The entry a license name refers to: a catalog id, an alias (as written
    /// in a card's `license_name`), an SPDX id, or `LicenseRef-<id>`; all
    /// case-insensitive. `_` and spaces count as `-` in ids and aliases.
    pub fn lookup(&self, key: &str) -> Option<&Entry> {
        let key = key.trim();
        if key.is_empty() {
            return None;
        }
        let lower = key.to_lowercase();
        let bare = lower.strip_prefix("licenseref-").unwrap_or(&lower);
        self.ids
            .get(&lower)
            .or_else(|| self.refs.get(&lower))
            .or_else(|| self.ids.get(bare))
            .or_else(|| self.names.get(&normalise_name(bare)))
            .map(|&i| &self.entries[i])
    }

    /// The entry whose SPDX id is exactly `spdx_id`.
    pub fn by_spdx(&self, spdx_id: &str) -> Option<&Entry> {
        self.spdx.get(spdx_id).map(|&i| &self.entries[i])
    }

    /// The license a text identifies by one of the catalog's phrases, and the
    /// phrase that matched. Matching ignores case and runs of whitespace and
    /// respects word boundaries; when several phrases occur, the longest wins.
    pub fn detect(&self, text: &str) -> Option<(&Entry, &str)> {
        let text = normalise_text(text);
        self.phrases
            .iter()
            .find(|(phrase, _, _)| contains_words(&text, phrase))
            .map(|&(_, i, k)| {
                let entry = &self.entries[i];
                (entry, entry.phrases[k].as_str())
            })
    }
}

/// Problems within one entry, independent of the others.
fn check_entry(entry: &Entry, errors: &mut Vec<String>) {
    let id = &entry.id;
    if id.is_empty() || id.chars().any(|c| c.is_whitespace() || c.is_uppercase()) {
        errors.push(format!(
            "license `{id}`: the id must be non-empty, lowercase and without spaces"
        ));
    }
    if entry.name.trim().is_empty() {
        errors.push(format!("license `{id}`: empty name"));
    }
    for alias in &entry.aliases {
        if alias.trim().is_empty() || alias.chars().any(char::is_uppercase) {
            errors.push(format!(
                "license `{id}`: alias `{alias}` must be non-empty and lowercase"
            ));
        }
    }
    match &entry.spdx {
        Some(spdx_id) => {
            if spdx::license_id(spdx_id).is_none_or(|l| l.name != spdx_id.as_str()) {
                errors.push(format!(
                    "license `{id}`: `{spdx_id}` is not an SPDX license id"
                ));
            }
            if entry.family {
                errors.push(format!("license `{id}`: a family cannot have an SPDX id"));
            }
        }
        None if entry.osi_approved => errors.push(format!(
            "license `{id}`: only a license with an SPDX id can be OSI-approved"
        )),
        None => {}
    }
    let mut classes = Vec::new();
    for r in &entry.restrictions {
        let class = r.class.as_str();
        if classes.contains(&r.class) {
            errors.push(format!(
                "license `{id}`: restriction `{class}` appears twice"
            ));
        }
        classes.push(r.class);
        match (r.class, r.limit) {
            (RestrictionClass::UserCap, None) => {
                errors.push(format!("license `{id}`: restriction `user-cap` needs a `limit`"))
            }
            (RestrictionClass::UserCap, Some(_)) | (_, None) => {}
            (_, Some(_)) => errors.push(format!(
                "license `{id}`: restriction `{class}` has a `limit`, which only `user-cap` may have"
            )),
        }
        if r.summary.trim().is_empty() || r.source.trim().is_empty() {
            errors.push(format!(
                "license `{id}`: restriction `{class}` needs a summary and a source"
            ));
        }
    }
    check_obligations(entry, errors);
    if let Some(src) = &entry.text_source {
        if entry.spdx.is_some() {
            errors.push(format!(
                "license `{id}`: `text-source` is for licenses without an SPDX text"
            ));
        }
        if !is_plain_https(src) {
            errors.push(format!(
                "license `{id}`: `text-source` must be a plain https:// URL"
            ));
        }
        if !TEXTS.iter().any(|(t, _)| t == id) {
            errors.push(format!(
                "license `{id}`: `text-source` is set but policies/texts/{id}.txt is not embedded (add it to TEXTS in src/catalog/mod.rs)"
            ));
        }
    }
    for label in &entry.labels {
        if label.by.trim().is_empty()
            || label.quote.trim().is_empty()
            || label.source.trim().is_empty()
        {
            errors.push(format!(
                "license `{id}`: a label needs `by`, `quote` and `source`"
            ));
        }
    }
}

/// Problems with an entry's obligations.
fn check_obligations(entry: &Entry, errors: &mut Vec<String>) {
    let id = &entry.id;
    if entry.obligations_none.is_some() && !entry.obligations.is_empty() {
        errors.push(format!(
            "license `{id}`: `obligations-none` and `obligations` exclude each other"
        ));
    }
    if entry
        .obligations_none
        .as_ref()
        .is_some_and(|s| s.trim().is_empty())
    {
        errors.push(format!("license `{id}`: empty `obligations-none`"));
    }
    let mut seen = Vec::new();
    for o in &entry.obligations {
        let class = o.class.as_str();
        if seen.contains(&o) {
            errors.push(format!(
                "license `{id}`: obligation `{class}` appears twice"
            ));
        }
        seen.push(o);
        if o.summary.trim().is_empty() || o.source.trim().is_empty() {
            errors.push(format!(
                "license `{id}`: obligation `{class}` needs a summary and a source"
            ));
        }
        match (&o.quote, o.verified) {
            (Some(q), true) if !q.trim().is_empty() => {}
            (None, false) => {}
            (_, true) => errors.push(format!(
                "license `{id}`: obligation `{class}` needs the `quote` of its clause (or `verified = false` when the terms were not read)"
            )),
            (Some(_), false) => errors.push(format!(
                "license `{id}`: obligation `{class}` quotes a clause but says `verified = false`"
            )),
        }
        let needs_text = matches!(
            o.class,
            ObligationClass::NoticeFile
                | ObligationClass::DisplayBranding
                | ObligationClass::NamePrefix
        );
        let has_text = o.text.as_ref().is_some_and(|t| !t.trim().is_empty());
        if needs_text && !has_text {
            errors.push(format!(
                "license `{id}`: obligation `{class}` needs the exact words in `text`"
            ));
        }
        if !needs_text && o.text.is_some() {
            errors.push(format!(
                "license `{id}`: obligation `{class}` has a `text`, which only notice-file, display-branding and name-prefix may have"
            ));
        }
        match (o.class, &o.placement) {
            (ObligationClass::DisplayBranding, Some(w)) if !w.trim().is_empty() => {}
            (ObligationClass::DisplayBranding, _) => errors.push(format!(
                "license `{id}`: obligation `display-branding` needs `where` the words must appear"
            )),
            (_, Some(_)) => errors.push(format!(
                "license `{id}`: obligation `{class}` has a `where`, which only display-branding may have"
            )),
            (_, None) => {}
        }
        if let (Some(t), Some(q)) = (&o.text, &o.quote)
            && !normalise_text(q).contains(&normalise_text(t))
        {
            errors.push(format!(
                "license `{id}`: obligation `{class}`: its `text` does not occur in its `quote`"
            ));
        }
    }
}

/// Lowercase, with `_` and whitespace folded to `-`, for ids and aliases.
fn normalise_name(name: &str) -> String {
    name.trim()
        .chars()
        .map(|c| {
            if c == '_' || c.is_whitespace() {
                '-'
            } else {
                c
            }
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Lowercase, with every run of whitespace collapsed to one space.
fn normalise_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Whether `phrase` occurs in `text` with no letter or digit directly before
/// or after it (both already normalised).
fn contains_words(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(start, _)| {
        let before = text[..start].chars().next_back();
        let after = text[start + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}
