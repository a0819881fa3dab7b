//! The inventory: every artifact the project depends on, each with the
//! references that bring it in. Crates come from the Cargo graph; models
//! come from declarations, source, weight files and the hub cache.

pub mod confirmed;
pub mod exports;
pub mod files;
pub mod flow;
pub mod source;
pub mod tables;
pub mod weights;

use crate::domain::hub::{HubRepo, RepoId, valid_repo_id};
use crate::domain::{
    Artifact, ArtifactKind, Confidence, CrateFacts, DeclaredLicense, Facts, Interner,
    LooseReference, ModelFacts, Reference, ReferenceKind, Scope, SharedStr, WeightFacts,
};
use crate::error::Result;
use crate::policy::{ModelDecl, Policy};

use crate::workspace::Workspace;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::path::{Path, PathBuf};

/// Everything found, before any license is known.
#[derive(Debug)]
pub struct Inventory {
    pub workspace_root: PathBuf,
    pub target_dir: PathBuf,
    pub artifacts: Vec<Artifact>,
    /// References that did not become artifacts (run-time ids, low confidence).
    pub loose: Vec<LooseReference>,
}

/// What discovery needs beyond the graph and the policy.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Add the models in the local Hugging Face cache.
    pub include_hf_cache: bool,
    pub hf_cache_dir: PathBuf,
}

fn relative(path: &Path, root: &Path) -> String {
    crate::workspace::show_path(path, root)
}

/// Builds the inventory: the Cargo graph, the declared models, the models
/// named in the members' source and config files, the weight files in the
/// workspace, and (if asked) the models in the local Hugging Face cache.
pub fn inventory(ws: &Workspace, policy: &Policy, options: &Options) -> Result<Inventory> {
    inventory_with(ws, policy, options, None)
}

/// [`inventory`], with the members' scans that [`prescan`] started.
pub fn inventory_with(
    ws: &Workspace,
    policy: &Policy,
    options: &Options,
    members: Option<MemberScans>,
) -> Result<Inventory> {
    let declared = &policy.models;
    // The packages on artifacts' paths, each stored once.
    let mut paths = Interner::default();
    let mut artifacts = Vec::with_capacity(ws.crates.len());
    for node in &ws.crates {
        let pkg = &node.package;
        let name_ver = format!("{}@{}", pkg.name, pkg.version);
        let mut references: Vec<Reference> = node
            .dependents
            .iter()
            .map(|d| Reference {
                kind: match d.scope {
                    Scope::Normal => ReferenceKind::Dependency,
                    Scope::Build => ReferenceKind::BuildDependency,
                    Scope::Dev => ReferenceKind::DevDependency,
                },
                file: Some(relative(&d.manifest, &ws.root).into()),
                line: d.span.as_ref().map(|s| s.line),
                krate: Some(d.name.clone().into()),
                confidence: Confidence::Declared,
                dev: None,
                via: Vec::new(),
                span: d.span.clone().map(Box::new),
            })
            .collect();
        if node.member {
            references.insert(
                0,
                Reference {
                    kind: ReferenceKind::WorkspaceMember,
                    file: Some(relative(pkg.manifest_path.as_std_path(), &ws.root).into()),
                    line: node.license_span.as_ref().map(|s| s.line),
                    krate: Some(name_ver.clone().into()),
                    confidence: Confidence::Declared,
                    dev: None,
                    via: Vec::new(),
                    span: node.license_span.clone().map(Box::new),
                },
            );
        }
        references.sort_by(|a, b| (&a.krate, &a.kind).cmp(&(&b.krate, &b.kind)));
        artifacts.push(Artifact {
            id: crate::domain::ArtifactId::new(
                ArtifactKind::Crate,
                pkg.name.as_str(),
                &pkg.version.to_string(),
            ),
            name: pkg.name.to_string().into(),
            version: pkg.version.to_string().into(),
            source: pkg.source.as_ref().map(|s| s.repr.clone()),
            scope: node.scope,
            path: node.path.iter().map(|p| paths.get(p)).collect(),
            references,
            facts: Facts::Crate(Box::new(CrateFacts {
                manifest_path: pkg.manifest_path.clone().into_std_path_buf(),
                license: pkg.license.clone(),
                license_file: pkg.license_file.as_ref().map(|p| p.to_string()),
                description: pkg.description.clone(),
                keywords: pkg.keywords.clone(),
                categories: pkg.categories.clone(),
                workspace_member: node.member,
                unpublished: matches!(&pkg.publish, Some(list) if list.is_empty()),
            })),
        });
    }
    let mut models: Vec<Artifact> = Vec::new();
    for decl in declared {
        let origin = relative(Path::new(&decl.origin), &ws.root);
        add_model(
            &mut models,
            &Named::declared(decl),
            &origin,
            None,
            vec![decl.id.as_str().into()],
        );
    }
    for node in ws.crates.iter().filter(|n| n.member) {
        let pkg = &node.package;
        let manifest = relative(pkg.manifest_path.as_std_path(), &ws.root);
        let name_ver = format!("{}@{}", pkg.name, pkg.version);
        for decl in crate::policy::package_models(
            &pkg.metadata,
            &manifest,
            pkg.manifest_path.as_std_path(),
            policy,
        )? {
            let path = vec![paths.get(&name_ver), decl.id.as_str().into()];
            add_model(
                &mut models,
                &Named::declared(&decl),
                &manifest,
                Some(name_ver.as_str().into()),
                path,
            );
        }
    }
    let cache_dir = crate::cache::dir(&ws.root);
    let mut loose = Vec::new();
    let mut index = FoundIndex::of(&models);
    let known = dependency_sinks(ws, policy, cache_dir.as_deref());
    let found = scan_sources(
        ws,
        policy,
        cache_dir.as_deref(),
        members,
        &known,
        &mut loose,
    );
    if policy.scan.dependencies != crate::policy::DepScan::Off {
        dependencies_not_read(ws, &known, &mut loose);
    }
    for (decl, reference, dep) in found {
        let mut path = vec![reference.krate.clone().unwrap_or_default()];
        path.extend(dep.map(|d| paths.get(&d)));
        path.push(decl.repo.id.to_string().into());
        add_found(&mut models, &mut index, &decl, reference, path);
    }
    if policy.scan.dependencies != crate::policy::DepScan::Off {
        for (decl, reference, scope, path) in
            dependency_models(ws, policy, cache_dir.as_deref(), &mut paths)
        {
            add_found_in(&mut models, &mut index, &decl, reference, scope, path);
        }
    }
    if policy.scan.weights {
        let (weights, stopped_at) = weight_artifacts(ws, cache_dir.as_deref());
        if let Some(dir) = stopped_at {
            loose.push(weights_not_looked_for(ws, &dir));
        }
        for weight in weights {
            if let Facts::WeightFile(w) = &weight.facts
                && let Ok(meta) = &w.meta
            {
                for repo in &meta.hub_repos {
                    let decl = Named {
                        repo: HubRepo::new(RepoId::checked(repo), false),
                        labelled: false,
                        revision: None,
                        license: None,
                        span: None,
                    };
                    let reference = Reference {
                        kind: ReferenceKind::WeightMetadata,
                        file: Some(w.relative.clone().into()),
                        line: None,
                        krate: None,
                        confidence: Confidence::High,
                        dev: None,
                        via: Vec::new(),
                        span: None,
                    };
                    add_found(
                        &mut models,
                        &mut index,
                        &decl,
                        reference,
                        vec![w.relative.as_str().into(), repo.as_str().into()],
                    );
                }
            }
            models.push(weight);
        }
    }
    if options.include_hf_cache {
        for (decl, reference) in hf_cache_models(&options.hf_cache_dir) {
            let path = vec![decl.repo.id.to_string().into()];
            add_found(&mut models, &mut index, &decl, reference, path);
        }
    }
    artifacts.extend(models);
    loose.sort_by(|a, b| {
        (&a.reference.file, a.reference.line, &a.id).cmp(&(
            &b.reference.file,
            b.reference.line,
            &b.id,
        ))
    });
    Ok(Inventory {
        workspace_root: ws.root.clone(),
        target_dir: ws.target_dir.clone(),
        artifacts,
        loose,
    })
}

