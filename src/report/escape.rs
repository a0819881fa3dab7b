//! One escaper per output format, all built on the one table of dangerous
//! characters in [`crate::domain::untrusted`]; a serde_json formatter through
//! which JSON, SARIF and CycloneDX are written, so that no string of theirs
//! escapes it; and [`Output`], the only thing the writer of a report accepts,
//! so no report leaves without its last check: no raw dangerous character,
//! no line GitHub's runner would obey but this tool's own annotations.
//!
//! The escapers of the text formats are the only way text from outside
//! becomes a [`Safe`] text of that format (see [`safe`]), and the text
//! formats' [`Output`] takes nothing else.

// `safe!` (exported for the binary and the examples in its documentation;
// the stages reach it by this textual scope, not by a path to the crate root).
#[macro_use]
pub mod safe;

pub use crate::domain::untrusted::is_dangerous;
use crate::domain::untrusted::{break_legacy, line, lines, no_command_start, sgr_len, visible};
pub use safe::{Html, Markdown, Piece, Plain, Safe, TextFormat, Workflow, styled};
use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};
use std::io::{self, Write as _};

/// Plain text on one line: every dangerous character visible, newlines
/// and tabs too ([`crate::domain::untrusted::line`]).
pub fn plain(text: &str) -> Safe<Plain> {
    Safe::escaped(line(text))
}

/// A block of plain text that keeps its lines (a license text, a NOTICE
/// file, an error's message): [`crate::domain::untrusted::lines`].
pub fn plain_lines(text: &str) -> Safe<Plain> {
    Safe::escaped(lines(text))
}

/// Markdown text: [`plain`], then no HTML (`<`, `>`, `&` become entities), no
/// markup (`\`, `*`, `_`, `[`, `]`, `(`, `)`, `!`, `#`, `~`, `|` escaped;
/// a code span is inert, so backticks stay) and no bare URL a renderer would
/// link (`://` and `www.` broken with entities).
pub fn markdown(text: &str) -> Safe<Markdown> {
    let text = line(text);
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '*' | '_' | '[' | ']' | '(' | ')' | '!' | '#' | '~' | '|' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    Safe::escaped(
        out.replace("://", ":&#47;&#47;")
            .replace("www.", "www&#46;"),
    )
}

/// The inside of a Markdown code span (inert by nature): [`plain`], with no
/// backtick to close it and no `|` to end a table cell.
pub fn markdown_code(text: &str) -> Safe<Markdown> {
    Safe::escaped(line(text).replace('`', "'").replace('|', "\\|"))
}

/// A block inside a Markdown fence: [`plain_lines`] (a fence shows entities
/// as they are written, so the text is not otherwise touched).
pub fn markdown_block(text: &str) -> Safe<Markdown> {
    Safe::escaped(lines(text))
}

/// A URL the catalog cites (a license's text, the source of a clause) as a
/// Markdown autolink: the catalog ships with the tool, so its links are
/// trusted, but only a plain `https://` URL qualifies. `None` for anything
/// else, which stays escaped text.
pub fn markdown_catalog_link(url: &str) -> Option<Safe<Markdown>> {
    catalog_cites(url).then(|| Safe::escaped(format!("<{url}>")))
}

/// Whether `url` is a plain `https://` URL the built-in catalog cites.
pub fn catalog_cites(url: &str) -> bool {
    crate::catalog::is_plain_https(url) && crate::catalog::Catalog::builtin().cites(url)
}

fn entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// HTML text or an attribute value: [`plain`], then entities.
pub fn html(text: &str) -> Safe<Html> {
    Safe::escaped(entities(&line(text)))
}

/// A block inside `<pre>`: [`plain_lines`], then entities.
pub fn html_block(text: &str) -> Safe<Html> {
    Safe::escaped(entities(&lines(text)))
}

/// A workflow command's message, as the runner expects (`%`, CR and LF
/// escaped), with every other dangerous character visible. It is made of
/// plain text, so only our own newlines become `%0A`.
pub fn workflow_data(text: &Safe<Plain>) -> Safe<Workflow> {
    Safe::escaped(workflow_escape(text))
}

fn workflow_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c if is_dangerous(c) => visible(c, &mut out),
            c => out.push(c),
        }
    }
    break_legacy(out)
}

