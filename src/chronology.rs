//! The model: events in order, linked and grouped. Pure: no I/O.
//!
//! [`Chronology::new`] checks what only the whole set can tell (unique slugs,
//! `related` slugs and body links that exist), drops drafts unless asked,
//! sorts events into their total order and groups them by tag, actor and era.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::config::{Config, Era};
use crate::error::{Error, Position, Result};
use crate::event::{Event, Status, resolve_link};
use crate::load::{self, Format};
use crate::slug::slugify;

mod alias;

/// Whether drafts are published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Drafts {
    /// Drafts are left out (the default).
    #[default]
    Exclude,
    /// Drafts are published (`--drafts`).
    Include,
}

/// Events sharing a tag or an actor.
#[derive(Debug, Clone)]
pub struct Group {
    /// The most used spelling.
    pub name: String,
    /// The page's file name.
    pub slug: String,
    /// Indices into [`Chronology::events`], in order.
    pub events: Vec<usize>,
}

/// An era and the events that fall in it.
#[derive(Debug, Clone)]
pub struct EraGroup {
    /// The era, from site.yaml.
    pub era: Era,
    /// Indices into [`Chronology::events`], in order.
    pub events: Vec<usize>,
}

/// The published chronology.
#[derive(Debug, Clone)]
pub struct Chronology {
    /// Published events, in chronological order.
    pub events: Vec<Event>,
    /// Tags, by slug.
    pub tags: Vec<Group>,
    /// Actors, by slug.
    pub actors: Vec<Group>,
    /// Eras, in site.yaml's order.
    pub eras: Vec<EraGroup>,
    by_slug: HashMap<String, usize>,
    by_path: HashMap<PathBuf, usize>,
}

impl Chronology {
    /// Checks, orders and groups the events.
    pub fn new(events: Vec<Event>, config: &Config, drafts: Drafts) -> Result<Chronology> {
        check(&events)?;
        let mut events: Vec<Event> = events
            .into_iter()
            .filter(|event| drafts == Drafts::Include || event.status == Status::Published)
            .collect();
        events.sort_by(|a, b| {
            a.when
                .date
                .cmp(&b.when.date)
                .then_with(|| a.slug.cmp(&b.slug))
        });
        let by_slug = events
            .iter()
            .enumerate()
            .map(|(index, event)| (event.slug.clone(), index))
            .collect();
        let by_path = paths(&events)
            .map(|(path, index)| (path.to_path_buf(), index))
            .collect();
        let tags = group(&events, |event| &event.tags);
        let actors = group(&events, |event| &event.actors);
        let eras = config
            .eras
            .iter()
            .map(|era| EraGroup {
                era: era.clone(),
                events: in_era(&events, era),
            })
            .collect::<Vec<_>>();
        alias::check(&events, &alias::pages(&events, &tags, &actors, &eras))?;
        Ok(Chronology {
            events,
            tags,
            actors,
            eras,
            by_slug,
            by_path,
        })
    }

    /// The published event with this slug.
    pub fn get(&self, slug: &str) -> Option<usize> {
        self.by_slug.get(slug).copied()
    }

    /// The published event a body link of `event` points at.
    pub fn linked(&self, event: &Event, link: &str) -> Option<usize> {
        self.by_path.get(&resolve_link(event.dir(), link)).copied()
    }

    /// The eras an event falls in.
    pub fn eras_of(&self, index: usize) -> impl Iterator<Item = &EraGroup> {
        self.eras
            .iter()
            .filter(move |group| group.events.binary_search(&index).is_ok())
    }
}

/// What only the whole set of events can tell: every error at once.
fn check(events: &[Event]) -> Result<()> {
    let mut errors = Vec::new();
    let mut slugs: HashMap<&str, &Event> = HashMap::with_capacity(events.len());
    for event in events {
        if let Some(first) = slugs.insert(&event.slug, event) {
            errors.push(Error::content(
                event.spans.origin.clone(),
                format!(
                    "slug {:?} is already used by {}: give one of them another `slug:`",
                    event.slug, first.spans.origin
                ),
            ));
        }
    }
    let paths: std::collections::HashSet<&Path> = events
        .iter()
        .map(|event| event.path())
        .chain(
            events
                .iter()
                .flat_map(|event| event.translations.values().map(|t| t.origin.path.as_path())),
        )
        .collect();
    let mut unknown = 0;
    for event in events {
        for (index, related) in event.related.iter().enumerate() {
            if !slugs.contains_key(related.as_str()) {
                let message = unknown_related(related, &slugs, unknown);
                errors.push(Error::content(event.related_at(index), message));
                unknown += 1;
            }
        }
        let texts = std::iter::once((event.path(), event.spans.body_line, &event.file_links))
            .chain(
                event
                    .translations
                    .values()
                    .map(|t| (t.origin.path.as_path(), t.body_line, &t.file_links)),
            );
        for (path, body_line, link) in
            texts.flat_map(|(path, line, links)| links.iter().map(move |link| (path, line, link)))
        {
            if !paths.contains(resolve_link(event.dir(), &link.path).as_path()) {
                let at = Position::at(path, body_line + link.line - 1, link.column);
                errors.push(Error::content(
                    at,
                    format!("link to {:?}: no such event file", link.path),
                ));
            }
        }
    }
    errors.sort_by_cached_key(ToString::to_string);
    Error::collect(errors)
}

