//! The pipeline runs one way: each stage imports only the shared words and
//! the stages before it, so a reader can follow the data from `workspace` to
//! `report` without meeting a stage that reaches forward. This test reads
//! every `crate::<module>` path under `src/` (test modules included; comments
//! and string literals skipped) and fails on an import against that
//! direction, on an import of something `lib.rs` defines (a stage must not
//! depend on the command layer), on a module missing from the list, and on a
//! cycle between the shared modules.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The top-level modules in pipeline order. Modules of one rank may import
/// each other (the shared words), as long as they form no cycle; a module may
/// import any module of a lower rank, never one of a higher rank.
const STAGES: &[(&str, u32)] = &[
    ("domain", 0),
    ("error", 0),
    ("cache", 0),
    ("files", 0),
    ("process", 0),
    ("secrets", 0),
    ("catalog", 0),
    ("parallel", 0),
    ("yaml", 0),
    ("workspace", 1),
    ("policy", 2),
    ("discover", 3),
    ("resolve", 4),
    ("evaluate", 5),
    ("report", 6),
    ("cli", 7),
];

/// Imports against the pipeline's direction that are known and being moved:
/// `(file, path imported, why)`. Each entry must still exist (the test says
/// when one is gone so the list only shrinks); empty it as the moves land.
const KNOWN_BACK_EDGES: &[(&str, &str, &str)] = &[];

/// One `crate::` path in a source file.
#[derive(Debug)]
struct Use {
    file: String,
    line: usize,
    /// The path after `crate::`, as written (`resolve::hub::valid_repo_id`,
    /// `policy::{ModelDecl, Policy}`).
    path: String,
    /// Its first segment.
    module: String,
}

#[test]
fn stages_import_only_the_stages_before_them() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rank: BTreeMap<&str, u32> = STAGES.iter().copied().collect();
    let uses = crate_uses(&root.join("src"), root);
    assert!(
        uses.len() > 100,
        "found only {} `crate::` paths under src/: is the scan broken?",
        uses.len()
    );

    let mut wrong = Vec::new();
    let mut known_seen = BTreeSet::new();
    for u in &uses {
        let Some(from) = module_of(&u.file) else {
            continue; // lib.rs and main.rs are the command layer above all stages.
        };
        let Some(&from_rank) = rank.get(from.as_str()) else {
            wrong.push(format!(
                "{}: module `{from}` is not in STAGES of tests/module_graph.rs: give it its place in the pipeline",
                u.file
            ));
            continue;
        };
        let Some(&to_rank) = rank.get(u.module.as_str()) else {
            let src = root.join("src");
            if src.join(format!("{}.rs", u.module)).is_file()
                || src.join(&u.module).join("mod.rs").is_file()
            {
                wrong.push(format!(
                    "{}:{}: module `{}` is not in STAGES of tests/module_graph.rs: give it its place in the pipeline",
                    u.file, u.line, u.module
                ));
                continue;
            }
            wrong.push(format!(
                "{}:{}: `crate::{}` is defined in lib.rs, above every stage: move it into the stage that owns it",
                u.file, u.line, u.path
            ));
            continue;
        };
        if to_rank <= from_rank {
            continue;
        }
        if let Some(i) = KNOWN_BACK_EDGES
            .iter()
            .position(|(file, path, _)| *file == u.file && u.path.starts_with(path))
        {
            known_seen.insert(i);
            continue;
        }
        wrong.push(format!(
            "{}:{}: `{from}` imports `crate::{}`, a later stage (`{}` comes after `{from}`)",
            u.file, u.line, u.path, u.module
        ));
    }
    for (i, (file, path, why)) in KNOWN_BACK_EDGES.iter().enumerate() {
        if !known_seen.contains(&i) {
            wrong.push(format!(
                "{file}: no longer imports `crate::{path}` ({why}): remove it from KNOWN_BACK_EDGES"
            ));
        }
    }
    wrong.extend(cycles(&uses, &rank));
    assert!(
        wrong.is_empty(),
        "the module graph runs against the pipeline \
         (workspace -> policy -> discover -> resolve -> evaluate -> report):\n{}",
        wrong.join("\n")
    );
}

