//! The forms `date:` accepts beyond a plain date: EDTF level 1 as
//! historians write it (Library of Congress, Extended Date/Time Format).
//!
//! `1976?` uncertain, `1976~` approximate, `1976%` both; `197X` some year of
//! the 1970s, `19XX` of the 1900s; `1976-11/1977-02` an interval; `../1952`
//! before 1952; `1991/..` from 1991 on. Before the common era the grammar
//! stays annals' own (`1259 BCE`, `1259 BCE?`). A form that is not accepted
//! is an error that says what to write instead.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};

use super::{Certainty, HistoricalDate, Reach, When};

impl When {
    /// Parses a date in any accepted form.
    pub fn parse(text: &str) -> Result<When, String> {
        let fail = |why: &str| format!("invalid date {text:?}: {why}");
        let trimmed = text.trim();
        match trimmed.split_once('/') {
            Some((start, end)) => interval(start.trim(), end.trim()).map_err(|why| fail(&why)),
            None => single(trimmed).map_err(|why| match why {
                Why::Date(message) => message,
                Why::Form(why) => fail(&why),
            }),
        }
    }
}

/// Why a form was refused: the plain grammar's own message, or one about
/// the form, to be prefixed with the date.
enum Why {
    Date(String),
    Form(String),
}

fn single(text: &str) -> Result<When, Why> {
    let (body, certainty) = qualified(text).map_err(Why::Form)?;
    let body = body.as_str();
    if body.contains(['X', 'x']) {
        return unspecified(body, certainty).map_err(Why::Form);
    }
    if body.contains(['?', '~', '%']) {
        return Err(Why::Form(
            "write ?, ~ or % once, after the whole date, as in 1976-11?".into(),
        ));
    }
    let date = HistoricalDate::parse(body).map_err(|message| {
        Why::Date(message.replace(&format!("{body:?}"), &format!("{text:?}")))
    })?;
    Ok(When {
        certainty,
        ..When::on(date)
    })
}

/// The date without its qualifier, and the certainty the qualifier gives:
/// `1976?`, `1259 BCE~` and `1259~ BCE` are all read.
fn qualified(text: &str) -> Result<(String, Certainty), String> {
    let certainty = |c: char| match c {
        '~' => Some(Certainty::Circa),
        '?' => Some(Certainty::Uncertain),
        '%' => Some(Certainty::UncertainCirca),
        _ => None,
    };
    let (year, era) = match text.strip_suffix(" BCE") {
        Some(year) => (year, " BCE"),
        None => (text, ""),
    };
    let last = text.chars().next_back().and_then(certainty);
    let (body, found) = match (last, year.chars().next_back().and_then(certainty)) {
        (Some(found), _) => (text[..text.len() - 1].to_string(), found),
        (None, Some(found)) => (format!("{}{era}", &year[..year.len() - 1]), found),
        (None, None) => return Ok((text.to_string(), Certainty::Exact)),
    };
    if body.trim_end_matches(" BCE").ends_with(['~', '?', '%']) {
        return Err("write one qualifier: ? uncertain, ~ approximate, % both".into());
    }
    Ok((body, found))
}

/// `197X` and `19XX`: the last one or two digits of a common-era year.
fn unspecified(body: &str, certainty: Certainty) -> Result<When, String> {
    if body.ends_with("BCE") {
        return Err("unspecified digits are for years of the common era; before it, write a span: `date: 1979 BCE` and `end: 1970 BCE`".into());
    }
    if body.contains('x') {
        return Err(format!(
            "write unspecified digits as a capital X: {}",
            body.to_uppercase()
        ));
    }
    if body.contains('-') {
        return Err(
            "only the digits of a year can be unspecified: for a month not known write the year alone, as in 1985".into(),
        );
    }
    let digits = body.bytes().rev().take_while(|&b| b == b'X').count();
    let known = &body[..body.len() - digits];
    let shape_ok =
        body.len() == 4 && (1..=2).contains(&digits) && known.bytes().all(|b| b.is_ascii_digit());
    if !shape_ok {
        return Err(
            "only the last one or two digits of a four-digit year can be X, as in 197X (the 1970s) or 19XX (the 1900s)".into(),
        );
    }
    let scale = 10u32.pow(digits as u32);
    let first = known.parse::<u32>().unwrap_or(0) * scale;
    let (from, to) = (first.max(1), first + scale - 1);
    let year = |y: u32| HistoricalDate::parse(&format!("{y:04}"));
    Ok(When {
        date: year(from)?,
        end: Some(year(to)?),
        certainty,
        reach: Reach::Unspecified(digits as u8),
    })
}

fn interval(start: &str, end: &str) -> Result<When, String> {
    let plain = |part: &str| -> Result<HistoricalDate, String> {
        if part.contains(['?', '~', '%', 'X', 'x']) {
            return Err("the ends of an interval are plain dates; for an approximate one write `date:` and `end:` with `circa: true`".into());
        }
        HistoricalDate::parse(part).map_err(|message| {
            message
                .split_once(": ")
                .map_or(message.clone(), |(_, why)| why.to_string())
        })
    };
    match (start, end) {
        ("..", "..") | ("", _) | (_, "") => Err(
            "an interval names at least one end, as in 1976-11/1977-02, ../1952 or 1991/..".into(),
        ),
        ("..", end) => Ok(When {
            reach: Reach::Before,
            ..When::on(plain(end)?)
        }),
        (start, "..") => Ok(When {
            reach: Reach::Onwards,
            ..When::on(plain(start)?)
        }),
        (start, end) => {
            let (from, to) = (plain(start)?, plain(end)?);
            if to < from {
                return Err(format!(
                    "the interval ends ({}) before it starts ({})",
                    to.plain(),
                    from.plain()
                ));
            }
            Ok(When {
                end: Some(to),
                reach: Reach::Interval,
                ..When::on(from)
            })
        }
    }
}

impl<'de> Deserialize<'de> for When {
    /// Accepts a string in any form, or a bare year (`date: 1976`).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(WhenVisitor)
    }
}

struct WhenVisitor;

impl Visitor<'_> for WhenVisitor {
    type Value = When;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date: YYYY, YYYY-MM or YYYY-MM-DD (or an EDTF form such as 1976?, 197X, 1976-11/1977-02, ../1952)")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        When::parse(text).map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, year: u64) -> Result<Self::Value, E> {
        self.visit_str(&year.to_string())
    }

    fn visit_i64<E: de::Error>(self, year: i64) -> Result<Self::Value, E> {
        self.visit_str(&year.to_string())
    }
}
