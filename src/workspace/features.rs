//! The crates cargo would build: `cargo metadata`'s `resolve` is the
//! dependency resolver's answer, a superset that unifies features across
//! every platform, every member and every dependency kind. Cargo's feature
//! resolver (resolver 2) is narrower, and `cargo tree` shows its answer.
//! This walks the resolve graph from the selected members the way the feature
//! resolver does: features per package and per host/target side, optional
//! dependencies only when a feature enables them (`dep:x`, `x/f`), weak
//! features (`x?/f`) only when `x` is enabled anyway, dev-dependencies only
//! for the selected members, and the platform filter that `cargo metadata
//! --filter-platform` already applied to the resolve graph.

use cargo_metadata::cargo_platform::{Cfg, Platform};
use cargo_metadata::{Dependency, DependencyKind, Metadata, PackageId, TargetKind};
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

/// What to activate: cargo's feature flags for the selected roots.
pub struct Request<'a> {
    pub roots: &'a [usize],
    pub features: &'a [String],
    pub all_features: bool,
    pub no_default_features: bool,
    pub include_dev: bool,
    /// `--target`: the platforms to build for; `None` is every platform.
    pub platforms: Option<&'a Platforms>,
}

/// The cfg values of the `--target` triples and of the host, from rustc.
#[derive(Debug, Clone)]
pub struct Platforms {
    pub targets: Vec<(String, Vec<Cfg>)>,
    pub host: (String, Vec<Cfg>),
}

impl Platforms {
    /// Asks the user's rustc (`RUSTC`, or the toolchain's; never one the
    /// audited project names) for each triple's cfg values, through the one
    /// door for programs.
    pub fn query(targets: &[String]) -> Result<Platforms, String> {
        let rustc = match std::env::var_os("RUSTC").map(std::path::PathBuf::from) {
            Some(p) if p.is_absolute() => Some(p),
            Some(p) => p.to_str().and_then(crate::process::on_path),
            None => super::Toolchain::of_user().rustc,
        }
        .ok_or("cannot find rustc: set RUSTC or put rustc on PATH")?;
        let run = |args: &[&str]| -> Result<String, String> {
            let out = crate::process::command(&rustc)
                .map_err(|e| format!("cannot run rustc: {e}"))?
                .args(args)
                .output()
                .map_err(|e| format!("cannot run rustc: {e}"))?;
            if !out.status.success() {
                return Err(format!(
                    "`rustc {}` failed: {}",
                    args.join(" "),
                    String::from_utf8_lossy(&out.stderr).trim()
                ));
            }
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        };
        let cfgs = |triple: &str| -> Result<Vec<Cfg>, String> {
            Ok(run(&["--print", "cfg", "--target", triple])?
                .lines()
                .filter_map(|l| l.parse().ok())
                .collect())
        };
        let version = run(&["-vV"])?;
        let host = version
            .lines()
            .find_map(|l| l.strip_prefix("host: "))
            .ok_or("`rustc -vV` names no host")?
            .trim()
            .to_owned();
        let mut list = Vec::new();
        for t in targets {
            list.push((t.clone(), cfgs(t)?));
        }
        let host_cfgs = cfgs(&host)?;
        Ok(Platforms {
            targets: list,
            host: (host, host_cfgs),
        })
    }

    fn active(&self, platform: &Platform, host: bool) -> bool {
        if host {
            platform.matches(&self.host.0, &self.host.1)
        } else {
            self.targets.iter().any(|(t, c)| platform.matches(t, c))
        }
    }
}

/// One edge of the built graph: from a package to a dependency, of a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub kind: crate::domain::Scope,
}

/// A package on one side of the build: `host` for build scripts, proc
/// macros and everything they depend on.
type Unit = (usize, bool);

#[derive(Default)]
struct UnitState {
    features: BTreeSet<String>,
    /// Optional dependencies enabled, by the name they have in the manifest.
    enabled: BTreeSet<String>,
    /// Features asked of each dependency (`x/f`, `x?/f`), by manifest name.
    dep_features: BTreeMap<String, BTreeSet<String>>,
    /// Dependencies already walked: (declaration index, target unit).
    connected: Vec<(usize, Unit)>,
}

enum Work {
    Feature(Unit, String),
    Connect(Unit, usize),
}

