//! Claims: places that label an artifact "open source" (or, more weakly,
//! "open weights" / "open access"), each with who said it, the quote and
//! where. A card's sentence is a claim only when it is about the model
//! itself ("this open-source model", "we open-source", "is released as open
//! source"); mentions of other things ("outperform open-source chat
//! models", "open source datasets") and negations are not.

use crate::catalog::Catalog;
use crate::domain::{Claim, ClaimBy, CrateFacts, Label, License};

/// Words that put the artifact itself in the sentence.
const SELF_WORDS: &[&str] = &["this", "our", "we", "it", "its", "these"];
/// Nouns a self claim can be about.
const SELF_NOUNS: &[&str] = &[
    "model",
    "models",
    "llm",
    "llms",
    "language model",
    "weights",
    "release",
    "version",
    "checkpoint",
    "checkpoints",
    "pipeline",
    "offering",
    "offerings",
    "project",
    "foundation model",
    "family",
    "suite",
    "library",
    "crate",
    "tool",
    "implementation",
    "system",
    "network",
    "ai",
];

fn lower(s: &str) -> String {
    s.to_lowercase()
        .replace(['\u{2010}', '\u{2011}', '\u{2013}'], "-")
}

/// Positions where "open source" (any spelling) starts, with the length of
/// the matched word.
fn open_source_at(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = s[i..].find("open") {
        let start = i + off;
        let rest = &s[start + 4..];
        let sep = if rest.starts_with('-') || rest.starts_with(' ') {
            1
        } else {
            0
        };
        if rest[sep..].starts_with("sourc") {
            let word_end = rest[sep..]
                .find(|c: char| !c.is_alphabetic())
                .map(|e| start + 4 + sep + e)
                .unwrap_or(s.len());
            let boundary = start == 0 || !s[..start].ends_with(|c: char| c.is_alphanumeric());
            if boundary {
                out.push((start, word_end - start));
            }
        }
        i = start + 4;
    }
    out
}

fn negated(before: &str) -> bool {
    let tail: String = before
        .chars()
        .rev()
        .take(24)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    [
        "not ",
        "n't ",
        "non-",
        "non ",
        "never ",
        "no longer ",
        "nor ",
        "neither ",
    ]
    .iter()
    .any(|n| tail.contains(n))
}

fn words_before(before: &str, n: usize) -> Vec<String> {
    let words: Vec<String> = before
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    words[words.len().saturating_sub(n)..].to_vec()
}

/// Whether a sentence labels the artifact itself open source.
pub fn is_self_claim(sentence: &str) -> bool {
    let s = lower(sentence);
    for (at, len) in open_source_at(&s) {
        let before = &s[..at];
        let after = s[at + len..].trim_start();
        if negated(before) {
            continue;
        }
        let word = &s[at..at + len];
        let prev = words_before(before, 3);
        let last = prev.last().map(String::as_str).unwrap_or("");
        // "we open-source", "we have open-sourced", "is being open-sourced"
        if word.ends_with("sourced")
            || word.ends_with("sourcing")
            || (word.ends_with("source") && last == "we")
        {
            let who = words_before(before, 4);
            if who.iter().any(|w| {
                SELF_WORDS.contains(&w.as_str())
                    || ["is", "was", "been", "being", "are"].contains(&w.as_str())
            }) {
                return true;
            }
        }
        // "this open-source model", "our open-source offerings"
        let determiner = prev
            .iter()
            .rev()
            .take(3)
            .any(|w| ["this", "our", "its"].contains(&w.as_str()));
        if determiner && SELF_NOUNS.iter().any(|n| after.starts_with(n)) {
            return true;
        }
        // "is released as open source", "is fully open source", "is an open-source model"
        let copula = prev.iter().any(|w| ["is", "are"].contains(&w.as_str()));
        let subject_is_self = before.split_whitespace().take(6).any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            SELF_WORDS.contains(&w) || w == "model"
        });
        if copula && subject_is_self {
            let comparative = [
                "than",
                "outperform",
                "compared",
                "other ",
                "existing",
                "among",
            ]
            .iter()
            .any(|c| s.contains(c));
            if !comparative {
                return true;
            }
        }
    }
    false
}

/// The weaker labels, when a sentence uses them about the artifact.
pub fn weaker_label(sentence: &str) -> Option<Label> {
    let s = lower(sentence);
    let comparative = ["than", "outperform", "compared", "other models", "existing"]
        .iter()
        .any(|c| s.contains(c));
    if comparative {
        return None;
    }
    let find = |needle: &str| s.find(needle).filter(|&at| !negated(&s[..at]));
    if find("open weights")
        .or_else(|| find("open-weight"))
        .or_else(|| find("open weight"))
        .is_some()
    {
        return Some(Label::OpenWeights);
    }
    if find("open access")
        .or_else(|| find("open-access"))
        .or_else(|| find("openly available"))
        .is_some()
    {
        return Some(Label::OpenAccess);
    }
    None
}

