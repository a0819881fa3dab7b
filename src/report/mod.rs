//! Renders the verdict in the chosen format and picks the exit code. No
//! decisions are made here: severities and messages come from `evaluate`.

pub mod cyclonedx;
pub mod diagnostic;
pub mod explain;
pub mod github;
pub mod human;
pub mod json;
pub mod markdown;
pub mod notices;
pub mod sarif;

use crate::domain::{ArtifactId, ArtifactKind, Finding, ResolvedArtifact, Severity};
use crate::evaluate::Verdict;
use crate::policy::Policy;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Makes text from outside (cards, file names, crate metadata, Hub
/// answers) safe to print: every control character other than a newline
/// or a tab, and the Unicode controls that reorder or hide text, become a
/// visible `\u{..}` escape, so that nothing can move the cursor, recolour,
/// rewrite or hide what a terminal or CI log shows. The one escaping used
/// by the human, GitHub and TSV output.
pub fn escape(text: &str) -> String {
    let hostile = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
    };
    if !text.chars().any(hostile) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hostile(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// [`escape`] over a whole rendered report that may carry this tool's own
/// colours: a colour sequence (`ESC [ n;n m` with the codes `console`
/// uses) is kept, every other control character or sequence from outside
/// is escaped, so nothing can move the cursor, clear the screen, hide text
/// or open a link.
pub fn escape_rendered(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('\x1b') {
        out.push_str(&escape(&rest[..i]));
        rest = &rest[i..];
        let sgr = rest
            .strip_prefix("\x1b[")
            .and_then(|r| r.find('m').map(|end| &r[..end]))
            .filter(|codes| {
                codes.len() <= 16
                    && codes.split(';').all(|n| {
                        matches!(
                            n.parse::<u8>(),
                            Ok(0 | 1 | 2 | 4 | 22 | 24 | 31..=37 | 39 | 90..=97)
                        )
                    })
            });
        match sgr {
            Some(codes) => {
                let len = 2 + codes.len() + 1;
                out.push_str(&rest[..len]);
                rest = &rest[len..];
            }
            None => {
                out.push_str("\\u{1b}");
                rest = &rest[1..];
            }
        }
    }
    out.push_str(&escape(rest));
    out
}

/// Like [`escape`], for a field that must stay on one line (TSV cells,
/// workflow command properties): newlines and tabs are escaped too.
pub fn escape_line(text: &str) -> String {
    escape(text)
        .replace('\t', "\\t")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

/// Everything the pipeline produced, for the renderers and `explain`.
pub struct Audit {
    pub policy: Policy,
    pub root: std::path::PathBuf,
    /// Cargo's target directory (caches live in `model-audit/` under it).
    pub target_dir: std::path::PathBuf,
    pub resolved: crate::resolve::Resolved,
    pub verdict: Verdict,
}

/// Everything a renderer may show.
pub struct Report<'a> {
    pub policy: &'a Policy,
    pub artifacts: &'a [ResolvedArtifact],
    /// References found but not audited (run-time ids, low confidence).
    pub loose: &'a [crate::domain::LooseReference],
    pub verdict: &'a Verdict,
    pub root: &'a Path,
    pub verbose: u8,
    /// `--deny-warnings`: the summary's word follows the exit code.
    pub deny_warnings: bool,
}

impl Report<'_> {
    pub fn count_kind(&self, kind: ArtifactKind) -> usize {
        self.artifacts
            .iter()
            .filter(|a| a.artifact.kind == kind)
            .count()
    }

    /// The artifact with this id, if the id names one (findings about the
    /// config name an exception or a file instead).
    pub fn artifact(&self, id: &str) -> Option<&ResolvedArtifact> {
        self.artifacts.iter().find(|a| a.artifact.id == id)
    }

    pub fn findings_for<'b>(
        &'b self,
        id: &'b ArtifactId,
    ) -> impl Iterator<Item = &'b Finding> + 'b {
        self.verdict
            .findings
            .iter()
            .filter(move |f| f.artifact == *id)
    }

    /// A path as the user should read it: relative to the workspace root,
    /// with `..` beside it, never cut as text.
    pub fn show_path(&self, path: &str) -> String {
        crate::workspace::show_path(std::path::Path::new(path), self.root)
    }
}

