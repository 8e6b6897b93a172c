//! The model: events in order, linked and grouped. No I/O, but for the
//! files that bodies link to, looked up once on disk (see below).
//!
//! [`Chronology::new`] checks what only the whole set can tell (unique slugs,
//! `related` slugs and body links to event files that exist), drops drafts
//! unless asked, sorts events into their total order and groups them by
//! tag, actor and era. [`Chronology::with_files`] then checks the files the
//! bodies link to (see [`files`]), the one step that asks the disk.

mod files;
mod links;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::alias;
use crate::config::{Config, Era};
use crate::error::{Error, Result};
use crate::event::Event;
use crate::load::Disk;
use crate::slug::slugify;

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
            .partition(|event| drafts == Drafts::Include || !event.draft);
        events.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.slug.cmp(&b.slug)));
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
            by_slug,
            by_path,
            files: Arc::default(),
        })
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
                event.origin.clone(),
                format!(
                    "slug {:?} is already used by {}: give one of them another `slug:`",
                    event.slug, first.origin
                ),
            ));
        }
    }
    for event in events {
        for related in &event.related {
            if !slugs.contains_key(related.as_str()) {
                errors.push(Error::content(
                    event.related_at(),
                    format!("related: no event has the slug {related:?}"),
                ));
            }
        }
    }
    links::check(events, &mut errors);
    sort(&mut errors);
    Error::collect(errors)
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
            let last = event.end.unwrap_or(event.date).last_day();
            event.date.first_day() <= end && last >= start
        })
        .map(|(index, _)| index)
        .collect()
}
