//! The Cargo graph: runs `cargo metadata` (or reads a saved copy) and works
//! out, for every crate, how it is reachable from the workspace members
//! (normal, build-only or dev-only) and the shortest path that brings it in,
//! so that every finding can answer "why is this here?".

pub mod cargo_config;
mod features;
mod manifest;
mod members;

pub use members::guess_members;

use crate::domain::{Scope, Span};
use crate::error::{Error, Result};
use cargo_metadata::{CargoOpt, DependencyKind, Metadata, MetadataCommand, Package, PackageId};
use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};

/// The largest manifest or config file read (a member's `Cargo.toml`, the
/// project's config or one it `extends`).
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// How to obtain the graph: the cargo-style flags.
#[derive(Debug, Clone, Default)]
pub struct GraphOptions {
    pub manifest_path: Option<PathBuf>,
    pub packages: Vec<String>,
    pub features: Vec<String>,
    pub all_features: bool,
    pub no_default_features: bool,
    pub targets: Vec<String>,
    pub exclude_dev: bool,
    pub offline: bool,
    pub locked: bool,
    pub frozen: bool,
    pub metadata_path: Option<PathBuf>,
}

/// One crate in the graph, with what the later stages need to know.
#[derive(Debug, Clone)]
pub struct CrateNode {
    pub package: Package,
    pub member: bool,
    pub scope: Scope,
    /// From a workspace member to this crate, as `name@version`.
    pub path: Vec<String>,
    /// The crates that depend on this one directly.
    pub dependents: Vec<Dependent>,
    /// A workspace member: where its manifest gives its license.
    pub license_span: Option<Span>,
}

/// A crate that depends on another directly.
#[derive(Debug, Clone)]
pub struct Dependent {
    /// `name@version`.
    pub name: String,
    /// The edge's kind.
    pub scope: Scope,
    pub manifest: PathBuf,
    /// Where its manifest declares the dependency, when the manifest is in
    /// the workspace.
    pub span: Option<Span>,
}

/// The resolved Cargo graph of the workspace.
#[derive(Debug)]
pub struct Workspace {
    pub root: PathBuf,
    pub target_dir: PathBuf,
    pub crates: Vec<CrateNode>,
    /// Every package in cargo's graph as `(name, version)`, selected by
    /// `-p`/`--target` or not.
    pub all_packages: Vec<(String, String)>,
}

/// The package's manifest as cargo finds it: `--manifest-path`, which must
/// name a `Cargo.toml` file, or else the nearest `Cargo.toml` at or above
/// the current directory.
pub fn find_manifest(manifest_path: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = manifest_path {
        if p.is_dir() {
            return Err(Error::usage(format!(
                "--manifest-path {} is a directory; it expects the path to a Cargo.toml file",
                p.display()
            ))
            .with_help(format!(
                "pass --manifest-path {}",
                p.join("Cargo.toml").display()
            )));
        }
        if p.file_name().is_none_or(|n| n != "Cargo.toml") {
            return Err(Error::usage(format!(
                "--manifest-path {} does not name a Cargo.toml file",
                p.display()
            ))
            .with_help("pass the path to the package's or workspace's Cargo.toml"));
        }
        if !p.is_file() {
            return Err(Error::usage(format!("no Cargo.toml at {}", p.display()))
                .with_help("check the --manifest-path"));
        }
        return Ok(p.to_path_buf());
    }
    let cwd = std::env::current_dir()
        .map_err(|e| Error::usage(format!("cannot read the current directory: {e}")))?;
    cwd.ancestors()
        .map(|d| d.join("Cargo.toml"))
        .find(|m| m.is_file())
        .ok_or_else(|| {
            Error::usage(format!(
                "no Cargo.toml in {} or any directory above it",
                cwd.display()
            ))
            .with_help("run in a Cargo project or pass --manifest-path path/to/Cargo.toml")
        })
}

