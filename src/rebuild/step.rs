//! Rendering the pages an edit touched over a previous build's: the one
//! step `annals serve` and an incremental `annals build` share.
//!
//! [`render`] renders the selected pages of every language edition and
//! says which of the previous build's files go away: the pages of events,
//! aliases and listings that are gone, and the later pages of listings
//! that shrank. [`data`] then renders the files made from the whole site
//! (feeds, exports, sitemap) for the pages the build ends with.
//!
//! An edition's events are those of the default edition, translated, in
//! the same order: the pages an edit touched are found edition by edition
//! and rendered in every edition, since each page links to its
//! counterparts in the others.

use std::collections::BTreeSet;

use crate::config::Config;
use crate::edition::Edition;
use crate::error::Result;
use crate::output::{self, InFolder, Memory, Pages};
use crate::page_path::PagePath;
use crate::render::{self, Dirty, Overviews, Selection, Templates};
use crate::search::Terms;
use crate::site;

/// The pages a step rendered, and the previous build's files it drops.
pub(crate) struct Step {
    /// The files rendered, by output path.
    pub(crate) fresh: Pages,
    /// Files of the previous build that are no longer made.
    pub(crate) removed: BTreeSet<String>,
    /// How many pages were rendered.
    pub(crate) rendered: usize,
}

/// What an edit touched, in every language edition.
pub(crate) struct Edit {
    /// The pages to render, in every edition.
    pub(crate) dirty: Dirty,
    /// Each edition's pages that went away.
    pub(crate) gone: Vec<Gone>,
    /// Whether the search index is written though the overviews are not:
    /// bodies alone changed.
    pub(crate) words: bool,
}

/// An edition's pages that went away.
pub(crate) type Gone = Vec<PagePath<'static>>;

/// The pages of `new` that differ from those of `old`, edition by edition
/// (`old` and `new` in the same order of languages), for every edition;
/// `None` when the editions are not those of `old`.
pub(crate) fn dirty(old: &[Edition], new: &[Edition]) -> Option<Edit> {
    (old.len() == new.len()).then_some(())?;
    let mut all = Dirty {
        overviews: Overviews::Skip,
        ..Dirty::default()
    };
    let mut gone = Vec::new();
    for (old, new) in old.iter().zip(new) {
        (old.prefix == new.prefix).then_some(())?;
        let (old, new) = (&old.chronology, &new.chronology);
        let dirty = super::dirty::dirty(old, new);
        all.events.extend(dirty.events);
        all.lists.extend(dirty.lists);
        if dirty.overviews == Overviews::Render {
            all.overviews = Overviews::Render;
        }
        gone.push(super::dirty::gone(old, new));
    }
    if gone.iter().any(|gone| !gone.is_empty()) {
        all.overviews = Overviews::Render;
    }
    let words = all.overviews == Overviews::Skip && !all.events.is_empty();
    Some(Edit {
        dirty: all,
        gone,
        words,
    })
}

/// Gives each of the `new` editions the terms of its search index, patched
/// from those of its `old` counterpart that `previous` knows, when the
/// edit left every event where it was: the index is then written without
/// reading every body again.
pub(crate) fn patch_terms(
    old: &[Edition],
    new: &[Edition],
    previous: impl Fn(&Edition) -> Option<Terms>,
) {
    for (old, new) in old.iter().zip(new) {
        let patched = previous(old).map(|terms| terms.patched(&old.chronology, &new.chronology));
        if let Some(Ok(Some(terms))) = patched {
            new.terms.put(terms);
        }
    }
}

