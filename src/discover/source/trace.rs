//! Tracing a value from a Hub call back to the literals it comes from.

use super::*;

#[derive(Debug, Clone)]
pub(super) struct Origin {
    pub(super) text: String,
    /// A `format!`/`+` pattern with placeholders.
    pub(super) pattern: bool,
    pub(super) line: u32,
    pub(super) traced: bool,
    pub(super) arm: bool,
    pub(super) clap: bool,
    /// The `match`/`if` arms taken: (address of the expression, arm).
    pub(super) choices: Vec<(usize, usize)>,
}

impl Origin {
    pub(super) fn how(&self) -> ReferenceKind {
        if self.pattern {
            ReferenceKind::Dynamic
        } else if self.clap {
            ReferenceKind::ClapDefault
        } else if self.arm {
            ReferenceKind::MatchArm
        } else if self.traced {
            ReferenceKind::TracedValue
        } else {
            ReferenceKind::CallArgument
        }
    }

    /// Could both values come from the same run through the code?
    pub(super) fn compatible(&self, other: &Origin) -> bool {
        self.choices.iter().all(|&(at, arm)| {
            other
                .choices
                .iter()
                .all(|&(other_at, other_arm)| other_at != at || other_arm == arm)
        })
    }
}

#[derive(Clone, Copy)]
pub(super) struct Mode {
    /// Reached through a binding, const, function, field…
    pub(super) traced: bool,
    /// Directly the body of a match arm (through wrappers, blocks, tuples).
    pub(super) arm: bool,
    /// A clap default (a literal, or the const it names).
    pub(super) clap: bool,
}

impl Mode {
    const DIRECT: Mode = Mode {
        traced: false,
        arm: false,
        clap: false,
    };
    const TRACED: Mode = Mode {
        traced: true,
        arm: false,
        clap: false,
    };
    const CLAP: Mode = Mode {
        traced: true,
        arm: false,
        clap: true,
    };
}

pub(super) struct Tracer<'i, 'a> {
    pub(super) ix: &'i Index<'a>,
    pub(super) path: Vec<(usize, Ctx, Vec<Sel>)>,
    pub(super) choices: Vec<(usize, usize)>,
    pub(super) steps: usize,
    pub(super) out: Vec<Origin>,
    /// Parameters the value comes from: (function, parameter, selector).
    pub(super) params: Vec<(usize, usize, Vec<Sel>)>,
    /// Struct fields the value comes from, of a known type: (type, field,
    /// selector).
    pub(super) fields: Vec<(String, String, Vec<Sel>)>,
    /// The arguments of the local closures being called, by parameter.
    pub(super) closures: Vec<ClosureArgs<'a>>,
    /// Functions the value is returned by that this file does not define,
    /// with the type whose method it is, where the file tells it, and the
    /// selector of their return: (name, type, selector).
    pub(super) returns: Vec<(String, Option<String>, Vec<Sel>)>,
    /// Tuple variants whose payload the value comes from (a method
    /// destructuring `self`).
    pub(super) variants: Vec<VariantArg>,
    /// The tuple variant the binding being followed destructures, with the
    /// address of the value it destructures.
    variant_hint: Option<(usize, (String, usize))>,
}

/// Argument `index` (at `sel`) of tuple variant `ty::variant(..)` of
/// `arity` arguments: a method of `ty` that destructures `self` (`match
/// self { Self::Custom(id) => id.clone(), .. }`) hands on what the variant
/// was built with, so building it (`WithModel::Custom(id)`) is a call that
/// reaches where the method's value goes.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct VariantArg {
    pub(super) ty: String,
    pub(super) variant: String,
    pub(super) arity: usize,
    pub(super) index: usize,
    pub(super) sel: Vec<Sel>,
}

/// What a traced value can be: its literal origins, the parameters and the
/// struct fields it comes from.
pub(super) type Traced = (
    Vec<Origin>,
    Vec<(usize, usize, Vec<Sel>)>,
    Vec<(String, String, Vec<Sel>)>,
);

/// The "type" under which a function whose returns were traced in its own
/// file is recorded among the set fields: a run-time value it returns at a
/// call is then settled, as a field a literal sets.
pub(super) const RETURNED: &str = "fn()";

/// Whether a function called but not defined in the file is worth looking
/// for in the crate's other files by its name: not a name every type has.
pub(super) fn returns_worth_following(name: &str) -> bool {
    name.len() > 3 && !common_name(name) && name.contains('_')
}

/// A type of the standard library, whose methods no file of the crate
/// defines.
fn common_type(ty: &str) -> bool {
    matches!(
        ty,
        "String"
            | "str"
            | "Path"
            | "PathBuf"
            | "Vec"
            | "Option"
            | "Result"
            | "Cow"
            | "OsStr"
            | "OsString"
            | "HashMap"
            | "BTreeMap"
            | "Box"
            | "Arc"
            | "Rc"
    )
}

/// A function or method name that many types have (`new`, `get`, `load`):
/// by itself it tells nothing about whose it is.
pub(super) fn common_name(name: &str) -> bool {
    const COMMON: &[&str] = &[
        "new",
        "default",
        "get",
        "build",
        "from",
        "into",
        "clone",
        "to_string",
        "to_owned",
        "as_str",
        "as_ref",
        "unwrap",
        "expect",
        "parse",
        "load",
        "open",
        "read",
        "next",
        "iter",
        "collect",
        "format",
        "join",
        "name",
        "path",
        "id",
        "value",
        "key",
        "len",
        "main",
        "run",
        "init",
        "create",
        "with",
        "map",
        "and_then",
        "ok",
        "err",
        "some",
        "fetch",
        "download",
    ];
    COMMON.contains(&name)
}

/// A called closure's parameters, bound to the call's arguments.
pub(super) type ClosureArgs<'a> = HashMap<String, (&'a Expr, Ctx)>;

pub(super) fn addr<T>(x: &T) -> usize {
    std::ptr::from_ref(x) as usize
}

pub(super) fn prepend(first: Sel, rest: &[Sel]) -> Vec<Sel> {
    let mut v = Vec::with_capacity(rest.len() + 1);
    v.push(first);
    v.extend_from_slice(rest);
    v
}

impl<'i, 'a> Tracer<'i, 'a> {
    pub(super) fn new(ix: &'i Index<'a>) -> Self {
        Tracer {
            ix,
            path: Vec::new(),
            choices: Vec::new(),
            steps: 0,
            out: Vec::new(),
            params: Vec::new(),
            fields: Vec::new(),
            closures: Vec::new(),
            returns: Vec::new(),
            variants: Vec::new(),
            variant_hint: None,
        }
    }

    /// The values `expr` (selected by `sel`) can hold, and the parameters it
    /// comes from.
    pub(super) fn trace_all(ix: &'i Index<'a>, expr: &'a Expr, ctx: Ctx, sel: &[Sel]) -> Traced {
        let mut tracer = Tracer::new(ix);
        tracer.eval(expr, ctx, sel, Mode::DIRECT);
        (tracer.out, tracer.params, tracer.fields)
    }

