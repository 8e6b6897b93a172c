//! Tera's errors in editors' words, at the template's file, line and column.
//!
//! Tera reports a parse error as "Failed to parse 'event.html'" with the
//! position inside a multi-line pest message, and a render error as a chain
//! whose top line says only "Failed to render". Here both become one line
//! that starts `templates/event.html:2:16:` (or `built-in event.html` for the
//! theme's own), as every other error of annals does.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::error::{Error, Position};
use crate::theme;

/// The site's own templates, by name, with their files and texts.
#[derive(Debug, Default)]
pub(super) struct Sources {
    own: HashMap<String, (PathBuf, String)>,
}

impl Sources {
    /// Remembers a site's own template.
    pub(super) fn add(&mut self, name: &str, path: PathBuf, text: &str) {
        self.own.insert(name.to_string(), (path, text.to_string()));
    }

    fn text(&self, name: &str) -> Option<&str> {
        match self.own.get(name) {
            Some((_, text)) => Some(text),
            None => theme::TEMPLATES
                .iter()
                .find(|(known, _)| *known == name)
                .map(|(_, text)| *text),
        }
    }

    fn at(&self, name: &str, (line, column): (usize, usize)) -> Position {
        match self.own.get(name) {
            Some((path, _)) => Position::at(path, line, column),
            None => Position::at(format!("built-in {name}"), line, column),
        }
    }

    fn error(&self, name: &str, at: (usize, usize), message: impl Into<String>) -> Error {
        Error::Template {
            at: self.at(name, at),
            message: message.into(),
        }
    }

    /// A template that Tera could not compile.
    pub(super) fn parse_error(&self, error: &tera::Error) -> Error {
        let chain = chain(error);
        if let tera::ErrorKind::MissingParent { current, parent } = &error.kind {
            return self.missing(current, "extends", parent);
        }
        let import = between(&chain[0], "Template `", "` loads macros from `").zip(between(
            &chain[0],
            "loads macros from `",
            "`",
        ));
        if let Some((current, file)) = import {
            return self.missing(current, "imports macros from", file);
        }
        let Some(name) = chain[0]
            .strip_prefix("Failed to parse '")
            .and_then(|rest| rest.strip_suffix('\''))
        else {
            return Error::Template {
                at: Position::file("templates/"),
                message: chain.join(": "),
            };
        };
        let detail = chain.get(1).map_or("", String::as_str);
        match pest_position(detail) {
            Some(at) => self.syntax_error(name, at, detail),
            None => self.error(name, (0, 0), chain[1..].join(": ")),
        }
    }

    /// A template that names one that does not exist.
    fn missing(&self, name: &str, how: &str, missing: &str) -> Error {
        let at = self.find(name, missing).unwrap_or((0, 0));
        let message = format!("{how} \"{missing}\", which is neither in templates/ nor built in");
        self.error(name, at, message)
    }

    /// A pest error: `--> 2:16`, the line, a caret, `= expected …`.
    fn syntax_error(&self, name: &str, at: (usize, usize), detail: &str) -> Error {
        let expected = detail
            .lines()
            .find_map(|line| line.trim_start().strip_prefix("= "))
            .unwrap_or("a syntax error");
        let text = self.text(name).unwrap_or_default();
        if expected.contains("a variable end (`}}`)") {
            return self.error(name, at, "expected `}}` to end the `{{ … }}` here");
        }
        if expected.contains("`%}` or `-%}`") {
            return self.error(name, at, "expected `%}` to end the `{% … %}` tag here");
        }
        let before = &text[..offset(text, at)];
        if before.len() == text.trim_end().len() || expected.contains("{% end") {
            if let Some((tag, open)) = unclosed_block(before) {
                let message = format!(
                    "`{{% {tag} %}}` opened on line {} is never closed: add `{{% end{tag} %}}`",
                    open.0
                );
                return self.error(name, open, message);
            }
        }
        self.error(name, at, expected)
    }

    /// A page that Tera could not render with template `name`; `page` is
    /// the output path, for errors that depend on the page's data.
    pub(super) fn render_error(&self, name: &str, page: &str, error: &tera::Error) -> Error {
        let chain = chain(error);
        let (top, causes) = chain.split_first().map_or(("", &[][..]), |(t, c)| (t, c));
        let happened = between(top, "(error happened in '", "')");
        let mut file = happened.unwrap_or(name);
        let mut parts = vec![format!("while rendering {page}")];
        if let Some(call) = between(top, "error while rendering macro `", "`") {
            parts.push(format!("in macro `{call}`"));
        }
        let mut needle = None;
        for cause in causes {
            let (text, found, active) = plain(cause);
            file = happened.or(active).unwrap_or(file);
            needle = needle.or(found);
            parts.push(text);
        }
        let found = needle.and_then(|needle| {
            let at = |file| self.find(file, needle).map(|at| (file, at));
            at(file).or_else(|| at(name))
        });
        let (file, at) = found.unwrap_or((file, (0, 0)));
        self.error(file, at, parts.join(": "))
    }

