//! The GGUF header reader: the fixed header (versions 2 and 3, little- or
//! big-endian) and the key/value metadata. Only `general.*` keys are kept,
//! within the limits of the parent module; every other key and value is
//! stepped over by seeking. The tensor descriptions after the metadata,
//! and the tensors, are never read.

use super::bytes::Src;
use super::{
    Format, KEY_NAME_PREFIX, MAX_ARRAY_DEPTH, MAX_KEPT_ELEMENTS, MAX_KEPT_TOTAL, MAX_KEPT_VALUE,
    MAX_KEY_LEN, MAX_KV_COUNT, MAX_STRING_LEN, MAX_TENSOR_COUNT, MIN_KV_SIZE, Result, WeightError,
    WeightMeta, derive_gguf,
};
use std::io::{Read, Seek};

/// GGUF value types, by their code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ty {
    U8,
    I8,
    U16,
    I16,
    U32,
    I32,
    F32,
    Bool,
    Str,
    Array,
    U64,
    I64,
    F64,
}

impl Ty {
    fn from_code(code: u32) -> Option<Ty> {
        Some(match code {
            0 => Ty::U8,
            1 => Ty::I8,
            2 => Ty::U16,
            3 => Ty::I16,
            4 => Ty::U32,
            5 => Ty::I32,
            6 => Ty::F32,
            7 => Ty::Bool,
            8 => Ty::Str,
            9 => Ty::Array,
            10 => Ty::U64,
            11 => Ty::I64,
            12 => Ty::F64,
            _ => return None,
        })
    }

    /// The size of a fixed-size value; `None` for strings and arrays.
    fn size(self) -> Option<u64> {
        match self {
            Ty::U8 | Ty::I8 | Ty::Bool => Some(1),
            Ty::U16 | Ty::I16 => Some(2),
            Ty::U32 | Ty::I32 | Ty::F32 => Some(4),
            Ty::U64 | Ty::I64 | Ty::F64 => Some(8),
            Ty::Str | Ty::Array => None,
        }
    }

    /// The fewest bytes one value of this type takes.
    fn min_size(self) -> u64 {
        match self {
            Ty::Str => 8,
            Ty::Array => 12,
            fixed => fixed.size().unwrap_or(1),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Ty::U8 => "u8",
            Ty::I8 => "i8",
            Ty::U16 => "u16",
            Ty::I16 => "i16",
            Ty::U32 => "u32",
            Ty::I32 => "i32",
            Ty::F32 => "f32",
            Ty::Bool => "bool",
            Ty::Str => "string",
            Ty::Array => "array",
            Ty::U64 => "u64",
            Ty::I64 => "i64",
            Ty::F64 => "f64",
        }
    }
}

pub(super) fn read<R: Read + Seek>(src: &mut Src<R>) -> Result<WeightMeta> {
    let raw = src.array::<4>("version")?;
    let (le, be) = (u32::from_le_bytes(raw), u32::from_be_bytes(raw));
    // No flag marks a big-endian file, but its small version number read
    // as little-endian is absurdly large (3 becomes 0x0300_0000).
    let (version, big_endian) = if le > 0xFFFF && matches!(be, 2 | 3) {
        (be, true)
    } else {
        (le, false)
    };
    match version {
        2 | 3 => {}
        1 => {
            return Err(WeightError::Invalid(
                "GGUF version 1 is not supported".into(),
            ));
        }
        v => {
            return Err(WeightError::Invalid(format!(
                "GGUF version {v} is not supported"
            )));
        }
    }
    src.big_endian = big_endian;
    let tensor_count = src.u64("tensor count")?;
    if tensor_count > MAX_TENSOR_COUNT {
        return Err(src.invalid(
            format_args!("tensor count {tensor_count} exceeds the limit of 2^40"),
            8,
        ));
    }
    let kv_count = src.u64("key/value count")?;
    if kv_count > MAX_KV_COUNT {
        return Err(src.invalid(
            format_args!("key/value count {kv_count} exceeds the limit of {MAX_KV_COUNT}"),
            16,
        ));
    }
    if kv_count * MIN_KV_SIZE > src.remaining() {
        return Err(src.truncated(
            &format!("{kv_count} key/values"),
            format_args!("at least {}", kv_count * MIN_KV_SIZE),
            src.pos,
        ));
    }

    let mut meta = WeightMeta {
        format: Some(Format::Gguf),
        gguf_version: Some(version),
        big_endian,
        ..WeightMeta::default()
    };
    let mut kept_left = MAX_KEPT_TOTAL;
    let mut budget_noted = false;
    let mut key = Vec::new();
    for i in 0..kv_count {
        src.kv = Some(i);
        src.key.clear();
        let key_at = src.pos;
        let key_len = src.u64("key length")?;
        if key_len > MAX_KEY_LEN {
            return Err(src.invalid(
                format_args!("key length {key_len} exceeds the limit of {MAX_KEY_LEN} bytes"),
                key_at,
            ));
        }
        let prefix = key_len.min(KEY_NAME_PREFIX);
        key.clear();
        key.resize(prefix as usize, 0);
        src.fill(&mut key, "key")?;
        let general = key.starts_with(b"general.");
        let keep = general && kept_left > 0;
        if general && !keep && !budget_noted {
            budget_noted = true;
            src.notes.push(format!(
                "the general.* metadata is longer than {MAX_KEPT_TOTAL} bytes; key/value {i} and later ones were not kept"
            ));
        }
        if keep && key_len > prefix {
            let start = key.len();
            key.resize(key_len as usize, 0);
            src.fill(&mut key[start..], "key")?;
        } else {
            src.skip(key_len - prefix, "key")?;
        }
        src.key = String::from_utf8_lossy(&key).into_owned();
        if key_len > prefix && !keep {
            src.key.push('…');
        }
        let type_at = src.pos;
        let code = src.u32("value type")?;
        let Some(ty) = Ty::from_code(code) else {
            return Err(src.invalid(format_args!("unknown value type {code}"), type_at));
        };
        if !keep {
            src.skip_value(ty)?;
            continue;
        }
        if meta.fields.contains_key(&src.key) {
            return Err(src.invalid("duplicate key", key_at));
        }
        if let Some(value) = src.kept_value(ty)? {
            let cost = src.key.len() + value.len();
            kept_left = kept_left.saturating_sub(cost);
            meta.fields.insert(src.key.clone(), value);
        }
    }
    src.kv = None;
    meta.notes = std::mem::take(&mut src.notes);
    derive_gguf(&mut meta);
    Ok(meta)
}

