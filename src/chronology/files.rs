//! Files kept beside events (images, scans, letters), published with the
//! pages that show them.
//!
//! A body's link or image to a file that is not an event file
//! (`versailles-hall.svg`, `1976/visit.jpg`, `../scans/letter.pdf`) names a
//! file under `content/`, relative to the body's file. Each file a
//! published event links to is published once, at `files/` and its path
//! under `content/` (`content/events/1976/visit.jpg` →
//! `files/events/1976/visit.jpg`), and every language edition links to that
//! one copy. A link to a local `.html` page the site generates
//! (`../tags/treaty.html`) is kept as written. A path from the site root
//! (`/img/seal.svg`) works only at a domain's root, so it is rewritten to
//! the file of `static/` (or `content/`) it names, or refused.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

use super::Chronology;
use super::links::{self, Href};
use crate::error::{Error, Result};
use crate::event::Event;
use crate::load::{self, Disk, Entry};
use crate::markdown::dest::{decoded, path_url};
use crate::markdown::{FileLink, LinkKind};

/// The output folder that files from `content/` are published in.
pub const FOLDER: &str = "files";

/// The files the published events link to, and where they are published.
#[derive(Debug, Default)]
pub struct Files {
    disk: Option<Disk>,
    assets: BTreeMap<PathBuf, Asset>,
    /// The files each event publishes (those it is the first to link to),
    /// by slug.
    owned: HashMap<String, Vec<PathBuf>>,
    /// The targets of paths from the site root, by path as written.
    rooted: HashMap<String, Href>,
}

/// A file of `content/` that is published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Its path from the site root: `content/events/hall.svg`.
    pub source: PathBuf,
    /// Its path in the output: `files/events/hall.svg`.
    pub output: String,
    /// `output` as a URL path.
    url: String,
}

impl Files {
    /// Checks every file link of the published events against the disk and
    /// says where each file is published; every bad link is reported.
    pub fn new(disk: &Disk, chronology: &Chronology) -> Result<Files> {
        let mut files = Files {
            disk: Some(disk.clone()),
            ..Files::default()
        };
        let pages = OnceLock::new();
        let mut errors = Vec::new();
        for event in &chronology.events {
            for (file, body_line, found) in links::texts(event) {
                for link in found {
                    let added = match link.kind {
                        LinkKind::File => files.add_file(disk, event, link, &pages, chronology),
                        LinkKind::Rooted => files.add_rooted(disk, event, link, &pages, chronology),
                        LinkKind::Event | LinkKind::Invalid(_) => Ok(()),
                    };
                    if let Err(problem) = added {
                        let at = links::position(file, body_line, link);
                        let message = format!("link to {:?}: {problem}", link.path);
                        errors.push(Error::content(at, message));
                    }
                }
            }
        }
        super::sort(&mut errors);
        errors.dedup_by(|a, b| a.to_string() == b.to_string());
        Error::collect(errors)?;
        Ok(files)
    }

    /// The URL path (from the output root) of the file a body of `dir`
    /// links to as `path`, if it is published.
    pub(super) fn file(&self, dir: &Path, path: &str) -> Option<&str> {
        let source = in_content(dir, &decoded(path))?;
        self.assets.get(&source).map(|asset| asset.url.as_str())
    }

    /// Where a path from the site root goes, if it was found.
    pub(super) fn rooted(&self, path: &str) -> Option<&Href> {
        self.rooted.get(path)
    }

    /// The files the event `slug` publishes, with their bytes read from
    /// disk when asked.
    pub fn owned_by(&self, slug: &str) -> impl Iterator<Item = &Asset> {
        self.owned
            .get(slug)
            .into_iter()
            .flatten()
            .filter_map(|source| self.assets.get(source))
    }

    /// The bytes of a published file.
    pub fn read(&self, asset: &Asset) -> Result<Vec<u8>> {
        match &self.disk {
            Some(disk) => disk.read(&asset.source),
            None => Err(Error::io(
                &asset.source,
                std::io::ErrorKind::NotFound.into(),
            )),
        }
    }