/// The design's exit codes: 1 when any error finding (or any warning with
/// `--deny-warnings`); 3 when the only errors are models that could not be
/// resolved (a retry may help); else 0.
pub fn exit_code(verdict: &Verdict, deny_warnings: bool) -> u8 {
    let errors = verdict
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error);
    let (unresolved, other): (Vec<&Finding>, Vec<&Finding>) =
        errors.partition(|f| f.code == crate::domain::Code::ModelUnresolved);
    let warnings = verdict.count(Severity::Warning);
    if !other.is_empty() {
        1
    } else if !unresolved.is_empty() {
        3
    } else if deny_warnings && warnings > 0 {
        1
    } else {
        0
    }
}

/// One line for a person: `FAILED: 3 errors, 1 warning, 0 notes; 6
/// checked of 8 artifacts, 2 skipped: app@0.1.0, unpublished; ... (policy:
/// osi)`. The word follows the exit code: `ok` (0), `FAILED` (1),
/// `INCOMPLETE` (3).
pub fn summary_line(report: &Report<'_>) -> String {
    let plural = |n: usize, w: &str| {
        if n == 1 {
            format!("{n} {w}")
        } else {
            format!("{n} {w}s")
        }
    };
    let v = report.verdict;
    let word = match exit_code(v, report.deny_warnings) {
        0 => "ok",
        3 => "INCOMPLETE",
        _ => "FAILED",
    };
    let mut line = format!(
        "{word}: {}, {}, {}; {} checked of {}",
        plural(v.count(Severity::Error), "error"),
        plural(v.count(Severity::Warning), "warning"),
        plural(v.count(Severity::Note), "note"),
        v.checked,
        plural(report.artifacts.len(), "artifact"),
    );
    const SHOWN: usize = 5;
    if !v.skipped.is_empty() {
        let names: Vec<String> = v
            .skipped
            .iter()
            .take(SHOWN)
            .map(|s| format!("{}, {}", s.name, s.why))
            .collect();
        line.push_str(&format!(
            ", {} skipped: {}",
            v.skipped.len(),
            names.join("; ")
        ));
        if v.skipped.len() > SHOWN {
            line.push_str(&format!("; and {} more", v.skipped.len() - SHOWN));
        }
    }
    line.push_str(&format!(" (policy: {})", report.policy.name));
    line
}

