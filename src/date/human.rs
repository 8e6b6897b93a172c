//! Dates for readers, in the language of an edition.
//!
//! The grammar of each language lives in [`HistoricalDate::human_in`]; month
//! names come from the glibc locale data of `pure-rust-locales` (Russian
//! needs both the genitive, «7 мая», and the nominative, «ноябрь 1976 г.»).

use pure_rust_locales::{es_ES, ru_RU};

use super::{HistoricalDate, MONTHS, Reach, When};

/// A language annals can write dates in. Any other language tag reads dates
/// in English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    /// `7 May 2025`, `c. 1259 BCE`.
    #[default]
    English,
    /// `7 de mayo de 2025`, `h. 1259 a. C.`.
    Spanish,
    /// `7 мая 2025 г.`, `ок. 1259 г. до н. э.`.
    Russian,
}

impl Locale {
    /// The locale of a BCP 47 language tag, by its primary subtag: `es-VE`
    /// is Spanish; unknown languages are English.
    pub fn of(tag: &str) -> Locale {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "es" => Locale::Spanish,
            "ru" => Locale::Russian,
            _ => Locale::English,
        }
    }

    /// The word or abbreviation before an approximate date.
    pub fn circa(self) -> &'static str {
        match self {
            Locale::English => "c.",
            Locale::Spanish => "h.",
            Locale::Russian => "ок.",
        }
    }

    /// A year as historians write it, `-500` being 500 BCE: `500 BCE`,
    /// `500 a. C.`, `500 г. до н. э.`; common-era years are bare numbers.
    pub fn year_label(self, year: i64) -> String {
        if year >= 0 {
            return year.to_string();
        }
        match self {
            Locale::English => format!("{} BCE", -year),
            Locale::Spanish => format!("{} a. C.", -year),
            Locale::Russian => format!("{} г. до н. э.", -year),
        }
    }

    /// A decade heading: `1970s`, `años 1970`, `1970-е`, BCE marked.
    pub fn decade_label(self, decade: u32, bce: bool) -> String {
        match (self, bce) {
            (Locale::English, false) => format!("{decade}s"),
            (Locale::English, true) => format!("{decade}s BCE"),
            (Locale::Spanish, false) => format!("años {decade}"),
            (Locale::Spanish, true) => format!("años {decade} a. C."),
            (Locale::Russian, false) => format!("{decade}-е"),
            (Locale::Russian, true) => format!("{decade}-е гг. до н. э."),
        }
    }
}

/// The month's name as it stands alone or after a day, lowercase where the
/// language writes it so.
fn month_name(locale: Locale, month: u32, after_day: bool) -> String {
    let index = month.clamp(1, 12) as usize - 1;
    match locale {
        Locale::English => MONTHS[index].to_string(),
        Locale::Spanish => es_ES::LC_TIME::MON[index].to_string(),
        Locale::Russian if after_day => ru_RU::LC_TIME::MON[index].to_string(),
        Locale::Russian => ru_RU::LC_TIME::ALT_MON
            .map_or(ru_RU::LC_TIME::MON[index], |names| names[index])
            .to_lowercase(),
    }
}

impl HistoricalDate {
    /// The date for readers of `locale`, at the precision written:
    /// `14 March 1945`, `14 de marzo de 1945`, `14 марта 1945 г.`;
    /// `November 1976`, `noviembre de 1976`, `ноябрь 1976 г.`; `1259 BCE`,
    /// `1259 a. C.`, `1259 г. до н. э.`.
    pub fn human_in(&self, locale: Locale) -> String {
        self.words(locale, true)
    }

    /// The date as the start of a range that ends on `end`: without its
    /// year when both have a month in the same year, as
    /// `18 de junio – 4 de agosto de 860` writes it.
    pub fn human_before(&self, end: &HistoricalDate, locale: Locale) -> String {
        let same_year = self.year() == end.year() && self.is_bce() == end.is_bce();
        let shared = same_year && self.month.is_some() && end.month.is_some();
        self.words(locale, !shared)
    }

    fn words(&self, locale: Locale, with_year: bool) -> String {
        let (day, month) = (self.day, self.month);
        let name = |after_day| month.map(|m| month_name(locale, m, after_day));
        let year = match with_year {
            true => self.year_words(locale),
            false => String::new(),
        };
        let joined = |parts: &[&str], sep: &str| {
            let parts: Vec<&str> = parts.iter().copied().filter(|p| !p.is_empty()).collect();
            parts.join(sep)
        };
        let genitive = locale != Locale::Russian || day.is_some();
        let sep = if locale == Locale::Spanish {
            " de "
        } else {
            " "
        };
        match (day.map(|d| d.to_string()), name(genitive)) {
            (Some(d), Some(m)) => joined(&[&joined(&[&d, &m], sep), &year], sep),
            (None, Some(m)) => joined(&[&m, &year], sep),
            _ => self.year_words(locale),
        }
    }

