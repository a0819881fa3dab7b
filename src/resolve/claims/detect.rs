//! Whether one sentence labels the model itself open source (or open
//! weights, or open access), and if so who the subject is and which phrase
//! made it a claim. Rules over words, no model inference:
//!
//! 1. Find the phrase ("open source", "open-sourced", "opensource", "open
//!    weights", "open model(s)", "open access", "openly available"), never
//!    inside a URL, and drop it when negated ("not open source").
//! 2. Find *what* it labels: the noun it qualifies ("open-source *toolkit*",
//!    through adjectives, participles and coordinations), the object of the
//!    label as a verb or a result ("we open-source *our model*", "made *X
//!    models* open source", "release *the weights* as open source"), or the
//!    subject of "is" ("*SkyCode* is an open source programming model"),
//!    through a collective noun ("a suite of open-source models").
//! 3. It is a claim when that is the model: its name, its parts and family
//!    names ([`Names`]), "this/our model", "the model", its weights,
//!    checkpoints or parameters, or code and models together; and not code,
//!    data, scripts, tools, datasets, libraries or other models alone. A
//!    heading or a fragment without a verb ("The first open source Chinese
//!    CLIP, …") describes the card's own model.
//! 4. Ranking the model among open-source models ("better than other
//!    open-source models", "the best open-source model", "## Open Source
//!    License") is an implicit claim; comparing it with them ("outperforms
//!    open-source chat models", "surpassed most open-source models") is not
//!    a claim at all.

use super::names::{Names, is_unit_size};
use super::text::{Token, is_boundary, tokens};
use crate::domain::Label;

/// A sentence that labels the model, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub label: Label,
    /// What the sentence labels, as written ("Our Yuyuan-GPT2-3.5B").
    pub subject: String,
    /// The words that made it a claim ("is the largest open-source").
    pub phrase: String,
}

/// The subject of a claim that names none ("Fully open-source." under
/// the model's title, "we open-source the weights"): the model whose card
/// it is, implied.
pub const IMPLIED: &str = "the model";

/// Occurrences of a phrase read in one sentence.
const MAX_OCCURRENCES: usize = 32;
/// Words before a phrase searched for the model's name.
const MAX_LOOKBACK: usize = 200;

/// Nouns that are a model, or a part of one that a claim can be about.
const MODEL_NOUNS: &[&str] = &[
    "model",
    "models",
    "llm",
    "llms",
    "lm",
    "lms",
    "slm",
    "slms",
    "mllm",
    "mllms",
    "lmm",
    "lmms",
    "plm",
    "plms",
    "weights",
    "weight",
    "checkpoint",
    "checkpoints",
    "version",
    "versions",
    "variant",
    "variants",
    "network",
    "networks",
    "embedding",
    "embeddings",
    "diffusion",
    "transformer",
    "encoder",
    "decoder",
    "release",
    "releases",
    "parameters",
    "parameter",
    "series",
    "suite",
    "family",
    "finetune",
    "finetunes",
    "agent",
    "agents",
    "tune",
    "merge",
    "merges",
];

/// Nouns that are not the model: when one of these is what is labelled open
/// source, the sentence is a mention.
const NOT_MODEL: &[&str] = &[
    "code",
    "codes",
    "codebase",
    "source",
    "data",
    "dataset",
    "datasets",
    "corpus",
    "corpora",
    "script",
    "scripts",
    "library",
    "libraries",
    "toolkit",
    "toolkits",
    "toolbox",
    "tool",
    "tools",
    "framework",
    "frameworks",
    "implementation",
    "implementations",
    "repository",
    "repositories",
    "repo",
    "repos",
    "software",
    "package",
    "packages",
    "platform",
    "platforms",
    "community",
    "communities",
    "paradigm",
    "study",
    "studies",
    "license",
    "licenses",
    "licence",
    "licences",
    "article",
    "articles",
    "news",
    "projects",
    "database",
    "databases",
    "benchmark",
    "benchmarks",
    "app",
    "apps",
    "application",
    "applications",
    "engine",
    "engines",
    "sdk",
    "api",
    "work",
    "works",
    "research",
    "initiative",
    "movement",
    "ecosystem",
    "conduct",
    "program",
    "programs",
    "pipeline",
    "pipelines",
    "contributions",
    "contributors",
    "materials",
    "resources",
    "inference",
    "server",
    "demo",
    "notebook",
    "notebooks",
    "paper",
    "papers",
    "report",
    "reports",
    "whitepaper",
    "preprint",
    "documentation",
    "docs",
    "recipe",
    "recipes",
    "publication",
    "publications",
    "journal",
    "images",
    "texts",
    "documents",
    "collection",
    "sources",
    "world",
    "frameworks",
    "solutions",
    "solution",
    "alternatives",
    "competitors",
    "counterparts",
    "ones",
    "baselines",
    "products",
    "services",
    "efforts",
    "output",
    "outputs",
    // How something is measured is not a model: "its open-source
    // evaluation approach".
    "approach",
    "approaches",
    "metric",
    "metrics",
    // How a model is made is not the model: "the reward model training
    // techniques have been open-sourced in XTuner".
    "technique",
    "techniques",
    "methodology",
    "algorithm",
    "algorithms",
    // Who makes models is not a model: "contact our open-source team".
    "team",
    "teams",
    "lab",
    "labs",
    "organization",
    "organizations",
    "organisation",
    "company",
    "companies",
    "foundation",
];

/// Words that put the artifact itself in front of a noun.
const SELF_DETERMINERS: &[&str] = &["this", "our", "its", "my", "these"];

/// Words that make a ranking among open-source models.
const RANKING: &[&str] = &[
    "other",
    "previous",
    "best",
    "strongest",
    "top",
    "leading",
    "better",
    "stronger",
    "powerful",
    "capable",
    "highest",
    "sota",
    "art",
    "performing",
    "competitive",
    "among",
    "than",
    "fellow",
    "comparable",
    "comparably",
    "similar",
    "similarly",
];

/// Ranking words that say the model is one of the open-source models it is
/// set beside ("other", "comparable", "similar(ly sized)").
const PEER_RANKING: &[&str] = &[
    "other",
    "previous",
    "fellow",
    "comparable",
    "comparably",
    "similar",
    "similarly",
];

/// Nouns for the models a ranking sets the model beside: "outperforms
/// comparable open-source alternatives" ranks it among them.
const PEER_NOUNS: &[&str] = &[
    "alternatives",
    "alternative",
    "competitors",
    "counterparts",
    "contemporaries",
    "peers",
    "rivals",
    "baselines",
    "ones",
    "solutions",
    "approaches",
    "methods",
    "systems",
];

/// Ranking words that only rank when nothing compares: "the state-of-the-art
/// open-source model" ranks, "outperforms state-of-the-art open-source
/// models" and "higher than the SOTA open-source LLM" compare.
const WEAK_RANKING: &[&str] = &[
    "art",
    "sota",
    "powerful",
    "capable",
    "performing",
    "competitive",
    "than",
];

/// Verbs that compare the model with others, in every form.
const COMPARE: &[&str] = &[
    "outperform",
    "outperforms",
    "outperformed",
    "outperforming",
    "surpass",
    "surpasses",
    "surpassed",
    "surpassing",
    "beat",
    "beats",
    "beating",
    "exceed",
    "exceeds",
    "rival",
    "rivals",
    "compare",
    "compared",
    "comparing",
    "matches",
    "against",
    "versus",
    "vs",
    "than",
];

/// Whether `w` compares the model with others, or is a word that does
/// after one (`compared to`, `on par with`).
fn comparing(w: &str) -> bool {
    COMPARE.contains(&w) || ["exceeded", "match", "with", "to", "over"].contains(&w)
}

/// Nouns that gather models: "a suite of open-source models" is about the
/// suite's members.
const COLLECTIVES: &[&str] = &[
    "family",
    "series",
    "collection",
    "suite",
    "set",
    "line",
    "generation",
    "group",
    "library",
    "range",
    "lineup",
    "version",
    "edition",
    "release",
    "member",
    "variant",
];

/// What makes a version of a model another model: "a fine-tuned version
/// of", "a small version of" (a quantised or newer version is the same
/// model or line).
const DERIVED: &[&str] = &[
    "tuned",
    "finetuned",
    "distilled",
    "small",
    "smaller",
    "tiny",
    "compact",
    "pruned",
    "adapted",
    "customized",
    "customised",
    "modified",
    "retrained",
];

/// Words before a participle that make it an adjective ("an advanced
/// open-source model", "among similarly sized open-source models").
const BEFORE_ADJECTIVE: &[&str] = &[
    "a",
    "an",
    "the",
    "our",
    "this",
    "its",
    "their",
    "my",
    "these",
    "is",
    "are",
    "was",
    "and",
    "among",
    "most",
    "more",
    "other",
    "fully",
    "newly",
    "first",
    "only",
    "best",
    "similar",
    "similarly",
    "comparable",
    "comparably",
    "equally",
    "all",
    "many",
    "some",
    "existing",
];

const COPULAS: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "becomes", "become", "remains", "remain",
    "s", // and in the languages cards are also written in:
    "ist", "sind", "est", "sont", "es", "son", "é", "è", "là",
];

const RELEASE_VERBS: &[&str] = &[
    "release",
    "releases",
    "released",
    "releasing",
    "share",
    "shares",
    "shared",
    "sharing",
    "publish",
    "publishes",
    "published",
    "offer",
    "offers",
    "offered",
    "provide",
    "provides",
    "provided",
    "present",
    "presents",
    "presented",
    "introduce",
    "introduces",
    "introduced",
    "open",
    "opened",
    "create",
    "creates",
    "created",
    "creating",
    "build",
    "builds",
    "built",
    "building",
    "develop",
    "develops",
    "developed",
    "developing",
];

const PREPOSITIONS: &[&str] = &[
    "in",
    "on",
    "for",
    "with",
    "to",
    "from",
    "by",
    "at",
    "among",
    "than",
    "via",
    "through",
    "like",
    "under",
    "into",
    "over",
    "between",
    "against",
    "versus",
    "vs",
    "of",
    "about",
    "using",
    "as",
    "within",
    "across",
    "including",
    "towards",
    "toward",
];

const NEGATIONS: &[&str] = &[
    "not", "never", "no", "non", "without", "nor", "neither", "cannot", "unable",
];

/// Words that end a noun phrase after the phrase.
const PHRASE_ENDS: &[&str] = &[
    "on",
    "across",
    "by",
    "within",
    "through",
    "into",
    "between",
    "against",
    "including",
    "among",
    "of",
    "for",
    "in",
    "with",
    "to",
    "from",
    "that",
    "which",
    "who",
    "whose",
    "trained",
    "released",
    "created",
    "made",
    "under",
    "at",
    "via",
    "such",
    "like",
    "than",
    "using",
    "based",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "can",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "must",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "it",
    "we",
    "they",
    "our",
    "their",
    "its",
    "this",
    "these",
    "those",
    "as",
    "if",
    "when",
    "where",
    "while",
    "so",
    "because",
    "but",
    "or",
    "not",
    "by",
    "available",
    "developed",
    "built",
    "fine",
    "called",
    "named",
    "including",
    "and",
    "uses",
    "use",
    "achieves",
    "achieve",
    "outperforms",
    "offers",
    "provides",
    "supports",
    "delivers",
    "enables",
    "allows",
    "generates",
    "includes",
    "contains",
    "shows",
    "demonstrates",
    "surpasses",
    "represents",
    "transcends",
    "reaches",
    "performs",
    "excels",
    "ranks",
    "beats",
    "matches",
    "aims",
    "requires",
];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    OpenSource,
    Weights,
    OpenModel,
    Access,
}

struct Occurrence {
    start: usize,
    end: usize,
    kind: Kind,
}

fn occurrences(t: &[Token]) -> Vec<Occurrence> {
    let mut out = Vec::new();
    for i in 0..t.len() {
        if !t[i].word || t[i].joined && t[i].w != "open" {
            continue;
        }
        if i > 0 && t[i].joined {
            continue;
        }
        let next = t.get(i + 1).filter(|n| n.word).map(|n| n.w.as_str());
        let found = match (t[i].w.as_str(), next) {
            ("opensource" | "opensourced" | "opensourcing" | "opensources", _) => {
                Some((i + 1, Kind::OpenSource))
            }
            ("open", Some("source" | "sourced" | "sourcing" | "sources")) => {
                Some((i + 2, Kind::OpenSource))
            }
            ("open", Some("weights" | "weight")) => Some((i + 2, Kind::Weights)),
            ("open", Some("model" | "models")) => Some((i + 2, Kind::OpenModel)),
            ("open", Some("access")) => Some((i + 2, Kind::Access)),
            ("openly", Some("available")) => Some((i + 2, Kind::Access)),
            _ => None,
        };
        if let Some((end, kind)) = found
            && !organisation_name(t, i, end)
        {
            out.push(Occurrence {
                start: i,
                end,
                kind,
            });
        }
    }
    out
}

/// Nouns that end an organisation's name.
const ORGANISATION_NOUNS: &[&str] = &[
    "collective",
    "initiative",
    "foundation",
    "alliance",
    "institute",
    "consortium",
    "society",
    "lab",
    "labs",
    "group",
];

/// Whether the label at `start..end` opens an organisation's name, every
/// word capitalised up to its noun ("Open Access AI Collective's model",
/// "the Open Source Initiative"): a name, not a label.
fn organisation_name(t: &[Token], start: usize, end: usize) -> bool {
    let capital = |x: &Token| x.raw.chars().next().is_some_and(char::is_uppercase);
    t[start..end].iter().all(capital)
        && t[end..]
            .iter()
            .take(4)
            .take_while(|x| x.word && capital(x))
            .any(|x| ORGANISATION_NOUNS.contains(&x.w.as_str()))
}

/// The label a short feature title gives its subject ("Open Source",
/// "Fully Open-Source", "Transparent and Open Source", "Open-source and
/// Commercially Usable"): the label stands alone, or coordinated with
/// other qualities, never before a noun ("Open-Source Models" names a
/// class).
pub fn title_label(title: &str) -> Option<Label> {
    let t = tokens(title);
    if t.is_empty() || t.len() > 8 {
        return None;
    }
    let occ = occurrences(&t);
    let [occ] = occ.as_slice() else {
        return None;
    };
    let joins = |x: &Token| !x.word || matches!(x.w.as_str(), "and" | "or");
    let after = t.get(occ.end).is_none_or(joins);
    let before = occ.start == 0
        || joins(&t[occ.start - 1])
        || matches!(
            t[occ.start - 1].w.as_str(),
            "fully" | "completely" | "complete" | "full" | "entirely" | "truly" | "100"
        );
    let negated = t.iter().any(|x| NEGATIONS.contains(&x.w.as_str()));
    (after && before && !negated).then_some(match occ.kind {
        Kind::OpenSource => Label::OpenSource,
        Kind::Weights | Kind::OpenModel => Label::OpenWeights,
        Kind::Access => Label::OpenAccess,
    })
}

