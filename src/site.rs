//! The stages every driver shares: settings, model and rendering.
//!
//! `annals build` renders a [`Site`] into the output's staging folder,
//! `annals check` into nothing, and `annals serve` (see `crate::rebuild`)
//! into memory, re-rendering only what an edit touched: all three parse,
//! model and render with the functions here, so they cannot disagree.

use std::collections::HashSet;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::actor::Actors;
use crate::chronology::{Chronology, Drafts};
use crate::config::Config;
use crate::edition::{self, Edition};
use crate::error::Result;
use crate::event::{self, Event};
use crate::fingerprint::Stamp;
use crate::load::{Changes, Disk, Sources, Text};
use crate::output::{InFolder, Recorder, Sink};
use crate::render::{self, Templates};
use crate::{BuildOptions, Report, export, feed, markdown, theme, translation};

/// The site's settings and templates: what every page depends on.
pub(crate) struct Settings {
    pub(crate) config: Config,
    pub(crate) templates: Templates,
}

impl Settings {
    /// Parses site.yaml (its base URL overridden by the options) and
    /// compiles the templates.
    pub(crate) fn parse(sources: &Sources, opts: &BuildOptions) -> Result<Settings> {
        let config = Settings::config(sources, opts)?;
        let templates = Templates::new(&sources.templates)?;
        Ok(Settings { config, templates })
    }

    /// Parses site.yaml, its base URL overridden by the options.
    fn config(sources: &Sources, opts: &BuildOptions) -> Result<Config> {
        let mut config = Config::of(sources)?;
        if let Some(url) = &opts.base_url {
            config.set_base_url(url)?;
        }
        Ok(config)
    }
}

/// The model of a site: its events, with their translations, ordered and
/// grouped, their actors by the `declared` ones (`content/actors/`).
pub(crate) fn model(
    events: Vec<Event>,
    translations: Vec<translation::Parsed>,
    declared: &[Text],
    config: &Config,
    drafts: Drafts,
    changes: &Changes,
) -> Result<Chronology> {
    let mut events = events;
    feed::date(&mut events, changes, config);
    let actors = Actors::read(declared);
    let events = translation::attach(events, translations, config);
    let (events, actors) = both(events, actors)?;
    crate::stage::check_parties(events.iter().flat_map(|e| &e.stages), &actors)?;
    Ok(Chronology::new(events, config, drafts)?.with_actors(actors))
}

/// Parses the translation `file`, and puts what it parsed into in
/// `stored`, when given, for the build cache.
fn parse_storing(
    file: &translation::TranslationFile,
    stored: Option<&event::Stored>,
) -> translation::Parsed {
    let parsed = file.parse();
    if let (Some(stored), Ok(translation)) = (stored, &parsed.translation) {
        event::put(stored, &parsed.path, Ok(translation));
    }
    parsed
}

/// Both values, or every error of the two.
fn both<A, B>(a: Result<A>, b: Result<B>) -> Result<(A, B)> {
    match (a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (Err(error), Ok(_)) | (Ok(_), Err(error)) => Err(error),
        (Err(first), Err(second)) => Err(crate::Error::Many(vec![first, second])),
    }
}

/// The site's language editions of `chronology`, the default first, once
/// the files its bodies link to are found.
pub(crate) fn editions(
    sources: &Sources,
    config: &Config,
    chronology: Chronology,
) -> Result<Vec<Edition>> {
    let pages = crate::page::read_all(&sources.pages, config)?;
    let chronology = chronology.with_files(&Disk::new(&sources.root))?;
    edition::all(config, &sources.strings, chronology, &pages)
}

/// No actors declared.
static EMPTY: std::sync::LazyLock<Actors> = std::sync::LazyLock::new(Actors::default);

/// A site, parsed and checked, ready to render.
pub(crate) struct Site {
    pub(crate) config: Config,
    /// The default language's edition first; it holds the chronology as
    /// read (one copy of the events, not one per use).
    editions: Vec<Edition>,
    templates: Templates,
    pub(crate) warnings: Vec<String>,
}

impl Site {
    /// Parses and checks every file of `sources` and models the site.
    /// The templates are compiled beside the parsing of the content, on
    /// another core; an error in them is reported first, as it would be
    /// alone.
    pub(crate) fn parse(sources: &Sources, opts: &BuildOptions) -> Result<Site> {
        Site::parse_storing(sources, opts, None)
    }

    /// [`Site::parse`], and what each event file parsed into put in
    /// `stored`, when given, for the build cache.
    pub(crate) fn parse_storing(
        sources: &Sources,
        opts: &BuildOptions,
        stored: Option<&event::Stored>,
    ) -> Result<Site> {
        let config = Settings::config(sources, opts)?;
        let (templates, chronology) = rayon::join(
            || Templates::new(&sources.templates),
            || Site::model(sources, &config, opts, stored),
        );
        let settings = Settings {
            templates: templates?,
            config,
        };
        Site::of(sources, settings, chronology?)
    }

    /// The model of every content file of `sources`, every bad one
    /// reported.
    fn model(
        sources: &Sources,
        config: &Config,
        opts: &BuildOptions,
        stored: Option<&event::Stored>,
    ) -> Result<Chronology> {
        let root = &sources.root;
        let (files, translations) = translation::partition(&sources.content, root, config)?;
        let events = event::read_all_storing(root, &files, stored)?;
        let translations = translations
            .par_iter()
            .map(|file| parse_storing(file, stored))
            .collect();
        let chronology = model(
            events,
            translations,
            &sources.actors,
            config,
            opts.drafts,
            &sources.changes,
        );
        // Pages are read again with the editions; read here too, their
        // errors are reported with the events' and actors'.
        let pages = crate::page::read_all(&sources.pages, config);
        let (chronology, _) = both(chronology, pages)?;
        Ok(chronology)
    }

