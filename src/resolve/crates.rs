//! A crate's license, the way cargo-deny finds it, plus the check it lacks.
//!
//! In order: a clarification whose pinned files still hash the same; the
//! manifest's `license` parsed strictly, then laxly (`MIT/Apache-2.0`,
//! deprecated ids, `GPL-2.0+`); the `license-file` and root
//! `LICENSE*`/`COPYING*` texts scored by the detector against the confidence
//! threshold. When the manifest declares a license and a shipped text scores
//! as something the declaration does not name, that is a mismatch.

use super::texts::{Detection, Detector};
use crate::domain::{CrateFacts, Evidence, License};
use crate::policy::Clarification;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

pub struct CrateLicense {
    pub license: License,
    pub mismatch: Option<Evidence>,
    pub stale: Vec<Evidence>,
}

/// What resolution needs from the policy.
pub struct Settings<'a> {
    pub threshold: f32,
    pub clarify: &'a [Clarification],
}

fn manifest_field_evidence(facts: &CrateFacts, note: String) -> Evidence {
    Evidence {
        source: crate::domain::EvidenceSource::ManifestLicense,
        file: Some(facts.manifest_path.display().to_string().into()),
        quote: facts.license.clone().map(Into::into),
        note: note.into(),
        ..Evidence::default()
    }
}

/// The sha256 of a file the package in `dir` names, read only inside its
/// root.
fn sha256_file(path: &Path, dir: &Path) -> Option<String> {
    let bytes = crate::files::read_beside(path, dir, super::texts::MAX_TEXT).ok()?;
    Some(format!("{:x}", Sha256::digest(&bytes)))
}

/// Root files whose names say they are license texts, sorted, plus the
/// manifest's `license-file` (which may have any name and live anywhere).
fn license_texts(facts: &CrateFacts) -> Vec<PathBuf> {
    let Some(dir) = facts.manifest_path.parent() else {
        return Vec::new();
    };
    let mut files = Vec::new();
    if let Some(lf) = &facts.license_file {
        files.push(dir.join(lf));
    }
    if let Ok(read) = crate::files::read_dir(dir) {
        let mut names: Vec<PathBuf> = read
            .filter(|e| e.file_type().map(|t| t.is_file()).unwrap_or(false))
            .map(|e| e.path())
            .filter(|p| {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().to_ascii_uppercase())
                    .unwrap_or_default();
                name.starts_with("LICENSE")
                    || name.starts_with("LICENCE")
                    || name.starts_with("COPYING")
            })
            .collect();
        names.sort();
        for p in names {
            if !files.iter().any(|f| same_file(f, &p)) {
                files.push(p);
            }
        }
    }
    files
}

/// Whether the package in `dir` may read `path` as its text: not outside
/// its root (through a link, `..` or a path dependency's directory), not a
/// hard link (see [`crate::files::check_beside`]). One that may not is
/// "cannot be read", as an unreadable file is.
fn its_own(path: &Path, dir: &Path) -> bool {
    crate::files::check_beside(path, dir).is_ok()
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
}

/// The license name without `-only`, `-or-later` or `+`, so that
/// `GPL-2.0-only` and a text detected as `GPL-2.0-or-later` agree.
fn base_name(id: &str) -> &str {
    let id = id.trim_end_matches('+');
    id.strip_suffix("-only")
        .or_else(|| id.strip_suffix("-or-later"))
        .unwrap_or(id)
}

fn detection_evidence(path: &Path, d: &Detection, note: String) -> Evidence {
    Evidence {
        source: crate::domain::EvidenceSource::LicenseFile,
        file: Some(path.display().to_string().into()),
        score: Some((d.score * 1000.0).round() / 1000.0),
        quote: d.license.clone().map(Into::into),
        note: note.into(),
        ..Evidence::default()
    }
}

