//! Untraced literals the Hub confirmed: an id-shaped literal no Hub call
//! was traced to ([`ReferenceKind::Untraced`]) is listed, not audited, until
//! the Hub says the repository exists (`resolve` asks, or reads the answer
//! model-audit.lock recorded). Then it is a found model like any other,
//! referenced where the literal is ([`ReferenceKind::HubConfirmed`]), and
//! leaves the unaudited list. Nothing here asks anything: the answers come
//! in as a set.

use super::{FoundIndex, Inventory, Named, add_found};
use crate::domain::hub::{HubRepo, RepoId};
use crate::domain::{Confidence, Facts, LooseReference, Reference, ReferenceKind, SharedStr};
use std::collections::{BTreeSet, HashSet};

/// The repository an untraced literal names, if it is one: a checked
/// `owner/name` that no model of the inventory already is (that one is
/// audited already, whatever this literal is).
pub fn candidate(loose: &LooseReference) -> Option<HubRepo> {
    (loose.reference.kind == ReferenceKind::Untraced)
        .then(|| RepoId::parse(&loose.id))
        .flatten()
        .map(|id| HubRepo::new(id, loose.dataset))
}

/// The distinct repositories the inventory's untraced literals name, in the
/// order of the list (file, line), leaving out the models already audited.
pub fn candidates(inventory: &Inventory) -> Vec<HubRepo> {
    let audited: HashSet<&HubRepo> = inventory
        .artifacts
        .iter()
        .filter_map(|a| match &a.facts {
            Facts::Model(m) => Some(&m.repo),
            _ => None,
        })
        .collect();
    let mut seen = BTreeSet::new();
    inventory
        .loose
        .iter()
        .filter_map(candidate)
        .filter(|repo| !audited.contains(repo) && seen.insert(repo.clone()))
        .collect()
}

/// Makes every untraced literal whose repository is in `confirmed` a found
/// model (joining the model's artifact when there is one), referenced at the
/// literal with medium confidence, and takes it off the unaudited list.
/// Returns how many references moved.
pub fn adopt(inventory: &mut Inventory, confirmed: &HashSet<HubRepo>) -> usize {
    if confirmed.is_empty() {
        return 0;
    }
    let (adopted, rest): (Vec<LooseReference>, Vec<LooseReference>) =
        std::mem::take(&mut inventory.loose)
            .into_iter()
            .partition(|l| candidate(l).is_some_and(|repo| confirmed.contains(&repo)));
    inventory.loose = rest;
    let mut index = FoundIndex::of(&inventory.artifacts);
    let moved = adopted.len();
    for loose in adopted {
        let repo = HubRepo::new(RepoId::checked(&loose.id), loose.dataset);
        let reference = Reference {
            kind: ReferenceKind::HubConfirmed,
            confidence: Confidence::Medium,
            ..loose.reference
        };
        let mut path: Vec<SharedStr> = reference.krate.iter().cloned().collect();
        path.push(repo.id.to_string().into());
        let decl = Named {
            repo,
            labelled: false,
            revision: None,
            license: None,
            span: None,
        };
        add_found(&mut inventory.artifacts, &mut index, &decl, reference, path);
    }
    moved
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Scope;

    fn untraced(id: &str, file: &str, line: u32, dev: Option<&str>) -> LooseReference {
        LooseReference {
            id: id.to_owned(),
            revision: None,
            dataset: false,
            why: "an id-shaped literal …".to_owned(),
            reference: Reference {
                kind: ReferenceKind::Untraced,
                file: Some(file.into()),
                line: Some(line),
                krate: Some("app@0.1.0".into()),
                confidence: Confidence::Low,
                dev: dev.map(str::to_owned),
                via: Vec::new(),
                span: None,
            },
            hub: true,
        }
    }

    fn inventory(loose: Vec<LooseReference>) -> Inventory {
        Inventory {
            workspace_root: "/w".into(),
            target_dir: "/w/target".into(),
            artifacts: Vec::new(),
            loose,
        }
    }

    #[test]
    fn a_confirmed_literal_becomes_a_model_with_each_place_and_leaves_the_list() {
        let mut inv = inventory(vec![
            untraced("acme/real", "src/a.rs", 3, None),
            untraced("acme/gone", "src/a.rs", 4, None),
            untraced("acme/real", "tests/t.rs", 9, Some("test")),
        ]);
        assert_eq!(
            candidates(&inv),
            [HubRepo::model("acme/real"), HubRepo::model("acme/gone")]
        );
        let confirmed: HashSet<HubRepo> = [HubRepo::model("acme/real")].into();
        assert_eq!(adopt(&mut inv, &confirmed), 2);
        assert_eq!(inv.loose.len(), 1);
        assert_eq!(inv.loose[0].id, "acme/gone");
        assert_eq!(inv.artifacts.len(), 1);
        let model = &inv.artifacts[0];
        assert_eq!(model.id.as_str(), "model:acme/real@main");
        // Shipping code names it: normal scope, the crate's path.
        assert_eq!(model.scope, Scope::Normal);
        assert_eq!(model.path, ["app@0.1.0", "acme/real"]);
        let kinds: Vec<(ReferenceKind, Option<u32>, Confidence)> = model
            .references
            .iter()
            .map(|r| (r.kind, r.line, r.confidence))
            .collect();
        assert_eq!(
            kinds,
            [
                (ReferenceKind::HubConfirmed, Some(3), Confidence::Medium),
                (ReferenceKind::HubConfirmed, Some(9), Confidence::Medium)
            ]
        );
    }

    #[test]
    fn only_untraced_literals_are_candidates_and_audited_models_need_no_question() {
        let mut run_time = untraced("acme/typed", "src/a.rs", 1, None);
        run_time.reference.kind = ReferenceKind::RunTime;
        let mut inv = inventory(vec![
            run_time,
            untraced("not an id", "src/a.rs", 2, None),
            untraced("acme/known", "src/a.rs", 5, None),
        ]);
        let confirmed: HashSet<HubRepo> = [HubRepo::model("acme/known")].into();
        adopt(&mut inv, &confirmed);
        assert!(candidates(&inv).is_empty(), "{:?}", candidates(&inv));
        // The run-time value and the non-id stay as they were.
        assert_eq!(inv.loose.len(), 2);
    }
}
