//! Hub ids and URLs: what looks like a repository id, and the Hub URLs in a text.

use super::*;

/// Extensions that make `owner/name` a file path rather than a repository.
pub(super) const FILE_EXTENSIONS: &[&str] = &[
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
pub(super) fn pattern_like(pattern: &str) -> bool {
    let known = fill_placeholders(pattern, "");
    id_like(&fill_placeholders(pattern, "x")) && known.chars().any(|c| c.is_ascii_alphanumeric())
}

/// Replaces each `{…}` by `fill`, and `{{`/`}}` by `{`/`}`.
pub(super) fn fill_placeholders(pattern: &str, fill: &str) -> String {
    format_pieces(pattern)
        .iter()
        .map(|piece| match piece {
            FmtPiece::Text(t) => t.as_str(),
            _ => fill,
        })
        .collect()
}

/// A piece of a `format!` string: text, or the argument a `{…}` stands for.
#[derive(Debug, PartialEq)]
pub(super) enum FmtPiece {
    Text(String),
    /// `{}`: the next positional argument.
    Next,
    /// `{0}`
    Index(usize),
    /// `{name}`: a named argument, or a variable captured by name.
    Name(String),
}

/// The pieces of a `format!` string (`{{`/`}}` are text; what follows `:`
/// in a placeholder is how to show the value, not which).
pub(super) fn format_pieces(pattern: &str) -> Vec<FmtPiece> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                text.push('{');
            }
            '{' => {
                let mut inner = String::new();
                for c in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                    inner.push(c);
                }
                if !text.is_empty() {
                    out.push(FmtPiece::Text(std::mem::take(&mut text)));
                }
                let arg = inner.split(':').next().unwrap_or("").trim();
                out.push(if arg.is_empty() {
                    FmtPiece::Next
                } else if let Ok(i) = arg.parse() {
                    FmtPiece::Index(i)
                } else {
                    FmtPiece::Name(arg.to_owned())
                });
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                text.push('}');
            }
            _ => text.push(c),
        }
    }
    if !text.is_empty() {
        out.push(FmtPiece::Text(text));
    }
    out
}

pub(super) fn has_placeholder(pattern: &str) -> bool {
    fill_placeholders(pattern, "x") != pattern.replace("{{", "{").replace("}}", "}")
}

/// First path segments of `https://huggingface.co/…` that are not repositories.
pub(super) const NOT_REPO_PAGES: &[&str] = &[
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
pub(super) const REVISION_MARKERS: &[&str] = &["resolve", "blob", "tree", "raw"];

/// A repository named by a Hub URL.
#[derive(Debug, PartialEq)]
pub(crate) struct UrlRef {
    pub(crate) id: String,
    pub(crate) revision: Option<String>,
    pub(crate) dataset: bool,
    /// The file in the repository the URL names (`LICENSE` of
    /// `…/blob/main/LICENSE` or `hf://owner/name/LICENSE`), if any.
    pub(crate) file: Option<String>,
}

pub(super) fn url_end(c: char) -> bool {
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

pub(super) fn percent_decode(s: &str) -> String {
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
pub(super) fn parse_hub_path(rest: &str) -> Option<UrlRef> {
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
        file: revision.as_ref().and_then(|_| file_of(segments)),
        revision,
        dataset,
    })
}

/// The rest of a URL's path, as a file in the repository.
fn file_of<'s>(segments: impl Iterator<Item = &'s str>) -> Option<String> {
    let file = segments.collect::<Vec<_>>().join("/");
    (!file.is_empty()).then_some(file)
}

