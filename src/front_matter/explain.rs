//! serde_yaml's errors in editors' words, at file positions.
//!
//! Two kinds arrive here: libyaml's syntax errors, explained by [`syntax`],
//! and serde's, which name a field and a type in Rust's terms ("invalid
//! type: sequence, expected a string", "duplicate field `title`"). Both
//! leave as errors at a file line and column with a message that says what to
//! change.

use std::path::Path;

use super::syntax::{self, Entry, Syntax};
use crate::error::{Error, Position};

/// YAML text and where it sits in its file.
pub(super) struct Yaml<'a> {
    pub(super) path: &'a Path,
    pub(super) text: &'a str,
    /// The file line of the first YAML line.
    pub(super) first_line: usize,
}

/// An explained error: an [`Error::Content`].
pub(super) type Diagnosis = Error;

impl Yaml<'_> {
    /// YAML line `line` (1-based), or "" past the end.
    pub(super) fn line(&self, line: usize) -> &str {
        self.text
            .lines()
            .nth(line.saturating_sub(1))
            .unwrap_or_default()
    }

    /// The character at a YAML line and column (1-based, in characters).
    pub(super) fn char_at(&self, line: usize, column: usize) -> Option<char> {
        self.line(line).chars().nth(column.checked_sub(1)?)
    }

    pub(super) fn file_line(&self, line: usize) -> usize {
        self.first_line + line.max(1) - 1
    }

    /// An error at a YAML line and column.
    pub(super) fn at(&self, line: usize, column: usize, message: impl Into<String>) -> Diagnosis {
        Error::content(
            Position::at(self.path, self.file_line(line), column),
            message,
        )
    }

    /// The quote (line, column) of a value that opens a quote on a line
    /// before `line` and does not close it by then. Quoted values may go on
    /// over several lines, but in front matter such a quote is nearly always
    /// one that was forgotten.
    pub(super) fn open_quote_before(&self, line: usize) -> Option<(usize, usize)> {
        let mut open: Option<(usize, usize, char)> = None;
        for (index, text) in self.text.lines().enumerate().take(line.saturating_sub(1)) {
            open = match open {
                Some((_, _, quote)) if count_quotes(text, quote) % 2 == 1 => None,
                Some(open) => Some(open),
                None => opened_quote(text).map(|(column, quote)| (index + 1, column, quote)),
            };
        }
        open.map(|(line, column, _)| (line, column))
    }
}

/// The column and kind of a quote that a `key: "value` line leaves open.
fn opened_quote(text: &str) -> Option<(usize, char)> {
    let entry = Entry::of(text)?;
    let quote = entry
        .value
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\''))?;
    let spaces = text
        .chars()
        .skip(entry.colon)
        .take_while(|c| *c == ' ')
        .count();
    let column = entry.colon + spaces + 1;
    (count_quotes(entry.value, quote) % 2 == 1).then_some((column, quote))
}

/// Quotes of one kind in `text`, not counting `\"` escapes.
fn count_quotes(text: &str, quote: char) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for c in text.chars() {
        if c == quote && !(escaped && quote == '"') {
            count += 1;
        }
        escaped = c == '\\' && !escaped;
    }
    count
}

/// Explains a serde_yaml error in `yaml`.
pub(super) fn error(yaml: &Yaml, error: &serde_yaml::Error) -> Diagnosis {
    let text = error.to_string();
    let at = error
        .location()
        .map_or((1, 0), |at| (at.line(), at.column()));
    if let Some(syntax) = Syntax::parse(&text) {
        if let Some(explained) = syntax::explain(yaml, &syntax, at) {
            return explained;
        }
    }
    let message = without_marks(&text);
    if let Some(explained) = duplicate_key(yaml, message, at.0) {
        return explained;
    }
    if message == "unknown anchor" {
        return syntax::indicator(yaml, at);
    }
    let message = suggest_field(message)
        .or_else(|| wrong_type(yaml, message, at))
        .unwrap_or_else(|| message.to_string());
    yaml.at(at.0, at.1, message)
}

/// The message without libyaml's context and without "at line N column M".
fn without_marks(text: &str) -> &str {
    let text = ["while scanning", "while parsing"]
        .iter()
        .find_map(|context| text.find(&format!(", {context}")))
        .map_or(text, |at| &text[..at]);
    let Some((head, mark)) = text.rsplit_once(" at line ") else {
        return text;
    };
    let is_mark = mark
        .split(" column ")
        .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    if is_mark { head } else { text }
}

/// serde places "duplicate field `x`" at the start of the mapping; the
/// editor wants the line of the second `x:`.
fn duplicate_key(yaml: &Yaml, message: &str, mapping_line: usize) -> Option<Diagnosis> {
    let (prefix, rest) = message.split_once("duplicate field `")?;
    let key = rest.split('`').next()?;
    let first = super::key_line(yaml.text, key, mapping_line, usize::MAX)?;
    let second = super::key_line(yaml.text, key, first + 1, usize::MAX)?;
    let message = format!(
        "{prefix}`{key}:` is given twice (first on line {}): keep one",
        yaml.file_line(first)
    );
    Some(yaml.at(second, 1, message))
}

