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
//!
//! The id expression is traced within the file, through `.to_string()`,
//! `.to_owned()`, `.into()`, `String::from`, `.clone()`, `.as_str()`, `&`,
//! `?`, blocks, `if`/`else` branches, `match` arms, tuples (`let (id, rev) =
//! …`, `.0`), `let` bindings (also `if let`/`match` patterns and `for` loops
//! over arrays), consts and statics, the return values of functions and
//! methods of the file (`args.which.model_id()`), a function's parameters
//! (through the calls of that function in the file), struct literal fields,
//! clap `default_value` / `default_value_t` of a field with the same name,
//! and `unwrap_or(…)` / `unwrap_or_else(|| …)`. An id and a revision that
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
//! Not references: any literal outside those contexts (Cargo feature strings
//! such as `"candle/cuda"`, crate names, file paths such as
//! `"onnx/model.onnx"` passed to `repo.get`), comments and doc comments. An
//! id must be `owner/name` as accepted by [`valid_repo_id`] and the Hub's
//! own rules (parts start and end with a letter, digit or `_`; no `--` or
//! `..`); single-name legacy ids (`gpt2`, `bert-base-uncased`) are not
//! taken. A name ending in a file extension (`.onnx`, `.safetensors`,
//! `.bin`, `.gguf`, `.pt`, `.json`, `.txt`, …) is a path, not an id.
//!
//! Each [`Found`] has the line where the id's text is written (the literal,
//! the `default_value`, the `format!` pattern), 1-based.
//!
//! # Configuration files
//!
//! [`scan_config`] reads the values of the keys `model_id`, `model`,
//! `repo_id`, `model_name`, `hf_model` and `base_model` (at any depth, case
//! and `-`/`_` insensitive) that are strings, or lists of strings, holding an
//! `owner/name` id or a Hub URL. YAML goes through `serde-saphyr` with tight
//! budgets, like model cards.
//!
//! # Confidence
//!
//! From the [`How`] of a reference: a literal written at the call
//! ([`How::CallArgument`]) or a Hub URL is `High`; a traced value, a match
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
//! a helper thread with a large stack (one per calling thread, reused), and a
//! file nested deeper than [`MAX_NESTING`] brackets is refused. Tracing is
//! bounded in depth and steps per call. The thread-local span table of
//! `proc-macro2` is cleared after each file, so memory does not grow with
//! the number of files scanned.

use crate::domain::Confidence;
use crate::resolve::hub::{valid_repo_id, valid_revision};
use proc_macro2::{Delimiter, TokenStream, TokenTree};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Block, Expr, Lit, LitStr, Macro, Member, Pat, Stmt, Token};

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
/// Stack of the parsing thread (reserved, used only as deep as needed).
const PARSE_STACK_BYTES: usize = 256 * 1024 * 1024;

/// Struct fields whose literal value is read as a model id
/// ([`How::FieldLiteral`]). Exact names.
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

/// How a reference was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum How {
    /// A literal written as the argument of a hf-hub call.
    CallArgument,
    /// A literal that reaches the call through a binding, const, function…
    TracedValue,
    /// A string arm of a `match` whose result reaches the call.
    MatchArm,
    /// The clap `default_value` of an argument that reaches the call.
    ClapDefault,
    /// A literal in a struct literal's field with an id-like name
    /// (`model_id: "…"`, `model_code: String::from("…")`), whether or not
    /// it reaches a call in the same file.
    FieldLiteral,
    /// A Hub URL in a string literal.
    HubUrl,
    /// A configuration file's key.
    ConfigFile,
    /// An id built with `format!` or `+`: the id is the pattern.
    Dynamic,
    /// A value that reaches a call but cannot be traced to a literal (read
    /// at run time): the id is the argument's text.
    Untraced,
}

impl How {
    pub fn as_str(self) -> &'static str {
        match self {
            How::CallArgument => "call-argument",
            How::TracedValue => "traced-value",
            How::MatchArm => "match-arm",
            How::ClapDefault => "clap-default",
            How::FieldLiteral => "field-literal",
            How::HubUrl => "hub-url",
            How::ConfigFile => "config-file",
            How::Dynamic => "dynamic",
            How::Untraced => "run-time",
        }
    }

    fn confidence(self) -> Confidence {
        match self {
            How::CallArgument | How::HubUrl => Confidence::High,
            How::TracedValue | How::MatchArm | How::ClapDefault | How::FieldLiteral => {
                Confidence::Medium
            }
            How::ConfigFile | How::Dynamic | How::Untraced => Confidence::Low,
        }
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
    pub how: How,
    /// High for CallArgument and HubUrl, Medium for TracedValue, MatchArm,
    /// ClapDefault and FieldLiteral, Low for ConfigFile, Dynamic and Untraced.
    pub confidence: Confidence,
    /// The calls the value goes through to reach the Hub, when it crosses a
    /// function of another file: `file:line name(..)`, outermost first.
    pub via: Vec<String>,
    /// Found in a `#[cfg(test)]` module or a `#[test]` function (the id, or
    /// the call it reaches).
    pub test: bool,
}

impl Found {
    fn new(id: String, revision: Option<String>, dataset: bool, line: u32, how: How) -> Found {
        Found {
            id,
            revision,
            dataset,
            line,
            how,
            confidence: how.confidence(),
            via: Vec::new(),
            test: false,
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
}

/// What one Rust file gives: its references and the functions of it that
/// are Hub calls for their callers.
#[derive(Debug, Clone, Default)]
pub struct FileScan {
    pub found: Vec<Found>,
    pub sinks: Vec<SinkFn>,
}

// ---------------------------------------------------------------------------
// Ids and URLs
// ---------------------------------------------------------------------------

/// Extensions that make `owner/name` a file path rather than a repository.
const FILE_EXTENSIONS: &[&str] = &[
    "7z",
    "arrow",
    "bin",
    "bmp",
    "cfg",
    "ckpt",
    "csv",
    "dll",
    "dylib",
    "engine",
    "exe",
    "flac",
    "ggml",
    "gguf",
    "ggjt",
    "gif",
    "gz",
    "h5",
    "hdf5",
    "html",
    "ini",
    "jpeg",
    "jpg",
    "joblib",
    "json",
    "jsonl",
    "lock",
    "log",
    "md",
    "mlmodel",
    "mlpackage",
    "model",
    "mp3",
    "mp4",
    "msgpack",
    "npy",
    "npz",
    "onnx",
    "ot",
    "parquet",
    "pb",
    "pdf",
    "pickle",
    "pkl",
    "plan",
    "png",
    "pt",
    "pth",
    "py",
    "rs",
    "safetensors",
    "so",
    "spm",
    "svg",
    "tar",
    "tflite",
    "tgz",
    "tiktoken",
    "toml",
    "tsv",
    "txt",
    "wav",
    "webp",
    "xml",
    "xz",
    "yaml",
    "yml",
    "zip",
    "zst",
];

/// An `owner/name` id that is not a file path. Besides
/// [`valid_repo_id`], the Hub's own rules: each part starts and ends with a
/// letter, digit or `_`, and has no `--` or `..`.
pub(crate) fn id_like(s: &str) -> bool {
    if !valid_repo_id(s) || s.contains("--") || s.contains("..") {
        return false;
    }
    let edge = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    if !s
        .split('/')
        .all(|part| edge(part.chars().next()) && edge(part.chars().last()))
    {
        return false;
    }
    let name = s.rsplit('/').next().unwrap_or(s);
    match name.rsplit_once('.') {
        Some((_, ext)) => !FILE_EXTENSIONS
            .iter()
            .any(|known| known.eq_ignore_ascii_case(ext)),
        None => true,
    }
}

/// A `format!` pattern that would be an id once its placeholders are filled.
/// Some of its text must be known: `{}/{}` says nothing.
fn pattern_like(pattern: &str) -> bool {
    let known = fill_placeholders(pattern, "");
    id_like(&fill_placeholders(pattern, "x")) && known.chars().any(|c| c.is_ascii_alphanumeric())
}

/// Replaces each `{…}` by `fill`, and `{{`/`}}` by `{`/`}`.
fn fill_placeholders(pattern: &str, fill: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '{' => {
                for c in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                }
                out.push_str(fill);
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            _ => out.push(c),
        }
    }
    out
}