/// A stable identity for a finding across runs, for code scanning's
/// deduplication: the sha256 (hex) of the code, the artifact without its
/// version, and the first reason (or the message when there is none).
///
/// The version is left out on purpose: updating a GPL crate to its next
/// release, or a model to its next commit, keeps the same alert open rather
/// than closing it and opening a new one. The reason keeps findings of the
/// same code on the same artifact apart (two denied restrictions, say).
pub fn fingerprint(report: &Report<'_>, finding: &Finding) -> String {
    use sha2::{Digest, Sha256};
    let subject = match report.artifact(&finding.artifact) {
        Some(ra) => format!("{}:{}", ra.artifact.kind.as_str(), ra.artifact.name),
        None => finding.artifact.clone(),
    };
    let first = finding
        .reasons
        .first()
        .map(|r| r.to_string())
        .unwrap_or_else(|| finding.message.clone());
    let mut hasher = Sha256::new();
    for part in [finding.code.as_str(), subject.as_str(), first.as_str()] {
        hasher.update(part.as_bytes());
        hasher.update([0u8]);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Where a finding points: a file relative to the workspace root, with `/`
/// separators, and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: u32,
}

/// The workspace files that findings point into, read by the caller
/// before rendering (`report` does no I/O; `lib.rs` reads what
/// [`SourceFiles::wanted`] names). Keys are paths relative to the workspace
/// root; a value is the file's text, or `None` for a file that exists but
/// was not read (a weight file is too large to search and never needs it).
#[derive(Debug, Default, Clone)]
pub struct SourceFiles {
    files: BTreeMap<String, Option<String>>,
}

/// How far `locate` climbs a path ("why is this here") to find an
/// ancestor declared in the workspace.
const MAX_CLIMB: usize = 64;

impl SourceFiles {
    pub fn insert(&mut self, path: String, text: Option<String>) {
        self.files.insert(path, text);
    }

    fn exists(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    fn text(&self, path: &str) -> Option<&str> {
        self.files.get(path).and_then(|t| t.as_deref())
    }

    /// The text of one 1-based line of a file, for an excerpt.
    pub fn line_text(&self, path: &str, line: u32) -> Option<&str> {
        self.text(path)?.lines().nth(line.checked_sub(1)? as usize)
    }

    /// Every file `locate` may look at, relative to the workspace root: the
    /// root manifest, the config, and the files referenced by the artifacts
    /// behind each finding and by their ancestors.
    pub fn wanted(report: &Report<'_>) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        out.insert("Cargo.toml".to_owned());
        if let Some(config) = &report.policy.config_path {
            out.extend(relative_file(report, &config.display().to_string()));
        }
        for f in &report.verdict.findings {
            match report.artifact(&f.artifact) {
                Some(ra) => {
                    let mut seen = BTreeSet::new();
                    let mut next = Some(ra);
                    while let Some(ra) = next {
                        if !seen.insert(ra.artifact.id.as_str()) || seen.len() > MAX_CLIMB {
                            break;
                        }
                        for r in &ra.artifact.references {
                            out.extend(r.file.as_deref().and_then(|p| relative_file(report, p)));
                        }
                        next = parent(report, ra);
                    }
                }
                None => {
                    for e in &f.evidence {
                        out.extend(e.file.as_deref().and_then(|p| relative_file(report, p)));
                    }
                }
            }
        }
        out
    }
}

/// A path relative to the workspace root with `/` separators, or `None` when
/// it is outside the workspace (a registry crate, the Hub cache, a URL).
fn relative_file(report: &Report<'_>, path: &str) -> Option<String> {
    let shown = report.show_path(path).replace('\\', "/");
    let outside = shown.is_empty()
        || shown.starts_with('/')
        || shown.starts_with("../")
        || shown.contains("://")
        || shown.contains(' ')
        || Path::new(&shown).is_absolute();
    (!outside).then_some(shown)
}

/// The artifact that brought this one in: the one before it on its path.
fn parent<'a>(report: &'a Report<'_>, ra: &ResolvedArtifact) -> Option<&'a ResolvedArtifact> {
    let path = &ra.artifact.path;
    let name = path.len().checked_sub(2).map(|i| &path[i])?;
    report.artifacts.iter().find(|a| match a.artifact.kind {
        ArtifactKind::Crate => a.artifact.display_name() == *name,
        _ => a.artifact.name.eq_ignore_ascii_case(name),
    })
}

/// The one place a finding points at, for formats that need a file and a
/// line (SARIF, workflow commands). Never fails: when nothing better is
/// known it is the workspace's `Cargo.toml`, line 1.
///
/// - A crate: the line of the `Cargo.toml` entry that depends on it (for a
///   transitive dependency outside the workspace, the entry of the
///   workspace's dependency that brings it in); for a workspace member, its
///   own manifest's `license` line.
/// - A model: the reference's line, or the line of the config or manifest
///   that names it; for a base model, the place that names its derivative.
/// - A weight file: the file itself.
/// - A finding about the config (an exception): the config line that names
///   its `artifact`.
pub fn locate(report: &Report<'_>, sources: &SourceFiles, finding: &Finding) -> Location {
    let found = match report.artifact(&finding.artifact) {
        Some(ra) => locate_artifact(report, sources, ra),
        None => locate_config(report, sources, finding),
    };
    found.unwrap_or_else(|| Location {
        file: "Cargo.toml".to_owned(),
        line: 1,
    })
}

fn locate_artifact(
    report: &Report<'_>,
    sources: &SourceFiles,
    ra: &ResolvedArtifact,
) -> Option<Location> {
    let mut seen = BTreeSet::new();
    let mut next = Some(ra);
    while let Some(ra) = next {
        if !seen.insert(ra.artifact.id.as_str()) || seen.len() > MAX_CLIMB {
            return None;
        }
        let artifact = &ra.artifact;
        // The reference from the artifact before it on its path comes first.
        let via = artifact
            .path
            .len()
            .checked_sub(2)
            .map(|i| artifact.path[i].as_str());
        let mut refs: Vec<_> = artifact.references.iter().collect();
        refs.sort_by_key(|r| r.krate.as_deref() != via);
        for r in refs {
            let Some(file) = r.file.as_deref().and_then(|p| relative_file(report, p)) else {
                continue;
            };
            if !sources.exists(&file) {
                continue;
            }
            let line = r.line.filter(|&l| l > 0).or_else(|| {
                let text = sources.text(&file)?;
                match (artifact.kind, r.kind.as_str()) {
                    (ArtifactKind::Crate, "workspace-member") => package_line(text),
                    (ArtifactKind::Crate, kind) => dependency_line(text, &artifact.name, kind),
                    (ArtifactKind::WeightFile, _) => None,
                    _ => quoted_line(text, &artifact.name, Some("id")),
                }
            });
            return Some(Location {
                file,
                line: line.unwrap_or(1),
            });
        }
        next = parent(report, ra);
    }
    None
}

fn locate_config(report: &Report<'_>, sources: &SourceFiles, f: &Finding) -> Option<Location> {
    let config = report
        .policy
        .config_path
        .as_ref()
        .and_then(|p| relative_file(report, &p.display().to_string()));
    let files = f
        .evidence
        .iter()
        .filter_map(|e| Some((relative_file(report, e.file.as_deref()?)?, e.line)))
        .chain(config.map(|c| (c, None)));
    for (file, line) in files {
        if !sources.exists(&file) {
            continue;
        }
        let line = line
            .filter(|&l| l > 0)
            .or_else(|| quoted_line(sources.text(&file)?, &f.artifact, Some("artifact")));
        return Some(Location {
            file,
            line: line.unwrap_or(1),
        });
    }
    None
}

/// A TOML line without its comment (a `#` outside strings).
fn strip_comment(line: &str) -> &str {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match quote {
            Some('"') if escaped => escaped = false,
            Some('"') if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' => return &line[..i],
            None => {}
        }
    }
    line
}

/// Splits a dotted TOML key (`target.'cfg(unix)'.dependencies`) into its
/// unquoted parts.
fn key_parts(key: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut part = String::new();
    let mut quote: Option<char> = None;
    for c in key.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => part.push(c),
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '.' => parts.push(std::mem::take(&mut part)),
            None if c.is_whitespace() => {}
            None => part.push(c),
        }
    }
    parts.push(part);
    parts
}

