//! What feed readers and crawlers read: `atom.xml`, `sitemap.xml` and
//! `robots.txt`.
//!
//! All three are made of absolute URLs, so they are written only when the
//! site's base URL is known (site.yaml's `base_url` or `--base-url`); without
//! it they are left out, with one warning, rather than written with broken
//! links. The XML is written with quick-xml, which escapes every text and
//! attribute; characters XML 1.0 cannot hold are dropped.
//!
//! An entry's `updated` is when the event was added or last changed, so
//! that a feed reader shows an event added today about 1046 as new: the last
//! commit time of its file or of its translations' files (see
//! `load::Changes`), else its `updated:` field, else the build's
//! `SOURCE_DATE_EPOCH`, else, with none of these, the last day its dates
//! name. Nothing depends on the clock: the same commit builds the same
//! bytes.

use std::borrow::Cow;
use std::io;

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveTime, Utc};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event as Xml};

use crate::chronology::Chronology;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::event::Event;
use crate::load::Changes;
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
    let sitemaps = sitemaps(config, pages, SITEMAP_URLS);
    for (name, sitemap) in sitemaps.map_err(|e| Error::io("sitemap.xml", e))? {
        sink.put(&name, &sitemap)?;
    }
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

/// Dates each event's `updated` by its files' history (see the module
/// documentation): the latest commit of its file and of its translations'
/// files beside it, else its `updated:` field, else `SOURCE_DATE_EPOCH`.
pub(crate) fn date(events: &mut [Event], changes: &Changes, config: &Config) {
    let source_date = changes
        .source_date
        .and_then(|t| DateTime::from_timestamp(t, 0));
    for event in events {
        let commit = files(event.path(), config)
            .filter_map(|path| changes.commit(&path))
            .max()
            .and_then(|t| DateTime::from_timestamp(t, 0));
        event.updated = commit.or(event.updated).or(source_date);
    }
}

/// An event's file and the translations a Markdown file may have beside it
/// (`x.md`, `x.es.md`).
fn files<'a>(path: &'a Path, config: &'a Config) -> impl Iterator<Item = PathBuf> + 'a {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let markdown = path.extension().is_some_and(|e| e == "md");
    let translated = config.languages.iter().skip(1).filter(move |_| markdown);
    let translations =
        translated.map(move |language| path.with_file_name(format!("{stem}.{}.md", language.code)));
    std::iter::once(path.to_path_buf()).chain(translations)
}

/// When an event changed, for the feed: its `updated`, else midnight UTC of
/// the last day its dates name; `None` when every date is BCE.
fn changed(event: &Event) -> Option<DateTime<Utc>> {
    let day = || {
        event
            .latest_day()
            .map(|day| day.and_time(NaiveTime::MIN).and_utc())
    };
    event.updated.or_else(day)
}

/// An RFC 3339 timestamp, to the second. A feed with no datable event says
/// 1970-01-01.
fn timestamp(time: Option<DateTime<Utc>>) -> String {
    time.map_or_else(
        || "1970-01-01T00:00:00Z".to_string(),
        |time| time.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    )
}

/// The Atom 1.0 feed (RFC 4287): the `feed_limit` events added or changed
/// last, the most recent first (then the latest in the chronology first). An
/// entry's `id` is its page's URL, which depends on the slug, never on the
/// title.
fn atom(chronology: &Chronology, config: &Config) -> io::Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Xml::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    let updated = chronology.events.iter().filter_map(changed).max();
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
            for event in recent(&chronology.events, config.feed_limit) {
                entry(w, config, event)?;
            }
            Ok(())
        })?;
    Ok(finish(w))
}

/// The `limit` events changed last, the most recent first; of events
/// changed at the same time, the latest in the chronology first. Only
/// events with a page in the edition: its translated ones.
fn recent(events: &[Event], limit: usize) -> Vec<&Event> {
    // An event with no date a feed can hold says 1970-01-01 (see
    // `timestamp`), and is placed by that.
    let epoch = DateTime::from_timestamp(0, 0);
    let mut order: Vec<(Option<DateTime<Utc>>, usize)> = events
        .iter()
        .enumerate()
        .filter(|(_, event)| event.shown_in.is_none())
        .map(|(index, event)| (changed(event).or(epoch), index))
        .collect();
    order.sort_unstable_by(|a, b| b.cmp(a));
    order
        .into_iter()
        .take(limit)
        .map(|(_, index)| &events[index])
        .collect()
}

