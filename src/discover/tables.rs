//! The model tables a library keeps in its source, and the workspace's
//! references to them.
//!
//! In a dependency's `src/`, an *entry* pairs a name with Hub ids:
//!
//! - a struct literal holding both an enum variant and an id (an id field
//!   such as `model_code: String::from("owner/name")`, or a Hub URL):
//!   `ModelInfo { model: EmbeddingModel::AllMiniLML6V2, model_code: … }`
//!   pairs `EmbeddingModel::AllMiniLML6V2` with the id;
//! - a `match` arm whose pattern is a variant and whose body holds ids, Hub
//!   URLs, or names of consts that do (`Kind::A => Resources::A_CONFIG`);
//! - a const or static whose value holds a Hub URL (`pub const X: (&str,
//!   &str) = ("name", "https://huggingface.co/owner/name/resolve/main/…")`),
//!   or whose name says model (`DEFAULT_MODEL`, `MODEL_ID`, …) and whose
//!   value is an id;
//! - a `Default` impl: `T::default` stands for the variants and consts its
//!   body names.
//!
//! A workspace path naming an entry (`EmbeddingModel::AllMiniLML6V2`, also
//! through `use … as Alias`), or a call `T::default()`, is a reference to
//! the entry's models, with the entry's place in the evidence.

use super::source::{
    ID_FIELDS, hub_urls, id_like, is_test_attr, line_of, nesting_depth, static_str, word_at,
};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Expr, Lit, Pat};

/// One id an entry maps to, and where it is written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Target {
    pub id: String,
    pub revision: Option<String>,
    pub dataset: bool,
    /// Path in the crate, `/`-separated.
    pub file: String,
    pub line: u32,
}

/// A name of a library's model table and the ids it stands for.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Entry {
    /// `Type::Name` (a variant, an associated const, `Type::default`) or
    /// `NAME` (a free const).
    pub key: String,
    pub targets: Vec<Target>,
}

/// An entry as one file gives it: ids, and names of other entries.
#[derive(Debug, Default, Clone)]
struct Raw {
    /// The file it is written in.
    file: String,
    targets: Vec<Target>,
    refs: Vec<String>,
}

/// The last two segments of a path, `A::B` (or `B` alone).
fn key_of(path: &syn::Path) -> Option<String> {
    let segs: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    match segs.as_slice() {
        [] => None,
        [one] => Some(one.clone()),
        [.., a, b] => Some(format!("{a}::{b}")),
    }
}

fn capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_uppercase())
}

/// A path that can name an entry: `Type::Variant`, `Type::CONST`, `CONST`.
fn entry_key(path: &syn::Path) -> Option<String> {
    let key = key_of(path)?;
    match key.split_once("::") {
        Some((a, b)) if capitalised(a) && capitalised(b) => Some(key),
        None if key.len() > 1
            && key
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_') =>
        {
            Some(key)
        }
        _ => None,
    }
}

/// Ids, Hub URLs and entry names inside an expression: consts, and (for a
/// `Default` impl) variants and `T::default()` calls.
struct Collect<'f> {
    file: &'f str,
    variants: bool,
    out: Raw,
}

fn const_like(name: &str) -> bool {
    name.len() > 1
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

impl Collect<'_> {
    fn url(&mut self, raw: &str, line: u32) {
        for (_, url) in hub_urls(raw) {
            self.out.targets.push(Target {
                id: url.id,
                revision: url.revision,
                dataset: url.dataset,
                file: self.file.to_owned(),
                line,
            });
        }
    }
}