/// Rewrites serde's "unknown field `tgas`, expected one of `title`, ..." as
/// "unknown field `tgas`: did you mean `tags`?".
fn suggest_field(message: &str) -> Option<String> {
    let start = message.find("unknown field `")?;
    let prefix = &message[..start];
    let rest = &message[start + "unknown field `".len()..];
    let (field, expected) = rest.split_once('`')?;
    let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let best = known
        .iter()
        .map(|name| (strsim::damerau_levenshtein(field, name), *name))
        .min()
        .filter(|(distance, _)| *distance <= 2 + field.len() / 4);
    let hint = match best {
        Some((_, name)) => format!("did you mean `{name}`?"),
        None => format!("expected one of {}", list(&known)),
    };
    let extra = match known.contains(&"extra") {
        true => " (free-form data goes under `extra:`)",
        false => "",
    };
    Some(format!("{prefix}unknown field `{field}`: {hint}{extra}"))
}

fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "title: invalid type: sequence, expected a string" → "title: expected
/// text, found a list", with what to write instead.
fn wrong_type(yaml: &Yaml, message: &str, at: (usize, usize)) -> Option<String> {
    let start = message.find("invalid type: ")?;
    let prefix = &message[..start];
    let rest = &message[start + "invalid type: ".len()..];
    let (found, expected) = rest.rsplit_once(", expected ")?;
    let expected = expected_words(expected);
    let starts = yaml.char_at(at.0, at.1);
    let hint = match (expected.as_str(), found, starts) {
        ("text", "sequence" | "map", Some(open @ ('[' | '{'))) => {
            let quoted = Entry::of(yaml.line(at.0)).map(|entry| entry.quoted());
            quoted.map_or(String::new(), |line| {
                format!(": to write text that starts with {open}, put it in quotes: {line}")
            })
        }
        ("text", "sequence", _) => ": write one value, on the line of its key".into(),
        ("true or false", _, _) => ": write true or false".into(),
        _ => String::new(),
    };
    Some(format!(
        "{prefix}expected {expected}, found {}{hint}",
        found_words(found)
    ))
}

fn expected_words(expected: &str) -> String {
    match expected {
        "a string" => "text".into(),
        "a sequence" => "a list".into(),
        "a map" => "a mapping of names to values".into(),
        "a boolean" => "true or false".into(),
        _ if expected.starts_with("struct ") => "a mapping of `key: value` lines".into(),
        _ => expected.into(),
    }
}

fn found_words(found: &str) -> String {
    let quoted = |kind: &str| {
        found
            .strip_prefix(kind)
            .and_then(|rest| rest.strip_prefix(" `"))
            .and_then(|rest| rest.strip_suffix('`'))
    };
    match found {
        "sequence" => "a list".into(),
        "map" => "a mapping".into(),
        "unit value" => "an empty value".into(),
        _ => {
            if let Some(number) = quoted("integer").or_else(|| quoted("floating point")) {
                format!("the number {number}")
            } else if let Some(text) = found.strip_prefix("string ") {
                format!("the text {text}")
            } else if let Some(value) = quoted("boolean") {
                value.to_string()
            } else {
                found.into()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn explain(text: &str) -> Option<String> {
        let yaml = Yaml {
            path: Path::new("x.md"),
            text,
            first_line: 2,
        };
        serde_yaml::from_str::<BTreeMap<String, serde_yaml::Value>>(text)
            .err()
            .map(|e| error(&yaml, &e).to_string())
    }

    /// Every one-character edit of a realistic front matter (a character
    /// dropped, or a quote, bracket, colon or tab put in) is explained
    /// without a panic, at a position inside the text.
    #[test]
    fn any_small_mistake_is_explained_without_a_panic() {
        let good = "title: \"Крещение Руси\"\ndate: 988\ntags: [religion, 'conversion']\nsources:\n  - title: Primary Chronicle\n    url: https://example.org/pvl\nextra: {archive: TsGIA}\n";
        let chars: Vec<char> = good.chars().collect();
        let lines = good.lines().count() + 2;
        for at in 0..=chars.len() {
            let mut edits = vec![
                chars[..at]
                    .iter()
                    .chain(chars.get(at + 1..).unwrap_or_default())
                    .collect::<String>(),
            ];
            for insert in ['"', '\'', '[', '{', ':', '\t', '\\', '@', '*'] {
                let mut text: String = chars[..at].iter().collect();
                text.push(insert);
                text.extend(&chars[at..]);
                edits.push(text);
            }
            for text in edits {
                let Some(message) = explain(&text) else {
                    continue;
                };
                let line: usize = message
                    .split(':')
                    .nth(1)
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
                assert!((2..=lines + 1).contains(&line), "{text:?}: {message}");
            }
        }
    }

    #[test]
    fn an_alias_that_is_meant_as_text_is_explained() {
        assert_eq!(
            explain("title: X\nplace: *sea\n").as_deref(),
            Some(
                "x.md:3:8: a value that starts with * means something else in YAML: put the value in quotes: place: \"*sea\""
            )
        );
    }
}
