//! Gives every artifact a license with evidence, and its claims of
//! openness. Network, cache and file reads for licenses happen here only.

pub mod card;
pub mod claims;
pub mod crates;
pub mod hub;
pub mod lock;
pub mod models;
pub mod notices;
pub mod texts;
pub mod weights;

use crate::catalog::Catalog;
use crate::discover::Inventory;
use crate::domain::{Artifact, Facts, LooseReference, ModelDetails, ResolvedArtifact};
use crate::error::{Error, Result};
use crate::policy::Policy;
use std::path::PathBuf;

/// Parses a license expression leniently and returns it in canonical form
/// (`MIT/Apache-2.0` becomes `MIT OR Apache-2.0`, `GPL-2.0+` becomes
/// `GPL-2.0-or-later`), so that what we show is what we evaluated.
pub fn parse_lax(text: &str) -> Option<spdx::Expression> {
    let canonical = spdx::Expression::canonicalize(text).ok().flatten();
    let text = canonical.as_deref().unwrap_or(text);
    spdx::Expression::parse_mode(text, spdx::ParseMode::LAX).ok()
}

/// The inventory with licenses.
#[derive(Debug)]
pub struct Resolved {
    pub artifacts: Vec<ResolvedArtifact>,
    /// References discovery found but did not audit.
    pub loose: Vec<LooseReference>,
}

/// What resolution needs beyond the inventory and the policy.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub offline: bool,
    /// `--locked`: fail rather than change model-audit.lock.
    pub locked: bool,
    pub quiet: bool,
    pub lock_path: PathBuf,
}

/// Resolves every artifact: crates on all cores, models through the Hub
/// client with bounded concurrency.
pub fn resolve(
    inventory: Inventory,
    policy: &Policy,
    catalog: &Catalog,
    options: &Options,
) -> Result<Resolved> {
    let loose = inventory.loose;
    let (weights, rest): (Vec<Artifact>, Vec<Artifact>) = inventory
        .artifacts
        .into_iter()
        .partition(|a| matches!(a.facts, Facts::WeightFile(_)));
    let (models, crates): (Vec<Artifact>, Vec<Artifact>) = rest
        .into_iter()
        .partition(|a| matches!(a.facts, Facts::Model(_)));
    let mut artifacts = resolve_crates(crates, &inventory.target_dir, policy, catalog);
    let lock = lock::Lock::load(&options.lock_path).map_err(Error::usage)?;
    if !models.is_empty() || lock.existed {
        let config = hub::HubConfig::from_env(&policy.hub, options.offline);
        let hub = hub::Hub::new(config).map_err(|e| Error::usage(e.to_string()))?;
        let settings = models::Settings {
            catalog,
            threshold: policy.confidence_threshold,
            quiet: options.quiet,
        };
        let (resolved, mut entries) = models::resolve_all(&hub, &lock, models, &settings);
        // Keep what the lock knew about models that could not be resolved now.
        for ra in &resolved {
            if let (Some(d), Facts::Model(m)) = (&ra.model, &ra.artifact.facts)
                && d.unresolved.is_some()
            {
                let rev = m.revision.clone().unwrap_or_else(|| "main".to_owned());
                if let Some(old) = lock.find(&m.repo_id, m.dataset, &rev) {
                    entries.push(old.clone());
                }
            }
        }
        update_lock(&lock, &entries, options)?;
        artifacts.extend(resolved);
    }
    artifacts.extend(weights.into_iter().map(|a| resolve_weight(a, catalog)));
    artifacts.sort_by(|a, b| a.artifact.id.cmp(&b.artifact.id));
    Ok(Resolved { artifacts, loose })
}

