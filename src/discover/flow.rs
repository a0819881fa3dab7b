//! The analysis of one crate as a whole: its Rust files are scanned with the
//! crate's functions that are Hub calls ([`SinkFn`]) known, to a fixpoint:
//! a function whose parameter reaches a Hub call (an hf-hub call,
//! `Tokenizer::from_pretrained`, a `…ModelBuilder`, or another such
//! function) is itself one, in whatever file or module of the crate it is
//! called from.
//!
//! Round one parses the files that hold a Hub marker; each later round
//! parses again only the files that name a function found in the round
//! before in another file they can see, until no new function is found (at
//! most [`MAX_ROUNDS`]). A file's own functions are followed when it is
//! parsed, by indexing its tree again ([`source::analyse_rust`]).

use super::source::{self, FileScan, Found, SinkFn};
use crate::domain::ReferenceKind;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Most rounds of the fixpoint.
pub use source::MAX_ROUNDS;

/// The references of one file, or why it could not be read.
pub type FileResult = Result<Vec<Found>, String>;

/// What one crate gives: each file's references, and the crate's functions
/// that are Hub calls for their callers.
#[derive(Debug, Default)]
pub struct CrateScan {
    pub files: Vec<(PathBuf, FileResult)>,
    pub sinks: Vec<SinkFn>,
}

/// The files of one crate, read once, with whether each Rust file passes
/// [`source::may_reference`] (one pass of its automaton per file), for the
/// analyses that share them: the crate's flow ([`scan_texts`]) and its
/// model table ([`crate::discover::tables::crate_tables_in`]). Only the
/// texts that can matter are kept (a marker, a known call's name, or not
/// Rust): most files of a dependency have none, and the rest is read again
/// ([`Texts::complete`]) only when a crate turns out to have Hub calls or a
/// model table of its own.
#[derive(Clone)]
pub struct Texts {
    /// A file not kept has an empty text here.
    pub files: Vec<FileText>,
    /// Passes [`source::may_reference`].
    pub marked: Vec<bool>,
    /// Names one of the known calls it was read with.
    named: Vec<bool>,
    /// Every text is kept.
    complete: bool,
}

/// A file and its text, or why it could not be read.
pub type FileText = (PathBuf, Result<String, String>);

impl Texts {
    /// Reads `files`, keeping the texts that pass
    /// [`source::may_reference`] or name one of `known`.
    pub fn read(files: &[PathBuf], known: &[SinkFn]) -> Texts {
        Texts::read_keeping(files, known, false)
    }

    fn read_keeping(files: &[PathBuf], known: &[SinkFn], all: bool) -> Texts {
        let read: Vec<(FileText, bool, bool)> = crate::parallel::map(files, |path| {
            let mut text = crate::files::read(path, crate::discover::source::MAX_FILE_BYTES)
                .map(crate::error::into_text)
                .map_err(|e| e.to_string());
            let rust = is_rust(path);
            let (marked, named) = match &text {
                Ok(t) if rust => (
                    source::may_reference(t),
                    source::may_reference_with_any(t, known),
                ),
                _ => (false, false),
            };
            if rust && !all && !marked && !named {
                text = Ok(String::new());
            }
            ((path.clone(), text), marked, named)
        });
        let mut texts = Texts {
            files: Vec::with_capacity(read.len()),
            marked: Vec::with_capacity(read.len()),
            named: Vec::with_capacity(read.len()),
            complete: all,
        };
        for (file, marked, named) in read {
            texts.files.push(file);
            texts.marked.push(marked);
            texts.named.push(named);
        }
        texts
    }

    /// These texts with every file's text kept: read again if need be.
    pub fn complete(&self) -> std::borrow::Cow<'_, Texts> {
        if self.complete {
            return std::borrow::Cow::Borrowed(self);
        }
        let paths: Vec<PathBuf> = self.files.iter().map(|(p, _)| p.clone()).collect();
        std::borrow::Cow::Owned(Texts::read_keeping(&paths, &[], true))
    }
}

/// Scans the files of one crate (`files`, as [`source::files_to_scan`]
/// lists them), `show` giving each file's path as reports show it. `known`
/// are Hub calls defined outside the crate (its dependencies' public
/// functions).
pub fn scan_crate(
    files: &[PathBuf],
    show: &(dyn Fn(&Path) -> String + Sync),
    known: &[SinkFn],
) -> CrateScan {
    scan_texts(&Texts::read(files, known), show, known)
}

