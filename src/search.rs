//! The search index of the index page, split so that a search downloads
//! only the part it needs: at 100 000 events the whole index is tens of
//! megabytes, the first search a few hundred kilobytes.
//!
//! Every file is a script, not JSON, because browsers block `fetch()` of
//! files opened from disk while `<script src>` still works (mdBook does the
//! same). `search-index.js`, loaded with the page, is a small manifest that
//! assigns one object to `window.annalsSearch`:
//!
//! ```text
//! { "v": 3, "stamp": "…", "events": 10000,
//!   "tags":   [[slug, name], …],   "actors": [[slug, name], …],
//!   "eras":   [[slug, name], …],
//!   "words":  [[first key, last key], …],   one per word shard
//!   "records": [16, 256],                   events per block of records
//!   "groups": [count, …],                   groups per group shard
//!   "stem": true,                           when search/stem.js is there
//!   "original": "../" }                     in a secondary edition: the
//!                                           default edition's folder
//! ```
//!
//! The rest is in `search/`, one script per shard, each calling
//! `annalsShard(name, data)` (a function `search.js` defines), which
//! `search.js` loads by adding a `<script>` element, with the manifest's
//! `stamp` (a hash of every shard) as the query string, so that a new
//! manifest never gets an older build's shards from the browser's cache:
//!
//! - `w<k>.js`, the word shards: the inverted index (`search/words.rs`),
//!   sorted by folded word and split into files of about 64 KB; shard `k`
//!   holds the keys from `words[k][0]` to `words[k][1]`, so a term's
//!   prefix tells which shards to load. Each entry is
//!   `[key, title, names, text, form]`: the folded word, its posting lists
//!   in titles, in names (place, tags, actors) and in texts (summary and
//!   body), and the lowercase word as written, left out when it is the key
//!   (as are empty lists at the end). An event is in one list per key, its
//!   best, so the rank of every match comes from the postings alone.
//!   In an edition whose language has a stemmer, the word families are
//!   entries too, `[stem, title, names, text, 0]`, sorted among the words
//!   by their folded stem (`search/stem.rs`).
//! - `e16-<k>.js` and `e256-<k>.js`: the records of events `16k…` and
//!   `256k…` (`search/events.rs`), each `[slug, title, when, place, [tag]]`,
//!   loaded only for the results shown; an event the edition does not
//!   translate adds its language, `[slug, title, when, place, [tag], "en"]`,
//!   and its result links to the page under `original`.
//! - `g<k>.js`: posting lists of groups, numbered tags first, then actors,
//!   then eras; shard `k` holds `groups[k]` of them. Loaded when a filter
//!   box is ticked.
//! - `years.js`: `{from, to}`, the events' years for the year filter, as
//!   number streams (`search/events.rs`). Loaded when a year is typed.
//! - `stem.js`: the edition's Snowball stemmer, which hands a function
//!   (`search/stem.rs`). Loaded with the first query's word shards.
//!
//! Events are in chronological order and referred to by position; tags,
//! actors and eras by position in the manifest's lists; years are
//! astronomical (1 BCE is 0). Posting lists and numbers are compact ASCII
//! text (`search/encode.rs`). Every file is a pure function of the
//! chronology: the same input gives the same bytes, whatever the number of
//! threads.

mod encode;
mod events;
mod stem;
mod terms;
mod words;

use std::hash::{DefaultHasher, Hasher};
use std::ops::Range;
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;
use serde::Serialize;

use crate::chronology::{Chronology, Group};
use crate::config::Config;
use crate::date::Locale;
use crate::error::Result;
use crate::output::Sink;
use crate::page::ContentPage;
use crate::page_path::PagePath;
use encode::postings;
use events::Memberships;
use stem::{Language, Stems};
use words::{Kind, Word};

pub use terms::Terms;

/// The format version, bumped when the layout changes.
const VERSION: u32 = 3;

/// About how large a word or group shard grows, in bytes.
const SHARD_BYTES: usize = 64 * 1024;

/// The manifest's file name.
pub const MANIFEST: &str = "search-index.js";

/// The folder of the shards, beside the manifest.
pub const FOLDER: &str = "search";

/// What an edition's index needs to know of its language and place.
struct Edition<'a> {
    locale: Locale,
    language: Option<Language>,
    original: Option<&'a str>,
}

