//! The index as a whole: shards decode back to the postings they were made
//! from, the manifest's ranges find every word's shard, and the output does
//! not depend on the number of threads.

use std::path::Path;

use serde_json::Value;

use super::encode::tests::{decode_numbers, decode_postings};
use super::words::{self, Kind, Word, compare_keys};
use super::*;
use crate::chronology::Drafts;
use crate::config::Config;
use crate::{event, load, translation};

/// A chronology's search index, in memory: what [`write`] puts in a sink.
struct Index {
    /// The text of `search-index.js`.
    manifest: String,
    /// Each shard's file name in [`FOLDER`], without `.js`, and its text.
    shards: Vec<(String, String)>,
}

impl Index {
    fn new(chronology: &Chronology, locale: Locale, language: Option<Language>) -> Result<Index> {
        let mut shards = Vec::new();
        let edition = Edition {
            locale,
            language,
            original: None,
        };
        let manifest = build(chronology, &edition, &Slot::default(), &mut |name, text| {
            shards.push((name, text));
            Ok(())
        })?;
        Ok(Index { manifest, shards })
    }
}

/// The chronology of a fixture site of tests/fixtures.
fn fixture(name: &str) -> Chronology {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let sources = load::Sources::read(&root).unwrap();
    let config = Config::of(&sources).unwrap();
    let (files, _) = translation::partition(&sources.content, &root, &config).unwrap();
    let events = event::read_all(&root, &files).unwrap();
    Chronology::new(events, &config, Drafts::Exclude).unwrap()
}

/// A shard's data, as `annalsShard` receives it.
fn data(name: &str, text: &str) -> Value {
    let json = text
        .strip_prefix(&format!("annalsShard(\"{name}\","))
        .and_then(|rest| rest.strip_suffix(");\n"))
        .unwrap_or_else(|| panic!("{name}: {text}"));
    serde_json::from_str(json).unwrap()
}

/// The manifest's object.
fn manifest(index: &Index) -> Value {
    let json = index
        .manifest
        .strip_prefix("window.annalsSearch=")
        .and_then(|rest| rest.strip_suffix(";\n"))
        .unwrap();
    serde_json::from_str(json).unwrap()
}

/// The words of word shard entries, as `search.js` reads them.
fn decode_words(entries: &Value) -> Vec<Word> {
    let text = |entry: &Value, n: usize| entry.get(n).and_then(Value::as_str).map(str::to_string);
    entries
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            let key = text(entry, 0).unwrap();
            let list = |n| decode_postings(&text(entry, n).unwrap_or_default());
            let kind = match entry.get(4) {
                Some(Value::Number(_)) => Kind::Stem,
                _ => Kind::Form,
            };
            Word {
                form: match kind {
                    Kind::Stem => String::new(),
                    Kind::Form => text(entry, 4).unwrap_or_else(|| key.clone()),
                },
                key,
                lists: [list(1), list(2), list(3)],
                kind,
            }
        })
        .collect()
}

/// The word shards `search.js` loads for `term` (see `wordShards` there).
fn shards_for(ranges: &[(String, String)], term: &str) -> Vec<usize> {
    let at_most = |a: &str, b: &str| compare_keys(a, b).is_le();
    (0..ranges.len())
        .filter(|&k| {
            let (first, last) = (&ranges[k].0, &ranges[k].1);
            match term.chars().nth(1) {
                Some(_) => {
                    at_most(term, last) && (!at_most(term, first) || first.starts_with(term))
                }
                None => at_most(first, term) && at_most(term, last),
            }
        })
        .collect()
}

/// Words: the manifest's (first, last) ranges and each shard's words.
fn split(words: &[Word], target: usize) -> (Vec<(String, String)>, Vec<Vec<Word>>) {
    let (ranges, shards) = word_shards(words, target);
    let ranges = ranges
        .iter()
        .map(|r| (words[r.start].key.clone(), words[r.end - 1].key.clone()))
        .collect();
    let shards = shards
        .iter()
        .map(|(name, text)| decode_words(&data(name, text)))
        .collect();
    (ranges, shards)
}

