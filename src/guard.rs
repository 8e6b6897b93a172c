//! Bounds on what a template can make annals do.
//!
//! Templates come from editors and pull requests, and Tera itself puts no
//! limit on them: a macro that calls itself overflows the stack, an include
//! cycle never ends, and `range(end=1000000000000)` allocates without bound.
//! Before rendering, [`check`] refuses recursive macros and include cycles
//! with an error naming the template and line; [`range`] replaces Tera's
//! `range` with one that refuses huge ranges; and a [`Watchdog`] stops a
//! build whose pages stop coming, so a template can never hang it.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::error::{Error, Position, Result};

/// The most items `range()` yields in a template.
pub const MAX_RANGE: i64 = 100_000;

/// How long one page may take to render before the build is stopped:
/// 60 seconds, or `ANNALS_PAGE_TIME_LIMIT` seconds when that is set.
pub fn page_time_limit() -> Duration {
    let seconds = std::env::var("ANNALS_PAGE_TIME_LIMIT")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(60);
    Duration::from_secs(seconds)
}

/// Refuses recursive macros (direct or through other macros) and include
/// cycles. `templates` are (name, source) pairs.
pub fn check(templates: &[(String, String)]) -> Result<()> {
    let mut calls: BTreeMap<String, Vec<(String, usize)>> = BTreeMap::new();
    let mut includes: BTreeMap<String, Vec<(String, usize)>> = BTreeMap::new();
    for (name, text) in templates {
        scan(name, text, &mut calls);
        includes.insert(name.clone(), tag_targets(text, "include"));
    }
    if let Some((node, line)) = find_cycle(&calls) {
        let (file, _) = node.split_once("::").unwrap_or((&node, ""));
        return Err(refusal(
            file,
            line,
            format!(
                "macro {node} calls itself, directly or through other macros: recursive macros could render forever"
            ),
        ));
    }
    if let Some((file, line)) = find_cycle(&includes) {
        return Err(refusal(
            &file,
            line,
            "includes itself, directly or through other templates".to_string(),
        ));
    }
    Ok(())
}

fn refusal(file: &str, line: usize, message: String) -> Error {
    Error::content(Position::at(format!("templates/{file}"), line, 0), message)
}

/// Records, for every macro of a template, the macros its body calls
/// (`file::name` nodes, `self::` and import aliases resolved).
fn scan(file: &str, text: &str, calls: &mut BTreeMap<String, Vec<(String, usize)>>) {
    let aliases: HashMap<String, String> = imports(text).into_iter().collect();
    let mut current: Option<String> = None;
    for (index, line) in text.lines().enumerate() {
        if let Some(name) = after(line, "{% macro ").or_else(|| after(line, "{%- macro ")) {
            let name: String = name
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let node = format!("{file}::{name}");
            calls.entry(node.clone()).or_default();
            current = Some(node);
        }
        if let Some(node) = &current {
            for (alias, name) in macro_calls(line) {
                let target_file = if alias == "self" {
                    file.to_string()
                } else {
                    aliases.get(&alias).cloned().unwrap_or(alias)
                };
                calls
                    .entry(node.clone())
                    .or_default()
                    .push((format!("{target_file}::{name}"), index + 1));
            }
        }
        if line.contains("endmacro") {
            current = None;
        }
    }
}

/// `{% import "macros.html" as m %}` → ("m", "macros.html").
fn imports(text: &str) -> Vec<(String, String)> {
    text.match_indices("import \"")
        .filter_map(|(at, _)| {
            let rest = &text[at + "import \"".len()..];
            let (file, rest) = rest.split_once('"')?;
            let alias = rest.trim_start().strip_prefix("as")?.trim_start();
            let alias: String = alias
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            Some((alias, file.to_string()))
        })
        .collect()
}

