//! One artifact per model revision: two revisions of a model named in the
//! source are two artifacts, each at its own lines.

mod common;

use common::{Workspace, json};

#[test]
fn two_revisions_of_a_model_are_two_artifacts_each_at_its_own_line() {
    let ws = Workspace::new("clean");
    ws.write(
        "src/main.rs",
        "fn main() {\n    let a = \"hf://acme/tiny@v1/config.json\";\n    let b = \"hf://acme/tiny@v2/config.json\";\n    let c = \"hf://acme/tiny@v1/model.bin\";\n    println!(\"{a}{b}{c}\");\n}\n",
    );
    let v = json(&ws.run(&["list", "--offline", "--format", "json", "-q"]));
    let tiny: Vec<(String, Vec<u64>)> = v["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["name"] == "acme/tiny")
        .map(|a| {
            (
                a["id"].as_str().unwrap().to_owned(),
                a["references"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r["line"].as_u64().unwrap())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        tiny,
        [
            ("model:acme/tiny@v1".to_owned(), vec![2, 4]),
            ("model:acme/tiny@v2".to_owned(), vec![3]),
        ]
    );
}
