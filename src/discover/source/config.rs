//! Configuration files (TOML, JSON, YAML) read for model ids.

use super::*;

/// Keys whose value names a model, compared lowercased with `-` as `_`.
pub(super) const CONFIG_KEYS: &[&str] = &[
    "model_id",
    "model",
    "repo_id",
    "model_name",
    "hf_model",
    "base_model",
];

pub(super) fn config_key(key: &str, extra: &[String]) -> bool {
    let key = key.to_ascii_lowercase().replace('-', "_");
    CONFIG_KEYS.contains(&key.as_str()) || extra.contains(&key)
}

/// A config value as a reference: an id, or a Hub URL.
pub(super) fn config_value(value: &str, line: u32) -> Option<Found> {
    let value = value.trim();
    if id_like(value) {
        return Some(Found::new(
            value.to_owned(),
            None,
            false,
            line,
            ReferenceKind::ConfigFile,
        ));
    }
    if may_have_url(value) {
        let (_, url) = hub_urls(value).into_iter().next()?;
        return Some(Found::new(
            url.id,
            url.revision,
            url.dataset,
            line,
            ReferenceKind::ConfigFile,
        ));
    }
    None
}

/// Scans one config file (by extension: `.toml`, `.json`, `.yaml`/`.yml`):
/// the keys `model_id`, `model`, `repo_id`, `model_name`, `hf_model`,
/// `base_model` (at any depth) whose string value (or list of strings) is a
/// valid `owner/name` id or a Hub URL. A file that does not parse, or is
/// larger than [`MAX_FILE_BYTES`], gives nothing.
pub fn scan_config(name: &str, text: &str) -> Vec<Found> {
    scan_config_keys(name, text, &[])
}

/// [`scan_config`] reading also the keys `extra` (lowercase, `_` for `-`):
/// the names of struct fields whose value reaches a Hub call and that no
/// literal of the crate sets, as a deserialized config file would.
pub fn scan_config_keys(name: &str, text: &str, extra: &[String]) -> Vec<Found> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Vec::new();
    }
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let outcome = std::panic::catch_unwind(|| match ext.as_str() {
        "toml" => scan_toml(text, extra),
        "json" => scan_json(text, extra),
        "yaml" | "yml" => scan_yaml(text, extra),
        _ => Vec::new(),
    });
    dedup(outcome.unwrap_or_default())
}

/// Byte offsets to 1-based lines, by binary search over the line starts.
pub(super) struct Lines(Vec<usize>);

impl Lines {
    pub(super) fn new(text: &str) -> Lines {
        Lines(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(at, _)| at)
                .collect(),
        )
    }

    pub(super) fn line(&self, at: usize) -> u32 {
        u32::try_from(self.0.partition_point(|&nl| nl < at) + 1).unwrap_or(u32::MAX)
    }
}

pub(super) fn scan_toml(text: &str, extra: &[String]) -> Vec<Found> {
    use toml::de::{DeTable, DeValue};
    pub(super) fn walk(table: &DeTable<'_>, lines: &Lines, extra: &[String], out: &mut Vec<Found>) {
        for (key, value) in table {
            let wanted = config_key(key.get_ref(), extra);
            walk_value(value, wanted, lines, extra, out);
        }
    }
    pub(super) fn walk_value(
        value: &toml::Spanned<DeValue<'_>>,
        wanted: bool,
        lines: &Lines,
        extra: &[String],
        out: &mut Vec<Found>,
    ) {
        match value.get_ref() {
            DeValue::String(s) if wanted => {
                out.extend(config_value(s, lines.line(value.span().start)));
            }
            DeValue::Array(items) => {
                for item in items.iter() {
                    walk_value(item, wanted, lines, extra, out);
                }
            }
            DeValue::Table(table) => walk(table, lines, extra, out),
            _ => {}
        }
    }
    let Ok(table) = DeTable::parse(text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    walk(table.get_ref(), &Lines::new(text), extra, &mut out);
    out
}

pub(super) fn scan_json(text: &str, extra: &[String]) -> Vec<Found> {
    use serde_json::Value;
    pub(super) fn walk(
        value: &Value,
        wanted: bool,
        out: &mut Vec<(String, String)>,
        key: &str,
        extra: &[String],
    ) {
        match value {
            Value::String(s) if wanted => out.push((key.to_owned(), s.clone())),
            Value::Array(items) => {
                for item in items {
                    walk(item, wanted, out, key, extra);
                }
            }
            Value::Object(map) => {
                for (k, v) in map {
                    walk(v, config_key(k, extra), out, k, extra);
                }
            }
            _ => {}
        }
    }
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        return Vec::new();
    };
    let mut pairs = Vec::new();
    walk(&value, false, &mut pairs, "", extra);
    // serde_json keeps no positions: find each `"key": … "value"` in the
    // text, the occurrences of a pair in order.
    let lines = Lines::new(text);
    let mut cursors: HashMap<(String, String), JsonCursor> = HashMap::new();
    let mut out = Vec::new();
    for (key, value) in pairs {
        let Some(found) = config_value(&value, 0) else {
            continue;
        };
        let cursor = cursors.entry((key.clone(), value.clone())).or_default();
        let at = json_position(text, &key, &value, cursor).unwrap_or(0);
        out.push(Found {
            line: lines.line(at),
            ..found
        });
    }
    out
}