/// Finds the workspace root without running cargo: the nearest directory at
/// or above the manifest whose `Cargo.toml` has a `[workspace]` table. Used
/// to look up the config while `cargo metadata` runs.
pub fn locate_root(manifest_path: Option<&Path>) -> Result<PathBuf> {
    let manifest = find_manifest(manifest_path)?;
    let manifest = manifest.canonicalize().unwrap_or(manifest);
    let start = manifest.parent().unwrap_or(Path::new(".")).to_path_buf();
    let mut dir = Some(start.as_path());
    while let Some(d) = dir {
        let candidate = d.join("Cargo.toml");
        if let Ok(text) = crate::files::read_text(&candidate, MAX_CONFIG_BYTES)
            && let Ok(table) = text.parse::<toml::Table>()
            && table.contains_key("workspace")
        {
            return Ok(d.to_path_buf());
        }
        dir = d.parent();
    }
    Ok(start)
}

/// A path as the user reads it: relative to the workspace root, with `..`
/// for a path beside it (`../vendor/nc/Cargo.toml`), or absolute when it
/// shares nothing with the root but `/`. Compared by components, so
/// `<parent>/wsdeps` is never taken for a part of `<parent>/ws`.
pub fn show_path(path: &Path, root: &Path) -> String {
    if path.is_relative() {
        return path.display().to_string();
    }
    if let Ok(inside) = path.strip_prefix(root) {
        return inside.display().to_string();
    }
    let p: Vec<_> = path.components().collect();
    let r: Vec<_> = root.components().collect();
    let common = p.iter().zip(&r).take_while(|(a, b)| a == b).count();
    // Only the filesystem root (or a drive prefix) in common: absolute.
    let shared_dirs = p[..common]
        .iter()
        .filter(|c| matches!(c, std::path::Component::Normal(_)))
        .count();
    if shared_dirs == 0 {
        return path.display().to_string();
    }
    let mut out = PathBuf::new();
    for _ in common..r.len() {
        out.push("..");
    }
    for c in &p[common..] {
        out.push(c);
    }
    out.display().to_string()
}

/// Runs `cargo metadata` (or reads `--metadata-path`) and builds the graph.
pub fn load(opts: &GraphOptions) -> Result<Workspace> {
    let metadata = match &opts.metadata_path {
        Some(path) => {
            let text = crate::files::read_text(path, MAX_METADATA_BYTES)
                .map_err(|e| Error::io("cannot read metadata file", path, e))?;
            MetadataCommand::parse(&text).map_err(|e| {
                Error::usage(format!(
                    "{} is not `cargo metadata --format-version 1` output: {e}",
                    path.display()
                ))
            })?
        }
        None => run_cargo_metadata(opts)?,
    };
    build(metadata, opts)
}

/// The most bytes of `cargo metadata` output (or `--metadata-path`) read.
const MAX_METADATA_BYTES: u64 = 1 << 30;

