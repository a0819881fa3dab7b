//! The Cargo graph: runs `cargo metadata` (or reads a saved copy) and works
//! out, for every crate, how it is reachable from the workspace members
//! (normal, build-only or dev-only) and the shortest path that brings it in,
//! so that every finding can answer "why is this here?".

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

/// Finds the workspace root without running cargo: the nearest directory at
/// or above the manifest whose `Cargo.toml` has a `[workspace]` table. Used
/// to look up the config while `cargo metadata` runs.
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

pub fn locate_root(manifest_path: Option<&Path>) -> Result<PathBuf> {
    let manifest = find_manifest(manifest_path)?;
    let manifest = manifest.canonicalize().unwrap_or(manifest);
    let start = manifest.parent().unwrap_or(Path::new(".")).to_path_buf();
    let mut dir = Some(start.as_path());
    while let Some(d) = dir {
        let candidate = d.join("Cargo.toml");
        if let Ok(text) = std::fs::read_to_string(&candidate)
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
            let text = std::fs::read_to_string(path)
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

fn run_cargo_metadata(opts: &GraphOptions) -> Result<Metadata> {
    let mut cmd = MetadataCommand::new();
    if let Some(path) = &opts.manifest_path {
        cmd.manifest_path(path);
    }
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
    // Nothing of the audited project may run: no registry credential
    // provider its `.cargo/config.toml` names, only cargo's built-in one
    // (an environment variable replaces a provider list; the user's own
    // variables are kept)...
    let config = project_config(opts);
    let mut providers = vec![
        "CARGO_REGISTRY_CREDENTIAL_PROVIDER".to_owned(),
        "CARGO_REGISTRY_GLOBAL_CREDENTIAL_PROVIDERS".to_owned(),
    ];
    providers.extend(config.registries.iter().map(|name| {
        format!(
            "CARGO_REGISTRIES_{}_CREDENTIAL_PROVIDER",
            name.to_ascii_uppercase().replace('-', "_")
        )
    }));
    for var in providers {
        if std::env::var_os(&var).is_none() {
            cmd.env(var, "cargo:token");
        }
    }
    cmd.other_options(other);
    // ...no toolchain its `rust-toolchain.toml` names (a rustup proxy reads
    // that file from the current directory): run the user's own cargo by
    // absolute path, and their rustc by absolute path or through rustup's
    // proxy pinned to their toolchain...
    let tools = Toolchain::of_user();
    if let Some(cargo) = &tools.cargo {
        cmd.cargo_path(cargo);
    }
    // ...and no rustc or wrapper its config names, unless the user chose
    // them in their environment.
    if std::env::var_os("RUSTC").is_none() {
        match &tools.rustc {
            Some(rustc) => cmd.env("RUSTC", rustc),
            None => cmd.env("RUSTC", "rustc"),
        };
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
                cmd.env(var, value);
            }
        }
    }
    // Only when the project may name a wrapper: an empty one stops cargo
    // from keeping rustc's answers in `target/.rustc_info.json`, and every
    // run would ask rustc again (two processes, some 50 ms).
    for wrapper in ["RUSTC_WRAPPER", "RUSTC_WORKSPACE_WRAPPER"] {
        if config.wrapper && std::env::var_os(wrapper).is_none() {
            cmd.env(wrapper, "");
        }
    }
    let redactor = crate::secrets::Redactor::from_env();
    cmd.exec().map_err(|err| {
        let manifest = opts
            .manifest_path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "Cargo.toml".to_owned());
        match err {
            cargo_metadata::Error::CargoMetadata { stderr } => {
                let detail = stderr.trim();
                let help = if opts.offline || opts.frozen {
                    "cargo could not resolve the workspace offline: run `cargo fetch` once with network access, or drop --offline/--frozen"
                } else if opts.locked {
                    "Cargo.lock needs updating: run `cargo update` (or drop --locked)"
                } else {
                    "fix the manifest error above; `cargo metadata` shows the same message"
                };
                Error::usage(format!(
                    "`cargo metadata` failed for {manifest}:\n{}",
                    redactor.redact(detail)
                ))
                .with_help(help)
            }
            other => Error::usage(format!("`cargo metadata` failed for {manifest}: {other}")),
        }
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
        let from_rustup = std::process::Command::new("rustup")
            .args(["which", "cargo"])
            .current_dir("/")
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .output()
            .ok()
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
            cargo: on_path("cargo"),
            rustc: on_path("rustc"),
            rustup: None,
        }
    }
}

fn on_path(name: &str) -> Option<PathBuf> {
    let name = format!("{name}{}", std::env::consts::EXE_SUFFIX);
    std::env::split_paths(&std::env::var_os("PATH")?)
        .filter(|d| d.is_absolute())
        .map(|d| d.join(&name))
        .find(|p| p.is_file())
}

