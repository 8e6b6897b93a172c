//! Rendering: Tera set-up and one function per page kind.
//!
//! Templates come from the built-in theme (this repository's `templates/`,
//! embedded in the binary), overridden by the site's own `templates/` file of
//! the same name. Autoescaping stays on; only the sanitised body is marked
//! safe in templates. Pages are handed to a [`Sink`] as they are rendered, in
//! parallel, so the whole site never sits in memory at once.

mod actors;
mod escape;
mod here;
mod index;
mod json_ld;
mod languages;
mod lifecycle;
mod listings;
mod pages;
mod paging;
mod redirect;
mod selection;
mod sources;
mod template_error;
mod timeline;
mod views;

use rayon::prelude::*;
use serde::Serialize;
use tera::Tera;

use crate::chronology::bibliography::Bibliography;
use crate::chronology::{Chronology, Group, Href};
use crate::config::Config;
use crate::edition::Edition;
use crate::error::Result;
use crate::guard::{self, Watchdog};
use crate::i18n::{self, Strings};
use crate::load::Text;
use crate::markdown::{self, HtmlMode};
use crate::output::Sink;
use crate::page_path::{Listing, PagePath};
use crate::search;
use crate::theme;
pub use selection::{Dirty, Overviews, Selection};

use here::Here;
use index::{decades, span, years};
use views::{
    Alternate, Card, EraView, EventPage, IndexPage, LanguageLink, LinkView, Meta, Nav, Page,
    SiteView,
};

/// The compiled templates.
pub struct Templates {
    tera: Tera,
    sources: template_error::Sources,
}

impl Templates {
    /// The built-in templates, overridden by the site's own (`templates/`)
    /// of the same name.
    pub fn new(site: &[(String, Text)]) -> Result<Templates> {
        let mut sources: Vec<(String, String)> = theme::TEMPLATES
            .iter()
            .map(|(name, text)| (name.to_string(), text.to_string()))
            .collect();
        let mut own = template_error::Sources::default();
        for (name, file) in site {
            own.add(name, file.path.clone(), &file.text);
            sources.retain(|(known, _)| known != name);
            sources.push((name.clone(), file.text.clone()));
        }
        let mut tera = Tera::default();
        tera.set_escape_fn(escape::html);
        tera.register_function("range", guard::range);
        tera.register_filter("plural", i18n::plural_filter);
        guard::check(&sources)?;
        compile(&mut tera, &sources).map_err(|error| own.parse_error(&error))?;
        Ok(Templates { tera, sources: own })
    }

    /// Renders the page at output path `path` with template `name`.
    fn render<T: Serialize>(&self, name: &str, path: &str, page: &Page<'_, T>) -> Result<String> {
        let error = |error| self.sources.render_error(name, path, &error);
        let context = tera::Context::from_serialize(page).map_err(error)?;
        self.tera.render(name, &context).map_err(error)
    }
}

/// Adds `sources` to `tera` as `Tera::add_raw_templates` does, with the same
/// errors, but parses them on every core: parsing the built-in templates is
/// a tenth of a small site's build, and it is done before any page renders.
fn compile(tera: &mut Tera, sources: &[(String, String)]) -> tera::Result<()> {
    let parsed: Vec<tera::Result<tera::Template>> = sources
        .par_iter()
        .map(|(name, text)| {
            tera::Template::new(name, None, text)
                .map_err(|e| tera::Error::chain(format!("Failed to parse '{name}'"), e))
        })
        .collect();
    for ((name, _), template) in sources.iter().zip(parsed) {
        tera.templates.insert(name.clone(), template?);
    }
    tera.build_inheritance_chains()?;
    tera.check_macro_files()
}

/// Everything a page function needs.
struct Renderer<'a> {
    templates: &'a Templates,
    chronology: &'a Chronology,
    config: &'a Config,
    edition: &'a Edition,
    editions: &'a [Edition],
    t: &'a Strings,
    site: SiteView<'a>,
    html: HtmlMode,
    sink: &'a dyn Sink,
    watchdog: Watchdog,
    selection: &'a Selection,
    bibliography: Bibliography<'a>,
}

/// Renders every page of one language edition into `sink` (which puts them
/// in the edition's folder); `editions` are all of them, for the language
/// links. Returns how many pages.
pub fn site(
    templates: &Templates,
    edition: &Edition,
    editions: &[Edition],
    sink: &dyn Sink,
) -> Result<usize> {
    pages(templates, edition, editions, &Selection::All, sink)
}

