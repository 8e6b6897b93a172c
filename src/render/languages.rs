//! The language switcher and `hreflang` alternates of a page: the same
//! page in each edition that has it.

use serde::Serialize;

use super::here::Here;
use crate::edition::Edition;
use crate::page_path::PagePath;

/// This page in one language edition.
#[derive(Serialize)]
pub(crate) struct LanguageLink<'a> {
    pub(crate) code: &'a str,
    pub(crate) name: &'a str,
    pub(crate) href: String,
    /// True for the page's own edition.
    pub(crate) current: bool,
}

/// An alternate version of the page, by `hreflang`.
#[derive(Serialize)]
pub(crate) struct Alternate<'a> {
    pub(crate) hreflang: &'a str,
    pub(crate) href: String,
}

impl<'a> LanguageLink<'a> {
    /// The page at `page` in every edition that has it; none when only
    /// one edition has it.
    pub(crate) fn all(
        here: Here,
        page: &PagePath,
        editions: &'a [Edition],
        current: &str,
    ) -> Vec<Self> {
        let path = page.to_string();
        let links: Vec<Self> = editions
            .iter()
            .filter(|edition| edition.has_page(page))
            .map(|edition| LanguageLink {
                code: &edition.language.code,
                name: &edition.language.name,
                href: here.root_url(&format!("{}{path}", edition.prefix)),
                current: edition.language.code == current,
            })
            .collect();
        if links.len() < 2 {
            return Vec::new();
        }
        links
    }
}

impl<'a> Alternate<'a> {
    /// The alternates of a page whose language links are `links`.
    pub(crate) fn all(links: &[LanguageLink<'a>]) -> Vec<Self> {
        let every = links.iter().map(|link| Alternate {
            hreflang: link.code,
            href: link.href.clone(),
        });
        let default = links.first().map(|link| Alternate {
            hreflang: "x-default",
            href: link.href.clone(),
        });
        every.chain(default).collect()
    }
}