/// Where each model's artifacts are (one per revision), by id, and which
/// references each already has, so that adding a discovered reference takes
/// constant time however many a workspace holds.
#[derive(Default)]
struct FoundIndex {
    by_id: HashMap<HubRepo, Vec<usize>>,
    /// (artifact, hash of a reference) -> where the artifact's first
    /// reference with that hash is in its list: a few words per reference,
    /// however long its text.
    references: HashMap<(usize, u64), usize>,
    hasher: std::hash::RandomState,
}

impl FoundIndex {
    fn of(models: &[Artifact]) -> FoundIndex {
        let mut index = FoundIndex::default();
        for (i, a) in models.iter().enumerate() {
            if let Facts::Model(m) = &a.facts {
                index.by_id.entry(m.repo.clone()).or_default().push(i);
            }
            for (at, r) in a.references.iter().enumerate() {
                index
                    .references
                    .entry((i, index.hasher.hash_one(r)))
                    .or_insert(at);
            }
        }
        index
    }

    /// Whether `reference` is new to artifact `i`, whose references are
    /// `have`; a new one is recorded as the next of them. Equal hashes are
    /// compared in full: a collision never drops a reference.
    fn is_new(&mut self, i: usize, have: &[Reference], reference: &Reference) -> bool {
        let key = (i, self.hasher.hash_one(reference));
        match self.references.get(&key) {
            Some(&at) => have.get(at) != Some(reference) && !have.contains(reference),
            None => {
                self.references.insert(key, have.len());
                true
            }
        }
    }
}

/// A reference found by scanning: one artifact per model revision. It joins
/// the artifact of the same model and revision; a reference that names no
/// revision joins the model's first artifact (a declaration's revision
/// wins); a new revision is a new artifact.
///
/// The model's scope is the best of its references' scopes: a reference in
/// code that does not ship (`dev` set) is dev, and one in a dependency's
/// source has that dependency's scope ([`dependency_models`]).
fn add_found(
    models: &mut Vec<Artifact>,
    index: &mut FoundIndex,
    decl: &Named,
    reference: Reference,
    path: Vec<SharedStr>,
) {
    let scope = place_scope(reference.dev.as_deref());
    add_found_in(models, index, decl, reference, scope, path);
}

/// The scope of a reference in a workspace crate's code: dev when the code
/// does not ship.
fn place_scope(dev: Option<&str>) -> Scope {
    if dev.is_some() {
        Scope::Dev
    } else {
        Scope::Normal
    }
}

/// [`add_found`], with the scope of the reference given: a better scope than
/// the model's so far replaces it, and the path with it.
fn add_found_in(
    models: &mut Vec<Artifact>,
    index: &mut FoundIndex,
    decl: &Named,
    reference: Reference,
    scope: Scope,
    path: Vec<SharedStr>,
) {
    let key = decl.repo.clone();
    let revision_of = |a: &Artifact| match &a.facts {
        Facts::Model(m) => m.revision.clone(),
        _ => None,
    };
    let found = index.by_id.get(&key).and_then(|same_model| {
        same_model
            .iter()
            .copied()
            .find(|&i| revision_of(&models[i]) == decl.revision)
            .or_else(|| {
                decl.revision
                    .is_none()
                    .then(|| same_model.first().copied())
                    .flatten()
            })
    });
    if let Some(i) = found {
        if scope < models[i].scope {
            models[i].scope = scope;
            models[i].path = path;
        }
        if index.is_new(i, &models[i].references, &reference) {
            models[i].references.push(reference);
        }
        return;
    }
    let file = reference.file.clone().unwrap_or_default();
    index.is_new(models.len(), &[], &reference);
    index.by_id.entry(key).or_default().push(models.len());
    let mut model = new_model(decl, &file, decl.revision.clone(), reference.clone(), path);
    model.scope = scope;
    model.references = vec![reference];
    models.push(model);
}

/// One reference as the scan cache stores it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Scanned {
    id: String,
    revision: Option<String>,
    dataset: bool,
    line: u32,
    how: ReferenceKind,
    confidence: Confidence,
    via: Vec<String>,
    test: bool,
    dep: Option<String>,
}

/// One crate's scan as the cache stores it: each file with its references
/// or why it could not be scanned.
type CrateScanned = Vec<(PathBuf, Result<Vec<Scanned>, String>)>;

/// A member's scan: its files' references and its own functions and struct
/// fields that reach a Hub call (for the members that depend on it).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
struct MemberScan {
    files: CrateScanned,
    sinks: Vec<source::SinkFn>,
}

/// Bumped when the scanner changes what it finds, to drop cached results.
const SCAN_CACHE_VERSION: u32 = 15;

/// Where a file of a crate is only dev code: `tests/`, `benches/`,
/// `examples/`.
fn dev_dir(path: &Path, crate_dir: &Path) -> Option<&'static str> {
    let rel = path.strip_prefix(crate_dir).ok()?;
    match rel.components().next()?.as_os_str().to_str()? {
        "tests" => Some("test"),
        "benches" => Some("bench"),
        "examples" => Some("example"),
        _ => None,
    }
}

/// The members' own scans (each crate as a whole, see [`flow`]), cached by
/// crate directory and the stamps of its files. [`prescan`] starts them on
/// the directories the root manifest names while `cargo metadata` runs.
pub struct MemberScans {
    root: PathBuf,
    cache_file: Option<PathBuf>,
    cache: crate::cache::KeyedCache<MemberScan>,
    /// Scans already made, by crate directory, with their stamps.
    done: HashMap<PathBuf, (String, MemberScan)>,
}

impl MemberScans {
    fn load(root: &Path, cache_dir: Option<&Path>) -> MemberScans {
        let cache_file = cache_dir.map(|d| d.join("crate-scan-cache.json"));
        MemberScans {
            root: root.to_path_buf(),
            cache: crate::cache::KeyedCache::load(cache_file.clone(), SCAN_CACHE_VERSION),
            cache_file,
            done: HashMap::new(),
        }
    }

