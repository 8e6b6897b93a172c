//! Markdown bodies: one set of pulldown-cmark options, links between events,
//! and sanitising.
//!
//! A body may link another event by its source file (`[x](1952-rupture.md)`),
//! as GitHub renders it; [`scan`] finds those links so the model can check
//! them, and [`render`] turns them into links to the event's page. Link and
//! image URLs are restricted to http(s), mailto and relative ones; raw HTML is
//! passed through ammonia's allowlist unless the site turns that off.

use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

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

/// A link to another event's source file, found in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileLink {
    /// The path as written, without any `#fragment`.
    pub path: String,
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
    /// Links to other events' files.
    pub file_links: Vec<FileLink>,
}

/// Reads a body once for its first paragraph and its links to event files.
pub fn scan(body: &str) -> Scan {
    let mut scan = Scan::default();
    let mut paragraph: Option<String> = None;
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
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some((path, _)) = file_link(&dest_url) {
                    let (line, column) = line_column(&body[..range.start]);
                    scan.file_links.push(FileLink {
                        path: path.to_string(),
                        line,
                        column,
                    });
                }
            }
            _ => {}
        }
    }
    scan
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

/// Splits a link to an event file into path and fragment; `None` for any
/// other link (URLs with a scheme, absolute paths, anchors, other files).
pub fn file_link(dest: &str) -> Option<(&str, Option<&str>)> {
    let (path, fragment) = match dest.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (dest, None),
    };
    let is_file =
        path.to_ascii_lowercase().ends_with(".md") && !path.starts_with('/') && !has_scheme(path);
    is_file.then_some((path, fragment))
}

/// Whether a URL may appear in a page: http(s), mailto, or relative.
pub fn is_safe_url(url: &str) -> bool {
    let trimmed: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    if !has_scheme(&trimmed) {
        return true;
    }
    let lower = trimmed.to_ascii_lowercase();
    ["http:", "https:", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

fn has_scheme(url: &str) -> bool {
    match url.find(':') {
        Some(colon) => !url[..colon].contains(['/', '?', '#']),
        None => false,
    }
}

/// Renders a body to HTML. `resolve` maps a link to an event file (path as
/// written, fragment) to the href of its page, or `None` to keep only the
/// link's text (the event is not published).
pub fn render(
    body: &str,
    mode: HtmlMode,
    resolve: &dyn Fn(&str, Option<&str>) -> Option<String>,
) -> String {
    let mut raw_html = false;
    let mut dropping_link = false;
    let events = Parser::new_ext(body, options()).filter_map(|event| match event {
        Event::Html(_) | Event::InlineHtml(_) => {
            raw_html = true;
            Some(event)
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => match rewrite(&dest_url, resolve) {
            Some(dest_url) => Some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })),
            None => {
                dropping_link = true;
                None
            }
        },
        Event::End(TagEnd::Link) if dropping_link => {
            dropping_link = false;
            None
        }
        Event::Start(Tag::Image { dest_url, .. }) if !is_safe_url(&dest_url) => {
            Some(Event::Start(Tag::Image {
                link_type: LinkType::Inline,
                dest_url: CowStr::Borrowed(""),
                title: CowStr::Borrowed(""),
                id: CowStr::Borrowed(""),
            }))
        }
        other => Some(other),
    });
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    if raw_html && mode == HtmlMode::Sanitise {
        SANITISER.clean(&html).to_string()
    } else {
        html
    }
}

/// The href a link gets, or `None` to drop the link and keep its text.
fn rewrite<'a>(
    dest: &CowStr<'a>,
    resolve: &dyn Fn(&str, Option<&str>) -> Option<String>,
) -> Option<CowStr<'a>> {
    if let Some((path, fragment)) = file_link(dest) {
        return resolve(path, fragment).map(CowStr::from);
    }
    is_safe_url(dest).then(|| dest.clone())
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
        render(body, HtmlMode::Sanitise, &|path, fragment| {
            (path == "known.md").then(|| {
                format!(
                    "known.html{}",
                    fragment.map_or(String::new(), |f| format!("#{f}"))
                )
            })
        })
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
    fn finds_file_links_with_positions() {
        let scan = scan(
            "Intro.\n\nSee [the rupture](../1952-rupture.md#x) and [web](https://x.org/a.md).",
        );
        assert_eq!(
            scan.file_links,
            [FileLink {
                path: "../1952-rupture.md".into(),
                line: 3,
                column: 5
            }]
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
