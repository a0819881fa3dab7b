//! `cargo model-audit`: audits the licenses of every crate and model a Rust
//! project depends on and fails the build when the policy breaks, above all
//! when something labelled open source is not.
//!
//! The pipeline (see ARCHITECTURE.md): `workspace` -> `discover` -> `resolve` ->
//! `evaluate` -> `report`, with `policy` and `catalog` as the knowledge the
//! stages share. `main.rs` only parses arguments and maps the result to an
//! exit code.

pub mod cache;
pub mod catalog;
pub mod cli;
pub mod discover;
pub mod domain;
pub mod error;
pub mod evaluate;
pub mod files;
pub mod parallel;
pub mod policy;
pub mod process;
// `safe!` for this file (stderr).
#[macro_use]
pub mod report;
pub mod resolve;
pub mod secrets;
pub mod workspace;
pub mod yaml;

use catalog::Catalog;
use cli::{Cli, ColorChoice, Command, Format};
use error::{Error, Exit, Result, Tally};
use report::escape::{Output, Plain, Safe, plain, plain_lines, styled};
use std::io::Write;

/// The one writer of stderr: messages, warnings and status lines, as plain
/// text whose every piece from outside went through its escaper.
pub fn to_stderr(text: &Safe<Plain>) {
    eprintln!("{text}");
}

/// Prints an error the way cargo does, to stderr. Its text may quote the
/// project (cargo's messages do): no line of it can be a workflow command.
pub fn print_error(err: &Error) {
    let red = console::Style::new().red().bold();
    let redactor = secrets::Redactor::from_env();
    to_stderr(&safe!(
        "{} {}",
        styled(&red, "error:"),
        plain_lines(&redactor.redact(&err.message))
    ));
    // The causes, unless the message already quotes them.
    let mut cause = std::error::Error::source(err);
    while let Some(c) = cause {
        let text = c.to_string();
        if !err.message.contains(&text) {
            to_stderr(&safe!(
                "  caused by: {}",
                plain_lines(&redactor.redact(&text))
            ));
        }
        cause = c.source();
    }
    if let Some(help) = &err.help {
        let blue = console::Style::new().blue().bold();
        to_stderr(&safe!("  {} {}", styled(&blue, "help:"), plain_lines(help)));
    }
}

fn setup_color(choice: Option<ColorChoice>) {
    let choice = choice.or_else(|| match std::env::var("CARGO_TERM_COLOR").ok()?.as_str() {
        "always" => Some(ColorChoice::Always),
        "never" => Some(ColorChoice::Never),
        _ => None,
    });
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let (out, err) = match choice {
        Some(ColorChoice::Always) => (true, true),
        Some(ColorChoice::Never) => (false, false),
        _ if no_color => (false, false),
        _ => (
            console::Term::stdout().is_term(),
            console::Term::stderr().is_term(),
        ),
    };
    console::set_colors_enabled(out);
    console::set_colors_enabled_stderr(err);
}

/// A cargo-style status line on stderr: `   Resolving 12 crates`.
pub fn status(quiet: bool, verb: &'static str, message: &Safe<Plain>) {
    if quiet {
        return;
    }
    let green = console::Style::new().green().bold().for_stderr();
    to_stderr(&safe!("{:>12} {}", styled(&green, verb), message));
}

fn graph_options(g: &cli::GlobalArgs) -> workspace::GraphOptions {
    workspace::GraphOptions {
        manifest_path: g.manifest_path.clone(),
        packages: g.packages.clone(),
        features: g
            .features
            .iter()
            .flat_map(|f| f.split_whitespace().map(str::to_owned))
            .collect(),
        all_features: g.all_features,
        no_default_features: g.no_default_features,
        targets: g.target.clone(),
        exclude_dev: g.exclude_dev,
        offline: g.offline || g.frozen,
        locked: g.locked,
        frozen: g.frozen,
        metadata_path: g.metadata_path.clone(),
    }
}

pub use report::Audit;

