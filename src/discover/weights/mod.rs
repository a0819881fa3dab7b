//! License metadata from model weight files: GGUF (llama.cpp, ggml) and
//! safetensors.
//!
//! # What is read
//!
//! - **GGUF** (versions 2 and 3, little- or big-endian): the fixed header and
//!   the key/value metadata section. Only keys that start with `general.` are
//!   kept (`general.license`, `general.license.name`, `general.license.link`,
//!   `general.name`, `general.base_model.N.*`, `general.source.*`, ...);
//!   every other key, such as `tokenizer.ggml.tokens` with its hundreds of
//!   thousands of strings, is stepped over by seeking, without being copied
//!   into memory.
//! - **safetensors**: the JSON header and, from it, only the `__metadata__`
//!   string map: `modelspec.license`, `license`, `modelspec.title`,
//!   `modelspec.description`, `modelspec.author`, and any value that names a
//!   `huggingface.co` repository. Tensor entries are parsed only to be
//!   skipped.
//!
//! # What is never read
//!
//! Tensor data, and the GGUF tensor descriptions that follow the metadata.
//! The work done for a file depends on the size of its metadata, never on
//! the size of its weights: a 70 GB file costs the same as a 7 MB one.
//!
//! # Limits
//!
//! A weight file is untrusted input. A header that breaks one of these
//! limits, or that claims more bytes than the file has, is reported as
//! [`WeightError::Invalid`] with the byte offset of the problem, before any
//! large allocation or long loop:
//!
//! - a GGUF key is at most [`MAX_KEY_LEN`] bytes, there are at most
//!   [`MAX_KV_COUNT`] key/value pairs and at most 2^40 tensors;
//! - a GGUF string is at most [`MAX_STRING_LEN`] bytes; a value we keep is
//!   cut to 64 KiB (at a character boundary, with a note), a kept array to
//!   its first 1000 elements, and all kept values of a file together to
//!   about 1 MiB (later `general.*` keys are then skipped, with a note);
//! - arrays nest at most [`MAX_ARRAY_DEPTH`] deep;
//! - a safetensors header is at most [`MAX_SAFETENSORS_HEADER`] bytes;
//! - getting through the metadata may cost at most 256 MiB of reads (a seek
//!   counts as 4 KiB), so a sparse file built of far jumps gives up quickly
//!   instead of being read through (real metadata, vocabularies included,
//!   takes a few MB).
//!
//! # Where it is done
//!
//! `gguf` and `safetensors` read the two headers, over the bounded byte
//! source of `bytes`; this module finds the weight files, holds the limits,
//! and turns the key/values the readers kept into a [`WeightMeta`]: license,
//! name, Hub repositories, base models and notes.

mod bytes;
mod gguf;
mod safetensors;

pub use crate::domain::{WeightFormat as Format, WeightMeta};

use crate::domain::hub::{hub_url_repo, hub_urls, valid_repo_id};
use bytes::{Budget, Src};
use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

// Limits that keep a hostile file from costing time or memory.

/// The longest GGUF key, in bytes.
pub const MAX_KEY_LEN: u64 = 65_535;
/// The most key/value pairs a GGUF file may declare.
pub const MAX_KV_COUNT: u64 = 1_000_000;
/// The longest GGUF string, in bytes. Strings that are skipped may be this
/// long; strings that are kept are cut to 64 KiB.
pub const MAX_STRING_LEN: u64 = 16 * 1024 * 1024;
/// How deep GGUF arrays may nest (an array of arrays is 2 deep).
pub const MAX_ARRAY_DEPTH: u32 = 8;
/// The longest safetensors JSON header, in bytes.
pub const MAX_SAFETENSORS_HEADER: u64 = 100 * 1024 * 1024;

/// The longest value kept in [`WeightMeta::fields`], in bytes.
const MAX_KEPT_VALUE: usize = 64 * 1024;
/// The most elements kept from one array.
const MAX_KEPT_ELEMENTS: u64 = 1000;
/// All kept keys and values of one file together, in bytes.
const MAX_KEPT_TOTAL: usize = 1024 * 1024;
/// All reads and seeks made in one file, in bytes, a seek counting as
/// `SEEK_COST`: a file made of far jumps (a million keys of 64 KiB each, say)
/// must not cost a read of the whole file. Real metadata takes a few MB.
const MAX_READ: u64 = 256 * 1024 * 1024;
const SEEK_COST: u64 = 4096;
/// The most tensors a GGUF file may declare.
const MAX_TENSOR_COUNT: u64 = 1 << 40;
/// How much of a skipped key is read, to name it in messages.
const KEY_NAME_PREFIX: u64 = 256;
/// The smallest key/value: key length, empty key, type, one-byte value.
const MIN_KV_SIZE: u64 = 8 + 4 + 1;

