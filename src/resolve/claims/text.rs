//! Text handling for claims: sentences of a card (with their lines), the
//! markdown around them removed, and words split into tokens that keep
//! punctuation, because punctuation marks where a subject ends.

/// Sentences of a text, each with the 1-based line it starts on. A blank
/// line, a list item, a heading or a table row ends a sentence; each cell
/// of a table row is a sentence of its own. Inside braces (a BibTeX field,
/// `title={How far? Closing the gap …}`) a question or an exclamation ends
/// no sentence; a full stop still does, so an abstract keeps its sentences.
pub fn sentences(text: &str, first_line: u32) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    let mut line = first_line;
    let mut current = String::new();
    let mut start = line;
    let mut braces = 0usize;
    // Where the line being read starts in `current`.
    let mut line_from = 0usize;
    let flush = |current: &mut String, start: u32, out: &mut Vec<(u32, String)>| {
        let t = current.trim();
        if t.starts_with('|') || t.ends_with('|') {
            for cell in t.split('|') {
                let cell = cell.trim();
                if !cell.is_empty() {
                    out.push((start, cell.to_owned()));
                }
            }
        } else if !t.is_empty() {
            out.push((start, t.to_owned()));
        }
        current.clear();
    };
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            let next = chars[i + 1..]
                .iter()
                .take_while(|c| **c == ' ' || **c == '\t')
                .count();
            let following = chars.get(i + 1 + next).copied().unwrap_or('\n');
            let heading = current.trim_start().starts_with(['#', '|'])
                || own_line(&current[line_from..], following);
            if heading || matches!(following, '\n' | '\r' | '-' | '*' | '#' | '|' | '>' | '<') {
                flush(&mut current, start, &mut out);
                braces = 0;
                start = line;
            } else {
                current.push(' ');
            }
            line_from = current.len();
        } else if c != '\r' {
            if current.trim().is_empty() {
                start = line;
            }
            current.push(c);
            match c {
                // At most a few levels: a stray brace must not join a card.
                '{' if braces < 4 => braces += 1,
                '}' => braces = braces.saturating_sub(1),
                _ => {}
            }
            if (c == '.' || braces == 0 && matches!(c, '!' | '?'))
                && chars.get(i + 1).is_none_or(|n| n.is_whitespace())
            {
                flush(&mut current, start, &mut out);
                line_from = 0;
            }
        }
        i += 1;
    }
    flush(&mut current, start, &mut out);
    out
}

/// Whether a line stands alone though no blank line follows it: a bar of
/// links ("Models | Datasets | Github"), or a few words without a
/// sentence's end before a line that starts anew with a capital ("Mission
/// statement" over "Quokka is …"), as pages copied line by line are.
fn own_line(line: &str, following: char) -> bool {
    let line = line.trim();
    if line.contains(" | ") {
        return true;
    }
    following.is_uppercase()
        && !line.is_empty()
        && line.split_whitespace().count() <= 3
        && !line.ends_with(['.', ',', ':', ';', '!', '?', '(', '-'])
}

/// A card's body with its HTML headings written as markdown ones
/// ("<h1 align=center>Quokka</h1>" as "# Quokka", `<h2>` as "## "), line
/// for line, as READMEs title themselves: every reader of a card's
/// headings (its title, its sections, a heading's label) reads both.
pub fn html_headings(body: &str) -> std::borrow::Cow<'_, str> {
    fn level(l: &str) -> Option<(&'static str, &str)> {
        let l = l.trim_start();
        let head = l.get(..3)?.to_ascii_lowercase();
        let level = match head.as_str() {
            "<h1" => "# ",
            "<h2" => "## ",
            _ => return None,
        };
        Some((level, &l[l.find('>')? + 1..]))
    }
    if !body.lines().any(|l| level(l).is_some()) {
        return std::borrow::Cow::Borrowed(body);
    }
    let mut out = String::with_capacity(body.len());
    for line in body.lines() {
        match level(line) {
            Some((level, text)) => {
                out.push_str(level);
                out.push_str(text);
            }
            None => out.push_str(line),
        }
        out.push('\n');
    }
    std::borrow::Cow::Owned(out)
}