impl<R: Read + Seek> Src<R> {
    fn value_type(&mut self, what: &str) -> Result<Ty> {
        let at = self.pos;
        let code = self.u32(what)?;
        Ty::from_code(code).ok_or_else(|| self.invalid(format_args!("unknown {what} {code}"), at))
    }

    fn string_len(&mut self) -> Result<u64> {
        let at = self.pos;
        let len = self.u64("string length")?;
        if len > MAX_STRING_LEN {
            return Err(self.invalid(
                format_args!("string length {len} exceeds the limit of {MAX_STRING_LEN} bytes"),
                at,
            ));
        }
        Ok(len)
    }

    fn skip_value(&mut self, ty: Ty) -> Result<()> {
        match ty {
            Ty::Str => {
                let len = self.string_len()?;
                self.skip(len, "string")
            }
            Ty::Array => {
                let (elem, count) = self.array_header(1)?;
                self.skip_elements(elem, count, 1)
            }
            fixed => self.skip(fixed.size().unwrap_or(1), fixed.name()),
        }
    }

    /// The element type and count of an array at nesting `depth` (1 for a
    /// key's value), checked against the depth limit and the bytes left.
    fn array_header(&mut self, depth: u32) -> Result<(Ty, u64)> {
        let at = self.pos;
        let elem = self.value_type("array element type")?;
        if elem == Ty::Array && depth >= MAX_ARRAY_DEPTH {
            return Err(self.invalid(
                format_args!("arrays are nested more than {MAX_ARRAY_DEPTH} deep"),
                at,
            ));
        }
        let count = self.u64("array length")?;
        // Even empty elements need this much: a huge count fails here, at
        // once, instead of looping.
        let min = elem.min_size();
        if count > self.remaining() / min {
            return Err(self.truncated(
                &format!("an array of {count} {}s", elem.name()),
                format_args!("at least {}", u128::from(count) * u128::from(min)),
                at,
            ));
        }
        Ok((elem, count))
    }

    /// Skips `count` elements of an array at nesting `depth`.
    fn skip_elements(&mut self, elem: Ty, count: u64, depth: u32) -> Result<()> {
        match elem {
            Ty::Str => {
                for _ in 0..count {
                    let len = self.string_len()?;
                    self.skip(len, "string")?;
                }
                Ok(())
            }
            Ty::Array => {
                for _ in 0..count {
                    let (inner, n) = self.array_header(depth + 1)?;
                    self.skip_elements(inner, n, depth + 1)?;
                }
                Ok(())
            }
            fixed => {
                // Checked against the remaining length by `array_header`.
                let size = fixed.size().unwrap_or(1);
                self.skip(
                    count * size,
                    &format!("an array of {count} {}s", fixed.name()),
                )
            }
        }
    }

    /// A value of a kept key, as text; `None` for nested arrays (skipped).
    fn kept_value(&mut self, ty: Ty) -> Result<Option<String>> {
        match ty {
            Ty::Str => {
                let len = self.string_len()?;
                let (text, complete) = self.kept_string(len, MAX_KEPT_VALUE)?;
                if !complete {
                    let note = format!(
                        "`{}` is {len} bytes long; only the first {} bytes were kept",
                        self.key,
                        text.len()
                    );
                    self.notes.push(note);
                }
                Ok(Some(text))
            }
            Ty::Array => self.kept_array(),
            scalar => self.scalar(scalar).map(Some),
        }
    }