/// Why a file's metadata could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum WeightError {
    /// Not a GGUF or safetensors file at all (wrong magic / header): callers
    /// skip these silently (a Git LFS pointer named `model.safetensors`,
    /// for example).
    NotWeights,
    /// A weight file whose header is damaged or hostile; the message names
    /// what is wrong and where: the GGUF key/value (counted from 0) and its
    /// key when known, and the byte offset, e.g. ``key/value 3
    /// (`general.name`): string length 18446744073709551615 exceeds the
    /// limit of 16777216 bytes at byte 91``. A file that ends too early
    /// gives a message starting with `truncated: `.
    Invalid(String),
    /// The file could not be opened or read.
    Io(String),
}

impl fmt::Display for WeightError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WeightError::NotWeights => f.write_str("not a GGUF or safetensors file"),
            WeightError::Invalid(msg) => write!(f, "invalid weight file: {msg}"),
            WeightError::Io(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for WeightError {}

type Result<T> = std::result::Result<T, WeightError>;

/// Reads the metadata of a GGUF or safetensors file (see the module
/// documentation). Anything but a regular file is an [`WeightError::Io`]
/// (a FIFO would block).
pub fn read(path: &Path) -> Result<WeightMeta> {
    let with_path = |e: io::Error| WeightError::Io(format!("{}: {e}", path.display()));
    let (file, _) = crate::files::open(path, u64::MAX).map_err(with_path)?;
    read_from(file).map_err(|e| match e {
        WeightError::Io(msg) => WeightError::Io(format!("{}: {msg}", path.display())),
        other => other,
    })
}

/// Reads the metadata of a GGUF or safetensors file from any reader, from
/// its current position (byte offsets in messages count from there). The
/// reader is buffered here.
pub fn read_from<R: Read + Seek>(reader: R) -> Result<WeightMeta> {
    let budget = Budget {
        inner: reader,
        left: MAX_READ,
    };
    let mut r = BufReader::with_capacity(64 * 1024, budget);
    let io_err = |e: io::Error| WeightError::Io(e.to_string());
    let base = r.stream_position().map_err(io_err)?;
    let end = r.seek(SeekFrom::End(0)).map_err(io_err)?;
    r.seek(SeekFrom::Start(base)).map_err(io_err)?;
    let mut src = Src {
        r,
        base,
        pos: 0,
        len: end.saturating_sub(base),
        big_endian: false,
        kv: None,
        key: String::new(),
        notes: Vec::new(),
    };
    if src.len < 4 {
        return Err(WeightError::NotWeights);
    }
    let mut magic = [0u8; 4];
    src.fill(&mut magic, "magic")?;
    if &magic == b"GGUF" {
        return gguf::read(&mut src);
    }
    if src.len < 9 {
        return Err(WeightError::NotWeights);
    }
    let mut rest = [0u8; 5];
    src.fill(&mut rest, "safetensors header")?;
    let mut len = [0u8; 8];
    len[..4].copy_from_slice(&magic);
    len[4..].copy_from_slice(&rest[..4]);
    safetensors::read(&mut src, u64::from_le_bytes(len), rest[4])
}

/// Whether a file name (or path) looks like a weight file with metadata:
/// `*.gguf` or `*.safetensors`, ignoring case. Of a split GGUF file
/// (`name-00002-of-00005.gguf`) only the first shard (`-00001-of-`) counts,
/// since only it holds the metadata.
pub fn is_weight_file(name: &str) -> bool {
    let name = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let lower = name.to_ascii_lowercase();
    if let Some(stem) = lower.strip_suffix(".safetensors") {
        return !stem.is_empty();
    }
    let Some(stem) = lower.strip_suffix(".gguf") else {
        return false;
    };
    if stem.is_empty() {
        return false;
    }
    // `-NNNNN-of-MMMMM`, as llama.cpp's gguf-split writes it.
    let bytes = stem.as_bytes();
    let split = bytes.len() >= 15 && {
        let tail = &bytes[bytes.len() - 15..];
        tail[0] == b'-'
            && tail[1..6].iter().all(u8::is_ascii_digit)
            && &tail[6..10] == b"-of-"
            && tail[10..].iter().all(u8::is_ascii_digit)
    };
    !split || &bytes[bytes.len() - 15..bytes.len() - 9] == b"-00001"
}

// ---------------------------------------------------------------------------
// From the kept key/values to the metadata.

/// Fills the named fields of `meta` from its GGUF `general.*` fields.
fn derive_gguf(meta: &mut WeightMeta) {
    let get = |key: &str| meta.fields.get(key).cloned();
    meta.license = get("general.license");
    meta.license_name = get("general.license.name");
    meta.license_link = get("general.license.link");
    meta.name = get("general.name");
    meta.description = get("general.description");
    if let Some(tags) = meta.fields.get("general.tags") {
        meta.tags = serde_json::from_str(tags).unwrap_or_else(|_| vec![tags.clone()]);
    }

    let mut repos = Vec::new();
    for key in ["general.source.repo_url", "general.repo_url"] {
        if let Some(id) = meta.fields.get(key).and_then(|v| hub_url_repo(v)) {
            repos.push(id);
        }
    }
    if let Some(v) = meta.fields.get("general.source.huggingface.repository") {
        let v = v.trim();
        if let Some(id) = hub_url_repo(v).or_else(|| valid_repo_id(v).then(|| v.to_owned())) {
            repos.push(id);
        }
    }

    // The indices of general.base_model.N.*, in numeric order.
    let mut indices: Vec<(u64, &str)> = meta
        .fields
        .keys()
        .filter_map(|k| {
            let rest = k.strip_prefix("general.base_model.")?;
            let (index, _) = rest.split_once('.')?;
            Some((index.parse().ok()?, index))
        })
        .collect();
    indices.sort();
    indices.dedup();
    let mut base_models = Vec::new();
    for (_, index) in indices {
        let field = |name: &str| {
            meta.fields
                .get(&format!("general.base_model.{index}.{name}"))
        };
        let from_url = field("repo_url").and_then(|v| hub_url_repo(v));
        let from_names = match (field("organization"), field("name")) {
            (Some(org), Some(name)) => {
                let id = format!("{}/{}", org.trim(), name.trim());
                valid_repo_id(&id).then_some(id)
            }
            _ => None,
        };
        if let Some(id) = from_url.clone().or_else(|| from_names.clone()) {
            base_models.push(id);
        }
        repos.extend(from_url);
        repos.extend(from_names);
    }
    for value in meta.fields.values() {
        repos.extend(hub_urls(value));
    }
    meta.hub_repos = dedup_ignoring_case(repos);
    meta.base_models = dedup_ignoring_case(base_models);
}

fn dedup_ignoring_case(ids: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(ids.len());
    for id in ids {
        if !out.iter().any(|seen| seen.eq_ignore_ascii_case(&id)) {
            out.push(id);
        }
    }
    out
}

/// The `__metadata__` keys kept as fields.
const SAFETENSORS_KEYS: &[&str] = &[
    "license",
    "modelspec.author",
    "modelspec.description",
    "modelspec.license",
    "modelspec.title",
];

/// A safetensors file's metadata from its `__metadata__` map: the
/// license keys and any value that names a Hub repository are kept (cut to
/// 64 KiB, with a note), the named fields filled from them.
fn safetensors_meta(metadata: BTreeMap<String, String>) -> WeightMeta {
    let mut meta = WeightMeta {
        format: Some(Format::Safetensors),
        ..WeightMeta::default()
    };
    let mut repos = Vec::new();
    for (key, value) in metadata {
        let found = hub_urls(&value);
        if !SAFETENSORS_KEYS.contains(&key.as_str()) && found.is_empty() {
            continue;
        }
        repos.extend(found);
        let mut value = value;
        if value.len() > MAX_KEPT_VALUE {
            let mut cut = MAX_KEPT_VALUE;
            while !value.is_char_boundary(cut) {
                cut -= 1;
            }
            meta.notes.push(format!(
                "`{key}` is {} bytes long; only the first {cut} bytes were kept",
                value.len()
            ));
            value.truncate(cut);
        }
        meta.fields.insert(key, value);
    }
    let get = |key: &str| meta.fields.get(key).cloned();
    meta.license = get("modelspec.license").or_else(|| get("license"));
    meta.name = get("modelspec.title");
    meta.description = get("modelspec.description");
    meta.hub_repos = dedup_ignoring_case(repos);
    meta
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    #[test]
    fn files_too_short_to_be_weights() {
        for bytes in [&b""[..], b"GGU", b"{}", b"version https://git-lfs"] {
            assert_eq!(
                read_from(Cursor::new(bytes)),
                Err(WeightError::NotWeights),
                "{bytes:?}"
            );
        }
    }

    #[test]
    fn split_names() {
        assert!(is_weight_file("m-00001-of-00003.gguf"));
        assert!(!is_weight_file("m-00003-of-00003.gguf"));
        assert!(is_weight_file("m-0001-of-0003.gguf"));
        assert!(!is_weight_file(".gguf"));
    }
}
