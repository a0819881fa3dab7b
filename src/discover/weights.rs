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

pub use crate::domain::{WeightFormat as Format, WeightMeta};

use crate::domain::hub::{hub_url_repo, hub_urls, valid_repo_id};
use serde::Deserialize;
use serde::de::{self, IgnoredAny, MapAccess, Visitor};
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
        return read_gguf(&mut src);
    }
    if src.len < 9 {
        return Err(WeightError::NotWeights);
    }
    let mut rest = [0u8; 5];
    src.fill(&mut rest, "safetensors header")?;
    let mut len = [0u8; 8];
    len[..4].copy_from_slice(&magic);
    len[4..].copy_from_slice(&rest[..4]);
    read_safetensors(&mut src, u64::from_le_bytes(len), rest[4])
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
// The byte source: bounds-checked reads and seeks, with messages.

/// The reader under the buffer, charging every read and seek to a budget
/// (`MAX_READ`).
struct Budget<R> {
    inner: R,
    left: u64,
}

/// The error a [`Budget`] returns once spent.
#[derive(Debug)]
struct OverBudget;

impl fmt::Display for OverBudget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "more than {MAX_READ} bytes of reads and seeks")
    }
}

impl std::error::Error for OverBudget {}

impl<R: Read> Read for Budget<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.left == 0 {
            return Err(io::Error::other(OverBudget));
        }
        let n = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let read = self.inner.read(&mut buf[..n])?;
        self.left -= read as u64;
        Ok(read)
    }
}

impl<R: Seek> Seek for Budget<R> {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        self.left = self
            .left
            .checked_sub(SEEK_COST)
            .ok_or_else(|| io::Error::other(OverBudget))?;
        self.inner.seek(pos)
    }
}

struct Src<R> {
    r: BufReader<Budget<R>>,
    /// Where the file starts in the reader.
    base: u64,
    /// The current offset, from `base`.
    pos: u64,
    /// The file length, from `base`.
    len: u64,
    big_endian: bool,
    /// The key/value being read, for messages.
    kv: Option<u64>,
    key: String,
    notes: Vec<String>,
}

impl<R: Read + Seek> Src<R> {
    fn remaining(&self) -> u64 {
        self.len.saturating_sub(self.pos)
    }

    /// `key/value 3 (`general.name`): `, or nothing outside the key/values.
    fn context(&self) -> String {
        match self.kv {
            None => String::new(),
            Some(i) if self.key.is_empty() => format!("key/value {i}: "),
            Some(i) => format!("key/value {i} (`{}`): ", self.key),
        }
    }

    fn invalid(&self, what: impl fmt::Display, at: u64) -> WeightError {
        WeightError::Invalid(format!("{}{what} at byte {at}", self.context()))
    }

    /// `what` needs `need` bytes from `at`, more than the file has.
    fn truncated(&self, what: &str, need: impl fmt::Display, at: u64) -> WeightError {
        WeightError::Invalid(format!(
            "truncated: {}{what} ({need} bytes) runs past the end of the file ({} bytes) at byte {at}",
            self.context(),
            self.len
        ))
    }

    fn io_error(&self, e: io::Error, what: &str, need: u64) -> WeightError {
        if e.kind() == io::ErrorKind::UnexpectedEof {
            // The file shrank while we read it.
            self.truncated(what, need, self.pos)
        } else if e.get_ref().is_some_and(|inner| inner.is::<OverBudget>()) {
            WeightError::Invalid(format!(
                "{}gave up: getting through the metadata costs {e}, at byte {}",
                self.context(),
                self.pos
            ))
        } else {
            WeightError::Io(format!(
                "{}reading the {what} at byte {}: {e}",
                self.context(),
                self.pos
            ))
        }
    }

    fn fill(&mut self, buf: &mut [u8], what: &str) -> Result<()> {
        let need = buf.len() as u64;
        if need > self.remaining() {
            return Err(self.truncated(what, need, self.pos));
        }
        if let Err(e) = self.r.read_exact(buf) {
            return Err(self.io_error(e, what, need));
        }
        self.pos += need;
        Ok(())
    }

    fn skip(&mut self, n: u64, what: &str) -> Result<()> {
        if n > self.remaining() {
            return Err(self.truncated(what, n, self.pos));
        }
        if n == 0 {
            return Ok(());
        }
        let moved = match i64::try_from(n) {
            Ok(offset) => self.r.seek_relative(offset),
            Err(_) => self
                .r
                .seek(SeekFrom::Start(self.base + self.pos + n))
                .map(drop),
        };
        if let Err(e) = moved {
            return Err(self.io_error(e, what, n));
        }
        self.pos += n;
        Ok(())
    }

    fn array<const N: usize>(&mut self, what: &str) -> Result<[u8; N]> {
        let mut buf = [0u8; N];
        self.fill(&mut buf, what)?;
        Ok(buf)
    }

    fn u8(&mut self, what: &str) -> Result<u8> {
        Ok(self.array::<1>(what)?[0])
    }

    fn u16(&mut self, what: &str) -> Result<u16> {
        let b = self.array(what)?;
        Ok(if self.big_endian {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        })
    }

    fn u32(&mut self, what: &str) -> Result<u32> {
        let b = self.array(what)?;
        Ok(if self.big_endian {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        })
    }

    fn u64(&mut self, what: &str) -> Result<u64> {
        let b = self.array(what)?;
        Ok(if self.big_endian {
            u64::from_be_bytes(b)
        } else {
            u64::from_le_bytes(b)
        })
    }
}

// ---------------------------------------------------------------------------
// GGUF

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

fn read_gguf<R: Read + Seek>(src: &mut Src<R>) -> Result<WeightMeta> {
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

// ---------------------------------------------------------------------------
// safetensors

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

/// The `__metadata__` keys kept as fields.
const SAFETENSORS_KEYS: &[&str] = &[
    "license",
    "modelspec.author",
    "modelspec.description",
    "modelspec.license",
    "modelspec.title",
];

/// `header_len` is the first 8 bytes, `first` the byte after them.
fn read_safetensors<R: Read + Seek>(
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

    let mut meta = WeightMeta {
        format: Some(Format::Safetensors),
        ..WeightMeta::default()
    };
    let mut repos = Vec::new();
    for (key, value) in header.0.unwrap_or_default() {
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
    Ok(meta)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

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