/// Plain text as lines of a workflow log that are not commands: as they
/// are, but that no line starts with `::`.
pub fn workflow_log(text: &Safe<Plain>) -> Safe<Workflow> {
    let lines: Vec<_> = text.split('\n').map(no_command_start).collect();
    Safe::escaped(lines.join("\n"))
}

/// A workflow command's property value: as data, and `:` and `,` too.
pub fn workflow_property(text: &str) -> Safe<Workflow> {
    Safe::escaped(
        workflow_escape(&line(text))
            .replace(':', "%3A")
            .replace(',', "%2C"),
    )
}

/// What a library (`annotate-snippets`) drew around [`Safe`] plain pieces:
/// its gutters, line breaks and colours, checked as a whole report is
/// ([`Output::human`]'s check), so only its own colours pass.
pub fn drawn(text: String) -> Safe<Plain> {
    Safe::escaped(guard(&text, colours()))
}

/// [`Keep::Colours`] when colours are on.
fn colours() -> Keep {
    if console::colors_enabled() {
        Keep::Colours
    } else {
        Keep::Nothing
    }
}

/// A JSON document as [`to_json`] wrote it, the only text
/// [`Output::json`] takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Json(String);

impl std::ops::Deref for Json {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Json {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Pretty JSON in which every string escapes the dangerous characters as
/// `\uXXXX` (and `##[` as `##\u005b`): JSON, SARIF and CycloneDX are all
/// written through it, so no field can forget.
pub fn to_json<T: Serialize>(value: &T) -> Json {
    let mut out = safe_json(value)
        .or_else(|e| safe_json(&serde_json::json!({ "error": e.to_string() })))
        .unwrap_or_default();
    out.push('\n');
    Json(out)
}

fn safe_json<T: Serialize>(value: &T) -> serde_json::Result<String> {
    let mut bytes = Vec::new();
    write_safe_json(value, &mut bytes)?;
    // serde_json writes only UTF-8.
    Ok(String::from_utf8(bytes).unwrap_or_default())
}

/// [`to_json`], written to `w` as it is serialized: a report of any size
/// is never held whole.
pub fn write_json<T: Serialize>(value: &T, w: &mut dyn io::Write) -> io::Result<()> {
    write_safe_json(value, &mut *w).map_err(io::Error::other)?;
    w.write_all(b"\n")
}

fn write_safe_json<T: Serialize, W: io::Write>(value: &T, w: W) -> serde_json::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(w, Escaping(PrettyFormatter::new()));
    value.serialize(&mut ser)
}

/// A formatter that writes what `serde_json`'s pretty one writes, with the
/// dangerous characters of every string escaped.
struct Escaping<F>(F);

impl<F: Formatter> Formatter for Escaping<F> {
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }

    /// A run of characters `serde_json` writes as they are: the dangerous
    /// ones (and a `[` after `##`) become `\uXXXX`. A run ends only at an
    /// escape, so a `##[` split across two runs never reaches the output.
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            // Printable ASCII but `[` is never escaped: the common case first.
            if (' '..'\u{7f}').contains(&c) && c != '[' {
                continue;
            }
            if is_dangerous(c) || (c == '[' && fragment[..i].ends_with("##")) {
                w.write_all(&fragment.as_bytes()[start..i])?;
                write!(w, "\\u{:04x}", c as u32)?;
                start = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[start..])
    }
}

/// A report ready to be written. The writer (`emit` in `lib.rs`) takes
/// nothing else, and every way to make one runs the last check on the whole
/// text: no raw dangerous character, no line the runner reads as a command,
/// whatever a renderer forgot.
pub struct Output<'a>(Body<'a>);

enum Body<'a> {
    /// A text already checked.
    Text(String),
    /// JSON written as it is serialized, through [`JsonCheck`]: the JSON
    /// report is never held whole, however many artifacts it lists.
    Json(Box<WriteJson<'a>>),
}

/// Writes a JSON report to the writer it is given.
type WriteJson<'a> = dyn Fn(&mut dyn io::Write) -> io::Result<()> + 'a;

/// What a text format may keep that the check would otherwise escape.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    Nothing,
    /// This tool's colours (`console`'s SGR sequences).
    Colours,
    /// This tool's annotations (`--format github`).
    Annotations,
}

