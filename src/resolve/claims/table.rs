//! Tables that mark the model open: a column headed by a label
//! ("Open-Source", "Open Weights") with a tick in the model's own row, or
//! the label as the value of an attribute in the model's own row or
//! column, as model cards compare themselves with others. The header alone
//! says nothing about the model; the tick or the value in its row does.

use super::names::Names;
use super::text::{plain, squashed, tokens};
use crate::domain::Label;

/// At most this many table lines are read in a card, and this many cells
/// in a row: a card is untrusted input.
const MAX_LINES: usize = 4096;
const MAX_CELLS: usize = 64;
/// A cell that names the model is short: a name, a size, "(ours)".
const MAX_NAME_TOKENS: usize = 12;
/// The model's name stands in a row's first cells, and a table has few
/// labelled columns: at most this many of each are read.
const NAME_CELLS: usize = 2;
const LABEL_COLUMNS: usize = 4;

/// One ticked cell in a labelled column, in the model's own row.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// The card line of the column's header.
    pub line: u32,
    /// The header as written ("Open-Source").
    pub header: String,
    /// The row's name cell as written ("CosyVoice2").
    pub row: String,
    /// The tick as written ("✅").
    pub tick: String,
    pub label: Label,
}

/// The label a header cell is, when it is one and nothing more.
fn header_label(cell: &str) -> Option<Label> {
    match squashed(&plain(cell)).as_str() {
        "opensource" | "opensourced" => Some(Label::OpenSource),
        "openweights" | "openweight" => Some(Label::OpenWeights),
        _ => None,
    }
}

/// Nouns for what a section of models lists ("Open-Source Models",
/// "Open-source List").
const SECTION_NOUNS: &[&str] = &[
    "models",
    "model",
    "llms",
    "mllms",
    "vlms",
    "lmms",
    "list",
    "checkpoints",
    "weights",
    "releases",
];

/// Words that open what qualifies a section's models ("Open-sourced
/// Models based on Mistral-7B", "Open-Source Models of 7B").
const SECTION_QUALIFIERS: &[&str] = &["based", "built", "of", "for", "from", "with", "in", "at"];

/// The label a title opening a section is (a table row with only its first
/// cell, a heading, a bold line): the label alone, or with the kind of
/// thing the section lists ("**Open-Source Models**", "## 🗒️ Open-source
/// List", "Open-sourced Models based on Mistral-7B"). Emoji and `:code:`
/// shortcodes around it are decoration.
pub fn section_label(cell: &str) -> Option<Label> {
    let text = plain(cell);
    let mut words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '#' | '|' | '`'))
        .filter(|w| !w.is_empty())
        // ":spiral_notepad:" (its `_` already split it) and emoji.
        .filter(|w| !(w.starts_with(':') || w.ends_with(':') && !w.ends_with("::")))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    if words.len() > 12 {
        return None;
    }
    // What qualifies the models ends the title's label part.
    if let Some(q) = words
        .iter()
        .skip(1)
        .position(|w| SECTION_QUALIFIERS.contains(&w.to_lowercase().as_str()))
    {
        words.truncate(q + 1);
    }
    let s = squashed(&words.join(" "));
    let bare = SECTION_NOUNS
        .iter()
        .find_map(|noun| s.strip_suffix(noun))
        .unwrap_or(&s);
    header_label(bare)
}

/// Whether a cell says yes: a tick or "yes", alone or as a link's text.
fn ticked(cell: &str) -> bool {
    let text = plain(cell);
    let text = text.trim().trim_matches(['*', '`', ' ', '[', ']']);
    matches!(
        text.trim_end_matches(['\u{fe0f}', '\u{fe0e}']),
        "✅" | "✔" | "✓" | "☑" | "√" | "yes" | "Yes" | "YES" | "Y" | "🟢"
    )
}

/// Whether a cell names the card's model ("CosyVoice2", "Acme-7B (Ours)").
fn names_model(cell: &str, names: &Names) -> bool {
    name_words(cell, names) > 0
}

/// How many words of the model's name a cell gives (0 for none): of two
/// rows that name it, the one that gives more is the model
/// ("DeepSeek-Coder-V2-Lite-Instruct" over the family's older
/// "DeepSeek-Coder-Instruct").
fn name_words(cell: &str, names: &Names) -> usize {
    let t = tokens(&plain(cell));
    if t.len() > MAX_NAME_TOKENS {
        return 0;
    }
    (0..t.len())
        .filter_map(|i| names.name_at(&t, i))
        .max()
        .unwrap_or(0)
}

