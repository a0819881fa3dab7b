//! The names a card can call its own model by: the repository's name and its
//! parts, the card's title, `model_name` and `model-index` names, and the
//! family names the card uses ("the Taiyi series", "this FrostAura model").
//! Names of the model's base models are left out: "GPT-NeoX-20B is an
//! open-source model" in a fine-tune's card is about the base, not the card's
//! own model.

use super::text::{Token, plain, squashed, tokens};
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
    /// Names without their size and variant words ("lwmjax" for
    /// "LWM-Chat-1M-Jax"), so that "LWM-1M-Jax" is the same model.
    stems: BTreeSet<String>,
    /// Names of other models the card builds on (its base models): never
    /// the subject, even when they share words with the model's own name.
    foreign: BTreeSet<String>,
    /// Nouns that name the artifact itself beyond "model" ("crate",
    /// "library" for a crate).
    pub own_nouns: Vec<&'static str>,
    /// The versions the repository's name gives the model, as numbers
    /// ("1.3.0" for "Open-Sora-Plan-v1.3.0", "2" for "sqlcoder2").
    versions: Vec<Vec<String>>,
    /// The repository's owner, lowercased letters and digits only
    /// ("acmeai"), empty when the names are not a repository's.
    owner: String,
    /// The sizes the repository's name gives the model ("7b"; "30b" and
    /// "a3b"): a name written with another size is a sibling.
    sizes: Vec<String>,
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

/// Short words a repository's name starts with that are words, not names
/// ("the-best-7b", "ai-chat").
const COMMON_SHORT: &[&str] = &[
    "a", "ai", "all", "an", "and", "any", "art", "asr", "big", "bit", "by", "chat", "de", "en",
    "es", "for", "fr", "ft", "hf", "in", "it", "lm", "llm", "max", "me", "min", "ml", "my", "new",
    "nlp", "no", "not", "ocr", "of", "old", "on", "one", "or", "our", "pro", "qa", "rl", "sft",
    "so", "the", "to", "top", "tts", "two", "up", "us", "we", "zh",
];

/// Words of the labels themselves: never a name, even inside a repository
/// name ("Llama3-OpenBioLLM" has the part "open").
const LABEL_WORDS: &[&str] = &[
    "open",
    "opensource",
    "source",
    "sourced",
    "weights",
    "access",
    "openly",
];

/// A size ("7b", "1m", "8x7b", "460m"), a bare number or a version ("v2"):
/// left out when names are compared.
pub fn is_size(w: &str) -> bool {
    // "A22B" in "Qwen3-235B-A22B": the parameters a mixture of experts
    // activates.
    let w = w
        .strip_prefix('v')
        .or_else(|| w.strip_prefix('a').filter(|r| r.ends_with('b')))
        .unwrap_or(w);
    let digits = w.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return false;
    }
    let rest = &w[digits..];
    rest.is_empty()
        || matches!(rest, "b" | "m" | "k" | "t" | "bn")
        || rest.strip_prefix('x').is_some_and(|r| {
            r.chars().next().is_some_and(|c| c.is_ascii_digit()) && r.ends_with('b')
        })
}

/// A size with its unit ("7b", "460m", "8x7b", "a3b", "128k"), not a bare
/// number or a version.
pub fn is_unit_size(w: &str) -> bool {
    is_size(w) && !w.chars().all(|c| c.is_ascii_digit()) && !is_version(w)
}

/// The sizes written in `t`. A size after a point is read without the
/// number before it ("5b" of "0.5B"): the tokens do not tell "Quokka2.5-7B"
/// from "0.5B", so "0.5B" and "1.5B" read alike and are never told apart.
fn sizes_in(t: &[Token]) -> Vec<String> {
    t.iter()
        .filter(|x| x.word && is_unit_size(&x.w))
        .map(|x| x.w.clone())
        .collect()
}

/// Words of a section heading, not a model's title ("# Intro", "# Model
/// details").
const SECTION_WORDS: &[&str] = &[
    "intro",
    "introduction",
    "overview",
    "description",
    "summary",
    "model",
    "models",
    "card",
    "details",
    "usage",
    "about",
    "news",
    "updates",
    "update",
    "benchmark",
    "benchmarks",
    "results",
    "evaluation",
    "license",
    "citation",
    "contents",
    "table",
    "quickstart",
    "quick",
    "start",
    "requirements",
    "installation",
    "important",
    "note",
    "notice",
    "disclaimer",
    "abstract",
    "highlights",
    "features",
    "acknowledgements",
    "performance",
    "how",
    "use",
    "get",
    "started",
    "getting",
    "information",
    "training",
    "data",
    "limitations",
    "examples",
    "example",
    "demo",
    "welcome",
    "open",
    "source",
    "inference",
    "download",
    "links",
    "contact",
    "warning",
];

/// Formats of a re-upload ("-GGUF", "-4bit"): the same model in another file.
const FORMAT_WORDS: &[&str] = &[
    "gguf",
    "ggml",
    "gptq",
    "awq",
    "exl2",
    "mlx",
    "onnx",
    "hf",
    "fp16",
    "bf16",
    "int4",
    "int8",
    "4bit",
    "8bit",
    "3bit",
    "2bit",
    "6bit",
    "bnb",
    "quantized",
    "quant",
    "imatrix",
    "qat",
    "mlc",
    "exllama",
    "exllamav2",
];

/// A repository name without its file-format words, squashed
/// ("openchat_3.5-GGUF" → "openchat35").
fn without_format(name: &str) -> String {
    tokens(name)
        .iter()
        .filter(|t| t.word && !FORMAT_WORDS.contains(&t.w.as_str()) && !is_quant(&t.w))
        .map(|t| t.w.as_str())
        .collect()
}

/// A quantization level ("q4", "q4km", "q8_0").
/// A format or a quantisation ("gguf", "fp8", "int4", "q4", "w4a16"):
/// how a model is stored, never which model.
pub fn is_format(w: &str) -> bool {
    let number_after = |p: &str| {
        w.strip_prefix(p)
            .is_some_and(|r| r.chars().next().is_some_and(|c| c.is_ascii_digit()))
    };
    // "w4a16": weights and activations in so many bits.
    let bits = w.strip_prefix('w').is_some_and(|r| {
        let (wb, ab) = r.split_once('a').unwrap_or(("", ""));
        !wb.is_empty()
            && !ab.is_empty()
            && wb.chars().all(|c| c.is_ascii_digit())
            && ab.chars().all(|c| c.is_ascii_digit())
    });
    FORMAT_WORDS.contains(&w)
        || is_quant(w)
        || bits
        || ["fp", "bf", "int", "nf", "mxfp"]
            .iter()
            .any(|p| number_after(p))
}

fn is_quant(w: &str) -> bool {
    w.strip_prefix('q')
        .is_some_and(|r| r.chars().next().is_some_and(|c| c.is_ascii_digit()))
}

/// A version part of a name: "v2", "v0" in "v0.2".
fn is_version(w: &str) -> bool {
    w.strip_prefix('v')
        .is_some_and(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_digit()))
}

