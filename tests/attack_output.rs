//! The pull request as attacker, on every output: each kind of text a pull
//! request (or the Hub) controls carries the same payload (bidi overrides,
//! zero-width characters, ESC, BEL, line separators, a newline followed by
//! `::add-mask::`, a legacy `##[` command, URLs and HTML), and every format
//! of `check`, `list`, `notices` and `explain`, on stdout and stderr, must
//! show it inert: no raw dangerous character, no line GitHub's runner would
//! obey but this tool's own annotations (whose values are escaped as the
//! runner requires), no link or markup in Markdown and HTML.
//!
//! Each kind has a marker word, so the test also shows which kinds reach
//! which format: a payload that never reached an output would prove nothing.

mod common;
#[path = "support/hub.rs"]
mod hub;

use common::{Run, Workspace, gguf};
use hub::{MockHub, RepoSpec};
use serde_json::json;
use std::collections::BTreeMap;

/// What the test calls dangerous, written from the specification rather
/// than taken from the code under test.
fn dangerous(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200b}'..='\u{200d}'
                | '\u{2060}'
                | '\u{feff}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// The payload, after a marker; `file` makes it short enough for a file
/// name (255 bytes) and leaves out what a file name cannot hold (`/`).
fn payload(marker: &str, file: bool) -> String {
    if file {
        return format!(
            "{marker}\u{202e}gnp\u{2066}\u{200b}\u{feff}\u{1b}[31m\u{7}\u{2028}\r\n::add-mask::FAILED\n ::stop-commands::x ##[error]f <b>b [l](x) www.evil.example"
        );
    }
    format!(
        "{marker}\u{202e}gnp.exe\u{2066}\u{200b}\u{200c}\u{200d}\u{2060}\u{feff}\u{1b}[31m\u{1b}]8;;x\u{7}\u{2028}\u{2029}\r\n::add-mask::FAILED\n  ::stop-commands::pwned ##[error]forged <b>bold</b> [link](x) www.evil.example https://evil.example/p.png ![i](https://evil.example/i.png)"
    )
}

