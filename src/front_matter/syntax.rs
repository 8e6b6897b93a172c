//! libyaml's syntax errors in editors' words.
//!
//! libyaml reports where its parser gave up, which is often far from the
//! mistake: a quote that is never closed is reported at the end of the front
//! matter, a value with a `: ` in it as "mapping values are not allowed in
//! this context". Its message also names what it was reading and where that
//! began ("while scanning a quoted scalar at line 2 column 8"); from the two
//! places and the text of those lines this module says where the mistake is
//! and what to type.

use super::explain::{Diagnosis, Yaml};

/// A libyaml error, taken apart: serde_yaml hands it over as text only.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Syntax<'a> {
    /// What went wrong: `found unexpected end of stream`.
    pub(super) problem: &'a str,
    /// What the parser was reading: `while scanning a quoted scalar`.
    pub(super) context: &'a str,
    /// Where that began (YAML line and column, 1-based).
    pub(super) began: Option<(usize, usize)>,
}

/// libyaml's problems that this module explains. serde's own messages can
/// hold the editor's text; these fixed ones never do, so the rest of the
/// message can be read safely.
const PROBLEMS: &[&str] = &[
    "found unexpected end of stream",
    "did not find expected ',' or ']'",
    "did not find expected ',' or '}'",
    "mapping values are not allowed in this context",
    "found character that cannot start any token",
    "found a tab character",
    "did not find expected key",
    "did not find expected '-' indicator",
    "could not find expected ':'",
    "found unknown escape character",
    "did not find expected alphabetic or numeric character",
    "did not find expected comment or line break",
];

