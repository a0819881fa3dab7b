//! The index of one file: its bindings, functions, calls and sinks.

use super::*;

/// A function context: `None` outside any function.
pub(super) type Ctx = Option<usize>;

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Sel {
    /// Element `i` of a tuple.
    Tuple(usize),
    /// Any element of an array, a `vec!`, an iterator.
    Elem,
    /// Named field of a struct or an enum variant (`Source::Hub { id, .. }`).
    Field(String),
}

pub(super) struct Binding<'a> {
    pub(super) init: &'a Expr,
    pub(super) sel: Vec<Sel>,
    /// The lines the name is bound on, for a `match` arm's pattern (its
    /// arm); `None`: the whole function.
    pub(super) scope: Option<(u32, u32)>,
    /// The tuple variant the pattern destructures, with its arity
    /// (`WithModel::Custom(id)`: `Custom`, 1), when the name is bound
    /// inside one.
    pub(super) variant: Option<(String, usize)>,
}

#[derive(Default)]
pub(super) struct FnInfo<'a> {
    pub(super) name: String,
    /// The type of the enclosing `impl`, if any.
    pub(super) owner: Option<String>,
    pub(super) has_self: bool,
    /// Visible to the crate's dependents, as far as this file tells.
    pub(super) public: bool,
    /// Parameter types' last segments (`Config` for `cfg: &Config`).
    pub(super) param_types: Vec<Option<String>>,
    /// Parameter names, receiver excluded (`None` for patterns).
    pub(super) params: Vec<Option<String>>,
    pub(super) body: Option<&'a Block>,
    pub(super) returns: Vec<&'a Expr>,
    pub(super) locals: HashMap<String, Vec<Binding<'a>>>,
    /// The type parameters in scope (the function's and its `impl`'s): a
    /// parameter of such a type is of no type the file defines.
    pub(super) generics: Vec<String>,
}

pub(super) struct CallSite<'a> {
    pub(super) args: Vec<&'a Expr>,
    /// `x.f(a)` rather than `f(a)` / `T::f(x, a)`.
    pub(super) method: bool,
    pub(super) ctx: Ctx,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum SinkKind {
    /// A call of a function of the crate that is a sink (index in the
    /// crate's list).
    External(usize),
    /// `.model(id)`, `Api::model(&api, id)`, `Repo::model(id)`.
    Model,
    /// `.dataset(id)`, `Api::dataset(&api, id)`, `Repo::dataset(id)`.
    Dataset,
    /// `Repo::new(id, kind)`, or `…ModelBuilder::new(id, …)`.
    RepoNew,
    /// `Repo::with_revision(id, kind, revision)`.
    RepoWithRevision,
    /// `Tokenizer::from_pretrained(id, params)`.
    FromPretrained,
    /// hf-hub 1.x: a repository named by owner and name, the arguments at
    /// these positions (`client.model(owner, name)`,
    /// `client.repository(RepoTypeModel, owner, name)`,
    /// `HFRepository::new(client, RepoTypeDataset, owner, name)`), of the
    /// kind the marker type at `marker` says, if there is one.
    OwnerName {
        owner: usize,
        name: usize,
        marker: Option<usize>,
        dataset: bool,
    },
}

#[derive(Clone)]
pub(super) struct Sink<'a> {
    pub(super) kind: SinkKind,
    /// The type named before the function (`Repo`, `Api`, an alias…);
    /// `None` for method calls.
    pub(super) owner: Option<String>,
    pub(super) args: Vec<&'a Expr>,
    /// The receiver of a method call, when its type may tell whose method
    /// it is.
    pub(super) recv: Option<&'a Expr>,
    pub(super) ctx: Ctx,
    /// Line of the call, address of the call expression, and how to show it.
    pub(super) line: u32,
    pub(super) at: usize,
    pub(super) desc: String,
}

/// A clap default: a literal and its line, or the name of a const.
pub(super) enum ClapValue {
    Lit(String, u32),
    Const(String),
}

