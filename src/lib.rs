//! `cargo model-audit`: audits the licenses of every crate and model a Rust
//! project depends on and fails the build when the policy breaks, above all
//! when something labelled open source is not.
//!
//! The pipeline (see DESIGN.md): `workspace` -> `discover` -> `resolve` ->
//! `evaluate` -> `report`, with `policy` and `catalog` as the knowledge the
//! stages share. `main.rs` only parses arguments and maps the result to an
//! exit code.

pub mod catalog;
pub mod cli;
pub mod discover;
pub mod domain;
pub mod error;
pub mod evaluate;
pub mod policy;
pub mod report;
pub mod resolve;
pub mod workspace;

use catalog::Catalog;
use cli::{Cli, ColorChoice, Command, Format};
use error::{Error, Result};
use std::io::Write;

/// Prints an error the way cargo does, to stderr.
pub fn print_error(err: &Error) {
    let red = console::Style::new().red().bold();
    eprintln!("{} {}", red.apply_to("error:"), err.message);
    if let Some(help) = &err.help {
        let blue = console::Style::new().blue().bold();
        eprintln!("  {} {help}", blue.apply_to("help:"));
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
pub fn status(quiet: bool, verb: &str, message: &str) {
    if quiet {
        return;
    }
    let green = console::Style::new().green().bold().for_stderr();
    eprintln!("{:>12} {message}", green.apply_to(verb));
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

/// Everything the pipeline produced, for the renderers.
pub struct Audit {
    pub policy: policy::Policy,
    pub root: std::path::PathBuf,
    pub resolved: resolve::Resolved,
    pub verdict: evaluate::Verdict,
}

/// Runs the pipeline: graph and config in parallel, then discover, resolve
/// and evaluate.
pub fn audit(g: &cli::GlobalArgs) -> Result<Audit> {
    let catalog = Catalog::builtin();
    let opts = graph_options(g);
    let request = policy::PolicyRequest {
        config: g.config.as_deref(),
        preset: g.policy.as_deref(),
    };
    let (ws, policy) = if opts.metadata_path.is_some() {
        let ws = workspace::load(&opts)?;
        let policy = policy::load(&request, &ws.root, catalog)?;
        (ws, policy)
    } else {
        let root = workspace::locate_root(opts.manifest_path.as_deref())?;
        std::thread::scope(|s| {
            let graph = s.spawn(|| workspace::load(&opts));
            let policy = policy::load(&request, &root, catalog);
            let ws = graph.join().unwrap_or_else(|_| {
                Err(Error::usage("internal error while reading the Cargo graph"))
            });
            // A config error is the more useful message when both fail.
            let policy = policy?;
            Ok::<_, Error>((ws?, policy))
        })?
    };
    let inventory = discover::inventory(&ws, &policy.models)?;
    let models = inventory.artifacts.len() - ws.crates.len();
    let what = if models > 0 {
        format!(
            "{} crates and {models} models (policy: {})",
            ws.crates.len(),
            policy.name
        )
    } else {
        format!("{} crates (policy: {})", ws.crates.len(), policy.name)
    };
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
    };
    let resolved = resolve::resolve(inventory, &policy, catalog, &options)?;

    let verdict = evaluate::evaluate(&resolved, &policy, catalog, policy::Date::today());
    Ok(Audit {
        policy,
        root: ws.root,
        resolved,
        verdict,
    })
}

fn emit(g: &cli::GlobalArgs, text: &str) -> Result<()> {
    match &g.output {
        Some(path) => error::write_atomic(path, text.as_bytes()),
        None => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = out.write_all(text.as_bytes());
            let _ = out.flush();
            Ok(())
        }
    }
}

/// Runs one command and returns the exit code.
pub fn run(cli: Cli) -> Result<u8> {
    let g = &cli.global;
    setup_color(g.color);
    if g.output.is_some() {
        console::set_colors_enabled(false);
    }
    match cli.command.unwrap_or(Command::Check) {
        Command::Check => {
            let audit = audit(g)?;
            let report = report::Report {
                policy: &audit.policy,
                artifacts: &audit.resolved.artifacts,
                verdict: &audit.verdict,
                root: &audit.root,
                verbose: g.verbose,
            };
            let text = match g.format {
                Format::Human => report::human::render(&report),
                Format::Json => report::json::render(&report),
            };
            emit(g, &text)?;
            Ok(report::exit_code(&audit.verdict, g.deny_warnings))
        }
        Command::List => {
            let audit = audit(g)?;
            let report = report::Report {
                policy: &audit.policy,
                artifacts: &audit.resolved.artifacts,
                verdict: &audit.verdict,
                root: &audit.root,
                verbose: g.verbose,
            };
            let text = match g.format {
                Format::Human => report::human::render_list(&report),
                Format::Json => report::json::render(&report),
            };
            emit(g, &text)?;
            Ok(0)
        }
        Command::Explain { id } => {
            let text = match report::explain::license(&id, Catalog::builtin()) {
                Some(text) => text,
                None => {
                    let audit = audit(g)?;
                    report::explain::artifact(&id, &audit)?
                }
            };
            emit(g, &text)?;
            Ok(0)
        }
        Command::Init { preset, force } => {
            let root = workspace::locate_root(g.manifest_path.as_deref())?;
            let path = policy::init::write(&root, &preset, force)?;
            status(g.quiet, "Created", &path.display().to_string());
            Ok(0)
        }
    }
}
