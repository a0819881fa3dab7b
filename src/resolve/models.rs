//! A Hub model's license, with evidence, from (in order) the user's
//! declared override, the card's `license` (Hub ids mapped through the
//! catalog; `other` through `license_name` and `license_link`), the Hub's
//! `license:` tags, the repository's LICENSE text matched by the catalog's
//! identifying phrases or the SPDX detector, and the catalog's list of a
//! vendor's official repositories. Anything else is `unknown`.
//!
//! Models are resolved concurrently (bounded by `[hub] concurrency`), in
//! waves: the declared models, then the base models their cards name, and
//! so on, each model once, to a bounded depth.

use super::card::Card;
use super::hub::{Fetched, Hub, HubError, HubRepo, Info, is_commit, valid_repo_id};
use super::lock::{self, Lock};
use crate::catalog::Catalog;
use crate::domain::{
    Artifact, ArtifactId, ArtifactKind, Confidence, DeclaredLicense, Evidence, Facts, License,
    LockChange, ModelDetails, ModelFacts, Reference, ReferenceKind, ResolvedArtifact,
};
use sha2::Digest;
use std::collections::BTreeSet;
use std::sync::{Mutex, mpsc};

/// How deep `base_model` chains are followed.
pub const MAX_LINEAGE_DEPTH: usize = 8;
/// How many base models of one card are followed.
pub const MAX_BASES_PER_CARD: usize = 32;
/// How many base models one run follows from cards, all derivatives
/// together. The project's own models (declared or discovered) are never
/// cut: only what cards name is. What a bound cuts is reported as
/// `model-unresolved`.
pub const MAX_LINEAGE_MODELS: usize = 256;
const LICENSE_FILES: [&str; 3] = ["LICENSE", "LICENSE.md", "LICENSE.txt"];

/// What one model's resolution gathered, before any judgement.
#[derive(Default)]
struct Gathered {
    sha: Option<String>,
    info: Option<Info>,
    card_text: Option<String>,
    license_text: Option<(String, String)>,
    notes: Vec<Evidence>,
    unresolved: Option<String>,
}

fn note(source: crate::domain::EvidenceSource, text: String) -> Evidence {
    Evidence {
        source,
        note: text,
        ..Evidence::default()
    }
}

fn text_of(bytes: Vec<u8>) -> String {
    String::from_utf8_lossy(&bytes).into_owned()
}

fn unresolved_message(repo: &HubRepo, rev: &str, err: &HubError) -> String {
    match err {
        HubError::NotFound { code } if code == "RevisionNotFound" => {
            format!("revision `{rev}` of {} does not exist on the Hub", repo.id)
        }
        HubError::NotFound { .. } => format!("{} was not found on the Hub", repo.id),
        HubError::Gated { status } => format!(
            "the Hub refused the model info for {} (HTTP {status}): a private repository; set HF_TOKEN to a token with access",
            repo.id
        ),
        other => format!("the Hub did not answer for {}: {other}", repo.id),
    }
}

