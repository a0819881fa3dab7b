//! Hugging Face Hub references in a crate's own files: Rust source parsed
//! with `syn`, and configuration files parsed as TOML, JSON or YAML.
//!
//! # What is scanned
//!
//! [`files_to_scan`] lists, for one crate directory, the `.rs` files under
//! `src/`, `examples/`, `benches/` and `tests/` (recursively) and `build.rs`,
//! plus the configuration files (`*.toml` other than `Cargo.toml`, `*.json`,
//! `*.yaml`, `*.yml`) at the crate root (not recursively) and under
//! `config/`, `configs/` and `assets/`. Hidden directories and `target/` are
//! skipped, symbolic links are never followed (nor listed), files larger than
//! [`MAX_FILE_BYTES`] are left out, and at most [`MAX_FILES`] files are listed.
//!
//! # Rust source
//!
//! [`scan_rust`] parses a file with `syn` (never with a regex: comments, doc
//! comments and `#[cfg(feature = "…")]` strings are not code and are never
//! read as references). Macro invocations whose arguments parse as a
//! comma-separated list of expressions (`format!`, `vec!`, `println!`,
//! `assert!`, …) are parsed too and treated as code, when they are
//! `format!`, `format_args!`, `vec!` or `concat!` or mention `model`,
//! `dataset`, `Repo`, `from_pretrained`, a `…ModelBuilder` type or one of
//! the id fields below; string literals in other macros are still read for
//! Hub URLs.
//!
//! A reference is a string that reaches one of the calls that download from
//! the Hub:
//!
//! - `api.model(id)`, `api.dataset(id)` (any receiver, one argument) and
//!   `Api::model(&api, id)` / `Api::dataset(&api, id)`;
//! - `Repo::model(id)`, `Repo::dataset(id)`, `Repo::new(id, RepoType::…)`,
//!   `Repo::with_revision(id, RepoType::…, revision)` (also through a path
//!   such as `hf_hub::Repo::new` or a `use … Repo as Alias` rename).
//!   `RepoType::Dataset` marks a dataset; `RepoType::Space` is not a model
//!   and is skipped. The revision of `with_revision` is traced like the id.
//! - `<T>::new(id, …)` where the type's name ends in `ModelBuilder`
//!   (mistral.rs: `ModelBuilder`, `TextModelBuilder`, `GgufModelBuilder`,
//!   `VisionModelBuilder`, `DiffusionModelBuilder`, …, also renamed by
//!   `use … as Alias`): the first argument is a model.
//! - `Tokenizer::from_pretrained(id, params)` (the `tokenizers` crate's Hub
//!   download; also `tokenizers::Tokenizer::…` or a renamed `Tokenizer`).
//! - hf-hub 1.x, in a file that uses it (`hf_hub`, `HFClient…`,
//!   `HFRepository…`, `split_id`): `client.model(owner, name)`,
//!   `client.dataset(owner, name)`, `client.repository(RepoTypeModel, owner,
//!   name)` and `HFRepository::new(client, RepoTypeDataset, owner, name)`
//!   (also `HFClientSync`, `HFRepositorySync`). Owner and name are traced
//!   each and joined into `owner/name`; the halves of `split_id(id)` give
//!   `id` back. `RepoTypeSpace` and `RepoTypeKernel` are not models. A
//!   `.revision(r)` / `.maybe_revision(r)` on `download_file()` or `info()`
//!   of such a handle is its revision.
//!
//! The id expression is traced within the file, through `.to_string()`,
//! `.to_owned()`, `.into()`, `String::from`, `.clone()`, `.as_str()`, `&`,
//! `?`, blocks, `if`/`else` branches, `match` arms, tuples (`let (id, rev) =
//! …`, `.0`), `let` bindings (also `if let`/`match` patterns and `for` loops
//! over arrays), consts and statics, the return values of functions and
//! methods of the file (`args.which.model_id()`), a function's parameters
//! (through the calls of that function in the file), struct literal fields,
//! clap `default_value` / `default_value_t` of a field with the same name,
//! `unwrap_or(…)` / `unwrap_or_else(|| …)` / `map_or("…", f)`, an option's
//! `.map(|s| s.to_string())`, `as_ref().to_string_lossy()` of a path, the
//! closures held in a local (their parameters take the arguments of their
//! calls; a call gives what the body gives), a parameter even where a `let`
//! of the same name shadows it (there are no scopes), and the initializers
//! of `lazy_static!` / `thread_local!`. Struct and enum-variant fields are
//! followed by name through literals (`Source::Hub { id, .. }`), tuple
//! variants by position (`Source::Mirror(id, rev)`), and back out of the
//! patterns that destructure them in `match`, `if let` and `let`; a name a
//! `match` arm binds is that arm's own. A method that destructures `self`
//! (`match self { Preset::Custom(id) => id.clone(), .. }`) hands on what
//! the value was built with: building that variant (`Preset::Custom(x)`),
//! or setting that field, anywhere in the crate is a call of its own. An
//! id and a revision that
//! come from different arms of the same `match` (or branches of the same
//! `if`) are not paired. `format!` (and `+` concatenation) with a
//! placeholder yields a *dynamic* reference whose id is the pattern, e.g.
//! `meta-llama/Llama-2-{}-hf`.
//!
//! A *field literal* is a reference wherever it is written, whether or not
//! it reaches a call in the same file (model tables such as fastembed's
//! `ModelInfo { model_code: String::from("…"), … }` flow into `api.model`
//! from another file): in a struct literal (also in a `let`, const, static
//! or `vec![…]`), a field named exactly `model_id`, `model_code`,
//! `model_name`, `repo_id`, `repo`, `hf_repo`, `hub_id`, `model_repo` or
//! `base_model` whose value is a string literal, bare or through the
//! wrappers above (`.to_string()`, `String::from`, `.into()`, `.to_owned()`,
//! `Some(…)`, …), and that is a valid `owner/name` id. Other field names,
//! non-literal values, struct *definitions* and attributes (such as an
//! enum's `#[strum(serialize = "owner/name")]`) are not. When the same
//! literal also reaches a call, the traced reference is kept instead.
//!
//! Hub URLs are references wherever a string literal holds one:
//! `https://huggingface.co/<owner>/<name>` (`/datasets/<owner>/<name>` is a
//! dataset; `/resolve/<rev>/`, `/blob/<rev>/`, `/tree/<rev>` give the
//! revision) and `hf://<owner>/<name>[@rev]` (`hf://datasets/…` is a
//! dataset). Pages that are not repositories (`/docs/`, `/spaces/`, `/api/`,
//! `/blog/`, `/settings/`, `/join`, `/login`, `/models`, bare `/datasets`, …)
//! are not.
//!
//! A closure handed to `.model(…)` is no id, and a receiver whose type
//! the file defines with its own `model` method (`let scene = Scene;
//! scene.model(name)`, also `Scene::new()`, `Scene { .. }`, `self`, a typed
//! parameter) is that type's: neither is a Hub call.
//!
//! A method the crate or a dependency makes a Hub call (kalosm-common's
//! `Cache::get`) is taken by the receiver's type where the file tells it (a
//! typed parameter, a local built by `Cache::default()`, a struct field's
//! declared type, through `Option`/`Arc`/`Box`): `vb.get(..)` on a
//! `VarBuilder` is not `Cache::get`. On a receiver of unknown type (or of a
//! type parameter's) it is taken by its name, unless the name is one every
//! type has (`get`, `load`, `new`, …).
//!
//! Not references: any literal outside those contexts (Cargo feature strings
//! such as `"candle/cuda"`, crate names, file paths such as
//! `"onnx/model.onnx"` passed to `repo.get`), comments and doc comments. An
//! id must be `owner/name` as accepted by [`valid_repo_id`] and the Hub's
//! own rules (parts start and end with a letter, digit or `_`; no `--` or
//! `..`). An owner-less legacy id (`gpt2`, `bert-base-uncased`, from a
//! short list) that reaches a call is the repository the Hub redirects it
//! to (`openai-community/gpt2`); elsewhere single names are not taken. A name ending in a file extension (`.onnx`, `.safetensors`,
//! `.bin`, `.gguf`, `.pt`, `.json`, `.txt`, …) is a path, not an id.
//!
//! An id-shaped literal in code that nothing above took (`owner/name` that
//! is not a media type such as `image/png`, or a known owner-less id) is an
//! [`ReferenceKind::Untraced`] reference: [`crate::discover::flow`] keeps
//! it, and the field literals, only in a crate that calls the Hub, where it
//! is listed, never audited.
//!
//! Each [`Found`] has the line where the id's text is written (the literal,
//! the `default_value`, the `format!` pattern), 1-based.
//!
//! # Configuration files
//!
//! [`scan_config_keys`] also reads the keys it is given: the crate's flow
//! ([`crate::discover::flow`]) passes the names of the struct fields read at
//! run time on their way to a Hub call, as a deserialized config sets them.
//!
//! [`scan_config`] reads the values of the keys `model_id`, `model`,
//! `repo_id`, `model_name`, `hf_model` and `base_model` (at any depth, case
//! and `-`/`_` insensitive) that are strings, or lists of strings, holding an
//! `owner/name` id or a Hub URL. YAML goes through `serde-saphyr` with tight
//! budgets, like model cards.
//!
//! # Confidence
//!
//! From the [`ReferenceKind`] of a reference: a literal written at the call
//! ([`ReferenceKind::CallArgument`]) or a Hub URL is `High`; a traced value, a match
//! arm, a clap default or a field literal is `Medium`; a configuration file
//! and a dynamic pattern are `Low`. (`Declared`, above all of these, is for models declared
//! in the project's policy, not found here.)
//!
//! # Speed and robustness
//!
//! A full `syn` parse runs at roughly 10 MB/s on a small machine, so a file
//! is parsed only when it could hold a reference: when it has the
//! identifier `Repo`, a call `.model(` / `::model(` / `.dataset(` /
//! `::dataset(` / `::from_pretrained(`, the text `ModelBuilder`, one of the
//! id field names followed by `:` (`model_code:`), or a Hub URL outside a
//! comment line. Other files give no references without being parsed (nor
//! checked for syntax errors).
//!
//! Parsing never panics the caller: the parse runs under `catch_unwind`, on
//! a thread of the pool ([`crate::parallel`]), whose stacks are large, and a
//! file nested deeper than [`MAX_NESTING`] brackets is refused. Tracing is
//! bounded in depth and steps per call. The thread-local span table of
//! `proc-macro2` is cleared after each file, so memory does not grow with
//! the number of files scanned.

