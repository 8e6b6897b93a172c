//! The bibliography: every distinct source of a chronology, with the events
//! that cite it. Pure: no I/O.
//!
//! Citations of one [`SourceId`] are one entry. Its fields are the first
//! ones written, in chronological order of the citing events (a later
//! citation fills in only what earlier ones left out); its locators stay
//! with each citation. Entries are sorted as bibliographies are (by first
//! author, else title, accents and case aside, then date) and split into
//! pages of about [`PAGE_LINES`] lines, so that no page grows without
//! bound.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::Chronology;
use crate::source::{Source, SourceId};

/// About how many lines (entries and their citing events) a page holds.
pub const PAGE_LINES: usize = 2000;

/// One distinct source and the events citing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'a> {
    /// The source, its fields merged from every citation: borrowed from
    /// its first citation unless a later one fills something in. Its
    /// `locator` is the first citation's: see each citation's.
    pub source: Cow<'a, Source>,
    /// Where it is cited, in chronological order.
    pub citations: Vec<Citation<'a>>,
    /// The page of the bibliography it is on, from 1.
    pub page: usize,
}

/// One event's citation of a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation<'a> {
    /// The citing event: an index into [`Chronology::events`].
    pub event: usize,
    /// The source's number in the event's list, from 1.
    pub number: usize,
    /// Where in the source, as this event cites it.
    pub locator: Option<&'a str>,
}

/// Every distinct source, sorted and paged.
#[derive(Debug, Clone, Default)]
pub struct Bibliography<'a> {
    /// The entries, in bibliography order.
    pub entries: Vec<Entry<'a>>,
    by_id: HashMap<SourceId, usize>,
    /// How many pages.
    pub pages: usize,
}

