//! The date grammar: any text either is rejected with a message or parses to
//! a date whose display parses back to the same date. A second line, when
//! there is one, is parsed too, to check that the sort key orders dates as
//! `Ord` does.

#![no_main]

use annals::date::HistoricalDate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let date = check(text);
    if let Some((first, second)) = text.split_once('\n') {
        if let (Some(a), Some(b)) = (check(first), check(second)) {
            assert_eq!(a.cmp(&b), a.sort_key().cmp(&b.sort_key()), "{a} vs {b}");
            assert_eq!(a == b, a.cmp(&b).is_eq(), "{a} vs {b}");
        }
    }
    let _ = date;
});

fn check(text: &str) -> Option<HistoricalDate> {
    let date = match HistoricalDate::parse(text) {
        Ok(date) => date,
        Err(message) => {
            assert!(!message.is_empty());
            return None;
        }
    };
    let shown = date.to_string();
    let back = HistoricalDate::parse(&shown)
        .unwrap_or_else(|message| panic!("{text:?} → {shown:?} does not parse: {message}"));
    assert_eq!(back, date, "{text:?} → {shown:?}");
    assert!(date.first_day() <= date.last_day(), "{text:?}");
    let _ = (date.human(), date.datetime(), date.precision());
    Some(date)
}