    /// The type of a struct value, when the function tells it: `self` in
    /// an `impl`, a parameter's type, a variable bound to a struct literal
    /// or to `Type::f(..)`.
    pub(super) fn base_type(&self, base: &'a Expr, ctx: Ctx) -> Option<String> {
        let f = &self.ix.fns[ctx?];
        let Expr::Path(p) = base else {
            return match base {
                Expr::Paren(e) => self.base_type(&e.expr, ctx),
                Expr::Reference(e) => self.base_type(&e.expr, ctx),
                _ => None,
            };
        };
        if p.path.segments.len() != 1 || p.qself.is_some() {
            return None;
        }
        let name = p.path.segments[0].ident.to_string();
        if name == "self" {
            return f.owner.clone().filter(|o| !o.is_empty());
        }
        if let Some(bindings) = f.locals.get(&name) {
            return bindings.iter().find_map(|b| {
                if !b.sel.is_empty() {
                    return None;
                }
                let mut init = b.init;
                while let Expr::Try(t) = init {
                    init = &t.expr;
                }
                match init {
                    Expr::Struct(st) => st.path.segments.last().map(|s| s.ident.to_string()),
                    // A unit struct: `let scene = Scene;`.
                    Expr::Path(up) => up.path.get_ident().map(ToString::to_string).filter(|t| {
                        t.starts_with(|c: char| c.is_ascii_uppercase())
                            && t.chars().any(|c| c.is_ascii_lowercase())
                    }),
                    Expr::Call(c) => built_by(&c.func),
                    _ => None,
                }
            });
        }
        let k = f.params.iter().position(|p| p.as_deref() == Some(&name))?;
        f.param_types.get(k).cloned().flatten()
    }

    pub(super) fn emit(&mut self, text: String, pattern: bool, line: u32, mode: Mode) {
        self.out.push(Origin {
            text,
            pattern,
            line,
            traced: mode.traced,
            arm: mode.arm,
            clap: mode.clap,
            choices: self.choices.clone(),
        });
    }

    pub(super) fn enter(&mut self, key: usize, ctx: Ctx, sel: &[Sel]) -> bool {
        self.steps += 1;
        if self.steps > MAX_TRACE_STEPS || self.path.len() >= MAX_TRACE_DEPTH {
            return false;
        }
        if self
            .path
            .iter()
            .any(|(k, c, s)| *k == key && *c == ctx && s.as_slice() == sel)
        {
            return false;
        }
        self.path.push((key, ctx, sel.to_vec()));
        true
    }

    pub(super) fn eval(&mut self, expr: &'a Expr, ctx: Ctx, sel: &[Sel], mode: Mode) {
        if !self.enter(addr(expr), ctx, sel) {
            return;
        }
        self.eval_inner(expr, ctx, sel, mode);
        self.path.pop();
    }

    pub(super) fn eval_block(&mut self, block: &'a Block, ctx: Ctx, sel: &[Sel], mode: Mode) {
        match block.stmts.last() {
            Some(Stmt::Expr(expr, None)) => self.eval(expr, ctx, sel, mode),
            Some(Stmt::Macro(m)) if m.semi_token.is_none() => {
                self.eval_macro(&m.mac, ctx, sel, mode);
            }
            _ => {}
        }
    }

    pub(super) fn eval_inner(&mut self, expr: &'a Expr, ctx: Ctx, sel: &[Sel], mode: Mode) {
        match expr {
            Expr::Lit(l) => {
                if let Lit::Str(s) = &l.lit
                    && sel.is_empty()
                {
                    self.emit(s.value(), false, line_of(s.span()), mode);
                }
            }
            Expr::Paren(e) => self.eval(&e.expr, ctx, sel, mode),
            Expr::Group(e) => self.eval(&e.expr, ctx, sel, mode),
            Expr::Reference(e) => self.eval(&e.expr, ctx, sel, mode),
            Expr::Try(e) => self.eval(&e.expr, ctx, sel, mode),
            Expr::Await(e) => self.eval(&e.base, ctx, sel, mode),
            Expr::Cast(e) => self.eval(&e.expr, ctx, sel, mode),
            Expr::Unary(e) if matches!(e.op, syn::UnOp::Deref(_)) => {
                self.eval(&e.expr, ctx, sel, mode);
            }
            Expr::Block(b) => self.eval_block(&b.block, ctx, sel, mode),
            Expr::Unsafe(b) => self.eval_block(&b.block, ctx, sel, mode),
            Expr::If(e) => {
                let at = addr(expr);
                self.choices.push((at, 0));
                self.eval_block(&e.then_branch, ctx, sel, mode);
                self.choices.pop();
                if let Some((_, other)) = &e.else_branch {
                    self.choices.push((at, 1));
                    self.eval(other, ctx, sel, mode);
                    self.choices.pop();
                }
            }
            Expr::Match(m) => {
                let at = addr(expr);
                let arm_mode = Mode { arm: true, ..mode };
                for (i, arm) in m.arms.iter().enumerate() {
                    self.choices.push((at, i));
                    self.eval(&arm.body, ctx, sel, arm_mode);
                    self.choices.pop();
                }
            }
            Expr::Tuple(t) => {
                if let Some((Sel::Tuple(i), rest)) = sel.split_first()
                    && let Some(elem) = t.elems.iter().nth(*i)
                {
                    self.eval(elem, ctx, rest, mode);
                }
            }
            Expr::Array(a) => {
                if let Some((Sel::Elem, rest)) = sel.split_first() {
                    // Each element is a choice, so that an id and a
                    // revision from the same element pair up.
                    let at = addr(expr);
                    for (i, elem) in a.elems.iter().enumerate() {
                        self.choices.push((at, i));
                        self.eval(elem, ctx, rest, mode);
                        self.choices.pop();
                    }
                }
            }
            Expr::Index(ix) => {
                self.eval(&ix.expr, ctx, &prepend(Sel::Elem, sel), mode);
            }
            Expr::MethodCall(m) => self.eval_method(m, ctx, sel, mode),
            Expr::Struct(s) => {
                // A field of a struct or variant literal, selected by name.
                if let Some((Sel::Field(name), rest)) = sel.split_first()
                    && let Some(field) = s
                        .fields
                        .iter()
                        .find(|f| matches!(&f.member, Member::Named(m) if m == name.as_str()))
                {
                    self.eval(&field.expr, ctx, rest, mode);
                }
            }
            Expr::Call(c) => {
                if c.args.len() == 1 && is_conversion(&c.func) {
                    self.eval(&c.args[0], ctx, sel, mode);
                } else if let Some((Sel::Tuple(i), rest)) = sel.split_first()
                    && is_constructor(&c.func)
                    && let Some(arg) = c.args.iter().nth(*i)
                {
                    // A tuple variant or struct built in place: `Kind::Hub(id, rev)`.
                    self.eval(arg, ctx, rest, mode);
                } else if c.args.len() == 1
                    && is_split_id(&c.func)
                    && let Some((Sel::Tuple(0 | 1), rest)) = sel.split_first()
                {
                    // hf-hub 1.x's `split_id(id)`: either half stands for
                    // the whole id, joined again at the call.
                    self.eval(&c.args[0], ctx, rest, mode);
                } else if let Some((closure, args)) = self.local_closure(c, ctx) {
                    self.closures.push(args);
                    self.eval(&closure.body, ctx, sel, Mode::TRACED);
                    self.closures.pop();
                } else if let Expr::Path(p) = &*c.func
                    && let Some(last) = p.path.segments.last()
                {
                    // `Source::hub(..)` builds a `Source`: a field of what
                    // it returns is that type's field, whatever file the
                    // constructor is in.
                    let n = p.path.segments.len();
                    let ty = (n >= 2)
                        .then(|| p.path.segments[n - 2].ident.to_string())
                        .filter(|ty| ty != "Self");
                    if let Some((Sel::Field(name), rest)) = sel.split_first()
                        && let Some(ty) = &ty
                    {
                        let reached = (ty.clone(), name.clone(), rest.to_vec());
                        if !self.fields.contains(&reached) {
                            self.fields.push(reached);
                        }
                    }
                    self.eval_fn_returns(&last.ident.to_string(), ty, sel);
                }
            }
            Expr::Path(p) if p.path.is_ident("self") => self.eval_receiver(addr(expr), ctx, sel),
            Expr::Path(p) => self.eval_path(p, ctx, sel),
            Expr::Field(f) => match &f.member {
                Member::Named(name) => {
                    let name = name.to_string();
                    // The base's type as the file tells it: `self`, a typed
                    // parameter or binding, or a field of one of those
                    // (`self.preset.repo_id`, with `preset: Preset`).
                    if let Some(ty) = self.ix.receiver_type(&f.base, ctx)
                        && ty != "Self"
                    {
                        let reached = (ty, name.clone(), sel.to_vec());
                        if !self.fields.contains(&reached) {
                            self.fields.push(reached);
                        }
                    }
                    self.eval_field(&name, sel);
                }
                Member::Unnamed(index) => {
                    let i = index.index as usize;
                    self.eval(&f.base, ctx, &prepend(Sel::Tuple(i), sel), mode);
                }
            },
            Expr::Macro(m) => self.eval_macro(&m.mac, ctx, sel, mode),
            Expr::Binary(b) if matches!(b.op, syn::BinOp::Add(_)) && sel.is_empty() => {
                self.eval_concat(&b.left, &b.right, ctx, mode);
            }
            _ => {}
        }
    }