/// How many unknown `related:` slugs in one run get a suggestion: each
/// compares with every slug, seconds at a million events.
const SUGGESTIONS: usize = 16;

/// "no event has the slug", with the nearest slug there is for the first
/// [`SUGGESTIONS`] of them.
fn unknown_related(slug: &str, slugs: &HashMap<&str, &Event>, count: usize) -> String {
    let length = slug.chars().count();
    let most = 2 + length / 4;
    let nearest = (count < SUGGESTIONS).then(|| {
        slugs
            .keys()
            .filter(|known| known.len().abs_diff(length) <= most)
            .filter(|known| bag_distance(slug, known) <= most)
            .map(|known| (strsim::osa_distance(slug, known), *known))
            .filter(|(distance, _)| *distance <= most)
            .min()
    });
    match nearest.flatten() {
        Some((_, known)) => {
            format!("related: no event has the slug {slug:?}: did you mean `{known}`?")
        }
        None => format!("related: no event has the slug {slug:?}"),
    }
}

/// A lower bound of the edit distance, quick to compute: how many
/// characters one string has that the other lacks (all non-ASCII ones
/// counted as one kind).
fn bag_distance(a: &str, b: &str) -> usize {
    let mut counts = [0i32; 129];
    let kind = |c: char| (c as usize).min(128);
    a.chars().for_each(|c| counts[kind(c)] += 1);
    b.chars().for_each(|c| counts[kind(c)] -= 1);
    let more: i32 = counts.iter().filter(|c| **c > 0).sum();
    let fewer: i32 = counts.iter().filter(|c| **c < 0).sum();
    more.max(-fewer) as usize
}

/// Every Markdown event file and translation file, with its event: where
/// body links can point.
fn paths(events: &[Event]) -> impl Iterator<Item = (&Path, usize)> {
    events.iter().enumerate().flat_map(|(index, event)| {
        let own = (load::format_of(event.path()) == Some(Format::Markdown))
            .then_some((event.path(), index));
        let translations = event
            .translations
            .values()
            .map(move |t| (t.origin.path.as_path(), index));
        let markdown = own.is_some();
        own.into_iter()
            .chain(translations.filter(move |_| markdown))
    })
}

/// Groups events by the names `names` gives, under one slug per name.
fn group(events: &[Event], names: impl Fn(&Event) -> &Vec<String>) -> Vec<Group> {
    let mut groups: BTreeMap<String, (BTreeMap<&str, usize>, Vec<usize>)> = BTreeMap::new();
    for (index, event) in events.iter().enumerate() {
        for name in names(event) {
            let (spellings, members) = groups.entry(slugify(name)).or_default();
            *spellings.entry(name).or_default() += 1;
            members.push(index);
        }
    }
    groups
        .into_iter()
        .map(|(slug, (spellings, events))| Group {
            name: most_used(&spellings),
            slug,
            events,
        })
        .collect()
}

fn most_used(spellings: &BTreeMap<&str, usize>) -> String {
    let mut best = ("", 0);
    for (&name, &count) in spellings {
        if count > best.1 {
            best = (name, count);
        }
    }
    best.0.to_string()
}

/// The events whose span overlaps the era's.
fn in_era(events: &[Event], era: &Era) -> Vec<usize> {
    let (start, end) = (era.start.first_day(), era.end.last_day());
    events
        .iter()
        .enumerate()
        .filter(|(_, event)| {
            let last = event.when.end.unwrap_or(event.when.date).last_day();
            event.when.date.first_day() <= end && last >= start
        })
        .map(|(index, _)| index)
        .collect()
}