/// Fetches (or reads from the cache or the lock) what is needed to judge one model.
fn gather(hub: &Hub, repo: &HubRepo, rev: &str) -> Gathered {
    let mut g = Gathered::default();

    // A pinned commit whose card is in the cache needs no request.
    if is_commit(rev)
        && let Some(card) = hub.cached_file(repo, &rev.to_ascii_lowercase(), "README.md")
    {
        g.sha = Some(rev.to_ascii_lowercase());
        g.card_text = Some(text_of(card));
        return g;
    }

    if hub.config.offline {
        // The lock only detects change: it never answers for a model.
        let Some(sha) = hub.cached_commit(repo, rev) else {
            g.unresolved = Some(format!(
                "{}@{rev} is not in the local Hugging Face cache ({}) and the run is offline",
                repo.id,
                hub.config.cache_dir.display()
            ));
            return g;
        };
        g.card_text = hub.cached_file(repo, &sha, "README.md").map(text_of);
        for name in LICENSE_FILES {
            if let Some(bytes) = hub.cached_file(repo, &sha, name) {
                g.license_text = Some((name.to_owned(), text_of(bytes)));
                break;
            }
        }
        if g.card_text.is_none() && g.license_text.is_none() && is_commit(rev) {
            // The pin names the commit; the cache has nothing of it.
            g.unresolved = Some(format!(
                "{}@{rev} is not in the local Hugging Face cache ({}) and the run is offline",
                repo.id,
                hub.config.cache_dir.display()
            ));
            return g;
        }
        if g.card_text.is_none() && g.license_text.is_none() {
            g.unresolved = Some(format!(
                "the local Hugging Face cache has commit {sha} of {} but no README.md or LICENSE for it, and the run is offline",
                repo.id
            ));
            return g;
        }
        g.sha = Some(sha);
        return g;
    }

    // Online: the info, and the card in parallel unless the cache has it.
    let cached_sha = hub.cached_commit(repo, rev);
    let cached_card = cached_sha
        .as_ref()
        .and_then(|s| hub.cached_file(repo, s, "README.md"));
    let (info, fetched) = if cached_card.is_some() {
        (hub.info(repo, rev), None)
    } else {
        std::thread::scope(|s| {
            let card = s.spawn(|| hub.file(repo, rev, "README.md"));
            let info = hub.info(repo, rev);
            let card = card
                .join()
                .unwrap_or_else(|_| Err(HubError::Transport("internal error".to_owned())));
            (info, Some(card))
        })
    };
    let info = match info {
        Ok(info) => info,
        Err(err) => {
            g.unresolved = Some(unresolved_message(repo, rev, &err));
            return g;
        }
    };
    if !is_commit(&info.sha) {
        g.unresolved = Some(format!(
            "the Hub's model info for {} has no commit sha",
            repo.id
        ));
        return g;
    }
    let sha = info.sha.to_ascii_lowercase();
    let card = if cached_sha.as_deref() == Some(sha.as_str()) && cached_card.is_some() {
        Ok(cached_card.map(text_of))
    } else {
        let result = match fetched {
            Some(Ok(f))
                if f.commit
                    .as_deref()
                    .is_none_or(|c| c.eq_ignore_ascii_case(&sha)) =>
            {
                Ok(f)
            }
            Some(Err(e)) => Err(e),
            // The branch moved between the two requests, or the cache was stale.
            _ => hub.file(repo, &sha, "README.md"),
        };
        match result {
            Ok(f) => {
                hub.store(repo, rev, &sha, "README.md", &f);
                Ok(Some(text_of(f.bytes)))
            }
            Err(e) => Err(e),
        }
    };
    match card {
        Ok(text) => g.card_text = text,
        Err(HubError::Gated { status }) => g.notes.push(note(
            crate::domain::EvidenceSource::Card,
            format!(
                "card body not readable: gated (HTTP {status}); set HF_TOKEN to a token with access"
            ),
        )),
        Err(HubError::NotFound { .. }) => g.notes.push(note(
            crate::domain::EvidenceSource::Card,
            "the repository has no README.md".to_owned(),
        )),
        Err(e) => g.notes.push(note(
            crate::domain::EvidenceSource::Card,
            format!("card body not readable: {e}"),
        )),
    }
    g.sha = Some(sha);
    g.info = Some(info);
    g
}

/// Fetches the repository's LICENSE text when the card gives no usable license.
fn fetch_license_text(
    hub: &Hub,
    repo: &HubRepo,
    sha: &str,
    info: Option<&Info>,
    notes: &mut Vec<Evidence>,
) -> Option<(String, String)> {
    for name in LICENSE_FILES {
        if let Some(bytes) = hub.cached_file(repo, sha, name) {
            return Some((name.to_owned(), text_of(bytes)));
        }
    }
    if hub.config.offline {
        return None;
    }
    let info = info?;
    let name = LICENSE_FILES.iter().find(|n| info.has_file(n))?;
    match hub.file(repo, sha, name) {
        Ok(f) => {
            let f: Fetched = f;
            hub.store(repo, sha, sha, name, &f);
            Some(((*name).to_owned(), text_of(f.bytes)))
        }
        Err(HubError::Gated { status }) => {
            notes.push(note(
                crate::domain::EvidenceSource::LicenseFile,
                format!("{name} not readable: gated (HTTP {status}); set HF_TOKEN to a token with access"),
            ));
            None
        }
        Err(e) => {
            notes.push(note(
                crate::domain::EvidenceSource::LicenseFile,
                format!("{name} not readable: {e}"),
            ));
            None
        }
    }
}