impl<'a> Bibliography<'a> {
    /// The bibliography of a chronology's events.
    pub fn of(chronology: &'a Chronology) -> Bibliography<'a> {
        Bibliography::of_events(chronology, &|_| true)
    }

    /// The bibliography of the chronology's events `keep` keeps (by index).
    pub fn of_events(chronology: &'a Chronology, keep: &dyn Fn(usize) -> bool) -> Bibliography<'a> {
        let mut entries: Vec<Entry<'a>> = Vec::new();
        let mut by_id: HashMap<SourceId, usize> = HashMap::new();
        let kept = chronology
            .events
            .iter()
            .enumerate()
            .filter(|(i, _)| keep(*i));
        for (event, item) in kept {
            for (index, source) in item.sources.iter().enumerate() {
                let citation = Citation {
                    event,
                    number: index + 1,
                    locator: source.locator.as_deref(),
                };
                match by_id.get(&source.id) {
                    Some(&at) => {
                        fill(&mut entries[at].source, source);
                        entries[at].citations.push(citation);
                    }
                    None => {
                        by_id.insert(source.id, entries.len());
                        entries.push(Entry {
                            source: Cow::Borrowed(source),
                            citations: vec![citation],
                            page: 1,
                        });
                    }
                }
            }
        }
        let keys: Vec<String> = entries.par_iter().map(|e| sort_key(&e.source)).collect();
        let mut order: Vec<usize> = (0..entries.len()).collect();
        // No two entries have the same source: the order is total.
        order.par_sort_unstable_by(|&a, &b| {
            keys[a]
                .cmp(&keys[b])
                .then(entries[a].source.id.cmp(&entries[b].source.id))
        });
        let mut slots: Vec<Option<Entry<'a>>> = entries.into_iter().map(Some).collect();
        let mut entries: Vec<Entry<'a>> = order
            .into_iter()
            .filter_map(|at| slots[at].take())
            .collect();
        let pages = paginate(&mut entries);
        let by_id = entries
            .iter()
            .enumerate()
            .map(|(at, entry)| (entry.source.id, at))
            .collect();
        Bibliography {
            entries,
            by_id,
            pages,
        }
    }

    /// The entry of a source.
    pub fn get(&self, id: SourceId) -> Option<&Entry<'a>> {
        self.by_id.get(&id).map(|&at| &self.entries[at])
    }

    /// The entries on page `number` (from 1).
    pub fn page(&self, number: usize) -> &[Entry<'a>] {
        let start = self.entries.partition_point(|entry| entry.page < number);
        let end = self.entries.partition_point(|entry| entry.page <= number);
        &self.entries[start..end]
    }

    /// What an event page shows of each source: its page and how many
    /// events cite it. Two bibliographies that agree here render the same
    /// source links on every event page.
    pub fn placements(&self) -> HashMap<SourceId, (usize, usize)> {
        self.entries
            .iter()
            .map(|entry| (entry.source.id, (entry.page, entry.citations.len())))
            .collect()
    }
}

/// Every source as `annals check --sources` lists it: how many events
/// cite it, its id, and the source as text.
pub fn listing(chronology: &Chronology) -> Vec<String> {
    Bibliography::of(chronology)
        .entries
        .iter()
        .map(|entry| {
            let source = &entry.source;
            let mut text = source.label().to_string();
            let circa = if source.circa { "c. " } else { "" };
            let date = source.date.map(|d| format!("{circa}{}", d.plain()));
            for part in [source.publisher.clone(), date].into_iter().flatten() {
                text.push_str(&format!(", {part}"));
            }
            if let (Some(url), true) = (&source.url, source.title.is_some()) {
                text.push_str(&format!(" <{url}>"));
            }
            format!("{:>5}  {}  {text}", entry.citations.len(), source.id)
        })
        .collect()
}

/// The sources whose links on event pages differ between two
/// chronologies: their page of the bibliography or their number of citing
/// events changed, or they appeared or went away.
pub fn moved(old: &Chronology, new: &Chronology) -> HashSet<SourceId> {
    let (old, new) = (
        Bibliography::of(old).placements(),
        Bibliography::of(new).placements(),
    );
    let changed = new.iter().filter(|(id, at)| old.get(id) != Some(at));
    let gone = old.keys().filter(|id| !new.contains_key(id));
    changed.map(|(id, _)| *id).chain(gone.copied()).collect()
}

/// Fills the fields `into` lacks from `other`, a later citation of it,
/// copying the source only when there is something to fill in.
fn fill(into: &mut Cow<'_, Source>, other: &Source) {
    let lacks = (into.title.is_none() && other.title.is_some())
        || (into.publisher.is_none() && other.publisher.is_some())
        || (into.authors.is_empty() && !other.authors.is_empty())
        || (into.date.is_none() && other.date.is_some())
        || (into.accessed.is_none() && other.accessed.is_some())
        || (into.archived.is_none() && other.archived.is_some())
        || (into.kind.is_none() && other.kind.is_some());
    if lacks {
        fill_in(into.to_mut(), other);
    }
}

fn fill_in(into: &mut Source, other: &Source) {
    let missing = |field: &mut Option<String>, value: &Option<String>| {
        if field.is_none() {
            field.clone_from(value);
        }
    };
    missing(&mut into.title, &other.title);
    missing(&mut into.publisher, &other.publisher);
    if into.authors.is_empty() {
        into.authors.clone_from(&other.authors);
    }
    if into.date.is_none() {
        into.date = other.date;
        into.circa = other.circa;
    }
    into.accessed = into.accessed.or(other.accessed);
    if into.archived.is_none() {
        into.archived.clone_from(&other.archived);
    }
    into.kind = into.kind.or(other.kind);
}

/// Bibliography order: first author, else title, else URL; accents and
/// case aside; then date.
fn sort_key(source: &Source) -> String {
    let lead = source
        .authors
        .first()
        .map(String::as_str)
        .unwrap_or(source.label());
    let lead = deunicode::deunicode(lead).to_lowercase();
    let lead: String = lead.chars().skip_while(|c| !c.is_alphanumeric()).collect();
    let date = source.date.map(|date| date.sort_key()).unwrap_or_default();
    format!("{lead}\0{date}")
}

/// Numbers the pages of sorted `entries`; returns how many.
fn paginate(entries: &mut [Entry<'_>]) -> usize {
    let (mut page, mut lines) = (1, 0);
    for entry in entries.iter_mut() {
        let size = 1 + entry.citations.len();
        if lines > 0 && lines + size > PAGE_LINES {
            page += 1;
            lines = 0;
        }
        lines += size;
        entry.page = page;
    }
    page
}

#[cfg(test)]
mod tests;
