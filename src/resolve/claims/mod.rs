//! Claims: places that label an artifact "open source" (or, more weakly,
//! "open weights" / "open access"), each with who said it, the quote, where,
//! and for a sentence its subject and the phrase that made it a claim. A
//! card's sentence is a claim only when it is about the model itself, by one
//! of its names or a self-word ([`detect`] has the rules, [`score`] weighs
//! them for cards with learned weights); mentions of other things
//! ("outperform open-source chat models", "our open-source code") and
//! negations are not.

pub mod detect;
pub mod names;
pub mod score;
pub mod table;
pub mod text;

use crate::catalog::Catalog;
use crate::domain::{Claim, ClaimBy, CrateFacts, Label, License};
pub use detect::{Found, detect};
pub use names::Names;
use text::{plain, quote, sentences};

fn lower(s: &str) -> String {
    s.to_lowercase()
        .replace(['\u{2010}', '\u{2011}', '\u{2013}'], "-")
}

/// Whether a sentence labels the artifact itself open source, by a
/// self-word ("this model", "we open-source").
pub fn is_self_claim(sentence: &str) -> bool {
    detect(&plain(sentence), &Names::none()).is_some_and(|f| f.label == Label::OpenSource)
}

/// The weaker labels, when a sentence uses them about the artifact.
pub fn weaker_label(sentence: &str) -> Option<Label> {
    detect(&plain(sentence), &Names::none())
        .map(|f| f.label)
        .filter(|l| matches!(l, Label::OpenWeights | Label::OpenAccess))
}

/// The label a tag carries (`open-source`, `open-weights`), if any.
fn tag_label(tag: &str) -> Option<Label> {
    match lower(tag).replace(['_', ' '], "-").as_str() {
        "open-source" | "opensource" | "oss" | "open-source-ai" => Some(Label::OpenSource),
        "open-weights" | "open-weight" => Some(Label::OpenWeights),
        _ => None,
    }
}

/// Front-matter keys whose text speaks for the repository.
const TEXT_KEYS: &[&str] = &[
    "description",
    "model_description",
    "summary",
    "model_summary",
    "extra_gated_prompt",
    "extra_gated_description",
    "extra_gated_heading",
];

fn sentence_claim(
    by: ClaimBy,
    who: &str,
    names: &Names,
    sentence: &str,
    location: String,
) -> Option<Claim> {
    let f = detect(&plain(sentence), names)?;
    Some(sentence_found(by, who, sentence, location, f))
}

fn sentence_found(by: ClaimBy, who: &str, sentence: &str, location: String, f: Found) -> Claim {
    Claim {
        by,
        who: who.to_owned(),
        label: f.label,
        quote: quote(sentence, &f.phrase),
        location,
        subject: Some(f.subject),
        phrase: Some(f.phrase),
    }
}

/// One sentence of a card that can speak for its model.
#[derive(Debug, Clone)]
pub struct CardSentence {
    /// Where it stands ("acme/quokka/README.md:12").
    pub location: String,
    pub text: String,
    /// A table's cell: a claim in it with no subject of its own is about
    /// its row ("Top open-source model" heading a competitor's row), so
    /// only a cell that names the model speaks for it.
    pub cell: bool,
    /// The line it starts on, and whether that line is a list item ("- ",
    /// "* ", "1. "): a news item's later sentences speak of what its
    /// first names.
    pub line: u32,
    pub item: bool,
}

/// Headings of the sections where a card speaks of others' work:
/// acknowledgements, thanks, credits, related work.
fn others_section(heading: &str) -> bool {
    let h = heading.to_lowercase();
    [
        "acknowledg",
        "thank",
        "credit",
        "related work",
        "related project",
    ]
    .iter()
    .any(|w| h.contains(w))
}

/// A markdown list item's text after its marker ("- ", "* ", "+ " or
/// "1. " at the line's start), or nothing when the line is no list item.
fn item_text(line: &str) -> Option<&str> {
    let line = line.trim_start();
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    ["- ", "* ", "+ "]
        .iter()
        .find_map(|m| line.strip_prefix(m))
        .or_else(|| {
            (digits > 0)
                .then(|| line[digits..].strip_prefix(". "))
                .flatten()
        })
}

