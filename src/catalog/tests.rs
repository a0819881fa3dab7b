use super::*;

/// The ids hub-docs accepts in `license:` (docs/hub/repositories-licenses.md,
/// snapshot 242f4a1): the 82 of shared/facts/model-licenses.md plus `zlib`,
/// which that file lists too.
const HUB_IDS: [&str; 83] = [
    "apache-2.0",
    "mit",
    "openrail",
    "bigscience-openrail-m",
    "creativeml-openrail-m",
    "bigscience-bloom-rail-1.0",
    "bigcode-openrail-m",
    "afl-3.0",
    "artistic-2.0",
    "bsl-1.0",
    "bsd",
    "bsd-2-clause",
    "bsd-3-clause",
    "bsd-3-clause-clear",
    "c-uda",
    "cc",
    "cc0-1.0",
    "cc-by-2.0",
    "cc-by-2.5",
    "cc-by-3.0",
    "cc-by-4.0",
    "cc-by-sa-3.0",
    "cc-by-sa-4.0",
    "cc-by-nc-2.0",
    "cc-by-nc-3.0",
    "cc-by-nc-4.0",
    "cc-by-nd-4.0",
    "cc-by-nc-nd-3.0",
    "cc-by-nc-nd-4.0",
    "cc-by-nc-sa-2.0",
    "cc-by-nc-sa-3.0",
    "cc-by-nc-sa-4.0",
    "cdla-sharing-1.0",
    "cdla-permissive-1.0",
    "cdla-permissive-2.0",
    "wtfpl",
    "ecl-2.0",
    "epl-1.0",
    "epl-2.0",
    "etalab-2.0",
    "eupl-1.1",
    "eupl-1.2",
    "agpl-3.0",
    "gfdl",
    "gpl",
    "gpl-2.0",
    "gpl-3.0",
    "lgpl",
    "lgpl-2.1",
    "lgpl-3.0",
    "isc",
    "h-research",
    "intel-research",
    "lppl-1.3c",
    "ms-pl",
    "apple-ascl",
    "apple-amlr",
    "mpl-2.0",
    "odc-by",
    "odbl",
    "openmdw-1.0",
    "openmdw-1.1",
    "openrail++",
    "osl-3.0",
    "postgresql",
    "ofl-1.1",
    "ncsa",
    "unlicense",
    "zlib",
    "pddl",
    "lgpl-lr",
    "deepfloyd-if-license",
    "fair-noncommercial-research-license",
    "llama2",
    "llama3",
    "llama3.1",
    "llama3.2",
    "llama3.3",
    "llama4",
    "grok2-community",
    "gemma",
    "unknown",
    "other",
];

/// `license_name` values seen with `license: other` on real cards and in the
/// Hub's docs and the facts.
const LICENSE_NAMES: [&str; 16] = [
    "gemma-terms-of-use",
    "deepseek",
    "deepseek-license",
    "tongyi-qianwen",
    "qwen",
    "qwen-research",
    "falcon-llm-license",
    "mrl",
    "nvidia-license-agreement",
    "yi-license",
    "microsoft-research-license",
    "ai2-impact-license-low-risk",
    "model-license",
    "coqui-public-model-license",
    "apache-2.0",
    "llama2",
];

const MIT_TEXT: &str = "MIT License

Copyright (c) 2024 Example

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the \"Software\"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT.
";

fn catalog() -> &'static Catalog {
    Catalog::builtin()
}

#[test]
fn embedded_catalog_parses() {
    let c = Catalog::from_toml(BUILTIN).unwrap_or_else(|e| panic!("{e}"));
    assert!(c.entries().len() > HUB_IDS.len());
    assert_eq!(catalog().entries().len(), c.entries().len());
}

#[test]
fn hub_flag_is_set_on_exactly_the_hub_ids() {
    let mut flagged: Vec<&str> = catalog()
        .entries()
        .iter()
        .filter(|e| e.hub)
        .map(|e| e.id.as_str())
        .collect();
    flagged.sort_unstable();
    let mut expected = HUB_IDS.to_vec();
    expected.sort_unstable();
    assert_eq!(flagged, expected);
}

