//! What feed readers and crawlers read: `atom.xml`, `sitemap.xml` and
//! `robots.txt`.
//!
//! All three are made of absolute URLs, so they are written only when the
//! site's base URL is known (site.yaml's `base_url` or `--base-url`); without
//! it they are left out, with one warning, rather than written with broken
//! links. The XML is written with quick-xml, which escapes every text and
//! attribute; characters XML 1.0 cannot hold are dropped. Nothing depends on
//! the clock: the feed's timestamps come from the events' own dates.

use std::borrow::Cow;
use std::io;

use chrono::NaiveDate;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event as Xml};

use crate::chronology::Chronology;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::event::Event;
use crate::output::Sink;

/// The one warning a build without a base URL gives.
pub fn missing_base_url(config: &Config) -> Option<String> {
    config.base_url.is_none().then(|| {
        "no base_url: atom.xml, sitemap.xml, robots.txt, canonical links, og:url and the \
         URLs in JSON-LD, the calendar and the data exports are left out; set base_url in \
         site.yaml or pass --base-url"
            .to_string()
    })
}

/// Writes `atom.xml`, `sitemap.xml` and `robots.txt` when the base URL is
/// known; `pages` are the HTML pages the build wrote.
pub fn write(
    chronology: &Chronology,
    config: &Config,
    pages: &[String],
    sink: &dyn Sink,
) -> Result<()> {
    if config.base_url.is_none() {
        return Ok(());
    }
    write_atom(chronology, config, sink)?;
    let sitemap = sitemap(config, pages).map_err(|e| Error::io("sitemap.xml", e))?;
    sink.put("sitemap.xml", &sitemap)?;
    let robots = format!(
        "User-agent: *\nDisallow:\n\nSitemap: {}\n",
        absolute(config, "sitemap.xml")
    );
    sink.put("robots.txt", robots.as_bytes())
}

/// Writes `atom.xml` when the base URL is known: the feed of one language
/// edition, whose `config` names its own base URL.
pub fn write_atom(chronology: &Chronology, config: &Config, sink: &dyn Sink) -> Result<()> {
    if config.base_url.is_none() {
        return Ok(());
    }
    let atom = atom(chronology, config).map_err(|e| Error::io("atom.xml", e))?;
    sink.put("atom.xml", &atom)
}

/// The absolute URL of a file of the output; called only when the base URL
/// is known.
fn absolute(config: &Config, path: &str) -> String {
    config.page_url(path).unwrap_or_default()
}

/// An RFC 3339 timestamp for a day: midnight UTC. A feed with no datable
/// event says 1970-01-01.
fn timestamp(day: Option<NaiveDate>) -> String {
    day.map_or_else(
        || "1970-01-01T00:00:00Z".to_string(),
        |day| format!("{}T00:00:00Z", day.format("%Y-%m-%d")),
    )
}

/// The Atom 1.0 feed (RFC 4287), newest events first. An entry's `id` is its
/// page's URL, which depends on the slug, never on the title.
fn atom(chronology: &Chronology, config: &Config) -> io::Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Xml::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    let updated = chronology.events.iter().filter_map(Event::latest_day).max();
    w.create_element("feed")
        .with_attribute(("xmlns", "http://www.w3.org/2005/Atom"))
        .with_attribute(("xml:lang", config.language.as_str()))
        .write_inner_content(|w| {
            text(w, "id", &absolute(config, ""))?;
            text(w, "title", &config.title)?;
            if !config.description.is_empty() {
                text(w, "subtitle", &config.description)?;
            }
            text(w, "updated", &timestamp(updated))?;
            link(
                w,
                "self",
                "application/atom+xml",
                &absolute(config, "atom.xml"),
            )?;
            link(w, "alternate", "text/html", &absolute(config, ""))?;
            let author = config.author.as_deref().unwrap_or(&config.title);
            w.create_element("author")
                .write_inner_content(|w| text(w, "name", author))?;
            w.create_element("generator")
                .with_attribute(("version", env!("CARGO_PKG_VERSION")))
                .write_text_content(BytesText::new("annals"))?;
            for event in chronology.events.iter().rev() {
                entry(w, config, event)?;
            }
            Ok(())
        })?;
    Ok(finish(w))
}

fn entry(w: &mut Writer<Vec<u8>>, config: &Config, event: &Event) -> io::Result<()> {
    let url = absolute(config, &event.page_path().to_string());
    w.create_element("entry").write_inner_content(|w| {
        text(w, "id", &url)?;
        text(w, "title", &event.title)?;
        text(w, "updated", &timestamp(event.latest_day()))?;
        link(w, "alternate", "text/html", &url)?;
        text(w, "summary", &event.dated_summary(config.locale()))?;
        for tag in &event.tags {
            w.create_element("category")
                .with_attribute(("term", clean(tag).as_ref()))
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

/// The sitemaps.org 0.9 sitemap of every page the build wrote.
fn sitemap(config: &Config, pages: &[String]) -> io::Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Xml::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("urlset")
        .with_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"))
        .write_inner_content(|w| {
            for page in pages {
                w.create_element("url")
                    .write_inner_content(|w| text(w, "loc", &absolute(config, page)))?;
            }
            Ok(())
        })?;
    Ok(finish(w))
}

fn text(w: &mut Writer<Vec<u8>>, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(&clean(value)))?;
    Ok(())
}

fn link(w: &mut Writer<Vec<u8>>, rel: &str, kind: &str, href: &str) -> io::Result<()> {
    w.create_element("link")
        .with_attribute(("rel", rel))
        .with_attribute(("type", kind))
        .with_attribute(("href", clean(href).as_ref()))
        .write_empty()?;
    Ok(())
}

fn finish(w: Writer<Vec<u8>>) -> Vec<u8> {
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    bytes
}

/// Drops the characters XML 1.0 cannot hold (most C0 controls, U+FFFE,
/// U+FFFF); quick-xml escapes the rest.
fn clean(text: &str) -> Cow<'_, str> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
    };
    if text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|&c| allowed(c)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(clean("a\u{1}b\tc"), "ab\tc");
        assert!(matches!(clean("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn timestamps_are_midnight_utc() {
        let day = NaiveDate::from_ymd_opt(1945, 3, 14);
        assert_eq!(timestamp(day), "1945-03-14T00:00:00Z");
        assert_eq!(timestamp(None), "1970-01-01T00:00:00Z");
    }
}
