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

pub(super) struct MacroCollector<'r> {
    /// The file's own `macro_rules!` macros, expanded where invoked.
    rules: &'r Rules,
    /// Found invocations: key, tokens, and what they are.
    pub(super) found: Vec<(usize, TokenStream, MacroKind)>,
}

/// What an invocation worth reading is.
pub(super) enum MacroKind {
    /// One of the file's own `macro_rules!` macros.
    Rule(String),
    /// `format!` or `format_args!`.
    Format,
    /// Another macro whose tokens are read as expressions.
    Other,
}

impl<'ast> Visit<'ast> for MacroCollector<'_> {
    fn visit_macro(&mut self, mac: &'ast Macro) {
        let name = mac_name(mac);
        let evaluated = matches!(
            name.as_str(),
            "format" | "format_args" | "vec" | "concat" | "lazy_static" | "thread_local"
        );
        let kind =
            if !self.rules.is_empty() && self.rules.has(&name) && !mac.path.is_ident("macro_rules")
            {
                MacroKind::Rule(name)
            } else if matches!(name.as_str(), "format" | "format_args") {
                MacroKind::Format
            } else if evaluated || mentions_sink(&mac.tokens) {
                MacroKind::Other
            } else {
                return;
            };
        self.found.push((mac_key(mac), mac.tokens.clone(), kind));
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

/// A `format!`'s arguments with the variables its string captures by name
/// (`format!("{owner}/{name}")`) as the named arguments they stand for
/// (`owner = owner`), so that every piece of the string has its
/// expression.
fn with_captures(mut list: ExprList) -> ExprList {
    let Some(Expr::Lit(syn::ExprLit {
        lit: Lit::Str(s), ..
    })) = list.first()
    else {
        return list;
    };
    let span = s.span();
    let named: Vec<String> = list
        .iter()
        .skip(1)
        .filter_map(|a| match a {
            Expr::Assign(x) => match &*x.left {
                Expr::Path(p) => p.path.get_ident().map(|i| i.to_string()),
                _ => None,
            },
            _ => None,
        })
        .collect();
    let mut captured: Vec<String> = Vec::new();
    for piece in format_pieces(&s.value()) {
        if let FmtPiece::Name(name) = piece
            && !named.contains(&name)
            && !captured.contains(&name)
            && syn::parse_str::<syn::Ident>(&name).is_ok()
        {
            captured.push(name);
        }
    }
    for name in captured {
        let ident = proc_macro2::Ident::new(&name, span);
        let path = |ident: &proc_macro2::Ident| {
            Box::new(Expr::Path(syn::ExprPath {
                attrs: Vec::new(),
                qself: None,
                path: ident.clone().into(),
            }))
        };
        list.push(Expr::Assign(syn::ExprAssign {
            attrs: Vec::new(),
            left: path(&ident),
            eq_token: Token![=](span),
            right: path(&ident),
        }));
    }
    list
}

pub(super) fn mac_key(mac: &Macro) -> usize {
    std::ptr::from_ref(mac) as usize
}

impl MacroArena {
    pub(super) fn build(file: &syn::File) -> MacroArena {
        let mut arena = MacroArena::default();
        let rules = Rules::of(file);
        let mut collector = MacroCollector {
            rules: &rules,
            found: Vec::new(),
        };
        collector.visit_file(file);
        let mut pending: Vec<_> = collector.found.into_iter().map(|f| (f, 0)).collect();
        while let Some(((key, tokens, rule), depth)) = pending.pop() {
            if arena.parsed.len() >= MAX_MACROS {
                break;
            }
            let list = match rule {
                // The file's own macro: its expansion, read as a block
                // (items, statements or an expression).
                MacroKind::Rule(name) if depth < MAX_DEPTH => rules
                    .expand(&name, tokens)
                    .map(|out| TokenTree::Group(proc_macro2::Group::new(Delimiter::Brace, out)))
                    .and_then(|block| syn::parse2::<Expr>(block.into()).ok())
                    .map(|block| std::iter::once(block).collect::<ExprList>()),
                MacroKind::Rule(_) => None,
                MacroKind::Format => ExprList::parse_terminated
                    .parse2(tokens)
                    .ok()
                    .map(with_captures),
                MacroKind::Other => ExprList::parse_terminated
                    .parse2(tokens.clone())
                    .ok()
                    .or_else(|| static_initializers(tokens)),
            };
            let Some(list) = list else {
                continue;
            };
            let mut nested = MacroCollector {
                rules: &rules,
                found: Vec::new(),
            };
            for expr in list.iter() {
                nested.visit_expr(expr);
            }
            pending.extend(nested.found.into_iter().map(|f| (f, depth + 1)));
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