#[test]
fn spdx_ids_are_valid_and_osi_flags_match_the_spdx_list() {
    for e in catalog().entries() {
        match &e.spdx {
            Some(id) => {
                let l = spdx::license_id(id)
                    .unwrap_or_else(|| panic!("{}: `{id}` is not an SPDX id", e.id));
                assert_eq!(l.name, id.as_str(), "{}", e.id);
                assert!(!l.is_deprecated(), "{}: `{id}` is deprecated", e.id);
                assert_eq!(
                    e.osi_approved,
                    l.is_osi_approved(),
                    "{}: osi-approved",
                    e.id
                );
            }
            None => assert!(!e.osi_approved, "{}: no SPDX id, so not OSI-approved", e.id),
        }
    }
}

#[test]
fn every_license_ref_is_valid_spdx_and_looks_up_its_entry() {
    for e in catalog().entries() {
        let r = e.license_ref();
        spdx::Expression::parse(&r).unwrap_or_else(|err| panic!("{}: {r}: {err}", e.id));
        assert_eq!(catalog().lookup(&r).map(|x| &x.id), Some(&e.id), "{r}");
        assert_eq!(catalog().get(&e.id).map(|x| &x.id), Some(&e.id));
        for alias in &e.aliases {
            assert_eq!(
                catalog().lookup(alias).map(|x| &x.id),
                Some(&e.id),
                "{alias}"
            );
        }
    }
    assert_eq!(
        catalog().get("openrail++").unwrap().license_ref(),
        "LicenseRef-openrail-plus-plus"
    );
}

#[test]
fn card_license_names_resolve() {
    for name in LICENSE_NAMES {
        assert!(catalog().lookup(name).is_some(), "license_name `{name}`");
    }
    assert_eq!(catalog().lookup("gemma-terms-of-use").unwrap().id, "gemma");
    assert_eq!(catalog().lookup("deepseek-license").unwrap().id, "deepseek");
    assert_eq!(
        catalog().lookup(" Gemma_Terms_Of_Use ").unwrap().id,
        "gemma"
    );
    assert_eq!(catalog().lookup("deepseek license").unwrap().id, "deepseek");
    assert!(catalog().lookup("model-license").unwrap().family);
    assert!(catalog().lookup("not-a-license").is_none());
    assert!(catalog().lookup("  ").is_none());
}

#[test]
fn lookup_accepts_ids_spdx_ids_and_license_refs() {
    let c = catalog();
    assert_eq!(c.lookup("LLAMA2").unwrap().id, "llama2");
    assert_eq!(c.lookup("LicenseRef-llama2").unwrap().id, "llama2");
    assert_eq!(c.lookup("licenseref-llama3.1").unwrap().id, "llama3.1");
    assert_eq!(c.lookup("LicenseRef-openrail++").unwrap().id, "openrail++");
    assert_eq!(c.lookup("Apache-2.0").unwrap().id, "apache-2.0");
    assert_eq!(c.lookup("GPL-3.0-only").unwrap().id, "gpl-3.0");
    assert_eq!(c.lookup("CC-BY-NC-4.0").unwrap().id, "cc-by-nc-4.0");
    assert!(c.lookup("GPL-3.0-or-later").is_none());
    assert_eq!(c.get("Gemma").unwrap().id, "gemma");
    assert!(c.get("gemma-terms-of-use").is_none(), "get takes ids only");
}

#[test]
fn by_spdx_is_exact() {
    let c = catalog();
    assert_eq!(c.by_spdx("MIT").unwrap().id, "mit");
    assert_eq!(c.by_spdx("OpenMDW-1.0").unwrap().id, "openmdw-1.0");
    assert!(c.by_spdx("mit").is_none());
    assert!(c.by_spdx("llama2").is_none());
}