/// What the `.cargo/config.toml` files cargo will read for this workspace
/// say that matters before cargo runs: the registries they define, so that
/// each one's `credential-provider` can be overridden, and whether any of
/// them may name a rustc wrapper.
#[derive(Debug, Default, PartialEq)]
struct ProjectConfig {
    registries: Vec<String>,
    /// A file sets `build.rustc-wrapper` or `build.rustc-workspace-wrapper`,
    /// includes other files, or cannot be read: its wrappers are turned off.
    wrapper: bool,
}

fn project_config(opts: &GraphOptions) -> ProjectConfig {
    let mut dirs = Vec::new();
    if let Ok(cwd) = std::env::current_dir() {
        dirs.extend(cwd.ancestors().map(Path::to_path_buf));
    }
    if let Some(dir) = opts
        .manifest_path
        .as_ref()
        .and_then(|m| m.canonicalize().ok())
        .and_then(|m| m.parent().map(Path::to_path_buf))
    {
        dirs.extend(dir.ancestors().map(Path::to_path_buf));
    }
    let mut config = ProjectConfig::default();
    for dir in dirs {
        for file in ["config.toml", "config"] {
            let path = dir.join(".cargo").join(file);
            let table = match crate::error::read_capped(&path, 1024 * 1024) {
                Ok(bytes) => String::from_utf8_lossy(&bytes).parse::<toml::Table>().ok(),
                Err(_) if std::fs::symlink_metadata(&path).is_err() => continue,
                Err(_) => None,
            };
            config.read(table.as_ref());
        }
    }
    config
}

impl ProjectConfig {
    /// Adds one config file (`None`: present, but not a TOML table within
    /// the size cap).
    fn read(&mut self, table: Option<&toml::Table>) {
        let Some(table) = table else {
            self.wrapper = true;
            return;
        };
        // `build.rustc-wrapper` and `build.rustc-workspace-wrapper`, or a key
        // like them anywhere (a later cargo may read one elsewhere).
        fn names_wrapper(table: &toml::Table) -> bool {
            table.iter().any(|(key, value)| {
                key.contains("wrapper") || value.as_table().is_some_and(names_wrapper)
            })
        }
        if table.contains_key("include")
            || table.get("build").is_some_and(|b| !b.is_table())
            || names_wrapper(table)
        {
            self.wrapper = true;
        }
        if let Some(regs) = table.get("registries").and_then(|r| r.as_table()) {
            for name in regs.keys() {
                let plain = !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                if plain && !self.registries.contains(name) {
                    self.registries.push(name.clone());
                }
            }
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
            let text = crate::error::read_capped(path, MAX_CONFIG_BYTES).ok()?;
            Some((
                i,
                manifest::Declarations::read(&String::from_utf8_lossy(&text)),
            ))
        })
        .collect();
    let mut crates = Vec::new();
    for (i, pkg) in metadata.packages.iter().enumerate() {
        let Some(s) = scope[i] else { continue };
        if opts.exclude_dev && s == Scope::Dev {
            continue;
        }
        let mut path = vec![label(i)];
        let mut cur = i;
        while let Some(p) = parent[cur] {
            path.push(label(p));
            cur = p;
            if path.len() > n {
                break;
            }
        }
        path.reverse();
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

/// `name`, `name@version` or a package id.
fn matches_spec(pkg: &Package, spec: &str) -> bool {
    match spec.split_once('@') {
        Some((name, version)) => pkg.name.as_str() == name && pkg.version.to_string() == version,
        None => pkg.name.as_str() == spec || pkg.id.repr == spec,
    }
}

#[cfg(test)]
mod tests {
    use super::{ProjectConfig, RustupToolchain, show_path};
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

    fn config_of(files: &[&str]) -> ProjectConfig {
        let mut config = ProjectConfig::default();
        for text in files {
            config.read(text.parse::<toml::Table>().ok().as_ref());
        }
        config
    }

    #[test]
    fn a_project_config_that_may_name_a_wrapper_is_seen() {
        for text in [
            "[build]\nrustc-wrapper = \"./w\"\n",
            "build.rustc-workspace-wrapper = \"./w\"\n",
            "[build]\n\"rustc-wrapper\" = \"./w\"\n",
            "include = [\"other.toml\"]\n",
            "build = 1\n",
            "[target.x86_64-unknown-linux-gnu]\nrustc-wrapper = \"./w\"\n",
            "[build\nnot toml",
        ] {
            assert!(
                config_of(&["[net]\noffline = true\n", text]).wrapper,
                "{text}"
            );
        }
        let quiet = config_of(&[
            "[build]\nrustflags = [\"-Ctarget-cpu=native\"]\n[registries.mine]\nindex = \"sparse+https://r/\"\n[registries.\"a b\"]\nindex = \"x\"\n",
        ]);
        assert_eq!(
            quiet,
            ProjectConfig {
                registries: vec!["mine".to_owned()],
                wrapper: false
            }
        );
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