    /// The scan of the crate in `dir`, with the sinks `known` from its
    /// dependencies, and its stamp: from the cache, or made now and stored
    /// for next time. A scan with sinks is kept under its own key, so the
    /// prescan's (which knows none) never overwrites it.
    fn scan(
        &self,
        dir: &Path,
        dirs: &crate::policy::ScanDirs,
        known: &[source::SinkFn],
    ) -> (String, MemberScan) {
        let (files, skipped) = source::files_and_skips(dir, dirs);
        let stamp = crate::cache::stamp_files(&files);
        let key = match sinks_digest(known) {
            d if d.is_empty() => dir.display().to_string(),
            d => format!("{} sinks:{d}", dir.display()),
        };
        // What was not read is said on every run, never cached away.
        let not_read: CrateScanned = skipped.into_iter().map(|(p, why)| (p, Err(why))).collect();
        if let Some(mut hit) = self.cache.get(&key, &stamp) {
            hit.files
                .retain(|(p, _)| !not_read.iter().any(|(q, _)| q == p));
            hit.files.extend(not_read);
            return (stamp, hit);
        }
        let show = |p: &Path| relative(p, &self.root);
        let scan = flow::scan_crate(&files, &show, known);
        let value = MemberScan {
            files: scan
                .files
                .into_iter()
                .map(|(path, result)| (path, result.map(to_scanned)))
                .collect(),
            sinks: scan.sinks,
        };
        self.cache.put(&key, &stamp, value.clone());
        let mut value = value;
        value.files.extend(not_read);
        (stamp, value)
    }
}

/// Scans the members the root manifest of the workspace at `root` names
/// ([`crate::workspace::guess_members`]), for [`inventory_with`]: run while
/// `cargo metadata` works, it needs only the workspace root and the policy.
pub fn prescan(root: &Path, policy: &Policy) -> MemberScans {
    let mut scans = MemberScans::load(root, crate::cache::dir(root).as_deref());
    let dirs = crate::workspace::guess_members(root);
    // One core is cargo's.
    let threads = crate::parallel::threads().saturating_sub(1);
    let done = crate::parallel::with_threads(threads, || {
        crate::parallel::map(&dirs, |dir| scans.scan(dir, &policy.scan.dirs, &[]))
    });
    scans.done = dirs.into_iter().zip(done).collect();
    scans
}

/// Scans every member's Rust and config files (through `pre`, when it was
/// made for this workspace) and returns the references that become models.
fn scan_sources(
    ws: &Workspace,
    policy: &Policy,
    cache_dir: Option<&Path>,
    pre: Option<MemberScans>,
    known: &HashMap<String, Vec<source::SinkFn>>,
    loose: &mut Vec<LooseReference>,
) -> Vec<(Named, Reference, Option<String>)> {
    let mut scans = match pre {
        Some(pre) if pre.root == ws.root => {
            if pre.cache_file == cache_dir.map(|d| d.join("crate-scan-cache.json")) {
                pre
            } else {
                // Cargo's target directory is elsewhere: the scans hold, the
                // cache they were read from does not.
                let scans = MemberScans {
                    done: pre.done,
                    ..MemberScans::load(&ws.root, cache_dir)
                };
                for (dir, (stamp, value)) in &scans.done {
                    scans
                        .cache
                        .put(&dir.display().to_string(), stamp, value.clone());
                }
                scans
            }
        }
        _ => MemberScans::load(&ws.root, cache_dir),
    };
    let mut reaches_hub = reaching_the_hub(ws, known);
    let mut out = Vec::new();
    let scanned_members = scan_members(ws, policy, &mut scans, known);
    for (krate, _, scan) in &scanned_members {
        if !scan.sinks.is_empty() {
            reaches_hub.insert(krate.clone());
        }
    }
    for (krate, dir, scan) in scanned_members {
        let dir = dir.as_path();
        let shared_krate = SharedStr::from(krate.as_str());
        for (path, found) in scan.files {
            let file = relative(&path, &ws.root);
            let shared_file = SharedStr::from(file.as_str());
            let found = match found {
                Ok(found) => found,
                // A Rust file, or a linked or refused directory.
                Err(why) => {
                    loose.push(not_scanned(
                        file.clone(),
                        why,
                        &krate,
                        dev_dir(&path, dir),
                        reaches_hub.contains(krate.as_str()),
                    ));
                    continue;
                }
            };
            let dir_dev = dev_dir(&path, dir);
            for f in found {
                let dev = dir_dev.or(f.test.then_some("test"));
                let reference = Reference {
                    kind: f.how,
                    file: Some(shared_file.clone()),
                    line: Some(f.line),
                    krate: Some(shared_krate.clone()),
                    confidence: f.confidence,
                    dev: dev.map(str::to_owned),
                    via: f.via.clone(),
                    span: None,
                };
                let why = if f.how == ReferenceKind::Dynamic {
                    Some("the id is built at run time".to_owned())
                } else if f.how == ReferenceKind::RunTime {
                    Some("the id is only known at run time (this is the value passed)".to_owned())
                } else if f.how == ReferenceKind::Untraced {
                    Some(
                        "an id-shaped literal in a crate that calls the Hub, but no Hub call was traced to it"
                            .to_owned(),
                    )
                } else if f.confidence < policy.scan.min_confidence {
                    Some(format!(
                        "found with {} confidence, below [scan] min-confidence",
                        confidence_word(f.confidence)
                    ))
                } else {
                    None
                };
                if let Some(why) = why {
                    loose.push(LooseReference {
                        id: f.id,
                        revision: f.revision,
                        dataset: f.dataset,
                        why,
                        reference,
                        hub: true,
                    });
                    continue;
                }
                let decl = Named {
                    repo: HubRepo::new(RepoId::checked(&f.id), f.dataset),
                    labelled: false,
                    revision: f.revision,
                    license: None,
                    span: None,
                };
                out.push((decl, reference, f.dep));
            }
        }
    }
    scans.cache.save();
    out.sort_by(|a, b| {
        (&a.1.file, a.1.line, a.0.repo.id.as_str()).cmp(&(
            &b.1.file,
            b.1.line,
            b.0.repo.id.as_str(),
        ))
    });
    out
}