#[test]
fn llama2_carries_the_terms_that_make_it_not_open_source() {
    let e = catalog().get("llama2").unwrap();
    assert!(!e.osi_approved);
    assert!(e.spdx.is_none());
    assert_eq!(e.license_ref(), "LicenseRef-llama2");
    let cap = e
        .restrictions
        .iter()
        .find(|r| r.class == RestrictionClass::UserCap)
        .expect("user-cap");
    assert_eq!(cap.limit, Some(700_000_000));
    assert!(e.has(RestrictionClass::NoImprovingOtherModels));
    assert!(e.has(RestrictionClass::AcceptableUsePolicy));
    assert!(!e.has(RestrictionClass::NonCommercial));
    assert!(
        e.labels
            .iter()
            .any(|l| l.by == "Meta" && l.quote.contains("open source"))
    );
}

#[test]
fn model_licenses_carry_their_classes() {
    let c = catalog();
    let has = |id: &str, class| c.get(id).unwrap_or_else(|| panic!("{id}")).has(class);
    use RestrictionClass::*;
    assert!(has("llama3", NoImprovingOtherModels) && has("llama3", NamingOrBranding));
    assert!(!has("llama3.1", NoImprovingOtherModels));
    for id in ["llama3.2", "llama3.3", "llama4"] {
        assert!(has(id, RegionalExclusion) && has(id, UserCap), "{id}");
    }
    assert!(has("gemma", AcceptableUsePolicy) && has("gemma", DerivativesInherit));
    for id in [
        "creativeml-openrail-m",
        "openrail++",
        "bigscience-openrail-m",
        "bigscience-bloom-rail-1.0",
        "bigcode-openrail-m",
        "deepseek",
    ] {
        assert!(has(id, FieldOfUse) && has(id, DerivativesInherit), "{id}");
    }
    assert!(has("tongyi-qianwen", UserCap) && has("tongyi-qianwen", NoImprovingOtherModels));
    for id in [
        "mrl",
        "qwen-research",
        "tongyi-qianwen-research",
        "deepfloyd-if-license",
    ] {
        assert!(has(id, ResearchOnly) && has(id, NonCommercial), "{id}");
        assert_eq!(c.get(id).unwrap().commercial_use, CommercialUse::No, "{id}");
    }
    for id in ["cc-by-nc-4.0", "cc-by-nc-sa-4.0", "cc-by-nc-nd-3.0"] {
        assert!(has(id, NonCommercial), "{id}");
    }
    assert!(has("cc-by-nd-4.0", NoDerivatives) && has("cc-by-nc-nd-4.0", NoDerivatives));
    assert!(c.get("other").unwrap().family);
    assert!(!c.get("unknown").unwrap().family);
}

#[test]
fn every_restriction_and_label_has_a_public_source() {
    for e in catalog().entries() {
        for r in &e.restrictions {
            assert!(r.source.starts_with("https://"), "{} {}", e.id, r.class);
            assert!(!r.summary.contains('\n'), "{} {}: one line", e.id, r.class);
            assert_eq!(r.limit.is_some(), r.class == RestrictionClass::UserCap);
        }
        for l in &e.labels {
            assert!(l.source.starts_with("https://"), "{}", e.id);
        }
        if let Some(link) = &e.link {
            assert!(link.starts_with("https://"), "{}", e.id);
        }
        if !e.family && e.spdx.is_none() {
            assert!(
                e.link.is_some(),
                "{}: a model license needs its text's link",
                e.id
            );
        }
    }
}

#[test]
fn detect_finds_llama2_by_its_title_inside_a_longer_text() {
    let text = "Some preamble.\n\n  LLAMA 2   COMMUNITY\n LICENSE AGREEMENT\n\
                Llama 2 Version Release Date: July 18, 2023\n\"Agreement\" means ...";
    let (e, phrase) = catalog().detect(text).expect("detected");
    assert_eq!(e.id, "llama2");
    assert_eq!(phrase, "LLAMA 2 COMMUNITY LICENSE AGREEMENT");
}

#[test]
fn detect_finds_nothing_in_an_mit_text() {
    assert!(catalog().detect(MIT_TEXT).is_none());
}

