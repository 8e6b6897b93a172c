//! `annals build` after an edit: only what changed is parsed and rendered.
//!
//! A build keeps beside its output a [`cache`](crate::cache) of what it was
//! made from. The next build reads every content file and compares each
//! with its digest in the cache: an unchanged file is not parsed again but
//! read back as the cache stored its events, and the previous build's
//! model is made again from what the cache holds of the files that
//! changed. The pages to render are then
//! those `annals serve` renders after the same edit, found by the same code
//! ([`crate::rebuild::dirty`] and [`crate::rebuild::step`]). Those files
//! replace theirs in the previous output, in place; every other file of it
//! is left as it is.
//!
//! The build is a full one whenever the shortcut is not sure to give what a
//! full build gives: no usable cache, another output, changed settings,
//! templates, interface strings, static or other files, any error, or a file of the previous output that the edit's
//! pages neither render again nor are known to leave as it is (a page kind
//! the edit logic does not know).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::PoisonError;

use rayon::prelude::*;

use crate::cache::{self, Cache};
use crate::chronology::{Chronology, Drafts};
use crate::config::Config;
use crate::edition::Edition;
use crate::error::Result;
use crate::event;
use crate::load::{self, Sources};
use crate::output::{self, Memory, Pages, Staging};
use crate::rebuild::files::{self, Files, Parsed};
use crate::rebuild::step;
use crate::render::Overviews;
use crate::site::{self, Settings, Site};
use crate::{BuildOptions, Report, fingerprint};

mod known;

use known::{Known, Written};

/// Past this many content files a build keeps no cache and every build is
/// a full one: an incremental build holds every file's text and two models
/// in memory (at 100 000 events 3.7 times a full build's peak), and writing
/// the cache would cost a site of a million events gigabytes.
const MAX_CACHED_FILES: usize = 50_000;

/// Builds the site read as `sources` into its output: only the pages an
/// edit touched when the previous build's cache allows, every page
/// otherwise. `fingerprint` is that of the inputs, taken before they were
/// read.
pub(crate) fn build(sources: &Sources, opts: &BuildOptions, fingerprint: String) -> Result<Report> {
    let output = opts.output_dir();
    let settings = cache::settings(sources, opts);
    // The output's lock is held from before the cache is read.
    let staging = Staging::open(&opts.root, &output)?;
    let cacheable = sources.content.len() <= MAX_CACHED_FILES;
    let plan = cacheable.then(|| Plan::make(sources, opts, &output, settings));
    let Some(plan) = plan.flatten() else {
        return full(sources, opts, fingerprint, settings, staging);
    };
    if let Some(statics) = plan.statics(sources, &staging)? {
        return plan.commit(staging, statics, &output, fingerprint, settings);
    }
    drop(staging);
    let staging = Staging::open(&opts.root, &output)?;
    full(sources, opts, fingerprint, settings, staging)
}

/// Renders every page into `staging`, then caches what the build was
/// made from.
fn full(
    sources: &Sources,
    opts: &BuildOptions,
    fingerprint: String,
    settings: u64,
    staging: Staging,
) -> Result<Report> {
    let stored = event::Stored::default();
    let cacheable = sources.content.len() <= MAX_CACHED_FILES;
    // every bad file reported at once
    let site = Site::parse_storing(sources, opts, cacheable.then_some(&stored))?;
    let staging = staging.with_progress(opts.verbosity, site.expected_pages());
    let written = Written::new(&staging);
    let pages = site.render(&written)?;
    let written = written.into_names();
    site::put_static(sources, &staging)?;
    let output = staging.commit(&site.stamp(fingerprint.clone(), pages))?;
    // The texts are read again: only when no input changed meanwhile are
    // they what the build was made from.
    if !cacheable {
        cache::remove(&output);
        return Ok(site.report(pages, Some(output)));
    }
    let mut stored: HashMap<PathBuf, Vec<u8>> = stored
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner)
        .into_iter()
        .collect();
    let terms = terms_of(site.editions(), |_| None);
    let report = site.report(pages, Some(output.clone()));
    // Each text's digest, and the text itself where its parse is not kept.
    let texts = load::read_each(&sources.root, &sources.content, |file| {
        let digest = cache::digest(&file.text);
        let text = (!stored.contains_key(&file.path)).then_some(file.text);
        Ok((file.path, digest, text))
    });
    match texts {
        Ok(texts) if fingerprint::of(opts) == fingerprint => {
            let files: Vec<_> = texts
                .iter()
                .map(|(path, digest, text)| cache::File {
                    path,
                    digest: *digest,
                    parsed: stored.remove(path),
                    text: text.as_deref(),
                })
                .collect();
            cache::write(&output, &fingerprint, settings, written, &files, &terms);
        }
        _ => cache::remove(&output),
    }
    Ok(report)
}

