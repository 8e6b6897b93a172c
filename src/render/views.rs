//! Typed template contexts: what each template receives.
//!
//! Views borrow from the model; the only strings they own are the ones made
//! for the page at hand (relative links, displayed dates). README.md documents
//! every field.

use std::collections::BTreeMap;

use serde::Serialize;

use super::here::Here;
use crate::chronology::{Chronology, Group};
use crate::config::{Config, Era};
use crate::date::{HistoricalDate, Locale};
use crate::event::Event;
use crate::i18n::Strings;
use crate::page_path::{Listing, PagePath};

pub(crate) use super::languages::{Alternate, LanguageLink};

/// The site, on every page.
#[derive(Serialize)]
pub(crate) struct SiteView<'a> {
    pub(crate) title: &'a str,
    pub(crate) description: &'a str,
    pub(crate) language: &'a str,
    pub(crate) author: Option<&'a str>,
    /// site.yaml's `extra:`.
    pub(crate) extra: &'a BTreeMap<String, serde_json::Value>,
}

impl<'a> SiteView<'a> {
    pub(crate) fn new(config: &'a Config) -> Self {
        SiteView {
            title: &config.title,
            description: &config.description,
            language: &config.language,
            author: config.author.as_deref(),
            extra: &config.extra,
        }
    }
}

/// Links every page has, relative to it.
#[derive(Serialize)]
pub(crate) struct Nav<'a> {
    pub(crate) home: String,
    pub(crate) tags: String,
    pub(crate) actors: String,
    pub(crate) eras: String,
    /// The bibliography: every source, with the events citing it.
    pub(crate) sources: String,
    pub(crate) stylesheet: String,
    pub(crate) favicon: String,
    /// Keyboard shortcuts, on every page.
    pub(crate) script: String,
    /// The search index and the search, loaded by the index page.
    pub(crate) search_index: String,
    pub(crate) search: String,
    /// The pages that are not events, in navigation order.
    pub(crate) pages: Vec<super::pages::NavPage<'a>>,
}

impl<'a> Nav<'a> {
    pub(crate) fn new(here: Here, pages: Vec<super::pages::NavPage<'a>>) -> Self {
        Nav {
            home: here.url(""),
            tags: here.url("tags/index.html"),
            actors: here.url("actors/index.html"),
            eras: here.url("index.html#eras"),
            sources: here.link(&PagePath::Sources(1)),
            stylesheet: here.root_url("style.css"),
            favicon: here.root_url("favicon.svg"),
            script: here.root_url("annals.js"),
            search_index: here.url("search-index.js"),
            search: here.root_url("search.js"),
            pages,
        }
    }
}

/// Every page's context: the common part and the page kind's own fields.
#[derive(Serialize)]
pub(crate) struct Page<'a, T: Serialize> {
    pub(crate) site: &'a SiteView<'a>,
    pub(crate) nav: Nav<'a>,
    /// Interface strings in the page's language.
    pub(crate) t: &'a Strings,
    /// Every edition's version of this page, for the language switcher;
    /// empty on a site of one language.
    pub(crate) languages: Vec<LanguageLink<'a>>,
    /// `<link rel="alternate" hreflang>` targets: every edition, then
    /// `x-default`; empty on a site of one language.
    pub(crate) alternates: Vec<Alternate<'a>>,
    /// The document title, for `<title>`.
    pub(crate) title: String,
    /// `<base href>`: on the not-found page only, the edition's folder as
    /// the base URL gives it (`/repo/es/`), since a host serves that page at
    /// whatever address was not found; absent without a base URL.
    pub(crate) base: Option<String>,
    pub(crate) meta: Meta,
    #[serde(flatten)]
    pub(crate) content: T,
}

/// What a page's `<head>` tells other sites: canonical URL, OpenGraph and
/// Twitter cards, the feed. Absolute URLs are absent without a base URL.
#[derive(Serialize)]
pub(crate) struct Meta {
    /// The page's own title, without the site's.
    pub(crate) title: String,
    pub(crate) description: String,
    /// OpenGraph type: `article` for an event, `website` otherwise.
    pub(crate) kind: &'static str,
    /// The page's absolute URL: canonical link and `og:url`.
    pub(crate) url: Option<String>,
    /// A relative link to `atom.xml`, when there is one.
    pub(crate) feed: Option<String>,
}