    /// A warning for each of `others`, files of `content/` that are not
    /// event files, that is not published.
    pub fn unlinked<'a>(&'a self, others: &'a [PathBuf]) -> impl Iterator<Item = String> + 'a {
        others
            .iter()
            .filter(|path| !self.assets.contains_key(*path))
            .map(|path| {
                format!(
                    "{}: not an event file (.md, .yaml or .yml) and no published event links to it; not published",
                    path.display()
                )
            })
    }

    /// Publishes `source` for `event`, the first to link to it wins.
    fn publish(&mut self, source: PathBuf, event: &Event) -> &str {
        let owned = &mut self.owned;
        let asset = self.assets.entry(source.clone()).or_insert_with(|| {
            owned
                .entry(event.slug.clone())
                .or_default()
                .push(source.clone());
            let under = source.strip_prefix("content").unwrap_or(&source);
            let output = format!("{FOLDER}/{}", slashed(under));
            let url = path_url(&output);
            Asset {
                source,
                output,
                url,
            }
        });
        &asset.url
    }

    /// A relative link to a file: published, or a generated page.
    fn add_file(
        &mut self,
        disk: &Disk,
        event: &Event,
        link: &FileLink,
        pages: &OnceLock<HashSet<String>>,
        chronology: &Chronology,
    ) -> Result<(), String> {
        let path = decoded(&link.path);
        let Some(source) = in_content(event.dir(), &path) else {
            return Err(
                "it leads out of content/: keep the file beside the event, or name a file of static/ by its path there from the site root (static/img/seal.svg as /img/seal.svg)".into(),
            );
        };
        if let Some(junk) = source.iter().find(|part| load::is_junk(part)) {
            return Err(format!(
                "{} is a hidden or editor file, which is never published: rename it",
                junk.to_string_lossy()
            ));
        }
        match disk.entry(&source) {
            Entry::File => {
                self.publish(source, event);
                Ok(())
            }
            Entry::Unusable(why) => Err(why.to_string()),
            Entry::Missing => {
                let page = is_html(&path).then(|| in_output("events", &path)).flatten();
                let pages = pages.get_or_init(|| generated(chronology));
                if page.as_ref().is_some_and(|page| pages.contains(page)) {
                    return Ok(());
                }
                Err(missing(disk, event.dir(), &source, page.as_deref(), pages))
            }
        }
    }

    /// A path from the site root: a generated page, or a file of `static/`
    /// or `content/`.
    fn add_rooted(
        &mut self,
        disk: &Disk,
        event: &Event,
        link: &FileLink,
        pages: &OnceLock<HashSet<String>>,
        chronology: &Chronology,
    ) -> Result<(), String> {
        if self.rooted.contains_key(&link.path) {
            return Ok(());
        }
        let path = decoded(link.path.trim_start_matches('/')).into_owned();
        let page = match &path {
            path if path.is_empty() || path.ends_with('/') => format!("{path}index.html"),
            path => path.clone(),
        };
        let href = if pages.get_or_init(|| generated(chronology)).contains(&page) {
            Href::Page(path_url(&page))
        } else if disk.entry(&Path::new("static").join(&path)) == Entry::File
            || crate::theme::ASSETS.iter().any(|(name, _)| *name == path)
        {
            Href::Root(path_url(&path))
        } else if let Some(source) = rooted_content(disk, &path) {
            Href::Root(self.publish(source, event).to_string())
        } else {
            return Err(format!(
                "a path from the site root works only when the site is served at a domain's root: it breaks when the site is opened from disk or served under a subpath (as GitHub Pages serves a project, at /<repository>/), and neither static/{path} nor content/{path} exists to link to instead: write the path relative to this file"
            ));
        };
        self.rooted.insert(link.path.clone(), href);
        Ok(())
    }
}

