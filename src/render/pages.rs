//! Pages that are not events (`content/pages/*.md`): their own pages, and
//! their links in every page's navigation.

use serde::Serialize;

use super::Renderer;
use super::here::Here;
use crate::error::Result;
use crate::markdown;
use crate::page::ContentPage;
use crate::page_path::PagePath;

/// A page in the site navigation.
#[derive(Serialize)]
pub(crate) struct NavPage<'a> {
    pub(crate) title: &'a str,
    pub(crate) href: String,
}

/// `page.html`.
#[derive(Serialize)]
pub(crate) struct ContentView<'a> {
    /// The page's own title (`title` is the document's, with the site's).
    pub(crate) page_title: &'a str,
    /// The body, rendered and sanitised HTML.
    pub(crate) body: String,
    /// The language of the text when the page is not translated into the
    /// edition's: the original's.
    pub(crate) lang: Option<&'a str>,
}

/// The navigation links to `pages`, from `here`.
pub(crate) fn nav<'a>(here: Here, pages: &'a [ContentPage]) -> Vec<NavPage<'a>> {
    pages
        .iter()
        .map(|page| NavPage {
            title: &page.text.title,
            href: here.link(&PagePath::Content(page.slug.as_str().into())),
        })
        .collect()
}

impl Renderer<'_> {
    /// Every page that is not an event; returns how many.
    pub(super) fn content_pages(&self) -> Result<usize> {
        if !self.selection.overviews() {
            return Ok(0);
        }
        for page in &self.edition.pages {
            let path = PagePath::Content(page.slug.as_str().into());
            let here = self.here(&path);
            let content = ContentView {
                page_title: &page.text.title,
                body: markdown::render(&page.text.body, self.html, &|dest| Some(dest.to_string())),
                lang: page.shown_in.as_deref(),
            };
            let mut view = self.page(here, page.text.title.clone(), content);
            if let Some(description) = &page.text.description {
                view.meta.description = description.clone();
            }
            self.put(here, &path, "page.html", view)?;
        }
        Ok(self.edition.pages.len())
    }
}