/// A card's sentences that speak for its model (front-matter texts, then
/// the body, leaving out the sections about others' work), each with where
/// it stands, and the names its model goes by.
pub fn card_sentences(
    repo: &str,
    data: &serde_json::Value,
    body: Option<&str>,
    body_line: u32,
) -> (Names, Vec<CardSentence>) {
    let body = body.map(text::html_headings);
    let body = body.as_deref();
    let names = Names::for_model(repo, data, body);
    let mut texts: Vec<CardSentence> = Vec::new();
    for key in TEXT_KEYS {
        if let Some(text) = data.get(*key).and_then(|v| v.as_str()) {
            for (_, s) in sentences(text, 1) {
                texts.push(CardSentence {
                    location: format!("{repo}/README.md front matter `{key}`"),
                    text: s,
                    cell: false,
                    line: 0,
                    item: false,
                });
            }
        }
    }
    if let Some(body) = body {
        let mut table_lines = std::collections::BTreeSet::new();
        let mut item_lines = std::collections::BTreeSet::new();
        let mut others_lines = std::collections::BTreeSet::new();
        let mut others = false;
        let titles = table::section_title_lines(body, body_line);
        // A `#` in a code block is a comment, not a heading.
        let mut fenced = false;
        for (n, l) in (body_line..).zip(body.lines()) {
            let l = l.trim_start();
            if l.starts_with("```") || l.starts_with("~~~") {
                fenced = !fenced;
            } else if l.starts_with('#') && !fenced {
                others = others_section(l.trim_start_matches('#'));
            } else if l.starts_with('|') {
                table_lines.insert(n);
            } else if item_text(l).is_some() {
                item_lines.insert(n);
            }
            if others {
                others_lines.insert(n);
            }
        }
        for (line, s) in sentences(body, body_line) {
            let cell = table_lines.contains(&line);
            // A table's cell that is the label alone speaks only through
            // its table ([`table::table_marks`]), never as a sentence.
            // So does a title made of the label over a section
            // ([`table::section_marks`]).
            if cell && table::label_cell(&s)
                || others_lines.contains(&line)
                || titles.contains(&line)
            {
                continue;
            }
            texts.push(CardSentence {
                location: format!("{repo}/README.md:{line}"),
                text: s,
                cell,
                line,
                item: item_lines.contains(&line),
            });
        }
    }
    (names, texts)
}

/// Claims a model card makes about its own model.
pub fn card_claims(
    repo: &str,
    data: &serde_json::Value,
    body: Option<&str>,
    body_line: u32,
) -> Vec<Claim> {
    let mut claims = Vec::new();
    let who = format!("the card of {repo}");
    let (names, texts) = card_sentences(repo, data, body, body_line);
    let tags = super::card::list(data.get("tags"));
    for tag in tags {
        if let Some(label) = tag_label(&tag) {
            claims.push(Claim {
                by: ClaimBy::Card,
                who: who.clone(),
                label,
                quote: format!("tags: {tag}"),
                location: format!("{repo}/README.md front matter `tags`"),
                subject: None,
                phrase: None,
            });
        }
    }
    // The line of a list item whose first sentence is about another model
    // ("- [2024/02] Wombat is released. We open source everything.").
    let mut item_of_another: Option<u32> = None;
    let mut list_of_another = false;
    let mut last_line = None;
    // A sentence that ends in the label and a colon, and the items of the
    // list under it that it has read so far ("we open-source:").
    let mut awaiting: Option<(String, String, usize)> = None;
    for s in texts {
        let first_of_line = last_line != Some(s.line);
        last_line = Some(s.line);
        if first_of_line {
            item_of_another =
                (s.item && detect::opens_with_another(&plain(&s.text), &names)).then_some(s.line);
        }
        // The items of a list speak of what the sentence over it does
        // ("Jan is an open source, ChatGPT alternative that is:").
        if !s.item {
            list_of_another = s.text.trim_end().ends_with([':', '：'])
                && detect::opens_with_other_subject(&plain(&s.text), &names);
        }
        // What the maker says there without a name is about the other
        // model; "our models" stays the family's.
        let of_another =
            s.item && list_of_another || !first_of_line && item_of_another == Some(s.line);
        // The list completes the sentence: each item is read as its object
        // until one makes it a claim, the list ends or 8 items are read.
        if let Some((stem, location, read)) = awaiting.as_mut() {
            if !(s.item && first_of_line) || *read == 8 {
                awaiting = None;
            } else {
                *read += 1;
                let item = item_text(&s.text).unwrap_or(&s.text);
                let whole = format!("{stem} {item}");
                if let Some(f) = score::judge(&plain(&whole), &names) {
                    claims.push(sentence_found(
                        ClaimBy::Card,
                        &who,
                        &whole,
                        location.clone(),
                        f,
                    ));
                    awaiting = None;
                }
            }
        }
        // "- **Open source** – Apache 2.0 licensed": a feature of the
        // model, titled by the label.
        if first_of_line
            && !s.cell
            && !of_another
            && let Some((title, label)) = feature_title(&s.text)
        {
            let f = detect::Found {
                label,
                subject: detect::IMPLIED.to_owned(),
                phrase: title.to_owned(),
            };
            claims.push(sentence_found(ClaimBy::Card, &who, &s.text, s.location, f));
            continue;
        }
        if let Some(stem) = label_awaiting_list(&s.text) {
            awaiting = Some((stem.to_owned(), s.location.clone(), 0));
            continue;
        }
        if let Some(f) = score::judge(&plain(&s.text), &names) {
            if s.cell && f.subject == detect::IMPLIED {
                continue;
            }
            if of_another && !names.names_any(&f.subject) && !detect::names_a_family(&f.subject) {
                continue;
            }
            claims.push(sentence_found(ClaimBy::Card, &who, &s.text, s.location, f));
        }
    }
    // A tick in the model's row of a column headed "Open-Source", or its
    // name in a section titled so.
    let marks = body.map_or_else(Vec::new, |b| {
        let mut m = table::table_marks(b, body_line, &names);
        m.extend(table::section_marks(b, body_line, &names));
        m
    });
    for m in marks {
        let clip = |s: &str| s.chars().take(80).collect::<String>();
        claims.push(Claim {
            by: ClaimBy::Card,
            who: who.clone(),
            label: m.label,
            quote: format!("{}: {} ({})", clip(&m.header), clip(&m.tick), clip(&m.row)),
            location: format!("{repo}/README.md:{}", m.line),
            subject: Some(clip(&m.row)),
            phrase: Some(clip(&m.header)),
        });
    }
    claims
}