/// A text's letters and digits, lowercased ("Acme-AI" → "acmeai"): how
/// names and labels are compared whatever their spelling.
pub fn squashed(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A sentence without markdown: link targets, bare URLs, e-mail addresses
/// and HTML tags are dropped (an "opensource" in a URL or an address
/// labels nothing), link texts stay.
pub fn plain(sentence: &str) -> String {
    let mut out = String::with_capacity(sentence.len());
    let mut rest = sentence;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("](") {
            let end = r.find(')').map(|e| e + 1).unwrap_or(r.len());
            rest = &r[end..];
            out.push(' ');
            continue;
        }
        if rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with("www.") {
            let end = rest
                .find(|c: char| c.is_whitespace() || matches!(c, ')' | ']' | '>' | '"'))
                .unwrap_or(rest.len());
            rest = &rest[end..];
            out.push(' ');
            continue;
        }
        if rest.starts_with('<')
            && let Some(end) = rest.find('>')
            && rest[1..end]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!')
        {
            rest = &rest[end + 1..];
            out.push(' ');
            continue;
        }
        // "write to acme.opensource@example.com": the whole address goes.
        if let Some(len) = email_at(rest) {
            while out.ends_with(|c: char| is_address_char(c)) {
                out.pop();
            }
            rest = &rest[len..];
            out.push(' ');
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn is_address_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '+')
}

/// At an `@` between an address's local part and its domain, the length of
/// the `@` and the domain.
fn email_at(rest: &str) -> Option<usize> {
    let domain = rest.strip_prefix('@')?;
    let len = domain
        .find(|c: char| !is_address_char(c))
        .unwrap_or(domain.len());
    let d = domain[..len].trim_end_matches('.');
    (d.contains('.') && d.starts_with(|c: char| c.is_ascii_alphanumeric())).then_some(1 + d.len())
}

/// One word (lowercased, letters and digits only) or one mark.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// The lowercased word, or the mark itself (`,`, `:`, `(`, …).
    pub w: String,
    /// A word (not a mark).
    pub word: bool,
    /// Written as it stands, for quoting subjects.
    pub raw: String,
    /// Attached to the previous word by `-`, `_`, `.` or `/` ("open-source",
    /// "end-to-end", "SD_Model").
    pub joined: bool,
}

/// Marks that end a subject or a noun phrase.
pub fn is_boundary(t: &Token) -> bool {
    !t.word
        && matches!(
            t.w.as_str(),
            "." | ";" | ":" | "!" | "?" | "(" | ")" | "{" | "}" | "=" | "\"" | "[" | "]"
        )
}

/// Splits plain text into words and marks.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut word = String::new();
    let mut raw = String::new();
    let mut joined = false;
    let mut pending_join = false;
    let chars: Vec<char> = text.chars().collect();
    let mut apostrophe = false;
    let push_word = |out: &mut Vec<Token>,
                     word: &mut String,
                     raw: &mut String,
                     joined: bool,
                     apostrophe: bool| {
        if !word.is_empty() {
            let lower = word.to_lowercase();
            // The older spellings of a few function words read as the
            // usual ones ("amongst open-source models").
            let w = match lower.as_str() {
                "amongst" => "among".to_owned(),
                "whilst" => "while".to_owned(),
                // "isn't", "don’t": the contraction's "t" is a "not".
                "t" if joined && apostrophe => "not".to_owned(),
                _ => lower,
            };
            out.push(Token {
                w,
                word: true,
                raw: std::mem::take(raw),
                joined,
            });
            word.clear();
        }
    };
    for (i, &c) in chars.iter().enumerate() {
        if c.is_alphanumeric() {
            if word.is_empty() {
                joined = pending_join;
                pending_join = false;
            }
            word.push(c);
            raw.push(c);
            continue;
        }
        let next_alnum = chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        let had_word = !word.is_empty();
        push_word(&mut out, &mut word, &mut raw, joined, apostrophe);
        apostrophe = false;
        match c {
            '-' | '_' | '/' | '\'' | '\u{2019}' | '\u{2010}' | '\u{2011}' | '\u{2013}'
                if had_word && next_alnum =>
            {
                pending_join = true;
                apostrophe = matches!(c, '\'' | '\u{2019}');
            }
            '.' if had_word && next_alnum => pending_join = true,
            ',' | '.' | ';' | ':' | '!' | '?' | '(' | ')' | '{' | '}' | '=' | '"' | '[' | ']'
            | '#' | '&' | '\u{201c}' | '\u{201d}' => {
                let mark = match c {
                    '\u{201c}' | '\u{201d}' => '"',
                    m => m,
                };
                pending_join = false;
                out.push(Token {
                    w: mark.to_string(),
                    word: false,
                    raw: mark.to_string(),
                    joined: false,
                });
            }
            _ => pending_join = false,
        }
    }
    push_word(&mut out, &mut word, &mut raw, joined, apostrophe);
    out
}

