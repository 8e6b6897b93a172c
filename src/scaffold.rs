//! `annals new` and `annals init`: files written for editors.
//!
//! Neither ever overwrites a file: every file is created with `create_new`,
//! and an existing one is an error naming it.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::date::HistoricalDate;
use crate::error::{Error, Result};
use crate::front_matter;
use crate::slug::slugify;

/// The front matter of a new event.
#[derive(Serialize)]
struct NewEvent<'a> {
    title: &'a str,
    date: String,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tags: &'a [String],
}

/// Writes `content/events/<date>-<slug>.md` for a new event and returns its
/// path.
pub fn new_event(root: &Path, title: &str, date: &str, tags: &[String]) -> Result<PathBuf> {
    let date = HistoricalDate::parse(date).map_err(|e| Error::Usage(format!("--date: {e}")))?;
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(Error::Usage(format!(
            "the title {title:?} needs at least one letter or digit"
        )));
    }
    let stem = slugify(&format!("{date} {slug}"));
    let path = root.join("content/events").join(format!("{stem}.md"));
    let yaml = front_matter::to_yaml(&NewEvent {
        title,
        date: date.to_string(),
        tags,
    });
    let text = format!(
        "---\n{yaml}sources: []\n---\n\nWhat happened, in a few sentences. Cite the sources above.\n"
    );
    create(&path, &text)?;
    Ok(path)
}

/// Whether `annals init` writes the GitHub Pages workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Workflow {
    /// Write `.github/workflows/pages.yml` (the default).
    #[default]
    Write,
    /// Leave it out (`--no-workflow`).
    Skip,
}

/// Where `annals init` writes the GitHub Pages workflow.
pub const WORKFLOW_PATH: &str = ".github/workflows/pages.yml";

/// The GitHub Pages workflow of a new site: it installs this version of
/// annals, builds with the Pages URL as base URL, and deploys.
pub fn pages_workflow() -> String {
    include_str!("scaffold/pages.yml").replace("@ANNALS_VERSION@", env!("CARGO_PKG_VERSION"))
}

/// Creates a new chronology site in `dir` with one example event and, unless
/// told not to, the GitHub Pages workflow.
pub fn init(dir: &Path, workflow: Workflow) -> Result<Vec<PathBuf>> {
    if dir.exists()
        && fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .next()
            .is_some()
    {
        return Err(Error::Usage(format!(
            "{} is not empty: annals init writes a new site into an empty or new folder",
            dir.display()
        )));
    }
    let mut files = vec![
        ("site.yaml", SITE_YAML.to_string()),
        (
            "content/events/1945-03-14-example.md",
            EXAMPLE_EVENT.to_string(),
        ),
        (".gitignore", "/public/\n".to_string()),
    ];
    if workflow == Workflow::Write {
        files.push((WORKFLOW_PATH, pages_workflow()));
    }
    files
        .iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            create(&path, text)?;
            Ok(path)
        })
        .collect()
}

/// Writes a new file; refuses to replace one.
fn create(path: &Path, text: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Error::Usage(format!(
                "{} already exists: annals never overwrites a file",
                path.display()
            )),
            _ => Error::io(path, e),
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| Error::io(path, e))
}

const SITE_YAML: &str = r#"# The chronology's settings. Every field is optional.
title: "A chronology"
description: "Events in order, with their sources."
language: en
# Absolute URLs (feed, sitemap, calendar, canonical links) need the address
# the site is published at; the GitHub Pages workflow passes it for you.
# base_url: "https://example.org/chronology/"
# A custom domain for GitHub Pages (written to CNAME):
# cname: chronology.example.org
eras:
  - name: "Post-war years"
    start: "1945"
    end: "1959"
    description: "An example era: a named period shown as a band on the index."
"#;

const EXAMPLE_EVENT: &str = r#"---
title: "An example event"
date: "1945-03-14"
tags: [example]
actors: [Somewhere]
place: "Somewhere"
sources:
  - title: "Where this fact comes from"
    url: "https://example.org/"
    publisher: "Example Publisher"
---

Write what happened in plain Markdown. The first paragraph is the summary
shown on the index unless the front matter gives a `summary:`.

Link another event by its file name, as in `[text](1976-another.md)`.
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn init_writes_the_workflow_unless_told_not_to() {
        let dir = tempfile::tempdir().unwrap();
        let with = init(&dir.path().join("with"), Workflow::Write).unwrap();
        assert!(with.iter().any(|path| path.ends_with(WORKFLOW_PATH)));
        let text = fs::read_to_string(dir.path().join("with").join(WORKFLOW_PATH)).unwrap();
        assert!(!text.contains("@ANNALS_VERSION@"), "{text}");
        let without = init(&dir.path().join("without"), Workflow::Skip).unwrap();
        assert!(!without.iter().any(|path| path.ends_with(WORKFLOW_PATH)));
        assert!(!dir.path().join("without/.github").exists());
    }

    #[test]
    fn new_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = new_event(dir.path(), "Treaty signed", "2025-05-07", &[]).unwrap();
        assert!(path.ends_with("content/events/2025-05-07-treaty-signed.md"));
        let before = fs::read_to_string(&path).unwrap();
        let error = new_event(dir.path(), "Treaty signed", "2025-05-07", &[]).unwrap_err();
        assert!(error.to_string().contains("already exists"), "{error}");
        assert_eq!(fs::read_to_string(&path).unwrap(), before);
    }

    #[test]
    fn new_refuses_bad_dates() {
        let dir = tempfile::tempdir().unwrap();
        let error = new_event(dir.path(), "X", "2025-02-30", &[]).unwrap_err();
        assert!(
            error.to_string().contains("February has 28 days"),
            "{error}"
        );
    }
}