struct Walk<'m> {
    metadata: &'m Metadata,
    /// Per package: the resolve node's deps, as (package index, kinds).
    resolved: Vec<Vec<(usize, &'m [cargo_metadata::DepKindInfo])>>,
    roots: BTreeSet<usize>,
    include_dev: bool,
    platforms: Option<&'m Platforms>,
    units: HashMap<Unit, UnitState>,
    edges: BTreeSet<Edge>,
    queue: VecDeque<Work>,
}

/// The manifest name of a dependency: its rename, or the package name.
fn dep_name(dep: &Dependency) -> &str {
    dep.rename.as_deref().unwrap_or(&dep.name)
}

impl<'m> Walk<'m> {
    fn package(&self, i: usize) -> &'m cargo_metadata::Package {
        &self.metadata.packages[i]
    }

    fn unit(&mut self, unit: Unit) -> &mut UnitState {
        self.units.entry(unit).or_default()
    }

    /// The resolved package a declaration points to, if cargo resolved it
    /// for this platform selection (a dependency for another platform is
    /// missing from a `--filter-platform` resolve, or lacks its kind there).
    fn target_of(&self, pkg: usize, dep: &Dependency) -> Option<usize> {
        self.resolved[pkg].iter().find_map(|&(to, kinds)| {
            let p = self.package(to);
            let kind_ok = kinds
                .iter()
                .any(|k| k.kind == dep.kind && k.target == dep.target);
            (kind_ok && p.name.as_str() == dep.name && dep.req.matches(&p.version)).then_some(to)
        })
    }

    /// Declarations of a unit that the walk may follow: dev-dependencies
    /// only of the selected members, target-specific ones only for the
    /// selected platforms (the host's for build scripts and proc macros).
    fn wanted(&self, unit: Unit, dep: &Dependency) -> bool {
        if dep.kind == DependencyKind::Development
            && !(self.include_dev && self.roots.contains(&unit.0))
        {
            return false;
        }
        match (&dep.target, self.platforms) {
            (Some(platform), Some(platforms)) => platforms.active(platform, unit.1),
            _ => true,
        }
    }

    fn activate(&mut self, unit: Unit, features: impl IntoIterator<Item = String>) {
        let fresh = !self.units.contains_key(&unit);
        self.unit(unit);
        for f in features {
            self.queue.push_back(Work::Feature(unit, f));
        }
        if fresh {
            let pkg = self.package(unit.0);
            for (i, dep) in pkg.dependencies.iter().enumerate() {
                if !dep.optional && self.wanted(unit, dep) {
                    self.queue.push_back(Work::Connect(unit, i));
                }
            }
        }
    }

    fn run(&mut self) {
        while let Some(work) = self.queue.pop_front() {
            match work {
                Work::Feature(unit, f) => self.feature(unit, f),
                Work::Connect(unit, i) => self.connect(unit, i),
            }
        }
    }

    fn feature(&mut self, unit: Unit, f: String) {
        if !self.unit(unit).features.insert(f.clone()) {
            return;
        }
        let pkg = self.package(unit.0);
        let Some(values) = pkg.features.get(&f) else {
            return;
        };
        for value in values {
            self.value(unit, value);
        }
    }

    /// One entry of a feature's list.
    fn value(&mut self, unit: Unit, value: &str) {
        if let Some(dep) = value.strip_prefix("dep:") {
            self.enable(unit, dep);
        } else if let Some((dep, f)) = value.split_once('/') {
            match dep.strip_suffix('?') {
                Some(weak) => self.dep_feature(unit, weak.to_owned(), f.to_owned()),
                None => {
                    self.enable(unit, dep);
                    // `x/f` also turns on the feature `x` when there is one
                    // (the implicit feature of an optional dependency).
                    let pkg = self.package(unit.0);
                    if pkg.features.contains_key(dep)
                        && pkg
                            .dependencies
                            .iter()
                            .any(|d| d.optional && dep_name(d) == dep)
                    {
                        self.queue.push_back(Work::Feature(unit, dep.to_owned()));
                    }
                    self.dep_feature(unit, dep.to_owned(), f.to_owned());
                }
            }
        } else {
            self.queue.push_back(Work::Feature(unit, value.to_owned()));
        }
    }

    /// Turns on the optional dependency named `dep`.
    fn enable(&mut self, unit: Unit, dep: &str) {
        if !self.unit(unit).enabled.insert(dep.to_owned()) {
            return;
        }
        let pkg = self.package(unit.0);
        for (i, d) in pkg.dependencies.iter().enumerate() {
            if d.optional && dep_name(d) == dep && self.wanted(unit, d) {
                self.queue.push_back(Work::Connect(unit, i));
            }
        }
    }

    /// Asks feature `f` of dependency `dep`: now for every declaration of
    /// it already walked, and later for the ones walked after this. A weak
    /// `x?/f` comes here without enabling `x`: an optional `x` that nothing
    /// enables is never walked, so the feature goes nowhere.
    fn dep_feature(&mut self, unit: Unit, dep: String, f: String) {
        let pkg = self.package(unit.0);
        let state = self.unit(unit);
        if !state
            .dep_features
            .entry(dep.clone())
            .or_default()
            .insert(f.clone())
        {
            return;
        }
        let targets: Vec<Unit> = state
            .connected
            .iter()
            .filter(|(i, _)| dep_name(&pkg.dependencies[*i]) == dep)
            .map(|&(_, t)| t)
            .collect();
        for t in targets {
            self.queue.push_back(Work::Feature(t, f.clone()));
        }
    }

    fn connect(&mut self, unit: Unit, i: usize) {
        if self.unit(unit).connected.iter().any(|(d, _)| *d == i) {
            return;
        }
        let pkg = self.package(unit.0);
        let dep = &pkg.dependencies[i];
        let Some(to) = self.target_of(unit.0, dep) else {
            return;
        };
        let host = unit.1
            || dep.kind == DependencyKind::Build
            || self
                .package(to)
                .targets
                .iter()
                .any(|t| t.kind.contains(&TargetKind::ProcMacro));
        let target = (to, host);
        let mut features: Vec<String> = dep.features.clone();
        if dep.uses_default_features {
            features.push("default".to_owned());
        }
        let name = dep_name(dep).to_owned();
        let state = self.unit(unit);
        state.connected.push((i, target));
        if let Some(asked) = state.dep_features.get(&name) {
            features.extend(asked.iter().cloned());
        }
        self.edges.insert(Edge {
            from: unit.0,
            to,
            kind: super::edge_scope(dep.kind),
        });
        self.activate(target, features);
    }
}

