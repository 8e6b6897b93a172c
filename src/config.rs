//! `site.yaml`: the site's title, languages, base URL, eras and free
//! `extra:` data for templates.
//!
//! The file is optional; every field has a default. It is read strictly
//! (unknown keys are errors with a suggestion) and validated into [`Config`],
//! in which every era has a slug and ends no earlier than it starts.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::date::HistoricalDate;
use crate::error::{Error, Position, Result};
use crate::front_matter;
use crate::load::Sources;
use crate::markdown::HtmlMode;
use crate::slug::slugify;

/// The site configuration file, relative to the root.
pub const FILE: &str = crate::load::SITE_YAML;

/// How many entries the feed holds without `feed_limit:`: a feed reader
/// needs the recent ones, not the whole chronology.
pub const FEED_LIMIT: usize = 50;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<String>,
    description: Option<String>,
    base_url: Option<String>,
    language: Option<String>,
    author: Option<String>,
    cname: Option<String>,
    #[serde(default)]
    unsafe_html: bool,
    #[serde(default)]
    eras: Vec<RawEra>,
    languages: Option<Vec<Language>>,
    feed_limit: Option<usize>,
    #[serde(default)]
    extra: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEra {
    name: String,
    start: HistoricalDate,
    end: HistoricalDate,
    description: Option<String>,
    #[serde(default)]
    translations: BTreeMap<String, EraText>,
}

/// One language edition of the site, as `languages:` lists it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// A BCP 47 tag: `en`, `es`, `ru`.
    pub code: String,
    /// The language's name in itself, for the switcher: `Español`.
    pub name: String,
    /// The site's title in this language, if not the site's own.
    pub title: Option<String>,
    /// The site's description in this language, if not the site's own.
    pub description: Option<String>,
}

/// An era's name and description in another language.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EraText {
    /// The era's name in that language.
    pub name: Option<String>,
    /// The description in that language.
    pub description: Option<String>,
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site's title.
    pub title: String,
    /// One sentence about the site.
    pub description: String,
    /// The absolute URL the site is published at, ending in `/`, if known.
    pub base_url: Option<String>,
    /// The language of the content, as a BCP 47 tag (`en`).
    pub language: String,
    /// Who publishes the chronology.
    pub author: Option<String>,
    /// The custom domain GitHub Pages serves the site at (`CNAME`).
    pub cname: Option<String>,
    /// Whether raw HTML in bodies is sanitised (the default) or trusted
    /// (`unsafe_html: true`).
    pub html: HtmlMode,
    /// Named periods, in the order written.
    pub eras: Vec<Era>,
    /// The language editions, the default first; one, `language`, when
    /// site.yaml lists none.
    pub languages: Vec<Language>,
    /// How many entries `atom.xml` holds: the most recently added or
    /// changed events (`feed_limit:`, [`FEED_LIMIT`] by default).
    pub feed_limit: usize,
    /// Free data for templates (`site.extra`), as an event's `extra:` is.
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// A named period of the chronology.
#[derive(Debug, Clone)]
pub struct Era {
    /// As written: `Chávez presidency`.
    pub name: String,
    /// `chavez-presidency`.
    pub slug: String,
    /// First date of the era.
    pub start: HistoricalDate,
    /// Last date of the era, never before `start`.
    pub end: HistoricalDate,
    /// Optional prose.
    pub description: Option<String>,
    /// Name and description in other languages, by language code.
    pub translations: BTreeMap<String, EraText>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Chronology".into(),
            description: String::new(),
            base_url: None,
            language: "en".into(),
            author: None,
            cname: None,
            html: HtmlMode::Sanitise,
            eras: Vec::new(),
            languages: vec![Language::named("en")],
            feed_limit: FEED_LIMIT,
            extra: BTreeMap::new(),
        }
    }
}

impl Language {
    /// A language known only by its tag.
    fn named(code: &str) -> Language {
        Language {
            code: code.to_string(),
            name: code.to_string(),
            title: None,
            description: None,
        }
    }
}

impl Config {
    /// The site's settings: its `site.yaml`, or the defaults without one.
    pub fn of(sources: &Sources) -> Result<Config> {
        match &sources.site {
            Some(site) => Config::parse(&site.text),
            None => Ok(Config::default()),
        }
    }

    /// Parses and validates the text of `site.yaml`; blank text gives the
    /// defaults.
    pub fn parse(text: &str) -> Result<Config> {
        let raw: RawConfig = if text.trim().is_empty() {
            RawConfig::default()
        } else {
            front_matter::parse(Path::new(FILE), text, 1)?
        };
        validate(raw, text)
    }

    /// Overrides the base URL (from `--base-url`); an empty string clears it.
    pub fn set_base_url(&mut self, url: &str) -> Result<()> {
        self.base_url = normalise_base_url(Some(url.to_string()))
            .map_err(|message| Error::Usage(format!("--base-url: {message}")))?;
        Ok(())
    }

    /// The locale dates are written in: that of `language`.
    pub fn locale(&self) -> crate::date::Locale {
        crate::date::Locale::of(&self.language)
    }

    /// True when the site has more than one language edition.
    pub fn is_multilingual(&self) -> bool {
        self.languages.len() > 1
    }

    /// The absolute URL of `path` (from the output root; `""` is the site
    /// itself), when the base URL is known.
    pub fn url(&self, path: &str) -> Option<String> {
        self.base_url.as_ref().map(|base| format!("{base}{path}"))
    }

