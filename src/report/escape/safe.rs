//! Text fit to print in one output format, by construction.
//!
//! A [`Safe<F>`] holds text that may be written as it is in format `F`
//! (`Plain`, `Markdown`, `Html`, `Workflow`). It can be made only from
//!
//! - the tool's own words: `&'static str` (literals, the built-in catalog);
//! - numbers;
//! - what the escaper of `F` makes of text from outside
//!   ([`super::plain`], [`super::markdown`], ...);
//! - other `Safe<F>`, joined by [`crate::safe!`], whose format string is a
//!   literal with `{}` placeholders only (no name captured from the scope) and
//!   whose every argument must be a [`Piece<F>`].
//!
//! A `String` is no `Piece`, and `Safe` has no `fmt::Write`: a renderer that
//! `format!`s a file name, a crate's description or a card's text into its
//! report does not compile. [`super::Output`] takes nothing else.
//!
//! ```
//! use cargo_model_audit::report::escape::{Plain, Safe, plain};
//! let name = String::from("evil\n::add-mask::x");
//! let line: Safe<Plain> = cargo_model_audit::safe!("crate {}: {} errors", plain(&name), 2);
//! assert_eq!(line, "crate evil\\n::add-mask::x: 2 errors");
//! ```
//!
//! Text from outside given as it is does not compile: a `String`,
//!
//! ```compile_fail,E0277
//! use cargo_model_audit::report::escape::{Plain, Safe};
//! let name = String::from("evil\n::add-mask::x");
//! let line: Safe<Plain> = cargo_model_audit::safe!("crate {}", name);
//! ```
//!
//! a borrowed `&str` (only the tool's `&'static str` words are pieces),
//!
//! ```compile_fail,E0521
//! use cargo_model_audit::report::escape::{Plain, Safe};
//! fn shown(name: &str) -> Safe<Plain> {
//!     cargo_model_audit::safe!("crate {}", name)
//! }
//! ```
//!
//! or a name captured by the format string.
//!
//! ```compile_fail,E0080
//! use cargo_model_audit::report::escape::{Plain, Safe};
//! let name = String::from("evil\n::add-mask::x");
//! let line: Safe<Plain> = cargo_model_audit::safe!("crate {name}");
//! ```
//!
//! Nor can a piece go missing or a template be text from outside,
//!
//! ```compile_fail,E0080
//! use cargo_model_audit::report::escape::{Plain, Safe, plain};
//! let line: Safe<Plain> = cargo_model_audit::safe!("{} and {}", plain("a"));
//! ```
//!
//! ```compile_fail,E0597
//! use cargo_model_audit::report::escape::{Plain, Safe};
//! let template = String::from("{}\n::add-mask::x");
//! let line: Safe<Plain> = Safe::format(&template, &[]);
//! ```
//!
//! nor a `Safe` of one format go into another's text,
//!
//! ```compile_fail,E0277
//! use cargo_model_audit::report::escape::{Markdown, Safe, plain};
//! let cell: Safe<Markdown> = cargo_model_audit::safe!("| {} |", plain("a|b"));
//! ```
//!
//! and an output takes no `String`.
//!
//! ```compile_fail,E0308
//! use cargo_model_audit::report::escape::Output;
//! let report = String::from("evil\n::add-mask::x");
//! let out = Output::text(&report);
//! ```

use std::fmt::{self, Display};
use std::marker::PhantomData;

/// An output format's text rules: which escaper makes outside text fit.
pub trait Format {}

/// One line of plain text (human, TSV, `list`, `explain`, the notices'
/// text format, stderr): [`super::plain`], [`super::plain_lines`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plain {}
/// Markdown: [`super::markdown`], [`super::markdown_code`],
/// [`super::markdown_block`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markdown {}
/// HTML: [`super::html`], [`super::html_block`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Html {}
/// GitHub workflow commands: [`super::workflow_data`],
/// [`super::workflow_property`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Workflow {}

impl Format for Plain {}
impl Format for Markdown {}
impl Format for Html {}
impl Format for Workflow {}

