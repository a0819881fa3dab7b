//! The license decision: a model's license, with evidence, from what was
//! gathered for it. Pure: no I/O, the same answer for the same card, tags,
//! LICENSE text, declaration and catalog.

use super::note;
use crate::catalog::Catalog;
use crate::domain::{DeclaredLicense, Evidence, EvidenceSource, License};
use crate::resolve::card::Card;
use crate::resolve::{parse_lax, texts};

/// A license id as a card writes it, mapped to an expression term.
enum Term {
    Known(String, Evidence),
    Unknown(Evidence),
}

fn card_evidence(card: &Card, repo: &str, key: &str, note: String) -> Evidence {
    Evidence {
        source: EvidenceSource::Card,
        file: Some(format!("{repo}/README.md").into()),
        line: card.line_of(key),
        quote: card.raw_line(key).map(Into::into),
        note: note.into(),
        ..Evidence::default()
    }
}

/// The license a `license_link` points at, when the catalog knows it: a
/// license's own link, or the LICENSE file of a Hub repository the catalog
/// lists under a license (a sibling in the same family). With how it was
/// known, for the evidence.
fn link_target<'c>(
    link: &str,
    catalog: &'c Catalog,
) -> Option<(&'c crate::catalog::Entry, String)> {
    if let Some(entry) = catalog.entries().iter().find(|e| {
        e.link
            .as_deref()
            .is_some_and(|l| l.eq_ignore_ascii_case(link))
    }) {
        return Some((entry, "its published text".to_owned()));
    }
    // A model repository's LICENSE file, by any URL form discovery knows.
    let urls = crate::discover::source::hub_urls(link);
    let [(0, url)] = urls.as_slice() else {
        return None;
    };
    let file = url.file.as_deref()?.rsplit('/').next()?;
    if url.dataset || !file.to_ascii_lowercase().starts_with("license") {
        return None;
    }
    let entry = catalog.for_repo(&url.id)?;
    Some((entry, format!("the LICENSE of {}", url.id)))
}

fn map_hub_id(
    id: &str,
    card: &Card,
    repo: &str,
    catalog: &Catalog,
    license_text: Option<&(String, String)>,
) -> Term {
    if id == "unknown" {
        return Term::Unknown(card_evidence(
            card,
            repo,
            "license",
            "the card says `license: unknown`".to_owned(),
        ));
    }
    if id == "other" {
        let target = card.license_link().and_then(|l| link_target(&l, catalog));
        let named = card.license_name().and_then(|n| {
            catalog
                .lookup(&n)
                .filter(|e| e.id != "other")
                .map(|e| (n, e))
        });
        // A family member's name with a sibling's LICENSE link: the link's
        // text is what the card points at.
        if let Some((entry, whose)) = target
            && named.as_ref().is_none_or(|(_, n)| n.id != entry.id)
        {
            let note = match &named {
                Some((name, other)) => format!(
                    "`license_name: {name}` names the {}, but `license_link` is {whose}, the text of the {}: read as the link's license",
                    other.name, entry.name
                ),
                None => format!("`license_link` is {whose}, the text of the {}", entry.name),
            };
            let ev = card_evidence(card, repo, "license_link", note);
            return Term::Known(entry.license_ref(), ev);
        }
        if let Some(name) = card.license_name()
            && let Some(entry) = catalog.lookup(&name).filter(|e| e.id != "other")
        {
            let ev = card_evidence(
                card,
                repo,
                "license_name",
                format!(
                    "`license: other` with `license_name: {name}`: {}",
                    entry.name
                ),
            );
            return Term::Known(entry.license_ref(), ev);
        }
        if let Some(link) = card.license_link() {
            let link_l = link.to_ascii_lowercase();
            if let Some(entry) = catalog.entries().iter().find(|e| {
                e.link
                    .as_deref()
                    .is_some_and(|l| l.eq_ignore_ascii_case(&link))
            }) {
                let ev = card_evidence(
                    card,
                    repo,
                    "license_link",
                    format!("`license_link` is the text of {}", entry.name),
                );
                return Term::Known(entry.license_ref(), ev);
            }
            if let Some((file, text)) = license_text
                && link_l.trim_start_matches("./").starts_with("license")
                && let Some((entry, phrase)) = catalog.detect(text)
            {
                let ev = Evidence {
                    source: EvidenceSource::LicenseFile,
                    file: Some(format!("{repo}/{file}").into()),
                    quote: Some(phrase.to_owned().into()),
                    note: format!(
                        "`license: other` links {link}, whose text is the {}",
                        entry.name
                    )
                    .into(),
                    ..Evidence::default()
                };
                return Term::Known(entry.license_ref(), ev);
            }
        }
        let name = card.license_name().unwrap_or_else(|| "(none)".to_owned());
        return Term::Unknown(card_evidence(
            card,
            repo,
            "license",
            format!(
                "`license: other` with `license_name: {name}`, which the catalog does not know, and no recognisable `license_link`"
            ),
        ));
    }
    if let Some(entry) = catalog.lookup(id) {
        let mut text = format!("the card says `license: {id}`: {}", entry.name);
        if entry.family {
            text.push_str(" (a family of licenses: which one is ambiguous)");
        }
        return Term::Known(
            entry.license_ref(),
            card_evidence(card, repo, "license", text),
        );
    }
    if let Some(expr) = parse_lax(id) {
        let ev = card_evidence(
            card,
            repo,
            "license",
            format!("the card says `license: {id}`, read as SPDX `{expr}`"),
        );
        return Term::Known(format!("({expr})"), ev);
    }
    Term::Unknown(card_evidence(
        card,
        repo,
        "license",
        format!("the card says `license: {id}`, which is neither a Hub license id nor SPDX"),
    ))
}

