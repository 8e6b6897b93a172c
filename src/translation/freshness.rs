//! How complete and current the translations are, for `annals check`.
//!
//! Missing translations are information (an edition shows the original
//! instead); a translation older than its original is a warning, since the
//! original may have changed in a way the translation does not say. "Older"
//! is by the last commit touching each file when both are in a git
//! repository, else by the files' modification times.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, SystemTime};

use crate::config::Config;
use crate::event::Event;

/// Modification times closer than this are the same edit (files copied or
/// checked out together), not an original changed after its translation.
const COPY_TOLERANCE: Duration = Duration::from_secs(2);

/// How many untranslated files a line names before it says "…".
const NAMED: usize = 3;

/// One line per other language that has untranslated events: the count and
/// the first few files.
pub fn missing(events: &[Event], config: &Config) -> Vec<String> {
    config.languages[1..]
        .iter()
        .filter_map(|language| {
            let untranslated: Vec<&Event> = events
                .iter()
                .filter(|event| !event.translations.contains_key(&language.code))
                .collect();
            if untranslated.is_empty() {
                return None;
            }
            let mut named: Vec<String> = untranslated
                .iter()
                .take(NAMED)
                .map(|event| describe(event))
                .collect();
            if untranslated.len() > NAMED {
                named.push("…".into());
            }
            let n = untranslated.len();
            Some(format!(
                "{}: {n} event{} not translated: {}",
                language.code,
                if n == 1 { "" } else { "s" },
                named.join(", ")
            ))
        })
        .collect()
}

/// `content/x.md`, or `content/list.yaml (Title)` for an event of a list.
fn describe(event: &Event) -> String {
    let path = event.path().display();
    match crate::load::format_of(event.path()) {
        Some(crate::load::Format::Markdown) => path.to_string(),
        _ => format!("{path} ({})", event.title),
    }
}

/// A warning for every translation file last changed before its original.
pub fn outdated(root: &Path, events: &[Event]) -> Vec<String> {
    let mut warnings = Vec::new();
    for event in events {
        let original = event.path();
        for translation in event.translations.values() {
            let path = &translation.origin.path;
            if path == original {
                continue;
            }
            if changed_after(root, original, path) {
                warnings.push(format!(
                    "{}: {} changed after this translation: check that it still says the same",
                    path.display(),
                    original.display()
                ));
            }
        }
    }
    warnings
}

/// True when `original` changed after `translation`.
fn changed_after(root: &Path, original: &Path, translation: &Path) -> bool {
    if let (Some(a), Some(b)) = (committed(root, original), committed(root, translation)) {
        return a > b;
    }
    match (modified(root, original), modified(root, translation)) {
        (Some(a), Some(b)) => a.duration_since(b).is_ok_and(|d| d > COPY_TOLERANCE),
        _ => false,
    }
}

/// The time of the last commit touching `path`, in seconds, when `root` is
/// in a git repository that has committed it.
fn committed(root: &Path, path: &Path) -> Option<u64> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["log", "-1", "--format=%ct", "--"])
        .arg(path)
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    String::from_utf8(output.stdout).ok()?.trim().parse().ok()
}

fn modified(root: &Path, path: &Path) -> Option<SystemTime> {
    std::fs::metadata(root.join(path)).ok()?.modified().ok()
}
