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

use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

pub use dest::{Dest, classify, is_safe_url};

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

/// A link or image of a body that the model checks: to an event's file, to
/// another file, from the site root, or not a valid URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileLink {
    /// The path as written, without any `?query` or `#fragment` (for
    /// [`LinkKind::Invalid`], the whole URL).
    pub path: String,
    /// What follows `#` in a link to an event's file.
    pub fragment: Option<String>,
    /// What it points at.
    pub kind: LinkKind,
    /// 1-based line within the body.
    pub line: usize,
    /// 1-based column within that line.
    pub column: usize,
}

/// What a [`FileLink`] points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkKind {
    /// An event's source file (`.md`, `.yaml`, ...).
    Event,
    /// Another file, relative to the body's file.
    File,
    /// A path from the site root.
    Rooted,
    /// Not a valid URL, and why.
    Invalid(String),
}

/// An `<img>` of raw HTML without `alt`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BareImage {
    /// Its `src`, as written.
    pub src: String,
    /// 1-based line within the body.
    pub line: usize,
    /// 1-based column within that line.
    pub column: usize,
}

/// What the model needs to know about a body before rendering it.
#[derive(Debug, Default)]
pub struct Scan {
    /// The first paragraph as plain text.
    pub first_paragraph: Option<String>,
    /// Links and images to check.
    pub file_links: Vec<FileLink>,
    /// Raw `<img>` tags without `alt`.
    pub bare_images: Vec<BareImage>,
}

impl Scan {
    fn link(&mut self, body: &str, dest: &str, at: usize) {
        let (path, fragment, kind) = match classify(dest) {
            Dest::Event { path, fragment } => (path, fragment, LinkKind::Event),
            Dest::File { path, .. } => (path, None, LinkKind::File),
            Dest::Rooted { path, .. } => (path, None, LinkKind::Rooted),
            Dest::Invalid(why) => (dest, None, LinkKind::Invalid(why)),
            Dest::Here | Dest::External(_) | Dest::Unsafe => return,
        };
        let (line, column) = line_column(&body[..at]);
        self.file_links.push(FileLink {
            path: path.to_string(),
            fragment: fragment.map(str::to_string),
            kind,
            line,
            column,
        });
    }

    fn raw_html(&mut self, body: &str, run: &HtmlRun) {
        for (at, dest) in html::links(&run.text) {
            self.link(body, &dest, run.body_offset(at));
        }
        for (at, src) in html::images_without_alt(&run.text) {
            let (line, column) = line_column(&body[..run.body_offset(at)]);
            self.bare_images.push(BareImage { src, line, column });
        }
    }
}

/// Raw HTML read as one text: an HTML block's lines joined, or one inline
/// tag; with where each of its pieces starts in the body.
#[derive(Default)]
struct HtmlRun {
    text: String,
    /// (offset in `text`, offset in the body) of each piece.
    pieces: Vec<(usize, usize)>,
}

impl HtmlRun {
    fn push(&mut self, piece: &str, body_offset: usize) {
        self.pieces.push((self.text.len(), body_offset));
        self.text.push_str(piece);
    }

    fn body_offset(&self, at: usize) -> usize {
        let index = self.pieces.partition_point(|&(start, _)| start <= at);
        let (start, body) = self.pieces[index.saturating_sub(1)];
        body + at - start
    }
}

/// Reads a body once for its first paragraph and its links to check.
pub fn scan(body: &str) -> Scan {
    let mut scan = Scan::default();
    let mut paragraph: Option<String> = None;
    let mut block: Option<HtmlRun> = None;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Paragraph) if scan.first_paragraph.is_none() => {
                paragraph = Some(String::new());
            }
            Event::End(TagEnd::Paragraph) if paragraph.is_some() => {
                scan.first_paragraph = paragraph.take().map(|p| p.trim().to_string());
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(p) = paragraph.as_mut() {
                    p.push_str(&text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(p) = paragraph.as_mut() {
                    p.push(' ');
                }
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                scan.link(body, &dest_url, range.start);
            }
            Event::Start(Tag::HtmlBlock) => block = Some(HtmlRun::default()),
            Event::Html(text) => match block.as_mut() {
                Some(run) => run.push(&text, range.start),
                None => scan.raw_html(body, &run_of(&text, range.start)),
            },
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(run) = block.take() {
                    scan.raw_html(body, &run);
                }
            }
            Event::InlineHtml(text) => scan.raw_html(body, &run_of(&text, range.start)),
            _ => {}
        }
    }
    scan
}