/// Where the search for the next occurrence of a key/value pair resumes.
#[derive(Default)]
pub(super) struct JsonCursor {
    pub(super) key_from: usize,
    pub(super) value_from: usize,
}

/// The byte offset of the next occurrence of string `value` as the value of
/// key `key` (or in a list that is), from `cursor` on.
pub(super) fn json_position(
    text: &str,
    key: &str,
    value: &str,
    cursor: &mut JsonCursor,
) -> Option<usize> {
    let key = serde_json::to_string(key).ok()?;
    let value = serde_json::to_string(value).ok()?;
    while cursor.key_from < text.len() {
        let pos = cursor.key_from + text[cursor.key_from..].find(&key)?;
        let after = pos + key.len();
        let rest = text[after..].trim_start();
        if let Some(rest) = rest.strip_prefix(':') {
            let rest = rest.trim_start();
            let start = text.len() - rest.len();
            // The value itself, or the list that follows the key.
            let end = if rest.starts_with('[') {
                start + rest.find(']').map_or(rest.len(), |e| e + 1)
            } else {
                (start + value.len()).min(text.len())
            };
            let from = cursor.value_from.max(start);
            if from < end
                && let Some(p) = text.get(from..end).and_then(|w| w.find(&value))
            {
                cursor.value_from = from + p + value.len();
                return Some(from + p);
            }
        }
        cursor.key_from = pos + 1;
    }
    None
}

/// A YAML node, with the line of every value.
pub(super) enum YNode {
    Str(String),
    Map(Vec<(Option<String>, u32, YNode)>),
    Seq(Vec<(u32, YNode)>),
    Other,
}

pub(super) struct YNodeVisitor;

impl<'de> serde::Deserialize<'de> for YNode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(YNodeVisitor)
    }
}

pub(super) fn yaml_line(span: &serde_saphyr::Spanned<YNode>) -> u32 {
    u32::try_from(span.referenced.line()).unwrap_or(u32::MAX)
}

impl<'de> serde::de::Visitor<'de> for YNodeVisitor {
    type Value = YNode;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<YNode, E> {
        Ok(YNode::Str(v.to_owned()))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<YNode, E> {
        Ok(YNode::Str(v))
    }

    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<YNode, E> {
        Ok(YNode::Other)
    }

    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<YNode, E> {
        Ok(YNode::Other)
    }

    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<YNode, E> {
        Ok(YNode::Other)
    }

    fn visit_i128<E: serde::de::Error>(self, _: i128) -> Result<YNode, E> {
        Ok(YNode::Other)
    }

    fn visit_u128<E: serde::de::Error>(self, _: u128) -> Result<YNode, E> {
        Ok(YNode::Other)
    }

    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<YNode, E> {
        Ok(YNode::Other)
    }

    fn visit_bytes<E: serde::de::Error>(self, _: &[u8]) -> Result<YNode, E> {
        Ok(YNode::Other)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<YNode, E> {
        Ok(YNode::Other)
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<YNode, E> {
        Ok(YNode::Other)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<YNode, D::Error> {
        d.deserialize_any(YNodeVisitor)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<YNode, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<serde_saphyr::Spanned<YNode>>()? {
            items.push((yaml_line(&item), item.value));
        }
        Ok(YNode::Seq(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<YNode, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<YNode>()? {
            let value: serde_saphyr::Spanned<YNode> = map.next_value()?;
            let key = match key {
                YNode::Str(s) => Some(s),
                _ => None,
            };
            entries.push((key, yaml_line(&value), value.value));
        }
        Ok(YNode::Map(entries))
    }
}

pub(super) fn scan_yaml(text: &str, extra: &[String]) -> Vec<Found> {
    pub(super) fn walk(
        node: &YNode,
        wanted: bool,
        line: u32,
        extra: &[String],
        out: &mut Vec<Found>,
    ) {
        match node {
            YNode::Str(s) if wanted => out.extend(config_value(s, line)),
            YNode::Seq(items) => {
                for (line, item) in items {
                    walk(item, wanted, *line, extra, out);
                }
            }
            YNode::Map(entries) => {
                for (key, line, value) in entries {
                    let wanted = key.as_deref().is_some_and(|k| config_key(k, extra));
                    walk(value, wanted, *line, extra, out);
                }
            }
            _ => {}
        }
    }
    let Ok(node) = serde_saphyr::from_str_with_options::<YNode>(
        text,
        crate::yaml::options(MAX_FILE_BYTES as usize, 1_000_000),
    ) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    walk(&node, false, 1, extra, &mut out);
    out
}