impl<'a> Visit<'a> for Collect<'_> {
    fn visit_lit_str(&mut self, lit: &'a syn::LitStr) {
        self.url(&lit.value(), line_of(lit.span()));
    }

    fn visit_macro(&mut self, mac: &'a syn::Macro) {
        for tree in mac.tokens.clone() {
            if let proc_macro2::TokenTree::Literal(l) = tree
                && let Lit::Str(s) = Lit::new(l)
            {
                self.url(&s.value(), line_of(s.span()));
            }
        }
    }

    fn visit_expr_struct(&mut self, s: &'a syn::ExprStruct) {
        for field in &s.fields {
            if let syn::Member::Named(name) = &field.member
                && ID_FIELDS.contains(&name.to_string().as_str())
                && let Some(lit) = static_str(&field.expr)
                && id_like(&lit.value())
            {
                self.out.targets.push(Target {
                    id: lit.value(),
                    revision: None,
                    dataset: false,
                    file: self.file.to_owned(),
                    line: line_of(lit.span()),
                });
            }
        }
        visit::visit_expr_struct(self, s);
    }

    fn visit_expr_path(&mut self, p: &'a syn::ExprPath) {
        let segs = &p.path.segments;
        if self.variants
            && segs.len() >= 2
            && segs[segs.len() - 1].ident == "default"
            && capitalised(&segs[segs.len() - 2].ident.to_string())
        {
            self.out
                .refs
                .push(format!("{}::default", segs[segs.len() - 2].ident));
        } else if let Some(key) = entry_key(&p.path) {
            let last = key.rsplit("::").next().unwrap_or(&key);
            if self.variants || const_like(last) {
                self.out.refs.push(key);
            }
        }
    }
}

fn collect(file: &str, variants: bool, f: impl FnOnce(&mut Collect<'_>)) -> Raw {
    let mut c = Collect {
        file,
        variants,
        out: Raw {
            file: file.to_owned(),
            ..Raw::default()
        },
    };
    f(&mut c);
    c.out
}

/// The entries of one file.
struct Tables<'f> {
    file: &'f str,
    impls: Vec<String>,
    raw: Vec<(String, Raw)>,
}

/// The expressions of a macro whose tokens are `expr, expr, …` (`vec!`).
fn macro_exprs(mac: &syn::Macro) -> Vec<Expr> {
    use syn::parse::Parser;
    syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated
        .parse2(mac.tokens.clone())
        .map(|list| list.into_iter().collect())
        .unwrap_or_default()
}

impl<'a> Visit<'a> for Tables<'_> {
    fn visit_macro(&mut self, mac: &'a syn::Macro) {
        for expr in macro_exprs(mac) {
            // The parsed expressions live only here: visit them with a
            // table of their own and keep what it finds.
            let mut inner = Tables {
                file: self.file,
                impls: self.impls.clone(),
                raw: Vec::new(),
            };
            inner.visit_expr(&expr);
            self.raw.extend(inner.raw);
        }
    }

    fn visit_item_impl(&mut self, i: &'a syn::ItemImpl) {
        let ty = super::source::self_type_name(i);
        let is_default = i
            .trait_
            .as_ref()
            .and_then(|(_, p, _)| p.segments.last())
            .is_some_and(|s| s.ident == "Default");
        if is_default {
            let raw = collect(self.file, true, |c| c.visit_item_impl(i));
            self.raw.push((format!("{ty}::default"), raw));
        }
        self.impls.push(ty);
        visit::visit_item_impl(self, i);
        self.impls.pop();
    }

    fn visit_item_const(&mut self, c: &'a syn::ItemConst) {
        self.constant(&c.ident.to_string(), &c.expr, None);
        visit::visit_item_const(self, c);
    }

    fn visit_item_static(&mut self, s: &'a syn::ItemStatic) {
        self.constant(&s.ident.to_string(), &s.expr, None);
        visit::visit_item_static(self, s);
    }

    fn visit_impl_item_const(&mut self, c: &'a syn::ImplItemConst) {
        let ty = self.impls.last().cloned();
        self.constant(&c.ident.to_string(), &c.expr, ty);
        visit::visit_impl_item_const(self, c);
    }

    fn visit_expr_struct(&mut self, s: &'a syn::ExprStruct) {
        // The variant the literal describes: a field named `model…`, or
        // the only variant among the fields.
        let fields: Vec<(String, String)> = s
            .fields
            .iter()
            .filter_map(|f| match (&f.member, &f.expr) {
                (syn::Member::Named(name), Expr::Path(p)) => entry_key(&p.path)
                    .filter(|k| k.contains("::"))
                    .map(|k| (name.to_string(), k)),
                _ => None,
            })
            .collect();
        let named: Vec<String> = fields
            .iter()
            .filter(|(n, _)| n.starts_with("model"))
            .map(|(_, k)| k.clone())
            .collect();
        let variants = if !named.is_empty() {
            named
        } else if fields.len() == 1 {
            vec![fields[0].1.clone()]
        } else {
            Vec::new()
        };
        if !variants.is_empty() {
            let raw = collect(self.file, false, |c| c.visit_expr_struct(s));
            if !raw.targets.is_empty() {
                for v in variants {
                    self.raw.push((
                        v,
                        Raw {
                            file: raw.file.clone(),
                            targets: raw.targets.clone(),
                            refs: Vec::new(),
                        },
                    ));
                }
            }
        }
        visit::visit_expr_struct(self, s);
    }

    fn visit_arm(&mut self, arm: &'a syn::Arm) {
        let mut keys = Vec::new();
        pat_keys(&arm.pat, &mut keys);
        if !keys.is_empty() {
            let raw = collect(self.file, false, |c| c.visit_expr(&arm.body));
            if !raw.targets.is_empty() || !raw.refs.is_empty() {
                for k in keys {
                    self.raw.push((
                        k,
                        Raw {
                            file: raw.file.clone(),
                            targets: raw.targets.clone(),
                            refs: raw.refs.clone(),
                        },
                    ));
                }
            }
        }
        visit::visit_arm(self, arm);
    }
}

