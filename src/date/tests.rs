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

fn when(text: &str) -> When {
    When::parse(text).unwrap()
}

#[test]
fn every_edtf_form_reads_back_as_edtf() {
    for (written, edtf) in [
        ("1976", "1976"),
        ("1976?", "1976?"),
        ("1976~", "1976~"),
        ("1976%", "1976%"),
        ("1976-11-05?", "1976-11-05?"),
        ("197X", "197X"),
        ("19XX", "19XX"),
        ("197X?", "197X?"),
        ("1976-11/1977-02", "1976-11/1977-02"),
        ("../1952", "../1952"),
        ("1991/..", "1991/.."),
        ("1259 BCE", "-1258"),
        ("1259 BCE?", "-1258?"),
        ("1259~ BCE", "-1258~"),
    ] {
        assert_eq!(when(written).edtf(), edtf, "{written}");
    }
}

#[test]
fn no_form_invents_a_day() {
    let decade = when("197X");
    assert_eq!(decade.date, date("1970"));
    assert_eq!(decade.end, Some(date("1979")));
    assert_eq!(decade.date.precision(), Precision::Year);
    let century = when("19XX");
    assert_eq!(
        (century.date, century.end),
        (date("1900"), Some(date("1999")))
    );
    assert_eq!(when("10XX").date, date("1000"));
    assert_eq!(when("000X").date, date("0001"));
    let before = when("../1952");
    assert_eq!(
        (before.earliest(), before.latest()),
        (None, Some(date("1952").last_day()))
    );
    let onwards = when("1991/..");
    assert_eq!(
        (onwards.earliest(), onwards.latest()),
        (Some(date("1991").first_day()), None)
    );
    assert_eq!(when("1976-11/1977-02").last(), date("1977-02"));
}

#[test]
fn every_form_in_words_in_every_language() {
    let cases = [
        ("1976?", ["1976?", "¿1976?", "1976 г.?"]),
        ("1976~", ["c. 1976", "h. 1976", "ок. 1976 г."]),
        (
            "1988-05~",
            ["c. May 1988", "h. mayo de 1988", "ок. мая 1988 г."],
        ),
        ("1976%", ["c. 1976?", "¿h. 1976?", "ок. 1976 г.?"]),
        ("197X", ["1970s", "década de 1970", "1970-е годы"]),
        ("19XX", ["1900–1999", "1900–1999", "1900–1999 гг."]),
        ("../1952", ["before 1952", "antes de 1952", "до 1952 г."]),
        (
            "../1945-03",
            [
                "before March 1945",
                "antes de marzo de 1945",
                "до марта 1945 г.",
            ],
        ),
        (
            "../1945-03-14",
            [
                "before 14 March 1945",
                "antes del 14 de marzo de 1945",
                "до 14 марта 1945 г.",
            ],
        ),
        ("1991/..", ["from 1991", "desde 1991", "с 1991 г."]),
        (
            "1976-11/..",
            [
                "from November 1976",
                "desde noviembre de 1976",
                "с ноября 1976 г.",
            ],
        ),
        (
            "2025-05-07/..",
            [
                "from 7 May 2025",
                "desde el 7 de mayo de 2025",
                "с 7 мая 2025 г.",
            ],
        ),
        (
            "1976-11/1977-02",
            [
                "November 1976 – February 1977",
                "noviembre de 1976 – febrero de 1977",
                "ноябрь 1976 г. – февраль 1977 г.",
            ],
        ),
        (
            "1259 BCE?",
            ["1259 BCE?", "¿1259 a. C.?", "1259 г. до н. э.?"],
        ),
    ];
    for (written, expected) in cases {
        let locales = [Locale::English, Locale::Spanish, Locale::Russian];
        for (locale, want) in locales.into_iter().zip(expected) {
            assert_eq!(
                when(written).human_in(locale),
                want,
                "{written} in {locale:?}"
            );
        }
    }
}

#[test]
fn forms_sort_by_earliest_day_then_precision() {
    let mut forms = [
        "1976-11",
        "197X",
        "1976?",
        "../1952",
        "1970",
        "1991/..",
        "1976-11/1977-02",
        "1259 BCE?",
    ];
    forms.sort_by_key(|text| when(text).date);
    assert_eq!(
        forms,
        [
            "1259 BCE?",
            "../1952",
            "197X",
            "1970",
            "1976?",
            "1976-11",
            "1976-11/1977-02",
            "1991/.."
        ]
    );
}

#[test]
fn bad_forms_say_what_to_write_instead() {
    let error = |text: &str| When::parse(text).unwrap_err();
    assert_eq!(
        error("197x"),
        "invalid date \"197x\": write unspecified digits as a capital X: 197X"
    );
    assert_eq!(
        error("1XXX"),
        "invalid date \"1XXX\": only the last one or two digits of a four-digit year can be X, as in 197X (the 1970s) or 19XX (the 1900s)"
    );
    assert_eq!(
        error("1985-XX"),
        "invalid date \"1985-XX\": only the digits of a year can be unspecified: for a month not known write the year alone, as in 1985"
    );
    assert_eq!(
        error("197X BCE"),
        "invalid date \"197X BCE\": unspecified digits are for years of the common era; before it, write a span: `date: 1979 BCE` and `end: 1970 BCE`"
    );
    assert_eq!(
        error("1976?~"),
        "invalid date \"1976?~\": write one qualifier: ? uncertain, ~ approximate, % both"
    );
    assert_eq!(
        error("1976?-11"),
        "invalid date \"1976?-11\": write ?, ~ or % once, after the whole date, as in 1976-11?"
    );
    assert_eq!(
        error("1977-02/1976-11"),
        "invalid date \"1977-02/1976-11\": the interval ends (1976-11) before it starts (1977-02)"
    );
    assert_eq!(
        error("1976~/1977"),
        "invalid date \"1976~/1977\": the ends of an interval are plain dates; for an approximate one write `date:` and `end:` with `circa: true`"
    );
    assert_eq!(
        error("../.."),
        "invalid date \"../..\": an interval names at least one end, as in 1976-11/1977-02, ../1952 or 1991/.."
    );
    assert_eq!(
        error("1976-02-30?"),
        "invalid date \"1976-02-30?\": February has 29 days in 1976"
    );
    assert_eq!(
        error("1976-13/1977"),
        "invalid date \"1976-13/1977\": the month must be 01 to 12"
    );
}