/// Sentences of a text, each with the 1-based line it starts on.
fn sentences(text: &str, first_line: u32) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    let mut line = first_line;
    let mut current = String::new();
    let mut start = line;
    let flush = |current: &mut String, start: u32, out: &mut Vec<(u32, String)>| {
        let t = current.trim();
        if !t.is_empty() {
            out.push((start, t.to_owned()));
        }
        current.clear();
    };
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            // A blank line, a list item or a heading ends the sentence.
            let next = chars[i + 1..]
                .iter()
                .take_while(|c| **c == ' ' || **c == '\t')
                .count();
            let following = chars.get(i + 1 + next).copied().unwrap_or('\n');
            let heading = current.trim_start().starts_with(['#', '|']);
            if heading || matches!(following, '\n' | '\r' | '-' | '*' | '#' | '|' | '>') {
                flush(&mut current, start, &mut out);
                start = line;
            } else {
                current.push(' ');
            }
        } else if c != '\r' {
            if current.trim().is_empty() {
                start = line;
            }
            current.push(c);
            if matches!(c, '.' | '!' | '?') && chars.get(i + 1).is_none_or(|n| n.is_whitespace()) {
                flush(&mut current, start, &mut out);
            }
        }
        i += 1;
    }
    flush(&mut current, start, &mut out);
    out
}

fn shorten(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 240 {
        format!("{}…", s.chars().take(240).collect::<String>())
    } else {
        s
    }
}

/// The label a tag carries (`open-source`, `open-weights`), if any.
fn tag_label(tag: &str) -> Option<Label> {
    match lower(tag).replace(['_', ' '], "-").as_str() {
        "open-source" | "opensource" | "oss" | "open-source-ai" => Some(Label::OpenSource),
        "open-weights" | "open-weight" => Some(Label::OpenWeights),
        _ => None,
    }
}

/// The label of a sentence about the artifact itself, if any.
fn sentence_label(sentence: &str) -> Option<Label> {
    if is_self_claim(sentence) {
        Some(Label::OpenSource)
    } else {
        weaker_label(sentence)
    }
}

/// Front-matter keys whose text speaks for the repository.
const TEXT_KEYS: &[&str] = &[
    "description",
    "model_description",
    "summary",
    "extra_gated_prompt",
    "extra_gated_description",
    "extra_gated_heading",
];

/// Claims a model card makes about its own model.
pub fn card_claims(
    repo: &str,
    data: &serde_json::Value,
    body: Option<&str>,
    body_line: u32,
) -> Vec<Claim> {
    let mut claims = Vec::new();
    let who = format!("the card of {repo}");
    let tags = super::card::list(data.get("tags"));
    for tag in tags {
        if let Some(label) = tag_label(&tag) {
            claims.push(Claim {
                by: ClaimBy::Card,
                who: who.clone(),
                label,
                quote: format!("tags: {tag}"),
                location: format!("{repo}/README.md front matter `tags`"),
            });
        }
    }
    let mut texts: Vec<(String, String)> = Vec::new();
    for key in TEXT_KEYS {
        if let Some(text) = data.get(*key).and_then(|v| v.as_str()) {
            for (_, s) in sentences(text, 1) {
                texts.push((format!("{repo}/README.md front matter `{key}`"), s));
            }
        }
    }
    if let Some(body) = body {
        for (line, s) in sentences(body, body_line) {
            texts.push((format!("{repo}/README.md:{line}"), s));
        }
    }
    for (location, sentence) in texts {
        if let Some(label) = sentence_label(&sentence) {
            claims.push(Claim {
                by: ClaimBy::Card,
                who: who.clone(),
                label,
                quote: shorten(&sentence),
                location,
            });
        }
    }
    claims
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
            });
        }
        for l in &entry.labels {
            claims.push(Claim {
                by: ClaimBy::Vendor,
                who: l.by.clone(),
                label: Label::OpenSource,
                quote: l.quote.clone(),
                location: l.source.clone(),
            });
        }
    }
    claims
}

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
        if leading || is_self_claim(d) {
            claims.push(Claim {
                by: ClaimBy::Crate,
                who: name.to_owned(),
                label: Label::OpenSource,
                quote: shorten(d),
                location: format!("{manifest} `description`"),
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
            });
        }
    }
    if let Some(d) = &meta.description {
        for (_, sentence) in sentences(d, 1) {
            if let Some(label) = sentence_label(&sentence) {
                claims.push(Claim {
                    by: ClaimBy::WeightFile,
                    who: relative.to_owned(),
                    label,
                    quote: shorten(&sentence),
                    location: format!("{relative} `general.description`"),
                });
            }
        }
    }
    claims
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn sentences_keep_lines() {
        let s = sentences(
            "# Title\nFirst sentence. Second\nsentence here.\n\n- item one\n",
            10,
        );
        assert_eq!(s[0], (10, "# Title".to_owned()));
        assert_eq!(s[1], (11, "First sentence.".to_owned()));
        assert_eq!(s[2], (11, "Second sentence here.".to_owned()));
        assert_eq!(s[3], (14, "- item one".to_owned()));
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
