//! Whose policy it is. A policy you pass (`--config`, `--policy`) is yours;
//! the audited project may still add to it (its `model-audit.toml` under
//! `--policy`, license overrides in its members' manifests), and what it
//! adds may be weaker than what you asked for. Every such relaxation goes
//! through [`Ownership::relax`], which records it (file, line, what it
//! weakens) for a `project-policy` finding and says whether it applies:
//! by default it does, and is shown; with `--no-project-policy` (or
//! `MODEL_AUDIT_NO_PROJECT_POLICY=1`) it does not, and is shown as ignored.
//! Without a policy of yours, the project's config is the policy and
//! nothing is recorded.

use super::{Action, DepScan, LintLevel, MemberAction, Policy, UnknownAction};
use std::sync::{Arc, Mutex};

/// The variable of the user's environment that turns project-side policy
/// off, like `--no-project-policy`.
pub const NO_PROJECT_POLICY: &str = "MODEL_AUDIT_NO_PROJECT_POLICY";

/// One thing the project weakens in the user's policy.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Relaxation {
    /// The project's file, as reports show paths.
    pub file: String,
    pub line: Option<u32>,
    /// The key that writes it (`lints.open-washing`, `models[0].license`).
    pub key: String,
    /// What it does to the user's policy, in one sentence without a subject.
    pub what: String,
    /// Whether it applies (false: ignored under `--no-project-policy`).
    pub applied: bool,
    /// For a lint level: the code and the project's level, so that a level
    /// the user sets on the command line (`-D`, `-W`, `-A`), which wins,
    /// hides the record.
    pub lint: Option<(crate::domain::Code, LintLevel)>,
}

/// Whether project-side relaxations apply, and the record of them.
#[derive(Debug, Clone, Default)]
pub struct Ownership {
    /// The user passed a policy (or turned project policy off): what the
    /// project weakens is recorded.
    pub users: bool,
    /// `--no-project-policy`: what the project weakens does not apply.
    pub project_off: bool,
    ledger: Arc<Mutex<Vec<Relaxation>>>,
}

impl Ownership {
    pub fn new(users: bool, project_off: bool) -> Ownership {
        Ownership {
            users: users || project_off,
            project_off,
            ledger: Arc::default(),
        }
    }

    /// The one door for project-side relaxations of the user's policy:
    /// records `r` when the policy is the user's, and says whether it
    /// applies.
    pub fn relax(&self, file: &str, line: Option<u32>, key: &str, what: String) -> bool {
        self.record(file, line, key, what, None)
    }

    fn record(
        &self,
        file: &str,
        line: Option<u32>,
        key: &str,
        what: String,
        lint: Option<(crate::domain::Code, LintLevel)>,
    ) -> bool {
        if !self.users {
            return true;
        }
        let applied = !self.project_off;
        let r = Relaxation {
            file: file.to_owned(),
            line,
            key: key.to_owned(),
            what,
            applied,
            lint,
        };
        let mut ledger = self.ledger.lock().unwrap_or_else(|e| e.into_inner());
        if !ledger.contains(&r) {
            ledger.push(r);
        }
        applied
    }

    /// Every relaxation recorded, sorted.
    pub fn relaxations(&self) -> Vec<Relaxation> {
        let mut all = self
            .ledger
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        all.sort();
        all
    }
}

/// Where the project's layer writes a key.
pub(super) struct Place<'a> {
    pub file: &'a str,
    pub line: &'a dyn Fn(&str) -> Option<u32>,
}

