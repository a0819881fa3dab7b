//! Resolving one model: its license decided from what was gathered (with
//! the LICENSE text fetched when the card gives no usable license), its
//! claims, the base models its card names, and its lock entry, compared
//! with the one the lock recorded.

use super::gather::{fetch_license_text, gather};
use super::license::decide;
use super::{MAX_BASES_PER_CARD, Settings, note};
use crate::domain::{
    Artifact, ArtifactId, ArtifactKind, Claim, ClaimBy, EvidenceSource, Facts, Label, License,
    LockChange, ModelDetails, ModelFacts, ResolvedArtifact,
};
use crate::resolve::card::{self, Card};
use crate::resolve::claims;
use crate::resolve::hub::{Hub, HubRepo, Info, valid_repo_id};
use crate::resolve::lock::{self, Lock};
use sha2::Digest;

/// `base_model` from the card and `base_model:[relation:]owner/name` tags.
pub fn base_models(card: &Card, tags: &[String]) -> Vec<String> {
    // One more than is followed, so the caller can tell that some were cut.
    let mut out: Vec<String> = Vec::new();
    let mut push = |id: &str| {
        let id = id.trim();
        if out.len() <= MAX_BASES_PER_CARD
            && valid_repo_id(id)
            && !out.iter().any(|o| o.eq_ignore_ascii_case(id))
        {
            out.push(id.to_owned());
        }
    };
    for b in card.base_models() {
        push(&b);
    }
    for t in tags {
        if let Some(rest) = t.strip_prefix("base_model:") {
            let id = match rest.split_once(':') {
                Some((relation, id)) if !relation.contains('/') => id,
                _ => rest,
            };
            push(id);
        }
    }
    out
}

pub(super) fn model_facts(a: &Artifact) -> ModelFacts {
    match &a.facts {
        Facts::Model(m) => m.clone(),
        _ => ModelFacts::new(HubRepo::model(&a.name)),
    }
}