/// A license id as a card writes it, mapped to an expression term.
enum Term {
    Known(String, Evidence),
    Unknown(Evidence),
}

fn card_evidence(card: &Card, repo: &str, key: &str, note: String) -> Evidence {
    Evidence {
        source: crate::domain::EvidenceSource::Card,
        file: Some(format!("{repo}/README.md")),
        line: card.line_of(key),
        quote: card.raw_line(key),
        note,
        ..Evidence::default()
    }
}

/// The license a `license_link` points at, when the catalog knows it: a
/// license's own link, or the LICENSE file of a Hub repository the catalog
/// lists under a license (a sibling in the same family). With how it was
/// known, for the evidence.
fn link_target<'c>(
    link: &str,
    catalog: &'c Catalog,
) -> Option<(&'c crate::catalog::Entry, String)> {
    if let Some(entry) = catalog.entries().iter().find(|e| {
        e.link
            .as_deref()
            .is_some_and(|l| l.eq_ignore_ascii_case(link))
    }) {
        return Some((entry, "its published text".to_owned()));
    }
    let path = link
        .strip_prefix("https://huggingface.co/")
        .or_else(|| link.strip_prefix("http://huggingface.co/"))?;
    let mut parts = path.split('/');
    let (owner, name, kind) = (parts.next()?, parts.next()?, parts.next()?);
    let file = parts.next_back()?;
    if !matches!(kind, "blob" | "resolve" | "raw")
        || !file.to_ascii_lowercase().starts_with("license")
    {
        return None;
    }
    let repo = format!("{owner}/{name}");
    let entry = catalog.for_repo(&repo)?;
    Some((entry, format!("the LICENSE of {repo}")))
}

fn map_hub_id(
    id: &str,
    card: &Card,
    repo: &str,
    catalog: &Catalog,
    license_text: Option<&(String, String)>,
) -> Term {
    if id == "unknown" {
        return Term::Unknown(card_evidence(
            card,
            repo,
            "license",
            "the card says `license: unknown`".to_owned(),
        ));
    }
    if id == "other" {
        let target = card.license_link().and_then(|l| link_target(&l, catalog));
        let named = card.license_name().and_then(|n| {
            catalog
                .lookup(&n)
                .filter(|e| e.id != "other")
                .map(|e| (n, e))
        });
        // A family member's name with a sibling's LICENSE link: the link's
        // text is what the card points at.
        if let Some((entry, whose)) = target
            && named.as_ref().is_none_or(|(_, n)| n.id != entry.id)
        {
            let note = match &named {
                Some((name, other)) => format!(
                    "`license_name: {name}` names the {}, but `license_link` is {whose}, the text of the {}: read as the link's license",
                    other.name, entry.name
                ),
                None => format!("`license_link` is {whose}, the text of the {}", entry.name),
            };
            let ev = card_evidence(card, repo, "license_link", note);
            return Term::Known(entry.license_ref(), ev);
        }
        if let Some(name) = card.license_name()
            && let Some(entry) = catalog.lookup(&name).filter(|e| e.id != "other")
        {
            let ev = card_evidence(
                card,
                repo,
                "license_name",
                format!(
                    "`license: other` with `license_name: {name}`: {}",
                    entry.name
                ),
            );
            return Term::Known(entry.license_ref(), ev);
        }
        if let Some(link) = card.license_link() {
            let link_l = link.to_ascii_lowercase();
            if let Some(entry) = catalog.entries().iter().find(|e| {
                e.link
                    .as_deref()
                    .is_some_and(|l| l.eq_ignore_ascii_case(&link))
            }) {
                let ev = card_evidence(
                    card,
                    repo,
                    "license_link",
                    format!("`license_link` is the text of {}", entry.name),
                );
                return Term::Known(entry.license_ref(), ev);
            }
            if let Some((file, text)) = license_text
                && link_l.trim_start_matches("./").starts_with("license")
                && let Some((entry, phrase)) = catalog.detect(text)
            {
                let ev = Evidence {
                    source: crate::domain::EvidenceSource::LicenseFile,
                    file: Some(format!("{repo}/{file}")),
                    quote: Some(phrase.to_owned()),
                    note: format!(
                        "`license: other` links {link}, whose text is the {}",
                        entry.name
                    ),
                    ..Evidence::default()
                };
                return Term::Known(entry.license_ref(), ev);
            }
        }
        let name = card.license_name().unwrap_or_else(|| "(none)".to_owned());
        return Term::Unknown(card_evidence(
            card,
            repo,
            "license",
            format!(
                "`license: other` with `license_name: {name}`, which the catalog does not know, and no recognisable `license_link`"
            ),
        ));
    }
    if let Some(entry) = catalog.lookup(id) {
        let mut text = format!("the card says `license: {id}`: {}", entry.name);
        if entry.family {
            text.push_str(" (a family of licenses: which one is ambiguous)");
        }
        return Term::Known(
            entry.license_ref(),
            card_evidence(card, repo, "license", text),
        );
    }
    if let Some(expr) = super::parse_lax(id) {
        let ev = card_evidence(
            card,
            repo,
            "license",
            format!("the card says `license: {id}`, read as SPDX `{expr}`"),
        );
        return Term::Known(format!("({expr})"), ev);
    }
    Term::Unknown(card_evidence(
        card,
        repo,
        "license",
        format!("the card says `license: {id}`, which is neither a Hub license id nor SPDX"),
    ))
}