pub fn resolve(
    name: &str,
    version: &str,
    facts: &CrateFacts,
    settings: &Settings<'_>,
    detector: &Detector,
) -> CrateLicense {
    let mut stale = Vec::new();
    let dir = facts.manifest_path.parent().unwrap_or(Path::new("."));

    // 1. Clarifications pinned by sha256.
    for c in settings.clarify {
        let applies = c.krate.matches(name, version);
        if !applies {
            continue;
        }
        let mut changed = Vec::new();
        for (file, hash) in &c.files {
            match sha256_file(&dir.join(file), dir) {
                Some(actual) if &actual == hash => {}
                Some(actual) => changed.push(format!("{file} now has sha256 {actual}")),
                None => changed.push(format!("{file} is missing")),
            }
        }
        if changed.is_empty() {
            return CrateLicense {
                license: License {
                    expression: Some(Box::new(c.expression.clone())),
                    evidence: vec![Evidence {
                        source: crate::domain::EvidenceSource::Clarification,
                        quote: Some(c.expression.to_string().into()),
                        note: format!(
                            "clarified in the config, pinned to {} file(s) that still match",
                            c.files.len()
                        )
                        .into(),
                        ..Evidence::default()
                    }],
                },
                mismatch: None,
                stale,
            };
        }
        stale.push(Evidence {
            source: crate::domain::EvidenceSource::Clarification,
            quote: Some(c.expression.to_string().into()),
            note: format!(
                "clarification for {name} no longer applies: {}",
                changed.join("; ")
            )
            .into(),
            ..Evidence::default()
        });
    }

    let texts = license_texts(facts);
    let mut evidence = Vec::new();

    // 2. The manifest's `license` field.
    let declared = facts
        .license
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    if let Some(text) = declared {
        let parsed = match spdx::Expression::parse(text) {
            Ok(expr) => Some((
                expr,
                "the manifest's `license`, a valid SPDX expression".to_owned(),
            )),
            Err(err) => match super::parse_lax(text) {
                Some(expr) => {
                    let note = format!(
                        "the manifest's `license` \"{text}\" is not strict SPDX; read leniently as `{expr}`"
                    );
                    Some((expr, note))
                }
                None => {
                    evidence.push(manifest_field_evidence(
                        facts,
                        format!(
                            "the manifest's `license` \"{text}\" is not an SPDX expression: {}",
                            err.reason
                        ),
                    ));
                    None
                }
            },
        };
        if let Some((expr, note)) = parsed {
            evidence.push(manifest_field_evidence(facts, note));
            let own: Vec<PathBuf> = texts.iter().filter(|p| its_own(p, dir)).cloned().collect();
            let mismatch = mismatch(&expr, &own, settings.threshold, detector);
            return CrateLicense {
                license: License {
                    expression: Some(Box::new(expr)),
                    evidence,
                },
                mismatch,
                stale,
            };
        }
    } else if facts.license.is_some() {
        evidence.push(manifest_field_evidence(
            facts,
            "the manifest's `license` is empty".to_owned(),
        ));
    } else {
        evidence.push(Evidence {
            source: crate::domain::EvidenceSource::ManifestLicense,
            file: Some(facts.manifest_path.display().to_string().into()),
            note: "the manifest has no `license` field".to_owned().into(),
            ..Evidence::default()
        });
    }

    // 3. License texts, every one that scores above the threshold, joined
    //    with AND (the conservative reading of several texts).
    let mut ids: Vec<String> = Vec::new();
    for path in &texts {
        let Some(d) = its_own(path, dir).then(|| detector.detect(path)).flatten() else {
            evidence.push(Evidence {
                source: crate::domain::EvidenceSource::LicenseFile,
                file: Some(path.display().to_string().into()),
                note: "cannot be read".to_owned().into(),
                ..Evidence::default()
            });
            continue;
        };
        match &d.license {
            Some(id) if d.score >= settings.threshold => {
                evidence.push(detection_evidence(
                    path,
                    &d,
                    format!("text detected as {id} with confidence {:.3}", d.score),
                ));
                if !ids.contains(id) {
                    ids.push(id.clone());
                }
            }
            Some(id) => evidence.push(detection_evidence(
                path,
                &d,
                format!(
                    "closest known text is {id} with confidence {:.3}, below the threshold {}",
                    d.score, settings.threshold
                ),
            )),
            None => evidence.push(detection_evidence(
                path,
                &d,
                "matches no known license text".to_owned(),
            )),
        }
    }
    if texts.is_empty() {
        evidence.push(Evidence {
            source: crate::domain::EvidenceSource::LicenseFile,
            file: Some(dir.display().to_string().into()),
            note: "no `license-file` and no LICENSE*/COPYING* file at the crate root"
                .to_owned()
                .into(),
            ..Evidence::default()
        });
    }
    let expression = if ids.is_empty() {
        None
    } else {
        super::parse_lax(&ids.join(" AND ")).map(Box::new)
    };
    CrateLicense {
        license: License {
            expression,
            evidence,
        },
        mismatch: None,
        stale,
    }
}

