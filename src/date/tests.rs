use super::*;

fn date(text: &str) -> HistoricalDate {
    HistoricalDate::parse(text).unwrap()
}

fn error(text: &str) -> String {
    HistoricalDate::parse(text).unwrap_err()
}

#[test]
fn plain_dates_drop_the_padding_of_the_year() {
    assert_eq!(date("0988").plain(), "988");
    assert_eq!(date("0988-02").plain(), "988-02");
    assert_eq!(date("0044 BCE").plain(), "44 BCE");
    assert_eq!(date("1945-03-14").plain(), "1945-03-14");
}

#[test]
fn every_form_parses_at_its_precision() {
    assert_eq!(date("1976").precision(), Precision::Year);
    assert_eq!(date("1976-11").precision(), Precision::Month);
    assert_eq!(date("1945-03-14").precision(), Precision::Day);
    assert_eq!(date("1259 BCE").year(), 1259);
    assert!(date("1259 BCE").is_bce());
    assert_eq!(date("44").year(), 44);
    assert_eq!(date("0044-03-15 BCE").human(), "15 March 44 BCE");
}

#[test]
fn human_display_keeps_precision() {
    assert_eq!(date("1976").human(), "1976");
    assert_eq!(date("1976-11").human(), "November 1976");
    assert_eq!(date("1945-03-14").human(), "14 March 1945");
    assert_eq!(date("1259 BCE").human(), "1259 BCE");
    let (start, end) = (date("1814-09"), date("1815-06-09"));
    assert_eq!(
        human_span(&start, Some(&end), false),
        "September 1814 – 9 June 1815"
    );
    assert_eq!(human_span(&date("1259 BCE"), None, true), "c. 1259 BCE");
}

#[test]
fn datetime_is_html_valid_or_absent() {
    assert_eq!(date("1976").datetime().as_deref(), Some("1976"));
    assert_eq!(date("476-09").datetime().as_deref(), Some("0476-09"));
    assert_eq!(date("1945-03-14").datetime().as_deref(), Some("1945-03-14"));
    assert_eq!(date("1259 BCE").datetime(), None);
}

#[test]
fn invalid_days_name_the_month_length() {
    assert_eq!(
        error("2025-02-30"),
        "invalid date \"2025-02-30\": February has 28 days in 2025"
    );
    assert_eq!(
        error("2025-02-29"),
        "invalid date \"2025-02-29\": February has 28 days in 2025"
    );
    assert!(HistoricalDate::parse("2024-02-29").is_ok());
    assert!(HistoricalDate::parse("2000-02-29").is_ok());
    assert!(error("1900-02-29").contains("February has 28 days in 1900"));
    assert!(error("2025-04-31").contains("April has 30 days"));
    assert!(error("2025-01-32").contains("January has 31 days"));
    assert!(error("2025-01-00").contains("January has 31 days"));
}

#[test]
fn malformed_dates_say_what_was_expected() {
    for bad in [
        "",
        "2025-2-3",
        "+2025",
        "-44",
        "1976-",
        "abc",
        "2025/05/07",
        "1976-11-05-01",
    ] {
        let message = error(bad);
        assert!(message.starts_with("invalid date"), "{bad}: {message}");
    }
    assert!(error("0").contains("no year 0"));
    assert!(error("300000").contains("between 1 and 9999"));
    assert!(error("2025-00").contains("01 to 12"));
    assert!(error("2025-13").contains("01 to 12"));
    assert!(error("2025-05-07T10:00").contains("no time of day"));
    assert!(error("1259BCE").contains("space before"));
}

#[test]
fn bce_comes_before_ce_and_precision_breaks_ties() {
    let mut dates = [
        date("1976-11"),
        date("1976"),
        date("1 BCE"),
        date("1259 BCE"),
        date("1976-01-01"),
        date("1"),
        date("1945-03-14"),
    ];
    dates.sort();
    let shown: Vec<String> = dates.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "1259 BCE",
            "0001 BCE",
            "0001",
            "1945-03-14",
            "1976",
            "1976-01-01",
            "1976-11"
        ]
    );
}

#[test]
fn canonical_display_parses_back() {
    for text in [
        "1976",
        "1976-11",
        "1945-03-14",
        "1259 BCE",
        "0044-03-15 BCE",
    ] {
        let parsed = date(text);
        assert_eq!(date(&parsed.to_string()), parsed);
    }
}

#[test]
fn sort_key_orders_as_dates_do() {
    let mut dates = [
        date("1976"),
        date("1259 BCE"),
        date("1945-03-14"),
        date("1 BCE"),
    ];
    dates.sort();
    let keys: Vec<String> = dates.iter().map(HistoricalDate::sort_key).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn span_of_partial_dates() {
    assert_eq!(date("1976").last_day().to_string(), "1976-12-31");
    assert_eq!(date("2024-02").last_day().to_string(), "2024-02-29");
    assert_eq!(date("1976-11").first_day().to_string(), "1976-11-01");
}