    /// The year with its era: `1259 BCE`, `1259 a. C.`, `1259 г. до н. э.`.
    fn year_words(&self, locale: Locale) -> String {
        let year = self.year();
        let era = match (locale, self.is_bce()) {
            (Locale::English, true) => " BCE",
            (Locale::Spanish, true) => " a. C.",
            (Locale::Russian, true) => " г. до н. э.",
            (Locale::Russian, false) => " г.",
            _ => "",
        };
        format!("{year}{era}")
    }
}

/// A readable span in `locale`: `septiembre de 1814 – 9 de junio de 1815`,
/// `ок. 1259 г. до н. э.`.
pub fn human_span_in(
    start: &HistoricalDate,
    end: Option<&HistoricalDate>,
    circa: bool,
    locale: Locale,
) -> String {
    let prefix = if circa {
        format!("{} ", locale.circa())
    } else {
        String::new()
    };
    let first = match (circa, locale) {
        (true, Locale::Russian) => russian_genitive(start),
        _ => start.human_in(locale),
    };
    match end {
        Some(end) if !(circa && locale == Locale::Russian) => format!(
            "{prefix}{} – {}",
            start.human_before(end, locale),
            end.human_in(locale)
        ),
        Some(end) => format!("{prefix}{first} – {}", end.human_in(locale)),
        None => format!("{prefix}{first}"),
    }
}

/// A [`When`] in words: the span with "c." before it, the decade, the
/// open end, and "?" after a date the record doubts.
pub(super) fn when_in(when: &When, locale: Locale) -> String {
    let circa = when.is_circa();
    let text = match when.reach {
        Reach::Closed | Reach::Interval => {
            human_span_in(&when.date, when.end.as_ref(), circa, locale)
        }
        reach => {
            let words = reach_in(reach, &when.date, when.end.as_ref(), locale);
            match circa {
                true => format!("{} {words}", locale.circa()),
                false => words,
            }
        }
    };
    match (when.certainty.is_uncertain(), locale) {
        (false, _) => text,
        (true, Locale::Spanish) => format!("¿{text}?"),
        (true, _) => format!("{text}?"),
    }
}

/// `1970s`, `1900–1999`, `before 1952`, `from 1991`, in `locale`.
fn reach_in(
    reach: Reach,
    date: &HistoricalDate,
    end: Option<&HistoricalDate>,
    locale: Locale,
) -> String {
    let year = date.year();
    let last = end.map_or(year, HistoricalDate::year);
    match (reach, locale) {
        (Reach::Unspecified(1), Locale::English) => format!("{year}s"),
        (Reach::Unspecified(1), Locale::Spanish) => format!("década de {year}"),
        (Reach::Unspecified(1), Locale::Russian) => format!("{year}-е годы"),
        (Reach::Unspecified(_), Locale::Russian) => format!("{year}–{last} гг."),
        (Reach::Unspecified(_), _) => format!("{year}–{last}"),
        (Reach::Before, Locale::English) => format!("before {}", date.human_in(locale)),
        (Reach::Before, Locale::Spanish) => format!("antes {}", spanish_of(date)),
        (Reach::Before, Locale::Russian) => format!("до {}", russian_genitive(date)),
        (Reach::Onwards, Locale::English) => format!("from {}", date.human_in(locale)),
        (Reach::Onwards, Locale::Spanish) => match date.day {
            Some(_) => format!("desde el {}", date.human_in(locale)),
            None => format!("desde {}", date.human_in(locale)),
        },
        (Reach::Onwards, Locale::Russian) => format!("с {}", russian_genitive(date)),
        (Reach::Closed | Reach::Interval, _) => human_span_in(date, end, false, locale),
    }
}

/// "de 1952", "del 14 de marzo de 1945": a Spanish date after a
/// preposition.
fn spanish_of(date: &HistoricalDate) -> String {
    match date.day {
        Some(_) => format!("del {}", date.human_in(Locale::Spanish)),
        None => format!("de {}", date.human_in(Locale::Spanish)),
    }
}