/// A bold title that opens a list item or stands as its line, before the
/// feature's description ("- **Open source** – Apache 2.0 licensed",
/// "**Transparent and Open Source**"), with the label it gives.
fn feature_title(line: &str) -> Option<(&str, Label)> {
    let l = line.trim();
    let l = item_text(l)
        .unwrap_or(l)
        .trim_start_matches(|c: char| !c.is_alphanumeric() && c != '*' && c != '_');
    let mark = ["**", "__"].into_iter().find(|m| l.starts_with(m))?;
    let (title, rest) = l[2..].split_once(mark)?;
    let rest = rest.trim_start();
    let described = rest.is_empty()
        || title.trim_end().ends_with([':', '：'])
        || rest.starts_with([':', '：', '-', '–', '—', '|']);
    let title = title.trim().trim_end_matches([':', '：']);
    described
        .then(|| detect::title_label(title))
        .flatten()
        .map(|label| (title, label))
}

/// The sentence before a colon whose last words are the label as a verb,
/// and whose object is the list under it ("As part of this release, we
/// open-source:", "We have open-sourced the following:"), without its
/// colon and "the following".
fn label_awaiting_list(sentence: &str) -> Option<&str> {
    let stem = sentence.trim_end().strip_suffix(':')?.trim_end();
    let lower = stem.to_ascii_lowercase();
    let bare = lower
        .strip_suffix("the following")
        .map_or(lower.as_str(), str::trim_end);
    let verb = ["open-source", "open source", "opensource"]
        .iter()
        .flat_map(|l| ["", "d", "s"].map(move |e| format!("{l}{e}")))
        .chain(["open-sourcing", "open sourcing", "opensourcing"].map(String::from));
    let ends = verb.into_iter().any(|v| {
        bare.strip_suffix(&v)
            .is_some_and(|b| b.is_empty() || b.ends_with([' ', ',']))
    });
    ends.then(|| &stem[..bare.len()])
}

/// The card's answer to "does it call its own model open source?": its
/// strongest open-source claim (a direct one before a ranking, a sentence
/// before a tag), the evidence a reader is shown. The other claims stay
/// as they are, each with its own quote.
pub fn card_verdict(claims: &[Claim]) -> Option<&Claim> {
    let rank = |c: &Claim| match (c.label, c.subject.is_some()) {
        (Label::OpenSource, true) => 3,
        (Label::OpenSource, false) => 2,
        (Label::Implicit, _) => 1,
        _ => 0,
    };
    claims
        .iter()
        .filter(|c| c.by == ClaimBy::Card && rank(c) > 0)
        .fold(None, |best: Option<&Claim>, c| match best {
            Some(b) if rank(b) >= rank(c) => Some(b),
            _ => Some(c),
        })
}

