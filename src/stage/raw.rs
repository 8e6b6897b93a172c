//! `stages:` as written → validated [`Stage`]s, with errors at the line
//! and column of the stage they are about.

use serde::Deserialize;

use super::kind::WRITTEN;
use super::{Kind, Stage};
use crate::date::When;
use crate::error::{Error, Position};
use crate::source::{RawSource, Source};

/// A stage as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawStage {
    stage: String,
    label: Option<String>,
    date: When,
    by: Option<String>,
    place: Option<String>,
    #[serde(default)]
    sources: Vec<RawSource>,
}

/// Validates the stages of an event; a stage's sources join the event's
/// `sources` (once each). `at(i)` is where the `i`th stage is written.
/// The stages come back in chronological order.
pub(crate) fn validate(
    raw: Vec<RawStage>,
    sources: &mut Vec<Source>,
    at: impl Fn(usize) -> Position,
) -> Result<Vec<Stage>, Vec<Error>> {
    let mut errors = Vec::new();
    let mut stages = Vec::new();
    for (index, stage) in raw.into_iter().enumerate() {
        match one(stage, sources, at(index)) {
            Ok(stage) => stages.push((index, stage)),
            Err(messages) => {
                errors.extend(messages.into_iter().map(|m| Error::content(at(index), m)))
            }
        }
    }
    for (index, message) in order(&stages) {
        errors.push(Error::content(at(index), message));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    stages.sort_by_key(|(_, stage)| stage.when.date);
    Ok(stages.into_iter().map(|(_, stage)| stage).collect())
}

fn one(raw: RawStage, sources: &mut Vec<Source>, at: Position) -> Result<Stage, Vec<String>> {
    let mut problems = Vec::new();
    let kind = kind(&raw.stage, raw.label.as_deref()).map_err(|m| problems.push(m));
    let mut cited = Vec::new();
    for source in raw.sources {
        match source.validate() {
            Ok(source) => cited.push(cite(sources, source)),
            Err(found) => problems.extend(found.into_iter().map(|p| p.message)),
        }
    }
    let written =
        |text: Option<String>| text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    match kind {
        Ok(kind) if problems.is_empty() => Ok(Stage {
            kind,
            when: raw.date,
            by: written(raw.by),
            place: written(raw.place),
            sources: cited,
            at,
        }),
        _ => Err(problems),
    }
}

/// The index of `source` among the event's sources, adding it if new.
fn cite(sources: &mut Vec<Source>, source: Source) -> usize {
    match sources.iter().position(|known| known.id == source.id) {
        Some(index) => index,
        None => {
            sources.push(source);
            sources.len() - 1
        }
    }
}

fn kind(written: &str, label: Option<&str>) -> Result<Kind, String> {
    let wanted = written.trim().to_lowercase();
    let label = label.map(str::trim).filter(|l| !l.is_empty());
    if wanted == "other" {
        return label.map(|l| Kind::Other(l.to_string())).ok_or_else(|| {
            "a stage `other` needs a `label` saying what happened, as in {stage: other, label: \"provisional application\"}".to_string()
        });
    }
    let known = WRITTEN
        .iter()
        .find(|(name, _)| *name == wanted.replace(['_', '-'], " "));
    match (known, label) {
        (Some(_), Some(_)) => Err(format!(
            "`label` is only for `stage: other`; the stage {wanted:?} is named by annals in every language"
        )),
        (Some((_, kind)), None) => Ok(kind.clone()),
        (None, _) => Err(unknown(written)),
    }
}

fn unknown(written: &str) -> String {
    let names: Vec<&str> = WRITTEN.iter().map(|(name, _)| *name).collect();
    let near = names
        .iter()
        .map(|name| {
            (
                strsim::damerau_levenshtein(&written.to_lowercase(), name),
                *name,
            )
        })
        .filter(|(distance, _)| *distance <= 3)
        .min();
    let hint = near.map_or(String::new(), |(_, name)| {
        format!("did you mean {name:?}? ")
    });
    format!(
        "unknown stage {written:?}: {hint}a stage is one of {}, or {{stage: other, label: \"…\"}}",
        names.join(", ")
    )
}

/// The stages that cannot be where they are: dated surely before the
/// signature, or in force surely before any signature or ratification.
fn order(stages: &[(usize, Stage)]) -> Vec<(usize, String)> {
    let earliest = |pick: fn(&Kind) -> bool| {
        stages
            .iter()
            .filter(|(_, s)| pick(&s.kind))
            .filter_map(|(_, s)| s.when.earliest().map(|day| (day, s)))
            .min_by_key(|(day, _)| *day)
    };
    let signature = earliest(|k| *k == Kind::Signed);
    let binding = earliest(Kind::binds);
    let mut found = Vec::new();
    for (index, stage) in stages {
        let Some(latest) = stage.when.latest() else {
            continue;
        };
        let name = stage.kind.written();
        let date = stage.when.edtf();
        match (&stage.kind, binding, signature) {
            (Kind::InForce, Some((day, first)), _) if latest < day => found.push((
                *index,
                format!(
                    "the stage \"in force\" ({date}) is before any signature or ratification (the first: {} {})",
                    first.kind.written(),
                    first.when.edtf()
                ),
            )),
            (Kind::Signed, ..) => {}
            (_, _, Some((day, signed))) if latest < day => found.push((
                *index,
                format!(
                    "the stage {name:?} ({date}) is before the signature ({})",
                    signed.when.edtf()
                ),
            )),
            _ => {}
        }
    }
    found
}