/// The formats [`super::Output::text`] writes (not workflow commands,
/// whose lines the runner obeys).
pub trait TextFormat: Format {}
impl TextFormat for Plain {}
impl TextFormat for Markdown {}
impl TextFormat for Html {}

/// Text fit to print in format `F` (see the module).
pub struct Safe<F> {
    text: String,
    format: PhantomData<F>,
}

impl<F> Safe<F> {
    /// Text an escaper of `F` made; only `escape` may say so.
    pub(in crate::report::escape) fn escaped(text: String) -> Safe<F> {
        Safe {
            text,
            format: PhantomData,
        }
    }

    pub fn new() -> Safe<F> {
        Safe::escaped(String::new())
    }

    /// `template` with its `{}` placeholders filled by `pieces` in order
    /// (what `safe!` expands to; it checks the template when it compiles).
    /// The template is the tool's own words; a placeholder it does not know
    /// is written as it is, and a missing piece as nothing.
    pub fn format(template: &'static str, pieces: &[&dyn Piece<F>]) -> Safe<F> {
        use fmt::Write as _;
        let mut out = String::with_capacity(template.len() + 16 * pieces.len());
        let mut pieces = pieces.iter();
        let mut rest = template;
        while let Some(i) = rest.find(['{', '}']) {
            out.push_str(&rest[..i]);
            rest = &rest[i..];
            if rest.starts_with("{{") || rest.starts_with("}}") {
                out.push_str(&rest[..1]);
                rest = &rest[2..];
                continue;
            }
            let inside = rest
                .strip_prefix('{')
                .and_then(|r| r.find('}').map(|end| &r[..end]));
            let Some((inside, spec)) = inside.and_then(|i| Some((i, Spec::parse(i)?))) else {
                out.push_str(&rest[..1]);
                rest = &rest[1..];
                continue;
            };
            rest = &rest[inside.len() + 2..];
            let Some(piece) = pieces.next() else {
                continue;
            };
            let a = Arg(*piece, PhantomData);
            // Writing to a `String` does not fail.
            let _ = match (spec.align, spec.width) {
                (_, None) => write!(out, "{a}"),
                (Some('<'), Some(w)) => write!(out, "{a:<w$}"),
                (Some('^'), Some(w)) => write!(out, "{a:^w$}"),
                (Some(_), Some(w)) => write!(out, "{a:>w$}"),
                (None, Some(w)) => write!(out, "{a:w$}"),
            };
        }
        out.push_str(rest);
        Safe::escaped(out)
    }

    /// Appends a piece: `out.push(safe!("{}: {}\n", name, n))`.
    pub fn push(&mut self, piece: impl Piece<F>) {
        use fmt::Write as _;
        // Writing to a `String` does not fail.
        let _ = write!(self.text, "{}", Arg(&piece, PhantomData));
    }

    /// The pieces, with `sep` between them.
    pub fn join<P: Piece<F>>(pieces: impl IntoIterator<Item = P>, sep: &'static str) -> Safe<F> {
        let mut out = Safe::new();
        for (i, p) in pieces.into_iter().enumerate() {
            if i > 0 {
                out.push(sep);
            }
            out.push(p);
        }
        out
    }

    /// `word` `n` times (a rule under a heading).
    pub fn repeat(word: &'static str, n: usize) -> Safe<F> {
        Safe::escaped(word.repeat(n))
    }

    /// Padded with spaces to `width` characters, as `{:<width$}` pads.
    pub fn pad_to(&self, width: usize) -> Safe<F> {
        Safe::escaped(format!("{:<width$}", self.text))
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn into_string(self) -> String {
        self.text
    }
}

impl<F> Default for Safe<F> {
    fn default() -> Self {
        Safe::new()
    }
}

impl<F> Clone for Safe<F> {
    fn clone(&self) -> Self {
        Safe::escaped(self.text.clone())
    }
}

impl<F> fmt::Debug for Safe<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.text, f)
    }
}

/// Reading a `Safe` is free; only making one is guarded.
impl<F> Display for Safe<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.text)
    }
}