#[test]
fn word_shards_decode_to_the_postings_they_were_made_from() {
    let chronology = fixture("mixed");
    let members = Memberships::of(&chronology);
    let words = words::index(
        &chronology.events,
        &events::names(&chronology, &members),
        None,
    )
    .unwrap();
    for target in [SHARD_BYTES, 40] {
        let (ranges, shards) = split(&words, target);
        assert_eq!(shards.concat(), words, "shards of {target} bytes");
        assert_eq!(ranges.len() > 1, target == 40);
    }
    let index = Index::new(&chronology, Locale::default(), None).unwrap();
    let shards: Vec<Word> = index
        .shards
        .iter()
        .filter(|(name, _)| name.starts_with('w'))
        .flat_map(|(name, text)| decode_words(&data(name, text)))
        .collect();
    assert_eq!(shards, words);
}

#[test]
fn the_manifest_ranges_find_every_word_and_prefix() {
    // Many forms of one key, so that a key spans shards.
    let mut words: Vec<Word> = ["ab", "abc", "abd", "b", "ba", "bab", "c", "ca"]
        .iter()
        .map(|key| Word {
            key: key.to_string(),
            form: key.to_string(),
            lists: [vec![0, 7], vec![], vec![3]],
            kind: Kind::Form,
        })
        .collect();
    words.extend((0..6u32).map(|n| Word {
        key: "abc".into(),
        form: format!("abc{}", "\u{301}".repeat(n as usize + 1)),
        lists: [vec![], vec![], vec![n]],
        kind: Kind::Form,
    }));
    words.sort_by(Word::order);
    for target in [20, 60, 1000] {
        let (ranges, shards) = split(&words, target);
        for word in &words {
            let key: Vec<char> = word.key.chars().collect();
            let terms = (2..=key.len()).map(|n| key[..n].iter().collect::<String>());
            for term in terms.chain(std::iter::once(word.key.clone())) {
                let found: Vec<&Word> = shards_for(&ranges, &term)
                    .into_iter()
                    .flat_map(|k| &shards[k])
                    .filter(|w| match term.chars().nth(1) {
                        Some(_) => w.key.starts_with(&term),
                        None => w.key == term,
                    })
                    .collect();
                let all: Vec<&Word> = words
                    .iter()
                    .filter(|w| w.key.starts_with(&term) && (term.len() > 1 || w.key == term))
                    .collect();
                assert_eq!(found, all, "{term:?} in shards of {target} bytes");
            }
        }
    }
}

#[test]
fn records_groups_and_years_decode_to_the_chronology() {
    let chronology = fixture("mixed");
    let index = Index::new(&chronology, Locale::default(), None).unwrap();
    let shard = |name: &str| {
        let (_, text) = index.shards.iter().find(|(n, _)| n == name).unwrap();
        data(name, text)
    };
    let records = shard("e16-0");
    for (record, event) in records.as_array().unwrap().iter().zip(&chronology.events) {
        assert_eq!(record[0], event.slug.as_str());
        assert_eq!(record[1], event.title.as_str());
    }
    assert_eq!(records, shard("e256-0"));
    let groups = shard("g0");
    let lists: Vec<Vec<u32>> = groups
        .as_array()
        .unwrap()
        .iter()
        .map(|g| decode_postings(g.as_str().unwrap()))
        .collect();
    let tag = |t: usize| {
        chronology.tags[t]
            .events
            .iter()
            .map(|&e| e as u32)
            .collect::<Vec<_>>()
    };
    assert_eq!(lists[0], tag(0));
    let eras = chronology.tags.len() + chronology.actors.len();
    assert_eq!(lists.len(), eras + chronology.eras.len());
    assert_eq!(manifest(&index)["groups"], serde_json::json!([lists.len()]));
    let years = shard("years");
    let runs = decode_numbers(years["from"].as_str().unwrap());
    let mut from = Vec::new();
    let mut year = 0;
    for pair in runs.chunks(2) {
        year += (pair[0] >> 1) as i64 ^ -((pair[0] & 1) as i64);
        from.extend(std::iter::repeat_n(year as i32, pair[1] as usize));
    }
    let expected: Vec<i32> = chronology
        .events
        .iter()
        .map(|e| e.when.date.astronomical_year())
        .collect();
    assert_eq!(from, expected);
}

#[test]
fn the_index_is_the_same_whatever_the_threads() {
    let chronology = fixture("multilingual");
    let build = |threads| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            Index::new(&chronology, Locale::default(), Some(Language::English)).unwrap()
        })
    };
    let (one, four) = (build(1), build(4));
    assert_eq!(one.manifest, four.manifest);
    assert_eq!(one.shards, four.shards);
    assert!(
        one.manifest
            .contains(&format!("\"stamp\":\"{}\"", stamp(&one.shards)))
    );
}