    /// The first line and column of `needle` in template `name`.
    fn find(&self, name: &str, needle: &str) -> Option<(usize, usize)> {
        let text = self.text(name)?;
        let word = |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || "_.".contains(c)));
        let at = text.match_indices(needle).map(|(at, _)| at).find(|&at| {
            word(text[..at].chars().next_back()) && word(text[at + needle.len()..].chars().next())
        })?;
        Some(line_column(text, at))
    }
}

/// One of Tera's messages in plain words, the name it is about (to find
/// in the template) and the template it names as the one being rendered.
fn plain(cause: &str) -> (String, Option<&str>, Option<&str>) {
    if let Some(name) = between(cause, "Variable `", "` not found in context") {
        let active = between(cause, "while rendering '", "'");
        let message = format!(
            "no variable `{name}` here: check its spelling, or test it first with `{{% if {name} %}}` if some pages lack it"
        );
        return (message, Some(name), active);
    }
    for (prefix, what) in [
        ("Filter '", "filter"),
        ("Function '", "function"),
        ("Test '", "test"),
    ] {
        if let Some(name) = between(cause, prefix, "' not found") {
            return (format!("there is no {what} `{name}`"), Some(name), None);
        }
    }
    if let Some(names) = between(cause, "Template '[", "]' not found") {
        let message = format!("no template {names} in templates/ or built in");
        return (message, names.split(", ").next(), None);
    }
    for (prefix, what) in [("Filter call '", "filter"), ("Function call '", "function")] {
        if let Some(name) = between(cause, prefix, "' failed") {
            return (format!("{what} `{name}` failed"), Some(name), None);
        }
    }
    if let Some(call) = between(cause, "Macro `", "` not found") {
        let (file, name) = call.split_once("::").unwrap_or(("", call));
        let message = format!("no macro `{name}` in the file imported as `{file}`");
        return (message, Some(call), None);
    }
    (cause.to_string(), None, None)
}

/// Tera's error and its sources, one message each.
fn chain(error: &tera::Error) -> Vec<String> {
    let mut messages = vec![error.to_string()];
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        messages.push(cause.to_string());
        source = cause.source();
    }
    messages
}

/// The text between `start` and the next `end`.
fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = &text[text.find(start)? + start.len()..];
    Some(&rest[..rest.find(end)?])
}

/// `--> 2:16` in a pest message.
fn pest_position(detail: &str) -> Option<(usize, usize)> {
    let rest = &detail[detail.find("--> ")? + 4..];
    let (line, column) = rest.lines().next()?.split_once(':')?;
    Some((line.trim().parse().ok()?, column.trim().parse().ok()?))
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |newline| newline + 1);
    (line, before[start..].chars().count() + 1)
}

/// The byte offset of a 1-based line and column (in characters), at most
/// the end of the text.
fn offset(text: &str, (line, column): (usize, usize)) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = &text[start..];
    start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(rest.len(), |(at, _)| at)
}

/// The innermost `{% for %}`, `{% if %}`, `{% block %}`, `{% macro %}`,
/// `{% filter %}` or `{% raw %}` left open, with its line and column.
fn unclosed_block(text: &str) -> Option<(&'static str, (usize, usize))> {
    const BLOCKS: [&str; 6] = ["for", "if", "block", "macro", "filter", "raw"];
    let mut open: Vec<(&'static str, usize)> = Vec::new();
    for (at, _) in text.match_indices("{%") {
        let tag = text[at + 2..].trim_start_matches(['-', ' ', '\t', '\n']);
        let word: String = tag.chars().take_while(char::is_ascii_alphabetic).collect();
        if let Some(block) = BLOCKS.iter().find(|block| **block == word) {
            open.push((*block, at));
        } else if let Some(block) = word.strip_prefix("end") {
            if let Some(index) = open.iter().rposition(|(known, _)| *known == block) {
                open.truncate(index);
            }
        }
    }
    open.pop().map(|(tag, at)| (tag, line_column(text, at)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_block_left_open() {
        let text = "{% block main %}\n{% for e in events %}\n  {% if e.place %}x{% endif %}\n";
        assert_eq!(unclosed_block(text), Some(("for", (2, 1))));
        let text = "{% block main %}\n{%- for e in events -%}{% endfor %}";
        assert_eq!(unclosed_block(text), Some(("block", (1, 1))));
        assert_eq!(unclosed_block("{% if a %}{% endif %}"), None);
    }

    #[test]
    fn reads_pest_positions() {
        let detail = " --> 2:16\n  |\n2 | {{ event.title }\n  |                ^---\n  |\n  = expected a filter";
        assert_eq!(pest_position(detail), Some((2, 16)));
        assert_eq!(line_column("ab\nсд", 7), (2, 3));
        assert_eq!(offset("ab\nсд", (2, 2)), 5);
        assert_eq!(offset("ab", (9, 9)), 2);
    }
}