fn run_of(text: &str, body_offset: usize) -> HtmlRun {
    let mut run = HtmlRun::default();
    run.push(text, body_offset);
    run
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
    let resolve = |dest: &str| is_safe_url(dest).then(|| resolve(dest)).flatten();
    let mut raw_html = false;
    let mut dropping_link = false;
    let mut block: Option<String> = None;
    let mut events = Vec::new();
    for event in Parser::new_ext(body, options()) {
        match event {
            Event::Start(Tag::HtmlBlock) => {
                raw_html = true;
                block = Some(String::new());
                events.push(event);
            }
            Event::Html(text) if block.is_some() => {
                block.get_or_insert_default().push_str(&text);
            }
            Event::End(TagEnd::HtmlBlock) => {
                let text = block.take().unwrap_or_default();
                events.push(Event::Html(html::rewrite(&text, &resolve).into()));
                events.push(event);
            }
            Event::Html(text) | Event::InlineHtml(text) => {
                raw_html = true;
                events.push(Event::InlineHtml(html::rewrite(&text, &resolve).into()));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => match resolve(&dest_url) {
                Some(url) => events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: url.into(),
                    title,
                    id,
                })),
                None => dropping_link = true,
            },
            Event::End(TagEnd::Link) if dropping_link => dropping_link = false,
            Event::Start(Tag::Image {
                dest_url,
                title,
                id,
                ..
            }) => events.push(Event::Start(Tag::Image {
                link_type: LinkType::Inline,
                dest_url: resolve(&dest_url).map_or(CowStr::Borrowed(""), CowStr::from),
                title,
                id,
            })),
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if raw_html && mode == HtmlMode::Sanitise {
        SANITISER.clean(&html).to_string()
    } else {
        html
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

fn line_column(before: &str) -> (usize, usize) {
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |at| at + 1);
    (line, before[start..].chars().count() + 1)
}

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

    fn link(path: &str, kind: LinkKind, line: usize, column: usize) -> FileLink {
        FileLink {
            path: path.into(),
            fragment: None,
            kind,
            line,
            column,
        }
    }

    #[test]
    fn first_paragraph_is_plain_text() {
        let scan = scan("# Head\n\nFirst *para*\nwith `code`.\n\nSecond.");
        assert_eq!(
            scan.first_paragraph.as_deref(),
            Some("First para with code.")
        );
    }

    #[test]
    fn finds_links_to_check_with_positions() {
        let scan = scan(
            "Intro.\n\nSee [the rupture](../1952-rupture.md#x) and [web](https://x.org/a.md).\n\n\
             ![Hall](versailles%20hall.svg) [seal](/img/seal.svg) [bad](https://example.org:99999/)\n\n\
             <div>\n  <img width=\"9\"\n    src=\"1976/visit.jpg\">\n</div>\n\nText <a href=\"visits.yaml#olga\">Olga</a>.",
        );
        let mut rupture = link("../1952-rupture.md", LinkKind::Event, 3, 5);
        rupture.fragment = Some("x".into());
        let mut olga = link("visits.yaml", LinkKind::Event, 12, 15);
        olga.fragment = Some("olga".into());
        let invalid = LinkKind::Invalid("invalid port number".into());
        assert_eq!(
            scan.file_links,
            [
                rupture,
                link("versailles%20hall.svg", LinkKind::File, 5, 1),
                link("/img/seal.svg", LinkKind::Rooted, 5, 32),
                link("https://example.org:99999/", invalid, 5, 54),
                link("1976/visit.jpg", LinkKind::File, 9, 10),
                olga,
            ]
        );
        assert_eq!(
            scan.bare_images,
            [BareImage {
                src: "1976/visit.jpg".into(),
                line: 8,
                column: 3
            }]
        );
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