fn has_placeholder(pattern: &str) -> bool {
    fill_placeholders(pattern, "x") != pattern.replace("{{", "{").replace("}}", "}")
}

/// First path segments of `https://huggingface.co/…` that are not repositories.
const NOT_REPO_PAGES: &[&str] = &[
    "api",
    "blog",
    "changelog",
    "chat",
    "collections",
    "docs",
    "enterprise",
    "join",
    "learn",
    "login",
    "logout",
    "models",
    "new",
    "new-dataset",
    "new-space",
    "notifications",
    "organizations",
    "papers",
    "posts",
    "pricing",
    "privacy",
    "search",
    "settings",
    "spaces",
    "tasks",
    "terms-of-service",
];

/// Segments after `owner/name` that introduce a revision.
const REVISION_MARKERS: &[&str] = &["resolve", "blob", "tree", "raw"];

/// A repository named by a Hub URL.
#[derive(Debug, PartialEq)]
pub(crate) struct UrlRef {
    pub(crate) id: String,
    pub(crate) revision: Option<String>,
    pub(crate) dataset: bool,
}

fn url_end(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '"' | '\''
                | '`'
                | '<'
                | '>'
                | '('
                | ')'
                | '['
                | ']'
                | '{'
                | '}'
                | '\\'
                | '?'
                | '#'
                | ','
                | ';'
                | '|'
                | '^'
        )
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Parses what follows `https://huggingface.co/` (or `hf.co/`).
fn parse_hub_path(rest: &str) -> Option<UrlRef> {
    let mut segments = rest.split('/');
    let mut first = segments.next()?;
    let mut dataset = false;
    if first == "datasets" {
        dataset = true;
        first = segments.next()?;
    } else if NOT_REPO_PAGES.contains(&first) {
        return None;
    }
    let name = segments.next()?;
    // A one-segment legacy id (`/gpt2/resolve/main/…`) has no owner.
    if REVISION_MARKERS.contains(&name) || name.is_empty() {
        return None;
    }
    let name = name.strip_suffix(".git").unwrap_or(name);
    let id = format!("{first}/{name}");
    if !id_like(&id) {
        return None;
    }
    let revision = match segments.next() {
        Some(marker) if REVISION_MARKERS.contains(&marker) => segments
            .next()
            .map(percent_decode)
            .filter(|rev| valid_revision(rev)),
        _ => None,
    };
    Some(UrlRef {
        id,
        revision,
        dataset,
    })
}

/// Parses what follows `hf://`.
fn parse_hf_scheme(rest: &str) -> Option<UrlRef> {
    let mut segments = rest.split('/');
    let mut first = segments.next()?;
    let mut dataset = false;
    match first {
        "datasets" => {
            dataset = true;
            first = segments.next()?;
        }
        "spaces" => return None,
        "models" => first = segments.next()?,
        _ => {}
    }
    let name = segments.next()?;
    let (name, revision) = match name.split_once('@') {
        Some((name, rev)) => {
            let rev = percent_decode(rev);
            (name, valid_revision(&rev).then_some(rev))
        }
        None => (name, None),
    };
    let id = format!("{first}/{name}");
    if !id_like(&id) {
        return None;
    }
    Some(UrlRef {
        id,
        revision,
        dataset,
    })
}

/// Every Hub URL in `text`, with its byte offset.
pub(crate) fn hub_urls(text: &str) -> Vec<(usize, UrlRef)> {
    const PREFIXES: &[&str] = &[
        "https://huggingface.co/",
        "http://huggingface.co/",
        "https://www.huggingface.co/",
        "https://hf.co/",
        "hf://",
    ];
    let mut out = Vec::new();
    for prefix in PREFIXES {
        let mut from = 0;
        while let Some(pos) = text[from..].find(prefix) {
            let start = from + pos;
            from = start + prefix.len();
            let rest = &text[from..];
            let end = rest.find(url_end).unwrap_or(rest.len());
            let rest = &rest[..end];
            let found = if *prefix == "hf://" {
                parse_hf_scheme(rest)
            } else {
                parse_hub_path(rest)
            };
            if let Some(found) = found {
                out.push((start, found));
            }
        }
    }
    out.sort_by_key(|(at, _)| *at);
    out
}

/// Quick test before the exact one: could `text` contain a Hub URL?
fn may_have_url(text: &str) -> bool {
    text.contains("huggingface.co/") || text.contains("hf://") || text.contains("hf.co/")
}

fn ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// Byte offsets of `word` in `text` as a whole identifier.
pub(crate) fn word_at<'t>(text: &'t str, word: &'t str) -> impl Iterator<Item = usize> + 't {
    let bytes = text.as_bytes();
    text.match_indices(word)
        .map(|(at, _)| at)
        .filter(move |&at| {
            let end = at + word.len();
            (at == 0 || !ident_byte(bytes[at - 1]))
                && (end == bytes.len() || !ident_byte(bytes[end]))
        })
}

/// `. name (` or `:: name (`, whitespace allowed between the tokens.
fn has_call(text: &str, name: &str) -> bool {
    word_at(text, name).any(|at| {
        let before = text[..at].trim_end();
        let after = text[at + name.len()..].trim_start();
        (before.ends_with('.') || before.ends_with("::")) && after.starts_with('(')
    })
}

/// A Hub URL on a line that is not a line comment or inside a block
/// comment's `*` lines (roughly: a URL after code on the same line counts).
fn has_code_url(text: &str) -> bool {
    ["huggingface.co/", "hf.co/", "hf://"].iter().any(|needle| {
        text.match_indices(needle).any(|(at, _)| {
            let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
            let prefix = text[line_start..at].trim_start();
            !(prefix.starts_with("//") || prefix.starts_with('*') || prefix.starts_with("/*"))
        })
    })
}

/// `name :` (not `name ::`), whitespace allowed between the tokens: how a
/// struct literal's field starts.
fn has_field(text: &str, name: &str) -> bool {
    word_at(text, name).any(|at| {
        let after = text[at + name.len()..].trim_start();
        after.starts_with(':') && !after.starts_with("::")
    })
}

