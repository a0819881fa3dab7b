//! The texts a third-party notices document needs, read from where they
//! live: each crate's own license and NOTICE files, each model's LICENSE
//! from the Hugging Face cache or the Hub, and as the fallback the SPDX
//! License List's canonical text or, for a model license the list does not
//! have, the catalog's copy with its source, each saying where it came from. A text
//! that cannot be had is recorded as a gap, never left out silently.
//!
//! All file and network reads of `notices` happen here; `report::notices`
//! decides what ships and with which licenses, and builds the document from
//! what this gathers.

use super::hub::{Hub, HubConfig, HubError};
use super::texts::Detector;
use crate::catalog::Catalog;
use crate::domain::{ArtifactId, ArtifactKind, Facts, ResolvedArtifact};
use crate::policy::Policy;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Files larger than this are not license texts.
const MAX_TEXT: u64 = 512 * 1024;
/// License file names a model repository uses.
const MODEL_LICENSE_FILES: [&str; 3] = ["LICENSE", "LICENSE.md", "LICENSE.txt"];
const MODEL_NOTICE_FILES: [&str; 3] = ["NOTICE", "NOTICE.md", "NOTICE.txt"];

/// Where a license text came from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    /// A file the artifact ships (a crate's file, relative to its root; a
    /// model repository's file, with the commit).
    Own(String),
    /// The SPDX License List's canonical text, because the artifact ships
    /// none for this license.
    Canonical,
    /// The catalog's copy of the text (`policies/texts/`), taken from the
    /// source given, because the artifact ships none and the SPDX list has
    /// no text of the license.
    Catalog(String),
}

/// One license text for one license of one artifact.
#[derive(Debug, Clone)]
pub struct LicenseText {
    /// As written in expressions: `MIT`, `LicenseRef-llama2`.
    pub license: String,
    pub text: String,
    pub origin: Origin,
}

/// A NOTICE file, verbatim.
#[derive(Debug, Clone)]
pub struct NoticeText {
    pub file: String,
    pub text: String,
}

/// A text that could not be had, and why.
#[derive(Debug, Clone)]
pub struct Gap {
    pub license: String,
    pub why: String,
}

/// What was gathered for one artifact.
#[derive(Debug, Clone, Default)]
pub struct Gathered {
    pub licenses: Vec<LicenseText>,
    pub notices: Vec<NoticeText>,
    pub gaps: Vec<Gap>,
}

/// What gathering needs beyond the artifacts.
pub struct Settings<'a> {
    pub catalog: &'a Catalog,
    /// Minimum detector score for a file to count as a license's text.
    pub threshold: f32,
    /// The detection cache (`license-texts.json` in the user's cache).
    pub cache: Option<PathBuf>,
    /// The Hub client's settings; `offline` reads only the cache.
    pub hub: HubConfig,
}

impl<'a> Settings<'a> {
    /// The settings of a run: the policy's threshold and Hub, the
    /// workspace's detection cache.
    pub fn new(catalog: &'a Catalog, policy: &Policy, root: &Path, offline: bool) -> Settings<'a> {
        Settings {
            catalog,
            threshold: policy.confidence_threshold,
            cache: crate::cache::dir(root).map(|d| d.join("license-texts.json")),
            hub: HubConfig::from_env(&policy.hub, offline),
        }
    }
}

/// One artifact whose texts are wanted, with the licenses it ships under.
pub struct Wanted<'a> {
    pub artifact: &'a ResolvedArtifact,
    pub licenses: Vec<String>,
}

/// A text of the package in `root`, read only inside its root.
fn read_text(path: &Path, root: &Path) -> Option<String> {
    let bytes = crate::files::read_beside(path, root, MAX_TEXT).ok()?;
    Some(normalise_newlines(&String::from_utf8_lossy(&bytes)))
}

/// `\r\n` and `\r` to `\n`, trailing whitespace trimmed, one final newline:
/// identical texts compare equal whatever the platform they were written on.
pub fn normalise_newlines(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out: String = text
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n");
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    let start = out.len() - out.trim_start_matches('\n').len();
    out.drain(..start);
    out.push('\n');
    out
}

/// The canonical text of an SPDX license, when the list has one.
pub fn canonical(license: &str) -> Option<String> {
    let id = spdx::license_id(license)?;
    let text = id.text();
    (!text.trim().is_empty()).then(|| normalise_newlines(text))
}

fn is_license_name(name: &str) -> bool {
    let n = name.to_ascii_uppercase();
    ["LICENSE", "LICENCE", "COPYING", "UNLICENSE"]
        .iter()
        .any(|p| n.starts_with(p))
}

fn is_notice_name(name: &str) -> bool {
    let n = name.to_ascii_uppercase();
    n == "NOTICE" || n.starts_with("NOTICE.") || n.starts_with("NOTICE-")
}

