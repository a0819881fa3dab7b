//! Validation: the config as written ([`super::cfg::RawConfig`]) becomes a
//! [`Policy`] the rest can trust, one section at a time, as cargo-deny
//! validates each section of its config. Each section's validator is a
//! small function from its raw table to its part of the policy; the first
//! bad value stops the command, naming the file, the line and the key.

pub mod exceptions;
pub mod hub;
pub mod licenses;
pub mod lints;
pub mod models;
pub mod open_source;
pub mod restrictions;
pub mod scan;

use super::cfg::RawConfig;
use super::{Policy, owner};
use crate::catalog::Catalog;
use crate::error::{Error, Kind, Result};

/// Makes the error for a bad value from the dotted key that holds it
/// (`hub.retries`) and what is wrong with it.
pub type Bad<'a> = &'a dyn Fn(&str, String) -> Error;

/// Turns a dotted key (`licenses.allow[1]`) into the place to name in an
/// error (`model-audit.toml:3:12`).
pub type Locate<'a> = &'a dyn Fn(&str) -> String;

/// Validates a config whose errors name `origin` without a line.
pub fn validate(raw: RawConfig, origin: &str, catalog: &Catalog) -> Result<Policy> {
    validate_at(raw, origin, &|_| origin.to_owned(), catalog)
}

/// Validates a config, section by section; `locate` places each key.
pub fn validate_at(
    raw: RawConfig,
    origin: &str,
    locate: Locate<'_>,
    catalog: &Catalog,
) -> Result<Policy> {
    let bad = |key: &str, msg: String| {
        Error::new(
            Kind::Config,
            format!("invalid config {}: `{key}` {msg}", locate(key)),
        )
    };
    let mut raw_licenses = raw.licenses.unwrap_or_default();
    let allow = raw_licenses.allow.take();
    let deny = raw_licenses.deny.take();
    let licenses = licenses::settings(raw_licenses, &bad)?;
    let open_source = open_source::validate(raw.open_source.unwrap_or_default(), &bad, catalog)?;
    let restrictions = restrictions::validate(raw.restrictions.unwrap_or_default(), &bad)?;
    let exceptions = exceptions::validate(
        raw.exceptions.unwrap_or_default(),
        origin,
        locate,
        &bad,
        catalog,
    )?;
    let models = models::validate(raw.models.unwrap_or_default(), origin, &bad)?;
    let lints = lints::validate(raw.lints.unwrap_or_default(), &bad)?;
    let scan = scan::validate(raw.scan.unwrap_or_default());
    let hub = hub::validate(raw.hub.unwrap_or_default(), &bad)?;
    // The license lists come last: of several bad values, the one a config
    // is told about first stays the same.
    let allow = licenses::list(allow, locate, "licenses.allow", catalog)?;
    let deny = licenses::list(deny, locate, "licenses.deny", catalog)?;
    Ok(Policy {
        name: String::new(),
        allow,
        deny,
        unknown: licenses.unknown,
        confidence_threshold: licenses.confidence_threshold,
        include_dev: licenses.include_dev,
        include_build: licenses.include_build,
        skip_unpublished: licenses.skip_unpublished,
        include_workspace: licenses.include_workspace,
        allow_origin: None,
        lints,
        clarify: licenses.clarify,
        definition: open_source.definition,
        washing: open_source.washing,
        enforce_weaker_labels: open_source.enforce_weaker_labels,
        enforce_implicit: open_source.enforce_implicit,
        restrictions,
        exceptions,
        models,
        hub,
        scan,
        config_path: None,
        ownership: owner::Ownership::default(),
    })
}

/// What validating one config's text says: the policy's error, in full,
/// or "ok".
#[cfg(test)]
pub fn outcome(text: &str) -> String {
    match super::from_toml_str(text, Catalog::builtin()) {
        Ok(_) => "ok".to_owned(),
        Err(e) => {
            assert_eq!(e.exit_code(), 2, "{e}");
            e.to_string()
        }
    }
}

/// Runs a table of config texts and what each must say (a part of the
/// message, or "ok").
#[cfg(test)]
pub fn check_table(cases: &[(&str, &str)]) {
    for (text, want) in cases {
        let got = outcome(text);
        if *want == "ok" {
            assert_eq!(got, "ok", "{text}");
        } else {
            assert!(got.contains(want), "{text}\nwant: {want}\ngot:  {got}");
        }
    }
}