/// Runs the pipeline: graph and config in parallel, then discover, resolve
/// and evaluate. `lock_mode` says what the command may do to the lock.
pub fn audit(g: &cli::GlobalArgs, lock_mode: resolve::LockMode) -> Result<Audit> {
    let catalog = Catalog::builtin();
    let opts = graph_options(g);
    let request = policy::PolicyRequest {
        config: g.config.as_deref(),
        preset: g.policy.as_deref(),
        no_project_policy: g.no_project_policy
            || std::env::var(policy::owner::NO_PROJECT_POLICY).is_ok_and(|v| v == "1"),
    };
    let (ws, policy, members) = if opts.metadata_path.is_some() {
        let ws = workspace::load(&opts)?;
        files::allow_root(&ws.root);
        let policy = policy::load(&request, &ws.root, catalog)?;
        (ws, policy, None)
    } else {
        let root = workspace::locate_root(opts.manifest_path.as_deref())?;
        std::thread::scope(|s| {
            let graph = s.spawn(|| workspace::load(&opts));
            let policy = policy::load(&request, &root, catalog);
            // While cargo works: the members' own files.
            let members = policy.as_ref().ok().map(|p| discover::prescan(&root, p));
            // A first run will need the license store: load it while cargo
            // still works (if cargo is done, or failed, it waits its turn).
            if members.is_some() && !graph.is_finished() {
                let cache = cache::dir(&root).map(|d| d.join("license-texts.json"));
                resolve::texts::preload_unless_cached(cache.as_deref());
            }
            let ws = graph.join().unwrap_or_else(|_| {
                Err(Error::usage("internal error while reading the Cargo graph"))
            });
            // A config error is the more useful message when both fail.
            let policy = policy?;
            Ok::<_, Error>((ws?, policy, members))
        })?
    };
    // The graph's packages: the workspace cargo found (`--metadata-path`
    // names its own) and path dependencies beside it.
    files::allow_root(&ws.root);
    refuse_hf_cache_inside(&ws.root);
    for c in &ws.crates {
        if let Some(dir) = c.package.manifest_path.parent() {
            files::allow_root(dir.as_std_path());
        }
    }
    if policy.config_path.is_none() && g.policy.is_none() && !g.quiet {
        to_stderr(&safe!("note: {}", policy::DEFAULT_NOTE));
    }
    let mut policy = policy;
    policy::apply_lint_flags(&mut policy, &g.allow, &g.warn, &g.deny)?;
    let discover_options = discover::Options {
        include_hf_cache: g.include_hf_cache,
        hf_cache_dir: resolve::hub::HubConfig::from_env(&policy.hub, true).cache_dir,
    };
    let inventory = discover::inventory_with(&ws, &policy, &discover_options, members)?;
    let plural = |n: usize, one: &'static str, many: &'static str| -> Safe<Plain> {
        safe!("{} {}", n, if n == 1 { one } else { many })
    };
    let others = inventory.artifacts.len() - ws.crates.len();
    let mut what = plural(ws.crates.len(), "crate", "crates");
    if others > 0 {
        what.push(safe!(
            " and {}",
            plural(others, "model or weight file", "models and weight files")
        ));
    }
    what.push(safe!(" (policy: {})", plain(&policy.name)));
    status(g.quiet, "Resolving", &what);
    let lock_dir = policy
        .config_path
        .as_ref()
        .and_then(|p| p.parent())
        .map(|p| p.to_path_buf())
        .unwrap_or_else(|| ws.root.clone());
    let options = resolve::Options {
        offline: g.offline || g.frozen,
        locked: g.locked || g.frozen,
        quiet: g.quiet,
        lock_path: lock_dir.join(resolve::lock::FILE_NAME),
        lock_mode,
        confirm_untraced: g.confirm_untraced,
    };
    let target_dir = inventory.target_dir.clone();
    let all_packages = ws.all_packages;
    let resolved = resolve::resolve(inventory, &policy, catalog, &options)?;
    // Never silent: what could not be confirmed stays unaudited, and says so.
    for warning in &resolved.warnings {
        let yellow = console::Style::new().yellow().bold().for_stderr();
        to_stderr(&safe!("{} {}", styled(&yellow, "warning:"), plain(warning)));
    }

    let verdict = evaluate::evaluate(
        &resolved,
        &all_packages,
        &policy,
        catalog,
        policy::Date::today(),
    );
    Ok(Audit {
        policy,
        root: ws.root,
        target_dir,
        resolved,
        verdict,
    })
}

/// Writes a report to `--output` or stdout: an [`Output`], which has had
/// its last check.
fn emit(g: &cli::GlobalArgs, text: &Output) -> Result<()> {
    match &g.output {
        Some(path) => files::write_output_with(path, &mut |w| text.write_to(w))
            .map_err(|e| Error::io("cannot write the report to", path, e)),
        None => {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            match text.write_to(&mut out).and_then(|()| out.flush()) {
                // A closed pipe (`| head`) is not an error worth reporting.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(Error::io(
                    "cannot write the report to",
                    std::path::Path::new("stdout"),
                    e,
                )),
                Ok(()) => Ok(()),
            }
        }
    }
}