/// A weight file: its license and claims from its own metadata, and the Hub
/// repositories it names as its lineage.
fn resolve_weight(artifact: Artifact, catalog: &Catalog) -> ResolvedArtifact {
    let Facts::WeightFile(w) = &artifact.facts else {
        return unreachable_model(&artifact);
    };
    let license = weights::license(&w.meta, &w.relative, catalog);
    let mut claims = Vec::new();
    let mut details = ModelDetails {
        sha: w.sha256.clone(),
        ..ModelDetails::default()
    };
    if let Ok(meta) = &w.meta {
        claims = claims::weight_claims(&w.relative, meta);
        for repo in meta.base_models.iter().chain(&meta.hub_repos) {
            if !details.base_models.contains(repo) {
                details.base_models.push(repo.clone());
            }
        }
        details.card = card::facts(
            &serde_json::to_value(&meta.fields).unwrap_or_default(),
            None,
        );
    }
    claims.extend(claims::license_claims(&license, catalog));
    ResolvedArtifact::model(artifact, license, claims, details)
}

/// Writes the lock when it changed, or refuses to under `--locked`.
fn update_lock(lock: &lock::Lock, entries: &[lock::Entry], options: &Options) -> Result<()> {
    if entries.is_empty() && !lock.existed {
        return Ok(());
    }
    let old = lock::Lock::render(&lock.entries);
    let new = lock::Lock::render(entries);
    if old == new && lock.existed {
        return Ok(());
    }
    if options.locked {
        let mut changes = Vec::new();
        for e in entries {
            match lock.find(&e.id, e.dataset, &e.revision) {
                None => changes.push(format!("{}@{} is not in the lock", e.id, e.revision)),
                Some(o) if o != e => changes.push(format!(
                    "{}@{} resolved to {} ({}), the lock has {} ({})",
                    e.id, e.revision, e.sha, e.license, o.sha, o.license
                )),
                Some(_) => {}
            }
        }
        for o in &lock.entries {
            if !entries
                .iter()
                .any(|e| e.id == o.id && e.dataset == o.dataset && e.revision == o.revision)
            {
                changes.push(format!(
                    "{}@{} is in the lock but no longer used",
                    o.id, o.revision
                ));
            }
        }
        return Err(Error::usage(format!(
            "{} needs updating and --locked was given:\n  {}",
            options.lock_path.display(),
            changes.join("\n  ")
        ))
        .with_help("run without --locked to update the lock, review the change, and commit it"));
    }
    crate::error::write_atomic(&options.lock_path, new.as_bytes())
}

fn resolve_crates(
    crates: Vec<Artifact>,
    target_dir: &std::path::Path,
    policy: &Policy,
    catalog: &Catalog,
) -> Vec<ResolvedArtifact> {
    let cache = target_dir.join("model-audit").join("license-texts.json");
    let detector = texts::Detector::new(Some(cache));
    let settings = crates::Settings {
        threshold: policy.confidence_threshold,
        clarify: &policy.clarify,
    };
    let artifacts = crate::parallel::map(&crates, |artifact| match &artifact.facts {
        Facts::Model(_) | Facts::WeightFile(_) => unreachable_model(artifact),
        Facts::Crate(facts) => {
            let r = crates::resolve(
                &artifact.name,
                &artifact.version,
                facts,
                &settings,
                &detector,
            );
            let mut claims = claims::crate_claims(&artifact.display_name(), facts);
            claims.extend(claims::license_claims(&r.license, catalog));
            ResolvedArtifact {
                artifact: artifact.clone(),
                license: r.license,
                claims,
                mismatch: r.mismatch,
                stale_clarifications: r.stale,
                model: None,
            }
        }
    });
    detector.save();
    artifacts
}

/// Models never reach the crate resolver; if one did, it stays unknown.
fn unreachable_model(artifact: &Artifact) -> ResolvedArtifact {
    ResolvedArtifact {
        artifact: artifact.clone(),
        license: crate::domain::License::unknown(Vec::new()),
        claims: Vec::new(),
        mismatch: None,
        stale_clarifications: Vec::new(),
        model: None,
    }
}