/// What an incremental build writes.
struct Plan {
    site: Site,
    files: Files,
    /// The files rendered.
    fresh: Pages,
    /// The previous build's files kept as they are.
    keep: Vec<String>,
    /// The previous build's files that go away.
    removed: BTreeSet<String>,
    /// Every file the render wrote or kept, for the next build's cache.
    written: BTreeSet<String>,
    /// Each edition's search terms, for the next build's cache.
    terms: Vec<(String, Vec<u8>)>,
    /// The previous build's cache, whose stored parses of the files that
    /// did not change go into the next one as they are.
    cache: Cache,
}

impl Plan {
    /// The pages to render after the edits since the build that `output`
    /// and its cache hold; `None` when the build must be a full one.
    fn make(sources: &Sources, opts: &BuildOptions, output: &Path, settings: u64) -> Option<Plan> {
        let cache = Cache::read(output)?;
        let stamp = output::previous_stamp(output)?;
        let header = &cache.header;
        let same = stamp.fingerprint == header.fingerprint && header.settings == settings;
        (same && stamp.pages == html(header.written.iter())).then_some(())?;
        let parsed = Settings::parse(sources, opts).ok()?;
        let paths: Vec<PathBuf> = sources.content.iter().map(|(p, _)| p.clone()).collect();
        let known = |path: &Path, text: String| {
            let digest = cache::digest(&text);
            match cache
                .parsed(path)
                .filter(|_| cache.digest_of(path) == Some(digest))
            {
                Some(stored) => Parsed::from_stored(path, (text, digest), &stored, &parsed.config),
                None => Err(text),
            }
        };
        let files = Files::read_known(&sources.root, &paths, &parsed.config, &known).ok()?;
        let chronology = files::chronology(
            files.iter(),
            &sources.actors,
            &parsed.config,
            opts.drafts,
            &sources.changes,
        )
        .ok()?;
        let old = previous_model(
            &cache,
            &files,
            sources,
            &parsed.config,
            opts.drafts,
            &chronology,
        )?;
        let site = Site::of(sources, parsed, chronology).ok()?;
        let old = site::editions(sources, &site.config, old).ok()?;
        let (fresh, written, overviews) = render(&site, &old, &cache)?;
        let terms = terms_of(site.editions(), |prefix| cache.terms_bytes(prefix));
        let known = Known::of(&old, overviews);
        let keep: Vec<String> = written
            .iter()
            .filter(|path| !fresh.contains_key(*path))
            .cloned()
            .collect();
        keep.iter().all(|path| known.contains(path)).then_some(())?;
        site::free_later(old);
        let removed = cache.header.written.difference(&written).cloned().collect();
        Some(Plan {
            site,
            files,
            fresh,
            keep,
            removed,
            written,
            terms,
            cache,
        })
    }

    /// The static files, once the kept files are known to be in the
    /// previous output; `None` when one is missing from it, or a static
    /// file has the name of a rendered one (an error a full build reports).
    fn statics(&self, sources: &Sources, staging: &Staging) -> Result<Option<Pages>> {
        if !self.keep.par_iter().all(|path| staging.has(path)) {
            return Ok(None);
        }
        let memory = Memory::default();
        site::put_static(sources, &memory)?;
        let statics = memory.into_pages();
        let clash = statics.keys().any(|path| self.written.contains(path));
        Ok((!clash).then_some(statics))
    }

