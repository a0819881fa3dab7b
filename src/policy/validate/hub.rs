//! `[hub]`: how the Hugging Face Hub is asked (endpoint, timeout, retries,
//! concurrency, each within bounds) and what a model that could not be
//! resolved is (an error, exit 3, or a warning).

use super::Bad;
use crate::error::Result;
use crate::policy::cfg::RawHub;
use crate::policy::{HubSettings, UnknownAction};

/// The most `[hub] timeout-secs` may be.
pub const MAX_TIMEOUT_SECS: u64 = 600;
/// The most `[hub] retries` may be.
pub const MAX_RETRIES: u32 = 10;
/// The most `[hub] concurrency` may be.
pub const MAX_CONCURRENCY: usize = 64;

pub fn validate(raw: RawHub, bad: Bad<'_>) -> Result<HubSettings> {
    for (key, value, max) in [
        ("hub.timeout-secs", raw.timeout_secs, MAX_TIMEOUT_SECS),
        (
            "hub.concurrency",
            raw.concurrency.map(|c| c as u64),
            MAX_CONCURRENCY as u64,
        ),
    ] {
        match value {
            Some(0) => return Err(bad(key, "must be at least 1".to_owned())),
            Some(v) if v > max => {
                return Err(bad(key, format!("is {v}; the most allowed is {max}")));
            }
            _ => {}
        }
    }
    if let Some(r) = raw.retries
        && r > MAX_RETRIES
    {
        return Err(bad(
            "hub.retries",
            format!("is {r}; the most allowed is {MAX_RETRIES}"),
        ));
    }
    if let Some(endpoint) = &raw.endpoint
        && !(endpoint.starts_with("https://") || endpoint.starts_with("http://"))
    {
        return Err(bad(
            "hub.endpoint",
            format!("is \"{endpoint}\"; expected an http:// or https:// URL"),
        ));
    }
    Ok(HubSettings {
        unresolved: raw.unresolved.unwrap_or(UnknownAction::Deny),
        endpoint: raw.endpoint,
        timeout_secs: raw.timeout_secs.unwrap_or(30),
        concurrency: raw.concurrency.unwrap_or(8).max(1),
        retries: raw.retries.unwrap_or(3),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::validate::check_table;

    #[test]
    fn each_bad_value_is_named() {
        check_table(&[
            (
                "[hub]\ntimeout-secs = 0\n",
                "invalid config config: `hub.timeout-secs` must be at least 1",
            ),
            (
                "[hub]\ntimeout-secs = 601\n",
                "`hub.timeout-secs` is 601; the most allowed is 600",
            ),
            ("[hub]\ntimeout-secs = 600\n", "ok"),
            (
                "[hub]\nconcurrency = 0\n",
                "`hub.concurrency` must be at least 1",
            ),
            (
                "[hub]\nconcurrency = 65\n",
                "`hub.concurrency` is 65; the most allowed is 64",
            ),
            (
                "[hub]\nretries = 11\n",
                "`hub.retries` is 11; the most allowed is 10",
            ),
            ("[hub]\nretries = 0\n", "ok"),
            (
                "[hub]\nendpoint = \"ftp://hub.example\"\n",
                "`hub.endpoint` is \"ftp://hub.example\"; expected an http:// or https:// URL",
            ),
            ("[hub]\nendpoint = \"http://127.0.0.1:8080\"\n", "ok"),
            ("[hub]\nunresolved = \"allow\"\n", "`hub.unresolved`"),
            // Of two bad values, the timeout is named first.
            (
                "[hub]\nconcurrency = 0\ntimeout-secs = 0\n",
                "`hub.timeout-secs`",
            ),
        ]);
    }

    #[test]
    fn defaults() {
        let never = |_: &str, _: String| -> crate::error::Error { unreachable!() };
        let hub = validate(RawHub::default(), &never).unwrap();
        assert_eq!(hub.unresolved, UnknownAction::Deny);
        assert_eq!((hub.timeout_secs, hub.concurrency, hub.retries), (30, 8, 3));
        assert_eq!(hub.endpoint, None);
    }
}
