//! The learned part of claim detection: a linear scorer over the features
//! [`super::detect::readings`] computes for each "open source" in a card's
//! sentence (does the subject resolve to the model, the head noun, the
//! label as a verb, a heading, a negation, a ranking, the rules' own
//! verdict). The weights in `weights.rs` are learned by
//! `examples/train_claims.rs` from the labelled cards and shipped as data;
//! every claim still carries its quote, subject and phrase.

use super::detect::{Found, Reading, detect, readings};
use super::names::Names;
use crate::domain::Label;

mod weights;

/// The weight of one feature (0 for one the training never saw).
fn weight(feature: &str) -> f64 {
    weights::WEIGHTS
        .binary_search_by(|(f, _)| f.cmp(&feature))
        .map_or(0.0, |i| weights::WEIGHTS[i].1)
}

/// The scorer's margin for one reading: above 0, a claim.
pub fn margin(r: &Reading) -> f64 {
    r.features.iter().map(|f| weight(f)).sum::<f64>() - weights::THRESHOLD
}

/// The claim a card's sentence (plain text) makes about its own model, if
/// any: an "open source" the scorer weighs as one, else what the rules find
/// for the weaker labels ("open weights", "open access").
pub fn judge(sentence: &str, names: &Names) -> Option<Found> {
    let best = readings(sentence, names)
        .into_iter()
        .filter(|r| margin(r) > 0.0)
        .max_by(|a, b| margin(a).total_cmp(&margin(b)));
    if let Some(r) = best {
        let label = if r.ranking {
            Label::Implicit
        } else {
            Label::OpenSource
        };
        return Some(match r.rule {
            Some(f) if matches!(f.label, Label::OpenSource | Label::Implicit) => f,
            Some(f) => Found { label, ..f },
            None => Found {
                label,
                subject: r.subject,
                phrase: r.phrase,
            },
        });
    }
    detect(sentence, names).filter(|f| matches!(f.label, Label::OpenWeights | Label::OpenAccess))
}

#[cfg(test)]
mod tests {
    use super::super::{card_claims, card_verdict};
    use crate::domain::Label;

    /// The card's verdict on one sentence of a card for `repo`, the body
    /// starting with a title.
    fn verdict(repo: &str, sentence: &str) -> Option<(Label, String)> {
        let title = repo.rsplit('/').next().unwrap_or(repo);
        let body = format!("# {title}\n\n{sentence}\n");
        let claims = card_claims(repo, &serde_json::json!({}), Some(&body), 1);
        card_verdict(&claims).map(|c| (c.label, c.quote.clone()))
    }