/// Walks the graph cargo builds for the request and returns its edges; the
/// crates are the roots and every edge's end.
pub fn walk(
    metadata: &Metadata,
    index: &HashMap<&PackageId, usize>,
    request: &Request<'_>,
) -> Vec<Edge> {
    let mut resolved = vec![Vec::new(); metadata.packages.len()];
    if let Some(resolve) = &metadata.resolve {
        for node in &resolve.nodes {
            let Some(&from) = index.get(&node.id) else {
                continue;
            };
            resolved[from] = node
                .deps
                .iter()
                .filter_map(|d| Some((*index.get(&d.pkg)?, d.dep_kinds.as_slice())))
                .collect();
        }
    }
    let mut walk = Walk {
        metadata,
        resolved,
        roots: request.roots.iter().copied().collect(),
        include_dev: request.include_dev,
        platforms: request.platforms,
        units: HashMap::new(),
        edges: BTreeSet::new(),
        queue: VecDeque::new(),
    };
    for &root in request.roots {
        let pkg = &metadata.packages[root];
        let mut features: Vec<String> = Vec::new();
        if request.all_features {
            features.extend(pkg.features.keys().cloned());
        }
        if !request.no_default_features {
            features.push("default".to_owned());
        }
        for f in request.features {
            // `member/feature` names a feature of that member; any other
            // `x/f` is a dependency feature of every selected member.
            match f.split_once('/') {
                Some((owner, feat)) if owner == pkg.name.as_str() => features.push(feat.to_owned()),
                Some((owner, _))
                    if request
                        .roots
                        .iter()
                        .any(|&r| metadata.packages[r].name.as_str() == owner) => {}
                _ => features.push(f.clone()),
            }
        }
        // A proc-macro member is built for the host, as its dependencies are.
        let unit = (
            root,
            pkg.targets
                .iter()
                .any(|t| t.kind.contains(&TargetKind::ProcMacro)),
        );
        walk.activate(unit, Vec::new());
        for f in features {
            if f.contains('/') || f.starts_with("dep:") {
                walk.value(unit, &f);
            } else {
                walk.queue.push_back(Work::Feature(unit, f));
            }
        }
    }
    walk.run();
    walk.edges.into_iter().collect()
}