/// The cells of a markdown table row, without the outer pipes, at most
/// [`MAX_CELLS`].
fn cells(line: &str) -> Vec<&str> {
    let inner = line.trim();
    let inner = inner.strip_prefix('|').unwrap_or(inner);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').take(MAX_CELLS).map(str::trim).collect()
}

fn separator(line: &str) -> bool {
    let l = line.trim();
    l.contains('-') && l.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// The ticks a card's markdown tables give its own model under a labelled
/// column. `first_line` is the card line of the body's first line.
pub fn table_marks(body: &str, first_line: u32, names: &Names) -> Vec<Mark> {
    let lines: Vec<&str> = body.lines().take(MAX_LINES).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 2 < lines.len() {
        let table = |l: &str| l.trim_start().starts_with('|');
        if !(table(lines[i]) && separator(lines[i + 1])) {
            i += 1;
            continue;
        }
        let header = cells(lines[i]);
        let columns: Vec<(usize, Label)> = header
            .iter()
            .enumerate()
            .filter_map(|(c, h)| header_label(h).map(|l| (c, l)))
            .take(LABEL_COLUMNS)
            .collect();
        let mut end = i + 2;
        while end < lines.len() && table(lines[end]) {
            end += 1;
        }
        for &(c, label) in &columns {
            // The model's row: a cell before the column names it.
            let own = lines[i + 2..end].iter().map(|l| cells(l)).find_map(|row| {
                let name = row
                    .iter()
                    .take(c.min(NAME_CELLS))
                    .find(|cell| names_model(cell, names))?;
                let tick = row.get(c).filter(|cell| ticked(cell))?;
                Some((name.to_string(), tick.to_string()))
            });
            if let Some((row, tick)) = own {
                out.push(Mark {
                    line: first_line + i as u32,
                    header: header[c].to_owned(),
                    row,
                    tick,
                    label,
                });
            }
        }
        out.extend(value_marks(&lines, i, end, first_line, names));
        out.extend(row_marks(&lines, i, end, first_line, names));
        i = end;
    }
    out.extend(html_marks(body, first_line, names));
    out
}

/// The marks of the model's row that holds the label as a cell's value
/// under an attribute's column ("| Acme-7B | Open Source | 7B |" under
/// "| Model | Access | Size |").
fn value_marks(lines: &[&str], at: usize, end: usize, first_line: u32, names: &Names) -> Vec<Mark> {
    let header = cells(lines[at]);
    let mut out = Vec::new();
    for (k, row) in lines[at + 2..end].iter().map(|l| cells(l)).enumerate() {
        let Some(n) = (0..row.len().min(NAME_CELLS)).find(|&n| names_model(row[n], names)) else {
            continue;
        };
        let valued = (n + 1..row.len()).find_map(|c| {
            let label = header_label(row[c])?;
            let key = header.get(c).copied().unwrap_or("");
            (header_label(key).is_none() && attribute_key(key)).then_some((c, key, label))
        });
        if let Some((c, key, label)) = valued {
            out.push(Mark {
                line: first_line + (at + 2 + k) as u32,
                header: key.to_owned(),
                row: row[n].to_owned(),
                tick: row[c].to_owned(),
                label,
            });
        }
    }
    out
}

/// The marks of a table whose rows carry the label: a row headed by it
/// with a tick under the model's column ("| **OpenSource** | ✅ | ❌ |"
/// under "| Test set | Quokka-2B | Other |"), or a row that is the label
/// alone, opening a section of the table whose rows include the model's
/// ("| **Open-Source** | | |" over "| Quokka-7B | 77.3 |").
fn row_marks(lines: &[&str], at: usize, end: usize, first_line: u32, names: &Names) -> Vec<Mark> {
    let header = cells(lines[at]);
    let own_column = header
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, cell)| names_model(cell, names))
        .map(|(c, cell)| (c, (*cell).to_owned()));
    let mut out = Vec::new();
    let mut section: Option<(usize, Label)> = None;
    // The section's mark so far, and how many words of the name its row gave.
    let mut best: Option<(usize, usize)> = None;
    for k in at + 2..end {
        let row = cells(lines[k]);
        let Some(first) = row.first() else {
            continue;
        };
        let rest_empty = row[1..].iter().all(|c| c.is_empty());
        if rest_empty && !first.is_empty() {
            section = section_label(first).map(|l| (k, l));
            best = None;
            continue;
        }
        // The label as the value under the model's column in an
        // attribute's row ("| Accessibility | Proprietary | Open Source |"
        // under "| | Other | Acme |").
        if let Some((c, name)) = &own_column
            && header_label(first).is_none()
            && attribute_key(first)
            && let Some(label) = row.get(*c).and_then(|cell| header_label(cell))
        {
            out.push(Mark {
                line: first_line + k as u32,
                header: (*first).to_owned(),
                row: name.clone(),
                tick: row[*c].to_owned(),
                label,
            });
            continue;
        }
        if let Some(label) = header_label(first) {
            if let Some((c, name)) = &own_column
                && let Some(tick) = row.get(*c).filter(|cell| ticked(cell))
            {
                out.push(Mark {
                    line: first_line + k as u32,
                    header: (*first).to_owned(),
                    row: name.clone(),
                    tick: (*tick).to_owned(),
                    label,
                });
            }
            continue;
        }
        let words = name_words(first, names);
        if let Some((s, label)) = section
            && words > best.map_or(0, |(_, w)| w)
        {
            let mark = Mark {
                line: first_line + s as u32,
                header: cells(lines[s])[0].to_owned(),
                row: (*first).to_owned(),
                tick: "(its section)".to_owned(),
                label,
            };
            match best {
                Some((i, _)) => out[i] = mark,
                None => out.push(mark),
            }
            best = Some((out.len() - 1, words));
        }
    }
    out
}