/// The manifest (see the module documentation).
#[derive(Serialize)]
struct Manifest<'a> {
    v: u32,
    stamp: String,
    events: usize,
    tags: Vec<(&'a str, &'a str)>,
    actors: Vec<(&'a str, &'a str)>,
    eras: Vec<(&'a str, &'a str)>,
    words: Vec<(&'a str, &'a str)>,
    records: [usize; 2],
    groups: Vec<usize>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    stem: bool,
    /// The default edition's folder from the index, for the events shown
    /// from it; only in another edition.
    #[serde(skip_serializing_if = "Option::is_none")]
    original: Option<&'a str>,
}

/// An edition's [`Terms`] between builds: those [`write`] is to make its
/// index from, when an edit's patch of the previous build's is ready, and,
/// once it is written, those it was made from, as bytes
/// ([`Terms::to_bytes`]): a fraction of their size in memory.
#[derive(Debug, Default)]
pub struct Slot {
    given: Mutex<Option<Terms>>,
    made: Mutex<Option<Vec<u8>>>,
}

impl Slot {
    /// Leaves `terms` in the slot, for [`write`] to make the index from.
    pub fn put(&self, terms: Terms) {
        *self.given.lock().unwrap_or_else(PoisonError::into_inner) = Some(terms);
    }

    /// Takes out the terms the index was made from, as bytes.
    pub fn take(&self) -> Option<Vec<u8>> {
        self.made
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }

    fn take_given(&self) -> Option<Terms> {
        self.given
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }

    fn keep(&self, terms: &Terms) {
        *self.made.lock().unwrap_or_else(PoisonError::into_inner) = terms.to_bytes();
    }
}

/// Writes the search index of `chronology` into `sink`: the shards as they
/// are made, then the manifest, which ends with the `pages` that are not
/// events (see [`pages_script`]). `original` is the relative link from the
/// index to the default edition's folder, in another edition: where the
/// pages of the events it has no translation of are. The index is made
/// from the terms in `terms` when there are some, and leaves there those
/// it was made from.
pub fn write(
    chronology: &Chronology,
    pages: &[ContentPage],
    config: &Config,
    original: Option<&str>,
    terms: &Slot,
    sink: &dyn Sink,
) -> Result<()> {
    let language = Language::of(&config.language);
    let edition = Edition {
        locale: config.locale(),
        language,
        original,
    };
    let mut manifest = build(chronology, &edition, terms, &mut |name, text| {
        sink.put(&format!("{FOLDER}/{name}.js"), text.as_bytes())
    })?;
    manifest.push_str(&pages_script(pages));
    sink.put(MANIFEST, manifest.as_bytes())
}

/// The pages that are not events, whole: `window.annalsPages=[[href,
/// title, text], …]`, searched in the browser as they are (a site has few,
/// and short); none when there are none.
fn pages_script(pages: &[ContentPage]) -> String {
    if pages.is_empty() {
        return String::new();
    }
    let entries: Vec<(String, &str, &str)> = pages
        .iter()
        .map(|page| {
            let href = PagePath::Content(page.slug.as_str().into()).to_string();
            (href, page.text.title.as_str(), page.text.body.as_str())
        })
        .collect();
    let json = serde_json::to_string(&entries).unwrap_or_default();
    format!("window.annalsPages={};\n", json.replace('<', "\\u003c"))
}

