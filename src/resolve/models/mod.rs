//! A Hub model's license, with evidence, from (in order) the user's
//! declared override, the card's `license` (Hub ids mapped through the
//! catalog; `other` through `license_name` and `license_link`), the Hub's
//! `license:` tags, the repository's LICENSE text matched by the catalog's
//! identifying phrases or the SPDX detector, and the catalog's list of a
//! vendor's official repositories. Anything else is `unknown`.
//!
//! Models are resolved concurrently (bounded by `[hub] concurrency`), in
//! waves: the declared models, then the base models their cards name, and
//! so on, each model once, to a bounded depth.
//!
//! In four parts: `gather` fetches what one model needs from the Hub or the
//! cache, `license` decides its license from that without I/O, `one`
//! resolves one model (claims, base models, the lock entry) and `lineage`
//! runs the waves within the bounds below.

mod gather;
mod license;
mod lineage;
mod one;

pub use license::{decide, parse_declared};
pub use lineage::resolve_all;
pub use one::base_models;

use crate::catalog::Catalog;
use crate::domain::{Evidence, EvidenceSource};

/// How deep `base_model` chains are followed.
pub const MAX_LINEAGE_DEPTH: usize = 8;
/// How many base models of one card are followed.
pub const MAX_BASES_PER_CARD: usize = 32;
/// How many base models one run follows from cards, all derivatives
/// together. The project's own models (declared or discovered) are never
/// cut: only what cards name is. What a bound cuts is reported as
/// `model-unresolved`.
pub const MAX_LINEAGE_MODELS: usize = 256;

/// The settings resolution needs.
pub struct Settings<'a> {
    pub catalog: &'a Catalog,
    pub threshold: f32,
    pub quiet: bool,
}

fn note(source: EvidenceSource, text: impl Into<crate::domain::SharedStr>) -> Evidence {
    Evidence {
        source,
        note: text.into(),
        ..Evidence::default()
    }
}
