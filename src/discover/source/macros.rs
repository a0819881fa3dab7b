//! Macro invocations whose arguments parse as expressions, read as code.

use super::*;

pub(super) type ExprList = Punctuated<Expr, Token![,]>;

/// Macro invocations whose tokens parse as `expr, expr, …`, keyed by the
/// address of their `syn::Macro` (in the file or in another entry). Only
/// `format!`, `format_args!`, `vec!`, `concat!` (whose values are traced)
/// and macros whose tokens mention `model`, `dataset` or `Repo` are parsed:
/// parsing every `println!` would cost a tenth of the scan.
#[derive(Default)]
pub(super) struct MacroArena {
    /// The expressions live on the heap of each list, so their addresses
    /// stay put when the list moves into this vector.
    pub(super) parsed: Vec<ExprList>,
    pub(super) index: HashMap<usize, usize>,
}

#[derive(Default)]
pub(super) struct MacroCollector {
    pub(super) found: Vec<(usize, TokenStream)>,
}

impl<'ast> Visit<'ast> for MacroCollector {
    fn visit_macro(&mut self, mac: &'ast Macro) {
        let evaluated = matches!(
            mac_name(mac).as_str(),
            "format" | "format_args" | "vec" | "concat" | "lazy_static" | "thread_local"
        );
        if evaluated || mentions_sink(&mac.tokens) {
            self.found.push((mac_key(mac), mac.tokens.clone()));
        }
    }
}

/// Whether tokens hold an identifier that a recognised call or field
/// literal needs.
pub(super) fn mentions_sink(tokens: &TokenStream) -> bool {
    tokens.clone().into_iter().any(|tree| match tree {
        TokenTree::Ident(id) => {
            let id = id.to_string();
            matches!(
                id.as_str(),
                "model"
                    | "dataset"
                    | "Repo"
                    | "from_pretrained"
                    | "repository"
                    | "split_id"
                    | "HFRepository"
                    | "HFRepositorySync"
            ) || id.ends_with("ModelBuilder")
                || ID_FIELDS.contains(&id.as_str())
        }
        TokenTree::Group(g) => mentions_sink(&g.stream()),
        _ => false,
    })
}

/// The initializers of `lazy_static!` / `thread_local!` items (`static ref
/// MODEL: T = init;`), read as the macro's expressions.
fn static_initializers(tokens: TokenStream) -> Option<ExprList> {
    // `static ref` is the macro's own syntax: without `ref` the items are Rust.
    let mut items = TokenStream::new();
    let mut after_static = false;
    for tree in tokens {
        let is_ref = matches!(&tree, TokenTree::Ident(id) if id == "ref");
        if !(after_static && is_ref) {
            after_static = matches!(&tree, TokenTree::Ident(id) if id == "static");
            items.extend(std::iter::once(tree));
        }
    }
    let file: syn::File = syn::parse2(items).ok()?;
    let mut list = ExprList::new();
    for item in file.items {
        if let syn::Item::Static(s) = item {
            list.push(*s.expr);
        }
    }
    (!list.is_empty()).then_some(list)
}

pub(super) fn mac_key(mac: &Macro) -> usize {
    std::ptr::from_ref(mac) as usize
}

impl MacroArena {
    pub(super) fn build(file: &syn::File) -> MacroArena {
        let mut arena = MacroArena::default();
        let mut collector = MacroCollector::default();
        collector.visit_file(file);
        let mut pending = collector.found;
        while let Some((key, tokens)) = pending.pop() {
            if arena.parsed.len() >= MAX_MACROS {
                break;
            }
            let Some(list) = ExprList::parse_terminated
                .parse2(tokens.clone())
                .ok()
                .or_else(|| static_initializers(tokens))
            else {
                continue;
            };
            let mut nested = MacroCollector::default();
            for expr in list.iter() {
                nested.visit_expr(expr);
            }
            pending.extend(nested.found);
            arena.index.insert(key, arena.parsed.len());
            arena.parsed.push(list);
        }
        arena
    }

    pub(super) fn get(&self, mac: &Macro) -> Option<&ExprList> {
        self.index.get(&mac_key(mac)).map(|&i| &self.parsed[i])
    }
}

pub(super) fn mac_name(mac: &Macro) -> String {
    mac.path
        .segments
        .last()
        .map(|s| s.ident.to_string())
        .unwrap_or_default()
}
