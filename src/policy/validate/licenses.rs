//! `[licenses]`: which licenses pass (`allow`, `deny`, by SPDX id, catalog
//! id or a set such as `osi-approved`), what an artifact whose license is
//! unknown is (never allowed), how sure a detected license must be, and the
//! crates whose license the project clarifies.

use super::{Bad, Locate};
use crate::catalog::Catalog;
use crate::error::{Error, Kind, Result};
use crate::policy::cfg::{RawClarify, RawLicenses, RawUnknown};
use crate::policy::{Clarification, LicenseEntry, MemberAction, UnknownAction};

/// The names a license list may use for every license a definition
/// accepts, as the SPDX License List flags them (the catalog's model
/// licenses have no SPDX id and are in neither).
pub const LICENSE_SETS: &[(&str, &str)] = &[
    (
        "osi-approved",
        "every license the SPDX License List marks OSI-approved",
    ),
    (
        "fsf-free-libre",
        "every license the SPDX License List marks FSF free/libre",
    ),
];

/// The licenses of a set, in the SPDX list's order.
fn license_set(name: &str) -> Option<Vec<spdx::Licensee>> {
    let spdx_flag: fn(spdx::LicenseId) -> bool = match name {
        "osi-approved" => spdx::LicenseId::is_osi_approved,
        "fsf-free-libre" => spdx::LicenseId::is_fsf_free_libre,
        _ => return None,
    };
    let mode = spdx::ParseMode {
        allow_deprecated: true,
        ..spdx::ParseMode::STRICT
    };
    Some(
        spdx::identifiers::LICENSES
            .iter()
            .filter_map(|l| spdx::license_id(l.name))
            .filter(|id| spdx_flag(*id))
            .filter_map(|id| spdx::Licensee::parse_mode(id.name, mode).ok())
            .collect(),
    )
}

/// Parses one license name as the policy writes it: an SPDX id (deprecated
/// ids accepted, as cargo-deny does) or a catalog id.
pub fn parse_license_entry(text: &str, catalog: &Catalog) -> Option<LicenseEntry> {
    let mode = spdx::ParseMode {
        allow_deprecated: true,
        ..spdx::ParseMode::STRICT
    };
    if let Ok(licensee) = spdx::Licensee::parse_mode(text, mode) {
        return Some(LicenseEntry {
            written: text.to_owned(),
            licensee,
            span: None,
            index: 0,
        });
    }
    let entry = catalog.lookup(text)?;
    let licensee = spdx::Licensee::parse_mode(&entry.license_ref(), mode).ok()?;
    Some(LicenseEntry {
        written: text.to_owned(),
        licensee,
        span: None,
        index: 0,
    })
}