impl<'a> Output<'a> {
    /// Markdown, HTML, TSV, the notices: no ESC at all.
    pub fn text<F: TextFormat>(text: &Safe<F>) -> Output<'a> {
        Output(Body::Text(guard(text, Keep::Nothing)))
    }

    /// The human report: our colours pass when colours are on.
    pub fn human(text: &Safe<Plain>) -> Output<'a> {
        Output(Body::Text(guard(text, colours())))
    }

    /// `--format github`: a line of ours that is exactly an `::error`,
    /// `::warning` or `::notice` annotation with escaped properties keeps
    /// its `::`; no other line does.
    pub fn workflow(text: &Safe<Workflow>) -> Output<'a> {
        Output(Body::Text(guard(text, Keep::Annotations)))
    }

    /// JSON, SARIF, CycloneDX, already written by [`to_json`]: a raw
    /// dangerous character (only possible inside a string) becomes `\uXXXX`.
    pub fn json(text: &Json) -> Output<'a> {
        let mut out = Vec::with_capacity(text.len());
        let mut check = JsonCheck::new(&mut out);
        // Writing to a `Vec` does not fail; the text is UTF-8.
        let _ = check.write_all(text.as_bytes());
        Output(Body::Text(String::from_utf8(out).unwrap_or_default()))
    }

    /// `value` as [`write_json`] writes it, through the check of
    /// [`Output::json`] as it goes: byte for byte what
    /// `Output::json(&to_json(value))` holds, without holding it.
    pub fn json_stream<T: Serialize + 'a>(value: T) -> Output<'a> {
        Output(Body::Json(Box::new(move |w| {
            let mut check = JsonCheck::new(w);
            write_json(&value, &mut check)?;
            check.finish()
        })))
    }

    /// Writes the report to `w` (unflushed).
    pub fn write_to(&self, w: &mut dyn io::Write) -> io::Result<()> {
        match &self.0 {
            Body::Text(text) => w.write_all(text.as_bytes()),
            Body::Json(write) => write(w),
        }
    }

    /// The whole report, as bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        // Writing to a `Vec` fails only on a report that cannot be
        // serialized: what was written is kept.
        let _ = self.write_to(&mut out);
        out
    }

    #[cfg(test)]
    fn as_str(&self) -> String {
        String::from_utf8(self.to_bytes()).unwrap()
    }
}

/// The check of [`Output::json`] on a stream of UTF-8: each raw dangerous
/// character but `\n` becomes `\uXXXX` and each `##[` becomes `##\u005b`,
/// as the bytes go by (a character or a `##` split across writes included).
struct JsonCheck<W: io::Write> {
    inner: W,
    /// The first bytes of a character the last write cut short.
    partial: Vec<u8>,
    /// How many `#` end what was written (at most 2).
    hashes: u8,
}

impl<W: io::Write> JsonCheck<W> {
    fn new(inner: W) -> Self {
        JsonCheck {
            inner,
            partial: Vec::new(),
            hashes: 0,
        }
    }

    fn checked(&mut self, text: &str) -> io::Result<()> {
        let bytes = text.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            // Printable ASCII but `#` and `[`, the most of any report,
            // passes as it is and ends a run of `#`.
            if (0x20..0x7f).contains(&bytes[i]) && !matches!(bytes[i], b'#' | b'[') {
                self.hashes = 0;
                i += 1;
                continue;
            }
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            let at = i;
            i += c.len_utf8();
            let escape = if is_dangerous(c) && c != '\n' {
                Some(c as u32)
            } else if c == '[' && self.hashes == 2 {
                Some('[' as u32)
            } else {
                None
            };
            if let Some(code) = escape {
                self.inner.write_all(&bytes[start..at])?;
                write!(self.inner, "\\u{code:04x}")?;
                start = i;
                self.hashes = 0;
            } else if c == '#' {
                self.hashes = (self.hashes + 1).min(2);
            } else {
                self.hashes = 0;
            }
        }
        self.inner.write_all(&bytes[start..])
    }

    /// Fails on a character left cut short.
    fn finish(&mut self) -> io::Result<()> {
        if self.partial.is_empty() {
            Ok(())
        } else {
            Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "JSON that is not UTF-8",
            ))
        }
    }
}

