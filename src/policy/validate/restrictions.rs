//! `[restrictions]`: what to do (allow, warn, deny) with each class of
//! restriction a model license may carry, by the catalog's class names.

use super::Bad;
use crate::catalog::RestrictionClass;
use crate::error::Result;
use crate::policy::Action;
use std::collections::BTreeMap;

pub fn validate(
    raw: BTreeMap<String, Action>,
    bad: Bad<'_>,
) -> Result<BTreeMap<RestrictionClass, Action>> {
    let mut restrictions = BTreeMap::new();
    for (class, action) in raw {
        let Some(c) = RestrictionClass::parse(&class) else {
            let names: Vec<&str> = RestrictionClass::ALL.iter().map(|c| c.as_str()).collect();
            return Err(bad(
                "restrictions",
                format!("has unknown restriction class `{class}`"),
            )
            .with_help(format!("classes: {}", names.join(", "))));
        };
        restrictions.insert(c, action);
    }
    Ok(restrictions)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::validate::check_table;

    #[test]
    fn each_bad_value_is_named() {
        let classes: Vec<&str> = RestrictionClass::ALL.iter().map(|c| c.as_str()).collect();
        check_table(&[
            (
                "[restrictions]\nsome-class = \"deny\"\n",
                &format!(
                    "invalid config config: `restrictions` has unknown restriction class `some-class`\n  help: classes: {}",
                    classes.join(", ")
                ),
            ),
            (
                "[restrictions]\nuser-cap = \"never\"\n",
                "`restrictions.user-cap`",
            ),
            ("[restrictions]\nuser-cap = \"warn\"\n", "ok"),
        ]);
    }

    #[test]
    fn each_class_gets_its_action() {
        let p = crate::policy::from_toml_str(
            "[restrictions]\nuser-cap = \"allow\"\n",
            crate::catalog::Catalog::builtin(),
        )
        .unwrap();
        let (class, action) = p.restrictions.iter().next().unwrap();
        assert_eq!((class.as_str(), *action), ("user-cap", Action::Allow));
    }
}
