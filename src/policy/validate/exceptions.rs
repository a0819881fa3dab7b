//! `[[exceptions]]`: an artifact the project lets pass under licenses the
//! policy would refuse, each with a reason and, if it should lapse, the
//! date it expires on.

use super::licenses;
use super::{Bad, Locate};
use crate::catalog::Catalog;
use crate::error::Result;
use crate::policy::cfg::RawException;
use crate::policy::{Date, Exception};

pub fn validate(
    raw: Vec<RawException>,
    origin: &str,
    locate: Locate<'_>,
    bad: Bad<'_>,
    catalog: &Catalog,
) -> Result<Vec<Exception>> {
    raw.into_iter()
        .enumerate()
        .map(|(i, e)| exception(e, &format!("exceptions[{i}]"), origin, locate, bad, catalog))
        .collect()
}

/// One exception, written at `key`.
fn exception(
    e: RawException,
    key: &str,
    origin: &str,
    locate: Locate<'_>,
    bad: Bad<'_>,
    catalog: &Catalog,
) -> Result<Exception> {
    let reason = match e.reason {
        Some(r) if !r.trim().is_empty() => r,
        _ => {
            return Err(bad(
                &format!("{key}.reason"),
                format!("is missing for the exception for `{}`", e.artifact),
            )
            .with_help(
                "every exception needs a reason, e.g. reason = \"approved by legal, ticket 123\"",
            ));
        }
    };
    if e.allow.is_empty() {
        return Err(bad(
            &format!("{key}.allow"),
            format!(
                "is empty for `{}`: list the licenses this exception allows",
                e.artifact
            ),
        ));
    }
    let allow = licenses::list(Some(e.allow), locate, &format!("{key}.allow"), catalog)?;
    let expires = match e.expires {
        None => None,
        Some(value) => Some(expiry(&value).ok_or_else(|| {
            bad(
                &format!("{key}.expires"),
                format!("is {value}; expected a date from 1970 to 9999 such as \"2027-06-30\""),
            )
        })?),
    };
    Ok(Exception {
        artifact: crate::domain::Selector::parse(&e.artifact),
        allow,
        reason,
        expires,
        origin: origin.to_owned(),
        span: None,
    })
}

/// `expires = "2027-06-30"`, or the TOML date literal `expires = 2027-06-30`.
fn expiry(value: &toml::Value) -> Option<Date> {
    match value {
        toml::Value::String(text) => Date::parse(text),
        toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt
            .date
            .and_then(|d| Date::from_ymd(d.year.into(), d.month.into(), d.day.into())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::validate::check_table;

    const EXCEPTION: &str =
        "[[exceptions]]\nartifact = \"some/model\"\nallow = [\"MIT\"]\nreason = \"approved\"\n";

    #[test]
    fn each_bad_value_is_named() {
        let with = |extra: &str| format!("{EXCEPTION}{extra}");
        check_table(&[
            (
                "[[exceptions]]\nartifact = \"some/model\"\nallow = [\"MIT\"]\n",
                "invalid config config: `exceptions[0].reason` is missing for the exception for `some/model`\n  help: every exception needs a reason, e.g. reason = \"approved by legal, ticket 123\"",
            ),
            (
                "[[exceptions]]\nartifact = \"x\"\nallow = [\"MIT\"]\nreason = \"  \"\n",
                "`exceptions[0].reason` is missing for the exception for `x`",
            ),
            (
                "[[exceptions]]\nartifact = \"x\"\nreason = \"r\"\n",
                "`exceptions[0].allow` is empty for `x`: list the licenses this exception allows",
            ),
            (
                "[[exceptions]]\nartifact = \"x\"\nallow = [\"MIT\", \"nope\"]\nreason = \"r\"\n",
                "`exceptions[0].allow` has \"nope\", which is neither an SPDX license id nor a catalog id",
            ),
            (
                &with("expires = \"2027-02-30\"\n"),
                "`exceptions[0].expires` is \"2027-02-30\"; expected a date from 1970 to 9999 such as \"2027-06-30\"",
            ),
            (
                &with("expires = 1969-12-31\n"),
                "`exceptions[0].expires` is 1969-12-31; expected a date from 1970 to 9999",
            ),
            (
                &with("expires = 2027-06-30T10:00:00\n"),
                "`exceptions[0].expires` is 2027-06-30T10:00:00; expected a date",
            ),
            (
                &with("expires = 20270630\n"),
                "`exceptions[0].expires` is 20270630; expected a date",
            ),
            (&with("expires = \"2028-02-29\"\n"), "ok"),
            (&with("expires = 2028-02-29\n"), "ok"),
            (EXCEPTION, "ok"),
        ]);
    }

    #[test]
    fn a_date_literal_and_a_string_are_the_same_day() {
        let expiry_of = |v: &str| {
            let p = crate::policy::from_toml_str(
                &format!("{EXCEPTION}expires = {v}\n"),
                Catalog::builtin(),
            )
            .unwrap();
            p.exceptions[0].expires
        };
        assert_eq!(expiry_of("2027-06-30"), Date::parse("2027-06-30"));
        assert_eq!(expiry_of("\"2027-06-30\""), Date::parse("2027-06-30"));
    }
}
