//! Events grouped by declared actor, and the pairs of states that share
//! events: the model of actor and country-pair pages.
//!
//! With actors declared, every name an event gives that one of them
//! answers to (name, short name, alias) is grouped on that actor's page;
//! other names keep a page of their own, as on a site that declares none.

use std::collections::BTreeMap;

use super::{Group, most_used};
use crate::actor::{Actors, Kind};
use crate::event::Event;
use crate::slug::slugify;

/// Two declared states that share events: one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// The slugs of the two, in order: the page is
    /// `actors/<first>--<second>.html`.
    pub slugs: (String, String),
    /// Indices into the chronology's events, in order.
    pub events: Vec<usize>,
}

/// The actor groups of `events`: by declared actor where a name is one's,
/// else by name.
pub(super) fn groups(events: &[Event], actors: &Actors) -> Vec<Group> {
    let mut groups: BTreeMap<String, (BTreeMap<&str, usize>, Vec<usize>)> = BTreeMap::new();
    for actor in actors.iter() {
        groups.entry(actor.slug.clone()).or_default();
    }
    for (index, event) in events.iter().enumerate() {
        for name in &event.actors {
            let (slug, shown) = match actors.resolve(name) {
                Some(actor) => (actor.slug.clone(), actor.label()),
                None => (slugify(name), name.as_str()),
            };
            let (spellings, members) = groups.entry(slug).or_default();
            *spellings.entry(shown).or_default() += 1;
            if members.last() != Some(&index) {
                members.push(index);
            }
        }
    }
    groups
        .into_iter()
        .map(|(slug, (spellings, events))| Group {
            name: match actors.get(&slug) {
                Some(actor) => actor.label().to_string(),
                None => most_used(&spellings),
            },
            slug,
            events,
        })
        .collect()
}

/// Every pair of declared states named together by at least one event.
pub(super) fn pairs(groups: &[Group], actors: &Actors) -> Vec<Pair> {
    let states: Vec<&Group> = groups
        .iter()
        .filter(|group| {
            actors
                .get(&group.slug)
                .is_some_and(|a| a.kind == Kind::State)
        })
        .collect();
    let mut pairs = Vec::new();
    for (at, first) in states.iter().enumerate() {
        for second in &states[at + 1..] {
            let shared = shared(&first.events, &second.events);
            if !shared.is_empty() {
                pairs.push(Pair {
                    slugs: (first.slug.clone(), second.slug.clone()),
                    events: shared,
                });
            }
        }
    }
    pairs
}

/// The indices in both sorted lists.
fn shared(a: &[usize], b: &[usize]) -> Vec<usize> {
    a.iter()
        .filter(|index| b.binary_search(index).is_ok())
        .copied()
        .collect()
}

impl super::Chronology {
    /// The declared actors' names in `lang`, on their groups too.
    pub(crate) fn localise_actors(&mut self, lang: &str) {
        let local = self.declared.in_language(lang);
        for group in &mut self.actors {
            if let Some(actor) = local.get(&group.slug) {
                group.name = actor.label().to_string();
            }
        }
        self.declared = std::sync::Arc::new(local);
    }
}