/// The license of a model from everything gathered, with evidence. Pure.
pub fn decide(
    card: &Card,
    tags: &[String],
    repo: &str,
    license_text: Option<&(String, String)>,
    declared: Option<&DeclaredLicense>,
    catalog: &Catalog,
    threshold: f32,
) -> License {
    if let Some(d) = declared {
        let ev = Evidence {
            source: crate::domain::EvidenceSource::Declared,
            file: Some(d.origin.clone()),
            quote: Some(d.expression.clone()),
            note: format!("declared by the project: {}", d.reason),
            ..Evidence::default()
        };
        return License {
            expression: parse_declared(&d.expression, catalog).map(Box::new),
            evidence: vec![ev],
        };
    }
    let mut ids = card.licenses();
    let mut evidence = Vec::new();
    if ids.is_empty() {
        ids = tags
            .iter()
            .filter_map(|t| t.strip_prefix("license:"))
            .map(|s| s.trim().to_ascii_lowercase())
            .collect();
        if !ids.is_empty() {
            evidence.push(note(
                crate::domain::EvidenceSource::HubTags,
                format!(
                    "the Hub tags the repository `license:{}`",
                    ids.join("`, `license:")
                ),
            ));
        }
    }
    if !ids.is_empty() {
        let mut terms = Vec::new();
        let mut unknown = false;
        for id in &ids {
            match map_hub_id(id, card, repo, catalog, license_text) {
                Term::Known(term, ev) => {
                    evidence.push(ev);
                    terms.push(term);
                }
                Term::Unknown(ev) => {
                    evidence.push(ev);
                    unknown = true;
                }
            }
        }
        if !unknown && !terms.is_empty() {
            terms.dedup();
            if ids.len() > 1 {
                evidence.push(note(
                    crate::domain::EvidenceSource::Card,
                    "the card lists several licenses; all are taken to apply (AND)".to_owned(),
                ));
            }
            let expression = super::parse_lax(&terms.join(" AND ")).map(Box::new);
            return License {
                expression,
                evidence,
            };
        }
        if ids.iter().any(|i| i != "other" && i != "unknown") {
            return License::unknown(evidence);
        }
    } else {
        evidence.push(card_evidence(
            card,
            repo,
            "license",
            "the card has no `license`".to_owned(),
        ));
    }
    if let Some((file, text)) = license_text {
        if let Some((entry, phrase)) = catalog.detect(text) {
            evidence.push(Evidence {
                source: crate::domain::EvidenceSource::LicenseFile,
                file: Some(format!("{repo}/{file}")),
                quote: Some(phrase.to_owned()),
                note: format!(
                    "{file} is the {} (it names itself \"{phrase}\")",
                    entry.name
                ),
                ..Evidence::default()
            });
            return License {
                expression: spdx::Expression::parse(&entry.license_ref())
                    .ok()
                    .map(Box::new),
                evidence,
            };
        }
        let d = super::texts::detect_text(text);
        if let Some(id) = d.license.filter(|_| d.score >= threshold) {
            evidence.push(Evidence {
                source: crate::domain::EvidenceSource::LicenseFile,
                file: Some(format!("{repo}/{file}")),
                score: Some((d.score * 1000.0).round() / 1000.0),
                note: format!("{file} detected as {id} with confidence {:.3}", d.score),
                ..Evidence::default()
            });
            return License {
                expression: super::parse_lax(&id).map(Box::new),
                evidence,
            };
        }
        evidence.push(Evidence {
            source: crate::domain::EvidenceSource::LicenseFile,
            file: Some(format!("{repo}/{file}")),
            note: format!("{file} matches no license the catalog or the SPDX list knows"),
            ..Evidence::default()
        });
    }
    if let Some(entry) = catalog.for_repo(repo) {
        evidence.push(note(
            crate::domain::EvidenceSource::Catalog,
            format!(
                "{repo} is one of the vendor's official repositories, published under the {}",
                entry.name
            ),
        ));
        return License {
            expression: spdx::Expression::parse(&entry.license_ref())
                .ok()
                .map(Box::new),
            evidence,
        };
    }
    License::unknown(evidence)
}