pub(super) struct Index<'a> {
    pub(super) arena: &'a MacroArena,
    pub(super) scan_urls: bool,
    /// The file's path as reports show it.
    pub(super) rel: &'a str,
    /// The crate's functions that are sinks.
    pub(super) ext: &'a [SinkFn],
    /// Types of the enclosing `impl` blocks, and whether each implements a
    /// trait.
    pub(super) impls: Vec<String>,
    pub(super) trait_impls: Vec<bool>,
    /// Type parameters of the enclosing `impl` blocks.
    pub(super) impl_generics: Vec<Vec<String>>,
    /// Whether each enclosing inline module is `pub`.
    pub(super) pub_mods: Vec<bool>,
    /// Lines of `#[cfg(test)]` modules and `#[test]` functions.
    pub(super) test_ranges: Vec<(u32, u32)>,
    /// Revisions set on a builder by a chained setter: address of the
    /// constructor call, the revision argument.
    pub(super) rev_pairs: HashMap<usize, Vec<(&'a Expr, Ctx)>>,
    pub(super) fns: Vec<FnInfo<'a>>,
    pub(super) fn_by_name: HashMap<String, Vec<usize>>,
    pub(super) consts: HashMap<String, Vec<&'a Expr>>,
    /// clap `default_value` of each field name.
    pub(super) clap: HashMap<String, Vec<ClapValue>>,
    pub(super) field_inits: HashMap<String, Vec<(&'a Expr, Ctx)>>,
    /// The declared type of each struct field of the file: (struct,
    /// field) to the type it holds (`Cache` for `cache: Option<Cache>`).
    pub(super) field_types: HashMap<(String, String), String>,
    pub(super) calls: HashMap<String, Vec<CallSite<'a>>>,
    pub(super) sinks: Vec<Sink<'a>>,
    pub(super) repo_aliases: HashSet<String>,
    pub(super) api_aliases: HashSet<String>,
    /// `tokenizers::Tokenizer` and its renames.
    pub(super) tokenizer_aliases: HashSet<String>,
    /// Renames of `…ModelBuilder` types (`use … TextModelBuilder as B`).
    pub(super) builder_aliases: HashSet<String>,
    /// The file uses hf-hub 1.x (`HFClient`, `HFRepository`, `split_id`):
    /// its two-argument `.model(owner, name)` calls are Hub calls.
    pub(super) hub_v1: bool,
    pub(super) found: Vec<Found>,
    /// Struct fields that reach a Hub call set by a literal here.
    pub(super) set_fields: Vec<(String, String)>,
    /// The file's id-shaped literals in code (`owner/name`, or a known
    /// owner-less id as the repository it stands for), with their lines.
    pub(super) id_literals: Vec<(String, u32)>,
    /// Current function and the closure depth inside it.
    pub(super) stack: Vec<(usize, usize)>,
    /// Inside the message of a panic or an error ([`MESSAGE_MACROS`]): a Hub
    /// URL there shows a person what to write, it downloads nothing.
    pub(super) in_message: usize,
}

/// Macros whose text is a message to a person: a panic, an assertion, an
/// error built or returned.
const MESSAGE_MACROS: &[&str] = &[
    "panic",
    "unreachable",
    "unimplemented",
    "todo",
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "bail",
    "anyhow",
    "ensure",
    "format_err",
    "eyre",
];

/// The tuple variant (or tuple struct) a pattern destructures at its top,
/// with its arity: `Source::Hub(id, rev)` gives (`Hub`, 2). Not `Some`/`Ok`,
/// whose payload is the value itself, nor a pattern with `..`.
pub(super) fn tuple_variant(pat: &Pat) -> Option<(String, usize)> {
    match pat {
        Pat::Reference(r) => tuple_variant(&r.pat),
        Pat::Paren(p) => tuple_variant(&p.pat),
        Pat::Type(t) => tuple_variant(&t.pat),
        Pat::TupleStruct(ts) => {
            let last = ts.path.segments.last()?.ident.to_string();
            let rest = ts.elems.iter().any(|e| matches!(e, Pat::Rest(_)));
            (!matches!(last.as_str(), "Some" | "Ok") && !rest).then(|| (last, ts.elems.len()))
        }
        _ => None,
    }
}

pub(super) fn pat_bindings(pat: &Pat, sel: &[Sel], out: &mut Vec<(String, Vec<Sel>)>) {
    match pat {
        Pat::Ident(p) => {
            let name = p.ident.to_string();
            if name != "_" {
                out.push((name, sel.to_vec()));
            }
            if let Some((_, sub)) = &p.subpat {
                pat_bindings(sub, sel, out);
            }
        }
        Pat::Tuple(t) => {
            for (i, elem) in t.elems.iter().enumerate() {
                if matches!(elem, Pat::Rest(_)) {
                    break;
                }
                let mut inner = sel.to_vec();
                inner.push(Sel::Tuple(i));
                pat_bindings(elem, &inner, out);
            }
        }
        Pat::TupleStruct(ts) => {
            let last = ts.path.segments.last().map(|s| s.ident.to_string());
            if matches!(last.as_deref(), Some("Some" | "Ok")) && ts.elems.len() == 1 {
                pat_bindings(&ts.elems[0], sel, out);
            } else {
                // A tuple variant or struct: `Source::Hub(id, rev)`.
                for (i, elem) in ts.elems.iter().enumerate() {
                    if matches!(elem, Pat::Rest(_)) {
                        break;
                    }
                    let mut inner = sel.to_vec();
                    inner.push(Sel::Tuple(i));
                    pat_bindings(elem, &inner, out);
                }
            }
        }
        Pat::Struct(ps) => {
            // `Source::Hub { id, revision: rev, .. }`.
            for field in &ps.fields {
                if let Member::Named(name) = &field.member {
                    let mut inner = sel.to_vec();
                    inner.push(Sel::Field(name.to_string()));
                    pat_bindings(&field.pat, &inner, out);
                }
            }
        }
        Pat::Reference(r) => pat_bindings(&r.pat, sel, out),
        Pat::Type(t) => pat_bindings(&t.pat, sel, out),
        Pat::Paren(p) => pat_bindings(&p.pat, sel, out),
        Pat::Or(o) => {
            for case in &o.cases {
                pat_bindings(case, sel, out);
            }
        }
        _ => {}
    }
}

/// `"lit"`, `"lit".to_string()`, `String::from("lit")`… as a static value.
pub(crate) fn static_str(expr: &Expr) -> Option<&LitStr> {
    match expr {
        Expr::Lit(l) => match &l.lit {
            Lit::Str(s) => Some(s),
            _ => None,
        },
        Expr::Paren(p) => static_str(&p.expr),
        Expr::Group(g) => static_str(&g.expr),
        Expr::Reference(r) => static_str(&r.expr),
        Expr::MethodCall(m) if m.args.is_empty() && is_passthrough(&m.method.to_string()) => {
            static_str(&m.receiver)
        }
        Expr::Call(c) if c.args.len() == 1 && is_conversion(&c.func) => static_str(&c.args[0]),
        _ => None,
    }
}

/// Methods whose result carries the receiver's text unchanged.
pub(super) fn is_passthrough(method: &str) -> bool {
    matches!(
        method,
        "to_string"
            | "to_owned"
            | "into"
            | "clone"
            | "as_str"
            | "as_ref"
            | "as_deref"
            | "borrow"
            | "deref"
            | "unwrap"
            | "expect"
            | "unwrap_or_default"
            | "trim"
            | "iter"
            | "into_iter"
            | "copied"
            | "cloned"
            | "to_vec"
            | "into_owned"
            | "to_string_lossy"
            | "as_os_str"
            | "as_path"
    )
}

/// The repository an id-shaped literal names: `owner/name` (not a media
/// type such as `image/png`), or a known owner-less id.
pub(super) fn id_shaped(text: &str) -> Option<String> {
    const MEDIA: &[&str] = &[
        "application",
        "audio",
        "font",
        "image",
        "message",
        "model",
        "multipart",
        "text",
        "video",
    ];
    if let Some(canonical) = legacy_id(text) {
        return Some(canonical.to_owned());
    }
    let owner = text.split('/').next().unwrap_or_default();
    (id_like(text) && !MEDIA.contains(&owner)).then(|| text.to_owned())
}

/// `split_id` or `hf_hub::split_id`: hf-hub 1.x's `(owner, name)` of an id.
pub(super) fn is_split_id(func: &Expr) -> bool {
    matches!(func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "split_id"))
}