/// Reads the workspace files that findings point into, so that the
/// renderers can name a line (SARIF, workflow commands) without doing I/O.
/// Only small files are read; a larger one (a weight file) is only known to
/// exist.
fn read_sources(report: &report::Report<'_>) -> report::SourceFiles {
    const MAX_TEXT: u64 = 1 << 20;
    let mut sources = report::SourceFiles::default();
    for rel in report::SourceFiles::wanted(report) {
        let path = report.root.join(&rel);
        let text = match files::read(&path, MAX_TEXT) {
            Ok(bytes) => String::from_utf8(bytes).ok(),
            // Larger than the cap (a weight file): known to exist.
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => None,
            Err(_) => continue,
        };
        sources.insert(rel, text);
    }
    sources
}

/// `SOURCE_DATE_EPOCH`, the only source of a timestamp in any report.
fn source_date_epoch() -> Result<Option<i64>> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if !v.trim().is_empty() => {
            let help = "set it to an integer such as `$(git log -1 --format=%ct)`, or unset it";
            let epoch: i64 = v.trim().parse().map_err(|_| {
                Error::usage(format!(
                    "SOURCE_DATE_EPOCH is `{v}`, not a number of seconds since 1970"
                ))
                .with_help(help)
            })?;
            if report::cyclonedx::timestamp(epoch).is_none() {
                return Err(Error::usage(format!(
                    "SOURCE_DATE_EPOCH is `{v}`, outside the years 0000 to 9999 that a timestamp can show"
                ))
                .with_help(help));
            }
            Ok(Some(epoch))
        }
        _ => Ok(None),
    }
}

/// Renders the report of `check` (or, with `list`, the inventory) in the
/// chosen format. With `github`, the Markdown summary is also appended to
/// `$GITHUB_STEP_SUMMARY` when it is set.
fn render<'a>(format: Format, report: &'a report::Report<'a>, list: bool) -> Result<Output<'a>> {
    Ok(match format {
        Format::Html | Format::Text => {
            return Err(Error::usage("--format html and text are for `notices`")
                .with_help("check prints human, json, sarif, cyclonedx, markdown or github"));
        }
        Format::Tsv if list => Output::text(&report::human::render_tsv(report)),
        Format::Tsv => {
            return Err(Error::usage("--format tsv is for `list`")
                .with_help("check prints human, json, sarif, cyclonedx, markdown or github"));
        }
        Format::Human if list => Output::human(&report::human::render_list(report)),
        Format::Human => Output::human(&report::human::render(report, &read_sources(report))),
        Format::Json => Output::json_stream(report::json::doc(report)),
        Format::Sarif => Output::json(&report::sarif::render(report, &read_sources(report))),
        Format::Cyclonedx => Output::json(&report::cyclonedx::render(report, source_date_epoch()?)),
        Format::Markdown if list => Output::text(&report::markdown::render_list(report)),
        Format::Markdown => Output::text(&report::markdown::render(report, &read_sources(report))),
        Format::Github => {
            let sources = read_sources(report);
            if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
                let summary = if list {
                    report::markdown::render_list(report)
                } else {
                    report::markdown::render(report, &sources)
                };
                append(
                    std::path::Path::new(&path),
                    &Output::text(&summary).to_bytes(),
                )?;
            }
            Output::workflow(&report::github::render(report, &sources))
        }
    })
}

/// Appends to a file, creating it if needed, as the runner expects for
/// `$GITHUB_STEP_SUMMARY` (other steps write to it too).
fn append(path: &std::path::Path, text: &[u8]) -> Result<()> {
    files::append_users_file(path, text)
        .map_err(|e| Error::io("cannot write $GITHUB_STEP_SUMMARY", path, e))
}

/// The models discovery finds, without resolving anything (for `init`). A
/// workspace cargo cannot read yields none: `init` still writes its file.
fn found_models(g: &cli::GlobalArgs) -> Vec<policy::init::FoundModel> {
    let catalog = Catalog::builtin();
    let Ok(ws) = workspace::load(&graph_options(g)) else {
        return Vec::new();
    };
    let Ok(policy) = policy::load(&policy::PolicyRequest::default(), &ws.root, catalog) else {
        return Vec::new();
    };
    let options = discover::Options::default();
    let Ok(inventory) = discover::inventory(&ws, &policy, &options) else {
        return Vec::new();
    };
    inventory
        .artifacts
        .iter()
        .filter_map(|a| match &a.facts {
            domain::Facts::Model(m) => {
                let at = a
                    .references
                    .first()
                    .map(|r| match (&r.file, r.line) {
                        (Some(f), Some(l)) => format!("{f}:{l}"),
                        (Some(f), None) => f.to_string(),
                        _ => r.kind.to_string(),
                    })
                    .unwrap_or_default();
                Some(policy::init::FoundModel {
                    id: m.repo.id.to_string(),
                    dataset: m.repo.is_dataset(),
                    at,
                })
            }
            _ => None,
        })
        .collect()
}

