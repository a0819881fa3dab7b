//! Confirming untraced literals on the Hub (`[scan] confirm-untraced =
//! true`, or `--confirm-untraced`). An id-shaped literal in a crate that
//! calls the Hub, which no Hub call was traced to, is listed as `untraced`
//! and not audited: it may be a model the code loads in a way the analysis
//! does not follow, or only a string that looks like one. With the opt-in,
//! and online, the tool's Hub client asks the model-info endpoint of each
//! such repository (at most [`MAX_CONFIRMATIONS`] a run, `[hub]
//! concurrency` at once, with its timeouts, retries and size bounds):
//!
//! - 200: the repository exists. The literal becomes a found model
//!   (reference `hub-confirmed`) and is resolved like any other.
//! - 404: no such repository; 401/403: private or not visible to the token.
//!   The literal stays unaudited, with the answer as its reason.
//! - No answer (network, 5xx after retries, an answer that is not the
//!   Hub's): it stays unaudited with the error as its reason, and a warning
//!   says so. It is never taken as allowed.
//!
//! The answers are recorded in model-audit.lock (`[[untraced]]`, with the
//! day), and every run reads them, offline too, so later runs audit the same
//! models without asking. The lock is the project's file, so a record only
//! adds: `exists` makes the literal a model (which must then resolve, or is
//! `model-unresolved`), while `absent` or `refused` leaves it unaudited, as it
//! would be without the record, and online with the opt-in is asked again.
//! `--offline` and `HF_HUB_OFFLINE=1` never make a request.

use super::hub::{Hub, HubError, HubRepo};
use super::lock::{Confirmation, Lock, OnHub};
use crate::discover::Inventory;
use crate::discover::confirmed;
use std::collections::{HashMap, HashSet};

/// The most untraced literals one run asks the Hub about; the others stay
/// unaudited and say why.
pub const MAX_CONFIRMATIONS: usize = 64;

/// What the run may do.
pub struct Settings<'a> {
    /// The opt-in: ask the Hub (online only).
    pub ask: bool,
    /// Ask again about repositories the lock records as existing too
    /// (`update` without names, which records anew).
    pub refresh: bool,
    /// The client, when the run may make requests; `None` when it is
    /// offline or did not opt in.
    pub hub: Option<&'a Hub>,
    /// Today, `YYYY-MM-DD`, for the records.
    pub today: String,
}

/// What confirming did.
#[derive(Debug, Default)]
pub struct Confirmed {
    /// Every repository an untraced literal named (before any became a
    /// model): the lock keeps records only for these.
    pub named: Vec<HubRepo>,
    /// The Hub's answers of this run, for the lock.
    pub answers: Vec<Confirmation>,
    /// Literals that stay unaudited because the Hub could not be asked or
    /// did not answer: one line each, for stderr.
    pub warnings: Vec<String>,
}

/// Why a literal stays unaudited, after the question.
#[derive(Clone)]
enum Left {
    /// 404.
    Absent,
    /// 401 or 403, with the status.
    Refused(u16),
    /// No answer, and why.
    Failed(String),
    Bound,
    Recorded(OnHub, String),
    Offline,
}

