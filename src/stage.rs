//! Treaty lifecycles: the dated stages an agreement passes through.
//!
//! An event's `stages:` list says when it was signed, ratified or acceded
//! to (and by whom), when it entered into force, and when it was suspended,
//! denounced, expired or was terminated; anything else is
//! `{stage: other, label: "…"}`. Each stage has a date in any form `date:`
//! accepts, and optionally `by` (a party, as written), `place` and
//! `sources`. Validation refuses a stage dated before the signature and an
//! entry into force before any signature or ratification, at the stage's
//! file line and column. The periods in force are derived here for the
//! index's "in force on" filter and the axis.

mod kind;
mod raw;

use chrono::NaiveDate;

use crate::actor::{self, Actors};
use crate::date::When;
use crate::error::{Error, Position, Result};

pub use kind::Kind;
pub(crate) use raw::{RawStage, validate};

/// One stage of a lifecycle.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Stage {
    /// What happened.
    pub kind: Kind,
    /// When, as the record allows.
    #[serde(with = "crate::date::stored::when")]
    pub when: When,
    /// The party that acted, as written (`Russia`, `Venezuela`).
    pub by: Option<String>,
    /// Where.
    pub place: Option<String>,
    /// The stage's sources: indices into the event's sources.
    pub sources: Vec<usize>,
    /// Where the stage is written.
    pub at: Position,
}

/// A stretch of time an agreement was in force: from the first day of an
/// `in force` stage to the first day of the next stage that ends it, or
/// open while none has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InForce {
    /// The first day.
    pub from: NaiveDate,
    /// The day it stopped being in force, if it has.
    pub until: Option<NaiveDate>,
}

/// The periods in force of stages in chronological order: an `in force`
/// stage opens one (unless one is open), a suspension, expiry or
/// termination closes it, a later `in force` opens another.
pub fn in_force(stages: &[Stage]) -> Vec<InForce> {
    let mut periods: Vec<InForce> = Vec::new();
    for stage in stages {
        let Some(first) = stage.when.earliest().or(stage.when.latest()) else {
            continue;
        };
        let open = periods.last().is_some_and(|p| p.until.is_none());
        match (&stage.kind, open) {
            (Kind::InForce, false) => periods.push(InForce {
                from: first,
                until: None,
            }),
            (kind, true) if kind.ends_force() => {
                if let Some(last) = periods.last_mut() {
                    last.until = Some(first);
                }
            }
            _ => {}
        }
    }
    periods
}

/// The first and last day a lifecycle covers, and whether it runs on past
/// its last stage (it is in force, with no end recorded).
pub fn extent(stages: &[Stage]) -> Option<(NaiveDate, NaiveDate, bool)> {
    let first = stages.iter().filter_map(|s| s.when.earliest()).min()?;
    let last = stages
        .iter()
        .filter_map(|s| s.when.latest().or(s.when.earliest()))
        .max()?;
    let open = in_force(stages).last().is_some_and(|p| p.until.is_none())
        || stages.iter().any(|s| s.when.latest().is_none());
    Some((first, last, open))
}

/// Checks that every stage's `by` names a declared actor, once a site
/// declares actors: an error at the stage for each that does not.
pub fn check_parties<'a>(
    stages: impl IntoIterator<Item = &'a Stage>,
    actors: &Actors,
) -> Result<()> {
    if actors.is_empty() {
        return Ok(());
    }
    let unknown = stages
        .into_iter()
        .filter_map(|stage| Some((stage, stage.by.as_deref()?)))
        .filter(|(_, by)| actors.resolve(by).is_none())
        .map(|(stage, by)| {
            let names = actors.iter().flat_map(|actor| actor.names());
            let message = match actor::nearest(by, names) {
                Some(near) => format!(
                    "by: no actor is declared with the name {by:?}: did you mean `{near}`?"
                ),
                None => format!(
                    "by: no actor is declared with the name {by:?}: write a declared name, short name or alias, or declare it in content/actors/"
                ),
            };
            Error::content(stage.at.clone(), message)
        })
        .collect();
    Error::collect(unknown)
}

#[cfg(test)]
mod tests;
