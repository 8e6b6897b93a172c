//! Interface strings: headings, labels and notes in each edition's language.
//!
//! annals carries its own strings for English, Spanish and Russian
//! (`src/i18n/<code>.yaml`, embedded); a site's `i18n/<code>.yaml` replaces
//! any of them and supplies every string for other languages. Every key of
//! the English set must be present, so a template never shows a blank; a
//! missing one is an error naming the file and the key, except the keys
//! added since sites began to ship their own strings, which fall back to
//! the built-in English ones. Templates read the
//! strings as `t` (`{{ t.sources }}`); a value may hold `{n}`-style
//! placeholders and plural forms separated by `|` (see [`plural`]).

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use serde::Serialize;

use crate::error::{Error, Position, Result};
use crate::front_matter;
use crate::load::Text;

/// The folder of a site's own strings, relative to the root.
pub const DIR: &str = crate::load::STRINGS_DIR;

/// The built-in strings, by language code.
const BUILT_IN: [(&str, &str); 3] = [
    ("en", include_str!("i18n/en.yaml")),
    ("es", include_str!("i18n/es.yaml")),
    ("ru", include_str!("i18n/ru.yaml")),
];

/// Keys added after sites began to ship strings of their own: a site's file
/// without one of them gets the built-in English string, so that a new
/// version of annals never breaks a site that builds today.
const LATER: &[&str] = &[
    "no_events",
    "theme_dark",
    "axis_detail",
    "axis_detailed",
    "axis_list",
    "axis_scroll",
    "archived",
    "archived_copy",
    "accessed",
    "cited_in",
    "sources_count",
    "bibliography_intro",
    "stage_signed",
    "stage_ratified",
    "stage_acceded",
    "stage_in_force",
    "stage_suspended",
    "stage_denounced",
    "stage_expired",
    "stage_terminated",
    "lifecycle",
    "stage_by",
    "agreements",
    "in_force_on",
    "in_force_hint",
    "in_force_status",
    "in_force_since",
    "in_force_span",
    "not_in_force",
    "key_vague",
    "key_uncertain",
    "bibliography_translated",
    "bibliography_complete",
];

/// Keys added with declared actors and pages, taken from English when a
/// site's own strings lack them.
const LATER_ACTORS_AND_PAGES: [&str; 29] = [
    "actor_stages",
    "role_host",
    "role_guest",
    "role_signatory",
    "role_mediator",
    "role_party",
    "role_observer",
    "role_guarantor",
    "role_witness",
    "kind_state",
    "kind_person",
    "kind_organisation",
    "kind_other",
    "also_known_as",
    "actor_dates",
    "actor_since",
    "actor_until",
    "succeeded_by",
    "successor_of",
    "as_continuator",
    "as_successor",
    "and",
    "line",
    "line_intro",
    "relations",
    "relations_with",
    "pair_intro",
    "wikidata",
    "untranslated_page",
];

/// One language's interface strings, by key.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(transparent)]
pub struct Strings(BTreeMap<String, String>);

impl Strings {
    /// The strings of `code`: the built-in ones of its primary language,
    /// replaced by the site's `i18n/<code>.yaml`. `english_fallback` lets a
    /// language annals has no strings for start from English (a site of one
    /// language, as before editions existed).
    pub fn new(code: &str, own: Option<&Text>, english_fallback: bool) -> Result<Strings> {
        let english = built_in("en")?;
        let primary = code.split('-').next().unwrap_or(code);
        let mut strings = match BUILT_IN.iter().any(|(c, _)| *c == primary) {
            true => built_in(primary)?,
            false if english_fallback => english.clone(),
            false => BTreeMap::new(),
        };
        let path = own.map_or_else(
            || PathBuf::from(DIR).join(format!("{code}.yaml")),
            |own| own.path.clone(),
        );
        if let Some(own) = own.filter(|own| !own.text.trim().is_empty()) {
            let own: BTreeMap<String, String> = front_matter::parse(&path, &own.text, 1)?;
            strings.extend(own);
        }
        for &key in LATER.iter().chain(&LATER_ACTORS_AND_PAGES) {
            if let (false, Some(text)) = (strings.contains_key(key), english.get(key)) {
                strings.insert(key.to_string(), text.clone());
            }
        }
        let missing = english
            .keys()
            .filter(|key| !strings.contains_key(*key))
            .map(|key| Error::content(Position::file(&path), format!("missing key `{key}`")))
            .collect();
        Error::collect(missing)?;
        Ok(Strings(strings))
    }