/// The versions a name gives its model, each as its numbers: "v1.3.0" is
/// 1, 3, 0; a number run onto a word ("sqlcoder2", "Qwen2.5") or set
/// after one ("Llama-2-7b") is one too, a size ("0.5B") is not.
fn name_versions(name: &str) -> Vec<Vec<String>> {
    let number = |s: &str| {
        let parts: Vec<String> = s.split('.').map(str::to_owned).collect();
        parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
            .then_some(parts)
    };
    let segments: Vec<&str> = name
        .split(['-', '_', '/', ' '])
        .filter(|s| !s.is_empty())
        .collect();
    let mut out = Vec::new();
    for (i, seg) in segments.iter().enumerate() {
        let lower = seg.to_lowercase();
        let version = if let Some(v) = lower.strip_prefix('v').and_then(number) {
            Some(v)
        } else if let Some(v) = number(&lower) {
            (i > 0 && segments[i - 1].chars().any(char::is_alphabetic)).then_some(v)
        } else {
            let at = lower
                .find(|c: char| c.is_ascii_digit())
                .unwrap_or(lower.len());
            let letters = &lower[..at];
            (letters.chars().count() >= 2 && letters.chars().all(char::is_alphabetic))
                .then(|| number(&lower[at..]))
                .flatten()
        };
        out.extend(version);
    }
    // A pre-release named without a number ("sqlcoder-34b-alpha") comes
    // before any numbered version: "the v1 weights" are another's.
    if out.is_empty()
        && segments
            .iter()
            .any(|s| matches!(s.to_lowercase().as_str(), "alpha" | "beta" | "preview"))
    {
        out.push(vec!["0".to_owned()]);
    }
    out
}

/// A name's words without sizes, versions and variant words, squashed.
fn stem<'a>(words: impl Iterator<Item = &'a str>) -> String {
    words
        .filter(|w| !is_size(w) && !VARIANT_WORDS.contains(w) && !FORMAT_WORDS.contains(w))
        .collect()
}