impl<F> std::ops::Deref for Safe<F> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl<F> PartialEq for Safe<F> {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl<F> Eq for Safe<F> {}

impl<F> PartialEq<str> for Safe<F> {
    fn eq(&self, other: &str) -> bool {
        self.text == other
    }
}

impl<F> PartialEq<String> for Safe<F> {
    fn eq(&self, other: &String) -> bool {
        self.text == *other
    }
}

impl<F> PartialEq<&str> for Safe<F> {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

/// What may go into a `Safe<F>` as it is: the tool's words, numbers and
/// `Safe<F>` itself. Never a `String` or a borrowed `&str` from outside.
pub trait Piece<F> {
    /// Writes the piece, honouring the placeholder's width and alignment.
    fn write_piece(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
}

impl<F> Piece<F> for Safe<F> {
    fn write_piece(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.text)
    }
}

impl<F> Piece<F> for &Safe<F> {
    fn write_piece(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.text)
    }
}

/// The tool's own words: a literal, or the built-in catalog's text.
impl<F> Piece<F> for &'static str {
    fn write_piece(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self)
    }
}

macro_rules! numbers {
    ($($t:ty),*) => {$(
        impl<F> Piece<F> for $t {
            fn write_piece(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                Display::fmt(self, f)
            }
        }
    )*};
}
numbers!(u8, u16, u32, u64, usize, i32, i64);

/// The tool's own vocabulary, written by its `as_str`.
macro_rules! words {
    ($($t:ty),*) => {$(
        impl<F> Piece<F> for $t {
            fn write_piece(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(self.as_str())
            }
        }
    )*};
}
words!(
    crate::domain::Code,
    crate::domain::ReferenceKind,
    crate::domain::EvidenceSource,
    crate::domain::Severity
);

/// A plain piece in this tool's colours (`console`'s SGR sequences, only
/// when colours are on): see [`styled`].
pub struct Styled<'s, P> {
    style: &'s console::Style,
    piece: P,
}

/// `piece` in `style`; a placeholder's width pads the text inside the
/// colours, as `console` does.
pub fn styled<P: Piece<Plain>>(style: &console::Style, piece: P) -> Styled<'_, P> {
    Styled { style, piece }
}

impl<P: Piece<Plain>> Piece<Plain> for Styled<'_, P> {
    fn write_piece(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Display::fmt(&self.style.apply_to(Arg(&self.piece, PhantomData)), f)
    }
}

/// A piece as `Display`, so that `write!` pads it.
struct Arg<'a, F, P: ?Sized>(&'a P, PhantomData<F>);

impl<F, P: Piece<F> + ?Sized> Display for Arg<'_, F, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write_piece(f)
    }
}

/// An argument of `safe!`, tied to the format of the text it goes in.
#[doc(hidden)]
pub fn piece<F, P: Piece<F>>(piece: &P) -> &dyn Piece<F> {
    piece
}

/// A placeholder's alignment and width: `{}`, `{:>12}`, `{:<3}`.
#[derive(Clone, Copy)]
struct Spec {
    align: Option<char>,
    width: Option<usize>,
}

impl Spec {
    /// The inside of the braces.
    fn parse(inside: &str) -> Option<Spec> {
        let Some(spec) = inside.strip_prefix(':') else {
            return inside.is_empty().then_some(Spec {
                align: None,
                width: None,
            });
        };
        let align = spec.chars().next().filter(|c| "<>^".contains(*c));
        let digits = &spec[align.map_or(0, char::len_utf8)..];
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(Spec {
            align,
            width: digits.parse().ok(),
        })
    }
}

