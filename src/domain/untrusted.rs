//! Text from outside (the project's files and file names, crate metadata,
//! cards, Hub answers, config values) is written by whoever opened the pull
//! request. This module says which characters of it are dangerous to print or
//! write, once, and makes plain text of it: every stage that shows or writes
//! such text (the reports in `report::escape`, a generated config, stderr)
//! builds on it.
//!
//! Dangerous: control characters (ESC, BEL, CR, LF, ...), the Unicode controls
//! that reorder text (bidi embeddings, overrides and isolates) or hide it
//! (zero-width characters, the BOM), and the line and paragraph separators.
//! Each is made visible (`\u{202e}`, `\n`), never dropped, so a reviewer sees
//! that it was there.
//!
//! A CI log obeys two more things, whatever the format: a line that begins
//! with `::` after white space is a GitHub workflow command (`::add-mask::`,
//! `::stop-commands::`), and so is any line holding `##[` (the runner's
//! older syntax, matched anywhere). Text from outside never makes either.

/// The one table of characters never printed raw.
pub fn is_dangerous(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// A dangerous character as text a person can read.
pub fn visible(c: char, out: &mut String) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
    }
}

/// The runner's older command syntax, matched anywhere in a line.
pub const LEGACY_COMMAND: &str = "##[";

/// `##[` broken so the runner does not read it; the text still shows it.
pub fn break_legacy(text: String) -> String {
    if text.contains(LEGACY_COMMAND) {
        text.replace(LEGACY_COMMAND, "##\\u{5b}")
    } else {
        text
    }
}

/// One line of plain text (human and TSV fields, the notices' text format,
/// stderr): every dangerous character visible, newlines and tabs too.
pub fn line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_dangerous(c) {
            visible(c, &mut out);
        } else {
            out.push(c);
        }
    }
    break_legacy(out)
}

/// A block of plain text that keeps its lines (a license text, a NOTICE
/// file, cargo's message): newlines and tabs stay, CRLF becomes LF, every
/// other dangerous character is visible, and no line can be read as a
/// workflow command.
pub fn lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, l) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let l = l.strip_suffix('\r').unwrap_or(l);
        let mut escaped = String::with_capacity(l.len());
        for c in l.chars() {
            if is_dangerous(c) && c != '\t' {
                visible(c, &mut escaped);
            } else {
                escaped.push(c);
            }
        }
        out.push_str(&no_command_start(&escaped));
    }
    break_legacy(out)
}

/// A line whose start (after white space) is `::`, with that first `:`
/// written `\u{3a}`; any other line as it is.
pub fn no_command_start(l: &str) -> std::borrow::Cow<'_, str> {
    let at = command_start(l);
    match at {
        Some(i) => format!("{}\\u{{3a}}{}", &l[..i], &l[i + 1..]).into(),
        None => l.into(),
    }
}

/// Where a line's `::` starts when the runner would read the line as a
/// command: after leading white space (the runner trims it) and, to be
/// safe, after colour sequences.
pub fn command_start(l: &str) -> Option<usize> {
    let mut rest = l;
    loop {
        let trimmed = rest.trim_start();
        match trimmed.strip_prefix('\x1b') {
            Some(after) => match sgr_len(trimmed) {
                Some(n) => rest = &trimmed[n..],
                None => return after.starts_with("::").then(|| l.len() - after.len()),
            },
            None => {
                return trimmed.starts_with("::").then(|| l.len() - trimmed.len());
            }
        }
    }
}

/// The length of a colour sequence (`ESC [ n;n m` with the codes `console`
/// uses) at the start of `text`, if there is one.
pub fn sgr_len(text: &str) -> Option<usize> {
    let codes = text
        .strip_prefix("\x1b[")
        .and_then(|r| r.find('m').map(|end| &r[..end]))
        .filter(|codes| {
            codes.len() <= 16
                && codes.split(';').all(|n| {
                    matches!(
                        n.parse::<u8>(),
                        Ok(0 | 1 | 2 | 4 | 22 | 24 | 31..=37 | 39 | 90..=97)
                    )
                })
        })?;
    Some(2 + codes.len() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_shows_every_dangerous_character() {
        let hostile = "a\u{1b}[31mb\u{7}c\u{202e}d\u{2066}e\u{200b}f\u{2060}g\u{feff}h\u{2028}i\u{2029}j\rk\nl";
        let one = line(hostile);
        assert!(!one.chars().any(is_dangerous), "{one:?}");
        let block = lines(hostile);
        assert!(
            !block.chars().any(|c| is_dangerous(c) && c != '\n'),
            "{block:?}"
        );
        assert_eq!(line("a\tb\nc\u{202e}"), "a\\tb\\nc\\u{202e}");
        assert_eq!(
            lines("x\r\n  ::add-mask::y\n##[error]z"),
            "x\n  \\u{3a}:add-mask::y\n##\\u{5b}error]z"
        );
        assert_eq!(command_start("\u{3000} ::x"), Some(4));
        assert_eq!(command_start("\x1b[1m::x"), Some(4));
        assert_eq!(command_start("a ::x"), None);
    }
}