fn distinctive(s: &str) -> bool {
    !LABEL_WORDS.contains(&s)
        && s.chars().count() >= 4
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
        n.add_core(repo);
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
        let (owner, own) = repo.split_once('/').unwrap_or(("", repo));
        let own_file = without_format(own);
        let mut bases: BTreeSet<String> = BTreeSet::new();
        for b in super::super::card::list(data.get("base_model")) {
            let (base_owner, base) = b.split_once('/').unwrap_or(("", &b));
            // A re-upload in another format ("-GGUF", "-4bit"), or the
            // family's own base ("-Chat" on its "-Base"), is the same model
            // or family.
            let same = base_owner.eq_ignore_ascii_case(owner)
                || !own_file.is_empty() && own_file == without_format(base);
            if same {
                n.add_name(base);
            } else {
                add_windows(&mut bases, &tokens(base));
            }
        }
        if let Some(body) = body {
            let text = plain(&body.chars().take(200_000).collect::<String>());
            // The first title and the first section heading: "# Quokka",
            // "## Quokka-7B-Chat" under a logo.
            for (level, section_like) in [("# ", true), ("## ", false)] {
                if let Some(title) = text
                    .lines()
                    .map(str::trim)
                    .find(|l| l.starts_with(level))
                    .map(|l| l.trim_start_matches('#').trim())
                {
                    n.add_title(title, section_like);
                }
            }
            n.add_introduced(&text);
            let t = tokens(&text);
            n.add_short_front(name, &t);
            n.add_abbreviations(&t);
            family_names(&t, &mut n);
            base_names(&t, owner, own, &mut bases);
            derived_names(&t, owner, own, &mut bases);
        }
        named_base(owner, own, &mut bases);
        // Whatever the card builds on, the model is never foreign to its
        // own name without a version ("Open-Sora Plan" on the v1.3.0 card
        // built on v1.2.0).
        let bare = bare_name(name);
        if n.names.contains(&bare) {
            bases.remove(&bare);
        }
        n.versions = name_versions(name);
        n.sizes = sizes_in(&tokens(name));
        n.owner = squashed(owner);
        n.names.retain(|x| !bases.contains(x));
        n.stems.retain(|x| !bases.contains(x));
        n.foreign = bases;
        n
    }

    /// What `add_name` leaves out because it is too short or too common,
    /// when the repository's name has nothing else to call the model by: a
    /// model named after its architecture ("allenai/longformer-base-4096"
    /// is "Longformer"), a short code with a digit ("acme/K2"), or a
    /// repository named by its size alone, whose owner names the model
    /// ("LTP/small").
    fn add_core(&mut self, repo: &str) {
        let (owner, name) = repo.split_once('/').unwrap_or(("", repo));
        let code = |w: &str| {
            w.chars().any(|c| c.is_ascii_digit())
                && w.chars().any(char::is_alphabetic)
                && !is_size(w)
                && !is_quant(w)
                && !ARCHITECTURE_WORDS.contains(&w)
        };
        let core: Vec<String> = parts(name)
            .into_iter()
            .filter(|w| {
                !is_size(w)
                    && !is_quant(w)
                    && !VARIANT_WORDS.contains(&w.as_str())
                    && !FORMAT_WORDS.contains(&w.as_str())
                    && !LABEL_WORDS.contains(&w.as_str())
                    && w.chars().any(char::is_alphabetic)
            })
            .collect();
        for w in &core {
            if w.chars().count() >= 2 && code(w) {
                self.names.insert(w.clone());
            }
        }
        match core.as_slice() {
            [one] if ARCHITECTURE_WORDS.contains(&one.as_str()) && one.chars().count() >= 3 => {
                self.names.insert(one.clone());
            }
            [] => {
                let o: String = tokens(owner)
                    .iter()
                    .filter(|t| t.word)
                    .map(|t| t.w.as_str())
                    .collect();
                if o.chars().count() >= 3 && !LABEL_WORDS.contains(&o.as_str()) {
                    self.names.insert(o);
                }
            }
            _ => {}
        }
    }

    /// A title's head ("Quokka" in "# Quokka: a chat model"), when it
    /// names the model: it shares a word with the repository ("# Taiyi
    /// CLIP"), or (`unshared`, for the card's title) holds no word of a
    /// section's heading ("# Intro"). A section heading ("## Dataset")
    /// must share one.
    fn add_title(&mut self, title: &str, unshared: bool) {
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
        let shares = head
            .iter()
            .any(|t| t.w.chars().count() >= 3 && self.kinds.contains(&t.w) && !is_size(&t.w))
            || unshared && head.iter().all(|t| !SECTION_WORDS.contains(&t.w.as_str()));
        if !head.is_empty() && head.len() <= 5 && shares {
            self.add_squashed(&head);
        }
    }

    /// The name the card's opening sentences introduce the model by:
    /// "Quokka is a 7B chat model …" in one of its first lines of prose,
    /// or the maker's "We introduce Quokka, a …" in one of its first ten.
    fn add_introduced(&mut self, text: &str) {
        let prose: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| {
                !l.is_empty()
                    && !l.starts_with(['#', '|', '!', '[', '<', '`', '-', '*', '>', '='])
                    && !l.contains("---")
            })
            .take(10)
            .collect();
        for line in &prose {
            let t = tokens(line);
            if let Some(name) = introduced_by_maker(&t) {
                self.add_squashed(name);
            }
        }
        for line in prose.into_iter().take(3) {
            let t = tokens(line);
            let Some(verb) = t
                .iter()
                .position(|x| x.word && matches!(x.w.as_str(), "is" | "are"))
            else {
                continue;
            };
            let article = t
                .get(verb + 1)
                .is_some_and(|x| matches!(x.w.as_str(), "a" | "an" | "the"));
            let subject = &t[..verb];
            let capitalised = subject
                .first()
                .is_some_and(|x| x.raw.chars().next().is_some_and(char::is_uppercase));
            let named = !subject.is_empty()
                && subject.len() <= 5
                && subject.iter().all(|x| x.word)
                && capitalised
                && !subject.iter().any(|x| {
                    matches!(
                        x.w.as_str(),
                        "this" | "it" | "the" | "our" | "we" | "they" | "these" | "there" | "model"
                    )
                });
            if article && named {
                self.add_squashed(subject);
            }
        }
    }

    /// The front of the repository's name when it is too short to be
    /// distinctive on its own ("Neo" for "neo_7b", "YuE" for
    /// "YuE-s1-7B-anneal"): a name only when the card writes it as one,
    /// capitalised and standing alone, at least twice or once as the
    /// subject that introduces it ("Neo is a …").
    fn add_short_front(&mut self, name: &str, body: &[Token]) {
        let Some(front) = tokens(name).into_iter().next().filter(|t| t.word) else {
            return;
        };
        let w = front.w.as_str();
        let n = w.chars().count();
        if !(2..=3).contains(&n)
            || !w.chars().all(|c| c.is_ascii_alphabetic())
            || LABEL_WORDS.contains(&w)
            || VARIANT_WORDS.contains(&w)
            || ARCHITECTURE_WORDS.contains(&w)
            || COMMON_SHORT.contains(&w)
        {
            return;
        }
        let mut written = 0;
        for (i, x) in body.iter().enumerate() {
            if x.w == w
                && x.raw.chars().next().is_some_and(char::is_uppercase)
                && !x.joined
                && !body.get(i + 1).is_some_and(|y| y.joined && y.word)
            {
                let introduces = body
                    .get(i + 1)
                    .is_some_and(|y| matches!(y.w.as_str(), "is" | "are"))
                    && body
                        .get(i + 2)
                        .is_some_and(|y| matches!(y.w.as_str(), "a" | "an" | "the"));
                written += if introduces { 2 } else { 1 };
                if written >= 2 {
                    break;
                }
            }
        }
        if written >= 2 {
            self.names.insert(w.to_owned());
        }
    }

    /// A short form the card defines for the model's name:
    /// "InternLM-XComposer2.5-OmniLive (IXC2.5-OL)" on
    /// "internlm-xcomposer2d5-ol-7b". The words before the brackets share
    /// a part with the repository's name, and the short form's capitals
    /// are their capitals, in order.
    fn add_abbreviations(&mut self, t: &[Token]) {
        const MAX_WORDS: usize = 6;
        let mut found = 0;
        for (i, open) in t.iter().enumerate() {
            if open.w != "(" || found >= 4 {
                continue;
            }
            let inner: Vec<&Token> = t[i + 1..]
                .iter()
                .take_while(|x| x.word)
                .take(MAX_WORDS)
                .collect();
            if inner.is_empty()
                || t.get(i + 1 + inner.len()).is_none_or(|x| x.w != ")")
                || inner.iter().skip(1).any(|x| !x.joined)
            {
                continue;
            }
            let short: String = inner
                .iter()
                .flat_map(|x| x.raw.chars())
                .filter(|c| c.is_uppercase())
                .collect();
            let before: Vec<&Token> = t[..i]
                .iter()
                .rev()
                .take_while(|x| x.word)
                .take(MAX_WORDS)
                .collect();
            let shares = before
                .iter()
                .any(|x| x.w.chars().count() >= 3 && self.kinds.contains(&x.w) && !is_size(&x.w));
            let capitals: String = before
                .iter()
                .rev()
                .flat_map(|x| x.raw.chars())
                .filter(|c| c.is_uppercase())
                .collect();
            let mut caps = capitals.chars();
            let initials =
                short.chars().count() >= 2 && short.chars().all(|c| caps.any(|d| d == c));
            let squashed: String = inner.iter().map(|x| x.w.as_str()).collect();
            if shares
                && initials
                && squashed.chars().count() >= 3
                && !self.foreign.contains(&squashed)
            {
                self.names.insert(squashed);
                found += 1;
            }
        }
    }

    fn add_squashed(&mut self, t: &[Token]) {
        let s = squash(t);
        if distinctive(&s) {
            self.names.insert(s);
        }
        self.add_stem(t);
    }

    fn add_stem(&mut self, t: &[Token]) {
        let s = stem(t.iter().filter(|t| t.word).map(|t| t.w.as_str()));
        if distinctive(&s) {
            self.stems.insert(s);
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
        // The name without its sizes, versions and formats, but with its
        // variant words, however it is spaced: "QuokkaChat" and "Quokka
        // Chat" for "Quokka-7B-Chat-v0.2-GGUF".
        let bare = bare_name(name);
        if distinctive(&bare) {
            self.names.insert(bare);
        }
        let t = tokens(name);
        // Each segment as written ("OpenQuokka" in "Llama3-OpenQuokka-70B").
        for seg in t.iter().filter(|t| t.word) {
            if distinctive(&seg.w) {
                self.names.insert(seg.w.clone());
            }
        }
        let whole: String = t.iter().map(|t| t.w.as_str()).collect();
        if whole.chars().count() >= 3 && !LABEL_WORDS.contains(&whole.as_str()) {
            self.names.insert(whole);
        }
        self.add_stem(&t);
    }

    /// The number of tokens of a name that starts at `at`, if one does.
    pub fn name_at(&self, t: &[Token], at: usize) -> Option<usize> {
        (1..=6)
            .rev()
            .filter(|len| at + len <= t.len())
            .find(|&len| self.is_name(t, at, len))
    }

    /// The number of tokens of a name that ends at `end` (inclusive), if one does.
    pub fn name_ending(&self, t: &[Token], end: usize) -> Option<usize> {
        (1..=6)
            .rev()
            .filter(|len| *len <= end + 1)
            .find(|&len| self.is_name(t, end + 1 - len, len))
    }

    /// Whether the words `t[at..at + len]` are one of the names: as written,
    /// or without sizes and variant words ("LWM-1M-Jax" for
    /// "LWM-Chat-1M-Jax"), and never the front of a longer compound
    /// ("Libri" in "Libri-Light") or a base model's name.
    fn is_name(&self, t: &[Token], at: usize, len: usize) -> bool {
        let w = &t[at..at + len];
        if !w.iter().all(|t| t.word) || self.other_size(t, at, len) {
            return false;
        }
        if let Some(next) = t.get(at + len)
            && next.word
            && next.joined
            // "Acme's weights": a possessive, not a longer name.
            && next.w != "s"
            && !is_size(&next.w)
            && !VARIANT_WORDS.contains(&next.w.as_str())
            && !FORMAT_WORDS.contains(&next.w.as_str())
        {
            return false;
        }
        // Nor the tail of a longer compound ("Nano" in "GLM-ASR-Nano"),
        // unless what comes before is the owner ("acme/Quokka") or an
        // initial ("N-LTP" for "LTP").
        if at > 0
            && t[at].joined
            && t[at - 1].word
            && t[at - 1].w.chars().count() > 1
            && t[at - 1].w != self.owner
        {
            return false;
        }
        let s = squash(w);
        if self.foreign.contains(&s) {
            return false;
        }
        // Nor the front of a base's name written whole: "Falcon" of
        // "Falcon-40B" on the card of Falcon-40B-Instruct.
        let mut whole = at + len;
        while t.get(whole).is_some_and(|n| n.word && n.joined) {
            whole += 1;
        }
        if whole > at + len && self.foreign.contains(&squash(&t[at..whole])) {
            return false;
        }
        // Function words never hide inside a name ("Acme-7B with large").
        let glued = w.iter().skip(1).any(|t| {
            matches!(
                t.w.as_str(),
                "the"
                    | "and"
                    | "for"
                    | "with"
                    | "model"
                    | "models"
                    | "fine"
                    | "tuned"
                    | "finetuned"
            )
        });
        self.names.contains(&s)
            || !glued && {
                let st = stem(w.iter().map(|t| t.w.as_str()));
                distinctive(&st) && (self.stems.contains(&st) || self.names.contains(&st))
            }
    }

    /// Whether the words are a base model's name (a model the card builds
    /// on, not the card's own).
    pub fn is_foreign(&self, t: &[Token]) -> bool {
        let s = squash(t);
        !s.is_empty() && self.foreign.contains(&s)
    }

    /// Whether some words of `t`, one to four in a row, are a base
    /// model's name ([`Names::is_foreign`]).
    pub fn names_base(&self, t: &[Token]) -> bool {
        (0..t.len()).any(|i| (1..=4).any(|l| i + l <= t.len() && self.is_foreign(&t[i..i + l])))
    }

    /// Whether a version written at `at` ("v1", "v1.5") is another version
    /// than the one the repository's name gives: on the card of a model
    /// named without a version, no version is another.
    pub fn other_version(&self, t: &[Token], at: usize) -> bool {
        let Some(first) = t.get(at).filter(|x| x.word && is_version(&x.w)) else {
            return false;
        };
        if self.versions.is_empty() {
            return false;
        }
        let mut written = vec![first.w[1..].to_owned()];
        let mut k = at + 1;
        while let Some(n) = t
            .get(k)
            .filter(|n| n.joined && n.w.chars().all(|c| c.is_ascii_digit()))
        {
            written.push(n.w.clone());
            k += 1;
        }
        let number = |s: &String| s.trim_start_matches('0').to_owned();
        // "v1" on the card of v1.3.0 is its line; v1.2 is not.
        !self.versions.iter().any(|own| {
            own.iter()
                .zip(&written)
                .all(|(a, b)| number(a) == number(b))
        })
    }

    /// Whether the name written at `t[at..at + len]`, with what is joined
    /// to it or the size right after it, gives a size the repository's name
    /// does not: "Quokka-70B-Chat" or "Quokka 70B" on the card of
    /// Quokka-7B-Chat is a sibling, not the model.
    fn other_size(&self, t: &[Token], at: usize, len: usize) -> bool {
        if self.sizes.is_empty() {
            return false;
        }
        let mut end = at + len;
        while let Some(n) = t.get(end).filter(|n| n.word) {
            if !(n.joined || end == at + len && is_unit_size(&n.w)) {
                break;
            }
            end += 1;
        }
        self.another_size(&t[at..end])
    }

    /// Whether words give sizes, none of them the model's ("our 70B
    /// model" on the 8B card); "Quokka 7B/13B" lists the model among its
    /// sizes. (In place: this is on the path of every name lookup.)
    pub fn another_size(&self, t: &[Token]) -> bool {
        if self.sizes.is_empty() {
            return false;
        }
        let mut written = t.iter().filter(|x| x.word && is_unit_size(&x.w)).peekable();
        written.peek().is_some() && !written.any(|x| self.sizes.contains(&x.w))
    }

    /// Whether a text (a claim's subject) gives one of the names anywhere.
    pub fn names_any(&self, text: &str) -> bool {
        let t = tokens(text);
        (0..t.len()).any(|i| self.name_at(&t, i).is_some())
    }

    /// Whether a word is (a part of) the repository owner's name: "Acme's"
    /// on acme-ai's card is the maker's own.
    pub fn is_owner(&self, word: &str) -> bool {
        same_owner(&self.owner, word)
    }

    /// Whether a word is a part of the model's name (what kind of model it is).
    pub fn is_kind(&self, word: &str) -> bool {
        self.kinds.contains(word)
    }
}

