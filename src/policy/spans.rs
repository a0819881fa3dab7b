//! Where in the user's own text a config key is: `file:line:column` for
//! parse errors, unknown keys and bad values alike, using the spans of
//! `toml`'s span-keeping parser (`DeTable`), never a re-serialised text.

use crate::domain::Span;
use std::ops::Range;
use toml::de::{DeTable, DeValue};

/// A config text and where the config sits in it: `prefix` is the key path
/// of the config's table (`workspace.metadata.model-audit` in a manifest).
#[derive(Debug, Clone)]
pub struct Source {
    pub file: String,
    pub text: String,
    pub prefix: Vec<String>,
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let at = Span::of(text, offset..offset);
    (at.line as usize, at.column as usize)
}

/// `a.b[2].c` as segments: keys and array indices.
fn segments(key: &str) -> Vec<Result<String, usize>> {
    let mut out = Vec::new();
    for part in key.split('.') {
        let (name, rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !name.is_empty() {
            out.push(Ok(name.to_owned()));
        }
        for idx in rest.split('[').filter(|s| !s.is_empty()) {
            if let Ok(i) = idx.trim_end_matches(']').parse() {
                out.push(Err(i));
            }
        }
    }
    out
}

/// A source parsed once, to look up many keys: the entries of a list are
/// found with one parse of the text, not one each.
pub struct Parsed<'a> {
    source: &'a Source,
    root: Option<toml::Spanned<DeTable<'a>>>,
}

impl Source {
    /// The text parsed, for several lookups.
    pub fn parsed(&self) -> Parsed<'_> {
        Parsed {
            source: self,
            root: DeTable::parse(&self.text).ok(),
        }
    }

    /// [`Parsed::at`], for one lookup.
    pub fn at(&self, key: &str) -> String {
        self.parsed().at(key)
    }

    /// [`Parsed::span`], for one lookup.
    pub fn span(&self, key: &str) -> Option<Span> {
        self.parsed().span(key)
    }

    /// [`Parsed::line`], for one lookup.
    pub fn line(&self, key: &str) -> Option<u32> {
        self.parsed().line(key)
    }
}

impl Parsed<'_> {
    /// `file:line:col` of the deepest part of `key` found in the text (the
    /// table of a missing key, the element of a list), or the file alone.
    pub fn at(&self, key: &str) -> String {
        match self.offset(key) {
            Some(offset) => {
                let (line, col) = line_col(&self.source.text, offset);
                format!("{}:{line}:{col}", self.source.file)
            }
            None => self.source.file.clone(),
        }
    }

    /// Where `key` is written: a value's own text (a string with its
    /// quotes, a list element), or the key of a table or list.
    /// `None` unless the whole key is there.
    pub fn span(&self, key: &str) -> Option<Span> {
        match self.range(key)? {
            (r, true) => Some(Span::of(&self.source.text, r)),
            (_, false) => None,
        }
    }

    /// The line where `key`, or the deepest part of it found, is written.
    pub fn line(&self, key: &str) -> Option<u32> {
        let (line, _) = line_col(&self.source.text, self.offset(key)?);
        u32::try_from(line).ok()
    }

    fn offset(&self, key: &str) -> Option<usize> {
        self.range(key).map(|(r, _)| r.start)
    }

    /// The range of the deepest part of `key` found, and whether that is
    /// the whole key.
    fn range(&self, key: &str) -> Option<(Range<usize>, bool)> {
        let root = self.root.as_ref()?;
        let mut path: Vec<Result<String, usize>> =
            self.source.prefix.iter().cloned().map(Ok).collect();
        path.extend(segments(key));
        let mut found = None;
        let mut depth = 0;
        let mut table: Option<&DeTable<'_>> = Some(root.get_ref());
        let mut array: Option<&toml::de::DeArray<'_>> = None;
        for seg in &path {
            let value = match (seg, table, array) {
                (Ok(name), Some(t), _) => t
                    .iter()
                    .find(|(k, _)| k.get_ref().as_ref() == name.as_str())
                    .map(|(k, v)| {
                        // A key's own position is more useful than its
                        // value's when the value is a whole table.
                        (k.span(), v)
                    }),
                (Err(i), _, Some(a)) => a.get(*i).map(|v| (v.span(), v)),
                _ => None,
            };
            let Some((key_span, value)) = value else {
                break;
            };
            depth += 1;
            found = Some(match value.get_ref() {
                DeValue::Table(_) | DeValue::Array(_) => key_span.clone(),
                _ => value.span(),
            });
            table = None;
            array = None;
            match value.get_ref() {
                DeValue::Table(t) => table = Some(t),
                DeValue::Array(a) => array = Some(a),
                _ => {}
            }
        }
        found.map(|r| (r, depth == path.len()))
    }
}

