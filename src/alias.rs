//! Stable links: an event's `aliases:` are its old addresses.
//!
//! Renaming or redating an event changes its page's address; readers and
//! other sites keep linking to the old one. Each alias becomes a redirect page
//! at the old address (see `render`), and no alias may take the address of a
//! page or of another alias: that would silently break one of the two.

use std::collections::BTreeMap;

use crate::chronology::{EraGroup, Group};
use crate::error::{Error, Result};
use crate::event::Event;
use crate::page_path::{Listing, PagePath};
use crate::slug::slugify;

/// The output paths of aliases as written: an old slug (`old-name` →
/// `events/old-name.html`), or a path from the site root
/// (`events/old-name.html`, `old/` → `old/index.html`, `old` → `old.html`).
pub fn output_paths(aliases: &[String]) -> Result<Vec<String>, String> {
    aliases.iter().map(|alias| output_path(alias)).collect()
}

fn output_path(alias: &str) -> Result<String, String> {
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

/// The pages of a chronology that an alias may not replace, by output path,
/// with what they are.
pub fn pages(
    events: &[Event],
    tags: &[Group],
    actors: &[Group],
    eras: &[EraGroup],
) -> BTreeMap<String, String> {
    let mut pages: BTreeMap<String, String> = [
        PagePath::Index(1),
        PagePath::NotFound,
        PagePath::Groups(Listing::Tag),
        PagePath::Groups(Listing::Actor),
    ]
    .into_iter()
    .map(|page| (page.to_string(), format!("the generated page {page}")))
    .collect();
    for event in events {
        let what = format!("the page of {}", event.origin.path.display());
        pages.insert(event.page_path().to_string(), what);
    }
    for (kind, groups) in [(Listing::Tag, tags), (Listing::Actor, actors)] {
        for group in groups {
            let what = format!("the {} page of {:?}", kind.folder(), group.name);
            pages.insert(PagePath::listing(kind, &group.slug).to_string(), what);
        }
    }
    for group in eras {
        let what = format!("the page of the era {:?}", group.era.name);
        pages.insert(
            PagePath::listing(Listing::Era, &group.era.slug).to_string(),
            what,
        );
    }
    pages
}

/// Every alias that takes the address of a page or of another alias, each
/// error naming both files.
pub fn check(events: &[Event], pages: &BTreeMap<String, String>) -> Result<()> {
    let mut errors = Vec::new();
    let mut taken: BTreeMap<&str, &Event> = BTreeMap::new();
    for event in events {
        for path in &event.aliases {
            let clash = if let Some(page) = pages.get(path) {
                Some(page.clone())
            } else {
                taken
                    .insert(path, event)
                    .map(|other| format!("an alias of {}", other.origin.path.display()))
            };
            if let Some(other) = clash {
                errors.push(Error::content(
                    event.aliases_at(),
                    format!("alias {path} is already {other}: remove one of them"),
                ));
            }
        }
    }
    Error::collect(errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(alias: &str) -> Result<String, String> {
        output_path(alias)
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