    /// Puts the rendered and static files into the previous output in
    /// place, removes the files that went away, and caches what the new
    /// output was made from. The cache is removed first: if the build
    /// stops half way, the next one is a full one.
    fn commit(
        self,
        staging: Staging,
        statics: Pages,
        output: &Path,
        fingerprint: String,
        settings: u64,
    ) -> Result<Report> {
        let pages = html(self.written.iter());
        let rendered = html(self.fresh.keys());
        let stamp = self.site.stamp(fingerprint.clone(), pages);
        let mut fresh = self.fresh;
        fresh.extend(statics);
        cache::remove(output);
        let output = staging.patch(&fresh, &self.removed, &stamp)?;
        let files: Vec<_> = self.files.iter().collect();
        let previous = &self.cache;
        let files: Vec<_> = files
            .par_iter()
            .map(|&(path, file)| {
                let unchanged = previous.digest_of(path) == Some(file.digest());
                let parsed = unchanged.then(|| previous.parsed(path)).flatten();
                cache::File {
                    path,
                    digest: file.digest(),
                    parsed: parsed.or_else(|| file.stored()),
                    text: Some(file.text()),
                }
            })
            .collect();
        let terms = &self.terms;
        cache::write(&output, &fingerprint, settings, self.written, &files, terms);
        drop(files);
        site::free_later(self.files);
        Ok(Report {
            rendered,
            ..self.site.report(pages, Some(output))
        })
    }
}

/// Renders what changed between the `old` editions and the site's, over
/// the previous build `cache` describes: the files rendered, and every
/// file of the new build. A search index written again is made from the
/// previous build's terms, patched, when the edit left every event where
/// it was.
fn render(
    site: &Site,
    old: &[Edition],
    cache: &Cache,
) -> Option<(Pages, BTreeSet<String>, Overviews)> {
    let (editions, previous) = (site.editions(), &cache.header.written);
    let edit = step::dirty(old, editions)?;
    if edit.words || edit.dirty.overviews == Overviews::Render {
        step::patch_terms(old, editions, |old| cache.terms(&old.prefix));
    }
    let step = step::render(site.templates(), editions, &edit, previous.iter()).ok()?;
    let mut written = previous.clone();
    written.retain(|path| !step.removed.contains(path));
    written.extend(step.fresh.keys().cloned());
    let mut fresh = step.fresh;
    if edit.dirty.overviews == Overviews::Render {
        fresh.extend(step::data(editions, &site.config, written.iter()).ok()?);
    }
    written.extend(fresh.keys().cloned());
    Some((fresh, written, edit.dirty.overviews))
}

/// The model of the previous build: the content files as they are, the
/// changed ones as the cache holds them. When those differ only in their
/// bodies, it is the model of the files as they are, `now`, with the
/// bodies the cache holds.
fn previous_model(
    cache: &Cache,
    files: &Files,
    sources: &Sources,
    config: &Config,
    drafts: Drafts,
    now: &Chronology,
) -> Option<Chronology> {
    let unchanged = |path: &Path| {
        let file = files.get(path)?;
        (cache.digest_of(path) == Some(file.digest())).then_some(file)
    };
    let mut changed = BTreeMap::new();
    for path in cache.paths() {
        if unchanged(path).is_none() {
            let parsed = match cache.parsed(path) {
                // Its text then is not kept, only what it parsed into.
                Some(stored) => {
                    Parsed::from_stored(path, (String::new(), 0), &stored, config).ok()?
                }
                None => Parsed::new(path, cache.text(path)?, config),
            };
            changed.insert(path, parsed);
        }
    }
    let none_added = files
        .iter()
        .all(|(path, _)| cache.digest_of(path).is_some());
    let from_now = none_added.then(|| files::with_bodies_of(now, &changed, files));
    if let Some(old) = from_now.flatten() {
        return Some(old);
    }
    let old = cache
        .paths()
        .filter_map(|path| Some((path, changed.get(path).or_else(|| unchanged(path))?)));
    files::chronology(old, &sources.actors, config, drafts, &sources.changes).ok()
}

/// The search terms of each of `editions`, for the cache: those its index
/// was made from, or `previous` ones when it was not written.
fn terms_of(
    editions: &[Edition],
    previous: impl Fn(&str) -> Option<Vec<u8>>,
) -> Vec<(String, Vec<u8>)> {
    editions
        .iter()
        .filter_map(|edition| {
            let terms = edition.terms.take().or_else(|| previous(&edition.prefix))?;
            Some((edition.prefix.clone(), terms))
        })
        .collect()
}

/// How many of `paths` are HTML pages: what a build counts.
fn html<'a>(paths: impl Iterator<Item = &'a String>) -> usize {
    paths.filter(|path| path.ends_with(".html")).count()
}