/// A cycle between top-level modules of one rank (the only place the rank
/// check allows one: any other cycle has an edge it reports), as `a -> b ->
/// a` with one file:line per edge.
fn cycles(uses: &[Use], rank: &BTreeMap<&str, u32>) -> Vec<String> {
    let mut edges: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for u in uses {
        let Some(from) = module_of(&u.file) else {
            continue;
        };
        let same_rank = rank
            .get(from.as_str())
            .is_some_and(|r| rank.get(u.module.as_str()) == Some(r));
        if from != u.module && same_rank {
            edges
                .entry(from)
                .or_default()
                .entry(u.module.clone())
                .or_insert_with(|| format!("{}:{}", u.file, u.line));
        }
    }
    let mut found = Vec::new();
    for start in edges.keys() {
        // Depth-first search from `start` back to `start`.
        let mut stack: Vec<(String, Vec<String>)> = vec![(start.clone(), vec![start.clone()])];
        let mut visited = BTreeSet::new();
        while let Some((node, path)) = stack.pop() {
            for next in edges.get(&node).into_iter().flat_map(|m| m.keys()) {
                if next == start {
                    // Report each cycle once, from its smallest module.
                    if path.iter().all(|p| p >= start) {
                        let mut hops = Vec::new();
                        let mut ring = path.clone();
                        ring.push(start.clone());
                        for w in ring.windows(2) {
                            hops.push(format!("{} -> {} ({})", w[0], w[1], edges[&w[0]][&w[1]]));
                        }
                        found.push(format!("cycle: {}", hops.join(", ")));
                    }
                } else if visited.insert(next.clone()) {
                    let mut p = path.clone();
                    p.push(next.clone());
                    stack.push((next.clone(), p));
                }
            }
        }
    }
    found
}

/// The top-level module a file belongs to: `src/resolve/hub.rs` ->
/// `resolve`, `src/cache.rs` -> `cache`; `None` for lib.rs and main.rs.
fn module_of(file: &str) -> Option<String> {
    let rest = file.strip_prefix("src/")?;
    let first = rest.split('/').next()?;
    match first {
        "lib.rs" | "main.rs" => None,
        _ => Some(first.trim_end_matches(".rs").to_owned()),
    }
}

fn crate_uses(dir: &Path, root: &Path) -> Vec<Use> {
    let mut files = Vec::new();
    walk(dir, &mut files);
    files.sort();
    let mut uses = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let file = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        for (offset, found) in paths_in(&code_only(&text)) {
            let line = text[..offset].matches('\n').count() + 1;
            for (path, module) in found {
                uses.push(Use {
                    file: file.clone(),
                    line,
                    path,
                    module,
                });
            }
        }
    }
    uses
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The text with comments and the contents of string and char literals
/// blanked out (newlines kept, so offsets and lines still match): fixtures
/// of Rust source in tests and doc links are not imports.
fn code_only(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = b.to_vec();
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for c in &mut out[from..to] {
            if *c != b'\n' {
                *c = b' ';
            }
        }
    };
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let end = b[i..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .map_or(b.len(), |n| i + n);
                blank(&mut out, i, end);
                i = end;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut depth = 0;
                let mut j = i;
                while j < b.len() {
                    if b[j..].starts_with(b"/*") {
                        depth += 1;
                        j += 2;
                    } else if b[j..].starts_with(b"*/") {
                        depth -= 1;
                        j += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        j += 1;
                    }
                }
                blank(&mut out, i, j.min(b.len()));
                i = j;
            }
            b'r' if is_raw_string(b, i) && (i == 0 || !is_ident(b[i - 1])) => {
                let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
                let body = i + 2 + hashes;
                let mut close = vec![b'"'];
                close.extend(std::iter::repeat_n(b'#', hashes));
                let end = b[body..]
                    .windows(close.len())
                    .position(|w| w == close.as_slice())
                    .map_or(b.len(), |n| body + n + close.len());
                blank(&mut out, body, end.saturating_sub(close.len()).max(body));
                i = end;
            }
            b'"' => {
                let mut j = i + 1;
                while j < b.len() && b[j] != b'"' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                blank(&mut out, i + 1, j.min(b.len()));
                i = j + 1;
            }
            b'\'' => {
                // A char literal ('a', '\n', '\u{1F600}', '"'), or a lifetime.
                let end = if b.get(i + 1) == Some(&b'\\') {
                    b[i + 2..]
                        .iter()
                        .position(|&c| c == b'\'')
                        .map(|n| i + 2 + n)
                } else {
                    let len = text[i + 1..].chars().next().map_or(1, char::len_utf8);
                    (b.get(i + 1 + len) == Some(&b'\'')).then_some(i + 1 + len)
                };
                match end {
                    Some(end) => {
                        blank(&mut out, i + 1, end);
                        i = end + 1;
                    }
                    None => i += 1,
                }
            }
            _ => i += 1,
        }
    }
    String::from_utf8(out).unwrap()
}

