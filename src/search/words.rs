//! The inverted index: every word of the events' titles, names (place, tags
//! and actors) and texts (summary, body, and their sources' titles,
//! authors, publishers and locators), with the events it occurs in,
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
//!
//! `search.js` matches a term of two characters or more against every key
//! it begins, and a term of one character against that key only (`7` finds
//! "Ruler 7", not "1700"): one-character text words, left out, could not
//! match anyway, and the first keystroke of a query loads one shard rather
//! than every shard of its letter.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::HashMap;

use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization;

use super::stem::{self, Stems};
use crate::error::Result;
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

/// What an entry of the index stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    /// A word as written: the terms it begins find it.
    Form,
    /// A word family (`search/stem.rs`): found by the terms of its stem.
    Stem,
}

/// One word as written (lowercase), or one word family, and the events it
/// occurs in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    /// The folded word or stem, which search terms are matched against.
    pub(crate) key: String,
    /// The lowercase word as written; empty for a family.
    pub(crate) form: String,
    /// Its events, by [`Field`].
    pub(crate) lists: Lists,
    /// A word or a family.
    pub(crate) kind: Kind,
}

impl Word {
    /// Orders entries by key (as [`compare_keys`]), words before families,
    /// then by form.
    pub(crate) fn order(&self, other: &Word) -> Ordering {
        compare_keys(&self.key, &other.key)
            .then(self.kind.cmp(&other.kind))
            .then_with(|| self.form.cmp(&other.form))
    }
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

/// Calls `visit` with each word of a text, in order: its key and, when the
/// lowercase word as written differs from the key, that form. Most words
/// (lowercase ASCII) are borrowed from the text, not copied.
pub(crate) fn each_word<'a>(
    text: &'a str,
    mut visit: impl FnMut(Cow<'a, str>, Option<Cow<'a, str>>),
) {
    let words = text.split(|c: char| !c.is_alphanumeric() && !is_accent(c));
    for word in words.filter(|word| !word.is_empty()) {
        if word.is_ascii() {
            match word.bytes().any(|b| b.is_ascii_uppercase()) {
                true => visit(Cow::Owned(word.to_ascii_lowercase()), None),
                false => visit(Cow::Borrowed(word), None),
            }
            continue;
        }
        let (key, lower) = (fold(word), word.to_lowercase());
        let form = |piece: &str| (lower != piece).then(|| Cow::Owned(lower.clone()));
        if key.chars().all(char::is_alphanumeric) {
            visit(Cow::Owned(key.clone()), form(&key));
            continue;
        }
        // Decomposition left something that is not a letter or a digit:
        // search.js splits the query there too.
        for piece in key.split(|c: char| !c.is_alphanumeric()) {
            if !piece.is_empty() {
                visit(Cow::Owned(piece.to_string()), form(piece));
            }
        }
    }
}

/// An event's words by key: the best field the key occurs in, and the
/// forms it has there.
type EventWords<'a> = HashMap<Cow<'a, str>, (Field, Vec<Option<Cow<'a, str>>>)>;

/// The words of an event's title, names and text, each key under its best
/// field only.
fn event_words<'a>(title: &'a str, names: &'a str, text: &'a str) -> EventWords<'a> {
    let mut words = EventWords::new();
    for (field, text, shortest) in [
        (Field::Title, title, 1),
        (Field::Names, names, 1),
        (Field::Text, text, 2),
    ] {
        each_word(text, |key, form| {
            if key.chars().nth(shortest - 1).is_none() {
                return;
            }
            let (best, forms) = words.entry(key).or_insert_with(|| (field, Vec::new()));
            if *best == field && !forms.contains(&form) {
                forms.push(form);
            }
        });
    }
    words
}

/// Each key's forms (`None` for the key itself) and their postings.
pub(crate) type Postings = HashMap<String, Vec<(Option<String>, Lists)>>;

/// Adds an event's words to `postings`.
fn add(postings: &mut Postings, id: u32, words: EventWords<'_>) {
    for (key, (field, forms)) in words {
        if !postings.contains_key(key.as_ref()) {
            postings.insert(key.to_string(), Vec::new());
        }
        let Some(entry) = postings.get_mut(key.as_ref()) else {
            continue;
        };
        for form in forms {
            let form = form.map(Cow::into_owned);
            let lists = match entry.iter().position(|(f, _)| *f == form) {
                Some(at) => &mut entry[at].1,
                None => {
                    let at = entry.len();
                    entry.push((form, Lists::default()));
                    &mut entry[at].1
                }
            };
            lists[field as usize].push(id);
        }
    }
}

