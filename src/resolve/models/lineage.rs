//! The lineage waves: the project's models first, then the base models
//! their cards name, then theirs, each model once, every wave resolved
//! concurrently on at most `[hub] concurrency` threads. Following stops at
//! the bounds of the parent module; what a bound cuts is resolved as
//! unresolved, so it is reported and never passes in silence.

use super::one::{model_facts, resolve_one};
use super::{MAX_BASES_PER_CARD, MAX_LINEAGE_DEPTH, MAX_LINEAGE_MODELS, Settings, note};
use crate::domain::{
    Artifact, ArtifactId, ArtifactKind, Confidence, EvidenceSource, Facts, License, ModelDetails,
    ModelFacts, Reference, ReferenceKind, ResolvedArtifact,
};
use crate::resolve::hub::{Hub, HubRepo};
use crate::resolve::lock::{self, Lock};
use std::collections::BTreeSet;

struct Job {
    artifact: Artifact,
    depth: usize,
}

/// A resolved model, its lock entry, and its depth in the lineage.
type Outcome = (ResolvedArtifact, Option<lock::Entry>, usize);

/// A base model as an artifact, referenced by its derivative.
fn base_artifact(base: &str, derivative: &ResolvedArtifact) -> Artifact {
    let mut path = derivative.artifact.path.clone();
    path.push(base.to_owned().into());
    Artifact {
        id: ArtifactId::new(ArtifactKind::Model, base, "main"),
        name: base.to_owned().into(),
        version: "main".to_owned().into(),
        source: derivative.artifact.source.clone(),
        scope: derivative.artifact.scope,
        path,
        references: vec![Reference {
            kind: ReferenceKind::BaseModel,
            file: Some(format!("{}/README.md", derivative.artifact.name).into()),
            line: None,
            krate: None,
            confidence: Confidence::Declared,
            dev: None,
            via: Vec::new(),
            span: None,
        }],
        facts: Facts::Model(ModelFacts {
            derivative_of: Some(derivative.artifact.name.to_string()),
            ..ModelFacts::new(HubRepo::model(base))
        }),
    }
}

/// A model a bound kept from being resolved: unresolved, so it is reported
/// and never passes silently.
fn cut_artifact(artifact: Artifact, why: String) -> ResolvedArtifact {
    let why = crate::domain::SharedStr::from(why);
    let details = ModelDetails {
        unresolved: Some(why.clone()),
        ..ModelDetails::default()
    };
    ResolvedArtifact::model(
        artifact,
        License::unknown(vec![note(EvidenceSource::Bound, why)]),
        Vec::new(),
        details,
    )
}

fn progress(settings: &Settings<'_>, done: usize, total: usize) {
    let term = console::Term::stderr();
    if settings.quiet || !term.is_term() {
        return;
    }
    let _ = term.clear_line();
    let _ = term.write_str(&format!("{:>12} models [{done}/{total}]", "Resolving"));
    if done == total {
        let _ = term.clear_line();
    }
}

/// Resolves every model artifact and the base models they name, and adds
/// them to `resolved` (whatever it holds already, the crates, stays first),
/// each as it is made: the run never holds a second list of every model.
/// Returns the lock entries that describe them.
pub fn resolve_all(
    hub: &Hub,
    lock: &Lock,
    models: Vec<Artifact>,
    settings: &Settings<'_>,
    resolved: &mut Vec<ResolvedArtifact>,
) -> Vec<lock::Entry> {
    let mut seen: BTreeSet<HubRepo> = models.iter().map(|a| model_facts(a).repo).collect();
    let first = resolved.len();
    resolved.reserve(models.len());
    let mut wave: Vec<Job> = models
        .into_iter()
        .map(|artifact| Job { artifact, depth: 0 })
        .collect();
    let mut entries: Vec<lock::Entry> = Vec::new();
    let mut total = wave.len();
    let mut followed = 0;
    let mut done = 0;
    while !wave.is_empty() {
        let jobs = wave.len();
        let mut next = Vec::new();
        crate::parallel::bounded_each(
            wave,
            hub.config.concurrency,
            |job: Job| -> Outcome {
                let (ra, entry) = resolve_one(hub, lock, job.artifact, settings);
                (ra, entry, job.depth)
            },
            |finished| progress(settings, done + finished, total),
            |(mut ra, entry, depth)| {
                let mut cut: Vec<(String, String)> = Vec::new();
                if let Some(details) = &mut ra.model
                    && details.base_models.len() > MAX_BASES_PER_CARD
                {
                    let extra = details.base_models.split_off(MAX_BASES_PER_CARD);
                    cut.extend(extra.into_iter().map(|b| {
                        (
                            b,
                            format!(
                                "not followed: the card names more than {MAX_BASES_PER_CARD} base models and only the first {MAX_BASES_PER_CARD} are followed"
                            ),
                        )
                    }));
                }
                let bases = ra
                    .model
                    .as_ref()
                    .map(|d| d.base_models.clone())
                    .unwrap_or_default();
                {
                    for base in &bases {
                        let key = HubRepo::model(base);
                        if seen.contains(&key) {
                            continue;
                        }
                        if depth >= MAX_LINEAGE_DEPTH {
                            cut.push((
                            base.clone(),
                            format!(
                                "not followed: base models are followed {MAX_LINEAGE_DEPTH} levels deep"
                            ),
                        ));
                        } else if followed + next.len() >= MAX_LINEAGE_MODELS {
                            cut.push((
                            base.clone(),
                            format!(
                                "not followed: one run follows at most {MAX_LINEAGE_MODELS} base models from cards"
                            ),
                        ));
                        } else {
                            seen.insert(key);
                            next.push(Job {
                                artifact: base_artifact(base, &ra),
                                depth: depth + 1,
                            });
                        }
                    }
                }
                // One finding per derivative for what a bound cut from its lineage.
                if let Some((first, why)) = cut.first() {
                    let others = cut.len() - 1;
                    let why = if others > 0 {
                        format!(
                            "{why} ({first} and {others} more base models of {})",
                            ra.artifact.name
                        )
                    } else {
                        format!("{why} ({first}, a base model of {})", ra.artifact.name)
                    };
                    if seen.insert(HubRepo::model(first)) {
                        resolved.push(cut_artifact(base_artifact(first, &ra), why));
                    }
                }
                entries.extend(entry);
                resolved.push(ra);
            },
        );
        done += jobs;
        total += next.len();
        followed += next.len();
        wave = next;
    }
    progress(settings, total, total);
    resolved[first..].sort_by(|a, b| a.artifact.id.cmp(&b.artifact.id));
    entries
}