/// Scans the members in dependency order, each knowing the Hub calls its
/// dependencies export: the registry's and git's ([`dependency_sinks`]) and
/// the other members' it depends on, so that an id handed to a function of
/// one member that another member's function takes to the Hub is traced.
///
/// A struct or enum field that reaches a Hub call in one member (`match
/// source { Source::Hub { id, .. } => api.model(id) }`) may be set in
/// another that the first depends on (the type's constructor,
/// `Source::hub(id, ..)`, in the crate that defines it). The members are
/// then scanned again knowing every such field, at most twice, so that
/// the constructor becomes a Hub call and its callers in every member are
/// traced. Returns `(name@version, directory, scan)` per member.
fn scan_members(
    ws: &Workspace,
    policy: &Policy,
    scans: &mut MemberScans,
    known: &HashMap<String, Vec<source::SinkFn>>,
) -> Vec<(String, PathBuf, MemberScan)> {
    let members: Vec<&crate::workspace::CrateNode> =
        ws.crates.iter().filter(|n| n.member).collect();
    let labels: Vec<String> = members
        .iter()
        .map(|n| format!("{}@{}", n.package.name, n.package.version))
        .collect();
    let dirs: Vec<Option<PathBuf>> = members
        .iter()
        .map(|n| {
            n.package
                .manifest_path
                .parent()
                .map(|d| d.as_std_path().to_path_buf())
        })
        .collect();
    let at: HashMap<&str, usize> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i))
        .collect();
    // deps_of[i]: the members member i depends on.
    let mut deps_of: Vec<Vec<usize>> = vec![Vec::new(); members.len()];
    for (j, node) in members.iter().enumerate() {
        for d in &node.dependents {
            if let Some(&i) = at.get(d.name.as_str())
                && i != j
                && !deps_of[i].contains(&j)
            {
                deps_of[i].push(j);
            }
        }
    }
    let order = dependency_order(&deps_of);
    let mut results: Vec<Option<(Vec<source::SinkFn>, MemberScan)>> = vec![None; members.len()];
    let mut exports: Vec<Vec<source::SinkFn>> = vec![Vec::new(); members.len()];
    let mut fields: Vec<source::SinkFn> = Vec::new();
    for _ in 0..3 {
        let mut changed = false;
        for &i in &order {
            let Some(dir) = &dirs[i] else {
                continue;
            };
            let mut knows: Vec<source::SinkFn> = known.get(&labels[i]).cloned().unwrap_or_default();
            for s in gather(&deps_of[i], |d| Some(&exports[d]))
                .into_iter()
                .chain(fields.iter().cloned())
            {
                if !knows.contains(&s) {
                    knows.push(s);
                }
            }
            if let Some((before, _)) = &results[i]
                && knows.iter().all(|s| before.contains(s))
            {
                continue;
            }
            // The prescan knew no dependency's sinks: it holds when there
            // are none.
            let (_, scan) = match scans.done.remove(dir) {
                Some(done) if knows.is_empty() => done,
                _ => scans.scan(dir, &policy.scan.dirs, &knows),
            };
            // A member's places are shown from the workspace root; the
            // exports are read from the crate's own.
            let prefix = format!("{}/", relative(dir, &ws.root));
            let own: Vec<source::SinkFn> = scan
                .sinks
                .iter()
                .map(|s| {
                    let mut s = s.clone();
                    if let Some(home) = s.home.strip_prefix(&prefix) {
                        s.home = home.to_owned();
                    }
                    s
                })
                .collect();
            let mut exported = exports::exported(dir, &labels[i], &own);
            // Its evidence keeps the workspace's own paths.
            let mark = format!("{} ", labels[i].replacen('@', " ", 1));
            for e in &mut exported {
                for v in &mut e.via {
                    if let Some(rest) = v.strip_prefix(&mark) {
                        *v = rest.to_owned();
                    }
                }
            }
            if exported.iter().any(|s| !exports[i].contains(s)) {
                exports[i] = exported;
                changed = true;
            }
            results[i] = Some((knows, scan));
        }
        // Fields set elsewhere than where the type is read: known to every
        // member in the next round.
        let mut more = false;
        for (_, scan) in results.iter().flatten() {
            for s in scan.sinks.iter().filter(|s| s.field && s.krate.is_none()) {
                if !fields.contains(s) && defined_elsewhere(&ws.root, s) {
                    let mut s = s.clone();
                    s.public = true;
                    if !fields.contains(&s) {
                        fields.push(s);
                        more = true;
                    }
                }
            }
        }
        if !changed && !more {
            break;
        }
    }
    order
        .into_iter()
        .filter_map(|i| {
            let (_, scan) = results[i].take()?;
            Some((labels[i].clone(), dirs[i].clone()?, scan))
        })
        .collect()
}

/// An order of `0..deps_of.len()` in which each comes after those it
/// depends on (a cycle, which cargo forbids, is broken anywhere).
fn dependency_order(deps_of: &[Vec<usize>]) -> Vec<usize> {
    fn visit(i: usize, deps_of: &[Vec<usize>], state: &mut [u8], out: &mut Vec<usize>) {
        if state[i] != 0 {
            return;
        }
        state[i] = 1;
        for &d in &deps_of[i] {
            visit(d, deps_of, state, out);
        }
        state[i] = 2;
        out.push(i);
    }
    let mut state = vec![0u8; deps_of.len()];
    let mut out = Vec::with_capacity(deps_of.len());
    for i in 0..deps_of.len() {
        visit(i, deps_of, &mut state, &mut out);
    }
    out
}

/// Whether the type of a field that reaches the Hub is defined outside the
/// file that reads it (no `struct T` or `enum T` there): then its literals
/// and constructors may be in another member.
fn defined_elsewhere(root: &Path, field: &source::SinkFn) -> bool {
    let Some(ty) = field.owner.as_deref() else {
        return false;
    };
    let Ok(text) = crate::files::read(&root.join(&field.home), source::MAX_FILE_BYTES)
        .map(crate::error::into_text)
    else {
        return true;
    };
    ["struct", "enum"]
        .iter()
        .all(|kw| !source::word_at(&text, ty).any(|at| text[..at].trim_end().ends_with(kw)))
}

/// A Rust file (or a directory) of `krate` that discovery did not read,
/// and why: an
/// unaudited entry (`hub`: its package reaches the Hub).
fn not_scanned(
    file: String,
    why: String,
    krate: &str,
    dev: Option<&str>,
    hub: bool,
) -> LooseReference {
    LooseReference {
        id: "(file not scanned)".to_owned(),
        revision: None,
        dataset: false,
        why,
        reference: Reference {
            kind: ReferenceKind::Unparsable,
            file: Some(file.into()),
            line: None,
            krate: Some(krate.to_owned().into()),
            confidence: Confidence::Low,
            dev: dev.map(str::to_owned),
            via: Vec::new(),
            span: None,
        },
        hub,
    }
}

/// The Rust files of the dependencies that reach the Hub which discovery
/// did not read (links, over the size cap, special files): each an
/// unaudited entry, and a `file-not-scanned` warning, since a model they
/// name would otherwise pass unseen. hf-hub itself names none.
fn dependencies_not_read(
    ws: &Workspace,
    known: &HashMap<String, Vec<source::SinkFn>>,
    loose: &mut Vec<LooseReference>,
) {
    let reach = reaching_the_hub(ws, known);
    for node in ws.crates.iter().filter(|n| !n.member) {
        let pkg = &node.package;
        let krate = format!("{}@{}", pkg.name, pkg.version);
        if pkg.name.as_str() == "hf-hub" || !reach.contains(&krate) {
            continue;
        }
        let Some(dir) = pkg.manifest_path.parent() else {
            continue;
        };
        let dir = dir.as_std_path();
        for (path, why) in source::skipped_files(dir, &DEPENDENCY_DIRS) {
            let rel = path
                .strip_prefix(dir)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            let dev = (node.scope == Scope::Dev).then_some(DEV_DEPENDENCY);
            loose.push(not_scanned(
                format!("{krate}/{rel}"),
                why,
                &krate,
                dev,
                true,
            ));
        }
    }
}