/// Could `text` hold a reference at all? Every reference needs the
/// identifier `Repo` (a `use … Repo as X` rename names it too), a call
/// `.model(`, `::model(`, `.dataset(`, `::dataset(` or `::from_pretrained(`
/// (whitespace allowed between the tokens, comments not), a type whose name
/// holds `ModelBuilder`, a field of [`ID_FIELDS`] followed by `:`, or a Hub
/// URL outside a comment line. Checking this is about 100 times faster than
/// parsing, and most files of a workspace fail it.
pub(crate) fn may_reference(text: &str) -> bool {
    word_at(text, "Repo").next().is_some()
        || has_call(text, "model")
        || has_call(text, "dataset")
        || has_call(text, "from_pretrained")
        || text.contains("ModelBuilder")
        || ID_FIELDS.iter().any(|name| has_field(text, name))
        || has_code_url(text)
}

// ---------------------------------------------------------------------------
// Rust: entry point, parse thread
// ---------------------------------------------------------------------------

type ScanResult = Result<FileScan, String>;

struct Job {
    text: String,
    rel: String,
    sinks: Vec<SinkFn>,
    reply: mpsc::Sender<ScanResult>,
}

thread_local! {
    /// The calling thread's parse worker: a thread with a large stack, so
    /// that deeply nested (generated) code cannot overflow the caller's.
    static WORKER: RefCell<Option<mpsc::Sender<Job>>> = const { RefCell::new(None) };
}

fn spawn_worker() -> Option<mpsc::Sender<Job>> {
    let (tx, rx) = mpsc::channel::<Job>();
    std::thread::Builder::new()
        .name("source-scan".to_owned())
        .stack_size(PARSE_STACK_BYTES)
        .spawn(move || {
            while let Ok(job) = rx.recv() {
                let result = scan_guarded(&job.text, &job.rel, &job.sinks);
                let _ = job.reply.send(result);
            }
        })
        .ok()?;
    Some(tx)
}

/// Runs `scan_guarded` on this thread's worker; `None` if no worker can run.
fn scan_on_worker(text: &str, rel: &str, sinks: &[SinkFn]) -> Option<ScanResult> {
    WORKER
        .try_with(|cell| {
            let mut slot = cell.borrow_mut();
            for _ in 0..2 {
                if slot.is_none() {
                    *slot = spawn_worker();
                }
                let tx = slot.as_ref()?;
                let (reply_tx, reply_rx) = mpsc::channel();
                let job = Job {
                    text: text.to_owned(),
                    rel: rel.to_owned(),
                    sinks: sinks.to_vec(),
                    reply: reply_tx,
                };
                if tx.send(job).is_ok()
                    && let Ok(result) = reply_rx.recv()
                {
                    return Some(result);
                }
                // The worker is gone: start another once.
                *slot = None;
            }
            None
        })
        .ok()
        .flatten()
}

/// Scans one Rust source file's text. Never panics; a file that does not
/// parse gives `Err` with a one-line message (and no references).
///
/// A file that cannot hold a reference (no
/// identifier `Repo`, no `.model(`/`.dataset(`/`::from_pretrained(` call, no
/// `ModelBuilder`, no id field, no Hub URL outside a comment) is not
/// parsed at all, so a syntax error there goes unnoticed: it gives `Ok`
/// with no references.
pub fn scan_rust(text: &str) -> Result<Vec<Found>, String> {
    analyse_rust(text, "", &[]).map(|scan| scan.found)
}

/// Whether a file can hold a reference, given the crate's functions that
/// are Hub calls: a Hub marker (see [`scan_rust`]) or the name of one of
/// those functions.
pub fn may_reference_with(text: &str, sinks: &[SinkFn]) -> bool {
    may_reference(text)
        || sinks
            .iter()
            .any(|s| word_at(text, &s.name).next().is_some())
}

/// Whether a file names one of `sinks` (as a whole identifier).
pub fn may_reference_with_any(text: &str, sinks: &[SinkFn]) -> bool {
    sinks
        .iter()
        .any(|s| word_at(text, &s.name).next().is_some())
}

/// Scans one Rust file (`rel` is its path as reports show it) knowing the
/// crate's functions that are Hub calls (`sinks`): gives its references and
/// its own functions whose parameters reach a Hub call.
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
    match scan_on_worker(text, rel, sinks) {
        Some(result) => result,
        // No thread could be started: scan here, where the stack is smaller.
        None if depth <= 64 => scan_guarded(text, rel, sinks),
        None => Err("no thread to parse a deeply nested file on".to_owned()),
    }
}

/// Deepest nesting of `(`, `[`, `{`, roughly: strings and line comments are
/// skipped, and a stray closing bracket never makes it negative.
pub(crate) fn nesting_depth(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'(' | b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    max
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
    let arena = MacroArena::build(&file);
    let mut index = Index::new(&arena, urls, rel, sinks);
    index.visit_file(&file);
    Ok(index.finish())
}

pub(crate) fn line_of(span: proc_macro2::Span) -> u32 {
    u32::try_from(span.start().line).unwrap_or(u32::MAX)
}

// ---------------------------------------------------------------------------
// Rust: macro arguments parsed as expressions
// ---------------------------------------------------------------------------

type ExprList = Punctuated<Expr, Token![,]>;

/// Macro invocations whose tokens parse as `expr, expr, …`, keyed by the
/// address of their `syn::Macro` (in the file or in another entry). Only
/// `format!`, `format_args!`, `vec!`, `concat!` (whose values are traced)
/// and macros whose tokens mention `model`, `dataset` or `Repo` are parsed:
/// parsing every `println!` would cost a tenth of the scan.
#[derive(Default)]
struct MacroArena {
    /// The expressions live on the heap of each list, so their addresses
    /// stay put when the list moves into this vector.
    parsed: Vec<ExprList>,
    index: HashMap<usize, usize>,
}

#[derive(Default)]
struct MacroCollector {
    found: Vec<(usize, TokenStream)>,
}

impl<'ast> Visit<'ast> for MacroCollector {
    fn visit_macro(&mut self, mac: &'ast Macro) {
        let evaluated = matches!(
            mac_name(mac).as_str(),
            "format" | "format_args" | "vec" | "concat"
        );
        if evaluated || mentions_sink(&mac.tokens) {
            self.found.push((mac_key(mac), mac.tokens.clone()));
        }
    }
}

/// Whether tokens hold an identifier that a recognised call or field
/// literal needs.
fn mentions_sink(tokens: &TokenStream) -> bool {
    tokens.clone().into_iter().any(|tree| match tree {
        TokenTree::Ident(id) => {
            let id = id.to_string();
            matches!(
                id.as_str(),
                "model" | "dataset" | "Repo" | "from_pretrained"
            ) || id.ends_with("ModelBuilder")
                || ID_FIELDS.contains(&id.as_str())
        }
        TokenTree::Group(g) => mentions_sink(&g.stream()),
        _ => false,
    })
}

fn mac_key(mac: &Macro) -> usize {
    std::ptr::from_ref(mac) as usize
}