/// [`scan_crate`] on files already read.
pub fn scan_texts(
    read: &Texts,
    show: &(dyn Fn(&Path) -> String + Sync),
    known: &[SinkFn],
) -> CrateScan {
    let mut view = std::borrow::Cow::Borrowed(read);
    let mut results: Vec<Option<Result<FileScan, String>>> = vec![None; read.files.len()];
    let mut sinks: Vec<SinkFn> = known.to_vec();
    let mut seen: HashSet<_> = sinks.iter().map(SinkFn::identity).collect();
    let mut pending: Vec<usize> = (0..read.files.len()).collect();
    let mut fresh: Vec<SinkFn> = sinks.clone();
    // Each file's own Hub calls, as of its last scan.
    let mut defined: Vec<HashSet<source::SinkIdentity>> = vec![HashSet::new(); read.files.len()];
    for round in 0..MAX_ROUNDS {
        if round > 0 && !view.complete {
            // Calls of the crate's own Hub functions may be anywhere.
            view = std::borrow::Cow::Owned(read.complete().into_owned());
        }
        let texts = &view.files;
        let todo: Vec<usize> = pending
            .iter()
            .copied()
            .filter(|&i| match &texts[i].1 {
                Ok(text) if is_rust(&texts[i].0) => {
                    if round == 0 {
                        // A file without a marker or a known call's name
                        // holds nothing ([`source::analyse_rust`] would
                        // say so after the same test).
                        view.marked[i] || view.named[i]
                    } else {
                        // The calls new in the last round that this file
                        // sees and did not define (its own were followed
                        // when it was scanned).
                        let root = target_root(&show(&texts[i].0));
                        source::may_reference_with_any(
                            text,
                            fresh.iter().filter(|s| {
                                visible(s, &root) && !defined[i].contains(&s.identity())
                            }),
                        )
                    }
                }
                _ => round == 0,
            })
            .collect();
        if todo.is_empty() {
            break;
        }
        let scanned: Vec<(usize, Result<FileScan, String>)> = crate::parallel::map(&todo, |&i| {
            let (path, text) = &texts[i];
            let result = match text {
                Err(e) => Err(e.clone()),
                Ok(text) if is_rust(path) => {
                    let rel = show(path);
                    let root = target_root(&rel);
                    let visible: Vec<SinkFn> = sinks
                        .iter()
                        .filter(|s| visible(s, &root))
                        .cloned()
                        .collect();
                    source::analyse_rust(text, &rel, &visible)
                }
                Ok(text) => {
                    let name = path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    Ok(FileScan {
                        found: source::scan_config(&name, text),
                        ..FileScan::default()
                    })
                }
            };
            (i, result)
        });
        fresh.clear();
        for (i, result) in scanned {
            if let Ok(scan) = &result {
                defined[i] = scan.sinks.iter().map(SinkFn::identity).collect();
                for s in &scan.sinks {
                    if seen.insert(s.identity()) {
                        fresh.push(s.clone());
                    }
                }
            }
            results[i] = Some(result);
        }
        if fresh.is_empty() {
            break;
        }
        sinks.extend(fresh.iter().cloned());
        pending = (0..texts.len()).collect();
    }
    // Literals that are ids only by their shape or a field's name count in
    // a crate that calls the Hub; elsewhere they are someone else's words.
    let calls_hub = sinks.len() > known.len()
        || results
            .iter()
            .flatten()
            .flatten()
            .flat_map(|scan| &scan.found)
            .any(|f| from_call(f.how));
    // The files no marker made worth parsing may still hold an id: in a
    // crate that calls the Hub, their id-shaped literals are listed too.
    if calls_hub {
        let unread: Vec<usize> = (0..results.len())
            .filter(|&i| results[i].is_none() && is_rust(&view.files[i].0))
            .collect();
        if !unread.is_empty() {
            let all = read.complete();
            let lexed = crate::parallel::map(&unread, |&i| match &all.files[i].1 {
                Ok(text) => source::untraced_literals(text),
                Err(_) => Vec::new(),
            });
            for (i, found) in unread.into_iter().zip(lexed) {
                if !found.is_empty() {
                    results[i] = Some(Ok(FileScan {
                        found,
                        ..FileScan::default()
                    }));
                }
            }
        }
    }
    // A value read from struct fields is a run-time reference only when no
    // literal of the crate sets them.
    let set: HashSet<&(String, String)> = results
        .iter()
        .flatten()
        .flatten()
        .flat_map(|scan| &scan.set_fields)
        .collect();
    let keep = |f: &Found| {
        (calls_hub || !matches!(f.how, ReferenceKind::Untraced | ReferenceKind::FieldLiteral))
            && (f.fields.is_empty() || !f.fields.iter().any(|x| set.contains(x)))
    };
    let mut results: Vec<Option<Result<Vec<Found>, String>>> = results
        .iter()
        .map(|r| {
            r.as_ref().map(|r| {
                r.as_ref()
                    .map(|scan| scan.found.iter().filter(|f| keep(f)).cloned().collect())
                    .map_err(Clone::clone)
            })
        })
        .collect();
    config_fields(&view.files, &mut results, show);
    let files = view
        .files
        .iter()
        .zip(results)
        .map(|((path, _), result)| {
            let path = path.clone();
            let result = match result {
                Some(Ok(found)) => Ok(found),
                Some(Err(e)) => Err(e),
                None => Ok(Vec::new()),
            };
            (path, result)
        })
        .collect();
    let own: Vec<SinkFn> = sinks.into_iter().skip(known.len()).collect();
    CrateScan { files, sinks: own }
}

