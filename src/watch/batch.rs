//! Gathering the file system's events into batches, one per save.
//!
//! A save is a burst of events: a file opened and truncated, written,
//! closed; or a temporary file written and renamed over the original. A
//! batch ends when the site's files have been quiet for [`QUIET`], or, once
//! the last step of a save has come (a file closed after writing or renamed
//! into place), [`SETTLE`] after it: an edit is rebuilt a few
//! milliseconds after the editor has finished writing, and never from a
//! file it is still writing. Events that cannot change the build (files
//! read, editor junk, other folders) neither start a batch nor hold one
//! back.

use std::path::Path;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind, RenameMode};

/// How long the site's files must be quiet before a batch is handed on
/// when no save has finished.
pub const QUIET: Duration = Duration::from_millis(30);

/// How long to wait for more after the last step of a save.
pub const SETTLE: Duration = Duration::from_millis(3);

/// The longest a batch is held back while events keep coming.
const LONGEST: Duration = Duration::from_millis(500);

/// What the watching thread receives.
pub(super) enum Message {
    /// What the file system reported.
    Event(notify::Result<notify::Event>),
    /// The watcher was dropped.
    Stop,
}

/// The next batch of events that matter (`matters` says which paths do),
/// or `None` once the watcher is stopped.
pub(super) fn next(
    messages: &Receiver<Message>,
    matters: impl Fn(&Path) -> bool,
) -> Option<Vec<notify::Result<notify::Event>>> {
    let keep = |event: &notify::Result<notify::Event>| match event {
        Ok(event) => counts(&event.kind) && event.paths.iter().any(|path| matters(path)),
        Err(_) => true,
    };
    let first = loop {
        match messages.recv().ok()? {
            Message::Event(event) if keep(&event) => break event,
            Message::Event(_) => {}
            Message::Stop => return None,
        }
    };
    let started = Instant::now();
    let mut deadline = started + wait_after(&first, &matters);
    let mut batch = vec![first];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match messages.recv_timeout(left) {
            Ok(Message::Event(event)) if keep(&event) => {
                deadline = (Instant::now() + wait_after(&event, &matters)).min(started + LONGEST);
                batch.push(event);
            }
            Ok(Message::Event(_)) => {}
            Ok(Message::Stop) | Err(RecvTimeoutError::Disconnected) => return None,
            Err(RecvTimeoutError::Timeout) => return Some(batch),
        }
    }
}

/// Whether an event of this kind can change a file: not one that only
/// read it.
fn counts(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(access) => *access == AccessKind::Close(AccessMode::Write),
        _ => true,
    }
}

/// How long to wait for more after `event`: [`SETTLE`] when it finished
/// writing a file that `matters`, [`QUIET`] otherwise. A file renamed away
/// or removed is not finished: editors that save so write it again next.
fn wait_after(event: &notify::Result<notify::Event>, matters: impl Fn(&Path) -> bool) -> Duration {
    let Ok(event) = event else {
        return QUIET;
    };
    let written = match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => event.paths.first(),
        EventKind::Modify(ModifyKind::Name(RenameMode::To)) => event.paths.first(),
        EventKind::Modify(ModifyKind::Name(RenameMode::Both)) => event.paths.get(1),
        _ => None,
    };
    match written {
        Some(path) if matters(path) => SETTLE,
        _ => QUIET,
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::mpsc;

    use notify::event::{CreateKind, DataChange, RemoveKind};

    use super::*;

    fn event(kind: EventKind, path: &str) -> Message {
        Message::Event(Ok(notify::Event::new(kind).add_path(PathBuf::from(path))))
    }

    fn kinds(batch: &[notify::Result<notify::Event>]) -> Vec<EventKind> {
        batch.iter().map(|e| e.as_ref().unwrap().kind).collect()
    }

    const WRITE: EventKind = EventKind::Modify(ModifyKind::Data(DataChange::Any));
    const CLOSE: EventKind = EventKind::Access(AccessKind::Close(AccessMode::Write));
    const READ: EventKind = EventKind::Access(AccessKind::Close(AccessMode::Read));

    #[test]
    fn a_save_is_one_batch_and_reads_and_junk_are_left_out() {
        let (send, receive) = mpsc::channel();
        for message in [
            event(READ, "content/a.md"),
            event(EventKind::Create(CreateKind::File), "content/a.md"),
            event(WRITE, "content/a.md"),
            event(WRITE, "content/.a.md.swp"),
            event(CLOSE, "content/a.md"),
        ] {
            send.send(message).unwrap();
        }
        let matters = |path: &Path| !path.to_string_lossy().contains(".swp");
        let batch = next(&receive, matters).unwrap();
        assert_eq!(
            kinds(&batch),
            [EventKind::Create(CreateKind::File), WRITE, CLOSE]
        );
        send.send(event(WRITE, "content/b.md")).unwrap();
        let started = Instant::now();
        let batch = next(&receive, matters).unwrap();
        assert_eq!(kinds(&batch), [WRITE], "the next save is the next batch");
        assert!(started.elapsed() >= QUIET, "a save not finished waits");
        send.send(Message::Stop).unwrap();
        assert!(next(&receive, matters).is_none());
    }

    #[test]
    fn a_file_renamed_away_or_removed_waits_to_be_written_again() {
        let (send, receive) = mpsc::channel();
        let away = notify::Event::new(EventKind::Modify(ModifyKind::Name(RenameMode::Both)))
            .add_path("content/a.md".into())
            .add_path("content/a.md~".into());
        let removed =
            notify::Event::new(EventKind::Remove(RemoveKind::File)).add_path("content/a.md".into());
        let matters = |path: &Path| !path.to_string_lossy().ends_with('~');
        for event in [away, removed] {
            send.send(Message::Event(Ok(event))).unwrap();
            let started = Instant::now();
            assert_eq!(next(&receive, matters).unwrap().len(), 1);
            assert!(started.elapsed() >= QUIET);
        }
    }
}
