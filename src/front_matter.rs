//! Front matter and YAML: the only module that calls serde_yaml.
//!
//! It splits a Markdown file into its `---` block and its body, deserialises
//! YAML into typed structs, and turns serde_yaml's positions, which count from
//! the start of the YAML text, into positions in the file (the opening `---`
//! is line 1 of the file, so the first YAML line is line 2). Its errors are
//! rewritten in editors' words (`explain`, `syntax`): the quote that is
//! never closed, the value to put in quotes, the tab to replace.

mod explain;
mod syntax;

use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{Error, Position, Result};
use explain::Yaml;

/// A Markdown file cut in two.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the `---` lines.
    pub yaml: &'a str,
    /// The file line of the first YAML line.
    pub yaml_line: usize,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
    /// The file line of the first body line.
    pub body_line: usize,
}

/// Splits `---\n yaml \n---\n body`. The text has already had its BOM and
/// CRLF line endings removed by the loader.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>> {
    let Some(rest) = text.strip_prefix("---\n") else {
        let message = if text.trim().is_empty() {
            "the file is empty: expected front matter between two `---` lines, with at least `title` and `date`"
        } else {
            "expected front matter: the file must start with a line `---`, then YAML with `title` and `date`, then `---`"
        };
        return Err(Error::content(Position::at(path, 1, 1), message));
    };
    let mut offset = 0;
    for (index, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let body = &rest[offset + line.len()..];
            return Ok(Split {
                yaml: &rest[..offset],
                yaml_line: 2,
                body,
                body_line: index + 3,
            });
        }
        offset += line.len();
    }
    Err(Error::content(
        Position::at(path, 1, 1),
        "the front matter opened here is never closed: expected a line `---` after the YAML",
    ))
}

/// Deserialises YAML that starts at `first_line` of `path` into `T`, with
/// errors at file positions.
pub fn parse<T: DeserializeOwned>(path: &Path, yaml: &str, first_line: usize) -> Result<T> {
    if yaml.trim().is_empty() {
        return Err(Error::content(
            Position::at(path, first_line.max(1), 0),
            "the YAML is empty: expected a mapping with at least `title` and `date`",
        ));
    }
    serde_yaml::from_str(yaml).map_err(|error| {
        let yaml = Yaml {
            path,
            text: yaml,
            first_line,
        };
        explain::error(&yaml, &error)
    })
}

/// Writes a value as YAML (for the files `annals new` creates).
pub fn to_yaml<T: Serialize>(value: &T) -> String {
    serde_yaml::to_string(value).unwrap_or_default()
}