#[test]
fn every_phrase_detects_its_own_entry() {
    for e in catalog().entries() {
        for p in &e.phrases {
            let text = format!("Header.\n{p}\nBody of the license.");
            let (found, _) = catalog().detect(&text).unwrap_or_else(|| panic!("{p}"));
            assert_eq!(found.id, e.id, "phrase \"{p}\"");
        }
    }
}

#[test]
fn detect_prefers_the_longest_phrase_and_respects_word_boundaries() {
    let c = Catalog::from_toml(
        r#"
[[license]]
id = "short"
name = "Short"
osi-approved = false
commercial-use = "no"
phrases = ["Foo License"]

[[license]]
id = "long"
name = "Long"
osi-approved = false
commercial-use = "no"
phrases = ["Foo License Agreement"]
"#,
    )
    .unwrap();
    let (e, p) = c
        .detect("the foo license agreement, see the foo license")
        .unwrap();
    assert_eq!((e.id.as_str(), p), ("long", "Foo License Agreement"));
    assert_eq!(c.detect("the Foo License applies").unwrap().0.id, "short");
    assert!(c.detect("the kungfoo licenses").is_none());
    assert!(c.detect("a research license").is_none());
    assert!(
        catalog()
            .detect("released with research license terms")
            .is_none()
    );
}

#[test]
fn from_toml_rejects_a_duplicate_id() {
    let err = Catalog::from_toml(
        r#"
[[license]]
id = "dup-id"
name = "One"
osi-approved = false
commercial-use = "no"

[[license]]
id = "dup-id"
name = "Two"
osi-approved = false
commercial-use = "no"
"#,
    )
    .unwrap_err();
    assert!(err.contains("dup-id"), "{err}");
    assert!(err.contains("duplicate"), "{err}");
}

#[test]
fn from_toml_rejects_an_invalid_spdx_id() {
    let err = Catalog::from_toml(
        r#"
[[license]]
id = "bad-spdx"
name = "Bad"
spdx = "Not-A-License-9"
osi-approved = false
commercial-use = "yes"
"#,
    )
    .unwrap_err();
    assert!(err.contains("bad-spdx"), "{err}");
    assert!(err.contains("Not-A-License-9"), "{err}");
    let err = Catalog::from_toml(
        "[[license]]\nid = \"plus\"\nname = \"P\"\nspdx = \"MIT+\"\nosi-approved = true\ncommercial-use = \"yes\"\n",
    )
    .unwrap_err();
    assert!(err.contains("plus"), "{err}");
}

#[test]
fn from_toml_rejects_limits_outside_user_cap_and_clashing_aliases() {
    let err = Catalog::from_toml(
        r#"
[[license]]
id = "capped"
name = "Capped"
osi-approved = false
commercial-use = "restricted"

[[license.restrictions]]
class = "field-of-use"
summary = "No."
source = "https://example.org"
limit = 5

[[license]]
id = "other-one"
name = "Other"
aliases = ["capped"]
osi-approved = false
commercial-use = "restricted"
"#,
    )
    .unwrap_err();
    assert!(err.contains("capped") && err.contains("limit"), "{err}");
    assert!(err.contains("other-one") && err.contains("alias"), "{err}");
}

#[test]
fn from_toml_rejects_unknown_keys_and_classes() {
    let err = Catalog::from_toml(
        "[[license]]\nid = \"x\"\nname = \"X\"\nosi-approved = false\ncommercial-use = \"no\"\ncolour = \"red\"\n",
    )
    .unwrap_err();
    assert!(err.contains("colour"), "{err}");
    let err = Catalog::from_toml(
        "[[license]]\nid = \"x\"\nname = \"X\"\nosi-approved = false\ncommercial-use = \"no\"\n\
         [[license.restrictions]]\nclass = \"no-fun\"\nsummary = \"s\"\nsource = \"https://e.org\"\n",
    )
    .unwrap_err();
    assert!(err.contains("no-fun"), "{err}");
}

