//! Renders the verdict in the chosen format and tallies it for the exit
//! code ([`Exit::of`] decides). No
//! decisions are made here: severities and messages come from `evaluate`.

#[cfg(test)]
mod attack;
pub mod cyclonedx;
pub mod diagnostic;
// `safe!` for the modules declared after it.
#[macro_use]
pub mod escape;
pub mod explain;
pub mod github;
pub mod human;
pub mod json;
pub mod markdown;
pub mod notices;
pub mod sarif;

use crate::domain::{ArtifactId, ArtifactKind, Finding, ResolvedArtifact, Severity};
use crate::error::{Exit, Tally};
use crate::evaluate::Verdict;
use crate::policy::Policy;
use escape::{Plain, Safe, plain};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

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
    /// The artifacts by id and by name, made on first use, so that finding
    /// an artifact for each finding costs no search of them all.
    pub index: Index,
}

/// Positions in [`Report::artifacts`] by id, by a crate's `name@version`,
/// and by a model's lower-cased name; the first artifact of a key wins.
#[derive(Debug, Default)]
pub struct Index {
    maps: std::sync::OnceLock<IndexMaps>,
}

#[derive(Debug, Default)]
struct IndexMaps {
    by_id: std::collections::HashMap<String, usize>,
    crates: std::collections::HashMap<String, usize>,
    others: std::collections::HashMap<String, usize>,
}

impl Index {
    fn maps(&self, artifacts: &[ResolvedArtifact]) -> &IndexMaps {
        self.maps.get_or_init(|| {
            let mut maps = IndexMaps::default();
            for (i, a) in artifacts.iter().enumerate() {
                maps.by_id.entry(a.artifact.id.to_string()).or_insert(i);
                match a.artifact.kind() {
                    ArtifactKind::Crate => maps.crates.entry(a.artifact.display_name()),
                    _ => maps.others.entry(a.artifact.name.to_lowercase()),
                }
                .or_insert(i);
            }
            maps
        })
    }
}