/// `key = value` split at the first `=` outside quotes.
fn key_value(line: &str) -> Option<(Vec<String>, &str)> {
    let mut quote: Option<char> = None;
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '=' => return Some((key_parts(&line[..i]), line[i + 1..].trim())),
            None => {}
        }
    }
    None
}

/// A TOML table header's key parts, or `None` for an array of tables or a
/// line that is not a header.
fn header(line: &str) -> Option<Vec<String>> {
    if line.starts_with("[[") {
        return None;
    }
    let inner = line.strip_prefix('[')?;
    let end = inner.rfind(']')?;
    Some(key_parts(&inner[..end]))
}

/// The table kind a dependency reference belongs in.
fn dependency_table(key: &str) -> Option<&'static str> {
    match key {
        "dependencies" => Some("dependencies"),
        "dev-dependencies" | "dev_dependencies" => Some("dev-dependencies"),
        "build-dependencies" | "build_dependencies" => Some("build-dependencies"),
        _ => None,
    }
}

/// The string value of `package = "..."` inside an inline table.
fn package_key(value: &str) -> Option<&str> {
    let mut rest = value;
    while let Some(i) = rest.find("package") {
        let before = rest[..i].chars().next_back();
        let after = rest[i + "package".len()..].trim_start();
        if matches!(before, Some('{' | ',' | ' ' | '\t'))
            && let Some(v) = after.strip_prefix('=')
        {
            let v = v.trim_start();
            let q = v.chars().next().filter(|c| *c == '"' || *c == '\'')?;
            return v[1..].split(q).next();
        }
        rest = &rest[i + "package".len()..];
    }
    None
}