/// Renders the selected pages of one language edition into `sink`;
/// returns how many.
pub fn pages(
    templates: &Templates,
    edition: &Edition,
    editions: &[Edition],
    selection: &Selection,
    sink: &dyn Sink,
) -> Result<usize> {
    let (chronology, config) = (&edition.chronology, &edition.config);
    let renderer = Renderer {
        templates,
        chronology,
        config,
        edition,
        editions,
        t: &edition.strings,
        site: SiteView::new(config),
        html: config.html,
        sink,
        watchdog: Watchdog::start(guard::page_time_limit()),
        selection,
        bibliography: Bibliography::of_events(chronology, &|index| edition.has_event(index)),
    };
    // The index shows every event: the slowest page; render it beside the rest.
    let index = || match selection.overviews() {
        true => {
            search_index(edition, sink)?;
            renderer.index()
        }
        false => Ok(0),
    };
    let (index, rest) = rayon::join(index, || renderer.all_but_index());
    Ok(index? + rest?)
}

/// Writes the search index of one language edition into `sink`. In an
/// edition other than the default, its records of untranslated events link
/// to the default edition's pages, from the index: `../`.
pub(crate) fn search_index(edition: &Edition, sink: &dyn Sink) -> Result<()> {
    let nested = !edition.prefix.is_empty();
    let original = nested.then(|| {
        Here::in_dir(PagePath::Index(1).dir())
            .in_edition(true, edition.config.locale())
            .root_url("")
    });
    search::write(
        &edition.chronology,
        &edition.pages,
        &edition.config,
        original.as_deref(),
        &edition.terms,
        sink,
    )
}

