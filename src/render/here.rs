//! Where a page is, so that every link from it can be relative.
//!
//! Readers open a build from disk, from any static server, or under a
//! subpath on GitHub Pages; only relative links work in all three. [`Here`]
//! is the one place they are made.

use crate::date::Locale;
use crate::event::Event;
use crate::page_path::PagePath;

/// Where a page is, so that its links can be relative, and in which
/// language it is written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Here<'a> {
    /// The page's folder from its edition's root: `""` or `"events"`.
    pub(crate) dir: &'a str,
    /// True in an edition's own folder (`es/`), one level below the output
    /// root where the shared assets are.
    pub(crate) nested: bool,
    /// The language dates are written in.
    pub(crate) locale: Locale,
}

impl Here<'_> {
    /// A page at the output root.
    #[cfg(test)]
    pub(crate) const ROOT: Here<'static> = Here::in_dir("");

    /// A page in a folder of the output root (`events`, `tags`, ...).
    pub(crate) const fn in_dir(dir: &str) -> Here<'_> {
        Here {
            dir,
            nested: false,
            locale: Locale::English,
        }
    }

    /// The same place in an edition: nested in its folder or not, in its
    /// locale.
    pub(crate) const fn in_edition(self, nested: bool, locale: Locale) -> Self {
        Here {
            dir: self.dir,
            nested,
            locale,
        }
    }

    /// The page at `path`, a path from its edition's root.
    pub(crate) fn of_page(path: &str) -> Here<'_> {
        Here::in_dir(path.rsplit_once('/').map_or("", |(dir, _)| dir))
    }

    /// The relative link from this page to `target`, a path from the output
    /// root itself rather than the edition's (assets, other editions).
    pub(crate) fn root_url(&self, target: &str) -> String {
        let depth = usize::from(self.nested)
            + if self.dir.is_empty() {
                0
            } else {
                self.dir.split('/').count()
            };
        format!("{}{target}", "../".repeat(depth))
    }

    /// The relative link from this page to `event`'s page: in this edition,
    /// or, for an event the edition has no translation of, the default
    /// edition's page at the output root (see [`Edition::has_page`]).
    ///
    /// [`Edition::has_page`]: crate::edition::Edition::has_page
    pub(crate) fn event(&self, event: &Event) -> String {
        let path = event.page_path().to_string();
        match event.shown_in {
            Some(_) => self.root_url(&path),
            None => self.url(&path),
        }
    }

    /// The relative link from this page to another page of its edition.
    pub(crate) fn link(&self, page: &PagePath) -> String {
        self.url(&page.to_string())
    }

    /// The relative link from this page to `target`, a path from its
    /// edition's root (`""` is the index). The one place links are made.
    pub(crate) fn url(&self, target: &str) -> String {
        let target = if target.is_empty() {
            "index.html"
        } else {
            target
        };
        if self.dir.is_empty() {
            return target.to_string();
        }
        if let Some(rest) = target
            .strip_prefix(self.dir)
            .and_then(|rest| rest.strip_prefix('/'))
        {
            return rest.to_string();
        }
        let up = "../".repeat(self.dir.split('/').count());
        format!("{up}{target}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_the_shortest_relative_path() {
        assert_eq!(Here::ROOT.url(""), "index.html");
        assert_eq!(Here::ROOT.url("events/a.html"), "events/a.html");
        let events = Here::in_dir("events");
        assert_eq!(events.url("events/a.html#x"), "a.html#x");
        assert_eq!(events.url("tags/t.html"), "../tags/t.html");
        assert_eq!(events.url(""), "../index.html");
        assert_eq!(
            Here::in_dir("es/events").url("style.css"),
            "../../style.css"
        );
        assert_eq!(
            Here::in_dir("eventsx").url("events/a.html"),
            "../events/a.html"
        );
    }

    #[test]
    fn editions_reach_the_shared_root() {
        let es = Here::in_dir("events").in_edition(true, Locale::Spanish);
        assert_eq!(es.url("tags/t.html"), "../tags/t.html");
        assert_eq!(es.root_url("style.css"), "../../style.css");
        assert_eq!(es.root_url("ru/events/a.html"), "../../ru/events/a.html");
        assert_eq!(Here::ROOT.root_url("es/index.html"), "es/index.html");
        let index = Here::ROOT.in_edition(true, Locale::Russian);
        assert_eq!(index.root_url("events/a.html"), "../events/a.html");
    }
}
