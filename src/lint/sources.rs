//! What `annals check` says about sources that build but are likely to
//! fail a reader: links without an archived copy (they rot), and one
//! publisher spelt two ways.

use std::collections::{BTreeMap, HashSet};

use super::Warning;
use crate::event::Event;

/// Every warning about the sources of `events`, each once per source.
pub(super) fn warnings(events: &[Event]) -> Vec<Warning> {
    let mut warnings = unarchived(events);
    warnings.extend(publisher_spellings(events));
    warnings
}

/// A linked source with no archived copy in any citation of it, at its
/// first citation.
fn unarchived(events: &[Event]) -> Vec<Warning> {
    let archived: HashSet<_> = events
        .iter()
        .flat_map(|event| &event.sources)
        .filter(|source| source.archived.is_some())
        .map(|source| source.id)
        .collect();
    let mut seen = HashSet::new();
    let mut warnings = Vec::new();
    for event in events {
        for (index, source) in event.sources.iter().enumerate() {
            let Some(url) = &source.url else { continue };
            if archived.contains(&source.id) || !seen.insert(source.id) {
                continue;
            }
            let message = format!(
                "source {} of {:?} ({url}) has no archived copy: links rot; add `archived:` with a web archive's copy",
                index + 1,
                event.title
            );
            warnings.push(Warning {
                at: event.spans.origin.clone(),
                message,
            });
        }
    }
    warnings
}

/// A publisher written in a way that differs from another spelling of it
/// only by case or accents ("telesur" beside "Telesur"): each rarer
/// spelling, at its first use.
fn publisher_spellings(events: &[Event]) -> Vec<Warning> {
    let mut spellings: BTreeMap<String, BTreeMap<&str, Vec<&Event>>> = BTreeMap::new();
    for event in events {
        for publisher in event.sources.iter().filter_map(|s| s.publisher.as_deref()) {
            let folded = deunicode::deunicode(publisher).to_lowercase();
            let users = spellings.entry(folded).or_default();
            users.entry(publisher).or_default().push(event);
        }
    }
    let mut warnings = Vec::new();
    for variants in spellings.values().filter(|variants| variants.len() > 1) {
        let Some((common, users)) = variants.iter().max_by_key(|(_, users)| users.len()) else {
            continue;
        };
        for (name, rare) in variants.iter().filter(|(name, _)| *name != common) {
            let used = crate::i18n::plural("{n} time|{n} times", users.len());
            let message = format!(
                "publisher {name:?} differs from {common:?} (used {used}) only by case or accents: write it one way"
            );
            warnings.push(Warning {
                at: rare[0].spans.origin.clone(),
                message,
            });
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::tests::{events, messages};

    #[test]
    fn a_link_without_an_archived_copy_is_reported_once() {
        let found = events(
            "- {title: A, date: 1945, sources: [\"https://x.org/a\", \"Archivo, legajo 2\"]}\n\
             - {title: B, date: 1946, sources: [\"https://x.org/a\"]}\n\
             - {title: C, date: 1947, sources: [{url: \"https://x.org/b\", archived: \"https://web.archive.org/web/2020/https://x.org/b\"}]}\n\
             - {title: D, date: 1948, sources: [\"https://x.org/b\"]}\n",
        );
        assert_eq!(
            messages(unarchived(&found)),
            [
                "content/x.yaml:1: source 1 of \"A\" (https://x.org/a) has no archived copy: links rot; add `archived:` with a web archive's copy"
            ]
        );
    }

    #[test]
    fn publishers_spelt_two_ways_are_reported() {
        let found = events(
            "- {title: A, date: 1945, sources: [{title: T, publisher: Telesur}]}\n\
             - {title: B, date: 1946, sources: [{title: U, publisher: Telesur}]}\n\
             - {title: C, date: 1947, sources: [{title: V, publisher: TELESUR}, {title: W, publisher: Cancillería}]}\n\
             - {title: D, date: 1948, sources: [{title: X, publisher: Cancilleria}]}\n",
        );
        assert_eq!(
            messages(publisher_spellings(&found)),
            [
                "content/x.yaml:4: publisher \"Cancilleria\" differs from \"Cancillería\" (used 1 time) only by case or accents: write it one way",
                "content/x.yaml:3: publisher \"TELESUR\" differs from \"Telesur\" (used 2 times) only by case or accents: write it one way",
            ]
        );
    }
}
