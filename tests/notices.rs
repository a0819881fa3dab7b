//! `notices` and obligations on a fixture workspace: crates with MIT, an
//! Apache-2.0 crate with a NOTICE file, a dual license, a `license-file`, a
//! crate whose text must come from the SPDX list; models under llama2,
//! llama3.1, gemma, cc-by-4.0 and openrail served by the mock hub.

mod common;
#[path = "support/hub.rs"]
mod hub;

use common::{Run, Workspace, json};
use hub::{MockHub, RepoSpec};
use serde_json::{Value, json};

const LLAMA2: &str = "1111111111111111111111111111111111111111";
const LLAMA31: &str = "2222222222222222222222222222222222222222";
const GEMMA: &str = "3333333333333333333333333333333333333333";
const CC: &str = "4444444444444444444444444444444444444444";
const RAIL: &str = "5555555555555555555555555555555555555555";
const LLAMA2_BARE: &str = "6666666666666666666666666666666666666666";
const H: &str = "7777777777777777777777777777777777777777";

const LLAMA2_NOTICE: &str = "Llama 2 is licensed under the LLAMA 2 Community License, Copyright (c) Meta Platforms, Inc. All Rights Reserved.";
const LLAMA31_NOTICE: &str = "Llama 3.1 is licensed under the Llama 3.1 Community License, Copyright © Meta Platforms, Inc. All Rights Reserved.";
const GEMMA_NOTICE: &str = "Gemma is provided under and subject to the Gemma Terms of Use found at ai.google.dev/gemma/terms";

struct Setup {
    ws: Workspace,
    hub: MockHub,
    cache: tempfile::TempDir,
}

fn card(license: &str) -> String {
    format!("---\nlicense: {license}\n---\n# A model\n")
}

impl Setup {
    fn new() -> Setup {
        let ws = Workspace::new("notices");
        let hub = MockHub::start();
        let model = |id: &str, sha: &str, license: &str| {
            RepoSpec::model(id)
                .sha(sha)
                .card_data(json!({ "license": license }))
                .file("README.md", card(license))
        };
        hub.add_repo(model("acme/llama2-chat", LLAMA2, "llama2").file(
            "LICENSE.txt",
            "LLAMA 2 COMMUNITY LICENSE AGREEMENT\nLlama 2 Version Release Date: July 18, 2023\n\n(fixture: the agreement, abbreviated) <not markup>\n",
        ));
        // No LICENSE in the repository: the catalog holds the text.
        hub.add_repo(model("acme/llama31-tuned", LLAMA31, "llama3.1"));
        hub.add_repo(model("acme/llama2-bare", LLAMA2_BARE, "llama2"));
        // No LICENSE, and neither the SPDX list nor the catalog has the text.
        hub.add_repo(model("acme/h-model", H, "h-research"));
        hub.add_repo(model("acme/gemma-small", GEMMA, "gemma").file(
            "LICENSE",
            "Gemma Terms of Use\n\n(fixture: the terms, abbreviated)\n",
        ));
        // No LICENSE: CC-BY-4.0 has a canonical SPDX text.
        hub.add_repo(model("acme/cc-model", CC, "cc-by-4.0"));
        hub.add_repo(
            model("acme/rail-model", RAIL, "openrail")
                .file(
                    "LICENSE",
                    "CreativeML Open RAIL-M\n\n(fixture: abbreviated)\n",
                )
                .file("NOTICE", "rail-model notice: trained by Acme.\n"),
        );
        Setup {
            ws,
            hub,
            cache: tempfile::tempdir().unwrap(),
        }
    }

    fn run(&self, args: &[&str]) -> Run {
        self.ws
            .run_against_hub(args, &self.hub.endpoint(), self.cache.path())
    }
}

/// The body of the first fenced block after `heading`.
fn block_after<'a>(doc: &'a str, heading: &str) -> &'a str {
    let at = doc
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading} in {doc}"));
    let rest = &doc[at..];
    let start = rest.find("```text\n").unwrap() + "```text\n".len();
    let end = rest[start..].find("```").unwrap();
    &rest[start..start + end]
}

