//! The detail band: where the overview had to merge events into a cluster,
//! a second band zooms into the densest cluster's stretch of time, so that
//! its events are drawn one by one (a day holds a dozen dots before they
//! merge again).

use chrono::NaiveDate;

use super::{Axis, Frame, Shape, Span, measure_in};

/// A detail band stacks this many dots on one stretch before a cluster.
const DETAIL_STACK: usize = 12;

/// The detail band leaves at least a day of room at each end.
const DETAIL: Frame = Frame {
    margin: 1.0,
    stack: DETAIL_STACK,
};

/// The densest stretch of the overview, drawn again at its own scale.
#[derive(Debug, Clone, PartialEq)]
pub struct Detail {
    /// The band; its marks' `events` index the spans given to [`detail`].
    pub axis: Axis,
    /// The overview's cluster it details, an index into its marks.
    pub cluster: usize,
    /// The first and last days it covers.
    pub first: NaiveDate,
    /// See `first`.
    pub last: NaiveDate,
}

/// The detail of `overview`'s largest cluster, measured from `events` (the
/// spans the overview was measured from); `None` when nothing is
/// clustered.
pub fn detail(events: &[Span], overview: &Axis) -> Option<Detail> {
    let (cluster, mark) = overview
        .marks
        .iter()
        .enumerate()
        .filter(|(_, mark)| mark.shape == Shape::Cluster)
        .max_by_key(|(index, mark)| (mark.events.len(), usize::MAX - index))?;
    let first = mark.events.iter().map(|&i| events[i].first).min()?;
    let last = mark.events.iter().map(|&i| events[i].last).max()?;
    let members: Vec<usize> = (0..events.len())
        .filter(|i| {
            mark.events.contains(i) || (events[*i].first >= first && events[*i].last <= last)
        })
        .collect();
    let spans: Vec<Span> = members.iter().map(|&i| events[i]).collect();
    let mut axis = measure_in(&spans, &[], DETAIL)?;
    for mark in &mut axis.marks {
        for event in &mut mark.events {
            *event = members[*event];
        }
    }
    Some(Detail {
        axis,
        cluster,
        first,
        last,
    })
}
