//! The Atom feed's `updated`, as a feed reader reads it (feedparser): when
//! each event was added or last changed, from its files' git history, else
//! its `updated:` field, else `SOURCE_DATE_EPOCH`, never the clock; the
//! same history builds the same bytes.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::git::commit;
use common::tools::{self, BASE};
use common::{break_build, write};
use serde_json::Value;
use tempfile::TempDir;

const SITE: &str = "title: \"Embassies\"
languages:
  - {code: en, name: English}
  - {code: es, name: Español}
";

/// An event file: a title and a date, with more front matter if given.
fn event(title: &str, date: &str, more: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndate: {date}\n{more}---\nThe envoys met.\n")
}

/// Builds `root` with the CLI, `SOURCE_DATE_EPOCH` set to `epoch` if given.
fn build(root: &Path, epoch: Option<&str>) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_annals"));
    command
        .args(["build", "-q", "--base-url", BASE])
        .current_dir(root);
    command.env_remove("SOURCE_DATE_EPOCH");
    if let Some(epoch) = epoch {
        command.env("SOURCE_DATE_EPOCH", epoch);
    }
    let output = command.output().unwrap();
    assert!(output.status.success(), "{output:?}");
}

/// Each entry's title and `updated`, as feedparser reads `path`, and the
/// feed's own `updated`.
fn updated(path: &Path) -> Option<(Vec<(String, String)>, String)> {
    let feed = tools::python("feed", &[path])?;
    assert_eq!(feed["bozo"], false, "{}", feed["bozo_exception"]);
    assert_eq!(feed["version"], "atom10");
    let text = |value: &Value| value.as_str().unwrap_or_default().to_string();
    let entries = feed["entries"].as_array().unwrap();
    let times = entries
        .iter()
        .map(|e| (text(&e["title"]), text(&e["updated"])));
    Some((times.collect(), text(&feed["feed"]["updated"])))
}

/// A site whose history has an old event, a translation of it changed
/// later, an event about 1046 added after both (with an older `updated:`
/// that the history overrides), and two files not yet committed.
fn history() -> Option<TempDir> {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(root, "site.yaml", SITE);
    write(
        root,
        "content/events/ghent.md",
        &event("Ghent", "1814-12-24", ""),
    );
    write(
        root,
        "content/events/ghent.es.md",
        "---\ntitle: \"Gante\"\n---\nSe reunieron.\n",
    );
    commit(root, "2024-01-02T03:04:05Z")?;
    let written = "updated: 2020-01-01\n";
    write(
        root,
        "content/events/1046.md",
        &event("Envoys in 1046", "1046", written),
    );
    commit(root, "2025-06-01T12:00:00Z")?;
    write(
        root,
        "content/events/ghent.es.md",
        "---\ntitle: \"Paz de Gante\"\n---\nFirmada.\n",
    );
    commit(root, "2025-07-01T08:30:00Z")?;
    let noted = "updated: 2025-08-09T10:11:12+02:00\n";
    write(
        root,
        "content/events/vienna.md",
        &event("Vienna", "1815", noted),
    );
    write(
        root,
        "content/events/utrecht.md",
        &event("Utrecht", "1713", ""),
    );
    Some(dir)
}

#[test]
fn feed_readers_see_when_each_event_was_added_or_changed() {
    let Some(dir) = history() else {
        return;
    };
    build(dir.path(), Some("1767225600"));
    let Some((entries, feed)) = updated(&dir.path().join("public/atom.xml")) else {
        return;
    };
    // The most recently added or changed first.
    let expected = [
        ("Utrecht", "2026-01-01T00:00:00Z"),
        ("Vienna", "2025-08-09T08:11:12Z"),
        ("Ghent", "2025-07-01T08:30:00Z"),
        ("Envoys in 1046", "2025-06-01T12:00:00Z"),
    ]
    .map(|(title, time)| (title.to_string(), time.to_string()));
    assert_eq!(
        entries, expected,
        "the last commit (of the file or its translation), else updated:, else SOURCE_DATE_EPOCH"
    );
    assert_eq!(feed, "2026-01-01T00:00:00Z", "the latest of its entries");
    let (spanish, _) = updated(&dir.path().join("public/es/atom.xml")).unwrap();
    assert_eq!(
        spanish,
        [("Paz de Gante".into(), "2025-07-01T08:30:00Z".into())],
        "only the events the edition translates, which have its pages"
    );
}

#[test]
fn the_feed_holds_the_events_changed_last() {
    let Some(dir) = history() else {
        return;
    };
    write(dir.path(), "site.yaml", &format!("{SITE}feed_limit: 2\n"));
    build(dir.path(), Some("1767225600"));
    let Some((entries, feed)) = updated(&dir.path().join("public/atom.xml")) else {
        return;
    };
    let titles: Vec<&str> = entries.iter().map(|(title, _)| title.as_str()).collect();
    assert_eq!(titles, ["Utrecht", "Vienna"]);
    assert_eq!(feed, "2026-01-01T00:00:00Z");
}

#[test]
fn the_same_history_builds_the_same_feed_whatever_the_clock() {
    let Some(dir) = history() else {
        return;
    };
    let feed = dir.path().join("public/atom.xml");
    build(dir.path(), Some("1767225600"));
    let first = fs::read(&feed).unwrap();
    fs::remove_dir_all(dir.path().join("public")).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    build(dir.path(), Some("1767225600"));
    assert!(
        first == fs::read(&feed).unwrap(),
        "the feed changed between builds"
    );
    build(dir.path(), None);
    let Some((entries, _)) = updated(&feed) else {
        return;
    };
    let utrecht = entries
        .iter()
        .find(|(title, _)| title == "Utrecht")
        .unwrap();
    assert_eq!(
        utrecht.1, "1713-12-31T00:00:00Z",
        "with nothing else, its own last day"
    );
}

#[test]
fn an_updated_field_that_is_no_time_is_an_error_at_its_line() {
    let text = event("Ghent", "1814-12-24", "updated: 2025-13-01\n");
    let error = break_build(&[("content/events/bad.md", &text)]);
    assert_eq!(
        error,
        "content/events/bad.md:4: updated: \"2025-13-01\" is neither a day (2025-05-07) nor a time (2025-05-07T14:30:00Z)\nerror: the build failed; the previous output is untouched\n"
    );
}