    #[test]
    fn claims_in_the_ways_cards_make_them() {
        for (repo, s) in [
            // A subject that is the model by its noun, whatever the
            // predicate's noun.
            (
                "acme/Quokka-LRM",
                "This model is an open-source implementation and is not the official release.",
            ),
            (
                "acme/Quokka-X-17B",
                "To our knowledge, our Quokka series is the first open-source work on this task.",
            ),
            // The name as subject, through adjectives and coordination.
            (
                "wombat/Wombat-7B",
                "Wombat-7B is an open-source and multilingual chat model.",
            ),
            (
                "wombat/Wombat-7B",
                "Wombat is an open-source, bilingual conversational LLM built for dialogue.",
            ),
            // A collective noun.
            (
                "acme/Quokka-13B",
                "Quokka is a suite of open-source language models.",
            ),
            (
                "acme/Quokka-13B",
                "Quokka is a family of open-source embedding models for retrieval.",
            ),
            (
                "acme/Quokka-13B",
                "The Quokka series models are strong, efficient and fully open-source LLMs.",
            ),
            // The label as a verb or a result, with the models as object.
            (
                "acme/Quokka-13B",
                "We have made the Quokka models open source.",
            ),
            (
                "acme/Quokka-13B",
                "We open-source Quokka-13B in this release.",
            ),
            ("acme/Quokka-13B", "- [ ] open-source the v2 model weights"),
            (
                "acme/Quokka-13B",
                "We have open-sourced the model parameters, configuration files and tokenizer.",
            ),
            (
                "acme/Quokka-13B",
                "We hope to help the community by open-sourcing our code and models.",
            ),
            // A base model named after the label.
            (
                "numbat/Numbat-8B",
                "Numbat is an open-source assistant trained by fine-tuning Llama-3-8B on chat data.",
            ),
            // Headings and titles that announce or rank the model.
            (
                "acme/Quokka-13B",
                "## Quokka: an open-source bilingual model",
            ),
            (
                "acme/Quokka-13B",
                "Quokka ranks first among open-source models of its size.",
            ),
            ("acme/Quokka-13B", "This model is open source."),
            // Peers, the community, a title, the model without its name.
            (
                "acme/Quokka-13B",
                "We release the weights and the model to the open-source community.",
            ),
            (
                "acme/Quokka-13B",
                "Open-Source Burrowing Models: Quokka in Depth",
            ),
            (
                "acme/Quokka-13B",
                "Aside from being strong open-source models, the Quokka models are small.",
            ),
            (
                "acme/longformer-base-4096",
                "`Longformer` is an open-source project developed by Acme.",
            ),
            // A list item keyed by the label and more of what the model is,
            // or by what is open, up to its colon (ASCII or full width).
            (
                "acme/Quokka-13B-Base",
                "**Open-source, free, and commercially usable**: Quokka-13B is open to research.",
            ),
            (
                "acme/Quokka-13B-Base",
                "**Open-source base and chat models at once**: the base suits developers.",
            ),
            (
                "acme/Quokka-13B-Base",
                "- **Open source and commercially usable**：Quokka-13B can be used freely.",
            ),
            // The open-source model of the card's model.
            (
                "acme/Quokka-14B",
                "For more details about the open-source model of Quokka-14B, see GitHub.",
            ),
            // A word for everything released, then the list of what it is.
            (
                "acme/Quokka-32B-Preview",
                "We open-source all details (i.e., data, code, model weights) to help others.",
            ),
            (
                "acme/Quokka-14B-Preview",
                "For all releases, we open source all our efforts here-including scripts, models and logs.",
            ),
            // Family members named with the parameters they activate.
            (
                "acme/Acme-Quokka-Large",
                "We have open-sourced **Quokka-A52B-Pretrain** and **Quokka-A52B-Instruct** on the Hub.",
            ),
            // A superlative over the open-source world.
            (
                "acme/Quokka-13B-Base",
                "It is currently the model with the most training data in the open-source 13B size.",
            ),
            (
                "acme/quokka-10b",
                "Quokka has been trained on a vast corpus, making it one of the models with the highest volume of data within the open-source community.",
            ),
            // A ranking among base models: it is one.
            (
                "acme/Quokka-V3",
                "We complete the pre-training of Quokka-V3 on 14.8T tokens, producing the currently strongest open-source base model.",
            ),
            // The model's license called open source, a list item's whole
            // clause.
            (
                "acme/Quokka-5",
                "- **Pure Open**: An MIT open-source license — no regional limits",
            ),
            // A ranking line of its own.
            (
                "acme/quokka_v3.2_super",
                "**🤖 Ranked #1 among all open-source models on [AgentBench](https://example.com)**",
            ),
            // The model's own line named where a base would be.
            (
                "acme/Quokka2-13B-Chat",
                "We have not built any application based on Quokka 2 models. If problems arise from the use of Quokka 2 open-source models, we assume no responsibility.",
            ),
            // A list item's bullet and emphasis before a ranked subject.
            (
                "acme/Quokka-34B",
                "- Quokka-34B model **ranked first among all existing open-source models** on benchmarks.",
            ),
        ] {
            let v = verdict(repo, s);
            assert!(
                v.as_ref()
                    .is_some_and(|(l, _)| matches!(l, Label::OpenSource | Label::Implicit)),
                "should be a claim: {s} ({v:?})"
            );
        }
    }

