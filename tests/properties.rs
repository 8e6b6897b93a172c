//! Property tests: the date grammar, the order of dates and slugification
//! hold for any input, not just the examples in the unit tests.

use annals::date::HistoricalDate;
use annals::slug::{MAX_LEN, slugify};
use proptest::prelude::*;

/// Any valid date, at any precision, BCE or CE.
fn any_date() -> impl Strategy<Value = HistoricalDate> {
    (1u32..=9999, any::<bool>(), 0u32..=12, 0u32..=31).prop_filter_map(
        "a calendar date",
        |(year, bce, month, day)| {
            let mut text = format!("{year:04}");
            if month > 0 {
                text.push_str(&format!("-{month:02}"));
                if day > 0 {
                    text.push_str(&format!("-{day:02}"));
                }
            }
            if bce {
                text.push_str(" BCE");
            }
            HistoricalDate::parse(&text).ok()
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_string_parses_and_round_trips_or_is_rejected_with_a_message(text in "\\PC{0,24}") {
        match HistoricalDate::parse(&text) {
            Ok(date) => prop_assert_eq!(HistoricalDate::parse(&date.to_string()), Ok(date)),
            Err(message) => prop_assert!(message.starts_with("invalid date"), "{}", message),
        }
    }

    #[test]
    fn date_like_strings_round_trip_or_are_rejected(text in "[0-9]{1,6}(-[0-9]{1,3}(-[0-9]{1,3})?)?( BCE)?") {
        match HistoricalDate::parse(&text) {
            Ok(date) => prop_assert_eq!(HistoricalDate::parse(&date.to_string()), Ok(date)),
            Err(message) => prop_assert!(message.starts_with("invalid date"), "{}", message),
        }
    }

    #[test]
    fn every_valid_date_round_trips(date in any_date()) {
        prop_assert_eq!(HistoricalDate::parse(&date.to_string()), Ok(date));
        prop_assert!(date.first_day() <= date.last_day());
    }

    #[test]
    fn order_is_total_and_consistent_with_the_calendar(a in any_date(), b in any_date(), c in any_date()) {
        // Antisymmetric and total: exactly one of <, ==, > holds, and only equal dates compare equal.
        prop_assert_eq!(a.cmp(&b), b.cmp(&a).reverse());
        prop_assert_eq!(a.cmp(&b) == std::cmp::Ordering::Equal, a == b);
        // Transitive.
        if a <= b && b <= c {
            prop_assert!(a <= c);
        }
        // Consistent with the calendar: a date wholly before another sorts first.
        if a.last_day() < b.first_day() {
            prop_assert!(a < b);
        }
        // The text sort key orders as dates do.
        prop_assert_eq!(a.sort_key().cmp(&b.sort_key()), a.cmp(&b));
    }

    #[test]
    fn slugs_are_idempotent_and_safe(text in "\\PC{0,400}") {
        let slug = slugify(&text);
        prop_assert_eq!(slugify(&slug), slug.clone());
        prop_assert!(slug.len() <= MAX_LEN);
        prop_assert!(slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{}", slug);
        prop_assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"), "{}", slug);
        prop_assert!(slug != "." && slug != "..");
        let reserved = ["con", "prn", "aux", "nul", "index"];
        prop_assert!(!reserved.contains(&slug.as_str()));
        prop_assert!(!(slug.len() == 4 && (slug.starts_with("com") || slug.starts_with("lpt")) && slug.ends_with(|c: char| c.is_ascii_digit() && c != '0')));
    }
}