/// The file of `content/` a path from the site root names: `/content/x`
/// (as GitHub reads it in a repository holding the site) or `/x`.
fn rooted_content(disk: &Disk, path: &str) -> Option<PathBuf> {
    let candidates = [
        Path::new(path).to_path_buf(),
        Path::new("content").join(path),
    ];
    candidates.into_iter().find(|source| {
        source.starts_with("content")
            && in_content(Path::new(""), &source.to_string_lossy()).as_ref() == Some(source)
            && !source.iter().any(load::is_junk)
            && disk.entry(source) == Entry::File
    })
}

/// The message for a link to a file that is not there, with the nearest
/// file (or page) as a suggestion.
fn missing(
    disk: &Disk,
    dir: &Path,
    source: &Path,
    page: Option<&str>,
    pages: &HashSet<String>,
) -> String {
    let folders = [source.parent().unwrap_or(dir), dir];
    let mut known: Vec<PathBuf> = folders
        .iter()
        .flat_map(|folder| {
            disk.names_in(folder)
                .into_iter()
                .map(|name| folder.join(name))
        })
        .collect();
    let mut near = links::suggest(source, known.drain(..)).map(|p| links::relative(dir, &p));
    if let (None, Some(page)) = (&near, page) {
        let folder = Path::new(page).parent().unwrap_or(Path::new(""));
        let same_folder = pages
            .iter()
            .map(PathBuf::from)
            .filter(|p| p.parent() == Some(folder));
        near = links::suggest(Path::new(page), same_folder)
            .map(|p| links::relative(Path::new("events"), &p));
    }
    let what = match page {
        Some(page) => format!("no such file ({}) or page ({page})", source.display()),
        None => format!("no such file ({})", source.display()),
    };
    match near {
        Some(near) => format!("{what}; did you mean {near:?}?"),
        None => what,
    }
}

fn is_html(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".html") || lower.ends_with(".htm")
}

/// A path written in a body of `dir`, as a path under `content/`; `None`
/// when it leads out of `content/`.
fn in_content(dir: &Path, path: &str) -> Option<PathBuf> {
    let joined = normalise(&dir.join(path))?;
    joined.starts_with("content").then_some(joined)
}

/// A link written on a page of `folder`, as an output path; `None` when it
/// leads out of the output.
fn in_output(folder: &str, path: &str) -> Option<String> {
    normalise(&Path::new(folder).join(path)).map(|p| slashed(&p))
}

/// A path with `.` and `..` worked out; `None` when it climbs above its
/// start or is absolute.
fn normalise(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

fn slashed(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The HTML pages a build generates in every edition, from its root.
fn generated(chronology: &Chronology) -> HashSet<String> {
    let mut pages: HashSet<String> = [
        "index.html",
        "404.html",
        "tags/index.html",
        "actors/index.html",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    for event in &chronology.events {
        pages.insert(event.page_path().to_string());
        pages.extend(event.aliases.iter().cloned());
    }
    for (folder, groups) in [("tags", &chronology.tags), ("actors", &chronology.actors)] {
        pages.extend(
            groups
                .iter()
                .map(|group| format!("{folder}/{}.html", group.slug)),
        );
    }
    pages.extend(
        chronology
            .eras
            .iter()
            .map(|group| format!("eras/{}.html", group.era.slug)),
    );
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_stay_inside_content_and_the_output() {
        let events = Path::new("content/events");
        assert_eq!(
            in_content(events, "1976/../scans/./letter.pdf"),
            Some(PathBuf::from("content/events/scans/letter.pdf"))
        );
        assert_eq!(in_content(events, "../../static/img/seal.svg"), None);
        assert_eq!(in_content(events, "../../../../etc/passwd"), None);
        assert_eq!(
            in_content(events, &decoded("a%2F..%2F..%2F..%2Fsite.yaml")),
            None
        );
        assert_eq!(
            in_output("events", "../tags/treaty.html").as_deref(),
            Some("tags/treaty.html")
        );
        assert_eq!(in_output("events", "../../index.html"), None);
    }
}