    fn scalar(&mut self, ty: Ty) -> Result<String> {
        let at = self.pos;
        let what = ty.name();
        Ok(match ty {
            Ty::U8 => self.u8(what)?.to_string(),
            Ty::I8 => (self.u8(what)? as i8).to_string(),
            Ty::U16 => self.u16(what)?.to_string(),
            Ty::I16 => (self.u16(what)? as i16).to_string(),
            Ty::U32 => self.u32(what)?.to_string(),
            Ty::I32 => (self.u32(what)? as i32).to_string(),
            Ty::F32 => f32::from_bits(self.u32(what)?).to_string(),
            Ty::U64 => self.u64(what)?.to_string(),
            Ty::I64 => (self.u64(what)? as i64).to_string(),
            Ty::F64 => f64::from_bits(self.u64(what)?).to_string(),
            Ty::Bool => match self.u8(what)? {
                0 => "false".into(),
                1 => "true".into(),
                b => {
                    return Err(self.invalid(format_args!("bool value {b} is neither 0 nor 1"), at));
                }
            },
            Ty::Str | Ty::Array => unreachable!("not a scalar"),
        })
    }

    /// Reads at most `cap` bytes of a string of `len` bytes and skips the
    /// rest; the text is cut at a character boundary. Returns whether the
    /// whole string was kept.
    fn kept_string(&mut self, len: u64, cap: usize) -> Result<(String, bool)> {
        let take = len.min(cap as u64);
        let mut buf = vec![0u8; take as usize];
        self.fill(&mut buf, "string")?;
        self.skip(len - take, "string")?;
        let complete = take == len;
        if !complete {
            // Drop a character cut in half by the cap.
            if let Err(e) = std::str::from_utf8(&buf)
                && e.error_len().is_none()
            {
                buf.truncate(e.valid_up_to());
            }
        }
        let text = match String::from_utf8(buf) {
            Ok(text) => text,
            Err(e) => {
                let note = format!(
                    "`{}` is not valid UTF-8; the invalid bytes were replaced",
                    self.key
                );
                // Once per key, not once per element of an array.
                if self.notes.last() != Some(&note) {
                    self.notes.push(note);
                }
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
        };
        Ok((text, complete))
    }

    /// An array of a kept key: strings as a JSON array of strings, scalars
    /// as a JSON-like array; the first `MAX_KEPT_ELEMENTS` elements within
    /// `MAX_KEPT_VALUE` bytes are kept. Arrays of arrays are skipped.
    fn kept_array(&mut self) -> Result<Option<String>> {
        let (elem, count) = self.array_header(1)?;
        let mut kept = 0u64;
        let text = match elem {
            Ty::Array => {
                self.skip_elements(elem, count, 1)?;
                return Ok(None);
            }
            Ty::Str => {
                let mut items = Vec::new();
                let mut used = 0usize;
                while kept < count.min(MAX_KEPT_ELEMENTS) {
                    let len = self.string_len()?;
                    if len > (MAX_KEPT_VALUE - used) as u64 {
                        self.skip(len, "string")?;
                        kept += 1; // consumed, not kept
                        break;
                    }
                    let (s, _) = self.kept_string(len, MAX_KEPT_VALUE)?;
                    used += s.len();
                    items.push(s);
                    kept += 1;
                }
                let consumed = kept;
                kept = items.len() as u64;
                self.skip_elements(elem, count - consumed, 1)?;
                serde_json::to_string(&items).unwrap_or_default()
            }
            scalar => {
                let mut items = Vec::new();
                while kept < count.min(MAX_KEPT_ELEMENTS) {
                    items.push(self.scalar(scalar)?);
                    kept += 1;
                }
                self.skip_elements(elem, count - kept, 1)?;
                format!("[{}]", items.join(","))
            }
        };
        if kept < count {
            let note = format!(
                "`{}` has {count} elements; only the first {kept} were kept",
                self.key
            );
            self.notes.push(note);
        }
        Ok(Some(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::weights::MAX_READ;
    use crate::discover::weights::bytes::Budget;
    use std::io::{BufReader, Cursor};

    #[test]
    fn value_types_round_trip_their_codes() {
        for code in 0..=12 {
            let ty = Ty::from_code(code).unwrap();
            assert!(ty.min_size() >= 1, "{}", ty.name());
        }
        assert_eq!(Ty::from_code(13), None);
        assert_eq!(Ty::from_code(u32::MAX), None);
    }

    #[test]
    fn a_kept_string_is_cut_at_a_character_boundary() {
        // 3 bytes of "é" (2 bytes each) cut at 3: the half character goes.
        let mut bytes = 4u64.to_le_bytes().to_vec();
        bytes.extend("éé".as_bytes());
        let mut src = Src {
            r: BufReader::new(Budget {
                inner: Cursor::new(bytes),
                left: MAX_READ,
            }),
            base: 0,
            pos: 0,
            len: 12,
            big_endian: false,
            kv: Some(0),
            key: "general.name".into(),
            notes: Vec::new(),
        };
        let len = src.string_len().unwrap();
        let (text, complete) = src.kept_string(len, 3).unwrap();
        assert_eq!((text.as_str(), complete), ("é", false));
        assert_eq!(src.pos, 12);
        assert!(src.notes.is_empty(), "{:?}", src.notes);
    }
}