use crate::domain::hub::{valid_repo_id, valid_revision};
use crate::domain::{Confidence, ReferenceKind};
use proc_macro2::{Delimiter, TokenStream, TokenTree};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Block, Expr, Lit, LitStr, Macro, Member, Pat, Stmt, Token};

mod config;
mod ids;
mod index;
mod legacy;
mod macros;
mod rules;
mod trace;
mod walk;

pub use config::{scan_config, scan_config_keys};
use ids::*;
pub(crate) use ids::{hub_urls, id_like, may_reference, word_at};
pub(crate) use index::static_str;
use index::*;
pub(crate) use legacy::legacy_id;
use macros::*;
use rules::{MAX_DEPTH, Rules};
pub(crate) use trace::is_test_attr;
use trace::*;
pub use walk::{files_and_skips, files_to_scan, skipped_files};

/// Largest file scanned, in bytes (Rust or configuration).
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;
/// Most files [`files_to_scan`] lists for one crate.
pub const MAX_FILES: usize = 100_000;
/// Deepest bracket nesting accepted in a Rust file.
pub const MAX_NESTING: usize = 512;

/// Most directory entries [`files_to_scan`] looks at for one crate.
const MAX_ENTRIES: usize = 1_000_000;
/// Deepest chain of tracing steps from a call argument to a literal.
const MAX_TRACE_DEPTH: usize = 32;
/// Most tracing steps for one call.
const MAX_TRACE_STEPS: usize = 4_000;
/// Most macro invocations parsed as expressions in one file.
const MAX_MACROS: usize = 100_000;