/// `notices`: the third-party notices document for what the project ships
/// (normal and build scope, dev with `--include-dev`). A text that cannot be
/// had is a `notice-text-missing` warning on stderr and a section of the
/// document, never a silent gap.
fn notices(g: &cli::GlobalArgs, include_dev: bool) -> Result<Exit> {
    let format = match g.format {
        Format::Human | Format::Markdown => report::notices::Format::Markdown,
        Format::Html => report::notices::Format::Html,
        Format::Text => report::notices::Format::Text,
        other => {
            return Err(Error::usage(format!(
                "--format {} is not a format of `notices`",
                format!("{other:?}").to_lowercase()
            ))
            .with_help("notices writes markdown (the default), html or text"));
        }
    };
    let catalog = Catalog::builtin();
    let audit = audit(g, resolve::LockMode::ReadOnly)?;
    let settings =
        resolve::notices::Settings::new(catalog, &audit.policy, &audit.root, g.offline || g.frozen);
    let doc = report::notices::assemble(&audit, include_dev, catalog, |wanted| {
        let what = safe!("license texts for {} artifacts", wanted.len());
        status(g.quiet, "Gathering", &what);
        resolve::notices::gather(wanted, &settings)
    });
    for warning in report::notices::warnings(&doc) {
        to_stderr(&warning);
    }
    emit(g, &report::notices::render(&doc, format))?;
    Ok(Exit::of(Tally {
        warnings: doc.gaps.len(),
        deny_warnings: g.deny_warnings,
        ..Tally::default()
    }))
}

/// A Hugging Face cache inside the workspace (`HF_HOME` or `HF_HUB_CACHE`
/// pointed into the checkout) is not read: a pull request could commit a
/// card into it that the offline run would believe. Said on stderr, with
/// what to do.
fn refuse_hf_cache_inside(root: &std::path::Path) {
    let hf_cache = secrets::hf_cache_dir();
    if !hf_cache.is_dir() || !cache::is_inside(&hf_cache, root) {
        return;
    }
    files::deny_tree(&hf_cache);
    let yellow = console::Style::new().yellow().bold().for_stderr();
    to_stderr(&safe!(
        "{} the Hugging Face cache {} is inside the workspace, where a pull request can write it: it is not read",
        styled(&yellow, "warning:"),
        plain(&hf_cache.display().to_string())
    ));
    let blue = console::Style::new().blue().bold().for_stderr();
    to_stderr(&safe!(
        "  {} point HF_HUB_CACHE (or HF_HOME) at a directory outside the checkout",
        styled(&blue, "help:")
    ));
}

/// Registers the places reads may reach (see [`files`]) and puts them in
/// force, before any stage runs: the workspace, the sources cargo unpacks,
/// the Hugging Face cache, the user's config and cache directories, and the
/// files named on the command line. The graph's packages are added when it
/// is known ([`audit`]).
fn open_roots(g: &cli::GlobalArgs) {
    if let Some(home) = process::cargo_home() {
        files::allow_root(&home.join("registry").join("src"));
        files::allow_root(&home.join("git").join("checkouts"));
    }
    files::allow_root(&secrets::hf_cache_dir());
    for file in secrets::credential_files() {
        files::deny_file(&file);
    }
    if let Some(dir) = policy::user_config_dir() {
        files::allow_root(&dir);
    }
    // Made now, so that a first run can read back what it cached (a root
    // must exist to be registered); not inside the project, where it would
    // not be used (see `cache::dir`).
    let project = g
        .manifest_path
        .as_deref()
        .and_then(|m| m.parent())
        .map(|p| {
            if p.as_os_str().is_empty() {
                std::path::Path::new(".")
            } else {
                p
            }
        })
        .map(std::path::Path::to_path_buf)
        .or_else(|| std::env::current_dir().ok());
    if let Some(dir) = cache::base_dir()
        && !project.is_some_and(|p| cache::is_inside(&dir, &p))
        && files::create_private_dir(&dir).is_ok()
    {
        files::allow_root(&dir);
    }
    if let Some(config) = &g.config {
        files::allow_file(config);
        if let Some(dir) = config
            .canonicalize()
            .ok()
            .as_deref()
            .and_then(|c| c.parent())
        {
            files::allow_root(dir);
        }
    }
    if let Some(path) = &g.metadata_path {
        files::allow_file(path);
    }
    if let Ok(root) = workspace::locate_root(g.manifest_path.as_deref()) {
        files::allow_root(&root);
    }
    files::seal();
}