fn unquote(value: &str) -> &str {
    value.trim().trim_matches(|c| c == '"' || c == '\'')
}

/// The 1-based line of the entry that declares the dependency `name` in a
/// `Cargo.toml` text: `name = ...`, `name.workspace = true`,
/// `alias = { package = "name", ... }` or a `[dependencies.name]` header,
/// in any dependency table (target-specific ones included). An entry in the
/// table that matches the reference `kind` (`dependency`, `dev-dependency`,
/// `build-dependency`) wins over one in another table.
///
/// A line scan, not a TOML parse: cargo already parsed the file, and this
/// only has to find the line.
pub fn dependency_line(manifest: &str, name: &str, kind: &str) -> Option<u32> {
    let want = match kind {
        "dev-dependency" => "dev-dependencies",
        "build-dependency" => "build-dependencies",
        _ => "dependencies",
    };
    // (table kind, `[dependencies.<sub>]`, header line)
    let mut table: Option<(&str, Option<String>, u32)> = None;
    let (mut best, mut other) = (None, None);
    for (i, raw) in manifest.lines().enumerate() {
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let line = strip_comment(raw).trim();
        let mut hit = None;
        if line.starts_with('[') {
            table = header(line).and_then(|keys| {
                let at = keys.iter().position(|k| dependency_table(k).is_some())?;
                Some((dependency_table(&keys[at])?, keys.get(at + 1).cloned(), n))
            });
            if let Some((_, Some(sub), _)) = &table
                && sub == name
            {
                hit = Some(n);
            }
        } else if let Some((_, sub, start)) = &table
            && let Some((key, value)) = key_value(line)
        {
            match sub {
                None if key[0] == name => hit = Some(n),
                None if key.len() == 1 && package_key(value) == Some(name) => hit = Some(n),
                None if key.len() == 2 && key[1] == "package" && unquote(value) == name => {
                    hit = Some(n)
                }
                Some(_) if key == ["package"] && unquote(value) == name => hit = Some(*start),
                _ => {}
            }
        }
        if let (Some(n), Some((kind, _, _))) = (hit, &table) {
            if *kind == want {
                best = best.or(Some(n));
            } else {
                other = other.or(Some(n));
            }
        }
    }
    best.or(other)
}

/// The 1-based line of a manifest's `license` (or `license-file`) key in
/// `[package]`, else of the `[package]` header.
pub fn package_line(manifest: &str) -> Option<u32> {
    let mut in_package = None;
    for (i, raw) in manifest.lines().enumerate() {
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let line = strip_comment(raw).trim();
        if line.starts_with('[') {
            if in_package.is_some() {
                break;
            }
            if header(line).is_some_and(|k| k == ["package"]) {
                in_package = Some(n);
            }
        } else if in_package.is_some()
            && let Some((key, _)) = key_value(line)
            && (key == ["license"] || key == ["license-file"])
        {
            return Some(n);
        }
    }
    in_package
}