/// A name without its sizes, versions and formats, squashed.
fn bare_name(name: &str) -> String {
    tokens(name)
        .into_iter()
        .filter(|t| t.word)
        .map(|t| t.w)
        .filter(|w| {
            w.chars().any(char::is_alphabetic)
                && !is_size(w)
                && !is_quant(w)
                && !FORMAT_WORDS.contains(&w.as_str())
                && !is_version(w)
        })
        .collect()
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

/// The name the maker gives its model in a line of prose: "our model is
/// now called Viking", "We introduce Quokka, a …".
fn introduced_by_maker(t: &[Token]) -> Option<&[Token]> {
    renamed_by_maker(t).or_else(|| introduced_with_article(t))
}

/// The name in "our Nordic model is now called Viking": a capitalised name
/// of at most three words after "called", "named" or "dubbed", where "our"
/// or "this" and a model noun come before it.
fn renamed_by_maker(t: &[Token]) -> Option<&[Token]> {
    let verb = t
        .iter()
        .position(|x| matches!(x.w.as_str(), "called" | "named" | "dubbed" | "renamed"))?;
    let before = &t[verb.saturating_sub(8)..verb];
    let own = before
        .iter()
        .any(|x| matches!(x.w.as_str(), "our" | "this"))
        && before.iter().any(|x| {
            matches!(
                x.w.as_str(),
                "model" | "models" | "llm" | "family" | "series"
            )
        });
    let end = (verb + 1..t.len().min(verb + 4))
        .find(|&k| !t[k].word)
        .unwrap_or(t.len().min(verb + 4));
    let name = &t[verb + 1..end];
    let capitalised = name
        .first()
        .is_some_and(|x| x.raw.chars().next().is_some_and(char::is_uppercase));
    (own && capitalised).then_some(name)
}

/// The name in the maker's "We introduce Quokka, a …" ("present",
/// "propose", "release"): a capitalised name of at most five words between
/// the verb and a comma that an article follows.
fn introduced_with_article(t: &[Token]) -> Option<&[Token]> {
    let verb = (1..t.len().min(12)).find(|&k| {
        t[k - 1].w == "we"
            && matches!(
                t[k].w.as_str(),
                "introduce" | "present" | "propose" | "release" | "announce"
            )
    })?;
    let comma = (verb + 1..t.len().min(verb + 8)).find(|&k| t[k].w == ",")?;
    let name: Vec<usize> = (verb + 1..comma).filter(|&k| t[k].word).collect();
    let article = t
        .get(comma + 1)
        .is_some_and(|x| matches!(x.w.as_str(), "a" | "an" | "the"));
    let capitalised = name
        .first()
        .is_some_and(|&k| t[k].raw.chars().next().is_some_and(char::is_uppercase));
    let common = name.iter().any(|&k| {
        matches!(
            t[k].w.as_str(),
            "this" | "it" | "the" | "our" | "a" | "an" | "model" | "models"
        )
    });
    (article && capitalised && !common && (1..=5).contains(&name.len()))
        .then(|| &t[name[0]..=name[name.len() - 1]])
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
/// from X", "based on X", "a X model fine-tuned on …".
fn base_names(t: &[Token], owner: &str, own: &str, bases: &mut BTreeSet<String>) {
    let owner = squashed(owner);
    for run in tuned_model_names(t).into_iter().chain(tuned_or_merged(t)) {
        add_base(run, &owner, own, bases);
    }
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
            .enumerate()
            // A name ends where a lowercase word without a digit stands
            // on its own: "[ST-MoE](…) but uses Decoder-only".
            .take_while(|(k, t)| {
                *k == 0
                    || t.joined
                    || t.w.chars().any(|c| c.is_ascii_digit())
                    || !t.raw.chars().next().is_some_and(char::is_lowercase)
            })
            .map(|(_, t)| t)
            .take_while(|t| {
                t.word
                    && !matches!(
                        t.w.as_str(),
                        "for"
                            | "on"
                            | "with"
                            | "and"
                            | "by"
                            | "to"
                            | "using"
                            | "which"
                            | "model"
                            | "models"
                            | "not"
                            | "in"
                            | "is"
                            | "are"
                    )
            })
            .take(6)
            .cloned()
            .collect();
        // "based on the model …" describes and "trained from scratch"
        // builds on nothing; a base is named.
        if run.first().is_some_and(|t| {
            matches!(
                t.w.as_str(),
                "the" | "a" | "an" | "our" | "this" | "its" | "scratch"
            )
        }) {
            continue;
        }
        // A name is capitalised, holds a digit or is a compound
        // ("llama-2-7b", "roberta-base"): "based on better tool use"
        // names none.
        if !run.first().is_some_and(named_word) && !run.get(1).is_some_and(|x| x.joined) {
            continue;
        }
        add_base(&run, &owner, own, bases);
    }
}

/// The names a card gives as the kind of model its model was tuned from:
/// "StableVicuna-13B is a Vicuna-13B v0 model fine-tuned using RLHF". The
/// name stands between the article and "model", each of its words
/// capitalised or holding a digit ("a causal language model trained on"
/// names no model).
fn tuned_model_names(t: &[Token]) -> Vec<&[Token]> {
    let w = |k: usize| t.get(k).map(|t| t.w.as_str()).unwrap_or("");
    let mut out = Vec::new();
    for i in 1..t.len() {
        let tuned = matches!(w(i + 1), "finetuned" | "trained" | "tuned")
            || w(i + 1) == "fine" && w(i + 2) == "tuned";
        if !(matches!(w(i), "model" | "checkpoint") && tuned) {
            continue;
        }
        let mut start = i;
        while start > 0
            && i - start < 6
            && t[start - 1].word
            && (t[start - 1].joined || named_word(&t[start - 1]))
        {
            start -= 1;
        }
        // A link's text keeps its bracket: "a [Vicuna-13B v0](…) model".
        let mut article = start;
        while article > 0 && matches!(w(article - 1), "[" | "\"" | "*" | "`") {
            article -= 1;
        }
        if start < i && article > 0 && matches!(w(article - 1), "a" | "an") {
            out.push(&t[start..i]);
        }
    }
    out
}

/// The names after "a fine-tune of", "a merge of", "we fine-tuned" and "a
/// fine-tuned": "a fine-tune of Mixtral-8x7B", "a merge of Quokka-7B and
/// Wombat-7B" (each model merged), "We fine-tuned Mixtral-8x7B on …". A
/// name starts with a capital or a digit ("a fine-tuned version of" names
/// none).
fn tuned_or_merged(t: &[Token]) -> Vec<&[Token]> {
    let w = |k: usize| t.get(k).map(|t| t.w.as_str()).unwrap_or("");
    // The run of a name from `k`: its first word named, then words joined
    // to it, holding a digit or capitalised, up to six.
    let run_at = |k: usize| -> Option<&[Token]> {
        t.get(k).filter(|x| named_word(x))?;
        let mut end = k + 1;
        while end < t.len() && end - k < 6 && (t[end].joined && t[end].word || named_word(&t[end]))
        {
            end += 1;
        }
        Some(&t[k..end])
    };
    let mut out = Vec::new();
    for i in 0..t.len() {
        let noun_of = matches!(w(i), "tune" | "finetune" | "merge" | "merging")
            && w(i + 1) == "of"
            && (w(i) != "tune" || w(i.wrapping_sub(1)) == "fine");
        let tuned = matches!(w(i), "tuned" | "finetuned") && {
            let before = if w(i) == "tuned" && w(i.wrapping_sub(1)) == "fine" {
                i.wrapping_sub(2)
            } else {
                i.wrapping_sub(1)
            };
            matches!(w(before), "we" | "a" | "an" | "have" | "has")
        };
        let mut at = if noun_of {
            i + 2
        } else if tuned {
            i + 1
        } else {
            continue;
        };
        // Past a link's bracket: "a fine-tune of [Mixtral-8x7B](…)".
        while matches!(w(at), "[" | "\"" | "`" | "*") {
            at += 1;
        }
        let Some(run) = run_at(at) else {
            continue;
        };
        out.push(run);
        // "a merge of Quokka-7B and Wombat-7B", "of A, B and C".
        let mut next = at + run.len();
        while noun_of && matches!(w(next), "and" | "," | "&") {
            next += 1;
            while matches!(w(next), "[" | "\"" | "`" | "*" | "]") {
                next += 1;
            }
            let Some(run) = run_at(next) else {
                break;
            };
            out.push(run);
            next += run.len();
        }
    }
    out
}

/// Whether a word can be (the start of) a model's name: capitalised or
/// holding a digit ("Vicuna", "v0", "13B"), not a lowercase word.
fn named_word(x: &Token) -> bool {
    x.word
        && (x.raw.chars().next().is_some_and(char::is_uppercase)
            || x.w.chars().any(|c| c.is_ascii_digit()))
}

/// Adds a base model's name the card gives, unless it is the model's own
/// line or its maker's family.
fn add_base(run: &[Token], owner: &str, own: &str, bases: &mut BTreeSet<String>) {
    // "[acme/Zephyrine-7B](…)" in acme's own card is the family's base.
    if !owner.is_empty() && run.len() > 1 && squash(run).starts_with(owner) {
        return;
    }
    // The model's own line is never its base: "applications based on
    // Baichuan 2" on the card of Baichuan2-13B-Chat, "based on Llama 2"
    // on Llama-2-7B-GGUF ([`own_line`]).
    if own_line(own, &squash(run)) {
        return;
    }
    // Short parts of a name the text gives ("MoE" of "ST-MoE") are
    // words, not names; nor is the model's own line a base's part
    // ("DeepSeek-VL" of "DeepSeek-VL-1.3b-base" on the card of
    // deepseek-vl-1.3b-chat).
    let whole = squash(run);
    let mut parts = BTreeSet::new();
    add_windows(&mut parts, run);
    bases.extend(
        parts
            .into_iter()
            .filter(|p| (*p == whole || distinctive(p)) && !own_line(own, p)),
    );
}

/// Words that say a repository's model was made from the one named before
/// them ("distilbert-base-uncased-finetuned-sst2").
const DERIVED_WORDS: &[&str] = &["finetuned", "finetune", "ft"];

/// Words of a repository name for a stage or a training step of the same
/// model ("-alpha", "-Preview", "-SFT"): the model, not one made from it.
const STAGE_WORDS: &[&str] = &[
    "alpha",
    "beta",
    "preview",
    "rc",
    "early",
    "release",
    "latest",
    "pretrain",
    "pretrained",
    "sft",
    "dpo",
    "rl",
    "it",
    "tuned",
];

/// Whether a repository-name part is only a size, version, format or
/// variant of the model named before it (its re-upload or sibling), not a
/// word of a model of its own.
fn same_model_word(w: &str) -> bool {
    is_size(w)
        || is_quant(w)
        || is_version(w)
        || w.chars().all(|c| c.is_ascii_digit())
        || FORMAT_WORDS.contains(&w)
        || STAGE_WORDS.contains(&w)
        || VARIANT_WORDS.contains(&w) && !DERIVED_WORDS.contains(&w) && w != "fine"
}

/// Whether `x` (squashed) is the front of the repository's name `own`
/// followed by words of a model of its own: the model the card's model was
/// made from ("BlenderBot" in "blenderbot_small-news", "GPT-3" in
/// "gpt_3_finetuned_multi_x_science"). A name followed only by sizes,
/// versions, formats and variants ("Llama 2" in "Llama-2-7B-GGUF") is the
/// model itself.
fn front_of(own: &str, x: &str) -> bool {
    front_rest(own, x).is_some_and(|(_, rest)| rest.iter().any(|w| !same_model_word(w)))
}

/// Whether `x` (squashed) is the front of the repository's name `own`
/// followed only by sizes, versions, formats and variants: the model's own
/// line, never a base of it.
fn own_line(own: &str, x: &str) -> bool {
    let Some((front, rest)) = front_rest(own, x) else {
        return false;
    };
    // A name with its size is one model: the same one only in another
    // format ("Llama-2-7B" of "Llama-2-7B-GGUF"); "Falcon-40B" on the card
    // of Falcon-40B-Instruct is its base.
    if front.iter().any(|w| is_size(w)) {
        return rest
            .iter()
            .all(|w| FORMAT_WORDS.contains(&w.as_str()) || is_quant(w));
    }
    // A training step after the name ("-SFT", "-DPO") is as often another
    // maker's fine-tune as the maker's own: not the model's line here.
    rest.iter()
        .all(|w| same_model_word(w) && !matches!(w.as_str(), "sft" | "dpo" | "rl" | "tuned" | "it"))
}

/// The words of the repository's name `own` up to `x` (squashed) and
/// after it, when `x` is its front up to a word's end.
fn front_rest(own: &str, x: &str) -> Option<(Vec<String>, Vec<String>)> {
    let mut p: Vec<String> = tokens(own)
        .into_iter()
        .filter(|t| t.word)
        .map(|t| t.w)
        .collect();
    let mut prefix = String::new();
    for (i, part) in p.iter().enumerate() {
        prefix.push_str(part);
        if prefix == x {
            let rest = p.split_off(i + 1);
            return Some((p, rest));
        }
        if prefix.len() >= x.len() {
            return None;
        }
    }
    None
}

/// Whether a maker's name (squashed: "facebookai") is the repository
/// owner's (squashed: "facebook"), one holding the other, as "Acme AI" is
/// acme's.
fn same_owner(owner: &str, maker: &str) -> bool {
    owner.chars().count() >= 3
        && maker.chars().count() >= 3
        && (owner.contains(maker) || maker.contains(owner))
}

/// Whether an owner's name holds a model's: a family named by its maker
/// ("Hunyuan" on Tencent-Hunyuan's cards) is never another's base.
fn owners_family(owner: &str, x: &str) -> bool {
    let owner = squashed(owner);
    // Without its size or version: "MiMo-7B" on XiaomiMiMo's cards.
    let x: String = x.chars().take_while(|c| c.is_alphabetic()).collect();
    x.chars().count() >= 3 && owner.contains(&x)
}

/// The base a repository's name gives: what stands before "finetuned" in
/// "distilbert-base-uncased-finetuned-sst2" or "gpt_3_finetuned_science".
fn named_base(owner: &str, own: &str, bases: &mut BTreeSet<String>) {
    let p = parts(own);
    let Some(at) = p.iter().enumerate().position(|(i, w)| {
        DERIVED_WORDS.contains(&w.as_str())
            || w == "fine" && p.get(i + 1).is_some_and(|n| n == "tuned")
    }) else {
        return;
    };
    let front: Vec<&String> = p[..at].iter().collect();
    if front.iter().all(|w| same_model_word(w)) {
        return;
    }
    let base: String = front.iter().map(|w| w.as_str()).collect();
    if !owners_family(owner, &base) {
        bases.insert(base);
    }
}

/// Verbs that say who made a model ("presented by", "has built and
/// open-sourced").
const MAKER_VERBS: &[&str] = &[
    "presented",
    "introduced",
    "proposed",
    "released",
    "developed",
    "created",
    "built",
    "trained",
    "published",
    "sourced",
    "designed",
];

/// Models the card says another maker made, when the repository's name is
/// theirs with words of its own ([`front_of`]): "Facebook AI has built and
/// open-sourced BlenderBot" on "someone/blenderbot_small-news". Their
/// labels are the base's, not the card's model's. The passive ("MOSS is a
/// model developed by Fudan University") is left alone: there the maker is
/// as often the owner under another name (fnlp) as another maker.
fn derived_names(t: &[Token], owner: &str, own: &str, bases: &mut BTreeSet<String>) {
    let owner_sq = squashed(owner);
    let own_sq = squashed(own);
    // Another maker: one to three capitalised words, not the owner.
    let maker = |run: &[Token]| {
        let sq: String = run.iter().map(|t| t.w.as_str()).collect();
        !run.is_empty()
            && run.len() <= 3
            && run.iter().all(|t| {
                t.word
                    && t.raw.chars().next().is_some_and(char::is_uppercase)
                    && !matches!(
                        t.w.as_str(),
                        "we" | "us" | "our" | "the" | "i" | "it" | "this" | "that" | "model"
                    )
            })
            && !same_owner(&owner_sq, &sq)
    };
    let w = |k: usize| t.get(k).map(|t| t.w.as_str()).unwrap_or("");
    for a in 0..t.len() {
        for len in (1..=4).rev() {
            let b = a + len;
            if b > t.len() || !t[a..b].iter().all(|x| x.word) {
                continue;
            }
            if a > 0 && t[a].joined || t.get(b).is_some_and(|x| x.word && x.joined) {
                continue;
            }
            let x = squash(&t[a..b]);
            // Only the front of the repository's name can be its base:
            // the cheap test first, the word-by-word one after.
            if x.chars().count() < 3
                || !own_sq.starts_with(&x)
                || !front_of(own, &x)
                || owners_family(owner, &x)
            {
                continue;
            }
            // "Org has built and open-sourced X".
            let mut v = a;
            while v > 0 && !t[v - 1].word {
                v -= 1;
            }
            let made_before = v > 0 && MAKER_VERBS.contains(&w(v - 1)) && {
                let mut s = v - 1;
                while s > 0
                    && (MAKER_VERBS.contains(&w(s - 1))
                        || matches!(w(s - 1), "and" | "open" | "has" | "have"))
                {
                    s -= 1;
                }
                let run: Vec<Token> = t[..s]
                    .iter()
                    .rev()
                    .take_while(|x| x.word && x.raw.chars().next().is_some_and(char::is_uppercase))
                    .take(4)
                    .cloned()
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                s < v - 1 && matches!(w(s), "has" | "have") && maker(&run)
            };
            if made_before {
                bases.insert(x);
                break;
            }
        }
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
    fn a_model_another_maker_made_is_the_base_of_a_name_built_on_it() {
        for (repo, body, base) in [
            (
                "someone/wombatbot_small-news",
                "- Acme AI has built and open-sourced WombatBot, the largest chatbot.",
                "WombatBot",
            ),
            ("someone/gpt_3_finetuned_science", "", "GPT-3"),
            ("someone/quokka-base-fine-tuned-poems", "", "Quokka-base"),
        ] {
            let n = names(repo, body);
            assert!(!is_name(&n, base), "{repo}: {base} is its base");
            assert!(is_name(&n, repo.split('/').nth(1).unwrap()), "{repo}");
        }
        // The maker's own card, a re-upload, a stage of the same model, a
        // family named by its owner and a maker named in the passive keep
        // their names.
        for (repo, body, own) in [
            (
                "acme/wombatbot_small-news",
                "Acme has built WombatBot.",
                "WombatBot",
            ),
            (
                "someone/Wombat-2-7B-GGUF",
                "Acme has released Wombat 2.",
                "Wombat 2",
            ),
            (
                "acme/wombat-34b-alpha",
                "Wombat-34B is fine-tuned from Quokka-34B.",
                "Wombat-34B",
            ),
            (
                "Acme-Wombat/WombatDiT",
                "Acme Labs has built Wombat.",
                "Wombat",
            ),
            ("acme/wombat-tuned-alpha-7b", "", "Wombat"),
            (
                "fnlp/wombat-moon-003",
                "Wombat is a model developed by Fudan University.",
                "Wombat",
            ),
        ] {
            let n = names(repo, body);
            assert!(is_name(&n, own), "{repo}: {own} is the model");
        }
    }

    #[test]
    fn a_short_front_is_a_name_only_where_the_card_writes_it_as_one() {
        let n = names("acme/emu_7b", "Emu is a chat model.\n");
        assert!(is_name(&n, "Emu"));
        let n = names("acme/Emu-s1-7B", "# Emu\n\nEmu writes songs.\n");
        assert!(is_name(&n, "Emu"));
        // Once, and not as the subject that introduces it.
        let n = names("acme/emu_7b", "We trained emu and Emu writes songs.\n");
        assert!(!is_name(&n, "Emu"));
        // A word, not a name, however the card writes it.
        let n = names("acme/the-best-7b", "The model. The end.\n");
        assert!(!is_name(&n, "The"));
        // The front of a compound is not the short name.
        let n = names("acme/Emu-7B", "Emu-Video is a model. Emu-Video is ours.\n");
        assert!(!is_name(&n, "Emu"));
    }

    #[test]
    fn a_short_form_the_card_defines_for_its_name() {
        let n = names(
            "acme/quokka-talk2d5-ol-7b",
            "# Quokka-Talk2.5-OmniLive (QT2.5-OL)\n\nWe compare with Wombat-Chat (WC).\n",
        );
        assert!(is_name(&n, "QT2.5-OL"));
        assert!(!is_name(&n, "QT2.5"), "the family's older model");
        assert!(!is_name(&n, "WC"), "another model's short form");
        // Capitals that are not the words' own are no short form.
        let n = names("acme/quokka-talk-7b", "Quokka-Talk (ZZ) is ours.\n");
        assert!(!is_name(&n, "ZZ"));
    }

    #[test]
    fn a_name_the_maker_introduces_and_an_html_title() {
        let n = names(
            "acme/QFGPT1-sft-7B-Full",
            "<p>badges</p>\n\nWe introduce **QFGPT**, an open-source language model for finance.\n",
        );
        assert!(is_name(&n, "QFGPT"));
        // An HTML title, after an emoji.
        let n = names(
            "acme/qk-7b",
            &crate::resolve::claims::text::html_headings(
                "<h1 align=\"center\">🦘 Quokka Chat</h1>\n\nIt answers questions.\n",
            ),
        );
        assert!(is_name(&n, "Quokka Chat"));
        let n = names(
            "acme/qk-7b",
            &crate::resolve::claims::text::html_headings(
                "<p>🦘 Quokka Chat</p>\n\nIt answers questions.\n",
            ),
        );
        assert!(!is_name(&n, "Quokka Chat"));
        // A name the maker gives its model.
        let n = names(
            "acme/gpt-7b-nordic",
            "UPDATE: our Nordic model is now called Viking!\n",
        );
        assert!(is_name(&n, "Viking"));
        let n = names("acme/gpt-7b-nordic", "It is called Viking by its makers.\n");
        assert!(!is_name(&n, "Viking"), "no model of ours is named");
        // Not a name: what follows no comma and article, or is lower case.
        for body in [
            "We introduce Wombat and its data.\n",
            "We introduce the model, a chat model.\n",
            "We release wombat, a tool.\n",
        ] {
            let n = names("acme/QFGPT1-sft-7B-Full", body);
            assert!(!is_name(&n, "Wombat") && !is_name(&n, "wombat"), "{body}");
        }
    }

    #[test]
    fn the_tail_of_a_longer_compound_is_another_name() {
        let n = names("acme/Fun-ASR-Nano-2512", "");
        assert!(is_name(&n, "Fun-ASR-Nano"));
        let t = tokens("GLM-ASR-Nano is open source");
        assert!((0..t.len()).all(|i| n.name_at(&t, i).is_none()));
        let t = tokens("acme/Fun-ASR-Nano");
        assert!(
            n.name_at(&t, 1).is_some(),
            "the owner before it is no compound"
        );
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

    #[test]
    fn a_base_named_in_the_text_ends_with_its_name() {
        let n = names(
            "acme/quokka-8b",
            "Quokka is based on [ST-MoE](https://x) but uses Decoder-only architecture.",
        );
        assert!(n.is_foreign(&tokens("ST-MoE")));
        // Neither the clause after the name nor a short part of it is a
        // base: "MoE" stays a word.
        for word in ["MoE", "uses", "Decoder-only"] {
            assert!(!n.is_foreign(&tokens(word)), "{word}");
        }
    }

    #[test]
    fn a_fine_tune_of_or_a_merge_of_names_its_bases() {
        for body in [
            "This is a fine-tune of Quokka-8x7B on the Wombat dataset.",
            "This model is a finetune of [Quokka-8x7B](https://x).",
            "We fine-tuned Quokka-8x7B on Wombat.",
            "A fine-tuned Quokka-8x7B for chat.",
        ] {
            let n = names("someone/Wombat-Quokka-8x7B", body);
            assert!(n.is_foreign(&tokens("Quokka")), "{body}");
            assert!(!is_name(&n, "Quokka"), "{body}");
            assert!(is_name(&n, "Wombat-Quokka-8x7B"), "{body}");
            assert!(
                n.names_base(&tokens("it is built on Quokka 8x7B weights")),
                "{body}"
            );
            assert!(!n.names_base(&tokens("the Wombat data is ours")), "{body}");
        }
        // Every model merged is a base.
        let n = names(
            "someone/Numbat-7B",
            "Numbat-7B is a merge of Quokka-7B, Wombat-7B and [Dingo-7B](https://x).",
        );
        for base in ["Quokka-7B", "Wombat-7B", "Dingo-7B"] {
            assert!(n.is_foreign(&tokens(base)), "{base}");
        }
        // "Based on better tool use" names no base.
        let n = names(
            "acme/Quokka-7B",
            "Based on better tool use, Quokka can plan.",
        );
        assert!(!n.is_foreign(&tokens("better")));
        // "a fine-tuned version of …" names no model by "version".
        let n = names(
            "acme/Quokka-7B-Chat",
            "This is a fine-tuned version of our model.",
        );
        assert!(!n.is_foreign(&tokens("version")));
        assert!(is_name(&n, "Quokka"));
    }

    #[test]
    fn the_model_s_own_line_is_no_part_of_a_sibling_base() {
        // The chat model is "an instructed version based on" the base of
        // its own line: the line ("Quokka-VL") stays the model's name, the
        // base with its size does not.
        let n = names(
            "acme/quokka-vl-1.3b-chat",
            "Introducing Quokka-VL, a model. The Quokka-VL-1.3b-chat is an \
             instructed version based on Quokka-VL-1.3b-base.",
        );
        assert!(is_name(&n, "Quokka-VL"));
        assert!(!n.is_foreign(&tokens("Quokka-VL")));
        assert!(n.is_foreign(&tokens("Quokka-VL-1.3b-base")));
        // The base written whole is never the model by its front: "Quokka"
        // of "Quokka-40B" on the card of Quokka-40B-Instruct.
        let n = names(
            "acme/quokka-40b-instruct",
            "Quokka-40B-Instruct is a model based on Quokka-40B.",
        );
        let t = tokens("Quokka-40B is the best model.");
        assert_eq!(n.name_at(&t, 0), None);
        assert!(is_name(&n, "Quokka-40B-Instruct"));
    }

    #[test]
    fn the_kind_of_model_a_model_was_tuned_from_is_its_base() {
        // A word of the repository's name ("quokka" of "stable-quokka")
        // that the card gives as the model it tuned is the base's.
        let n = names(
            "someone/stable-quokka-13b-delta",
            "StableQuokka-13B is a [Quokka-13B v0](https://x) model fine-tuned using RLHF.",
        );
        assert!(n.is_foreign(&tokens("Quokka")));
        assert!(!is_name(&n, "Quokka"));
        assert!(is_name(&n, "StableQuokka-13B"));
        // A kind of model in lowercase words names no base; the model's own
        // line is never its base.
        let n = names(
            "acme/Quokka-7B-Chat",
            "Quokka-7B-Chat is a causal language model trained on chats. \
             It is a Quokka model fine-tuned for chat.",
        );
        assert!(is_name(&n, "Quokka"));
        assert!(!n.is_foreign(&tokens("language")));
    }

    #[test]
    fn names_match_without_sizes_formats_and_case() {
        let n = names("acme/Wombat-Chat-1M-Jax", "");
        assert!(is_name(&n, "Wombat-1M-Jax"));
        assert!(is_name(&n, "wombat chat 1m jax"));
        let n = names("someone/Wombat_3.5-GGUF", "");
        assert!(is_name(&n, "Wombat 3.5"));
        // Spaced or run together, without sizes and versions.
        let n = names("acme/Numbat-13B-Instruct-v0.2", "");
        assert!(is_name(&n, "NumbatInstruct"));
        assert!(is_name(&n, "NumbatInstruct-13B"));
        assert!(is_name(&n, "numbat instruct"));
        assert!(is_name(&n, "Numbat-Instruct-v0.2"));
    }

    #[test]
    fn a_name_written_with_another_size_is_a_sibling() {
        let n = names("acme/Quokka-7B-Chat", "");
        assert!(is_name(&n, "Quokka-7B-Chat"));
        assert!(is_name(&n, "Quokka"));
        assert!(is_name(&n, "Quokka 7B/13B"));
        assert!(!is_name(&n, "Quokka-70B-Chat"));
        assert!(!is_name(&n, "Quokka 70B"));
        // A name without a size in the repository has no sibling by size.
        assert!(is_name(&names("acme/Quokka-Chat", ""), "Quokka-70B-Chat"));
        // Mixtures of experts are told apart by both sizes.
        let n = names("acme/Quokka3-30B-A3B", "");
        assert!(is_name(&n, "Quokka3-30B-A3B"));
        assert!(!is_name(&n, "Quokka3-235B-A22B"));
    }

    #[test]
    fn label_words_and_sections_are_never_names() {
        let n = names("acme/Llama3-OpenQuokka-70B", "# Intro\n\nText.\n");
        assert!(!is_name(&n, "open"));
        assert!(!is_name(&n, "Intro"));
        assert!(is_name(&n, "OpenQuokka-70B"));
        let n = names("acme/Quokka-7B", "# Quokka Chat\n");
        assert!(is_name(&n, "Quokka Chat"));
    }

    #[test]
    fn architecture_names_short_codes_and_owners_name_the_model() {
        let n = names("acme/longformer-base-4096", "");
        assert!(is_name(&n, "Longformer"));
        let n = names("acme/K9", "");
        assert!(is_name(&n, "K9"));
        let n = names("QLT/small", "");
        assert!(is_name(&n, "QLT"));
        // An architecture beside a name of its own is only a kind.
        let n = names("acme/Quokka-bert-base", "");
        assert!(!is_name(&n, "BERT"));
        // A fine-tune of the architecture's model is not that model.
        let n = names(
            "someone/longformer-finetuned",
            "A fine-tuned version of longformer for poems.",
        );
        assert!(!is_name(&n, "Longformer"));
    }

    #[test]
    fn a_name_is_not_the_front_of_a_longer_compound() {
        let n = names("acme/wav2vec2-large-robust-ft-libri-960h", "");
        let t = tokens("Libri-Light: open-source audio books");
        assert_eq!(n.name_at(&t, 0), None);
    }

    #[test]
    fn a_family_base_and_a_re_upload_stay_names() {
        let own = Names::for_model(
            "acme/Quokka-Coder-9B-Chat",
            &serde_json::json!({"base_model": "acme/Quokka-Coder-9B"}),
            None,
        );
        assert!(is_name(&own, "Quokka-Coder"));
        let copy = Names::for_model(
            "someone/Quokka-7B-Instruct-GGUF",
            &serde_json::json!({"base_model": "acme/Quokka-7B-Instruct"}),
            None,
        );
        assert!(is_name(&copy, "Quokka-7B-Instruct"));
        let fine_tune = Names::for_model(
            "someone/quokka-7b-poems",
            &serde_json::json!({"base_model": "acme/quokka-7b"}),
            None,
        );
        assert!(!is_name(&fine_tune, "Quokka-7B"));
        assert!(is_name(&fine_tune, "quokka-7b-poems"));
    }

    #[test]
    fn a_section_heading_and_the_opening_sentence_name_the_model() {
        let n = names(
            "acme/wombat-7b-chat",
            "![logo](x.png)\n\n## Wombat Kestrel 7B\n\nWallaroo is a chat model trained by Acme.\n",
        );
        assert!(is_name(&n, "Wombat Kestrel"));
        assert!(is_name(&n, "Wallaroo"));
        // A section heading that shares no word with the repository names
        // nothing, nor does a sentence about "this model".
        let n = names(
            "acme/wombat-7b-chat",
            "## Dataset:\n\nThis model is a chat model.\n",
        );
        assert!(!is_name(&n, "Dataset"));
        assert!(!is_name(&n, "this model"));
    }

    #[test]
    fn the_versions_a_repository_name_gives() {
        assert_eq!(
            name_versions("Quill-Plan-v1.3.0"),
            vec![vec!["1", "3", "0"]]
        );
        assert_eq!(name_versions("quillcoder2"), vec![vec!["2"]]);
        assert_eq!(name_versions("Quill2.5-7B-Instruct"), vec![vec!["2", "5"]]);
        assert_eq!(name_versions("Quill-2-7b"), vec![vec!["2"]]);
        assert!(name_versions("QuillVoice-0.5B").is_empty());
        assert!(name_versions("quill-13b-chat").is_empty());
        let n = names("acme/Quill-v1.3.0", "");
        let other = |s: &str| n.other_version(&tokens(s), 0);
        assert!(other("v2"));
        assert!(other("v1.2"));
        assert!(!other("v1"));
        assert!(!other("v1.3"));
        assert!(!names("acme/Quill-13B", "").other_version(&tokens("v2"), 0));
    }
}