/// Runs one command and returns how it exits.
pub fn run(cli: Cli) -> Result<Exit> {
    let g = &cli.global;
    open_roots(g);
    setup_color(g.color);
    if g.output.is_some() {
        console::set_colors_enabled(false);
    }
    match cli.command.unwrap_or(Command::Check) {
        command @ (Command::Check | Command::List { .. }) => {
            let group_by = match command {
                Command::List { group_by } => group_by,
                _ => None,
            };
            let list = matches!(command, Command::List { .. });
            let mode = if list {
                resolve::LockMode::ReadOnly
            } else {
                resolve::LockMode::Record
            };
            let audit = audit(g, mode)?;
            let report = report::Report {
                policy: &audit.policy,
                artifacts: &audit.resolved.artifacts,
                loose: &audit.resolved.loose,
                verdict: &audit.verdict,
                root: &audit.root,
                verbose: g.verbose,
                deny_warnings: g.deny_warnings,
                index: Default::default(),
            };
            let text = match group_by {
                Some(cli::GroupBy::License) => match g.format {
                    Format::Human => Output::human(&report::human::render_by_license(&report)),
                    Format::Tsv => Output::text(&report::human::render_by_license_tsv(&report)),
                    _ => {
                        return Err(
                            Error::usage("--group-by license prints human or tsv output")
                                .with_help("drop --format, or use --format tsv"),
                        );
                    }
                },
                None => render(g.format, &report, list)?,
            };
            emit(g, &text)?;
            Ok(if list {
                Exit::Holds
            } else {
                report::exit(&audit.verdict, g.deny_warnings)
            })
        }
        Command::Explain { id } => {
            let text = match report::explain::license(&id, Catalog::builtin())? {
                Some(text) => text,
                None => {
                    // Not a license: an artifact, which needs a workspace.
                    if g.metadata_path.is_none()
                        && workspace::locate_root(g.manifest_path.as_deref()).is_err()
                    {
                        return Err(Error::usage(format!(
                            "`{id}` is not a known license id, and there is no Cargo workspace here to find an artifact in"
                        ))
                        .with_help("license ids are SPDX ids (`MIT`) or catalog ids (`llama2`); for a crate or model, run in the workspace or pass --manifest-path"));
                    }
                    let audit = audit(g, resolve::LockMode::ReadOnly)?;
                    report::explain::artifact(&id, &audit)?
                }
            };
            emit(g, &Output::human(&text))?;
            Ok(Exit::Holds)
        }
        Command::Update { models } => {
            let audit = audit(g, resolve::LockMode::Update(models))?;
            let updates = &audit.resolved.lock_updates;
            let unresolved: Vec<(String, &str)> = audit
                .resolved
                .artifacts
                .iter()
                .filter_map(|ra| {
                    let why = ra.model.as_ref()?.unresolved.as_deref()?;
                    Some((ra.artifact.display_name(), why))
                })
                .collect();
            if updates.is_empty() && unresolved.is_empty() {
                status(g.quiet, "Unchanged", &safe!("{}", resolve::lock::FILE_NAME));
            }
            let mut text: Safe<Plain> = Safe::new();
            for line in updates {
                text.push(safe!("{}\n", plain(line)));
            }
            emit(g, &Output::text(&text))?;
            if unresolved.is_empty() {
                return Ok(Exit::Holds);
            }
            // What could not be resolved is not recorded: say so, exit 3.
            for (name, why) in &unresolved {
                to_stderr(&safe!(
                    "error: {} could not be resolved, so the lock does not record it: {}",
                    plain(name),
                    plain(why)
                ));
            }
            to_stderr(&safe!(
                "  help: run again when the Hub answers, or declare its license with a reason in [[models]]"
            ));
            Ok(Exit::Incomplete)
        }
        Command::Notices { include_dev } => notices(g, include_dev),
        Command::Init { preset, force } => {
            let root = workspace::locate_root(g.manifest_path.as_deref())?;
            let found = found_models(g);
            let path = policy::init::write(&root, &preset, force, &found)?;
            status(g.quiet, "Created", &plain(&path.display().to_string()));
            Ok(Exit::Holds)
        }
    }
}
