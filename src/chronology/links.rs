//! Links between events: a body's link to another event's file, checked
//! against every event read, and the URL on the page of every link a body
//! holds.
//!
//! A link names an event by its file, relative to the body's file: a
//! Markdown file (or a translation beside it), or a YAML file. A YAML file
//! that holds a list of events is linked entry by entry with the entry's
//! slug as fragment (`visits.yaml#1976-olga-visit`); in any other file a
//! fragment is an anchor on the event's page.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use super::Chronology;
use crate::error::{Error, Position};
use crate::event::{Event, resolve_link};
use crate::load::{self, Format};
use crate::markdown::dest::{Dest, classify, encode_rest};
use crate::markdown::{FileLink, LinkKind};

/// Where a link of a body goes, for the renderer to make relative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Href {
    /// A page of the edition, from its root: `events/x.html#aftermath`.
    Page(String),
    /// A file at the output root, shared by every edition:
    /// `files/events/hall.svg`.
    Root(String),
    /// This URL, as it is.
    Written(String),
    /// No link: keep the text (the event is not published).
    Drop,
}

/// The events of each event file, by path: a Markdown file and its
/// translations, or a YAML file with one or many entries.
#[derive(Debug, Clone, Default)]
pub(super) struct ByPath {
    events: HashMap<PathBuf, Vec<usize>>,
    /// The YAML files that hold more than one event, drafts counted.
    lists: std::collections::HashSet<PathBuf>,
}

impl ByPath {
    /// The published `events`; `left_out` are the drafts not published.
    pub(super) fn new(events: &[Event], left_out: &[Event]) -> ByPath {
        let mut by_path = ByPath::default();
        for (index, event) in events.iter().enumerate() {
            for path in files_of(event) {
                by_path.events.entry(path.clone()).or_default().push(index);
            }
        }
        let mut counts: HashMap<&Path, usize> = HashMap::new();
        for event in events.iter().chain(left_out) {
            *counts.entry(&event.spans.origin.path).or_default() += 1;
        }
        by_path.lists = counts
            .into_iter()
            .filter(|(_, count)| *count > 1)
            .map(|(path, _)| path.to_path_buf())
            .collect();
        by_path
    }
}

/// The files a link can name an event by: its own, and its translations'
/// files when they are files of their own.
fn files_of(event: &Event) -> impl Iterator<Item = &PathBuf> {
    let own = &event.spans.origin.path;
    std::iter::once(own).chain(
        event
            .translations
            .values()
            .map(|t| &t.origin.path)
            .filter(move |path| *path != own),
    )
}

/// The texts of an event (its own and each translation's) with their links:
/// (file, line of the body's first line, links).
pub(super) fn texts(event: &Event) -> impl Iterator<Item = (&Path, usize, &[FileLink])> {
    std::iter::once((
        event.spans.origin.path.as_path(),
        event.spans.body_line,
        event.file_links.as_slice(),
    ))
    .chain(event.translations.values().map(|t| {
        (
            t.origin.path.as_path(),
            t.body_line,
            t.file_links.as_slice(),
        )
    }))
}

/// Where a place of a body (1-based `line` and `column` within it) is in
/// its file, whose line `body_line` is the body's first. A YAML body is
/// indented in its file, so only the line is given there.
pub fn body_position(file: &Path, body_line: usize, line: usize, column: usize) -> Position {
    let column = match load::format_of(file) {
        Some(Format::Yaml) => 0,
        _ => column,
    };
    Position::at(file, body_line + line - 1, column)
}

/// Where a link is in its file.
pub(super) fn position(file: &Path, body_line: usize, link: &FileLink) -> Position {
    body_position(file, body_line, link.line, link.column)
}

/// Checks every link to an event file and every URL of `events` (drafts
/// included) against the files read.
pub(super) fn check(events: &[Event], errors: &mut Vec<Error>) {
    let mut files: HashMap<&Path, Vec<&str>> = HashMap::new();
    for event in events {
        for path in files_of(event) {
            files.entry(path).or_default().push(&event.slug);
        }
    }
    for event in events {
        for (file, body_line, links) in texts(event) {
            for link in links {
                let problem = match &link.kind {
                    LinkKind::Event => problem(event, link, &files),
                    LinkKind::Invalid(why) => Some(format!("not a valid URL ({why})")),
                    LinkKind::File | LinkKind::Rooted => None,
                };
                if let Some(problem) = problem {
                    let written = written(link);
                    let at = position(file, body_line, link);
                    errors.push(Error::content(
                        at,
                        format!("link to {written:?}: {problem}"),
                    ));
                }
            }
        }
    }
}

/// A link as written, fragment included.
fn written(link: &FileLink) -> String {
    match &link.fragment {
        Some(fragment) => format!("{}#{fragment}", link.path),
        None => link.path.clone(),
    }
}