/// `String::from`, `Some`, `Cow::Borrowed`… : calls that carry their one
/// argument's text.
pub(super) fn is_conversion(func: &Expr) -> bool {
    let Expr::Path(p) = func else {
        return false;
    };
    let segs: Vec<String> = p
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    let n = segs.len();
    let last = segs[n - 1].as_str();
    let owner = if n >= 2 { segs[n - 2].as_str() } else { "" };
    matches!(
        (owner, last),
        (_, "Some" | "Ok")
            | ("String" | "From", "from")
            | ("String", "from_str")
            | ("ToString", "to_string")
            | ("ToOwned", "to_owned")
            | ("Into", "into")
            | ("Cow", "from" | "Borrowed" | "Owned")
            | ("Box" | "Rc" | "Arc", "from" | "new")
    )
}

impl<'a> Index<'a> {
    pub(super) fn new(
        arena: &'a MacroArena,
        scan_urls: bool,
        rel: &'a str,
        ext: &'a [SinkFn],
    ) -> Index<'a> {
        Index {
            arena,
            scan_urls,
            rel,
            ext,
            impls: Vec::new(),
            trait_impls: Vec::new(),
            impl_generics: Vec::new(),
            pub_mods: Vec::new(),
            test_ranges: Vec::new(),
            rev_pairs: HashMap::new(),
            fns: Vec::new(),
            fn_by_name: HashMap::new(),
            consts: HashMap::new(),
            clap: HashMap::new(),
            field_inits: HashMap::new(),
            field_types: HashMap::new(),
            calls: HashMap::new(),
            sinks: Vec::new(),
            repo_aliases: HashSet::from(["Repo".to_owned()]),
            api_aliases: HashSet::from(["Api".to_owned()]),
            tokenizer_aliases: HashSet::from(["Tokenizer".to_owned(), "TokenizerImpl".to_owned()]),
            builder_aliases: HashSet::new(),
            hub_v1: false,
            found: Vec::new(),
            set_fields: Vec::new(),
            id_literals: Vec::new(),
            stack: Vec::new(),
            in_message: 0,
        }
    }

    pub(super) fn ctx(&self) -> Ctx {
        self.stack.last().map(|&(f, _)| f)
    }

    pub(super) fn bind(&mut self, pat: &'a Pat, init: &'a Expr, sel: &[Sel]) {
        self.bind_in(pat, init, sel, None);
    }

    pub(super) fn bind_in(
        &mut self,
        pat: &'a Pat,
        init: &'a Expr,
        sel: &[Sel],
        scope: Option<(u32, u32)>,
    ) {
        let Some(ctx) = self.ctx() else {
            return;
        };
        let mut names = Vec::new();
        pat_bindings(pat, sel, &mut names);
        let variant = tuple_variant(pat);
        for (name, sel) in names {
            let variant = variant.clone().filter(|_| !sel.is_empty());
            self.fns[ctx].locals.entry(name).or_default().push(Binding {
                init,
                sel,
                scope,
                variant,
            });
        }
    }

    pub(super) fn enter_fn(&mut self, sig: &'a syn::Signature, body: &'a Block, public: bool) {
        let mut info = FnInfo {
            name: sig.ident.to_string(),
            owner: self.impls.last().cloned(),
            body: Some(body),
            public: public && self.pub_mods.iter().all(|&p| p),
            generics: type_params(&sig.generics)
                .into_iter()
                .chain(self.impl_generics.iter().flatten().cloned())
                .collect(),
            ..FnInfo::default()
        };
        for input in &sig.inputs {
            match input {
                syn::FnArg::Receiver(_) => info.has_self = true,
                syn::FnArg::Typed(t) => {
                    info.params.push(match &*t.pat {
                        Pat::Ident(p) => Some(p.ident.to_string()),
                        _ => None,
                    });
                    info.param_types.push(type_name(&t.ty));
                }
            }
        }
        let id = self.fns.len();
        self.fn_by_name
            .entry(info.name.clone())
            .or_default()
            .push(id);
        self.fns.push(info);
        self.stack.push((id, 0));
        self.visit_block(body);
        self.stack.pop();
    }

    pub(super) fn url_literal(&mut self, raw: &str, line: u32) {
        // A URL in a panic's or an error's message is listed, not audited.
        let how = if self.in_message > 0 {
            ReferenceKind::Untraced
        } else {
            ReferenceKind::HubUrl
        };
        for (at, url) in hub_urls(raw) {
            let offset = raw[..at].matches('\n').count();
            let line = line.saturating_add(u32::try_from(offset).unwrap_or(u32::MAX));
            self.found
                .push(Found::new(url.id, url.revision, url.dataset, line, how));
        }
    }

    /// String literals among tokens that are not code we parsed
    /// (attributes, macros that are not expression lists), doc attributes
    /// skipped: their Hub URLs, and their id-shaped literals for the
    /// untraced listing, as the lexer finds them in a file not parsed.
    pub(super) fn loose_tokens(&mut self, tokens: TokenStream) {
        let mut iter = tokens.into_iter().peekable();
        while let Some(tree) = iter.next() {
            match tree {
                TokenTree::Punct(p) if p.as_char() == '#' => {
                    if let Some(TokenTree::Punct(bang)) = iter.peek()
                        && bang.as_char() == '!'
                    {
                        iter.next();
                    }
                    if let Some(TokenTree::Group(g)) = iter.peek()
                        && g.delimiter() == Delimiter::Bracket
                    {
                        let is_doc = matches!(
                            g.stream().into_iter().next(),
                            Some(TokenTree::Ident(ref id)) if id == "doc"
                        );
                        if is_doc {
                            iter.next();
                        }
                    }
                }
                TokenTree::Group(g) => self.loose_tokens(g.stream()),
                TokenTree::Literal(lit) => {
                    if let Lit::Str(s) = Lit::new(lit) {
                        let line = line_of(s.span());
                        if let Some(id) = id_shaped(&s.value()) {
                            self.id_literals.push((id, line));
                        }
                        if self.scan_urls {
                            self.url_literal(&s.token().to_string(), line);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// Reads `default_value = "…"` / `default_value_t = …` from a clap
    /// attribute of field `name`.
    pub(super) fn clap_attr(&mut self, name: &str, attr: &syn::Attribute) {
        let syn::Meta::List(list) = &attr.meta else {
            return;
        };
        let tokens: Vec<TokenTree> = list.tokens.clone().into_iter().collect();
        let mut i = 0;
        while i + 2 < tokens.len() {
            let key = match &tokens[i] {
                TokenTree::Ident(id) => id.to_string(),
                _ => String::new(),
            };
            let eq = matches!(&tokens[i + 1], TokenTree::Punct(p) if p.as_char() == '=');
            if eq && (key == "default_value" || key == "default_value_t") {
                let end = tokens[i + 2..]
                    .iter()
                    .position(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ','))
                    .map_or(tokens.len(), |p| i + 2 + p);
                let value: TokenStream = tokens[i + 2..end].iter().cloned().collect();
                let default = match syn::parse2::<Expr>(value) {
                    Ok(Expr::Path(p)) => p
                        .path
                        .segments
                        .last()
                        .map(|s| ClapValue::Const(s.ident.to_string())),
                    Ok(expr) => static_str(&expr)
                        .map(|lit| ClapValue::Lit(lit.value(), line_of(lit.span()))),
                    Err(_) => None,
                };
                if let Some(default) = default {
                    self.clap.entry(name.to_owned()).or_default().push(default);
                }
                i = end;
            }
            i += 1;
        }
    }

    pub(super) fn sink_from_call(&mut self, call: &'a syn::ExprCall) {
        let Expr::Path(p) = &*call.func else {
            return;
        };
        let segs = &p.path.segments;
        if segs.len() < 2 {
            return;
        }
        let last = segs[segs.len() - 1].ident.to_string();
        let owner = segs[segs.len() - 2].ident.to_string();
        if matches!(owner.as_str(), "HFRepository" | "HFRepositorySync")
            && last == "new"
            && call.args.len() == 4
        {
            let Some(dataset) = repo_type_is_dataset(&call.args[1]) else {
                return;
            };
            self.sinks.push(Sink {
                recv: None,
                kind: SinkKind::OwnerName {
                    owner: 2,
                    name: 3,
                    marker: Some(1),
                    dataset,
                },
                owner: Some(owner.clone()),
                args: call.args.iter().collect(),
                ctx: self.ctx(),
                line: line_of(segs[segs.len() - 1].ident.span()),
                at: addr(call),
                desc: format!("{owner}::new(..)"),
            });
            return;
        }
        let kind = match last.as_str() {
            "model" => SinkKind::Model,
            "dataset" => SinkKind::Dataset,
            "new" => SinkKind::RepoNew,
            "with_revision" => SinkKind::RepoWithRevision,
            "from_pretrained" => SinkKind::FromPretrained,
            _ => return,
        };
        let desc = format!("{owner}::{last}(..)");
        self.sinks.push(Sink {
            recv: None,
            kind,
            owner: Some(owner),
            args: call.args.iter().collect(),
            ctx: self.ctx(),
            line: line_of(segs[segs.len() - 1].ident.span()),
            at: addr(call),
            desc,
        });
    }

    /// The crate's sink function a call `owner::name(args)` (or
    /// `recv.name(args)` when `owner` is `None`) names, if any, with the
    /// offset of the first parameter among the arguments.
    pub(super) fn ext_sink(
        &self,
        owner: Option<&str>,
        name: &str,
        args: usize,
    ) -> Option<(usize, usize)> {
        self.ext.iter().enumerate().find_map(|(i, f)| {
            if f.field || f.returns || f.name != name {
                return None;
            }
            match owner {
                None if f.method && args == f.arity => Some((i, 0)),
                None => None,
                Some(o) => {
                    let same_type = match &f.owner {
                        Some(t) => o == t || (o == "Self" && self.impls.last() == Some(t)),
                        None => o.is_empty() || o.chars().next().is_some_and(char::is_lowercase),
                    };
                    if !same_type {
                        None
                    } else if f.method && args == f.arity + 1 {
                        Some((i, 1))
                    } else if args == f.arity {
                        Some((i, 0))
                    } else {
                        None
                    }
                }
            }
        })
    }

    /// The crate's method sink a call `recv.name(..)` recorded as sink `i`
    /// is, by the receiver's type: of the sinks of that name and arity, the
    /// one of the receiver's type, or none when the type is known and none
    /// is its own. On a receiver of unknown type a method whose name every
    /// type has (`get`, `load`) is taken for nobody's sink: a dependency's
    /// `Cache::get` is no `vb.get(..)`.
    pub(super) fn method_sink(&self, recv: &'a Expr, ctx: Ctx, i: usize) -> Option<usize> {
        let f = &self.ext[i];
        let generic = |ty: &String| ctx.is_some_and(|c| self.fns[c].generics.contains(ty));
        let Some(ty) = self.receiver_type(recv, ctx).filter(|ty| !generic(ty)) else {
            return (!common_name(&f.name)).then_some(i);
        };
        self.ext.iter().enumerate().find_map(|(j, g)| {
            let same = g.method
                && !g.field
                && !g.returns
                && g.name == f.name
                && g.arity == f.arity
                && g.owner.as_deref().is_none_or(|o| o == ty);
            same.then_some(j)
        })
    }

    /// The type of a method call's receiver, where the file tells it: what
    /// [`Tracer::base_type`] knows, a field of a value of known type
    /// (`self.cache`), a value built in place (`Cache::default()`).
    pub(super) fn receiver_type(&self, recv: &'a Expr, ctx: Ctx) -> Option<String> {
        match recv {
            Expr::Paren(e) => self.receiver_type(&e.expr, ctx),
            Expr::Reference(e) => self.receiver_type(&e.expr, ctx),
            Expr::Try(e) => self.receiver_type(&e.expr, ctx),
            Expr::Await(e) => self.receiver_type(&e.base, ctx),
            Expr::MethodCall(m) if m.args.is_empty() && is_passthrough(&m.method.to_string()) => {
                self.receiver_type(&m.receiver, ctx)
            }
            Expr::Field(f) => {
                let Member::Named(name) = &f.member else {
                    return None;
                };
                let base = self.receiver_type(&f.base, ctx)?;
                self.field_types.get(&(base, name.to_string())).cloned()
            }
            Expr::Call(c) => built_by(&c.func),
            _ => Tracer::new(self).base_type(recv, ctx),
        }
    }

    /// hf-hub 1.x's method calls that name a repository by owner and name:
    /// `.model(owner, name)`, `.dataset(owner, name)` and
    /// `.repository(RepoTypeModel, owner, name)`, in a file that uses
    /// hf-hub 1.x. Spaces and kernels are not models.
    pub(super) fn owner_name_sink(
        &self,
        name: &str,
        args: &Punctuated<Expr, Token![,]>,
    ) -> Option<SinkKind> {
        if !self.hub_v1 {
            return None;
        }
        match (name, args.len()) {
            ("model" | "dataset", 2) => Some(SinkKind::OwnerName {
                owner: 0,
                name: 1,
                marker: None,
                dataset: name == "dataset",
            }),
            ("repository", 3) => Some(SinkKind::OwnerName {
                owner: 1,
                name: 2,
                marker: Some(0),
                dataset: repo_type_is_dataset(&args[0])?,
            }),
            _ => None,
        }
    }

    /// Pairs revision `rev` with the constructors or id setters the builder
    /// `recv` comes from: up its chain of calls, and through the bindings
    /// of a variable of the function (earlier `let`s and assignments).
    fn pair_revision(&mut self, recv: &'a Expr, setter: usize, rev: &'a Expr, ctx: Ctx) {
        let mut todo: Vec<&'a Expr> = vec![recv];
        let mut seen: HashSet<usize> = HashSet::from([setter]);
        let mut steps = 0;
        while let Some(mut recv) = todo.pop() {
            steps += 1;
            if steps > 64 {
                return;
            }
            loop {
                if !seen.insert(addr(recv)) {
                    break;
                }
                match recv {
                    Expr::MethodCall(m) => {
                        let inner = m.method.to_string();
                        if self.owner_name_sink(&inner, &m.args).is_some()
                            || self
                                .ext_sink(None, &inner, m.args.len())
                                .is_some_and(|(j, _)| self.ext[j].id.is_some())
                        {
                            self.rev_pairs.entry(addr(m)).or_default().push((rev, ctx));
                            break;
                        }
                        recv = &m.receiver;
                    }
                    Expr::Call(c) => {
                        self.rev_pairs.entry(addr(c)).or_default().push((rev, ctx));
                        break;
                    }
                    Expr::Paren(p) => recv = &p.expr,
                    Expr::Try(t) => recv = &t.expr,
                    Expr::Await(a) => recv = &a.base,
                    Expr::Reference(r) => recv = &r.expr,
                    Expr::Path(p) if p.path.segments.len() == 1 && p.qself.is_none() => {
                        let name = p.path.segments[0].ident.to_string();
                        if let Some(f) = ctx
                            && let Some(bindings) = self.fns[f].locals.get(&name)
                        {
                            todo.extend(
                                bindings.iter().filter(|b| b.sel.is_empty()).map(|b| b.init),
                            );
                        }
                        break;
                    }
                    _ => break,
                }
            }
        }
    }

    /// A struct literal setting fields that reach a Hub call: a call with
    /// the id field's value, paired with the revision fields'.
    fn field_sinks(&mut self, s: &'a syn::ExprStruct) {
        // `Config { .. }`, `Self { .. }`, or a variant of an enum:
        // `Source::Hub { .. }` sets fields of `Source`.
        let segs: Vec<String> = s
            .path
            .segments
            .iter()
            .rev()
            .take(2)
            .map(|seg| {
                let name = seg.ident.to_string();
                if name == "Self" {
                    self.impls.last().cloned().unwrap_or_default()
                } else {
                    name
                }
            })
            .collect();
        let Some(mut ty) = segs.first().cloned() else {
            return;
        };
        let ctx = self.ctx();
        let mut revisions = Vec::new();
        let mut ids = Vec::new();
        for field in &s.fields {
            let Member::Named(name) = &field.member else {
                continue;
            };
            let name = name.to_string();
            for (i, f) in self.ext.iter().enumerate() {
                let Some(owner) = f.owner.as_deref().filter(|o| segs.iter().any(|s| s == o)) else {
                    continue;
                };
                if !f.field || f.name != name {
                    continue;
                }
                ty = owner.to_owned();
                if f.id.is_some() {
                    ids.push((i, field));
                } else {
                    revisions.push((&field.expr, ctx));
                }
            }
        }
        if ids.is_empty() {
            return;
        }
        self.rev_pairs.entry(addr(s)).or_default().extend(revisions);
        for (i, field) in ids {
            let name = &self.ext[i].name;
            self.set_fields.push((ty.clone(), name.clone()));
            self.sinks.push(Sink {
                recv: None,
                kind: SinkKind::External(i),
                owner: Some(ty.clone()),
                args: vec![&field.expr],
                ctx,
                line: line_of(field.member.span()),
                at: addr(s),
                desc: format!("{ty} {{ {name} }}"),
            });
        }
    }

    /// Whether `owner` is a type whose calls are Hub calls of their own
    /// (`Repo`, `Api`, `Tokenizer`, a `…ModelBuilder`, or a rename), so
    /// that a dependency's function of the same name (hf-hub's own
    /// `Api::model`) is not a second Hub call there.
    pub(super) fn native_owner(&self, owner: &str) -> bool {
        self.repo_aliases.contains(owner)
            || self.api_aliases.contains(owner)
            || self.tokenizer_aliases.contains(owner)
            || owner.ends_with("ModelBuilder")
            || self.builder_aliases.contains(owner)
    }

    /// A call of a closure held in a local (`let load = |id: &str| …;
    /// load(&model_id)`): its parameters are bound to the arguments, so a
    /// Hub call in the closure's body is traced to them.
    fn bind_closure_params(&mut self, call: &'a syn::ExprCall) {
        let Expr::Path(p) = &*call.func else {
            return;
        };
        let Some(name) = p.path.get_ident().map(ToString::to_string) else {
            return;
        };
        let Some(f) = self.ctx() else {
            return;
        };
        let closure = self.fns[f].locals.get(&name).and_then(|bindings| {
            bindings.iter().find_map(|b| match b.init {
                Expr::Closure(c) if b.sel.is_empty() && c.inputs.len() == call.args.len() => {
                    Some(c)
                }
                _ => None,
            })
        });
        if let Some(closure) = closure {
            for (input, arg) in closure.inputs.iter().zip(&call.args) {
                self.bind(input, arg, &[]);
            }
        }
    }

    pub(super) fn in_test(&self, line: u32) -> bool {
        self.test_ranges
            .iter()
            .any(|&(a, b)| a <= line && line <= b)
    }

    pub(super) fn test_range(&mut self, attrs: &[syn::Attribute], span: proc_macro2::Span) {
        if attrs.iter().any(is_test_attr) {
            let end = u32::try_from(span.end().line).unwrap_or(u32::MAX);
            self.test_ranges.push((line_of(span), end));
        }
    }
}

/// The names of the type parameters of `generics` (`L` of `<L: Loader>`).
fn type_params(generics: &syn::Generics) -> Vec<String> {
    generics
        .type_params()
        .map(|p| p.ident.to_string())
        .collect()
}

/// The type a field holds, through the wrappers that only hold it
/// (`Cache` for `Option<Arc<kalosm_common::Cache>>`).
pub(super) fn held_type(ty: &syn::Type) -> Option<String> {
    if let syn::Type::Path(p) = ty
        && let Some(last) = p.path.segments.last()
        && matches!(
            last.ident.to_string().as_str(),
            "Option" | "Box" | "Arc" | "Rc" | "RefCell" | "Mutex" | "RwLock"
        )
        && let syn::PathArguments::AngleBracketed(args) = &last.arguments
        && let Some(syn::GenericArgument::Type(inner)) = args.args.first()
    {
        return held_type(inner);
    }
    type_name(ty)
}

/// The last segment of a type's path, through references
/// (`Config` for `&crate::Config`).
pub(super) fn type_name(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Reference(r) => type_name(&r.elem),
        syn::Type::Paren(p) => type_name(&p.elem),
        syn::Type::Group(g) => type_name(&g.elem),
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// Programs that download a Hub repository named on their command line,
/// and where the id is on it: after a flag, or after a subcommand.
const DOWNLOADERS: &[(&str, &str)] = &[
    ("optimum-cli", "--model"),
    ("optimum-cli", "-m"),
    ("huggingface-cli", "download"),
    ("hf", "download"),
];

impl<'a> Index<'a> {
    /// A Hub-downloading program's command line ([`Index::program_download`])
    /// as a Hub call. Not inlined: the visitor recurses through every method
    /// call of a chain, and these locals would sit in each of its frames.
    #[inline(never)]
    fn program_sink(&mut self, call: &'a syn::ExprMethodCall, ctx: Ctx) {
        let Some((id, dataset, program)) = self.program_download(call) else {
            return;
        };
        self.sinks.push(Sink {
            recv: None,
            kind: if dataset {
                SinkKind::Dataset
            } else {
                SinkKind::Model
            },
            owner: None,
            args: vec![id],
            ctx,
            line: line_of(call.method.span()),
            at: addr(call),
            desc: format!("{program} .{}(..)", call.method),
        });
    }

    /// A command line of a Hub-downloading program ([`DOWNLOADERS`]) built
    /// on `Command::new(program)` by the chain of `.arg(..)`/`.args([..])`
    /// calls that `call` ends, whose id argument is one of `call`'s own:
    /// the id's expression, whether `--repo-type dataset` is asked for, and
    /// the program.
    fn program_download(&self, call: &'a syn::ExprMethodCall) -> Option<(&'a Expr, bool, String)> {
        // The chain, outermost call first.
        let mut chain = vec![call];
        let mut recv = &*call.receiver;
        let program = loop {
            match recv {
                Expr::MethodCall(m) if matches!(m.method.to_string().as_str(), "arg" | "args") => {
                    chain.push(m);
                    recv = &m.receiver;
                }
                // Setters that keep the command (`.env(..)`, `.current_dir(..)`).
                Expr::MethodCall(m) => recv = &m.receiver,
                Expr::Reference(r) => recv = &r.expr,
                Expr::Paren(p) => recv = &p.expr,
                Expr::Call(c)
                    if c.args.len() == 1 && built_by(&c.func).as_deref() == Some("Command") =>
                {
                    break static_str(&c.args[0])?.value();
                }
                _ => return None,
            }
        };
        let base = program
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(&program)
            .trim_end_matches(".exe")
            .to_owned();
        // Every argument, in order, with the number of the call it is in.
        let mut argv: Vec<(&'a Expr, usize)> = Vec::new();
        for (n, m) in chain.iter().enumerate().rev() {
            let arg = &m.args[0];
            if m.method == "arg" {
                argv.push((arg, n));
            } else {
                argv.extend(self.elements(arg)?.into_iter().map(|e| (e, n)));
            }
        }
        let text = |e: &Expr| static_str(e).map(|s| s.value());
        let dataset = argv.windows(2).any(|w| {
            text(w[0].0).as_deref() == Some("--repo-type")
                && text(w[1].0).as_deref() == Some("dataset")
        });
        // The first of the program's markers on its command line ("--model"
        // or "-m" for optimum-cli), and the argument after it.
        let at = DOWNLOADERS
            .iter()
            .filter(|(prog, _)| *prog == base)
            .find_map(|(_, marker)| {
                argv.iter()
                    .position(|(e, _)| text(e).as_deref() == Some(*marker))
            })?;
        let &(id, n) = argv.get(at + 1)?;
        // The id is this call's: each call of the chain is visited.
        (n == 0 && !text(id).is_some_and(|t| t.starts_with('-'))).then_some((id, dataset, base))
    }

    /// The elements of an array, a reference to one or a `vec!`.
    fn elements(&self, expr: &'a Expr) -> Option<Vec<&'a Expr>> {
        match expr {
            Expr::Reference(r) => self.elements(&r.expr),
            Expr::Paren(p) => self.elements(&p.expr),
            Expr::Array(a) => Some(a.elems.iter().collect()),
            Expr::Macro(m) if super::mac_name(&m.mac) == "vec" => {
                Some(self.arena.get(&m.mac)?.iter().collect())
            }
            _ => None,
        }
    }
}

impl<'a> Visit<'a> for Index<'a> {
    fn visit_item_fn(&mut self, f: &'a syn::ItemFn) {
        self.test_range(&f.attrs, f.span());
        for attr in &f.attrs {
            self.visit_attribute(attr);
        }
        let public = matches!(f.vis, syn::Visibility::Public(_));
        self.enter_fn(&f.sig, &f.block, public);
    }

    fn visit_impl_item_fn(&mut self, f: &'a syn::ImplItemFn) {
        self.test_range(&f.attrs, f.span());
        for attr in &f.attrs {
            self.visit_attribute(attr);
        }
        let public = matches!(f.vis, syn::Visibility::Public(_))
            || self.trait_impls.last().copied().unwrap_or(false);
        self.enter_fn(&f.sig, &f.block, public);
    }

    fn visit_item_mod(&mut self, m: &'a syn::ItemMod) {
        self.test_range(&m.attrs, m.span());
        self.pub_mods
            .push(matches!(m.vis, syn::Visibility::Public(_)));
        visit::visit_item_mod(self, m);
        self.pub_mods.pop();
    }

    fn visit_item_struct(&mut self, s: &'a syn::ItemStruct) {
        let name = s.ident.to_string();
        for field in &s.fields {
            if let Some(ident) = &field.ident
                && let Some(ty) = held_type(&field.ty)
            {
                self.field_types
                    .insert((name.clone(), ident.to_string()), ty);
            }
        }
        visit::visit_item_struct(self, s);
    }

    fn visit_item_impl(&mut self, i: &'a syn::ItemImpl) {
        self.impls.push(self_type_name(i));
        self.trait_impls.push(i.trait_.is_some());
        self.impl_generics.push(type_params(&i.generics));
        visit::visit_item_impl(self, i);
        self.impl_generics.pop();
        self.trait_impls.pop();
        self.impls.pop();
    }

    fn visit_expr_assign(&mut self, a: &'a syn::ExprAssign) {
        if let Expr::Path(p) = &*a.left
            && p.path.segments.len() == 1
            && p.qself.is_none()
            && let Some(f) = self.ctx()
        {
            self.fns[f]
                .locals
                .entry(p.path.segments[0].ident.to_string())
                .or_default()
                .push(Binding {
                    init: &a.right,
                    sel: Vec::new(),
                    scope: None,
                    variant: None,
                });
        }
        if let Expr::Field(f) = &*a.left
            && let Member::Named(name) = &f.member
        {
            let ctx = self.ctx();
            self.field_inits
                .entry(name.to_string())
                .or_default()
                .push((&a.right, ctx));
        }
        visit::visit_expr_assign(self, a);
    }

    fn visit_trait_item_fn(&mut self, f: &'a syn::TraitItemFn) {
        for attr in &f.attrs {
            self.visit_attribute(attr);
        }
        if let Some(body) = &f.default {
            self.enter_fn(&f.sig, body, true);
        }
    }

    fn visit_item_const(&mut self, c: &'a syn::ItemConst) {
        self.consts
            .entry(c.ident.to_string())
            .or_default()
            .push(&c.expr);
        visit::visit_item_const(self, c);
    }

    fn visit_item_static(&mut self, s: &'a syn::ItemStatic) {
        self.consts
            .entry(s.ident.to_string())
            .or_default()
            .push(&s.expr);
        visit::visit_item_static(self, s);
    }

    fn visit_impl_item_const(&mut self, c: &'a syn::ImplItemConst) {
        self.consts
            .entry(c.ident.to_string())
            .or_default()
            .push(&c.expr);
        visit::visit_impl_item_const(self, c);
    }

    fn visit_trait_item_const(&mut self, c: &'a syn::TraitItemConst) {
        if let Some((_, expr)) = &c.default {
            self.consts
                .entry(c.ident.to_string())
                .or_default()
                .push(expr);
        }
        visit::visit_trait_item_const(self, c);
    }

    fn visit_use_rename(&mut self, r: &'a syn::UseRename) {
        if r.ident == "Repo" {
            self.repo_aliases.insert(r.rename.to_string());
        } else if r.ident == "Api" {
            self.api_aliases.insert(r.rename.to_string());
        } else if r.ident == "Tokenizer" {
            self.tokenizer_aliases.insert(r.rename.to_string());
        } else if r.ident.to_string().ends_with("ModelBuilder") {
            self.builder_aliases.insert(r.rename.to_string());
        }
    }

    fn visit_field(&mut self, field: &'a syn::Field) {
        if let Some(name) = &field.ident {
            let name = name.to_string();
            for attr in &field.attrs {
                if attr.path().is_ident("arg")
                    || attr.path().is_ident("clap")
                    || attr.path().is_ident("structopt")
                {
                    self.clap_attr(&name, attr);
                }
            }
        }
        visit::visit_field(self, field);
    }

    fn visit_attribute(&mut self, attr: &'a syn::Attribute) {
        // Doc comments are comments; other attributes are not code, but a
        // Hub URL in one is still a reference.
        if !attr.path().is_ident("doc") {
            match &attr.meta {
                syn::Meta::Path(_) => {}
                syn::Meta::List(list) => self.loose_tokens(list.tokens.clone()),
                syn::Meta::NameValue(nv) => self.visit_expr(&nv.value),
            }
        }
    }

    fn visit_lit_str(&mut self, lit: &'a LitStr) {
        let value = lit.value();
        if let Some(id) = id_shaped(&value) {
            self.id_literals.push((id, line_of(lit.span())));
        }
        if self.scan_urls {
            let raw = lit.token().to_string();
            self.url_literal(&raw, line_of(lit.span()));
        }
    }

    fn visit_macro(&mut self, mac: &'a Macro) {
        let message = MESSAGE_MACROS.contains(&mac_name(mac).as_str());
        self.in_message += usize::from(message);
        if let Some(list) = self.arena.get(mac) {
            for expr in list {
                self.visit_expr(expr);
            }
        } else {
            self.loose_tokens(mac.tokens.clone());
        }
        self.in_message -= usize::from(message);
    }

    fn visit_local(&mut self, local: &'a syn::Local) {
        if let Some(init) = &local.init {
            self.bind(&local.pat, &init.expr, &[]);
        }
        visit::visit_local(self, local);
    }

    fn visit_expr_let(&mut self, e: &'a syn::ExprLet) {
        self.bind(&e.pat, &e.expr, &[]);
        visit::visit_expr_let(self, e);
    }

    fn visit_expr_match(&mut self, m: &'a syn::ExprMatch) {
        for arm in &m.arms {
            let end = u32::try_from(arm.body.span().end().line).unwrap_or(u32::MAX);
            self.bind_in(&arm.pat, &m.expr, &[], Some((line_of(arm.pat.span()), end)));
        }
        visit::visit_expr_match(self, m);
    }

    fn visit_expr_for_loop(&mut self, f: &'a syn::ExprForLoop) {
        self.bind(&f.pat, &f.expr, &[Sel::Elem]);
        visit::visit_expr_for_loop(self, f);
    }

    fn visit_expr_closure(&mut self, c: &'a syn::ExprClosure) {
        if let Some(top) = self.stack.last_mut() {
            top.1 += 1;
        }
        visit::visit_expr_closure(self, c);
        if let Some(top) = self.stack.last_mut() {
            top.1 -= 1;
        }
    }

    fn visit_expr_return(&mut self, r: &'a syn::ExprReturn) {
        if let (Some(&(f, 0)), Some(expr)) = (self.stack.last(), &r.expr) {
            self.fns[f].returns.push(expr);
        }
        visit::visit_expr_return(self, r);
    }

    fn visit_expr_struct(&mut self, s: &'a syn::ExprStruct) {
        let ctx = self.ctx();
        if !self.ext.is_empty() {
            self.field_sinks(s);
        }
        for field in &s.fields {
            if let Member::Named(name) = &field.member {
                let name = name.to_string();
                if ID_FIELDS.contains(&name.as_str())
                    && let Some(lit) = static_str(&field.expr)
                    && id_like(&lit.value())
                {
                    self.found.push(Found::new(
                        lit.value(),
                        None,
                        false,
                        line_of(lit.span()),
                        ReferenceKind::FieldLiteral,
                    ));
                }
                self.field_inits
                    .entry(name)
                    .or_default()
                    .push((&field.expr, ctx));
            }
        }
        visit::visit_expr_struct(self, s);
    }

    fn visit_expr_call(&mut self, call: &'a syn::ExprCall) {
        self.sink_from_call(call);
        self.bind_closure_params(call);
        if let Expr::Path(p) = &*call.func
            && let Some(last) = p.path.segments.last()
        {
            let segs = &p.path.segments;
            let owner = if segs.len() >= 2 {
                segs[segs.len() - 2].ident.to_string()
            } else {
                String::new()
            };
            let name = last.ident.to_string();
            if !self.ext.is_empty()
                && !self.native_owner(&owner)
                && let Some((i, skip)) = self.ext_sink(Some(&owner), &name, call.args.len())
            {
                let desc = if owner.is_empty() {
                    format!("{name}(..)")
                } else {
                    format!("{owner}::{name}(..)")
                };
                self.sinks.push(Sink {
                    recv: None,
                    kind: SinkKind::External(i),
                    owner: Some(owner),
                    args: call.args.iter().skip(skip).collect(),
                    ctx: self.ctx(),
                    line: line_of(last.ident.span()),
                    at: addr(call),
                    desc,
                });
            }
            let ctx = self.ctx();
            self.calls
                .entry(last.ident.to_string())
                .or_default()
                .push(CallSite {
                    args: call.args.iter().collect(),
                    method: false,
                    ctx,
                });
        }
        visit::visit_expr_call(self, call);
    }

    fn visit_expr_method_call(&mut self, call: &'a syn::ExprMethodCall) {
        let name = call.method.to_string();
        let ctx = self.ctx();
        // A closure is no id: `source.model(|p| …)` is some other type's.
        if call.args.len() == 1
            && (name == "model" || name == "dataset")
            && !matches!(call.args[0], Expr::Closure(_))
        {
            self.sinks.push(Sink {
                recv: Some(&call.receiver),
                kind: if name == "model" {
                    SinkKind::Model
                } else {
                    SinkKind::Dataset
                },
                owner: None,
                args: call.args.iter().collect(),
                ctx,
                line: line_of(call.method.span()),
                at: addr(call),
                desc: format!(".{name}(..)"),
            });
        }
        if let Some(kind) = self.owner_name_sink(&name, &call.args) {
            self.sinks.push(Sink {
                recv: None,
                kind,
                owner: None,
                args: call.args.iter().collect(),
                ctx,
                line: line_of(call.method.span()),
                at: addr(call),
                desc: format!(".{name}(..)"),
            });
        }
        if matches!(name.as_str(), "revision" | "maybe_revision")
            && call.args.len() == 1
            && self.hub_v1
        {
            // hf-hub 1.x: `repo.download_file().filename(f).revision(r)`,
            // `repo.info().revision(r)` on a handle from `client.model(..)`.
            self.pair_revision(&call.receiver, addr(call), &call.args[0], ctx);
        }
        if matches!(name.as_str(), "arg" | "args") && call.args.len() == 1 {
            self.program_sink(call, ctx);
        }
        let native = super::native_method(&name, call.args.len());
        if !self.ext.is_empty()
            && !native
            && let Some((i, _)) = self.ext_sink(None, &name, call.args.len())
        {
            let f = &self.ext[i];
            if f.id.is_some() {
                self.sinks.push(Sink {
                    // Whose method it is is settled by the receiver's type
                    // once the file is read ([`Index::method_sink`]).
                    recv: Some(&call.receiver),
                    kind: SinkKind::External(i),
                    owner: None,
                    args: call.args.iter().collect(),
                    ctx,
                    line: line_of(call.method.span()),
                    at: addr(call),
                    desc: format!(".{name}(..)"),
                });
            } else if let Some(k) = f.revision
                && let Some(rev) = call.args.iter().nth(k)
            {
                // A revision setter: pair it with the constructor (or id
                // setter) the chain starts from, also through the
                // variables that hold the builder (`let b = B::new(id);
                // b.revision(rev)`).
                self.pair_revision(&call.receiver, addr(call), rev, ctx);
            }
        }
        self.calls.entry(name).or_default().push(CallSite {
            args: call.args.iter().collect(),
            method: true,
            ctx,
        });
        visit::visit_expr_method_call(self, call);
    }
}

/// The type whose function `func` is, when it names one (`Cache::new`,
/// `hub::Api::default`): what a call of it builds, in most code.
pub(super) fn built_by(func: &Expr) -> Option<String> {
    let Expr::Path(p) = func else {
        return None;
    };
    let segs = &p.path.segments;
    if segs.len() < 2 {
        return None;
    }
    let ty = segs[segs.len() - 2].ident.to_string();
    ty.starts_with(|c: char| c.is_ascii_uppercase())
        .then_some(ty)
}