/// Whether a line is a section's title outside a table: a markdown
/// heading or a line that is bold text alone, and its heading level (a
/// bold line ranks below every heading).
fn title_line(line: &str) -> Option<(usize, &str)> {
    let l = line.trim();
    let hashes = l.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) {
        return Some((hashes, l[hashes..].trim()));
    }
    let bold = ["**", "__"].into_iter().find(|m| l.starts_with(m))?;
    let inner = l[2..].strip_suffix(bold)?;
    (!inner.contains(bold)).then_some((7, inner))
}

/// The card lines that are section titles made of the label ([`section_label`]):
/// they say something of the model only through the section under them.
pub fn section_title_lines(body: &str, first_line: u32) -> std::collections::BTreeSet<u32> {
    let lines: Vec<&str> = body.lines().take(MAX_LINES).collect();
    // A table's row with only its first cell.
    let rows = lines.iter().enumerate().filter_map(|(i, line)| {
        let row = cells(line);
        (line.trim_start().starts_with('|')
            && row.len() > 1
            && row[1..].iter().all(|c| c.is_empty()))
        .then(|| (i, row[0]))
    });
    section_titles(&lines)
        .map(|(i, _, title)| (i, title))
        .chain(rows)
        .filter(|(_, title)| section_label(title).is_some())
        .map(|(i, _)| first_line + i as u32)
        .collect()
}

/// The section titles outside tables and code blocks: each line's index,
/// rank ([`title_line`]) and text.
fn section_titles<'a>(lines: &'a [&'a str]) -> impl Iterator<Item = (usize, usize, &'a str)> + 'a {
    let mut fenced = false;
    lines.iter().enumerate().filter_map(move |(i, line)| {
        let l = line.trim_start();
        if l.starts_with("```") || l.starts_with("~~~") {
            fenced = !fenced;
        }
        if fenced {
            return None;
        }
        title_line(line).map(|(level, title)| (i, level, title))
    })
}

/// The marks of sections outside tables whose title is the label
/// ("## Open-source List", "**Open-Source Models**") and whose lines name
/// the model: an item or a line that opens with its name. A section ends at
/// the next title of its rank or above; at most 64 of its lines are read.
pub fn section_marks(body: &str, first_line: u32, names: &Names) -> Vec<Mark> {
    let lines: Vec<&str> = body.lines().take(MAX_LINES).collect();
    let mut out = Vec::new();
    for (i, level, title) in section_titles(&lines) {
        let Some(label) = section_label(title) else {
            continue;
        };
        let own = lines[i + 1..]
            .iter()
            .take(64)
            .take_while(|l| title_line(l).is_none_or(|(lv, _)| lv > level))
            .find(|l| title_line(l).is_none() && names_model(lead(l), names));
        if let Some(row) = own {
            out.push(Mark {
                line: first_line + i as u32,
                header: title.to_owned(),
                row: lead(row).to_owned(),
                tick: "(its section)".to_owned(),
                label,
            });
        }
    }
    out
}