/// A license list (`licenses.allow`, an exception's `allow`) as entries, a
/// set standing for every license in it.
pub fn list(
    values: Option<Vec<String>>,
    locate: Locate<'_>,
    key: &str,
    catalog: &Catalog,
) -> Result<Vec<LicenseEntry>> {
    let mut out = Vec::new();
    for (i, value) in values.unwrap_or_default().into_iter().enumerate() {
        if let Some(set) = license_set(&value) {
            out.extend(set.into_iter().map(|licensee| LicenseEntry {
                written: value.clone(),
                licensee,
                span: None,
                index: i,
            }));
            continue;
        }
        match parse_license_entry(&value, catalog) {
            Some(entry) => out.push(LicenseEntry { index: i, ..entry }),
            None => {
                let origin = locate(&format!("{key}[{i}]"));
                return Err(Error::new(
                    Kind::Config,
                    format!(
                    "invalid config {origin}: `{key}` has \"{value}\", which is neither an SPDX license id nor a catalog id"
                ))
                .with_help(match spdx::imprecise_license_id(&value) {
                    Some((l, _)) => format!("did you mean \"{}\"?", l.name),
                    None => format!(
                        "write an SPDX id such as \"MIT\" or \"Apache-2.0\", a catalog id, or a set ({}); `cargo model-audit explain {value}` shows what is known",
                        LICENSE_SETS.iter().map(|(n, _)| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
                    ),
                }));
            }
        }
    }
    Ok(out)
}

/// `[licenses]` but its lists, validated.
pub struct Settings {
    pub unknown: UnknownAction,
    pub confidence_threshold: f32,
    pub include_dev: bool,
    pub include_build: bool,
    pub skip_unpublished: bool,
    pub include_workspace: MemberAction,
    pub clarify: Vec<Clarification>,
}

/// Everything in `[licenses]` but `allow` and `deny` ([`list`]).
pub fn settings(raw: RawLicenses, bad: Bad<'_>) -> Result<Settings> {
    let unknown = match raw.unknown {
        None | Some(RawUnknown::Deny) => UnknownAction::Deny,
        Some(RawUnknown::Warn) => UnknownAction::Warn,
        Some(RawUnknown::Allow) => {
            return Err(bad(
                "licenses.unknown",
                "cannot be \"allow\": an unknown license is never treated as allowed".into(),
            )
            .with_help("use \"warn\", or an [[exceptions]] entry with a reason for the artifact"));
        }
    };
    let confidence_threshold = raw.confidence_threshold.unwrap_or(0.8);
    if !(0.0..=1.0).contains(&confidence_threshold) || confidence_threshold.is_nan() {
        return Err(bad(
            "licenses.confidence-threshold",
            format!("is {confidence_threshold}; expected a number from 0.0 to 1.0"),
        ));
    }
    let clarify = raw
        .clarify
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(i, c)| clarification(c, &format!("licenses.clarify[{i}]"), bad))
        .collect::<Result<_>>()?;
    Ok(Settings {
        unknown,
        confidence_threshold,
        include_dev: raw.include_dev.unwrap_or(false),
        include_build: raw.include_build.unwrap_or(true),
        skip_unpublished: raw.skip_unpublished.unwrap_or(false),
        include_workspace: raw.include_workspace.unwrap_or_default(),
        clarify,
    })
}

