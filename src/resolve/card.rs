//! Hugging Face model cards: the `README.md` of a model repository.
//!
//! A card is markdown with optional YAML *front matter* at the top, which
//! holds the metadata the Hub indexes: `license` (an id, or a list of ids),
//! `license_name` and `license_link` (for `license: other`), `base_model`,
//! `tags`, `datasets`, `pipeline_tag`, `library_name`, …
//!
//! The front matter is found the way `huggingface_hub` finds it (its regex
//! `^\s*---[\r\n]+([\S\s]*?)[\r\n]+---(\r\n|\n|$)`), read line by line:
//!
//! - a UTF-8 byte-order mark is dropped, and blank lines before the block are
//!   skipped;
//! - the first other line must be `---` (surrounding spaces allowed);
//! - the block ends at the first later line that is exactly `---` (trailing
//!   spaces allowed); LF and CRLF line ends both work;
//! - with no closing line there is no front matter (and a problem says so).
//!
//! Unlike `huggingface_hub`, an empty block (`---` directly followed by
//! `---`) is accepted as empty metadata.
//!
//! The block is parsed with `serde-saphyr` (pure safe Rust) with tight
//! budgets, so that hostile cards cannot make it allocate or loop without
//! bound: at most [`MAX_CARD_BYTES`] of the card are read, one YAML document,
//! nesting depth 64, 100 000 parser events and nodes, 1 000 anchors and
//! aliases, 100 000 events replayed from aliases, and 1 MiB of scalar text
//! (replayed aliases included). Only YAML 1.2 booleans are booleans (`no`
//! stays a string), and a repeated key keeps its last value. Metadata that is
//! not valid YAML, or not a mapping, is reported in [`Card::problems`] and
//! read as no metadata; parsing never fails.

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt;

/// Cards larger than this are not parsed (the excess is reported, not read).
pub const MAX_CARD_BYTES: usize = 1024 * 1024;

/// Longest YAML error message kept in a problem, in characters.
const MAX_MESSAGE_CHARS: usize = 200;
/// Longest quote returned by [`Card::raw_line`], in characters.
const MAX_QUOTE_CHARS: usize = 120;
/// Most continuation lines joined into a quote of a key with a block value.
const MAX_QUOTE_LINES: usize = 4;

/// A parsed model card.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    /// The front matter as JSON (an object; empty object when there is none or it is unusable).
    pub data: Value,
    /// The markdown after the front matter (the whole text when there is no front matter).
    pub body: String,
    /// 1-based line in the original text where `body` starts.
    pub body_line: u32,
    /// Problems a user should know about, one sentence each.
    pub problems: Vec<String>,
    /// The raw front-matter text, to quote lines from.
    front: String,
    /// The 1-based line in the original text where `front` starts.
    front_line: u32,
    /// The line of each top-level key, in the original text. A repeated key
    /// has the line of its last occurrence, the one whose value is kept.
    key_lines: BTreeMap<String, u32>,
}

impl Default for Card {
    fn default() -> Self {
        Card {
            data: Value::Object(Map::new()),
            body: String::new(),
            body_line: 1,
            problems: Vec::new(),
            front: String::new(),
            front_line: 0,
            key_lines: BTreeMap::new(),
        }
    }
}

