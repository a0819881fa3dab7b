//! `init`: a commented starter config that extends a preset.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// A model discovery found, for the starter config: its id and where.
pub struct FoundModel {
    pub id: String,
    pub dataset: bool,
    pub at: String,
}

pub fn write(root: &Path, preset: &str, force: bool, found: &[FoundModel]) -> Result<PathBuf> {
    if super::preset(preset).is_none() {
        let names: Vec<&str> = super::PRESETS.iter().map(|(n, _)| *n).collect();
        return Err(Error::usage(format!("--preset {preset}: no such preset"))
            .with_help(format!("presets: {}", names.join(", "))));
    }
    let path = root.join("model-audit.toml");
    if path.exists() && !force {
        return Err(Error::usage(format!("{} already exists", path.display()))
            .with_help("pass --force to overwrite it"));
    }
    let mut text = format!(
        r#"# cargo model-audit configuration. Every key is optional; the preset
# gives the defaults and the keys here win. Reference: the project README.
extends = "{preset}"

[licenses]
# allow = ["MIT", "Apache-2.0"]     # replaces the preset's allow list
# deny = []                         # always rejected, even if allowed
# unknown = "deny"                  # deny | warn: an unknown license is never allowed
# confidence-threshold = 0.8        # license-text detection score to trust
# include-dev = false               # check crates reachable only via dev-dependencies
# include-build = true              # check crates reachable only via build-dependencies
# skip-unpublished = false          # a note for each skipped unpublished workspace crate
# include-workspace = "warn"        # warn | deny: a published workspace crate without a license

# [[licenses.clarify]]              # a crate's license, pinned to its files
# crate = "ring"
# expression = "MIT AND ISC AND OpenSSL"
# license-files = [{{ path = "LICENSE", sha256 = "<sha256 of the file>" }}]

# [[exceptions]]                    # every matching exception applies
# artifact = "some-crate"           # crate name, name@version, or model id
# allow = ["MPL-2.0"]
# reason = "approved by legal, ticket 123"
# expires = "2027-06-30"

# [[models]]                        # Hub models the project uses
# id = "owner/name"
# revision = "main"

# [lints]                           # per finding code: deny | warn | allow, after the policy
# license-mismatch = "allow"
"#
    );
    if !found.is_empty() {
        text.push_str("\n# Models found in this workspace. Declare one to pin its revision\n# (a 40-hex commit), override its license with a reason, or label it.\n");
        for m in found {
            text.push_str(&format!(
                "\n# [[models]]  # found at {}\n# id = \"{}\"\n",
                crate::domain::untrusted::line(&m.at),
                m.id
            ));
            if m.dataset {
                text.push_str("# kind = \"dataset\"\n");
            }
            text.push_str("# revision = \"<commit>\"\n");
        }
    }
    crate::files::write(&path, text.as_bytes())
        .map_err(|e| crate::error::Error::io("cannot write", &path, e))?;
    Ok(path)
}