/// The license of a model from everything gathered, with evidence. Pure.
pub fn decide(
    card: &Card,
    tags: &[String],
    repo: &str,
    license_text: Option<&(String, String)>,
    declared: Option<&DeclaredLicense>,
    catalog: &Catalog,
    threshold: f32,
) -> License {
    if let Some(d) = declared {
        let ev = Evidence {
            source: EvidenceSource::Declared,
            file: Some(d.origin.clone().into()),
            quote: Some(d.expression.clone().into()),
            note: format!("declared by the project: {}", d.reason).into(),
            ..Evidence::default()
        };
        return License {
            expression: parse_declared(&d.expression, catalog).map(Box::new),
            evidence: vec![ev],
        };
    }
    let mut ids = card.licenses();
    let mut evidence = Vec::new();
    if ids.is_empty() {
        ids = tags
            .iter()
            .filter_map(|t| t.strip_prefix("license:"))
            .map(|s| s.trim().to_ascii_lowercase())
            .collect();
        if !ids.is_empty() {
            evidence.push(note(
                EvidenceSource::HubTags,
                format!(
                    "the Hub tags the repository `license:{}`",
                    ids.join("`, `license:")
                ),
            ));
        }
    }
    if !ids.is_empty() {
        let mut terms = Vec::new();
        let mut unknown = false;
        for id in &ids {
            match map_hub_id(id, card, repo, catalog, license_text) {
                Term::Known(term, ev) => {
                    evidence.push(ev);
                    terms.push(term);
                }
                Term::Unknown(ev) => {
                    evidence.push(ev);
                    unknown = true;
                }
            }
        }
        if !unknown && !terms.is_empty() {
            terms.dedup();
            if ids.len() > 1 {
                evidence.push(note(
                    EvidenceSource::Card,
                    "the card lists several licenses; all are taken to apply (AND)".to_owned(),
                ));
            }
            let expression = parse_lax(&terms.join(" AND ")).map(Box::new);
            return License {
                expression,
                evidence,
            };
        }
        if ids.iter().any(|i| i != "other" && i != "unknown") {
            return License::unknown(evidence);
        }
    } else {
        evidence.push(card_evidence(
            card,
            repo,
            "license",
            "the card has no `license`".to_owned(),
        ));
    }
    if let Some((file, text)) = license_text {
        if let Some((entry, phrase)) = catalog.detect(text) {
            evidence.push(Evidence {
                source: EvidenceSource::LicenseFile,
                file: Some(format!("{repo}/{file}").into()),
                quote: Some(phrase.to_owned().into()),
                note: format!(
                    "{file} is the {} (it names itself \"{phrase}\")",
                    entry.name
                )
                .into(),
                ..Evidence::default()
            });
            return License {
                expression: spdx::Expression::parse(&entry.license_ref())
                    .ok()
                    .map(Box::new),
                evidence,
            };
        }
        let d = texts::detect_text(text);
        if let Some(id) = d.license.filter(|_| d.score >= threshold) {
            evidence.push(Evidence {
                source: EvidenceSource::LicenseFile,
                file: Some(format!("{repo}/{file}").into()),
                score: Some((d.score * 1000.0).round() / 1000.0),
                note: format!("{file} detected as {id} with confidence {:.3}", d.score).into(),
                ..Evidence::default()
            });
            return License {
                expression: parse_lax(&id).map(Box::new),
                evidence,
            };
        }
        evidence.push(Evidence {
            source: EvidenceSource::LicenseFile,
            file: Some(format!("{repo}/{file}").into()),
            note: format!("{file} matches no license the catalog or the SPDX list knows").into(),
            ..Evidence::default()
        });
    }
    if let Some(entry) = catalog.for_repo(repo) {
        evidence.push(note(
            EvidenceSource::Catalog,
            format!(
                "{repo} is one of the vendor's official repositories, published under the {}",
                entry.name
            ),
        ));
        return License {
            expression: spdx::Expression::parse(&entry.license_ref())
                .ok()
                .map(Box::new),
            evidence,
        };
    }
    License::unknown(evidence)
}

