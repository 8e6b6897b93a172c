//! `content/actors/<slug>.yaml` → [`Actor`]: strict parsing, then the
//! checks one file can make (dates in order, a Wikidata item), then those
//! that need every file (successors that exist, names used once).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Deserialize;

use super::name_or::{FromName, NameOr};
use super::{Actor, ActorText, Actors, Kind, Succession, Successor};
use crate::date::HistoricalDate;
use crate::error::{Error, Position, Result};
use crate::front_matter;
use crate::load::Text;
use crate::slug::slugify;

/// A declaration as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActor {
    name: String,
    short: Option<String>,
    #[serde(default, deserialize_with = "names")]
    aliases: Vec<String>,
    kind: Kind,
    from: Option<HistoricalDate>,
    until: Option<HistoricalDate>,
    #[serde(default)]
    succeeded_by: NameOr<RawSuccessor>,
    wikidata: Option<String>,
    #[serde(default)]
    translations: BTreeMap<String, ActorText>,
}

/// One of `succeeded_by:`, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSuccessor {
    name: String,
    #[serde(default, rename = "as")]
    succession: Succession,
}

impl FromName for RawSuccessor {
    fn from_name(name: String) -> Self {
        RawSuccessor {
            name,
            succession: Succession::default(),
        }
    }
}

fn names<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    front_matter::one_or_many(
        deserializer,
        "a list of names, such as [Soviet Union, СССР]",
    )
}

/// An actor parsed from one file, its successors still names.
struct Parsed<'a> {
    actor: Actor,
    successors: Vec<RawSuccessor>,
    file: &'a Text,
}

/// Parses every declaration, then checks them together.
pub(super) fn read(files: &[Text]) -> Result<Actors> {
    let mut parsed = Vec::new();
    let mut errors = Vec::new();
    for file in files {
        match parse(file) {
            Ok(actor) => parsed.push(actor),
            Err(error) => errors.push(error),
        }
    }
    Error::collect(errors)?;
    let list = link(parsed)?;
    Ok(Actors::new(list))
}

fn parse(file: &Text) -> Result<Parsed<'_>> {
    let path = file.path.as_path();
    let slug = file_slug(path)?;
    if file.text.trim().is_empty() {
        return Err(Error::content(
            Position::at(path, 1, 0),
            "the file is empty: declare the actor with at least `name:` and `kind:`",
        ));
    }
    let raw: RawActor = front_matter::parse(path, &file.text, 1)?;
    let at = |key: &str| Position::at(path, key_line(&file.text, key), 0);
    let mut errors = Vec::new();
    if raw.name.trim().is_empty() {
        errors.push(Error::content(at("name"), "the name is empty"));
    }
    if let (Some(from), Some(until)) = (raw.from, raw.until) {
        if until < from {
            let message = format!(
                "the actor ceases to exist ({}) before it begins ({})",
                until.plain(),
                from.plain()
            );
            errors.push(Error::content(at("until"), message));
        }
    }
    if let Some(item) = raw.wikidata.as_deref().filter(|item| !is_item(item)) {
        let message = format!(
            "wikidata: {item:?} is not a Wikidata item: write its Q number, such as Q15180"
        );
        errors.push(Error::content(value_at(file, "wikidata", item), message));
    }
    Error::collect(errors)?;
    let actor = Actor {
        slug,
        name: raw.name.trim().to_string(),
        short: raw
            .short
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        aliases: raw.aliases.iter().map(|a| a.trim().to_string()).collect(),
        kind: raw.kind,
        from: raw.from,
        until: raw.until,
        succeeded_by: Vec::new(),
        wikidata: raw.wikidata,
        translations: raw.translations,
        origin: Position::at(path, 1, 0),
    };
    Ok(Parsed {
        actor,
        successors: raw.succeeded_by.0,
        file,
    })
}