/// A TOML basic string holding `text`.
fn toml_str(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || dangerous(c) => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The kinds of text from outside, by marker.
const KINDS: &[(&str, &str)] = &[
    ("KDESC", "a path dependency's description"),
    ("KLICENSE", "a path dependency's license expression"),
    ("KLICFILE", "a path dependency's license-file name"),
    ("KLICTEXT", "a path dependency's license text"),
    ("KNOTICE", "a path dependency's NOTICE file"),
    ("KWEIGHT", "a weight file's name"),
    ("KWMETA", "a weight file's license metadata"),
    ("KSRC", "a source file's name"),
    ("KREASON", "a config value (a license override's reason)"),
    ("KCARDLIC", "a card's license name (Hub)"),
    ("KCARD", "a card's text (Hub)"),
    ("KHUBLIC", "a LICENSE file from the Hub"),
];

/// The kinds whose text is one line wherever it is shown (the others are
/// texts that keep their lines, or a card's sentence without the newline).
const ONE_LINE: &[&str] = &[
    "KDESC", "KLICENSE", "KLICFILE", "KWEIGHT", "KWMETA", "KSRC", "KREASON", "KCARDLIC",
];

struct Attack {
    ws: Workspace,
    hub: MockHub,
    cache: tempfile::TempDir,
}

impl Attack {
    fn new() -> Attack {
        let ws = Workspace::new("clean");
        let manifest = std::fs::read_to_string(ws.path().join("Cargo.toml")).unwrap();
        ws.write(
            "Cargo.toml",
            &manifest.replace(
                "[workspace]",
                "[dependencies]\nhostile-dep = { path = \"crates/hostile-dep\" }\nhostile-file = { path = \"crates/hostile-file\" }\nhostile-notice = { path = \"crates/hostile-notice\" }\n\n[workspace]\nexclude = [\"crates\"]",
            ),
        );
        ws.write(
            "crates/hostile-dep/Cargo.toml",
            &format!(
                "[package]\nname = \"hostile-dep\"\nversion = \"0.1.0\"\nedition = \"2021\"\ndescription = {}\nlicense = {}\n",
                toml_str(&payload("KDESC", false)),
                toml_str(&payload("KLICENSE", false)),
            ),
        );
        ws.write("crates/hostile-dep/src/lib.rs", "");
        let license_file = format!("{}.txt", payload("KLICFILE", true));
        ws.write(
            "crates/hostile-file/Cargo.toml",
            &format!(
                "[package]\nname = \"hostile-file\"\nversion = \"0.1.0\"\nedition = \"2021\"\nlicense-file = {}\n",
                toml_str(&license_file),
            ),
        );
        ws.write("crates/hostile-file/src/lib.rs", "");
        let fixture = |rel: &str| {
            std::fs::read_to_string(common::fixtures().join("notices/crates").join(rel)).unwrap()
        };
        ws.write(
            &format!("crates/hostile-file/{license_file}"),
            &format!(
                "{}\n{}\n::add-mask::FAILED\n",
                fixture("file-licensed/LEGAL.txt"),
                payload("KLICTEXT", false)
            ),
        );
        ws.write(
            "crates/hostile-notice/Cargo.toml",
            "[package]\nname = \"hostile-notice\"\nversion = \"0.1.0\"\nedition = \"2021\"\nlicense = \"Apache-2.0\"\n",
        );
        ws.write("crates/hostile-notice/src/lib.rs", "");
        ws.write(
            "crates/hostile-notice/LICENSE",
            &fixture("apache-notice/LICENSE"),
        );
        ws.write(
            "crates/hostile-notice/NOTICE",
            &format!("hostile-notice\n{}\n", payload("KNOTICE", false)),
        );
        std::fs::create_dir_all(ws.path().join("models")).unwrap();
        std::fs::write(
            ws.path()
                .join("models")
                .join(format!("{}.gguf", payload("KWEIGHT", true))),
            gguf(&[("general.name", "w")]),
        )
        .unwrap();
        std::fs::write(
            ws.path().join("models/meta.gguf"),
            gguf(&[
                ("general.name", "m"),
                ("general.license", &payload("KWMETA", false)),
            ]),
        )
        .unwrap();
        ws.write(
            &format!("src/{}.rs", payload("KSRC", true)),
            "pub fn load() {\n    let api = hf_hub::api::sync::Api::new().unwrap();\n    api.model(\"acme/from-source\".into());\n}\n",
        );
        ws.write(
            "model-audit.toml",
            &format!(
                "extends = \"permissive\"\n[hub]\ntimeout-secs = 5\nretries = 0\n[[models]]\nid = \"acme/hostile\"\n[[models]]\nid = \"acme/texted\"\n[[models]]\nid = \"acme/over\"\nlicense = \"mit\"\nreason = {}\n",
                toml_str(&payload("KREASON", false))
            ),
        );
        let hub = MockHub::start();
        // The card's front matter, as YAML double-quoted strings (JSON's
        // escapes are YAML's), and a claim whose sentence holds the payload
        // but for its line breaks.
        let license_name = serde_json::to_string(&payload("KCARDLIC", false)).unwrap();
        let card = format!(
            "---\nlicense: other\nlicense_name: {license_name}\nlicense_link: https://evil.example/l\n---\n# A model\n\nThis model is open source, KCARD\u{202e}\u{2066}\u{200b}\u{1b}[31m\u{7} ##[error]x <b>b</b> www.evil.example.\n",
        );
        hub.add_repo(
            RepoSpec::model("acme/hostile")
                .card_data(json!({
                    "license": "other",
                    "license_name": payload("KCARDLIC", false),
                    "license_link": "https://evil.example/l",
                }))
                .file("README.md", card),
        );
        hub.add_repo(
            RepoSpec::model("acme/texted")
                .card_data(json!({"license": "mit"}))
                .file("README.md", "---\nlicense: mit\n---\n")
                .file(
                    "LICENSE",
                    format!(
                        "{}\n{}\n",
                        fixture("mit-crate/LICENSE"),
                        payload("KHUBLIC", false)
                    ),
                ),
        );
        for id in ["acme/over", "acme/from-source"] {
            hub.add_repo(
                RepoSpec::model(id)
                    .card_data(json!({"license": "mit"}))
                    .file("README.md", "---\nlicense: mit\n---\n"),
            );
        }
        Attack {
            ws,
            hub,
            cache: tempfile::tempdir().unwrap(),
        }
    }

    fn run(&self, args: &[&str]) -> Run {
        let r = self
            .ws
            .run_against_hub(args, &self.hub.endpoint(), self.cache.path());
        assert!(
            !r.stderr.contains("panicked") && !r.stderr.contains("internal error"),
            "{args:?}: {}",
            r.stderr
        );
        r
    }
}

/// How a format may be read.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// Plain text, for a terminal or a CI log.
    Text,
    /// Coloured text: only SGR colour sequences may use ESC.
    Coloured,
    /// GitHub workflow commands: our annotations may start a line.
    Workflow,
    Markdown,
    Html,
    Json,
}

