//! Confirming untraced literals on the Hub: an id-shaped literal in a crate
//! that calls the Hub, which no Hub call was traced to, is audited once the
//! Hub says the repository exists (`[scan] confirm-untraced`,
//! `--confirm-untraced`), and the answer is recorded in model-audit.lock so
//! that later offline runs agree. The Hub is the mock on 127.0.0.1.

mod common;
#[path = "support/hub.rs"]
mod hub;

use common::{Run, Workspace, findings, json};
use hub::{Fault, Gated, MockHub, RepoSpec};
use serde_json::{Value, json};

/// The app: one model handed to the Hub, and names it only shows.
const MAIN: &str = r#"//! Loads one model; the others it only names.
use hf_hub::api::sync::Api;

fn main() {
    let api = Api::new().unwrap();
    let _repo = api.model("acme/traced".to_string());
    println!("{}", label(std::env::args().count()));
}

/// Names shown to the user; the Hub never sees them here.
fn label(i: usize) -> &'static str {
    match i {
        0 => "acme/real",
        1 => "acme/nothing",
        2 => "acme/private",
        3 => "acme/flaky",
        _ => "other",
    }
}
"#;

struct Setup {
    ws: Workspace,
    hub: MockHub,
    cache: tempfile::TempDir,
}

fn card(license: &str) -> String {
    format!("---\nlicense: {license}\n---\n# A model\n")
}