/// Compares the policy with the project's layer (`full`) against the
/// user's own (`user`), field by field: every field where the project's is
/// weaker goes through [`Ownership::relax`], and when that says no, the
/// user's value is put back. The destructuring names every field, so a new
/// one cannot be added without deciding here whether it can weaken.
pub(super) fn reconcile(user: &Policy, full: &mut Policy, at: &Place<'_>) {
    let owner = full.ownership.clone();
    let relax = |key: &str, what: String| owner.relax(at.file, (at.line)(key), key, what);
    let Policy {
        name: _,
        allow,
        deny,
        unknown,
        confidence_threshold,
        include_dev,
        include_build,
        skip_unpublished,
        include_workspace,
        allow_origin: _,
        lints,
        clarify,
        definition,
        washing,
        enforce_weaker_labels,
        enforce_implicit,
        restrictions,
        exceptions,
        models,
        hub,
        scan,
        config_path: _,
        ownership: _,
    } = full;

    let same = |a: &spdx::Licensee, b: &spdx::Licensee| a.to_string() == b.to_string();
    let mut i = 0;
    allow.retain(|e| {
        let key = format!("licenses.allow[{i}]");
        i += 1;
        user.allow.iter().any(|u| same(&u.licensee, &e.licensee))
            || relax(
                &key,
                format!("allows `{}`, which your policy does not allow", e.written),
            )
    });
    for u in &user.deny {
        if !deny.iter().any(|e| same(&u.licensee, &e.licensee))
            && !relax(
                "licenses.deny",
                format!("drops `{}` from your policy's deny list", u.written),
            )
        {
            deny.push(u.clone());
        }
    }
    if *unknown == UnknownAction::Warn
        && user.unknown == UnknownAction::Deny
        && !relax(
            "licenses.unknown",
            "makes an unknown license a warning, where your policy makes it an error".into(),
        )
    {
        *unknown = user.unknown;
    }
    if *confidence_threshold < user.confidence_threshold
        && !relax(
            "licenses.confidence-threshold",
            format!(
                "accepts detected licenses from a score of {confidence_threshold}, below your policy's {}",
                user.confidence_threshold
            ),
        )
    {
        *confidence_threshold = user.confidence_threshold;
    }
    for (mine, theirs, key, what) in [
        (
            include_dev,
            user.include_dev,
            "licenses.include-dev",
            "stops judging dev-dependencies",
        ),
        (
            include_build,
            user.include_build,
            "licenses.include-build",
            "stops judging build-dependencies",
        ),
    ] {
        if !*mine && theirs && !relax(key, what.into()) {
            *mine = theirs;
        }
    }
    if *skip_unpublished
        && !user.skip_unpublished
        && !relax(
            "licenses.skip-unpublished",
            "stops judging unpublished workspace crates".into(),
        )
    {
        *skip_unpublished = false;
    }
    if *include_workspace == MemberAction::Warn
        && user.include_workspace == MemberAction::Deny
        && !relax(
            "licenses.include-workspace",
            "makes an unlicensed published member a warning, where your policy makes it an error"
                .into(),
        )
    {
        *include_workspace = user.include_workspace;
    }

    let rank = |l: Option<&LintLevel>| match l {
        Some(LintLevel::Allow) => 0,
        Some(LintLevel::Warn) => 1,
        // No level: the rules decide, up to an error.
        None | Some(LintLevel::Deny) => 2,
    };
    lints.retain(|code, level| {
        let theirs = user.lints.get(code);
        if rank(Some(level)) >= rank(theirs) {
            return true;
        }
        let what = match level {
            LintLevel::Allow => format!("drops every `{code}` finding"),
            _ => format!("lowers every `{code}` finding to a warning"),
        };
        let key = format!("lints.{code}");
        if owner.record(at.file, (at.line)(&key), &key, what, Some((*code, *level))) {
            return true;
        }
        match theirs {
            Some(t) => {
                *level = *t;
                true
            }
            None => false,
        }
    });

    let mut i = 0;
    clarify.retain(|c| {
        let key = format!("licenses.clarify[{i}]");
        i += 1;
        user.clarify
            .iter()
            .any(|u| u.krate == c.krate && u.expression.to_string() == c.expression.to_string())
            || relax(
                &format!("{key}.crate"),
                format!(
                    "declares the license of crate `{}` as `{}`",
                    c.krate, c.expression
                ),
            )
    });

    if *definition != user.definition
        && !relax(
            "open-source.definition",
            format!(
                "judges open-source labels by `{}` instead of your policy's `{}`",
                definition.as_str(),
                user.definition.as_str()
            ),
        )
    {
        *definition = user.definition.clone();
    }
    if *washing < user.washing
        && !relax(
            "open-source.action",
            "makes open-washing a warning, where your policy makes it an error".into(),
        )
    {
        *washing = user.washing;
    }
    for (mine, theirs, key) in [
        (
            enforce_weaker_labels,
            user.enforce_weaker_labels,
            "open-source.weaker-labels",
        ),
        (
            enforce_implicit,
            user.enforce_implicit,
            "open-source.implicit",
        ),
    ] {
        if !*mine && theirs && !relax(key, "stops enforcing what your policy enforces".into()) {
            *mine = theirs;
        }
    }
    for (class, theirs) in &user.restrictions {
        let mine = restrictions.get(class).copied().unwrap_or(Action::Allow);
        if mine < *theirs
            && !relax(
                &format!("restrictions.{}", class.as_str()),
                format!(
                    "lowers the `{}` restriction from {theirs:?} to {mine:?}",
                    class.as_str()
                )
                .to_lowercase(),
            )
        {
            restrictions.insert(*class, *theirs);
        }
    }

    let mut i = 0;
    exceptions.retain(|e| {
        let key = format!("exceptions[{i}].artifact");
        i += 1;
        user.exceptions
            .iter()
            .any(|u| u.artifact == e.artifact && u.reason == e.reason)
            || relax(
                &key,
                format!(
                    "exempts `{}` (allows {}): \"{}\"",
                    e.artifact,
                    e.allow
                        .iter()
                        .map(|a| format!("`{}`", a.written))
                        .collect::<Vec<_>>()
                        .join(", "),
                    e.reason
                ),
            )
    });
    for (i, m) in models.iter_mut().enumerate() {
        let Some((license, reason)) = &m.license else {
            continue;
        };
        let theirs = user
            .models
            .iter()
            .any(|u| u.id.eq_ignore_ascii_case(&m.id) && u.license == m.license);
        if !theirs
            && !relax(
                &format!("models[{i}].license"),
                format!(
                    "declares the license of `{}` as `{license}`, over what the Hub says: \"{reason}\"",
                    m.id
                ),
            )
        {
            m.license = None;
        }
    }

    if hub.unresolved == UnknownAction::Warn
        && user.hub.unresolved == UnknownAction::Deny
        && !relax(
            "hub.unresolved",
            "makes an unresolved model a warning, where your policy makes it an error".into(),
        )
    {
        hub.unresolved = user.hub.unresolved;
    }
    let dirs = [
        (&mut scan.dirs.src, user.scan.dirs.src, "scan.src"),
        (&mut scan.dirs.build, user.scan.dirs.build, "scan.build"),
        (
            &mut scan.dirs.examples,
            user.scan.dirs.examples,
            "scan.examples",
        ),
        (
            &mut scan.dirs.benches,
            user.scan.dirs.benches,
            "scan.benches",
        ),
        (&mut scan.dirs.tests, user.scan.dirs.tests, "scan.tests"),
        (
            &mut scan.dirs.configs,
            user.scan.dirs.configs,
            "scan.configs",
        ),
        (&mut scan.weights, user.scan.weights, "scan.weights"),
        (
            &mut scan.confirm_untraced,
            user.scan.confirm_untraced,
            "scan.confirm-untraced",
        ),
    ];
    for (mine, theirs, key) in dirs {
        if !*mine
            && theirs
            && !relax(
                key,
                format!("stops looking for models where your policy looks (`{key}`)"),
            )
        {
            *mine = theirs;
        }
    }
    if scan.min_confidence > user.scan.min_confidence
        && !relax(
            "scan.min-confidence",
            format!(
                "audits only references of {:?} confidence or more, where your policy audits from {:?}",
                scan.min_confidence, user.scan.min_confidence
            )
            .to_lowercase(),
        )
    {
        scan.min_confidence = user.scan.min_confidence;
    }
    let reach = |d: DepScan| match d {
        DepScan::Off => 0,
        DepScan::Used => 1,
        DepScan::All => 2,
    };
    if reach(scan.dependencies) < reach(user.scan.dependencies)
        && !relax(
            "scan.dependencies",
            format!(
                "reads {:?} of the dependencies' models, where your policy reads {:?}",
                scan.dependencies, user.scan.dependencies
            )
            .to_lowercase(),
        )
    {
        scan.dependencies = user.scan.dependencies;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    fn policy(text: &str) -> Policy {
        super::super::from_toml_str(text, Catalog::builtin()).unwrap()
    }

    /// Weighs `project` against `user`: the keys recorded, and the policy
    /// that applies with project policy on and off.
    fn weigh(user: &str, project: &str, off: bool) -> (Vec<String>, Policy) {
        let user = policy(user);
        let mut full = policy(project);
        full.ownership = Ownership::new(true, off);
        let line = |_: &str| Some(1);
        reconcile(
            &user,
            &mut full,
            &Place {
                file: "model-audit.toml",
                line: &line,
            },
        );
        let keys = full
            .ownership
            .relaxations()
            .into_iter()
            .map(|r| {
                assert_eq!(r.applied, !off);
                r.key
            })
            .collect();
        (keys, full)
    }

    #[test]
    fn each_weakening_is_recorded_and_undone_when_off() {
        let user = "[licenses]\nallow = [\"MIT\"]\ndeny = [\"GPL-3.0-only\"]\ninclude-dev = true\n\
                    [open-source]\nweaker-labels = \"enforce\"\n\
                    [restrictions]\nnon-commercial = \"deny\"\n\
                    [lints]\nlicense-mismatch = \"warn\"\n\
                    [scan]\ndependencies = \"all\"\nconfirm-untraced = true\n";
        let cases: &[(&str, &[&str])] = &[
            (
                "[licenses]\nallow = [\"MIT\", \"Zlib\"]\n",
                &["licenses.allow[1]"],
            ),
            (
                "[licenses]\nallow = [\"MIT\"]\ndeny = []\n",
                &["licenses.deny"],
            ),
            ("[licenses]\nunknown = \"warn\"\n", &["licenses.unknown"]),
            (
                "[licenses]\nconfidence-threshold = 0.1\n",
                &["licenses.confidence-threshold"],
            ),
            (
                "[licenses]\ninclude-dev = false\n",
                &["licenses.include-dev"],
            ),
            (
                "[licenses]\nskip-unpublished = true\n",
                &["licenses.skip-unpublished"],
            ),
            (
                "[open-source]\naction = \"warn\"\n",
                &["open-source.action"],
            ),
            (
                "[open-source]\ndefinition = \"fsf\"\n",
                &["open-source.definition"],
            ),
            (
                "[open-source]\nweaker-labels = \"report\"\n",
                &["open-source.weaker-labels"],
            ),
            (
                "[restrictions]\nnon-commercial = \"warn\"\n",
                &["restrictions.non-commercial"],
            ),
            (
                "[lints]\nlicense-mismatch = \"allow\"\nopen-washing = \"warn\"\n",
                &["lints.license-mismatch", "lints.open-washing"],
            ),
            (
                "[[exceptions]]\nartifact = \"x\"\nallow = [\"MIT\"]\nreason = \"r\"\n",
                &["exceptions[0].artifact"],
            ),
            (
                "[[licenses.clarify]]\ncrate = \"x\"\nexpression = \"MIT\"\n",
                &["licenses.clarify[0].crate"],
            ),
            (
                "[[models]]\nid = \"a/b\"\nlicense = \"MIT\"\nreason = \"r\"\n",
                &["models[0].license"],
            ),
            ("[hub]\nunresolved = \"warn\"\n", &["hub.unresolved"]),
            (
                "[scan]\ntests = false\nweights = false\n",
                &["scan.tests", "scan.weights"],
            ),
            (
                "[scan]\nmin-confidence = \"high\"\n",
                &["scan.min-confidence"],
            ),
            ("[scan]\ndependencies = \"used\"\n", &["scan.dependencies"]),
            (
                "[scan]\nconfirm-untraced = false\n",
                &["scan.confirm-untraced"],
            ),
            // Stricter, or the same: nothing.
            (
                "[licenses]\nallow = []\ndeny = [\"GPL-3.0-only\", \"MPL-2.0\"]\n",
                &[],
            ),
            (
                "[lints]\nunpinned-model = \"deny\"\nlicense-mismatch = \"warn\"\n",
                &[],
            ),
        ];
        for (project, want) in cases {
            // The project's text laid over the user's, as the layers merge.
            let mut merged: toml::Table = toml::from_str(user).unwrap();
            super::super::merge_tables(&mut merged, toml::from_str(project).unwrap());
            let merged = toml::to_string(&merged).unwrap();
            let (keys, _) = weigh(user, &merged, false);
            assert_eq!(keys, *want, "{project}");
            let (keys, kept) = weigh(user, &merged, true);
            assert_eq!(keys, *want, "{project}");
            // Off: weighing the result again finds nothing to record.
            let mut check = kept.clone();
            check.ownership = Ownership::new(true, false);
            let line = |_: &str| None;
            reconcile(
                &policy(user),
                &mut check,
                &Place {
                    file: "f",
                    line: &line,
                },
            );
            assert!(
                check.ownership.relaxations().is_empty(),
                "{project}: {:?}",
                check.ownership.relaxations()
            );
        }
    }

    #[test]
    fn without_a_policy_of_the_users_nothing_is_recorded() {
        let owner = Ownership::new(false, false);
        assert!(owner.relax("f", Some(1), "k", "w".into()));
        assert!(owner.relaxations().is_empty());
        let off = Ownership::new(false, true);
        assert!(!off.relax("f", Some(1), "k", "w".into()));
        assert_eq!(off.relaxations().len(), 1);
    }
}