/// A declared license: an SPDX expression whose terms may be catalog ids.
pub fn parse_declared(text: &str, catalog: &Catalog) -> Option<spdx::Expression> {
    let mapped: Vec<String> = text
        .split_whitespace()
        .map(|tok| {
            let (open, rest) = tok.split_at(tok.len() - tok.trim_start_matches('(').len());
            let core = rest.trim_end_matches(')');
            let close = &rest[core.len()..];
            let core = match core.to_ascii_uppercase().as_str() {
                "AND" | "OR" | "WITH" => core.to_owned(),
                _ => catalog
                    .lookup(core)
                    .map(|e| e.license_ref())
                    .unwrap_or_else(|| core.to_owned()),
            };
            format!("{open}{core}{close}")
        })
        .collect();
    super::parse_lax(&mapped.join(" "))
}

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

/// The settings resolution needs.
pub struct Settings<'a> {
    pub catalog: &'a Catalog,
    pub threshold: f32,
    pub quiet: bool,
}

struct Job {
    artifact: Artifact,
    depth: usize,
}

/// A resolved model, its lock entry, and its depth in the lineage.
type Outcome = (ResolvedArtifact, Option<lock::Entry>, usize);

fn model_facts(a: &Artifact) -> ModelFacts {
    match &a.facts {
        Facts::Model(m) => m.clone(),
        _ => ModelFacts::new(HubRepo::model(&a.name)),
    }
}

fn resolve_one(
    hub: &Hub,
    lock: &Lock,
    job: &Job,
    settings: &Settings<'_>,
) -> (ResolvedArtifact, Option<lock::Entry>) {
    let facts = model_facts(&job.artifact);
    let repo = facts.repo.clone();
    let rev = facts.revision.clone().unwrap_or_else(|| "main".to_owned());
    let mut g = gather(hub, &repo, &rev);
    let mut artifact = job.artifact.clone();
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
                crate::domain::EvidenceSource::Hub,
                format!("{why}; the declared license applies, and the card's claims and base models were not read"),
            ));
            let mut claims = super::claims::license_claims(&license, settings.catalog);
            claims.extend(user_claim(&facts));
            let resolved = ResolvedArtifact {
                artifact,
                license,
                claims,
                mismatch: None,
                stale_clarifications: Vec::new(),
                model: Some(Box::new(details)),
            };
            return (resolved, None);
        }
        details.unresolved = Some(why.clone());
        let resolved = ResolvedArtifact {
            artifact,
            license: License::unknown(vec![note(crate::domain::EvidenceSource::Hub, why)]),
            claims: Vec::new(),
            mismatch: None,
            stale_clarifications: Vec::new(),
            model: Some(Box::new(details)),
        };
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
                crate::domain::EvidenceSource::Card,
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
            facts.declared_license.as_ref(),
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

    let mut claims = super::claims::card_claims(
        repo.id.as_str(),
        &card.data,
        g.card_text.as_ref().map(|_| card.body.as_str()),
        card.body_line,
    );
    claims.extend(super::claims::license_claims(&license, settings.catalog));
    claims.extend(user_claim(&facts));

    details.card_sha256 = g
        .card_text
        .as_ref()
        .map(|t| format!("{:x}", sha2::Sha256::digest(t.as_bytes())));
    details.card =
        super::card::facts(&card.data, g.card_text.as_ref().map(|_| card.body.as_str())).boxed();
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
    artifact.version = sha;
    (
        ResolvedArtifact::model(artifact, license, claims, details),
        Some(entry),
    )
}