#[test]
fn restriction_class_names_round_trip() {
    let mut names: Vec<&str> = RestrictionClass::ALL.iter().map(|c| c.as_str()).collect();
    for class in RestrictionClass::ALL {
        assert_eq!(RestrictionClass::parse(class.as_str()), Some(class));
        let json = serde_json::to_string(&class).unwrap();
        assert_eq!(json, format!("\"{}\"", class.as_str()));
        assert!(!class.description().is_empty());
        assert_eq!(class.to_string(), class.as_str());
    }
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), RestrictionClass::ALL.len());
    assert_eq!(RestrictionClass::parse("User-Cap"), None);
    for c in [
        CommercialUse::Yes,
        CommercialUse::No,
        CommercialUse::Restricted,
    ] {
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            format!("\"{}\"", c.as_str())
        );
    }
}

/// Lowercase, whitespace collapsed, typographic quotes folded to ASCII, for
/// comparing a quoted clause with a license text.
fn fold(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            c => c,
        })
        .collect();
    normalise_text(&text)
}

#[test]
fn every_model_license_has_obligations() {
    // A model license is any entry without an SPDX id: families and
    // placeholders included (a conservative default, marked unverified).
    for e in catalog().entries().iter().filter(|e| e.spdx.is_none()) {
        assert!(
            !e.obligations.is_empty(),
            "model license `{}` has no obligations",
            e.id
        );
    }
}

#[test]
fn common_crate_licenses_have_obligations_or_say_they_have_none() {
    for id in [
        "MIT",
        "Apache-2.0",
        "BSD-2-Clause",
        "BSD-3-Clause",
        "ISC",
        "MPL-2.0",
        "Unicode-3.0",
        "Unicode-DFS-2016",
        "Zlib",
        "CC0-1.0",
        "0BSD",
        "MIT-0",
        "BSL-1.0",
        "Unlicense",
        "LGPL-2.1-only",
        "LGPL-3.0-only",
        "GPL-2.0-only",
        "GPL-3.0-only",
        "AGPL-3.0-only",
        "CC-BY-4.0",
        "CC-BY-SA-4.0",
        "CDLA-Permissive-2.0",
        "AFL-3.0",
        "Artistic-2.0",
        "EPL-2.0",
        "EUPL-1.2",
        "OSL-3.0",
        "OFL-1.1",
    ] {
        let e = catalog()
            .by_spdx(id)
            .unwrap_or_else(|| panic!("{id} is not in the catalog"));
        assert!(
            !e.obligations.is_empty() || e.obligations_none.is_some(),
            "{id} has neither obligations nor obligations-none"
        );
    }
    let none = catalog().by_spdx("CC0-1.0").unwrap();
    assert!(none.obligations.is_empty());
}

#[test]
fn quoted_clauses_of_spdx_licenses_are_in_their_canonical_text() {
    for e in catalog().entries() {
        let Some(spdx_id) = &e.spdx else { continue };
        let text = fold(spdx::license_id(spdx_id).unwrap().text());
        for o in &e.obligations {
            let quote = o.quote.as_deref().unwrap();
            assert!(
                text.contains(&fold(quote)),
                "{spdx_id} {}: the quote is not in the SPDX text: {quote}",
                o.class
            );
        }
    }
}