    pub(super) fn eval_method(
        &mut self,
        m: &'a syn::ExprMethodCall,
        ctx: Ctx,
        sel: &[Sel],
        mode: Mode,
    ) {
        let name = m.method.to_string();
        if is_passthrough(&name) {
            self.eval(&m.receiver, ctx, sel, mode);
            return;
        }
        match name.as_str() {
            "unwrap_or" | "or" if m.args.len() == 1 => {
                self.eval(&m.receiver, ctx, sel, mode);
                self.eval(&m.args[0], ctx, sel, Mode::TRACED);
            }
            // `opt.map_or("org/default", String::as_str)`: the default.
            "map_or" | "map_or_else" if m.args.len() == 2 => {
                self.eval(&m.receiver, ctx, sel, mode);
                match &m.args[0] {
                    Expr::Closure(c) => self.eval(&c.body, ctx, sel, Mode::TRACED),
                    other => self.eval(other, ctx, sel, Mode::TRACED),
                }
            }
            // `opt.map(|s| s.to_string())`: a conversion inside an option.
            "map" if m.args.len() == 1 && keeps_text(&m.args[0]) => {
                self.eval(&m.receiver, ctx, sel, mode);
            }
            "unwrap_or_else" | "or_else" if m.args.len() == 1 => {
                self.eval(&m.receiver, ctx, sel, mode);
                if let Expr::Closure(c) = &m.args[0] {
                    self.eval(&c.body, ctx, sel, Mode::TRACED);
                } else if let Expr::Path(p) = &m.args[0]
                    && let Some(last) = p.path.segments.last()
                {
                    self.eval_fn_returns(&last.ident.to_string(), None, sel);
                }
            }
            _ => {
                let ty = self.ix.receiver_type(&m.receiver, ctx);
                self.eval_fn_returns(&name, ty, sel);
            }
        }
    }

    /// The values function `id` of this file returns.
    pub(super) fn eval_fn_returns_of(&mut self, id: usize, sel: &[Sel]) {
        let f = &self.ix.fns[id];
        let Some(body) = f.body else {
            return;
        };
        if !self.enter(addr(body), Some(id), sel) {
            return;
        }
        self.eval_block(body, Some(id), sel, Mode::TRACED);
        for ret in &f.returns {
            self.eval(ret, Some(id), sel, Mode::TRACED);
        }
        self.path.pop();
    }

    /// The values a function or method of this file returns; `ty` is the
    /// type whose method or associated function it is, where the call tells
    /// it (`version.repo()` with `version: Version`, `Version::repo(..)`).
    pub(super) fn eval_fn_returns(&mut self, name: &str, ty: Option<String>, sel: &[Sel]) {
        let Some(ids) = self.ix.fn_by_name.get(name) else {
            // Defined in another file, maybe: its returns are that file's
            // to trace. A method of a known type is looked for whatever its
            // name; by its name alone, only a name specific enough.
            let ty = ty.filter(|ty| !common_type(ty));
            let reached = (name.to_owned(), ty, sel.to_vec());
            let follow = reached.1.is_some() || returns_worth_following(name);
            if follow && !self.returns.contains(&reached) {
                self.returns.push(reached);
            }
            return;
        };
        for &id in ids {
            let f = &self.ix.fns[id];
            let Some(body) = f.body else {
                continue;
            };
            if !self.enter(addr(body), Some(id), sel) {
                continue;
            }
            self.eval_block(body, Some(id), sel, Mode::TRACED);
            for ret in &f.returns {
                self.eval(ret, Some(id), sel, Mode::TRACED);
            }
            self.path.pop();
        }
    }

    /// A call of a closure held in a local variable of the function
    /// (`let arg = |k, default| …; arg("model", "org/x")`): the closure
    /// and its parameters bound to the call's arguments.
    fn local_closure(
        &self,
        call: &'a syn::ExprCall,
        ctx: Ctx,
    ) -> Option<(&'a syn::ExprClosure, ClosureArgs<'a>)> {
        let Expr::Path(p) = &*call.func else {
            return None;
        };
        let name = p.path.get_ident()?.to_string();
        let f = ctx?;
        let closure = self.ix.fns[f]
            .locals
            .get(&name)?
            .iter()
            .find_map(|b| match b.init {
                Expr::Closure(c) if b.sel.is_empty() && c.inputs.len() == call.args.len() => {
                    Some(c)
                }
                _ => None,
            })?;
        let mut args = HashMap::new();
        for (input, arg) in closure.inputs.iter().zip(&call.args) {
            let mut names = Vec::new();
            pat_bindings(input, &[], &mut names);
            if let [(name, sel)] = names.as_slice()
                && sel.is_empty()
            {
                args.insert(name.clone(), (arg, ctx));
            }
        }
        Some((closure, args))
    }