/// The crates (`name@version`) from which the Hub is reached: those that
/// depend, directly or not, on hf-hub or on a crate whose functions call it
/// (`known`: a crate's dependencies export Hub calls).
fn reaching_the_hub<'w>(
    ws: &'w Workspace,
    known: &HashMap<String, Vec<source::SinkFn>>,
) -> HashSet<String> {
    let label =
        |c: &crate::workspace::CrateNode| format!("{}@{}", c.package.name, c.package.version);
    let by_label: HashMap<String, &'w crate::workspace::CrateNode> =
        ws.crates.iter().map(|c| (label(c), c)).collect();
    let mut reach: HashSet<String> = ws
        .crates
        .iter()
        .filter(|c| c.package.name.as_str() == "hf-hub")
        .map(label)
        .collect();
    reach.extend(known.keys().cloned());
    let mut queue: Vec<String> = reach.iter().cloned().collect();
    while let Some(next) = queue.pop() {
        let Some(node) = by_label.get(&next) else {
            continue;
        };
        for d in &node.dependents {
            if reach.insert(d.name.clone()) {
                queue.push(d.name.clone());
            }
        }
    }
    reach
}

const SINKS_CACHE_VERSION: u32 = 10;

/// A digest of a list of Hub calls, for cache stamps.
fn sinks_digest(sinks: &[source::SinkFn]) -> String {
    use sha2::Digest;
    if sinks.is_empty() {
        return String::new();
    }
    let text = serde_json::to_string(sinks).unwrap_or_default();
    format!("{:x}", sha2::Sha256::digest(text.as_bytes()))
}

/// What of a dependency its analyses read: `src/` only.
const DEPENDENCY_DIRS: crate::policy::ScanDirs = crate::policy::ScanDirs {
    src: true,
    build: false,
    examples: false,
    benches: false,
    tests: false,
    configs: false,
};

/// A registry crate's source never changes for its name and version: its
/// analyses are cached without the stamps of its files.
fn from_registry(pkg: &cargo_metadata::Package) -> bool {
    pkg.source
        .as_ref()
        .is_some_and(|s| s.repr.starts_with("registry+") || s.repr.starts_with("sparse+"))
        && crate::cache::in_registry(pkg.manifest_path.as_std_path())
}

/// The key a dependency's analyses are cached by: name, version, source.
fn dependency_key(pkg: &cargo_metadata::Package) -> String {
    format!(
        "{}@{} {}",
        pkg.name,
        pkg.version,
        pkg.source.as_ref().map_or("path", |s| s.repr.as_str())
    )
}

/// For each crate of the graph (`name@version`), the Hub calls its direct
/// dependencies export ([`exports::exported`]): a dependency's public
/// function, method or struct field whose value reaches a Hub call, in its
/// own code or through its own dependencies'. The dependencies are analysed
/// from the leaves up, each once, as soon as its own are done
/// ([`crate::parallel::in_dependency_order`]). A registry crate's result is
/// cached by name, version, source and what its dependencies export; a
/// path or git crate's also by the stamps of its files. Nothing in `off`
/// mode.
fn dependency_sinks(
    ws: &Workspace,
    policy: &Policy,
    cache_dir: Option<&Path>,
) -> HashMap<String, Vec<source::SinkFn>> {
    let mut known_for: HashMap<String, Vec<source::SinkFn>> = HashMap::new();
    if policy.scan.dependencies == crate::policy::DepScan::Off {
        return known_for;
    }
    let label =
        |n: &crate::workspace::CrateNode| format!("{}@{}", n.package.name, n.package.version);
    let n = ws.crates.len();
    let index: HashMap<String, usize> = ws
        .crates
        .iter()
        .enumerate()
        .map(|(i, c)| (label(c), i))
        .collect();
    let mut deps_of: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, c) in ws.crates.iter().enumerate() {
        for crate::workspace::Dependent { name: from, .. } in &c.dependents {
            if let Some(&f) = index.get(from)
                && !deps_of[f].contains(&i)
            {
                deps_of[f].push(i);
            }
        }
    }
    // The model tables are read here too, from the same texts, for the
    // crates whose sinks are not cached: `dependency_models` then finds
    // them in its cache.
    let tables: crate::cache::KeyedCache<Vec<tables::Entry>> = crate::cache::KeyedCache::load(
        cache_dir.map(|d| d.join("dependency-tables.json")),
        TABLES_CACHE_VERSION,
    );
    let cache: crate::cache::KeyedCache<Vec<source::SinkFn>> = crate::cache::KeyedCache::load(
        cache_dir.map(|d| d.join("dependency-sinks.json")),
        SINKS_CACHE_VERSION,
    );
    // Each crate as soon as its dependencies are done; a member exports
    // nothing here (its own Hub calls are its scan's).
    let waits: Vec<Vec<usize>> = ws
        .crates
        .iter()
        .zip(&deps_of)
        .map(|(c, deps)| if c.member { Vec::new() } else { deps.clone() })
        .collect();
    let analyse = |fields: &[source::SinkFn]| {
        crate::parallel::in_dependency_order(&waits, |i, done| {
            let node = &ws.crates[i];
            if node.member {
                return Vec::new();
            }
            let mut known = gather(&deps_of[i], |d| done[d].get());
            let own = label(node);
            // A crate's own fields were followed when it was read.
            for f in fields
                .iter()
                .filter(|f| f.krate.as_deref() != Some(own.as_str()))
            {
                if !known.contains(f) {
                    known.push(f.clone());
                }
            }
            crate_exports(node, &label(node), &known, &cache, &tables)
        })
    };
    let mut exports = analyse(&[]);
    // A field that one dependency takes to the Hub may be set by the
    // constructor of a dependency below it, which defines the type
    // (`FileSource::huggingface(id, ..)` building `FileSource::HuggingFace
    // { model_id, .. }`, read by another crate's `Cache::get`): once, the
    // dependencies are analysed again knowing every such field, so the
    // constructor becomes a Hub call for its callers.
    let mut fields: Vec<source::SinkFn> = Vec::new();
    for s in exports.iter().flatten().filter(|s| s.field) {
        let s = s.clone();
        if !fields
            .iter()
            .any(|f| f.owner == s.owner && f.name == s.name && f.id == s.id)
        {
            fields.push(s);
        }
    }
    if !fields.is_empty() {
        exports = analyse(&fields);
    }
    cache.save();
    tables.save();
    for (i, c) in ws.crates.iter().enumerate() {
        let known = gather(&deps_of[i], |d| exports.get(d));
        if !known.is_empty() {
            known_for.insert(label(c), known);
        }
    }
    known_for
}

/// The Hub calls the dependencies `deps` export, each once (`export(d)`:
/// those of dependency `d`, if known).
fn gather<'e>(
    deps: &[usize],
    export: impl Fn(usize) -> Option<&'e Vec<source::SinkFn>>,
) -> Vec<source::SinkFn> {
    let mut known: Vec<source::SinkFn> = Vec::new();
    for &d in deps {
        for s in export(d).into_iter().flatten() {
            if !known.contains(s) {
                known.push(s.clone());
            }
        }
    }
    known
}

