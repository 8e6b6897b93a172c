//! What declared actors add to their pages: names, dates, successions,
//! the continuous line and the pages of country pairs.
//!
//! An actor's page (`actor.html`) lists its events as any listing does;
//! when the actor is declared it also receives an [`ActorView`]. Each pair
//! of declared states that share events gets `pair.html`, and each actor
//! with predecessors `line.html`: its events and theirs, in one order.

use serde::Serialize;

use super::here::Here;
use super::paging;
use super::views::{Card, ListPage, NameLink};
use super::{Renderer, json_ld};
use crate::actor::{Actor, Actors, Kind, Succession};
use crate::chronology::{Chronology, Pair};
use crate::date::{HistoricalDate, Locale, human_span_in};
use crate::error::Result;
use crate::event::Event;
use crate::i18n::Strings;
use crate::page_path::{Listing, PagePath};

/// A declared actor on its page.
#[derive(Serialize)]
pub(crate) struct ActorView<'a> {
    /// The full name.
    pub(crate) name: &'a str,
    pub(crate) short: Option<&'a str>,
    pub(crate) aliases: &'a [String],
    /// The key of its kind among the interface strings: `kind_state`.
    pub(crate) kind: &'static str,
    /// When it existed, as text: `30 December 1922 – 26 December 1991`.
    pub(crate) dates: Option<String>,
    /// The actors that succeeded it.
    pub(crate) succeeded_by: Vec<SuccessionView<'a>>,
    /// The actors it succeeded.
    pub(crate) successor_of: Vec<SuccessionView<'a>>,
    /// Its continuous line, when it has predecessors.
    pub(crate) line: Option<LineLink>,
    /// The pages of the pairs it is in.
    pub(crate) pairs: Vec<PairLink<'a>>,
    /// Its Wikidata item's address.
    pub(crate) wikidata: Option<String>,
    /// schema.org JSON-LD, safe to embed in a `<script>` element.
    pub(crate) json_ld: String,
    /// The treaty stages whose `by` names it, in chronological order.
    pub(crate) stages: Vec<PartyStage<'a>>,
}

/// A stage of an agreement that an actor took: `Ratification, June 2025`
/// of the treaty it links to.
#[derive(Serialize)]
pub(crate) struct PartyStage<'a> {
    /// The stage in the page's language: `Ratification`.
    pub(crate) name: String,
    /// When, in words.
    pub(crate) when: String,
    /// The agreement's title and page.
    pub(crate) title: &'a str,
    pub(crate) href: String,
}

/// The stages of every agreement whose `by` is `actor`.
fn party_stages<'a>(
    here: Here,
    chronology: &'a Chronology,
    t: &Strings,
    actor: &Actor,
) -> Vec<PartyStage<'a>> {
    let actors = &chronology.declared;
    let mut stages: Vec<(&crate::stage::Stage, &'a Event)> = chronology
        .events
        .iter()
        .flat_map(|event| event.stages.iter().map(move |stage| (stage, event)))
        .filter(|(stage, _)| {
            let by = stage.by.as_deref().and_then(|by| actors.resolve(by));
            by.is_some_and(|by| by.slug == actor.slug)
        })
        .collect();
    stages.sort_by_key(|(stage, _)| stage.when.date);
    stages
        .into_iter()
        .map(|(stage, event)| PartyStage {
            name: stage.kind.name_in(t),
            when: stage.when.human_in(here.locale),
            title: &event.title,
            href: here.event(event),
        })
        .collect()
}

/// One succession, seen from either side.
#[derive(Serialize)]
pub(crate) struct SuccessionView<'a> {
    pub(crate) name: &'a str,
    pub(crate) href: String,
    /// `as_continuator` or `as_successor`: a key of the interface strings.
    pub(crate) succession: &'static str,
    /// When: the day the predecessor ceased to exist, as text.
    pub(crate) when: Option<String>,
}

/// A link to a continuous line.
#[derive(Serialize)]
pub(crate) struct LineLink {
    /// `Russia and USSR`.
    pub(crate) name: String,
    pub(crate) href: String,
}

/// A link to a pair's page, from one of the two.
#[derive(Serialize)]
pub(crate) struct PairLink<'a> {
    /// The other actor.
    pub(crate) name: &'a str,
    pub(crate) href: String,
    pub(crate) count: usize,
}