/// A hash of every shard, in hex, as the manifest's stamp is made.
fn stamp(shards: &[(String, String)]) -> String {
    let mut hasher = DefaultHasher::new();
    for (name, text) in shards {
        hasher.write(name.as_bytes());
        hasher.write_u8(0);
        hasher.write(text.as_bytes());
    }
    format!("{:016x}", hasher.finish())
}

#[test]
fn sources_are_searchable_in_the_text_of_the_events_citing_them() {
    let chronology = fixture("archive");
    let members = Memberships::of(&chronology);
    let words = words::index(
        &chronology.events,
        &events::names(&chronology, &members),
        None,
    )
    .unwrap();
    let word = |key: &str| {
        words
            .iter()
            .find(|word| word.key == key)
            .map(|w| w.lists.clone())
    };
    let titles: Vec<&str> = chronology.events.iter().map(|e| e.title.as_str()).collect();
    let citing = |key: &str| -> Vec<&str> {
        let lists = word(key).unwrap_or_else(|| panic!("no {key}"));
        lists[2].iter().map(|&i| titles[i as usize]).collect()
    };
    assert_eq!(
        citing("legajo"),
        [
            "Diplomatic relations established",
            "President Pérez visits the USSR"
        ]
    );
    assert_eq!(citing("karnak"), ["Treaty of Kadesh"]);
    assert_eq!(citing("redaccion"), ["Diplomatic relations established"]);
}

/// Each event once, under its best field among `words`' lists.
fn best_of<'a>(words: impl Iterator<Item = &'a Word>) -> [Vec<u32>; 3] {
    let mut lists: [Vec<u32>; 3] = Default::default();
    for word in words {
        for (field, list) in word.lists.iter().enumerate() {
            lists[field].extend(list);
        }
    }
    let (title, names) = (lists[0].clone(), lists[1].clone());
    lists[1].retain(|id| !title.contains(id));
    lists[2].retain(|id| !title.contains(id) && !names.contains(id));
    lists.iter_mut().for_each(|list| {
        list.sort_unstable();
        list.dedup();
    });
    lists
}

#[test]
fn a_stem_finds_its_whole_family_as_search_js_looks_it_up() {
    for (name, language) in [("mixed", Language::English), ("archive", Language::English)] {
        let chronology = fixture(name);
        let members = Memberships::of(&chronology);
        let names = events::names(&chronology, &members);
        let stems = Stems::new(language);
        let index = words::index(&chronology.events, &names, Some(&stems)).unwrap();
        let (forms, families): (Vec<&Word>, Vec<&Word>) =
            index.iter().partition(|word| word.kind == Kind::Form);
        for stem in forms.iter().map(|word| stems.key(&word.form)) {
            let family = families.iter().find(|word| word.key == stem);
            let found = match family {
                Some(family) => family.lists.clone(),
                None => best_of(
                    forms
                        .iter()
                        .copied()
                        .filter(|w| w.key == stem && stems.key(&w.form) == stem),
                ),
            };
            let all = forms.iter().copied().filter(|w| stems.key(&w.form) == stem);
            assert_eq!(found, best_of(all), "{name}: the family of {stem:?}");
        }
        assert!(families.len() > 3, "{name}: {} families", families.len());
    }
}

#[test]
fn patched_terms_give_the_index_made_from_every_event() {
    let old = fixture("archive");
    let mut new = old.clone();
    new.events[0].title = "Renamed: a protocol on fisheries".into();
    new.events[1].summary = "Rewritten, with words none had before: zanzibar.".into();
    let last = new.events.len() - 1;
    new.events[last].title.push_str(" again");
    let names = |chronology: &Chronology| events::names(chronology, &Memberships::of(chronology));
    let terms = Terms::of(&old, &names(&old)).unwrap();
    let patched = terms.clone().patched(&old, &new).unwrap().unwrap();
    let fresh = Terms::of(&new, &names(&new)).unwrap();
    let stems = Stems::new(Language::English);
    let index = |terms: &Terms| words::words(terms.postings(), Some(&stems), new.events.len());
    assert_eq!(index(&patched), index(&fresh));
    assert_ne!(index(&patched), index(&terms), "the edit changed the index");

    let mut moved = old.clone();
    moved.events.swap(0, 1);
    assert!(terms.patched(&old, &moved).unwrap().is_none(), "renumbered");
}