/// How many placeholders a `safe!` format string holds, if it holds only
/// `{}` placeholders, with at most an alignment and a width in digits
/// (`{:>12}`): no argument named from the scope (`{name}`, `{:w$}`), no
/// `Debug` or other trait.
#[doc(hidden)]
pub const fn placeholders(format: &str) -> Option<usize> {
    let b = format.as_bytes();
    let mut i = 0;
    let mut n = 0;
    while i < b.len() {
        if b[i] == b'}' {
            if i + 1 < b.len() && b[i + 1] == b'}' {
                i += 2;
                continue;
            }
            return None;
        }
        if b[i] != b'{' {
            i += 1;
            continue;
        }
        if i + 1 < b.len() && b[i + 1] == b'{' {
            i += 2;
            continue;
        }
        i += 1;
        if i < b.len() && b[i] == b':' {
            i += 1;
            if i < b.len() && (b[i] == b'<' || b[i] == b'>' || b[i] == b'^') {
                i += 1;
            }
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
        }
        if i >= b.len() || b[i] != b'}' {
            return None;
        }
        i += 1;
        n += 1;
    }
    Some(n)
}

/// Whether a `safe!` call is well made: plain placeholders, one per piece.
#[doc(hidden)]
pub const fn well_made(format: &str, pieces: usize) -> bool {
    matches!(placeholders(format), Some(n) if n == pieces)
}

/// Text fit to print in one format, from a literal format string and
/// pieces of that format (see [`crate::report::escape::safe`]):
///
/// ```
/// use cargo_model_audit::report::escape::{Plain, Safe, plain};
/// let mut out: Safe<Plain> = Safe::new();
/// out.push(cargo_model_audit::safe!("{:<6}|{}\n", plain("a\tb"), 3));
/// assert_eq!(out, "a\\tb  |3\n");
/// ```
#[macro_export]
macro_rules! safe {
    ($format:literal $(, $arg:expr)* $(,)?) => {{
        const _: () = assert!(
            $crate::report::escape::safe::well_made(
                $format,
                <[&str]>::len(&[$(stringify!($arg)),*]),
            ),
            "safe!: one piece per `{{}}` placeholder (with at most an alignment and a width), and no names"
        );
        $crate::report::escape::Safe::format(
            $format,
            &[$($crate::report::escape::safe::piece(&$arg)),*],
        )
    }};
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::escape::plain;

    #[test]
    fn pieces_join_as_format_would() {
        let name = plain("a\nb");
        let s: Safe<Plain> = safe!("{}: {} [{:>4}] {{x}} {:<3}|", name, 42usize, "id", &name);
        assert_eq!(s, "a\\nb: 42 [  id] {x} a\\nb|");
        let mut out: Safe<Plain> = Safe::new();
        out.push("x=");
        out.push(Safe::join([plain("1"), plain("2")], ", "));
        assert_eq!(out, "x=1, 2");
        assert_eq!(plain("ab").pad_to(4), "ab  ");
        assert_eq!(Safe::<Plain>::repeat("=", 3), "===");
    }

    #[test]
    fn a_template_is_filled_in_order_and_never_fails() {
        let p = |x: &'static str| -> Safe<Plain> { safe!("{}", x) };
        let (a, b) = (p("a"), p("b"));
        let s: Safe<Plain> = safe!("[{:^5}|{:5}|{:>3}]", a, 7u32, &b);
        assert_eq!(s, "[  a  |    7|  b]");
        // Called directly, a template with a placeholder it does not know
        // or too few pieces still gives text, never a panic.
        let s: Safe<Plain> = Safe::format("{x} {} {} {:?}", &[&a]);
        assert_eq!(s, "{x} a  {:?}");
    }

    #[test]
    fn a_colour_pads_inside_its_sequences() {
        let style = console::Style::new().green().force_styling(true);
        let s: Safe<Plain> = safe!("{:>4}|", styled(&style, "ok"));
        assert_eq!(s, "\u{1b}[32m  ok\u{1b}[0m|");
    }

    #[test]
    fn only_plain_placeholders_pass() {
        for (ok, n) in [
            ("", 0),
            ("a {} b", 1),
            ("{:>12} {}", 2),
            ("{:<3}{{}}", 1),
            ("}}{{", 0),
        ] {
            assert_eq!(placeholders(ok), Some(n), "{ok}");
        }
        for bad in ["{name}", "{0}", "{:?}", "{:w$}", "{:x}", "{", "}", "{:>12"] {
            assert_eq!(placeholders(bad), None, "{bad}");
        }
        assert!(well_made("{} {}", 2) && !well_made("{} {}", 1));
    }
}
