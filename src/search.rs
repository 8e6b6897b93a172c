//! The search index: `search-index.js`, read by the index page's search.
//!
//! It is a script, not JSON, because browsers block `fetch()` of files
//! opened from disk while `<script src>` still works (mdBook does the same).
//! The script assigns one object to `window.annalsSearch`:
//!
//! ```text
//! { "v": 1,
//!   "tags":   [[slug, name], …],   "actors": [[slug, name], …],
//!   "eras":   [[slug, name], …],
//!   "events": [[slug, title, when, from, to, [tag], [actor], [era], place], …],
//!   "words":  [[word, postings], …] }
//! ```
//!
//! Events are in chronological order and referred to by position; `from`
//! and `to` are astronomical years (1 BCE is 0); tags, actors and eras are
//! positions in their lists. `words` is an inverted index of the summaries
//! and bodies, sorted by word, leaving out each event's title words (the
//! title is matched directly) and words so common they cannot tell events
//! apart. A posting list is the ascending event positions, as gaps, each
//! written in base 32 with the digits of [`DIGITS`]: the upper half of the
//! alphabet marks a digit that another follows, so common words cost one
//! character per event. Arrays rather than objects, and positions rather than
//! repeated names, keep the download small; a later version can split the
//! `events` and `words` of one year range into a file of their own.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use rayon::prelude::*;

use serde::Serialize;

use crate::chronology::{Chronology, Group};
use crate::date::{Locale, human_span_in};
use crate::error::Result;
use crate::event::Event;
use crate::markdown;
use crate::slug::slugify;

/// The format version, bumped when the layout changes.
const VERSION: u32 = 1;

/// Digits of the posting lists: 0–31 end a number, 32–63 continue it.
pub const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Chronologies smaller than this keep every word.
const COMMON_FLOOR: usize = 50;

/// The whole index.
#[derive(Serialize)]
struct Index<'a> {
    v: u32,
    tags: Vec<(&'a str, &'a str)>,
    actors: Vec<(&'a str, &'a str)>,
    eras: Vec<(&'a str, &'a str)>,
    events: Vec<Record<'a>>,
    words: Vec<(String, String)>,
}

/// One event: slug, title, when, from, to, tags, actors, eras, place.
#[derive(Serialize)]
struct Record<'a>(
    &'a str,
    &'a str,
    String,
    i32,
    i32,
    Vec<usize>,
    Vec<usize>,
    Vec<usize>,
    &'a str,
);

/// The text of `search-index.js` for a chronology.
pub fn script(chronology: &Chronology, locale: Locale) -> Result<String> {
    let mut eras_of = vec![Vec::new(); chronology.events.len()];
    for (era, group) in chronology.eras.iter().enumerate() {
        for &event in &group.events {
            eras_of[event].push(era);
        }
    }
    let index = Index {
        v: VERSION,
        tags: names(&chronology.tags),
        actors: names(&chronology.actors),
        eras: chronology
            .eras
            .iter()
            .map(|group| (group.era.slug.as_str(), group.era.name.as_str()))
            .collect(),
        events: chronology
            .events
            .iter()
            .zip(eras_of)
            .map(|(event, eras)| record(chronology, event, eras, locale))
            .collect(),
        words: words(&chronology.events)?,
    };
    let json = serde_json::to_string(&index).unwrap_or_default();
    Ok(format!("window.annalsSearch={json};\n"))
}

fn names(groups: &[Group]) -> Vec<(&str, &str)> {
    groups
        .iter()
        .map(|group| (group.slug.as_str(), group.name.as_str()))
        .collect()
}

fn record<'a>(
    chronology: &Chronology,
    event: &'a Event,
    eras: Vec<usize>,
    locale: Locale,
) -> Record<'a> {
    let end = event.end.unwrap_or(event.date);
    Record(
        &event.slug,
        &event.title,
        human_span_in(&event.date, event.end.as_ref(), event.circa, locale),
        event.date.astronomical_year(),
        end.astronomical_year(),
        positions(&chronology.tags, &event.tags),
        positions(&chronology.actors, &event.actors),
        eras,
        event.place.as_deref().unwrap_or(""),
    )
}

/// Where each name's group is, in order, once each.
fn positions(groups: &[Group], names: &[String]) -> Vec<usize> {
    let found: BTreeSet<usize> = names
        .iter()
        .filter_map(|name| {
            let slug = slugify(name);
            groups.binary_search_by(|g| g.slug.cmp(&slug)).ok()
        })
        .collect();
    found.into_iter().collect()
}

/// The inverted index of summaries and bodies.
fn words(events: &[Event]) -> Result<Vec<(String, String)>> {
    let owns: Vec<BTreeSet<String>> = events
        .par_iter()
        .map(|event| {
            let title: HashSet<String> = tokens(&event.title).collect();
            let body = markdown::plain_text(&event.body.text()?);
            let text = format!("{} {body}", event.summary);
            Ok(tokens(&text).filter(|w| !title.contains(w)).collect())
        })
        .collect::<Result<_>>()?;
    let mut postings: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (index, own) in owns.into_iter().enumerate() {
        for word in own {
            postings.entry(word).or_default().push(index);
        }
    }
    let common = (events.len() >= COMMON_FLOOR).then_some(events.len() * 3 / 5);
    Ok(postings
        .into_iter()
        .filter(|(_, ids)| common.is_none_or(|limit| ids.len() <= limit))
        .map(|(word, ids)| (word, encode(&ids)))
        .collect())
}

/// Lowercase words of two characters or more.
fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| word.chars().nth(1).is_some())
        .map(str::to_lowercase)
}

/// Ascending positions as base-32 gaps (see the module documentation).
fn encode(ids: &[usize]) -> String {
    let mut out = String::new();
    let mut previous = 0;
    for (n, &id) in ids.iter().enumerate() {
        let gap = if n == 0 { id } else { id - previous };
        previous = id;
        let mut digits = vec![gap % 32];
        let mut rest = gap / 32;
        while rest > 0 {
            digits.push(rest % 32);
            rest /= 32;
        }
        for (i, &digit) in digits.iter().enumerate().rev() {
            let continued = if i > 0 { 32 } else { 0 };
            out.push(DIGITS[digit + continued] as char);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The decoder `search.js` implements.
    fn decode(text: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let (mut value, mut previous) = (0, 0);
        for byte in text.bytes() {
            let digit = DIGITS.iter().position(|&d| d == byte).unwrap();
            value = value * 32 + digit % 32;
            if digit < 32 {
                previous = if out.is_empty() {
                    value
                } else {
                    previous + value
                };
                out.push(previous);
                value = 0;
            }
        }
        out
    }

    #[test]
    fn postings_round_trip_and_stay_short() {
        for ids in [vec![0], vec![0, 1, 2, 3], vec![5, 40, 1100, 40_000, 99_999]] {
            assert_eq!(decode(&encode(&ids)), ids);
        }
        assert_eq!(encode(&[0, 1, 2, 3]), "0111");
        assert_eq!(encode(&[31, 32]), "V1");
        assert_eq!(encode(&[32]), "X0", "32 is a continued 1, then 0");
    }

    #[test]
    fn tokens_are_lowercase_words_of_two_letters_or_more() {
        let words: Vec<String> = tokens("Putin y Maduro — «Договор», 2025!").collect();
        assert_eq!(words, ["putin", "maduro", "договор", "2025"]);
    }
}