fn raw(t: &[Token]) -> String {
    let mut s = String::new();
    for tok in t {
        if !s.is_empty() && !tok.joined && tok.word {
            s.push(' ');
        }
        if tok.joined {
            s.push('-');
        }
        s.push_str(&tok.raw);
    }
    s
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Head {
    /// A noun that is a model, or the model's name or kind.
    Model {
        name: bool,
    },
    NotModel,
    /// Another noun ("project", "system", "offerings").
    Other,
    /// Nothing follows the phrase.
    None,
}

/// The noun the phrase qualifies: the last noun of the phrase that follows
/// it, before a preposition, a verb or a mark.
fn head_after(t: &[Token], end: usize, names: &Names) -> (Head, usize) {
    let mut head = Head::None;
    let mut at = end;
    let mut j = end;
    let mut seen = 0;
    // Past an "and": "model checkpoints and a demo", "code and models"
    // hold a model, and a model beside code stays one.
    let mut coordinated = false;
    while j < t.len() && seen < 8 {
        let tok = &t[j];
        // "0.5 billion (0.5B) parameter SLM": a size in brackets.
        if tok.w == "("
            && let Some(close) = (j + 2..t.len().min(j + 5)).find(|&k| t[k].w == ")")
            && t[j + 1..close].iter().all(|x| {
                x.word && (super::names::is_size(&x.w) || x.w.chars().all(|c| c.is_ascii_digit()))
            })
        {
            j = close + 1;
            continue;
        }
        // "an open-sourced Mixture-of-Experts (MoE) model": an
        // abbreviation in brackets.
        if tok.w == "("
            && t.get(j + 2).is_some_and(|c| c.w == ")")
            && t.get(j + 1).is_some_and(|x| {
                x.word && x.raw.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
            })
        {
            j += 3;
            continue;
        }
        // "our open-source [Quokka Family](…)": a link's text is the noun
        // phrase.
        if tok.w == "[" && j == end {
            j += 1;
            continue;
        }
        if !tok.word {
            // "&", and "open-source, anime-themed text-to-image model".
            // "open-sourced code, data, model and …": a list of nouns.
            let list = tok.w == ","
                && t.get(j + 1).is_some_and(|n| {
                    n.word
                        && (MODEL_NOUNS.contains(&n.w.as_str())
                            || NOT_MODEL.contains(&n.w.as_str()))
                });
            // "open-source, free, lightweight library": adjectives in a
            // row, each after its comma, before the noun.
            let adjectives = tok.w == ","
                && (j == end || head == Head::Other && seen <= 4)
                && t.get(j + 1).is_some_and(|n| n.word);
            if tok.w == "&" || list || adjectives {
                coordinated |= tok.w != "," || list;
                j += 1;
                continue;
            }
            break;
        }
        // "our open-source fine-tune of X": a model.
        if tok.w == "fine"
            && t.get(j + 1)
                .is_some_and(|n| n.joined && matches!(n.w.as_str(), "tune" | "tunes"))
        {
            head = Head::Model { name: false };
            at = j + 1;
            j += 2;
            seen += 2;
            continue;
        }
        if !tok.joined && PHRASE_ENDS.contains(&tok.w.as_str()) && !(tok.w == "and" && j == end) {
            if tok.w == "and" {
                coordinated = true;
                j += 1;
                continue;
            }
            break;
        }
        if let Some(len) = names.name_at(t, j) {
            head = Head::Model { name: true };
            at = j;
            j += len;
            seen += len;
            continue;
        }
        let w = tok.w.as_str();
        // "LLM's" is the noun, plural or possessive.
        if tok.joined && w == "s" {
            j += 1;
            continue;
        }
        // The first parts of a compound ("community-driven",
        // "text-to-image") qualify its last part, which is the noun.
        if t.get(j + 1)
            .is_some_and(|n| n.word && n.joined && n.w != "s")
        {
            j += 1;
            seen += 1;
            continue;
        }
        // "code release" is code.
        let compound = head == Head::NotModel && matches!(w, "release" | "releases" | "version");
        let model = names.own_nouns.contains(&w) || MODEL_NOUNS.contains(&w) || names.is_kind(w);
        if model && !compound {
            // "the open-sourced Quokka-7B model", "the open-sourced
            // Quokka series models": the noun after the model's name is
            // still the model by name.
            let named = head == (Head::Model { name: true }) && !coordinated;
            head = Head::Model { name: named };
            at = j;
        } else if NOT_MODEL.contains(&w) && !(coordinated && matches!(head, Head::Model { .. })) {
            head = Head::NotModel;
            at = j;
        } else if head == Head::NotModel && !coordinated && agent_noun(w) {
            // The last noun of a compound is its head: an "API caller" or
            // a "code generator" is a thing that does the work, not the
            // API or the code.
            head = Head::Other;
            at = j;
        } else if head == Head::None || head == Head::Other {
            head = Head::Other;
            at = j;
        }
        j += 1;
        seen += 1;
    }
    (head, at)
}

/// Whether a word is a noun for one that does something ("caller",
/// "generator", "translator"): the role a model plays.
fn agent_noun(w: &str) -> bool {
    w.chars().count() >= 5
        && (w.ends_with("er") || w.ends_with("or"))
        && !NOT_MODEL.contains(&w)
        && !matches!(
            w,
            "under" | "other" | "either" | "neither" | "whether" | "after" | "over"
        )
}

/// Whether the noun phrase after the label at `end` ends in a model noun
/// followed by a name the card does not know: "the open-source bilingual
/// (Chinese-English) chat model [ChatGLM-6B]" on ChatGLM2-6B's card.
fn names_labelled_other(t: &[Token], end: usize, names: &Names) -> bool {
    let mut j = end;
    let mut noun = None;
    for _ in 0..10 {
        let Some(x) = t.get(j) else {
            return false;
        };
        if x.w == "(" {
            match (j + 1..t.len().min(j + 8)).find(|&k| t[k].w == ")") {
                Some(close) => j = close + 1,
                None => return false,
            }
            continue;
        }
        if !x.word || PHRASE_ENDS.contains(&x.w.as_str()) && !x.joined {
            return false;
        }
        if MODEL_NOUNS.contains(&x.w.as_str()) && !x.joined {
            noun = Some(j);
            break;
        }
        j += 1;
    }
    let Some(noun) = noun else {
        return false;
    };
    let mut k = noun + 1;
    while t
        .get(k)
        .is_some_and(|x| matches!(x.w.as_str(), "[" | "`" | "\"" | "*"))
    {
        k += 1;
    }
    let Some(x) = t.get(k).filter(|x| x.word && !x.joined) else {
        return false;
    };
    (x.raw.chars().next().is_some_and(char::is_uppercase)
        || x.w.chars().any(|c| c.is_ascii_digit()) && x.w.chars().any(char::is_alphabetic))
        && !super::names::is_size(&x.w)
        && !PHRASE_ENDS.contains(&x.w.as_str())
        && !MODEL_NOUNS.contains(&x.w.as_str())
        && !NOT_MODEL.contains(&x.w.as_str())
        && names.name_at(t, k).is_none()
}

/// What governs the phrase, found by walking back from it.
#[derive(Debug, Clone, PartialEq)]
enum Governor {
    /// "this/our … open-source X".
    SelfDeterminer(usize),
    /// "<Name> open-source X".
    Name(usize, usize),
    /// "<subject> is … open source": the index of the verb.
    Copula(usize),
    /// "<subject>: An Open-Source …" or "<subject>, an open-source …": the
    /// index of the mark.
    Apposition(usize),
    /// A release verb ("released the first open-source …").
    Release(usize),
    Preposition(String),
    OtherVerb,
    /// Nothing before it in the sentence: a heading or a fragment.
    Start,
}

struct Walk {
    governor: Governor,
    negated: bool,
    ranking: bool,
    /// Only weak ranking words ("state-of-the-art", "than the SOTA").
    weak_ranking: bool,
    /// Where the governing preposition stands.
    prep_at: usize,
    crossed_and: bool,
    crossed_mark: bool,
    /// "other" or "previous" among the ranking words.
    other: bool,
    another: bool,
    /// "a", "an", "the first", "the only": one thing, not a class.
    singular: bool,
    plural_det: bool,
}

fn walk_back(t: &[Token], start: usize, names: &Names) -> Walk {
    let w = Walk {
        governor: Governor::Start,
        negated: false,
        ranking: false,
        weak_ranking: false,
        prep_at: start,
        crossed_and: false,
        crossed_mark: false,
        other: false,
        another: false,
        singular: false,
        plural_det: false,
    };
    let mut w = walk_words(t, start, names, w);
    if w.another && !matches!(w.governor, Governor::Release(_)) {
        w.ranking = true;
    }
    if w.weak_ranking && !w.ranking {
        let compares = match &w.governor {
            Governor::Preposition(p) => comparing(p),
            Governor::OtherVerb => true,
            _ => false,
        };
        w.ranking = !compares;
    }
    w
}

fn walk_words(t: &[Token], start: usize, names: &Names, mut w: Walk) -> Walk {
    let mut j = start;
    let mut steps = 0;
    while j > 0 {
        j -= 1;
        steps += 1;
        if steps > 24 {
            w.governor = Governor::OtherVerb;
            return w;
        }
        let tok = &t[j];
        if !tok.word {
            match tok.w.as_str() {
                // "Note: the open-sourced Acme …": a note's key opens the
                // sentence, it is no subject.
                ":" if t[..j].iter().filter(|x| x.word).count() == 1
                    && t[..j].iter().any(|x| NOTE_KEYS.contains(&x.w.as_str())) =>
                {
                    w.governor = Governor::Start;
                    return w;
                }
                ":" => {
                    w.governor = Governor::Apposition(j);
                    return w;
                }
                "," => {
                    let next = t.get(j + 1).map(|t| t.w.as_str()).unwrap_or("");
                    // "Due to its size, the open-source model …": after a
                    // fronted phrase, "the …" opens the main clause.
                    if next == "the" && fronted_phrase(&t[..j]) {
                        w.governor = Governor::Start;
                        return w;
                    }
                    if matches!(next, "a" | "an" | "the") {
                        w.governor = Governor::Apposition(j);
                        return w;
                    }
                    w.crossed_mark = true;
                    continue;
                }
                "#" if t.get(j + 1).is_some_and(|n| n.w == "1") => {
                    w.ranking = true;
                    continue;
                }
                "(" | ")" => {
                    w.crossed_mark = true;
                    continue;
                }
                "&" | "#" | "\"" | "[" | "]" => continue,
                _ => {
                    w.governor = Governor::Start;
                    return w;
                }
            }
        }
        if let Some(len) = names.name_ending(t, j) {
            let from = j + 1 - len;
            // "<Name> is …" is found at the verb; a name right before the
            // phrase (or its modifiers) qualifies it, but not across a
            // comma ("… Acme-7B), most large open-source models").
            w.governor = if w.crossed_mark {
                Governor::OtherVerb
            } else {
                Governor::Name(from, j + 1)
            };
            return w;
        }
        let word = tok.w.as_str();
        if tok.joined && !NEGATIONS.contains(&word) && !RANKING.contains(&word) {
            continue;
        }
        if NEGATIONS.contains(&word) && start - j <= 5 {
            w.negated = true;
            return w;
        }
        if SELF_DETERMINERS.contains(&word) {
            w.governor = Governor::SelfDeterminer(j);
            return w;
        }
        if COPULAS.contains(&word) {
            w.governor = Governor::Copula(j);
            return w;
        }
        if matches!(word, "and" | "or") {
            // "other Bloom variants and state-of-the-art open-source
            // models": ranking words beyond a coordination qualify the
            // other conjunct.
            w.crossed_and = true;
        }
        // "OpenFlamingo, another open-source reproduction": one more of
        // them, unless someone else releases it ("releasing another …").
        if word == "another" && !w.crossed_and {
            w.another = true;
            continue;
        }
        if RANKING.contains(&word) && !w.crossed_and {
            w.other |= PEER_RANKING.contains(&word);
            if WEAK_RANKING.contains(&word) {
                w.weak_ranking = true;
            } else {
                w.ranking = true;
            }
            if matches!(word, "among" | "than") {
                w.governor = Governor::Preposition(word.to_owned());
                w.prep_at = j;
                return w;
            }
            continue;
        }
        if word == "of" {
            let prev = if j > 0 { t[j - 1].w.as_str() } else { "" };
            let prev = prev
                .strip_suffix('s')
                .filter(|p| COLLECTIVES.contains(p))
                .unwrap_or(prev);
            // "a fine-tuned / small version of the open-source X": the
            // label is the base's, which the model was made from.
            let derived = matches!(prev, "version" | "variant")
                && j >= 2
                && DERIVED.contains(&t[j - 2].w.as_str());
            if COLLECTIVES.contains(&prev) && !derived {
                j -= 1;
                continue;
            }
            if derived {
                // Its ranking is the base's too ("a small version of a
                // state-of-the-art open-source chatbot").
                w.ranking = false;
                w.weak_ranking = false;
                w.other = false;
            }
            if prev == "one" {
                w.ranking = true;
                j -= 1;
                continue;
            }
            w.governor = Governor::Preposition("of".into());
            w.prep_at = j;
            return w;
        }
        if word == "as" {
            let prev = if j > 0 { t[j - 1].w.as_str() } else { "" };
            if matches!(
                prev,
                "released"
                    | "made"
                    | "available"
                    | "licensed"
                    | "distributed"
                    | "published"
                    | "provided"
                    | "shared"
            ) {
                j -= 1;
                continue;
            }
        }
        if PREPOSITIONS.contains(&word) && !tok.joined {
            // "SoTA for open-source models", "#1 in open source".
            let prev = if j > 0 { t[j - 1].w.as_str() } else { "" };
            // "raises the bar for open-source models"; "the first of its
            // kind in open-source …".
            let first_of_kind = matches!(word, "in" | "within" | "among")
                && t[j.saturating_sub(4)..j]
                    .iter()
                    .any(|x| matches!(x.w.as_str(), "first" | "only"));
            // "a new record (on X) for all open-source models": the record
            // stands a few words before, in the same clause.
            // A noun after its article ("a new record"), not the verb
            // ("we record scores for …").
            let from = j.saturating_sub(8);
            let clause = t[from..j]
                .iter()
                .rposition(|x| !x.word)
                .map_or(from, |k| from + k + 1);
            let record = matches!(word, "for" | "among")
                && (clause + 1..j).any(|k| {
                    matches!(t[k].w.as_str(), "record" | "records")
                        && matches!(t[k - 1].w.as_str(), "a" | "new" | "the" | "all")
                });
            if record
                || matches!(word, "for" | "in" | "within")
                    && matches!(
                        prev,
                        "sota"
                            | "art"
                            | "best"
                            | "top"
                            | "first"
                            | "1"
                            | "leading"
                            | "standard"
                            | "bar"
                            | "benchmark"
                    )
                || first_of_kind
            {
                w.ranking = true;
            }
            // "competitive with the best open-source models" compares.
            if matches!(word, "with" | "to")
                && matches!(
                    prev,
                    "competitive" | "comparable" | "compared" | "par" | "close" | "similar"
                )
                && !w.other
            {
                w.ranking = false;
            }
            // "we are unable / do not plan to open-source …": the verb
            // the label is, right after "to", is negated ("not identical
            // to the open-source models" negates no label).
            let infinitive = (j + 1..start).all(|k| t[k].w.ends_with("ly"));
            if word == "to" && infinitive {
                w.negated = t[j.saturating_sub(4)..j]
                    .iter()
                    .rev()
                    .take_while(|x| x.word)
                    .any(|x| NEGATIONS.contains(&x.w.as_str()));
            }
            w.governor = Governor::Preposition(word.to_owned());
            w.prep_at = j;
            return w;
        }
        // The first part of a compound ("open-weight", "pre-trained") is
        // no verb.
        let compound = t.get(j + 1).is_some_and(|n| n.word && n.joined);
        if RELEASE_VERBS.contains(&word) && !compound {
            w.governor = Governor::Release(j);
            return w;
        }
        match word {
            "a" | "an" | "first" | "only" => w.singular = true,
            "many" | "several" | "some" | "all" | "various" | "existing" | "current"
            | "popular" | "available" | "most" => w.plural_det = true,
            _ => {}
        }
        if word == "the"
            && t.get(j + 1)
                .is_some_and(|n| matches!(n.w.as_str(), "first" | "only"))
        {
            w.singular = true;
        }
        let verb_like = (word.ends_with("ed") || word.ends_with("ing"))
            && word.len() > 4
            && !matches!(
                word,
                "tuned"
                    | "finetuned"
                    | "trained"
                    | "pretrained"
                    | "based"
                    | "leading"
                    | "performing"
                    | "sized"
            )
            || matches!(
                word,
                "outperform"
                    | "outperforms"
                    | "use"
                    | "uses"
                    | "achieve"
                    | "achieves"
                    | "bring"
                    | "brings"
                    | "support"
                    | "supports"
                    | "beat"
                    | "beats"
                    | "compare"
                    | "match"
                    | "matches"
                    | "rival"
                    | "rivals"
                    | "surpass"
                    | "surpasses"
                    | "exceed"
                    | "exceeds"
                    | "enjoy"
                    | "love"
                    | "like"
                    | "help"
                    | "helps"
                    | "thanks"
                    | "see"
                    | "visit"
                    | "check"
                    | "try"
                    | "has"
                    | "have"
                    | "had"
                    | "can"
                    | "will"
            );
        if verb_like && !compound && !adjective_at(t, j) {
            w.governor = Governor::OtherVerb;
            return w;
        }
    }
    w
}

/// A describing adjective by its ending or a common one: "a comprehensive
/// / powerful / lightweight open-source framework".
fn descriptive(w: &str) -> bool {
    w.len() > 4
        && ["ive", "al", "ful", "ous", "ble", "ic", "ent", "ant", "ile"]
            .iter()
            .any(|e| w.ends_with(e))
        || matches!(
            w,
            "lightweight" | "simple" | "fast" | "easy" | "small" | "large" | "unified"
        )
}

/// Whether a participle at `j` qualifies a noun rather than acting as a
/// verb: it follows a determiner, a copula or a coordination, perhaps
/// through an adverb ("a permissively licensed", "among similarly sized").
fn adjective_at(t: &[Token], j: usize) -> bool {
    let w = t[j].w.as_str();
    if !(w.ends_with("ed") || w.ends_with("ing")) {
        return false;
    }
    // "(Natural Language Processing)": a capital inside a sentence names.
    if j > 0 && t[j].raw.chars().next().is_some_and(char::is_uppercase) {
        return true;
    }
    let mut k = j;
    while k > 0 {
        k -= 1;
        let p = &t[k];
        if p.word && p.w.ends_with("ly") && p.w.len() > 3 {
            continue;
        }
        // "an Apache-2.0 licensed model", "a GPU-optimized model": a
        // hyphenated compound before the participle qualifies it.
        if p.word && p.joined {
            while k > 0 && t[k].joined {
                k -= 1;
            }
            continue;
        }
        return if p.word {
            BEFORE_ADJECTIVE.contains(&p.w.as_str())
        } else {
            // "Acme: Building an Open-Source …", a title's subtitle.
            p.w == "," || p.w == ":" && w.ends_with("ing")
        };
    }
    false
}

/// The subject of a verb at `verb`: the words from the last mark before it.
fn subject_before(t: &[Token], verb: usize) -> &[Token] {
    let mut from = verb;
    while from > 0 {
        let p = &t[from - 1];
        if !p.word
            && (is_boundary(p) || p.w == ",")
            && !matches!(p.w.as_str(), "(" | ")" | "[" | "]" | "\"")
        {
            break;
        }
        from -= 1;
    }
    &t[from..verb]
}

/// A subject without the clause that states it as a view: "we believe
/// (that) Acme is …", "I think Acme is …".
fn past_belief(span: &[Token]) -> &[Token] {
    let w = |k: usize| span.get(k).map(|t| t.w.as_str());
    if matches!(w(0), Some("we" | "i"))
        && matches!(
            w(1),
            Some("believe" | "think" | "hope" | "expect" | "consider" | "feel")
        )
    {
        let skip = if w(2) == Some("that") { 3 } else { 2 };
        return &span[skip.min(span.len())..];
    }
    span
}

/// The subject of "is" at `verb`, if it is the model. A predicate joined
/// with "and" ("Our model performs well, and is …") shares the sentence's
/// first subject.
fn copula_subject(t: &[Token], verb: usize, names: &Names) -> Option<String> {
    let span = past_belief(subject_before(t, verb));
    let words: Vec<&Token> = span.iter().filter(|t| t.word).collect();
    // "Aside from being open-source models, the Quokka models …": the
    // participle's subject is the main clause's, after the comma.
    if t[verb].w == "being"
        && words
            .last()
            .is_none_or(|w| PREPOSITIONS.contains(&w.w.as_str()) || w.w == "aside")
    {
        let comma = (verb..t.len().min(verb + 16)).find(|&k| t[k].w == ",")?;
        let end = (comma + 1..t.len())
            .find(|&k| t[k].w == "," || is_boundary(&t[k]))
            .unwrap_or(t.len());
        return self_subject(&t[comma + 1..end.min(comma + 8)], names);
    }
    // "Trained on X, Quokka, with 3.5 billion parameters, is …": a phrase
    // set off by commas between the subject and its verb.
    if words.is_empty() && verb > 1 && t[verb - 1].w == "," {
        if let Some(open) = aside_before(t, verb - 1)
            && let Some(s) = self_subject(subject_before(t, open), names)
        {
            return Some(s);
        }
        let aside = subject_before(t, verb - 1);
        // "Quokka's base, Llama 2, is …": the name set off last is what
        // the subject is.
        if (names.names_base(aside) || proper_name(aside, names))
            && (0..aside.len()).all(|i| names.name_at(aside, i).is_none())
        {
            return None;
        }
    }
    if words.is_empty() || matches!(words[0].w.as_str(), "and" | "but" | "also") {
        return self_subject(&t[..verb], names);
    }
    // "Quokka is a collection of LLMs that are open-source": the relative
    // clause's antecedent is the collection of models the main clause says
    // its subject is.
    let relative = verb > 0 && matches!(t[verb - 1].w.as_str(), "that" | "which");
    if relative
        && let Some(main) = first_copula(t, verb - 1)
        && let predicate = &t[main + 1..verb - 1]
        && predicate
            .iter()
            .take(3)
            .any(|x| COLLECTIVES.contains(&x.w.as_str()))
        && predicate.iter().any(|x| x.w == "of")
        && predicate
            .iter()
            .rev()
            .find(|x| x.word)
            .is_some_and(|x| MODEL_NOUNS.contains(&x.w.as_str()))
    {
        return copula_subject(t, main, names);
    }
    // Else the relative clause's subject is its antecedent alone:
    // "Quokka is trained on datasets that are open-source" labels the
    // datasets; "Quokka, which is open-source," the model.
    if relative {
        let from = (0..verb - 1)
            .rev()
            .find(|&k| {
                t[k].word
                    && (PREPOSITIONS.contains(&t[k].w.as_str())
                        || COPULAS.contains(&t[k].w.as_str()))
                    // A link's bracket is no boundary: "the library [lenu](…)".
                    || is_boundary(&t[k]) && t[k].w != "["
            })
            .map_or(0, |k| k + 1);
        let antecedent: Vec<Token> = t[from..verb - 1]
            .iter()
            .filter(|x| x.w != ",")
            .cloned()
            .collect();
        return self_subject(&antecedent, names);
    }
    // "…, with the model being open-sourced": the participle's own subject.
    if t[verb].w == "being" && words[0].w == "with" {
        return self_subject(&span[1..], names);
    }

    // "Quokka uses the MIT license and will always remain open-source": a
    // predicate joined with "and" to a clause shares the clause's subject.
    if let Some(and) = span
        .iter()
        .rposition(|x| x.word && !x.joined && x.w == "and")
        && span[and + 1..]
            .iter()
            .all(|x| x.word && (AUXILIARIES.contains(&x.w.as_str()) || x.w.ends_with("ly")))
        && let Some(v) = span[..and].iter().position(|x| x.word && clause_verb(&x.w))
        && v > 0
        && let Some(s) = self_subject(&span[..v], names)
    {
        return Some(s);
    }
    // "Model weights (7b version) have been …": a note in brackets is no
    // part of the subject.
    if let Some(bare) = without_brackets(span)
        && let Some(s) = self_subject(&bare, names)
    {
        return Some(s);
    }
    self_subject(span, names)
        .or_else(|| coordinated_subject(list_before(t, verb - span.len(), verb), names))
}

/// Where the phrase set off by commas that the comma at `close` ends
/// opens, when it is an aside in a clause: a description ("Quokka, an
/// API caller fine-tuned from X, is …"), an addition ("A, along with B,
/// has been …"), a relative clause ("…, which reaches 0.92, is …") or a
/// prepositional phrase ("Quokka, with 3.5B parameters, is …"). The
/// subject the aside interrupts ends at the comma returned.
fn aside_before(t: &[Token], close: usize) -> Option<usize> {
    let open = (0..close)
        .rev()
        .take_while(|&j| !is_boundary(&t[j]))
        .find(|&j| t[j].w == ",")?;
    let first = t[open + 1..close].iter().find(|x| x.word)?;
    let opens = matches!(
        first.w.as_str(),
        "a" | "an" | "along" | "together" | "alongside" | "including" | "plus" | "which" | "who"
    ) || PREPOSITIONS.contains(&first.w.as_str()) && first.w != "of";
    (open > 0 && opens).then_some(open)
}

/// Words that stand between "and" and a second predicate's verb ("and
/// will always remain", "and has been").
const AUXILIARIES: &[&str] = &[
    "will", "shall", "would", "can", "could", "may", "might", "must", "should", "has", "have",
    "had", "been", "be", "also", "always", "still", "now", "forever",
];

/// Whether a word after a subject is its clause's verb ("uses", "is",
/// "was trained"), from the words that end a noun phrase.
fn clause_verb(w: &str) -> bool {
    PHRASE_ENDS.contains(&w)
        && !PREPOSITIONS.contains(&w)
        && !matches!(
            w,
            "that"
                | "which"
                | "who"
                | "whose"
                | "it"
                | "we"
                | "they"
                | "our"
                | "their"
                | "its"
                | "this"
                | "these"
                | "those"
                | "as"
                | "if"
                | "when"
                | "where"
                | "while"
                | "so"
                | "because"
                | "but"
                | "or"
                | "not"
                | "and"
                | "such"
                | "like"
                | "available"
                | "fine"
        )
}

/// The subject of "is" at `verb` when it is the model and ends in a model
/// noun ("this model", "our SEED series", "the Acme checkpoints").
fn model_noun_subject(t: &[Token], verb: usize, names: &Names) -> Option<String> {
    let last = subject_before(t, verb).iter().rev().find(|x| x.word)?;
    if !MODEL_NOUNS.contains(&last.w.as_str()) {
        return None;
    }
    copula_subject(t, verb, names)
}

/// A list of noun phrases ending at `to` whose last parts start at `from`,
/// after a comma ("the weights, the tokenizer and the code" when `from` is
/// at "the tokenizer"): back over the comma-separated parts before, to the
/// start of the sentence or a mark other than a comma.
fn list_before(t: &[Token], from: usize, to: usize) -> &[Token] {
    let mut start = from;
    while start > 0 && t[start - 1].w == "," {
        let mut k = start - 1;
        while k > 0 && (t[k - 1].word || t[k - 1].w == "&") {
            k -= 1;
        }
        if k == start - 1 {
            break;
        }
        start = k;
    }
    &t[start..to]
}

/// "<the model> is released under an open-source license", "we share our
/// model in an open-source repository": the license or the repository is
/// only where the model is put; the model is what is labelled.
fn placed_under(
    t: &[Token],
    occ: &Occurrence,
    walk: &Walk,
    head_at: usize,
    names: &Names,
) -> Option<String> {
    let Governor::Preposition(p) = &walk.governor else {
        return None;
    };
    let head = t.get(head_at)?.w.as_str();
    let license = matches!(head, "license" | "licence" | "licenses" | "licences")
        && matches!(p.as_str(), "under" | "with" | "as");
    let place = matches!(head, "repository" | "repo" | "platform" | "hub")
        && matches!(p.as_str(), "in" | "on" | "at" | "via" | "to");
    if !license && !place {
        return None;
    }
    let released = t[..occ.start].iter().any(|w| {
        RELEASE_VERBS.contains(&w.w.as_str())
            || matches!(w.w.as_str(), "licensed" | "distributed" | "available")
    });
    if let Some(v) = first_copula(t, occ.start)
        && let Some(s) = copula_subject(t, v, names)
    {
        return Some(s);
    }
    // "They are released under the MIT open-source license": in a model
    // card, what is released under a licence is the models.
    if license
        && released
        && let Some(v) = first_copula(t, occ.start)
        && let [one] = subject_before(t, v)
        && matches!(one.w.as_str(), "they" | "these")
    {
        return Some(one.raw.clone());
    }
    if released {
        return self_in(t, occ.start, names);
    }
    None
}

/// The noun phrase right before a mark at `mark` ("Open Assistant" in "used
/// in Open Assistant, an open-source …"; "Quill" in "Quill: An Open-Source …").
/// The key of a note before its colon ("Note:", "**Update**:").
const NOTE_KEYS: &[&str] = &[
    "note",
    "notes",
    "nb",
    "tip",
    "warning",
    "important",
    "update",
    "disclaimer",
    "remark",
    "reminder",
    "caution",
    "attention",
];

/// A sentence's opening phrase before its first comma that is no noun
/// phrase: one led by a preposition or a subordinating word ("Due to
/// differences in dataset size", "Since it is small", "For this reason").
fn fronted_phrase(before: &[Token]) -> bool {
    const SUBORDINATORS: &[&str] = &[
        "due",
        "because",
        "since",
        "although",
        "though",
        "while",
        "when",
        "if",
        "unlike",
        "after",
        "before",
        "during",
        "given",
        "owing",
        "thanks",
        "however",
        "therefore",
        "thus",
        "currently",
        "today",
        "now",
        "here",
        "note",
    ];
    before.first().is_some_and(|w| {
        w.word
            && (SUBORDINATORS.contains(&w.w.as_str())
                || PREPOSITIONS.contains(&w.w.as_str())
                    && !matches!(
                        w.w.as_str(),
                        "of" | "among" | "like" | "than" | "versus" | "vs" | "against" | "between"
                    ))
    }) && before.iter().all(|x| x.w != ",")
}

fn appositive(t: &[Token], mark: usize) -> &[Token] {
    let mut from = mark;
    while from > 0 {
        let p = &t[from - 1];
        // "K2 (7B), an open-source …": past a note in brackets.
        if p.w == ")"
            && let Some(open) = (from.saturating_sub(8)..from - 1)
                .rev()
                .find(|&k| t[k].w == "(")
        {
            from = open;
            continue;
        }
        let stop = if p.word {
            !p.joined
                && (PREPOSITIONS.contains(&p.w.as_str())
                    || COPULAS.contains(&p.w.as_str())
                    || RELEASE_VERBS.contains(&p.w.as_str()))
        } else {
            !matches!(p.w.as_str(), "[" | "]" | "&")
        };
        if stop {
            break;
        }
        from -= 1;
    }
    // "Openjourney, by [Acme](…): a … model": past the maker's byline to
    // the name it follows.
    if from >= 2
        && t[from - 1].w == "by"
        && t[from - 2].w == ","
        && t[from..mark].iter().filter(|x| x.word).count() <= 4
    {
        return appositive(t, from - 2);
    }
    &t[from..mark]
}

/// If a noun phrase is the model, a quotable subject: one noun phrase
/// ([`single_subject`]), or a coordination of them of which one is the
/// model ("the code and the model weights", "Acme-7B and its training
/// code"): a label on the model beside other things labels the model.
fn self_subject(np: &[Token], names: &Names) -> Option<String> {
    single_subject(np, names).or_else(|| coordinated_subject(np, names))
}

/// A noun phrase without its bracketed notes, when it has any.
fn without_brackets(np: &[Token]) -> Option<Vec<Token>> {
    if !np.iter().any(|x| x.w == "(") {
        return None;
    }
    let mut depth = 0usize;
    Some(
        np.iter()
            .filter(|x| {
                match x.w.as_str() {
                    "(" => depth += 1,
                    ")" => {
                        depth = depth.saturating_sub(1);
                        return false;
                    }
                    _ => {}
                }
                depth == 0
            })
            .cloned()
            .collect(),
    )
}

/// The conjuncts of a short coordination of noun phrases ("A, B and C",
/// "both A and B", "A as well as B"), or nothing when `np` is no such list
/// (a conjunct that is long or holds a verb or a preposition is a clause).
fn conjuncts(np: &[Token]) -> Option<Vec<&[Token]>> {
    let mut out = Vec::new();
    let mut from = 0;
    let mut k = 0;
    while k <= np.len() {
        let split = match np.get(k) {
            None => Some(0),
            Some(x) if !x.word && matches!(x.w.as_str(), "," | "&") => Some(1),
            Some(x) if x.word && !x.joined && matches!(x.w.as_str(), "and" | "or") => Some(1),
            Some(x)
                if x.w == "as"
                    && np.get(k + 1).is_some_and(|n| n.w == "well")
                    && np.get(k + 2).is_some_and(|n| n.w == "as") =>
            {
                Some(3)
            }
            _ => None,
        };
        if let Some(len) = split {
            let part: &[Token] = &np[from..k];
            let words: Vec<&str> = part
                .iter()
                .filter(|x| x.word && !x.joined)
                .map(|x| x.w.as_str())
                .filter(|w| *w != "both")
                .collect();
            let determiner = |w: &str| SELF_DETERMINERS.contains(&w) || OBJECT_STARTS.contains(&w);
            if words.len() > 5
                || words.iter().any(|w| {
                    PREPOSITIONS.contains(w)
                        || COPULAS.contains(w)
                        || PHRASE_ENDS.contains(w) && !determiner(w)
                })
            {
                return None;
            }
            if !words.is_empty() {
                out.push(part);
            }
            from = k + len.max(1);
            k = from;
            continue;
        }
        k += 1;
    }
    (out.len() >= 2).then_some(out)
}

/// A coordination one of whose conjuncts is the model and none of whose
/// conjuncts is a base model.
fn coordinated_subject(np: &[Token], names: &Names) -> Option<String> {
    let parts = conjuncts(np)?;
    let foreign = |p: &[Token]| names.names_base(p);
    if parts.iter().any(|p| foreign(p)) {
        return None;
    }
    parts
        .iter()
        .any(|p| {
            let p: Vec<Token> = p.iter().filter(|x| x.w != "both").cloned().collect();
            single_subject(&p, names).is_some()
        })
        .then(|| raw(np).trim().to_owned())
}

/// If one noun phrase is the model, a quotable subject.
fn single_subject(np: &[Token], names: &Names) -> Option<String> {
    let np: Vec<Token> = np
        .iter()
        .filter(|t| t.word || matches!(t.w.as_str(), "&"))
        .cloned()
        .collect();
    let end = np
        .iter()
        .position(|t| {
            !t.joined
                && (PREPOSITIONS.contains(&t.w.as_str())
                    || matches!(
                        t.w.as_str(),
                        "that"
                            | "which"
                            | "who"
                            | "we"
                            | "should"
                            | "will"
                            | "can"
                            | "may"
                            | "must"
                            | "would"
                            | "has"
                            | "have"
                    ))
        })
        .unwrap_or(np.len());
    let mut np = &np[..end];
    // "License This model is …": a heading run into the sentence.
    if let Some(d) = np
        .iter()
        .rposition(|t| SELF_DETERMINERS.contains(&t.w.as_str()))
    {
        np = &np[d..];
    }
    if np.is_empty() {
        return None;
    }
    let not_model_after =
        |from: usize| np[from..].iter().any(|t| NOT_MODEL.contains(&t.w.as_str()));
    for i in 0..np.len() {
        if let Some(len) = names.name_at(np, i) {
            // "the python library lenu": a thing of another kind the name
            // is given to.
            if i > 0 && NOT_MODEL.contains(&np[i - 1].w.as_str()) {
                return None;
            }
            if !not_model_after(i + len) {
                return Some(raw(&np[..(i + len).max(1)]));
            }
            return None;
        }
    }
    let words: Vec<&str> = np.iter().map(|t| t.w.as_str()).collect();
    let modelish =
        |w: &str| MODEL_NOUNS.contains(&w) || names.own_nouns.contains(&w) || names.is_kind(w);
    // "our evaluation set", "our test split": data, unless a set of models.
    let data_set = matches!(words.last(), Some(&("set" | "sets" | "split" | "splits")))
        && words.len() >= 3
        && !modelish(words[words.len() - 2]);
    if SELF_DETERMINERS.contains(&words[0])
        && !not_model_after(0)
        && !data_set
        && !names_another(np, names)
    {
        return Some(raw(np));
    }
    // "the model", "the base model"; not "the DeBERTa model", a model by
    // a name the card does not know.
    let unknown_name = np
        .iter()
        .skip(1)
        .any(|x| x.word && x.raw.chars().next().is_some_and(char::is_uppercase) && !modelish(&x.w));
    if words[0] == "the"
        && words.len() <= 3
        && words.iter().skip(1).any(|w| modelish(w))
        && !not_model_after(0)
        && !unknown_name
    {
        return Some(raw(np));
    }
    let model_noun = |w: &str| MODEL_NOUNS.contains(&w) || names.own_nouns.contains(&w);
    if words.len() <= 3
        && words.iter().all(|w| *w == "the" || model_noun(w))
        && words.iter().any(|w| *w != "the")
    {
        return Some(raw(np));
    }
    // "Both the model and the code are open source".
    if words[0] == "both" && words.len() > 1 {
        return single_subject(&np[1..], names);
    }
    // "the base and chat models", "the 7B and 13B versions": the card's
    // own versions, told apart by what they were trained for or by size.
    let versions = if words[0] == "the" {
        &words[1..]
    } else {
        &words[..]
    };
    if let [kinds @ .., last] = versions
        && kinds.len() >= 2
        && model_noun(last)
        && kinds.contains(&"and")
        && kinds
            .iter()
            .all(|w| *w == "and" || VERSION_WORDS.contains(w) || super::names::is_size(w))
    {
        return Some(raw(np));
    }
    // "It", "everything" (in a model card, what it releases), and "this"
    // in the languages cards are written in ("Đây là …", "Dies ist …").
    if words.len() == 1
        && matches!(
            words[0],
            "it" | "we"
                | "ours"
                | "this"
                | "everything"
                | "đây"
                | "dies"
                | "esto"
                | "ceci"
                | "questo"
        )
    {
        return Some(raw(np));
    }
    if words[0] == "all" && words.iter().any(|w| modelish(w)) && !not_model_after(0) {
        return Some(raw(np));
    }
    None
}

/// Where the compound that starts at `from` ends: past the words joined to
/// it ("xLAM-2-70b-fc-r", "W2v-BERT").
fn compound_end(t: &[Token], from: usize) -> usize {
    let mut end = from + 1;
    while t.get(end).is_some_and(|x| x.word && x.joined) {
        end += 1;
    }
    end
}

/// Whether a noun phrase holds a name the card does not know, written with
/// a digit: "our xLAM-2-70b model" on the 8b card, "our W2v-BERT 2.0 speech
/// encoder" on a translation model's card. The maker's, but another model:
/// a sibling or a part; or sizes none of which is the model's ("our 70B
/// model" on the 8B card). Otherwise sizes, versions, formats and the
/// words for a version ("7B-Chat", "FP8", "v2") name no other model. The
/// caller has already looked for the card's own names.
fn names_another(np: &[Token], names: &Names) -> bool {
    // "our 70B model" on the 8B card: a sibling by its size.
    if names.another_size(np) {
        return true;
    }
    let mut i = 0;
    while i < np.len() {
        let end = compound_end(np, i);
        let group = &np[i..end];
        let digit = group
            .iter()
            .any(|x| x.w.chars().any(|c| c.is_ascii_digit()));
        // A name starts with letters: "4B-parameter" is a size.
        let first = &group[0];
        let named = first.word
            && first.w.starts_with(|c: char| c.is_alphabetic())
            && !super::names::is_size(&first.w)
            && !super::names::is_format(&first.w)
            && !VERSION_WORDS.contains(&first.w.as_str())
            && !MODEL_NOUNS.contains(&first.w.as_str());
        if digit && named {
            return true;
        }
        i = end;
    }
    false
}

/// Whether a sentence opens with another model as its subject: a name the
/// card does not know, then its verb ("[2024/02] Wombat is released.",
/// "Wombat-2 now supports video"). A date or a tag in brackets before it is
/// the item's, not the subject. The maker's own name opening it is the
/// maker speaking ("Acme releases …").
pub fn opens_with_another(sentence: &str, names: &Names) -> bool {
    let t = tokens(sentence);
    opening_name(&t, names).is_some_and(|i| !names.is_owner(&t[i].w))
}

/// Whether a sentence opens with something other than the model as its
/// subject, the maker included ("Jan is an open source, ChatGPT
/// alternative that is:" on a card of the maker of Jan): what a list under
/// it describes is that.
pub fn opens_with_other_subject(sentence: &str, names: &Names) -> bool {
    opening_name(&tokens(sentence), names).is_some()
}

/// Where the name a sentence opens with stands, when it is a proper name
/// the card does not know as the model's, followed by its verb.
fn opening_name(t: &[Token], names: &Names) -> Option<usize> {
    let mut i = 0;
    loop {
        match t.get(i) {
            Some(x) if !x.word && x.w == "[" => {
                i = (i..t.len())
                    .find(|&k| t[k].w == "]")
                    .map_or(t.len(), |k| k + 1);
            }
            Some(x) if !x.word || x.w.chars().all(|c| c.is_ascii_digit()) => i += 1,
            _ => break,
        }
    }
    let first = t.get(i)?;
    let end = compound_end(t, i);
    let verb = t.get(end).is_some_and(|x| {
        x.word
            && matches!(
                x.w.as_str(),
                "is" | "are"
                    | "was"
                    | "has"
                    | "have"
                    | "now"
                    | "achieves"
                    | "released"
                    | "supports"
            )
    });
    (verb
        && proper_name(&t[i..end], names)
        && first.raw.chars().next().is_some_and(char::is_uppercase)
        && names.name_at(t, i).is_none())
    .then_some(i)
}

/// Whether a subject speaks of several models or a family of them ("our
/// codes and models", "the Acme series"), not of one.
pub fn names_a_family(subject: &str) -> bool {
    tokens(subject).iter().any(|x| {
        x.word
            && (COLLECTIVES.contains(&x.w.as_str())
                || x.w.ends_with('s') && MODEL_NOUNS.contains(&x.w.as_str()))
    })
}

/// The model named or self-referred to anywhere before `before`.
fn self_in(t: &[Token], before: usize, names: &Names) -> Option<String> {
    for i in before.saturating_sub(MAX_LOOKBACK)..before {
        if let Some(len) = names.name_at(t, i)
            && i + len <= before
        {
            return Some(raw(&t[i..i + len]));
        }
        if SELF_DETERMINERS.contains(&t[i].w.as_str())
            && let Some(s) = self_subject(&t[i..before.min(i + 4)], names)
        {
            return Some(s);
        }
    }
    None
}

fn first_copula(t: &[Token], before: usize) -> Option<usize> {
    (before.saturating_sub(MAX_LOOKBACK)..before).find(|&i| {
        t[i].word && COPULAS.contains(&t[i].w.as_str()) && (t[i].w != "s" || contracted_is(t, i))
    })
}

/// Whether an "s" at `i` is "is" run onto a pronoun ("It's", "that's"),
/// not a possessive.
fn contracted_is(t: &[Token], i: usize) -> bool {
    t[i].w == "s"
        && t[i].joined
        && i > 0
        && matches!(
            t[i - 1].w.as_str(),
            "it" | "that" | "this" | "there" | "here" | "what"
        )
}

/// Who a ranking among open-source models is about: the subject of "is",
/// the model named before, the one named after "Compared with other
/// open-source models, …", or the card's model in a line of its own.
fn ranked_subject(
    t: &[Token],
    occ: &Occurrence,
    walk: &Walk,
    np_end: usize,
    names: &Names,
) -> Option<String> {
    if let Governor::Copula(v) = &walk.governor {
        return copula_subject(t, *v, names);
    }
    // "fine-tuned from Falcon-7B, the best open-source model": the ranking
    // is the appositive's.
    if let Governor::Apposition(m) = &walk.governor {
        return self_subject(appositive(t, *m), names);
    }
    // "As the first of its kind in open-source …, Acme-7B …": the fronted
    // phrase ranks the main clause's subject, after the comma.
    if t.first().is_some_and(|w| w.w == "as")
        && let Some(comma) = (np_end..t.len().min(np_end + 12)).find(|&k| t[k].w == ",")
    {
        let after = &t[comma + 1..t.len().min(comma + 6)];
        if let Some(s) = (0..after.len())
            .find_map(|i| names.name_at(after, i).map(|len| raw(&after[i..i + len])))
            .or_else(|| self_subject(after, names))
        {
            return Some(s);
        }
    }
    if let Some(s) = result_subject(t, occ.start, names)
        .or_else(|| ranking_fragment(t, occ))
        .or_else(|| performance_line(t))
        .or_else(|| feature_ranked_among(t, occ, walk, names))
    {
        return Some(s);
    }
    // "Compared to other open-source models, Acme …"; not "Like other
    // open-source models, it …", which says what all of them do.
    let prep = t.get(walk.prep_at).map(|p| p.w.as_str());
    let before = walk.prep_at.checked_sub(1).map(|k| t[k].w.as_str());
    let compared = matches!(prep, Some("to" | "with"))
        && matches!(before, Some("compared" | "comparison" | "relative"))
        || prep == Some("among") && t[..walk.prep_at].iter().all(|t| !t.word);
    if !compared {
        return None;
    }
    // The comma that ends the fronted phrase, past a list in brackets
    // ("Compared with other open-source models of its size (e.g. A, B),
    // Acme …").
    let (mut depth, mut outside) = (0usize, 0usize);
    let comma = (np_end..t.len().min(np_end + 40))
        .find(|&k| {
            match t[k].w.as_str() {
                "(" => depth += 1,
                ")" => depth = depth.saturating_sub(1),
                _ if depth == 0 => outside += 1,
                _ => {}
            }
            depth == 0 && t[k].w == ","
        })
        .filter(|_| outside <= 12)?;
    let after = &t[comma + 1..t.len().min(comma + 6)];
    // The main clause's subject ends at its verb or an adverb ("the model
    // currently achieves …").
    let verb = after
        .iter()
        .position(|x| {
            x.word
                && (clause_verb(&x.w) || SCORE_VERBS.contains(&x.w.as_str()) || x.w.ends_with("ly"))
        })
        .unwrap_or(after.len());
    (0..after.len())
        .find_map(|i| names.name_at(after, i).map(|len| raw(&after[i..i + len])))
        .or_else(|| self_subject(after, names))
        .or_else(|| self_subject(&after[..verb], names))
        // "Among open-source models of similar scale, it achieved …": in
        // the model's card, "it" is the model.
        .or_else(|| after.first().filter(|w| w.w == "it").map(|w| w.raw.clone()))
}

/// Whose a result or a ranking before `before` is, when it is the
/// model's: the subject of "is", the model named or self-referred to, the
/// subject of the first verb, the maker ("We achieved …") or "it" ("it
/// achieves …").
fn result_subject(t: &[Token], before: usize, names: &Names) -> Option<String> {
    first_copula(t, before)
        .and_then(|v| copula_subject(t, v, names))
        .or_else(|| self_in(t, before, names))
        .or_else(|| sentence_subject(t, before, names))
        .or_else(|| maker_achieved(t))
        .or_else(|| it_scores(&t[..before]))
}

/// The subject of the sentence's first verb, when it is the model ("It
/// ranks #1 among …", "The new model achieves the best open-source …").
fn sentence_subject(t: &[Token], before: usize, names: &Names) -> Option<String> {
    let verb = (1..before).find(|&k| {
        let w = t[k].w.as_str();
        t[k].word
            && !t[k].joined
            && (comparing(w)
                || PHRASE_ENDS.contains(&w)
                || COPULAS.contains(&w)
                || matches!(w, "ranked" | "placed" | "placing" | "ranking"))
    })?;
    // A list item's bullet and emphasis are not part of the subject
    // ("- Acme-7B model **ranked first among …**").
    let marks = |x: &Token| !x.word && matches!(x.w.as_str(), "-" | "*" | "+" | "•" | "\"");
    let lead = t[..verb].iter().take_while(|x| marks(x)).count();
    let span: Vec<Token> = t[lead..verb]
        .iter()
        .filter(|x| x.word || x.w != "*")
        .cloned()
        .collect();
    if span.iter().any(|t| !t.word && t.w != "\"") || span.is_empty() || span.len() > 4 {
        return None;
    }
    self_subject(&span, names)
}

/// "SoTA for open-source models", "#1 open-source model on X" as a line of
/// its own: the card's model is the one ranked.
fn ranking_fragment(t: &[Token], occ: &Occurrence) -> Option<String> {
    // "Ranked #1 among all open-source models on X" as a line of its own.
    let words: Vec<&str> = t[..occ.start]
        .iter()
        .filter(|t| t.word)
        .map(|t| t.w.as_str())
        .collect();
    if let [verb, place, ..] = words.as_slice()
        && matches!(*verb, "ranked" | "ranks" | "ranking" | "placed")
        && matches!(*place, "1" | "first" | "top" | "no")
    {
        return Some(IMPLIED.to_owned());
    }
    let lead = t[..occ.start].iter().filter(|t| t.word).all(|t| {
        let w = t.w.as_str();
        // "Other open-source models used must comply …" ranks nothing.
        RANKING.contains(&w) && !matches!(w, "other" | "previous" | "than" | "among")
            || matches!(
                w,
                "the"
                    | "a"
                    | "an"
                    | "truly"
                    | "one"
                    | "of"
                    | "1"
                    | "first"
                    | "new"
                    | "for"
                    | "in"
                    | "state"
                    | "current"
                    | "currently"
                    | "overall"
                    | "most"
                    | "very"
            )
    });
    if lead {
        return Some(IMPLIED.to_owned());
    }
    ranked_line(t, occ).then(|| IMPLIED.to_owned())
}

/// A line that ranks the card's model first among open-source models,
/// with where it ranks so ("🏆 #1 overall among open-source models",
/// "#1 on AgentBench among every open source model", "Top-ranked
/// open-source model on AgentBench", "the highest score achieved by any
/// open-source 8B LLM"): short, a first place in it, and only the
/// ranking's words, a benchmark's name or "this is" before the label.
fn ranked_line(t: &[Token], occ: &Occurrence) -> bool {
    let before: Vec<&Token> = t[..occ.start].iter().filter(|t| t.word).collect();
    if before.is_empty() || before.len() > 10 {
        return false;
    }
    let first_place = before.iter().any(|x| {
        matches!(
            x.w.as_str(),
            "1" | "first" | "top" | "best" | "leading" | "highest" | "strongest" | "sota"
        )
    });
    let known = before.iter().enumerate().all(|(i, x)| {
        let w = x.w.as_str();
        RANKING.contains(&w) && !matches!(w, "other" | "previous" | "than")
            || matches!(
                w,
                "the"
                    | "a"
                    | "an"
                    | "1"
                    | "first"
                    | "top"
                    | "ranked"
                    | "overall"
                    | "on"
                    | "at"
                    | "in"
                    | "for"
                    | "of"
                    | "every"
                    | "all"
                    | "any"
                    | "across"
                    | "ever"
                    | "score"
                    | "result"
                    | "achieved"
                    | "by"
                    | "this"
                    | "that"
                    | "is"
                    | "now"
                    | "currently"
            )
            // A benchmark's name: "#1 on AgentBench among …".
            || i > 0 && x.raw.chars().next().is_some_and(char::is_uppercase)
                && before[i - 1].w == "on"
            // What the line calls the model, before the class it ranks it
            // in: "Top performer among …", "The best 8B model of all …".
            || MODEL_NOUNS.contains(&w) || super::names::is_size(w) || RANKED_NOUNS.contains(&w)
    });
    // "Among open-source models, …" opens a sentence about them.
    first_place && known && before[0].w != "among"
}

/// Nouns a ranking line calls the model it ranks by ("Top performer
/// among …", "the best choice of all …").
const RANKED_NOUNS: &[&str] = &[
    "performer",
    "one",
    "choice",
    "option",
    "pick",
    "alternative",
];

/// A feature the card lists under a key, ranked among open-source models:
/// "- **Strong performance**: better than the last generation, with
/// leading performance among open-source models of similar size" (the
/// sentence as read, its marks gone: "Strong performance: …"). The key is
/// a quality of two to six words, not a model (no digit, no base's name),
/// and nothing between it and the label names another model.
fn feature_ranked_among(
    t: &[Token],
    occ: &Occurrence,
    walk: &Walk,
    names: &Names,
) -> Option<String> {
    if !matches!(&walk.governor, Governor::Preposition(p) if p == "among") {
        return None;
    }
    let colon = (0..occ.start).find(|&k| matches!(t[k].w.as_str(), ":" | "："))?;
    let key = &t[..colon];
    let digit = |x: &Token| x.w.chars().any(|c| c.is_ascii_digit());
    if !(2..=6).contains(&key.len()) || !key.iter().all(|x| x.word && !digit(x)) {
        return None;
    }
    let foreign = names.names_base(&t[..occ.start]);
    // A word with a digit, or a capital past the fragment's first word,
    // starts a name.
    let another = (colon + 1..occ.start).any(|k| {
        t[k].word
            && (digit(&t[k])
                || k > colon + 1 && t[k].raw.chars().next().is_some_and(char::is_uppercase))
            && names.name_at(t, k).is_none()
    });
    // "Wombat has leading performance …": a subject of another name.
    let first = t.get(colon + 1).filter(|x| x.word);
    let subject = first.is_some_and(|x| {
        !matches!(x.w.as_str(), "it" | "this" | "our" | "we")
            && names.name_at(t, colon + 1).is_none()
            && t.get(colon + 2)
                .is_some_and(|v| clause_verb(&v.w) || SCORE_VERBS.contains(&v.w.as_str()))
    });
    // "We compare it with the leading models among …" compares.
    let compares = t[colon + 1..occ.start]
        .iter()
        .any(|x| x.w != "than" && COMPARE.contains(&x.w.as_str()));
    (!foreign && !another && !subject && !compares).then(|| IMPLIED.to_owned())
}

/// Verbs a line about the model's results opens with, its subject left out.
const SCORE_VERBS: &[&str] = &[
    "scores",
    "achieves",
    "ranks",
    "sets",
    "reaches",
    "tops",
    "leads",
    "obtains",
    "attains",
    "establishes",
    "holds",
    "places",
    "delivers",
];

/// "- Scores 79.1 on MMLU, a new record for all open-source LLMs": a line
/// that opens, capitalised, with such a verb is about the card's model.
fn performance_line(t: &[Token]) -> Option<String> {
    let first = t.iter().position(|x| x.word)?;
    let tok = &t[first];
    (t[..first]
        .iter()
        .all(|x| !matches!(x.w.as_str(), "," | ":" | "("))
        && SCORE_VERBS.contains(&tok.w.as_str())
        && tok.raw.chars().next().is_some_and(char::is_uppercase))
    .then(|| IMPLIED.to_owned())
}

/// Nouns for a step forward: "Acme represents a significant advancement
/// in open-source video generation" counts the model among open-source
/// ones.
const ADVANCE_NOUNS: &[&str] = &[
    "advancement",
    "advance",
    "breakthrough",
    "milestone",
    "leap",
    "forward",
];

/// "use (of) the open-source model …", with a common noun for the model.
fn used_own_model(t: &[Token], occ: &Occurrence, head_at: usize) -> bool {
    let w = |k: Option<usize>| k.and_then(|k| t.get(k)).map_or("", |t| t.w.as_str());
    let the = occ.start.checked_sub(1);
    let before = occ.start.checked_sub(2);
    let using = |k: Option<usize>| matches!(w(k), "use" | "using" | "usage" | "misuse");
    let head = &t[head_at];
    let common = head.raw.chars().all(|c| !c.is_uppercase())
        && matches!(
            head.w.as_str(),
            "model" | "models" | "weights" | "checkpoint" | "checkpoints" | "parameters"
        );
    common
        && !based_on(t, head_at)
        && w(the) == "the"
        && (using(before) || w(before) == "of" && using(occ.start.checked_sub(3)))
}

fn released_before(t: &[Token], at: usize) -> bool {
    t[at.saturating_sub(12)..at]
        .iter()
        .any(|w| RELEASE_VERBS.contains(&w.w.as_str()))
}

/// "release <object> as open source": the object, when it is the model.
fn released_as(t: &[Token], as_at: usize, label_end: usize, names: &Names) -> Option<String> {
    // "Acme distinguishes itself as / serves as an open-source …": what the
    // subject is called.
    let before = |k: usize| as_at.checked_sub(k).map(|k| t[k].w.as_str());
    if before(1) == Some("itself") && as_at >= 3 {
        return copula_subject(t, as_at - 2, names);
    }
    if before(1).is_some_and(|w| {
        matches!(
            w,
            "serves" | "serve" | "acts" | "stands" | "emerges" | "emerged" | "functions"
        )
    }) && as_at >= 2
    {
        return copula_subject(t, as_at - 1, names);
    }
    let verb = (as_at.saturating_sub(12)..as_at)
        .rev()
        .find(|&k| RELEASE_VERBS.contains(&t[k].w.as_str()) || t[k].w == "made")?;
    if verb + 1 == as_at {
        // "Acme releases as open source both a base and a chat model": the
        // object after the label.
        if RELEASE_VERBS.contains(&t[verb].w.as_str()) && t.get(label_end).is_some_and(|x| x.word) {
            let end = (label_end..t.len())
                .find(|&k| is_boundary(&t[k]) || t[k].w == ",")
                .unwrap_or(t.len());
            return model_object(t, label_end..end, names);
        }
        return copula_subject(t, first_copula(t, verb)?, names)
            .or_else(|| self_in(t, verb, names));
    }
    model_object(t, verb + 1..as_at, names)
}

/// Words a heading may hold beside the label and still announce the card's
/// own model as open source.
const HEADING_NOUNS: &[&str] = &[
    "license",
    "licence",
    "licensing",
    "plan",
    "roadmap",
    "release",
    "model",
    "models",
    "weights",
    "checkpoints",
    "yes",
    "love",
    "badge",
    "list",
];

/// A heading that says no more than "open source" and what of it, on
/// either side ("Open-Source License", "License (Open Source)", "Plan for
/// the open-source release").
fn bare_heading(t: &[Token], occ: &Occurrence) -> bool {
    let words = |r: &[Token]| -> Vec<String> {
        r.iter()
            .filter(|x| {
                // "What We Open Source": the makers' own release.
                x.word && !matches!(x.w.as_str(), "for" | "the" | "of" | "our" | "what" | "we")
            })
            .map(|x| x.w.clone())
            .collect()
    };
    let (before, after) = (words(&t[..occ.start]), words(&t[occ.end..]));
    before.len() <= 1
        && after.len() <= 1
        && before
            .iter()
            .chain(&after)
            .all(|w| HEADING_NOUNS.contains(&w.as_str()))
}

/// Words right before the label that make it a verb ("we open-source",
/// "to open source", "by open-sourcing").
const VERB_AGENTS: &[&str] = &[
    "we",
    "i",
    "to",
    "will",
    "ll",
    "also",
    "shall",
    "would",
    "can",
    "could",
    "plan",
    "and",
    "then",
    "s",
    "us",
    "gradually",
    "further",
    "finally",
];

/// Words right before an inflected label that make it a verb ("we have
/// open-sourced", "are open-sourcing", "by open-sourcing").
const INFLECTED_AGENTS: &[&str] = &[
    "we",
    "i",
    "have",
    "has",
    "had",
    "ve",
    "are",
    "re",
    "is",
    "been",
    "be",
    "by",
    "after",
    "now",
    "just",
    "finally",
    "officially",
    "fully",
    "publicly",
    "also",
    "recently",
    "and",
    "further",
    "then",
    "gradually",
    "already",
    "for",
    "of",
    "suggested",
    "start",
    "started",
    "begin",
    "began",
    "about",
];

/// Words that end an object noun phrase.
const OBJECT_ENDS: &[&str] = &[
    "in",
    "on",
    "for",
    "under",
    "to",
    "with",
    "via",
    "at",
    "by",
    "from",
    "so",
    "which",
    "that",
    "as",
    "who",
    "where",
    "while",
    "because",
    "since",
    "is",
    "are",
    "was",
    "were",
    "will",
    "can",
    "achieving",
    "including",
    "ranging",
    "has",
    "have",
    "had",
    "made",
    "may",
    "might",
    "should",
    "would",
    "could",
    "must",
    "such",
];

/// Words before the label that may also precede an adjective ("a
/// commitment to open-source development"): the label is a verb only when
/// its object starts like one ("to open-source our weights").
const AMBIGUOUS_AGENTS: &[&str] = &["to", "for", "of", "and", "by", "are", "is", "be"];

/// Words that start an object.
const OBJECT_STARTS: &[&str] = &[
    "our", "the", "this", "its", "it", "their", "all", "them", "these", "my", "both", "a", "an",
    "his", "her", "those",
];

/// Whether the words between a release verb and the label are its object
/// and the label its complement: a short noun phrase, then only "free",
/// "and" or an adverb ("released it free and open source", "released the
/// weights fully open source").
fn released_complement(t: &[Token], verb: usize, label: usize) -> bool {
    let mut end = label;
    while end > verb + 1
        && matches!(
            t[end - 1].w.as_str(),
            "free" | "and" | "&" | "fully" | "completely" | "publicly"
        )
    {
        end -= 1;
    }
    let object = &t[verb + 1..end];
    !object.is_empty()
        && object.len() <= 4
        && object
            .iter()
            .all(|x| x.word && !PREPOSITIONS.contains(&x.w.as_str()))
}

/// When the label is a verb ("we open-source X", "open-sourced X",
/// "made X open source"): `Some(subject)` when what it is done to is the
/// model, its weights, its family or its release; `Some(None)` when it is
/// something else (code, data, a tool); `None` when the label is no verb.
fn verbal_object(t: &[Token], occ: &Occurrence, names: &Names) -> Option<Option<String>> {
    let word = t[occ.end - 1].w.as_str();
    // A checked box ("- [x] Open-source …") is no word before the verb.
    let checkbox = |k: usize| {
        t[k].w == "x" && k > 0 && t[k - 1].w == "[" && t.get(k + 1).is_some_and(|n| n.w == "]")
    };
    let prev = (0..occ.start)
        .rev()
        .filter(|&k| !checkbox(k))
        .map(|k| &t[k])
        .find(|p| p.word || !matches!(p.w.as_str(), "\"" | "(" | ")" | "[" | "]"));
    let prev_w = prev.filter(|p| p.word).map(|p| p.w.as_str());
    let at_start = prev.is_none() || prev.is_some_and(|p| !p.word && p.w != ",");
    let inflected = matches!(
        word,
        "sourced" | "sourcing" | "sources" | "opensourced" | "opensourcing" | "opensources"
    );
    // "we have made Acme models open source", "made them open-source",
    // "released it free and open source".
    if !inflected
        && let Some(m) = (occ.start.saturating_sub(16)..occ.start).rev().find(|&k| {
            matches!(t[k].w.as_str(), "made" | "make" | "makes" | "making")
                || RELEASE_VERBS.contains(&t[k].w.as_str()) && released_complement(t, k, occ.start)
        })
        && t[m + 1..occ.start].iter().all(|t| t.word || t.w == "&")
        && occ.start > m + 1
        && !matches!(t[m + 1].w.as_str(), "as" | "an" | "a" | "available")
        && t.get(occ.end)
            .is_none_or(|n| !n.word || OBJECT_ENDS.contains(&n.w.as_str()))
    {
        return Some(model_object(t, m + 1..occ.start, names));
    }
    let after_comma = prev.is_some_and(|p| p.w == ",");
    // "Google open sourced this BERT model": an object with the card's own
    // determiner makes the label a verb, whoever comes before it.
    let own_object = inflected
        && prev_w.is_some()
        && t.get(occ.end)
            .is_some_and(|n| SELF_DETERMINERS.contains(&n.w.as_str()));
    let verb = own_object
        || match prev_w {
            None if inflected && after_comma && word.ends_with("ing") => true,
            Some(p) if inflected => {
                INFLECTED_AGENTS.contains(&p) || matches!(word, "sources" | "opensources")
            }
            Some(p) => VERB_AGENTS.contains(&p),
            None => at_start,
        };
    if !verb {
        return None;
    }
    let obj_start = occ.end;
    let first = t.get(obj_start)?;
    if !first.word || OBJECT_ENDS.contains(&first.w.as_str()) || first.w == "and" {
        return None;
    }
    // A line that starts "Open-source LLMs such as …" is an adjective; a
    // to-do item "open-source the 7B weights" has its object's article.
    let object_like = OBJECT_STARTS.contains(&first.w.as_str())
        || prev_w.is_some()
            && (first.raw.chars().next().is_some_and(char::is_uppercase)
                || names.name_at(t, obj_start).is_some());
    let ambiguous = !inflected && prev_w.is_none_or(|p| AMBIGUOUS_AGENTS.contains(&p))
        || matches!(prev_w, Some("of" | "for" | "and"));
    if ambiguous && !object_like {
        return None;
    }
    let mut end = obj_start;
    while end < t.len() && end - obj_start < 24 {
        let tok = &t[end];
        if !tok.word && !matches!(tok.w.as_str(), "," | "&" | "(" | ")" | "\"" | "[" | "]") {
            break;
        }
        if tok.word && !tok.joined && OBJECT_ENDS.contains(&tok.w.as_str()) {
            break;
        }
        end += 1;
    }
    let found = model_object(t, obj_start..end, names);
    if found.is_some() {
        return Some(found);
    }
    // "we open-source all details (i.e., data, code, model weights)", "all
    // our efforts here-including scripts, models and logs": a word for
    // everything, then the list of what it is.
    let introduces =
        |x: &Token| matches!(x.w.as_str(), "including" | "i" | "e" | "such" | "namely");
    let lead: Vec<&Token> = t[obj_start..]
        .iter()
        .take(8)
        .filter(|x| x.word)
        .take_while(|x| !introduces(x))
        .collect();
    let vague = !lead.is_empty()
        && lead.iter().all(|x| {
            matches!(
                x.w.as_str(),
                "all"
                    | "our"
                    | "the"
                    | "of"
                    | "here"
                    | "everything"
                    | "details"
                    | "efforts"
                    | "work"
                    | "components"
                    | "artifacts"
                    | "assets"
                    | "resources"
            )
        });
    if vague {
        let from = obj_start
            + t[obj_start..]
                .iter()
                .position(introduces)
                .unwrap_or(t.len() - obj_start);
        let list_end = (from..t.len().min(from + 40))
            .find(|&k| !t[k].word && matches!(t[k].w.as_str(), ";" | "!" | "?"))
            .unwrap_or(t.len().min(from + 40));
        if from < list_end {
            let list = model_object(t, from..list_end, names);
            if list.is_some() {
                return Some(list);
            }
        }
    }
    Some(found)
}

/// Whether an object (of "open-source", "make … open source", "release …
/// as open source") is the model: the model's name, a self-word with a
/// model noun, or a model noun, even beside code ("our code and models");
/// not code, data or tools alone, and not a base model by name.
fn model_object(t: &[Token], range: std::ops::Range<usize>, names: &Names) -> Option<String> {
    let before = &t[..range.start];
    let object = &t[range];
    let words: Vec<&Token> = object.iter().filter(|t| t.word).collect();
    let first = words.first()?;
    // "Open-source the v1 model weights" on the card of v2: another
    // version of the model.
    if (0..object.len()).any(|i| names.other_version(object, i)) {
        return None;
    }
    if matches!(first.w.as_str(), "it" | "them") {
        // "prepare the code, and we will open source it": the pronoun is
        // the thing named before, not one a preposition hangs from it
        // ("we trained this model on Acme data and open-sourced it").
        let in_prepositional = |k: usize| {
            before[..k]
                .iter()
                .rev()
                .take(4)
                .take_while(|x| x.word)
                .find(|x| !x.joined && PREPOSITIONS.contains(&x.w.as_str()))
                .is_some()
        };
        let noun =
            |x: &Token| NOT_MODEL.contains(&x.w.as_str()) || MODEL_NOUNS.contains(&x.w.as_str());
        let nearest = before
            .iter()
            .enumerate()
            .rev()
            .find(|&(k, x)| noun(x) && !in_prepositional(k))
            .or_else(|| before.iter().enumerate().rev().find(|&(_, x)| noun(x)))
            .map(|(_, x)| x);
        return nearest
            .is_none_or(|x| MODEL_NOUNS.contains(&x.w.as_str()))
            .then(|| first.raw.clone());
    }
    // "the dataset and source code of our model": what is open is what
    // stands before "of", when none of it is a model.
    if let Some(of) = object.iter().position(|x| x.w == "of") {
        let head: Vec<&Token> = object[..of].iter().filter(|x| x.word).collect();
        if head.iter().any(|x| NOT_MODEL.contains(&x.w.as_str()))
            && !head.iter().any(|x| MODEL_NOUNS.contains(&x.w.as_str()))
        {
            return None;
        }
    }
    for i in 0..object.len() {
        if names.name_at(object, i).is_some() {
            return Some(raw(object).trim().to_owned());
        }
    }
    if names.names_base(object) {
        return None;
    }
    // "our W2v-BERT 2.0 speech encoder": another of the maker's models.
    if names_another(object, names) {
        return None;
    }
    // "fine-tune" is one noun, a model; "the finetune script" is a
    // script.
    let model = words.iter().enumerate().any(|(k, w)| {
        let modifies = words
            .get(k + 1)
            .is_some_and(|n| !n.joined && NOT_MODEL.contains(&n.w.as_str()));
        ((!w.joined || matches!(w.w.as_str(), "tune" | "tunes"))
            && MODEL_NOUNS.contains(&w.w.as_str())
            || names.own_nouns.contains(&w.w.as_str()))
            && !modifies
    });
    if model {
        return Some(raw(object).trim().to_owned());
    }
    // "this fine-tune", "our work": what the card itself offers.
    self_subject(object, names)
}

/// Nouns for what the model is put to: "intended for open-source use".
const USE_NOUNS: &[&str] = &[
    "use",
    "usage",
    "release",
    "distribution",
    "deployment",
    "purposes",
    "licensing",
];

/// Whether the noun at `at` is one of the models a ranking sets the model
/// beside ("comparable open-source alternatives").
fn peer_noun(t: &[Token], at: usize) -> bool {
    t.get(at)
        .is_some_and(|h| PEER_NOUNS.contains(&h.w.as_str()))
}

/// In a title (a line or a BibTeX `title`) that opens with the label, the
/// model's name right after the title's colon ("Open Source Gets Better:
/// Quokka 2 …").
fn named_after_colon(t: &[Token], occ: &Occurrence, names: &Names) -> Option<String> {
    // The title starts the line, or its BibTeX field (`title={`).
    let from = (1..occ.start)
        .rev()
        .find(|&k| t[k].w == "=" && t[k - 1].w == "title")
        .map_or(0, |k| k + 1);
    let lead = t[from..occ.start]
        .iter()
        .all(|x| !x.word || matches!(x.w.as_str(), "the" | "an" | "a"));
    if !lead {
        return None;
    }
    let colon = (occ.end..t.len().min(occ.end + 10)).find(|&k| t[k].w == ":")?;
    // A title is short, up to its end (a closing brace or the line's).
    let title_end = (colon..t.len()).find(|&k| t[k].w == "}").unwrap_or(t.len());
    if t[from..title_end].iter().filter(|x| x.word).count() > 16 {
        return None;
    }
    let after = &t[colon + 1..title_end.min(colon + 5)];
    // "Open-source code: Quokka's training scripts": a possessive name
    // qualifies what follows it.
    (0..after.len()).find_map(|i| {
        names
            .name_at(after, i)
            .filter(|&len| after.get(i + len).is_none_or(|n| !(n.joined && n.w == "s")))
            .map(|len| raw(&after[i..i + len]))
    })
}

/// "release the model to the open-source community", "Quokka is our
/// contribution to the open-source community" (the model given to it), and
/// "the best performance in the open-source community", "no other model in
/// the open-source community" (a ranking, `true`): who it is about.
fn given_to_community(
    t: &[Token],
    occ: &Occurrence,
    walk: &Walk,
    head_at: usize,
    names: &Names,
) -> Option<(bool, String)> {
    let Governor::Preposition(p) = &walk.governor else {
        return None;
    };
    let head = t.get(head_at)?.w.as_str();
    if !matches!(head, "community" | "communities" | "ecosystem" | "world") {
        return None;
    }
    let clause_start = t[..walk.prep_at]
        .iter()
        .rposition(|x| !x.word && x.w != "," && x.w != "&")
        .map_or(0, |k| k + 1);
    let clause = clause_start..walk.prep_at;
    let words = |r: std::ops::Range<usize>| {
        t[r].iter()
            .filter(|x| x.word)
            .map(|x| x.w.as_str())
            .collect::<Vec<_>>()
    };
    if matches!(p.as_str(), "to" | "towards" | "for" | "with") {
        let giving = |w: &str| {
            RELEASE_VERBS.contains(&w)
                || w.starts_with("contribut")
                || matches!(
                    w,
                    "give" | "gives" | "gave" | "giving" | "donate" | "donated"
                )
        };
        let verb = clause.clone().rev().find(|&k| giving(&t[k].w))?;
        let noun = t[verb].w.starts_with("contribution");
        // "thank the model creators for their contributions to the
        // open-source community": others' gifts.
        if noun && verb > 0 && matches!(t[verb - 1].w.as_str(), "their" | "his" | "her" | "your") {
            return None;
        }
        let subject = if noun {
            first_copula(t, verb)
                .and_then(|v| copula_subject(t, v, names))
                .or_else(|| self_in(t, verb, names))
        } else {
            model_object(t, verb + 1..walk.prep_at, names)
        }?;
        return Some((false, subject));
    }
    if matches!(p.as_str(), "in" | "within" | "among" | "of") {
        let ranks = words(clause_start.max(walk.prep_at.saturating_sub(8))..walk.prep_at)
            .iter()
            .any(|w| {
                matches!(
                    *w,
                    "best" | "first" | "top" | "leading" | "strongest" | "other" | "only" | "1"
                ) || *w == "art" && clause.len() > 2
            });
        if !ranks || walk.negated {
            return None;
        }
        let subject = ranked_subject(t, occ, walk, head_at + 1, names)?;
        return Some((true, subject));
    }
    None
}

/// "open-source repository (release, weights) of <the model>": the model.
fn container_of_model(t: &[Token], head_at: usize, names: &Names) -> Option<String> {
    let head = t.get(head_at)?.w.as_str();
    if !matches!(
        head,
        "repository"
            | "repo"
            | "release"
            | "version"
            | "weights"
            | "checkpoint"
            | "checkpoints"
            | "model"
            | "models"
    ) || t.get(head_at + 1).is_none_or(|n| n.w != "of")
    {
        return None;
    }
    let object = &t[head_at + 2..t.len().min(head_at + 16)];
    let end = object
        .iter()
        .position(|x| !x.word && !matches!(x.w.as_str(), "(" | ")" | "[" | "]"))
        .unwrap_or(object.len());
    let object = &object[..end];
    (0..object.len())
        .find_map(|i| names.name_at(object, i).map(|len| raw(&object[i..i + len])))
        .or_else(|| self_subject(object, names))
}

/// Words before the label that leave a line about the card's model
/// ("Available open-source", "Fully open source").
fn fragment_lead(t: &[Token], occ: &Occurrence) -> bool {
    let lead: Vec<&str> = t[..occ.start]
        .iter()
        .filter(|x| x.word)
        .map(|x| x.w.as_str())
        .collect();
    let told = |w: &str| {
        matches!(
            w,
            "available" | "released" | "fully" | "completely" | "entirely" | "truly" | "100"
        )
    };
    lead.iter().any(|w| told(w))
        && lead
            .iter()
            .all(|w| told(w) || matches!(*w, "now" | "also" | "and" | "publicly" | "as"))
        && t[..occ.start]
            .iter()
            .all(|x| x.word || matches!(x.w.as_str(), "#" | "%" | "\"" | "["))
}

/// A line that opens with the label as its key ("Open source: …", "Fully
/// open-source: …"): the subject of the clause after the colon, when it is
/// the model ("the weights are …", "Acme-7B is released …", "weights,
/// data and code are public"), not code or data alone.
fn keyed_item(t: &[Token], occ: &Occurrence, names: &Names) -> Option<String> {
    let colon = |x: &Token| !x.word && matches!(x.w.as_str(), ":" | "：");
    // The key may go on after the label with more of what the model is
    // ("Open-source, free, and commercially usable: …") or with what is
    // open ("Open-source base and chat models: …"), up to its colon.
    let key_end = (occ.end..t.len().min(occ.end + 10))
        .take_while(|&k| t[k].word || colon(&t[k]) || matches!(t[k].w.as_str(), "," | "*" | "&"))
        .find(|&k| colon(&t[k]))?;
    let key = &t[occ.end..key_end];
    let key_models = key.iter().any(|x| {
        x.word
            && matches!(
                x.w.as_str(),
                "model" | "models" | "weights" | "checkpoints" | "llms"
            )
    });
    let lead = t[..occ.start].iter().all(|x| {
        !x.word && !matches!(x.w.as_str(), "," | ":" | "(" | ")")
            || matches!(
                x.w.as_str(),
                "fully" | "completely" | "entirely" | "truly" | "100" | "now"
            )
    });
    if !lead {
        return None;
    }
    // A list item's key that says what is open ("Open-source base and
    // chat models: …"), not a title's head ("Open source models: a survey").
    if key_models && (occ.start > 0 || key.iter().filter(|x| x.word).count() >= 2) {
        return Some(IMPLIED.to_owned());
    }
    let after = &t[key_end + 1..];
    let end = after
        .iter()
        .position(|x| {
            x.word
                && !x.joined
                && (COPULAS.contains(&x.w.as_str())
                    || PHRASE_ENDS.contains(&x.w.as_str())
                        && !SELF_DETERMINERS.contains(&x.w.as_str())
                        && !OBJECT_STARTS.contains(&x.w.as_str())
                        && x.w != "and")
                || !x.word && is_boundary(x)
        })
        .unwrap_or(after.len());
    // The clause has a verb: a subject and no more is a heading's list.
    if end == after.len() || end == 0 {
        return None;
    }
    self_subject(&after[..end], names)
}

fn found(label: Label, subject: String, t: &[Token], from: usize, to: usize) -> Option<Found> {
    Some(Found {
        label,
        subject,
        phrase: raw(&t[from..to.min(t.len())]),
    })
}

/// The claim a sentence (plain text, see [`super::text::plain`]) makes about
/// the model, if any.
pub fn detect(sentence: &str, names: &Names) -> Option<Found> {
    let t = tokens(sentence);
    let heading = is_heading(sentence);
    let mut best: Option<Found> = None;
    // A hostile card can repeat the phrase without end: the first few
    // occurrences of a sentence decide.
    for occ in occurrences(&t).into_iter().take(MAX_OCCURRENCES) {
        let Some(f) = classify(&t, &occ, names, heading) else {
            continue;
        };
        let rank = |l: Label| match l {
            Label::OpenSource => 3,
            Label::Implicit => 2,
            _ => 1,
        };
        if best.as_ref().is_none_or(|b| rank(f.label) > rank(b.label)) {
            best = Some(f);
        }
    }
    best
}

/// Whether a plain sentence is a heading, a bold line or a badge (an image
/// whose text is all that is left of it).
fn is_heading(sentence: &str) -> bool {
    let trimmed = sentence.trim();
    trimmed.starts_with('#')
        || trimmed.starts_with("**") && trimmed.trim_end_matches(['.', ':']).ends_with("**")
        || trimmed.starts_with("![")
        || trimmed.starts_with("[![")
}

/// One "open source" in a sentence as the scorer reads it: what the rules
/// make of it, and the facts about it the learned weights are over.
#[derive(Debug, Clone)]
pub struct Reading {
    /// The rules' claim from this occurrence alone, if any.
    pub rule: Option<Found>,
    /// Features by name ("head:model", "gov:copula-self", …).
    pub features: Vec<String>,
    /// Who the claim would be about when the rules found no subject.
    pub subject: String,
    /// The words around the label, quoted when the rules found none.
    pub phrase: String,
    /// Whether it ranks the model among open-source ones (an implicit claim).
    pub ranking: bool,
}

/// Nouns after the label that are a community or a movement, not a thing
/// that is released.
const COMMUNITY_NOUNS: &[&str] = &[
    "community",
    "communities",
    "ecosystem",
    "movement",
    "world",
    "spirit",
    "principles",
    "development",
    "developers",
    "efforts",
    "effort",
    "initiative",
    "initiatives",
    "contributors",
    "research",
    "ai",
    "software",
    "projects",
];

/// Whether `w` compares the model with others or ranks it among them
/// (`comparable`, `among`, `best`, `sota`).
fn compares_or_ranks(w: &str) -> bool {
    COMPARE.contains(&w)
        || [
            "comparable",
            "competitive",
            "like",
            "other",
            "among",
            "best",
            "top",
            "leading",
            "first",
            "sota",
        ]
        .contains(&w)
}

/// Whether a short noun phrase is a name the card does not know: a
/// capitalised word or a word with digits, not a base model's name ("Acme"
/// in "Acme is an open-source LLM" on a card whose repository is named
/// otherwise).
fn proper_name(np: &[Token], names: &Names) -> bool {
    let words: Vec<&Token> = np.iter().filter(|t| t.word).collect();
    let Some(first) = words.first() else {
        return false;
    };
    let named = |t: &Token| {
        t.raw.chars().next().is_some_and(char::is_uppercase)
            || t.w.chars().any(|c| c.is_ascii_digit()) && t.w.chars().any(char::is_alphabetic)
    };
    words.len() <= 5
        && named(first)
        && !matches!(
            first.w.as_str(),
            "the"
                | "it"
                | "this"
                | "that"
                | "these"
                | "those"
                | "ours"
                | "we"
                | "they"
                | "a"
                | "an"
                | "every"
                | "each"
                | "all"
                | "both"
        )
        && !names.names_base(np)
}

/// Whether `w` compares the model with the models the label qualifies.
fn compares_with(w: &str) -> bool {
    COMPARE.contains(&w)
        || [
            "exceeding",
            "rivaling",
            "comparison",
            "comparable",
            "competitive",
            "approaches",
            "like",
            "over",
        ]
        .contains(&w)
}

/// The occurrences of the open-source label in a sentence (plain text),
/// each with the rules' verdict and the features the scorer weighs. Only
/// "open source" and its forms are read; the weaker labels stay with the
/// rules.
pub fn readings(sentence: &str, names: &Names) -> Vec<Reading> {
    let t = tokens(sentence);
    let heading = is_heading(sentence);
    let lower = sentence.to_lowercase();
    let title = lower.trim_start().starts_with("title")
        || lower.contains("title={")
        || lower.contains("title =");
    let mut out = Vec::new();
    for occ in occurrences(&t).into_iter().take(MAX_OCCURRENCES) {
        if occ.kind != Kind::OpenSource {
            continue;
        }
        // The label on what the model was made from is no reading of the
        // model at all: the scorer never weighs it.
        if anothers_label(&t, &occ, names) {
            continue;
        }
        let (head, head_at) = head_after(&t, occ.end, names);
        let walk = walk_back(&t, occ.start, names);
        let rule = classify(&t, &occ, names, heading);
        let mut f: Vec<String> = vec!["bias".into()];
        let mut add = |s: &str| f.push(s.to_owned());
        match &rule {
            Some(r) if r.label == Label::Implicit => add("rule:implicit"),
            Some(_) => add("rule:claim"),
            None => add("rule:none"),
        }
        if heading {
            add("heading");
            if bare_heading(&t, &occ) {
                add("heading:bare");
            }
        }
        if title {
            add("title");
        }
        if walk.negated {
            add("negated");
        }
        let self_before = self_in(&t, occ.start, names);
        let name_after = (occ.end..t.len()).any(|i| names.name_at(&t, i).is_some());
        match &walk.governor {
            Governor::SelfDeterminer(_) => add("gov:self"),
            Governor::Name(..) => add("gov:name"),
            Governor::Copula(v) => {
                if copula_subject(&t, *v, names).is_some() {
                    add("gov:copula-self");
                } else if proper_name(subject_before(&t, *v), names) {
                    add("gov:copula-proper");
                } else {
                    add("gov:copula-other");
                }
            }
            Governor::Apposition(m) => {
                if self_subject(appositive(&t, *m), names).is_some() {
                    add("gov:apposition-self");
                } else if proper_name(appositive(&t, *m), names) {
                    add("gov:apposition-proper");
                } else {
                    add("gov:apposition-other");
                }
            }
            Governor::Release(_) => add("gov:release"),
            Governor::Preposition(p) => match p.as_str() {
                "as" | "among" | "than" | "of" | "with" | "for" | "to" | "in" | "under" => {
                    f.push(format!("gov:prep-{p}"))
                }
                _ => add("gov:prep"),
            },
            Governor::OtherVerb => add("gov:verb"),
            Governor::Start => add("gov:start"),
        }
        let mut add = |s: &str| f.push(s.to_owned());
        let head_w = t.get(head_at).map(|h| h.w.as_str()).unwrap_or("");
        match head {
            Head::Model { name: true } => add("head:name"),
            Head::Model { name: false } => {
                add("head:model");
                if matches!(
                    head_w,
                    "models" | "llms" | "lms" | "plms" | "networks" | "variants" | "versions"
                ) {
                    add("head:model-plural");
                }
            }
            Head::NotModel => add("head:not-model"),
            Head::Other => {
                if COMMUNITY_NOUNS.contains(&head_w) {
                    add("head:community");
                } else if matches!(head_w, "license" | "licence" | "licenses" | "licensed") {
                    add("head:license");
                } else {
                    add("head:other");
                }
            }
            Head::None => add("head:none"),
        }
        match verbal_object(&t, &occ, names) {
            Some(Some(_)) => add("verb:model"),
            Some(None) => add("verb:other"),
            None => {}
        }
        if walk.ranking {
            add("ranking");
        }
        if walk.weak_ranking {
            add("ranking:weak");
        }
        if walk.other {
            add("ranking:other");
        }
        if walk.singular {
            add("singular");
        }
        if walk.plural_det {
            add("plural-det");
        }
        if walk.crossed_and {
            add("crossed-and");
        }
        if self_before.is_some() {
            add("self-before");
        }
        if name_after {
            add("name-after");
        }
        let before: Vec<&str> = t[..occ.start]
            .iter()
            .filter(|t| t.word)
            .map(|t| t.w.as_str())
            .collect();
        if before.iter().any(|w| compares_or_ranks(w)) {
            add("compare-before");
        }
        if before
            .iter()
            .any(|w| matches!(*w, "we" | "our" | "us" | "i" | "my"))
        {
            add("we");
        }
        if before.iter().any(|w| RELEASE_VERBS.contains(w)) {
            add("release-before");
        }
        if names.names_base(&t) {
            add("foreign");
        }
        if before.is_empty() {
            add("first-word");
        }
        // A comparison right before the label, within its clause:
        // "outperforms (most) open-source models", "compared to open-source".
        let near = t[..occ.start]
            .iter()
            .rev()
            .take_while(|t| t.word || t.w == "(" || t.w == ")")
            .take(6)
            .any(|t| compares_with(&t.w));
        if near {
            add("compare-near");
            if !walk.ranking && !walk.other {
                add("compare-plain");
            }
        }
        // "identical to the open-source models": the card's own, named
        // before or by the card.
        if before.last() == Some(&"the")
            && matches!(head, Head::Model { .. })
            && !before.iter().any(|w| compares_or_ranks(w))
        {
            f.push("definite-model".into());
        }
        if peer_noun(&t, head_at) {
            f.push("head:peer".into());
        }
        if t.get(head_at)
            .is_some_and(|h| USE_NOUNS.contains(&h.w.as_str()))
        {
            f.push("head:use".into());
        }
        // "we … the model … open source" anywhere in the sentence.
        let we = t
            .iter()
            .any(|x| matches!(x.w.as_str(), "we" | "our" | "us"));
        let model_word = t.iter().enumerate().any(|(k, x)| {
            k != head_at
                && !x.joined
                && matches!(
                    x.w.as_str(),
                    "model" | "models" | "weights" | "checkpoints" | "checkpoint"
                )
        });
        if we && model_word {
            f.push("we-and-model".into());
        }
        if let Some(p) = before.last() {
            f.push(format!("prev={p}"));
        }
        if !head_w.is_empty() && head != Head::None {
            f.push(format!("head={head_w}"));
        }
        let subject = rule
            .as_ref()
            .map(|r| r.subject.clone())
            .or(self_before)
            .unwrap_or_else(|| IMPLIED.to_owned());
        let phrase = rule
            .as_ref()
            .map(|r| r.phrase.clone())
            .unwrap_or_else(|| raw(&t[occ.start.saturating_sub(2)..(occ.end + 2).min(t.len())]));
        let ranking = walk.ranking || rule.as_ref().is_some_and(|r| r.label == Label::Implicit);
        // The same facts again when the rules found nothing, so that the
        // weights can tell a missed claim from a mention.
        if rule.is_none() {
            let plain: Vec<String> = f
                .iter()
                .filter(|x| !x.contains('=') && !x.starts_with("rule:"))
                .map(|x| format!("none|{x}"))
                .collect();
            f.extend(plain);
        }
        out.push(Reading {
            rule,
            features: f,
            subject,
            phrase,
            ranking,
        });
    }
    out
}

/// Whether the label is on what the model was made from: the models a
/// merge takes in ("Merging the top Mistral-based open-source models", "a
/// ties merge between various open-source models"), or "an open-source base
/// model" on the card of a model that is not a base itself.
fn merged_or_base(t: &[Token], occ: &Occurrence, names: &Names) -> bool {
    let merged = t[occ.start.saturating_sub(8)..occ.start]
        .iter()
        .rev()
        .take_while(|x| x.word || matches!(x.w.as_str(), "-" | ","))
        .any(|x| {
            matches!(
                x.w.as_str(),
                "merge" | "merges" | "merging" | "merged" | "blend" | "blending" | "mixing"
            )
        });
    let w = |k: usize| t.get(k).map_or("", |x| x.w.as_str());
    // "the currently strongest open-source base model" ranks the model
    // among base models: it is one.
    let ranked = t[occ.start.saturating_sub(3)..occ.start]
        .iter()
        .any(|x| RANKING.contains(&x.w.as_str()) || SUPERLATIVES.contains(&x.w.as_str()));
    let base = w(occ.end) == "base"
        && matches!(
            w(occ.end + 1),
            "model" | "models" | "llm" | "llms" | "checkpoint"
        )
        && !names.is_kind("base")
        && !ranked
        // "Quokka-13B-Base is an open-source base model": a subject says
        // which base.
        && first_copula(t, occ.start).is_none();
    merged || base
}

/// Whether the label stands after another maker's possessive: "Meta's
/// open-source Llama 2" on a card that is not Meta's, "Google's open-source
/// T5". A possessive of the model's own names or of "its", "our" is not
/// another's.
fn anothers(t: &[Token], start: usize, names: &Names) -> bool {
    let [.., owner, s] = &t[..start] else {
        return false;
    };
    s.w == "s"
        && s.joined
        && owner.word
        && owner.raw.chars().next().is_some_and(char::is_uppercase)
        && !matches!(owner.w.as_str(), "it" | "its")
        && names.name_ending(&t[..start - 1], start - 2).is_none()
        && !names.is_owner(&owner.w)
}

/// License names that stand before "open-source license" in a card's list
/// of what the model is ("An MIT open-source license").
const LICENSE_WORDS: &[&str] = &[
    "mit", "apache", "bsd", "gpl", "agpl", "lgpl", "mpl", "isc", "2", "3", "0", "v2", "v3",
];

/// A line of the card's own list whose whole clause is the model's license
/// called open source, with no other subject: "- **Pure Open**: An MIT
/// open-source license — no regional limits", "An Apache-2.0 open-source
/// license". What else could it license, on the model's card?
fn license_item(t: &[Token], occ: &Occurrence, head_at: usize) -> Option<Found> {
    if head_at != occ.end
        || !t
            .get(head_at)
            .is_some_and(|h| matches!(h.w.as_str(), "license" | "licence"))
    {
        return None;
    }
    // The clause: after a list item's key and its colon, or the line.
    let start = t[..occ.start]
        .iter()
        .rposition(|x| !x.word && matches!(x.w.as_str(), ":" | "："))
        .map_or(0, |k| k + 1);
    let lead: Vec<&Token> = t[start..occ.start].iter().filter(|x| x.word).collect();
    let det = lead
        .first()
        .is_some_and(|x| matches!(x.w.as_str(), "a" | "an"));
    let licensed = lead.len() >= 2
        && lead[1..]
            .iter()
            .all(|x| LICENSE_WORDS.contains(&x.w.as_str()));
    let marks_only = t[start..occ.start]
        .iter()
        .all(|x| x.word || matches!(x.w.as_str(), "-" | "*" | "." | "\""));
    (det && licensed && marks_only).then(|| Found {
        label: Label::OpenSource,
        subject: "the model's license".to_owned(),
        phrase: raw(&t[start..(head_at + 1).min(t.len())]),
    })
}

/// Superlatives that rank a model within a scope ("the largest model in
/// the open-source community").
const SUPERLATIVES: &[&str] = &[
    "most",
    "largest",
    "biggest",
    "highest",
    "best",
    "strongest",
    "fastest",
    "smallest",
    "longest",
    "greatest",
    "first",
    "top",
    "leading",
    "only",
];

/// A ranking whose scope is the open-source world: "CPM-Bee is the largest
/// model in the open-source community", "it is the model with the most
/// training data in the open-source 13B size", "making it one of the models
/// with the highest volume of data within the open-source community". The
/// superlative stands in the clause before the scope's preposition, and
/// the clause's subject is the model (its name, "it", "this model").
fn scope_ranking(t: &[Token], walk: &Walk, head_at: usize, names: &Names) -> Option<Found> {
    let Governor::Preposition(p) = &walk.governor else {
        return None;
    };
    if !matches!(p.as_str(), "in" | "within" | "among" | "across") || walk.negated {
        return None;
    }
    let clause_start = t[..walk.prep_at]
        .iter()
        .rposition(|x| !x.word && matches!(x.w.as_str(), ";" | ":" | "(" | "："))
        .map_or(0, |k| k + 1);
    let clause = &t[clause_start..walk.prep_at];
    let sup = clause
        .iter()
        .rposition(|x| x.word && SUPERLATIVES.contains(&x.w.as_str()))?;
    // The superlative's own noun phrase is the model ("the largest model",
    // "one of the models", "the model with the most data").
    let before_sup = &clause[..sup];
    let subject = (0..before_sup.len())
        .rev()
        .find_map(|i| {
            names
                .name_at(before_sup, i)
                .map(|len| raw(&before_sup[i..i + len]))
        })
        .or_else(|| {
            // "our 70B model achieved …, marking the highest …" on the 8B
            // card: the maker's other model.
            let another = (0..before_sup.len()).any(|i| {
                SELF_DETERMINERS.contains(&before_sup[i].w.as_str())
                    && names_another(&before_sup[i..before_sup.len().min(i + 4)], names)
            });
            (!another
                && before_sup
                    .iter()
                    .any(|x| x.word && matches!(x.w.as_str(), "it" | "we" | "our" | "this")))
            .then(|| IMPLIED.to_owned())
        })?;
    found(Label::Implicit, subject, t, clause_start + sup, head_at + 1)
}

/// Whether the label's noun is of a base model the card names ("the open
/// source version of GPT-3" on a card built on GPT-3): the label is the
/// base's, whoever the sentence goes on to speak of.
fn of_base(t: &[Token], start: usize, head: Head, head_at: usize, names: &Names) -> bool {
    // "our open-source version of X", "an open-source fine-tune of X": the
    // card's own work on the base.
    let own = start
        .checked_sub(1)
        .is_some_and(|k| SELF_DETERMINERS.contains(&t[k].w.as_str()));
    let derived = t
        .get(head_at)
        .is_some_and(|h| matches!(h.w.as_str(), "tune" | "tunes" | "finetune" | "finetunes"));
    matches!(head, Head::Model { .. })
        && !own
        && !derived
        && t.get(head_at + 1).is_some_and(|o| o.w == "of")
        && (head_at + 2..t.len().min(head_at + 4))
            .any(|i| (1..=4).any(|l| i + l <= t.len() && names.is_foreign(&t[i..i + l])))
}

/// The model just before the label, set apart from it by a dash, a colon
/// or a bracket, or standing right before a label that ends its phrase
/// (and an adverb of degree between: "Acme-7B — 100% open source", "Model
/// weights: open source").
fn labelled_name(t: &[Token], occ: &Occurrence, names: &Names) -> Option<String> {
    let mut k = occ.start;
    let mut marks = 0;
    while k > 0 {
        let p = &t[k - 1];
        if !p.word && matches!(p.w.as_str(), "(" | ":") {
            marks += 1;
        } else if !(p.word && matches!(p.w.as_str(), "100" | "fully" | "completely" | "now")) {
            break;
        }
        k -= 1;
    }
    let ends_phrase = t.get(occ.end).is_none_or(|n| !n.word);
    if k == 0 || marks == 0 && !ends_phrase {
        return None;
    }
    if let Some(len) = names.name_ending(t, k - 1) {
        return Some(raw(&t[k - len..k]));
    }
    (marks > 0 && t[..k].iter().all(|x| x.word))
        .then(|| self_subject(&t[..k], names))
        .flatten()
}

/// Words before a model noun that make it the model another is built on:
/// "the open-source base model", "the original open-source checkpoint".
const BASE_WORDS: &[&str] = &[
    "base",
    "original",
    "parent",
    "foundation",
    "underlying",
    "upstream",
    "teacher",
];

/// Whether the model noun at `head_at` is the model another is built on.
fn based_on(t: &[Token], head_at: usize) -> bool {
    head_at > 0 && BASE_WORDS.contains(&t[head_at - 1].w.as_str()) && !t[head_at - 1].joined
}

/// "the open-source model(s)" in a sentence that names no other model and
/// compares nothing: the card's own.
fn definite_own(t: &[Token], occ: &Occurrence, head: Head, head_at: usize, names: &Names) -> bool {
    let foreign = names.names_base(t);
    let other_name = t.iter().enumerate().any(|(i, x)| {
        i != 0
            && x.word
            && !x.joined
            && x.raw.chars().next().is_some_and(char::is_uppercase)
            && names.name_at(t, i).is_none()
            && !matches!(
                x.w.as_str(),
                "i" | "ai" | "api" | "apis" | "gpu" | "gpus" | "cpu"
            )
    });
    occ.start > 0
        && t[occ.start - 1].w == "the"
        && head == (Head::Model { name: false })
        && !based_on(t, head_at)
        && t.get(head_at + 1)
            .is_none_or(|n| !n.word || n.w == "are" || n.w == "is")
        && !foreign
        && !other_name
        && !t.iter().any(|x| compares_or_ranks(&x.w))
}

/// Words that tell a card's own versions apart: "the base and chat models".
const VERSION_WORDS: &[&str] = &[
    "base",
    "chat",
    "instruct",
    "instruction",
    "pretrained",
    "aligned",
    "sft",
    "rlhf",
    "dpo",
];

/// Nouns for the work and the ideals of whoever makes a model: "our
/// open-source efforts", "embracing open-source principles".
const ETHOS_NOUNS: &[&str] = &[
    "effort",
    "efforts",
    "work",
    "journey",
    "mission",
    "contributions",
    "endeavors",
    "endeavours",
    "spirit",
    "principles",
    "values",
    "ethos",
    "philosophy",
    "initiative",
    "initiatives",
    "program",
    "programme",
];

/// "in the spirit of open source".
fn in_the_spirit_of(t: &[Token], start: usize) -> bool {
    start >= 2 && t[start - 2].w == "spirit" && t[start - 1].w == "of"
}

/// Words that rank a model when they stand before "of open-source models".
fn ranked_before(t: &[Token], of: usize) -> bool {
    let from = of.saturating_sub(4);
    t[from..of].iter().enumerate().any(|(k, x)| {
        // "built on top of the open-source X" places, it does not rank.
        let on_top = x.w == "top" && (from + k).checked_sub(1).is_some_and(|p| t[p].w == "on");
        // "#1 of all open-source models", "No. 1 of …": a first place.
        let first_place = x.w == "1"
            && (from + k)
                .checked_sub(1)
                .is_some_and(|p| matches!(t[p].w.as_str(), "#" | "no" | "number"));
        x.word
            && !on_top
            && (first_place
                || matches!(
                    x.w.as_str(),
                    "best"
                        | "strongest"
                        | "top"
                        | "tops"
                        | "topping"
                        | "leading"
                        | "leads"
                        | "highest"
                        | "sota"
                        | "first"
                ))
    })
}

/// Whether a comparison ("compare … with", "against", "versus") stands
/// in the few words before the label.
fn compared_with(t: &[Token], start: usize) -> bool {
    t[start.saturating_sub(8)..start].iter().any(|x| {
        matches!(
            x.w.as_str(),
            "compare" | "compared" | "comparing" | "comparison" | "versus" | "vs" | "against"
        )
    })
}

/// The words among the `n` tokens before `at`.
fn words_before(t: &[Token], at: usize, n: usize) -> Vec<&str> {
    t[at.saturating_sub(n)..at]
        .iter()
        .filter(|x| x.word)
        .map(|x| x.w.as_str())
        .collect()
}

/// Whether a verb of holding to ideals ("embracing", "aligning with")
/// stands just before the label.
fn embraced(t: &[Token], start: usize) -> bool {
    let before = words_before(t, start, 3);
    before.iter().any(|w| {
        matches!(
            *w,
            "embrace" | "embraces" | "embracing" | "embraced" | "embodies" | "embodying"
        )
    }) || before.ends_with(&["aligning", "with"])
        || before.ends_with(&["aligned", "with"])
        || before.ends_with(&["aligns", "with"])
}

/// The rules' claim from one occurrence of a label, for every path (card
/// sentences through the scorer, crate descriptions through [`detect`]):
/// none when the label is on what the model was made from
/// ([`anothers_label`]); else the phrase rules, then a superlative over the
/// open-source world ([`scope_ranking`]) and a list item that is the
/// model's license ([`license_item`]).
fn classify(t: &[Token], occ: &Occurrence, names: &Names, heading: bool) -> Option<Found> {
    if anothers_label(t, occ, names) {
        return None;
    }
    phrase_rules(t, occ, names, heading).or_else(|| {
        if occ.kind != Kind::OpenSource {
            return None;
        }
        let (_, head_at) = head_after(t, occ.end, names);
        scope_ranking(t, &walk_back(t, occ.start, names), head_at, names)
            .or_else(|| license_item(t, occ, head_at))
            .or_else(|| post_modifier(t, occ, names))
            .or_else(|| none_other(t, occ, names))
            .or_else(|| fronted_predicate(t, occ, names))
            .or_else(|| class_ranking(t, occ, names))
            .or_else(|| opening_participle(t, occ))
            .or_else(|| gerund_of(t, occ, names))
    })
}

/// "the training and open-sourcing of this model": the act of releasing
/// named as a noun, said of what follows its "of".
fn gerund_of(t: &[Token], occ: &Occurrence, names: &Names) -> Option<Found> {
    if !t[occ.end - 1].w.ends_with("sourcing") || t.get(occ.end).is_none_or(|x| x.w != "of") {
        return None;
    }
    let from = occ.end + 1;
    let end = (from..t.len())
        .find(|&k| {
            is_boundary(&t[k])
                || t[k].w == ","
                || t[k].word && (clause_verb(&t[k].w) || PREPOSITIONS.contains(&t[k].w.as_str()))
        })
        .unwrap_or(t.len());
    let subject = model_object(t, from..end, names)?;
    found(Label::OpenSource, subject, t, occ.start, end)
}

/// The release participle the label at `start` is the predicate of:
/// right before it ("released open source") or before its "as" ("released
/// as open source").
fn release_participle(t: &[Token], start: usize) -> Option<usize> {
    let as_before = start >= 1 && t[start - 1].w == "as";
    let p = start.checked_sub(if as_before { 2 } else { 1 })?;
    released(&t[p].w).then_some(p)
}

/// "- **Fully open**: Open-sourced under the MIT license", "Released as
/// open source under MIT": a fragment that opens with the label's
/// participle, after at most a lead and its colon, says it of the card's
/// model. A lead that names code or data says it of them.
fn opening_participle(t: &[Token], occ: &Occurrence) -> Option<Found> {
    if occ.kind != Kind::OpenSource {
        return None;
    }
    let mut k = occ.start;
    if !t[occ.end - 1].w.ends_with("sourced") {
        // "released as open source".
        k = release_participle(t, k).filter(|&p| p + 2 == k)?;
    }
    while k > 0 && t[k - 1].word && predicate_adverb(&t[k - 1].w) {
        k -= 1;
    }
    let lead_end = t[..k].iter().rposition(|x| x.w == ":").map_or(0, |c| c + 1);
    let lead: Vec<&str> = t[..lead_end]
        .iter()
        .filter(|x| x.word)
        .map(|x| x.w.as_str())
        .collect();
    if t[lead_end..k].iter().any(|x| x.word) || lead.iter().any(|w| NOT_MODEL.contains(w)) {
        return None;
    }
    // What follows is a circumstance ("under MIT", "on GitHub") or nothing,
    // not an object ("Open-sourced the training code").
    if t.get(occ.end).is_some_and(|n| {
        n.word
            && !matches!(
                n.w.as_str(),
                "under" | "with" | "on" | "at" | "in" | "since" | "for"
            )
    }) {
        return None;
    }
    found(Label::OpenSource, IMPLIED.to_owned(), t, k, occ.end)
}

/// Words that rank a model first or high, wherever they stand in the line.
const RANK_WORDS: &[&str] = &[
    "best",
    "highest",
    "strongest",
    "top",
    "first",
    "leading",
    "sota",
    "art",
    "largest",
    "biggest",
    "greatest",
    "performers",
    "ranks",
    "ranked",
];

/// How the label's noun phrase is marked as the class the model is set in.
#[derive(Debug, Clone, Copy, PartialEq)]
enum ClassMark {
    /// "other", "previous", "earlier": the model is one more of them.
    Other,
    /// "any", "all", "every": a ranking over the whole class.
    Whole,
    /// "among", "across", "within", "against", "unlike", "relative to",
    /// "compared with", "vs", "in" (the open-source world).
    Place,
}

/// The label on the class a line ranks or sets the model in, wherever the
/// ranking stands: "Among the open source versions on the market, ours is
/// the strongest", "this is the highest score achieved by any open-source
/// 8B LLM", "Best Overall Performance Among Open-Source 7B Models",
/// "Unlike other open-source models …, Quokka adopts …". The class is
/// open-source models (a model noun, a peer noun, the open-source world);
/// it is marked as the model's by "other", by "any" or "all" under a
/// ranking, or by a preposition that places the model or a ranking in it.
/// Its member is the model: named, self-referred to ("ours", "it",
/// "this"), or the subject of a line that is a fragment.
fn class_ranking(t: &[Token], occ: &Occurrence, names: &Names) -> Option<Found> {
    if occ.kind != Kind::OpenSource || names.names_base(t) || opening_name(t, names).is_some() {
        return None;
    }
    let walk = walk_back(t, occ.start, names);
    if walk.negated {
        return None;
    }
    let (head, head_at) = head_after(t, occ.end, names);
    let head_w = t.get(head_at).map_or("", |h| h.w.as_str());
    let world = matches!(
        head_w,
        "community" | "communities" | "ecosystem" | "world" | "space" | "landscape" | "market"
    );
    let class = matches!(head, Head::Model { .. })
        || peer_noun(t, head_at)
        || world
        || matches!(head_w, "releases" | "versions");
    // The class is the label's own noun, not one past a coordination
    // ("previous open-source efforts and pre-trained models"); a
    // condition ("if you have other open-sourced projects") sets no one in
    // it.
    if !class
        || t[occ.end..head_at]
            .iter()
            .any(|x| x.w == "and" || x.w == "&")
        || t[..occ.start].iter().any(|x| x.w == "if")
    {
        return None;
    }
    let np_end = head_at + 1;
    let peer_head = peer_noun(t, head_at);
    // "similarly sized", "of similar size": the model's peers.
    let peer_word = |w: &str| {
        matches!(
            w,
            "comparable" | "comparably" | "similar" | "similarly" | "sized" | "size"
        )
    };
    // Back from the label over the phrase's own modifiers ("the very
    // best", "similarly sized", "8B") to what marks it.
    let mut j = occ.start;
    let mut mark = None;
    let mut peer = peer_head;
    let mut ranked_in_np = false;
    let mut steps = 0;
    while j > 0 && steps < 8 {
        j -= 1;
        steps += 1;
        let x = &t[j];
        if !x.word {
            break;
        }
        let w = x.w.as_str();
        match w {
            "other" | "previous" | "earlier" => {
                mark = Some((ClassMark::Other, j));
                break;
            }
            "any" | "all" | "every" => {
                mark = Some((ClassMark::Whole, j));
                break;
            }
            "among" | "across" | "within" | "against" | "unlike" | "vs" | "versus" => {
                mark = Some((ClassMark::Place, j));
                break;
            }
            "in" if world => {
                mark = Some((ClassMark::Place, j));
                break;
            }
            "to" | "with"
                if j > 0
                    && matches!(t[j - 1].w.as_str(), "relative" | "compared" | "comparison") =>
            {
                mark = Some((ClassMark::Place, j - 1));
                break;
            }
            _ if peer_word(w) => peer = true,
            _ if RANK_WORDS.contains(&w) => ranked_in_np = true,
            // "the Chinese open-source model community".
            _ if x.joined
                || x.raw.starts_with(char::is_uppercase) && names.name_at(t, j).is_none()
                || matches!(w, "the" | "very" | "most" | "truly" | "currently" | "of")
                || w.ends_with("ly")
                || w.chars().any(|c| c.is_ascii_digit())
                || adjective_at(t, j)
                || descriptive(w) => {}
            _ => break,
        }
    }
    let (mark, mark_at) = mark?;
    // "open-source models of similar size".
    peer |= t[np_end..t.len().min(np_end + 4)]
        .iter()
        .any(|x| peer_word(&x.w));
    let before = &t[..mark_at];
    // "Like other open-source models, it …" says what all of them do.
    if before
        .iter()
        .rev()
        .find(|x| x.word)
        .is_some_and(|x| matches!(x.w.as_str(), "like" | "many" | "most" | "some"))
    {
        return None;
    }
    let ranked_elsewhere = t[..mark_at]
        .iter()
        .chain(&t[np_end..])
        .any(|x| RANK_WORDS.contains(&x.w.as_str()))
        || t.windows(2).any(|w| w[0].w == "#" && w[1].w == "1")
        || t.windows(2).any(|w| w[0].w == "no" && w[1].w == "other")
        || t.windows(2).any(|w| w[0].w == "one" && w[1].w == "of");
    let model_class = matches!(head, Head::Model { .. }) || peer_head;
    let ranked = match mark {
        // "previous open-source efforts" are others'.
        ClassMark::Other => model_class,
        ClassMark::Place => peer || ranked_elsewhere || ranked_in_np && t[mark_at].w == "among",
        // "better than any open-source model" compares; "the highest
        // score achieved by any open-source LLM" ranks.
        ClassMark::Whole => {
            ranked_elsewhere
                && !before
                    .iter()
                    .rev()
                    .take(3)
                    .any(|x| compares_with(&x.w) || x.w == "better")
        }
    };
    if !ranked {
        return None;
    }
    // The member: the model or its maker's words for it, "it", "this" or
    // "ours" as a clause's subject, or a fragment's implied subject.
    // "this" and "that" open their clause ("On X, this is the highest
    // score"); else "that" is a relative pronoun.
    let pronoun = t.windows(2).enumerate().find_map(|(i, w)| {
        let opens = t[..i]
            .iter()
            .rev()
            .find(|x| x.word || x.w == "," || x.w == ":")
            .is_none_or(|x| !x.word);
        ((matches!(w[0].w.as_str(), "it" | "ours")
            || matches!(w[0].w.as_str(), "this" | "that") && opens)
            && !w[0].joined
            && w[1].word
            && (COPULAS.contains(&w[1].w.as_str())
                || w[1].w.ends_with('s')
                || w[1].w.ends_with("ed")
                || w[1].w == "currently"))
            .then(|| w[0].raw.clone())
    });
    // A fragment: the line opens with its ranking or its result and the
    // class follows ("Best Overall Performance Among Open-Source 7B
    // Models", "Truly among the best …", "Strong results relative to
    // comparably sized open-source models"), with no clause of its own.
    let fragment = || {
        // The peers' name ("GPT-4 alternatives") may stand in it.
        let lead: Vec<&str> = t[..mark_at]
            .iter()
            .filter(|x| {
                x.word
                    && !x.joined
                    && !PEER_NOUNS.contains(&x.w.as_str())
                    && !x
                        .raw
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            })
            .map(|x| x.w.as_str())
            .collect();
        let lead_ok = !lead.is_empty()
            && lead.iter().all(|w| {
                RANK_WORDS.contains(w)
                    || w.ends_with("ly")
                    || matches!(
                        *w,
                        "one"
                            | "of"
                            | "the"
                            | "very"
                            | "overall"
                            | "performance"
                            | "results"
                            | "result"
                            | "strong"
                            | "score"
                            | "scores"
                    )
            });
        let ranks = lead.iter().any(|w| RANK_WORDS.contains(w) || *w == "one")
            || peer && mark == ClassMark::Place;
        (lead_ok && ranks && !t.iter().any(|x| COPULAS.contains(&x.w.as_str())))
            .then(|| IMPLIED.to_owned())
    };
    // Outside the class's own words ("other open source 7B math LLMs" on
    // a math model's card names the class, not the model).
    let tail = &t[np_end..];
    let subject = self_in(t, mark_at, names)
        .or_else(|| self_in(tail, tail.len(), names))
        .or_else(|| result_subject(t, mark_at, names))
        .or(pronoun)
        .or_else(fragment)?;
    found(Label::Implicit, subject, t, mark_at, np_end)
}

/// A sentence that opens with what the model is, the label among it,
/// then names the model after a comma: "Free to use and 100% open source,
/// Quokka runs on a laptop", "Open source and compact at 2 billion
/// parameters, Quokka-2B …". The opening phrase has no verb of its own.
fn fronted_predicate(t: &[Token], occ: &Occurrence, names: &Names) -> Option<Found> {
    if let Some(n) = t.get(occ.end).filter(|n| n.word)
        && !matches!(
            n.w.as_str(),
            "and" | "or" | "at" | "with" | "for" | "under" | "since"
        )
    {
        return None;
    }
    let comma = (occ.end..t.len().min(occ.end + 14)).find(|&k| t[k].w == ",")?;
    let opening: Vec<&Token> = t[..comma].iter().filter(|x| x.word).collect();
    // "Trained with Acme and released as open source, this model …": a
    // participle phrase whose predicate is the label says it of the
    // subject that follows, as a verbless one does.
    let label_predicate = release_participle(t, occ.start)
        .is_some_and(|p| p == 0 || matches!(t[p - 1].w.as_str(), "and" | "-" | "*" | ">"));
    let verbless = !opening.iter().any(|x| {
        let w = x.w.as_str();
        COPULAS.contains(&w)
            || NEGATIONS.contains(&w)
            || matches!(
                w,
                "we" | "i" | "they" | "it" | "our" | "being" | "if" | "when" | "while"
            )
            || w.ends_with("ed") && w != "sourced" && !x.joined && !label_predicate
    });
    // A link's brackets ("with the [Acme Group]") do not end the phrase.
    let ends = |x: &Token| is_boundary(x) && x.w != "[" && x.w != "]";
    if !verbless || opening.len() > 16 || t[..comma].iter().any(ends) {
        return None;
    }
    let after = &t[comma + 1..t.len().min(comma + 7)];
    let subject = (0..after.len().min(3))
        .find_map(|i| names.name_at(after, i).map(|len| raw(&after[i..i + len])))
        .or_else(|| {
            // The subject ends at a mark or its verb ("this model is …").
            let end = after
                .iter()
                .position(|x| !x.word || COPULAS.contains(&x.w.as_str()))
                .unwrap_or(after.len());
            self_subject(&after[..end], names)
        })?;
    found(Label::OpenSource, subject, t, 0, occ.end)
}

/// "No other open-source 70B LLM scores higher", "No similarly sized open
/// source model outperforms Quokka": a ranking said as a negation, which
/// counts the model among the open-source models it leads. The model is
/// the one named or pointed to after the comparison ("it", "this one"),
/// or the card's when nothing else is named.
fn none_other(t: &[Token], occ: &Occurrence, names: &Names) -> Option<Found> {
    let before: Vec<usize> = (0..occ.start).filter(|&k| t[k].word).collect();
    let no = before.iter().rposition(|&k| t[k].w == "no")?;
    // Only bullets and marks before "no", and only peer words between.
    if no != 0 {
        return None;
    }
    let peers = &before[1..];
    if !peers.iter().all(|&k| {
        matches!(
            t[k].w.as_str(),
            "other"
                | "similarly"
                | "similar"
                | "sized"
                | "size"
                | "comparable"
                | "comparably"
                | "existing"
                | "currently"
        ) || is_unit_size(&t[k].w)
    }) {
        return None;
    }
    let rest = &t[occ.end..];
    let clause_end = rest
        .iter()
        .position(|x| !x.word && matches!(x.w.as_str(), "." | ";" | ":" | "|" | "!"))
        .unwrap_or(rest.len());
    let clause = &rest[..clause_end];
    let compares = clause.iter().enumerate().any(|(i, x)| {
        compares_with(&x.w)
            || matches!(
                x.w.as_str(),
                "higher" | "better" | "beats" | "beat" | "matches" | "match" | "rivals" | "exceeds"
            )
            || x.w == "as"
                && clause
                    .get(i + 1)
                    .is_some_and(|n| matches!(n.w.as_str(), "much" | "many" | "good" | "well"))
    });
    if !compares {
        return None;
    }
    let named = (0..clause.len())
        .find_map(|i| names.name_at(clause, i).map(|len| raw(&clause[i..i + len])));
    let pointed = clause.iter().enumerate().find_map(|(i, x)| {
        let w = x.w.as_str();
        (w == "it"
            || w == "ours"
            || w == "this"
                && clause
                    .get(i + 1)
                    .is_some_and(|n| matches!(n.w.as_str(), "one" | "model")))
        .then(|| x.raw.clone())
    });
    // "No other open-source model beats Wombat": the object of the
    // comparison is another's model.
    let other_named = clause.windows(2).any(|w| {
        compares_with(&w[0].w)
            && w[1].word
            && w[1].raw.chars().next().is_some_and(char::is_uppercase)
    });
    let subject = named
        .or(pointed)
        .or_else(|| (!other_named).then(|| IMPLIED.to_owned()))?;
    found(Label::Implicit, subject, t, 0, occ.end)
}

/// The participles that release something "as open source": the release
/// verbs' and "made", "distributed", "licensed".
/// "[6] OpenCLIP — an open-source reimplementation of CLIP": the
/// description right after a product's name (its dash is no token) is of
/// that name, another model than the card's.
fn described_other(t: &[Token], occ: &Occurrence, names: &Names) -> bool {
    let Some(det) = occ
        .start
        .checked_sub(1)
        .filter(|&d| matches!(t[d].w.as_str(), "a" | "an"))
    else {
        return false;
    };
    let Some(p) = det.checked_sub(1) else {
        return false;
    };
    let x = &t[p];
    x.word
        && x.raw
            .chars()
            .skip(1)
            .any(|c| c.is_uppercase() || c.is_ascii_digit())
        && names.name_ending(t, p).is_none()
        && !names.is_owner(&x.w)
}

/// Whether "by <agent>" at `at` names another maker than the card's
/// ("open-sourced by the 01-ai team" on a fine-tune of Yi).
fn by_another(t: &[Token], at: usize, names: &Names) -> bool {
    if t.get(at).is_none_or(|x| !x.word || x.w != "by") {
        return false;
    }
    let agent: Vec<&Token> = t[at + 1..]
        .iter()
        .take_while(|x| x.word)
        .filter(|x| !matches!(x.w.as_str(), "the" | "team" | "us"))
        .collect();
    !agent.is_empty() && !agent.iter().any(|x| names.is_owner(&x.w))
}

fn released(w: &str) -> bool {
    RELEASE_VERBS.contains(&w) && w.ends_with("ed")
        || matches!(w, "made" | "distributed" | "licensed")
}

/// An adverb inside a predicate ("fully", "hereby", "publicly", "here",
/// "now"): no part of the noun phrase before it.
fn predicate_adverb(w: &str) -> bool {
    matches!(
        w,
        "fully"
            | "completely"
            | "entirely"
            | "100"
            | "publicly"
            | "openly"
            | "now"
            | "also"
            | "just"
            | "recently"
            | "officially"
            | "finally"
            | "hereby"
            | "here"
            | "today"
            | "already"
            | "freely"
            | "ever"
    )
}

/// Words that may follow a label used after its noun ("…, released as
/// open source for research", "a model that we open-sourced in 2024"): a
/// phrase's or a clause's start, not a noun the label qualifies.
const AFTER_PREDICATE: &[&str] = &[
    "for", "under", "with", "by", "and", "in", "on", "at", "to", "together", "since", "last",
    "today", "now", "that", "which", "as", "so", "too", "here", "recently", "publicly",
];

/// The label after the noun phrase it is said of, the analysis every
/// post-modifying form goes through: "Quokka-7B, a multimodal LLM released
/// as open source, is …", "a chatbot, 100% open sourced", "an LLM series
/// that we have open-sourced", "the base and chat models have been
/// open-sourced by Acme". The noun phrase is then resolved as any subject
/// is: the model's name or its own words, an appositive to its name, the
/// predicate of its name, or a fragment's description of the card's model.
fn post_modifier(t: &[Token], occ: &Occurrence, names: &Names) -> Option<Found> {
    let word = |k: usize| t.get(k).filter(|x| x.word).map(|x| x.w.as_str());
    // "Quokka, which we release as an open-sourced MoE model": the label
    // on the model noun that is the release's role reads as "released as
    // open source".
    let role = occ.start >= 2
        && matches!(word(occ.start - 1), Some("a" | "an"))
        && word(occ.start - 2) == Some("as")
        && matches!(head_after(t, occ.end, names).0, Head::Model { .. });
    if let Some(n) = t.get(occ.end).filter(|n| n.word)
        && !AFTER_PREDICATE.contains(&n.w.as_str())
        && !role
    {
        return None;
    }
    if t[..occ.start]
        .iter()
        .any(|x| NEGATIONS.contains(&x.w.as_str()) || x.w == "if" || x.w == "will")
    {
        return None;
    }
    // "The Yi series models, open-sourced by the 01-ai team" on another
    // maker's fine-tune: someone else's release.
    if by_another(t, occ.end, names) {
        return None;
    }
    let last = t[occ.end - 1].w.as_str();
    let participle = last.ends_with("sourced");
    // The label as a verb in the present: "which we open-source", "that we
    // are open-sourcing".
    let present = matches!(last, "source" | "opensource" | "sourcing" | "opensourcing");
    // Where the noun phrase ends: before the predicate's own words, read
    // back from the label: adverbs ("fully", "hereby", "100%"), a release
    // participle and its "as" ("released here as"), auxiliaries and the
    // copula ("have been", "is"), the agent of a relative clause ("we",
    // "by us"), and the relative pronoun.
    let mut k = if role { occ.start - 1 } else { occ.start };
    while k > 0 && word(k - 1).is_some_and(predicate_adverb) {
        k -= 1;
    }
    if k > 0 && t[k - 1].w == "%" {
        k -= 1;
        while k > 0 && word(k - 1).is_some_and(|w| w.chars().all(|c| c.is_ascii_digit())) {
            k -= 1;
        }
    }
    let mut e = k;
    // "released (here) as": the participle the label is the role of.
    let mut release = false;
    if word(e.wrapping_sub(1)) == Some("as") {
        let mut v = e - 1;
        while v > 0 && word(v - 1).is_some_and(predicate_adverb) {
            v -= 1;
        }
        // "released by us as open source".
        if v >= 3
            && word(v - 2) == Some("by")
            && word(v - 1).is_some_and(|w| matches!(w, "us" | "them") || names.is_owner(w))
        {
            v -= 2;
        }
        // "released as", and "which we release as".
        let agent_before = v >= 2 && matches!(word(v - 2), Some("we" | "they"));
        if v == 0
            || !word(v - 1)
                .is_some_and(|w| released(w) || agent_before && RELEASE_VERBS.contains(&w))
        {
            return None;
        }
        release = true;
        e = v - 1;
    }
    // "released open-source", "made open source".
    if !release && e > 0 && word(e - 1).is_some_and(released) {
        release = true;
        e -= 1;
    }
    let (mut agent, mut copula, mut aux) = (false, false, false);
    while e > 0 {
        match word(e - 1) {
            Some("we" | "they") if !agent => agent = true,
            Some("been" | "be" | "being" | "is" | "are" | "was" | "were") => copula = true,
            Some("have" | "has" | "had") => aux = true,
            Some(w) if predicate_adverb(w) => {}
            _ => break,
        }
        e -= 1;
    }
    // "a model fine-tuned on X and released as open source": the release
    // is said of what the participle it is coordinated with is said of.
    if release && !agent && !copula && !aux && e > 1 && word(e - 1) == Some("and") {
        let participle = (e.saturating_sub(12)..e - 1)
            .rev()
            .take_while(|&j| !is_boundary(&t[j]) && t[j].w != ",")
            .find(|&j| {
                t[j].word
                    && (t[j].w.len() > 4 && t[j].w.ends_with("ed")
                        || matches!(t[j].w.as_str(), "built" | "made" | "written" | "taught"))
            });
        if let Some(mut p) = participle {
            while p > 0 && t[p].joined {
                p -= 1;
            }
            // "fine tuned", written apart.
            if p > 0 && t[p - 1].w == "fine" {
                p -= 1;
            }
            e = p;
        }
    }
    let relative = e > 0 && matches!(word(e - 1), Some("that" | "which"));
    let np_end = if relative {
        // "a series that we have open-sourced", "which we open-source",
        // "that is open source".
        if !(participle || release || present && agent || copula && !agent) {
            return None;
        }
        e - 1
    } else if agent {
        // "a chatbot we have open-sourced": the relative clause without
        // its pronoun, after the noun it says what is done to.
        if !(participle || present) || e == 0 || !t[e - 1].word {
            return None;
        }
        e
    } else if copula || aux {
        // "Quokka-7B is open-sourced together with its data", "the base
        // and chat models have been open-sourced by Acme", "Every model is
        // released as open source".
        if !(participle || release) {
            return None;
        }
        e
    } else if e == k
        && e > 0
        && matches!(t[e - 1].w.as_str(), "," | "—" | "–")
        && (participle || release)
    {
        // "Quokka-7B, open-sourced by Acme", "a model, released as open
        // source".
        e
    } else if release && e < k {
        e
    } else {
        return None;
    };
    // "A TTS system, released as open source, …": the comma closes the
    // noun phrase.
    let mut np_end = np_end;
    while np_end > 0 && t[np_end - 1].w == "," {
        np_end -= 1;
    }
    // "Quokka, an API caller fine-tuned from X, is open-sourced", "A base
    // model, along with a chat model, has been open-sourced": the subject
    // is before the description or the addition set off by commas.
    if (copula || aux)
        && !relative
        && np_end < e
        && let Some(open) = aside_before(t, np_end)
    {
        np_end = open;
    }
    let is_stop = |x: &Token| {
        is_boundary(x) && !matches!(x.w.as_str(), "(" | ")" | "[")
            || !x.word && matches!(x.w.as_str(), "," | "—" | "–")
    };
    // A noun phrase starts after a mark, a preposition, a verb or a
    // relative pronoun ("Quokka is trained on datasets that are open").
    let phrase_start = |end: usize| {
        (0..end)
            .rev()
            .find(|&j| {
                let x = &t[j];
                is_stop(x)
                    || x.word
                        && !x.joined
                        && (PREPOSITIONS.contains(&x.w.as_str())
                            || COPULAS.contains(&x.w.as_str())
                            || matches!(x.w.as_str(), "that" | "which" | "who"))
            })
            .map_or(0, |j| j + 1)
    };
    let np_start = phrase_start(np_end);
    // "… of <noun phrase>", "… in <noun phrase>": what the whole phrase is
    // decides. A family or series of models is the noun phrase ("a family
    // of LLMs, released open-source"); the code or the data of the model
    // or in the project is not the model; else the model stays the model
    // ("every part of Quokka").
    let mut np_start = np_start;
    if np_start > 0
        && t[np_start - 1].word
        && !t[np_start - 1].joined
        && PREPOSITIONS.contains(&t[np_start - 1].w.as_str())
    {
        let of = np_start - 1;
        let outer_start = phrase_start(of);
        let outer: Vec<&str> = t[outer_start..of]
            .iter()
            .filter(|x| x.word)
            .map(|x| x.w.as_str())
            .collect();
        let inner = &t[np_start..np_end];
        let inner_last = inner.iter().rposition(|x| x.word);
        // "details on Quokka, which we have open-sourced": a clause set off
        // after the model's name is said of the name.
        let named = relative
            && matches!(t[of].w.as_str(), "on" | "about" | "to" | "at")
            && np_end < t.len()
            && t[np_end].w == ","
            && inner_last.is_some_and(|l| names.name_ending(inner, l).is_some());
        if outer.iter().any(|w| NOT_MODEL.contains(w)) && !named {
            return None;
        }
        if t[of].w == "of"
            && outer.last().is_some_and(|w| COLLECTIVES.contains(w))
            && self_subject(inner, names).is_none()
        {
            np_start = outer_start;
        }
        // "a chat model tailored for practical scenarios": the participle
        // and its phrase describe the model noun before them.
        let what_for = |w: &str| MODEL_NOUNS.contains(&w) || DESCRIBED_NOUNS.contains(&w);
        let participle = outer.len() >= 2
            && outer
                .last()
                .is_some_and(|w| w.len() > 4 && w.ends_with("ed"))
            && what_for(outer[outer.len() - 2]);
        // "a language model for Catalan released as open source": what the
        // model is for, in or on is no model nor code or data, and the
        // participle is said of the phrase before it; whether that is the
        // model, its head noun decides below.
        if matches!(t[of].w.as_str(), "for" | "in" | "with" | "on")
            && !relative
            && !inner.iter().any(|x| NOT_MODEL.contains(&x.w.as_str()))
            && (0..inner.len()).all(|i| names.name_at(inner, i).is_none())
            && !names.names_base(inner)
        {
            np_start = outer_start;
            np_end = if participle { of - 1 } else { of };
        }
    }
    let np = &t[np_start..np_end];
    let words: Vec<&Token> = np.iter().filter(|x| x.word).collect();
    // Code or data alone is a mention; with the model, a claim ("AgentLM
    // and the AgentInstruct dataset have been released as open source").
    let model_in = |np: &[Token]| {
        np.iter().any(|x| MODEL_NOUNS.contains(&x.w.as_str()))
            || (0..np.len()).any(|i| names.name_at(np, i).is_some())
    };
    // "a Stable Diffusion model for X, released as open source" on a
    // fine-tune of it: the base's name only says what kind of model.
    let indefinite = words
        .first()
        .is_some_and(|x| matches!(x.w.as_str(), "a" | "an"));
    if words.is_empty()
        || words.len() > 12
        || names.names_base(np) && !indefinite
        || words.iter().any(|x| NOT_MODEL.contains(&x.w.as_str())) && !model_in(np)
    {
        return None;
    }
    let start_phrase = occ.start.saturating_sub(4).max(np_end);
    let claim = |subject: String| found(Label::OpenSource, subject, t, start_phrase, occ.end);
    let head = words.last()?.w.as_str();
    let model_head = MODEL_NOUNS.contains(&head) || DESCRIBED_NOUNS.contains(&head);
    // The model by its name or its own words, ending in the name or a
    // model's noun ("MOSS WebSearchTool" is another thing).
    let mut last = np.iter().rposition(|x| x.word)?;
    // "Quokka ver 1.0": the name before its version (the tokens hold no
    // point: "1.0" is "1" with "0" joined).
    let numeric = |x: &Token| !x.word || x.w.chars().all(|c| c.is_ascii_digit());
    if last > 0 && numeric(&np[last]) {
        while last > 0 && numeric(&np[last]) {
            last -= 1;
        }
        if last > 0 && matches!(np[last].w.as_str(), "ver" | "version" | "v") {
            last -= 1;
        }
    }
    if (model_head || names.name_ending(np, last).is_some())
        && let Some(subject) = self_subject(np, names)
    {
        return claim(subject);
    }
    // A coordination with the model in it ("Quokka and its dataset").
    if let Some(parts) = conjuncts(np)
        && let Some(subject) = parts.iter().find_map(|c| {
            let last = c.iter().rposition(|x| x.word)?;
            names.name_ending(c, last)?;
            self_subject(c, names)
        })
    {
        return claim(subject);
    }
    // An indefinite description of a model: whose it is depends on what
    // stands before it.
    let described = matches!(words[0].w.as_str(), "a" | "an" | "the") || np_start == 0;
    if !described || proper_name(np, names) || !model_head {
        return None;
    }
    if np_start == 0 {
        // A fragment: the line describes the card's model, indefinitely
        // ("The Quokka series models, open-sourced by …, have shown …" is
        // a sentence about models named before). No verb of its own
        // follows but in a relative clause.
        let verb_after = t[occ.end..].iter().enumerate().any(|(i, x)| {
            (COPULAS.contains(&x.w.as_str()) || matches!(x.w.as_str(), "have" | "has" | "had"))
                && t[occ.end..occ.end + i]
                    .iter()
                    .rev()
                    .find(|p| p.word)
                    .is_none_or(|p| !matches!(p.w.as_str(), "that" | "which" | "who"))
        });
        if words[0].w == "the" || verb_after {
            return None;
        }
        return claim(IMPLIED.to_owned());
    }
    let before = &t[..np_start - 1];
    match t[np_start - 1].w.as_str() {
        // "Quokka-7B, a multimodal LLM released as open source, …";
        // "Quokka 1.0 is out: a video project that is open source".
        "," | ":" | "—" | "–" => {
            // The noun phrase right before ("… is Quokka-2B, a model that
            // we open-sourced"), else the sentence's lead ("Quokka 1.0 is
            // out: a project that is open source").
            let splits = |x: &Token| {
                COPULAS.contains(&x.w.as_str())
                    || is_stop(x)
                    || x.word && !x.joined && PREPOSITIONS.contains(&x.w.as_str())
            };
            let tail = before.iter().rposition(splits).map_or(0, |j| j + 1);
            let lead_end = before
                .iter()
                .position(|x| COPULAS.contains(&x.w.as_str()) || is_stop(x))
                .unwrap_or(before.len());
            self_subject(&before[tail..], names)
                .or_else(|| self_subject(&before[..lead_end], names))
                .and_then(claim)
        }
        _ => None,
    }
    .or_else(|| {
        // "Quokka is a large language model series that we open-sourced".
        let v = (0..np_start)
            .rev()
            .find(|&j| COPULAS.contains(&t[j].w.as_str()))?;
        (v + 1 == np_start)
            .then(|| copula_subject(t, v, names))
            .flatten()
            .and_then(claim)
    })
}

/// Nouns a card describes its model by, beside the model nouns ("a
/// text-to-speech system", "a video generation project").
const DESCRIBED_NOUNS: &[&str] = &[
    "system",
    "chatbot",
    "assistant",
    "project",
    "tts",
    "detector",
    "classifier",
    "generator",
];

/// "among open-source and closed-source VLMs", "both open-source and
/// proprietary models": a class of open and closed models alike, which
/// says nothing of whether the model is open.
fn with_closed(t: &[Token], occ: &Occurrence) -> bool {
    let closed = |k: usize| {
        t.get(k).is_some_and(|x| match x.w.as_str() {
            "closed" | "proprietary" | "api" => true,
            // "open-source and commercial models", not "… commercial use".
            // "commercial and open-source models" too.
            "commercial" => t.get(k + 1).is_some_and(|n| {
                MODEL_NOUNS.contains(&n.w.as_str())
                    || matches!(
                        n.w.as_str(),
                        "systems"
                            | "ones"
                            | "products"
                            | "solutions"
                            | "apis"
                            | "and"
                            | "or"
                            | "&"
                            | "/"
                    )
            }),
            _ => false,
        })
    };
    let joins = |k: usize| {
        t.get(k)
            .is_some_and(|x| matches!(x.w.as_str(), "and" | "or" | "&" | "/" | ","))
    };
    // "closed-source and open-source", "proprietary and open models".
    let before = occ.start >= 2
        && joins(occ.start - 1)
        && (closed(occ.start - 2) || {
            // "closed-source": the mark is joined to "closed".
            occ.start >= 3 && t[occ.start - 2].joined && closed(occ.start - 3)
        });
    before || joins(occ.end) && closed(occ.end + 1)
}

/// Whether the label is another model's: a base the card names ("the open
/// source version of GPT-3"), another maker's ("Meta's open-source Llama
/// 2"), what a merge takes in, or "an open-source base model" on a card
/// that is not a base.
fn anothers_label(t: &[Token], occ: &Occurrence, names: &Names) -> bool {
    let (head, head_at) = head_after(t, occ.end, names);
    with_closed(t, occ)
        || of_base(t, occ.start, head, head_at, names)
        || anothers(t, occ.start, names)
        || merged_or_base(t, occ, names)
        || existing(t, occ.start)
        || (matches!(head, Head::Model { .. })
            || t.get(head_at)
                .is_some_and(|h| FRAME_NOUNS.contains(&h.w.as_str())))
            && renamed(t, head_at, names)
}

/// Whether a name is the maker's, with at most a version ("deepset",
/// "DeepPavlov 1.0"): the maker's framework is not the model.
fn maker_named(name: &[Token], names: &Names) -> bool {
    let mut words = name.iter().filter(|x| {
        x.word
            && !x
                .w
                .trim_start_matches('v')
                .chars()
                .all(|c| c.is_ascii_digit())
    });
    words.next().is_some_and(|w| names.is_owner(&w.w)) && words.next().is_none()
}

/// Not-model nouns a model can be called by its makers: "Ming is an
/// open-source multimodal framework".
const FRAME_NOUNS: &[&str] = &[
    "framework",
    "platform",
    "toolkit",
    "solution",
    "project",
    "system",
    "engine",
];

/// Nouns for what a model achieves on a benchmark.
const RESULT_NOUNS: &[&str] = &[
    "results",
    "result",
    "performance",
    "performances",
    "score",
    "scores",
    "accuracy",
];

/// "state-of-the-art open-source results", "the best open-source
/// performance", "open-source SoTA": the label on a result that a ranking
/// word or "SoTA" ranks.
fn ranked_result(t: &[Token], occ: &Occurrence, walk: &Walk, head_at: usize) -> bool {
    let w = |k: usize| t.get(k).map_or("", |x| x.w.as_str());
    let sota_after = w(occ.end) == "sota"
        || w(occ.end) == "state" && w(occ.end + 1) == "of" && w(occ.end + 3) == "art";
    let result = RESULT_NOUNS.contains(&w(head_at))
        && (walk.ranking || walk.weak_ranking)
        && matches!(walk.governor, Governor::Start | Governor::OtherVerb);
    sota_after || result
}

/// Nouns for a mark that a model sets: "a new performance ceiling for
/// open-source VLMs", "a new standard for open-source models".
const MARK_NOUNS: &[&str] = &[
    "ceiling",
    "standard",
    "record",
    "bar",
    "frontier",
    "milestone",
    "high",
    "benchmark",
    "sota",
];

/// "setting a new (performance) ceiling for open-source models".
fn new_mark_for(t: &[Token], walk: &Walk) -> bool {
    let Governor::Preposition(p) = &walk.governor else {
        return false;
    };
    let before = words_before(t, walk.prep_at, 4);
    matches!(p.as_str(), "for" | "in" | "among")
        && before.last().is_some_and(|w| MARK_NOUNS.contains(w))
        && before.contains(&"new")
}

/// "We achieved the Top1 on Arena's leaderboard for open-source models":
/// the top of a board that ranks open-source models.
fn top_of_board(t: &[Token], walk: &Walk) -> bool {
    let Governor::Preposition(p) = &walk.governor else {
        return false;
    };
    let at = walk.prep_at;
    let clause_start = t[..at]
        .iter()
        .rposition(|x| !x.word && matches!(x.w.as_str(), "," | ";" | "."))
        .map_or(0, |k| k + 1);
    let clause = &t[clause_start.max(at.saturating_sub(10))..at];
    let board = clause.iter().rev().filter(|x| x.word).take(2).any(|x| {
        matches!(
            x.w.as_str(),
            "leaderboard" | "leaderboards" | "arena" | "ranking" | "rankings" | "chart"
        )
    });
    let top = clause.iter().any(|x| {
        x.word
            && matches!(
                x.w.as_str(),
                "top" | "top1" | "tops" | "topped" | "topping" | "first" | "1" | "leads" | "led"
            )
    });
    matches!(p.as_str(), "for" | "of" | "among") && board && top
}

/// "surpassing / exceeding / outperforming the previous best open-source
/// model": the words before the label at `start`.
fn surpasses_previous_best(t: &[Token], start: usize) -> bool {
    let before = words_before(t, start, 8);
    let Some(prev) = before
        .iter()
        .rposition(|w| matches!(*w, "previous" | "prior" | "former"))
    else {
        return false;
    };
    let best = before[prev + 1..].iter().any(|w| {
        matches!(
            *w,
            "best" | "strongest" | "leading" | "sota" | "top" | "art" | "highest"
        )
    });
    let verb = before[..prev]
        .iter()
        .rev()
        .find(|w| !matches!(**w, "the" | "all"))
        .is_some_and(|w| {
            ["surpass", "exceed", "outperform", "beat"]
                .iter()
                .any(|v| w.starts_with(v))
        });
    best && verb
}

/// "it achieves …" in a model's card: the model's result.
fn it_scores(t: &[Token]) -> Option<String> {
    t.windows(2)
        .any(|w| {
            w[0].w == "it"
                && matches!(
                    w[1].w.as_str(),
                    "achieves" | "scores" | "reaches" | "obtains" | "attains" | "sets" | "ranks"
                )
        })
        .then(|| IMPLIED.to_owned())
}

/// "We achieved …", "We set …": the maker's result in a model's card is
/// the model's.
fn maker_achieved(t: &[Token]) -> Option<String> {
    // Past a news item's date ("- September 16, 2025: We achieved …").
    let t = t
        .iter()
        .take(8)
        .position(|x| x.w == ":")
        .map_or(t, |k| &t[k + 1..]);
    let mut words = t.iter().filter(|x| x.word).map(|x| x.w.as_str());
    let lead = t.iter().take_while(|x| !x.word).all(|x| x.w != ",");
    (lead
        && words.next() == Some("we")
        && words.next().is_some_and(|v| {
            matches!(
                v,
                "achieved"
                    | "achieve"
                    | "set"
                    | "reached"
                    | "attained"
                    | "ranked"
                    | "secured"
                    | "topped"
                    | "obtained"
                    | "took"
            )
        }))
    .then(|| IMPLIED.to_owned())
}

/// "harnessing an existing open-sourced LLM", "third-party open-source
/// models": models that are there already, or someone else's.
/// Ranked among them ("first among all existing open-source models"), the
/// model is one of them.
fn existing(t: &[Token], start: usize) -> bool {
    let w = |k: Option<usize>| k.and_then(|k| t.get(k)).map_or("", |x| x.w.as_str());
    let ranked = t[start.saturating_sub(4)..start]
        .iter()
        .any(|x| RANKING.contains(&x.w.as_str()) || SUPERLATIVES.contains(&x.w.as_str()));
    !ranked
        && (matches!(w(start.checked_sub(1)), "existing" | "external")
            || w(start.checked_sub(2)) == "third" && w(start.checked_sub(1)) == "party")
}

/// "the open-source medical model HuatuoGPT-13B", "our new open-source
/// project, [OmAgent](…)": the labelled noun names its model right after
/// it, by a name that is not the card's (written
/// with a digit or in mixed case, so that a title's next word, "Open-Source
/// Model Release", is no name).
fn renamed(t: &[Token], head_at: usize, names: &Names) -> bool {
    // Set off by a comma or given as a link: "our new open-source project,
    // [Wombat](…)".
    let k = (head_at + 1..t.len().min(head_at + 4))
        .find(|&k| t[k].word || !matches!(t[k].w.as_str(), "," | "[" | "*"))
        .unwrap_or(head_at + 1);
    let Some(first) = t.get(k).filter(|x| x.word && !x.joined) else {
        return false;
    };
    if names.name_at(t, k).is_some() || super::names::is_size(&first.w) {
        return false;
    }
    let group = &t[k..compound_end(t, k)];
    // "the model [Acme-2B] and [Acme-7B]" lists the card's own with it.
    let listed = k + group.len()..t.len().min(k + 16);
    if t.get(k + group.len())
        .is_some_and(|x| !x.word || x.w == "and")
        && listed.clone().any(|i| t[i].w == "and")
        && listed.clone().any(|i| names.name_at(t, i).is_some())
    {
        return false;
    }
    let mixed = |x: &Token| {
        let mut letters = x.raw.chars().filter(|c| c.is_alphabetic());
        letters.next().is_some_and(char::is_uppercase)
            && x.raw.chars().any(char::is_lowercase)
            && x.raw.chars().skip(1).any(char::is_uppercase)
    };
    let digit = group
        .iter()
        .any(|x| x.w.chars().any(|c| c.is_ascii_digit()));
    let lettered = first.w.chars().any(char::is_alphabetic)
        && first.raw.chars().next().is_some_and(char::is_uppercase);
    lettered && (digit || group.iter().any(mixed))
}

/// The model's name given right after a noun phrase ending at `head_at`:
/// ", named Quokka", "called Quokka", ", dubbed as Quokka".
fn named_after(t: &[Token], head_at: usize, names: &Names) -> Option<String> {
    let mut k = head_at + 1;
    if t.get(k).is_some_and(|x| x.w == ",") {
        k += 1;
    }
    if !t
        .get(k)
        .is_some_and(|x| matches!(x.w.as_str(), "named" | "called" | "dubbed" | "termed"))
    {
        return None;
    }
    k += 1;
    if t.get(k).is_some_and(|x| x.w == "as") {
        k += 1;
    }
    let len = names.name_at(t, k)?;
    Some(raw(&t[k..k + len]))
}

/// Whether the words before the label thank someone ("thanks to",
/// "grateful to", "we acknowledge").
fn thanked_before(before: &[Token]) -> bool {
    before.iter().any(|x| {
        [
            "thank",
            "acknowledg",
            "grateful",
            "gratitude",
            "credit",
            "kudos",
            "shout",
        ]
        .iter()
        .any(|p| x.w.starts_with(p))
    })
}

/// Whether the makers speak before a release verb ("we are creating",
/// "our efforts in building"), not to thank someone else for it.
fn we_release(before: &[Token]) -> bool {
    before
        .iter()
        .any(|x| matches!(x.w.as_str(), "we" | "our" | "us"))
        && !thanked_before(before)
}

/// Whether the words before "open-source code and models" make them
/// others': compared with, thanked for, built on.
fn others_code_and_models(before: &[Token]) -> bool {
    before.iter().any(|x| {
        let w = x.w.as_str();
        compares_with(w)
            || thanked_before(std::slice::from_ref(x))
            || ["leverag", "inspir"].iter().any(|p| w.starts_with(p))
            || matches!(
                w,
                "than"
                    | "against"
                    | "versus"
                    | "vs"
                    | "based"
                    | "built"
                    | "their"
                    | "other"
                    | "others"
                    | "respective"
                    | "using"
                    | "existing"
            )
    })
}

/// Where a labelled noun phrase that joins code and models ends: "code and
/// models", "models and codes", "code, data and checkpoints".
fn code_and_models(t: &[Token], from: usize) -> Option<usize> {
    let (mut code, mut model) = (false, false);
    let mut end = from;
    for (k, x) in t.iter().enumerate().skip(from).take(8) {
        if !x.word {
            if matches!(x.w.as_str(), "," | "&" | "/") {
                continue;
            }
            break;
        }
        let w = x.w.as_str();
        if matches!(w, "code" | "codes" | "codebase" | "scripts") {
            code = true;
        } else if MODEL_NOUNS.contains(&w)
            && !matches!(w, "release" | "releases" | "version" | "versions")
        {
            model = true;
        } else if !x.joined
            && PHRASE_ENDS.contains(&w)
            && !matches!(w, "and" | "the" | "all" | "our")
        {
            break;
        }
        end = k + 1;
    }
    (code && model).then_some(end)
}

/// The model named as one of the labelled models: "any open-source model
/// (including Quokka)", "open-source models such as Quokka and Other".
fn named_member(t: &[Token], occ: &Occurrence, head_at: usize, names: &Names) -> Option<String> {
    // "Compared with open-source models, including Quokka-1": those it is
    // compared with are others.
    if t[occ.start.saturating_sub(8)..occ.start]
        .iter()
        .any(|x| compares_with(&x.w))
    {
        return None;
    }
    let mut k = head_at + 1;
    if t.get(k).is_some_and(|x| matches!(x.w.as_str(), "," | "(")) {
        k += 1;
    }
    let w = |k: usize| t.get(k).map_or("", |x| x.w.as_str());
    k += match (w(k), w(k + 1)) {
        ("including" | "like", _) => 1,
        ("such", "as") => 2,
        _ => return None,
    };
    // The members end at the list's close, a comma or a verb: "including
    // the earlier Quokka-1, Quokka-2 surpasses …" names only the earlier.
    let end = (k..t.len().min(k + 16))
        .find(|&j| matches!(w(j), ")" | ";" | ",") || COPULAS.contains(&w(j)) || is_boundary(&t[j]))
        .unwrap_or(t.len().min(k + 16));
    let members = &t[k..end];
    match conjuncts(members) {
        Some(parts) => parts.into_iter().find_map(|p| single_subject(p, names)),
        None => single_subject(members, names),
    }
}

fn phrase_rules(t: &[Token], occ: &Occurrence, names: &Names, heading: bool) -> Option<Found> {
    let walk = walk_back(t, occ.start, names);
    if walk.negated {
        return None;
    }
    let phrase_word = t[occ.end - 1].w.as_str();
    let next = t.get(occ.end);
    let next_w = next.filter(|n| n.word).map(|n| n.w.as_str());
    let from = |g: &Governor| match g {
        Governor::SelfDeterminer(i) | Governor::Copula(i) | Governor::Release(i) => *i,
        Governor::Name(i, _) => *i,
        _ => occ.start,
    };
    let (head, head_at) = head_after(t, occ.end, names);
    let label = match occ.kind {
        Kind::OpenSource => Label::OpenSource,
        Kind::Weights | Kind::OpenModel => Label::OpenWeights,
        Kind::Access => Label::OpenAccess,
    };

    // "For the open-weights release, …", "Release type: open weight
    // release": the release a card speaks of as the release is its own.
    let release_of_card = occ.kind == Kind::Weights
        && !walk.ranking
        && next_w.is_some_and(|w| matches!(w, "release" | "releases"))
        && occ
            .start
            .checked_sub(1)
            .is_none_or(|k| matches!(t[k].w.as_str(), "the" | "this" | "our" | ":"))
        && !names.names_base(t);
    if release_of_card {
        return found(label, IMPLIED.to_owned(), t, occ.start, occ.end + 1);
    }
    // "open access to <the model>"
    if occ.kind == Kind::Access && next_w == Some("to") {
        let object = &t[occ.end + 1..];
        return self_subject(object, names)
            .and_then(|s| found(label, s, t, occ.start, occ.end + 1));
    }
    // A heading that is the label itself ("## Open Source License",
    // "**Open-Source**"): the card's own model, counted as open source.
    if heading && occ.kind == Kind::OpenSource && bare_heading(t, occ) {
        return found(Label::Implicit, IMPLIED.to_owned(), t, occ.start, t.len());
    }
    // "Meet Acme-7B — open-source, multilingual", "Acme-7B (open-source)",
    // "Acme-7B: 100% open source": the label set right after the model's
    // name.
    if occ.kind == Kind::OpenSource
        && head != Head::NotModel
        && let Some(subject) = labelled_name(t, occ, names)
    {
        return found(label, subject, t, occ.start, occ.end);
    }
    // "an open-source 0.5B parameter SLM, named `Quokka`": the labelled
    // model, named right after it.
    if occ.kind == Kind::OpenSource
        && !walk.ranking
        && matches!(head, Head::Model { .. })
        && let Some(subject) = named_after(t, head_at, names)
    {
        return found(label, subject, t, occ.start, head_at + 1);
    }
    // "open-source code and models", "risks caused by open source models
    // and codes": code and models together are the maker's release.
    if occ.kind == Kind::OpenSource
        && !walk.ranking
        && let Some(end) = code_and_models(t, occ.end)
        && matches!(
            &walk.governor,
            Governor::Release(_)
                | Governor::Start
                | Governor::SelfDeterminer(_)
                | Governor::OtherVerb
                | Governor::Preposition(_)
        )
        && !others_code_and_models(&t[..occ.start])
        && !names.names_base(t)
    {
        return found(label, raw(&t[occ.start..end]), t, occ.start, end);
    }
    // "any closed or open source model (including Quokka)": the model
    // counted among them.
    if occ.kind == Kind::OpenSource
        && matches!(head, Head::Model { .. })
        && let Some(subject) = named_member(t, occ, head_at, names)
    {
        return found(Label::Implicit, subject, t, occ.start, head_at + 1);
    }
    // A title that opens with the label and names the model after its
    // colon: "Open-Source Speech Models: Quokka in Depth".
    if occ.kind == Kind::OpenSource
        && let Some(subject) = named_after_colon(t, occ, names)
    {
        return found(label, subject, t, occ.start, occ.end);
    }
    // "- **Open source**: the weights are released under Apache-2.0": the
    // label as the key of a list item, and the item's subject the model.
    if occ.kind == Kind::OpenSource
        && let Some(subject) = keyed_item(t, occ, names)
    {
        return found(label, subject, t, occ.start, occ.end);
    }
    // "The model open-sourced here is …": the participle after the
    // card's own model, not after someone else's ("… open-sourced by X").
    if occ.kind == Kind::OpenSource
        && matches!(phrase_word, "sourced" | "opensourced")
        && occ.start >= 2
        && MODEL_NOUNS.contains(&t[occ.start - 1].w.as_str())
        && matches!(
            t[occ.start - 2].w.as_str(),
            "the" | "this" | "these" | "our"
        )
        && (occ.start == 2 || !t[occ.start - 3].word)
        && next_w != Some("by")
    {
        return found(
            label,
            raw(&t[occ.start - 2..occ.start]),
            t,
            occ.start - 2,
            occ.end,
        );
    }
    // "Thanks to Acme for open-sourcing Wombat", "we are grateful to Acme
    // for open sourcing the Wombat model": the one thanked did it.
    if occ.kind == Kind::OpenSource
        && matches!(phrase_word, "sourcing" | "opensourcing")
        && occ.start > 0
        && t[occ.start - 1].w == "for"
        && thanked_before(&t[..occ.start])
    {
        return None;
    }
    // "we open-source our model", "open-sourcing the weights", "we have
    // made Acme models open source": the label as a verb or a result, and
    // what it is done to is the object.
    if occ.kind == Kind::OpenSource
        && let Some(verbal) = verbal_object(t, occ, names)
    {
        return verbal.and_then(|s| found(label, s, t, occ.start.saturating_sub(1), occ.end));
    }

    let adjectival = match occ.kind {
        Kind::OpenModel => true,
        Kind::Weights => matches!(phrase_word, "weight") && head != Head::None,
        _ => {
            matches!(head, Head::Model { .. } | Head::NotModel)
                || head == Head::Other && next_w.is_some_and(|w| w != "and")
        }
    };
    let head = if occ.kind == Kind::OpenModel {
        Head::Model { name: false }
    } else {
        head
    };
    let np_end = if occ.kind == Kind::OpenModel {
        occ.end
    } else {
        head_at + 1
    };

    // "the highest score of all open-source models", "tops the leaderboard
    // of open-source models": a ranking just before the "of" ranks the
    // model among them.
    if occ.kind == Kind::OpenSource
        && matches!(&walk.governor, Governor::Preposition(p) if p == "of")
        && matches!(head, Head::Model { .. })
        && ranked_before(t, walk.prep_at)
        && let Some(subject) = ranked_subject(t, occ, &walk, np_end, names)
    {
        let start = walk.prep_at.saturating_sub(3);
        return found(Label::Implicit, subject, t, start, np_end);
    }
    // "Acme-7B models achieve state-of-the-art open-source results",
    // "\model achieves open-source SoTA", "setting a new performance
    // ceiling for open-source VLMs": a result ranked among open-source
    // models', or a new mark set for them, is the model's.
    if occ.kind == Kind::OpenSource
        && !walk.other
        && (ranked_result(t, occ, &walk, head_at)
            || new_mark_for(t, &walk)
            || top_of_board(t, &walk))
        && let Some(subject) = result_subject(t, occ.start, names)
    {
        let start = occ.start.saturating_sub(3);
        return found(Label::Implicit, subject, t, start, np_end);
    }
    // "exceeding the previous best open-source model by 7.6%": set above
    // the best there was, the model is the best now.
    if occ.kind == Kind::OpenSource
        && surpasses_previous_best(t, occ.start)
        && let Some(subject) = result_subject(t, occ.start, names)
    {
        let start = occ.start.saturating_sub(4);
        return found(Label::Implicit, subject, t, start, np_end);
    }
    // "We compare Acme with the leading open-source models": the ranking
    // is the compared models', not this one's.
    // "superior results than the leading open-source models": set above
    // them, the model is not counted among them.
    if walk.ranking
        && !walk.other
        && (compared_with(t, occ.start)
            || matches!(&walk.governor, Governor::Preposition(p) if p == "than"))
    {
        return None;
    }
    // "Acme-7B is licensed under Apache-2.0, a permissive open-source
    // license": the licence the model is under.
    if occ.kind == Kind::OpenSource
        && let Governor::Apposition(m) = &walk.governor
        && t.get(head_at)
            .is_some_and(|h| matches!(h.w.as_str(), "license" | "licence"))
        && let Some(under) = (*m).checked_sub(appositive(t, *m).len() + 1)
        && t[under].w == "under"
        && let Some(subject) = self_in(t, under, names)
    {
        return found(label, subject, t, under, np_end);
    }
    // "the open-source license for the large model of this project": the
    // licence of the model, called open source.
    if occ.kind == Kind::OpenSource
        && t.get(head_at)
            .is_some_and(|h| matches!(h.w.as_str(), "license" | "licence"))
        && t.get(head_at + 1)
            .is_some_and(|p| matches!(p.w.as_str(), "for" | "of"))
    {
        let rest = &t[head_at + 2..t.len().min(head_at + 10)];
        let np = &rest[..rest.iter().position(|x| !x.word).unwrap_or(rest.len())];
        let base = np
            .iter()
            .any(|x| matches!(x.w.as_str(), "base" | "original" | "underlying" | "parent"));
        if !base && let Some(subject) = single_subject(np, names) {
            return found(Label::Implicit, subject, t, occ.start, head_at + 1);
        }
    }
    if adjectival && occ.kind == Kind::OpenSource && !walk.ranking {
        // "Acme-7B: An Open-Source Chemistry Platform" (a title or a
        // heading line): after the model's name and a colon, what the
        // label qualifies is the model, whatever the noun.
        if let Governor::Apposition(m) = &walk.governor
            && t[*m].w == ":"
            && let Some(subject) = self_subject(appositive(t, *m), names)
        {
            return found(label, subject, t, from(&walk.governor), np_end);
        }
        // "our open-source efforts", "my open-source work": the card's
        // maker speaks of the work this model is part of.
        if let Governor::SelfDeterminer(i) = &walk.governor
            && matches!(t[*i].w.as_str(), "our" | "my")
            && t.get(head_at)
                .is_some_and(|h| ETHOS_NOUNS.contains(&h.w.as_str()))
        {
            return found(label, raw(&t[*i..np_end]), t, *i, np_end);
        }
    }
    // "By embracing open-source principles, Acme …", "aligning with open
    // source community spirit": the maker or the model holds to the
    // label's ideals.
    if occ.kind == Kind::OpenSource
        && !walk.ranking
        && (t[occ.end..(occ.end + 3).min(t.len())]
            .iter()
            .take_while(|x| x.word)
            .any(|x| ETHOS_NOUNS.contains(&x.w.as_str()))
            && embraced(t, occ.start)
            || in_the_spirit_of(t, occ.start))
        && let Some(subject) = self_in(t, t.len(), names).or_else(|| {
            t.iter()
                .any(|x| matches!(x.w.as_str(), "we" | "our"))
                .then(|| IMPLIED.to_owned())
        })
    {
        return found(label, subject, t, occ.start.saturating_sub(2), np_end);
    }

    if adjectival {
        // "provides Acme-7B as an open-source tool": the role is what the
        // model is given as.
        if let Governor::Preposition(p) = &walk.governor
            && p == "as"
            && let Some(subject) = released_as(t, walk.prep_at, occ.end, names)
        {
            return found(label, subject, t, walk.prep_at, np_end);
        }
        // "Acme-7B, as an open-source model, has reached …": the role set
        // off after the name is the name's.
        if let Governor::Preposition(p) = &walk.governor
            && p == "as"
            && !walk.ranking
            && walk.prep_at >= 2
            && t[walk.prep_at - 1].w == ","
            && let Some(len) = names.name_ending(t, walk.prep_at - 2)
        {
            let name = walk.prep_at - 1 - len;
            return found(label, raw(&t[name..walk.prep_at - 1]), t, name, np_end);
        }
        // "As an open-source model, Acme-7B …", "As the first open-source
        // TTS model that combines A and B, Acme-7B …": the fronted role is
        // the main clause's subject's.
        if let Governor::Preposition(p) = &walk.governor
            && p == "as"
            && t[..walk.prep_at].iter().all(|x| !x.word)
            && !walk.ranking
            && let Some(comma) = (np_end..t.len().min(np_end + 12)).find(|&k| t[k].w == ",")
        {
            let after = &t[comma + 1..t.len().min(comma + 6)];
            if let Some(subject) = (0..after.len())
                .find_map(|i| names.name_at(after, i).map(|len| raw(&after[i..i + len])))
                .or_else(|| self_subject(after, names))
            {
                return found(label, subject, t, walk.prep_at, np_end);
            }
        }
        // "release the model to the open-source community", "our
        // contribution to the open-source community": the model is given
        // to it; "the best … in the open-source community" ranks it.
        if occ.kind == Kind::OpenSource
            && let Some((ranked, subject)) = given_to_community(t, occ, &walk, head_at, names)
        {
            let label = if ranked { Label::Implicit } else { label };
            return found(label, subject, t, walk.prep_at, np_end);
        }
        // "Open-source repository of the Quokka model", "announce the
        // open-source release of Quokka", "publish the open-source weights
        // of Quokka-7B": the release (weights, checkpoints) of the model is
        // the model, wherever the phrase stands, unless it is compared.
        if occ.kind == Kind::OpenSource
            && !walk.ranking
            && !compared_with(t, occ.start)
            && let Some(subject) = container_of_model(t, head_at, names)
        {
            return found(label, subject, t, occ.start, np_end);
        }
        // "Acme represents a significant advancement in open-source video
        // generation": a step forward among open-source ones.
        if occ.kind == Kind::OpenSource
            && head != Head::NotModel
            && matches!(&walk.governor, Governor::Preposition(p) if p == "in")
            && walk
                .prep_at
                .checked_sub(1)
                .is_some_and(|k| ADVANCE_NOUNS.contains(&t[k].w.as_str()))
            && let Some(subject) = first_copula(t, walk.prep_at)
                .and_then(|v| copula_subject(t, v, names))
                .or_else(|| sentence_subject(t, walk.prep_at, names))
        {
            let start = walk.prep_at.saturating_sub(1);
            return found(Label::Implicit, subject, t, start, np_end);
        }
        // "`Ming-Lite-Uni` is an open-source multimodal framework": what the
        // model's own name is called, the model is, whatever the noun; not
        // data, a paper or a licence, which a model never is.
        if occ.kind == Kind::OpenSource
            && !walk.ranking
            && let Governor::Copula(v) = &walk.governor
            && t.get(head_at)
                .is_some_and(|h| FRAME_NOUNS.contains(&h.w.as_str()))
            // "an open-source library and toolkit": a library first.
            && !t[occ.end..head_at]
                .iter()
                .any(|x| NOT_MODEL.contains(&x.w.as_str()))
            && let subject = subject_before(t, *v)
            && let Some(at) = (0..subject.len()).find(|&i| names.name_at(subject, i).is_some())
            && subject[..at].iter().all(|x| !x.word || x.w == "the")
            && !subject[at..].iter().any(|x| NOT_MODEL.contains(&x.w.as_str()))
            && let len = names.name_at(subject, at).unwrap_or(1)
            // The maker is not the model ("deepset is …", "Acme 1.0 is …").
            && !maker_named(&subject[at..at + len], names)
            // The label qualifies the copula's own noun: "is an open-source
            // framework", not "is the company behind the open-source
            // framework X".
            && (*v + 1..occ.start).all(|j| {
                let x = &t[j];
                !x.word
                    || x.joined
                    || matches!(x.w.as_str(), "a" | "an" | "the" | "new" | "100")
                    || x.w.ends_with("ly")
                    || adjective_at(t, j)
                    || descriptive(&x.w)
            })
        {
            return found(label, raw(&subject[at..at + len]), t, *v, np_end);
        }
        // "This open-source repository contains our Acme-7B models": the
        // card's repository, labelled, holds the model.
        if occ.kind == Kind::OpenSource
            && matches!(
                &walk.governor,
                Governor::SelfDeterminer(_) | Governor::Start
            )
            && t.get(head_at)
                .is_some_and(|h| matches!(h.w.as_str(), "repository" | "repo"))
            && t.get(head_at + 1).is_some_and(|v| {
                matches!(
                    v.w.as_str(),
                    "contains" | "includes" | "hosts" | "provides" | "holds" | "offers"
                )
            })
            && let Some(subject) = self_subject(&t[head_at + 2..t.len().min(head_at + 12)], names)
        {
            return found(label, subject, t, occ.start, head_at + 2);
        }
        // "This model is an open-source implementation", "our SEED series
        // is the first open-source work": a subject that names the model by
        // a model noun says what the predicate's noun is.
        if head == Head::NotModel
            && let Governor::Copula(v) = &walk.governor
            && let Some(subject) = model_noun_subject(t, *v, names)
        {
            return found(label, subject, t, from(&walk.governor), np_end);
        }
        if head == Head::NotModel && !(walk.ranking && peer_noun(t, head_at)) {
            return placed_under(t, occ, &walk, head_at, names)
                .and_then(|s| found(label, s, t, occ.start.saturating_sub(2), np_end));
        }
        let plural_head = t
            .get(head_at)
            .is_some_and(|h| h.w.ends_with('s') && !h.w.ends_with("ss"));
        let generic_plural = matches!(
            t.get(head_at).map(|h| h.w.as_str()),
            Some("models" | "llms" | "lms" | "plms" | "networks" | "variants" | "versions")
        ) && occ.kind != Kind::OpenModel;
        if walk.ranking && occ.kind != Kind::OpenSource {
            let subject = match &walk.governor {
                Governor::Copula(v) => copula_subject(t, *v, names),
                Governor::SelfDeterminer(i) => Some(raw(&t[*i..np_end])),
                _ => None,
            }?;
            return found(label, subject, t, from(&walk.governor), np_end);
        }
        if walk.ranking {
            if head == Head::NotModel && !peer_noun(t, head_at) {
                return None;
            }
            let subject = ranked_subject(t, occ, &walk, np_end, names)?;
            let start = occ.start.saturating_sub(3);
            return found(Label::Implicit, subject, t, start, np_end);
        }
        // "ChatGLM2-6B is the second-generation version of the open-source
        // chat model ChatGLM-6B": a name set after the labelled model noun
        // is the model it labels, another than the subject.
        if !matches!(walk.governor, Governor::Name(..)) && names_labelled_other(t, occ.end, names) {
            return None;
        }
        let subject = match &walk.governor {
            Governor::SelfDeterminer(i) => Some(raw(&t[*i..np_end])),
            Governor::Name(a, b) => Some(raw(&t[*a..*b])),
            Governor::Copula(v) => copula_subject(t, *v, names),
            Governor::Apposition(m) => self_subject(appositive(t, *m), names),
            Governor::Release(_)
                if walk.singular && head != Head::None || head == (Head::Model { name: true }) =>
            {
                Some(raw(&t[occ.start..np_end]))
            }
            // "our efforts in creating the open source version of X": what
            // the makers release, even with "the".
            Governor::Release(v)
                if matches!(head, Head::Model { .. })
                    && t[..occ.start].last().is_some_and(|x| x.w == "the")
                    && we_release(&t[..*v]) =>
            {
                Some(raw(&t[occ.start..np_end]))
            }
            Governor::Start
                if (!walk.plural_det || !plural_head)
                    && !generic_plural
                    && (matches!(head, Head::Model { .. }) || walk.singular)
                    && !described_other(t, occ, names) =>
            {
                Some(raw(&t[occ.start..np_end]))
            }
            Governor::Preposition(_) if head == (Head::Model { name: true }) => {
                Some(raw(&t[occ.start..np_end]))
            }
            Governor::Preposition(p) if occ.kind == Kind::Weights && p == "with" => {
                Some(raw(&t[occ.start..np_end]))
            }
            // "We released Acme, with open-source model checkpoints".
            Governor::Preposition(p)
                if p == "with"
                    && matches!(head, Head::Model { .. })
                    && released_before(t, walk.prep_at) =>
            {
                self_in(t, walk.prep_at, names)
            }
            // "release the model weights and code as open source".
            Governor::Preposition(p) if p == "as" => released_as(t, walk.prep_at, occ.end, names),
            // "not identical to the open-source models": with nothing else
            // named or compared, the definite open-source models are the
            // card's own.
            Governor::Preposition(p)
                if !matches!(p.as_str(), "over" | "than" | "against" | "versus" | "vs")
                    && definite_own(t, occ, head, head_at, names) =>
            {
                Some(raw(&t[occ.start - 1..np_end]))
            }
            // "This model is intended for open-source use."
            Governor::Preposition(p)
                if p == "for"
                    && t.get(head_at)
                        .is_some_and(|h| USE_NOUNS.contains(&h.w.as_str())) =>
            {
                first_copula(t, walk.prep_at).and_then(|v| copula_subject(t, v, names))
            }
            // "the use of the open-sourced model and code": the card's
            // terms of use speak of its own model.
            _ if used_own_model(t, occ, head_at) => Some(raw(&t[occ.start - 1..np_end])),
            _ => None,
        }?;
        return found(label, subject, t, from(&walk.governor), np_end);
    }

    // "ranked first in open source", "the state of the art for open source".
    if walk.ranking
        && occ.kind == Kind::OpenSource
        && (head == Head::None || head == Head::Other && next_w == Some("and"))
    {
        let subject = ranked_subject(t, occ, &walk, occ.end, names)?;
        return found(
            Label::Implicit,
            subject,
            t,
            occ.start.saturating_sub(3),
            occ.end,
        );
    }

    // "open weights" standing alone: the model's own weights, unless the
    // sentence is about something else.
    if occ.kind == Kind::Weights {
        if walk.ranking {
            return None;
        }
        return match &walk.governor {
            Governor::Copula(v) => copula_subject(t, *v, names),
            Governor::Apposition(m) => self_subject(appositive(t, *m), names),
            Governor::OtherVerb | Governor::Preposition(_) => {
                if matches!(&walk.governor, Governor::Preposition(p) if p != "with") {
                    None
                } else {
                    Some(self_in(t, occ.start, names).unwrap_or_else(|| IMPLIED.to_owned()))
                }
            }
            Governor::SelfDeterminer(i) => Some(raw(&t[*i..occ.end])),
            Governor::Name(a, b) => Some(raw(&t[*a..*b])),
            Governor::Release(_) | Governor::Start => Some(IMPLIED.to_owned()),
        }
        .and_then(|s| found(label, s, t, occ.start, occ.end));
    }

    // Predicative or passive: "<subject> is (fully) open source", "was
    // open-sourced by", "released as open source"; "… and open-sourced by"
    // shares the sentence's subject.
    let subject = if occ.kind == Kind::OpenSource && occ.start > 0 && t[occ.start - 1].w == "and" {
        let v = first_copula(t, occ.start)?;
        copula_subject(t, v, names)
    } else {
        let participle = matches!(phrase_word, "sourced" | "opensourced");
        match &walk.governor {
            // "We are fully open source.": the maker speaks of its release.
            Governor::Copula(v)
                if next_w.is_none()
                    && subject_before(t, *v)
                        .iter()
                        .map(|x| x.w.as_str())
                        .eq(["we"]) =>
            {
                Some(raw(subject_before(t, *v)))
            }
            Governor::Copula(v) => copula_subject(t, *v, names),
            Governor::Preposition(p) if p == "as" => released_as(t, walk.prep_at, occ.end, names),
            // "All Acme checkpoints are released open-source."
            Governor::Release(v)
                if *v > 0 && t[*v].w.ends_with("ed") && COPULAS.contains(&t[*v - 1].w.as_str()) =>
            {
                copula_subject(t, *v - 1, names)
            }
            // A heading "## Acme — open-source, Apache-2.0".
            Governor::Name(a, b) if heading => Some(raw(&t[*a..*b])),
            // "This model is intended for open-source use."
            Governor::Preposition(p)
                if p == "for" && next_w.is_some_and(|w| USE_NOUNS.contains(&w)) =>
            {
                first_copula(t, walk.prep_at).and_then(|v| copula_subject(t, v, names))
            }
            // A line of its own: "- Available open-source for research".
            Governor::Start if fragment_lead(t, occ) && !by_another(t, occ.end, names) => {
                Some(IMPLIED.to_owned())
            }
            // A news line: "Acme-7B v1.0 open-sourced."
            Governor::Name(a, b) if participle && next_w.is_none() => Some(raw(&t[*a..*b])),
            // "Acme-7B, open-sourced by Acme Labs, …": the participle
            // qualifies the model named before it.
            _ if participle
                && next_w == Some("by")
                && t[..occ.start].last().is_some_and(|p| p.w == ",") =>
            {
                self_in(t, occ.start, names)
            }
            _ => None,
        }
    }?;
    found(label, subject, t, from(&walk.governor), occ.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(repo: &str) -> Names {
        Names::for_model(repo, &serde_json::json!({}), None)
    }

    fn label(repo: &str, s: &str) -> Option<Label> {
        detect(&super::super::text::plain(s), &names(repo)).map(|f| f.label)
    }

    /// Each sentence, on the card of `repo`, gets the label `want`.
    fn each(repo: &str, want: Option<Label>, sentences: &[&str]) {
        for s in sentences {
            assert_eq!(label(repo, s), want, "{s}");
        }
    }

    /// The last noun of a compound is its head: an "API caller" is the
    /// model's role, the "API" only what it calls.
    #[test]
    fn a_compound_s_last_noun_is_its_head() {
        each(
            "acme/Quokka-7B",
            Some(Label::OpenSource),
            &[
                "Quokka is an open-source API caller trained by fine-tuning Wombat weights.",
                "Quokka is an open-source code generator.",
                "Quokka is an open-source, free, lightweight model.",
                "Quokka is open-source, free, and fast.",
            ],
        );
        each(
            "acme/Quokka-7B",
            None,
            &[
                "Quokka is an open-source code library.",
                // Adjectives in a row, each after its comma, qualify the
                // noun after them.
                "Quokka is an open-source, free, lightweight library for text.",
                "Quokka uses an open-source data loader.",
                "Quokka is trained with the open-source API and a code generator.",
            ],
        );
    }

    /// A feature listed under a key and ranked among open-source models is
    /// the model's; not when the item names another model or compares.
    #[test]
    fn a_listed_feature_ranked_among_open_source_models_is_the_model_s() {
        each(
            "acme/quokka2-chat-7b",
            Some(Label::Implicit),
            &[
                "- **Strong performance**: leading performance among open-source models in similar sizes.",
                "- **Outstanding comprehensive performance**: Better than the last generation, with leading performance among open-source models of its size.",
            ],
        );
        each(
            "acme/quokka2-chat-7b",
            None,
            &[
                "- **Wombat-7B**: leading performance among open-source models.",
                "- **Strong performance**: Wombat has leading performance among open-source models.",
                "- **Strong performance**: the Wombat-7B results lead among open-source models.",
            ],
        );
    }

    /// A fronted ranking ranks the main clause's subject, "it" too.
    #[test]
    fn a_fronted_ranking_ranks_the_subject_after_it() {
        each(
            "acme/Quokka-16B-Base",
            Some(Label::Implicit),
            &[
                "Among open-source models of similar scale, it achieved relatively good performance.",
                "Compared to other open-source models, it does well.",
            ],
        );
        each(
            "acme/Quokka-16B-Base",
            None,
            &[
                "Like other open-source models, it may hallucinate.",
                "Among open-source models of similar scale, Wombat achieved good performance.",
            ],
        );
    }

    /// Those thanked for open-sourcing a model did it, not the card's
    /// maker, whatever the model is called.
    #[test]
    fn the_one_thanked_for_open_sourcing_did_it() {
        each(
            "someone/OpenWombat-Quokka-8x7B",
            None,
            &[
                "Huge thank you to Teknium for open-sourcing the Wombat dataset, Acme for open sourcing the Quokka model, and Beta for compute.",
                "Thanks to Acme for open-sourcing Quokka.",
                "We are grateful to Acme for open sourcing the Quokka model.",
            ],
        );
        each(
            "acme/Quokka-8x7B",
            Some(Label::OpenSource),
            &[
                "We thank the community by open-sourcing our code and models.",
                "We are open-sourcing the Quokka model.",
            ],
        );
    }

    /// A name set after the labelled model noun is the model labelled:
    /// the predecessor, not the card's model.
    #[test]
    fn a_name_after_the_labelled_noun_is_what_it_labels() {
        each(
            "acme/quokka2-7b",
            None,
            &[
                "Quokka2-7B is the second-generation version of the open-source bilingual (English-Latin) chat model [Quokka-7B](https://x).",
                "Quokka**2**-7B is the successor of the open-source chat model Wombat-7B.",
                "We build on the open-source model Wombat.",
            ],
        );
        each(
            "acme/quokka2-7b",
            Some(Label::OpenSource),
            &[
                "Quokka2-7B is an open-source bilingual chat model.",
                "Quokka2-7B is an open-source chat model Quokka2-7B, made by Acme.",
                "Quokka2-7B is an open-source model In English and Latin.",
            ],
        );
    }

    /// A predicate joined with "and" to a clause is said of the clause's
    /// subject.
    #[test]
    fn a_second_predicate_shares_its_clause_s_subject() {
        each(
            "acme/Quokka-7B",
            Some(Label::OpenSource),
            &[
                "Though this model uses MIT license and will always remain open-source, we email you.",
                "Quokka uses the MIT license and is open source.",
                "Quokka was trained on our data and is fully open-source.",
            ],
        );
        each(
            "acme/Quokka-7B",
            None,
            &[
                "The Wombat team uses our code and will remain open-source.",
                "Quokka datasets and code are open source.",
                "We use Quokka and it is open source.",
            ],
        );
    }

    /// A label verb after "to" is negated by what governs the "to"; a
    /// fronted phrase before a comma is no noun the label's phrase could
    /// stand in apposition to.
    #[test]
    fn negated_infinitives_and_fronted_phrases() {
        each(
            "acme/Quokka-7B",
            None,
            &[
                "Due to company policy, we are unable to open-source the model used in the paper.",
                "We do not plan to open-source the model.",
                "We have no plans to fully open-source the model.",
                "We cannot open-source the model.",
                "Like Wombat, the open-source model Koala is fast.",
            ],
        );
        each(
            "acme/Quokka-7B",
            Some(Label::OpenSource),
            &[
                "We are happy to open-source the model.",
                "The API model is not identical to the open-source model.",
                "Due to differences in dataset size, the open-sourced model may not match the paper.",
                "As the first open-source TTS model that tried to combine flow matching and DiT, Quokka-7B is fast.",
                "For this reason, the open-source version differs from the one in our paper.",
            ],
        );
    }

    #[test]
    fn the_labelled_model_named_after_it_or_its_licence() {
        each(
            "acme/Quokka-05B",
            Some(Label::OpenSource),
            &[
                "Our contribution is an accurate and fully transparent open-source 0.5 billion (0.5B) parameter SLM, named `Quokka`, for phones.",
                "We present a fully open-source 7B language model, called Quokka.",
            ],
        );
        each(
            "acme/Quokka-05B",
            None,
            &["It outperforms an open-source model called Wombat."],
        );
        each(
            "acme/Quokka-7B-Chat",
            Some(Label::Implicit),
            &[
                "We are changing the open-source license for the large model of this project to the Acme Model License.",
                "There will be an update to the open-source license of the model.",
            ],
        );
        each(
            "acme/Quokka-7B-Chat",
            None,
            &[
                "We follow the open-source license of the base model.",
                "We use the open-source license for our code.",
            ],
        );
    }

    #[test]
    fn a_class_of_open_and_closed_models_says_nothing_of_the_model() {
        each(
            "acme/Quokka-7B",
            None,
            &[
                "The instruct model, `Quokka-7B`, achieves state-of-the-art performance among open-source and closed-source VLMs under 5b parameters.",
                "Quokka is the best among closed-source and open-source models.",
                "Quokka beats both proprietary and open-source models.",
            ],
        );
        each(
            "acme/Quokka-7B",
            Some(Label::OpenSource),
            &["Quokka is open source and commercial use is allowed."],
        );
    }

    #[test]
    fn another_of_the_maker_s_models_is_not_the_model() {
        each(
            "acme/Quokka-7B",
            None,
            &[
                // A sibling of another size, or a part named otherwise.
                "Our Quokka-70B model outperforms other open-source models like Wombat.",
                "We are open-sourcing our Conformer-based Numbat-2 speech encoder.",
                "- [2024/02] We open-source our Wombat-3B-v2 checkpoints.",
                // Models that are there already, or are named after the noun.
                "- **Reasoning Stage.** Harnessing an existing open-sourced LLM as the core.",
                "We compare with the open-source medical model WombatGPT-13B.",
                // Data, not a model.
                "We also open-sourced our evaluation set on the Hub.",
                // A sibling by its size alone, ranked or released.
                "Moreover, our 70B model scored 86.5, marking the highest result among open-source LLMs.",
                "We open-source a 70B model built with our new tokenizer.",
                // Named after the noun, set off by a comma or as a link.
                "Our new open-source project, [WomBat: an agent framework](https://example.com), is out.",
                // A model by a name the card does not know, and a model's script.
                "It is a multilingual version of the Wombat model, an open-source, MIT-licensed model.",
                "We opensourced the finetune script for Wombat-8B.",
            ],
        );
        each(
            "acme/Quokka-7B",
            Some(Label::Implicit),
            &[
                "Moreover, our model scored 86.5, marking the highest result among open-source LLMs.",
            ],
        );
        each(
            "acme/Quokka-7B",
            Some(Label::OpenSource),
            &[
                "We open-source our 7B-Chat model.",
                "We open-source our FP8 and W4A16 checkpoints.",
                "We open-source a 7B-parameter model series, Quokka.",
                "Quokka 7B/13B are open-source models.",
                "We release the open-source model Quokka-7B.",
                "We open-source the models [Quokka-2B](https://example.com) and [Quokka-7B](https://example.com).",
            ],
        );
        assert_eq!(
            label(
                "acme/Quokka-7B",
                "Our Quokka-7B model outperforms other open-source models."
            ),
            Some(Label::Implicit)
        );
    }

    #[test]
    fn results_ranked_among_open_source_models_and_roles_set_off_by_commas() {
        each(
            "acme/Quokka-7B",
            Some(Label::Implicit),
            &[
                "In general understanding, Quokka-7B models achieve state-of-the-art open-source results.",
                "Quokka also achieves open-source SoTA on reasoning benchmarks.",
                "Quokka achieves strong results, setting a new performance ceiling for open-source vision-language models.",
                "Quokka outperforms proprietary baselines and other open-source agents across four benchmarks.",
                "Quokka scored 75.5 on HumanEval, setting a new high for open-source models.",
                // The maker's result, and the top of a board of open-source models.
                "We achieved 75.5 on HumanEval, setting a new high for known open-source models.",
                "- May 1, 2025: We achieved the Top1 on the Arena's leaderboard for open-source models.",
                "Quokka ranks first on the leaderboard for open-source models.",
                // Set above the best there was, it is the best now.
                "On miniF2F, it achieves a 57.6% success rate, exceeding the previous best open-source model by 7.6%.",
                "Quokka-7B surpasses the prior state-of-the-art open-source model.",
            ],
        );
        each(
            "acme/Quokka-7B",
            None,
            &[
                "We compare with the top models on the leaderboard for open-source models.",
                "Wombat topped the leaderboard for open-source models.",
                "Our leaderboard for open-source models is updated weekly.",
                "Wombat surpasses the previous best open-source model.",
            ],
        );
        each(
            "acme/Quokka-7B",
            Some(Label::OpenSource),
            &[
                "The results show that Quokka 7B, as an open-source model, rivals closed models.",
                "Quokka-Chat is the dialogue model within our open-source [Quokka Family](https://example.org).",
                "`Quokka` is an open-source multimodal framework that includes a native autoregressive model.",
                "* **2024-03-12**: The parameter of [Quokka-7B](https://example.org) is open-sourced!",
            ],
        );
        each(
            "acme/Quokka-7B",
            None,
            &[
                "Acme is the company behind the open-source framework Wombat.",
                "Quokka Optimum is a new open-source library and toolkit for accelerators.",
                "The Quokka dataset is an open-source framework.",
                "Wombat achieves state-of-the-art open-source results.",
            ],
        );
    }

    #[test]
    fn set_above_open_source_models_the_model_is_not_among_them() {
        each(
            "acme/Quokka-7B",
            None,
            &["Quokka shows better qualitative results than the leading open-source models."],
        );
        each(
            "acme/Quokka-7B",
            Some(Label::Implicit),
            &[
                "Quokka shows better results than other open-source models.",
                "Quokka ranked first among all existing open-source models.",
            ],
        );
    }

    #[test]
    fn the_model_by_name_or_self_word_is_a_claim() {
        let cases = [
            (
                "acme/Zephyrine-7B",
                "Zephyrine is a fully open source model trained from scratch.",
            ),
            (
                "acme/Zephyrine-7B",
                "Zephyrine-7B is an open-source and commercially viable LLM.",
            ),
            (
                "acme/Quill-13B",
                "# Quill is an open source Stable Diffusion model for ink drawings",
            ),
            (
                "acme/Quill-13B",
                "Quill: An Open-Source Bilingual Language Model",
            ),
            (
                "acme/m",
                "We open-source our pretrained retrieval model to help researchers.",
            ),
            ("acme/m", "We have open-sourced the weights of the model."),
            (
                "acme/m",
                "This model was fine-tuned by us and open-sourced by ACME Labs.",
            ),
            (
                "acme/m",
                "The model is released as open source under Apache 2.0.",
            ),
            (
                "acme/m",
                "Your input helps us improve our open-source offerings.",
            ),
            ("acme/m", "It is an open-source model."),
            ("acme/m", "Our checkpoints are open source."),
            (
                "acme/Brisk-CLIP-base",
                "The first open source Welsh CLIP, trained on 5M image-text pairs.",
            ),
            (
                "acme/Brisk-CLIP-base",
                "To our knowledge, our BriskCLIP is the only open-sourced Welsh CLIP.",
            ),
            (
                "acme/Marlin-Ubert-base",
                "We collected 40 datasets to train open-source Marlin.",
            ),
            ("acme/m", "All models should be free and open source."),
        ];
        for (repo, s) in cases {
            assert_eq!(label(repo, s), Some(Label::OpenSource), "{repo}: {s}");
        }
    }

    #[test]
    fn what_is_labelled_decides() {
        for (repo, s) in [
            ("acme/m", "The model code has been open sourced on GitHub."),
            (
                "acme/m",
                "We release an open-source Python library for inference.",
            ),
            (
                "acme/m",
                "Our open source implementation is available here.",
            ),
            (
                "acme/m",
                "The training data comes from open-source repositories on GitHub.",
            ),
            (
                "acme/m",
                "We thank the authors for their open-source toolkit.",
            ),
            ("acme/m", "Totto is an open-source table-to-text dataset."),
            (
                "acme/m",
                "The project is open source and can be found here.",
            ),
            ("acme/m", "Outputs were generated by open-source models."),
            (
                "acme/m",
                "This model is used in Open Assistant, an Open Source chatbot alternative.",
            ),
            (
                "acme/m",
                "OpenWebText, an opensource recreation of the WebText dataset.",
            ),
            ("acme/m", "Based on many released open-source models."),
            (
                "acme/m",
                "The data scripts and evaluation code are open-sourced.",
            ),
            (
                "acme/Zephyrine-7B",
                "Zephyrine outperforms open-source chat models on most benchmarks.",
            ),
            (
                "acme/m",
                "Hence it is imperative to develop open-source LLMs for code.",
            ),
            ("acme/m", "This model is not open source."),
            ("acme/m", "The weights aren't fully open-sourced yet."),
            (
                "acme/m",
                "See [the license](https://opensource.org/licenses/MIT).",
            ),
            ("acme/m", "We bring NLP to the industry via open source!"),
        ] {
            assert_eq!(label(repo, s), None, "{s}");
        }
    }

    #[test]
    fn base_model_titles_are_not_the_model() {
        let n = Names::for_model(
            "acme/gpt-neox-20b-poems",
            &serde_json::json!({}),
            Some("A fine-tuned version of [EleutherAI/gpt-neox-20b](x) for poems."),
        );
        let s = "title = {GPT-NeoX-20B: An Open-Source Autoregressive Language Model},";
        assert_eq!(detect(s, &n), None);
        let own = names("EleutherAI/gpt-neox-20b");
        assert_eq!(detect(s, &own).map(|f| f.label), Some(Label::OpenSource));
    }

    #[test]
    fn rankings_are_implicit_claims() {
        let f = detect(
            "The accuracy of Zephyrine is much higher than that of other open source models.",
            &names("acme/Zephyrine-7B"),
        )
        .unwrap();
        assert_eq!(f.label, Label::Implicit);
        assert_eq!(f.subject, "Zephyrine");
        assert!(f.phrase.contains("other open source models"), "{f:?}");
        assert_eq!(
            label(
                "acme/m",
                "Our model is the best open-source model for Welsh."
            ),
            Some(Label::Implicit)
        );
        assert_eq!(
            label(
                "acme/m",
                "Other vendors rank among the best open-source models."
            ),
            None
        );
    }

    #[test]
    fn weaker_labels_about_the_model() {
        let n = "acme/Gemma-like-2b";
        assert_eq!(
            label(
                n,
                "Gemmalike is a family of lightweight, state-of-the-art open models."
            ),
            Some(Label::OpenWeights)
        );
        assert_eq!(
            label(
                n,
                "### Pixel Cats model trained by @x with open weights, configs and prompts"
            ),
            Some(Label::OpenWeights)
        );
        assert_eq!(
            label(n, "This model is open access and available to all."),
            Some(Label::OpenAccess)
        );
        assert_eq!(
            label(n, "We provide open access to our model weights."),
            Some(Label::OpenAccess)
        );
        each(
            n,
            None,
            &[
                "Trained on Smithsonian Open Access images.",
                "- MET Museum Open Access",
                "Open-access articles from the PubMed repository.",
                "LAION is the largest openly available image-text dataset.",
                "It is better than open-weight models of its size.",
                "The weights are not open access.",
            ],
        );
    }

    #[test]
    fn every_claim_names_its_subject_and_phrase() {
        let f = detect(
            "SkyCode is a multi-language open source programming model released by Acme.",
            &names("acme/SkyCode"),
        )
        .unwrap();
        assert_eq!(f.subject, "SkyCode");
        assert!(
            f.phrase.starts_with("is a multi-language open source"),
            "{f:?}"
        );
    }

    #[test]
    fn the_readme_examples_hold() {
        for (repo, s, want) in [
            (
                "x/SkyCode",
                "SkyCode is a multi-language open source programming model.",
                Some(Label::OpenSource),
            ),
            (
                "x/Yuyuan-GPT2-3.5B",
                "Our Yuyuan-GPT2-3.5B is the largest open-source GPT2 model.",
                Some(Label::OpenSource),
            ),
            (
                "x/longformer_zh",
                "We open source our pretrained longformer model.",
                Some(Label::OpenSource),
            ),
            (
                "x/polyglot-ko-1.3b",
                "Polyglot-Ko: Open-Source Korean Autoregressive Language Model",
                Some(Label::OpenSource),
            ),
            (
                "x/SkyCode",
                "On HumanEval, SkyCode is also much higher than that of other open source models.",
                Some(Label::Implicit),
            ),
            (
                "x/Llama-2-7b-chat-hf",
                "Llama-2-Chat models outperform open-source chat models",
                None,
            ),
            (
                "x/AltCLIP",
                "The model code has been open sourced on [FlagAI](https://github.com/x).",
                None,
            ),
            (
                "x/tts",
                "title={{Espnet-TTS}: Unified, reproducible, and integratable open source end-to-end text-to-speech toolkit},",
                None,
            ),
            (
                "x/m",
                "Gemma is a family of lightweight, state-of-the-art open models",
                None,
            ),
            (
                "x/gemma-2b",
                "Gemma is a family of lightweight, state-of-the-art open models",
                Some(Label::OpenWeights),
            ),
        ] {
            assert_eq!(label(repo, s), want, "{repo}: {s}");
        }
    }

    #[test]
    fn a_hostile_sentence_is_read_in_bounded_work() {
        let s = "This model is open source and ".repeat(20_000);
        assert_eq!(label("x/m", &s), Some(Label::OpenSource));
        let s = "open source ".repeat(50_000);
        assert_eq!(label("x/m", &s), None);
    }

    #[test]
    fn more_ways_to_say_it() {
        for (repo, s, want) in [
            (
                "Qwen/Qwen-7B",
                "The Qwen series open-source model is licensed under the Tongyi Qianwen License.",
                Some(Label::OpenSource),
            ),
            (
                "acme/Taiyi-7B",
                "The Taiyi series models are the next generation of open-source LLMs.",
                Some(Label::OpenSource),
            ),
            (
                "acme/Nimbus-7B",
                "We are excited to open-source Nimbus, a 7B chat model.",
                Some(Label::OpenSource),
            ),
            (
                "acme/m",
                "Model weights are released under an open-source license (Apache 2.0).",
                Some(Label::OpenSource),
            ),
            (
                "acme/m",
                "We share our trained model and code in an online open-source repository.",
                Some(Label::OpenSource),
            ),
            (
                "acme/Nimbus-7B",
                "Nimbus is the #1 open-source model on the leaderboard.",
                Some(Label::Implicit),
            ),
            (
                "acme/m",
                "This is an open-source model for Welsh.",
                Some(Label::OpenSource),
            ),
            (
                "acme/m",
                "Open-source LLMs such as Llama and Mistral were compared.",
                None,
            ),
            (
                "acme/m",
                "Like other open-source models, it may hallucinate.",
                None,
            ),
            (
                "acme/m",
                "The dataset is released under an open-source license.",
                None,
            ),
            (
                "acme/m",
                "All code is available under an open source license.",
                None,
            ),
            (
                "acme/m",
                "Compared to open-source models, ours is faster.",
                None,
            ),
            (
                "acme/m",
                "The code is open source, but the weights are not.",
                None,
            ),
        ] {
            assert_eq!(label(repo, s), want, "{repo}: {s}");
        }
    }

    fn with_base(repo: &str, base: &str, s: &str) -> Option<Label> {
        let n = Names::for_model(repo, &serde_json::json!({ "base_model": base }), None);
        detect(&super::super::text::plain(s), &n).map(|f| f.label)
    }

    #[test]
    fn the_name_as_subject_through_adjectives_and_coordinations() {
        for s in [
            "Quokka-7B is an open-source and commercially usable language model.",
            "Quokka is an advanced open-source language model designed for chat.",
            "Quokka-V2-7B, an advanced open-source language model with 7 billion parameters, runs on phones.",
            "Quokka is a permissively licensed open source reproduction of a larger model.",
            "Quokka is the top performer among similarly sized open-source models.",
            "This open-source, wildlife-themed text-to-image model has been improved.",
            "We offer researchers and the NLP (Natural Language Processing) community the first open-source Welsh model.",
        ] {
            assert!(label("acme/Quokka-7B", s).is_some(), "{s}");
        }
        // Sizes and variant words do not hide the name.
        assert_eq!(
            label(
                "acme/Wombat-Chat-1M-Jax",
                "Wombat-1M-Jax is an open-source model trained on long videos."
            ),
            Some(Label::OpenSource)
        );
    }

    #[test]
    fn a_collective_noun_between_the_name_and_the_label() {
        each(
            "acme/Quokka-Coder-7B",
            Some(Label::OpenSource),
            &[
                "Quokka is a suite of open-source language models.",
                "Quokka is a family of open-source LLMs for code.",
                "Quokka is an innovative library of open-source language models, fine-tuned with a new method.",
                "Quokka-Coder is a series of open-source code language models that delivers strong results.",
                "The Quokka series models are the next generation of open-source LLMs.",
                "Quokka is the latest version of the sophisticated open-source drawing model.",
            ],
        );
    }

    #[test]
    fn the_label_as_a_verb_or_a_result_with_the_model_as_object() {
        each(
            "acme/Quokka-7B",
            Some(Label::OpenSource),
            &[
                "We have made Quokka models open source for research and commercial use.",
                "We open-source Quokka-7B in this release.",
                "open-source the 7B model weights",
                "With Quokka-2, we are open-sourcing base and chat models across two sizes:",
                "We open-source this fine-tune under Apache 2.0.",
                "Quokka-7B-Chat ver 1.0 open-sourced.",
                "A month later, we have open-sourced the Quokka-Math series, including base models.",
                "New tokenizer, open-sourcing the Quokka and Wallaby LLMs.",
                "Acme Labs open sources a cased model for Welsh.",
                "The team has introduced the open-source model Quokka-7B-base.",
                "We released Quokka, with open-source model checkpoints and a demo.",
                "We release the model weights and code as open source contribution to the community.",
                "This is made as an open source lighter version of a larger autoencoder.",
                "All Quokka checkpoints are released open-source.",
                "## Quokka — open-source, Apache-2.0",
            ],
        );
        // The weights of another size are a sibling's.
        each(
            "acme/Quokka-7B",
            None,
            &["open-source the 13B model weights"],
        );
    }

    /// A note's key before a colon opens the sentence; the model's own
    /// name may be called a framework with describing adjectives.
    #[test]
    fn a_note_s_key_and_a_described_framework() {
        each(
            "acme/Quokka-7B",
            Some(Label::OpenSource),
            &[
                "**Note**: Please note that the open-sourced Quokka was trained on music.",
                "Quokka is a comprehensive open-source framework for scaling agent data and models.",
            ],
        );
        each(
            "acme/Quokka-7B",
            None,
            &[
                "Update: the open-source Wombat-2 is out.",
                "Wombat: the open-source model.",
                "Quokka uses a comprehensive open-source framework.",
            ],
        );
    }

    /// The card's own model after the participle ("The model open-sourced
    /// here"), and the card's repository that holds it.
    #[test]
    fn the_model_open_sourced_here_and_the_repository_that_holds_it() {
        each(
            "acme/Quokka-7B",
            Some(Label::OpenSource),
            &[
                "The model open-sourced here is a base generation model.",
                "This open-source repository contains our Quokka-7B and Quokka-2B models.",
            ],
        );
        each(
            "acme/Quokka-7B",
            None,
            &[
                "The model open-sourced by Wombat Labs is a base model.",
                "This open-source repository contains the code for Wombat.",
                "We build on an open-source repository that contains many models.",
            ],
        );
    }

    /// A note in brackets is no part of a subject, and "with <noun phrase>
    /// being …" has its own subject.
    #[test]
    fn subjects_past_a_note_in_brackets_and_of_a_participle() {
        each(
            "acme/Quokka-7B",
            Some(Label::OpenSource),
            &[
                "Model weights (7b version) have been open-sourced in our repository.",
                "The development of Quokka 2 is complete, with the model being open-sourced.",
            ],
        );
        each(
            "acme/Quokka-7B",
            None,
            &[
                "Quokka-7B is complete, with Wombat being open-sourced.",
                "Wombat weights (the Acme tokenizer) have been open-sourced.",
            ],
        );
    }

    #[test]
    fn the_model_s_parts_or_code_and_models_together_are_the_model() {
        each(
            "acme/Quokka-7B",
            Some(Label::OpenSource),
            &[
                "We have open-sourced the model parameters, configuration files and tokenizer.",
                "We thank the community by open-sourcing our code and models.",
                "Our open-sourced code, data and models are for research only.",
                "Avoid the use of the open-source model, code, and its derivatives for harm.",
                "Developers may only use the open-sourced code, data, model and other artifacts.",
            ],
        );
        each(
            "acme/Quokka-7B",
            None,
            &[
                "We will open-source the training code soon.",
                "Please give us more time to prepare the code, and we will open source it.",
                "Their commitment to open-source development has made AI models accessible.",
                "Stay tuned for our technical report and open-source code release.",
                "The applications of open-sourcing large transformer models may speed up research.",
                "Open-source LLMs such as Llama and Mistral were compared.",
                "Vocals were removed using the open source Hybrid Transformer for Source Separation.",
            ],
        );
    }

    #[test]
    fn a_subject_that_lists_the_model_beside_other_things_is_the_model() {
        each(
            "numbat/Numbat-13B",
            Some(Label::OpenSource),
            &[
                "The weights and tokenizer are open-sourced.",
                "The code and models are open source.",
                "Both the training code and the model weights are open-sourced.",
                "All our code, models and data are open source.",
                "Numbat's weights are open-source.",
                "Both Numbat and its training code are open source.",
                "Numbat's model weights and inference code are open-sourced.",
                "The tokenizer, the checkpoints and the recipes are fully open source.",
                "Its weights as well as its data are open source.",
            ],
        );
        each(
            "numbat/Numbat-13B",
            None,
            &[
                "The code and data are open source.",
                "Numbat's training code and evaluation scripts are open-sourced.",
                "Other models and datasets are open-source.",
                "The datasets and models used for evaluation are open source.",
            ],
        );
    }

    #[test]
    fn the_open_source_release_or_weights_of_the_model_are_the_model() {
        each(
            "numbat/Numbat-13B",
            Some(Label::OpenSource),
            &[
                "We are happy to announce the open-source release of Numbat.",
                "- [x] Publish the open-source weights of Numbat-13B",
                "Download the open-source checkpoints of Numbat from the Hub.",
            ],
        );
        each(
            "numbat/Numbat-13B",
            None,
            &[
                "We compare against the open-source release of Wallaby.",
                "Announcing the open-source release of our training toolkit.",
            ],
        );
    }

    #[test]
    fn the_model_another_is_built_on_is_not_the_model() {
        each(
            "numbat/Numbat-13B",
            None,
            &[
                "Please follow the license of the open-source base model.",
                "Respect the terms of use of the original open-source model.",
                "Numbat is built on top of the open-source Wallaby model.",
                "It was distilled from the open-source teacher model.",
            ],
        );
        each(
            "numbat/Numbat-13B",
            Some(Label::OpenSource),
            &["Numbat-13B-Base is an open-source base model for further tuning."],
        );
    }

    #[test]
    fn the_label_as_the_key_of_a_list_item_about_the_model() {
        each(
            "numbat/Numbat-13B",
            Some(Label::OpenSource),
            &[
                "- **Open source**: the checkpoints are published under Apache-2.0.",
                "* Fully open-source: Numbat weights ship under the MIT license.",
                "- Open-source: weights, tokenizer and recipes are all public.",
            ],
        );
        each(
            "numbat/Numbat-13B",
            None,
            &[
                "- **Open source**: the evaluation harness lives on GitHub.",
                "- Open source: we thank the authors of the datasets we used.",
            ],
        );
    }

    #[test]
    fn hyphenated_compounds_qualify_and_are_never_verbs() {
        each(
            "numbat/Numbat-13B",
            Some(Label::OpenSource),
            &[
                "Numbat is an MIT-licensed, fully open-source assistant model.",
                "Numbat is an open-source, research-oriented chatbot.",
                "Numbat is an open-weight and open-source model.",
                "Numbat is a GPU-friendly, open-source text-to-speech model.",
            ],
        );
        each(
            "numbat/Numbat-13B",
            None,
            &[
                "Numbat is trained with an open-source, community-maintained toolkit.",
                "Numbat is built on Wallaby, which is open source.",
            ],
        );
    }

    #[test]
    fn a_base_named_after_the_label_is_not_the_subject() {
        let repo = "acme/Quokka-7B";
        let base = "meta-llama/Llama-2-7b";
        assert_eq!(
            with_base(
                repo,
                base,
                "Quokka is an open-source assistant trained by fine-tuning Llama-2-7B."
            ),
            Some(Label::OpenSource)
        );
        assert_eq!(
            with_base(
                repo,
                base,
                "Quokka is our open-source fine-tune of Llama-2-7B, now Apache-2.0 licensed."
            ),
            Some(Label::OpenSource)
        );
        assert_eq!(
            with_base(repo, base, "Llama-2-7B is an open-source model."),
            None
        );
        // The family's own base and a re-upload are the same family.
        assert_eq!(
            with_base(
                "acme/Quokka-7B-Chat",
                "acme/Quokka-7B",
                "Quokka is a series of open-source language models."
            ),
            Some(Label::OpenSource)
        );
        assert_eq!(
            with_base(
                "someone/Quokka-7B-GGUF",
                "acme/Quokka-7B",
                "Quokka-7B is an open-source language model."
            ),
            Some(Label::OpenSource)
        );
    }

    #[test]
    fn headings_titles_and_rankings_are_implicit_claims() {
        each(
            "acme/Quokka-7B",
            Some(Label::Implicit),
            &[
                "## Open Source License",
                "## 📑 Open-source Plan",
                "## 🧾 Open-source List",
                // The heading's own noun on either side of the label.
                "## License (Open Source)",
                "## Open-Source Licensing",
                "## 📑 Open-Sourcing Roadmap",
                "## Plan for the open-source release",
                "**Open-Source**",
                "**🤖 #1 Open-source model on MT-bench 🤖**",
                "💡 SoTA for open-source models.",
                "- Truly one of the best open-source alternative to GPT-4",
                "It **ranks #1** among open-source models on a hallucination benchmark.",
                "The Quokka model ranked first in open source on the leaderboard.",
                "It is the current state of the art for open source and can be used for any task.",
                "Additionally, compared to previous open-source models, Quokka offers a new feature.",
                "The new model achieves the best open-source performance in video benchmarks.",
                "We compare our model to Flamingo and OpenKestrel, another open-source reproduction.",
                "🏆 The Overall Best Performing Open-source 8B Model 🏆",
                "Among open-source models, Quokka ranks first.",
                "[![Open Source](https://img.shields.io/badge/Open%20Source-yes-green)](https://x.org)",
            ],
        );
        // A title's subtitle: the state of the art among open-source models.
        assert_eq!(
            label(
                "acme/Quokka-7B",
                "Quokka: Building a State-of-the-art Bilingual Open-Source Language Model"
            ),
            Some(Label::Implicit)
        );
        each(
            "acme/Quokka-7B",
            None,
            &[
                "Quokka has generally surpassed most opensource models.",
                "It consistently outperforms all the existing state-of-the-art opensource models.",
                "Quokka is the first model competitive with the best open-source Transformers.",
                "It is 24.8 points higher than the SOTA open-source LLM.",
                "Quokka surpasses other Wallaby variants and state-of-the-art open-source chat models.",
                "**Large Open-Sourced Models**",
                "## Open-source datasets",
                "## Other open-source models",
                "## Comparison with open-source models",
                "## Open-source license of the Wombat model",
                "## Comparing Quokka-7B with large open source (30B~70B) LLMs.",
                "- Thank you to Acme, for releasing another wonderful open source model.",
                "`other opensource model`: Other open-source models used must comply with their license.",
            ],
        );
    }

    #[test]
    fn an_organisation_s_name_is_no_label() {
        each(
            "acme/Quokka-13B-GPTQ",
            None,
            &[
                "* [Open Access AI Collective's original unquantised fp16 model](https://example.org/m)",
                "Quokka was trained by the Open Source AI Lab.",
                "We thank the Open Weights Foundation for compute.",
            ],
        );
        // The same words, not all capitalised or with no organisation's
        // noun after them, are labels.
        each(
            "acme/Quokka-13B",
            Some(Label::OpenAccess),
            &["Quokka is an open access AI model."],
        );
        each(
            "acme/Quokka-13B",
            Some(Label::OpenSource),
            &["Quokka is an Open Source AI model by the Acme group."],
        );
    }

    /// A verbless opening that says what the model is, then its name.
    #[test]
    fn a_fronted_predicate_is_the_subject_s() {
        each(
            "acme/Quokka-2B",
            Some(Label::OpenSource),
            &[
                "- Free to use and 100% open source, Quokka is small enough to run on a laptop.",
                "Open source and compact at 2 billion parameters, Quokka-2B embodies Acme's research.",
            ],
        );
        each(
            "acme/Quokka-2B",
            None,
            &[
                "Open source and compact, Wallaby runs on phones.",
                "Like many open source projects, Quokka welcomes contributions.",
                "We are open source and compact, Quokka runs on phones.",
            ],
        );
    }

    /// A ranking said as a negation ("no other open-source model …
    /// higher") and a line that ranks the model first count it among them.
    #[test]
    fn none_other_and_first_place_lines_rank_the_model() {
        each(
            "acme/Quokka-8B",
            Some(Label::Implicit),
            &[
                "- No other open-source 8B LLM scores higher on the BFCL",
                "No similarly sized open source model outperforms Quokka-8B.",
                "No other open-source model currently beats it.",
                "No other open source 8B-scale model currently has as much training data as this one.",
                "🏆 #1 overall among open-source models at the 8B scale 🏆",
                "#1 on AgentBench among every open source model",
                "Top-ranked open source model in the 8B class",
            ],
        );
        each(
            "acme/Quokka-8B",
            None,
            &[
                "No open-source model beats Wombat-8B.",
                "No other open-source models were used in training.",
                "No open-source code is provided.",
                "Among the top open-source models on AgentBench.",
            ],
        );
    }
    /// A fragment that opens with the label's participle, after at most a
    /// lead and its colon, describes the card's model; a lead that names
    /// code or data, an object after the participle or another maker does
    /// not.
    #[test]
    fn a_fragment_opening_with_the_participle_is_said_of_the_model() {
        each(
            "acme/Quokka-7B",
            Some(Label::OpenSource),
            &[
                "- **Pure Open**: Open-sourced under the MIT license, with no regional limits",
                "- **Truly Open**: Released as open source under MIT, for everyone",
                "Fully open-sourced.",
            ],
        );
        each(
            "acme/Quokka-7B",
            None,
            &[
                "- **Training code**: open-sourced under Apache-2.0",
                "- Open-sourced the training code",
                "Open-sourced by the Wombat team.",
            ],
        );
    }

    /// A ranking line may call the model by a noun before the class it
    /// ranks it in; "#1 of all" ranks as "#1 among" does; after "Among
    /// open-source models," the clause's subject ends at its verb.
    #[test]
    fn a_ranking_line_may_name_the_model_by_a_noun() {
        each(
            "acme/Quokka-7B",
            Some(Label::Implicit),
            &[
                "🏆 Top overall performer among all open source 7B LLMs 🏆",
                "Top-Performing 8B Model Among All Open Source Models",
                "🔥 #1 of all open source 13B models",
                "Among open source models, the model currently achieves state-of-the-art results.",
                "Among open-source versions on the market, ours is the strongest.",
                "Compared with other open-source approaches, Quokka-7B's face region is an advantage.",
            ],
        );
        each(
            "acme/Quokka-7B",
            None,
            &[
                "Among open source models, the dataset achieves state-of-the-art results.",
                "Among open source models, the Llama model achieves state-of-the-art results.",
                "It outperforms every open source LLM out there.",
            ],
        );
    }

    /// What stands between the model's noun and the label's participle
    /// does not take the label (what the model is for, a participle
    /// phrase, a version), and a phrase set off by commas between the
    /// subject and its verb is no part of the subject.
    #[test]
    fn a_description_between_the_model_and_its_release_leaves_the_label_on_the_model() {
        each(
            "acme/Quokka-7B",
            Some(Label::OpenSource),
            &[
                "Quokka-7B is a language model for Catalan released as open source.",
                "Meet Quokka-7B: a family of LLMs built for math and released fully open source.",
                "- [2024-1-17] Quokka-7B ver 1.0 released as open source.",
                "- [2024-1-17] Quokka-7B v1.0 released as open source.",
                "Quokka-7B, an API caller obtained by fine-tuning LLaMA weights, is open-sourced.",
                "A 7B base model, along with a chat model, has been open-sourced by Acme.",
                "A 7 billion parameter base model tailored for practical scenarios has been open-sourced by Acme.",
                "Quokka-7B, in contrast to other TTS models, has been fully open-sourced.",
                "The repository has further details on Quokka-7B, which we have open-sourced.",
                "Trained on 50GB of data, Quokka-7B, with 3.5 billion parameters, is the biggest open-source medical model.",
                "Quokka-7B, the first chemistry LLM ever released as open source",
                "Quokka-7B is a Stable Diffusion model fine-tuned on anime images and released as open source.",
            ],
        );
        assert!(
            label(
                "acme/Quokka-7B",
                "Quokka-7B is a Stable Diffusion model for the Samurai art style, released as open source"
            )
            .is_some()
        );
        // A base named in the model's indefinite description only says
        // what kind of model it is; a base the participle hangs from is
        // what is released.
        for s in [
            "Quokka-7B is a Stable Diffusion model for the Samurai art style, released as open source",
            "# Quokka-7B, by [Acme](https://acme.example/), is a Stable Diffusion model fine tuned on anime images and released as open source",
        ] {
            assert!(
                with_base("acme/Quokka-7B", "stabilityai/stable-diffusion", s).is_some(),
                "{s}"
            );
        }
        for s in [
            "Quokka-7B is an adapter model for Stable Diffusion released as open source.",
            "Quokka-7B is a model trained on a corpus released as open source.",
        ] {
            assert_eq!(
                with_base("acme/Quokka-7B", "stabilityai/stable-diffusion", s),
                None,
                "{s}"
            );
        }
        each(
            "acme/Quokka-7B",
            None,
            &[
                "Quokka-7B is trained on a dataset for Catalan released as open source.",
                "Quokka-7B uses a tokenizer for Catalan released as open source.",
                "The code for Quokka-7B, which we open-sourced, is here.",
                "The code, in our repo, is open-sourced.",
                "Llama, a model by Meta, is open-sourced.",
                "Quokka-7B's base, Llama 2, is open-sourced.",
                "Compared with Quokka-7B, Llama 2, the model by Meta, is open source.",
                "Quokka-7B is fine-tuned from a Stable Diffusion model released as open source.",
                "Quokka-7B's successor, Quokka-13B, is open-sourced.",
                "The tokenizer of Quokka-7B, the main novelty, is open-sourced.",
            ],
        );
    }

    /// A release by another maker, the description of another product and
    /// a name given to a thing of another kind are not the model's.
    #[test]
    fn another_maker_s_release_or_product_is_not_the_model_s() {
        each(
            "acme/Quokka-7B",
            None,
            &[
                "- Released as open source by the Wombat team, the Yi series models achieve impressive results.",
                "[6] OpenCLIP — an open-source reimplementation of CLIP.",
            ],
        );
        each(
            "acme/lenu_AT",
            None,
            &[
                "The python library [lenu](https://github.com/acme/lenu), which is open source, also helps.",
            ],
        );
        each(
            "acme/Quokka-7B",
            Some(Label::OpenSource),
            &["- Released as open source by the Acme team."],
        );
    }

    /// The release said in other orders: the label before its object, the
    /// act as a noun, a fragment's purpose, a heading of what the makers
    /// release.
    #[test]
    fn a_release_said_in_another_order_is_the_model_s() {
        each(
            "acme/Quokka-7B",
            Some(Label::OpenSource),
            &[
                "Acme releases as open source both a 7 billion parameter base model and a chat model.",
                "Training and open-sourcing of this model were carried out by Acme.",
                "- **Open-sourced for research use**.",
            ],
        );
        each(
            "acme/Quokka-7B",
            Some(Label::Implicit),
            &["## ✅ What We Open Source"],
        );
        each(
            "acme/Quokka-7B",
            None,
            &[
                "We release as open source the training code.",
                "The open-sourcing of our code is planned.",
                "The open-sourcing of Llama 2 changed the field.",
            ],
        );
    }

    /// What is released, made or open-sourced is the object: a pronoun
    /// stands for the noun before it that no preposition hangs from, and a
    /// label after the object is its complement ("released it free and
    /// open source").
    #[test]
    fn the_object_of_a_release_and_its_pronoun_are_what_the_label_is_said_of() {
        each(
            "acme/Quokka-7B",
            Some(Label::OpenSource),
            &[
                "We trained this model on Acme data and open-sourced it.",
                "Acme trained this model on the style of a game and released it free and open source.",
                "We released the weights fully open source.",
            ],
        );
        each(
            "acme/Quokka-7B",
            None,
            &[
                "We prepared the code, and we will open source it.",
                "We collected the data from the web and open-sourced it.",
                "Jang et al., who created univnet, the vocoder used in this repo, and released it as open source.",
                "We released the code free and open source.",
                "We released Wombat free and open source.",
                // A release verb far before the label is not its verb.
                "This implementation follows the same architecture as provided in the original Google model but is trained on the open source [Numbat](https://example.org/numbat) dataset.",
            ],
        );
    }

    /// The label inside the noun phrase of the model's own name, or of the
    /// role it is released as, or the predicate of a participle phrase
    /// before the model: each is said of the model, wherever the phrase
    /// stands.
    #[test]
    fn a_label_in_the_model_s_own_phrase_is_said_of_it() {
        each(
            "acme/Quokka-7B",
            Some(Label::OpenSource),
            &[
                // The name before its model noun, after any preposition.
                "See GitHub for more on the open-sourced Quokka-7B model.",
                "For details of the open-source Quokka-7B model, see the paper.",
                // The role it is released as, with an abbreviation in it.
                "Quokka-7B, which we release as an open-sourced Mixture-of-Experts (MoE) model, is fast.",
                // A participle phrase before the model.
                "Trained with the [Acme Group](https://example.org) and released as open source, this model is the work of:",
                "Released as open source, Quokka-7B is fast.",
                // The name before the maker's byline.
                "# Quokka-7B, by Acme (https://example.org): an open-source diffusion model for anime",
                // A participle coordinated with the release.
                "Quokka-7B: a diffusion model fine-tuned on anime images and released as open source",
            ],
        );
        each(
            "acme/Quokka-7B",
            None,
            &[
                // Another's model, named or released by another.
                "Quokka-7B is better than the open-source Wombat-7B model.",
                "We compare with Wombat, which Acme released as an open-source model.",
                // The participle phrase is said of the data, not the model.
                "Trained on data released as open source, this model is fast.",
                "Trained on Acme data and released as open source, the Wombat-7B model is fast.",
                // Another's byline, and what else is released.
                "Wombat, by Acme: an open-source model",
                "Quokka-7B uses a dataset collected from the web and released as open source.",
            ],
        );
        // Other open-source models of the model's kind are the class it is
        // ranked in, not the model by name.
        each(
            "acme/quokka-openpose-xl",
            Some(Label::Implicit),
            &["Compared with other open-source openpose models, ours is the state of the art."],
        );
    }

    /// One analysis for every label said after its noun phrase: the
    /// phrase is found, then resolved as any subject is.
    #[test]
    fn a_label_after_its_noun_phrase_is_said_of_that_phrase() {
        each(
            "acme/Quokka-7B",
            Some(Label::OpenSource),
            &[
                // An appositive to the name.
                "Quokka-7B, a multimodal LLM released as open source, is Wombat fine-tuned on data.",
                "Quokka-7B, a 2-billion-parameter language model that we have open-sourced.",
                "Quokka-7B, the fourth major version of the Quokka series, 100% open sourced.",
                // After a colon or a dash that follows the name.
                "Quokka 1.0 is out: a video generation project that is 100% open source.",
                "Quokka — A Bilingual Chatbot, Open Sourced",
                // The predicate of the name, or of "this".
                "Quokka is a large language model series that we have open-sourced.",
                "This is a strong German embedding model released as open source.",
                // A fragment describing the card's model.
                "State-of-the-art French embedding model, released as open source.",
                "State-of-the-art chat model, open-sourced by Acme.",
                "A text-to-speech system, released as open source, that works by inverting Whisper.",
                // A passive whose subject is the model.
                "A 7B base model and a chat model have been open-sourced by Acme.",
                // The appositive right before, after a long lead.
                "Acme's research breakthrough in function calling is Quokka-7B, a compact model that we have open-sourced.",
                // By the makers; the model with its data.
                "Quokka and the Numbat dataset have been released by us as open-source.",
                // A passive with the model as subject, whatever follows.
                "Quokka-7B is open-sourced together with the Numbat dataset.",
                "Quokka-7B is released here as open source, including its weights and code.",
                "Every part of Quokka-7B is open-sourced.",
                "Every model is released as open source in the repo.",
                // A relative clause in the present, or without its pronoun.
                "Quokka-7B, which we open-source, is a chatbot built by fine-tuning Wombat.",
                "Quokka-7B, which we are hereby open-sourcing, is small.",
                "Quokka-7B is a chatbot we have open-sourced, trained by fine-tuning an LLM.",
                // A family of models, said by "of".
                "Quokka is a family of LLMs, released open-source and tailored for math.",
                // A maker whose name holds a lone "T" ("T-Systems") is no
                // contraction's "not".
                "T-Systems open-sourced this model.",
            ],
        );
        each(
            "acme/Quokka-7B",
            None,
            &[
                // Another named model, a base, code or data.
                "Wallaby-7B, a multimodal LLM released as open source, is great.",
                "Quokka is trained on Wallaby, a model that Acme open-sourced.",
                "State-of-the-art chat model, open-sourced by the Wombat team.",
                "The Wombat series models, released as open source, have shown good results.",
                "The code, released as open source, is on GitHub.",
                "We use a dataset released as open source.",
                "For search, see Quokka SearchTool, which we have also open-sourced.",
                "The Numbat dataset has been released by us as open-source.",
                "Quokka-7B, a model released by Wombat as open source, is here.",
                "Wallaby and the Numbat dataset have been released by us as open-source.",
                // Not (yet) released, or the label before a noun.
                "Quokka-7B, a model that we have not open-sourced.",
                "Quokka-7B, a model released as open source software.",
                // Code or data of the model, or in the project; a duty.
                "The training code of Quokka-7B is open-sourced.",
                "The code in this project is open-sourced under the Apache-2.0 license.",
                "Quokka-7B is trained on datasets that we have open-sourced.",
                "Every model should be released as open source.",
                "Quokka-7B, which we don't open-source, is a chatbot.",
            ],
        );
    }

    /// One analysis for the class a line ranks or sets the model in,
    /// wherever the ranking and the member stand.
    #[test]
    fn the_class_a_ranking_sets_the_model_in_is_open_source_models() {
        each(
            "acme/Quokka-7B",
            Some(Label::Implicit),
            &[
                // "other" or "earlier" alone sets the model among them.
                "Compared with other open-source vision models, ours is the state of the art.",
                "Unlike earlier open source models, Quokka-7B also installs packages.",
                // A ranking over the whole class, with "it", "this", "that".
                "- On the BFCL, this is the highest score achieved by any open-source 8B LLM",
                "- That is the top result on the BFCL for any open source LLM in the 70B class",
                "On VideoMME, it currently ranks as state of the art among open source models.",
                // A place in the class, with the ranking anywhere.
                "Among the open source versions on the market, ours is currently the strongest.",
                "Within the Chinese open source model community, the Quokka-7B model is one of the top performers.",
                "Against open-source models of similar size, it holds up well.",
                // A fragment that opens with its ranking, or sets a feature
                // against peers.
                "🏆 Best Overall Performance Among Open-Source 7B Models 🏆",
                "- Truly among the best open source alternatives to GPT-4",
                "- One of the very best GPT-4 alternatives in the open-source world",
                "* Strong results relative to comparably sized open source models (e.g., MPT-7B)",
            ],
        );
        each(
            "acme/Quokka-7B",
            None,
            &[
                // What all of them do, or others' alone.
                "Like other open-source models, it can hallucinate.",
                "Like other open-source models, Quokka-7B can hallucinate.",
                "Any other open-source models that are used must be used under their own licenses.",
                "If you have other open-sourced models that use Quokka, tell us.",
                // A comparison, not a ranking in the class.
                "Quokka-7B is better than any open-source model.",
                "We compare against open-source models.",
                // Others' work past a coordination, or not models at all.
                "Unlike previous open-source datasets and models, Quokka-7B is multilingual.",
                "Quokka-7B thanks other open-source communities.",
                // The class's own words name no member.
                "Comparing Quokka-3B with other open source 3B size quokka LLMs.",
                // A comparison with the whole class, ranked elsewhere.
                "Quokka-7B beats all open-source models on the top benchmarks.",
            ],
        );
    }

    #[test]
    fn open_sourced_before_the_card_s_own_object_is_a_verb() {
        each(
            "acme/Quokka-7B",
            Some(Label::OpenSource),
            &[
                "Multilingual Representations : Google open sourced this BERT model pre-trained on 17 languages.",
                "Acme open-sourced these models and the code.",
            ],
        );
        // Without the card's determiner a word before it may make the
        // label an adjective, or the object another's.
        each(
            "acme/Quokka-7B",
            None,
            &[
                "Meta open-sourced Wombat 2.",
                "Acme's open-sourced models are popular.",
            ],
        );
    }

    #[test]
    fn a_derived_version_s_label_is_its_base_s() {
        each(
            "acme/Quokka-7B",
            None,
            &[
                "Quokka is a fine-tuned version of the open-source Wombat 2 model.",
                "Quokka: Small version of a state-of-the-art open source chatbot, trained on news.",
                "Quokka is a distilled version of one of the best open-source models.",
            ],
        );
        // Another format, or the line's next version, is the same model.
        each(
            "acme/Quokka-7B",
            Some(Label::OpenSource),
            &[
                "Quokka is a GGUF version of the open-source Quokka model.",
                "Quokka is the latest version of the sophisticated open-source anime model.",
                "Quokka is an open-source fine-tuned version of Wombat 2.",
            ],
        );
    }

    #[test]
    fn what_the_makers_create_with_the_is_theirs() {
        each(
            "acme/Quokka-125M",
            Some(Label::OpenSource),
            &[
                "Our wiki documents our efforts in creating the open source version of Copilot.",
                "We are building the open-source version of Copilot.",
            ],
        );
        each(
            "acme/Quokka-125M",
            None,
            &[
                "We thank Acme for creating the open-source version of Copilot.",
                "Acme is building the open-source version of Copilot.",
            ],
        );
    }

    #[test]
    fn peers_of_the_model_rank_it_among_open_source_models() {
        each(
            "acme/Quokka-7B",
            Some(Label::Implicit),
            &[
                "It outperforms other open-source models on reasoning.",
                "Quokka-7B leads its previous open-source models on every test.",
                "Quokka-7B raises the bar for open-source chat models.",
                "As the first of its kind in an open-source, burrow-aware series, Quokka-7B opens a new field.",
                // Models "comparable" or "similar" to it are its peers, as
                // the claims-2 cards have it ("It outperforms comparable
                // open-source models" on Falcon-7B).
                "It outperforms comparable open-source models on reasoning.",
                "It performs well compared to similar-size open-source models.",
                "Quokka beats comparable open-source alternatives on every test.",
                "Quokka does well when compared to similar sized open-source contemporaries such as Wallaby-7B.",
                "The Quokka model outperforms the similarly sized open-source models on all tasks.",
            ],
        );
        each(
            "acme/Quokka-7B",
            None,
            &[
                // Comparable *to* them compares it with them.
                "Quokka performs comparable to open-source models.",
                "Quokka is similar to open-source models in size.",
                "Quokka outperforms open-source alternatives.",
            ],
        );
        // Peers of the base are the base's: "Falcon-7B is a strong base
        // model, outperforming comparable open-source models" on
        // Falcon-7B-Instruct.
        let n = Names::for_model(
            "acme/Quokka-7B-Instruct",
            &serde_json::json!({}),
            Some("Quokka-7B-Instruct is a chat model built by Acme based on Quokka-7B."),
        );
        let s = "Quokka-7B is a strong base model, outperforming comparable open-source models.";
        assert_eq!(
            detect(&super::super::text::plain(s), &n).map(|f| f.label),
            None
        );
    }

    #[test]
    fn what_the_model_serves_as_and_the_models_it_is_counted_among() {
        each(
            "acme/Quokka-Speech-v0.1",
            Some(Label::OpenSource),
            &[
                "Quokka-Speech Version 0.1 distinguishes itself as an open-source solution for speech.",
                "Quokka-Speech serves as an open-source baseline for research.",
            ],
        );
        each(
            "acme/Quokka-8B",
            Some(Label::Implicit),
            &[
                "Metrics can be computed for any open source model (including Quokka).",
                "Open-source models such as Llama and Quokka are supported.",
            ],
        );
        each(
            "acme/Quokka-8B",
            None,
            &[
                "Wombat serves as an open-source baseline.",
                "We use Wombat as an open-source baseline.",
                // Another size, another version, a class of closed and
                // open models alike.
                "It beats open-source models such as Llama and Quokka-1B.",
                "Compared with open-source models, including the earlier Quokka-1.5, Quokka-2 leads.",
                "Metrics for any closed or open source model (including Quokka).",
            ],
        );
    }

    #[test]
    fn code_and_models_together_are_the_makers_release() {
        each(
            "acme/Quokka-6B",
            Some(Label::OpenSource),
            &[
                "We release open-source code and models.",
                "This project bears no risk arising from open source models and codes.",
                "Do not use open source models and codes for any purpose that may cause harm.",
            ],
        );
        each(
            "acme/Quokka-6B",
            None,
            &[
                "We thank the authors of Wombat for the open-source code and models.",
                "Our method is built on open-source code and models.",
                "Results were reproduced using the respective open-source models and scripts.",
                "Stay tuned for our technical report and open-source code release.",
                "We use open-source code and data.",
            ],
        );
    }

    #[test]
    fn a_relative_clause_labels_its_antecedent() {
        each(
            "acme/Quokka-7B",
            Some(Label::OpenSource),
            &[
                "Quokka is a collection of French large language models (LLMs) that are open-source.",
                "Quokka, which is open-source, is fast.",
            ],
        );
        each(
            "acme/Quokka-7B",
            None,
            &[
                "Quokka is trained on datasets that are open-source.",
                "Quokka is a fine-tune of Wombat models that are open-source.",
            ],
        );
    }

    #[test]
    fn a_note_in_brackets_is_no_part_of_the_name() {
        each(
            "acme/k2-v1",
            Some(Label::OpenSource),
            &["We introduce **K2** (7B), an open-source language model trained on papers."],
        );
        each(
            "acme/k2-v1",
            None,
            &["We build on Wombat (7B), an open-source language model."],
        );
    }

    #[test]
    fn a_class_of_open_and_commercial_models_says_nothing() {
        each(
            "acme/Quokka-1.7-mini",
            None,
            &[
                "Our agent Quokka-1.7-mini leads among open-source and commercial models.",
                "Our agent Quokka-1.7-mini leads among commercial and open-source models.",
            ],
        );
    }

    #[test]
    fn the_model_given_to_the_open_source_community() {
        each(
            "acme/Quokka-7B",
            Some(Label::OpenSource),
            &[
                "We release the weights and the model to the open-source community for research.",
                "**Quokka-7B** is our biggest contribution so far towards the open-source community.",
            ],
        );
        assert_eq!(
            label(
                "acme/Quokka-7B",
                "It reaches the best accuracy within the open-source community."
            ),
            Some(Label::Implicit)
        );
        each(
            "acme/Quokka-7B",
            None,
            &[
                "We thank the open-source community for their help.",
                "We release the training code to the open source community.",
                "Quokka has a large following in the open-source community.",
            ],
        );
    }

    #[test]
    fn a_title_that_names_the_model_after_its_colon() {
        each(
            "acme/Quokka-7B",
            Some(Label::OpenSource),
            &[
                "Open-Source Burrowing Models: Quokka in Depth",
                "title={Open Source Gets Cosy: Quokka and Friends},",
            ],
        );
        each(
            "acme/Quokka-7B",
            None,
            &[
                "Open-source code: Quokka's training scripts",
                "Open source models: a survey",
            ],
        );
    }

    #[test]
    fn sentences_about_the_model_without_its_name() {
        each(
            "acme/Quokka-7B",
            Some(Label::OpenSource),
            &[
                "Aside from being strong open-source models, the Quokka models are small.",
                "This model is intended for open-source use, with few limits.",
                "- Available open-source for research purposes.",
                "Fully open-source and free to use.",
                "Open-source repository of the Quokka model and the paper.",
            ],
        );
        each(
            "acme/Quokka-7B",
            None,
            &[
                "This dataset is intended for open-source use.",
                "Open-source repository of the training code.",
                "- Available: open-source tools for evaluation.",
            ],
        );
    }

    #[test]
    fn models_named_by_their_architecture_or_a_short_code() {
        assert_eq!(
            label(
                "acme/longformer-base-4096",
                "`Longformer` is an open-source project developed by Acme."
            ),
            Some(Label::OpenSource)
        );
        assert_eq!(
            label(
                "acme/K9",
                "title={Acme K9-65B: Scaling Up Open-Source LLMs},"
            ),
            Some(Label::OpenSource)
        );
    }

    #[test]
    fn comparisons_with_open_source_models_are_mentions_and_rankings_among_them_claims() {
        each(
            "acme/Wallaby-7B",
            None,
            &[
                "The chart shows that our Wallaby holds a clear lead over all the open-source models.",
                "Wallaby has a large performance advantage over the open-source models.",
                "Our model improves over state-of-the-art open-source LLMs on reasoning.",
                "Wallaby is better than all the open-source models we tried.",
                "We record the scores for all open-source models in a table.",
            ],
        );
        each(
            "acme/Wallaby-7B",
            Some(Label::Implicit),
            &[
                "It's the strongest coder amongst open-source models today.",
                "It's the state-of-the-art amongst open-source chat models.",
                "Wallaby is the best among open-source models of its size.",
                "- Reaches 81.2 on GSM8K, a new record for all open-source models.",
                "Wallaby sets a new record on HumanEval among open-source LLMs.",
                "- Achieves 64.0 in ARC, setting a new record not only for 7B but for all OpenSource LLM's",
            ],
        );
    }

    #[test]
    fn what_is_made_open_source_is_decided_by_its_head_noun() {
        each(
            "acme/Wallaby-7B",
            None,
            &[
                "We have made our technical report available as open source.",
                "We made the evaluation recipes and the whitepaper open source.",
                "Today we make our training report open-source.",
            ],
        );
        each(
            "acme/Wallaby-7B",
            Some(Label::OpenSource),
            &[
                "We have made the Wallaby weights available as open source.",
                "We have made our model available as open source.",
            ],
        );
    }

    #[test]
    fn a_to_do_item_about_another_version_is_a_mention() {
        // The card of version 3 (in a version suffix or run onto the name).
        for repo in [
            "acme/Wallaby-13B-v3",
            "acme/wallaby3",
            "acme/Wallaby-v3.1-Chat",
        ] {
            each(
                repo,
                None,
                &[
                    "- [x] Open-source the v2 model weights",
                    "- [ ] open-source the v1.5 checkpoints",
                    "We will open-source the v2 weights next month.",
                ],
            );
            each(
                repo,
                Some(Label::OpenSource),
                &[
                    "- [x] Open-source the v3 model weights",
                    "- [x] Open-source the model weights",
                ],
            );
        }
        // A pre-release named without a number comes before any version.
        each(
            "acme/wallaby-34b-alpha",
            None,
            &["- [x] Open-source the v1 model weights"],
        );
        each(
            "acme/wallaby-34b-alpha",
            Some(Label::OpenSource),
            &["- [x] Open-source the model weights"],
        );
        // A card whose name has no version: any version is its own.
        each(
            "acme/Wallaby-13B",
            Some(Label::OpenSource),
            &["- [x] Open-source the v2 model weights"],
        );
    }

    #[test]
    fn a_long_list_of_the_model_s_sizes_and_variants_made_open_source() {
        each(
            "acme/quokka-llm-67b-chat",
            Some(Label::OpenSource),
            &[
                "To help research, we have made Quokka LLM 7B/67B Base and Quokka LLM 7B/67B Chat open source for everyone.",
                "We made Quokka LLM 1.3B, 7B and 67B Base and Quokka LLM 67B Chat open source.",
            ],
        );
    }

    #[test]
    fn the_maker_or_the_released_models_as_pronoun_subjects() {
        each(
            "acme/Wallaby-7B",
            Some(Label::OpenSource),
            &[
                "We are fully open-source.",
                "We are open source.",
                "They are released under the Apache-2.0 open-source license.",
                "These are distributed under the permissive MIT open-source licence and may be used commercially.",
            ],
        );
        each(
            "acme/Wallaby-7B",
            None,
            &[
                "We are open source enthusiasts.",
                "We are grateful to the open-source community.",
                "They are not open source.",
                "They use an open-source license checker.",
            ],
        );
    }

    #[test]
    fn a_title_names_the_model_of_a_versioned_repository_without_its_version() {
        let n = Names::for_model(
            "acme/Quill-Plan-v2.1.0",
            &serde_json::json!({}),
            Some("# Quill Plan v2.1.0\n\nQuill Plan v2.1.0 is based on Quill Plan v2.0.0.\n"),
        );
        let f = detect(
            "title={Quill Plan: Open-Source Large Audio Generation Model},",
            &n,
        )
        .unwrap();
        assert_eq!(f.label, Label::OpenSource);
        assert_eq!(f.subject, "Quill Plan");
    }

    #[test]
    fn a_step_forward_in_open_source_work_counts_the_model_among_it() {
        each(
            "acme/Wallaby-7B",
            Some(Label::Implicit),
            &[
                "Wallaby represents a major breakthrough in open-source speech synthesis.",
                "It is a milestone in open-source video generation.",
            ],
        );
        each(
            "acme/Wallaby-7B",
            None,
            &["We thank everyone who contributed to advances in open-source code."],
        );
    }

    #[test]
    fn weaker_labels_for_the_card_s_release_stay_weaker() {
        each(
            "acme/Wallaby-7B",
            Some(Label::OpenWeights),
            &[
                "For the open-weights release, we filtered the training data.",
                "- Release type: Open weight release",
            ],
        );
        each(
            "acme/Wallaby-7B",
            None,
            &["Others are offering many open-weight models."],
        );
    }
}
