//! The listing pages: one per tag, actor and era (each split into pages),
//! the overviews of tags and actors, and the page not found.

use rayon::prelude::*;

use super::here::Here;
use super::views::{Card, EraView, GroupsPage, LinkView, ListPage};
use super::{Renderer, index, paging};
use crate::chronology::Group;
use crate::error::Result;
use crate::page_path::{Listing, PagePath};

impl Renderer<'_> {
    /// A listing page per group and one index of the groups.
    pub(super) fn groups(&self, kind: Listing, heading: &str, groups: &[Group]) -> Result<usize> {
        let (one, all) = match kind {
            Listing::Tag => ("tag.html", "tags.html"),
            _ => ("actor.html", "actors.html"),
        };
        let overview = PagePath::Groups(kind);
        let here = self.here(&overview);
        let listings: Vec<_> = groups
            .iter()
            .map(|group| (group, PagePath::listing(kind, &group.slug)))
            .filter(|(_, first)| self.selection.list(first))
            .flat_map(|(group, first)| {
                paging::paginate(here, &first, &group.events, self.chronology)
                    .into_iter()
                    .map(move |paged| (group, paged))
            })
            .collect();
        let pages = listings.len();
        listings.into_par_iter().try_for_each(|(group, paged)| {
            let declared = self.chronology.declared.get(&group.slug);
            let actor = declared.filter(|_| kind == Listing::Actor).map(|actor| {
                let url = self.config.url(&paged.path.to_string());
                super::actors::ActorView::of(here, self.chronology, self.t, actor, url)
            });
            let content = ListPage {
                name: &group.name,
                slug: &group.slug,
                era: None,
                actor,
                count: group.events.len(),
                events: Card::list(here, self.chronology, paged.events),
                pages: paged.links,
            };
            let mut page = self.page(here, group.name.clone(), content);
            page.meta.description = self.describe(here, &group.name, &group.events);
            self.put(here, &paged.path, one, page)
        })?;
        if !self.selection.overviews() {
            return Ok(pages);
        }
        let content = GroupsPage {
            groups: groups
                .iter()
                .map(|group| LinkView::group(here, kind, group))
                .collect(),
        };
        let page = self.page(here, heading.to_string(), content);
        self.put(here, &overview, all, page)?;
        Ok(pages + 1)
    }

    pub(super) fn eras(&self) -> Result<usize> {
        let mut pages = 0;
        for group in &self.chronology.eras {
            let first = PagePath::listing(Listing::Era, &group.era.slug);
            if !self.selection.list(&first) {
                continue;
            }
            let here = self.here(&first);
            for paged in paging::paginate(here, &first, &group.events, self.chronology) {
                let content = ListPage {
                    name: &group.era.name,
                    slug: &group.era.slug,
                    era: Some(EraView::new(here, &group.era, group.events.len())),
                    actor: None,
                    count: group.events.len(),
                    events: Card::list(here, self.chronology, paged.events),
                    pages: paged.links,
                };
                let mut page = self.page(here, group.era.name.clone(), content);
                page.meta.description = self.describe(here, &group.era.name, &group.events);
                self.put(here, &paged.path, "era.html", page)?;
                pages += 1;
            }
        }
        Ok(pages)
    }

    pub(super) fn not_found(&self) -> Result<()> {
        let here = self.here(&PagePath::NotFound);
        let mut page = self.page(here, self.t.get("not_found").to_string(), ());
        page.base = self
            .config
            .base_url
            .as_deref()
            .and_then(url_path)
            .map(str::to_owned);
        self.put(here, &PagePath::NotFound, "404.html", page)
    }

    /// A listing's own description: its name, how many events and their
    /// span of years (`trade: 5 events, 1976–2025`).
    fn describe(&self, here: Here, name: &str, events: &[usize]) -> String {
        let n = match events.len() {
            0 => self.t.get("no_events").to_string(),
            n => self.t.count("events_count", n),
        };
        let span = index::span_of(here, self.chronology, events);
        let span = span.map(|span| format!(", {span}")).unwrap_or_default();
        format!("{name}: {n}{span}")
    }
}

/// The path of an absolute URL: `/repo/` of `https://example.org/repo/`.
fn url_path(url: &str) -> Option<&str> {
    let (_, rest) = url.split_once("://")?;
    rest.find('/').map(|at| &rest[at..])
}
