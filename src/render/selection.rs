//! Which pages a render makes: every page for a build, or the pages an
//! edit touched for `annals serve`.

use std::collections::BTreeSet;

use crate::page_path::PagePath;

/// Which pages to render: all of them, or those an edit touched.
#[derive(Debug, Clone)]
pub enum Selection {
    /// Every page.
    All,
    /// Some pages.
    Only(Dirty),
}

/// Whether the pages that list every event or group (the index, the tag
/// and actor indexes) are rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Overviews {
    /// Rendered.
    #[default]
    Render,
    /// Left as they are.
    Skip,
}

/// The pages an edit touched.
#[derive(Debug, Clone, Default)]
pub struct Dirty {
    /// Events (indices into [`Chronology::events`]) whose pages, with their
    /// aliases, are rendered.
    pub events: BTreeSet<usize>,
    /// Tag, actor and era listings, by their first page.
    pub lists: BTreeSet<PagePath<'static>>,
    /// Whether the index and the tag and actor indexes are rendered.
    pub overviews: Overviews,
}

impl Selection {
    pub(super) fn event(&self, index: usize) -> bool {
        match self {
            Selection::All => true,
            Selection::Only(dirty) => dirty.events.contains(&index),
        }
    }

    pub(super) fn overviews(&self) -> bool {
        match self {
            Selection::All => true,
            Selection::Only(dirty) => dirty.overviews == Overviews::Render,
        }
    }

    pub(super) fn list(&self, path: &PagePath) -> bool {
        match self {
            Selection::All => true,
            Selection::Only(dirty) => dirty.lists.contains(path),
        }
    }
}
