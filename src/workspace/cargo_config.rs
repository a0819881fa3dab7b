//! The audited project's `.cargo/config.toml`, read as data.
//!
//! Cargo runs from outside the checkout (see `crate::process`), so it reads
//! none of the project's config files itself. What of them shapes the
//! dependency graph is handed to cargo as `--config` arguments, key by key
//! from an allowlist: source replacement and vendoring (`[source]`),
//! `[patch]`, `net.offline` and `[resolver]`. Everything else never passes:
//! `rustflags`, `[env]`, runners and linkers, `[registries]` and
//! `[registry]` (which would send the user's token elsewhere), credential
//! providers, `build.rustc*` and wrappers, `[alias]` and `include`.

use std::path::{Path, PathBuf};

/// The most `--config` arguments passed on; a config with more keys in the
/// allowlist is refused as a whole.
pub const MAX_KEYS: usize = 4096;

/// The sections (and single keys) that pass, as dotted prefixes.
pub const ALLOWED: &[&str] = &["source", "patch", "net.offline", "resolver"];

/// Keys whose string value is a path, relative to the directory that holds
/// the `.cargo` directory; they are made absolute, since a `--config` value
/// would be read relative to cargo's own working directory.
const PATH_KEYS: &[&str] = &["directory", "local-registry", "path"];

/// One config file cargo would read for the workspace, as the tool read it.
#[derive(Debug, Default, PartialEq)]
pub struct Passed {
    /// `--config` values, outermost file first, so the file nearer the
    /// workspace wins as it would in cargo.
    pub args: Vec<String>,
    /// Keys of the project's config that were not passed on, as
    /// `file: key`, for `--verbose` and tests.
    pub dropped: Vec<String>,
}

/// The config files cargo would read for a workspace whose manifest is in
/// `dir`: `.cargo/config.toml` (or `.cargo/config`) in `dir` and each of its
/// ancestors, outermost first. `$CARGO_HOME/config.toml` is the user's and
/// cargo reads it itself.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let home = crate::process::cargo_home();
    let mut out = Vec::new();
    for d in dir.ancestors() {
        let cargo_dir = d.join(".cargo");
        if home.as_deref() == Some(cargo_dir.as_path()) {
            continue;
        }
        for name in ["config.toml", "config"] {
            let path = cargo_dir.join(name);
            if std::fs::symlink_metadata(&path).is_ok() {
                out.push(path);
                break;
            }
        }
    }
    out.reverse();
    out
}

/// What of the project's config files passes to cargo. A file that cannot
/// be read or parsed passes nothing and is said in the error.
pub fn passed(dir: &Path) -> Result<Passed, String> {
    let mut out = Passed::default();
    for file in files(dir) {
        // A config file above the workspace (a monorepo's, the user's in a
        // parent directory) is outside the roots: cargo would read it, so it
        // is read too, as data, when it is a file and not a link.
        if std::fs::symlink_metadata(&file).is_ok_and(|m| m.file_type().is_file()) {
            crate::files::allow_file(&file);
        }
        let bytes = crate::files::read(&file, crate::workspace::MAX_CONFIG_BYTES).map_err(|e| {
            format!(
                "cannot read the project's cargo config {}: {e}",
                file.display()
            )
        })?;
        let text = String::from_utf8_lossy(&bytes);
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            format!(
                "the project's cargo config {} is not valid TOML: {}",
                file.display(),
                e.message()
            )
        })?;
        let base = file
            .parent()
            .and_then(Path::parent)
            .unwrap_or(Path::new("/"));
        add(&table, base, &file, &mut out);
    }
    if out.args.len() > MAX_KEYS {
        return Err(format!(
            "the project's cargo config sets {} graph keys; at most {MAX_KEYS} are passed on",
            out.args.len()
        ));
    }
    Ok(out)
}