/// The Hub calls one dependency exports, knowing those of its own
/// dependencies.
fn crate_exports(
    node: &crate::workspace::CrateNode,
    krate: &str,
    known: &[source::SinkFn],
    cache: &crate::cache::KeyedCache<Vec<source::SinkFn>>,
    tables: &crate::cache::KeyedCache<Vec<tables::Entry>>,
) -> Vec<source::SinkFn> {
    let pkg = &node.package;
    let Some(dir) = pkg.manifest_path.parent() else {
        return Vec::new();
    };
    let dir = dir.as_std_path();
    let key = dependency_key(pkg);
    let registry = from_registry(pkg);
    let digest = sinks_digest(known);
    if registry && let Some(hit) = cache.get(&key, &digest) {
        return hit;
    }
    let files = source::files_to_scan(dir, &DEPENDENCY_DIRS);
    let stamp = if registry {
        digest
    } else {
        format!("{} {digest}", crate::cache::stamp_files(&files))
    };
    if let Some(hit) = cache.get(&key, &stamp) {
        return hit;
    }
    let show = |p: &Path| {
        p.strip_prefix(dir)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    };
    let texts = flow::Texts::read(&files, known);
    let scan = flow::scan_texts(&texts, &show, known);
    // The same stamp as `dependency_models` keys the table by.
    let table_stamp = if registry {
        String::new()
    } else {
        crate::cache::stamp_files(&files)
    };
    if tables.get(&key, &table_stamp).is_none() {
        tables.put(&key, &table_stamp, tables::crate_tables_in(dir, &texts));
    }
    let out = exports::exported(dir, krate, &scan.sinks);
    cache.put(&key, &stamp, out.clone());
    out
}

/// The `dev` of a reference in the source of a dependency that only
/// dev-dependencies reach.
const DEV_DEPENDENCY: &str = "dev-dependency";

/// Bumped when the table reader changes what it finds.
const TABLES_CACHE_VERSION: u32 = 3;
const USES_CACHE_VERSION: u32 = 1;

/// The model tables of every dependency (cached by name, version and
/// source; a path dependency also by the stamps of its files), and the
/// models they give: in `used` mode those the members' source names
/// (`Kind::Variant`, `CONST`, `T::default()`), in `all` mode every one,
/// with the scope of the dependency that holds it (`dev: dev-dependency`
/// says so in the reference of a dev-only one).
fn dependency_models(
    ws: &Workspace,
    policy: &Policy,
    cache_dir: Option<&Path>,
    paths: &mut Interner,
) -> Vec<(Named, Reference, Scope, Vec<SharedStr>)> {
    let cache: crate::cache::KeyedCache<Vec<tables::Entry>> = crate::cache::KeyedCache::load(
        cache_dir.map(|d| d.join("dependency-tables.json")),
        TABLES_CACHE_VERSION,
    );
    let deps: Vec<&crate::workspace::CrateNode> = ws.crates.iter().filter(|n| !n.member).collect();
    let tables_of: Vec<Vec<tables::Entry>> = crate::parallel::map(&deps, |node| {
        let pkg = &node.package;
        let Some(dir) = pkg.manifest_path.parent() else {
            return Vec::new();
        };
        let dir = dir.as_std_path();
        let key = dependency_key(pkg);
        let registry = from_registry(pkg);
        if registry && let Some(hit) = cache.get(&key, "") {
            return hit;
        }
        let files = source::files_to_scan(dir, &DEPENDENCY_DIRS);
        let stamp = if registry {
            String::new()
        } else {
            crate::cache::stamp_files(&files)
        };
        if let Some(hit) = cache.get(&key, &stamp) {
            return hit;
        }
        let entries = tables::crate_tables(dir, &files);
        cache.put(&key, &stamp, entries.clone());
        entries
    });
    cache.save();
    let mut out = Vec::new();
    let dep_name = |node: &crate::workspace::CrateNode| {
        format!("{}@{}", node.package.name, node.package.version)
    };
    if policy.scan.dependencies == crate::policy::DepScan::All {
        // The files, crates and paths of a dependency's models are stored
        // once, however many models they hold.
        let mut files = Interner::default();
        for (node, entries) in deps.iter().zip(&tables_of) {
            let krate = dep_name(node);
            let shared_krate = SharedStr::from(krate.as_str());
            let node_path: Vec<SharedStr> = node.path.iter().map(|p| paths.get(p)).collect();
            for entry in entries {
                for t in &entry.targets {
                    let decl = target_decl(t);
                    let reference = Reference {
                        kind: ReferenceKind::DependencySource,
                        file: Some(files.get(&format!("{krate}/{}", t.file))),
                        line: Some(t.line),
                        krate: Some(shared_krate.clone()),
                        confidence: Confidence::Medium,
                        dev: (node.scope == Scope::Dev).then(|| DEV_DEPENDENCY.to_owned()),
                        via: Vec::new(),
                        span: None,
                    };
                    let mut path = Vec::with_capacity(node_path.len() + 1);
                    path.extend(node_path.iter().cloned());
                    path.push(t.id.as_str().into());
                    out.push((decl, reference, node.scope, path));
                }
            }
        }
    }
    // The members' places that name an entry.
    let mut by_key: std::collections::HashMap<&str, Vec<(usize, &tables::Entry)>> =
        std::collections::HashMap::new();
    for (i, entries) in tables_of.iter().enumerate() {
        for e in entries {
            by_key.entry(e.key.as_str()).or_default().push((i, e));
        }
    }
    if by_key.is_empty() {
        return out;
    }
    let keys: std::collections::HashSet<String> = by_key.keys().map(|k| (*k).to_owned()).collect();
    let mut lasts: Vec<String> = keys
        .iter()
        .map(|k| match k.strip_suffix("::default") {
            Some(ty) => ty.to_owned(),
            None => k.rsplit("::").next().unwrap_or(k).to_owned(),
        })
        .collect();
    lasts.sort();
    lasts.dedup();
    // A member file's uses are cached by its path, size and mtime and by
    // the names looked for, so a warm run only stats the members' files.
    let uses_cache: crate::cache::KeyedCache<Vec<tables::Use>> = crate::cache::KeyedCache::load(
        cache_dir.map(|d| d.join("dependency-uses.json")),
        USES_CACHE_VERSION,
    );
    let names = {
        use sha2::Digest;
        let mut sorted: Vec<&String> = keys.iter().collect();
        sorted.sort();
        let mut hasher = sha2::Sha256::new();
        for k in sorted {
            hasher.update(k.as_bytes());
            hasher.update([0]);
        }
        format!("{:x}", hasher.finalize())
    };
    for node in ws.crates.iter().filter(|n| n.member) {
        let pkg = &node.package;
        let Some(dir) = pkg.manifest_path.parent() else {
            continue;
        };
        let dir = dir.as_std_path();
        let member = format!("{}@{}", pkg.name, pkg.version);
        let files: Vec<PathBuf> = source::files_to_scan(dir, &policy.scan.dirs)
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "rs"))
            .collect();
        let found: Vec<Vec<tables::Use>> = crate::parallel::map(&files, |path| {
            let key = path.display().to_string();
            let stamp = format!(
                "{} {names}",
                crate::cache::stamp_files(std::slice::from_ref(path))
            );
            if let Some(hit) = uses_cache.get(&key, &stamp) {
                return hit;
            }
            let found = crate::files::read(path, source::MAX_FILE_BYTES)
                .map(|b| tables::uses(&String::from_utf8_lossy(&b), &keys, &lasts))
                .unwrap_or_default();
            uses_cache.put(&key, &stamp, found.clone());
            found
        });
        for (path, uses) in files.iter().zip(found) {
            let file = relative(path, &ws.root);
            let dir_dev = dev_dir(path, dir);
            for u in uses {
                for (i, entry) in by_key.get(u.key.as_str()).into_iter().flatten() {
                    let node = deps[*i];
                    let krate = dep_name(node);
                    for t in &entry.targets {
                        let decl = target_decl(t);
                        let dev = dir_dev.or(u.test.then_some("test"));
                        let reference = Reference {
                            kind: ReferenceKind::DependencyTable,
                            file: Some(file.clone().into()),
                            line: Some(u.line),
                            krate: Some(member.clone().into()),
                            confidence: Confidence::Medium,
                            dev: dev.map(str::to_owned),
                            via: vec![
                                format!("{file}:{} {}", u.line, u.key),
                                format!(
                                    "{} {} {}:{} \"{}\"",
                                    node.package.name, node.package.version, t.file, t.line, t.id
                                ),
                            ],
                            span: None,
                        };
                        out.push((
                            decl,
                            reference,
                            place_scope(dev),
                            vec![paths.get(&member), paths.get(&krate), t.id.as_str().into()],
                        ));
                    }
                }
            }
        }
    }
    uses_cache.save();
    out
}