/// Claims that come with the license: its own name ("OpenRAIL", "Open
/// Model License") and its vendor's public statements, from the catalog.
pub fn license_claims(license: &License, catalog: &Catalog) -> Vec<Claim> {
    let mut claims = Vec::new();
    for id in license.ids() {
        let Some(entry) = catalog.lookup(&id) else {
            continue;
        };
        let name = lower(&entry.name);
        let names_open = name
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.starts_with("open") && w != "openssl");
        if names_open && entry.spdx.is_none() {
            claims.push(Claim {
                by: ClaimBy::LicenseName,
                who: entry.name.clone(),
                label: Label::OpenSource,
                quote: entry.name.clone(),
                location: entry
                    .link
                    .clone()
                    .unwrap_or_else(|| format!("the catalog entry `{}`", entry.id)),
                subject: None,
                phrase: None,
            });
        }
        for l in &entry.labels {
            claims.push(Claim {
                by: ClaimBy::Vendor,
                who: l.by.clone(),
                label: Label::OpenSource,
                quote: l.quote.clone(),
                location: l.source.clone(),
                subject: None,
                phrase: None,
            });
        }
    }
    claims
}

/// Nouns a crate's description calls the crate itself by.
const CRATE_NOUNS: &[&str] = &[
    "crate",
    "library",
    "tool",
    "toolkit",
    "implementation",
    "engine",
    "binding",
    "bindings",
    "framework",
    "client",
    "server",
    "runtime",
    "sdk",
    "wrapper",
    "port",
    "parser",
];

/// A crate that calls itself open source in its description or keywords.
pub fn crate_claims(name: &str, facts: &CrateFacts) -> Vec<Claim> {
    let mut claims = Vec::new();
    let manifest = facts.manifest_path.display().to_string();
    if let Some(d) = &facts.description {
        let l = lower(d);
        let leading = [
            "an open source",
            "an open-source",
            "open source",
            "open-source",
            "the open source",
            "the open-source",
        ]
        .iter()
        .any(|p| l.trim_start().starts_with(p));
        let names = Names::of(name, CRATE_NOUNS);
        let found = detect(&plain(d), &names).filter(|f| f.label == Label::OpenSource);
        if leading || found.is_some() {
            let (subject, phrase) = match found {
                Some(f) => (f.subject, f.phrase),
                None => (
                    name.to_owned(),
                    d.split_whitespace().take(3).collect::<Vec<_>>().join(" "),
                ),
            };
            claims.push(Claim {
                by: ClaimBy::Crate,
                who: name.to_owned(),
                label: Label::OpenSource,
                quote: quote(d, &phrase),
                location: format!("{manifest} `description`"),
                subject: Some(subject),
                phrase: Some(phrase),
            });
        }
    }
    for (key, values) in [
        ("keywords", &facts.keywords),
        ("categories", &facts.categories),
    ] {
        for v in values.iter() {
            let t = lower(v).replace(['_', ' '], "-");
            if t == "open-source" || t == "opensource" {
                claims.push(Claim {
                    by: ClaimBy::Crate,
                    who: name.to_owned(),
                    label: Label::OpenSource,
                    quote: format!("{key}: {v}"),
                    location: format!("{manifest} `{key}`"),
                    subject: None,
                    phrase: None,
                });
            }
        }
    }
    claims
}