/// Struct fields whose literal value is read as a model id
/// ([`ReferenceKind::FieldLiteral`]). Exact names.
pub(crate) const ID_FIELDS: &[&str] = &[
    "model_id",
    "model_code",
    "model_name",
    "repo_id",
    "repo",
    "hf_repo",
    "hub_id",
    "model_repo",
    "base_model",
];

/// How sure a reference is, from how it was found (see the module's
/// notes on confidence).
fn confidence(how: ReferenceKind) -> Confidence {
    match how {
        ReferenceKind::CallArgument | ReferenceKind::HubUrl => Confidence::High,
        ReferenceKind::TracedValue
        | ReferenceKind::MatchArm
        | ReferenceKind::ClapDefault
        | ReferenceKind::FieldLiteral => Confidence::Medium,
        // Config keys, patterns and run-time values; the kinds of other
        // stages never come from a source scan.
        _ => Confidence::Low,
    }
}

/// One reference to a Hub repository found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// `owner/name` (for Dynamic: the pattern, e.g. `meta-llama/Llama-2-{}-hf`).
    pub id: String,
    pub revision: Option<String>,
    pub dataset: bool,
    /// 1-based line where the id's text is written.
    pub line: u32,
    pub how: ReferenceKind,
    /// High for CallArgument and HubUrl, Medium for TracedValue, MatchArm,
    /// ClapDefault and FieldLiteral, Low for ConfigFile, Dynamic and Untraced.
    pub confidence: Confidence,
    /// The calls the value goes through to reach the Hub, when it crosses a
    /// function of another file: `file:line name(..)`, outermost first.
    pub via: Vec<String>,
    /// Found in a `#[cfg(test)]` module or a `#[test]` function (the id, or
    /// the call it reaches).
    pub test: bool,
    /// The dependency (`name@version`) whose public function the value goes
    /// into, when it reaches the Hub through one.
    pub dep: Option<String>,
    /// For a value read at run time from struct fields (`cfg.model_id`):
    /// those fields, as (type, field). Such a reference stands only if no
    /// struct literal of the crate sets one of them.
    pub fields: Vec<(String, String)>,
}