/// A declared license: an SPDX expression whose terms may be catalog ids.
pub fn parse_declared(text: &str, catalog: &Catalog) -> Option<spdx::Expression> {
    let mapped: Vec<String> = text
        .split_whitespace()
        .map(|tok| {
            let (open, rest) = tok.split_at(tok.len() - tok.trim_start_matches('(').len());
            let core = rest.trim_end_matches(')');
            let close = &rest[core.len()..];
            let core = match core.to_ascii_uppercase().as_str() {
                "AND" | "OR" | "WITH" => core.to_owned(),
                _ => catalog
                    .lookup(core)
                    .map(|e| e.license_ref())
                    .unwrap_or_else(|| core.to_owned()),
            };
            format!("{open}{core}{close}")
        })
        .collect();
    parse_lax(&mapped.join(" "))
}

#[cfg(test)]
mod tests {
    use super::decide;
    use crate::catalog::Catalog;
    use crate::domain::DeclaredLicense;
    use crate::resolve::card::Card;

    const MIT_TEXT: &str = "MIT License\n\nCopyright (c) 2024 Acme\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the \"Software\"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:\n\nThe above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.\n\nTHE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.\n";

    /// One case: the card's front matter, the Hub's tags, the LICENSE text,
    /// a declared license; the expected license and a phrase of its evidence.
    struct Case {
        front: &'static str,
        tags: &'static [&'static str],
        license_file: Option<&'static str>,
        declared: Option<&'static str>,
        license: &'static str,
        because: &'static str,
    }

    const CASES: &[Case] = &[
        Case {
            front: "license: mit",
            tags: &[],
            license_file: None,
            declared: None,
            license: "MIT",
            because: "the card says `license: mit`",
        },
        Case {
            front: "license:\n- mit\n- apache-2.0",
            tags: &[],
            license_file: None,
            declared: None,
            license: "MIT AND Apache-2.0",
            because: "all are taken to apply (AND)",
        },
        Case {
            front: "license: llama2",
            tags: &[],
            license_file: None,
            declared: None,
            license: "LicenseRef-llama2",
            because: "Llama 2 Community License Agreement",
        },
        Case {
            front: "pipeline_tag: text-generation",
            tags: &["license:apache-2.0"],
            license_file: None,
            declared: None,
            license: "Apache-2.0",
            because: "the Hub tags the repository `license:apache-2.0`",
        },
        Case {
            front: "pipeline_tag: text-generation",
            tags: &[],
            license_file: Some(MIT_TEXT),
            declared: None,
            license: "MIT",
            because: "LICENSE",
        },
        Case {
            front: "license: unknown",
            tags: &[],
            license_file: None,
            declared: None,
            license: "unknown",
            because: "the card says `license: unknown`",
        },
        Case {
            front: "license: other",
            tags: &[],
            license_file: None,
            declared: None,
            license: "unknown",
            because: "which the catalog does not know",
        },
        Case {
            front: "license: not-a-license",
            tags: &[],
            license_file: None,
            declared: None,
            license: "unknown",
            because: "neither a Hub license id nor SPDX",
        },
        Case {
            front: "license: cc-by-nc-4.0",
            tags: &[],
            license_file: None,
            declared: Some("MIT"),
            license: "MIT",
            because: "declared by the project: checked by hand",
        },
    ];

    #[test]
    fn the_license_comes_from_the_first_source_that_names_one() {
        for case in CASES {
            let card = Card::parse(&format!("---\n{}\n---\n# A model\n", case.front));
            let tags: Vec<String> = case.tags.iter().map(|t| (*t).to_owned()).collect();
            let text = case
                .license_file
                .map(|t| ("LICENSE".to_owned(), t.to_owned()));
            let declared = case.declared.map(|e| DeclaredLicense {
                expression: e.to_owned(),
                reason: "checked by hand".to_owned(),
                origin: "model-audit.toml".to_owned(),
            });
            let license = decide(
                &card,
                &tags,
                "acme/m",
                text.as_ref(),
                declared.as_ref(),
                Catalog::builtin(),
                0.8,
            );
            let notes: Vec<&str> = license.evidence.iter().map(|e| e.note.as_str()).collect();
            assert_eq!(license.display(), case.license, "{}: {notes:?}", case.front);
            assert!(
                notes.iter().any(|n| n.contains(case.because)),
                "{}: {notes:?}",
                case.front
            );
        }
    }
}
