//! Obligations: what shipping each artifact requires (a copy of the license,
//! a Notice file, "Built with Llama" displayed, ...), from the catalog's
//! `[[license.obligations]]`. Pure, like the rest of `evaluate`.
//!
//! For an `OR` expression the obligations are those of the alternative the
//! policy accepts (the first allowed licenses, as cargo-about picks them);
//! when nothing is accepted, those of every license named, so that nothing
//! is left out. A model carries the obligations of its effective license,
//! its base's included.

use crate::catalog::{Catalog, Obligation, ObligationClass};
use crate::domain::{
    ArtifactId, ArtifactKind, Code, Finding, Reason, ReasonTag, ResolvedArtifact, Severity,
};
use crate::policy::Policy;
use serde::Serialize;
use std::collections::BTreeMap;

/// One obligation of one license an artifact ships under.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Applied {
    /// The license as written in expressions (`MIT`, `LicenseRef-llama2`).
    pub license: String,
    pub class: ObligationClass,
    /// The catalog's summary, with the exact words when there are any.
    pub text: String,
    /// The clause verbatim, when the terms were read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// The exact words (notice, branding, name prefix).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub words: Option<String>,
    /// Where branding must be displayed.
    #[serde(rename = "where", skip_serializing_if = "Option::is_none")]
    pub placement: Option<String>,
    pub source: String,
    pub verified: bool,
}

impl Applied {
    fn new(license: &str, o: &Obligation) -> Applied {
        Applied {
            license: license.to_owned(),
            class: o.class,
            text: o.summary.clone(),
            quote: o.quote.clone(),
            words: o.text.clone(),
            placement: o.placement.clone(),
            source: o.source.clone(),
            verified: o.verified,
        }
    }

    /// One line: the requirement with its exact words.
    pub fn headline(&self) -> String {
        match (&self.words, self.class) {
            (Some(t), ObligationClass::DisplayBranding) => format!("\"{t}\" displayed"),
            (Some(t), ObligationClass::NamePrefix) => {
                format!("derived model names beginning \"{t}\"")
            }
            (Some(_), ObligationClass::NoticeFile) => "a Notice file".to_owned(),
            _ => self.class.requirement().to_owned(),
        }
    }
}

/// The licenses of an expression whose obligations apply.
pub fn chosen_licenses(expr: &spdx::Expression, policy: &Policy) -> Vec<String> {
    let accepted = policy.allow.iter().map(|e| &e.licensee);
    let reqs: Vec<String> = match expr.minimized_requirements(accepted) {
        Ok(reqs) if !reqs.is_empty() => reqs.iter().map(|r| r.license.to_string()).collect(),
        _ => expr
            .requirements()
            .map(|r| r.req.license.to_string())
            .collect(),
    };
    let mut out: Vec<String> = Vec::new();
    for r in reqs {
        if !out.contains(&r) {
            out.push(r);
        }
    }
    out
}

/// Every obligation of the chosen licenses of an expression.
pub fn for_expression(expr: &spdx::Expression, policy: &Policy, catalog: &Catalog) -> Vec<Applied> {
    let mut out = Vec::new();
    for id in chosen_licenses(expr, policy) {
        // `GPL-2.0-or-later` carries the obligations of `GPL-2.0-only`.
        let entry = catalog.lookup(&id).or_else(|| {
            id.strip_suffix("-or-later")
                .and_then(|base| catalog.lookup(&format!("{base}-only")))
        });
        let Some(entry) = entry else {
            continue;
        };
        out.extend(entry.obligations.iter().map(|o| Applied::new(&id, o)));
    }
    out
}

/// Only dependencies the policy judges: the project's own crates are not
/// third-party, and what the policy skips (dev-dependencies by default) is
/// not shipped.
fn in_scope(ra: &ResolvedArtifact, policy: &Policy) -> bool {
    matches!(
        super::scope::judged(ra, policy),
        super::scope::Judged::Dependency
    )
}