/// The file line of a top-level `key:` inside the YAML lines
/// `from..to` (file lines), for errors found after deserialising.
pub fn key_line(text: &str, key: &str, from: usize, to: usize) -> Option<usize> {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .take(to.saturating_sub(from).saturating_add(1))
        .find(|(_, line)| {
            let line = line.trim_start_matches("- ").trim_start();
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|(index, _)| index + 1)
}

/// The file line and column of `value` as written under `key:` inside the
/// file lines `from..to`: on the key's line (`related: [a, b]`) or on the
/// lines below it (`- a` items, a source's `url:`).
pub fn value_at(
    text: &str,
    key: &str,
    value: &str,
    from: usize,
    to: usize,
) -> Option<(usize, usize)> {
    if value.is_empty() {
        return None;
    }
    let start = key_line(text, key, from, to)?;
    let key_text = text.lines().nth(start - 1)?;
    let key_indent = key_text.len() - key_text.trim_start_matches(['-', ' ']).len();
    let below = |line: &str| {
        let indent = line.len() - line.trim_start_matches(' ').len();
        line.trim().is_empty()
            || indent > key_indent
            || (indent == key_indent && line[indent..].starts_with('-'))
    };
    let lines = text.lines().enumerate().skip(start - 1);
    let lines = lines.take(to.saturating_sub(start).saturating_add(1));
    for (index, line) in lines {
        let skip = match index + 1 == start {
            true => key_text.find(':').map_or(0, |colon| colon + 1),
            false if below(line) => 0,
            false => break,
        };
        if let Some(at) = find_token(&line[skip..], value) {
            return Some((index + 1, line[..skip + at].chars().count() + 1));
        }
    }
    None
}

/// Where each item of the list under `key:` begins (file line, and the
/// column after its `- `), for lists written one item a line; empty for a
/// list written on the key's line.
pub fn items_at(text: &str, key: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
    let Some(start) = key_line(text, key, from, to) else {
        return Vec::new();
    };
    let indent_of = |line: &str| line.len() - line.trim_start_matches(' ').len();
    let key_indent = text.lines().nth(start - 1).map_or(0, indent_of);
    let mut item_indent = None;
    let mut items = Vec::new();
    let lines = text.lines().enumerate().skip(start);
    for (index, line) in lines.take(to.saturating_sub(start)) {
        let indent = indent_of(line);
        let is_item = line[indent..].starts_with('-');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if indent < key_indent || (indent == key_indent && !is_item) {
            break;
        }
        if is_item && *item_indent.get_or_insert(indent) == indent {
            let after = line[indent + 1..].len() - line[indent + 1..].trim_start().len();
            items.push((index + 1, indent + 2 + after));
        }
    }
    items
}

/// The byte offset of `value` in `line` standing alone: not inside a
/// longer word.
fn find_token(line: &str, value: &str) -> Option<usize> {
    let edge = |c: Option<char>| c.is_none_or(|c| " \t[],\"'#{}".contains(c));
    line.match_indices(value).map(|(at, _)| at).find(|&at| {
        edge(line[..at].chars().next_back()) && edge(line[at + value.len()..].chars().next())
    })
}

/// A list of names that may be written as one (`tags: diplomacy` means
/// `tags: [diplomacy]`); `expecting` says what was wanted, for errors.
pub(crate) fn one_or_many<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
    expecting: &'static str,
) -> std::result::Result<Vec<String>, D::Error> {
    use serde::de::{self, SeqAccess, Visitor};
    struct OneOrMany(&'static str);
    impl<'de> Visitor<'de> for OneOrMany {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
        fn visit_str<E: de::Error>(self, one: &str) -> std::result::Result<Self::Value, E> {
            Ok(vec![one.to_string()])
        }
        fn visit_seq<A: SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> std::result::Result<Self::Value, A::Error> {
            let mut names = Vec::new();
            while let Some(name) = seq.next_element::<String>()? {
                names.push(name);
            }
            Ok(names)
        }
    }
    deserializer.deserialize_any(OneOrMany(expecting))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        title: String,
        tags: Option<Vec<String>>,
        extra: Option<serde_yaml::Value>,
    }

    fn path() -> &'static Path {
        Path::new("content/x.md")
    }

    #[test]
    fn splits_front_matter_and_counts_lines() {
        let split = split(path(), "---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(split.yaml, "title: A\n");
        assert_eq!(split.yaml_line, 2);
        assert_eq!(split.body, "Body\n");
        assert_eq!(split.body_line, 4);
    }

    #[test]
    fn closing_line_may_end_the_file() {
        let split = split(path(), "---\ntitle: A\n---").unwrap();
        assert_eq!(split.body, "");
    }

    #[test]
    fn unterminated_and_missing_front_matter_are_errors() {
        let error = split(path(), "---\ntitle: A\n").unwrap_err().to_string();
        assert!(
            error.starts_with("content/x.md:1:1: the front matter opened here is never closed")
        );
        let error = split(path(), "title: A\n").unwrap_err().to_string();
        assert!(error.contains("must start with a line `---`"), "{error}");
        let error = split(path(), "").unwrap_err().to_string();
        assert!(error.contains("the file is empty"), "{error}");
    }

    #[test]
    fn yaml_errors_are_at_file_lines() {
        let error = parse::<Sample>(path(), "title: A\ntags: [a\n", 2).unwrap_err();
        let Error::Content { at, .. } = &error else {
            panic!("{error}")
        };
        assert_eq!(at.path, path());
        assert!(at.line >= 3, "{error}");
    }

    #[test]
    fn unknown_fields_get_a_suggestion() {
        let error = parse::<Sample>(path(), "title: A\ntgas: [a]\n", 2).unwrap_err();
        assert_eq!(
            error.to_string(),
            "content/x.md:3:1: unknown field `tgas`: did you mean `tags`? (free-form data goes under `extra:`)"
        );
    }

    #[test]
    fn finds_values_under_their_key() {
        let text = "---\ntitle: A\nrelated: [a-b, b]\nsources:\n  - https://x.org/b\n  - title: B\n    url: ftp://b\nb: 1\n---\nb\n";
        assert_eq!(value_at(text, "related", "b", 2, 9), Some((3, 16)));
        assert_eq!(
            value_at(text, "sources", "https://x.org/b", 2, 9),
            Some((5, 5))
        );
        assert_eq!(value_at(text, "sources", "ftp://b", 2, 9), Some((7, 10)));
        assert_eq!(value_at(text, "sources", "b", 2, 9), None);
        let list = "- title: X\n  related:\n  - Крым\n- title: Y\n";
        assert_eq!(value_at(list, "related", "Крым", 1, 3), Some((3, 5)));
    }

    #[test]
    fn finds_key_lines() {
        let text = "---\ntitle: A\nend: 1976\n---\n";
        assert_eq!(key_line(text, "end", 2, 3), Some(3));
        assert_eq!(key_line(text, "date", 2, 3), None);
    }
}