/// `pair.html` and `line.html`: events of several actors together.
#[derive(Serialize)]
pub(crate) struct CombinedPage<'a> {
    /// The actors, each with its page.
    pub(crate) actors: Vec<PairLink<'a>>,
    /// `name` is `Russia – Venezuela`, `Russia and USSR`.
    #[serde(flatten)]
    pub(crate) list: ListPage<'a>,
}

impl<'a> ActorView<'a> {
    /// The view of `actor`, when it is declared.
    pub(crate) fn of(
        here: Here,
        chronology: &'a Chronology,
        t: &Strings,
        actor: &'a Actor,
        url: Option<String>,
    ) -> Self {
        let actors = &chronology.declared;
        let succeeded_by = actor
            .succeeded_by
            .iter()
            .filter_map(|next| {
                let to = actors.get(&next.slug)?;
                Some(succession(here, to, next.succession, actor.until.as_ref()))
            })
            .collect();
        let successor_of = actors
            .predecessors(&actor.slug)
            .map(|(before, how)| succession(here, before, how, before.until.as_ref()))
            .collect();
        ActorView {
            name: &actor.name,
            short: actor.short.as_deref(),
            aliases: &actor.aliases,
            kind: kind_key(actor.kind),
            dates: dates(actor, here.locale, t),
            succeeded_by,
            successor_of,
            line: line_link(here, actors, &actor.slug, t),
            pairs: pair_links(here, chronology, &actor.slug),
            wikidata: actor.wikidata_url(),
            json_ld: actor_ld(actor, url),
            stages: party_stages(here, chronology, t, actor),
        }
    }
}

fn succession<'a>(
    here: Here,
    other: &'a Actor,
    how: Succession,
    when: Option<&HistoricalDate>,
) -> SuccessionView<'a> {
    SuccessionView {
        name: other.label(),
        href: here.link(&PagePath::listing(Listing::Actor, &other.slug)),
        succession: match how {
            Succession::Continuator => "as_continuator",
            Succession::Successor => "as_successor",
        },
        when: when.map(|date| date.human_in(here.locale)),
    }
}

fn kind_key(kind: Kind) -> &'static str {
    match kind {
        Kind::State => "kind_state",
        Kind::Person => "kind_person",
        Kind::Organisation => "kind_organisation",
        Kind::Other => "kind_other",
    }
}

/// `30 December 1922 – 26 December 1991`, `since 26 December 1991`.
fn dates(actor: &Actor, locale: Locale, t: &Strings) -> Option<String> {
    let human = |date: &HistoricalDate| date.human_in(locale);
    match (&actor.from, &actor.until) {
        (Some(from), until) if until.is_some() => {
            Some(human_span_in(from, until.as_ref(), false, locale))
        }
        (Some(from), None) => Some(t.fill("actor_since", &[("when", &human(from))])),
        (None, Some(until)) => Some(t.fill("actor_until", &[("when", &human(until))])),
        _ => None,
    }
}

/// `Russia and USSR`: the actor and its predecessors, in the page's
/// language.
fn line_name(line: &[&Actor], t: &Strings) -> String {
    let names: Vec<&str> = line.iter().map(|actor| actor.label()).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("{} {} {last}", rest.join(", "), t.get("and"))
        }
        _ => names.concat(),
    }
}

fn line_link(here: Here, actors: &Actors, slug: &str, t: &Strings) -> Option<LineLink> {
    let line = actors.line(slug);
    (line.len() > 1).then(|| LineLink {
        name: line_name(&line, t),
        href: here.link(&PagePath::Line(slug.into(), 1)),
    })
}

fn pair_links<'a>(here: Here, chronology: &'a Chronology, slug: &str) -> Vec<PairLink<'a>> {
    chronology
        .pairs
        .iter()
        .filter_map(|pair| {
            let (a, b) = (&pair.slugs.0, &pair.slugs.1);
            let other = if a == slug {
                b
            } else if b == slug {
                a
            } else {
                return None;
            };
            Some(PairLink {
                name: chronology.declared.get(other)?.label(),
                href: here.link(&PagePath::pair(a, b)),
                count: pair.events.len(),
            })
        })
        .collect()
}