    /// The absolute URL of a page, a folder's `index.html` named by its
    /// folder (`tags/index.html` → `…/tags/`), as servers answer it.
    pub fn page_url(&self, path: &str) -> Option<String> {
        let folder = path
            .strip_suffix("index.html")
            .filter(|rest| rest.is_empty() || rest.ends_with('/'));
        self.url(folder.unwrap_or(path))
    }
}

fn validate(raw: RawConfig, text: &str) -> Result<Config> {
    let path = Path::new(FILE);
    let at = |key: &str| {
        let line = front_matter::key_line(text, key, 1, usize::MAX).unwrap_or(0);
        Position::at(path, line, 0)
    };
    let mut errors = Vec::new();
    let base_url = normalise_base_url(raw.base_url).unwrap_or_else(|message| {
        errors.push(Error::content(at("base_url"), message));
        None
    });
    let cname = check_cname(raw.cname).unwrap_or_else(|message| {
        errors.push(Error::content(at("cname"), message));
        None
    });
    let languages =
        check_languages(raw.languages, raw.language.as_deref()).unwrap_or_else(|message| {
            errors.push(Error::content(at("languages"), message));
            vec![Language::named("en")]
        });
    let mut eras: Vec<Era> = Vec::new();
    for era in raw.eras {
        let slug = slugify(&era.name);
        let message = if slug.is_empty() {
            Some(format!(
                "era {:?}: the name needs letters or digits",
                era.name
            ))
        } else if era.end < era.start {
            Some(format!(
                "era {:?} ends ({}) before it starts ({})",
                era.name,
                era.end.plain(),
                era.start.plain()
            ))
        } else if eras.iter().any(|e| e.slug == slug) {
            Some(format!("era {:?}: another era has the same name", era.name))
        } else if let Some(code) = era
            .translations
            .keys()
            .find(|code| !languages[1..].iter().any(|l| &l.code == *code))
        {
            Some(format!(
                "era {:?}: translations: {code:?} is not one of the other languages in `languages:`",
                era.name
            ))
        } else {
            None
        };
        if let Some(message) = message {
            errors.push(Error::content(era_at(text, &era.name), message));
            continue;
        }
        eras.push(Era {
            name: era.name,
            slug,
            start: era.start,
            end: era.end,
            description: era.description,
            translations: era.translations,
        });
    }
    Error::collect(errors)?;
    let defaults = Config::default();
    Ok(Config {
        title: raw.title.unwrap_or(defaults.title),
        description: raw.description.unwrap_or_default(),
        base_url,
        language: languages[0].code.clone(),
        author: raw.author,
        cname,
        html: if raw.unsafe_html {
            HtmlMode::Trust
        } else {
            HtmlMode::Sanitise
        },
        eras,
        languages,
        feed_limit: raw.feed_limit.unwrap_or(FEED_LIMIT),
        extra: raw.extra,
    })
}

/// `languages:` checked: codes are tags, unique, and the first agrees with
/// `language:`. Without it, the one language is `language:` (or `en`).
fn check_languages(
    languages: Option<Vec<Language>>,
    language: Option<&str>,
) -> Result<Vec<Language>, String> {
    let Some(languages) = languages else {
        return Ok(vec![Language::named(language.unwrap_or("en"))]);
    };
    let Some(first) = languages.first() else {
        return Err("languages: list at least one language".into());
    };
    if let Some(language) = language.filter(|l| *l != first.code) {
        return Err(format!(
            "language {language:?} differs from the first of `languages:` ({:?}): keep one",
            first.code
        ));
    }
    for (index, lang) in languages.iter().enumerate() {
        let tag_ok = !lang.code.is_empty()
            && lang.code.split('-').all(|part| {
                !part.is_empty()
                    && part.len() <= 8
                    && part.chars().all(|c| c.is_ascii_alphanumeric())
            });
        if !tag_ok {
            return Err(format!(
                "languages: {:?} is not a language tag such as `es` or `pt-BR`",
                lang.code
            ));
        }
        if languages[..index].iter().any(|l| l.code == lang.code) {
            return Err(format!("languages: {:?} is listed twice", lang.code));
        }
    }
    Ok(languages)
}

/// The line of `name: <era name>` in site.yaml.
fn era_at(text: &str, name: &str) -> Position {
    let line = text
        .lines()
        .position(|line| line.contains("name:") && line.contains(name))
        .map_or(0, |index| index + 1);
    Position::at(FILE, line, 0)
}

/// `https://x.github.io/repo` → `https://x.github.io/repo/`; only http(s).
fn normalise_base_url(url: Option<String>) -> Result<Option<String>, String> {
    let Some(url) = url.map(|u| u.trim().to_string()).filter(|u| !u.is_empty()) else {
        return Ok(None);
    };
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(format!(
            "base_url {url:?} must be an absolute http:// or https:// URL"
        ));
    }
    Ok(Some(if url.ends_with('/') {
        url
    } else {
        format!("{url}/")
    }))
}

/// A custom domain is a bare host name: `chronology.example.org`.
fn check_cname(cname: Option<String>) -> Result<Option<String>, String> {
    let Some(cname) = cname
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
    else {
        return Ok(None);
    };
    let label_ok = |label: &str| {
        !label.is_empty()
            && !label.starts_with('-')
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    if cname.contains('.') && cname.split('.').all(label_ok) {
        Ok(Some(cname.to_ascii_lowercase()))
    } else {
        Err(format!(
            "cname {cname:?} must be a bare domain name such as chronology.example.org (no https://, no path)"
        ))
    }
}

#[cfg(test)]
mod tests;