    pub(super) fn eval_path(&mut self, p: &'a syn::ExprPath, ctx: Ctx, sel: &[Sel]) {
        let Some(last) = p.path.segments.last() else {
            return;
        };
        let name = last.ident.to_string();
        if p.path.segments.len() == 1
            && let Some(&(arg, arg_ctx)) = self.closures.last().and_then(|c| c.get(&name))
        {
            // A parameter of the closure being called: the call's argument.
            let saved = self.closures.pop();
            self.eval(arg, arg_ctx, sel, Mode::TRACED);
            self.closures.extend(saved);
            return;
        }
        if p.path.segments.len() == 1
            && p.qself.is_none()
            && let Some(f) = ctx
        {
            let info = &self.ix.fns[f];
            if let Some(bindings) = info.locals.get(&name) {
                // A name bound by a `match` arm is that arm's: where the
                // use is inside arms, only theirs count.
                let line = line_of(p.span());
                let inside = |b: &&Binding| b.scope.is_some_and(|(a, z)| a <= line && line <= z);
                let scoped = bindings.iter().any(|b| inside(&b));
                for b in bindings.iter().filter(|b| !scoped || inside(b)) {
                    let full: Vec<Sel> = b.sel.iter().chain(sel).cloned().collect();
                    let hint = b.variant.clone().map(|v| (addr(peeled(b.init)), v));
                    let saved = std::mem::replace(&mut self.variant_hint, hint);
                    self.eval(b.init, ctx, &full, Mode::TRACED);
                    self.variant_hint = saved;
                }
            }
            // A local of the parameter's name may be the parameter again
            // (`let (model_id, rev) = match (model_id, rev) { … }`): without
            // scopes, both are followed.
            if let Some(k) = info.params.iter().position(|p| p.as_deref() == Some(&name)) {
                self.eval_param(f, k, sel);
            }
        }
        if let Some(values) = self.ix.consts.get(&name) {
            for value in values {
                self.eval(value, None, sel, Mode::TRACED);
            }
        }
    }

    /// `self` of a method, selected by `sel`: a field of the method's type
    /// (`match self { Source::Hub { id, .. } => … }`), or the argument of the
    /// tuple variant the binding followed destructures (`match self {
    /// WithModel::Custom(id) => … }`). Either is set where the value is
    /// built, in any file of the crate.
    fn eval_receiver(&mut self, at: usize, ctx: Ctx, sel: &[Sel]) {
        let Some(f) = ctx else {
            return;
        };
        let info = &self.ix.fns[f];
        let Some(ty) = info
            .owner
            .clone()
            .filter(|o| info.has_self && !o.is_empty())
        else {
            return;
        };
        match sel.split_first() {
            Some((Sel::Field(name), rest)) => {
                let reached = (ty, name.clone(), rest.to_vec());
                if !self.fields.contains(&reached) {
                    self.fields.push(reached);
                }
            }
            Some((Sel::Tuple(index), rest)) => {
                let Some((hint_at, (variant, arity))) = &self.variant_hint else {
                    return;
                };
                let reached = VariantArg {
                    ty,
                    variant: variant.clone(),
                    arity: *arity,
                    index: *index,
                    sel: rest.to_vec(),
                };
                if *hint_at == at && *index < *arity && !self.variants.contains(&reached) {
                    self.variants.push(reached);
                }
            }
            _ => {}
        }
    }

    /// Parameter `k` of function `f`: the matching argument of every call
    /// of a function with that name in the file.
    pub(super) fn eval_param(&mut self, f: usize, k: usize, sel: &[Sel]) {
        let reached = (f, k, sel.to_vec());
        if !self.params.contains(&reached) {
            self.params.push(reached);
        }
        let info = &self.ix.fns[f];
        // A field of a parameter of a known type (`source: Source`, read
        // back by `match source { Source::Hub { id, .. } => … }`) is that
        // type's field: a literal setting it anywhere in the crate is the
        // value that arrives here.
        if let (Some((Sel::Field(name), rest)), Some(Some(ty))) =
            (sel.split_first(), info.param_types.get(k))
            && ty != "Self"
        {
            let reached = (ty.clone(), name.clone(), rest.to_vec());
            if !self.fields.contains(&reached) {
                self.fields.push(reached);
            }
        }
        let Some(sites) = self.ix.calls.get(&info.name) else {
            return;
        };
        let arity = info.params.len();
        for site in sites {
            let index = if !site.method && info.has_self {
                k + 1
            } else {
                k
            };
            let expected = if !site.method && info.has_self {
                arity + 1
            } else {
                arity
            };
            if site.args.len() != expected {
                continue;
            }
            self.eval(site.args[index], site.ctx, sel, Mode::TRACED);
        }
    }

    pub(super) fn eval_field(&mut self, name: &str, sel: &[Sel]) {
        if sel.is_empty()
            && let Some(defaults) = self.ix.clap.get(name)
        {
            for default in defaults {
                match default {
                    ClapValue::Lit(value, line) => {
                        self.emit(value.clone(), false, *line, Mode::CLAP);
                    }
                    ClapValue::Const(name) => {
                        for value in self.ix.consts.get(name).into_iter().flatten() {
                            self.eval(value, None, sel, Mode::CLAP);
                        }
                    }
                }
            }
        }
        if let Some(inits) = self.ix.field_inits.get(name) {
            for &(expr, ctx) in inits {
                self.eval(expr, ctx, sel, Mode::TRACED);
            }
        }
    }

    pub(super) fn eval_macro(&mut self, mac: &'a Macro, ctx: Ctx, sel: &[Sel], mode: Mode) {
        let Some(args) = self.ix.arena.get(mac) else {
            return;
        };
        match mac_name(mac).as_str() {
            "format" | "format_args" if sel.is_empty() => {
                if let Some(Expr::Lit(l)) = args.first()
                    && let Lit::Str(s) = &l.lit
                {
                    self.eval_format(s, args, ctx, mode);
                }
            }
            "concat" if sel.is_empty() => {
                let mut text = String::new();
                let mut line = 0;
                for arg in args {
                    let Expr::Lit(l) = arg else {
                        return;
                    };
                    let Lit::Str(s) = &l.lit else {
                        return;
                    };
                    if line == 0 {
                        line = line_of(s.span());
                    }
                    text.push_str(&s.value());
                }
                self.emit(text, false, line, mode);
            }
            "vec" => {
                if let Some((Sel::Elem, rest)) = sel.split_first() {
                    let at = addr(mac);
                    for (i, arg) in args.iter().enumerate() {
                        self.choices.push((at, i));
                        self.eval(arg, ctx, rest, mode);
                        self.choices.pop();
                    }
                }
            }
            _ => {}
        }
    }

