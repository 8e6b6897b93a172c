//! Which pages an edit touched: the difference between two chronologies,
//! as the pages that show it.
//!
//! An event's page shows the event, its neighbours (previous and next), its
//! related events, the events its body links to, and the size of its eras;
//! a list page (tag, actor, era) shows its events' cards. So an edited event
//! dirties its own page, the pages of events that show it, the lists it was
//! or is in, and, when an era's size changed, the pages of that era's events;
//! a source whose bibliography page or number of citing events changed
//! dirties the pages of the events citing it.
//! An event whose body alone changed dirties only its own page; when no
//! other event changed, the index, the tag and actor indexes and the files
//! made from the whole site are left as they are (see
//! [`Dirty::overviews`]), but for the search index, made from bodies.

use std::collections::{BTreeSet, HashSet};

use crate::chronology::Chronology;
use crate::event::{Body, Event, Spans, Translation};
use crate::page_path::{Listing, PagePath};
use crate::render::{Dirty, Overviews};
use crate::slug::slugify;

/// The pages of `new` that differ from those of `old`. An event whose
/// body alone changed dirties its own page only: no other page shows a
/// body.
pub(crate) fn dirty(old: &Chronology, new: &Chronology) -> Dirty {
    let changed = changed_slugs(old, new);
    let recarded: HashSet<&str> = changed
        .iter()
        .copied()
        .filter(|slug| !body_alone_changed(old, new, slug))
        .collect();
    let mut dirty = Dirty::default();
    for slug in &recarded {
        for chronology in [old, new] {
            if let Some(index) = chronology.get(slug) {
                dirty.lists.extend(lists_of(chronology, index));
            }
        }
    }
    let resized = resized_eras(old, new);
    let same_order = old.same_order(new);
    // Sources are cited in the same events in the same order unless an
    // event changed more than its body or moved.
    let moved = match recarded.is_empty() && same_order {
        true => HashSet::new(),
        false => crate::chronology::bibliography::moved(old, new),
    };
    dirty.lists.extend(resized.iter().cloned());
    for (index, event) in new.events.iter().enumerate() {
        let shows_change = changed.contains(event.slug.as_str())
            || Some(neighbours(new, index)) != old.get(&event.slug).map(|i| neighbours(old, i))
            || shows_any(new, event, &recarded)
            || lists_of(new, index)
                .iter()
                .any(|list| resized.contains(list))
            || event
                .sources
                .iter()
                .any(|source| moved.contains(&source.id));
        if shows_change {
            dirty.events.insert(index);
        }
    }
    if recarded.is_empty() && same_order && dirty.lists.is_empty() && moved.is_empty() {
        dirty.overviews = Overviews::Skip;
    }
    dirty
}

/// Whether the event `slug` is in both chronologies, in the same file, and
/// differs only in its body (and what the body gives: the files it links
/// to, where its lines are), in every language.
fn body_alone_changed(old: &Chronology, new: &Chronology, slug: &str) -> bool {
    let (Some(a), Some(b)) = (old.get(slug), new.get(slug)) else {
        return false;
    };
    let (a, b) = (&old.events[a], &new.events[b]);
    a.path() == b.path() && without_body(a, &a.spans) == without_body(b, &a.spans)
}

/// `event` without its bodies and what they give, and with the places of
/// `spans`: what every page but its own shows of it. Every other field
/// counts, so that a field added later is never missed.
pub(crate) fn without_body(event: &Event, spans: &Spans) -> Event {
    let mut event = event.clone();
    event.body = Body::default();
    event.file_links.clear();
    event.spans = spans.clone();
    event.translations.values_mut().for_each(clear_text);
    event
}

/// Clears the body of `translation` and what the body gives.
pub(crate) fn clear_text(translation: &mut Translation) {
    translation.body.clear();
    translation.file_links.clear();
    translation.body_line = 0;
}

