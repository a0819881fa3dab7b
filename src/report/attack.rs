//! Every text renderer fed hostile text at once: a crate's name, a file
//! name, a card's claim, a license expression, an unaudited reference and
//! the gaps and NOTICE files of the notices each carry a newline followed by
//! `::add-mask::`, a bidi override, ESC, a line separator and zero-width
//! characters. Each must come out visible and on the line it started on:
//! never a raw dangerous character, never a line break of its own.

use super::escape::Output;
use super::{Audit, Report, SourceFiles};
use crate::domain::{Label, LooseReference, Reference, ReferenceKind};
use crate::evaluate::testkit::{catalog, krate, labelled, model, policy, resolved, today};
use crate::resolve::notices::{Gap, Gathered, NoticeText};
use std::collections::BTreeMap;

/// The payload, after a marker that says which kind of text it is.
fn payload(marker: &str) -> String {
    format!(
        "{marker}\u{202e}gnp\u{1b}[31m\u{7}\u{2028}\u{2029}\u{200b}\u{2060}\u{feff}\r\n::add-mask::X\n##[error]y"
    )
}

/// The kinds of text, by marker.
/// The kinds of one-line text, by marker; `KNOTICE` is a NOTICE file,
/// a block that keeps its lines (none of which may be a command).
const MARKERS: &[&str] = &["KNAME", "KFILE", "KCARD", "KLICENSE", "KLOOSE", "KGAP"];

fn audit() -> Audit {
    let mut name = krate(&payload("KNAME"), "GPL-3.0-only");
    name.artifact.references[0].file = Some(format!("src/{}.rs", payload("KFILE")).into());
    let mut card = labelled(model("acme/carded", ""), Label::OpenSource);
    card.claims[0].quote = payload("KCARD");
    let license = krate("licensed", &payload("KLICENSE"));
    let mut resolved = resolved(vec![name, card, license]);
    resolved.loose.push(LooseReference {
        id: payload("KLOOSE"),
        revision: None,
        dataset: false,
        why: payload("KLOOSE"),
        reference: Reference {
            kind: ReferenceKind::Dynamic,
            file: Some(payload("KFILE").into()),
            line: Some(3),
            krate: None,
            confidence: crate::domain::Confidence::Declared,
            dev: None,
            via: Vec::new(),
            span: None,
        },
        hub: false,
    });
    let policy = policy("extends = \"permissive\"");
    let verdict = crate::evaluate::evaluate(&resolved, &[], &policy, catalog(), today());
    Audit {
        policy,
        root: "/work/shop".into(),
        target_dir: "/work/shop/target".into(),
        resolved,
        verdict,
    }
}

/// Every text output of `check`, `list`, `explain` and `notices`, and the
/// notices' warnings for stderr, by name.
fn outputs(audit: &Audit) -> Vec<(String, String)> {
    let report = |verbose| Report {
        policy: &audit.policy,
        artifacts: &audit.resolved.artifacts,
        loose: &audit.resolved.loose,
        verdict: &audit.verdict,
        root: &audit.root,
        verbose,
        deny_warnings: false,
        index: Default::default(),
    };
    let (quiet, verbose) = (report(0), report(1));
    // The hostile file exists and is read: the formats that point at a line
    // name it and quote the line (which holds hostile text of its own).
    let mut sources = SourceFiles::default();
    sources.insert(
        format!("src/{}.rs", payload("KFILE")),
        Some("let id = \"KSRC\u{202e}\u{1b}[2J\u{2028}\u{200b}\";\n".to_owned()),
    );
    let text = |o: Output<'_>| String::from_utf8(o.to_bytes()).unwrap();
    let mut out = vec![
        (
            "human",
            text(Output::human(&super::human::render(&quiet, &sources))),
        ),
        (
            "human -v",
            text(Output::human(&super::human::render(&verbose, &sources))),
        ),
        (
            "list",
            text(Output::human(&super::human::render_list(&quiet))),
        ),
        (
            "list tsv",
            text(Output::text(&super::human::render_tsv(&quiet))),
        ),
        (
            "by license",
            text(Output::human(&super::human::render_by_license(&quiet))),
        ),
        (
            "by license tsv",
            text(Output::text(&super::human::render_by_license_tsv(&quiet))),
        ),
        (
            "markdown",
            text(Output::text(&super::markdown::render(&quiet, &sources))),
        ),
        (
            "list markdown",
            text(Output::text(&super::markdown::render_list(&quiet))),
        ),
        (
            "github",
            text(Output::workflow(&super::github::render(&quiet, &sources))),
        ),
    ];
    for ra in &audit.resolved.artifacts {
        let shown = super::explain::artifact(ra.artifact.id.as_str(), audit).unwrap();
        out.push(("explain", text(Output::human(&shown))));
    }
    let doc = super::notices::assemble(audit, false, catalog(), |wanted| {
        let mut got = BTreeMap::new();
        for w in wanted {
            let g = Gathered {
                licenses: Vec::new(),
                notices: vec![NoticeText {
                    file: payload("KFILE"),
                    text: payload("KNOTICE"),
                }],
                gaps: vec![Gap {
                    license: payload("KLICENSE"),
                    why: payload("KGAP"),
                }],
            };
            got.insert(w.artifact.artifact.id.clone(), g);
        }
        got
    });
    for (name, format) in [
        ("notices markdown", super::notices::Format::Markdown),
        ("notices html", super::notices::Format::Html),
        ("notices text", super::notices::Format::Text),
    ] {
        out.push((name, text(super::notices::render(&doc, format))));
    }
    let warnings: Vec<String> = super::notices::warnings(&doc)
        .into_iter()
        .map(|w| w.into_string())
        .collect();
    out.push(("notices warnings", warnings.join("\n")));
    out.into_iter().map(|(n, t)| (n.to_owned(), t)).collect()
}