impl Renderer<'_> {
    /// The selected pages but the index; returns how many.
    fn all_but_index(&self) -> Result<usize> {
        let chronology = self.chronology;
        let events = (0..chronology.events.len())
            .into_par_iter()
            .filter(|&index| self.selection.event(index) && self.edition.has_event(index))
            .map(|index| self.event(index))
            .collect::<Result<Vec<usize>>>()?
            .into_iter()
            .sum::<usize>();
        let t = self.t;
        let tags = self.groups(Listing::Tag, t.get("tags"), &chronology.tags)?;
        let actors = self.groups(Listing::Actor, t.get("actors"), &chronology.actors)?;
        let eras = self.eras()?;
        let combined = self.combined()? + self.content_pages()?;
        let bibliography = self.bibliography()?;
        let not_found = match self.selection {
            Selection::All => self.not_found().map(|()| 1)?,
            Selection::Only(_) => 0,
        };
        Ok(events + tags + actors + eras + combined + bibliography + not_found)
    }

    /// Where `page` of this edition is.
    fn here<'p>(&self, page: &'p PagePath) -> Here<'p> {
        let nested = !self.edition.prefix.is_empty();
        Here::in_dir(page.dir()).in_edition(nested, self.config.locale())
    }

    fn page<T: Serialize>(&self, here: Here, title: String, content: T) -> Page<'_, T> {
        let meta = Meta {
            title: if title.is_empty() {
                self.site.title.to_string()
            } else {
                title.clone()
            },
            description: self.site.description.to_string(),
            kind: "website",
            url: None,
            feed: self.config.base_url.as_ref().map(|_| here.url("atom.xml")),
        };
        let title = if title.is_empty() {
            self.site.title.to_string()
        } else {
            format!("{title} — {}", self.site.title)
        };
        Page {
            site: &self.site,
            nav: Nav::new(here, pages::nav(here, &self.edition.pages)),
            t: self.t,
            languages: Vec::new(),
            alternates: Vec::new(),
            title,
            base: None,
            meta,
            content,
        }
    }

    /// Renders a page to `path`, which also gives its canonical URL.
    fn put<'p, T: Serialize>(
        &'p self,
        here: Here,
        path: &PagePath,
        template: &str,
        mut page: Page<'p, T>,
    ) -> Result<()> {
        let code = &self.edition.language.code;
        page.languages = LanguageLink::all(here, path, self.editions, code);
        let path = &path.to_string();
        if path != "404.html" {
            page.meta.url = self.config.page_url(path);
        }
        page.alternates = Alternate::all(&page.languages);
        let html = self
            .watchdog
            .render(|| self.templates.render(template, path, &page))?;
        self.sink.put(path, html.as_bytes())
    }

    /// The event's page and its aliases' redirects; returns how many.
    fn event(&self, index: usize) -> Result<usize> {
        let chronology = self.chronology;
        let event = &chronology.events[index];
        let path = event.page_path();
        let here = self.here(&path);
        let resolve = |dest: &str| match chronology.href(event, dest) {
            Href::Page(path) => Some(here.url(&path)),
            Href::Root(path) => Some(here.root_url(&path)),
            Href::Written(url) => Some(url),
            Href::Drop => None,
        };
        let related = event
            .related
            .iter()
            .filter_map(|slug| chronology.get(slug))
            .collect::<Vec<_>>();
        let text = event.body.text()?;
        let content = EventPage {
            event: Card::new(here, chronology, event),
            lede: !event.summary.is_empty() && !opens_with(&text, &event.summary),
            body: markdown::render(&text, self.html, &resolve),
            sources: sources::SourceView::list(here, self.t, &event.sources, &self.bibliography),
            extra: &event.extra,
            eras: chronology
                .eras_of(index)
                .map(|group| LinkView::era(here, &group.era, group.events.len()))
                .collect(),
            related: Card::list(here, chronology, &related),
            prev: index
                .checked_sub(1)
                .map(|prev| Card::new(here, chronology, &chronology.events[prev])),
            next: chronology
                .events
                .get(index + 1)
                .map(|next| Card::new(here, chronology, next)),
            json_ld: json_ld::event(event, self.config.url(&path.to_string()), self.t),
            lifecycle: lifecycle::LifecycleView::new(event, here.locale, self.t),
        };
        let mut page = self.page(here, event.title.clone(), content);
        page.meta.kind = "article";
        if !event.summary.is_empty() {
            page.meta.description = event.summary.clone();
        }
        self.put(here, &path, "event.html", page)?;
        self.put_files(event)?;
        let path = path.to_string();
        for alias in &event.aliases {
            let html = redirect::page(alias, &path, &event.title);
            self.sink.put(alias, html.as_bytes())?;
        }
        Ok(1 + event.aliases.len())
    }

    /// Publishes the files the event is the first to link to, once for
    /// every edition: by the default one, at the output root.
    fn put_files(&self, event: &crate::event::Event) -> Result<()> {
        if !self.edition.prefix.is_empty() {
            return Ok(());
        }
        let files = self.chronology.files();
        for asset in files.owned_by(&event.slug) {
            self.sink.put(&asset.output, &files.read(asset)?)?;
        }
        Ok(())
    }

    /// The index, split into pages; returns how many.
    fn index(&self) -> Result<usize> {
        let first_page = PagePath::Index(1);
        let here = self.here(&first_page);
        let chronology = self.chronology;
        let all: Vec<usize> = (0..chronology.events.len()).collect();
        let axis = timeline::measure(chronology);
        let pages = paging::paginate(here, &first_page, &all, chronology);
        let count = pages.len();
        pages.into_par_iter().try_for_each(|paged| {
            let first = paged.path == first_page;
            let content = IndexPage {
                count: chronology.events.len(),
                eras: chronology
                    .eras
                    .iter()
                    .map(|group| EraView::new(here, &group.era, group.events.len()))
                    .collect(),
                decades: decades(here, chronology, paged.events),
                axis: axis
                    .as_ref()
                    .filter(|_| first)
                    .map(|axis| timeline::AxisView::new(here, chronology, axis, self.t)),
                tags: links(here, Listing::Tag, &chronology.tags),
                actors: links(here, Listing::Actor, &chronology.actors),
                years: years(chronology),
                span: span(here, chronology),
                pages: paged.links,
                agreements: lifecycle::agreements(here, chronology, self.t),
            };
            let page = self.page(here, String::new(), content);
            self.put(here, &paged.path, "index.html", page)
        })?;
        Ok(count)
    }
}

fn links<'a>(here: Here, kind: Listing, groups: &'a [Group]) -> Vec<LinkView<'a>> {
    groups
        .iter()
        .map(|group| LinkView::group(here, kind, group))
        .collect()
}

/// True when the body's first paragraph is `summary`: the summary was taken
/// from it, and the page shows it once, in the body.
fn opens_with(body: &str, summary: &str) -> bool {
    markdown::scan(body)
        .first_paragraph
        .is_some_and(|first| first.trim() == summary)
}