    /// The site of `chronology`, the model of `sources` with `settings`.
    pub(crate) fn of(
        sources: &Sources,
        settings: Settings,
        chronology: Chronology,
    ) -> Result<Site> {
        let Settings { config, templates } = settings;
        let mut warnings = export::warnings(&chronology);
        let editions = editions(sources, &config, chronology)?;
        if let Some(default) = editions.first() {
            warnings.splice(0..0, default.chronology.files().unlinked(&sources.others));
        }
        warnings.extend(feed::missing_base_url(&config));
        if config.html == markdown::HtmlMode::Trust {
            warnings.push(
                "site.yaml: unsafe_html is on: raw HTML in bodies is published unsanitised, scripts included"
                    .into(),
            );
        }
        Ok(Site {
            config,
            editions,
            templates,
            warnings,
        })
    }

    /// Renders the pages of every language edition, then the feeds and data
    /// exports; returns how many pages.
    pub(crate) fn render(&self, sink: &dyn Sink) -> Result<usize> {
        render_site(&self.templates, &self.editions, &self.config, sink)
    }

    /// The site's language editions, the default first.
    pub(crate) fn editions(&self) -> &[Edition] {
        &self.editions
    }

    /// The site's templates.
    pub(crate) fn templates(&self) -> &Templates {
        &self.templates
    }

    /// The events as read, in the default language.
    pub(crate) fn events(&self) -> &[Event] {
        self.editions
            .first()
            .map_or(&[], |edition| edition.chronology.events.as_slice())
    }

    /// The declared actors, in the default language.
    pub(crate) fn actors(&self) -> &Actors {
        self.editions
            .first()
            .map_or(&*EMPTY, |edition| edition.chronology.declared.as_ref())
    }

    /// How many files a build writes, about: for the progress bar.
    pub(crate) fn expected_pages(&self) -> u64 {
        let Some(chronology) = self.editions.first().map(|e| &e.chronology) else {
            return 0;
        };
        let aliases: usize = chronology.events.iter().map(|e| e.aliases.len()).sum();
        let per_edition =
            (chronology.events.len() + chronology.tags.len() + chronology.actors.len()) as u64
                + (chronology.eras.len() + aliases) as u64
                + 16;
        per_edition * self.editions.len() as u64
    }

    /// Every distinct source with how many events cite it: `annals check
    /// --sources`.
    pub(crate) fn sources(&self) -> Vec<String> {
        self.editions.first().map_or(Vec::new(), |edition| {
            crate::chronology::bibliography::listing(&edition.chronology)
        })
    }

    /// What the build stamps into its output, with its `fingerprint`.
    pub(crate) fn stamp(&self, fingerprint: String, pages: usize) -> Stamp {
        Stamp {
            fingerprint,
            events: self.events().len(),
            pages,
            warnings: self.warnings.clone(),
        }
    }

    pub(crate) fn report(mut self, pages: usize, output: Option<PathBuf>) -> Report {
        let report = Report {
            events: self.events().len(),
            pages,
            rendered: pages,
            warnings: std::mem::take(&mut self.warnings),
            lints: Vec::new(),
            notes: Vec::new(),
            sources: Vec::new(),
            output,
            unchanged: false,
        };
        free_later(self);
        report
    }
}

/// Renders every page, feed and export of every language edition of a
/// site into `sink`; returns how many pages.
pub(crate) fn render_site(
    templates: &Templates,
    editions: &[Edition],
    config: &Config,
    sink: &dyn Sink,
) -> Result<usize> {
    let mut pages = 0;
    let mut urls = Vec::new();
    for edition in editions {
        let folder = InFolder::new(sink, &edition.prefix);
        let recorder = Recorder::new(&folder);
        pages += render::site(templates, edition, editions, &recorder)?;
        let written = recorder.into_pages().into_iter();
        urls.extend(written.map(|page| format!("{}{page}", edition.prefix)));
    }
    render_data(editions, &urls, config, sink)?;
    Ok(pages)
}

/// Renders the files made from whole editions rather than pages: each
/// edition's data exports and feed, the default edition's sitemap of the
/// HTML `pages`, and CNAME.
pub(crate) fn render_data(
    editions: &[Edition],
    pages: &[String],
    config: &Config,
    sink: &dyn Sink,
) -> Result<()> {
    for edition in editions {
        let folder = InFolder::new(sink, &edition.prefix);
        export::write(&edition.chronology, &edition.config, &folder)?;
        if !edition.prefix.is_empty() {
            feed::write_atom(&edition.chronology, &edition.config, &folder)?;
        }
    }
    if let Some(default) = editions.first() {
        feed::write(&default.chronology, &default.config, pages, sink)?;
    }
    if let Some(cname) = &config.cname {
        sink.put("CNAME", format!("{cname}\n").as_bytes())?;
    }
    Ok(())
}

/// Puts the site's static files into the output, then the built-in assets
/// the site does not replace, and `.nojekyll` (GitHub Pages would otherwise
/// skip files starting with `_`).
pub(crate) fn put_static(sources: &Sources, sink: &dyn Sink) -> Result<()> {
    let mut own = HashSet::new();
    for (path, to) in &sources.statics {
        sink.put_file(&sources.root, path, to)?;
        own.insert(to.as_str());
    }
    for (name, bytes) in theme::ASSETS {
        if !own.contains(name) {
            sink.put(name, bytes)?;
        }
    }
    sink.put(".nojekyll", b"")
}

/// Frees `value` on a thread of its own: a model of every event takes a
/// while to free, and a build need not wait for it.
pub(crate) fn free_later<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}
