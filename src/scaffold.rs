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
use crate::load::Format;
use crate::slug::slugify;

/// What `annals new` is asked to write.
#[derive(Debug, Clone)]
pub struct NewEvent {
    /// The event's title.
    pub title: String,
    /// The date as written: YYYY, YYYY-MM or YYYY-MM-DD, optionally BCE.
    pub date: String,
    /// When it ended, same grammar.
    pub end: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Actors.
    pub actors: Vec<String>,
    /// Where it happened.
    pub place: Option<String>,
    /// A Markdown file or a YAML data file.
    pub format: Format,
}

/// The front matter of a new event, in field order.
#[derive(Serialize)]
struct FrontMatter<'a> {
    title: &'a str,
    date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<String>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    actors: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<&'a str>,
}

const BODY: &str = "What happened, in a few sentences. Cite the sources above.";

/// Writes `content/events/<date>-<slug>.md` (or `.yaml`) for a new event
/// and returns its path.
pub fn new_event(root: &Path, new: &NewEvent) -> Result<PathBuf> {
    let date = parse_date("--date", &new.date)?;
    let end = new
        .end
        .as_deref()
        .map(|end| parse_date("--end", end))
        .transpose()?;
    if end.is_some_and(|end| end < date) {
        return Err(Error::Usage(format!(
            "--end {} is before --date {}",
            new.end.as_deref().unwrap_or_default(),
            new.date
        )));
    }
    let slug = slugify(&new.title);
    if slug.is_empty() {
        return Err(Error::Usage(format!(
            "the title {:?} needs at least one letter or digit",
            new.title
        )));
    }
    let stem = slugify(&format!("{date} {slug}"));
    let yaml = front_matter::to_yaml(&FrontMatter {
        title: &new.title,
        date: date.to_string(),
        end: end.map(|end| end.to_string()),
        tags: &new.tags,
        actors: &new.actors,
        place: new.place.as_deref(),
    });
    let (extension, text) = match new.format {
        Format::Markdown => ("md", format!("---\n{yaml}sources: []\n---\n\n{BODY}\n")),
        Format::Yaml => ("yaml", format!("{yaml}sources: []\nbody: |\n  {BODY}\n")),
    };
    let path = root
        .join("content/events")
        .join(format!("{stem}.{extension}"));
    create(&path, &text)?;
    Ok(path)
}

fn parse_date(flag: &str, date: &str) -> Result<HistoricalDate> {
    HistoricalDate::parse(date).map_err(|e| Error::Usage(format!("{flag}: {e}")))
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

/// The GitHub Pages workflow of a new site: it installs this version's
/// release binary (checked against its SHA-256, or built from the
/// version's tag where there is none), builds with the Pages URL as base
/// URL, and deploys.
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
        (
            ".gitignore",
            "/public/\n/.public.annals-cache\n".to_string(),
        ),
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
  - "An archive, its collection, file 12, folio 4 (a citation written as text)"
  - title: "Where this fact comes from"
    url: "https://example.org/"
    publisher: "Example Publisher"
    archived: "https://web.archive.org/web/20250101000000/https://example.org/"
---

Write what happened in plain Markdown. The first paragraph is the summary
shown on the index unless the front matter gives a `summary:`.

Link another event by its file name, as in `[text](1976-another.md)`.
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn event(title: &str, date: &str) -> NewEvent {
        NewEvent {
            title: title.into(),
            date: date.into(),
            end: None,
            tags: Vec::new(),
            actors: Vec::new(),
            place: None,
            format: Format::Markdown,
        }
    }

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
        let path = new_event(dir.path(), &event("Treaty signed", "2025-05-07")).unwrap();
        assert!(path.ends_with("content/events/2025-05-07-treaty-signed.md"));
        let before = fs::read_to_string(&path).unwrap();
        let error = new_event(dir.path(), &event("Treaty signed", "2025-05-07")).unwrap_err();
        assert!(error.to_string().contains("already exists"), "{error}");
        assert_eq!(fs::read_to_string(&path).unwrap(), before);
    }

    #[test]
    fn new_refuses_bad_dates() {
        let dir = tempfile::tempdir().unwrap();
        let error = new_event(dir.path(), &event("X", "2025-02-30")).unwrap_err();
        assert!(
            error.to_string().contains("February has 28 days"),
            "{error}"
        );
    }

    #[test]
    fn new_writes_every_field_and_yaml_files() {
        let dir = tempfile::tempdir().unwrap();
        let new = NewEvent {
            end: Some("2025-05-09".into()),
            actors: vec!["Russia".into()],
            place: Some("Moscow".into()),
            format: Format::Yaml,
            ..event("Visit", "2025-05-07")
        };
        let path = new_event(dir.path(), &new).unwrap();
        assert!(path.ends_with("content/events/2025-05-07-visit.yaml"));
        let file = crate::load::SourceFile {
            path: path.clone(),
            text: fs::read_to_string(&path).unwrap(),
            format: Format::Yaml,
        };
        let parsed = crate::event::parse_file(&file).unwrap();
        assert_eq!(
            parsed[0].when.end.map(|d| d.to_string()).as_deref(),
            Some("2025-05-09")
        );
        assert_eq!(parsed[0].actors, ["Russia"]);
        assert_eq!(parsed[0].place.as_deref(), Some("Moscow"));
        assert_eq!(parsed[0].body.text().unwrap(), format!("{BODY}\n"));
    }
}
