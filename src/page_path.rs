//! Where every page of an edition is: one typed path per page kind.
//!
//! A page's file name and the links to it are made here and nowhere else:
//! renderers, the alias check, the incremental rebuild and the exports ask a
//! [`PagePath`] rather than formatting `events/{slug}.html` themselves, so a
//! page can never be written under one name and linked under another.
//! Paths are relative to the edition's folder (`""` for the default
//! language, `es/` for Spanish).

use std::borrow::Cow;
use std::fmt;

use crate::slug::slugify;

/// The bibliography's folder.
const SOURCES: &str = "sources";

/// The kind of a listing: the pages that list the events of one group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Listing {
    /// `tags/<slug>.html`.
    Tag,
    /// `actors/<slug>.html`.
    Actor,
    /// `eras/<slug>.html`.
    Era,
}

impl Listing {
    /// The listing's folder.
    pub const fn folder(self) -> &'static str {
        match self {
            Listing::Tag => "tags",
            Listing::Actor => "actors",
            Listing::Era => "eras",
        }
    }
}

/// One page of an edition.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PagePath<'a> {
    /// Page `n` (from 1) of the index: `index.html`, `index.2.html`.
    Index(usize),
    /// An event's page: `events/<slug>.html`.
    Event(Cow<'a, str>),
    /// Page `n` (from 1) of a tag's, actor's or era's listing:
    /// `tags/<slug>.html`, `tags/<slug>.2.html`.
    Listing(Listing, Cow<'a, str>, usize),
    /// The list of every tag, actor or era group: `tags/index.html`.
    Groups(Listing),
    /// Page `n` (from 1) of the bibliography: `sources/index.html`,
    /// `sources/index.2.html`.
    Sources(usize),
    /// `404.html`.
    NotFound,
    /// Page `n` (from 1) of the events two declared states share:
    /// `actors/russia--venezuela.html`, the slugs in order.
    Pair(Cow<'a, str>, Cow<'a, str>, usize),
    /// Page `n` (from 1) of an actor's continuous line, its events and its
    /// predecessors': `actors/russia.line.html`.
    Line(Cow<'a, str>, usize),
    /// A page that is not an event (`content/pages/about.md`):
    /// `about.html`.
    Content(Cow<'a, str>),
    /// An old address kept as a redirect: the path as `aliases:` resolves it.
    Alias(Cow<'a, str>),
}

impl<'a> PagePath<'a> {
    /// An event's page.
    pub fn event(slug: &'a str) -> Self {
        PagePath::Event(Cow::Borrowed(slug))
    }

    /// The first page of a group's listing.
    pub fn listing(kind: Listing, slug: &'a str) -> Self {
        PagePath::Listing(kind, Cow::Borrowed(slug), 1)
    }

    /// The first page of the events the actors `a` and `b` share; either
    /// order gives the same page.
    pub fn pair(a: &'a str, b: &'a str) -> Self {
        let (first, second) = if a <= b { (a, b) } else { (b, a) };
        PagePath::Pair(Cow::Borrowed(first), Cow::Borrowed(second), 1)
    }

    /// The same page, owning its slug.
    pub fn into_owned(self) -> PagePath<'static> {
        match self {
            PagePath::Index(n) => PagePath::Index(n),
            PagePath::Event(slug) => PagePath::Event(Cow::Owned(slug.into_owned())),
            PagePath::Listing(kind, slug, n) => {
                PagePath::Listing(kind, Cow::Owned(slug.into_owned()), n)
            }
            PagePath::Groups(kind) => PagePath::Groups(kind),
            PagePath::Sources(n) => PagePath::Sources(n),
            PagePath::NotFound => PagePath::NotFound,
            PagePath::Pair(a, b, n) => {
                PagePath::Pair(Cow::Owned(a.into_owned()), Cow::Owned(b.into_owned()), n)
            }
            PagePath::Line(slug, n) => PagePath::Line(Cow::Owned(slug.into_owned()), n),
            PagePath::Content(slug) => PagePath::Content(Cow::Owned(slug.into_owned())),
            PagePath::Alias(path) => PagePath::Alias(Cow::Owned(path.into_owned())),
        }
    }

    /// Page `number` (from 1) of the same listing or index; other pages are
    /// returned as they are.
    pub fn nth(&self, number: usize) -> PagePath<'a> {
        match self {
            PagePath::Index(_) => PagePath::Index(number),
            PagePath::Sources(_) => PagePath::Sources(number),
            PagePath::Listing(kind, slug, _) => PagePath::Listing(*kind, slug.clone(), number),
            PagePath::Pair(a, b, _) => PagePath::Pair(a.clone(), b.clone(), number),
            PagePath::Line(slug, _) => PagePath::Line(slug.clone(), number),
            other => other.clone(),
        }
    }

    /// The folder the page is in, from the edition's root: `""`, `events`.
    pub fn dir(&self) -> &str {
        match self {
            PagePath::Index(_) | PagePath::NotFound | PagePath::Content(_) => "",
            PagePath::Pair(..) | PagePath::Line(..) => Listing::Actor.folder(),
            PagePath::Event(_) => "events",
            PagePath::Listing(kind, ..) | PagePath::Groups(kind) => kind.folder(),
            PagePath::Sources(_) => SOURCES,
            PagePath::Alias(path) => path.rsplit_once('/').map_or("", |(dir, _)| dir),
        }
    }

    /// Whether `file` (a path from the edition's root) is a later page of
    /// this listing or index: `tags/x.2.html` of `tags/x.html`.
    pub fn has_later_page(&self, file: &str) -> bool {
        let base = match self {
            PagePath::Index(_) => "index".to_string(),
            PagePath::Sources(_) => format!("{SOURCES}/index"),
            PagePath::Listing(kind, slug, _) => format!("{}/{slug}", kind.folder()),
            PagePath::Pair(a, b, _) => format!("{}/{a}--{b}", Listing::Actor.folder()),
            PagePath::Line(slug, _) => format!("{}/{slug}.line", Listing::Actor.folder()),
            _ => return false,
        };
        file.strip_prefix(base.as_str())
            .and_then(|rest| rest.strip_prefix('.'))
            .and_then(|rest| rest.strip_suffix(".html"))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    }
}

/// The page's file name from the edition's root.
impl fmt::Display for PagePath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let numbered = |f: &mut fmt::Formatter<'_>, base: fmt::Arguments<'_>, n: usize| match n {
            0 | 1 => write!(f, "{base}.html"),
            n => write!(f, "{base}.{n}.html"),
        };
        match self {
            PagePath::Index(n) => numbered(f, format_args!("index"), *n),
            PagePath::Event(slug) => write!(f, "events/{slug}.html"),
            PagePath::Listing(kind, slug, n) => {
                numbered(f, format_args!("{}/{slug}", kind.folder()), *n)
            }
            PagePath::Groups(kind) => write!(f, "{}/index.html", kind.folder()),
            PagePath::Sources(n) => numbered(f, format_args!("{SOURCES}/index"), *n),
            PagePath::NotFound => f.write_str("404.html"),
            PagePath::Pair(a, b, n) => {
                numbered(f, format_args!("{}/{a}--{b}", Listing::Actor.folder()), *n)
            }
            PagePath::Line(slug, n) => numbered(
                f,
                format_args!("{}/{slug}.line", Listing::Actor.folder()),
                *n,
            ),
            PagePath::Content(slug) => write!(f, "{slug}.html"),
            PagePath::Alias(path) => f.write_str(path),
        }
    }
}