impl Found {
    fn new(
        id: String,
        revision: Option<String>,
        dataset: bool,
        line: u32,
        how: ReferenceKind,
    ) -> Found {
        Found {
            id,
            revision,
            dataset,
            line,
            how,
            confidence: confidence(how),
            via: Vec::new(),
            test: false,
            dep: None,
            fields: Vec::new(),
        }
    }
}

/// A function or method of the crate whose parameter reaches a Hub call: a
/// call of it is a Hub call for that argument.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct SinkFn {
    pub name: String,
    /// The type of the `impl` block it is defined in, if any.
    pub owner: Option<String>,
    /// Takes `self`.
    pub method: bool,
    /// Parameters, `self` excluded.
    pub arity: usize,
    /// The parameter that carries the id (`None`: a revision setter).
    pub id: Option<usize>,
    /// Where the id is in that parameter (an element of a tuple or list).
    pub id_sel: Vec<Sel>,
    /// The parameter that carries the revision.
    pub revision: Option<usize>,
    pub dataset: bool,
    /// Where the parameter goes: `file:line call(..)`, outermost first.
    pub via: Vec<String>,
    /// The file it is defined in.
    pub home: String,
    /// Declared `pub` (in `pub` inline modules, or a trait's method): a
    /// candidate for the crate's dependents.
    #[serde(default)]
    pub public: bool,
    /// A struct field (`name`, of type `owner`) whose value reaches a Hub
    /// call: a struct literal setting it is a call with one argument.
    #[serde(default)]
    pub field: bool,
    /// The dependency it is defined in (`name@version`), for a function a
    /// dependency exports.
    #[serde(default)]
    pub krate: Option<String>,
    /// Not a parameter but what the function returns (at `id_sel`) reaches
    /// a Hub call: a call in another file of a function this one does not
    /// define (`let (id, rev) = self.model.model_and_revision();`). The
    /// file that defines it traces its returns.
    #[serde(default)]
    pub returns: bool,
}

/// `.model(id)` and `.dataset(id)` (hf-hub 1.x: `.model(owner, name)`,
/// `.repository(kind, owner, name)`): hf-hub's own calls, Hub calls by their
/// name on any receiver, so a function that merely wraps them (hf-hub's
/// `Api::model`) is no Hub call of its own for its callers.
pub(crate) fn native_method(name: &str, args: usize) -> bool {
    matches!(
        (name, args),
        ("model" | "dataset", 1 | 2) | ("repository", 3)
    )
}

/// `Tokenizer::from_pretrained`, `Repo::new`, `Api::model`, a
/// `…ModelBuilder::new` and hf-hub 1.x's own constructors: calls the scanner
/// knows by their type, whoever defines them.
pub(crate) fn native_call(owner: Option<&str>, name: &str) -> bool {
    match owner {
        Some("Tokenizer" | "TokenizerImpl") => name == "from_pretrained",
        Some("Repo" | "Api" | "HFRepository" | "HFRepositorySync") => true,
        Some(ty) => ty.ends_with("ModelBuilder") && name == "new",
        None => false,
    }
}

/// What tells two sinks apart: name, type, method or field, arity and the
/// id and revision parameters (a field and a setter may share a name).
pub type SinkIdentity = (
    String,
    Option<String>,
    bool,
    bool,
    usize,
    Option<usize>,
    Option<usize>,
);

impl SinkFn {
    pub fn identity(&self) -> SinkIdentity {
        (
            self.name.clone(),
            self.owner.clone(),
            self.method,
            self.field || self.returns,
            self.arity,
            self.id,
            self.revision,
        )
    }
}