/// A Russian date in the genitive, as after «до» and «с»: «марта 1945 г.».
fn russian_genitive(date: &HistoricalDate) -> String {
    match (date.day, date.month) {
        (None, Some(month)) => {
            let era = if date.is_bce() {
                " г. до н. э."
            } else {
                " г."
            };
            format!(
                "{} {}{era}",
                month_name(Locale::Russian, month, true),
                date.year()
            )
        }
        _ => date.human_in(Locale::Russian),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn human(text: &str, locale: Locale) -> String {
        HistoricalDate::parse(text).unwrap().human_in(locale)
    }

    #[test]
    fn every_precision_in_every_language() {
        let cases = [
            (
                "2025-05-07",
                ["7 May 2025", "7 de mayo de 2025", "7 мая 2025 г."],
            ),
            (
                "1976-11",
                ["November 1976", "noviembre de 1976", "ноябрь 1976 г."],
            ),
            ("1976", ["1976", "1976", "1976 г."]),
            ("1259 BCE", ["1259 BCE", "1259 a. C.", "1259 г. до н. э."]),
            (
                "0044-03-15 BCE",
                [
                    "15 March 44 BCE",
                    "15 de marzo de 44 a. C.",
                    "15 марта 44 г. до н. э.",
                ],
            ),
            (
                "0044-03 BCE",
                ["March 44 BCE", "marzo de 44 a. C.", "март 44 г. до н. э."],
            ),
        ];
        for (date, expected) in cases {
            let locales = [Locale::English, Locale::Spanish, Locale::Russian];
            for (locale, want) in locales.into_iter().zip(expected) {
                assert_eq!(human(date, locale), want, "{date} in {locale:?}");
            }
        }
    }

    #[test]
    fn english_is_unchanged() {
        for text in [
            "2025-05-07",
            "1976-11",
            "1976",
            "1259 BCE",
            "0001-01-01 BCE",
        ] {
            let date = HistoricalDate::parse(text).unwrap();
            assert_eq!(date.human_in(Locale::English), date.human());
        }
    }

    #[test]
    fn circa_and_ranges() {
        let date = |text| HistoricalDate::parse(text).unwrap();
        let bce = date("1259 BCE");
        assert_eq!(
            human_span_in(&bce, None, true, Locale::English),
            "c. 1259 BCE"
        );
        assert_eq!(
            human_span_in(&bce, None, true, Locale::Spanish),
            "h. 1259 a. C."
        );
        assert_eq!(
            human_span_in(&bce, None, true, Locale::Russian),
            "ок. 1259 г. до н. э."
        );
        let (start, end) = (date("1814-09"), date("1815-06-09"));
        assert_eq!(
            human_span_in(&start, Some(&end), false, Locale::Spanish),
            "septiembre de 1814 – 9 de junio de 1815"
        );
        assert_eq!(
            human_span_in(&start, Some(&end), false, Locale::Russian),
            "сентябрь 1814 г. – 9 июня 1815 г."
        );
    }

    #[test]
    fn a_range_within_one_year_writes_the_year_once() {
        let date = |text| HistoricalDate::parse(text).unwrap();
        let (start, end) = (date("0860-06-18"), date("0860-08-04"));
        let spans: Vec<String> = [Locale::English, Locale::Spanish, Locale::Russian]
            .into_iter()
            .map(|locale| human_span_in(&start, Some(&end), false, locale))
            .collect();
        assert_eq!(
            spans,
            [
                "18 June – 4 August 860",
                "18 de junio – 4 de agosto de 860",
                "18 июня – 4 августа 860 г."
            ]
        );
        let (start, end) = (date("0044-01 BCE"), date("0044-03-15 BCE"));
        assert_eq!(
            human_span_in(&start, Some(&end), false, Locale::Russian),
            "январь – 15 марта 44 г. до н. э."
        );
        let (start, end) = (date("1976-03-02"), date("1976"));
        assert_eq!(
            human_span_in(&start, Some(&end), false, Locale::English),
            "2 March 1976 – 1976",
            "a year alone at the end keeps the start whole"
        );
    }

    #[test]
    fn language_tags_pick_a_locale() {
        assert_eq!(Locale::of("es-VE"), Locale::Spanish);
        assert_eq!(Locale::of("ru"), Locale::Russian);
        assert_eq!(Locale::of("en-GB"), Locale::English);
        assert_eq!(Locale::of("fr"), Locale::English);
        assert_eq!(Locale::Russian.year_label(-500), "500 г. до н. э.");
        assert_eq!(Locale::Spanish.decade_label(1970, false), "años 1970");
    }
}
