//! Gives every artifact a license with evidence, and its claims of
//! openness. Network, cache and file reads for licenses happen here only.

pub mod card;
pub mod claims;
pub mod confirm;
pub mod crates;
pub mod hub;
pub mod lock;
pub mod models;
pub mod notices;
pub mod texts;
pub mod weights;

use crate::catalog::Catalog;
use crate::discover::Inventory;
use crate::domain::hub::{HubRepo, RepoId};
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
    /// What `update` changed in model-audit.lock, one line per model.
    pub lock_updates: Vec<String>,
    /// What the run could not do and the user must know (an untraced
    /// literal the Hub did not answer for), one line each, for stderr.
    pub warnings: Vec<String>,
}

/// What a command may do to model-audit.lock.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum LockMode {
    /// `check`: add entries for models the lock does not know; never
    /// rewrite a recorded one.
    #[default]
    Record,
    /// `list`, `explain`: never write.
    ReadOnly,
    /// `update [MODEL...]`: record what the models resolve to now (all of
    /// them, and drop unused entries, when none is named).
    Update(Vec<String>),
}

/// What resolution needs beyond the inventory and the policy.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub offline: bool,
    /// `--locked`: fail rather than change model-audit.lock.
    pub locked: bool,
    pub quiet: bool,
    pub lock_path: PathBuf,
    pub lock_mode: LockMode,
    /// `--confirm-untraced`: as `[scan] confirm-untraced = true`.
    pub confirm_untraced: bool,
}

/// Resolves every artifact: crates on all cores, models through the Hub
/// client with bounded concurrency.
pub fn resolve(
    inventory: Inventory,
    policy: &Policy,
    catalog: &Catalog,
    options: &Options,
) -> Result<Resolved> {
    let lock = lock::Lock::load(&options.lock_path)?;
    let mut inventory = inventory;
    let hub_config = hub::HubConfig::from_env(&policy.hub, options.offline);
    let ask = policy.scan.confirm_untraced || options.confirm_untraced;
    let new_hub = || hub::Hub::new(hub_config.clone()).map_err(|e| Error::usage(e.to_string()));
    let asking = ask
        && !hub_config.offline
        && !crate::discover::confirmed::candidates(&inventory).is_empty();
    let confirming_hub = if asking { Some(new_hub()?) } else { None };
    let confirmed = confirm::confirm(
        &mut inventory,
        &lock,
        &confirm::Settings {
            ask,
            refresh: options.lock_mode == LockMode::Update(Vec::new()),
            hub: confirming_hub.as_ref(),
            today: crate::policy::Date::today().to_string(),
        },
    );
    let loose = inventory.loose;
    let (weights, rest): (Vec<Artifact>, Vec<Artifact>) = inventory
        .artifacts
        .into_iter()
        .partition(|a| matches!(a.facts, Facts::WeightFile(_)));
    let (models, crates): (Vec<Artifact>, Vec<Artifact>) = rest
        .into_iter()
        .partition(|a| matches!(a.facts, Facts::Model(_)));
    let mut artifacts = resolve_crates(crates, &inventory.workspace_root, policy, catalog);
    let mut lock_updates = Vec::new();
    if let LockMode::Update(names) = &options.lock_mode
        && let Some(missing) = names.first()
        && models.is_empty()
    {
        return Err(Error::usage(format!(
            "`update {missing}`: the project uses no models"
        ))
        .with_help("declare models in [[models]] of model-audit.toml; `cargo model-audit list` shows what discovery finds"));
    }
    if !models.is_empty() || lock.existed || !confirmed.answers.is_empty() {
        let hub = match confirming_hub {
            Some(hub) => hub,
            None => new_hub()?,
        };
        let settings = models::Settings {
            catalog,
            threshold: policy.confidence_threshold,
            quiet: options.quiet,
        };
        // Room for every artifact once: the models are added to the crates
        // as they are resolved.
        artifacts.reserve_exact(models.len() + weights.len());
        let fresh = models::resolve_all(&hub, &lock, models, &settings, &mut artifacts);
        let unresolved: Vec<(HubRepo, String)> = artifacts
            .iter()
            .filter_map(|ra| match (&ra.model, &ra.artifact.facts) {
                (Some(d), Facts::Model(m)) if d.unresolved.is_some() => Some((
                    m.repo.clone(),
                    m.revision.clone().unwrap_or_else(|| "main".to_owned()),
                )),
                _ => None,
            })
            .collect();
        lock_updates = update_lock(&lock, &fresh, &unresolved, &confirmed, options)?;
    }
    artifacts.extend(weights.into_iter().map(|a| resolve_weight(a, catalog)));
    artifacts.sort_by(|a, b| a.artifact.id.cmp(&b.artifact.id));
    Ok(Resolved {
        artifacts,
        loose,
        lock_updates,
        warnings: confirmed.warnings,
    })
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
        )
        .boxed();
    }
    claims.extend(claims::license_claims(&license, catalog));
    ResolvedArtifact::model(artifact, license, claims, details)
}