/// A shipped text that confidently names a license the declaration does not
/// mention at all.
/// Whether a file's name already says which declared license it holds
/// (`LICENSE-MIT`, `LICENSE-APACHE` for `MIT OR Apache-2.0`): such files are
/// not scored, which keeps a cold run cheap; plain `LICENSE` and `COPYING`
/// files, and names that match nothing declared, are.
fn named_for(path: &Path, declared: &[String]) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_uppercase())
        .unwrap_or_default();
    let rest = ["LICENSE", "LICENCE", "COPYING"]
        .iter()
        .find_map(|p| name.strip_prefix(p))
        .unwrap_or("");
    let words: Vec<&str> = rest
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && *w != "TXT" && *w != "MD")
        .collect();
    !words.is_empty()
        && words.iter().all(|w| {
            declared.iter().any(|d| {
                let family = d.split('-').next().unwrap_or("").to_ascii_uppercase();
                !family.is_empty() && (w.starts_with(&family) || family.starts_with(w))
            })
        })
}

fn mismatch(
    expr: &spdx::Expression,
    texts: &[PathBuf],
    threshold: f32,
    detector: &Detector,
) -> Option<Evidence> {
    let declared: Vec<String> = expr
        .requirements()
        .map(|r| base_name(&r.req.license.to_string()).to_owned())
        .collect();
    // The declared licenses' own ids, for the detector's plain match.
    let expected: Vec<String> = expr
        .requirements()
        .filter_map(|r| match &r.req.license {
            spdx::LicenseItem::Spdx { id, .. } => Some(id.name.to_owned()),
            spdx::LicenseItem::Other(_) => None,
        })
        .collect();
    for path in texts {
        if named_for(path, &declared) {
            continue;
        }
        let Some(d) = detector.detect_expecting(path, &expected) else {
            continue;
        };
        let Some(id) = &d.license else { continue };
        if d.score < threshold {
            continue;
        }
        if !declared.iter().any(|b| b == base_name(id)) {
            return Some(detection_evidence(
                path,
                &d,
                format!(
                    "the manifest declares `{expr}` but {} reads as {id} (confidence {:.3})",
                    path.file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    d.score
                ),
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::named_for;
    use std::path::Path;

    #[test]
    fn files_named_for_a_declared_license_are_not_scored() {
        let d = vec!["MIT".to_owned(), "Apache-2.0".to_owned()];
        assert!(named_for(Path::new("x/LICENSE-MIT"), &d));
        assert!(named_for(Path::new("x/LICENSE-APACHE"), &d));
        assert!(named_for(Path::new("x/license-mit.txt"), &d));
        assert!(!named_for(Path::new("x/LICENSE"), &d));
        assert!(!named_for(Path::new("x/COPYING"), &d));
        assert!(!named_for(Path::new("x/LICENSE-GPL"), &d));
        assert!(!named_for(Path::new("x/LICENSE-THIRD-PARTY"), &d));
    }
}