/// What is wrong with a link to an event file, if anything.
fn problem(event: &Event, link: &FileLink, files: &HashMap<&Path, Vec<&str>>) -> Option<String> {
    let target = resolve_link(event.dir(), &link.path);
    let Some(slugs) = files.get(target.as_path()) else {
        let known = files.keys().map(|path| path.to_path_buf());
        let hint = suggest(&target, known)
            .map(|near| format!("; did you mean {:?}?", relative(event.dir(), &near)))
            .unwrap_or_default();
        return Some(format!("no such event file{hint}"));
    };
    if slugs.len() < 2 {
        return None;
    }
    let listed = || {
        let shown: Vec<String> = slugs.iter().take(5).map(|s| format!("#{s}")).collect();
        let more = if slugs.len() > 5 { ", ..." } else { "" };
        format!("{}{more}", shown.join(", "))
    };
    match link.fragment.as_deref() {
        None => Some(format!(
            "the file holds {} events: add #slug to say which ({})",
            slugs.len(),
            listed()
        )),
        Some(fragment) if slugs.contains(&fragment) => None,
        Some(fragment) => {
            let near = slugs
                .iter()
                .map(|slug| (strsim::normalized_damerau_levenshtein(fragment, slug), slug))
                .filter(|(score, _)| *score >= 0.6)
                .max_by(|a, b| a.0.total_cmp(&b.0));
            let hint = match near {
                Some((_, slug)) => format!("did you mean \"#{slug}\"?"),
                None => format!("its events are {}", listed()),
            };
            Some(format!(
                "the file holds no event with the slug {fragment:?}; {hint}"
            ))
        }
    }
}

/// The path among `known` whose file name is closest to `target`'s, if
/// one is close enough to be a likely typo; the same folder wins a tie.
pub(super) fn suggest(target: &Path, known: impl Iterator<Item = PathBuf>) -> Option<PathBuf> {
    let name = |path: &Path| {
        path.file_name()
            .map(|name| name.to_string_lossy().to_lowercase())
            .unwrap_or_default()
    };
    let wanted = name(target);
    known
        .map(|path| {
            let score = strsim::normalized_damerau_levenshtein(&wanted, &name(&path));
            let near = path.parent() == target.parent();
            (score, near, path)
        })
        .filter(|(score, _, path)| *score >= 0.7 && path != target)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(b.2.cmp(&a.2)))
        .map(|(_, _, path)| path)
}

/// `to` as a path relative to the folder `from`, `/`-separated.
pub(super) fn relative(from: &Path, to: &Path) -> String {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let up = std::iter::repeat_n("..".to_string(), from.len() - common);
    let down = to[common..]
        .iter()
        .map(|part| part.as_os_str().to_string_lossy().into_owned());
    up.chain(down).collect::<Vec<_>>().join("/")
}

impl Chronology {
    /// The published event a body link of `event` names by its file
    /// (`link` without fragment), when that file holds one event.
    pub fn linked(&self, event: &Event, link: &str) -> Option<usize> {
        match self
            .by_path
            .events
            .get(&resolve_link(event.dir(), link))?
            .as_slice()
        {
            [index] => Some(*index),
            _ => None,
        }
    }

    /// The event a link names, and the anchor left on its page.
    fn target<'a>(
        &self,
        event: &Event,
        path: &str,
        fragment: Option<&'a str>,
    ) -> Option<(usize, Option<&'a str>)> {
        let file = resolve_link(event.dir(), path);
        let indices = self.by_path.events.get(&file)?;
        if !self.by_path.lists.contains(&file) {
            return indices.first().map(|index| (*index, fragment));
        }
        let slug = fragment?;
        let index = indices.iter().find(|&&i| self.events[i].slug == slug)?;
        Some((*index, None))
    }

    /// Where a link or image of `event`'s body, written `dest`, goes.
    pub fn href(&self, event: &Event, dest: &str) -> Href {
        match classify(dest) {
            Dest::Here => Href::Written(encode_rest(dest).into_owned()),
            Dest::External(url) => Href::Written(url.into_owned()),
            Dest::Unsafe | Dest::Invalid(_) => Href::Drop,
            Dest::Event { path, fragment } => match self.target(event, path, fragment) {
                Some((index, anchor)) => {
                    let anchor = anchor.map_or(String::new(), |a| {
                        encode_rest(&format!("#{a}")).into_owned()
                    });
                    let target = &self.events[index];
                    let path = format!("{}{anchor}", target.page_path());
                    // An edition without the event's translation links
                    // to the default edition's page.
                    match target.shown_in {
                        Some(_) => Href::Root(path),
                        None => Href::Page(path),
                    }
                }
                None => Href::Drop,
            },
            Dest::File { path, rest } => match self.files.file(event.dir(), path) {
                Some(url) => Href::Root(format!("{url}{}", encode_rest(rest))),
                None => Href::Written(encode_rest(dest).into_owned()),
            },
            Dest::Rooted { path, rest } => match self.files.rooted(path) {
                Some(Href::Page(url)) => Href::Page(format!("{url}{}", encode_rest(rest))),
                Some(Href::Root(url)) => Href::Root(format!("{url}{}", encode_rest(rest))),
                _ => Href::Written(encode_rest(dest).into_owned()),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_climb_and_descend() {
        let from = Path::new("content/events");
        assert_eq!(relative(from, Path::new("content/events/a.md")), "a.md");
        assert_eq!(
            relative(from, Path::new("content/scans/b.pdf")),
            "../scans/b.pdf"
        );
        assert_eq!(
            relative(Path::new("events"), Path::new("tags/x.html")),
            "../tags/x.html"
        );
    }

    #[test]
    fn suggestions_are_near_names_only() {
        let known = || {
            [
                "content/e/1952-ruptura.md",
                "content/e/1976-visit.md",
                "content/f/1952-rupture.md",
            ]
            .into_iter()
            .map(PathBuf::from)
        };
        assert_eq!(
            suggest(Path::new("content/e/1952-rupture.md"), known()),
            Some(PathBuf::from("content/f/1952-rupture.md"))
        );
        assert_eq!(
            suggest(Path::new("content/e/1952-Ruptura.MD"), known()),
            Some(PathBuf::from("content/e/1952-ruptura.md"))
        );
        assert_eq!(suggest(Path::new("content/e/treaty.md"), known()), None);
    }
}