/// Adds one file's allowed keys.
fn add(table: &toml::Table, base: &Path, file: &Path, out: &mut Passed) {
    let mut leaves = Vec::new();
    flatten(table, &mut Vec::new(), &mut leaves);
    for (key, value) in leaves {
        let dotted = key.join(".");
        let allowed = ALLOWED
            .iter()
            .any(|a| dotted == *a || dotted.starts_with(&format!("{a}.")));
        if !allowed {
            out.dropped.push(format!("{}: {dotted}", file.display()));
            continue;
        }
        let value = match (&value, key.last()) {
            (toml::Value::String(s), Some(last)) if PATH_KEYS.contains(&last.as_str()) => {
                let p = Path::new(s);
                let abs = if p.is_absolute() {
                    p.to_path_buf()
                } else {
                    base.join(p)
                };
                toml::Value::String(abs.display().to_string())
            }
            _ => value,
        };
        let quoted: Vec<String> = key.iter().map(|k| quote(k)).collect();
        out.args
            .push(format!("{} = {}", quoted.join("."), inline(&value)));
    }
}

/// Every leaf of `table` with its key path; arrays are leaves.
fn flatten(
    table: &toml::Table,
    prefix: &mut Vec<String>,
    out: &mut Vec<(Vec<String>, toml::Value)>,
) {
    for (k, v) in table {
        prefix.push(k.clone());
        match v {
            toml::Value::Table(t) => flatten(t, prefix, out),
            other => out.push((prefix.clone(), other.clone())),
        }
        prefix.pop();
    }
}

/// A key as a TOML basic string, so any name is one key.
fn quote(key: &str) -> String {
    toml::Value::String(key.to_owned()).to_string()
}

/// A value as inline TOML.
fn inline(value: &toml::Value) -> String {
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pass(text: &str) -> Passed {
        let mut out = Passed::default();
        add(
            &text.parse().unwrap(),
            Path::new("/ws"),
            Path::new("/ws/.cargo/config.toml"),
            &mut out,
        );
        out
    }

    #[test]
    fn only_graph_keys_pass_and_paths_are_made_absolute() {
        let out = pass(
            r#"
            include = ["x.toml"]
            [build]
            rustflags = ["-Zcodegen-backend=./evil.so"]
            rustc-wrapper = "./w"
            rustc = "./rustc"
            target-dir = "elsewhere"
            [env]
            RUSTC_BOOTSTRAP = "1"
            [target.x86_64-unknown-linux-gnu]
            linker = "./ld"
            runner = "./run"
            [registries.corp]
            index = "sparse+http://127.0.0.1:1/"
            credential-provider = "./steal"
            [registry]
            global-credential-providers = ["./steal"]
            [credential-alias]
            x = ["./steal"]
            [alias]
            b = "run"
            [source.crates-io]
            replace-with = "vendored-sources"
            [source.vendored-sources]
            directory = "vendor"
            [patch.crates-io]
            foo = { path = "../foo" }
            [net]
            offline = true
            git-fetch-with-cli = true
            [resolver]
            incompatible-rust-versions = "fallback"
            "#,
        );
        assert_eq!(
            out.args,
            vec![
                r#""net"."offline" = true"#,
                r#""patch"."crates-io"."foo"."path" = "/ws/../foo""#,
                r#""resolver"."incompatible-rust-versions" = "fallback""#,
                r#""source"."crates-io"."replace-with" = "vendored-sources""#,
                r#""source"."vendored-sources"."directory" = "/ws/vendor""#,
            ]
        );
        for key in [
            "include",
            "build.rustflags",
            "build.rustc-wrapper",
            "build.rustc",
            "env.RUSTC_BOOTSTRAP",
            "target.x86_64-unknown-linux-gnu.linker",
            "target.x86_64-unknown-linux-gnu.runner",
            "registries.corp.index",
            "registries.corp.credential-provider",
            "registry.global-credential-providers",
            "credential-alias.x",
            "alias.b",
            "net.git-fetch-with-cli",
        ] {
            assert!(
                out.dropped.iter().any(|d| d.ends_with(&format!(": {key}"))),
                "{key} should be dropped: {:?}",
                out.dropped
            );
        }
    }

    #[test]
    fn odd_key_names_stay_one_key() {
        let out = pass("[source.\"a\\\" = 1 #\"]\nreplace-with = \"x\"\n");
        assert_eq!(out.args.len(), 1);
        let parsed: toml::Table = out.args[0].parse().unwrap();
        assert!(
            parsed["source"]
                .as_table()
                .unwrap()
                .contains_key("a\" = 1 #")
        );
    }
}