#[test]
fn model_notices_and_branding_are_exact() {
    let text = |id: &str, class: ObligationClass| {
        catalog()
            .get(id)
            .unwrap()
            .obligations
            .iter()
            .find(|o| o.class == class)
            .and_then(|o| o.text.clone())
            .unwrap_or_else(|| panic!("{id} has no {class} text"))
    };
    assert_eq!(
        text("llama2", ObligationClass::NoticeFile),
        "Llama 2 is licensed under the LLAMA 2 Community License, Copyright (c) Meta Platforms, Inc. All Rights Reserved."
    );
    assert_eq!(
        text("gemma", ObligationClass::NoticeFile),
        "Gemma is provided under and subject to the Gemma Terms of Use found at ai.google.dev/gemma/terms"
    );
    assert_eq!(
        text("llama3", ObligationClass::DisplayBranding),
        "Built with Meta Llama 3"
    );
    assert_eq!(text("llama3", ObligationClass::NamePrefix), "Llama 3");
    assert_eq!(
        text("llama3.1", ObligationClass::DisplayBranding),
        "Built with Llama"
    );
    assert_eq!(text("llama3.1", ObligationClass::NamePrefix), "Llama");
    let rail = catalog().get("creativeml-openrail-m").unwrap();
    assert!(
        rail.obligations
            .iter()
            .any(|o| o.class == ObligationClass::PassThroughTerms)
    );
    for o in catalog().entries().iter().flat_map(|e| &e.obligations) {
        if o.verified {
            assert!(o.quote.as_ref().is_some_and(|q| !q.trim().is_empty()));
        }
    }
}

#[test]
fn every_spdx_entry_is_reviewed_for_obligations() {
    for e in catalog().entries().iter().filter(|e| e.spdx.is_some()) {
        assert!(
            !e.obligations.is_empty() || e.obligations_none.is_some(),
            "{} has neither obligations nor obligations-none",
            e.id
        );
        assert!(
            e.obligations.iter().all(|o| o.verified),
            "{}: an SPDX license has a text to read",
            e.id
        );
    }
}

/// The model licenses whose texts were read: none of their obligations is
/// a placeholder. The rest (families, `unknown`, and licenses whose text is
/// published only where it could not be read) say so in the catalog.
#[test]
fn model_licenses_with_a_readable_text_are_verified() {
    for id in [
        "llama2",
        "llama3",
        "llama3.1",
        "llama3.2",
        "llama3.3",
        "llama4",
        "gemma",
        "openrail",
        "creativeml-openrail-m",
        "openrail++",
        "bigscience-openrail-m",
        "bigscience-bloom-rail-1.0",
        "bigcode-openrail-m",
        "deepfloyd-if-license",
        "apple-amlr",
        "apple-ascl",
        "deepseek",
        "tongyi-qianwen",
        "tongyi-qianwen-research",
        "qwen",
        "qwen-research",
        "falcon-2-11b-license",
        "nvidia-open-model-license",
        "yi-license",
        "fair-noncommercial-research-license",
    ] {
        let e = catalog().get(id).unwrap();
        assert!(
            !e.obligations.is_empty() && e.obligations.iter().all(|o| o.verified),
            "{id} has unverified obligations"
        );
    }
    let notice = |id: &str| {
        catalog()
            .get(id)
            .unwrap()
            .obligations
            .iter()
            .find(|o| o.class == ObligationClass::NoticeFile)
            .and_then(|o| o.text.clone())
            .unwrap()
    };
    assert_eq!(
        notice("nvidia-open-model-license"),
        "Licensed by NVIDIA Corporation under the NVIDIA Open Model License"
    );
    assert_eq!(
        notice("apple-amlr"),
        "Apple Machine Learning Research Model is licensed under the Apple Machine Learning Research Model License Agreement."
    );
}