impl<W: io::Write> io::Write for JsonCheck<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let joined;
        let bytes = if self.partial.is_empty() {
            buf
        } else {
            joined = [std::mem::take(&mut self.partial).as_slice(), buf].concat();
            &joined[..]
        };
        let (text, rest) = match std::str::from_utf8(bytes) {
            Ok(text) => (text, &[][..]),
            Err(e) if e.error_len().is_none() => {
                let (valid, rest) = bytes.split_at(e.valid_up_to());
                // Checked just above.
                (std::str::from_utf8(valid).unwrap_or_default(), rest)
            }
            Err(_) => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "JSON that is not UTF-8",
                ));
            }
        };
        self.checked(text)?;
        self.partial.extend_from_slice(rest);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// The last check on a text format, line by line.
fn guard(text: &str, keep: Keep) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, l) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let annotation = keep == Keep::Annotations && is_annotation(l);
        let mut escaped = String::with_capacity(l.len());
        let mut rest = l;
        while let Some(c) = rest.chars().next() {
            let sgr = (c == '\x1b' && keep == Keep::Colours)
                .then(|| sgr_len(rest))
                .flatten();
            let n = match sgr {
                Some(n) => {
                    escaped.push_str(&rest[..n]);
                    n
                }
                None => {
                    if is_dangerous(c) && c != '\t' {
                        visible(c, &mut escaped);
                    } else {
                        escaped.push(c);
                    }
                    c.len_utf8()
                }
            };
            rest = &rest[n..];
        }
        if annotation {
            out.push_str(&escaped);
        } else {
            out.push_str(&no_command_start(&escaped));
        }
    }
    break_legacy(out)
}