impl Report<'_> {
    pub fn count_kind(&self, kind: ArtifactKind) -> usize {
        self.artifacts
            .iter()
            .filter(|a| a.artifact.kind() == kind)
            .count()
    }

    /// The artifact with this id, if the id names one (findings about the
    /// config name an exception or a file instead).
    pub fn artifact(&self, id: &str) -> Option<&ResolvedArtifact> {
        let maps = self.index.maps(self.artifacts);
        maps.by_id.get(id).map(|&i| &self.artifacts[i])
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

/// How `check` exits on this verdict (see [`Exit::of`]): an unresolved
/// model counts apart from the other errors.
pub fn exit(verdict: &Verdict, deny_warnings: bool) -> Exit {
    let (unresolved, errors) = verdict
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .partition::<Vec<&Finding>, _>(|f| f.code == crate::domain::Code::ModelUnresolved);
    Exit::of(Tally {
        errors: errors.len(),
        unresolved: unresolved.len(),
        warnings: verdict.count(Severity::Warning),
        deny_warnings,
    })
}

/// The verdict in one line for a person, in three parts: the word, which
/// follows the exit code (`ok` 0, `FAILED` 1, `INCOMPLETE` 3), the counts
/// (`3 errors, 1 warning, 0 notes; 6 checked of 8 artifacts, 2 skipped:
/// app@0.1.0, unpublished; ...`) and the policy's name.
pub struct Summary {
    pub word: &'static str,
    pub counts: Safe<Plain>,
    pub policy: Safe<Plain>,
}

impl Summary {
    /// `FAILED: 3 errors, ... (policy: osi)`.
    pub fn line(&self) -> Safe<Plain> {
        safe!("{}: {} (policy: {})", self.word, &self.counts, &self.policy)
    }
}

/// The summary, counting every obligation note.
pub fn summary(report: &Report<'_>) -> Summary {
    summary_with(report, report.verdict.obligation_notes().len())
}

/// The summary as a person's format shows the findings: one per artifact
/// (its most severe), and `obligations` notes for the obligations.
pub fn summary_with(report: &Report<'_>, obligations: usize) -> Summary {
    let plural = |n: usize, w: &'static str| -> Safe<Plain> {
        if n == 1 {
            safe!("{} {}", n, w)
        } else {
            safe!("{} {}s", n, w)
        }
    };
    let v = report.verdict;
    let word = match exit(v, report.deny_warnings) {
        Exit::Holds => "ok",
        Exit::Incomplete => "INCOMPLETE",
        Exit::Fails | Exit::CannotRun => "FAILED",
    };
    let mut heads: Vec<(&str, Severity)> = Vec::new();
    for f in &v.findings {
        if f.code == crate::domain::Code::Obligation {
            continue;
        }
        match heads.iter_mut().find(|(a, _)| *a == f.artifact) {
            Some((_, s)) => *s = (*s).max(f.severity),
            None => heads.push((&f.artifact, f.severity)),
        }
    }
    let count = |s: Severity| heads.iter().filter(|(_, h)| *h == s).count();
    let mut counts = safe!(
        "{}, {}, {}; {} checked of {}",
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
        plural(count(Severity::Note) + obligations, "note"),
        v.checked,
        plural(report.artifacts.len(), "artifact"),
    );
    const SHOWN: usize = 5;
    if !v.skipped.is_empty() {
        let names = v
            .skipped
            .iter()
            .take(SHOWN)
            .map(|s| safe!("{}, {}", plain(&s.name), plain(&s.why.to_string())));
        counts.push(safe!(
            ", {} skipped: {}",
            v.skipped.len(),
            Safe::join(names, "; ")
        ));
        if v.skipped.len() > SHOWN {
            counts.push(safe!("; and {} more", v.skipped.len() - SHOWN));
        }
    }
    Summary {
        word,
        counts,
        policy: plain(&report.policy.name),
    }
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
        Some(ra) => format!("{}:{}", ra.artifact.kind().as_str(), ra.artifact.name),
        None => finding.artifact.to_string(),
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
/// separators, a 1-based line, and the bytes of the file that the stage
/// which read it recorded for the declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: u32,
    pub bytes: Option<std::ops::Range<usize>>,
}

/// The workspace files that findings point into, read by the caller
/// before rendering (`report` does no I/O; `lib.rs` reads what
/// [`SourceFiles::wanted`] names). Keys are paths relative to the workspace
/// root; a value is the file's text, or `None` for a file that exists but
/// was not read (a weight file is too large to search and never needs it).
#[derive(Debug, Default, Clone)]
pub struct SourceFiles {
    /// Each file's text with the byte offset of each line's start, so an
    /// excerpt costs no scan of the file.
    files: BTreeMap<String, Option<(String, Vec<usize>)>>,
}

/// How far `locate` climbs a path ("why is this here") to find an
/// ancestor declared in the workspace.
const MAX_CLIMB: usize = 64;

impl SourceFiles {
    pub fn insert(&mut self, path: String, text: Option<String>) {
        let indexed = text.map(|t| {
            let starts = std::iter::once(0)
                .chain(t.match_indices('\n').map(|(i, _)| i + 1))
                .collect();
            (t, starts)
        });
        self.files.insert(path, indexed);
    }