impl Tables<'_> {
    fn constant(&mut self, name: &str, expr: &Expr, ty: Option<String>) {
        let key = match ty {
            Some(t) if !t.is_empty() => format!("{t}::{name}"),
            _ => name.to_owned(),
        };
        let mut raw = collect(self.file, true, |c| c.visit_expr(expr));
        let upper = name.to_ascii_uppercase();
        if raw.targets.is_empty()
            && (upper.contains("MODEL") || upper.contains("REPO"))
            && let Some(lit) = static_str(expr)
            && id_like(&lit.value())
        {
            raw.targets.push(Target {
                id: lit.value(),
                revision: None,
                dataset: false,
                file: self.file.to_owned(),
                line: line_of(lit.span()),
            });
        }
        if !raw.targets.is_empty() || !raw.refs.is_empty() {
            self.raw.push((key, raw));
        }
    }
}

/// Variant paths a pattern names (`A::B`, `A::B(..)`, `A::B { .. }`, `|`).
fn pat_keys(pat: &Pat, out: &mut Vec<String>) {
    let path = match pat {
        Pat::Path(p) => Some(&p.path),
        Pat::TupleStruct(t) => Some(&t.path),
        Pat::Struct(s) => Some(&s.path),
        Pat::Or(o) => {
            for case in &o.cases {
                pat_keys(case, out);
            }
            None
        }
        Pat::Reference(r) => {
            pat_keys(&r.pat, out);
            None
        }
        _ => None,
    };
    if let Some(key) = path.and_then(entry_key).filter(|k| k.contains("::")) {
        out.push(key);
    }
}

fn parse(text: &str) -> Option<syn::File> {
    if nesting_depth(text) > 128 {
        return None;
    }
    let result = std::panic::catch_unwind(|| syn::parse_file(text).ok());
    result.ok().flatten()
}

/// The model table of one crate whose `src/` files are `files` (paths
/// shown relative to `dir`).
pub fn crate_tables(dir: &Path, files: &[PathBuf]) -> Vec<Entry> {
    crate_tables_in(dir, &crate::discover::flow::Texts::read(files, &[]))
}

