//! `[scan]`: what discovery reads — which parts of each crate, weight files,
//! the dependencies' sources — how sure a reference must be to be audited
//! rather than listed, and whether the Hub is asked about the id-shaped
//! literals no Hub call was traced to (`confirm-untraced`). Every key has a
//! default; serde has already refused a value of the wrong kind.

use crate::domain::Confidence;
use crate::policy::cfg::RawScan;
use crate::policy::{ScanDirs, ScanSettings};

pub fn validate(raw: RawScan) -> ScanSettings {
    ScanSettings {
        dependencies: raw.dependencies.unwrap_or_default(),
        dirs: ScanDirs {
            src: raw.src.unwrap_or(true),
            build: raw.build.unwrap_or(true),
            examples: raw.examples.unwrap_or(true),
            benches: raw.benches.unwrap_or(true),
            tests: raw.tests.unwrap_or(true),
            configs: raw.configs.unwrap_or(true),
        },
        weights: raw.weights.unwrap_or(true),
        min_confidence: raw.min_confidence.unwrap_or(Confidence::Medium),
        confirm_untraced: raw.confirm_untraced.unwrap_or(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::DepScan;
    use crate::policy::validate::check_table;

    #[test]
    fn each_bad_value_is_named() {
        check_table(&[
            (
                "[scan]\nmin-confidence = \"sure\"\n",
                "`scan.min-confidence`",
            ),
            ("[scan]\ndependencies = \"some\"\n", "`scan.dependencies`"),
            ("[scan]\nweights = \"yes\"\n", "`scan.weights`"),
            (
                "[scan]\nconfirm-untraced = \"yes\"\n",
                "`scan.confirm-untraced`",
            ),
            (
                "[scan]\nsrc = false\ntests = false\nmin-confidence = \"high\"\ndependencies = \"all\"\n",
                "ok",
            ),
        ]);
    }

    #[test]
    fn everything_is_scanned_unless_the_config_says_otherwise() {
        let all = validate(RawScan::default());
        assert_eq!(all.dirs, ScanDirs::default());
        assert!(all.weights);
        assert_eq!(all.dependencies, DepScan::Used);
        assert_eq!(all.min_confidence, Confidence::Medium);
        assert!(!all.confirm_untraced, "confirming asks the Hub: opt-in");
        let raw: RawScan = toml::from_str("tests = false\ndependencies = \"off\"\n").unwrap();
        let some = validate(raw);
        assert!(!some.dirs.tests && some.dirs.src);
        assert_eq!(some.dependencies, DepScan::Off);
    }
}
