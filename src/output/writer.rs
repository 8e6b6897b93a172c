//! One thread that writes the staging folder's pages as they are rendered.
//!
//! Rendering runs on every core, but the kernel creates the files of one
//! folder one at a time: threads creating files side by side in `events/`
//! spend their time spinning on the folder's lock. Handing pages to a single
//! writer keeps every core rendering and the disk busy at once. A page the
//! same as the previous build's is hard-linked from it instead, so its
//! modification time stays (a Pages deploy or rsync skips it).

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use crate::error::{Error, Result};

/// Pages waiting to be written, at most: bounds the memory they hold.
const QUEUE: usize = 256;

/// What the writer is asked to do.
enum Job {
    /// Write `bytes` at `target`, or link `previous` there when it holds
    /// them (`None`: the caller found it does).
    Page {
        target: PathBuf,
        previous: PathBuf,
        bytes: Option<Vec<u8>>,
    },
    /// Answer once every page sent before is written.
    Flush(SyncSender<Option<Error>>),
}

/// The writer thread and the way to it.
pub(super) struct Writer {
    jobs: Option<SyncSender<Job>>,
    thread: Option<JoinHandle<Option<Error>>>,
}

impl Writer {
    /// Starts the writer thread.
    pub(super) fn start() -> Writer {
        let (jobs, queue) = sync_channel(QUEUE);
        let thread = std::thread::Builder::new()
            .name("annals-writer".into())
            .spawn(move || run(queue))
            .ok();
        Writer {
            jobs: Some(jobs),
            thread,
        }
    }

    /// Queues a page; `previous` is where the previous build put it. The
    /// comparison with it is made here, on the caller's thread, so that
    /// rebuilds compare pages on every core.
    pub(super) fn page(&self, target: PathBuf, previous: PathBuf, bytes: &[u8]) -> Result<()> {
        let bytes = (!same_content(&previous, bytes)).then(|| bytes.to_vec());
        match (&self.jobs, &self.thread) {
            (Some(jobs), Some(_)) => {
                let job = Job::Page {
                    target,
                    previous,
                    bytes,
                };
                jobs.send(job).map_err(|_| stopped())
            }
            // No thread could be started: write here.
            _ => make_folder(&target, &mut HashSet::new())
                .and_then(|()| write(&target, &previous, bytes.as_deref())),
        }
    }

    /// Waits until every page queued is written; the first failure, if any.
    pub(super) fn flush(&self) -> Result<()> {
        let (Some(jobs), Some(_)) = (&self.jobs, &self.thread) else {
            return Ok(());
        };
        let (answer, answered) = sync_channel(1);
        jobs.send(Job::Flush(answer)).map_err(|_| stopped())?;
        match answered.recv() {
            Ok(None) => Ok(()),
            Ok(Some(error)) => Err(error),
            Err(_) => Err(stopped()),
        }
    }

    /// Stops the thread once its queue is written.
    pub(super) fn stop(&mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        self.stop();
    }
}

fn stopped() -> Error {
    Error::Usage("the thread writing the output stopped".into())
}

/// Writes pages until the queue closes. After a failure it writes nothing
/// more and reports the failure at the next flush.
fn run(queue: Receiver<Job>) -> Option<Error> {
    let mut failed = None;
    let mut folders = HashSet::new();
    for job in queue {
        match job {
            Job::Page {
                target,
                previous,
                bytes,
            } if failed.is_none() => {
                let written = make_folder(&target, &mut folders)
                    .and_then(|()| write(&target, &previous, bytes.as_deref()));
                failed = written.err();
            }
            Job::Page { .. } => {}
            Job::Flush(answer) => {
                let _ = answer.send(failed.take());
            }
        }
    }
    failed
}

fn make_folder(target: &Path, made: &mut HashSet<PathBuf>) -> Result<()> {
    let Some(dir) = target.parent() else {
        return Ok(());
    };
    if !made.contains(dir) {
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        made.insert(dir.to_path_buf());
    }
    Ok(())
}

/// Writes `bytes` at `target`, or links `previous` there when there are
/// none (it holds them); a failed link falls back to reading `previous`.
fn write(target: &Path, previous: &Path, bytes: Option<&[u8]>) -> Result<()> {
    match bytes {
        Some(bytes) => fs::write(target, bytes).map_err(|e| Error::io(target, e)),
        None if fs::hard_link(previous, target).is_ok() => Ok(()),
        None => fs::copy(previous, target)
            .map(drop)
            .map_err(|e| Error::io(target, e)),
    }
}

fn same_content(path: &Path, bytes: &[u8]) -> bool {
    match fs::metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {
            fs::read(path).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_written_before_a_flush_returns_and_failures_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let writer = Writer::start();
        let target = dir.path().join("a/b/page.html");
        writer
            .page(target.clone(), dir.path().join("none"), b"text")
            .unwrap();
        writer.flush().unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"text");
        fs::write(dir.path().join("file"), "").unwrap();
        let under_a_file = dir.path().join("file/page.html");
        writer
            .page(under_a_file, dir.path().join("none"), b"x")
            .unwrap();
        let error = writer.flush().unwrap_err().to_string();
        assert!(error.contains("file"), "{error}");
    }
}