/// `ns::name(` calls on a line.
fn macro_calls(line: &str) -> Vec<(String, String)> {
    line.match_indices("::")
        .filter_map(|(at, _)| {
            let before: String = line[..at]
                .chars()
                .rev()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let alias: String = before.chars().rev().collect();
            let name: String = line[at + 2..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let called = line[at + 2 + name.len()..].trim_start().starts_with('(');
            (!alias.is_empty() && !name.is_empty() && called).then_some((alias, name))
        })
        .collect()
}

/// The quoted targets of `{% tag "x" %}`, with their lines.
fn tag_targets(text: &str, tag: &str) -> Vec<(String, usize)> {
    text.lines()
        .enumerate()
        .flat_map(|(index, line)| {
            line.match_indices(&format!("{tag} \""))
                .filter_map(move |(at, _)| {
                    let rest = &line[at + tag.len() + 2..];
                    rest.split_once('"')
                        .map(|(target, _)| (target.to_string(), index + 1))
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

fn after<'a>(line: &'a str, marker: &str) -> Option<&'a str> {
    line.find(marker)
        .map(|at| line[at + marker.len()..].trim_start())
}

/// A node on a cycle of `graph`, with the line of its edge into the cycle.
fn find_cycle(graph: &BTreeMap<String, Vec<(String, usize)>>) -> Option<(String, usize)> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    let mut marks: HashMap<&str, Mark> = HashMap::new();
    for start in graph.keys() {
        if marks.contains_key(start.as_str()) {
            continue;
        }
        let mut stack: Vec<(&str, usize)> = vec![(start.as_str(), 0)];
        marks.insert(start, Mark::Open);
        while let Some((node, next)) = stack.pop() {
            let edges = graph.get(node).map_or(&[][..], Vec::as_slice);
            if let Some((target, line)) = edges.get(next) {
                stack.push((node, next + 1));
                match marks.get(target.as_str()) {
                    Some(Mark::Open) => return Some((node.to_string(), *line)),
                    Some(Mark::Done) => {}
                    None => {
                        marks.insert(target, Mark::Open);
                        stack.push((target.as_str(), 0));
                    }
                }
            } else {
                marks.insert(node, Mark::Done);
            }
        }
    }
    None
}

/// Tera's `range(end, start=0, step_by=1)`, refusing more than
/// [`MAX_RANGE`] items.
pub fn range(args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let number = |key: &str, default: i64| match args.get(key) {
        Some(value) => value
            .as_i64()
            .ok_or_else(|| tera::Error::msg(format!("range: `{key}` must be an integer"))),
        None => Ok(default),
    };
    let end = match args.get("end") {
        Some(_) => number("end", 0)?,
        None => return Err(tera::Error::msg("range: `end` is required")),
    };
    let start = number("start", 0)?;
    let step = number("step_by", 1)?;
    if step <= 0 {
        return Err(tera::Error::msg("range: `step_by` must be positive"));
    }
    let count = (end.saturating_sub(start).max(0) + step - 1) / step;
    if count > MAX_RANGE {
        return Err(tera::Error::msg(format!(
            "range: {count} items is more than the limit of {MAX_RANGE}"
        )));
    }
    let items: Vec<i64> = (start..end).step_by(step as usize).collect();
    Ok(tera::Value::from(items))
}

/// Stops the process when a template render has been under way for
/// [`page_time_limit`] with no render starting or finishing meanwhile: a
/// template that loops (nearly) forever fails the build with a clear message
/// instead of hanging it. Work between renders (search index, exports) is
/// not timed. The previous output is untouched, since nothing is swapped in
/// until rendering has finished.
pub struct Watchdog {
    state: Arc<Watched>,
}

/// What the watching thread sees.
struct Watched {
    /// Renders started plus renders finished: changes whenever work moves.
    moves: AtomicU64,
    /// Renders under way.
    busy: AtomicU64,
    done: AtomicBool,
}

impl Watchdog {
    /// Starts watching.
    pub fn start(limit: Duration) -> Watchdog {
        let state = Arc::new(Watched {
            moves: AtomicU64::new(0),
            busy: AtomicU64::new(0),
            done: AtomicBool::new(false),
        });
        let seen = Arc::clone(&state);
        std::thread::spawn(move || watch(&seen, limit));
        Watchdog { state }
    }

    /// Times one render.
    pub fn render<T>(&self, work: impl FnOnce() -> T) -> T {
        self.state.busy.fetch_add(1, Ordering::Relaxed);
        self.state.moves.fetch_add(1, Ordering::Relaxed);
        let result = work();
        self.state.busy.fetch_sub(1, Ordering::Relaxed);
        self.state.moves.fetch_add(1, Ordering::Relaxed);
        result
    }
}

fn watch(state: &Watched, limit: Duration) {
    let mut last = (0, Instant::now());
    while !state.done.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(100));
        let moves = state.moves.load(Ordering::Relaxed);
        if moves != last.0 || state.busy.load(Ordering::Relaxed) == 0 {
            last = (moves, Instant::now());
        } else if last.1.elapsed() > limit && !state.done.load(Ordering::Relaxed) {
            eprintln!(
                "error: a page has been rendering for more than {} s: does a template loop forever? the previous output is untouched",
                limit.as_secs()
            );
            std::process::exit(1);
        }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.state.done.store(true, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn templates(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect()
    }

    #[test]
    fn refuses_a_macro_that_calls_itself() {
        let error = check(&templates(&[(
            "m.html",
            "{% macro a(n) %}\n{{ self::a(n=n) }}\n{% endmacro a %}",
        )]))
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "templates/m.html:2: macro m.html::a calls itself, directly or through other macros: recursive macros could render forever"
        );
    }

    #[test]
    fn refuses_mutual_recursion_across_files() {
        let error = check(&templates(&[
            (
                "a.html",
                "{% import \"b.html\" as b %}\n{% macro x() %}{{ b::y() }}{% endmacro %}",
            ),
            (
                "b.html",
                "{% import \"a.html\" as a %}\n{% macro y() %}{{ a::x() }}{% endmacro %}",
            ),
        ]));
        assert!(error.is_err());
    }

    #[test]
    fn refuses_include_cycles() {
        let error = check(&templates(&[
            ("a.html", "x\n{% include \"b.html\" %}"),
            ("b.html", "{% include \"a.html\" %}"),
        ]))
        .unwrap_err();
        assert!(error.to_string().contains("includes itself"), "{error}");
    }

    #[test]
    fn accepts_the_built_in_theme() {
        let theme: Vec<(String, String)> = crate::theme::TEMPLATES
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        check(&theme).unwrap();
    }

    #[test]
    fn range_is_bounded() {
        let args = |end: i64| HashMap::from([("end".to_string(), tera::Value::from(end))]);
        assert_eq!(range(&args(3)).unwrap(), tera::Value::from(vec![0, 1, 2]));
        let error = range(&args(1_000_000_000_000)).unwrap_err().to_string();
        assert!(error.contains("more than the limit"), "{error}");
    }
}
