//! annals: a static site generator for diplomatic chronologies.
//!
//! The build is a pipeline, one module per stage:
//! [`load`] reads files → [`event`] parses and validates them →
//! [`chronology`] orders and groups them → [`render`] turns them into pages
//! through Tera templates → [`output`] writes them and swaps them into place.

pub mod axis;
pub mod chronology;
pub mod config;
pub mod date;
pub mod edition;
pub mod error;
pub mod event;
pub mod export;
pub mod feed;
pub mod fingerprint;
pub mod front_matter;
pub mod guard;
pub mod i18n;
pub mod lint;
pub mod load;
pub mod markdown;
pub mod output;
pub mod page_path;
pub mod rebuild;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod slug;
pub mod source;
pub mod theme;
pub mod translation;
pub mod watch;

use std::path::{Path, PathBuf};

pub use chronology::{Chronology, Drafts};
pub use config::Config;
pub use error::{Error, Position, Result};

use output::{Discard, InFolder, Recorder, Sink};
use render::Templates;

/// What a build is asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site root (holds site.yaml and content/).
    pub root: PathBuf,
    /// The output folder; `root/public` when `None`.
    pub output: Option<PathBuf>,
    /// Overrides site.yaml's `base_url`.
    pub base_url: Option<String>,
    /// Whether drafts are published.
    pub drafts: Drafts,
    /// Whether a progress bar may be shown.
    pub verbosity: output::Verbosity,
}

impl BuildOptions {
    /// A build of `root` with the defaults.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            ..BuildOptions::default()
        }
    }

    /// Where the output goes.
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// What a build did.
#[derive(Debug)]
pub struct Report {
    /// Published events.
    pub events: usize,
    /// Pages rendered.
    pub pages: usize,
    /// Things worth telling that did not stop the build.
    pub warnings: Vec<String>,
    /// Likely mistakes in the content (`check` only; `--strict` fails on
    /// them).
    pub lints: Vec<lint::Warning>,
    /// Information for editors (`annals check`): untranslated events.
    pub notes: Vec<String>,
    /// Every source and how many events cite it (`annals check` only),
    /// one line each.
    pub sources: Vec<String>,
    /// Where the output is, when it was written.
    pub output: Option<PathBuf>,
    /// True when nothing had changed since the build that wrote the output,
    /// which was left as it was.
    pub unchanged: bool,
}

/// The site's settings and templates: what every page depends on.
struct Settings {
    config: Config,
    templates: Templates,
}

impl Settings {
    /// Reads site.yaml (its base URL overridden by the options) and the
    /// templates.
    fn load(opts: &BuildOptions) -> Result<Settings> {
        let mut config = Config::load(&opts.root)?;
        if let Some(url) = &opts.base_url {
            config.set_base_url(url)?;
        }
        let templates = Templates::load(&opts.root)?;
        Ok(Settings { config, templates })
    }
}

/// The model of a site: its events, with their translations, ordered and
/// grouped.
fn model(
    events: Vec<event::Event>,
    translations: &[translation::TranslationFile],
    config: &Config,
    drafts: Drafts,
) -> Result<Chronology> {
    let events = translation::attach(events, translations, config)?;
    Chronology::new(events, config, drafts)
}

/// A site, read and checked, ready to render.
struct Site {
    config: Config,
    /// The default language's edition first; it holds the chronology as
    /// read (one copy of the events, not one per use).
    editions: Vec<edition::Edition>,
    templates: Templates,
    warnings: Vec<String>,
}

impl Site {
    fn load(opts: &BuildOptions) -> Result<Site> {
        let Settings { config, templates } = Settings::load(opts)?;
        let (files, warnings) = load::content(&opts.root)?;
        let (files, translations) = translation::partition(files, &opts.root, &config)?;
        let events = event::read_all(&opts.root, &files)?;
        let chronology = model(events, &translations, &config, opts.drafts)?;
        let mut warnings = warnings;
        warnings.extend(export::warnings(&chronology));
        let editions = edition::all(&opts.root, &config, chronology)?;
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
    fn render(&self, sink: &dyn Sink) -> Result<usize> {
        render_site(&self.templates, &self.editions, &self.config, sink)
    }

    /// The events as read, in the default language.
    fn events(&self) -> &[event::Event] {
        self.editions
            .first()
            .map_or(&[], |edition| edition.chronology.events.as_slice())
    }

    /// How many files a build writes, about: for the progress bar.
    fn expected_pages(&self) -> u64 {
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

    fn report(self, pages: usize, output: Option<PathBuf>) -> Report {
        Report {
            events: self.events().len(),
            pages,
            warnings: self.warnings,
            lints: Vec::new(),
            notes: Vec::new(),
            sources: Vec::new(),
            output,
            unchanged: false,
        }
    }
}

/// Renders every page, feed and export of every language edition of a
/// site into `sink`; returns how many pages.
fn render_site(
    templates: &Templates,
    editions: &[edition::Edition],
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
fn render_data(
    editions: &[edition::Edition],
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

/// Builds the site: reads and checks everything, renders every page into a
/// staging folder, then swaps it into place. On any error the previous
/// output is left untouched.
pub fn build(opts: &BuildOptions) -> Result<Report> {
    config::require_site(&opts.root)?;
    let fingerprint = fingerprint::of(opts);
    let output_dir = opts.output_dir();
    if let Some(stamp) = output::previous_stamp(&output_dir) {
        if stamp.fingerprint == fingerprint {
            return Ok(Report {
                events: stamp.events,
                pages: stamp.pages,
                warnings: stamp.warnings,
                lints: Vec::new(),
                notes: Vec::new(),
                sources: Vec::new(),
                output: Some(output_dir),
                unchanged: true,
            });
        }
    }
    let site = Site::load(opts)?;
    let staging = output::Staging::open(&opts.root, &output_dir)?
        .with_progress(opts.verbosity, site.expected_pages());
    let pages = site.render(&staging)?;
    put_static(&opts.root, &staging)?;
    let stamp = fingerprint::Stamp {
        fingerprint,
        events: site.events().len(),
        pages,
        warnings: site.warnings.clone(),
    };
    let output = staging.commit(&stamp)?;
    Ok(site.report(pages, Some(output)))
}

/// Checks the site as a build would, rendering every page in memory, and
/// writes nothing. Also reports untranslated events (as notes) and
/// translations older than their originals (as warnings).
pub fn check(opts: &BuildOptions) -> Result<Report> {
    config::require_site(&opts.root)?;
    let mut site = Site::load(opts)?;
    let pages = site.render(&Discard)?;
    let lints = lint::events(site.events());
    let notes = translation::missing(site.events(), &site.config);
    let outdated = translation::outdated(&opts.root, site.events());
    site.warnings.extend(outdated);
    let sources = site.editions.first().map_or(Vec::new(), |edition| {
        source::bibliography::listing(&edition.chronology)
    });
    Ok(Report {
        lints,
        notes,
        sources,
        ..site.report(pages, None)
    })
}

/// Puts `root/static/` into the output, then the built-in assets the site
/// does not replace, and `.nojekyll` (GitHub Pages would otherwise skip
/// files starting with `_`).
fn put_static(root: &Path, sink: &dyn Sink) -> Result<()> {
    let mut own = std::collections::HashSet::new();
    for file in load::walk_named(root, "static") {
        let (path, to) = file?;
        sink.put_file(root, &path, &to)?;
        own.insert(to);
    }
    for (name, bytes) in theme::ASSETS {
        if !own.contains(name) {
            sink.put(name, bytes)?;
        }
    }
    sink.put(".nojekyll", b"")
}