    /// `format!(pattern, args…)`: the text it makes where every piece of
    /// the pattern is a literal or traced to literals (every combination,
    /// at most 16), shown at the pattern's line; otherwise the pattern
    /// itself, `{…}` standing for what is not known. `format!("{}", x)`
    /// and `format!("{x}")` are `x` converted to a string.
    fn eval_format(&mut self, s: &LitStr, args: &'a ExprList, ctx: Ctx, mode: Mode) {
        let text = s.value();
        let line = line_of(s.span());
        let pieces = format_pieces(&text);
        let mut positional = Vec::new();
        let mut named: HashMap<String, &'a Expr> = HashMap::new();
        for arg in args.iter().skip(1) {
            match arg {
                Expr::Assign(a) => {
                    if let Expr::Path(p) = &*a.left
                        && let Some(name) = p.path.get_ident()
                    {
                        named.insert(name.to_string(), &a.right);
                    }
                }
                other => positional.push(other),
            }
        }
        let mut next = 0;
        let mut holes: Vec<Option<&'a Expr>> = Vec::new();
        for piece in &pieces {
            holes.push(match piece {
                FmtPiece::Text(_) => None,
                FmtPiece::Next => {
                    next += 1;
                    positional.get(next - 1).copied()
                }
                FmtPiece::Index(i) => positional.get(*i).copied(),
                FmtPiece::Name(n) => named.get(n).copied(),
            });
        }
        if let ([FmtPiece::Next | FmtPiece::Index(_) | FmtPiece::Name(_)], [Some(arg)]) =
            (pieces.as_slice(), holes.as_slice())
        {
            self.eval(arg, ctx, &[], mode);
            return;
        }
        // The values of each piece: its text, or what its argument traces
        // to (literals only).
        let mut values: Vec<Vec<String>> = Vec::new();
        for (piece, hole) in pieces.iter().zip(&holes) {
            let piece_values = match (piece, hole) {
                (FmtPiece::Text(t), _) => vec![t.clone()],
                (_, Some(arg)) => {
                    let mut sub = Tracer::new(self.ix);
                    sub.path.clone_from(&self.path);
                    sub.steps = self.steps;
                    sub.closures.clone_from(&self.closures);
                    sub.eval(arg, ctx, &[], mode);
                    self.steps = sub.steps;
                    let mut texts: Vec<String> = Vec::new();
                    for o in sub.out.into_iter().filter(|o| !o.pattern) {
                        if !texts.contains(&o.text) {
                            texts.push(o.text);
                        }
                    }
                    texts
                }
                (_, None) => Vec::new(),
            };
            if piece_values.is_empty()
                || values.iter().map(Vec::len).product::<usize>() * piece_values.len() > 16
            {
                let pattern = has_placeholder(&text);
                self.emit(text, pattern, line, mode);
                return;
            }
            values.push(piece_values);
        }
        let mut made = vec![String::new()];
        for piece_values in &values {
            made = made
                .iter()
                .flat_map(|m| piece_values.iter().map(move |v| format!("{m}{v}")))
                .collect();
        }
        for text in made {
            self.emit(text, false, line, mode);
        }
    }

    /// `a + b`: every combination of their values (at most 16), an
    /// untraceable side standing as `{}`.
    pub(super) fn eval_concat(&mut self, left: &'a Expr, right: &'a Expr, ctx: Ctx, mode: Mode) {
        let mut sides = Vec::with_capacity(2);
        for side in [left, right] {
            let mut sub = Tracer::new(self.ix);
            sub.path.clone_from(&self.path);
            sub.steps = self.steps;
            sub.eval(side, ctx, &[], mode);
            self.steps = sub.steps;
            sides.push(sub.out);
        }
        let placeholder = |origins: &mut Vec<Origin>| {
            if origins.is_empty() {
                origins.push(Origin {
                    text: "{}".to_owned(),
                    pattern: true,
                    line: 0,
                    traced: true,
                    arm: false,
                    clap: false,
                    choices: Vec::new(),
                });
            }
        };
        let (mut lefts, mut rights) = (sides.swap_remove(0), sides.swap_remove(0));
        if lefts.is_empty() && rights.is_empty() {
            return;
        }
        placeholder(&mut lefts);
        placeholder(&mut rights);
        for l in lefts.iter().take(4) {
            for r in rights.iter().take(4) {
                let line = if l.line > 0 { l.line } else { r.line };
                let mut choices = self.choices.clone();
                choices.extend(l.choices.iter().chain(&r.choices).copied());
                self.out.push(Origin {
                    text: format!("{}{}", l.text, r.text),
                    pattern: l.pattern || r.pattern,
                    line,
                    traced: true,
                    arm: false,
                    clap: l.clap || r.clap,
                    choices,
                });
            }
        }
    }
}

impl<'a> Index<'a> {
    /// Traces every recognised call and gathers the references, and the
    /// functions of the file whose parameters reach a call.
    pub(super) fn finish(mut self) -> FileScan {
        let mut found = std::mem::take(&mut self.found);
        for f in &mut found {
            f.test = self.in_test(f.line);
        }
        let mut sinks = Vec::new();
        for sink in &self.sinks {
            // A method sink is the receiver type's, now that the file is
            // read.
            let sink = match (sink.kind, sink.recv) {
                (SinkKind::External(i), Some(recv)) => match self.method_sink(recv, sink.ctx, i) {
                    Some(j) => &Sink {
                        kind: SinkKind::External(j),
                        ..sink.clone()
                    },
                    None => continue,
                },
                _ => sink,
            };
            self.sink_references(sink, &mut found, &mut sinks);
        }
        // A run-time value at a call that a function of this file returns
        // is settled here ([`crate::discover::flow`] drops it).
        for name in self.returned_references(&mut found, &mut sinks) {
            let key = (RETURNED.to_owned(), name);
            if !self.set_fields.contains(&key) {
                self.set_fields.push(key);
            }
        }
        let mut seen = HashSet::new();
        sinks.retain(|s: &SinkFn| seen.insert(s.identity()));
        // Id-shaped literals nothing above took: listed, with the reason,
        // where the crate has Hub calls ([`crate::discover::flow`] decides).
        let taken: HashSet<(u32, &str)> = found.iter().map(|f| (f.line, f.id.as_str())).collect();
        let mut untraced = Vec::new();
        for (id, line) in &self.id_literals {
            if !taken.contains(&(*line, id.as_str())) {
                let mut f = Found::new(id.clone(), None, false, *line, ReferenceKind::Untraced);
                f.test = self.in_test(*line);
                untraced.push(f);
            }
        }
        found.extend(untraced);
        FileScan {
            found: dedup(found),
            sinks,
            set_fields: std::mem::take(&mut self.set_fields),
        }
    }

    /// Whether a `.model(..)` / `.dataset(..)` call's receiver is of a type
    /// whose `impl` in this file has a method of that name.
    fn own_method(&self, sink: &Sink<'a>) -> bool {
        let name = if sink.kind == SinkKind::Dataset {
            "dataset"
        } else {
            "model"
        };
        let Some(ty) = sink
            .recv
            .and_then(|recv| Tracer::new(self).base_type(recv, sink.ctx))
        else {
            return false;
        };
        self.fn_by_name.get(name).is_some_and(|ids| {
            ids.iter()
                .any(|&f| self.fns[f].owner.as_deref() == Some(ty.as_str()))
        })
    }