/// A date for display: text and, when HTML can express it, `datetime`.
#[derive(Serialize)]
pub(crate) struct DateView {
    pub(crate) text: String,
    pub(crate) datetime: Option<String>,
    pub(crate) sort_key: String,
}

impl DateView {
    pub(crate) fn new(date: &HistoricalDate, locale: Locale) -> Self {
        DateView {
            text: date.human_in(locale),
            datetime: date.datetime(),
            sort_key: date.sort_key(),
        }
    }
}

/// When an event happened.
#[derive(Serialize)]
pub(crate) struct When {
    /// The whole span as text: `c. September 1814 – 9 June 1815`.
    pub(crate) text: String,
    pub(crate) start: DateView,
    pub(crate) end: Option<DateView>,
    pub(crate) circa: bool,
    /// A year alone, exactly: the index's year heading already says it.
    pub(crate) bare_year: bool,
    /// A plain date or span, with at most "c.": the template marks it up
    /// part by part; any other form is shown as `text`.
    pub(crate) plain: bool,
    /// The EDTF string: `197X`, `../1952`, `1976?`.
    pub(crate) edtf: String,
}

impl When {
    pub(crate) fn new(event: &Event, locale: Locale) -> Self {
        let (date, end) = (&event.when.date, event.when.end.as_ref());
        let mut start = DateView::new(date, locale);
        if let Some(end) = end {
            start.text = date.human_before(end, locale);
        }
        When {
            text: event.when.human_in(locale),
            start,
            end: end.map(|end| DateView::new(end, locale)),
            circa: event.when.is_circa(),
            bare_year: end.is_none()
                && !event.when.is_circa()
                && date.precision() == crate::date::Precision::Year,
            plain: event.when.is_plain(),
            edtf: event.when.edtf(),
        }
    }
}

/// A link to a listing page.
#[derive(Serialize)]
pub(crate) struct LinkView<'a> {
    pub(crate) name: &'a str,
    pub(crate) slug: &'a str,
    pub(crate) href: String,
    pub(crate) count: usize,
}

impl<'a> LinkView<'a> {
    pub(crate) fn group(here: Here, kind: Listing, group: &'a Group) -> Self {
        LinkView {
            name: &group.name,
            slug: &group.slug,
            href: here.link(&PagePath::listing(kind, &group.slug)),
            count: group.events.len(),
        }
    }

    pub(crate) fn era(here: Here, era: &'a Era, count: usize) -> Self {
        LinkView {
            name: &era.name,
            slug: &era.slug,
            href: here.link(&PagePath::listing(Listing::Era, &era.slug)),
            count,
        }
    }
}

/// An event as a list shows it.
#[derive(Serialize)]
pub(crate) struct Card<'a> {
    pub(crate) slug: &'a str,
    pub(crate) href: String,
    pub(crate) title: &'a str,
    pub(crate) when: When,
    pub(crate) summary: &'a str,
    pub(crate) place: Option<&'a str>,
    pub(crate) tags: Vec<NameLink<'a>>,
    pub(crate) actors: Vec<NameLink<'a>>,
    /// The language of the title and summary when the event is not
    /// translated into the page's: the original's.
    pub(crate) lang: Option<&'a str>,
}

/// A tag or actor name on an event, with its page.
#[derive(Serialize)]
pub(crate) struct NameLink<'a> {
    pub(crate) name: &'a str,
    pub(crate) href: String,
    /// The key of the actor's role among the interface strings
    /// (`role_signatory`), when the event gives one.
    pub(crate) role: Option<&'static str>,
}

impl<'a> Card<'a> {
    pub(crate) fn new(here: Here, chronology: &'a Chronology, event: &'a Event) -> Self {
        let tags = event.tags.iter().map(|name| NameLink {
            name,
            href: here.link(&PagePath::listing(
                Listing::Tag,
                &crate::slug::slugify(name),
            )),
            role: None,
        });
        let actors = event
            .actors
            .iter()
            .map(|name| NameLink::actor(here, chronology, event, name));
        Card {
            slug: &event.slug,
            href: here.event(event),
            title: &event.title,
            when: When::new(event, here.locale),
            summary: &event.summary,
            place: event.place.as_deref(),
            tags: tags.collect(),
            actors: actors.collect(),
            lang: event.shown_in.as_deref(),
        }
    }

