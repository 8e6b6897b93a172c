//! Watching a site for edits, for `annals serve`.
//!
//! Editors save in many ways: in place, by writing a temporary file and
//! renaming it over the original, with swap and backup files beside it. The
//! file system reports each as a burst of events; notify's debouncer merges a
//! burst into one batch, and [`Change`] says what the batch means for the
//! build: some content files to re-read, or everything (a template, a static
//! file, interface strings or `site.yaml`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::error::{Error, Result};
use crate::load;

/// How long the file system must be quiet before a batch is handed on.
pub const QUIET: Duration = Duration::from_millis(30);

/// What a batch of file events asks the build to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// These paths under `content/` (relative to the root) changed,
    /// appeared or went away.
    Content(BTreeSet<PathBuf>),
    /// Settings, templates, interface strings or static files changed:
    /// rebuild everything.
    Everything,
}

impl Change {
    /// One change that does what both do.
    pub fn merge(self, other: Change) -> Change {
        match (self, other) {
            (Change::Content(mut a), Change::Content(b)) => {
                a.extend(b);
                Change::Content(a)
            }
            _ => Change::Everything,
        }
    }
}

/// A running watcher; dropping it stops watching.
pub struct Watcher {
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
}

/// Watches `root`'s `content/`, `templates/`, `static/`, `i18n/` and
/// `site.yaml`, sending a [`Change`] for each batch of edits that matters.
pub fn watch(root: &Path, changes: Sender<Change>) -> Result<Watcher> {
    let root = std::path::absolute(root).map_err(|e| Error::io(root, e))?;
    let base = root.clone();
    let handler = move |result: DebounceEventResult| {
        let paths = match result {
            Ok(events) => events
                .into_iter()
                .filter(|event| !event.kind.is_access())
                .flat_map(|event| event.event.paths),
            Err(_) => {
                let _ = changes.send(Change::Everything);
                return;
            }
        };
        if let Some(change) = classify(&base, paths) {
            let _ = changes.send(change);
        }
    };
    let mut debouncer = new_debouncer(QUIET, None, handler).map_err(watch_error(&root))?;
    debouncer
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(watch_error(&root))?;
    for dir in ["content", "templates", "static", "i18n"] {
        let path = root.join(dir);
        if path.is_dir() {
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .map_err(watch_error(&path))?;
        }
    }
    Ok(Watcher {
        _debouncer: debouncer,
    })
}

fn watch_error(path: &Path) -> impl Fn(notify::Error) -> Error + '_ {
    move |error| Error::io(path, std::io::Error::other(error.to_string()))
}

/// What the changed `paths` (absolute) mean for a build of `root`, if
/// anything: editor junk and files outside the site's folders are ignored.
pub fn classify(root: &Path, paths: impl IntoIterator<Item = PathBuf>) -> Option<Change> {
    let mut change: Option<Change> = None;
    for path in paths {
        let Ok(relative) = path.strip_prefix(root) else {
            continue;
        };
        let junk = relative
            .components()
            .any(|part| load::is_junk(part.as_os_str()));
        let first = relative.components().next();
        let next = match first.and_then(|part| part.as_os_str().to_str()) {
            _ if junk => continue,
            Some("content") => Change::Content(BTreeSet::from([relative.to_path_buf()])),
            Some("templates" | "static" | "i18n") => Change::Everything,
            _ if relative == Path::new("site.yaml") => Change::Everything,
            _ => continue,
        };
        change = Some(match change {
            Some(previous) => previous.merge(next),
            None => next,
        });
    }
    change
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(paths: &[&str]) -> Option<Change> {
        classify(
            Path::new("/site"),
            paths.iter().map(|p| Path::new("/site").join(p)),
        )
    }

    #[test]
    fn content_edits_name_their_files_and_junk_is_ignored() {
        let change = of(&[
            "content/a.md",
            "content/.a.md.swp",
            "content/a.md~",
            "public/x.html",
        ]);
        assert_eq!(
            change,
            Some(Change::Content(BTreeSet::from(["content/a.md".into()])))
        );
        assert_eq!(of(&["content/#a.md#", "target/x"]), None);
    }

    #[test]
    fn settings_templates_and_static_files_rebuild_everything() {
        for path in [
            "site.yaml",
            "templates/event.html",
            "static/x.css",
            "i18n/es.yaml",
        ] {
            assert_eq!(
                of(&["content/a.md", path]),
                Some(Change::Everything),
                "{path}"
            );
        }
    }
}
