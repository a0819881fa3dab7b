//! The file's own `macro_rules!` macros, expanded where the file invokes
//! them: the code a macro makes is read as code, with the invocation's
//! arguments in place of its metavariables, so a literal handed to a macro
//! (`create_test! { repo: "org/model", .. }`) reaches the calls its body
//! makes.
//!
//! This is the part of `macro_rules!` that such macros use: arms tried in
//! order; metavariables of every fragment kind, a fragment that is one
//! token (`ident`, `literal`, `lifetime`, `tt`, `block`) taken as one, the
//! others (`expr`, `ty`, `path`, …) as the shortest run of tokens after
//! which the rest of the arm matches; repetitions `$( … ) sep? *|+|?`, one
//! level deep. A macro of another file or crate is not expanded. Expansions
//! are bounded: [`MAX_DEPTH`] macros inside macros, [`MAX_TOKENS`] tokens an
//! expansion, [`MAX_STEPS`] matching steps an invocation.
//!
//! The tokens the body adds stand at the invocation's first argument: a
//! reference the expansion makes is shown where the invocation is, not in
//! the macro's definition, which every invocation shares.

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use std::collections::HashMap;
use syn::visit::{self, Visit};

/// Most macros inside the expansion of a macro.
pub(super) const MAX_DEPTH: usize = 8;
/// Most tokens one expansion makes.
pub(super) const MAX_TOKENS: usize = 100_000;
/// Most steps matching one invocation against a macro's arms takes.
const MAX_STEPS: usize = 100_000;
/// Deepest the matcher recurses (a token or a repetition's round a level):
/// a long invocation is not matched rather than overflow the stack.
const MAX_MATCH_DEPTH: usize = 512;

/// What matching one invocation may still spend.
#[derive(Default)]
struct Budget {
    steps: usize,
    depth: usize,
}

impl Budget {
    fn spent(&self) -> bool {
        self.steps > MAX_STEPS || self.depth > MAX_MATCH_DEPTH
    }

    /// `step` one level deeper, or false once the budget is spent.
    fn deeper(&mut self, step: impl FnOnce(&mut Budget) -> bool) -> bool {
        self.steps += 1;
        self.depth += 1;
        let ok = !self.spent() && step(self);
        self.depth -= 1;
        ok
    }
}

/// One arm: its matcher's tokens and its body.
struct Arm {
    pattern: Vec<TokenTree>,
    body: Vec<TokenTree>,
}

/// The file's `macro_rules!` macros, by name.
#[derive(Default)]
pub(super) struct Rules {
    macros: HashMap<String, Vec<Arm>>,
}

impl Rules {
    /// Every `macro_rules!` of the file, wherever it is defined in it.
    pub(super) fn of(file: &syn::File) -> Rules {
        let mut rules = Rules::default();
        rules.visit_file(file);
        rules
    }

    pub(super) fn is_empty(&self) -> bool {
        self.macros.is_empty()
    }

    /// Whether `name` is one of the file's macros.
    pub(super) fn has(&self, name: &str) -> bool {
        self.macros.contains_key(name)
    }

    /// The expansion of an invocation of `name` with `input`, by the first
    /// arm that matches; `None` when none does or a bound is reached.
    pub(super) fn expand(&self, name: &str, input: TokenStream) -> Option<TokenStream> {
        let arms = self.macros.get(name)?;
        let input: Vec<TokenTree> = input.into_iter().collect();
        let at = input
            .first()
            .map(TokenTree::span)
            .unwrap_or_else(Span::call_site);
        for arm in arms {
            let mut steps = Budget::default();
            let mut binds = Binds::default();
            if matches(&arm.pattern, &input, &mut binds, &mut steps) {
                let mut out = Vec::new();
                transcribe(&arm.body, &binds, at, &mut out)?;
                return Some(out.into_iter().collect());
            }
            if steps.spent() {
                return None;
            }
        }
        None
    }
}

impl<'ast> Visit<'ast> for Rules {
    fn visit_item_macro(&mut self, item: &'ast syn::ItemMacro) {
        if item.mac.path.is_ident("macro_rules")
            && let Some(name) = &item.ident
            && let Some(arms) = arms(item.mac.tokens.clone())
        {
            self.macros.insert(name.to_string(), arms);
        }
        visit::visit_item_macro(self, item);
    }
}