    fn exists(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// The line a location points at, and the part of it to underline:
    /// the recorded bytes that fall on the line, else the line without its
    /// indentation. `None` for a file not read or a line past its end.
    pub fn excerpt(&self, at: &Location) -> Option<(&str, std::ops::Range<usize>)> {
        let (text, starts) = self.files.get(&at.file)?.as_ref()?;
        let start = *starts.get(at.line.checked_sub(1)? as usize)?;
        let line = text.get(start..)?.lines().next()?;
        let end = start + line.len();
        let recorded = at
            .bytes
            .as_ref()
            .filter(|b| b.start >= start && b.start < end)
            .map(|b| b.start - start..b.end.min(end) - start)
            .filter(|r| line.is_char_boundary(r.start) && line.is_char_boundary(r.end));
        let indent = line.len() - line.trim_start().len();
        let whole = indent..line.trim_end().len().max(indent);
        Some((line, recorded.unwrap_or(whole)))
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
    let maps = report.index.maps(report.artifacts);
    maps.crates
        .get(name.as_str())
        .or_else(|| maps.others.get(&name.to_lowercase()))
        .map(|&i| &report.artifacts[i])
}

/// The one place a finding points at, for formats that need a file and a
/// line (SARIF, workflow commands). Never fails: when nothing better is
/// known it is the workspace's `Cargo.toml`, line 1.
///
/// The places are the ones the earlier stages recorded on the references
/// (`workspace` for manifests, `policy` and `discover` for declarations and
/// source), never searched for here:
///
/// - A crate: the `Cargo.toml` entry that depends on it (for a transitive
///   dependency outside the workspace, the entry of the workspace's
///   dependency that brings it in); for a workspace member, its own
///   manifest's `license`.
/// - A model: where its id is written, in source, the config or a manifest;
///   for a base model, the place that names its derivative.
/// - A weight file: the file itself.
/// - A finding about the config (an exception, an allowed license): the
///   entry in the config.
pub fn locate(report: &Report<'_>, sources: &SourceFiles, finding: &Finding) -> Location {
    let found = match report.artifact(&finding.artifact) {
        Some(ra) => locate_artifact(report, sources, ra),
        None => locate_config(report, sources, finding),
    };
    found.unwrap_or_else(|| Location {
        file: "Cargo.toml".to_owned(),
        line: 1,
        bytes: None,
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
            return Some(Location {
                file,
                line: r.line.filter(|&l| l > 0).unwrap_or(1),
                bytes: r.span.as_ref().map(|s| s.bytes.clone()),
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
        return Some(Location {
            file,
            line: line.filter(|&l| l > 0).unwrap_or(1),
            bytes: None,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32, bytes: Option<std::ops::Range<usize>>) -> Location {
        Location {
            file: "Cargo.toml".to_owned(),
            line,
            bytes,
        }
    }

    #[test]
    fn an_excerpt_underlines_the_recorded_bytes_on_its_line() {
        let text = "[dependencies]\r\n  serde = \"1\"   \r\n\u{e9} = 1\n";
        let mut sources = SourceFiles::default();
        sources.insert("Cargo.toml".to_owned(), Some(text.to_owned()));
        let serde = text.find("serde").unwrap();
        // The recorded bytes, clipped to the line.
        assert_eq!(
            sources.excerpt(&at(2, Some(serde..serde + 5))),
            Some(("  serde = \"1\"   ", 2..7))
        );
        assert_eq!(
            sources.excerpt(&at(2, Some(serde..text.len()))),
            Some(("  serde = \"1\"   ", 2..16))
        );
        // No bytes, or bytes of another line: the line without its indent.
        assert_eq!(
            sources.excerpt(&at(2, None)),
            Some(("  serde = \"1\"   ", 2..13))
        );
        assert_eq!(
            sources.excerpt(&at(2, Some(0..3))),
            Some(("  serde = \"1\"   ", 2..13))
        );
        // Never inside a character.
        let e = text.find('\u{e9}').unwrap();
        assert_eq!(
            sources.excerpt(&at(3, Some(e + 1..e + 2))),
            Some(("\u{e9} = 1", 0..6))
        );
        assert_eq!(sources.excerpt(&at(9, None)), None);
        assert_eq!(sources.excerpt(&at(0, None)), None);
        assert_eq!(
            sources.excerpt(&Location {
                file: "other".to_owned(),
                ..at(1, None)
            }),
            None
        );
    }
}
