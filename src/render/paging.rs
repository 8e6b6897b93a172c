//! Long listings split into pages, so that no page grows without bound.
//!
//! The index and every tag, actor and era page list at most [`PAGE_SIZE`]
//! events; a longer listing continues on `index.2.html`, `tags/x.2.html`
//! and so on, in chronological order, with a pager labelled by the years each
//! page covers. Slugs never contain a dot, so these names cannot collide with
//! another page.

use serde::Serialize;

use super::here::Here;
use crate::chronology::Chronology;
use crate::date::Locale;
use crate::page_path::PagePath;

/// The most events one listing page shows.
pub(crate) const PAGE_SIZE: usize = 1000;

/// How many page links the pager shows on each side of the current page.
const WINDOW: usize = 2;

/// One page of a listing.
pub(crate) struct Paged<'a> {
    /// The page.
    pub(crate) path: PagePath<'a>,
    /// The events it lists (indices into the chronology).
    pub(crate) events: &'a [usize],
    /// The pager: empty when the listing fits on one page.
    pub(crate) links: Vec<PageLink>,
}

/// A link in a pager.
#[derive(Serialize)]
pub(crate) struct PageLink {
    /// The page's number, from 1.
    pub(crate) number: usize,
    /// The years it covers: `1945–1976`.
    pub(crate) label: String,
    /// Relative to the current page.
    pub(crate) href: String,
    /// True for the page the reader is on.
    pub(crate) current: bool,
}

/// The index page listing the event at `index`, relative to `here`, or the
/// empty string for the first page.
pub(crate) fn index_page(here: Here, index: usize) -> String {
    match index / PAGE_SIZE + 1 {
        1 if here.dir.is_empty() => String::new(),
        number => here.link(&PagePath::Index(number)),
    }
}

/// Splits `events` into pages of the listing whose first page is `first`,
/// each with its pager.
pub(crate) fn paginate<'a>(
    here: Here,
    first: &PagePath<'a>,
    events: &'a [usize],
    chronology: &Chronology,
) -> Vec<Paged<'a>> {
    let chunks: Vec<&[usize]> = if events.is_empty() {
        vec![events]
    } else {
        events.chunks(PAGE_SIZE).collect()
    };
    let labels: Vec<String> = chunks
        .iter()
        .map(|c| label(chronology, c, here.locale))
        .collect();
    (1..=chunks.len())
        .map(|number| Paged {
            path: first.nth(number),
            events: chunks[number - 1],
            links: pager(here, first, number, &labels),
        })
        .collect()
}

fn pager(here: Here, first: &PagePath, current: usize, labels: &[String]) -> Vec<PageLink> {
    let last = labels.len();
    if last <= 1 {
        return Vec::new();
    }
    (1..=last)
        .filter(|&n| n == 1 || n == last || n.abs_diff(current) <= WINDOW)
        .map(|number| PageLink {
            number,
            label: labels[number - 1].clone(),
            href: here.link(&first.nth(number)),
            current: number == current,
        })
        .collect()
}

/// The years a page covers, as readers write them.
fn label(chronology: &Chronology, chunk: &[usize], locale: Locale) -> String {
    let year = |index: usize| {
        let date = &chronology.events[index].when.date;
        let year = i64::from(date.year());
        locale.year_label(if date.is_bce() { -year } else { year })
    };
    match (chunk.first(), chunk.last()) {
        (Some(&first), Some(&last)) if year(first) == year(last) => year(first),
        (Some(&first), Some(&last)) => format!("{}–{}", year(first), year(last)),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pager_shows_ends_and_a_window() {
        let labels: Vec<String> = (1..=10).map(|n| n.to_string()).collect();
        let numbers: Vec<usize> = pager(Here::ROOT, &PagePath::Index(1), 5, &labels)
            .iter()
            .map(|link| link.number)
            .collect();
        assert_eq!(numbers, [1, 3, 4, 5, 6, 7, 10]);
        assert!(pager(Here::ROOT, &PagePath::Index(1), 1, &labels[..1]).is_empty());
    }

    #[test]
    fn events_find_their_index_page() {
        assert_eq!(index_page(Here::ROOT, 0), "");
        assert_eq!(index_page(Here::ROOT, PAGE_SIZE), "index.2.html");
        assert_eq!(index_page(Here::in_dir("tags"), 5), "../index.html");
    }
}
