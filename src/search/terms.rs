//! The terms of an edition's index as a build leaves them: every key and
//! form with its posting lists, before the word families are added and the
//! common words cut (`words.rs`). A build keeps them in its cache; the next
//! one, after an edit that leaves every event at its position, patches them
//! with the words of the events that changed instead of reading every body
//! again. The index made from patched terms is the one made from all
//! events: the same postings, sorted the same way.

use serde::{Deserialize, Serialize};

use super::events::{self, Memberships};
use super::words::{self, Postings};
use crate::chronology::Chronology;
use crate::error::Result;

/// The postings of an edition's index, by key and form.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Terms {
    /// How many events they were made from.
    events: usize,
    postings: Postings,
}

impl Terms {
    /// The terms of every event of `chronology`, whose events' names are
    /// `names`.
    pub(crate) fn of(chronology: &Chronology, names: &[String]) -> Result<Terms> {
        Ok(Terms {
            events: chronology.events.len(),
            postings: words::postings(&chronology.events, names)?,
        })
    }

    /// The postings.
    pub(crate) fn postings(&self) -> &Postings {
        &self.postings
    }

    /// The terms as bytes, to keep: `None` when they cannot be written.
    pub fn to_bytes(&self) -> Option<Vec<u8>> {
        postcard::to_stdvec(self).ok()
    }

    /// The terms [`Terms::to_bytes`] gave `bytes` of; `None` when they
    /// are not such bytes.
    pub fn from_bytes(bytes: &[u8]) -> Option<Terms> {
        postcard::from_bytes(bytes).ok()
    }

    /// These terms, of the index of `old`, made those of `new`: `None`
    /// when an event of one is not at its position in the other (an event
    /// added, removed or moved renumbers the postings), and the terms must
    /// be made from every event.
    pub fn patched(mut self, old: &Chronology, new: &Chronology) -> Result<Option<Terms>> {
        if self.events != old.events.len() || !old.same_order(new) {
            return Ok(None);
        }
        let old_names = events::names(old, &Memberships::of(old));
        let new_names = events::names(new, &Memberships::of(new));
        for (id, (a, b)) in old.events.iter().zip(&new.events).enumerate() {
            if a == b && old_names[id] == new_names[id] {
                continue;
            }
            let mut before = Postings::new();
            words::add_event(&mut before, id as u32, a, &old_names[id])?;
            let mut after = Postings::new();
            words::add_event(&mut after, id as u32, b, &new_names[id])?;
            self.remove(id as u32, before);
            self.insert(id as u32, after);
        }
        Ok(Some(self))
    }

    /// Takes event `id` out of the lists of its `words`, and drops the
    /// forms and keys left with no event.
    fn remove(&mut self, id: u32, words: Postings) {
        for (key, forms) in words {
            let Some(entry) = self.postings.get_mut(&key) else {
                continue;
            };
            for (form, lists) in forms {
                let Some(at) = entry.iter().position(|(f, _)| *f == form) else {
                    continue;
                };
                for (list, mine) in entry[at].1.iter_mut().zip(&lists) {
                    if !mine.is_empty()
                        && let Ok(found) = list.binary_search(&id)
                    {
                        list.remove(found);
                    }
                }
                if entry[at].1.iter().all(Vec::is_empty) {
                    entry.remove(at);
                }
            }
            if entry.is_empty() {
                self.postings.remove(&key);
            }
        }
    }

    /// Puts event `id` in the lists of its `words`, in order.
    fn insert(&mut self, id: u32, words: Postings) {
        for (key, forms) in words {
            let entry = self.postings.entry(key).or_default();
            for (form, lists) in forms {
                let at = match entry.iter().position(|(f, _)| *f == form) {
                    Some(at) => at,
                    None => {
                        entry.push((form, Default::default()));
                        entry.len() - 1
                    }
                };
                for (list, mine) in entry[at].1.iter_mut().zip(&lists) {
                    if mine.is_empty() {
                        continue;
                    }
                    if let Err(place) = list.binary_search(&id) {
                        list.insert(place, id);
                    }
                }
            }
        }
    }
}