impl Setup {
    /// The app with `main` as its source, `scan` added to `[scan]`, and a
    /// Hub that serves `acme/traced` and `acme/real` (Apache-2.0).
    fn new(main: &str, scan: &str) -> Setup {
        let ws = Workspace::new("hub-v1");
        for gone in ["src/hub.rs", "src/render.rs"] {
            std::fs::remove_file(ws.path().join(gone)).unwrap();
        }
        ws.write("src/main.rs", main);
        ws.write(
            "model-audit.toml",
            &format!(
                "extends = \"permissive\"\n[hub]\ntimeout-secs = 1\nretries = 0\n\n[scan]\n{scan}\n"
            ),
        );
        let hub = MockHub::start();
        for id in ["acme/traced", "acme/real"] {
            hub.add_repo(
                RepoSpec::model(id)
                    .card_data(json!({"license": "apache-2.0"}))
                    .file("README.md", card("apache-2.0")),
            );
        }
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

    fn json(&self, args: &[&str]) -> (Run, Value) {
        let mut all = args.to_vec();
        all.extend(["--format", "json"]);
        let run = self.run(&all);
        let v = json(&run);
        (run, v)
    }

    fn lock(&self) -> String {
        std::fs::read_to_string(self.ws.path().join("model-audit.lock")).unwrap_or_default()
    }

    fn asked(&self, id: &str) -> usize {
        self.hub
            .requests_to(&format!("/api/models/{id}/revision/main"))
            .len()
    }
}

fn line_of(text: &str, needle: &str) -> u64 {
    text.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1
}

/// The models of a report: `(name, reference kinds)`.
fn models(v: &Value) -> Vec<(String, Vec<String>)> {
    v["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "model")
        .map(|a| {
            let kinds = a["references"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["kind"].as_str().unwrap().to_owned())
                .collect();
            (a["name"].as_str().unwrap().to_owned(), kinds)
        })
        .collect()
}

fn model<'v>(v: &'v Value, name: &str) -> &'v Value {
    v["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == name && a["kind"] == "model")
        .unwrap_or_else(|| panic!("no model {name} in {v:#}"))
}

/// `(id, kind, why)` of the unaudited references.
fn unaudited(v: &Value) -> Vec<(String, String, String)> {
    v["unaudited_references"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["id"].as_str().unwrap().to_owned(),
                l["reference"]["kind"].as_str().unwrap().to_owned(),
                l["why"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn why<'a>(loose: &'a [(String, String, String)], id: &str) -> &'a str {
    &loose
        .iter()
        .find(|l| l.0 == id)
        .unwrap_or_else(|| panic!("{id} is not unaudited: {loose:#?}"))
        .2
}

#[test]
fn without_the_opt_in_nothing_is_asked_and_the_literals_stay_listed() {
    let s = Setup::new(MAIN, "");
    let (run, v) = s.json(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(s.asked("acme/real"), 0);
    let ids: Vec<String> = unaudited(&v).into_iter().map(|l| l.0).collect();
    assert_eq!(
        ids,
        ["acme/real", "acme/nothing", "acme/private", "acme/flaky"]
    );
    assert_eq!(
        models(&v),
        [("acme/traced".into(), vec!["call-argument".into()])]
    );
    assert!(!s.lock().contains("[[untraced]]"), "{}", s.lock());
}

#[test]
fn the_hub_confirms_one_denies_one_refuses_one_and_fails_on_one() {
    let s = Setup::new(MAIN, "confirm-untraced = true");
    s.hub
        .push_fault("/api/models/acme/private/", Fault::Status(401));
    s.hub
        .push_fault("/api/models/acme/flaky/", Fault::Status(503));
    let (run, v) = s.json(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    // 200: a model, referenced where the literal is, resolved like any.
    let real = model(&v, "acme/real");
    assert_eq!(real["license"]["expression"], "Apache-2.0");
    let reference = &real["references"][0];
    assert_eq!(reference["kind"], "hub-confirmed");
    assert_eq!(reference["file"], "src/main.rs");
    assert_eq!(reference["line"], line_of(MAIN, "\"acme/real\""));
    assert_eq!(reference["confidence"], "medium");
    assert_eq!(real["path"], json!(["hub-v1@0.1.0", "acme/real"]));

    // 404, 401 and a 503: unaudited, each with its reason.
    let loose = unaudited(&v);
    assert_eq!(loose.len(), 3, "{loose:#?}");
    assert!(loose.iter().all(|l| l.1 == "untraced"));
    assert!(
        why(&loose, "acme/nothing").ends_with("; the Hub has no repository acme/nothing"),
        "{loose:#?}"
    );
    let private = why(&loose, "acme/private");
    assert!(
        private.contains("the Hub refused to say whether acme/private exists (HTTP 401)")
            && private.contains("HF_TOKEN"),
        "{private}"
    );
    let flaky = why(&loose, "acme/flaky");
    assert!(
        flaky.contains("not confirmed, the Hub did not answer: HTTP 503"),
        "{flaky}"
    );
    // A failure is said on stderr too, never only in the list.
    assert!(
        run.stderr.contains(
            "warning: acme/flaky could not be confirmed on the Hub, so it stays unaudited: HTTP 503"
        ),
        "{}",
        run.stderr
    );

    // The answers are in the lock, with the day; the failure is not.
    let lock = s.lock();
    for (id, answer) in [
        ("acme/real", "exists"),
        ("acme/nothing", "absent"),
        ("acme/private", "refused"),
    ] {
        assert!(
            lock.contains(&format!(
                "[[untraced]]\nid = \"{id}\"\nhub = \"{answer}\"\nchecked = \""
            )),
            "{lock}"
        );
    }
    assert!(!lock.contains("acme/flaky"), "{lock}");
    // The confirmed model has its own entry, as every model does.
    assert!(lock.contains("[[model]]\nid = \"acme/real\""), "{lock}");
}

#[test]
fn later_offline_runs_agree_with_the_lock_and_ask_nothing() {
    let s = Setup::new(MAIN, "confirm-untraced = true");
    let (first, online) = s.json(&["check"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    s.hub.reset_counts();
    // Offline, with and without the opt-in: the same models, no request.
    for scan in ["confirm-untraced = true", ""] {
        s.ws.write(
            "model-audit.toml",
            &format!("extends = \"permissive\"\n[scan]\n{scan}\n"),
        );
        let (run, v) = s.json(&["check", "--offline"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(models(&v), models(&online));
        assert_eq!(
            model(&v, "acme/real")["license"]["expression"],
            "Apache-2.0"
        );
        let loose = unaudited(&v);
        assert!(
            why(&loose, "acme/nothing").contains("model-audit.lock records the Hub's answer of 20"),
            "{loose:#?}"
        );
        assert!(
            why(&loose, "acme/nothing").ends_with(": no such repository"),
            "{loose:#?}"
        );
    }
    assert_eq!(s.hub.request_count(), 0);
}

#[test]
fn offline_with_the_opt_in_asks_nothing_and_says_so() {
    let s = Setup::new(MAIN, "");
    let (run, v) = s.json(&["list", "--offline", "--confirm-untraced"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(s.hub.request_count(), 0);
    let loose = unaudited(&v);
    assert!(
        why(&loose, "acme/real").ends_with(
            "; not confirmed: the run is offline and model-audit.lock records no answer for it"
        ),
        "{loose:#?}"
    );
    // The same with HF_HUB_OFFLINE=1.
    let endpoint = s.hub.endpoint();
    let run = s.ws.run_env(
        &["list", "--confirm-untraced", "--format", "json"],
        &[("HF_ENDPOINT", endpoint.as_str()), ("HF_HUB_OFFLINE", "1")],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(s.hub.request_count(), 0);
}

#[test]
fn a_timeout_leaves_the_literal_unaudited_with_a_warning() {
    let s = Setup::new(MAIN, "confirm-untraced = true");
    s.hub
        .push_fault("/api/models/acme/real/", Fault::NeverAnswer);
    let (run, v) = s.json(&["list"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!models(&v).iter().any(|m| m.0 == "acme/real"));
    let loose = unaudited(&v);
    assert!(
        why(&loose, "acme/real").contains("not confirmed, the Hub did not answer")
            && why(&loose, "acme/real").contains("timeout"),
        "{loose:#?}"
    );
    assert!(
        run.stderr
            .contains("warning: acme/real could not be confirmed"),
        "{}",
        run.stderr
    );
    assert_eq!(s.lock(), "", "`list` writes no lock");
}

#[test]
fn a_gated_repository_exists_and_is_audited_with_its_terms() {
    let main = MAIN.replace("\"other\"", "\"meta-llama/Llama-2-7b-hf\"");
    let s = Setup::new(&main, "confirm-untraced = true");
    s.hub.add_repo(
        RepoSpec::model("meta-llama/Llama-2-7b-hf")
            .card_data(json!({"license": "llama2"}))
            .tag("license:llama2")
            .gated(Gated::Manual)
            .file("README.md", card("llama2")),
    );
    let (run, v) = s.json(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let llama = model(&v, "meta-llama/Llama-2-7b-hf");
    assert_eq!(llama["license"]["expression"], "LicenseRef-llama2");
    assert_eq!(llama["references"][0]["kind"], "hub-confirmed");
    let f = findings(&v);
    assert!(
        f.iter()
            .any(|(c, _, a)| c == "license-not-allowed" && a.contains("Llama-2")),
        "{f:?}"
    );
}

#[test]
fn a_lock_can_add_a_model_and_never_hide_one() {
    let s = Setup::new(&MAIN.replace("\"other\"", "\"acme/ghost\""), "");
    // Written by the checkout: a repository the Hub does not have "exists",
    // a traced model and a real one are "absent", and one the source does
    // not name exists.
    s.ws.write(
        "model-audit.lock",
        "version = 1\n\n\
         [[untraced]]\nid = \"acme/ghost\"\nhub = \"exists\"\nchecked = \"2026-01-01\"\n\n\
         [[untraced]]\nid = \"acme/traced\"\nhub = \"absent\"\nchecked = \"2026-01-01\"\n\n\
         [[untraced]]\nid = \"acme/real\"\nhub = \"absent\"\nchecked = \"2026-01-01\"\n\n\
         [[untraced]]\nid = \"acme/elsewhere\"\nhub = \"exists\"\nchecked = \"2026-01-01\"\n",
    );
    let (run, v) = s.json(&["check"]);
    // The claimed model is audited, and since the Hub has no such
    // repository it is unresolved: a finding added, none removed.
    assert_eq!(run.code, 3, "{}", run.stderr);
    let ghost = model(&v, "acme/ghost");
    assert_eq!(ghost["references"][0]["kind"], "hub-confirmed");
    let f = findings(&v);
    assert!(
        f.iter()
            .any(|(c, _, a)| c == "model-unresolved" && a.contains("acme/ghost")),
        "{f:?}"
    );
    // The traced model is audited whatever the lock says.
    assert_eq!(
        model(&v, "acme/traced")["license"]["expression"],
        "Apache-2.0"
    );
    // A name the source does not have is no model.
    assert!(!models(&v).iter().any(|m| m.0 == "acme/elsewhere"));
    // "absent" keeps a literal where it would be without the lock.
    assert!(why(&unaudited(&v), "acme/real").contains("records the Hub's answer of 2026-01-01"));

    // With the opt-in, a recorded "absent" is asked again: the Hub's
    // answer adds the model, and the lock says so from now on.
    let (run, v) = s.json(&["check", "--confirm-untraced"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert_eq!(
        model(&v, "acme/real")["references"][0]["kind"],
        "hub-confirmed"
    );
    assert_eq!(s.asked("acme/real"), 2, "a question, then the resolution");
    assert_eq!(s.asked("acme/ghost"), 2, "resolved twice, never asked");
    assert!(
        s.lock()
            .contains("[[untraced]]\nid = \"acme/real\"\nhub = \"exists\""),
        "{}",
        s.lock()
    );
}

#[test]
fn a_lock_record_that_is_not_an_id_or_a_day_is_refused() {
    let s = Setup::new(MAIN, "");
    for (record, said) in [
        (
            "id = \"../../etc\"\nhub = \"exists\"\nchecked = \"2026-01-01\"",
            "untraced id \"../../etc\" is not a Hub repository id",
        ),
        (
            "id = \"acme/real\"\nhub = \"exists\"\nchecked = \"soon\"",
            "checked \"soon\" is not a date",
        ),
        (
            "id = \"acme/real\"\nhub = \"maybe\"\nchecked = \"2026-01-01\"",
            "unknown variant `maybe`",
        ),
    ] {
        s.ws.write(
            "model-audit.lock",
            &format!("version = 1\n\n[[untraced]]\n{record}\n"),
        );
        let run = s.run(&["check", "--offline"]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stderr.contains("is not a valid lock file"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains(said), "{}", run.stderr);
    }
}

#[test]
fn a_lock_without_untraced_records_reads_and_writes_as_before() {
    let s = Setup::new(MAIN, "");
    let (run, _) = s.json(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lock = s.lock();
    assert!(lock.starts_with("# Written by cargo-model-audit"), "{lock}");
    assert!(lock.contains("version = 1\n"), "{lock}");
    assert!(!lock.contains("untraced"), "{lock}");
}

#[test]
fn one_run_asks_about_at_most_64_literals() {
    let names: String = (0..70)
        .map(|i| format!("        {i} => \"acme/name-{i:02}\",\n"))
        .collect();
    let main = MAIN.replace("        0 => \"acme/real\",\n", &names);
    let s = Setup::new(&main, "confirm-untraced = true");
    let (run, v) = s.json(&["list"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let asked = s.hub.requests_to("/api/models/acme/name-").len();
    assert_eq!(asked, 64);
    let loose = unaudited(&v);
    let cut: Vec<&str> = loose
        .iter()
        .filter(|l| {
            l.2.ends_with("not confirmed: one run asks the Hub about at most 64 untraced literals")
        })
        .map(|l| l.0.as_str())
        .collect();
    // The first 64 in the list's order (file, line) are asked; the rest
    // wait for another run.
    assert_eq!(
        cut,
        [
            "acme/name-64",
            "acme/name-65",
            "acme/name-66",
            "acme/name-67",
            "acme/name-68",
            "acme/name-69",
            "acme/nothing",
            "acme/private",
            "acme/flaky"
        ]
    );
    assert!(
        run.stderr.contains(
            "warning: 9 untraced literals were not confirmed on the Hub and stay unaudited: one run asks about at most 64"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn update_asks_again_and_records_what_changed() {
    let s = Setup::new(MAIN, "");
    let run = s.run(&["check", "--confirm-untraced", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(s.lock().contains("id = \"acme/nothing\"\nhub = \"absent\""));
    // The repository appears; the literal `acme/flaky` leaves the source.
    s.hub.add_repo(
        RepoSpec::model("acme/nothing")
            .card_data(json!({"license": "mit"}))
            .file("README.md", card("mit")),
    );
    s.ws.write("src/main.rs", &MAIN.replace("\"acme/flaky\"", "\"plain\""));
    // `--locked` refuses to record the new answer.
    let locked = s.run(&["check", "--confirm-untraced", "--locked"]);
    assert_eq!(locked.code, 2, "{}", locked.stderr);
    assert!(
        locked.stderr.contains(
            "the Hub's answer for the untraced literal acme/nothing (exists) is not in the lock"
        ),
        "{}",
        locked.stderr
    );
    let run = s.run(&["update", "--confirm-untraced", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("untraced acme/nothing: absent -> exists ("),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("untraced acme/flaky: removed (no longer in the source)"),
        "{}",
        run.stdout
    );
    let lock = s.lock();
    assert!(
        lock.contains("id = \"acme/nothing\"\nhub = \"exists\""),
        "{lock}"
    );
    assert!(!lock.contains("acme/flaky"), "{lock}");

    // Without the opt-in, `update` asks nothing and still forgets a
    // literal the source no longer has.
    s.hub.reset_counts();
    s.ws.write(
        "src/main.rs",
        &MAIN
            .replace("\"acme/flaky\"", "\"plain\"")
            .replace("\"acme/private\"", "\"plain\""),
    );
    let run = s.run(&["update", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("untraced acme/private: removed (no longer in the source)"),
        "{}",
        run.stdout
    );
    assert_eq!(s.asked("acme/real"), 1, "resolved, not asked about");
    assert!(s.lock().contains("id = \"acme/real\"\nhub = \"exists\""));
}
