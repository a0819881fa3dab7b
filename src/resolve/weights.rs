//! A weight file's license, from its own metadata: GGUF `general.license`
//! (often a Hub id such as `llama3.1`, `gemma` or `other`, so it is mapped
//! through the catalog, then read as SPDX) with `general.license.name` for
//! `other`; safetensors `modelspec.license`. A file that says nothing is
//! `unknown`, never a pass.

use crate::catalog::Catalog;
use crate::discover::weights::WeightMeta;
use crate::domain::{Evidence, License};

pub fn license(meta: &Result<WeightMeta, String>, relative: &str, catalog: &Catalog) -> License {
    let ev = |quote: Option<String>, note: String| Evidence {
        source: crate::domain::EvidenceSource::WeightMetadata,
        file: Some(relative.to_owned().into()),
        quote: quote.map(Into::into),
        note: note.into(),
        ..Evidence::default()
    };
    let meta = match meta {
        Ok(m) => m,
        Err(e) => {
            return License::unknown(vec![ev(None, format!("the header cannot be read: {e}"))]);
        }
    };
    let Some(raw) = meta
        .license
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    else {
        return License::unknown(vec![ev(
            None,
            "the file's metadata names no license".to_owned(),
        )]);
    };
    let quote = Some(format!("license = {raw}"));
    let id = raw.to_ascii_lowercase();
    if id == "other" {
        if let Some(entry) = meta
            .license_name
            .as_deref()
            .and_then(|n| catalog.lookup(n))
            .filter(|e| e.id != "other")
        {
            return License {
                expression: spdx::Expression::parse(&entry.license_ref())
                    .ok()
                    .map(Box::new),
                evidence: vec![ev(
                    quote,
                    format!(
                        "`other` with license name `{}`: {}",
                        meta.license_name.as_deref().unwrap_or(""),
                        entry.name
                    ),
                )],
            };
        }
        return License::unknown(vec![ev(
            quote,
            "`other`, with no license name the catalog knows".to_owned(),
        )]);
    }
    if let Some(entry) = catalog.lookup(&id) {
        let mut note = format!("the metadata says `{raw}`: {}", entry.name);
        if entry.family {
            note.push_str(" (a family of licenses: which one is ambiguous)");
        }
        return License {
            expression: spdx::Expression::parse(&entry.license_ref())
                .ok()
                .map(Box::new),
            evidence: vec![ev(quote, note)],
        };
    }
    if let Some(expr) = super::parse_lax(raw) {
        let note = format!("the metadata says `{raw}`, read as SPDX `{expr}`");
        return License {
            expression: Some(Box::new(expr)),
            evidence: vec![ev(quote, note)],
        };
    }
    License::unknown(vec![ev(
        quote,
        format!("`{raw}` is neither a Hub license id nor SPDX"),
    )])
}
