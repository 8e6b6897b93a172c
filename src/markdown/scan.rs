//! Reading a body before it is rendered: its first paragraph (the default
//! summary), the links and images the model checks, with their positions,
//! and the raw `<img>` tags without `alt` that `annals check` reports.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::dest::{Dest, classify};
use super::{html, options};

/// A link or image of a body that the model checks: to an event's file, to
/// another file, from the site root, or not a valid URL.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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

fn line_column(before: &str) -> (usize, usize) {
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |at| at + 1);
    (line, before[start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
