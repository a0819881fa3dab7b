//! The command line, with cargo's flag names and meanings.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "cargo-model-audit",
    bin_name = "cargo model-audit",
    version,
    about = "Audit the licenses of every crate and model a Rust project depends on, and flag anything labelled open source that is not",
    after_help = "Exit codes: 0 the policy holds, 1 the policy fails, 2 the command cannot run, 3 resolution incomplete."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every artifact against the policy (the default)
    Check,
    /// List every artifact with its resolved license and evidence
    List {
        /// Group the artifacts: `license` prints each license id with its count and artifacts
        #[arg(long, value_enum, value_name = "KEY")]
        group_by: Option<GroupBy>,
    },
    /// Show what the catalog knows about a license, or how an artifact's license was resolved
    Explain {
        /// A license id (SPDX or catalog), a crate name (`name` or `name@version`), or a model id
        id: String,
    },
    /// Write a third-party notices document for what the project ships: license texts, NOTICE files, required notices, and a checklist of the rest (--format markdown|html|text)
    Notices {
        /// Also include crates reachable only through dev-dependencies
        #[arg(long)]
        include_dev: bool,
    },
    /// Record what models resolve to now in model-audit.lock (like `cargo update`), and show what changed
    Update {
        /// Only these models (`owner/name`); all of them, and drop unused entries, when none is given
        models: Vec<String>,
    },
    /// Write a commented starter config (model-audit.toml) at the workspace root
    Init {
        /// The preset the config extends
        #[arg(long, default_value = "default")]
        preset: String,
        /// Overwrite an existing model-audit.toml
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diagnostics for a person, in the style of cargo
    Human,
    /// The JSON report, version 1 (schemas/report-v1.schema.json)
    Json,
    /// SARIF 2.1.0, for code scanning
    Sarif,
    /// CycloneDX 1.6 JSON
    Cyclonedx,
    /// A Markdown summary, for a pull-request comment
    Markdown,
    /// GitHub Actions workflow commands; the Markdown summary goes to $GITHUB_STEP_SUMMARY
    Github,
    /// Tab-separated values, one artifact per line (`list` only)
    Tsv,
    /// A self-contained HTML page (`notices` only)
    Html,
    /// Plain text (`notices` only)
    Text,
}

/// How `list` groups the inventory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GroupBy {
    /// One entry per license id, with how many artifacts carry it (as `cargo deny list`)
    License,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Path to Cargo.toml
    #[arg(long, global = true, value_name = "PATH")]
    pub manifest_path: Option<PathBuf>,
    /// Only audit what these workspace members depend on
    #[arg(short = 'p', long = "package", global = true, value_name = "SPEC")]
    pub packages: Vec<String>,
    /// Audit every workspace member (the default; cannot be combined with -p)
    #[arg(long, global = true, conflicts_with = "packages")]
    pub workspace: bool,
    /// Space or comma separated list of features to activate
    #[arg(long, short = 'F', global = true, value_delimiter = ',')]
    pub features: Vec<String>,
    /// Activate all available features
    #[arg(long, global = true)]
    pub all_features: bool,
    /// Do not activate the `default` feature
    #[arg(long, global = true)]
    pub no_default_features: bool,
    /// Only include dependencies for this target triple
    #[arg(long, global = true, value_name = "TRIPLE")]
    pub target: Vec<String>,
    /// Leave dev-dependencies out of the graph entirely
    #[arg(long, global = true)]
    pub exclude_dev: bool,
    /// Run without accessing the network
    #[arg(long, global = true)]
    pub offline: bool,
    /// Require Cargo.lock (and model-audit.lock) to be up to date
    #[arg(long, global = true)]
    pub locked: bool,
    /// Require Cargo.lock and cache to be up to date, and run offline
    #[arg(long, global = true)]
    pub frozen: bool,
    /// Coloring: auto, always, never
    #[arg(long, global = true, value_enum, value_name = "WHEN")]
    pub color: Option<ColorChoice>,
    /// Do not print status messages
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Show evidence for passing artifacts too
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Config file (default: model-audit.toml, .cargo/model-audit.toml, [workspace.metadata.model-audit])
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Use a built-in preset under the project's config (replacing its `extends`)
    #[arg(long, global = true, value_name = "PRESET")]
    pub policy: Option<String>,
    /// Apply nothing the project's config or manifests weaken in your policy (env MODEL_AUDIT_NO_PROJECT_POLICY=1)
    #[arg(long, global = true)]
    pub no_project_policy: bool,
    /// Output format
    #[arg(long, global = true, value_enum, default_value = "human")]
    pub format: Format,
    /// Write the report to this file instead of stdout
    #[arg(long, global = true, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Fail (exit 1) on warnings too
    #[arg(long, global = true)]
    pub deny_warnings: bool,
    /// Make every finding of this code an error (after the policy; wins over [lints])
    #[arg(short = 'D', long = "deny", global = true, value_name = "CODE")]
    pub deny: Vec<String>,
    /// Make every finding of this code a warning (after the policy; wins over [lints])
    #[arg(short = 'W', long = "warn", global = true, value_name = "CODE")]
    pub warn: Vec<String>,
    /// Drop every finding of this code (after the policy; wins over [lints])
    #[arg(short = 'A', long = "allow", global = true, value_name = "CODE")]
    pub allow: Vec<String>,
    /// Also audit the models in the local Hugging Face cache (HF_HUB_CACHE)
    #[arg(long, global = true)]
    pub include_hf_cache: bool,
    /// Ask the Hub whether each untraced id-shaped literal names a repository, and audit those that do (as `[scan] confirm-untraced = true`; never with --offline)
    #[arg(long, global = true)]
    pub confirm_untraced: bool,
    /// Use this saved `cargo metadata --format-version 1` output instead of running cargo
    #[arg(long, global = true, value_name = "PATH")]
    pub metadata_path: Option<PathBuf>,
}

/// `cargo model-audit ARGS` runs `cargo-model-audit model-audit ARGS`: drop
/// that word so both spellings parse the same.
pub fn normalize_args(
    args: impl IntoIterator<Item = std::ffi::OsString>,
) -> Vec<std::ffi::OsString> {
    let mut args: Vec<_> = args.into_iter().collect();
    if args.get(1).is_some_and(|a| a == "model-audit") {
        args.remove(1);
    }
    args
}