/// `(matcher) => { body } ; …`
fn arms(tokens: TokenStream) -> Option<Vec<Arm>> {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut arms = Vec::new();
    let mut i = 0;
    while i < trees.len() {
        let TokenTree::Group(pattern) = &trees[i] else {
            return None;
        };
        let arrow = matches!((trees.get(i + 1), trees.get(i + 2)),
            (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b))) if a.as_char() == '=' && b.as_char() == '>');
        let Some(TokenTree::Group(body)) = trees.get(i + 3) else {
            return None;
        };
        if !arrow {
            return None;
        }
        arms.push(Arm {
            pattern: pattern.stream().into_iter().collect(),
            body: body.stream().into_iter().collect(),
        });
        i += 4;
        if matches!(trees.get(i), Some(TokenTree::Punct(p)) if p.as_char() == ';') {
            i += 1;
        }
    }
    (!arms.is_empty()).then_some(arms)
}

/// What the metavariables matched: a run of tokens each, and for each
/// repetition the bindings of its every round.
#[derive(Default, Clone)]
struct Binds {
    one: HashMap<String, Vec<TokenTree>>,
    rounds: Vec<(Vec<String>, Vec<Binds>)>,
}

/// `$( inner ) sep? op`, in a matcher or a body.
struct Repetition<'p> {
    inner: Vec<TokenTree>,
    sep: Option<&'p TokenTree>,
    /// `*`, `+` or `?`.
    op: char,
}

/// The repetition `tokens` starts with, and how many tokens it takes.
fn repetition(tokens: &[TokenTree]) -> Option<(Repetition<'_>, usize)> {
    let (Some(TokenTree::Punct(dollar)), Some(TokenTree::Group(g))) =
        (tokens.first(), tokens.get(1))
    else {
        return None;
    };
    if dollar.as_char() != '$' || g.delimiter() != Delimiter::Parenthesis {
        return None;
    }
    let op_of = |t: Option<&TokenTree>| match t {
        Some(TokenTree::Punct(p)) if matches!(p.as_char(), '*' | '+' | '?') => Some(p.as_char()),
        _ => None,
    };
    let inner = g.stream().into_iter().collect();
    if let Some(op) = op_of(tokens.get(2)) {
        return Some((
            Repetition {
                inner,
                sep: None,
                op,
            },
            3,
        ));
    }
    let op = op_of(tokens.get(3))?;
    Some((
        Repetition {
            inner,
            sep: tokens.get(2),
            op,
        },
        4,
    ))
}