/// The 1-based line where `needle` appears as a quoted string (ASCII case
/// ignored), preferring a line whose key is `key`: how a config or manifest
/// names a model (`id = "owner/name"`) or an exception (`artifact = "..."`).
pub fn quoted_line(text: &str, needle: &str, key: Option<&str>) -> Option<u32> {
    let needle = needle.to_ascii_lowercase();
    let quoted = [format!("\"{needle}\""), format!("'{needle}'")];
    let mut first = None;
    for (i, raw) in text.lines().enumerate() {
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let line = raw.to_ascii_lowercase();
        let Some(at) = quoted.iter().filter_map(|q| line.find(q.as_str())).min() else {
            continue;
        };
        first = first.or(Some(n));
        let keyed = key.is_some_and(|k| {
            let before = line[..at].trim_end();
            let before = before.strip_suffix('=').unwrap_or(before).trim_end();
            before.ends_with(k)
        });
        if keyed {
            return Some(n);
        }
    }
    first
}

#[cfg(test)]
mod escape_tests {
    use super::*;

    #[test]
    fn outside_control_characters_are_escaped() {
        assert_eq!(escape("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(escape("ok\nline\ttab"), "ok\nline\ttab");
        assert_eq!(escape("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(escape_line("a\tb\nc"), "a\\tb\\nc");
        let ours = "\x1b[31m\x1b[1merror\x1b[0m: \x1b]8;;http://x\x07link\x1b[8m";
        assert_eq!(
            escape_rendered(ours),
            "\x1b[31m\x1b[1merror\x1b[0m: \\u{1b}]8;;http://x\\u{7}link\\u{1b}[8m"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MANIFEST: &str = r#"[package]
name = "app"
license = "MIT" # a comment with [brackets]

[dependencies]
serde = "1"
tokio.workspace = true
renamed = { package = "real-name", version = "1" }
"quoted" = { path = "../quoted" }

[target.'cfg(windows)'.dependencies]
winapi = "0.3"

[dev-dependencies]
serde = { version = "1", features = ["derive"] }

[build-dependencies.cc]
version = "1"

[dependencies.alias]
package = "aliased"
"#;

    #[test]
    fn finds_the_line_of_a_dependency() {
        assert_eq!(dependency_line(MANIFEST, "serde", "dependency"), Some(6));
        assert_eq!(
            dependency_line(MANIFEST, "serde", "dev-dependency"),
            Some(15)
        );
        assert_eq!(dependency_line(MANIFEST, "tokio", "dependency"), Some(7));
        assert_eq!(
            dependency_line(MANIFEST, "real-name", "dependency"),
            Some(8)
        );
        assert_eq!(dependency_line(MANIFEST, "quoted", "dependency"), Some(9));
        assert_eq!(dependency_line(MANIFEST, "winapi", "dependency"), Some(12));
        assert_eq!(
            dependency_line(MANIFEST, "cc", "build-dependency"),
            Some(17)
        );
        assert_eq!(dependency_line(MANIFEST, "aliased", "dependency"), Some(20));
        assert_eq!(dependency_line(MANIFEST, "missing", "dependency"), None);
        // `name` under [package] is not a dependency.
        assert_eq!(dependency_line(MANIFEST, "name", "dependency"), None);
    }

    #[test]
    fn finds_the_package_license_line() {
        assert_eq!(package_line(MANIFEST), Some(3));
        assert_eq!(
            package_line("[package]\nname = \"x\"\n[lib]\nlicense = 1"),
            Some(1)
        );
        assert_eq!(package_line("[workspace]\n"), None);
    }

    #[test]
    fn finds_a_quoted_name_preferring_its_key() {
        let config = "# \"org/model\" in a comment\n[[models]]\nid = \"Org/Model\"\n";
        assert_eq!(quoted_line(config, "org/model", Some("id")), Some(3));
        assert_eq!(quoted_line(config, "org/model", None), Some(1));
        assert_eq!(quoted_line(config, "other", None), None);
    }
}