/// Hands each shard to `emit` (its name and text) as soon as it is made, so
/// that a large index is never whole in memory; returns the manifest.
fn build(
    chronology: &Chronology,
    edition: &Edition<'_>,
    slot: &Slot,
    emit: &mut dyn FnMut(String, String) -> Result<()>,
) -> Result<String> {
    let (locale, language) = (edition.locale, edition.language);
    let members = Memberships::of(chronology);
    let mut stamp = DefaultHasher::new();
    let mut put = |name: String, text: String| {
        stamp.write(name.as_bytes());
        stamp.write_u8(0);
        stamp.write(text.as_bytes());
        emit(name, text)
    };
    let word_ranges = {
        let names = events::names(chronology, &members);
        let stems = language.map(Stems::new);
        let terms = match slot.take_given() {
            Some(terms) => terms,
            None => Terms::of(chronology, &names)?,
        };
        drop(names);
        let count = chronology.events.len();
        let words = words::words(terms.postings(), stems.as_ref(), count);
        slot.keep(&terms);
        drop(terms);
        let (ranges, shards) = word_shards(&words, SHARD_BYTES);
        for (name, text) in shards {
            put(name, text)?;
        }
        let key = |at: usize| words[at].key.clone();
        let keys: Vec<(String, String)> = ranges
            .iter()
            .map(|range| (key(range.start), key(range.end - 1)))
            .collect();
        keys
    };
    events::records(chronology, &members, locale, &mut put)?;
    let (groups, sizes) = group_shards(chronology);
    for (name, text) in groups {
        put(name, text)?;
    }
    let years = serde_json::to_string(&events::years(&chronology.events)).unwrap_or_default();
    put("years".into(), script("years", &years))?;
    if let Some(language) = language {
        put("stem".into(), stem::script(language))?;
    }
    let manifest = Manifest {
        v: VERSION,
        stamp: format!("{:016x}", stamp.finish()),
        events: chronology.events.len(),
        tags: names_of(&chronology.tags),
        actors: names_of(&chronology.actors),
        eras: chronology
            .eras
            .iter()
            .map(|group| (group.era.slug.as_str(), group.era.name.as_str()))
            .collect(),
        words: word_ranges
            .iter()
            .map(|(first, last)| (first.as_str(), last.as_str()))
            .collect(),
        records: [events::SMALL, events::LARGE],
        groups: sizes,
        stem: language.is_some(),
        original: edition.original,
    };
    let json = serde_json::to_string(&manifest).unwrap_or_default();
    Ok(format!("window.annalsSearch={json};\n"))
}

fn names_of(groups: &[Group]) -> Vec<(&str, &str)> {
    groups
        .iter()
        .map(|group| (group.slug.as_str(), group.name.as_str()))
        .collect()
}

/// The word shards of about `target` bytes: which words each holds, and
/// each one's name and text.
fn word_shards(words: &[Word], target: usize) -> (Vec<Range<usize>>, Vec<(String, String)>) {
    let items: Vec<String> = words.par_iter().map(word_entry).collect();
    let ranges = runs(&items, target);
    let shards = ranges
        .par_iter()
        .enumerate()
        .map(|(k, range)| {
            let name = format!("w{k}");
            let text = script(&name, &array(&items[range.clone()]));
            (name, text)
        })
        .collect();
    (ranges, shards)
}

/// One word's entry: `[key, title, names, text, form]`, shortened, or a
/// family's: `[key, title, names, text, 0]`.
fn word_entry(word: &Word) -> String {
    let lists = word.lists.each_ref().map(|list| postings(list));
    if word.kind == Kind::Stem {
        let [title, names, text] = &lists;
        return serde_json::to_string(&(&word.key, title, names, text, 0)).unwrap_or_default();
    }
    let mut fields: Vec<&str> = lists.iter().map(String::as_str).collect();
    fields.insert(0, &word.key);
    if word.form == word.key {
        while fields.len() > 2 && fields.last() == Some(&"") {
            fields.pop();
        }
    } else {
        fields.push(&word.form);
    }
    serde_json::to_string(&fields).unwrap_or_default()
}

/// The group shards, and how many groups each holds.
fn group_shards(chronology: &Chronology) -> (Vec<(String, String)>, Vec<usize>) {
    let items = events::groups(chronology);
    let ranges = runs(&items, SHARD_BYTES);
    let sizes = ranges.iter().map(ExactSizeIterator::len).collect();
    let shards = ranges
        .into_iter()
        .enumerate()
        .map(|(k, range)| {
            let name = format!("g{k}");
            let text = script(&name, &array(&items[range]));
            (name, text)
        })
        .collect();
    (shards, sizes)
}

/// Splits `items` into consecutive runs of about `target` bytes at most
/// (an item longer than that is a run of its own).
fn runs(items: &[String], target: usize) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, item) in items.iter().enumerate() {
        if i > start && size + item.len() > target {
            ranges.push(start..i);
            (start, size) = (i, 0);
        }
        size += item.len() + 1;
    }
    if start < items.len() {
        ranges.push(start..items.len());
    }
    ranges
}

/// JSON items as a JSON array.
fn array(items: &[String]) -> String {
    let mut out = String::with_capacity(items.iter().map(|i| i.len() + 1).sum::<usize>() + 2);
    out.push('[');
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push_str(item);
    }
    out.push(']');
    out
}

/// A shard's script: it hands its data to `search.js`.
fn script(name: &str, json: &str) -> String {
    format!("annalsShard(\"{name}\",{json});\n")
}

#[cfg(test)]
mod tests;
