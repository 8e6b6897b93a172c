//! Markdown bodies: one set of pulldown-cmark options, links, and
//! sanitising.
//!
//! A body links another event by its source file (`[x](1952-rupture.md)`,
//! `[y](visits.yaml#1976-olga-visit)`) and shows files kept beside it
//! (`![hall](versailles-hall.svg)`), as GitHub renders them; raw HTML's
//! `<a href>` and `<img src>` count too (see [`html`]). [`scan`] finds those
//! links with their positions so the model can check them, and [`render`]
//! asks for each one's URL on the page. Link and image URLs are restricted
//! to http(s), mailto and relative ones (see [`dest`]); raw HTML is passed
//! through ammonia's allowlist unless the site turns that off.

pub mod dest;
mod html;
mod scan;

use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

pub use dest::{Dest, classify, is_safe_url};
pub use scan::{BareImage, FileLink, LinkKind, Scan, scan};

/// How raw HTML in bodies is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HtmlMode {
    /// Cleaned with an allowlist (the default).
    Sanitise,
    /// Passed through untouched (`unsafe_html: true`).
    Trust,
}

/// The Markdown dialect of annals: CommonMark plus tables, footnotes and
/// strikethrough, and `{#id}` after a heading to give it an anchor.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// A body as plain text, for the search index: the text of every block,
/// one space between pieces; raw HTML and link targets are left out.
pub fn plain_text(body: &str) -> String {
    let mut text = String::with_capacity(body.len());
    for event in Parser::new_ext(body, options()) {
        match event {
            Event::Text(piece) | Event::Code(piece) => {
                text.push_str(&piece);
                text.push(' ');
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
            _ => {}
        }
    }
    text
}

/// Renders a body to HTML. `resolve` maps the destination of every link and
/// image, Markdown's and raw HTML's, as written, to the URL it has on the
/// page, or to `None`: a link is then dropped for its text (the event is
/// not published), an image's `src` left empty. Destinations of schemes a
/// page may not hold are dropped without asking.
pub fn render(body: &str, mode: HtmlMode, resolve: &dyn Fn(&str) -> Option<String>) -> String {
    let safe = |dest: &str| is_safe_url(dest).then(|| resolve(dest)).flatten();
    let mut rewriter = Rewriter {
        resolve: &safe,
        raw_html: false,
        dropping_link: false,
        block: None,
        events: Vec::new(),
    };
    for event in Parser::new_ext(body, options()) {
        rewriter.push(event);
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, rewriter.events.into_iter());
    if rewriter.raw_html && mode == HtmlMode::Sanitise {
        SANITISER.clean(&html).to_string()
    } else {
        html
    }
}

/// A body's events with every link and image given its URL on the page.
struct Rewriter<'a, 'r> {
    resolve: &'r dyn Fn(&str) -> Option<String>,
    raw_html: bool,
    /// Inside a link that is dropped for its text.
    dropping_link: bool,
    /// The HTML block being read, its lines joined.
    block: Option<String>,
    events: Vec<Event<'a>>,
}

impl<'a> Rewriter<'a, '_> {
    fn push(&mut self, event: Event<'a>) {
        match event {
            Event::Start(Tag::HtmlBlock) => {
                self.raw_html = true;
                self.block = Some(String::new());
                self.events.push(event);
            }
            Event::Html(text) if self.block.is_some() => {
                self.block.get_or_insert_default().push_str(&text);
            }
            Event::End(TagEnd::HtmlBlock) => {
                let text = self.block.take().unwrap_or_default();
                let html = html::rewrite(&text, self.resolve);
                self.events.push(Event::Html(html.into()));
                self.events.push(event);
            }
            Event::Html(text) | Event::InlineHtml(text) => {
                self.raw_html = true;
                let html = html::rewrite(&text, self.resolve);
                self.events.push(Event::InlineHtml(html.into()));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => match (self.resolve)(&dest_url) {
                Some(url) => self.events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: url.into(),
                    title,
                    id,
                })),
                None => self.dropping_link = true,
            },
            Event::End(TagEnd::Link) if self.dropping_link => self.dropping_link = false,
            Event::Start(Tag::Image {
                dest_url,
                title,
                id,
                ..
            }) => self.events.push(Event::Start(Tag::Image {
                link_type: LinkType::Inline,
                dest_url: (self.resolve)(&dest_url).map_or(CowStr::Borrowed(""), CowStr::from),
                title,
                id,
            })),
            other => self.events.push(other),
        }
    }
}

static SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(["http", "https", "mailto"].into())
        .link_rel(None)
        .add_generic_attributes(["id", "class"]);
    builder
});

#[cfg(test)]
mod tests {
    use super::*;

    fn html(body: &str) -> String {
        render(body, HtmlMode::Sanitise, &|dest| match classify(dest) {
            Dest::Event {
                path: "known.md",
                fragment,
            } => Some(format!(
                "known.html{}",
                fragment.map_or(String::new(), |f| format!("#{f}"))
            )),
            Dest::File { path, rest } => Some(format!("../files/{path}{rest}")),
            Dest::External(url) => Some(url.into_owned()),
            Dest::Here => Some(dest.to_string()),
            _ => None,
        })
    }

    #[test]
    fn files_and_raw_html_links_are_resolved_and_images_get_an_alt() {
        assert_eq!(
            html("![Hall](hall.svg \"The hall\") [scan](letter.pdf#page=2)"),
            "<p><img src=\"../files/hall.svg\" alt=\"Hall\" title=\"The hall\" /> <a href=\"../files/letter.pdf#page=2\">scan</a></p>\n"
        );
        assert_eq!(
            html("<p><img src=\"seal.svg\" width=\"60\"> <a href=\"gone.md\">x</a></p>"),
            "<p><img src=\"../files/seal.svg\" width=\"60\" alt=\"\"> <a>x</a></p>"
        );
        assert_eq!(
            html("Inline <img src='a&amp;b.svg' alt=\"A\"> image."),
            "<p>Inline <img src=\"../files/a&amp;b.svg\" alt=\"A\"> image.</p>\n"
        );
    }

    #[test]
    fn rewrites_event_links_and_drops_unpublished_ones() {
        assert_eq!(
            html("[a](known.md#s)"),
            "<p><a href=\"known.html#s\">a</a></p>\n"
        );
        assert_eq!(html("[a](draft.md)"), "<p>a</p>\n");
    }

    #[test]
    fn unsafe_urls_never_reach_the_page() {
        assert_eq!(html("[x](javascript:alert(1))"), "<p>x</p>\n");
        assert_eq!(html("[x](JaVaScRiPt:alert(1))"), "<p>x</p>\n");
        assert_eq!(html("[x](<java\tscript:alert(1)>)"), "<p>x</p>\n");
        assert_eq!(html("[x](&#106;avascript:alert(1))"), "<p>x</p>\n");
        assert!(!html("![i](data:text/html,x)").contains("data:"));
        assert_eq!(html("[x](vbscript:msgbox(1))"), "<p>x</p>\n");
        assert_eq!(
            html("[x](data:text/html;base64,PHNjcmlwdD4=)"),
            "<p>x</p>\n"
        );
        assert!(html("[x](https://example.org)").contains("href=\"https://example.org\""));
        assert!(html("<mailto:a@example.org>").contains("mailto:a@example.org"));
    }

    #[test]
    fn raw_html_is_sanitised() {
        let out = html(
            "<script>alert(1)</script>\n\n<p onclick=\"x()\">hi <a href=\"javascript:x\">y</a></p>\n\n<iframe src=\"https://e.org\"></iframe>",
        );
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("onclick"), "{out}");
        assert!(!out.contains("javascript"), "{out}");
        assert!(!out.contains("iframe"), "{out}");
        assert!(out.contains("hi"), "{out}");
    }

    #[test]
    fn footnotes_tables_and_strikethrough_are_on() {
        let out = html("A[^1] ~~gone~~\n\n[^1]: Note.\n\n| a |\n|---|\n| b |\n");
        assert!(out.contains("footnote"), "{out}");
        assert!(out.contains("<del>gone</del>"), "{out}");
        assert!(out.contains("<table>"), "{out}");
    }
}