/// Every page of a chronology's events and lists (the first page of each
/// listing), to tell which went away.
pub(crate) fn paths(chronology: &Chronology) -> BTreeSet<PagePath<'_>> {
    let events = chronology.events.iter().flat_map(|event| {
        let aliases = event
            .aliases
            .iter()
            .map(|alias| PagePath::Alias(alias.into()));
        std::iter::once(event.page_path()).chain(aliases)
    });
    let lists = [
        (Listing::Tag, &chronology.tags),
        (Listing::Actor, &chronology.actors),
    ]
    .into_iter()
    .flat_map(|(kind, groups)| {
        groups
            .iter()
            .map(move |group| PagePath::listing(kind, &group.slug))
    });
    let eras = chronology
        .eras
        .iter()
        .map(|group| PagePath::listing(Listing::Era, &group.era.slug));
    events.chain(lists).chain(eras).collect()
}

/// The pages of `old`'s events and lists that `new` no longer has.
pub(crate) fn gone(old: &Chronology, new: &Chronology) -> Vec<PagePath<'static>> {
    paths(old)
        .difference(&paths(new))
        .map(|page| page.clone().into_owned())
        .collect()
}

/// Slugs of events added, removed or edited.
fn changed_slugs<'a>(old: &'a Chronology, new: &'a Chronology) -> HashSet<&'a str> {
    let edited = new.events.iter().filter(|event| {
        old.get(&event.slug)
            .is_none_or(|index| old.events[index] != **event)
    });
    let removed = old
        .events
        .iter()
        .filter(|event| new.get(&event.slug).is_none());
    edited
        .chain(removed)
        .map(|event| event.slug.as_str())
        .collect()
}

/// The slugs of the previous and next events.
fn neighbours(chronology: &Chronology, index: usize) -> (Option<&str>, Option<&str>) {
    let slug = |i: usize| chronology.events.get(i).map(|e| e.slug.as_str());
    (index.checked_sub(1).and_then(slug), slug(index + 1))
}

/// Whether the page of `event` shows one of the `changed` events: as a
/// neighbour, a related event or the target of a body link.
fn shows_any(chronology: &Chronology, event: &Event, changed: &HashSet<&str>) -> bool {
    let index = chronology.get(&event.slug);
    let neighbour = index.is_some_and(|index| {
        let (prev, next) = neighbours(chronology, index);
        prev.is_some_and(|s| changed.contains(s)) || next.is_some_and(|s| changed.contains(s))
    });
    neighbour
        || event
            .related
            .iter()
            .any(|slug| changed.contains(slug.as_str()))
        || event.file_links.iter().any(|link| {
            chronology
                .linked(event, &link.path)
                .is_some_and(|target| changed.contains(chronology.events[target].slug.as_str()))
        })
}

/// The listings an event appears on, by their first page.
fn lists_of(chronology: &Chronology, index: usize) -> Vec<PagePath<'static>> {
    let event = &chronology.events[index];
    let named = |kind: Listing, names: &[String]| -> Vec<PagePath<'static>> {
        names
            .iter()
            .map(|name| PagePath::Listing(kind, slugify(name).into(), 1))
            .collect()
    };
    let eras = chronology
        .eras_of(index)
        .map(|group| PagePath::listing(Listing::Era, &group.era.slug).into_owned());
    let mut lists = named(Listing::Tag, &event.tags);
    lists.extend(event.actors.iter().map(|name| {
        let slug = match chronology.declared.resolve(name) {
            Some(actor) => actor.slug.clone(),
            None => slugify(name),
        };
        PagePath::Listing(Listing::Actor, slug.into(), 1)
    }));
    lists.extend(eras);
    lists
}

/// Era listings whose number of events changed.
fn resized_eras(old: &Chronology, new: &Chronology) -> BTreeSet<PagePath<'static>> {
    new.eras
        .iter()
        .zip(&old.eras)
        .filter(|(new, old)| new.events.len() != old.events.len())
        .map(|(group, _)| PagePath::listing(Listing::Era, &group.era.slug).into_owned())
        .collect()
}