impl MacroArena {
    fn build(file: &syn::File) -> MacroArena {
        let mut arena = MacroArena::default();
        let mut collector = MacroCollector::default();
        collector.visit_file(file);
        let mut pending = collector.found;
        while let Some((key, tokens)) = pending.pop() {
            if arena.parsed.len() >= MAX_MACROS {
                break;
            }
            let Ok(list) = ExprList::parse_terminated.parse2(tokens) else {
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

    fn get(&self, mac: &Macro) -> Option<&ExprList> {
        self.index.get(&mac_key(mac)).map(|&i| &self.parsed[i])
    }
}

fn mac_name(mac: &Macro) -> String {
    mac.path
        .segments
        .last()
        .map(|s| s.ident.to_string())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------
// Rust: index of the file
// ---------------------------------------------------------------------------

/// A function context: `None` outside any function.
type Ctx = Option<usize>;

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Sel {
    /// Element `i` of a tuple.
    Tuple(usize),
    /// Any element of an array, a `vec!`, an iterator.
    Elem,
}

struct Binding<'a> {
    init: &'a Expr,
    sel: Vec<Sel>,
}

#[derive(Default)]
struct FnInfo<'a> {
    name: String,
    /// The type of the enclosing `impl`, if any.
    owner: Option<String>,
    has_self: bool,
    /// Parameter names, receiver excluded (`None` for patterns).
    params: Vec<Option<String>>,
    body: Option<&'a Block>,
    returns: Vec<&'a Expr>,
    locals: HashMap<String, Vec<Binding<'a>>>,
}

struct CallSite<'a> {
    args: Vec<&'a Expr>,
    /// `x.f(a)` rather than `f(a)` / `T::f(x, a)`.
    method: bool,
    ctx: Ctx,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum SinkKind {
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
}

struct Sink<'a> {
    kind: SinkKind,
    /// The type named before the function (`Repo`, `Api`, an alias…);
    /// `None` for method calls.
    owner: Option<String>,
    args: Vec<&'a Expr>,
    ctx: Ctx,
    /// Line of the call, address of the call expression, and how to show it.
    line: u32,
    at: usize,
    desc: String,
}

/// A clap default: a literal and its line, or the name of a const.
enum ClapValue {
    Lit(String, u32),
    Const(String),
}

struct Index<'a> {
    arena: &'a MacroArena,
    scan_urls: bool,
    /// The file's path as reports show it.
    rel: &'a str,
    /// The crate's functions that are sinks.
    ext: &'a [SinkFn],
    /// Types of the enclosing `impl` blocks.
    impls: Vec<String>,
    /// Lines of `#[cfg(test)]` modules and `#[test]` functions.
    test_ranges: Vec<(u32, u32)>,
    /// Revisions set on a builder by a chained setter: address of the
    /// constructor call, the revision argument.
    rev_pairs: HashMap<usize, Vec<(&'a Expr, Ctx)>>,
    fns: Vec<FnInfo<'a>>,
    fn_by_name: HashMap<String, Vec<usize>>,
    consts: HashMap<String, Vec<&'a Expr>>,
    /// clap `default_value` of each field name.
    clap: HashMap<String, Vec<ClapValue>>,
    field_inits: HashMap<String, Vec<(&'a Expr, Ctx)>>,
    calls: HashMap<String, Vec<CallSite<'a>>>,
    sinks: Vec<Sink<'a>>,
    repo_aliases: HashSet<String>,
    api_aliases: HashSet<String>,
    /// `tokenizers::Tokenizer` and its renames.
    tokenizer_aliases: HashSet<String>,
    /// Renames of `…ModelBuilder` types (`use … TextModelBuilder as B`).
    builder_aliases: HashSet<String>,
    found: Vec<Found>,
    /// Current function and the closure depth inside it.
    stack: Vec<(usize, usize)>,
}

fn pat_bindings(pat: &Pat, sel: &[Sel], out: &mut Vec<(String, Vec<Sel>)>) {
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
fn is_passthrough(method: &str) -> bool {
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
    )
}

/// `String::from`, `Some`, `Cow::Borrowed`… : calls that carry their one
/// argument's text.
fn is_conversion(func: &Expr) -> bool {
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
    fn new(arena: &'a MacroArena, scan_urls: bool, rel: &'a str, ext: &'a [SinkFn]) -> Index<'a> {
        Index {
            arena,
            scan_urls,
            rel,
            ext,
            impls: Vec::new(),
            test_ranges: Vec::new(),
            rev_pairs: HashMap::new(),
            fns: Vec::new(),
            fn_by_name: HashMap::new(),
            consts: HashMap::new(),
            clap: HashMap::new(),
            field_inits: HashMap::new(),
            calls: HashMap::new(),
            sinks: Vec::new(),
            repo_aliases: HashSet::from(["Repo".to_owned()]),
            api_aliases: HashSet::from(["Api".to_owned()]),
            tokenizer_aliases: HashSet::from(["Tokenizer".to_owned()]),
            builder_aliases: HashSet::new(),
            found: Vec::new(),
            stack: Vec::new(),
        }
    }

    fn ctx(&self) -> Ctx {
        self.stack.last().map(|&(f, _)| f)
    }

    fn bind(&mut self, pat: &'a Pat, init: &'a Expr, sel: &[Sel]) {
        let Some(ctx) = self.ctx() else {
            return;
        };
        let mut names = Vec::new();
        pat_bindings(pat, sel, &mut names);
        for (name, sel) in names {
            self.fns[ctx]
                .locals
                .entry(name)
                .or_default()
                .push(Binding { init, sel });
        }
    }

    fn enter_fn(&mut self, sig: &'a syn::Signature, body: &'a Block) {
        let mut info = FnInfo {
            name: sig.ident.to_string(),
            owner: self.impls.last().cloned(),
            body: Some(body),
            ..FnInfo::default()
        };
        for input in &sig.inputs {
            match input {
                syn::FnArg::Receiver(_) => info.has_self = true,
                syn::FnArg::Typed(t) => info.params.push(match &*t.pat {
                    Pat::Ident(p) => Some(p.ident.to_string()),
                    _ => None,
                }),
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

    fn url_literal(&mut self, raw: &str, line: u32) {
        for (at, url) in hub_urls(raw) {
            let offset = raw[..at].matches('\n').count();
            let line = line.saturating_add(u32::try_from(offset).unwrap_or(u32::MAX));
            self.found.push(Found::new(
                url.id,
                url.revision,
                url.dataset,
                line,
                How::HubUrl,
            ));
        }
    }

    /// Hub URLs in string literals among tokens that are not code we parsed
    /// (attributes, macros that are not expression lists); doc attributes
    /// are skipped.
    fn url_tokens(&mut self, tokens: TokenStream) {
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
                TokenTree::Group(g) => self.url_tokens(g.stream()),
                TokenTree::Literal(lit) => {
                    if let Lit::Str(s) = Lit::new(lit) {
                        let line = line_of(s.span());
                        self.url_literal(&s.token().to_string(), line);
                    }
                }
                _ => {}
            }
        }
    }

    /// Reads `default_value = "…"` / `default_value_t = …` from a clap
    /// attribute of field `name`.
    fn clap_attr(&mut self, name: &str, attr: &syn::Attribute) {
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

    fn sink_from_call(&mut self, call: &'a syn::ExprCall) {
        let Expr::Path(p) = &*call.func else {
            return;
        };
        let segs = &p.path.segments;
        if segs.len() < 2 {
            return;
        }
        let last = segs[segs.len() - 1].ident.to_string();
        let owner = segs[segs.len() - 2].ident.to_string();
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
    fn ext_sink(&self, owner: Option<&str>, name: &str, args: usize) -> Option<(usize, usize)> {
        self.ext.iter().enumerate().find_map(|(i, f)| {
            if f.name != name {
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

    fn in_test(&self, line: u32) -> bool {
        self.test_ranges
            .iter()
            .any(|&(a, b)| a <= line && line <= b)
    }

    fn test_range(&mut self, attrs: &[syn::Attribute], span: proc_macro2::Span) {
        if attrs.iter().any(is_test_attr) {
            let end = u32::try_from(span.end().line).unwrap_or(u32::MAX);
            self.test_ranges.push((line_of(span), end));
        }
    }
}

impl<'a> Visit<'a> for Index<'a> {
    fn visit_item_fn(&mut self, f: &'a syn::ItemFn) {
        self.test_range(&f.attrs, f.span());
        for attr in &f.attrs {
            self.visit_attribute(attr);
        }
        self.enter_fn(&f.sig, &f.block);
    }

    fn visit_impl_item_fn(&mut self, f: &'a syn::ImplItemFn) {
        self.test_range(&f.attrs, f.span());
        for attr in &f.attrs {
            self.visit_attribute(attr);
        }
        self.enter_fn(&f.sig, &f.block);
    }

    fn visit_item_mod(&mut self, m: &'a syn::ItemMod) {
        self.test_range(&m.attrs, m.span());
        visit::visit_item_mod(self, m);
    }

    fn visit_item_impl(&mut self, i: &'a syn::ItemImpl) {
        self.impls.push(self_type_name(i));
        visit::visit_item_impl(self, i);
        self.impls.pop();
    }

    fn visit_expr_assign(&mut self, a: &'a syn::ExprAssign) {
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
            self.enter_fn(&f.sig, body);
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
        if self.scan_urls && !attr.path().is_ident("doc") {
            match &attr.meta {
                syn::Meta::Path(_) => {}
                syn::Meta::List(list) => self.url_tokens(list.tokens.clone()),
                syn::Meta::NameValue(nv) => self.visit_expr(&nv.value),
            }
        }
    }

    fn visit_lit_str(&mut self, lit: &'a LitStr) {
        if self.scan_urls {
            let raw = lit.token().to_string();
            self.url_literal(&raw, line_of(lit.span()));
        }
    }

    fn visit_macro(&mut self, mac: &'a Macro) {
        if let Some(list) = self.arena.get(mac) {
            for expr in list {
                self.visit_expr(expr);
            }
        } else if self.scan_urls {
            self.url_tokens(mac.tokens.clone());
        }
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
            self.bind(&arm.pat, &m.expr, &[]);
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
                        How::FieldLiteral,
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
                && let Some((i, skip)) = self.ext_sink(Some(&owner), &name, call.args.len())
            {
                let desc = if owner.is_empty() {
                    format!("{name}(..)")
                } else {
                    format!("{owner}::{name}(..)")
                };
                self.sinks.push(Sink {
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
        if call.args.len() == 1 && (name == "model" || name == "dataset") {
            self.sinks.push(Sink {
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
        if !self.ext.is_empty()
            && let Some((i, _)) = self.ext_sink(None, &name, call.args.len())
        {
            let f = &self.ext[i];
            if f.id.is_some() {
                self.sinks.push(Sink {
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
                // setter) the chain starts from.
                let mut recv = &*call.receiver;
                loop {
                    match recv {
                        Expr::MethodCall(m) => {
                            let inner = m.method.to_string();
                            if self
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
                        _ => break,
                    }
                }
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

// ---------------------------------------------------------------------------
// Rust: tracing values
// ---------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct Origin {
    text: String,
    /// A `format!`/`+` pattern with placeholders.
    pattern: bool,
    line: u32,
    traced: bool,
    arm: bool,
    clap: bool,
    /// The `match`/`if` arms taken: (address of the expression, arm).
    choices: Vec<(usize, usize)>,
}

impl Origin {
    fn how(&self) -> How {
        if self.pattern {
            How::Dynamic
        } else if self.clap {
            How::ClapDefault
        } else if self.arm {
            How::MatchArm
        } else if self.traced {
            How::TracedValue
        } else {
            How::CallArgument
        }
    }

    /// Could both values come from the same run through the code?
    fn compatible(&self, other: &Origin) -> bool {
        self.choices.iter().all(|&(at, arm)| {
            other
                .choices
                .iter()
                .all(|&(other_at, other_arm)| other_at != at || other_arm == arm)
        })
    }
}

#[derive(Clone, Copy)]
struct Mode {
    /// Reached through a binding, const, function, field…
    traced: bool,
    /// Directly the body of a match arm (through wrappers, blocks, tuples).
    arm: bool,
    /// A clap default (a literal, or the const it names).
    clap: bool,
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

struct Tracer<'i, 'a> {
    ix: &'i Index<'a>,
    path: Vec<(usize, Ctx, Vec<Sel>)>,
    choices: Vec<(usize, usize)>,
    steps: usize,
    out: Vec<Origin>,
    /// Parameters the value comes from: (function, parameter, selector).
    params: Vec<(usize, usize, Vec<Sel>)>,
}

fn addr<T>(x: &T) -> usize {
    std::ptr::from_ref(x) as usize
}

fn prepend(first: Sel, rest: &[Sel]) -> Vec<Sel> {
    let mut v = Vec::with_capacity(rest.len() + 1);
    v.push(first);
    v.extend_from_slice(rest);
    v
}

impl<'i, 'a> Tracer<'i, 'a> {
    fn new(ix: &'i Index<'a>) -> Self {
        Tracer {
            ix,
            path: Vec::new(),
            choices: Vec::new(),
            steps: 0,
            out: Vec::new(),
            params: Vec::new(),
        }
    }

    /// The values `expr` (selected by `sel`) can hold, and the parameters it
    /// comes from.
    #[allow(clippy::type_complexity)]
    fn trace_all(
        ix: &'i Index<'a>,
        expr: &'a Expr,
        ctx: Ctx,
        sel: &[Sel],
    ) -> (Vec<Origin>, Vec<(usize, usize, Vec<Sel>)>) {
        let mut tracer = Tracer::new(ix);
        tracer.eval(expr, ctx, sel, Mode::DIRECT);
        (tracer.out, tracer.params)
    }

    fn emit(&mut self, text: String, pattern: bool, line: u32, mode: Mode) {
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

    fn enter(&mut self, key: usize, ctx: Ctx, sel: &[Sel]) -> bool {
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

    fn eval(&mut self, expr: &'a Expr, ctx: Ctx, sel: &[Sel], mode: Mode) {
        if !self.enter(addr(expr), ctx, sel) {
            return;
        }
        self.eval_inner(expr, ctx, sel, mode);
        self.path.pop();
    }

    fn eval_block(&mut self, block: &'a Block, ctx: Ctx, sel: &[Sel], mode: Mode) {
        match block.stmts.last() {
            Some(Stmt::Expr(expr, None)) => self.eval(expr, ctx, sel, mode),
            Some(Stmt::Macro(m)) if m.semi_token.is_none() => {
                self.eval_macro(&m.mac, ctx, sel, mode);
            }
            _ => {}
        }
    }

    fn eval_inner(&mut self, expr: &'a Expr, ctx: Ctx, sel: &[Sel], mode: Mode) {
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
            Expr::Call(c) => {
                if c.args.len() == 1 && is_conversion(&c.func) {
                    self.eval(&c.args[0], ctx, sel, mode);
                } else if let Expr::Path(p) = &*c.func
                    && let Some(last) = p.path.segments.last()
                {
                    self.eval_fn_returns(&last.ident.to_string(), sel);
                }
            }
            Expr::Path(p) => self.eval_path(p, ctx, sel),
            Expr::Field(f) => match &f.member {
                Member::Named(name) => self.eval_field(&name.to_string(), sel),
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

    fn eval_method(&mut self, m: &'a syn::ExprMethodCall, ctx: Ctx, sel: &[Sel], mode: Mode) {
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
            "unwrap_or_else" | "or_else" if m.args.len() == 1 => {
                self.eval(&m.receiver, ctx, sel, mode);
                if let Expr::Closure(c) = &m.args[0] {
                    self.eval(&c.body, ctx, sel, Mode::TRACED);
                } else if let Expr::Path(p) = &m.args[0]
                    && let Some(last) = p.path.segments.last()
                {
                    self.eval_fn_returns(&last.ident.to_string(), sel);
                }
            }
            _ => self.eval_fn_returns(&name, sel),
        }
    }

    /// The values a function or method of this file returns.
    fn eval_fn_returns(&mut self, name: &str, sel: &[Sel]) {
        let Some(ids) = self.ix.fn_by_name.get(name) else {
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

    fn eval_path(&mut self, p: &'a syn::ExprPath, ctx: Ctx, sel: &[Sel]) {
        let Some(last) = p.path.segments.last() else {
            return;
        };
        let name = last.ident.to_string();
        if p.path.segments.len() == 1
            && p.qself.is_none()
            && let Some(f) = ctx
        {
            let info = &self.ix.fns[f];
            let mut local = false;
            if let Some(bindings) = info.locals.get(&name) {
                local = true;
                for b in bindings {
                    let full: Vec<Sel> = b.sel.iter().chain(sel).cloned().collect();
                    self.eval(b.init, ctx, &full, Mode::TRACED);
                }
            }
            if !local && let Some(k) = info.params.iter().position(|p| p.as_deref() == Some(&name))
            {
                self.eval_param(f, k, sel);
            }
        }
        if let Some(values) = self.ix.consts.get(&name) {
            for value in values {
                self.eval(value, None, sel, Mode::TRACED);
            }
        }
    }

    /// Parameter `k` of function `f`: the matching argument of every call
    /// of a function with that name in the file.
    fn eval_param(&mut self, f: usize, k: usize, sel: &[Sel]) {
        let reached = (f, k, sel.to_vec());
        if !self.params.contains(&reached) {
            self.params.push(reached);
        }
        let info = &self.ix.fns[f];
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

    fn eval_field(&mut self, name: &str, sel: &[Sel]) {
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

    fn eval_macro(&mut self, mac: &'a Macro, ctx: Ctx, sel: &[Sel], mode: Mode) {
        let Some(args) = self.ix.arena.get(mac) else {
            return;
        };
        match mac_name(mac).as_str() {
            "format" | "format_args" if sel.is_empty() => {
                if let Some(Expr::Lit(l)) = args.first()
                    && let Lit::Str(s) = &l.lit
                {
                    let text = s.value();
                    let pattern = has_placeholder(&text);
                    self.emit(text, pattern, line_of(s.span()), mode);
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

    /// `a + b`: every combination of their values (at most 16), an
    /// untraceable side standing as `{}`.
    fn eval_concat(&mut self, left: &'a Expr, right: &'a Expr, ctx: Ctx, mode: Mode) {
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
    fn finish(mut self) -> FileScan {
        let mut found = std::mem::take(&mut self.found);
        for f in &mut found {
            f.test = self.in_test(f.line);
        }
        let mut sinks = Vec::new();
        for sink in &self.sinks {
            self.sink_references(sink, &mut found, &mut sinks);
        }
        let mut seen = HashSet::new();
        sinks.retain(|s: &SinkFn| seen.insert((s.name.clone(), s.owner.clone(), s.id, s.revision)));
        FileScan {
            found: dedup(found),
            sinks,
        }
    }

    /// What a sink call takes: the id argument and where the id is in it,
    /// whether it is a dataset, the revision arguments, and the chain of
    /// calls below this one.
    #[allow(clippy::type_complexity)]
    fn sink_args(
        &self,
        sink: &Sink<'a>,
    ) -> Option<(
        Option<&'a Expr>,
        Vec<Sel>,
        bool,
        Vec<(&'a Expr, Ctx)>,
        Vec<String>,
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
        let (id, sel, dataset, below) = match (sink.kind, owner) {
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
        Some((id, sel, dataset, revisions, below))
    }

    fn sink_references(&self, sink: &Sink<'a>, found: &mut Vec<Found>, sinks: &mut Vec<SinkFn>) {
        let Some((id, sel, dataset, revision_args, below)) = self.sink_args(sink) else {
            return;
        };
        let external = matches!(sink.kind, SinkKind::External(_));
        let mut revisions: Vec<Origin> = Vec::new();
        let mut rev_params = Vec::new();
        for (rev, ctx) in revision_args {
            let (origins, params) = Tracer::trace_all(self, rev, ctx, &[]);
            revisions.extend(
                origins
                    .into_iter()
                    .filter(|o| !o.pattern && valid_revision(&o.text)),
            );
            rev_params.extend(params.into_iter().filter(|p| p.2.is_empty()));
        }
        let (ids, id_params) = match id {
            Some(id) => Tracer::trace_all(self, id, sink.ctx, &sel),
            None => (Vec::new(), Vec::new()),
        };
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
            }
        };
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
        {
            let text = id
                .span()
                .source_text()
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|t| !t.is_empty() && t.len() <= 120)
                .unwrap_or_else(|| "the argument".to_owned());
            let mut f = Found::new(text, None, dataset, sink.line, How::Untraced);
            f.via.clone_from(&via);
            f.test = test_call;
            found.push(f);
            return;
        }
        for origin in ids {
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

/// `#[test]`, `#[tokio::test]`, `#[cfg(test)]`, `#[cfg(all(test, …))]`.
pub(crate) fn is_test_attr(attr: &syn::Attribute) -> bool {
    let path = attr.path();
    if path.segments.last().is_some_and(|s| s.ident == "test") {
        return true;
    }
    if path.is_ident("cfg")
        && let syn::Meta::List(list) = &attr.meta
    {
        fn has_test(tokens: TokenStream) -> bool {
            let mut prev_not = false;
            for tree in tokens {
                match tree {
                    TokenTree::Ident(id) if id == "test" && !prev_not => return true,
                    TokenTree::Ident(id) => prev_not = id == "not",
                    TokenTree::Group(g) if !prev_not && has_test(g.stream()) => return true,
                    _ => {}
                }
            }
            false
        }
        return has_test(list.tokens.clone());
    }
    false
}

/// The revisions that go with an id: those that come from the same arms of
/// the `match`es and `if`s both went through, if any; otherwise the one
/// revision that does not come from another arm of such a choice. Several
/// unrelated candidates (the revision is chosen by another condition) give
/// none: the revision is unknown.
fn revisions_of<'r>(id: &Origin, revisions: &'r [Origin]) -> Vec<&'r str> {
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
fn repo_type_is_dataset(expr: &Expr) -> Option<bool> {
    let expr = match expr {
        Expr::Paren(p) => &*p.expr,
        other => other,
    };
    if let Expr::Path(p) = expr
        && let Some(last) = p.path.segments.last()
    {
        return match last.ident.to_string().as_str() {
            "Dataset" => Some(true),
            "Space" => None,
            _ => Some(false),
        };
    }
    Some(false)
}

/// One reference per (line, id, revision, dataset), keeping the most
/// confident way it was found; an id found with a revision at a line drops
/// the same id without one there. Sorted by line, then id.
fn dedup(found: Vec<Found>) -> Vec<Found> {
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

// ---------------------------------------------------------------------------
// Configuration files
// ---------------------------------------------------------------------------

/// Keys whose value names a model, compared lowercased with `-` as `_`.
const CONFIG_KEYS: &[&str] = &[
    "model_id",
    "model",
    "repo_id",
    "model_name",
    "hf_model",
    "base_model",
];

fn config_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase().replace('-', "_");
    CONFIG_KEYS.contains(&key.as_str())
}

/// A config value as a reference: an id, or a Hub URL.
fn config_value(value: &str, line: u32) -> Option<Found> {
    let value = value.trim();
    if id_like(value) {
        return Some(Found::new(
            value.to_owned(),
            None,
            false,
            line,
            How::ConfigFile,
        ));
    }
    if may_have_url(value) {
        let (_, url) = hub_urls(value).into_iter().next()?;
        return Some(Found::new(
            url.id,
            url.revision,
            url.dataset,
            line,
            How::ConfigFile,
        ));
    }
    None
}

/// Scans one config file (by extension: `.toml`, `.json`, `.yaml`/`.yml`):
/// the keys `model_id`, `model`, `repo_id`, `model_name`, `hf_model`,
/// `base_model` (at any depth) whose string value (or list of strings) is a
/// valid `owner/name` id or a Hub URL. A file that does not parse, or is
/// larger than [`MAX_FILE_BYTES`], gives nothing.
pub fn scan_config(name: &str, text: &str) -> Vec<Found> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Vec::new();
    }
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let outcome = std::panic::catch_unwind(|| match ext.as_str() {
        "toml" => scan_toml(text),
        "json" => scan_json(text),
        "yaml" | "yml" => scan_yaml(text),
        _ => Vec::new(),
    });
    dedup(outcome.unwrap_or_default())
}

/// Byte offsets to 1-based lines, by binary search over the line starts.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Lines {
        Lines(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(at, _)| at)
                .collect(),
        )
    }

    fn line(&self, at: usize) -> u32 {
        u32::try_from(self.0.partition_point(|&nl| nl < at) + 1).unwrap_or(u32::MAX)
    }
}

fn scan_toml(text: &str) -> Vec<Found> {
    use toml::de::{DeTable, DeValue};
    fn walk(table: &DeTable<'_>, lines: &Lines, out: &mut Vec<Found>) {
        for (key, value) in table {
            let wanted = config_key(key.get_ref());
            walk_value(value, wanted, lines, out);
        }
    }
    fn walk_value(
        value: &toml::Spanned<DeValue<'_>>,
        wanted: bool,
        lines: &Lines,
        out: &mut Vec<Found>,
    ) {
        match value.get_ref() {
            DeValue::String(s) if wanted => {
                out.extend(config_value(s, lines.line(value.span().start)));
            }
            DeValue::Array(items) => {
                for item in items.iter() {
                    walk_value(item, wanted, lines, out);
                }
            }
            DeValue::Table(table) => walk(table, lines, out),
            _ => {}
        }
    }
    let Ok(table) = DeTable::parse(text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    walk(table.get_ref(), &Lines::new(text), &mut out);
    out
}

fn scan_json(text: &str) -> Vec<Found> {
    use serde_json::Value;
    fn walk(value: &Value, wanted: bool, out: &mut Vec<(String, String)>, key: &str) {
        match value {
            Value::String(s) if wanted => out.push((key.to_owned(), s.clone())),
            Value::Array(items) => {
                for item in items {
                    walk(item, wanted, out, key);
                }
            }
            Value::Object(map) => {
                for (k, v) in map {
                    walk(v, config_key(k), out, k);
                }
            }
            _ => {}
        }
    }
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        return Vec::new();
    };
    let mut pairs = Vec::new();
    walk(&value, false, &mut pairs, "");
    // serde_json keeps no positions: find each `"key": … "value"` in the
    // text, the occurrences of a pair in order.
    let lines = Lines::new(text);
    let mut cursors: HashMap<(String, String), JsonCursor> = HashMap::new();
    let mut out = Vec::new();
    for (key, value) in pairs {
        let Some(found) = config_value(&value, 0) else {
            continue;
        };
        let cursor = cursors.entry((key.clone(), value.clone())).or_default();
        let at = json_position(text, &key, &value, cursor).unwrap_or(0);
        out.push(Found {
            line: lines.line(at),
            ..found
        });
    }
    out
}

/// Where the search for the next occurrence of a key/value pair resumes.
#[derive(Default)]
struct JsonCursor {
    key_from: usize,
    value_from: usize,
}

/// The byte offset of the next occurrence of string `value` as the value of
/// key `key` (or in a list that is), from `cursor` on.
fn json_position(text: &str, key: &str, value: &str, cursor: &mut JsonCursor) -> Option<usize> {
    let key = serde_json::to_string(key).ok()?;
    let value = serde_json::to_string(value).ok()?;
    while cursor.key_from < text.len() {
        let pos = cursor.key_from + text[cursor.key_from..].find(&key)?;
        let after = pos + key.len();
        let rest = text[after..].trim_start();
        if let Some(rest) = rest.strip_prefix(':') {
            let rest = rest.trim_start();
            let start = text.len() - rest.len();
            // The value itself, or the list that follows the key.
            let end = if rest.starts_with('[') {
                start + rest.find(']').map_or(rest.len(), |e| e + 1)
            } else {
                (start + value.len()).min(text.len())
            };
            let from = cursor.value_from.max(start);
            if from < end
                && let Some(p) = text.get(from..end).and_then(|w| w.find(&value))
            {
                cursor.value_from = from + p + value.len();
                return Some(from + p);
            }
        }
        cursor.key_from = pos + 1;
    }
    None
}

/// A YAML node, with the line of every value.
enum YNode {
    Str(String),
    Map(Vec<(Option<String>, u32, YNode)>),
    Seq(Vec<(u32, YNode)>),
    Other,
}

struct YNodeVisitor;

impl<'de> serde::Deserialize<'de> for YNode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(YNodeVisitor)
    }
}

fn yaml_line(span: &serde_saphyr::Spanned<YNode>) -> u32 {
    u32::try_from(span.referenced.line()).unwrap_or(u32::MAX)
}

impl<'de> serde::de::Visitor<'de> for YNodeVisitor {
    type Value = YNode;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<YNode, E> {
        Ok(YNode::Str(v.to_owned()))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<YNode, E> {
        Ok(YNode::Str(v))
    }

    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<YNode, E> {
        Ok(YNode::Other)
    }

    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<YNode, E> {
        Ok(YNode::Other)
    }

    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<YNode, E> {
        Ok(YNode::Other)
    }

    fn visit_i128<E: serde::de::Error>(self, _: i128) -> Result<YNode, E> {
        Ok(YNode::Other)
    }

    fn visit_u128<E: serde::de::Error>(self, _: u128) -> Result<YNode, E> {
        Ok(YNode::Other)
    }

    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<YNode, E> {
        Ok(YNode::Other)
    }

    fn visit_bytes<E: serde::de::Error>(self, _: &[u8]) -> Result<YNode, E> {
        Ok(YNode::Other)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<YNode, E> {
        Ok(YNode::Other)
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<YNode, E> {
        Ok(YNode::Other)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<YNode, D::Error> {
        d.deserialize_any(YNodeVisitor)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<YNode, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<serde_saphyr::Spanned<YNode>>()? {
            items.push((yaml_line(&item), item.value));
        }
        Ok(YNode::Seq(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<YNode, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<YNode>()? {
            let value: serde_saphyr::Spanned<YNode> = map.next_value()?;
            let key = match key {
                YNode::Str(s) => Some(s),
                _ => None,
            };
            entries.push((key, yaml_line(&value), value.value));
        }
        Ok(YNode::Map(entries))
    }
}

fn scan_yaml(text: &str) -> Vec<Found> {
    fn walk(node: &YNode, wanted: bool, line: u32, out: &mut Vec<Found>) {
        match node {
            YNode::Str(s) if wanted => out.extend(config_value(s, line)),
            YNode::Seq(items) => {
                for (line, item) in items {
                    walk(item, wanted, *line, out);
                }
            }
            YNode::Map(entries) => {
                for (key, line, value) in entries {
                    let wanted = key.as_deref().is_some_and(config_key);
                    walk(value, wanted, *line, out);
                }
            }
            _ => {}
        }
    }
    let Ok(node) = serde_saphyr::from_str_with_options::<YNode>(
        text,
        crate::resolve::card::yaml_options(MAX_FILE_BYTES as usize, 1_000_000),
    ) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    walk(&node, false, 1, &mut out);
    out
}

// ---------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------

/// Which parts of a crate [`files_to_scan`] lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScanDirs {
    pub src: bool,
    pub build: bool,
    pub examples: bool,
    pub benches: bool,
    pub tests: bool,
    pub configs: bool,
}

impl Default for ScanDirs {
    fn default() -> Self {
        ScanDirs {
            src: true,
            build: true,
            examples: true,
            benches: true,
            tests: true,
            configs: true,
        }
    }
}

fn is_config_name(name: &str) -> bool {
    if name == "Cargo.toml" {
        return false;
    }
    let lower = name.to_ascii_lowercase();
    [".toml", ".json", ".yaml", ".yml"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

struct Walk {
    out: Vec<PathBuf>,
    entries: usize,
}

impl Walk {
    /// Regular files directly in `dir` (or below it, if `recursive`) whose
    /// name `wanted` accepts; `dir` itself must be a real directory.
    fn dir(&mut self, dir: &Path, recursive: bool, wanted: &dyn Fn(&str) -> bool) {
        match std::fs::symlink_metadata(dir) {
            Ok(meta) if meta.is_dir() => {}
            _ => return,
        }
        self.walk(dir, recursive, wanted);
    }

    fn walk(&mut self, dir: &Path, recursive: bool, wanted: &dyn Fn(&str) -> bool) {
        let mut stack = vec![dir.to_path_buf()];
        while let Some(dir) = stack.pop() {
            let Ok(read) = std::fs::read_dir(&dir) else {
                continue;
            };
            let mut entries = Vec::new();
            for entry in read.flatten() {
                self.entries += 1;
                if self.entries >= MAX_ENTRIES {
                    break;
                }
                entries.push(entry);
            }
            entries.sort_by_key(std::fs::DirEntry::file_name);
            let mut subdirs = Vec::new();
            for entry in entries {
                if self.out.len() >= MAX_FILES {
                    return;
                }
                let Ok(kind) = entry.file_type() else {
                    continue;
                };
                let name = entry.file_name();
                let Some(name) = name.to_str() else {
                    continue;
                };
                if kind.is_dir() {
                    if recursive && !name.starts_with('.') && name != "target" {
                        subdirs.push(entry.path());
                    }
                } else if kind.is_file() && wanted(name) {
                    self.file(&entry.path());
                }
                // Symbolic links (to files or directories) are not followed.
            }
            // Depth first, in name order.
            stack.extend(subdirs.into_iter().rev());
        }
    }

    fn file(&mut self, path: &Path) {
        if self.out.len() >= MAX_FILES {
            return;
        }
        match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.is_file() && meta.len() <= MAX_FILE_BYTES => {
                self.out.push(path.to_path_buf());
            }
            _ => {}
        }
    }
}

/// The files of the crate in `crate_dir` to scan: Rust files of `src/`,
/// `build.rs`, `examples/`, `benches/`, `tests/`, and config files at the
/// root and in `config/`, `configs/`, `assets/`, as enabled by `dirs` (see
/// the module documentation for the limits). In a stable order.
pub fn files_to_scan(crate_dir: &Path, dirs: &ScanDirs) -> Vec<PathBuf> {
    let mut walk = Walk {
        out: Vec::new(),
        entries: 0,
    };
    let rust = |name: &str| name.ends_with(".rs");
    for (enabled, sub) in [
        (dirs.src, "src"),
        (dirs.examples, "examples"),
        (dirs.benches, "benches"),
        (dirs.tests, "tests"),
    ] {
        if enabled {
            walk.dir(&crate_dir.join(sub), true, &rust);
        }
    }
    if dirs.build {
        walk.file(&crate_dir.join("build.rs"));
    }
    if dirs.configs {
        // The crate directory itself may be reached through a link.
        if crate_dir.is_dir() {
            walk.walk(crate_dir, false, &is_config_name);
        }
        for sub in ["config", "configs", "assets"] {
            walk.dir(&crate_dir.join(sub), true, &is_config_name);
        }
    }
    walk.out
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
    fn nesting() {
        assert_eq!(nesting_depth("fn f() { (a[0]) }"), 3);
        assert_eq!(nesting_depth("\"((((\" // (((("), 0);
        let deep = |n: usize| {
            format!(
                "fn f() {{ api.model({}\"a/b\"{}); }}",
                "(".repeat(n),
                ")".repeat(n)
            )
        };
        assert!(scan_rust(&deep(600)).unwrap_err().contains("nested"));
        // Deep, but within the limit: parsed on the worker's large stack.
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
