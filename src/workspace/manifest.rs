//! Where a workspace manifest declares each dependency and its own license,
//! read once with `toml`'s span-keeping parser, so that a finding on a crate
//! can quote the line that brings it in.

use crate::domain::{Scope, Span};
use toml::de::{DeTable, DeValue};

/// The declarations of one `Cargo.toml`.
#[derive(Debug, Default)]
pub struct Declarations {
    /// (table kind, package name, where the entry is), in file order.
    dependencies: Vec<(Scope, String, Span)>,
    /// `license` (or `license-file`) in `[package]`, else the `[package]` key.
    pub license: Option<Span>,
}

impl Declarations {
    /// Reads a manifest's text; a text that is not TOML declares nothing
    /// (cargo, which read it first, would have said why).
    pub fn read(text: &str) -> Declarations {
        let mut out = Declarations::default();
        let Ok(root) = DeTable::parse(text) else {
            return out;
        };
        for (key, value) in root.get_ref().iter() {
            match key.get_ref().as_ref() {
                "package" => out.license = package_license(text, key.span(), value.get_ref()),
                "target" => {
                    for (_, platform) in value.get_ref().as_table().into_iter().flatten() {
                        for (key, value) in platform.get_ref().as_table().into_iter().flatten() {
                            out.table(text, key.get_ref(), value.get_ref());
                        }
                    }
                }
                name => out.table(text, name, value.get_ref()),
            }
        }
        out
    }

    fn table(&mut self, text: &str, name: &str, value: &DeValue<'_>) {
        let scope = match name {
            "dependencies" => Scope::Normal,
            "dev-dependencies" | "dev_dependencies" => Scope::Dev,
            "build-dependencies" | "build_dependencies" => Scope::Build,
            _ => return,
        };
        for (key, entry) in value.as_table().into_iter().flatten() {
            // `alias = { package = "real" }` depends on `real`.
            let package = entry
                .get_ref()
                .as_table()
                .and_then(|t| t.iter().find(|(k, _)| k.get_ref() == "package"))
                .and_then(|(_, v)| v.get_ref().as_str());
            let name = package.unwrap_or(key.get_ref().as_ref());
            self.dependencies.push((
                scope,
                name.to_owned(),
                Span::of(text, entry_range(text, key.span(), entry.span())),
            ));
        }
    }

    /// Where the dependency on the package `name` is declared: in the table
    /// of the edge's kind if there is one, else in another.
    pub fn dependency(&self, name: &str, scope: Scope) -> Option<&Span> {
        let named = || self.dependencies.iter().filter(move |(_, n, _)| n == name);
        named()
            .find(|(s, _, _)| *s == scope)
            .or_else(|| named().next())
            .map(|(_, _, span)| span)
    }
}

/// From the key to the end of its value when the value ends on the key's
/// line (`serde = { version = "1" }`), else the key alone (a
/// `[dependencies.serde]` header, a value over several lines).
fn entry_range(
    text: &str,
    key: std::ops::Range<usize>,
    value: std::ops::Range<usize>,
) -> std::ops::Range<usize> {
    let line_end = text
        .get(key.start..)
        .and_then(|rest| rest.find('\n'))
        .map_or(text.len(), |i| key.start + i);
    if value.start >= key.end && value.end <= line_end {
        key.start..value.end
    } else {
        key
    }
}

fn package_license(
    text: &str,
    header: std::ops::Range<usize>,
    package: &DeValue<'_>,
) -> Option<Span> {
    let table = package.as_table()?;
    let license = ["license", "license-file"].iter().find_map(|want| {
        table
            .iter()
            .find(|(k, _)| k.get_ref() == *want)
            .map(|(k, v)| entry_range(text, k.span(), v.span()))
    });
    Some(Span::of(text, license.unwrap_or(header)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MANIFEST: &str = r#"[package]
name = "app"
license = "MIT" # a comment with [brackets]

[dependencies]
serde = "1"
tokio.workspace = true
renamed = { package = "real-name", version = "1" }
"quoted" = { path = "../quoted" }

[target.'cfg(windows)'.dependencies]
winapi = "0.3"

[dev-dependencies]
serde = { version = "1", features = ["derive"] }

[build-dependencies.cc]
version = "1"

[dependencies.alias]
package = "aliased"
"#;

    fn at(d: &Declarations, name: &str, scope: Scope) -> Option<(u32, &'static str)> {
        let span = d.dependency(name, scope)?;
        let text: &'static str = &MANIFEST[span.bytes.clone()];
        Some((span.line, text))
    }

    #[test]
    fn finds_where_each_dependency_is_declared() {
        let d = Declarations::read(MANIFEST);
        assert_eq!(at(&d, "serde", Scope::Normal), Some((6, "serde = \"1\"")));
        assert_eq!(
            at(&d, "serde", Scope::Dev),
            Some((15, "serde = { version = \"1\", features = [\"derive\"] }"))
        );
        assert_eq!(at(&d, "tokio", Scope::Normal), Some((7, "tokio")));
        assert_eq!(
            at(&d, "real-name", Scope::Normal),
            Some((8, "renamed = { package = \"real-name\", version = \"1\" }"))
        );
        assert_eq!(
            at(&d, "quoted", Scope::Normal),
            Some((9, "\"quoted\" = { path = \"../quoted\" }"))
        );
        assert_eq!(
            at(&d, "winapi", Scope::Normal),
            Some((12, "winapi = \"0.3\""))
        );
        assert_eq!(at(&d, "cc", Scope::Build), Some((17, "cc")));
        // A build edge declared only as a normal dependency still points at it.
        assert_eq!(at(&d, "winapi", Scope::Build).map(|a| a.0), Some(12));
        assert_eq!(at(&d, "aliased", Scope::Normal), Some((20, "alias")));
        assert_eq!(at(&d, "missing", Scope::Normal), None);
        // `name` under [package] is not a dependency.
        assert_eq!(at(&d, "name", Scope::Normal), None);
    }

    #[test]
    fn finds_the_package_license() {
        let d = Declarations::read(MANIFEST);
        let span = d.license.unwrap();
        assert_eq!((span.line, &MANIFEST[span.bytes]), (3, "license = \"MIT\""));
        let text = "[package]\nname = \"x\"\n[lib]\nlicense = 1";
        let span = Declarations::read(text).license.unwrap();
        assert_eq!((span.line, &text[span.bytes]), (1, "package"));
        assert!(Declarations::read("[workspace]\n").license.is_none());
        assert!(Declarations::read("not = [toml").license.is_none());
    }
}