fn target_decl(t: &tables::Target) -> Named {
    Named {
        repo: HubRepo::new(RepoId::checked(&t.id), t.dataset),
        labelled: false,
        revision: t.revision.clone(),
        license: None,
        span: None,
    }
}

fn confidence_word(c: Confidence) -> &'static str {
    match c {
        Confidence::Declared => "declared",
        Confidence::High => "high",
        Confidence::Medium => "medium",
        Confidence::Low => "low",
    }
}

fn to_scanned(found: Vec<source::Found>) -> Vec<Scanned> {
    found
        .into_iter()
        .map(|f| Scanned {
            id: f.id,
            revision: f.revision,
            dataset: f.dataset,
            line: f.line,
            how: f.how,
            confidence: f.confidence,
            via: f.via,
            test: f.test,
            dep: f.dep,
        })
        .collect()
}

/// The cached part of a weight file's facts.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Hashed {
    sha256: Option<String>,
}

const HASH_CACHE_VERSION: u32 = 1;

/// What the walk for weight files did not look at, when the workspace
/// holds more entries than it looks at: an unaudited entry of the first
/// member and a `file-not-scanned` warning, never a weight file that
/// vanishes.
fn weights_not_looked_for(ws: &Workspace, dir: &Path) -> LooseReference {
    let member = ws
        .crates
        .iter()
        .find(|c| c.member)
        .map(|c| format!("{}@{}", c.package.name, c.package.version))
        .unwrap_or_default();
    not_scanned(
        relative(dir, &ws.root),
        format!(
            "the workspace holds more than {} files and directories; weight files from here on were not looked for",
            files::MAX_ENTRIES
        ),
        &member,
        None,
        true,
    )
}

/// Weight files in the workspace: hashed (cached by inode stamp)
/// and their headers read (cheap: the header only); and where the walk
/// stopped, if it did.
fn weight_artifacts(ws: &Workspace, cache_dir: Option<&Path>) -> (Vec<Artifact>, Option<PathBuf>) {
    let found = files::weight_files(&ws.root, &ws.target_dir);
    let stopped_at = found.stopped_at;
    let paths = found.files;
    if paths.is_empty() {
        return (Vec::new(), stopped_at);
    }
    let cache: crate::cache::FileCache<Hashed> = crate::cache::FileCache::load(
        cache_dir.map(|d| d.join("hash-cache.json")),
        HASH_CACHE_VERSION,
    );
    let mut out = Vec::new();
    for path in paths {
        let rel = relative(&path, &ws.root);
        let sha256 = cache
            .get_or_by_inode(&path, |p| Hashed {
                sha256: crate::files::sha256(p).ok(),
            })
            .and_then(|h| h.sha256);
        let meta = weights::read(&path).map_err(|e| match e {
            weights::WeightError::NotWeights => "not a GGUF or safetensors file".to_owned(),
            other => other.to_string(),
        });
        let version = sha256.clone().unwrap_or_else(|| "unhashed".to_owned());
        out.push(Artifact {
            id: crate::domain::ArtifactId::new(ArtifactKind::WeightFile, &rel, &version),
            name: rel.clone().into(),
            version: version.into(),
            source: None,
            scope: Scope::Normal,
            path: vec![rel.clone().into()],
            references: vec![Reference {
                kind: ReferenceKind::WeightFile,
                file: Some(rel.clone().into()),
                line: None,
                krate: None,
                confidence: Confidence::Declared,
                dev: None,
                via: Vec::new(),
                span: None,
            }],
            facts: Facts::WeightFile(Box::new(WeightFacts {
                path: path.clone(),
                relative: rel,
                sha256,
                meta,
            })),
        });
    }
    cache.save();
    (out, stopped_at)
}

/// The models in a local Hugging Face cache, each at the commit its `main`
/// ref points to.
fn hf_cache_models(cache: &Path) -> Vec<(Named, Reference)> {
    let mut out = Vec::new();
    let Ok(read) = crate::files::read_dir(cache) else {
        return out;
    };
    let mut names: Vec<String> = read
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .collect();
    names.sort();
    for name in names {
        let (dataset, rest) = if let Some(r) = name.strip_prefix("models--") {
            (false, r)
        } else if let Some(r) = name.strip_prefix("datasets--") {
            (true, r)
        } else {
            continue;
        };
        let Some((owner, repo)) = rest.split_once("--") else {
            continue;
        };
        let id = format!("{owner}/{repo}");
        if !valid_repo_id(&id) {
            continue;
        }
        let refs = cache.join(&name).join("refs").join("main");
        let revision = crate::files::read(&refs, 4096)
            .ok()
            .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
            .filter(|s| crate::domain::hub::is_commit(s));
        out.push((
            Named {
                repo: HubRepo::new(RepoId::checked(&id), dataset),
                labelled: false,
                revision,
                license: None,
                span: None,
            },
            Reference {
                kind: ReferenceKind::HfCache,
                file: Some(cache.join(&name).display().to_string().into()),
                line: None,
                krate: None,
                confidence: Confidence::Medium,
                dev: None,
                via: Vec::new(),
                span: None,
            },
        ));
    }
    out
}