    /// The string of `key`; empty if there is none (every key is checked
    /// when loading).
    pub fn get(&self, key: &str) -> &str {
        self.0.get(key).map_or("", String::as_str)
    }

    /// The string of `key` with its `{name}` placeholders filled in.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(self.get(key), values)
    }

    /// The plural form of `key` for `n`, its `{n}` filled in.
    pub fn count(&self, key: &str, n: usize) -> String {
        plural(self.get(key), n)
    }
}

fn built_in(code: &str) -> Result<BTreeMap<String, String>> {
    let text = BUILT_IN
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("", |(_, text)| text);
    let path = PathBuf::from("src/i18n").join(format!("{code}.yaml"));
    front_matter::parse(&path, text, 1)
}

/// Replaces every `{name}` of `text` by its value.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(text.to_string(), |text, (name, value)| {
        text.replace(&format!("{{{name}}}"), value)
    })
}

/// Picks the plural form of `forms` for `n` and fills in `{n}`. Two forms
/// (`one|other`) follow English and Spanish, `1` being singular; three
/// (`one|few|many`) follow Russian: 1, 21, 31… ; 2–4, 22–24…; the rest.
/// One form is used for every number.
pub fn plural(forms: &str, n: usize) -> String {
    let forms: Vec<&str> = forms.split('|').collect();
    let index = match forms.len() {
        3 if n % 10 == 1 && n % 100 != 11 => 0,
        3 if (2..=4).contains(&(n % 10)) && !(12..=14).contains(&(n % 100)) => 1,
        3 => 2,
        2 if n == 1 => 0,
        2 => 1,
        _ => 0,
    };
    fill(forms[index.min(forms.len() - 1)], &[("n", &n.to_string())])
}

/// The Tera filter `plural`: `{{ t.events_count | plural(n=count) }}`.
pub fn plural_filter(
    value: &tera::Value,
    args: &HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let forms = value
        .as_str()
        .ok_or_else(|| tera::Error::msg("plural: the value must be a string of forms"))?;
    let n = args
        .get("n")
        .and_then(tera::Value::as_u64)
        .ok_or_else(|| tera::Error::msg("plural: give n, a number of zero or more"))?;
    Ok(tera::Value::String(plural(forms, n as usize)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_forms_follow_each_language() {
        let ru = "{n} событие|{n} события|{n} событий";
        let shown: Vec<String> = [1, 2, 5, 11, 12, 21, 22, 25, 111]
            .iter()
            .map(|&n| plural(ru, n))
            .collect();
        assert_eq!(
            shown,
            [
                "1 событие",
                "2 события",
                "5 событий",
                "11 событий",
                "12 событий",
                "21 событие",
                "22 события",
                "25 событий",
                "111 событий"
            ]
        );
        assert_eq!(plural("{n} event|{n} events", 1), "1 event");
        assert_eq!(plural("{n} event|{n} events", 0), "0 events");
    }

    #[test]
    fn built_in_languages_have_every_key() {
        let english = Strings::new("en", None, false).unwrap();
        for code in ["es", "ru", "es-VE"] {
            let strings = Strings::new(code, None, false).unwrap();
            assert_eq!(strings.0.len(), english.0.len(), "{code}");
        }
        assert_eq!(
            Strings::new("fr", None, true).unwrap().get("sources"),
            "Sources"
        );
    }

    #[test]
    fn a_language_without_strings_names_the_missing_keys() {
        let error = Strings::new("fr", None, false).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("i18n/fr.yaml: missing key `sources`"),
            "{error}"
        );
    }
}