/// An annotation of ours, with its values escaped as the runner requires:
/// properties `file`, `line`, `title` with no raw `:` or `,`, and only the
/// runner's `%` escapes. `None` when it is; else what is wrong.
fn bad_annotation(line: &str) -> Option<String> {
    let Some(rest) = ["::error ", "::warning ", "::notice "]
        .iter()
        .find_map(|p| line.strip_prefix(p))
    else {
        return Some("a command that is not an annotation".to_owned());
    };
    let Some((properties, message)) = rest.split_once("::") else {
        return Some("an annotation without a message".to_owned());
    };
    let mut keys = Vec::new();
    for p in properties.split(',') {
        match p.split_once('=') {
            Some((k, v)) if !v.contains(':') => keys.push(k),
            _ => return Some(format!("property {p:?} is not escaped")),
        }
    }
    if keys != ["file", "line", "title"] {
        return Some(format!("properties {keys:?}"));
    }
    let escapes_ok = |text: &str, allowed: &[&str]| {
        text.match_indices('%')
            .all(|(i, _)| allowed.iter().any(|a| text[i + 1..].starts_with(a)))
    };
    if !escapes_ok(properties, &["25", "0D", "0A", "3A", "2C"])
        || !escapes_ok(message, &["25", "0D", "0A"])
    {
        return Some("a `%` the runner would read as an escape".to_owned());
    }
    None
}

/// What is wrong with one output, read as `kind`.
fn problems(label: &str, kind: Kind, out: &str) -> Vec<String> {
    let mut found = Vec::new();
    let around = |i: usize| {
        let mut start = i.saturating_sub(40);
        while !out.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (i + 40).min(out.len());
        while !out.is_char_boundary(end) {
            end += 1;
        }
        format!("{:?}", &out[start..end])
    };
    for (i, c) in out.char_indices() {
        if c == '\n' || c == '\t' {
            continue;
        }
        if c == '\x1b' && kind == Kind::Coloured {
            let sgr = out[i + 1..].strip_prefix('[').and_then(|r| {
                let end = r.find('m')?;
                r[..end]
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ';')
                    .then_some(())
            });
            if sgr.is_none() {
                found.push(format!("{label}: ESC that is not a colour: {}", around(i)));
            }
            continue;
        }
        if dangerous(c) {
            found.push(format!("{label}: raw U+{:04X}: {}", c as u32, around(i)));
        }
    }
    // A browser links nothing by itself; a Markdown renderer links bare
    // URLs and `www.` too.
    let live: &[&str] = match kind {
        Kind::Markdown => &["://evil.example", "www.evil.example", "<b>", "](x)", "![i]"],
        Kind::Html => &["<b>", "href=\"https://evil", "src="],
        _ => &[],
    };
    let mut fence: Option<String> = None;
    for line in out.lines() {
        if kind == Kind::Workflow && line.starts_with("::") {
            if let Some(why) = bad_annotation(line) {
                found.push(format!("{label}: {why}: {line:?}"));
            }
            continue;
        }
        if line.trim_start().starts_with("::") || line.contains("##[") {
            found.push(format!("{label}: a line the runner obeys: {line:?}"));
        }
        if kind != Kind::Markdown {
            if let Some(link) = live.iter().find(|l| line.contains(**l)) {
                found.push(format!("{label}: live {link:?} in {line:?}"));
            }
            continue;
        }
        // Fenced blocks and code spans are inert: GFM links nothing in them.
        let ticks: String = line.chars().take_while(|&c| c == '`').collect();
        if ticks.len() >= 3 {
            match &fence {
                None => fence = Some(ticks),
                Some(open) if ticks.len() >= open.len() && line == ticks => fence = None,
                Some(_) => {}
            }
            continue;
        }
        if fence.is_some() {
            continue;
        }
        let outside: String = line.split('`').step_by(2).collect();
        if let Some(link) = live.iter().find(|l| outside.contains(**l)) {
            found.push(format!("{label}: live {link:?} in {line:?}"));
        }
    }
    found
}