impl Card {
    /// Parses a README.md. Never panics, never allocates without bound: input
    /// capped at [`MAX_CARD_BYTES`] (truncated at a char boundary), YAML parsed
    /// with serde-saphyr with tight budgets and duplicate keys last-wins.
    pub fn parse(text: &str) -> Card {
        let mut card = Card::default();
        let mut text = text;
        if text.len() > MAX_CARD_BYTES {
            let mut end = MAX_CARD_BYTES;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            card.problems.push(format!(
                "card is larger than 1 MiB ({} bytes); only the first 1 MiB was read",
                text.len()
            ));
            text = &text[..end];
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);

        let split = match split_front_matter(text) {
            Front::None => None,
            Front::Unclosed => {
                card.problems.push(
                    "front matter is not closed with `---`; treated as no front matter".to_owned(),
                );
                None
            }
            Front::Found(split) => Some(split),
        };
        let Some(split) = split else {
            card.body = text.to_owned();
            return card;
        };
        card.body = split.body.to_owned();
        card.body_line = split.body_line;
        card.front = split.yaml.to_owned();
        card.front_line = split.yaml_line;
        if split.yaml.trim().is_empty() {
            return card;
        }

        match parse_yaml(split.yaml, split.yaml_line) {
            Ok(Parsed::Mapping(entries)) => {
                let mut data = Map::new();
                for (key, line, value) in entries {
                    if let Some(rel) = line.checked_sub(1) {
                        let rel = u32::try_from(rel).unwrap_or(u32::MAX);
                        card.key_lines
                            .insert(key.clone(), split.yaml_line.saturating_add(rel));
                    }
                    data.insert(key, value);
                }
                card.data = Value::Object(data);
            }
            Ok(Parsed::Empty) => {}
            Ok(Parsed::Other(kind)) => card.problems.push(format!(
                "front matter is {kind}, not a mapping of keys; ignored"
            )),
            Err(message) => card.problems.push(format!(
                "front matter is not valid YAML: {message}; ignored"
            )),
        }
        card
    }

    /// Builds a card from the Hub's `cardData` object (from the model info API) with no body.
    pub fn from_card_data(data: Value) -> Card {
        let mut card = Card::default();
        match data {
            Value::Object(_) => card.data = data,
            Value::Null => {}
            other => card.problems.push(format!(
                "card data is {}, not an object; ignored",
                json_kind(&other)
            )),
        }
        card
    }

    /// `license` as a list of ids: a string gives one, a list gives each
    /// scalar element; trimmed, lowercased, deduplicated, in order. Empty
    /// strings, nulls and nested lists or mappings are dropped; a number or
    /// boolean is read as its YAML spelling (`2.0`, `true`).
    pub fn licenses(&self) -> Vec<String> {
        let ids = list(self.get("license"))
            .into_iter()
            .map(|id| id.to_lowercase())
            .collect();
        dedup(ids)
    }

    /// `license_name`, trimmed and lowercased.
    pub fn license_name(&self) -> Option<String> {
        scalar(self.get("license_name")?).map(|name| name.to_lowercase())
    }

    /// `license_link`, trimmed, as written (a URL or a file in the repository).
    pub fn license_link(&self) -> Option<String> {
        scalar(self.get("license_link")?)
    }

    /// `base_model`: string or list of strings, trimmed, deduplicated, in order.
    pub fn base_models(&self) -> Vec<String> {
        list(self.get("base_model"))
    }

    /// `tags`: string or list of strings, trimmed, deduplicated, in order.
    pub fn tags(&self) -> Vec<String> {
        list(self.get("tags"))
    }

    /// `datasets`: string or list of strings, trimmed, deduplicated, in order.
    pub fn datasets(&self) -> Vec<String> {
        list(self.get("datasets"))
    }

    /// `pipeline_tag`, trimmed.
    pub fn pipeline_tag(&self) -> Option<String> {
        scalar(self.get("pipeline_tag")?)
    }

    /// The 1-based line in the original text of the top-level `key:` in the
    /// front matter (for evidence), if known. When the key is repeated, this
    /// is its last occurrence, whose value is the one kept.
    pub fn line_of(&self, key: &str) -> Option<u32> {
        self.key_lines.get(key).copied()
    }

    /// A short quote of the raw front-matter line for `key` (e.g.
    /// `license: llama2`), if known. When the value is on the following lines
    /// (a block list), the first of them are joined on: `license: - mit`.
    pub fn raw_line(&self, key: &str) -> Option<String> {
        let line = self.line_of(key)?;
        let index = usize::try_from(line.checked_sub(self.front_line)?).ok()?;
        let mut lines = self.front.lines().skip(index);
        let first = lines.next()?.trim_end();
        let mut quote = first.to_owned();
        if value_follows(first) {
            let indent = first.len() - first.trim_start().len();
            for next in lines.take(MAX_QUOTE_LINES) {
                let content = next.trim();
                let next_indent = next.len() - next.trim_start().len();
                if content.is_empty() || content.starts_with('#') {
                    continue;
                }
                if next_indent <= indent && !content.starts_with('-') {
                    break;
                }
                quote.push(' ');
                quote.push_str(content);
                if quote.chars().count() > MAX_QUOTE_CHARS {
                    break;
                }
            }
        }
        Some(shorten(&quote, MAX_QUOTE_CHARS))
    }