/// Runs the user's `cargo metadata` through the one door for programs
/// (`crate::process`): by absolute path, from outside the checkout, with
/// the user's environment less what cargo has no use for, so that nothing
/// the project's `.cargo/config.toml` or `rust-toolchain.toml` names runs
/// and no credential is sent where the project says. What of the project's
/// cargo config shapes the graph is passed as `--config` values
/// (`cargo_config`).
fn run_cargo_metadata(opts: &GraphOptions) -> Result<Metadata> {
    let manifest = find_manifest(opts.manifest_path.as_deref())?;
    let manifest = if manifest.is_absolute() {
        manifest
    } else {
        std::env::current_dir()
            .map(|d| d.join(&manifest))
            .unwrap_or(manifest)
    };
    let manifest = manifest.canonicalize().unwrap_or(manifest);
    let mut cmd = MetadataCommand::new();
    cmd.manifest_path(&manifest);
    if opts.all_features {
        cmd.features(CargoOpt::AllFeatures);
    }
    if opts.no_default_features {
        cmd.features(CargoOpt::NoDefaultFeatures);
    }
    if !opts.features.is_empty() {
        cmd.features(CargoOpt::SomeFeatures(opts.features.clone()));
    }
    // No `--filter-platform`: build scripts and proc macros of a `--target`
    // build still run on the host, with the host's dependencies; the walk
    // in `features` applies each platform where cargo does.
    let mut other = Vec::new();
    for (on, flag) in [
        (opts.offline, "--offline"),
        (opts.locked, "--locked"),
        (opts.frozen, "--frozen"),
    ] {
        if on {
            other.push(flag.to_owned());
        }
    }
    let dir = manifest.parent().unwrap_or(Path::new("/"));
    let passed = cargo_config::passed(dir).map_err(|e| {
        Error::usage(e).with_help(
            "cargo reads none of the project's config itself; the tool passes on its [source], [patch], net.offline and [resolver] keys, which it must be able to read",
        )
    })?;
    for value in passed.args {
        other.push("--config".to_owned());
        other.push(value);
    }
    cmd.other_options(other);
    let tools = Toolchain::of_user();
    let Some(cargo) = &tools.cargo else {
        return Err(
            Error::usage("cannot find cargo: neither rustup nor PATH names one")
                .with_help("install Rust with rustup, or put cargo on PATH"),
        );
    };
    cmd.cargo_path(cargo);
    let mut command = crate::process::command(cargo)
        .map_err(|e| Error::usage(format!("cannot run cargo: {e}")))?;
    command.args(cmd.cargo_command().get_args());
    // The user's rustc, by absolute path, unless they chose one.
    if std::env::var_os("RUSTC").is_none()
        && let Some(rustc) = &tools.rustc
    {
        command.env("RUSTC", rustc);
    }
    // What a rustup proxy tells the cargo it runs, which cargo adds to the
    // key of its rustc cache (`target/.rustc_info.json`): with it, the
    // user's own cargo commands and this one share that cache.
    if let Some(rustup) = &tools.rustup {
        for (var, value) in [
            ("RUSTUP_HOME", rustup.home.as_os_str()),
            ("RUSTUP_TOOLCHAIN", rustup.toolchain.as_os_str()),
        ] {
            if std::env::var_os(var).is_none() {
                command.env(var, value);
            }
        }
    }
    command.stdout(std::process::Stdio::piped());
    command.stderr(std::process::Stdio::piped());
    let redactor = crate::secrets::Redactor::from_env();
    let shown = opts
        .manifest_path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "Cargo.toml".to_owned());
    let output = command
        .output()
        .map_err(|e| Error::usage(format!("cannot run `cargo metadata` for {shown}: {e}")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let help = if opts.offline || opts.frozen {
            "cargo could not resolve the workspace offline: run `cargo fetch` once with network access, or drop --offline/--frozen"
        } else if opts.locked {
            "Cargo.lock needs updating: run `cargo update` (or drop --locked)"
        } else {
            "fix the manifest error above; `cargo metadata` shows the same message"
        };
        return Err(Error::usage(format!(
            "`cargo metadata` failed for {shown}:\n{}",
            redactor.redact(stderr.trim())
        ))
        .with_help(help));
    }
    if output.stdout.len() as u64 > MAX_METADATA_BYTES {
        return Err(Error::usage(format!(
            "`cargo metadata` for {shown} printed more than {MAX_METADATA_BYTES} bytes"
        )));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let json = text.lines().find(|l| l.starts_with('{')).unwrap_or("");
    MetadataCommand::parse(json).map_err(|e| {
        Error::usage(format!(
            "`cargo metadata` for {shown} gave output this tool cannot read: {e}"
        ))
    })
}

/// The user's own `cargo` and `rustc`, by absolute path.
#[derive(Debug, Default)]
pub struct Toolchain {
    pub cargo: Option<PathBuf>,
    pub rustc: Option<PathBuf>,
    /// When rustup chose them: the toolchain, as its proxies name it.
    pub rustup: Option<RustupToolchain>,
}

/// A rustup toolchain, as a proxy tells the program it runs.
#[derive(Debug, PartialEq)]
pub struct RustupToolchain {
    /// `RUSTUP_HOME`: the directory that holds `toolchains/`.
    pub home: PathBuf,
    /// `RUSTUP_TOOLCHAIN`: the name of the toolchain's directory.
    pub toolchain: std::ffi::OsString,
}

impl RustupToolchain {
    /// From the path of its cargo: `<home>/toolchains/<name>/bin/cargo`.
    fn of(cargo: &Path) -> Option<RustupToolchain> {
        let dir = cargo.parent()?.parent()?;
        let toolchains = dir.parent()?;
        if toolchains.file_name()? != "toolchains" {
            return None;
        }
        Some(RustupToolchain {
            home: toolchains.parent()?.to_path_buf(),
            toolchain: dir.file_name()?.to_os_string(),
        })
    }
}

impl Toolchain {
    /// Asks rustup from the root directory, where no project's toolchain
    /// file can be found (the user's `RUSTUP_TOOLCHAIN` still counts);
    /// without rustup, the `cargo` and `rustc` on `PATH` are real binaries
    /// that read no toolchain file.
    pub fn of_user() -> Toolchain {
        let from_rustup = crate::process::on_path("rustup")
            .and_then(|rustup| crate::process::command(&rustup).ok())
            .and_then(|mut cmd| {
                cmd.args(["which", "cargo"])
                    .stderr(std::process::Stdio::null())
                    .output()
                    .ok()
            })
            .filter(|o| o.status.success())
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .map(|s| PathBuf::from(s.trim()))
            .filter(|p| p.is_absolute() && p.is_file());
        if let Some(cargo) = from_rustup {
            let rustc = cargo
                .parent()
                .map(|d| d.join(format!("rustc{}", std::env::consts::EXE_SUFFIX)))
                .filter(|p| p.is_file());
            return Toolchain {
                rustup: RustupToolchain::of(&cargo),
                cargo: Some(cargo),
                rustc,
            };
        }
        Toolchain {
            cargo: crate::process::on_path("cargo"),
            rustc: crate::process::on_path("rustc"),
            rustup: None,
        }
    }
}

fn edge_scope(kind: DependencyKind) -> Scope {
    match kind {
        DependencyKind::Development => Scope::Dev,
        DependencyKind::Build => Scope::Build,
        _ => Scope::Normal,
    }
}

/// Builds the graph from metadata: scopes by a breadth-first walk from the
/// selected members that settles normal reachability first, then build-only,
/// then dev-only, so each crate gets its best scope and a shortest path.
pub fn build(metadata: Metadata, opts: &GraphOptions) -> Result<Workspace> {
    metadata.resolve.as_ref().ok_or_else(|| {
        Error::usage("`cargo metadata` returned no dependency graph (was it run with --no-deps?)")
    })?;
    let index: HashMap<&PackageId, usize> = metadata
        .packages
        .iter()
        .enumerate()
        .map(|(i, p)| (&p.id, i))
        .collect();
    let members: Vec<usize> = metadata
        .workspace_members
        .iter()
        .filter_map(|id| index.get(id).copied())
        .collect();

    let roots: Vec<usize> = if opts.packages.is_empty() {
        members.clone()
    } else {
        let mut roots = Vec::new();
        for spec in &opts.packages {
            let found: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&i| matches_spec(&metadata.packages[i], spec))
                .collect();
            if found.is_empty() {
                let names: Vec<String> = members
                    .iter()
                    .map(|&i| metadata.packages[i].name.to_string())
                    .collect();
                return Err(Error::usage(format!(
                    "package `{spec}` is not a member of the workspace"
                ))
                .with_help(format!("workspace members: {}", names.join(", "))));
            }
            roots.extend(found);
        }
        roots
    };

    // Adjacency of the graph cargo builds for this selection:
    // package -> [(dependency, best edge scope)].
    let platforms = if opts.targets.is_empty() {
        None
    } else {
        Some(features::Platforms::query(&opts.targets).map_err(|e| {
            Error::usage(format!("cannot learn the cfg values of --target: {e}"))
                .with_help("check the triple: `rustc --print target-list` lists them")
        })?)
    };
    let request = features::Request {
        roots: &roots,
        features: &opts.features,
        all_features: opts.all_features,
        no_default_features: opts.no_default_features,
        include_dev: !opts.exclude_dev,
        platforms: platforms.as_ref(),
    };
    let mut edges: Vec<Vec<(usize, Scope)>> = vec![Vec::new(); metadata.packages.len()];
    for edge in features::walk(&metadata, &index, &request) {
        let scope = edge.kind;
        match edges[edge.from].iter_mut().find(|(to, _)| *to == edge.to) {
            Some((_, s)) => *s = (*s).min(scope),
            None => edges[edge.from].push((edge.to, scope)),
        }
    }

    let n = metadata.packages.len();
    let mut scope: Vec<Option<Scope>> = vec![None; n];
    let mut parent: Vec<Option<usize>> = vec![None; n];
    let mut dependents: Vec<Vec<(usize, Scope)>> = vec![Vec::new(); n];
    for (from, list) in edges.iter().enumerate() {
        for &(to, s) in list {
            dependents[to].push((from, s));
        }
    }
    for level in [Scope::Normal, Scope::Build, Scope::Dev] {
        let mut queue: VecDeque<usize> = VecDeque::new();
        if level == Scope::Normal {
            for &r in &roots {
                if scope[r].is_none() {
                    scope[r] = Some(Scope::Normal);
                    queue.push_back(r);
                }
            }
        } else {
            // Seed with crates reached through an edge of this level from a
            // crate already settled at a better level.
            for from in 0..n {
                let Some(fs) = scope[from] else { continue };
                if fs >= level {
                    continue;
                }
                for &(to, es) in &edges[from] {
                    if scope[to].is_none() && fs.max(es) == level {
                        scope[to] = Some(level);
                        parent[to] = Some(from);
                        queue.push_back(to);
                    }
                }
            }
        }
        while let Some(from) = queue.pop_front() {
            for &(to, es) in &edges[from] {
                if scope[to].is_none() && es.max(level) == level {
                    scope[to] = Some(level);
                    parent[to] = Some(from);
                    queue.push_back(to);
                }
            }
        }
    }

    let label = |i: usize| {
        let p = &metadata.packages[i];
        format!("{}@{}", p.name, p.version)
    };
    // The manifests in the workspace, read once for where they declare
    // things; a registry crate's is never shown.
    let root = metadata.workspace_root.as_std_path();
    let declarations: HashMap<usize, manifest::Declarations> = (0..n)
        .filter(|&i| scope[i].is_some())
        .filter(|&i| metadata.packages[i].manifest_path.starts_with(root))
        .filter_map(|i| {
            let path = metadata.packages[i].manifest_path.as_std_path();
            let text = crate::files::read(path, MAX_CONFIG_BYTES).ok()?;
            Some((
                i,
                manifest::Declarations::read(&String::from_utf8_lossy(&text)),
            ))
        })
        .collect();
    let mut crates = Vec::new();
    let mut top = vec![None; n];
    for (i, pkg) in metadata.packages.iter().enumerate() {
        let Some(s) = scope[i] else { continue };
        if opts.exclude_dev && s == Scope::Dev {
            continue;
        }
        let path = bounded_path(i, &parent, &mut top, &label);
        let deps = dependents[i]
            .iter()
            .filter(|(from, _)| scope[*from].is_some())
            .map(|&(from, es)| Dependent {
                name: label(from),
                scope: es,
                manifest: metadata.packages[from]
                    .manifest_path
                    .clone()
                    .into_std_path_buf(),
                span: declarations
                    .get(&from)
                    .and_then(|d| d.dependency(pkg.name.as_str(), es))
                    .cloned(),
            })
            .collect();
        let member = members.contains(&i);
        crates.push(CrateNode {
            package: pkg.clone(),
            member,
            scope: s,
            path,
            dependents: deps,
            license_span: declarations
                .get(&i)
                .filter(|_| member)
                .and_then(|d| d.license.clone()),
        });
    }
    crates.sort_by(|a, b| {
        (a.package.name.as_str(), &a.package.version)
            .cmp(&(b.package.name.as_str(), &b.package.version))
    });
    Ok(Workspace {
        root: metadata.workspace_root.clone().into_std_path_buf(),
        target_dir: metadata.target_directory.clone().into_std_path_buf(),
        crates,
        all_packages: metadata
            .packages
            .iter()
            .map(|p| (p.name.to_string(), p.version.to_string()))
            .collect(),
    })
}

