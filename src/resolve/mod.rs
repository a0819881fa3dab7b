//! Gives every artifact a license with evidence, and its claims of
//! openness. Network, cache and file reads for licenses happen here only.

pub mod crates;
pub mod texts;

use crate::discover::Inventory;
use crate::domain::{Facts, ResolvedArtifact};
use crate::policy::Policy;

/// The inventory with licenses.
#[derive(Debug)]
pub struct Resolved {
    pub artifacts: Vec<ResolvedArtifact>,
}

/// Resolves every artifact. Crates are independent, so they are resolved
/// on all cores.
pub fn resolve(inventory: Inventory, policy: &Policy) -> Resolved {
    let cache = inventory
        .target_dir
        .join("model-audit")
        .join("license-texts.json");
    let detector = texts::Detector::new(Some(cache));
    let settings = crates::Settings {
        threshold: policy.confidence_threshold,
        clarify: &policy.clarify,
    };
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(8);
    let chunk = inventory.artifacts.len().div_ceil(threads).max(1);
    let mut artifacts: Vec<ResolvedArtifact> = std::thread::scope(|scope| {
        let handles: Vec<_> = inventory
            .artifacts
            .chunks(chunk)
            .map(|part| {
                let detector = &detector;
                let settings = &settings;
                scope.spawn(move || {
                    part.iter()
                        .map(|artifact| match &artifact.facts {
                            Facts::Crate(facts) => {
                                let r = crates::resolve(
                                    &artifact.name,
                                    &artifact.version,
                                    facts,
                                    settings,
                                    detector,
                                );
                                ResolvedArtifact {
                                    artifact: artifact.clone(),
                                    license: r.license,
                                    claims: Vec::new(),
                                    mismatch: r.mismatch,
                                    stale_clarifications: r.stale,
                                }
                            }
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    detector.save();
    artifacts.sort_by(|a, b| a.artifact.id.cmp(&b.artifact.id));
    Resolved { artifacts }
}