#[test]
fn notices_markdown_has_the_texts_once_the_notices_verbatim_and_the_checklist() {
    let s = Setup::new();
    let run = s.run(&["notices", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = &run.stdout;

    // The notice lines the model licenses require, verbatim, one per line.
    assert!(
        doc.contains("4 models require a Notice file with the lines below, verbatim."),
        "{doc}"
    );
    assert_eq!(
        block_after(doc, "## Required notices"),
        format!("{GEMMA_NOTICE}\n{LLAMA2_NOTICE}\n{LLAMA31_NOTICE}\n")
    );

    // Identical texts once: mit-crate's LICENSE and dual's LICENSE-MIT.
    assert_eq!(
        doc.matches("Copyright (c) 2024 The Fixture Authors")
            .count(),
        1
    );
    assert!(
        doc.contains("Used by: dual@1.0.0 (LICENSE-MIT), mit-crate@1.0.0 (LICENSE)"),
        "{doc}"
    );
    // The dual license: MIT, the alternative the policy accepts first.
    assert!(
        doc.contains("| dual@1.0.0 | MIT OR Apache-2.0 | [MIT](#"),
        "{doc}"
    );
    assert!(!doc.contains("fixture copy of the dual crate"), "{doc}");
    // The license-file crate: its own LEGAL.txt, read as ISC.
    assert!(doc.contains("file-licensed@1.0.0 (LEGAL.txt)"), "{doc}");
    assert!(doc.contains("Copyright 2024 Legal File Authors"), "{doc}");
    // No text in the crate: the SPDX list's, saying so.
    assert!(
        doc.contains("no-text@1.0.0 (the SPDX License List's canonical text \\(the artifact ships no text of it\\))"),
        "{doc}"
    );
    assert!(
        doc.contains("This notice may not be removed or altered from any source distribution.")
    );
    // The Apache crate's own text and its NOTICE file, verbatim (escaped
    // only by the fence).
    assert!(doc.contains("apache-notice@1.0.0 (LICENSE)"), "{doc}");
    assert_eq!(
        block_after(doc, "### apache-notice@1.0.0: NOTICE"),
        "apache-notice\nCopyright 2024 The <b>Notice</b> Authors\n\nThis product includes software developed at Example Corp (https://example.org/).\n"
    );
    // Build scope is in, dev scope is not.
    assert!(doc.contains("| build-only@1.0.0 | BSD-3-Clause |"), "{doc}");
    assert!(!doc.contains("dev-only"), "{doc}");
    // The project's own crate is not third-party.
    assert!(!doc.contains("| app@0.1.0"), "{doc}");

    // Models: the repository's LICENSE, the canonical CC text, the NOTICE.
    assert!(
        doc.contains(&format!(
            "acme/llama2-chat (LICENSE.txt of acme/llama2-chat at {})",
            &LLAMA2[..12]
        )),
        "{doc}"
    );
    assert!(doc.contains("&lt;not markup&gt;") || doc.contains("<not markup>"));
    assert!(
        doc.contains("acme/cc-model (the SPDX License List's canonical text"),
        "{doc}"
    );
    assert!(
        doc.contains("acme/rail-model (LICENSE of acme/rail-model at"),
        "{doc}"
    );
    assert!(doc.contains("rail-model notice: trained by Acme."), "{doc}");

    // The checklist: what text cannot do.
    for line in [
        "- [ ] **\"Built with Llama\" displayed** (`LicenseRef-llama3.1`, display-branding)",
        "- [ ] **derived model names beginning \"Llama\"** (`LicenseRef-llama3.1`, name-prefix)",
        "- [ ] **their use restrictions passed on to recipients** (`LicenseRef-gemma`, pass-through-terms)",
        "- [ ] **their use restrictions passed on to recipients** (`LicenseRef-openrail`, pass-through-terms)",
        "- [ ] **attribution \\(creator, license, link\\)** (`CC-BY-4.0`, attribution)",
    ] {
        assert!(doc.contains(line), "missing {line} in {doc}");
    }
    assert!(doc.contains("  - where: a related website, user interface, blogpost, about page, or product documentation"));

    // No LICENSE in the repository: the catalog's copy of the official text,
    // saying where it was taken from, as a link.
    let llama2_source = "https://github.com/meta-llama/llama-models/blob/a9c89c471f793423afd4cc3ca8671d6e56fe64cb/models/llama2/LICENSE";
    assert!(
        doc.contains(&format!(
            "From the catalog, source <{llama2_source}>: the artifacts below ship no text of this license, and the SPDX License List has none."
        )),
        "{doc}"
    );
    assert!(
        doc.contains(
            "Used by: acme/llama2-bare (the catalog's copy of the license \\(the artifact ships no text of it\\))"
        ),
        "{doc}"
    );
    assert!(
        doc.contains("acme/llama31-tuned (the catalog's copy of the license"),
        "{doc}"
    );
    assert!(
        doc.contains("```text\nLLAMA 2 COMMUNITY LICENSE AGREEMENT\nLlama 2 Version Release Date: July 18, 2023\n"),
        "{doc}"
    );
    assert!(!run.stderr.contains("acme/llama2-bare"), "{}", run.stderr);
    assert!(!run.stderr.contains("acme/llama31-tuned"), "{}", run.stderr);

    // The text that could not be had is a finding and a section.
    assert!(
        run.stderr
            .contains("warning[notice-text-missing]: acme/h-model (`LicenseRef-h-research`)"),
        "{}",
        run.stderr
    );
    assert!(doc.contains("## Missing texts"), "{doc}");
    assert!(
        doc.contains("- acme/h-model (`LicenseRef-h-research`): no text of"),
        "{doc}"
    );
    // The catalog's link for the license, whatever it is.
    let link = cargo_model_audit::catalog::Catalog::builtin()
        .get("h-research")
        .and_then(|e| e.link.clone())
        .expect("the catalog links the H research license");
    assert!(
        doc.contains(&format!("the license is published at <{link}>")),
        "{doc}"
    );
    assert!(
        doc.contains("and neither the SPDX list nor the catalog holds its text"),
        "{doc}"
    );

    // Deterministic; offline works from the cache and the lock, and only
    // the reason for the missing text says it was offline.
    assert_eq!(&s.run(&["notices", "-q"]).stdout, doc);
    let again = s.run(&["notices", "-q", "--offline"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    let before_gaps = |d: &str| d[..d.find("## Missing texts").unwrap()].to_owned();
    assert_eq!(before_gaps(&again.stdout), before_gaps(doc));
    assert!(
        again
            .stdout
            .contains("local Hugging Face cache \\(the run is offline\\)")
    );
    // --deny-warnings fails on the missing text.
    assert_eq!(
        s.run(&["notices", "-q", "--offline", "--deny-warnings"])
            .code,
        1
    );
}

#[test]
fn notices_include_dev_and_write_html_and_text_atomically() {
    let s = Setup::new();
    let run = s.run(&["notices", "-q", "--include-dev", "--format", "text"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("THIRD-PARTY NOTICES\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("dev-only@1.0.0: MIT"), "{}", run.stdout);
    assert!(run.stdout.contains(LLAMA2_NOTICE));
    assert!(
        run.stdout.contains("From the catalog, source <https://github.com/meta-llama/llama-models/blob/a9c89c471f793423afd4cc3ca8671d6e56fe64cb/models/llama2/LICENSE>: "),
        "{}",
        run.stdout
    );

    let out = s.ws.path().join("NOTICES.html");
    let run = s.run(&[
        "notices",
        "-q",
        "--format",
        "html",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    // Text from outside is escaped.
    assert!(
        html.contains("Copyright 2024 The &lt;b&gt;Notice&lt;/b&gt; Authors"),
        "{html}"
    );
    assert!(html.contains("(fixture: the agreement, abbreviated) &lt;not markup&gt;"));
    assert!(!html.contains("<b>Notice</b>"));
    // The catalog's source is a link; the fallback says where the text is from.
    assert!(
        html.contains("<p class=\"text-origin\">From the catalog, source <a href=\"https://github.com/meta-llama/llama-models/blob/a9c89c471f793423afd4cc3ca8671d6e56fe64cb/models/llama2/LICENSE\">"),
        "{html}"
    );
    // Every text section is linked from the table of contents.
    let sections = html
        .matches("<section class=\"license\" id=\"text-")
        .count();
    assert!(sections >= 6, "{html}");
    for i in 1..=sections {
        assert!(
            html.contains(&format!("<a href=\"#text-{i}\">")),
            "text-{i} not linked"
        );
    }
    // `check` refuses the notices formats.
    assert_eq!(s.run(&["check", "--format", "html"]).code, 2);
}

#[test]
fn check_reports_obligations_per_license_and_per_artifact() {
    let s = Setup::new();
    let run = s.run(&["check", "-q", "--format", "json"]);
    let v: Value = json(&run);
    let model = |name: &str| -> &Value {
        v["artifacts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == name)
            .unwrap()
    };
    let obligations = model("acme/llama31-tuned")["obligations"]
        .as_array()
        .unwrap();
    let branding = obligations
        .iter()
        .find(|o| o["class"] == "display-branding")
        .unwrap();
    assert_eq!(branding["license"], "LicenseRef-llama3.1");
    assert_eq!(branding["words"], "Built with Llama");
    assert_eq!(
        branding["source"],
        "https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/LICENSE"
    );
    assert!(
        branding["quote"]
            .as_str()
            .unwrap()
            .contains("“Built with Llama”")
    );
    let notice = obligations
        .iter()
        .find(|o| o["class"] == "notice-file")
        .unwrap();
    assert_eq!(notice["words"], LLAMA31_NOTICE);
    // The dual crate carries MIT's obligations only; the app none.
    let dual: Vec<&str> = model("dual")["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["license"].as_str().unwrap())
        .collect();
    assert!(dual.iter().all(|l| *l == "MIT"), "{dual:?}");
    assert!(model("app")["obligations"].as_array().unwrap().is_empty());
    // One `obligation` note per license.
    let notes: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "obligation")
        .collect();
    let llama = notes
        .iter()
        .find(|f| f["artifact"] == "license:LicenseRef-llama3.1")
        .unwrap();
    assert_eq!(llama["severity"], "note");
    assert_eq!(
        llama["message"],
        "1 model under `LicenseRef-llama3.1` (Llama 3.1 Community License Agreement) requires a copy of the license text; a Notice file; \"Built with Llama\" displayed; derived model names beginning \"Llama\"; their use restrictions passed on to recipients"
    );
    assert_eq!(
        notes
            .iter()
            .filter(|f| f["artifact"] == "license:MIT")
            .count(),
        1
    );

    // Human: one line pointing at `notices`; with -v one block per license,
    // after the findings.
    let human = s.run(&["check", "-q"]).stdout;
    assert!(
        human.contains(&format!(
            "note[obligation]: {} licenses of what you ship ask for license texts or notices: `cargo model-audit notices` writes them (`-v` lists each)\n",
            notes.len()
        )),
        "{human}"
    );
    assert_eq!(human.matches("note[obligation]: ").count(), 1, "{human}");
    let human = s.run(&["check", "-q", "-v"]).stdout;
    assert_eq!(
        human.matches("note[obligation]: ").count(),
        notes.len(),
        "{human}"
    );
    assert!(human.contains("note[obligation]: 2 crates under `MIT` (MIT License) require a copy of the license text"), "{human}");
    assert!(
        human.contains(&format!("Exact words: \"{GEMMA_NOTICE}\"")),
        "{human}"
    );

    // Markdown and CycloneDX carry them too; SARIF does not (no location).
    let md = s.run(&["check", "-q", "--format", "markdown"]).stdout;
    assert!(md.contains("### What shipping requires"), "{md}");
    // The catalog's sources are links; nothing else is.
    assert!(
        md.contains(
            "<https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/LICENSE>"
        ),
        "{md}"
    );
    assert!(!md.contains("&lt;https:"), "{md}");
    let bom: Value =
        serde_json::from_str(&s.run(&["check", "-q", "--format", "cyclonedx"]).stdout).unwrap();
    let props: Vec<String> = bom["components"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["properties"].as_array().cloned().unwrap_or_default())
        .filter(|p| p["name"] == "cargo-model-audit:obligation")
        .map(|p| p["value"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        props.iter().any(
            |p| p.starts_with("display-branding (LicenseRef-llama3.1): ")
                && p.contains("Exact words: \"Built with Llama\".")
        ),
        "{props:?}"
    );
    let sarif = s.run(&["check", "-q", "--format", "sarif"]).stdout;
    assert!(!sarif.contains("\"ruleId\": \"obligation\""));
}

#[test]
fn explain_shows_obligations_with_their_clauses() {
    let run = common::run_in(std::env::temp_dir().as_path(), &["explain", "gemma"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("  obligations (what shipping it requires):")
    );
    assert!(
        run.stdout
            .contains(&format!("      exact words: \"{GEMMA_NOTICE}\""))
    );
    assert!(run.stdout.contains("    pass-through-terms: "));
    // A license without an SPDX text: the catalog's copy and its source.
    let llama2 = common::run_in(std::env::temp_dir().as_path(), &["explain", "llama2"], &[]);
    assert!(
        llama2.stdout.contains(
            "  catalog copy:    shipped with the tool (`notices` falls back to it), from https://github.com/meta-llama/llama-models/blob/"
        ),
        "{}",
        llama2.stdout
    );
    let cc0 = common::run_in(std::env::temp_dir().as_path(), &["explain", "CC0-1.0"], &[]);
    assert!(
        cc0.stdout
            .contains("  obligations:     none (A public-domain dedication: no conditions.)"),
        "{}",
        cc0.stdout
    );
}

/// The chromium binary: `$CHROMIUM`, else `chromium` on the PATH.
fn chromium() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "chromium".to_owned())
}

/// The HTML document opened in a real headless browser (Debian's
/// `chromium`, which `.ci/run` installs): the rendered page's table of
/// contents links every license section, and each section shows its text.
#[test]
#[ignore = "needs a headless chromium (Debian's `chromium` package); .ci/run installs it and runs this with --ignored"]
fn html_notices_render_in_a_headless_browser() {
    let s = Setup::new();
    let out = s.ws.path().join("NOTICES.html");
    let run = s.run(&[
        "notices",
        "-q",
        "--format",
        "html",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let profile = tempfile::tempdir().unwrap();
    let browser = std::process::Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            &format!("--user-data-dir={}", profile.path().display()),
            "--dump-dom",
            &format!("file://{}", out.display()),
        ])
        .output()
        .expect("run chromium (install Debian's `chromium`, or set CHROMIUM)");
    assert!(
        browser.status.success(),
        "{}",
        String::from_utf8_lossy(&browser.stderr)
    );
    let dom = String::from_utf8_lossy(&browser.stdout).into_owned();
    assert!(dom.contains("<nav id=\"contents\">"), "{dom}");
    let nav = &dom[dom.find("<nav id=\"contents\">").unwrap()..dom.find("</nav>").unwrap()];

    // Every license section, as the browser parsed it.
    let mut sections = Vec::new();
    let mut rest = dom.as_str();
    while let Some(at) = rest.find("<section class=\"license\" id=\"") {
        rest = &rest[at + "<section class=\"license\" id=\"".len()..];
        let id = &rest[..rest.find('"').unwrap()];
        let body = &rest[..rest.find("</section>").unwrap()];
        sections.push((id.to_owned(), body.to_owned()));
    }
    assert_eq!(sections.len(), 11, "{dom}");
    for (id, body) in &sections {
        assert!(
            nav.contains(&format!("<a href=\"#{id}\">")),
            "the contents do not link {id}"
        );
        let pre = body
            .split("<pre class=\"license-text\">")
            .nth(1)
            .and_then(|p| p.split("</pre>").next())
            .unwrap_or_else(|| panic!("{id} shows no text: {body}"));
        assert!(pre.trim().len() > 20, "{id} shows an empty text");
        assert!(body.contains("Used by: "), "{body}");
    }
    // The MIT section shows the crate's own text, once.
    let mit = sections
        .iter()
        .find(|(_, b)| b.contains("<code>MIT</code>"))
        .unwrap();
    assert!(mit.1.contains("Copyright (c) 2024 The Fixture Authors"));
    assert!(
        mit.1
            .contains("dual@1.0.0 (LICENSE-MIT), mit-crate@1.0.0 (LICENSE)")
    );
    // Text from outside stayed text: the NOTICE's <b> is not an element.
    assert!(
        dom.contains("The &lt;b&gt;Notice&lt;/b&gt; Authors"),
        "{dom}"
    );
    assert!(!dom.contains("<b>Notice</b>"));
    // The required notices, as shown.
    assert!(dom.contains(GEMMA_NOTICE));
    assert!(dom.contains(LLAMA2_NOTICE));
}
