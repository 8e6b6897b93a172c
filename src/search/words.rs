//! The inverted index: every word of the events' titles, names (place, tags
//! and actors) and texts (summary and body), with the events it occurs in,
//! field by field, so that the search can rank every match from the index
//! alone.
//!
//! Words are folded as `search.js` folds what the reader types: split at
//! whatever is neither a letter, a digit nor a combining accent, then
//! decomposed (NFD), stripped of combining accents (U+0300–U+036F) and
//! lowercased, so that `Córdoba` is found by `cordoba`. The folded word is
//! the key that the index is sorted and split by; the lowercase word as
//! written is kept beside it, to show the reader which word of the text
//! matched.
//!
//! An event is listed once per key, under its best field: a word of its
//! title is not listed again under its names or text. Text words shorter
//! than two characters are left out, and so, in chronologies of at least
//! [`COMMON_FLOOR`] events, are text words in more than three events out of
//! five, which cannot tell events apart; titles and names keep every word.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization;

use crate::event::Event;
use crate::markdown;

/// Chronologies smaller than this keep every word.
const COMMON_FLOOR: usize = 50;

/// How many events one parallel task indexes.
const CHUNK: usize = 512;

/// Where in an event a word occurs, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Field {
    /// The title.
    Title = 0,
    /// The place, tags and actors.
    Names = 1,
    /// The summary and the body.
    Text = 2,
}

/// Posting lists by field: ascending event positions.
pub(crate) type Lists = [Vec<u32>; 3];

/// One word as written (lowercase) and the events it occurs in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    /// The folded word, which search terms are matched against.
    pub(crate) key: String,
    /// The lowercase word as written.
    pub(crate) form: String,
    /// Its events, by [`Field`].
    pub(crate) lists: Lists,
}

/// A word as `search.js` folds it: accents stripped, lowercase.
pub(crate) fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let stripped: String = word.nfd().filter(|&c| !is_accent(c)).collect();
    stripped.to_lowercase()
}

/// Whether `c` is a combining accent, which folding strips.
fn is_accent(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// Orders keys as JavaScript compares strings: by UTF-16 code units.
pub(crate) fn compare_keys(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// The words of a text, as (key, lowercase form) pairs, in order.
pub(crate) fn pairs(text: &str) -> impl Iterator<Item = (String, String)> + '_ {
    text.split(|c: char| !c.is_alphanumeric() && !is_accent(c))
        .filter(|word| !word.is_empty())
        .flat_map(|word| {
            let key = fold(word);
            let form = if word.is_ascii() {
                key.clone()
            } else {
                word.to_lowercase()
            };
            let keys: Vec<String> = if key.chars().all(char::is_alphanumeric) {
                vec![key]
            } else {
                key.split(|c: char| !c.is_alphanumeric())
                    .filter(|piece| !piece.is_empty())
                    .map(str::to_string)
                    .collect()
            };
            keys.into_iter().map(move |key| (key, form.clone()))
        })
}

/// An event's words: (field, key, form), each key under its best field only.
fn event_words(event: &Event, names: &str) -> Vec<(Field, String, String)> {
    let text = format!("{} {}", event.summary, markdown::plain_text(&event.body));
    let fields = [
        (Field::Title, event.title.as_str(), 1),
        (Field::Names, names, 1),
        (Field::Text, text.as_str(), 2),
    ];
    let mut claimed: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    for (field, text, shortest) in fields {
        let mut here = Vec::new();
        for (key, form) in pairs(text) {
            if key.chars().nth(shortest - 1).is_some() && !claimed.contains(&key) {
                here.push((field, key, form));
            }
        }
        claimed.extend(here.iter().map(|(_, key, _)| key.clone()));
        out.extend(here);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The inverted index of `events`, sorted by key (as [`compare_keys`]) and
/// then by form; `names` holds each event's place, tag and actor names.
pub(crate) fn index(events: &[Event], names: &[String]) -> Vec<Word> {
    let chunks: Vec<HashMap<(String, String), Lists>> = events
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(chunk, events)| {
            let mut local: HashMap<(String, String), Lists> = HashMap::new();
            for (offset, event) in events.iter().enumerate() {
                let id = chunk * CHUNK + offset;
                for (field, key, form) in event_words(event, &names[id]) {
                    local.entry((key, form)).or_default()[field as usize].push(id as u32);
                }
            }
            local
        })
        .collect();
    // Chunks in order, so that every list stays ascending.
    let mut all: HashMap<(String, String), Lists> = HashMap::new();
    for local in chunks {
        for (pair, lists) in local {
            let into = all.entry(pair).or_default();
            for (into, list) in into.iter_mut().zip(lists) {
                into.extend(list);
            }
        }
    }
    let common = (events.len() >= COMMON_FLOOR).then_some(events.len() * 3 / 5);
    let mut words: Vec<Word> = all
        .into_iter()
        .filter_map(|((key, form), mut lists)| {
            if common.is_some_and(|limit| lists[Field::Text as usize].len() > limit) {
                lists[Field::Text as usize] = Vec::new();
            }
            let empty = lists.iter().all(Vec::is_empty);
            (!empty).then_some(Word { key, form, lists })
        })
        .collect();
    words.par_sort_unstable_by(|a, b| {
        compare_keys(&a.key, &b.key).then_with(|| a.form.cmp(&b.form))
    });
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_strips_accents_and_case_as_search_js_does() {
        assert_eq!(fold("Córdoba"), "cordoba");
        assert_eq!(fold("ÉLYSÉE"), "elysee");
        assert_eq!(fold("Майор"), "маиор", "й is и and a breve");
        assert_eq!(fold("Straße"), "straße");
    }

    #[test]
    fn pairs_keep_the_written_form_beside_the_key() {
        let found: Vec<(String, String)> =
            pairs("Putin y Maduro — «Договор», 2025! Córdoba").collect();
        let expected = [
            ("putin", "putin"),
            ("y", "y"),
            ("maduro", "maduro"),
            ("договор", "договор"),
            ("2025", "2025"),
            ("cordoba", "córdoba"),
        ];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(k, f)| (k.to_string(), f.to_string()))
            .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn a_decomposed_accent_stays_inside_its_word() {
        let found: Vec<(String, String)> = pairs("cafe\u{301} noir").collect();
        assert_eq!(found[0], ("cafe".into(), "cafe\u{301}".into()));
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn keys_sort_as_javascript_strings() {
        let mut keys = vec!["\u{ff41}", "\u{1f600}", "b", "a"];
        keys.sort_by(|a, b| compare_keys(a, b));
        assert_eq!(
            keys,
            ["a", "b", "\u{1f600}", "\u{ff41}"],
            "a surrogate pair sorts below U+FF41"
        );
    }
}