/// Adds a declared model, merging declarations of the same model and
/// revision into one artifact with several references.
fn add_model(
    models: &mut Vec<Artifact>,
    decl: &Named,
    file: &str,
    krate: Option<SharedStr>,
    path: Vec<SharedStr>,
) {
    let reference = Reference {
        kind: ReferenceKind::Declared,
        file: Some(file.to_owned().into()),
        line: decl.span.as_ref().map(|s| s.line),
        krate,
        confidence: Confidence::Declared,
        dev: None,
        via: Vec::new(),
        span: decl.span.clone().map(Box::new),
    };
    let revision = decl.revision.clone();
    if let Some(existing) = models.iter_mut().find(|a| match &a.facts {
        Facts::Model(m) => m.repo == decl.repo && m.revision == revision,
        _ => false,
    }) {
        existing.references.push(reference);
        if let Facts::Model(m) = &mut existing.facts
            && decl.labelled
            && m.labelled_by.is_none()
        {
            m.labelled_by = Some(file.to_owned());
        }
        if let (Facts::Model(m), Some((l, r))) = (&mut existing.facts, &decl.license)
            && m.declared_license.is_none()
        {
            m.declared_license = Some(Box::new(DeclaredLicense {
                expression: l.clone(),
                reason: r.clone(),
                origin: file.to_owned(),
            }));
        }
        return;
    }
    models.push(new_model(decl, file, revision, reference, path));
}

/// A model as discovery names it: its repository (the one typed identity),
/// the revision asked for, and what a declaration of the project adds (its
/// own open-source label, a license with its reason, where it is written).
/// Made from a config declaration ([`Named::declared`]) or from a reference
/// found in code, a model table, a weight file or the Hub cache.
#[derive(Debug, Clone)]
struct Named {
    repo: HubRepo,
    revision: Option<String>,
    labelled: bool,
    license: Option<(String, String)>,
    span: Option<crate::domain::Span>,
}

impl Named {
    fn declared(decl: &ModelDecl) -> Named {
        Named {
            repo: HubRepo::new(RepoId::checked(&decl.id), decl.dataset),
            revision: decl.revision.clone(),
            labelled: decl.labelled,
            license: decl.license.clone(),
            span: decl.span.clone(),
        }
    }
}

/// A model artifact for a declaration or a first reference.
fn new_model(
    decl: &Named,
    file: &str,
    revision: Option<String>,
    reference: Reference,
    path: Vec<SharedStr>,
) -> Artifact {
    let kind = if decl.repo.is_dataset() {
        ArtifactKind::Dataset
    } else {
        ArtifactKind::Model
    };
    // The revision most models are used at, stored once for all of them.
    static MAIN: std::sync::OnceLock<SharedStr> = std::sync::OnceLock::new();
    let rev: SharedStr = match &revision {
        Some(r) => r.as_str().into(),
        None => MAIN.get_or_init(|| "main".into()).clone(),
    };
    // The last step of the path is the id as written: one text for both.
    let id = decl.repo.id.to_string();
    let name = match path.last() {
        Some(last) if **last == *id => last.clone(),
        _ => id.into(),
    };
    Artifact {
        id: crate::domain::ArtifactId::new(kind, decl.repo.id.as_str(), &rev),
        name,
        version: rev,
        source: None,
        scope: Scope::Normal,
        path,
        references: vec![reference],
        facts: Facts::Model(ModelFacts {
            repo: decl.repo.clone(),
            revision,
            declared_license: decl.license.as_ref().map(|(l, r)| {
                Box::new(DeclaredLicense {
                    expression: l.clone(),
                    reason: r.clone(),
                    origin: file.to_owned(),
                })
            }),
            derivative_of: None,
            labelled_by: decl.labelled.then(|| file.to_owned()),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_found_model_takes_its_best_scope_and_the_path_that_gives_it() {
        let decl = Named {
            repo: HubRepo::new(RepoId::checked("acme/m"), false),
            labelled: false,
            revision: None,
            license: None,
            span: None,
        };
        let reference = |i: usize| Reference {
            kind: ReferenceKind::DependencySource,
            file: Some(format!("dep{i}@1.0.0/src/lib.rs").into()),
            line: Some(1),
            krate: Some(format!("dep{i}@1.0.0").into()),
            confidence: Confidence::Medium,
            dev: None,
            via: Vec::new(),
            span: None,
        };
        use Scope::{Build, Dev, Normal};
        let cases: &[(&[Scope], Scope, &str)] = &[
            (&[Dev], Dev, "0"),
            (&[Build], Build, "0"),
            (&[Dev, Dev], Dev, "0"),
            (&[Dev, Build], Build, "1"),
            (&[Build, Dev], Build, "0"),
            (&[Dev, Normal, Build], Normal, "1"),
            (&[Normal, Dev], Normal, "0"),
        ];
        for (scopes, scope, path) in cases {
            let mut models = Vec::new();
            let mut index = FoundIndex::default();
            for (i, s) in scopes.iter().enumerate() {
                let p = vec![i.to_string().into()];
                add_found_in(&mut models, &mut index, &decl, reference(i), *s, p);
            }
            assert_eq!(models.len(), 1, "{scopes:?}");
            assert_eq!(models[0].scope, *scope, "{scopes:?}");
            assert_eq!(models[0].path, [*path], "{scopes:?}");
            assert_eq!(models[0].references.len(), scopes.len(), "{scopes:?}");
        }
    }

    #[test]
    fn a_reference_joins_its_model_once() {
        let decl = Named {
            repo: HubRepo::new(RepoId::checked("acme/m"), false),
            labelled: false,
            revision: None,
            license: None,
            span: None,
        };
        let reference = |line: u32, via: &[&str]| Reference {
            kind: ReferenceKind::CallArgument,
            file: Some("src/main.rs".to_owned().into()),
            line: Some(line),
            krate: Some("app@0.1.0".to_owned().into()),
            confidence: Confidence::High,
            dev: None,
            via: via.iter().map(|v| (*v).to_owned()).collect(),
            span: None,
        };
        let mut models = Vec::new();
        let mut index = FoundIndex::default();
        let found = [
            reference(3, &[]),
            reference(3, &[]),
            reference(4, &[]),
            reference(3, &["src/a.rs:1 load(..)"]),
            reference(4, &[]),
        ];
        for r in found {
            add_found(
                &mut models,
                &mut index,
                &decl,
                r,
                vec!["acme/m".to_owned().into()],
            );
        }
        assert_eq!(models.len(), 1);
        let lines: Vec<(Option<u32>, usize)> = models[0]
            .references
            .iter()
            .map(|r| (r.line, r.via.len()))
            .collect();
        assert_eq!(lines, [(Some(3), 0), (Some(4), 0), (Some(3), 1)]);
        // An index built from the list knows the same references.
        let mut again = FoundIndex::of(&models);
        let have = &models[0].references;
        assert!(!again.is_new(0, have, &reference(4, &[])));
        assert!(again.is_new(0, have, &reference(5, &[])));
    }
}
