//! `actors.json`: every actor the events name, with the declared ones'
//! names, dates, successions and Wikidata items, and the pairs of states
//! that share events.
//!
//! ```json
//! {"actors": [{"slug": "ussr", "declared": true, "name": "…", "short": "USSR",
//!              "aliases": […], "kind": "state", "from": "1922-12-30",
//!              "until": "1991-12-26", "succeeded_by": [{"slug": "russia",
//!              "as": "continuator"}], "wikidata": "Q15180", "page": "actors/ussr.html",
//!              "url": "https://…", "events": ["1945-03-14-relations", …]}],
//!  "pairs": [{"actors": ["russia", "venezuela"], "page": "…", "events": […]}]}
//! ```
//!
//! Names are in the edition's language; dates as written (`1991-12-26`,
//! `1976`, `-0044` for 44 BCE).

use serde::Serialize;

use crate::actor::{Actor, Kind, Succession};
use crate::chronology::{Chronology, Group};
use crate::config::Config;
use crate::page_path::{Listing, PagePath};

#[derive(Serialize)]
struct Document<'a> {
    actors: Vec<ActorRecord<'a>>,
    pairs: Vec<PairRecord<'a>>,
}

#[derive(Serialize)]
struct ActorRecord<'a> {
    slug: &'a str,
    declared: bool,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    short: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    aliases: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<Kind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    until: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    succeeded_by: Vec<SuccessorRecord<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    wikidata: Option<&'a str>,
    page: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    events: Vec<&'a str>,
}

#[derive(Serialize)]
struct SuccessorRecord<'a> {
    slug: &'a str,
    #[serde(rename = "as")]
    succession: Succession,
}

#[derive(Serialize)]
struct PairRecord<'a> {
    actors: [&'a str; 2],
    page: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    events: Vec<&'a str>,
}

/// The document, as JSON text.
pub(super) fn document(chronology: &Chronology, config: &Config) -> Vec<u8> {
    let slugs = |events: &[usize]| -> Vec<&str> {
        events
            .iter()
            .map(|&i| chronology.events[i].slug.as_str())
            .collect()
    };
    let actors = chronology
        .actors
        .iter()
        .map(|group| {
            let page = PagePath::listing(Listing::Actor, &group.slug).to_string();
            let declared = chronology.declared.get(&group.slug);
            ActorRecord {
                url: config.url(&page),
                page,
                events: slugs(&group.events),
                ..record(group, declared)
            }
        })
        .collect();
    let pairs = chronology
        .pairs
        .iter()
        .map(|pair| {
            let page = PagePath::pair(&pair.slugs.0, &pair.slugs.1).to_string();
            PairRecord {
                actors: [&pair.slugs.0, &pair.slugs.1],
                url: config.url(&page),
                page,
                events: slugs(&pair.events),
            }
        })
        .collect();
    let mut json = serde_json::to_vec_pretty(&Document { actors, pairs }).unwrap_or_default();
    json.push(b'\n');
    json
}

/// What the group's declaration says, or only its name.
fn record<'a>(group: &'a Group, declared: Option<&'a Actor>) -> ActorRecord<'a> {
    let plain = |date: &Option<crate::date::HistoricalDate>| date.as_ref().map(|d| d.plain());
    let Some(actor) = declared else {
        return ActorRecord {
            slug: &group.slug,
            declared: false,
            name: &group.name,
            short: None,
            aliases: &[],
            kind: None,
            from: None,
            until: None,
            succeeded_by: Vec::new(),
            wikidata: None,
            page: String::new(),
            url: None,
            events: Vec::new(),
        };
    };
    ActorRecord {
        slug: &actor.slug,
        declared: true,
        name: &actor.name,
        short: actor.short.as_deref(),
        aliases: &actor.aliases,
        kind: Some(actor.kind),
        from: plain(&actor.from),
        until: plain(&actor.until),
        succeeded_by: actor
            .succeeded_by
            .iter()
            .map(|next| SuccessorRecord {
                slug: &next.slug,
                succession: next.succession,
            })
            .collect(),
        wikidata: actor.wikidata.as_deref(),
        page: String::new(),
        url: None,
        events: Vec::new(),
    }
}