/// A hint from a file name: `LICENSE-MIT` names MIT, `LICENSE-APACHE`
/// names Apache-2.0.
fn name_hints(file: &str, license: &str) -> bool {
    let file = file.to_ascii_lowercase();
    let license = license.to_ascii_lowercase();
    let stem = license
        .split(['-', '.'])
        .next()
        .unwrap_or(&license)
        .to_owned();
    stem.len() >= 3 && file.contains(&stem)
}

/// A crate's license and NOTICE files: its root's `LICENSE*`, `LICENCE*`,
/// `COPYING*`, `NOTICE*`, and the manifest's `license-file`.
fn crate_files(
    root: &Path,
    license_file: Option<&str>,
) -> (Vec<(String, String)>, Vec<NoticeText>) {
    let mut licenses = Vec::new();
    let mut notices = Vec::new();
    let mut names: Vec<String> = crate::files::read_dir(root)
        .map(|rd| {
            rd.filter_map(|e| e.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    for name in names {
        if is_notice_name(&name) {
            if let Some(text) = read_text(&root.join(&name), root) {
                notices.push(NoticeText { file: name, text });
            }
        } else if is_license_name(&name)
            && let Some(text) = read_text(&root.join(&name), root)
        {
            licenses.push((name, text));
        }
    }
    if let Some(rel) = license_file {
        let rel = rel.replace('\\', "/");
        if !licenses.iter().any(|(n, _)| *n == rel)
            && let Some(text) = read_text(&root.join(&rel), root)
        {
            licenses.push((rel, text));
        }
    }
    (licenses, notices)
}

/// Assigns texts to the licenses an artifact ships under: a file the
/// detector (or the catalog's phrases) reads as the license, or whose name
/// names it; else the SPDX list's canonical text; else the catalog's copy;
/// else a gap.
fn assign(
    licenses: &[String],
    files: &[(String, String, Option<String>)],
    settings: &Settings<'_>,
    where_own: &str,
    repo_license: bool,
    out: &mut Gathered,
) {
    for license in licenses {
        let own = files
            .iter()
            .find(|(_, _, detected)| detected.as_deref() == Some(license.as_str()))
            .or_else(|| {
                files
                    .iter()
                    .find(|(name, _, detected)| detected.is_none() && name_hints(name, license))
            })
            .or_else(|| {
                // One license and one unidentified text: that text is it. A
                // model repository's LICENSE is the model's license by
                // convention, whatever a family id (`openrail`) calls it.
                (licenses.len() == 1 && files.len() == 1 && (files[0].2.is_none() || repo_license))
                    .then(|| &files[0])
            });
        if let Some((name, text, _)) = own {
            out.licenses.push(LicenseText {
                license: license.clone(),
                text: text.clone(),
                origin: Origin::Own(name.clone()),
            });
        } else if let Some(text) = canonical(license) {
            out.licenses.push(LicenseText {
                license: license.clone(),
                text,
                origin: Origin::Canonical,
            });
        } else if let Some(t) = settings.catalog.lookup(license).and_then(|e| e.text()) {
            out.licenses.push(LicenseText {
                license: license.clone(),
                text: normalise_newlines(t.text),
                origin: Origin::Catalog(t.source.to_owned()),
            });
        } else {
            let link = settings
                .catalog
                .lookup(license)
                .and_then(|e| e.link.clone())
                .map(|l| format!("; the license is published at {l}"))
                .unwrap_or_default();
            out.gaps.push(Gap {
                license: license.clone(),
                why: format!(
                    "no text of `{license}` was found {where_own}, and neither the SPDX list nor the catalog holds its text{link}"
                ),
            });
        }
    }
}

/// The license a text reads as: the catalog's phrases first (model
/// licenses), then the SPDX detector at the threshold.
fn identify(text: &str, settings: &Settings<'_>) -> Option<String> {
    if let Some((entry, _)) = settings.catalog.detect(text) {
        return Some(entry.license_ref());
    }
    let d = super::texts::detect_text(text);
    d.license.filter(|_| d.score >= settings.threshold)
}

fn gather_crate(
    ra: &ResolvedArtifact,
    licenses: &[String],
    detector: &Detector,
    settings: &Settings<'_>,
) -> Gathered {
    let mut out = Gathered::default();
    let Facts::Crate(facts) = &ra.artifact.facts else {
        return out;
    };
    let root = facts
        .manifest_path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let (files, notices) = crate_files(&root, facts.license_file.as_deref());
    out.notices = notices;
    // `LICENSE-MIT` and `LICENSE-APACHE` name their licenses: scoring the
    // texts (the slow part) is needed only when some license has no such file.
    let named = licenses
        .iter()
        .all(|l| files.iter().any(|(name, _)| name_hints(name, l)));
    let files: Vec<(String, String, Option<String>)> = files
        .into_iter()
        .map(|(name, text)| {
            if named {
                return (name, text, None);
            }
            let detected = settings
                .catalog
                .detect(&text)
                .map(|(e, _)| e.license_ref())
                .or_else(|| {
                    detector
                        .detect(&root.join(&name))
                        .filter(|d| d.score >= settings.threshold)
                        .and_then(|d| d.license)
                });
            (name, text, detected)
        })
        .collect();
    assign(licenses, &files, settings, "in the crate", false, &mut out);
    out
}

fn gather_model(
    ra: &ResolvedArtifact,
    licenses: &[String],
    hub: Option<&Hub>,
    settings: &Settings<'_>,
) -> Gathered {
    let mut out = Gathered::default();
    let mut files: Vec<(String, String, Option<String>)> = Vec::new();
    let mut trouble: Vec<String> = Vec::new();
    if let (Facts::Model(m), Some(hub)) = (&ra.artifact.facts, hub)
        && let Some(sha) = ra.model.as_ref().and_then(|d| d.sha.clone())
    {
        let repo = m.repo.clone();
        let short = &sha[..sha.len().min(12)];
        for (names, is_license) in [(&MODEL_LICENSE_FILES, true), (&MODEL_NOTICE_FILES, false)] {
            for name in names.iter() {
                let bytes = match hub.cached_file(&repo, &sha, name) {
                    Some(b) => Some(b),
                    None if hub.config.offline => None,
                    None => match hub.file(&repo, &sha, name) {
                        Ok(f) => {
                            hub.store(&repo, &sha, &sha, name, &f);
                            Some(f.bytes)
                        }
                        Err(HubError::NotFound { .. }) => None,
                        Err(e) => {
                            trouble.push(format!("{name}: {e}"));
                            None
                        }
                    },
                };
                let Some(bytes) = bytes else { continue };
                if bytes.len() as u64 > MAX_TEXT {
                    continue;
                }
                let text = normalise_newlines(&String::from_utf8_lossy(&bytes));
                let label = format!("{name} of {} at {short}", m.repo.id);
                if is_license {
                    let detected = identify(&text, settings);
                    files.push((label, text, detected));
                } else {
                    out.notices.push(NoticeText { file: label, text });
                }
                break;
            }
        }
    }
    let where_own = match (&ra.artifact.facts, hub) {
        (Facts::Model(_), Some(h)) if h.config.offline => {
            "in the repository's files in the local Hugging Face cache (the run is offline)"
                .to_owned()
        }
        (Facts::Model(_), _) if !trouble.is_empty() => format!(
            "in the repository (the Hub did not answer: {})",
            trouble.join("; ")
        ),
        (Facts::Model(_), _) => "in the repository".to_owned(),
        _ => "in the weight file's metadata".to_owned(),
    };
    assign(licenses, &files, settings, &where_own, true, &mut out);
    out
}

/// Gathers the texts of every wanted artifact, by artifact id.
pub fn gather(wanted: &[Wanted<'_>], settings: &Settings<'_>) -> BTreeMap<ArtifactId, Gathered> {
    let detector = Detector::new(settings.cache.clone());
    let needs_hub = wanted
        .iter()
        .any(|w| matches!(w.artifact.artifact.facts, Facts::Model(_)));
    let hub = if needs_hub {
        Hub::new(settings.hub.clone()).ok()
    } else {
        None
    };
    let results = crate::parallel::map(wanted, |w| {
        let (ra, ids) = (w.artifact, &w.licenses);
        let g = match ra.artifact.kind() {
            ArtifactKind::Crate => gather_crate(ra, ids, &detector, settings),
            _ => gather_model(ra, ids, hub.as_ref(), settings),
        };
        (ra.artifact.id.clone(), g)
    });
    detector.save();
    results.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newlines_are_normalised() {
        assert_eq!(normalise_newlines("\r\n a \r\nb  \r\n\r\n"), " a\nb\n");
        assert_eq!(normalise_newlines("x"), "x\n");
    }

    #[test]
    fn file_names_hint_at_licenses() {
        assert!(name_hints("LICENSE-MIT", "MIT"));
        assert!(name_hints("LICENSE-APACHE", "Apache-2.0"));
        assert!(!name_hints("LICENSE-APACHE", "MIT"));
        assert!(is_license_name("COPYING.txt"));
        assert!(is_notice_name("NOTICE"));
        assert!(is_notice_name("NOTICE.md"));
        assert!(!is_notice_name("NOTICES-and-more"));
    }

    #[test]
    fn canonical_texts_come_from_the_spdx_list() {
        assert!(
            canonical("MIT")
                .unwrap()
                .contains("Permission is hereby granted")
        );
        assert!(canonical("LicenseRef-llama2").is_none());
    }
}
