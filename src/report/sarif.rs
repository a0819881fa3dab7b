//! SARIF 2.1.0, for code scanning: one rule per finding code with its
//! description and help, one result per finding. GitHub rejects results with
//! no location or with several, so every result has exactly one physical
//! location (see [`super::locate`]), relative to the workspace root under
//! `%SRCROOT%`, and a partial fingerprint that keeps it the same alert from
//! one run to the next.

use super::{Report, SourceFiles, fingerprint, locate};
use crate::domain::{Code, Severity};
use serde::Serialize;
use std::collections::BTreeMap;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The key of our entry in `partialFingerprints`; the `/v1` changes if the
/// fingerprint's recipe ever does.
pub const FINGERPRINT_KEY: &str = "cargoModelAudit/v1";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
struct Run<'a> {
    tool: Tool,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Text,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: [&'static str; 2],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [ResultLocation; 1],
    partial_fingerprints: BTreeMap<&'static str, String>,
    properties: ResultProperties<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultLocation {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    uri_base_id: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
}

#[derive(Serialize)]
struct ResultProperties<'a> {
    artifact: &'a str,
    reasons: &'a [crate::domain::Reason],
    #[serde(skip_serializing_if = "<[crate::domain::SharedStr]>::is_empty")]
    path: &'a [crate::domain::SharedStr],
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// `license-not-allowed` as a rule name: `LicenseNotAllowed`.
fn rule_name(code: Code) -> String {
    code.as_str()
        .split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// A relative path as a URI reference: every byte outside RFC 3986's
/// unreserved set and `/` percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn message(f: &crate::domain::Finding) -> String {
    let mut text = f.message.clone();
    for r in &f.reasons {
        text.push_str("\n- ");
        text.push_str(&r.to_string());
    }
    text
}

/// The SARIF log, pretty-printed, ending in a newline. Results are in the
/// verdict's order, rules in the order of [`Code::ALL`].
pub fn render(report: &Report<'_>, sources: &SourceFiles) -> super::escape::Json {
    let rules = Code::ALL
        .iter()
        .map(|&code| Rule {
            id: code.as_str(),
            name: rule_name(code),
            short_description: Text {
                text: code.description().to_owned(),
            },
            full_description: Text {
                text: format!("{}.", upper_first(code.description())),
            },
            help: Text {
                text: code.help().to_owned(),
            },
            properties: RuleProperties {
                tags: ["license", "supply-chain"],
            },
        })
        .collect();
    // Obligations are about licenses, not a place in the code: they stay in
    // the other reports.
    let results = report
        .verdict
        .findings
        .iter()
        .filter(|f| f.code != Code::Obligation)
        .map(|f| {
            let at = locate(report, sources, f);
            SarifResult {
                rule_id: f.code.as_str(),
                rule_index: Code::ALL.iter().position(|c| *c == f.code).unwrap_or(0),
                level: level(f.severity),
                message: Text { text: message(f) },
                locations: [ResultLocation {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation {
                            uri: uri(&at.file),
                            uri_base_id: "%SRCROOT%",
                        },
                        region: Region {
                            start_line: at.line.max(1),
                        },
                    },
                }],
                partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, fingerprint(report, f))]),
                properties: ResultProperties {
                    artifact: &f.artifact,
                    reasons: &f.reasons,
                    path: &f.path,
                    help: f.help.as_deref(),
                },
            }
        })
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: env!("CARGO_PKG_NAME"),
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            results,
        }],
    };
    super::escape::to_json(&log)
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names_are_pascal_case() {
        assert_eq!(rule_name(Code::LicenseNotAllowed), "LicenseNotAllowed");
        assert_eq!(rule_name(Code::OpenWashing), "OpenWashing");
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("app/Cargo.toml"), "app/Cargo.toml");
        assert_eq!(uri("my app/ü.toml"), "my%20app/%C3%BC.toml");
    }
}