/// A weight file that calls its model open source in its metadata
/// (GGUF `general.description` and `general.tags`, safetensors
/// `modelspec.description`).
pub fn weight_claims(relative: &str, meta: &crate::discover::weights::WeightMeta) -> Vec<Claim> {
    let mut claims = Vec::new();
    for tag in &meta.tags {
        if let Some(label) = tag_label(tag) {
            claims.push(Claim {
                by: ClaimBy::WeightFile,
                who: relative.to_owned(),
                label,
                quote: format!("general.tags: {tag}"),
                location: format!("{relative} `general.tags`"),
                subject: None,
                phrase: None,
            });
        }
    }
    if let Some(d) = &meta.description {
        let stem = relative.rsplit('/').next().unwrap_or(relative);
        let stem = stem.rsplit_once('.').map(|(s, _)| s).unwrap_or(stem);
        let names = Names::of(stem, &[]);
        for (_, sentence) in sentences(d, 1) {
            claims.extend(sentence_claim(
                ClaimBy::WeightFile,
                relative,
                &names,
                &sentence,
                format!("{relative} `general.description`"),
            ));
        }
    }
    claims
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rules' verdict is one mechanism for every path: a card's
    /// sentence through the scorer and a sentence read by the rules alone
    /// ([`detect`], as crate descriptions are) agree on whose label it is.
    #[test]
    fn card_and_rules_paths_agree_on_whose_label_it_is() {
        let llama = serde_json::json!({"base_model": "meta-llama/Llama-2-7b"});
        let none = serde_json::json!({});
        for (repo, data, s, want) in [
            (
                "acme/Quokka-7B",
                &llama,
                "Quokka is our open-source fine-tune of Llama-2-7B, now Apache-2.0 licensed.",
                Some(Label::OpenSource),
            ),
            (
                "someone/gpt_3_finetuned_science",
                &none,
                "The Open Source version of GPT-3: GPT-Neo has been fine-tuned.",
                None,
            ),
            (
                "acme/Quokka-7B",
                &llama,
                "It builds on Meta's open-source Llama-2-7B.",
                None,
            ),
            (
                "acme/Quokka-7B",
                &none,
                "This model is a merge of the best open-source models.",
                None,
            ),
            (
                "acme/Quokka-7B",
                &none,
                "Quokka is the best among open-source and closed-source models.",
                None,
            ),
            (
                "acme/Quokka-7B",
                &none,
                "Quokka is the largest model in the open-source community.",
                Some(Label::Implicit),
            ),
            (
                "acme/Quokka-7B",
                &none,
                "- **Pure Open**: An MIT open-source license",
                Some(Label::OpenSource),
            ),
            (
                "acme/Quokka-7B",
                &none,
                "- **Reasoning Stage.** Harnessing an existing open-sourced LLM as the core.",
                None,
            ),
            (
                "acme/Quokka-7B",
                &none,
                "We use the open-source medical model WombatGPT-13B as a teacher.",
                None,
            ),
        ] {
            let title = repo.rsplit('/').next().unwrap_or(repo);
            let body = format!("# {title}\n\n{s}\n");
            let names = Names::for_model(repo, data, Some(&body));
            let claims = card_claims(repo, data, Some(&body), 1);
            let card = card_verdict(&claims).map(|c| c.label);
            let rules = detect(&plain(s), &names).map(|f| f.label);
            assert_eq!((card, rules), (want, want), "{s}");
        }
    }

    /// A table's label cell says nothing of the model by itself: with the
    /// model's own cell crossed, no path (the sentence path included) makes
    /// it a claim; ticked, the table makes one at the header's line.
    #[test]
    fn a_label_cell_speaks_only_through_its_table() {
        let verdict = |body: &str| {
            let claims = card_claims("acme/Quokka-2B", &serde_json::json!({}), Some(body), 1);
            card_verdict(&claims).map(|c| (c.label, c.location.clone()))
        };
        let crossed = "# Quokka-2B\n\n\
            | Model | **Open-Source** | WER |\n|---|---|---|\n| Quokka-2B | ❌ | 1.2 |\n\n\
            | Test set | Quokka-2B | Other |\n|---|---|---|\n| **OpenSource** | ❌ | ✅ |\n\
            | Opensource | 4.6 | 7.0 |\n";
        assert_eq!(verdict(crossed), None);
        let ticked = crossed.replacen("| Quokka-2B | ❌ |", "| Quokka-2B | ✅ |", 1);
        assert_eq!(
            verdict(&ticked),
            Some((Label::OpenSource, "acme/Quokka-2B/README.md:3".to_owned()))
        );
    }

    /// A title made of the label ("## Open-source List", "**Open-sourced
    /// Models based on Wombat-7B**") speaks only through its section: a
    /// claim, at the title's line, when the section lists the model; none,
    /// by any path, when it lists others (or another size of the model).
    #[test]
    fn a_section_titled_by_the_label_is_the_model_s_when_it_lists_it() {
        let verdict = |repo: &str, body: &str| {
            let claims = card_claims(repo, &serde_json::json!({}), Some(body), 1);
            card_verdict(&claims).map(|c| (c.label, c.location.clone()))
        };
        let listed = "# Quokka-7B-Base

Quokka is a language model.

            ## :spiral_notepad: Open-source List

### Models

            - [**quokka-7b-base**](https://huggingface.co/acme/quokka-7b-base): the base model.
            - [**quokka-7b-chat**](https://huggingface.co/acme/quokka-7b-chat): the chat model.

            ## Open-source models

- Wombat-7B
- Koala-13B
";
        assert_eq!(
            verdict("acme/Quokka-7B-Base", listed),
            Some((
                Label::OpenSource,
                "acme/Quokka-7B-Base/README.md:5".to_owned()
            ))
        );
        // Only others' models, or the list under a later title.
        let others = "# Quokka-7B

## Open-source models

- Wombat-7B
- Koala-13B

## Ours

- Quokka-7B
";
        assert_eq!(verdict("acme/Quokka-7B", others), None);
        // A table's section titled with what its models are based on.
        let table = "# Quokka-7B

| Model | Score |
|---|---|
            | **Open-sourced Models based on Wombat-13B** | |
| Quokka-13B | 6.6 |
            | **Open-sourced Models based on Wombat-7B** | |
| Quokka-7B | 7.2 |
";
        assert_eq!(
            verdict("acme/Quokka-7B", table),
            Some((Label::OpenSource, "acme/Quokka-7B/README.md:7".to_owned()))
        );
        let other_size = table.replace("| Quokka-7B | 7.2 |", "| Koala-7B | 7.2 |");
        assert_eq!(verdict("acme/Quokka-7B", &other_size), None);
    }

    /// A table's cell speaks for its row: a claim in it with no subject of
    /// its own is not the model's, and a section it opens is the model's
    /// only when the model's row is in it.
    #[test]
    fn a_cell_without_a_subject_of_its_own_speaks_for_its_row() {
        let verdict = |body: &str| {
            let claims = card_claims("acme/Quokka-2B", &serde_json::json!({}), Some(body), 1);
            card_verdict(&claims).map(|c| (c.label, c.location.clone()))
        };
        let rows = "# Quokka-2B\n\nQuokka-2B draws 3D shapes.\n\n\
            | Model | FID |\n|---|---|\n\
            | Top Open-source Model1 | 54.6 |\n| Quokka-2B | 50.1 |\n";
        assert_eq!(verdict(rows), None);
        // The same words as a line of the card are about the model.
        assert!(verdict("# Quokka-2B\n\nTop open-source model for 3D shapes.\n").is_some());
        let section = "# Quokka-2B\n\n\
            | Model | Size | FID |\n|---|---|---|\n\
            | **Open-Source Models** | | |\n| Other-7B | 7B | 60.2 |\n| Quokka-2B | 2B | 50.1 |\n";
        assert_eq!(
            verdict(section),
            Some((Label::OpenSource, "acme/Quokka-2B/README.md:5".to_owned()))
        );
        let without = section.replace("| Quokka-2B | 2B | 50.1 |\n", "");
        assert_eq!(verdict(&without), None);
    }

    /// A card's acknowledgements speak of others' work.
    #[test]
    fn a_news_item_speaks_of_the_model_it_opens_with() {
        let card = |item: &str| {
            let body = format!("# Quokka-2B\n\nQuokka-2B draws 3D shapes.\n\n## News\n\n{item}\n");
            let claims = card_claims("acme/Quokka-2B", &serde_json::json!({}), Some(&body), 1);
            card_verdict(&claims).map(|c| c.quote.clone())
        };
        assert_eq!(
            card(
                "- [2024/02] Wombat is released. We open source everything: code, data and checkpoints."
            ),
            None
        );
        // The model's own item, the family, and a sentence that is not in
        // the item are the model's.
        for item in [
            "- [2024/05] Quokka-2B is released. We open source everything: code, data and checkpoints.",
            "- [2024/02] Wombat is released. By open-sourcing our codes and models, we hope for more.",
            "- [2024/02] Wombat is released.\n\nWe open source everything: code, data and checkpoints.",
        ] {
            assert!(card(item).is_some(), "{item}");
        }
    }

    /// A sentence that ends in the label as a verb and a colon takes its
    /// object from the list under it.
    #[test]
    fn a_list_under_the_label_is_its_object() {
        let card = |list: &str| {
            let body = format!(
                "# Quokka-2B\n\nQuokka-2B draws 3D shapes.\n\n\
                 As part of this release, we open-source:\n{list}\nThanks for reading.\n"
            );
            let claims = card_claims("acme/Quokka-2B", &serde_json::json!({}), Some(&body), 1);
            card_verdict(&claims).map(|c| (c.location.clone(), c.quote.clone()))
        };
        let found =
            card("- 📄 Our paper\n- 🤗 The model [Quokka-2B](https://example.com)\n- Scripts");
        let (location, quote) = found.expect("the list's model item is the object");
        assert_eq!(
            location, "acme/Quokka-2B/README.md:5",
            "the sentence's own line"
        );
        assert!(quote.contains("we open-source 🤗 The model"), "{quote}");
        // The item's own markup stays; only its bullet goes.
        let (_, quote) = card("- **Quokka-2B** weights").expect("a bold model name");
        assert!(
            quote.contains("we open-source **Quokka-2B** weights"),
            "{quote}"
        );
        // Items that are not models, another's model, or a paragraph (not a
        // list) after the colon leave it a sentence without an object.
        for list in [
            "- 📄 Our paper\n- Training scripts\n- The data",
            "- The model [Wombat-9B](https://example.com)",
            "\nThe model Quokka-2B is here.",
        ] {
            assert_eq!(card(list), None, "{list}");
        }
        assert_eq!(
            label_awaiting_list("We have open-sourced the following:"),
            Some("We have open-sourced")
        );
        assert_eq!(
            label_awaiting_list("Thanks to these open-source projects:"),
            None
        );
        assert_eq!(label_awaiting_list("We open-source the code."), None);
    }

    /// A bold title that is the label, before a feature's description,
    /// is the model's feature, unless the list describes something else.
    #[test]
    fn a_feature_titled_by_the_label_is_the_model_s() {
        let card = |body: &str| {
            let body = format!(
                "# Quokka-2B\n\nQuokka-2B draws 3D shapes.\n\nIt is small.\n\nIt is fast.\n\n{body}\n"
            );
            let claims = card_claims("acme/Quokka-2B", &serde_json::json!({}), Some(&body), 1);
            card_verdict(&claims).map(|c| c.quote.clone())
        };
        for features in [
            "## Features\n\n- **Fast** - 100 tokens a second\n- **Open source** - Apache 2.0 licensed",
            "- 🔓 **Fully Open-Source**: weights and code",
            "- **Complete Open Source**: Quokka releases its weights and its data code",
            "**Transparent and Open Source**",
            "- **Open-source and Commercially Usable**：free to build on",
        ] {
            assert!(card(features).is_some(), "{features}");
        }
        for features in [
            // A class of models, not a quality.
            "- **Open-Source Models**: we compare with Wombat-7B.",
            "- **Not open source**: the weights stay with us",
            // Bold in the middle of a sentence.
            "It is fast and **open source** tools can run it.",
            // The list describes another product, or the maker's app.
            "Jan is an open source, ChatGPT alternative that is:\n\n- **Open Source & Free**: we build in public",
            "Acme is a desktop app that is:\n\n- **Open Source & Free**: we build in public",
        ] {
            assert_eq!(card(features), None, "{features}");
        }
    }

    #[test]
    fn acknowledgements_speak_of_others() {
        let body = "# Quokka-2B\n\nQuokka-2B draws 3D shapes.\n\n## Acknowledgements\n\n\
            This repository is built upon [Wombat](https://example.com). \
            Be sure to explore this fantastic open-source project!\n";
        let claims = card_claims("acme/Quokka-2B", &serde_json::json!({}), Some(body), 1);
        assert_eq!(card_verdict(&claims), None);
        let own = body.replace("## Acknowledgements", "## Quokka");
        let claims = card_claims("acme/Quokka-2B", &serde_json::json!({}), Some(&own), 1);
        assert!(
            card_verdict(&claims).is_some(),
            "the same words in the card's own section"
        );
        // An HTML heading is a heading too.
        let html = body.replace(
            "## Acknowledgements",
            "<h2 align=\"center\">Acknowledgements</h2>",
        );
        let claims = card_claims("acme/Quokka-2B", &serde_json::json!({}), Some(&html), 1);
        assert_eq!(
            card_verdict(&claims),
            None,
            "an HTML heading opens a section"
        );
        let licence = "<h1>Quokka-2B</h1>\n\n<h2>Open Source License</h2>\n\nSee LICENSE.\n";
        let claims = card_claims("acme/Quokka-2B", &serde_json::json!({}), Some(licence), 1);
        assert_eq!(
            card_verdict(&claims).map(|c| c.label),
            Some(Label::Implicit),
            "an HTML heading that is the label"
        );
        // A comment in a code block is no heading.
        let code = "# Quokka-2B\n\n## Usage\n\n```python\n# thanks to Wombat for the loader\n```\n\n\
            Quokka-2B is fully open source.\n";
        let claims = card_claims("acme/Quokka-2B", &serde_json::json!({}), Some(code), 1);
        assert!(
            card_verdict(&claims).is_some(),
            "a code comment opens no section"
        );
    }

    #[test]
    fn self_claims() {
        for s in [
            "The intention behind crafting this open-source model is to provide the research community with a model.",
            "We open-source our 7B model.",
            "We have open-sourced the weights of the model.",
            "The model is released as open source under Apache 2.0.",
            "This model is fully open source.",
            "Your input helps us improve our open-source offerings.",
            "It is an open-source model.",
            "Our models are open source.",
        ] {
            assert!(is_self_claim(s), "should be a claim: {s}");
        }
    }

    #[test]
    fn mentions_and_negations_are_not_claims() {
        for s in [
            "Llama-2-Chat models outperform open-source chat models on most benchmarks we tested.",
            "They outperform many of the available open source and closed chat models on common industry benchmarks.",
            "We manually curated a SFT dataset utilizing open source datasets from Hugging Face.",
            "Deepseek Coder achieves state-of-the-art performance among open-source code models.",
            "Hence, it is imperative to develop open-source instruction-following LLMs for the code domain.",
            "This model is not open source.",
            "This model isn't open source, despite the name.",
            "We compare against open-source models.",
            "We use an open-source library for tokenization.",
        ] {
            assert!(!is_self_claim(s), "should not be a claim: {s}");
        }
    }

    #[test]
    fn weaker_labels() {
        assert_eq!(
            weaker_label("Gemma is a family of lightweight models with open weights."),
            Some(Label::OpenWeights)
        );
        assert_eq!(
            weaker_label("This model is open access and available to all."),
            Some(Label::OpenAccess)
        );
        assert_eq!(
            weaker_label("Unlike other models, it is better than open-weight ones."),
            None
        );
        assert_eq!(weaker_label("The weights are not open access."), None);
    }

    #[test]
    fn card_claims_from_tags_front_matter_and_body() {
        let data = serde_json::json!({"tags": ["open-source", "text"], "extra_gated_prompt": "Help us improve our open-source offerings."});
        let c = card_claims(
            "o/m",
            &data,
            Some("Intro.\nThis open-source model is small.\n"),
            5,
        );
        assert_eq!(c.len(), 3, "{c:#?}");
        assert_eq!(c[0].quote, "tags: open-source");
        assert_eq!(
            c[1].location,
            "o/m/README.md front matter `extra_gated_prompt`"
        );
        assert_eq!(c[2].location, "o/m/README.md:6");
        assert_eq!(c[2].quote, "This open-source model is small.");
    }

    #[test]
    fn the_card_verdict_is_its_strongest_open_source_claim() {
        let body = "# Quokka\n\nQuokka ranks #1 among open-source models on X.\n\n\
                    We thank the open-source community.\n\n\
                    Quokka is an open-source language model.\n";
        let c = card_claims("acme/Quokka-7B", &serde_json::json!({}), Some(body), 1);
        assert_eq!(c.len(), 2, "{c:#?}");
        let v = card_verdict(&c).expect("a verdict");
        assert_eq!(v.label, Label::OpenSource);
        assert_eq!(v.quote, "Quokka is an open-source language model.");
        assert_eq!(v.location, "acme/Quokka-7B/README.md:7");
        let mention = card_claims(
            "acme/Quokka-7B",
            &serde_json::json!({}),
            Some("Quokka outperforms open-source chat models.\n"),
            1,
        );
        assert_eq!(card_verdict(&mention), None);
    }

    #[test]
    fn crate_descriptions() {
        let mut f = CrateFacts {
            description: Some("An open source inference engine".into()),
            ..CrateFacts::default()
        };
        assert_eq!(crate_claims("x", &f).len(), 1);
        f.description = Some("Bindings to a C library".into());
        f.keywords = vec!["open-source".into()];
        assert_eq!(crate_claims("x", &f).len(), 1);
        f.keywords.clear();
        assert!(crate_claims("x", &f).is_empty());
    }
}