/// The file's name, which must be a slug: it is the page's.
fn file_slug(path: &Path) -> Result<String> {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let slug = slugify(&stem);
    if slug != stem || slug.is_empty() {
        let message = match slug.is_empty() {
            true => "the file name is the actor's page: give it letters or digits".to_string(),
            false => format!(
                "the file name is the actor's page and must be lowercase ASCII letters, digits and single hyphens: did you mean {slug}.yaml?"
            ),
        };
        return Err(Error::content(Position::file(path), message));
    }
    Ok(slug)
}

/// A Wikidata item: `Q` and a number.
fn is_item(item: &str) -> bool {
    item.strip_prefix('Q').is_some_and(|n| {
        !n.is_empty() && !n.starts_with('0') && n.bytes().all(|b| b.is_ascii_digit())
    })
}

/// Checks what needs every declaration: names used once, successors that
/// are declared; then resolves the successors to slugs.
fn link(parsed: Vec<Parsed<'_>>) -> Result<Vec<Actor>> {
    let mut errors = Vec::new();
    let mut owners: HashMap<String, &Parsed> = HashMap::new();
    for one in &parsed {
        for (key, name) in keyed_names(&one.actor) {
            match owners.get(&slugify(name)) {
                Some(first) if first.actor.slug != one.actor.slug => {
                    let message = format!(
                        "{key}: {name:?} already names the actor of {}: give each actor its own names",
                        first.file.path.display()
                    );
                    errors.push(Error::content(value_at(one.file, key, name), message));
                }
                _ => {
                    owners.insert(slugify(name), one);
                }
            }
        }
    }
    let mut actors = Vec::new();
    for one in &parsed {
        let mut actor = one.actor.clone();
        for next in &one.successors {
            match owners.get(&slugify(&next.name)) {
                Some(found) if found.actor.slug == actor.slug => errors.push(Error::content(
                    value_at(one.file, "succeeded_by", &next.name),
                    format!("succeeded_by: {:?} is this actor itself", next.name),
                )),
                Some(found) => actor.succeeded_by.push(Successor {
                    slug: found.actor.slug.clone(),
                    succession: next.succession,
                }),
                None => errors.push(Error::content(
                    value_at(one.file, "succeeded_by", &next.name),
                    unknown(&next.name, owners.values().flat_map(|p| p.actor.names())),
                )),
            }
        }
        actors.push(actor);
    }
    Error::collect(errors)?;
    Ok(actors)
}

fn keyed_names(actor: &Actor) -> impl Iterator<Item = (&'static str, &str)> {
    std::iter::once(("name", actor.name.as_str()))
        .chain(actor.short.as_deref().map(|short| ("short", short)))
        .chain(
            actor
                .aliases
                .iter()
                .map(|alias| ("aliases", alias.as_str())),
        )
}

/// "no actor is declared with the name", with the nearest name there is.
pub(crate) fn unknown<'a>(name: &str, known: impl Iterator<Item = &'a str>) -> String {
    match nearest(name, known) {
        Some(near) => format!(
            "succeeded_by: no actor is declared with the name {name:?}: did you mean `{near}`?"
        ),
        None => format!(
            "succeeded_by: no actor is declared with the name {name:?}: declare it in content/actors/"
        ),
    }
}

/// The known name nearest to `name`, when it is near enough to be a typo.
pub(crate) fn nearest<'a>(name: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let wanted = name.to_lowercase();
    let most = 1 + wanted.chars().count() / 4;
    known
        .map(|candidate| {
            let distance = strsim::levenshtein(&wanted, &candidate.to_lowercase());
            (distance, candidate)
        })
        .filter(|(distance, _)| *distance <= most)
        .min()
        .map(|(_, candidate)| candidate)
}

fn key_line(text: &str, key: &str) -> usize {
    front_matter::key_line(text, key, 1, usize::MAX).unwrap_or(1)
}

/// Where `value` is written under `key:`, else the key's line.
fn value_at(file: &Text, key: &str, value: &str) -> Position {
    match front_matter::value_at(&file.text, key, value, 1, usize::MAX) {
        Some((line, column)) => Position::at(&file.path, line, column),
        None => Position::at(&file.path, key_line(&file.text, key), 0),
    }
}
