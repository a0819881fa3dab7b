//! What one model's license is judged from, fetched from the Hub or read
//! from the local Hugging Face cache: the commit, the model info, the card
//! and (when the card gives no usable license) the LICENSE text. Offline,
//! only the cache answers; the lock never does. What cannot be gathered is
//! said in one message, and the model stays unresolved.

use super::note;
use crate::domain::{Evidence, EvidenceSource};
use crate::resolve::hub::{Fetched, Hub, HubError, HubRepo, Info, is_commit};

const LICENSE_FILES: [&str; 3] = ["LICENSE", "LICENSE.md", "LICENSE.txt"];

/// What one model's resolution gathered, before any judgement.
#[derive(Default)]
pub(super) struct Gathered {
    pub(super) sha: Option<String>,
    pub(super) info: Option<Info>,
    pub(super) card_text: Option<String>,
    pub(super) license_text: Option<(String, String)>,
    pub(super) notes: Vec<Evidence>,
    pub(super) unresolved: Option<String>,
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
pub(super) fn gather(hub: &Hub, repo: &HubRepo, rev: &str) -> Gathered {
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
            EvidenceSource::Card,
            format!(
                "card body not readable: gated (HTTP {status}); set HF_TOKEN to a token with access"
            ),
        )),
        Err(HubError::NotFound { .. }) => g.notes.push(note(
            EvidenceSource::Card,
            "the repository has no README.md".to_owned(),
        )),
        Err(e) => g.notes.push(note(
            EvidenceSource::Card,
            format!("card body not readable: {e}"),
        )),
    }
    g.sha = Some(sha);
    g.info = Some(info);
    g
}

/// Fetches the repository's LICENSE text when the card gives no usable license.
pub(super) fn fetch_license_text(
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
                EvidenceSource::LicenseFile,
                format!("{name} not readable: gated (HTTP {status}); set HF_TOKEN to a token with access"),
            ));
            None
        }
        Err(e) => {
            notes.push(note(
                EvidenceSource::LicenseFile,
                format!("{name} not readable: {e}"),
            ));
            None
        }
    }
}
