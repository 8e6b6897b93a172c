//! Language editions: the chronology as each of the site's languages reads
//! it.
//!
//! The default language is published at the output root and every other one
//! under `<code>/`. An edition is the site's [`Config`] and [`Chronology`]
//! seen in one language: its title, base URL and era names, and its events
//! translated, or in the original language and marked so (`shown_in`) where
//! no translation exists. A secondary edition publishes pages only for the
//! events it translates ([`Edition::has_page`]): its listings, search and
//! links show the others from the default edition, marked with their
//! language, so that no page exists twice in the same words.

use std::collections::BTreeMap;

use crate::chronology::Chronology;
use crate::config::{Config, Language};
use crate::error::Result;
use crate::event::{Body, Event};
use crate::i18n::Strings;
use crate::load::Text;
use crate::page::ContentPage;
use crate::page_path::PagePath;
use crate::search;

/// One language edition, ready to render.
pub struct Edition {
    /// The language, as site.yaml lists it.
    pub language: Language,
    /// Its folder in the output: `""` for the default, `"es/"` for others.
    pub prefix: String,
    /// The site's settings in this language.
    pub config: Config,
    /// The events in this language.
    pub chronology: Chronology,
    /// Interface strings.
    pub strings: Strings,
    /// The pages that are not events, in this language, in navigation
    /// order.
    pub pages: Vec<ContentPage>,
    /// The terms of its search index: those of the previous build, patched,
    /// before it is written (when an edit allows), then those it was made
    /// from.
    pub terms: search::Slot,
}

/// Every edition, the default first. The default edition reads
/// `chronology` as it is; the others, translated.
pub fn all(
    config: &Config,
    strings: &BTreeMap<String, Text>,
    chronology: Chronology,
    pages: &[ContentPage],
) -> Result<Vec<Edition>> {
    let default = &config.languages[0].code;
    let fallback = !config.is_multilingual();
    let mut errors = Vec::new();
    let mut editions = Vec::new();
    let mut original = Some(chronology);
    for (index, language) in config.languages.iter().enumerate().rev() {
        let prefix = if index == 0 {
            String::new()
        } else {
            format!("{}/", language.code)
        };
        let own = strings.get(&language.code);
        let strings = match Strings::new(&language.code, own, fallback) {
            Ok(strings) => strings,
            Err(error) => {
                errors.push(error);
                continue;
            }
        };
        let chronology = match (index, &original) {
            (0, _) => original.take(),
            (_, Some(original)) => Some(localise(original, &language.code, default)),
            (_, None) => None,
        };
        if let Some(chronology) = chronology {
            editions.push(Edition {
                pages: pages
                    .iter()
                    .map(|page| page.in_language(&language.code, default))
                    .collect(),
                language: language.clone(),
                config: localise_config(config, language, &prefix),
                chronology,
                prefix,
                strings,
                terms: search::Slot::default(),
            });
        }
    }
    errors.reverse();
    crate::Error::collect(errors)?;
    editions.reverse();
    Ok(editions)
}

impl Edition {
    /// Whether the edition publishes `page`: every page but the events it
    /// has no translation of, which its listings, search and links show
    /// from the default edition instead (marked with their language).
    pub fn has_page(&self, page: &PagePath) -> bool {
        match page {
            PagePath::Event(slug) => self
                .chronology
                .get(slug)
                .is_some_and(|index| self.has_event(index)),
            _ => true,
        }
    }

    /// Whether the edition publishes the page of its event `index`.
    pub fn has_event(&self, index: usize) -> bool {
        self.chronology
            .events
            .get(index)
            .is_some_and(|event| event.shown_in.is_none())
    }
}

fn localise_config(config: &Config, language: &Language, prefix: &str) -> Config {
    let mut local = config.clone();
    if let Some(title) = &language.title {
        local.title = title.clone();
    }
    if let Some(description) = &language.description {
        local.description = description.clone();
    }
    local.language = language.code.clone();
    local.base_url = config
        .base_url
        .as_ref()
        .map(|base| format!("{base}{prefix}"));
    for era in &mut local.eras {
        if let Some(text) = era.translations.get(&language.code) {
            era.name = text.name.clone().unwrap_or(era.name.clone());
            era.description = text.description.clone().or(era.description.take());
        }
    }
    local
}

/// The chronology with every event in `lang`, or marked as shown in
/// `default`; era names in `lang`.
fn localise(chronology: &Chronology, lang: &str, default: &str) -> Chronology {
    let mut local = chronology.clone();
    if lang == default {
        return local;
    }
    for event in &mut local.events {
        translate(event, lang, default);
    }
    local.localise_actors(lang);
    for group in &mut local.eras {
        if let Some(text) = group.era.translations.get(lang) {
            group.era.name = text.name.clone().unwrap_or(group.era.name.clone());
            group.era.description = text.description.clone().or(group.era.description.take());
        }
    }
    local
}

fn translate(event: &mut Event, lang: &str, default: &str) {
    let Some(translation) = event.translations.get(lang) else {
        event.shown_in = Some(default.to_string());
        return;
    };
    event.title = translation.title.clone();
    event.summary = translation.summary.clone();
    event.body = Body::from(translation.body.clone());
    event.file_links = translation.file_links.clone();
    if let Some(place) = &translation.place {
        // A stage at the event's place is at the translated place.
        for stage in &mut event.stages {
            if stage.place.is_some() && stage.place == event.place {
                stage.place = Some(place.clone());
            }
        }
        event.place = Some(place.clone());
    }
    for (source, title) in event.sources.iter_mut().zip(&translation.source_titles) {
        if title.is_some() {
            source.title = title.clone();
        }
    }
}