/// What a list item or line opens with, up to its description: its first
/// cell in a table, else the text before a colon or a dash
/// ("- [**Quokka-7B**](…): the base model" → "- [**Quokka-7B**](…)").
fn lead(line: &str) -> &str {
    let l = line.trim();
    if l.starts_with('|') {
        return cells(l).first().copied().unwrap_or("");
    }
    let plain_end = [": ", " - ", " – ", " — ", "："]
        .iter()
        .filter_map(|m| l.find(m))
        .min()
        .unwrap_or(l.len());
    &l[..plain_end]
}

/// Whether a row's or a column's key may hold the model's own openness as
/// its value: anything but its data, code, training or base ("| Training
/// data | Open Source |" says what the model was trained on).
fn attribute_key(key: &str) -> bool {
    let key = squashed(&plain(key));
    !key.is_empty()
        && !["data", "code", "train", "corpus", "base", "teacher"]
            .iter()
            .any(|w| key.contains(w))
}

/// Whether a table's cell is the label and nothing more ("**OpenSource**"):
/// it says something of a model only through its table ([`table_marks`]).
pub fn label_cell(cell: &str) -> bool {
    header_label(cell).is_some()
}

/// One cell of an HTML table row: its text, how many columns it spans, and
/// the card line it starts on.
struct HtmlCell<'a> {
    text: &'a str,
    span: usize,
    line: u32,
    header: bool,
}

/// The rows of a card's HTML tables (`<tr>` … `</tr>`), each as its cells,
/// at most [`MAX_LINES`] rows of [`MAX_CELLS`] cells.
fn html_rows(body: &str, first_line: u32) -> Vec<Vec<HtmlCell<'_>>> {
    let newlines: Vec<usize> = body.match_indices('\n').map(|(k, _)| k).collect();
    let line_at = |at: usize| first_line + newlines.partition_point(|&k| k < at) as u32;
    let mut rows = Vec::new();
    let mut rest = 0;
    while rows.len() < MAX_LINES {
        let Some(start) = body[rest..].find("<tr").map(|k| rest + k) else {
            break;
        };
        // A row ends at its close or at the next row, whichever comes
        // first: an unclosed row never swallows the rest of the card.
        let end = body[start + 3..]
            .find("<tr")
            .into_iter()
            .chain(body[start + 3..].find("</tr"))
            .min()
            .map_or(body.len(), |k| start + 3 + k);
        let row = &body[start..end];
        let mut cells = Vec::new();
        let mut at = 0;
        while cells.len() < MAX_CELLS {
            let td = row[at..].find("<td").map(|k| at + k);
            let th = row[at..].find("<th").map(|k| at + k);
            let Some(open) = td.into_iter().chain(th).min() else {
                break;
            };
            let header = row.as_bytes().get(open + 2) == Some(&b'h');
            let Some(gt) = row[open..].find('>').map(|k| open + k) else {
                break;
            };
            let attrs = &row[open..gt];
            let close = row[gt + 1..].find("</t").map_or(row.len(), |k| gt + 1 + k);
            let span = attrs
                .split("colspan=")
                .nth(1)
                .and_then(|v| {
                    v.trim_start_matches(['"', '\''])
                        .chars()
                        .take_while(char::is_ascii_digit)
                        .collect::<String>()
                        .parse()
                        .ok()
                })
                .unwrap_or(1usize)
                .clamp(1, MAX_CELLS);
            cells.push(HtmlCell {
                text: row[gt + 1..close].trim(),
                span,
                line: line_at(start + open),
                header,
            });
            at = close.max(gt + 1);
        }
        rows.push(cells);
        rest = end;
    }
    rows
}