/// What one Rust file gives: its references and the functions of it that
/// are Hub calls for their callers.
#[derive(Debug, Clone, Default)]
pub struct FileScan {
    pub found: Vec<Found>,
    pub sinks: Vec<SinkFn>,
    /// Struct fields that reach a Hub call set by a literal of this file,
    /// as (type, field).
    pub set_fields: Vec<(String, String)>,
}

// ---------------------------------------------------------------------------
// Rust: entry point, parse thread
// ---------------------------------------------------------------------------

type ScanResult = Result<FileScan, String>;

/// Scans one Rust source file's text. Never panics; a file that does not
/// parse gives `Err` with a one-line message (and no references).
///
/// A file that cannot hold a reference (no
/// identifier `Repo`, no `.model(`/`.dataset(`/`::from_pretrained(` call, no
/// `ModelBuilder`, no id field, no Hub URL outside a comment) is not
/// parsed at all, so a syntax error there goes unnoticed: it gives `Ok`
/// with no references.
///
/// Id-shaped literals that reach no call ([`ReferenceKind::Untraced`]) are
/// left out: whether they are listed is the crate's question
/// ([`crate::discover::flow`]).
pub fn scan_rust(text: &str) -> Result<Vec<Found>, String> {
    analyse_rust(text, "", &[]).map(|scan| {
        scan.found
            .into_iter()
            .filter(|f| f.how != ReferenceKind::Untraced)
            .collect()
    })
}

/// Whether a file can hold a reference, given the crate's functions that
/// are Hub calls: a Hub marker (see [`scan_rust`]) or the name of one of
/// those functions.
pub fn may_reference_with(text: &str, sinks: &[SinkFn]) -> bool {
    may_reference(text) || may_reference_with_any(text, sinks)
}

/// Whether a file names one of `sinks` (as a whole identifier).
pub fn may_reference_with_any<'s>(text: &str, sinks: impl IntoIterator<Item = &'s SinkFn>) -> bool {
    sinks.into_iter().any(|s| {
        let has = |word: &str| word_at(text, word).next().is_some();
        match (&s.owner, s.field, s.returns) {
            // A struct field is set by a literal that names its type.
            (Some(ty), true, _) => has(ty),
            // A method of a known type whose returns are followed is
            // defined in an `impl` that names the type.
            (Some(ty), _, true) => has(ty) && has(&s.name),
            _ => has(&s.name),
        }
    })
}

/// Scans one Rust file (`rel` is its path as reports show it) knowing the
/// crate's functions that are Hub calls (`sinks`): gives its references and
/// its own functions whose parameters reach a Hub call. Calls of those own
/// functions in the file are references too (the file is parsed once).
pub fn analyse_rust(text: &str, rel: &str, sinks: &[SinkFn]) -> ScanResult {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "file is larger than {} MiB ({} bytes); not scanned",
            MAX_FILE_BYTES / (1024 * 1024),
            text.len()
        ));
    }
    if !may_reference_with(text, sinks) {
        return Ok(FileScan::default());
    }
    let depth = nesting_depth(text);
    if depth > MAX_NESTING {
        return Err(format!(
            "brackets nested deeper than {MAX_NESTING} levels; not scanned"
        ));
    }
    // On the pool, whose threads have stacks for deep files.
    match crate::parallel::install(|| scan_guarded(text, rel, sinks)) {
        Some(result) => result,
        // No thread could be started: scan here, where the stack is smaller.
        None if depth <= 64 => scan_guarded(text, rel, sinks),
        None => Err("no thread to parse a deeply nested file on".to_owned()),
    }
}

/// The id-shaped string literals of a Rust file, by the lexer alone, as
/// [`ReferenceKind::Untraced`] references: for the files of a crate that
/// calls the Hub that no Hub marker made worth parsing
/// ([`crate::discover::flow`]), so that an id written there is listed, not
/// dropped. Doc comments are not literals. A file too large or too deeply
/// nested to lex gives nothing here; it is reported as not scanned where it
/// is parsed.
pub fn untraced_literals(text: &str) -> Vec<Found> {
    if text.len() as u64 > MAX_FILE_BYTES || nesting_depth(text) > MAX_NESTING {
        return Vec::new();
    }
    let lex = || -> Vec<Found> {
        let Ok(stream) = text.parse::<TokenStream>() else {
            return Vec::new();
        };
        let mut found = Vec::new();
        let mut stack = vec![stream.into_iter()];
        while let Some(top) = stack.last_mut() {
            match top.next() {
                Some(TokenTree::Group(g)) => {
                    let doc = g.delimiter() == Delimiter::Bracket
                        && matches!(g.stream().into_iter().next(), Some(TokenTree::Ident(i)) if i == "doc");
                    if !doc {
                        stack.push(g.stream().into_iter());
                    }
                }
                Some(TokenTree::Literal(lit)) => {
                    let Ok(s) = syn::parse2::<LitStr>(TokenTree::Literal(lit.clone()).into())
                    else {
                        continue;
                    };
                    if let Some(id) = id_shaped(&s.value()) {
                        let line = line_of(lit.span());
                        found.push(Found::new(id, None, false, line, ReferenceKind::Untraced));
                    }
                }
                Some(_) => {}
                None => {
                    stack.pop();
                }
            }
        }
        found
    };
    crate::parallel::install(lex).unwrap_or_default()
}