/// Struct fields read at run time on their way to a Hub call
/// (`api.model(config.weights_repo.clone())`) are what a deserialized config
/// file sets: the crate's config files are read again for those keys, and
/// an id under one is a config-file reference of medium confidence, with
/// the calls in `via`.
fn config_fields(
    files: &[FileText],
    results: &mut [Option<Result<Vec<Found>, String>>],
    show: &(dyn Fn(&Path) -> String + Sync),
) {
    let mut keys: Vec<String> = Vec::new();
    let mut calls: Vec<String> = Vec::new();
    for ((path, _), result) in files.iter().zip(results.iter()) {
        for f in result.iter().flatten().flatten() {
            if f.how == ReferenceKind::RunTime && !f.fields.is_empty() {
                for (_, field) in &f.fields {
                    let key = field.to_ascii_lowercase();
                    if !keys.contains(&key) {
                        keys.push(key);
                    }
                }
                calls.push(format!("{}:{}", show(path), f.line));
            }
        }
    }
    if keys.is_empty() {
        return;
    }
    for ((path, text), result) in files.iter().zip(results.iter_mut()) {
        let (Ok(text), Some(Ok(found))) = (text, result) else {
            continue;
        };
        if is_rust(path) {
            continue;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for mut f in source::scan_config_keys(&name, text, &keys) {
            if !found.iter().any(|g| g.line == f.line && g.id == f.id) {
                // A key the code is seen to read: as sure as a traced value.
                f.confidence = crate::domain::Confidence::Medium;
                f.via.clone_from(&calls);
                found.push(f);
            }
        }
    }
}

/// A reference found at a Hub call (not by a literal's shape, a field's
/// name, a URL or a config key).
fn from_call(how: ReferenceKind) -> bool {
    matches!(
        how,
        ReferenceKind::CallArgument
            | ReferenceKind::TracedValue
            | ReferenceKind::MatchArm
            | ReferenceKind::ClapDefault
            | ReferenceKind::Dynamic
            | ReferenceKind::RunTime
    )
}

/// Whether a file of the target `root` ([`target_root`]) can call `sink`:
/// what `src/` defines is seen by every target, an example's or a test's
/// own only by itself.
fn visible(sink: &SinkFn, root: &str) -> bool {
    let home = target_root(&sink.home);
    home == "src" || home == root
}

/// The compilation target a file belongs to, as far as the path tells:
/// `examples/<name>` (each example is its own crate), `tests`, `benches`,
/// or `src` (the library and binaries, which every target sees).
fn target_root(rel: &str) -> String {
    let parts: Vec<&str> = rel.split('/').collect();
    for (i, part) in parts.iter().enumerate() {
        match *part {
            "examples" if i + 1 < parts.len() => {
                return format!("{}/{}", parts[..=i].join("/"), parts[i + 1]);
            }
            "tests" | "benches" => return parts[..=i].join("/"),
            _ => {}
        }
    }
    "src".to_owned()
}

fn is_rust(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "rs")
}
