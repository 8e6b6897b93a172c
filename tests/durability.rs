//! Nothing is lost: a full build killed with SIGKILL at any moment, two
//! builds at once, or a disk that fills up leave the output either as it was
//! or as the new build made it, never a mix. A build after an edit, which
//! replaces the files the edit touched in place, killed at any moment, is
//! followed by a build that gives exactly what a clean build gives.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The output's files, less the marker, whose stamp records the inputs'
/// modification times rather than what the pages say.
fn snapshot(output: &Path) -> Snapshot {
    let mut files = common::snapshot(output);
    files.remove(Path::new(annals::output::MARKER));
    files
}

type Snapshot = BTreeMap<PathBuf, Vec<u8>>;

/// A site big enough that a build takes a while to write.
fn big_site(events: usize, variant: &str) -> tempfile::TempDir {
    let site = common::site(&[]);
    write_events(site.path(), events, variant);
    site
}

/// Changes the site's title, which every page shows.
fn retitle(root: &Path, variant: &str) {
    common::write(root, "site.yaml", &format!("title: Variant {variant}\n"));
}

fn write_events(root: &Path, events: usize, variant: &str) {
    for i in 0..events {
        common::write(
            root,
            &format!("content/events/e{i:05}.md"),
            &format!(
                "---\ntitle: Event {i} {variant}\ndate: {}-{:02}-{:02}\ntags: [t{}, u{}]\n---\n{}\n",
                1800 + i % 200,
                1 + i % 12,
                1 + i % 28,
                i % 17,
                i % 5,
                "Body text of some length. ".repeat(40)
            ),
        );
    }
}

fn annals(root: &Path, output: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_annals"));
    command
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(output)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

fn build_into(root: &Path, output: &Path) -> Snapshot {
    let status = annals(root, output).status().unwrap();
    assert!(status.success());
    snapshot(output)
}

fn wait(mut child: Child) -> std::process::Output {
    let deadline = Instant::now() + Duration::from_secs(120);
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "a build hung");
        std::thread::sleep(Duration::from_millis(5));
    }
    child.wait_with_output().unwrap()
}

/// A small deterministic pseudo-random sequence (no test depends on luck).
fn delays(count: usize, max_micros: u64) -> Vec<Duration> {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    (0..count)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            Duration::from_micros(state % max_micros.max(1))
        })
        .collect()
}

#[test]
fn a_build_killed_at_any_moment_leaves_a_complete_output() {
    let site = big_site(600, "");
    retitle(site.path(), "A");
    let expect_a = build_into(site.path(), &site.path().join("a"));
    retitle(site.path(), "B");
    let expect_b = build_into(site.path(), &site.path().join("b"));
    assert_ne!(expect_a, expect_b);

    let output = site.path().join("public");
    let started = Instant::now();
    let mut current = build_into(site.path(), &output);
    let full = started.elapsed().as_micros() as u64;
    assert_eq!(current, expect_b);

    let mut seen_old = 0;
    for (round, delay) in delays(24, full * 3 / 2).into_iter().enumerate() {
        retitle(site.path(), if round % 2 == 0 { "A" } else { "B" });
        let mut child = annals(site.path(), &output).spawn().unwrap();
        std::thread::sleep(delay);
        child.kill().unwrap();
        child.wait().unwrap();
        let now = snapshot(&output);
        assert!(
            now == expect_a || now == expect_b,
            "round {round}: killed after {delay:?}, the output is neither the old nor the new build"
        );
        if now == current {
            seen_old += 1;
        }
        current = now;
    }
    assert!(
        seen_old > 0,
        "no kill landed before the swap: the test did not test anything"
    );
    // The next build cleans up whatever a killed one left behind.
    retitle(site.path(), "A");
    assert_eq!(build_into(site.path(), &output), expect_a);
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("annals-staging"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Retitles one event, which its page, its neighbours', its tags' pages,
/// the index and the exports show.
fn retitle_event(root: &Path, round: usize) {
    let text = format!(
        "---\ntitle: Event retitled in round {round}\ndate: 1807-08-08\ntags: [t7, u2]\n---\n{}\n",
        "Body text of some length. ".repeat(40)
    );
    common::write(root, "content/events/e00007.md", &text);
}

#[test]
fn a_build_after_an_edit_killed_at_any_moment_is_followed_by_a_correct_one() {
    let site = big_site(600, "");
    let output = site.path().join("public");
    build_into(site.path(), &output);
    retitle_event(site.path(), 0);
    let started = Instant::now();
    build_into(site.path(), &output);
    let incremental = started.elapsed().as_micros() as u64;
    for (round, delay) in delays(8, incremental * 3 / 2).into_iter().enumerate() {
        retitle_event(site.path(), round + 1);
        let mut child = annals(site.path(), &output).spawn().unwrap();
        std::thread::sleep(delay);
        child.kill().unwrap();
        child.wait().unwrap();
        let next = build_into(site.path(), &output);
        let clean = site.path().join("clean");
        let expected = build_into(site.path(), &clean);
        std::fs::remove_dir_all(&clean).unwrap();
        assert!(
            next == expected,
            "round {round}: killed after {delay:?}, the next build is not a clean build's output"
        );
    }
}

#[test]
fn two_builds_at_once_never_mix() {
    let site = big_site(400, "A");
    let expected = build_into(site.path(), &site.path().join("expected"));
    let output = site.path().join("public");
    for _ in 0..3 {
        let first = annals(site.path(), &output).spawn().unwrap();
        let second = annals(site.path(), &output).spawn().unwrap();
        for result in [wait(first), wait(second)] {
            assert!(
                result.status.success(),
                "{}",
                String::from_utf8_lossy(&result.stderr)
            );
        }
        assert_eq!(snapshot(&output), expected);
    }
}

#[test]
fn a_full_disk_fails_clearly_and_keeps_the_previous_output() {
    let site = big_site(300, "A");
    let output = site.path().join("public");
    let before = build_into(site.path(), &output);
    write_events(site.path(), 300, "B");
    // `ulimit -f` makes writes past 64 KiB fail with EFBIG, as a full disk
    // fails them with ENOSPC; SIGXFSZ is ignored so the error reaches annals.
    let script = format!(
        "trap '' XFSZ; ulimit -f 64; exec '{}' build --root '{}'",
        env!("CARGO_BIN_EXE_annals"),
        site.path().display()
    );
    let result = Command::new("bash").args(["-c", &script]).output().unwrap();
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("File too large"), "{stderr}");
    assert!(
        stderr.contains("the previous output is untouched"),
        "{stderr}"
    );
    assert_eq!(snapshot(&output), before);
}