#[test]
fn from_toml_checks_obligations() {
    let base =
        "[[license]]\nid = \"x\"\nname = \"X\"\nosi-approved = false\ncommercial-use = \"no\"\n";
    let err = Catalog::from_toml(&format!(
        "{base}[[license.obligations]]\nclass = \"notice-file\"\nsummary = \"s\"\nquote = \"q\"\nsource = \"https://e.org\"\n"
    ))
    .unwrap_err();
    assert!(err.contains("`notice-file` needs the exact words"), "{err}");
    let err = Catalog::from_toml(&format!(
        "{base}[[license.obligations]]\nclass = \"attribution\"\nsummary = \"s\"\nsource = \"https://e.org\"\n"
    ))
    .unwrap_err();
    assert!(err.contains("needs the `quote`"), "{err}");
    let err = Catalog::from_toml(&format!(
        "{base}[[license.obligations]]\nclass = \"display-branding\"\nsummary = \"s\"\nquote = \"show Built with X\"\ntext = \"Built with Y\"\nsource = \"https://e.org\"\n"
    ))
    .unwrap_err();
    assert!(err.contains("needs `where`"), "{err}");
    assert!(err.contains("does not occur in its `quote`"), "{err}");
    let err = Catalog::from_toml(&format!(
        "{base}obligations-none = \"none\"\n[[license.obligations]]\nclass = \"mark-changes\"\nsummary = \"s\"\nquote = \"q\"\nsource = \"https://e.org\"\n"
    ))
    .unwrap_err();
    assert!(err.contains("exclude each other"), "{err}");
    let err = Catalog::from_toml(&format!(
        "{base}[[license.obligations]]\nclass = \"no-such\"\nsummary = \"s\"\nsource = \"https://e.org\"\n"
    ))
    .unwrap_err();
    assert!(err.contains("no-such"), "{err}");
}

#[test]
fn obligation_class_names_round_trip() {
    for class in ObligationClass::ALL {
        assert_eq!(ObligationClass::parse(class.as_str()), Some(class));
        assert_eq!(
            serde_json::to_string(&class).unwrap(),
            format!("\"{}\"", class.as_str())
        );
        assert!(!class.requirement().is_empty());
    }
}

#[test]
fn catalog_texts_are_the_licenses_they_claim_to_be() {
    // Every embedded text belongs to an entry that names its source.
    for (id, _) in super::TEXTS {
        let e = catalog()
            .get(id)
            .unwrap_or_else(|| panic!("policies/texts/{id}.txt has no catalog entry"));
        assert!(e.text().is_some(), "{id}: a text but no `text-source`");
    }
    let mut with_text = 0;
    for e in catalog().entries() {
        let Some(t) = e.text() else { continue };
        with_text += 1;
        assert!(super::is_plain_https(t.source), "{}", e.id);
        // The text carries every clause the catalog quotes from the license,
        // and the phrases that identify it: it is the official text.
        let text = fold(t.text);
        for o in &e.obligations {
            let quote = o.quote.as_deref().unwrap();
            assert!(
                text.contains(&fold(quote)),
                "{} {}: the quote is not in the catalog's text: {quote}",
                e.id,
                o.class
            );
        }
        assert!(
            e.phrases.iter().any(|p| text.contains(&fold(p))),
            "{}: none of its phrases is in its text",
            e.id
        );
    }
    assert_eq!(with_text, super::TEXTS.len());
    let llama2 = catalog().get("llama2").unwrap().text().unwrap();
    assert!(
        llama2
            .text
            .starts_with("LLAMA 2 COMMUNITY LICENSE AGREEMENT")
    );
    assert!(llama2.source.starts_with("https://github.com/meta-llama/"));
}

#[test]
fn text_source_is_checked() {
    let base = "[[license]]\nid = \"x\"\nname = \"X\"\nosi-approved = false\ncommercial-use = \"no\"\nobligations-none = \"n\"\n";
    let err =
        Catalog::from_toml(&format!("{base}text-source = \"https://e.org/x\"\n")).unwrap_err();
    assert!(
        err.contains("policies/texts/x.txt is not embedded"),
        "{err}"
    );
    let err =
        Catalog::from_toml(&format!("{base}text-source = \"http://e.org/(x)\"\n")).unwrap_err();
    assert!(err.contains("plain https:// URL"), "{err}");
}

#[test]
fn plain_https_urls_are_the_only_ones_accepted() {
    use super::is_plain_https;
    assert!(is_plain_https(
        "https://github.com/a/b/blob/main/LICENSE%20X"
    ));
    for bad in [
        "http://e.org",
        "https://",
        "javascript:alert(1)",
        "https://e.org/a b",
        "https://e.org/a)b",
        "https://e.org/[x]",
        "https://e.org/`x`",
        "https://e.org/<x>",
        "https://e.org/\"x",
    ] {
        assert!(!is_plain_https(bad), "{bad}");
    }
}