    pub(crate) fn list(here: Here, chronology: &'a Chronology, indices: &[usize]) -> Vec<Self> {
        indices
            .iter()
            .map(|&index| Card::new(here, chronology, &chronology.events[index]))
            .collect()
    }
}

/// `event.html`.
#[derive(Serialize)]
pub(crate) struct EventPage<'a> {
    pub(crate) event: Card<'a>,
    /// Show the summary as a lede: it is not the body's first paragraph.
    pub(crate) lede: bool,
    /// The body, rendered and sanitised HTML.
    pub(crate) body: String,
    pub(crate) sources: Vec<super::sources::SourceView<'a>>,
    pub(crate) extra: &'a BTreeMap<String, serde_json::Value>,
    pub(crate) eras: Vec<LinkView<'a>>,
    pub(crate) related: Vec<Card<'a>>,
    pub(crate) prev: Option<Card<'a>>,
    pub(crate) next: Option<Card<'a>>,
    /// schema.org `Event` JSON-LD, safe to embed in a `<script>` element.
    pub(crate) json_ld: String,
    /// A treaty's stages; absent for other events.
    pub(crate) lifecycle: Option<super::lifecycle::LifecycleView<'a>>,
}

/// A year of the index, with its events.
#[derive(Serialize)]
pub(crate) struct Year<'a> {
    pub(crate) label: String,
    pub(crate) id: String,
    pub(crate) events: Vec<Card<'a>>,
}

/// A decade of the index.
#[derive(Serialize)]
pub(crate) struct Decade<'a> {
    pub(crate) label: String,
    pub(crate) id: String,
    pub(crate) count: usize,
    pub(crate) years: Vec<Year<'a>>,
}

/// An era with its span, for the index's era bands and era pages.
#[derive(Serialize)]
pub(crate) struct EraView<'a> {
    pub(crate) name: &'a str,
    pub(crate) slug: &'a str,
    pub(crate) href: String,
    pub(crate) start: DateView,
    pub(crate) end: DateView,
    pub(crate) description: Option<&'a str>,
    pub(crate) count: usize,
}

impl<'a> EraView<'a> {
    pub(crate) fn new(here: Here, era: &'a Era, count: usize) -> Self {
        EraView {
            name: &era.name,
            slug: &era.slug,
            href: here.link(&PagePath::listing(Listing::Era, &era.slug)),
            start: DateView::new(&era.start, here.locale),
            end: DateView::new(&era.end, here.locale),
            description: era.description.as_deref(),
            count,
        }
    }
}

/// `index.html`.
#[derive(Serialize)]
pub(crate) struct IndexPage<'a> {
    pub(crate) count: usize,
    pub(crate) eras: Vec<EraView<'a>>,
    pub(crate) decades: Vec<Decade<'a>>,
    /// The proportional time axis; absent without events.
    pub(crate) axis: Option<super::timeline::AxisView<'a>>,
    /// Every tag and actor, for the filters.
    pub(crate) tags: Vec<LinkView<'a>>,
    pub(crate) actors: Vec<LinkView<'a>>,
    /// The first and last years, as historians write them (`-1274` is 1274
    /// BCE), for the year-range filter.
    pub(crate) years: Option<(i32, i32)>,
    /// The pager, when the chronology spans several index pages.
    pub(crate) pages: Vec<super::paging::PageLink>,
    /// The same span for readers: `1945–2025`, `1274 BCE–2020`.
    pub(crate) span: Option<String>,
    /// Every event with stages, for the "in force on" filter.
    pub(crate) agreements: Vec<super::lifecycle::AgreementView<'a>>,
}

/// `tag.html`, `actor.html` and `era.html`.
#[derive(Serialize)]
pub(crate) struct ListPage<'a> {
    pub(crate) name: &'a str,
    pub(crate) slug: &'a str,
    pub(crate) era: Option<EraView<'a>>,
    /// A declared actor's names, dates and successions.
    pub(crate) actor: Option<super::actors::ActorView<'a>>,
    /// All the listing's events, on every page.
    pub(crate) count: usize,
    /// This page's events.
    pub(crate) events: Vec<Card<'a>>,
    /// The pager, when the listing spans several pages.
    pub(crate) pages: Vec<super::paging::PageLink>,
}

/// `tags.html` and `actors.html`.
#[derive(Serialize)]
pub(crate) struct GroupsPage<'a> {
    pub(crate) groups: Vec<LinkView<'a>>,
}
