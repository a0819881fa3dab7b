//! The open-washing verdict: (card, policy) -> expected findings, through
//! the real binary and the local hub.

mod common;
#[path = "support/hub.rs"]
mod hub;

use common::{Workspace, json};
use hub::{MockHub, RepoSpec};
use serde_json::{Value, json};

struct Lab {
    ws: Workspace,
    hub: MockHub,
    cache: tempfile::TempDir,
}

impl Lab {
    fn new() -> Lab {
        Lab {
            ws: Workspace::new("clean"),
            hub: MockHub::start(),
            cache: tempfile::tempdir().unwrap(),
        }
    }

    /// Serves a model whose README is `front` + `body` (cardData from the same YAML keys given as JSON).
    fn model(&self, id: &str, data: Value, front: &str, body: &str) {
        self.hub.add_repo(
            RepoSpec::model(id)
                .card_data(data)
                .file("README.md", format!("---\n{front}\n---\n{body}\n")),
        );
    }

    fn run(&self, config: &str) -> Value {
        self.ws.write("model-audit.toml", config);
        let _ = std::fs::remove_file(self.ws.path().join("model-audit.lock"));
        let run = self.ws.run_against_hub(
            &["--format", "json", "-q"],
            &self.hub.endpoint(),
            self.cache.path(),
        );
        assert!(
            run.code == 0 || run.code == 1,
            "{}{}",
            run.stdout,
            run.stderr
        );
        json(&run)
    }
}

fn codes_for(v: &Value, name: &str) -> Vec<String> {
    let mut c: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["artifact"]
                .as_str()
                .unwrap()
                .contains(&format!(":{name}@"))
        })
        .map(|f| {
            format!(
                "{}:{}",
                f["code"].as_str().unwrap(),
                f["severity"].as_str().unwrap()
            )
        })
        .filter(|c| !c.starts_with("unpinned-model"))
        .collect();
    c.sort();
    c
}

fn washing<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| {
            f["code"] == "open-washing"
                && f["artifact"]
                    .as_str()
                    .unwrap()
                    .contains(&format!(":{name}@"))
        })
        .unwrap_or_else(|| panic!("no open-washing for {name}"))
}

