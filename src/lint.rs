//! Warnings `annals check` gives about content that builds but is likely
//! wrong: what an editor would want a careful reviewer to point out.
//!
//! Each rule is a function over the published events; `--strict` turns the
//! warnings into errors.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use crate::chronology::body_position;
use crate::error::Position;
use crate::event::Event;
use crate::markdown;

mod actors;
mod sources;

/// A likely mistake, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Where it is.
    pub at: Position,
    /// What looks wrong.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// Every warning about these events, in file order; `actors` are the
/// declared ones, if any.
pub fn events(events: &[Event], actors: &crate::actor::Actors) -> Vec<Warning> {
    let mut warnings = actors::undeclared(events, actors);
    warnings.extend(missing_sources(events));
    warnings.extend(untitled_sources(events));
    warnings.extend(duplicate_titles(events));
    warnings.extend(lone_spellings(events, "tag", |event| &event.tags));
    warnings.extend(lone_spellings(events, "actor", |event| &event.actors));
    warnings.extend(images_without_alt(events));
    warnings.extend(sources::warnings(events));
    warnings.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.message.cmp(&b.message)));
    warnings
}

fn warn(at: &Position, message: String) -> Warning {
    Warning {
        at: at.clone(),
        message,
    }
}

/// An event nobody can verify.
fn missing_sources(events: &[Event]) -> impl Iterator<Item = Warning> + '_ {
    events
        .iter()
        .filter(|event| event.sources.is_empty())
        .map(|event| {
            let message = format!("{:?} has no sources: add `sources:`", event.title);
            warn(&event.spans.origin, message)
        })
}

/// A source shown as a bare URL.
fn untitled_sources(events: &[Event]) -> impl Iterator<Item = Warning> + '_ {
    events.iter().flat_map(|event| {
        event
            .sources
            .iter()
            .enumerate()
            .filter(|(_, source)| source.title.is_none())
            .map(move |(index, source)| {
                let url = source.url.as_deref().unwrap_or_default();
                let message = format!(
                    "source {} of {:?} ({url}) has no title: write it as {{title, url}}",
                    index + 1,
                    event.title
                );
                warn(&event.spans.origin, message)
            })
    })
}

/// Two events with one title on one date: probably one event twice.
fn duplicate_titles(events: &[Event]) -> Vec<Warning> {
    let mut seen: HashMap<(String, String), &Event> = HashMap::new();
    let mut warnings = Vec::new();
    for event in events {
        let key = (event.when.date.to_string(), event.title.to_lowercase());
        if let Some(first) = seen.get(&key) {
            let message = format!(
                "{:?} on {} is also the title of {}: the same event twice?",
                event.title,
                event.when.date.plain(),
                first.spans.origin
            );
            warnings.push(warn(&event.spans.origin, message));
        } else {
            seen.insert(key, event);
        }
    }
    warnings
}

/// A raw `<img>` without `alt`: published with `alt=""`, which tells a
/// screen reader to skip it, as if it were decoration.
fn images_without_alt(events: &[Event]) -> Vec<Warning> {
    let mut warnings = Vec::new();
    for event in events {
        let own = event.body.text().ok().map(|body| {
            let at = (&event.spans.origin.path, event.spans.body_line);
            (at, markdown::scan(&body).bare_images)
        });
        let translated = event.translations.values().map(|t| {
            let at = (&t.origin.path, t.body_line);
            (at, markdown::scan(&t.body).bare_images)
        });
        for ((path, body_line), images) in own.into_iter().chain(translated) {
            for image in images {
                let at = body_position(path, body_line, image.line, image.column);
                let message = format!(
                    "<img src={:?}> has no alt text, so it is published with alt=\"\" (skipped by screen readers, as decoration is): describe the image in alt=\"…\" unless it is decoration",
                    image.src
                );
                warnings.push(warn(&at, message));
            }
        }
    }
    warnings
}