    /// What a sink call takes: the id argument and where the id is in it,
    /// whether it is a dataset, the revision arguments, and the chain of
    /// calls below this one.
    #[allow(clippy::type_complexity)]
    pub(super) fn sink_args(
        &self,
        sink: &Sink<'a>,
    ) -> Option<(
        Option<&'a Expr>,
        Vec<Sel>,
        bool,
        Vec<(&'a Expr, Ctx)>,
        Vec<String>,
        Option<&'a Expr>,
    )> {
        let owner = sink.owner.as_deref();
        let is_repo = owner.is_some_and(|o| self.repo_aliases.contains(o));
        let is_api = owner.is_some_and(|o| self.api_aliases.contains(o));
        let is_builder =
            owner.is_some_and(|o| o.ends_with("ModelBuilder") || self.builder_aliases.contains(o));
        let is_tokenizer = owner.is_some_and(|o| self.tokenizer_aliases.contains(o));
        let here = format!("{}:{} {}", self.rel, sink.line, sink.desc);
        let mut revisions: Vec<(&'a Expr, Ctx)> =
            self.rev_pairs.get(&sink.at).cloned().unwrap_or_default();
        let mut name_part = None;
        let (id, sel, dataset, below) = match (sink.kind, owner) {
            (
                SinkKind::OwnerName {
                    owner,
                    name,
                    dataset,
                    ..
                },
                _,
            ) => {
                name_part = Some(*sink.args.get(name)?);
                (
                    Some(*sink.args.get(owner)?),
                    Vec::new(),
                    dataset,
                    vec![here],
                )
            }
            (SinkKind::External(i), _) => {
                let f = &self.ext[i];
                if let Some(k) = f.revision
                    && let Some(rev) = sink.args.get(k)
                {
                    revisions.push((rev, sink.ctx));
                }
                let id = f.id.and_then(|k| sink.args.get(k).copied());
                let mut via = vec![here];
                via.extend(f.via.iter().cloned());
                (id, f.id_sel.clone(), f.dataset, via)
            }
            // A method of a type the file defines with its own `model`
            // (`scene.model(name)` with `let scene = Scene::new()`) is that
            // type's, not hf-hub's.
            (SinkKind::Model | SinkKind::Dataset, None) if self.own_method(sink) => return None,
            (SinkKind::Model | SinkKind::Dataset, None) => (
                Some(sink.args[0]),
                Vec::new(),
                sink.kind == SinkKind::Dataset,
                vec![here],
            ),
            (SinkKind::Model | SinkKind::Dataset, Some(_)) if is_repo && sink.args.len() == 1 => (
                Some(sink.args[0]),
                Vec::new(),
                sink.kind == SinkKind::Dataset,
                vec![here],
            ),
            (SinkKind::Model | SinkKind::Dataset, Some(_))
                if is_api && matches!(sink.args.len(), 1 | 2) =>
            {
                let id = sink.args[sink.args.len() - 1];
                (
                    Some(id),
                    Vec::new(),
                    sink.kind == SinkKind::Dataset,
                    vec![here],
                )
            }
            (SinkKind::RepoNew, Some(_)) if is_repo && sink.args.len() == 2 => {
                let dataset = repo_type_is_dataset(sink.args[1])?;
                (Some(sink.args[0]), Vec::new(), dataset, vec![here])
            }
            (SinkKind::RepoWithRevision, Some(_)) if is_repo && sink.args.len() == 3 => {
                let dataset = repo_type_is_dataset(sink.args[1])?;
                revisions.push((sink.args[2], sink.ctx));
                (Some(sink.args[0]), Vec::new(), dataset, vec![here])
            }
            (SinkKind::RepoNew, Some(_)) if is_builder && !sink.args.is_empty() => {
                (Some(sink.args[0]), Vec::new(), false, vec![here])
            }
            (SinkKind::FromPretrained, Some(_))
                if is_tokenizer && matches!(sink.args.len(), 1 | 2) =>
            {
                (Some(sink.args[0]), Vec::new(), false, vec![here])
            }
            _ => return None,
        };
        Some((id, sel, dataset, revisions, below, name_part))
    }

    /// The ids returned by this file's functions that another file's Hub
    /// call takes (a `returns` sink of the crate): each literal a function
    /// of that name returns, at the sink's selector, with the call's chain.
    fn returned_references(&self, found: &mut Vec<Found>, sinks: &mut Vec<SinkFn>) -> Vec<String> {
        let mut settled = Vec::new();
        for s in self.ext.iter().filter(|s| s.returns) {
            let Some(ids) = self.fn_by_name.get(&s.name) else {
                continue;
            };
            // A method of a known type is that type's, not any of the name.
            let ids = ids
                .iter()
                .filter(|&&f| s.owner.is_none() || self.fns[f].owner == s.owner);
            for &f in ids {
                let mut tracer = Tracer::new(self);
                tracer.eval_fn_returns_of(f, &s.id_sel);
                // What the returned value is built from where the function
                // is called: the variants of its type it destructures, the
                // fields it reads.
                for v in &tracer.variants {
                    sinks.push(v.sink(s.dataset, &s.via, self.rel, &s.krate));
                }
                for (ty, name, sel) in &tracer.fields {
                    sinks.push(SinkFn {
                        name: name.clone(),
                        owner: Some(ty.clone()),
                        method: false,
                        arity: 1,
                        id: Some(0),
                        id_sel: sel.clone(),
                        revision: None,
                        dataset: s.dataset,
                        via: s.via.clone(),
                        home: self.rel.to_owned(),
                        public: true,
                        field: true,
                        krate: s.krate.clone(),
                        returns: false,
                    });
                }
                for origin in tracer.out {
                    if origin.pattern || origin.line == 0 {
                        continue;
                    }
                    let text = legacy_id(&origin.text)
                        .map(|c| c.to_owned())
                        .unwrap_or_else(|| origin.text.clone());
                    if !id_like(&text) {
                        continue;
                    }
                    let mut r = Found::new(text, None, s.dataset, origin.line, origin.how());
                    let info = &self.fns[f];
                    let here = format!("{}:{} {}()", self.rel, origin.line, info.name);
                    r.via = std::iter::once(here).chain(s.via.iter().cloned()).collect();
                    r.test = self.in_test(origin.line);
                    r.dep.clone_from(&s.krate);
                    found.push(r);
                    if !settled.contains(&s.name) {
                        settled.push(s.name.clone());
                    }
                }
            }
        }
        settled
    }

    pub(super) fn sink_references(
        &self,
        sink: &Sink<'a>,
        found: &mut Vec<Found>,
        sinks: &mut Vec<SinkFn>,
    ) {
        let Some((id, sel, dataset, revision_args, below, name_part)) = self.sink_args(sink) else {
            return;
        };
        let external = matches!(sink.kind, SinkKind::External(_));
        // The dependency the chain goes into, if it does.
        let dep = match sink.kind {
            SinkKind::External(i) => self.ext[i].krate.clone(),
            _ => None,
        };
        let mut revisions: Vec<Origin> = Vec::new();
        let mut rev_params = Vec::new();
        let mut rev_fields = Vec::new();
        for (rev, ctx) in revision_args {
            let (origins, params, fields) = Tracer::trace_all(self, rev, ctx, &[]);
            rev_fields.extend(fields.into_iter().filter(|f| f.2.is_empty()));
            revisions.extend(
                origins
                    .into_iter()
                    .filter(|o| !o.pattern && valid_revision(&o.text)),
            );
            rev_params.extend(params.into_iter().filter(|p| p.2.is_empty()));
        }
        let mut id_returns = Vec::new();
        let mut id_variants = Vec::new();
        let (ids, id_params, id_fields) = match (id, name_part) {
            (Some(owner), Some(name)) => join_owner_name(
                Tracer::trace_all(self, owner, sink.ctx, &sel),
                Tracer::trace_all(self, name, sink.ctx, &sel),
            ),
            (Some(id), None) => {
                let mut tracer = Tracer::new(self);
                tracer.eval(id, sink.ctx, &sel, Mode::DIRECT);
                id_returns = std::mem::take(&mut tracer.returns);
                id_variants = std::mem::take(&mut tracer.variants);
                (tracer.out, tracer.params, tracer.fields)
            }
            (None, _) => (Vec::new(), Vec::new(), Vec::new()),
        };
        // The struct fields whose values reach this call: a struct literal
        // setting one, in any file of the crate, is a Hub call.
        let field_fn = |ty: &str, name: &str, id: Option<usize>, id_sel: Vec<Sel>| SinkFn {
            name: name.to_owned(),
            owner: Some(ty.to_owned()),
            method: false,
            arity: 1,
            id,
            id_sel,
            revision: id.is_none().then_some(0),
            dataset,
            via: below.clone(),
            home: self.rel.to_owned(),
            public: true,
            field: true,
            krate: dep.clone(),
            returns: false,
        };
        for (ty, name, s) in &id_fields {
            sinks.push(field_fn(ty, name, Some(0), s.clone()));
        }
        for (ty, name, _) in &rev_fields {
            sinks.push(field_fn(ty, name, None, Vec::new()));
        }
        for v in &id_variants {
            sinks.push(v.sink(dataset, &below, self.rel, &dep));
        }
        // The functions of this file whose parameters reach this call.
        let sink_fn = |f: usize, id: Option<usize>, id_sel: Vec<Sel>, revision: Option<usize>| {
            let info = &self.fns[f];
            SinkFn {
                name: info.name.clone(),
                owner: info.owner.clone(),
                method: info.has_self,
                arity: info.params.len(),
                id,
                id_sel,
                revision,
                dataset,
                via: below.clone(),
                home: self.rel.to_owned(),
                public: info.public,
                field: false,
                krate: dep.clone(),
                returns: false,
            }
        };
        // Functions of other files the id is returned by: their returns,
        // where they are defined, reach this call.
        for (name, ty, s) in &id_returns {
            sinks.push(SinkFn {
                name: name.clone(),
                owner: ty.clone(),
                method: false,
                arity: 0,
                id: Some(0),
                id_sel: s.clone(),
                revision: None,
                dataset,
                via: below.clone(),
                home: self.rel.to_owned(),
                public: false,
                field: false,
                krate: dep.clone(),
                returns: true,
            });
        }
        for (f, k, s) in &id_params {
            let rev = rev_params.iter().find(|p| p.0 == *f).map(|p| p.1);
            sinks.push(sink_fn(*f, Some(*k), s.clone(), rev));
        }
        for (f, k, _) in &rev_params {
            if !id_params.iter().any(|p| p.0 == *f) {
                sinks.push(sink_fn(*f, None, Vec::new(), Some(*k)));
            }
        }
        let via = if external { below.clone() } else { Vec::new() };
        let test_call = self.in_test(sink.line);
        if let Some(id) = id
            && ids.is_empty()
            && id_params.is_empty()
            && (sel.is_empty() || !built_in_place(id))
        {
            let text = id
                .span()
                .source_text()
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|t| !t.is_empty() && t.len() <= 120)
                .unwrap_or_else(|| "the argument".to_owned());
            // An enum variant or const handed to a dependency's function
            // is the dependency's model table's business.
            let inner = text
                .strip_prefix("Some(")
                .and_then(|t| t.strip_suffix(')'))
                .unwrap_or(&text);
            // Of the crate's own functions, an enum variant is its own
            // table's entry; `None` is no id at all.
            let variant = (dep.is_some() || inner.contains("::")) && entry_like(inner);
            if !variant && text != "None" {
                let mut f = Found::new(text, None, dataset, sink.line, ReferenceKind::RunTime);
                f.via.clone_from(&via);
                f.test = test_call;
                f.dep.clone_from(&dep);
                f.fields = id_fields
                    .iter()
                    .map(|(ty, name, _)| (ty.clone(), name.clone()))
                    .chain(
                        id_returns
                            .iter()
                            .map(|(name, _, _)| (RETURNED.to_owned(), name.clone())),
                    )
                    .collect();
                found.push(f);
            }
            return;
        }
        for origin in ids {
            let mut origin = origin;
            if !origin.pattern
                && let Some(canonical) = legacy_id(&origin.text)
            {
                canonical.clone_into(&mut origin.text);
            }
            let ok = if origin.pattern {
                pattern_like(&origin.text)
            } else {
                id_like(&origin.text)
            };
            if !ok || origin.line == 0 {
                continue;
            }
            let revs = revisions_of(&origin, &revisions);
            let how = origin.how();
            let make = |rev: Option<String>| {
                let mut f = Found::new(origin.text.clone(), rev, dataset, origin.line, how);
                f.via.clone_from(&via);
                f.test = test_call || self.in_test(origin.line);
                f.dep.clone_from(&dep);
                f
            };
            if revs.is_empty() {
                found.push(make(None));
            }
            for rev in revs {
                found.push(make(Some(rev.to_owned())));
            }
        }
    }
}

/// The values of a repository named by owner and name (hf-hub 1.x's
/// `client.model(owner, name)`): each owner joined to each name that can
/// come from the same run, or the whole id when both halves come from one
/// `split_id(id)` (the tracer hands back `id` for either half). Parameters
/// and fields count when both halves come from them.
impl VariantArg {
    /// Building the variant as a Hub call for the crate's files:
    /// `ty::variant(..)` with the id at argument `index`.
    fn sink(&self, dataset: bool, via: &[String], home: &str, krate: &Option<String>) -> SinkFn {
        SinkFn {
            name: self.variant.clone(),
            owner: Some(self.ty.clone()),
            method: false,
            arity: self.arity,
            id: Some(self.index),
            id_sel: self.sel.clone(),
            revision: None,
            dataset,
            via: via.to_vec(),
            home: home.to_owned(),
            public: true,
            field: false,
            krate: krate.clone(),
            returns: false,
        }
    }
}

/// The value under references, parentheses and dereferences: `&self`,
/// `(*self)` are `self`.
fn peeled(mut expr: &Expr) -> &Expr {
    loop {
        match expr {
            Expr::Reference(r) => expr = &r.expr,
            Expr::Paren(p) => expr = &p.expr,
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => expr = &u.expr,
            _ => return expr,
        }
    }
}

pub(super) fn join_owner_name(owner: Traced, name: Traced) -> Traced {
    let (owners, owner_params, owner_fields) = owner;
    let (names, name_params, name_fields) = name;
    let mut out = Vec::new();
    for o in &owners {
        for n in names.iter().filter(|n| o.compatible(n)) {
            let text = if o.text == n.text && o.line == n.line {
                o.text.clone()
            } else if o.text.contains('/') || n.text.contains('/') {
                continue;
            } else {
                format!("{}/{}", o.text, n.text)
            };
            let mut choices = o.choices.clone();
            choices.extend(n.choices.iter().copied());
            out.push(Origin {
                text,
                pattern: o.pattern || n.pattern,
                line: if o.line > 0 { o.line } else { n.line },
                traced: o.traced || n.traced,
                arm: o.arm || n.arm,
                clap: o.clap || n.clap,
                choices,
            });
        }
    }
    let params = owner_params
        .into_iter()
        .filter(|p| name_params.contains(p))
        .collect();
    let fields = owner_fields
        .into_iter()
        .filter(|f| name_fields.contains(f))
        .collect();
    (out, params, fields)
}

/// A struct or variant literal, or a constructor call (`&Kind::Local(p)`):
/// a value whose parts are all in sight, so a part it lacks is another
/// variant's, not a value read at run time.
fn built_in_place(expr: &Expr) -> bool {
    match expr {
        Expr::Reference(r) => built_in_place(&r.expr),
        Expr::Paren(p) => built_in_place(&p.expr),
        Expr::Struct(_) => true,
        Expr::Call(c) => is_constructor(&c.func) && !is_conversion(&c.func),
        _ => false,
    }
}

/// `Kind::Variant` or `Tuple`: a path whose last segment is a type's or a
/// variant's name, so a call of it builds a value from its arguments.
fn is_constructor(func: &Expr) -> bool {
    matches!(func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| {
        s.ident.to_string().starts_with(|c: char| c.is_ascii_uppercase())
    }))
}