/// The most entries a crate's path has: a longer path keeps its first
/// entry (the workspace member), a `... N more ...` entry, and its last
/// entries (the crate and the ones that bring it in), so that the paths of
/// a graph, and the reports that show them, grow linearly with it.
pub const MAX_PATH: usize = 16;

/// The path from a workspace member to crate `i`, bounded by [`MAX_PATH`].
/// `top` memoizes each crate's first ancestor and its distance to it, so
/// all the paths of a graph cost time linear in its size.
fn bounded_path(
    i: usize,
    parent: &[Option<usize>],
    top: &mut [Option<(usize, usize)>],
    label: &dyn Fn(usize) -> String,
) -> Vec<String> {
    let mut climb = Vec::new();
    let mut cur = i;
    let (root, mut depth) = loop {
        if let Some(found) = top[cur] {
            break found;
        }
        match parent[cur] {
            // The parents form a tree (each crate gets one when first
            // reached); the length check only guards against a cycle.
            Some(p) if climb.len() < parent.len() => {
                climb.push(cur);
                cur = p;
            }
            _ => {
                top[cur] = Some((cur, 0));
                break (cur, 0);
            }
        }
    };
    for &c in climb.iter().rev() {
        depth += 1;
        top[c] = Some((root, depth));
    }
    let len = depth + 1;
    let keep = if len > MAX_PATH { MAX_PATH - 2 } else { len };
    let mut path = Vec::with_capacity(keep.min(MAX_PATH));
    let mut cur = i;
    for _ in 0..keep {
        path.push(label(cur));
        match parent[cur] {
            Some(p) => cur = p,
            None => break,
        }
    }
    if len > MAX_PATH {
        path.push(format!("... {} more ...", len - keep - 1));
        path.push(label(root));
    }
    path.reverse();
    path
}

