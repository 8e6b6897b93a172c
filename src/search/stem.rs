//! Word families: the Snowball stem of every word, so that "treaties"
//! finds "treaty" and "Москве" finds "Москва".
//!
//! The build stems with the `rust-stemmers` crate; the page must stem what
//! the reader types the same way, so the edition's `search/stem.js` holds
//! the same Snowball algorithm compiled to JavaScript (`snowball/`, from the
//! sources rust-stemmers ships). A stem table could not do: the reader's
//! word ("treaties") is often in no event, so only the algorithm knows its
//! stem. Both sides stem the lowercase word as written, composed (NFC),
//! and fold the stem as words are folded (`words::fold`), so that accents
//! stay optional.

use std::borrow::Cow;
use std::collections::HashMap;

use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

use super::words::{Field, Kind, Lists, Word, fold};

/// The runtime every generated stemmer needs.
const BASE: &str = include_str!("snowball/base.js");

/// A language the search stems, and its page-side script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Language {
    /// Porter2.
    English,
    /// Snowball Spanish.
    Spanish,
    /// Snowball Russian.
    Russian,
}

impl Language {
    /// The stemmed language of a BCP 47 tag, by its primary subtag; `None`
    /// for languages without a stemmer here, whose words match as written.
    pub(crate) fn of(tag: &str) -> Option<Language> {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "en" => Some(Language::English),
            "es" => Some(Language::Spanish),
            "ru" => Some(Language::Russian),
            _ => None,
        }
    }

    fn algorithm(self) -> Algorithm {
        match self {
            Language::English => Algorithm::English,
            Language::Spanish => Algorithm::Spanish,
            Language::Russian => Algorithm::Russian,
        }
    }

    /// The generated stemmer and the name of the constructor it defines.
    fn source(self) -> (&'static str, &'static str) {
        match self {
            Language::English => (include_str!("snowball/english.js"), "English"),
            Language::Spanish => (include_str!("snowball/spanish.js"), "Spanish"),
            Language::Russian => (include_str!("snowball/russian.js"), "Russian"),
        }
    }
}

/// Stems words of one language, as `search/stem.js` does in the page.
pub(crate) struct Stems {
    stemmer: Stemmer,
}

impl Stems {
    pub(crate) fn new(language: Language) -> Stems {
        Stems {
            stemmer: Stemmer::create(language.algorithm()),
        }
    }

    /// The folded stem of a lowercase word as written.
    pub(crate) fn key(&self, form: &str) -> String {
        let composed: Cow<'_, str> = match form.is_ascii() {
            true => Cow::Borrowed(form),
            false => Cow::Owned(form.nfc().collect()),
        };
        fold(&self.stemmer.stem(&composed))
    }
}

/// The word families of `words` (all of kind [`Kind::Form`]): for each
/// stem, the events of its words, each under its best field.
///
/// `search.js` looks a term's stem up among the families, and, when there
/// is no family of that key, among the words of that key whose stem it is.
/// So a family is left out when its words are all of its key.
pub(crate) fn families(words: &[Word], stems: &Stems) -> Vec<Word> {
    let stemmed: Vec<String> = words.par_iter().map(|word| stems.key(&word.form)).collect();
    let mut members: HashMap<&str, Vec<&Word>> = HashMap::new();
    for (word, stem) in words.iter().zip(&stemmed) {
        members.entry(stem).or_default().push(word);
    }
    members
        .iter()
        .filter(|(stem, words)| words.iter().any(|word| word.key != **stem))
        .map(|(stem, words)| family(stem, words))
        .collect()
}

/// A family of `words`: each event once, under its best field.
fn family(stem: &str, words: &[&Word]) -> Word {
    let mut best: HashMap<u32, Field> = HashMap::new();
    for word in words {
        for (field, list) in [Field::Title, Field::Names, Field::Text]
            .into_iter()
            .zip(&word.lists)
        {
            for &id in list {
                let at = best.entry(id).or_insert(field);
                *at = (*at).min(field);
            }
        }
    }
    let mut lists = Lists::default();
    for (id, field) in best {
        lists[field as usize].push(id);
    }
    lists.iter_mut().for_each(|list| list.sort_unstable());
    Word {
        key: stem.to_string(),
        form: String::new(),
        lists,
        kind: Kind::Stem,
    }
}

/// The script `search/stem.js`: the stemmer, which hands `search.js` a
/// function from a lowercase composed word to its stem. The generated code
/// is kept as generated in the source; its comments and indentation are
/// left out here.
pub(crate) fn script(language: Language) -> String {
    let (source, name) = language.source();
    let mut out = format!("(function(){{\nvar BaseStemmer,{name};\n");
    for text in [BASE, source] {
        for line in strip_comments(text).lines() {
            if !line.trim().is_empty() {
                out.push_str(line.trim());
                out.push('\n');
            }
        }
    }
    out.push_str(&format!(
        "var stemmer=new {name}();\nannalsShard(\"stem\",function(word){{return stemmer.stemWord(word);}});\n}})();\n"
    ));
    out
}

/// JavaScript without its comments. Enough for the generated stemmers,
/// which have strings but no regular expressions or template literals.
fn strip_comments(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut chars = code.chars().peekable();
    let mut quote = None;
    while let Some(c) = chars.next() {
        match (quote, c, chars.peek()) {
            (Some(q), _, _) => {
                out.push(c);
                if c == '\\' {
                    out.extend(chars.next());
                } else if c == q {
                    quote = None;
                }
            }
            (None, '/', Some('/')) => while chars.next_if(|&c| c != '\n').is_some() {},
            (None, '/', Some('*')) => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                out.push(' ');
            }
            (None, '"' | '\'', _) => {
                quote = Some(c);
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_families_share_a_key() {
        let en = Stems::new(Language::English);
        assert_eq!(en.key("treaties"), en.key("treaty"));
        let ru = Stems::new(Language::Russian);
        assert_eq!(ru.key("москве"), ru.key("москва"));
        let es = Stems::new(Language::Spanish);
        assert_eq!(es.key("moscú"), "moscu");
        assert_eq!(es.key("acuerdos"), es.key("acuerdo"));
    }

    #[test]
    fn decomposed_accents_stem_as_composed_ones() {
        let es = Stems::new(Language::Spanish);
        assert_eq!(es.key("relacio\u{301}n"), es.key("relación"));
    }

    #[test]
    fn only_known_languages_are_stemmed() {
        assert_eq!(Language::of("es-VE"), Some(Language::Spanish));
        assert_eq!(Language::of("RU"), Some(Language::Russian));
        assert_eq!(Language::of("fr"), None);
    }

    #[test]
    fn the_script_keeps_code_and_drops_comments() {
        assert_eq!(strip_comments("var /** n */ v = 2; // do"), "var   v = 2; ");
        assert_eq!(strip_comments("a = '/*'; /* x\n * y */ b"), "a = '/*';   b");
        assert_eq!(strip_comments("s = \"\\\"//\";"), "s = \"\\\"//\";");
        let script = script(Language::Russian);
        assert!(!script.contains("/*"), "{script}");
        assert!(script.ends_with("})();\n"));
    }
}