impl<'a> Syntax<'a> {
    /// Reads `problem[ at line L column C][, context[ at line L column C]]`.
    pub(super) fn parse(text: &'a str) -> Option<Syntax<'a>> {
        let known = PROBLEMS.iter().find(|p| text.starts_with(**p))?;
        let rest = &text[known.len()..];
        let (head, context) = rest.split_once(", ").unwrap_or((rest, ""));
        let problem = &text[..known.len() + strip_mark(head).0.len()];
        let (context, began) = strip_mark(context);
        Some(Syntax {
            problem,
            context,
            began,
        })
    }
}

/// `text at line 2 column 8` → (`text`, (2, 8)).
fn strip_mark(text: &str) -> (&str, Option<(usize, usize)>) {
    let Some((head, mark)) = text.rsplit_once(" at line ") else {
        return (text, None);
    };
    let mut numbers = mark.split(" column ").map(str::parse::<usize>);
    match (numbers.next(), numbers.next(), numbers.next()) {
        (Some(Ok(line)), Some(Ok(column)), None) => (head, Some((line, column))),
        _ => (text, None),
    }
}

/// Explains a syntax error whose parser position is `at`.
pub(super) fn explain(yaml: &Yaml, syntax: &Syntax, at: (usize, usize)) -> Option<Diagnosis> {
    let began = syntax.began.unwrap_or(at);
    let problem = syntax.problem;
    if problem.starts_with("found unexpected end of stream")
        && syntax.context.contains("quoted scalar")
    {
        return unclosed_quote(yaml, began);
    }
    if let Some(quote) = yaml.open_quote_before(at.0) {
        return unclosed_quote(yaml, quote);
    }
    let text = yaml.line(at.0);
    if text[..text.len() - text.trim_start().len()].contains('\t') {
        return Some(tab(yaml, at));
    }
    match problem {
        "did not find expected ',' or ']'" => Some(unclosed_flow(yaml, at, began, "list", ']')),
        "did not find expected ',' or '}'" => Some(unclosed_flow(yaml, at, began, "mapping", '}')),
        "mapping values are not allowed in this context" => Some(colon_in_value(yaml, at)),
        "found character that cannot start any token" => Some(bad_start(yaml, at)),
        "did not find expected key" | "did not find expected '-' indicator" => {
            Some(misaligned(yaml, at))
        }
        "could not find expected ':'" => Some(no_colon(yaml, began)),
        "found unknown escape character" => Some(unknown_escape(yaml, at)),
        "did not find expected alphabetic or numeric character"
        | "did not find expected comment or line break" => Some(indicator(yaml, began)),
        _ if problem.starts_with("found a tab character") => Some(tab(yaml, at)),
        _ => None,
    }
}

fn unclosed_quote(yaml: &Yaml, (line, column): (usize, usize)) -> Option<Diagnosis> {
    let quote = yaml
        .char_at(line, column)
        .filter(|c| matches!(c, '"' | '\''))?;
    let message = format!(
        "the quote {quote} opened on line {} is never closed: end the value with another {quote}",
        yaml.file_line(line)
    );
    Some(yaml.at(line, column, message))
}

fn unclosed_flow(
    yaml: &Yaml,
    at: (usize, usize),
    (line, column): (usize, usize),
    what: &str,
    close: char,
) -> Diagnosis {
    let open = if close == ']' { '[' } else { '{' };
    if at.0 != line {
        let message = format!(
            "the {what} opened with {open} on line {} is never closed: end it with {close}",
            yaml.file_line(line)
        );
        return yaml.at(line, column, message);
    }
    let message = format!(
        "expected , or {close} in the {what} opened with {open} at column {column}: separate its items with commas, and put an item that holds quotes or brackets in quotes"
    );
    yaml.at(at.0, at.1, message)
}

/// A `: ` where a value was being read: either a value that holds one, or a
/// key indented under a key whose value is on its own line.
fn colon_in_value(yaml: &Yaml, (line, column): (usize, usize)) -> Diagnosis {
    let text = yaml.line(line);
    let entry = Entry::of(text);
    match entry {
        Some(entry) if entry.colon + 1 < column => {
            let message = format!(
                "the value contains \": \", which YAML reads as the start of another key: put the value in quotes: {}",
                entry.quoted()
            );
            yaml.at(line, column, message)
        }
        Some(entry) if entry.indent > 0 => {
            let message = format!(
                "`{}:` is indented more than the line above it: start every key of one mapping in the same column",
                entry.key
            );
            yaml.at(line, entry.indent + 1, message)
        }
        _ => yaml.at(
            line,
            column,
            "a \": \" here starts a key, which YAML does not allow here: put the value in quotes",
        ),
    }
}

fn bad_start(yaml: &Yaml, at: (usize, usize)) -> Diagnosis {
    match yaml.char_at(at.0, at.1) {
        Some('\t') | None => tab(yaml, at),
        Some(_) => indicator(yaml, at),
    }
}

fn tab(yaml: &Yaml, (line, column): (usize, usize)) -> Diagnosis {
    let text = yaml.line(line);
    let indent = text.len() - text.trim_start_matches([' ', '\t']).len();
    match text[..indent].chars().position(|c| c == '\t') {
        Some(index) => yaml.at(
            line,
            index + 1,
            "a tab in the indentation: YAML indents with spaces, not tabs: replace the tab with spaces",
        ),
        None => yaml.at(
            line,
            column,
            "a tab: YAML separates with spaces, not tabs: replace the tab with spaces",
        ),
    }
}

/// A value that starts with a character YAML gives a meaning to: `@`, `` ` ``,
/// `%`, `*`, `&`, `>`, `|`.
pub(super) fn indicator(yaml: &Yaml, (line, column): (usize, usize)) -> Diagnosis {
    let found = yaml.char_at(line, column).unwrap_or(' ');
    let suggestion = Entry::of(yaml.line(line))
        .filter(|entry| !entry.value.is_empty())
        .map_or(String::new(), |entry| format!(": {}", entry.quoted()));
    let message = format!(
        "a value that starts with {found} means something else in YAML: put the value in quotes{suggestion}"
    );
    yaml.at(line, column, message)
}

fn misaligned(yaml: &Yaml, (line, column): (usize, usize)) -> Diagnosis {
    let text = yaml.line(line);
    let indent = text.len() - text.trim_start_matches(' ').len();
    if column > indent + 1 {
        return after_value(yaml, (line, column));
    }
    let message = if text.trim_start().starts_with('-') {
        "this list item is not lined up with the items above it: start every `-` of one list in the same column".to_string()
    } else {
        let key = Entry::of(text).map_or("this line".into(), |entry| format!("`{}:`", entry.key));
        format!(
            "{key} is not lined up with the keys above it: start every key of one mapping in the same column"
        )
    };
    yaml.at(line, indent + 1, message)
}

/// Text after a value that has ended: after its closing quote (often an
/// apostrophe: `'Palais de l'Élysée'`), or after a list or mapping.
fn after_value(yaml: &Yaml, (line, column): (usize, usize)) -> Diagnosis {
    let text = yaml.line(line);
    let suggestion = Entry::of(text).map_or(String::new(), |entry| format!(": {}", entry.quoted()));
    let before = text
        .chars()
        .take(column - 1)
        .enumerate()
        .filter(|(_, c)| *c != ' ')
        .last();
    match before {
        Some((at, '\'')) => {
            let message = format!(
                "this ' ends the single-quoted value: write an apostrophe inside single quotes twice (''), or use double quotes{suggestion}"
            );
            yaml.at(line, at + 1, message)
        }
        Some((_, '"')) => {
            let message = format!(
                "unexpected text after the closing \": put the whole value in quotes{suggestion}"
            );
            yaml.at(line, column, message)
        }
        _ => {
            let message = format!(
                "unexpected text after the value: put the whole value in quotes{suggestion}"
            );
            yaml.at(line, column, message)
        }
    }
}

/// A line that is neither `key: value` nor a list item.
fn no_colon(yaml: &Yaml, (line, column): (usize, usize)) -> Diagnosis {
    let above = (1..line)
        .rev()
        .map(|n| yaml.line(n))
        .find(|text| !text.trim().is_empty());
    let in_list = above.is_some_and(|text| text.trim_start().starts_with("- "));
    let message = if in_list {
        "this line is not a list item: start it with `- ` like the items above it, or indent it to continue the item above"
    } else {
        "this line is not `key: value`: add the key and a colon, or indent the line to continue the value above it"
    };
    yaml.at(line, column, message)
}

fn unknown_escape(yaml: &Yaml, (line, column): (usize, usize)) -> Diagnosis {
    let next = yaml.char_at(line, column + 1).unwrap_or(' ');
    let message = format!(
        "\\{next} is not an escape YAML knows between double quotes: write \\\\{next} for a backslash, or use single quotes"
    );
    yaml.at(line, column, message)
}

/// A `key: value` line (or list item `- key: value`).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Entry<'a> {
    /// Spaces before the key (or before the `- `).
    pub(super) indent: usize,
    pub(super) key: &'a str,
    /// The column (1-based, in characters) of the colon after the key.
    pub(super) colon: usize,
    pub(super) value: &'a str,
}