fn entry(w: &mut Writer<Vec<u8>>, config: &Config, event: &Event) -> io::Result<()> {
    let url = absolute(config, &event.page_path().to_string());
    w.create_element("entry").write_inner_content(|w| {
        text(w, "id", &url)?;
        text(w, "title", &event.title)?;
        text(w, "updated", &timestamp(changed(event)))?;
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

/// The most URLs one sitemap may list (sitemaps.org); at 100 bytes a URL,
/// well within the 50 MB a sitemap may weigh too.
const SITEMAP_URLS: usize = 50_000;

/// The sitemaps of every page the build wrote, by file name: one,
/// `sitemap.xml`, when the pages fit in `limit` URLs; otherwise
/// `sitemap-1.xml`, `sitemap-2.xml`, … of `limit` URLs each, and
/// `sitemap.xml` the index of them, which crawlers read as they read one.
fn sitemaps(config: &Config, pages: &[String], limit: usize) -> io::Result<Vec<(String, Vec<u8>)>> {
    if pages.len() <= limit {
        return Ok(vec![("sitemap.xml".into(), sitemap(config, pages)?)]);
    }
    let mut files = Vec::new();
    for (number, part) in pages.chunks(limit.max(1)).enumerate() {
        files.push((
            format!("sitemap-{}.xml", number + 1),
            sitemap(config, part)?,
        ));
    }
    let index = sitemap_index(config, files.iter().map(|(name, _)| name.as_str()))?;
    files.insert(0, ("sitemap.xml".into(), index));
    Ok(files)
}

/// The sitemaps.org 0.9 index of the sitemaps `names`.
fn sitemap_index<'a>(config: &Config, names: impl Iterator<Item = &'a str>) -> io::Result<Vec<u8>> {
    locations(config, ("sitemapindex", "sitemap"), names)
}

/// The sitemaps.org 0.9 sitemap of `pages`.
fn sitemap(config: &Config, pages: &[String]) -> io::Result<Vec<u8>> {
    locations(config, ("urlset", "url"), pages.iter().map(String::as_str))
}

/// A sitemaps.org 0.9 document: in the element `list`, one element `item`
/// per path of `paths`, holding its absolute URL as `<loc>`.
fn locations<'a>(
    config: &Config,
    (list, item): (&str, &str),
    paths: impl Iterator<Item = &'a str>,
) -> io::Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Xml::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element(list)
        .with_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"))
        .write_inner_content(|w| {
            for path in paths {
                w.create_element(item)
                    .write_inner_content(|w| text(w, "loc", &absolute(config, path)))?;
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

    use chrono::NaiveDate;

    #[test]
    fn timestamps_are_utc_to_the_second() {
        let day = NaiveDate::from_ymd_opt(1945, 3, 14).map(|d| d.and_time(NaiveTime::MIN));
        assert_eq!(timestamp(day.map(|d| d.and_utc())), "1945-03-14T00:00:00Z");
        let time = DateTime::from_timestamp(1_746_628_245, 0);
        assert_eq!(timestamp(time), "2025-05-07T14:30:45Z");
        assert_eq!(timestamp(None), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn an_event_and_its_translations_are_its_files() {
        let mut config = Config::default();
        let language = |code: &str| crate::config::Language {
            code: code.into(),
            name: code.into(),
            title: None,
            description: None,
        };
        config.languages = ["en", "es", "ru"].map(language).to_vec();
        let found: Vec<PathBuf> = files(Path::new("content/events/x.md"), &config).collect();
        let expected =
            ["x.md", "x.es.md", "x.ru.md"].map(|name| Path::new("content/events").join(name));
        assert_eq!(found, expected);
        let yaml: Vec<PathBuf> = files(Path::new("content/list.yaml"), &config).collect();
        assert_eq!(yaml, [PathBuf::from("content/list.yaml")]);
    }
}
