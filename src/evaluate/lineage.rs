//! Lineage: a model derived from a base whose license binds derivatives
//! (Llama, Gemma, the RAIL licenses, DeepSeek, ...) carries that license's
//! terms, whatever its own card says. Its effective license is its own AND
//! the base's; declaring something more permissive is a lineage conflict.

use crate::catalog::{Catalog, RestrictionClass};
use crate::domain::ResolvedArtifact;
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
            out.push((id, format!("{} ({})", r.summary, r.source)));
        }
    }
    out
}

/// Effective licenses for every model, keyed by artifact id.
pub fn effective(artifacts: &[ResolvedArtifact], catalog: &Catalog) -> HashMap<String, Effective> {
    let by_name: HashMap<String, usize> = artifacts
        .iter()
        .enumerate()
        .filter(|(_, ra)| ra.model.is_some())
        .map(|(i, ra)| (ra.artifact.name.to_ascii_lowercase(), i))
        .collect();
    let mut memo: HashMap<usize, Effective> = HashMap::new();
    for i in 0..artifacts.len() {
        if artifacts[i].model.is_some() {
            compute(i, artifacts, &by_name, catalog, &mut memo, &mut Vec::new());
        }
    }
    memo.into_iter()
        .map(|(i, e)| (artifacts[i].artifact.id.clone(), e))
        .collect()
}

fn compute(
    i: usize,
    artifacts: &[ResolvedArtifact],
    by_name: &HashMap<String, usize>,
    catalog: &Catalog,
    memo: &mut HashMap<usize, Effective>,
    visiting: &mut Vec<usize>,
) -> Effective {
    if let Some(e) = memo.get(&i) {
        return e.clone();
    }
    let ra = &artifacts[i];
    let own = ra.license.expression.clone();
    if visiting.contains(&i) {
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
    let bases = ra
        .model
        .as_ref()
        .map(|m| m.base_models.clone())
        .unwrap_or_default();
    for base in bases {
        let Some(&b) = by_name.get(&base.to_ascii_lowercase()) else {
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