#[test]
fn untrusted_text_is_inert_in_every_format() {
    let a = Attack::new();
    let runs: Vec<(&str, Kind, Vec<&str>)> = vec![
        ("check human", Kind::Text, vec!["-v"]),
        (
            "check human, colour",
            Kind::Coloured,
            vec!["-v", "--color", "always"],
        ),
        ("check json", Kind::Json, vec!["--format", "json"]),
        ("check github", Kind::Workflow, vec!["--format", "github"]),
        (
            "check markdown",
            Kind::Markdown,
            vec!["--format", "markdown"],
        ),
        ("check sarif", Kind::Json, vec!["--format", "sarif"]),
        ("check cyclonedx", Kind::Json, vec!["--format", "cyclonedx"]),
        ("list human", Kind::Text, vec!["list"]),
        ("list json", Kind::Json, vec!["list", "--format", "json"]),
        ("list tsv", Kind::Text, vec!["list", "--format", "tsv"]),
        (
            "list markdown",
            Kind::Markdown,
            vec!["list", "--format", "markdown"],
        ),
        (
            "list by license",
            Kind::Text,
            vec!["list", "--group-by", "license"],
        ),
        (
            "list by license tsv",
            Kind::Text,
            vec!["list", "--group-by", "license", "--format", "tsv"],
        ),
        ("notices markdown", Kind::Markdown, vec!["notices"]),
        (
            "notices html",
            Kind::Html,
            vec!["notices", "--format", "html"],
        ),
        (
            "notices text",
            Kind::Text,
            vec!["notices", "--format", "text"],
        ),
        ("explain", Kind::Text, vec!["explain", "acme/hostile"]),
    ];
    let mut reached: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut found = Vec::new();
    for (label, kind, args) in &runs {
        let r = a.run(args);
        assert!(
            matches!(r.code, 0 | 1 | 3),
            "{label}: exit {}: {}{}",
            r.code,
            r.stdout,
            r.stderr
        );
        found.extend(problems(label, *kind, &r.stdout));
        let stderr = if *kind == Kind::Coloured {
            Kind::Coloured
        } else {
            Kind::Text
        };
        found.extend(problems(&format!("{label} (stderr)"), stderr, &r.stderr));
        // Shown, not dropped: a reviewer sees the override was there.
        let shown = if *kind == Kind::Json {
            "\\u202e"
        } else {
            "\\u{202e}"
        };
        // The payload's ESC comes right after its BOM: raw there, it is
        // from outside, even where it looks like a colour.
        if r.stdout.contains("\\u{feff}\u{1b}") || r.stdout.contains("\\ufeff\u{1b}") {
            found.push(format!("{label}: an ESC from outside"));
        }
        if !r.stdout.contains(shown) {
            found.push(format!("{label}: no {shown} shown"));
        }
        if *kind == Kind::Json && serde_json::from_str::<serde_json::Value>(&r.stdout).is_err() {
            found.push(format!("{label}: not JSON"));
        }
        // A one-line text keeps its payload on the line it starts on: the
        // newline before `::add-mask::` is shown, never a line break.
        if *kind != Kind::Json {
            for (stream, text) in [("stdout", &r.stdout), ("stderr", &r.stderr)] {
                for line in text.lines() {
                    for marker in ONE_LINE {
                        let Some(at) = line.to_lowercase().find(&marker.to_lowercase()) else {
                            continue;
                        };
                        let rest = &line[at..];
                        if !rest.to_lowercase().contains("add-mask") {
                            found.push(format!(
                                "{label} ({stream}): {marker} cut by a line break: {line:?}"
                            ));
                        }
                    }
                }
            }
        }
        for (marker, _) in KINDS {
            // Some texts are shown lower-cased (a card's license name).
            let seen = |text: &str| text.to_lowercase().contains(&marker.to_lowercase());
            if seen(&r.stdout) || seen(&r.stderr) {
                reached.entry(marker).or_default().push(label);
            }
        }
    }
    let mut table = String::new();
    for (marker, what) in KINDS {
        let formats = reached.get(marker).cloned().unwrap_or_default();
        table.push_str(&format!(
            "{marker:>9} {:>2} formats: {what}: {}\n",
            formats.len(),
            formats.join(", ")
        ));
    }
    eprintln!("{table}");
    assert!(
        found.is_empty(),
        "{} problems:\n{}",
        found.len(),
        found.join("\n")
    );
    for (marker, what) in KINDS {
        assert!(
            reached.contains_key(marker),
            "{what} ({marker}) reached no output, so this test shows nothing about it:\n{table}"
        );
    }
}