pub(super) fn resolve_one(
    hub: &Hub,
    lock: &Lock,
    mut artifact: Artifact,
    settings: &Settings<'_>,
) -> (ResolvedArtifact, Option<lock::Entry>) {
    let facts = model_facts(&artifact);
    let repo = facts.repo.clone();
    let rev = facts.revision.clone().unwrap_or_else(|| "main".to_owned());
    let mut g = gather(hub, &repo, &rev);
    let mut details = ModelDetails {
        sha: g.sha.clone(),
        ..ModelDetails::default()
    };
    if let Some(why) = g.unresolved.take() {
        // A declared license comes first, with or without the Hub.
        if let Some(declared) = facts.declared_license.as_ref() {
            let mut license = decide(
                &Card::default(),
                &[],
                repo.id.as_str(),
                None,
                Some(declared),
                settings.catalog,
                settings.threshold,
            );
            license.evidence.push(note(
                EvidenceSource::Hub,
                format!("{why}; the declared license applies, and the card's claims and base models were not read"),
            ));
            let mut claims = claims::license_claims(&license, settings.catalog);
            claims.extend(user_claim(&facts));
            let resolved = ResolvedArtifact::model(artifact, license, claims, details);
            return (resolved, None);
        }
        // One text for the details, the evidence and the finding.
        let why = crate::domain::SharedStr::from(why);
        details.unresolved = Some(why.clone());
        let resolved = ResolvedArtifact::model(
            artifact,
            License::unknown(vec![note(EvidenceSource::Hub, why)]),
            Vec::new(),
            details,
        );
        return (resolved, None);
    }
    let sha = g.sha.clone().unwrap_or_default();
    // The README's own front matter, which has line numbers for evidence,
    // unless it is missing or broken; then the Hub's `cardData`.
    let parsed = g.card_text.as_deref().map(Card::parse);
    let api_data = g
        .info
        .as_ref()
        .and_then(|i| i.card_data.clone())
        .filter(|v| v.is_object());
    let card = match (&parsed, api_data) {
        (Some(p), _)
            if p.problems.is_empty() && p.data.as_object().is_some_and(|o| !o.is_empty()) =>
        {
            p.clone()
        }
        (p, Some(data)) => {
            let mut c = Card::from_card_data(data);
            if let Some(p) = p {
                c.body = p.body.clone();
                c.body_line = p.body_line;
            }
            c
        }
        (Some(p), None) => p.clone(),
        (None, None) => Card::default(),
    };
    if let Some(p) = &parsed {
        for problem in &p.problems {
            g.notes.push(note(
                EvidenceSource::Card,
                format!("{}/README.md: {problem}", repo.id),
            ));
        }
    }
    let tags: Vec<String> = g.info.as_ref().map(|i| i.tags.clone()).unwrap_or_default();

    let (license, bases) = {
        let mut license = decide(
            &card,
            &tags,
            repo.id.as_str(),
            g.license_text.as_ref(),
            facts.declared_license.as_deref(),
            settings.catalog,
            settings.threshold,
        );
        if license.expression.is_none()
            && g.license_text.is_none()
            && facts.declared_license.is_none()
        {
            let mut notes = Vec::new();
            if let Some(text) = fetch_license_text(hub, &repo, &sha, g.info.as_ref(), &mut notes) {
                g.license_text = Some(text);
                license = decide(
                    &card,
                    &tags,
                    repo.id.as_str(),
                    g.license_text.as_ref(),
                    None,
                    settings.catalog,
                    settings.threshold,
                );
            }
            g.notes.extend(notes);
        }
        details.gated = g.info.as_ref().and_then(Info::gated);
        (license, base_models(&card, &tags))
    };
    let mut license = license;
    license.evidence.extend(g.notes.iter().cloned());

    let mut claims = claims::card_claims(
        repo.id.as_str(),
        &card.data,
        g.card_text.as_ref().map(|_| card.body.as_str()),
        card.body_line,
    );
    claims.extend(claims::license_claims(&license, settings.catalog));
    claims.extend(user_claim(&facts));

    details.card_sha256 = g
        .card_text
        .as_ref()
        .map(|t| format!("{:x}", sha2::Sha256::digest(t.as_bytes())));
    details.card =
        card::facts(&card.data, g.card_text.as_ref().map(|_| card.body.as_str())).boxed();
    details.tags = tags;
    details.base_models = bases;

    let license_text = license.display();
    let locked = lock.find(&repo, &rev);
    // A different license, or (for a branch) a different commit, than the
    // lock recorded: the evaluation says which.
    if let Some(old) = locked
        && facts.declared_license.is_none()
        && (old.license != license_text || !old.sha.eq_ignore_ascii_case(&sha))
    {
        details.lock_change = Some(Box::new(LockChange {
            old_license: old.license.clone(),
            old_sha: old.sha.clone(),
            new_license: license_text.clone(),
        }));
    }
    let entry = lock::Entry {
        id: repo.id.to_string(),
        dataset: repo.is_dataset(),
        revision: rev,
        sha: sha.clone(),
        license: license_text,
        card_sha256: details.card_sha256.clone(),
        base_models: details.base_models.clone(),
        gated: details.gated.clone(),
    };
    let kind = if repo.is_dataset() {
        ArtifactKind::Dataset
    } else {
        ArtifactKind::Model
    };
    artifact.id = ArtifactId::new(kind, repo.id.as_str(), &sha);
    artifact.version = sha.into();
    (
        ResolvedArtifact::model(artifact, license, claims, details),
        Some(entry),
    )
}

/// `open-source = true` on the model in the project's config.
fn user_claim(facts: &ModelFacts) -> Option<Claim> {
    let origin = facts.labelled_by.as_ref()?;
    Some(Claim {
        by: ClaimBy::User,
        who: "this project".to_owned(),
        label: Label::OpenSource,
        quote: "open-source = true".to_owned(),
        location: origin.clone(),
        subject: None,
        phrase: None,
    })
}