fn claims(v: &Value, name: &str) -> Vec<(String, String)> {
    v["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == name)
        .unwrap()["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["by"].as_str().unwrap().to_owned(),
                c["label"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Every model below under one config; the table is the assertions.
fn setup(lab: &Lab) {
    lab.model(
        "t/phi",
        json!({"license": "mit"}),
        "license: mit",
        "The intention behind this open-source model is to help research.",
    );
    lab.model(
        "meta-llama/Llama-2-13b-chat-hf",
        json!({"language": ["en"]}),
        "language:\n- en",
        "Llama-2-Chat models outperform open-source chat models on most benchmarks we tested.",
    );
    lab.model(
        "t/pipeline",
        json!({"license": "cc-by-4.0", "extra_gated_prompt": "Your input helps us improve our open-source offerings."}),
        "license: cc-by-4.0\nextra_gated_prompt: \"Your input helps us improve our open-source offerings.\"",
        "# A diarization pipeline",
    );
    lab.model(
        "t/honest",
        json!({"license": "apache-2.0"}),
        "license: apache-2.0",
        "This model is not open source in the OSI sense, and we say so.",
    );
    lab.model(
        "t/gemma-ft",
        json!({"license": "gemma"}),
        "license: gemma",
        "A family of lightweight models with open weights.",
    );
    lab.model(
        "t/diffusion",
        json!({"license": "creativeml-openrail-m"}),
        "license: creativeml-openrail-m",
        "A text-to-image model.",
    );
    lab.model(
        "t/base",
        json!({"license": "llama2"}),
        "license: llama2",
        "A base model.",
    );
    lab.model(
        "t/relicensed",
        json!({"license": "apache-2.0", "base_model": "t/base"}),
        "license: apache-2.0\nbase_model: t/base",
        "We open-source this fine-tune under Apache 2.0.",
    );
    lab.model(
        "t/nc",
        json!({"license": "cc-by-nc-4.0"}),
        "license: cc-by-nc-4.0",
        "A model.",
    );
}

const MODELS: &str = r#"
[[models]]
id = "t/phi"
[[models]]
id = "meta-llama/Llama-2-13b-chat-hf"
[[models]]
id = "t/pipeline"
[[models]]
id = "t/honest"
[[models]]
id = "t/gemma-ft"
[[models]]
id = "t/diffusion"
[[models]]
id = "t/relicensed"
[[models]]
id = "t/nc"
open-source = true
"#;

#[test]
fn osi_policy_table() {
    let lab = Lab::new();
    setup(&lab);
    let v = lab.run(&format!("extends = \"osi\"\n{MODELS}"));
    let table: &[(&str, &[&str])] = &[
        ("t/phi", &[]),
        (
            "meta-llama/Llama-2-13b-chat-hf",
            &[
                "license-not-allowed:error",
                "open-washing:error",
                "restriction-denied:error",
            ],
        ),
        (
            "t/pipeline",
            &["license-not-allowed:error", "open-washing:error"],
        ),
        ("t/honest", &[]),
        (
            "t/gemma-ft",
            &["license-not-allowed:error", "restriction-denied:error"],
        ),
        (
            "t/diffusion",
            &[
                "license-not-allowed:error",
                "open-washing:error",
                "restriction-denied:error",
            ],
        ),
        (
            "t/relicensed",
            &[
                "license-not-allowed:error",
                "lineage-conflict:error",
                "open-washing:error",
                "restriction-denied:error",
            ],
        ),
        (
            "t/nc",
            &[
                "license-not-allowed:error",
                "open-washing:error",
                "restriction-denied:error",
            ],
        ),
    ];
    for (name, expected) in table {
        assert_eq!(codes_for(&v, name), *expected, "{name}");
    }
    // Who labelled what.
    assert_eq!(
        claims(&v, "t/phi"),
        vec![("card".to_owned(), "open-source".to_owned())]
    );
    assert_eq!(
        claims(&v, "meta-llama/Llama-2-13b-chat-hf"),
        vec![("vendor".to_owned(), "open-source".to_owned())]
    );
    assert_eq!(claims(&v, "t/honest"), vec![]);
    assert_eq!(
        claims(&v, "t/gemma-ft"),
        vec![("card".to_owned(), "open-weights".to_owned())]
    );
    assert_eq!(
        claims(&v, "t/diffusion"),
        vec![("license-name".to_owned(), "open-source".to_owned())]
    );
    assert_eq!(
        claims(&v, "t/nc"),
        vec![("user".to_owned(), "open-source".to_owned())]
    );

    // The Llama 2 verdict names the three clauses and the vendor's quote.
    let f = washing(&v, "meta-llama/Llama-2-13b-chat-hf");
    let reasons = f["reasons"].to_string();
    for clause in [
        "not OSI-approved",
        "user-cap",
        "no-improving-other-models",
        "acceptable-use-policy",
    ] {
        assert!(reasons.contains(clause), "{clause}: {reasons}");
    }
    let evidence = f["evidence"].to_string();
    assert!(
        evidence.contains("claim:vendor") && evidence.contains("Meta"),
        "{evidence}"
    );
    assert!(f["path"].as_array().unwrap().last().unwrap() == "meta-llama/Llama-2-13b-chat-hf");
    // The license came from the catalog's list of Meta's repositories.
    let llama = v["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "meta-llama/Llama-2-13b-chat-hf")
        .unwrap();
    assert_eq!(llama["license"]["expression"], "LicenseRef-llama2");
    // The relicensed fine-tune carries its base's terms.
    let f = washing(&v, "t/relicensed");
    assert!(
        f["message"].as_str().unwrap().contains("LicenseRef-llama2"),
        "{f}"
    );
}

#[test]
fn osaid_reports_each_component() {
    let lab = Lab::new();
    setup(&lab);
    let v = lab.run(&format!("extends = \"osaid\"\n{MODELS}"));
    let f = washing(&v, "t/pipeline");
    let reasons: Vec<String> = f["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_owned())
        .collect();
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("parameters: `CC-BY-4.0`")),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("data information: missing")),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("training and inference code: missing")),
        "{reasons:?}"
    );
    // MIT parameters but no data information: the OSAID is not met.
    let f = washing(&v, "t/phi");
    assert!(
        f["reasons"]
            .to_string()
            .contains("data information: missing"),
        "{f}"
    );
}

#[test]
fn weaker_labels_are_enforced_only_when_asked() {
    let lab = Lab::new();
    setup(&lab);
    let v = lab.run(&format!(
        "extends = \"osi\"\n[open-source]\nweaker-labels = \"enforce\"\n{MODELS}"
    ));
    let f = washing(&v, "t/gemma-ft");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("labelled open weights"),
        "{f}"
    );
}

#[test]
fn implicit_claims_are_reported_and_enforced_only_when_asked() {
    let lab = Lab::new();
    lab.model(
        "t/ranked-7b",
        json!({"license": "cc-by-nc-4.0"}),
        "license: cc-by-nc-4.0",
        "Ranked is the best open-source model for Welsh poetry.",
    );
    let models = "[[models]]\nid = \"t/ranked-7b\"\n";
    let v = lab.run(&format!("extends = \"osi\"\n{models}"));
    let claim = v["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "t/ranked-7b")
        .map(|a| a["claims"][0].clone())
        .unwrap();
    assert_eq!(claim["label"], "implicit", "{claim}");
    assert_eq!(claim["subject"], "Ranked", "{claim}");
    assert!(
        claim["phrase"]
            .as_str()
            .unwrap()
            .contains("best open-source model"),
        "{claim}"
    );
    assert!(
        !codes_for(&v, "t/ranked-7b")
            .iter()
            .any(|c| c.starts_with("open-washing")),
        "reported, not enforced, by default"
    );
    let v = lab.run(&format!(
        "extends = \"osi\"\n[open-source]\nimplicit = \"enforce\"\n{models}"
    ));
    let f = washing(&v, "t/ranked-7b");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("labelled open source (implicitly)"),
        "{f}"
    );
    let note = f["evidence"][0]["note"].as_str().unwrap();
    assert!(
        note.contains("the subject is \"Ranked\"") && note.contains("best open-source model"),
        "{note}"
    );
}

#[test]
fn an_unknown_implicit_setting_is_an_error_naming_the_key() {
    let ws = Workspace::new("clean");
    ws.write("model-audit.toml", "[open-source]\nimplicit = \"always\"\n");
    let run = ws.run(&["--offline"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("open-source.implicit") && run.stderr.contains("`enforce`"),
        "{}",
        run.stderr
    );
}

#[test]
fn fsf_and_list_definitions() {
    let lab = Lab::new();
    setup(&lab);
    let v = lab.run(&format!(
        "extends = \"osi\"\n[open-source]\ndefinition = \"fsf\"\n{MODELS}"
    ));
    assert!(
        !codes_for(&v, "t/phi")
            .iter()
            .any(|c| c.starts_with("open-washing"))
    );
    let v = lab.run(&format!(
        "extends = \"osi\"\n[open-source]\ndefinition = \"list\"\naccept = [\"Apache-2.0\"]\n{MODELS}"
    ));
    let f = washing(&v, "t/phi");
    assert!(f["reasons"].to_string().contains("accept list"), "{f}");
}

#[test]
fn research_turns_open_washing_into_warnings() {
    let lab = Lab::new();
    setup(&lab);
    let v = lab.run(&format!("extends = \"research\"\n{MODELS}"));
    assert_eq!(
        washing(&v, "meta-llama/Llama-2-13b-chat-hf")["severity"],
        "warning"
    );
    assert!(
        codes_for(&v, "t/nc").iter().all(|c| !c.ends_with(":error")),
        "{:?}",
        codes_for(&v, "t/nc")
    );
}

#[test]
fn a_crate_that_calls_itself_open_source() {
    let ws = Workspace::new("clean");
    let manifest = std::fs::read_to_string(ws.path().join("Cargo.toml"))
        .unwrap()
        .replace(
            "license = \"Apache-2.0 OR MIT\"",
            "license = \"CC-BY-NC-4.0\"\ndescription = \"An open source speech toolkit\"",
        );
    ws.write("Cargo.toml", &manifest);
    ws.write("model-audit.toml", "extends = \"osi\"\n");
    let v = json(&ws.run(&["--format", "json", "--offline"]));
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "open-washing")
        .expect("open-washing for the crate");
    assert_eq!(f["artifact"], "crate:clean@0.1.0");
    assert!(
        f["evidence"]
            .to_string()
            .contains("An open source speech toolkit"),
        "{f}"
    );
}
