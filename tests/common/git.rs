//! Histories for the tests that need one: git with a fixed author and a
//! fixed commit time.

use std::path::Path;
use std::process::Command;

/// Runs git in `root` with a fixed author and commit time (RFC 3339);
/// `None` when git is missing (a failure under CI).
pub fn git(root: &Path, args: &[&str], time: &str) -> Option<()> {
    let output = Command::new("git")
        .args([
            "-c",
            "user.name=Archivist",
            "-c",
            "user.email=a@example.org",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(root)
        .env("GIT_AUTHOR_DATE", time)
        .env("GIT_COMMITTER_DATE", time)
        .output();
    let Ok(output) = output else {
        return super::tools::missing("git (apt-get install git)");
    };
    assert!(output.status.success(), "git {args:?}: {output:?}");
    Some(())
}

/// Commits every change in `root` at `time`, making it a repository first
/// if it is none.
pub fn commit(root: &Path, time: &str) -> Option<()> {
    if !root.join(".git").exists() {
        git(root, &["init", "-q"], time)?;
    }
    git(root, &["add", "-A"], time)?;
    git(root, &["commit", "-q", "-m", "Add events"], time)
}