fn is_raw_string(b: &[u8], i: usize) -> bool {
    let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
    b.get(i + 1 + hashes) == Some(&b'"')
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Every `crate::` path in code, by byte offset: `(path, first segment)`,
/// one per module a `crate::{a, b::c}` group names.
fn paths_in(code: &str) -> Vec<(usize, Vec<(String, String)>)> {
    let b = code.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(n) = code[from..].find("crate::") {
        let at = from + n;
        from = at + "crate::".len();
        // `$crate::` in a macro, or `some_crate::`: not this crate's root.
        if at > 0 && (is_ident(b[at - 1]) || b[at - 1] == b'$') {
            continue;
        }
        let rest = &code[from..];
        if rest.starts_with('{') {
            // A group: split at top-level commas.
            let mut depth = 0;
            let mut end = rest.len();
            for (k, c) in rest.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = k;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let inner = &rest[1..end];
            let mut items = Vec::new();
            let mut depth = 0;
            let mut start = 0;
            for (k, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        items.push(&inner[start..k]);
                        start = k + 1;
                    }
                    _ => {}
                }
            }
            items.push(&inner[start..]);
            let found = items
                .iter()
                .map(|s| s.split_whitespace().collect::<String>())
                .filter(|s| !s.is_empty())
                .map(|s| (s.clone(), first_segment(&s)))
                .collect();
            out.push((at, found));
        } else {
            let len = rest
                .char_indices()
                .find(|&(_, c)| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .map_or(rest.len(), |(k, _)| k);
            let mut path = rest[..len].trim_end_matches(':').to_owned();
            if rest[len..].starts_with('{') {
                // `crate::a::{b, c}`: keep the group as written.
                let close = rest[len..].find('}').map_or(rest.len(), |k| len + k + 1);
                path = rest[..close]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
            }
            let module = first_segment(&path);
            out.push((at, vec![(path, module)]));
        }
    }
    out
}

fn first_segment(path: &str) -> String {
    path.split("::").next().unwrap_or_default().to_owned()
}

#[test]
fn the_scan_reads_groups_and_skips_comments_and_strings() {
    let src = r#####"
use crate::{domain::{A, B}, error::Result};
// use crate::report::X;
/* crate::evaluate::Y */
let s = "use crate::resolve::Z;";
let r = r#"crate::report"#;
let c = '"'; let l: &'a str = crate::policy::f();
"#####;
    let found: Vec<(String, String)> = paths_in(&code_only(src))
        .into_iter()
        .flat_map(|(_, f)| f)
        .collect();
    let modules: Vec<&str> = found.iter().map(|(_, m)| m.as_str()).collect();
    assert_eq!(modules, ["domain", "error", "policy"], "{found:?}");
    assert_eq!(found[0].0, "domain::{A,B}");
    assert_eq!(found[2].0, "policy::f");
}

