//! The names a card can call its own model by: the repository's name and its
//! parts, the card's title, `model_name` and `model-index` names, and the
//! family names the card uses ("the Taiyi series", "this FrostAura model").
//! Names of the model's base models are left out: "GPT-NeoX-20B is an
//! open-source model" in a fine-tune's card is about the base, not the card's
//! own model.

use super::text::{Token, plain, tokens};
use std::collections::BTreeSet;

/// Words in a repository name that name a size, a language or a variant,
/// never the model itself.
const VARIANT_WORDS: &[&str] = &[
    "base",
    "large",
    "small",
    "tiny",
    "mini",
    "medium",
    "xl",
    "xxl",
    "huge",
    "chinese",
    "english",
    "en",
    "zh",
    "ja",
    "de",
    "fr",
    "multilingual",
    "cased",
    "uncased",
    "instruct",
    "chat",
    "hf",
    "gguf",
    "ggml",
    "awq",
    "gptq",
    "fp16",
    "int4",
    "int8",
    "model",
    "models",
    "fine",
    "tuned",
    "finetuned",
    "v1",
    "v2",
    "v3",
    "v4",
    "final",
    "test",
    "demo",
    "the",
    "and",
    "for",
    "with",
];

/// Well-known architecture and family words: they say what kind of model
/// this is ("an open-source Chinese CLIP"), but are too widely shared to
/// name this model as a subject.
const ARCHITECTURE_WORDS: &[&str] = &[
    "bert",
    "roberta",
    "gpt",
    "gpt2",
    "gpt3",
    "gptj",
    "neox",
    "t5",
    "mt5",
    "bart",
    "clip",
    "vit",
    "llama",
    "whisper",
    "wav2vec2",
    "xlnet",
    "electra",
    "deberta",
    "albert",
    "distilbert",
    "longformer",
    "bloom",
    "opt",
    "stable",
    "diffusion",
    "sd",
    "dreambooth",
    "lora",
    "anime",
    "style",
    "art",
    "speech",
    "text",
    "image",
    "code",
];

/// What a claim can be about, by name.
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// Names that can be the subject of a claim, lowercased letters and
    /// digits only ("taiyiclip", "polyglotko").
    names: BTreeSet<String>,
    /// Every part of the repository's name: what kind of thing the model is
    /// ("clip", "diffusion"); a noun phrase headed by one is about a model.
    kinds: BTreeSet<String>,
    /// Nouns that name the artifact itself beyond "model" ("crate",
    /// "library" for a crate).
    pub own_nouns: Vec<&'static str>,
}

fn squash(tokens: &[Token]) -> String {
    tokens
        .iter()
        .filter(|t| t.word)
        .map(|t| t.w.as_str())
        .collect()
}

/// The parts of a name, with camel case split ("SkyTextTiny" → sky, text, tiny).
fn parts(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for t in tokens(name).into_iter().filter(|t| t.word) {
        let mut cur = String::new();
        let mut prev_lower = false;
        for c in t.raw.chars() {
            if c.is_uppercase() && prev_lower && !cur.is_empty() {
                out.push(cur.to_lowercase());
                cur.clear();
            }
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
            cur.push(c);
        }
        if !cur.is_empty() {
            out.push(cur.to_lowercase());
        }
    }
    out
}

fn distinctive(s: &str) -> bool {
    s.chars().count() >= 4
        && !s.chars().all(|c| c.is_ascii_digit())
        && !VARIANT_WORDS.contains(&s)
        && !ARCHITECTURE_WORDS.contains(&s)
}

impl Names {
    /// No names: only the self-words ("this model", "we") make a subject.
    pub fn none() -> Names {
        Names::default()
    }