    fn get(&self, key: &str) -> Option<&Value> {
        self.data.get(key)
    }
}

/// Whether a `key:` line leaves its value to the following lines: nothing
/// after the colon but perhaps an anchor, a tag, a block-scalar indicator
/// (`|`, `>-`, …) or a comment.
fn value_follows(line: &str) -> bool {
    let code = match line.find(" #") {
        Some(at) => &line[..at],
        None => line,
    };
    let Some((_, value)) = code.split_once(':') else {
        return false;
    };
    value
        .split_whitespace()
        .all(|word| word.starts_with(['&', '!', '|', '>']))
}

/// A scalar's text: strings trimmed, numbers and booleans spelled out; no
/// text for null, empty strings, lists and mappings.
fn scalar(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null | Value::Array(_) | Value::Object(_) => return None,
    };
    (!text.is_empty()).then_some(text)
}

/// A string-or-list value as a list of scalar texts, deduplicated, in order.
/// The typed facts of a card's front matter and body.
pub fn facts(data: &Value, body: Option<&str>) -> crate::domain::CardFacts {
    let body = body.unwrap_or("");
    let code_url = [
        "https://github.com/",
        "https://gitlab.com/",
        "https://codeberg.org/",
    ]
    .iter()
    .filter_map(|host| {
        body.find(host).map(|at| {
            body[at..]
                .split(|c: char| c.is_whitespace() || matches!(c, ')' | ']' | '>' | '"' | '\''))
                .next()
                .unwrap_or("")
                .to_owned()
        })
    })
    .next();
    crate::domain::CardFacts {
        task: data
            .get("pipeline_tag")
            .and_then(|v| v.as_str())
            .map(str::to_owned),
        datasets: list(data.get("datasets")),
        libraries: list(data.get("library_name")),
        languages: list(data.get("language")),
        code_url,
    }
}

pub fn list(value: Option<&Value>) -> Vec<String> {
    let items = match value {
        Some(Value::Array(items)) => items.iter().filter_map(scalar).collect(),
        Some(value) => scalar(value).into_iter().collect(),
        None => Vec::new(),
    };
    dedup(items)
}

fn dedup(items: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    items
        .into_iter()
        .filter(|item| seen.insert(item.clone()))
        .collect()
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// At most `max` characters of `text`, with `…` when cut.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// Where the front matter is in a card.
enum Front<'a> {
    None,
    Unclosed,
    Found(Split<'a>),
}

struct Split<'a> {
    /// The lines between the `---` lines (with their line ends).
    yaml: &'a str,
    /// 1-based line of the first line of `yaml`.
    yaml_line: u32,
    body: &'a str,
    body_line: u32,
}

fn split_front_matter(text: &str) -> Front<'_> {
    let mut offset = 0;
    let mut opening: Option<(usize, u32)> = None;
    for (index, piece) in text.split_inclusive('\n').enumerate() {
        let line = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let start = offset;
        offset += piece.len();
        let content = piece.trim_end_matches(['\n', '\r']);
        match opening {
            None => {
                if content.trim().is_empty() {
                    continue;
                }
                if content.trim() != "---" || !piece.ends_with('\n') {
                    return if content.trim() == "---" {
                        Front::Unclosed
                    } else {
                        Front::None
                    };
                }
                opening = Some((offset, line.saturating_add(1)));
            }
            Some((yaml_start, yaml_line)) => {
                if content.trim_end() == "---" {
                    return Front::Found(Split {
                        yaml: &text[yaml_start..start],
                        yaml_line,
                        body: &text[offset..],
                        body_line: line.saturating_add(1),
                    });
                }
            }
        }
    }
    match opening {
        Some(_) => Front::Unclosed,
        None => Front::None,
    }
}

/// The top level of the front matter.
enum Parsed {
    /// Each key with the 1-based line of the key within the YAML text (0
    /// when unknown) and its value, in order; repeated keys repeat.
    Mapping(Vec<(String, u64, Value)>),
    /// Nothing but comments and blank lines, or an explicit null.
    Empty,
    /// Something else, described for a problem ("a list").
    Other(&'static str),
}

impl<'de> Deserialize<'de> for Parsed {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ParsedVisitor)
    }
}

