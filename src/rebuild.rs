//! Incremental rebuilds, for `annals serve`: a site kept in memory between
//! edits.
//!
//! [`Live`] keeps every content file's parsed events, the settings, the
//! compiled templates and the last good build's pages. An edit to content
//! re-reads and re-parses only the files that changed, rebuilds the model
//! (cheap: no I/O, no rendering), and renders only the pages the edit
//! touched (see [`dirty`]). A bad edit leaves the last good pages in place.
//!
//! A site of several language editions renders the touched pages in every
//! edition: an event's page exists once per edition and links to the
//! others.

pub(crate) mod dirty;
pub(crate) mod files;
pub(crate) mod step;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use crate::BuildOptions;
use crate::chronology::Chronology;
use crate::edition::Edition;
use crate::error::{Error, Result};
use crate::load::{self, Sources};
use crate::output::{Memory, Pages};
use crate::render::{Dirty, Overviews};
use crate::search::Terms;
use crate::site::{self, Settings};
use crate::watch::Change;
use files::Files;

/// What a rebuild (or a step of one) did.
#[derive(Debug)]
pub struct Rebuilt {
    /// Every page of the site, after the rebuild.
    pub pages: Arc<Pages>,
    /// How many pages were rendered.
    pub rendered: usize,
    /// Which pages changed or went away.
    pub changed: Changed,
}

/// Which pages a rebuild changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changed {
    /// Any of them.
    All,
    /// These output paths.
    Paths(BTreeSet<String>),
}

/// What an edit made [`Live`] read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Read {
    /// Only event files: the pages showing them are rendered again.
    Events,
    /// All of `content/`: every page is rendered again.
    Everything,
}

/// A site kept in memory between edits.
pub struct Live {
    opts: BuildOptions,
    files: Files,
    sources: Option<Sources>,
    settings: Option<Settings>,
    /// The language codes `files` were told events from translations by.
    languages: Vec<String>,
    /// The last good build's editions and pages.
    built: Option<(Vec<Edition>, Arc<Pages>)>,
}

impl Live {
    /// A site not read yet; the first [`Live::apply`] reads it.
    pub fn new(opts: BuildOptions) -> Live {
        Live {
            opts,
            files: Files::default(),
            sources: None,
            settings: None,
            languages: Vec::new(),
            built: None,
        }
    }

    /// The last good build's pages, if any.
    pub fn pages(&self) -> Option<Arc<Pages>> {
        self.built.as_ref().map(|(_, pages)| pages.clone())
    }

    /// Rebuilds what `change` touched. On error the last good build stays.
    pub fn apply(&mut self, change: &Change) -> Result<Rebuilt> {
        self.apply_in_steps(change, &mut |_| {})
    }

    /// Like [`Live::apply`], but an edit's event pages are handed to
    /// `first` before the slower pages that list every event (the index,
    /// long tag pages) are rendered: the page being edited can reload at
    /// once.
    pub fn apply_in_steps(
        &mut self,
        change: &Change,
        first: &mut dyn FnMut(Rebuilt),
    ) -> Result<Rebuilt> {
        let full = matches!(change, Change::Everything) || self.built.is_none();
        if full || self.settings.is_none() {
            self.settings = None;
            let sources = Sources::read(&self.opts.root)?;
            let settings = Settings::parse(&sources, &self.opts)?;
            self.sources = Some(sources);
            let languages: Vec<String> = settings
                .config
                .languages
                .iter()
                .map(|language| language.code.clone())
                .collect();
            if languages != self.languages {
                // Which files are translations depends on the languages.
                self.files.clear();
                self.languages = languages;
            }
            self.settings = Some(settings);
        }
        let changed = match change {
            Change::Content(paths) if !full => paths.clone(),
            _ => BTreeSet::new(),
        };
        let read = self.read_content(&changed)?;
        let chronology = self.chronology()?;
        match self.built.take() {
            Some((old, pages)) if !full && read == Read::Events => {
                self.render_dirty(old, pages, chronology, first)
            }
            previous => {
                self.built = previous;
                self.render_all(chronology)
            }
        }
    }

    /// Re-reads the `changed` content paths, or all of `content/` when
    /// `changed` is empty or holds anything but event files and folders.
    /// A file kept beside the events (an image, a scan) may be shown on
    /// any page that links to it: its change reads everything again.
    fn read_content(&mut self, changed: &BTreeSet<PathBuf>) -> Result<Read> {
        if changed.is_empty() {
            return self.read_all();
        }
        for path in changed {
            if load::is_declaration(path) {
                return self.read_all();
            }
            let event_file = load::format_of(path).is_some();
            match std::fs::symlink_metadata(self.opts.root.join(path)) {
                Ok(meta) if meta.is_file() && event_file => {
                    let text = load::read_text(&self.opts.root, path)?;
                    let settings = self.settings.as_ref().ok_or_else(unread_settings)?;
                    self.files.parse(path.clone(), text, &settings.config);
                }
                Err(error) if error.kind() == std::io::ErrorKind::NotFound && event_file => {
                    self.files.retain(|known| !known.starts_with(path));
                }
                _ => return self.read_all(),
            }
        }
        Ok(Read::Events)
    }