/// The output paths of aliases as written: an old slug (`old-name` →
/// `events/old-name.html`), or a path from the site root
/// (`events/old-name.html`, `old/` → `old/index.html`, `old` → `old.html`).
pub fn aliases(aliases: &[String]) -> Result<Vec<String>, String> {
    aliases.iter().map(|alias| alias_path(alias)).collect()
}

fn alias_path(alias: &str) -> Result<String, String> {
    let trimmed = alias.trim().trim_start_matches('/');
    let bad = |why: &str| Err(format!("alias {alias:?}: {why}"));
    if trimmed.is_empty() {
        return bad("it is empty");
    }
    if trimmed.contains(['\\', '?', '#', '%']) || trimmed.chars().any(char::is_control) {
        return bad("use only a slug or a path such as events/old-name.html");
    }
    if trimmed
        .split('/')
        .any(|part| part == ".." || part == "." || part.starts_with('.'))
    {
        return bad("a path may not contain `.` or `..` parts or hidden names");
    }
    if !trimmed.contains('/') && !trimmed.contains('.') {
        if slugify(trimmed) != trimmed {
            return bad("an old slug is lowercase ASCII letters, digits and hyphens");
        }
        return Ok(PagePath::event(trimmed).to_string());
    }
    Ok(if trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else if trimmed.ends_with(".html") || trimmed.ends_with(".htm") {
        trimmed.to_string()
    } else {
        format!("{trimmed}.html")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_page_has_its_file() {
        let files: Vec<String> = [
            PagePath::Index(1),
            PagePath::Index(2),
            PagePath::event("1945-relations"),
            PagePath::listing(Listing::Tag, "treaty"),
            PagePath::listing(Listing::Era, "cold-war").nth(3),
            PagePath::Groups(Listing::Actor),
            PagePath::Sources(1),
            PagePath::Sources(2),
            PagePath::NotFound,
            PagePath::Alias("old/index.html".into()),
            PagePath::pair("venezuela", "russia"),
            PagePath::pair("russia", "venezuela").nth(2),
            PagePath::Line("russia".into(), 1),
            PagePath::Content("about".into()),
        ]
        .iter()
        .map(ToString::to_string)
        .collect();
        assert_eq!(
            files,
            [
                "index.html",
                "index.2.html",
                "events/1945-relations.html",
                "tags/treaty.html",
                "eras/cold-war.3.html",
                "actors/index.html",
                "sources/index.html",
                "sources/index.2.html",
                "404.html",
                "old/index.html",
                "actors/russia--venezuela.html",
                "actors/russia--venezuela.2.html",
                "actors/russia.line.html",
                "about.html",
            ]
        );
    }

    #[test]
    fn pages_know_their_folder() {
        assert_eq!(PagePath::Index(4).dir(), "");
        assert_eq!(PagePath::event("a").dir(), "events");
        assert_eq!(PagePath::Groups(Listing::Tag).dir(), "tags");
        assert_eq!(PagePath::Alias("a/b/c.html".into()).dir(), "a/b");
        assert_eq!(PagePath::Alias("old.html".into()).dir(), "");
    }

    #[test]
    fn later_pages_are_told_from_other_listings() {
        let treaty = PagePath::listing(Listing::Tag, "treaty");
        assert!(treaty.has_later_page("tags/treaty.2.html"));
        assert!(treaty.has_later_page("tags/treaty.12.html"));
        assert!(!treaty.has_later_page("tags/treaty.html"));
        assert!(!treaty.has_later_page("tags/treaty-2.html"));
        assert!(!treaty.has_later_page("tags/treatyx.2.html"));
        assert!(!treaty.has_later_page("tags/treaty..html"));
        assert!(!treaty.has_later_page("tags/treaty.y.html"));
        assert!(PagePath::Index(1).has_later_page("index.12.html"));
        assert!(!PagePath::event("a").has_later_page("events/a.2.html"));
    }

    fn one(alias: &str) -> Result<String, String> {
        alias_path(alias)
    }

    #[test]
    fn slugs_and_paths_become_output_paths() {
        assert_eq!(one("old-name").unwrap(), "events/old-name.html");
        assert_eq!(one("events/old.html").unwrap(), "events/old.html");
        assert_eq!(one("/old/").unwrap(), "old/index.html");
        assert_eq!(one("events/old").unwrap(), "events/old.html");
    }

    #[test]
    fn paths_leaving_the_site_are_refused() {
        for bad in ["../x.html", "a/../../x", "a\\b", "", "Old Name", "a/.git/x"] {
            assert!(one(bad).is_err(), "{bad:?} accepted");
        }
    }
}