/// Renders the pages `edit` touched in every one of `editions`, over a
/// previous build whose files are `previous`.
pub(crate) fn render<'a>(
    templates: &Templates,
    editions: &[Edition],
    edit: &Edit,
    previous: impl Iterator<Item = &'a String> + Clone,
) -> Result<Step> {
    let Edit { dirty, gone, words } = edit;
    let mut listings: Vec<PagePath> = dirty.lists.iter().cloned().collect();
    if dirty.overviews == Overviews::Render {
        listings.extend([PagePath::Index(1), PagePath::Sources(1)]);
    }
    let mut rendered = 0;
    let mut removed = BTreeSet::new();
    let mut fresh = Pages::new();
    for (index, edition) in editions.iter().enumerate() {
        let gone = gone.get(index).map_or(&[][..], Vec::as_slice);
        let memory = Memory::default();
        let folder = InFolder::new(&memory, &edition.prefix);
        let selection = Selection::Only(dirty.clone());
        rendered += render::pages(templates, edition, editions, &selection, &folder)?;
        if *words {
            render::search_index(edition, &folder)?;
        }
        let edition_fresh = memory.into_pages();
        let prefix = edition.prefix.as_str();
        removed.extend(gone.iter().map(|page| format!("{prefix}{page}")));
        removed.extend(unwritten(edition, &dirty.events, &edition_fresh));
        let stale = in_edition(previous.clone(), editions, index).filter(|(path, page)| {
            !edition_fresh.contains_key(*path)
                && listings
                    .iter()
                    .chain(gone)
                    .any(|first| first.has_later_page(page))
        });
        removed.extend(stale.map(|(path, _)| path.clone()));
        fresh.extend(edition_fresh);
    }
    Ok(Step {
        fresh,
        removed,
        rendered,
    })
}

/// The pages of the selected `events` of `edition` (theirs and their
/// aliases') that its render did not write, now `fresh`: an edition may
/// leave out the pages of some events, which then go away.
fn unwritten(edition: &Edition, events: &BTreeSet<usize>, fresh: &Pages) -> Vec<String> {
    let chronology = &edition.chronology;
    let events = events
        .iter()
        .filter_map(|&index| chronology.events.get(index));
    let pages = events.flat_map(|event| {
        let aliases = event
            .aliases
            .iter()
            .map(|alias| PagePath::Alias(alias.into()));
        std::iter::once(event.page_path()).chain(aliases)
    });
    pages
        .map(|page| format!("{}{page}", edition.prefix))
        .filter(|path| !fresh.contains_key(path))
        .collect()
}

/// The paths of `paths` in the edition `index` of `editions`, each with
/// its path inside the edition's folder.
fn in_edition<'a: 'e, 'e>(
    paths: impl Iterator<Item = &'a String> + 'e,
    editions: &'e [Edition],
    index: usize,
) -> impl Iterator<Item = (&'a String, &'a str)> + 'e {
    paths.filter_map(move |path| {
        edition_of(path, editions)
            .filter(|(i, _)| *i == index)
            .map(|(_, page)| (path, page))
    })
}

/// Which edition of `editions` a file of the output belongs to, and its
/// path inside the edition's folder: the default edition holds every file
/// outside the other editions' folders.
fn edition_of<'a>(path: &'a str, editions: &[Edition]) -> Option<(usize, &'a str)> {
    let nested = editions
        .iter()
        .enumerate()
        .skip(1)
        .find_map(|(index, edition)| {
            let page = path.strip_prefix(edition.prefix.as_str())?;
            (!edition.prefix.is_empty()).then_some((index, page))
        });
    nested.or_else(|| (!editions.is_empty()).then_some((0, path)))
}

/// The files made from whole editions (their exports and feeds, the
/// sitemap of `pages`, CNAME), for a build that ends with the files
/// `pages`.
pub(crate) fn data<'a>(
    editions: &[Edition],
    config: &Config,
    pages: impl Iterator<Item = &'a String> + Clone,
) -> Result<Pages> {
    let memory = Memory::default();
    let mut html = Vec::new();
    for (index, edition) in editions.iter().enumerate() {
        let own = in_edition(pages.clone(), editions, index).map(|(_, page)| page.to_string());
        let own = output::sitemap_order(own).into_iter();
        html.extend(own.map(|page| format!("{}{page}", edition.prefix)));
    }
    site::render_data(editions, &html, config, &memory)?;
    Ok(memory.into_pages())
}