/// The obligations of every artifact the policy applies to, by artifact id.
/// `effective` maps a model to its effective (lineage) license.
pub fn all(
    artifacts: &[ResolvedArtifact],
    effective: &std::collections::HashMap<ArtifactId, super::lineage::Effective>,
    policy: &Policy,
    catalog: &Catalog,
) -> BTreeMap<ArtifactId, Vec<Applied>> {
    let mut out = BTreeMap::new();
    for ra in artifacts.iter().filter(|ra| in_scope(ra, policy)) {
        if ra.model.as_ref().is_some_and(|d| d.unresolved.is_some()) {
            continue;
        }
        let expr = match effective.get(&ra.artifact.id) {
            Some(e) => e.expression.as_ref(),
            None => ra.license.expression.as_deref(),
        };
        let Some(expr) = expr else { continue };
        let applied = for_expression(expr, policy, catalog);
        if !applied.is_empty() {
            out.insert(ra.artifact.id.clone(), applied);
        }
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "2 models and 3 crates".
pub fn count_kinds(kinds: &[ArtifactKind]) -> String {
    let models = kinds.iter().filter(|k| **k != ArtifactKind::Crate).count();
    let crates = kinds.len() - models;
    match (models, crates) {
        (0, c) => plural(c, "crate", "crates"),
        (m, 0) => plural(m, "model", "models"),
        (m, c) => format!(
            "{} and {}",
            plural(m, "model", "models"),
            plural(c, "crate", "crates")
        ),
    }
}

/// One `obligation` note per license that shipped artifacts carry: how many
/// artifacts, what they require (with the exact words), the clauses, and who
/// they are.
pub fn notes(
    artifacts: &[ResolvedArtifact],
    obligations: &BTreeMap<ArtifactId, Vec<Applied>>,
    catalog: &Catalog,
) -> Vec<Finding> {
    // license -> (obligations of that license, artifacts carrying it)
    let mut by_license: BTreeMap<&str, (Vec<&Applied>, Vec<&ResolvedArtifact>)> = BTreeMap::new();
    for ra in artifacts {
        let Some(list) = obligations.get(&ra.artifact.id) else {
            continue;
        };
        for a in list {
            let slot = by_license.entry(a.license.as_str()).or_default();
            // An artifact's entries are pushed while it is visited, so the
            // last carrier is the only one it can repeat: constant time,
            // where a search of the carriers made the notes quadratic.
            if slot
                .1
                .last()
                .is_none_or(|r| r.artifact.id != ra.artifact.id)
            {
                slot.1.push(ra);
            }
            if !slot
                .0
                .iter()
                .any(|o| o.class == a.class && o.text == a.text)
            {
                slot.0.push(a);
            }
        }
    }
    let mut out = Vec::new();
    for (license, (list, carriers)) in by_license {
        let name = catalog
            .lookup(license)
            .map(|e| format!(" ({})", e.name))
            .unwrap_or_default();
        let kinds: Vec<ArtifactKind> = carriers.iter().map(|r| r.artifact.kind()).collect();
        let n = carriers.len();
        let mut heads: Vec<String> = Vec::new();
        for a in &list {
            let h = a.headline();
            if !heads.contains(&h) {
                heads.push(h);
            }
        }
        let message = format!(
            "{} under `{license}`{name} {} {}",
            count_kinds(&kinds),
            if n == 1 { "requires" } else { "require" },
            heads.join("; ")
        );
        let mut reasons = Vec::new();
        for a in &list {
            let mut line = format!("{}: {}", a.class, a.text);
            if let Some(w) = &a.words {
                line.push_str(&format!(" Exact words: \"{w}\""));
                if let Some(p) = &a.placement {
                    line.push_str(&format!(", on {p}"));
                }
                line.push('.');
            }
            if !a.verified {
                line.push_str(" (terms not verified)");
            }
            line.push_str(&format!(" <{}>", a.source));
            reasons.push(Reason::new(ReasonTag::Code(Code::Obligation), line));
        }
        let mut names: Vec<String> = carriers.iter().map(|r| r.artifact.display_name()).collect();
        names.sort();
        const SHOWN: usize = 8;
        let more = names.len().saturating_sub(SHOWN);
        names.truncate(SHOWN);
        let mut shipped = format!("shipped: {}", names.join(", "));
        if more > 0 {
            shipped.push_str(&format!(" and {more} more"));
        }
        reasons.push(Reason::new(ReasonTag::Code(Code::Obligation), shipped));
        out.push(Finding {
            id: Default::default(),
            code: Code::Obligation,
            severity: Severity::Note,
            artifact: format!("license:{license}").into(),
            message,
            reasons,
            claims: Vec::new(),
            evidence: Vec::new(),
            path: Vec::new(),
            help: Some(
                "`cargo model-audit notices` writes the license texts and notices; it lists what text cannot do (branding, naming, passing on terms) as a checklist"
                    .into(),
            ),
        });
    }
    out
}