/// `open-source = true` on the model in the project's config.
fn user_claim(facts: &ModelFacts) -> Option<crate::domain::Claim> {
    let origin = facts.labelled_by.as_ref()?;
    Some(crate::domain::Claim {
        by: crate::domain::ClaimBy::User,
        who: "this project".to_owned(),
        label: crate::domain::Label::OpenSource,
        quote: "open-source = true".to_owned(),
        location: origin.clone(),
        subject: None,
        phrase: None,
    })
}

/// A base model as an artifact, referenced by its derivative.
fn base_artifact(base: &str, derivative: &ResolvedArtifact) -> Artifact {
    let mut path = derivative.artifact.path.clone();
    path.push(base.to_owned());
    Artifact {
        id: ArtifactId::new(ArtifactKind::Model, base, "main"),
        name: base.to_owned(),
        version: "main".to_owned(),
        source: derivative.artifact.source.clone(),
        scope: derivative.artifact.scope,
        path,
        references: vec![Reference {
            kind: ReferenceKind::BaseModel,
            file: Some(format!("{}/README.md", derivative.artifact.name)),
            line: None,
            krate: None,
            confidence: Confidence::Declared,
            dev: None,
            via: Vec::new(),
            span: None,
        }],
        facts: Facts::Model(ModelFacts {
            derivative_of: Some(derivative.artifact.name.clone()),
            ..ModelFacts::new(HubRepo::model(base))
        }),
    }
}