struct ParsedVisitor;

impl<'de> Visitor<'de> for ParsedVisitor {
    type Value = Parsed;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a YAML mapping")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Parsed, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<serde_saphyr::Spanned<String>>()? {
            let value: Value = map.next_value()?;
            entries.push((key.value, key.referenced.line(), value));
        }
        Ok(Parsed::Mapping(entries))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Parsed, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Parsed::Other("a list"))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Parsed, E> {
        Ok(Parsed::Empty)
    }

    fn visit_none<E: de::Error>(self) -> Result<Parsed, E> {
        Ok(Parsed::Empty)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Parsed, E> {
        Ok(Parsed::Other("a boolean"))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Parsed, E> {
        Ok(Parsed::Other("a number"))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Parsed, E> {
        Ok(Parsed::Other("a number"))
    }

    fn visit_i128<E: de::Error>(self, _: i128) -> Result<Parsed, E> {
        Ok(Parsed::Other("a number"))
    }

    fn visit_u128<E: de::Error>(self, _: u128) -> Result<Parsed, E> {
        Ok(Parsed::Other("a number"))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Parsed, E> {
        Ok(Parsed::Other("a number"))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Parsed, E> {
        Ok(Parsed::Other("a string"))
    }

    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Parsed, E> {
        Ok(Parsed::Other("binary data"))
    }
}

/// Parses the front matter, or gives a one-line error message with lines
/// counted in the whole card.
fn parse_yaml(yaml: &str, first_line: u32) -> Result<Parsed, String> {
    // The parser is a dependency fed untrusted text: a bug in it must not
    // take the audit down with it.
    let outcome = std::panic::catch_unwind(|| {
        serde_saphyr::from_str_with_options::<Parsed>(
            yaml,
            crate::yaml::options(MAX_CARD_BYTES, 100_000),
        )
    });
    match outcome {
        Ok(Ok(parsed)) => Ok(parsed),
        Ok(Err(error)) => {
            let options = serde_saphyr::render_options! {
                snippets: serde_saphyr::SnippetMode::Off,
                line_offset: u64::from(first_line.saturating_sub(1)),
            };
            let message = error.render_with_options(options);
            let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
            Err(shorten(&message, MAX_MESSAGE_CHARS))
        }
        Err(_) => Err("the YAML parser failed on it".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::time::{Duration, Instant};

    #[test]
    fn lf_card_with_license() {
        let card = Card::parse("---\nlicense: mit\n---\n# Model\n\nText.\n");
        assert_eq!(card.data, json!({"license": "mit"}));
        assert_eq!(card.licenses(), ["mit"]);
        assert_eq!(card.body, "# Model\n\nText.\n");
        assert_eq!(card.body_line, 4);
        assert!(card.problems.is_empty(), "{:?}", card.problems);
        assert_eq!(card.line_of("license"), Some(2));
        assert_eq!(card.raw_line("license").as_deref(), Some("license: mit"));
    }

    #[test]
    fn crlf_card() {
        let card = Card::parse("---\r\nlicense: Apache-2.0\r\ntags:\r\n- a\r\n---\r\nBody\r\n");
        assert_eq!(card.licenses(), ["apache-2.0"]);
        assert_eq!(card.tags(), ["a"]);
        assert_eq!(card.body, "Body\r\n");
        assert_eq!(card.body_line, 6);
        assert_eq!(card.line_of("license"), Some(2));
        assert_eq!(card.line_of("tags"), Some(3));
        assert_eq!(
            card.raw_line("license").as_deref(),
            Some("license: Apache-2.0")
        );
        assert!(card.problems.is_empty(), "{:?}", card.problems);
    }

    #[test]
    fn byte_order_mark_is_dropped() {
        let card = Card::parse("\u{feff}---\nlicense: mit\n---\nBody");
        assert_eq!(card.licenses(), ["mit"]);
        assert_eq!(card.line_of("license"), Some(2));
        assert_eq!(card.body, "Body");
        assert_eq!(card.body_line, 4);
    }

    #[test]
    fn byte_order_mark_and_crlf_keep_lines() {
        let card = Card::parse("\u{feff}\r\n---\r\ntags: [x]\r\nlicense: mit\r\n---\r\n");
        assert_eq!(card.line_of("license"), Some(4));
        assert_eq!(card.line_of("tags"), Some(3));
        assert_eq!(card.raw_line("license").as_deref(), Some("license: mit"));
        assert_eq!(card.body, "");
        assert_eq!(card.body_line, 6);
    }

    #[test]
    fn leading_blank_lines() {
        let card = Card::parse("\n  \n\t\n---\nlicense: mit\n---\nBody\n");
        assert_eq!(card.licenses(), ["mit"]);
        assert_eq!(card.line_of("license"), Some(5));
        assert_eq!(card.body_line, 7);
        assert!(card.problems.is_empty(), "{:?}", card.problems);
    }

    #[test]
    fn trailing_spaces_on_delimiters() {
        let card = Card::parse("---  \nlicense: mit\n---\t \nBody\n");
        assert_eq!(card.licenses(), ["mit"]);
        assert_eq!(card.body, "Body\n");
    }

    #[test]
    fn quoted_value_with_trailing_comment() {
        let card =
            Card::parse("---\nlanguage: en\nlicense: \"CC-BY-4.0\"  # any id from the list\n---\n");
        assert_eq!(card.licenses(), ["cc-by-4.0"]);
        assert_eq!(card.line_of("license"), Some(3));
        assert_eq!(
            card.raw_line("license").as_deref(),
            Some("license: \"CC-BY-4.0\"  # any id from the list")
        );
    }

    #[test]
    fn license_as_block_list() {
        let card = Card::parse("---\nlicense:\n- apache-2.0\n-  BSD-3-Clause \n- ''\n---\n");
        assert_eq!(card.licenses(), ["apache-2.0", "bsd-3-clause"]);
        assert_eq!(card.line_of("license"), Some(2));
        assert_eq!(
            card.raw_line("license").as_deref(),
            Some("license: - apache-2.0 -  BSD-3-Clause - ''")
        );
    }

    #[test]
    fn license_as_flow_list() {
        let card = Card::parse("---\nlicense: [mit, 'Apache-2.0', null, [x], mit]\n---\n");
        assert_eq!(card.licenses(), ["mit", "apache-2.0"]);
    }

    #[test]
    fn license_other_with_name_and_link() {
        let card = Card::parse(
            "---\nlicense: other\nlicense_name: Some-Model-License \nlicense_link: LICENSE.md\n---\n",
        );
        assert_eq!(card.licenses(), ["other"]);
        assert_eq!(card.license_name().as_deref(), Some("some-model-license"));
        assert_eq!(card.license_link().as_deref(), Some("LICENSE.md"));
        assert_eq!(card.line_of("license_link"), Some(4));
    }

    #[test]
    fn base_model_as_string_and_list() {
        let one = Card::parse("---\nbase_model: org/base \n---\n");
        assert_eq!(one.base_models(), ["org/base"]);
        let many = Card::parse("---\nbase_model:\n  - org/a\n  - org/b\n  - org/a\n---\n");
        assert_eq!(many.base_models(), ["org/a", "org/b"]);
        let none = Card::parse("---\nbase_model: null\nlicense_name: ~\n---\n");
        assert!(none.base_models().is_empty());
        assert_eq!(none.license_name(), None);
    }

    #[test]
    fn scalars_of_other_types_read_as_text() {
        let card = Card::parse(
            "---\nlicense: 2.0\nlicense_name: 7\npipeline_tag: true\ntags: no\ndatasets: [1, x]\n---\n",
        );
        assert_eq!(card.licenses(), ["2.0"]);
        assert_eq!(card.license_name().as_deref(), Some("7"));
        assert_eq!(card.pipeline_tag().as_deref(), Some("true"));
        assert_eq!(card.tags(), ["no"]);
        assert_eq!(card.datasets(), ["1", "x"]);
        assert!(card.problems.is_empty(), "{:?}", card.problems);
    }

    #[test]
    fn other_fields() {
        let card = Card::parse(
            "---\ntags: single\ndatasets:\n- org/data\npipeline_tag: text-generation\nlibrary_name: transformers\n---\n",
        );
        assert_eq!(card.tags(), ["single"]);
        assert_eq!(card.datasets(), ["org/data"]);
        assert_eq!(card.pipeline_tag().as_deref(), Some("text-generation"));
        assert_eq!(card.data["library_name"], "transformers");
        assert_eq!(card.line_of("pipeline_tag"), Some(5));
        assert_eq!(card.line_of("absent"), None);
        assert_eq!(card.raw_line("absent"), None);
    }

    #[test]
    fn missing_front_matter() {
        let text = "\n# Model\n\n---\n\nlicense: mit\n";
        let card = Card::parse(text);
        assert_eq!(card.data, json!({}));
        assert_eq!(card.body, text);
        assert_eq!(card.body_line, 1);
        assert!(card.problems.is_empty(), "{:?}", card.problems);
        assert!(card.licenses().is_empty());
        assert_eq!(card.line_of("license"), None);
    }

    #[test]
    fn empty_text() {
        let card = Card::parse("");
        assert_eq!(card, Card::default());
        assert_eq!(card.data, json!({}));
    }

    #[test]
    fn unclosed_front_matter() {
        let text = "---\nlicense: mit\n# Model\n";
        let card = Card::parse(text);
        assert_eq!(card.data, json!({}));
        assert_eq!(card.body, text);
        assert_eq!(card.body_line, 1);
        assert_eq!(
            card.problems,
            ["front matter is not closed with `---`; treated as no front matter"]
        );
        assert_eq!(Card::parse("---").problems.len(), 1);
        // `----` and an indented `---` do not close the block.
        assert_eq!(Card::parse("---\na: 1\n----\n --- \n").problems.len(), 1);
    }

    #[test]
    fn empty_front_matter() {
        for text in [
            "---\n---\nBody",
            "---\r\n\r\n---\r\nBody",
            "---\n# nothing yet\n---\nBody",
        ] {
            let card = Card::parse(text);
            assert_eq!(card.data, json!({}), "{text:?}");
            assert!(card.problems.is_empty(), "{text:?}: {:?}", card.problems);
            assert!(card.body.starts_with("Body"), "{text:?}");
        }
    }

    #[test]
    fn front_matter_that_is_a_list_or_a_scalar() {
        let card = Card::parse("---\n- license: mit\n---\nBody\n");
        assert_eq!(card.data, json!({}));
        assert_eq!(card.problems.len(), 1);
        assert!(card.problems[0].contains("a list"), "{:?}", card.problems);
        assert_eq!(card.body, "Body\n");
        let card = Card::parse("---\njust text\n---\n");
        assert_eq!(card.data, json!({}));
        assert!(card.problems[0].contains("a string"), "{:?}", card.problems);
    }

    #[test]
    fn invalid_yaml_is_a_problem() {
        for text in [
            "---\nmodel:\n\tlicense: mit\n---\n",
            "---\nlicense: \"mit\n---\n",
            "---\nlicense: mit\n  bad: [\n---\n",
            "---\n? [a, b]\n: complex key\n---\n",
        ] {
            let card = Card::parse(text);
            assert_eq!(card.data, json!({}), "{text:?}");
            assert_eq!(card.problems.len(), 1, "{text:?}");
            let problem = &card.problems[0];
            assert!(
                problem.starts_with("front matter is not valid YAML: "),
                "{problem}"
            );
            assert!(!problem.contains('\n'), "{problem}");
            assert!(
                problem.chars().count() < MAX_MESSAGE_CHARS + 60,
                "{problem}"
            );
        }
    }

    #[test]
    fn yaml_error_lines_count_from_the_card() {
        let card = Card::parse("\n---\nlicense: mit\nname: \"open\n---\n");
        assert!(card.problems[0].contains("line 4"), "{:?}", card.problems);
    }

    #[test]
    fn alias_bomb_is_stopped() {
        let mut text = String::from("---\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for level in 1..10 {
            let refs = vec![format!("*a{}", level - 1); 9].join(", ");
            text.push_str(&format!("a{level}: &a{level} [{refs}]\n"));
        }
        text.push_str("---\nBody\n");
        let start = Instant::now();
        let card = Card::parse(&text);
        assert!(start.elapsed() < Duration::from_secs(10));
        assert_eq!(card.data, json!({}));
        assert_eq!(card.problems.len(), 1);
        assert!(card.problems[0].contains("budget"), "{:?}", card.problems);
        assert_eq!(card.body, "Body\n");
    }

    #[test]
    fn aliased_long_scalar_is_stopped() {
        let long = "x".repeat(500_000);
        let text = format!("---\nlicense: &l {long}\ntags: [*l, *l, *l, *l]\n---\n");
        let card = Card::parse(&text);
        assert_eq!(card.data, json!({}));
        assert!(card.problems[0].contains("budget"), "{:?}", card.problems);
    }

    #[test]
    fn aliases_within_budget_work() {
        let card = Card::parse("---\nlicense: &l mit\nlicense_name: *l\n---\n");
        assert_eq!(card.licenses(), ["mit"]);
        assert_eq!(card.license_name().as_deref(), Some("mit"));
    }

    #[test]
    fn large_card_is_capped() {
        let mut text = String::from("---\nlicense: mit\n---\n");
        while text.len() < 2 * 1024 * 1024 {
            text.push_str("Some text é ü 😀 that repeats.\n");
        }
        let card = Card::parse(&text);
        assert_eq!(card.licenses(), ["mit"]);
        assert_eq!(card.problems.len(), 1);
        assert!(
            card.problems[0].contains("larger than 1 MiB"),
            "{:?}",
            card.problems
        );
        assert!(card.body.len() <= MAX_CARD_BYTES);
        assert!(card.body.len() > MAX_CARD_BYTES - 100);
    }

    #[test]
    fn capped_card_with_unclosed_front_matter() {
        let mut text = String::from("---\n");
        while text.len() < 2 * 1024 * 1024 {
            text.push_str("k: v\n");
        }
        let card = Card::parse(&text);
        assert_eq!(card.problems.len(), 2, "{:?}", card.problems);
        assert_eq!(card.data, json!({}));
    }

    #[test]
    fn duplicate_keys_last_wins() {
        let card = Card::parse("---\nlicense: mit\ntags: [a]\nlicense: apache-2.0\n---\n");
        assert_eq!(card.licenses(), ["apache-2.0"]);
        assert_eq!(card.line_of("license"), Some(4));
        assert_eq!(
            card.raw_line("license").as_deref(),
            Some("license: apache-2.0")
        );
        assert!(card.problems.is_empty(), "{:?}", card.problems);
    }

    #[test]
    fn raw_line_of_block_values() {
        let card = Card::parse(
            "---\nprompt: >-\n  Read the terms\n  first.\nlicense: &l # the id\n  - mit\nname: x\n---\n",
        );
        assert_eq!(
            card.raw_line("prompt").as_deref(),
            Some("prompt: >- Read the terms first.")
        );
        assert_eq!(
            card.raw_line("license").as_deref(),
            Some("license: &l # the id - mit")
        );
        assert_eq!(card.raw_line("name").as_deref(), Some("name: x"));
    }

    #[test]
    fn long_raw_line_is_shortened() {
        let text = format!(
            "---\nlicense_link: https://example.com/{}\n---\n",
            "a".repeat(300)
        );
        let card = Card::parse(&text);
        let quote = card.raw_line("license_link").unwrap();
        assert_eq!(quote.chars().count(), MAX_QUOTE_CHARS + 1);
        assert!(quote.ends_with('…'));
    }

    #[test]
    fn from_card_data() {
        let card = Card::from_card_data(json!({
            "license": ["MIT", "other"],
            "license_name": "Custom",
            "base_model": "org/base",
            "tags": ["t"],
        }));
        assert_eq!(card.licenses(), ["mit", "other"]);
        assert_eq!(card.license_name().as_deref(), Some("custom"));
        assert_eq!(card.base_models(), ["org/base"]);
        assert_eq!(card.tags(), ["t"]);
        assert_eq!(card.body, "");
        assert_eq!(card.line_of("license"), None);
        assert_eq!(card.raw_line("license"), None);
        assert!(card.problems.is_empty());

        let none = Card::from_card_data(Value::Null);
        assert_eq!(none.data, json!({}));
        assert!(none.problems.is_empty());
        let wrong = Card::from_card_data(json!(["mit"]));
        assert_eq!(wrong.data, json!({}));
        assert_eq!(wrong.problems.len(), 1);
    }
}