/// The ticks a card's HTML tables give its own model under a labelled
/// column header (`<th>Open Source</th>` over `<td>✔</td>`).
fn html_marks(body: &str, first_line: u32, names: &Names) -> Vec<Mark> {
    let rows = html_rows(body, first_line);
    let mut out = Vec::new();
    let column_of = |row: &[HtmlCell], k: usize| row[..k].iter().map(|c| c.span).sum::<usize>();
    let cell_at = |row: &'_ [HtmlCell<'_>], col: usize| {
        let mut at = 0;
        for (k, c) in row.iter().enumerate() {
            if at == col {
                return Some(k);
            }
            at += c.span;
        }
        None
    };
    for (r, row) in rows.iter().enumerate() {
        let labelled = row
            .iter()
            .enumerate()
            .filter_map(|(k, cell)| {
                cell.header
                    .then(|| header_label(cell.text))
                    .flatten()
                    .map(|l| (k, cell, l))
            })
            .take(LABEL_COLUMNS);
        for (k, cell, label) in labelled {
            let col = column_of(row, k);
            // The body rows up to the next header row.
            let own = rows[r + 1..]
                .iter()
                .take_while(|b| !b.iter().any(|c| c.header))
                .find_map(|b| {
                    let at = cell_at(b, col)?;
                    let name = b[..at.min(NAME_CELLS)]
                        .iter()
                        .find(|c| names_model(c.text, names))?;
                    ticked(b[at].text).then(|| (name.text.to_owned(), b[at].text.to_owned()))
                });
            if let Some((row_name, tick)) = own {
                out.push(Mark {
                    line: cell.line,
                    header: cell.text.to_owned(),
                    row: row_name,
                    tick,
                    label,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(repo: &str, body: &str) -> Vec<(u32, String, Label)> {
        let names = Names::for_model(repo, &serde_json::json!({}), Some(body));
        table_marks(body, 1, &names)
            .into_iter()
            .map(|m| (m.line, m.row, m.label))
            .collect()
    }

    #[test]
    fn a_tick_in_the_models_own_row_under_a_labelled_column() {
        let body = "## Evaluation\n\n\
            | Model | Open-Source | Size | WER |\n\
            | :--- | :---: | :---: | :---: |\n\
            | Other-TTS | ❌ | - | 1.1 |\n\
            | Quokka2 | ✅ | 0.5B | 1.4 |\n";
        assert_eq!(
            marks("acme/Quokka2-0.5B", body),
            vec![(3, "Quokka2".to_owned(), Label::OpenSource)]
        );
        let body = "|  | Open Weights | Open Data |\n|--|--|--|\n\
            |Quokka-7B|[✅](https://example.com)|❌|\n";
        assert_eq!(
            marks("acme/Quokka-7B", body),
            vec![(1, "Quokka-7B".to_owned(), Label::OpenWeights)]
        );
    }

    #[test]
    fn a_row_headed_by_the_label_and_a_section_of_open_source_models() {
        let body = "| Test set | Other-ASR | Quokka-Nano | Big-ASR |\n\
            | :-- | :-: | :-: | :-: |\n\
            | **Model Size** | 1.5B | 0.8B | - |\n\
            | **OpenSource** | ✅ | ✅ | ❌ |\n\
            | Opensource | 4.6 | 7.0 | 3.8 |\n";
        assert_eq!(
            marks("acme/Quokka-Nano", body),
            vec![(4, "Quokka-Nano".to_owned(), Label::OpenSource)]
        );
        assert!(marks("acme/Big-ASR", body).is_empty());
        // A longer compound that ends in the model's name is another model.
        let body = "| Test set | GLM-ASR-Nano | Fun-ASR-Nano | Big-ASR |\n\
            | :-- | :-: | :-: | :-: |\n\
            | **OpenSource** | ✅ | ✅ | ❌ |\n";
        assert_eq!(
            marks("acme/Fun-ASR-Nano-2512", body),
            vec![(3, "Fun-ASR-Nano".to_owned(), Label::OpenSource)]
        );
        let body = "| Model | NextQA | Ego |\n|---|---|---|\n\
            | **Proprietary** | | |\n| GPT-4o | - | 72.2 |\n\
            | **Open-Source** | | |\n| Other (8x7B) | 76.3 | 53.3 |\n\
            | Quokka-Video (Qwen-32B) | 77.3 | 60.8 |\n";
        assert_eq!(
            marks("acme/Quokka-Video-32B-Qwen", body),
            vec![(5, "Quokka-Video (Qwen-32B)".to_owned(), Label::OpenSource)]
        );
        assert!(marks("acme/GPT-4o", body).is_empty());
        // Of two rows that name it, the one that gives more of its name.
        let body = "| Model | Size | HumanEval |\n|---|---|---|\n\
            | **Open-Source Models** | | |\n\
            | **Quokka-Coder-Instruct** | 33B | 79.3 |\n\
            | **Quokka-Coder-V2-Lite-Instruct** | 16B | 81.1 |\n";
        assert_eq!(
            marks("acme/Quokka-Coder-V2-Lite-Instruct", body),
            vec![(
                3,
                "**Quokka-Coder-V2-Lite-Instruct**".to_owned(),
                Label::OpenSource
            )]
        );
    }

    #[test]
    fn the_label_as_a_value_in_the_models_row_or_column() {
        // Models as columns, an attribute's row.
        let body = "| MOS | Big-Video | Other-Video | Quokka-Video |\n\
            |---|---|---|---|\n\
            | **Accessibility** | Proprietary | Open Source | Open Source |\n\
            | Quality | 3.2 | 3.1 | 3.3 |\n";
        assert_eq!(
            marks("acme/Quokka-Video", body),
            vec![(3, "Quokka-Video".to_owned(), Label::OpenSource)]
        );
        assert!(marks("acme/Big-Video", body).is_empty());
        // Models as rows, an attribute's column.
        let body = "| Model | Access | Size |\n|---|---|---|\n\
            | Big-LM | API | - |\n| Quokka-7B | Open Source | 7B |\n";
        assert_eq!(
            marks("acme/Quokka-7B", body),
            vec![(4, "Quokka-7B".to_owned(), Label::OpenSource)]
        );
        // The model's data or code, or its base, is another thing.
        for key in ["Training data", "Code", "Base model"] {
            let body = format!("| Model | {key} |\n|---|---|\n| Quokka-7B | Open Source |\n");
            assert!(marks("acme/Quokka-7B", &body).is_empty(), "{key}");
            let body =
                format!("| | Other | Quokka-7B |\n|---|---|---|\n| {key} | - | Open Source |\n");
            assert!(marks("acme/Quokka-7B", &body).is_empty(), "{key}");
        }
    }

    #[test]
    fn a_tick_in_an_html_table() {
        let body = "<table>\n<thead>\n<tr>\n  <th rowspan=\"2\">Model</th> <th colspan=\"2\">Scores</th> <th rowspan=\"2\">Open Source</th>\n</tr>\n</thead>\n<tbody>\n\
            <tr><td>Other (API)</td> <td>1</td><td>2</td> <td>&#10008</td></tr>\n\
            <tr><td>Quokka (Ours)</td> <td>3</td><td>4</td> <td> ✔ </td></tr>\n</tbody></table>\n";
        assert_eq!(
            marks("acme/Quokka", body),
            vec![(4, "Quokka (Ours)".to_owned(), Label::OpenSource)]
        );
        let crossed = body.replace(" ✔ ", "&#10008");
        assert!(marks("acme/Quokka", &crossed).is_empty());
    }

    #[test]
    fn a_hostile_table_is_read_within_its_bounds() {
        // Rows never closed, cells never closed, a header in every row:
        // read in bounded time, no panic, nothing marked.
        let mut body = String::from("<table><tr><th>Model</th><th>Open Source</th>");
        for _ in 0..20_000 {
            body.push_str("<tr><td>Other<td>✔\n");
        }
        body.push_str("<tr><th>Open Source<th><td>é");
        assert!(marks("acme/Quokka", &body).is_empty());
        let mut body = String::from("| Model | Open Source |\n|---|---|\n");
        for _ in 0..20_000 {
            body.push_str(&"| ✔ ".repeat(100));
            body.push('\n');
        }
        assert!(marks("acme/Quokka", &body).is_empty());
    }

    #[test]
    fn no_tick_no_own_row_or_no_label_column_is_no_mark() {
        // The model's row says no.
        let body = "| Model | Open Source |\n|---|---|\n| Quokka-7B | ❌ |\n| Other | ✅ |\n";
        assert!(marks("acme/Quokka-7B", body).is_empty());
        // Only other models are ticked.
        let body = "| Model | Open Source |\n|---|---|\n| Other-7B | ✅ |\n";
        assert!(marks("acme/Quokka-7B", body).is_empty());
        // A column that is more than the label.
        let body = "| Model | Open Source Data |\n|---|---|\n| Quokka-7B | ✅ |\n";
        assert!(marks("acme/Quokka-7B", body).is_empty());
        // No separator: not a table.
        let body = "| Model | Open Source |\n| Quokka-7B | ✅ |\n";
        assert!(marks("acme/Quokka-7B", body).is_empty());
    }
}
