//! Stable links: no alias may take the address of a page or of another
//! alias.
//!
//! Renaming or redating an event changes its page's address; readers and
//! other sites keep linking to the old one. Each of an event's `aliases:`
//! becomes a redirect page at the old address (see `render`); one that took
//! the address of another page would silently break one of the two.

use std::collections::BTreeMap;

use super::{EraGroup, Group};
use crate::error::{Error, Result};
use crate::event::Event;
use crate::page_path::{Listing, PagePath};

/// The pages of a chronology that an alias may not replace, by output path,
/// with what they are.
pub(super) fn pages(
    events: &[Event],
    tags: &[Group],
    actors: &[Group],
    eras: &[EraGroup],
) -> BTreeMap<String, String> {
    let mut pages: BTreeMap<String, String> = [
        PagePath::Index(1),
        PagePath::NotFound,
        PagePath::Groups(Listing::Tag),
        PagePath::Groups(Listing::Actor),
        PagePath::Sources(1),
    ]
    .into_iter()
    .map(|page| (page.to_string(), format!("the generated page {page}")))
    .collect();
    for event in events {
        let what = format!("the page of {}", event.path().display());
        pages.insert(event.page_path().to_string(), what);
    }
    for (kind, groups) in [(Listing::Tag, tags), (Listing::Actor, actors)] {
        for group in groups {
            let what = format!("the {} page of {:?}", kind.folder(), group.name);
            pages.insert(PagePath::listing(kind, &group.slug).to_string(), what);
        }
    }
    for group in eras {
        let what = format!("the page of the era {:?}", group.era.name);
        pages.insert(
            PagePath::listing(Listing::Era, &group.era.slug).to_string(),
            what,
        );
    }
    pages
}

/// Every alias that takes the address of a page or of another alias, each
/// error naming both files.
pub(super) fn check(events: &[Event], pages: &BTreeMap<String, String>) -> Result<()> {
    let mut errors = Vec::new();
    let mut taken: BTreeMap<&str, &Event> = BTreeMap::new();
    for event in events {
        for path in &event.aliases {
            let clash = if let Some(page) = pages.get(path) {
                Some(page.clone())
            } else {
                taken
                    .insert(path, event)
                    .map(|other| format!("an alias of {}", other.path().display()))
            };
            if let Some(other) = clash {
                errors.push(Error::content(
                    event.aliases_at(),
                    format!("alias {path} is already {other}: remove one of them"),
                ));
            }
        }
    }
    Error::collect(errors)
}