/// A module's path from its file: `src/discover/flow.rs` -> `discover::flow`,
/// `src/discover/source/mod.rs` -> `discover::source`.
fn module_path(file: &str) -> Option<Vec<String>> {
    let rest = file.strip_prefix("src/")?.strip_suffix(".rs")?;
    let mut parts: Vec<String> = rest.split('/').map(str::to_owned).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    match parts.as_slice() {
        [one] if one == "lib" || one == "main" => None,
        _ => Some(parts),
    }
}

/// Inline `mod name { ... }` blocks of a file: (start, end, name).
fn inline_modules(code: &str) -> Vec<(usize, usize, String)> {
    let b = code.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(n) = code[from..].find("mod ") {
        let at = from + n;
        from = at + 4;
        if at > 0 && is_ident(b[at - 1]) {
            continue;
        }
        let rest = &code[from..];
        let name_len = rest.bytes().take_while(|&c| is_ident(c)).count();
        let after = rest[name_len..].trim_start();
        if name_len == 0 || !after.starts_with('{') {
            continue;
        }
        let open = from + name_len + (rest[name_len..].len() - after.len());
        let mut depth = 0;
        let mut end = code.len();
        for (k, c) in code[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + k;
                        break;
                    }
                }
                _ => {}
            }
        }
        out.push((open, end, rest[..name_len].to_owned()));
    }
    out
}

/// Every path to another module of the crate in a file, by `crate::` or
/// `super::`, resolved to the longest module it names: (offset, module).
fn module_refs(
    code: &str,
    file_module: &[String],
    modules: &BTreeSet<Vec<String>>,
) -> Vec<(usize, Vec<String>)> {
    let b = code.as_bytes();
    let inline = inline_modules(code);
    let mut out = Vec::new();
    for anchor in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(n) = code[from..].find(anchor) {
            let at = from + n;
            from = at + anchor.len();
            if at > 0 && (is_ident(b[at - 1]) || b[at - 1] == b'$' || b[at - 1] == b':') {
                continue;
            }
            // A room's tests may set up what they test with its siblings.
            if inline
                .iter()
                .any(|(s, e, name)| *s < at && at < *e && name == "tests")
            {
                continue;
            }
            let mut base: Vec<String> = if anchor == "crate::" {
                Vec::new()
            } else {
                let mut here = file_module.to_vec();
                here.extend(
                    inline
                        .iter()
                        .filter(|(s, e, _)| *s < at && at < *e)
                        .map(|(_, _, name)| name.clone()),
                );
                here.pop();
                let mut rest = &code[from..];
                while let Some(r) = rest.strip_prefix("super::") {
                    here.pop();
                    rest = r;
                    from += "super::".len();
                }
                here
            };
            // Each way a group `{a, b::c}` or a path `a::b` goes on.
            let rest = &code[from..];
            let len = rest
                .char_indices()
                .find(|&(_, c)| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .map_or(rest.len(), |(k, _)| k);
            let mut heads: Vec<String> = vec![rest[..len].trim_end_matches(':').to_owned()];
            if rest[len..].starts_with('{') {
                let close = rest[len..].find('}').map_or(rest.len(), |k| len + k);
                let prefix = rest[..len].trim_end_matches(':');
                heads = rest[len + 1..close]
                    .split(',')
                    .map(|s| {
                        let s = s.trim().split("::").next().unwrap_or("").to_owned();
                        if prefix.is_empty() {
                            s
                        } else {
                            format!("{prefix}::{s}")
                        }
                    })
                    .collect();
            }
            for head in heads {
                let mut target = base.clone();
                let mut best = base.clone();
                for seg in head.split("::").filter(|s| !s.is_empty() && *s != "self") {
                    target.push(seg.to_owned());
                    if modules.contains(&target) {
                        best = target.clone();
                    } else {
                        break;
                    }
                }
                out.push((at, best));
            }
            base.clear();
        }
    }
    out
}