/// A model a bound kept from being resolved: unresolved, so it is reported
/// and never passes silently.
fn cut_artifact(artifact: Artifact, why: String) -> ResolvedArtifact {
    let details = ModelDetails {
        unresolved: Some(why.clone()),
        ..ModelDetails::default()
    };
    ResolvedArtifact {
        artifact,
        license: License::unknown(vec![note(crate::domain::EvidenceSource::Bound, why)]),
        claims: Vec::new(),
        mismatch: None,
        stale_clarifications: Vec::new(),
        model: Some(Box::new(details)),
    }
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

/// Runs `work` on every job on at most `workers` threads (at least one, and
/// no more than there are jobs). The jobs are queued on a channel before the
/// workers start; each worker takes the next job, runs it and sends the
/// result back with the job's index. This thread calls `finished` with the
/// count of results after each one (for progress) and returns the results in
/// job order, whichever order the workers finished them in. A panic in
/// `work` ends that worker; the others drain the queue and the panic then
/// propagates.
fn run_bounded<J: Send, R: Send>(
    jobs: Vec<J>,
    workers: usize,
    work: impl Fn(J) -> R + Sync,
    mut finished: impl FnMut(usize),
) -> Vec<R> {
    let n = jobs.len();
    let (job_tx, job_rx) = mpsc::channel();
    for job in jobs.into_iter().enumerate() {
        // The receiver is alive until the end of this function.
        let _ = job_tx.send(job);
    }
    drop(job_tx);
    let job_rx = Mutex::new(job_rx);
    let (result_tx, result_rx) = mpsc::channel::<(usize, R)>();
    let mut results: Vec<Option<R>> = std::iter::repeat_with(|| None).take(n).collect();
    std::thread::scope(|s| {
        for _ in 0..workers.clamp(1, n.max(1)) {
            let result_tx = result_tx.clone();
            let (job_rx, work) = (&job_rx, &work);
            s.spawn(move || {
                loop {
                    // Every job is queued and the sender gone, so `recv`
                    // never waits: it hands out a job or says the queue is
                    // empty. The lock is released before the job runs.
                    let next = job_rx.lock().map(|rx| rx.recv());
                    let Ok(Ok((i, job))) = next else { break };
                    if result_tx.send((i, work(job))).is_err() {
                        break;
                    }
                }
            });
        }
        // The loop below ends when the last worker drops its sender.
        drop(result_tx);
        for (count, (i, result)) in result_rx.iter().enumerate() {
            results[i] = Some(result);
            finished(count + 1);
        }
    });
    // Every job sent its result (a panic would have propagated above).
    // Collected in place: one buffer of results, not two.
    results
        .into_iter()
        .map(|r| r.expect("every queued job sends its result"))
        .collect()
}

/// Resolves every model artifact and the base models they name. Returns the
/// resolved artifacts and the lock entries that describe them.
pub fn resolve_all(
    hub: &Hub,
    lock: &Lock,
    models: Vec<Artifact>,
    settings: &Settings<'_>,
) -> (Vec<ResolvedArtifact>, Vec<lock::Entry>) {
    let mut seen: BTreeSet<HubRepo> = models.iter().map(|a| model_facts(a).repo).collect();
    let mut resolved: Vec<ResolvedArtifact> = Vec::new();
    let mut wave: Vec<Job> = models
        .into_iter()
        .map(|artifact| Job { artifact, depth: 0 })
        .collect();
    let mut entries: Vec<lock::Entry> = Vec::new();
    let mut total = wave.len();
    let mut followed = 0;
    let mut done = 0;
    while !wave.is_empty() {
        let results = run_bounded(
            wave,
            hub.config.concurrency,
            |job: Job| -> Outcome {
                let (ra, entry) = resolve_one(hub, lock, &job, settings);
                (ra, entry, job.depth)
            },
            |finished| progress(settings, done + finished, total),
        );
        done += results.len();
        resolved.reserve(results.len() + 1);
        let mut next = Vec::new();
        for (mut ra, entry, depth) in results {
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
        }
        total += next.len();
        followed += next.len();
        wave = next;
    }
    progress(settings, total, total);
    resolved.sort_by(|a, b| a.artifact.id.cmp(&b.artifact.id));
    (resolved, entries)
}

#[cfg(test)]
mod tests {
    use super::run_bounded;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn results_come_back_in_job_order_with_progress_after_each() {
        let mut seen = Vec::new();
        let out = run_bounded((0..40).collect(), 4, |i: u32| i * 10, |n| seen.push(n));
        assert_eq!(out, (0..40).map(|i| i * 10).collect::<Vec<_>>());
        assert_eq!(seen, (1..=40).collect::<Vec<_>>());
    }

    #[test]
    fn no_more_jobs_run_at_once_than_workers() {
        for workers in [1, 3] {
            let running = AtomicUsize::new(0);
            let most = AtomicUsize::new(0);
            let out = run_bounded(
                (0..24).collect(),
                workers,
                |i: usize| {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    // Long enough for the workers to overlap.
                    std::thread::sleep(std::time::Duration::from_millis(2));
                    running.fetch_sub(1, Ordering::SeqCst);
                    i
                },
                |_| {},
            );
            assert_eq!(out, (0..24).collect::<Vec<_>>());
            let most = most.load(Ordering::SeqCst);
            assert!(
                (1..=workers).contains(&most),
                "{most} jobs ran at once with {workers} workers"
            );
        }
    }

    #[test]
    fn no_jobs_and_zero_workers_are_handled() {
        let none: Vec<u8> = run_bounded(Vec::<u8>::new(), 8, |j| j, |_| panic!("no progress"));
        assert!(none.is_empty());
        // A concurrency of 0 still runs the jobs, on one worker.
        assert_eq!(run_bounded(vec![1, 2], 0, |j: u8| j + 1, |_| {}), [2, 3]);
    }

    #[test]
    fn a_panicking_job_propagates_instead_of_hanging() {
        let ran = AtomicUsize::new(0);
        let outcome = std::panic::catch_unwind(|| {
            run_bounded(
                (0..16).collect(),
                2,
                |i: u32| {
                    ran.fetch_add(1, Ordering::SeqCst);
                    assert_ne!(i, 3, "job 3 fails");
                    i
                },
                |_| {},
            )
        });
        assert!(outcome.is_err());
        // The other worker drained the queue.
        assert_eq!(ran.load(Ordering::SeqCst), 16);
    }
}
