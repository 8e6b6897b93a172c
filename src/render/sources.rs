//! Sources on the page: the numbered list of an event page, and the
//! bibliography (`sources/index.html`, continued on `sources/index.2.html`
//! and so on), which lists every source with the events citing it.
//!
//! A source with a URL links its title; a citation reads as text; an
//! archived copy is a second link, and the pair carries the Robust Links
//! attributes (`data-versionurl` and `data-versiondate` on the original,
//! `data-originalurl` and `data-versiondate` on the copy) that tools read
//! to reach the copy when the original is gone.

use rayon::prelude::*;
use serde::Serialize;

use super::Renderer;
use super::here::Here;
use super::paging::PageLink;
use super::views::DateView;
use crate::chronology::Chronology;
use crate::chronology::bibliography::{Bibliography, Entry};
use crate::error::Result;
use crate::i18n::Strings;
use crate::page_path::PagePath;
use crate::source::{Archived, Source};

/// A source, as an event page or the bibliography shows it.
#[derive(Serialize)]
pub(crate) struct SourceView<'a> {
    /// Its number in the event's list (on the bibliography, in the list).
    pub(crate) number: usize,
    /// Its identity: the bibliography entry's `id`.
    pub(crate) id: String,
    /// The title, or the whole citation; absent for a bare link.
    pub(crate) title: Option<&'a str>,
    pub(crate) url: Option<&'a str>,
    pub(crate) publisher: Option<&'a str>,
    pub(crate) authors: &'a [String],
    pub(crate) date: Option<DateView>,
    pub(crate) circa: bool,
    /// "accessed 30 November 2026", in the page's language.
    pub(crate) accessed: Option<String>,
    pub(crate) archived: Option<ArchivedView<'a>>,
    pub(crate) locator: Option<&'a str>,
    /// The kind's name (`cable`), when given.
    pub(crate) kind: Option<&'static str>,
    /// Its entry in the bibliography, relative to the page.
    pub(crate) bibliography: String,
    /// How many events cite it.
    pub(crate) cited_by: usize,
}

/// An archived copy.
#[derive(Serialize)]
pub(crate) struct ArchivedView<'a> {
    pub(crate) url: &'a str,
    /// The day of the copy (`datetime` is the Robust Links version date).
    pub(crate) date: Option<DateView>,
    /// "archived 8 May 2025", in the page's language.
    pub(crate) label: String,
}

impl<'a> SourceView<'a> {
    fn new(here: Here, t: &Strings, source: &'a Source, entry: Option<&Entry<'_>>) -> Self {
        let page = entry.map_or(1, |entry| entry.page);
        let target = PagePath::Sources(page).to_string();
        SourceView {
            number: 0,
            id: source.id.to_string(),
            title: source.title.as_deref(),
            url: source.url.as_deref(),
            publisher: source.publisher.as_deref(),
            authors: &source.authors,
            date: source.date.as_ref().map(|d| DateView::new(d, here.locale)),
            circa: source.circa,
            accessed: source
                .accessed
                .map(|date| t.fill("accessed", &[("date", &date.human_in(here.locale))])),
            archived: source
                .archived
                .as_ref()
                .map(|archived| ArchivedView::new(here, t, archived)),
            locator: source.locator.as_deref(),
            kind: source.kind.map(|kind| kind.name()),
            bibliography: format!("{}#{}", here.url(&target), source.id),
            cited_by: entry.map_or(1, |entry| entry.citations.len()),
        }
    }

    /// An event's sources, numbered.
    pub(crate) fn list(
        here: Here,
        t: &Strings,
        sources: &'a [Source],
        bibliography: &Bibliography<'_>,
    ) -> Vec<Self> {
        sources
            .iter()
            .enumerate()
            .map(|(index, source)| SourceView {
                number: index + 1,
                ..SourceView::new(here, t, source, bibliography.get(source.id))
            })
            .collect()
    }
}

impl<'a> ArchivedView<'a> {
    fn new(here: Here, t: &Strings, archived: &'a Archived) -> Self {
        let label = match &archived.date {
            Some(date) => t.fill("archived", &[("date", &date.human_in(here.locale))]),
            None => t.get("archived_copy").to_string(),
        };
        ArchivedView {
            url: &archived.url,
            date: archived
                .date
                .as_ref()
                .map(|d| DateView::new(d, here.locale)),
            label,
        }
    }
}