impl<'a> Entry<'a> {
    pub(super) fn of(line: &'a str) -> Option<Entry<'a>> {
        let rest = line.trim_start_matches(' ');
        let indent = line.len() - rest.len();
        let item = rest.strip_prefix("- ").unwrap_or(rest);
        let skipped = line.len() - item.len();
        let (key, value) = match item.split_once(": ") {
            Some(split) => split,
            None => (item.strip_suffix(':')?, ""),
        };
        let plain = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | ' ');
        if key.is_empty() || !key.chars().all(plain) {
            return None;
        }
        let colon = line[..skipped + key.len()].chars().count() + 1;
        Some(Entry {
            indent,
            key,
            colon,
            value: value.trim(),
        })
    }

    /// `key: "value"`, with the value quoted so that YAML reads it as text.
    /// A value already between quotes of one kind (`'l'Élysée'`) is meant
    /// as what is between them.
    pub(super) fn quoted(&self) -> String {
        let inner = ['"', '\'']
            .iter()
            .find_map(|q| self.value.strip_prefix(*q)?.strip_suffix(*q))
            .unwrap_or(self.value);
        format!("{}: {}", self.key, quote(inner))
    }
}

/// Text in double quotes, or single ones if it holds double quotes.
pub(super) fn quote(text: &str) -> String {
    if text.contains('"') {
        format!("'{}'", text.replace('\'', "''"))
    } else {
        format!("\"{}\"", text.replace('\\', "\\\\"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_libyaml_messages() {
        let syntax = Syntax::parse("found unexpected end of stream at line 3 column 1, while scanning a quoted scalar at line 1 column 8").unwrap();
        assert_eq!(
            syntax,
            Syntax {
                problem: "found unexpected end of stream",
                context: "while scanning a quoted scalar",
                began: Some((1, 8)),
            }
        );
        let syntax =
            Syntax::parse("mapping values are not allowed in this context at line 1 column 24")
                .unwrap();
        assert_eq!(syntax.context, "");
        assert_eq!(syntax.began, None);
        assert_eq!(
            Syntax::parse("title: invalid type: map, expected a string"),
            None
        );
    }

    #[test]
    fn finds_keys_and_quotes_values() {
        let entry = Entry::of("  - title: Treaty: the sequel").unwrap();
        assert_eq!((entry.indent, entry.key, entry.colon), (2, "title", 10));
        assert_eq!(entry.quoted(), "title: \"Treaty: the sequel\"");
        assert_eq!(Entry::of("Крещение: Руси").unwrap().colon, 9);
        assert_eq!(Entry::of("\"quoted\": x"), None);
        assert_eq!(quote("say \"no\""), "'say \"no\"'");
        let entry = Entry::of("place: 'l'Élysée'").unwrap();
        assert_eq!(entry.quoted(), "place: \"l'Élysée\"");
        assert_eq!(quote("C:\\x"), "\"C:\\\\x\"");
    }
}