/// The submodules of one module form no circle either: `discover::flow`
/// importing `discover::source` while `discover::source` imports
/// `discover::flow` is two rooms that cannot be read one before the other.
/// Paths by `crate::` and by `super::` both count; a module and its own
/// submodules may use each other (a parent holds its children's shared
/// words), siblings may not go round in a circle.
#[test]
fn modules_within_a_stage_form_no_circle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    walk(&root.join("src"), &mut files);
    files.sort();
    let named: Vec<(String, Vec<String>, String)> = files
        .iter()
        .filter_map(|path| {
            let file = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let module = module_path(&file)?;
            Some((file, module, std::fs::read_to_string(path).unwrap()))
        })
        .collect();
    let modules: BTreeSet<Vec<String>> = named.iter().map(|(_, m, _)| m.clone()).collect();
    let rank: BTreeMap<&str, u32> = STAGES.iter().copied().collect();
    let mut edges: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut forward = Vec::new();
    let mut refs = 0;
    for (file, from, text) in &named {
        let code = code_only(text);
        for (at, to) in module_refs(&code, from, &modules) {
            refs += 1;
            // A `super::super::` path reaches a later stage as surely as a
            // `crate::` path does.
            if let (Some(f), Some(t)) = (
                rank.get(from[0].as_str()),
                to.first().and_then(|t| rank.get(t.as_str())),
            ) && t > f
            {
                let line = text[..at].matches('\n').count() + 1;
                forward.push(format!("{file}:{line}: `{}` reaches `{}`", from[0], to[0]));
            }
            let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
            if common == from.len() || common == to.len() {
                continue; // an ancestor and its descendant
            }
            let line = text[..at].matches('\n').count() + 1;
            edges
                .entry(from[..=common].join("::"))
                .or_default()
                .entry(to[..=common].join("::"))
                .or_insert_with(|| format!("{file}:{line}"));
        }
    }
    assert!(
        refs > 300,
        "found only {refs} module paths: is the scan broken?"
    );
    assert!(
        forward.is_empty(),
        "a stage reaches a later one:\n{}",
        forward.join("\n")
    );
    let found = string_cycles(&edges);
    assert!(
        found.is_empty(),
        "modules of one stage import each other in a circle:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_submodule_scan_follows_super_and_inline_modules() {
    let modules: BTreeSet<Vec<String>> = [
        vec!["discover"],
        vec!["discover", "flow"],
        vec!["discover", "source"],
        vec!["discover", "source", "index"],
    ]
    .into_iter()
    .map(|m| m.into_iter().map(str::to_owned).collect())
    .collect();
    let src = "use super::source::{self, Found};\nuse super::super::domain::X;\n\
               mod inner { use super::*; use crate::discover::source::index::I; }\n\
               mod tests { use crate::discover::source::index::J; }\n";
    let file: Vec<String> = vec!["discover".into(), "flow".into()];
    let got: Vec<String> = module_refs(&code_only(src), &file, &modules)
        .into_iter()
        .map(|(_, m)| m.join("::"))
        .collect();
    assert_eq!(
        got,
        [
            "discover::source::index",
            "discover::source",
            "discover::source",
            "",
            "discover::flow"
        ]
    );
}

/// Cycles in a graph of names, each once, as `a -> b -> a` with a file:line
/// per edge.
fn string_cycles(edges: &BTreeMap<String, BTreeMap<String, String>>) -> Vec<String> {
    let mut found = Vec::new();
    for start in edges.keys() {
        let mut stack: Vec<(String, Vec<String>)> = vec![(start.clone(), vec![start.clone()])];
        let mut visited = BTreeSet::new();
        while let Some((node, path)) = stack.pop() {
            for next in edges.get(&node).into_iter().flat_map(|m| m.keys()) {
                if next == start {
                    if path.iter().all(|p| p >= start) {
                        let mut ring = path.clone();
                        ring.push(start.clone());
                        let hops: Vec<String> = ring
                            .windows(2)
                            .map(|w| format!("{} -> {} ({})", w[0], w[1], edges[&w[0]][&w[1]]))
                            .collect();
                        found.push(format!("cycle: {}", hops.join(", ")));
                    }
                } else if visited.insert(next.clone()) {
                    let mut p = path.clone();
                    p.push(next.clone());
                    stack.push((next.clone(), p));
                }
            }
        }
    }
    found
}
