//! annals: a static site generator for diplomatic chronologies.
//!
//! The build is a pipeline, one module per stage:
//! [`load`] reads the site's files → [`event`] parses and validates them →
//! [`chronology`] orders and groups them → [`render`] turns them into pages
//! through Tera templates → [`output`] writes them and swaps them into place.
//! [`build`] and [`check`] run it below; `annals serve` ([`rebuild`]) runs
//! the same stages into memory and re-renders only what an edit touched,
//! and so does [`build`] after an edit, from a cache of the previous build
//! kept beside its output.

pub mod actor;
pub mod axis;
mod cache;
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
mod incremental;
pub mod lint;
pub mod load;
pub mod markdown;
pub mod output;
pub mod page;
pub mod page_path;
pub mod rebuild;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
mod site;
pub mod slug;
pub mod source;
pub mod stage;
pub mod theme;
pub mod translation;
pub mod watch;

use std::path::{Path, PathBuf};

pub use chronology::{Chronology, Drafts};
pub use config::Config;
pub use error::{Error, Position, Result};

use load::Sources;
use output::Discard;
use site::Site;

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

impl Report {
    /// The report of the build that wrote `output`, when it was built from
    /// inputs of this `fingerprint`: the output is already what a build
    /// would write.
    fn unchanged(output: &Path, fingerprint: &str) -> Option<Report> {
        let stamp = output::previous_stamp(output).filter(|s| s.fingerprint == fingerprint)?;
        Some(Report {
            events: stamp.events,
            pages: stamp.pages,
            rendered: 0,
            warnings: stamp.warnings,
            lints: Vec::new(),
            notes: Vec::new(),
            sources: Vec::new(),
            output: Some(output.to_path_buf()),
            unchanged: true,
        })
    }
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
    /// Of `pages`, those rendered by this build: fewer when only the pages
    /// an edit touched were.
    pub rendered: usize,
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

/// Builds the site: reads and checks everything, renders into a staging
/// folder the pages that changed since the previous build (every page when
/// its cache does not say), then swaps it into place. On any error the
/// previous output is left untouched.
pub fn build(opts: &BuildOptions) -> Result<Report> {
    load::require_site(&opts.root)?;
    let (fingerprint, output) = (fingerprint::of(opts), opts.output_dir());
    if let Some(unchanged) = Report::unchanged(&output, &fingerprint) {
        return Ok(unchanged);
    }
    let sources = Sources::read(&opts.root)?; // load: site.yaml, content/, templates/, i18n/, static/
    // parse, model, render and write: only what changed, when the cache knows
    incremental::build(&sources, opts, fingerprint)
}

/// Checks the site as a build would, rendering every page in memory, and
/// writes nothing. Also reports untranslated events (as notes) and
/// translations older than their originals (as warnings).
pub fn check(opts: &BuildOptions) -> Result<Report> {
    let sources = Sources::read(&opts.root)?;
    let mut site = Site::parse(&sources, opts)?;
    let pages = site.render(&Discard)?;
    let lints = lint::events(site.events(), site.actors());
    let notes = translation::missing(site.events(), &site.config);
    let outdated = translation::outdated(&opts.root, site.events());
    site.warnings.extend(outdated);
    let sources = site.sources();
    Ok(Report {
        lints,
        notes,
        sources,
        ..site.report(pages, None)
    })
}