/// A part of a matcher.
enum Matcher<'p> {
    /// `$name:kind`
    Var(String, String),
    /// `$( … ) sep? op`
    Repeat(Repetition<'p>),
    /// A group to match inside.
    Group(&'p Group),
    /// A token to match as written.
    Token(&'p TokenTree),
}

/// The next piece of `pattern` and how many of its tokens it takes.
fn matcher(pattern: &[TokenTree]) -> Option<(Matcher<'_>, usize)> {
    let first = pattern.first()?;
    if let TokenTree::Punct(p) = first
        && p.as_char() == '$'
    {
        match pattern.get(1) {
            Some(TokenTree::Ident(name)) => {
                if let (Some(TokenTree::Punct(colon)), Some(TokenTree::Ident(kind))) =
                    (pattern.get(2), pattern.get(3))
                    && colon.as_char() == ':'
                {
                    return Some((Matcher::Var(name.to_string(), kind.to_string()), 4));
                }
                // `$crate` and the like: a token as written.
                return Some((Matcher::Token(first), 1));
            }
            Some(TokenTree::Group(_)) => {
                return repetition(pattern).map(|(r, used)| (Matcher::Repeat(r), used));
            }
            _ => return None,
        }
    }
    match first {
        TokenTree::Group(g) => Some((Matcher::Group(g), 1)),
        other => Some((Matcher::Token(other), 1)),
    }
}

fn same(a: &TokenTree, b: &TokenTree) -> bool {
    match (a, b) {
        (TokenTree::Ident(x), TokenTree::Ident(y)) => x == y,
        (TokenTree::Punct(x), TokenTree::Punct(y)) => x.as_char() == y.as_char(),
        (TokenTree::Literal(x), TokenTree::Literal(y)) => x.to_string() == y.to_string(),
        _ => false,
    }
}

/// Whether `input` matches `pattern` as a whole, recording the bindings;
/// false once the budget is spent.
fn matches(
    pattern: &[TokenTree],
    input: &[TokenTree],
    binds: &mut Binds,
    steps: &mut Budget,
) -> bool {
    steps.deeper(|steps| match_here(pattern, input, binds, steps))
}

fn match_here(
    pattern: &[TokenTree],
    input: &[TokenTree],
    binds: &mut Binds,
    steps: &mut Budget,
) -> bool {
    let Some((piece, used)) = matcher(pattern) else {
        return pattern.is_empty() && input.is_empty();
    };
    let rest = &pattern[used..];
    match piece {
        Matcher::Token(t) => {
            input.first().is_some_and(|i| same(t, i)) && matches(rest, &input[1..], binds, steps)
        }
        Matcher::Group(g) => {
            let Some(TokenTree::Group(h)) = input.first() else {
                return false;
            };
            let inner: Vec<TokenTree> = g.stream().into_iter().collect();
            let got: Vec<TokenTree> = h.stream().into_iter().collect();
            g.delimiter() == h.delimiter()
                && matches(&inner, &got, binds, steps)
                && matches(rest, &input[1..], binds, steps)
        }
        Matcher::Var(name, kind) => {
            let lengths: Vec<usize> = match kind.as_str() {
                "ident" | "lifetime" | "tt" | "block" => vec![1],
                "literal" => vec![1, 2],
                "vis" => (0..=input.len()).collect(),
                _ => (1..=input.len()).collect(),
            };
            for n in lengths {
                if n > input.len() || !fits(&kind, &input[..n]) {
                    continue;
                }
                let mut tried = binds.clone();
                tried.one.insert(name.clone(), input[..n].to_vec());
                if matches(rest, &input[n..], &mut tried, steps) {
                    *binds = tried;
                    return true;
                }
                if steps.spent() {
                    return false;
                }
            }
            false
        }
        Matcher::Repeat(r) => repeat(&r, rest, input, binds, steps, Vec::new()),
    }
}

/// A repetition: as many rounds of its inner matcher as let `rest` match
/// after them.
fn repeat(
    r: &Repetition,
    rest: &[TokenTree],
    input: &[TokenTree],
    binds: &mut Binds,
    steps: &mut Budget,
    rounds: Vec<Binds>,
) -> bool {
    steps.deeper(|steps| {
        let (inner, sep, op) = (r.inner.as_slice(), r.sep, r.op);
        let names = var_names(inner);
        let enough = op != '+' || !rounds.is_empty();
        // Another round first (greedy), then stopping here.
        if op != '?' || rounds.is_empty() {
            let start = if rounds.is_empty() || sep.is_none() {
                Some(0)
            } else {
                sep.and_then(|s| input.first().filter(|t| same(s, t)).map(|_| 1))
            };
            if let Some(start) = start {
                for end in start + 1..=input.len() {
                    let mut round = Binds::default();
                    if matches(inner, &input[start..end], &mut round, steps) {
                        let mut more = rounds.clone();
                        more.push(round);
                        let mut tried = binds.clone();
                        if repeat(r, rest, &input[end..], &mut tried, steps, more) {
                            *binds = tried;
                            return true;
                        }
                    }
                    if steps.spent() {
                        return false;
                    }
                }
            }
        }
        if !enough {
            return false;
        }
        let mut tried = binds.clone();
        tried.rounds.push((names, rounds));
        if matches(rest, input, &mut tried, steps) {
            *binds = tried;
            return true;
        }
        false
    })
}

/// Whether tokens can be a fragment of `kind`.
fn fits(kind: &str, tokens: &[TokenTree]) -> bool {
    match kind {
        "ident" => matches!(tokens, [TokenTree::Ident(_)]),
        "literal" => match tokens {
            [TokenTree::Literal(_)] => true,
            [TokenTree::Punct(p), TokenTree::Literal(_)] => p.as_char() == '-',
            _ => false,
        },
        "block" => matches!(tokens, [TokenTree::Group(g)] if g.delimiter() == Delimiter::Brace),
        // An expression has no `;` and no `,` outside its brackets.
        "expr" | "ty" | "path" | "pat" | "pat_param" | "meta" => !tokens
            .iter()
            .any(|t| matches!(t, TokenTree::Punct(p) if matches!(p.as_char(), ';' | ','))),
        _ => true,
    }
}

/// The metavariables a matcher or body names.
fn var_names(tokens: &[TokenTree]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        match t {
            TokenTree::Punct(p) if p.as_char() == '$' => {
                if let Some(TokenTree::Ident(name)) = tokens.get(i + 1) {
                    out.push(name.to_string());
                }
            }
            TokenTree::Group(g) => {
                out.extend(var_names(&g.stream().into_iter().collect::<Vec<_>>()));
            }
            _ => {}
        }
    }
    out
}

/// The body with the bindings in place; its own tokens get span `at`.
fn transcribe(body: &[TokenTree], binds: &Binds, at: Span, out: &mut Vec<TokenTree>) -> Option<()> {
    let mut i = 0;
    while i < body.len() {
        if out.len() > MAX_TOKENS {
            return None;
        }
        let t = &body[i];
        if let TokenTree::Punct(p) = t
            && p.as_char() == '$'
        {
            match body.get(i + 1) {
                Some(TokenTree::Ident(name)) => {
                    let name = name.to_string();
                    if let Some(tokens) = binds.one.get(&name) {
                        out.extend(tokens.iter().cloned());
                    } else if name == "crate" {
                        out.push(TokenTree::Ident(proc_macro2::Ident::new("crate", at)));
                    } else {
                        return None;
                    }
                    i += 2;
                    continue;
                }
                Some(TokenTree::Group(_)) => {
                    let (Repetition { inner, sep, .. }, skip) = repetition(&body[i..])?;
                    let used = var_names(&inner);
                    let rounds = binds
                        .rounds
                        .iter()
                        .find(|(names, _)| names.iter().any(|n| used.contains(n)))
                        .map(|(_, rounds)| rounds.as_slice())
                        .unwrap_or(&[]);
                    for (k, round) in rounds.iter().enumerate() {
                        if k > 0
                            && let Some(sep) = sep
                        {
                            out.push(respan(sep, at));
                        }
                        let mut scope = binds.clone();
                        scope.one.extend(round.one.clone());
                        scope.rounds = round.rounds.clone();
                        transcribe(&inner, &scope, at, out)?;
                    }
                    i += skip;
                    continue;
                }
                _ => {}
            }
        }
        match t {
            TokenTree::Group(g) => {
                let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                let mut done = Vec::new();
                transcribe(&inner, binds, at, &mut done)?;
                let mut group = Group::new(g.delimiter(), done.into_iter().collect());
                group.set_span(at);
                out.push(TokenTree::Group(group));
            }
            other => out.push(respan(other, at)),
        }
        i += 1;
    }
    Some(())
}

fn respan(t: &TokenTree, at: Span) -> TokenTree {
    let mut t = t.clone();
    t.set_span(at);
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand(file: &str, name: &str, input: &str) -> Option<String> {
        let file = syn::parse_file(file).unwrap();
        let rules = Rules::of(&file);
        rules
            .expand(name, input.parse().unwrap())
            .map(|t| t.to_string())
    }

    #[test]
    fn metavariables_and_repetitions_are_replaced() {
        let def = "macro_rules! t { (owner: $o:literal, name: $n:literal, test: $t:ident $(, files: [$($f:literal),* $(,)?])?) => { fn $t() { let id = format!(\"{}/{}\", $o, $n); $($(get($f);)*)? } }; }";
        let got = expand(def, "t", "owner: \"acme\", name: \"x\", test: first").unwrap();
        assert_eq!(
            got,
            "fn first () { let id = format ! (\"{}/{}\" , \"acme\" , \"x\") ; }"
        );
    }

    #[test]
    fn expression_fragments_stop_where_the_rest_of_the_arm_matches() {
        let def = "macro_rules! m { ($a:expr, $b:expr) => { f($b, $a) }; ($a:expr) => { g($a) }; }";
        assert_eq!(
            expand(def, "m", "x + 1, h(y, z)").unwrap(),
            "f (h (y , z) , x + 1)"
        );
        assert_eq!(expand(def, "m", "x.y()").unwrap(), "g (x . y ())");
    }

    #[test]
    fn repetitions_repeat_with_their_separator() {
        let def = "macro_rules! ids { ($($id:literal),+ $(,)?) => { [$($id.to_string()),+] }; }";
        let got = expand(def, "ids", "\"a/b\", \"c/d\",").unwrap();
        assert_eq!(
            got.replace(' ', ""),
            "[\"a/b\".to_string(),\"c/d\".to_string()]"
        );
    }

    #[test]
    fn what_no_arm_matches_or_another_file_defines_is_not_expanded() {
        let def = "macro_rules! m { (one: $a:literal) => { $a }; }";
        assert_eq!(expand(def, "m", "two: \"x\""), None);
        assert_eq!(expand(def, "other", "one: \"x\""), None);
    }

    #[test]
    fn the_bodys_tokens_stand_at_the_invocation() {
        let text =
            "macro_rules! m {\n    ($a:literal) => {\n        f($a)\n    };\n}\n\nm!(\"x\");\n";
        let file = syn::parse_file(text).unwrap();
        let rules = Rules::of(&file);
        let syn::Item::Macro(call) = &file.items[1] else {
            panic!("no invocation");
        };
        let out = rules.expand("m", call.mac.tokens.clone()).unwrap();
        for t in out {
            assert_eq!(t.span().start().line, 7, "{t}");
        }
    }
}