/// A closure that hands back its one parameter's text (`|s| s.to_string()`,
/// `|s| s.into()`), or a path to such a function (`String::from`).
fn keeps_text(f: &Expr) -> bool {
    match f {
        Expr::Closure(c) if c.inputs.len() == 1 => {
            let mut names = Vec::new();
            pat_bindings(&c.inputs[0], &[], &mut names);
            let Some((param, _)) = names.first() else {
                return false;
            };
            let mut body = &*c.body;
            loop {
                match body {
                    Expr::MethodCall(m)
                        if m.args.is_empty() && is_passthrough(&m.method.to_string()) =>
                    {
                        body = &m.receiver;
                    }
                    Expr::Call(call) if call.args.len() == 1 && is_conversion(&call.func) => {
                        body = &call.args[0];
                    }
                    Expr::Reference(r) => body = &r.expr,
                    Expr::Paren(p) => body = &p.expr,
                    Expr::Path(p) => return p.path.is_ident(param.as_str()),
                    _ => return false,
                }
            }
        }
        Expr::Path(p) => {
            let segs: Vec<String> = p
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            matches!(
                segs.iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .as_slice(),
                [.., "String" | "ToString" | "ToOwned" | "Into" | "From", _]
            )
        }
        _ => false,
    }
}

/// `Kind::Variant`, `path::Kind::Variant`, `CONST`: a name a model
/// table can hold.
fn entry_like(text: &str) -> bool {
    let parts: Vec<&str> = text.split("::").collect();
    let upper = |p: &str| p.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    let ident = |p: &str| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || c == '_');
    parts.iter().all(|p| ident(p)) && parts.last().is_some_and(|p| upper(p))
}

