//! When each file of the site last changed, as its history says: for the
//! feed's `updated`, which must tell a reader's feed reader that an event is
//! new or changed, whatever the date it is about.
//!
//! One `git log` over the site's folder gives every file's last commit
//! time; a site that is not in a git repository, or a machine without git,
//! has none, and the feed falls back to each event's `updated:` field and
//! then to `SOURCE_DATE_EPOCH`, both read here too. Never the clock: the
//! same commit builds the same bytes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The environment variable of reproducible builds: the time, in Unix
/// seconds, the build stands for.
pub const SOURCE_DATE_EPOCH: &str = "SOURCE_DATE_EPOCH";

/// When the site's files last changed, in Unix seconds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Each committed file's last commit time, by path from the site root.
    pub commits: HashMap<PathBuf, i64>,
    /// `SOURCE_DATE_EPOCH`, when set to a number.
    pub source_date: Option<i64>,
}

impl Changes {
    /// The history of the site at `root`, and the build's source date.
    pub fn read(root: &Path) -> Changes {
        Changes::start(root).finish()
    }

    /// Starts reading the history of the site at `root`: `git log` runs
    /// while the caller reads the site's files.
    pub fn start(root: &Path) -> History {
        History(git_log(root))
    }

    /// When `path` (from the site root) was last committed.
    pub fn commit(&self, path: &Path) -> Option<i64> {
        self.commits.get(path).copied()
    }
}

/// What a build's fingerprint must cover of the history and the
/// environment, so that a commit or a new `SOURCE_DATE_EPOCH` is built
/// anew even when no file changed: the last commit, and the source date.
pub fn fingerprint(root: &Path) -> (Option<Vec<u8>>, Option<String>) {
    let head = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["rev-parse", "HEAD"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|output| output.status.success())
        .map(|output| output.stdout);
    (head, std::env::var(SOURCE_DATE_EPOCH).ok())
}

/// The history of a site being read: the `git log` started by
/// [`Changes::start`], `None` when it could not start.
#[derive(Debug)]
pub struct History(Option<Child>);

impl History {
    /// Waits for `git log` and reads its output, with the build's source
    /// date.
    pub fn finish(mut self) -> Changes {
        let source_date = std::env::var(SOURCE_DATE_EPOCH).ok();
        let log = self
            .0
            .take()
            .and_then(|child| child.wait_with_output().ok())
            .filter(|output| output.status.success());
        Changes {
            commits: log.map(|log| parse_log(&log.stdout)).unwrap_or_default(),
            source_date: source_date.and_then(|value| value.trim().parse().ok()),
        }
    }
}

impl Drop for History {
    /// A read of the site that failed leaves no `git log` behind.
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Starts `git log` listing, after each commit's time, the files of
/// `content/` it changed, NUL-separated, with paths from `root`; its
/// status says whether there is a history.
fn git_log(root: &Path) -> Option<Child> {
    Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["log", "--format=%x01%ct", "--name-only", "-z", "--relative"])
        .args(["--no-show-signature", "--", "content"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()
}

/// Each file's latest commit time in a [`git_log`] output: tokens between
/// NULs, `\x01<time>` for a commit, and its files after it.
fn parse_log(log: &[u8]) -> HashMap<PathBuf, i64> {
    let mut commits = HashMap::new();
    let mut time: Option<i64> = None;
    for token in log.split(|&b| b == 0) {
        let token = token.strip_prefix(b"\n").unwrap_or(token);
        if let Some(stamp) = token.strip_prefix(b"\x01") {
            time = std::str::from_utf8(stamp)
                .ok()
                .and_then(|s| s.trim().parse().ok());
            continue;
        }
        let (Some(time), Ok(path)) = (time, std::str::from_utf8(token)) else {
            continue;
        };
        if !path.is_empty() {
            let latest = commits.entry(PathBuf::from(path)).or_insert(time);
            *latest = (*latest).max(time);
        }
    }
    commits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_file_has_its_latest_commit_time() {
        let log =
            b"\x01300\0\ncontent/a.md\0content/b.md\0\0\x01100\0\ncontent/a.md\0content/c.md\0";
        let commits = parse_log(log);
        let time = |path: &str| commits.get(Path::new(path)).copied();
        assert_eq!(time("content/a.md"), Some(300));
        assert_eq!(time("content/b.md"), Some(300));
        assert_eq!(time("content/c.md"), Some(100));
        assert_eq!(commits.len(), 3);
    }

    #[test]
    fn a_folder_without_history_has_no_commit_times() {
        let dir = tempfile::TempDir::new().unwrap();
        assert!(Changes::read(dir.path()).commits.is_empty());
    }
}
