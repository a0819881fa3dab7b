//! The GGUF and safetensors metadata readers, through their public API, on
//! files written here: well-formed ones in every GGUF variant, and hostile
//! ones that must fail fast, without large allocations and without panics.

use cargo_model_audit::discover::weights::{
    self, Format, MAX_ARRAY_DEPTH, MAX_KEY_LEN, MAX_KV_COUNT, MAX_SAFETENSORS_HEADER,
    MAX_STRING_LEN, WeightError, WeightMeta,
};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::io::Cursor;

// ---------------------------------------------------------------------------
// The largest single allocation made by this thread, to show that hostile
// lengths never reach the allocator.

struct Peak;

thread_local! {
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

fn record(size: usize) {
    let _ = PEAK.try_with(|peak| peak.set(peak.get().max(size)));
}

unsafe impl GlobalAlloc for Peak {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record(layout.size());
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        record(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        record(new_size);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Peak = Peak;

/// Reads `bytes` and returns the result with the largest allocation made.
fn read_measured(bytes: &[u8]) -> (Result<WeightMeta, WeightError>, usize) {
    PEAK.with(|peak| peak.set(0));
    let result = weights::read_from(Cursor::new(bytes));
    (result, PEAK.with(Cell::get))
}

/// The reader's own buffer is 64 KiB; nothing may be much larger.
const SMALL: usize = 256 * 1024;

/// Reads a hostile file: it must be `Invalid` with a message containing
/// `expected`, with no large allocation.
fn invalid(bytes: &[u8], expected: &str) -> String {
    let (result, peak) = read_measured(bytes);
    let Err(WeightError::Invalid(message)) = result else {
        panic!("expected Invalid containing {expected:?}, got {result:?}");
    };
    assert!(
        message.contains(expected),
        "{message:?} does not contain {expected:?}"
    );
    assert!(peak <= SMALL, "allocated {peak} bytes for {message:?}");
    message
}

// ---------------------------------------------------------------------------
// A GGUF writer.

const U8: u32 = 0;
const I8: u32 = 1;
const U16: u32 = 2;
const I16: u32 = 3;
const U32: u32 = 4;
const I32: u32 = 5;
const F32: u32 = 6;
const BOOL: u32 = 7;
const STRING: u32 = 8;
const ARRAY: u32 = 9;
const U64: u32 = 10;
const I64: u32 = 11;
const F64: u32 = 12;

struct Gguf {
    big_endian: bool,
    buf: Vec<u8>,
    kvs: u64,
}

impl Gguf {
    fn new(version: u32, big_endian: bool) -> Gguf {
        let mut w = Gguf {
            big_endian,
            buf: b"GGUF".to_vec(),
            kvs: 0,
        };
        w.u32(version);
        w.u64(0); // tensors
        w.u64(0); // key/values, set by `finish`
        w
    }

    fn le() -> Gguf {
        Gguf::new(3, false)
    }

    fn pos(&self) -> usize {
        self.buf.len()
    }

    fn bytes(&mut self, b: &[u8]) -> &mut Self {
        self.buf.extend_from_slice(b);
        self
    }

    fn u8(&mut self, v: u8) -> &mut Self {
        self.bytes(&[v])
    }

    fn u16(&mut self, v: u16) -> &mut Self {
        let b = if self.big_endian {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        };
        self.bytes(&b)
    }

    fn u32(&mut self, v: u32) -> &mut Self {
        let b = if self.big_endian {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        };
        self.bytes(&b)
    }

    fn u64(&mut self, v: u64) -> &mut Self {
        let b = if self.big_endian {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        };
        self.bytes(&b)
    }

    fn string(&mut self, s: &str) -> &mut Self {
        self.u64(s.len() as u64);
        self.bytes(s.as_bytes())
    }

    /// A key and its value type; the value follows.
    fn key(&mut self, key: &str, ty: u32) -> &mut Self {
        self.kvs += 1;
        self.string(key);
        self.u32(ty)
    }

    fn kv_str(&mut self, key: &str, value: &str) -> &mut Self {
        self.key(key, STRING).string(value)
    }

    fn kv_u32(&mut self, key: &str, value: u32) -> &mut Self {
        self.key(key, U32).u32(value)
    }

    fn kv_strings<S: AsRef<str>>(&mut self, key: &str, items: &[S]) -> &mut Self {
        self.key(key, ARRAY).u32(STRING).u64(items.len() as u64);
        for item in items {
            self.string(item.as_ref());
        }
        self
    }

    fn kv_u32s(&mut self, key: &str, items: &[u32]) -> &mut Self {
        self.key(key, ARRAY).u32(U32).u64(items.len() as u64);
        for &item in items {
            self.u32(item);
        }
        self
    }

    /// The file, with the key/value count written (or `kv_count` if given).
    fn finish_with(&self, kv_count: u64) -> Vec<u8> {
        let mut out = self.buf.clone();
        let b = if self.big_endian {
            kv_count.to_be_bytes()
        } else {
            kv_count.to_le_bytes()
        };
        out[16..24].copy_from_slice(&b);
        out
    }

    fn finish(&self) -> Vec<u8> {
        self.finish_with(self.kvs)
    }
}

/// Hub links as strings inside a GGUF header, as converters write them: the
/// reader only parses them into repository ids (`hub_repos`); nothing here
/// makes a request (tests that resolve models run against the local mock
/// hub).
const LLAMA: &str = "hf://meta-llama/Llama-3.1-8B";

/// A converted Llama fine-tune, as llama.cpp's converter writes it, with a
/// vocabulary of `vocab` strings.
fn llama_file(version: u32, big_endian: bool, vocab: usize) -> Vec<u8> {
    let mut w = Gguf::new(version, big_endian);
    w.kv_str("general.architecture", "llama")
        .kv_str("general.name", "Acme Chat 8B")
        .kv_str(
            "general.description",
            "A chat model. Weights: hf://acme/acme-chat-8b-weights.",
        )
        .kv_str("general.license", "llama3.1")
        .kv_str("general.license.name", "Llama 3.1 Community License")
        .kv_str(
            "general.license.link",
            &format!("{LLAMA}/blob/main/LICENSE"),
        )
        .kv_strings("general.tags", &["text-generation", "llama-3"])
        .kv_strings("general.languages", &["en", "de"])
        .kv_u32("general.base_model.count", 1)
        .kv_str("general.base_model.0.name", "Llama 3.1 8B")
        .kv_str("general.base_model.0.organization", "Meta Llama")
        .kv_str("general.base_model.0.repo_url", LLAMA)
        .kv_str("general.source.repo_url", "hf://acme/acme-chat-8b")
        .kv_u32("llama.context_length", 131_072);
    w.key("llama.rope.freq_base", F32).u32(500_000f32.to_bits());
    w.key("tokenizer.ggml.add_bos_token", BOOL).u8(1);
    let tokens: Vec<String> = (0..vocab).map(|i| format!("tok{i}")).collect();
    w.kv_strings("tokenizer.ggml.tokens", &tokens);
    let types: Vec<u32> = (0..vocab as u32).map(|i| i % 6).collect();
    w.kv_u32s("tokenizer.ggml.token_type", &types);
    w.kv_u32("general.quantization_version", 2);
    w.finish()
}

fn check_llama(meta: &WeightMeta) {
    assert_eq!(meta.format, Some(Format::Gguf));
    assert_eq!(meta.license.as_deref(), Some("llama3.1"));
    assert_eq!(
        meta.license_name.as_deref(),
        Some("Llama 3.1 Community License")
    );
    assert_eq!(
        meta.license_link.as_deref(),
        Some(&*format!("{LLAMA}/blob/main/LICENSE"))
    );
    assert_eq!(meta.name.as_deref(), Some("Acme Chat 8B"));
    assert!(
        meta.description
            .as_deref()
            .unwrap()
            .starts_with("A chat model.")
    );
    assert_eq!(meta.tags, ["text-generation", "llama-3"]);
    assert_eq!(meta.base_models, ["meta-llama/Llama-3.1-8B"]);
    assert_eq!(
        meta.hub_repos,
        [
            "acme/acme-chat-8b",
            "meta-llama/Llama-3.1-8B",
            "acme/acme-chat-8b-weights",
        ]
    );
    assert_eq!(meta.fields["general.languages"], r#"["en","de"]"#);
    assert_eq!(meta.fields["general.base_model.count"], "1");
    assert_eq!(meta.fields["general.quantization_version"], "2");
    assert!(
        meta.fields.keys().all(|k| k.starts_with("general.")),
        "{:?}",
        meta.fields.keys()
    );
    assert_eq!(meta.fields.len(), 14);
    assert!(meta.notes.is_empty(), "{:?}", meta.notes);
}

#[test]
fn gguf_in_all_four_variants() {
    for version in [2, 3] {
        for big_endian in [false, true] {
            let bytes = llama_file(version, big_endian, 200_000);
            let (meta, peak) = read_measured(&bytes);
            let meta = meta.unwrap();
            check_llama(&meta);
            assert_eq!(meta.gguf_version, Some(version));
            assert_eq!(meta.big_endian, big_endian);
            // The 200 000 tokens were stepped over, not collected.
            assert!(peak <= SMALL, "allocated {peak} bytes");
        }
    }
}

#[test]
fn gguf_scalars_are_kept_as_text() {
    let mut w = Gguf::new(3, true);
    w.key("general.u8", U8).u8(200);
    w.key("general.i8", I8).u8(0xFF);
    w.key("general.u16", U16).u16(65_535);
    w.key("general.i16", I16).u16(0xFFFE);
    w.key("general.i32", I32).u32(u32::MAX);
    w.key("general.f32", F32).u32(0.5f32.to_bits());
    w.key("general.bool", BOOL).u8(0);
    w.key("general.u64", U64).u64(u64::MAX);
    w.key("general.i64", I64).u64(u64::MAX - 1);
    w.key("general.f64", F64).u64(2.25f64.to_bits());
    w.kv_u32s("general.numbers", &[1, 2, 3]);
    w.kv_str("general.tags", "single-tag");
    let meta = weights::read_from(Cursor::new(w.finish())).unwrap();
    let text: Vec<(&str, &str)> = meta
        .fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        text,
        [
            ("general.bool", "false"),
            ("general.f32", "0.5"),
            ("general.f64", "2.25"),
            ("general.i16", "-2"),
            ("general.i32", "-1"),
            ("general.i64", "-2"),
            ("general.i8", "-1"),
            ("general.numbers", "[1,2,3]"),
            ("general.tags", "single-tag"),
            ("general.u16", "65535"),
            ("general.u64", "18446744073709551615"),
            ("general.u8", "200"),
        ]
    );
    assert_eq!(meta.tags, ["single-tag"]);
    assert_eq!(meta.license, None);
}

#[test]
fn gguf_base_model_from_organization_and_name() {
    let mut w = Gguf::le();
    w.kv_u32("general.base_model.count", 2)
        .kv_str("general.base_model.1.organization", "mistralai")
        .kv_str("general.base_model.1.name", "Mistral-7B-v0.1")
        .kv_str("general.base_model.0.organization", "Some Org")
        .kv_str("general.base_model.0.name", "Not An Id")
        .kv_str("general.source.huggingface.repository", "old/style-repo")
        .kv_str("general.repo_url", "https://github.com/acme/model");
    let meta = weights::read_from(Cursor::new(w.finish())).unwrap();
    assert_eq!(meta.base_models, ["mistralai/Mistral-7B-v0.1"]);
    assert_eq!(
        meta.hub_repos,
        ["old/style-repo", "mistralai/Mistral-7B-v0.1"]
    );
}

#[test]
fn gguf_long_values_are_cut_with_a_note() {
    let long = "é".repeat(40_000); // 80 000 bytes
    let tags: Vec<String> = (0..1500).map(|i| format!("t{i}")).collect();
    let mut w = Gguf::le();
    w.kv_str("general.description", &long)
        .kv_strings("general.tags", &tags)
        .kv_str("general.license", "mit");
    let (meta, peak) = read_measured(&w.finish());
    let meta = meta.unwrap();
    let description = meta.description.unwrap();
    assert_eq!(description.len(), 65_536);
    assert!(long.starts_with(&description));
    assert_eq!(meta.tags.len(), 1000);
    assert_eq!(meta.tags[999], "t999");
    assert_eq!(meta.license.as_deref(), Some("mit"));
    assert_eq!(meta.notes.len(), 2, "{:?}", meta.notes);
    assert!(
        meta.notes[0].contains("general.description"),
        "{:?}",
        meta.notes
    );
    assert!(meta.notes[1].contains("general.tags"), "{:?}", meta.notes);
    assert!(peak <= SMALL, "allocated {peak} bytes");
}

#[test]
fn gguf_invalid_utf8_is_replaced_with_a_note() {
    let mut w = Gguf::le();
    w.key("general.name", STRING).u64(3).bytes(b"a\xFFb");
    w.key("general.tags", ARRAY).u32(STRING).u64(2);
    w.u64(2).bytes(b"\xC3x").u64(1).bytes(b"\x80");
    let meta = weights::read_from(Cursor::new(w.finish())).unwrap();
    assert_eq!(meta.name.as_deref(), Some("a\u{FFFD}b"));
    assert_eq!(meta.tags, ["\u{FFFD}x", "\u{FFFD}"]);
    assert_eq!(meta.notes.len(), 2, "{:?}", meta.notes);
}

#[test]
fn gguf_kept_metadata_has_a_total_budget() {
    let value = "x".repeat(60_000);
    let mut w = Gguf::le();
    for i in 0..40 {
        w.kv_str(&format!("general.padding.{i:02}"), &value);
    }
    w.kv_str("general.license", "apache-2.0");
    let meta = weights::read_from(Cursor::new(w.finish())).unwrap();
    assert!(meta.fields.len() < 40, "{}", meta.fields.len());
    assert_eq!(meta.notes.len(), 1, "{:?}", meta.notes);
    assert_eq!(meta.license, None);
}

#[test]
fn gguf_skips_every_value_type_and_nested_arrays() {
    let mut w = Gguf::le();
    for (ty, size) in [
        (U8, 1),
        (I8, 1),
        (U16, 2),
        (I16, 2),
        (U32, 4),
        (I32, 4),
        (F32, 4),
        (BOOL, 1),
        (U64, 8),
        (I64, 8),
        (F64, 8),
    ] {
        w.key(&format!("x.scalar{ty}"), ty).bytes(&vec![7; size]);
        w.key(&format!("x.array{ty}"), ARRAY)
            .u32(ty)
            .u64(3)
            .bytes(&vec![7; 3 * size]);
    }
    // Arrays nested exactly MAX_ARRAY_DEPTH deep, skipped and kept.
    for key in ["x.nested", "general.nested"] {
        w.key(key, ARRAY);
        for _ in 1..MAX_ARRAY_DEPTH {
            w.u32(ARRAY).u64(1);
        }
        w.u32(STRING).u64(1).string("deep");
    }
    w.kv_str("general.license", "mit");
    let meta = weights::read_from(Cursor::new(w.finish())).unwrap();
    assert_eq!(meta.license.as_deref(), Some("mit"));
    assert_eq!(meta.fields.len(), 1, "{:?}", meta.fields);
}

#[test]
fn gguf_versions_other_than_2_and_3_are_rejected() {
    let w = Gguf::new(1, false);
    let (result, _) = read_measured(&w.finish());
    assert_eq!(
        result,
        Err(WeightError::Invalid(
            "GGUF version 1 is not supported".into()
        ))
    );
    invalid(&Gguf::new(4, false).finish(), "GGUF version 4");
    invalid(&Gguf::new(0, false).finish(), "GGUF version 0");
}

// ---------------------------------------------------------------------------
// Hostile GGUF files.

fn small_file() -> Vec<u8> {
    let mut w = Gguf::le();
    w.kv_str("general.license", "llama3.1")
        .kv_strings("general.tags", &["a", "b"])
        .kv_strings("tokenizer.ggml.tokens", &["<s>", "</s>", "hi"])
        .kv_u32s("tokenizer.ggml.token_type", &[1, 2, 3]);
    w.key("general.flag", BOOL).u8(1);
    w.key("x.nested", ARRAY)
        .u32(ARRAY)
        .u64(1)
        .u32(U8)
        .u64(2)
        .u8(1)
        .u8(2);
    w.finish()
}

#[test]
fn every_truncation_of_a_gguf_file_is_invalid() {
    let bytes = small_file();
    let meta = weights::read_from(Cursor::new(&bytes)).unwrap();
    assert_eq!(meta.license.as_deref(), Some("llama3.1"));
    assert_eq!(meta.fields["general.flag"], "true");
    for len in 0..bytes.len() {
        let (result, peak) = read_measured(&bytes[..len]);
        match result {
            Err(WeightError::NotWeights) if len < 4 => {}
            Err(WeightError::Invalid(message)) if len >= 4 => {
                assert!(message.starts_with("truncated: "), "{len}: {message}");
                assert!(message.contains(" at byte "), "{len}: {message}");
            }
            other => panic!("prefix of {len} bytes: {other:?}"),
        }
        assert!(peak <= SMALL);
    }
}

#[test]
fn huge_counts_and_lengths_fail_at_once() {
    // key/value count
    let w = Gguf::le();
    let message = invalid(&w.finish_with(u64::MAX), "key/value count");
    assert!(message.contains(&MAX_KV_COUNT.to_string()), "{message}");
    invalid(&w.finish_with(MAX_KV_COUNT), "truncated: ");

    // tensor count
    let mut bytes = w.finish();
    bytes[8..16].copy_from_slice(&u64::MAX.to_le_bytes());
    invalid(&bytes, "tensor count");

    // key length
    let mut w = Gguf::le();
    w.kvs = 1;
    w.u64(u64::MAX).bytes(&[b'k'; 16]);
    let message = invalid(&w.finish(), "key length 18446744073709551615");
    assert_eq!(
        message,
        format!(
            "key/value 0: key length 18446744073709551615 exceeds the limit of {MAX_KEY_LEN} bytes at byte 24"
        )
    );

    // string length, of a kept and of a skipped key
    for key in ["general.name", "tokenizer.ggml.pre"] {
        let mut w = Gguf::le();
        w.kv_str("general.license", "mit").key(key, STRING);
        let at = w.pos();
        w.u64(u64::MAX).bytes(b"abc");
        let message = invalid(&w.finish(), "string length");
        assert_eq!(
            message,
            format!(
                "key/value 1 (`{key}`): string length 18446744073709551615 exceeds the limit of {MAX_STRING_LEN} bytes at byte {at}"
            )
        );
        // Just over the limit, and within it but past the end.
        let mut w = Gguf::le();
        w.key(key, STRING).u64(MAX_STRING_LEN + 1);
        invalid(&w.finish(), "exceeds the limit");
        let mut w = Gguf::le();
        w.key(key, STRING).u64(MAX_STRING_LEN).bytes(b"abc");
        invalid(&w.finish(), "truncated: ");
    }

    // array counts, of every element kind, kept and skipped
    for key in ["general.tags", "tokenizer.ggml.tokens"] {
        for elem in [STRING, U32, U8, ARRAY, F64] {
            let mut w = Gguf::le();
            w.key(key, ARRAY).u32(elem).u64(u64::MAX);
            w.bytes(&[0; 64]);
            let message = invalid(&w.finish(), "truncated: ");
            assert!(message.contains(key), "{message}");
        }
    }

    // a key longer than the limit
    let mut w = Gguf::le();
    w.kvs = 1;
    w.u64(MAX_KEY_LEN + 1).bytes(&[b'k'; 100]);
    invalid(&w.finish(), "key length");
}

#[test]
fn deeply_nested_arrays_are_invalid() {
    for key in ["general.x", "x.y"] {
        let mut w = Gguf::le();
        w.key(key, ARRAY);
        for _ in 0..100 {
            w.u32(ARRAY).u64(1);
        }
        w.u32(U8).u64(0);
        let message = invalid(&w.finish(), "nested more than 8 deep");
        assert!(message.contains(key), "{message}");
    }
}

#[test]
fn unknown_value_types_are_invalid() {
    let mut w = Gguf::le();
    w.kv_str("general.name", "x").key("weird.key", 13);
    let at = w.pos() - 4;
    w.u32(0);
    let message = invalid(&w.finish(), "unknown value type 13");
    assert_eq!(
        message,
        format!("key/value 1 (`weird.key`): unknown value type 13 at byte {at}")
    );

    let mut w = Gguf::le();
    w.key("general.tags", ARRAY).u32(u32::MAX).u64(1);
    invalid(&w.finish(), "unknown array element type 4294967295");

    let mut w = Gguf::le();
    w.key("general.flag", BOOL).u8(2);
    invalid(&w.finish(), "bool value 2");

    let mut w = Gguf::le();
    w.kv_str("general.license", "mit")
        .kv_str("general.license", "gpl-3.0");
    invalid(&w.finish(), "duplicate key");
}

#[test]
fn a_huge_sparse_file_is_read_from_its_header() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("model.gguf");
    std::fs::write(&path, llama_file(3, false, 1000)).unwrap();
    let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    file.set_len(5 << 30).unwrap();
    drop(file);
    check_llama(&weights::read(&path).unwrap());
}

/// A sparse file of `kvs` keys, each followed by a 1 MiB string left as a
/// hole: each key costs a seek and a fresh buffer.
fn far_jumps(path: &std::path::Path, kvs: u64) {
    use std::io::{Seek, SeekFrom, Write};
    let mut file = std::fs::File::create(path).unwrap();
    let mut w = Gguf::le();
    w.kvs = kvs;
    file.write_all(&w.finish()).unwrap();
    for i in 0..kvs {
        w.buf.clear();
        w.key(&format!("x.{i:08}"), STRING).u64(1 << 20);
        file.write_all(&w.buf).unwrap();
        file.seek(SeekFrom::Current(1 << 20)).unwrap();
    }
    let end = file.stream_position().unwrap();
    file.set_len(end).unwrap();
}

#[test]
fn a_file_of_far_jumps_gives_up() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("model.gguf");
    far_jumps(&path, 1000);
    let meta = weights::read(&path).unwrap();
    assert!(meta.fields.is_empty());
    far_jumps(&path, 5_000);
    match weights::read(&path) {
        Err(WeightError::Invalid(message)) => assert!(message.contains("gave up"), "{message}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn read_reports_io_errors() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.gguf");
    assert!(
        matches!(weights::read(&missing), Err(WeightError::Io(m)) if m.contains("missing.gguf"))
    );
    assert!(matches!(weights::read(dir.path()), Err(WeightError::Io(_))));
    let text = dir.path().join("README.md");
    std::fs::write(&text, "# A model card\n\nNot weights.\n").unwrap();
    assert_eq!(weights::read(&text), Err(WeightError::NotWeights));
}

// ---------------------------------------------------------------------------
// safetensors

fn safetensors(header: &str, data: usize) -> Vec<u8> {
    let mut out = (header.len() as u64).to_le_bytes().to_vec();
    out.extend_from_slice(header.as_bytes());
    out.resize(out.len() + data, 0);
    out
}

#[test]
fn safetensors_metadata() {
    let header = r#"{"__metadata__":{"modelspec.license":"apache-2.0","modelspec.title":"x","format":"pt"},"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}}   "#;
    let (meta, peak) = read_measured(&safetensors(header, 16));
    let meta = meta.unwrap();
    assert_eq!(meta.format, Some(Format::Safetensors));
    assert_eq!(meta.license.as_deref(), Some("apache-2.0"));
    assert_eq!(meta.name.as_deref(), Some("x"));
    assert_eq!(
        meta.fields.keys().collect::<Vec<_>>(),
        ["modelspec.license", "modelspec.title"]
    );
    assert_eq!(meta.gguf_version, None);
    assert!(meta.hub_repos.is_empty() && meta.notes.is_empty());
    assert!(peak <= SMALL, "allocated {peak} bytes");

    let header = r#"{"__metadata__":{"license":"openrail","modelspec.description":"d","merged_from":"hf://stabilityai/sdxl-base, hf://a/b"}}"#;
    let meta = weights::read_from(Cursor::new(safetensors(header, 0))).unwrap();
    assert_eq!(meta.license.as_deref(), Some("openrail"));
    assert_eq!(meta.description.as_deref(), Some("d"));
    assert_eq!(meta.hub_repos, ["stabilityai/sdxl-base", "a/b"]);
    assert!(meta.fields.contains_key("merged_from"));

    // A long kept value is cut, with a note. (The header itself is read
    // whole, so this also shows that the allocation measure works.)
    let title = "t".repeat(300_000);
    let header = format!(r#"{{"__metadata__":{{"modelspec.title":"{title}"}}}}"#);
    let (meta, peak) = read_measured(&safetensors(&header, 0));
    let meta = meta.unwrap();
    assert_eq!(meta.name.unwrap().len(), 65_536);
    assert_eq!(meta.notes.len(), 1, "{:?}", meta.notes);
    assert!(peak > SMALL, "allocated only {peak} bytes");

    // No __metadata__ at all.
    let meta = weights::read_from(Cursor::new(safetensors("{}", 0))).unwrap();
    assert_eq!(meta.format, Some(Format::Safetensors));
    assert_eq!(meta.license, None);
}

#[test]
fn hostile_safetensors_headers() {
    let header = r#"{"__metadata__":{"modelspec.license":"mit"}}"#;

    let mut bytes = safetensors(header, 0);
    bytes[..8].copy_from_slice(&u64::MAX.to_le_bytes());
    let message = invalid(&bytes, "exceeds the limit");
    assert!(message.contains(&MAX_SAFETENSORS_HEADER.to_string()));

    bytes[..8].copy_from_slice(&(header.len() as u64 + 1).to_le_bytes());
    invalid(&bytes, "truncated: ");

    bytes[..8].copy_from_slice(&(MAX_SAFETENSORS_HEADER + 1).to_le_bytes());
    invalid(&bytes, "exceeds the limit");

    invalid(&safetensors("{not json}", 8), "not valid");
    invalid(&safetensors("[1, 2, 3]", 8), "does not start with `{`");
    invalid(&safetensors(r#"{"a": 1} x"#, 8), "not valid");
    invalid(&safetensors(r#"{"__metadata__": [1]}"#, 8), "not valid");
    invalid(
        &safetensors(r#"{"__metadata__": {"a": 1}}"#, 8),
        "not valid",
    );
    invalid(
        &safetensors(r#"{"__metadata__": {}, "__metadata__": {}}"#, 8),
        "duplicate",
    );

    // Every truncation inside the header.
    let bytes = safetensors(header, 0);
    for len in 0..bytes.len() {
        match read_measured(&bytes[..len]).0 {
            Err(WeightError::NotWeights) if len <= 8 => {}
            Err(WeightError::Invalid(_)) if len > 8 => {}
            other => panic!("prefix of {len} bytes: {other:?}"),
        }
    }
}

#[test]
fn files_that_are_not_weights() {
    let lfs = "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a\nsize 4955\n";
    for bytes in [
        lfs.as_bytes(),
        b"",
        b"GGU",
        b"<!DOCTYPE html><html></html>",
        &[0xFF; 64],
    ] {
        assert_eq!(
            weights::read_from(Cursor::new(bytes)),
            Err(WeightError::NotWeights),
            "{:?}",
            String::from_utf8_lossy(bytes)
        );
    }
}

#[test]
fn weight_file_names() {
    for name in [
        "model.gguf",
        "Model.Q4_K_M.GGUF",
        "model.safetensors",
        "model-00001-of-00004.safetensors",
        "model-00003-of-00004.safetensors",
        "Llama-3.1-8B-Q8_0-00001-of-00005.gguf",
        "dir/sub/model-00001-of-00001.gguf",
        "models\\phi.gguf",
        "model-0002-of-0005.gguf",
    ] {
        assert!(weights::is_weight_file(name), "{name}");
    }
    for name in [
        "Llama-3.1-8B-Q8_0-00002-of-00005.gguf",
        "model-00005-of-00005.gguf",
        "model.gguf.part",
        "model.bin",
        "model.pt",
        "gguf",
        ".gguf",
        ".safetensors",
        "model.safetensors.index.json",
        "README.md",
        "",
    ] {
        assert!(!weights::is_weight_file(name), "{name}");
    }
}

/// Found by the safetensors fuzzer: a zero header length followed by `{`
/// once underflowed the header length.
#[test]
fn a_zero_safetensors_header_length_is_invalid() {
    let mut bytes = 0u64.to_le_bytes().to_vec();
    bytes.extend_from_slice(br#"{"__metadata__": {}}"#);
    let err =
        cargo_model_audit::discover::weights::read_from(std::io::Cursor::new(bytes)).unwrap_err();
    assert!(
        matches!(
            err,
            cargo_model_audit::discover::weights::WeightError::Invalid(_)
        ),
        "{err:?}"
    );
}