/// `#[test]`, `#[tokio::test]`, or a `#[cfg(…)]` whose predicate cannot
/// hold without `test`: `cfg(test)`, `cfg(all(test, …))`, but not
/// `cfg(any(test, all()))` nor `cfg(any(test, feature = "x"))`.
pub(crate) fn is_test_attr(attr: &syn::Attribute) -> bool {
    let path = attr.path();
    if path.segments.last().is_some_and(|s| s.ident == "test") {
        return true;
    }
    if path.is_ident("cfg")
        && let syn::Meta::List(list) = &attr.meta
        && let Ok(predicate) = list.parse_args::<syn::Meta>()
    {
        return without_test(&predicate) == Some(false);
    }
    false
}

/// The value of a cfg predicate in a build without `test`: `Some(false)`
/// when it cannot hold, `Some(true)` when it always does, `None` when it
/// depends on other options (features, platforms).
fn without_test(predicate: &syn::Meta) -> Option<bool> {
    use syn::punctuated::Punctuated;
    match predicate {
        syn::Meta::Path(p) if p.is_ident("test") => Some(false),
        syn::Meta::Path(_) | syn::Meta::NameValue(_) => None,
        syn::Meta::List(list) => {
            let args = list
                .parse_args_with(Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated)
                .ok()?;
            let values: Vec<Option<bool>> = args.iter().map(without_test).collect();
            if list.path.is_ident("all") {
                if values.contains(&Some(false)) {
                    Some(false)
                } else if values.iter().all(|v| *v == Some(true)) {
                    Some(true)
                } else {
                    None
                }
            } else if list.path.is_ident("any") {
                if values.contains(&Some(true)) {
                    Some(true)
                } else if values.iter().all(|v| *v == Some(false)) {
                    Some(false)
                } else {
                    None
                }
            } else if list.path.is_ident("not") && values.len() == 1 {
                values[0].map(|v| !v)
            } else {
                None
            }
        }
    }
}

/// The revisions that go with an id: those that come from the same arms of
/// the `match`es and `if`s both went through, if any; otherwise the one
/// revision that does not come from another arm of such a choice. Several
/// unrelated candidates (the revision is chosen by another condition) give
/// none: the revision is unknown.
pub(super) fn revisions_of<'r>(id: &Origin, revisions: &'r [Origin]) -> Vec<&'r str> {
    let distinct = |origins: Vec<&'r Origin>| {
        let mut texts: Vec<&str> = origins.iter().map(|o| o.text.as_str()).collect();
        texts.sort_unstable();
        texts.dedup();
        texts
    };
    let compatible: Vec<&Origin> = revisions.iter().filter(|r| id.compatible(r)).collect();
    let correlated: Vec<&Origin> = compatible
        .iter()
        .copied()
        .filter(|r| r.choices.iter().any(|c| id.choices.contains(c)))
        .collect();
    if !correlated.is_empty() {
        return distinct(correlated);
    }
    let texts = distinct(compatible);
    if texts.len() == 1 { texts } else { Vec::new() }
}

/// `Some(true)` for `RepoType::Dataset`, `None` for `RepoType::Space`,
/// `Some(false)` otherwise (a model, or a kind that is not a literal path).
pub(super) fn repo_type_is_dataset(expr: &Expr) -> Option<bool> {
    let expr = match expr {
        Expr::Paren(p) => &*p.expr,
        other => other,
    };
    if let Expr::Path(p) = expr
        && let Some(last) = p.path.segments.last()
    {
        let ident = last.ident.to_string();
        // hf-hub 1.x names the kind by a marker type (`RepoTypeDataset`).
        return match ident.strip_prefix("RepoType").unwrap_or(&ident) {
            "Dataset" => Some(true),
            "Space" | "Kernel" => None,
            _ => Some(false),
        };
    }
    Some(false)
}

/// One reference per (line, id, revision, dataset), keeping the most
/// confident way it was found; an id found with a revision at a line drops
/// the same id without one there. Sorted by line, then id.
pub(super) fn dedup(found: Vec<Found>) -> Vec<Found> {
    let mut best: BTreeMap<(u32, String, Option<String>, bool), Found> = BTreeMap::new();
    for f in found {
        let key = (f.line, f.id.clone(), f.revision.clone(), f.dataset);
        match best.get_mut(&key) {
            Some(old)
                if (old.confidence, std::cmp::Reverse(old.how))
                    >= (f.confidence, std::cmp::Reverse(f.how)) =>
            {
                old.test &= f.test;
                if old.via.is_empty() {
                    old.via = f.via;
                }
            }
            _ => {
                let mut f = f;
                if let Some(old) = best.get(&key) {
                    f.test &= old.test;
                    if f.via.is_empty() {
                        f.via.clone_from(&old.via);
                    }
                }
                best.insert(key, f);
            }
        }
    }
    let with_revision: HashSet<(u32, String, bool)> = best
        .values()
        .filter(|f| f.revision.is_some())
        .map(|f| (f.line, f.id.clone(), f.dataset))
        .collect();
    best.into_values()
        .filter(|f| {
            f.revision.is_some() || !with_revision.contains(&(f.line, f.id.clone(), f.dataset))
        })
        .collect()
}
