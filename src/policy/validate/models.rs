//! `[[models]]`: the models the project declares (those the scanner cannot
//! see, or whose license it overrides, always with a reason), and whether it
//! calls them open source. A member's `[package.metadata.model-audit]`
//! declarations follow the same rules ([`model_decl`]).

use super::Bad;
use crate::error::Result;
use crate::policy::ModelDecl;
use crate::policy::cfg::{RawModel, RawModelKind};

pub fn validate(raw: Vec<RawModel>, origin: &str, bad: Bad<'_>) -> Result<Vec<ModelDecl>> {
    raw.into_iter()
        .enumerate()
        .map(|(i, m)| {
            let key = format!("models[{i}]");
            model_decl(m, &key, &format!("{key}.id"), origin, bad)
        })
        .collect()
}

/// One model declaration (`[[models]]` in a config, or an entry of a
/// package's `[package.metadata.model-audit] models`), validated: a Hub id,
/// a branch, tag or commit, and a reason with every license override.
/// `id_key` is where the id is written (`models[0]` for a bare string).
pub fn model_decl(
    m: RawModel,
    key: &str,
    id_key: &str,
    origin: &str,
    bad: Bad<'_>,
) -> Result<ModelDecl> {
    let dataset = m.kind == Some(RawModelKind::Dataset);
    if !crate::domain::hub::valid_repo_id(&m.id) {
        return Err(bad(
            id_key,
            format!(
                "is \"{}\", which is not a Hub repository id `owner/name`",
                m.id
            ),
        ));
    }
    if let Some(rev) = &m.revision
        && !crate::domain::hub::valid_revision(rev)
    {
        return Err(bad(
            &format!("{key}.revision"),
            format!("is \"{rev}\", which is not a branch, tag or commit"),
        ));
    }
    let license = match (m.license, m.reason) {
        (Some(l), Some(r)) if !r.trim().is_empty() => Some((l, r)),
        (Some(_), _) => {
            return Err(bad(
                &format!("{key}.reason"),
                format!(
                    "is missing: a license override for `{}` needs a reason",
                    m.id
                ),
            ));
        }
        (None, _) => None,
    };
    Ok(ModelDecl {
        labelled: m.open_source.unwrap_or(false),
        id: m.id,
        revision: m.revision,
        dataset,
        license,
        origin: origin.to_owned(),
        span: None,
    })
}

#[cfg(test)]
mod tests {
    use crate::policy::validate::check_table;

    #[test]
    fn each_bad_value_is_named() {
        check_table(&[
            (
                "[[models]]\nid = \"not a repo\"\n",
                "invalid config config: `models[0].id` is \"not a repo\", which is not a Hub repository id `owner/name`",
            ),
            (
                "[[models]]\nid = \"a/b\"\n[[models]]\nid = \"c/d\"\nrevision = \"bad rev\"\n",
                "`models[1].revision` is \"bad rev\", which is not a branch, tag or commit",
            ),
            (
                "[[models]]\nid = \"a/b\"\nlicense = \"MIT\"\n",
                "`models[0].reason` is missing: a license override for `a/b` needs a reason",
            ),
            (
                "[[models]]\nid = \"a/b\"\nlicense = \"MIT\"\nreason = \" \"\n",
                "`models[0].reason` is missing",
            ),
            (
                "[[models]]\nid = \"a/b\"\nkind = \"space\"\n",
                "`models.kind`",
            ),
            (
                "[[models]]\nid = \"a/b\"\nrevision = \"main\"\nkind = \"dataset\"\nlicense = \"MIT\"\nreason = \"the card says so\"\nopen-source = true\n",
                "ok",
            ),
        ]);
    }

    #[test]
    fn a_declaration_keeps_what_it_says() {
        let p = crate::policy::from_toml_str(
            "[[models]]\nid = \"a/b\"\nkind = \"dataset\"\nlicense = \"MIT\"\nreason = \"r\"\nopen-source = true\n",
            crate::catalog::Catalog::builtin(),
        )
        .unwrap();
        let m = &p.models[0];
        assert_eq!(m.id, "a/b");
        assert!(m.dataset && m.labelled);
        assert_eq!(m.license, Some(("MIT".to_owned(), "r".to_owned())));
        assert_eq!(m.origin, "config");
    }
}