/// Asks (when allowed) and applies the answers, this run's and the lock's:
/// the confirmed literals become models of `inventory`, the others keep
/// their place on the unaudited list with the reason added.
pub fn confirm(inventory: &mut Inventory, lock: &Lock, settings: &Settings<'_>) -> Confirmed {
    let named = confirmed::candidates(inventory);
    let mut out = Confirmed {
        named: named.clone(),
        ..Confirmed::default()
    };
    if named.is_empty() {
        return out;
    }
    let recorded = |repo: &HubRepo| lock.confirmation(repo);
    let to_ask: Vec<HubRepo> = match settings.hub {
        Some(_) if settings.ask => named
            .iter()
            .filter(|r| settings.refresh || recorded(r).is_none_or(|c| c.hub != OnHub::Exists))
            .cloned()
            .collect(),
        _ => Vec::new(),
    };
    let over: HashSet<HubRepo> = to_ask.iter().skip(MAX_CONFIRMATIONS).cloned().collect();
    let asked: Vec<HubRepo> = to_ask.into_iter().take(MAX_CONFIRMATIONS).collect();
    let replies = match settings.hub {
        Some(hub) if !asked.is_empty() => crate::parallel::bounded(
            asked.clone(),
            hub.config.concurrency,
            |repo: HubRepo| hub.info(&repo, "main"),
            |_| {},
        ),
        _ => Vec::new(),
    };
    // Per repository asked: `Ok(None)` it exists, `Ok(Some(why))` it does
    // not or may not be seen, `Err` no answer.
    let fresh: HashMap<HubRepo, Result<Option<Left>, String>> = asked
        .into_iter()
        .zip(replies)
        .map(|(repo, reply)| {
            let answer = match reply {
                Ok(_) => Ok(None),
                // The repository is there; its `main` is not (resolution
                // says so).
                Err(HubError::NotFound { code }) if code == "RevisionNotFound" => Ok(None),
                Err(HubError::NotFound { .. }) => Ok(Some(Left::Absent)),
                Err(HubError::Gated { status }) => Ok(Some(Left::Refused(status))),
                Err(other) => Err(other.to_string()),
            };
            (repo, answer)
        })
        .collect();
    let mut exists: HashSet<HubRepo> = HashSet::new();
    let mut left: HashMap<HubRepo, Left> = HashMap::new();
    for repo in &named {
        let record = recorded(repo);
        match (fresh.get(repo), record) {
            (Some(Ok(answer)), _) => {
                out.answers.push(Confirmation {
                    id: repo.id.to_string(),
                    hub: match answer {
                        None => OnHub::Exists,
                        Some(Left::Refused(_)) => OnHub::Refused,
                        Some(_) => OnHub::Absent,
                    },
                    checked: settings.today.clone(),
                });
                if let Some(why) = answer {
                    left.insert(repo.clone(), why.clone());
                } else {
                    exists.insert(repo.clone());
                }
            }
            // Not asked, or no answer: the lock's record adds the model.
            (_, Some(c)) if c.hub == OnHub::Exists => {
                exists.insert(repo.clone());
            }
            (Some(Err(why)), _) => {
                out.warnings.push(format!(
                    "{} could not be confirmed on the Hub, so it stays unaudited: {why}",
                    repo.id
                ));
                left.insert(repo.clone(), Left::Failed(why.clone()));
            }
            (None, _) if over.contains(repo) => {
                left.insert(repo.clone(), Left::Bound);
            }
            (None, Some(c)) => {
                left.insert(repo.clone(), Left::Recorded(c.hub, c.checked.clone()));
            }
            (None, None) if settings.ask && settings.hub.is_none() => {
                left.insert(repo.clone(), Left::Offline);
            }
            (None, None) => {}
        }
    }
    if !over.is_empty() {
        out.warnings.push(format!(
            "{} untraced literals were not confirmed on the Hub and stay unaudited: one run asks about at most {MAX_CONFIRMATIONS}",
            over.len()
        ));
    }
    for loose in &mut inventory.loose {
        let Some(repo) = confirmed::candidate(loose) else {
            continue;
        };
        if let Some(why) = left.get(&repo) {
            loose.why = format!("{}; {}", loose.why, reason(&repo, why));
        }
    }
    confirmed::adopt(inventory, &exists);
    out
}

fn reason(repo: &HubRepo, left: &Left) -> String {
    match left {
        Left::Absent => format!("the Hub has no repository {}", repo.id),
        Left::Refused(status) => format!(
            "the Hub refused to say whether {} exists (HTTP {status}): a private repository, or one the token cannot see; set HF_TOKEN to a token with access",
            repo.id
        ),
        Left::Failed(why) => format!("not confirmed, the Hub did not answer: {why}"),
        Left::Bound => format!(
            "not confirmed: one run asks the Hub about at most {MAX_CONFIRMATIONS} untraced literals"
        ),
        Left::Recorded(on_hub, day) => format!(
            "model-audit.lock records the Hub's answer of {day}: {}",
            match on_hub {
                OnHub::Absent => "no such repository",
                _ => "refused (private, or not visible to the token)",
            }
        ),
        Left::Offline => {
            "not confirmed: the run is offline and model-audit.lock records no answer for it"
                .to_owned()
        }
    }
}