/// Adds the words of `event`, at position `id`, to `postings`; `names`
/// holds its place, tag and actor names.
pub(crate) fn add_event(
    postings: &mut Postings,
    id: u32,
    event: &Event,
    names: &str,
) -> Result<()> {
    let body = markdown::plain_text(&event.body.text()?);
    let sources = event.sources.iter().map(|source| source.search_text());
    let text = format!(
        "{} {body} {}",
        event.summary,
        sources.collect::<Vec<_>>().join(" ")
    );
    add(postings, id, event_words(&event.title, names, &text));
    Ok(())
}

/// Appends the postings of later events to those of earlier ones.
fn merge(into: &mut Postings, later: Postings) {
    for (key, forms) in later {
        let entry = into.entry(key).or_default();
        for (form, lists) in forms {
            match entry.iter_mut().find(|(f, _)| *f == form) {
                Some((_, into)) => into.iter_mut().zip(lists).for_each(|(a, b)| a.extend(b)),
                None => entry.push((form, lists)),
            }
        }
    }
}

/// The postings of every word of `events`; `names` holds each event's
/// place, tag and actor names.
pub(crate) fn postings(events: &[Event], names: &[String]) -> Result<Postings> {
    let chunks: Vec<Postings> = events
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(chunk, events)| {
            let mut postings = Postings::new();
            for (offset, event) in events.iter().enumerate() {
                let id = chunk * CHUNK + offset;
                add_event(&mut postings, id as u32, event, &names[id])?;
            }
            Ok(postings)
        })
        .collect::<Result<_>>()?;
    // Chunks in order, so that every list stays ascending.
    let mut all = Postings::new();
    for chunk in chunks {
        merge(&mut all, chunk);
    }
    Ok(all)
}

/// The inverted index of `events`, in [`Word::order`], with the word
/// families of `stems` when the language has a stemmer; `names` holds each
/// event's place, tag and actor names.
#[cfg(test)]
pub(crate) fn index(
    events: &[Event],
    names: &[String],
    stems: Option<&Stems>,
) -> Result<Vec<Word>> {
    Ok(words(&postings(events, names)?, stems, events.len()))
}

/// The inverted index of the `postings` of `count` events, in
/// [`Word::order`], with the word families of `stems` when the language
/// has a stemmer.
pub(crate) fn words(postings: &Postings, stems: Option<&Stems>, count: usize) -> Vec<Word> {
    let mut words: Vec<Word> = postings
        .iter()
        .flat_map(|(key, forms)| {
            forms.iter().map(move |(form, lists)| Word {
                key: key.clone(),
                form: form.clone().unwrap_or_else(|| key.clone()),
                lists: lists.clone(),
                kind: Kind::Form,
            })
        })
        .collect();
    if let Some(stems) = stems {
        let families = stem::families(&words, stems);
        words.extend(families);
    }
    let common = (count >= COMMON_FLOOR).then_some(count * 3 / 5);
    for word in &mut words {
        if common.is_some_and(|limit| word.lists[Field::Text as usize].len() > limit) {
            word.lists[Field::Text as usize] = Vec::new();
        }
    }
    // A family emptied as too common stays, or search.js would take the
    // words of its key for it.
    words.retain(|word| word.kind == Kind::Stem || word.lists.iter().any(|l| !l.is_empty()));
    words.par_sort_unstable_by(Word::order);
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text's words as (key, form) pairs.
    fn pairs(text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        each_word(text, |key, form| {
            let form = form.unwrap_or_else(|| key.clone()).into_owned();
            out.push((key.into_owned(), form));
        });
        out
    }

    #[test]
    fn folding_strips_accents_and_case_as_search_js_does() {
        assert_eq!(fold("Córdoba"), "cordoba");
        assert_eq!(fold("ÉLYSÉE"), "elysee");
        assert_eq!(fold("Майор"), "маиор", "й is и and a breve");
        assert_eq!(fold("Straße"), "straße");
    }

    #[test]
    fn pairs_keep_the_written_form_beside_the_key() {
        let found = pairs("Putin y Maduro — «Договор», 2025! Córdoba");
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
        let found = pairs("cafe\u{301} noir");
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
