//! Lineage: a model derived from a base whose license binds derivatives
//! (Llama, Gemma, the RAIL licenses, DeepSeek, ...) carries that license's
//! terms, whatever its own card says. Its effective license is its own AND
//! the base's; declaring something more permissive is a lineage conflict.

use super::finding;
use crate::catalog::{Catalog, RestrictionClass};
use crate::domain::hub::RepoId;
use crate::domain::{ArtifactId, Code, Finding, Reason, ReasonTag, ResolvedArtifact, Severity};
use std::collections::HashMap;

/// The effective license of one model and the conflicts found on the way.
#[derive(Debug, Clone, Default)]
pub struct Effective {
    pub expression: Option<spdx::Expression>,
    /// (base model, inherited license id, the clause's summary and source).
    pub inherited: Vec<(String, String, String)>,
    /// Inherited ids the model's own license does not name.
    pub conflicts: Vec<(String, String, String)>,
}

fn inheriting_ids(expr: &spdx::Expression, catalog: &Catalog) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for req in expr.requirements() {
        let id = req.req.license.to_string();
        if let Some(entry) = catalog.lookup(&id)
            && let Some(r) = entry
                .restrictions
                .iter()
                .find(|r| r.class == RestrictionClass::DerivativesInherit)
            && !out.iter().any(|(i, _)| *i == id)
        {
            out.push((id, super::license::restriction_reason(r).text.to_string()));
        }
    }
    out
}

/// The base models a model names (none for a crate).
fn bases(ra: &ResolvedArtifact) -> &[String] {
    ra.model.as_ref().map_or(&[], |m| &m.base_models)
}

/// Effective licenses of the models that inherit something from a base,
/// keyed by artifact id. A model missing here inherits nothing: its
/// effective license is its own. Models that name no base cost nothing, so
/// the map grows with lineage, not with the number of models.
pub fn effective(
    artifacts: &[ResolvedArtifact],
    catalog: &Catalog,
) -> HashMap<ArtifactId, Effective> {
    if artifacts.iter().all(|ra| bases(ra).is_empty()) {
        return HashMap::new();
    }
    // Bases are named by repository id, as the Hub compares them.
    let by_name: HashMap<RepoId, usize> = artifacts
        .iter()
        .enumerate()
        .filter(|(_, ra)| ra.model.is_some())
        .map(|(i, ra)| (RepoId::checked(&ra.artifact.name), i))
        .collect();
    let mut memo: HashMap<usize, Effective> = HashMap::new();
    for (i, ra) in artifacts.iter().enumerate() {
        if !bases(ra).is_empty() {
            compute(i, artifacts, &by_name, catalog, &mut memo, &mut Vec::new());
        }
    }
    memo.into_iter()
        .filter(|(_, e)| !e.inherited.is_empty())
        .map(|(i, e)| (artifacts[i].artifact.id.clone(), e))
        .collect()
}

fn compute(
    i: usize,
    artifacts: &[ResolvedArtifact],
    by_name: &HashMap<RepoId, usize>,
    catalog: &Catalog,
    memo: &mut HashMap<usize, Effective>,
    visiting: &mut Vec<usize>,
) -> Effective {
    if let Some(e) = memo.get(&i) {
        return e.clone();
    }
    let ra = &artifacts[i];
    let own = ra.license.expression.as_deref().cloned();
    // A model that names no base has its own license: nothing to remember.
    if bases(ra).is_empty() || visiting.contains(&i) {
        return Effective {
            expression: own,
            ..Effective::default()
        };
    }
    visiting.push(i);
    let mut result = Effective {
        expression: own.clone(),
        ..Effective::default()
    };
    let own_ids: Vec<String> = ra.license.ids();
    let mut extra: Vec<String> = Vec::new();
    for base in bases(ra) {
        let Some(&b) = by_name.get(&RepoId::checked(base)) else {
            continue;
        };
        let be = compute(b, artifacts, by_name, catalog, memo, visiting);
        let Some(bexpr) = &be.expression else {
            continue;
        };
        for (id, clause) in inheriting_ids(bexpr, catalog) {
            result
                .inherited
                .push((base.clone(), id.clone(), clause.clone()));
            if !own_ids.contains(&id) {
                if own.is_some() {
                    result.conflicts.push((base.clone(), id.clone(), clause));
                }
                if !extra.contains(&id) {
                    extra.push(id);
                }
            }
        }
    }
    if !extra.is_empty() {
        let own_text = own
            .as_ref()
            .map(|e| format!("({e}) AND "))
            .unwrap_or_default();
        result.expression =
            crate::resolve::parse_lax(&format!("{own_text}{}", extra.join(" AND ")));
    }
    visiting.pop();
    memo.insert(i, result.clone());
    result
}