/// `name`, `name@version` or a package id.
fn matches_spec(pkg: &Package, spec: &str) -> bool {
    match spec.split_once('@') {
        Some((name, version)) => pkg.name.as_str() == name && pkg.version.to_string() == version,
        None => pkg.name.as_str() == spec || pkg.id.repr == spec,
    }
}

#[cfg(test)]
mod tests {
    use super::{RustupToolchain, show_path};
    use std::path::Path;

    #[test]
    fn a_rustup_toolchain_is_read_off_its_cargo() {
        assert_eq!(
            RustupToolchain::of(Path::new(
                "/h/.rustup/toolchains/stable-x86_64-unknown-linux-gnu/bin/cargo"
            )),
            Some(RustupToolchain {
                home: "/h/.rustup".into(),
                toolchain: "stable-x86_64-unknown-linux-gnu".into()
            })
        );
        assert_eq!(RustupToolchain::of(Path::new("/usr/bin/cargo")), None);
    }

    #[test]
    fn paths_beside_the_root_are_never_cut_as_text() {
        let root = Path::new("/home/u/ws");
        let show = |p: &str| show_path(Path::new(p), root);
        assert_eq!(show("/home/u/ws/app/Cargo.toml"), "app/Cargo.toml");
        assert_eq!(
            show("/home/u/wsdeps/nc/Cargo.toml"),
            "../wsdeps/nc/Cargo.toml"
        );
        assert_eq!(show("/opt/x/Cargo.toml"), "/opt/x/Cargo.toml");
        assert_eq!(show("app/Cargo.toml"), "app/Cargo.toml");
    }
}
