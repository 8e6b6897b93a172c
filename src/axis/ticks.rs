//! Ticks on round dates: years (1, 2, 5, 10 … apart) across years and
//! centuries, months across a year or two, days across weeks; chosen so
//! that about [`TICKS`] fit.

use chrono::{Datelike, Months, NaiveDate};

use super::{Scale, YEAR_DAYS, day, from_day};
use crate::date::{HistoricalDate, year_of};

/// About how many ticks a band shows.
pub(super) const TICKS: f64 = 10.0;

/// A labelled tick on the line.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// Position.
    pub x: f64,
    /// The date, as historians write it: `1950`, `500 BCE`, `May 2025`,
    /// `7 May 2025`.
    pub label: String,
    /// The year as historians count it: `-500` is 500 BCE.
    pub year: i64,
    /// The date the tick stands at, to the precision it is labelled with.
    pub date: HistoricalDate,
}

/// Ticks for the span of `scale`.
pub(super) fn ticks(scale: &Scale) -> Vec<Tick> {
    let days = scale.high - scale.low;
    if days >= 2.0 * YEAR_DAYS {
        years(scale)
    } else if days > 62.0 {
        months(scale)
    } else {
        days_apart(scale)
    }
}

/// Round-year ticks.
fn years(scale: &Scale) -> Vec<Tick> {
    const STEPS: [i64; 14] = [
        1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000,
    ];
    let years = scale.years();
    let step = STEPS
        .into_iter()
        .find(|&step| years / step as f64 <= TICKS)
        .unwrap_or(10_000);
    let first = from_day(scale.low).year() as i64;
    let last = from_day(scale.high).year() as i64;
    let mut ticks = Vec::new();
    let mut year = (first - 1).div_euclid(step) * step;
    while year <= last + 1 {
        if let Some(tick) = year_tick(scale, year) {
            ticks.push(tick);
        }
        year += step;
    }
    ticks
}

/// A tick at the start of a year as historians count it (`-500` is 500
/// BCE); there is no year 0.
fn year_tick(scale: &Scale, year: i64) -> Option<Tick> {
    let astronomical = if year < 0 { year + 1 } else { year };
    let date = NaiveDate::from_ymd_opt(i32::try_from(astronomical).ok()?, 1, 1)?;
    let at = day(date) as f64;
    if year == 0 || at < scale.low || at > scale.high {
        return None;
    }
    let label = if year < 0 {
        format!("{} BCE", -year)
    } else {
        year.to_string()
    };
    Some(Tick {
        x: scale.x(date),
        label,
        year,
        date: year_of(date),
    })
}

/// Ticks on the first of every month, or of every second, third or sixth.
fn months(scale: &Scale) -> Vec<Tick> {
    let months = (scale.high - scale.low) / (YEAR_DAYS / 12.0);
    let step = [1u32, 2, 3, 6]
        .into_iter()
        .find(|&step| months / f64::from(step) <= TICKS)
        .unwrap_or(12);
    let start = from_day(scale.low);
    let mut at = start.with_day(1).unwrap_or(start);
    let mut ticks = Vec::new();
    while (day(at) as f64) <= scale.high {
        if (at.month0()) % step == 0 {
            ticks.extend(sub_year_tick(scale, at, Some(at.month()), None));
        }
        at = match at.checked_add_months(Months::new(1)) {
            Some(next) => next,
            None => break,
        };
    }
    ticks
}

/// Ticks on days of the month 1, 1 + step, 1 + 2 × step …
fn days_apart(scale: &Scale) -> Vec<Tick> {
    let days = scale.high - scale.low;
    let step = [1u32, 2, 5, 10]
        .into_iter()
        .find(|&step| days / f64::from(step) <= TICKS)
        .unwrap_or(15);
    let mut at = from_day(scale.low.ceil());
    let mut ticks = Vec::new();
    while (day(at) as f64) <= scale.high {
        if (at.day() - 1) % step == 0 && at.day() + step / 2 <= 31 {
            ticks.extend(sub_year_tick(scale, at, Some(at.month()), Some(at.day())));
        }
        at = match at.succ_opt() {
            Some(next) => next,
            None => break,
        };
    }
    ticks
}

fn sub_year_tick(
    scale: &Scale,
    at: NaiveDate,
    month: Option<u32>,
    day_of_month: Option<u32>,
) -> Option<Tick> {
    if (day(at) as f64) < scale.low {
        return None;
    }
    let date = HistoricalDate::from_parts(at.year(), month, day_of_month)?;
    Some(Tick {
        x: scale.x(at),
        label: date.human(),
        year: match date.is_bce() {
            true => -i64::from(date.year()),
            false => i64::from(date.year()),
        },
        date,
    })
}