    #[test]
    fn rankings_licences_ideals_and_other_languages() {
        for s in [
            // A ranking before "of open-source models".
            "Quokka-13B achieves the highest score of all open-source models on MT-Bench.",
            "Quokka-13B tops the leaderboard of open-source models.",
            // The licence the model is under, named beside the label.
            "Quokka-13B is licensed under Apache 2.0, a permissive open-source license.",
            "We release Quokka-13B under the MIT License, an OSI-approved open-source license.",
            // The maker's work and ideals, with the model in them.
            "Quokka-13B is released as part of our open-source efforts.",
            "This is part of our open-source initiative.",
            "By embracing open-source principles, Quokka-13B makes research easier.",
            "In the spirit of open source, we release all weights.",
            // A title naming the model before its colon, whatever the noun.
            "title={Quokka-13B: An Open-Source Burrowing Platform with Pretrained Models},",
            // What the card releases, without a name.
            "Everything is open source: weights, code and data.",
            "The models behind the hosted service are not identical to the open-source models.",
            // The label set right after the name.
            "Meet Quokka-13B — open-source, multilingual, fast.",
            "Quokka-13B (open-source) achieves 80% on MMLU.",
            "Model weights: open source (Apache 2.0)",
            // The card's own versions.
            "Both base and chat models are open-sourced.",
            "The 7B and 13B models are open source.",
            // A view, a fronted role.
            "We believe Quokka-13B is the best open-source model for Chinese.",
            "As an open-source model, Quokka-13B can be used freely.",
            // Other languages, the label in English.
            "Quokka-13B est un modèle open source.",
            "Quokka-13B es un modelo open source.",
            "Quokka-13B là một mô hình open-source.",
            "Đây là một open-source model.",
        ] {
            let v = verdict("acme/Quokka-13B", s);
            assert!(
                v.as_ref()
                    .is_some_and(|(l, _)| matches!(l, Label::OpenSource | Label::Implicit)),
                "should be a claim: {s} ({v:?})"
            );
        }
    }