/// A quote of at most 300 characters that keeps the words around `at` (a
/// character offset of the phrase in `sentence`).
pub fn quote(sentence: &str, phrase: &str) -> String {
    let s = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= 300 {
        return s;
    }
    let lower = s.to_lowercase();
    let first = phrase.split_whitespace().next().unwrap_or("open");
    let at = lower
        .find(&first.to_lowercase())
        .map(|b| lower[..b].chars().count())
        .unwrap_or(0);
    let start = at.saturating_sub(150);
    let end = (start + 300).min(chars.len());
    let mut q: String = chars[start..end].iter().collect();
    if start > 0 {
        q = format!("…{q}");
    }
    if end < chars.len() {
        q.push('…');
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_keep_lines_and_split_table_cells() {
        let s = sentences(
            "# Title\nFirst sentence. Second\nsentence here.\n\n- item one\n| OpenSource | yes |\n",
            10,
        );
        assert_eq!(s[0], (10, "# Title".to_owned()));
        assert_eq!(s[1], (11, "First sentence.".to_owned()));
        assert_eq!(s[2], (11, "Second sentence here.".to_owned()));
        assert_eq!(s[3], (14, "- item one".to_owned()));
        assert_eq!(s[4], (15, "OpenSource".to_owned()));
        assert_eq!(s[5], (15, "yes".to_owned()));
    }

    #[test]
    fn an_html_line_starts_a_sentence() {
        let s = sentences("<span>Acme 3.6</span>\n<br> The best open model\n", 1);
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(s[1], (2, "<br> The best open model".to_owned()));
    }

    #[test]
    fn a_bar_of_links_or_a_few_words_over_a_new_start_stand_alone() {
        let s = sentences(
            "Models | Datasets | Github\nQuokka is open source.\nMission statement\nQuokka serves all.\n",
            1,
        );
        let texts: Vec<&str> = s.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Models | Datasets | Github",
                "Quokka is open source.",
                "Mission statement",
                "Quokka serves all."
            ]
        );
        // A wrapped sentence stays one: a long line, or a short one that
        // runs on in lower case.
        let s = sentences(
            "Quokka is a model trained on many\nLanguages and tasks.\nOur\nmodel is open.\n",
            1,
        );
        assert_eq!(s.len(), 2, "{s:?}");
    }

    #[test]
    fn links_and_urls_are_dropped_but_link_texts_stay() {
        let p = plain(
            "See [the MIT license](https://opensource.org/licenses/MIT) at https://github.com/yitu-opensource/x <b>now</b>",
        );
        assert!(!p.contains("opensource"), "{p}");
        assert!(p.contains("the MIT license"), "{p}");
        assert!(p.contains("now"), "{p}");
    }

    #[test]
    fn e_mail_addresses_are_dropped() {
        let p = plain("Apply by mail to quokka.opensource@example.org, or see above.");
        assert!(!p.contains("opensource"), "{p}");
        assert!(
            p.contains("Apply by mail to") && p.contains(", or see above."),
            "{p}"
        );
        assert!(plain("@acme on X").contains("@acme"));
    }

    #[test]
    fn a_question_mark_in_a_bibtex_title_ends_no_sentence() {
        let s = sentences(
            "@article{x,\n  title={Why Wombats? An Open-Source Burrowing Model},\n  year={2024}\n}\n",
            1,
        );
        assert!(
            s.iter()
                .any(|(l, t)| *l == 1 && t.contains("Why Wombats? An Open-Source Burrowing")),
            "{s:?}"
        );
        let s = sentences("Is it small? Yes. {Odd? No. Next one. Here.", 1);
        assert!(s.iter().any(|(_, t)| t == "{Odd? No."), "{s:?}");
        assert!(s.iter().any(|(_, t)| t == "Next one."), "{s:?}");
    }

    #[test]
    fn tokens_keep_joins_and_marks() {
        let t = tokens("GPT-NeoX-20B: an open-source model, isn't it");
        let words: Vec<&str> = t.iter().map(|t| t.w.as_str()).collect();
        assert_eq!(
            words,
            [
                "gpt", "neox", "20b", ":", "an", "open", "source", "model", ",", "isn", "not", "it"
            ]
        );
        assert!(t[6].joined && !t[5].joined);
        // Only a contraction's "t" is a "not": "T-Systems" is a name.
        let t = tokens("T-Systems open-sourced it, don\u{2019}t they");
        let words: Vec<&str> = t.iter().map(|t| t.w.as_str()).collect();
        assert_eq!(
            words,
            [
                "t", "systems", "open", "sourced", "it", ",", "don", "not", "they"
            ]
        );
    }
}
