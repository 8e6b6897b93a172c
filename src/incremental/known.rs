//! What an incremental build knows of the files of the build before it:
//! which it may leave as they are, and which a render wrote.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;
use std::sync::{Mutex, PoisonError};

use crate::chronology::Chronology;
use crate::edition::Edition;
use crate::error::Result;
use crate::output::{Parts, Sink};
use crate::page_path::PagePath;
use crate::rebuild::dirty;
use crate::render::Overviews;

/// The files of a build that the edit logic knows to leave as they are
/// unless it renders them again: the pages of events and their aliases,
/// the files events publish, listings and their later pages, and the
/// not-found page (made from settings and templates only); and, when the
/// overviews were skipped, every file: all but the event pages and the
/// search index are made from what the events hold but their bodies, which
/// did not change.
pub(super) struct Known {
    /// Every file, when the overviews were skipped.
    all: bool,
    pages: HashSet<String>,
    /// Listings, each with its edition's folder.
    listings: Vec<(String, PagePath<'static>)>,
}

impl Known {
    pub(super) fn of(editions: &[Edition], overviews: Overviews) -> Known {
        let mut known = Known {
            all: overviews == Overviews::Skip,
            pages: HashSet::new(),
            listings: Vec::new(),
        };
        for edition in editions {
            known.add(&edition.prefix, &edition.chronology);
        }
        known
    }

    /// The files of one edition, in the folder `prefix`.
    fn add(&mut self, prefix: &str, chronology: &Chronology) {
        self.pages.insert(format!("{prefix}{}", PagePath::NotFound));
        for page in dirty::paths(chronology) {
            self.pages.insert(format!("{prefix}{page}"));
            if matches!(page, PagePath::Listing(..)) {
                self.listings.push((prefix.to_string(), page.into_owned()));
            }
        }
        let files = chronology.files();
        for event in &chronology.events {
            let assets = files.owned_by(&event.slug);
            let assets = assets.map(|asset| format!("{prefix}{}", asset.output));
            self.pages.extend(assets);
        }
    }

    pub(super) fn contains(&self, path: &str) -> bool {
        let later = |(prefix, list): &(String, PagePath)| {
            path.strip_prefix(prefix.as_str())
                .is_some_and(|page| list.has_later_page(page))
        };
        self.all || self.pages.contains(path) || self.listings.iter().any(later)
    }
}

/// A sink that passes files on and remembers every path written.
pub(super) struct Written<'a> {
    sink: &'a dyn Sink,
    names: Mutex<BTreeSet<String>>,
}

impl<'a> Written<'a> {
    pub(super) fn new(sink: &'a dyn Sink) -> Self {
        Written {
            sink,
            names: Mutex::new(BTreeSet::new()),
        }
    }

    pub(super) fn into_names(self) -> BTreeSet<String> {
        self.names
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn record(&self, path: &str) {
        let mut names = self.names.lock().unwrap_or_else(PoisonError::into_inner);
        names.insert(path.to_string());
    }
}

impl Sink for Written<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.record(path);
        self.sink.put(path, bytes)
    }

    fn put_parts(&self, path: &str, parts: Parts<'_>) -> Result<()> {
        self.record(path);
        self.sink.put_parts(path, parts)
    }

    fn put_file(&self, root: &Path, source: &Path, to: &str) -> Result<()> {
        self.record(to);
        self.sink.put_file(root, source, to)
    }
}