/// One `[[licenses.clarify]]` entry, written at `key`: an SPDX expression
/// and the sha256 of each license file it was read from.
fn clarification(c: RawClarify, key: &str, bad: Bad<'_>) -> Result<Clarification> {
    let expression = spdx::Expression::parse(&c.expression).map_err(|e| {
        bad(
            &format!("{key}.expression"),
            format!("is not a valid SPDX expression: {e}"),
        )
    })?;
    let mut files = Vec::new();
    for f in c.license_files {
        let hash = f.sha256.to_ascii_lowercase();
        if hash.len() != 64 || !hash.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(bad(
                &format!("{key}.license-files"),
                format!(
                    "has sha256 \"{}\" for {}, which is not 64 hex digits",
                    f.sha256, f.path
                ),
            ));
        }
        files.push((f.path, hash));
    }
    Ok(Clarification {
        krate: crate::domain::Selector::parse(&c.krate),
        expression,
        files,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::cfg::RawConfig;
    use crate::policy::validate::{check_table, validate};
    use crate::policy::{PolicyRequest, load};

    #[test]
    fn each_bad_value_is_named() {
        let sha = "a".repeat(64);
        check_table(&[
            (
                "[licenses]\nunknown = \"allow\"\n",
                "invalid config config: `licenses.unknown` cannot be \"allow\": an unknown license is never treated as allowed\n  help: use \"warn\", or an [[exceptions]] entry with a reason for the artifact",
            ),
            ("[licenses]\nunknown = \"warn\"\n", "ok"),
            (
                "[licenses]\nconfidence-threshold = 1.5\n",
                "`licenses.confidence-threshold` is 1.5; expected a number from 0.0 to 1.0",
            ),
            (
                "[licenses]\nconfidence-threshold = nan\n",
                "`licenses.confidence-threshold` is NaN; expected a number from 0.0 to 1.0",
            ),
            ("[licenses]\nconfidence-threshold = 1.0\n", "ok"),
            (
                "[[licenses.clarify]]\ncrate = \"x\"\nexpression = \"MIT OR\"\n",
                "`licenses.clarify[0].expression` is not a valid SPDX expression: ",
            ),
            (
                "[[licenses.clarify]]\ncrate = \"x\"\nexpression = \"MIT\"\nlicense-files = [{ path = \"LICENSE\", sha256 = \"abc\" }]\n",
                "`licenses.clarify[0].license-files` has sha256 \"abc\" for LICENSE, which is not 64 hex digits",
            ),
            (
                &format!(
                    "[[licenses.clarify]]\ncrate = \"x\"\nexpression = \"MIT\"\nlicense-files = [{{ path = \"LICENSE\", sha256 = \"{sha}\" }}]\n"
                ),
                "ok",
            ),
            (
                "[licenses]\nallow = [\"MIT\", \"NotALicense-9\"]\n",
                "`licenses.allow` has \"NotALicense-9\", which is neither an SPDX license id nor a catalog id",
            ),
            (
                "[licenses]\ndeny = [\"Apache2\"]\n",
                "`licenses.deny` has \"Apache2\", which is neither an SPDX license id nor a catalog id\n  help: did you mean \"Apache-2.0\"?",
            ),
            (
                "[licenses]\nallow = [\"osi-approved\", \"llama2\", \"GPL-2.0\"]\n",
                "ok",
            ),
            // Of several bad values, the lists are named last.
            (
                "[licenses]\nallow = [\"nope\"]\n[hub]\nretries = 99\n",
                "`hub.retries`",
            ),
        ]);
    }

    #[test]
    fn bad_license_id_names_the_key() {
        let raw: RawConfig =
            toml::from_str("[licenses]\nallow = [\"MIT\", \"NotALicense-9\"]\n").unwrap();
        let err = validate(raw, "m.toml", Catalog::builtin()).err().unwrap();
        assert!(err.message.contains("licenses.allow"), "{err}");
        assert!(err.message.contains("NotALicense-9"), "{err}");
    }

    #[test]
    fn deprecated_and_catalog_ids_are_accepted() {
        let c = Catalog::builtin();
        assert!(parse_license_entry("GPL-2.0", c).is_some());
        assert!(parse_license_entry("llama2", c).is_some());
    }

    /// The SPDX ids a preset's allow list accepts, of those not deprecated.
    fn preset_allows(name: &str) -> Vec<&'static str> {
        let dir = tempfile::tempdir().unwrap();
        let req = PolicyRequest {
            config: None,
            preset: Some(name),
            no_project_policy: false,
        };
        let p = load(&req, dir.path(), Catalog::builtin()).unwrap();
        spdx::identifiers::LICENSES
            .iter()
            .filter_map(|l| spdx::license_id(l.name))
            .filter(|id| !id.is_deprecated())
            .filter(|id| {
                let req = spdx::LicenseReq::from(*id);
                p.allow.iter().any(|e| e.satisfies(&req))
            })
            .map(|id| id.name)
            .collect()
    }

    /// A preset named after a definition accepts exactly what the SPDX
    /// License List says meets it; the default adds permissive data licenses.
    #[test]
    fn definition_presets_accept_exactly_their_definition() {
        let having = |flag: fn(spdx::LicenseId) -> bool| -> Vec<&'static str> {
            spdx::identifiers::LICENSES
                .iter()
                .filter_map(|l| spdx::license_id(l.name))
                .filter(|id| !id.is_deprecated() && flag(*id))
                .map(|id| id.name)
                .collect()
        };
        let osi = having(spdx::LicenseId::is_osi_approved);
        assert!(osi.contains(&"NCSA"));
        assert_eq!(preset_allows("osi"), osi);
        assert_eq!(preset_allows("osaid"), osi);
        assert_eq!(
            preset_allows("fsf"),
            having(spdx::LicenseId::is_fsf_free_libre)
        );
        let mut default = osi.clone();
        default.extend(["CDLA-Permissive-1.0", "CDLA-Permissive-2.0"]);
        default.sort_unstable();
        assert_eq!(preset_allows("default"), default);
    }
}