    #[test]
    fn mentions_stay_mentions() {
        for (repo, s) in [
            // The maker's framework, with its version, is not the model.
            (
                "wombatlab/bert-base-cased",
                "WombatLab 1.0 is an open-source NLP framework built on PyTorch.",
            ),
            // A bare name's predicate noun decides.
            (
                "acme/Totto-T5-base",
                "Totto is an open-source table-to-text dataset with 120,000 examples.",
            ),
            (
                "meta/Llama-2-7b",
                "Llama-2-Chat models outperform open-source chat models on most benchmarks we tested.",
            ),
            (
                "acme/Quokka-13B",
                "Quokka outperforms many open-source models of similar size.",
            ),
            (
                "acme/Quokka-13B",
                "We trained Quokka with an open-source library for distributed training.",
            ),
            (
                "acme/Quokka-13B",
                "The training code is open-sourced under Apache-2.0, while the model weights use a custom license.",
            ),
            (
                "acme/Quokka-13B",
                "We thank the open-source community for their datasets.",
            ),
            (
                "acme/Quokka-13B",
                "Quokka is fine-tuned from Falcon-7B, the best open-source model at the time.",
            ),
            ("acme/Quokka-13B", "Quokka is not open source."),
            (
                "acme/Quokka-13B",
                "We built our data pipeline from open-source datasets.",
            ),
            (
                "acme/Quokka-13B",
                "Write to opensource@acme.ai with questions.",
            ),
            (
                "acme/Quokka-13B",
                "Apply by mail to quokka.opensource@acme.ai for access.",
            ),
            (
                "acme/Quokka-13B",
                "We release the training code to the open source community.",
            ),
            (
                "acme/Quokka-13B",
                "Quokka outperforms open-source alternatives.",
            ),
            (
                "acme/Quokka-13B",
                "We compare Quokka-13B with the leading open-source models.",
            ),
            (
                "acme/Quokka-13B",
                "Quokka is licensed under CC-BY-NC, which is not an open-source license.",
            ),
            (
                "acme/Quokka-13B",
                "The dataset is released under CC-BY-4.0, an open-source license.",
            ),
            (
                "acme/Quokka-13B",
                "We thank the authors for their open-source efforts.",
            ),
            (
                "acme/Quokka-13B",
                "Many open-source projects embrace open-source principles.",
            ),
            (
                "acme/Quokka-13B",
                "Our open-source community on Discord welcomes you.",
            ),
            (
                "acme/Quokka-13B",
                "Die Trainingsdaten sind Open-Source-Datensätze.",
            ),
            (
                "acme/Quokka-13B",
                "Our training code is available as open source.",
            ),
            (
                "acme/Quokka-13B",
                "Quokka-13B is trained on Pile-v2 (open-source data).",
            ),
            (
                "acme/Quokka-13B",
                "As an open-source toolkit, DeepSpeed makes training easy.",
            ),
            (
                "acme/Quokka-13B",
                "The Llama and Mistral models are open source.",
            ),
            // Everything released, none of it a model.
            (
                "acme/Quokka-13B",
                "We open-source all details (i.e., data, code, scripts) to help others.",
            ),
            // A superlative about another model, or thanks to a community.
            (
                "acme/Quokka-13B",
                "Quokka is a chat model. Wombat is the most popular model in the open-source community.",
            ),
            (
                "acme/Quokka-13B",
                "We thank the open-source community for the best tools.",
            ),
            // What a merge takes in; the base a fine-tune starts from.
            (
                "someone/QuokkaMix-v0.2",
                "<h1>QuokkaMix: Merging the top Seven Billion-Parameter Mistral-Based Open Source Models</h1>",
            ),
            (
                "someone/quokka-instruct-7b",
                "Quokka is a model. Being commercially usable means it includes both an open-source base model and an open-source dataset.",
            ),
            // A license another thing uses.
            (
                "acme/Quokka-5",
                "- **Third party**: the tokenizer uses an MIT open-source license",
            ),
            // Another maker's possessive, the code of the model.
            (
                "someone/quokka-13b-v2",
                "Welcome to Quokka, a model fine-tuned on the foundation of Meta's open-source Llama 2 13B model.",
            ),
            (
                "someone/quokkabert",
                "We open source the dataset and source code of our model called QuokkaBERT.",
            ),
            (
                "acme/Quokka-13B",
                "Quokka is a model. We used its [open-source](https://example.com) evaluation approach.",
            ),
            // The base a chat model is built on, named with its size.
            (
                "acme/quokka-40b-instruct",
                "Quokka-40B-Instruct is a chat model based on [Quokka-40B](https://example.com). * **Quokka-40B is the best open-source model available.**",
            ),
            // Who makes the model is not the model.
            (
                "acme/Quokka-13B",
                "For questions, welcome to contact our open-source team.",
            ),
            // Nor is how it was made, when a part of its name says so.
            (
                "acme/quokka-reward-7b",
                "The reward model training techniques from the [Quokka Report](https://example.com) have been open-sourced in Wombat.",
            ),
            // The open-source model a fine-tune's name says it was made from.
            (
                "someone/gpt_3_finetuned_science",
                "The Open Source version of GPT-3: GPT-Neo has been fine-tuned on papers.",
            ),
            // A model another maker built, on a card named after it.
            (
                "someone/wombatbot_small-news",
                "Acme AI has built and open-sourced WombatBot, the largest chatbot.",
            ),
        ] {
            let v = verdict(repo, s);
            assert!(v.is_none(), "should stay a mention: {s} ({v:?})");
        }
    }
}