    /// Lists `content/`, drops files that went away and parses the others
    /// (unless their text is unchanged).
    fn read_all(&mut self) -> Result<Read> {
        let root = self.opts.root.clone();
        let sources = self.sources_mut()?;
        sources.relist_content()?;
        let present: BTreeSet<PathBuf> = sources.content.iter().map(|(p, _)| p.clone()).collect();
        self.files.retain(|path| present.contains(path));
        let config = &self.settings()?.config;
        let unread: Vec<PathBuf> = present
            .into_iter()
            .filter(|path| self.files.get(path).is_none())
            .collect();
        let mut read = Files::read(&root, &unread, config)?;
        for (path, parsed) in self.files.iter() {
            let text = load::read_text(&root, path)?;
            if text != parsed.text() {
                read.parse(path.to_path_buf(), text, config);
            }
        }
        self.files.merge(read);
        Ok(Read::Everything)
    }

    /// The model of every parsed file, translations attached, or every
    /// file's errors.
    fn chronology(&self) -> Result<Chronology> {
        let sources = self.sources()?;
        files::chronology(
            self.files.iter(),
            &sources.actors,
            &self.settings()?.config,
            self.opts.drafts,
            &sources.changes,
        )
    }

    /// The site's editions of `chronology`, the default first.
    fn editions(&self, chronology: Chronology) -> Result<Vec<Edition>> {
        let settings = self.settings()?;
        site::editions(self.sources()?, &settings.config, chronology)
    }

    fn sources(&self) -> Result<&Sources> {
        self.sources
            .as_ref()
            .ok_or_else(|| Error::Usage("the site could not be read".into()))
    }

    fn sources_mut(&mut self) -> Result<&mut Sources> {
        self.sources
            .as_mut()
            .ok_or_else(|| Error::Usage("the site could not be read".into()))
    }

    fn settings(&self) -> Result<&Settings> {
        self.settings.as_ref().ok_or_else(unread_settings)
    }

    fn render_all(&mut self, chronology: Chronology) -> Result<Rebuilt> {
        let editions = self.editions(chronology)?;
        let settings = self.settings()?;
        let memory = Memory::default();
        let rendered =
            site::render_site(&settings.templates, &editions, &settings.config, &memory)?;
        site::put_static(self.sources()?, &memory)?;
        let pages = Arc::new(memory.into_pages());
        self.built = Some((editions, pages.clone()));
        Ok(Rebuilt {
            pages,
            rendered,
            changed: Changed::All,
        })
    }

    /// Renders the pages an edit touched, in two steps: event pages, then
    /// lists and overviews, in every language edition.
    fn render_dirty(
        &mut self,
        old: Vec<Edition>,
        pages: Arc<Pages>,
        chronology: Chronology,
        first: &mut dyn FnMut(Rebuilt),
    ) -> Result<Rebuilt> {
        let editions = match self.editions(chronology) {
            Ok(editions) => editions,
            Err(error) => {
                self.built = Some((old, pages));
                return Err(error);
            }
        };
        let Some(edit) = step::dirty(&old, &editions) else {
            return self.render_all_of(editions);
        };
        let events = step::Edit {
            dirty: Dirty {
                events: edit.dirty.events,
                lists: BTreeSet::new(),
                overviews: Overviews::Skip,
            },
            gone: edit.gone,
            words: false,
        };
        let lists = step::Edit {
            dirty: Dirty {
                events: BTreeSet::new(),
                lists: edit.dirty.lists,
                overviews: edit.dirty.overviews,
            },
            gone: Vec::new(),
            words: edit.words,
        };
        let step = self.render_step(&editions, &pages, &events);
        let step = step.and_then(|step| {
            let rendered = step.rendered;
            let next = step.pages.clone();
            first(step);
            step::patch_terms(&old, &editions, |old| Terms::from_bytes(&old.terms.take()?));
            let mut last = self.render_step(&editions, &next, &lists)?;
            last.rendered += rendered;
            Ok(last)
        });
        match step {
            Ok(last) => {
                self.built = Some((editions, last.pages.clone()));
                Ok(last)
            }
            Err(error) => {
                // Diff the next edit against the last complete build.
                self.built = Some((old, pages));
                Err(error)
            }
        }
    }

    /// Renders every page of `editions`, whose languages are not those of
    /// the last build.
    fn render_all_of(&mut self, editions: Vec<Edition>) -> Result<Rebuilt> {
        let chronology = editions.into_iter().next().map(|e| e.chronology);
        let chronology =
            chronology.ok_or_else(|| Error::Usage("the site has no language".into()))?;
        self.render_all(chronology)
    }

    /// Renders what `edit` touched of the site's `editions` over `pages`.
    fn render_step(
        &self,
        editions: &[Edition],
        pages: &Pages,
        edit: &step::Edit,
    ) -> Result<Rebuilt> {
        let settings = self.settings()?;
        let overviews = edit.dirty.overviews == Overviews::Render;
        let step = step::render(&settings.templates, editions, edit, pages.keys())?;
        let mut changed: BTreeSet<String> = step.fresh.keys().cloned().collect();
        changed.extend(step.removed.iter().cloned());
        let mut next = pages.clone();
        next.retain(|path, _| !step.removed.contains(path));
        next.extend(step.fresh);
        if overviews {
            let extras = step::data(editions, &settings.config, next.keys())?;
            changed.extend(extras.keys().cloned());
            next.extend(extras);
        }
        Ok(Rebuilt {
            pages: Arc::new(next),
            rendered: step.rendered,
            changed: Changed::Paths(changed),
        })
    }
}

fn unread_settings() -> Error {
    Error::Usage("the site's settings could not be read".into())
}

#[cfg(test)]
mod tests;
