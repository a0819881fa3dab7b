//! The safetensors header reader: the JSON header after the 8-byte length,
//! at most `MAX_SAFETENSORS_HEADER` bytes, of which only the
//! `__metadata__` string map is kept; tensor entries are parsed only to be
//! skipped, and the tensors are never read.

use super::bytes::Src;
use super::{MAX_SAFETENSORS_HEADER, Result, WeightError, WeightMeta, safetensors_meta};
use serde::Deserialize;
use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Read, Seek};

/// The safetensors header, keeping only `__metadata__`.
struct SafetensorsHeader(Option<BTreeMap<String, String>>);

impl<'de> Deserialize<'de> for SafetensorsHeader {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct HeaderVisitor;
        impl<'de> Visitor<'de> for HeaderVisitor {
            type Value = SafetensorsHeader;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<SafetensorsHeader, A::Error> {
                let mut metadata = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key == "__metadata__" {
                        if metadata.is_some() {
                            return Err(de::Error::duplicate_field("__metadata__"));
                        }
                        metadata = Some(map.next_value::<BTreeMap<String, String>>()?);
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(SafetensorsHeader(metadata))
            }
        }
        d.deserialize_map(HeaderVisitor)
    }
}

/// Reads a safetensors header: `header_len` is the first 8 bytes, `first`
/// the byte after them.
pub(super) fn read<R: Read + Seek>(
    src: &mut Src<R>,
    header_len: u64,
    first: u8,
) -> Result<WeightMeta> {
    let room = src.len - 8;
    let plausible = (2..=MAX_SAFETENSORS_HEADER).contains(&header_len) && header_len <= room;
    // No magic: a file is safetensors if its length prefix fits or its
    // JSON starts where it should. Anything else (text, a Git LFS pointer)
    // is not a weight file.
    if !plausible && first != b'{' {
        return Err(WeightError::NotWeights);
    }
    if header_len > MAX_SAFETENSORS_HEADER {
        return Err(src.invalid(
            format_args!(
                "safetensors header length {header_len} exceeds the limit of {MAX_SAFETENSORS_HEADER} bytes"
            ),
            0,
        ));
    }
    if header_len > room {
        return Err(src.truncated("the safetensors header", header_len, 8));
    }
    if first != b'{' || header_len == 0 {
        return Err(src.invalid("the safetensors header does not start with `{`", 8));
    }
    let json = io::Read::chain(&b"{"[..], (&mut src.r).take(header_len - 1));
    let header: SafetensorsHeader = serde_json::from_reader(json).map_err(|e| {
        if e.is_io() {
            WeightError::Io(format!("reading the safetensors header: {e}"))
        } else {
            WeightError::Invalid(format!(
                "the safetensors header (bytes 8 to {}) is not valid: {e}",
                8 + header_len
            ))
        }
    })?;
    Ok(safetensors_meta(header.0.unwrap_or_default()))
}