/// A line exactly as [`super::github`] writes an annotation: the command,
/// then `key=value` properties with no raw `:` or `,` in a value, then
/// `::` and the message.
fn is_annotation(l: &str) -> bool {
    let Some(rest) = ["::error ", "::warning ", "::notice "]
        .iter()
        .find_map(|p| l.strip_prefix(p))
    else {
        return false;
    };
    let Some((properties, _message)) = rest.split_once("::") else {
        return false;
    };
    properties.split(',').all(|p| {
        p.split_once('=').is_some_and(|(key, value)| {
            matches!(key, "file" | "line" | "title") && !value.contains(':')
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::untrusted::command_start;

    const HOSTILE: &str =
        "a\u{1b}[31mb\u{7}c\u{202e}d\u{2066}e\u{200b}f\u{2060}g\u{feff}h\u{2028}i\u{2029}j\rk\nl";

    /// Text a renderer got wrong: the last check must still hold.
    fn forgot<F>(text: &str) -> Safe<F> {
        Safe::escaped(text.to_owned())
    }

    fn no_raw_danger(text: &str) {
        assert!(
            !text
                .chars()
                .any(|c| is_dangerous(c) && c != '\n' && c != '\t'),
            "{text:?}"
        );
    }

    #[test]
    fn every_text_escaper_shows_every_dangerous_character() {
        for escaped in [
            plain(HOSTILE).into_string(),
            markdown(HOSTILE).into_string(),
            markdown_code(HOSTILE).into_string(),
            html(HOSTILE).into_string(),
            workflow_property(HOSTILE).into_string(),
        ] {
            no_raw_danger(&escaped);
            assert!(!escaped.contains('\n'), "{escaped:?}");
            assert!(escaped.contains("202e"), "{escaped:?}");
        }
        for escaped in [
            plain_lines(HOSTILE).into_string(),
            markdown_block(HOSTILE).into_string(),
            html_block(HOSTILE).into_string(),
        ] {
            no_raw_danger(&escaped);
        }
    }

    #[test]
    fn no_line_of_a_text_output_is_a_command() {
        let text = "ok\n::add-mask::FAILED\n \u{3000}::stop-commands::x\n\u{1b}[1m::error::x\nsee ##[error]x\n";
        for out in [
            Output::text(&forgot::<Plain>(text)),
            Output::workflow(&forgot(text)),
            Output(Body::Text(guard(text, Keep::Colours))),
        ] {
            for l in out.as_str().lines() {
                assert!(command_start(l).is_none(), "{l:?}");
                assert!(!l.contains("##["), "{l:?}");
            }
            no_raw_danger(&out.as_str().replace("\x1b[1m", ""));
        }
        // Our colours pass where they may; nothing else does.
        let coloured = "\x1b[31m\x1b[1merror\x1b[0m: \x1b]8;;http://x\x07link\x1b[8m";
        assert_eq!(
            guard(coloured, Keep::Colours),
            "\x1b[31m\x1b[1merror\x1b[0m: \\u{1b}]8;;http://x\\u{7}link\\u{1b}[8m"
        );
        assert_eq!(
            Output::text(&forgot::<Html>("\x1b[31mx")).as_str(),
            "\\u{1b}[31mx"
        );
    }

    #[test]
    fn only_well_formed_annotations_keep_their_colons() {
        let ours = format!(
            "::error file={},line=3,title={}::{}\n",
            workflow_property("a,b:c\n::add-mask::x"),
            workflow_property("license-not-allowed (x@1)"),
            workflow_data(&forgot("m\n- tag: ::add-mask::y 100%"))
        );
        assert_eq!(Output::workflow(&forgot(&ours)).as_str(), ours);
        assert_eq!(ours.lines().count(), 1);
        for forged in [
            "::add-mask::x",
            "::error file=a:b,line=1::x",
            "::set-output name=a::b",
            "::error::x",
        ] {
            assert!(
                Output::workflow(&forgot(forged))
                    .as_str()
                    .starts_with("\\u{3a}"),
                "{forged}"
            );
        }
    }

    #[test]
    fn a_streamed_json_report_is_the_text_byte_for_byte() {
        let v =
            serde_json::json!({ "k\u{202e}": [HOSTILE, "x ##[error] y", "##", "[", "é\u{2066}"] });
        let whole = Output::json(&to_json(&v)).to_bytes();
        assert_eq!(Output::json_stream(&v).to_bytes(), whole);
        // Raw dangerous characters and `##[` cut across writes, one byte at
        // a time, come out as the text's check makes them.
        let raw = "a ##[b \u{202e} ###[ \u{1} é\n";
        let mut out = Vec::new();
        let mut check = JsonCheck::new(&mut out);
        for b in raw.as_bytes() {
            check.write_all(std::slice::from_ref(b)).unwrap();
        }
        check.finish().unwrap();
        assert_eq!(out, Output::json(&Json(raw.to_owned())).to_bytes());
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a ##\\u005bb \\u202e ###\\u005b \\u0001 é\n"
        );
    }

    #[test]
    fn the_stream_check_is_the_character_by_character_one_in_any_chunks() {
        // The check as it reads one character at a time.
        fn reference(text: &str) -> String {
            let mut out = String::new();
            let mut hashes = 0;
            for c in text.chars() {
                if is_dangerous(c) && c != '\n' || c == '[' && hashes == 2 {
                    out.push_str(&format!("\\u{:04x}", c as u32));
                    hashes = 0;
                    continue;
                }
                hashes = if c == '#' { (hashes + 1).min(2) } else { 0 };
                out.push(c);
            }
            out
        }
        let pieces = [
            "a", "#", "[", "##[", " ", "\u{202e}", "é", "\n", "\u{7f}", "\u{1}", "x#", "中",
        ];
        let mut seed = 7u32;
        for _ in 0..200 {
            let mut text = String::new();
            for _ in 0..24 {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                text.push_str(pieces[(seed >> 16) as usize % pieces.len()]);
            }
            for chunk in [1, 2, 3, 5, 64] {
                let mut out = Vec::new();
                let mut check = JsonCheck::new(&mut out);
                for part in text.as_bytes().chunks(chunk) {
                    check.write_all(part).unwrap();
                }
                check.finish().unwrap();
                assert_eq!(
                    String::from_utf8(out).unwrap(),
                    reference(&text),
                    "{text:?} in {chunk}s"
                );
            }
        }
    }

    #[test]
    fn json_strings_escape_the_dangerous_characters() {
        let v = serde_json::json!({ "k\u{202e}": [HOSTILE, "x ##[error] y"] });
        let text = to_json(&v);
        no_raw_danger(&text.replace('\n', ""));
        assert!(
            text.contains("k\\u202e") && text.contains("##\\u005berror]"),
            "{text}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v);
        assert_eq!(*text, Output::json(&text).as_str());
        assert_eq!(
            *to_json(&serde_json::json!({"a": [1, {"b": null}]})),
            serde_json::to_string_pretty(&serde_json::json!({"a": [1, {"b": null}]})).unwrap()
                + "\n"
        );
    }
}