/// An event citing a source, on the bibliography.
#[derive(Serialize)]
pub(crate) struct CitingView<'a> {
    pub(crate) href: String,
    pub(crate) title: &'a str,
    /// When it happened, as text.
    pub(crate) when: String,
    /// The original's language, when the event is shown untranslated.
    pub(crate) lang: Option<&'a str>,
    /// Where in the source this event's evidence is.
    pub(crate) locator: Option<&'a str>,
}

/// A bibliography entry.
#[derive(Serialize)]
pub(crate) struct EntryView<'a> {
    pub(crate) source: SourceView<'a>,
    /// The events citing it, in chronological order.
    pub(crate) citations: Vec<CitingView<'a>>,
}

/// `sources.html`: one page of the bibliography.
#[derive(Serialize)]
pub(crate) struct BibliographyPage<'a> {
    /// Every distinct source, on every page.
    pub(crate) count: usize,
    /// This page's entries.
    pub(crate) entries: Vec<EntryView<'a>>,
    /// The pager, when the bibliography spans several pages.
    pub(crate) pages: Vec<PageLink>,
    /// In a secondary edition, which lists the sources of its translated
    /// events only: the default edition's complete bibliography.
    pub(crate) complete: Option<String>,
}

impl<'a> BibliographyPage<'a> {
    /// Page `number` (from 1) of `bibliography`, for a page at `here`.
    pub(crate) fn new(
        here: Here,
        t: &Strings,
        chronology: &'a Chronology,
        bibliography: &'a Bibliography<'a>,
        number: usize,
    ) -> Self {
        let entries = bibliography
            .page(number)
            .iter()
            .enumerate()
            .map(|(index, entry)| EntryView {
                source: SourceView {
                    number: index + 1,
                    // Each citation has its own locator.
                    locator: None,
                    ..SourceView::new(here, t, &entry.source, Some(entry))
                },
                citations: entry
                    .citations
                    .iter()
                    .map(|citation| {
                        let event = &chronology.events[citation.event];
                        CitingView {
                            href: here.event(event),
                            title: &event.title,
                            when: event.when.human_in(here.locale),
                            lang: event.shown_in.as_deref(),
                            locator: citation.locator,
                        }
                    })
                    .collect(),
            })
            .collect();
        BibliographyPage {
            count: bibliography.entries.len(),
            entries,
            pages: pager(here, bibliography, number),
            complete: here
                .nested
                .then(|| here.root_url(&PagePath::Sources(1).to_string())),
        }
    }
}

impl Renderer<'_> {
    /// The bibliography's pages, with the overviews; returns how many.
    pub(super) fn bibliography(&self) -> Result<usize> {
        if !self.selection.overviews() {
            return Ok(0);
        }
        let pages = self.bibliography.pages.max(1);
        (1..=pages).into_par_iter().try_for_each(|number| {
            let path = PagePath::Sources(number);
            let here = self.here(&path);
            let content =
                BibliographyPage::new(here, self.t, self.chronology, &self.bibliography, number);
            let page = self.page(here, self.t.get("sources").to_string(), content);
            self.put(here, &path, "sources.html", page)
        })?;
        Ok(pages)
    }
}

/// The bibliography's pager, each page labelled by the initials it spans
/// (`A–F`); empty when one page holds every source.
fn pager(here: Here, bibliography: &Bibliography<'_>, current: usize) -> Vec<PageLink> {
    if bibliography.pages <= 1 {
        return Vec::new();
    }
    let initial = |entry: Option<&Entry<'_>>| {
        let lead = entry.map_or("", |entry| {
            entry
                .source
                .authors
                .first()
                .map_or(entry.source.label(), String::as_str)
        });
        let letter = lead.chars().find(|c| c.is_alphanumeric());
        letter.map_or(String::new(), |c| c.to_uppercase().collect())
    };
    let last = bibliography.pages;
    (1..=last)
        .filter(|&n| n == 1 || n == last || n.abs_diff(current) <= 2)
        .map(|number| {
            let entries = bibliography.page(number);
            let (first, last) = (initial(entries.first()), initial(entries.last()));
            PageLink {
                number,
                label: if first == last {
                    first
                } else {
                    format!("{first}–{last}")
                },
                href: here.link(&PagePath::Sources(number)),
                current: number == current,
            }
        })
        .collect()
}
