//! Declared actors: the states, people and organisations of
//! `content/actors/*.yaml`, with their names, dates and successions.
//!
//! Declaring actors is optional: an event's `actors:` names work as plain
//! names when nothing is declared. Once declared, an actor is found by its
//! name, short name or any alias ([`Actors::resolve`]), so `Soviet Union`,
//! `USSR` and `СССР` are one actor with one page. A declaration is parsed
//! strictly and validated (see `raw`): every mistake is reported at its
//! file, line and column.

mod name_or;
mod raw;
mod role;

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::date::HistoricalDate;
use crate::error::{Position, Result};
use crate::load::Text;
use crate::slug::slugify;

pub(crate) use name_or::NameOr;
pub(crate) use raw::nearest;
pub use role::Role;
pub(crate) use role::{Named, split_roles};

/// What kind of actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A country or other sovereign state: pairs of them get a page.
    State,
    /// A person.
    Person,
    /// An organisation: a ministry, a company, an international body.
    #[serde(alias = "organization")]
    Organisation,
    /// Anything else.
    Other,
}

/// How an actor carries on from the one it succeeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Succession {
    /// One of the states that took the predecessor's place.
    #[default]
    Successor,
    /// The state that continues the predecessor's legal personality (as
    /// Russia continued the USSR's).
    Continuator,
}

/// One actor that succeeds another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Successor {
    /// The successor's slug.
    pub slug: String,
    /// As continuator or as one successor among several.
    pub succession: Succession,
}

/// An actor's names in another language.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorText {
    /// The full name.
    pub name: Option<String>,
    /// The short name.
    pub short: Option<String>,
}

/// A declared actor, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The file's name: `content/actors/ussr.yaml` is `ussr`, and its page
    /// `actors/ussr.html`.
    pub slug: String,
    /// The full name: `Union of Soviet Socialist Republics`.
    pub name: String,
    /// The short name, shown where the actor is named in passing: `USSR`.
    pub short: Option<String>,
    /// Other names events may use.
    pub aliases: Vec<String>,
    /// State, person, organisation or other.
    pub kind: Kind,
    /// When it began to exist.
    pub from: Option<HistoricalDate>,
    /// When it ceased to exist.
    pub until: Option<HistoricalDate>,
    /// The actors that succeeded it.
    pub succeeded_by: Vec<Successor>,
    /// Its Wikidata item: `Q15180`.
    pub wikidata: Option<String>,
    /// Its names in the site's other languages.
    pub translations: BTreeMap<String, ActorText>,
    /// Its file, for errors.
    pub origin: Position,
}

impl Actor {
    /// The name to show in passing: the short name, else the full name.
    pub fn label(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }

    /// Every name the actor answers to: name, short name and aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.short.as_deref())
            .chain(self.aliases.iter().map(String::as_str))
    }

    /// The Wikidata item's address.
    pub fn wikidata_url(&self) -> Option<String> {
        let item = self.wikidata.as_ref()?;
        Some(format!("https://www.wikidata.org/wiki/{item}"))
    }

    /// The actor with its names in `lang`, where it has them: a translated
    /// name without a translated short name is shown as it is.
    fn in_language(&self, lang: &str) -> Actor {
        let mut local = self.clone();
        if let Some(text) = self.translations.get(lang) {
            if let Some(name) = &text.name {
                local.name = name.clone();
                local.short = None;
            }
            if text.short.is_some() {
                local.short = text.short.clone();
            }
        }
        local
    }
}

/// Every declared actor, looked up by any of its names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actors {
    list: Vec<Actor>,
    /// Slugified name, short name or alias → index into `list`.
    by_name: HashMap<String, usize>,
}

impl Actors {
    /// Parses and checks the declarations; every bad file is reported.
    pub fn read(files: &[Text]) -> Result<Actors> {
        raw::read(files)
    }

    fn new(list: Vec<Actor>) -> Actors {
        let mut by_name = HashMap::new();
        for (index, actor) in list.iter().enumerate() {
            let translated = actor.translations.values();
            let translated = translated.flat_map(|text| text.name.iter().chain(&text.short));
            for name in actor.names().chain(translated.map(String::as_str)) {
                by_name.entry(slugify(name)).or_insert(index);
            }
        }
        Actors { list, by_name }
    }

    /// Whether no actor is declared.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Every declared actor, in file order.
    pub fn iter(&self) -> impl Iterator<Item = &Actor> {
        self.list.iter()
    }

    /// The actor an event's `actors:` name means: by name, short name or
    /// alias, in any case and with or without accents.
    pub fn resolve(&self, name: &str) -> Option<&Actor> {
        self.by_name
            .get(&slugify(name))
            .and_then(|&index| self.list.get(index))
    }

    /// The actor whose page is `actors/<slug>.html`.
    pub fn get(&self, slug: &str) -> Option<&Actor> {
        self.list.iter().find(|actor| actor.slug == slug)
    }

    /// The actors `slug` succeeded, with how.
    pub fn predecessors<'a>(
        &'a self,
        slug: &'a str,
    ) -> impl Iterator<Item = (&'a Actor, Succession)> + 'a {
        self.list.iter().filter_map(move |actor| {
            let next = actor.succeeded_by.iter().find(|next| next.slug == slug)?;
            Some((actor, next.succession))
        })
    }

    /// `slug` and every actor it descends from, nearest first, each once.
    pub fn line(&self, slug: &str) -> Vec<&Actor> {
        let mut line: Vec<&Actor> = self.get(slug).into_iter().collect();
        let mut at = 0;
        while let Some(actor) = line.get(at) {
            let before: Vec<&Actor> = self.predecessors(&actor.slug).map(|(a, _)| a).collect();
            for predecessor in before {
                if !line.iter().any(|known| known.slug == predecessor.slug) {
                    line.push(predecessor);
                }
            }
            at += 1;
        }
        line
    }

    /// The actors with their names in `lang`, where they have them; every
    /// name of every language still finds them.
    pub fn in_language(&self, lang: &str) -> Actors {
        let list = self.list.iter().map(|a| a.in_language(lang)).collect();
        Actors {
            list,
            by_name: self.by_name.clone(),
        }
    }
}

#[cfg(test)]
mod tests;
