//! `[open-source]`: what "open source" means to the project (a definition,
//! or a list of licenses it accepts) and how hard a label that does not
//! meet it is held: an error or a warning, and whether the weaker labels
//! ("open weights") and implicit claims are held to it too.

use super::Bad;
use super::licenses::parse_license_entry;
use crate::catalog::Catalog;
use crate::error::Result;
use crate::policy::cfg::{RawDefinition, RawOpenSource, RawWashing, RawWeakerLabels};
use crate::policy::{Action, Definition};

/// `[open-source]`, validated.
pub struct OpenSource {
    pub definition: Definition,
    /// What an open-washing finding is: an error (deny) or a warning.
    pub washing: Action,
    pub enforce_weaker_labels: bool,
    pub enforce_implicit: bool,
}

pub fn validate(raw: RawOpenSource, bad: Bad<'_>, catalog: &Catalog) -> Result<OpenSource> {
    let definition = match raw.definition {
        None | Some(RawDefinition::Osi) => Definition::Osi,
        Some(RawDefinition::Osaid) => Definition::Osaid,
        Some(RawDefinition::Fsf) => Definition::Fsf,
        Some(RawDefinition::List) => {
            let accept = raw.accept.unwrap_or_default();
            if let Some(id) = accept
                .iter()
                .find(|id| parse_license_entry(id, catalog).is_none())
            {
                return Err(bad(
                    "open-source.accept",
                    format!("has \"{id}\", which is neither an SPDX license id nor a catalog id"),
                ));
            }
            Definition::List(accept)
        }
    };
    Ok(OpenSource {
        definition,
        washing: match raw.action {
            None | Some(RawWashing::Deny) => Action::Deny,
            Some(RawWashing::Warn) => Action::Warn,
        },
        enforce_weaker_labels: raw.weaker_labels == Some(RawWeakerLabels::Enforce),
        enforce_implicit: raw.implicit == Some(RawWeakerLabels::Enforce),
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
                "[open-source]\ndefinition = \"list\"\naccept = [\"MIT\", \"made-up\"]\n",
                "invalid config config: `open-source.accept` has \"made-up\", which is neither an SPDX license id nor a catalog id",
            ),
            (
                "[open-source]\ndefinition = \"list\"\naccept = [\"MIT\", \"llama2\"]\n",
                "ok",
            ),
            // Only a list definition reads `accept`.
            (
                "[open-source]\ndefinition = \"osi\"\naccept = [\"made-up\"]\n",
                "ok",
            ),
            (
                "[open-source]\ndefinition = \"gpl\"\n",
                "`open-source.definition`",
            ),
        ]);
    }

    #[test]
    fn settings_read_as_written() {
        let p = crate::policy::from_toml_str(
            "[open-source]\ndefinition = \"list\"\naccept = [\"MIT\"]\naction = \"warn\"\nweaker-labels = \"enforce\"\nimplicit = \"report\"\n",
            Catalog::builtin(),
        )
        .unwrap();
        assert_eq!(p.definition, Definition::List(vec!["MIT".to_owned()]));
        assert_eq!(p.washing, Action::Warn);
        assert!(p.enforce_weaker_labels);
        assert!(!p.enforce_implicit);
        let p = crate::policy::from_toml_str("", Catalog::builtin()).unwrap();
        assert_eq!(p.definition, Definition::Osi);
        assert_eq!(p.washing, Action::Deny);
    }
}
