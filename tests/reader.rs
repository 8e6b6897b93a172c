//! The index's time axis, filters and search index, as built for the mixed
//! fixture: parsed, not eyeballed.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::{attrs, broken_links, build_ok, fixture, page, texts};
use serde_json::Value;

#[test]
fn the_axis_links_every_event_in_time_order() {
    let site = fixture("mixed");
    build_ok(site.path());
    let index = page(site.path(), "index.html");
    assert_eq!(texts(&index, "svg > title"), ["Time axis"]);
    assert_eq!(texts(&index, "svg > desc").len(), 1);
    let labels = attrs(&index, ".axis .mark", "aria-label");
    assert_eq!(
        labels,
        [
            "Battle of Kadesh, c. 1274 BCE",
            "Egyptian–Hittite peace treaty, c. 1259 BCE",
            "Congress of Vienna, September 1814 – 9 June 1815",
            "Establecimiento de relaciones diplomáticas, 14 March 1945",
            "Visit to the USSR, 1976",
            "<script>alert('x')</script> & friends, November 1976",
            "More than 350 agreements, 2019",
            "Договор о стратегическом партнёрстве, 7 May 2025",
            "Victory Day parade, 9 May 2025",
        ],
        "one mark per event, left to right; nine months of 3300 years is a dot"
    );
    assert_eq!(attrs(&index, ".axis .mark.dot", "href").len(), 9);
    assert_eq!(
        attrs(&index, ".axis .mark", "href")[0],
        "events/kadesh.html"
    );
    assert_eq!(
        attrs(&index, ".axis .mark.circa", "aria-label"),
        [
            "Battle of Kadesh, c. 1274 BCE",
            "Egyptian–Hittite peace treaty, c. 1259 BCE"
        ]
    );
    assert_eq!(
        attrs(&index, ".axis .band", "aria-label"),
        ["Era: Bronze Age", "Era: Guerra Fría"]
    );
    let ticks = texts(&index, ".axis .ticks text");
    assert_eq!(ticks.first().map(String::as_str), Some("1000 BCE"));
    assert_eq!(ticks.last().map(String::as_str), Some("2000"));
    let problems = broken_links(&site.path().join("public"));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_filters_name_every_tag_actor_and_era() {
    let site = fixture("mixed");
    build_ok(site.path());
    let index = page(site.path(), "index.html");
    let tags = page(site.path(), "tags/index.html");
    assert_eq!(
        texts(&index, "fieldset.checks:nth-of-type(1) label"),
        texts(&tags, ".groups a")
    );
    assert_eq!(
        attrs(&index, "input[name=era]", "value"),
        ["bronze-age", "guerra-fria"]
    );
    assert_eq!(attrs(&index, "#finder", "hidden"), [""], "hidden until JS");
    assert_eq!(
        attrs(&index, "script", "src"),
        ["annals.js", "search-index.js", "search.js"]
    );
}

/// The search index as search.js reads it: the manifest, and every shard
/// of search/ by name.
struct SearchIndex {
    manifest: Value,
    shards: BTreeMap<String, Value>,
}

impl SearchIndex {
    fn read(root: &Path) -> SearchIndex {
        let text = fs::read_to_string(root.join("public/search-index.js")).unwrap();
        let json = text
            .strip_prefix("window.annalsSearch=")
            .and_then(|rest| rest.strip_suffix(";\n"))
            .expect("a script that assigns one object");
        let mut shards = BTreeMap::new();
        for entry in fs::read_dir(root.join("public/search")).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            if name == "stem" {
                continue; // the stemmer: code, not data (tests/stemming.rs)
            }
            let text = fs::read_to_string(&path).unwrap();
            let json = text
                .strip_prefix(&format!("annalsShard(\"{name}\","))
                .and_then(|rest| rest.strip_suffix(");\n"))
                .unwrap_or_else(|| panic!("{name}: a script that registers its data"));
            shards.insert(name, serde_json::from_str(json).unwrap());
        }
        SearchIndex {
            manifest: serde_json::from_str(json).unwrap(),
            shards,
        }
    }

    /// The items of shards `<prefix>0`, `<prefix>1`, … in order, as many as
    /// there are.
    fn items(&self, prefix: &str) -> Vec<Value> {
        (0..)
            .map_while(|k| self.shards.get(&format!("{prefix}{k}")))
            .flat_map(|shard| shard.as_array().unwrap().clone())
            .collect()
    }

    /// The word entry with this key and form.
    fn word(&self, key: &str, form: &str) -> Vec<Vec<u32>> {
        let entry = self
            .items("w")
            .into_iter()
            .find(|w| w[0] == key && w.get(4).unwrap_or(&w[0]) == form)
            .unwrap_or_else(|| panic!("no word {key:?} ({form})"));
        lists(&entry)
    }

    /// The word family entry of this stem, `[stem, title, names, text, 0]`.
    fn family(&self, stem: &str) -> Option<Vec<Vec<u32>>> {
        let entries = self.items("w").into_iter();
        let mut found = entries.filter(|w| w[0] == stem && w.get(4) == Some(&Value::from(0)));
        found.next().map(|entry| lists(&entry))
    }
}

