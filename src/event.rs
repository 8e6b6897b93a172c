//! Event files → validated [`Event`]s.
//!
//! Front matter deserialises strictly into [`RawEvent`] (a misspelt key is an
//! error with a suggestion), then is validated into an [`Event`]: slug chosen
//! and checked, `end` not before `date`, source URLs safe, summary filled in
//! from the body. Files are parsed in parallel and every bad file is reported.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::date::When;
use crate::error::{Position, Result};
use crate::load::{Format, SourceFile};
use crate::markdown::FileLink;
use crate::page_path::PagePath;
pub use crate::source::Source;
use crate::stage::Stage;

mod body;
mod parse;
mod translation;

pub use body::Body;
pub(crate) use translation::RawTranslation;
pub use translation::Translation;

use parse::{parse_markdown, parse_yaml};

/// Whether an event is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Status {
    /// Published.
    #[default]
    Published,
    /// Published only when drafts are asked for (`draft: true`).
    Draft,
}

/// Where the parts of an event are written in its file: for errors that
/// point at them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spans {
    /// The file and line the event starts at.
    pub origin: Position,
    /// The file line of the body's first line.
    pub body_line: usize,
    /// The line `aliases:` is on.
    pub aliases_line: usize,
    /// Where each of `related` is written: file line and column.
    pub related: Box<[(u32, u32)]>,
}

/// A validated event.
/// It is stored as it is in the build cache (`rebuild::files`), so that
/// an unchanged file is not parsed again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Unique across the site; the page is `events/<slug>.html`.
    pub slug: String,
    /// Plain text.
    pub title: String,
    /// When it happened, as the record allows.
    #[serde(with = "crate::date::stored::when")]
    pub when: When,
    /// Plain text: the front matter's, or the body's first paragraph.
    pub summary: String,
    /// Topics, as written.
    pub tags: Vec<String>,
    /// Countries, people, organisations, as written.
    pub actors: Vec<String>,
    /// The part some of them played, by name as written.
    pub roles: BTreeMap<String, crate::actor::Role>,
    /// Where it happened.
    pub place: Option<String>,
    /// Numbered on the page, in this order; a stage's sources are here too.
    pub sources: Vec<Source>,
    /// The lifecycle of an agreement, in chronological order; empty for
    /// an event that is not one.
    pub stages: Vec<Stage>,
    /// Slugs of related events.
    pub related: Vec<String>,
    /// Old addresses that redirect here: output paths such as
    /// `events/old-name.html`.
    pub aliases: Vec<String>,
    /// Published, or left out unless drafts are asked for.
    pub status: Status,
    /// When the event was added or last changed: `updated:` as written,
    /// until the build dates it from its file's history (`feed::date`).
    pub updated: Option<chrono::DateTime<chrono::Utc>>,
    /// Free data for templates.
    #[serde(with = "json_text")]
    pub extra: BTreeMap<String, serde_json::Value>,
    /// Markdown.
    pub body: Body,
    /// Links in the body to other events' files.
    pub file_links: Vec<FileLink>,
    /// Where it is written, for errors and for reading its body again.
    pub spans: Spans,
    /// Its text in the site's other languages, by language code.
    pub translations: BTreeMap<String, Translation>,
    /// In a language edition the event is not translated into: the
    /// language its text is shown in, the original's.
    pub shown_in: Option<String>,
}

impl Event {
    /// Where the `index`th of `related` is written, for errors about it.
    pub fn related_at(&self, index: usize) -> Position {
        let spans = &self.spans;
        let (line, column) = spans.related.get(index).copied().unwrap_or_default();
        Position::at(&spans.origin.path, line as usize, column as usize)
    }

    /// Where `aliases:` is written, for errors about it.
    pub fn aliases_at(&self) -> Position {
        Position::at(self.path(), self.spans.aliases_line, 0)
    }

    /// The file the event is written in.
    pub fn path(&self) -> &Path {
        &self.spans.origin.path
    }

    /// The content folder the event's file is in, for resolving its links.
    pub fn dir(&self) -> &Path {
        self.spans.origin.path.parent().unwrap_or(Path::new(""))
    }

    /// When it happened and its summary, as one line of text for feeds and
    /// calendars: `7 May 2025: Signed in Moscow.`
    pub fn dated_summary(&self, locale: crate::date::Locale) -> String {
        let when = self.when.human_in(locale);
        if self.summary.is_empty() {
            when
        } else {
            format!("{when}: {}", self.summary)
        }
    }

    /// The event's page, from the output root: `events/<slug>.html`.
    pub fn page_path(&self) -> PagePath<'_> {
        PagePath::event(&self.slug)
    }

    /// The latest common-era day the event's data names (its dates and its
    /// sources' dates): a timestamp derived from the content, never from the
    /// clock, for formats that require one (Atom `updated`, iCalendar
    /// `DTSTAMP`). `None` when every date is BCE.
    pub fn latest_day(&self) -> Option<chrono::NaiveDate> {
        let sources = self.sources.iter().filter_map(|source| source.date);
        [self.when.date]
            .into_iter()
            .chain(self.when.end)
            .chain(sources)
            .filter(|date| !date.is_bce())
            .map(|date| date.last_day())
            .max()
    }
}