    /// The names of a thing known by one name (a crate, a weight file).
    pub fn of(name: &str, own_nouns: &[&'static str]) -> Names {
        let mut n = Names {
            own_nouns: own_nouns.to_vec(),
            ..Names::default()
        };
        n.add_name(name);
        n
    }

    /// The names of the model whose card this is.
    pub fn for_model(repo: &str, data: &serde_json::Value, body: Option<&str>) -> Names {
        let mut n = Names::default();
        let name = repo.rsplit('/').next().unwrap_or(repo);
        n.add_name(name);
        for key in ["model_name", "pretty_name"] {
            if let Some(s) = data.get(key).and_then(|v| v.as_str()) {
                n.add_name(s);
            }
        }
        if let Some(index) = data.get("model-index").and_then(|v| v.as_array()) {
            for m in index.iter().take(16) {
                if let Some(s) = m.get("name").and_then(|v| v.as_str()) {
                    n.add_name(s);
                }
            }
        }
        let mut bases: BTreeSet<String> = BTreeSet::new();
        for b in super::super::card::list(data.get("base_model")) {
            add_windows(&mut bases, &tokens(&b));
        }
        if let Some(body) = body {
            let text = plain(&body.chars().take(200_000).collect::<String>());
            if let Some(title) = text
                .lines()
                .map(str::trim)
                .find(|l| l.starts_with("# "))
                .map(|l| l.trim_start_matches('#').trim())
            {
                let title = title
                    .strip_prefix("Model Card for ")
                    .or_else(|| title.strip_prefix("Model card for "))
                    .unwrap_or(title);
                let t = tokens(title);
                let head: Vec<Token> = t
                    .iter()
                    .take_while(|t| t.word && !matches!(t.w.as_str(), "is" | "are" | "a" | "an"))
                    .cloned()
                    .collect();
                if !head.is_empty() && head.len() <= 5 {
                    n.add_squashed(&head);
                }
            }
            let t = tokens(&text);
            family_names(&t, &mut n);
            base_names(&t, &mut bases);
        }
        n.names.retain(|x| !bases.contains(x));
        n
    }

    fn add_squashed(&mut self, t: &[Token]) {
        let s = squash(t);
        if distinctive(&s) {
            self.names.insert(s);
        }
    }

    /// A name, its prefixes (part by part) and its distinctive parts.
    fn add_name(&mut self, name: &str) {
        let p = parts(name);
        let mut prefix = String::new();
        for part in &p {
            prefix.push_str(part);
            if distinctive(&prefix) {
                self.names.insert(prefix.clone());
            }
            if distinctive(part) {
                self.names.insert(part.clone());
            }
            if !VARIANT_WORDS.contains(&part.as_str()) && part.chars().any(char::is_alphabetic) {
                self.kinds.insert(part.clone());
            }
        }
        let whole: String = tokens(name).iter().map(|t| t.w.as_str()).collect();
        if whole.chars().count() >= 3 {
            self.names.insert(whole);
        }
    }

    /// The number of tokens of a name that starts at `at`, if one does.
    pub fn name_at(&self, t: &[Token], at: usize) -> Option<usize> {
        (1..=6)
            .rev()
            .filter(|len| at + len <= t.len())
            .find(|&len| {
                let w = &t[at..at + len];
                w.iter().all(|t| t.word) && self.names.contains(&squash(w))
            })
    }

    /// The number of tokens of a name that ends at `end` (inclusive), if one does.
    pub fn name_ending(&self, t: &[Token], end: usize) -> Option<usize> {
        (1..=6).rev().filter(|len| *len <= end + 1).find(|&len| {
            let w = &t[end + 1 - len..=end];
            w.iter().all(|t| t.word) && self.names.contains(&squash(w))
        })
    }

    /// Whether a word is a part of the model's name (what kind of model it is).
    pub fn is_kind(&self, word: &str) -> bool {
        self.kinds.contains(word)
    }
}

/// Every run of up to 6 words, squashed.
fn add_windows(set: &mut BTreeSet<String>, t: &[Token]) {
    let words: Vec<&Token> = t.iter().filter(|t| t.word).collect();
    for i in 0..words.len() {
        let mut s = String::new();
        for w in words.iter().skip(i).take(6) {
            s.push_str(&w.w);
            set.insert(s.clone());
        }
    }
}

/// "the Taiyi series", "the Llama 2 family", "this FrostAura Intelligence model".
fn family_names(t: &[Token], n: &mut Names) {
    for (i, tok) in t.iter().enumerate() {
        if !matches!(tok.w.as_str(), "series" | "family" | "model" | "models") {
            continue;
        }
        let mut j = i;
        while j > 0 && i - j < 3 {
            let p = &t[j - 1];
            if p.word
                && !matches!(p.w.as_str(), "this" | "our" | "the" | "a" | "an")
                && p.raw
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            {
                j -= 1;
            } else {
                break;
            }
        }
        if j == i || j == 0 {
            continue;
        }
        let det = &t[j - 1].w;
        let family = matches!(tok.w.as_str(), "series" | "family");
        if matches!(det.as_str(), "this" | "our") || family && det == "the" {
            for k in j + 1..=i {
                n.add_squashed(&t[j..k]);
            }
        }
    }
}

/// Base models the card names: "a fine-tuned version of X", "fine-tuned
/// from X", "based on X".
fn base_names(t: &[Token], bases: &mut BTreeSet<String>) {
    for i in 0..t.len() {
        let w = |k: usize| t.get(k).map(|t| t.w.as_str()).unwrap_or("");
        let introduces_base =
            w(i) == "version" && w(i + 1) == "of" && w(i.wrapping_sub(1)) == "tuned"
                || matches!(w(i), "tuned" | "finetuned" | "trained") && w(i + 1) == "from"
                || w(i) == "based" && w(i + 1) == "on";
        if !introduces_base {
            continue;
        }
        let after = i + 2;
        let run: Vec<Token> = t
            .iter()
            .skip(after)
            .skip_while(|t| !t.word && matches!(t.w.as_str(), "[" | "\"" | "("))
            .take_while(|t| {
                t.word
                    && !matches!(
                        t.w.as_str(),
                        "for" | "on" | "with" | "and" | "by" | "to" | "using" | "which"
                    )
            })
            .take(6)
            .cloned()
            .collect();
        add_windows(bases, &run);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(repo: &str, body: &str) -> Names {
        Names::for_model(repo, &serde_json::json!({}), Some(body))
    }

    fn is_name(n: &Names, s: &str) -> bool {
        let t = tokens(s);
        n.name_at(&t, 0) == Some(t.len())
    }

    #[test]
    fn repository_name_parts_title_and_family() {
        let n = names(
            "IDEA-CCNL/Taiyi-CLIP-Roberta-102M-Chinese",
            "# Taiyi CLIP\n\nThe Fengshenbang series models are ours.\n",
        );
        assert!(is_name(&n, "Taiyi"));
        assert!(is_name(&n, "TaiyiCLIP"));
        assert!(is_name(&n, "Taiyi-CLIP-Roberta-102M-Chinese"));
        assert!(is_name(&n, "Fengshenbang"));
        assert!(
            !is_name(&n, "RoBERTa"),
            "an architecture word is not a name"
        );
        assert!(n.is_kind("clip"));
    }

    #[test]
    fn base_models_are_not_the_model() {
        let n = names(
            "someone/gpt-neox-20b-fiction",
            "This model is a fine-tuned version of [EleutherAI/gpt-neox-20b](https://x) for fiction.",
        );
        assert!(!is_name(&n, "GPT-NeoX-20B"));
        assert!(is_name(&n, "gpt-neox-20b-fiction"));
        let n = Names::for_model(
            "o/llama-2-7b-ft",
            &serde_json::json!({"base_model": "meta-llama/Llama-2-7b"}),
            None,
        );
        assert!(!is_name(&n, "Llama-2-7b"));
    }
}