/// What the lock becomes: under `check`, the recorded entries unchanged plus
/// the models it did not know; under `update`, what the (named) models
/// resolve to now. Written only when it changed; `--locked` refuses any
/// change. Returns, for `update`, one line per changed model.
fn update_lock(
    lock: &lock::Lock,
    fresh: &[lock::Entry],
    unresolved: &[(HubRepo, String)],
    confirmed: &confirm::Confirmed,
    options: &Options,
) -> Result<Vec<String>> {
    let mut updates = Vec::new();
    let mut entries = lock.entries.clone();
    if options.lock_mode == LockMode::ReadOnly {
        return Ok(updates);
    }
    let untraced = untraced_records(lock, confirmed, &options.lock_mode, &mut updates);
    match &options.lock_mode {
        LockMode::ReadOnly => return Ok(updates),
        LockMode::Record => {
            for e in fresh {
                if !entries.iter().any(|o| lock::Lock::same(o, e)) {
                    entries.push(e.clone());
                }
            }
        }
        LockMode::Update(names) => {
            if options.locked {
                return Err(Error::usage(
                    "`update` changes model-audit.lock; it cannot run with --locked or --frozen",
                )
                .with_help("drop --locked"));
            }
            let names: Vec<RepoId> = names.iter().map(|n| RepoId::checked(n)).collect();
            let named = |e: &lock::Entry| names.is_empty() || names.contains(&e.repo().id);
            if let Some(missing) = names.iter().find(|n| {
                !fresh.iter().any(|e| e.repo().id == **n)
                    && !unresolved.iter().any(|(repo, _)| repo.id == **n)
            }) {
                return Err(Error::usage(format!(
                    "`update {missing}`: no model the project uses has this id"
                ))
                .with_help("`cargo model-audit list` shows the models"));
            }
            for e in fresh.iter().filter(|e| named(e)) {
                match entries.iter_mut().find(|o| lock::Lock::same(o, e)) {
                    Some(o) if o != e => {
                        updates.push(format!(
                            "{}@{}: {} ({}) -> {} ({})",
                            e.id,
                            e.revision,
                            o.license,
                            short(&o.sha),
                            e.license,
                            short(&e.sha)
                        ));
                        *o = e.clone();
                    }
                    Some(_) => {}
                    None => {
                        updates.push(format!(
                            "{}@{}: added, {} ({})",
                            e.id,
                            e.revision,
                            e.license,
                            short(&e.sha)
                        ));
                        entries.push(e.clone());
                    }
                }
            }
            if names.is_empty() {
                entries.retain(|o| {
                    let used = fresh.iter().any(|e| lock::Lock::same(o, e))
                        || unresolved
                            .iter()
                            .any(|(repo, rev)| *repo == o.repo() && *rev == o.revision);
                    if !used {
                        updates.push(format!("{}@{}: removed (no longer used)", o.id, o.revision));
                    }
                    used
                });
            }
        }
    }
    if entries.is_empty() && untraced.is_empty() && !lock.existed {
        return Ok(updates);
    }
    let old = lock::Lock::render(&lock.entries, &lock.untraced);
    let new = lock::Lock::render(&entries, &untraced);
    if old == new && lock.existed {
        return Ok(updates);
    }
    if options.locked {
        let mut changes: Vec<String> = entries
            .iter()
            .filter(|e| !lock.entries.iter().any(|o| lock::Lock::same(o, e)))
            .map(|e| format!("{}@{} is not in the lock", e.id, e.revision))
            .collect();
        changes.extend(
            untraced
                .iter()
                .filter(|c| !lock.untraced.contains(c))
                .map(|c| {
                    format!(
                        "the Hub's answer for the untraced literal {} ({}) is not in the lock",
                        c.id,
                        c.hub.as_str()
                    )
                }),
        );
        return Err(Error::usage(format!(
            "{} needs updating and --locked was given:\n  {}",
            options.lock_path.display(),
            changes.join("\n  ")
        ))
        .with_help("run without --locked to add the new models to the lock, review the change, and commit it"));
    }
    crate::files::write(&options.lock_path, new.as_bytes())
        .map_err(|e| Error::io("cannot write", &options.lock_path, e))?;
    Ok(updates)
}

/// The `[[untraced]]` records the lock gets. `check` (and `update` of named
/// models) adds the answers for literals the lock has no record of, and an
/// `exists` over a recorded `absent` or `refused` (which only adds a
/// model); `update` of everything records every answer of this run and
/// drops the records of literals the source no longer has. Lines for
/// `update` say what changed.
fn untraced_records(
    lock: &lock::Lock,
    confirmed: &confirm::Confirmed,
    mode: &LockMode,
    updates: &mut Vec<String>,
) -> Vec<lock::Confirmation> {
    let everything = *mode == LockMode::Update(Vec::new());
    let mut records = lock.untraced.clone();
    if everything {
        records.retain(|c| {
            let used = confirmed.named.contains(&c.repo());
            if !used {
                updates.push(format!(
                    "untraced {}: removed (no longer in the source)",
                    c.id
                ));
            }
            used
        });
    }
    for answer in &confirmed.answers {
        let repo = answer.repo();
        match records.iter_mut().find(|c| c.repo() == repo) {
            // The same answer: the day it was first given stays.
            Some(c) if c.hub == answer.hub => {}
            Some(c) if everything || answer.hub == lock::OnHub::Exists => {
                updates.push(format!(
                    "untraced {}: {} -> {} ({})",
                    answer.id,
                    c.hub.as_str(),
                    answer.hub.as_str(),
                    answer.checked
                ));
                *c = answer.clone();
            }
            Some(_) => {}
            None => {
                updates.push(format!(
                    "untraced {}: added, {} ({})",
                    answer.id,
                    answer.hub.as_str(),
                    answer.checked
                ));
                records.push(answer.clone());
            }
        }
    }
    records
}

fn short(sha: &str) -> &str {
    sha.get(..12).unwrap_or(sha)
}

fn resolve_crates(
    crates: Vec<Artifact>,
    root: &std::path::Path,
    policy: &Policy,
    catalog: &Catalog,
) -> Vec<ResolvedArtifact> {
    let cache = crate::cache::dir(root).map(|d| d.join("license-texts.json"));
    let detector = texts::Detector::new(cache);
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
                mismatch: r.mismatch.map(Box::new),
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