/// Deepest nesting of `(`, `[`, `{`, lexed as Rust lexes them: brackets in
/// comments (line and nested block), strings (with escapes), raw strings
/// (`r#"..."#`), byte and C strings and char literals (`'"'`, `'('`) do not
/// count, a lifetime is not a quote, and a stray closing bracket never makes
/// it negative. It must never count less than the parser will nest: the
/// parse that follows recurses once per level.
pub(crate) fn nesting_depth(text: &str) -> usize {
    let b = text.as_bytes();
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    let ident = |c: u8| c == b'_' || c.is_ascii_alphanumeric() || c >= 0x80;
    while i < b.len() {
        match b[i] {
            b'(' | b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
                i += 1;
            }
            b')' | b']' | b'}' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => i = after_block_comment(b, i + 2),
            b'"' => i = after_string(b, i + 1),
            b'\'' => i = after_quote(b, i),
            c if ident(c) => {
                let start = i;
                while i < b.len() && ident(b[i]) {
                    i += 1;
                }
                // `r"..."`, `r#"..."#`, `br"..."`, `cr"..."`; `r#name` is an
                // identifier. (`b"..."`, `c"..."` and `b'x'` go on as a
                // string or a quote.)
                if matches!(&b[start..i], b"r" | b"br" | b"cr") {
                    let hashes = b[i..].iter().take_while(|&&c| c == b'#').count();
                    if b.get(i + hashes) == Some(&b'"') {
                        i = after_raw_string(b, i + hashes + 1, hashes);
                    }
                }
            }
            _ => i += 1,
        }
    }
    max
}