/// schema.org data of an actor: its type, names and Wikidata item.
fn actor_ld(actor: &Actor, url: Option<String>) -> String {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct ActorLd<'a> {
        #[serde(rename = "@context")]
        context: &'static str,
        #[serde(rename = "@type")]
        kind: &'static str,
        name: &'a str,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        alternate_name: Vec<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        same_as: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        url: Option<String>,
    }
    let data = ActorLd {
        context: "https://schema.org",
        kind: match actor.kind {
            Kind::State => "Country",
            Kind::Person => "Person",
            Kind::Organisation => "Organization",
            Kind::Other => "Thing",
        },
        name: &actor.name,
        alternate_name: actor.names().skip(1).collect(),
        same_as: actor.wikidata_url(),
        url,
    };
    json_ld::embed(&serde_json::to_string(&data).unwrap_or_default())
}

impl<'a> NameLink<'a> {
    /// An event's actor: the declared actor's name in the page's language
    /// and its page, or the name as written.
    pub(super) fn actor(
        here: Here,
        chronology: &'a Chronology,
        event: &'a Event,
        name: &'a str,
    ) -> Self {
        let role = event.roles.get(name).map(|role| role.key());
        let (name, slug) = match chronology.declared.resolve(name) {
            Some(actor) => (actor.label(), actor.slug.clone()),
            None => (name, crate::slug::slugify(name)),
        };
        NameLink {
            name,
            href: here.link(&PagePath::listing(Listing::Actor, &slug)),
            role,
        }
    }
}

/// The events of every actor of `line`, in order, each once.
fn line_events(chronology: &Chronology, line: &[&Actor]) -> Vec<usize> {
    let mut events: Vec<usize> = chronology
        .actors
        .iter()
        .filter(|group| line.iter().any(|actor| actor.slug == group.slug))
        .flat_map(|group| group.events.iter().copied())
        .collect();
    events.sort_unstable();
    events.dedup();
    events
}

impl Renderer<'_> {
    /// The pages of country pairs and continuous lines; returns how many.
    pub(super) fn combined(&self) -> Result<usize> {
        if !self.selection.overviews() {
            return Ok(0);
        }
        let mut pages = 0;
        for pair in &self.chronology.pairs {
            pages += self.pair(pair)?;
        }
        for actor in self.chronology.declared.iter() {
            let line = self.chronology.declared.line(&actor.slug);
            if line.len() > 1 {
                let events = line_events(self.chronology, &line);
                let name = line_name(&line, self.t);
                let first = PagePath::Line(actor.slug.as_str().into(), 1);
                pages += self.combined_pages(&first, &line, name, &events, "line.html")?;
            }
        }
        Ok(pages)
    }

    fn pair(&self, pair: &Pair) -> Result<usize> {
        let declared = &self.chronology.declared;
        let (Some(a), Some(b)) = (declared.get(&pair.slugs.0), declared.get(&pair.slugs.1)) else {
            return Ok(0);
        };
        let name = format!("{} – {}", a.label(), b.label());
        let first = PagePath::pair(&pair.slugs.0, &pair.slugs.1);
        self.combined_pages(&first, &[a, b], name, &pair.events, "pair.html")
    }

    fn combined_pages(
        &self,
        first: &PagePath,
        actors: &[&Actor],
        name: String,
        events: &[usize],
        template: &str,
    ) -> Result<usize> {
        let here = self.here(first);
        let pages = paging::paginate(here, first, events, self.chronology);
        let count = pages.len();
        for paged in pages {
            let content = CombinedPage {
                actors: actors
                    .iter()
                    .map(|actor| PairLink {
                        name: actor.label(),
                        href: here.link(&PagePath::listing(Listing::Actor, &actor.slug)),
                        count: self
                            .chronology
                            .actors
                            .iter()
                            .find(|g| g.slug == actor.slug)
                            .map_or(0, |g| g.events.len()),
                    })
                    .collect(),
                list: ListPage {
                    name: &name,
                    slug: "",
                    era: None,
                    actor: None,
                    count: events.len(),
                    events: Card::list(here, self.chronology, paged.events),
                    pages: paged.links,
                },
            };
            let page = self.page(here, name.clone(), content);
            self.put(here, &paged.path, template, page)?;
        }
        Ok(count)
    }
}