/// Parses what follows `hf://`.
pub(super) fn parse_hf_scheme(rest: &str) -> Option<UrlRef> {
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
        file: file_of(segments),
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
pub(super) fn may_have_url(text: &str) -> bool {
    text.contains("huggingface.co/") || text.contains("hf://") || text.contains("hf.co/")
}

pub(super) fn ident_byte(b: u8) -> bool {
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

/// Could `text` hold a reference at all? Every reference needs the
/// identifier `Repo` (a `use … Repo as X` rename names it too), a call
/// `.model(`, `::model(`, `.dataset(`, `::dataset(` or `::from_pretrained(`
/// (whitespace allowed between the tokens, comments not), a type whose name
/// holds `ModelBuilder`, a field of [`ID_FIELDS`] followed by `:`, or a Hub
/// URL outside a comment line. One pass of a (SIMD-prefiltered) automaton
/// over the bytes finds every candidate, each checked where it stands: about 100 times
/// faster than parsing, and most files of a workspace fail it.
pub(crate) fn may_reference(text: &str) -> bool {
    let Some(search) = &*NEEDLES else {
        return true;
    };
    // Leftmost-longest matches, not overlapping: a needle that starts
    // inside a longer one (`repo` in `model_repo`) is never a whole word
    // there, so nothing that counts is skipped.
    search
        .find_iter(text)
        .any(|m| needle_counts(text, m.pattern().as_usize(), m.start()))
}

/// How a [`Needle`] must stand to count.
#[derive(Clone, Copy)]
enum Need {
    /// A whole identifier.
    Word,
    /// `. name (` or `:: name (`, whitespace allowed between the tokens.
    Call,
    /// Anywhere (`ModelBuilder` inside a type's name).
    Anywhere,
    /// `name :` (not `name ::`), whitespace allowed between the tokens:
    /// how a struct literal's field starts.
    Field,
    /// A Hub URL on a line that is not a line comment or inside a block
    /// comment's `*` lines (a URL after code on the same line counts).
    Url,
}

/// What [`may_reference`] looks for.
fn needles() -> Vec<(&'static str, Need)> {
    let mut out = vec![
        ("Repo", Need::Word),
        ("model", Need::Call),
        ("dataset", Need::Call),
        ("from_pretrained", Need::Call),
        ("repository", Need::Call),
        ("HFRepository", Need::Anywhere),
        ("ModelBuilder", Need::Anywhere),
        ("huggingface.co/", Need::Url),
        ("hf.co/", Need::Url),
        ("hf://", Need::Url),
        // Programs that download what their command line names.
        ("optimum-cli", Need::Anywhere),
        ("huggingface-cli", Need::Anywhere),
        ("\"hf\"", Need::Anywhere),
    ];
    out.extend(ID_FIELDS.iter().map(|f| (*f, Need::Field)));
    out
}

static NEEDLES: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(needles().iter().map(|(n, _)| n))
            .ok()
    });

/// Whether needle `pattern` found at byte `at` of `text` counts.
fn needle_counts(text: &str, pattern: usize, at: usize) -> bool {
    static TABLE: std::sync::LazyLock<Vec<(&'static str, Need)>> =
        std::sync::LazyLock::new(needles);
    let Some(&(needle, need)) = TABLE.get(pattern) else {
        return true;
    };
    let bytes = text.as_bytes();
    let end = at + needle.len();
    let word =
        (at == 0 || !ident_byte(bytes[at - 1])) && (end == bytes.len() || !ident_byte(bytes[end]));
    match need {
        Need::Anywhere => true,
        Need::Word => word,
        Need::Call => {
            let before = text[..at].trim_end();
            word && (before.ends_with('.') || before.ends_with("::"))
                && text[end..].trim_start().starts_with('(')
        }
        Need::Field => {
            let after = text[end..].trim_start();
            word && after.starts_with(':') && !after.starts_with("::")
        }
        Need::Url => {
            let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
            let prefix = text[line_start..at].trim_start();
            !(prefix.starts_with("//") || prefix.starts_with('*') || prefix.starts_with("/*"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_field_holds_a_marker() {
        for field in ID_FIELDS {
            assert!(may_reference(&format!("X {{ {field}: y }}")), "{field}");
            assert!(!may_reference(&format!("X::{field}::y")), "{field}");
            assert!(!may_reference(&format!("X {{ my_{field}: y }}")), "{field}");
        }
        assert!(!may_reference("fn main() { let x = Models::new(); }"));
        assert!(!may_reference(
            "let r = Repos::new(); // the model of a dataset"
        ));
        assert!(may_reference("use hf_hub::{Repo as R};"));
        assert!(may_reference("let b = TextModelBuilder::new(id);"));
        assert!(may_reference("m = api . model ( id );"));
        assert!(may_reference("T::from_pretrained(id)"));
        assert!(!may_reference("fn model(x: u8) {}"));
        assert!(may_reference(
            "let r = hf_hub::api::sync::Api::new()?.model(id);"
        ));
        assert!(may_reference("let u = \"https://hf.co/a/b\";"));
        assert!(!may_reference("// https://huggingface.co/a/b\nfn f() {}"));
    }

    /// Every URL form of a file in a repository names the same repository
    /// and file (a card's `license_link` is read this way too).
    #[test]
    fn every_url_form_names_the_repository_and_its_file() {
        for url in [
            "https://huggingface.co/acme/m/blob/main/sub/LICENSE.txt",
            "http://huggingface.co/acme/m/resolve/main/sub/LICENSE.txt",
            "https://www.huggingface.co/acme/m/raw/main/sub/LICENSE.txt",
            "https://hf.co/acme/m/blob/main/sub/LICENSE.txt",
            "hf://acme/m@main/sub/LICENSE.txt",
        ] {
            let found = hub_urls(url);
            assert_eq!(found.len(), 1, "{url}");
            let (at, u) = &found[0];
            assert_eq!(*at, 0, "{url}");
            assert_eq!(u.id, "acme/m", "{url}");
            assert_eq!(u.revision.as_deref(), Some("main"), "{url}");
            assert_eq!(u.file.as_deref(), Some("sub/LICENSE.txt"), "{url}");
        }
        assert_eq!(hub_urls("https://huggingface.co/acme/m")[0].1.file, None);
        assert_eq!(hub_urls("hf://acme/m")[0].1.file, None);
    }
}
