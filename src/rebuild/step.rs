//! Rendering the pages an edit touched over a previous build's: the one
//! step `annals serve` and an incremental `annals build` share.
//!
//! [`render`] renders the selected pages and says which of the previous
//! build's files go away: the pages of events, aliases and listings that
//! are gone, and the later pages of listings that shrank. [`data`] then
//! renders the files made from the whole site (feeds, exports, sitemap)
//! for the pages the build ends with.

use std::collections::BTreeSet;

use crate::config::Config;
use crate::edition::Edition;
use crate::error::Result;
use crate::output::{self, Memory, Pages};
use crate::page_path::PagePath;
use crate::render::{self, Dirty, Overviews, Selection, Templates};
use crate::site;

/// The pages a step rendered, and the previous build's files it drops.
pub(crate) struct Step {
    /// The files rendered, by output path.
    pub(crate) fresh: Pages,
    /// Files of the previous build that are no longer made.
    pub(crate) removed: BTreeSet<String>,
    /// How many pages were rendered.
    pub(crate) rendered: usize,
}

/// Renders `dirty` of a site's one `edition`, over a previous build whose
/// files are `previous`, of which the pages `gone` went away.
pub(crate) fn render<'a>(
    templates: &Templates,
    edition: &Edition,
    dirty: Dirty,
    gone: &[PagePath<'static>],
    previous: impl Iterator<Item = &'a String>,
) -> Result<Step> {
    let mut listings: Vec<PagePath> = dirty.lists.iter().chain(gone).cloned().collect();
    if dirty.overviews == Overviews::Render {
        listings.extend([PagePath::Index(1), PagePath::Sources(1)]);
    }
    let memory = Memory::default();
    let editions = std::slice::from_ref(edition);
    let selection = Selection::Only(dirty);
    let rendered = render::pages(templates, edition, editions, &selection, &memory)?;
    let fresh = memory.into_pages();
    let mut removed: BTreeSet<String> = gone.iter().map(ToString::to_string).collect();
    let stale = previous.filter(|path| {
        !fresh.contains_key(*path) && listings.iter().any(|first| first.has_later_page(path))
    });
    removed.extend(stale.cloned());
    Ok(Step {
        fresh,
        removed,
        rendered,
    })
}

/// The files made from a whole edition (its exports and feeds, the
/// sitemap of `pages`, CNAME), for a build that ends with the files
/// `pages`.
pub(crate) fn data(
    edition: &Edition,
    config: &Config,
    pages: impl Iterator<Item = String>,
) -> Result<Pages> {
    let memory = Memory::default();
    let html = output::sitemap_order(pages);
    site::render_data(std::slice::from_ref(edition), &html, config, &memory)?;
    Ok(memory.into_pages())
}
