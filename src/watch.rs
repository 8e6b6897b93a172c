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
use std::sync::mpsc::{self, Sender};
use std::time::Duration;

use notify::RecursiveMode;
use notify::event::{EventKind, ModifyKind};
use notify_debouncer_full::{DebounceEventResult, DebouncedEvent, new_debouncer};

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

/// The folders of a site that are watched with all they hold.
const FOLDERS: [&str; 4] = ["content", "templates", "static", "i18n"];

/// A running watcher; dropping it stops watching.
pub struct Watcher {
    orders: Sender<Order>,
}

/// What the thread that owns the debouncer is asked to do.
enum Order {
    /// One of [`FOLDERS`] appeared (or came back): watch it, then rebuild
    /// what it holds, since files made before the watch began went unseen.
    Watch(PathBuf),
    Stop,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.orders.send(Order::Stop);
    }
}

/// Watches `root`'s `content/`, `templates/`, `static/`, `i18n/` and
/// `site.yaml`, sending a [`Change`] for each batch of edits that matters.
/// Folders made inside them later are watched too, and so are those four
/// when they appear after the watch began.
pub fn watch(root: &Path, changes: Sender<Change>) -> Result<Watcher> {
    let root = std::path::absolute(root).map_err(|e| Error::io(root, e))?;
    let (orders, received) = mpsc::channel();
    let handler = handler(root.clone(), changes.clone(), orders.clone());
    let mut debouncer = new_debouncer(QUIET, None, handler).map_err(watch_error(&root))?;
    debouncer
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(watch_error(&root))?;
    for dir in FOLDERS {
        let path = root.join(dir);
        if path.is_dir() {
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .map_err(watch_error(&path))?;
        }
    }
    std::thread::spawn(move || {
        while let Ok(Order::Watch(path)) = received.recv() {
            if let Err(error) = debouncer.watch(&path, RecursiveMode::Recursive) {
                eprintln!("{}", watch_error(&path)(error));
            }
            if let Some(change) = classify(&root, [path]) {
                let _ = changes.send(change);
            }
        }
    });
    Ok(Watcher { orders })
}

/// What the debouncer calls with each batch: new site folders are handed
/// to the watching thread, every other path is classified and sent on.
fn handler(
    root: PathBuf,
    changes: Sender<Change>,
    orders: Sender<Order>,
) -> impl FnMut(DebounceEventResult) {
    move |result: DebounceEventResult| {
        let Ok(events) = result else {
            let _ = changes.send(Change::Everything);
            return;
        };
        let mut others = Vec::new();
        for event in events.into_iter().filter(|event| !event.kind.is_access()) {
            let appeared = appears(&event);
            for path in event.event.paths {
                if appeared && is_site_folder(&root, &path) {
                    let _ = orders.send(Order::Watch(path));
                } else {
                    others.push(path);
                }
            }
        }
        if let Some(change) = classify(&root, others) {
            let _ = changes.send(change);
        }
    }
}

/// Whether the event made its paths appear (created or renamed into place).
fn appears(event: &DebouncedEvent) -> bool {
    matches!(
        event.kind,
        EventKind::Create(_) | EventKind::Modify(ModifyKind::Name(_))
    )
}

/// Whether `path` is one of the site's [`FOLDERS`], there now.
fn is_site_folder(root: &Path, path: &Path) -> bool {
    path.parent() == Some(root)
        && path
            .file_name()
            .and_then(|name| name.to_str())
            .is_some_and(|name| FOLDERS.contains(&name))
        && path.is_dir()
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
