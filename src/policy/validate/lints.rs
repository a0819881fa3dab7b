//! `[lints]`: a level (allow, warn, deny) for a finding code, applied after
//! the rules; `-A/-W/-D CODE` on the command line are laid over it
//! ([`apply_lint_flags`]).

use super::Bad;
use crate::domain::Code;
use crate::error::{Error, Result};
use crate::policy::{LintLevel, Policy};
use std::collections::BTreeMap;

pub fn validate(
    raw: BTreeMap<String, LintLevel>,
    bad: Bad<'_>,
) -> Result<BTreeMap<Code, LintLevel>> {
    let mut lints = BTreeMap::new();
    for (name, level) in raw {
        let Some(code) = Code::parse(&name) else {
            return Err(bad("lints", format!("has unknown finding code `{name}`"))
                .with_help(format!("codes: {}", code_names())));
        };
        lints.insert(code, level);
    }
    Ok(lints)
}

/// Every finding code, for a help line.
fn code_names() -> String {
    let names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    names.join(", ")
}

/// Applies `-A/-W/-D CODE` from the command line over the config's
/// `[lints]`: allow first, then warn, then deny, so the strictest wins when
/// one code is named twice.
pub fn apply_lint_flags(
    policy: &mut Policy,
    allow: &[String],
    warn: &[String],
    deny: &[String],
) -> Result<()> {
    for (names, level, flag) in [
        (allow, LintLevel::Allow, "-A"),
        (warn, LintLevel::Warn, "-W"),
        (deny, LintLevel::Deny, "-D"),
    ] {
        for name in names {
            let code = Code::parse(name).ok_or_else(|| {
                Error::usage(format!("{flag} {name}: no such finding code"))
                    .with_help(format!("codes: {}", code_names()))
            })?;
            policy.lints.insert(code, level);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::validate::check_table;

    #[test]
    fn each_bad_value_is_named() {
        check_table(&[
            (
                "[lints]\nno-such-code = \"deny\"\n",
                &format!(
                    "invalid config config: `lints` has unknown finding code `no-such-code`\n  help: codes: {}",
                    code_names()
                ),
            ),
            (
                "[lints]\nlicense-mismatch = \"loud\"\n",
                "`lints.license-mismatch`",
            ),
            ("[lints]\nlicense-mismatch = \"allow\"\n", "ok"),
        ]);
    }

    #[test]
    fn the_strictest_flag_wins() {
        let mut p = crate::policy::from_toml_str(
            "[lints]\nlicense-mismatch = \"deny\"\n",
            crate::catalog::Catalog::builtin(),
        )
        .unwrap();
        let code = Code::parse("license-mismatch").unwrap();
        let names = |s: &str| vec![s.to_owned()];
        apply_lint_flags(&mut p, &names("license-mismatch"), &[], &[]).unwrap();
        assert_eq!(p.lints[&code], LintLevel::Allow);
        apply_lint_flags(
            &mut p,
            &names("license-mismatch"),
            &[],
            &names("license-mismatch"),
        )
        .unwrap();
        assert_eq!(p.lints[&code], LintLevel::Deny);
        let err = apply_lint_flags(&mut p, &[], &names("nope"), &[]).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert_eq!(
            err.to_string(),
            format!(
                "-W nope: no such finding code\n  help: codes: {}",
                code_names()
            )
        );
    }
}