/// An entry's posting lists: title, names, text.
fn lists(entry: &Value) -> Vec<Vec<u32>> {
    (1..4)
        .map(|field| postings(entry.get(field).and_then(Value::as_str).unwrap_or("")))
        .collect()
}

const DIGITS: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// A stream of base-32 numbers (see src/search/encode.rs).
fn numbers(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut value = 0;
    for c in text.chars() {
        let digit = DIGITS.find(c).unwrap() as u64;
        value = value * 32 + digit % 32;
        if digit < 32 {
            out.push(value);
            value = 0;
        }
    }
    out
}

/// A posting list: gaps, or a bitmap after `~`.
fn postings(text: &str) -> Vec<u32> {
    if let Some(bits) = text.strip_prefix('~') {
        let set = bits.chars().enumerate().flat_map(|(k, c)| {
            let value = DIGITS.find(c).unwrap();
            (0..6)
                .filter(move |b| value & (1 << b) != 0)
                .map(move |b| (6 * k + b) as u32)
        });
        return set.collect();
    }
    let mut at = 0;
    let gaps = numbers(text).into_iter().enumerate();
    gaps.map(|(n, gap)| {
        at = if n == 0 { gap } else { at + gap };
        at as u32
    })
    .collect()
}

fn unzigzag(n: u64) -> i64 {
    (n >> 1) as i64 ^ -((n & 1) as i64)
}

#[test]
fn the_search_index_holds_every_event_and_body_word() {
    let site = fixture("mixed");
    build_ok(site.path());
    let index = SearchIndex::read(site.path());
    assert_eq!(index.manifest["v"], 3);
    assert_eq!(index.manifest["events"], 9);
    assert_eq!(index.manifest["records"], serde_json::json!([16, 256]));
    let records = index.items("e16-");
    let slugs: Vec<&str> = records.iter().map(|e| e[0].as_str().unwrap()).collect();
    assert_eq!(slugs.len(), 9);
    assert_eq!(slugs[0], "kadesh");
    assert_eq!(records[0][2], "c. 1274 BCE");
    assert_eq!(
        records,
        index.items("e256-"),
        "the large blocks hold the same"
    );
    let years = numbers(index.shards["years"]["from"].as_str().unwrap());
    assert_eq!(unzigzag(years[0]), -1273, "astronomical year of 1274 BCE");
    let words = index.items("w");
    let keys: Vec<&str> = words.iter().map(|w| w[0].as_str().unwrap()).collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(keys, sorted, "sorted for prefix search");
    let ranges: Vec<Value> = (0..)
        .map_while(|k| index.shards.get(&format!("w{k}")))
        .map(|shard| {
            let entries = shard.as_array().unwrap();
            serde_json::json!([entries[0][0], entries[entries.len() - 1][0]])
        })
        .collect();
    assert_eq!(index.manifest["words"], Value::Array(ranges));
    assert_eq!(
        index.word("aftermath", "aftermath")[2],
        [0],
        "only the first event (kadesh) has it in its text"
    );
    for word in ["alert", "javascript"] {
        let in_text = words
            .iter()
            .any(|w| w[0] == word && w.get(3).is_some_and(|t| t != ""));
        assert!(
            !in_text,
            "{word}: a body's raw HTML and link targets are not indexed"
        );
    }
    assert_eq!(index.word("raw", "raw")[2], [5], "but its text is");
}