/// Past a block comment whose `/*` ends before `i`; they nest.
fn after_block_comment(b: &[u8], mut i: usize) -> usize {
    let mut level = 1usize;
    while i < b.len() {
        match (b[i], b.get(i + 1)) {
            (b'/', Some(b'*')) => {
                level += 1;
                i += 2;
            }
            (b'*', Some(b'/')) => {
                level -= 1;
                i += 2;
                if level == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    i
}

/// Past a string whose opening `"` is just before `i`.
fn after_string(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// Past a raw string whose opening `"` (after `hashes` `#`) is just before `i`.
fn after_raw_string(b: &[u8], mut i: usize, hashes: usize) -> usize {
    while i < b.len() {
        if b[i] == b'"'
            && b[i + 1..]
                .iter()
                .take(hashes)
                .filter(|&&c| c == b'#')
                .count()
                == hashes
        {
            return i + 1 + hashes;
        }
        i += 1;
    }
    b.len()
}

/// Past a char literal (`'x'`, `'\''`, `'\u{1F600}'`, `'é'`) starting at
/// `i`, or past the quote of a lifetime or label (`'a`, `'static`).
fn after_quote(b: &[u8], i: usize) -> usize {
    match b.get(i + 1) {
        Some(b'\\') => {
            // An escape: the escaped byte, then up to the closing quote.
            let body = i + 3;
            match b.iter().skip(body).take(12).position(|&c| c == b'\'') {
                Some(n) => body + n + 1,
                None => i + 1,
            }
        }
        Some(&c) => {
            let width = match c {
                0xF0.. => 4,
                0xE0.. => 3,
                0xC0.. => 2,
                _ => 1,
            };
            if b.get(i + 1 + width) == Some(&b'\'') {
                i + 2 + width
            } else {
                i + 1
            }
        }
        None => i + 1,
    }
}

/// Parses and scans, catching panics and freeing the thread's span table.
fn scan_guarded(text: &str, rel: &str, sinks: &[SinkFn]) -> ScanResult {
    let result = std::panic::catch_unwind(|| scan_parsed(text, rel, sinks));
    // Spans created by this parse are no longer used past this point.
    proc_macro2::extra::invalidate_current_thread_spans();
    match result {
        Ok(result) => result,
        Err(_) => Err("the Rust parser failed on this file".to_owned()),
    }
}

fn scan_parsed(text: &str, rel: &str, sinks: &[SinkFn]) -> ScanResult {
    let file = match syn::parse_file(text) {
        Ok(file) => file,
        Err(error) => {
            let at = error.span().start();
            return Err(format!(
                "not valid Rust at line {}, column {}: {error}",
                at.line,
                at.column + 1
            ));
        }
    };
    let urls = may_have_url(text);
    let hub_v1 = ["hf_hub", "HFClient", "HFRepository", "split_id"]
        .iter()
        .any(|marker| text.contains(marker));
    let arena = MacroArena::build(&file);
    // The file's own functions that are Hub calls count for its own calls
    // too: the tree is indexed again with them until none is new, instead
    // of the file being parsed again in the crate's next round.
    // A function keeps the chain it was first found with.
    let mut known = std::borrow::Cow::Borrowed(sinks);
    let mut seen: HashSet<SinkIdentity> = sinks.iter().map(SinkFn::identity).collect();
    let mut own: Vec<SinkFn> = Vec::new();
    let mut own_seen: HashSet<SinkIdentity> = HashSet::new();
    let mut round = 0;
    loop {
        let mut index = Index::new(&arena, urls, rel, &known);
        index.hub_v1 = hub_v1;
        index.visit_file(&file);
        let mut scan = index.finish();
        let mut fresh = Vec::new();
        for s in std::mem::take(&mut scan.sinks) {
            if seen.insert(s.identity()) {
                fresh.push(s.clone());
            }
            if own_seen.insert(s.identity()) {
                own.push(s);
            }
        }
        round += 1;
        if fresh.is_empty() || round == MAX_ROUNDS {
            scan.sinks = own;
            return Ok(scan);
        }
        known.to_mut().extend(fresh);
    }
}

/// The most rounds of following functions found in the round before, in a
/// file's own tree and across files ([`crate::discover::flow`]).
pub const MAX_ROUNDS: usize = 12;

pub(crate) fn line_of(span: proc_macro2::Span) -> u32 {
    u32::try_from(span.start().line).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_paths() {
        assert!(id_like("openai/whisper-tiny.en"));
        assert!(id_like("mistralai/Mistral-7B-v0.1"));
        assert!(id_like("timm/convnext_atto.d2_in1k"));
        assert!(!id_like("onnx/model.onnx"));
        assert!(!id_like("models/x.safetensors"));
        assert!(!id_like("weights/y.bin"));
        assert!(!id_like("gpt-4"));
        assert!(!id_like("a/b/c"));
        assert!(!id_like(".Qwen/Qwen3.5-4B"));
        assert!(!id_like("Qwen/Qwen3.5-4B-"));
        assert!(!id_like("Qwen/Qwen3--5-4B"));
        assert!(id_like("Qwen/Qwen3.5-4B"));
        assert!(pattern_like("meta-llama/Llama-2-{}-hf"));
        assert!(!pattern_like("{}/{}"));
        assert!(pattern_like("{}/x"));
        assert!(pattern_like("timm/{name}"));
        assert!(!pattern_like("weights/{}.safetensors"));
        assert!(has_placeholder("a/{size}"));
        assert!(!has_placeholder("a/b"));
        assert!(!has_placeholder("a/{{b}}"));
    }

    #[test]
    fn urls() {
        let urls = hub_urls(
            "see https://huggingface.co/a/b/resolve/refs%2Fpr%2F1/x.bin and \
             https://huggingface.co/datasets/c/d, https://huggingface.co/docs/hub, \
             https://huggingface.co/gpt2/resolve/main/x, hf://datasets/e/f/x.parquet, \
             hf://g/h@v1.0/m, https://huggingface.co/spaces/i/j, https://huggingface.co/models?x",
        );
        let got: Vec<(&str, Option<&str>, bool)> = urls
            .iter()
            .map(|(_, u)| (u.id.as_str(), u.revision.as_deref(), u.dataset))
            .collect();
        assert_eq!(
            got,
            vec![
                ("a/b", Some("refs/pr/1"), false),
                ("c/d", None, true),
                ("e/f", None, true),
                ("g/h", Some("v1.0"), false),
            ]
        );
    }

    #[test]
    fn a_cfg_is_test_only_when_its_predicate_cannot_hold_without_test() {
        let test_only = |attr: &str| {
            let item: syn::ItemFn = syn::parse_str(&format!("{attr} fn f() {{}}")).unwrap();
            is_test_attr(&item.attrs[0])
        };
        for attr in [
            "#[test]",
            "#[tokio::test]",
            "#[cfg(test)]",
            "#[cfg(all(test, feature = \"x\"))]",
            "#[cfg(all(unix, test))]",
            "#[cfg(any(test, any()))]",
            "#[cfg(not(not(test)))]",
        ] {
            assert!(test_only(attr), "{attr}");
        }
        for attr in [
            "#[cfg(any(test, all()))]",
            "#[cfg(any(test, feature = \"x\"))]",
            "#[cfg(not(test))]",
            "#[cfg(all())]",
            "#[cfg(feature = \"test\")]",
            "#[cfg(any(not(test), test))]",
            "#[inline]",
        ] {
            assert!(!test_only(attr), "{attr}");
        }
    }

    #[test]
    fn nesting() {
        assert_eq!(nesting_depth("fn f() { (a[0]) }"), 3);
        assert_eq!(nesting_depth("\"((((\" // (((("), 0);
        // What hides brackets from a rough count, and what must not.
        let cases = [
            ("let c = '\"'; ((()))", 3),
            ("let c = b'\"'; ((()))", 3),
            ("let c = '\\''; ((()))", 3),
            ("let c = '\\u{22}'; ((()))", 3),
            ("let c = '('; let d = 'é'; [()]", 2),
            ("fn f<'a>(x: &'a str) -> &'a str { x }", 1),
            ("'outer: loop { break 'outer; }", 1),
            ("r\"\\\" (((\"", 3),
            ("r#\"\" ((( \"#", 0),
            ("br##\"\"#\"## ((", 2),
            ("/* \" */ ((", 2),
            ("/* /* */ \" */ ((", 2),
            ("let r#type = \"(\"; ((", 2),
        ];
        for (text, want) in cases {
            assert_eq!(nesting_depth(text), want, "{text}");
        }
        let deep = |n: usize| {
            format!(
                "fn f() {{ api.model({}\"a/b\"{}); }}",
                "(".repeat(n),
                ")".repeat(n)
            )
        };
        assert!(scan_rust(&deep(600)).unwrap_err().contains("nested"));
        // Deep, but within the limit: parsed on a pool thread's large stack.
        assert!(scan_rust(&deep(500)).is_ok());
        // Shallow enough for the tracer.
        let found = scan_rust(&deep(3)).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].id, "a/b");
    }
}

#[cfg(test)]
mod stress {
    use super::*;

    #[test]
    fn long_chains_do_not_overflow() {
        let plus = format!("fn f() {{ api.model(x{}); }}", " + x".repeat(200_000));
        assert!(scan_rust(&plus).is_ok());
        let bang = format!("fn f() {{ api.model({}x); }}", "!".repeat(50_000));
        let _ = scan_rust(&bang);
        let mut chain = String::from("fn f() { let id = if a { \"a/b\" }");
        for _ in 0..20_000 {
            chain.push_str(" else if a { \"a/b\" }");
        }
        chain.push_str(" else { \"c/d\" }; api.model(id.to_string()); }");
        let _ = scan_rust(&chain);
        let calls = format!(
            "fn f() {{ api{}.model(\"a/b\".into()); }}",
            ".x()".repeat(100_000)
        );
        assert_eq!(scan_rust(&calls).unwrap().len(), 1);
        // A file's own macro invoked with a very long argument list: not
        // expanded past the matcher's bounds, and no overflow.
        let long = format!(
            "macro_rules! ids {{ ($($id:literal),*) => {{ $(api.model($id.to_string());)* }}; }}\n\
             fn f() {{ ids!({}\"a/b\"); }}",
            "\"x/y\", ".repeat(100_000)
        );
        assert!(scan_rust(&long).is_ok());
        let short = "macro_rules! ids { ($($id:literal),*) => { $(api.model($id.to_string());)* }; }\n\
             fn f() { ids!(\"x/y\", \"a/b\"); }";
        assert_eq!(scan_rust(short).unwrap().len(), 2);
    }
}

/// The last segment of an `impl` block's type (`Builder` for
/// `impl a::Builder`), or empty when the type is not a path.
pub(crate) fn self_type_name(i: &syn::ItemImpl) -> String {
    match &*i.self_ty {
        syn::Type::Path(p) => p
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default(),
        _ => String::new(),
    }
}
