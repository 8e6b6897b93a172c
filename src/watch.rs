//! Watching a site for edits, for `annals serve`.
//!
//! Editors save in many ways: in place, by writing a temporary file and
//! renaming it over the original, with swap and backup files beside it. The
//! file system reports each as a burst of events; `batch` gathers a burst
//! into one batch, handed on as soon as the save's last step (the file
//! closed after writing, or renamed into place) has come, and [`Change`]
//! says what the batch means for the build: some content files to re-read,
//! or everything (a template, a static file, interface strings or
//! `site.yaml`).

mod batch;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Sender};

use notify::event::{EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::error::{Error, Result};
use crate::load;

use batch::Message;
pub use batch::{QUIET, SETTLE};

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
    messages: Sender<Message>,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.messages.send(Message::Stop);
    }
}

/// Watches `root`'s `content/`, `templates/`, `static/`, `i18n/` and
/// `site.yaml`, sending a [`Change`] for each batch of edits that matters.
/// Folders made inside them later are watched too, and so are those four
/// when they appear after the watch began.
pub fn watch(root: &Path, changes: Sender<Change>) -> Result<Watcher> {
    let root = std::path::absolute(root).map_err(|e| Error::io(root, e))?;
    let (messages, received) = mpsc::channel();
    let events = messages.clone();
    let handler = move |event| {
        let _ = events.send(Message::Event(event));
    };
    let mut watcher = notify::recommended_watcher(handler).map_err(watch_error(&root))?;
    watcher
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(watch_error(&root))?;
    for dir in FOLDERS {
        let path = root.join(dir);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(watch_error(&path))?;
        }
    }
    let mut site = Site {
        root,
        watcher,
        changes,
    };
    std::thread::spawn(move || {
        while let Some(events) = batch::next(&received, |path| site.matters(path)) {
            site.handle(events);
        }
    });
    Ok(Watcher { messages })
}

/// What the watching thread owns.
struct Site {
    root: PathBuf,
    watcher: RecommendedWatcher,
    changes: Sender<Change>,
}

impl Site {
    /// Whether an event on `path` may change the build.
    fn matters(&self, path: &Path) -> bool {
        classify(&self.root, [path.to_path_buf()]).is_some()
    }

    /// Watches the site folders that appeared, then sends what the batch
    /// means: the rebuild comes after the new watch, so it sees the files
    /// made in a new folder before the watch began.
    fn handle(&mut self, events: Vec<notify::Result<notify::Event>>) {
        let mut paths = Vec::new();
        let mut lost = false;
        for event in events {
            let Ok(event) = event else {
                // Events were lost (the kernel's queue overflowed): be sure.
                lost = true;
                continue;
            };
            let appeared = appears(&event.kind);
            for path in event.paths {
                if appeared && is_site_folder(&self.root, &path) {
                    if let Err(error) = self.watcher.watch(&path, RecursiveMode::Recursive) {
                        eprintln!("{}", watch_error(&path)(error));
                    }
                }
                paths.push(path);
            }
        }
        let change = match lost {
            true => Some(Change::Everything),
            false => classify(&self.root, paths),
        };
        if let Some(change) = change {
            let _ = self.changes.send(change);
        }
    }
}

/// Whether the event made its paths appear (created or renamed into place).
fn appears(kind: &EventKind) -> bool {
    matches!(
        kind,
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