#[test]
fn the_search_index_lists_each_event_under_its_best_field() {
    let site = fixture("mixed");
    build_ok(site.path());
    let index = SearchIndex::read(site.path());
    let kadesh = index.word("kadesh", "kadesh");
    assert_eq!(kadesh[0], [0], "the Battle of Kadesh, in Kadesh: its title");
    assert!(kadesh[1].is_empty(), "not its place again");
    assert_eq!(kadesh[2], [1], "the peace treaty's text names Kadesh");
    let maduro = index.word("nicolas", "nicolás");
    assert_eq!(
        maduro,
        [vec![], vec![7], vec![]],
        "an actor, accents folded"
    );
    assert_eq!(index.word("москва", "москва")[1], [7], "a place");
    let tags = index.manifest["tags"].as_array().unwrap();
    let treaty = tags.iter().position(|t| t[0] == "treaty").unwrap();
    let groups = index.items("g");
    assert_eq!(postings(groups[treaty].as_str().unwrap()), [1, 2, 7]);
    let eras = tags.len() + index.manifest["actors"].as_array().unwrap().len();
    assert_eq!(
        postings(groups[eras].as_str().unwrap()),
        [0, 1],
        "the Bronze Age"
    );
}

#[test]
fn the_repositorys_axis_draws_its_2025_events_one_by_one() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut opts = annals::BuildOptions::new(env!("CARGO_MANIFEST_DIR"));
    opts.output = Some(dir.path().to_path_buf());
    annals::build(&opts).unwrap_or_else(|e| panic!("{e}"));
    let index =
        scraper::Html::parse_document(&fs::read_to_string(dir.path().join("index.html")).unwrap());
    let in_2025: Vec<String> = texts(&index, "[id^=y2025] .event-title");
    assert_eq!(in_2025.len(), 9);
    assert_eq!(
        attrs(&index, ".axis-scroll .mark.cluster", "href"),
        ["#axis-detail"],
        "the overview's crowd leads to its detail"
    );
    assert_eq!(texts(&index, "#axis-detail-title"), ["In detail: May 2025"]);
    let mut detailed: Vec<String> = attrs(&index, "#axis-detail .mark", "aria-label")
        .into_iter()
        .map(|label| label.rsplit_once(", ").unwrap().0.to_string())
        .collect();
    detailed.sort();
    let mut titles = in_2025.clone();
    titles.sort();
    assert_eq!(detailed, titles, "one mark per event of 2025");
    assert_eq!(attrs(&index, "#axis-detail .mark.cluster", "href").len(), 0);
    assert_eq!(attrs(&index, ".axis figcaption a", "href"), ["#browse"]);
    assert_eq!(attrs(&index, "#browse", "class"), ["chronology"]);
    let problems = broken_links(dir.path());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_search_index_groups_word_families_under_their_stem() {
    let site = fixture("mixed");
    build_ok(site.path());
    let index = SearchIndex::read(site.path());
    assert_eq!(index.manifest["stem"], true, "English has a stemmer");
    assert!(site.path().join("public/search/stem.js").is_file());
    let treaty = index.word("treaty", "treaty");
    let treaties = index.word("treaties", "treaties");
    assert_eq!(treaty, [vec![1], vec![2, 7], vec![0, 3]]);
    assert_eq!(treaties, [vec![], vec![], vec![1]]);
    assert_eq!(
        index.family("treati"),
        Some(vec![vec![1], vec![2, 7], vec![0, 3]]),
        "the events of both, each under its best field: 1 has \"treaty\" in its title"
    );
    assert_eq!(index.word("kadesh", "kadesh")[0], [0]);
    assert_eq!(
        index.family("kadesh"),
        None,
        "a family of one word is that word"
    );
}
