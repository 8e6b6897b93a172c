//! Every page kind at a phone's, a split screen's and a desktop's width
//! (390, 600 and 1280 px): no sideways scrolling once scrolled to the end,
//! no page error, no axe-core violation, and no character a reader sees
//! that the fonts the stylesheet names lack (an icon is drawn in SVG
//! instead); and the axis and the theme switch as a reader uses them.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use serde_json::json;

use super::pages::{first_page, mixed};
use super::{ROOT, Site, file_url, files, generated, node, ready, repository};

/// Every page kind of `site` (the first of each), under `edition`.
fn kinds(site: &Site, edition: &str) -> Vec<String> {
    let base = file_url(&site.out);
    let mut pages = vec!["index.html".to_string(), "404.html".to_string()];
    if let Some(event) = site.reader["firstHref"].as_str() {
        pages.push(event.to_string());
    }
    for folder in ["tags", "actors", "eras", "sources"] {
        if site.out.join(folder).join("index.html").is_file() {
            pages.push(format!("{folder}/index.html"));
        }
        if folder != "sources" && site.out.join(folder).is_dir() {
            pages.push(first_page(&site.out, folder));
        }
    }
    pages
        .into_iter()
        .map(|page| format!("{base}{edition}{page}"))
        .collect()
}

#[test]
fn every_page_kind_reads_at_phone_split_screen_and_desktop_widths() {
    if !ready() {
        return;
    }
    let mut pages = kinds(repository(), "");
    pages.extend(kinds(repository(), "ru/"));
    pages.extend(kinds(generated(), "").into_iter().take(3));
    let raw = [
        (mixed(), "events/hostile.html"),
        (
            files::illustrated(),
            "events/1919-06-28-treaty-of-versailles.html",
        ),
    ];
    pages.extend(
        raw.iter()
            .map(|(site, page)| format!("{}{page}", file_url(&site.out))),
    );
    let axe = Path::new(ROOT).join("tests/tools/node_modules/axe-core/axe.min.js");
    let result = node("layout.mjs", &json!({"pages": pages, "axe": axe}));
    let problems: Vec<&str> = result["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let seen = result["chars"].as_str().unwrap();
    let missing = missing_glyphs(seen);
    assert!(
        missing.is_empty(),
        "not in the stylesheet's fonts ({:?}): {missing:?}",
        named_fonts()
    );
}

/// The font families style.css names (not the generic ones), as written.
fn named_fonts() -> Vec<String> {
    let css = std::fs::read_to_string(Path::new(ROOT).join("static/style.css")).unwrap();
    let generic = [
        "serif",
        "sans-serif",
        "monospace",
        "system-ui",
        "-apple-system",
    ];
    css.lines()
        .filter_map(|line| {
            let line = line.trim();
            ["--serif:", "--sans:", "font-family:"]
                .iter()
                .find_map(|key| line.strip_prefix(key))
        })
        .flat_map(|list| list.trim_end_matches([';', ' ', '}']).split(','))
        .map(|name| name.trim().trim_matches('"').to_string())
        .filter(|name| {
            !name.is_empty() && !generic.contains(&name.as_str()) && !name.starts_with("var(")
        })
        .collect()
}

/// The characters of `text` that no named font installed here has, with
/// the fonts fontconfig knows that have them.
fn missing_glyphs(text: &str) -> Vec<String> {
    let named: BTreeSet<String> = named_fonts().into_iter().collect();
    let installed: BTreeSet<String> = families(":").intersection(&named).cloned().collect();
    assert!(!installed.is_empty(), "none of {named:?} is installed");
    text.chars()
        .filter(|c| !c.is_whitespace())
        .filter_map(|c| {
            let with = families(&format!(":charset={:x}", c as u32));
            let named_with: Vec<&String> = with.intersection(&installed).collect();
            named_with
                .is_empty()
                .then(|| format!("{c} (U+{:04X}; in {with:?})", c as u32))
        })
        .collect()
}

/// The families fontconfig lists for a pattern.
fn families(pattern: &str) -> BTreeSet<String> {
    let output = Command::new("fc-list")
        .args([pattern, "family"])
        .output()
        .unwrap_or_else(|e| panic!("fc-list (apt-get install fontconfig): {e}"));
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .flat_map(|line| line.split(','))
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
        .collect()
}

#[test]
fn the_axis_on_a_phone_starts_at_the_latest_events_and_tab_reaches_every_mark() {
    if !ready() {
        return;
    }
    let site = repository();
    let result = node("axis.mjs", &json!({"base": file_url(&site.out)}));
    assert_eq!(result["detail"], 9, "the nine events of May 2025: {result}");
}

#[test]
fn the_theme_switch_is_remembered_from_disk_and_applied_before_the_body() {
    if !ready() {
        return;
    }
    let site = repository();
    let input = json!({"base": file_url(&site.out), "event": site.reader["firstHref"]});
    let result = node("theme.mjs", &input);
    assert_ne!(result["light"], result["dark"]);
}