/// [`crate_tables`] on files already read.
pub fn crate_tables_in(dir: &Path, texts: &crate::discover::flow::Texts) -> Vec<Entry> {
    // Round one: the files with a Hub marker. Round two: the files that
    // name an entry of round one that maps to ids, or implement `Default`.
    // Entries without ids are most of what round one finds (any const that
    // names another, in a file that happens to hold a marker): following
    // them would parse much of a large crate for nothing.
    let first = read_tables(dir, texts, &|i, _| texts.marked[i]);
    let lasts: Vec<String> = resolve_tables(first.iter().flatten().cloned())
        .into_iter()
        .map(|e| e.key.rsplit("::").next().unwrap_or(&e.key).to_owned())
        .collect();
    if lasts.is_empty() {
        return Vec::new();
    }
    let texts = &*texts.complete();
    let second = read_tables(dir, texts, &|i, text| {
        !texts.marked[i]
            && (text.contains("Default for")
                || lasts.iter().any(|l| word_at(text, l).next().is_some()))
    });
    resolve_tables(first.into_iter().chain(second).flatten())
}

fn read_tables(
    dir: &Path,
    texts: &crate::discover::flow::Texts,
    wanted: &(dyn Fn(usize, &str) -> bool + Sync),
) -> Vec<Vec<(String, Raw)>> {
    let indices: Vec<usize> = (0..texts.files.len()).collect();
    crate::parallel::map(&indices, |&i| {
        let (path, text) = &texts.files[i];
        let Ok(text) = text else {
            return Vec::new();
        };
        if path.extension().is_none_or(|e| e != "rs") || !wanted(i, text) {
            return Vec::new();
        }
        let rel = path
            .strip_prefix(dir)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let raw = parse(text).map(|file| {
            let mut t = Tables {
                file: &rel,
                impls: Vec::new(),
                raw: Vec::new(),
            };
            t.visit_file(&file);
            t.raw
        });
        proc_macro2::extra::invalidate_current_thread_spans();
        raw.unwrap_or_default()
    })
}

/// Directory components two files share.
fn shared_dirs(a: &str, b: &str) -> usize {
    let dir = |f: &str| -> Vec<String> {
        let mut parts: Vec<String> = f.split('/').map(str::to_owned).collect();
        parts.pop();
        parts
    };
    dir(a)
        .iter()
        .zip(dir(b).iter())
        .take_while(|(x, y)| x == y)
        .count()
}

fn resolve_tables(per_file: impl Iterator<Item = (String, Raw)>) -> Vec<Entry> {
    let mut raw: BTreeMap<String, Vec<Raw>> = BTreeMap::new();
    for (key, r) in per_file {
        raw.entry(key).or_default().push(r);
    }
    let mut by_last: HashMap<String, Vec<String>> = HashMap::new();
    for key in raw.keys() {
        let last = key.rsplit("::").next().unwrap_or(key).to_owned();
        by_last.entry(last).or_default().push(key.clone());
    }
    // The definitions a name stands for, seen from `from`: a const defined
    // in several modules is the one nearest the file that names it.
    let pick = |key: &str, from: Option<&str>| -> Vec<&Raw> {
        let Some(list) = raw.get(key) else {
            return Vec::new();
        };
        match from {
            Some(f) if list.len() > 1 => {
                let best = list
                    .iter()
                    .map(|r| shared_dirs(f, &r.file))
                    .max()
                    .unwrap_or(0);
                list.iter()
                    .filter(|r| shared_dirs(f, &r.file) == best)
                    .collect()
            }
            _ => list.iter().collect(),
        }
    };
    let resolve = |key: &str| -> Vec<Target> {
        let mut out: Vec<Target> = Vec::new();
        let mut stack: Vec<(String, Option<String>, usize)> = vec![(key.to_owned(), None, 0)];
        let mut seen = std::collections::HashSet::new();
        while let Some((k, from, depth)) = stack.pop() {
            if depth > 6 || !seen.insert((k.clone(), from.clone())) {
                continue;
            }
            for r in pick(&k, from.as_deref()) {
                for t in &r.targets {
                    if !out.contains(t) {
                        out.push(t.clone());
                    }
                }
                for name in &r.refs {
                    let next = if raw.contains_key(name) {
                        Some(name.clone())
                    } else if !name.contains("::")
                        && let Some(keys) = by_last.get(name)
                        && keys.len() == 1
                    {
                        Some(keys[0].clone())
                    } else {
                        None
                    };
                    if let Some(next) = next {
                        stack.push((next, Some(r.file.clone()), depth + 1));
                    }
                }
            }
        }
        out
    };
    raw.keys()
        .map(|key| Entry {
            key: key.clone(),
            targets: resolve(key),
        })
        .filter(|e| !e.targets.is_empty())
        .collect()
}