/// One error per base whose license binds derivatives and that the model's
/// own license does not name: the card cannot relicense what it derives.
pub fn conflicts(
    ra: &ResolvedArtifact,
    effective: &Effective,
    expression: Option<&spdx::Expression>,
) -> Vec<Finding> {
    let a = &ra.artifact;
    effective
        .conflicts
        .iter()
        .map(|(base, id, clause)| {
            let mut f = finding(
                Code::LineageConflict,
                Severity::Error,
                ra,
                format!(
                    "{} declares `{}` but is derived from {base}, whose license `{id}` binds derivatives",
                    a.name,
                    ra.license.display()
                ),
            );
            f.reasons.push(Reason::new(
                ReasonTag::Restriction(RestrictionClass::DerivativesInherit.as_str()),
                clause.clone(),
            ));
            f.reasons.push(Reason::of(
                Code::LineageConflict,
                format!(
                    "derived from {base}, whose license `{id}` binds derivatives: the effective license is `{}`",
                    expression.map(|e| e.to_string()).unwrap_or_default()
                ),
            ));
            let mut path = a.path.clone();
            path.push(base.clone().into());
            f.path = path;
            f.help = Some(format!(
                "treat {} as licensed under `{id}` too, or use a base whose license allows relicensing",
                a.name
            ).into());
            f
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::*;

    /// (artifact, effective expression, conflict bases)
    type Row = (String, String, Vec<String>);

    fn derived(name: &str, license: &str, base: &str) -> ResolvedArtifact {
        let mut ra = model(name, license);
        ra.model.as_mut().unwrap().base_models = vec![base.to_owned()];
        ra
    }

    /// (artifact, effective expression, conflict bases)
    fn run(artifacts: Vec<ResolvedArtifact>) -> Vec<Row> {
        let eff = effective(&artifacts, catalog());
        artifacts
            .iter()
            .map(|ra| {
                // A model missing from the map has its own license.
                let e = eff.get(&ra.artifact.id);
                let expression =
                    e.map_or(ra.license.expression.as_deref(), |e| e.expression.as_ref());
                (
                    ra.artifact.name.to_string(),
                    expression
                        .map(|x| x.to_string())
                        .unwrap_or_else(|| "unknown".to_owned()),
                    e.map(|e| conflicts(ra, e, expression))
                        .unwrap_or_default()
                        .iter()
                        .map(|f| f.path.last().map(|p| p.to_string()).unwrap_or_default())
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn table() {
        let s = |x: &str| x.to_owned();
        let cases: Vec<(Vec<ResolvedArtifact>, Vec<Row>)> = vec![
            // A permissive base binds nothing.
            (
                vec![
                    derived("o/ft", "Apache-2.0", "o/base"),
                    model("o/base", "MIT"),
                ],
                vec![
                    (s("o/ft"), s("Apache-2.0"), vec![]),
                    (s("o/base"), s("MIT"), vec![]),
                ],
            ),
            // Relicensing Llama 2 under Apache-2.0 is a conflict.
            (
                vec![
                    derived("o/ft", "Apache-2.0", "meta-llama/Llama-2-7b-hf"),
                    model("meta-llama/Llama-2-7b-hf", "LicenseRef-llama2"),
                ],
                vec![
                    (
                        s("o/ft"),
                        s("(Apache-2.0) AND LicenseRef-llama2"),
                        vec![s("meta-llama/Llama-2-7b-hf")],
                    ),
                    (
                        s("meta-llama/Llama-2-7b-hf"),
                        s("LicenseRef-llama2"),
                        vec![],
                    ),
                ],
            ),
            // Naming the base's license is honest: no conflict.
            (
                vec![
                    derived("o/ft", "LicenseRef-llama2", "meta-llama/Llama-2-7b-hf"),
                    model("meta-llama/Llama-2-7b-hf", "LicenseRef-llama2"),
                ],
                vec![
                    (s("o/ft"), s("LicenseRef-llama2"), vec![]),
                    (
                        s("meta-llama/Llama-2-7b-hf"),
                        s("LicenseRef-llama2"),
                        vec![],
                    ),
                ],
            ),
            // Inherited through two generations; an unknown own license
            // takes the base's without a conflict.
            (
                vec![
                    derived("o/a", "MIT", "o/b"),
                    derived("o/b", "", "meta-llama/Llama-2-7b-hf"),
                    model("meta-llama/Llama-2-7b-hf", "LicenseRef-llama2"),
                ],
                vec![
                    (s("o/a"), s("(MIT) AND LicenseRef-llama2"), vec![s("o/b")]),
                    (s("o/b"), s("LicenseRef-llama2"), vec![]),
                    (
                        s("meta-llama/Llama-2-7b-hf"),
                        s("LicenseRef-llama2"),
                        vec![],
                    ),
                ],
            ),
            // A cycle ends.
            (
                vec![derived("o/x", "MIT", "o/y"), derived("o/y", "MIT", "o/x")],
                vec![(s("o/x"), s("MIT"), vec![]), (s("o/y"), s("MIT"), vec![])],
            ),
        ];
        for (artifacts, want) in cases {
            let mut artifacts = artifacts;
            for ra in &mut artifacts {
                if ra.license.display() == "unknown" || ra.license.ids().is_empty() {
                    ra.license.expression = None;
                }
            }
            assert_eq!(run(artifacts), want);
        }
    }

    /// Only a model that inherits something is in the map: the cost of
    /// lineage grows with lineage, not with the number of models.
    #[test]
    fn only_models_that_inherit_are_kept() {
        let artifacts = vec![
            model("o/plain", "MIT"),
            derived("o/ft", "Apache-2.0", "o/base"),
            model("o/base", "MIT"),
            derived("o/tuned", "Apache-2.0", "meta-llama/Llama-2-7b-hf"),
            model("meta-llama/Llama-2-7b-hf", "LicenseRef-llama2"),
        ];
        let eff = effective(&artifacts, catalog());
        let mut ids: Vec<&str> = eff.keys().map(|id| id.as_str()).collect();
        ids.sort();
        assert_eq!(ids, vec![artifacts[3].artifact.id.as_str()]);
        assert!(effective(&artifacts[..1], catalog()).is_empty());
    }
}