/// `init` writes where it found each model into the config it generates, as
/// a comment: a file name cannot end the comment and write config of its own.
#[test]
fn init_keeps_a_file_name_inside_its_comment() {
    let ws = Workspace::new("clean");
    ws.write(
        "src/x\n[licenses]\nallow = [\"GPL-3.0\"] #.rs",
        "pub fn load() {\n    let api = hf_hub::api::sync::Api::new().unwrap();\n    api.model(\"acme/tiny\".into());\n}\n",
    );
    let r = ws.run(&["init"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let config = std::fs::read_to_string(ws.path().join("model-audit.toml")).unwrap();
    assert!(config.contains("acme/tiny"), "{config}");
    let table: toml::Table = config.parse().unwrap_or_else(|e| panic!("{e}: {config}"));
    let allow = table
        .get("licenses")
        .and_then(|l| l.as_table())
        .and_then(|l| l.get("allow"));
    assert!(allow.is_none(), "{config}");
    assert!(!config.lines().any(|l| l.starts_with("allow")), "{config}");
}

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path
                .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .unwrap()
                .display()
                .to_string();
            out.push((rel, std::fs::read_to_string(&path).unwrap()));
        }
    }
}

/// The guarantee holds by construction only while there is one way out: a
/// report reaches stdout through `emit` (which takes a checked `Output`),
/// stderr only from `lib.rs` and the panic hook, and a report's JSON only
/// through the escaping formatter.
#[test]
fn reports_leave_only_through_the_checked_writer() {
    let mut files = Vec::new();
    sources(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    // (file, the one use allowed there)
    let allowed = [
        ("src/lib.rs", "std::io::stdout().lock()"),
        ("src/lib.rs", "console::Term::stdout().is_term()"),
        ("src/lib.rs", "eprintln!("),
        ("src/report/escape.rs", "serde_json::to_string_pretty"),
    ];
    let mut found = Vec::new();
    for (file, text) in &files {
        let mut needles = vec!["println!", "print!(", "io::stdout", "Term::stdout"];
        if file.starts_with("src/report/") {
            needles.extend([
                "serde_json::to_string",
                "serde_json::to_vec",
                "serde_json::to_writer",
            ]);
        }
        for line in text.lines().map(str::trim).filter(|l| !l.starts_with("//")) {
            let bypass = needles.iter().any(|n| line.contains(n))
                && !allowed.iter().any(|(f, a)| file == f && line.contains(a));
            if bypass {
                found.push(format!("{file}: {line}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "output that bypasses the check:\n{}",
        found.join("\n")
    );
}

/// A model id that is no id: refused, and the message that quotes it is as
/// inert as a report.
#[test]
fn a_hostile_model_id_is_refused_with_an_inert_message() {
    let ws = Workspace::new("clean");
    ws.write(
        "model-audit.toml",
        &format!("[[models]]\nid = {}\n", toml_str(&payload("KID", false))),
    );
    for format in ["human", "github", "json"] {
        let r = ws.run(&["--offline", "--format", format]);
        assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
        assert!(r.stderr.contains("KID"), "{}", r.stderr);
        let found = problems(&format!("{format} (stderr)"), Kind::Text, &r.stderr);
        assert!(found.is_empty(), "{}", found.join("\n"));
        assert!(r.stdout.is_empty(), "{}", r.stdout);
    }
}
