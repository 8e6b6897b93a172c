//! The model: events in order, linked and grouped. No I/O, but for the
//! files that bodies link to, looked up once on disk (see below).
//!
//! [`Chronology::new`] checks what only the whole set can tell (unique slugs,
//! `related` slugs and body links to event files that exist), drops drafts
//! unless asked, sorts events into their total order and groups them by
//! tag, actor and era. [`Chronology::with_files`] then checks the files the
//! bodies link to (see [`files`]), the one step that asks the disk.

mod actors;
pub mod bibliography;
mod files;
mod links;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::actor::Actors;
use crate::config::{Config, Era};
use crate::error::{Error, Result};
use crate::event::{Event, Status};
use crate::load::Disk;
use crate::slug::slugify;

mod alias;

pub use actors::Pair;
pub use files::{Asset, FOLDER, Files};
pub use links::{Href, body_position};

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
    /// The declared actors (`content/actors/`), in this edition's language.
    pub declared: Arc<Actors>,
    /// Pairs of declared states that share events, by slugs.
    pub pairs: Vec<Pair>,
    by_slug: HashMap<String, usize>,
    by_path: links::ByPath,
    files: Arc<Files>,
}

impl Chronology {
    /// Checks, orders and groups the events.
    pub fn new(events: Vec<Event>, config: &Config, drafts: Drafts) -> Result<Chronology> {
        check(&events)?;
        let (mut events, left_out): (Vec<Event>, Vec<Event>) = events
            .into_iter()
            .partition(|event| drafts == Drafts::Include || event.status == Status::Published);
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
        let by_path = links::ByPath::new(&events, &left_out);
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
            declared: Arc::default(),
            pairs: Vec::new(),
            by_slug,
            by_path,
            files: Arc::default(),
        })
    }

    /// The chronology with its events' actors grouped by the declared
    /// `actors`, and the pairs of states that share events.
    pub fn with_actors(mut self, actors: Actors) -> Chronology {
        if !actors.is_empty() {
            self.actors = actors::groups(&self.events, &actors);
            self.pairs = actors::pairs(&self.actors, &actors);
        }
        self.declared = Arc::new(actors);
        self
    }

    /// The chronology with the files its bodies link to checked on `disk`
    /// and placed in the output.
    pub fn with_files(mut self, disk: &Disk) -> Result<Chronology> {
        self.files = Arc::new(Files::new(disk, &self)?);
        Ok(self)
    }

    /// The files the bodies link to.
    pub fn files(&self) -> &Files {
        &self.files
    }

    /// Whether `other` holds the same events, by slug, in the same order:
    /// every event at its position.
    pub fn same_order(&self, other: &Chronology) -> bool {
        self.events.len() == other.events.len()
            && self
                .events
                .iter()
                .zip(&other.events)
                .all(|(a, b)| a.slug == b.slug)
    }

    /// The published event with this slug.
    pub fn get(&self, slug: &str) -> Option<usize> {
        self.by_slug.get(slug).copied()
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
    let mut unknown = 0;
    for event in events {
        for (index, related) in event.related.iter().enumerate() {
            if !slugs.contains_key(related.as_str()) {
                let message = unknown_related(related, &slugs, unknown);
                errors.push(Error::content(event.related_at(index), message));
                unknown += 1;
            }
        }
    }
    links::check(events, &mut errors);
    sort(&mut errors);
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

/// Puts errors in file order: by file, line and column, then message.
fn sort(errors: &mut [Error]) {
    errors.sort_by_cached_key(|error| match error {
        Error::Content { at, message } => (at.clone(), message.clone()),
        other => (crate::Position::file(""), other.to_string()),
    });
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