/// A workspace place naming an entry.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Use {
    pub key: String,
    pub line: u32,
    /// In a `#[cfg(test)]` module or `#[test]` function.
    pub test: bool,
}

struct Uses<'k> {
    keys: &'k std::collections::HashSet<String>,
    aliases: HashMap<String, String>,
    tests: Vec<(u32, u32)>,
    out: Vec<Use>,
}

impl Uses<'_> {
    fn path(&mut self, path: &syn::Path, line: u32) {
        let segs: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        let key = match segs.as_slice() {
            [.., a, b] => {
                let a = self.aliases.get(a).cloned().unwrap_or_else(|| a.clone());
                format!("{a}::{b}")
            }
            [one] => self
                .aliases
                .get(one)
                .cloned()
                .unwrap_or_else(|| one.clone()),
            [] => return,
        };
        if self.keys.contains(&key) {
            let test = self.tests.iter().any(|&(a, b)| a <= line && line <= b);
            self.out.push(Use { key, line, test });
        }
    }

    fn test_range(&mut self, attrs: &[syn::Attribute], span: proc_macro2::Span) {
        if attrs.iter().any(is_test_attr) {
            let end = u32::try_from(span.end().line).unwrap_or(u32::MAX);
            self.tests.push((line_of(span), end));
        }
    }
}

impl<'a> Visit<'a> for Uses<'_> {
    fn visit_item_mod(&mut self, m: &'a syn::ItemMod) {
        self.test_range(&m.attrs, m.span());
        visit::visit_item_mod(self, m);
    }

    fn visit_item_fn(&mut self, f: &'a syn::ItemFn) {
        self.test_range(&f.attrs, f.span());
        visit::visit_item_fn(self, f);
    }

    fn visit_use_rename(&mut self, r: &'a syn::UseRename) {
        self.aliases
            .insert(r.rename.to_string(), r.ident.to_string());
    }

    fn visit_expr_path(&mut self, p: &'a syn::ExprPath) {
        let line = line_of(p.span());
        self.path(&p.path, line);
        visit::visit_expr_path(self, p);
    }

    fn visit_expr_call(&mut self, c: &'a syn::ExprCall) {
        if let Expr::Path(p) = &*c.func
            && c.args.is_empty()
            && p.path.segments.len() >= 2
            && p.path.segments.last().is_some_and(|s| s.ident == "default")
        {
            let line = line_of(p.span());
            self.path(&p.path, line);
            // The type's own path is not a use of anything else.
            for arg in &c.args {
                self.visit_expr(arg);
            }
            return;
        }
        visit::visit_expr_call(self, c);
    }

    fn visit_pat(&mut self, p: &'a Pat) {
        let mut keys = Vec::new();
        pat_keys(p, &mut keys);
        let line = line_of(p.span());
        for k in keys {
            if self.keys.contains(&k) {
                let test = self.tests.iter().any(|&(a, b)| a <= line && line <= b);
                self.out.push(Use { key: k, line, test });
            }
        }
        visit::visit_pat(self, p);
    }
}

/// The places of a workspace file that name one of `keys`. Files that name
/// none of them are not parsed.
pub fn uses(text: &str, keys: &std::collections::HashSet<String>, lasts: &[String]) -> Vec<Use> {
    if !lasts.iter().any(|l| word_at(text, l).next().is_some()) {
        return Vec::new();
    }
    let Some(file) = parse(text) else {
        return Vec::new();
    };
    let mut u = Uses {
        keys,
        aliases: HashMap::new(),
        tests: Vec::new(),
        out: Vec::new(),
    };
    u.visit_file(&file);
    proc_macro2::extra::invalidate_current_thread_spans();
    let mut out = u.out;
    out.sort_by(|a, b| (a.line, &a.key).cmp(&(b.line, &b.key)));
    out.dedup();
    out
}
