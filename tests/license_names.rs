//! `license: other` cards whose `license_name` and `license_link` disagree:
//! a family member's name with a sibling's LICENSE link is read by the
//! link's target when the catalog knows it, and the evidence says so. The
//! links are written as `hf://` paths; a link is read by discovery's Hub URL
//! parser, so every URL form of the Hub reads the same (see its unit tests).

use cargo_model_audit::catalog::Catalog;
use cargo_model_audit::resolve::card::Card;
use cargo_model_audit::resolve::models;

fn resolve(front: &str) -> (String, Vec<String>) {
    let card = Card::parse(&format!("---\n{front}\n---\n# A model\n"));
    let l = models::decide(&card, &[], "acme/m", None, None, Catalog::builtin(), 0.8);
    let notes = l.evidence.iter().map(|e| e.note.to_string()).collect();
    (l.display(), notes)
}

#[test]
fn a_siblings_license_link_wins_over_a_family_members_name() {
    let (license, notes) = resolve(
        "license: other\nlicense_name: llama3\nlicense_link: hf://meta-llama/Llama-3.1-8B/LICENSE",
    );
    assert_eq!(license, "LicenseRef-llama3.1", "{notes:?}");
    let note = notes.join("\n");
    assert!(
        note.contains("`license_name: llama3`")
            && note.contains("the LICENSE of meta-llama/Llama-3.1-8B")
            && note.contains("read as the link's license"),
        "{note}"
    );
}

#[test]
fn an_unknown_name_is_read_by_a_known_siblings_link() {
    let (license, notes) = resolve(
        "license: other\nlicense_name: acme-llama-derivative\nlicense_link: hf://meta-llama/Llama-3.2-1B@main/LICENSE.txt",
    );
    assert_eq!(license, "LicenseRef-llama3.2", "{notes:?}");
    assert!(
        notes
            .join("\n")
            .contains("the LICENSE of meta-llama/Llama-3.2-1B"),
        "{notes:?}"
    );
}

#[test]
fn a_name_that_agrees_with_its_link_or_an_unknown_link_keeps_the_name() {
    let (license, notes) = resolve(
        "license: other\nlicense_name: llama3.1\nlicense_link: hf://meta-llama/Llama-3.1-8B/LICENSE",
    );
    assert_eq!(license, "LicenseRef-llama3.1");
    assert!(
        notes.join("\n").contains("`license_name: llama3.1`"),
        "{notes:?}"
    );
    let (license, _) =
        resolve("license: other\nlicense_name: llama3\nlicense_link: hf://someone/else/LICENSE");
    assert_eq!(license, "LicenseRef-llama3");
}