#[test]
fn hostile_text_stays_visible_and_on_its_line_in_every_text_format() {
    let audit = audit();
    let mut problems = Vec::new();
    let mut reached: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (name, text) in outputs(&audit) {
        if let Some(c) = text
            .chars()
            .find(|&c| crate::domain::untrusted::is_dangerous(c) && c != '\n' && c != '\t')
        {
            problems.push(format!("{name}: a raw U+{:04X}", c as u32));
        }
        for line in text.lines() {
            let ours = name == "github"
                && ["::error ", "::warning ", "::notice "]
                    .iter()
                    .any(|a| line.starts_with(a));
            if line.trim_start().starts_with("::") && !ours || line.contains("##[") {
                problems.push(format!("{name}: a line the runner obeys: {line:?}"));
            }
            for marker in MARKERS.iter().chain(&["KNOTICE", "KSRC"]) {
                let Some(at) = line.find(marker) else {
                    continue;
                };
                let seen = reached.entry(marker).or_default();
                if !seen.contains(&name) {
                    seen.push(name.clone());
                }
                let rest = &line[at..];
                let cut = match *marker {
                    "KNOTICE" => false,
                    "KSRC" => !rest.contains("202e"),
                    _ => !(rest.contains("add-mask") && rest.contains("202e")),
                };
                if cut {
                    problems.push(format!("{name}: {marker} cut by a line break: {line:?}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Each kind reached the outputs that show it, so the test shows
    // something about each.
    let names: Vec<String> = outputs(&audit).into_iter().map(|(n, _)| n).collect();
    let expect: &[(&str, &[&str])] = &[
        ("KNAME", &[]),
        (
            "KFILE",
            &[
                "human",
                "markdown",
                "github",
                "list",
                "explain",
                "notices text",
            ],
        ),
        ("KSRC", &["human"]),
        ("KCARD", &["human", "markdown", "explain"]),
        (
            "KLICENSE",
            &["human", "markdown", "github", "explain", "notices html"],
        ),
        ("KLOOSE", &["list"]),
        (
            "KGAP",
            &[
                "notices markdown",
                "notices html",
                "notices text",
                "notices warnings",
            ],
        ),
        (
            "KNOTICE",
            &["notices markdown", "notices html", "notices text"],
        ),
    ];
    for (marker, formats) in expect {
        let seen = reached.get(marker).cloned().unwrap_or_default();
        // A crate's name is in every one of them.
        let formats: Vec<&str> = if formats.is_empty() {
            names.iter().map(String::as_str).collect()
        } else {
            formats.to_vec()
        };
        for f in formats {
            assert!(
                seen.iter().any(|s| s == f),
                "{marker} did not reach {f}: {seen:?}"
            );
        }
    }
}