/// A name used once that differs from another only by case or accents
/// ("venezuela" beside "Venezuela"): likely a typo.
fn lone_spellings<'a>(
    events: &'a [Event],
    what: &str,
    names: impl Fn(&'a Event) -> &'a [String],
) -> Vec<Warning> {
    let mut spellings: BTreeMap<String, BTreeMap<&str, Vec<&Event>>> = BTreeMap::new();
    for event in events {
        for name in names(event) {
            let folded = deunicode::deunicode(name).to_lowercase();
            let users = spellings.entry(folded).or_default();
            users.entry(name.as_str()).or_default().push(event);
        }
    }
    let mut warnings = Vec::new();
    for variants in spellings.values().filter(|variants| variants.len() > 1) {
        let Some((common, users)) = variants.iter().max_by_key(|(_, users)| users.len()) else {
            continue;
        };
        for (name, lone) in variants
            .iter()
            .filter(|(name, users)| users.len() == 1 && name != &common)
        {
            let used = crate::i18n::plural("{n} time|{n} times", users.len());
            let message = format!(
                "{what} {name:?} is used only here; {common:?} (used {used}) differs only by case or accents"
            );
            warnings.push(warn(&lone[0].spans.origin, message));
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::parse_file;
    use crate::load::{Format, SourceFile};

    /// The events of a YAML file `content/x.yaml` holding `yaml`.
    pub(super) fn events(yaml: &str) -> Vec<Event> {
        let file = SourceFile {
            path: "content/x.yaml".into(),
            text: yaml.to_string(),
            format: Format::Yaml,
        };
        parse_file(&file).unwrap()
    }

    /// The warnings as `annals check` prints them.
    pub(super) fn messages(warnings: impl IntoIterator<Item = Warning>) -> Vec<String> {
        warnings.into_iter().map(|w| w.to_string()).collect()
    }

    const SOURCED: &str = "sources: [{title: T, url: \"https://x.org/\"}]";

    #[test]
    fn events_without_sources_are_reported() {
        let found = events(&format!(
            "- {{title: A, date: 1945}}\n- {{title: B, date: 1946, {SOURCED}}}\n"
        ));
        assert_eq!(
            messages(missing_sources(&found)),
            ["content/x.yaml:1: \"A\" has no sources: add `sources:`"]
        );
    }

    #[test]
    fn sources_without_a_title_are_reported() {
        let found = events("- {title: A, date: 1945, sources: [\"https://x.org/\"]}\n");
        assert_eq!(
            messages(untitled_sources(&found)),
            [
                "content/x.yaml:1: source 1 of \"A\" (https://x.org/) has no title: write it as {title, url}"
            ]
        );
    }

    #[test]
    fn duplicate_titles_on_one_date_are_reported() {
        let found = events(
            "- {title: Treaty, date: 1945}\n- {title: treaty, date: 1945, slug: other}\n- {title: Treaty, date: 1946}\n",
        );
        assert_eq!(
            messages(duplicate_titles(&found)),
            [
                "content/x.yaml:2: \"treaty\" on 1945 is also the title of content/x.yaml:1: the same event twice?"
            ]
        );
    }

    #[test]
    fn lone_spellings_differing_by_case_or_accents_are_reported() {
        let found = events(
            "- {title: A, date: 1945, actors: [Venezuela, Nicolás Maduro]}\n\
             - {title: B, date: 1946, actors: [Venezuela, Nicolas Maduro]}\n\
             - {title: C, date: 1947, actors: [venezuela, Nicolas Maduro]}\n",
        );
        assert_eq!(
            messages(lone_spellings(&found, "actor", |e| &e.actors)),
            [
                "content/x.yaml:1: actor \"Nicolás Maduro\" is used only here; \"Nicolas Maduro\" (used 2 times) differs only by case or accents",
                "content/x.yaml:3: actor \"venezuela\" is used only here; \"Venezuela\" (used 2 times) differs only by case or accents",
            ]
        );
    }

    #[test]
    fn a_spelling_used_once_is_counted_in_the_singular() {
        let found = events(
            "- {title: A, date: 1945, actors: [Venezuela]}\n- {title: B, date: 1946, actors: [venezuela]}\n",
        );
        assert_eq!(
            messages(lone_spellings(&found, "actor", |e| &e.actors)),
            [
                "content/x.yaml:1: actor \"Venezuela\" is used only here; \"venezuela\" (used 1 time) differs only by case or accents"
            ]
        );
    }

    #[test]
    fn raw_images_without_alt_are_reported_where_they_are() {
        let file = SourceFile {
            path: "content/x.md".into(),
            text: "---\ntitle: A\ndate: 1945\n---\nThe seal:\n\n<p>\n  <img src=\"seal.svg\" width=\"60\">\n  <img src=\"b.svg\" alt=\"B\">\n</p>\n".into(),
            format: Format::Markdown,
        };
        let found = parse_file(&file).unwrap();
        assert_eq!(
            messages(images_without_alt(&found)),
            [
                "content/x.md:8:3: <img src=\"seal.svg\"> has no alt text, so it is published with alt=\"\" (skipped by screen readers, as decoration is): describe the image in alt=\"…\" unless it is decoration"
            ]
        );
    }
}
