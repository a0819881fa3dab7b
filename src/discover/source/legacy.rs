//! Owner-less legacy ids (`gpt2`, `bert-base-cased`): the Hub still
//! answers them, by a redirect to the organisation that now holds the
//! repository. Only the ids below are taken, and only where they reach a
//! Hub call: a bare word elsewhere is no reference.

/// Legacy id and the repository the Hub redirects it to.
const LEGACY_IDS: &[(&str, &str)] = &[
    ("albert-base-v2", "albert/albert-base-v2"),
    ("albert-large-v2", "albert/albert-large-v2"),
    ("bert-base-cased", "google-bert/bert-base-cased"),
    ("bert-base-chinese", "google-bert/bert-base-chinese"),
    (
        "bert-base-multilingual-cased",
        "google-bert/bert-base-multilingual-cased",
    ),
    (
        "bert-base-multilingual-uncased",
        "google-bert/bert-base-multilingual-uncased",
    ),
    ("bert-base-uncased", "google-bert/bert-base-uncased"),
    ("bert-large-cased", "google-bert/bert-large-cased"),
    ("bert-large-uncased", "google-bert/bert-large-uncased"),
    ("ctrl", "Salesforce/ctrl"),
    ("distilbert-base-cased", "distilbert/distilbert-base-cased"),
    (
        "distilbert-base-multilingual-cased",
        "distilbert/distilbert-base-multilingual-cased",
    ),
    (
        "distilbert-base-uncased",
        "distilbert/distilbert-base-uncased",
    ),
    ("distilgpt2", "distilbert/distilgpt2"),
    ("distilroberta-base", "distilbert/distilroberta-base"),
    ("gpt2", "openai-community/gpt2"),
    ("gpt2-large", "openai-community/gpt2-large"),
    ("gpt2-medium", "openai-community/gpt2-medium"),
    ("gpt2-xl", "openai-community/gpt2-xl"),
    ("openai-gpt", "openai-community/openai-gpt"),
    ("roberta-base", "FacebookAI/roberta-base"),
    ("roberta-large", "FacebookAI/roberta-large"),
    ("t5-11b", "google-t5/t5-11b"),
    ("t5-3b", "google-t5/t5-3b"),
    ("t5-base", "google-t5/t5-base"),
    ("t5-large", "google-t5/t5-large"),
    ("t5-small", "google-t5/t5-small"),
    ("xlm-roberta-base", "FacebookAI/xlm-roberta-base"),
    ("xlm-roberta-large", "FacebookAI/xlm-roberta-large"),
    ("xlnet-base-cased", "xlnet/xlnet-base-cased"),
    ("xlnet-large-cased", "xlnet/xlnet-large-cased"),
];

/// The repository an owner-less legacy id stands for, if it is one.
pub(crate) fn legacy_id(id: &str) -> Option<&'static str> {
    LEGACY_IDS
        .binary_search_by(|(legacy, _)| legacy.cmp(&id))
        .ok()
        .map(|i| LEGACY_IDS[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_and_canonical() {
        assert!(LEGACY_IDS.windows(2).all(|w| w[0].0 < w[1].0));
        for (legacy, canonical) in LEGACY_IDS {
            assert!(super::super::id_like(canonical), "{canonical}");
            assert!(canonical.ends_with(&format!("/{legacy}")), "{canonical}");
        }
        assert_eq!(legacy_id("gpt2"), Some("openai-community/gpt2"));
        assert_eq!(legacy_id("my-model"), None);
    }
}
