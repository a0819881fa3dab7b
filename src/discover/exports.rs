//! What a library offers its dependents: of the functions, methods and
//! struct fields of a crate that are Hub calls ([`SinkFn`]), those its
//! dependents can name. An item counts when it is declared `pub` (a trait
//! impl's method counts) and either its module is reachable from
//! `src/lib.rs` through `pub mod` declarations, or it (or its type) is
//! re-exported by a `pub use` of such a module (`pub use inner::load as
//! fetch` exports `load` as `fetch`; `pub use inner::*` makes `inner`
//! public).

use super::source::SinkFn;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Most module files followed from the crate root.
const MAX_MODULES: usize = 10_000;

/// The module tree of a library, as far as it decides what is public.
#[derive(Default)]
struct Modules {
    /// Files (relative to the crate, `/`-separated) reachable through `pub
    /// mod` from the root.
    public_files: HashSet<String>,
    /// Names `pub use`d by public modules, each with the names it is
    /// exported as.
    reexports: HashMap<String, Vec<String>>,
    /// Modules glob-re-exported by public modules (`pub use inner::*`).
    globs: HashSet<String>,
    /// Every module file reached, with its module name.
    files: Vec<(String, String)>,
}

fn rel(path: &Path, dir: &Path) -> String {
    path.strip_prefix(dir)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

fn parse(path: &Path) -> Option<syn::File> {
    let bytes = crate::files::read(path, super::source::MAX_FILE_BYTES).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    if super::source::nesting_depth(&text) > 128 {
        return None;
    }
    let file = std::panic::catch_unwind(|| syn::parse_file(&text).ok())
        .ok()
        .flatten();
    proc_macro2::extra::invalidate_current_thread_spans();
    file
}

fn is_pub(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

fn path_attr(attrs: &[syn::Attribute]) -> Option<String> {
    attrs.iter().find_map(|a| match &a.meta {
        syn::Meta::NameValue(nv) if nv.path.is_ident("path") => match &nv.value {
            syn::Expr::Lit(l) => match &l.lit {
                syn::Lit::Str(s) => Some(s.value()),
                _ => None,
            },
            _ => None,
        },
        _ => None,
    })
}

impl Modules {
    /// Reads the module tree from `root` (`src/lib.rs`).
    fn read(dir: &Path, root: &Path) -> Modules {
        let mut m = Modules::default();
        let Some(file) = parse(root) else {
            return m;
        };
        let base = root.parent().unwrap_or(dir).to_path_buf();
        m.public_files.insert(rel(root, dir));
        m.files.push((rel(root, dir), String::new()));
        m.items(dir, &file.items, &base, true);
        m
    }

    fn items(&mut self, dir: &Path, items: &[syn::Item], base: &Path, public: bool) {
        for item in items {
            match item {
                syn::Item::Mod(md) => {
                    let name = md.ident.to_string();
                    let child_public = public && is_pub(&md.vis);
                    if let Some((_, inner)) = &md.content {
                        self.items(dir, inner, &base.join(&name), child_public);
                        continue;
                    }
                    if self.files.len() >= MAX_MODULES {
                        continue;
                    }
                    let candidates: Vec<PathBuf> = match path_attr(&md.attrs) {
                        Some(p) => vec![base.join(p)],
                        None => vec![
                            base.join(format!("{name}.rs")),
                            base.join(&name).join("mod.rs"),
                        ],
                    };
                    let Some(path) = candidates.into_iter().find(|p| p.is_file()) else {
                        continue;
                    };
                    let shown = rel(&path, dir);
                    if self.files.iter().any(|(f, _)| *f == shown) {
                        continue;
                    }
                    self.files.push((shown.clone(), name.clone()));
                    if child_public {
                        self.public_files.insert(shown);
                    }
                    let child_base = if path.file_name().is_some_and(|n| n == "mod.rs") {
                        path.parent().unwrap_or(base).to_path_buf()
                    } else {
                        base.join(&name)
                    };
                    if let Some(file) = parse(&path) {
                        self.items(dir, &file.items, &child_base, child_public);
                    }
                }
                syn::Item::Use(u) if public && is_pub(&u.vis) => self.uses(&u.tree, None),
                _ => {}
            }
        }
    }

    fn uses(&mut self, tree: &syn::UseTree, parent: Option<&str>) {
        match tree {
            syn::UseTree::Path(p) => self.uses(&p.tree, Some(&p.ident.to_string())),
            syn::UseTree::Name(n) => {
                let name = n.ident.to_string();
                if name == "self" {
                    if let Some(parent) = parent {
                        self.globs.insert(parent.to_owned());
                    }
                } else {
                    self.reexports.entry(name.clone()).or_default().push(name);
                }
            }
            syn::UseTree::Rename(r) => {
                self.reexports
                    .entry(r.ident.to_string())
                    .or_default()
                    .push(r.rename.to_string());
            }
            syn::UseTree::Glob(_) => {
                if let Some(parent) = parent {
                    self.globs.insert(parent.to_owned());
                }
            }
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    self.uses(t, parent);
                }
            }
        }
    }

    fn file_public(&self, file: &str) -> bool {
        self.public_files.contains(file)
            || self
                .files
                .iter()
                .any(|(f, module)| f == file && self.globs.contains(module))
    }
}

/// The Hub calls of crate `krate` (`name@version`, its sources in `dir`)
/// that its dependents can name, each with its evidence marked with the
/// crate (`embedder 0.1.0 src/lib.rs:12 Repo::new(..)`).
pub fn exported(dir: &Path, krate: &str, sinks: &[SinkFn]) -> Vec<SinkFn> {
    // A call the scanner knows by name already (hf-hub's `Api::model`,
    // tokenizers' `Tokenizer::from_pretrained`) is no news to the
    // dependents, and exporting it would have every dependent scanned again.
    let public: Vec<&SinkFn> = sinks
        .iter()
        .filter(|s| {
            s.public
                && !(s.method && super::source::native_method(&s.name, s.arity))
                && !super::source::native_call(s.owner.as_deref(), &s.name)
        })
        .collect();
    if public.is_empty() {
        return Vec::new();
    }
    let root = dir.join("src").join("lib.rs");
    let modules = Modules::read(dir, &root);
    let shown = krate.replacen('@', " ", 1);
    let mark = |entry: &str| -> String {
        // The crate's own places (`src/lib.rs:12 …`) get its name; places
        // in its own dependencies already carry theirs.
        let head = entry.split(' ').next().unwrap_or("");
        if head.contains(':') {
            format!("{shown} {entry}")
        } else {
            entry.to_owned()
        }
    };
    let mut out: Vec<SinkFn> = Vec::new();
    for s in public {
        let item = s.owner.as_deref().unwrap_or(&s.name);
        let mut names: Vec<(Option<String>, String)> = Vec::new();
        if modules.file_public(&s.home) {
            names.push((s.owner.clone(), s.name.clone()));
        }
        for alias in modules.reexports.get(item).into_iter().flatten() {
            names.push(match &s.owner {
                Some(_) => (Some(alias.clone()), s.name.clone()),
                None => (None, alias.clone()),
            });
        }
        for (owner, name) in names {
            let mut e = s.clone();
            e.owner = owner;
            e.name = name;
            e.via = s.via.iter().map(|v| mark(v)).collect();
            e.home = format!("{shown} {}", s.home);
            e.krate = Some(krate.to_owned());
            if !out.contains(&e) {
                out.push(e);
            }
        }
    }
    out
}