impl Source {
    /// `file:line:col: message` for an error `toml` raised on this text,
    /// with the dotted key (below the prefix) whose value is at fault.
    pub fn describe(&self, err: &toml::de::Error) -> String {
        match err.span() {
            Some(span) => {
                let (line, col) = line_col(&self.text, span.start);
                let key = self
                    .key_at(span.start)
                    .map(|k| format!("`{k}`: "))
                    .unwrap_or_default();
                format!("{}:{line}:{col}: {key}{}", self.file, err.message().trim())
            }
            None => format!("{}: {}", self.file, err.message().trim()),
        }
    }

    /// The dotted key (without list indices) whose value holds `offset`.
    fn key_at(&self, offset: usize) -> Option<String> {
        fn walk(table: &DeTable<'_>, offset: usize, path: &mut Vec<String>) {
            for (k, v) in table.iter() {
                let inside = v.span().contains(&offset) || k.span().contains(&offset);
                let nested = matches!(v.get_ref(), DeValue::Table(_) | DeValue::Array(_));
                if !inside && !nested {
                    continue;
                }
                let before = path.len();
                path.push(k.get_ref().to_string());
                match v.get_ref() {
                    DeValue::Table(t) => walk(t, offset, path),
                    DeValue::Array(a) => {
                        for item in a.iter() {
                            if let DeValue::Table(t) = item.get_ref() {
                                walk(t, offset, path);
                                if path.len() > before + 1 {
                                    break;
                                }
                            }
                        }
                    }
                    _ => {}
                }
                if path.len() > before + 1 || inside {
                    return;
                }
                path.truncate(before);
            }
        }
        let root = DeTable::parse(&self.text).ok()?;
        let mut path = Vec::new();
        walk(root.get_ref(), offset, &mut path);
        if path.len() <= self.prefix.len() || !path.starts_with(&self.prefix) {
            return None;
        }
        Some(path[self.prefix.len()..].join("."))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> Source {
        Source {
            file: "m.toml".into(),
            text: text.into(),
            prefix: Vec::new(),
        }
    }

    #[test]
    fn keys_and_list_elements_have_their_own_line_and_column() {
        let s = src("[licenses]\nallow = [\n  \"MIT\",\n  \"Apache2\",\n]\n");
        assert_eq!(s.at("licenses.allow[1]"), "m.toml:4:3");
        assert_eq!(s.at("licenses.allow"), "m.toml:2:1");
        assert_eq!(s.at("licenses.nothing"), "m.toml:1:2");
    }

    #[test]
    fn array_of_tables_elements() {
        let s = src(
            "[[exceptions]]\nartifact = \"a\"\nreason = \"r\"\n\n[[exceptions]]\nartifact = \"b\"\n",
        );
        assert_eq!(s.at("exceptions[1].artifact"), "m.toml:6:12");
    }

    #[test]
    fn a_value_span_covers_its_text() {
        let s = src("[[models]]\nid = \"org/m\"\n\n[licenses]\nallow = [\"MIT\", \"Zlib\"]\n");
        let at = s.span("models[0].id").unwrap();
        assert_eq!((at.line, at.column), (2, 6));
        assert_eq!(&s.text[at.bytes], "\"org/m\"");
        let at = s.span("licenses.allow[1]").unwrap();
        assert_eq!((at.line, at.column), (5, 17));
        assert_eq!(&s.text[at.bytes], "\"Zlib\"");
        assert_eq!(s.span("models[1]"), None);
    }
}