/// Reads and parses every file, in parallel; every bad file is reported.
/// Markdown bodies stay in memory up to [`body_budget`] bytes in all; the
/// rest are released (see [`Body`]), so the events of a large site hold
/// little more than their front matter.
pub fn read_all(root: &Path, files: &[(PathBuf, Format)]) -> Result<Vec<Event>> {
    read_all_storing(root, files, None)
}

/// What files parsed into, as the build cache stores it ([`store`]), by
/// path.
pub type Stored = Mutex<Vec<(PathBuf, Vec<u8>)>>;

/// [`read_all`], and what each file parsed into put in `stored`, when
/// given, before any body is released.
pub fn read_all_storing(
    root: &Path,
    files: &[(PathBuf, Format)],
    stored: Option<&Stored>,
) -> Result<Vec<Event>> {
    let shared: Arc<Path> = Arc::from(root);
    let budget = body_budget();
    let held = AtomicUsize::new(0);
    let parsed = crate::load::read_each(root, files, |file| {
        let mut events = parse_file(&file)?;
        if let Some(stored) = stored {
            put(stored, &file.path, Ok(events.as_slice()));
        }
        if file.format == Format::Markdown {
            for event in &mut events {
                let size = file.text.len();
                if held.fetch_add(size, Ordering::Relaxed) + size > budget {
                    event.body.release(&shared, &file.path, &file.text);
                }
            }
        }
        Ok(events)
    })?;
    Ok(parsed.into_iter().flatten().collect())
}

/// How many bytes of Markdown bodies a build keeps in memory: 128 MiB, or
/// `ANNALS_BODY_BUDGET` bytes when that is set.
fn body_budget() -> usize {
    std::env::var("ANNALS_BODY_BUDGET")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(128 << 20)
}

/// Puts what the file at `path` parsed into in `stored`, when it can be
/// stored.
pub fn put<T: Serialize + ?Sized>(
    stored: &Stored,
    path: &Path,
    parsed: std::result::Result<&T, &str>,
) {
    if let Some(bytes) = store(parsed) {
        let mut stored = stored.lock().unwrap_or_else(PoisonError::into_inner);
        stored.push((path.to_path_buf(), bytes));
    }
}

/// What a file parsed into (its events or translation, or why it did not
/// parse), as the build cache stores it; `None` when it cannot be stored.
pub fn store<T: Serialize + ?Sized>(parsed: std::result::Result<&T, &str>) -> Option<Vec<u8>> {
    let mut bytes = postcard::to_stdvec(&parsed).ok()?;
    bytes.shrink_to_fit();
    Some(bytes)
}

/// What a file parsed into, from what [`store`] gave (a slice of events
/// reads back as a `Vec`); `None` when the bytes are not that.
pub fn stored<T: DeserializeOwned>(bytes: &[u8]) -> Option<std::result::Result<T, String>> {
    postcard::from_bytes(bytes).ok()
}

/// Parses one content file into its events.
pub fn parse_file(file: &SourceFile) -> Result<Vec<Event>> {
    match file.format {
        Format::Markdown => parse_markdown(&file.path, &file.text).map(|e| vec![e]),
        Format::Yaml => parse_yaml(&file.path, &file.text),
    }
}

/// Resolves a body link (as written, relative to `dir`) to a content path,
/// lexically: `../x.md` from `content/a` is `content/x.md`.
pub fn resolve_link(dir: &Path, link: &str) -> PathBuf {
    let decoded = link.replace("%20", " ");
    let mut path = PathBuf::new();
    for part in dir.join(decoded).components() {
        match part {
            std::path::Component::ParentDir => {
                path.pop();
            }
            std::path::Component::CurDir => {}
            other => path.push(other),
        }
    }
    path
}

/// `extra:` as the build cache stores it: as JSON text, since a JSON
/// value is read by what it looks like, which the cache's format does not
/// say.
mod json_text {
    use std::collections::BTreeMap;

    use serde::de::Error as _;
    use serde::ser::Error as _;
    use serde::{Deserialize, Deserializer, Serializer};
    use serde_json::Value;

    /// Writes `extra` as JSON text.
    pub(super) fn serialize<S: Serializer>(
        extra: &BTreeMap<String, Value>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let text = serde_json::to_string(extra).map_err(S::Error::custom)?;
        serializer.serialize_str(&text)
    }

    /// Reads `extra` from JSON text.
    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<BTreeMap<String, Value>, D::Error> {
        let text = String::deserialize(deserializer)?;
        serde_json::from_str(&text).map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod tests;
