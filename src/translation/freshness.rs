//! How complete and current the translations are, for `annals check`.
//!
//! Missing translations are information (an edition shows the original
//! instead); a translation older than its original is a warning, since the
//! original may have changed in a way the translation does not say. "Older"
//! is by the last commit touching each file when both are in a git
//! repository, else by the files' modification times. In a repository, an
//! original changed since only where its translation has nothing to say (a
//! source's URL or archive, its tags, a citation added after the ones the
//! translation titles) is not a warning: what the translation translates is
//! compared with the original as it was at the translation's last commit.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, SystemTime};

use crate::config::Config;
use crate::event::{Event, Translation};
use crate::load::{Format, SourceFile};

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
            if changed_after(root, event, translation) {
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

/// True when `event`'s file changed after `translation` in a way the
/// translation may need to follow.
fn changed_after(root: &Path, event: &Event, translation: &Translation) -> bool {
    let (original, path) = (event.path(), translation.origin.path.as_path());
    if let (Some(a), Some(b)) = (committed(root, original), committed(root, path)) {
        return a.time > b.time && translated_part_changed(root, event, &b.hash, translation);
    }
    match (modified(root, original), modified(root, path)) {
        (Some(a), Some(b)) => a.duration_since(b).is_ok_and(|d| d > COPY_TOLERANCE),
        _ => false,
    }
}

/// The last commit touching a file.
struct Commit {
    time: u64,
    hash: String,
}

/// The last commit touching `path`, when `root` is in a git repository that
/// has committed it.
fn committed(root: &Path, path: &Path) -> Option<Commit> {
    let out = git(root, &["log", "-1", "--format=%ct %H", "--"], Some(path))?;
    let (time, hash) = out.trim().split_once(' ')?;
    Some(Commit {
        time: time.parse().ok()?,
        hash: hash.to_owned(),
    })
}

/// Whether what `translation` translates (title, summary, place, body, and
/// the titles of the sources it lists) differs between `event` now and its
/// file at `commit`. Anything that cannot be compared counts as changed.
fn translated_part_changed(
    root: &Path,
    event: &Event,
    commit: &str,
    translation: &Translation,
) -> bool {
    let spec = format!("{commit}:./{}", event.path().display());
    let Some(text) = git(root, &["show", &spec], None) else {
        return true;
    };
    let file = SourceFile {
        path: event.path().to_owned(),
        text: text.replace("\r\n", "\n"),
        format: Format::Markdown,
    };
    let Ok(old) = crate::event::parse_file(&file) else {
        return true;
    };
    let listed = translation.source_titles.len();
    old.iter()
        .find(|old| old.slug == event.slug)
        .is_none_or(|old| translated(old, listed) != translated(event, listed))
}

/// An original's title, summary, place, body and first source titles.
type Translated<'a> = (
    &'a str,
    &'a str,
    Option<&'a str>,
    String,
    Vec<Option<&'a str>>,
);

/// What a translation listing `listed` source titles translates of `event`.
fn translated(event: &Event, listed: usize) -> Option<Translated<'_>> {
    let body = event.body.text().ok()?.into_owned();
    let titles = event
        .sources
        .iter()
        .take(listed)
        .map(|s| s.title.as_deref())
        .collect();
    Some((
        &event.title,
        &event.summary,
        event.place.as_deref(),
        body,
        titles,
    ))
}

/// `git -C root <args> [path]`'s output, when it succeeds.
fn git(root: &Path, args: &[&str], path: Option<&Path>) -> Option<String> {
    let mut command = Command::new("git");
    command.arg("-C").arg(root).args(args);
    if let Some(path) = path {
        command.arg(path);
    }
    let output = command.output().ok()?;
    if !output.status.success() {
        return None;
    }
    String::from_utf8(output.stdout).ok()
}

fn modified(root: &Path, path: &Path) -> Option<SystemTime> {
    std::fs::metadata(root.join(path)).ok()?.modified().ok()
}
