//! YAML read from untrusted text (model cards, the workspace's
//! configuration files): `serde-saphyr` with tight budgets.

/// The YAML budgets for untrusted text of at most `max_bytes` bytes (model cards,
/// configuration files in the workspace): one document, bounded depth,
/// aliases, events and scalar bytes.
pub fn options(max_bytes: usize, max_events: usize) -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_documents: 1,
            max_depth: 64,
            flow_nesting_limit: 64,
            max_events: max_events,
            max_nodes: max_events,
            max_anchors: 1_000,
            max_aliases: 1_000,
            max_merge_keys: 100,
            max_recorded_anchor_events: 100_000,
            max_recorded_anchor_bytes: max_bytes,
            max_total_scalar_bytes: max_bytes,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 100_000,
            max_replay_stack_depth: 16,
            max_alias_expansions_per_anchor: 1_000,
        },
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::LastWins,
        strict_booleans: true,
        null_as_string: true,
        non_finite_float_policy: serde_saphyr::options::NonFiniteFloatPolicy::AsString,
        with_snippet: false,
    }
}
